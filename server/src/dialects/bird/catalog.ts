// BIRD keyword catalog as data: per block, each keyword with its syntax, a short description in our own words,
// its default and a link into the BIRD 2 user's guide. Used by validation (blocks marked `complete` reject unknown
// keywords, as BIRD 2.0.12's grammar does), completion and hover. Imports nothing.
import { dict, nestedDict } from '../../model/dict';


/** Where a statement may appear. */
export type BirdBlockKind =
  | 'global'
  | 'protocol'
  | 'device'
  | 'direct'
  | 'kernel'
  | 'static'
  | 'ospf'
  | 'channel'
  | 'area'
  | 'interface'
  | 'password'
  | 'stubnet';

export interface BirdKeyword {
  /** Keyword phrase as written (`dead count`, `router id`). */
  name: string;
  syntax: string;
  doc: string;
  default?: string;
  link: string;
}

const GUIDE = 'https://bird.network.cz/?get_doc&v=20&f=bird-3.html';
const PROTO = 'https://bird.network.cz/?get_doc&v=20&f=bird-6.html';
const OSPF = `${PROTO}#ospf`;

const k = (name: string, syntax: string, doc: string, link: string, dflt?: string): BirdKeyword => ({ name, syntax, doc, link, default: dflt });

/** Statements every protocol accepts (BIRD 2 `proto_item`). */
const PROTOCOL_COMMON: BirdKeyword[] = [
  k('disabled', 'disabled [yes|no];', 'Starts the protocol switched off; enable it later from birdc.', `${GUIDE}#proto-disabled`, 'no'),
  k('debug', 'debug all|off|{ states|routes|filters|interfaces|events|packets [, ...] };', 'Selects which classes of events of this protocol are logged for debugging.', `${GUIDE}#proto-debug`, 'off'),
  k('mrtdump', 'mrtdump all|off|{ states|messages };', 'Dumps protocol messages in MRT format to the global mrtdump file.', `${GUIDE}#proto-mrtdump`),
  k('router id', 'router id <IPv4>;', 'Overrides the global router ID for this protocol only.', `${GUIDE}#proto-router-id`, 'global router id'),
  k('description', 'description "<text>";', 'Free text shown by `show protocols all`.', `${GUIDE}#proto-description`),
  k('vrf', 'vrf "<name>"|default;', 'Binds the protocol to a VRF; only interfaces and sockets of that VRF are used.', `${GUIDE}#proto-vrf`),
  k('ipv4', 'ipv4 [{ <channel options> }];', 'Connects the protocol to an IPv4 routing table through a channel (BIRD 2). Import/export filters live inside the channel block.', `${GUIDE}#channel-opts`),
  k('ipv6', 'ipv6 [{ <channel options> }];', 'Connects the protocol to an IPv6 routing table through a channel (BIRD 2).', `${GUIDE}#channel-opts`),
];

/** BIRD 2.0.12 channel options (`channel_item`). */
const CHANNEL: BirdKeyword[] = [
  k('table', 'table <name>;', 'Routing table this channel is attached to; it must have the same network type as the channel.', `${GUIDE}#channel-table`, 'master4 / master6'),
  k('import', 'import all|none|filter <name>|filter { ... }|where <expr>;', 'Filter applied to routes coming from the protocol into the table.', `${GUIDE}#channel-import`, 'all'),
  k('export', 'export all|none|filter <name>|filter { ... }|where <expr>;', 'Filter applied to routes going from the table to the protocol.', `${GUIDE}#channel-export`, 'none'),
  k('receive limit', 'receive limit <N>|off [action warn|block|restart|disable];', 'Limits the number of routes received, counting filtered ones too.', `${GUIDE}#channel-receive-limit`, 'off'),
  k('import limit', 'import limit <N>|off [action warn|block|restart|disable];', 'Limits the number of routes accepted by the import filter.', `${GUIDE}#channel-import-limit`, 'off'),
  k('export limit', 'export limit <N>|off [action warn|block|restart|disable];', 'Limits the number of routes exported to the protocol.', `${GUIDE}#channel-export-limit`, 'off'),
  k('preference', 'preference <N>;', 'Preference of routes from this channel when several protocols offer the same prefix.', `${GUIDE}#channel-preference`, 'protocol specific (OSPF 150)'),
  k('import keep filtered', 'import keep filtered [yes|no];', 'Keeps routes rejected by the import filter in the table, marked as filtered.', `${GUIDE}#channel-import-keep-filtered`, 'no'),
  k('rpki reload', 'rpki reload [yes|no];', 'Re-evaluates imported routes when RPKI data change.', `${GUIDE}#channel-rpki-reload`, 'yes'),
  k('debug', 'debug all|off|{ ... };', 'Debug classes for this channel.', `${GUIDE}#channel-debug`, 'off'),
];

const GLOBAL: BirdKeyword[] = [
  k('router id', 'router id <IPv4>|from <interface pattern>;', 'Router ID of this BIRD instance, written as an IPv4 address. OSPF uses it as its router ID; two routers with the same ID break adjacencies.', `${GUIDE}#opt-router-id`, 'lowest IPv4 address of the router'),
  k('log', 'log syslog|stderr|"<file>" [<size> "<backup>"] all|{ debug, trace, info, remote, warning, error, auth, fatal, bug };', 'Where log messages go and which classes are written there.', `${GUIDE}#opt-log`, 'syslog, all classes'),
  k('debug', 'debug protocols|channels all|off|{ ... }; / debug commands <N>;', 'Default debug classes for all protocols or channels, or the CLI debug level.', `${GUIDE}#opt-debug-protocols`),
  k('define', 'define <name> = <expression>;', 'Defines a named constant usable in filters and in most numeric or address options.', `${GUIDE}#opt-define`),
  k('include', 'include "<file or glob>";', 'Reads another file in place of this statement (relative to the including file). netcfg records includes but does not follow them.', `${GUIDE}#opt-include`),
  k('protocol', 'protocol <kind> [<name>] [from <template>] { ... }', 'Creates a protocol instance: device, direct, kernel, static, ospf, bgp, rip, babel, bfd, rpki, pipe, radv, ...', `${GUIDE}#protocol-opts`),
  k('template', 'template <kind> <name> [from <template>] { ... }', 'A named set of protocol options that protocols can copy with `from`.', `${GUIDE}#opt-template`),
  k('filter', 'filter <name> { ... }', 'A named route filter, referenced by `import filter <name>` / `export filter <name>`.', `${PROTO.replace('bird-6', 'bird-5')}`),
  k('function', 'function <name>([<type> <arg>, ...]) { ... }', 'A named filter function; call it from filters, `where` clauses or other functions.', `${PROTO.replace('bird-6', 'bird-5')}`),
  k('ipv4 table', '<net type> table <name> [sorted] [{ ... }];', 'Declares a routing table. BIRD 2 needs the network type (`ipv4 table t1;`); `master4` and `master6` exist by default.', `${GUIDE}#opt-table`),
  k('attribute', 'attribute <type> <name>;', 'Declares a custom route attribute usable in filters.', `${GUIDE}#opt-attribute`),
  k('timeformat', 'timeformat route|protocol|base|log "<format>" [<limit> "<format>"];', 'How times are printed in CLI output and logs.', `${GUIDE}#opt-timeformat`),
  k('mrtdump', 'mrtdump "<file>"; / mrtdump protocols ...;', 'MRT dump file and default dump classes.', `${GUIDE}#opt-mrtdump`),
  k('watchdog', 'watchdog warning|timeout <time>;', 'Warns or aborts when one event loop iteration takes too long.', `${GUIDE}#opt-watchdog-warning`),
  k('graceful restart wait', 'graceful restart wait <seconds>;', 'How long to wait for protocols to converge after a graceful restart.', `${GUIDE}#opt-graceful-restart`, '240'),
  k('hostname', 'hostname "<name>";', 'Host name reported by protocols such as BGP.', `${GUIDE}#opt-hostname`),
  k('eval', 'eval <expression>;', 'Evaluates an expression at configuration time and prints the result.', `${GUIDE}#opt-eval`),
];

const DEVICE: BirdKeyword[] = [
  k('scan time', 'scan time <seconds>;', 'How often the kernel interface list is polled (only where the kernel does not notify changes).', `${PROTO}#device`, '60'),
  k('interface', 'interface <pattern> [, ...] [{ preferred <ip>; }];', 'Restricts or tunes the interfaces the device protocol handles.', `${PROTO}#device`),
];
const DIRECT: BirdKeyword[] = [
  k('interface', 'interface <pattern> [, ...];', 'Interfaces whose connected prefixes become direct routes.', `${PROTO}#direct`, '"*"'),
  k('check link', 'check link [yes|no];', 'Withdraws direct routes when the link goes down.', `${PROTO}#direct`, 'no'),
];
const KERNEL: BirdKeyword[] = [
  k('persist', 'persist [yes|no];', 'Leaves routes in the kernel table when BIRD stops.', `${PROTO}#krt`, 'no'),
  k('scan time', 'scan time <seconds>;', 'How often the kernel table is rescanned.', `${PROTO}#krt`, '60'),
  k('learn', 'learn [yes|no|all];', 'Imports routes added to the kernel table by other programs (alien routes).', `${PROTO}#krt`, 'no'),
  k('device routes', 'device routes [yes|no];', 'Exports device (interface) routes to the kernel as well.', `${PROTO}#krt`, 'no'),
  k('kernel table', 'kernel table <number>;', 'Kernel routing table to synchronise with (Linux policy routing).', `${PROTO}#krt`, 'main'),
  k('metric', 'metric <number>;', 'Metric of routes written to the kernel (Linux).', `${PROTO}#krt`, '32'),
  k('graceful restart', 'graceful restart [yes|no];', 'Keeps kernel routes across a BIRD graceful restart.', `${PROTO}#krt`, 'no'),
  k('merge paths', 'merge paths [yes|no] [limit <N>];', 'Merges equal-cost routes into one multipath kernel route.', `${PROTO}#krt`, 'no'),
  k('netlink rx buffer', 'netlink rx buffer <bytes>;', 'Size of the netlink receive buffer (Linux).', `${PROTO}#krt`),
];
const STATIC: BirdKeyword[] = [
  k('route', 'route <prefix> via <ip>|"<iface>"|blackhole|unreachable|prohibit|recursive <ip> [{ <attributes> }];', 'A static route.', `${PROTO}#static`),
  k('check link', 'check link [yes|no];', 'Ignores next hops whose interface link is down.', `${PROTO}#static`, 'no'),
  k('igp table', 'igp table <name>;', 'Table used to resolve recursive next hops.', `${PROTO}#static`),
];

const OSPF_PROTO: BirdKeyword[] = [
  k('area', 'area <id> { ... };', 'An OSPF area, as a number or a dotted quad; area 0 is the backbone. At least one area is required.', `${OSPF}-area`),
  k('tick', 'tick <seconds>;', 'Interval of the OSPF housekeeping timer (LSA aging, SPF scheduling).', OSPF, '1'),
  k('ecmp', 'ecmp [yes|no] [limit <N>];', 'Allows equal-cost multipath routes.', OSPF, 'yes, limit 16'),
  k('rfc1583compat', 'rfc1583compat [yes|no];', 'Uses the RFC 1583 route preference rules.', OSPF, 'no'),
  k('rfc5838', 'rfc5838 [yes|no];', 'OSPFv3 address-family extension (instance IDs per address family).', OSPF, 'yes'),
  k('stub router', 'stub router [yes|no];', 'Advertises this router as unsuitable for transit (RFC 6987).', OSPF, 'no'),
  k('graceful restart', 'graceful restart [yes|no|aware]; / graceful restart time <s>;', 'Graceful restart mode and time.', OSPF, 'aware'),
  k('merge external', 'merge external [yes|no];', 'Merges external routes from several LSAs into one ECMP route.', OSPF, 'no'),
  k('instance id', 'instance id <0-255>;', 'OSPFv3 instance ID used on all interfaces.', OSPF, '0'),
  k('vpn pe', 'vpn pe [yes|no];', 'Sets the DN bit for VPN PE routers (RFC 4576).', OSPF, 'no'),
];

const AREA: BirdKeyword[] = [
  k('stub', 'stub [yes|no];', 'Makes the area a stub area (no external routes). The backbone (area 0) cannot be stub.', `${OSPF}-area`, 'no'),
  k('nssa', 'nssa;', 'Makes the area a not-so-stubby area. The backbone cannot be NSSA.', `${OSPF}-area`),
  k('summary', 'summary [yes|no];', 'Propagates summary LSAs into a stub/NSSA area.', `${OSPF}-area`, 'no'),
  k('default nssa', 'default nssa [yes|no];', 'Originates a default route into an NSSA area.', `${OSPF}-area`, 'no'),
  k('default cost', 'default cost <N>;', 'Cost of the default route injected into a stub/NSSA area.', `${OSPF}-area`, '1000'),
  k('default cost2', 'default cost2 <N>;', 'Type 2 metric of the NSSA default route.', `${OSPF}-area`),
  k('stub cost', 'stub cost <N>;', 'Alias of `default cost`.', `${OSPF}-area`, '1000'),
  k('translator', 'translator [yes|no]; / translator stability <s>;', 'NSSA translator role of this ABR.', `${OSPF}-area`, 'no'),
  k('networks', 'networks { <prefix> [hidden|tag <N>]; ... };', 'Summarises the listed prefixes when advertising them to other areas (ABR only).', `${OSPF}-area`),
  k('external', 'external { <prefix> [hidden|tag <N>]; ... };', 'Summarises NSSA external routes when translating them.', `${OSPF}-area`),
  k('stubnet', 'stubnet <prefix> [{ hidden; summary; cost <N>; }];', 'Adds a stub network to the router LSA: the prefix is always advertised, whether or not an interface carries it. The usual way to advertise a loopback address.', `${OSPF}-area`),
  k('interface', 'interface "<pattern>" [, ...] [<prefix>] [instance <N>] [{ ... }];', 'Runs OSPF on interfaces whose name matches the pattern (shell wildcards).', `${OSPF}-interface`),
  k('virtual link', 'virtual link <router id> [instance <N>] [{ ... }];', 'A virtual link through this (non-backbone) area to the given router.', `${OSPF}-area`),
];

const INTERFACE: BirdKeyword[] = [
  k('cost', 'cost <1-65535>;', 'Output cost of the interface, used in the SPF calculation.', `${OSPF}-interface`, '10'),
  k('hello', 'hello <1-65535>;', 'Seconds between Hello packets. Both ends of a link must agree. BIRD uses 10 for every interface type, unlike Cisco NBMA/point-to-multipoint (30).', `${OSPF}-interface`, '10'),
  k('poll', 'poll <seconds>;', 'Hello interval towards NBMA neighbors that are down.', `${OSPF}-interface`, '20'),
  k('retransmit', 'retransmit <seconds>;', 'Retransmission interval of unacknowledged LSAs and DBD packets.', `${OSPF}-interface`, '5'),
  k('transmit delay', 'transmit delay <seconds>;', 'Estimated time to send an LSA over the interface.', `${OSPF}-interface`, '1'),
  k('priority', 'priority <0-255>;', 'Router priority in the DR election; 0 means never DR or BDR.', `${OSPF}-interface`, '1'),
  k('wait', 'wait <seconds>;', 'How long to wait before electing the DR.', `${OSPF}-interface`, '4 × hello'),
  k('dead count', 'dead count <N>;', 'A neighbor is declared down after this many hello intervals without a Hello.', `${OSPF}-interface`, '4'),
  k('dead', 'dead <seconds>;', 'Router dead interval in seconds; overrides `dead count`. Both ends of a link must agree.', `${OSPF}-interface`, 'dead count × hello = 40'),
  k('type', 'type broadcast|bcast|pointopoint|ptp|nonbroadcast|nbma|pointomultipoint|ptmp;', 'OSPF network type. When absent BIRD detects it from the interface (broadcast for Ethernet-like, point-to-point for PtP links).', `${OSPF}-interface`, 'autodetected'),
  k('stub', 'stub [yes|no];', 'Passive interface: no Hellos are sent or accepted, but its prefixes are advertised.', `${OSPF}-interface`, 'no'),
  k('authentication', 'authentication none|simple|cryptographic;', 'Authentication of OSPF packets. `simple` sends an 8-byte clear text password (OSPFv2 only); `cryptographic` uses the configured algorithm (keyed MD5 by default in OSPFv2, HMAC-SHA-256 in OSPFv3).', `${OSPF}-interface`, 'none'),
  k('password', 'password "<key>" [{ id <N>; algorithm <alg>; generate|accept from|to "<time>"; }];', 'An authentication key. The key id defaults to the position of the password in the interface (1, 2, ...).', `${OSPF}-interface`),
  k('passwords', 'passwords { password "<key>" [{ ... }]; ... };', 'A list of authentication keys.', `${OSPF}-interface`),
  k('neighbors', 'neighbors { <ip> [eligible]; ... };', 'Static neighbors of an NBMA or point-to-multipoint interface.', `${OSPF}-interface`),
  k('strict nonbroadcast', 'strict nonbroadcast [yes|no];', 'Ignores Hellos from routers not listed in `neighbors`.', `${OSPF}-interface`, 'no'),
  k('real broadcast', 'real broadcast [yes|no];', 'Sends OSPFv2 packets to the broadcast address instead of multicast.', `${OSPF}-interface`, 'no'),
  k('ptp netmask', 'ptp netmask [yes|no];', 'Whether an OSPFv2 point-to-point interface sends its real netmask in Hellos.', `${OSPF}-interface`),
  k('ptp address', 'ptp address [yes|no];', 'Whether a PtP interface advertises its address as a /32 stub.', `${OSPF}-interface`),
  k('check link', 'check link [yes|no];', 'Treats the interface as down while its link is down.', `${OSPF}-interface`, 'yes'),
  k('ecmp weight', 'ecmp weight <1-256>;', 'Relative weight of next hops through this interface.', `${OSPF}-interface`, '1'),
  k('link lsa suppression', 'link lsa suppression [yes|no];', 'OSPFv3: do not originate Link LSAs on PtP/PtMP interfaces.', `${OSPF}-interface`, 'no'),
  k('rx buffer', 'rx buffer normal|large|<256-65535>;', 'Size of the receive buffer.', `${OSPF}-interface`, 'normal'),
  k('tx class', 'tx class|dscp <N>; / tx priority <N>; / tx length <N>;', 'Traffic class, socket priority or maximum packet length of sent packets.', `${OSPF}-interface`),
  k('ttl security', 'ttl security [yes|no|tx only];', 'GTSM: accept only packets with TTL 255.', `${OSPF}-interface`, 'no'),
  k('bfd', 'bfd [yes|no];', 'Uses BFD to detect neighbor failure faster.', `${OSPF}-interface`, 'no'),
];

const PASSWORD: BirdKeyword[] = [
  k('id', 'id <0-255>;', 'Key ID carried in packets; both ends must use the same ID for the same key.', `${GUIDE}#password-id`, 'position of the password (1, 2, ...)'),
  k('algorithm', 'algorithm keyed md5|keyed sha1|hmac sha1|hmac sha256|hmac sha384|hmac sha512;', 'Algorithm of a cryptographic key. Requires `authentication cryptographic`; OSPFv3 accepts only HMAC algorithms.', `${GUIDE}#password-algorithm`, 'keyed md5 (OSPFv2), hmac sha256 (OSPFv3)'),
  k('generate from', 'generate from "<time>";', 'Start of the period in which the key is used to sign packets.', `${GUIDE}#password-generate-from`),
  k('generate to', 'generate to "<time>";', 'End of the signing period.', `${GUIDE}#password-generate-to`),
  k('accept from', 'accept from "<time>";', 'Start of the period in which the key is accepted.', `${GUIDE}#password-accept-from`),
  k('accept to', 'accept to "<time>";', 'End of the accepting period.', `${GUIDE}#password-accept-to`),
  k('from', 'from "<time>";', 'Sets both generate from and accept from.', `${GUIDE}#password-from`),
  k('to', 'to "<time>";', 'Sets both generate to and accept to.', `${GUIDE}#password-to`),
];

const STUBNET: BirdKeyword[] = [
  k('hidden', 'hidden [yes|no];', 'The stub network is not advertised.', `${OSPF}-area`, 'no'),
  k('summary', 'summary [yes|no];', 'Advertises the default route for the area instead (stub areas).', `${OSPF}-area`, 'no'),
  k('cost', 'cost <N>;', 'Cost of the stub network.', `${OSPF}-area`, '10'),
];

/** Keywords per block. */
export const CATALOG: Record<BirdBlockKind, BirdKeyword[]> = {
  global: GLOBAL,
  protocol: PROTOCOL_COMMON,
  device: [...PROTOCOL_COMMON, ...DEVICE],
  direct: [...PROTOCOL_COMMON, ...DIRECT],
  kernel: [...PROTOCOL_COMMON, ...KERNEL],
  static: [...PROTOCOL_COMMON, ...STATIC],
  ospf: [...PROTOCOL_COMMON, ...OSPF_PROTO],
  channel: CHANNEL,
  area: AREA,
  interface: INTERFACE,
  password: PASSWORD,
  stubnet: STUBNET,
};

/**
 * First words accepted in blocks whose grammar we mirror completely (BIRD 2.0.12 `config.Y` files); an unknown
 * first word there is a syntax error in BIRD too (`unexpected CF_SYM_UNDEFINED`).
 */
/** First words every protocol accepts (`proto_item` and channels; `import`/`export`/`table` are BIRD 1.x leftovers handled apart). */
const PROTO_WORDS = ['disabled', 'debug', 'mrtdump', 'router', 'description', 'vrf', 'ipv4', 'ipv6', 'vpn4', 'vpn6', 'roa4', 'roa6', 'flow4', 'flow6', 'mpls', 'import', 'export', 'table'];

export const COMPLETE_FIRST_WORDS: Partial<Record<BirdBlockKind, ReadonlySet<string>>> = {
  global: new Set(['router', 'log', 'debug', 'define', 'include', 'protocol', 'template', 'filter', 'function', 'ipv4', 'ipv6', 'vpn4', 'vpn6', 'roa4', 'roa6', 'flow4', 'flow6', 'mpls', 'attribute', 'timeformat', 'mrtdump', 'watchdog', 'latency', 'graceful', 'hostname', 'eval', 'bt_test_suite', 'bt_test_same']),
  ospf: new Set(['disabled', 'debug', 'mrtdump', 'router', 'description', 'vrf', 'ipv4', 'ipv6', 'vpn4', 'vpn6', 'rfc1583compat', 'rfc5838', 'vpn', 'stub', 'graceful', 'ecmp', 'merge', 'tick', 'instance', 'area']),
  area: new Set(['stub', 'nssa', 'summary', 'default', 'translator', 'networks', 'external', 'stubnet', 'interface', 'virtual']),
  interface: new Set(['cost', 'hello', 'poll', 'retransmit', 'wait', 'dead', 'type', 'real', 'ptp', 'transmit', 'priority', 'strict', 'stub', 'check', 'ecmp', 'link', 'neighbors', 'authentication', 'rx', 'tx', 'ttl', 'bfd', 'password', 'passwords', 'key']),
  channel: new Set(['table', 'import', 'export', 'receive', 'preference', 'rpki', 'debug']),
  kernel: new Set([...PROTO_WORDS, 'persist', 'scan', 'learn', 'device', 'kernel', 'metric', 'graceful', 'merge', 'netlink']),
  device: new Set([...PROTO_WORDS, 'scan', 'interface']),
  direct: new Set([...PROTO_WORDS, 'interface', 'check']),
  static: new Set([...PROTO_WORDS, 'route', 'check', 'igp']),
  password: new Set(['generate', 'accept', 'from', 'to', 'id', 'algorithm']),
  stubnet: new Set(['hidden', 'summary', 'cost']),
};

/** BIRD OSPF network type keywords → model network type. */
export const OSPF_TYPES: Record<string, 'broadcast' | 'point-to-point' | 'non-broadcast' | 'point-to-multipoint'> = dict({
  broadcast: 'broadcast',
  bcast: 'broadcast',
  pointopoint: 'point-to-point',
  ptp: 'point-to-point',
  nonbroadcast: 'non-broadcast',
  nbma: 'non-broadcast',
  pointomultipoint: 'point-to-multipoint',
  ptmp: 'point-to-multipoint',
});

/** BIRD OSPF interface defaults (proto/ospf/ospf.h, independent of the network type). */
export const OSPF_DEFAULTS = { hello: 10, deadCount: 4, priority: 1, cost: 10, poll: 20, retransmit: 5 };

/** Password algorithms (`algorithm keyed md5` …) → model auth type. */
export const PASSWORD_ALGORITHMS: Record<string, string> = dict({
  'keyed md5': 'keyed-md5',
  'keyed sha1': 'keyed-sha1',
  'keyed sha256': 'keyed-sha256',
  'keyed sha384': 'keyed-sha384',
  'keyed sha512': 'keyed-sha512',
  'hmac md5': 'hmac-md5',
  'hmac sha1': 'hmac-sha1',
  'hmac sha256': 'hmac-sha256',
  'hmac sha384': 'hmac-sha384',
  'hmac sha512': 'hmac-sha512',
});

/** Protocols whose BIRD 2 form needs a channel; a config without any channel for them was written for BIRD 1.x. */
export const CHANNEL_PROTOCOLS = new Set(['kernel', 'static', 'ospf', 'bgp', 'rip', 'babel', 'pipe', 'direct', 'radv']);

/** Finds a keyword of a block by phrase. */
export function findKeyword(block: BirdBlockKind, phrase: string): BirdKeyword | undefined {
  return CATALOG[block].find((kw) => kw.name === phrase);
}

/**
 * Value shapes of the keywords we validate, from BIRD 2.0.12's grammar, as alternatives of space-separated items:
 * `N` number expression (number, constant or `( … )`), `B?` optional bool (yes/no/on/off/number or nothing),
 * `S` quoted string, `W` name, `P` prefix, `A` address, anything else a literal keyword. Keys are keyword phrases.
 * Keywords handled by dedicated code (hello, dead, type, password, neighbors, interface, area …) are not listed.
 */
export const VALUE_SHAPES: Partial<Record<BirdBlockKind | 'vlink', Record<string, string[]>>> = nestedDict<string[]>({
  ospf: {
    rfc1583compat: ['B?'],
    rfc5838: ['B?'],
    'vpn pe': ['B?'],
    'stub router': ['B?'],
    'graceful restart': ['aware', 'time N', 'B?'],
    ecmp: ['B? limit N', 'B?'],
    'merge external': ['B?'],
    'instance id': ['N'],
    disabled: ['B?'],
    description: ['S'],
  },
  area: {
    summary: ['B?'],
    'default nssa': ['B?'],
    'default cost': ['N'],
    'default cost2': ['N'],
    'stub cost': ['N'],
    translator: ['stability N', 'B?'],
  },
  interface: {
    'real broadcast': ['B?'],
    'ptp netmask': ['B?'],
    'ptp address': ['B?'],
    'transmit delay': ['N'],
    'strict nonbroadcast': ['B?'],
    'check link': ['B?'],
    'ecmp weight': ['N'],
    'link lsa suppression': ['B?'],
    'rx buffer': ['normal', 'large', 'N'],
    'tx class': ['N'],
    'tx dscp': ['N'],
    'tx priority': ['N'],
    'tx length': ['N'],
    'ttl security': ['tx only', 'B?'],
    bfd: ['B?'],
  },
  vlink: {
    hello: ['N'],
    retransmit: ['N'],
    'transmit delay': ['N'],
    wait: ['N'],
    dead: ['count N', 'N'],
    authentication: ['none', 'simple', 'cryptographic'],
  },
  stubnet: { hidden: ['B?'], summary: ['B?'], cost: ['N'] },
  channel: {
    table: ['W'],
    'receive limit': ['off', 'N action W', 'N'],
    'import limit': ['off', 'N action W', 'N'],
    'export limit': ['off', 'N action W', 'N'],
    preference: ['N'],
    'import keep filtered': ['B?'],
    'rpki reload': ['B?'],
  },
  kernel: {
    persist: ['B?'],
    'scan time': ['N'],
    learn: ['all', 'B?'],
    'device routes': ['B?'],
    'kernel table': ['N'],
    metric: ['N'],
    'graceful restart': ['B?'],
    'merge paths': ['B? limit N', 'B?'],
    'netlink rx buffer': ['N'],
    disabled: ['B?'],
    description: ['S'],
  },
  device: { 'scan time': ['N'], disabled: ['B?'], description: ['S'] },
  direct: { 'check link': ['B?'], disabled: ['B?'], description: ['S'] },
  static: { 'check link': ['B?'], 'igp table': ['W'], disabled: ['B?'], description: ['S'] },
});
