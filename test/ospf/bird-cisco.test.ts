// Seed 003 (BIRD 2 OSPF with `hello 2; dead 10;` and cryptographic authentication) facing a Cisco IOS router on
// the same VLAN, in real syntax through the language service: timer mismatch on both ends with the defaults
// named, equal MD5 keys accepted, and the fixes round-trip from either end.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, checkDiagnostics, loadFixture } from '../helpers/fixture';

const CODES = ['ospf/timer-mismatch', 'ospf/auth-mismatch', 'ospf/network-type-mismatch', 'ospf/area-mismatch', 'ospf/nbma-neighbor-missing', 'ospf/passive-peer'];

const bird = (body: string) => `
//- bird.conf
router id 10.5.0.2;
protocol device {
}
protocol ospf v2 {
  ipv4 { import all; export all; };
  area 0 {
    interface "vlan500" 10.5.0.0/24 {
${body}
    };
    interface "lo1", "vlan1001" { stub; };
  };
}
`;
const cisco = (itf: string) => `
//- core.ios
hostname core
!
interface Vlan500
 ip address 10.5.0.1 255.255.255.0
${itf}!
router ospf 1
 network 10.5.0.0 0.0.0.255 area 0
!
`;

const seedBody = `      cost 5;
      hello 2;
      dead 10;
      authentication cryptographic;
      password "password";`;
const md5 = ' ip ospf authentication message-digest\n ip ospf message-digest-key 1 md5 password\n';

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

test('seed 003 BIRD hello 2 / dead 10 against IOS defaults: timer mismatch on both ends', () => {
  const fx = `
//- bird.conf
router id 10.5.0.2;
protocol device {
}
protocol ospf v2 {
  ipv4 { import all; export all; };
  area 0 {
    interface "vlan500" 10.5.0.0/24 {
      cost 5;
      hello 2;
#           ^ error ospf/timer-mismatch
      dead 10;
      authentication cryptographic;
      password "password";
    };
    interface "lo1", "vlan1001" { stub; };
  };
}
//- core.ios
hostname core
!
interface Vlan500
 ip address 10.5.0.1 255.255.255.0
 ip ospf authentication message-digest
 ip ospf message-digest-key 1 md5 password
!
router ospf 1
 network 10.5.0.0 0.0.0.255 area 0
!^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ error ospf/timer-mismatch
!
`;
  const { service, files } = checkDiagnostics(fx, { codes: CODES });
  const onCisco = service.getFindings(files[1].uri).find((d) => d.code === 'ospf/timer-mismatch')!;
  assert.match(onCisco.message, /10\/40 \(IOS default for network type broadcast \(10\/40\)\) here vs 2\/10 on /);
  assert.equal(onCisco.related[0].uri, files[0].uri);
  assert.equal(roundTrips(bird(seedBody) + cisco(md5), 'ospf/timer-mismatch'), 4);
});

test('BIRD and IOS with equal timers and the same MD5 key (BIRD keyed md5 default, key id 1) check clean', () => {
  checkDiagnostics(bird(seedBody.replace('hello 2;', 'hello 10;').replace('dead 10;', 'dead 40;')) + cisco(md5), { codes: CODES });
});

test('BIRD key differs from the IOS message-digest key: auth mismatch, masked', () => {
  const { service, files } = loadFixture(bird(seedBody.replace('hello 2;', 'hello 10;').replace('dead 10;', 'dead 40;').replace('"password"', '"passw0rd"')) + cisco(md5));
  const found = files.flatMap((f) => service.getFindings(f.uri).filter((d) => d.code === 'ospf/auth-mismatch'));
  assert.equal(found.length, 2);
  for (const d of found) assert.ok(!/passw[o0]rd/.test(d.message + d.related.map((r) => r.message).join()));
});

test('IOS non-broadcast (30/120) against BIRD type nbma (10/40): timers differ although the types agree', () => {
  const fx = bird('      type nbma;\n      neighbors { 10.5.0.1; };') + cisco(' ip ospf network non-broadcast\n');
  const { service, files } = loadFixture(fx);
  const found = files.flatMap((f) => service.getFindings(f.uri).filter((d) => CODES.includes(d.code)).map((d) => `${f.name} ${d.code}`));
  assert.deepEqual(found.sort(), ['bird.conf ospf/timer-mismatch', 'core.ios ospf/timer-mismatch']);
  const msg = service.getFindings(files[1].uri).find((d) => d.code === 'ospf/timer-mismatch')!.message;
  assert.match(msg, /30\/120 \(IOS default for network type non-broadcast/);
  assert.match(msg, /10\/40 \(BIRD default hello 10 s, for every network type\)|hello 10 \(BIRD default/);
  assert.ok(roundTrips(fx, 'ospf/timer-mismatch') >= 2);
});

test('hover on the IOS network statement shows the BIRD neighbour side by side, without the key', async () => {
  const { summaryAt } = await import('../../server/src/analysis/summary');
  await import('../../server/src/analysis/ospf');
  const { service, files } = loadFixture(bird(seedBody) + cisco(md5));
  const ios = files[1];
  const offset = ios.text.indexOf('network 10.5.0.0') + 3;
  const s = summaryAt(service.getDevice(ios.uri)!, offset, [service.getDevice(files[0].uri)!]);
  assert.ok(s);
  assert.match(s.markdown, /\| Hello \/ dead \| 10 \(IOS default for network type broadcast \(10\/40\)\) \/ 40 \(IOS default for network type broadcast \(10\/40\)\) \| 2 \/ 10 ✗ \|/);
  assert.match(s.markdown, /\| Authentication \| MD5 key id 1 \| MD5 key id 1 \|/);
  assert.ok(!s.markdown.includes('password'));
});
