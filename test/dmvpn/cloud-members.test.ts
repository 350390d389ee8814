// Members of one mGRE cloud are neighbours of their hub, not of each other (interop-rules errata §0): DMVPN phase 2/3
// spokes with `tunnel mode gre multipoint` share the tunnel subnet, yet pair only with the hub.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertNoErrors, loadFixture } from '../helpers/fixture';

const hub = `//- hub.ios
hostname HUB
interface Tunnel0
 ip address 172.16.0.1 255.255.255.0
 ip nhrp network-id 10
 ip nhrp map multicast dynamic
 ip nhrp redirect
 ip ospf network broadcast
 ip ospf priority 255
 tunnel source GigabitEthernet1
 tunnel mode gre multipoint
 tunnel key 10
interface GigabitEthernet1
 ip address 203.0.113.1 255.255.255.0
router ospf 1
 network 172.16.0.0 0.0.0.255 area 0
`;
const spoke = (n: number, area = '0') => `//- spoke${n}.ios
hostname SPOKE${n}
interface Tunnel0
 ip address 172.16.0.${n + 10} 255.255.255.0
 ip nhrp network-id 10
 ip nhrp nhs 172.16.0.1 nbma 203.0.113.1 multicast
 ip nhrp shortcut
 ip ospf network broadcast
 ip ospf priority 0
 tunnel source GigabitEthernet1
 tunnel mode gre multipoint
 tunnel key 10
interface GigabitEthernet1
 ip address 198.51.100.${n} 255.255.255.0
router ospf 1
 network 172.16.0.0 0.0.0.255 area ${area}
`;

test('phase 3 spokes pair with the hub only, and the cloud checks clean', () => {
  const { service, files } = loadFixture(hub + spoke(1) + spoke(2) + spoke(3));
  const uri = (name: string) => files.find((f) => f.name === name)!.uri;
  assert.deepEqual(service.partners(uri('spoke1.ios')), [uri('hub.ios')]);
  assert.deepEqual(service.partners(uri('hub.ios')).sort(), [uri('spoke1.ios'), uri('spoke2.ios'), uri('spoke3.ios')].sort());
  assertNoErrors(service, files.map((f) => f.uri));
});

test('a spoke in the wrong area is reported against the hub only, never against the other spokes', () => {
  const { service, files } = loadFixture(hub + spoke(1, '1') + spoke(2) + spoke(3));
  const byFile = (name: string) => service.getFindings(files.find((f) => f.name === name)!.uri).filter((f) => f.code === 'ospf/area-mismatch');
  assert.equal(byFile('spoke1.ios').length, 1);
  assert.match(byFile('spoke1.ios')[0].message, /HUB/);
  assert.equal(byFile('hub.ios').length, 1);
  assert.deepEqual(byFile('spoke2.ios'), []);
  assert.deepEqual(byFile('spoke3.ios'), []);
});
