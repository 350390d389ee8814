// Outline and folding of ipsec.conf, read from the parse tree's statements and its comment list: never the lossless
// token list, which the parser builds on first use (a pass over the whole file; issue 16). Plain data out, no LSP.

import type { ParseResult, Token } from '../../syntax';
import type { FoldingRegion, OutlinePrevious, OutlineSymbol } from '../types';
import { lexIpsecConf } from './lexer';
import type { ObsdFile, ObsdStatement } from './parser';

/**
 * `ike esp from A to B peer C`: built by concatenation (no parts array and `join` per rule: the outline of a
 * 100k-line file labels 40,000 rules). The keyword of an ike/flow/tcpmd5 rule is its type's own string; the other
 * keywords are read once each.
 */
function statementLabel(st: ObsdStatement): string {
  const r = st.rule!;
  let s = r.type === 'sa' ? r.keyword.value : r.type;
  if (r.mode) s += ` ${r.mode.value}`;
  if (r.satype && r.satype !== r.keyword) s += ` ${r.satype.value}`;
  if (r.dir) s += ` ${r.dir.value}`;
  if (r.iface?.value) s += ` interface ${r.iface.value.value}`;
  const hs = r.hosts;
  if (hs) {
    if (hs.src.length) s += ` from ${hosts(hs.src)}`;
    if (hs.dst.length) s += ` to ${hosts(hs.dst)}`;
  }
  if (r.peer?.host) s += ` peer ${r.peer.host.written}`;
  return s;
}

function hosts(list: readonly { written: string }[]): string {
  if (list.length === 1) return list[0].written;
  let s = '{ ';
  for (let i = 0; i < list.length; i++) s += i ? `, ${list[i].written}` : list[i].written;
  return `${s} }`;
}

/** Children of a leaf symbol: one shared empty list (never written to; consumers copy). */
const LEAF: OutlineSymbol[] = [];

/**
 * One symbol per rule, macro and include statement. With the previous version's outline (`previous`), a statement
 * that ends before `previous.start - 1` (its text, the character after it and everything before it are the same in
 * both versions, and a statement's symbol reads only its own statement) keeps the previous version's symbol: an edit
 * near the end of a 100k-line file labels only the statements after it again (issue 16). The counterpart is the
 * previous symbol at the same index among those symbols, and it must cover the same range.
 *
 * Statements after the edit keep their previous label too (`afterEdit`): one that starts in the text both versions
 * end with, whose previous counterpart started and ended at the same places moved by the edit's length change, was
 * lexed from the same characters and expanded against the same macros (no macro definition touches the edit), so
 * its name, kind and detail are the previous symbol's; only its ranges are new.
 */
export function outlineIpsecConf(parsed: ParseResult<ObsdFile>, previous?: OutlinePrevious): OutlineSymbol[] {
  const res: OutlineSymbol[] = [];
  const old = previous?.outline;
  const keepBefore = previous ? previous.start - 1 : -1;
  const after = old && previous ? afterEdit(parsed, old, previous.start) : undefined;
  let o = 0;
  for (const st of parsed.tree.statements) {
    if (!st.rule && !st.macro && !st.include) continue;
    const range = st.range;
    if (old && range.end < keepBefore) {
      const o = old[res.length];
      if (o && o.range.start === range.start && o.range.end === range.end) {
        res.push(o);
        continue;
      }
    }
    if (old && after && range.start >= after.from) {
      const want = range.start - after.delta;
      while (o < old.length && old[o].range.start < want) o++;
      const prev = old[o];
      if (prev && prev.range.start === want && prev.range.end === range.end - after.delta) {
        const moved = movedSymbol(st, prev);
        if (moved) {
          res.push(moved);
          continue;
        }
      }
    }
    if (st.rule) {
      res.push({ name: statementLabel(st), kind: st.rule.type === 'ike' ? 'crypto' : 'policy', range, selectionRange: st.rule.keyword.range, children: LEAF });
    } else if (st.macro) {
      res.push({ name: st.macro.name, detail: st.macro.value.length > 60 ? `${st.macro.value.slice(0, 60)}…` : st.macro.value, kind: 'variable', range, selectionRange: st.macro.nameRange, children: LEAF });
    } else if (st.include) {
      res.push({ name: `include "${st.include.path}"`, kind: 'object', range, selectionRange: st.include.range, children: LEAF });
    }
  }
  TEXTS.set(res, parsed.text);
  return res;
}

/** The text each outline was made from (the previous version's, when it comes back as `previous.outline`). */
const TEXTS = new WeakMap<OutlineSymbol[], string>();

/**
 * Where the statements that keep their previous labels start (`from`: the text from there to the end is the previous
 * version's text from `from - delta`), or undefined when no statement after the edit can: the previous text is
 * unknown, or a macro definition of either version touches the edit (later rules may expand it differently).
 */
function afterEdit(parsed: ParseResult<ObsdFile>, old: readonly OutlineSymbol[], start: number): { from: number; delta: number } | undefined {
  const oldText = TEXTS.get(old as OutlineSymbol[]);
  const text = parsed.text;
  if (oldText === undefined) return undefined;
  const max = Math.min(text.length, oldText.length) - start;
  if (max <= 0) return undefined;
  const n = commonSuffix(oldText, text, max);
  const from = text.length - n;
  const oldFrom = oldText.length - n;
  // Macro definitions overlapping the edit (with a character of margin each side), in the previous and this version.
  for (let i = firstEndingFrom(old, start - 1); i < old.length && old[i].range.start <= oldFrom + 1; i++) if (old[i].kind === 'variable') return undefined;
  const statements = parsed.tree.statements;
  for (let i = firstEndingFrom(statements, start - 1); i < statements.length && statements[i].range.start <= from + 1; i++) if (statements[i].macro) return undefined;
  return { from, delta: text.length - oldText.length };
}

/** Index of the first of `items` (disjoint, in document order) whose range ends at or after `pos`. */
function firstEndingFrom(items: readonly { range: { end: number } }[], pos: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].range.end < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Length of the longest common suffix of `a` and `b`, at most `max`: compared a block at a time, then by character. */
function commonSuffix(a: string, b: string, max: number): number {
  const block = 4096;
  let n = 0;
  while (n + block <= max && a.substring(a.length - n - block, a.length - n) === b.substring(b.length - n - block, b.length - n)) n += block;
  while (n < max && a.charCodeAt(a.length - 1 - n) === b.charCodeAt(b.length - 1 - n)) n++;
  return n;
}

/** `st`'s symbol with the previous symbol's name, kind and detail (the same statement, moved), or undefined. */
function movedSymbol(st: ObsdStatement, prev: OutlineSymbol): OutlineSymbol | undefined {
  const range = st.range;
  if (st.rule) {
    const kind = st.rule.type === 'ike' ? 'crypto' : 'policy';
    return prev.kind === kind ? { name: prev.name, kind, range, selectionRange: st.rule.keyword.range, children: LEAF } : undefined;
  }
  if (st.macro) return prev.kind === 'variable' ? { name: prev.name, detail: prev.detail, kind: 'variable', range, selectionRange: st.macro.nameRange, children: LEAF } : undefined;
  if (st.include) return prev.kind === 'object' ? { name: prev.name, kind: 'object', range, selectionRange: st.include.range, children: LEAF } : undefined;
  return undefined;
}

/**
 * Folds statements continued over several lines and runs of two or more comment lines. A comment run is what a
 * walk of the lossless token list finds (a comment starting a line, or following only other comments, extends the
 * run; a blank line, or a line with code, ends it), computed from the comments alone: for each comment, whether code
 * precedes it on its line (the last significant token before it, found by binary search, with no line break
 * between) and how many line breaks separate it from the previous one (only those gaps are lexed).
 */
export function foldingIpsecConf(parsed: ParseResult<ObsdFile>): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  const text = parsed.text;
  const statements = parsed.tree.statements;
  for (const st of statements) {
    // A line break inside the statement, found without copying it (issue 16: one substring per statement).
    const nl = text.indexOf('\n', st.range.start);
    if (nl >= 0 && nl < st.range.end) res.push({ start: st.range.start, end: st.range.end, kind: 'region' });
  }
  const comments = parsed.tree.comments ?? [];
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  const flush = () => {
    if (count >= 2) res.push({ start: runStart, end: runEnd, kind: 'comment' });
    count = 0;
    runStart = -1;
  };
  let prev: Token | undefined;
  let prevHasCode = false;
  for (const c of comments) {
    const code = lastTokenEndBefore(statements, c.start);
    let hasCode: boolean;
    if (prev && (code === undefined || code <= prev.start)) {
      // Only whitespace and line breaks since the previous comment: one break keeps a run, two (a blank line) end it.
      const breaks = lineBreaks(text, prev.end, c.start);
      if (breaks >= 2 || (breaks === 1 && prevHasCode)) flush();
      hasCode = breaks === 0 ? prevHasCode : false;
    } else {
      // Code since the previous comment ended any run; the comment is on a line of code unless a break follows it.
      flush();
      hasCode = code !== undefined && lineBreaks(text, code, c.start) === 0;
    }
    if (!hasCode) {
      if (count === 0) runStart = c.start;
      runEnd = c.end;
      count++;
    }
    prev = c;
    prevHasCode = hasCode;
  }
  flush();
  return res.sort((a, b) => a.start - b.start);
}

/** Line breaks (newline tokens, not `\` continuations) in a gap of the text, as the lexer cuts it; 2 means 2 or more. */
function lineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  if (to > from) {
    lexIpsecConf(text, undefined, from, to, (kind) => {
      if (kind === 'newline') n++;
    });
  }
  return Math.min(n, 2);
}

/**
 * The end of the last significant token of any statement starting before `pos` (statements and their tokens are
 * in file order). A statement that ends by `pos` ends with its last token, so its tokens are not rebuilt (they are
 * lexed again on use); only a statement `pos` falls inside is searched.
 */
function lastTokenEndBefore(statements: readonly ObsdStatement[], pos: number): number | undefined {
  let lo = 0;
  let hi = statements.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (statements[mid].range.start < pos) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    if (statements[i].range.end <= pos) return statements[i].range.end;
    const toks = statements[i].tokens;
    let a = 0;
    let b = toks.length;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (toks[mid].start < pos) a = mid + 1;
      else b = mid;
    }
    if (a > 0) return toks[a - 1].end;
  }
  return undefined;
}
