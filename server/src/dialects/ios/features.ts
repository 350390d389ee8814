// Completion and hover for IOS/ASA from the command catalog: mode-aware (only what is valid where the cursor is),
// abbreviation-aware, with values (algorithm enums, this device's interfaces and named objects), docs and defaults
// from the catalog, effective values with their default source, and the paired peer's values first.
// Depends only on this dialect's parser/catalog/lowering and the model; never shows a secret.

import * as model from '../../model';
import type { ParseResult, TextRange, Token } from '../../syntax';
import type { CompletionData, FeatureContext, HoverData } from '../types';
import { keywordsAt, resolveCommand, type IosCatalogEntry } from './catalog';
import type { IosLowering } from './lower';
import { iosEncryptionKeyword, iosHashKeyword, asaEncryptionKeyword } from './lower';
import type { IosFlavour, IosNode } from './parser';
import { dict } from '../../model/dict';

/** Creates the dialect's lowering for a parse (IOS or ASA), so features can read effective values. */
export type LoweringFactory = (parsed: ParseResult<IosNode>) => IosLowering;

/** What IOS/ASA lowering hands its own features in `LowerResult.features`. */
export interface IosFeatureFacts {
  /** Phase-1 proposals (ISAKMP / IKEv1 policies) in priority order, with their ranges. */
  phase1: model.Phase1Proposal[];
}

/** Runs a lowering and keeps the facts hover needs with its result, so a host's cached result serves every hover. */
export function lowerWithFacts(lowering: IosLowering): { device: model.Device; diagnostics: import('../../syntax').SyntaxDiagnostic[]; features: IosFeatureFacts; phase1Policies: model.Phase1Proposal[]; settersDropped?: boolean } {
  const res = lowering.run();
  const phase1 = lowering.phase1Proposals();
  if (!lowering.setters) {
    // Batch mode: the host drops the parse now (DialectOptions.setters), so its token store's buffer serves the next.
    lowering.releaseStore();
    return { ...res, features: { phase1 }, phase1Policies: phase1, settersDropped: true };
  }
  return { ...res, features: { phase1 }, phase1Policies: phase1 };
}

/** Which kind of named object an argument refers to, by command path (and mode where it matters). */
const REF_ARG: Record<string, string> = dict({
  'set transform-set': 'transform-set',
  'match address': 'acl',
  'crypto map': 'crypto-map',
  'tunnel protection ipsec profile': 'ipsec-profile',
  'ip access-group': 'acl',
  'service-policy': 'policy-map',
  class: 'class-map',
  keyring: 'keyring',
  'set isakmp-profile': 'isakmp-profile',
  'set ikev2-profile': 'ikev2-profile',
  'split-tunnel-network-list': 'acl',
  'vpn-filter': 'acl',
  'default-group-policy': 'group-policy',
  'address-pool': 'pool',
  'access-class': 'acl',
  'snmp-server tftp-server-list': 'acl',
});
const IF_ARG = new Set(['interface', 'tunnel source', 'passive-interface']);

interface LineContext {
  node?: IosNode;
  mode: string;
  lineStart: number;
  /** Words before the cursor on the line (after a prompt and `no`), and the partial word at the cursor. */
  before: Token[];
  partial: string;
  partialStart: number;
}

/**
 * The command whose line holds `offset` (the innermost, last in document order). Children are sorted, so each level
 * is a binary search; blocks are walked with an explicit stack, not recursion (nesting depth comes from the input).
 */
function findLineNode(root: IosNode, offset: number): IosNode | undefined {
  let best: IosNode | undefined;
  const stack: IosNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n !== root && n.range.start <= offset && offset <= n.lineEnd) best = n;
    const cs = n.children;
    if (!cs.length || cs[0].range.start > offset) continue;
    // Last child starting at or before offset; only it and its predecessor (touching at offset) can hold it.
    let lo = 0;
    let hi = cs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cs[mid].range.start <= offset) lo = mid;
      else hi = mid - 1;
    }
    // The later sibling is pushed first, so the predecessor's subtree is walked first (preorder): the last match wins.
    for (let k = lo; k >= Math.max(0, lo - 1); k--) {
      const c = cs[k];
      if (offset <= c.range.end || (c.kind === 'IosCommand' && offset <= c.lineEnd)) stack.push(c);
    }
  }
  return best;
}

/** Innermost block above a (blank or new) line whose indentation puts the line inside it. */
function enclosingMode(root: IosNode, offset: number, indent: number): string {
  let mode = 'global';
  let n: IosNode | undefined = root;
  while (n) {
    let next: IosNode | undefined;
    for (const c of n.children) {
      if (c.range.start >= offset) break;
      if (c.kind === 'IosCommand' && c.enters && c.indent < indent) next = c;
      else if (c.indent <= indent && c.kind !== 'IosComment') next = undefined;
    }
    if (!next) break;
    mode = next.enters!;
    n = next;
  }
  return mode;
}

function lineContext(parsed: ParseResult<IosNode>, offset: number): LineContext {
  const text = parsed.text;
  let lineStart = offset;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
  const node = findLineNode(parsed.tree, offset);
  let i = lineStart;
  while (i < offset && (text[i] === ' ' || text[i] === '\t')) i++;
  const indent = i - lineStart;
  const before: Token[] = [];
  let partial = '';
  let partialStart = offset;
  let j = i;
  while (j < offset) {
    const s = j;
    while (j < offset && text[j] !== ' ' && text[j] !== '\t') j++;
    const w = text.slice(s, j);
    if (j === offset) {
      partial = w;
      partialStart = s;
    } else before.push({ kind: 'word', start: s, end: j, text: w });
    while (j < offset && (text[j] === ' ' || text[j] === '\t')) j++;
  }
  if (before[0] && /^[\w.-]+(\([\w-]+\))?[#>]/.test(before[0].text)) before.shift();
  if (before[0] && before[0].text.toLowerCase() === 'no') before.shift();
  const mode = node && node.kind === 'IosCommand' && node.range.start <= offset ? node.mode : enclosingMode(parsed.tree, lineStart, indent);
  return { node, mode: mode === 'unknown' ? 'global' : mode, lineStart, before, partial, partialStart };
}

function entryDoc(e: IosCatalogEntry, modeName: string | undefined): string {
  const parts = [`\`${e.syntax}\``, '', e.doc];
  if (e.default) parts.push('', `Default: ${e.default}`);
  if (modeName) parts.push('', `Mode: ${modeName}`);
  if (e.ref) parts.push('', `[Reference](${e.ref})`);
  return parts.join('\n');
}

/** What the paired peers use for a phase-1 field, as this dialect's keyword, with the peer's name. */
function peerPhase1(ctx: FeatureContext, field: 'encryption' | 'hash' | 'group', asa: boolean): { keyword: string; peer: string }[] {
  const res: { keyword: string; peer: string }[] = [];
  for (const dev of ctx.peers) {
    for (const p of dev.ipsecPeers) {
      const p1 = p.phase1[0];
      if (!p1) continue;
      let kw: string | undefined;
      if (field === 'encryption') kw = asa ? asaEncryptionKeyword(p1.encryption.value[0]) : iosEncryptionKeyword(p1.encryption.value[0]);
      else if (field === 'hash') kw = iosHashKeyword(p1.hash.value[0]);
      else kw = model.DH_NUMBERS[p1.dh.value[0]];
      if (kw && !res.some((r) => r.keyword === kw)) res.push({ keyword: kw, peer: dev.name });
      break;
    }
  }
  return res;
}

/** Completion proposals at `offset`. */
export function completeIos(parsed: ParseResult<IosNode>, offset: number, ctx: FeatureContext, flavour: IosFlavour, makeLowering?: LoweringFactory): CompletionData[] {
  const cat = flavour.catalog;
  const lc = lineContext(parsed, offset);
  const words = lc.before.map((w) => w.text.toLowerCase());
  const replaceRange: TextRange = { start: lc.partialStart, end: offset };
  const res: CompletionData[] = [];
  const partial = lc.partial.toLowerCase();
  // Keywords valid after the words typed so far.
  const kws = keywordsAt(cat, lc.mode, words);
  for (const k of kws) {
    if (!k.keyword.startsWith(partial)) continue;
    res.push({ label: k.keyword, kind: 'keyword', detail: k.entry?.syntax, documentation: k.entry ? entryDoc(k.entry, cat.modeNames[lc.mode]) : undefined, replaceRange });
  }
  const r = resolveCommand(cat, lc.mode, words);
  if (!r.entry) return res;
  const entry = r.entry;
  const key = entry.path.join(' ');
  const argIndex = words.length - r.consumed;
  // Enumerated values, with the paired peer's choice first.
  if (entry.values && argIndex === 0) {
    const field = lc.mode.endsWith('policy') && ['encryption', 'hash', 'group'].includes(key) ? (key as 'encryption' | 'hash' | 'group') : undefined;
    const fromPeers = field ? peerPhase1(ctx, field, flavour.asa) : [];
    for (const p of fromPeers) {
      const first = p.keyword.split(' ');
      if (!first[0].startsWith(partial)) continue;
      res.push({ label: p.keyword, kind: 'value', detail: `matches ${p.peer}`, insertText: p.keyword, sortText: '0', replaceRange });
    }
    for (const v of entry.values) {
      if (!v.startsWith(partial) || fromPeers.some((p) => p.keyword === v)) continue;
      res.push({ label: v, kind: 'enum', detail: entry.syntax, sortText: `1${v}`, replaceRange });
    }
  }
  // Names of this device's objects and interfaces.
  const refKind = REF_ARG[key];
  const device = ctx.device ?? (makeLowering && (refKind || IF_ARG.has(key)) ? makeLowering(parsed).run().device : undefined);
  if (device && refKind && (argIndex === 0 || key === 'set transform-set')) {
    const seen = new Set<string>();
    for (const d of device.definitions) {
      if (d.kind !== refKind || seen.has(d.name) || !d.name.toLowerCase().startsWith(partial)) continue;
      seen.add(d.name);
      res.push({ label: d.name, kind: 'reference', detail: refKind, replaceRange });
    }
  }
  if (device && IF_ARG.has(key) && argIndex === 0) {
    for (const itf of device.interfaces) {
      if (!itf.name.toLowerCase().startsWith(partial)) continue;
      const addr = itf.addresses[0];
      res.push({ label: itf.name, kind: 'interface', detail: addr ? `${addr.address}/${addr.prefixLength}` : itf.description, replaceRange });
    }
  }
  return res;
}

function describe<T>(label: string, v: model.Value<T> | undefined, render: (x: T) => string = String): string {
  if (!v) return `- ${label}: —`;
  return `- ${label}: **${render(v.value)}**${v.default ? ` — ${v.default}` : ''}`;
}

/** Hover at `offset`: catalog doc of the command, plus effective values for ISAKMP/IKEv1 policies and OSPF interfaces. */
export function hoverIos(parsed: ParseResult<IosNode>, offset: number, ctx: FeatureContext, flavour: IosFlavour, makeLowering?: LoweringFactory): HoverData | undefined {
  const cat = flavour.catalog;
  const node = findLineNode(parsed.tree, offset);
  if (!node || node.kind === 'IosComment') return undefined;
  const words = node.words;
  const tok = words.find((w) => w.start <= offset && offset <= w.end);
  if (!tok) return undefined;
  const idx = words.indexOf(tok);
  const lines: string[] = [];
  const entry = node.entry;
  if (entry) lines.push(entryDoc(entry, cat.modeNames[node.mode]));
  else if (node.kind === 'IosBanner') lines.push('Banner text.');
  const key = node.path.join(' ');
  // The host's cached lowering when it has one (re-lowering a 100k-line file took 300-740 ms per hover); else lower once.
  const cached = ctx.lowered && ctx.lowered.device === ctx.device ? (ctx.lowered.features as IosFeatureFacts | undefined) : undefined;
  let device = ctx.device;
  let phase1 = cached?.phase1;
  if ((!device || !phase1) && makeLowering) {
    const fresh = lowerWithFacts(makeLowering(parsed));
    device = fresh.device;
    phase1 = fresh.features.phase1;
  }
  // Effective phase-1 values of the policy under the cursor (header or one of its lines).
  const policyNode = key === 'crypto isakmp policy' || key === 'crypto ikev1 policy' ? node : undefined;
  const inPolicy = node.mode === 'isakmp-policy' || node.mode === 'ikev1-policy';
  if (phase1 && (policyNode || inPolicy)) {
    const p1 = phase1.find((p) => p.range && p.range.start <= node.range.start && node.range.end <= p.range.end);
    if (p1) {
      lines.push('', `**Effective values of \`${p1.label}\`**`);
      lines.push(describe('encryption', p1.encryption, (v) => v.join(', ')));
      lines.push(describe('hash', p1.hash, (v) => v.join(', ')));
      lines.push(describe('authentication', p1.auth));
      lines.push(describe('DH group', p1.dh, (v) => v.map(model.dhLabel).join(', ')));
      lines.push(describe('lifetime', p1.lifetime, (v) => `${v} s`));
    }
  }
  // Effective OSPF values of the interface under the cursor.
  if (device && (key === 'interface' || node.mode === 'interface')) {
    const itfNode = key === 'interface' ? node : undefined;
    const itf = device.interfaces.find((i) => (itfNode ? i.range.start === itfNode.range.start : i.range.start <= node.range.start && node.range.end <= i.range.end));
    const o = itf && device.ospfInterfaces.find((x) => x.interfaceName === itf.name);
    if (o) {
      lines.push('', `**OSPF on ${o.interfaceName}** (process ${o.processId}, area ${o.area.value})`);
      lines.push(describe('network type', o.networkType));
      lines.push(describe('hello', o.hello, (v) => `${v} s`));
      lines.push(describe('dead', o.dead, (v) => `${v} s`));
      lines.push(describe('priority', o.priority));
      lines.push(describe('authentication', o.auth, (v) => v.type + (v.key ? ` (key ${model.maskSecret(v.key)})` : '')));
    }
  }
  // Never echo a secret: keys are shown masked only.
  if (device) {
    const secret = device.keys.find((k) => k.secret.range.start <= offset && offset <= k.secret.range.end);
    if (secret) lines.push('', `Pre-shared key for ${secret.peer}: ${model.maskSecret(secret.secret)}`);
  }
  if (!lines.length) return undefined;
  void idx;
  return { markdown: lines.join('\n'), range: { start: tok.start, end: tok.end } };
}
