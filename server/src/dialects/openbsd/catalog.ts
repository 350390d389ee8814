// The ipsec.conf(5) vocabulary as data: rule keywords with short docs, algorithm names per context with their
// canonical ids, and the ipsecctl defaults per OpenBSD release. Pure data plus tiny lookups; no parsing here.
// Facts: ipsec.conf(5) [S1], ipsecctl parse.y rev 1.184 (keyword table, transform tables, parse_xf) and ike.c [S2].
import { dict } from '../../model/dict';


/** Where the reader can check what a keyword does. */
export const MAN_PAGE = 'https://man.openbsd.org/ipsec.conf.5';

export interface KeywordDoc {
  keyword: string;
  /** Short syntax, e.g. `peer ADDRESS`. */
  syntax: string;
  doc: string;
}

/** Keywords that may appear inside an `ike` rule, in the order ipsecctl's grammar requires. */
export const IKE_KEYWORDS: readonly KeywordDoc[] = [
  { keyword: 'active', syntax: 'active', doc: 'This end starts the IKE negotiation itself (the default mode of an `ike` rule).' },
  { keyword: 'passive', syntax: 'passive', doc: 'This end only answers IKE negotiations started by the peer. Two passive ends never bring the tunnel up.' },
  { keyword: 'dynamic', syntax: 'dynamic', doc: 'Like `active`, but the SAs are only set up while the peer is reachable; meant for peers with changing addresses.' },
  { keyword: 'esp', syntax: 'esp', doc: 'Protect the traffic with ESP (encryption and integrity). Default when neither `esp` nor `ah` is given.' },
  { keyword: 'ah', syntax: 'ah', doc: 'Protect the traffic with AH (integrity only, no encryption).' },
  { keyword: 'ipcomp', syntax: 'ipcomp', doc: 'Compress the traffic with IPcomp instead of protecting it.' },
  { keyword: 'ipip', syntax: 'ipip', doc: 'Plain IP-in-IP encapsulation without protection.' },
  { keyword: 'tunnel', syntax: 'tunnel', doc: 'Tunnel mode: whole packets are encapsulated between the peers (the default).' },
  { keyword: 'transport', syntax: 'transport', doc: 'Transport mode: only the payload is protected; for traffic between the two gateways themselves.' },
  { keyword: 'proto', syntax: 'proto PROTOCOL', doc: 'Limit the flow to one IP protocol (name from /etc/protocols or a number). Sent in the phase 2 IDs, so the peer must select the same protocol.' },
  { keyword: 'from', syntax: 'from SOURCE [port P] [(NAT)]', doc: 'Local side of the traffic selector: an address, a prefix, `any`, a host name or an interface, or a `{ list }`. `from X (Y)` negotiates X while the real local network is Y.' },
  { keyword: 'to', syntax: 'to DESTINATION [port P]', doc: 'Remote side of the traffic selector. A single host here is also the default peer when `peer` is absent.' },
  { keyword: 'port', syntax: 'port PORT', doc: 'Limit the selector to one TCP/UDP port; needs `proto tcp` or `proto udp`.' },
  { keyword: 'local', syntax: 'local ADDRESS', doc: 'Address this gateway uses for IKE and as the SA endpoint. Needed on gateways with several addresses.' },
  { keyword: 'peer', syntax: 'peer ADDRESS|any', doc: 'Address of the remote IKE gateway. When absent, the `to` host is the peer for host-to-host rules; for network rules (or `peer any`) the default peer is used, which accepts anyone.' },
  { keyword: 'main', syntax: 'main [auth A] [enc E] [group G] [lifetime T]', doc: 'Phase 1 in main mode (identity protection), with the given proposal. Values left out take the ipsecctl defaults.' },
  { keyword: 'aggressive', syntax: 'aggressive [auth A] [enc E] [group G] [lifetime T]', doc: 'Phase 1 in aggressive mode. Both ends must agree on the mode; many peers (Meraki, IOS by default) only do main mode.' },
  { keyword: 'quick', syntax: 'quick [auth A] [enc E] [group G] [lifetime T]', doc: 'Phase 2 (quick mode) proposal. `group` sets the PFS group; `group none` turns PFS off.' },
  { keyword: 'auth', syntax: 'auth ALGORITHM', doc: 'Integrity (hash) algorithm of the phase, e.g. `hmac-sha1`, `hmac-sha2-256`.' },
  { keyword: 'enc', syntax: 'enc ALGORITHM', doc: 'Encryption algorithm of the phase, e.g. `aes`, `aes-256`, `3des`. `aes` offers 128-bit keys and accepts 128 to 256.' },
  { keyword: 'group', syntax: 'group GROUP', doc: 'Diffie-Hellman group: the phase 1 key exchange group in `main`, the PFS group in `quick` (`none` disables PFS).' },
  { keyword: 'lifetime', syntax: 'lifetime SECONDS|Nm|Nh', doc: 'Lifetime of the SA in seconds, or with an `m` (minutes) or `h` (hours) suffix.' },
  { keyword: 'srcid', syntax: 'srcid ID', doc: 'Identity this end sends in phase 1 (address, FQDN or user@FQDN). Defaults to the local address.' },
  { keyword: 'dstid', syntax: 'dstid ID', doc: 'Identity expected from the peer in phase 1.' },
  { keyword: 'rsa', syntax: 'rsa', doc: 'Authenticate with RSA public keys (the default when no `psk` is given).' },
  { keyword: 'psk', syntax: 'psk "KEY"', doc: 'Authenticate with a pre-shared key. Both ends must use the same key; quote it when it contains special characters or only digits.' },
  { keyword: 'tag', syntax: 'tag NAME', doc: 'pf(4) tag added to packets leaving the SAs of this rule.' },
  { keyword: 'interface', syntax: 'interface secN', doc: 'Bind the SAs to a sec(4) interface (route-based IPsec) instead of flows.' },
];

/** Keywords of `flow` rules (besides the shared host/peer/id keywords). */
export const FLOW_KEYWORDS: readonly KeywordDoc[] = [
  { keyword: 'in', syntax: 'in', doc: 'Only the inbound flow; without `in`/`out` both directions are set up.' },
  { keyword: 'out', syntax: 'out', doc: 'Only the outbound flow.' },
  { keyword: 'type', syntax: 'type use|acquire|require|dontacq|bypass|deny', doc: 'What the kernel does with matching packets; `require` is the default for ESP and AH.' },
];

/** Top-level statements. */
export const STATEMENT_KEYWORDS: readonly KeywordDoc[] = [
  { keyword: 'ike', syntax: 'ike [mode] [esp|ah] [tunnel|transport] from … to … [peer …] [main …] [quick …] [psk …]', doc: 'An IKEv1 (isakmpd) rule: ipsecctl turns it into isakmpd phase 1 and phase 2 configuration.' },
  { keyword: 'flow', syntax: 'flow [esp|ah] [in|out] from … to … [peer …] [type …]', doc: 'A manual flow (SPD entry) without IKE.' },
  { keyword: 'tcpmd5', syntax: 'tcpmd5 from … to … spi SPI authkey KEY', doc: 'A TCP MD5 signature SA (BGP sessions).' },
  { keyword: 'include', syntax: 'include "FILE"', doc: 'Reads another file at this point. netcfg records it but does not follow it.' },
];

/** Every keyword of ipsecctl's keyword table (parse.y `lookup`); matching is exact, never by prefix. */
export const RESERVED: ReadonlySet<string> = new Set([
  'acquire', 'active', 'aggressive', 'ah', 'any', 'auth', 'authkey', 'bundle', 'bypass', 'comp', 'deny', 'dontacq', 'dstid',
  'dynamic', 'enc', 'enckey', 'esp', 'file', 'flow', 'from', 'group', 'ike', 'in', 'include', 'interface', 'ipcomp', 'ipip',
  'lifetime', 'local', 'main', 'out', 'passive', 'peer', 'port', 'proto', 'psk', 'quick', 'require', 'rsa', 'spi', 'srcid',
  'tag', 'tcpmd5', 'to', 'transport', 'tunnel', 'type', 'udpencap', 'use',
]);

export interface AlgorithmDoc {
  /** The name as documented. */
  name: string;
  canonical: string;
  doc: string;
}

const AUTH_BASE: AlgorithmDoc[] = [
  { name: 'hmac-md5', canonical: 'md5', doc: 'HMAC with MD5. Weak; refused by default by recent Cisco IOS-XE.' },
  { name: 'hmac-sha1', canonical: 'sha1', doc: 'HMAC with SHA-1 (Cisco `sha`, RouterOS `sha1`). The phase 1 default.' },
  { name: 'hmac-sha2-256', canonical: 'sha256', doc: 'HMAC with SHA-256. The phase 2 default.' },
  { name: 'hmac-sha2-384', canonical: 'sha384', doc: 'HMAC with SHA-384.' },
  { name: 'hmac-sha2-512', canonical: 'sha512', doc: 'HMAC with SHA-512.' },
];

/** `auth` values in `main`/`aggressive` (phase 1). */
export const PHASE1_AUTH: readonly AlgorithmDoc[] = AUTH_BASE;
/** `auth` values in `quick` (phase 2). */
export const PHASE2_AUTH: readonly AlgorithmDoc[] = [
  ...AUTH_BASE,
  { name: 'hmac-ripemd160', canonical: 'ripemd160', doc: 'HMAC with RIPEMD-160 (phase 2 only).' },
];

const ENC_BASE: AlgorithmDoc[] = [
  { name: 'aes', canonical: 'aes-cbc-any', doc: 'AES-CBC offering a 128-bit key and accepting 128 to 256 bits. The default.' },
  { name: 'aes-128', canonical: 'aes-cbc-128', doc: 'AES-CBC with a 128-bit key (Cisco `aes`, RouterOS `aes-128`).' },
  { name: 'aes-192', canonical: 'aes-cbc-192', doc: 'AES-CBC with a 192-bit key.' },
  { name: 'aes-256', canonical: 'aes-cbc-256', doc: 'AES-CBC with a 256-bit key.' },
  { name: '3des', canonical: '3des', doc: 'Triple DES. Weak; refused by default by recent Cisco IOS-XE, but the Meraki default.' },
  { name: 'blowfish', canonical: 'blowfish', doc: 'Blowfish-CBC. Rarely supported by other vendors.' },
  { name: 'cast', canonical: 'cast128', doc: 'CAST-128-CBC. Rarely supported by other vendors.' },
  { name: 'des', canonical: 'des', doc: 'Single DES. Documented as insecure, and no longer in the transform table of recent ipsecctl.' },
];

/** `enc` values in `main`/`aggressive` (phase 1). Counter mode, GCM, GMAC and null are phase 2 only [S1]. */
export const PHASE1_ENC: readonly AlgorithmDoc[] = ENC_BASE;
/** `enc` values in `quick` (phase 2). */
export const PHASE2_ENC: readonly AlgorithmDoc[] = [
  ...ENC_BASE,
  { name: 'aesctr', canonical: 'aes-ctr-128', doc: 'AES in counter mode (key length negotiable).' },
  { name: 'aes-128-ctr', canonical: 'aes-ctr-128', doc: 'AES-CTR with a 128-bit key.' },
  { name: 'aes-192-ctr', canonical: 'aes-ctr-192', doc: 'AES-CTR with a 192-bit key.' },
  { name: 'aes-256-ctr', canonical: 'aes-ctr-256', doc: 'AES-CTR with a 256-bit key.' },
  { name: 'aes-128-gcm', canonical: 'aes-gcm-128', doc: 'AES-GCM with a 128-bit key (authenticated encryption: no separate `auth`).' },
  { name: 'aes-192-gcm', canonical: 'aes-gcm-192', doc: 'AES-GCM with a 192-bit key.' },
  { name: 'aes-256-gcm', canonical: 'aes-gcm-256', doc: 'AES-GCM with a 256-bit key.' },
  { name: 'aes-128-gmac', canonical: 'aes-gmac-128', doc: 'AES-GMAC: integrity only, no encryption.' },
  { name: 'aes-192-gmac', canonical: 'aes-gmac-192', doc: 'AES-GMAC with a 192-bit key: integrity only.' },
  { name: 'aes-256-gmac', canonical: 'aes-gmac-256', doc: 'AES-GMAC with a 256-bit key: integrity only.' },
  { name: 'chacha20-poly1305', canonical: 'chacha20-poly1305', doc: 'ChaCha20-Poly1305 authenticated encryption.' },
  { name: 'null', canonical: 'null', doc: 'No encryption (integrity only). Only for testing.' },
];

/** Encryption ids that carry their own integrity (AEAD / GMAC): no separate `auth` is negotiated. */
export const AEAD: ReadonlySet<string> = new Set(['aes-gcm-128', 'aes-gcm-192', 'aes-gcm-256', 'aes-gmac-128', 'aes-gmac-192', 'aes-gmac-256', 'chacha20-poly1305']);

/** `group` values (both phases), with the `grpN` aliases of parse.y's group table. */
export const GROUPS: readonly AlgorithmDoc[] = [
  { name: 'modp768', canonical: 'modp768', doc: 'MODP group 1 (768 bits). Broken; do not use.' },
  { name: 'modp1024', canonical: 'modp1024', doc: 'MODP group 2 (1024 bits). Weak; the Meraki default, refused by default by recent IOS-XE.' },
  { name: 'modp1536', canonical: 'modp1536', doc: 'MODP group 5 (1536 bits). Weak.' },
  { name: 'modp2048', canonical: 'modp2048', doc: 'MODP group 14 (2048 bits). The most widely supported safe group.' },
  { name: 'modp3072', canonical: 'modp3072', doc: 'MODP group 15 (3072 bits). The ipsecctl default on current OpenBSD; Meraki cannot do it.' },
  { name: 'modp4096', canonical: 'modp4096', doc: 'MODP group 16 (4096 bits).' },
  { name: 'modp6144', canonical: 'modp6144', doc: 'MODP group 17 (6144 bits).' },
  { name: 'modp8192', canonical: 'modp8192', doc: 'MODP group 18 (8192 bits).' },
  { name: 'ecp256', canonical: 'ecp256', doc: 'Elliptic curve group 19 (NIST P-256).' },
  { name: 'ecp384', canonical: 'ecp384', doc: 'Elliptic curve group 20 (NIST P-384).' },
  { name: 'ecp521', canonical: 'ecp521', doc: 'Elliptic curve group 21 (NIST P-521).' },
  { name: 'ecp224', canonical: 'ecp224', doc: 'Elliptic curve group 26 (NIST P-224).' },
  { name: 'bp224', canonical: 'bp224', doc: 'Brainpool group 27 (224 bits).' },
  { name: 'bp256', canonical: 'bp256', doc: 'Brainpool group 28 (256 bits).' },
  { name: 'bp384', canonical: 'bp384', doc: 'Brainpool group 29 (384 bits).' },
  { name: 'bp512', canonical: 'bp512', doc: 'Brainpool group 30 (512 bits).' },
  { name: 'none', canonical: 'none', doc: 'No Diffie-Hellman group: in `quick`, turns PFS off.' },
  ...(
    [
      ['1', 'modp768'], ['2', 'modp1024'], ['5', 'modp1536'], ['14', 'modp2048'], ['15', 'modp3072'], ['16', 'modp4096'],
      ['17', 'modp6144'], ['18', 'modp8192'], ['19', 'ecp256'], ['20', 'ecp384'], ['21', 'ecp521'], ['26', 'ecp224'],
      ['27', 'bp224'], ['28', 'bp256'], ['29', 'bp384'], ['30', 'bp512'],
    ] as const
  ).map(([n, c]) => ({ name: `grp${n}`, canonical: c, doc: `Alias of \`${c}\` (DH group ${n}).` })),
];

/**
 * ipsecctl's own transform-table spellings, in table order (parse.y rev 1.184). `parse_xf` takes the FIRST entry
 * that starts with the written name, so `3des` means `3des-cbc`, `cast` means `cast128` and `hmac-sha` means
 * `hmac-sha1`. Only the documented names (above) are silent; other prefixes get `openbsd/abbreviated-algorithm`.
 */
export const XF_TABLE: Readonly<Record<'auth' | 'enc' | 'group', readonly { name: string; canonical: string }[]>> = {
  auth: [
    { name: 'none', canonical: 'none' },
    { name: 'hmac-md5', canonical: 'md5' },
    { name: 'hmac-ripemd160', canonical: 'ripemd160' },
    { name: 'hmac-sha1', canonical: 'sha1' },
    { name: 'hmac-sha2-256', canonical: 'sha256' },
    { name: 'hmac-sha2-384', canonical: 'sha384' },
    { name: 'hmac-sha2-512', canonical: 'sha512' },
  ],
  enc: [
    { name: 'none', canonical: 'none' },
    { name: '3des-cbc', canonical: '3des' },
    { name: 'aes', canonical: 'aes-cbc-any' },
    { name: 'aes-128', canonical: 'aes-cbc-128' },
    { name: 'aes-192', canonical: 'aes-cbc-192' },
    { name: 'aes-256', canonical: 'aes-cbc-256' },
    { name: 'aesctr', canonical: 'aes-ctr-128' },
    { name: 'aes-128-ctr', canonical: 'aes-ctr-128' },
    { name: 'aes-192-ctr', canonical: 'aes-ctr-192' },
    { name: 'aes-256-ctr', canonical: 'aes-ctr-256' },
    { name: 'aes-128-gcm', canonical: 'aes-gcm-128' },
    { name: 'aes-192-gcm', canonical: 'aes-gcm-192' },
    { name: 'aes-256-gcm', canonical: 'aes-gcm-256' },
    { name: 'aes-128-gmac', canonical: 'aes-gmac-128' },
    { name: 'aes-192-gmac', canonical: 'aes-gmac-192' },
    { name: 'aes-256-gmac', canonical: 'aes-gmac-256' },
    { name: 'blowfish', canonical: 'blowfish' },
    { name: 'cast128', canonical: 'cast128' },
    { name: 'chacha20-poly1305', canonical: 'chacha20-poly1305' },
    { name: 'null', canonical: 'null' },
  ],
  group: GROUPS.map((g) => ({ name: g.name, canonical: g.canonical })),
};

export type Phase = 'phase1' | 'phase2';
export type XfKind = 'auth' | 'enc' | 'group';

/** Documented names valid for a transform keyword in one phase. */
export function documentedAlgorithms(kind: XfKind, phase: Phase): readonly AlgorithmDoc[] {
  if (kind === 'group') return GROUPS;
  if (kind === 'auth') return phase === 'phase1' ? PHASE1_AUTH : PHASE2_AUTH;
  return phase === 'phase1' ? PHASE1_ENC : PHASE2_ENC;
}

export interface AlgorithmLookup {
  canonical: string;
  /** The documented name this resolved to. */
  name: string;
  /** True when the written name is only a prefix that ipsecctl's `parse_xf` completes. */
  abbreviated: boolean;
}

/** Resolves a written algorithm name the way ipsecctl does, or undefined when ipsecctl rejects it for this phase. */
export function lookupAlgorithm(kind: XfKind, phase: Phase, written: string): AlgorithmLookup | undefined {
  const docs = documentedAlgorithms(kind, phase);
  const exact = docs.find((d) => d.name === written);
  if (exact) return { canonical: exact.canonical, name: exact.name, abbreviated: false };
  if (written === '') return undefined;
  // `des` is documented but gone from recent transform tables; other names resolve through parse_xf's prefix rule.
  const entry = XF_TABLE[kind].find((e) => e.name.startsWith(written));
  if (!entry || (entry.canonical === 'none' && kind !== 'group')) return undefined;
  const doc = docs.find((d) => d.canonical === entry.canonical);
  if (!doc) return undefined;
  return { canonical: entry.canonical, name: doc.name, abbreviated: written !== entry.name };
}

/** The documented OpenBSD spelling of a canonical id for a transform keyword, or undefined when it has none. */
export function spellingOf(kind: XfKind, phase: Phase, canonical: string): string | undefined {
  return documentedAlgorithms(kind, phase).find((d) => d.canonical === canonical && !d.name.startsWith('grp'))?.name;
}

/** ipsecctl defaults for one OpenBSD release, with the note shown for implicit values. */
export interface ReleaseDefaults {
  release: string;
  recent: boolean;
  phase1Group: string;
  pfs: string;
  groupNote: string;
  pfsNote: string;
}

/**
 * Defaults by release. Recent ike.c (OpenBSD 7.x) offers MODP 3072 in phase 1 and turns PFS on with MODP 3072;
 * older releases offered MODP 1024 and no PFS. The release that switched is not confirmed (interop-rules U-1);
 * we assume everything up to 6.x has the old defaults and say so in the note.
 */
export function releaseDefaults(version: string | undefined): ReleaseDefaults {
  const major = version ? Number.parseInt(version, 10) : NaN;
  if (Number.isFinite(major) && major < 7) {
    const v = `OpenBSD ${version}`;
    return {
      release: v,
      recent: false,
      phase1Group: 'modp1024',
      pfs: 'none',
      groupNote: `ipsecctl default when \`group\` is absent (${v}: modp1024; assumed for releases up to 6.x, the exact release that changed it is unconfirmed)`,
      pfsNote: `ipsecctl default when \`quick group\` is absent (${v}: no PFS; assumed for releases up to 6.x, the exact release that changed it is unconfirmed)`,
    };
  }
  const v = version ? `OpenBSD ${version}` : 'OpenBSD 7.x';
  return {
    release: v,
    recent: true,
    phase1Group: 'modp3072',
    pfs: 'modp3072',
    groupNote: `ipsecctl default when \`group\` is absent (${v})`,
    pfsNote: `ipsecctl default when \`quick group\` is absent (${v}: PFS with modp3072 unless \`group none\`)`,
  };
}

/** Release-independent defaults (ipsec.conf(5) and ike.c). */
export const DEFAULTS = {
  phase1Encryption: 'aes-cbc-any',
  phase1Hash: 'sha1',
  phase1Lifetime: 3600,
  phase2Encryption: 'aes-cbc-any',
  phase2Integrity: 'sha256',
  phase2Lifetime: 1200,
} as const;

/** Protocol names we know from /etc/protocols, for `proto` values (unknown names are accepted silently). */
export const PROTOCOLS: Readonly<Record<string, number>> = dict({
  ip: 0, icmp: 1, igmp: 2, ipencap: 4, ipip: 4, tcp: 6, egp: 8, udp: 17, ipv6: 41, gre: 47, esp: 50, ah: 51,
  'ipv6-icmp': 58, icmp6: 58, eigrp: 88, ospf: 89, pim: 103, etherip: 97, ipcomp: 108, vrrp: 112, carp: 112, l2tp: 115,
  sctp: 132, pfsync: 240,
});
