// RouterOS lexer and parser: `/export` output and hand-written scripts into a lossless, line-recovering tree.
// Joins `\`-continued physical lines into logical lines (keeping physical offsets), resolves menu paths and
// parameter-name prefixes against the catalog. Imports only syntax/ and the catalog; never throws.

import type { ParseResult, SyntaxDiagnostic, SyntaxNode, TextRange, Token } from '../../syntax';
import type { ChangedSpan } from '../types';
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

/** The logical line of the fast path, reused: a line without `\\`, `"` or `{` is its physical line. */
const SIMPLE: Logical = { text: '', segs: [0, 0], start: 0, end: 0, next: 0, unbalancedBrace: undefined };

/** Reads one logical line starting at physical offset `p`. Linear in the consumed text (capped for braces). */
function readLogical(src: string, p: number): Logical {
  const n = src.length;
  let e = p;
  for (; e < n; e++) {
    const c = src.charCodeAt(e);
    if (c === 10 || c === 13 || c === 92 || c === 34 || c === 123) break;
  }
  const c = src.charCodeAt(e);
  if (e >= n || c === 10 || c === 13) {
    SIMPLE.text = src.slice(p, e);
    SIMPLE.segs[1] = p;
    SIMPLE.start = p;
    SIMPLE.end = e;
    SIMPLE.next = e < n ? e + (c === 13 && src.charCodeAt(e + 1) === 10 ? 2 : 1) : e;
    return SIMPLE;
  }
  return readLogicalFull(src, p);
}

function readLogicalFull(src: string, p: number): Logical {
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

// ---- Per-line scratch (issue 16): the tokens of one logical line as parallel arrays, reused from line to line, so
// a line costs no token object. Kinds: word, string, punct, comment. The parser is not re-entrant (it never calls
// out to code that parses), so one set of arrays serves every call.

const L_WORD = 0;
const L_STRING = 1;
const L_PUNCT = 2;
const L_COMMENT = 3;

let cap = 0;
/** Kind (L_*). */
let LK = new Uint8Array(0);
/** Logical start/end. */
let LS = new Int32Array(0);
let LE = new Int32Array(0);
/** Physical start/end. */
let PS = new Int32Array(0);
let PE = new Int32Array(0);
/** Whitespace (or line start) precedes the token in the logical text. */
let SP = new Uint8Array(0);
/** Unterminated string. */
let UT = new Uint8Array(0);
/** Punctuation: its char code. */
let PC = new Int32Array(0);
/** Decoded text (strings: unescaped content without quotes; punctuation: its character). */
const LV: string[] = [];
/** Tokens of the current line. */
let count = 0;

function grow(need: number): void {
  if (need <= cap) return;
  let c = Math.max(64, cap * 2);
  while (c < need) c *= 2;
  const u8 = (a: Uint8Array) => {
    const b = new Uint8Array(c);
    b.set(a);
    return b;
  };
  const i32 = (a: Int32Array) => {
    const b = new Int32Array(c);
    b.set(a);
    return b;
  };
  LK = u8(LK);
  LS = i32(LS);
  LE = i32(LE);
  PS = i32(PS);
  PE = i32(PE);
  SP = u8(SP);
  UT = u8(UT);
  PC = i32(PC);
  cap = c;
}

function pushTok(kind: number, ls: number, le: number, value: string, spaced: boolean, unterminated: boolean, pc: number): void {
  if (count >= cap) grow(count + 1);
  LK[count] = kind;
  LS[count] = ls;
  LE[count] = le;
  SP[count] = spaced ? 1 : 0;
  UT[count] = unterminated ? 1 : 0;
  PC[count] = pc;
  LV[count] = value;
  count++;
}

/** `= [ ] { } ( ) ;` by char code, cheaper than a Set lookup in the hot loop. */
function isPunctCode(c: number): boolean {
  return c === 61 || c === 91 || c === 93 || c === 123 || c === 125 || c === 40 || c === 41 || c === 59;
}

const C_EQ = 61;
const C_LBRACK = 91;
const C_RBRACK = 93;
const C_LBRACE = 123;
const C_RBRACE = 125;
const C_LPAREN = 40;
const C_RPAREN = 41;
const C_SEMI = 59;
const C_SLASH = 47;

function isPunct(k: number, c: number): boolean {
  return LK[k] === L_PUNCT && PC[k] === c;
}
function isOpener(k: number): boolean {
  return LK[k] === L_PUNCT && (PC[k] === C_LBRACK || PC[k] === C_LBRACE || PC[k] === C_LPAREN);
}
function isCloser(k: number): boolean {
  return LK[k] === L_PUNCT && (PC[k] === C_RBRACK || PC[k] === C_RBRACE || PC[k] === C_RPAREN);
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

/** Lexes a logical line into the scratch arrays (logical spans and values). */
function lexLogical(t: string): void {
  count = 0;
  const n = t.length;
  let i = 0;
  let spaced = true;
  let lineStart = true;
  while (i < n) {
    const c = t.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      if (c === 10 || c === 13) lineStart = true;
      spaced = true;
      i++;
      continue;
    }
    const s = i;
    if (c === 35 /* # */ && (lineStart || (count > 0 && LV[count - 1] === ';' && spaced))) {
      while (i < n && t.charCodeAt(i) !== 10 && t.charCodeAt(i) !== 13) i++;
      pushTok(L_COMMENT, s, i, t.slice(s, i), spaced, false, 0);
    } else if (c === 34 /* " */) {
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
      pushTok(L_STRING, s, i, v, spaced, !closed, 0);
    } else if (isPunctCode(c)) {
      i++;
      pushTok(L_PUNCT, s, i, t[s], spaced, false, c);
    } else if (c === C_SLASH && spaced) {
      i++;
      pushTok(L_PUNCT, s, i, '/', spaced, false, c);
    } else {
      while (i < n) {
        const d = t.charCodeAt(i);
        if (d === 32 || d === 9 || d === 10 || d === 13 || d === 34 || isPunctCode(d)) break;
        i++;
      }
      pushTok(L_WORD, s, i, t.slice(s, i), spaced, false, 0);
    }
    spaced = false;
    lineStart = false;
  }
}

/** The store of the parse under way (the parser is not re-entrant). */
let currentStore: TokenStore;

// ---- The file's token store: every statement's significant tokens, in document order, as parallel arrays; a
// statement holds the index span of its own. Token objects (text sliced from the document) are made only when a
// consumer reads `tokens`, once per statement.

const T_WORD = 0;
const T_NUMBER = 1;
const T_STRING = 2;
const T_PUNCT = 3;
const T_COMMENT = 4;
const TOKEN_KINDS: Token['kind'][] = ['word', 'number', 'string', 'punct', 'comment'];

class TokenStore {
  kinds = new Uint8Array(1024);
  starts = new Int32Array(1024);
  ends = new Int32Array(1024);
  count = 0;
  /** `text` changes only when a re-parse takes the store over (`splice`). */
  constructor(public text: string) {}
  /**
   * The store of a re-parse, in place (the previous parse is consumed): tokens before `base` kept, then the tokens of
   * `mid` (the lines read again), then this store's tokens from `tailFrom` on (`tailFrom` = count: none), their offsets
   * moved by `d`; the text becomes `text`.
   */
  splice(text: string, base: number, mid: TokenStore, tailFrom: number, d: number): void {
    const tail = this.count - tailFrom;
    const at = base + mid.count; // where the tail goes
    this.reserve(at + tail);
    const { kinds, starts, ends } = this;
    kinds.copyWithin(at, tailFrom, tailFrom + tail);
    starts.copyWithin(at, tailFrom, tailFrom + tail);
    ends.copyWithin(at, tailFrom, tailFrom + tail);
    if (d !== 0) {
      for (let k = at; k < at + tail; k++) {
        starts[k] += d;
        ends[k] += d;
      }
    }
    kinds.set(mid.kinds.subarray(0, mid.count), base);
    starts.set(mid.starts.subarray(0, mid.count), base);
    ends.set(mid.ends.subarray(0, mid.count), base);
    this.count = at + tail;
    this.text = text;
  }
  private reserve(need: number): void {
    if (need <= this.kinds.length) return;
    let c = this.kinds.length * 2;
    while (c < need) c *= 2;
    const k = new Uint8Array(c);
    k.set(this.kinds);
    const s = new Int32Array(c);
    s.set(this.starts);
    const e = new Int32Array(c);
    e.set(this.ends);
    this.kinds = k;
    this.starts = s;
    this.ends = e;
  }
  /** Appends the current line's tokens `a..b-1`; returns the store index of token `a`. */
  append(a: number, b: number): number {
    const base = this.count;
    const need = base + (b - a);
    this.reserve(need);
    for (let k = a; k < b; k++) {
      const o = base + k - a;
      const lk = LK[k];
      this.kinds[o] = lk === L_WORD ? (isDigits(LV[k]) ? T_NUMBER : T_WORD) : lk === L_STRING ? T_STRING : lk === L_PUNCT ? T_PUNCT : T_COMMENT;
      this.starts[o] = PS[k];
      this.ends[o] = PE[k];
    }
    this.count = need;
    return base;
  }
  tokens(from: number, to: number): Token[] {
    const res: Token[] = new Array(to - from);
    for (let k = from; k < to; k++) {
      const start = this.starts[k];
      const end = this.ends[k];
      res[k - from] = { kind: TOKEN_KINDS[this.kinds[k]], start, end, text: this.text.slice(start, end) };
    }
    return res;
  }
}

function isDigits(v: string): boolean {
  if (v.length === 0) return false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A statement node: its significant tokens are a span of the file's token store, made into objects on first use. */
/** Children of a statement without any (comments, menus, scripts): one shared, frozen empty list. */
const NO_CHILDREN: SyntaxNode[] = Object.freeze([]) as unknown as SyntaxNode[];

abstract class StatementNode {
  children: SyntaxNode[] = NO_CHILDREN;
  private tokenList: Token[] | undefined = undefined;
  constructor(
    public range: TextRange,
    private store: TokenStore,
    public tokenFrom: number,
    public tokenTo: number,
  ) {}
  get tokens(): Token[] {
    return (this.tokenList ??= this.store.tokens(this.tokenFrom, this.tokenTo));
  }
  /** Extends the span to the store's end (a line continuing this statement). */
  extendTokens(to: number): void {
    this.tokenTo = to;
    this.tokenList = undefined;
  }
  /**
   * Moves the node in place for a re-parse (`reparseRouterOs`): into `store`, its tokens `dTok` places on there, its
   * text `d` characters on. No range object is shared between two nodes, so each is moved once.
   */
  moveTo(store: TokenStore, dTok: number, d: number): void {
    this.store = store;
    this.tokenFrom += dTok;
    this.tokenTo += dTok;
    if (d !== 0) {
      shiftRange(this.range, d);
      this.tokenList = undefined;
    }
  }
  /** Takes over `n`'s range (in its own range object) and token span (see `adoptStatement`). */
  protected adoptSpan(n: StatementNode): void {
    setRange(this.range, n.range.start, n.range.end);
    this.store = n.store;
    this.tokenFrom = n.tokenFrom;
    this.tokenTo = n.tokenTo;
    this.tokenList = undefined;
  }
}

function shiftRange(r: TextRange, d: number): void {
  r.start += d;
  r.end += d;
}

class CommentNode extends StatementNode implements RosComment {
  readonly kind = 'RosComment';
  constructor(range: TextRange, store: TokenStore, from: number, to: number, public text: string) {
    super(range, store, from, to);
  }
}

class ScriptNode extends StatementNode implements RosScript {
  readonly kind = 'RosScript';
}

class MenuNode extends StatementNode implements RosMenu {
  readonly kind = 'RosMenu';
  constructor(range: TextRange, store: TokenStore, from: number, to: number, public path: string) {
    super(range, store, from, to);
  }
}

class CommandNode extends StatementNode implements RosCommand {
  readonly kind = 'RosCommand';
  find: RosFind | undefined = undefined;
  target: RosArg | undefined = undefined;
  params: RosParam[] = [];
  args: RosArg[] = [];
  constructor(
    range: TextRange,
    store: TokenStore,
    from: number,
    to: number,
    public path: string,
    public pathRange: TextRange | undefined,
    public pathAbsolute: boolean,
    public verb: { name: string; range: TextRange } | undefined,
    public menu: MenuSpec | undefined,
  ) {
    super(range, store, from, to);
    this.children = this.params;
  }
  override moveTo(store: TokenStore, dTok: number, d: number): void {
    super.moveTo(store, dTok, d);
    for (const p of this.params) (p as ParamNode).moveTo(store, dTok, d);
    if (d === 0) return;
    if (this.pathRange) shiftRange(this.pathRange, d);
    if (this.verb) shiftRange(this.verb.range, d);
    if (this.find) {
      shiftRange(this.find.range, d);
      for (const c of this.find.conditions) {
        shiftRange(c.range, d);
        shiftRange(c.valueRange, d);
      }
    }
    if (this.target) shiftRange(this.target.range, d);
    for (const a of this.args) shiftRange(a.range, d);
  }
  /**
   * Takes over `n`'s content, keeping this node's identity and the identity of every range object it holds (see
   * `adoptStatement`); false, with nothing changed, when the two differ in shape (path words, verb, find, target
   * or parameter count).
   */
  adopt(n: CommandNode): boolean {
    const f = this.find;
    const g = n.find;
    if (
      this.params.length !== n.params.length ||
      !this.pathRange !== !n.pathRange ||
      !this.verb !== !n.verb ||
      !f !== !g ||
      (f && g && f.conditions.length !== g.conditions.length) ||
      !this.target !== !n.target
    )
      return false;
    this.adoptSpan(n);
    this.path = n.path;
    if (this.pathRange && n.pathRange) setRange(this.pathRange, n.pathRange.start, n.pathRange.end);
    this.pathAbsolute = n.pathAbsolute;
    if (this.verb && n.verb) {
      this.verb.name = n.verb.name;
      setRange(this.verb.range, n.verb.range.start, n.verb.range.end);
    }
    this.menu = n.menu;
    if (f && g) {
      setRange(f.range, g.range.start, g.range.end);
      f.text = g.text;
      for (let k = 0; k < f.conditions.length; k++) {
        const c = f.conditions[k];
        const e = g.conditions[k];
        c.key = e.key;
        c.value = e.value;
        setRange(c.range, e.range.start, e.range.end);
        setRange(c.valueRange, e.valueRange.start, e.valueRange.end);
      }
    }
    if (this.target && n.target) {
      this.target.value = n.target.value;
      setRange(this.target.range, n.target.range.start, n.target.range.end);
    }
    this.args = n.args;
    for (let k = 0; k < this.params.length; k++) (this.params[k] as ParamNode).adopt(n.params[k] as ParamNode);
    return true;
  }
}

/**
 * Makes `kept`, a statement a re-parse replaced, equal to `made`, the statement the re-parse read in its place, so it
 * can stand in the tree instead (`relowerRouterOs`: the kept model holds `kept`'s node and range objects). Only
 * commands are taken over (the model holds no other statement); false when they differ in kind or shape.
 */
export function adoptStatement(kept: RosStatement, made: RosStatement): boolean {
  return kept instanceof CommandNode && made instanceof CommandNode && kept.adopt(made);
}

/**
 * A parameter: offsets instead of range objects and a span of the token store instead of token objects (issue 16:
 * a parameter was eight objects: itself, three ranges, its token list and three tokens). `nameRange` is made on each
 * read; `range` and `valueRange` are made on first read and kept, so the lowering's model holds the node's own
 * objects, which a re-parse moves with the node (`moveTo`) and a kept lowering's statement takes over (`adopt`):
 * what lets an edit keep the model (`relowerRouterOs`). Nothing but the node writes to them.
 */
class ParamNode implements RosParam {
  readonly kind = 'RosParam';
  value: string | undefined;
  quoted: boolean;
  expression: boolean;
  spec: ParamSpec | undefined;
  /** Start of the value as written, -1 for a bare flag. */
  private vs: number;
  private ve: number;
  /** `range` and `valueRange` once read. */
  private r: TextRange | undefined = undefined;
  private vr: TextRange | undefined = undefined;
  constructor(
    private store: TokenStore,
    private tokenFrom: number,
    private tokenTo: number,
    public name: string,
    public key: string,
    /** Name start/end; the parameter's range is name start to `end`. */
    private ns: number,
    private ne: number,
    private end: number,
    value: string | undefined,
    vs: number,
    ve: number,
    quoted: boolean,
    expression: boolean,
    spec: ParamSpec | undefined,
  ) {
    this.value = value;
    this.vs = vs;
    this.ve = ve;
    this.quoted = quoted;
    this.expression = expression;
    this.spec = spec;
  }
  get range(): TextRange {
    return (this.r ??= { start: this.ns, end: this.end });
  }
  get nameRange(): TextRange {
    return { start: this.ns, end: this.ne };
  }
  get valueRange(): TextRange | undefined {
    return this.vs < 0 ? undefined : (this.vr ??= { start: this.vs, end: this.ve });
  }
  /** The value's offsets as written, without making `valueRange` (-1 for a bare flag). */
  get valueStart(): number {
    return this.vs;
  }
  get valueEnd(): number {
    return this.ve;
  }
  get tokens(): Token[] {
    return this.store.tokens(this.tokenFrom, this.tokenTo);
  }
  get children(): SyntaxNode[] {
    return [];
  }
  /** See `StatementNode.moveTo`. */
  moveTo(store: TokenStore, dTok: number, d: number): void {
    this.store = store;
    this.tokenFrom += dTok;
    this.tokenTo += dTok;
    if (d === 0) return;
    this.ns += d;
    this.ne += d;
    this.end += d;
    if (this.r) shiftRange(this.r, d);
    if (this.vs >= 0) {
      this.vs += d;
      this.ve += d;
      if (this.vr) shiftRange(this.vr, d);
    }
  }
  /**
   * Takes over `n`'s content (a parameter the re-parse made again with the same shape): its offsets, value and token
   * span; the range objects this node gave out keep their identity and take `n`'s offsets.
   */
  adopt(n: ParamNode): void {
    this.store = n.store;
    this.tokenFrom = n.tokenFrom;
    this.tokenTo = n.tokenTo;
    this.name = n.name;
    this.key = n.key;
    this.ns = n.ns;
    this.ne = n.ne;
    this.end = n.end;
    this.value = n.value;
    this.vs = n.vs;
    this.ve = n.ve;
    this.quoted = n.quoted;
    this.expression = n.expression;
    this.spec = n.spec;
    if (this.r) setRange(this.r, n.ns, n.end);
    if (this.vr) {
      if (n.vs < 0) this.vr = undefined;
      else setRange(this.vr, n.vs, n.ve);
    }
  }
}

function setRange(r: TextRange, start: number, end: number): void {
  r.start = start;
  r.end = end;
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

/**
 * Where each logical line of a parse starts and what it had made before it (issue 16: the re-parse after an edit
 * keeps the lines before the change and after it): the physical offset of its first character, the number of
 * statements, diagnostics and store tokens before it, the menu context it was read in, and whether its reading
 * looked ahead for a `{ … }` block (a later edit may change where it ends). One entry per logical line.
 */
class LineTable {
  count = 0;
  starts: Int32Array;
  children: Int32Array;
  diags: Int32Array;
  toks: Int32Array;
  braces: Uint8Array;
  contexts: string[] = [];
  constructor(capacity = 1024) {
    this.starts = new Int32Array(capacity);
    this.children = new Int32Array(capacity);
    this.diags = new Int32Array(capacity);
    this.toks = new Int32Array(capacity);
    this.braces = new Uint8Array(capacity);
  }
  private grow(need: number): void {
    let c = this.starts.length * 2;
    while (c < need) c *= 2;
    const i32 = (a: Int32Array) => {
      const b = new Int32Array(c);
      b.set(a.subarray(0, this.count));
      return b;
    };
    this.starts = i32(this.starts);
    this.children = i32(this.children);
    this.diags = i32(this.diags);
    this.toks = i32(this.toks);
    const b = new Uint8Array(c);
    b.set(this.braces.subarray(0, this.count));
    this.braces = b;
  }
  add(start: number, children: number, diags: number, toks: number, context: string): void {
    if (this.count >= this.starts.length) this.grow(this.count + 1);
    const k = this.count++;
    this.starts[k] = start;
    this.children[k] = children;
    this.diags[k] = diags;
    this.toks[k] = toks;
    this.braces[k] = 0;
    this.contexts[k] = context;
  }
  /**
   * A re-parse's lines, in place (the previous parse is consumed): lines before `first` kept, then the lines of `mid`
   * (read again; their counts moved by `midChildren`, `midDiags` and `midToks`: they counted from 0), then the lines
   * from `tail` on (`tail` = count: none) moved by `d` and by `dChildren`, `dDiags`, `dToks`.
   */
  splice(first: number, mid: LineTable, midChildren: number, midDiags: number, midToks: number, tail: number, d: number, dChildren: number, dDiags: number, dToks: number): void {
    const kept = this.count - tail;
    const at = first + mid.count; // where the tail goes
    if (at + kept > this.starts.length) this.grow(at + kept);
    const move = (a: Int32Array | Uint8Array, by: number) => {
      a.copyWithin(at, tail, tail + kept);
      if (by !== 0) for (let k = at; k < at + kept; k++) a[k] += by;
    };
    move(this.starts, d);
    move(this.children, dChildren);
    move(this.diags, dDiags);
    move(this.toks, dToks);
    move(this.braces, 0);
    for (let k = 0; k < mid.count; k++) {
      this.starts[first + k] = mid.starts[k];
      this.children[first + k] = mid.children[k] + midChildren;
      this.diags[first + k] = mid.diags[k] + midDiags;
      this.toks[first + k] = mid.toks[k] + midToks;
      this.braces[first + k] = mid.braces[k];
    }
    this.contexts = spliceArray(this.contexts, first, tail, mid.contexts, mid.count);
    this.count = at + kept;
  }
  /** The last line starting at or before `offset` (lines are in document order), or -1. */
  lineAt(offset: number): number {
    let lo = 0;
    let hi = this.count - 1;
    if (hi < 0 || this.starts[0] > offset) return -1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/**
 * `list` with its items `from..to-1` replaced by the first `n` of `items`: in place when as many are replaced, else a
 * new array (no spread of an input-sized array).
 */
function spliceArray<T>(list: T[], from: number, to: number, items: T[], n: number): T[] {
  if (to - from === n) {
    for (let k = 0; k < n; k++) list[from + k] = items[k];
    return list;
  }
  const res: T[] = new Array(list.length - (to - from) + n);
  let o = 0;
  for (let k = 0; k < from; k++) res[o++] = list[k];
  for (let k = 0; k < n; k++) res[o++] = items[k];
  for (let k = to; k < list.length; k++) res[o++] = list[k];
  return res;
}

/** What a parse keeps for its re-parse: its lines, its store, and whether it was made with the unknown-command report. */
interface RosParseState {
  lines: LineTable;
  store: TokenStore;
}

/** The re-parse state of each parse result this parser made (taken, and so forgotten, by its re-parse). */
const parseStates = new WeakMap<object, RosParseState>();

/** The state of a parse under way: what `parseLine` reads and writes. */
interface LineParse {
  text: string;
  store: TokenStore;
  children: RosStatement[];
  diagnostics: SyntaxDiagnostic[];
  context: string;
  lines: LineTable;
}

/**
 * Reads, lexes and parses the logical line at `p` into `st`, recording it in `st.lines`; returns the offset of the
 * next line (or -1 when no progress was made).
 */
function parseLine(st: LineParse, p: number): number {
  const { text, store, children, diagnostics } = st;
  st.lines.add(p, children.length, diagnostics.length, store.count, st.context);
  const line = readLogical(text, p);
  if (line !== SIMPLE) {
    // Its reading may have looked ahead of its end for a `{ … }` block (then a later edit may change where it ends).
    for (let i = p; i < line.next; i++) {
      if (text.charCodeAt(i) === 123) {
        st.lines.braces[st.lines.count - 1] = 1;
        break;
      }
    }
  }
  lexLogical(line.text);
  const segs = line.segs;
  if (segs.length === 2) {
    // No continuation: logical offsets are physical ones shifted.
    const d = segs[1] - segs[0];
    for (let k = 0; k < count; k++) {
      PS[k] = LS[k] + d;
      PE[k] = LE[k] + d;
    }
  } else {
    for (let k = 0; k < count; k++) {
      PS[k] = physOf(segs, LS[k]);
      PE[k] = physOf(segs, LE[k] - 1) + 1;
    }
  }
  if (line.unbalancedBrace !== undefined) {
    st.lines.braces[st.lines.count - 1] = 1;
    diagnostics.push({ range: { start: line.unbalancedBrace, end: line.unbalancedBrace + 1 }, severity: 'error', code: 'syntax/unbalanced-bracket', message: 'This `{` is never closed.' });
  }
  const total = count;
  // Statements at top-level `;` (the first one found, to tell a one-statement line; the rest are split below).
  let depth = 0;
  let single = true;
  for (let k = 0; k < total; k++) {
    if (LK[k] !== L_PUNCT) continue;
    if (isOpener(k)) depth++;
    else if (isCloser(k) && depth > 0) depth--;
    else if (PC[k] === C_SEMI && depth === 0) {
      single = false;
      break;
    }
  }
  const prev = children[children.length - 1];
  if (
    single &&
    total >= 2 &&
    LK[0] === L_WORD &&
    isPunct(1, C_EQ) &&
    !SP[1] &&
    (text.charCodeAt(line.start) === 32 || text.charCodeAt(line.start) === 9) &&
    prev?.kind === 'RosCommand' &&
    prev.verb &&
    (prev.verb.name === 'add' || prev.verb.name === 'set')
  ) {
    // An indented `key=value …` line after a command: the `\` was lost (common when configs are pasted
    // from web pages). RouterOS would run it as a separate, broken command; we keep the intent and warn.
    const prevEnd = prev.range.end;
    diagnostics.push({
      range: { start: PS[0], end: PE[0] },
      severity: 'warning',
      code: 'syntax/missing-continuation',
      message: 'This line continues the previous command but the previous line does not end with `\\`; RouterOS runs it as a separate command.',
      fixes: [{ title: 'Add `\\` at the end of the previous line', edits: [{ range: { start: prevEnd, end: prevEnd }, newText: ' \\' }], isPreferred: true }],
    });
    checkBalance(0, total, diagnostics);
    // The statements' tokens are consecutive in the store and prev is the last statement: its span grows in place.
    const base = store.append(0, total);
    parseArgs(prev as CommandNode, 0, total, base, text, diagnostics);
    (prev as CommandNode).extendTokens(store.count);
    prev.range = { start: prev.range.start, end: PE[total - 1] };
    return line.next;
  }
  depth = 0;
  let stmtStart = 0;
  for (let k = 0; k <= total; k++) {
    if (k < total) {
      if (LK[k] !== L_PUNCT) continue;
      if (isOpener(k)) {
        depth++;
        continue;
      }
      if (isCloser(k) && depth > 0) {
        depth--;
        continue;
      }
      if (PC[k] !== C_SEMI || depth !== 0) continue;
    }
    const a = stmtStart;
    stmtStart = k + 1;
    if (a >= k) continue;
    const node = parseStatement(text, store, a, k, st.context, diagnostics);
    // A path deeper than any RouterOS menu cannot exist (RouterOS answers "bad command name" and keeps its menu);
    // adopting it would make every later line resolve against it (a 60 KB path line made the file quadratic).
    if (node.kind === 'RosMenu' && depthAtMost(node.path, MAX_MENU_DEPTH)) st.context = node.path;
    children.push(node);
  }
  return line.next <= line.start ? -1 : line.next;
}

/** The export header's RouterOS version: the first comment among the first three statements that states one. */
function headerVersionOf(children: RosStatement[]): string | undefined {
  for (let k = 0; k < children.length && k < 3; k++) {
    const st = children[k];
    if (st.kind !== 'RosComment') continue;
    const hv = /by RouterOS (\d+(?:\.\d+)*)/.exec(st.text);
    if (hv) return hv[1];
  }
  return undefined;
}

/** The parse result of a finished parse (tree, lazy token list), remembered for a re-parse. */
function finishParse(text: string, children: RosStatement[], diagnostics: SyntaxDiagnostic[], state: RosParseState | undefined): ParseResult<RosTree> {
  // Strings of long lines stay referenced by the scratch array otherwise.
  LV.length = 0;
  const tree: RosTree = { kind: 'RosRoot', range: { start: 0, end: text.length }, tokens: [], children, headerVersion: headerVersionOf(children) };
  // The document token list (with whitespace/newline/continuation tokens) is built on first use: nodes already
  // hold every significant token, and most consumers never need the gaps, which are half of all tokens.
  const result = { text, tree, diagnostics } as ParseResult<RosTree>;
  let cached: Token[] | undefined;
  Object.defineProperty(result, 'tokens', { enumerable: true, get: () => (cached ??= documentTokens(text, children)) });
  if (state) parseStates.set(result, state);
  return result;
}

/** Parses RouterOS text. Never throws. */
export function parseRouterOs(text: string, options: RosParseOptions = {}): ParseResult<RosTree> {
  const store = new TokenStore(text);
  currentStore = store;
  const st: LineParse = { text, store, children: [], diagnostics: [], context: '', lines: new LineTable() };
  const n = text.length;
  let p = 0;
  while (p < n && p >= 0) p = parseLine(st, p);
  const { children, diagnostics } = st;
  if (options.reportUnknownCommands) {
    for (const c of children) {
      if (c.kind !== 'RosCommand' || !c.verb || menuSpec(c.path) || c.path === '') continue;
      diagnostics.push({ range: c.pathRange ?? c.verb.range, severity: 'information', code: 'syntax/unknown-command', message: `netcfg does not know the menu /${c.path}; its commands are not checked.` });
    }
  }
  return finishParse(text, children, diagnostics, options.reportUnknownCommands ? undefined : { lines: st.lines, store });
}

/** How many lines before an edit a `{ … }` block's look-ahead may reach (`MAX_BRACE_LINES`), plus one. */
const BRACE_REACH = MAX_BRACE_LINES + 1;

/**
 * The parse of `text` from `previous`, the parse of the document's previous text, and the span that changed
 * (`Dialect.reparse`; equal to `parseRouterOs(text)`): the logical lines before the change are kept, the changed ones
 * read again from a line that starts a statement (so no line read again continues a kept statement whose `\` was
 * lost) and after any line whose `{` look-ahead may reach the change, until a line starts where a line started
 * before, outside the change, in the same menu, starting a statement; the lines after it are kept, moved in place by
 * the change's length, and the previous parse's token store is taken over. Undefined (the caller parses the whole
 * text) when `previous` has no re-parse state or a `{` block is near.
 */
export function reparseRouterOs(previous: ParseResult<RosTree>, change: ChangedSpan, text: string, options: RosParseOptions = {}): ParseResult<RosTree> | undefined {
  const state = parseStates.get(previous);
  if (!state || options.reportUnknownCommands) return undefined;
  const old = state.lines;
  const store = state.store;
  const oldChildren = previous.tree.children;
  const oldDiags = previous.diagnostics;
  const d = change.newEnd - change.oldEnd;
  // The first line read again: the one before the line of the change (a `\r` at its end may meet a `\n` typed at the
  // start of the next), or earlier until one starts a statement (not indented, blank or `;`).
  let first = old.lineAt(change.start);
  if (first < 0) return undefined;
  if (first > 0) first--;
  while (first > 0 && !startsStatement(text.charCodeAt(old.starts[first]))) first--;
  for (let k = Math.max(0, first - BRACE_REACH); k <= first; k++) if (old.braces[k]) return undefined;
  parseStates.delete(previous); // consumed: its nodes, lines and store move to the new parse
  const n = text.length;
  const base = old.toks[first];
  const firstChild = old.children[first];
  const firstDiag = old.diags[first];
  // The lines read again make their statements, diagnostics, tokens and line entries on their own (counting from 0),
  // spliced into the old ones at the end. The first of them starts a statement: none continues a kept one.
  const mid = new TokenStore(text);
  currentStore = mid;
  const st: LineParse = { text, store: mid, children: [], diagnostics: [], context: old.contexts[first], lines: new LineTable(64) };
  let p = old.starts[first];
  // The old line where the kept tail starts (old.count: none).
  let tail = old.count;
  let j = first;
  while (p < n && p >= 0) {
    p = parseLine(st, p);
    if (p < 0 || p >= n || p < change.newEnd) continue;
    // Is `p` where an old line after the change started, read in the same menu, starting a statement?
    while (j < old.count && old.starts[j] + d < p) j++;
    if (j < old.count && old.starts[j] + d === p && old.starts[j] >= change.oldEnd && old.contexts[j] === st.context && startsStatement(text.charCodeAt(p))) {
      tail = j;
      break;
    }
  }
  const midChildren = st.children;
  const midDiags = st.diagnostics;
  const tailChild = tail < old.count ? old.children[tail] : oldChildren.length;
  const tailDiag = tail < old.count ? old.diags[tail] : oldDiags.length;
  const tailFrom = tail < old.count ? old.toks[tail] : store.count;
  const dToks = base + mid.count - tailFrom;
  const dChildren = firstChild + midChildren.length - tailChild;
  const dDiags = firstDiag + midDiags.length - tailDiag;
  const replaced: Replaced = {
    previous: serialOf(previous),
    headerVersion: previous.tree.headerVersion,
    first: firstChild,
    old: oldChildren.slice(firstChild, tailChild),
    count: midChildren.length,
    from: old.starts[first],
    oldEnd: tail < old.count ? old.starts[tail] : previous.text.length,
    delta: d,
  };
  // Diagnostics first: some share a range object with their node (`syntax/missing-path` the verb's), moved next.
  const diagnostics = oldDiags.slice(0, firstDiag);
  for (const x of midDiags) diagnostics.push(x);
  for (let k = tailDiag; k < oldDiags.length; k++) diagnostics.push(d === 0 ? oldDiags[k] : shiftDiagnostic(oldDiags[k], d));
  if (d !== 0 || dToks !== 0) for (let k = tailChild; k < oldChildren.length; k++) (oldChildren[k] as unknown as StatementNode).moveTo(store, dToks, d);
  store.splice(text, base, mid, tailFrom, d);
  currentStore = store;
  for (const c of midChildren) (c as unknown as StatementNode).moveTo(store, base, 0);
  old.splice(first, st.lines, firstChild, firstDiag, base, tail, d, dChildren, dDiags, dToks);
  const children = spliceArray(oldChildren, firstChild, tailChild, midChildren, midChildren.length);
  const result = finishParse(text, children, diagnostics, { lines: old, store });
  replacements.set(result, replaced);
  return result;
}

/**
 * What a re-parse replaced (`reparseRouterOs`), for the lowering of its result to keep the previous one's model
 * (`relowerRouterOs`): the previous parse (consumed) and its export header's version, the previous statements the
 * re-parse read again (`old`, intact but for their token span, which pointed into the store the re-parse spliced) and
 * how many it made in their place (`count`, from index `first`), and the text they covered: from `from` (the same in
 * both texts) to `oldEnd` in the previous text, `oldEnd + delta` in the new one; everything after it moved by `delta`.
 */
export interface Replaced {
  /** `serialOf` the previous parse (not the parse itself: a chain of versions would stay in memory). */
  previous: number;
  headerVersion: string | undefined;
  first: number;
  old: RosStatement[];
  count: number;
  from: number;
  oldEnd: number;
  delta: number;
}

const replacements = new WeakMap<ParseResult<RosTree>, Replaced>();

const serials = new WeakMap<ParseResult<RosTree>, number>();
let serialCounter = 0;

/** A number naming one parse result for the life of the process (what a lowering records it was made from). */
export function serialOf(parsed: ParseResult<RosTree>): number {
  let n = serials.get(parsed);
  if (n === undefined) serials.set(parsed, (n = ++serialCounter));
  return n;
}

/** What the re-parse that made `parsed` replaced; undefined for a full parse. */
export function replacedBy(parsed: ParseResult<RosTree>): Replaced | undefined {
  return replacements.get(parsed);
}

/**
 * Whether a line starting with `c` makes a statement of its first token (so a later indented line cannot continue a
 * statement before it): not indented, blank, `;` or a `\` (a continuation may leave the line empty).
 */
function startsStatement(c: number): boolean {
  return !Number.isNaN(c) && c !== 32 && c !== 9 && c !== 10 && c !== 13 && c !== 59 && c !== 92;
}

/** A diagnostic of the kept tail, `d` characters on (a fresh object: the previous parse's stay as they were). */
function shiftDiagnostic(diag: SyntaxDiagnostic, d: number): SyntaxDiagnostic {
  const res: SyntaxDiagnostic = { ...diag, range: { start: diag.range.start + d, end: diag.range.end + d } };
  if (diag.fixes) res.fixes = diag.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ range: { start: e.range.start + d, end: e.range.end + d }, newText: e.newText })) }));
  return res;
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

/** Matches the bracket that closes token i (an opener) within the line's tokens up to `b`; its index or -1. */
function closing(i: number, b: number): number {
  const close = PC[i] === C_LBRACK ? C_RBRACK : PC[i] === C_LBRACE ? C_RBRACE : C_RPAREN;
  let depth = 0;
  for (let k = i; k < b; k++) {
    if (LK[k] !== L_PUNCT) continue;
    if (isOpener(k)) depth++;
    else if (isCloser(k)) {
      depth--;
      if (depth === 0) return PC[k] === close ? k : -1;
    }
  }
  return -1;
}

function checkBalance(a: number, b: number, diagnostics: SyntaxDiagnostic[]): void {
  let stack: number[] | undefined;
  for (let k = a; k < b; k++) {
    if (LK[k] === L_STRING && UT[k]) {
      diagnostics.push({ range: { start: PS[k], end: PE[k] }, severity: 'error', code: 'syntax/unterminated-string', message: 'Unterminated string: the closing `"` is missing.' });
    }
    if (LK[k] !== L_PUNCT) continue;
    if (PC[k] === C_LBRACK || PC[k] === C_LPAREN || PC[k] === C_LBRACE) (stack ??= []).push(k);
    else if (isCloser(k)) {
      const o = stack?.pop();
      const want = o === undefined ? undefined : PC[o] === C_LBRACK ? C_RBRACK : PC[o] === C_LPAREN ? C_RPAREN : C_RBRACE;
      if (o === undefined || want !== PC[k]) {
        diagnostics.push({ range: { start: PS[k], end: PE[k] }, severity: 'error', code: 'syntax/unbalanced-bracket', message: `Unexpected \`${LV[k]}\`: no matching opening bracket.` });
        if (o !== undefined) stack!.push(o);
      }
    }
  }
  if (stack)
    for (const o of stack) {
      if (PC[o] === C_LBRACE) continue; // reported by the logical-line reader when never closed
      diagnostics.push({ range: { start: PS[o], end: PE[o] }, severity: 'error', code: 'syntax/unbalanced-bracket', message: `This \`${LV[o]}\` is never closed.` });
    }
}

/** Parses the line's tokens `a..b-1` (one statement), after appending them to the store. */
function parseStatement(src: string, store: TokenStore, a: number, b: number, context: string, diagnostics: SyntaxDiagnostic[]): RosStatement {
  const range = { start: PS[a], end: PE[b - 1] };
  const base = store.append(a, b);
  const off = base - a;
  if (LK[a] === L_COMMENT) return new CommentNode(range, store, base, store.count, LV[a]);
  checkBalance(a, b, diagnostics);
  if ((LK[a] === L_WORD && LV[a].startsWith(':')) || isPunct(a, C_LBRACE) || isPunct(a, C_RBRACE)) return new ScriptNode(range, store, base, store.count);
  // ---- path
  let i = a;
  let absolute = false;
  const segs: string[] = [];
  if (isPunct(a, C_SLASH)) {
    absolute = true;
    i = a + 1;
  }
  let verb: { name: string; range: TextRange } | undefined;
  let lastPath = absolute ? a : -1;
  const base0 = absolute ? '' : context;
  const baseDepth = base0 === '' ? 0 : segmentsUpTo(base0, CATALOG_DEPTH + 1);
  while (i < b) {
    if (isPunct(i, C_SLASH) && (absolute || segs.length > 0)) {
      lastPath = i;
      i++;
      continue;
    }
    if (LK[i] !== L_WORD) break;
    const nextIsEq = i + 1 < b && isPunct(i + 1, C_EQ) && !SP[i + 1];
    if (nextIsEq) break;
    // `/ip/address/add` (v7 slash syntax) arrives as one word after the leading slash.
    const word = LV[i];
    const parts = word.indexOf('/') < 0 ? [word] : word.split('/');
    const before = segs.length;
    let verbFound = false;
    let bad = false;
    for (let q = 0; q < parts.length; q++) {
      const w = parts[q];
      if (w === '') continue;
      // Only paths within the catalog's depth can be known: a 60 KB path line must not rebuild its prefix per segment.
      const cur = baseDepth + segs.length <= CATALOG_DEPTH ? (base0 ? (segs.length ? `${base0} ${segs.join(' ')}` : base0) : segs.join(' ')) : undefined;
      const menu = cur === undefined ? undefined : menuSpec(cur);
      const isChild = cur === undefined ? false : (CHILDREN.get(cur)?.has(w) ?? false);
      if (!isChild && (GENERIC_VERBS.has(w) || (menu?.commands.includes(w) ?? false))) {
        if (q === parts.length - 1) {
          verb = { name: w, range: { start: PE[i] - w.length, end: PE[i] } };
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
  if (absolute) path = resolvePath([], segs);
  else if (segs.length === 0) path = context;
  else {
    const rel = resolvePath(context ? context.split(' ') : [], segs);
    const fromRoot = resolvePath([], segs);
    // Hand-written snippets write `ip firewall filter add …` from the root even after another menu line.
    path = segs.length && context && !knownPath(rel) && knownPath(fromRoot) ? fromRoot : rel;
  }
  let pathRange: TextRange | undefined;
  if (lastPath >= 0) {
    const end = verb && verb.range.start > PS[lastPath] && verb.range.end === PE[lastPath] ? verb.range.start - 1 : PE[lastPath];
    pathRange = { start: PS[a], end };
  }
  if (!verb && i >= b && (segs.length > 0 || absolute) && (absolute || knownPath(path))) return new MenuNode(range, store, base, store.count, path);
  const menu = menuSpec(path);
  const cmd = new CommandNode(range, store, base, store.count, path, pathRange, absolute, verb, menu);
  if (!verb && segs.length === 0 && !absolute) {
    // No path and no verb: not a command we understand (e.g. a stray `!` line from a blog post).
    return cmd;
  }
  if (verb && path === '' && PATHLESS_ERROR_VERBS.has(verb.name)) {
    diagnostics.push({ range: verb.range, severity: 'error', code: 'syntax/missing-path', message: `\`${verb.name}\` without a menu path: start the line with a path such as \`/ip address\`, or put a path line before it.` });
  }
  parseArgs(cmd, i, b, off, src, diagnostics);
  return cmd;
}

function resolvePath(from: string[], segs: string[]): string {
  if (segs.length === 0) return from.join(' ');
  const out = [...from];
  for (const s of segs) {
    if (s === '..') out.pop();
    else out.push(s);
  }
  return out.join(' ');
}

function knownPath(x: string): boolean {
  return menuSpec(x) !== undefined || CHILDREN.has(x);
}

/** Segments of a non-empty space-separated path, counting at most `max`. */
function segmentsUpTo(path: string, max: number): number {
  let k = 1;
  for (let i = path.indexOf(' '); i >= 0 && k < max; i = path.indexOf(' ', i + 1)) k++;
  return k;
}

const PATHLESS_ERROR_VERBS = new Set(['add', 'set', 'remove', 'enable', 'disable', 'edit', 'unset']);

const TARGET_VERBS = new Set(['set', 'remove', 'enable', 'disable', 'unset', 'edit', 'comment', 'move', 'get', 'reset']);

/**
 * Parses `key=value`, flags, `[ find … ]` and positional words from line token `i` to `b` into `cmd`; `off` maps a
 * line token index to its store index (`off + k`).
 */
function parseArgs(cmd: CommandNode, i: number, b: number, off: number, src: string, diagnostics: SyntaxDiagnostic[]): void {
  const verb = cmd.verb;
  const menu = cmd.menu;
  const needsTarget = verb !== undefined && TARGET_VERBS.has(verb.name);
  while (i < b) {
    const kind = LK[i];
    if (isPunct(i, C_LBRACK)) {
      const c = closing(i, b);
      const endIdx = c < 0 ? b - 1 : c;
      const r = { start: PS[i], end: PE[endIdx] };
      if (!cmd.find && needsTarget) cmd.find = parseFind(i, endIdx + 1, src, r);
      else cmd.args.push({ value: src.slice(r.start, r.end), range: r });
      i = endIdx + 1;
      continue;
    }
    if (kind === L_WORD || kind === L_STRING) {
      const eq = i + 1 < b && isPunct(i + 1, C_EQ) && !SP[i + 1] && kind === L_WORD;
      if (eq) {
        // value: the adjacent tokens after `=`
        let k = i + 2;
        const vstart = k;
        while (k < b && !SP[k]) {
          if (isOpener(k)) {
            const c = closing(k, b);
            k = c < 0 ? b : c + 1;
            continue;
          }
          if (isCloser(k)) break;
          k++;
        }
        cmd.params.push(makeParam(verb?.name, menu, i, vstart, k, off, src, diagnostics));
        i = k;
        continue;
      }
      if (kind === L_WORD && menu && !(needsTarget && !cmd.target && !cmd.find && cmd.params.length === 0)) {
        // Bare word: a flag parameter (`passive`, `disabled`) when the catalog knows it.
        const res = resolveParam(menu, LV[i]);
        if ((res.kind === 'exact' || res.kind === 'prefix') && res.spec.flag) {
          const name = res.key === LV[i] ? res.key : LV[i];
          cmd.params.push(new ParamNode(currentStore, off + i, off + i + 1, name, res.key, PS[i], PE[i], PE[i], undefined, -1, -1, false, false, res.spec));
          i++;
          continue;
        }
      }
      const arg = { value: LV[i], range: { start: PS[i], end: PE[i] } };
      if (needsTarget && !cmd.target && !cmd.find && cmd.params.length === 0 && cmd.args.length === 0) cmd.target = arg;
      else cmd.args.push(arg);
      i++;
      continue;
    }
    cmd.args.push({ value: LV[i], range: { start: PS[i], end: PE[i] } });
    i++;
  }
}

/** `[ find … ]`: the line's tokens `a..b-1`. */
function parseFind(a: number, b: number, src: string, r: TextRange): RosFind {
  const conditions: RosFind['conditions'] = [];
  for (let k = a; k + 2 < b; k++) {
    if (LK[k] === L_WORD && isPunct(k + 1, C_EQ) && (LK[k + 2] === L_WORD || LK[k + 2] === L_STRING)) {
      conditions.push({ key: LV[k].replace(/^!/, ''), value: LV[k + 2], range: { start: PS[k], end: PE[k + 2] }, valueRange: { start: PS[k + 2], end: PE[k + 2] } });
      k += 2;
    }
  }
  return { range: r, conditions, text: src.slice(r.start, r.end) };
}

const ITEM_VERBS = new Set(['add', 'set', 'edit', 'unset']);

/** A `key=value` parameter: name token `i`, value tokens `vs..ve-1` (line indexes; `off + k` in the store). */
function makeParam(verb: string | undefined, menu: MenuSpec | undefined, i: number, vs: number, ve: number, off: number, src: string, diagnostics: SyntaxDiagnostic[]): RosParam {
  const written = LV[i];
  let key = written;
  let spec: ParamSpec | undefined;
  if (menu) {
    const res = resolveParam(menu, written);
    if (res.kind === 'exact' || res.kind === 'prefix') {
      key = res.key;
      spec = res.spec;
    } else if (!verb || !ITEM_VERBS.has(verb)) {
      // print/export/find take their own arguments (proplist, where, file): not item parameters.
    } else if (res.kind === 'ambiguous') {
      diagnostics.push({ range: { start: PS[i], end: PE[i] }, severity: 'information', code: 'syntax/unknown-parameter', message: `\`${written}\` is ambiguous in /${menu.path}: it could be ${res.candidates.join(', ')}.` });
    } else {
      diagnostics.push({ range: { start: PS[i], end: PE[i] }, severity: 'information', code: 'syntax/unknown-parameter', message: `\`${written}\` is not a parameter of /${menu.path} that netcfg knows.` });
    }
  }
  // The catalog's key string serves as the name when they are equal (one string less per parameter).
  const name = key === written ? key : written;
  let expression = false;
  for (let k = vs; k < ve; k++) {
    if ((LK[k] === L_PUNCT && PC[k] !== C_EQ) || (LK[k] === L_WORD && LV[k].includes('$'))) {
      expression = true;
      break;
    }
  }
  const quoted = ve - vs === 1 && LK[vs] === L_STRING;
  let value: string;
  let valueStart: number;
  let valueEnd: number;
  if (ve > vs) {
    valueStart = PS[vs];
    valueEnd = PE[ve - 1];
    if (ve - vs === 1) value = LV[vs];
    else {
      value = '';
      for (let k = vs; k < ve; k++) value += LV[k];
    }
  } else {
    value = '';
    valueStart = valueEnd = PE[i] + 1;
  }
  // The parameter's tokens: name, `=`, value (its range ends at the last of them).
  const last = ve - 1;
  const param = new ParamNode(currentStore, off + i, off + ve, name, key, PS[i], PE[i], PE[last], value, valueStart, valueEnd, quoted, expression, spec);
  if (spec && verb && ITEM_VERBS.has(verb) && !expression && value !== '' && (spec.type === 'enum' || spec.type === 'enum-list' || spec.type === 'bool') && spec.values) {
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
