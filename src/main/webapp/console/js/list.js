// A list's page: its counts, its recipients (searched by the start of the address, filtered by status, paged) and,
// for an admin, a recipient's edit form (PUT /lists/{id}/recipients/{rid}) and a CSV upload (POST /lists/{id}/imports)
// with its progress and rejection report.
import { api, query } from './api.js';
import { $, attempt, confirmDialog, counts, el, fill, pager, param, table, when } from './dom.js';
import { start } from './page.js';
import { watchImport } from './importview.js';

const me = await start('lists.html');
const id = Number(param('id'));
const SMALL_FILE = 10 * 1024 * 1024;
let page = 0;

const COLUMNS = [
  { title: 'Address', cell: (r) => r.email },
  { title: 'Name', cell: (r) => r.name || '' },
  { title: 'Status', cell: (r) => r.status },
  { title: 'Attributes', cell: (r) => Object.entries(r.attributes || {}).map(([k, v]) => `${k}=${v}`).join(', ') },
  { title: 'Added', cell: (r) => when(r.createdAt) },
  { title: 'Actions', cell: (r) => (me.admin ? [
    el('button', { type: 'button', 'aria-label': 'edit ' + r.email, onclick: () => editRecipient(r) }, 'edit'),
    el('button', { type: 'button', 'aria-label': 'remove ' + r.email, onclick: () => removeRecipient(r) }, 'remove')]
    : '') },
];
const SETTABLE = ['ACTIVE', 'UNSUBSCRIBED'];
let editing = null;
let editedFrom = null;

/** Opens the edit form on recipient r; its status is kept as it is unless changed (BOUNCED can only be kept). */
function editRecipient(r) {
  editing = r;
  editedFrom = document.activeElement;
  $('#edit-email').value = r.email;
  $('#edit-name').value = r.name || '';
  fill($('#edit-status'), SETTABLE.includes(r.status) ? null : el('option', { value: '' }, r.status + ' (kept)'),
    SETTABLE.map((s) => el('option', { value: s, selected: s === r.status }, s)));
  $('#edit-attributes').value = Object.entries(r.attributes || {}).map(([k, v]) => `${k}=${v}`).join('\n');
  fill($('#edit-title'), 'Edit ' + r.email);
  $('#edit').hidden = false;
  $('#edit-email').focus();
}

function closeEdit() {
  $('#edit').hidden = true;
  editing = null;
  if (editedFrom && editedFrom.isConnected) {
    editedFrom.focus();
  }
}

/** "a=1\nb=x=y" → {a: "1", b: "x=y"}; a line without "=" is a name with an empty value. */
function attributes(text) {
  return Object.fromEntries(text.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => {
    const eq = line.indexOf('=');
    return eq < 0 ? [line.trim(), ''] : [line.slice(0, eq).trim(), line.slice(eq + 1)];
  }));
}

async function saveRecipient(e) {
  e.preventDefault();
  const r = editing;
  const saved = await attempt(() => api.put(`lists/${id}/recipients/${r.id}`, { email: $('#edit-email').value,
    name: $('#edit-name').value || null, status: $('#edit-status').value || null,
    attributes: attributes($('#edit-attributes').value) }), `${r.email} saved.`);
  if (saved) {
    closeEdit();
    summary();
    recipients();
  }
}

async function removeRecipient(r) {
  if (await confirmDialog(`Remove ${r.email} from this list?`, { yes: 'remove' })
      && await attempt(() => api.del(`lists/${id}/recipients/${r.id}`), `${r.email} removed.`) !== undefined) {
    summary();
    recipients();
  }
}

async function summary() {
  const l = await attempt(() => api.get('lists/' + id));
  if (l) {
    fill($('#title'), l.name);
    document.title = l.name + ' · Herald';
    fill($('#summary'), el('p', {}, l.total == null ? 'Recipients: ' : l.total + ' recipients: ', counts(l.counts)));
  }
}

async function recipients() {
  const answer = await attempt(() => api.get(`lists/${id}/recipients` + query({ q: $('#q').value, status: $('#status').value, page, size: 50 })));
  if (answer) {
    fill($('#recipients'), table(COLUMNS, answer.items, 'No recipient matches.'), pager(answer, (p) => { page = p; recipients(); }));
  }
}

/** The data lines of a small file (the bar's scale); null for a large one (an indeterminate bar). */
async function dataLines(file) {
  if (file.size > SMALL_FILE) {
    return null;
  }
  const lines = (await file.text()).split(/\r?\n/).filter((line) => line.trim() !== '');
  return Math.max(1, lines.length - 1);
}

$('#filters').addEventListener('submit', (e) => { e.preventDefault(); page = 0; recipients(); });
if (me.admin) {
  $('#edit-recipient').addEventListener('submit', saveRecipient);
  $('#cancel-edit').addEventListener('click', closeEdit);
  $('#edit').addEventListener('keydown', (e) => { if (e.key === 'Escape') { closeEdit(); } });
  $('#delete-list').addEventListener('click', async () => {
    if (await confirmDialog('Delete this list and its recipients?', { yes: 'delete' })
        && await attempt(() => api.del('lists/' + id)) !== undefined) {
      location.assign('lists.html');
    }
  });
  $('#upload').addEventListener('submit', async (e) => {
    e.preventDefault();
    const file = $('#file').files[0];
    const form = new FormData();
    form.append('file', file);
    const started = await attempt(() => api.post(`lists/${id}/imports`, form));
    if (started) {
      await watchImport(started.id, $('#import'), await dataLines(file), () => { summary(); recipients(); });
    }
  });
}
summary();
recipients();
