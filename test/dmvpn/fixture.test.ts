// Seed 004 in real IOS syntax through the language service: the single-hub and dual-hub designs check clean,
// each single-line breakage is caught on both ends with exact ranges, and every offered fix round-trips.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, assertNoErrors, loadFixture } from '../helpers/fixture';
import { dualHub, fixture, singleHub } from './seed004';

const MINE = /^(ospf|dmvpn|l2tp)\//;

/** This area's findings as `file severity code "text"`, sorted. */
function mine(fx: string): string[] {
  const { service, files } = loadFixture(fx);
  return files.flatMap((f) => service.getFindings(f.uri).filter((d) => MINE.test(d.code)).map((d) => `${f.name} ${d.severity} ${d.code} ${JSON.stringify(f.text.slice(d.range.start, d.range.end))}`)).sort();
}

/** Applies every fix of every finding of `code` (each in a fresh service) and asserts the code is gone and no error of this area remains. */
function roundTrip(fx: string, code: string): number {
  const { service, files } = loadFixture(fx);
  let applied = 0;
  for (const f of files) {
    for (const finding of service.getFindings(f.uri).filter((d) => d.code === code)) {
      for (const fix of finding.fixes) {
        const fresh = loadFixture(fx);
        const same = fresh.service.getFindings(f.uri).find((d) => d.code === code && d.range.start === finding.range.start && d.message === finding.message)!;
        applyFix(fresh.service, same.fixes.find((x) => x.title === fix.title)!);
        const left = fresh.files.flatMap((g) => fresh.service.getFindings(g.uri).filter((d) => MINE.test(d.code) && (d.code === code || d.severity === 'error')).map((d) => `${g.name} ${d.code} ${d.message}`));
        assert.deepEqual(left, [], `after "${fix.title}" on ${f.name}`);
        applied++;
      }
    }
  }
  return applied;
}

const single = (r1 = singleHub.hub, r2 = singleHub.spoke(2), r3 = singleHub.spoke(3)) => fixture({ 'r1.ios': r1, 'r2.ios': r2, 'r3.ios': r3 });
const dual = (r0 = dualHub.r0, r1 = dualHub.r1, r2 = dualHub.spoke(2), r3 = dualHub.spoke(3)) => fixture({ 'r0.ios': r0, 'r1.ios': r1, 'r2.ios': r2, 'r3.ios': r3 });

function once(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  assert.ok(i >= 0 && text.indexOf(from, i + 1) < 0, `expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

test('seed 004 single hub and dual hub designs check clean', () => {
  for (const fx of [single(), dual()]) {
    assert.deepEqual(mine(fx), []);
    const { service, files } = loadFixture(fx);
    assertNoErrors(service, files.map((f) => f.uri));
  }
});

test('single hub: tunnel key on one spoke', () => {
  const fx = single(undefined, once(singleHub.spoke(2), 'tunnel key 1', 'tunnel key 2'));
  assert.deepEqual(mine(fx), ['r1.ios error dmvpn/tunnel-key-mismatch "1"', 'r2.ios error dmvpn/tunnel-key-mismatch "2"']);
  // Fixes only ever edit the spoke (the hub serves R3 too): one fix on each end, both editing R2.
  assert.equal(roundTrip(fx, 'dmvpn/tunnel-key-mismatch'), 2);
});

test('single hub: spoke NHS is not the hub tunnel address', () => {
  const fx = single(undefined, once(singleHub.spoke(2), 'ip nhrp nhs 10.10.10.1', 'ip nhrp nhs 10.10.10.9'));
  assert.deepEqual(mine(fx), ['r1.ios error dmvpn/nhrp-nhs-mismatch "10.10.10.1 255.255.255.0"', 'r2.ios error dmvpn/nhrp-nhs-mismatch "10.10.10.9"']);
  assert.equal(roundTrip(fx, 'dmvpn/nhrp-nhs-mismatch'), 2);
});

test('single hub: spoke NHRP map points at the wrong NBMA address', () => {
  const fx = single(undefined, once(singleHub.spoke(2), 'ip nhrp map 10.10.10.1 1.1.1.2', 'ip nhrp map 10.10.10.1 1.1.1.3'));
  assert.deepEqual(mine(fx), ['r1.ios error dmvpn/nhrp-map-mismatch "FastEthernet0/0"', 'r2.ios error dmvpn/nhrp-map-mismatch "ip nhrp map 10.10.10.1 1.1.1.3"']);
  assert.equal(roundTrip(fx, 'dmvpn/nhrp-map-mismatch'), 2);
});

test('single hub: tunnel protection on the hub only', () => {
  const fx = single(undefined, once(singleHub.spoke(2), ' tunnel protection ipsec profile myDMVPN\n', ''));
  assert.deepEqual(mine(fx), ['r1.ios error dmvpn/tunnel-protection-mismatch "myDMVPN"', 'r2.ios error dmvpn/tunnel-protection-mismatch "Tunnel0"']);
});

test('single hub: NHRP authentication differs (masked), network-id never compared', () => {
  const auth = (t: string, s: string) => once(t, ' ip nhrp network-id 1\n', ` ip nhrp network-id 1\n ip nhrp authentication ${s}\n`);
  const fx = single(auth(singleHub.hub, 'NHRPKEY1'), auth(singleHub.spoke(2), 'NHRPKEY2'), auth(singleHub.spoke(3), 'NHRPKEY1'));
  assert.deepEqual(mine(fx), ['r1.ios error dmvpn/nhrp-auth-mismatch "ip nhrp authentication NHRPKEY1"', 'r2.ios error dmvpn/nhrp-auth-mismatch "ip nhrp authentication NHRPKEY2"']);
  const { service, files } = loadFixture(fx);
  for (const f of files) for (const d of service.getFindings(f.uri)) assert.ok(!/NHRPKEY/.test(d.message + d.related.map((r) => r.message).join() + d.fixes.map((x) => x.title).join()));
  assert.equal(roundTrip(fx, 'dmvpn/nhrp-auth-mismatch'), 2);
  assert.deepEqual(mine(single(undefined, once(singleHub.spoke(2), 'ip nhrp network-id 1', 'ip nhrp network-id 77'))), []);
});

test('dual hub: spoke tunnel without `ip ospf network non-broadcast` (IOS tunnel default point-to-point)', () => {
  const r2 = once(dualHub.spoke(2), ' ip ospf network non-broadcast\n ip ospf cost 10\n', ' ip ospf cost 10\n');
  const list = mine(dual(undefined, undefined, r2));
  assert.deepEqual(list, [
    'r0.ios error ospf/network-type-mismatch "ip ospf network non-broadcast"',
    'r0.ios error ospf/timer-mismatch "ip ospf network non-broadcast"',
    'r2.ios error ospf/network-type-mismatch "network 10.0.0.0 0.0.0.255 area 10"',
    'r2.ios error ospf/timer-mismatch "network 10.0.0.0 0.0.0.255 area 10"',
  ]);
  assert.ok(roundTrip(dual(undefined, undefined, r2), 'ospf/network-type-mismatch') >= 1);
});

test('dual hub: spoke hello interval set on one tunnel', () => {
  const r2 = once(dualHub.spoke(2), ' ip ospf cost 10\n', ' ip ospf cost 10\n ip ospf hello-interval 10\n');
  assert.deepEqual(mine(dual(undefined, undefined, r2)), ['r0.ios error ospf/timer-mismatch "ip ospf network non-broadcast"', 'r2.ios error ospf/timer-mismatch "ip ospf hello-interval 10"']);
  assert.ok(roundTrip(dual(undefined, undefined, r2), 'ospf/timer-mismatch') >= 1);
});

test('dual hub: hub priority 0 as well: no DR on the segment', () => {
  const r0 = once(dualHub.r0, ' ip ospf cost 10\n', ' ip ospf cost 10\n ip ospf priority 0\n');
  assert.deepEqual(mine(dual(r0)), ['r0.ios error ospf/no-dr-eligible "ip ospf priority 0"', 'r2.ios error ospf/no-dr-eligible "ip ospf priority 0"', 'r3.ios error ospf/no-dr-eligible "ip ospf priority 0"']);
  assert.ok(roundTrip(dual(r0), 'ospf/no-dr-eligible') >= 1);
});

test('dual hub: wrong area on one spoke tunnel network statement', () => {
  const r2 = once(dualHub.spoke(2), ' network 10.1.1.0 0.0.0.255 area 10\n', ' network 10.1.1.0 0.0.0.255 area 11\n');
  assert.deepEqual(mine(dual(undefined, undefined, r2)), ['r1.ios error ospf/area-mismatch "network 10.1.1.0 0.0.0.255 area 10"', 'r2.ios error ospf/area-mismatch "network 10.1.1.0 0.0.0.255 area 11"']);
});

test('dual hub: tunnel key on the backup hub', () => {
  const r1 = once(dualHub.r1, 'tunnel key 1', 'tunnel key 5');
  assert.deepEqual(mine(dual(undefined, r1)), ['r1.ios error dmvpn/tunnel-key-mismatch "5"', 'r1.ios error dmvpn/tunnel-key-mismatch "5"', 'r2.ios error dmvpn/tunnel-key-mismatch "1"', 'r3.ios error dmvpn/tunnel-key-mismatch "1"']);
});

test('single hub running OSPF with IOS tunnel defaults: the hub is point-to-point on mGRE (§5 D-6)', () => {
  const ospf = (t: string) => t.replace(/\nip route/, '\nrouter ospf 1\n network 10.10.10.0 0.0.0.255 area 0\n!\nip route');
  const list = mine(single(ospf(singleHub.hub), ospf(singleHub.spoke(2)), ospf(singleHub.spoke(3))));
  assert.deepEqual(list, ['r1.ios warning dmvpn/ospf-point-to-point-hub "network 10.10.10.0 0.0.0.255 area 0"']);
});

test('OSPF broadcast over DMVPN needs NHRP multicast maps on the hub and on multipoint spokes', () => {
  const ospf = (t: string, itf: string) => once(t, ' tunnel key 1\n', ` tunnel key 1\n${itf}`).replace(/\nip route/, '\nrouter ospf 1\n network 10.10.10.0 0.0.0.255 area 0\n!\nip route');
  const hub = ospf(singleHub.hub, ' ip ospf network broadcast\n');
  const spoke = (n: 2 | 3, extra = '') => ospf(singleHub.spoke(n), ` ip ospf network broadcast\n ip ospf priority 0\n${extra}`).replace(' tunnel destination 1.1.1.2\n', ' tunnel mode gre multipoint\n');
  assert.deepEqual(mine(single(hub, spoke(2), spoke(3))), [
    'r1.ios error dmvpn/multicast-map-missing "ip ospf network broadcast"',
    'r2.ios error dmvpn/multicast-map-missing "ip ospf network broadcast"',
    'r3.ios error dmvpn/multicast-map-missing "ip ospf network broadcast"',
  ]);
  const fixedHub = once(hub, ' ip nhrp network-id 1\n', ' ip nhrp network-id 1\n ip nhrp map multicast dynamic\n');
  const mc = ' ip nhrp map multicast 1.1.1.2\n';
  assert.deepEqual(mine(single(fixedHub, spoke(2, mc), spoke(3, mc))), []);
  assert.deepEqual(mine(single(fixedHub, spoke(2, ' ip nhrp map multicast 1.1.1.9\n'), spoke(3, mc))), ['r2.ios error dmvpn/multicast-map-missing "ip nhrp map multicast 1.1.1.9"']);
});
