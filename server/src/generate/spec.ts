// The neutral, dialect-free description of the config to generate for the far end of a tunnel or link (issue 19).
// `extract.ts` builds a PeerSpec from the source device's model; one emitter per target dialect (emit/) renders it.
// Everything here is from the GENERATED side's point of view: `local` is the generated device, `remote` the source.
// Algorithm ids are the canonical ids of model/vocabulary.ts (`aes-cbc-256`, `sha256`, `modp2048`, `ecp256`, `none`).
// Imports only model/ (types); no dialect, no analysis, no LSP.

import type { OspfAuth, OspfNetworkType } from '../model';

/** The target dialects an emitter exists for (registry in emit/index.ts). */
export type TargetId = 'cisco-ios' | 'cisco-asa' | 'routeros6' | 'routeros7' | 'openbsd' | 'bird';

export const TARGET_IDS: readonly TargetId[] = ['cisco-ios', 'cisco-asa', 'routeros6', 'routeros7', 'openbsd', 'bird'];

/** Whether an address or prefix text is IPv6 (canonical IPv6 texts hold a colon, IPv4 ones never do). */
export function isIpv6Text(text: string): boolean {
  return text.includes(':');
}

/** Whether a selector side is "any" in either family (a VTI's own selector: no network to take or route). */
export function isAnyPrefix(prefix: string): boolean {
  return prefix === '0.0.0.0/0' || prefix === '::/0';
}

/** The placeholder written instead of a secret the user did not confirm to include. */
export const PSK_PLACEHOLDER = 'CHANGE-ME';

/** One IKE phase-1 proposal, chosen: a single algorithm of each kind. */
export interface Phase1Spec {
  /** Canonical encryption id: `aes-cbc-256`, `aes-cbc-128`, `aes-gcm-256` (IKEv2 only), `3des` … */
  encryption: string;
  /** Canonical hash / PRF id: `sha256`, `sha1`, `sha384`, `sha512`, `md5`. For AEAD IKEv2 encryption it is the PRF. */
  hash: string;
  /** Canonical DH group: `modp2048`, `ecp256`, `modp1024` … */
  dh: string;
  /** Seconds. */
  lifetime: number;
}

/** One IPsec phase-2 proposal, chosen. */
export interface Phase2Spec {
  protocol: 'esp';
  /** Canonical encryption id: `aes-cbc-256`, `aes-gcm-256`, `3des` … */
  encryption: string;
  /** Canonical integrity id: `sha1`, `sha256` …; `none` with an AEAD cipher (aes-gcm). */
  integrity: string;
  mode: 'tunnel' | 'transport';
}

/** A traffic selector from the generated side's view: `local` is its own network, `remote` the source's. CIDR text. */
export interface SelectorSpec {
  local: string;
  remote: string;
  /** 'ip' for any protocol, else a name or number ('gre', 'udp', '47'). */
  protocol: string;
  localPort?: string;
  remotePort?: string;
}

/** A secret to write: the real value only when the user confirmed including it. */
export interface SecretSpec {
  /** What to write: the source's secret, or PSK_PLACEHOLDER. Never log it. */
  value: string;
  /** True when `value` is the placeholder (the editor turns it into a snippet tab stop). */
  placeholder: boolean;
}

/** The IKE/IPsec part of a scenario. */
export interface IpsecSpec {
  ikeVersion: 1 | 2;
  /** IKEv1 only. */
  exchangeMode: 'main' | 'aggressive';
  phase1: Phase1Spec;
  phase2: Phase2Spec;
  /** 'none' or a canonical DH group. */
  pfs: string;
  /** Phase-2 lifetime, seconds. */
  phase2Lifetime: number;
  psk: SecretSpec;
  /**
   * Mirrored selectors (from the generated side's view). For a route-based tunnel: the inside networks routed into
   * it (the tunnel's own selector is any/any or GRE between the two addresses, the emitter's business).
   */
  selectors: SelectorSpec[];
}

/** A GRE/IPsec or VTI tunnel interface on the generated side. */
export interface TunnelSpec {
  /** Generated side's tunnel interface address (`10.0.0.11`), and prefix length. */
  address?: string;
  prefixLength?: number;
  /** The source's tunnel address (the next hop over the tunnel). */
  remoteAddress?: string;
  /** GRE key (`tunnel key 1`); absent: none. */
  key?: string;
  /** 'gre' (GRE over IPsec / DMVPN spoke p2p GRE), 'mgre' (DMVPN spoke multipoint), 'ipsec' (VTI). */
  mode: 'gre' | 'mgre' | 'ipsec';
  mtu?: number;
}

/** NHRP on a DMVPN spoke. */
export interface NhrpSpec {
  networkId?: string;
  /** Hub's tunnel address (NHS). */
  nhs: string;
  /** Hub's NBMA (underlay) address the NHS maps to. */
  nbma: string;
  /** Send multicast (OSPF hellos) to the hub. */
  multicastToHub: boolean;
  /** NHRP authentication string (a secret: placeholder unless confirmed). */
  auth?: SecretSpec;
  holdtime?: number;
}

/** OSPF on the generated side's interface facing the source. */
export interface OspfSpec {
  /** Process id / instance name for the generated side (`1`, `ospf1`). */
  processId: string;
  /** Router id to use, when the user gave one (else the emitter omits it or derives it from `local`). */
  routerId?: string;
  area: string;
  areaType: 'normal' | 'stub' | 'nssa';
  /** The shared link's prefix (CIDR) and the generated side's address on it. */
  prefix: string;
  address: string;
  /** Interface name on the generated side (`Vlan500`, `ether2`, `vlan500`, `Tunnel0`). */
  interfaceName: string;
  networkType: OspfNetworkType;
  hello: number;
  dead: number;
  /** Priority for this side (0 on a DMVPN spoke: never DR). */
  priority?: number;
  cost?: number;
  /** Authentication type; the key as a SecretSpec (placeholder unless confirmed). */
  auth: { type: OspfAuth['type']; keyId?: number; key?: SecretSpec };
  /** NBMA neighbours to list (a spoke's hub on a non-broadcast tunnel). */
  neighbors: string[];
  /** Extra networks of the generated side to announce (its LAN). */
  networks: string[];
}

/** L2TP/IPsec client of a RouterOS L2TP server. */
export interface L2tpClientSpec {
  /** The server's address to connect to. */
  server: string;
  /** PPP user and password (password a secret; placeholder unless confirmed, user `vpnuser` by default). */
  user: string;
  password: SecretSpec;
  /** Client interface name (`l2tp-out1`). */
  interfaceName: string;
}

/** Which config to generate. */
export type Scenario =
  /** Site-to-site, policy-based: crypto map / RouterOS policy / ipsec.conf flow. */
  | { kind: 'site-to-site'; binding: 'policy' }
  /** Site-to-site, route-based: IOS VTI with IPsec profile (IKEv2 profile for IKEv2), ASA VTI, RouterOS IPIP/GRE + policy. */
  | { kind: 'site-to-site'; binding: 'route' }
  /** DMVPN spoke of the source hub (`tunnel` and `nhrp` set; `ospf` when the hub runs OSPF on the tunnel). */
  | { kind: 'dmvpn-spoke' }
  /** L2TP/IPsec client of the source's L2TP server (`l2tp` set; `ipsec` is the transport-mode IPsec). */
  | { kind: 'l2tp-client' }
  /** OSPF neighbour on a link shared with the source (`ospf` set; no IPsec). */
  | { kind: 'ospf-neighbor' };

/** Facts the source cannot know, from the user (or defaults). */
export interface UserFacts {
  /** The generated side's LAN (CIDR); default: the far end of the source's selectors, else 192.168.88.0/24. */
  lan?: string;
  /** The generated side's WAN interface name; default per target (`GigabitEthernet0/0`, `outside`, `ether1`, `em0`). */
  wan?: string;
  /** The generated side's LAN interface name; default per target. */
  lanInterface?: string;
  /** Hostname of the generated device; default `peer-<local address with dashes>`. */
  hostname?: string;
  /** WAN prefix length of `local` when the source does not say it; default 24. */
  wanPrefixLength?: number;
  /** Default gateway of the WAN, when known. */
  gateway?: string;
}

/** Everything an emitter needs. */
export interface PeerSpec {
  /** The target dialect this spec was made for (proposals were chosen within its supported algorithms). */
  target: TargetId;
  scenario: Scenario;
  /** Source device, for the comment header: its name and file uri. */
  source: { name: string; uri: string; dialect: string };
  /** Generated side's own IKE/underlay/link address (the source's peer address). */
  local: string;
  /**
   * Source's address (what the generated side targets): its IKE/underlay address, or on an OSPF link its address
   * there; a BIRD source, which names no address on the link, gives the link's prefix (CIDR) instead.
   */
  remote: string;
  ipsec?: IpsecSpec;
  tunnel?: TunnelSpec;
  nhrp?: NhrpSpec;
  ospf?: OspfSpec;
  l2tp?: L2tpClientSpec;
  facts: UserFacts & { lan: string; wan: string };
  /**
   * Lines for the comment header, without the comment marker (the emitter adds `!`, `#`): where the generated side
   * had to follow a weak choice of the source ("matches 3DES/modp1024 from r1: change both ends"), placeholders.
   */
  notes: string[];
}

/** Options of one generation request (code action / command / CLI). */
export interface GenerateOptions {
  target: TargetId;
  facts?: UserFacts;
  /** Write the source's real PSK (and other secrets) instead of PSK_PLACEHOLDER. Default false. */
  includeSecrets?: boolean;
  /** Force a scenario binding where the source allows both (e.g. route-based for a policy-based source). */
  binding?: 'policy' | 'route';
}

/** A one-line reason why a peer config cannot be generated (the CLI prints it and exits 2). Never holds a secret. */
export class GenerateError extends Error {}

/**
 * An emitter renders a spec into one target dialect's config text (stable: same spec, same text). It may throw
 * GenerateError when the target cannot express the spec.
 */
export type Emitter = (spec: PeerSpec) => string;

/** What each target supports, so extract.ts chooses proposals within it (canonical ids, strongest first). */
export interface TargetCapabilities {
  id: TargetId;
  /** Human name for the quick pick (`Cisco IOS / IOS-XE`). */
  label: string;
  /** The netcfg dialect the generated text is checked as, and the VS Code language id of the untitled document. */
  dialect: 'cisco-ios' | 'cisco-asa' | 'routeros' | 'openbsd-ipsec' | 'bird';
  languageId: string;
  ikeVersions: readonly (1 | 2)[];
  phase1Encryption: readonly string[];
  phase1Hash: readonly string[];
  dh: readonly string[];
  phase2Encryption: readonly string[];
  phase2Integrity: readonly string[];
  /** IKEv1 phase-2 limits where they are narrower than `phase2Encryption`/`phase2Integrity` (ASA IKEv1 transform sets). */
  ikev1Phase2Encryption?: readonly string[];
  ikev1Phase2Integrity?: readonly string[];
  scenarios: readonly Scenario['kind'][];
  /** Route-based site-to-site possible. */
  routeBased: boolean;
  /**
   * Route-based site-to-site over an IPv6 underlay possible (an IOS VTI `tunnel mode ipsec ipv6`, or GRE over IPv6).
   * Every other scenario and target is IPv4 only: an IPv6 source is refused rather than written in IPv4 syntax.
   */
  ipv6RouteBased?: boolean;
  /** The target has no GRE: a route-based tunnel is an IPsec VTI only (the ASA), so a GRE-over-IPsec source is refused. */
  noGre?: boolean;
  defaultWan: string;
  defaultLanInterface: string;
}
