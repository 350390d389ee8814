// Model values lowered from ipsec.conf: seed 000 (Meraki ↔ OpenBSD), release-dependent defaults, macros and lists,
// and the Setters' edits applied back to the text.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openbsdDialect } from '../../server/src/dialects/openbsd';
import type { DialectOptions } from '../../server/src/dialects/types';
import * as model from '../../server/src/model';
import { applyEdits } from '../helpers/fixture';

const URI = 'file:///etc/gw.ipsec.conf';

function lower(text: string, options: DialectOptions = {}) {
  const parsed = openbsdDialect.parse(text, options);
  return openbsdDialect.lower(parsed, URI, options);
}

const at = (text: string, r: { start: number; end: number } | undefined) => (r ? text.slice(r.start, r.end) : undefined);

// Seed 000, first attempt (default proposal), with documentation addresses written back.
const SEED_DEFAULT = `ike esp from 192.0.2.0/24 to 198.51.100.0/24 \\
        peer 203.0.113.1 \\
        psk mekmitasdigoat
`;

// Seed 000, the rule that worked against the Meraki MX60.
const SEED_FIXED = `ike esp from 192.0.2.0/24 to 198.51.100.0/24 \\
        peer 203.0.113.1 \\
        main auth hmac-sha1 enc 3des group modp1024 lifetime 28800 \\
        quick auth hmac-sha1 enc aes-256 group none lifetime 28800 \\
        psk mekmitasdigoat
`;

test('seed 000 default rule: effective proposal on current OpenBSD', () => {
  const { device, diagnostics } = lower(SEED_DEFAULT);
  assert.deepEqual(diagnostics, []);
  assert.equal(device.name, 'gw.ipsec.conf');
  assert.equal(device.dialect, 'openbsd-ipsec');
  assert.equal(device.ipsecPeers.length, 1);
  const p = device.ipsecPeers[0];
  assert.equal(p.remote?.value, '203.0.113.1');
  assert.equal(at(SEED_DEFAULT, p.remote?.range), '203.0.113.1');
  assert.equal(p.role, 'initiator');
  assert.equal(p.kind, 'openbsd');
  assert.equal(p.ikeVersion.value, 1);
  assert.equal(p.exchangeMode.value, 'main');
  assert.ok(p.exchangeMode.default);
  const p1 = p.phase1[0];
  assert.deepEqual([p1.encryption.value, p1.hash.value, p1.dh.value, p1.auth.value, p1.lifetime.value], [['aes-cbc-any'], ['sha1'], ['modp3072'], 'psk', 3600]);
  assert.equal(p1.dh.range, undefined);
  assert.equal(p1.dh.default, 'ipsecctl default when `group` is absent (OpenBSD 7.x)');
  assert.equal(at(SEED_DEFAULT, p1.auth.range), 'psk');
  const p2 = p.phase2[0];
  assert.deepEqual([p2.protocol.value, p2.encryption.value, p2.integrity.value, p2.mode.value], ['esp', ['aes-cbc-any'], ['sha256'], 'tunnel']);
  assert.equal(at(SEED_DEFAULT, p2.protocol.range), 'esp');
  assert.equal(p.pfs.value, 'modp3072');
  assert.match(p.pfs.default!, /OpenBSD 7\.x/);
  assert.deepEqual(p.selectors.map((s) => [s.local, s.remote, s.protocol]), [['192.0.2.0/24', '198.51.100.0/24', 'ip']]);
  assert.equal(at(SEED_DEFAULT, p.selectors[0].range), '192.0.2.0/24 to 198.51.100.0/24');
  assert.equal(p.psk?.secret.plain, 'mekmitasdigoat');
  assert.equal(at(SEED_DEFAULT, p.psk?.secret.range), 'mekmitasdigoat');
  assert.equal(p.psk?.peer, '203.0.113.1/32');
  assert.equal(device.keys.length, 1);
  assert.equal(at(SEED_DEFAULT, p.range), 'ike esp from 192.0.2.0/24 to 198.51.100.0/24');
});

test('seed 000 fixed rule: every value written, with its range', () => {
  const { device, diagnostics } = lower(SEED_FIXED);
  assert.deepEqual(diagnostics, []);
  const p = device.ipsecPeers[0];
  const p1 = p.phase1[0];
  assert.deepEqual([p1.encryption.value, p1.hash.value, p1.dh.value, p1.lifetime.value], [['3des'], ['sha1'], ['modp1024'], 28800]);
  assert.deepEqual([at(SEED_FIXED, p1.encryption.range), at(SEED_FIXED, p1.hash.range), at(SEED_FIXED, p1.dh.range), at(SEED_FIXED, p1.lifetime.range)], ['3des', 'hmac-sha1', 'modp1024', '28800']);
  assert.equal(at(SEED_FIXED, p.exchangeMode.range), 'main');
  const p2 = p.phase2[0];
  assert.deepEqual([p2.encryption.value, p2.integrity.value], [['aes-cbc-256'], ['sha1']]);
  assert.equal(p.pfs.value, 'none');
  assert.equal(at(SEED_FIXED, p.pfs.range), 'none');
  assert.equal(p.phase2Lifetime?.value, 28800);
  assert.equal(p2.label, 'quick');
  assert.equal(at(SEED_FIXED, p2.range), 'quick auth hmac-sha1 enc aes-256 group none lifetime 28800');
});

test('older releases: modp1024 in phase 1 and no PFS, with the release caveat', () => {
  const { device } = lower(SEED_DEFAULT, { openbsdVersion: '6.4' });
  const p = device.ipsecPeers[0];
  assert.equal(device.platformVersion, '6.4');
  assert.deepEqual(p.phase1[0].dh.value, ['modp1024']);
  assert.match(p.phase1[0].dh.default!, /OpenBSD 6\.4: modp1024; .*unconfirmed/);
  assert.equal(p.pfs.value, 'none');
  assert.match(p.pfs.default!, /no PFS.*unconfirmed/);
  const recent = lower(SEED_DEFAULT, { openbsdVersion: '7.6' }).device.ipsecPeers[0];
  assert.deepEqual(recent.phase1[0].dh.value, ['modp3072']);
  assert.equal(recent.phase1[0].dh.default, 'ipsecctl default when `group` is absent (OpenBSD 7.6)');
});

test('roles, local address, default peer, host-to-host rules', () => {
  const text = [
    'ike passive from 10.1.2.0/24 to 10.1.1.0/24 peer 131.188.33.51',
    'ike dynamic esp from 3.3.3.0/24 to 4.4.4.0/24 peer any local 2.2.2.1 aggressive auth hmac-sha2-256',
    'ike esp transport from 131.188.33.51 to 131.188.33.29 rsa',
    'ike from 10.1.1.0/24 to 10.2.2.0/24',
    '',
  ].join('\n');
  const { device, diagnostics } = lower(text);
  assert.deepEqual(diagnostics, []);
  const [a, b, c, d] = device.ipsecPeers;
  assert.equal(a.role, 'responder');
  assert.equal(a.remote?.value, '131.188.33.51');
  assert.equal(a.addPsk !== undefined, true);
  assert.equal(a.phase1[0].auth.value, 'rsa-sig');
  assert.ok(a.phase1[0].auth.default);
  assert.equal(b.role, 'both');
  assert.equal(b.remote, undefined);
  assert.equal(b.remoteAny, '0.0.0.0/0');
  assert.equal(b.local?.value, '2.2.2.1');
  assert.equal(b.exchangeMode.value, 'aggressive');
  assert.deepEqual(b.phase1[0].hash.value, ['sha256']);
  assert.equal(c.remote?.value, '131.188.33.29');
  assert.match(c.remote!.default!, /`to` host/);
  assert.equal(c.phase2[0].mode.value, 'transport');
  assert.equal(c.phase1[0].auth.value, 'rsa-sig');
  assert.equal(at(text, c.phase1[0].auth.range), 'rsa');
  assert.equal(d.remote, undefined);
  assert.deepEqual(
    device.extraAddresses.map((v) => [v.value, at(text, v.range)]),
    [
      ['2.2.2.1', '2.2.2.1'],
      ['131.188.33.51', '131.188.33.51'],
    ],
  );
  assert.deepEqual(model.ownedAddresses(device), ['2.2.2.1', '131.188.33.51']);
});

test('macros and lists: cartesian product, `any` expansion, values from macros carry the $use range', () => {
  const text = [
    'remote_gw = "203.0.113.1"',
    'nets = "{ 192.0.2.0/25, 192.0.2.128/25 }"',
    'key = "s3cr3t-key"',
    'ike esp proto tcp from $nets port 443 to { 198.51.100.0/24 198.51.101.0/24 } peer $remote_gw psk $key',
    'ike esp from any to 2001:db8::/32 peer 203.0.113.9',
    '',
  ].join('\n');
  const { device, diagnostics } = lower(text);
  assert.deepEqual(diagnostics, []);
  const [p, q] = device.ipsecPeers;
  assert.deepEqual(
    p.selectors.map((s) => `${s.local}:${s.localPort ?? '*'} ${s.remote} ${s.protocol}`),
    ['192.0.2.0/25:443 198.51.100.0/24 tcp', '192.0.2.0/25:443 198.51.101.0/24 tcp', '192.0.2.128/25:443 198.51.100.0/24 tcp', '192.0.2.128/25:443 198.51.101.0/24 tcp'],
  );
  assert.equal(at(text, p.selectors[0].range), '$nets port 443 to { 198.51.100.0/24');
  assert.equal(p.remote?.value, '203.0.113.1');
  assert.equal(at(text, p.remote?.range), '$remote_gw');
  assert.equal(p.psk?.secret.plain, "s3cr3t-key");
  assert.equal(at(text, p.psk?.secret.range), '$key');
  // `any` becomes 0.0.0.0/0 and ::/0; only the IPv6 half pairs with an IPv6 destination.
  assert.deepEqual(q.selectors.map((s) => `${s.local} ${s.remote}`), ['::/0 2001:db8::/32']);
  assert.deepEqual(device.definitions.map((d) => d.name), ['remote_gw', 'nets', 'key']);
  assert.deepEqual(device.references.map((r) => [r.kind, r.name, at(text, r.range)]), [
    ['macro', 'nets', '$nets'],
    ['macro', 'remote_gw', '$remote_gw'],
    ['macro', 'key', '$key'],
  ]);
});

test('NAT selectors compare the negotiated network, not the real one', () => {
  const { device } = lower('ike esp from 192.0.2.0/24 (10.0.0.0/24) to 198.51.100.0/24 peer 203.0.113.1\n');
  assert.deepEqual(device.ipsecPeers[0].selectors.map((s) => s.local), ['192.0.2.0/24']);
});

test('setters: phase 1/2 and PFS replace values or insert the missing clause; PSK is quoted', () => {
  const fixed = lower(SEED_FIXED).device.ipsecPeers[0];
  assert.equal(
    applyEdits(SEED_FIXED, fixed.setPhase1!({ encryption: 'aes-cbc-256', hash: 'sha256', dh: 'modp2048' })!),
    SEED_FIXED.replace('main auth hmac-sha1 enc 3des group modp1024', 'main auth hmac-sha2-256 enc aes-256 group modp2048'),
  );
  assert.equal(applyEdits(SEED_FIXED, fixed.setPfs!('modp2048')!), SEED_FIXED.replace('group none', 'group modp2048'));
  assert.equal(applyEdits(SEED_FIXED, fixed.psk!.set!('new "key"')!), SEED_FIXED.replace('psk mekmitasdigoat', 'psk "new \\"key\\""'));

  const def = lower(SEED_DEFAULT).device.ipsecPeers[0];
  const withMain = applyEdits(SEED_DEFAULT, def.setPhase1!({ encryption: '3des', hash: 'sha1', dh: 'modp1024' })!);
  assert.equal(withMain, SEED_DEFAULT.replace('psk mekmitasdigoat', 'main auth hmac-sha1 enc 3des group modp1024 psk mekmitasdigoat'));
  const withQuick = applyEdits(SEED_DEFAULT, def.setPfs!('none')!);
  assert.equal(withQuick, SEED_DEFAULT.replace('psk mekmitasdigoat', 'quick group none psk mekmitasdigoat'));
  // The result parses cleanly and lowers to the requested values.
  const again = lower(withMain).device.ipsecPeers[0];
  assert.deepEqual([again.phase1[0].encryption.value, again.phase1[0].dh.value], [['3des'], ['modp1024']]);

  // A partial `main` clause gets the missing transforms before its lifetime.
  const partial = 'ike esp from 10.0.0.0/8 to 172.16.0.0/12 peer 198.51.100.7 main enc aes lifetime 8h\n';
  const pp = lower(partial).device.ipsecPeers[0];
  assert.deepEqual(pp.phase1[0].lifetime.value, 28800);
  assert.equal(applyEdits(partial, pp.setPhase1!({ encryption: 'aes-cbc-128', hash: 'sha1', dh: 'modp2048' })!), partial.replace('main enc aes lifetime', 'main enc aes-128 auth hmac-sha1 group modp2048 lifetime'));
  // Quick-only algorithms are refused in phase 1 (no OpenBSD spelling): no edit.
  assert.equal(pp.setPhase1!({ encryption: 'aes-gcm-128', hash: 'sha1', dh: 'modp2048' }), undefined);

  // No key yet: addPsk appends one at the end of the rule (before `tag` when present).
  const tagged = 'ike esp from 10.0.0.0/8 to 172.16.0.0/12 peer 198.51.100.7 tag VPN\n';
  const tp = lower(tagged).device.ipsecPeers[0];
  assert.equal(applyEdits(tagged, tp.addPsk!('k')!), tagged.replace('tag VPN', 'psk "k" tag VPN'));
  const plain = 'ike esp from 10.0.0.0/8 to 172.16.0.0/12 peer 198.51.100.7\n';
  assert.equal(applyEdits(plain, lower(plain).device.ipsecPeers[0].addPsk!('k')!), plain.replace('198.51.100.7', '198.51.100.7 psk "k"'));
});

test('setters refuse to edit values that come from a macro', () => {
  const text = 'k = "abc"\nike esp from 10.0.0.0/8 to 172.16.0.0/12 peer 198.51.100.7 psk $k\n';
  const p = lower(text).device.ipsecPeers[0];
  assert.equal(p.psk!.set!('x'), undefined);
});
