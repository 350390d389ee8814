// RouterOS lexer and parser: `/export` output and hand-written scripts into a lossless, line-recovering tree.
// Joins `\`-continued physical lines into logical lines (keeping physical offsets), resolves menu paths and
// parameter-name prefixes against the catalog. Imports only syntax/ and the catalog; never throws.

import type { ParseResult, SyntaxDiagnostic, SyntaxNode, TextRange, Token } from '../../syntax';
import { CHILDREN, GENERIC_VERBS, menuSpec, resolveParam, type MenuSpec, type ParamSpec } from './catalog';

/** `key=value` (or a bare flag) on a command line. */
export interface RosParam extends SyntaxNode {
  kind: 'RosParam';
  /** As written (may be a prefix: `proto`). */
  name: string;
  /** Resolved full name (`protocol`), or the written name when unknown. */
  key: string;
  nameRange: TextRange;
  /** Decoded value (quotes and escapes removed); undefined for a bare flag. */
  value?: string;
  /** Range of the value as written (including quotes). */
  valueRange?: TextRange;
  quoted: boolean;
  /** The value is an expression (`$x`, `[...]`, `(...)`): never validated. */
  expression: boolean;
  spec?: ParamSpec;
}

/** A positional word after the command (`set ether1 …`, `set 0 …`, `action accept`). */
export interface RosArg {
  value: string;
  range: TextRange;
}

/** `[ find … ]` item selector. */
export interface RosFind {
  range: TextRange;
  /** `key=value` conditions inside the brackets (`default-name=ether1`, `default=yes`). */
  conditions: { key: string; value: string; range: TextRange; valueRange: TextRange }[];
  text: string;
}

export interface RosCommand extends SyntaxNode {
  kind: 'RosCommand';
  /** Effective absolute menu path, space separated without leading slash (`ip ipsec peer`). */
  path: string;
  /** Range of path words written on this line (absent when the path comes from a preceding menu line). */
  pathRange?: TextRange;
  pathAbsolute: boolean;
  verb?: { name: string; range: TextRange };
  find?: RosFind;
  /** First positional argument of set/remove/enable/disable when no `[find]` is used (item name or number). */
  target?: RosArg;
  params: RosParam[];
  args: RosArg[];
  menu?: MenuSpec;
}

/** A path line on its own (`/ip address`): sets the menu for the following lines. */
export interface RosMenu extends SyntaxNode {
  kind: 'RosMenu';
  path: string;
}

export interface RosComment extends SyntaxNode {
  kind: 'RosComment';
  text: string;
}

/** `:local`, `:if`, `{ … }` and other scripting: kept structurally, not interpreted. */
export interface RosScript extends SyntaxNode {
  kind: 'RosScript';
}

export type RosStatement = RosCommand | RosMenu | RosComment | RosScript;

export interface RosTree extends SyntaxNode {
  kind: 'RosRoot';
  children: RosStatement[];
  /** Version stated by the export header (`# … by RouterOS 7.11`). */
  headerVersion?: string;
}

export interface RosParseOptions {
  routerosVersion?: 6 | 7;
  /** Report commands in menus the catalog does not know (`syntax/unknown-command`, information). */
  reportUnknownCommands?: boolean;
}

const MAX_BRACE_LINES = 100;

interface Logical {
  /** Logical text: continuations removed, newlines kept only inside brace blocks. */
  text: string;
  /** Segments as flat pairs [logicalStart, physicalStart, …]: logical text is physical text with gaps cut out. */
  segs: number[];
  start: number;
  /** Physical end of content (before the terminating newline). */
  end: number;
  /** Physical offset after the terminator. */
  next: number;
  unbalancedBrace?: number;
}

function isNl(c: number): boolean {
  return c === 10 || c === 13;
}

/** Physical offset of logical offset `l`: binary search over the segments (one per continuation, so up to one per line). */
function physOf(segs: number[], l: number): number {
  let lo = 0;
  let hi = (segs.length >> 1) - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid * 2] <= l) lo = mid;
    else hi = mid - 1;
  }
  const k = lo * 2;
  return segs[k + 1] + (l - segs[k]);
}

/** Reads one logical line starting at physical offset `p`. Linear in the consumed text (capped for braces). */
function readLogical(src: string, p: number): Logical {
  const n = src.length;
  let text = '';
  const segs: number[] = [];
  let i = p;
  let inQuote = false;
  let depth = 0;
  let braceLines = 0;
  let firstBrace = -1;
  let firstLineEnd = -1;
  let chunkStart = i;
  const flush = (to: number) => {
    if (to > chunkStart) {
      segs.push(text.length, chunkStart);
      text += src.slice(chunkStart, to);
    }
  };
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 92 /* \ */) {
      const d = src.charCodeAt(i + 1);
      if (i + 1 < n && isNl(d)) {
        // Continuation: backslash, newline, and the next line's indentation vanish [export wraps at 80 columns].
        flush(i);
        let j = i + 1;
        if (d === 13 && src.charCodeAt(j + 1) === 10) j += 2;
        else j += 1;
        while (j < n && (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9)) j++;
        i = j;
        chunkStart = i;
        continue;
      }
      if (inQuote && i + 1 < n) {
        i += 2;
        continue;
      }
      i++;
      continue;
    }
    if (c === 34 /* " */) {
      inQuote = !inQuote;
      i++;
      continue;
    }
    if (!inQuote) {
      if (c === 123 /* { */) {
        if (depth === 0 && firstBrace < 0) firstBrace = i;
        depth++;
      } else if (c === 125 /* } */ && depth > 0) depth--;
    }
    if (isNl(c)) {
      if (depth > 0 && braceLines < MAX_BRACE_LINES) {
        if (firstLineEnd < 0) firstLineEnd = i;
        braceLines++;
        i += c === 13 && src.charCodeAt(i + 1) === 10 ? 2 : 1;
        continue;
      }
      break;
    }
    i++;
  }
  if (depth > 0 && firstLineEnd >= 0) {
    // Never closed: fall back to the first physical line so the rest of the file still parses line by line.
    // Re-read the first line only (continuations still apply).
    const first = readFirstLineOnly(src, p, firstLineEnd);
    return { ...first, unbalancedBrace: firstBrace };
  }
  flush(i);
  const end = i;
  let next = i;
  if (next < n) next += src.charCodeAt(next) === 13 && src.charCodeAt(next + 1) === 10 ? 2 : 1;
  if (segs.length === 0) segs.push(0, p);
  return { text, segs, start: p, end, next, unbalancedBrace: depth > 0 ? firstBrace : undefined };
}

function readFirstLineOnly(src: string, p: number, lineEnd: number): Logical {
  let text = '';
  const segs: number[] = [];
  let i = p;
  let chunkStart = p;
  while (i < lineEnd) {
    const c = src.charCodeAt(i);
    if (c === 92 && isNl(src.charCodeAt(i + 1)) && i + 1 < lineEnd) {
      segs.push(text.length, chunkStart);
      text += src.slice(chunkStart, i);
      let j = i + 1;
      j += src.charCodeAt(j) === 13 && src.charCodeAt(j + 1) === 10 ? 2 : 1;
      while (j < lineEnd && (src.charCodeAt(j) === 32 || src.charCodeAt(j) === 9)) j++;
      i = chunkStart = j;
      continue;
    }
    i++;
  }
  segs.push(text.length, chunkStart);
  text += src.slice(chunkStart, lineEnd);
  let next = lineEnd;
  if (next < src.length) next += src.charCodeAt(next) === 13 && src.charCodeAt(next + 1) === 10 ? 2 : 1;
  return { text, segs, start: p, end: lineEnd, next };
}

/** A significant token of a logical line, with its logical span and decoded value. */
interface LTok {
  kind: 'word' | 'string' | 'punct' | 'comment';
  ls: number;
  le: number;
  /** Decoded text (strings: unescaped content without quotes). */
  value: string;
  unterminated?: boolean;
  /** Whitespace (or line start) precedes it in the logical text. */
  spaced: boolean;
}

const PUNCT = new Set(['=', '[', ']', '{', '}', '(', ')', ';']);

/** `= [ ] { } ( ) ;` by char code, cheaper than a Set lookup in the hot loop. */
function isPunctCode(c: number): boolean {
  return c === 61 || c === 91 || c === 93 || c === 123 || c === 125 || c === 40 || c === 41 || c === 59;
}

function decodeEscape(s: string, i: number): { text: string; len: number } {
  const c = s[i + 1];
  switch (c) {
    case 'n':
      return { text: '\n', len: 2 };
    case 'r':
      return { text: '\r', len: 2 };
    case 't':
      return { text: '\t', len: 2 };
    case '_':
      return { text: ' ', len: 2 };
    case 'a':
      return { text: '\x07', len: 2 };
    case 'b':
      return { text: '\b', len: 2 };
    case 'f':
      return { text: '\f', len: 2 };
    case 'v':
      return { text: '\v', len: 2 };
    default: {
      const hex = s.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(hex)) return { text: String.fromCharCode(parseInt(hex, 16)), len: 3 };
      return { text: c ?? '', len: c === undefined ? 1 : 2 };
    }
  }
}

function lexLogical(t: string): LTok[] {
  const res: LTok[] = [];
  const n = t.length;
  let i = 0;
  let spaced = true;
  let lineStart = true;
  while (i < n) {
    const c = t[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (c === '\n' || c === '\r') lineStart = true;
      spaced = true;
      i++;
      continue;
    }
    const s = i;
    if (c === '#' && (lineStart || (res.length > 0 && res[res.length - 1].value === ';' && spaced))) {
      while (i < n && t[i] !== '\n' && t[i] !== '\r') i++;
      res.push({ kind: 'comment', ls: s, le: i, value: t.slice(s, i), spaced });
    } else if (c === '"') {
      i++;
      // Runs without escapes are cut in one slice: adding a character at a time made a chain of cons strings
      // (one 32-byte object per character past the 13th) that the tree then kept for every quoted value.
      let v = '';
      let closed = false;
      let run = i;
      while (i < n) {
        const d = t.charCodeAt(i);
        if (d === 92 /* \ */ && i + 1 < n) {
          const e = decodeEscape(t, i);
          v = v === '' ? t.slice(run, i) + e.text : `${v}${t.slice(run, i)}${e.text}`;
          i += e.len;
          run = i;
          continue;
        }
        if (d === 34 /* " */) {
          closed = true;
          break;
        }
        i++;
      }
      v = v === '' ? t.slice(run, i) : v + t.slice(run, i);
      if (closed) i++;
      res.push({ kind: 'string', ls: s, le: i, value: v, unterminated: !closed, spaced });
    } else if (PUNCT.has(c)) {
      i++;
      res.push({ kind: 'punct', ls: s, le: i, value: c, spaced });
    } else if (c === '/' && spaced) {
      i++;
      res.push({ kind: 'punct', ls: s, le: i, value: '/', spaced });
    } else {
      while (i < n) {
        const d = t.charCodeAt(i);
        if (d === 32 || d === 9 || d === 10 || d === 13 || d === 34 || isPunctCode(d)) break;
        i++;
      }
      res.push({ kind: 'word', ls: s, le: i, value: t.slice(s, i), spaced });
    }
    spaced = false;
    lineStart = false;
  }
  return res;
}

const SEGMENT = /^[a-z][a-z0-9_-]*$/i;

/** More segments than the deepest menu the catalog knows (plus `..` steps) never name a known menu. */
const CATALOG_DEPTH = (() => {
  let max = 0;
  for (const k of CHILDREN.keys()) max = Math.max(max, k === '' ? 1 : k.split(' ').length + 1);
  return max;
})();

/** Deepest menu path a RouterOS line may set as its context (real menus are at most five or six deep). */
const MAX_MENU_DEPTH = 16;

/** Whether `path` (space separated) has at most `max` segments, without scanning a long path to its end. */
function depthAtMost(path: string, max: number): boolean {
  if (path === '') return true;
  let spaces = 0;
  for (let i = path.indexOf(' '); i >= 0; i = path.indexOf(' ', i + 1)) if (++spaces >= max) return false;
  return true;
}

/** Parses RouterOS text. Never throws. */
export function parseRouterOs(text: string, options: RosParseOptions = {}): ParseResult<RosTree> {
  const diagnostics: SyntaxDiagnostic[] = [];
  const children: RosStatement[] = [];
  let context = '';
  let headerVersion: string | undefined;
  let p = 0;
  const n = text.length;
  while (p < n) {
    const line = readLogical(text, p);
    const ltoks = lexLogical(line.text);
    const phys = (lt: LTok): Token => {
      const start = physOf(line.segs, lt.ls);
      const end = physOf(line.segs, lt.le - 1) + 1;
      const kind = lt.kind === 'word' ? (/^\d+$/.test(lt.value) ? 'number' : 'word') : lt.kind;
      // Without a continuation inside, the physical text equals the lexed word: share the string.
      return { kind, start, end, text: lt.kind === 'word' && end - start === lt.le - lt.ls ? lt.value : text.slice(start, end) };
    };
    const ptoks = ltoks.map(phys);
    if (line.unbalancedBrace !== undefined) {
      diagnostics.push({ range: { start: line.unbalancedBrace, end: line.unbalancedBrace + 1 }, severity: 'error', code: 'syntax/unbalanced-bracket', message: 'This `{` is never closed.' });
    }
    // Split into statements at top-level `;`.
    let depth = 0;
    let stmtStart = 0;
    const stmts: [number, number][] = [];
    for (let k = 0; k < ltoks.length; k++) {
      const v = ltoks[k];
      if (v.kind !== 'punct') continue;
      if (v.value === '[' || v.value === '{' || v.value === '(') depth++;
      else if ((v.value === ']' || v.value === '}' || v.value === ')') && depth > 0) depth--;
      else if (v.value === ';' && depth === 0) {
        stmts.push([stmtStart, k]);
        stmtStart = k + 1;
      }
    }
    stmts.push([stmtStart, ltoks.length]);
    const prev = children[children.length - 1];
    if (
      stmts.length === 1 &&
      ltoks.length >= 2 &&
      ltoks[0].kind === 'word' &&
      ltoks[1].kind === 'punct' &&
      ltoks[1].value === '=' &&
      !ltoks[1].spaced &&
      (text.charCodeAt(line.start) === 32 || text.charCodeAt(line.start) === 9) &&
      prev?.kind === 'RosCommand' &&
      prev.verb &&
      (prev.verb.name === 'add' || prev.verb.name === 'set')
    ) {
      // An indented `key=value …` line after a command: the `\` was lost (common when configs are pasted
      // from web pages). RouterOS would run it as a separate, broken command; we keep the intent and warn.
      const prevEnd = prev.range.end;
      diagnostics.push({
        range: { start: ptoks[0].start, end: ptoks[0].end },
        severity: 'warning',
        code: 'syntax/missing-continuation',
        message: 'This line continues the previous command but the previous line does not end with `\\`; RouterOS runs it as a separate command.',
        fixes: [{ title: 'Add `\\` at the end of the previous line', edits: [{ range: { start: prevEnd, end: prevEnd }, newText: ' \\' }], isPreferred: true }],
      });
      checkBalance(ltoks, ptoks, diagnostics);
      parseArgs(prev, ltoks, ptoks, 0, text, diagnostics);
      for (const t of ptoks) prev.tokens.push(t); // in place: many such lines in a row must stay linear
      prev.range = { start: prev.range.start, end: ptoks[ptoks.length - 1].end };
      p = line.next;
      continue;
    }
    for (const [a, b] of stmts) {
      if (a >= b) continue;
      const st = parseStatement(text, ltoks.slice(a, b), ptoks.slice(a, b), context, diagnostics);
      if (!st) continue;
      // A path deeper than any RouterOS menu cannot exist (RouterOS answers "bad command name" and keeps its menu);
      // adopting it would make every later line resolve against it (a 60 KB path line made the file quadratic).
      if (st.kind === 'RosMenu' && depthAtMost(st.path, MAX_MENU_DEPTH)) context = st.path;
      if (st.kind === 'RosComment' && headerVersion === undefined && children.length < 3) {
        const hv = /by RouterOS (\d+(?:\.\d+)*)/.exec(st.text);
        if (hv) headerVersion = hv[1];
      }
      children.push(st);
    }
    p = line.next;
    if (line.next <= line.start) break;
  }
  if (options.reportUnknownCommands) {
    for (const st of children) {
      if (st.kind !== 'RosCommand' || !st.verb || menuSpec(st.path) || st.path === '') continue;
      diagnostics.push({ range: st.pathRange ?? st.verb.range, severity: 'information', code: 'syntax/unknown-command', message: `netcfg does not know the menu /${st.path}; its commands are not checked.` });
    }
  }
  const tree: RosTree = { kind: 'RosRoot', range: { start: 0, end: n }, tokens: [], children, headerVersion };
  // The document token list (with whitespace/newline/continuation tokens) is built on first use: nodes already
  // hold every significant token, and most consumers never need the gaps, which are half of all tokens.
  const result = { text, tree, diagnostics } as ParseResult<RosTree>;
  let cached: Token[] | undefined;
  Object.defineProperty(result, 'tokens', { enumerable: true, get: () => (cached ??= documentTokens(text, children)) });
  return result;
}

/** All tokens of the document in order: the statements' significant tokens with the gaps between them filled. */
function documentTokens(text: string, children: RosStatement[]): Token[] {
  const tokens: Token[] = [];
  const pushGap = (from: number, to: number) => {
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      const s = i;
      if (c === 10 || c === 13) {
        i += c === 13 && text.charCodeAt(i + 1) === 10 && i + 1 < to ? 2 : 1;
        tokens.push({ kind: 'newline', start: s, end: i, text: text.slice(s, i) });
      } else if (c === 32 || c === 9) {
        while (i < to && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
        tokens.push({ kind: 'whitespace', start: s, end: i, text: text.slice(s, i) });
      } else if (c === 92 || c === 59) {
        i++;
        tokens.push({ kind: 'punct', start: s, end: i, text: text[s] });
      } else {
        while (i < to) {
          const d = text.charCodeAt(i);
          if (d === 10 || d === 13 || d === 32 || d === 9 || d === 92 || d === 59) break;
          i++;
        }
        tokens.push({ kind: 'bogus', start: s, end: i, text: text.slice(s, i) });
      }
    }
  };
  let cursor = 0;
  for (const st of children) {
    for (const t of st.tokens) {
      if (t.start < cursor) continue;
      pushGap(cursor, t.start);
      tokens.push(t);
      cursor = t.end;
    }
  }
  pushGap(cursor, text.length);
  return tokens;
}

function rangeOf(toks: Token[]): TextRange {
  return toks.length ? { start: toks[0].start, end: toks[toks.length - 1].end } : { start: 0, end: 0 };
}

/** Matches the bracket that closes lt[i] (an opener); returns its index or -1. */
function closing(lt: LTok[], i: number): number {
  const open = lt[i].value;
  const close = open === '[' ? ']' : open === '{' ? '}' : ')';
  let depth = 0;
  for (let k = i; k < lt.length; k++) {
    const t = lt[k];
    if (t.kind !== 'punct') continue;
    if (t.value === '[' || t.value === '{' || t.value === '(') depth++;
    else if (t.value === ']' || t.value === '}' || t.value === ')') {
      depth--;
      if (depth === 0) return t.value === close ? k : -1;
    }
  }
  return -1;
}

function checkBalance(lt: LTok[], pt: Token[], diagnostics: SyntaxDiagnostic[]): void {
  const stack: number[] = [];
  for (let k = 0; k < lt.length; k++) {
    const t = lt[k];
    if (t.kind === 'string' && t.unterminated) {
      diagnostics.push({ range: { start: pt[k].start, end: pt[k].end }, severity: 'error', code: 'syntax/unterminated-string', message: 'Unterminated string: the closing `"` is missing.' });
    }
    if (t.kind !== 'punct') continue;
    if (t.value === '[' || t.value === '(' || t.value === '{') stack.push(k);
    else if (t.value === ']' || t.value === ')' || t.value === '}') {
      const o = stack.pop();
      const want = o === undefined ? undefined : lt[o].value === '[' ? ']' : lt[o].value === '(' ? ')' : '}';
      if (o === undefined || want !== t.value) {
        diagnostics.push({ range: { start: pt[k].start, end: pt[k].end }, severity: 'error', code: 'syntax/unbalanced-bracket', message: `Unexpected \`${t.value}\`: no matching opening bracket.` });
        if (o !== undefined) stack.push(o);
      }
    }
  }
  for (const o of stack) {
    if (lt[o].value === '{') continue; // reported by the logical-line reader when never closed
    diagnostics.push({ range: { start: pt[o].start, end: pt[o].end }, severity: 'error', code: 'syntax/unbalanced-bracket', message: `This \`${lt[o].value}\` is never closed.` });
  }
}

function parseStatement(src: string, lt: LTok[], pt: Token[], context: string, diagnostics: SyntaxDiagnostic[]): RosStatement | undefined {
  const range = rangeOf(pt);
  if (lt[0].kind === 'comment') {
    return { kind: 'RosComment', range, tokens: pt, children: [], text: lt[0].value };
  }
  checkBalance(lt, pt, diagnostics);
  if ((lt[0].kind === 'word' && lt[0].value.startsWith(':')) || (lt[0].kind === 'punct' && (lt[0].value === '{' || lt[0].value === '}'))) {
    return { kind: 'RosScript', range, tokens: pt, children: [] };
  }
  // ---- path
  let i = 0;
  let absolute = false;
  const segs: string[] = [];
  let pathEnd = -1;
  if (lt[0].kind === 'punct' && lt[0].value === '/') {
    absolute = true;
    i = 1;
    pathEnd = 0;
  }
  let verb: { name: string; range: TextRange } | undefined;
  let lastPath = absolute ? 0 : -1;
  const base = absolute ? '' : context;
  const baseDepth = base === '' ? 0 : depthAtMost(base, CATALOG_DEPTH) ? base.split(' ').length : CATALOG_DEPTH + 1;
  while (i < lt.length) {
    const t = lt[i];
    if (t.kind === 'punct' && t.value === '/' && (absolute || segs.length > 0)) {
      lastPath = i;
      i++;
      continue;
    }
    if (t.kind !== 'word') break;
    const nextIsEq = i + 1 < lt.length && lt[i + 1].kind === 'punct' && lt[i + 1].value === '=' && !lt[i + 1].spaced;
    if (nextIsEq) break;
    // `/ip/address/add` (v7 slash syntax) arrives as one word after the leading slash.
    const parts = t.value.split('/');
    const before = segs.length;
    let verbFound = false;
    let bad = false;
    for (let q = 0; q < parts.length; q++) {
      const w = parts[q];
      if (w === '') continue;
      // Only paths within the catalog's depth can be known: a 60 KB path line must not rebuild its prefix per segment.
      const cur = baseDepth + segs.length <= CATALOG_DEPTH ? (base ? (segs.length ? `${base} ${segs.join(' ')}` : base) : segs.join(' ')) : undefined;
      const menu = cur === undefined ? undefined : menuSpec(cur);
      const isChild = cur === undefined ? false : (CHILDREN.get(cur)?.has(w) ?? false);
      if (!isChild && (GENERIC_VERBS.has(w) || (menu?.commands.includes(w) ?? false))) {
        if (q === parts.length - 1) {
          verb = { name: w, range: { start: pt[i].end - w.length, end: pt[i].end } };
          verbFound = true;
        } else bad = true;
        break;
      }
      if (w === '..' || isChild || SEGMENT.test(w)) segs.push(w);
      else {
        bad = true;
        break;
      }
    }
    if (bad) {
      segs.length = before;
      break;
    }
    if (verbFound) {
      if (segs.length > before) lastPath = i;
      i++;
      break;
    }
    lastPath = i;
    i++;
  }
  // Resolve the path.
  let path: string;
  const resolve = (from: string[]): string => {
    if (segs.length === 0) return from.join(' ');
    const out = [...from];
    for (const s of segs) {
      if (s === '..') out.pop();
      else out.push(s);
    }
    return out.join(' ');
  };
  const known = (x: string) => menuSpec(x) !== undefined || CHILDREN.has(x);
  if (absolute) path = resolve([]);
  else if (segs.length === 0) path = context;
  else {
    const rel = resolve(context ? context.split(' ') : []);
    const fromRoot = resolve([]);
    // Hand-written snippets write `ip firewall filter add …` from the root even after another menu line.
    path = segs.length && context && !known(rel) && known(fromRoot) ? fromRoot : rel;
  }
  let pathRange: TextRange | undefined;
  if (lastPath >= 0) {
    const end = verb && verb.range.start > pt[lastPath].start && verb.range.end === pt[lastPath].end ? verb.range.start - 1 : pt[lastPath].end;
    pathRange = { start: pt[0].start, end };
  }
  if (!verb && i >= lt.length && (segs.length > 0 || absolute) && (absolute || known(path))) {
    return { kind: 'RosMenu', range, tokens: pt, children: [], path };
  }
  const menu = menuSpec(path);
  const cmd: RosCommand = {
    kind: 'RosCommand',
    range,
    tokens: pt,
    children: [],
    path,
    pathRange,
    pathAbsolute: absolute,
    verb,
    params: [],
    args: [],
    menu,
  };
  if (!verb && segs.length === 0 && !absolute) {
    // No path and no verb: not a command we understand (e.g. a stray `!` line from a blog post).
    return cmd;
  }
  if (verb && path === '' && ['add', 'set', 'remove', 'enable', 'disable', 'edit', 'unset'].includes(verb.name)) {
    diagnostics.push({ range: verb.range, severity: 'error', code: 'syntax/missing-path', message: `\`${verb.name}\` without a menu path: start the line with a path such as \`/ip address\`, or put a path line before it.` });
  }
  parseArgs(cmd, lt, pt, i, src, diagnostics);
  return cmd;
}

const TARGET_VERBS = new Set(['set', 'remove', 'enable', 'disable', 'unset', 'edit', 'comment', 'move', 'get', 'reset']);

/** Parses `key=value`, flags, `[ find … ]` and positional words from token `i` on into `cmd`. */
function parseArgs(cmd: RosCommand, lt: LTok[], pt: Token[], i: number, src: string, diagnostics: SyntaxDiagnostic[]): void {
  const verb = cmd.verb;
  const menu = cmd.menu;
  const needsTarget = verb !== undefined && TARGET_VERBS.has(verb.name);
  while (i < lt.length) {
    const t = lt[i];
    if (t.kind === 'punct' && t.value === '[') {
      const c = closing(lt, i);
      const endIdx = c < 0 ? lt.length - 1 : c;
      const r = { start: pt[i].start, end: pt[endIdx].end };
      if (!cmd.find && needsTarget) cmd.find = parseFind(lt.slice(i, endIdx + 1), pt.slice(i, endIdx + 1), src, r);
      else cmd.args.push({ value: src.slice(r.start, r.end), range: r });
      i = endIdx + 1;
      continue;
    }
    if (t.kind === 'word' || t.kind === 'string') {
      const eq = i + 1 < lt.length && lt[i + 1].kind === 'punct' && lt[i + 1].value === '=' && !lt[i + 1].spaced && t.kind === 'word';
      if (eq) {
        // value: the adjacent tokens after `=`
        let k = i + 2;
        const vstart = k;
        while (k < lt.length && !lt[k].spaced) {
          if (lt[k].kind === 'punct' && (lt[k].value === '[' || lt[k].value === '(' || lt[k].value === '{')) {
            const c = closing(lt, k);
            k = c < 0 ? lt.length : c + 1;
            continue;
          }
          if (lt[k].kind === 'punct' && (lt[k].value === ']' || lt[k].value === ')' || lt[k].value === '}')) break;
          k++;
        }
        const vt = lt.slice(vstart, k);
        const vp = pt.slice(vstart, k);
        cmd.params.push(makeParam(verb?.name, menu, t, pt[i], vt, vp, pt.slice(i, k), src, diagnostics));
        i = k;
        continue;
      }
      if (t.kind === 'word' && menu && !(needsTarget && !cmd.target && !cmd.find && cmd.params.length === 0)) {
        // Bare word: a flag parameter (`passive`, `disabled`) when the catalog knows it.
        const res = resolveParam(menu, t.value);
        if ((res.kind === 'exact' || res.kind === 'prefix') && res.spec.flag) {
          cmd.params.push({ kind: 'RosParam', range: { start: pt[i].start, end: pt[i].end }, tokens: [pt[i]], children: [], name: t.value, key: res.key, nameRange: { start: pt[i].start, end: pt[i].end }, quoted: false, expression: false, spec: res.spec });
          i++;
          continue;
        }
      }
      const arg = { value: t.value, range: { start: pt[i].start, end: pt[i].end } };
      if (needsTarget && !cmd.target && !cmd.find && cmd.params.length === 0 && cmd.args.length === 0) cmd.target = arg;
      else cmd.args.push(arg);
      i++;
      continue;
    }
    cmd.args.push({ value: t.value, range: { start: pt[i].start, end: pt[i].end } });
    i++;
  }
  cmd.children = cmd.params;
}

function parseFind(lt: LTok[], pt: Token[], src: string, r: TextRange): RosFind {
  const conditions: RosFind['conditions'] = [];
  for (let k = 0; k + 2 < lt.length; k++) {
    if (lt[k].kind === 'word' && lt[k + 1].kind === 'punct' && lt[k + 1].value === '=' && (lt[k + 2].kind === 'word' || lt[k + 2].kind === 'string')) {
      conditions.push({ key: lt[k].value.replace(/^!/, ''), value: lt[k + 2].value, range: { start: pt[k].start, end: pt[k + 2].end }, valueRange: { start: pt[k + 2].start, end: pt[k + 2].end } });
      k += 2;
    }
  }
  return { range: r, conditions, text: src.slice(r.start, r.end) };
}

const ITEM_VERBS = new Set(['add', 'set', 'edit', 'unset']);

function makeParam(verb: string | undefined, menu: MenuSpec | undefined, nameTok: LTok, namePt: Token, vt: LTok[], vp: Token[], all: Token[], src: string, diagnostics: SyntaxDiagnostic[]): RosParam {
  let key = nameTok.value;
  let spec: ParamSpec | undefined;
  const nameRange = { start: namePt.start, end: namePt.end };
  if (menu) {
    const res = resolveParam(menu, nameTok.value);
    if (res.kind === 'exact' || res.kind === 'prefix') {
      key = res.key;
      spec = res.spec;
    } else if (!verb || !ITEM_VERBS.has(verb)) {
      // print/export/find take their own arguments (proplist, where, file): not item parameters.
    } else if (res.kind === 'ambiguous') {
      diagnostics.push({ range: nameRange, severity: 'information', code: 'syntax/unknown-parameter', message: `\`${nameTok.value}\` is ambiguous in /${menu.path}: it could be ${res.candidates.join(', ')}.` });
    } else {
      diagnostics.push({ range: nameRange, severity: 'information', code: 'syntax/unknown-parameter', message: `\`${nameTok.value}\` is not a parameter of /${menu.path} that netcfg knows.` });
    }
  }
  const expression = vt.some((t) => (t.kind === 'punct' && t.value !== '=') || (t.kind === 'word' && t.value.includes('$')));
  const quoted = vt.length === 1 && vt[0].kind === 'string';
  let value: string | undefined;
  let valueRange: TextRange | undefined;
  if (vt.length) {
    valueRange = { start: vp[0].start, end: vp[vp.length - 1].end };
    value = vt.length === 1 ? vt[0].value : vt.map((t) => (t.kind === 'string' ? t.value : t.value)).join('');
  } else {
    value = '';
    valueRange = { start: namePt.end + 1, end: namePt.end + 1 };
  }
  const param: RosParam = { kind: 'RosParam', range: rangeOf(all), tokens: all, children: [], name: nameTok.value, key, nameRange, value, valueRange, quoted, expression, spec };
  if (spec && verb && ITEM_VERBS.has(verb) && !expression && value !== undefined && value !== '' && (spec.type === 'enum' || spec.type === 'enum-list' || spec.type === 'bool') && spec.values) {
    validateEnum(param, spec, src, diagnostics);
  }
  return param;
}

/** The allowed value within edit distance 2 of `v` (typos like `modp1025`, `ikev2`), if exactly one is nearest. */
function closest(v: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  let tie = false;
  for (const a of allowed) {
    if (Math.abs(a.length - v.length) > 2) continue;
    const d = editDistance(v.toLowerCase(), a);
    if (d < bestD) {
      best = a;
      bestD = d;
      tie = false;
    } else if (d === bestD) tie = true;
  }
  return tie ? undefined : best;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

function validateEnum(param: RosParam, spec: ParamSpec, src: string, diagnostics: SyntaxDiagnostic[]): void {
  const allowed = spec.values!;
  const vr = param.valueRange!;
  const raw = src.slice(vr.start, vr.end);
  // Ranges of each item: only exact when the value is written plainly (no quotes/continuations).
  const plain = !param.quoted && raw === param.value;
  const items = spec.type === 'enum-list' ? param.value!.split(',') : [param.value!];
  let off = 0;
  for (const item of items) {
    if (!allowed.includes(item)) {
      const r = plain ? { start: vr.start + off, end: vr.start + off + item.length } : vr;
      const near = closest(item, allowed);
      const replacement = near === undefined ? undefined : plain ? near : items.map((x) => (x === item ? near : x)).join(',');
      diagnostics.push({
        range: r,
        severity: 'error',
        code: 'syntax/invalid-value',
        message: `\`${item}\` is not a valid value of ${param.key}; expected ${spec.type === 'enum-list' ? 'a comma-separated list of ' : 'one of '}${allowed.join(', ')}.`,
        fixes: replacement === undefined ? undefined : [{ title: `Change to \`${near}\``, edits: [{ range: r, newText: replacement }], isPreferred: true }],
      });
    }
    off += item.length + 1;
  }
}
