// Seed 004 (DMVPN single hub and dual hub with OSPF) reformatted from the blog's flattened lines into real
// IOS configs, shared by the fixture tests. Hosts: single hub R1 + spokes R2/R3; dual hub R0/R1 + spokes R2/R3.

export const IPSEC = `crypto isakmp policy 10
 authentication pre-share
crypto isakmp key cisco123 address 0.0.0.0 0.0.0.0
!
crypto ipsec transform-set mySet esp-aes esp-sha-hmac
!
crypto ipsec profile myDMVPN
 set security-association lifetime seconds 120
 set transform-set mySet
 set pfs group2
!`;

export const singleHub = {
  hub: `hostname R1
!
${IPSEC}
interface Tunnel0
 ip address 10.10.10.1 255.255.255.0
 ip nhrp network-id 1
 tunnel source FastEthernet0/0
 tunnel mode gre multipoint
 tunnel key 1
 tunnel protection ipsec profile myDMVPN
!
interface FastEthernet0/0
 ip address 1.1.1.2 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 1.1.1.1
`,
  spoke: (n: 2 | 3) => `hostname R${n}
!
${IPSEC}
interface Tunnel0
 ip address 10.10.10.${n} 255.255.255.0
 ip nhrp map 10.10.10.1 1.1.1.2
 ip nhrp network-id 1
 ip nhrp nhs 10.10.10.1
 tunnel source FastEthernet0/0
 tunnel destination 1.1.1.2
 tunnel key 1
 tunnel protection ipsec profile myDMVPN
!
interface FastEthernet0/0
 ip address ${n}.${n}.${n}.2 255.255.255.0
!
ip route 0.0.0.0 0.0.0.0 ${n}.${n}.${n}.1
`,
};

const hubConfig = (name: string, tunnel: number, tunnelNet: string, cost: number, lan: string, wan: string, gw: string) => `hostname ${name}
!
${IPSEC}
interface Tunnel${tunnel}
 ip address ${tunnelNet}.1 255.255.255.0
 no ip redirects
 ip nhrp network-id 1
 ip ospf network non-broadcast
 ip ospf cost ${cost}
 tunnel source FastEthernet2/1
 tunnel mode gre multipoint
 tunnel key 1
 tunnel protection ipsec profile myDMVPN
!
interface FastEthernet2/0
 ip address ${lan} 255.255.255.0
!
interface FastEthernet2/1
 ip address ${wan} 255.255.255.0
!
router ospf 1
 log-adjacency-changes
 network 10.0.0.0 0.0.0.255 area 10
 network 10.1.1.0 0.0.0.255 area 10
 network 10.10.10.0 0.0.0.255 area 10
!
ip route 0.0.0.0 0.0.0.0 ${gw}
`;

export const dualHub = {
  r0: hubConfig('R0', 0, '10.0.0', 10, '10.10.10.1', '10.4.0.1', '10.4.0.2'),
  r1: hubConfig('R1', 1, '10.1.1', 100, '10.10.10.2', '10.4.1.1', '10.4.1.2'),
  spoke: (n: 2 | 3) => `hostname R${n}
!
${IPSEC}
interface Loopback0
 ip address ${n}.${n}.${n}.${n} 255.255.255.255
!
interface Tunnel0
 ip address 10.0.0.${n} 255.255.255.0
 ip nhrp map 10.0.0.1 10.4.0.1
 ip nhrp network-id 1
 ip nhrp nhs 10.0.0.1
 ip ospf network non-broadcast
 ip ospf cost 10
 ip ospf priority 0
 tunnel source FastEthernet1/0
 tunnel destination 10.4.0.1
 tunnel key 1
 tunnel protection ipsec profile myDMVPN
!
interface Tunnel1
 ip address 10.1.1.${n} 255.255.255.0
 ip nhrp map 10.1.1.1 10.4.1.1
 ip nhrp network-id 1
 ip nhrp nhs 10.1.1.1
 ip ospf network non-broadcast
 ip ospf cost 100
 ip ospf priority 0
 tunnel source FastEthernet1/0
 tunnel destination 10.4.1.1
 tunnel key 1
 tunnel protection ipsec profile myDMVPN
!
interface FastEthernet1/0
 ip address 10.4.${n}.1 255.255.255.0
!
router ospf 1
 log-adjacency-changes
 network ${n}.${n}.${n}.${n} 0.0.0.0 area 10
 network 10.0.0.0 0.0.0.255 area 10
 network 10.1.1.0 0.0.0.255 area 10
 neighbor 10.0.0.1
 neighbor 10.1.1.1
!
ip route 0.0.0.0 0.0.0.0 10.4.${n}.2
`,
};

/** A fixture text (`//- name` headers) from named configs. */
export function fixture(files: Record<string, string>): string {
  return Object.entries(files)
    .map(([name, text]) => `//- ${name}\n${text}`)
    .join('');
}
