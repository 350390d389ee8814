// Parser for OpenBSD ipsec.conf(5): splits the lossless token stream into statements, expands macros the way
// ipsecctl's lexer does (at lex time, in file order), and parses `ike`/`flow`/SA/`tcpmd5` rules into typed clauses
// following parse.y's fixed clause order. Never throws; the statement (logical line) is the recovery unit.
// Knows nothing about LSP, the file system or other files.

import { cover, DiagnosticCollector, type ChangedSpan, type DiagnosticSink, type SyntaxDiagnostic, type SyntaxNode, type TextRange, type Token } from '../../syntax';
import * as model from '../../model';
import { lexIpsecConf, LexToken, MacroToken, TextToken, unquoteString, type LexProblem } from './lexer';
import { kindCode, NUMBER, ObsdTokenStore, PUNCT, STRING, WORD } from './store';
import { AEAD, lookupAlgorithm, PROTOCOLS, RESERVED, documentedAlgorithms, type Phase, type XfKind } from './catalog';

/** A token after macro expansion. Tokens that came out of a macro carry the range of the `$name` use. */
export interface ETok {
  kind: Token['kind'];
  start: number;
  end: number;
  /** Text as written (with quotes for strings). */
  text: string;
  /** Unquoted value. */
  value: string;
  range: TextRange;
  quoted: boolean;
  /** Name of the macro this token was expanded from. */
  macro?: string;
}

export interface HostSyntax {
  /** As written, e.g. `10.1.0.0/16`, `any`, `gw.example.org`. */
  written: string;
  range: TextRange;
  any: boolean;
  /** Canonical address without length (IPv4/IPv6 literals only). */
  address?: string;
  prefixLength?: number;
  /** 4, 6, or 0 for names (host names, interfaces) whose family ipsecctl resolves at load time. */
  family: 0 | 4 | 6;
  /** ipsecctl's `netaddress`: written with a prefix length (IPv6: other than /128), or `any`. */
  netaddress: boolean;
  /** `from X (Y)`: the real local network Y behind the negotiated X. */
  nat?: HostSyntax;
}

export interface ValueClause {
  keyword: ETok;
  value?: ETok;
}

export interface XfSyntax extends ValueClause {
  kind: XfKind | 'comp';
  /** Canonical id when ipsecctl accepts the value. */
  canonical?: string;
}

export interface PhaseSyntax {
  keyword: ETok;
  auth?: XfSyntax;
  enc?: XfSyntax;
  group?: XfSyntax;
  comp?: XfSyntax;
  lifetime?: ValueClause & { seconds?: number };
  /** Last token of the clause, for inserting missing transforms. */
  last: ETok;
}

export interface HostsSyntax {
  from?: ETok;
  to?: ETok;
  src: HostSyntax[];
  dst: HostSyntax[];
  srcPort?: ValueClause;
  dstPort?: ValueClause;
}

export type RuleType = 'ike' | 'flow' | 'sa' | 'tcpmd5';

export interface RuleSyntax {
  type: RuleType;
  keyword: ETok;
  /** active / passive / dynamic. */
  mode?: ETok;
  /** esp / ah / ipcomp / ipip. */
  satype?: ETok;
  /** tunnel / transport. */
  tmode?: ETok;
  /** in / out (flows). */
  dir?: ETok;
  proto?: ValueClause & { number?: number };
  hosts?: HostsSyntax;
  iface?: ValueClause;
  peer?: ValueClause & { host?: HostSyntax };
  local?: ValueClause & { host?: HostSyntax };
  phase1?: PhaseSyntax;
  phase2?: PhaseSyntax;
  srcid?: ValueClause;
  dstid?: ValueClause;
  /** `rsa` or `psk KEY`. */
  ikeauth?: ValueClause;
  tag?: ValueClause;
  flowType?: ValueClause;
  /** SA / tcpmd5 rule clauses we tolerate without modelling (spi, udpencap, authkey, enckey, bundle). */
  other: ValueClause[];
  toks: ETok[];
}

export interface MacroSyntax {
  name: string;
  nameRange: TextRange;
  /** Value as ipsecctl stores it: the words after `=` joined by one space, quotes removed. */
  value: string;
  valueRange?: TextRange;
}

export type StatementKind = 'ObsdIkeRule' | 'ObsdFlowRule' | 'ObsdSaRule' | 'ObsdTcpmd5Rule' | 'ObsdMacro' | 'ObsdInclude' | 'ObsdUnknown';

export interface ObsdStatement extends SyntaxNode {
  kind: StatementKind;
  rule?: RuleSyntax;
  macro?: MacroSyntax;
  include?: { path: string; range: TextRange };
  /** Macro uses in this statement (`$name` tokens). */
  macroUses: { name: string; range: TextRange; defined: boolean }[];
}

export interface ObsdFile extends SyntaxNode {
  kind: 'ObsdFile';
  statements: ObsdStatement[];
  macros: MacroSyntax[];
  /** `#` comments in document order (statements hold every other significant token). */
  comments?: Token[];
}

/** Diagnostic codes of this dialect (documented in docs/diagnostics.md, OpenBSD section). */
export const CODES = {
  unterminatedString: 'syntax/unterminated-string',
  unexpectedToken: 'syntax/unexpected-token',
  outOfOrder: 'syntax/out-of-order',
  duplicateKeyword: 'syntax/duplicate-keyword',
  missingArgument: 'syntax/missing-argument',
  missingKeyword: 'syntax/missing-keyword',
  invalidAddress: 'syntax/invalid-address',
  invalidValue: 'syntax/invalid-value',
  macroBeforeDefinition: 'syntax/macro-used-before-definition',
  unknownCommand: 'syntax/unknown-command',
  abbreviated: 'openbsd/abbreviated-algorithm',
  insecure: 'openbsd/insecure-algorithm',
  emptyPeer: 'openbsd/empty-peer',
  portWithoutProto: 'openbsd/port-without-protocol',
  flowWithoutPeer: 'openbsd/flow-without-peer',
  familyMismatch: 'openbsd/address-family-mismatch',
} as const;

export interface ParseOptions {
  reportUnknownCommands?: boolean;
}

/**
 * Parses a whole ipsec.conf. Never throws. Lexing and parsing are one pass: the lexer appends each significant token
 * to the document's token store (typed arrays: no object per token), and each statement is parsed as soon as its
 * line ends, from its run of the store; clauses keep token objects only for the tokens they name (keywords,
 * values). Statements and rules rebuild their token lists from the store on use (`Statement.tokens`,
 * `RuleNode.toks`).
 */
export function parseIpsecConf(text: string, options: ParseOptions = {}): { tree: ObsdFile; tokens: Token[]; diagnostics: SyntaxDiagnostic[] } {
  const problems: LexProblem[] = [];
  const comments: LexToken[] = [];
  // Statement diagnostics are kept apart: the lexer's unterminated strings come first in the result (bounded both).
  const statementDiags = new DiagnosticCollector();
  // Real files have about one significant token per 5 to 8 characters: sized once for nearly all of them.
  const store = new ObsdTokenStore(text, (text.length >> 2) + 64);
  const defs: MacroDefs = new Map();
  const state: ParseState = { defs, until: -1, aborted: false, laterDefined: [], diags: statementDiags, options, text, store, cursor: new Cursor(store) };
  const macroList: MacroSyntax[] = [];
  const statements: ObsdStatement[] = [];
  let first = 0;
  const end = () => {
    const st = parseStatement(first, store.length - first, state);
    if (st.macro) macroList.push(st.macro);
    statements.push(st);
    first = store.length;
  };
  lexIpsecConf(text, problems, 0, text.length, (kind, start, e) => {
    if (kind === 'newline') {
      if (store.length > first) end();
    } else if (kind === 'comment') comments.push(new LexToken(kind, start, e, store.doc));
    else if (kind !== 'whitespace') store.push(kindCode(kind), start, e);
  });
  if (store.length > first) end();
  store.trim();
  // A `$name` that was undefined when used but is defined further down: ipsecctl fails on it ("macro not defined").
  const laterDefined = state.laterDefined.filter((use) => defs.has(use.name));
  const tree: ObsdFile = { kind: 'ObsdFile', range: { start: 0, end: text.length }, tokens: [], children: statements, statements, macros: macroList, comments };
  if (statementDiags.dropped === 0) MEMOS.set(tree, { store, defs, problems, statementDiags: statementDiags.list, reportUnknownCommands: !!options.reportUnknownCommands, consumed: false });
  return withLazyTokens(text, tree, joinDiagnostics(problems, statementDiags.list, statementDiags.dropped, laterDefined));
}

/** The parse result, with `tokens` a getter that builds the lossless list on first use and keeps it. */
function withLazyTokens(text: string, tree: ObsdFile, diagnostics: SyntaxDiagnostic[]): { tree: ObsdFile; tokens: Token[]; diagnostics: SyntaxDiagnostic[] } {
  const result = { tree, diagnostics } as { tree: ObsdFile; tokens: Token[]; diagnostics: SyntaxDiagnostic[] };
  let cached: Token[] | undefined;
  Object.defineProperty(result, 'tokens', { enumerable: true, get: () => (cached ??= documentTokens(text, tree.statements, (tree.comments ?? []) as LexToken[])) });
  return result;
}

/**
 * What a parse keeps for the re-parse of the document's next text (issue 16): the token store, the macro definitions,
 * and the diagnostics as the parse made them (the lexer's, and the statements' in statement order), before they are
 * joined. Absent when the statements' diagnostics were capped (a re-parse could not tell which ones were dropped).
 */
interface ParseMemo {
  store: ObsdTokenStore;
  defs: MacroDefs;
  problems: LexProblem[];
  statementDiags: SyntaxDiagnostic[];
  reportUnknownCommands: boolean;
  /** Set by the re-parse that took this parse over: its nodes have moved since. */
  consumed: boolean;
}

const MEMOS = new WeakMap<ObsdFile, ParseMemo>();

/**
 * How a re-parse made a tree from the previous one, for the lowering (lower.ts) to keep what it made of the statements
 * the re-parse kept: statements `[0, head)` are the previous tree's, unchanged; `[tail, n)` are its statements from
 * `oldTail` on, moved by `delta` characters; the others were read again. `previous` is cleared by the lowering that
 * uses it, and by the next re-parse (one link, never a chain of versions).
 */
export interface ReparseOrigin {
  previous: ObsdFile | undefined;
  head: number;
  tail: number;
  oldTail: number;
  delta: number;
}

const ORIGINS = new WeakMap<ObsdFile, ReparseOrigin>();

/** How `tree` was made from the previous version's tree, when a re-parse made it. */
export function reparseOrigin(tree: ObsdFile): ReparseOrigin | undefined {
  return ORIGINS.get(tree);
}

/**
 * The text a parse's tokens read (`Source`): a re-parse sets the new text in it, so what holds it (the tokens, a
 * rule's Setters) reads the newest version; undefined for a parse a re-parse cannot continue.
 */
export function documentSource(tree: ObsdFile): { readonly text: string } | undefined {
  return MEMOS.get(tree)?.store.doc;
}

/** Index of the first of `items` whose `key` is at least `at` (`key` nondecreasing over `items`). */
function firstFrom<T>(items: readonly T[], at: number, key: (x: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]) < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The end of the line break that ends the statement whose last token ends at `from` (only white space, `\`
 * continuations and a comment can come between), or -1 when the text ends first.
 */
function statementLineEnd(text: string, from: number): number {
  let end = -1;
  lexIpsecConf(text, undefined, from, text.length, (kind, _s, e) => {
    if (kind === 'whitespace' || kind === 'comment') return false;
    if (kind === 'newline') end = e;
    return true;
  });
  return end;
}

/**
 * Incremental re-parse (issue 16, `Dialect.reparse`): the parse of `text` from `previous`, the parse of the document's
 * previous text, and the span that changed; equal to `parseIpsecConf(text, options)`, or undefined when that is not
 * certain (the host then parses the whole text). A statement ends at a line break that is not continued by `\` and
 * not inside a quoted string or a comment, and the lexer carries nothing over a line break: the text is read again
 * from the statement the edit starts in (or the line break after the statement before it), statement by statement,
 * until a statement starts at or after the edit's end where a previous one started (moved by the edit's length).
 * What a statement reads besides its own tokens is the macro definitions before it: a macro definition among the
 * statements read again (in either version) gives undefined. The statements before are kept as they are, those after
 * are moved (`Statement.move`); the token store is spliced; the diagnostics are joined again as the parse joins them.
 * `previous` (the previous parse's tree) is consumed: its tokens read the new text from then on, its statements after
 * the edit move.
 */
export function reparseIpsecConf(previous: ObsdFile, change: ChangedSpan, text: string, options: ParseOptions = {}): { tree: ObsdFile; tokens: Token[]; diagnostics: SyntaxDiagnostic[] } | undefined {
  const memo = MEMOS.get(previous);
  if (!memo || memo.consumed || memo.reportUnknownCommands !== !!options.reportUnknownCommands) return undefined;
  const store = memo.store;
  const oldText = store.source;
  const { start, oldEnd, newEnd } = change;
  const delta = newEnd - oldEnd;
  if (start < 0 || start > oldEnd || oldEnd > oldText.length || newEnd > text.length || text.length - newEnd !== oldText.length - oldEnd) return undefined;
  memo.consumed = true;
  const stmts = previous.statements as Statement[];
  const n = stmts.length;
  // The first statement read again (s0) and where reading starts (at): the statement the edit starts in, or the line
  // break after the last statement starting before the edit, when the edit starts past it.
  const k = firstFrom(stmts, start, (st) => st.range.start) - 1;
  let s0 = 0;
  let at = 0;
  if (k >= 0) {
    const lineEnd = statementLineEnd(oldText, stmts[k].range.end);
    if (lineEnd >= 0 && (start > lineEnd || (start === lineEnd && oldText.charCodeAt(lineEnd - 1) === 10))) {
      s0 = k + 1;
      at = lineEnd;
    } else {
      s0 = k;
      at = stmts[k].range.start;
    }
  }
  // The statements read again are parsed from a store of their own; its tokens read the document's `Source`, which
  // holds the new text from here on (the parser reads clause tokens' values while it parses).
  store.doc.text = text;
  const win = new ObsdTokenStore(text, 256, store.doc);
  const diags = new DiagnosticCollector();
  const state: ParseState = { defs: memo.defs, until: at, aborted: false, laterDefined: [], diags, options, text, store: win, cursor: new Cursor(win) };
  const problems: LexProblem[] = [];
  const comments: LexToken[] = [];
  const read: Statement[] = [];
  let first = 0;
  let j = s0;
  let resync = n;
  let q = text.length;
  const end = () => {
    read.push(parseStatement(first, win.length - first, state) as Statement);
    first = win.length;
  };
  lexIpsecConf(text, problems, at, text.length, (kind, s, e) => {
    if (kind === 'newline') {
      if (win.length > first) end();
      return state.aborted;
    }
    if (kind === 'comment') comments.push(new LexToken(kind, s, e, store.doc));
    else if (kind !== 'whitespace') {
      if (win.length === first && s >= newEnd) {
        // A statement starts in the text both versions end with: where a previous statement started, the rest reads
        // as it did.
        const was = s - delta;
        while (j < n && stmts[j].range.start < was) j++;
        if (j < n && stmts[j].range.start === was) {
          resync = j;
          q = s;
          return true;
        }
      }
      win.push(kindCode(kind), s, e);
    }
    return false;
  });
  if (!state.aborted && resync === n && win.length > first) end();
  if (state.aborted || diags.dropped > 0) return undefined;
  for (let i = s0; i < resync; i++) if (stmts[i].macro) return undefined;
  const oldQ = q - delta;

  // The diagnostics: those of the statements before, of the statements read, and of those after (moved).
  const statementDiags: SyntaxDiagnostic[] = [];
  const oldDiags = memo.statementDiags;
  const dHead = firstFrom(oldDiags, at, (d) => d.range.start);
  const dTail = firstFrom(oldDiags, oldQ, (d) => d.range.start);
  for (let i = 0; i < dHead; i++) statementDiags.push(oldDiags[i]);
  for (const d of diags.list) statementDiags.push(d);
  for (let i = dTail; i < oldDiags.length; i++) {
    const d = oldDiags[i];
    if (d.fixes) return undefined;
    statementDiags.push(delta === 0 ? d : { ...d, range: { start: d.range.start + delta, end: d.range.end + delta } });
  }
  if (statementDiags.length > diags.max) return undefined;
  const lexProblems: LexProblem[] = [];
  const pHead = firstFrom(memo.problems, at, (p) => p.start);
  const pTail = firstFrom(memo.problems, oldQ, (p) => p.start);
  for (let i = 0; i < pHead; i++) lexProblems.push(memo.problems[i]);
  for (const p of problems) if (p.start < q) lexProblems.push(p);
  for (let i = pTail; i < memo.problems.length; i++) {
    const p = memo.problems[i];
    lexProblems.push(delta === 0 ? p : { start: p.start + delta, end: p.end + delta, kind: p.kind });
  }

  // The token store and the statements.
  const from = s0 < n ? stmts[s0].storeFirst : store.length;
  const removed = (resync < n ? stmts[resync].storeFirst : store.length) - from;
  store.splice(from, removed, win, delta, text);
  const shift = win.length - removed;
  const statements: ObsdStatement[] = new Array(s0 + read.length + n - resync);
  let w = 0;
  for (let i = 0; i < s0; i++) statements[w++] = stmts[i];
  for (const st of read) {
    st.relocate(store, from);
    statements[w++] = st;
  }
  for (let i = resync; i < n; i++) {
    const st = stmts[i];
    if (delta !== 0 || shift !== 0) st.move(delta, shift);
    statements[w++] = st;
  }

  // Comments: those before `at`, those read, those after `q` (moved in place: the tree's own tokens).
  const oldComments = (previous.comments ?? []) as LexToken[];
  const cHead = firstFrom(oldComments, at, (c) => c.start);
  const cTail = firstFrom(oldComments, oldQ, (c) => c.start);
  const allComments: LexToken[] = new Array(cHead + comments.length + oldComments.length - cTail);
  w = 0;
  for (let i = 0; i < cHead; i++) allComments[w++] = oldComments[i];
  for (const c of comments) allComments[w++] = c;
  for (let i = cTail; i < oldComments.length; i++) {
    const c = oldComments[i];
    c.start += delta;
    c.end += delta;
    allComments[w++] = c;
  }

  const tree: ObsdFile = { kind: 'ObsdFile', range: { start: 0, end: text.length }, tokens: [], children: statements, statements, macros: previous.macros, comments: allComments };
  MEMOS.set(tree, { store, defs: memo.defs, problems: lexProblems, statementDiags, reportUnknownCommands: memo.reportUnknownCommands, consumed: false });
  const before = ORIGINS.get(previous);
  if (before) before.previous = undefined;
  ORIGINS.set(tree, { previous, head: s0, tail: s0 + read.length, oldTail: resync, delta });
  return withLazyTokens(text, tree, joinDiagnostics(lexProblems, statementDiags, 0, undefinedBeforeDefinition(statements, memo.defs)));
}

/** The uses of a macro not defined where they stand, in document order (a re-parse finds them again from the tree). */
function undefinedBeforeDefinition(statements: readonly ObsdStatement[], defs: MacroDefs): { name: string; range: TextRange }[] {
  const res: { name: string; range: TextRange }[] = [];
  for (const st of statements) {
    const uses = st.macroUses;
    for (let i = 0; i < uses.length; i++) if (!uses[i].defined && defs.has(uses[i].name)) res.push(uses[i]);
  }
  return res;
}

/**
 * The parse's diagnostics (bounded): the lexer's unterminated strings first, then the statements', then each use of a
 * macro before its definition (`laterDefined`: uses not defined where they stand, of names defined somewhere).
 */
function joinDiagnostics(problems: readonly LexProblem[], statementDiags: readonly SyntaxDiagnostic[], dropped: number, laterDefined: readonly { name: string; range: TextRange }[]): SyntaxDiagnostic[] {
  // Bounded: a file of braces has one problem per byte (2 MB made 2 million diagnostics and a 4 GB report).
  const diagnostics = new DiagnosticCollector();
  for (const p of problems) diagnostics.push({ range: { start: p.start, end: p.end }, severity: 'error', code: CODES.unterminatedString, message: 'Unterminated quoted string: add the closing quote' });
  for (const d of statementDiags) diagnostics.push(d);
  diagnostics.dropped += dropped;
  for (const use of laterDefined) {
    diagnostics.push({ range: use.range, severity: 'error', code: CODES.macroBeforeDefinition, message: `Macro '${use.name}' is used before its definition; ipsecctl expands macros in file order, so move the definition above this line` });
  }
  return diagnostics.finish();
}

/**
 * Every token of the document in order, lossless: the statements' and comments' own token objects, with the gaps
 * between them (whitespace, newlines, continuations) lexed on demand.
 */
function documentTokens(text: string, statements: ObsdStatement[], comments: LexToken[]): LexToken[] {
  const res: LexToken[] = [];
  let at = 0;
  const take = (t: Token) => {
    if (t.start > at) for (const g of lexIpsecConf(text, undefined, at, t.start)) res.push(g);
    res.push(t as LexToken);
    at = t.end;
  };
  let c = 0;
  for (const st of statements) {
    for (const t of st.tokens) {
      while (c < comments.length && comments[c].start < t.start) take(comments[c++]);
      take(t);
    }
  }
  while (c < comments.length) take(comments[c++]);
  if (at < text.length) for (const g of lexIpsecConf(text, undefined, at, text.length)) res.push(g);
  return res;
}

/** A macro definition: its name string (shared by every use), the re-lexed value's tokens and its statement. */
interface MacroDef {
  name: string;
  value: MacroPart[];
  st: Statement;
}

/** The macro definitions of a document by name, each name's in file order (a name defined twice has two). */
type MacroDefs = Map<string, MacroDef[]>;

interface ParseState {
  /** Defined macros (the whole document's after a parse; those so far while parsing). */
  defs: MacroDefs;
  /**
   * -1 in a full parse (a name's last definition so far is the one in force). In a re-parse, the offset where the
   * re-read statements start: the definition in force is the last one of a statement before it, and a definition
   * met in the re-read statements stops the re-parse (`aborted`).
   */
  until: number;
  aborted: boolean;
  /** Uses of macros not (yet) defined at that point. */
  laterDefined: { name: string; range: TextRange }[];
  diags: DiagnosticSink;
  options: ParseOptions;
  text: string;
  store: ObsdTokenStore;
  /** The statement being parsed, macro uses expanded (reused by every statement). */
  cursor: Cursor;
}

/** The definition of macro `name` in force where the statement being parsed stands, or undefined. */
function lookupMacro(state: ParseState, name: string): MacroDef | undefined {
  const list = state.defs.get(name);
  if (!list) return undefined;
  let k = list.length - 1;
  if (state.until >= 0) while (k >= 0 && list[k].st.range.start >= state.until) k--;
  return k >= 0 ? list[k] : undefined;
}

/** Records a macro definition (a re-parse stops instead: later statements may expand the macro differently). */
function defineMacro(state: ParseState, def: MacroDef): void {
  if (state.until >= 0) {
    state.aborted = true;
    return;
  }
  const list = state.defs.get(def.name);
  if (list) list.push(def);
  else state.defs.set(def.name, [def]);
}

function moveClause(c: ValueClause, delta: number): void {
  moveToken(c.keyword, delta);
  if (c.value) moveToken(c.value, delta);
}

/** A `main`/`quick` clause's tokens; `last` is one of them, or a repeated transform's token only `last` holds. */
function movePhase(ph: PhaseSyntax, delta: number): void {
  const last = ph.last;
  let lastMoved = last === ph.keyword;
  moveToken(ph.keyword, delta);
  for (const xf of [ph.auth, ph.enc, ph.group, ph.comp, ph.lifetime]) {
    if (!xf) continue;
    moveToken(xf.keyword, delta);
    if (xf.value) moveToken(xf.value, delta);
    if (last === xf.keyword || last === xf.value) lastMoved = true;
  }
  if (!lastMoved) moveToken(last, delta);
}

function moveToken(t: ETok, delta: number): void {
  t.start += delta;
  t.end += delta;
}

/** A host after a re-parsed run: a new range object (the previous model shares the old one), its NAT host too. */
function moveHost(h: HostSyntax, delta: number): void {
  h.range = { start: h.range.start + delta, end: h.range.end + delta };
  const nat = h.nat; // a NAT host has no NAT host of its own
  if (nat) nat.range = { start: nat.range.start + delta, end: nat.range.end + delta };
}

/** Whether the run of `count` tokens at `first` is `NAME = …` (NAME a word, not `$…`, not a keyword). */
function isMacroDefinition(store: ObsdTokenStore, first: number, count: number): boolean {
  return count >= 2 && store.kinds[first] === WORD && store.firstCode(first) !== 36 && store.reserved(first) === undefined && store.kinds[first + 1] === PUNCT && store.firstCode(first + 1) === 61;
}

/** Statements have no child nodes: one frozen empty list for all of them. */
const NO_CHILDREN = Object.freeze([]) as unknown as SyntaxNode[];

/**
 * A statement of the tree. Its significant tokens are not kept: `tokens` lexes its range again on first use (the
 * hover, completion and folding of one place, or the lossless list) and keeps them from then on. `toJSON` gives the
 * fields in the order of the plain object this used to be.
 */
class Statement implements ObsdStatement {
  kind: StatementKind = 'ObsdUnknown';
  readonly children: SyntaxNode[] = NO_CHILDREN;
  rule: RuleSyntax | undefined = undefined;
  macro: MacroSyntax | undefined = undefined;
  include: { path: string; range: TextRange } | undefined = undefined;
  #tokens: LexToken[] | undefined = undefined;
  #store: ObsdTokenStore;
  /** The statement's run of the store. */
  #first: number;
  readonly #count: number;

  constructor(
    public range: TextRange,
    readonly macroUses: ObsdStatement['macroUses'],
    store: ObsdTokenStore,
    first: number,
    count: number,
  ) {
    this.#store = store;
    this.#first = first;
    this.#count = count;
  }

  get tokens(): LexToken[] {
    return (this.#tokens ??= this.#store.tokens(this.#first, this.#count));
  }

  /** The index of the statement's first token in its store. */
  get storeFirst(): number {
    return this.#first;
  }

  /** A statement a re-parse read (lexed into a store of its own) now in the document's store at `offset` more. */
  relocate(store: ObsdTokenStore, offset: number): void {
    this.#store = store;
    this.#first += offset;
  }

  /**
   * Moves a statement after a re-parsed run by `delta` characters and `shift` store indexes. The ranges the model
   * shares (the statement's, macro uses', hosts', macro name and value, include) are replaced by new objects, so the
   * previous version's model and outline keep theirs; the clause tokens (the tree's own) move in place and read the
   * new text through the store's `Source`.
   */
  move(delta: number, shift: number): void {
    this.range = { start: this.range.start + delta, end: this.range.end + delta };
    this.#first += shift;
    this.#tokens = undefined;
    for (const u of this.macroUses) u.range = { start: u.range.start + delta, end: u.range.end + delta };
    const m = this.macro;
    if (m) {
      m.nameRange = { start: m.nameRange.start + delta, end: m.nameRange.end + delta };
      if (m.valueRange) m.valueRange = { start: m.valueRange.start + delta, end: m.valueRange.end + delta };
    }
    const inc = this.include;
    if (inc) inc.range = { start: inc.range.start + delta, end: inc.range.end + delta };
    if (this.rule) (this.rule as RuleNode).move(delta);
  }

  toJSON(): object {
    return { kind: this.kind, range: this.range, tokens: this.tokens, children: this.children, macroUses: this.macroUses, rule: this.rule, macro: this.macro, include: this.include };
  }
}

/** Statements without macro uses (most of them) share one frozen empty list. */
const NO_USES = Object.freeze([]) as unknown as ObsdStatement['macroUses'];

/**
 * Parses the statement made of the `count` tokens of the store at `first`. Clauses keep the tokens they name; the
 * statement and its rule rebuild their lists on use.
 */
function parseStatement(first: number, count: number, state: ParseState): ObsdStatement {
  const { diags, options, store, text } = state;
  const range = { start: store.starts[first], end: store.ends[first + count - 1] };
  let macroUses = NO_USES;
  /** The value of each `$name` use in order (undefined: not defined there), for `RuleNode.toks`. */
  let expansions: (MacroPart[] | undefined)[] | undefined;
  // Expand `$name` uses against the macros defined so far (ipsecctl expands while lexing, in file order).
  const c = state.cursor;
  c.n = 0;
  let hasUse = false;
  for (let i = first; i < first + count; i++) {
    if (store.kinds[i] === WORD && store.firstCode(i) === 36) {
      hasUse = true;
      break;
    }
  }
  if (!hasUse) for (let i = first; i < first + count; i++) c.add(i, undefined, '');
  else {
    macroUses = [];
    expansions = [];
    for (let i = first; i < first + count; i++) {
      if (store.kinds[i] === WORD && store.firstCode(i) === 36) {
        const written = text.slice(store.starts[i] + 1, store.ends[i]);
        const def = lookupMacro(state, written);
        const name = def ? def.name : written;
        const value = def?.value;
        const r = { start: store.starts[i], end: store.ends[i] };
        macroUses.push({ name, range: r, defined: value !== undefined });
        expansions.push(value);
        if (value) {
          for (const v of value) c.add(i, v, name);
        } else state.laterDefined.push({ name, range: r });
        continue;
      }
      c.add(i, undefined, '');
    }
    // Exact-size copies: arrays grown by push keep spare slots (17 for the first push), and trees keep them.
    macroUses = macroUses.slice();
    expansions = expansions.slice();
  }
  const st = new Statement(range, macroUses, store, first, count);
  if (isMacroDefinition(store, first, count)) {
    st.kind = 'ObsdMacro';
    st.macro = parseMacro(store, first, c, diags);
    // The value is re-lexed at each use, exactly like ipsecctl pushes it back into its lexer.
    defineMacro(state, { name: st.macro.name, value: relex(st.macro.value), st });
    return st;
  }
  if (c.n === 0) return st;
  const kw = c.kind(0) === STRING ? '' : c.value(0);
  if (kw === 'include') {
    st.kind = 'ObsdInclude';
    const toks: ETok[] = [];
    for (let i = 0; i < c.n; i++) toks.push(c.tok(i));
    const first = toks[0];
    const v = toks[1];
    if (!v || (v.kind !== 'string' && v.kind !== 'word')) diags.push({ range: first.range, severity: 'error', code: CODES.missingArgument, message: '`include` needs a quoted file name' });
    else st.include = { path: v.value, range: v.range };
    for (const extra of toks.slice(2)) diags.push(unexpected(extra, 'after the file name of `include`'));
    return st;
  }
  let type: RuleType | undefined;
  if (kw === 'ike') type = 'ike';
  else if (kw === 'flow') type = 'flow';
  else if (kw === 'tcpmd5') type = 'tcpmd5';
  else if (kw === 'esp' || kw === 'ah' || kw === 'ipcomp' || kw === 'ipip') type = 'sa';
  if (!type) {
    if (options.reportUnknownCommands) diags.push({ range: c.range(0), severity: 'information', code: CODES.unknownCommand, message: `'${c.value(0)}' does not start an ipsec.conf rule (ike, flow, esp/ah/ipcomp/ipip, tcpmd5, include or a macro)` });
    return st;
  }
  st.kind = type === 'ike' ? 'ObsdIkeRule' : type === 'flow' ? 'ObsdFlowRule' : type === 'sa' ? 'ObsdSaRule' : 'ObsdTcpmd5Rule';
  st.rule = new RuleParser(type, c, diags, new RuleNode(type, c.tok(0), st, expansions)).parse();
  return st;
}

/**
 * The tokens of the statement being parsed, `$name` uses expanded, as indexes into the store: entry `i` is the
 * store's token `idx[i]`, or, when `parts[i]` is set, that token of the value of the macro `names[i]` (the store's
 * token is then the `$name` use, whose offsets it carries). The parser reads kinds, offsets, values and keywords
 * here; `tok(i)` makes an object for a token a clause keeps. One per parse, reused by every statement.
 */
class Cursor {
  n = 0;
  idx = new Int32Array(64);
  readonly parts: (MacroPart | undefined)[] = [];
  readonly names: string[] = [];

  constructor(readonly store: ObsdTokenStore) {}

  add(i: number, part: MacroPart | undefined, name: string): void {
    const n = this.n;
    if (n === this.idx.length) {
      const idx = new Int32Array(n * 2);
      idx.set(this.idx);
      this.idx = idx;
    }
    this.idx[n] = i;
    this.parts[n] = part;
    this.names[n] = name;
    this.n = n + 1;
  }

  /** Kind number (store.ts) of entry `i`. */
  kind(i: number): number {
    const part = this.parts[i];
    return part ? part.code : this.store.kinds[this.idx[i]];
  }

  /** Text as written. */
  text(i: number): string {
    const part = this.parts[i];
    return part ? part.text : this.store.text(this.idx[i]);
  }

  /** Unquoted value. */
  value(i: number): string {
    const part = this.parts[i];
    if (part) return part.value;
    const j = this.idx[i];
    return this.store.kinds[j] === STRING ? unquoteString(this.store.source.slice(this.store.starts[j], this.store.ends[j])) : this.store.text(j);
  }

  start(i: number): number {
    return this.store.starts[this.idx[i]];
  }

  end(i: number): number {
    return this.store.ends[this.idx[i]];
  }

  range(i: number): TextRange {
    const j = this.idx[i];
    return { start: this.store.starts[j], end: this.store.ends[j] };
  }

  /** Whether entry `i` is the punctuation character `code`. */
  isPunct(i: number, code: number): boolean {
    const part = this.parts[i];
    if (part) return part.code === PUNCT && part.text.charCodeAt(0) === code;
    const j = this.idx[i];
    return this.store.kinds[j] === PUNCT && this.store.firstCode(j) === code;
  }

  /** Keyword text of entry `i` (an unquoted reserved word), or undefined for values. */
  keyword(i: number): string | undefined {
    const part = this.parts[i];
    if (part) return part.code === WORD && RESERVED.has(part.text) ? part.text : undefined;
    return this.store.reserved(this.idx[i]);
  }

  /** A token object for entry `i` (a new one at each call). */
  tok(i: number): ETok {
    const part = this.parts[i];
    if (!part) return this.store.token(this.idx[i]);
    const j = this.idx[i];
    return new MacroToken(part.kind, this.store.starts[j], this.store.ends[j], part.text, this.names[i]);
  }
}

/**
 * A rule's syntax. `toks` (the statement's tokens with macro uses expanded) is rebuilt on use from the statement's
 * tokens and the values its `$name` uses had where they stood; `toJSON` puts it where the plain object had it.
 */
class RuleNode implements RuleSyntax {
  // Assigned in the constructor in the order of the plain object this used to be (its JSON keeps that order);
  // the optional clauses are added as they are parsed.
  readonly type: RuleType;
  readonly keyword: ETok;
  satype: ETok | undefined;
  hosts: HostsSyntax | undefined;
  peer: (ValueClause & { host?: HostSyntax }) | undefined;
  phase1: PhaseSyntax | undefined;
  phase2: PhaseSyntax | undefined;
  ikeauth: ValueClause | undefined;
  other: ValueClause[];
  declare mode?: ETok;
  declare tmode?: ETok;
  declare dir?: ETok;
  declare proto?: ValueClause & { number?: number };
  declare iface?: ValueClause;
  declare local?: ValueClause & { host?: HostSyntax };
  declare srcid?: ValueClause;
  declare dstid?: ValueClause;
  declare tag?: ValueClause;
  declare flowType?: ValueClause;
  readonly #st: Statement;
  readonly #expansions: (MacroPart[] | undefined)[] | undefined;
  #toks: ETok[] | undefined = undefined;

  constructor(type: RuleType, keyword: ETok, st: Statement, expansions: (MacroPart[] | undefined)[] | undefined) {
    this.type = type;
    this.keyword = keyword;
    this.satype = undefined;
    this.hosts = undefined;
    this.peer = undefined;
    this.phase1 = undefined;
    this.phase2 = undefined;
    this.ikeauth = undefined;
    this.other = [];
    this.#st = st;
    this.#expansions = expansions;
  }

  get toks(): ETok[] {
    return (this.#toks ??= expandTokens(this.#st.tokens, this.#st.macroUses, this.#expansions));
  }

  /** Moves every token and host of the rule by `delta` (each object once: an SA rule's `satype` is its keyword). */
  move(delta: number): void {
    this.#toks = undefined;
    moveToken(this.keyword, delta);
    if (this.satype && this.satype !== this.keyword) moveToken(this.satype, delta);
    if (this.mode) moveToken(this.mode, delta);
    if (this.tmode) moveToken(this.tmode, delta);
    if (this.dir) moveToken(this.dir, delta);
    if (this.proto) moveClause(this.proto, delta);
    const hs = this.hosts;
    if (hs) {
      if (hs.from) moveToken(hs.from, delta);
      if (hs.to) moveToken(hs.to, delta);
      for (let i = 0; i < hs.src.length; i++) moveHost(hs.src[i], delta);
      for (let i = 0; i < hs.dst.length; i++) moveHost(hs.dst[i], delta);
      if (hs.srcPort) moveClause(hs.srcPort, delta);
      if (hs.dstPort) moveClause(hs.dstPort, delta);
    }
    if (this.iface) moveClause(this.iface, delta);
    if (this.peer) {
      moveClause(this.peer, delta);
      if (this.peer.host) moveHost(this.peer.host, delta);
    }
    if (this.local) {
      moveClause(this.local, delta);
      if (this.local.host) moveHost(this.local.host, delta);
    }
    if (this.phase1) movePhase(this.phase1, delta);
    if (this.phase2) movePhase(this.phase2, delta);
    if (this.srcid) moveClause(this.srcid, delta);
    if (this.dstid) moveClause(this.dstid, delta);
    if (this.ikeauth) moveClause(this.ikeauth, delta);
    if (this.tag) moveClause(this.tag, delta);
    if (this.flowType) moveClause(this.flowType, delta);
    for (let i = 0; i < this.other.length; i++) moveClause(this.other[i], delta);
  }

  toJSON(): object {
    const res: Record<string, unknown> = {};
    for (const k of Object.keys(this)) {
      res[k] = (this as unknown as Record<string, unknown>)[k];
      if (k === 'other') res.toks = this.toks;
    }
    return res;
  }
}

/** A statement's tokens with each `$name` use replaced by its value's tokens (the use's offsets, the macro's name). */
function expandTokens(g: LexToken[], uses: ObsdStatement['macroUses'], expansions: (MacroPart[] | undefined)[] | undefined): ETok[] {
  if (!expansions) return g;
  const toks: ETok[] = [];
  let u = 0;
  for (const t of g) {
    if (t.kind === 'word' && t.firstCode() === 36) {
      const value = expansions[u];
      const name = uses[u++].name;
      if (value) for (const v of value) toks.push(new MacroToken(v.kind, t.start, t.end, v.text, name));
      continue;
    }
    toks.push(t);
  }
  return toks.slice();
}

/** One significant token of a macro value, with its text cut once (every use of the macro shares it). */
interface MacroPart {
  kind: Token['kind'];
  /** `kind` as the store's number. */
  code: number;
  text: string;
  /** Unquoted value. */
  value: string;
}

function relex(value: string): MacroPart[] {
  const res: MacroPart[] = [];
  lexIpsecConf(value, undefined, 0, value.length, (kind, start, end) => {
    if (kind !== 'whitespace' && kind !== 'newline' && kind !== 'comment') {
      const text = value.slice(start, end);
      res.push({ kind, code: kindCode(kind), text, value: kind === 'string' ? unquoteString(text) : text });
    }
  });
  return res.slice();
}

/** A macro definition: the store's token `first` is the name, the next one `=`, the cursor's entries from 2 the value. */
function parseMacro(store: ObsdTokenStore, first: number, c: Cursor, diags: DiagnosticSink): MacroSyntax {
  const name = store.text(first);
  const n = c.n;
  for (let i = 2; i < n; i++) {
    // parse.y `varset: STRING '=' string`: only words and quoted strings; numbers and punctuation are syntax errors.
    const k = c.kind(i);
    if (k !== WORD && k !== STRING) {
      const values: string[] = [];
      for (let j = 2; j < n; j++) values.push(c.value(j));
      diags.push({ range: c.range(i), severity: 'error', code: CODES.unexpectedToken, message: `ipsecctl only accepts words and quoted strings in a macro value; quote the whole value (e.g. ${name} = "${values.join(' ')}")` });
      break;
    }
  }
  if (n === 2) diags.push({ range: { start: store.starts[first + 1], end: store.ends[first + 1] }, severity: 'error', code: CODES.missingArgument, message: `Macro '${name}' has no value` });
  // Tokens lexed next to each other without space (`10.0.0.0/24`) are joined without one.
  let value = '';
  let start = Infinity;
  let end = -Infinity;
  for (let i = 2; i < n; i++) {
    const k = c.kind(i);
    const glued = i > 2 && !c.parts[i - 1] && !c.parts[i] && c.end(i - 1) === c.start(i) && (k === PUNCT || c.kind(i - 1) === PUNCT || k === NUMBER);
    value += (i === 2 || glued ? '' : ' ') + c.value(i);
    start = Math.min(start, c.start(i));
    end = Math.max(end, c.end(i));
  }
  const valueRange = n > 2 ? { start, end } : undefined;
  return { name, nameRange: { start: store.starts[first], end: store.ends[first] }, value, valueRange };
}

/** `unexpected` for the cursor's entry `i`. */
function unexpectedAt(c: Cursor, i: number, where: string): SyntaxDiagnostic {
  const value = c.value(i);
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return { range: c.range(i), severity: 'error', code: CODES.unexpectedToken, message: `Unexpected '${shown}' ${where}` };
}

function unexpected(t: ETok, where: string): SyntaxDiagnostic {
  const shown = t.value.length > 40 ? `${t.value.slice(0, 40)}…` : t.value;
  return { range: t.range, severity: 'error', code: CODES.unexpectedToken, message: `Unexpected '${shown}' ${where}` };
}

/** Clause order of each rule type (parse.y productions); a keyword whose slot is lower than one already seen is out of order. */
export const SLOTS: Record<RuleType, Record<string, number>> = {
  ike: { active: 0, passive: 0, dynamic: 0, esp: 1, ah: 1, ipcomp: 1, ipip: 1, tunnel: 2, transport: 2, proto: 3, from: 4, to: 4, interface: 4, peer: 5, local: 5, main: 6, aggressive: 6, quick: 7, srcid: 8, dstid: 8, rsa: 9, psk: 9, tag: 10 },
  flow: { esp: 1, ah: 1, ipcomp: 1, ipip: 1, in: 2, out: 2, proto: 3, from: 4, to: 4, peer: 5, local: 5, srcid: 8, dstid: 8, type: 11 },
  sa: { esp: 1, ah: 1, ipcomp: 1, ipip: 1, tunnel: 2, transport: 2, from: 4, to: 4, spi: 12, udpencap: 13, auth: 14, enc: 14, comp: 14, authkey: 15, enckey: 16, bundle: 17 },
  tcpmd5: { tcpmd5: 1, from: 4, to: 4, spi: 12, authkey: 15 },
};

/** Whether a dotted quad `parseIpv4` accepted is written as `formatIpv4` writes it: no octet with a leading zero. */
function canonicalIpv4(s: string): boolean {
  for (let i = 0; i < s.length - 1; i++) {
    if (s.charCodeAt(i) === 48 && (i === 0 || s.charCodeAt(i - 1) === 46) && s.charCodeAt(i + 1) !== 46) return false;
  }
  return true;
}

/** `expectation()` texts by rule type and last slot: a line of stray tokens asks for the same text each time. */
const EXPECTATIONS = new Map<string, string>();

const FLOW_TYPES = new Set(['use', 'acquire', 'require', 'dontacq', 'bypass', 'deny']);

/** Each reserved word's bit number in `RuleParser`'s seen-keyword stamps. */
const KEYWORD_INDEX = new Map<string, number>(Array.from(RESERVED, (w, i) => [w, i]));
/** Per reserved word, the rule (a `RuleParser` generation) that last saw it: no `Set` per rule. */
const SEEN = new Int32Array(KEYWORD_INDEX.size);
let generation = 0;

/** No token (an index of the cursor). */
const NONE = -1;

class RuleParser {
  private p = 1;
  private lastSlot = -1;
  private lastKeyword = '';
  /** This rule's stamp in `SEEN`. */
  private readonly gen: number;

  constructor(
    private readonly type: RuleType,
    private readonly c: Cursor,
    private readonly diags: DiagnosticSink,
    private readonly rule: RuleSyntax,
  ) {
    if (type === 'sa') {
      this.p = 0; // the SA type keyword itself is the first clause
    }
    if (generation === 0x7fffffff) {
      SEEN.fill(0);
      generation = 0;
    }
    this.gen = ++generation;
  }

  private seen(kw: string): boolean {
    return SEEN[KEYWORD_INDEX.get(kw)!] === this.gen;
  }

  private see(kw: string): void {
    SEEN[KEYWORD_INDEX.get(kw)!] = this.gen;
  }

  parse(): RuleSyntax {
    const c = this.c;
    while (this.p < c.n) {
      const i = this.p;
      const kw = c.keyword(i);
      const slot = kw !== undefined ? SLOTS[this.type][kw] : undefined;
      if (kw === undefined || slot === undefined) {
        this.diags.push(unexpectedAt(c, i, this.expectation()));
        this.p++;
        continue;
      }
      this.order(i, kw, slot);
      this.p++;
      this.clause(i, kw);
    }
    this.finish();
    return this.rule;
  }

  /** Keyword text of entry `i`, or undefined for values and past the end (quoted strings are never keywords). */
  private keyword(i: number): string | undefined {
    return i === NONE ? undefined : this.c.keyword(i);
  }

  private expectation(): string {
    const key = `${this.type} ${this.lastSlot}`;
    let res = EXPECTATIONS.get(key);
    if (res === undefined) {
      const next = Object.entries(SLOTS[this.type])
        .filter(([, s]) => s > this.lastSlot)
        .map(([k]) => k);
      const label = this.type === 'sa' ? 'SA' : this.type;
      res = next.length ? `in ${label === 'ike' ? 'an' : 'a'} ${label} rule here; expected one of: ${next.join(', ')}` : `at the end of ${label === 'ike' ? 'an' : 'a'} ${label} rule`;
      EXPECTATIONS.set(key, res);
    }
    return res;
  }

  private order(i: number, kw: string, slot: number): void {
    if (this.seen(kw) || (kw === 'main' && this.seen('aggressive')) || (kw === 'aggressive' && this.seen('main')) || ((kw === 'rsa' || kw === 'psk') && (this.seen('rsa') || this.seen('psk')))) {
      this.diags.push({ range: this.c.range(i), severity: 'error', code: CODES.duplicateKeyword, message: `'${kw}' is given twice in this rule; ipsecctl accepts it only once` });
    } else if (slot < this.lastSlot || (kw === 'srcid' && this.seen('dstid'))) {
      this.diags.push({ range: this.c.range(i), severity: 'error', code: CODES.outOfOrder, message: `'${kw}' must come before '${this.lastKeyword}': ipsecctl reads the clauses of ${this.type === 'ike' ? 'an' : 'a'} ${this.type} rule in a fixed order` });
    }
    this.see(kw);
    if (slot >= this.lastSlot) {
      this.lastSlot = slot;
      this.lastKeyword = kw;
    }
  }

  /** The entry at the position, or `NONE` at the end. */
  private next(): number {
    return this.p < this.c.n ? this.p : NONE;
  }

  /** Whether entry `i` exists, is not quoted and its value is `s`. */
  private isWord(i: number, s: string): boolean {
    return i !== NONE && this.c.kind(i) !== STRING && this.c.value(i) === s;
  }

  /** Consumes a value entry (word, number or quoted string that is not a keyword); `NONE` when there is none. */
  private valueAt(): number {
    const i = this.next();
    if (i === NONE || this.keyword(i) !== undefined) return NONE;
    const k = this.c.kind(i);
    if (k !== WORD && k !== NUMBER && k !== STRING) return NONE;
    this.p++;
    return i;
  }

  /** Consumes a value token (word, number or quoted string that is not a keyword). */
  private value(): ETok | undefined {
    const i = this.valueAt();
    return i === NONE ? undefined : this.c.tok(i);
  }

  private missing(kw: ETok, what: string): void {
    this.diags.push({ range: kw.range, severity: 'error', code: CODES.missingArgument, message: `'${kw.value}' needs ${what}` });
  }

  private clause(i: number, kw: string): void {
    const r = this.rule;
    const c = this.c;
    if (kw === 'tcpmd5') return;
    if (kw === 'from' || kw === 'to') return this.hosts(c.tok(i), kw);
    // An SA rule's first clause is its keyword: the same object (outline.ts tells them apart by identity).
    const t = i === 0 ? r.keyword : c.tok(i);
    switch (kw) {
      case 'active':
      case 'passive':
      case 'dynamic':
        r.mode = t;
        return;
      case 'esp':
      case 'ah':
      case 'ipcomp':
      case 'ipip':
        r.satype = t;
        return;
      case 'tunnel':
      case 'transport':
        r.tmode = t;
        return;
      case 'in':
      case 'out':
        r.dir = t;
        return;
      case 'proto': {
        const next = this.next();
        if (this.isWord(next, 'esp') || this.isWord(next, 'ah')) {
          this.p++;
          const value = c.value(next);
          r.proto = { keyword: t, value: c.tok(next), number: PROTOCOLS[value] };
          return;
        }
        const v = this.value();
        if (!v) return this.missing(t, 'a protocol name or number');
        let number: number | undefined;
        if (v.kind === 'number') {
          number = Number(v.value);
          if (number < 0 || number > 255) this.diags.push({ range: v.range, severity: 'error', code: CODES.invalidValue, message: 'Protocol numbers range from 0 to 255' });
        } else number = PROTOCOLS[v.value];
        r.proto = { keyword: t, value: v, number };
        return;
      }
      case 'interface': {
        const v = this.value();
        if (!v) return this.missing(t, 'a sec(4) interface name such as sec0');
        if (!/^sec\d+$/.test(v.value)) this.diags.push({ range: v.range, severity: 'error', code: CODES.invalidValue, message: `'${v.value}' is not a sec(4) interface name (secN)` });
        r.iface = { keyword: t, value: v };
        return;
      }
      case 'peer':
      case 'local': {
        const next = this.next();
        let v: ETok | undefined;
        let host: HostSyntax | undefined;
        if (kw === 'peer' && this.isWord(next, 'any')) {
          this.p++;
          v = c.tok(next);
          host = { written: 'any', range: v.range, any: true, family: 0, netaddress: true };
        } else {
          const j = this.valueAt();
          if (j !== NONE) {
            v = c.tok(j);
            host = this.checkHost(j, NONE);
          }
        }
        if (!v) {
          // parse.y allows an empty `singlehost`; ipsecctl then silently uses the default peer / no local address.
          this.diags.push({ range: t.range, severity: 'warning', code: CODES.emptyPeer, message: `'${kw}' without an address: ipsecctl then ${kw === 'peer' ? 'uses the default peer (any)' : 'picks the local address itself'}; add the address` });
        }
        if (kw === 'peer') r.peer = { keyword: t, value: v, host };
        else r.local = { keyword: t, value: v, host };
        return;
      }
      case 'main':
      case 'aggressive':
      case 'quick':
        return this.phase(t, kw === 'quick' ? 'phase2' : 'phase1');
      case 'srcid':
      case 'dstid': {
        const v = this.value();
        if (!v) return this.missing(t, 'an identity (address, FQDN or user@FQDN)');
        r[kw] = { keyword: t, value: v };
        return;
      }
      case 'rsa':
        r.ikeauth = { keyword: t };
        return;
      case 'psk': {
        const v = this.value();
        if (!v) return this.missing(t, 'a key');
        if (v.kind === 'number') this.diags.push({ range: v.range, severity: 'error', code: CODES.invalidValue, message: 'ipsecctl reads an unquoted all-digit key as a number and rejects it; put the key in quotes' });
        r.ikeauth = { keyword: t, value: v };
        return;
      }
      case 'tag': {
        const v = this.value();
        if (!v) return this.missing(t, 'a pf tag name');
        r.tag = { keyword: t, value: v };
        return;
      }
      case 'type': {
        const next = this.next();
        if (next !== NONE && c.kind(next) !== STRING && FLOW_TYPES.has(c.value(next))) {
          this.p++;
          r.flowType = { keyword: t, value: c.tok(next) };
        } else this.missing(t, 'one of use, acquire, require, dontacq, bypass, deny');
        return;
      }
      case 'auth':
      case 'enc':
      case 'comp': {
        // Static SA transforms: tolerated, not modelled.
        const v = this.value();
        if (!v) return this.missing(t, 'an algorithm name');
        r.other.push({ keyword: t, value: v });
        return;
      }
      case 'udpencap': {
        const clause: ValueClause = { keyword: t };
        const next = this.next();
        if (this.isWord(next, 'port')) {
          this.p++;
          clause.value = this.value();
          if (!clause.value) this.missing(c.tok(next), 'a port number');
        }
        r.other.push(clause);
        return;
      }
      case 'authkey':
      case 'enckey': {
        const next = this.next();
        if (this.isWord(next, 'file')) this.p++;
        const v = this.value();
        if (!v) return this.missing(t, 'a hex key or `file NAME`');
        r.other.push({ keyword: t, value: v });
        return;
      }
      case 'spi':
      case 'bundle': {
        const v = this.value();
        if (!v) return this.missing(t, kw === 'spi' ? 'an SPI (e.g. 0x1000 or 0x1000:0x1001)' : 'a bundle name');
        r.other.push({ keyword: t, value: v });
        return;
      }
      default:
        this.diags.push(unexpected(t, this.expectation()));
    }
  }

  private hosts(t: ETok, kw: 'from' | 'to'): void {
    const r = this.rule;
    if (!r.hosts) r.hosts = { from: undefined, to: undefined, src: [], dst: [] };
    const hs = r.hosts;
    if (kw === 'from') hs.from = t;
    else hs.to = t;
    const list: HostSyntax[] = [];
    if (!this.host(list, kw === 'from')) this.missing(t, kw === 'from' ? 'a source (address, prefix, any, or { list })' : 'a destination (address, prefix, any, or { list })');
    if (kw === 'from') hs.src = list.slice();
    else hs.dst = list.slice();
    const next = this.next();
    if (this.isWord(next, 'port')) {
      this.p++;
      const port = this.c.tok(next);
      const v = this.value();
      if (!v) this.missing(port, 'a port name or number');
      else if (v.kind === 'number' && (Number(v.value) < 0 || Number(v.value) > 65535)) this.diags.push({ range: v.range, severity: 'error', code: CODES.invalidValue, message: 'Ports range from 0 to 65535' });
      if (kw === 'from') hs.srcPort = { keyword: port, value: v };
      else hs.dstPort = { keyword: port, value: v };
    }
    const other = kw === 'from' ? 'to' : 'from';
    const nxt = this.next();
    if (this.isWord(nxt, other) && !this.seen(other)) {
      this.see(other);
      this.p++;
      this.hosts(this.c.tok(nxt), other);
    }
  }

  /**
   * Parses one `host` (parse.y): `any`, `{ list }`, or `spec [/len] [(spec [/len])]`. Returns false when nothing fits.
   * Lists nest (`host: '{' host_list '}'`); they are walked with an explicit stack, never by recursion, so 10,000
   * nested `{` cannot overflow the call stack.
   */
  private host(out: HostSyntax[], allowNat: boolean): boolean {
    const c = this.c;
    const first = this.next();
    if (first === NONE) return false;
    if (!c.isPunct(first, 123 /* { */)) return this.singleHost(out, allowNat);
    this.p++;
    /** Open lists, outermost first, with the number of hosts each holds so far. */
    const open: { brace: number; n: number }[] = [{ brace: first, n: 0 }];
    while (open.length) {
      const top = open[open.length - 1];
      const u = this.next();
      if (u === NONE) {
        const msg = open.length > 1 ? `Unclosed '{' list (${open.length} nested lists are open): add '}'` : "Unclosed '{' list: add '}'";
        this.diags.push({ range: c.range(open[0].brace), severity: 'error', code: CODES.missingArgument, message: msg });
        if (top.n === 0) this.diags.push({ range: c.range(top.brace), severity: 'error', code: CODES.missingArgument, message: 'Empty address list' });
        break;
      }
      if (c.isPunct(u, 125 /* } */)) {
        this.p++;
        open.pop();
        if (top.n === 0) this.diags.push({ range: c.range(top.brace), severity: 'error', code: CODES.missingArgument, message: 'Empty address list' });
        if (open.length) open[open.length - 1].n++;
        continue;
      }
      if (c.isPunct(u, 44 /* , */)) {
        this.p++;
        continue;
      }
      if (c.isPunct(u, 123 /* { */)) {
        this.p++;
        open.push({ brace: u, n: 0 });
        continue;
      }
      if (!this.singleHost(out, allowNat)) {
        this.diags.push(unexpectedAt(c, u, 'in an address list'));
        this.p++;
        continue;
      }
      top.n++;
    }
    return true;
  }

  /** `any`, or `spec [/len] [(spec [/len])]`. */
  private singleHost(out: HostSyntax[], allowNat: boolean): boolean {
    const c = this.c;
    const t = this.next();
    if (t === NONE) return false;
    if (c.kind(t) === WORD && c.value(t) === 'any') {
      this.p++;
      out.push({ written: 'any', range: c.range(t), any: true, family: 0, netaddress: true });
      return true;
    }
    const spec = this.hostSpec();
    if (!spec) return false;
    const open = this.next();
    if (open !== NONE && c.isPunct(open, 40 /* ( */)) {
      this.p++;
      const nat = this.hostSpec();
      const close = this.next();
      let end = nat?.range ?? c.range(open);
      if (close !== NONE && c.isPunct(close, 41 /* ) */)) {
        this.p++;
        end = c.range(close);
      } else this.diags.push({ range: c.range(open), severity: 'error', code: CODES.missingArgument, message: "Unclosed '(': write `from X (Y)`" });
      if (!nat) this.diags.push({ range: c.range(open), severity: 'error', code: CODES.missingArgument, message: "'(' needs the real local network: `from X (Y)`" });
      else {
        if (!allowNat) this.diags.push({ range: cover([c.range(open), end]), severity: 'error', code: CODES.unexpectedToken, message: 'ipsecctl has no NAT support for the destination network; `(…)` is only allowed after `from`' });
        else if (nat.family && spec.family && nat.family !== spec.family) this.diags.push({ range: nat.range, severity: 'error', code: CODES.invalidAddress, message: 'Flow NAT address family mismatch' });
        spec.nat = nat;
      }
    }
    out.push(spec);
    return true;
  }

  private hostSpec(): HostSyntax | undefined {
    const c = this.c;
    const t = this.next();
    if (t === NONE || this.keyword(t) !== undefined) return undefined;
    const k = c.kind(t);
    if (k !== WORD && k !== STRING && k !== NUMBER) return undefined;
    this.p++;
    let len = NONE;
    const slash = this.next();
    if (slash !== NONE && c.isPunct(slash, 47 /* / */) && k !== STRING) {
      this.p++;
      const n = this.next();
      if (n !== NONE && c.kind(n) === NUMBER) {
        this.p++;
        len = n;
      } else this.diags.push({ range: c.range(slash), severity: 'error', code: CODES.invalidAddress, message: "'/' must be followed by a prefix length" });
    }
    return this.checkHost(t, len);
  }

  /** Classifies and validates a host entry (plus optional prefix length) like ipsecctl's `host()`. */
  checkHost(t: number, len: number): HostSyntax {
    const c = this.c;
    const value = c.value(t);
    const lenValue = len === NONE ? undefined : c.value(len);
    const range = len !== NONE ? { start: Math.min(c.start(t), c.start(len)), end: Math.max(c.end(t), c.end(len)) } : c.range(t);
    const written = lenValue !== undefined ? `${value}/${lenValue}` : value;
    const res: HostSyntax = { written, range, any: false, family: 0, netaddress: false, address: undefined, prefixLength: undefined };
    const bad = (msg: string) => this.diags.push({ range, severity: 'error', code: CODES.invalidAddress, message: msg });
    const v4 = model.parseIpv4(value);
    const looksV4 = v4 === undefined && /^[0-9.]+$/.test(value);
    const looksV6 = v4 === undefined && value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value);
    const length = lenValue !== undefined ? Number(lenValue) : undefined;
    if (v4 !== undefined) {
      res.family = 4;
      // One string when written canonically (no octet with a leading zero: nearly always), without formatting it.
      res.address = canonicalIpv4(value) ? value : model.formatIpv4(v4);
      res.prefixLength = length ?? 32;
      res.netaddress = lenValue !== undefined;
      if (length !== undefined && (length < 0 || length > 32)) bad(`Invalid IPv4 prefix length /${lenValue} (0-32)`);
    } else if (looksV6) {
      const a = model.canonicalAddress(value);
      if (a === undefined) bad(`'${value}' is not a valid IPv6 address`);
      else {
        res.family = 6;
        res.address = a;
        res.prefixLength = length ?? 128;
        res.netaddress = res.prefixLength !== 128;
        if (length !== undefined && (length < 0 || length > 128)) bad(`Invalid IPv6 prefix length /${lenValue} (0-128)`);
      }
    } else if (looksV4) {
      bad(`'${value}' is not a valid IPv4 address`);
    } else if (c.kind(t) === NUMBER) {
      bad(`'${value}' is not an address`);
    } else if (length !== undefined) {
      // A name with a prefix length can only be an interface (ipsecctl never resolves a DNS name with a mask).
      res.netaddress = true;
      res.prefixLength = length;
    }
    return res;
  }

  private phase(t: ETok, phase: Phase): void {
    const c = this.c;
    const ph: PhaseSyntax = { keyword: t, last: t, auth: undefined, enc: undefined, group: undefined, comp: undefined, lifetime: undefined };
    if (phase === 'phase1') this.rule.phase1 = ph;
    else this.rule.phase2 = ph;
    for (;;) {
      const i = this.next();
      const kw = this.keyword(i);
      if (i === NONE || !kw) break;
      if (kw === 'auth' || kw === 'enc' || kw === 'group' || kw === 'comp') {
        this.p++;
        const n = c.tok(i);
        if (ph.lifetime) this.diags.push({ range: n.range, severity: 'error', code: CODES.outOfOrder, message: `'${kw}' must come before 'lifetime' in the ${t.value} clause` });
        if (ph[kw]) this.diags.push({ range: n.range, severity: 'error', code: CODES.duplicateKeyword, message: `'${kw}' is given twice in the ${t.value} clause (ipsecctl: "${kw} already set")` });
        const v = this.value();
        const xf: XfSyntax = { keyword: n, value: v, kind: kw, canonical: undefined };
        ph.last = v ?? n;
        if (!v) this.missing(n, kw === 'group' ? 'a Diffie-Hellman group' : 'an algorithm name');
        else if (kw !== 'comp') this.checkAlgorithm(xf, kw, phase);
        if (!ph[kw]) ph[kw] = xf;
        continue;
      }
      if (kw === 'lifetime') {
        this.p++;
        const n = c.tok(i);
        const v = this.value();
        ph.last = v ?? n;
        if (!v) {
          this.missing(n, 'a number of seconds (or Nm / Nh)');
          ph.lifetime = { keyword: n };
          continue;
        }
        const m = /^(\d+)([mMhH]?)/.exec(v.value);
        let seconds: number | undefined;
        if (m && (v.kind === 'number' || m[2])) seconds = Number(m[1]) * (m[2].toLowerCase() === 'h' ? 3600 : m[2].toLowerCase() === 'm' ? 60 : 1);
        else this.diags.push({ range: v.range, severity: 'error', code: CODES.invalidValue, message: `Invalid lifetime '${v.value}': write seconds, or a number with an m (minutes) or h (hours) suffix` });
        ph.lifetime = { keyword: n, value: v, seconds };
        continue;
      }
      break;
    }
  }

  private checkAlgorithm(xf: XfSyntax, kind: XfKind, phase: Phase): void {
    const v = xf.value!;
    const found = lookupAlgorithm(kind, phase, v.value);
    const where = `${kind} in ${phase === 'phase1' ? 'phase 1 (main/aggressive)' : 'phase 2 (quick)'}`;
    if (!found) {
      const allowed = documentedAlgorithms(kind, phase)
        .filter((d) => !d.name.startsWith('grp'))
        .map((d) => d.name);
      this.diags.push({ range: v.range, severity: 'error', code: CODES.invalidValue, message: `'${v.value}' is not a valid ${where}; allowed: ${allowed.join(', ')}` });
      return;
    }
    xf.canonical = found.canonical;
    if (found.abbreviated) {
      this.diags.push({ range: v.range, severity: 'warning', code: CODES.abbreviated, message: `'${v.value}' is not a documented ${kind} name; ipsecctl completes it to the first matching transform, '${found.name}'. Write '${found.name}'` });
    }
    if (found.canonical === 'des') {
      this.diags.push({ range: v.range, severity: 'warning', code: CODES.insecure, message: 'DES is documented as insecure, and recent ipsecctl no longer offers it; use aes' });
    }
    if (kind === 'group' && phase === 'phase1' && found.canonical === 'none') {
      this.diags.push({ range: v.range, severity: 'error', code: CODES.invalidValue, message: 'Phase 1 needs a Diffie-Hellman group; `group none` is only meaningful in `quick`' });
    }
  }

  private finish(): void {
    const r = this.rule;
    if (r.type === 'ike' && r.iface) return;
    const hs = r.hosts;
    if (!hs || (!hs.from && !hs.to)) {
      this.diags.push({ range: r.keyword.range, severity: 'error', code: CODES.missingKeyword, message: `${r.type === 'sa' ? 'An SA' : r.type === 'ike' ? 'An ike' : `A ${r.type}`} rule needs \`from SOURCE to DESTINATION\`` });
      return;
    }
    if (!hs.from) this.diags.push({ range: hs.to!.range, severity: 'error', code: CODES.missingKeyword, message: '`to` needs a matching `from SOURCE`' });
    else if (!hs.to) this.diags.push({ range: hs.from.range, severity: 'error', code: CODES.missingKeyword, message: '`from` needs a matching `to DESTINATION`' });
    if ((hs.srcPort || hs.dstPort) && r.type !== 'sa' && r.type !== 'tcpmd5') {
      const p = r.proto?.number;
      if (p !== 6 && p !== 17) {
        const at = (hs.srcPort ?? hs.dstPort)!.keyword;
        this.diags.push({ range: at.range, severity: 'error', code: CODES.portWithoutProto, message: 'Ports need `proto tcp` or `proto udp` (ipsecctl: "no protocol supplied with source/destination ports")' });
      }
    }
    const ph2 = r.phase2;
    if (ph2?.enc?.canonical && AEAD.has(ph2.enc.canonical) && ph2.auth?.value) {
      this.diags.push({ range: ph2.auth.value.range, severity: 'error', code: CODES.invalidValue, message: `Authentication is implicit for ${ph2.enc.value!.value}; remove \`auth\`` });
    }
  }
}
