// Parser for OpenBSD ipsec.conf(5): splits the lossless token stream into statements, expands macros the way
// ipsecctl's lexer does (at lex time, in file order), and parses `ike`/`flow`/SA/`tcpmd5` rules into typed clauses
// following parse.y's fixed clause order. Never throws; the statement (logical line) is the recovery unit.
// Knows nothing about LSP, the file system or other files.

import { cover, DiagnosticCollector, type DiagnosticSink, type SyntaxDiagnostic, type SyntaxNode, type TextRange, type Token } from '../../syntax';
import * as model from '../../model';
import { lexIpsecConf, LexToken, MacroToken, type LexProblem } from './lexer';
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
 * Parses a whole ipsec.conf. Never throws. Lexing and parsing are one pass: each statement is parsed as soon as its
 * line ends, from a reused buffer of its significant tokens, so the tokens no clause keeps (addresses, braces, macro
 * definitions, `/`) die young instead of all of them living until the end of the lexing (issue 16: every token
 * survived two scavenges, and the collector was 40% of a check). Statements and rules rebuild their token lists
 * on use (`Statement.tokens`, `RuleNode.toks`).
 */
export function parseIpsecConf(text: string, options: ParseOptions = {}): { tree: ObsdFile; tokens: Token[]; diagnostics: SyntaxDiagnostic[] } {
  const problems: LexProblem[] = [];
  const comments: LexToken[] = [];
  // Statement diagnostics are kept apart: the lexer's unterminated strings come first in the result (bounded both).
  const statementDiags = new DiagnosticCollector();
  const state: ParseState = { macros: new Map(), laterDefined: [], diags: statementDiags, options, text };
  const macroList: MacroSyntax[] = [];
  const statements: ObsdStatement[] = [];
  const cur: LexToken[] = [];
  const end = () => {
    const st = parseStatement(cur, state);
    if (st.macro) macroList.push(st.macro);
    statements.push(st);
    cur.length = 0;
  };
  lexIpsecConf(text, problems, 0, text.length, (kind, start, e) => {
    if (kind === 'newline') {
      if (cur.length) end();
    } else if (kind === 'comment') comments.push(new LexToken(kind, start, e, text));
    else if (kind !== 'whitespace') cur.push(new LexToken(kind, start, e, text));
  });
  if (cur.length) end();
  // Bounded: a file of braces has one problem per byte (2 MB made 2 million diagnostics and a 4 GB report).
  const diagnostics = new DiagnosticCollector();
  for (const p of problems) diagnostics.push({ range: { start: p.start, end: p.end }, severity: 'error', code: CODES.unterminatedString, message: 'Unterminated quoted string: add the closing quote' });
  for (const d of statementDiags.list) diagnostics.push(d);
  diagnostics.dropped += statementDiags.dropped;
  // A `$name` that was undefined when used but is defined further down: ipsecctl fails on it ("macro not defined").
  const definedNames = new Set(macroList.map((m) => m.name));
  for (const use of state.laterDefined) {
    if (!definedNames.has(use.name)) continue;
    diagnostics.push({ range: use.range, severity: 'error', code: CODES.macroBeforeDefinition, message: `Macro '${use.name}' is used before its definition; ipsecctl expands macros in file order, so move the definition above this line` });
  }
  const tree: ObsdFile = { kind: 'ObsdFile', range: { start: 0, end: text.length }, tokens: [], children: statements, statements, macros: macroList, comments };
  return withLazyTokens(text, tree, diagnostics.finish());
}

/** The significant tokens of `text` between `from` and `to` (a statement's range: it holds no comment). */
function significantTokens(text: string, from: number, to: number): LexToken[] {
  const res: LexToken[] = [];
  lexIpsecConf(text, undefined, from, to, (kind, start, end) => {
    if (kind !== 'whitespace' && kind !== 'newline' && kind !== 'comment') res.push(new LexToken(kind, start, end, text));
  });
  return res.slice();
}

/** The parse result, with `tokens` a getter that builds the lossless list on first use and keeps it. */
function withLazyTokens(text: string, tree: ObsdFile, diagnostics: SyntaxDiagnostic[]): { tree: ObsdFile; tokens: Token[]; diagnostics: SyntaxDiagnostic[] } {
  const result = { tree, diagnostics } as { tree: ObsdFile; tokens: Token[]; diagnostics: SyntaxDiagnostic[] };
  let cached: Token[] | undefined;
  Object.defineProperty(result, 'tokens', { enumerable: true, get: () => (cached ??= documentTokens(text, tree.statements, (tree.comments ?? []) as LexToken[])) });
  return result;
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

interface ParseState {
  /** Defined macros: the definition's name string (shared by every use) and the re-lexed value's tokens. */
  macros: Map<string, { name: string; value: MacroPart[] }>;
  /** Uses of macros not (yet) defined at that point. */
  laterDefined: { name: string; range: TextRange }[];
  diags: DiagnosticSink;
  options: ParseOptions;
  text: string;
}

function isMacroDefinition(g: Token[]): boolean {
  return g.length >= 2 && g[0].kind === 'word' && !g[0].text.startsWith('$') && !RESERVED.has(g[0].text) && g[1].text === '=';
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
  readonly #text: string;

  constructor(
    readonly range: TextRange,
    readonly macroUses: ObsdStatement['macroUses'],
    text: string,
  ) {
    this.#text = text;
  }

  get tokens(): LexToken[] {
    return (this.#tokens ??= significantTokens(this.#text, this.range.start, this.range.end));
  }

  toJSON(): object {
    return { kind: this.kind, range: this.range, tokens: this.tokens, children: this.children, macroUses: this.macroUses, rule: this.rule, macro: this.macro, include: this.include };
  }
}

/** Statements without macro uses (most of them) share one frozen empty list. */
const NO_USES = Object.freeze([]) as unknown as ObsdStatement['macroUses'];

/**
 * Parses one statement from `g`, its significant tokens (a buffer the caller reuses: nothing here may keep it).
 * Clauses keep the tokens they name; the statement and its rule rebuild their lists on use.
 */
function parseStatement(g: LexToken[], state: ParseState): ObsdStatement {
  const { macros, diags, options } = state;
  const range = { start: g[0].start, end: g[g.length - 1].end };
  let macroUses = NO_USES;
  /** The value of each `$name` use in order (undefined: not defined there), for `RuleNode.toks`. */
  let expansions: (MacroPart[] | undefined)[] | undefined;
  // Expand `$name` uses against the macros defined so far (ipsecctl expands while lexing, in file order).
  // Statements without macro uses (the common case) use the buffer itself.
  let toks: ETok[] = g;
  if (g.some((t) => t.kind === 'word' && t.firstCode() === 36)) {
    toks = [];
    macroUses = [];
    expansions = [];
    for (const t of g) {
      if (t.kind === 'word' && t.firstCode() === 36) {
        const written = t.text.slice(1);
        const def = macros.get(written);
        const name = def ? def.name : written;
        const value = def?.value;
        const r = { start: t.start, end: t.end };
        macroUses.push({ name, range: r, defined: value !== undefined });
        expansions.push(value);
        if (value) {
          for (const v of value) toks.push(new MacroToken(v.kind, t.start, t.end, v.text, name));
        } else state.laterDefined.push({ name, range: r });
        continue;
      }
      toks.push(t);
    }
    // Exact-size copies: arrays grown by push keep spare slots (17 for the first push), and trees keep them.
    macroUses = macroUses.slice();
    expansions = expansions.slice();
  }
  const st = new Statement(range, macroUses, state.text);
  if (isMacroDefinition(g)) {
    st.kind = 'ObsdMacro';
    st.macro = parseMacro(g, toks, diags);
    // The value is re-lexed at each use, exactly like ipsecctl pushes it back into its lexer.
    macros.set(st.macro.name, { name: st.macro.name, value: relex(st.macro.value) });
    return st;
  }
  if (toks.length === 0) return st;
  const first = toks[0];
  const kw = first.quoted ? '' : first.value;
  if (kw === 'include') {
    st.kind = 'ObsdInclude';
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
    if (options.reportUnknownCommands) diags.push({ range: first.range, severity: 'information', code: CODES.unknownCommand, message: `'${first.value}' does not start an ipsec.conf rule (ike, flow, esp/ah/ipcomp/ipip, tcpmd5, include or a macro)` });
    return st;
  }
  st.kind = type === 'ike' ? 'ObsdIkeRule' : type === 'flow' ? 'ObsdFlowRule' : type === 'sa' ? 'ObsdSaRule' : 'ObsdTcpmd5Rule';
  st.rule = new RuleParser(type, toks, diags, new RuleNode(type, toks[0], st, expansions)).parse();
  return st;
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
  text: string;
}

function relex(value: string): MacroPart[] {
  const res: MacroPart[] = [];
  lexIpsecConf(value, undefined, 0, value.length, (kind, start, end) => {
    if (kind !== 'whitespace' && kind !== 'newline' && kind !== 'comment') res.push({ kind, text: value.slice(start, end) });
  });
  return res.slice();
}

function parseMacro(g: Token[], toks: ETok[], diags: DiagnosticSink): MacroSyntax {
  const name = g[0].text;
  // toks[0] is the name, toks[1] the `=`; the rest (already expanded) is the value.
  const valueToks = toks.slice(2);
  const parts: string[] = [];
  let reported = false;
  for (const t of valueToks) {
    // parse.y `varset: STRING '=' string`: only words and quoted strings; numbers and punctuation are syntax errors.
    if (!reported && t.kind !== 'word' && t.kind !== 'string') {
      diags.push({ range: t.range, severity: 'error', code: CODES.unexpectedToken, message: `ipsecctl only accepts words and quoted strings in a macro value; quote the whole value (e.g. ${name} = "${valueToks.map((v) => v.value).join(' ')}")` });
      reported = true;
    }
    parts.push(t.value);
  }
  if (valueToks.length === 0) diags.push({ range: { start: g[1].start, end: g[1].end }, severity: 'error', code: CODES.missingArgument, message: `Macro '${name}' has no value` });
  // Tokens lexed next to each other without space (`10.0.0.0/24`) are joined without one.
  let value = '';
  for (let i = 0; i < valueToks.length; i++) {
    const t = valueToks[i];
    const prev = valueToks[i - 1];
    const glued = prev && !prev.macro && !t.macro && prev.range.end === t.range.start && (t.kind === 'punct' || prev.kind === 'punct' || t.kind === 'number');
    value += (i === 0 || glued ? '' : ' ') + t.value;
  }
  const valueRange = valueToks.length ? cover(valueToks.map((t) => t.range)) : undefined;
  return { name, nameRange: { start: g[0].start, end: g[0].end }, value, valueRange };
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

class RuleParser {
  private p = 1;
  private lastSlot = -1;
  private lastKeyword = '';
  private readonly seen = new Set<string>();

  constructor(
    private readonly type: RuleType,
    private readonly toks: ETok[],
    private readonly diags: DiagnosticSink,
    private readonly rule: RuleSyntax,
  ) {
    if (type === 'sa') {
      this.p = 0; // the SA type keyword itself is the first clause
    }
  }

  parse(): RuleSyntax {
    const toks = this.toks;
    while (this.p < toks.length) {
      const t = toks[this.p];
      const kw = this.keyword(t);
      const slot = kw !== undefined ? SLOTS[this.type][kw] : undefined;
      if (kw === undefined || slot === undefined) {
        this.diags.push(unexpected(t, this.expectation()));
        this.p++;
        continue;
      }
      this.order(t, kw, slot);
      this.p++;
      this.clause(t, kw);
    }
    this.finish();
    return this.rule;
  }

  /** Keyword text of a token, or undefined for values (quoted strings are never keywords). */
  private keyword(t: ETok | undefined): string | undefined {
    if (!t || t.quoted || t.kind !== 'word') return undefined;
    return RESERVED.has(t.value) ? t.value : undefined;
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

  private order(t: ETok, kw: string, slot: number): void {
    const pairKey = kw;
    if (this.seen.has(pairKey) || (kw === 'main' && this.seen.has('aggressive')) || (kw === 'aggressive' && this.seen.has('main')) || ((kw === 'rsa' || kw === 'psk') && (this.seen.has('rsa') || this.seen.has('psk')))) {
      this.diags.push({ range: t.range, severity: 'error', code: CODES.duplicateKeyword, message: `'${kw}' is given twice in this rule; ipsecctl accepts it only once` });
    } else if (slot < this.lastSlot || (kw === 'srcid' && this.seen.has('dstid'))) {
      this.diags.push({ range: t.range, severity: 'error', code: CODES.outOfOrder, message: `'${kw}' must come before '${this.lastKeyword}': ipsecctl reads the clauses of ${this.type === 'ike' ? 'an' : 'a'} ${this.type} rule in a fixed order` });
    }
    this.seen.add(pairKey);
    if (slot >= this.lastSlot) {
      this.lastSlot = slot;
      this.lastKeyword = kw;
    }
  }

  private next(): ETok | undefined {
    return this.toks[this.p];
  }

  /** Consumes a value token (word, number or quoted string that is not a keyword). */
  private value(): ETok | undefined {
    const t = this.next();
    if (!t || this.keyword(t) !== undefined || (t.kind !== 'word' && t.kind !== 'number' && t.kind !== 'string')) return undefined;
    this.p++;
    return t;
  }

  private missing(kw: ETok, what: string): void {
    this.diags.push({ range: kw.range, severity: 'error', code: CODES.missingArgument, message: `'${kw.value}' needs ${what}` });
  }

  private clause(t: ETok, kw: string): void {
    const r = this.rule;
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
      case 'tcpmd5':
        return;
      case 'proto': {
        const next = this.next();
        if (next && !next.quoted && (next.value === 'esp' || next.value === 'ah')) {
          this.p++;
          r.proto = { keyword: t, value: next, number: PROTOCOLS[next.value] };
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
      case 'from':
      case 'to':
        return this.hosts(t, kw);
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
        if (kw === 'peer' && next && !next.quoted && next.value === 'any') {
          this.p++;
          v = next;
          host = { written: 'any', range: next.range, any: true, family: 0, netaddress: true };
        } else {
          v = this.value();
          if (v) host = this.checkHost(v, undefined);
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
        if (next && !next.quoted && FLOW_TYPES.has(next.value)) {
          this.p++;
          r.flowType = { keyword: t, value: next };
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
        if (next && !next.quoted && next.value === 'port') {
          this.p++;
          clause.value = this.value();
          if (!clause.value) this.missing(next, 'a port number');
        }
        r.other.push(clause);
        return;
      }
      case 'authkey':
      case 'enckey': {
        const next = this.next();
        if (next && !next.quoted && next.value === 'file') this.p++;
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
    if (next && !next.quoted && next.value === 'port') {
      this.p++;
      const v = this.value();
      if (!v) this.missing(next, 'a port name or number');
      else if (v.kind === 'number' && (Number(v.value) < 0 || Number(v.value) > 65535)) this.diags.push({ range: v.range, severity: 'error', code: CODES.invalidValue, message: 'Ports range from 0 to 65535' });
      if (kw === 'from') hs.srcPort = { keyword: next, value: v };
      else hs.dstPort = { keyword: next, value: v };
    }
    const other = kw === 'from' ? 'to' : 'from';
    const nxt = this.next();
    if (nxt && !nxt.quoted && nxt.value === other && !this.seen.has(other)) {
      this.seen.add(other);
      this.p++;
      this.hosts(nxt, other);
    }
  }

  /**
   * Parses one `host` (parse.y): `any`, `{ list }`, or `spec [/len] [(spec [/len])]`. Returns false when nothing fits.
   * Lists nest (`host: '{' host_list '}'`); they are walked with an explicit stack, never by recursion, so 10,000
   * nested `{` cannot overflow the call stack.
   */
  private host(out: HostSyntax[], allowNat: boolean): boolean {
    const first = this.next();
    if (!first) return false;
    if (!(first.kind === 'punct' && first.text === '{')) return this.singleHost(out, allowNat);
    this.p++;
    /** Open lists, outermost first, with the number of hosts each holds so far. */
    const open: { brace: ETok; n: number }[] = [{ brace: first, n: 0 }];
    while (open.length) {
      const top = open[open.length - 1];
      const u = this.next();
      if (!u) {
        const msg = open.length > 1 ? `Unclosed '{' list (${open.length} nested lists are open): add '}'` : "Unclosed '{' list: add '}'";
        this.diags.push({ range: open[0].brace.range, severity: 'error', code: CODES.missingArgument, message: msg });
        if (top.n === 0) this.diags.push({ range: top.brace.range, severity: 'error', code: CODES.missingArgument, message: 'Empty address list' });
        break;
      }
      if (u.kind === 'punct' && u.text === '}') {
        this.p++;
        open.pop();
        if (top.n === 0) this.diags.push({ range: top.brace.range, severity: 'error', code: CODES.missingArgument, message: 'Empty address list' });
        if (open.length) open[open.length - 1].n++;
        continue;
      }
      if (u.kind === 'punct' && u.text === ',') {
        this.p++;
        continue;
      }
      if (u.kind === 'punct' && u.text === '{') {
        this.p++;
        open.push({ brace: u, n: 0 });
        continue;
      }
      if (!this.singleHost(out, allowNat)) {
        this.diags.push(unexpected(u, 'in an address list'));
        this.p++;
        continue;
      }
      top.n++;
    }
    return true;
  }

  /** `any`, or `spec [/len] [(spec [/len])]`. */
  private singleHost(out: HostSyntax[], allowNat: boolean): boolean {
    const t = this.next();
    if (!t) return false;
    if (!t.quoted && t.value === 'any' && t.kind === 'word') {
      this.p++;
      out.push({ written: 'any', range: t.range, any: true, family: 0, netaddress: true });
      return true;
    }
    const spec = this.hostSpec();
    if (!spec) return false;
    const open = this.next();
    if (open && open.kind === 'punct' && open.text === '(') {
      this.p++;
      const nat = this.hostSpec();
      const close = this.next();
      let end = nat?.range ?? open.range;
      if (close && close.kind === 'punct' && close.text === ')') {
        this.p++;
        end = close.range;
      } else this.diags.push({ range: open.range, severity: 'error', code: CODES.missingArgument, message: "Unclosed '(': write `from X (Y)`" });
      if (!nat) this.diags.push({ range: open.range, severity: 'error', code: CODES.missingArgument, message: "'(' needs the real local network: `from X (Y)`" });
      else {
        if (!allowNat) this.diags.push({ range: cover([open.range, end]), severity: 'error', code: CODES.unexpectedToken, message: 'ipsecctl has no NAT support for the destination network; `(…)` is only allowed after `from`' });
        else if (nat.family && spec.family && nat.family !== spec.family) this.diags.push({ range: nat.range, severity: 'error', code: CODES.invalidAddress, message: 'Flow NAT address family mismatch' });
        spec.nat = nat;
      }
    }
    out.push(spec);
    return true;
  }

  private hostSpec(): HostSyntax | undefined {
    const t = this.next();
    if (!t || this.keyword(t) !== undefined || (t.kind !== 'word' && t.kind !== 'string' && t.kind !== 'number')) return undefined;
    this.p++;
    let len: ETok | undefined;
    const slash = this.next();
    if (slash && slash.kind === 'punct' && slash.text === '/' && !t.quoted) {
      this.p++;
      const n = this.next();
      if (n && n.kind === 'number') {
        this.p++;
        len = n;
      } else this.diags.push({ range: slash.range, severity: 'error', code: CODES.invalidAddress, message: "'/' must be followed by a prefix length" });
    }
    return this.checkHost(t, len);
  }

  /** Classifies and validates a host token (plus optional prefix length) like ipsecctl's `host()`. */
  checkHost(t: ETok, len: ETok | undefined): HostSyntax {
    const value = t.value;
    const range = len ? { start: Math.min(t.start, len.start), end: Math.max(t.end, len.end) } : t.range;
    const written = len ? `${value}/${len.value}` : value;
    const res: HostSyntax = { written, range, any: false, family: 0, netaddress: false, address: undefined, prefixLength: undefined };
    const bad = (msg: string) => this.diags.push({ range, severity: 'error', code: CODES.invalidAddress, message: msg });
    const v4 = model.parseIpv4(value);
    const looksV4 = v4 === undefined && /^[0-9.]+$/.test(value);
    const looksV6 = v4 === undefined && value.includes(':') && /^[0-9a-fA-F:.]+$/.test(value);
    const length = len ? Number(len.value) : undefined;
    if (v4 !== undefined) {
      res.family = 4;
      // One string when written canonically (no octet with a leading zero: nearly always), without formatting it.
      res.address = canonicalIpv4(value) ? value : model.formatIpv4(v4);
      res.prefixLength = length ?? 32;
      res.netaddress = len !== undefined;
      if (length !== undefined && (length < 0 || length > 32)) bad(`Invalid IPv4 prefix length /${len!.value} (0-32)`);
    } else if (looksV6) {
      const a = model.canonicalAddress(t.value);
      if (a === undefined) bad(`'${t.value}' is not a valid IPv6 address`);
      else {
        res.family = 6;
        res.address = a;
        res.prefixLength = length ?? 128;
        res.netaddress = res.prefixLength !== 128;
        if (length !== undefined && (length < 0 || length > 128)) bad(`Invalid IPv6 prefix length /${len!.value} (0-128)`);
      }
    } else if (looksV4) {
      bad(`'${t.value}' is not a valid IPv4 address`);
    } else if (t.kind === 'number') {
      bad(`'${t.value}' is not an address`);
    } else if (length !== undefined) {
      // A name with a prefix length can only be an interface (ipsecctl never resolves a DNS name with a mask).
      res.netaddress = true;
      res.prefixLength = length;
    }
    return res;
  }

  private phase(t: ETok, phase: Phase): void {
    const ph: PhaseSyntax = { keyword: t, last: t, auth: undefined, enc: undefined, group: undefined, comp: undefined, lifetime: undefined };
    if (phase === 'phase1') this.rule.phase1 = ph;
    else this.rule.phase2 = ph;
    for (;;) {
      const n = this.next();
      const kw = this.keyword(n);
      if (!n || !kw) break;
      if (kw === 'auth' || kw === 'enc' || kw === 'group' || kw === 'comp') {
        this.p++;
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
