// The lists page: every recipient list (paged, newest first, searchable by name) with its counts; a new list.
import { api, query } from './api.js';
import { $, attempt, counts, el, fill, pager, table, when } from './dom.js';
import { start } from './page.js';

const me = await start('lists.html');
let page = 0;

const COLUMNS = [
  { title: 'Name', cell: (l) => el('a', { href: 'list.html?id=' + l.id }, l.name) },
  { title: 'Recipients', cell: (l) => String(l.total ?? '—') },
  { title: 'By status', cell: (l) => counts(l.counts) },
  { title: 'Created', cell: (l) => when(l.createdAt) },
];

async function load() {
  const answer = await attempt(() => api.get('lists' + query({ q: $('#q').value, page, size: 50 })));
  if (answer) {
    fill($('#lists'), table(COLUMNS, answer.items, 'No list matches.'), pager(answer, (p) => { page = p; load(); }));
  }
}

$('#filters').addEventListener('submit', (e) => { e.preventDefault(); page = 0; load(); });
if (me.admin) {
  $('#new-list').addEventListener('submit', async (e) => {
    e.preventDefault();
    const created = await attempt(() => api.post('lists', { name: $('#name').value }));
    if (created) {
      location.assign('list.html?id=' + created.id);
    }
  });
}
load();
