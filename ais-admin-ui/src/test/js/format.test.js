// format.js: sizes, durations, AIS times and counts as the pages show them.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { base64Text, bytes, duration, time, num } from '../../main/webapp/js/format.js';

test('bytes: binary units, two decimals below 10, one above, whole bytes as they are', () => {
  assert.equal(bytes(0), '0 B');
  assert.equal(bytes(1023), '1023 B');
  assert.equal(bytes(1024), '1.00 KiB');
  assert.equal(bytes(1536), '1.50 KiB');
  assert.equal(bytes(10 * 1024), '10.0 KiB');
  assert.equal(bytes(1023 * 1024), '1023.0 KiB');
  assert.equal(bytes(5.5 * 1024 ** 2), '5.50 MiB');
  assert.equal(bytes(3 * 1024 ** 3), '3.00 GiB');
  assert.equal(bytes(1024 ** 4), '1.00 TiB');
  assert.equal(bytes(2 * 1024 ** 5), '2.00 PiB');
  // PiB is the largest unit: bigger numbers stay in it
  assert.equal(bytes(1024 ** 6), '1024.0 PiB');
});

test('bytes: AIS sends counters as strings; anything else is zero', () => {
  assert.equal(bytes('2048'), '2.00 KiB');
  assert.equal(bytes(undefined), '0 B');
  assert.equal(bytes(null), '0 B');
  assert.equal(bytes('n/a'), '0 B');
});

test('duration: nanoseconds shown with the two largest units', () => {
  const s = 1e9;
  assert.equal(duration(0), '0s');
  assert.equal(duration(999_999_999), '0s');
  assert.equal(duration(59.9 * s), '59s');
  assert.equal(duration(61 * s), '1m 1s');
  assert.equal(duration(3600 * s), '1h 0m');
  assert.equal(duration(3722 * s), '1h 2m');
  assert.equal(duration((2 * 86400 + 3 * 3600 + 59) * s), '2d 3h');
  assert.equal(duration(String(90 * s)), '1m 30s');
  assert.equal(duration(undefined), '0s');
  assert.equal(duration('soon'), '0s');
});

test('time: the zero time in any of its forms is blank', () => {
  for (const zero of [undefined, null, '', 0, '0', '0001-01-01T00:00:00Z']) {
    assert.equal(time(zero), '', `time(${JSON.stringify(zero)})`);
  }
});

test('time: unix nanoseconds (string or number) and RFC 3339 text', () => {
  const ms = Date.UTC(2024, 0, 2, 3, 4, 5);
  const local = new Date(ms).toLocaleString();
  assert.equal(time(String(ms) + '000000'), local);
  assert.equal(time(ms * 1e6), local);
  assert.equal(time('2024-01-02T03:04:05Z'), local);
  assert.equal(time('2024-01-02T03:04:05.123456789Z'), new Date('2024-01-02T03:04:05.123Z').toLocaleString());
});

test('time: nanoseconds beyond 2^53 keep their second (integer division, no float rounding)', () => {
  // 1700000000.999999999 s: floating-point division by 1e6 rounds up into the next second
  const ns = '1700000000999999999';
  assert.equal(time(ns), new Date(1700000000999).toLocaleString());
  assert.notEqual(new Date(1700000000999).toLocaleString(), new Date(1700000001000).toLocaleString());
});

test('time: text that is not a time is shown as it came', () => {
  assert.equal(time('not a time'), 'not a time');
});

test('num: grouped digits, zero for anything that is not a number', () => {
  assert.equal(num(1234567), (1234567).toLocaleString());
  assert.equal(num('42'), '42');
  assert.equal(num(undefined), '0');
  assert.equal(num('x'), '0');
});

test('base64Text: AIS byte slices (an ETL\'s logs) as UTF-8 text; bad input named, not thrown', () => {
  assert.equal(base64Text(Buffer.from('transformer: listening\n').toString('base64')), 'transformer: listening\n');
  assert.equal(base64Text(Buffer.from('grüße').toString('base64')), 'grüße');
  assert.equal(base64Text(''), '');
  assert.equal(base64Text(undefined), '');
  assert.equal(base64Text('%%%not base64'), '(unreadable)');
});
