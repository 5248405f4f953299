// Merges every node's job snapshots (AIS qryxstats: {nodeId: [snap]}) into one row per job.

const ZERO = (t) => !t || String(t).startsWith('0001-');

export function mergeJobs(byNode) {
  const jobs = new Map();
  for (const [node, snaps] of Object.entries(byNode || {})) {
    for (const s of snaps || []) {
      let j = jobs.get(s.id);
      if (!j) {
        j = { id: s.id, kind: s.kind, nodes: 0, done: 0, start: s['start-time'], end: '', aborted: false, err: '',
          locObjs: 0, outObjs: 0, outBytes: 0, inObjs: 0, inBytes: 0, perNode: {} };
        jobs.set(s.id, j);
      }
      const st = s.stats || {};
      j.nodes++;
      if (!ZERO(s['end-time'])) {
        j.done++;
        if (!j.end || s['end-time'] > j.end) j.end = s['end-time'];
      }
      if (s['start-time'] < j.start) j.start = s['start-time'];
      j.aborted = j.aborted || s.aborted;
      j.err = j.err || s.err || s['abort-err'] || '';
      j.locObjs += Number(st['loc-objs'] || 0);
      j.outObjs += Number(st['out-objs'] || 0);
      j.outBytes += Number(st['out-bytes'] || 0);
      j.inObjs += Number(st['in-objs'] || 0);
      j.inBytes += Number(st['in-bytes'] || 0);
      j.perNode[node] = s;
    }
  }
  for (const j of jobs.values()) {
    const running = j.done < j.nodes;
    j.state = running ? 'running' : j.aborted ? 'aborted' : j.err ? 'failed' : 'finished';
    if (running) j.end = '';
  }
  return [...jobs.values()].sort((a, b) => (a.start < b.start ? 1 : -1));
}
