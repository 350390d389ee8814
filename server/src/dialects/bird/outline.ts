// Outline and folding of BIRD configs, read from the structural tree, its analysis and the significant tokens the
// parser keeps: never the lossless token list, which is built on first use (a pass over the whole file; issue 16).
// Imports nothing but syntax/, dialects/types and this dialect's files.

import type { SyntaxNode, Token } from '../../syntax';
import type { FoldingRegion, OutlinePrevious, OutlineSymbol } from '../types';
import type { BirdTree } from './features';
import { gapTokens } from './lexer';

/** Children of a leaf symbol: one shared empty list (never written to; consumers copy). */
const LEAF: OutlineSymbol[] = [];

/** `parts` that are set, joined by `, ` (no array per symbol: a 100k-line file has ~20,000 channels; issue 16). */
function joined(a: string | false | undefined, b?: string | false | undefined, c?: string | false | undefined, d?: string | false | undefined): string {
  let res = '';
  if (a) res = a;
  if (b) res = res ? `${res}, ${b}` : b;
  if (c) res = res ? `${res}, ${c}` : c;
  if (d) res = res ? `${res}, ${d}` : d;
  return res;
}

/**
 * Document symbols: protocols (with channels, areas, interfaces), templates, filters, functions, defines, tables.
 * With the previous version's outline (`previous`), the top-level statements that end before the edit (the text up
 * to them is the same, so they make the same symbols) keep the previous symbols (issue 16): only the rest are made.
 */
export function birdOutline(tree: BirdTree, previous?: OutlinePrevious): OutlineSymbol[] {
  const protocols: OutlineSymbol[] = [];
  const info = tree.info;
  const kept = previous ? keptBefore(tree, previous) : undefined;
  const fromProtocol = kept ? kept.protocols : 0;
  const fromNamed = kept ? kept.named : 0;
  for (let i = fromProtocol; i < info.protocols.length; i++) {
    const p = info.protocols[i];
    const children: OutlineSymbol[] = [];
    for (const ch of p.channels) children.push({ name: ch.type, detail: joined(ch.import && `import ${ch.import.value}`, ch.export && `export ${ch.export.value}`) || 'channel', kind: 'section', range: ch.stmt.range, selectionRange: ch.range, children: LEAF });
    for (const a of p.areas) {
      const ifs: OutlineSymbol[] = a.interfaces.map((itf) => ({
        name: itf.patterns.map((x) => `"${x.text}"`).join(', ') || 'interface',
        detail: joined(itf.type && `type ${itf.type.value}`, itf.stub?.value && 'stub', itf.hello && `hello ${itf.hello.value}`, itf.auth && `authentication ${itf.auth.value}`),
        kind: 'interface',
        range: itf.stmt.range,
        selectionRange: itf.patterns[0]?.range ?? itf.stmt.range,
        children: LEAF,
      }));
      for (const sn of a.stubnets) ifs.push({ name: `stubnet ${sn.prefix}`, kind: 'routing', range: sn.stmt, selectionRange: sn.range, children: LEAF });
      children.push({ name: `area ${a.id}`, detail: a.type === 'normal' ? undefined : a.type, kind: 'routing', range: a.stmt.range, selectionRange: a.idRange, children: ifs });
    }
    const title = `${p.template ? 'template' : 'protocol'} ${p.kind}${p.ospfVersion ? ` v${p.ospfVersion.value}` : ''}`;
    protocols.push({
      name: p.name ? p.name.value : title,
      detail: p.name ? title + (p.from ? ` from ${p.from.value}` : '') : p.from ? `from ${p.from.value}` : undefined,
      kind: p.template ? 'object' : 'protocol',
      range: p.stmt.range,
      selectionRange: p.name?.range ?? p.kindRange,
      children,
    });
  }
  const named: OutlineSymbol[] = [];
  for (let i = fromNamed; i < info.named.length; i++) {
    const n = info.named[i];
    if (n.kind === 'bird-protocol' || n.kind === 'bird-template') continue;
    const kind = n.kind === 'bird-filter' ? 'filter' : n.kind === 'bird-function' ? 'filter' : n.kind === 'bird-constant' ? 'variable' : 'object';
    const detail = n.kind.replace('bird-', '');
    named.push({ name: n.name, detail, kind, range: n.fullRange, selectionRange: n.range, children: LEAF });
  }
  const rest = byStart(protocols, named);
  let res = rest;
  if (kept && kept.symbols.length) {
    res = kept.symbols;
    for (const x of rest) res.push(x);
  }
  recorded.set(res, record(res, res === rest ? 0 : res.length - rest.length, previous && recorded.get(previous.outline), info, fromProtocol));
  return res;
}

/**
 * What each outline was made from, as plain data: per symbol its range (the previous outline's range objects may be
 * a re-parse's nodes', moved since) and whether it came from a protocol.
 */
interface Recorded {
  starts: Int32Array;
  ends: Int32Array;
  protocol: Uint8Array;
}
const recorded = new WeakMap<OutlineSymbol[], Recorded>();

function record(res: readonly OutlineSymbol[], kept: number, old: Recorded | undefined, info: BirdTree['info'], fromProtocol: number): Recorded {
  const n = res.length;
  const r: Recorded = { starts: new Int32Array(n), ends: new Int32Array(n), protocol: new Uint8Array(n) };
  if (old && kept > 0) {
    r.starts.set(old.starts.subarray(0, kept));
    r.ends.set(old.ends.subarray(0, kept));
    r.protocol.set(old.protocol.subarray(0, kept));
  }
  // The symbols made: a protocol's range is its statement's range object, told apart by walking the protocols in step.
  let p = old && kept > 0 ? fromProtocol : 0;
  const ps = info.protocols;
  for (let i = old && kept > 0 ? kept : 0; i < n; i++) {
    const s = res[i];
    r.starts[i] = s.range.start;
    r.ends[i] = s.range.end;
    if (p < ps.length && ps[p].stmt.range === s.range) {
      r.protocol[i] = 1;
      p++;
    }
  }
  return r;
}

/**
 * The previous symbols of the statements that end before `previous.start - 1` (their text and the character after
 * them unchanged) and how many protocols and named definitions of the new analysis they stand for; undefined when
 * the two cannot be matched (then everything is made again).
 */
function keptBefore(tree: BirdTree, previous: OutlinePrevious): { symbols: OutlineSymbol[]; protocols: number; named: number } | undefined {
  const rec = recorded.get(previous.outline);
  if (!rec) return undefined;
  const limit = previous.start - 1;
  const old = previous.outline;
  let k = 0;
  let protocols = 0;
  while (k < old.length && rec.ends[k] < limit) {
    if (rec.protocol[k]) protocols++;
    k++;
  }
  const info = tree.info;
  // The new protocols before the limit must be as many, at the same offsets (the text before it is the same).
  const ps = info.protocols;
  let np = 0;
  while (np < ps.length && ps[np].stmt.range.end < limit) np++;
  if (np !== protocols) return undefined;
  const symbols: OutlineSymbol[] = [];
  let p = 0;
  for (let i = 0; i < k; i++) {
    if (rec.protocol[i]) {
      const r = ps[p++].stmt.range;
      if (r.start !== rec.starts[i] || r.end !== rec.ends[i]) return undefined;
    }
    symbols.push(old[i]);
  }
  // Named definitions before the limit (those outlined and the protocol and template ones the outline skips).
  const ns = info.named;
  let nn = 0;
  while (nn < ns.length && ns[nn].fullRange.end < limit) nn++;
  let outlined = 0;
  for (let i = 0; i < nn; i++) if (ns[i].kind !== 'bird-protocol' && ns[i].kind !== 'bird-template') outlined++;
  if (outlined !== k - protocols) return undefined;
  // Everything made after them must start after the last kept symbol.
  const lastStart = k > 0 ? rec.starts[k - 1] : -1;
  if ((np < ps.length && ps[np].stmt.range.start <= lastStart) || (nn < ns.length && ns[nn].fullRange.start <= lastStart)) return undefined;
  for (let i = 0; i < nn; i++) if (!(ns[i].fullRange.end < limit) || (i > 0 && ns[i - 1].fullRange.start > ns[i].fullRange.start)) return undefined;
  return { symbols, protocols: np, named: nn };
}

/**
 * Both lists in one, by range start, as a stable sort of their concatenation orders them: a merge when each list
 * is in document order (they are, as the parser lists them), else that sort.
 */
function byStart(a: OutlineSymbol[], b: OutlineSymbol[]): OutlineSymbol[] {
  const ordered = (l: OutlineSymbol[]) => {
    for (let i = 1; i < l.length; i++) if (l[i - 1].range.start > l[i].range.start) return false;
    return true;
  };
  if (!ordered(a) || !ordered(b)) return [...a, ...b].sort((x, y) => x.range.start - y.range.start);
  const res: OutlineSymbol[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  // Ties take `a` first: a stable sort keeps the concatenation's order.
  while (i < a.length && j < b.length) res[o++] = b[j].range.start < a[i].range.start ? b[j++] : a[i++];
  while (i < a.length) res[o++] = a[i++];
  while (j < b.length) res[o++] = b[j++];
  return res;
}

/**
 * Folding: every multi-line brace block and every run of comments spanning several lines. `significant` is the
 * parser's list of significant tokens and comments in document order: a run is consecutive comments with no other
 * token between them and no blank line (a line break followed by an empty line) in the gap, the same runs a walk of
 * the lossless token list finds; only the gaps between two comments are cut into tokens.
 */
export function birdFolding(tree: SyntaxNode, significant: readonly Token[], text: string): FoldingRegion[] {
  // Blocks in document order (a pre-order walk: each block starts after the one before it), so whether a block spans
  // lines is read from one forward cursor on the next line break: linear, without an array of every line break.
  const blocks: FoldingRegion[] = [];
  const stack: SyntaxNode[] = [tree];
  let nl = -1;
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'BirdBlock') {
      const start = n.range.start;
      if (nl < start && nl !== Infinity) {
        nl = text.indexOf('\n', start);
        if (nl < 0) nl = Infinity;
      }
      if (nl < n.range.end) blocks.push({ start, end: n.range.end, kind: 'region' });
    }
    const children = n.children;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  const comments: FoldingRegion[] = [];
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  const flush = () => {
    if (runStart >= 0 && (count > 1 || hasNewline(text, runStart, runEnd))) comments.push({ start: runStart, end: runEnd, kind: 'comment' });
    runStart = -1;
    count = 0;
  };
  const gap: Token[] = [];
  for (const t of significant) {
    if (t.kind !== 'comment') {
      if (runStart >= 0) flush();
      continue;
    }
    if (runStart >= 0) {
      gap.length = 0;
      gapTokens(text, runEnd, t.start, gap);
      for (const g of gap) if (g.kind === 'newline' && blankLineAhead(text, g.end)) {
        flush();
        break;
      }
    }
    if (runStart < 0) runStart = t.start;
    runEnd = t.end;
    count++;
  }
  flush();
  if (comments.length === 0) return blocks;
  // Both lists are in document order and never share a start: one merge.
  const res: FoldingRegion[] = new Array(blocks.length + comments.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < blocks.length && j < comments.length) res[o++] = blocks[i].start < comments[j].start ? blocks[i++] : comments[j++];
  while (i < blocks.length) res[o++] = blocks[i++];
  while (j < comments.length) res[o++] = comments[j++];
  return res;
}

function hasNewline(text: string, start: number, end: number): boolean {
  const i = text.indexOf('\n', start);
  return i >= 0 && i < end;
}

function blankLineAhead(text: string, at: number): boolean {
  let i = at;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === '\n' || text[i] === '\r';
}
