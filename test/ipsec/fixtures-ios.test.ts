// Real-syntax IPsec fixtures with Cisco IOS on one end: IOS ↔ RouterOS (seed 001), IOS ↔ IOS DMVPN with
// wildcard keys (seed 004), OpenBSD ↔ IOS. Each with a clean variant and quick-fix round trips.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lenses, summaryAt } from '../../server/src/analysis/summary';
import { assertNoErrors, checkDiagnostics, loadFixture } from '../helpers/fixture';
import { allText, errorsOf, roundTrip, under } from './fixture-util';

// Seed 001: "IPsec VPN Mikrotik to Cisco", both sides as published (the Cisco interface address added).
const R1 = (key: string, caret = '') => `//- r1.ios
hostname R1
!
crypto isakmp policy 1
 encr aes 256
 authentication pre-share
 group 2
crypto isakmp key ${key} address 10.0.0.2 no-xauth
${caret}!
crypto ipsec transform-set MYTRANSFORMSET esp-aes 256 esp-sha-hmac
 mode tunnel
!
crypto map MYCRYPTOMAP 10 ipsec-isakmp
 description Mikrotik VPN
 set peer 10.0.0.2
 set transform-set MYTRANSFORMSET
 match address ACLTRAFF
!
ip access-list extended ACLTRAFF
 permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255
!
interface FastEthernet1/0
 description Internet facing interface
 ip address 192.168.23.3 255.255.255.0
 crypto map MYCRYPTOMAP
`;

const MT_PEER = (secret: string) =>
  `/ip ipsec peer add address=192.168.23.3 port=500 auth-method=pre-shared-key secret=${secret} exchange-mode=main send-initial-contact=yes nat-traversal=yes proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no`;
const MT = (secret: string, caret = '') => `//- mt.rsc
# nov/23/2026 by RouterOS 6.48
/ip address add address=10.0.0.2/24 interface=ether1
/ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none
/ip ipsec policy add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
${MT_PEER(secret)}
${caret}`;

describe('IOS ↔ RouterOS (seed 001)', () => {
  const seed = R1('MYKEY', '!                 ^^^^^ error ipsec/psk-mismatch\n') + MT('MY_KEY', under(MT_PEER('MY_KEY'), 'MY_KEY', 'error ipsec/psk-mismatch'));

  it('catches secret=MY_KEY vs crypto isakmp key MYKEY on both ends', () => {
    checkDiagnostics(seed);
  });

  it('never shows either key', () => {
    assert.ok(!/MY_?KEY/.test(allText(seed)));
  });

  it('clean variant: the same key on both ends has no error', () => {
    const { service, files } = checkDiagnostics(R1('MYKEY') + MT('MYKEY'));
    assertNoErrors(service, files.map((f) => f.uri));
  });

  it('either PSK fix, from either file, makes both ends clean', () => {
    roundTrip(seed, 'r1.ios', 'ipsec/psk-mismatch', "Use mt.rsc's pre-shared key");
    roundTrip(seed, 'r1.ios', 'ipsec/psk-mismatch', 'Make mt.rsc use');
    roundTrip(seed, 'mt.rsc', 'ipsec/psk-mismatch', "Use R1's pre-shared key");
    roundTrip(seed, 'mt.rsc', 'ipsec/psk-mismatch', 'Make R1 use');
  });

  it('a phase 2 mismatch (esp-3des esp-md5-hmac vs aes-256/sha1) is caught on both ends; fixes round-trip', () => {
    const p2 = R1('MYKEY').replace('esp-aes 256 esp-sha-hmac', 'esp-3des esp-md5-hmac') + MT('MYKEY');
    assert.deepEqual(
      errorsOf(p2).map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['mt.rsc ipsec/esp-proposal-mismatch', 'r1.ios ipsec/esp-proposal-mismatch'],
    );
    roundTrip(p2, 'r1.ios', 'ipsec/esp-proposal-mismatch', 'Make this side match mt.rsc');
    roundTrip(p2, 'r1.ios', 'ipsec/esp-proposal-mismatch', 'Make mt.rsc match this side');
  });

  it('a phase 1 mismatch (group 14 vs modp1024) is caught on both ends; fixes round-trip', () => {
    const p1 = R1('MYKEY').replace(' group 2\n', ' group 14\n') + MT('MYKEY');
    assert.deepEqual(
      errorsOf(p1).map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['mt.rsc ipsec/ike-proposal-mismatch', 'r1.ios ipsec/ike-proposal-mismatch'],
    );
    roundTrip(p1, 'r1.ios', 'ipsec/ike-proposal-mismatch', 'Make this side match mt.rsc');
    roundTrip(p1, 'mt.rsc', 'ipsec/ike-proposal-mismatch', 'Make this side match R1');
  });

  it('selectors that are not mirror images are errors on both ends', () => {
    const sel = R1('MYKEY').replace('permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255', 'permit ip 192.168.0.0 0.0.0.255 192.168.99.0 0.0.0.255') + MT('MYKEY');
    assert.deepEqual(
      errorsOf(sel).map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['mt.rsc ipsec/selector-mismatch', 'r1.ios ipsec/selector-mismatch'],
    );
  });
});

// Seed 004: DMVPN hub and spoke secured with `crypto isakmp key … address 0.0.0.0 0.0.0.0`.
const CRYPTO = (key: string, caret = '') => `crypto isakmp policy 10
 encr aes 256
 authentication pre-share
 group 14
crypto isakmp key ${key} address 0.0.0.0 0.0.0.0
${caret}!
crypto ipsec transform-set mySet esp-aes esp-sha-hmac
!
crypto ipsec profile myDMVPN
 set transform-set mySet
!
`;
const HUB = (key: string, caret = '') => `//- hub.ios
hostname R1
${CRYPTO(key, caret)}interface Tunnel0
 ip address 10.10.10.1 255.255.255.0
 ip nhrp map multicast dynamic
 ip nhrp network-id 1
 tunnel source FastEthernet0/0
 tunnel mode gre multipoint
 tunnel key 1
 tunnel protection ipsec profile myDMVPN
!
interface FastEthernet0/0
 ip address 1.1.1.2 255.255.255.252
`;
const SPOKE = (n: number, key: string, caret = '') => `//- spoke${n}.ios
hostname R${n + 1}
${CRYPTO(key, caret)}interface Tunnel0
 ip address 10.10.10.${n + 1} 255.255.255.0
 ip nhrp map 10.10.10.1 1.1.1.2
 ip nhrp network-id 1
 ip nhrp nhs 10.10.10.1
 tunnel source FastEthernet0/0
 tunnel destination 1.1.1.2
 tunnel key 1
 tunnel protection ipsec profile myDMVPN
!
interface FastEthernet0/0
 ip address ${n + 1}.${n + 1}.${n + 1}.${n + 1} 255.255.255.252
`;

describe('IOS ↔ IOS DMVPN with wildcard keys (seed 004)', () => {
  it('clean: hub and two spokes with the same wildcard key', () => {
    const { service, files } = checkDiagnostics(HUB('cisco123') + SPOKE(1, 'cisco123') + SPOKE(2, 'cisco123'));
    assertNoErrors(service, files.map((f) => f.uri));
    // The hub (a wildcard responder) pairs with both spokes.
    assert.deepEqual(service.partners(files[0].uri).sort(), [files[1].uri, files[2].uri]);
  });

  it('a spoke with a different wildcard key: error on the spoke and on the hub (once per spoke)', () => {
    const fx =
      HUB('cisco123', '!                 ^^^^^^^^ error ipsec/psk-mismatch\n') +
      SPOKE(1, 'cisco12', '!                 ^^^^^^^ error ipsec/psk-mismatch\n') +
      SPOKE(2, 'cisco123');
    checkDiagnostics(fx);
    roundTrip(fx, 'spoke1.ios', 'ipsec/psk-mismatch', "Use R1's pre-shared key");
  });

  it('the hub-side fix would change the shared wildcard key (breaking the other spokes), so the spoke-side fix is preferred', () => {
    const fx = HUB('cisco123') + SPOKE(1, 'cisco12') + SPOKE(2, 'cisco123');
    const { service, files } = loadFixture(fx);
    const f = service.getFindings(files[0].uri).find((d) => d.code === 'ipsec/psk-mismatch')!;
    assert.deepEqual(
      f.fixes.map((x) => [x.title, x.isPreferred]),
      [
        ["Use R2's pre-shared key", false],
        ["Make R2 use this side's pre-shared key", true],
      ],
    );
    roundTrip(fx, 'hub.ios', 'ipsec/psk-mismatch', 'Make R2 use');
    // The non-preferred one really does break the other spoke.
    assert.deepEqual(
      errorsOf(fx.replace('crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0\n!\ncrypto ipsec transform-set mySet esp-aes esp-sha-hmac\n!\ncrypto ipsec profile myDMVPN\n set transform-set mySet\n!\ninterface Tunnel0\n ip address 10.10.10.1', 'crypto isakmp key cisco12 address 0.0.0.0 0.0.0.0\n!\ncrypto ipsec transform-set mySet esp-aes esp-sha-hmac\n!\ncrypto ipsec profile myDMVPN\n set transform-set mySet\n!\ninterface Tunnel0\n ip address 10.10.10.1')).map((l) => l.split(' ').slice(0, 2).join(' ')),
      ['hub.ios ipsec/psk-mismatch', 'spoke2.ios ipsec/psk-mismatch'],
    );
  });
});

// OpenBSD gateway ↔ IOS crypto map.
const OBSD = (extra: string) => `//- ipsec.conf
ike esp from 192.168.0.0/24 to 192.168.88.0/24 local 192.168.23.3 peer 10.0.0.2 \\
${extra}  psk MYKEY
`;
const IOS_B = `//- r2.ios
hostname R2
crypto isakmp policy 1
 encr aes 256
 authentication pre-share
 group 14
crypto isakmp key MYKEY address 192.168.23.3
!
crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
!
crypto map VPN 10 ipsec-isakmp
 set peer 192.168.23.3
 set transform-set TS
 match address VPNACL
!
ip access-list extended VPNACL
 permit ip 192.168.88.0 0.0.0.255 192.168.0.0 0.0.0.255
!
interface GigabitEthernet0/0
 ip address 10.0.0.2 255.255.255.0
 crypto map VPN
`;

describe('OpenBSD ↔ IOS', () => {
  it('OpenBSD defaults (aes/sha1/modp3072, quick sha2-256, PFS modp3072) do not meet an aes-256/sha1/group 14 router', () => {
    assert.deepEqual(errorsOf(OBSD('') + IOS_B).map((l) => l.split(' ').slice(0, 2).join(' ')), [
      'ipsec.conf ipsec/esp-proposal-mismatch',
      'ipsec.conf ipsec/ike-proposal-mismatch',
      'r2.ios ipsec/esp-proposal-mismatch',
      'r2.ios ipsec/ike-proposal-mismatch',
    ]);
    // The default PFS group is an asymmetry (IOS accepts a PFS offer as responder), a warning on both ends.
    const { service, files } = loadFixture(OBSD('') + IOS_B);
    assert.deepEqual(files.map((f) => service.getFindings(f.uri).filter((d) => d.code === 'ipsec/pfs-mismatch').map((d) => d.severity)), [['warning'], ['warning']]);
  });

  it('clean variant: explicit main/quick matching the router', () => {
    const fx = OBSD('  main auth hmac-sha1 enc aes-256 group modp2048 \\\n  quick auth hmac-sha1 enc aes-256 group none \\\n') + IOS_B;
    const { service, files } = checkDiagnostics(fx);
    assertNoErrors(service, files.map((f) => f.uri));
  });

  it('phase 1 fixes round-trip from both files', () => {
    const fx = OBSD('  main auth hmac-sha1 enc 3des group modp2048 \\\n  quick auth hmac-sha1 enc aes-256 group none \\\n') + IOS_B;
    roundTrip(fx, 'ipsec.conf', 'ipsec/ike-proposal-mismatch', 'Make this side match R2');
    roundTrip(fx, 'ipsec.conf', 'ipsec/ike-proposal-mismatch', 'Make R2 match this side');
    roundTrip(fx, 'r2.ios', 'ipsec/ike-proposal-mismatch', 'Make this side match ipsec.conf');
  });
});

describe('hover and lens on real syntax (seed 001)', () => {
  it('the crypto map hover shows both ends side by side, masked; the lens flags the PSK', () => {
    const { service, files } = loadFixture(R1('MYKEY') + MT('MY_KEY'));
    const r1 = service.getDevice(files[0].uri)!;
    const partners = service.partners(files[0].uri).map((u) => service.getDevice(u)!);
    const at = files[0].text.indexOf('crypto map MYCRYPTOMAP 10') + 3;
    const hover = summaryAt(r1, at, partners)!;
    assert.ok(hover);
    assert.match(hover.markdown, /\| \*\*R1\*\* \(this side\) \| \*\*mt\.rsc\*\* \|/);
    assert.match(hover.markdown, /aes-cbc-256 \/ sha1 \(default\) \/ modp1024 \(group 2\)/);
    assert.ok(!/MY_?KEY/.test(hover.markdown), hover.markdown);
    assert.ok(lenses(r1, partners).some((l) => l.title === '↔ mt.rsc: phase 1 ✓ · PSK ✗ · phase 2 ✓'), JSON.stringify(lenses(r1, partners)));
  });
});
