// ipsec/selector-mismatch quick fixes on real syntax: a crafted pair per dialect pair with the exact findings,
// then each fix in both directions, after which neither file has a selector-mismatch error or warning and the
// rewritten selector text is asserted. Plus the documented limits (ports, protocols, IPv6, OpenBSD macros and lists): no fix.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadFixture } from '../helpers/fixture';
import { asaL2l, findingsOf, fixAndCheck, iosL2l } from './fixture-util';

const CODE = 'ipsec/selector-mismatch';

const IOS = (permit: string) => `//- r1.ios
hostname R1
crypto isakmp policy 1
 encr aes 256
 authentication pre-share
 group 2
crypto isakmp key MYKEY address 10.0.0.2 no-xauth
crypto ipsec transform-set MYTRANSFORMSET esp-aes 256 esp-sha-hmac
 mode tunnel
crypto map MYCRYPTOMAP 10 ipsec-isakmp
 set peer 10.0.0.2
 set transform-set MYTRANSFORMSET
 match address ACLTRAFF
ip access-list extended ACLTRAFF
 ${permit}
interface FastEthernet1/0
 ip address 192.168.23.3 255.255.255.0
 crypto map MYCRYPTOMAP
`;

const MT = (sel: string) => `//- mt.rsc
# nov/23/2026 by RouterOS 6.48
/ip address add address=10.0.0.2/24 interface=ether1
/ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none
/ip ipsec policy add ${sel} action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
/ip ipsec peer add address=192.168.23.3 port=500 auth-method=pre-shared-key secret=MYKEY exchange-mode=main proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no
`;
const MT_SEL = 'src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all';
const POLICY = (sel: string) => `/ip ipsec policy add ${sel} action=encrypt`;

function fixTitles(fixture: string, file: string): string[][] {
  const { service, files } = loadFixture(fixture);
  return service
    .getFindings(files.find((f) => f.name === file)!.uri)
    .filter((d) => d.code === CODE)
    .map((d) => d.fixes.map((f) => f.title));
}

describe('selector-mismatch fixes: IOS ↔ RouterOS v6', () => {
  const fx = IOS('permit ip 192.168.0.0 0.0.0.255 192.168.99.0 0.0.0.255') + MT(MT_SEL);

  it('no mirror: an error on each end, at the ACL line and the policy', () => {
    assert.deepEqual(findingsOf(fx, CODE), [
      `mt.rsc error ${POLICY(MT_SEL)} level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal`,
      'r1.ios error permit ip 192.168.0.0 0.0.0.255 192.168.99.0 0.0.0.255',
    ]);
  });

  it('IOS side: the permit line becomes the mirror of the RouterOS policy', () => {
    const t = fixAndCheck(fx, 'r1.ios', CODE, 'Make this side match mt.rsc');
    assert.ok(t.get('r1.ios')!.includes('\n permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255\n'));
    assert.ok(fixAndCheck(fx, 'mt.rsc', CODE, 'Make R1 match this side').get('r1.ios')!.includes('\n permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255\n'));
  });

  it('RouterOS side: src-address/dst-address become the mirror of the ACL line', () => {
    const t = fixAndCheck(fx, 'mt.rsc', CODE, 'Make this side match R1');
    assert.ok(t.get('mt.rsc')!.includes(POLICY('src-address=192.168.99.0/24 dst-address=192.168.0.0/24 protocol=all')));
    assert.ok(fixAndCheck(fx, 'r1.ios', CODE, 'Make mt.rsc match this side').get('mt.rsc')!.includes(POLICY('src-address=192.168.99.0/24 dst-address=192.168.0.0/24 protocol=all')));
  });

  it('/32 and /0 are written as `host A` and `any` on IOS', () => {
    const fx2 = IOS('permit ip 192.168.0.0 0.0.0.255 192.168.99.0 0.0.0.255') + MT('src-address=0.0.0.0/0 dst-address=192.168.0.1/32 protocol=all');
    assert.ok(fixAndCheck(fx2, 'r1.ios', CODE, 'Make this side match mt.rsc').get('r1.ios')!.includes('\n permit ip host 192.168.0.1 any\n'));
  });

  it('a subset (warning on both ends) is made an exact mirror, keeping trailing keywords', () => {
    const fx3 = IOS('permit ip 192.168.0.0 0.0.255.255 192.168.88.0 0.0.0.255 log') + MT(MT_SEL);
    assert.deepEqual(findingsOf(fx3, CODE).map((l) => l.split(' ').slice(0, 2).join(' ')), ['mt.rsc warning', 'r1.ios warning']);
    assert.ok(fixAndCheck(fx3, 'r1.ios', CODE, 'Make this side match mt.rsc').get('r1.ios')!.includes('\n permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255 log\n'));
    assert.ok(fixAndCheck(fx3, 'r1.ios', CODE, 'Make mt.rsc match this side').get('mt.rsc')!.includes(POLICY('src-address=192.168.88.0/24 dst-address=192.168.0.0/16 protocol=all')));
  });

  it('limits: ports or different protocols get no fix', () => {
    const ports = IOS('permit tcp 192.168.0.0 0.0.0.255 192.168.99.0 0.0.0.255 eq 80') + MT('src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=tcp src-port=80');
    assert.deepEqual(fixTitles(ports, 'r1.ios'), [[]]);
    assert.deepEqual(fixTitles(ports, 'mt.rsc'), [[]]);
    const proto = IOS('permit gre 192.168.0.0 0.0.0.255 192.168.99.0 0.0.0.255') + MT(MT_SEL);
    assert.deepEqual(fixTitles(proto, 'r1.ios'), [[]]);
  });
});

const ASA = (acl: string) => asaL2l({ acl });

const R1 = (permit: string) => iosL2l({ permit });

describe('selector-mismatch fixes: ASA ↔ IOS', () => {
  const fx = ASA('access-list VPN extended permit ip 10.2.0.0 255.255.0.0 10.1.0.0 255.255.0.0') + R1('permit ip 10.1.0.0 0.0.255.255 10.3.0.0 0.0.255.255');

  it('no mirror: an error on each end', () => {
    assert.deepEqual(findingsOf(fx, CODE), ['fw.asa error access-list VPN extended permit ip 10.2.0.0 255.255.0.0 10.1.0.0 255.255.0.0', 'r1.ios error permit ip 10.1.0.0 0.0.255.255 10.3.0.0 0.0.255.255']);
  });

  it('ASA side: masks, from either file', () => {
    const want = '\naccess-list VPN extended permit ip 10.3.0.0 255.255.0.0 10.1.0.0 255.255.0.0\n';
    assert.ok(fixAndCheck(fx, 'fw.asa', CODE, 'Make this side match R1').get('fw.asa')!.includes(want));
    assert.ok(fixAndCheck(fx, 'r1.ios', CODE, 'Make fw match this side').get('fw.asa')!.includes(want));
  });

  it('IOS side: wildcards, from either file', () => {
    const want = '\n permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255\n';
    assert.ok(fixAndCheck(fx, 'r1.ios', CODE, 'Make this side match fw').get('r1.ios')!.includes(want));
    assert.ok(fixAndCheck(fx, 'fw.asa', CODE, 'Make R1 match this side').get('r1.ios')!.includes(want));
  });

  it('ASA `host` and `any`', () => {
    const fx2 = ASA('access-list VPN extended permit ip 10.2.0.0 255.255.0.0 10.1.0.0 255.255.0.0') + R1('permit ip any host 10.2.0.9');
    assert.ok(fixAndCheck(fx2, 'fw.asa', CODE, 'Make this side match R1').get('fw.asa')!.includes('\naccess-list VPN extended permit ip host 10.2.0.9 any\n'));
    assert.ok(fixAndCheck(fx2, 'r1.ios', CODE, 'Make this side match fw').get('r1.ios')!.includes('\n permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255\n'));
  });
});

describe('selector-mismatch fixes: RouterOS ↔ OpenBSD', () => {
  const OBSD = (hosts: string, peer = ' local 192.168.23.3 peer 10.0.0.2') => `//- ipsec.conf
ike esp ${hosts}${peer} \\
  main auth hmac-sha1 enc aes-256 group modp1024 \\
  quick auth hmac-sha1 enc aes-256 group none \\
  psk MYKEY
`;
  const fx = MT(MT_SEL) + OBSD('from 192.168.0.0/24 to 192.168.99.0/24');

  it('both ends are offered, and either fix makes both ends clean', () => {
    assert.deepEqual(fixTitles(fx, 'ipsec.conf'), [['Make this side match mt.rsc', 'Make mt.rsc match this side']]);
    assert.deepEqual(fixTitles(fx, 'mt.rsc'), [['Make this side match ipsec.conf', 'Make ipsec.conf match this side']]);
    assert.ok(fixAndCheck(fx, 'ipsec.conf', CODE, 'Make mt.rsc match this side').get('mt.rsc')!.includes(POLICY('src-address=192.168.99.0/24 dst-address=192.168.0.0/24 protocol=all')));
    assert.ok(fixAndCheck(fx, 'ipsec.conf', CODE, 'Make this side match mt.rsc').get('ipsec.conf')!.startsWith('ike esp from 192.168.0.0/24 to 192.168.88.0/24 local'));
  });

  it('a host selector is written as a bare address', () => {
    const hostFx = MT('src-address=192.168.88.7/32 dst-address=192.168.0.0/24 protocol=all') + OBSD('from 192.168.0.0/24 to 192.168.99.0/24');
    assert.ok(fixAndCheck(hostFx, 'ipsec.conf', CODE, 'Make this side match mt.rsc').get('ipsec.conf')!.startsWith('ike esp from 192.168.0.0/24 to 192.168.88.7 local'));
  });

  it('no OpenBSD fix for a macro or a host list (the edit would change more than this flow)', () => {
    const macro = MT(MT_SEL) + OBSD('from $lan to 192.168.99.0/24').replace('//- ipsec.conf\n', '//- ipsec.conf\nlan = "192.168.0.0/24"\n');
    const list = MT(MT_SEL) + OBSD('from { 192.168.0.0/24 192.168.5.0/24 } to 192.168.99.0/24');
    for (const f of [macro, list]) for (const titles of fixTitles(f, 'ipsec.conf')) assert.ok(!titles.includes('Make this side match mt.rsc'), titles.join(' | '));
    assert.ok(fixTitles(macro, 'ipsec.conf').length > 0, 'the macro variant still reports the mismatch');
  });
});
