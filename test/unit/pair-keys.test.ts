// The pair keys of a device (analysis/pairing.ts `pairKeys`) are canonical addresses and networks, whichever way a
// config writes them: the fast path that keeps an already canonical IPv4 address as it is, and the bigint-free
// network of an IPv4 address, must give what `model.canonicalAddress` / `model.networkOf` give.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as model from '../../server/src/model';
import { PairIndex, pairKeys } from '../../server/src/analysis/pairing';
import { createLanguageService } from '../../server/src/service';

function device(text: string, uri: string): model.Device {
  const s = createLanguageService();
  s.setDocument(uri, text, 1);
  return s.getDevice(uri)!;
}

const HUB =
  'hostname hub\n' +
  'interface GigabitEthernet1\n ip address 010.000.001.001 255.255.255.0\n' +
  'interface GigabitEthernet2\n ip address 192.168.100.254 255.255.255.128\n ip ospf 1 area 0\n' +
  'interface Tunnel0\n ip address 172.16.0.1 255.255.255.0\n tunnel source GigabitEthernet1\n tunnel mode gre multipoint\n' +
  'router ospf 1\n network 192.168.100.128 0.0.0.127 area 0\n';

test('pairKeys: canonical owned addresses in model order, and canonical link networks and probes', () => {
  const keys = pairKeys(device(HUB, 'file:///w/hub.ios'));
  assert.deepEqual(keys.owned, ['10.0.1.1', '192.168.100.254', '172.16.0.1']);
  assert.ok(keys.links.has('172.16.0.0/24'), [...keys.links].join());
  assert.ok(keys.links.has('192.168.100.128/25'), [...keys.links].join());
  assert.equal(keys.linkProbes.size, 15, 'lengths 17 to 32 but its own 25');
  // Every probe is the network model.networkOf gives for an OSPF address at another length.
  for (const p of keys.linkProbes) {
    const [net, len] = p.split('/');
    assert.equal(model.networkOf(net, Number(len)), p);
  }
});

test('pairKeys: an address written with leading zeros pairs with the same address written plainly', () => {
  const spoke =
    'hostname spoke\ninterface GigabitEthernet1\n ip address 10.0.2.1 255.255.255.0\n' +
    'crypto isakmp key K address 10.0.1.1\ncrypto map M 10 ipsec-isakmp\n set peer 10.0.1.1\n';
  const index = new PairIndex();
  index.set('file:///w/hub.ios', pairKeys(device(HUB, 'file:///w/hub.ios')));
  index.set('file:///w/spoke.ios', pairKeys(device(spoke, 'file:///w/spoke.ios')));
  assert.deepEqual([...index.partners('file:///w/spoke.ios')], ['file:///w/hub.ios']);
  assert.deepEqual([...index.partners('file:///w/hub.ios')], ['file:///w/spoke.ios']);
  assert.deepEqual(index.ownersOf('10.0.1.1'), ['file:///w/hub.ios']);
});

test('canonical addresses: the fast path and model.canonicalAddress agree on dotted quads of every form', () => {
  // Through pairKeys: one interface address per sample, read back canonical.
  const samples = ['10.0.0.1', '010.0.0.1', '0.0.0.0', '255.255.255.255', '1.2.3.04', '199.200.249.250', '00.1.2.3', '9.99.199.249'];
  const text = 'hostname r\n' + samples.map((a, i) => `interface GigabitEthernet${i}\n ip address ${a} 255.255.255.0\n`).join('');
  const keys = pairKeys(device(text, 'file:///w/r.ios'));
  assert.deepEqual(keys.owned, samples.map((a) => model.canonicalAddress(a)));
});
