// Peers of many `ike` rules share frozen default values (one object per distinct default) while every Setter still
// edits its own rule: effective values, identity of shared objects, Setter edits per rule, and batch mode's
// dropSetters on a model that holds frozen objects.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openbsdDialect } from '../../server/src/dialects/openbsd';
import * as model from '../../server/src/model';
import { applyEdits } from '../helpers/fixture';

const URI = 'file:///etc/hub.ipsec.conf';

function lower(text: string) {
  return openbsdDialect.lower(openbsdDialect.parse(text, {}), URI, {});
}

// Two sites written the way bench/shapes.mjs `openbsdConfig` writes them, plus two rules on every default.
const TEXT = `# site 0
gw0 = "192.0.2.10"
ike esp from 10.1.0.1 to 10.2.0.0/24 peer $gw0 main auth hmac-sha2-256 enc aes-256 group modp2048 quick auth hmac-sha2-256 enc aes-256 group modp2048 psk "secret-0"
flow esp from 10.3.0.1 to 10.4.0.0/24 peer $gw0

# site 1
gw1 = "192.0.2.11"
ike esp from 10.1.0.2 to 10.2.1.0/24 peer $gw1 main auth hmac-sha2-256 enc aes-256 group modp2048 quick auth hmac-sha2-256 enc aes-256 group modp2048 psk "secret-1"
ike esp from 192.168.1.0/24 to 192.168.2.0/24 peer 198.51.100.1 psk "k1"
ike esp from 192.168.3.0/24 to 192.168.4.0/24 peer 198.51.100.2 psk "k2"
`;

const at = (r: { start: number; end: number } | undefined) => (r ? TEXT.slice(r.start, r.end) : undefined);

test('per-site rules: effective values with their own ranges, transform lists shared', () => {
  const { device, diagnostics } = lower(TEXT);
  assert.deepEqual(diagnostics, []);
  assert.equal(device.ipsecPeers.length, 4);
  const [a, b] = device.ipsecPeers;
  assert.equal(a.remote?.value, '192.0.2.10');
  assert.equal(b.remote?.value, '192.0.2.11');
  assert.equal(a.psk?.peer, '192.0.2.10/32');
  assert.equal(a.psk?.secret.plain, 'secret-0');
  assert.deepEqual(a.selectors.map((s) => [s.local, s.remote, s.protocol]), [['10.1.0.1/32', '10.2.0.0/24', 'ip']]);
  assert.deepEqual(b.selectors.map((s) => [s.local, s.remote]), [['10.1.0.2/32', '10.2.1.0/24']]);
  assert.equal(a.phase1[0].label, 'main');
  assert.deepEqual(a.phase1[0].encryption.value, ['aes-cbc-256']);
  assert.deepEqual(a.phase1[0].hash.value, ['sha256']);
  assert.deepEqual(a.phase1[0].dh.value, ['modp2048']);
  assert.deepEqual(a.phase2[0].integrity.value, ['sha256']);
  assert.equal(a.pfs.value, 'modp2048');
  // Same written algorithm: one shared frozen list; the Values and their ranges stay each rule's own.
  assert.equal(a.phase1[0].encryption.value, b.phase1[0].encryption.value);
  assert.ok(Object.isFrozen(a.phase1[0].encryption.value));
  assert.notEqual(a.phase1[0].encryption, b.phase1[0].encryption);
  assert.equal(at(a.phase1[0].encryption.range), 'aes-256');
  assert.ok(a.phase1[0].encryption.range!.start < b.phase1[0].encryption.range!.start);
  assert.equal(at(b.phase2[0].encryption.range), 'aes-256');
  assert.ok(b.phase2[0].encryption.range!.start > b.phase1[0].encryption.range!.start);
});

test('defaults: one frozen object per distinct default, identical across peers and files', () => {
  const { device } = lower(TEXT);
  const [, , c, d] = device.ipsecPeers;
  assert.equal(c.exchangeMode.value, 'main');
  assert.equal(c.exchangeMode, d.exchangeMode);
  assert.ok(Object.isFrozen(c.exchangeMode));
  assert.equal(c.exchangeMode.range, undefined);
  assert.match(c.exchangeMode.default ?? '', /main mode/);
  assert.equal(c.ikeVersion, d.ikeVersion);
  assert.equal(c.ikeVersion.value, 1);
  assert.deepEqual(c.phase1[0].encryption.value, ['aes-cbc-any']);
  assert.equal(c.phase1[0].encryption, d.phase1[0].encryption);
  assert.deepEqual(c.phase1[0].hash.value, ['sha1']);
  assert.deepEqual(c.phase1[0].dh.value, ['modp3072']);
  assert.deepEqual(c.phase2[0].integrity.value, ['sha256']);
  assert.equal(c.phase2[0].mode, d.phase2[0].mode);
  assert.equal(c.phase2[0].protocol.value, 'esp');
  assert.equal(c.pfs, d.pfs);
  assert.equal(c.pfs.value, 'modp3072');
  // Another file lowers onto the very same objects.
  const other = lower('ike esp from 10.9.0.0/24 to 10.8.0.0/24 peer 203.0.113.9\n').device.ipsecPeers[0];
  assert.equal(other.phase1[0].encryption, c.phase1[0].encryption);
  assert.equal(other.ikeVersion, c.ikeVersion);
  // A written value never takes a shared default's place.
  assert.notEqual(c.ikeVersion, device.ipsecPeers[0].exchangeMode);
  assert.equal(device.ipsecPeers[0].exchangeMode.range && at(device.ipsecPeers[0].exchangeMode.range), 'main');
  // Writing into a shared default fails instead of changing every peer.
  assert.throws(() => {
    (c.phase1[0].encryption.value as string[]).push('3des');
  }, TypeError);
  assert.deepEqual(d.phase1[0].encryption.value, ['aes-cbc-any']);
});

test('Setters of peers sharing defaults edit their own rule', () => {
  const { device } = lower(TEXT);
  const [, , c, d] = device.ipsecPeers;
  const lineOf = (text: string, needle: string) => text.split('\n').find((l) => l.includes(needle));
  // Lifetimes stay per peer: each has its own Setter.
  assert.notEqual(c.phase1[0].lifetime, d.phase1[0].lifetime);
  assert.equal(c.phase1[0].lifetime.value, 3600);
  const life = applyEdits(TEXT, d.phase1[0].lifetime.set!(28800)!);
  assert.equal(lineOf(life, '198.51.100.2'), 'ike esp from 192.168.3.0/24 to 192.168.4.0/24 peer 198.51.100.2 main lifetime 28800 psk "k2"');
  assert.equal(lineOf(life, '198.51.100.1'), 'ike esp from 192.168.1.0/24 to 192.168.2.0/24 peer 198.51.100.1 psk "k1"');
  const p2 = applyEdits(TEXT, c.phase2Lifetime!.set!(3600)!);
  assert.equal(lineOf(p2, '198.51.100.1'), 'ike esp from 192.168.1.0/24 to 192.168.2.0/24 peer 198.51.100.1 quick lifetime 3600 psk "k1"');
  const ph1 = applyEdits(TEXT, c.setPhase1!({ encryption: 'aes-cbc-256', hash: 'sha256', dh: 'modp2048' })!);
  assert.equal(lineOf(ph1, '198.51.100.1'), 'ike esp from 192.168.1.0/24 to 192.168.2.0/24 peer 198.51.100.1 main auth hmac-sha2-256 enc aes-256 group modp2048 psk "k1"');
  assert.equal(lineOf(ph1, '198.51.100.2'), 'ike esp from 192.168.3.0/24 to 192.168.4.0/24 peer 198.51.100.2 psk "k2"');
  const pfs = applyEdits(TEXT, d.setPfs!('modp2048')!);
  assert.equal(lineOf(pfs, '198.51.100.2'), 'ike esp from 192.168.3.0/24 to 192.168.4.0/24 peer 198.51.100.2 quick group modp2048 psk "k2"');
  const key = applyEdits(TEXT, c.psk!.set!('new key')!);
  assert.equal(lineOf(key, '198.51.100.1'), 'ike esp from 192.168.1.0/24 to 192.168.2.0/24 peer 198.51.100.1 psk "new key"');
});

test('batch mode: dropSetters removes every Setter and leaves values and shared defaults intact', () => {
  const low = lower(TEXT);
  const before = low.device.ipsecPeers.map((p) => [p.exchangeMode.value, p.phase1[0].encryption.value, p.phase1[0].lifetime.value, p.pfs.value]);
  model.dropSetters(low);
  const left: string[] = [];
  const walk = (o: unknown, pathName: string) => {
    if (o === null || typeof o !== 'object') return;
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === 'function') left.push(`${pathName}.${k}`);
      else walk(v, `${pathName}.${k}`);
    }
  };
  walk(low.device, 'device');
  assert.deepEqual(left, []);
  assert.deepEqual(
    low.device.ipsecPeers.map((p) => [p.exchangeMode.value, p.phase1[0].encryption.value, p.phase1[0].lifetime.value, p.pfs.value]),
    before,
  );
  // The shared defaults were not touched: a fresh editor lowering still has its Setters and the same values.
  const again = lower(TEXT).device.ipsecPeers[2];
  assert.equal(typeof again.setPhase1, 'function');
  assert.equal(typeof again.phase1[0].lifetime.set, 'function');
  assert.deepEqual(again.phase1[0].encryption.value, ['aes-cbc-any']);
});
