// Source configs for the targets-*.test.ts files (gen-targets, issue 19): the examples/ scenarios plus two written
// here in real vendor syntax (an ASA site-to-site crypto map with IKEv1 and PFS, an IOS-XE IKEv2 crypto map).

import { readRepo } from './targets-harness';

export interface Source {
  /** Short name used in test titles and golden file names. */
  id: string;
  uri: string;
  text: string;
  /** The target id that regenerates this source's dialect. */
  dialect: 'cisco-ios' | 'cisco-asa' | 'routeros6' | 'routeros7' | 'openbsd' | 'bird';
  /** The address to generate for. */
  peer: string;
  /** The source's own choices are weak (weak-crypto findings on both ends are expected). */
  weak: boolean;
}

export const ASA_L2L = `: ASA site-to-site end (IKEv1 crypto map, PFS group 14) for the generate-peer tests
ASA Version 9.8(4)
!
hostname asa-hq
!
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 203.0.113.1 255.255.255.0
!
interface GigabitEthernet0/1
 nameif inside
 security-level 100
 ip address 10.10.0.1 255.255.255.0
!
object network HQ-LAN
 subnet 10.10.0.0 255.255.255.0
object network BRANCH-LAN
 subnet 192.168.50.0 255.255.255.0
access-list VPN-BRANCH extended permit ip object HQ-LAN object BRANCH-LAN
!
nat (inside,outside) source static HQ-LAN HQ-LAN destination static BRANCH-LAN BRANCH-LAN no-proxy-arp route-lookup
!
crypto ipsec ikev1 transform-set AES256-SHA esp-aes-256 esp-sha-hmac
crypto map OUTSIDE-MAP 10 match address VPN-BRANCH
crypto map OUTSIDE-MAP 10 set peer 198.51.100.7
crypto map OUTSIDE-MAP 10 set ikev1 transform-set AES256-SHA
crypto map OUTSIDE-MAP 10 set pfs group14
crypto map OUTSIDE-MAP 10 set security-association lifetime seconds 3600
crypto map OUTSIDE-MAP interface outside
crypto ikev1 enable outside
crypto ikev1 policy 10
 authentication pre-share
 encryption aes-256
 hash sha
 group 14
 lifetime 86400
tunnel-group 198.51.100.7 type ipsec-l2l
tunnel-group 198.51.100.7 ipsec-attributes
 ikev1 pre-shared-key Br4nch-Key
`;

export const IOS_IKEV2 = `! IOS-XE site-to-site end with IKEv2 (crypto map with an IKEv2 profile) for the generate-peer tests
version 16.9
hostname hq-ikev2
!
crypto ikev2 proposal PROP
 encryption aes-cbc-256
 integrity sha256
 group 14
!
crypto ikev2 policy POL
 proposal PROP
!
crypto ikev2 keyring KR
 peer BRANCH
  address 198.51.100.9
  pre-shared-key Ikev2-Lab-Key
 !
!
crypto ikev2 profile PROF
 match identity remote address 198.51.100.9 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
!
crypto map CMAP 10 ipsec-isakmp
 set peer 198.51.100.9
 set transform-set TS
 set pfs group14
 set ikev2-profile PROF
 match address VPN
!
interface GigabitEthernet1
 ip address 203.0.113.9 255.255.255.0
 crypto map CMAP
!
interface GigabitEthernet2
 ip address 10.20.0.1 255.255.255.0
!
ip access-list extended VPN
 permit ip 10.20.0.0 0.0.0.255 172.16.9.0 0.0.0.255
!
end
`;

/** Site-to-site sources: IOS (IKEv1 and IKEv2), ASA, RouterOS v6, OpenBSD. */
export function siteToSiteSources(): Source[] {
  const r1 = readRepo('examples/site-to-site-ios-routeros/r1.ios');
  const ros = readRepo('examples/site-to-site-ios-routeros/mikrotik.rsc');
  const obsd = readRepo('examples/openbsd-meraki/ipsec.conf');
  return [
    { id: 'ios-ikev1', ...r1, dialect: 'cisco-ios', peer: '10.0.0.2', weak: true },
    { id: 'ios-ikev2', uri: 'file:///sources/hq-ikev2.ios', text: IOS_IKEV2, dialect: 'cisco-ios', peer: '198.51.100.9', weak: false },
    { id: 'asa-ikev1', uri: 'file:///sources/asa-hq.asa', text: ASA_L2L, dialect: 'cisco-asa', peer: '198.51.100.7', weak: false },
    { id: 'routeros6', ...ros, dialect: 'routeros6', peer: '192.168.23.3', weak: true },
    { id: 'openbsd', ...obsd, dialect: 'openbsd', peer: '198.51.100.20', weak: true },
  ];
}

/** IOS GRE over IPsec (p2p GRE with tunnel protection, transport mode), the route-based source for RouterOS/OpenBSD. */
export const IOS_GRE = `! hq-gre: IOS GRE tunnel protected by an IPsec profile (route-based site-to-site) for the generate-peer tests
version 15.4
hostname hq-gre
!
crypto isakmp policy 10
 encryption aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key Gre-Lab-Key address 198.51.100.30
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode transport
!
crypto ipsec profile GRE-PROT
 set transform-set TS
!
interface Tunnel0
 ip address 172.30.0.1 255.255.255.252
 tunnel source GigabitEthernet0/0
 tunnel destination 198.51.100.30
 tunnel protection ipsec profile GRE-PROT
!
interface GigabitEthernet0/0
 ip address 203.0.113.30 255.255.255.0
!
interface GigabitEthernet0/1
 ip address 10.30.0.1 255.255.255.0
!
ip route 192.168.30.0 255.255.255.0 172.30.0.2
!
end
`;
