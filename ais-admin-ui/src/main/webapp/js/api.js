// The console's only server: the cluster's public native API (/v1), as AIS's clients call it.
// Calls that AIS makes as GET with a JSON body go as POST + X-HTTP-Method-Override: GET (browsers send no GET body).
// With authentication on, every call carries the session's token; a 401 (expired or revoked token) goes back to
// the login page through onUnauthorized.
import { authHeaders } from './session.js';

let unauthorized = () => {};

/** What to do when the node answers 401 (the app shows its login page). */
export function onUnauthorized(fn) {
  unauthorized = fn;
}

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

const enc = encodeURIComponent;

/** Percent-encodes an object name segment by segment ('/' stays a separator, as AIS's SDK does). */
export function objectPath(bucket, name) {
  return `/v1/objects/${enc(bucket)}/${name.split('/').map(enc).join('/')}`;
}

async function fail(r) {
  let msg = `${r.status} ${r.statusText}`.trim();
  const text = await r.text().catch(() => '');
  if (text) {
    try {
      msg = JSON.parse(text).message || msg;
    } catch {
      msg = text.length > 300 ? text.slice(0, 300) + '…' : text;
    }
  }
  throw new ApiError(r.status, msg);
}

export async function request(method, path, { act, headers } = {}) {
  const h = { ...authHeaders(), ...(headers || {}) };
  let m = method;
  let body;
  if (act !== undefined) {
    body = JSON.stringify(act);
    h['Content-Type'] = 'application/json';
    if (method === 'GET') {
      m = 'POST';
      h['X-HTTP-Method-Override'] = 'GET';
    }
  }
  let r;
  try {
    r = await fetch(path, { method: m, headers: h, body, cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, `the node does not answer (${e.message})`);
  }
  if (!r.ok) {
    if (r.status === 401) unauthorized();
    await fail(r);
  }
  return r;
}

/**
 * Saves an object as a file. Auth off: a plain link does it (the browser streams it to disk). Auth on: a link
 * cannot carry the token, so the object is fetched with it and handed to the browser as a blob.
 */
export async function download(bucket, name, filename) {
  const r = await request('GET', objectPath(bucket, name));
  const url = URL.createObjectURL(await r.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

const json = async (method, path, act) => (await request(method, path, { act })).json();
const text = async (method, path, act) => (await request(method, path, { act })).text();

// summary-bck is asynchronous, as in AIS: the first call answers 202 and a job id, the call with that id the result
async function summarize(path) {
  const uuid = (await text('GET', path, { action: 'summary-bck', value: {} })).replaceAll('"', '');
  return json('GET', path, { action: 'summary-bck', value: { uuid } });
}

export const api = {
  smap: () => json('GET', '/v1/daemon?what=smap'),
  nodeStatus: () => json('GET', '/v1/cluster?what=node_status'),
  buckets: () => json('GET', '/v1/buckets', { action: 'list' }),
  summaries: () => summarize('/v1/buckets'),
  summary: (b) => summarize(`/v1/buckets/${enc(b)}`),
  bucketProps: async (b) => {
    const r = await request('HEAD', `/v1/buckets/${enc(b)}`);
    return JSON.parse(r.headers.get('Ais-Bucket-Props') || '{}');
  },
  createBucket: (b, props) => request('POST', `/v1/buckets/${enc(b)}`, { act: { action: 'create-bck', value: props } }),
  setProps: (b, props) => request('PATCH', `/v1/buckets/${enc(b)}`, { act: { action: 'set-bprops', value: props } }),
  destroyBucket: (b) => request('DELETE', `/v1/buckets/${enc(b)}`, { act: { action: 'destroy-bck' } }),
  makeNCopies: (b, n) => text('POST', `/v1/buckets/${enc(b)}`, { action: 'make-n-copies', value: n }),
  ecEncode: (b, d, p) => text('POST', `/v1/buckets/${enc(b)}`,
    { action: 'ec-encode', value: { data_slices: d, parity_slices: p } }),
  /** One page of a bucket listing, one "directory" level (AIS LsNoRecursion). */
  listObjects: (b, prefix, token, pageSize) => json('GET', `/v1/buckets/${enc(b)}`, {
    action: 'list',
    value: {
      prefix, continuation_token: token || '', pagesize: pageSize, flags: '2048',
      props: 'name,size,checksum,atime,version,copies',
    },
  }),
  headObject: (b, o) => request('HEAD', objectPath(b, o)),
  deleteObject: (b, o) => request('DELETE', objectPath(b, o)),
  /** Every node's job snapshots: {nodeId: [snap]}. */
  jobs: () => json('GET', '/v1/cluster?what=qryxstats', {}),
  startJob: (kind) => text('PUT', '/v1/cluster', { action: 'start', value: { Kind: kind } }),
  stopJob: (id, kind) => request('PUT', '/v1/cluster', { act: { action: 'stop', value: { ID: id, Kind: kind } } }),
  etls: () => json('GET', '/v1/etl'),
  etlHealth: (name) => json('GET', `/v1/etl/${enc(name)}/health`),
  /** [{target_id, logs: base64}] */
  etlLogs: (name) => json('GET', `/v1/etl/${enc(name)}/logs`),
  etlAction: (name, action) => request('POST', `/v1/etl/${enc(name)}/${action}`),
  deleteEtl: (name) => request('DELETE', `/v1/etl/${enc(name)}`),
  /** start-maintenance, stop-maintenance, decommission-node; returns the rebalance id. */
  nodeAction: (action, sid) => text('PUT', '/v1/cluster', { action, value: { sid } }),
};

/** PUT of one file with upload progress (fetch has none); resolves on 2xx, rejects with ApiError. */
export function upload(bucket, name, file, onProgress) {
  return new Promise((resolve, reject) => {
    const x = new XMLHttpRequest();
    x.open('PUT', objectPath(bucket, name));
    x.setRequestHeader('Content-Type', 'application/octet-stream');
    for (const [k, v] of Object.entries(authHeaders())) x.setRequestHeader(k, v);
    x.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    x.onload = () => {
      if (x.status >= 200 && x.status < 300) {
        onProgress(1);
        resolve();
      } else {
        if (x.status === 401) unauthorized();
        let msg = `${x.status}`;
        try {
          msg = JSON.parse(x.responseText).message || msg;
        } catch { /* not JSON */ }
        reject(new ApiError(x.status, msg));
      }
    };
    x.onerror = () => reject(new ApiError(0, 'upload failed (network error or refused redirect)'));
    x.send(file);
  });
}
