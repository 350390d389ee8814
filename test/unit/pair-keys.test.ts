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

test('PairIndex: owners of each address through growth, removals and re-adds, IPv6 and 0.0.0.0/255.255.255.255 included', () => {
  // The index keeps IPv4 owners in a table of its own (AddressBuckets); compared here with a plain Map of lists.
  const index = new PairIndex();
  const expected = new Map<string, string[]>();
  const ownedBy = new Map<string, string[]>();
  const keysOf = (owned: string[]) => ({ targets: new Set<string>(), owned, links: new Set<string>(), linkProbes: new Set<string>(), linkAddresses: new Map(), acceptsAny: false, scopes: [] });
  const setDevice = (uri: string, owned: string[] | undefined) => {
    for (const a of ownedBy.get(uri) ?? []) {
      const list = expected.get(a)!.filter((u) => u !== uri);
      if (list.length) expected.set(a, list);
      else expected.delete(a);
    }
    ownedBy.delete(uri);
    index.set(uri, owned && keysOf(owned));
    if (!owned) return;
    ownedBy.set(uri, owned);
    for (const a of owned) {
      const list = expected.get(a) ?? [];
      if (!list.includes(uri)) list.push(uri);
      expected.set(a, list);
    }
  };
  const special = ['0.0.0.0', '255.255.255.255', '2001:db8::1', '10.0.0.1'];
  for (let d = 0; d < 600; d++) {
    const owned: string[] = [];
    for (let k = 0; k < 20; k++) owned.push(`10.${d >> 8}.${d & 255}.${k}`); // own addresses: 12,000 keys, the table grows
    owned.push(`192.168.0.${d % 7}`, `172.16.${d % 3}.1`); // shared by many devices (a Set bucket)
    if (d % 100 === 0) owned.push(...special);
    setDevice(`file:///w/r${d}.ios`, owned);
  }
  // Remove every third device, change every fifth, then add some back: deleted slots are skipped and reused.
  for (let d = 0; d < 600; d += 3) setDevice(`file:///w/r${d}.ios`, undefined);
  for (let d = 0; d < 600; d += 5) setDevice(`file:///w/r${d}.ios`, [`10.200.${d & 255}.1`, '192.168.0.1', ...(d % 2 ? ['2001:db8::1'] : [])]);
  for (let d = 0; d < 600; d += 9) setDevice(`file:///w/r${d}.ios`, [`10.${d >> 8}.${d & 255}.0`, '255.255.255.255']);
  const sorted = (l: readonly string[]) => [...l].sort();
  for (const [a, owners] of expected) assert.deepEqual(sorted(index.ownersOf(a)), sorted(owners), a);
  for (const a of ['10.0.3.0', '10.9.9.9', '192.168.0.9', '2001:db8::2']) if (!expected.has(a)) assert.deepEqual(index.ownersOf(a), [], a);
  // A non-canonical spelling is a different key, as it always was (pairKeys canonicalises what it indexes).
  assert.deepEqual(index.ownersOf('010.0.1.1'), []);
  assert.deepEqual(index.ownersOf('10.0.1.1'), ['file:///w/r1.ios']);
  // Owners keep their insertion order within a bucket.
  assert.deepEqual(index.ownersOf('192.168.0.1'), expected.get('192.168.0.1'));
});
