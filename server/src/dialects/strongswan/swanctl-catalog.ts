// The swanctl.conf key catalog as data: the keys of each section kind with their defaults, value choices and short
// docs, for completion and hover. Source: swanctl.conf(5), strongSwan 5.9/6.0,
// https://docs.strongswan.org/docs/latest/swanctl/swanctlConf.html. Pure data plus one lookup.

export const SWANCTL_DOC_URL = 'https://docs.strongswan.org/docs/latest/swanctl/swanctlConf.html';

/** Where a key lives: the section kinds of swanctl.conf. */
export type SwanctlContext = 'top' | 'connection' | 'local' | 'remote' | 'child' | 'secret' | 'pool' | 'authority';

export interface SwanctlKey {
  key: string;
  /** Default as swanctl.conf(5) states it; absent when there is none (required or no value). */
  default?: string;
  /** Values the key accepts, when they are a fixed set. */
  values?: readonly string[];
  doc: string;
  /** A subsection rather than a setting (`local {`, `children {`). */
  section?: boolean;
}

const YES_NO = ['yes', 'no'] as const;

const CONNECTION: readonly SwanctlKey[] = [
  { key: 'version', default: '0', values: ['0', '1', '2'], doc: 'IKE major version: `1` IKEv1, `2` IKEv2, `0` any (initiates with IKEv2, accepts both as a responder).' },
  { key: 'local_addrs', default: '%any', doc: 'Local addresses to use for IKE, comma separated (addresses, DNS names, subnets or ranges); `%any` lets the kernel choose.' },
  { key: 'remote_addrs', default: '%any', doc: 'Remote addresses to initiate to or accept IKE from, comma separated. `%any` (the default) only responds; a subnet or range limits the responders.' },
  { key: 'local_port', default: '500', doc: 'Local UDP port for IKE.' },
  { key: 'remote_port', default: '500', doc: 'Remote UDP port for IKE.' },
  { key: 'proposals', default: 'default', doc: 'IKE proposals, comma separated (`aes256-sha256-modp2048`); the keyword `default` adds charon\'s default proposals. Unlike ipsec.conf, a configured list is strict unless it includes `default`.' },
  { key: 'vips', doc: 'Virtual IPs to request as initiator (`0.0.0.0`, `::`), comma separated.' },
  { key: 'aggressive', default: 'no', values: YES_NO, doc: 'Use IKEv1 Aggressive Mode instead of Main Mode (sends the identity in the clear; needed for PSK with unknown peer addresses).' },
  { key: 'pull', default: 'yes', values: YES_NO, doc: 'IKEv1 Mode Config: pull (yes) or push (no) the configuration.' },
  { key: 'encap', default: 'no', values: YES_NO, doc: 'Force UDP encapsulation of ESP (NAT-T) even without a NAT.' },
  { key: 'mobike', default: 'yes', values: YES_NO, doc: 'Enable MOBIKE (IKEv2).' },
  { key: 'dpd_delay', default: '0s', doc: 'Interval of Dead Peer Detection checks; 0 disables DPD.' },
  { key: 'dpd_timeout', default: '0s', doc: 'IKEv1 only: time without answer before the peer is declared dead (IKEv2 uses the retransmission timeouts).' },
  { key: 'fragmentation', default: 'yes', values: ['yes', 'accept', 'force', 'no'], doc: 'IKE fragmentation (RFC 7383 for IKEv2, the proprietary one for IKEv1).' },
  { key: 'childless', default: 'allow', values: ['allow', 'force', 'never', 'prefer'], doc: 'IKEv2 IKE_SA creation without a CHILD_SA (RFC 6023).' },
  { key: 'send_certreq', default: 'yes', values: YES_NO, doc: 'Send certificate requests.' },
  { key: 'send_cert', default: 'ifasked', values: ['always', 'never', 'ifasked'], doc: 'When to send the end entity certificate.' },
  { key: 'keyingtries', default: '1', doc: 'Number of retransmission sequences before giving up; 0 retries forever.' },
  { key: 'unique', default: 'no', values: ['no', 'never', 'keep', 'replace'], doc: 'Uniqueness policy for IKE_SAs of the same identities.' },
  { key: 'reauth_time', default: '0s', doc: 'Time to schedule IKE reauthentication (0 disables it).' },
  { key: 'rekey_time', default: '4h', doc: 'Time to schedule IKE rekeying; the IKE_SA lifetime netcfg compares with the peer\'s (IKEv2 does not negotiate lifetimes).' },
  { key: 'over_time', default: '10% of rekey_time/reauth_time', doc: 'Hard IKE_SA lifetime beyond the rekey/reauth time.' },
  { key: 'rand_time', default: 'over_time', doc: 'Random time subtracted from the rekey/reauth times.' },
  { key: 'pools', doc: 'Address pools (names from `pools {}`) for virtual IPs to assign to clients.' },
  { key: 'if_id_in', default: '0', doc: 'XFRM interface id of inbound policies/SAs (route-based VPN).' },
  { key: 'if_id_out', default: '0', doc: 'XFRM interface id of outbound policies/SAs.' },
  { key: 'dscp', default: '000000', doc: 'DSCP value of IKE packets (6 binary digits).' },
  { key: 'mediation', default: 'no', values: YES_NO, doc: 'Whether this connection is a mediation connection.' },
  { key: 'ppk_id', doc: 'Postquantum preshared key identity (RFC 8784).' },
  { key: 'ppk_required', default: 'no', values: YES_NO, doc: 'Whether a PPK is required.' },
  { key: 'local', section: true, doc: 'Local authentication round (`local`, or several rounds `local-1`, `local-2`).' },
  { key: 'remote', section: true, doc: 'Remote authentication round (`remote`, or several rounds `remote-1`, …).' },
  { key: 'children', section: true, doc: 'The CHILD_SAs (IPsec SAs) of this connection, one subsection each.' },
];

const AUTH = ['psk', 'pubkey', 'rsa', 'ecdsa', 'eap', 'eap-mschapv2', 'eap-tls', 'eap-md5', 'eap-radius', 'xauth', 'xauth-generic'] as const;

const LOCAL: readonly SwanctlKey[] = [
  { key: 'round', default: '0', doc: 'Order of this round among several authentication rounds.' },
  { key: 'certs', doc: 'Certificate files (in /etc/swanctl/x509) to authenticate with.' },
  { key: 'pubkeys', doc: 'Raw public key files to authenticate with.' },
  { key: 'auth', default: 'pubkey', values: AUTH, doc: 'Authentication to perform: `pubkey` (certificates), `psk` (pre-shared key from `secrets`), `eap-*`, `xauth*` (IKEv1, after pubkey/psk).' },
  { key: 'id', default: 'the IP address of the local end', doc: 'IKE identity to use (address, FQDN, `user@fqdn`, DN). With `auth = psk` it also selects the key in `secrets`.' },
  { key: 'eap_id', default: 'id', doc: 'Client EAP identity.' },
  { key: 'aaa_id', default: 'remote id', doc: 'Server identity for EAP authentication.' },
  { key: 'xauth_id', default: 'id', doc: 'Client XAuth username.' },
];

const REMOTE: readonly SwanctlKey[] = [
  { key: 'round', default: '0', doc: 'Order of this round among several authentication rounds.' },
  { key: 'id', default: '%any', doc: 'IKE identity the peer must send (`%any` accepts any). With `auth = psk` it selects the key in `secrets`.' },
  { key: 'eap_id', default: 'id', doc: 'Identity to use as peer identity during EAP.' },
  { key: 'groups', doc: 'Authorization groups the peer must be a member of.' },
  { key: 'cert_policy', doc: 'Certificate policy OIDs the peer certificate must have.' },
  { key: 'certs', doc: 'Certificates the peer must use.' },
  { key: 'cacerts', doc: 'CA certificates the peer\'s certificate must chain to.' },
  { key: 'ca_id', doc: 'Identity of a CA the peer\'s certificate must chain to.' },
  { key: 'pubkeys', doc: 'Raw public keys the peer must use.' },
  { key: 'revocation', default: 'relaxed', values: ['strict', 'ifuri', 'relaxed'], doc: 'Certificate revocation policy.' },
  { key: 'auth', default: 'pubkey', values: AUTH, doc: 'Authentication the peer must perform (`psk`, `pubkey`, `eap-*`, …).' },
];

const CHILD: readonly SwanctlKey[] = [
  { key: 'esp_proposals', default: 'default', doc: 'ESP proposals (`aes256-sha256-modp2048`, `aes128gcm16`); a DH group in a proposal is the PFS group. `default` adds charon\'s defaults (without PFS); a configured list is strict.' },
  { key: 'ah_proposals', doc: 'AH proposals: protect the traffic with AH instead of ESP.' },
  { key: 'local_ts', default: 'dynamic', doc: 'Local traffic selectors, comma separated: `10.1.0.0/16`, `dynamic` (the IKE address), with an optional `[protocol/port]`.' },
  { key: 'remote_ts', default: 'dynamic', doc: 'Remote traffic selectors, comma separated; they must mirror the peer\'s local selectors (charon narrows to a common subset).' },
  { key: 'rekey_time', default: '1h', doc: 'Time to schedule CHILD_SA rekeying (the phase 2 lifetime netcfg compares).' },
  { key: 'life_time', default: 'rekey_time + 10%', doc: 'Hard lifetime of the CHILD_SA.' },
  { key: 'rand_time', default: 'life_time - rekey_time', doc: 'Random time subtracted from the rekey time.' },
  { key: 'rekey_bytes', default: '0', doc: 'Bytes processed before rekeying.' },
  { key: 'life_bytes', default: 'rekey_bytes + 10%', doc: 'Bytes processed before the CHILD_SA expires.' },
  { key: 'rekey_packets', default: '0', doc: 'Packets processed before rekeying.' },
  { key: 'life_packets', default: 'rekey_packets + 10%', doc: 'Packets processed before the CHILD_SA expires.' },
  { key: 'updown', doc: 'Updown script to run on CHILD_SA up/down events.' },
  { key: 'hostaccess', default: 'no', values: YES_NO, doc: 'Allow access to the local host itself through the tunnel (updown script).' },
  { key: 'mode', default: 'tunnel', values: ['tunnel', 'transport', 'transport_proxy', 'beet', 'pass', 'drop'], doc: 'IPsec mode; `pass` and `drop` install bypass/drop policies instead of an SA.' },
  { key: 'policies', default: 'yes', values: YES_NO, doc: 'Install IPsec policies (no: route-based setups with XFRM interfaces or VTIs).' },
  { key: 'dpd_action', default: 'clear', values: ['clear', 'trap', 'restart', 'none'], doc: 'What to do with the CHILD_SA when DPD declares the peer dead.' },
  { key: 'ipcomp', default: 'no', values: YES_NO, doc: 'Enable IPComp.' },
  { key: 'inactivity', default: '0s', doc: 'Close the CHILD_SA after this much time without traffic.' },
  { key: 'reqid', default: '0', doc: 'Fixed reqid of the CHILD_SA.' },
  { key: 'priority', default: '0', doc: 'Fixed priority of the installed policies.' },
  { key: 'interface', doc: 'Interface the policies are restricted to.' },
  { key: 'mark_in', default: '0/0x00000000', doc: 'Netfilter mark on inbound SAs/policies.' },
  { key: 'mark_out', default: '0/0x00000000', doc: 'Netfilter mark on outbound SAs/policies.' },
  { key: 'if_id_in', default: '0', doc: 'XFRM interface id of inbound policies/SAs.' },
  { key: 'if_id_out', default: '0', doc: 'XFRM interface id of outbound policies/SAs.' },
  { key: 'tfc_padding', default: '0', doc: 'Traffic Flow Confidentiality padding.' },
  { key: 'replay_window', default: '32', doc: 'IPsec replay window size.' },
  { key: 'hw_offload', default: 'no', values: ['yes', 'no', 'auto', 'crypto', 'packet'], doc: 'Hardware offload of the SA.' },
  { key: 'start_action', default: 'none', values: ['none', 'trap', 'start', 'trap|start'], doc: 'What happens when the config is loaded: `start` initiates, `trap` installs a trap policy that initiates on traffic, `none` only responds.' },
  { key: 'close_action', default: 'none', values: ['none', 'trap', 'start'], doc: 'What happens when the peer closes the CHILD_SA.' },
  { key: 'sha256_96', default: 'no', values: YES_NO, doc: 'Use the truncated 96-bit HMAC-SHA-256 (interop with old Linux peers).' },
];

const SECRET: readonly SwanctlKey[] = [
  { key: 'id', doc: 'Identity the secret belongs to (`id`, `id-1`, `id-foo` …, several allowed); charon picks the secret whose identities best match both ends. Without an id the secret serves every peer.' },
  { key: 'secret', doc: 'The secret: a quoted string, `0x` hex or `0s` base64. netcfg never shows it.' },
  { key: 'file', doc: 'Private key file (in /etc/swanctl/private, …).' },
];

const POOL: readonly SwanctlKey[] = [
  { key: 'addrs', doc: 'Addresses of the pool: a subnet, a range or a single address.' },
  { key: 'dns', doc: 'DNS servers to assign.' },
  { key: 'nbns', doc: 'WINS servers to assign.' },
  { key: 'split_include', doc: 'Networks to tunnel (Unity split-include).' },
  { key: 'split_exclude', doc: 'Networks to exclude from the tunnel.' },
];

const AUTHORITY: readonly SwanctlKey[] = [
  { key: 'cacert', doc: 'CA certificate file.' },
  { key: 'file', doc: 'CA certificate file (alias).' },
  { key: 'crl_uris', doc: 'CRL distribution points.' },
  { key: 'ocsp_uris', doc: 'OCSP URIs.' },
  { key: 'cert_uri_base', doc: 'Base URI for Hash-and-URL certificates.' },
];

const TOP: readonly SwanctlKey[] = [
  { key: 'connections', section: true, doc: 'IKE connections, one subsection per connection (`connections { NAME { … } }`).' },
  { key: 'secrets', section: true, doc: 'Secrets: `ike-NAME { id = …, secret = … }` pre-shared keys, `eap-`, `xauth-`, `private-` …' },
  { key: 'pools', section: true, doc: 'Virtual IP address pools.' },
  { key: 'authorities', section: true, doc: 'Certification authorities and their CRL/OCSP URIs.' },
  { key: 'include', doc: 'Include further files (a glob pattern, relative to this file).' },
];

export const SWANCTL_KEYS: Readonly<Record<SwanctlContext, readonly SwanctlKey[]>> = {
  top: TOP,
  connection: CONNECTION,
  local: LOCAL,
  remote: REMOTE,
  child: CHILD,
  secret: SECRET,
  pool: POOL,
  authority: AUTHORITY,
};

/** The context of a section path (`['connections', 'gw', 'children', 'net']` → `child`), or undefined. */
export function contextOf(path: readonly string[]): SwanctlContext | undefined {
  const n = path.length;
  if (n === 0) return 'top';
  const [a] = path;
  if (a === 'connections') {
    if (n === 2) return 'connection';
    if (n === 3 && /^local/.test(path[2])) return 'local';
    if (n === 3 && /^remote/.test(path[2])) return 'remote';
    if (n === 4 && path[2] === 'children') return 'child';
    return undefined;
  }
  if (a === 'secrets' && n === 2) return 'secret';
  if (a === 'pools' && n === 2) return 'pool';
  if (a === 'authorities' && n === 2) return 'authority';
  return undefined;
}

/** The catalog entry of `key` in `context`; `id-1`/`id-foo` in a secret are `id`. */
export function keyDoc(context: SwanctlContext, key: string): SwanctlKey | undefined {
  const k = context === 'secret' && /^id/.test(key) ? 'id' : key;
  return SWANCTL_KEYS[context].find((e) => e.key === k);
}
