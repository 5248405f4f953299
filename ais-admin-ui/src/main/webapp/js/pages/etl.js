// ETL: the cluster's transformers (AIS's /v1/etl) with their stage and per-node health, and, for an administrator,
// stop / start / delete; a transformer's output ("logs") per node on demand.
import { api } from '../api.js';
import { BITS } from '../permissions.js';
import { permissions } from '../session.js';
import { clear, confirmDialog, every, h, notify } from '../dom.js';
import { base64Text, bytes, num } from '../format.js';

/** AIS's stages as the console's state colours: Running green, Initializing yellow, Aborted red. */
function stageClass(stage) {
  return { Running: 'online', Initializing: 'running', Aborted: 'aborted' }[stage] || '';
}

/** AIS's logs answer: [{target_id, logs: base64}] -> [{node, text}]. */
export function decodeLogs(arr) {
  return (arr || []).map((l) => ({ node: l.target_id, text: base64Text(l.logs) }));
}

export function etlRow(e, health, actions) {
  const nodes = (health || []).map((n) => `${n.target_id}: ${n.health_status}${n.restarts ? ` (${n.restarts} restarts)` : ''}`);
  return h('tr', { dataset: { etl: e.id } },
    h('td', {}, e.id),
    h('td', {}, h('span', { class: `state ${stageClass(e.stage)}` }, e.stage)),
    h('td', { class: 'optional' }, nodes.join(' · ')),
    h('td', { class: 'num' }, `${num(e.obj_count)} objects · ${bytes(e.in_bytes)} in · ${bytes(e.out_bytes)} out`),
    h('td', {},
      h('button', { type: 'button', onclick: () => actions.logs(e), 'aria-label': `Logs of ${e.id}` }, 'Logs'),
      actions.admin && e.stage !== 'Aborted'
        ? h('button', { type: 'button', onclick: () => actions.stop(e), 'aria-label': `Stop ${e.id}` }, 'Stop') : null,
      actions.admin && e.stage === 'Aborted'
        ? h('button', { type: 'button', onclick: () => actions.start(e), 'aria-label': `Start ${e.id}` }, 'Start') : null,
      actions.admin
        ? h('button', { type: 'button', class: 'danger', onclick: () => actions.remove(e), 'aria-label': `Delete ${e.id}` },
          'Delete') : null));
}

export function render(main) {
  const table = h('div', { class: 'scroll', id: 'etls' }, h('p', { class: 'muted' }, 'Loading…'));
  const listError = h('p', { class: 'error', role: 'alert' });
  const logs = h('section', { class: 'card', id: 'etl-logs', hidden: true, 'aria-labelledby': 'logs-h' });
  const admin = permissions().cluster(BITS.ADMIN);

  const act = (label, fn) => async (e) => {
    try {
      await fn(e);
      notify(`${label} ${e.id}: done`, 'ok');
    } catch (err) {
      notify(`${label} ${e.id}: ${err.message}`, 'error');
    }
  };
  const actions = {
    admin,
    stop: act('Stop', (e) => api.etlAction(e.id, 'stop')),
    start: act('Start', (e) => api.etlAction(e.id, 'start')),
    remove: async (e) => {
      if (!await confirmDialog({ title: `Delete ETL ${e.id}?`, action: 'Delete',
        message: 'Every node stops its transformer and forgets the ETL.' })) return;
      await act('Delete', (x) => api.deleteEtl(x.id))(e);
    },
    logs: async (e) => {
      logs.hidden = false;
      try {
        const per = decodeLogs(await api.etlLogs(e.id));
        clear(logs, h('h2', { id: 'logs-h' }, `Logs of ${e.id}`),
          per.length ? per.map((l) => h('div', {}, h('h3', {}, l.node), h('pre', { class: 'logs' }, l.text || '(empty)')))
            : h('p', { class: 'muted' }, 'No node runs this ETL.'));
      } catch (err) {
        clear(logs, h('h2', { id: 'logs-h' }, `Logs of ${e.id}`), h('p', { class: 'error', role: 'alert' }, err.message));
      }
    },
  };

  clear(main, h('h1', {}, 'ETL'),
    h('section', { class: 'card', 'aria-labelledby': 'etl-h' }, h('h2', { id: 'etl-h' }, 'Transformers'),
      h('p', { class: 'muted' }, 'Create ETLs with the API, AIS\'s SDK or the CLI (ais etl init).'),
      listError, table),
    logs);

  return every(2000, async () => {
    try {
      const etls = await api.etls();
      const health = await Promise.all(etls.map((e) => api.etlHealth(e.id).catch(() => [])));
      listError.textContent = '';
      clear(table, etls.length
        ? h('table', { id: 'etl-table' },
          h('thead', {}, h('tr', {}, ['ETL', 'Stage', 'Nodes', 'Transformed', ''].map((c, i) =>
            h('th', { scope: 'col', class: i === 2 ? 'optional' : undefined }, c)))),
          h('tbody', {}, etls.map((e, i) => etlRow(e, health[i], actions))))
        : h('p', { class: 'muted' }, 'No ETLs.'));
    } catch (e) {
      listError.textContent = `Cannot read ETLs: ${e.message}`;
    }
  });
}
