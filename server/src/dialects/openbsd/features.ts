// Completion and hover for ipsec.conf, driven by the catalog (keywords valid at the cursor in parse.y's clause
// order, algorithm names per phase) and the lowered model (effective values and where defaults come from).
// Plain data out; no LSP here. Secrets (psk values and macros used as keys) are never shown, only masked.

import * as model from '../../model';
import type { ParseResult, TextRange, Token } from '../../syntax';
import type { CompletionData, FeatureContext, HoverData } from '../types';
import {
  documentedAlgorithms,
  FLOW_KEYWORDS,
  GROUPS,
  IKE_KEYWORDS,
  MAN_PAGE,
  PROTOCOLS,
  RESERVED,
  spellingOf,
  STATEMENT_KEYWORDS,
  type KeywordDoc,
  type Phase,
  type XfKind,
} from './catalog';
import { lowerIpsecConf } from './lower';
import { SLOTS, type ETok, type MacroSyntax, type ObsdFile, type ObsdStatement, type RuleSyntax, type RuleType } from './parser';
import { dict } from '../../model/dict';

const KEYWORD_DOCS = new Map<string, KeywordDoc>([...STATEMENT_KEYWORDS, ...IKE_KEYWORDS, ...FLOW_KEYWORDS].map((k) => [k.keyword, k]));

const EXTRA_DOCS: Record<string, string> = dict({
  any: 'Any address: ipsecctl expands it to 0.0.0.0/0 and ::/0 and keeps the pairs whose families match.',
  use: 'Use an SA when one exists, otherwise send in the clear.',
  acquire: 'Send in the clear, but start negotiating an SA.',
  require: 'Drop packets until an SA exists (default for ESP and AH flows).',
  dontacq: 'Use an SA when one exists; never negotiate one.',
  bypass: 'Never protect matching packets.',
  deny: 'Drop matching packets.',
  spi: 'Security Parameter Index of a manual SA (`outbound[:inbound]`).',
  authkey: 'Manual authentication key (hex, or `file NAME`).',
  enckey: 'Manual encryption key (hex, or `file NAME`).',
  udpencap: 'Encapsulate ESP in UDP (NAT traversal) for a manual SA.',
  bundle: 'Groups manual SAs into one bundle.',
  comp: 'IPcomp compression algorithm (`deflate`).',
  file: 'Read the key from a file.',
  include: 'Reads another file at this point. netcfg records it but does not follow it.',
});

const VALUE_KEYWORDS = new Set(['auth', 'enc', 'group', 'comp', 'proto', 'type', 'peer', 'local', 'from', 'to', 'psk', 'srcid', 'dstid', 'tag', 'lifetime', 'port', 'interface', 'spi', 'authkey', 'enckey', 'bundle']);

// ---------------------------------------------------------------------------------------------------------------
// Completion

export function completeIpsecConf(parsed: ParseResult<ObsdFile>, offset: number, ctx: FeatureContext): CompletionData[] {
  const before = significantTokenBefore(parsed.tree, offset - 1);
  const partialTok = before && (before.kind === 'word' || before.kind === 'number') && offset <= before.end ? before : undefined;
  const pos = partialTok ? partialTok.start : offset;
  const replaceRange: TextRange = partialTok ? { start: partialTok.start, end: partialTok.end } : { start: offset, end: offset };
  const st = statementAt(parsed, pos);
  const macros = macrosBefore(parsed.tree, pos);

  if (partialTok?.text.startsWith('$')) return macroItems(macros(), replaceRange);
  if (!st || st.range.start >= pos) return statementItems(replaceRange);
  if (st.macro || st.include) return [];
  const rule = st.rule;
  if (!rule) return [];
  const prev = rule.toks.filter((t) => t.range.end <= pos);
  if (prev.length === 0) return statementItems(replaceRange);
  const last = prev[prev.length - 1];
  const lastKw = keywordOf(last);

  if (lastKw && VALUE_KEYWORDS.has(lastKw)) return valueItems(lastKw, prev, rule, macros, replaceRange, parsed, ctx);
  return keywordItems(rule.type, prev, replaceRange);
}

// Requests on a 100,000-line file (issue 16) find their token, statement, macro and peer by binary search or in
// indexes built once per parse (`parsed.tree`) or per lowering (`model.Device`), both cached by the host per document
// version: no request scans the file.

/** Number of items whose start is at most `pos` (items sorted by start): the last one is at index result - 1. */
function countStartingBy<T>(items: readonly T[], pos: number, start: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (start(items[mid]) <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether a clause's token is `t`, a token of `rule.toks` written in the file (not out of a macro). The list is
 * rebuilt on use, so its objects are not the clauses' own: two tokens of the file are the same when their offsets
 * are (a macro's tokens carry their use's offsets, so they never match one of the file's).
 */
function sameToken(a: ETok | undefined, t: ETok): boolean {
  return a !== undefined && !a.macro && a.start === t.start && a.end === t.end;
}

/**
 * The last significant token (not whitespace, newline or comment) starting at or before `pos`. Every significant
 * token belongs to exactly one statement, statements and their tokens are in file order and never overlap: two
 * binary searches, without `parsed.tokens` (the lossless list is built on first use: a pass over the whole file).
 */
function significantTokenBefore(tree: ObsdFile, pos: number): Token | undefined {
  for (let i = countStartingBy(tree.statements, pos, (st) => st.range.start) - 1; i >= 0; i--) {
    const toks = tree.statements[i].tokens;
    const k = countStartingBy(toks, pos, (t) => t.start);
    if (k > 0) return toks[k - 1];
  }
  return undefined;
}

/** The last statement starting at or before `pos` (statements are in file order). */
function statementStartingBy(tree: ObsdFile, pos: number): ObsdStatement | undefined {
  return tree.statements[countStartingBy(tree.statements, pos, (st) => st.range.start) - 1];
}

interface TreeIndex {
  /** Macro statements in file order (their start and definition). */
  macroStatements: { start: number; macro: MacroSyntax }[];
  /** The first definition of each macro name. */
  macroByName: Map<string, MacroSyntax>;
  /** Macros used as keys (`secretMacroNames`). */
  secretMacros: Set<string>;
}

const treeIndexes = new WeakMap<ObsdFile, TreeIndex>();

function treeIndex(tree: ObsdFile): TreeIndex {
  let idx = treeIndexes.get(tree);
  if (!idx) {
    const macroStatements: TreeIndex['macroStatements'] = [];
    for (const st of tree.statements) if (st.macro) macroStatements.push({ start: st.range.start, macro: st.macro });
    const macroByName = new Map<string, MacroSyntax>();
    for (const m of tree.macros) if (!macroByName.has(m.name)) macroByName.set(m.name, m);
    idx = { macroStatements, macroByName, secretMacros: secretMacroNames(tree) };
    treeIndexes.set(tree, idx);
  }
  return idx;
}

/** The IKE peer each rule lowered to, by the rule's start (the first peer at a start wins, as `find` did). */
const peersByStart = new WeakMap<model.Device, Map<number, model.IpsecPeer>>();

/** Whether a device's peers are in file order (the usual case): then a rule's peer is found by binary search. */
const peersSorted = new WeakMap<model.Device, boolean>();

function peerStartingAt(device: model.Device, start: number): model.IpsecPeer | undefined {
  const peers = device.ipsecPeers;
  let sorted = peersSorted.get(device);
  if (sorted === undefined) {
    sorted = true;
    for (let i = 1; i < peers.length && sorted; i++) if (peers[i - 1].range.start > peers[i].range.start) sorted = false;
    peersSorted.set(device, sorted);
  }
  if (sorted) {
    // The first peer starting at `start`, as the index below finds it: the lower bound of `start`.
    const at = countStartingBy(peers, start - 1, (p) => p.range.start);
    return at < peers.length && peers[at].range.start === start ? peers[at] : undefined;
  }
  let byStart = peersByStart.get(device);
  if (!byStart) {
    byStart = new Map();
    for (const p of device.ipsecPeers) if (!byStart.has(p.range.start)) byStart.set(p.range.start, p);
    peersByStart.set(device, byStart);
  }
  return byStart.get(start);
}

/** Canonical addresses a device owns, once per lowering. */
const ownedSets = new WeakMap<model.Device, Set<string>>();

function ownedSet(device: model.Device): Set<string> {
  let set = ownedSets.get(device);
  if (!set) {
    set = new Set(model.ownedAddresses(device).map((a) => model.canonicalAddress(a) ?? a));
    ownedSets.set(device, set);
  }
  return set;
}

/** The first IKE peer of `other` whose remote is an address `device` owns, once per pair of lowerings. */
const aimingAt = new WeakMap<model.Device, WeakMap<model.Device, { peer?: model.IpsecPeer }>>();

function firstAimingAt(other: model.Device, device: model.Device, owned: Set<string>): model.IpsecPeer | undefined {
  let byDevice = aimingAt.get(other);
  if (!byDevice) aimingAt.set(other, (byDevice = new WeakMap()));
  let hit = byDevice.get(device);
  if (!hit) {
    const peer = other.ipsecPeers.find((q) => {
      const r = q.remote && (model.canonicalAddress(q.remote.value) ?? q.remote.value);
      return r !== undefined && owned.has(r);
    });
    byDevice.set(device, (hit = { peer }));
  }
  return hit.peer;
}

function statementAt(parsed: ParseResult<ObsdFile>, pos: number): ObsdStatement | undefined {
  const found = statementStartingBy(parsed.tree, pos);
  if (!found) return undefined;
  if (pos <= found.range.end) return found;
  // After the statement's last token: still inside it unless a line break (not a continuation) comes first.
  const text = parsed.text.slice(found.range.end, pos);
  return /(^|[^\\])(\r\n|\n|\r)/.test(text) ? undefined : found;
}

/** Macros defined by statements starting before `pos`, built only when a completion lists them. */
function macrosBefore(tree: ObsdFile, pos: number): () => { name: string; value: string }[] {
  return () => {
    const all = treeIndex(tree).macroStatements;
    return all.slice(0, countStartingBy(all, pos - 1, (m) => m.start)).map(({ macro }) => ({ name: macro.name, value: macro.value }));
  };
}

function keywordOf(t: ETok | undefined): string | undefined {
  return t && !t.quoted && t.kind === 'word' && RESERVED.has(t.value) ? t.value : undefined;
}

function docOf(keyword: string): string {
  const d = KEYWORD_DOCS.get(keyword);
  return d ? `\`${d.syntax}\`\n\n${d.doc}` : EXTRA_DOCS[keyword] ?? '';
}

/** Whether hover has documentation for a reserved ipsec.conf keyword (catalog coverage uses the same lookup). */
export function hasKeywordDoc(keyword: string): boolean {
  return docOf(keyword) !== '';
}

function statementItems(replaceRange: TextRange): CompletionData[] {
  const res: CompletionData[] = ['ike', 'flow', 'include', 'tcpmd5'].map((k, i) => ({ label: k, kind: 'keyword', documentation: docOf(k), sortText: `1${i}`, replaceRange }));
  res.unshift({
    label: 'ike esp from … to … peer …',
    kind: 'snippet',
    detail: 'IKEv1 rule with explicit proposals',
    insertText: 'ike esp from ${1:192.0.2.0/24} to ${2:198.51.100.0/24} peer ${3:203.0.113.1} \\\\\n\tmain auth ${4:hmac-sha2-256} enc ${5:aes-256} group ${6:modp2048} \\\\\n\tquick auth ${7:hmac-sha2-256} enc ${8:aes-256} group ${9:modp2048} \\\\\n\tpsk "${10:key}"',
    isSnippet: true,
    sortText: '0',
    filterText: 'ike',
    replaceRange,
  });
  return res;
}

function macroItems(macros: { name: string; value: string }[], replaceRange: TextRange): CompletionData[] {
  return macros.map((m) => ({ label: `$${m.name}`, kind: 'reference', detail: 'macro', documentation: `Macro defined above (value hidden in case it is a key).`, replaceRange }));
}

/** Keywords that may follow the tokens before the cursor, in parse.y's clause order. */
function keywordItems(type: RuleType, prev: ETok[], replaceRange: TextRange): CompletionData[] {
  const slots = SLOTS[type];
  const seen = new Set<string>();
  let lastSlot = -1;
  let phaseKw: string | undefined;
  const phaseSeen = new Set<string>();
  for (const t of prev) {
    const kw = keywordOf(t);
    if (!kw) continue;
    if (kw === 'main' || kw === 'aggressive' || kw === 'quick') {
      phaseKw = kw;
      phaseSeen.clear();
    } else if (phaseKw && (kw === 'auth' || kw === 'enc' || kw === 'group' || kw === 'lifetime')) phaseSeen.add(kw);
    else if (slots[kw] !== undefined && slots[kw] > (slots[phaseKw ?? ''] ?? -1)) phaseKw = undefined;
    seen.add(kw);
    if (slots[kw] !== undefined) lastSlot = Math.max(lastSlot, slots[kw]);
  }
  const items: CompletionData[] = [];
  const add = (k: string, sort: string) => {
    if (!items.some((i) => i.label === k)) items.push({ label: k, kind: 'keyword', documentation: docOf(k), sortText: `${sort}${k}`, replaceRange });
  };
  if (phaseKw && type === 'ike') {
    for (const k of ['auth', 'enc', 'group']) if (!phaseSeen.has(k) && !phaseSeen.has('lifetime')) add(k, '0');
    if (!phaseSeen.has('lifetime')) add('lifetime', '1');
  }
  const hostsDone = seen.has('from') && seen.has('to');
  for (const [k, slot] of Object.entries(slots)) {
    if (seen.has(k)) continue;
    if (type === 'ike' && k === 'interface' && (seen.has('from') || seen.has('to'))) continue;
    if ((k === 'from' || k === 'to') && slot >= lastSlot) {
      add(k, '2');
      continue;
    }
    if (slot <= lastSlot && !(slot === lastSlot && (k === 'peer' || k === 'local' || k === 'dstid'))) continue;
    if (slot > 4 && !hostsDone && !(type === 'ike' && seen.has('interface'))) continue;
    if ((k === 'main' && seen.has('aggressive')) || (k === 'aggressive' && seen.has('main'))) continue;
    if ((k === 'rsa' && seen.has('psk')) || (k === 'psk' && seen.has('rsa'))) continue;
    add(k, slot <= 4 ? '3' : '4');
  }
  return items;
}

function valueItems(kw: string, prev: ETok[], rule: RuleSyntax, macros: () => { name: string; value: string }[], replaceRange: TextRange, parsed: ParseResult<ObsdFile>, ctx: FeatureContext): CompletionData[] {
  if (kw === 'auth' || kw === 'enc' || kw === 'group') {
    let phase: Phase = 'phase2';
    for (let i = prev.length - 1; i >= 0; i--) {
      const k = keywordOf(prev[i]);
      if (k === 'main' || k === 'aggressive') {
        phase = 'phase1';
        break;
      }
      if (k === 'quick') break;
    }
    return algorithmItems(kw, phase, rule, replaceRange, parsed, ctx);
  }
  if (kw === 'proto') return Object.keys(PROTOCOLS).map((p) => ({ label: p, kind: 'value', replaceRange }));
  if (kw === 'type') return ['require', 'use', 'acquire', 'dontacq', 'bypass', 'deny'].map((v, i) => ({ label: v, kind: 'enum', documentation: EXTRA_DOCS[v], sortText: String(i), replaceRange }));
  if (kw === 'peer' || kw === 'from' || kw === 'to') {
    const res: CompletionData[] = [{ label: 'any', kind: 'keyword', documentation: EXTRA_DOCS.any, replaceRange }];
    if (kw !== 'peer') res.push({ label: '{ … }', kind: 'snippet', insertText: '{ ${1:192.0.2.0/25}, ${2:192.0.2.128/25} }', isSnippet: true, filterText: '{', detail: 'address list (cartesian product)', replaceRange });
    for (const m of macroItems(macros(), replaceRange)) res.push(m);
    return res;
  }
  if (kw === 'local' || kw === 'srcid' || kw === 'dstid') return macroItems(macros(), replaceRange);
  return [];
}

/** Algorithm names for `auth`/`enc`/`group`; the value the paired peer uses comes first. */
function algorithmItems(kind: XfKind, phase: Phase, rule: RuleSyntax, replaceRange: TextRange, parsed: ParseResult<ObsdFile>, ctx: FeatureContext): CompletionData[] {
  const docs = documentedAlgorithms(kind, phase).filter((d) => !d.name.startsWith('grp'));
  const items: CompletionData[] = docs.map((d, i) => ({ label: d.name, kind: 'value', detail: d.canonical, documentation: d.doc, sortText: `5${String(i).padStart(2, '0')}`, replaceRange }));
  const match = pairedValue(kind, phase, rule, parsed, ctx);
  if (match) {
    const name = spellingOf(kind, phase, match.canonical);
    const item = items.find((i) => i.label === name);
    if (item) {
      item.detail = `${item.label} — matches ${match.device}`;
      item.sortText = '0';
      item.documentation = `${item.documentation}\n\nThe paired device **${match.device}** uses \`${match.canonical}\` here.`;
    }
  }
  return items;
}

/** What the other end of this rule uses for a field, from the paired devices the host passes in. */
function pairedValue(kind: XfKind, phase: Phase, rule: RuleSyntax, parsed: ParseResult<ObsdFile>, ctx: FeatureContext): { canonical: string; device: string } | undefined {
  if (!ctx.peers.length) return undefined;
  const device = ctx.device ?? lowerIpsecConf(parsed, 'untitled:completion', {}).device;
  const mine = peerStartingAt(device, rule.keyword.range.start);
  const ownAddresses = ownedSet(device);
  for (const other of ctx.peers) {
    // When this rule aims at the other device, any of its peers qualifies (the first); else its first peer aiming at us.
    const weAim = mine?.remote && ownedSet(other).has(model.canonicalAddress(mine.remote.value) ?? mine.remote.value);
    const p = (weAim ? undefined : firstAimingAt(other, device, ownAddresses)) ?? other.ipsecPeers[0];
    if (!p) continue;
    let canonical: string | undefined;
    if (phase === 'phase1') {
      const prop = p.phase1[0];
      canonical = kind === 'enc' ? prop?.encryption.value[0] : kind === 'auth' ? prop?.hash.value[0] : prop?.dh.value[0];
    } else {
      const prop = p.phase2[0];
      canonical = kind === 'enc' ? prop?.encryption.value[0] : kind === 'auth' ? prop?.integrity.value[0] : p.pfs.value;
    }
    if (canonical) return { canonical, device: other.name };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Hover

export function hoverIpsecConf(parsed: ParseResult<ObsdFile>, offset: number, ctx: FeatureContext): HoverData | undefined {
  // Whitespace, newlines and comments have no hover: only a significant token containing the offset does.
  const found = significantTokenBefore(parsed.tree, offset);
  const tok = found && offset < found.end ? found : undefined;
  if (!tok) return undefined;
  const range = { start: tok.start, end: tok.end };
  const stAt = statementStartingBy(parsed.tree, tok.start);
  const st = stAt && tok.end <= stAt.range.end ? stAt : undefined;

  if (tok.text.startsWith('$')) {
    const { secretMacros, macroByName } = treeIndex(parsed.tree);
    const name = tok.text.slice(1);
    const def = macroByName.get(name);
    if (!def) return { markdown: `Macro \`${name}\` is not defined.`, range };
    const value = secretMacros.has(name) ? maskText(def.value, def.valueRange ?? range) : `\`${def.value}\``;
    return { markdown: `**Macro** \`${name}\` = ${value}`, range };
  }
  if (st?.macro) {
    const { secretMacros } = treeIndex(parsed.tree);
    if (tok.start === st.macro.nameRange.start) {
      const value = secretMacros.has(st.macro.name) ? maskText(st.macro.value, range) : `\`${st.macro.value}\``;
      return { markdown: `**Macro** \`${st.macro.name}\` = ${value}\n\nUse it as \`$${st.macro.name}\` below this line.`, range };
    }
    if (secretMacros.has(st.macro.name)) return { markdown: `Pre-shared key (macro \`${st.macro.name}\`): ${maskText(st.macro.value, range)}`, range };
    return undefined;
  }
  const rule = st?.rule;
  if (!rule) {
    const kw = tok.kind === 'word' && RESERVED.has(tok.text) ? tok.text : undefined;
    return kw ? { markdown: keywordHover(kw), range } : undefined;
  }
  const etok = rule.toks.find((t) => t.range.start === tok.start && t.range.end === tok.end && !t.macro);
  if (!etok) return undefined;

  // The key itself: never shown.
  if (sameToken(rule.ikeauth?.value, etok)) return { markdown: `**Pre-shared key**: ${model.maskSecret({ kind: 'plain', plain: etok.value, range })}\n\nBoth ends must use the same key.`, range };

  const peer = peerOf(parsed, rule, ctx);
  const kw = keywordOf(etok);
  if (kw === 'ike' && peer) return { markdown: `${keywordHover('ike')}\n\n${effectiveSummary(peer)}`, range };
  if ((kw === 'main' || kw === 'aggressive') && peer) return { markdown: `${keywordHover(kw)}\n\n${phase1Summary(peer)}`, range };
  if (kw === 'quick' && peer) return { markdown: `${keywordHover(kw)}\n\n${phase2Summary(peer)}`, range };
  if (kw) return { markdown: keywordHover(kw), range };

  // A transform value: its documentation and canonical id.
  for (const ph of [rule.phase1, rule.phase2]) {
    if (!ph) continue;
    for (const xf of [ph.auth, ph.enc, ph.group]) {
      if (!xf || !sameToken(xf.value, etok)) continue;
      const phase: Phase = ph === rule.phase1 ? 'phase1' : 'phase2';
      const d = documentedAlgorithms(xf.kind as XfKind, phase).find((a) => a.canonical === xf.canonical && (a.name === etok.value || !a.name.startsWith('grp'))) ?? GROUPS.find((g) => g.canonical === xf.canonical);
      if (!d) return { markdown: `\`${etok.value}\` is not a valid ${xf.kind} for ${phase === 'phase1' ? 'phase 1' : 'phase 2'}.`, range };
      return { markdown: `**${d.name}** (\`${d.canonical}\`)\n\n${d.doc}`, range };
    }
  }
  return undefined;
}

function keywordHover(kw: string): string {
  const doc = docOf(kw);
  return doc ? `${doc}\n\n[ipsec.conf(5)](${MAN_PAGE})` : `\`${kw}\``;
}

/** Macros used as a `psk` value anywhere: their values are keys and must stay hidden. */
function secretMacroNames(tree: ObsdFile): Set<string> {
  const res = new Set<string>();
  for (const st of tree.statements) {
    const v = st.rule?.ikeauth?.value;
    if (v?.macro) res.add(v.macro);
    for (const o of st.rule?.other ?? []) if ((o.keyword.value === 'authkey' || o.keyword.value === 'enckey') && o.value?.macro) res.add(o.value.macro);
  }
  return res;
}

function maskText(value: string, range: TextRange): string {
  return model.maskSecret({ kind: 'plain', plain: value, range });
}

function peerOf(parsed: ParseResult<ObsdFile>, rule: RuleSyntax, ctx: FeatureContext): model.IpsecPeer | undefined {
  if (rule.type !== 'ike') return undefined;
  const device = ctx.device && ctx.device.dialect === 'openbsd-ipsec' ? ctx.device : lowerIpsecConf(parsed, 'untitled:hover', {}).device;
  return peerStartingAt(device, rule.keyword.range.start);
}

function line<T>(label: string, v: model.Value<T>, show: (x: T) => string): string {
  return `- ${label} **${show(v.value)}**${v.default ? ` — ${v.default}` : ''}`;
}

const list = (x: string[]) => (x.length ? x.join(', ') : '—');

function phase1Summary(p: model.IpsecPeer): string {
  const ph = p.phase1[0];
  return [
    `**Phase 1** (${p.exchangeMode.value} mode, IKEv1)`,
    line('enc', ph.encryption, list),
    line('auth', ph.hash, list),
    line('group', ph.dh, list),
    line('authentication', ph.auth, String),
    line('lifetime', ph.lifetime, (s) => `${s} s`),
  ].join('\n');
}

function phase2Summary(p: model.IpsecPeer): string {
  const ph = p.phase2[0];
  const lines = [`**Phase 2** (quick mode, ${ph.protocol.value} ${ph.mode.value})`, line('enc', ph.encryption, list), line('auth', ph.integrity, list), line('group (PFS)', p.pfs, String)];
  if (p.phase2Lifetime) lines.push(line('lifetime', p.phase2Lifetime, (s) => `${s} s`));
  return lines.join('\n');
}

function effectiveSummary(p: model.IpsecPeer): string {
  const remote = p.remote ? `${p.remote.value}${p.remote.default ? ` (${p.remote.default})` : ''}` : 'default peer (accepts any)';
  const head = `**Peer** ${remote} · role ${p.role}${p.local ? ` · local ${p.local.value}` : ''}`;
  const sel = p.selectors.length ? `**Selectors**\n${p.selectors.map((s) => `- ${s.local}${s.localPort ? ` port ${s.localPort}` : ''} → ${s.remote}${s.remotePort ? ` port ${s.remotePort}` : ''}${s.protocol !== 'ip' ? ` (${s.protocol})` : ''}`).join('\n')}` : '';
  return [head, phase1Summary(p), phase2Summary(p), sel].filter(Boolean).join('\n\n');
}

