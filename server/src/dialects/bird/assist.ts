// Completion and hover for BIRD configs, from the keyword catalog (catalog.ts) and the analysed document:
// block-aware keywords, value enums, names of filters/templates/tables/constants, interface patterns, and for
// OSPF timers the value a paired peer uses. Hover shows keyword docs and, on OSPF interfaces, effective values
// with their source. Never shows a secret. Imports nothing but syntax/, model/, dialects/types and this dialect.

import * as model from '../../model';
import type { ParseResult, SyntaxNode, TextRange, Token } from '../../syntax';
import type { CompletionData, FeatureContext, HoverData } from '../types';
import { CATALOG, type BirdBlockKind, type BirdKeyword } from './catalog';
import type { BirdTree } from './features';
import { lowerBird } from './lower';
import { significantTokenBefore } from './parser';
import { dict } from '../../model/dict';

type Context = BirdBlockKind | 'filter' | 'other';
/** The parts of a model value hover shows (Value<T> minus its setter, so any T fits). */
type Shown = { value: unknown; default?: string };

interface Position {
  context: Context;
  /** Statement containing the offset (undefined when between statements). */
  stmt?: SyntaxNode;
  /** Significant tokens of that statement before the offset (excluding the word being typed). */
  before: Token[];
  /** The partial word at the offset. */
  word?: Token;
  /** Statements enclosing the offset, outermost first. */
  owners: SyntaxNode[];
}

const PROTOCOL_KINDS = new Set(['device', 'direct', 'kernel', 'static', 'ospf']);

/** Block kind of the block owned by `owner`, given the kind of the block `owner` sits in. */
function childContext(parent: Context, owner: SyntaxNode): Context {
  const w = owner.tokens[0]?.text ?? '';
  if (parent === 'global') {
    if (w === 'protocol' || w === 'template') {
      const kind = owner.tokens[1]?.text ?? '';
      return PROTOCOL_KINDS.has(kind) ? (kind as BirdBlockKind) : 'protocol';
    }
    if (w === 'filter' || w === 'function') return 'filter';
    return 'other';
  }
  if (['protocol', 'device', 'direct', 'kernel', 'static', 'ospf'].includes(parent)) {
    if (['ipv4', 'ipv6', 'vpn4', 'vpn6', 'roa4', 'roa6', 'flow4', 'flow6', 'mpls'].includes(w)) return 'channel';
    if (parent === 'ospf' && w === 'area') return 'area';
    return 'other';
  }
  if (parent === 'area') {
    if (w === 'interface') return 'interface';
    if (w === 'stubnet') return 'stubnet';
    return 'other';
  }
  if (parent === 'interface' && (w === 'password' || w === 'key')) return 'password';
  if (parent === 'channel' && (w === 'import' || w === 'export')) return 'filter';
  return 'other';
}

/** Finds the block context and statement at `offset`. */
function locate(parsed: ParseResult<BirdTree>, offset: number): Position {
  let context: Context = 'global';
  let block: SyntaxNode = parsed.tree;
  const owners: SyntaxNode[] = [];
  for (;;) {
    // The last statement starting before the cursor, if it is still open there (no `;` yet, or the cursor inside it).
    let stmt: SyntaxNode | undefined;
    for (const s of block.children) if (s.range.start <= offset) stmt = s;
    if (stmt) {
      const last = stmt.tokens[stmt.tokens.length - 1];
      const ended = last && last.text === ';' && last.end <= offset;
      const closedBlock = stmt.children.length > 0 && stmt.children[stmt.children.length - 1].tokens.length === 2 && stmt.range.end <= offset && !(last && last.text === 'else');
      if (ended || (closedBlock && offset > stmt.range.end)) stmt = undefined;
    }
    if (!stmt) break;
    const inner = stmt.children.find((b) => b.range.start < offset && (b.tokens.length < 2 || offset <= b.tokens[1].start));
    if (!inner) {
      owners.push(stmt);
      return finish(parsed, offset, context, stmt, owners);
    }
    owners.push(stmt);
    context = childContext(context, stmt);
    block = inner;
  }
  return finish(parsed, offset, context, undefined, owners);
}

function finish(parsed: ParseResult<BirdTree>, offset: number, context: Context, stmt: SyntaxNode | undefined, owners: SyntaxNode[]): Position {
  const tokens = stmt ? stmt.tokens.filter((t) => t.end <= offset || t.start < offset) : [];
  let word: Token | undefined;
  const last = tokens[tokens.length - 1];
  if (last && last.end === offset && (last.kind === 'word' || last.kind === 'number')) {
    word = last;
    tokens.pop();
  }
  // A statement that already ended before the offset is not "current".
  if (stmt && stmt.tokens.length && stmt.tokens[stmt.tokens.length - 1].text === ';' && stmt.tokens[stmt.tokens.length - 1].end <= offset) return { context, before: [], owners: owners.slice(0, -1) };
  if (!stmt && !word) {
    // The word ending at or containing the offset, from the parser's significant tokens (never the lossless list,
    // built on first use: a pass over the whole file on the first completion after an edit).
    const tok = significantTokenBefore(parsed, offset);
    if (tok && tok.kind === 'word') word = tok;
  }
  return { context, stmt, before: tokens, word, owners };
}

function keywordItem(kw: BirdKeyword, replace?: TextRange): CompletionData {
  return {
    label: kw.name,
    kind: 'keyword',
    detail: kw.syntax,
    documentation: keywordDoc(kw),
    insertText: kw.name,
    replaceRange: replace,
  };
}

function keywordDoc(kw: BirdKeyword): string {
  return `\`${kw.syntax}\`\n\n${kw.doc}${kw.default ? `\n\nDefault: ${kw.default}` : ''}\n\n[BIRD 2 user's guide](${kw.link})`;
}

const ENUMS: Record<string, string[]> = dict({
  type: ['broadcast', 'ptp', 'nbma', 'ptmp', 'bcast', 'pointopoint', 'nonbroadcast', 'pointomultipoint'],
  authentication: ['none', 'simple', 'cryptographic'],
  algorithm: ['hmac sha256', 'hmac sha384', 'hmac sha512', 'hmac sha1', 'keyed md5', 'keyed sha1'],
  stub: ['yes', 'no'],
  import: ['all', 'none', 'filter', 'where'],
  export: ['all', 'none', 'filter', 'where'],
});

/** Completion proposals at `offset`. */
export function birdComplete(parsed: ParseResult<BirdTree>, offset: number, ctx: FeatureContext): CompletionData[] {
  const pos = locate(parsed, offset);
  const info = parsed.tree.info;
  const replace = pos.word ? { start: pos.word.start, end: pos.word.end } : undefined;
  const res: CompletionData[] = [];
  const prev = pos.before[pos.before.length - 1]?.text;
  const first = pos.before[0]?.text;
  // Names defined elsewhere (not by the statement being written).
  const names = (kind: string) => info.named.filter((n) => n.kind === kind && !(n.fullRange.start <= offset && offset <= n.fullRange.end)).map((n) => n.name);

  if (pos.before.length === 0) {
    if (pos.context === 'filter' || pos.context === 'other') return res;
    const list = pos.context === 'protocol' ? CATALOG.protocol : CATALOG[pos.context];
    for (const kw of list) res.push(keywordItem(kw, replace));
    return res;
  }
  if (prev === 'from' && (first === 'protocol' || first === 'template')) {
    for (const n of [...names('bird-template'), ...names('bird-protocol')]) res.push({ label: n, kind: 'reference', detail: 'template', replaceRange: replace });
    return res;
  }
  if (prev === 'filter' && (first === 'import' || first === 'export')) {
    for (const n of names('bird-filter')) res.push({ label: n, kind: 'reference', detail: 'filter', replaceRange: replace });
    return res;
  }
  if (prev === 'where' && (first === 'import' || first === 'export')) {
    for (const n of names('bird-function')) res.push({ label: `${n}()`, kind: 'reference', detail: 'function', replaceRange: replace });
    return res;
  }
  if (prev === 'table' && pos.context === 'channel') {
    for (const n of ['master4', 'master6', ...names('bird-table')]) res.push({ label: n, kind: 'reference', detail: 'table', replaceRange: replace });
    return res;
  }
  if (first === 'interface' && pos.context === 'area') {
    const seen = new Set<string>();
    const add = (p: string, detail: string) => {
      if (seen.has(p)) return;
      seen.add(p);
      res.push({ label: `"${p}"`, kind: 'interface', detail, replaceRange: replace });
    };
    for (const proto of info.protocols) for (const a of proto.areas) for (const itf of a.interfaces) for (const p of itf.patterns) add(p.text, 'pattern used in this file');
    for (const p of ['eth*', 'ens*', 'wg*', 'tun*', 'vlan*']) add(p, 'interface pattern');
    return res;
  }
  if (pos.before.length === 1 && first && ENUMS[first] && (pos.context === 'interface' || pos.context === 'channel' || pos.context === 'password')) {
    for (const v of ENUMS[first]) res.push({ label: v, kind: 'enum', replaceRange: replace });
    return res;
  }
  if (pos.context === 'interface' && first && ['hello', 'dead', 'priority', 'cost'].includes(first) && pos.before.length === 1) {
    // What the other end of the link uses comes first.
    for (const peer of ctx.peers) {
      for (const itf of peer.ospfInterfaces) {
        const v = first === 'hello' ? itf.hello : first === 'dead' ? itf.dead : first === 'priority' ? itf.priority : itf.cost;
        if (!v) continue;
        res.push({ label: String(v.value), kind: 'value', detail: `used by ${peer.name} on ${itf.interfaceName}${v.default ? ` (${v.default})` : ''}`, sortText: '0', replaceRange: replace });
        break;
      }
    }
    const dflt: Record<string, number> = dict({ hello: 10, dead: 40, priority: 1, cost: 10 });
    res.push({ label: String(dflt[first]), kind: 'value', detail: 'BIRD default', sortText: '1', replaceRange: replace });
    for (const n of names('bird-constant')) res.push({ label: n, kind: 'reference', detail: 'constant', sortText: '2', replaceRange: replace });
    return res;
  }
  return res;
}

/** Longest catalog phrase starting at token `i` of `tokens`. */
function phraseAt(list: BirdKeyword[], tokens: Token[], i: number): { kw: BirdKeyword; end: number } | undefined {
  for (let n = Math.min(4, tokens.length - i); n >= 1; n--) {
    const phrase = tokens.slice(i, i + n).map((t) => t.text).join(' ');
    const kw = list.find((k) => k.name === phrase);
    if (kw) return { kw, end: tokens[i + n - 1].end };
  }
  return undefined;
}

/** Hover at `offset`. */
export function birdHover(parsed: ParseResult<BirdTree>, offset: number, ctx: FeatureContext): HoverData | undefined {
  const pos = locate(parsed, offset);
  const stmt = pos.stmt;
  if (!stmt || pos.context === 'filter' || pos.context === 'other') return undefined;
  const tok = stmt.tokens.find((t) => t.start <= offset && offset <= t.end);
  if (!tok) return undefined;
  const list = pos.context === 'protocol' ? CATALOG.protocol : CATALOG[pos.context];
  // Interface patterns: effective OSPF values of that interface.
  if (pos.context === 'area' && stmt.tokens[0]?.text === 'interface' && tok.kind === 'string') {
    const device = ctx.device?.dialect === 'bird' ? ctx.device : lowerBird(parsed.text, parsed.tree.info, [], 'file:///hover.bird').device;
    const itf = device.ospfInterfaces.find((i) => i.range.start === tok.start);
    if (itf) return { markdown: effectiveMarkdown(itf), range: { start: tok.start, end: tok.end } };
  }
  // Passwords: only the mask.
  if (tok.kind === 'string' && (stmt.tokens[0]?.text === 'password' || stmt.tokens[0]?.text === 'key')) {
    const masked = model.maskSecret({ kind: 'plain', plain: tok.text.slice(1, -1), range: tok });
    return { markdown: `OSPF authentication key ${masked}`, range: { start: tok.start, end: tok.end } };
  }
  const idx = stmt.tokens.indexOf(tok);
  // Hover on any word of the leading keyword phrase.
  for (let i = 0; i <= Math.min(idx, 3); i++) {
    const hit = phraseAt(list, stmt.tokens, i);
    if (i === 0 && hit && tok.end <= hit.end) {
      let md = `**${hit.kw.name}** (${describeContext(pos.context)})\n\n${keywordDoc(hit.kw)}`;
      const eff = pos.context === 'interface' ? effectiveFor(parsed, ctx, pos.owners, hit.kw.name) : undefined;
      if (eff) md += `\n\n${eff}`;
      return { markdown: md, range: { start: stmt.tokens[0].start, end: hit.end } };
    }
  }
  return undefined;
}

function describeContext(c: Context): string {
  return c === 'global' ? 'top level' : c === 'interface' ? 'OSPF interface' : c === 'area' ? 'OSPF area' : c === 'ospf' ? 'OSPF protocol' : c;
}

/** "Effective here: 40 s (dead count 4 × hello 10 s)" for the interface owning the hovered statement. */
function effectiveFor(parsed: ParseResult<BirdTree>, ctx: FeatureContext, owners: SyntaxNode[], keyword: string): string | undefined {
  const ifaceStmt = [...owners].reverse().find((o) => o.tokens[0]?.text === 'interface');
  const pattern = ifaceStmt?.tokens.find((t) => t.kind === 'string');
  if (!pattern) return undefined;
  const device = ctx.device?.dialect === 'bird' ? ctx.device : lowerBird(parsed.text, parsed.tree.info, [], 'file:///hover.bird').device;
  const itf = device.ospfInterfaces.find((i) => i.range.start === pattern.start);
  if (!itf) return undefined;
  const pick: Record<string, Shown | undefined> = dict({ hello: itf.hello, dead: itf.dead, 'dead count': itf.dead, priority: itf.priority, cost: itf.cost, type: itf.networkType, stub: itf.passive });
  const v = pick[keyword];
  if (!v) return undefined;
  return `Effective on \`${itf.interfaceName}\`: **${String(v.value)}**${v.default ? ` — ${v.default}` : ' (written here)'}`;
}

function effectiveMarkdown(itf: model.OspfInterface): string {
  const row = (name: string, v: Shown | undefined, show = (x: unknown) => String(x)) => (v ? `| ${name} | ${show(v.value)} | ${v.default ?? 'configured'} |` : '');
  const auth = itf.auth.value;
  const authText = auth.type === 'none' ? 'none' : `${auth.type}${auth.keyId !== undefined ? `, key id ${auth.keyId}` : ''}${auth.key ? `, key ${model.maskSecret(auth.key)}` : ''}`;
  return [
    `**OSPFv${itf.version} interface \`${itf.interfaceName}\`** — area ${itf.area.value}${itf.areaType !== 'normal' ? ` (${itf.areaType})` : ''}`,
    '',
    '| setting | value | source |',
    '|---|---|---|',
    row('type', itf.networkType),
    row('hello', itf.hello, (x) => `${x} s`),
    row('dead', itf.dead, (x) => `${x} s`),
    row('priority', itf.priority),
    row('cost', itf.cost),
    row('stub (passive)', itf.passive, (x) => (x ? 'yes' : 'no')),
    `| authentication | ${authText} | ${itf.auth.default ?? 'configured'} |`,
  ]
    .filter((l) => l !== '')
    .join('\n');
}
