// Building the page from data with textContent and attributes only: whatever a recipient or a template holds is
// shown as text, never parsed as HTML (no innerHTML anywhere in the console).

/** An element with attributes ("on…" functions become listeners) and children (strings become text nodes). */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) {
      continue;
    }
    if (typeof v === 'function') {
      e.addEventListener(k.replace(/^on/, ''), v);
    } else {
      e.setAttribute(k, v === true ? '' : String(v));
    }
  }
  e.append(...nodes(children));
  return e;
}

function nodes(children) {
  return children.flat(Infinity).filter((c) => c !== undefined && c !== null && c !== false)
    .map((c) => (c instanceof Node ? c : document.createTextNode(String(c))));
}

export const $ = (selector, root = document) => root.querySelector(selector);

/** Replaces an element's children. */
export function fill(parent, ...children) {
  parent.replaceChildren(...nodes(children));
  return parent;
}

/** The page's query parameter. */
export function param(name) {
  return new URLSearchParams(location.search).get(name);
}

/** A date as the reader's local date and time; an em dash for none. */
export function when(instant) {
  return instant ? new Date(instant).toLocaleString() : '—';
}

export function percent(fraction) {
  return Math.floor((fraction || 0) * 100) + ' %';
}

/** A <progress> bar with its percentage beside it (indeterminate when fraction is null). */
export function progressBar(fraction, label) {
  const bar = el('progress', { max: 1, 'aria-label': label || 'progress' });
  if (fraction !== null && fraction !== undefined) {
    bar.value = fraction;
  }
  return el('span', { class: 'progress' }, bar, el('span', { class: 'percent' },
    fraction === null || fraction === undefined ? '' : percent(fraction)));
}

/** An SMTP reply as the server wrote it (codes in front), the code added when the text lacks it. */
export function smtpReply(code, text) {
  const t = text || '';
  return code != null && !t.startsWith(String(code)) ? `${code} ${t}` : t;
}

/** "SENT 10 · FAILED 2", the non-zero counts of a {STATUS: n} map. */
export function counts(map) {
  const parts = Object.entries(map || {}).filter(([, n]) => n > 0).map(([s, n]) => s + ' ' + n);
  return parts.length ? parts.join(' · ') : '—';
}

/** Shows a message in the page's #message area (role=alert for errors, role=status otherwise). */
export function say(text, kind = 'error') {
  const area = $('#message');
  area.className = 'message ' + kind;
  area.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  area.textContent = text;
}

/** Runs an action and shows its failure (an ApiError's message) instead of throwing. */
export async function attempt(action, done) {
  try {
    const result = await action();
    if (done) {
      say(done, 'ok');
    }
    return result;
  } catch (e) {
    say(e.message);
    return undefined;
  }
}

/** A table: columns [{title, cell: row => node or text}], one row per item; a line saying so when there are none. */
export function table(columns, rows, empty = 'Nothing yet.') {
  if (!rows.length) {
    return el('p', { class: 'empty' }, empty);
  }
  return el('div', { class: 'scroll' }, el('table', {},
    el('thead', {}, el('tr', {}, columns.map((c) => el('th', { scope: 'col' }, c.title)))),
    el('tbody', {}, rows.map((r) => el('tr', {}, columns.map((c) => el('td', { 'data-label': c.title }, c.cell(r))))))));
}

/** "1–50 of 1234" with Previous and Next buttons for a paged answer {page, size, total}. */
export function pager(answer, goTo) {
  const first = answer.total === 0 ? 0 : answer.page * answer.size + 1;
  const last = Math.min(answer.total, (answer.page + 1) * answer.size);
  return el('nav', { class: 'pager', 'aria-label': 'pages' },
    el('button', { type: 'button', disabled: answer.page === 0, onclick: () => goTo(answer.page - 1) }, 'Previous'),
    el('span', {}, `${first}–${last} of ${answer.total}`),
    el('button', { type: 'button', disabled: last >= answer.total, onclick: () => goTo(answer.page + 1) }, 'Next'));
}

/**
 * Asks in a modal <dialog> before an action; with {input: label} it also asks for a text, which it resolves to.
 * Resolves to false when cancelled.
 */
export function confirmDialog(question, options = {}) {
  return new Promise((resolve) => {
    const field = options.input ? el('input', { id: 'dialog-input', value: options.value || '', required: true }) : null;
    const dialog = el('dialog', { class: 'confirm', 'aria-labelledby': 'dialog-question' },
      el('form', { method: 'dialog' },
        el('p', { id: 'dialog-question' }, question),
        field ? el('p', {}, el('label', { for: 'dialog-input' }, options.input), field) : null,
        el('p', { class: 'actions' },
          el('button', { type: 'submit', value: 'yes', id: 'dialog-yes' }, options.yes || 'Yes'),
          el('button', { type: 'submit', value: 'no', id: 'dialog-no', formnovalidate: true }, 'Cancel'))));
    dialog.addEventListener('close', () => {
      const yes = dialog.returnValue === 'yes';
      dialog.remove();
      resolve(yes ? (field ? field.value : true) : false);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A labelled control: <p><label for=id>text</label>control</p>. */
export function labelled(text, control) {
  return el('p', { class: 'field' }, el('label', { for: control.id }, text), control);
}
