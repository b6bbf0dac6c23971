// The templates page: every template (paged, newest first, searchable by name) and how many campaigns use it.
import { api, query } from './api.js';
import { $, attempt, el, fill, pager, table, when } from './dom.js';
import { start } from './page.js';

await start('templates.html');
let page = 0;

const COLUMNS = [
  { title: 'Name', cell: (t) => el('a', { href: 'template.html?id=' + t.id }, t.name) },
  { title: 'Subject', cell: (t) => t.subject },
  { title: 'Campaigns', cell: (t) => String(t.campaigns ?? '—') },
  { title: 'Updated', cell: (t) => when(t.updatedAt || t.createdAt) },
];

async function load() {
  const answer = await attempt(() => api.get('templates' + query({ q: $('#q').value, page, size: 50 })));
  if (answer) {
    fill($('#templates'), table(COLUMNS, answer.items, 'No template matches.'), pager(answer, (p) => { page = p; load(); }));
  }
}

$('#filters').addEventListener('submit', (e) => { e.preventDefault(); page = 0; load(); });
load();
