// Simulates the negotiation between two matched IPsec peers on the neutral model: IKE version and exchange
// mode, phase 1 proposal intersection, key selection, phase 2 + PFS, traffic selectors and lifetimes
// (interop-rules §1–§3, §9). Pure functions; imports only model/.

import * as model from '../../model';
import { acceptsMainMode, keyFor, usesPsk, type PeerMatch } from './match';

/** Is the phase 1 proposal pair acceptable to both ends (same auth, and a common enc/hash/DH)? */
export function phase1Compatible(x: model.Phase1Proposal, y: model.Phase1Proposal): boolean {
  if (x.auth.value !== y.auth.value) return false;
  return (
    x.encryption.value.some((e) => y.encryption.value.some((f) => model.encryptionCompatible(e, f))) &&
    x.hash.value.some((h) => y.hash.value.includes(h)) &&
    x.dh.value.some((d) => y.dh.value.includes(d))
  );
}

/** The first pair of proposals both ends accept, walking `a`'s proposals in priority order. */
export function commonPhase1(a: readonly model.Phase1Proposal[], b: readonly model.Phase1Proposal[]): [model.Phase1Proposal, model.Phase1Proposal] | undefined {
  for (const x of byPriority(a)) for (const y of byPriority(b)) if (phase1Compatible(x, y)) return [x, y];
  return undefined;
}

function byPriority<T extends { priority?: number }>(list: readonly T[]): T[] {
  return [...list].sort((p, q) => (p.priority ?? 0) - (q.priority ?? 0));
}

const AEAD = /^(aes-gcm|aes-ccm|chacha20)/;

function integrityList(p: model.Phase2Proposal): string[] {
  return p.integrity.value.length ? p.integrity.value : ['none'];
}

/** Phase 2 (ESP/AH transform) agreement. `ciscoA`/`ciscoB`: that end is IOS, whose `mode transport` is only a request. */
export function phase2Compatible(x: model.Phase2Proposal, y: model.Phase2Proposal, iosX = false, iosY = false, swanX = false, swanY = false): boolean {
  if (x.protocol.value !== y.protocol.value) return false;
  if (x.mode.value !== y.mode.value) {
    // IOS transform sets with `mode transport` fall back to tunnel mode when the peer asks for it. A strongSwan
    // tunnel-mode CHILD_SA accepts the peer's transport-mode request (USE_TRANSPORT_MODE) for host-to-host
    // selectors (Libreswan's interop-ikev2-strongswan-21-transport-02 test: Libreswan type=transport against a
    // strongSwan responder without `mode`), so that difference is not certain to fail either.
    const xOk = (iosX && x.mode.value === 'transport') || (swanX && x.mode.value === 'tunnel');
    const yOk = (iosY && y.mode.value === 'transport') || (swanY && y.mode.value === 'tunnel');
    if (!xOk && !yOk) return false;
  }
  if (x.protocol.value === 'esp') {
    const enc = x.encryption.value.filter((e) => y.encryption.value.some((f) => model.encryptionCompatible(e, f)));
    if (enc.length === 0) return false;
    if (enc.some((e) => AEAD.test(e))) return true;
  }
  const iy = integrityList(y);
  return integrityList(x).some((i) => iy.includes(i));
}

export function commonPhase2(m: PeerMatch): [model.Phase2Proposal, model.Phase2Proposal] | undefined {
  const iosA = m.A.dialect === 'cisco-ios';
  const iosB = m.B.dialect === 'cisco-ios';
  // strongSwan's charon, not Libreswan's pluto (same dialect, told apart by platformVersion).
  const swanA = m.A.dialect === 'strongswan' && m.A.platformVersion !== 'Libreswan';
  const swanB = m.B.dialect === 'strongswan' && m.B.platformVersion !== 'Libreswan';
  for (const x of m.a.phase2) for (const y of m.b.phase2) if (phase2Compatible(x, y, iosA, iosB, swanA, swanB)) return [x, y];
  return undefined;
}

/** PFS groups a platform can be configured with at all, when it is limited (Meraki MX: disabled, 1, 2, 5, 14 [S11]). */
export function pfsChoices(device: model.Device): ReadonlySet<string> | undefined {
  if (/meraki/i.test(device.platformVersion ?? '')) return new Set(['none', 'modp768', 'modp1024', 'modp1536', 'modp2048']);
  return undefined;
}

export type PskStatus = 'ok' | 'n/a' | 'mismatch' | 'case-or-space' | 'unverifiable' | 'missing';

export interface PskVerdict {
  status: PskStatus;
  /** Key A selects for B, and B for A. */
  keyA?: model.PresharedKey;
  keyB?: model.PresharedKey;
  /** Which ends lack a key (status 'missing'). */
  missingA?: boolean;
  missingB?: boolean;
  /** IKEv2 asymmetric keys (either end has `PresharedKey.remote`): each direction whose two keys differ. */
  directions?: PskDirection[];
}

/** One authentication direction: `signer`'s local key against the key the other end expects from it. */
export interface PskDirection {
  signer: 'a' | 'b';
  local: model.Secret;
  remote: model.Secret;
  status: 'mismatch' | 'case-or-space';
}

export function pskVerdict(m: PeerMatch): PskVerdict {
  const pskA = usesPsk(m.a);
  const pskB = usesPsk(m.b);
  if (!pskA || !pskB) return { status: 'n/a' };
  const aggressive = m.a.exchangeMode.value === 'aggressive' && m.b.exchangeMode.value === 'aggressive';
  const keyA = keyFor(m.A, m.a, m.bAddress, aggressive);
  const keyB = keyFor(m.B, m.b, m.aAddress, aggressive);
  if (!keyA || !keyB) return { status: 'missing', keyA, keyB, missingA: !keyA, missingB: !keyB };
  if (keyA.remote || keyB.remote) return asymmetricPsk(keyA, keyB);
  const cmp = model.compareSecrets(keyA.secret, keyB.secret);
  const status: PskStatus = cmp === 'equal' ? 'ok' : cmp === 'different' ? 'mismatch' : cmp;
  return { status, keyA, keyB };
}

/**
 * IKEv2 keys may differ per direction (RFC 7296 §2.15: each end computes its AUTH payload with its own key): A's
 * local key must equal the key B expects from A, and B's local key the key A expects from B.
 */
function asymmetricPsk(keyA: model.PresharedKey, keyB: model.PresharedKey): PskVerdict {
  const dirs = [
    { signer: 'a' as const, local: keyA.secret, remote: keyB.remote?.secret ?? keyB.secret },
    { signer: 'b' as const, local: keyB.secret, remote: keyA.remote?.secret ?? keyA.secret },
  ];
  const directions: PskDirection[] = [];
  let unverifiable = false;
  for (const d of dirs) {
    const cmp = model.compareSecrets(d.local, d.remote);
    if (cmp === 'unverifiable') unverifiable = true;
    else if (cmp !== 'equal') directions.push({ ...d, status: cmp === 'different' ? 'mismatch' : 'case-or-space' });
  }
  const status: PskStatus = directions.some((d) => d.status === 'mismatch') ? 'mismatch' : directions.length ? 'case-or-space' : unverifiable ? 'unverifiable' : 'ok';
  return { status, keyA, keyB, directions };
}

export interface PfsVerdict {
  status: 'ok' | 'warning' | 'error';
  /** Why, in words; empty when ok. */
  reason: string;
}

/** PFS rules of interop-rules §2 (mismatch FATAL, asymmetry WARN, the OpenBSD/Meraki traps FATAL). */
export function pfsVerdict(m: PeerMatch): PfsVerdict {
  const pa = m.a.pfs.value;
  const pb = m.b.pfs.value;
  if (pa === pb) return { status: 'ok', reason: '' };
  if (pa !== 'none' && pb !== 'none') {
    // An end whose PFS group is the IKE SA's negotiated group agrees whenever the other's group is one of its IKE groups.
    const followsTo = (p: model.IpsecPeer, g: string) => p.pfsFollowsIke === true && p.phase1.some((x) => x.dh.value.includes(g));
    if (followsTo(m.a, pb) || followsTo(m.b, pa)) return { status: 'ok', reason: '' };
    return { status: 'error', reason: `both ends require PFS, with different groups (${model.dhLabel(pa)} vs ${model.dhLabel(pb)}): quick mode fails with NO_PROPOSAL_CHOSEN` };
  }
  // Exactly one end (X) wants PFS group g; the other (Y) has none.
  const xIsA = pa !== 'none';
  const g = xIsA ? pa : pb;
  const [X, Y] = xIsA ? [m.A, m.B] : [m.B, m.A];
  const xInit = xIsA ? m.aInitiates : m.bInitiates;
  const yInit = xIsA ? m.bInitiates : m.aInitiates;
  const choices = pfsChoices(Y);
  if (choices && !choices.has(g)) {
    return { status: 'error', reason: `${X.name} requires PFS ${model.dhLabel(g)}, which ${Y.name} cannot offer at all (its PFS choices: ${[...choices].join(', ')})` };
  }
  if (yInit && !xInit) {
    return { status: 'error', reason: `${X.name} only responds and requires PFS ${model.dhLabel(g)}; ${Y.name}, the initiator, offers no PFS, so quick mode fails` };
  }
  const dflt = (xIsA ? m.a.pfs : m.b.pfs).default;
  return {
    status: 'warning',
    reason:
      `PFS asymmetry: ${X.name} uses PFS ${model.dhLabel(g)}${dflt ? ` (default: ${dflt})` : ''}, ${Y.name} none. ` +
      `It comes up when ${X.name} initiates and the other end accepts the PFS offer, but fails when ${Y.name} initiates without PFS`,
  };
}

/** Traffic selector in canonical form for comparison. */
interface NormSelector {
  local: string;
  remote: string;
  protocol: string;
  localPort?: string;
  remotePort?: string;
  src: model.Selector;
}

export function normPrefix(text: string): string {
  const t = text.trim().toLowerCase();
  if (t === 'any' || t === '0.0.0.0/0' || t === '') return '0.0.0.0/0';
  if (t === 'any6' || t === '::/0') return '::/0';
  return model.canonicalPrefix(t) ?? t;
}

export function normProto(p: string): string {
  const t = p.trim().toLowerCase();
  return t === '' || t === 'ip' || t === 'any' || t === 'all' || t === '0' || t === 'ipv4' || t === '255' ? 'ip' : t === '6' ? 'tcp' : t === '17' ? 'udp' : t === '47' ? 'gre' : t;
}

export function normPort(p: string | undefined): string | undefined {
  if (p === undefined) return undefined;
  const t = p.trim().toLowerCase();
  return t === '' || t === 'any' || t === '0' ? undefined : t;
}

function norm(s: model.Selector): NormSelector {
  return { local: normPrefix(s.local), remote: normPrefix(s.remote), protocol: normProto(s.protocol), localPort: normPort(s.localPort), remotePort: normPort(s.remotePort), src: s };
}

function contains(outer: string, inner: string): boolean {
  return outer === inner || model.prefixContains(outer, inner);
}

/** Is `t` (other end) exactly the mirror image of `s`? */
function mirrors(s: NormSelector, t: NormSelector): boolean {
  return t.local === s.remote && t.remote === s.local && t.protocol === s.protocol && t.localPort === s.remotePort && t.remotePort === s.localPort;
}

/** Does `t` (other end) cover the mirror of `s`? */
function coversMirror(t: NormSelector, s: NormSelector): boolean {
  return (
    contains(t.local, s.remote) &&
    contains(t.remote, s.local) &&
    (t.protocol === 'ip' || t.protocol === s.protocol) &&
    (t.localPort === undefined || t.localPort === s.remotePort) &&
    (t.remotePort === undefined || t.remotePort === s.localPort)
  );
}

/** Does `t` (other end) share traffic with the mirror of `s` (prefixes overlap when one contains the other)? */
function intersectsMirror(t: NormSelector, s: NormSelector): boolean {
  const meet = (x: string, y: string) => contains(x, y) || contains(y, x);
  return meet(t.local, s.remote) && meet(t.remote, s.local) && (t.protocol === 'ip' || s.protocol === 'ip' || t.protocol === s.protocol);
}

export interface SelectorIssue {
  /** The selector on side `side` that has no exact mirror on the other end. */
  selector: model.Selector;
  side: 'a' | 'b';
  severity: 'error' | 'warning';
  /** The other end's overlapping selector, when one overlaps. */
  partner?: model.Selector;
}

/**
 * Selector mirror check (TS-1, U-8). Nothing when both ends derive their selectors from a protected tunnel (two VTIs
 * propose any ↔ any, two GRE ends the GRE packets between them), for L2TP or templates, or when a side has none;
 * a protected tunnel against a crypto map is compared (a VTI's any ↔ any against an ACL of subnets does not mirror).
 */
export function selectorIssues(m: PeerMatch): SelectorIssue[] {
  const skip = (p: model.IpsecPeer) => p.kind === 'l2tp' || p.selectors.length === 0;
  if (skip(m.a) || skip(m.b) || (m.a.kind === 'tunnel-protection' && m.b.kind === 'tunnel-protection')) return [];
  const na = m.a.selectors.map(norm);
  const nb = m.b.selectors.map(norm);
  // What the other end can answer with: its peer's selectors, plus those of its sibling connections to the same
  // address on a strongSwan or OpenBSD end (IKEv1 takes one connection per flow; charon answers each quick mode with
  // the connection whose selectors fit, and isakmpd with the `ike` rule to that peer whose flow fits: ipsecctl's
  // `proto` takes one protocol, so an ACL of tcp and icmp lines is two rules).
  const theirsA = [...na, ...siblingSelectors(m.A, m.a)];
  const theirsB = [...nb, ...siblingSelectors(m.B, m.b)];
  const res: SelectorIssue[] = [];
  const narrow = m.a.narrowsSelectors === true || m.b.narrowsSelectors === true;
  const scan = (mine: NormSelector[], theirs: NormSelector[], side: 'a' | 'b') => {
    for (const s of mine) {
      if (theirs.some((t) => mirrors(s, t))) continue;
      const overlap = theirs.find((t) => coversMirror(t, s) || coversMirror(s, t) || (narrow && intersectsMirror(t, s)));
      res.push({ selector: s.src, side, severity: overlap ? 'warning' : 'error', partner: overlap?.src });
    }
  };
  scan(na, theirsB, 'a');
  scan(nb, theirsA, 'b');
  return res;
}

/** A strongSwan or OpenBSD device's connections by remote address (canonical), built once per device. */
const strongswanByRemote = new WeakMap<model.Device, Map<string, model.IpsecPeer[]>>();

/** Selectors of the other connections (rules) of a strongSwan or OpenBSD device to the same remote address as `p`. */
function siblingSelectors(d: model.Device, p: model.IpsecPeer): NormSelector[] {
  if ((d.dialect !== 'strongswan' && d.dialect !== 'openbsd-ipsec') || !p.remote) return [];
  let index = strongswanByRemote.get(d);
  if (!index) {
    index = new Map();
    for (const q of d.ipsecPeers) {
      if (!q.remote) continue;
      const key = model.canonicalAddress(q.remote.value) ?? q.remote.value;
      const list = index.get(key);
      if (list) list.push(q);
      else index.set(key, [q]);
    }
    strongswanByRemote.set(d, index);
  }
  const res: NormSelector[] = [];
  for (const q of index.get(model.canonicalAddress(p.remote.value) ?? p.remote.value) ?? []) if (q !== p) for (const sel of q.selectors) res.push(norm(sel));
  return res;
}

export function describeSelector(s: model.Selector): string {
  const proto = normProto(s.protocol);
  const port = (p?: string) => (normPort(p) ? `:${p}` : '');
  return `${normPrefix(s.local)}${port(s.localPort)} → ${normPrefix(s.remote)}${port(s.remotePort)}${proto === 'ip' ? '' : ` (${proto})`}`;
}

function mark<T>(v: model.Value<T>, text: string): string {
  return v.default ? `${text} (default)` : text;
}

/** `aes-cbc-256/sha1/modp1024 (group 2)/psk, 86400 s` with defaults marked. */
export function describePhase1(p: model.Phase1Proposal): string {
  return [
    mark(p.encryption, p.encryption.value.join(',') || '?'),
    mark(p.hash, p.hash.value.join(',') || '?'),
    mark(p.dh, p.dh.value.map(model.dhLabel).join(',') || '?'),
    mark(p.auth, p.auth.value),
  ].join(' / ') + `, ${mark(p.lifetime, `${p.lifetime.value} s`)}`;
}

export function describePhase2(p: model.Phase2Proposal): string {
  const parts = [mark(p.protocol, p.protocol.value)];
  if (p.protocol.value === 'esp') parts.push(mark(p.encryption, p.encryption.value.join(',') || 'null'));
  parts.push(mark(p.integrity, integrityList(p).join(',')));
  parts.push(mark(p.mode, p.mode.value));
  return parts.join(' / ');
}

export function describePhase1List(list: readonly model.Phase1Proposal[]): string {
  return list.length ? byPriority(list).map((p) => `${p.label}: ${describePhase1(p)}`).join('; ') : '(none)';
}

export function describePhase2List(list: readonly model.Phase2Proposal[]): string {
  return list.length ? list.map((p) => `${p.label}: ${describePhase2(p)}`).join('; ') : '(none)';
}

/** Everything known about one tunnel, for findings, hover and lens. */
export interface Verdict {
  version: boolean;
  /** Exchange mode agreement (IKEv1 only; true for IKEv2). */
  mode: boolean;
  /** undefined when either side has no phase 1 proposal modelled. */
  phase1?: [model.Phase1Proposal, model.Phase1Proposal] | null;
  psk: PskVerdict;
  phase2?: [model.Phase2Proposal, model.Phase2Proposal] | null;
  pfs: PfsVerdict;
  selectors: SelectorIssue[];
}

/** Whether responder `r` answers `x`'s IKE version (its own, or one of `ikeVersions`). */
function answersVersion(r: model.IpsecPeer, x: model.IpsecPeer): boolean {
  return r.ikeVersion.value === x.ikeVersion.value || (r.ikeVersions?.includes(x.ikeVersion.value) ?? false);
}

export function negotiate(m: PeerMatch): Verdict {
  // Versions agree when they are equal, or when one end also answers the other's version as a responder (strongSwan
  // `keyexchange=ike`): the tunnel then comes up at least when that other end initiates.
  const version = m.a.ikeVersion.value === m.b.ikeVersion.value || answersVersion(m.a, m.b) || answersVersion(m.b, m.a);
  const mode =
    !version ||
    m.a.ikeVersion.value === 2 ||
    m.a.exchangeMode.value === m.b.exchangeMode.value ||
    (m.a.exchangeMode.value === 'main' && acceptsMainMode(m.b)) ||
    (m.b.exchangeMode.value === 'main' && acceptsMainMode(m.a));
  const phase1 = m.a.phase1.length && m.b.phase1.length ? commonPhase1(m.a.phase1, m.b.phase1) ?? null : undefined;
  const phase2 = m.a.phase2.length && m.b.phase2.length ? commonPhase2(m) ?? null : undefined;
  return { version, mode, phase1, psk: pskVerdict(m), phase2, pfs: pfsVerdict(m), selectors: selectorIssues(m) };
}
