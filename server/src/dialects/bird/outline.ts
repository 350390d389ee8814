// Outline and folding of BIRD configs, read from the structural tree, its analysis and the significant tokens the
// parser keeps: never the lossless token list, which is built on first use (a pass over the whole file; issue 16).
// Imports nothing but syntax/, dialects/types and this dialect's files.

import type { SyntaxNode, Token } from '../../syntax';
import type { FoldingRegion, OutlineSymbol } from '../types';
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

/** Document symbols: protocols (with channels, areas, interfaces), templates, filters, functions, defines, tables. */
export function birdOutline(tree: BirdTree): OutlineSymbol[] {
  const protocols: OutlineSymbol[] = [];
  const info = tree.info;
  for (const p of info.protocols) {
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
  for (const n of info.named) {
    if (n.kind === 'bird-protocol' || n.kind === 'bird-template') continue;
    const kind = n.kind === 'bird-filter' ? 'filter' : n.kind === 'bird-function' ? 'filter' : n.kind === 'bird-constant' ? 'variable' : 'object';
    const detail = n.kind.replace('bird-', '');
    named.push({ name: n.name, detail, kind, range: n.fullRange, selectionRange: n.range, children: LEAF });
  }
  return byStart(protocols, named);
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
