// The stroke ipsec.conf keys netcfg knows, as data: section, default, accepted values, documentation and a link.
// Sources: strongSwan ipsec.conf(5) (5.9.14, https://man.archlinux.org/man/ipsec.conf.5.en; the legacy wiki page
// https://wiki.strongswan.org/projects/strongswan/wiki/ConnSection) and Libreswan ipsec.conf(5)
// (https://libreswan.org/man/ipsec.conf.5.html). Keys of one flavour only say so.

import { dict } from '../../model/dict';

export const STRONGSWAN_MAN = 'https://man.archlinux.org/man/ipsec.conf.5.en';
export const LIBRESWAN_MAN = 'https://libreswan.org/man/ipsec.conf.5.html';
export const SECRETS_MAN = 'https://man.archlinux.org/man/ipsec.secrets.5.en';

export interface KeyInfo {
  key: string;
  /** Sections the key belongs to. */
  sections: ('conn' | 'config' | 'ca')[];
  doc: string;
  /** The default, as the man page states it. */
  default?: string;
  /** Accepted values (lower case) when the set is closed. */
  values?: string[];
  /** Only one flavour knows the key. */
  only?: 'strongswan' | 'libreswan';
  /** A `%`-word or a snippet to offer as a value. */
  examples?: string[];
}

const conn = (key: string, doc: string, extra: Partial<KeyInfo> = {}): KeyInfo => ({ key, sections: ['conn'], doc, ...extra });
const cfg = (key: string, doc: string, extra: Partial<KeyInfo> = {}): KeyInfo => ({ key, sections: ['config'], doc, ...extra });

const YES_NO = ['yes', 'no'];

const KEYS: KeyInfo[] = [
  conn('also', 'Includes the parameters of another `conn` section (its own parameters win). Several may be given; nesting is allowed.'),
  conn('auto', 'What happens at startup: `ignore` (not loaded), `add` (loaded, waits for the peer), `route` (installs the policy and starts on traffic), `start` (initiates at once).', { default: 'ignore', values: ['ignore', 'add', 'route', 'start', 'ondemand', 'keep', 'up'] }),
  conn('type', 'Connection type: `tunnel` (the usual), `transport` (host to host), `transport_proxy`, `passthrough`, `drop`, `reject`, `pass`.', { default: 'tunnel', values: ['tunnel', 'transport', 'transport_proxy', 'passthrough', 'pass', 'drop', 'reject'] }),
  conn('keyexchange', 'IKE version: `ike` initiates IKEv2 and accepts IKEv1 or IKEv2 as responder; `ikev1`, `ikev2`. Libreswan 4+ also reads `ikev1`/`ikev2` here.', { default: 'ike', values: ['ike', 'ikev1', 'ikev2'] }),
  conn('ikev2', 'Libreswan: IKE version policy. `yes`/`insist` IKEv2 only, `no`/`never` IKEv1 only, `propose` IKEv2 with IKEv1 fallback, `permit` IKEv1 that accepts IKEv2.', { only: 'libreswan', default: 'yes (Libreswan 4+)', values: ['yes', 'no', 'insist', 'never', 'propose', 'permit'] }),
  conn('left', 'This host\'s public address (the `left` side is local by convention): an address, a DNS name, `%any`, `%defaultroute`.', { examples: ['%any', '%defaultroute'] }),
  conn('right', 'The peer\'s public address: an address, a DNS name, or `%any` for a responder that accepts any peer.', { examples: ['%any'] }),
  conn('leftid', 'How this host identifies itself in IKE: an address, `@fqdn`, `user@fqdn`, a DN. Default: the `left` address. Also selects the shared secret in ipsec.secrets.'),
  conn('rightid', 'The identity the peer must present: an address, `@fqdn`, `user@fqdn`, a DN, `%any`. Default: the `right` address. Also selects the shared secret in ipsec.secrets.'),
  conn('leftsubnet', 'Private networks behind this host, comma-separated, each optionally `[protocol/port]` (`10.1.0.0/16`, `0.0.0.0/0[udp/1701]`). Default: the `left` address alone.'),
  conn('rightsubnet', 'Private networks behind the peer, comma-separated, each optionally `[protocol/port]`. Default: the `right` address alone.'),
  conn('leftprotoport', 'Restricts the traffic of `leftsubnet` to a protocol and port (`17/1701`, `tcp/http`).'),
  conn('rightprotoport', 'Restricts the traffic of `rightsubnet` to a protocol and port (`17/1701`).'),
  conn('leftsourceip', 'Virtual IP this host requests (`%config`) or assigns.'),
  conn('rightsourceip', 'Virtual IP (pool) assigned to the peer (`10.3.0.0/24`, `%config`).'),
  conn('leftauth', 'How this host authenticates: `pubkey`, `psk`, `eap-…`, `xauth`.', { only: 'strongswan' }),
  conn('rightauth', 'How the peer must authenticate: `pubkey`, `psk`, `eap-mschapv2`, `eap-tls`, `xauth` … (IKEv2 lets the two directions differ).', { only: 'strongswan' }),
  conn('authby', 'Authentication of both ends: `pubkey`/`rsasig`/`ecdsasig`, `psk`/`secret` (pre-shared key from ipsec.secrets), `xauthpsk`, `xauthrsasig`, `never`.', { default: 'pubkey (strongSwan), rsasig (Libreswan)' }),
  conn('leftcert', 'This host\'s certificate file.'),
  conn('rightcert', 'The peer\'s certificate file.'),
  conn('ike', 'IKE proposals, comma-separated, each `encryption-integrity[-prf]-dhgroup` (`aes256-sha256-modp2048`, `aes256gcm16-prfsha384-ecp384`). strongSwan appends its default proposals unless the list ends with `!`.', { default: 'aes128-sha256-modp3072 (strongSwan 5.4.0+), plus the default proposals' }),
  conn('esp', 'ESP proposals, comma-separated, each `encryption-integrity[-dhgroup]` (`aes256-sha256-modp2048`); the DH group is the PFS group. strongSwan appends its default proposals unless the list ends with `!`.', { default: 'aes128-sha256 (strongSwan 5.4.0+), plus the default proposals; no PFS' }),
  conn('ah', 'AH proposals (integrity only), comma-separated.'),
  conn('phase2alg', 'Libreswan: the phase 2 (ESP/AH) algorithms, like `esp=` (`aes256-sha2_256;modp2048`).', { only: 'libreswan' }),
  conn('phase2', 'Libreswan: `esp` or `ah`.', { only: 'libreswan', default: 'esp', values: ['esp', 'ah'] }),
  conn('pfs', 'Libreswan: Perfect Forward Secrecy for the phase 2 rekey, with the IKE group unless `phase2alg` names one.', { only: 'libreswan', default: 'yes', values: YES_NO }),
  conn('ikelifetime', 'Lifetime of the IKE SA before it is rekeyed or re-authenticated (`3h`, `60m`, `28800s`).', { default: '3h (strongSwan), 8h (Libreswan)' }),
  conn('lifetime', 'Lifetime of the IPsec SA (CHILD_SA) before it is rekeyed (`1h`, `3600s`). Same as `keylife`.', { default: '1h (strongSwan)' }),
  conn('keylife', 'Lifetime of the IPsec SA; synonym of `lifetime` (strongSwan), of `salifetime` (Libreswan).', { default: '1h (strongSwan), 8h (Libreswan)' }),
  conn('salifetime', 'Libreswan: lifetime of the IPsec SA.', { only: 'libreswan', default: '8h' }),
  conn('margintime', 'How long before expiry rekeying starts (`9m`). Same as `rekeymargin`.', { default: '9m' }),
  conn('rekeymargin', 'How long before expiry rekeying starts; synonym of `margintime`.', { default: '9m' }),
  conn('rekeyfuzz', 'Random increase of the rekey margin, in percent.', { default: '100%' }),
  conn('rekey', 'Whether to rekey an SA when it expires.', { default: 'yes', values: YES_NO }),
  conn('reauth', 'IKEv2: re-authenticate (rather than only rekey) the IKE SA on expiry.', { default: 'yes', values: YES_NO, only: 'strongswan' }),
  conn('keyingtries', 'How many times to try a negotiation (`%forever`).', { default: '3' }),
  conn('dpdaction', 'Dead Peer Detection action: `none`, `clear`, `hold`, `restart`.', { default: 'none', values: ['none', 'clear', 'hold', 'restart', 'trap'] }),
  conn('dpddelay', 'Interval between DPD checks (R_U_THERE / empty INFORMATIONAL).', { default: '30s' }),
  conn('dpdtimeout', 'IKEv1: how long without answer until the peer is dead (IKEv2 uses the retransmission timeouts).', { default: '150s' }),
  conn('closeaction', 'What to do when the peer closes the CHILD_SA: `none`, `clear`, `hold`, `restart`.', { default: 'none', values: ['none', 'clear', 'hold', 'restart'] }),
  conn('aggressive', 'IKEv1 Aggressive Mode instead of Main Mode.', { default: 'no', values: YES_NO }),
  conn('mobike', 'IKEv2 MOBIKE (RFC 4555).', { default: 'yes', values: YES_NO }),
  conn('forceencaps', 'Force UDP encapsulation of ESP (NAT-T) even without NAT.', { default: 'no', values: YES_NO }),
  conn('compress', 'IPComp compression.', { default: 'no', values: YES_NO }),
  conn('fragmentation', 'IKE fragmentation: `yes`, `accept`, `force`, `no`.', { default: 'yes', values: ['yes', 'accept', 'force', 'no'] }),
  conn('leftfirewall', 'Adds iptables rules for the tunnel (updown script).', { default: 'no', values: YES_NO }),
  conn('installpolicy', 'Install the IPsec policies in the kernel.', { default: 'yes', values: YES_NO }),
  conn('mark', 'XFRM mark for route-based VPN (`mark=42`).'),
  conn('eap_identity', 'The EAP identity of the peer (`%identity`).', { only: 'strongswan' }),
  conn('xauth', 'IKEv1 XAUTH role: `client` or `server`.', { values: ['client', 'server'] }),
  conn('modeconfig', 'IKEv1 Mode Config: `push` or `pull`.', { values: ['push', 'pull'] }),
  conn('encapsulation', 'Libreswan: UDP encapsulation of ESP (`yes`, `no`, `auto`).', { only: 'libreswan', values: ['yes', 'no', 'auto'] }),
  conn('narrowing', 'Libreswan: allow IKEv2 traffic selector narrowing.', { only: 'libreswan', values: YES_NO }),
  conn('leftnexthop', 'Libreswan: next hop of the left side.', { only: 'libreswan' }),
  conn('rightnexthop', 'Libreswan: next hop of the right side.', { only: 'libreswan' }),
  conn('leftrsasigkey', 'Libreswan: the left side\'s RSA public key (`%cert`).', { only: 'libreswan' }),
  conn('rightrsasigkey', 'Libreswan: the right side\'s RSA public key.', { only: 'libreswan' }),
  cfg('charondebug', 'Debug levels of charon subsystems (`"ike 2, knl 2, cfg 2"`).', { only: 'strongswan' }),
  cfg('uniqueids', 'Whether a new IKE SA with the same identity replaces the old one (`yes`, `no`, `never`, `replace`, `keep`).', { default: 'yes' }),
  cfg('strictcrlpolicy', 'Require a fresh CRL for certificate checks.', { default: 'no' }),
  cfg('cachecrls', 'Cache fetched CRLs.', { default: 'no', values: YES_NO }),
  cfg('plutodebug', 'Libreswan: pluto debug options.', { only: 'libreswan' }),
  cfg('protostack', 'Libreswan: the kernel IPsec stack (`netkey`, `xfrm`).', { only: 'libreswan' }),
  cfg('virtual_private', 'Libreswan: networks allowed behind NAT (`%v4:10.0.0.0/8,…`).', { only: 'libreswan' }),
  cfg('logfile', 'Libreswan: log file.', { only: 'libreswan' }),
  cfg('plutostart', 'strongSwan 4: start pluto (IKEv1); ignored by 5.x.', { only: 'strongswan' }),
  { key: 'cacert', sections: ['ca'], doc: 'The CA certificate file.' },
  { key: 'crluri', sections: ['ca'], doc: 'Where to fetch the CA\'s CRL.' },
];

/** `right*` keys mirror the `left*` ones; the catalog lists what the man page lists. */
const BY_KEY: Record<string, KeyInfo> = dict(Object.fromEntries(KEYS.map((k) => [k.key, k])));

export function keyInfo(key: string, section?: string): KeyInfo | undefined {
  const k = BY_KEY[key.toLowerCase()] ?? BY_KEY[key.toLowerCase().replace(/^right/, 'left')];
  if (!k) return undefined;
  if (section && !k.sections.includes(section as KeyInfo['sections'][number])) return undefined;
  return k;
}

export function keysOf(section: string): KeyInfo[] {
  return KEYS.filter((k) => k.sections.includes(section as KeyInfo['sections'][number]));
}

export const SECTION_DOCS: Record<string, string> = dict({
  conn: 'A connection: its parameters follow on indented lines. `conn %default` gives defaults to every conn.',
  config: '`config setup`: general settings of the IKE daemon.',
  ca: 'A certification authority and where to find its CRLs.',
  include: 'Reads another file at this point (shell wildcards allowed); relative to this file\'s folder. netcfg links it but does not follow it.',
});

export function docLink(flavour: 'strongswan' | 'libreswan'): string {
  return flavour === 'libreswan' ? LIBRESWAN_MAN : STRONGSWAN_MAN;
}
