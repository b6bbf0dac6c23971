// The <select> of templates or lists a campaign form offers: "name (#id)" of the first 500, newest first.
import { api } from './api.js';
import { attempt, el, fill } from './dom.js';

/**
 * Fills select with the items of GET /{path}?size=500 (lists without their counts, which would read every recipient),
 * selected the one whose id is selected (if any).
 */
export async function choices(select, path, selected) {
  const answer = await attempt(() => api.get(path + '?size=500' + (path === 'lists' ? '&counts=false' : '')));
  fill(select, (answer ? answer.items : []).map((i) => el('option', { value: i.id, selected: i.id === selected },
    `${i.name} (#${i.id})`)));
  if (selected !== undefined && select.value !== String(selected)) {  // not among the first 500: offered anyway
    select.append(el('option', { value: selected, selected: true }, '#' + selected));
  }
}

/**
 * Fills select with the sending accounts of GET /accounts, "name (host:port, health)", the default first; with
 * noneLabel, an empty first option (no fallback).
 */
export async function accountChoices(select, noneLabel) {
  const accounts = (await attempt(() => api.get('accounts'))) || [];
  fill(select, [noneLabel ? el('option', { value: '' }, noneLabel) : null,
    ...accounts.map((a) => el('option', { value: a.name },
      `${a.name} (${a.host}:${a.port}, ${a.health ? a.health.status : 'UNKNOWN'})`))].filter((o) => o));
}
