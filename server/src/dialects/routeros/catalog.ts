// RouterOS command catalog as data: menu paths → commands → parameters (type, enum values, defaults per major
// version, a short doc in our own words, reference link). Pure data plus lookup helpers; imports nothing else.
// Defaults cite interop-rules.md sources ([S12] profile, [S13] proposal, [S27] OSPF v7); Unconfirmed ones say so.
import { dict } from '../../model/dict';


/** Value type of a parameter; `enum-list` is a comma-separated list whose items must each be in `values`. */
export type ParamType = 'string' | 'enum' | 'enum-list' | 'bool' | 'int' | 'time' | 'address' | 'prefix' | 'name' | 'secret' | 'list';

export interface ParamSpec {
  type: ParamType;
  values?: readonly string[];
  doc: string;
  /** Default when absent; a string for both versions or per major version. */
  default?: string | { v6?: string; v7?: string };
  /** Source marker for the default (`[S12]`, `Unconfirmed U-4`). */
  defaultSource?: string;
  /** Only exists in this major version (validation never errors on it; hover says so). */
  only?: 6 | 7;
  /** A bare word (`passive`) sets it to yes. */
  flag?: boolean;
}

export interface MenuSpec {
  /** Space-separated absolute path without the leading slash: `ip ipsec peer`. */
  path: string;
  doc: string;
  link: string;
  /** Commands accepted (besides the generic print/export/find/get). */
  commands: readonly string[];
  params: Readonly<Record<string, ParamSpec>>;
  only?: 6 | 7;
}

/** Verbs RouterOS accepts in almost every menu; used to tell path words from the command word. */
export const GENERIC_VERBS: ReadonlySet<string> = new Set([
  'add', 'set', 'remove', 'print', 'enable', 'disable', 'edit', 'export', 'find', 'get', 'unset', 'reset', 'comment', 'move',
  'monitor', 'monitor-traffic', 'blink', 'reset-counters', 'reset-counters-all', 'cable-test', 'make-static', 'flush',
]);

const LIST = ['add', 'set', 'remove', 'print', 'enable', 'disable', 'edit', 'export', 'find', 'get', 'unset', 'comment', 'move', 'reset'];
const SINGLE = ['set', 'print', 'export', 'get', 'edit', 'unset', 'reset'];

const YESNO = ['yes', 'no', 'true', 'false'];
const bool = (doc: string, def?: string | { v6?: string; v7?: string }, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type: 'bool', values: YESNO, doc, default: def, ...extra });
const str = (doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type: 'string', doc, ...extra });
const name = (doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type: 'name', doc, ...extra });
const int = (doc: string, def?: string | { v6?: string; v7?: string }, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type: 'int', doc, default: def, ...extra });
const time = (doc: string, def?: string | { v6?: string; v7?: string }, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type: 'time', doc, default: def, ...extra });
const en = (values: readonly string[], doc: string, def?: string | { v6?: string; v7?: string }, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type: 'enum', values, doc, default: def, ...extra });
const enl = (values: readonly string[], doc: string, def?: string | { v6?: string; v7?: string }, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type: 'enum-list', values, doc, default: def, ...extra });
const addr = (doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type: 'address', doc, ...extra });
const prefix = (doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type: 'prefix', doc, ...extra });
const secret = (doc: string, extra: Partial<ParamSpec> = {}): ParamSpec => ({ type: 'secret', doc, ...extra });

const COMMON_PARAMS: Record<string, ParamSpec> = dict({
  comment: str('Free-text note shown next to the item.'),
  disabled: bool('Keeps the item in the configuration without using it.', 'no', { flag: true }),
  'place-before': str('Inserts the new item before the item with this number or id instead of at the end.'),
  'copy-from': str('Copies unspecified values from an existing item.'),
  numbers: str('Item numbers or names the command applies to.'),
});

const DOCS = 'https://help.mikrotik.com/docs/display/ROS/';

// ---- IPsec vocabularies [S12][S13]
export const ROS_PROFILE_ENC = ['des', '3des', 'aes-128', 'aes-192', 'aes-256', 'blowfish', 'camellia-128', 'camellia-192', 'camellia-256'] as const;
export const ROS_HASH = ['md5', 'sha1', 'sha256', 'sha512'] as const;
export const ROS_DH = ['modp768', 'modp1024', 'modp1536', 'modp2048', 'modp3072', 'modp4096', 'modp6144', 'modp8192', 'ecp256', 'ecp384', 'ecp521'] as const;
export const ROS_PROPOSAL_ENC = [
  'null', 'des', '3des', 'aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc', 'aes-128-ctr', 'aes-192-ctr', 'aes-256-ctr',
  'aes-128-gcm', 'aes-192-gcm', 'aes-256-gcm', 'blowfish', 'camellia-128', 'camellia-192', 'camellia-256', 'twofish',
] as const;
export const ROS_PROPOSAL_AUTH = ['md5', 'null', 'sha1', 'sha256', 'sha512'] as const;
export const ROS_PFS = ['none', ...ROS_DH] as const;
const EXCHANGE = ['main', 'aggressive', 'base', 'ike2', 'main-l2tp'];
const PROPOSAL_CHECK = ['claim', 'exact', 'obey', 'strict'];
const AUTH_METHOD = ['pre-shared-key', 'rsa-signature', 'rsa-key', 'pre-shared-key-xauth', 'rsa-signature-hybrid', 'eap', 'eap-radius', 'digital-signature'];
const GENERATE_POLICY = ['no', 'port-override', 'port-strict'];

const PHASE1: Record<string, ParamSpec> = dict({
  'hash-algorithm': en(ROS_HASH, 'IKE phase 1 hash (PRF/integrity). Must equal the other end\'s phase 1 hash.', 'sha1', { defaultSource: '[S12]' }),
  'enc-algorithm': enl(ROS_PROFILE_ENC, 'IKE phase 1 encryption algorithms; every listed value is offered and accepted.', 'aes-128,3des', { defaultSource: '[S12]' }),
  'dh-group': enl(ROS_DH, 'Diffie-Hellman groups for phase 1; every listed group is offered and accepted.', 'modp2048,modp1024', { defaultSource: '[S12]' }),
  lifetime: time('Phase 1 SA lifetime.', '1d', { defaultSource: '[S12]' }),
  lifebytes: int('Phase 1 SA lifetime in bytes (0 = unlimited).', '0'),
  'nat-traversal': bool('Use NAT-T (UDP 4500) when a NAT is detected between the peers.', 'yes'),
  'proposal-check': en(PROPOSAL_CHECK, 'How lifetimes proposed by the initiator are accepted: obey takes whatever is proposed, claim takes the shorter and tells the initiator, strict rejects longer lifetimes, exact requires equal ones.', 'obey', { defaultSource: '[S12]' }),
  'dpd-interval': str('Dead peer detection interval (`disable-dpd` turns DPD off).', { default: '2m' }),
  'dpd-maximum-failures': int('Dead peer detection failures before the peer is considered down.', '5'),
  'prf-algorithm': en(['auto', 'sha1', 'sha256', 'sha384', 'sha512'], 'IKEv2 pseudo-random function.', 'auto', { only: 7 }),
});

const OSPF_V7_TYPES = ['broadcast', 'nbma', 'ptp', 'ptmp', 'ptp-unnumbered', 'virtual-link'];
const OSPF_V6_TYPES = ['broadcast', 'default', 'nbma', 'point-to-point', 'ptmp'];

const m = (path: string, doc: string, page: string, commands: readonly string[], params: Record<string, ParamSpec>, only?: 6 | 7): MenuSpec => ({
  path,
  doc,
  link: DOCS + page,
  commands,
  params: dict({ ...COMMON_PARAMS, ...params }),
  only,
});

const ifaceCommon: Record<string, ParamSpec> = dict({
  name: name('Interface name, used by addresses, routes, firewall rules and bridge ports.'),
  mtu: int('Layer-3 MTU.'),
  'l2mtu': int('Layer-2 MTU.'),
  'arp': en(['disabled', 'enabled', 'local-proxy-arp', 'proxy-arp', 'reply-only'], 'ARP mode.', 'enabled'),
  'arp-timeout': str('How long ARP entries live.'),
  'mac-address': str('MAC address.'),
});

const tunnelCommon: Record<string, ParamSpec> = dict({
  ...ifaceCommon,
  'local-address': addr('Source address of the tunnel packets.'),
  'remote-address': addr('Destination address of the tunnel packets (the other end).'),
  'ipsec-secret': secret('When set, RouterOS creates a dynamic IPsec peer protecting this tunnel with this pre-shared key.'),
  keepalive: str('Keepalive interval and retries (`10s,10`).'),
  dscp: str('DSCP of the outer packets (`inherit` or a number).'),
  'clamp-tcp-mss': bool('Adjust TCP MSS to the tunnel MTU.', 'yes'),
  'dont-fragment': en(['inherit', 'no'], 'Don\'t-fragment bit of the outer packets.', 'no'),
  'allow-fast-path': bool('Allow fast path processing.', 'yes'),
});

const pppClient: Record<string, ParamSpec> = dict({
  ...ifaceCommon,
  'connect-to': addr('Server address to connect to.'),
  user: str('PPP user name.'),
  password: secret('PPP password.'),
  profile: name('PPP profile used for the connection.', { default: 'default-encryption' }),
  'add-default-route': bool('Install a default route through the tunnel.', 'no'),
  'default-route-distance': int('Distance of that default route.'),
  'dial-on-demand': bool('Connect only when traffic needs the link.', 'no'),
  'allow': str('Allowed authentication methods (pap, chap, mschap1, mschap2).'),
  'keepalive-timeout': str('Keepalive timeout.'),
  'max-mtu': int('Maximum MTU.'),
  'max-mru': int('Maximum MRU.'),
  mrru: str('Maximum received reconstructed unit (multilink).'),
});

/** Every menu the catalog knows, keyed by space-separated path. */
export const MENUS: ReadonlyMap<string, MenuSpec> = new Map(
  [
    // ---- system
    m('system identity', 'The router\'s name, shown in the prompt, in Winbox and in neighbour discovery.', 'Identity', SINGLE, {
      name: name('The router\'s host name.', { default: 'MikroTik' }),
    }),
    m('system clock', 'System date, time and time zone.', 'Clock', SINGLE, { 'time-zone-name': str('Time zone name.'), 'time-zone-autodetect': bool('Detect the time zone.', 'yes'), date: str('Date.'), time: str('Time.') }),
    m('system ntp client', 'NTP client settings.', 'NTP', SINGLE, { enabled: bool('Enable the NTP client.', 'no'), 'server-dns-names': str('NTP servers by name.'), 'primary-ntp': addr('Primary NTP server (v6).', { only: 6 }), 'secondary-ntp': addr('Secondary NTP server (v6).', { only: 6 }), servers: str('NTP servers (v7).'), mode: str('Client mode.') }),
    m('user', 'Router user accounts.', 'User', LIST, { name: name('Login name.'), group: name('User group (full, read, write or a custom group).'), password: secret('Login password.'), address: str('Addresses the user may log in from.') }),
    m('user group', 'User groups and their policies.', 'User', LIST, { name: name('Group name.'), policy: str('Allowed policies.'), skin: str('Winbox skin.') }),
    // ---- interfaces
    m('interface', 'All interfaces of the router.', 'Interface', LIST, { ...ifaceCommon }),
    m('interface ethernet', 'Physical Ethernet ports. Exports list them with `set [ find default-name=etherN ]` because they cannot be added or removed.', 'Ethernet', ['set', 'print', 'export', 'find', 'get', 'reset-mac-address', 'reset-counters', 'monitor', 'blink', 'cable-test', 'enable', 'disable', 'comment', 'edit', 'unset'], {
      ...ifaceCommon,
      'default-name': name('Factory name of the port (read-only; used in `find`).'),
      advertise: str('Advertised link speeds.'),
      'auto-negotiation': bool('Negotiate speed and duplex.', 'yes'),
      speed: str('Forced link speed.'),
      'full-duplex': bool('Forced duplex.', 'yes'),
      'disable-running-check': bool('Always consider the port running.', 'yes'),
      'loop-protect': str('Loop protection mode.'),
      'rx-flow-control': str('Receive flow control.'),
      'tx-flow-control': str('Transmit flow control.'),
      poe_out: str('PoE output mode.'),
      'poe-out': str('PoE output mode.'),
      'fec-mode': str('Forward error correction mode.'),
      'sfp-rate-select': str('SFP rate select.'),
      'combo-mode': str('Combo port mode.'),
    }),
    m('interface bridge', 'Software bridges joining ports into one layer-2 domain.', 'Bridging+and+Switching', LIST, {
      ...ifaceCommon,
      'protocol-mode': en(['none', 'rstp', 'stp', 'mstp'], 'Spanning tree protocol.', 'rstp'),
      'vlan-filtering': bool('Filter frames by VLAN (bridge VLAN table).', 'no'),
      pvid: int('Port VLAN id of the bridge interface itself.', '1'),
      'igmp-snooping': bool('IGMP snooping.', 'no'),
      'auto-mac': bool('Pick the MAC from a port.', 'yes'),
      'admin-mac': str('Static bridge MAC.'),
      'frame-types': str('Accepted frame types.'),
      'ingress-filtering': bool('Ingress VLAN filtering.'),
      priority: str('Bridge priority (hex).'),
      'fast-forward': bool('Fast forward.'),
      'port-cost-mode': str('Port cost mode.'),
      mvrp: bool('MVRP.'),
      'dhcp-snooping': bool('DHCP snooping.'),
      'add-dhcp-option82': bool('Option 82.'),
      'igmp-version': str('IGMP version.'),
      'mld-version': str('MLD version.'),
      'multicast-router': str('Multicast router.'),
      'ageing-time': str('Ageing time.'),
      'forward-delay': str('STP forward delay.'),
      'max-message-age': str('STP max age.'),
    }),
    m('interface bridge port', 'Membership of interfaces in bridges.', 'Bridging+and+Switching', LIST, {
      bridge: name('The bridge this port belongs to.'),
      interface: name('The member interface (or interface list).'),
      pvid: int('Port VLAN id for untagged frames.', '1'),
      'frame-types': en(['admit-all', 'admit-only-untagged-and-priority-tagged', 'admit-only-vlan-tagged'], 'Accepted frame types.', 'admit-all'),
      'ingress-filtering': bool('Drop frames of VLANs the port is not a member of.'),
      horizon: str('Split horizon group.'),
      edge: str('STP edge port mode.'),
      'point-to-point': str('STP point-to-point mode.'),
      hw: bool('Hardware offloading.', 'yes'),
      'path-cost': int('STP path cost.'),
      priority: str('STP port priority.'),
      'trusted': bool('DHCP snooping trust.', 'no'),
      'internal-path-cost': int('MSTP internal path cost.'),
      'bpdu-guard': bool('BPDU guard.', 'no'),
      'tag-stacking': bool('Tag stacking.', 'no'),
      'restricted-role': bool('Restricted role.'),
      'learn': str('MAC learning.'),
      'unknown-unicast-flood': bool('Flood unknown unicast.'),
      'broadcast-flood': bool('Flood broadcast.'),
    }),
    m('interface bridge vlan', 'Bridge VLAN table (with vlan-filtering).', 'Bridging+and+Switching', LIST, { bridge: name('Bridge.'), 'vlan-ids': str('VLAN ids.'), tagged: str('Tagged ports.'), untagged: str('Untagged ports.') }),
    m('interface vlan', '802.1Q VLAN sub-interfaces.', 'VLAN', LIST, {
      ...ifaceCommon,
      'vlan-id': int('VLAN tag.'),
      interface: name('Parent interface carrying the tagged frames.'),
      'use-service-tag': bool('802.1ad service tag.', 'no'),
      bridge: name('Bridge.'),
    }),
    m('interface gre', 'GRE tunnels (IP protocol 47).', 'GRE', LIST, tunnelCommon),
    m('interface ipip', 'IP-in-IP tunnels (IP protocol 4).', 'IPIP', LIST, tunnelCommon),
    m('interface eoip', 'Ethernet-over-IP tunnels (MikroTik GRE with an Ethernet payload).', 'EoIP', LIST, { ...tunnelCommon, 'tunnel-id': int('Tunnel id; must be equal on both ends.') }),
    m('interface l2tp-server', 'Static L2TP server bindings (a fixed interface name for one PPP user).', 'L2TP', LIST, { name: name('Interface name.'), user: str('PPP user bound to this interface.') }),
    m('interface l2tp-server server', 'Global L2TP server settings, including IPsec protection of L2TP.', 'L2TP', SINGLE, {
      enabled: bool('Run the L2TP server.', 'no'),
      'use-ipsec': en(['no', 'yes', 'required'], 'With yes/required RouterOS creates a dynamic IPsec peer and policy template so L2TP can run over IPsec (transport mode).', 'no'),
      'ipsec-secret': secret('Pre-shared key of the dynamic IPsec peer created by use-ipsec.'),
      'default-profile': name('PPP profile for L2TP users without one of their own.', { default: 'default-encryption' }),
      authentication: str('Allowed PPP authentication methods.'),
      'max-mtu': int('Maximum MTU.', '1450'),
      'max-mru': int('Maximum MRU.', '1450'),
      mrru: str('Multilink MRRU.'),
      'keepalive-timeout': int('Keepalive timeout.', '30'),
      'max-sessions': str('Session limit.'),
      'one-session-per-host': bool('One session per host.', 'no'),
      'allow-fast-path': bool('Allow fast path.', 'no'),
      'caller-id-type': str('Caller id type.'),
      'l2tpv3-circuit-id': str('L2TPv3 circuit id.'),
      'l2tpv3-cookie-length': str('L2TPv3 cookie length.'),
      'l2tpv3-digest-hash': str('L2TPv3 digest hash.'),
      'accept-proto-version': str('Accepted L2TP versions.'),
      'accept-pseudowire-type': str('Accepted pseudowire type.'),
    }),
    m('interface l2tp-client', 'L2TP client connections.', 'L2TP', LIST, {
      ...pppClient,
      'use-ipsec': bool('Protect the L2TP connection with IPsec (creates a dynamic peer).', 'no'),
      'ipsec-secret': secret('Pre-shared key of that dynamic IPsec peer.'),
      'use-peer-dns': bool('Use the DNS servers the server offers.', 'no'),
      'l2tp-proto-version': str('L2TP version.'),
    }),
    m('interface ovpn-client', 'OpenVPN client connections.', 'OpenVPN', LIST, {
      ...pppClient,
      port: int('Server port.', '1194'),
      mode: en(['ip', 'ethernet'], 'Tunnel mode.', 'ip'),
      protocol: en(['tcp', 'udp'], 'Transport.', { v6: 'tcp', v7: 'tcp' }),
      certificate: str('Client certificate.'),
      cipher: str('Data ciphers.'),
      auth: str('HMAC digest.'),
      'verify-server-certificate': bool('Check the server certificate.', 'no'),
      'use-peer-dns': str('Use the DNS servers the server offers.'),
      'route-nopull': bool('Ignore pushed routes.', 'no'),
      'tls-version': str('TLS version.'),
    }),
    m('interface ovpn-server server', 'OpenVPN server settings.', 'OpenVPN', SINGLE, { enabled: bool('Run the server.', 'no'), port: int('Port.', '1194'), certificate: str('Server certificate.'), cipher: str('Ciphers.'), 'default-profile': name('Default PPP profile.'), auth: str('Digests.'), mode: str('Mode.'), 'require-client-certificate': bool('Require client certificates.', 'no'), protocol: str('Transport.'), netmask: int('Netmask.'), 'keepalive-timeout': str('Keepalive.'), 'max-mtu': int('MTU.'), 'mac-address': str('MAC.') }),
    m('interface list', 'Named interface lists used by firewall rules and services.', 'Interface+Lists', LIST, { name: name('List name.'), include: str('Lists whose members are included.'), exclude: str('Lists whose members are excluded.') }),
    m('interface list member', 'Members of interface lists.', 'Interface+Lists', LIST, { list: name('The list.'), interface: name('The member interface.') }),
    m('interface bonding', 'Bonding interfaces: several ports used as one link, for more bandwidth or for failover.', 'Bonding', LIST, {
      ...ifaceCommon,
      slaves: str('Member ports of the bond (comma-separated).'),
      mode: en(['802.3ad', 'active-backup', 'balance-alb', 'balance-rr', 'balance-tlb', 'balance-xor', 'broadcast'], 'How traffic is spread over the members: `802.3ad` negotiates the bundle with LACP, `active-backup` uses one member at a time, the `balance-*` modes share the load without the partner\'s help.', 'balance-rr'),
      'transmit-hash-policy': en(['layer-2', 'layer-2-and-3', 'layer-3-and-4'], 'Which header fields choose the member a packet leaves on (802.3ad and balance-xor).', 'layer-2'),
      'lacp-rate': en(['1sec', '30secs'], 'How often LACP messages are expected from the partner.', '30secs'),
      'link-monitoring': en(['arp', 'mii', 'none'], 'How a failed member is detected: the link state (mii) or ARP probes.', 'mii'),
      'mii-interval': time('How often the link state of members is checked.', '100ms'),
      'arp-ip-targets': str('Addresses probed with ARP when link-monitoring=arp.'),
      'arp-interval': time('ARP probe interval.', '100ms'),
      primary: name('Member preferred in active-backup mode.'),
      'min-links': int('Members that must be up for the bond to be up.', '0'),
      'up-delay': time('Wait before a recovered member is used again.', '0ms'),
      'down-delay': time('Wait before a failed member is taken out.', '0ms'),
      'forced-mac-address': str('MAC address the bond uses instead of the first member\'s.'),
      'lacp-user-key': int('User-defined bits of the LACP key (v7).'),
      'lacp-mode': en(['active', 'passive'], 'Whether the bond sends LACP messages on its own or only answers the partner\'s (7.19+).', 'active'),
    }),
    m('interface vrrp', 'VRRP interfaces: a virtual router address shared by several routers, owned by the one with the highest priority.', 'VRRP', LIST, {
      ...ifaceCommon,
      interface: name('Interface VRRP runs on.'),
      vrid: int('Virtual router id; every router of the group uses the same id on the segment.', '1'),
      priority: int('Priority in the master election (higher wins; 255 is reserved for the address owner).', '100'),
      interval: time('Advertisement interval.', '1s'),
      'preemption-mode': bool('A router with a higher priority takes the master role back when it comes up.', 'yes'),
      authentication: en(['none', 'simple', 'ah'], 'Authentication of VRRP v2 advertisements.', 'none'),
      password: secret('Password for simple or AH authentication.'),
      version: en(['2', '3'], 'VRRP version.', '3'),
      'v3-protocol': en(['ipv4', 'ipv6'], 'Address family of VRRP v3.', 'ipv4'),
      'on-master': str('Script run when this router becomes master.'),
      'on-backup': str('Script run when this router becomes backup.'),
      'on-fail': str('Script run when VRRP fails (v7).'),
      'sync-connection-tracking': bool('Copy connection tracking to the backup routers.', 'no'),
      'group-master': name('VRRP interface whose state this one follows.'),
      'remote-address': addr('Unicast peer address instead of multicast advertisements.'),
    }),
    m('interface vxlan', 'VXLAN interfaces (v7): Ethernet frames carried in UDP between VTEPs, one network per VNI.', 'VXLAN', LIST, {
      ...ifaceCommon,
      vni: int('VXLAN network identifier; both ends of a segment must use the same.'),
      port: int('UDP destination port.', '8472'),
      interface: name('Interface used to reach multicast group members.'),
      group: addr('Multicast group used for flooding.'),
      'local-address': addr('Source address of the VXLAN packets.'),
      'dont-fragment': en(['auto', 'disabled', 'enabled', 'inherit'], 'Don\'t-fragment bit of the outer packets.', 'auto'),
      vrf: name('VRF of the underlay.'),
      'vteps-ip-version': en(['ipv4', 'ipv6'], 'Address family of the VTEPs.', 'ipv4'),
      'learning': bool('Learn remote MAC addresses from received frames.', 'yes'),
      'bridge': name('Bridge the interface is added to.'),
    }, 7),
    m('interface ethernet switch port', 'Per-port VLAN settings of the switch chip (v6-style switch configuration).', 'Switch+Chip+Features', ['set', 'print', 'export', 'get', 'reset-counters', 'edit', 'unset'], {
      'default-vlan-id': int('VLAN id given to untagged frames entering the port.', '0'),
      'vlan-mode': en(['disabled', 'fallback', 'check', 'secure'], 'How strictly the switch applies its VLAN table to the port.', 'disabled'),
      'vlan-header': en(['leave-as-is', 'always-strip', 'add-if-missing'], 'Whether frames leaving the port get their VLAN tag removed or added.', 'leave-as-is'),
    }),
    m('interface wireless security-profiles', 'Security profiles of legacy wireless interfaces: authentication types, ciphers and keys.', 'Wireless+Interface', LIST, {
      name: name('Profile name.'),
      mode: en(['none', 'static-keys-required', 'static-keys-optional', 'dynamic-keys'], 'Encryption mode; `dynamic-keys` is WPA/WPA2.', 'none'),
      'authentication-types': str('Allowed WPA authentication types (wpa-psk, wpa2-psk, wpa-eap, wpa2-eap).'),
      'unicast-ciphers': str('Ciphers for unicast traffic (aes-ccm, tkip).'),
      'group-ciphers': str('Ciphers for broadcast traffic (aes-ccm, tkip).'),
      'wpa-pre-shared-key': secret('WPA pre-shared key.'),
      'wpa2-pre-shared-key': secret('WPA2 pre-shared key.'),
      'supplicant-identity': str('EAP identity this router sends as a client.', { default: 'the router identity' }),
      'eap-methods': str('EAP methods.'),
      'management-protection': en(['disabled', 'allowed', 'required'], 'Protection of management frames.', 'disabled'),
      'management-protection-key': secret('Key for management frame protection.'),
      'group-key-update': time('How often the group key is renewed.', '5m'),
    }),
    m('interface lte', 'LTE modem interfaces.', 'LTE', ['set', 'print', 'export', 'get', 'edit', 'unset', 'monitor', 'enable', 'disable', 'comment', 'reset-counters', 'find'], {
      ...ifaceCommon,
      'apn-profiles': str('APN profiles the modem tries (v7).', { default: 'default' }),
      'allow-roaming': bool('Allow data connections while roaming.', 'no'),
      band: str('LTE bands the modem may use (empty = all).'),
      'network-mode': str('Radio technologies allowed (3g, gsm, lte, 5g).'),
      pin: secret('SIM PIN.'),
      'sms-read': bool('Read received SMS.', 'no'),
      'sms-protocol': str('SMS protocol.'),
      'modem-init': str('Extra AT commands at start.'),
    }),
    m('interface lte apn', 'APN profiles used by LTE interfaces (v7).', 'LTE', LIST, {
      name: name('Profile name.'),
      apn: str('Access point name given by the operator.'),
      'ip-type': en(['auto', 'ipv4', 'ipv4-ipv6', 'ipv6'], 'Address families requested.', 'auto'),
      'use-peer-dns': bool('Use the DNS servers the network offers.', 'yes'),
      'use-network-apn': bool('Use the APN the network proposes instead of this one.', 'yes'),
      'add-default-route': bool('Install a default route through the modem.', 'yes'),
      'default-route-distance': int('Distance of that default route.', '2'),
      'passthrough-interface': name('Interface that receives the modem\'s address in passthrough mode.'),
      'passthrough-mac': str('MAC of the passthrough host.'),
      'passthrough-subnet-selection': str('Subnet given to the passthrough host.'),
      authentication: en(['none', 'pap', 'chap'], 'Authentication towards the APN.', 'none'),
      user: str('APN user name.'),
      password: secret('APN password.'),
    }, 7),
    // ---- PPP
    m('ppp profile', 'PPP profiles: addresses, DNS and encryption handed to PPP (L2TP, PPTP, PPPoE, SSTP, OVPN) clients.', 'PPP+AAA', LIST, {
      name: name('Profile name.'),
      'local-address': str('Address (or IP pool name) for the router\'s end of each PPP link.'),
      'remote-address': str('Address (or IP pool name) handed to the client.'),
      'dns-server': str('DNS servers given to clients.'),
      'wins-server': str('WINS servers given to clients.'),
      'use-encryption': en(['default', 'no', 'required', 'yes'], 'MPPE encryption of the PPP payload.', 'default'),
      'use-compression': str('Compression.'),
      'use-mpls': str('MPLS over PPP.'),
      'use-upnp': str('UPnP.'),
      'use-ipv6': str('IPv6 over PPP.'),
      'change-tcp-mss': str('Adjust TCP MSS.'),
      'only-one': str('One session per user.'),
      bridge: name('Bridge PPP interfaces join.'),
      'rate-limit': str('Rate limit.'),
      'address-list': str('Address list the client address is added to.'),
      'incoming-filter': str('Firewall chain for incoming packets.'),
      'outgoing-filter': str('Firewall chain for outgoing packets.'),
      'session-timeout': str('Session timeout.'),
      'idle-timeout': str('Idle timeout.'),
      'interface-list': name('Interface list PPP interfaces join.'),
      'on-up': str('Script run when a session comes up.'),
      'on-down': str('Script run when a session goes down.'),
      'parent-queue': str('Parent queue.'),
      'dhcpv6-pd-pool': str('IPv6 prefix delegation pool.'),
    }),
    m('ppp secret', 'Local PPP user database (name, password, service, profile).', 'PPP+AAA', LIST, {
      name: name('User name.'),
      password: secret('User password.'),
      service: en(['any', 'async', 'l2tp', 'ovpn', 'pppoe', 'pptp', 'sstp'], 'Service the user may use.', 'any'),
      profile: name('PPP profile applied to the user.', { default: 'default' }),
      'local-address': str('Router-side address for this user.'),
      'remote-address': str('Address given to this user.'),
      routes: str('Routes added when the user connects.'),
      'caller-id': str('Caller id restriction.'),
      'limit-bytes-in': int('Byte limit.'),
      'limit-bytes-out': int('Byte limit.'),
      'ipv6-routes': str('IPv6 routes.'),
      'remote-ipv6-prefix': str('IPv6 prefix.'),
    }),
    m('ppp aaa', 'PPP authentication/accounting settings.', 'PPP+AAA', SINGLE, { 'use-radius': bool('Use RADIUS.', 'no'), accounting: bool('Accounting.', 'yes'), 'interim-update': str('Interim update interval.') }),
    // ---- IP
    m('ip address', 'IPv4 addresses of interfaces.', 'IP+Addressing', LIST, {
      address: str('Address with prefix length (`192.168.88.1/24`); without a length it is a /32.'),
      interface: name('Interface the address is on.'),
      network: addr('Network address (computed from the prefix when absent).'),
      netmask: str('Netmask (old style).'),
      broadcast: addr('Broadcast address (old style).'),
    }),
    m('ip pool', 'IPv4 address pools handed out by DHCP, PPP and IPsec mode-config.', 'IP+Pools', LIST, { name: name('Pool name.'), ranges: str('Address ranges (`10.0.0.10-10.0.0.99`) or prefixes.'), 'next-pool': name('Pool used when this one is exhausted.') }),
    m('ip route', 'Static routes.', 'IP+Routing', LIST, {
      'dst-address': prefix('Destination prefix.', { default: '0.0.0.0/0' }),
      gateway: str('Next hop address or interface.'),
      distance: int('Administrative distance.', '1'),
      'routing-mark': str('Routing table (v6).', { only: 6 }),
      'routing-table': name('Routing table (v7).', { only: 7, default: 'main' }),
      'check-gateway': en(['arp', 'ping', 'bfd', 'bfd-multihop', 'none'], 'How gateway reachability is checked.'),
      'pref-src': addr('Preferred source address.'),
      scope: int('Scope.', '30'),
      'target-scope': int('Target scope.', '10'),
      type: en(['unicast', 'blackhole', 'prohibit', 'unreachable'], 'Route type.', 'unicast'),
      'vrf-interface': name('VRF interface.'),
      'suppress-hw-offload': bool('Suppress hardware offload.', 'no'),
      bgp: str('BGP attributes.'),
    }),
    m('ip dns', 'The router\'s DNS resolver/cache.', 'DNS', SINGLE, {
      servers: str('Upstream DNS servers.'),
      'allow-remote-requests': bool('Answer DNS queries from the network (open resolver if not firewalled).', 'no'),
      'cache-size': str('Cache size.'),
      'cache-max-ttl': str('Maximum TTL.'),
      'max-udp-packet-size': int('Max UDP packet size.'),
      'use-doh-server': str('DNS-over-HTTPS server.'),
      'verify-doh-cert': bool('Verify the DoH certificate.', 'no'),
      'max-concurrent-queries': int('Max concurrent queries.'),
      'query-server-timeout': str('Query timeout.'),
      'query-total-timeout': str('Total timeout.'),
    }),
    m('ip dns static', 'Static DNS entries.', 'DNS', LIST, { name: str('Host name.'), address: str('Address.'), regexp: str('Regular expression.'), type: str('Record type.'), ttl: str('TTL.'), 'forward-to': str('Forward server.'), text: str('TXT record.'), cname: str('CNAME.'), 'match-subdomain': bool('Match subdomains.', 'no'), 'address-list': str('Address list.') }),
    m('ip service', 'Management services (telnet, ftp, www, ssh, www-ssl, api, winbox, api-ssl): port, allowed addresses, on/off.', 'Services', ['set', 'print', 'export', 'enable', 'disable', 'find', 'get', 'edit', 'unset'], {
      port: int('TCP port.'),
      address: str('Addresses allowed to connect (empty = any).'),
      certificate: str('TLS certificate.'),
      'tls-version': str('TLS version.'),
      vrf: str('VRF.'),
      'max-sessions': int('Session limit.'),
    }),
    m('ip dhcp-server', 'DHCP servers bound to interfaces.', 'DHCP', LIST, {
      name: name('Server name.'),
      interface: name('Interface it serves.'),
      'address-pool': name('Pool leases come from (`static-only` = leases only).', { default: 'static-only' }),
      'lease-time': time('Lease time.', { v6: '10m', v7: '30m' }),
      authoritative: str('Authoritative mode.'),
      'lease-script': str('Script run on lease changes.'),
      'add-arp': bool('Add ARP entries for leases.', 'no'),
      'bootp-support': str('BOOTP support.'),
      relay: addr('Relay address.'),
      'conflict-detection': bool('Ping before offering.'),
      'use-radius': str('RADIUS.'),
      'always-broadcast': bool('Always broadcast replies.', 'no'),
      'dhcp-option-set': str('Option set.'),
      'server-address': addr('Server address.'),
      'use-reconfigure': bool('DHCP reconfigure.'),
      'address-lists': str('Address lists for clients.'),
    }),
    m('ip dhcp-server network', 'Per-network settings handed out by DHCP (gateway, DNS, domain).', 'DHCP', LIST, { address: prefix('Network.'), gateway: str('Default gateway handed out.'), 'dns-server': str('DNS servers handed out.'), domain: str('Domain.'), netmask: int('Netmask.'), 'ntp-server': str('NTP servers.'), 'wins-server': str('WINS.'), 'dhcp-option': str('Options.'), 'boot-file-name': str('Boot file.'), 'next-server': str('Next server.'), 'caps-manager': str('CAPsMAN.'), 'dhcp-option-set': str('Option set.') }),
    m('ip dhcp-server lease', 'Static and dynamic DHCP leases.', 'DHCP', LIST, { address: str('Leased address.'), 'mac-address': str('Client MAC.'), server: name('Server.'), 'client-id': str('Client id.'), 'lease-time': str('Lease time.'), 'address-lists': str('Address lists.'), 'block-access': bool('Block access.', 'no'), 'rate-limit': str('Rate limit.'), 'dhcp-option': str('Options.'), 'always-broadcast': bool('Broadcast.', 'no'), 'use-src-mac': bool('Use source MAC.', 'no'), 'insert-queue-before': str('Queue.') }),
    m('ip dhcp-client', 'DHCP clients on interfaces.', 'DHCP', LIST, { interface: name('Interface.'), 'add-default-route': str('Install the default route.'), 'use-peer-dns': bool('Use the DNS servers offered.', 'yes'), 'use-peer-ntp': bool('Use the NTP servers offered.', 'yes'), 'default-route-distance': int('Route distance.'), script: str('Script.'), 'dhcp-options': str('Options.'), 'host-name': str('Host name.'), 'client-id': str('Client id.'), 'check-gateway': str('Gateway check.'), 'allow-reconfigure': bool('Allow reconfigure.') }),
    // ---- firewall
    ...['filter', 'nat', 'mangle', 'raw'].map((t) =>
      m(`ip firewall ${t}`, `IPv4 firewall ${t} rules, processed top-down within each chain.`, 'Firewall', LIST, {
        chain: str('Chain the rule belongs to (input, forward, output, srcnat, dstnat, prerouting, postrouting or a custom chain).'),
        action: str('What to do with a matching packet (accept, drop, reject, jump, masquerade, src-nat, dst-nat, fasttrack-connection, …).'),
        protocol: str('IP protocol by name or number (tcp, udp, icmp, ipsec-esp, ipsec-ah, gre, …).'),
        'src-address': str('Source address or prefix (`!` negates).'),
        'dst-address': str('Destination address or prefix (`!` negates).'),
        'src-port': str('Source ports.'),
        'dst-port': str('Destination ports.'),
        port: str('Either source or destination port.'),
        'in-interface': str('Incoming interface.'),
        'out-interface': str('Outgoing interface.'),
        'in-interface-list': str('Incoming interface list.'),
        'out-interface-list': str('Outgoing interface list.'),
        'src-address-list': str('Source address list.'),
        'dst-address-list': str('Destination address list.'),
        'connection-state': str('Connection tracking states.'),
        'connection-nat-state': str('NAT state.'),
        'connection-mark': str('Connection mark.'),
        'packet-mark': str('Packet mark.'),
        'routing-mark': str('Routing mark.'),
        'ipsec-policy': str('Match packets by IPsec policy (`in,ipsec`, `out,none`).'),
        'to-addresses': str('NAT target addresses.'),
        'to-ports': str('NAT target ports.'),
        'jump-target': str('Chain to jump to.'),
        log: bool('Log matching packets.', 'no'),
        'log-prefix': str('Log prefix.'),
        'reject-with': str('ICMP error sent by reject.'),
        'address-list': str('Address list for add-*-to-address-list.'),
        'address-list-timeout': str('Timeout of entries added.'),
        'new-connection-mark': str('New connection mark.'),
        'new-packet-mark': str('New packet mark.'),
        'new-routing-mark': str('New routing mark.'),
        'new-mss': str('New MSS.'),
        passthrough: bool('Continue after this rule.'),
        'tcp-flags': str('TCP flags.'),
        'icmp-options': str('ICMP type:code.'),
        limit: str('Rate limit.'),
        'dst-limit': str('Per-destination rate limit.'),
        'connection-limit': str('Connection limit.'),
        'connection-type': str('Helper connection type.'),
        'hw-offload': bool('Hardware offload.'),
        'tcp-mss': str('TCP MSS match.'),
        'packet-size': str('Packet size.'),
        'layer7-protocol': str('Layer 7 protocol.'),
        'src-mac-address': str('Source MAC.'),
        'dst-address-type': str('Destination address type.'),
        'src-address-type': str('Source address type.'),
        content: str('Content match.'),
        'tls-host': str('TLS SNI.'),
        'time': str('Time match.'),
        'ttl': str('TTL match.'),
        'nth': str('Nth packet.'),
        'per-connection-classifier': str('PCC.'),
        'fragment': bool('Fragments.'),
        'dscp': str('DSCP.'),
        'priority': str('Priority.'),
        'random': int('Random.'),
        'psd': str('Port scan detection.'),
        'ingress-priority': str('Ingress priority.'),
        'in-bridge-port': str('Bridge port.'),
        'out-bridge-port': str('Bridge port.'),
        'in-bridge-port-list': str('Bridge port list.'),
        'out-bridge-port-list': str('Bridge port list.'),
        'ipv4-options': str('IPv4 options.'),
        'hotspot': str('Hotspot.'),
        'p2p': str('P2P.'),
        'new-dscp': str('New DSCP.'),
        'new-ttl': str('New TTL.'),
        'new-priority': str('New priority.'),
        'route-dst': str('Route destination.'),
        'sniff-id': str('Sniff id.'),
        'sniff-target': str('Sniff target.'),
        'sniff-target-port': str('Sniff target port.'),
        'src-port-list': str('Port list.'),
        'connection-bytes': str('Bytes.'),
        'connection-rate': str('Rate.'),
      }),
    ),
    m('ip firewall address-list', 'Named address lists used by firewall rules.', 'Firewall', LIST, { list: str('List name.'), address: str('Address, prefix, range or DNS name.'), timeout: str('Entry lifetime.'), dynamic: bool('Dynamic entry.') }),
    // ---- IPsec
    m('ip ipsec peer', 'IKE peers: whom to talk to and how (address, exchange mode, profile). Before 6.43 the peer also held the pre-shared key and the phase 1 algorithms; since 6.43 and in v7 they live in the identity and the profile.', 'IPsec#IPsec-Peers', LIST, {
      name: name('Peer name, referenced by identities and policies (6.43+/v7).'),
      address: str('Remote address or prefix. A prefix (`0.0.0.0/0`) accepts any initiator from it.'),
      'local-address': addr('Local address IKE uses; the router picks one when absent.'),
      port: int('Remote IKE port.', '500'),
      passive: bool('Only respond, never initiate.', 'no', { flag: true }),
      profile: name('Phase 1 profile (6.43+/v7).', { default: 'default' }),
      'exchange-mode': en(EXCHANGE, 'IKE version and phase 1 mode: main/aggressive/base are IKEv1, ike2 is IKEv2, main-l2tp (old v6) is main mode that also accepts L2TP clients with any address.', 'main', { defaultSource: 'Unconfirmed U-4' }),
      'send-initial-contact': bool('Send INITIAL-CONTACT.', 'yes'),
      'notrack-chain': str('Add notrack rules in this raw chain.'),
      // classic (before 6.43) fields
      secret: secret('Pre-shared key (before 6.43; later in /ip ipsec identity).', { only: 6 }),
      'auth-method': en(AUTH_METHOD, 'Authentication method (before 6.43; later in /ip ipsec identity).', 'pre-shared-key', { only: 6 }),
      'generate-policy': en(GENERATE_POLICY, 'Create policies from the initiator\'s proposal using the policy templates.', 'no', { only: 6 }),
      'policy-template-group': name('Template group used by generate-policy.', { default: 'default', only: 6 }),
      'my-id': str('Local identity.', { only: 6 }),
      certificate: str('Local certificate.', { only: 6 }),
      'remote-certificate': str('Remote certificate.', { only: 6 }),
      'mode-config': name('Mode config (before 6.43).', { only: 6 }),
      'xauth-login': str('XAuth login.', { only: 6 }),
      'xauth-password': secret('XAuth password.', { only: 6 }),
      ...Object.fromEntries(Object.entries(PHASE1).map(([k, v]) => [k, { ...v, only: 6 as const, defaultSource: 'Unconfirmed U-4' }])),
    }),
    m('ip ipsec profile', 'Phase 1 (IKE SA) algorithms and timers shared by peers (6.43+/v7). The built-in `default` profile is used when a peer names none.', 'IPsec#IPsec-Profiles', LIST, { name: name('Profile name.'), ...PHASE1 }),
    m('ip ipsec proposal', 'Phase 2 (IPsec SA) algorithms, referenced by policies. The built-in `default` proposal is used by policies that name none.', 'IPsec#IPsec-Proposals', LIST, {
      name: name('Proposal name.'),
      'auth-algorithms': enl(ROS_PROPOSAL_AUTH, 'ESP/AH integrity algorithms (`null` for none, e.g. with GCM).', 'sha1', { defaultSource: '[S13]' }),
      'enc-algorithms': enl(ROS_PROPOSAL_ENC, 'ESP encryption algorithms; every listed value is offered and accepted.', 'aes-256-cbc,aes-192-cbc,aes-128-cbc', { defaultSource: '[S13]' }),
      'pfs-group': en(ROS_PFS, 'Diffie-Hellman group for perfect forward secrecy; `none` disables PFS. Both ends must agree.', 'modp1024', { defaultSource: '[S13]' }),
      lifetime: time('Phase 2 SA lifetime.', '30m', { defaultSource: '[S13]' }),
      lifebytes: int('Phase 2 SA lifetime in bytes.', '0'),
    }),
    m('ip ipsec identity', 'How a peer authenticates (method, pre-shared key, certificates) and which policies it may generate (6.43+/v7).', 'IPsec#IPsec-Identities', LIST, {
      peer: name('The peer this identity belongs to.'),
      'auth-method': en(AUTH_METHOD, 'Authentication method.', 'pre-shared-key'),
      secret: secret('Pre-shared key.'),
      'generate-policy': en(GENERATE_POLICY, 'Create policies from the initiator\'s proposal using the policy templates.', 'no'),
      'policy-template-group': name('Template group used by generate-policy.', { default: 'default' }),
      'mode-config': name('Mode config handed to / requested from the peer.'),
      'my-id': str('Local identity (`auto`, `address:`, `fqdn:`, `user-fqdn:`, `key-id:`).', { default: 'auto' }),
      'remote-id': str('Expected remote identity.', { default: 'auto' }),
      'match-by': en(['remote-id', 'certificate'], 'How the identity is matched.', 'remote-id'),
      certificate: str('Local certificate.'),
      'remote-certificate': str('Remote certificate.'),
      username: str('EAP/XAuth user name.'),
      password: secret('EAP/XAuth password.'),
      'eap-methods': str('EAP methods.'),
      'notrack-chain': str('Raw chain for notrack rules.'),
    }),
    m('ip ipsec policy', 'Which traffic is protected (selectors) and with which proposal; templates (`template=yes`) bound what generate-policy may create.', 'IPsec#IPsec-Policies', LIST, {
      peer: name('The peer whose SAs protect this traffic (6.43+/v7).'),
      'src-address': str('Local traffic selector prefix.', { default: '0.0.0.0/32' }),
      'dst-address': str('Remote traffic selector prefix.', { default: '0.0.0.0/32' }),
      'src-port': str('Source port (`any`).', { default: 'any' }),
      'dst-port': str('Destination port (`any`).', { default: 'any' }),
      protocol: str('IP protocol (`all`, name or number).', { default: 'all' }),
      action: en(['discard', 'encrypt', 'none'], 'What to do with matching traffic.', 'encrypt'),
      level: en(['require', 'unique', 'use'], 'SA requirement level.', 'require'),
      'ipsec-protocols': enl(['ah', 'esp'], 'IPsec protocols applied.', 'esp'),
      tunnel: bool('Tunnel mode (yes) or transport mode (no).', 'no'),
      'sa-src-address': addr('Local SA endpoint (before 6.43 this tied the policy to a peer).'),
      'sa-dst-address': addr('Remote SA endpoint (before 6.43 this tied the policy to the peer with that address).'),
      proposal: name('Phase 2 proposal.', { default: 'default' }),
      template: bool('This is a template for generated policies.', 'no', { flag: true }),
      group: name('Template group (for template policies).', { default: 'default' }),
      priority: int('Policy priority.', '0'),
    }),
    m('ip ipsec policy group', 'Groups of policy templates selected by peers/identities with policy-template-group.', 'IPsec', LIST, { name: name('Group name.') }),
    m('ip ipsec mode-config', 'IKE mode config: addresses and routes handed to road-warrior clients.', 'IPsec#IPsec-ModeConfigs', LIST, {
      name: name('Mode config name.'),
      'address-pool': name('Pool client addresses come from.'),
      'address-prefix-length': int('Prefix length handed out.'),
      'split-include': str('Networks sent to the client.'),
      'split-dns': str('Split DNS domains.'),
      'static-dns': str('DNS servers sent.'),
      'system-dns': bool('Send the router\'s DNS servers.', 'yes'),
      responder: bool('Act as responder (server).', 'yes'),
      'connection-mark': str('Connection mark.'),
      'src-address-list': str('Address list.'),
      'use-responder-dns': str('Use responder DNS.'),
    }),
    m('ip ipsec settings', 'Global IPsec settings.', 'IPsec', SINGLE, { accounting: bool('RADIUS accounting.', 'yes'), 'xauth-use-radius': bool('XAuth via RADIUS.', 'no'), 'interim-update': str('Interim update.') }),
    // ---- routing
    m('routing table', 'Routing tables (v7); `main` always exists.', 'Policy+Routing', LIST, { name: name('Table name.'), fib: bool('Install routes into the FIB.', undefined, { flag: true }) }, 7),
    m('routing id', 'Router id objects referenced by routing protocols (v7).', 'Routing', LIST, { name: name('Id name.'), id: addr('The router id.'), 'select-dynamic-id': str('Choose the id from addresses.'), 'select-from-vrf': str('VRF.'), 'dynamic-id': str('Dynamic id.') }, 7),
    m('routing ospf instance', 'OSPF instances (routing processes): router id, version, redistribution.', 'OSPF', LIST, {
      name: name('Instance name.', { default: 'default' }),
      'router-id': str('Router id (an address, or in v7 a /routing id name).'),
      version: en(['2', '3'], 'OSPF version (v7).', '2', { only: 7 }),
      vrf: str('VRF (v7).', { only: 7 }),
      'routing-table': str('Routing table (v7).', { only: 7 }),
      'originate-default': en(['always', 'if-installed', 'never'], 'Originate a default route.', 'never'),
      redistribute: str('Route types redistributed (v7).', { only: 7 }),
      'redistribute-connected': str('Redistribute connected (v6).', { only: 6 }),
      'redistribute-static': str('Redistribute static (v6).', { only: 6 }),
      'redistribute-other-ospf': str('Redistribute other OSPF (v6).', { only: 6 }),
      'redistribute-rip': str('Redistribute RIP (v6).', { only: 6 }),
      'redistribute-bgp': str('Redistribute BGP (v6).', { only: 6 }),
      'distribute-default': str('Distribute default (v6).', { only: 6 }),
      'metric-default': int('Default metric (v6).', undefined, { only: 6 }),
      'metric-connected': int('Metric of connected routes (v6).', undefined, { only: 6 }),
      'metric-static': int('Metric of static routes (v6).', undefined, { only: 6 }),
      'in-filter': str('Input filter (v6).', { only: 6 }),
      'out-filter': str('Output filter (v6).', { only: 6 }),
      'in-filter-chain': str('Input filter chain (v7).', { only: 7 }),
      'out-filter-chain': str('Output filter chain (v7).', { only: 7 }),
      'out-filter-select': str('Output filter select (v7).', { only: 7 }),
      'mpls-te-area': str('MPLS TE area.'),
      'mpls-te-router-id': str('MPLS TE router id.'),
      'domain-id': str('Domain id.'),
      'domain-tag': str('Domain tag.'),
      'use-dn': str('Use DN bit.'),
    }),
    m('routing ospf area', 'OSPF areas; `backbone` (0.0.0.0) exists by default in v6.', 'OSPF', LIST, {
      name: name('Area name.'),
      'area-id': addr('Area id in dotted form.', { default: '0.0.0.0' }),
      instance: name('Instance the area belongs to.', { default: 'default' }),
      type: en(['default', 'nssa', 'stub'], 'Area type.', 'default'),
      'default-cost': int('Cost of the default route into stub/NSSA areas.'),
      'no-summaries': bool('Totally stubby.', undefined, { flag: true }),
      'inject-summary-lsas': bool('Inject summaries (v6).', undefined, { only: 6 }),
      'translate-role': str('NSSA translator role.'),
      'nssa-translator': str('NSSA translator (v6).'),
    }),
    m('routing ospf network', 'v6: prefixes on which OSPF runs, and their area (every interface address inside a network joins that area).', 'OSPF', LIST, {
      network: prefix('Prefix; interfaces with an address inside it run OSPF.'),
      area: name('Area name.', { default: 'backbone' }),
    }, 6),
    m('routing ospf interface', 'v6: per-interface OSPF settings (network type, timers, priority, cost, authentication).', 'OSPF', LIST, {
      interface: name('Interface (`all` for every interface).'),
      'network-type': en(OSPF_V6_TYPES, 'OSPF network type; `default` picks one from the interface type.', 'default', { defaultSource: 'Unconfirmed U-15' }),
      'hello-interval': time('Hello interval.', '10s', { defaultSource: 'Unconfirmed U-15' }),
      'dead-interval': time('Router dead interval.', '40s', { defaultSource: 'Unconfirmed U-15' }),
      'retransmit-interval': time('Retransmit interval.', '5s'),
      'transmit-delay': time('Transmit delay.', '1s'),
      priority: int('DR election priority.', '1', { defaultSource: 'Unconfirmed U-15' }),
      cost: int('Interface cost.', '10', { defaultSource: 'Unconfirmed U-15' }),
      authentication: en(['none', 'simple', 'md5'], 'Authentication type.', 'none', { defaultSource: 'Unconfirmed U-15' }),
      'authentication-key': secret('Authentication key.'),
      'authentication-key-id': int('MD5 key id.', '1'),
      passive: bool('Do not send hellos.', 'no', { flag: true }),
      'use-bfd': bool('BFD.', 'no'),
      'instance-id': int('OSPFv3 instance id.'),
    }, 6),
    m('routing ospf interface-template', 'v7: templates matching interfaces (by name or by network) to an area, with the OSPF settings those interfaces get. The first matching template wins.', 'OSPF', LIST, {
      area: name('Area (by name).'),
      interfaces: str('Interfaces (or interface lists) matched.'),
      networks: str('Prefixes matched; interfaces with an address inside join.'),
      type: en(OSPF_V7_TYPES, 'OSPF network type.', 'broadcast', { defaultSource: '[S27]' }),
      'hello-interval': time('Hello interval.', '10s', { defaultSource: '[S27]' }),
      'dead-interval': time('Router dead interval.', '40s', { defaultSource: '[S27]' }),
      'retransmit-interval': time('Retransmit interval.', '5s', { defaultSource: '[S27]' }),
      'transmit-delay': time('Transmit delay.', '1s', { defaultSource: '[S27]' }),
      priority: int('DR election priority.', '128', { defaultSource: '[S27]' }),
      cost: int('Interface cost.', '1', { defaultSource: '[S27]' }),
      auth: en(['simple', 'md5', 'sha1', 'sha256', 'sha384', 'sha512'], 'Authentication type (none when absent).'),
      'auth-id': int('Key id for cryptographic authentication.'),
      'auth-key': secret('Authentication key.'),
      'authentication-key': secret('Authentication key (older spelling).'),
      passive: bool('Do not send hellos.', undefined, { flag: true }),
      'use-bfd': bool('BFD.'),
      'instance-id': int('OSPFv3 instance id.'),
      prefix: str('Prefix.'),
      'vlink-neighbor-id': addr('Virtual link neighbour.'),
      'vlink-transit-area': name('Virtual link transit area.'),
    }, 7),
    m('routing ospf static-neighbor', 'v7: NBMA neighbours.', 'OSPF', LIST, { address: str('Neighbour address.'), area: name('Area.'), 'instance-id': int('Instance id.'), 'poll-interval': time('Poll interval.') }, 7),
    m('routing ospf nbma-neighbor', 'v6: NBMA neighbours.', 'OSPF', LIST, { address: addr('Neighbour address.'), 'poll-interval': time('Poll interval.'), priority: int('Priority.'), instance: name('Instance.') }, 6),
    // The wifiwave2 package (v7) was renamed `wifi` in 7.13; both names carry the same menus.
    ...['wifiwave2', 'wifi'].flatMap((w) => [
      m(`interface ${w}`, 'Wi-Fi interfaces of the 802.11ac/ax driver (v7). Settings may come from a configuration profile or be written inline as `configuration.ssid=…`.', 'WiFi', LIST, {
        ...ifaceCommon,
        configuration: name('Configuration profile of the interface.'),
        'configuration.mode': en(['ap', 'station', 'station-bridge'], 'Operating mode (inline override).'),
        'configuration.ssid': str('Network name (inline override).'),
        'configuration.country': str('Regulatory country (inline override).'),
        security: name('Security profile of the interface.'),
        'security.authentication-types': str('Authentication types (inline override).'),
        'security.passphrase': secret('Passphrase (inline override).'),
        channel: name('Channel profile.'),
        'channel.band': str('Band (inline override).'),
        'channel.width': str('Channel width (inline override).'),
        datapath: name('Datapath profile (bridge, VLAN, client isolation).'),
        'datapath.bridge': name('Bridge the interface joins (inline override).'),
        'master-interface': name('Physical interface a virtual AP runs on.'),
      }, 7),
      m(`interface ${w} configuration`, 'Configuration profiles of Wi-Fi interfaces (v7).', 'WiFi', LIST, {
        name: name('Profile name.'),
        ssid: str('Network name.'),
        country: str('Regulatory country; decides allowed channels and power.'),
        mode: en(['ap', 'station', 'station-bridge'], 'Operating mode.', 'ap'),
        security: name('Security profile.'),
        channel: name('Channel profile.'),
        datapath: name('Datapath profile.'),
        'hide-ssid': bool('Do not broadcast the SSID.', 'no'),
        'channel.band': str('Band (inline channel setting).'),
        'channel.width': str('Channel width (inline channel setting).'),
        'channel.frequency': str('Frequencies allowed (inline channel setting).'),
        'channel.skip-dfs-channels': str('Avoid channels that need radar detection (inline channel setting).'),
        'security.authentication-types': str('Authentication types (inline security setting).'),
        'security.passphrase': secret('Passphrase (inline security setting).'),
        'tx-power': int('Transmit power in dBm.'),
        manager: str('Local or CAPsMAN management.'),
      }, 7),
      m(`interface ${w} security`, 'Security profiles of Wi-Fi interfaces (v7): authentication types and keys.', 'WiFi', LIST, {
        name: name('Profile name.'),
        'authentication-types': str('Allowed authentication types (wpa2-psk, wpa3-psk, wpa2-eap, …).'),
        passphrase: secret('Pre-shared passphrase.'),
        'disable-pmkid': bool('Do not include the PMKID in handshakes (defeats offline PMKID attacks).', 'no'),
        encryption: str('Ciphers.'),
        'management-protection': en(['disabled', 'allowed', 'required'], 'Protection of management frames.'),
        ft: bool('802.11r fast transition.', 'no'),
        wps: en(['disable', 'push-button'], 'WPS.'),
      }, 7),
    ]),
  ].map((s) => [s.path, s]),
);

/** Child menu names per menu path (`''` is the root), derived from MENUS. */
export const CHILDREN: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const res = new Map<string, Set<string>>();
  for (const p of MENUS.keys()) {
    const segs = p.split(' ');
    for (let i = 0; i < segs.length; i++) {
      const parent = segs.slice(0, i).join(' ');
      const set = res.get(parent) ?? new Set<string>();
      set.add(segs[i]);
      res.set(parent, set);
    }
  }
  // Top-level menus that exist on every router even if we don't model them, so relative paths resolve.
  const top = res.get('')!;
  for (const t of ['ip', 'ipv6', 'interface', 'routing', 'system', 'tool', 'ppp', 'user', 'certificate', 'snmp', 'queue', 'radius', 'file', 'log', 'port', 'disk', 'caps-man', 'capsman', 'mpls', 'container', 'special-login', 'lcd', 'partitions', 'iot', 'zerotier', 'beep', 'console', 'password', 'quit', 'redo', 'undo', 'import', 'execute', 'ping', 'setup', 'terminal'])
    top.add(t);
  return res;
})();

/** The menu spec of a path, if known. */
export function menuSpec(path: string): MenuSpec | undefined {
  return MENUS.get(path);
}

export type ParamResolution = { kind: 'exact' | 'prefix'; key: string; spec: ParamSpec } | { kind: 'ambiguous'; candidates: string[] } | { kind: 'unknown' };

/** Resolves a parameter name as RouterOS does: exact name, else a unique prefix of one known name. */
export function resolveParam(menu: MenuSpec, written: string): ParamResolution {
  const exact = menu.params[written];
  if (exact) return { kind: 'exact', key: written, spec: exact };
  const cands = Object.keys(menu.params).filter((k) => k.startsWith(written));
  if (cands.length === 1) return { kind: 'prefix', key: cands[0], spec: menu.params[cands[0]] };
  if (cands.length > 1) return { kind: 'ambiguous', candidates: cands };
  return { kind: 'unknown' };
}

/** The default of a parameter for a major version, if documented. */
export function paramDefault(spec: ParamSpec, version: 6 | 7): string | undefined {
  if (spec.default === undefined) return undefined;
  if (typeof spec.default === 'string') return spec.default;
  return version === 6 ? spec.default.v6 : spec.default.v7;
}

// ---- keyword ↔ canonical tables [S12][S13] (crypto-vocabulary.json "routeros")

export const PROFILE_ENC_CANON: Readonly<Record<string, string>> = dict({
  des: 'des', '3des': '3des', 'aes-128': 'aes-cbc-128', 'aes-192': 'aes-cbc-192', 'aes-256': 'aes-cbc-256',
  blowfish: 'blowfish', 'camellia-128': 'camellia-128', 'camellia-192': 'camellia-192', 'camellia-256': 'camellia-256',
});
export const PROPOSAL_ENC_CANON: Readonly<Record<string, string>> = dict({
  null: 'null', des: 'des', '3des': '3des',
  'aes-128-cbc': 'aes-cbc-128', 'aes-192-cbc': 'aes-cbc-192', 'aes-256-cbc': 'aes-cbc-256',
  'aes-128-ctr': 'aes-ctr-128', 'aes-192-ctr': 'aes-ctr-192', 'aes-256-ctr': 'aes-ctr-256',
  'aes-128-gcm': 'aes-gcm-128', 'aes-192-gcm': 'aes-gcm-192', 'aes-256-gcm': 'aes-gcm-256',
  blowfish: 'blowfish', 'camellia-128': 'camellia-128', 'camellia-192': 'camellia-192', 'camellia-256': 'camellia-256', twofish: 'twofish',
});
export const AUTH_CANON: Readonly<Record<string, string>> = dict({ md5: 'md5', null: 'none', sha1: 'sha1', sha256: 'sha256', sha512: 'sha512' });

/** Inverse lookup: canonical id → RouterOS keyword in a table. */
export function keywordFor(table: Readonly<Record<string, string>>, canonical: string): string | undefined {
  for (const [k, v] of Object.entries(table)) if (v === canonical) return k;
  return undefined;
}
