// Cluster operations: maintenance on/off and decommission per node, with confirmation and the live progress of
// the rebalance each change starts.
import { api } from '../api.js';
import { BITS } from '../permissions.js';
import { permissions } from '../session.js';
import { mergeJobs } from '../jobs-model.js';
import { jobsTable } from './jobs.js';
import { clear, confirmDialog, every, h, notify } from '../dom.js';
import { duration } from '../format.js';

const ACTIONS = {
  'start-maintenance': {
    label: 'Start maintenance', confirm: (id) => ({
      title: `Put ${id} in maintenance?`, action: 'Start maintenance',
      message: 'The node stays in the cluster but owns no data; a rebalance moves its objects to the other targets.',
    }),
  },
  'stop-maintenance': {
    label: 'Stop maintenance', confirm: (id) => ({
      title: `Return ${id} to service?`, action: 'Stop maintenance',
      message: 'A rebalance moves the objects it owns back to it.',
    }),
  },
  'decommission-node': {
    label: 'Decommission', confirm: (id) => ({
      title: `Decommission ${id}?`, action: 'Decommission', typed: id,
      message: 'A rebalance drains the node, then it leaves the cluster for good and its process stops.',
    }),
  },
};

export function render(main) {
  const nodes = h('div', { class: 'scroll', id: 'cluster-nodes' }, h('p', { class: 'muted' }, 'Loading…'));
  const progress = h('div', { id: 'op-progress', 'aria-live': 'polite' });
  const error = h('p', { class: 'error', role: 'alert' });
  clear(main, h('h1', {}, 'Cluster'), error,
    h('section', { class: 'card', 'aria-labelledby': 'cn-h' }, h('h2', { id: 'cn-h' }, 'Nodes'), nodes),
    h('section', { class: 'card', 'aria-labelledby': 'op-h' }, h('h2', { id: 'op-h' }, 'Rebalance'), progress));
  let watching = '';

  const act = async (action, id) => {
    if (!await confirmDialog(ACTIONS[action].confirm(id))) return;
    try {
      const reb = await api.nodeAction(action, id);
      watching = reb.trim();
      notify(`${ACTIONS[action].label} of ${id}: rebalance ${watching}`, 'ok');
      await tick();
    } catch (e) {
      notify(`${ACTIONS[action].label} of ${id} failed: ${e.message}`, 'error');
    }
  };

  const tick = async () => {
    let status;
    let jobs;
    try {
      [status, jobs] = await Promise.all([api.nodeStatus(), api.jobs()]);
      error.textContent = '';
    } catch (e) {
      error.textContent = `Cannot read the cluster state: ${e.message}`;
      return;
    }
    const ids = Object.keys(status).sort();
    clear(nodes, h('table', {},
      h('thead', {}, h('tr', {}, ['Node', 'State', 'Uptime', 'Actions'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, ids.map((id) => {
        const n = status[id];
        const maint = n.status === 'maintenance';
        const buttons = n.status === 'down' || n.status === 'decommissioning' || !permissions().cluster(BITS.ADMIN) ? [] : [
          maint ? ['stop-maintenance', ''] : ['start-maintenance', ''], ['decommission-node', 'danger']];
        return h('tr', { dataset: { node: id } },
          h('td', {}, id), h('td', {}, h('span', { class: `state ${n.status}` }, n.status)),
          h('td', {}, n.uptime ? duration(n.uptime) : ''),
          h('td', {}, h('div', { class: 'buttons' }, buttons.map(([a, cls]) => h('button', {
            type: 'button', class: cls || undefined, dataset: { action: a },
            'aria-label': `${ACTIONS[a].label} ${id}`, onclick: () => act(a, id),
          }, ACTIONS[a].label)))));
      }))));
    const rebs = mergeJobs(jobs).filter((j) => j.kind === 'rebalance' && (!watching || j.id === watching));
    clear(progress, rebs.length ? jobsTable(rebs.slice(0, 3), null)
      : h('p', { class: 'muted' }, watching ? `Waiting for rebalance ${watching}…` : 'No rebalance yet.'));
  };
  return every(2000, tick);
}
