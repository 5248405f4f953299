// AIS's permission bits (api/authn, apc.Ace*) and what a caller may do, from the node's
// GET /authn/v1/permissions answer: {auth, user, admin, cluster: "<bits>", buckets: [{name, provider, perm}]}.
// Pure (no DOM), so it is unit-tested with Node. The console only hides what is not allowed; the node refuses anyway.

export const BITS = Object.freeze({
  GET: 1, HEAD_OBJECT: 2, PUT: 4, APPEND: 8, DELETE_OBJECT: 16, MOVE_OBJECT: 32, PROMOTE: 64, UPDATE_OBJECT: 128,
  HEAD_BUCKET: 256, LIST_OBJECTS: 512, PATCH: 1024, SET_BUCKET_ACL: 2048, LIST_BUCKETS: 4096, SHOW_CLUSTER: 8192,
  CREATE_BUCKET: 16384, DESTROY_BUCKET: 32768, MOVE_BUCKET: 65536, ADMIN: 131072,
});

/** Parses AIS's decimal-string mask (18 bits fit a Number); anything unreadable allows nothing. */
export function mask(perm) {
  const n = Number(perm);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}

export class Permissions {
  /** @param doc the permissions document, or null when nothing is known (nothing allowed) */
  constructor(doc) {
    this.auth = !!doc?.auth;
    this.user = doc?.user || '';
    this.admin = !!doc?.admin;
    this.clusterBits = mask(doc?.cluster);
    this.bucketBits = new Map((doc?.buckets || []).map((b) => [`${b.provider || 'ais'}://${b.name}`, mask(b.perm)]));
  }

  /** Whether every bit of `bits` is allowed at cluster level. */
  cluster(bits) {
    return (this.clusterBits & bits) === bits;
  }

  /** Whether every bit of `bits` is allowed on bucket `name` (a bucket the document does not list: nothing). */
  bucket(name, bits, provider = 'ais') {
    const m = this.bucketBits.get(`${provider}://${name}`) || 0;
    return (m & bits) === bits;
  }
}
