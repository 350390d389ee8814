// The cross-file IPsec verdicts (`ipsec/*` codes): for every tunnel between two devices, report why it will
// not come up on BOTH ends, with related information pointing at the other end and quick fixes built from the
// Setters the dialects attach. Imports only model/ and this folder.

import * as model from '../../model';
import type { TextRange } from '../../syntax';
import type { AnalysisContext, DeviceCheck, PairCheck } from '../types';
import { matchPeers, type PeerMatch } from './match';
import { describePhase1List, describePhase2List, describeSelector, negotiate, normPort, normPrefix, normProto, type PskDirection, type SelectorIssue, type Verdict } from './negotiate';

type Side = 'a' | 'b';

/** One end of a tunnel as seen from that end. */
interface End {
  dev: model.Device;
  peer: model.IpsecPeer;
  other: model.Device;
  otherPeer: model.IpsecPeer;
}

function ends(m: PeerMatch): Record<Side, End> {
  return {
    a: { dev: m.A, peer: m.a, other: m.B, otherPeer: m.b },
    b: { dev: m.B, peer: m.b, other: m.A, otherPeer: m.a },
  };
}

/** A quick fix, or nothing when the dialect offers no Setter or the Setter cannot express the value. */
function fix(title: string, edits: model.Edit[] | undefined, isPreferred = false): model.FixIntent[] {
  return edits && edits.length ? [{ title, edits, isPreferred }] : [];
}

function safe<T>(setter: model.Setter<T> | undefined, value: T): model.Edit[] | undefined {
  if (!setter) return undefined;
  try {
    return setter(value);
  } catch {
    return undefined;
  }
}

/**
 * A wildcard responder (dynamic map, mGRE hub, `0.0.0.0/0` peer) serves every other peer with the same settings:
 * changing it to suit one partner breaks the others, so the fix on the partner is the preferred one.
 */
function shared(p: model.IpsecPeer): boolean {
  return p.remote === undefined;
}

/** "Make this side match X" + "Make X match this side", each from its own end's setter. */
function matchFixes(e: End, mine: model.Edit[] | undefined, theirs: model.Edit[] | undefined): model.FixIntent[] {
  const mineFirst = !shared(e.peer) || shared(e.otherPeer);
  return [...fix(`Make this side match ${e.other.name}`, mine, mineFirst), ...fix(`Make ${e.other.name} match this side`, theirs, !mineFirst)];
}

/** Is the key shared by several peers (a wildcard or subnet key, e.g. `address 0.0.0.0 0.0.0.0`)? */
function sharedKey(k: model.PresharedKey | undefined): boolean {
  const p = k && model.parsePrefix(k.peer);
  return p !== undefined && p.length < (p.family === 4 ? 32 : 128);
}

function finding(e: End, range: TextRange, severity: model.Finding['severity'], code: string, message: string, related: model.RelatedLocation[], fixes: model.FixIntent[], uri = e.dev.uri): model.Finding {
  return { uri, range: { start: range.start, end: range.end }, severity, code, message, related, fixes };
}

function rel(e: End, range: TextRange | undefined, message: string, uri = e.other.uri): model.RelatedLocation {
  return { uri, range: range ?? e.otherPeer.range, message };
}

function byPriority<T extends { priority?: number }>(list: readonly T[]): T[] {
  return [...list].sort((p, q) => (p.priority ?? 0) - (q.priority ?? 0));
}

function firstP1(p: model.IpsecPeer): model.Phase1Proposal | undefined {
  return byPriority(p.phase1)[0];
}

/** A concrete value a Setter can write for a canonical list (OpenBSD `aes` offers AES-128). */
function concreteEnc(list: readonly string[]): string | undefined {
  const e = list[0];
  return e === model.AES_ANY ? 'aes-cbc-128' : e;
}

function p1Fix(target: model.IpsecPeer, from: model.IpsecPeer): model.Edit[] | undefined {
  const src = firstP1(from);
  const dst = firstP1(target);
  if (!src || !dst || src.auth.value !== dst.auth.value) return undefined;
  const encryption = concreteEnc(src.encryption.value);
  const hash = src.hash.value[0];
  const dh = src.dh.value[0];
  if (!encryption || !hash || !dh) return undefined;
  return safe(target.setPhase1, { encryption, hash, dh });
}

function p2Fix(target: model.IpsecPeer, from: model.IpsecPeer): model.Edit[] | undefined {
  const src = from.phase2[0];
  const dst = target.phase2[0];
  if (!src || !dst || src.protocol.value !== dst.protocol.value) return undefined;
  const encryption = concreteEnc(src.encryption.value) ?? 'null';
  const integrity = src.integrity.value[0] ?? 'none';
  return safe(target.setPhase2, { encryption, integrity });
}

function pfsFix(target: model.IpsecPeer, value: string): model.Edit[] | undefined {
  return safe(target.setPfs, value) ?? safe(target.pfs.set, value);
}

function anchorP1(p: model.IpsecPeer): TextRange {
  return firstP1(p)?.range ?? p.range;
}

function anchorP2(p: model.IpsecPeer): TextRange {
  return p.phase2[0]?.range ?? p.range;
}

/** Findings of one tunnel, on both ends. */
export function tunnelFindings(m: PeerMatch, v: Verdict = negotiate(m)): model.Finding[] {
  const E = ends(m);
  const out: model.Finding[] = [];
  const sides: Side[] = ['a', 'b'];

  if (!v.version) {
    for (const s of sides) {
      const e = E[s];
      const mine = e.peer.ikeVersion;
      const theirs = e.otherPeer.ikeVersion;
      out.push(
        finding(
          e,
          mine.range ?? e.peer.range,
          'error',
          'ipsec/ike-version-mismatch',
          `${e.peer.label} speaks IKEv${mine.value}${mine.default ? ` (default: ${mine.default})` : ''} but ${e.other.name} (${e.otherPeer.label}) speaks IKEv${theirs.value}: the responder drops the other version's packets and phase 1 never starts.`,
          [rel(e, theirs.range, `${e.other.name} uses IKEv${theirs.value} here`)],
          matchFixes(e, safe(mine.set, theirs.value), safe(theirs.set, mine.value)),
        ),
      );
    }
  } else if (!v.mode) {
    for (const s of sides) {
      const e = E[s];
      const mine = e.peer.exchangeMode;
      const theirs = e.otherPeer.exchangeMode;
      out.push(
        finding(
          e,
          mine.range ?? e.peer.range,
          'error',
          'ipsec/exchange-mode-mismatch',
          `${e.peer.label} uses IKEv1 ${mine.value} mode${mine.default ? ` (default: ${mine.default})` : ''} but ${e.other.name} uses ${theirs.value} mode: phase 1 never completes.`,
          [rel(e, theirs.range, `${e.other.name} uses ${theirs.value} mode here`)],
          matchFixes(e, safe(mine.set, theirs.value), safe(theirs.set, mine.value)),
        ),
      );
    }
  }

  if (v.phase1 === null) {
    for (const s of sides) {
      const e = E[s];
      out.push(
        finding(
          e,
          anchorP1(e.peer),
          'error',
          'ipsec/ike-proposal-mismatch',
          `No IKE phase 1 proposal in common with ${e.other.name}: this side offers ${describePhase1List(e.peer.phase1)}; ${e.other.name} (${e.otherPeer.label}) offers ${describePhase1List(e.otherPeer.phase1)}. Encryption with key length, hash, DH group and authentication method must all match (NO_PROPOSAL_CHOSEN).`,
          [rel(e, anchorP1(e.otherPeer), `${e.other.name}'s phase 1 proposal`)],
          matchFixes(e, p1Fix(e.peer, e.otherPeer), p1Fix(e.otherPeer, e.peer)),
        ),
      );
    }
  } else if (v.phase1 && v.version) {
    for (const f of lifetimeFindings(m, E, v.phase1)) out.push(f);
  }

  for (const f of pskFindings(E, v)) out.push(f);

  if (v.phase2 === null) {
    for (const s of sides) {
      const e = E[s];
      out.push(
        finding(
          e,
          anchorP2(e.peer),
          'error',
          'ipsec/esp-proposal-mismatch',
          `No phase 2 proposal in common with ${e.other.name}: this side offers ${describePhase2List(e.peer.phase2)}; ${e.other.name} (${e.otherPeer.label}) offers ${describePhase2List(e.otherPeer.phase2)}. Protocol, encryption, integrity and mode must match; quick mode fails.`,
          [rel(e, anchorP2(e.otherPeer), `${e.other.name}'s phase 2 proposal`)],
          matchFixes(e, p2Fix(e.peer, e.otherPeer), p2Fix(e.otherPeer, e.peer)),
        ),
      );
    }
  } else if (v.phase2) {
    for (const f of phase2LifetimeFindings(E)) out.push(f);
  }

  if (v.pfs.status !== 'ok') {
    for (const s of sides) {
      const e = E[s];
      out.push(
        finding(
          e,
          e.peer.pfs.range ?? e.peer.range,
          v.pfs.status,
          'ipsec/pfs-mismatch',
          `${v.pfs.reason}. This side: ${pfsText(e.peer)}; ${e.other.name}: ${pfsText(e.otherPeer)}.`,
          [rel(e, e.otherPeer.pfs.range, `${e.other.name}'s PFS setting`)],
          matchFixes(e, pfsFix(e.peer, e.otherPeer.pfs.value), pfsFix(e.otherPeer, e.peer.pfs.value)),
        ),
      );
    }
  }

  for (const f of selectorFindings(E, v)) out.push(f);
  return out;
}

function pfsText(p: model.IpsecPeer): string {
  const g = p.pfs.value === 'none' ? 'no PFS' : `PFS ${model.dhLabel(p.pfs.value)}`;
  return p.pfs.default ? `${g} (default: ${p.pfs.default})` : g;
}

function pskFindings(E: Record<Side, End>, v: Verdict): model.Finding[] {
  const out: model.Finding[] = [];
  const psk = v.psk;
  if (psk.status === 'ok' || psk.status === 'n/a') return out;
  if (psk.directions?.length) return asymmetricPskFindings(E, psk.directions);
  const keyOf = (s: Side) => (s === 'a' ? psk.keyA : psk.keyB);
  const missing = (s: Side) => (s === 'a' ? psk.missingA : psk.missingB);
  for (const s of ['a', 'b'] as Side[]) {
    const o: Side = s === 'a' ? 'b' : 'a';
    const e = E[s];
    const mine = keyOf(s);
    const theirs = keyOf(o);
    const otherRange = theirs?.secret.range ?? e.otherPeer.range;
    // A key attached from a secrets store (strongSwan ipsec.secrets) is written in that file.
    const mineUri = mine?.secret.uri ?? e.dev.uri;
    const otherUri = theirs?.secret.uri ?? e.other.uri;
    // Fixes copy the other end's cleartext into the Setter; the title never shows it.
    const useTheirs = theirs?.secret.plain !== undefined ? (mine ? safe(mine.set, theirs.secret.plain) : safe(e.peer.addPsk, theirs.secret.plain)) : undefined;
    const giveMine = mine?.secret.plain !== undefined ? (theirs ? safe(theirs.set, mine.secret.plain) : safe(e.otherPeer.addPsk, mine.secret.plain)) : undefined;
    // Changing a wildcard key to suit one partner breaks every other peer using it: prefer the partner's fix then.
    const breadth = (p: model.IpsecPeer, k: model.PresharedKey | undefined) => (shared(p) ? 2 : sharedKey(k) ? 1 : 0);
    const mineFirst = breadth(e.peer, mine) <= breadth(e.otherPeer, theirs);
    const fixes = [...fix(`Use ${e.other.name}'s pre-shared key`, useTheirs, mineFirst), ...fix(`Make ${e.other.name} use this side's pre-shared key`, giveMine, !mineFirst)];
    if (psk.status === 'missing') {
      const msg = missing(s)
        ? `This side uses pre-shared key authentication but no key covers ${e.other.name}'s address${e.otherPeer.local ? ` ${e.otherPeer.local.value}` : ''}: phase 1 fails at authentication.`
        : `${e.other.name} (${e.otherPeer.label}) uses pre-shared key authentication but has no key covering this device's address: phase 1 fails at authentication.`;
      out.push(finding(e, mine ? mine.secret.range : e.peer.range, 'error', 'ipsec/psk-missing', msg, [rel(e, otherRange, theirs ? `${e.other.name}'s pre-shared key` : `${e.other.name}'s peer without a key`, otherUri)], fixes, mine ? mineUri : e.dev.uri));
    } else if (psk.status === 'unverifiable') {
      const which = [mine && mine.secret.plain === undefined ? `this side's key is ${model.maskSecret(mine.secret)}` : '', theirs && theirs.secret.plain === undefined ? `${e.other.name}'s key is ${model.maskSecret(theirs.secret)}` : '']
        .filter(Boolean)
        .join(' and ');
      out.push(
        finding(e, mine!.secret.range, 'information', 'ipsec/psk-unverifiable', `The pre-shared keys with ${e.other.name} cannot be compared: ${which}. Check them by hand.`, [rel(e, otherRange, `${e.other.name}'s pre-shared key`, otherUri)], [], mineUri),
      );
    } else {
      const how =
        psk.status === 'case-or-space'
          ? 'differs only in case/whitespace/quoting, which still makes it a different key'
          : `differs (this side ${model.maskSecret(mine!.secret)}, ${e.other.name} ${model.maskSecret(theirs!.secret)})`;
      out.push(
        finding(
          e,
          mine!.secret.range,
          'error',
          'ipsec/psk-mismatch',
          `The pre-shared key this side uses for ${e.other.name} ${how}: phase 1 fails at message 5/6 (authentication / invalid payload).`,
          [rel(e, otherRange, `${e.other.name}'s pre-shared key for this device`, otherUri)],
          fixes,
          mineUri,
        ),
      );
    }
  }
  return out;
}

/**
 * IKEv2 asymmetric keys: for each direction whose keys differ, one finding on the signer's local key and one on the
 * key the other end expects. No fix: rewriting one key of a pair can break the direction that works.
 */
function asymmetricPskFindings(E: Record<Side, End>, directions: readonly PskDirection[]): model.Finding[] {
  const out: model.Finding[] = [];
  const seen = new Set<string>();
  for (const d of directions) {
    const verifier: Side = d.signer === 'a' ? 'b' : 'a';
    const how = (x: model.Secret, y: model.Secret) => (d.status === 'case-or-space' ? 'differs only in case/whitespace/quoting, which still makes it a different key' : `differs (${model.maskSecret(x)} vs ${model.maskSecret(y)})`);
    const add = (s: Side, mine: model.Secret, theirs: model.Secret, text: string, relText: string) => {
      const key = `${s}:${mine.range.start}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(finding(E[s], mine.range, 'error', 'ipsec/psk-mismatch', text, [rel(E[s], theirs.range, relText, theirs.uri ?? E[s].other.uri)], [], mine.uri ?? E[s].dev.uri));
    };
    const sig = E[d.signer];
    const ver = E[verifier];
    add(d.signer, d.local, d.remote, `The pre-shared key this side authenticates itself with to ${sig.other.name} ${how(d.local, d.remote)} from the key ${sig.other.name} expects from it: IKE_AUTH fails (AUTHENTICATION_FAILED).`, `the key ${sig.other.name} expects from this device`);
    add(verifier, d.remote, d.local, `The pre-shared key this side expects from ${ver.other.name} ${how(d.remote, d.local)} from the key ${ver.other.name} authenticates itself with: IKE_AUTH fails (AUTHENTICATION_FAILED).`, `the key ${ver.other.name} authenticates itself with`);
  }
  return out;
}

function isCisco(d: model.Device): boolean {
  return d.dialect === 'cisco-ios' || d.dialect === 'cisco-asa';
}

function lifetimeFindings(m: PeerMatch, E: Record<Side, End>, pair: [model.Phase1Proposal, model.Phase1Proposal]): model.Finding[] {
  const la = pair[0].lifetime;
  const lb = pair[1].lifetime;
  if (la.value === lb.value) return [];
  // IKEv2 does not negotiate lifetimes: each end rekeys when its own expires (RFC 7296 §2.8), so nothing can fail.
  if (m.a.ikeVersion.value === 2 && m.b.ikeVersion.value === 2) return [];
  const out: model.Finding[] = [];
  const props: Record<Side, model.Phase1Proposal> = { a: pair[0], b: pair[1] };
  for (const s of ['a', 'b'] as Side[]) {
    const o: Side = s === 'a' ? 'b' : 'a';
    const e = E[s];
    const mine = props[s].lifetime;
    const theirs = props[o].lifetime;
    const shorterIsMine = mine.value < theirs.value;
    const shorter = shorterIsMine ? 'this side' : e.other.name;
    // Cisco responder: accepts only when the initiator's lifetime <= its own [S8]; the longer end initiating fails.
    const ciscoShort = shorterIsMine ? isCisco(e.dev) : isCisco(e.other);
    const longInitiates = shorterIsMine ? (o === 'a' ? m.aInitiates : m.bInitiates) : s === 'a' ? m.aInitiates : m.bInitiates;
    const warn = ciscoShort && longInitiates;
    // Two platforms' defaults (neither written) that both negotiate down are not a finding: nothing to fix (errata §2).
    if (!warn && !mine.range && !theirs.range) continue;
    const msg = warn
      ? `Phase 1 lifetime ${mine.value} s vs ${theirs.value} s on ${e.other.name}: a Cisco responder only accepts a proposal whose lifetime is <= its own, so when ${shorterIsMine ? e.other.name : 'this side'} (the longer lifetime) initiates, ${shorter} rejects the proposal. Make the lifetimes equal.`
      : `Phase 1 lifetime ${mine.value} s${mine.default ? ' (default)' : ''} vs ${theirs.value} s${theirs.default ? ' (default)' : ''} on ${e.other.name}: the shorter (${Math.min(mine.value, theirs.value)} s, ${shorter}) is used on most platforms.`;
    out.push(
      finding(e, mine.range ?? props[s].range ?? e.peer.range, warn ? 'warning' : 'information', 'ipsec/lifetime-mismatch', msg, [rel(e, theirs.range ?? props[o].range, `${e.other.name}'s phase 1 lifetime`)], matchFixes(e, safe(mine.set, theirs.value), safe(theirs.set, mine.value))),
    );
  }
  return out;
}

function phase2LifetimeFindings(E: Record<Side, End>): model.Finding[] {
  const la = E.a.peer.phase2Lifetime;
  const lb = E.b.peer.phase2Lifetime;
  if (!la || !lb || la.value === lb.value) return [];
  // Child SA lifetimes are not negotiated in IKEv2 either (RFC 7296 §2.8): nothing to compare.
  if (E.a.peer.ikeVersion.value === 2 && E.b.peer.ikeVersion.value === 2) return [];
  const out: model.Finding[] = [];
  for (const s of ['a', 'b'] as Side[]) {
    const e = E[s];
    const mine = e.peer.phase2Lifetime!;
    const theirs = e.otherPeer.phase2Lifetime!;
    // RouterOS proposal-check (interop-rules §2): `exact` rejects any other lifetime, `strict` only a longer one
    // than its own; `obey`/`claim` (and other platforms) negotiate down to the shorter.
    const rejects = (p: model.IpsecPeer, own: number, offered: number) => p.proposalCheck?.value === 'exact' || (p.proposalCheck?.value === 'strict' && offered > own);
    const strict = rejects(e.peer, mine.value, theirs.value);
    const otherStrict = rejects(e.otherPeer, theirs.value, mine.value);
    const warn = strict || otherStrict;
    // Both defaults, negotiated down: not a finding (errata §2). A proposal-check that rejects still is.
    if (!warn && !mine.range && !theirs.range) continue;
    const shorter = mine.value < theirs.value ? 'this side' : e.other.name;
    const msg = warn
      ? `Phase 2 lifetime ${mine.value} s vs ${theirs.value} s on ${e.other.name}, and RouterOS proposal-check=${(strict ? e.peer : e.otherPeer).proposalCheck!.value} on ${strict ? 'this side' : e.other.name} rejects a different (exact) or longer (strict) lifetime. Make the lifetimes equal.`
      : `Phase 2 lifetime ${mine.value} s${mine.default ? ' (default)' : ''} vs ${theirs.value} s${theirs.default ? ' (default)' : ''} on ${e.other.name}: negotiated down to the shorter (${Math.min(mine.value, theirs.value)} s, ${shorter}).`;
    out.push(finding(e, mine.range ?? anchorP2(e.peer), warn ? 'warning' : 'information', 'ipsec/lifetime-mismatch', msg, [rel(e, theirs.range, `${e.other.name}'s phase 2 lifetime`)], matchFixes(e, safe(mine.set, theirs.value), safe(theirs.set, mine.value))));
  }
  return out;
}

function selectorFindings(E: Record<Side, End>, v: Verdict): model.Finding[] {
  const out: model.Finding[] = [];
  if (v.selectors.length === 0) return out;
  const worst = v.selectors.some((i) => i.severity === 'error') ? 'error' : 'warning';
  for (const s of ['a', 'b'] as Side[]) {
    const e = E[s];
    const mine = v.selectors.filter((i) => i.side === s);
    for (const issue of mine) {
      const text =
        issue.severity === 'warning'
          ? `Traffic selector ${describeSelector(issue.selector)} is not the exact mirror of ${e.other.name}'s ${describeSelector(issue.partner!)}: one is a subset of the other, which only works when the end with the narrower selector initiates (the responder narrows; unconfirmed per platform).`
          : `Traffic selector ${describeSelector(issue.selector)} has no mirror image on ${e.other.name} (expected ${describeSelector({ ...issue.selector, local: issue.selector.remote, remote: issue.selector.local, localPort: issue.selector.remotePort, remotePort: issue.selector.localPort })} there): quick mode fails with INVALID_ID_INFORMATION for this flow.`;
      out.push(finding(e, issue.selector.range, issue.severity, 'ipsec/selector-mismatch', text, [rel(e, issue.partner?.range ?? e.otherPeer.selectors[0]?.range, `${e.other.name}'s traffic selectors`)], selectorFixes(e, issue, v.selectors)));
    }
    if (mine.length === 0) {
      const theirs = v.selectors.filter((i) => i.side !== s);
      out.push(
        finding(
          e,
          e.peer.range,
          worst,
          'ipsec/selector-mismatch',
          `${e.other.name} has traffic selectors this side does not mirror: ${theirs.map((i) => describeSelector(i.selector)).join(', ')}.`,
          theirs.map((i) => rel(e, i.selector.range, `${e.other.name}'s selector without a mirror here`)),
          [],
        ),
      );
    }
  }
  return out;
}

/** An IPv4 CIDR prefix in canonical form, or undefined (IPv6, object names, discontiguous wildcards). */
function ipv4Prefix(text: string): string | undefined {
  const n = normPrefix(text);
  const p = model.parsePrefix(n);
  return p && p.family === 4 ? n : undefined;
}

/**
 * Quick fixes of one selector without a mirror: rewrite it as the mirror of the other end's selector, or the
 * other way round. The other end's selector is the overlapping one, else the only unmatched one when each end
 * has exactly one. Only for IPv4 prefixes, the same protocol and no ports; otherwise no fix is offered.
 */
function selectorFixes(e: End, issue: SelectorIssue, all: readonly SelectorIssue[]): model.FixIntent[] {
  const S = issue.selector;
  let P = issue.partner;
  if (!P) {
    const mine = all.filter((i) => i.side === issue.side);
    const theirs = all.filter((i) => i.side !== issue.side);
    if (mine.length === 1 && theirs.length === 1) P = theirs[0].selector;
  }
  if (!P) return [];
  if (normProto(S.protocol) !== normProto(P.protocol)) return [];
  if ([S.localPort, S.remotePort, P.localPort, P.remotePort].some((x) => normPort(x) !== undefined)) return [];
  const sl = ipv4Prefix(S.local);
  const sr = ipv4Prefix(S.remote);
  const pl = ipv4Prefix(P.local);
  const pr = ipv4Prefix(P.remote);
  if (!sl || !sr || !pl || !pr) return [];
  const mine = safe(e.peer.setSelector, { range: { start: S.range.start, end: S.range.end }, local: pr, remote: pl, protocol: S.protocol });
  const theirs = safe(e.otherPeer.setSelector, { range: { start: P.range.start, end: P.range.end }, local: sr, remote: sl, protocol: P.protocol });
  return matchFixes(e, mine, theirs);
}

/**
 * One finding per defect: two tunnels between the same two addresses (a crypto map and a protected tunnel)
 * share their IKE settings, so a PSK or phase 1 mismatch would be found once per tunnel at the same statements.
 * A finding is dropped when one with the same code, range and related location is already reported.
 */
export function dedupeFindings(list: readonly model.Finding[]): model.Finding[] {
  const seen = new Set<string>();
  const out: model.Finding[] = [];
  for (const f of list) {
    const r = f.related[0];
    const key = `${f.uri}\u0000${f.code}\u0000${f.range.start}:${f.range.end}\u0000${r ? `${r.uri}\u0000${r.range.start}:${r.range.end}` : ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

/** Cross-file pair check: every tunnel between the two devices, each defect once. */
export const ipsecPairCheck: PairCheck = {
  name: 'ipsec',
  check(a, b) {
    return dedupeFindings(matchPeers(a, b).flatMap((m) => tunnelFindings(m)));
  },
};

/** `ipsec/weak-crypto` facts (interop-rules §8). */
const FN72510 = 'IOS-XE 17.11.1+ refuses it unless weak crypto is explicitly re-allowed (FN72510)';

function weakReason(kind: 'enc' | 'hash' | 'dh' | 'pfs', alg: string): string {
  if (kind === 'enc') {
    if (alg === 'des') return 'DES (56-bit key) is broken and documented as insecure; ' + FN72510;
    if (alg === '3des') return '3DES (64-bit block) is deprecated; ' + FN72510;
    if (alg === 'null') return 'ESP null encrypts nothing; ' + FN72510;
    return `${alg} provides no confidentiality; ${FN72510}`;
  }
  if (kind === 'hash') return `MD5 is broken; ${FN72510}`;
  return `${model.dhLabel(alg)} is too weak a Diffie-Hellman group; ${FN72510}`;
}

export const weakCryptoCheck: DeviceCheck = {
  name: 'ipsec-weak-crypto',
  check(device, ctx: AnalysisContext) {
    const sev = ctx.settings.weakCrypto;
    if (sev === 'off') return [];
    const out: model.Finding[] = [];
    const seen = new Set<string>();
    const report = (v: model.Value<string[]> | model.Value<string>, fallback: TextRange, kind: 'enc' | 'hash' | 'dh' | 'pfs', where: string, weak: ReadonlySet<string>) => {
      const list = Array.isArray(v.value) ? v.value : [v.value];
      // An implicit default list that also offers strong choices (IOS IKEv2 smart defaults: AES-256 … DH 19, 14, 21, 5)
      // is not the user's choice and need not be used; a weak default that is the only choice is reported.
      if (!v.range && list.some((alg) => !weak.has(alg))) return;
      for (const alg of list) {
        if (!weak.has(alg)) continue;
        const range = v.range ?? fallback;
        const key = `${range.start}:${range.end}:${alg}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const dflt = v.range ? '' : ` (a default: ${v.default ?? 'implicit'})`;
        out.push({
          uri: device.uri,
          range: { start: range.start, end: range.end },
          severity: sev,
          code: 'ipsec/weak-crypto',
          message: `${where} uses ${kind === 'dh' || kind === 'pfs' ? model.dhLabel(alg) : alg}${dflt}: ${weakReason(kind, alg)}.`,
          related: [],
          fixes: [],
        });
      }
    };
    for (const peer of device.ipsecPeers) {
      for (const p of peer.phase1) {
        const at = p.range ?? peer.range;
        report(p.encryption, at, 'enc', `Phase 1 proposal ${p.label}`, model.WEAK_ENCRYPTION);
        report(p.hash, at, 'hash', `Phase 1 proposal ${p.label}`, model.WEAK_HASH);
        report(p.dh, at, 'dh', `Phase 1 proposal ${p.label}`, model.WEAK_DH);
      }
      for (const p of peer.phase2) {
        const at = p.range ?? peer.range;
        if (p.protocol.value === 'esp') report(p.encryption, at, 'enc', `Phase 2 proposal ${p.label}`, model.WEAK_ENCRYPTION);
        report(p.integrity, at, 'hash', `Phase 2 proposal ${p.label}`, model.WEAK_HASH);
      }
      report(peer.pfs, peer.range, 'pfs', `PFS of ${peer.label}`, model.WEAK_DH);
    }
    return out;
  },
};
