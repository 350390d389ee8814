// Generated OSPF neighbours (issue 19) in BIRD 2, RouterOS v6 and RouterOS v7 for IOS, BIRD and RouterOS sources:
// the generated config pairs on the shared link, has no syntax finding (BIRD's own short-hello warning excepted when
// the source's hello is under 5 s with cryptographic authentication), no cross-file warning or error, and extracting
// the source's side back from it gives the same area, network type, timers and authentication.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractSpec, freeHost, GenerateError, peerCandidates } from '../../server/src/generate/extract';
import { TARGETS } from '../../server/src/generate/emit';
import type { OspfSpec, TargetId } from '../../server/src/generate/spec';
import * as model from '../../server/src/model';
import { createLanguageService } from '../../server/src/service';
import { crossProblems, isCrossFinding, loadPair, paired, readRepo, syntaxProblems } from './targets-harness';

interface OspfSource {
  id: string;
  uri: string;
  text: string;
  dialect: TargetId;
  targets: TargetId[];
}

/** IOS point-to-multipoint link (30/120 s timers by type, MD5 key id 7) in area 0. */
const IOS_PTMP = `! hub-ptmp: IOS OSPF point-to-multipoint link with MD5 authentication
hostname hub-ptmp
!
interface Loopback0
 ip address 10.255.0.70 255.255.255.255
!
interface GigabitEthernet0/1
 description OSPF point-to-multipoint segment
 ip address 10.70.0.1 255.255.255.0
 ip ospf network point-to-multipoint
 ip ospf authentication message-digest
 ip ospf message-digest-key 7 md5 ptmp-key
!
router ospf 10
 router-id 10.255.0.70
 passive-interface Loopback0
 network 10.70.0.0 0.0.0.255 area 0
 network 10.255.0.70 0.0.0.0 area 0
!
end
`;

/** RouterOS v7 point-to-point template in stub area 10 with HMAC-SHA-256 authentication. */
const ROS7_STUB = `# 2024-03-01 10:00:00 by RouterOS 7.12
# ros-core: OSPF in a stub area with SHA-256 authentication
/interface bridge
add name=loopback
/routing ospf instance
add name=ospf-1 router-id=10.255.0.7 version=2
/routing ospf area
add area-id=0.0.0.10 instance=ospf-1 name=area10 type=stub
/ip address
add address=10.255.0.7 interface=loopback network=10.255.0.7
add address=10.60.0.1/24 interface=ether2 network=10.60.0.0
/routing ospf interface-template
add area=area10 auth=sha256 auth-id=3 auth-key=ros-ospf-key dead-interval=20s \\
    hello-interval=5s interfaces=ether2 type=ptp
/system identity
set name=ros-core
`;

function sources(): OspfSource[] {
  return [
    { id: 'ios-core', ...readRepo('examples/bird-ospf/core.ios'), dialect: 'cisco-ios', targets: ['bird', 'routeros6', 'routeros7'] },
    { id: 'bird', ...readRepo('examples/bird-ospf/bird.conf'), dialect: 'bird', targets: ['bird', 'routeros6', 'routeros7'] },
    { id: 'ios-ptmp', uri: 'file:///sources/hub-ptmp.ios', text: IOS_PTMP, dialect: 'cisco-ios', targets: ['bird', 'routeros6', 'routeros7'] },
    { id: 'routeros7-stub', uri: 'file:///sources/ros-core.rsc', text: ROS7_STUB, dialect: 'routeros7', targets: ['bird', 'routeros7'] },
  ];
}

function sourceDevice(src: { uri: string; text: string }): model.Device {
  const svc = createLanguageService({});
  svc.setDocument(src.uri, src.text, 1);
  return svc.getDevice(src.uri)!;
}

function dotted(area: string): string {
  return /^\d+$/.test(area) ? model.formatIpv4(Number(area) >>> 0) : area;
}

function comparable(o: OspfSpec): unknown {
  return { area: dotted(o.area), areaType: o.areaType, networkType: o.networkType, hello: o.hello, dead: o.dead, auth: { type: o.auth.type, keyId: o.auth.keyId, key: o.auth.key?.value } };
}

describe('generated OSPF neighbours check clean against their source', () => {
  for (const src of sources()) {
    for (const target of src.targets) {
      it(`${src.id} → ${target}`, () => {
        const device = sourceDevice(src);
        const link = peerCandidates(device).find((c) => c.kind === 'ospf-link')!;
        assert.ok(link, 'the source has an OSPF link to generate for');
        const spec = extractSpec(device, link.address, { target, includeSecrets: true });
        const text = TARGETS[target].emit(spec);
        const gen = { uri: `file:///generated/${src.id}/${target === 'bird' ? 'bird.conf' : `${target}.rsc`}`, text };
        const p = loadPair(src, gen);
        assert.ok(paired(p), 'the generated router pairs on the shared link');
        const o = spec.ospf!;
        const shortHello = o.hello < 5 && o.auth.type !== 'none' && o.auth.type !== 'simple';
        assert.deepEqual(syntaxProblems(p, shortHello && target === 'bird' ? ['bird/short-hello-crypto'] : []), []);
        assert.deepEqual(crossProblems(p, false), []);
        // The generated side is modelled with the link's values (so the clean result is not a missed pair).
        const gi = p.service.getDevice(gen.uri)!.ospfInterfaces.find((x) => x.prefix === o.prefix)!;
        assert.ok(gi, `an OSPF interface on ${o.prefix}`);
        assert.deepEqual([gi.hello.value, gi.dead.value, gi.networkType.value, gi.auth.value.type], [o.hello, o.dead, o.networkType, o.auth.type]);

        // Extracting the source's side back from the generated router gives the same link parameters.
        const srcAddress = spec.remote.includes('/') ? freeHost(spec.remote, new Set([spec.local]), () => false)! : spec.remote;
        const back = extractSpec(p.service.getDevice(gen.uri)!, srcAddress, { target: src.dialect, includeSecrets: true });
        assert.deepEqual(comparable(back.ospf!), comparable(o));
      });
    }
  }

  it('a wrong key is found: the placeholder gives ospf/auth-mismatch on both ends', () => {
    const src = sources()[0];
    const device = sourceDevice(src);
    const spec = extractSpec(device, '10.50.0.1', { target: 'routeros7' });
    assert.equal(spec.ospf!.auth.key?.value, 'CHANGE-ME');
    const p = loadPair(src, { uri: 'file:///generated/ospf.rsc', text: TARGETS.routeros7.emit(spec) });
    const codes = [p.sourceUri, p.generatedUri].flatMap((u) => p.service.getFindings(u).filter((f) => isCrossFinding(f) && f.severity === 'error').map((f) => f.code));
    assert.deepEqual(codes, ['ospf/auth-mismatch', 'ospf/auth-mismatch']);
  });

  it('RouterOS v6 refuses SHA-256 OSPF authentication instead of writing a link that cannot come up', () => {
    const src = sources().find((s) => s.id === 'routeros7-stub')!;
    const spec = extractSpec(sourceDevice(src), '10.60.0.2', { target: 'routeros6' });
    assert.throws(() => TARGETS.routeros6.emit(spec), (e: unknown) => e instanceof GenerateError && /sha256/.test(e.message));
  });

  it('IOS point-to-multipoint timers (30/120) are written explicitly where the target defaults to 10/40', () => {
    const src = sources().find((s) => s.id === 'ios-ptmp')!;
    const device = sourceDevice(src);
    const bird = TARGETS.bird.emit(extractSpec(device, '10.70.0.2', { target: 'bird' }));
    assert.match(bird, /interface "eth0" 10\.70\.0\.0\/24 \{\n\t\t\ttype ptmp;\n\t\t\thello 30;\n\t\t\tdead 120;/);
    const ros6 = TARGETS.routeros6.emit(extractSpec(device, '10.70.0.2', { target: 'routeros6' }));
    assert.match(ros6, /^\/routing ospf interface\nadd authentication=md5 authentication-key=CHANGE-ME authentication-key-id=7 \\\n {4}dead-interval=2m hello-interval=30s interface=ether1 network-type=ptmp$/m);
  });
});
