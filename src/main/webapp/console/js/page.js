// What every console page shares: the navigation, who is logged in, admin-only controls removed for an operator
// (the server refuses their actions anyway), and logging out.
import { api, session } from './api.js';
import { $, el, fill } from './dom.js';

const PAGES = [['campaigns.html', 'Campaigns'], ['templates.html', 'Templates'], ['lists.html', 'Lists'],
  ['imports.html', 'Imports'], ['suppressions.html', 'Suppressions'], ['audit.html', 'Audit log']];

/** Draws the header for the page and answers the session; elements marked data-admin go for an operator. */
export async function start(current) {
  const me = await session();
  fill($('#top'),
    el('a', { href: 'campaigns.html', class: 'brand' }, 'Herald'),
    el('nav', { 'aria-label': 'console' }, el('ul', {}, PAGES.map(([href, title]) => el('li', {},
      el('a', { href, 'aria-current': href === current ? 'page' : null }, title))))),
    el('p', { class: 'who' },
      el('span', { id: 'user' }, me.user), ' ', el('span', { class: 'role' }, me.admin ? 'admin' : 'operator'), ' ',
      el('button', { type: 'button', id: 'log-out', onclick: logOut }, 'Log out')));
  if (!me.admin) {
    document.querySelectorAll('[data-admin]').forEach((e) => e.remove());
  }
  return me;
}

async function logOut() {
  await api.del('session');
  location.assign('/herald/console/');
}
