// Issue 19: the PeerSpec extract.ts builds: strongest common proposal, notes on weak choices, mirrored addresses,
// the placeholder secret (and that it is the only thing the two ends then disagree on).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractSpec, peerCandidates } from '../../server/src/generate/extract';
import { createLanguageService } from '../../server/src/service';
import { crossFindings, example, generate } from './harness';

function device(file: [string, string]) {
  const svc = createLanguageService();
  svc.setDocument(`file:///ws/${file[0]}`, file[1], 1);
  return svc.getDevice(`file:///ws/${file[0]}`)!;
}

describe('extractSpec', () => {
  it('mirrors addresses and selectors of r1 and notes its weak DH group', () => {
    const s = extractSpec(device(example('site-to-site-ios-routeros/r1.ios')), '10.0.0.2', { target: 'routeros7' });
    assert.deepEqual([s.local, s.remote, s.scenario], ['10.0.0.2', '192.168.23.3', { kind: 'site-to-site', binding: 'policy' }]);
    assert.deepEqual(s.ipsec!.selectors, [{ local: '192.168.88.0/24', remote: '192.168.0.0/24', protocol: 'ip', localPort: undefined, remotePort: undefined }]);
    assert.deepEqual(s.ipsec!.phase1, { encryption: 'aes-cbc-256', hash: 'sha1', dh: 'modp1024', lifetime: 86400 });
    assert.deepEqual(s.ipsec!.psk, { value: 'CHANGE-ME', placeholder: true });
    assert.ok(s.notes.includes('matches modp1024 from r1 (phase 1): change both ends'), s.notes.join('\n'));
    assert.equal(s.facts.lan, '192.168.88.0/24');
  });
  it('picks the strongest of what a RouterOS server offers', () => {
    const s = extractSpec(device(example('l2tp-ipsec-routeros/l2tp-server.rsc')), '198.51.100.2', { target: 'routeros6', includeSecrets: true });
    assert.deepEqual(s.ipsec!.phase1, { encryption: 'aes-cbc-256', hash: 'sha1', dh: 'modp2048', lifetime: 86400 });
    assert.equal(s.ipsec!.phase2.encryption, 'aes-cbc-256');
    assert.equal(s.ipsec!.psk.value, 'l2tp-lab-key');
    assert.ok(!s.notes.some((n) => /3DES|modp1024/.test(n)), 'no weak note when a strong choice exists');
  });
  it('follows 3DES from the OpenBSD/Meraki config and says so', () => {
    const s = extractSpec(device(example('openbsd-meraki/ipsec.conf')), '198.51.100.20', { target: 'cisco-asa' });
    assert.ok(s.notes.includes('matches 3DES/modp1024 from ipsec.conf (phase 1): change both ends'), s.notes.join('\n'));
  });
  it('refuses what the target cannot do', () => {
    const hub = device(example('dmvpn-dual-hub/hub1.ios'));
    assert.throws(() => extractSpec(hub, '10.4.5.1', { target: 'cisco-asa' }), /Cisco ASA is not a target for a DMVPN spoke/);
    assert.throws(() => extractSpec(hub, '10.4.0.1', { target: 'cisco-ios' }), /10\.4\.0\.1 is an address of hub1 itself/);
  });
  it('a DMVPN spoke gets the next free tunnel address, the key, NHRP and priority 0', () => {
    const s = extractSpec(device(example('dmvpn-dual-hub/hub1.ios')), '10.4.5.1', { target: 'cisco-ios' }, (a) => a === '10.0.0.2');
    assert.deepEqual(s.tunnel, { mode: 'mgre', address: '10.0.0.3', prefixLength: 24, remoteAddress: '10.0.0.1', key: '1', mtu: undefined });
    assert.deepEqual([s.nhrp!.nhs, s.nhrp!.nbma, s.nhrp!.networkId], ['10.0.0.1', '10.4.0.1', '1']);
    assert.deepEqual([s.ospf!.networkType, s.ospf!.priority, s.ospf!.neighbors, s.ospf!.hello], ['non-broadcast', 0, ['10.0.0.1'], 30]);
  });
});

describe('what is not a source', () => {
  it('a DMVPN spoke offers no peer to generate, and refuses its hub', () => {
    const g = generate({ name: 'hub1', files: [example('dmvpn-dual-hub/hub1.ios')], peer: '10.4.5.1', targets: [] }, 'cisco-ios');
    const spoke = g.svc.getDevice(g.genUri)!;
    assert.deepEqual(peerCandidates(spoke).filter((c) => c.kind === 'ipsec'), []);
    assert.throws(() => extractSpec(spoke, '10.4.0.1', { target: 'cisco-ios' }), /is a DMVPN spoke tunnel: netcfg generates spokes from a hub/);
  });
  it('an L2TP client offers no peer to generate', () => {
    const g = generate({ name: 'l2tp', files: [example('l2tp-ipsec-routeros/l2tp-server.rsc')], peer: '198.51.100.2', targets: [] }, 'routeros6');
    const client = g.svc.getDevice(g.genUri)!;
    assert.ok(client.ipsecPeers.some((p) => p.kind === 'l2tp'), 'the client has its dynamic peer');
    assert.deepEqual(peerCandidates(client).filter((c) => c.kind === 'ipsec'), []);
  });
});

describe('the placeholder secret', () => {
  it('is the one thing the two ends disagree on', () => {
    const g = generate({ name: 'r1', files: [example('site-to-site-ios-routeros/r1.ios')], peer: '10.0.0.2', targets: [] }, 'cisco-ios', false);
    assert.deepEqual([...new Set(crossFindings(g, true).map((l) => l.split(' ')[2]))], ['ipsec/psk-mismatch:']);
  });
});

describe('OSPF links offered to generate', () => {
  const R = `hostname r9
interface Loopback0
 ip address 10.9.9.1 255.255.255.0
interface GigabitEthernet0/0
 ip address 10.20.0.1 255.255.255.0
interface GigabitEthernet0/1
 ip address 10.30.0.1 255.255.255.0
 shutdown
interface GigabitEthernet0/2
 ip address 10.40.0.1 255.255.255.0
router ospf 1
 network 10.9.9.0 0.0.0.255 area 0
 network 10.20.0.0 0.0.0.255 area 0
 network 10.30.0.0 0.0.0.255 area 0
 network 10.40.0.0 0.0.0.255 area 0
 passive-interface GigabitEthernet0/2
`;
  it('a link that can have a neighbour only: no loopback (a /24 on a loopback is still a host route), no shut interface, no passive one', () => {
    const d = device(['r9.ios', R]);
    assert.deepEqual(
      d.ospfInterfaces.map((o) => [o.interfaceName, o.networkType.value, o.passive.value]),
      [
        ['Loopback0', 'loopback', false],
        ['GigabitEthernet0/0', 'broadcast', false],
        ['GigabitEthernet0/1', 'broadcast', false],
        ['GigabitEthernet0/2', 'broadcast', true],
      ],
    );
    assert.deepEqual(
      peerCandidates(d).filter((c) => c.kind === 'ospf-link').map((c) => c.label),
      ['OSPF on GigabitEthernet0/0 (10.20.0.0/24)'],
    );
  });
  it('an address asked for on such a link is refused with the reason', () => {
    const d = device(['r9.ios', R]);
    assert.throws(() => extractSpec(d, '10.9.9.2', { target: 'cisco-ios' }), /Loopback0 is OSPF network type loopback: it forms no adjacency/);
    assert.throws(() => extractSpec(d, '10.30.0.2', { target: 'cisco-ios' }), /GigabitEthernet0\/1 is shut down by configuration/);
    assert.throws(() => extractSpec(d, '10.40.0.2', { target: 'cisco-ios' }), /GigabitEthernet0\/2 is a passive OSPF interface/);
    assert.equal(extractSpec(d, '10.20.0.2', { target: 'cisco-ios' }).scenario.kind, 'ospf-neighbor');
  });
});
