// ASA lowering: seed 003 (remote access + DCD), an L2L crypto map with tunnel-group key and its setters,
// OSPF `network A MASK area N`, nameif/standby addresses, and that masked keys stay masked.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asaDialect } from '../../server/src/dialects/asa';
import { parseIos } from '../../server/src/dialects/ios/parser';
import { ASA_FLAVOUR } from '../../server/src/dialects/asa';
import { applyEdits, checkDiagnostics } from '../helpers/fixture';

function lower(text: string) {
  return asaDialect.lower(asaDialect.parse(text, {}), 'file:///fw.asa', {});
}
const at = (text: string, r: { start: number; end: number } | undefined) => (r ? text.slice(r.start, r.end) : undefined);

const SEED003 = `: Saved
ASA Version 9.1(2)
hostname FW
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 203.0.113.1 255.255.255.0 standby 203.0.113.2
interface GigabitEthernet0/1
 nameif inside
 security-level 100
 ip address 10.0.0.1 255.255.255.0
access-list ssh_ports remark access list to id ssh traffic for the ssh_ports class map
access-list ssh_ports extended permit tcp any any eq ssh
access-list ssh_ports extended permit tcp any any eq 2222
class-map ssh_traffic
 description identify SSH traffic, so we can apply policy
 match access-list ssh_ports
policy-map generic_interface_policy
 class ssh_traffic
  set connection timeout dcd
service-policy generic_interface_policy interface outside
service-policy generic_interface_policy interface inside
ip local pool REMOTE_ACCESS_POOL 10.9.0.10-10.9.0.50 mask 255.255.255.0
management-access inside
access-list REMOTE_ACCESS_SPLIT_TUNNEL remark The corporate network behind the ASA.
access-list REMOTE_ACCESS_SPLIT_TUNNEL standard permit 10.0.0.0 255.255.255.0
crypto ipsec ikev1 transform-set REMOTE_ACCESS_TS esp-aes-256 esp-sha-hmac
crypto dynamic-map REMOTE_ACCESS_DYNMAP 1 set ikev1 transform-set REMOTE_ACCESS_TS
crypto map REMOTE_ACCESS_MAP 1 ipsec-isakmp dynamic REMOTE_ACCESS_DYNMAP
crypto map REMOTE_ACCESS_MAP interface outside
crypto ikev1 enable outside
crypto ikev1 policy 1
 authentication pre-share
 encryption aes-256
 hash sha
 group 2
 lifetime 7200
group-policy REMOTE_ACCESS_GP internal
group-policy REMOTE_ACCESS_GP attributes
 split-tunnel-policy tunnelspecified
 split-tunnel-network-list value REMOTE_ACCESS_SPLIT_TUNNEL
username hunter password **** encrypted
tunnel-group REMOTE_ACCESS_TUNNELGRP type remote-access
tunnel-group REMOTE_ACCESS_TUNNELGRP general-attributes
 address-pool REMOTE_ACCESS_POOL
 default-group-policy REMOTE_ACCESS_GP
tunnel-group REMOTE_ACCESS_TUNNELGRP ipsec-attributes
 ikev1 pre-shared-key *****
`;

test('seed 003: remote access via dynamic map, masked key, defaults, DCD policy', () => {
  const { device, diagnostics } = lower(SEED003);
  assert.deepEqual(diagnostics, []);
  assert.equal(device.dialect, 'cisco-asa');
  assert.equal(device.name, 'FW');
  assert.equal(device.platformVersion, '9.1(2)');
  const outside = device.interfaces[0];
  assert.deepEqual([outside.nameif, outside.addresses[0].address, outside.cryptoMap?.value], ['outside', '203.0.113.1', 'REMOTE_ACCESS_MAP']);
  assert.equal(device.ipsecPeers.length, 1);
  const p = device.ipsecPeers[0];
  assert.deepEqual([p.kind, p.role, p.remote, p.remoteAny, p.local?.value, p.localInterface], ['dynamic-map', 'responder', undefined, '0.0.0.0/0', '203.0.113.1', 'GigabitEthernet0/0']);
  assert.equal(p.psk?.secret.kind, 'masked');
  assert.equal(p.psk?.secret.plain, undefined);
  assert.equal(at(SEED003, p.psk?.secret.range), '*****');
  assert.equal(p.exchangeMode.value, 'aggressive');
  const p1 = p.phase1[0];
  assert.deepEqual([p1.encryption.value, p1.hash.value, p1.dh.value, p1.auth.value, p1.lifetime.value], [['aes-cbc-256'], ['sha1'], ['modp1024'], 'psk', 7200]);
  assert.deepEqual([p.phase2[0].encryption.value, p.phase2[0].integrity.value], [['aes-cbc-256'], ['sha1']]);
  assert.equal(p.phase2Lifetime?.value, 28800);
  assert.ok(p.phase2Lifetime?.default);
  // Everything defined is used.
  const used = new Set(device.references.map((r) => `${r.kind}:${r.name}`));
  for (const d of device.definitions) if (!d.builtin && !d.implicitlyUsed) assert.ok(used.has(`${d.kind}:${d.name}`), `${d.kind}:${d.name} unused`);
  assert.deepEqual(device.acls.find((a) => a.name === 'REMOTE_ACCESS_SPLIT_TUNNEL')!.flavours, new Set(['remark', 'standard']));
});

test('seed 003 as published (addresses removed by the blog) reports the missing arguments', () => {
  checkDiagnostics(
    `
    //- fw.asa
    ASA Version 9.1(2)
    ip local pool REMOTE_ACCESS_POOL
    !             ^^^^^^^^^^^^^^^^^^ error syntax/missing-argument
    access-list REMOTE_ACCESS_SPLIT_TUNNEL standard permit
    !                                               ^^^^^^ error syntax/missing-argument
    `,
    { codes: ['syntax/missing-argument'] },
  );
});

const L2L = `ASA Version 9.8(1)
interface GigabitEthernet0/0
 nameif outside
 ip address 198.51.100.1 255.255.255.0
crypto ikev1 policy 10
 authentication pre-share
 encryption aes-256
 hash sha
 group 14
crypto ikev1 policy 20
 authentication pre-share
crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac
crypto map VPN 10 match address VPN_ACL
crypto map VPN 10 set peer 203.0.113.9
crypto map VPN 10 set ikev1 transform-set TS
crypto map VPN 20 set peer 192.0.2.7
crypto map VPN 20 set ikev1 transform-set TS
crypto map VPN 20 set pfs group5
crypto map VPN interface outside
access-list VPN_ACL extended permit ip 10.0.0.0 255.255.255.0 10.1.0.0 255.255.255.0
tunnel-group 203.0.113.9 type ipsec-l2l
tunnel-group 203.0.113.9 ipsec-attributes
 ikev1 pre-shared-key S3cretKey
`;

test('L2L crypto map entries assembled from single lines; tunnel-group key by peer address', () => {
  const { device, diagnostics } = lower(L2L);
  assert.deepEqual(diagnostics, []);
  const [a, b] = device.ipsecPeers;
  assert.deepEqual([a.label, a.remote?.value, a.local?.value, a.psk?.secret.plain, a.psk?.peer], ['crypto map VPN 10', '203.0.113.9', '198.51.100.1', 'S3cretKey', '203.0.113.9/32']);
  assert.deepEqual(a.selectors.map((s) => [s.local, s.remote]), [['10.0.0.0/24', '10.1.0.0/24']]);
  assert.deepEqual(a.phase1.map((p) => [p.priority, p.encryption.value[0], p.dh.value[0]]), [[10, 'aes-cbc-256', 'modp2048'], [20, '3des', 'modp1024']]);
  assert.match(a.phase1[1].encryption.default!, /U-5/);
  assert.equal(b.psk, undefined);
  assert.equal(b.pfs.value, 'modp1536');
  // Setters
  let t = applyEdits(L2L, a.psk!.set!('NewKey')!);
  assert.match(t, /^ ikev1 pre-shared-key NewKey$/m);
  t = applyEdits(L2L, a.setPfs!('modp2048')!);
  assert.match(t, /^crypto map VPN 10 set ikev1 transform-set TS\ncrypto map VPN 10 set pfs group14\ncrypto map VPN 20/m);
  t = applyEdits(L2L, b.setPfs!('none')!);
  assert.doesNotMatch(t, /set pfs/);
  t = applyEdits(L2L, a.setPhase2!({ encryption: 'aes-cbc-128', integrity: 'sha1' })!);
  assert.match(t, /^crypto ipsec ikev1 transform-set TS esp-aes esp-sha-hmac$/m);
  t = applyEdits(L2L, a.setPhase1!({ encryption: '3des', hash: 'md5', dh: 'modp1024' })!);
  assert.match(t, /^crypto ikev1 policy 10\n authentication pre-share\n encryption 3des\n hash md5\n group 2\n/m);
  t = applyEdits(L2L, b.addPsk!('K2')!);
  assert.match(t, /ikev1 pre-shared-key S3cretKey\ntunnel-group 192\.0\.2\.7 type ipsec-l2l\ntunnel-group 192\.0\.2\.7 ipsec-attributes\n ikev1 pre-shared-key K2\n$/);
});

test('ASA OSPF uses masks; interface ospf settings', () => {
  const text = `ASA Version 9.8(1)
interface GigabitEthernet0/1
 nameif inside
 ip address 10.0.0.1 255.255.255.0
 ospf hello-interval 5
router ospf 1
 network 10.0.0.0 255.255.255.0 area 0
`;
  const { device, diagnostics } = lower(text);
  assert.deepEqual(diagnostics, []);
  const o = device.ospfInterfaces[0];
  assert.deepEqual([o.interfaceName, o.area.value, o.hello.value, o.dead.value, o.networkType.value], ['GigabitEthernet0/1', '0.0.0.0', 5, 20, 'broadcast']);
  assert.match(applyEdits(text, o.dead.set!(40)!), /^ ospf hello-interval 5\n ospf dead-interval 40\n/m);
});

test('ASA parser: `:` comments, single-line banners, IKEv2 proposals', () => {
  const text = ': Saved\n:\nbanner motd Authorised ^C only\nhostname fw\ncrypto ipsec ikev2 ipsec-proposal P2\n protocol esp encryption aes-256 aes\n protocol esp integrity sha-256\ncrypto ikev2 policy 1\n encryption aes-256\n integrity sha256\n group 14\n';
  const p = parseIos(text, {}, ASA_FLAVOUR);
  assert.deepEqual(p.tree.children.map((c) => c.kind), ['IosComment', 'IosComment', 'IosCommand', 'IosCommand', 'IosCommand', 'IosCommand']);
  assert.equal(p.tokens.map((t) => t.text).join(''), text);
  const d = asaDialect.lower(p, 'file:///fw.asa', {});
  assert.deepEqual(d.diagnostics, []);
});
