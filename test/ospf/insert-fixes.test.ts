// Quick fixes of OSPF area, area type, subnet mask and router id findings in real IOS and RouterOS syntax: every
// fix offered on either end is applied in a fresh service, after which no ospf/ error is left on either file, and
// the edited text is what an engineer would write (`network … area 1`, `ip ospf 1 area 1`, `area 1 stub`,
// `area=backbone`, `type=stub`, `ip address A MASK`, `address=A/len`, `router-id X`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dualHub, fixture } from '../dmvpn/seed004';
import { loadFixture } from '../helpers/fixture';
import { fixesOf as roundTrips, once, type Applied } from '../helpers/fixes';

/** Round trips of `code`: after any fix, no finding of the code and no ospf/ error is left on either file. */
const fixesOf = (fx: string, code: string) => roundTrips(fx, code, { leftover: (x, c) => x.code === c || (x.code.startsWith('ospf/') && x.severity === 'error') });

/** The single file the fix edited and its text. */
function only(a: Applied | undefined): [string, string] {
  assert.ok(a);
  assert.equal(a.texts.size, 1, a.title);
  return [...a.texts.entries()][0];
}

function pick(applied: Applied[], file: string, title: string): Applied | undefined {
  return applied.find((a) => a.file === file && a.title === title);
}

/** Applies both fixes "Make this side match" of a mirrored pair and checks the exact texts. */
function expectBothWays(applied: Applied[], fx: string, expected: Record<string, [string, string]>): void {
  const { files } = loadFixture(fx);
  const names = files.map((f) => f.name);
  assert.equal(applied.length, 4);
  for (const [self, other] of [names, [...names].reverse()]) {
    const otherHost = hostOf(files.find((f) => f.name === other)!.text);
    const selfHost = hostOf(files.find((f) => f.name === self)!.text);
    // "Make this side match" on self and "Make self match this side" on the other end are the same edit.
    for (const a of [pick(applied, self, `Make this side match ${otherHost}`), pick(applied, other, `Make ${selfHost} match this side`)]) {
      const [file, text] = only(a);
      assert.equal(file, self);
      const orig = files.find((f) => f.name === self)!.text;
      assert.equal(text, once(orig, ...expected[self]), a!.title);
    }
  }
}

function hostOf(text: string): string {
  // BIRD files named like `bird.conf` are named after their router id.
  return /^hostname (\S+)/m.exec(text)?.[1] ?? /identity set name=(\S+)/.exec(text)?.[1] ?? /^router id ([\d.]+);/m.exec(text)?.[1] ?? '';
}

const ios = (name: string, addr: string, itf: string, proc: string) => `
//- ${name}.ios
hostname ${name}
!
interface GigabitEthernet0/0
 ip address ${addr}
${itf}!
router ospf 1
${proc}!
`;
const v6 = (areas: string, network: string, addr = '10.0.0.2/24') => `
//- mt.rsc
# jan/02/1970 00:00:00 by RouterOS 6.48.6
/system identity set name=mt
/ip address add address=${addr} interface=ether1
/routing ospf instance set [ find default=yes ] router-id=2.2.2.2
${areas}/routing ospf network add network=10.0.0.0/24 ${network}
`;
const v7 = (areas: string, template: string) => `
//- mt.rsc
# 2024-01-01 00:00:00 by RouterOS 7.11
/system identity set name=mt
/ip address add address=10.0.0.2/24 interface=ether1
/routing ospf instance add name=default-v2 router-id=2.2.2.2
/routing ospf area add name=backbone-v2 area-id=0.0.0.0 instance=default-v2
${areas}/routing ospf interface-template add interfaces=ether1 ${template}
`;

test('ospf/area-mismatch IOS network statement vs RouterOS v6 area: `network … area 1` / `area=backbone`', () => {
  const fx = ios('core', '10.0.0.1 255.255.255.0', '', ' router-id 1.1.1.1\n network 10.0.0.0 0.0.0.255 area 0\n') + v6('/routing ospf area add name=a1 area-id=0.0.0.1\n', 'area=a1');
  const { list, applied } = fixesOf(fx, 'ospf/area-mismatch');
  assert.deepEqual(list, ['core.ios "network 10.0.0.0 0.0.0.255 area 0" [Make this side match mt | Make mt match this side]', 'mt.rsc "a1" [Make this side match core | Make core match this side]']);
  expectBothWays(applied, fx, { 'core.ios': ['area 0\n', 'area 1\n'], 'mt.rsc': ['area=a1', 'area=backbone'] });
});

test('ospf/area-mismatch IOS network shared by two interfaces vs RouterOS v7: `ip ospf 1 area 1` on the interface, template area= an existing area', () => {
  const fx =
    ios('core', '10.0.0.1 255.255.255.0', '', ' router-id 1.1.1.1\n network 10.0.0.0 0.255.255.255 area 0\n').replace('!\nrouter', '!\ninterface GigabitEthernet0/1\n ip address 10.9.0.1 255.255.255.0\n!\nrouter') +
    v7('/routing ospf area add name=area1 area-id=0.0.0.1 instance=default-v2\n', 'area=area1');
  const { list, applied } = fixesOf(fx, 'ospf/area-mismatch');
  assert.deepEqual(list, ['core.ios "network 10.0.0.0 0.255.255.255 area 0" [Make this side match mt | Make mt match this side]', 'mt.rsc "area1" [Make this side match core | Make core match this side]']);
  expectBothWays(applied, fx, { 'core.ios': [' ip address 10.0.0.1 255.255.255.0\n', ' ip address 10.0.0.1 255.255.255.0\n ip ospf 1 area 1\n'], 'mt.rsc': ['area=area1', 'area=backbone-v2'] });
});

test('ospf/area-mismatch with `ip ospf 1 area 5` vs RouterOS v7 backbone: the line is rewritten, and RouterOS gets a new area', () => {
  const fx = ios('core', '10.0.0.1 255.255.255.0', ' ip ospf 1 area 5\n', ' router-id 1.1.1.1\n') + v7('', 'area=backbone-v2');
  const { list, applied } = fixesOf(fx, 'ospf/area-mismatch');
  assert.deepEqual(list, ['core.ios "ip ospf 1 area 5" [Make this side match mt | Make mt match this side]', 'mt.rsc "backbone-v2" [Make this side match core | Make core match this side]']);
  expectBothWays(applied, fx, {
    'core.ios': ['ip ospf 1 area 5', 'ip ospf 1 area 0'],
    'mt.rsc': ['/routing ospf interface-template add interfaces=ether1 area=backbone-v2', '/routing ospf area add name=area5 area-id=0.0.0.5 instance=default-v2\n/routing ospf interface-template add interfaces=ether1 area=area5'],
  });
});

test('ospf/area-mismatch into a stub area: the area moves and becomes stub on IOS in one fix', () => {
  const fx = ios('core', '10.0.0.1 255.255.255.0', '', ' router-id 1.1.1.1\n network 10.0.0.0 0.0.0.255 area 0\n') + v6('/routing ospf area add name=a1 area-id=0.0.0.1 type=stub\n', 'area=a1');
  const { applied } = fixesOf(fx, 'ospf/area-mismatch');
  expectBothWays(applied, fx, { 'core.ios': [' network 10.0.0.0 0.0.0.255 area 0\n', ' area 1 stub\n network 10.0.0.0 0.0.0.255 area 1\n'], 'mt.rsc': ['area=a1', 'area=backbone'] });
});

test('ospf/stub-flag-mismatch IOS `area 1 stub` vs RouterOS v6 normal area: the stub line goes, or type=stub is added', () => {
  const fx = ios('core', '10.0.0.1 255.255.255.0', '', ' router-id 1.1.1.1\n area 1 stub\n network 10.0.0.0 0.0.0.255 area 1\n') + v6('/routing ospf area add name=a1 area-id=0.0.0.1\n', 'area=a1');
  const { list, applied } = fixesOf(fx, 'ospf/stub-flag-mismatch');
  assert.deepEqual(list, ['core.ios "network 10.0.0.0 0.0.0.255 area 1" [Make this side match mt | Make mt match this side]', 'mt.rsc "a1" [Make this side match core | Make core match this side]']);
  expectBothWays(applied, fx, { 'core.ios': [' area 1 stub\n', ''], 'mt.rsc': ['area-id=0.0.0.1\n', 'area-id=0.0.0.1 type=stub\n'] });
});

test('ospf/stub-flag-mismatch IOS nssa vs RouterOS v7 stub: `area 1 stub` replaces the nssa line, type=nssa on RouterOS', () => {
  const fx = ios('core', '10.0.0.1 255.255.255.0', '', ' router-id 1.1.1.1\n area 1 nssa\n network 10.0.0.0 0.0.0.255 area 1\n') + v7('/routing ospf area add name=area1 area-id=0.0.0.1 instance=default-v2 type=stub\n', 'area=area1');
  const { applied } = fixesOf(fx, 'ospf/stub-flag-mismatch');
  expectBothWays(applied, fx, { 'core.ios': [' area 1 nssa\n', ' area 1 stub\n'], 'mt.rsc': ['type=stub', 'type=nssa'] });
});

test('ospf/stub-flag-mismatch between two IOS routers: `area 1 stub` is inserted under router ospf, before the networks', () => {
  const fx = ios('r1', '10.0.0.1 255.255.255.0', '', ' router-id 1.1.1.1\n network 10.0.0.0 0.0.0.255 area 1\n') + ios('r2', '10.0.0.2 255.255.255.0', '', ' router-id 2.2.2.2\n area 1 stub\n network 10.0.0.0 0.0.0.255 area 1\n');
  const { applied } = fixesOf(fx, 'ospf/stub-flag-mismatch');
  expectBothWays(applied, fx, { 'r1.ios': [' network 10.0.0.0 0.0.0.255 area 1\n', ' area 1 stub\n network 10.0.0.0 0.0.0.255 area 1\n'], 'r2.ios': [' area 1 stub\n', ''] });
});

test('ospf/subnet-mismatch IOS /24 vs RouterOS /25: `ip address A MASK` and `address=A/len`', () => {
  const fx = ios('core', '10.0.0.1 255.255.255.0', '', ' router-id 1.1.1.1\n network 10.0.0.0 0.0.0.255 area 0\n') + v6('', 'area=backbone', '10.0.0.2/25');
  const { list, applied } = fixesOf(fx, 'ospf/subnet-mismatch');
  assert.deepEqual(list, ['core.ios "10.0.0.1 255.255.255.0" [Make this side match mt | Make mt match this side]', 'mt.rsc "10.0.0.2/25" [Make this side match core | Make core match this side]']);
  expectBothWays(applied, fx, { 'core.ios': ['10.0.0.1 255.255.255.0', '10.0.0.1 255.255.255.128'], 'mt.rsc': ['10.0.0.2/25', '10.0.0.2/24'] });
});

test('ospf/subnet-mismatch: no fix on the side whose address would leave the other subnet', () => {
  const fx = ios('core', '10.0.0.200 255.255.255.0', '', ' router-id 1.1.1.1\n network 10.0.0.0 0.0.0.255 area 0\n') + v6('', 'area=backbone', '10.0.0.2/25');
  const { list, applied } = fixesOf(fx, 'ospf/subnet-mismatch');
  // 10.0.0.200/25 is 10.0.0.128/25, not the RouterOS 10.0.0.0/25: only RouterOS can move to /24.
  assert.deepEqual(list, ['core.ios "10.0.0.200 255.255.255.0" [Make mt match this side]', 'mt.rsc "10.0.0.2/25" [Make this side match core]']);
  assert.equal(applied.length, 2);
  for (const a of applied) assert.deepEqual(only(a), ['mt.rsc', loadFixture(fx).files[1].text.replace('10.0.0.2/25', '10.0.0.2/24')]);
});

test('ospf/duplicate-router-id IOS vs RouterOS v7 and v6: each side can take an unused address of its own', () => {
  const core = `
//- core.ios
hostname core
!
interface Loopback0
 ip address 1.1.1.1 255.255.255.255
!
interface GigabitEthernet0/0
 ip address 10.0.0.1 255.255.255.0
!
router ospf 1
 router-id 1.1.1.1
 network 10.0.0.0 0.0.0.255 area 0
!
`;
  const mt7 = v7('', 'area=backbone-v2').replace('router-id=2.2.2.2', 'router-id=1.1.1.1');
  const mt6 = v6('', 'area=backbone').replace('router-id=2.2.2.2', 'router-id=1.1.1.1');
  for (const mt of [mt7, mt6]) {
    const fx = core + mt;
    const { list, applied } = fixesOf(fx, 'ospf/duplicate-router-id');
    // 1.1.1.1 (Loopback0) is the duplicate itself, so IOS takes its next own address.
    assert.deepEqual(list, ['core.ios "1.1.1.1" [Set a unique router id 10.0.0.1 (IOS applies it only after `clear ip ospf process`)]', 'mt.rsc "1.1.1.1" [Set a unique router id 10.0.0.2]']);
    const files = loadFixture(fx).files;
    assert.deepEqual(only(applied.find((a) => a.file === 'core.ios')), ['core.ios', once(files[0].text, ' router-id 1.1.1.1\n', ' router-id 10.0.0.1\n')]);
    assert.deepEqual(only(applied.find((a) => a.file === 'mt.rsc')), ['mt.rsc', once(files[1].text, 'router-id=1.1.1.1', 'router-id=10.0.0.2')]);
  }
});

test('ospf/duplicate-router-id: no fix when every own address is already some router id', () => {
  const r = (name: string, addr: string, rid: string) => ios(name, `${addr} 255.255.255.0`, '', ` router-id ${rid}\n network 10.0.0.0 0.0.0.255 area 0\n`);
  // r1's only address 10.0.0.1 is r3's router id; r2 can still take 10.0.0.2.
  const fx = r('r1', '10.0.0.1', '9.9.9.9') + r('r2', '10.0.0.2', '9.9.9.9') + r('r3', '10.0.0.3', '10.0.0.1');
  const { list } = fixesOf(fx, 'ospf/duplicate-router-id');
  assert.deepEqual(list, ['r1.ios "9.9.9.9" []', 'r2.ios "9.9.9.9" [Set a unique router id 10.0.0.2 (IOS applies it only after `clear ip ospf process`)]']);
});

test('ospf/area-mismatch on a DMVPN spoke tunnel (seed 004 dual hub): only the spoke is edited, never the hub', () => {
  const r2 = once(dualHub.spoke(2), ' network 10.1.1.0 0.0.0.255 area 10\n', ' network 10.1.1.0 0.0.0.255 area 11\n');
  const fx = fixture({ 'r0.ios': dualHub.r0, 'r1.ios': dualHub.r1, 'r2.ios': r2, 'r3.ios': dualHub.spoke(3) });
  const { list, applied } = fixesOf(fx, 'ospf/area-mismatch');
  assert.deepEqual(list, ['r1.ios "network 10.1.1.0 0.0.0.255 area 10" [Make R2 match this side]', 'r2.ios "network 10.1.1.0 0.0.0.255 area 11" [Make this side match R1]']);
  assert.equal(applied.length, 2);
  for (const a of applied) assert.deepEqual(only(a), ['r2.ios', once(loadFixture(fx).files[2].text, ' network 10.1.1.0 0.0.0.255 area 11\n', ' network 10.1.1.0 0.0.0.255 area 10\n')]);
});

test('ospf/stub-flag-mismatch IOS vs BIRD: `stub;` added to (or removed from) the BIRD area block', () => {
  const bird = (areaBody: string) => `
//- bird.conf
router id 10.5.0.2;
protocol device {
}
protocol ospf v2 {
  ipv4 { import all; export all; };
  area 1 {
${areaBody}    interface "vlan500" 10.5.0.0/24 {
      cost 5;
    };
  };
}
`;
  const cisco = (proc: string) => ios('core', '10.5.0.1 255.255.255.0', '', ` router-id 1.1.1.1\n${proc} network 10.5.0.0 0.0.0.255 area 1\n`);
  // IOS stub, BIRD normal.
  let fx = cisco(' area 1 stub\n') + bird('');
  let { list, applied } = fixesOf(fx, 'ospf/stub-flag-mismatch');
  assert.deepEqual(list, ['bird.conf "1" [Make this side match core | Make core match this side]', 'core.ios "network 10.5.0.0 0.0.0.255 area 1" [Make this side match 10.5.0.2 | Make 10.5.0.2 match this side]']);
  expectBothWays(applied, fx, { 'core.ios': [' area 1 stub\n', ''], 'bird.conf': ['  area 1 {\n', '  area 1 {\n    stub;\n'] });
  // BIRD stub, IOS normal.
  fx = cisco('') + bird('    stub;\n');
  ({ list, applied } = fixesOf(fx, 'ospf/stub-flag-mismatch'));
  expectBothWays(applied, fx, { 'core.ios': [' network 10.5.0.0', ' area 1 stub\n network 10.5.0.0'], 'bird.conf': ['    stub;\n', ''] });
});

test('ospf/nbma-neighbor-missing IOS ↔ IOS: `neighbor A` under router ospf on either end clears both', () => {
  const nb = (name: string, addr: string, rid: string) => ios(name, `${addr} 255.255.255.0`, ' ip ospf network non-broadcast\n', ` router-id ${rid}\n network 10.0.0.0 0.0.0.255 area 0\n`);
  const fx = nb('r1', '10.0.0.1', '1.1.1.1') + nb('r2', '10.0.0.2', '2.2.2.2');
  const { list, applied } = fixesOf(fx, 'ospf/nbma-neighbor-missing');
  assert.deepEqual(list, ['r1.ios "ip ospf network non-broadcast" [Add `neighbor 10.0.0.2` here (r2) | Add `neighbor 10.0.0.1` on r2]', 'r2.ios "ip ospf network non-broadcast" [Add `neighbor 10.0.0.1` here (r1) | Add `neighbor 10.0.0.2` on r1]']);
  const [file, text] = only(pick(applied, 'r1.ios', 'Add `neighbor 10.0.0.2` here (r2)'));
  assert.equal(file, 'r1.ios');
  assert.ok(text.includes(' network 10.0.0.0 0.0.0.255 area 0\n neighbor 10.0.0.2\n'), text);
  assert.deepEqual(only(pick(applied, 'r1.ios', 'Add `neighbor 10.0.0.1` on r2')), only(pick(applied, 'r2.ios', 'Add `neighbor 10.0.0.1` here (r1)')));
});

test('ospf/nbma-neighbor-missing IOS ↔ RouterOS v6 and v7: nbma-neighbor / static-neighbor lines, and RouterOS neighbours count', () => {
  // RouterOS keeps 10/40 on NBMA; IOS would default to 30/120 there, so the IOS side sets its hello to match.
  const core = ios('core', '10.0.0.1 255.255.255.0', ' ip ospf network non-broadcast\n ip ospf hello-interval 10\n', ' router-id 1.1.1.1\n network 10.0.0.0 0.0.0.255 area 0\n');
  const six = core + v6('/routing ospf interface add interface=ether1 network-type=nbma\n', 'area=backbone');
  const r6 = fixesOf(six, 'ospf/nbma-neighbor-missing');
  assert.deepEqual(r6.list, ['core.ios "ip ospf network non-broadcast" [Add `neighbor 10.0.0.2` here (mt) | Add `neighbor 10.0.0.1` on mt]', 'mt.rsc "nbma" [Add `neighbor 10.0.0.1` here (core) | Add `neighbor 10.0.0.2` on core]']);
  const [, t6] = only(pick(r6.applied, 'mt.rsc', 'Add `neighbor 10.0.0.1` here (core)'));
  assert.ok(t6.endsWith('\n/routing ospf nbma-neighbor add address=10.0.0.1\n'), t6);
  // The RouterOS statement is modelled: with it in the file, nothing is reported.
  assert.deepEqual(fixesOf(six + '/routing ospf nbma-neighbor add address=10.0.0.1\n', 'ospf/nbma-neighbor-missing').list, []);

  const seven = core + v7('', 'area=backbone-v2 type=nbma');
  const r7 = fixesOf(seven, 'ospf/nbma-neighbor-missing');
  const [, t7] = only(pick(r7.applied, 'mt.rsc', 'Add `neighbor 10.0.0.1` here (core)'));
  assert.ok(t7.endsWith('\n/routing ospf static-neighbor add address=10.0.0.1%ether1 area=backbone-v2\n'), t7);
  assert.deepEqual(fixesOf(seven + '/routing ospf static-neighbor add address=10.0.0.1%ether1 area=backbone-v2\n', 'ospf/nbma-neighbor-missing').list, []);
});
