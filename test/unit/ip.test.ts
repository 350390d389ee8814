import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as model from '../../server/src/model';

test('IPv4 prefixes, masks and wildcards', () => {
  assert.equal(model.canonicalPrefix('192.168.0.5/24'), '192.168.0.0/24');
  assert.equal(model.maskToLength('255.255.255.0'), 24);
  assert.equal(model.maskToLength('255.0.255.0'), undefined);
  assert.equal(model.wildcardToLength('0.0.0.255'), 24);
  assert.equal(model.lengthToMask(30), '255.255.255.252');
  assert.ok(model.prefixContains('0.0.0.0/0', '10.0.0.2'));
  assert.ok(model.prefixContains('10.0.0.0/8', '10.1.0.0/16'));
  assert.ok(!model.prefixContains('10.1.0.0/16', '10.0.0.0/8'));
});

test('IPv6 canonical forms', () => {
  assert.equal(model.canonicalAddress('2001:DB8:0:0:0:0:0:1'), '2001:db8::1');
  assert.equal(model.canonicalPrefix('2620:0:1:2::5/64'), '2620:0:1:2::/64');
  assert.equal(model.canonicalAddress('::ffff:10.0.0.1'), '::ffff:a00:1');
  assert.equal(model.canonicalAddress('1::2::3'), undefined);
});

test('secrets are masked and compared without being shown', () => {
  const a: model.Secret = { kind: 'plain', plain: 'MY_KEY', range: { start: 0, end: 6 } };
  const b: model.Secret = { kind: 'plain', plain: 'MYKEY', range: { start: 0, end: 5 } };
  assert.equal(model.compareSecrets(a, b), 'different');
  assert.equal(model.compareSecrets(a, { ...a, plain: 'my_key' }), 'case-or-space');
  assert.equal(model.compareSecrets(a, { kind: 'masked', range: a.range }), 'unverifiable');
  assert.ok(!model.maskSecret(a).includes('MY_KEY'));
  assert.match(model.maskSecret(a), /\(6 chars\)/);
});
