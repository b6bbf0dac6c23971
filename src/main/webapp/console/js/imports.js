// The imports page: the recent CSV imports of every list (GET /imports, paged, newest first) and one import by its
// id (imports.html?id=): its progress and its rejection report.
import { api, query } from './api.js';
import { $, attempt, el, fill, pager, param, table, when } from './dom.js';
import { start } from './page.js';
import { watchImport } from './importview.js';

await start('imports.html');
let page = 0;

const COLUMNS = [
  { title: 'Import', cell: (i) => el('a', { href: 'imports.html?id=' + i.id, onclick: (e) => { e.preventDefault(); show(i.id); } },
    '#' + i.id) },
  { title: 'List', cell: (i) => el('a', { href: 'list.html?id=' + i.listId }, '#' + i.listId) },
  { title: 'File', cell: (i) => i.file },
  { title: 'Status', cell: (i) => [el('span', { class: 'status' }, i.status), i.statusReason ? el('div', {}, i.statusReason) : null] },
  { title: 'Rows', cell: (i) => `${i.rowsRead} read, ${i.added} added, ${i.rejected} rejected` },
  { title: 'Started', cell: (i) => when(i.startedAt || i.createdAt) },
  { title: 'Finished', cell: (i) => when(i.finishedAt) },
];

async function load() {
  const answer = await attempt(() => api.get('imports' + query({ page, size: 50 })));
  if (answer) {
    fill($('#imports'), table(COLUMNS, answer.items, 'No import yet.'), pager(answer, (p) => { page = p; load(); }));
  }
}

function show(id) {
  $('#import-id').value = id;
  history.replaceState(null, '', '?id=' + id);
  watchImport(id, $('#import'), undefined, load);
  $('#import').scrollIntoView();
}

$('#find').addEventListener('submit', (e) => {
  e.preventDefault();
  show($('#import-id').value);
});
load();
if (param('id')) {
  show(param('id'));
}
