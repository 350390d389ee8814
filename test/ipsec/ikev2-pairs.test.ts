// Cross-file IKEv2 checks between IOS-XE routers: two VTI routers (static tunnel protection with an IKEv2 profile),
// the PSK and DH group checks on both ends, asymmetric (local/remote) keys, an IKEv2 DMVPN hub and spoke, and an
// IKEv1 router against an IKEv2 one.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNoErrors, checkDiagnostics } from '../helpers/fixture';
import { allText, findingsOf } from './fixture-util';

interface VtiOptions {
  /** Key lines of the keyring peer block (each indented by two spaces, with its newline). */
  keys?: string;
  /** A caret line under the first key line. */
  caret?: string;
  group?: string;
  /** Replaces the IKEv2 keyring/profile/IPsec profile (an IKEv1 end). */
  ikev1?: boolean;
}

/** IOS-XE router `n` (1 or 2) with a static VTI to the other, 198.51.100.n. */
function vti(n: 1 | 2, o: VtiOptions = {}): string {
  const me = `198.51.100.${n}`;
  const other = `198.51.100.${3 - n}`;
  const { keys = '  pre-shared-key Cisco123\n', caret = '', group = '19' } = o;
  const ike = o.ikev1
    ? `crypto isakmp policy 10
 encryption aes 256
 hash sha256
 authentication pre-share
 group 19
crypto isakmp key Cisco123 address ${other}
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
!
crypto ipsec profile IPSEC
 set transform-set TS
!
`
    : `crypto ikev2 proposal PROP
 encryption aes-cbc-256
 integrity sha256
 group ${group}
!
crypto ikev2 policy POL
 proposal PROP
!
crypto ikev2 keyring KR
 peer R${3 - n}
  address ${other}
${keys}${caret} !
!
crypto ikev2 profile PROF
 match identity remote address ${other} 255.255.255.255
 identity local address ${me}
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
 dpd 10 3 periodic
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
!
crypto ipsec profile IPSEC
 set transform-set TS
 set ikev2-profile PROF
!
`;
  return `//- r${n}.ios
version 17.6
hostname R${n}
!
${ike}interface Tunnel0
 ip address 10.0.0.${n} 255.255.255.252
 tunnel source GigabitEthernet1
 tunnel mode ipsec ipv4
 tunnel destination ${other}
 tunnel protection ipsec profile IPSEC
!
interface GigabitEthernet1
 ip address ${me} 255.255.255.0
`;
}

describe('IKEv2 VTI ↔ IKEv2 VTI (IOS-XE)', () => {
  it('clean: same key, same proposal', () => {
    const fx = vti(1) + vti(2);
    const { service, files } = checkDiagnostics(fx);
    assertNoErrors(service, files.map((f) => f.uri));
    assert.deepEqual(service.partners(files[0].uri), [files[1].uri]);
    assert.deepEqual(findingsOf(fx, 'ipsec/psk-mismatch'), []);
  });

  it('a changed PSK: ipsec/psk-mismatch on both keys, never showing them', () => {
    const fx =
      vti(1, { caret: '!                ^^^^^^^^ error ipsec/psk-mismatch\n' }) +
      vti(2, { keys: '  pre-shared-key Cisco124\n', caret: '!                ^^^^^^^^ error ipsec/psk-mismatch\n' });
    checkDiagnostics(fx);
    assert.doesNotMatch(allText(fx), /Cisco12[34]/);
  });

  it('a changed DH group: ipsec/ike-proposal-mismatch on both proposals', () => {
    const fx = vti(1) + vti(2, { group: '14' });
    assert.deepEqual(findingsOf(fx, 'ipsec/ike-proposal-mismatch'), ['r1.ios error crypto ikev2 proposal PROP', 'r2.ios error crypto ikev2 proposal PROP']);
    assert.deepEqual(findingsOf(fx, 'ipsec/psk-mismatch'), []);
  });

  it('asymmetric keys that agree (R1 local = R2 remote and R1 remote = R2 local): clean', () => {
    const fx = vti(1, { keys: '  pre-shared-key local KeyOfR1\n  pre-shared-key remote KeyOfR2\n' }) + vti(2, { keys: '  pre-shared-key local KeyOfR2\n  pre-shared-key remote KeyOfR1\n' });
    const { service, files } = checkDiagnostics(fx);
    assertNoErrors(service, files.map((f) => f.uri));
  });

  it('asymmetric keys that disagree: reported on the local key of one end and the remote key of the other', () => {
    // R1 signs with KeyOfR1, R2 expects KeyOfRl; the other direction (KeyOfR2) agrees.
    const fx =
      vti(1, { keys: '  pre-shared-key local KeyOfR1\n!                      ^^^^^^^ error ipsec/psk-mismatch\n  pre-shared-key remote KeyOfR2\n' }) +
      vti(2, { keys: '  pre-shared-key local KeyOfR2\n  pre-shared-key remote KeyOfRl\n!                       ^^^^^^^ error ipsec/psk-mismatch\n' });
    checkDiagnostics(fx);
    assert.doesNotMatch(allText(fx), /KeyOfR/);
  });

  it('an asymmetric end against a symmetric one: the symmetric key must equal both', () => {
    const ok = vti(1, { keys: '  pre-shared-key local Same\n  pre-shared-key remote Same\n' }) + vti(2, { keys: '  pre-shared-key Same\n' });
    const c = checkDiagnostics(ok);
    assertNoErrors(c.service, c.files.map((f) => f.uri));
    const bad =
      vti(1, { keys: '  pre-shared-key local Same\n  pre-shared-key remote Diff\n!                       ^^^^ error ipsec/psk-mismatch\n' }) +
      vti(2, { keys: '  pre-shared-key Same\n', caret: '!                ^^^^ error ipsec/psk-mismatch\n' });
    checkDiagnostics(bad);
  });

  it('IKEv1 on one end, IKEv2 on the other: ipsec/ike-version-mismatch on both', () => {
    const fx = vti(1) + vti(2, { ikev1: true });
    assert.deepEqual(findingsOf(fx, 'ipsec/ike-version-mismatch'), ['r1.ios error IPSEC', 'r2.ios error IPSEC']);
  });
});

// IKEv2 DMVPN: the hub answers any spoke with its keyring's `address 0.0.0.0 0.0.0.0` key.
const HUB = (key: string, caret = '') => `//- hub.ios
version 17.6
hostname HUB
!
crypto ikev2 proposal PROP
 encryption aes-cbc-256
 integrity sha256
 group 19
crypto ikev2 policy POL
 proposal PROP
!
crypto ikev2 keyring DMVPN-KR
 peer ANY
  address 0.0.0.0 0.0.0.0
  pre-shared-key ${key}
${caret} !
!
crypto ikev2 profile DMVPN-PROF
 match identity remote address 0.0.0.0
 authentication remote pre-share
 authentication local pre-share
 keyring local DMVPN-KR
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode transport
!
crypto ipsec profile DMVPN
 set transform-set TS
 set ikev2-profile DMVPN-PROF
!
interface Tunnel0
 ip address 10.10.10.1 255.255.255.0
 ip nhrp network-id 1
 ip nhrp map multicast dynamic
 tunnel source GigabitEthernet1
 tunnel mode gre multipoint
 tunnel key 1
 tunnel protection ipsec profile DMVPN
!
interface GigabitEthernet1
 ip address 1.1.1.2 255.255.255.252
`;
const SPOKE = (n: number, key: string, caret = '') => `//- spoke${n}.ios
version 17.6
hostname SPOKE${n}
!
crypto ikev2 proposal PROP
 encryption aes-cbc-256
 integrity sha256
 group 19
crypto ikev2 policy POL
 proposal PROP
!
crypto ikev2 keyring DMVPN-KR
 peer HUB
  address 1.1.1.2
  pre-shared-key ${key}
${caret} !
!
crypto ikev2 profile DMVPN-PROF
 match identity remote address 1.1.1.2 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local DMVPN-KR
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode transport
!
crypto ipsec profile DMVPN
 set transform-set TS
 set ikev2-profile DMVPN-PROF
!
interface Tunnel0
 ip address 10.10.10.${n + 1} 255.255.255.0
 ip nhrp network-id 1
 ip nhrp map 10.10.10.1 1.1.1.2
 ip nhrp map multicast 1.1.1.2
 ip nhrp nhs 10.10.10.1
 tunnel source GigabitEthernet1
 tunnel mode gre multipoint
 tunnel key 1
 tunnel protection ipsec profile DMVPN
!
interface GigabitEthernet1
 ip address ${n + 1}.${n + 1}.${n + 1}.${n + 1} 255.255.255.252
`;

describe('IKEv2 DMVPN hub ↔ spokes (IOS-XE)', () => {
  it('clean: the hub wildcard keyring key equals the spokes\' keys', () => {
    const fx = HUB('dmvpnKey') + SPOKE(1, 'dmvpnKey') + SPOKE(2, 'dmvpnKey');
    const { service, files } = checkDiagnostics(fx);
    assertNoErrors(service, files.map((f) => f.uri));
    assert.deepEqual(service.partners(files[0].uri).sort(), [files[1].uri, files[2].uri]);
  });

  it('a spoke with a changed key: ipsec/psk-mismatch on the spoke key and on the hub wildcard key', () => {
    const fx = HUB('dmvpnKey', '!                ^^^^^^^^ error ipsec/psk-mismatch\n') + SPOKE(1, 'dmvpnKex', '!                ^^^^^^^^ error ipsec/psk-mismatch\n') + SPOKE(2, 'dmvpnKey');
    checkDiagnostics(fx);
    assert.doesNotMatch(allText(fx), /dmvpnKe[xy]/);
  });

  it('an IKEv1 wildcard key on the hub is not what its IKEv2 responder uses', () => {
    const fx = HUB('dmvpnKey').replace('crypto ikev2 proposal PROP', 'crypto isakmp key dmvpnKex address 0.0.0.0 0.0.0.0\ncrypto ikev2 proposal PROP') + SPOKE(1, 'dmvpnKex');
    assert.deepEqual(findingsOf(fx, 'ipsec/psk-mismatch'), ['hub.ios error dmvpnKey', 'spoke1.ios error dmvpnKex']);
  });
});

describe('lifetimes between IKEv2 ends are not negotiated (RFC 7296 §2.8)', () => {
  const longer = (fx: string) =>
    fx
      .replace(' dpd 10 3 periodic\n', ' dpd 10 3 periodic\n lifetime 3600\n')
      .replace(' encryption aes 256\n', ' encryption aes 256\n lifetime 3600\n')
      .replace(' set transform-set TS\n', ' set transform-set TS\n set security-association lifetime seconds 1800\n');

  it('IKEv2 ↔ IKEv2 with different explicit IKE and child SA lifetimes: no ipsec/lifetime-mismatch', () => {
    const fx = longer(vti(1)) + vti(2);
    assert.match(fx, /lifetime 3600/);
    assert.deepEqual(findingsOf(fx, 'ipsec/lifetime-mismatch'), []);
  });

  it('the same difference between IKEv1 ends is still reported', () => {
    const fx = longer(vti(1, { ikev1: true })) + vti(2, { ikev1: true });
    assert.notDeepEqual(findingsOf(fx, 'ipsec/lifetime-mismatch'), []);
  });
});

describe('ipsec/weak-crypto and implicit default lists', () => {
  it('IKEv2 smart defaults (no proposal configured) offer strong choices first: not reported', () => {
    const fx = vti(1).replace(/crypto ikev2 proposal PROP\n(?: .*\n)*!\ncrypto ikev2 policy POL\n proposal PROP\n!\n/, '');
    assert.doesNotMatch(fx, /ikev2 proposal/);
    assert.deepEqual(findingsOf(fx, 'ipsec/weak-crypto'), []);
  });

  it('a weak default that is the only choice is still reported (IKEv1 policy without encryption: DES)', () => {
    const fx = vti(1, { ikev1: true }).replace(' encryption aes 256\n', '');
    assert.deepEqual(findingsOf(fx, 'ipsec/weak-crypto'), ['r1.ios warning crypto isakmp policy 10']);
  });
});

describe('a VTI negotiates any ↔ any', () => {
  it('the VTI peer proposes 0.0.0.0/0 ↔ 0.0.0.0/0', async () => {
    const { loadFixture } = await import('../helpers/fixture');
    const { service, files } = loadFixture(vti(1));
    const peer = service.getDevice(files[0].uri)!.ipsecPeers.find((p) => p.kind === 'tunnel-protection')!;
    assert.deepEqual(peer.selectors.map((s) => [s.local, s.remote, s.protocol]), [['0.0.0.0/0', '0.0.0.0/0', 'ip']]);
  });

  it('a VTI (any ↔ any) against a crypto map whose ACL names subnets: ipsec/selector-mismatch on both (a warning: one contains the other)', () => {
    const cryptoMapEnd = `//- r2.ios
version 17.6
hostname R2
crypto ikev2 proposal PROP
 encryption aes-cbc-256
 integrity sha256
 group 19
crypto ikev2 policy POL
 proposal PROP
crypto ikev2 keyring KR
 peer R1
  address 198.51.100.1
  pre-shared-key Cisco123
crypto ikev2 profile PROF
 match identity remote address 198.51.100.1 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
crypto map CM 10 ipsec-isakmp
 set peer 198.51.100.1
 set transform-set TS
 set ikev2-profile PROF
 match address VPN
ip access-list extended VPN
 permit ip 10.2.0.0 0.0.0.255 10.1.0.0 0.0.0.255
interface GigabitEthernet1
 ip address 198.51.100.2 255.255.255.0
 crypto map CM
`;
    const found = findingsOf(vti(1) + cryptoMapEnd, 'ipsec/selector-mismatch');
    assert.deepEqual(found, ['r1.ios warning IPSEC', 'r2.ios warning permit ip 10.2.0.0 0.0.0.255 10.1.0.0 0.0.0.255']);
  });
});
