// OSPF between RouterOS v7 (interface-template) and RouterOS v6 (network + interface) in real syntax:
// effective defaults on both sides, exact ranges, and every offered fix round-trips through the dialect.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, checkDiagnostics, loadFixture } from '../helpers/fixture';

const CODES = ['ospf/network-type-mismatch', 'ospf/timer-mismatch', 'ospf/area-mismatch', 'ospf/auth-mismatch', 'ospf/passive-peer', 'ospf/no-dr-eligible'];

const v7 = (template: string) => `
//- v7.rsc
# 2024-01-01 00:00:00 by RouterOS 7.11
/ip address add address=10.0.0.1/24 interface=ether1
/routing ospf instance add name=default-v2 router-id=1.1.1.1
/routing ospf area add name=backbone-v2 area-id=0.0.0.0 instance=default-v2
/routing ospf interface-template add area=backbone-v2 interfaces=ether1${template}
`;
const v6 = `
//- v6.rsc
# jan/02/1970 00:00:00 by RouterOS 6.48.6
/ip address add address=10.0.0.2/24 interface=ether1
/routing ospf instance set [ find default=yes ] router-id=2.2.2.2
/routing ospf network add network=10.0.0.0/24 area=backbone
`;

test('RouterOS v7 and v6 with defaults on both sides form an adjacency (no findings)', () => {
  const { service, files } = checkDiagnostics(v7('') + v6, { codes: CODES });
  assert.deepEqual(service.partners(files[0].uri), [files[1].uri]);
});

test('RouterOS v7 ptp + hello 5s against v6 defaults: type and timers, both ends', () => {
  const fixture = `
//- v7.rsc
# 2024-01-01 00:00:00 by RouterOS 7.11
/ip address add address=10.0.0.1/24 interface=ether1
/routing ospf instance add name=default-v2 router-id=1.1.1.1
/routing ospf area add name=backbone-v2 area-id=0.0.0.0 instance=default-v2
/routing ospf interface-template add area=backbone-v2 interfaces=ether1 type=ptp hello-interval=5s
#                                                                            ^^^ error ospf/network-type-mismatch
#                                                                                               ^^ error ospf/timer-mismatch
//- v6.rsc
# jan/02/1970 00:00:00 by RouterOS 6.48.6
/ip address add address=10.0.0.2/24 interface=ether1
/routing ospf instance set [ find default=yes ] router-id=2.2.2.2
/routing ospf network add network=10.0.0.0/24 area=backbone
/routing ospf interface add interface=ether1 network-type=broadcast hello-interval=10s
#                                                         ^^^^^^^^^ error ospf/network-type-mismatch
#                                                                                  ^^^ error ospf/timer-mismatch
`;
  const { service, files } = checkDiagnostics(fixture, { codes: CODES });
  const timer = service.getFindings(files[0].uri).find((f) => f.code === 'ospf/timer-mismatch')!;
  assert.match(timer.message, /hello 5, dead 40 \(RouterOS v7 interface-template default dead-interval=40s \[S27\]\) here vs hello 10, dead 40 \(RouterOS v6 default dead-interval=40s/);
  assert.equal(timer.related[0].uri, files[1].uri);
  // Every fix offered on either end clears its own code.
  for (const f of files) {
    for (const finding of service.getFindings(f.uri).filter((x) => CODES.includes(x.code))) {
      for (const fix of finding.fixes) {
        const fresh = loadFixture(fixture.replace(/^#\s+\^.*\n/gm, ''));
        const again = fresh.service.getFindings(f.uri).find((x) => x.code === finding.code && x.range.start === finding.range.start)!;
        applyFix(fresh.service, again.fixes.find((x) => x.title === fix.title)!);
        for (const g of fresh.files) assert.deepEqual(fresh.service.getFindings(g.uri).filter((x) => x.code === finding.code).map((x) => x.message), [], fix.title);
      }
    }
  }
});

test('RouterOS v7 md5 authentication against v6 without: auth mismatch on both ends, key never shown', () => {
  const { service, files } = loadFixture(v7(' auth=md5 auth-id=1 auth-key=KEYONE') + v6);
  const found = files.flatMap((f) => service.getFindings(f.uri).filter((x) => x.code === 'ospf/auth-mismatch').map((x) => `${f.name} ${f.text.slice(x.range.start, x.range.end)}`));
  assert.deepEqual(found, ['v7.rsc md5', 'v6.rsc /routing ospf network add network=10.0.0.0/24 area=backbone']);
  for (const f of files) for (const x of service.getFindings(f.uri)) assert.ok(!x.message.includes('KEYONE'));
});

const ios = (itf: string, proc = '') => `
//- core.ios
hostname core
!
interface GigabitEthernet0/0
 ip address 10.0.0.1 255.255.255.0
${itf}!
router ospf 1
 network 10.0.0.0 0.0.0.255 area 0
${proc}!
`;
const mt7 = (template: string) => `
//- mt.rsc
# 2024-01-01 00:00:00 by RouterOS 7.11
/ip address add address=10.0.0.2/24 interface=ether1
/routing ospf instance add name=default-v2 router-id=2.2.2.2
/routing ospf area add name=backbone-v2 area-id=0.0.0.0 instance=default-v2
/routing ospf interface-template add area=backbone-v2 interfaces=ether1${template}
`;
const mt6 = (extra: string) => `
//- mt.rsc
# jan/02/1970 00:00:00 by RouterOS 6.48.6
/ip address add address=10.0.0.2/24 interface=ether1
/routing ospf instance set [ find default=yes ] router-id=2.2.2.2
/routing ospf network add network=10.0.0.0/24 area=backbone
${extra}`;

/** This area's findings per file as `file code "text"`, sorted. */
function mine(fx: string): string[] {
  const { service, files } = loadFixture(fx);
  return files.flatMap((f) => service.getFindings(f.uri).filter((d) => CODES.includes(d.code)).map((d) => `${f.name} ${d.code} ${JSON.stringify(f.text.slice(d.range.start, d.range.end))}`)).sort();
}

function roundTrips(fx: string, code: string): number {
  const { service, files } = loadFixture(fx);
  let n = 0;
  for (const f of files) {
    for (const finding of service.getFindings(f.uri).filter((d) => d.code === code)) {
      for (const fix of finding.fixes) {
        const fresh = loadFixture(fx);
        const same = fresh.service.getFindings(f.uri).find((d) => d.code === code && d.range.start === finding.range.start)!;
        applyFix(fresh.service, same.fixes.find((x) => x.title === fix.title)!);
        for (const g of fresh.files) assert.deepEqual(fresh.service.getFindings(g.uri).filter((d) => CODES.includes(d.code)).map((d) => d.message), [], `${fix.title} on ${f.name}`);
        n++;
      }
    }
  }
  return n;
}

test('IOS and RouterOS v7 / v6 with defaults on both sides: clean', () => {
  assert.deepEqual(mine(ios('') + mt7('')), []);
  assert.deepEqual(mine(ios('') + mt6('')), []);
});

test('IOS non-broadcast (30/120) against RouterOS v7 type=nbma (10/40): timer mismatch, fixed from either end', () => {
  const fx = ios(' ip ospf network non-broadcast\n', ' neighbor 10.0.0.2\n') + mt7(' type=nbma');
  assert.deepEqual(mine(fx), ['core.ios ospf/timer-mismatch "ip ospf network non-broadcast"', 'mt.rsc ospf/timer-mismatch "nbma"']);
  assert.equal(roundTrips(fx, 'ospf/timer-mismatch'), 4);
});

test('IOS broadcast against RouterOS v7 ptp: DR vs no DR, fixed from either end', () => {
  const fx = ios('') + mt7(' type=ptp');
  assert.deepEqual(mine(fx), ['core.ios ospf/network-type-mismatch "network 10.0.0.0 0.0.0.255 area 0"', 'mt.rsc ospf/network-type-mismatch "ptp"']);
  assert.ok(roundTrips(fx, 'ospf/network-type-mismatch') >= 1);
});

test('IOS area 0 against RouterOS v6 area in another area-id: area mismatch', () => {
  const fx = ios('') + mt6('/routing ospf area add name=a1 area-id=0.0.0.1\n').replace('area=backbone', 'area=a1');
  assert.deepEqual(mine(fx), ['core.ios ospf/area-mismatch "network 10.0.0.0 0.0.0.255 area 0"', 'mt.rsc ospf/area-mismatch "a1"']);
});

test('IOS MD5 key against RouterOS v7 auth=md5 with the same and another key', () => {
  const md5 = ' ip ospf authentication message-digest\n ip ospf message-digest-key 1 md5 KEYONE\n';
  assert.deepEqual(mine(ios(md5) + mt7(' auth=md5 auth-id=1 auth-key=KEYONE')), []);
  const fx = ios(md5) + mt7(' auth=md5 auth-id=1 auth-key=KEYTWO');
  assert.deepEqual(mine(fx), ['core.ios ospf/auth-mismatch "KEYONE"', 'mt.rsc ospf/auth-mismatch "KEYTWO"']);
  const { service, files } = loadFixture(fx);
  for (const f of files) for (const d of service.getFindings(f.uri)) assert.ok(!/KEYONE|KEYTWO/.test(d.message + d.related.map((r) => r.message).join() + d.fixes.map((x) => x.title).join()));
  assert.equal(roundTrips(fx, 'ospf/auth-mismatch'), 4);
});
