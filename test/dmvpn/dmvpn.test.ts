// DMVPN checks on hand-built devices shaped like seed 004 (single hub R1 1.1.1.2, spokes R2/R3 with p2p GRE,
// and the dual-hub design with OSPF non-broadcast): every single-line breakage is caught on both ends.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cfg } from '../ospf/build';
import { edit, expectFindings, findingsOf } from '../ospf/harness';

const hub = cfg`
  hostname hub
  interface Tunnel0 10.10.10.1/24
   nhrp network-id 1
   tunnel source 1.1.1.2
   tunnel mode mgre
   tunnel key 1
  interface Fa0/0 1.1.1.2/24
`;
const spoke = (n: number) => cfg`
  hostname r${n}
  interface Tunnel0 10.10.10.${n}/24
   nhrp map 10.10.10.1 1.1.1.2
   nhrp network-id 1
   nhrp nhs 10.10.10.1
   tunnel source ${n}.${n}.${n}.2
   tunnel destination 1.1.1.2
   tunnel key 1
  interface Fa0/0 ${n}.${n}.${n}.2/24
`;

test('seed 004 single hub with two spokes checks clean (spokes are not each other\'s peers)', () => {
  expectFindings([hub, spoke(2), spoke(3)], []);
});

test('dmvpn/tunnel-key-mismatch: different, and present on one side only', () => {
  expectFindings([hub, edit(spoke(2), 'tunnel key 1', 'tunnel key 2')], ['hub error dmvpn/tunnel-key-mismatch "1"', 'r2 error dmvpn/tunnel-key-mismatch "2"']);
  const findings = expectFindings([hub, edit(spoke(2), ' tunnel key 1\n', '')], ['hub error dmvpn/tunnel-key-mismatch "1"', 'r2 error dmvpn/tunnel-key-mismatch "Tunnel0"']);
  // The keyless side has no setter: only the hub side can be... not fixed either (it cannot remove). No wrong fix.
  for (const f of findings) assert.deepEqual(f.fixes, []);
});

test('dmvpn/nhrp-nhs-mismatch: the spoke NHS is not the hub tunnel address', () => {
  const findings = expectFindings([hub, edit(spoke(2), 'nhrp nhs 10.10.10.1', 'nhrp nhs 10.10.10.9')], ['hub error dmvpn/nhrp-nhs-mismatch "10.10.10.1/24"', 'r2 error dmvpn/nhrp-nhs-mismatch "10.10.10.9"']);
  assert.equal(findings.find((f) => f.uri.includes('hub'))!.fixes[0].title, 'Make r2 match this side');
});

test('dmvpn/nhrp-map-mismatch: wrong NBMA, wrong tunnel address, wrong tunnel destination', () => {
  expectFindings([hub, edit(spoke(2), 'nhrp map 10.10.10.1 1.1.1.2', 'nhrp map 10.10.10.1 1.1.1.3')], ['hub error dmvpn/nhrp-map-mismatch "1.1.1.2"', 'r2 error dmvpn/nhrp-map-mismatch "nhrp map 10.10.10.1 1.1.1.3"']);
  expectFindings([hub, edit(spoke(2), 'nhrp map 10.10.10.1 1.1.1.2', 'nhrp map 10.10.10.7 1.1.1.2')], ['hub error dmvpn/nhrp-map-mismatch "10.10.10.1/24"', 'r2 error dmvpn/nhrp-map-mismatch "nhrp map 10.10.10.7 1.1.1.2"']);
  expectFindings([hub, edit(spoke(2), 'tunnel destination 1.1.1.2', 'tunnel destination 1.1.1.9')], ['hub error dmvpn/nhrp-map-mismatch "1.1.1.2"', 'r2 error dmvpn/nhrp-map-mismatch "1.1.1.9"']);
});

test('dmvpn/nhrp-auth-mismatch, masked', () => {
  const auth = (t: string, s: string) => t.replace('nhrp network-id 1', `nhrp network-id 1\n nhrp auth ${s}`);
  const findings = expectFindings([auth(hub, 'NHRPSECRET'), auth(spoke(2), 'OTHERSECRET')], ['hub error dmvpn/nhrp-auth-mismatch "nhrp auth NHRPSECRET"', 'r2 error dmvpn/nhrp-auth-mismatch "nhrp auth OTHERSECRET"']);
  assert.match(findings[0].message, /\*\*\*/);
  expectFindings([auth(hub, 'NHRPSECRET'), spoke(2)], ['hub error dmvpn/nhrp-auth-mismatch "nhrp auth NHRPSECRET"', 'r2 error dmvpn/nhrp-auth-mismatch "Tunnel0"']);
  expectFindings([auth(hub, 'NHRPSECRET'), auth(spoke(2), 'NHRPSECRET')], []);
});

test('dmvpn/tunnel-protection-mismatch', () => {
  const prot = (t: string) => t.replace('tunnel key 1', 'tunnel key 1\n tunnel protection myDMVPN');
  expectFindings([prot(hub), spoke(2)], ['hub error dmvpn/tunnel-protection-mismatch "myDMVPN"', 'r2 error dmvpn/tunnel-protection-mismatch "Tunnel0"']);
  expectFindings([prot(hub), prot(spoke(2))], []);
});

test('ip nhrp network-id is never compared across devices', () => {
  expectFindings([hub, edit(spoke(2), 'nhrp network-id 1', 'nhrp network-id 99')], []);
});

test('dmvpn/multicast-map-missing for OSPF broadcast over mGRE; not with NBMA + neighbor statements', () => {
  const ospfHub = (type: string, extra = '') => hub.replace('tunnel key 1', `tunnel key 1\n ospf area 0\n ospf type ${type}${extra}`);
  const mgreSpoke = (type: string, mcast: string | undefined, extra = '') =>
    spoke(2)
      .replace(' tunnel destination 1.1.1.2\n', ' tunnel mode mgre\n')
      .replace('tunnel key 1', `tunnel key 1\n ospf area 0\n ospf type ${type}\n ospf priority 0${extra}`)
      .replace('nhrp nhs 10.10.10.1', mcast ? `nhrp nhs 10.10.10.1\n nhrp multicast ${mcast}` : 'nhrp nhs 10.10.10.1');
  expectFindings([ospfHub('broadcast'), mgreSpoke('broadcast', '1.1.1.2')], ['hub error dmvpn/multicast-map-missing "broadcast"']);
  expectFindings([ospfHub('broadcast', '').replace('tunnel mode mgre', 'tunnel mode mgre\n nhrp multicast dynamic'), mgreSpoke('broadcast', undefined)], ['r2 error dmvpn/multicast-map-missing "broadcast"']);
  // A multicast map towards some other hub only: reported against this hub.
  expectFindings([ospfHub('broadcast').replace('tunnel mode mgre', 'tunnel mode mgre\n nhrp multicast dynamic'), mgreSpoke('broadcast', '9.9.9.9')], ['r2 error dmvpn/multicast-map-missing "nhrp multicast 9.9.9.9"']);
  expectFindings([ospfHub('broadcast').replace('tunnel mode mgre', 'tunnel mode mgre\n nhrp multicast dynamic'), mgreSpoke('broadcast', '1.1.1.2')], []);
  expectFindings([ospfHub('non-broadcast'), mgreSpoke('non-broadcast', undefined, '\n ospf neighbor 10.10.10.1')], []);
});

test('seed 004 dual hub with OSPF non-broadcast: clean, and each single-line breakage is caught', () => {
  const r0 = cfg`
    hostname R0
    interface Tunnel0 10.0.0.1/24
     nhrp network-id 1
     ospf area 10
     ospf type non-broadcast
     tunnel source 10.4.0.1
     tunnel mode mgre
     tunnel key 1
     tunnel protection myDMVPN
    interface FastEthernet2/0 10.10.10.1/24
     ospf area 10
    interface FastEthernet2/1 10.4.0.1/24
  `;
  const r1 = cfg`
    hostname R1
    interface Tunnel1 10.1.1.1/24
     nhrp network-id 1
     ospf area 10
     ospf type non-broadcast
     tunnel source 10.4.1.1
     tunnel mode mgre
     tunnel key 1
     tunnel protection myDMVPN
    interface FastEthernet2/0 10.10.10.2/24
     ospf area 10
    interface FastEthernet2/1 10.4.1.1/24
  `;
  const r2 = cfg`
    hostname R2
    neighbor 10.0.0.1
    neighbor 10.1.1.1
    interface Loopback0 2.2.2.2/32
     ospf area 10
    interface Tunnel0 10.0.0.2/24
     nhrp map 10.0.0.1 10.4.0.1
     nhrp network-id 1
     nhrp nhs 10.0.0.1
     ospf area 10
     ospf type non-broadcast
     ospf priority 0
     tunnel source 10.4.2.1
     tunnel destination 10.4.0.1
     tunnel key 1
     tunnel protection myDMVPN
    interface Tunnel1 10.1.1.2/24
     nhrp map 10.1.1.1 10.4.1.1
     nhrp network-id 1
     nhrp nhs 10.1.1.1
     ospf area 10
     ospf type non-broadcast
     ospf priority 0
     tunnel source 10.4.2.1
     tunnel destination 10.4.1.1
     tunnel key 1
     tunnel protection myDMVPN
    interface FastEthernet1/0 10.4.2.1/24
  `;
  const r3 = r2.replace('R2', 'R3').replace(/10\.0\.0\.2\//, '10.0.0.3/').replace(/10\.1\.1\.2\//, '10.1.1.3/').replace(/10\.4\.2\.1/g, '10.4.3.1');
  const all = [r0, r1, r2, r3];
  expectFindings(all, []);
  const breakR2 = (from: string, to: string) => [r0, r1, edit(r2, from, to), r3];
  const codes = (texts: string[]) => findingsOf(texts).list.map((l) => l.split(' ').slice(0, 3).join(' '));
  assert.deepEqual(codes(breakR2('nhrp nhs 10.0.0.1', 'nhrp nhs 10.0.0.5')), ['R0 error dmvpn/nhrp-nhs-mismatch', 'R2 error dmvpn/nhrp-nhs-mismatch']);
  assert.deepEqual(codes(breakR2('nhrp map 10.1.1.1 10.4.1.1', 'nhrp map 10.1.1.1 10.4.1.9')), ['R1 error dmvpn/nhrp-map-mismatch', 'R2 error dmvpn/nhrp-map-mismatch']);
  // Spoke Tunnel1 priority 1: still fine (the hub is eligible too); hub type broadcast: matrix warning + 10/40 vs 30/120.
  assert.deepEqual(codes([r0, r1.replace('ospf type non-broadcast', 'ospf type broadcast'), r2, r3]).filter((c) => c.includes('ospf/')), [
    'R1 error ospf/timer-mismatch',
    'R1 error ospf/timer-mismatch',
    'R1 warning ospf/network-type-mismatch',
    'R1 warning ospf/network-type-mismatch',
    'R2 error ospf/timer-mismatch',
    'R2 warning ospf/network-type-mismatch',
    'R3 error ospf/timer-mismatch',
    'R3 warning ospf/network-type-mismatch',
  ]);
  // Spoke hello on one tunnel.
  assert.deepEqual(codes([r0, r1, r2.replace(/(ospf type non-broadcast\n ospf priority 0\n tunnel source 10.4.2.1\n tunnel destination 10.4.0.1)/, '$1\n ospf hello 10'), r3]), ['R0 error ospf/timer-mismatch', 'R2 error ospf/timer-mismatch']);
  // Hub priority 0 too: no DR anywhere on 10.0.0.0/24.
  assert.deepEqual(codes([r0.replace('ospf type non-broadcast', 'ospf type non-broadcast\n ospf priority 0'), r1, r2, r3]), ['R0 error ospf/no-dr-eligible', 'R2 error ospf/no-dr-eligible', 'R3 error ospf/no-dr-eligible']);
  // Tunnel key on one spoke tunnel.
  assert.deepEqual(codes([r0, r1, r2.replace(/tunnel key 1\n tunnel protection myDMVPN\ninterface FastEthernet1\/0/, 'tunnel key 7\n tunnel protection myDMVPN\ninterface FastEthernet1/0'), r3]), [
    'R1 error dmvpn/tunnel-key-mismatch',
    'R2 error dmvpn/tunnel-key-mismatch',
  ]);
});

test('dmvpn/ospf-point-to-point-hub: the IOS tunnel default on an mGRE hub', () => {
  const withOspf = hub.replace('tunnel key 1', 'tunnel key 1\n ospf area 0');
  expectFindings([withOspf], ['hub warning dmvpn/ospf-point-to-point-hub "ospf area 0"']);
  expectFindings([withOspf.replace('ospf area 0', 'ospf area 0\n ospf type point-to-multipoint\n nhrp multicast dynamic')], []);
  // A p2p GRE spoke is fine with point-to-point.
  expectFindings([spoke(2).replace('tunnel key 1', 'tunnel key 1\n ospf area 0')], []);
});
