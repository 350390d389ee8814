// IOS IKEv2 lowering: proposals (lists, prf), policies selecting proposals by local address, keyrings with
// symmetric, asymmetric (local/remote) and typed keys, profiles (keyring, inline keys, lifetime, match identity),
// IPsec profiles on VTI / DMVPN tunnels and crypto maps, the IKEv2 smart-default proposal per release, and the
// references of ISAKMP profiles selected by identity.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iosDialect } from '../../server/src/dialects/ios';
import { checkDiagnostics } from '../helpers/fixture';

function lower(text: string) {
  return iosDialect.lower(iosDialect.parse(text, {}), 'file:///r.ios', {});
}
const at = (text: string, r: { start: number; end: number } | undefined) => (r ? text.slice(r.start, r.end) : undefined);

/** An IOS-XE VTI router with an IKEv2 profile; `keys` is the keyring peer block's key lines. */
const VTI = (opts: { version?: string; proposals?: string; keys?: string; profileExtra?: string } = {}) => `version ${opts.version ?? '17.3'}
hostname R1
!
${
  opts.proposals ??
  `crypto ikev2 proposal PROP
 encryption aes-cbc-256 aes-cbc-128
 integrity sha256 sha1
 group 19 14
!
crypto ikev2 policy POL
 proposal PROP
!
`
}crypto ikev2 keyring KR
 peer R2
  address 198.51.100.2
${opts.keys ?? '  pre-shared-key Cisco123\n'} !
!
crypto ikev2 profile PROF
 match identity remote address 198.51.100.2 255.255.255.255
 identity local address 198.51.100.1
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
 lifetime 28800
 dpd 10 3 periodic
${opts.profileExtra ?? ''}!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
!
crypto ipsec profile IPSEC
 set transform-set TS
 set ikev2-profile PROF
!
interface Tunnel0
 ip address 10.0.0.1 255.255.255.252
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination 198.51.100.2
 tunnel protection ipsec profile IPSEC
!
interface GigabitEthernet1
 ip address 198.51.100.1 255.255.255.0
`;

test('VTI with tunnel protection: an IKEv2 peer with the profile keyring key, proposal lists, profile lifetime and transform set', () => {
  const text = VTI();
  const { device, diagnostics } = lower(text);
  assert.deepEqual(diagnostics, []);
  assert.equal(device.ipsecPeers.length, 1);
  const p = device.ipsecPeers[0];
  assert.equal(p.kind, 'tunnel-protection');
  assert.equal(p.ikeVersion.value, 2);
  assert.equal(at(text, p.ikeVersion.range), 'IPSEC');
  assert.equal(p.remote?.value, '198.51.100.2');
  assert.equal(p.local?.value, '198.51.100.1');
  assert.deepEqual(
    p.phase1.map((x) => [x.label, x.encryption.value, x.hash.value, x.dh.value, x.auth.value, x.lifetime.value]),
    [['crypto ikev2 proposal PROP', ['aes-cbc-256', 'aes-cbc-128'], ['sha256', 'sha1'], ['ecp256', 'modp2048'], 'psk', 28800]],
  );
  assert.equal(at(text, p.phase1[0].lifetime.range), 'lifetime 28800');
  assert.equal(at(text, p.phase1[0].dh.range), 'group 19 14');
  assert.equal(p.psk?.secret.plain, 'Cisco123');
  assert.equal(at(text, p.psk?.secret.range), 'Cisco123');
  assert.equal(p.psk?.peer, '198.51.100.2/32');
  assert.equal(p.psk?.remote, undefined);
  assert.deepEqual([p.phase2[0].label, p.phase2[0].encryption.value, p.phase2[0].integrity.value], ['crypto ipsec transform-set TS', ['aes-cbc-256'], ['sha256']]);
});

test('asymmetric keys: `pre-shared-key local` is the key this side signs with, `remote` the one it expects; types 0/6/7', () => {
  const text = VTI({ keys: '  pre-shared-key local 0 LocalKey1\n  pre-shared-key remote 7 0822455D0A16\n' });
  const { device, diagnostics } = lower(text);
  assert.deepEqual(diagnostics, []);
  const k = device.ipsecPeers[0].psk!;
  assert.deepEqual([k.secret.kind, k.secret.plain, at(text, k.secret.range)], ['plain', 'LocalKey1', 'LocalKey1']);
  assert.deepEqual([k.remote?.secret.kind, k.remote?.secret.plain, at(text, k.remote?.secret.range)], ['type7', 'cisco', '0822455D0A16']);
  assert.equal(at(text, k.remote?.range), 'pre-shared-key remote 7 0822455D0A16');
  // Both secrets are listed where the device's secrets are (masking, semantic tokens).
  assert.equal(device.keys.length, 1);

  const t6 = lower(VTI({ keys: '  pre-shared-key local 6 FLgBaJHXdYY_AcHZZMgQ_RhTDJXHUBAAB\n  pre-shared-key remote Other\n' })).device.ipsecPeers[0].psk!;
  assert.equal(t6.secret.kind, 'type6');
  assert.equal(t6.secret.plain, undefined);
  assert.equal(t6.remote?.secret.plain, 'Other');
});

test('inline profile keys override the keyring: `authentication local|remote pre-share key K`', () => {
  const text = VTI({ profileExtra: ' authentication local pre-share key InlineLocal\n authentication remote pre-share key InlineRemote\n' });
  const { device, diagnostics } = lower(text);
  assert.deepEqual(diagnostics, []);
  const k = device.ipsecPeers[0].psk!;
  assert.equal(k.secret.plain, 'InlineLocal');
  assert.equal(at(text, k.secret.range), 'InlineLocal');
  assert.equal(k.remote?.secret.plain, 'InlineRemote');
  // Only the local one inline: the remote key still comes from the keyring's symmetric key.
  const t2 = VTI({ profileExtra: ' authentication local pre-share key InlineLocal\n' });
  const k2 = lower(t2).device.ipsecPeers[0].psk!;
  assert.equal(k2.secret.plain, 'InlineLocal');
  assert.equal(k2.remote?.secret.plain, 'Cisco123');
});

test('the keyring of the profile is used, not another keyring with a key for the same address', () => {
  const text = VTI().replace('crypto ikev2 profile PROF', 'crypto ikev2 keyring OTHER\n peer R2\n  address 198.51.100.0 255.255.255.0\n  pre-shared-key Wrong\n!\ncrypto ikev2 profile PROF');
  assert.equal(lower(text).device.ipsecPeers[0].psk?.secret.plain, 'Cisco123');
});

test('keyring peer addressed by prefix (`address A/len`) and by identity only', () => {
  const cidr = lower(VTI({ keys: '  pre-shared-key Cidr\n' }).replace('  address 198.51.100.2\n', '  address 198.51.100.0/24\n'));
  assert.deepEqual(cidr.diagnostics, []);
  assert.equal(cidr.device.ipsecPeers[0].psk?.peer, '198.51.100.0/24');
  const id = lower(VTI().replace('  address 198.51.100.2\n', '  identity address 198.51.100.2\n'));
  assert.deepEqual(id.diagnostics, []);
  assert.equal(id.device.ipsecPeers[0].psk?.peer, '198.51.100.2/32');
});

test('IKEv2 smart defaults: without proposal or policy the default proposal of the release applies', () => {
  const xe = lower(VTI({ proposals: '' }));
  assert.deepEqual(xe.diagnostics, []);
  const d = xe.device.ipsecPeers[0].phase1;
  assert.equal(d.length, 1);
  assert.equal(d[0].label, 'crypto ikev2 proposal default');
  assert.equal(d[0].range, undefined);
  assert.deepEqual([d[0].encryption.value, d[0].hash.value, d[0].dh.value], [['aes-cbc-256'], ['sha512', 'sha384'], ['ecp256', 'modp2048', 'ecp521', 'modp1536']]);
  assert.match(d[0].encryption.default!, /smart default.*IOS-XE 16/i);
  // The profile's lifetime still applies to the default proposal.
  assert.equal(d[0].lifetime.value, 28800);

  const old = lower(VTI({ version: '15.4', proposals: '' })).device.ipsecPeers[0].phase1[0];
  assert.deepEqual([old.encryption.value, old.hash.value, old.dh.value], [['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128'], ['sha512', 'sha384', 'sha256', 'sha1', 'md5'], ['modp1536', 'modp1024']]);
  assert.match(old.dh.default!, /IOS 15/);

  // No `version` line: the newer list, saying so.
  const none = lower(VTI({ proposals: '' }).replace('version 17.3\n', '')).device.ipsecPeers[0].phase1[0];
  assert.deepEqual(none.dh.value, ['ecp256', 'modp2048', 'ecp521', 'modp1536']);
  assert.match(none.dh.default!, /no `version`/);
});

test('a proposal that no policy names is not used: the default policy offers the default proposal', () => {
  const text = VTI({ proposals: 'crypto ikev2 proposal LONELY\n encryption aes-cbc-128\n integrity sha1\n group 14\n!\n' });
  const p = lower(text).device.ipsecPeers[0];
  assert.deepEqual(p.phase1.map((x) => x.label), ['crypto ikev2 proposal default']);
});

test('policies select proposals by `match address local`; `prf` replaces integrity for AEAD proposals (IOS-XE)', () => {
  const proposals = `crypto ikev2 proposal GCM
 encryption aes-gcm-256
 prf sha384 sha256
 group 20
!
crypto ikev2 proposal ELSEWHERE
 encryption aes-cbc-128
 integrity sha1
 group 14
!
crypto ikev2 policy MINE
 match fvrf any
 match address local 198.51.100.1
 proposal GCM
!
crypto ikev2 policy OTHER
 match address local 203.0.113.1
 proposal ELSEWHERE
!
`;
  const { device, diagnostics } = lower(VTI({ proposals }));
  assert.deepEqual(diagnostics, []);
  const p1 = device.ipsecPeers[0].phase1;
  assert.deepEqual(p1.map((x) => [x.label, x.encryption.value, x.hash.value, x.dh.value]), [['crypto ikev2 proposal GCM', ['aes-gcm-256'], ['sha384', 'sha256'], ['ecp384']]]);
});

test('a user-defined `crypto ikev2 proposal default` changes the default proposal', () => {
  const proposals = 'crypto ikev2 proposal default\n encryption aes-cbc-128\n integrity sha256\n group 14\n!\n';
  const p = lower(VTI({ proposals })).device.ipsecPeers[0].phase1;
  assert.deepEqual(p.map((x) => [x.encryption.value, x.hash.value, x.dh.value, x.dh.range !== undefined]), [[['aes-cbc-128'], ['sha256'], ['modp2048'], true]]);
});

test('DMVPN hub (mGRE, keyring `address 0.0.0.0 0.0.0.0`): an IKEv2 wildcard responder selecting from its profile keyring', () => {
  const text = `version 16.9
hostname HUB
crypto isakmp key ikev1key address 0.0.0.0 0.0.0.0
crypto ikev2 keyring DMVPN-KR
 peer ANY
  address 0.0.0.0 0.0.0.0
  pre-shared-key cisco123
!
crypto ikev2 profile DMVPN-PROF
 match identity remote address 0.0.0.0
 authentication remote pre-share
 authentication local pre-share
 keyring local DMVPN-KR
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode transport
crypto ipsec profile DMVPN
 set transform-set TS
 set ikev2-profile DMVPN-PROF
!
interface Tunnel0
 ip address 10.10.10.1 255.255.255.0
 ip nhrp network-id 1
 ip nhrp map multicast dynamic
 tunnel source GigabitEthernet1
 tunnel mode gre multipoint
 tunnel key 1
 tunnel protection ipsec profile DMVPN
!
interface GigabitEthernet1
 ip address 1.1.1.2 255.255.255.252
`;
  const { device, diagnostics } = lower(text);
  assert.deepEqual(diagnostics, []);
  const p = device.ipsecPeers[0];
  assert.equal(p.remote, undefined);
  assert.equal(p.role, 'responder');
  assert.equal(p.ikeVersion.value, 2);
  assert.equal(p.psk?.secret.plain, 'cisco123');
  // The responder picks among its profile keyring's keys, not the IKEv1 wildcard key.
  assert.deepEqual(p.keys?.map((k) => k.secret.plain), ['cisco123']);
});

test('crypto map entry with `set ikev2-profile`: the profile keyring key', () => {
  const text = `crypto ikev2 proposal P
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 policy POL
 proposal P
crypto ikev2 keyring KR
 peer SITE
  address 203.0.113.5
  pre-shared-key local Key2
  pre-shared-key remote Key3
crypto ikev2 profile PROF
 match identity remote address 203.0.113.5 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
crypto map CM 10 ipsec-isakmp
 set peer 203.0.113.5
 set transform-set TS
 set ikev2-profile PROF
 match address VPN
ip access-list extended VPN
 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255
interface Gi0/0
 ip address 198.51.100.2 255.255.255.0
 crypto map CM
`;
  const { device, diagnostics } = lower(text);
  assert.deepEqual(diagnostics, []);
  const p = device.ipsecPeers[0];
  assert.equal(p.ikeVersion.value, 2);
  assert.deepEqual([p.psk?.secret.plain, p.psk?.remote?.secret.plain], ['Key2', 'Key3']);
  assert.deepEqual(p.phase1.map((x) => x.lifetime.value), [86400]);
  assert.match(p.phase1[0].lifetime.default!, /86400/);
});

test('an ISAKMP profile with `match identity` is selected by the peer identity: no ref/unused; without it, unused', () => {
  checkDiagnostics(
    `//- r.ios
crypto keyring KR
 pre-shared-key address 0.0.0.0 0.0.0.0 key secret1
crypto isakmp profile BY-IDENTITY
 keyring KR
 match identity address 0.0.0.0
crypto isakmp profile NEVER
!                     ^^^^^ hint ref/unused
 keyring KR
`,
    { codes: ['ref/unused'] },
  );
});

test('IKEv2 objects are referenced: profile keyring, policy proposals; an unlinked proposal is unused', () => {
  checkDiagnostics(
    `//- r.ios
crypto ikev2 proposal USED
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 proposal LONELY
!                     ^^^^^^ hint ref/unused
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 policy POL
 proposal USED
crypto ikev2 keyring KR
 peer P
  address 192.0.2.1
  pre-shared-key k1
crypto ikev2 profile PROF
 match identity remote address 192.0.2.1 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec profile IP
 set ikev2-profile PROF
interface Tunnel0
 tunnel destination 192.0.2.1
 tunnel protection ipsec profile IP
`,
    { codes: ['ref/unused', 'ref/undefined'] },
  );
});
