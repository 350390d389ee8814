// The Cisco IOS/IOS-XE command tree by configuration mode, as data: keyword paths, syntax, a short doc, defaults and
// a reference. The parser resolves (abbreviated) keywords against it; completion and hover read it. ASA extends it.
// Depends on nothing but itself.
import { dict } from '../../model/dict';
import { lowerCase, seedSharedWord } from './store';


/** A configuration mode (`global`, `interface`, `isakmp-policy`, …). */
export type IosModeId = string;

/** One command of a mode. `path` is its canonical keyword path; everything after it is arguments. */
export interface IosCatalogEntry {
  mode: IosModeId;
  path: string[];
  syntax: string;
  /** One paragraph, in our own words. */
  doc: string;
  /** The value in effect when the command is absent (per platform/version where it differs). */
  default?: string;
  ref?: string;
  /** Mode entered by this command, possibly depending on its arguments (words after `path`). */
  enters?: IosModeId | ((args: string[]) => IosModeId | undefined);
  /** Keyword values of the first argument (completion). */
  values?: string[];
  /** Only on IOS (not inherited by ASA). */
  iosOnly?: boolean;
}

interface TrieNode {
  /** The canonical keyword that leads to this node ('' at a mode's root). */
  key: string;
  children: Map<string, TrieNode>;
  keys: string[];
  /** `keys` in code-unit order (made on the first abbreviation lookup): the keywords a word abbreviates are a run. */
  sorted?: string[];
  entry?: IosCatalogEntry;
  /** `entryId(entry)`, 0 without an entry. */
  entryId: number;
}

/**
 * Entry ids (issue 16): a parse node holds a small integer for its catalog entry and reads the entry, its path and
 * its path key from these tables (array loads of one shape, where the entries themselves have many shapes). Ids 0–4
 * are the nodes without an entry: none (comments, the root), an unknown command (key ''), and the `exit`-like lines
 * (their one-word paths).
 */
export const ENTRY_NONE = 0;
export const ENTRY_UNKNOWN = 1;
export const ENTRY_EXIT = 2;
export const ENTRY_EXIT_AF = 3;
export const ENTRY_QUIT = 4;
const NO_PATH = Object.freeze([]) as unknown as string[];
export const ENTRY_TABLE: (IosCatalogEntry | undefined)[] = [undefined, undefined, undefined, undefined, undefined];
/** Paths by id (shared arrays: never modify them). */
export const ENTRY_PATHS: string[][] = [NO_PATH, NO_PATH, Object.freeze(['exit']) as string[], Object.freeze(['exit-address-family']) as string[], Object.freeze(['quit']) as string[]];
export const ENTRY_KEYS: (string | undefined)[] = [undefined, '', undefined, undefined, undefined];
const entryIds = new WeakMap<IosCatalogEntry, number>();

/** The id of a catalog entry (registered on first use; an entry shared by two catalogs has one id). */
export function entryId(entry: IosCatalogEntry): number {
  let id = entryIds.get(entry);
  if (id === undefined) {
    id = ENTRY_TABLE.length;
    ENTRY_TABLE.push(entry);
    ENTRY_PATHS.push(entry.path);
    ENTRY_KEYS.push(entry.path.join(' '));
    entryIds.set(entry, id);
  }
  return id;
}

/** A command tree per mode, built from entries. */
export interface IosCatalog {
  name: string;
  modes: Map<IosModeId, TrieNode>;
  entries: IosCatalogEntry[];
  /** Human name of each mode (hover, errors). */
  modeNames: Record<string, string>;
}

export interface IosResolution {
  entry?: IosCatalogEntry;
  /** Canonical keywords matched (may be longer than the entry's path when intermediate keywords matched). */
  path: string[];
  /** Number of words (from the start index) consumed by `entry.path`. */
  consumed: number;
}

const REF_SEC = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/security/s1/sec-s1-cr-book.html';
const REF_IKE = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_conn_ikevpn/configuration/xe-16/sec-ike-for-ipsec-vpns-xe-16-book.html';
/** Cisco "FlexVPN and Internet Key Exchange Version 2 Configuration Guide" (IKEv2 proposals, policies, keyrings, profiles, Smart Defaults). */
const REF_IKEV2 = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_conn_ike2vpn/configuration/xe-16/sec-flex-vpn-xe-16-book.html';
const REF_IPSEC = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_conn_imgmt/configuration/xe-16/sec-ipsec-management-xe-16-book.html';
const REF_DMVPN = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_conn_dmvpn/configuration/15-mt/sec-conn-dmvpn-15-mt-book/sec-conn-dmvpn-dmvpn.html';
const REF_NHRP = 'https://cisco.com/c/en/us/td/docs/ios-xml/ios/ipaddr_nhrp/configuration/xe-3s/nhrp-xe-3s-book/config-nhrp.html';
const REF_OSPF = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/iproute_ospf/command/iro-cr-book.html';
const REF_IF = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/interface/command/ir-cr-book.html';
const REF_ACL = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_data_acl/configuration/xe-16/sec-data-acl-xe-16-book.html';
const REF_SNMP = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/snmp/command/nm-snmp-cr-book.html';
const REF_QOS = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/qos/command/qos-cr-book.html';
const REF_LSW = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/lanswitch/command/lsw-cr-book.html';
const REF_IPV6 = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/ipv6/command/ipv6-cr-book.html';
const REF_MCAST = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/ipmulti/command/imc-cr-book.html';
const REF_IPAPP = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/ipapp/command/iap-cr-book.html';
const REF_IPADDR = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/ipaddr/command/ipaddr-cr-book.html';
const REF_ISW = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/ipswitch/command/isw-cr-book.html';
const REF_MPLS = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/mpls/command/mp-cr-book.html';
const REF_ISIS = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/iproute_isis/command/irs-cr-book.html';
const REF_CDP = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/cdp/command/cdp-cr-book.html';
const REF_BFD = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/iproute_bfd/command/irb-cr-book.html';
const REF_ZBF = 'https://www.cisco.com/c/en/us/td/docs/ios-xml/ios/sec_data_zbf/configuration/xe-16/sec-data-zbf-xe-16-book.html';

type Opts = Omit<IosCatalogEntry, 'mode' | 'path' | 'syntax' | 'doc'>;
function e(mode: IosModeId, path: string, syntax: string, doc: string, opts: Opts = {}): IosCatalogEntry {
  return { mode, path: path.split(' '), syntax, doc, ...opts };
}

const ACL_STD = 'acl-std';
const ACL_EXT = 'acl-ext';
const ACL_IPV6 = 'acl-ipv6';

/** IOS / IOS-XE commands netcfg knows, by mode. */
export const IOS_ENTRIES: IosCatalogEntry[] = [
  // ---- global
  e('global', 'hostname', 'hostname NAME', 'Sets the device name shown in prompts; netcfg uses it to name the device in cross-file messages.', { default: '`Router` (IOS), `ciscoasa` (ASA)' }),
  e('global', 'version', 'version X.Y', 'Written by the device into the running configuration: the software train the config was saved from. netcfg uses it for version-specific defaults (e.g. IOS-XE 17.11 weak-crypto refusal).'),
  e('global', 'interface', 'interface TYPE NUMBER', 'Enters interface configuration mode for a physical or logical interface. Abbreviated type names (`fa1/0`, `Gi0/0/1`, `Tu0`) are expanded to the full name.', { enters: 'interface', ref: REF_IF }),
  e('global', 'router ospf', 'router ospf PROCESS-ID [vrf NAME]', 'Starts an OSPFv2 routing process and enters its configuration mode. The process id is local to the router and does not need to match the neighbour.', { enters: 'router-ospf', ref: REF_OSPF }),
  e('global', 'router bgp', 'router bgp ASN', 'Starts a BGP routing process.', { enters: 'router-bgp' }),
  e('global', 'router eigrp', 'router eigrp ASN|NAME', 'Starts an EIGRP routing process.', { enters: 'router-eigrp' }),
  e('global', 'ip route', 'ip route PREFIX MASK NEXTHOP|INTERFACE [DISTANCE]', 'Adds a static route.'),
  e('global', 'ip access-list standard', 'ip access-list standard NAME|NUMBER', 'Creates or edits a named standard access list (matches on source address only) and enters its mode.', { enters: ACL_STD, ref: REF_ACL }),
  e('global', 'ip access-list extended', 'ip access-list extended NAME|NUMBER', 'Creates or edits a named extended access list (protocol, source, destination, ports) and enters its mode. Crypto maps use the permit lines of such a list as IPsec traffic selectors.', { enters: ACL_EXT, ref: REF_ACL }),
  e('global', 'access-list', 'access-list NUMBER {permit|deny|remark} …', 'A numbered access list line. 1–99 and 1300–1999 are standard lists (source only, wildcard masks), 100–199 and 2000–2699 extended lists.', { ref: REF_ACL }),
  e('global', 'ip prefix-list', 'ip prefix-list NAME [seq N] {permit|deny} PREFIX/LEN [ge N] [le N]', 'A prefix list entry used by route maps and routing protocols.'),
  e('global', 'ipv6 prefix-list', 'ipv6 prefix-list NAME [seq N] {permit|deny} PREFIX/LEN [ge N] [le N]', 'An IPv6 prefix list entry used by route maps (`match ipv6 address prefix-list`) and IPv6 routing protocols (`distribute-list prefix-list`).', { ref: REF_IPV6 }),
  e('global', 'object-group', 'object-group {network|service|protocol} NAME', 'A named group of addresses, services or protocols used in ACL lines.', { enters: 'object-group' }),
  e('global', 'mac access-list extended', 'mac access-list extended NAME', 'A MAC access list.', { enters: 'acl-mac' }),
  e('global', 'route-map', 'route-map NAME [permit|deny] [SEQ]', 'A route map entry; enters route-map mode.', { enters: 'route-map' }),
  e('global', 'ip local pool', 'ip local pool NAME FIRST [LAST]', 'An address pool handed to remote-access clients.'),
  e('global', 'ip nat', 'ip nat …', 'Network address translation.'),
  e('global', 'ip domain-name', 'ip domain-name NAME', 'Default DNS domain of the device.'),
  e('global', 'ip sla', 'ip sla N', 'IP SLA operation.', { enters: 'ip-sla' }),
  e('global', 'ip dhcp pool', 'ip dhcp pool NAME', 'A DHCP server pool.', { enters: 'dhcp-pool' }),
  e('global', 'ip vrf', 'ip vrf NAME', 'A VRF (legacy syntax).', { enters: 'vrf' }),
  e('global', 'vrf definition', 'vrf definition NAME', 'A multiprotocol VRF.', { enters: 'vrf' }),
  e('global', 'ipv6 access-list', 'ipv6 access-list NAME', 'An IPv6 access list.', { enters: ACL_IPV6, ref: REF_IPV6 }),
  e('global', 'ipv6 router ospf', 'ipv6 router ospf N', 'An OSPFv3 process.', { enters: 'router-ospf' }),
  e('global', 'banner', 'banner {motd|login|exec|incoming} DELIM TEXT DELIM', 'A banner. The first character after the banner type is the delimiter; the text runs (over several lines if needed) until that character appears again. `show running-config` prints the delimiter as `^C`.'),
  e('global', 'enable secret', 'enable secret [0|5|8|9] SECRET', 'Password for privileged EXEC mode (hashed).'),
  e('global', 'username', 'username NAME [privilege N] {password|secret} [TYPE] SECRET', 'A local user account. Its password is a secret and is never shown by netcfg.'),
  e('global', 'key chain', 'key chain NAME', 'A key chain (routing protocol authentication).', { enters: 'key-chain' }),
  e('global', 'line', 'line {con|vty|aux} FIRST [LAST]', 'Terminal line configuration.', { enters: 'line' }),
  e('global', 'vlan', 'vlan ID', 'Creates a VLAN (switches) and enters VLAN mode.', { enters: 'vlan' }),
  e('global', 'class-map', 'class-map [type TYPE] [match-any|match-all] NAME', 'A traffic class for the modular QoS/policy framework; enters class-map mode.', { enters: 'class-map', ref: REF_QOS }),
  e('global', 'policy-map', 'policy-map [type TYPE] NAME', 'A policy map: actions per traffic class; enters policy-map mode.', { enters: 'policy-map', ref: REF_QOS }),
  e('global', 'control-plane', 'control-plane', 'Control-plane policing configuration.', { enters: 'control-plane' }),
  e('global', 'snmp-server community', 'snmp-server community STRING [view V] [ro|rw] [ACL]', 'An SNMPv1/v2c community. The community string is a secret; the optional ACL restricts which managers may use it.', { ref: REF_SNMP }),
  e('global', 'snmp-server view', 'snmp-server view NAME OID-TREE {included|excluded}', 'Adds a subtree to an SNMP view (a set of MIB objects an SNMP group may read, write or notify).', { ref: REF_SNMP }),
  e('global', 'snmp-server group', 'snmp-server group NAME {v1|v2c|v3 {auth|noauth|priv}} [read V] [write V] [notify V] [access ACL]', 'An SNMP group: security model and level plus the views its users may read/write. `access` names a standard ACL of permitted managers.', { ref: REF_SNMP }),
  e('global', 'snmp-server user', 'snmp-server user NAME GROUP v3 [auth {md5|sha} PASSWORD [priv {des|3des|aes N} PASSWORD]]', 'An SNMPv3 user in a group. Authentication and privacy passwords are secrets.', { ref: REF_SNMP }),
  e('global', 'snmp-server tftp-server-list', 'snmp-server tftp-server-list ACL', 'Restricts the TFTP servers that SNMP-triggered config copies may write to, by a standard ACL.', { ref: REF_SNMP }),
  e('global', 'snmp-server host', 'snmp-server host ADDRESS [version V] COMMUNITY', 'A trap/inform receiver.', { ref: REF_SNMP }),
  e('global', 'snmp-server system-shutdown', 'snmp-server system-shutdown', 'Allows an SNMP manager to reload the device.', { ref: REF_SNMP }),
  e('global', 'crypto isakmp policy', 'crypto isakmp policy PRIORITY', 'An IKEv1 phase-1 proposal. A responder compares the initiator\'s proposals with its own policies in priority order (lowest number first) and takes the first with identical encryption, hash, authentication and DH group. Unset fields take the defaults DES, SHA-1, RSA signatures, group 1, 86400 s [S8].', { enters: 'isakmp-policy', ref: REF_IKE, iosOnly: true }),
  e('global', 'crypto isakmp key', 'crypto isakmp key [0|6|7] KEY {address IP [MASK]|hostname NAME} [no-xauth]', 'A pre-shared key selected by the peer\'s IKE source address (main mode cannot use anything else). `0.0.0.0 0.0.0.0` matches every peer; the most specific matching entry wins. Type 7 is a reversible obfuscation, type 6 is AES-encrypted.', { ref: REF_IKE, iosOnly: true }),
  e('global', 'crypto isakmp profile', 'crypto isakmp profile NAME', 'An ISAKMP profile: which peers (`match identity`) use which keyring and settings.', { enters: 'isakmp-profile', ref: REF_IKE, iosOnly: true }),
  e('global', 'crypto isakmp keepalive', 'crypto isakmp keepalive SECONDS [RETRY] [periodic|on-demand]', 'Dead peer detection for IKEv1.', { iosOnly: true }),
  e('global', 'crypto isakmp nat', 'crypto isakmp nat keepalive SECONDS', 'NAT keepalives for IKEv1.', { iosOnly: true }),
  e('global', 'crypto isakmp identity', 'crypto isakmp identity {address|hostname|dn}', 'Identity this router sends in IKEv1.', { iosOnly: true, default: 'address' }),
  e('global', 'crypto keyring', 'crypto keyring NAME [vrf V]', 'A named set of pre-shared keys, referenced by ISAKMP profiles.', { enters: 'keyring', ref: REF_IKE, iosOnly: true }),
  e('global', 'crypto ikev2 proposal', 'crypto ikev2 proposal NAME', 'An IKEv2 proposal: encryption, integrity (or PRF) and DH groups (each may list several). Used only when an IKEv2 policy names it; with no policy at all IOS offers its built-in `default` proposal (IKEv2 Smart Defaults: AES-CBC-256, SHA-512/384, groups 19/14/21/5 on IOS-XE 16+; AES-CBC-256/192/128, SHA-512/384/256/SHA-1/MD5, groups 5/2 on IOS 15).', { enters: 'ikev2-proposal', ref: REF_IKEV2 }),
  e('global', 'crypto ikev2 policy', 'crypto ikev2 policy NAME', 'Selects IKEv2 proposals by local address / front-door VRF. With no policy configured the built-in `default` policy offers the `default` proposal (IKEv2 Smart Defaults).', { enters: 'ikev2-policy', ref: REF_IKEV2 }),
  e('global', 'crypto ikev2 keyring', 'crypto ikev2 keyring NAME', 'IKEv2 keyring with per-peer keys.', { enters: 'ikev2-keyring', ref: REF_IKE, iosOnly: true }),
  e('global', 'crypto ikev2 profile', 'crypto ikev2 profile NAME', 'IKEv2 profile: peer matching, authentication methods and keyring.', { enters: 'ikev2-profile', ref: REF_IKE, iosOnly: true }),
  e('global', 'crypto ipsec transform-set', 'crypto ipsec transform-set NAME TRANSFORM [TRANSFORM…]', 'A phase-2 proposal: ESP/AH transforms (e.g. `esp-aes 256 esp-sha-hmac`). Enters a mode where `mode tunnel|transport` sets the encapsulation (default tunnel).', { enters: 'transform-set', ref: REF_IPSEC, iosOnly: true }),
  e('global', 'crypto ipsec profile', 'crypto ipsec profile NAME', 'IPsec settings for tunnel protection (VTI, DMVPN): transform sets, PFS, SA lifetime.', { enters: 'ipsec-profile', ref: REF_DMVPN, iosOnly: true }),
  e('global', 'crypto ipsec security-association', 'crypto ipsec security-association lifetime {seconds N|kilobytes N}', 'Global phase-2 SA lifetime used when a map entry or profile sets none.', { default: '3600 seconds, 4608000 kilobytes' }),
  e('global', 'crypto map', 'crypto map [ipv6] NAME SEQ {ipsec-isakmp [dynamic DYNMAP]|ipsec-manual}', 'A crypto map entry: peer, transform sets, PFS and the ACL of traffic to protect. The map is applied to the interface IKE is sourced from. `crypto map ipv6` entries protect IPv6 traffic with IPv6 peers and are applied with `ipv6 crypto map`.', { enters: (args) => {
    const a = args[0]?.toLowerCase() === 'ipv6' ? args.slice(1) : args;
    return a.length >= 2 && /^\d+$/.test(a[1]) && !(a.length > 2 && /^(set|match)$/i.test(a[2])) ? 'crypto-map' : undefined;
  }, ref: REF_IPSEC }),
  e('global', 'crypto dynamic-map', 'crypto dynamic-map NAME SEQ', 'A dynamic crypto map entry: a responder template accepting peers whose address is not known in advance.', { enters: (a) => (a.length === 2 ? 'crypto-map' : undefined), ref: REF_IPSEC }),
  e('global', 'crypto pki trustpoint', 'crypto pki trustpoint NAME', 'A PKI trustpoint.', { enters: 'pki-trustpoint' }),
  e('global', 'crypto pki certificate chain', 'crypto pki certificate chain NAME', 'Certificates of a trustpoint: hex dumps ending with `quit`, or one line each when stored in a file (`certificate ca 01 nvram:CA#1CA.cer`).', { enters: 'cert-chain' }),
  e('global', 'crypto ca trustpoint', 'crypto ca trustpoint NAME', 'A PKI trustpoint (older syntax).', { enters: 'pki-trustpoint' }),
  e('global', 'crypto ca certificate chain', 'crypto ca certificate chain NAME', 'Certificates of a trustpoint (older syntax).', { enters: 'cert-chain' }),
  e('global', 'spanning-tree', 'spanning-tree {mode {pvst|rapid-pvst|mst}|vlan LIST priority N|extend system-id|portfast default|loopguard default|…}', 'Switch-wide spanning tree settings: the STP variant, per-VLAN bridge priorities and timers, and defaults that ports inherit (such as portfast on every access port).', { ref: REF_LSW }),
  e('global', 'ip pim', 'ip pim {rp-address ADDRESS [ACL]|ssm {default|range ACL}|…}', 'Router-wide PIM settings: the rendezvous point of sparse-mode groups, the source-specific multicast range and similar options.', { ref: REF_MCAST }),
  e('global', 'ip igmp', 'ip igmp {snooping …|…}', 'Device-wide IGMP settings, most often IGMP snooping on switches (which ports want which multicast groups).', { ref: REF_MCAST }),
  e('global', 'ip dhcp snooping', 'ip dhcp snooping [vlan LIST|information option …]', 'Turns on DHCP snooping: DHCP replies are accepted only on trusted ports, and the bindings learnt feed other protections (ARP inspection, IP source guard).', { ref: REF_IPADDR }),
  e('global', 'mpls', 'mpls {label protocol ldp|ldp router-id INTERFACE|…}', 'Device-wide MPLS settings: the label distribution protocol and its router id, label ranges.', { ref: REF_MPLS }),
  e('global', 'cdp run', 'cdp run', 'Runs Cisco Discovery Protocol on the device; `no cdp run` turns it off everywhere.', { default: 'enabled', ref: REF_CDP }),
  e('global', 'lacp system-priority', 'lacp system-priority N', 'LACP priority of this device: of two link partners the one with the lower value decides which ports of a bundle are active.', { default: '32768', ref: REF_LSW }),
  e('global', 'arp', 'arp ADDRESS MAC arpa [INTERFACE]', 'A static ARP entry: the address is always resolved to this MAC.', { ref: REF_IPADDR }),
  e('global', 'end', 'end', 'Leaves configuration mode.'),
  e('global', 'exit', 'exit', 'Leaves the current sub-mode.'),
  // ---- interface
  e('interface', 'description', 'description TEXT', 'Free text describing the interface.', { ref: REF_IF }),
  e('interface', 'ip address', 'ip address A.B.C.D MASK [secondary]', 'The interface\'s IPv4 address. `secondary` adds further addresses; the primary one sources tunnels and IKE.', { ref: REF_IF }),
  e('interface', 'ip mtu', 'ip mtu BYTES', 'IP MTU of the interface (OSPF advertises it in database description packets).', { default: 'the interface MTU (1500 on Ethernet)' }),
  e('interface', 'mtu', 'mtu BYTES', 'Interface MTU.', { default: '1500 on Ethernet' }),
  e('interface', 'shutdown', 'shutdown', 'Administratively disables the interface.'),
  e('interface', 'ip access-group', 'ip access-group ACL {in|out}', 'Filters traffic on the interface with an ACL.'),
  e('interface', 'ip nat', 'ip nat {inside|outside}', 'NAT role of the interface.'),
  e('interface', 'ip redirects', 'ip redirects', 'ICMP redirects.'),
  e('interface', 'ip ospf network', 'ip ospf network {broadcast|non-broadcast|point-to-point|point-to-multipoint [non-broadcast]}', 'OSPF network type of the interface. It decides DR election and the default hello/dead timers (10/40 for broadcast and point-to-point, 30/120 for non-broadcast and point-to-multipoint).', { default: 'broadcast on Ethernet; point-to-point on GRE/mGRE tunnels and serial links (U-11); loopback on loopbacks', values: ['broadcast', 'non-broadcast', 'point-to-point', 'point-to-multipoint'], ref: REF_OSPF }),
  e('interface', 'ip ospf hello-interval', 'ip ospf hello-interval SECONDS', 'OSPF hello interval; must match the neighbour\'s.', { default: '10 s (broadcast, point-to-point), 30 s (non-broadcast, point-to-multipoint)', ref: REF_OSPF }),
  e('interface', 'ip ospf dead-interval', 'ip ospf dead-interval SECONDS', 'OSPF dead interval; must match the neighbour\'s.', { default: 'four times the hello interval (40 s or 120 s)', ref: REF_OSPF }),
  e('interface', 'ip ospf priority', 'ip ospf priority 0-255', 'DR election priority; 0 means never DR/BDR (spokes on a DMVPN).', { default: '1', ref: REF_OSPF }),
  e('interface', 'ip ospf cost', 'ip ospf cost N', 'OSPF cost of the interface.', { default: 'reference bandwidth / interface bandwidth', ref: REF_OSPF }),
  e('interface', 'ip ospf mtu-ignore', 'ip ospf mtu-ignore', 'Skips the MTU check on received database description packets.', { ref: REF_OSPF }),
  e('interface', 'ip ospf authentication', 'ip ospf authentication [message-digest|null|key-chain NAME]', 'OSPF authentication type on the interface; overrides the area setting.', { ref: REF_OSPF }),
  e('interface', 'ip ospf authentication-key', 'ip ospf authentication-key [0|7] KEY', 'Simple-password OSPF key (secret).', { ref: REF_OSPF }),
  e('interface', 'ip ospf message-digest-key', 'ip ospf message-digest-key ID md5 [0|7] KEY', 'MD5 OSPF key and its id; both must match the neighbour.', { ref: REF_OSPF }),
  e('interface', 'ip ospf', 'ip ospf PROCESS area AREA', 'Enables OSPF on the interface directly; takes precedence over `network` statements.', { ref: REF_OSPF }),
  e('interface', 'ip nhrp network-id', 'ip nhrp network-id N', 'Enables NHRP on the interface. The id is locally significant (not carried in packets).', { ref: REF_NHRP }),
  e('interface', 'ip nhrp nhs', 'ip nhrp nhs {TUNNEL-IP|dynamic} [nbma NBMA [multicast]] [priority N] [cluster N]', 'Next-hop server (the hub\'s tunnel address) a spoke registers with. The IOS 15.x/IOS-XE shorthand `nbma NBMA` also maps the hub\'s tunnel address to its NBMA address (as `ip nhrp map`), `multicast` also replicates multicast to it (as `ip nhrp map multicast`); with `dynamic` the hub\'s tunnel address is learned from its registration reply.', { ref: REF_NHRP }),
  e('interface', 'ip nhrp map multicast', 'ip nhrp map multicast {NBMA|dynamic}', 'Where to replicate multicast (routing protocol hellos); `dynamic` on hubs adds registered spokes.', { ref: REF_NHRP }),
  e('interface', 'ip nhrp map', 'ip nhrp map TUNNEL-IP NBMA-IP', 'Static NHRP mapping of a tunnel address to its public (NBMA) address.', { ref: REF_NHRP }),
  e('interface', 'ip nhrp authentication', 'ip nhrp authentication STRING', 'NHRP authentication string (secret, at most 8 characters); must match on all DMVPN members.', { ref: REF_NHRP }),
  e('interface', 'ip nhrp holdtime', 'ip nhrp holdtime SECONDS', 'How long NHRP registrations are valid.', { default: '7200 s', ref: REF_NHRP }),
  e('interface', 'ip nhrp redirect', 'ip nhrp redirect', 'DMVPN phase 3 on the hub.', { ref: REF_NHRP }),
  e('interface', 'ip nhrp shortcut', 'ip nhrp shortcut', 'DMVPN phase 3 on spokes.', { ref: REF_NHRP }),
  e('interface', 'ip nhrp registration', 'ip nhrp registration {timeout SECONDS|no-unique}', 'How often a spoke re-registers with its NHS (`timeout`, default a third of the holdtime), and `no-unique`, which lets the hub accept a new NBMA address for the spoke\'s tunnel address (spokes behind dynamic addresses).', { ref: REF_NHRP }),
  e('interface', 'ip nhrp server-only', 'ip nhrp server-only [non-caching]', 'The router answers NHRP requests but never originates them.', { ref: REF_NHRP }),
  e('interface', 'ip nhrp', 'ip nhrp {network-id|nhs|map|authentication|holdtime|redirect|shortcut|registration|…} …', 'NHRP (DMVPN) settings of the tunnel interface.', { ref: REF_NHRP }),
  e('interface', 'ipv6 nhrp', 'ipv6 nhrp {network-id|nhs|map|authentication|holdtime|redirect|shortcut|registration|…} …', 'NHRP for IPv6 overlay addresses on the tunnel (DMVPN over IPv6): the same settings as `ip nhrp`, for the tunnel\'s IPv6 addresses. netcfg knows the commands but does not compare them across devices.', { ref: REF_NHRP }),
  e('interface', 'ipv6 nhrp nhs', 'ipv6 nhrp nhs {TUNNEL-IPV6|dynamic} [nbma NBMA [multicast]]', 'IPv6 next-hop server a spoke registers its IPv6 tunnel address with.', { ref: REF_NHRP }),
  e('interface', 'ipv6 nhrp map', 'ipv6 nhrp map TUNNEL-IPV6 NBMA', 'Static mapping of an IPv6 tunnel address to its NBMA address.', { ref: REF_NHRP }),
  e('interface', 'ipv6 nhrp map multicast', 'ipv6 nhrp map multicast {NBMA|dynamic}', 'Where IPv6 multicast (OSPFv3/EIGRP hellos) is replicated to.', { ref: REF_NHRP }),
  e('interface', 'ipv6 nhrp network-id', 'ipv6 nhrp network-id N', 'Enables NHRP for IPv6 on the interface; locally significant.', { ref: REF_NHRP }),
  e('interface', 'ipv6 nhrp authentication', 'ipv6 nhrp authentication STRING', 'NHRP authentication string for IPv6 (secret).', { ref: REF_NHRP }),
  e('interface', 'ipv6 nhrp holdtime', 'ipv6 nhrp holdtime SECONDS', 'How long IPv6 NHRP registrations are valid.', { default: '7200 s', ref: REF_NHRP }),
  e('interface', 'ipv6 nhrp redirect', 'ipv6 nhrp redirect', 'DMVPN phase 3 (IPv6) on the hub.', { ref: REF_NHRP }),
  e('interface', 'ipv6 nhrp shortcut', 'ipv6 nhrp shortcut', 'DMVPN phase 3 (IPv6) on spokes.', { ref: REF_NHRP }),
  e('interface', 'ipv6 crypto map', 'ipv6 crypto map NAME', 'Applies an IPv6 crypto map (`crypto map ipv6 NAME …`) to the interface; IKE is sourced from its IPv6 address.', { ref: REF_IPSEC }),
  e('interface', 'tunnel source', 'tunnel source INTERFACE|IPV4|IPV6', 'Source of the tunnel\'s outer packets (and of IKE for tunnel protection). With an interface, its primary IPv4 address, or its first global IPv6 address on an IPv6-transport tunnel (`tunnel mode … ipv6`).', { ref: REF_DMVPN }),
  e('interface', 'tunnel destination', 'tunnel destination IPV4|IPV6|HOSTNAME', 'Far end of a point-to-point tunnel.', { ref: REF_DMVPN }),
  e('interface', 'tunnel mode', 'tunnel mode {gre ip|gre ipv6|gre multipoint [ipv6]|ipsec ipv4|ipsec ipv6|ipip}', 'Encapsulation of the tunnel, and the address family it is carried over (`ipv6`: the tunnel source and destination are IPv6 addresses).', { default: 'gre ip', ref: REF_DMVPN }),
  e('interface', 'tunnel key', 'tunnel key N', 'GRE key; must be equal on both ends (or absent on both).', { ref: REF_DMVPN }),
  e('interface', 'tunnel protection ipsec profile', 'tunnel protection ipsec profile NAME [shared]', 'Protects the tunnel with IPsec using the profile.', { ref: REF_DMVPN }),
  e('interface', 'crypto map', 'crypto map NAME', 'Applies a crypto map to the interface; IKE is sourced from its address.', { ref: REF_IPSEC }),
  e('interface', 'service-policy', 'service-policy {input|output} POLICY', 'Applies a policy map.'),
  e('interface', 'switchport', 'switchport …', 'Layer-2 port settings.'),
  e('interface', 'vrf forwarding', 'vrf forwarding NAME', 'Puts the interface in a VRF.'),
  e('interface', 'ip vrf forwarding', 'ip vrf forwarding NAME', 'Puts the interface in a VRF.'),
  e('interface', 'encapsulation', 'encapsulation dot1q VLAN', 'Encapsulation (subinterface VLAN).'),
  e('interface', 'standby', 'standby GROUP ip ADDRESS', 'HSRP.'),
  e('interface', 'bandwidth', 'bandwidth KBPS', 'Bandwidth used by routing metrics.'),
  e('interface', 'speed', 'speed …', 'Port speed.'),
  e('interface', 'duplex', 'duplex …', 'Port duplex.'),
  e('interface', 'spanning-tree', 'spanning-tree {portfast|guard …|bpduguard …|bpdufilter …|cost N|port-priority N|link-type …|…}', 'Spanning tree settings of this port; each overrides what the port would inherit from the global spanning tree configuration.', { ref: REF_LSW }),
  e('interface', 'spanning-tree portfast', 'spanning-tree portfast [trunk|disable|edge]', 'Lets the port start forwarding as soon as its link comes up, skipping the listening and learning states. Meant for ports facing a single host; on a port towards another switch it can create a loop for a moment.', { default: 'off, unless `spanning-tree portfast default` is set globally', ref: REF_LSW }),
  e('interface', 'spanning-tree guard', 'spanning-tree guard {root|loop|none}', '`root` keeps the port from becoming a path towards a new root bridge (it blocks while superior BPDUs arrive); `loop` keeps a blocked port blocked when BPDUs stop arriving instead of moving it to forwarding.', { default: 'none', values: ['root', 'loop', 'none'], ref: REF_LSW }),
  e('interface', 'spanning-tree bpduguard', 'spanning-tree bpduguard {enable|disable}', 'Shuts the port down (error-disabled) when it receives any BPDU: a switch was plugged into a port meant for hosts.', { default: 'disabled', values: ['enable', 'disable'], ref: REF_LSW }),
  e('interface', 'spanning-tree bpdufilter', 'spanning-tree bpdufilter {enable|disable}', 'Stops sending and processing BPDUs on the port, which takes it out of spanning tree altogether.', { default: 'disabled', values: ['enable', 'disable'], ref: REF_LSW }),
  e('interface', 'ipv6 address', 'ipv6 address {PREFIX/LEN [eui-64|anycast]|LINK-LOCAL link-local|autoconfig|dhcp}', 'An IPv6 address of the interface; several may be configured. Also enables IPv6 processing on the interface.', { ref: REF_IPV6 }),
  e('interface', 'ipv6 enable', 'ipv6 enable', 'Enables IPv6 on the interface with only a link-local address, without a global one.', { ref: REF_IPV6 }),
  e('interface', 'ipv6 nd', 'ipv6 nd {ra …|prefix …|reachable-time MS|ns-interval MS|dad attempts N|managed-config-flag|…}', 'Neighbor discovery settings of the interface: router advertisements (interval, lifetime, suppression, prefixes), duplicate address detection and neighbour reachability timers.', { ref: REF_IPV6 }),
  e('interface', 'ipv6 mtu', 'ipv6 mtu BYTES', 'MTU of IPv6 packets sent on the interface.', { default: 'the interface MTU', ref: REF_IPV6 }),
  e('interface', 'ipv6 ospf', 'ipv6 ospf PROCESS area AREA | ipv6 ospf {cost|hello-interval|dead-interval|network|priority} …', 'OSPFv3 for IPv6 on the interface (legacy `ipv6 router ospf` processes): area membership and per-interface timers, cost and network type.', { ref: REF_OSPF }),
  e('interface', 'ipv6 mfib', 'ipv6 mfib {forwarding|cef} {input|output}', 'IPv6 multicast forwarding on the interface (accepting and sending multicast through the MFIB).', { ref: REF_MCAST }),
  e('interface', 'ipv6 redirects', 'ipv6 redirects', 'Sends ICMPv6 redirect messages.', { default: 'enabled', ref: REF_IPV6 }),
  e('interface', 'ipv6 unreachables', 'ipv6 unreachables', 'Sends ICMPv6 destination-unreachable messages.', { default: 'enabled', ref: REF_IPV6 }),
  e('interface', 'ipv6 traffic-filter', 'ipv6 traffic-filter ACL {in|out}', 'Filters IPv6 traffic on the interface with an IPv6 access list.', { ref: REF_IPV6 }),
  e('interface', 'negotiation', 'negotiation auto', 'Auto-negotiation of speed, duplex and flow control on (mostly Gigabit) ports where it replaces separate `speed`/`duplex` settings.', { default: 'auto', ref: REF_IF }),
  e('interface', 'media-type', 'media-type {rj45|sfp|auto-select|…}', 'Which connector a combo port uses: the copper RJ-45 socket or the fibre SFP slot.', { ref: REF_IF }),
  e('interface', 'ip igmp', 'ip igmp {version 1|2|3|join-group G|query-interval S|query-max-response-time S|last-member-query-interval MS|tcn …|…}', 'IGMP on the interface: the version spoken with hosts, query timers, and static group membership.', { ref: REF_MCAST }),
  e('interface', 'ip igmp version', 'ip igmp version {1|2|3}', 'IGMP version used on the interface; all routers on a segment should use the same one.', { default: '2', values: ['1', '2', '3'], ref: REF_MCAST }),
  e('interface', 'ip pim', 'ip pim {sparse-mode|dense-mode|sparse-dense-mode|dr-priority N|query-interval S|…}', 'PIM multicast routing on the interface: the PIM mode, DR priority and hello (query) interval.', { ref: REF_MCAST }),
  e('interface', 'ip mfib', 'ip mfib {forwarding|cef} {input|output}', 'IPv4 multicast forwarding on the interface (accepting and sending multicast through the MFIB).', { ref: REF_MCAST }),
  e('interface', 'bgp-policy', 'bgp-policy {source|destination} {ip-prec-map|ip-qos-map|accounting …}', 'Applies policies learnt through BGP to traffic of this interface, by the source or destination prefix: QoS marking (QPPB) or per-community traffic accounting.', { ref: REF_IF }),
  e('interface', 'ip unreachables', 'ip unreachables', 'Sends ICMP unreachable messages for packets the router cannot deliver.', { default: 'enabled', ref: REF_IPAPP }),
  e('interface', 'ip proxy-arp', 'ip proxy-arp', 'Answers ARP requests for addresses the router can reach through another interface.', { default: 'enabled', ref: REF_IPADDR }),
  e('interface', 'ip directed-broadcast', 'ip directed-broadcast [ACL]', 'Forwards packets sent to this subnet\'s broadcast address as link broadcasts (an amplification risk).', { default: 'disabled', ref: REF_IPADDR }),
  e('interface', 'ip helper-address', 'ip helper-address ADDRESS', 'Relays UDP broadcasts received on the interface (DHCP and a few other services) to this server as unicast.', { ref: REF_IPADDR }),
  e('interface', 'ip dhcp relay', 'ip dhcp relay information {trusted|option …}', 'DHCP relay agent options on the interface (relay information option 82).', { ref: REF_IPADDR }),
  e('interface', 'ip dhcp snooping', 'ip dhcp snooping {trust|limit rate N}', 'DHCP snooping on the port: `trust` accepts DHCP server replies here; `limit rate` caps DHCP packets per second.', { ref: REF_IPADDR }),
  e('interface', 'ip route-cache', 'ip route-cache [cef|same-interface|…]', 'Switching path of the interface (fast switching / CEF) and whether packets may be switched back out of the interface they came in on.', { ref: REF_ISW }),
  e('interface', 'ip tcp adjust-mss', 'ip tcp adjust-mss BYTES', 'Rewrites the MSS option of TCP SYNs passing through the interface, so sessions avoid fragmentation on tunnels with a smaller MTU.', { ref: REF_IPAPP }),
  e('interface', 'ip tcp header-compression', 'ip tcp header-compression [passive|iphc-format]', 'Compresses TCP/IP headers on slow serial links.', { ref: REF_IPAPP }),
  e('interface', 'ip router isis', 'ip router isis [TAG]', 'Runs IS-IS for IPv4 on the interface.', { ref: REF_ISIS }),
  e('interface', 'ip flow', 'ip flow {ingress|egress}', 'Collects NetFlow records for traffic entering or leaving the interface.', { ref: REF_IF }),
  e('interface', 'ip load-sharing', 'ip load-sharing {per-destination|per-packet}', 'How CEF spreads traffic over equal-cost paths out of the interface.', { default: 'per-destination', ref: REF_ISW }),
  e('interface', 'ip virtual-reassembly', 'ip virtual-reassembly [in|out] [max-fragments N]…', 'Reassembles fragments virtually so features that need whole packets (NAT, firewall) can inspect them.', { ref: REF_IPAPP }),
  e('interface', 'hold-queue', 'hold-queue PACKETS {in|out}', 'Length of the interface\'s input or output hold queue.', { default: 'platform dependent (classically 75 in, 40 out)', ref: REF_IF }),
  e('interface', 'load-interval', 'load-interval SECONDS', 'Period over which interface load and rate statistics are averaged (a multiple of 30).', { default: '300 s', ref: REF_IF }),
  e('interface', 'carrier-delay', 'carrier-delay {SECONDS|msec MS}', 'How long a link-state change must last before the interface is reported up or down.', { default: '2 s', ref: REF_IF }),
  e('interface', 'keepalive', 'keepalive [SECONDS [RETRIES]]', 'Keepalive messages on the interface (on GRE tunnels: the tunnel goes down when the far end stops answering).', { default: '10 s on interfaces that use keepalives; off on tunnels', ref: REF_IF }),
  e('interface', 'bridge-group', 'bridge-group N', 'Makes the interface a member of a transparent bridge group (bridging or IRB).', { ref: REF_IF }),
  e('interface', 'channel-group', 'channel-group N mode {active|passive|on|desirable|auto}', 'Bundles the port into Port-channel N; the mode picks LACP (active/passive), PAgP (desirable/auto) or a static bundle (on).', { ref: REF_LSW }),
  e('interface', 'lacp', 'lacp {port-priority N|rate {normal|fast}}', 'LACP settings of a bundled port: its priority for being active and how often LACPDUs are expected.', { ref: REF_LSW }),
  e('interface', 'storm-control', 'storm-control {broadcast|multicast|unicast} level … | storm-control action {shutdown|trap}', 'Limits broadcast, multicast or unknown-unicast traffic on the port and what happens when the limit is exceeded.', { ref: REF_LSW }),
  e('interface', 'mpls', 'mpls {ip|mtu BYTES|…}', 'MPLS on the interface: label switching and the MTU of labelled packets.', { ref: REF_MPLS }),
  e('interface', 'mpls ip', 'mpls ip', 'Enables label switching of IPv4 packets (and LDP discovery) on the interface.', { ref: REF_MPLS }),
  e('interface', 'isis', 'isis {metric N|hello-interval S|circuit-type …|network point-to-point|passive|…}', 'Per-interface IS-IS settings: metric, timers, circuit level and network type.', { ref: REF_ISIS }),
  e('interface', 'ospfv3', 'ospfv3 [PROCESS] {area AREA|network TYPE|cost N|hello-interval S|…}', 'OSPFv3 (address-family style) on the interface: area membership and per-interface timers, cost, network type and authentication or encryption.', { ref: REF_OSPF }),
  e('interface', 'cdp enable', 'cdp enable', 'Sends and listens to Cisco Discovery Protocol on the interface.', { default: 'enabled where CDP runs', ref: REF_CDP }),
  e('interface', 'bfd', 'bfd interval MS min_rx MS multiplier N', 'BFD timers of the interface: how often BFD packets are sent and expected, and how many may be missed before the neighbour is declared down.', { ref: REF_BFD }),
  e('interface', 'arp', 'arp {arpa|timeout SECONDS|…}', 'ARP on the interface: the encapsulation and how long learnt entries are kept.', { default: 'timeout 14400 s (4 hours)', ref: REF_IPADDR }),
  e('interface', 'snmp', 'snmp trap link-status', 'Whether link up/down traps are sent for this interface.', { default: 'enabled', ref: REF_SNMP }),
  e('interface', 'zone-member', 'zone-member security ZONE', 'Puts the interface into a security zone of the zone-based firewall; traffic between zones then needs a zone-pair policy.', { ref: REF_ZBF }),
  e('interface', 'ppp', 'ppp {authentication …|chap …|pap …|multilink|…}', 'PPP settings of a serial, dialer or virtual-template interface (authentication, multilink).', { ref: REF_IF }),
  e('interface', 'cable', 'cable {upstream …|downstream …|…}', 'DOCSIS settings of a cable (CMTS) interface.', { ref: REF_IF }),
  e('interface', 'exit', 'exit', 'Leaves interface mode.'),
  // ---- router ospf
  e('router-ospf', 'router-id', 'router-id A.B.C.D', 'OSPF router id; must be unique in the area.', { default: 'highest loopback address, else highest interface address', ref: REF_OSPF }),
  e('router-ospf', 'network', 'network ADDRESS WILDCARD area AREA', 'Enables OSPF on interfaces whose primary address falls in the range. The most specific matching statement decides the area.', { ref: REF_OSPF }),
  e('router-ospf', 'area', 'area AREA {stub|nssa|authentication [message-digest]|range …}', 'Area settings: type and area-wide authentication.', { ref: REF_OSPF }),
  e('router-ospf', 'neighbor', 'neighbor ADDRESS [priority N]', 'A neighbour on a non-broadcast network.', { ref: REF_OSPF }),
  e('router-ospf', 'passive-interface', 'passive-interface {INTERFACE|default}', 'Stops sending hellos on an interface (or on all, with `default`; then `no passive-interface X` re-enables one).', { ref: REF_OSPF }),
  e('router-ospf', 'log-adjacency-changes', 'log-adjacency-changes [detail]', 'Logs neighbour state changes.'),
  e('router-ospf', 'redistribute', 'redistribute PROTOCOL …', 'Redistributes routes from another source.'),
  e('router-ospf', 'default-information', 'default-information originate [always]', 'Originates a default route.'),
  e('router-ospf', 'auto-cost', 'auto-cost reference-bandwidth MBPS', 'Reference bandwidth for cost.'),
  e('router-ospf', 'timers', 'timers {throttle spf START HOLD MAX|throttle lsa …|lsa arrival MS|pacing …}', 'Timing of SPF runs and LSA generation: how quickly the router reacts to a change and how it backs off when changes keep coming.', { ref: REF_OSPF }),
  e('router-ospf', 'distribute-list', 'distribute-list {ACL|prefix NAME|route-map NAME} {in|out}', 'Filters routes.'),
  // ---- crypto isakmp policy (IOS)
  e('isakmp-policy', 'encryption', 'encryption {des|3des|aes [128|192|256]}', 'Phase-1 encryption. `aes` without a size is AES-128.', { default: 'des [S8]', values: ['des', '3des', 'aes'], ref: REF_IKE }),
  e('isakmp-policy', 'hash', 'hash {md5|sha|sha256|sha384|sha512}', 'Phase-1 hash/PRF. `sha` is SHA-1.', { default: 'sha (SHA-1) [S8]', values: ['md5', 'sha', 'sha256', 'sha384', 'sha512'], ref: REF_IKE }),
  e('isakmp-policy', 'authentication', 'authentication {pre-share|rsa-sig|rsa-encr}', 'Phase-1 authentication method.', { default: 'rsa-sig [S8]', values: ['pre-share', 'rsa-sig', 'rsa-encr'], ref: REF_IKE }),
  e('isakmp-policy', 'group', 'group {1|2|5|14|15|16|19|20|21|24}', 'Diffie-Hellman group of phase 1.', { default: '1 (768-bit MODP) [S8]', values: ['1', '2', '5', '14', '15', '16', '19', '20', '21', '24'], ref: REF_IKE }),
  e('isakmp-policy', 'lifetime', 'lifetime SECONDS', 'Phase-1 SA lifetime. A Cisco responder only accepts an initiator lifetime less than or equal to its own.', { default: '86400 s [S8]', ref: REF_IKE }),
  // ---- isakmp profile / keyring
  e('isakmp-profile', 'keyring', 'keyring NAME', 'Keyring this profile takes pre-shared keys from.', { ref: REF_IKE }),
  e('isakmp-profile', 'match identity', 'match identity {address IP [MASK]|host NAME|user NAME}', 'Peers this profile applies to.', { ref: REF_IKE }),
  e('isakmp-profile', 'self-identity', 'self-identity {address|fqdn|user-fqdn}', 'Identity sent by this router.'),
  e('isakmp-profile', 'keepalive', 'keepalive SECONDS retry N', 'Dead peer detection.'),
  e('isakmp-profile', 'local-address', 'local-address INTERFACE', 'Local IKE address.'),
  e('keyring', 'pre-shared-key', 'pre-shared-key {address IP [MASK]|hostname NAME} key KEY', 'A key of the keyring, selected by the peer address.', { ref: REF_IKE }),
  e('keyring', 'local-address', 'local-address INTERFACE|IP', 'Restricts the keyring to a local address.'),
  // ---- IKEv2
  e('ikev2-proposal', 'encryption', 'encryption {aes-cbc-128|aes-cbc-192|aes-cbc-256|aes-gcm-128|aes-gcm-256|3des|des}…', 'IKEv2 encryption algorithms offered.', { values: ['aes-cbc-128', 'aes-cbc-192', 'aes-cbc-256', 'aes-gcm-128', 'aes-gcm-256', '3des', 'des'], ref: REF_IKEV2 }),
  e('ikev2-proposal', 'integrity', 'integrity {sha1|sha256|sha384|sha512|md5}…', 'IKEv2 integrity algorithms offered.', { values: ['sha1', 'sha256', 'sha384', 'sha512', 'md5'], ref: REF_IKEV2 }),
  e('ikev2-proposal', 'prf', 'prf {sha1|sha256|sha384|sha512|md5}…', 'IKEv2 PRF algorithms (IOS-XE). Required with AES-GCM, which has no integrity algorithm; otherwise the PRF follows the integrity algorithms.', { values: ['sha1', 'sha256', 'sha384', 'sha512', 'md5'], ref: REF_IKEV2 }),
  e('ikev2-proposal', 'group', 'group N…', 'IKEv2 DH groups offered.', { ref: REF_IKEV2 }),
  e('ikev2-policy', 'proposal', 'proposal NAME', 'Proposal used by this policy.', { ref: REF_IKEV2 }),
  e('ikev2-policy', 'match', 'match {address local IP|fvrf NAME}', 'When this policy applies.'),
  e('ikev2-keyring', 'peer', 'peer NAME', 'A peer entry of the keyring.', { enters: 'ikev2-keyring-peer' }),
  e('ikev2-keyring-peer', 'address', 'address {IP [MASK]|IP/LEN}', 'Addresses the key is selected for; `0.0.0.0 0.0.0.0` matches every peer, the most specific entry wins.', { ref: REF_IKEV2 }),
  e('ikev2-keyring-peer', 'pre-shared-key', 'pre-shared-key [local|remote] [0|6|7] KEY', 'Pre-shared key for the peer; `local` is the key this router authenticates itself with, `remote` the one it expects from the peer (asymmetric keys). Without either, one key both ways.', { ref: REF_IKEV2 }),
  e('ikev2-keyring-peer', 'hostname', 'hostname NAME', 'Host name of the peer (initiator lookup).'),
  e('ikev2-keyring-peer', 'description', 'description TEXT', 'Description of the peer entry.'),
  e('ikev2-keyring-peer', 'identity', 'identity …', 'Identity of the peer.'),
  e('ikev2-profile', 'match identity', 'match identity remote {address IP [MASK]|fqdn NAME}', 'Peers this profile applies to.'),
  e('ikev2-profile', 'authentication', 'authentication {local|remote} {pre-share [key [0|6|7] KEY]|rsa-sig|ecdsa-sig|eap}', 'Authentication methods of this router (local) and of the peer (remote). An inline `pre-share key` overrides the keyring for that direction.', { ref: REF_IKEV2 }),
  e('ikev2-profile', 'keyring', 'keyring {local NAME|aaa LIST}', 'Keyring the pre-shared keys come from.', { ref: REF_IKEV2 }),
  e('ikev2-profile', 'match fvrf', 'match fvrf {NAME|any}', 'Front-door VRF this profile applies to.'),
  e('ikev2-profile', 'match address local', 'match address local {IP|interface IF}', 'Local address this profile applies to.'),
  e('ikev2-profile', 'lifetime', 'lifetime SECONDS', 'IKEv2 SA lifetime (120–86400 s). IKEv2 does not negotiate it: each end rekeys on its own.', { default: '86400 s' }),
  e('ikev2-profile', 'nat keepalive', 'nat keepalive SECONDS', 'NAT keepalives.'),
  e('ikev2-profile', 'description', 'description TEXT', 'Description of the profile.'),
  e('ikev2-profile', 'identity', 'identity local …', 'Local identity.'),
  e('ikev2-profile', 'dpd', 'dpd INTERVAL RETRY {on-demand|periodic}', 'Dead peer detection.'),
  // ---- transform set / ipsec profile / crypto map entry
  e('transform-set', 'mode', 'mode {tunnel|transport}', 'IPsec encapsulation mode. DMVPN behind NAT needs transport mode [S19].', { default: 'tunnel', values: ['tunnel', 'transport'], ref: REF_IPSEC }),
  e('ipsec-profile', 'set transform-set', 'set transform-set NAME [NAME…]', 'Phase-2 proposals of the profile.', { ref: REF_DMVPN, iosOnly: true }),
  e('ipsec-profile', 'set pfs', 'set pfs [group1|group2|group5|group14|group15|group16|group19|group20|group21|group24]', 'Requests perfect forward secrecy with a DH group (`set pfs` alone means group1).', { default: 'no PFS requested', ref: REF_IPSEC }),
  e('ipsec-profile', 'set security-association lifetime', 'set security-association lifetime {seconds N|kilobytes N}', 'Phase-2 SA lifetime.', { default: 'the global `crypto ipsec security-association lifetime` (3600 s)' }),
  e('ipsec-profile', 'set isakmp-profile', 'set isakmp-profile NAME', 'ISAKMP profile used for this profile.', { iosOnly: true }),
  e('ipsec-profile', 'set ikev2-profile', 'set ikev2-profile NAME', 'Uses IKEv2 with this profile.', { iosOnly: true }),
  e('crypto-map', 'set peer', 'set peer ADDRESS [default]', 'The remote IKE peer of this map entry (several lines = backups, first one used first).', { ref: REF_IPSEC }),
  e('crypto-map', 'set transform-set', 'set transform-set NAME [NAME…]', 'Phase-2 proposals of this entry.', { ref: REF_IPSEC }),
  e('crypto-map', 'set pfs', 'set pfs [groupN]', 'Requests perfect forward secrecy (`set pfs` alone means group1).', { default: 'no PFS requested', ref: REF_IPSEC }),
  e('crypto-map', 'set security-association lifetime', 'set security-association lifetime {seconds N|kilobytes N}', 'Phase-2 SA lifetime of this entry.', { default: 'the global lifetime (3600 s)' }),
  e('crypto-map', 'set isakmp-profile', 'set isakmp-profile NAME', 'ISAKMP profile (and so keyring) used by this entry.'),
  e('crypto-map', 'set ikev2-profile', 'set ikev2-profile NAME', 'Uses IKEv2 with this profile.'),
  e('crypto-map', 'match address', 'match address ACL', 'Extended ACL whose permit lines are the traffic to protect (source = local, destination = remote).', { ref: REF_IPSEC }),
  e('crypto-map', 'description', 'description TEXT', 'Free text.'),
  e('crypto-map', 'reverse-route', 'reverse-route [static]', 'Reverse route injection.'),
  // ---- ACL modes
  e(ACL_STD, 'permit', 'permit {any|host A|A WILDCARD}', 'Matches source addresses.'),
  e(ACL_STD, 'deny', 'deny {any|host A|A WILDCARD}', 'Excludes source addresses.'),
  e(ACL_STD, 'remark', 'remark TEXT', 'A comment line of the list.'),
  e(ACL_EXT, 'permit', 'permit PROTOCOL SRC [PORTS] DST [PORTS] [options]', 'Matches traffic. In a crypto ACL each permit line is a pair of IPsec selectors.'),
  e(ACL_EXT, 'deny', 'deny PROTOCOL SRC [PORTS] DST [PORTS]', 'Excludes traffic (from encryption, in a crypto ACL).'),
  e(ACL_EXT, 'remark', 'remark TEXT', 'A comment line of the list.'),
  e(ACL_IPV6, 'permit', 'permit {ipv6|PROTOCOL} SRC [PORTS] DST [PORTS] [options]', 'Matches IPv6 traffic (`any`, `host A` or `PREFIX/LEN`). In a crypto ACL of a `crypto map ipv6` entry each permit line is a pair of IPsec selectors.', { ref: REF_IPV6 }),
  e(ACL_IPV6, 'deny', 'deny {ipv6|PROTOCOL} SRC [PORTS] DST [PORTS] [options]', 'Excludes IPv6 traffic (from encryption, in a crypto ACL).', { ref: REF_IPV6 }),
  e(ACL_IPV6, 'sequence', 'sequence N {permit|deny} …', 'An entry of the list at sequence number N.', { ref: REF_IPV6 }),
  e(ACL_IPV6, 'remark', 'remark TEXT', 'A comment line of the list.'),
  e(ACL_IPV6, 'evaluate', 'evaluate NAME', 'Nests a reflexive access list.', { ref: REF_IPV6 }),
  // ---- class / policy maps
  e('class-map', 'match', 'match {access-group ACL|access-list ACL|any|…}', 'Traffic of the class.', { ref: REF_QOS }),
  e('class-map', 'description', 'description TEXT', 'Free text.'),
  e('policy-map', 'class', 'class NAME', 'Actions for a class; enters the class sub-mode.', { enters: 'policy-map-class', ref: REF_QOS }),
  e('policy-map', 'description', 'description TEXT', 'Free text.'),
  e('policy-map-class', 'set', 'set …', 'Marking / connection settings for the class.'),
  e('policy-map-class', 'police', 'police …', 'Rate limiting.'),
  e('policy-map-class', 'shape', 'shape …', 'Shaping.'),
  e('policy-map-class', 'bandwidth', 'bandwidth …', 'Guaranteed bandwidth.'),
  e('policy-map-class', 'priority', 'priority …', 'Low-latency queue.'),
  e('policy-map-class', 'service-policy', 'service-policy NAME', 'Child policy.'),
  e('policy-map-class', 'inspect', 'inspect …', 'Protocol inspection.'),
  e('control-plane', 'service-policy', 'service-policy {input|output} POLICY', 'Control-plane policy.'),
  // ---- misc modes
  e('line', 'password', 'password [TYPE] SECRET', 'Line password (secret).'),
  e('line', 'login', 'login [local]', 'Login on the line.'),
  e('line', 'transport', 'transport input …', 'Allowed protocols.'),
  e('line', 'access-class', 'access-class ACL {in|out}', 'Restricts line access with an ACL.'),
  e('line', 'exec-timeout', 'exec-timeout MIN [SEC]', 'Idle timeout.'),
  e('vlan', 'name', 'name NAME', 'VLAN name.'),
  e('route-map', 'match', 'match …', 'Route-map match clause.'),
  e('route-map', 'set', 'set …', 'Route-map set clause.'),
  e('key-chain', 'key', 'key N', 'A key of the chain.', { enters: 'key-chain-key' }),
  e('key-chain-key', 'key-string', 'key-string [TYPE] SECRET', 'Key material (secret).'),
  e('pki-trustpoint', 'enrollment', 'enrollment …', 'Enrollment method.'),
  e('pki-trustpoint', 'subject-name', 'subject-name …', 'Subject of the certificate.'),
  e('pki-trustpoint', 'revocation-check', 'revocation-check …', 'Revocation checking.'),
  e('pki-trustpoint', 'rsakeypair', 'rsakeypair NAME', 'Key pair.'),
  e('cert-chain', 'certificate', 'certificate [ca|self-signed] SERIAL [nvram:FILE]', 'A certificate as a hex dump, ended by `quit`; with a file name (`nvram:…`) it is stored on the device and the line stands alone.'),
  e('dhcp-pool', 'network', 'network A MASK', 'Pool subnet.'),
  e('dhcp-pool', 'default-router', 'default-router A', 'Gateway handed out.'),
  e('dhcp-pool', 'dns-server', 'dns-server A…', 'DNS servers handed out.'),
];

/** Display names of modes. */
export const IOS_MODE_NAMES: Record<string, string> = dict({
  global: 'global configuration',
  interface: 'interface',
  'router-ospf': 'router ospf',
  'isakmp-policy': 'crypto isakmp policy',
  'isakmp-profile': 'crypto isakmp profile',
  keyring: 'crypto keyring',
  'ikev2-proposal': 'crypto ikev2 proposal',
  'ikev2-policy': 'crypto ikev2 policy',
  'ikev2-keyring': 'crypto ikev2 keyring',
  'ikev2-keyring-peer': 'crypto ikev2 keyring peer',
  'ikev2-profile': 'crypto ikev2 profile',
  'transform-set': 'crypto ipsec transform-set',
  'ipsec-profile': 'crypto ipsec profile',
  'crypto-map': 'crypto map entry',
  [ACL_STD]: 'standard access list',
  [ACL_EXT]: 'extended access list',
  [ACL_IPV6]: 'IPv6 access list',
  'class-map': 'class-map',
  'policy-map': 'policy-map',
  'policy-map-class': 'policy-map class',
  line: 'line',
  vlan: 'vlan',
  'route-map': 'route-map',
  'key-chain': 'key chain',
  'pki-trustpoint': 'crypto pki trustpoint',
  'cert-chain': 'certificate chain',
});

/** Builds the per-mode keyword tries of a catalog. */
export function buildCatalog(name: string, entries: IosCatalogEntry[], modeNames: Record<string, string>): IosCatalog {
  const modes = new Map<IosModeId, TrieNode>();
  for (const entry of entries) {
    let root = modes.get(entry.mode);
    if (!root) {
      root = { key: '', children: new Map(), keys: [], sorted: undefined, entryId: 0 };
      modes.set(entry.mode, root);
    }
    let node: TrieNode = root;
    for (const kw of entry.path) {
      let next: TrieNode | undefined = node.children.get(kw);
      if (!next) {
        next = { key: kw, children: new Map(), keys: [], sorted: undefined, entryId: 0 };
        node.children.set(kw, next);
        node.keys.push(kw);
        seedSharedWord(kw);
      }
      node = next;
    }
    node.entry = entry;
    node.entryId = entryId(entry);
  }
  return { name, modes, entries, modeNames };
}

export const IOS_CATALOG: IosCatalog = buildCatalog('cisco-ios', IOS_ENTRIES, IOS_MODE_NAMES);

/** The child of `node` a word names, exactly or as an unambiguous abbreviation (its `key` is the keyword). */
function lookup(node: TrieNode, word: string): TrieNode | undefined {
  const exact = node.children.get(word);
  if (exact) return exact;
  // IOS accepts any unambiguous prefix of a keyword. Our catalog is incomplete, so we also require two characters,
  // and never treat numbers or addresses as abbreviations.
  if (word.length < 2) return undefined;
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) return undefined;
  // The keywords starting with `word` follow each other in sorted order, from the first keyword not below it (binary
  // search): a miss reads a few keywords instead of every keyword of the mode.
  const sorted = (node.sorted ??= node.keys.slice().sort());
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < word) lo = mid + 1;
    else hi = mid;
  }
  let found: string | undefined;
  for (let j = lo; j < sorted.length; j++) {
    const k = sorted[j];
    if (!k.startsWith(word)) break;
    // `service` is not an abbreviation of `service-policy`: a word that ends where the keyword has a hyphen is a
    // different (unknown) command more often than an abbreviation.
    if (k.length > word.length && k.charCodeAt(word.length) !== 45) {
      if (found !== undefined) return undefined;
      found = k;
    }
  }
  return found === undefined ? undefined : node.children.get(found);
}

/** Resolves words (lower-case) from `from` against the command tree of `mode`, abbreviation-aware. */
export function resolveCommand(catalog: IosCatalog, mode: IosModeId, words: readonly string[], from = 0): IosResolution {
  const root = catalog.modes.get(mode);
  const res: IosResolution = { path: [], consumed: 0 };
  if (!root) return res;
  let node = root;
  for (let i = from; i < words.length; i++) {
    const hit = lookup(node, words[i]);
    if (!hit) break;
    res.path.push(hit.key);
    node = hit;
    if (node.entry) {
      res.entry = node.entry;
      res.consumed = i + 1 - from;
    }
  }
  if (res.entry) res.path.length = res.entry.path.length;
  return res;
}

/** Lower-cased words read one at a time (the parser reads them from its token store only as far as a lookup goes). */
export interface LowerWords {
  /** Number of words. */
  readonly length: number;
  /** Word `i`, lower-cased. */
  at(i: number): string;
}

/**
 * `resolveCommand` without the matched path: the entry and how many words its path consumed, written into `out`
 * (the parser's one result object, so resolving a line allocates nothing). Returns `out.entry`.
 */
export function resolveEntry(catalog: IosCatalog, mode: IosModeId, words: LowerWords, from: number, out: { entry: IosCatalogEntry | undefined; consumed: number; id?: number }): IosCatalogEntry | undefined {
  out.entry = undefined;
  out.consumed = 0;
  out.id = ENTRY_NONE;
  let node = catalog.modes.get(mode);
  if (!node) return undefined;
  const n = words.length;
  for (let i = from; i < n; i++) {
    // A keyword without sub-keywords matches no further word: do not read (slice, lower-case) the argument.
    if (node.keys.length === 0) break;
    const hit = lookup(node, words.at(i));
    if (!hit) break;
    node = hit;
    if (node.entry) {
      out.entry = node.entry;
      out.id = node.entryId;
      out.consumed = i + 1 - from;
    }
  }
  return out.entry;
}

/** Keywords valid at a point of a mode's tree (after `prefix` keywords), for completion. */
export function keywordsAt(catalog: IosCatalog, mode: IosModeId, prefix: readonly string[]): { keyword: string; entry?: IosCatalogEntry }[] {
  let node = catalog.modes.get(mode);
  for (const w of prefix) {
    if (!node) return [];
    node = lookup(node, w);
  }
  if (!node) return [];
  return node.keys.map((k) => ({ keyword: k, entry: node!.children.get(k)!.entry }));
}

/**
 * Expands a keyword argument against candidates (`aes` stays `aes`, `tran` → `transport`), or undefined.
 * Used by lowering for argument keywords, which IOS also accepts abbreviated.
 */
export function expandKeyword(word: string | undefined, candidates: readonly string[]): string | undefined {
  if (word === undefined) return undefined;
  const w = word.toLowerCase();
  if (candidates.includes(w)) return w;
  let found: string | undefined;
  for (const c of candidates) {
    if (c.startsWith(w)) {
      if (found) return undefined;
      found = c;
    }
  }
  return found;
}

/** Canonical interface type names and their accepted abbreviations, longest first where it matters. */
const INTERFACE_TYPES: [string, string[]][] = [
  ['FastEthernet', ['fastethernet', 'fa', 'f']],
  ['GigabitEthernet', ['gigabitethernet', 'gi', 'gig', 'g']],
  ['TenGigabitEthernet', ['tengigabitethernet', 'te', 'ten']],
  ['TwentyFiveGigE', ['twentyfivegige', 'twe']],
  ['FortyGigabitEthernet', ['fortygigabitethernet', 'fo']],
  ['HundredGigE', ['hundredgige', 'hu']],
  ['Ethernet', ['ethernet', 'eth', 'e', 'et']],
  ['Loopback', ['loopback', 'lo']],
  ['Tunnel', ['tunnel', 'tu']],
  ['Port-channel', ['port-channel', 'po']],
  ['Vlan', ['vlan', 'vl']],
  ['Serial', ['serial', 'se', 's']],
  ['Dialer', ['dialer', 'di']],
  ['Virtual-Template', ['virtual-template', 'vi', 'virtual-t']],
  ['Virtual-Access', ['virtual-access', 'virtual-a']],
  ['Management', ['management', 'ma', 'mgmt']],
  ['BVI', ['bvi']],
  ['Null', ['null', 'nu']],
  ['Redundant', ['redundant', 're']],
  ['ATM', ['atm']],
  ['Multilink', ['multilink', 'mu']],
  ['Cellular', ['cellular', 'ce']],
  ['Embedded-Service-Engine', ['embedded-service-engine']],
];
const TYPE_BY_ALIAS = new Map<string, string>();
for (const [canon, aliases] of INTERFACE_TYPES) for (const a of aliases) TYPE_BY_ALIAS.set(a, canon);
/** The canonical type names by length: a name already written canonically is returned as it is (no slice). */
const CANON_BY_LENGTH: string[][] = [];
for (const [canon] of INTERFACE_TYPES) (CANON_BY_LENGTH[canon.length] ??= []).push(canon);

/**
 * Canonical interface name: `fa1/0` → `FastEthernet1/0`, `Gi0/0/1` → `GigabitEthernet0/0/1`, `Tu0` → `Tunnel0`,
 * `Port-channel 1` (split) is joined by the caller. Unknown types are returned unchanged.
 */
export function normalizeInterfaceName(name: string): string {
  let i = 0;
  while (i < name.length) {
    const c = name.charCodeAt(i);
    if ((c >= 48 && c <= 57) || c === 47) break; // digit or '/'
    i++;
  }
  if (i === 0) return name;
  const canonical = CANON_BY_LENGTH[i];
  if (canonical !== undefined) for (let k = 0; k < canonical.length; k++) if (name.startsWith(canonical[k])) return name;
  const type = name.slice(0, i);
  const rest = name.slice(i);
  const lower = lowerCase(type);
  const exact = TYPE_BY_ALIAS.get(lower);
  if (exact) return exact + rest;
  // Any unambiguous prefix of a canonical type name (`gigabitEth0/1`, `Loop0`).
  let found: string | undefined;
  for (const [canon] of INTERFACE_TYPES) {
    if (canon.toLowerCase().startsWith(lower)) {
      if (found) return name;
      found = canon;
    }
  }
  return found ? found + rest : name;
}

/** Interface kind from its canonical name. */
export function interfaceKind(name: string): 'physical' | 'loopback' | 'tunnel' | 'vlan' | 'bridge' | 'virtual' | 'other' {
  if (name.startsWith('Loopback')) return 'loopback';
  if (name.startsWith('Tunnel')) return 'tunnel';
  if (name.startsWith('Vlan')) return 'vlan';
  if (name.startsWith('BVI')) return 'bridge';
  if (name.startsWith('Virtual-') || name.startsWith('Dialer') || name.startsWith('Port-channel') || name.startsWith('Null')) return 'virtual';
  if (/^(FastEthernet|GigabitEthernet|TenGigabitEthernet|TwentyFiveGigE|FortyGigabitEthernet|HundredGigE|Ethernet|Serial|Management|Redundant|ATM|Multilink|Cellular)/.test(name)) return 'physical';
  return 'other';
}
