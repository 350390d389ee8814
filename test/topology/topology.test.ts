// getTopology over real configs: the seed-004 DMVPN dual hub (clean, then one spoke's tunnel key broken), the
// IOS↔RouterOS example with its PSK mismatch, an OpenBSD ↔ netcfg.yaml external peer, and a generated
// 1,000-device fleet — exact devices, links, endpoints, verdicts and the findings on each link.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { getTopology } from '../../server/src/features/topology';
import { loadFixture } from '../helpers/fixture';
import { dualHub, fixture } from '../dmvpn/seed004';
import { loadFolder, ROOT, summary } from './helpers';

const dual = (r2 = dualHub.spoke(2)) => fixture({ 'r0.ios': dualHub.r0, 'r1.ios': dualHub.r1, 'r2.ios': r2, 'r3.ios': dualHub.spoke(3) });

const DUAL_DEVICES = ['R0 cisco-ios r0.ios:1', 'R1 cisco-ios r1.ios:1', 'R2 cisco-ios r2.ios:1', 'R3 cisco-ios r3.ios:1'];
const dualLinks = (r0r2: string) => [
  `dmvpn R0:interface Tunnel0(hub)@r0.ios:14 — R2:interface Tunnel0(spoke)@r2.ios:26 ${r0r2}`,
  'dmvpn R0:interface Tunnel0(hub)@r0.ios:14 — R3:interface Tunnel0(spoke)@r3.ios:26 ok',
  'dmvpn R1:interface Tunnel1(hub)@r1.ios:14 — R2:interface Tunnel1(spoke)@r2.ios:39 ok',
  'dmvpn R1:interface Tunnel1(hub)@r1.ios:14 — R3:interface Tunnel1(spoke)@r3.ios:39 ok',
  'ospf R0:FastEthernet2/0 area 0.0.0.10@r0.ios:35 — R1:FastEthernet2/0 area 0.0.0.10@r1.ios:35 area 0.0.0.10 ok',
  'ospf R0:Tunnel0 area 0.0.0.10@r0.ios:33 — R2:Tunnel0 area 0.0.0.10@r2.ios:49 area 0.0.0.10 ok',
  'ospf R0:Tunnel0 area 0.0.0.10@r0.ios:33 — R3:Tunnel0 area 0.0.0.10@r3.ios:49 area 0.0.0.10 ok',
  'ospf R1:Tunnel1 area 0.0.0.10@r1.ios:34 — R2:Tunnel1 area 0.0.0.10@r2.ios:50 area 0.0.0.10 ok',
  'ospf R1:Tunnel1 area 0.0.0.10@r1.ios:34 — R3:Tunnel1 area 0.0.0.10@r3.ios:50 area 0.0.0.10 ok',
];

test('seed 004 dual hub: two hubs, two spokes, a DMVPN link per hub and spoke, OSPF over each tunnel and the shared LAN, all ok', () => {
  const t = summary(getTopology(loadFixture(dual()).service));
  assert.deepEqual(t.devices, DUAL_DEVICES);
  // No spoke↔spoke adjacency: two NHRP clients of one cloud talk through the hub.
  assert.deepEqual(t.links, dualLinks('ok'));
});

test('seed 004 dual hub with a spoke on the wrong tunnel key: only that hub↔spoke link fails, with the finding on both ends', () => {
  const broken = dualHub.spoke(2).replace('tunnel key 1', 'tunnel key 7');
  assert.notEqual(broken, dualHub.spoke(2));
  const t = summary(getTopology(loadFixture(dual(broken)).service));
  assert.deepEqual(t.devices, DUAL_DEVICES);
  assert.deepEqual(t.links, dualLinks('error dmvpn/tunnel-key-mismatch@r2.ios:27 dmvpn/tunnel-key-mismatch@r0.ios:22'));
});

test('IOS ↔ RouterOS example: one IPsec link between the crypto map and the RouterOS peer, failing on the PSK, secret masked', () => {
  const service = loadFolder(path.join(ROOT, 'examples/site-to-site-ios-routeros'));
  const topo = getTopology(service);
  const t = summary(topo);
  assert.deepEqual(t.devices, ['mikrotik routeros mikrotik.rsc:32', 'r1 cisco-ios r1.ios:11']);
  assert.deepEqual(t.links, ['ipsec-crypto-map mikrotik:/ip ipsec peer 192.168.23.3/32@mikrotik.rsc:25 — r1:crypto map MYCRYPTOMAP 10@r1.ios:26 error ipsec/psk-mismatch@mikrotik.rsc:25 ipsec/psk-mismatch@r1.ios:19']);
  // The keys of both files never reach the graph.
  const json = JSON.stringify(topo);
  for (const uri of service.uris()) for (const k of service.getDevice(uri)!.keys) if (k.secret.plain && k.secret.plain.length > 3) assert.ok(!json.includes(k.secret.plain), `secret of ${uri} in the topology`);
});

test('OpenBSD ↔ netcfg.yaml external peer: an external link to the yaml peer, located in the yaml', () => {
  const t = summary(getTopology(loadFolder(path.join(ROOT, 'examples/openbsd-meraki'))));
  assert.deepEqual(t.devices, ['ipsec.conf openbsd-ipsec ipsec.conf:1', 'meraki-mx60 external netcfg.yaml:7']);
  assert.deepEqual(t.links, ['external ipsec.conf:ike rule line 14(initiator)@ipsec.conf:15 — meraki-mx60:netcfg.yaml peer meraki-mx60@netcfg.yaml:10 ok']);
});

test('a crypto map to an address no device owns: a link to an unknown peer', () => {
  const { service } = loadFixture(`//- a.ios
hostname A
crypto isakmp policy 10
 authentication pre-share
crypto isakmp key k1 address 203.0.113.9
crypto ipsec transform-set TS esp-aes esp-sha-hmac
crypto map M 10 ipsec-isakmp
 set peer 203.0.113.9
 set transform-set TS
 match address 101
access-list 101 permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255
interface GigabitEthernet0/0
 ip address 198.51.100.1 255.255.255.0
 crypto map M
`);
  const t = summary(getTopology(service));
  assert.deepEqual(t.devices, ['203.0.113.9 unknown', 'A cisco-ios a.ios:1']);
  assert.deepEqual(t.links, ['ipsec-crypto-map A:crypto map M 10@a.ios:7 — 203.0.113.9:203.0.113.9 unknown-peer']);
});

test('generated 1,000-device fleet: every hub↔spoke crypto map link, verdicts exact', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-topology-'));
  try {
    const gen = spawnGenerate(dir);
    assert.equal(gen, 1000);
    const topo = getTopology(loadFolder(dir, { batch: true }));
    const counts: Record<string, number> = {};
    for (const d of topo.devices) counts[d.dialect] = (counts[d.dialect] ?? 0) + 1;
    assert.deepEqual(counts, { 'cisco-asa': 100, 'cisco-ios': 900, unknown: 107 });
    const byVerdict: Record<string, number> = {};
    for (const l of topo.links) byVerdict[`${l.kind} ${l.verdict}`] = (byVerdict[`${l.kind} ${l.verdict}`] ?? 0) + 1;
    assert.deepEqual(byVerdict, { 'ipsec-crypto-map ok': 793, 'ipsec-crypto-map unknown-peer': 114 });
    // One link per hub↔spoke pair, whichever end it is seen from.
    const ids = new Set(topo.links.map((l) => l.id));
    assert.equal(ids.size, topo.links.length);
    const r11 = topo.links.filter((l) => l.a.device.endsWith('/r11.ios') || l.b.device.endsWith('/r11.ios'));
    assert.deepEqual(r11.map((l) => `${topo.devices.find((d) => d.id === l.a.device)!.name}:${l.a.label} — ${topo.devices.find((d) => d.id === l.b.device)!.name}:${l.b.label} ${l.verdict}`), ['r10:crypto map VPN 10 — r11:crypto map VPN 10 ok']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function spawnGenerate(dir: string): number {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `import('${path.join(ROOT, 'bench/generate.mjs')}').then(m => console.log(m.generate(${JSON.stringify(dir)}, { devices: 1000, lines: 100000 }).files))`], { encoding: 'utf8' });
  return Number(out.trim());
}
