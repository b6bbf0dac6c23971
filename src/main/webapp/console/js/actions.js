// A campaign's actions as buttons, each behind a confirmation: which ones apply to which status, which need the
// admin role (an operator never sees those), and the API call each one makes.
import { api } from './api.js';
import { attempt, confirmDialog, el } from './dom.js';

const ACTIONS = [
  { name: 'start', when: ['DRAFT'], ask: 'Start sending "%s" now?', call: (id) => api.post(`campaigns/${id}/send`) },
  { name: 'pause', when: ['RUNNING'], ask: 'Pause "%s"?', call: (id) => api.post(`campaigns/${id}/pause`) },
  { name: 'resume', when: ['PAUSED', 'FAILED'], ask: 'Resume "%s"?', call: (id) => api.post(`campaigns/${id}/resume`) },
  { name: 'cancel', admin: true, when: ['DRAFT', 'RUNNING', 'PAUSED', 'FAILED'],
    ask: 'Cancel "%s"? Its unsent messages will never be sent.', call: (id) => api.post(`campaigns/${id}/cancel`) },
  { name: 'test', admin: true, when: ['DRAFT', 'RUNNING', 'PAUSED', 'COMPLETED', 'FAILED'], input: 'Addresses (comma separated, at most 10)',
    ask: 'Send a test of "%s"? It goes to these addresses only and changes no count.',
    call: (id, text) => api.post(`campaigns/${id}/test`, { addresses: text.split(/[\s,;]+/).filter(Boolean) }) },
  { name: 'clone', admin: true, when: ['DRAFT', 'RUNNING', 'PAUSED', 'COMPLETED', 'CANCELLED', 'FAILED'],
    ask: 'Make a new draft copy of "%s"?', call: (id) => api.post(`campaigns/${id}/clone`) },
  { name: 'delete', admin: true, when: ['DRAFT', 'CANCELLED'], ask: 'Delete "%s" for good?',
    call: (id) => api.del(`campaigns/${id}`) },
  { name: 'retry', admin: true, when: ['COMPLETED'], ask: 'Send the FAILED and UNKNOWN deliveries of "%s" again?',
    call: (id) => api.post(`campaigns/${id}/retry`, { statuses: ['FAILED', 'UNKNOWN'] }) },
];

/** The buttons for what the user may do to the campaign {id, name, status} now; done() runs after each success. */
export function campaignActions(campaign, me, done) {
  return ACTIONS.filter((a) => a.when.includes(campaign.status) && (me.admin || !a.admin)).map((a) =>
    el('button', { type: 'button', class: 'action', 'data-action': a.name,
      'aria-label': a.name + ' ' + campaign.name,
      onclick: async () => {
        const answer = await confirmDialog(a.ask.replace('%s', campaign.name), { input: a.input, yes: a.name });
        if (answer !== false) {
          const result = await attempt(() => a.call(campaign.id, answer), `${a.name}: done`);
          if (result !== undefined) {
            done(a.name, result);
          }
        }
      } }, a.name));
}
