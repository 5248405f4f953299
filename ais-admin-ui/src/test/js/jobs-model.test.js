// jobs-model.js: every node's job snapshots (AIS qryxstats {nodeId: [snap]}) merged into one row per job.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { mergeJobs } from '../../main/webapp/js/jobs-model.js';

const ZERO_TIME = '0001-01-01T00:00:00Z';

function snap(id, kind, start, end, stats = {}, extra = {}) {
  return { id, kind, 'start-time': start, 'end-time': end, aborted: false, err: '', stats, ...extra };
}

test('no nodes, or nodes without jobs, give no rows', () => {
  assert.deepEqual(mergeJobs(undefined), []);
  assert.deepEqual(mergeJobs({}), []);
  assert.deepEqual(mergeJobs({ t1: [], t2: null }), []);
});

test('one row per job: counters summed over nodes (strings too), earliest start, latest end', () => {
  const rows = mergeJobs({
    t1: [snap('g7', 'rebalance', '2024-01-01T10:00:02Z', '2024-01-01T10:05:00Z',
      { 'loc-objs': '10', 'out-objs': '3', 'out-bytes': '300', 'in-objs': '1', 'in-bytes': '100' })],
    t2: [snap('g7', 'rebalance', '2024-01-01T10:00:01Z', '2024-01-01T10:07:00Z',
      { 'loc-objs': 5, 'out-objs': 2, 'out-bytes': 200, 'in-objs': 4, 'in-bytes': 400 })],
  });
  assert.equal(rows.length, 1);
  const j = rows[0];
  assert.equal(j.id, 'g7');
  assert.equal(j.kind, 'rebalance');
  assert.equal(j.nodes, 2);
  assert.equal(j.done, 2);
  assert.equal(j.start, '2024-01-01T10:00:01Z');
  assert.equal(j.end, '2024-01-01T10:07:00Z');
  assert.equal(j.locObjs, 15);
  assert.equal(j.outObjs, 5);
  assert.equal(j.outBytes, 500);
  assert.equal(j.inObjs, 5);
  assert.equal(j.inBytes, 500);
  assert.equal(j.state, 'finished');
  assert.deepEqual(Object.keys(j.perNode).sort(), ['t1', 't2']);
  assert.equal(j.perNode.t2.stats['loc-objs'], 5);
});

test('a job still running on one node is running, with no end time', () => {
  const [j] = mergeJobs({
    t1: [snap('x1', 'copy-bck', '2024-01-01T10:00:00Z', '2024-01-01T10:01:00Z')],
    t2: [snap('x1', 'copy-bck', '2024-01-01T10:00:00Z', ZERO_TIME)],
    t3: [snap('x1', 'copy-bck', '2024-01-01T10:00:00Z', '')],
  });
  assert.equal(j.nodes, 3);
  assert.equal(j.done, 1);
  assert.equal(j.state, 'running');
  assert.equal(j.end, '');
});

test('ended jobs: aborted anywhere is aborted, else an error anywhere is failed, with the first error', () => {
  const end = '2024-01-01T11:00:00Z';
  const rows = mergeJobs({
    t1: [
      snap('a', 'scrub', '2024-01-01T10:00:00Z', end),
      snap('f', 'ec-encode', '2024-01-01T10:00:00Z', end),
      snap('f2', 'ec-encode', '2024-01-01T10:00:00Z', end, {}, { 'abort-err': 'out of space' }),
    ],
    t2: [
      snap('a', 'scrub', '2024-01-01T10:00:00Z', end, {}, { aborted: true, 'abort-err': 'stopped by user' }),
      snap('f', 'ec-encode', '2024-01-01T10:00:00Z', end, {}, { err: 'cannot encode ais://b/o' }),
    ],
  });
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
  assert.equal(byId.a.state, 'aborted');
  assert.equal(byId.a.aborted, true);
  assert.equal(byId.a.err, 'stopped by user');
  assert.equal(byId.f.state, 'failed');
  assert.equal(byId.f.err, 'cannot encode ais://b/o');
  assert.equal(byId.f2.state, 'failed');
  assert.equal(byId.f2.err, 'out of space');
});

test('rows are newest first; snapshots without stats count as zero', () => {
  const rows = mergeJobs({
    t1: [
      { id: 'old', kind: 'resilver', 'start-time': '2024-01-01T09:00:00Z', 'end-time': ZERO_TIME },
      snap('new', 'scrub', '2024-01-01T12:00:00Z', ZERO_TIME),
      snap('mid', 'scrub', '2024-01-01T10:30:00Z', ZERO_TIME),
    ],
  });
  assert.deepEqual(rows.map((r) => r.id), ['new', 'mid', 'old']);
  assert.equal(rows[2].locObjs, 0);
  assert.equal(rows[2].state, 'running');
});
