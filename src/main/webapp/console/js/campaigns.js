// The campaigns page: every campaign (paged, newest first) with its status, progress, rate, counts and schedule,
// kept live by the server-sent events of GET /campaigns/events; each action behind a confirmation; a new draft.
import { api, progressEvents, query } from './api.js';
import { $, attempt, counts, el, fill, pager, progressBar, table, when } from './dom.js';
import { campaignActions } from './actions.js';
import { accountChoices, choices } from './choices.js';
import { start } from './page.js';

const me = await start('campaigns.html');
const shown = new Map();
let page = 0;

/** The cells an event changes, each drawn into a span named "<cell>-<campaign id>". */
const LIVE = {
  status: (c) => [el('span', { class: 'status' }, c.status), c.statusReason ? el('div', {}, c.statusReason) : null,
    c.lastError && c.lastError !== c.statusReason ? el('div', { class: 'hint' }, c.lastError) : null],
  progress: (c) => [progressBar(c.progress, 'progress of ' + c.name), el('div', {}, `${c.done ?? 0} / ${c.total ?? 0}`)],
  rate: (c) => (c.rate === undefined ? '—' : c.rate.toFixed(1) + ' /s'),
  counts: (c) => counts(c.counts),
  actions: (c) => campaignActions(c, me, load),
};
const live = (name) => (c) => el('span', { id: `${name}-${c.id}` }, LIVE[name](c));

const COLUMNS = [
  { title: 'Name', cell: (c) => el('a', { href: 'campaign.html?id=' + c.id }, c.name) },
  { title: 'Status', cell: live('status') },
  { title: 'Progress', cell: live('progress') },
  { title: 'Rate', cell: live('rate') },
  { title: 'Counts', cell: live('counts') },
  { title: 'Schedule', cell: (c) => (c.cron ? 'cron ' + c.cron : c.sendAt ? when(c.sendAt) : '—') },
  { title: 'Created', cell: (c) => when(c.createdAt) },
  { title: 'Actions', cell: live('actions') },
];

async function load() {
  const answer = await attempt(() => api.get('campaigns' + query({ status: $('#status').value, q: $('#q').value, page, size: 50 })));
  if (answer) {
    shown.clear();
    answer.items.forEach((c) => shown.set(c.id, c));
    fill($('#campaigns'), table(COLUMNS, answer.items, 'No campaign matches.'), pager(answer, (p) => { page = p; load(); }));
  }
}

function update(event) {
  const c = shown.get(event.id);
  if (c) {
    Object.assign(c, event);
    for (const name of Object.keys(LIVE)) {
      const cell = document.getElementById(`${name}-${c.id}`);
      if (cell) {
        fill(cell, LIVE[name](c));
      }
    }
  }
}

$('#filters').addEventListener('submit', (e) => { e.preventDefault(); page = 0; load(); });
if (me.admin) {
  choices($('#template'), 'templates');
  choices($('#list'), 'lists');
  accountChoices($('#account'));
  accountChoices($('#fallback-account'), 'none');
  $('#new-campaign').addEventListener('submit', async (e) => {
    e.preventDefault();
    const created = await attempt(() => api.post('campaigns', { name: $('#name').value,
      templateId: Number($('#template').value), listId: Number($('#list').value),
      fromAddress: $('#from-address').value, fromName: $('#from-name').value || null,
      account: $('#account').value || null, fallbackAccount: $('#fallback-account').value || null }));
    if (created) {
      location.assign('campaign.html?id=' + created.id);
    }
  });
}
await load();
progressEvents('campaigns/events', update);
