// Catalog coverage of a config: which command lines the dialect's catalog knows, i.e. for which hover would find a
// catalog entry, using the same lookups hover uses (IOS/ASA: the parser's abbreviation-aware catalog resolution, `no`
// and `default` stripped; RouterOS: menu, verb and every parameter name; OpenBSD: every rule keyword documented;
// BIRD: the leading keyword phrase in the block's keyword list). Each line is attributed to a mode and marked as
// inside a focus section (interfaces, IKE/IPsec, OSPF). `npm run corpus` aggregates it per dialect.
// Unit-tested on crafted inputs in coverage.test.ts; never needs the corpus.

import type * as model from '../../server/src/model';
import { lineStarts, positionAt, type ParseResult, type SyntaxNode, type Token } from '../../server/src/syntax';
import { dialectById } from '../../server/src/dialects/registry';
import { keywordsAt, type IosCatalog } from '../../server/src/dialects/ios/catalog';
import { IOS_CATALOG } from '../../server/src/dialects/ios/catalog';
import { ASA_CATALOG } from '../../server/src/dialects/asa/catalog';
import type { IosNode } from '../../server/src/dialects/ios/parser';
import { GENERIC_VERBS } from '../../server/src/dialects/routeros/catalog';
import type { RosTree } from '../../server/src/dialects/routeros/parser';
import { RESERVED } from '../../server/src/dialects/openbsd/catalog';
import { hasKeywordDoc } from '../../server/src/dialects/openbsd/features';
import type { ObsdFile } from '../../server/src/dialects/openbsd/parser';
import { CATALOG as BIRD_CATALOG, type BirdBlockKind, type BirdKeyword } from '../../server/src/dialects/bird/catalog';

/** One command line (a logical line: RouterOS continuations and ipsec.conf `\` lines are joined). */
export interface CoverageLine {
  /** 1-based line of the command's first character. */
  line: number;
  /** Mode (IOS/ASA), menu (RouterOS), rule type (OpenBSD) or block (BIRD) the line is in, as a display label. */
  mode: string;
  /** Inside a focus section: interface, IKE/IPsec or OSPF configuration. */
  focus: boolean;
  known: boolean;
  /** Keyword paths the catalog lacks (`interface › ip verify`, `/ip ipsec peer › foo=`); empty when known. */
  unknown: string[];
}

export interface FileCoverage {
  lines: CoverageLine[];
  /** Lines deliberately not counted: RouterOS scripting, BIRD filter/function code and list bodies. */
  excluded: number;
}

/** One-based line of an offset. */
function lineOf(offset: number, starts: number[]): number {
  return positionAt(starts, offset).line + 1;
}

/** Classifies every command line of `text` in `dialect`. */
export function classify(dialect: model.DialectId, text: string): FileCoverage {
  const parsed = dialectById(dialect).parse(text, {});
  switch (dialect) {
    case 'cisco-ios':
      return classifyIos(parsed as ParseResult<IosNode>, IOS_CATALOG);
    case 'cisco-asa':
      return classifyIos(parsed as ParseResult<IosNode>, ASA_CATALOG);
    case 'routeros':
      return classifyRouterOs(parsed as ParseResult<RosTree>);
    case 'openbsd-ipsec':
      return classifyOpenBsd(parsed as ParseResult<ObsdFile>);
    case 'bird':
      return classifyBird(parsed as ParseResult<SyntaxNode>);
  }
  return { lines: [], excluded: 0 };
}

// ---------------------------------------------------------------- IOS / ASA

/** Top-level sections whose lines count as focus (interfaces, IKE/IPsec, OSPF). */
const IOS_FOCUS = /^(interface|router ospf|tunnel-group|crypto (isakmp (policy|profile)|ikev1 policy|ikev2 (policy|proposal|keyring|profile)|map|dynamic-map|keyring|ipsec (profile|transform-set|ikev1 transform-set|ikev2 ipsec-proposal)))( |$)/;
const STRUCTURAL = new Set(['exit', 'quit', 'end', 'exit-address-family']);

/** Looks like an argument rather than a keyword: numbers, addresses, interface names with digits, quoted text. */
function isArgument(w: string): boolean {
  return !/^[a-z][a-z0-9-]*$/.test(w);
}

/** IOS's own abbreviation rule (catalog.ts `lookup`): exact, else a unique prefix of two or more characters. */
function expandIos(candidates: string[], word: string): string | undefined {
  if (candidates.includes(word)) return word;
  if (word.length < 2 || /^\d/.test(word)) return undefined;
  const hits = candidates.filter((k) => k.length > word.length && k.startsWith(word) && k.charCodeAt(word.length) !== 45);
  return hits.length === 1 ? hits[0] : undefined;
}

/** Keyword path of a command as far as the catalog knows it, plus the first word it does not (lower case). */
export function iosKeywordPath(cat: IosCatalog, mode: string, words: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < words.length && i < 4; i++) {
    const cands = keywordsAt(cat, mode, out).map((k) => k.keyword);
    const hit = cands.length ? expandIos(cands, words[i]) : undefined;
    if (hit) {
      out.push(hit);
      continue;
    }
    // Stop at the first word the catalog does not know (`ip verify`, not `ip verify unicast source …`).
    if (i === 0 || !isArgument(words[i])) out.push(words[i]);
    break;
  }
  return out.join(' ');
}

function classifyIos(parsed: ParseResult<IosNode>, cat: IosCatalog): FileCoverage {
  const text = parsed.text;
  const starts = lineStarts(text);
  const lines: CoverageLine[] = [];
  const visit = (n: IosNode, section: string, parentLabel: string) => {
    for (const c of n.children) {
      if (c.kind === 'IosComment') continue;
      const words = c.words.map((w) => w.text.toLowerCase());
      if (!words.length) continue;
      const top = n.kind === 'IosConfig';
      const rawPath = iosKeywordPath(cat, c.mode, words);
      const sec = top ? (c.entry ? c.entry.path.join(' ') : rawPath) : section;
      const label = c.mode === 'unknown' ? `${parentLabel} …` : cat.modeNames[c.mode] ?? c.mode;
      if (!(c.path.length === 1 && STRUCTURAL.has(c.path[0]) && !c.entry) && !(STRUCTURAL.has(words[0]) && words.length === 1)) {
        const known = c.entry !== undefined;
        lines.push({ line: lineOf(c.range.start, starts), mode: label, focus: IOS_FOCUS.test(sec), known, unknown: known ? [] : [`${label} › ${rawPath}`] });
      }
      if (c.children.length) visit(c, sec, c.entry ? c.entry.path.join(' ') : rawPath);
    }
  };
  visit(parsed.tree, '', 'global');
  return { lines, excluded: 0 };
}

// ---------------------------------------------------------------- RouterOS

const ROS_FOCUS = /^(interface( |$)|ip ipsec( |$)|routing ospf( |$)|ip address$|ppp( |$))/;

function classifyRouterOs(parsed: ParseResult<RosTree>): FileCoverage {
  const text = parsed.text;
  const starts = lineStarts(text);
  const lines: CoverageLine[] = [];
  let excluded = 0;
  for (const st of parsed.tree.children) {
    if (st.kind === 'RosComment' || st.kind === 'RosMenu') continue;
    if (st.kind === 'RosScript') {
      excluded++;
      continue;
    }
    const menu = `/${st.path}`;
    const unknown: string[] = [];
    if (!st.menu) unknown.push(st.path ? menu : `/ › ${text.slice(st.range.start, st.range.end).split(/\s/)[0]}`);
    else {
      if (!st.verb) unknown.push(`${menu} › ${st.tokens.find((t) => t.kind === 'word')?.text ?? '?'}`);
      else if (!GENERIC_VERBS.has(st.verb.name) && !st.menu.commands.includes(st.verb.name)) unknown.push(`${menu} › ${st.verb.name}`);
      for (const p of st.params) if (!p.spec) unknown.push(`${menu} › ${p.key}=`);
    }
    lines.push({ line: lineOf(st.range.start, starts), mode: menu, focus: ROS_FOCUS.test(st.path), known: unknown.length === 0, unknown });
  }
  return { lines, excluded };
}

// ---------------------------------------------------------------- OpenBSD ipsec.conf

function classifyOpenBsd(parsed: ParseResult<ObsdFile>): FileCoverage {
  const text = parsed.text;
  const starts = lineStarts(text);
  const lines: CoverageLine[] = [];
  for (const st of parsed.tree.statements) {
    const line = lineOf(st.range.start, starts);
    if (st.kind === 'ObsdMacro' || st.kind === 'ObsdInclude') {
      lines.push({ line, mode: st.kind === 'ObsdMacro' ? 'macro' : 'include', focus: false, known: true, unknown: [] });
      continue;
    }
    const rule = st.rule;
    if (!rule) {
      const first = st.tokens.find((t) => t.kind !== 'whitespace' && t.kind !== 'newline' && t.kind !== 'comment');
      if (!first) continue;
      lines.push({ line, mode: 'rule', focus: true, known: false, unknown: [`rule › ${first.text}`] });
      continue;
    }
    const unknown = new Set<string>();
    for (const t of rule.toks) {
      if (t.quoted || t.macro || t.kind !== 'word' || !RESERVED.has(t.value)) continue;
      if (!hasKeywordDoc(t.value)) unknown.add(`${rule.type} › ${t.value}`);
    }
    lines.push({ line, mode: rule.type, focus: true, known: unknown.size === 0, unknown: [...unknown] });
  }
  return { lines, excluded: 0 };
}

// ---------------------------------------------------------------- BIRD

type BirdContext = BirdBlockKind | 'filter' | 'list' | 'other';
const BIRD_PROTOCOL_KINDS = new Set(['device', 'direct', 'kernel', 'static', 'ospf']);
const BIRD_CHANNELS = new Set(['ipv4', 'ipv6', 'vpn4', 'vpn6', 'roa4', 'roa6', 'flow4', 'flow6', 'mpls']);

/** Longest keyword phrase (up to four words) at the start of the statement, as hover finds it. */
export function birdPhrase(list: BirdKeyword[], tokens: Token[]): BirdKeyword | undefined {
  for (let n = Math.min(4, tokens.length); n >= 1; n--) {
    const phrase = tokens.slice(0, n).map((t) => t.text).join(' ');
    const kw = list.find((k) => k.name === phrase);
    if (kw) return kw;
  }
  return undefined;
}

/** Block kind owned by statement `owner` (known or not) inside a block of kind `parent` (assist.ts `childContext`). */
function birdChild(parent: BirdContext, owner: SyntaxNode, ownerKnown: boolean): BirdContext {
  const w = owner.tokens[0]?.text ?? '';
  if (parent === 'global') {
    if (w === 'protocol' || w === 'template') {
      const kind = owner.tokens[1]?.text ?? '';
      return BIRD_PROTOCOL_KINDS.has(kind) ? (kind as BirdBlockKind) : 'protocol';
    }
    if (w === 'filter' || w === 'function') return 'filter';
  } else if (['protocol', 'device', 'direct', 'kernel', 'static', 'ospf'].includes(parent)) {
    if (BIRD_CHANNELS.has(w)) return 'channel';
    if (parent === 'ospf' && w === 'area') return 'area';
  } else if (parent === 'area') {
    if (w === 'interface') return 'interface';
    if (w === 'stubnet') return 'stubnet';
  } else if (parent === 'interface' && (w === 'password' || w === 'key')) return 'password';
  // Filter code: `filter`/`function` bodies, channel (or BIRD 1 protocol) `import`/`export` filter blocks.
  if (parent === 'filter' || w === 'import' || w === 'export') return 'filter';
  // The body of a known keyword that takes a list (`neighbors { … }`, `networks { … }`, a static route's attributes)
  // is data, not commands.
  return ownerKnown ? 'list' : 'other';
}

function classifyBird(parsed: ParseResult<SyntaxNode>): FileCoverage {
  const text = parsed.text;
  const starts = lineStarts(text);
  const lines: CoverageLine[] = [];
  let excluded = 0;
  const visit = (block: SyntaxNode, ctx: BirdContext, label: string, focus: boolean) => {
    for (const st of block.children) {
      const toks = st.tokens.filter((t) => t.kind !== 'comment');
      if (!toks.length || (toks.length === 1 && toks[0].text === ';')) continue;
      if (ctx === 'filter' || ctx === 'list') {
        excluded++;
        continue;
      }
      const list = ctx === 'other' ? undefined : BIRD_CATALOG[ctx];
      const kw = list ? birdPhrase(list, toks) : undefined;
      const w0 = toks[0].text;
      const isOspf = ctx === 'global' && (w0 === 'protocol' || w0 === 'template') && toks[1]?.text === 'ospf';
      const f = focus || isOspf;
      const key = kw ? kw.name : isArgument(toks[1]?.text ?? '1') ? w0 : `${w0} ${toks[1].text}`;
      lines.push({ line: lineOf(toks[0].start, starts), mode: label, focus: f, known: kw !== undefined, unknown: kw ? [] : [`${label} › ${key}`] });
      for (const b of st.children) {
        const child = birdChild(ctx, st, kw !== undefined);
        const childLabel = child === 'other' ? `${label} › ${key} …` : ctx === 'global' && (w0 === 'protocol' || w0 === 'template') ? `protocol ${toks[1]?.text ?? ''}` : child;
        visit(b, child, childLabel, f);
      }
    }
  };
  visit(parsed.tree, 'global', 'global', false);
  return { lines, excluded };
}

// ---------------------------------------------------------------- aggregation

export interface CoverageSummary {
  lines: number;
  known: number;
  share: number;
  focusLines: number;
  focusKnown: number;
  focusShare: number;
  excluded: number;
  topUnknown: { key: string; n: number }[];
  topUnknownFocus: { key: string; n: number }[];
}

export class CoverageTally {
  private lines = 0;
  private known = 0;
  private focusLines = 0;
  private focusKnown = 0;
  private excluded = 0;
  private unknown = new Map<string, number>();
  private unknownFocus = new Map<string, number>();

  add(fc: FileCoverage): void {
    this.excluded += fc.excluded;
    for (const l of fc.lines) {
      this.lines++;
      if (l.known) this.known++;
      if (l.focus) {
        this.focusLines++;
        if (l.known) this.focusKnown++;
      }
      for (const k of l.unknown) {
        this.unknown.set(k, (this.unknown.get(k) ?? 0) + 1);
        if (l.focus) this.unknownFocus.set(k, (this.unknownFocus.get(k) ?? 0) + 1);
      }
    }
  }

  summary(top = 20): CoverageSummary {
    const pct = (a: number, b: number) => (b ? Number(((a * 100) / b).toFixed(1)) : 100);
    const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top).map(([key, n]) => ({ key, n }));
    return {
      lines: this.lines,
      known: this.known,
      share: pct(this.known, this.lines),
      focusLines: this.focusLines,
      focusKnown: this.focusKnown,
      focusShare: pct(this.focusKnown, this.focusLines),
      excluded: this.excluded,
      topUnknown: sorted(this.unknown),
      topUnknownFocus: sorted(this.unknownFocus),
    };
  }
}
