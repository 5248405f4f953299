// Jobs: running and recent jobs cluster-wide with progress (nodes done, objects and bytes moved), abort, and
// starting rebalance / resilver / make-n-copies / ec-encode (kinds the cluster lacks fail with its own message).
import { api } from '../api.js';
import { BITS } from '../permissions.js';
import { permissions } from '../session.js';
import { mergeJobs } from '../jobs-model.js';
import { bar, clear, confirmDialog, every, h, notify } from '../dom.js';
import { bytes, num, time } from '../format.js';

export function jobRow(j, onAbort) {
  return h('tr', { dataset: { job: j.id, kind: j.kind } },
    h('td', {}, j.id), h('td', {}, j.kind),
    h('td', {}, h('span', { class: `state ${j.state}` }, j.state), j.err ? h('div', { class: 'error' }, j.err) : null),
    h('td', {}, h('div', { class: 'meter' }, bar(j.nodes ? j.done / j.nodes : null, `${j.id} nodes done`),
      `${j.done}/${j.nodes} nodes`)),
    h('td', { class: 'num' }, `${num(j.locObjs)} visited · ${num(j.outObjs)} sent (${bytes(j.outBytes)}) · `
      + `${num(j.inObjs)} received (${bytes(j.inBytes)})`),
    h('td', { class: 'optional' }, time(j.start)), h('td', { class: 'optional' }, time(j.end)),
    h('td', {}, j.state === 'running' && onAbort
      ? h('button', { type: 'button', onclick: () => onAbort(j), 'aria-label': `Abort ${j.kind} ${j.id}` }, 'Abort')
      : null));
}

export function jobsTable(jobs, onAbort) {
  return h('table', { id: 'jobs-table' },
    h('thead', {}, h('tr', {}, ['Job', 'Kind', 'State', 'Progress', 'Objects', 'Started', 'Ended', ''].map((c, i) =>
      h('th', { scope: 'col', class: i === 5 || i === 6 ? 'optional' : undefined }, c)))),
    h('tbody', {}, jobs.map((j) => jobRow(j, onAbort))));
}

export function render(main) {
  const table = h('div', { class: 'scroll', id: 'jobs' }, h('p', { class: 'muted' }, 'Loading…'));
  const startError = h('p', { class: 'error', role: 'alert', id: 'job-error' });
  const listError = h('p', { class: 'error', role: 'alert' });
  const bucketSel = h('select', { id: 'job-bucket' });
  const copies = h('input', { id: 'job-copies', type: 'number', min: '1', max: '32', value: '2' });
  const data = h('input', { id: 'job-data', type: 'number', min: '1', max: '100', value: '2' });
  const parity = h('input', { id: 'job-parity', type: 'number', min: '1', max: '32', value: '2' });

  const start = (label, fn) => async (e) => {
    startError.textContent = '';
    e.target.disabled = true;
    try {
      const id = await fn();
      notify(`${label}: started ${id}`, 'ok');
    } catch (err) {
      startError.textContent = `${label}: ${err.message}`;
    } finally {
      e.target.disabled = false;
    }
  };
  const bucket = () => {
    if (!bucketSel.value) throw new Error('choose a bucket first');
    return bucketSel.value;
  };

  // starting and aborting jobs is cluster administration (ADMIN); the node refuses it to others anyway
  const admin = permissions().cluster(BITS.ADMIN);
  clear(main, h('h1', {}, 'Jobs'),
    !admin ? null : h('section', { class: 'card', 'aria-labelledby': 'start-h' }, h('h2', { id: 'start-h' }, 'Start a job'),
      h('div', { class: 'toolbar' },
        h('button', { type: 'button', id: 'start-rebalance', onclick: start('Rebalance', () => api.startJob('rebalance')) },
          'Start rebalance'),
        h('button', { type: 'button', id: 'start-resilver', onclick: start('Resilver', () => api.startJob('resilver')) },
          'Start resilver')),
      h('div', { class: 'toolbar' },
        h('label', { for: 'job-bucket' }, 'Bucket'), bucketSel,
        h('label', { for: 'job-copies' }, 'Copies'), copies,
        h('button', { type: 'button', id: 'start-copies',
          onclick: start('Make N copies', () => api.makeNCopies(bucket(), Number(copies.value))) }, 'Make N copies')),
      h('div', { class: 'toolbar' },
        h('label', { for: 'job-data' }, 'Data slices'), data,
        h('label', { for: 'job-parity' }, 'Parity slices'), parity,
        h('button', { type: 'button', id: 'start-ec',
          onclick: start('EC encode', () => api.ecEncode(bucket(), Number(data.value), Number(parity.value))) },
        'EC encode')),
      startError),
    h('section', { class: 'card', 'aria-labelledby': 'list-h' }, h('h2', { id: 'list-h' }, 'Running and recent jobs'),
      listError, table));

  api.buckets().then((bs) => clear(bucketSel, h('option', { value: '' }, '(choose)'),
    bs.map((b) => h('option', { value: b.name }, b.name)))).catch(() => {});

  const abort = async (j) => {
    if (!await confirmDialog({ title: `Abort ${j.kind} ${j.id}?`, action: 'Abort',
      message: 'Every node stops its part of the job.' })) return;
    try {
      await api.stopJob(j.id, j.kind);
      notify(`Abort of ${j.id} requested`, 'ok');
    } catch (e) {
      notify(`Cannot abort ${j.id}: ${e.message}`, 'error');
    }
  };

  return every(1500, async () => {
    try {
      const jobs = mergeJobs(await api.jobs());
      listError.textContent = '';
      clear(table, jobs.length ? jobsTable(jobs, admin ? abort : null) : h('p', { class: 'muted' }, 'No jobs yet.'));
    } catch (e) {
      listError.textContent = `Cannot read jobs: ${e.message}`;
    }
  });
}
