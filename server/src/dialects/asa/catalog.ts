// Cisco ASA command catalog: the IOS catalog (minus IOS-only commands) extended with ASA modes and commands
// (nameif, crypto ikev1/ikev2, tunnel-group, group-policy, capture, object …). Data only; depends on the IOS catalog.

import { buildCatalog, IOS_ENTRIES, IOS_MODE_NAMES, type IosCatalog, type IosCatalogEntry } from '../ios/catalog';
import { dict, lookup } from '../../model/dict';

const REF_ASA_VPN = 'https://www.cisco.com/c/en/us/td/docs/security/asa/asa916/configuration/vpn/asa-916-vpn-config.html';
const REF_ASA_CMD = 'https://www.cisco.com/c/en/us/td/docs/security/asa/asa-cli-reference/A-H/asa-command-ref-A-H.html';
const REF_ASA_OBJ = 'https://www.cisco.com/c/en/us/td/docs/security/asa/asa916/configuration/firewall/asa-916-firewall-config/access-objects.html';
const U5 = ' (ASA default commonly quoted for 8.4+, unconfirmed: interop-rules U-5)';

type Opts = Omit<IosCatalogEntry, 'mode' | 'path' | 'syntax' | 'doc'>;
function e(mode: string, path: string, syntax: string, doc: string, opts: Opts = {}): IosCatalogEntry {
  return { mode, path: path.split(' '), syntax, doc, ...opts };
}

/** ASA-only commands and ASA overrides of IOS entries (later entries win in the catalog). */
export const ASA_ENTRIES: IosCatalogEntry[] = [
  e('global', 'asa version', 'ASA Version X.Y(Z)', 'Written by the ASA at the top of its configuration: the software version it was saved from.'),
  e('global', 'crypto map', 'crypto map NAME SEQ {match address ACL|set peer IP…|set ikev1 transform-set T…|set ikev2 ipsec-proposal P…|set pfs [groupN]|ipsec-isakmp dynamic DYN} | crypto map NAME interface IFNAME', 'On the ASA every crypto map setting is its own global line keyed by map name and sequence number; `crypto map NAME interface IFNAME` applies the map to an interface (by nameif).', { ref: REF_ASA_VPN }),
  e('global', 'crypto dynamic-map', 'crypto dynamic-map NAME SEQ set …', 'A dynamic crypto map entry (responder template for peers with unknown addresses, e.g. remote-access clients).', { ref: REF_ASA_VPN }),
  e('global', 'crypto ikev1 policy', 'crypto ikev1 policy PRIORITY', 'An IKEv1 phase-1 proposal (authentication, encryption, hash, group, lifetime).' + U5, { enters: 'ikev1-policy', ref: REF_ASA_VPN }),
  e('global', 'crypto isakmp policy', 'crypto isakmp policy PRIORITY', 'IKEv1 phase-1 proposal (ASA 8.2 and older syntax).', { enters: 'ikev1-policy', ref: REF_ASA_VPN }),
  e('global', 'crypto ikev2 policy', 'crypto ikev2 policy PRIORITY', 'An IKEv2 proposal: encryption, integrity, PRF, DH groups, lifetime.', { enters: 'asa-ikev2-policy', ref: REF_ASA_VPN }),
  e('global', 'crypto ikev1 enable', 'crypto ikev1 enable IFNAME', 'Enables IKEv1 on an interface (by nameif).', { ref: REF_ASA_VPN }),
  e('global', 'crypto ikev2 enable', 'crypto ikev2 enable IFNAME', 'Enables IKEv2 on an interface (by nameif).', { ref: REF_ASA_VPN }),
  e('global', 'crypto isakmp enable', 'crypto isakmp enable IFNAME', 'Enables IKEv1 on an interface (ASA 8.2 syntax).'),
  e('global', 'crypto ipsec ikev1 transform-set', 'crypto ipsec ikev1 transform-set NAME ENC AUTH | … NAME mode transport', 'An IKEv1 phase-2 proposal, e.g. `esp-aes-256 esp-sha-hmac`.', { ref: REF_ASA_VPN }),
  e('global', 'crypto ipsec transform-set', 'crypto ipsec transform-set NAME ENC AUTH', 'Phase-2 proposal (ASA 8.2 syntax).'),
  e('global', 'crypto ipsec ikev2 ipsec-proposal', 'crypto ipsec ikev2 ipsec-proposal NAME', 'An IKEv2 phase-2 proposal; its `protocol esp encryption` / `protocol esp integrity` lines list algorithms.', { enters: 'ipsec-proposal', ref: REF_ASA_VPN }),
  e('global', 'tunnel-group', 'tunnel-group NAME {type ipsec-l2l|remote-access|general-attributes|ipsec-attributes}', 'A connection profile. For site-to-site peers with pre-shared keys the name must be the peer\'s IP address (main mode finds the key by address); remote-access clients select the group by name.', {
    enters: (a) => lookup({ 'general-attributes': 'tunnel-group-general', 'ipsec-attributes': 'tunnel-group-ipsec' }, a[1] ?? '') ?? (a[1] && a[1].endsWith('-attributes') ? 'tunnel-group-other' : undefined),
    ref: REF_ASA_VPN,
  }),
  e('global', 'group-policy', 'group-policy NAME {internal|external|attributes}', 'A group policy: settings pushed to VPN sessions (split tunnelling, pools, filters).', { enters: (a) => (a[1]?.toLowerCase() === 'attributes' ? 'group-policy' : undefined), ref: REF_ASA_VPN }),
  e('global', 'username', 'username NAME password SECRET [encrypted|pbkdf2] [privilege N] | username NAME attributes', 'A local user. The password is a secret and is never shown.', { enters: (a) => (a[1]?.toLowerCase() === 'attributes' ? 'username-attributes' : undefined) }),
  e('global', 'access-list', 'access-list NAME [line N] {extended|standard|remark|webtype|ethertype} …', 'An ACL line. ASA ACLs use network masks (not wildcards) and may mix entry types, but some features (e.g. `capture … access-list`) refuse lists that mix standard and extended entries.', { ref: REF_ASA_CMD }),
  e('global', 'access-group', 'access-group ACL {in|out} interface IFNAME | access-group ACL global', 'Applies an ACL to an interface or globally.'),
  e('global', 'capture', 'capture NAME [type T] [access-list ACL] [interface IFNAME] [match PROTO SRC DST] [buffer N] …', 'A packet capture. `access-list` selects packets with an ACL (standard and extended entries cannot be mixed); `match` gives an inline filter that captures both directions.', { ref: REF_ASA_CMD }),
  e('global', 'object network', 'object network NAME', 'A network object: one `host`, `subnet`, `range` or `fqdn`, plus an optional object NAT rule. ACL lines, object-groups and NAT rules refer to it as `object NAME`; in a crypto ACL it stands for its addresses (a range for the exact list of prefixes covering it).', { enters: 'object-network', ref: REF_ASA_OBJ }),
  e('global', 'object service', 'object service NAME', 'A service object (protocol and ports), used in the protocol position of ACL lines as `object NAME`.', { enters: 'object-service', ref: REF_ASA_OBJ }),
  e('global', 'object-group', 'object-group {network|service [tcp|udp|tcp-udp]|protocol|icmp-type} NAME', 'A named group of network objects, services, protocols or ICMP types. Network groups stand for the union of their members\' addresses (nested `group-object` groups included) wherever an ACL line takes an address.', { enters: 'object-group', ref: REF_ASA_OBJ }),
  e('global', 'service-policy', 'service-policy POLICY {global|interface IFNAME}', 'Applies a policy map globally or to an interface.'),
  e('global', 'names', 'names', 'Enables `name` aliases for addresses.'),
  e('global', 'name', 'name ADDRESS NAME', 'An alias for an address.'),
  e('global', 'nat', 'nat (REAL,MAPPED) …', 'Twice NAT rule.'),
  e('global', 'route', 'route IFNAME PREFIX MASK GATEWAY [DISTANCE]', 'A static route.'),
  e('global', 'same-security-traffic', 'same-security-traffic permit {inter-interface|intra-interface}', 'Allows traffic between interfaces of the same security level.'),
  e('global', 'management-access', 'management-access IFNAME', 'Allows management access to an interface address over VPN.'),
  e('global', 'mtu', 'mtu IFNAME BYTES', 'MTU of an interface, by nameif (global command on the ASA).', { default: '1500' }),
  e('global', 'failover', 'failover …', 'Failover configuration.'),
  // interface
  e('interface', 'nameif', 'nameif NAME', 'The logical name of the interface, used by every other ASA command that refers to it.', { ref: REF_ASA_CMD }),
  e('interface', 'security-level', 'security-level 0-100', 'Trust level of the interface (higher may reach lower by default).', { ref: REF_ASA_CMD }),
  e('interface', 'management-only', 'management-only', 'Accepts only management traffic.'),
  e('interface', 'vlan', 'vlan ID', 'VLAN tag of a subinterface (`interface Gi0/1.10`): its traffic is sent and received tagged with this id on the parent port.', { ref: REF_ASA_CMD }),
  e('interface', 'member-interface', 'member-interface PHYSICAL', 'A physical port of a redundant interface (`interface Redundant1`); the first one added is active, the other takes over when it fails.', { ref: REF_ASA_CMD }),
  e('interface', 'ospf network', 'ospf network point-to-point non-broadcast', 'OSPF network type (the ASA supports broadcast and point-to-point non-broadcast).', { default: 'broadcast' }),
  e('interface', 'ospf hello-interval', 'ospf hello-interval SECONDS', 'OSPF hello interval.', { default: '10 s' }),
  e('interface', 'ospf dead-interval', 'ospf dead-interval SECONDS', 'OSPF dead interval.', { default: '40 s' }),
  e('interface', 'ospf priority', 'ospf priority 0-255', 'OSPF DR priority.', { default: '1' }),
  e('interface', 'ospf cost', 'ospf cost N', 'OSPF cost.'),
  e('interface', 'ospf authentication', 'ospf authentication [message-digest|null]', 'OSPF authentication type.'),
  e('interface', 'ospf authentication-key', 'ospf authentication-key KEY', 'Simple OSPF key (secret).'),
  e('interface', 'ospf message-digest-key', 'ospf message-digest-key ID md5 KEY', 'MD5 OSPF key (secret).'),
  e('interface', 'ospf mtu-ignore', 'ospf mtu-ignore', 'Skips the OSPF MTU check.'),
  // ikev1 policy
  e('ikev1-policy', 'authentication', 'authentication {pre-share|rsa-sig|crack}', 'Phase-1 authentication method.', { default: 'pre-share' + U5, values: ['pre-share', 'rsa-sig', 'crack'] }),
  e('ikev1-policy', 'encryption', 'encryption {des|3des|aes|aes-192|aes-256}', 'Phase-1 encryption.', { default: '3des' + U5, values: ['des', '3des', 'aes', 'aes-192', 'aes-256'] }),
  e('ikev1-policy', 'hash', 'hash {md5|sha}', 'Phase-1 hash (`sha` is SHA-1).', { default: 'sha' + U5, values: ['md5', 'sha'] }),
  e('ikev1-policy', 'group', 'group {1|2|5|14|…}', 'Phase-1 Diffie-Hellman group.', { default: '2' + U5, values: ['1', '2', '5', '14', '19', '20', '21', '24'] }),
  e('ikev1-policy', 'lifetime', 'lifetime SECONDS', 'Phase-1 SA lifetime.', { default: '86400 s' + U5 }),
  // ikev2 policy
  e('asa-ikev2-policy', 'encryption', 'encryption ALG…', 'IKEv2 encryption algorithms.', { values: ['aes', 'aes-192', 'aes-256', 'aes-gcm', 'aes-gcm-192', 'aes-gcm-256', '3des', 'des'] }),
  e('asa-ikev2-policy', 'integrity', 'integrity ALG…', 'IKEv2 integrity algorithms.', { values: ['sha', 'sha256', 'sha384', 'sha512', 'md5', 'null'] }),
  e('asa-ikev2-policy', 'group', 'group N…', 'IKEv2 DH groups.'),
  e('asa-ikev2-policy', 'prf', 'prf ALG…', 'IKEv2 PRF algorithms.'),
  e('asa-ikev2-policy', 'lifetime', 'lifetime seconds N', 'IKEv2 SA lifetime.', { default: '86400 s' }),
  // ipsec-proposal
  e('ipsec-proposal', 'protocol esp encryption', 'protocol esp encryption ALG…', 'ESP encryption algorithms of the proposal.', { values: ['aes', 'aes-192', 'aes-256', 'aes-gcm', 'aes-gcm-192', 'aes-gcm-256', '3des', 'des', 'null'] }),
  e('ipsec-proposal', 'protocol esp integrity', 'protocol esp integrity ALG…', 'ESP integrity algorithms of the proposal.', { values: ['sha-1', 'sha-256', 'sha-384', 'sha-512', 'md5', 'null'] }),
  // tunnel-group
  e('tunnel-group-general', 'address-pool', 'address-pool POOL…', 'Address pools for remote-access clients.'),
  e('tunnel-group-general', 'default-group-policy', 'default-group-policy NAME', 'Group policy applied to sessions of this tunnel group.', { default: 'DfltGrpPolicy' }),
  e('tunnel-group-general', 'authentication-server-group', 'authentication-server-group NAME', 'AAA server group for user authentication.'),
  e('tunnel-group-ipsec', 'ikev1 pre-shared-key', 'ikev1 pre-shared-key KEY', 'IKEv1 pre-shared key of this tunnel group. `show running-config` masks it as `*****`.', { ref: REF_ASA_VPN }),
  e('tunnel-group-ipsec', 'pre-shared-key', 'pre-shared-key KEY', 'Pre-shared key (ASA 8.2 syntax).'),
  e('tunnel-group-ipsec', 'ikev2 remote-authentication', 'ikev2 remote-authentication pre-shared-key KEY', 'Key the peer must authenticate with (IKEv2).'),
  e('tunnel-group-ipsec', 'ikev2 local-authentication', 'ikev2 local-authentication pre-shared-key KEY', 'Key this ASA authenticates with (IKEv2).'),
  e('tunnel-group-ipsec', 'isakmp keepalive', 'isakmp keepalive threshold N retry N', 'Dead peer detection.'),
  e('tunnel-group-ipsec', 'peer-id-validate', 'peer-id-validate {req|cert|nocheck}', 'Peer identity validation.'),
  // group-policy attributes
  e('group-policy', 'split-tunnel-policy', 'split-tunnel-policy {tunnelall|tunnelspecified|excludespecified}', 'What client traffic goes through the tunnel.', { values: ['tunnelall', 'tunnelspecified', 'excludespecified'] }),
  e('group-policy', 'split-tunnel-network-list', 'split-tunnel-network-list value ACL', 'Standard ACL of the networks tunnelled (or excluded) for clients.'),
  // VTI (ASA 9.7+): a tunnel interface protected by an IPsec profile; the ASA has no GRE.
  e('global', 'crypto ipsec profile', 'crypto ipsec profile NAME', 'IPsec settings of a virtual tunnel interface (VTI, ASA 9.7+): IKEv1 transform sets or IKEv2 IPsec proposals, PFS, SA lifetime. The peer\'s key is in the tunnel group named by its address.', { enters: 'ipsec-profile', ref: REF_ASA_VPN }),
  e('ipsec-profile', 'set ikev1 transform-set', 'set ikev1 transform-set NAME…', 'IKEv1 phase-2 proposals of the VTI (`crypto ipsec ikev1 transform-set`).', { ref: REF_ASA_VPN }),
  e('ipsec-profile', 'set ikev2 ipsec-proposal', 'set ikev2 ipsec-proposal NAME…', 'IKEv2 phase-2 proposals of the VTI (`crypto ipsec ikev2 ipsec-proposal`); with no IKEv1 transform set the VTI speaks IKEv2.', { ref: REF_ASA_VPN }),
  e('ipsec-profile', 'set pfs', 'set pfs [group1|group2|group5|group14|group15|group16|group19|group20|group21]', 'Perfect forward secrecy with a DH group (`set pfs` alone: group 2).', { default: 'no PFS requested', ref: REF_ASA_VPN }),
  e('ipsec-profile', 'set security-association lifetime', 'set security-association lifetime {seconds N|kilobytes {N|unlimited}}', 'Phase-2 SA lifetime of the VTI.', { default: 'the global `crypto ipsec security-association lifetime` (28800 s)' }),
  e('ipsec-profile', 'responder-only', 'responder-only', 'The VTI only answers: it never initiates IKE.'),
  e('interface', 'tunnel source', 'tunnel source interface NAMEIF', 'Source of the VTI\'s IPsec packets: the address of the interface with this nameif.', { ref: REF_ASA_VPN }),
  e('interface', 'tunnel mode', 'tunnel mode ipsec {ipv4|ipv6}', 'A VTI, carried over IPv4 or IPv6 (the ASA has no GRE).', { default: 'ipsec ipv4', ref: REF_ASA_VPN }),
  e('group-policy', 'vpn-tunnel-protocol', 'vpn-tunnel-protocol PROTO…', 'Tunnel protocols allowed for the group.'),
  e('group-policy', 'address-pools', 'address-pools value POOL…', 'Address pools for the group.'),
  e('group-policy', 'vpn-filter', 'vpn-filter value ACL', 'ACL applied to decrypted VPN traffic.'),
  e('group-policy', 'dns-server', 'dns-server value A…', 'DNS servers for clients.'),
  e('group-policy', 'default-domain', 'default-domain value NAME', 'DNS domain for clients.'),
  // objects
  e('object-network', 'host', 'host ADDRESS', 'The object is one host (IPv4 or IPv6).', { ref: REF_ASA_OBJ }),
  e('object-network', 'subnet', 'subnet ADDRESS MASK | subnet PREFIX/LENGTH', 'The object is a subnet: an IPv4 address and network mask, or an IPv6 prefix.', { ref: REF_ASA_OBJ }),
  e('object-network', 'range', 'range FIRST LAST', 'The object is an address range (inclusive). netcfg models it as the exact list of prefixes covering it, as the ASA expands it into access-list entries.', { ref: REF_ASA_OBJ }),
  e('object-network', 'fqdn', 'fqdn [v4|v6] NAME', 'The object is a DNS name, resolved by the ASA at run time: netcfg cannot know its addresses and does not compare crypto selectors that use it.', { ref: REF_ASA_OBJ }),
  e('object-network', 'nat', 'nat (REAL,MAPPED) …', 'Object NAT for the object.'),
  e('object-network', 'description', 'description TEXT', 'Free text.'),
  e('object-service', 'service', 'service PROTO [source OP PORT] [destination OP PORT]', 'The service of the object.'),
  // object-group members
  e('object-group', 'network-object', 'network-object {host ADDRESS | ADDRESS MASK | PREFIX/LENGTH | object NAME}', 'A member of a network object-group: a host, a subnet or a network object.', { ref: REF_ASA_OBJ }),
  e('object-group', 'group-object', 'group-object GROUP', 'Nests another object-group of the same type; its members belong to this group too.', { ref: REF_ASA_OBJ }),
  e('object-group', 'service-object', 'service-object {PROTO [source OP PORT] [destination OP PORT] | object NAME}', 'A member of a service object-group: a protocol with optional ports, or a service object.', { ref: REF_ASA_OBJ }),
  e('object-group', 'port-object', 'port-object {eq PORT | range FIRST LAST}', 'A port of a TCP/UDP service object-group (`object-group service NAME tcp`).', { ref: REF_ASA_OBJ }),
  e('object-group', 'protocol-object', 'protocol-object PROTO', 'A protocol of a protocol object-group.', { ref: REF_ASA_OBJ }),
  e('object-group', 'icmp-object', 'icmp-object TYPE', 'An ICMP type of an icmp-type object-group.', { ref: REF_ASA_OBJ }),
  e('object-group', 'description', 'description TEXT', 'Free text.'),
  e('policy-map-class', 'set connection', 'set connection {timeout …|conn-max N|…}', 'Connection settings for the class, e.g. `set connection timeout dcd` (dead connection detection).'),
];

export const ASA_MODE_NAMES: Record<string, string> = dict({
  ...IOS_MODE_NAMES,
  'ikev1-policy': 'crypto ikev1 policy',
  'asa-ikev2-policy': 'crypto ikev2 policy',
  'ipsec-proposal': 'crypto ipsec ikev2 ipsec-proposal',
  'tunnel-group-general': 'tunnel-group general-attributes',
  'tunnel-group-ipsec': 'tunnel-group ipsec-attributes',
  'group-policy': 'group-policy attributes',
  'object-network': 'object network',
  'object-service': 'object service',
});

/** The ASA catalog: IOS entries that also exist on the ASA, plus ASA entries (overriding same paths). */
export const ASA_CATALOG: IosCatalog = buildCatalog(
  'cisco-asa',
  [...IOS_ENTRIES.filter((x) => !x.iosOnly), ...ASA_ENTRIES],
  ASA_MODE_NAMES,
);
