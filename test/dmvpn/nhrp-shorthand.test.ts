// DMVPN phase 3 with the IOS 15.x/IOS-XE NHRP shorthand (`ip nhrp nhs A nbma B multicast`, `ip nhrp nhs dynamic
// nbma B multicast`): spokes pair with their hub and get the same verdicts as with the long form
// (`ip nhrp map` + `ip nhrp map multicast` + `ip nhrp nhs`).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkDiagnostics, loadFixture } from '../helpers/fixture';

const HUB = `//- hub.ios
hostname HUB
interface GigabitEthernet0/0
 ip address 198.51.100.1 255.255.255.0
interface Tunnel0
 ip address 10.0.0.1 255.255.255.0
 no ip redirects
 ip nhrp authentication DMVPNKEY
 ip nhrp map multicast dynamic
 ip nhrp network-id 100
 ip nhrp holdtime 300
 ip nhrp redirect
 ip ospf network point-to-multipoint
 ip ospf 1 area 0
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 100
router ospf 1
 router-id 10.0.0.1
`;

/** A phase 3 spoke; `nhs` is its NHS line (shorthand or long form). */
const SPOKE = (n: number, nhs: string, key = '100', caret = '') => `//- spoke${n}.ios
hostname SPOKE${n}
interface GigabitEthernet0/0
 ip address 203.0.113.${n} 255.255.255.0
interface Tunnel0
 ip address 10.0.0.${n} 255.255.255.0
 no ip redirects
 ip nhrp authentication DMVPNKEY
 ip nhrp network-id 100
 ip nhrp holdtime 300
${nhs}
 ip nhrp registration timeout 30
 ip nhrp shortcut
 ip ospf network point-to-multipoint
 ip ospf 1 area 0
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key ${key}
${caret}router ospf 1
 router-id 10.0.0.${n}
`;

const STATIC = ' ip nhrp nhs 10.0.0.1 nbma 198.51.100.1 multicast';
const DYNAMIC = ' ip nhrp nhs dynamic nbma 198.51.100.1 multicast';
const LONG = ' ip nhrp map 10.0.0.1 198.51.100.1\n ip nhrp map multicast 198.51.100.1\n ip nhrp nhs 10.0.0.1';

/** `file severity code "text"` of the DMVPN/OSPF/ref findings (and every error), sorted. */
function verdicts(fx: string): string[] {
  const { service, files } = loadFixture(fx);
  return files
    .flatMap((f) => service.getFindings(f.uri).filter((d) => /^(dmvpn|ospf|ref)\//.test(d.code) || d.severity === 'error').map((d) => `${f.name} ${d.severity} ${d.code} ${JSON.stringify(f.text.slice(d.range.start, d.range.end))}`))
    .sort();
}

test('phase 3 hub with two shorthand spokes (static and dynamic NHS) checks clean', () => {
  assert.deepEqual(verdicts(HUB + SPOKE(2, STATIC) + SPOKE(3, DYNAMIC)), []);
  // No syntax noise either: every NHRP line is known.
  const { service, files } = loadFixture(HUB + SPOKE(2, STATIC) + SPOKE(3, DYNAMIC));
  for (const f of files) assert.deepEqual(service.getFindings(f.uri).filter((d) => d.code.startsWith('syntax/')).map((d) => d.code), [], f.name);
});

test('the shorthand spoke pairs with its hub: a wrong tunnel key is reported once on each end', () => {
  for (const nhs of [STATIC, DYNAMIC, LONG]) {
    const fx = HUB.replace(' tunnel key 100\n', ' tunnel key 100\n!           ^^^ error dmvpn/tunnel-key-mismatch\n') + SPOKE(2, nhs, '101', '!           ^^^ error dmvpn/tunnel-key-mismatch\n') + SPOKE(3, nhs);
    checkDiagnostics(fx, { codes: ['dmvpn/tunnel-key-mismatch'] });
    assert.equal(verdicts(fx).length, 2, nhs);
  }
});

test('shorthand and long form give the same verdicts on a wrong NHS NBMA address', () => {
  // The spoke's NHS points at the hub's tunnel address but the NBMA address of another box: the map check fires.
  const wrongLong = LONG.replace('ip nhrp map 10.0.0.1 198.51.100.1', 'ip nhrp map 10.0.0.1 198.51.100.9');
  const long = verdicts(HUB + SPOKE(2, wrongLong));
  assert.deepEqual(long, ['hub.ios error dmvpn/nhrp-map-mismatch "GigabitEthernet0/0"', 'spoke2.ios error dmvpn/nhrp-map-mismatch "ip nhrp map 10.0.0.1 198.51.100.9"']);
  // Shorthand: the NBMA is wrong but the multicast map still targets the hub, so the pair is found.
  const short = verdicts(HUB + SPOKE(2, ' ip nhrp nhs 10.0.0.1 nbma 198.51.100.9\n ip nhrp map multicast 198.51.100.1'));
  assert.deepEqual(short, ['hub.ios error dmvpn/nhrp-map-mismatch "GigabitEthernet0/0"', 'spoke2.ios error dmvpn/nhrp-map-mismatch "ip nhrp nhs 10.0.0.1 nbma 198.51.100.9"']);
});

test('shorthand NHS naming the wrong hub tunnel address: dmvpn/nhrp-nhs-mismatch and the map fix edits the shorthand in place', () => {
  const fx = HUB + SPOKE(2, ' ip nhrp nhs 10.0.0.9 nbma 198.51.100.1 multicast');
  assert.deepEqual(verdicts(fx), [
    'hub.ios error dmvpn/nhrp-map-mismatch "10.0.0.1 255.255.255.0"',
    'hub.ios error dmvpn/nhrp-nhs-mismatch "10.0.0.1 255.255.255.0"',
    'spoke2.ios error dmvpn/nhrp-map-mismatch "ip nhrp nhs 10.0.0.9 nbma 198.51.100.1 multicast"',
    'spoke2.ios error dmvpn/nhrp-nhs-mismatch "10.0.0.9"',
  ]);
  const { service, files } = loadFixture(fx);
  const spoke = files.find((f) => f.name === 'spoke2.ios')!;
  const map = service.getFindings(spoke.uri).find((d) => d.code === 'dmvpn/nhrp-map-mismatch')!;
  const edits = map.fixes[0].edits.filter((e) => e.uri === spoke.uri);
  const text = [...edits].sort((a, b) => b.range.start - a.range.start).reduce((t, e) => t.slice(0, e.range.start) + e.newText + t.slice(e.range.end), spoke.text);
  assert.match(text, /^ ip nhrp nhs 10\.0\.0\.1 nbma 198\.51\.100\.1 multicast$/m);
});

test('a dynamic NHS towards another NBMA address does not pair with this hub (no verdict either way)', () => {
  assert.deepEqual(verdicts(HUB + SPOKE(2, ' ip nhrp nhs dynamic nbma 198.51.100.77 multicast')).filter((l) => l.includes('dmvpn/')), []);
});
