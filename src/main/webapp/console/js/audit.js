// The audit log page: every SMTP attempt, searched by recipient address and time range (GET /audit, paged), and
// the same search as a CSV export (GET /audit/export).
import { api, query } from './api.js';
import { $, attempt, el, fill, pager, smtpReply, table, when } from './dom.js';
import { start } from './page.js';

await start('audit.html');
let page = 0;

const COLUMNS = [
  { title: 'When', cell: (a) => when(a.attemptedAt) },
  { title: 'Campaign', cell: (a) => el('a', { href: 'campaign.html?id=' + a.campaignId }, '#' + a.campaignId) },
  { title: 'Recipient', cell: (a) => a.rcptTo },
  { title: 'Outcome', cell: (a) => a.outcome },
  { title: 'Reply', cell: (a) => smtpReply(a.replyCode, a.replyText) },
  { title: 'Latency', cell: (a) => (a.latencyMs == null ? '' : a.latencyMs + ' ms') },
  { title: 'Server', cell: (a) => a.smtpServer || '' },
];

function filter() {
  return { address: $('#address').value, from: $('#from').value, to: $('#to').value };
}

async function load() {
  const answer = await attempt(() => api.get('audit' + query({ ...filter(), page, size: 50 })));
  if (answer) {
    fill($('#entries'), table(COLUMNS, answer.items, 'No attempt matches.'), pager(answer, (p) => { page = p; load(); }));
  }
  $('#export').setAttribute('href', '/herald/api/audit/export' + query(filter()));
}

$('#filters').addEventListener('submit', (e) => { e.preventDefault(); page = 0; load(); });
load();
