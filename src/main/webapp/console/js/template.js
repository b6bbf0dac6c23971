// A template's page: its editor (POST /templates for a new one, PUT /templates/{id}), a live preview filled from a
// sample recipient as you type, or as a chosen campaign sends it (GET /campaigns/{id}/preview), and the spam
// pre-flight of that campaign (POST /campaigns/{id}/preflight). The HTML preview is a sandboxed iframe: the
// template's own markup never runs in the console's page.
import { api, query } from './api.js';
import { $, attempt, confirmDialog, el, fill, param, say, table } from './dom.js';
import { start } from './page.js';

const me = await start('templates.html');
let id = param('id') ? Number(param('id')) : null;
const FIELDS = ['name', 'subject', 'html', 'text'];

function escapeHtml(value) {
  return String(value).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The sample recipient's values: name, email and the key=value attributes. */
function sample() {
  const values = { name: $('#sample-name').value, email: $('#sample-email').value };
  for (const pair of $('#sample-attributes').value.split(',')) {
    const [k, ...v] = pair.split('=');
    if (k.trim()) {
      values[k.trim()] = v.join('=').trim();
    }
  }
  return values;
}

/** {{key}} filled from the sample ({{{key}}} unescaped in HTML, as the Mustache renderer does). */
function fillPlaceholders(text, values, html) {
  return text.replace(/\{\{(\{?)\s*([\w.-]+)\s*\}?\}\}/g, (all, raw, key) => {
    const value = values[key] ?? '';
    return html && !raw ? escapeHtml(value) : value;
  });
}

function show(subject, html, text) {
  fill($('#preview-subject'), subject);
  $('#preview-html').srcdoc = html || '';
  fill($('#preview-text'), text || '');
}

function localPreview() {
  if (!$('#campaign').value) {
    const values = sample();
    show(fillPlaceholders($('#subject').value, values, false), fillPlaceholders($('#html').value, values, true),
      fillPlaceholders($('#text').value, values, false));
  }
}

async function serverPreview() {
  const campaign = $('#campaign').value;
  if (!campaign) {
    localPreview();
    return;
  }
  const p = await attempt(() => api.get(`campaigns/${campaign}/preview` + query({ recipient: $('#recipient').value })));
  if (p) {
    show(p.subject, p.html, p.text);
    say(`Preview as campaign #${campaign} sends it to ${p.recipient.email}.`, 'ok');
  }
}

async function preflight() {
  const campaign = $('#campaign').value;
  if (!campaign) {
    say('Choose a campaign that uses this template: the pre-flight scores the message it sends.');
    return;
  }
  const r = await attempt(() => api.post(`campaigns/${campaign}/preflight` + query({ recipient: $('#recipient').value })));
  if (r) {
    fill($('#spam'), el('h3', {}, 'Spam pre-flight'),
      el('p', { id: 'spam-score' }, `Score ${r.score} of ${r.threshold} allowed: `, el('strong', {}, r.spam ? 'refused as spam' : 'passes')),
      table([{ title: 'Rule', cell: (h) => h.name }, { title: 'Points', cell: (h) => String(h.score) },
        { title: 'Meaning', cell: (h) => h.description }], r.rules, 'No rule matched.'));
  }
}

async function load() {
  const t = await attempt(() => api.get('templates/' + id));
  if (t) {
    FIELDS.forEach((f) => { $('#' + f).value = t[f] || ''; });
    fill($('#title'), t.name);
    document.title = t.name + ' · Herald';
  }
  const campaigns = await attempt(() => api.get('campaigns?size=500'));
  const using = campaigns ? campaigns.items.filter((c) => c.templateId === id) : [];
  $('#campaign').append(...using.map((c) => el('option', { value: c.id }, `${c.name} (#${c.id}, ${c.status})`)));
}

async function save(e) {
  e.preventDefault();
  const body = Object.fromEntries(FIELDS.map((f) => [f, $('#' + f).value || null]));
  if (id === null) {
    const created = await attempt(() => api.post('templates', body));
    if (created) {
      location.assign('template.html?id=' + created.id);
    }
    return;
  }
  const saved = await attempt(() => api.put('templates/' + id, body));
  if (saved) {
    say(saved.note ? `Saved. Note: ${saved.note} (${saved.launchedCampaigns.join(', ')}).` : 'Saved.', 'ok');
  }
}

async function remove() {
  if (id !== null && await confirmDialog('Delete this template?', { yes: 'delete' })
      && await attempt(() => api.del('templates/' + id)) !== undefined) {
    location.assign('templates.html');
  }
}

if (me.admin) {
  $('#editor').addEventListener('submit', save);
  $('#delete-template').addEventListener('click', remove);
} else {
  FIELDS.forEach((f) => { $('#' + f).readOnly = true; });
}
['#subject', '#html', '#text', '#sample-name', '#sample-email', '#sample-attributes']
  .forEach((s) => $(s).addEventListener('input', localPreview));
$('#campaign').addEventListener('change', serverPreview);
$('#server-preview').addEventListener('click', serverPreview);
$('#preflight').addEventListener('click', preflight);
if (id === null) {
  fill($('#title'), 'New template');
} else {
  await load();
}
localPreview();
