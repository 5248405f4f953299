import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BITS, Permissions, mask } from '../../main/webapp/js/permissions.js';

test('AIS masks are decimal strings; junk allows nothing', () => {
  assert.equal(mask('771'), 771);
  assert.equal(mask('18446744073709551615'), 0);
  assert.equal(mask('x'), 0);
  assert.equal(mask(undefined), 0);
});

test('a read-only user may read a bucket but not destroy it or administer the cluster', () => {
  const p = new Permissions({ auth: true, user: 'ro', admin: false, cluster: String(771 | 4096 | 8192),
    buckets: [{ name: 'imagenet', provider: 'ais', perm: '771' }] });
  assert.ok(p.auth);
  assert.equal(p.user, 'ro');
  assert.ok(p.bucket('imagenet', BITS.GET | BITS.LIST_OBJECTS));
  assert.ok(!p.bucket('imagenet', BITS.PUT));
  assert.ok(!p.bucket('imagenet', BITS.DESTROY_BUCKET));
  assert.ok(p.cluster(BITS.LIST_BUCKETS));
  assert.ok(!p.cluster(BITS.ADMIN));
  assert.ok(!p.bucket('other', BITS.GET), 'a bucket not listed allows nothing');
  assert.ok(!p.bucket('imagenet', BITS.GET, 's3'), 'the provider is part of the name');
});

test('nothing known: nothing allowed', () => {
  const p = new Permissions(null);
  assert.ok(!p.auth);
  assert.ok(!p.cluster(BITS.LIST_BUCKETS));
  assert.ok(p.cluster(0));
});
