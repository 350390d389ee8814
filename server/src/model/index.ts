// The vendor-neutral model: what one config file says about one device, with every value's source range.
// Dialects lower their trees into these types; cross-file analyses read only these types.
// Imports nothing from dialects/ and nothing from LSP.

import type { Severity, SyntaxDiagnostic, TextRange } from '../syntax';

export * from './ip';
export * from './vocabulary';
export * from './dict';
export * from './shared';
export * from './secrets';

export type DialectId = 'cisco-ios' | 'cisco-asa' | 'routeros' | 'openbsd-ipsec' | 'bird' | 'strongswan';

export const DIALECT_IDS: readonly DialectId[] = ['cisco-ios', 'cisco-asa', 'routeros', 'openbsd-ipsec', 'bird', 'strongswan'];

/**
 * The dialect an editor language id stands for: each dialect id, and `swanctl` (VS Code's language for swanctl.conf,
 * its own grammar) for `strongswan`. Undefined for other languages (plaintext, …), which leave detection to the service.
 */
export function dialectOfLanguageId(languageId: string | undefined): DialectId | undefined {
  if (languageId === 'swanctl') return 'strongswan';
  return DIALECT_IDS.includes(languageId as DialectId) ? (languageId as DialectId) : undefined;
}

/** A text edit on one document, in offsets of the document version the model was lowered from. */
export interface Edit {
  uri: string;
  range: TextRange;
  newText: string;
}

/**
 * Renders a new value into this dialect's syntax as one or more edits (replace the value, or insert the
 * missing command at the right place). Returns undefined when the dialect cannot express the value.
 * Written by the dialect's lowering, so analyses can offer quick fixes without knowing any syntax.
 */
export type Setter<T> = (value: T) => Edit[] | undefined;

/**
 * A modelled value. `range` is where it is written; no range means it is implicit, and `default`
 * then says where the implicit value comes from ("IOS default when `group` is absent").
 */
export interface Value<T> {
  value: T;
  range?: TextRange;
  default?: string;
  set?: Setter<T>;
}

/** A secret as written. The plaintext is compared, never shown: use `maskSecret` for display. */
export interface Secret {
  /** plain: cleartext in the file; type7: Cisco reversible (decoded into `plain`); type6/masked: not comparable. */
  kind: 'plain' | 'type7' | 'type6' | 'masked';
  /** Cleartext when known (plain, or decoded type 7). Never put into a message, hover, log or report. */
  plain?: string;
  /** Range of the secret token itself. */
  range: TextRange;
  /**
   * The document the secret is written in, when it is not the device's own file: a strongSwan connection's key
   * comes from the folder's ipsec.secrets (attached by `attachSharedSecrets`). Findings on the key go there.
   */
  uri?: string;
}

/**
 * `****** (6 chars)`: one star per character and the length, never a character of the secret (a prefix would
 * narrow a short key down to guessing). Masked and type 6 secrets say what they are.
 */
export function maskSecret(secret: Secret): string {
  if (secret.kind === 'masked') return '***** (masked by the device)';
  if (secret.kind === 'type6') return '(type 6 encrypted)';
  const n = (secret.plain ?? '').length;
  return n === 0 ? '(empty)' : `${'*'.repeat(n)} (${n} char${n === 1 ? '' : 's'})`;
}

/** How two comparable secrets relate; says nothing about their content. */
export type SecretComparison = 'equal' | 'case-or-space' | 'different' | 'unverifiable';

export function compareSecrets(a: Secret, b: Secret): SecretComparison {
  if (a.plain === undefined || b.plain === undefined) return 'unverifiable';
  if (a.plain === b.plain) return 'equal';
  const norm = (s: string) => s.replace(/^["']|["']$/g, '').trim().toLowerCase();
  return norm(a.plain) === norm(b.plain) ? 'case-or-space' : 'different';
}

export interface InterfaceAddress {
  /** Address in canonical text form (`10.0.0.1`, `2001:db8::1`). */
  address: string;
  prefixLength: number;
  secondary?: boolean;
  range: TextRange;
}

export interface Interface {
  /** Canonical full name (`GigabitEthernet0/0/1`, `Tunnel0`, `ether1`, `outside` for ASA nameif lookups see `nameif`). */
  name: string;
  nameRange: TextRange;
  /** The whole block / definition. */
  range: TextRange;
  kind: 'physical' | 'loopback' | 'tunnel' | 'vlan' | 'bridge' | 'virtual' | 'other';
  description?: string;
  addresses: InterfaceAddress[];
  shutdown: boolean;
  /** ASA logical name. */
  nameif?: string;
  mtu?: Value<number>;
  /** Crypto map applied here (IOS `crypto map NAME` / ASA `crypto map NAME interface IF`). */
  cryptoMap?: Value<string>;
  tunnel?: Tunnel;
  /**
   * Layer-2 encapsulation, lower case as written (IOS `encapsulation frame-relay|ppp|hdlc|dot1q …`); a
   * sub-interface without its own line inherits its main interface's (no range then). Absent: the platform default.
   */
  encapsulation?: Value<string>;
  /** IOS sub-interface type from `interface Serial0/0.1 point-to-point|multipoint`. */
  subinterfaceType?: 'point-to-point' | 'multipoint';
}

/** GRE / mGRE / IP-in-IP tunnel interface with NHRP (DMVPN) settings. */
export interface Tunnel {
  mode: Value<'gre' | 'mgre' | 'ipip' | 'ipsec' | 'other'>;
  /** Resolved source address (from `tunnel source IF` via that interface's primary address, or literal). */
  source?: Value<string>;
  sourceInterface?: string;
  destination?: Value<string>;
  key?: Value<string>;
  /** IPsec profile protecting the tunnel (`tunnel protection ipsec profile P`). */
  protection?: Value<string>;
  nhrp?: Nhrp;
  /** Insert point for new tunnel/NHRP commands (end of the interface block's header line). */
  insertAt?: number;
  /** Sets the tunnel key (inserting the command when absent); `undefined` removes it. */
  setKey?: Setter<string | undefined>;
  /** Protects the tunnel with the named IPsec profile (inserting the command when absent). */
  setProtection?: Setter<string>;
  /** Adds an NHRP multicast mapping to an NBMA address or `dynamic`. */
  addMulticastMap?: Setter<string>;
  /** Sets the NHRP authentication string (inserting the command when absent); `undefined` removes it. */
  setNhrpAuth?: Setter<string | undefined>;
}

export interface Nhrp {
  networkId?: Value<string>;
  /** Next-hop servers by tunnel address; `dynamic` when learned from the hub (IOS `ip nhrp nhs dynamic nbma B`). */
  nhs: Value<string>[];
  /** Static mappings tunnel address → NBMA address; the tunnel address is `dynamic` for an NHS learned at registration. */
  maps: { tunnelAddress: string; nbma: string; range: TextRange; set?: Setter<{ tunnelAddress: string; nbma: string }> }[];
  multicastMaps: { nbma: string; range: TextRange }[];
  auth?: { secret: Secret; range: TextRange; set?: Setter<string> };
  holdtime?: Value<number>;
}

/** One IKE phase 1 proposal as offered/accepted. Lists mean "any of these" (RouterOS offers the cartesian product). */
export interface Phase1Proposal {
  label: string;
  range?: TextRange;
  priority?: number;
  encryption: Value<string[]>;
  hash: Value<string[]>;
  dh: Value<string[]>;
  auth: Value<'psk' | 'rsa-sig' | 'rsa-encr' | 'other'>;
  lifetime: Value<number>;
}

/** One IPsec phase 2 proposal (transform set / proposal / quick mode). */
export interface Phase2Proposal {
  label: string;
  range?: TextRange;
  protocol: Value<'esp' | 'ah'>;
  encryption: Value<string[]>;
  integrity: Value<string[]>;
  mode: Value<'tunnel' | 'transport'>;
}

/**
 * A shared secret of a secrets store (strongSwan ipsec.secrets `A B : PSK "…"`, swanctl `secrets { ike-x { id, secret } }`),
 * selected by the IKE identities (addresses, `@fqdn`, `%any`) of the two ends rather than by a peer statement.
 */
export interface SharedSecret {
  /** Identities the secret is for, as written; empty or `%any`: any. */
  ids: string[];
  type: 'psk' | 'other';
  secret: Secret;
  /** The whole entry. */
  range: TextRange;
  /** Replaces the secret. */
  set?: Setter<string>;
}

/** A traffic selector (crypto ACL permit line, RouterOS policy, OpenBSD from/to). Prefixes in CIDR text. */
export interface Selector {
  local: string;
  remote: string;
  /** 'ip' for any protocol, else a protocol name or number as text ('tcp', 'udp', '47'). */
  protocol: string;
  localPort?: string;
  remotePort?: string;
  range: TextRange;
}

/** A pre-shared key and the remote address(es) it is selected for. */
export interface PresharedKey {
  /** CIDR the key covers (`0.0.0.0/0` for a wildcard), or a name for FQDN/identity keys. */
  peer: string;
  secret: Secret;
  /** The whole statement defining the key. */
  range: TextRange;
  set?: Setter<string>;
  /**
   * IKEv2 asymmetric keys (IOS keyring `pre-shared-key local` / `pre-shared-key remote`, profile
   * `authentication local|remote pre-share key`): the key this side expects the peer to authenticate with, when
   * it is not `secret`; `secret` is then the key this side authenticates itself with. Absent: `secret` both ways.
   */
  remote?: { secret: Secret; range: TextRange; set?: Setter<string> };
}

/**
 * One IPsec peer relationship as this device sees it: a crypto map entry, a VTI/DMVPN tunnel protection,
 * a RouterOS peer (+ its policies), an OpenBSD `ike` rule, an L2TP server's implicit peer.
 */
export interface IpsecPeer {
  /** Unique within the device. */
  id: string;
  /** Shown to users: `crypto map MYMAP 10`, `/ip ipsec peer 192.168.23.3`, `ike rule line 4`. */
  label: string;
  /** Where diagnostics about this peer are anchored. */
  range: TextRange;
  /** Remote IKE address; undefined when the peer accepts anyone (dynamic map, 0.0.0.0/0, passive any). */
  remote?: Value<string>;
  /** Remote prefix for wildcard responders (`0.0.0.0/0`), when `remote` is undefined. */
  remoteAny?: string;
  /** Local IKE source address, when known. */
  local?: Value<string>;
  /** Local interface the peer is bound to (crypto map interface, tunnel source). */
  localInterface?: string;
  role: 'initiator' | 'responder' | 'both';
  kind: 'crypto-map' | 'dynamic-map' | 'tunnel-protection' | 'routeros' | 'openbsd' | 'strongswan' | 'l2tp' | 'external';
  ikeVersion: Value<1 | 2>;
  exchangeMode: Value<'main' | 'aggressive'>;
  phase1: Phase1Proposal[];
  /** The key this side selects for the remote (undefined when none covers it); IKEv2 asymmetric keys see `PresharedKey.remote`. */
  psk?: PresharedKey;
  /**
   * The keys a wildcard responder selects from by the remote's address (the keyring of its IKEv2 profile, with the
   * profile's inline keys applied). Absent: every key of the device (`Device.keys`).
   */
  keys?: PresharedKey[];
  /** Adds a key for `remote` when none exists. */
  addPsk?: Setter<string>;
  phase2: Phase2Proposal[];
  /**
   * strongSwan/Libreswan: the key lives in a secrets store (ipsec.secrets, swanctl `secrets {}`), selected by the
   * IKE identities of both ends; `attachSharedSecrets` (model/secrets.ts, run by the service) fills `psk` from it.
   * `local`/`remote`: this end's and the other end's identities, most specific first (`@moon.example`, address).
   */
  secretIds?: { local: string[]; remote: string[] };
  /**
   * IKE versions this peer answers as a responder when it accepts more than `ikeVersion` (strongSwan
   * `keyexchange=ike` initiates IKEv2 and accepts IKEv1 too). Absent: only `ikeVersion`.
   */
  ikeVersions?: (1 | 2)[];
  /** 'none' or a canonical DH group. */
  pfs: Value<string>;
  /**
   * The PFS group is whichever group the IKE SA negotiates (Libreswan `pfs=yes` without a group in `esp=`): `pfs`
   * holds the first of this end's IKE groups, but any group of its phase 1 proposals may be the one used.
   */
  pfsFollowsIke?: boolean;
  phase2Lifetime?: Value<number>;
  selectors: Selector[];
  /**
   * The peer narrows traffic selectors to what both ends allow (strongSwan: RFC 7296 §2.9 narrowing), so selectors
   * that overlap without mirroring each other still agree on their intersection.
   */
  narrowsSelectors?: boolean;
  /** RouterOS `proposal-check`. */
  proposalCheck?: Value<'obey' | 'claim' | 'strict' | 'exact'>;
  /** Setters for the first phase 1 / phase 2 proposal fields, used by quick fixes. */
  setPhase1?: Setter<{ encryption: string; hash: string; dh: string }>;
  setPhase2?: Setter<{ encryption: string; integrity: string }>;
  setPfs?: Setter<string>;
  /**
   * Rewrites this peer's selector written at `range` (a `Selector.range` of `selectors`) to the given IPv4
   * prefixes, keeping its protocol (`protocol` is the selector's own, for a check). Undefined when not expressible.
   */
  setSelector?: Setter<{ range: TextRange; local: string; remote: string; protocol: string }>;
}

export type OspfNetworkType = 'broadcast' | 'point-to-point' | 'non-broadcast' | 'point-to-multipoint' | 'point-to-multipoint-non-broadcast' | 'virtual-link' | 'loopback';

export interface OspfAuth {
  type: 'none' | 'simple' | 'keyed-md5' | 'keyed-sha1' | 'hmac-sha1' | 'hmac-sha256' | 'hmac-sha384' | 'hmac-sha512';
  /** The key sent (the first configured); with `keys`, the first of them. */
  key?: Secret;
  keyId?: number;
  /**
   * Every key of a keyed authentication, in configuration order, when the platform uses several at once (IOS
   * `ip ospf message-digest-key` lines during a key rollover: IOS sends each packet once per key and accepts any
   * configured key, so two ends agree when they share one key id with the same key). Absent: `key`/`keyId` only.
   */
  keys?: { keyId: number; key: Secret }[];
}

export interface OspfProcess {
  /** Process id / protocol name / instance name. */
  id: string;
  range: TextRange;
  version: 2 | 3;
  routerId?: Value<string>;
  areas: { id: string; type: 'normal' | 'stub' | 'nssa'; range?: TextRange }[];
  /** NBMA neighbor statements (`neighbor X`, BIRD `neighbors`). */
  neighbors: Value<string>[];
  /** Makes an area of this process normal, stub or NSSA (`area A stub`, RouterOS `type=`). */
  setAreaType?: Setter<{ area: string; type: 'normal' | 'stub' | 'nssa' }>;
}

/** Effective OSPF settings of one interface, after interface-level overrides and per-platform defaults. */
export interface OspfInterface {
  processId: string;
  interfaceName: string;
  /** Where diagnostics anchor: the interface's OSPF setting or the enabling statement. */
  range: TextRange;
  /** The interface prefix on this link (CIDR), used for pairing. */
  prefix?: string;
  address?: string;
  area: Value<string>;
  areaType: 'normal' | 'stub' | 'nssa';
  networkType: Value<OspfNetworkType>;
  hello: Value<number>;
  dead: Value<number>;
  priority: Value<number>;
  cost?: Value<number>;
  passive: Value<boolean>;
  mtu?: Value<number>;
  mtuIgnore: boolean;
  auth: Value<OspfAuth>;
  version: 2 | 3;
  /** Tunnel interface (GRE/mGRE): pairs by tunnel subnet. */
  isTunnel?: boolean;
  neighbors: Value<string>[];
  setAuthKey?: Setter<string>;
  /** Changes the prefix length of the interface address `address` (same address, new mask). */
  setPrefixLength?: Setter<number>;
  /** Adds an NBMA neighbor statement for the given address (IOS `neighbor A` under `router ospf`, RouterOS nbma/static neighbor). */
  addNeighbor?: Setter<string>;
}

export interface L2tpServer {
  range: TextRange;
  enabled: Value<boolean>;
  useIpsec: Value<'no' | 'yes' | 'required'>;
  ipsecSecret?: PresharedKey;
  defaultProfile?: Value<string>;
}

/** Kinds of named objects, shared by all dialects so `ref/undefined` / `ref/unused` are written once. */
export type SymbolKind = string;

export interface Definition {
  kind: SymbolKind;
  name: string;
  /** The name token. */
  range: TextRange;
  /** The whole definition (block or line). */
  fullRange: TextRange;
  /** Defined by the platform (e.g. RouterOS `default` proposal): never reported unused. */
  builtin?: boolean;
  /** Used by the platform without an explicit reference (e.g. ASA `DefaultL2LGroup`). */
  implicitlyUsed?: boolean;
}

export interface Reference {
  kind: SymbolKind;
  name: string;
  range: TextRange;
  /** Optional: other kinds that also satisfy this reference (e.g. an ACL name that may be a standard or extended list). */
  alsoKinds?: SymbolKind[];
  /**
   * Why the platform accepts this reference while the name is undefined (IOS: a missing access list permits all
   * traffic). Set by the dialect; `ref/undefined` is then a warning, since nothing certainly fails.
   */
  tolerated?: string;
}

export interface Acl {
  name: string;
  range: TextRange;
  /** standard / extended / mixed (ASA capture rule), as written. */
  flavours: Set<'standard' | 'extended' | 'webtype' | 'ethertype' | 'remark'>;
}

/** Everything lowered from one file. */
export interface Device {
  uri: string;
  dialect: DialectId;
  /** Hostname, or the file's base name when none is configured. */
  name: string;
  hostnameRange?: TextRange;
  /** Platform version when the file says it (`version 15.2`, `ASA Version 9.1`, `# by RouterOS 7.11`). */
  platformVersion?: string;
  interfaces: Interface[];
  ipsecPeers: IpsecPeer[];
  /** Every pre-shared key of the device (for `ipsec/psk-missing` on responders). */
  keys: PresharedKey[];
  ospf: OspfProcess[];
  ospfInterfaces: OspfInterface[];
  l2tp: L2tpServer[];
  acls: Acl[];
  definitions: Definition[];
  references: Reference[];
  /** Addresses this device owns besides interface addresses (OpenBSD `local`, netcfg.yaml extras). */
  extraAddresses: Value<string>[];
  /**
   * Secret tokens the model holds nowhere else (login and enable passwords, SNMP communities and user keys,
   * RADIUS/TACACS keys, PPP and Wi-Fi secrets): only where they are, so display features can dim or mask them.
   */
  otherSecrets?: TextRange[];
  /** A secrets store (strongSwan ipsec.secrets, swanctl `secrets {}`): its shared secrets, attached to connections by `attachSharedSecrets`. */
  sharedSecrets?: SharedSecret[];
  /** Adds a shared secret to this secrets store (quick fix for a missing key). */
  addSharedSecret?: Setter<{ ids: string[]; secret: string }>;
  /**
   * A batch check's cross-file model only (service.ts `forCrossFile`): the addresses of ALL the device's interfaces,
   * while `interfaces` keeps only those the cross-file checks look up (analysis/crossfile.ts). Read interface
   * addresses with `interfaceAddresses` / `interfaceAddressRange`, which serve both forms.
   */
  addressTable?: AddressTable;
}

/**
 * Every interface address of a device in model order (interface by interface, as `Device.interfaces` listed them),
 * as parallel lists instead of ~6 objects per interface: `addresses[i]` as in `InterfaceAddress.address`, and in
 * `data`, four numbers per address: prefix length, range start, range end, 1 when secondary (else 0).
 */
export interface AddressTable {
  addresses: string[];
  data: number[];
}

/** `device.addressTable`, made from its interfaces. */
export function addressTableOf(device: Device): AddressTable {
  const addresses: string[] = [];
  const data: number[] = [];
  for (const itf of device.interfaces) {
    for (const a of itf.addresses) {
      addresses.push(a.address);
      data.push(a.prefixLength, a.range.start, a.range.end, a.secondary ? 1 : 0);
    }
  }
  return { addresses, data };
}

/** The address of every interface of the device, in model order (from `addressTable` when the model has one). */
export function interfaceAddresses(device: Device): readonly string[] {
  if (device.addressTable) return device.addressTable.addresses;
  const res: string[] = [];
  for (const itf of device.interfaces) for (const a of itf.addresses) res.push(a.address);
  return res;
}

/** The range of the first interface address (model order) for which `match` holds. */
export function interfaceAddressRange(device: Device, match: (address: string) => boolean): TextRange | undefined {
  const table = device.addressTable;
  if (table) {
    for (let i = 0; i < table.addresses.length; i++) if (match(table.addresses[i])) return { start: table.data[4 * i + 1], end: table.data[4 * i + 2] };
    return undefined;
  }
  for (const itf of device.interfaces) for (const a of itf.addresses) if (match(a.address)) return a.range;
  return undefined;
}

export function emptyDevice(uri: string, dialect: DialectId, name: string): Device {
  return {
    uri,
    dialect,
    name,
    interfaces: [],
    ipsecPeers: [],
    keys: [],
    ospf: [],
    ospfInterfaces: [],
    l2tp: [],
    acls: [],
    definitions: [],
    references: [],
    extraAddresses: [],
  };
}

/** Addresses the device owns (interface addresses plus extras), in canonical text form. */
export function ownedAddresses(device: Device): string[] {
  const res = [...interfaceAddresses(device)];
  for (const a of device.extraAddresses) res.push(a.value);
  return res;
}

/** Where every secret of the device is written: the modelled keys and strings, then `otherSecrets`. */
export function secretRanges(device: Device): TextRange[] {
  const res: TextRange[] = [];
  const add = (s: Secret | undefined) => {
    if (s) res.push(s.range);
  };
  for (const k of device.keys) {
    add(k.secret);
    add(k.remote?.secret);
  }
  for (const p of device.ipsecPeers) {
    if (p.psk?.secret.uri && p.psk.secret.uri !== device.uri) continue;
    add(p.psk?.secret);
    add(p.psk?.remote?.secret);
  }
  for (const itf of device.interfaces) add(itf.tunnel?.nhrp?.auth?.secret);
  for (const o of device.ospfInterfaces) {
    add(o.auth.value.key);
    for (const k of o.auth.value.keys ?? []) if (k.key !== o.auth.value.key) add(k.key);
  }
  for (const l of device.l2tp) add(l.ipsecSecret?.secret);
  // Secrets of another file (attached from a secrets store) are masked there, not here.
  for (const s of device.sharedSecrets ?? []) if (!s.secret.uri || s.secret.uri === device.uri) add(s.secret);
  for (const r of device.otherSecrets ?? []) res.push(r);
  return res;
}

/** A property that holds a quick-fix Setter: `set`, `setKey`, `addPsk`, `addMulticastMap` … */
const SETTER_KEY = /^(set|add)([A-Z]\w*)?$/;

/**
 * Properties whose types hold no Setter (`TextRange`, `Definition`, `Reference`, `Acl`, `InterfaceAddress`,
 * `SyntaxDiagnostic` lists): `dropSetters` does not walk into them. They are most of a model's objects (a fleet
 * router: ~1,100 objects for 12 Setters), and the walk, not the Setters, was what dropping cost (2-5% of a check).
 * `test/unit/service.test.ts` and the pool's `collectPlain` (which refuses any function) keep this honest.
 */
const NO_SETTER_KEYS = new Set(['range', 'nameRange', 'fullRange', 'hostnameRange', 'definitions', 'references', 'acls', 'otherSecrets', 'addresses', 'diagnostics', 'addressTable']);

/**
 * Removes every Setter from a lowered model, in place. Setters are closures over the lowering's tree, so while
 * one lives the whole lossless tree of its file stays in memory; a batch check (the CLI) never offers quick fixes
 * and drops them to keep only the model. Walks plain objects and arrays only, not the properties of `NO_SETTER_KEYS`.
 * A model is a tree but for shared frozen defaults (`shared.ts`), so the walk keeps no set of visited objects (a
 * Set of ~1,000 objects per fleet router was most of its garbage): an object reached twice is walked twice, which
 * changes nothing, and a walk past `DROP_BUDGET` objects (a cycle, or sharing that multiplies the paths) starts
 * again with the visited set.
 */
export function dropSetters(root: unknown): void {
  if (!dropSettersWalk(root, undefined)) dropSettersWalk(root, new Set<object>());
}

/** Objects one `dropSetters` walk without a visited set may reach before it starts again with one. */
const DROP_BUDGET = 1 << 22;

/** One walk of `dropSetters`; false when it gave up (no `seen` and past `DROP_BUDGET` objects). */
function dropSettersWalk(root: unknown, seen: Set<object> | undefined): boolean {
  const stack: unknown[] = [root];
  let budget = DROP_BUDGET;
  const setters: string[] = [];
  while (stack.length) {
    const o = stack.pop();
    if (o === null || typeof o !== 'object') continue;
    if (seen) {
      if (seen.has(o)) continue;
      seen.add(o);
    } else if (--budget < 0) return false;
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) {
        const x: unknown = o[i];
        if (x !== null && typeof x === 'object') stack.push(x);
      }
      continue;
    }
    const proto = Object.getPrototypeOf(o);
    if (proto !== Object.prototype && proto !== null) continue;
    const rec = o as Record<string, unknown>;
    // `for…in` allocates no key list (plain objects and null-prototype ones inherit no enumerable property).
    for (const k in rec) {
      const v = rec[k];
      if (typeof v === 'function') {
        if (SETTER_KEY.test(k)) setters.push(k);
      } else if (v !== null && typeof v === 'object' && !NO_SETTER_KEYS.has(k)) stack.push(v);
    }
    // Last key first: V8 deletes the most recently added property without turning the object into a slow
    // dictionary (~1 KB more per object), so Setters written after the data cost nothing once dropped.
    while (setters.length) delete rec[setters.pop()!];
  }
  return true;
}

/** A related location of a cross-file finding: "the other end". */
export interface RelatedLocation {
  uri: string;
  range: TextRange;
  message: string;
}

/** A quick fix offered for a finding; every edit was computed against the document versions the models came from. */
export interface FixIntent {
  title: string;
  edits: Edit[];
  isPreferred?: boolean;
}

/** What an analysis reports. Same shape for single-file (ref/…) and cross-file (ipsec/…, ospf/…) checks. */
export interface Finding {
  uri: string;
  range: TextRange;
  severity: Severity;
  code: string;
  message: string;
  related: RelatedLocation[];
  fixes: FixIntent[];
  tags?: SyntaxDiagnostic['tags'];
  /**
   * Set by the rules (server/src/rules) when an ignore selects this finding: an inline `netcfg-ignore` comment
   * (`inSource`) or a netcfg.yaml `ignore:` entry (`external`). Suppressed findings are kept (JSON, SARIF) but
   * never shown or counted.
   */
  suppressed?: { kind: 'inSource' | 'external'; justification?: string };
  /** Set by the rules when the editor's baseline (`.netcfg-baseline.json`) records this finding. */
  baselined?: boolean;
}
