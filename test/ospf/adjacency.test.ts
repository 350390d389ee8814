// OSPF adjacency checks on hand-built devices (test/ospf/build.ts): each code with a failing and a clean
// variant, exact ranges on both ends, fixes that round-trip to a clean pair, and no secret in any message.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse, cfg } from './build';
import { edit, expectFindings, findingsOf } from './harness';
import { networkTypeVerdict } from '../../server/src/analysis/ospf';

const r1 = cfg`
  hostname r1
  interface Gi0/0 10.0.0.1/24
   ospf area 0
`;
const r2 = cfg`
  hostname r2
  interface Gi0/0 10.0.0.2/24
   ospf area 0
`;

test('a plain broadcast pair checks clean and is paired', () => {
  expectFindings([r1, r2], []);
  const { devices } = analyse([r1, r2]);
  assert.equal(devices[0].ospfInterfaces.length, 1);
});

test('ospf/area-mismatch on both ends, fixed from either end', () => {
  const findings = expectFindings([r1, edit(r2, 'area 0', 'area 1')], ['r1 error ospf/area-mismatch "0"', 'r2 error ospf/area-mismatch "1"']);
  const f = findings.find((x) => x.uri.includes('r1'))!;
  assert.deepEqual(f.fixes.map((x) => x.title), ['Make this side match r2', 'Make r2 match this side']);
  assert.equal(f.related[0].uri, 'file:///r2.cfg');
  // `0` and `0.0.0.0` are the same area.
  expectFindings([r1, edit(r2, 'area 0', 'area 0.0.0.0')], []);
});

test('ospf/timer-mismatch names the defaults that applied', () => {
  const findings = expectFindings([r1, r2.replace('ospf area 0', 'ospf area 0\n ospf hello 5')], ['r1 error ospf/timer-mismatch "ospf area 0"', 'r2 error ospf/timer-mismatch "5"']);
  assert.match(findings.find((x) => x.uri.includes('r1'))!.message, /10\/40 \(IOS broadcast default\) here vs hello 5, dead 20 \(4 × hello\) on r2 Gi0\/0/);
  // Dead alone.
  expectFindings([r1, r2.replace('ospf area 0', 'ospf area 0\n ospf dead 60')], ['r1 error ospf/timer-mismatch "ospf area 0"', 'r2 error ospf/timer-mismatch "60"']);
  // Equal explicit values are clean.
  expectFindings([r1.replace('ospf area 0', 'ospf area 0\n ospf hello 5'), r2.replace('ospf area 0', 'ospf area 0\n ospf hello 5')], []);
});

test('Cisco non-broadcast (30/120) against BIRD nbma (10/40): timers mismatch, types agree', () => {
  const cisco = cfg`
    hostname hub
    interface Tunnel0 10.0.0.1/24
     ospf area 0
     ospf type non-broadcast
     ospf neighbor 10.0.0.2
  `;
  const bird = cfg`
    hostname b1
    platform bird
    interface gre1 10.0.0.2/24
     ospf area 0
     ospf type non-broadcast
  `;
  const findings = expectFindings([cisco, bird], ['hub error ospf/timer-mismatch "non-broadcast"', 'b1 error ospf/timer-mismatch "non-broadcast"']);
  assert.match(findings[0].message + findings[1].message, /30\/120 \(IOS non-broadcast default\)/);
  assert.match(findings[0].message + findings[1].message, /10\/40 \(BIRD default\)/);
});

test('ospf/network-type-mismatch follows the §7.3 matrix', () => {
  // DR vs no DR: error.
  expectFindings([r1, r2.replace('ospf area 0', 'ospf area 0\n ospf type point-to-point')], ['r1 error ospf/network-type-mismatch "ospf area 0"', 'r2 error ospf/network-type-mismatch "point-to-point"']);
  // broadcast vs NBMA on IOS: forms once timers agree (warning) + the 10/40 vs 30/120 timer error.
  expectFindings(
    [r1.replace('ospf area 0', 'ospf area 0\n ospf neighbor 10.0.0.2'), r2.replace('ospf area 0', 'ospf area 0\n ospf type non-broadcast')],
    ['r1 warning ospf/network-type-mismatch "ospf area 0"', 'r2 warning ospf/network-type-mismatch "non-broadcast"', 'r1 error ospf/timer-mismatch "ospf area 0"', 'r2 error ospf/timer-mismatch "non-broadcast"'],
  );
  // NBMA hub vs point-to-multipoint spoke (§5 D-6): same 30/120 timers, DR vs no DR → error only on the type.
  expectFindings(
    [r1.replace('ospf area 0', 'ospf area 0\n ospf type non-broadcast\n ospf neighbor 10.0.0.2'), r2.replace('ospf area 0', 'ospf area 0\n ospf type point-to-multipoint')],
    ['r1 error ospf/network-type-mismatch "non-broadcast"', 'r2 error ospf/network-type-mismatch "point-to-multipoint"'],
  );
  assert.equal(networkTypeVerdict('point-to-multipoint', 'point-to-multipoint-non-broadcast')?.severity, 'information');
  assert.equal(networkTypeVerdict('point-to-point', 'point-to-multipoint')?.severity, 'warning');
  assert.equal(networkTypeVerdict('broadcast', 'point-to-point')?.severity, 'error');
  assert.equal(networkTypeVerdict('broadcast', 'broadcast'), undefined);
});

test('ospf/subnet-mismatch except on point-to-point links', () => {
  expectFindings([r1, r2.replace('10.0.0.2/24', '10.0.0.2/25')], ['r1 error ospf/subnet-mismatch "10.0.0.1/24"', 'r2 error ospf/subnet-mismatch "10.0.0.2/25"']);
  const p2p = (t: string) => t.replace('ospf area 0', 'ospf area 0\n ospf type point-to-point');
  expectFindings([p2p(r1), p2p(r2.replace('10.0.0.2/24', '10.0.0.2/25'))], []);
});

test('ospf/auth-mismatch on type and on key, masked, fixed without showing the key', () => {
  const md5 = (t: string, key: string) => t.replace('ospf area 0', `ospf area 0\n ospf auth md5 1 ${key}`);
  expectFindings([md5(r1, 'KEYONE'), r2], ['r1 error ospf/auth-mismatch "md5 1 KEYONE"', 'r2 error ospf/auth-mismatch "ospf area 0"']);
  const findings = expectFindings([md5(r1, 'KEYONE'), md5(r2, 'KEYTWO')], ['r1 error ospf/auth-mismatch "KEYONE"', 'r2 error ospf/auth-mismatch "KEYTWO"']);
  assert.match(findings[0].message, / \*{6} \(6 chars\)/);
  // Key ids must match for MD5.
  expectFindings([md5(r1, 'KEYONE'), md5(r2, 'KEYONE').replace('md5 1', 'md5 2')], ['r1 error ospf/auth-mismatch "md5 1 KEYONE"', 'r2 error ospf/auth-mismatch "md5 2 KEYONE"']);
  expectFindings([md5(r1, 'KEYONE'), md5(r2, 'KEYONE')], []);
  // Simple passwords are 8 bytes on the wire: a longer key that agrees on its first 8 characters is the same key.
  const simple = (t: string, key: string) => t.replace('ospf area 0', `ospf area 0\n ospf auth simple ${key}`);
  expectFindings([simple(r1, 'OTHERSECRET'), simple(r2, 'OTHERSEC')], []);
});

test('ospf/mtu-mismatch: error when the smaller side is Cisco-like, information when it is BIRD, nothing with mtu-ignore', () => {
  const mtu = (t: string, n: number, extra = '') => t.replace('ospf area 0', `ospf area 0\n ospf mtu ${n}${extra}`);
  expectFindings([mtu(r1, 1500), mtu(r2, 1400)], ['r1 error ospf/mtu-mismatch "1500"', 'r2 error ospf/mtu-mismatch "1400"']);
  expectFindings([mtu(r1, 1500), mtu(r2, 1400, '\n ospf mtu-ignore')], []);
  const bird = mtu(r2, 1400).replace('hostname r2', 'hostname r2\nplatform bird');
  const findings = expectFindings([mtu(r1, 1500), bird], ['r1 information ospf/mtu-mismatch "1500"', 'r2 information ospf/mtu-mismatch "1400"']);
  assert.match(findings[0].message, /only logs/);
  expectFindings([mtu(r1, 1500), mtu(r2, 1500)], []);
});

test('ospf/stub-flag-mismatch', () => {
  const a1 = (t: string) => t.replace('area 0', 'area 1');
  expectFindings([a1(r1), a1(r2).replace('hostname r2', 'hostname r2\narea 1 stub')], ['r1 error ospf/stub-flag-mismatch "1"', 'r2 error ospf/stub-flag-mismatch "1"']);
  expectFindings([a1(r1).replace('hostname r1', 'hostname r1\narea 1 stub'), a1(r2).replace('hostname r2', 'hostname r2\narea 1 stub')], []);
});

test('ospf/no-dr-eligible when every router on the segment has priority 0', () => {
  const p0 = (t: string) => t.replace('ospf area 0', 'ospf area 0\n ospf priority 0');
  const findings = expectFindings([p0(r1), p0(r2)], ['r1 error ospf/no-dr-eligible "0"', 'r2 error ospf/no-dr-eligible "0"']);
  assert.equal(findings[0].fixes[0].title, 'Make this router DR-eligible (priority 1)');
  expectFindings([p0(r1), r2], []);
  // Point-to-point links elect no DR.
  const p2p = (t: string) => p0(t).replace('ospf area 0', 'ospf area 0\n ospf type point-to-point');
  expectFindings([p2p(r1), p2p(r2)], []);
});

test('ospf/nbma-neighbor-missing unless one side lists the other', () => {
  const nbma = (t: string, extra = '') => t.replace('ospf area 0', `ospf area 0\n ospf type non-broadcast${extra}`);
  // A shared /24: no hellos between them, but nothing says the two are meant to be neighbours (spokes of one hub?).
  const shared = expectFindings([nbma(r1), nbma(r2)], ['r1 warning ospf/nbma-neighbor-missing "non-broadcast"', 'r2 warning ospf/nbma-neighbor-missing "non-broadcast"'], { roundTrip: false });
  assert.match(shared[0].message, /so no hellos are sent between them \(if they are meant to be neighbours\)$/);
  expectFindings([nbma(r1), nbma(r2, '\n ospf neighbor 10.0.0.1')], []);
  // Process-level `neighbor` (IOS `router ospf` / `neighbor X`) counts too.
  expectFindings([nbma(r1), nbma(r2).replace('hostname r2', 'hostname r2\nneighbor 10.0.0.1')], []);
  // One list is enough even when the listing end has priority 0 (seed 004: spokes list the hubs, hubs nobody).
  expectFindings([nbma(r1, '\n ospf priority 0\n ospf neighbor 10.0.0.2'), nbma(r2)], []);
});

test('ospf/nbma-neighbor-missing is an error when the link holds the two routers alone', () => {
  const nbma = (t: string, extra = '') => t.replace('ospf area 0', `ospf area 0\n ospf type non-broadcast${extra}`);
  const link = (t: string, from: string, to: string) => edit(nbma(t), from, to);
  // /30 and /31: nobody else can be on the link.
  const a30 = link(r1, '10.0.0.1/24', '10.0.0.1/30');
  const b30 = link(r2, '10.0.0.2/24', '10.0.0.2/30');
  const f = expectFindings([a30, b30], ['r1 error ospf/nbma-neighbor-missing "non-broadcast"', 'r2 error ospf/nbma-neighbor-missing "non-broadcast"'], { roundTrip: false });
  const r1f = f.find((x) => x.uri.includes('r1'))!;
  assert.equal(r1f.message, 'Non-broadcast OSPF link without neighbor statements: neither this router nor r2 Gi0/0 lists the other (add `neighbor 10.0.0.2` on one side), so no hellos are sent');
  assert.equal(a30.slice(r1f.range.start, r1f.range.end), 'non-broadcast');
  expectFindings([link(r1, '10.0.0.1/24', '10.0.0.0/31'), link(r2, '10.0.0.2/24', '10.0.0.1/31')], ['r1 error ospf/nbma-neighbor-missing "non-broadcast"', 'r2 error ospf/nbma-neighbor-missing "non-broadcast"'], { roundTrip: false });
  // Clean variant: one neighbour statement on the /30.
  expectFindings([a30, b30.replace('ospf type non-broadcast', 'ospf type non-broadcast\n ospf neighbor 10.0.0.1')], []);
  // A /29 has room for others: a warning again.
  expectFindings([link(r1, '10.0.0.1/24', '10.0.0.1/29'), link(r2, '10.0.0.2/24', '10.0.0.2/29')], ['r1 warning ospf/nbma-neighbor-missing "non-broadcast"', 'r2 warning ospf/nbma-neighbor-missing "non-broadcast"'], { roundTrip: false });
  // Point-to-point GRE tunnels aimed at each other are a two-router link whatever their subnet.
  const tun = (host: string, addr: string, src: string, dst: string) => cfg`
    hostname ${host}
    interface Gi0/1 ${src}/24
    interface Tunnel0 ${addr}/24
     tunnel source ${src}
     tunnel destination ${dst}
     ospf area 0
     ospf type non-broadcast
  `;
  expectFindings([tun('r1', '10.9.0.1', '192.0.2.1', '198.51.100.1'), tun('r2', '10.9.0.2', '198.51.100.1', '192.0.2.1')], ['r1 error ospf/nbma-neighbor-missing "non-broadcast"', 'r2 error ospf/nbma-neighbor-missing "non-broadcast"'], { roundTrip: false });
});

test('ospf/duplicate-router-id across the workspace', () => {
  const rid = (t: string, id: string) => t.replace(/(hostname \S+)/, `$1\nrouter-id ${id}`);
  expectFindings([rid(r1, '1.1.1.1'), rid(r2, '1.1.1.1')], ['r1 error ospf/duplicate-router-id "1.1.1.1"', 'r2 error ospf/duplicate-router-id "1.1.1.1"']);
  expectFindings([rid(r1, '1.1.1.1'), rid(r2, '2.2.2.2')], []);
  // Routers of unrelated OSPF domains (no shared link, e.g. two labs in one workspace) never meet.
  const r3 = r2.replace('hostname r2', 'hostname r3').replace('10.0.0.2/24', '10.9.0.2/24');
  expectFindings([rid(r1, '1.1.1.1'), rid(r3, '1.1.1.1')], []);
  // …but a router in between joins them into one domain.
  const mid = cfg`
    hostname mid
    interface Gi0/0 10.0.0.3/24
     ospf area 0
    interface Gi0/1 10.9.0.3/24
     ospf area 0
  `;
  expectFindings([rid(r1, '1.1.1.1'), rid(r3, '1.1.1.1'), mid], ['r1 error ospf/duplicate-router-id "1.1.1.1"', 'r3 error ospf/duplicate-router-id "1.1.1.1"']);
});

test('ospf/passive-peer is information on both ends; nothing else is compared', () => {
  const passive = r1.replace('ospf area 0', 'ospf area 0\n ospf passive');
  expectFindings([passive, r2], ['r1 information ospf/passive-peer "passive"', 'r2 information ospf/passive-peer "ospf area 0"']);
  // A timer difference behind a passive interface is moot until it becomes active (then it is reported).
  const hidden = passive.replace('ospf passive', 'ospf passive\n ospf hello 3');
  expectFindings([hidden, r2], ['r1 information ospf/passive-peer "passive"', 'r2 information ospf/passive-peer "ospf area 0"'], { roundTrip: false });
  const both = r2.replace('ospf area 0', 'ospf area 0\n ospf passive');
  expectFindings([passive, both], []);
});

test('OSPFv2 and OSPFv3 interfaces never pair; different subnets never pair', () => {
  expectFindings([r1, r2.replace('area 0', 'area 1').replace('ospf area 1', 'ospf area 1\n ospf version 3')], []);
  expectFindings([r1, r2.replace('10.0.0.2/24', '10.0.1.2/24').replace('area 0', 'area 1')], []);
});

test('fix titles and related information point at the other end', () => {
  const { findings } = findingsOf([r1, edit(r2, 'area 0', 'area 1')]);
  for (const f of findings) {
    assert.equal(f.related.length, 1);
    assert.notEqual(f.related[0].uri, f.uri);
    assert.ok(f.fixes.every((x) => x.edits.length > 0));
  }
});
