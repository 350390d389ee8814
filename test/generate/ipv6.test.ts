// generate-peer over IPv6: an IOS IPv6 VTI (`tunnel mode ipsec ipv6`) or GRE over IPv6 is mirrored as an IOS VTI in
// IPv6 syntax; everything else with an IPv6 peer is refused with a reason instead of being written in IPv4 syntax
// (it used to emit `ip address 2001:db8:12::2 255.255.255.0`, `tunnel mode ipsec ipv4` and `ip route :: 0.0.0.0`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractSpec, peerCandidates } from '../../server/src/generate/extract';
import { TARGET_IDS } from '../../server/src/generate/spec';
import { createLanguageService } from '../../server/src/service';
import { crossFindings, generate, regenerate, syntaxFindings, type Source } from './harness';

const IKEV2_VTI = `hostname R1
crypto ikev2 proposal P1
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 policy POL
 proposal P1
crypto ikev2 keyring KR
 peer R2
  address 2001:db8:12::2/128
  pre-shared-key v6-lab-key
crypto ikev2 profile PROF
 match identity remote address 2001:db8:12::2/128
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec profile IPP
 set transform-set TS
 set ikev2-profile PROF
interface Tunnel0
 ipv6 address 2001:db8:100::1/64
 tunnel source GigabitEthernet0/0
 tunnel mode ipsec ipv6
 tunnel destination 2001:db8:12::2
 tunnel protection ipsec profile IPP
interface GigabitEthernet0/0
 ipv6 address 2001:db8:12::1/64
interface GigabitEthernet0/1
 ipv6 address 2001:db8:1::1/64
`;

const IKEV1_VTI = `hostname A1
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key v1-lab-key address ipv6 2001:db8:12::2/128
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec profile IPP
 set transform-set TS
interface Tunnel0
 ipv6 address 2001:db8:100::1/126
 tunnel source GigabitEthernet0/0
 tunnel mode ipsec ipv6
 tunnel destination 2001:db8:12::2
 tunnel protection ipsec profile IPP
interface GigabitEthernet0/0
 ipv6 address 2001:db8:12::1/64
`;

// Policy-based IPv6 (an OpenBSD flow between two IPv6 networks): not mirrored.
const OPENBSD_V6 = `ike esp from 2001:db8:1::/64 to 2001:db8:2::/64 peer 2001:db8:12::2 main auth hmac-sha2-256 enc aes-256 group modp2048 quick auth hmac-sha2-256 enc aes-256 group modp2048 psk "bsd-v6-key"
`;

const v2: Source = { name: 'v6-ikev2', files: [['r1.ios', IKEV2_VTI]], peer: '2001:db8:12::2', targets: [] };
const v1: Source = { name: 'v6-ikev1', files: [['a1.ios', IKEV1_VTI]], peer: '2001:db8:12::2', targets: [] };

function lines(text: string): string[] {
  return text.split('\n').filter((l) => !l.startsWith('!'));
}

function device(name: string, text: string) {
  const svc = createLanguageService();
  svc.setDocument(`file:///ws/${name}`, text, 1);
  return svc.getDevice(`file:///ws/${name}`)!;
}

describe('generate-peer: IPv6 route-based tunnels', () => {
  it('mirrors an IKEv2 IPv6 VTI in IPv6 syntax, and the pair checks clean', () => {
    const g = generate(v2, 'cisco-ios');
    const l = lines(g.text);
    for (const want of ['  address 2001:db8:12::1/128', ' match identity remote address 2001:db8:12::1/128', ' ipv6 address 2001:db8:100::2/64', ' tunnel mode ipsec ipv6', ' tunnel destination 2001:db8:12::1', ' ipv6 address 2001:db8:12::2/64', ' ipv6 address 2001:db8:88::1/64']) {
      assert.ok(l.includes(want), `missing ${JSON.stringify(want)} in\n${g.text}`);
    }
    assert.ok(!l.some((x) => / ip address |ipsec ipv4|^ip route|255\.255\.255\.255/.test(x)), g.text);
    assert.deepEqual(syntaxFindings(g), []);
    assert.deepEqual(crossFindings(g, false), []);
    assert.deepEqual(g.svc.pairFindings(g.sourceUri, g.genUri).map((f) => f.code), [], 'the two ends pair with nothing to say');
    // Back from the generated side: the source's own addresses, a free tunnel host (::1 and ::2 are taken).
    const back = regenerate(g, v2);
    assert.deepEqual([back.local, back.remote, back.tunnel?.address, back.tunnel?.remoteAddress], ['2001:db8:12::1', '2001:db8:12::2', '2001:db8:100::3', '2001:db8:100::2']);
  });

  it('writes an IKEv1 key for an IPv6 peer as `address ipv6 …/128`, and a wrong key is caught', () => {
    const g = generate(v1, 'cisco-ios');
    assert.ok(g.text.includes('\ncrypto isakmp key v1-lab-key address ipv6 2001:db8:12::1/128\n'), g.text);
    assert.ok(g.text.includes('\n ipv6 address 2001:db8:100::2/126\n'), g.text);
    assert.deepEqual(crossFindings(g, false), []);
    const wrong = generate(v1, 'cisco-ios', false);
    assert.deepEqual(
      wrong.svc.pairFindings(wrong.sourceUri, wrong.genUri).map((f) => f.code).filter((c) => c === 'ipsec/psk-mismatch'),
      ['ipsec/psk-mismatch', 'ipsec/psk-mismatch'],
      'the placeholder key is the one thing the ends disagree on',
    );
  });

  it('offers an IPv6 VTI peer to the IOS target only, and refuses the others with a reason', () => {
    const dev = device('r1.ios', IKEV2_VTI);
    assert.deepEqual(
      peerCandidates(dev).filter((c) => c.kind === 'ipsec').map((c) => [c.address, c.targets]),
      [['2001:db8:12::2', ['cisco-ios']]],
    );
    for (const t of TARGET_IDS.filter((x) => x !== 'cisco-ios')) {
      assert.throws(() => extractSpec(dev, '2001:db8:12::2', { target: t }), /(not a target for an IPv6 tunnel|not a target for a site-to-site tunnel)/, t);
    }
    assert.throws(() => extractSpec(dev, '2001:db8:12::2', { target: 'cisco-ios', binding: 'policy' }), /only for a route-based tunnel/);
  });

  it('does not mirror a policy-based IPv6 peer', () => {
    const dev = device('ipsec.conf', OPENBSD_V6);
    assert.equal(dev.ipsecPeers.length, 1);
    assert.deepEqual(peerCandidates(dev).filter((c) => c.kind === 'ipsec'), []);
    assert.throws(() => extractSpec(dev, '2001:db8:12::2', { target: 'cisco-ios' }), /only for a route-based tunnel/);
    assert.throws(() => extractSpec(dev, '2001:db8:12::2', { target: 'openbsd' }), /not a target for an IPv6 tunnel/);
  });
});
