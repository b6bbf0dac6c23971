// The suppressions page: every suppressed address (paged), a check of one address, and for an admin adding and
// removing entries.
import { api, query } from './api.js';
import { $, attempt, confirmDialog, el, fill, pager, table, when } from './dom.js';
import { start } from './page.js';

const me = await start('suppressions.html');
let page = 0;

const COLUMNS = [
  { title: 'Address', cell: (s) => s.address },
  { title: 'List', cell: (s) => (s.listId === null ? 'every list' : el('a', { href: 'list.html?id=' + s.listId }, '#' + s.listId)) },
  { title: 'Reason', cell: (s) => s.reason },
  { title: 'Note', cell: (s) => s.note || '' },
  { title: 'Since', cell: (s) => when(s.createdAt) },
  { title: 'Actions', cell: (s) => (me.admin ? el('button', { type: 'button', 'aria-label': 'remove ' + s.address,
    onclick: () => remove(s) }, 'remove') : '') },
];

async function remove(s) {
  if (await confirmDialog(`Stop suppressing ${s.address}?`, { yes: 'remove' })) {
    if (await attempt(() => api.del('suppressions/' + s.id), `${s.address} is no longer suppressed.`) !== undefined) {
      load();
    }
  }
}

async function load() {
  const answer = await attempt(() => api.get('suppressions' + query({ page, size: 50 })));
  if (answer) {
    fill($('#suppressions'), table(COLUMNS, answer.items, 'No address is suppressed.'), pager(answer, (p) => { page = p; load(); }));
  }
}

$('#check').addEventListener('submit', async (e) => {
  e.preventDefault();
  const r = await attempt(() => api.get('suppressions/check' + query({ address: $('#check-address').value })));
  if (r) {
    fill($('#checked'), el('p', {}, r.address, r.suppressed ? ' is suppressed.' : ' is not suppressed.'));
  }
});
if (me.admin) {
  $('#add').addEventListener('submit', async (e) => {
    e.preventDefault();
    const added = await attempt(() => api.post('suppressions', { address: $('#address').value,
      listId: $('#list-id').value ? Number($('#list-id').value) : null, note: $('#note').value || null }), 'Suppressed.');
    if (added) {
      load();
    }
  });
}
load();
