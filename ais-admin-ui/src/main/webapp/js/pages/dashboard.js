// Dashboard: nodes, mountpaths, capacity, live GET/PUT rates (from every node's counters) and alerts.
import { api } from '../api.js';
import { LiveChart } from '../chart.js';
import { bar, clear, every, h } from '../dom.js';
import { bytes, duration } from '../format.js';

/** Disk use above which a mountpath is reported (AIS's space.highwm default). */
const HIGH_WATERMARK = 90;
const MiB = 1024 * 1024;

/** Sums a tracker counter over the nodes that answered. */
function total(status, key) {
  return Object.values(status).reduce((a, n) => a + Number(n.tracker?.[key]?.v || 0), 0);
}

export function alerts(status) {
  const out = [];
  for (const [id, n] of Object.entries(status)) {
    if (n.status === 'down') out.push(['bad', `Node ${id} is down${n.err ? `: ${n.err}` : ''}`]);
    if (n.status === 'maintenance') out.push(['warn', `Node ${id} is in maintenance`]);
    if (n.status === 'decommissioning') out.push(['warn', `Node ${id} is being decommissioned`]);
    for (const [mp, c] of Object.entries(n.capacity || {})) {
      if (!c.enabled) out.push(['bad', `Mountpath ${mp} on ${id} is disabled`]);
      else if (c.pct_used >= HIGH_WATERMARK) out.push(['warn', `Mountpath ${mp} on ${id} is ${c.pct_used}% full`]);
    }
  }
  return out;
}

export function render(main) {
  const ops = new LiveChart('Operations per second', 'ops/s');
  const tput = new LiveChart('Throughput', 'MiB/s');
  const nodes = h('div', { class: 'scroll' });
  const disks = h('div', { class: 'scroll' });
  const summary = h('div', { class: 'grid', id: 'summary' });
  const alertList = h('ul', { class: 'alerts', id: 'alerts' });
  const error = h('p', { class: 'error', role: 'alert' });
  clear(main, h('h1', {}, 'Dashboard'), error, summary,
    h('section', { class: 'card', 'aria-labelledby': 'alerts-h' }, h('h2', { id: 'alerts-h' }, 'Alerts'), alertList),
    h('div', { class: 'grid' }, ops.el, tput.el),
    h('section', { class: 'card', 'aria-labelledby': 'nodes-h' }, h('h2', { id: 'nodes-h' }, 'Nodes'), nodes),
    h('section', { class: 'card', 'aria-labelledby': 'mp-h' }, h('h2', { id: 'mp-h' }, 'Mountpaths'), disks));
  let prev = null;

  return every(2000, async () => {
    let smap;
    let status;
    try {
      [smap, status] = await Promise.all([api.smap(), api.nodeStatus()]);
      error.textContent = '';
    } catch (e) {
      error.textContent = `Cannot read the cluster state: ${e.message}`;
      return;
    }
    const now = performance.now();
    const sample = {
      t: now, getN: total(status, 'get.n'), putN: total(status, 'put.n'),
      getB: total(status, 'get.size'), putB: total(status, 'put.size'),
    };
    if (prev) {
      const dt = (sample.t - prev.t) / 1000;
      const rate = (k) => Math.max(0, (sample[k] - prev[k]) / dt);
      ops.push(rate('getN'), rate('putN'));
      tput.push(rate('getB') / MiB, rate('putB') / MiB);
    }
    prev = sample;

    const ids = Object.keys(status).sort();
    let used = 0;
    let cap = 0;
    for (const n of Object.values(status)) {
      for (const c of Object.values(n.capacity || {})) {
        used += Number(c.used);
        cap += Number(c.total);
      }
    }
    const online = ids.filter((id) => status[id].status === 'online').length;
    clear(summary,
      h('div', { class: 'card' }, h('div', { class: 'muted' }, 'Nodes'),
        h('strong', { id: 'node-count' }, String(ids.length)), ` (${online} online)`),
      h('div', { class: 'card' }, h('div', { class: 'muted' }, 'Primary'),
        h('strong', {}, smap.proxy_si?.daemon_id || '?'), ` · cluster map v${smap.version}`),
      h('div', { class: 'card' }, h('div', { class: 'muted' }, 'Capacity'),
        h('div', { class: 'meter' }, bar(cap ? used / cap : 0, 'cluster capacity used'),
          `${bytes(used)} of ${bytes(cap)}`)));

    const found = alerts(status);
    clear(alertList, found.length ? found.map(([k, m]) => h('li', { class: k }, m))
      : h('li', { class: 'muted' }, 'No alerts'));

    clear(nodes, h('table', { id: 'nodes-table' },
      h('thead', {}, h('tr', {}, ['Node', 'Roles', 'State', 'Uptime', 'Version', 'URL'].map((c, i) =>
        h('th', { scope: 'col', class: i >= 4 ? 'optional' : undefined }, c)))),
      h('tbody', {}, ids.map((id) => {
        const n = status[id];
        const roles = [smap.pmap?.[id] && 'proxy', smap.tmap?.[id] && 'target'].filter(Boolean).join(', ');
        const primary = smap.proxy_si?.daemon_id === id ? ' (primary)' : '';
        return h('tr', { dataset: { node: id } },
          h('td', {}, id), h('td', {}, (roles || '?') + primary),
          h('td', {}, h('span', { class: `state ${n.status}` }, n.status)),
          h('td', {}, n.uptime ? duration(n.uptime) : ''), h('td', { class: 'optional' }, n.version || ''),
          h('td', { class: 'optional' }, n.snode?.public_net?.direct_url || ''));
      }))));

    const rows = [];
    for (const id of ids) {
      for (const [mp, c] of Object.entries(status[id].capacity || {})) {
        rows.push(h('tr', {},
          h('td', {}, id), h('td', {}, mp),
          h('td', {}, h('span', { class: `state ${c.enabled ? 'online' : 'down'}` }, c.enabled ? 'enabled' : 'disabled')),
          h('td', {}, h('div', { class: 'meter' },
            bar(Number(c.total) ? Number(c.used) / Number(c.total) : 0, `${mp} on ${id} used`),
            `${bytes(c.used)} / ${bytes(c.total)} (${c.pct_used}%)`))));
      }
    }
    clear(disks, h('table', {}, h('thead', {}, h('tr', {},
      ['Node', 'Mountpath', 'State', 'Used'].map((c) => h('th', { scope: 'col' }, c)))), h('tbody', {}, rows)));
  });
}
