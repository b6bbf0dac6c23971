// A campaign's page: live progress and rate (GET /campaigns/{id}/events), its counts and settings, its actions,
// for an admin the edit form of a draft (PUT /campaigns/{id}), the statistics of GET /campaigns/{id}/stats as
// charts, and its deliveries (filtered by status, paged).
import { api, progressEvents, query } from './api.js';
import { $, attempt, counts, el, fill, pager, param, progressBar, smtpReply, table, when } from './dom.js';
import { barChart, lineChart } from './chart.js';
import { campaignActions } from './actions.js';
import { choices } from './choices.js';
import { start } from './page.js';

const FINAL = ['SENT', 'FAILED', 'SKIPPED', 'UNKNOWN', 'CANCELLED', 'BOUNCED'];
const me = await start('campaigns.html');
const id = Number(param('id'));
const rates = [];
let campaign = null;
let page = 0;
let overall = 'waiting for samples';

function rateChart() {
  return lineChart('Send rate (messages/s, while this page is open)', rates, 'chart-rate', ' /s', overall);
}

/** total, done and progress from the counts when the view does not carry them. */
function withProgress(c) {
  const values = Object.entries(c.counts || {});
  const total = c.total ?? values.reduce((s, [, n]) => s + n, 0);
  const done = c.done ?? values.filter(([s]) => FINAL.includes(s)).reduce((s, [, n]) => s + n, 0);
  return { ...c, total, done, progress: c.progress ?? (total ? done / total : 0) };
}

function figure(term, value, valueId) {
  return el('div', {}, el('dt', {}, term), el('dd', { id: valueId }, value));
}

function draw() {
  const c = campaign;
  fill($('#title'), c.name);
  document.title = c.name + ' · Herald';
  if ($('#actions').dataset.status !== c.status) {  // redrawn only on a change, so keyboard focus stays put
    $('#actions').dataset.status = c.status;
    fill($('#actions'), campaignActions(c, me, (name, result) => {
      if (name === 'clone' || name === 'delete') {
        location.assign(name === 'clone' ? 'campaign.html?id=' + result.id : 'campaigns.html');
      } else {
        reload();
      }
    }));
  }
  const last = rates.length ? rates[rates.length - 1].v : null;
  fill($('#summary'),
    el('p', {}, el('span', { class: 'status', id: 'status' }, c.status), ' ', c.statusReason || '',
      c.lastError && c.lastError !== c.statusReason ? el('span', { class: 'hint' }, ' last error: ' + c.lastError) : null),
    el('p', { id: 'progress' }, progressBar(c.progress, 'progress'), ` ${c.done} of ${c.total} done`),
    el('dl', { class: 'figures' },
      figure('Rate', last === null ? '—' : last.toFixed(1) + ' /s', 'rate'),
      figure('Counts', counts(c.counts), 'counts'),
      figure('From', `${c.fromName || ''} <${c.fromAddress || ''}>`),
      figure('Account', c.settings.account + (c.settings.fallbackAccount ? `, falling back on ${c.settings.fallbackAccount}` : ''), 'account'),
      figure('Template', el('a', { href: 'template.html?id=' + c.templateId }, '#' + c.templateId)),
      figure('List', el('a', { href: 'list.html?id=' + c.listId }, '#' + c.listId)),
      figure('Created', when(c.createdAt)), figure('Started', when(c.startedAt)), figure('Finished', when(c.finishedAt))));
}

async function reload() {
  const c = await attempt(() => api.get('campaigns/' + id));
  if (c) {
    campaign = withProgress(c);
    draw();
    editForm(c);
  }
}

/** The edit form shows a DRAFT's (a scheduled one's too) current fields; any other status hides it. */
function editForm(c) {
  const section = $('#edit');
  if (!section) {
    return;                                  // an operator's page: the form was removed
  }
  section.hidden = c.status !== 'DRAFT';
  if (!section.hidden) {
    $('#edit-name').value = c.name;
    $('#edit-from-address').value = c.fromAddress || '';
    $('#edit-from-name').value = c.fromName || '';
    $('#edit-reply-to').value = c.replyTo || '';
    choices($('#edit-template'), 'templates', c.templateId);
    choices($('#edit-list'), 'lists', c.listId);
  }
}

/**
 * PUT replaces the whole campaign: the delivery policy and priority the form does not show are sent as they are,
 * except a maxPerSecond or partitions of 0 (none, the server's default), which PUT takes as a missing field.
 */
function unchangedSettings(settings) {
  const { maxPerSecond, partitions, ...policy } = settings || {};
  return { ...policy, ...(maxPerSecond ? { maxPerSecond } : {}), ...(partitions ? { partitions } : {}) };
}

async function save(e) {
  e.preventDefault();
  const saved = await attempt(() => api.put('campaigns/' + id, { ...unchangedSettings(campaign.settings), priority: campaign.priority,
    name: $('#edit-name').value, templateId: Number($('#edit-template').value), listId: Number($('#edit-list').value),
    fromAddress: $('#edit-from-address').value, fromName: $('#edit-from-name').value || null,
    replyTo: $('#edit-reply-to').value || null }), 'Saved.');
  if (saved) {
    campaign = withProgress(saved);
    draw();
    editForm(saved);
  }
}

async function stats() {
  const s = await attempt(() => api.get(`campaigns/${id}/stats`));
  if (!s) {
    return;
  }
  const latency = s.latency || {};
  const t = s.throughput;
  if (t && t.messagesPerSecond != null) {
    overall = `overall ${t.messagesPerSecond.toFixed(1)} /s (${t.accepted} accepted in ${Math.round(t.seconds)} s)`;
  }
  fill($('#charts'),
    barChart('Deliveries by status', Object.entries(s.byStatus || {}).map(([label, value]) =>
      ({ label, value, bad: ['FAILED', 'BOUNCED', 'UNKNOWN'].includes(label) })), 'chart-status'),
    rateChart(),
    barChart('SMTP latency (ms)', [['average', latency.averageMs], ['95th percentile', latency.p95Ms],
      ['maximum', latency.maxMs]].filter(([, v]) => v != null).map(([label, v]) => ({ label, value: Math.round(v) })),
    'chart-latency', ' ms'),
    barChart('Top failure reasons', (s.topFailureReasons || []).map((r) => ({ bad: true, value: r.count,
      label: [r.smtpCode, r.enhancedCode, r.pattern].filter((x) => x != null).join(' ') })), 'chart-failures'));
}

const DELIVERY_COLUMNS = [
  { title: 'Address', cell: (d) => d.email },
  { title: 'Status', cell: (d) => d.status },
  { title: 'Attempts', cell: (d) => String(d.attempts) },
  { title: 'Reply', cell: (d) => smtpReply(d.smtpCode, d.replyText || d.reason) },
  { title: 'Sent', cell: (d) => when(d.sentAt) },
];

async function deliveries() {
  const answer = await attempt(() => api.get(`campaigns/${id}/deliveries` + query({ status: $('#delivery-status').value, page, size: 50 })));
  if (answer) {
    fill($('#deliveries'), table(DELIVERY_COLUMNS, answer.items, 'No delivery matches.'),
      pager(answer, (p) => { page = p; deliveries(); }));
  }
}

function onProgress(event) {
  const finished = campaign && campaign.status !== event.status && !['RUNNING', 'PAUSED'].includes(event.status);
  rates.push({ t: Date.parse(event.at) || Date.now(), v: event.rate || 0 });
  rates.splice(0, Math.max(0, rates.length - 600));
  campaign = withProgress({ ...campaign, ...event });
  draw();
  const chart = $('#chart-rate');
  if (chart) {
    chart.replaceWith(rateChart());
  }
  if (finished) {
    stats();
    deliveries();
  }
}

$('#filters').addEventListener('submit', (e) => { e.preventDefault(); page = 0; deliveries(); });
$('#refresh-stats').addEventListener('click', stats);
if (me.admin) {
  $('#edit-campaign').addEventListener('submit', save);
}
await reload();
await Promise.all([stats(), deliveries()]);
progressEvents(`campaigns/${id}/events`, onProgress);
