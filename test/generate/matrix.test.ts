// Issue 19: for each source dialect x target x scenario, the generated peer parses clean, pairs with the source,
// raises no cross-file warning or error between the two, and re-generating from it gives back the source's spec.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SEED001 } from '../ios/seeds';
import { crossFindings, example, generate, mirror, regenerate, syntaxFindings, verdictFile, type Source } from './harness';
import type { PeerSpec, TargetId } from '../../server/src/generate/spec';

const IPSEC_TARGETS: TargetId[] = ['cisco-ios', 'cisco-asa', 'routeros6', 'routeros7', 'openbsd'];
const OSPF_TARGETS: TargetId[] = ['cisco-ios', 'cisco-asa', 'routeros6', 'routeros7', 'bird'];

export const SOURCES: Source[] = [
  { name: 'r1-ios', files: [example('site-to-site-ios-routeros/r1.ios')], peer: '10.0.0.2', targets: IPSEC_TARGETS, weak: true },
  { name: 'seed001-ios', files: [['seed001.ios', SEED001]], peer: '10.0.0.2', targets: IPSEC_TARGETS, weak: true },
  { name: 'mikrotik-routeros', files: [example('site-to-site-ios-routeros/mikrotik.rsc')], peer: '192.168.23.3', targets: IPSEC_TARGETS, weak: true },
  { name: 'openbsd-meraki', files: [example('openbsd-meraki/ipsec.conf')], peer: '198.51.100.20', targets: IPSEC_TARGETS, weak: true },
  { name: 'asa-cryptomap', files: [verdictFile('asa-ios-cryptomap-ikev1-3des-cisco-debugs/asa.asa')], peer: '10.0.0.2', targets: IPSEC_TARGETS, weak: true },
  { name: 'flexvpn-ikev2-vti', files: [verdictFile('ios-ios-flexvpn-ikev2-default-proposal-routeseeker/r1.ios')], peer: '25.2.2.1', targets: ['cisco-ios'] },
  { name: 'godzilla-ikev1-vti', files: [verdictFile('ios-ios-vti-ikev1-static-routes-gns3vault/godzilla.ios')], peer: '192.168.23.3', targets: ['cisco-ios'], weak: true },
  { name: 'dmvpn-hub1', files: [example('dmvpn-dual-hub/hub1.ios')], peer: '10.4.5.1', targets: ['cisco-ios'] },
  { name: 'l2tp-server', files: [example('l2tp-ipsec-routeros/l2tp-server.rsc')], peer: '198.51.100.2', targets: ['routeros6', 'routeros7'], weak: true },
  { name: 'bird-ospf', files: [example('bird-ospf/bird.conf')], peer: '10.50.0.3', targets: OSPF_TARGETS, weak: true },
  { name: 'core-ios-ospf', files: [example('bird-ospf/core.ios')], peer: '10.50.0.1', targets: OSPF_TARGETS, weak: true },
];

function sameIpsec(a: PeerSpec, b: PeerSpec): void {
  assert.ok(a.ipsec && b.ipsec, 'both sides have IPsec');
  assert.equal(b.ipsec.ikeVersion, a.ipsec.ikeVersion, 'IKE version');
  assert.deepEqual(b.ipsec.phase1, a.ipsec.phase1, 'phase 1');
  assert.deepEqual(b.ipsec.phase2, a.ipsec.phase2, 'phase 2');
  assert.equal(b.ipsec.pfs, a.ipsec.pfs, 'PFS');
  assert.equal(b.ipsec.phase2Lifetime, a.ipsec.phase2Lifetime, 'phase-2 lifetime');
  assert.equal(b.ipsec.psk.value, a.ipsec.psk.value, 'the same key both ways');
}

/**
 * Known false findings of the existing pair checks, not of the generated text: an ASA crypto map entry whose ACL
 * has a tcp and an icmp line becomes two OpenBSD `ike` rules (isakmpd negotiates one flow per rule over one phase 1),
 * but ipsec/match.ts pairs the entry with one of the two rules only, so the other selector looks unmirrored.
 */
const KNOWN: Record<string, string> = {};

function sameL2tp(g: ReturnType<typeof generate>): void {
  const peer = g.svc.getDevice(g.genUri)!.ipsecPeers.find((p) => p.remote?.value === g.spec.remote);
  assert.ok(peer, 'the client has an IPsec peer for the server');
  const s = g.spec.ipsec!;
  assert.ok(peer.phase1.some((p) => p.encryption.value.includes(s.phase1.encryption) && p.hash.value.includes(s.phase1.hash) && p.dh.value.includes(s.phase1.dh)), 'phase 1');
  assert.ok(peer.phase2.some((p) => p.encryption.value.includes(s.phase2.encryption) && p.integrity.value.includes(s.phase2.integrity) && p.mode.value === 'transport'), 'phase 2');
  assert.equal(peer.pfs.value, s.pfs, 'PFS');
  assert.equal(peer.psk?.secret.plain, s.psk.value, 'the same key');
}

/** A spoke is not a source (no hub is generated from it): its model must carry the hub's tunnel, IPsec and OSPF. */
function sameSpoke(g: ReturnType<typeof generate>): void {
  const dev = g.svc.getDevice(g.genUri)!;
  const itf = dev.interfaces.find((i) => i.name === 'Tunnel0');
  assert.ok(itf?.tunnel, 'the spoke has Tunnel0');
  const t = itf.tunnel;
  assert.deepEqual([t.mode.value, t.key?.value, t.nhrp?.networkId?.value, t.nhrp?.nhs.map((n) => n.value), t.nhrp?.maps.map((m) => [m.tunnelAddress, m.nbma])], ['mgre', g.spec.tunnel!.key, g.spec.nhrp!.networkId, [g.spec.nhrp!.nhs], [[g.spec.nhrp!.nhs, g.spec.nhrp!.nbma]]]);
  const peer = dev.ipsecPeers.find((p) => p.id === 'tunnel:Tunnel0');
  assert.ok(peer, 'the spoke protects its tunnel');
  const s = g.spec.ipsec!;
  assert.deepEqual([peer.phase1[0].encryption.value, peer.phase1[0].hash.value, peer.phase1[0].dh.value], [[s.phase1.encryption], [s.phase1.hash], [s.phase1.dh]], 'phase 1');
  assert.deepEqual([peer.phase2[0].encryption.value, peer.phase2[0].integrity.value, peer.phase2[0].mode.value, peer.pfs.value, peer.phase2Lifetime?.value], [[s.phase2.encryption], [s.phase2.integrity], s.phase2.mode, s.pfs, s.phase2Lifetime]);
  assert.equal(peer.psk?.secret.plain, s.psk.value, 'the same key');
  const o = dev.ospfInterfaces.find((x) => x.interfaceName === 'Tunnel0');
  assert.ok(o, 'the spoke runs OSPF on its tunnel');
  assert.deepEqual([o.area.value, o.networkType.value, o.hello.value, o.dead.value, o.priority.value], [g.spec.ospf!.area, g.spec.ospf!.networkType, g.spec.ospf!.hello, g.spec.ospf!.dead, 0]);
}

for (const src of SOURCES) {
  describe(`generate from ${src.name}`, () => {
    for (const target of src.targets) {
      it(`to ${target}`, (t) => {
        const g = generate(src, target);
        if (KNOWN[`${src.name} ${target}`]) return t.todo(KNOWN[`${src.name} ${target}`]);
        assert.deepEqual(syntaxFindings(g), [], `syntax findings in the generated ${target} text:\n${g.text}`);
        assert.ok(g.svc.partners(g.sourceUri).includes(g.genUri), `the generated ${target} device pairs with ${src.name}:\n${g.text}`);
        assert.deepEqual(crossFindings(g, !!src.weak), [], `cross-file findings:\n${g.text}`);
        if (g.spec.scenario.kind === 'l2tp-client') return sameL2tp(g);
        if (g.spec.scenario.kind === 'dmvpn-spoke') return sameSpoke(g);
        const back = regenerate(g, src);
        // A BIRD end names no address on its link, only the link's prefix.
        if (back.remote.includes('/')) assert.ok(back.remote === g.spec.ospf?.prefix, 'the link comes back');
        else assert.equal(back.remote, g.spec.local, 'seen from the generated side, the source targets the generated address');
        if (g.spec.ipsec) {
          sameIpsec(g.spec, back);
          if (g.spec.scenario.kind === 'site-to-site') assert.deepEqual(back.ipsec!.selectors, mirror(g.spec.ipsec!.selectors), 'mirrored selectors');
        }
        if (g.spec.tunnel?.key) assert.equal(back.tunnel?.key, g.spec.tunnel.key, 'tunnel key');
        if (g.spec.ospf) {
          assert.ok(back.ospf, 'OSPF comes back');
          for (const k of ['area', 'areaType', 'networkType', 'hello', 'dead'] as const) assert.equal(back.ospf[k], g.spec.ospf[k], `OSPF ${k}`);
          assert.equal(back.ospf.auth.type, g.spec.ospf.auth.type, 'OSPF authentication');
          assert.equal(back.ospf.auth.key?.value, g.spec.ospf.auth.key?.value, 'OSPF key');
        }
      });
    }
  });
}
