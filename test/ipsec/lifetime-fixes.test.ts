// ipsec/lifetime-mismatch quick fixes on real syntax: for each dialect pair, a crafted pair that produces the
// finding (exact severity and anchor), then each fix in both directions, after which neither file has an error or
// warning for the code and the fixed phase's finding is gone; the edited text is asserted.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatTime } from '../../server/src/dialects/routeros/lower';
import { loadFixture } from '../helpers/fixture';
import { asaL2l, findingsOf, fixAndCheck, iosL2l } from './fixture-util';

const CODE = 'ipsec/lifetime-mismatch';
const P1 = (m: string) => m.startsWith('Phase 1');
const P2 = (m: string) => m.startsWith('Phase 2');

// Seed 001 shapes: IOS crypto map ↔ RouterOS v6 peer (phase 1 values on the peer).
const IOS = (p1life = '', mapLife = '') => `//- r1.ios
hostname R1
!
crypto isakmp policy 1
 encr aes 256
 authentication pre-share
 group 2
${p1life}crypto isakmp key MYKEY address 10.0.0.2 no-xauth
!
crypto ipsec transform-set MYTRANSFORMSET esp-aes 256 esp-sha-hmac
 mode tunnel
!
crypto map MYCRYPTOMAP 10 ipsec-isakmp
 set peer 10.0.0.2
 set transform-set MYTRANSFORMSET
${mapLife} match address ACLTRAFF
!
ip access-list extended ACLTRAFF
 permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255
!
interface FastEthernet1/0
 ip address 192.168.23.3 255.255.255.0
 crypto map MYCRYPTOMAP
`;

const MT = (peerLife = '', propLife = '') => `//- mt.rsc
# nov/23/2026 by RouterOS 6.48
/ip address add address=10.0.0.2/24 interface=ether1
/ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none${propLife}
/ip ipsec policy add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
/ip ipsec peer add address=192.168.23.3 port=500 auth-method=pre-shared-key secret=MYKEY exchange-mode=main proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no${peerLife}
`;

describe('lifetime-mismatch fixes: IOS ↔ RouterOS v6', () => {
  // Phase 1: IOS 3600 s (Cisco responder, shorter) vs RouterOS default 1d → warning. Phase 2: IOS default 3600 s vs
  // RouterOS default proposal 30m, both defaults negotiated down → not reported (errata §2).
  const fx = IOS(' lifetime 3600\n') + MT();

  it('is reported on both ends with the exact severities and anchors', () => {
    assert.deepEqual(findingsOf(fx, CODE), [
      'mt.rsc warning /ip ipsec peer add address=192.168.23.3 port=500 auth-method=pre-shared-key secret=MYKEY exchange-mode=main proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no',
      'r1.ios warning lifetime 3600',
    ]);
  });

  it('phase 2 defaults that differ (IOS 3600 s, RouterOS 30m) are not reported; one written value is', () => {
    assert.deepEqual(findingsOf(IOS() + MT(), CODE), []);
    assert.deepEqual(findingsOf(IOS() + MT('', ' lifetime=30m'), CODE), [
      'mt.rsc information 30m',
      'r1.ios information crypto ipsec transform-set MYTRANSFORMSET esp-aes 256 esp-sha-hmac',
    ]);
    assert.deepEqual(findingsOf(IOS('', ' set security-association lifetime seconds 3600\n') + MT(), CODE), [
      'mt.rsc information /ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none',
      'r1.ios information set security-association lifetime seconds 3600',
    ]);
  });

  it('phase 1, IOS side: "Make this side match mt.rsc" replaces `lifetime 3600` by `lifetime 86400`', () => {
    const t = fixAndCheck(fx, 'r1.ios', CODE, 'Make this side match mt.rsc', P1);
    assert.ok(t.get('r1.ios')!.includes('\n lifetime 86400\n'));
    assert.ok(!t.get('r1.ios')!.includes('lifetime 3600'));
  });

  it('phase 1, from IOS: "Make mt.rsc match this side" appends `lifetime=1h` to the v6 peer', () => {
    const t = fixAndCheck(fx, 'r1.ios', CODE, 'Make mt.rsc match this side', P1);
    assert.ok(t.get('mt.rsc')!.includes('generate-policy=no lifetime=1h\n'));
  });

  it('phase 1, from RouterOS: both directions', () => {
    assert.ok(fixAndCheck(fx, 'mt.rsc', CODE, 'Make this side match R1', P1).get('mt.rsc')!.includes(' lifetime=1h\n'));
    assert.ok(fixAndCheck(fx, 'mt.rsc', CODE, 'Make R1 match this side', P1).get('r1.ios')!.includes('\n lifetime 86400\n'));
  });

  it('phase 1, IOS policy without `lifetime`: the fix inserts it inside the policy block', () => {
    const t = fixAndCheck(IOS() + MT(' lifetime=8h'), 'r1.ios', CODE, 'Make this side match mt.rsc', P1);
    assert.ok(t.get('r1.ios')!.includes(' group 2\n lifetime 28800\ncrypto isakmp key'));
  });

  // Phase 1 agrees here (86400 s on both), so only the phase 2 finding is left: RouterOS writes 30m, IOS keeps its
  // default (fx2), or IOS writes its 3600 s and RouterOS keeps its default proposal (fx3).
  const fx2 = IOS() + MT('', ' lifetime=30m');
  const fx3 = IOS('', ' set security-association lifetime seconds 3600\n') + MT();

  it('phase 2, IOS side: inserts `set security-association lifetime seconds 1800` into the crypto map entry', () => {
    const t = fixAndCheck(fx2, 'r1.ios', CODE, 'Make this side match mt.rsc', P2);
    assert.ok(t.get('r1.ios')!.includes(' set transform-set MYTRANSFORMSET\n match address ACLTRAFF\n set security-association lifetime seconds 1800\n'));
  });

  it('phase 2, IOS entry with the command: the fix replaces it', () => {
    const t = fixAndCheck(IOS('', ' set security-association lifetime seconds 7200\n') + MT(), 'r1.ios', CODE, 'Make this side match mt.rsc', P2);
    assert.ok(t.get('r1.ios')!.includes('\n set security-association lifetime seconds 1800\n'));
    assert.ok(!t.get('r1.ios')!.includes('7200'));
  });

  it('phase 2, RouterOS proposal: `lifetime=1h` on the proposal, both from either file', () => {
    assert.ok(fixAndCheck(fx3, 'r1.ios', CODE, 'Make mt.rsc match this side', P2).get('mt.rsc')!.includes('pfs-group=none lifetime=1h\n'));
    assert.ok(fixAndCheck(fx3, 'mt.rsc', CODE, 'Make this side match R1', P2).get('mt.rsc')!.includes('pfs-group=none lifetime=1h\n'));
    assert.ok(fixAndCheck(fx3, 'mt.rsc', CODE, 'Make R1 match this side', P2).get('r1.ios')!.includes('set security-association lifetime seconds 1800'));
  });

  it('phase 2, RouterOS proposal with `lifetime=`: the value is replaced', () => {
    const t = fixAndCheck(IOS() + MT('', ' lifetime=8h'), 'mt.rsc', CODE, 'Make this side match R1', P2);
    assert.ok(t.get('mt.rsc')!.includes('pfs-group=none lifetime=1h\n'));
  });

  it('an IOS phase 1 lifetime beyond 86400 s gets no IOS-side fix (IOS rejects it), only the other direction', () => {
    const { fixes } = firstFinding(IOS() + MT(' lifetime=2d'), 'r1.ios', P1);
    assert.deepEqual(fixes.map((f) => f.title), ['Make mt.rsc match this side']);
  });
});

// ASA ↔ IOS L2L crypto maps.
const ASA = (mapLife = '') => asaL2l({ mapExtra: mapLife });

const R1 = (p1life = '', mapLife = '') => iosL2l({ policyExtra: p1life, mapExtra: mapLife });

describe('lifetime-mismatch fixes: ASA ↔ IOS', () => {
  const fx = ASA('crypto map OUTSIDE_MAP 10 set security-association lifetime seconds 7200\n') + R1(' lifetime 28800\n', ' set security-association lifetime seconds 3600\n');

  it('is reported on both ends: phase 1 warning (Cisco responder shorter), phase 2 information', () => {
    assert.deepEqual(findingsOf(fx, CODE), [
      'fw.asa information crypto map OUTSIDE_MAP 10 set security-association lifetime seconds 7200',
      'fw.asa warning lifetime 86400',
      'r1.ios information set security-association lifetime seconds 3600',
      'r1.ios warning lifetime 28800',
    ]);
  });

  it('phase 1: ASA `lifetime` replaced from either side, IOS `lifetime` replaced from either side', () => {
    assert.ok(fixAndCheck(fx, 'fw.asa', CODE, 'Make this side match R1', P1).get('fw.asa')!.includes('\n lifetime 28800\n'));
    assert.ok(fixAndCheck(fx, 'r1.ios', CODE, 'Make fw match this side', P1).get('fw.asa')!.includes('\n lifetime 28800\n'));
    assert.ok(fixAndCheck(fx, 'fw.asa', CODE, 'Make R1 match this side', P1).get('r1.ios')!.includes('\n lifetime 86400\n'));
    assert.ok(fixAndCheck(fx, 'r1.ios', CODE, 'Make this side match fw', P1).get('r1.ios')!.includes('\n lifetime 86400\n'));
  });

  it('phase 2: the ASA map line and the IOS entry line are replaced', () => {
    const fx2 = ASA('crypto map OUTSIDE_MAP 10 set security-association lifetime seconds 7200\n') + R1('', ' set security-association lifetime seconds 3600\n');
    const a = fixAndCheck(fx2, 'fw.asa', CODE, 'Make this side match R1', P2).get('fw.asa')!;
    assert.ok(a.includes('\ncrypto map OUTSIDE_MAP 10 set security-association lifetime seconds 3600\n') && !a.includes('7200'));
    const b = fixAndCheck(fx2, 'fw.asa', CODE, 'Make R1 match this side', P2).get('r1.ios')!;
    assert.ok(b.includes('\n set security-association lifetime seconds 7200\n') && !b.includes('seconds 3600'));
  });

  it('phase 2, ASA default (28800 s): the fix adds the crypto map line after the entry', () => {
    const fx2 = ASA() + R1('', ' set security-association lifetime seconds 3600\n');
    const a = fixAndCheck(fx2, 'r1.ios', CODE, 'Make fw match this side', P2).get('fw.asa')!;
    assert.ok(a.includes('crypto map OUTSIDE_MAP 10 set ikev1 transform-set TS\ncrypto map OUTSIDE_MAP 10 set security-association lifetime seconds 3600\ncrypto map OUTSIDE_MAP interface outside'));
    const b = fixAndCheck(fx2, 'fw.asa', CODE, 'Make this side match R1', P2).get('fw.asa')!;
    assert.ok(b.includes('crypto map OUTSIDE_MAP 10 set security-association lifetime seconds 3600\n'));
  });
});

// RouterOS v6 peer ↔ OpenBSD ike rule. RouterOS writes its default lifetimes (1d, 30m) so that they are compared
// with OpenBSD's implicit ones (two defaults are not).
const MT6 = `//- mt.rsc
# nov/23/2026 by RouterOS 6.48
/ip address add address=10.0.0.2/24 interface=ether1
/ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none lifetime=30m
/ip ipsec policy add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
/ip ipsec peer add address=192.168.23.3 port=500 auth-method=pre-shared-key secret=MYKEY exchange-mode=main proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp2048 generate-policy=no lifetime=1d
`;
const OBSD = (quick = 'quick auth hmac-sha1 enc aes-256 group none') => `//- ipsec.conf
ike esp from 192.168.0.0/24 to 192.168.88.0/24 local 192.168.23.3 peer 10.0.0.2 \\
  main auth hmac-sha1 enc aes-256 group modp2048 \\
  ${quick} \\
  psk MYKEY
`;

describe('lifetime-mismatch fixes: RouterOS v6 ↔ OpenBSD', () => {
  // Phase 1: isakmpd default 3600 s vs RouterOS 1d; phase 2: 1200 s vs the proposal's 30m. Neither end rejects → information.
  const fx = MT6 + OBSD();

  it('is reported on both ends as information', () => {
    assert.deepEqual(findingsOf(fx, CODE).map((l) => l.split(' ').slice(0, 2).join(' ')), ['ipsec.conf information', 'ipsec.conf information', 'mt.rsc information', 'mt.rsc information']);
  });

  it('nothing when both ends keep their defaults (isakmpd 3600 s/1200 s vs RouterOS 1d/30m)', () => {
    assert.deepEqual(findingsOf(MT6.replace(' lifetime=30m', '').replace(' lifetime=1d', '') + OBSD(), CODE), []);
  });

  it('phase 1: `lifetime 86400` appended to the main clause; `lifetime=1h` on the peer', () => {
    assert.ok(fixAndCheck(fx, 'ipsec.conf', CODE, 'Make this side match mt.rsc', P1).get('ipsec.conf')!.includes('main auth hmac-sha1 enc aes-256 group modp2048 lifetime 86400 \\'));
    assert.ok(fixAndCheck(fx, 'ipsec.conf', CODE, 'Make mt.rsc match this side', P1).get('mt.rsc')!.includes('generate-policy=no lifetime=1h\n'));
    assert.ok(fixAndCheck(fx, 'mt.rsc', CODE, 'Make ipsec.conf match this side', P1).get('ipsec.conf')!.includes('group modp2048 lifetime 86400 \\'));
  });

  it('phase 2: `lifetime 1800` appended to the quick clause; `lifetime=20m` on the proposal', () => {
    assert.ok(fixAndCheck(fx, 'ipsec.conf', CODE, 'Make this side match mt.rsc', P2).get('ipsec.conf')!.includes('quick auth hmac-sha1 enc aes-256 group none lifetime 1800 \\'));
    assert.ok(fixAndCheck(fx, 'ipsec.conf', CODE, 'Make mt.rsc match this side', P2).get('mt.rsc')!.includes('pfs-group=none lifetime=20m\n'));
  });

  it('an OpenBSD lifetime written in minutes is replaced by seconds', () => {
    const t = fixAndCheck(MT6 + OBSD('quick auth hmac-sha1 enc aes-256 group none lifetime 10m'), 'ipsec.conf', CODE, 'Make this side match mt.rsc', P2);
    assert.ok(t.get('ipsec.conf')!.includes('group none lifetime 1800 \\'));
  });

  it('an OpenBSD rule without a quick clause gets one', () => {
    const fx2 = MT6.replace('auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none', 'auth-algorithms=sha256 enc-algorithms=aes-256-cbc pfs-group=modp3072') + OBSD('').replace('\n   \\\n', '\n');
    const t = fixAndCheck(fx2, 'ipsec.conf', CODE, 'Make this side match mt.rsc', P2);
    assert.ok(t.get('ipsec.conf')!.includes('quick lifetime 1800 psk MYKEY'), t.get('ipsec.conf'));
  });
});

// RouterOS v7 profile ↔ OpenBSD: the profile carries the phase 1 lifetime.
const MT7 = (profLife: string) => `//- mt.rsc
# 2026-11-23 12:00:00 by RouterOS 7.11
/ip address add address=10.0.0.2/24 interface=ether1
/ip ipsec profile add name=P1 hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp2048${profLife}
/ip ipsec peer add name=GW address=192.168.23.3/32 profile=P1 exchange-mode=main
/ip ipsec identity add peer=GW secret=MYKEY
/ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none lifetime=20m
/ip ipsec policy add peer=GW src-address=192.168.88.0/24 dst-address=192.168.0.0/24 tunnel=yes proposal=MyProposal
`;

describe('lifetime-mismatch fixes: RouterOS v7 profile ↔ OpenBSD', () => {
  const fx = MT7(' lifetime=1d2h') + OBSD();

  it('phase 1 only (the phase 2 lifetimes agree at 1200 s)', () => {
    assert.deepEqual(findingsOf(fx, CODE).map((l) => l.split(' ').slice(0, 2).join(' ')), ['ipsec.conf information', 'mt.rsc information']);
  });

  it('the profile gets `lifetime=1h`; OpenBSD gets `lifetime 93600`', () => {
    const a = fixAndCheck(fx, 'mt.rsc', CODE, 'Make this side match ipsec.conf', P1).get('mt.rsc')!;
    assert.ok(a.includes('dh-group=modp2048 lifetime=1h\n'), a);
    assert.ok(fixAndCheck(fx, 'mt.rsc', CODE, 'Make ipsec.conf match this side', P1).get('ipsec.conf')!.includes('lifetime 93600'));
  });

  it('a profile without `lifetime=` (default 1d) gets one appended', () => {
    assert.deepEqual(findingsOf(MT7('') + OBSD(), CODE), [], 'two defaults (1d, 3600 s) are not compared');
    const fx2 = (MT7('') + OBSD()).replace('group modp2048 \\', 'group modp2048 lifetime 3600 \\');
    const a = fixAndCheck(fx2, 'ipsec.conf', CODE, 'Make mt.rsc match this side', P1).get('mt.rsc')!;
    assert.ok(a.includes('/ip ipsec profile add name=P1 hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp2048 lifetime=1h\n'), a);
  });
});

// IOS ↔ IOS point-to-point GRE with tunnel protection: the phase 2 lifetime lives in the IPsec profile.
const VTI = (n: 1 | 2, profLife: string) => `//- r${n}.ios
hostname R${n}
crypto isakmp policy 10
 encr aes 256
 authentication pre-share
 group 14
crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0
crypto ipsec transform-set mySet esp-aes esp-sha-hmac
crypto ipsec profile myProf
 set transform-set mySet
${profLife}interface Tunnel0
 ip address 10.10.10.${n} 255.255.255.0
 tunnel source FastEthernet0/0
 tunnel destination ${n === 1 ? '2.2.2.2' : '1.1.1.1'}
 tunnel protection ipsec profile myProf
interface FastEthernet0/0
 ip address ${n === 1 ? '1.1.1.1' : '2.2.2.2'} 255.255.255.0
`;

describe('lifetime-mismatch fixes: IOS tunnel protection (IPsec profile)', () => {
  const fx = VTI(1, ' set security-association lifetime seconds 1800\n') + VTI(2, '');

  it('phase 2 only: information on both ends', () => {
    assert.deepEqual(findingsOf(fx, CODE).map((l) => l.split(' ').slice(0, 2).join(' ')), ['r1.ios information', 'r2.ios information']);
  });

  it('the profile line is replaced on one end and inserted into the profile on the other', () => {
    assert.ok(fixAndCheck(fx, 'r1.ios', CODE, 'Make this side match R2', P2).get('r1.ios')!.includes('\n set security-association lifetime seconds 3600\ninterface Tunnel0'));
    assert.ok(fixAndCheck(fx, 'r1.ios', CODE, 'Make R2 match this side', P2).get('r2.ios')!.includes(' set transform-set mySet\n set security-association lifetime seconds 1800\ninterface Tunnel0'));
  });
});

describe('lifetime-mismatch severity with RouterOS proposal-check (interop-rules §2)', () => {
  // IOS phase 2 default 3600 s against the RouterOS proposal's lifetime.
  const sev = (check: string, propLife: string) =>
    findingsOf(IOS() + MT('', propLife).replace('proposal-check=obey', `proposal-check=${check}`), CODE).map((l) => l.split(' ').slice(0, 2).join(' '));

  it('obey: nothing for two defaults, information for a written lifetime (negotiated down)', () => {
    assert.deepEqual(sev('obey', ''), []);
    assert.deepEqual(sev('obey', ' lifetime=30m'), ['mt.rsc information', 'r1.ios information']);
  });
  // Both lifetimes are defaults here, but the written proposal-check makes RouterOS reject: still reported.
  it('strict with the shorter lifetime: the longer offer is rejected → warning', () => assert.deepEqual(sev('strict', ''), ['mt.rsc warning', 'r1.ios warning']));
  it('strict with the longer lifetime: nothing it receives is longer → information', () => assert.deepEqual(sev('strict', ' lifetime=2h'), ['mt.rsc information', 'r1.ios information']));
  it('exact: any difference is rejected → warning', () => assert.deepEqual(sev('exact', ' lifetime=2h'), ['mt.rsc warning', 'r1.ios warning']));

  it('the fix removes the warning', () => {
    const t = fixAndCheck(IOS() + MT().replace('proposal-check=obey', 'proposal-check=exact'), 'mt.rsc', CODE, 'Make this side match R1', P2);
    assert.ok(t.get('mt.rsc')!.includes('pfs-group=none lifetime=1h\n'));
  });
});

describe('RouterOS time formatting', () => {
  it('writes the largest units first', () => {
    assert.deepEqual([86400, 28800, 1800, 93600, 3600, 90, 5400, 604800, 1209600, 700000, 0].map(formatTime), ['1d', '8h', '30m', '1d2h', '1h', '1m30s', '1h30m', '1w', '2w', '8d2h26m40s', '0s']);
    assert.equal(formatTime(1.5), undefined);
    assert.equal(formatTime(-1), undefined);
  });
});

function firstFinding(fixture: string, file: string, pick: (m: string) => boolean) {
  const { service, files } = loadFixture(fixture);
  const f = service.getFindings(files.find((x) => x.name === file)!.uri).find((d) => d.code === CODE && pick(d.message));
  assert.ok(f, `no ${CODE} on ${file}`);
  return f;
}
