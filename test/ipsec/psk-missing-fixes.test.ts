// ipsec/psk-missing quick fixes on real syntax: the side without a key gets the other end's key added in its own
// syntax (IOS `crypto isakmp key`, ASA L2L tunnel-group, RouterOS v6 `secret=` / v7 identity), from either file;
// afterwards both ends check clean, and the key never appears in a message, related message or fix title.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findingsOf, fixAndCheck, allText } from './fixture-util';

const CODE = 'ipsec/psk-missing';
const KEY = 'Zq7SecretPsk';

const IOS = (key: boolean) => `//- r1.ios
hostname R1
crypto isakmp policy 1
 encr aes 256
 authentication pre-share
 group 2
${key ? `crypto isakmp key ${KEY} address 10.0.0.2\n` : ''}crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
crypto map VPN 10 ipsec-isakmp
 set peer 10.0.0.2
 set transform-set TS
 match address ACLTRAFF
ip access-list extended ACLTRAFF
 permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255
interface FastEthernet1/0
 ip address 192.168.23.3 255.255.255.0
 crypto map VPN
`;

const MT6 = (secret: boolean) => `//- mt.rsc
# nov/23/2026 by RouterOS 6.48
/ip address add address=10.0.0.2/24 interface=ether1
/ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none
/ip ipsec policy add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
/ip ipsec peer add address=192.168.23.3 auth-method=pre-shared-key${secret ? ` secret=${KEY}` : ''} exchange-mode=main hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no
`;

const MT7 = (identity: boolean) => `//- mt.rsc
# 2026-11-23 12:00:00 by RouterOS 7.11
/ip address add address=10.0.0.2/24 interface=ether1
/ip ipsec profile add name=P1 hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024
/ip ipsec peer add name=GW address=192.168.23.3/32 profile=P1 exchange-mode=main
${identity ? `/ip ipsec identity add peer=GW secret=${KEY}\n` : ''}/ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none
/ip ipsec policy add peer=GW src-address=192.168.88.0/24 dst-address=192.168.0.0/24 tunnel=yes proposal=MyProposal
`;

describe('psk-missing fixes: IOS ↔ RouterOS', () => {
  it('IOS without a key: an error on both ends; either fix adds `crypto isakmp key … address 10.0.0.2`', () => {
    const fx = IOS(false) + MT6(true);
    assert.deepEqual(findingsOf(fx, CODE).map((l) => l.split(' ').slice(0, 2).join(' ')), ['mt.rsc error', 'r1.ios error']);
    const want = `\ncrypto isakmp key ${KEY} address 10.0.0.2\n`;
    assert.ok(fixAndCheck(fx, 'r1.ios', CODE, "Use mt.rsc's pre-shared key").get('r1.ios')!.includes(want));
    assert.ok(fixAndCheck(fx, 'mt.rsc', CODE, "Make R1 use this side's pre-shared key").get('r1.ios')!.includes(want));
    assert.ok(!allText(fx).includes(KEY));
  });

  it('RouterOS v6 peer without `secret=`: the fix adds it to the peer', () => {
    const fx = IOS(true) + MT6(false);
    assert.deepEqual(findingsOf(fx, CODE).map((l) => l.split(' ').slice(0, 2).join(' ')), ['mt.rsc error', 'r1.ios error']);
    const want = `generate-policy=no secret=${KEY}\n`;
    assert.ok(fixAndCheck(fx, 'mt.rsc', CODE, "Use R1's pre-shared key").get('mt.rsc')!.includes(want));
    assert.ok(fixAndCheck(fx, 'r1.ios', CODE, "Make mt.rsc use this side's pre-shared key").get('mt.rsc')!.includes(want));
    assert.ok(!allText(fx).includes(KEY));
  });

  it('RouterOS v7 peer without an identity: the fix adds `/ip ipsec identity add peer=GW secret=…`', () => {
    const fx = IOS(true) + MT7(false);
    assert.deepEqual(findingsOf(fx, CODE).map((l) => l.split(' ').slice(0, 2).join(' ')), ['mt.rsc error', 'r1.ios error']);
    const t = fixAndCheck(fx, 'r1.ios', CODE, "Make mt.rsc use this side's pre-shared key").get('mt.rsc')!;
    assert.ok(t.includes(`exchange-mode=main\n/ip ipsec identity add peer=GW secret=${KEY}\n`), t);
    assert.ok(!allText(fx).includes(KEY));
  });
});

const ASA = (group: boolean) => `//- fw.asa
: Saved
ASA Version 9.8(4)
hostname fw
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 10.0.0.2 255.255.255.0
access-list VPN extended permit ip 192.168.88.0 255.255.255.0 192.168.0.0 255.255.255.0
crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac
crypto map OUTSIDE_MAP 10 match address VPN
crypto map OUTSIDE_MAP 10 set peer 192.168.23.3
crypto map OUTSIDE_MAP 10 set ikev1 transform-set TS
crypto map OUTSIDE_MAP interface outside
crypto ikev1 enable outside
crypto ikev1 policy 10
 authentication pre-share
 encryption aes-256
 hash sha
 group 2
${group ? `tunnel-group 192.168.23.3 type ipsec-l2l\ntunnel-group 192.168.23.3 ipsec-attributes\n ikev1 pre-shared-key ${KEY}\n` : ''}`;

describe('psk-missing fixes: ASA ↔ IOS', () => {
  it('ASA without a tunnel-group for the peer: the fix adds the L2L tunnel-group with the key', () => {
    const fx = ASA(false) + IOS(true);
    assert.deepEqual(findingsOf(fx, CODE).map((l) => l.split(' ').slice(0, 2).join(' ')), ['fw.asa error', 'r1.ios error']);
    const want = `\ntunnel-group 192.168.23.3 type ipsec-l2l\ntunnel-group 192.168.23.3 ipsec-attributes\n ikev1 pre-shared-key ${KEY}`;
    assert.ok(fixAndCheck(fx, 'fw.asa', CODE, "Use R1's pre-shared key").get('fw.asa')!.includes(want));
    assert.ok(fixAndCheck(fx, 'r1.ios', CODE, "Make fw use this side's pre-shared key").get('fw.asa')!.includes(want));
    assert.ok(!allText(fx).includes(KEY));
  });

  it('IOS without a key, ASA with one: the IOS key is added', () => {
    const fx = ASA(true) + IOS(false);
    assert.ok(fixAndCheck(fx, 'fw.asa', CODE, "Make R1 use this side's pre-shared key").get('r1.ios')!.includes(`\ncrypto isakmp key ${KEY} address 10.0.0.2\n`));
  });
});
