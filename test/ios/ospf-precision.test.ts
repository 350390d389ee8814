// IOS OSPF modelled as IOS applies it (issue 14 §2): MD5 key rollover (several message-digest-key ids on one
// interface), network-type defaults by encapsulation (Frame Relay main/multipoint/point-to-point sub-interfaces),
// `passive-interface default` / `no passive-interface X` in configuration order, and OSPFv3 (`ipv6 ospf N area A`,
// `ospfv3 N ipv6 area A`, `ipv6 router ospf N`, `router ospfv3 N`). Each with a failing and a clean variant, exact
// codes and ranges on both ends, in real IOS syntax.

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { iosDialect } from '../../server/src/dialects/ios';
import * as model from '../../server/src/model';
import { checkDiagnostics } from '../helpers/fixture';

function lower(text: string) {
  const p = iosDialect.parse(text, {});
  return iosDialect.lower(p, 'file:///r.cfg', {});
}
const at = (text: string, r: { start: number; end: number } | undefined) => (r ? text.slice(r.start, r.end) : undefined);

const OSPF = ['ospf/auth-mismatch', 'ospf/area-mismatch', 'ospf/network-type-mismatch', 'ospf/timer-mismatch', 'ospf/nbma-neighbor-missing', 'ospf/passive-peer', 'ospf/subnet-mismatch'];
const SECRETS = ['KEYONE', 'KEYTWO', 'KEYNEW', 'OTHERSECRET'];

/** No secret in any message, related message or fix title of the fixture's findings. */
function assertNoLeak(service: ReturnType<typeof checkDiagnostics>['service'], files: ReturnType<typeof checkDiagnostics>['files']): void {
  for (const f of files) {
    for (const d of service.getFindings(f.uri)) {
      const visible = [d.message, ...d.related.map((r) => r.message), ...d.fixes.map((x) => x.title)].join('\n');
      for (const s of SECRETS) assert.ok(!visible.includes(s), `secret leaked in ${d.code}: ${visible}`);
    }
  }
}

// ---------------------------------------------------------------------------------------------- key rollover

const r1Rollover = `
//- r1.ios
hostname r1
!
interface GigabitEthernet0/0
 ip address 10.0.12.1 255.255.255.0
 ip ospf authentication message-digest
 ip ospf message-digest-key 1 md5 KEYONE
 ip ospf message-digest-key 2 md5 KEYNEW
!
router ospf 1
 network 10.0.12.0 0.0.0.255 area 0
!
`;
const r2With = (itf: string, proc = '') => `
//- r2.ios
hostname r2
!
interface GigabitEthernet0/0
 ip address 10.0.12.2 255.255.255.0
${itf}!
router ospf 1
${proc} network 10.0.12.0 0.0.0.255 area 0
!
`;

test('key rollover: every message-digest-key is modelled, in order, the first one as key/keyId', () => {
  const text = r1Rollover.replace('//- r1.ios\n', '');
  const { device } = lower(text);
  const auth = device.ospfInterfaces[0].auth.value;
  assert.equal(auth.type, 'keyed-md5');
  assert.equal(auth.keyId, 1);
  assert.equal(auth.key?.plain, 'KEYONE');
  assert.deepEqual(auth.keys?.map((k) => [k.keyId, k.key.plain, at(text, k.key.range)]), [
    [1, 'KEYONE', 'KEYONE'],
    [2, 'KEYNEW', 'KEYNEW'],
  ]);
  // Both keys are secrets the display features mask.
  const ranges = model.secretRanges(device).map((r) => at(text, r));
  assert.ok(ranges.includes('KEYONE') && ranges.includes('KEYNEW'));
});

test('key rollover: two keys on one side, one id+key shared with the other side → clean', () => {
  // r2 already moved to the new key only; r1 still sends with both during the rollover.
  const { service, files } = checkDiagnostics(r1Rollover + r2With(' ip ospf authentication message-digest\n ip ospf message-digest-key 2 md5 KEYNEW\n'), { codes: OSPF });
  assertNoLeak(service, files);
  // Area-level `area 0 authentication message-digest` with the shared key is the same.
  checkDiagnostics(r1Rollover + r2With(' ip ospf message-digest-key 2 md5 KEYNEW\n', ' area 0 authentication message-digest\n'), { codes: OSPF });
  // Both sides in the middle of the same rollover.
  checkDiagnostics(r1Rollover + r2With(' ip ospf authentication message-digest\n ip ospf message-digest-key 1 md5 KEYONE\n ip ospf message-digest-key 2 md5 KEYNEW\n'), { codes: OSPF });
});

test('key rollover: the shared key id carries a different key → ospf/auth-mismatch on that key, both ends', () => {
  const fx = `
//- r1.ios
hostname r1
!
interface GigabitEthernet0/0
 ip address 10.0.12.1 255.255.255.0
 ip ospf authentication message-digest
 ip ospf message-digest-key 1 md5 KEYONE
 ip ospf message-digest-key 2 md5 KEYNEW
!                                 ^^^^^^ error ospf/auth-mismatch
!
router ospf 1
 network 10.0.12.0 0.0.0.255 area 0
!
//- r2.ios
hostname r2
!
interface GigabitEthernet0/0
 ip address 10.0.12.2 255.255.255.0
 ip ospf authentication message-digest
 ip ospf message-digest-key 2 md5 OTHERSECRET
!                                 ^^^^^^^^^^^ error ospf/auth-mismatch
!
router ospf 1
 network 10.0.12.0 0.0.0.255 area 0
!
`;
  const { service, files } = checkDiagnostics(fx, { codes: OSPF });
  assertNoLeak(service, files);
  const f = service.getFindings(files[0].uri).find((d) => d.code === 'ospf/auth-mismatch')!;
  assert.match(f.message, /MD5 key id 2 keys differ/);
});

test('key rollover: no key id in common → ospf/auth-mismatch on the authentication lines, both ends', () => {
  const fx = `
//- r1.ios
hostname r1
!
interface GigabitEthernet0/0
 ip address 10.0.12.1 255.255.255.0
 ip ospf authentication message-digest
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/auth-mismatch
 ip ospf message-digest-key 1 md5 KEYONE
 ip ospf message-digest-key 2 md5 KEYNEW
!
router ospf 1
 network 10.0.12.0 0.0.0.255 area 0
!
//- r2.ios
hostname r2
!
interface GigabitEthernet0/0
 ip address 10.0.12.2 255.255.255.0
 ip ospf authentication message-digest
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/auth-mismatch
 ip ospf message-digest-key 3 md5 KEYNEW
!
router ospf 1
 network 10.0.12.0 0.0.0.255 area 0
!
`;
  const { service, files } = checkDiagnostics(fx, { codes: OSPF });
  assertNoLeak(service, files);
  const f = service.getFindings(files[0].uri).find((d) => d.code === 'ospf/auth-mismatch')!;
  assert.match(f.message, /MD5 key ids 1, 2 here vs MD5 key id 3 on r2/);
});

test('simple password against message-digest is still a type mismatch', () => {
  const fx =
    r1Rollover.replace(' ip ospf authentication message-digest\n', ' ip ospf authentication message-digest\n!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/auth-mismatch\n') +
    r2With(' ip ospf authentication\n!^^^^^^^^^^^^^^^^^^^^^^ error ospf/auth-mismatch\n ip ospf authentication-key KEYNEW\n');
  checkDiagnostics(fx, { codes: OSPF });
});

// ------------------------------------------------------------------------------- network type by encapsulation

const FR_TYPES = `hostname r
!
interface Serial0/0
 ip address 10.1.0.1 255.255.255.0
 encapsulation frame-relay
!
interface Serial0/1
 no ip address
 encapsulation frame-relay
!
interface Serial0/1.1 multipoint
 ip address 10.1.1.1 255.255.255.0
!
interface Serial0/1.2 point-to-point
 ip address 10.1.2.1 255.255.255.252
!
interface Serial0/2
 ip address 10.1.3.1 255.255.255.252
!
interface Serial0/3
 ip address 10.1.4.1 255.255.255.252
 encapsulation ppp
!
interface GigabitEthernet0/0.100
 encapsulation dot1Q 100
 ip address 10.1.5.1 255.255.255.0
!
interface Loopback0
 ip address 10.255.0.1 255.255.255.255
!
interface Tunnel0
 ip address 10.1.6.1 255.255.255.252
!
router ospf 1
 network 10.0.0.0 0.255.255.255 area 0
!
`;

test('network type defaults follow the encapsulation, with the reason in the default', () => {
  const { device, diagnostics } = lower(FR_TYPES);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  const byName = new Map(device.ospfInterfaces.map((o) => [o.interfaceName, o]));
  const got = [...byName].map(([n, o]) => [n, o.networkType.value, o.hello.value, o.dead.value]);
  assert.deepEqual(got, [
    ['Serial0/0', 'non-broadcast', 30, 120],
    ['Serial0/1.1', 'non-broadcast', 30, 120],
    ['Serial0/1.2', 'point-to-point', 10, 40],
    ['Serial0/2', 'point-to-point', 10, 40],
    ['Serial0/3', 'point-to-point', 10, 40],
    ['GigabitEthernet0/0.100', 'broadcast', 10, 40],
    ['Loopback0', 'loopback', 10, 40],
    ['Tunnel0', 'point-to-point', 10, 40],
  ]);
  assert.match(byName.get('Serial0/0')!.networkType.default!, /Frame Relay.*non-broadcast/);
  assert.match(byName.get('Serial0/1.1')!.networkType.default!, /multipoint sub-interface/);
  assert.match(byName.get('Serial0/1.2')!.networkType.default!, /point-to-point sub-interface/);
  for (const o of byName.values()) assert.ok(!o.networkType.range && o.networkType.default, o.interfaceName);
  // The model keeps the encapsulation and the sub-interface type as written.
  const itf = new Map(device.interfaces.map((i) => [i.name, i]));
  assert.equal(itf.get('Serial0/0')!.encapsulation?.value, 'frame-relay');
  assert.equal(at(FR_TYPES, itf.get('Serial0/0')!.encapsulation?.range), 'frame-relay');
  assert.equal(itf.get('Serial0/1.1')!.encapsulation?.value, 'frame-relay');
  assert.equal(itf.get('Serial0/1.1')!.encapsulation?.range, undefined, 'inherited from Serial0/1');
  assert.equal(itf.get('Serial0/1.1')!.subinterfaceType, 'multipoint');
  assert.equal(itf.get('Serial0/1.2')!.subinterfaceType, 'point-to-point');
  assert.equal(itf.get('Serial0/3')!.encapsulation?.value, 'ppp');
  assert.equal(itf.get('GigabitEthernet0/0.100')!.encapsulation?.value, 'dot1q');
  assert.equal(itf.get('Serial0/2')!.encapsulation, undefined);
});

const hub = `
//- hub.ios
hostname hub
!
interface Serial0/0
 no ip address
 encapsulation frame-relay
!
interface Serial0/0.1 multipoint
 ip address 10.1.1.1 255.255.255.0
 frame-relay map ip 10.1.1.2 102 broadcast
!
interface Serial0/0.2 point-to-point
 ip address 10.1.2.1 255.255.255.252
 frame-relay interface-dlci 104
!
router ospf 1
 network 10.1.0.0 0.0.255.255 area 0
 neighbor 10.1.1.2
!
`;

test('Frame Relay hub multipoint ↔ spoke main interface: both non-broadcast (30/120), hub lists the spoke → clean', () => {
  checkDiagnostics(
    hub +
      `
//- spoke.ios
hostname spoke
!
interface Serial0/0
 ip address 10.1.1.2 255.255.255.0
 encapsulation frame-relay
 ip ospf priority 0
 frame-relay map ip 10.1.1.1 201 broadcast
!
router ospf 1
 network 10.1.1.0 0.0.0.255 area 0
!
`,
    { codes: OSPF },
  );
});

test('Frame Relay: an explicit `ip ospf network non-broadcast` on a multipoint spoke matches the hub default → clean', () => {
  // Before encapsulation-aware defaults, the hub's multipoint sub-interface was taken as point-to-point and this
  // real pair got a network-type and a timer error.
  checkDiagnostics(
    hub +
      `
//- spoke.ios
hostname spoke
!
interface Serial0/0
 no ip address
 encapsulation frame-relay
!
interface Serial0/0.1 multipoint
 ip address 10.1.1.2 255.255.255.0
 ip ospf network non-broadcast
 ip ospf priority 0
 frame-relay map ip 10.1.1.1 201 broadcast
!
router ospf 1
 network 10.1.1.0 0.0.0.255 area 0
!
`,
    { codes: OSPF },
  );
});

test('Frame Relay: hub multipoint (NBMA) ↔ spoke point-to-point sub-interface → network-type and timer errors on both ends', () => {
  checkDiagnostics(`
//- hub.ios
hostname hub
!
interface Serial0/0
 no ip address
 encapsulation frame-relay
!
interface Serial0/0.1 multipoint
 ip address 10.1.1.1 255.255.255.0
 frame-relay map ip 10.1.1.2 102 broadcast
!
router ospf 1
 network 10.1.0.0 0.0.255.255 area 0
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/network-type-mismatch
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/timer-mismatch
 neighbor 10.1.1.2
!
//- spoke.ios
hostname spoke
!
interface Serial0/0
 no ip address
 encapsulation frame-relay
!
interface Serial0/0.1 point-to-point
 ip address 10.1.1.2 255.255.255.0
 frame-relay interface-dlci 201
!
router ospf 1
 network 10.1.1.0 0.0.0.255 area 0
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/network-type-mismatch
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/timer-mismatch
!
`, { codes: OSPF });
});

test('Frame Relay: point-to-point sub-interfaces on both ends → clean; against a spoke main interface (NBMA) → errors', () => {
  const spokeP2p = `
//- spoke.ios
hostname spoke
!
interface Serial0/0
 no ip address
 encapsulation frame-relay
!
interface Serial0/0.1 point-to-point
 ip address 10.1.2.2 255.255.255.252
 frame-relay interface-dlci 401
!
router ospf 1
 network 10.1.2.0 0.0.0.3 area 0
!
`;
  checkDiagnostics(hub + spokeP2p, { codes: OSPF });
  checkDiagnostics(
    `
//- hub.ios
hostname hub
!
interface Serial0/0
 no ip address
 encapsulation frame-relay
!
interface Serial0/0.2 point-to-point
 ip address 10.1.2.1 255.255.255.252
 frame-relay interface-dlci 104
!
router ospf 1
 network 10.1.0.0 0.0.255.255 area 0
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/network-type-mismatch
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/timer-mismatch
!
//- spoke.ios
hostname spoke
!
interface Serial0/0
 ip address 10.1.2.2 255.255.255.252
 encapsulation frame-relay
 frame-relay map ip 10.1.2.1 401 broadcast
!
router ospf 1
 network 10.1.2.0 0.0.0.3 area 0
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/network-type-mismatch
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/timer-mismatch
!
`,
    { codes: OSPF },
  );
});

// ------------------------------------------------------------------------------------------------ passive

const passivePair = (r1Proc: string, r1Caret = '') => `
//- r1.ios
hostname r1
!
interface GigabitEthernet0/0
 ip address 10.0.12.1 255.255.255.0
!
interface GigabitEthernet0/1
 ip address 10.0.13.1 255.255.255.0
!
router ospf 1
${r1Proc} network 10.0.0.0 0.0.255.255 area 0
!
//- r2.ios
hostname r2
!
interface GigabitEthernet0/0
 ip address 10.0.12.2 255.255.255.0
!
router ospf 1
 network 10.0.12.0 0.0.0.255 area 0
${r1Caret}!
`;
const r2Caret = '!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information ospf/passive-peer\n';

test('passive-interface default + no passive-interface X: X sends hellos → clean', () => {
  checkDiagnostics(passivePair(' passive-interface default\n no passive-interface GigabitEthernet0/0\n'), { codes: OSPF });
  // Abbreviated names are the same interface.
  checkDiagnostics(passivePair(' passive-interface default\n no passive-interface Gi0/0\n'), { codes: OSPF });
  // `no passive-interface default` after the default undoes it.
  checkDiagnostics(passivePair(' passive-interface default\n no passive-interface default\n'), { codes: OSPF });
  const { device } = lower(passivePair(' passive-interface default\n no passive-interface GigabitEthernet0/0\n').split('//- r2.ios')[0].replace('//- r1.ios\n', ''));
  assert.deepEqual(device.ospfInterfaces.map((o) => [o.interfaceName, o.passive.value]), [
    ['GigabitEthernet0/0', false],
    ['GigabitEthernet0/1', true],
  ]);
});

test('passive-interface lines apply in order: the interface still passive → ospf/passive-peer on the line that made it so', () => {
  // `passive-interface default` after `no passive-interface X` makes X passive again.
  checkDiagnostics(passivePair(' no passive-interface GigabitEthernet0/0\n passive-interface default\n!^^^^^^^^^^^^^^^^^^^^^^^^^ information ospf/passive-peer\n', r2Caret), { codes: OSPF });
  // A later `passive-interface X` wins over an earlier `no passive-interface X`.
  checkDiagnostics(
    passivePair(' passive-interface default\n no passive-interface GigabitEthernet0/0\n passive-interface GigabitEthernet0/0\n!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ information ospf/passive-peer\n', r2Caret),
    { codes: OSPF },
  );
  // `no passive-interface default` clears earlier per-interface lines too (IOS default passive-interface feature).
  checkDiagnostics(passivePair(' passive-interface GigabitEthernet0/0\n no passive-interface default\n'), { codes: OSPF });
});

test('Batfish ios-ospf-passive rig (corpus): each router passive where its last applicable line says so', (t) => {
  const dir = join(__dirname, '../../../shared/corpus/ios');
  const f1 = join(dir, 'batfish__testrigs-ios-ospf-passive__ios-ospf-passive1.cfg');
  const f2 = join(dir, 'batfish__testrigs-ios-ospf-passive__ios-ospf-passive2.cfg');
  if (!existsSync(f1) || !existsSync(f2)) return t.skip('corpus not present');
  const passive = (file: string) => new Map(lower(readFileSync(file, 'utf8')).device.ospfInterfaces.map((o) => [o.interfaceName, o.passive.value]));
  // r1: `passive-interface Ethernet2`, `no passive-interface default` (clears it), `passive-interface Ethernet1`.
  assert.deepEqual([...passive(f1)], [['Ethernet1', true], ['Ethernet2', false]]);
  // r2: `no passive-interface Ethernet2`, `passive-interface default` (all passive), `no passive-interface Ethernet1`.
  assert.deepEqual([...passive(f2)], [['Ethernet1', false], ['Ethernet2', true]]);
});

// ------------------------------------------------------------------------------------------------ OSPFv3

const v3r1 = `
//- r1.ios
hostname r1
!
ipv6 unicast-routing
!
interface GigabitEthernet0/0
 ipv6 address 2001:DB8:12::1/64
 ipv6 ospf 1 area 0
!
ipv6 router ospf 1
 router-id 1.1.1.1
!
`;

test('OSPFv3 on IOS: process, router id, interface prefix from the global IPv6 address', () => {
  const text = v3r1.replace('//- r1.ios\n', '');
  const { device } = lower(text);
  assert.deepEqual(device.ospf.map((p) => [p.id, p.version, p.routerId?.value]), [['1', 3, '1.1.1.1']]);
  const o = device.ospfInterfaces[0];
  assert.deepEqual([o.interfaceName, o.version, o.prefix, o.address, o.area.value, at(text, o.area.range)], ['GigabitEthernet0/0', 3, '2001:db8:12::/64', '2001:db8:12::1', '0.0.0.0', 'ipv6 ospf 1 area 0']);
  assert.equal(o.networkType.value, 'broadcast');
});

test('OSPFv3 IOS ↔ IOS-XE (`ospfv3 1 ipv6 area`, `router ospfv3`) on a /64: clean, then area mismatch on both ends', () => {
  const r2 = (area: string, caret = '') => `
//- r2.ios
hostname r2
!
ipv6 unicast-routing
!
interface GigabitEthernet1
 ipv6 address 2001:db8:12::2/64
 ospfv3 1 ipv6 area ${area}
${caret}!
router ospfv3 1
 router-id 2.2.2.2
 !
 address-family ipv6 unicast
 exit-address-family
!
`;
  checkDiagnostics(v3r1 + r2('0'), { codes: OSPF });
  checkDiagnostics(v3r1.replace(' ipv6 ospf 1 area 0\n', ' ipv6 ospf 1 area 0\n!^^^^^^^^^^^^^^^^^^ error ospf/area-mismatch\n') + r2('1', '!^^^^^^^^^^^^^^^^^^^^ error ospf/area-mismatch\n'), { codes: OSPF });
});

test('OSPFv3 passive-interface default under `router ospfv3` address-family, `no passive-interface` there un-passives', () => {
  const r2 = (af: string, caret = '') => `
//- r2.ios
hostname r2
!
interface GigabitEthernet1
 ipv6 address 2001:db8:12::2/64
 ospfv3 1 ipv6 area 0
!
router ospfv3 1
 router-id 2.2.2.2
 !
 address-family ipv6 unicast
${af}${caret} exit-address-family
!
`;
  checkDiagnostics(v3r1 + r2('  passive-interface default\n  no passive-interface GigabitEthernet1\n'), { codes: OSPF });
  const fx = v3r1.replace(' ipv6 ospf 1 area 0\n', ' ipv6 ospf 1 area 0\n!^^^^^^^^^^^^^^^^^^ information ospf/passive-peer\n') + r2('  passive-interface default\n', '! ^^^^^^^^^^^^^^^^^^^^^^^^^ information ospf/passive-peer\n');
  checkDiagnostics(fx, { codes: OSPF });
});

test('OSPFv3 over a GRE tunnel with link-local addresses only pairs by the tunnel the two ends share', () => {
  const end = (name: string, self: string, peer: string, area: string, caret = '') => `
//- ${name}.ios
hostname ${name}
!
interface GigabitEthernet0/0
 ip address ${self} 255.255.255.252
!
interface Tunnel0
 ipv6 enable
 ipv6 ospf 1 area ${area}
${caret} tunnel source GigabitEthernet0/0
 tunnel destination ${peer}
!
ipv6 router ospf 1
 router-id ${self}
!
`;
  checkDiagnostics(end('r1', '192.0.2.1', '192.0.2.2', '0') + end('r2', '192.0.2.2', '192.0.2.1', '0'), { codes: OSPF });
  checkDiagnostics(
    end('r1', '192.0.2.1', '192.0.2.2', '0', '!^^^^^^^^^^^^^^^^^^ error ospf/area-mismatch\n') + end('r2', '192.0.2.2', '192.0.2.1', '1', '!^^^^^^^^^^^^^^^^^^ error ospf/area-mismatch\n'),
    { codes: OSPF },
  );
});

test('OSPFv2 and OSPFv3 on the same interface stay apart', () => {
  const text = `hostname r1
interface GigabitEthernet0/0
 ip address 10.0.12.1 255.255.255.0
 ipv6 address 2001:db8:12::1/64
 ip ospf 1 area 0
 ipv6 ospf 1 area 1
router ospf 1
 router-id 1.1.1.1
 area 1 stub
ipv6 router ospf 1
 router-id 1.1.1.1
`;
  const { device } = lower(text);
  assert.deepEqual(device.ospfInterfaces.map((o) => [o.version, o.area.value, o.areaType, o.prefix]), [
    [2, '0.0.0.0', 'normal', '10.0.12.0/24'],
    [3, '0.0.0.1', 'normal', '2001:db8:12::/64'],
  ]);
  assert.deepEqual(device.ospf.map((p) => [p.id, p.version]), [['1', 2], ['1', 3]]);
});
