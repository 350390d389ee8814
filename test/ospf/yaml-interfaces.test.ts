// BIRD interface patterns without an address prefix take their addresses from netcfg.yaml `interfaces:`, so a
// BIRD router with `interface "eth*"` pairs with its Cisco neighbour and the OSPF checks run across the pair.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadFixture } from '../helpers/fixture';

const fixture = (yaml: string, birdHello = 'hello 10;') => `
//- bird.conf
router id 10.9.0.2;
protocol device {
}
protocol ospf v2 {
  ipv4 { import all; export all; };
  area 0 {
    interface "eth*" { ${birdHello} };
  };
}
//- core.ios
hostname core
!
interface GigabitEthernet0/0
 ip address 10.9.0.1 255.255.255.0
!
router ospf 1
 network 10.9.0.0 0.0.0.255 area 0
!
//- netcfg.yaml
${yaml}
`;

const YAML = `devices:
  - file: bird.conf
    interfaces:
      eth0: 10.9.0.2/24
      eth1: [192.0.2.1/30]
`;

function ospfCodes(fx: string): { file: string; code: string; text: string }[] {
  const { service, files } = loadFixture(fx);
  const res: { file: string; code: string; text: string }[] = [];
  for (const f of files) {
    const doc = service.getDocument(f.uri);
    for (const d of service.getFindings(f.uri)) if (d.code.startsWith('ospf/') || d.code.startsWith('config/')) res.push({ file: f.name, code: d.code, text: doc ? doc.text.slice(d.range.start, d.range.end) : '' });
  }
  return res;
}

test('netcfg.yaml interfaces: a BIRD "eth*" pattern pairs with the Cisco neighbour on eth0 and the timer mismatch is reported on both ends', () => {
  const got = ospfCodes(fixture(YAML, 'hello 5;'));
  assert.deepEqual(
    got.filter((g) => g.code === 'ospf/timer-mismatch').map((g) => `${g.file} ${g.text}`).sort(),
    ['bird.conf 5', 'core.ios network 10.9.0.0 0.0.0.255 area 0'].sort(),
  );
});

test('netcfg.yaml interfaces: matching timers check clean; without the yaml the BIRD side cannot pair', () => {
  assert.deepEqual(ospfCodes(fixture(YAML)).filter((g) => g.code !== 'ospf/passive-peer'), []);
  const unpaired = ospfCodes(fixture('devices: []', 'hello 5;'));
  assert.deepEqual(unpaired.filter((g) => g.code === 'ospf/timer-mismatch'), []);
});

test('netcfg.yaml interfaces: an address without prefix length is a config/invalid-value at its own range', () => {
  const got = ospfCodes(fixture(`devices:\n  - file: bird.conf\n    interfaces:\n      eth0: 10.9.0.2\n`));
  assert.deepEqual(got.map((g) => `${g.file} ${g.code} ${g.text}`), ['netcfg.yaml config/invalid-value 10.9.0.2']);
});
