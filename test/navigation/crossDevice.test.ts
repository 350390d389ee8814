// Go to definition and find references across devices, through the service's address index: a peer address leads
// to the interface owning it on the other device, an interface address to every statement that targets it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getDefinition, getReferences } from '../../server/src/features/navigation';
import { createLanguageService } from '../../server/src/service';
import { loadExamples, pos, textAt, where } from './helpers';

const HUB1 = 'file:///ex/dmvpn-dual-hub/hub1.ios';
const HUB2 = 'file:///ex/dmvpn-dual-hub/hub2.ios';
const SPOKE1 = 'file:///ex/dmvpn-dual-hub/spoke1.ios';
const text = (s: ReturnType<typeof loadExamples>, uri: string) => s.getDocument(uri)!.text;

test('DMVPN dual hub: a spoke\'s NHS, NHRP map and tunnel destination lead to the hub interfaces that own them', () => {
  const s = loadExamples('dmvpn-dual-hub');
  const t = text(s, SPOKE1);
  const nhs = getDefinition(s, SPOKE1, pos(t, 'ip nhrp nhs 10.0.0.1', '10.0.0.1'));
  assert.deepEqual(nhs.map(where), ['hub1.ios:25:12-34']);
  assert.equal(textAt(s, nhs[0]), '10.0.0.1 255.255.255.0');
  // The second tunnel's NHS is hub2's.
  assert.deepEqual(getDefinition(s, SPOKE1, pos(t, 'ip nhrp nhs 10.1.1.1', '10.1.1.1')).map((l) => textAt(s, l) + '@' + l.uri.slice(-8)), ['10.1.1.1 255.255.255.0@hub2.ios']);
  // `ip nhrp map 10.0.0.1 10.4.0.1`: the tunnel address goes to the hub's tunnel, the NBMA address to its underlay.
  const mapT = getDefinition(s, SPOKE1, pos(t, 'ip nhrp map 10.0.0.1', '10.0.0.1'));
  assert.deepEqual(mapT.map((l) => textAt(s, l)), ['10.0.0.1 255.255.255.0']);
  const mapN = getDefinition(s, SPOKE1, pos(t, 'ip nhrp map 10.0.0.1', '10.4.0.1'));
  assert.deepEqual(mapN.map((l) => `${l.uri.slice(-8)} ${textAt(s, l)}`), ['hub1.ios 10.4.0.1 255.255.255.0']);
  const dest = getDefinition(s, SPOKE1, pos(t, 'tunnel destination 10.4.1.1', '10.4.1.1'));
  assert.deepEqual(dest.map((l) => `${l.uri.slice(-8)} ${textAt(s, l)}`), ['hub2.ios 10.4.1.1 255.255.255.0']);
  // OSPF `neighbor 10.0.0.1` under router ospf.
  const nb = getDefinition(s, SPOKE1, pos(t, 'neighbor 10.0.0.1', '10.0.0.1'));
  assert.deepEqual(nb.map((l) => l.uri.slice(-8)), ['hub1.ios']);
  // A word that is no address leads nowhere.
  assert.deepEqual(getDefinition(s, SPOKE1, pos(t, 'description Underlay', 'Underlay')), []);
});

test('on a tunnel interface, go to definition offers the other ends', () => {
  const s = loadExamples('dmvpn-dual-hub');
  const spokeEnds = getDefinition(s, SPOKE1, pos(text(s, SPOKE1), 'interface Tunnel1', 'Tunnel1'));
  assert.deepEqual(spokeEnds.map((l) => `${l.uri.slice(-8)} ${textAt(s, l)}`), ['hub2.ios Tunnel1']);
  const hubEnds = getDefinition(s, HUB1, pos(text(s, HUB1), 'interface Tunnel0', 'Tunnel0'));
  assert.deepEqual(hubEnds.map((l) => `${l.uri.replace(/^.*\//, '')} ${textAt(s, l)}`).sort(), ['spoke1.ios Tunnel0', 'spoke2.ios Tunnel0']);
});

test('find references on a hub\'s tunnel address lists every spoke statement that targets it', () => {
  const s = loadExamples('dmvpn-dual-hub');
  const t = text(s, HUB1);
  const refs = getReferences(s, HUB1, pos(t, 'ip address 10.0.0.1', '10.0.0.1'), false);
  const lines = refs.map((l) => `${l.uri.replace(/^.*\//, '')} ${s.getDocument(l.uri)!.text.split('\n')[l.range.start.line].trim()} [${textAt(s, l)}]`);
  assert.deepEqual(lines, [
    'spoke1.ios ip nhrp map 10.0.0.1 10.4.0.1 [10.0.0.1]',
    'spoke1.ios ip nhrp nhs 10.0.0.1 [10.0.0.1]',
    'spoke1.ios neighbor 10.0.0.1 [10.0.0.1]',
    'spoke2.ios ip nhrp map 10.0.0.1 10.4.0.1 [10.0.0.1]',
    'spoke2.ios ip nhrp nhs 10.0.0.1 [10.0.0.1]',
    'spoke2.ios neighbor 10.0.0.1 [10.0.0.1]',
  ]);
  const withDecl = getReferences(s, HUB1, pos(t, 'ip address 10.0.0.1', '10.0.0.1'), true);
  assert.equal(withDecl.length, 7);
  assert.ok(withDecl.some((l) => l.uri === HUB1));
  // The underlay address: the spokes' tunnel destinations, NHRP map NBMA addresses and IPsec peers (same token).
  const under = getReferences(s, HUB1, pos(t, 'ip address 10.4.0.1', '10.4.0.1'), false);
  // ip nhrp map (line 29) and tunnel destination (line 36, also the tunnel protection's IPsec peer) on each spoke.
  assert.deepEqual(under.map((l) => `${l.uri.replace(/^.*\//, '')}:${l.range.start.line}`), ['spoke1.ios:29', 'spoke1.ios:36', 'spoke1.ios:36', 'spoke2.ios:29', 'spoke2.ios:36', 'spoke2.ios:36']);
  assert.ok(under.every((l) => textAt(s, l) === '10.4.0.1'));
});

test('IOS ↔ RouterOS: set peer, isakmp key address and RouterOS address= each lead to the other side', () => {
  const s = loadExamples('site-to-site-ios-routeros');
  const R1 = 'file:///ex/site-to-site-ios-routeros/r1.ios';
  const MT = 'file:///ex/site-to-site-ios-routeros/mikrotik.rsc';
  const r1 = text(s, R1);
  const mt = text(s, MT);
  const peer = getDefinition(s, R1, pos(r1, 'set peer 10.0.0.2', '10.0.0.2'));
  assert.deepEqual(peer.map((l) => `${l.uri.slice(-12)} ${textAt(s, l)}`), ['mikrotik.rsc 10.0.0.2/24']);
  const key = getDefinition(s, R1, pos(r1, 'crypto isakmp key', '10.0.0.2'));
  assert.deepEqual(key.map((l) => textAt(s, l)), ['10.0.0.2/24']);
  const back = getDefinition(s, MT, pos(mt, 'add address=192.168.23.3/32', '192.168.23.3'));
  assert.deepEqual(back.map((l) => `${l.uri.replace(/^.*\//, '')} ${textAt(s, l)}`), ['r1.ios 192.168.23.3 255.255.255.0']);
  // References on the MikroTik's ether1 address: the crypto map peer and the key on r1.
  const refs = getReferences(s, MT, pos(mt, 'address=10.0.0.2/24', '10.0.0.2'), false);
  assert.deepEqual(refs.map((l) => `${l.uri.replace(/^.*\//, '')} ${textAt(s, l)}`), ['r1.ios 10.0.0.2', 'r1.ios 10.0.0.2']);
  assert.notEqual(refs[0].range.start.line, refs[1].range.start.line);
});

test('OpenBSD peer and BIRD neighbors lead to the owner; a copy of an address in another folder is not chosen', () => {
  const s = createLanguageService();
  const A = 'file:///w/site/a.ipsec.conf';
  const B = 'file:///w/site/b.ipsec.conf';
  s.setDocument(A, 'ike esp from 10.1.0.0/16 to 10.2.0.0/16 local 192.0.2.1 peer 198.51.100.2 \\\n\tmain auth hmac-sha2-256 enc aes-256 group modp2048 \\\n\tquick auth hmac-sha2-256 enc aes-256 group modp2048 psk "k-aaaaaaaa"\n', 1);
  s.setDocument(B, 'ike esp from 10.2.0.0/16 to 10.1.0.0/16 local 198.51.100.2 peer 192.0.2.1 \\\n\tmain auth hmac-sha2-256 enc aes-256 group modp2048 \\\n\tquick auth hmac-sha2-256 enc aes-256 group modp2048 psk "k-aaaaaaaa"\n', 1);
  const a = s.getDocument(A)!.text;
  const d = getDefinition(s, A, pos(a, 'peer 198', '198.51.100.2'));
  assert.deepEqual(d.map(where), ['b.ipsec.conf:0:46-58']);
  const BIRD = 'file:///w/site/bird.conf';
  const IOS = 'file:///w/site/core.ios';
  s.setDocument(BIRD, 'router id 10.255.0.1;\nprotocol ospf v2 o1 {\n\tarea 0 {\n\t\tinterface "eth0" 10.9.0.0/24 {\n\t\t\ttype nbma;\n\t\t\tneighbors {\n\t\t\t\t10.9.0.2 eligible;\n\t\t\t};\n\t\t};\n\t};\n}\n', 1);
  s.setDocument(IOS, 'hostname core\ninterface GigabitEthernet0/0\n ip address 10.9.0.2 255.255.255.0\n ip ospf network non-broadcast\nrouter ospf 1\n network 10.9.0.0 0.0.0.255 area 0\n neighbor 10.9.0.1\n', 1);
  s.setDocument('file:///w/other/copy.ios', 'hostname copy\ninterface GigabitEthernet0/0\n ip address 10.9.0.2 255.255.255.0\n', 1);
  const b = s.getDocument(BIRD)!.text;
  const n = getDefinition(s, BIRD, pos(b, '10.9.0.2 eligible', '10.9.0.2'));
  assert.deepEqual(n.map((l) => `${l.uri} ${textAt(s, l)}`), [`${IOS} 10.9.0.2 255.255.255.0`]);
});

test('statements the model does not keep: BIRD BGP `neighbor` and RouterOS `sa-dst-address=` go to the owner by the address under the cursor', () => {
  const s = createLanguageService();
  const BIRD = 'file:///w/lab/edge.conf';
  const IOS = 'file:///w/lab/r2.ios';
  const ROS = 'file:///w/lab/m1.rsc';
  s.setDocument(IOS, 'hostname r2\ninterface GigabitEthernet0/0\n ip address 192.0.2.2 255.255.255.0\n', 1);
  s.setDocument(BIRD, 'router id 192.0.2.1;\nprotocol bgp upstream {\n\tlocal 192.0.2.1 as 65000;\n\tneighbor 192.0.2.2 as 65001;\n\tipv4 { import all; export none; };\n}\n', 1);
  s.setDocument(ROS, '# jan/01/2020 by RouterOS 6.47\n/ip ipsec policy\nadd dst-address=10.2.0.0/24 sa-dst-address=192.0.2.2 sa-src-address=0.0.0.0 src-address=10.1.0.0/24 tunnel=yes\n', 1);
  const b = s.getDocument(BIRD)!.text;
  assert.deepEqual(getDefinition(s, BIRD, pos(b, 'neighbor 192.0.2.2', '192.0.2.2')).map((l) => `${l.uri} ${textAt(s, l)}`), [`${IOS} 192.0.2.2 255.255.255.0`]);
  const r = s.getDocument(ROS)!.text;
  assert.deepEqual(getDefinition(s, ROS, pos(r, 'sa-dst-address=192.0.2.2', '192.0.2.2')).map((l) => l.uri), [IOS]);
  // An address the device owns itself, or a subnet, leads nowhere.
  assert.deepEqual(getDefinition(s, BIRD, pos(b, 'local 192.0.2.1', '192.0.2.1')), []);
  assert.deepEqual(getDefinition(s, ROS, pos(r, 'dst-address=10.2.0.0/24', '10.2.0.0')), []);
});
