// The imports page: one CSV import by its id (imports.html?id=), its progress and its rejection report.
import { $, param } from './dom.js';
import { start } from './page.js';
import { watchImport } from './importview.js';

await start('imports.html');
$('#find').addEventListener('submit', (e) => {
  e.preventDefault();
  history.replaceState(null, '', '?id=' + $('#import-id').value);
  watchImport($('#import-id').value, $('#import'));
});
if (param('id')) {
  $('#import-id').value = param('id');
  watchImport(param('id'), $('#import'));
}
