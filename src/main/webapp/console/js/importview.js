// One CSV import as the list and imports pages show it: its progress, polled from GET /imports/{id} until it ends,
// then its rejection report (GET /imports/{id}/rejections, paged).
import { api } from './api.js';
import { attempt, el, fill, pager, progressBar, table } from './dom.js';

const ENDED = ['COMPLETED', 'FAILED', 'STOPPED'];
const POLL_MS = 500;

const REJECTION_COLUMNS = [
  { title: 'Line', cell: (r) => String(r.line) },
  { title: 'Text', cell: (r) => el('code', {}, r.raw) },
  { title: 'Why', cell: (r) => r.reason },
];

/**
 * Draws import id into target, polling until it ends (then onEnd, if given); expectedRows (the file's data lines)
 * gives the bar a scale.
 */
export async function watchImport(id, target, expectedRows, onEnd) {
  const i = await attempt(() => api.get('imports/' + id));
  if (!i) {
    return;
  }
  const ended = ENDED.includes(i.status);
  const fraction = i.status === 'COMPLETED' ? 1 : expectedRows ? Math.min(0.99, i.rowsRead / expectedRows) : null;
  fill(target,
    el('p', {}, el('a', { href: 'imports.html?id=' + i.id }, 'Import #' + i.id), ` of ${i.file}: `,
      el('span', { class: 'status', id: 'import-status' }, i.status), i.statusReason ? ' ' + i.statusReason : ''),
    el('p', { id: 'import-progress' }, progressBar(fraction, 'import progress')),
    el('p', { id: 'import-counts' }, `${i.rowsRead} rows read, ${i.added} added, `,
      el('span', { id: 'import-rejected' }, `${i.rejected} rejected`)),
    el('section', { id: 'rejections' }));
  if (!ended) {
    setTimeout(() => watchImport(id, target, expectedRows, onEnd), POLL_MS);
    return;
  }
  if (i.rejected > 0) {
    rejections(id, target.querySelector('#rejections'), 0);
  }
  if (onEnd) {
    onEnd(i);
  }
}

async function rejections(id, target, page) {
  const answer = await attempt(() => api.get(`imports/${id}/rejections?page=${page}&size=50`));
  if (answer) {
    fill(target, el('h3', {}, 'Rejected lines'), table(REJECTION_COLUMNS, answer.items),
      pager(answer, (p) => rejections(id, target, p)));
  }
}
