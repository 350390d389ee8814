// IOS lowering: model values for the seed configs (001 crypto map to MikroTik, 004 DMVPN hub/spokes/dual hub,
// 000 SNMP), defaults with their sources, effective OSPF interface values, and Setters applied to the text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iosDialect } from '../../server/src/dialects/ios';
import { decodeType7 } from '../../server/src/dialects/ios/lower';
import * as model from '../../server/src/model';
import { applyEdits } from '../helpers/fixture';
import { SEED001 } from './seeds';

function lower(text: string) {
  const p = iosDialect.parse(text, {});
  return iosDialect.lower(p, 'file:///r.cfg', {});
}
const at = (text: string, r: { start: number; end: number } | undefined) => (r ? text.slice(r.start, r.end) : undefined);


test('seed 001: crypto map peer with abbreviations, defaults and selectors', () => {
  const { device, diagnostics } = lower(SEED001);
  assert.deepEqual(diagnostics, []);
  assert.equal(device.interfaces[0].name, 'FastEthernet1/0');
  assert.equal(device.interfaces[0].description, 'Internet facing interface');
  assert.equal(device.interfaces[0].cryptoMap?.value, 'MYCRYPTOMAP');
  assert.equal(device.ipsecPeers.length, 1);
  const peer = device.ipsecPeers[0];
  assert.equal(peer.label, 'crypto map MYCRYPTOMAP 10');
  assert.equal(peer.remote?.value, '10.0.0.2');
  assert.equal(peer.local?.value, '192.168.23.3');
  assert.equal(peer.localInterface, 'FastEthernet1/0');
  assert.equal(peer.role, 'both');
  const p1 = peer.phase1[0];
  assert.deepEqual(p1.encryption.value, ['aes-cbc-256']);
  assert.equal(at(SEED001, p1.encryption.range), 'encr aes 256');
  assert.deepEqual(p1.hash.value, ['sha1']);
  assert.match(p1.hash.default!, /IOS default.*SHA-1/);
  assert.deepEqual(p1.dh.value, ['modp1024']);
  assert.equal(p1.auth.value, 'psk');
  assert.equal(p1.lifetime.value, 86400);
  assert.ok(p1.lifetime.default);
  assert.equal(peer.psk?.secret.plain, 'MYKEY');
  assert.equal(peer.psk?.peer, '10.0.0.2/32');
  assert.equal(at(SEED001, peer.psk?.secret.range), 'MYKEY');
  assert.deepEqual(peer.phase2.map((p) => [p.encryption.value, p.integrity.value, p.mode.value, p.protocol.value]), [[['aes-cbc-256'], ['sha1'], 'tunnel', 'esp']]);
  assert.equal(peer.pfs.value, 'none');
  assert.ok(peer.pfs.default);
  assert.equal(peer.phase2Lifetime?.value, 3600);
  assert.deepEqual(peer.selectors.map((s) => [s.local, s.remote, s.protocol]), [['192.168.0.0/24', '192.168.88.0/24', 'ip']]);
});

test('seed 001: setters render IOS syntax', () => {
  const { device } = lower(SEED001);
  const peer = device.ipsecPeers[0];
  const t1 = applyEdits(SEED001, peer.psk!.set!('NEWKEY')!);
  assert.match(t1, /^crypto isakmp key NEWKEY address 10\.0\.0\.2 no-xauth$/m);
  const t2 = applyEdits(SEED001, peer.setPhase1!({ encryption: 'aes-cbc-128', hash: 'sha256', dh: 'modp2048' })!);
  assert.match(t2, /^crypto isakmp policy 1\nencryption aes\nauthentication pre-share\ngroup 14\nhash sha256\ncrypto isakmp key/m);
  const t3 = applyEdits(SEED001, peer.setPfs!('modp2048')!);
  assert.match(t3, / match address ACLTRAFF\n set pfs group14\nip access-list/);
  const t4 = applyEdits(SEED001, peer.setPhase2!({ encryption: '3des', integrity: 'md5' })!);
  assert.match(t4, /^crypto ipsec transform-set MYTRANSFORMSET esp-3des esp-md5-hmac$/m);
  assert.equal(applyEdits(t3, lower(t3).device.ipsecPeers[0].setPfs!('none')!), SEED001);
});

test('type 7 keys are decoded; type 6 is not comparable', () => {
  assert.equal(decodeType7('0822455D0A16'), 'cisco');
  const text = 'crypto isakmp key 7 0822455D0A16 address 10.1.1.1\ncrypto isakmp key 6 AbCdEf address 10.1.1.2 255.255.255.255\ncrypto isakmp key WILD address 0.0.0.0 0.0.0.0\n';
  const { device } = lower(text);
  assert.deepEqual(device.keys.map((k) => [k.peer, k.secret.kind, k.secret.plain]), [
    ['10.1.1.1/32', 'type7', 'cisco'],
    ['10.1.1.2/32', 'type6', undefined],
    ['0.0.0.0/0', 'plain', 'WILD'],
  ]);
  assert.equal(applyEdits(text, device.keys[0].set!('plain')!).split('\n')[0], 'crypto isakmp key plain address 10.1.1.1');
});

test('isakmp policy with nothing set takes the IOS defaults', () => {
  const { device } = lower('crypto isakmp policy 10\n authentication pre-share\n');
  // No crypto map: no peer, but the policy is lowered through a peer of a tunnel elsewhere; check via keyring-free map.
  const text = 'crypto isakmp policy 10\n authentication pre-share\ncrypto map M 1 ipsec-isakmp\n set peer 1.1.1.1\n';
  const p1 = lower(text).device.ipsecPeers[0].phase1[0];
  assert.deepEqual([p1.encryption.value, p1.hash.value, p1.dh.value, p1.lifetime.value], [['des'], ['sha1'], ['modp768'], 86400]);
  assert.match(p1.dh.default!, /group 1/);
  assert.equal(device.ipsecPeers.length, 0);
});

const HUB = `hostname R1
crypto isakmp policy 10
 authentication pre-share
crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0
!
crypto ipsec transform-set mySet esp-aes esp-sha-hmac
!
crypto ipsec profile myDMVPN
 set security-association lifetime seconds 120
 set transform-set mySet
 set pfs group2
!
interface Tunnel0
 ip address 10.10.10.1 255.255.255.0
 ip nhrp network-id 1
 ip nhrp map multicast dynamic
 tunnel source FastEthernet0/0
 tunnel mode gre multipoint
 tunnel key 1
 tunnel protection ipsec profile myDMVPN
!
interface Fa0/0
 ip address 1.1.1.2 255.255.255.0
`;
const SPOKE = `hostname R2
crypto isakmp policy 10
 authentication pre-share
crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0
crypto ipsec transform-set mySet esp-aes esp-sha-hmac
crypto ipsec profile myDMVPN
 set security-association lifetime seconds 120
 set transform-set mySet
 set pfs group2
interface Tunnel0
 ip address 10.10.10.2 255.255.255.0
 ip nhrp map 10.10.10.1 1.1.1.2
 ip nhrp network-id 1
 ip nhrp nhs 10.10.10.1
 tunnel source FastEthernet0/0
 tunnel destination 1.1.1.2
 tunnel key 1
 tunnel protection ipsec profile myDMVPN
interface Fa0/0
 ip address 2.2.2.2 255.255.255.0
`;

test('seed 004 DMVPN hub: mGRE tunnel, NHRP, responder peer from tunnel protection', () => {
  const { device, diagnostics } = lower(HUB);
  assert.deepEqual(diagnostics, []);
  assert.equal(device.name, 'R1');
  const tun = device.interfaces.find((i) => i.name === 'Tunnel0')!;
  assert.equal(tun.kind, 'tunnel');
  assert.equal(tun.tunnel!.mode.value, 'mgre');
  assert.equal(tun.tunnel!.source?.value, '1.1.1.2');
  assert.equal(tun.tunnel!.sourceInterface, 'FastEthernet0/0');
  assert.equal(tun.tunnel!.key?.value, '1');
  assert.equal(tun.tunnel!.protection?.value, 'myDMVPN');
  assert.equal(tun.tunnel!.nhrp!.networkId?.value, '1');
  assert.deepEqual(tun.tunnel!.nhrp!.multicastMaps.map((m) => m.nbma), ['dynamic']);
  const peer = device.ipsecPeers[0];
  assert.equal(peer.kind, 'tunnel-protection');
  assert.equal(peer.role, 'responder');
  assert.equal(peer.remote, undefined);
  assert.equal(peer.remoteAny, '0.0.0.0/0');
  assert.equal(peer.psk?.peer, '0.0.0.0/0');
  assert.equal(peer.pfs.value, 'modp1024');
  assert.equal(peer.phase2Lifetime?.value, 120);
  assert.deepEqual(peer.phase2[0].encryption.value, ['aes-cbc-128']);
  const edited = applyEdits(HUB, tun.tunnel!.key!.set!('2')!);
  assert.match(edited, /^ tunnel key 2$/m);
});

test('seed 004 DMVPN spoke: p2p GRE to the hub, GRE selectors, NHRP setters', () => {
  const { device } = lower(SPOKE);
  const tun = device.interfaces.find((i) => i.name === 'Tunnel0')!.tunnel!;
  assert.equal(tun.mode.value, 'gre');
  assert.ok(tun.mode.default);
  assert.equal(tun.destination?.value, '1.1.1.2');
  assert.deepEqual(tun.nhrp!.maps.map((m) => [m.tunnelAddress, m.nbma]), [['10.10.10.1', '1.1.1.2']]);
  assert.deepEqual(tun.nhrp!.nhs.map((n) => n.value), ['10.10.10.1']);
  const peer = device.ipsecPeers[0];
  assert.equal(peer.remote?.value, '1.1.1.2');
  assert.equal(peer.local?.value, '2.2.2.2');
  assert.deepEqual(peer.selectors.map((s) => [s.local, s.remote, s.protocol]), [['2.2.2.2/32', '1.1.1.2/32', 'gre']]);
  let t = applyEdits(SPOKE, tun.nhrp!.maps[0].set!({ tunnelAddress: '10.10.10.9', nbma: '9.9.9.9' })!);
  assert.match(t, /^ ip nhrp map 10\.10\.10\.9 9\.9\.9\.9$/m);
  t = applyEdits(SPOKE, tun.nhrp!.nhs[0].set!('10.10.10.9')!);
  assert.match(t, /^ ip nhrp nhs 10\.10\.10\.9$/m);
});

const DUAL_HUB_R0 = `interface Tunnel0
 ip address 10.0.0.1 255.255.255.0
 no ip redirects
 ip nhrp network-id 1
 ip ospf network non-broadcast
 ip ospf cost 10
 tunnel source FastEthernet2/1
 tunnel mode gre multipoint
 tunnel key 1
!
interface FastEthernet2/0
 ip address 10.10.10.1 255.255.255.0
!
interface FastEthernet2/1
 ip address 10.4.0.1 255.255.255.0
!
router ospf 1
 log-adjacency-changes
 network 10.0.0.0 0.0.0.255 area 10
 network 10.10.10.0 0.0.0.255 area 10
!
ip route 0.0.0.0 0.0.0.0 10.4.0.2
`;
const DUAL_SPOKE = `interface Loopback0
 ip address 2.2.2.2 255.255.255.255
!
interface Tunnel0
 ip address 10.0.0.2 255.255.255.0
 ip nhrp map 10.0.0.1 10.4.0.1
 ip nhrp network-id 1
 ip nhrp nhs 10.0.0.1
 ip ospf network non-broadcast
 ip ospf cost 10
 ip ospf priority 0
 tunnel source FastEthernet1/0
 tunnel destination 10.4.0.1
 tunnel key 1
!
interface FastEthernet1/0
 ip address 10.4.2.1 255.255.255.0
!
router ospf 1
 log-adjacency-changes
 network 2.2.2.2 0.0.0.0 area 10
 network 10.0.0.0 0.0.0.255 area 10
 neighbor 10.0.0.1
`;

test('seed 004 dual hub: effective OSPF per interface (network statements, types, timers, defaults)', () => {
  const hub = lower(DUAL_HUB_R0).device;
  const oi = (d: model.Device, n: string) => d.ospfInterfaces.find((o) => o.interfaceName === n)!;
  const t0 = oi(hub, 'Tunnel0');
  assert.equal(t0.area.value, '0.0.0.10');
  assert.equal(t0.networkType.value, 'non-broadcast');
  assert.deepEqual([t0.hello.value, t0.dead.value, t0.priority.value, t0.cost?.value], [30, 120, 1, 10]);
  assert.match(t0.hello.default!, /non-broadcast/);
  assert.equal(t0.prefix, '10.0.0.0/24');
  assert.equal(t0.isTunnel, true);
  const fa = oi(hub, 'FastEthernet2/0');
  assert.deepEqual([fa.networkType.value, fa.hello.value, fa.dead.value], ['broadcast', 10, 40]);
  assert.ok(fa.networkType.default);
  assert.equal(hub.ospfInterfaces.some((o) => o.interfaceName === 'FastEthernet2/1'), false);
  assert.equal(fa.auth.value.type, 'none');

  const spoke = lower(DUAL_SPOKE).device;
  const st = oi(spoke, 'Tunnel0');
  assert.equal(st.priority.value, 0);
  assert.deepEqual(st.neighbors.map((n) => n.value), ['10.0.0.1']);
  const lo = oi(spoke, 'Loopback0');
  assert.equal(lo.networkType.value, 'loopback');
  // A tunnel without `ip ospf network` is point-to-point by default (U-11).
  const plain = lower('interface Tunnel5\n ip address 10.9.9.1 255.255.255.252\n ip ospf 1 area 0\nrouter ospf 1\n').device.ospfInterfaces[0];
  assert.equal(plain.networkType.value, 'point-to-point');
  assert.match(plain.networkType.default!, /U-11/);
  assert.equal(plain.area.value, '0.0.0.0');
  // Setters
  const t = applyEdits(DUAL_SPOKE, [...st.networkType.set!('broadcast')!, ...st.hello.set!(5)!]);
  assert.match(t, /^ ip ospf network broadcast$/m);
  assert.match(t, /^ ip ospf priority 0\n tunnel source FastEthernet1\/0\n tunnel destination 10\.4\.0\.1\n tunnel key 1\n ip ospf hello-interval 5\n!/m);
});

test('OSPF auth from interface or area, keys as secrets; setAuthKey', () => {
  const text = `interface Gi0/0
 ip address 10.0.0.1 255.255.255.0
 ip ospf message-digest-key 1 md5 SECRETKEY
interface Gi0/1
 ip address 10.0.1.1 255.255.255.0
 ip ospf authentication null
router ospf 1
 area 0 authentication message-digest
 passive-interface default
 no passive-interface Gi0/0
 network 10.0.0.0 0.0.255.255 area 0
`;
  const d = lower(text).device;
  const [a, b] = d.ospfInterfaces;
  assert.equal(a.auth.value.type, 'keyed-md5');
  assert.equal(a.auth.value.keyId, 1);
  assert.equal(a.auth.value.key?.plain, 'SECRETKEY');
  assert.equal(a.passive.value, false);
  assert.equal(b.auth.value.type, 'none');
  assert.equal(b.passive.value, true);
  assert.match(applyEdits(text, a.setAuthKey!('NEW')!), /message-digest-key 1 md5 NEW$/m);
});

test('seed 000: SNMP view/group/user/tftp-server-list with pasted prompts', () => {
  const text = `router(config)#access-list 20 permit host 192.0.2.10
router(config)#access-list 20 deny any
router(config)#snmp-server view myview ccCopyTable included
router(config)#snmp-server group mygroup v3 priv write myview access 20
router(config)#snmp-server user myuser mygroup v3 auth md5 authsecret priv des privsecret
router(config)#snmp-server tftp-server-list 20
`;
  const { device, diagnostics } = lower(text);
  assert.deepEqual(diagnostics, []);
  const refs = device.references.map((r) => `${r.kind}:${r.name}`).sort();
  assert.deepEqual(refs, ['acl:20', 'acl:20', 'snmp-group:mygroup', 'snmp-view:myview']);
  const defs = device.definitions.map((r) => `${r.kind}:${r.name}`).sort();
  assert.deepEqual(defs, ['acl:20', 'snmp-group:mygroup', 'snmp-view:myview']);
  assert.deepEqual(device.acls[0].flavours, new Set(['standard']));
});

test('secondary addresses, shutdown, mtu, CIDR form', () => {
  const d = lower('interface Gi0/0\n ip address 10.0.0.1 255.255.255.0\n ip address 10.0.1.1 255.255.255.0 secondary\n shutdown\n mtu 1400\n ip mtu 1380\ninterface Gi0/1\n ip address 10.5.0.1/30\n').device;
  const [a, b] = d.interfaces;
  assert.deepEqual(a.addresses.map((x) => [x.address, x.prefixLength, !!x.secondary]), [['10.0.0.1', 24, false], ['10.0.1.1', 24, true]]);
  assert.equal(a.shutdown, true);
  assert.equal(a.mtu?.value, 1380);
  assert.deepEqual(b.addresses.map((x) => [x.address, x.prefixLength]), [['10.5.0.1', 30]]);
});

test('keyring keys and the most specific key for a peer', () => {
  const text = `crypto keyring KR
 pre-shared-key address 10.0.0.0 255.0.0.0 key WIDE
 pre-shared-key address 10.1.1.1 key NARROW
crypto isakmp profile P
 keyring KR
crypto isakmp policy 5
 encryption 3des
 hash md5
 authentication pre-share
crypto ipsec transform-set T esp-3des esp-md5-hmac
crypto map M 10 ipsec-isakmp
 set peer 10.1.1.1
 set transform-set T
 set isakmp-profile P
crypto map M 20 ipsec-isakmp
 set peer 10.2.2.2
 set transform-set T
 set isakmp-profile P
crypto map M 30 ipsec-isakmp
 set peer 192.0.2.1
 set transform-set T
`;
  const d = lower(text).device;
  assert.deepEqual(d.ipsecPeers.map((p) => p.psk?.secret.plain), ['NARROW', 'WIDE', undefined]);
  const add = d.ipsecPeers[2].addPsk!('K3')!;
  assert.match(applyEdits(text, add), /^ hash md5\n authentication pre-share\ncrypto isakmp key K3 address 192\.0\.2\.1\ncrypto ipsec/m);
});

test('dynamic crypto map entries are responders accepting any peer', () => {
  const text = `crypto isakmp key WILD address 0.0.0.0 0.0.0.0
crypto ipsec transform-set T esp-aes 256 esp-sha256-hmac
 mode transport
crypto dynamic-map DYN 10
 set transform-set T
 set pfs group14
crypto map M 65535 ipsec-isakmp dynamic DYN
interface Gi0/0
 ip address 198.51.100.1 255.255.255.0
 crypto map M
`;
  const d = lower(text).device;
  assert.equal(d.ipsecPeers.length, 1);
  const p = d.ipsecPeers[0];
  assert.deepEqual([p.kind, p.role, p.remote, p.remoteAny, p.local?.value, p.pfs.value, p.psk?.secret.plain], ['dynamic-map', 'responder', undefined, '0.0.0.0/0', '198.51.100.1', 'modp2048', 'WILD']);
  assert.deepEqual([p.phase2[0].encryption.value, p.phase2[0].integrity.value, p.phase2[0].mode.value], [['aes-cbc-256'], ['sha256'], 'transport']);
});

test('a key for `address 0.0.0.0` without a mask is the wildcard key; any other address without a mask is a host', () => {
  const { device } = lower(`crypto isakmp key cisco123 address 0.0.0.0
crypto isakmp key other address 192.0.2.7
crypto keyring KR
 pre-shared-key address 0.0.0.0 key ringkey
 pre-shared-key address 198.51.100.1 key hostkey
`);
  assert.deepEqual(
    device.keys.map((k) => k.peer),
    ['0.0.0.0/0', '192.0.2.7/32', '0.0.0.0/0', '198.51.100.1/32'],
  );
});
