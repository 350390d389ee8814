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
