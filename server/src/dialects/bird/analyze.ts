// Second pass over the structural tree of a BIRD config: validates the blocks we model (global, protocols, channels,
// OSPF areas/interfaces, passwords) the way BIRD 2.0.12's grammar does, and extracts what lowering needs (BirdInfo).
// Filter and function bodies are only checked for brace balance and for syntax newer than the targeted BIRD.
// Imports nothing but syntax/ and this dialect's files.

import type { SyntaxDiagnostic, SyntaxNode, TextRange, Token } from '../../syntax';
import { COMPLETE_FIRST_WORDS, VALUE_SHAPES, type BirdBlockKind } from './catalog';
import { isAddressText, isPrefixText } from './lexer';
import { BLOCK, semicolon } from './parser';
import { dict } from '../../model/dict';

export interface Located<T> {
  value: T;
  /** Range of the value token(s). */
  range: TextRange;
  /** The whole statement. */
  stmt: TextRange;
}

export interface BirdPattern {
  text: string;
  range: TextRange;
  negated: boolean;
  prefix?: Located<string>;
}

export interface BirdPassword {
  plain: string;
  range: TextRange;
  stmt: TextRange;
  /** `password "key"`: keyword through key. */
  head: TextRange;
  id?: Located<number>;
  algorithm?: Located<string>;
}

export interface BirdOspfInterface {
  patterns: BirdPattern[];
  stmt: SyntaxNode;
  /** The interface's `{ … }` block, if any. */
  block?: SyntaxNode;
  /** Where BIRD reports interface-level errors: the block's `}` or the statement's end. */
  finishRange: TextRange;
  settings: Map<string, Located<string>>;
  hello?: Located<number>;
  dead?: Located<number>;
  deadCount?: Located<number>;
  poll?: Located<number>;
  wait?: Located<number>;
  priority?: Located<number>;
  cost?: Located<number>;
  type?: Located<string>;
  stub?: Located<boolean>;
  auth?: Located<'none' | 'simple' | 'cryptographic'>;
  passwords: BirdPassword[];
  neighbors: { address: string; eligible: boolean; range: TextRange }[];
  neighborsRange?: TextRange;
}

export interface BirdStubnet {
  prefix: string;
  range: TextRange;
  stmt: TextRange;
}

export interface BirdArea {
  id: string;
  idRange: TextRange;
  stmt: SyntaxNode;
  block?: SyntaxNode;
  stub?: Located<boolean>;
  nssa?: TextRange;
  /** Effective area type: the last of `stub [yes|no]` / `nssa` wins, as in BIRD. */
  type: 'normal' | 'stub' | 'nssa';
  /** The statement that set `type`. */
  typeRange?: TextRange;
  /** The area block's `}` (BIRD reports area errors there). */
  finishRange: TextRange;
  interfaces: BirdOspfInterface[];
  stubnets: BirdStubnet[];
}

export interface BirdChannel {
  type: string;
  range: TextRange;
  stmt: SyntaxNode;
  import?: Located<string>;
  export?: Located<string>;
  table?: Located<string>;
}

export interface BirdProtocol {
  kind: string;
  kindRange: TextRange;
  template: boolean;
  name?: Located<string>;
  from?: Located<string>;
  stmt: SyntaxNode;
  block?: SyntaxNode;
  /** The protocol block's `}`. */
  finishRange: TextRange;
  /** `ospf v2` / `ospf v3` as written. */
  ospfVersion?: Located<2 | 3>;
  channels: BirdChannel[];
  areas: BirdArea[];
  tick?: Located<number>;
  routerId?: Located<string>;
  /** BIRD 1.x style statements found directly in the protocol (`import all;`, `export …;`, `table t;`). */
  legacy: TextRange[];
}

export interface BirdNamed {
  kind: 'bird-filter' | 'bird-function' | 'bird-constant' | 'bird-template' | 'bird-table' | 'bird-protocol';
  name: string;
  range: TextRange;
  fullRange: TextRange;
}

export interface BirdInfo {
  includes: Located<string>[];
  routerId?: Located<string>;
  protocols: BirdProtocol[];
  named: BirdNamed[];
  /** Explicit references (`from T`, `filter F`, `table T`) — the name must exist. */
  references: { kind: BirdNamed['kind']; alsoKinds?: BirdNamed['kind'][]; name: string; range: TextRange }[];
  /** Every identifier token outside definitions (for "is it used?" checks). */
  words: Token[];
  /** Signals that the file was written for BIRD 1.x, first one first. */
  bird1: { range: TextRange; reason: string }[];
  /** Tokens that need a BIRD newer than 2.0.12 (typed function results, method calls on expressions). */
  /** Syntax newer than BIRD 2.0.x: where, what, and the release that introduced it (2.14 when absent). */
  newer: { range: TextRange; what: string; since?: [number, number] }[];
}

export interface AnalyzeOptions {
  /** Targeted BIRD version (`2.0.12`); when older than 2.14, newer syntax is an error, else a warning. */
  birdVersion?: string;
}

/**
 * First words of statements that later BIRD releases added, per block: accepted as `bird/newer-syntax` rather than
 * unknown. ASPA tables and the static protocol's ASPA channel arrived in BIRD 2.16 (NEWS of BIRD 2.16, "ASPA support").
 */
const NEWER_FIRST_WORDS: Partial<Record<BirdBlockKind, Map<string, { what: string; since: [number, number] }>>> = {
  global: new Map([['aspa', { what: 'an ASPA table (`aspa table`)', since: [2, 16] }]]),
  static: new Map([['aspa', { what: 'an ASPA channel', since: [2, 16] }]]),
};

const NET_TYPES = new Set(['ipv4', 'ipv6', 'vpn4', 'vpn6', 'roa4', 'roa6', 'flow4', 'flow6', 'mpls']);
const BOOL_WORDS: Record<string, boolean> = dict({ yes: true, on: true, no: false, off: false });
const METHODS_2_14 = new Set(['add', 'delete', 'filter', 'prepend', 'empty', 'contains', 'reset']);

const r = (a: { start: number; end?: number }, b?: { end: number }): TextRange => ({ start: a.start, end: (b ?? (a as { end: number })).end });
const stmtRange = (s: SyntaxNode): TextRange => ({ start: s.range.start, end: s.range.end });

/**
 * An analysis, kept for the analysis of the next re-parse (`analyzeWithMemo`'s `previous`; consumed by it), issue 16.
 * A re-parse keeps the top-level statements away from the change (the same node objects, moved in place); the next
 * analysis copies what they added to its lists instead of analysing them again, when what they read besides
 * themselves is unchanged: the next top-level statement (where a missing `;` is reported) and, for a statement that
 * asked whether a name is a defined constant, the constants and includes before it. Each statement's items are a
 * run of each list (`spans`), so the statements kept before and after the change are each copied as one run.
 */
export interface AnalysisMemo {
  /** The top-level statements, in order, and the index of each. */
  nodes: readonly SyntaxNode[];
  index: Map<SyntaxNode, number>;
  /** Per statement `i` and list `l` (`LISTS`): `spans[i * LISTS + l]`, the list's length before it; one more row at the end. */
  spans: Int32Array;
  /** Each statement's start when it was analysed: its items' ranges move by its start now minus this. */
  starts: Float64Array;
  /** 1 when the statement read the constants and includes defined before it (`unknownConstant`). */
  readsGlobals: Uint8Array;
  /** The `router id` a statement set, by statement index. */
  routerIds: Map<number, Located<string>>;
  info: BirdInfo;
  /** `info.words` before the definitions were taken out. */
  words: Token[];
  errors: SyntaxDiagnostic[];
  definitions: number[];
  /** Constants (`c` + name) and includes (`i`) in the order they were met: the state `unknownConstant` reads. */
  globals: string[];
  birdVersion: string | undefined;
  /** Top-level statements analysed (not copied), for tests and benchmarks. */
  analysed: number;
}

/** The lists a memo's spans cover: protocols, named, references, words, bird1, newer, includes, errors, definitions, globals. */
const LISTS = 10;

/** Validates the tree and extracts the facts lowering needs. Never throws. */
export function analyze(root: SyntaxNode, diagnostics: SyntaxDiagnostic[], opts: AnalyzeOptions = {}): BirdInfo {
  return analyzeWithMemo(root, diagnostics, opts).info;
}

/**
 * `analyze`, reusing the analysis of the top-level statements a re-parse kept (`previous`, the memo of the previous
 * text's analysis; see `TopRecord`), and returning the memo of this one. Equal to `analyze` of the same tree.
 */
export function analyzeWithMemo(root: SyntaxNode, diagnostics: SyntaxDiagnostic[], opts: AnalyzeOptions = {}, previous?: AnalysisMemo): { info: BirdInfo; memo: AnalysisMemo } {
  const info: BirdInfo = { includes: [], protocols: [], named: [], references: [], words: [], bird1: [], newer: [] };
  const definitionTokens = new Set<number>();
  const definitions: number[] = [];
  const addDefinition = (start: number) => {
    definitionTokens.add(start);
    definitions.push(start);
  };
  /** Constants defined so far: BIRD resolves names in file order, an unknown name is "unexpected CF_SYM_UNDEFINED". */
  const constants = new Set<string>();
  const globals: string[] = [];
  const prior = previous && previous.birdVersion === opts.birdVersion ? previous : undefined;
  /** How many of `globals` equal the previous analysis's first ones. */
  let matched = 0;
  const addGlobal = (g: string) => {
    if (matched === globals.length && prior && matched < prior.globals.length && prior.globals[matched] === g) matched++;
    globals.push(g);
  };
  const addConstant = (name: string) => {
    constants.add(name);
    addGlobal('c' + name);
  };
  const addInclude = (inc: Located<string>) => {
    info.includes.push(inc);
    addGlobal('i');
  };
  let globalsRead = false;
  const unknownConstant = (tok: Token) => {
    globalsRead = true;
    return tok.kind === 'word' && !constants.has(tok.text) && info.includes.length === 0;
  };
  const err = (range: TextRange, code: string, message: string) => diagnostics.push({ range, severity: 'error', code, message });
  const errors: SyntaxDiagnostic[] = [];
  const pending = (range: TextRange, code: string, message: string) => errors.push({ range, severity: 'error', code, message });

  /** The token after the statement (next sibling's first token or the parent's `}`), where BIRD reports a missing `;`. */
  const nextTokenAfter = (siblings: SyntaxNode[], index: number, parent: SyntaxNode | undefined): TextRange => {
    const next = siblings[index + 1];
    if (next && next.tokens[0]) return r(next.tokens[0]);
    if (parent && parent.kind === BLOCK && parent.tokens[1]) return r(parent.tokens[1]);
    const last = siblings[index];
    return { start: last.range.end, end: last.range.end };
  };

  const requireSemicolon = (siblings: SyntaxNode[], index: number, parent: SyntaxNode | undefined) => {
    const s = siblings[index];
    if (s.kind !== 'BirdStatement') return;
    // A statement whose block never closes cannot have its `;`: the unclosed block is the one error.
    const lastBlock = s.children[s.children.length - 1];
    if (lastBlock && lastBlock.tokens.length < 2) return;
    if (!semicolon(s)) pending(nextTokenAfter(siblings, index, parent), 'syntax/missing-semicolon', `Expected \`;\` after \`${s.tokens[0]?.text ?? ''}\` statement`);
  };

  /** Checks that `tokens[from..]` (before any block) is empty, else reports the first extra token. */
  const noExtra = (tokens: Token[], from: number, what: string): boolean => {
    const t = tokens[from];
    if (t && t.text !== ';') {
      pending(r(t), 'syntax/missing-semicolon', `Unexpected \`${t.text}\` after ${what}: expected \`;\``);
      return false;
    }
    return true;
  };

  /** Tokens before the statement's first block, without `;` (old-style function headers contain several). */
  const header = (s: SyntaxNode): Token[] => {
    const block = s.children[0];
    const lim = block ? block.tokens[0].start : Infinity;
    const toks = s.tokens;
    let n = 0;
    while (n < toks.length && toks[n].start < lim) n++;
    if (toks[0]?.text === 'function') return toks.slice(0, n).filter((t) => !(t.text === ';' && t.kind === 'punct'));
    while (n > 0 && toks[n - 1].text === ';' && toks[n - 1].kind === 'punct') n--;
    return n === toks.length ? toks : toks.slice(0, n);
  };

  /** Reads a BIRD `expr`: number, `(term)` or constant name. */
  const readNumber = (tokens: Token[], i: number, what: string): { value?: number; next: number; range?: TextRange } => {
    const t = tokens[i];
    if (!t) {
      pending({ start: tokens[i - 1]?.end ?? 0, end: tokens[i - 1]?.end ?? 0 }, 'syntax/expected-value', `${what} expects a number`);
      return { next: i };
    }
    if (t.kind === 'number' && /^(\d+|0x[0-9a-f]+)$/i.test(t.text)) return { value: Number(t.text), next: i + 1, range: r(t) };
    if (t.kind === 'word' && !(t.text in BOOL_WORDS)) {
      if (unknownConstant(t)) pending(r(t), 'syntax/expected-value', `${what} expects a number; \`${t.text}\` is not a defined constant`);
      return { next: i + 1, range: r(t) }; // a constant: value unknown here
    }
    if (t.text === '(') {
      let depth = 0;
      let j = i;
      for (; j < tokens.length; j++) {
        if (tokens[j].text === '(') depth++;
        else if (tokens[j].text === ')' && --depth === 0) break;
      }
      return { next: j + 1, range: r(t, tokens[Math.min(j, tokens.length - 1)]) };
    }
    pending(r(t), 'syntax/expected-value', `${what} expects a number, found \`${t.text}\``);
    return { next: i + 1 };
  };

  /** Reads an optional BIRD `bool` (yes/no/on/off/number/empty). */
  const readBool = (tokens: Token[], i: number): { value: boolean; next: number; range?: TextRange } => {
    const t = tokens[i];
    if (!t) return { value: true, next: i };
    if (t.text in BOOL_WORDS) return { value: BOOL_WORDS[t.text], next: i + 1, range: r(t) };
    if (t.kind === 'number' && /^\d+$/.test(t.text)) return { value: Number(t.text) !== 0, next: i + 1, range: r(t) };
    return { value: true, next: i };
  };

  const checkRange = (v: { value?: number; range?: TextRange }, lo: number, hi: number, message: string) => {
    if (v.value !== undefined && v.range && (v.value < lo || v.value > hi)) pending(v.range, 'bird/value-out-of-range', message);
  };

  /** Scans filter-language tokens for references and newer-than-2.0.12 syntax. */
  const scanExpression = (tokens: Token[]) => {
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind === 'word') info.words.push(t);
      if (t.text === '.' && tokens[i + 1]?.kind === 'word' && METHODS_2_14.has(tokens[i + 1].text)) {
        const prev = tokens[i - 1];
        // BIRD 2.0.12 accepts `attr.add(x)` only on a route attribute name; on any other expression it is 2.14+.
        if (prev && prev.kind !== 'word') info.newer.push({ range: r(tokens[i + 1]), what: `\`.${tokens[i + 1].text}\` on an expression` });
      }
    }
  };

  /** Walks a subtree of filter-language statements (filter/function bodies, inline filters). */
  const scanBody = (node: SyntaxNode) => {
    const stack: SyntaxNode[] = [node];
    while (stack.length) {
      const n = stack.pop()!;
      if (n.kind === 'BirdStatement') {
        scanExpression(n.tokens);
        if (n.tokens[0]?.text === 'include' && n.tokens[1]?.kind === 'string') addInclude({ value: unquote(n.tokens[1].text), range: r(n.tokens[1]), stmt: stmtRange(n) });
      }
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
    }
  };

  const checkComplete = (kind: BirdBlockKind, s: SyntaxNode): boolean => {
    const first = s.tokens[0];
    if (!first || first.text === ';') return true;
    const set = COMPLETE_FIRST_WORDS[kind];
    if (!set || set.has(first.text)) return true;
    const later = NEWER_FIRST_WORDS[kind]?.get(first.text);
    if (later) {
      info.newer.push({ range: r(first), what: later.what, since: later.since });
      return true;
    }
    pending(r(first), 'syntax/unknown-keyword', `\`${first.text}\` is not a valid ${describe(kind)} option in BIRD 2`);
    return false;
  };

  /**
   * Checks a statement against VALUE_SHAPES of its block. Returns false when the keyword is not listed there.
   * Reports the first token where the best-matching alternative fails (BIRD stops at that token too).
   */
  const checkShape = (kind: BirdBlockKind | 'vlink', t: Token[], stmtEnd: TextRange): boolean => {
    const shapes = VALUE_SHAPES[kind];
    if (!shapes || t.length === 0) return false;
    // The longest phrase (up to 3 words) of the block's shapes the statement starts with. Phrases are built only as
    // long as some phrase of the block starting with the first word has that many words (no arrays per statement).
    let phrase: string | undefined;
    let used = 0;
    const longest = Math.min(3, t.length, phraseWords(kind, shapes).get(t[0].text) ?? 0);
    if (longest === 0) return false;
    const p1 = t[0].text;
    const p2 = longest >= 2 ? `${p1} ${t[1].text}` : '';
    const p3 = longest >= 3 ? `${p2} ${t[2].text}` : '';
    if (longest >= 3 && shapes[p3]) (phrase = p3), (used = 3);
    else if (longest >= 2 && shapes[p2]) (phrase = p2), (used = 2);
    else if (shapes[p1]) (phrase = p1), (used = 1);
    if (!phrase) return false;
    let best = { at: -1, ok: false };
    for (const alt of shapes[phrase]) {
      const items = altItems(alt);
      let i = used;
      let ok = true;
      for (const item of items) {
        const tok = t[i];
        if (item === 'B?') {
          if (tok && (tok.text in BOOL_WORDS || (tok.kind === 'number' && /^\d+$/.test(tok.text)))) i++;
        } else if (item === 'N') {
          if (tok && ((tok.kind === 'number' && /^(\d+|0x[0-9a-f]+)$/i.test(tok.text)) || (tok.kind === 'word' && !(tok.text in BOOL_WORDS) && !unknownConstant(tok)))) i++;
          else if (tok && tok.text === '(') {
            let depth = 0;
            for (; i < t.length; i++) {
              if (t[i].text === '(') depth++;
              else if (t[i].text === ')' && --depth === 0) break;
            }
            i++;
          } else ok = false;
        } else if (item === 'S') {
          if (tok && tok.kind === 'string') i++;
          else ok = false;
        } else if (item === 'W') {
          if (tok && (tok.kind === 'word' || tok.kind === 'string')) i++;
          else ok = false;
        } else if (tok && tok.text === item) i++;
        else ok = false;
        if (!ok) break;
      }
      if (ok && i === t.length) return true;
      if (i > best.at) best = { at: i, ok };
    }
    const bad = t[best.at];
    if (bad) pending(r(bad), best.ok ? 'syntax/missing-semicolon' : 'syntax/expected-value', best.ok ? `Unexpected \`${bad.text}\` after \`${phrase}\`: expected \`;\`` : `\`${phrase}\` expects ${shapes[phrase].map((a) => a.replace(/B\?/g, '[yes|no]').replace(/\bN\b/g, '<number>').replace(/\bS\b/g, '"<text>"').replace(/\bW\b/g, '<name>')).join(' | ')}, found \`${bad.text}\``);
    else pending(stmtEnd, 'syntax/expected-value', `\`${phrase}\` expects ${shapes[phrase].join(' | ')}`);
    return true;
  };

  // ---- blocks -------------------------------------------------------------------------------------------------

  /** Flowspec routes (conf/flowspec.Y): numeric components take values, ranges and comparisons, never `value/mask`. */
  const checkFlow = (block: SyntaxNode) => {
    for (const c of block.children) {
      const first = c.tokens[0]?.text;
      if (!first || !['proto', 'next', 'port', 'dport', 'sport', 'icmp', 'length', 'dscp', 'label'].includes(first)) continue;
      const slash = c.tokens.find((x) => x.text === '/' && x.kind === 'operator');
      if (slash) pending(r(slash), 'syntax/expected-value', `\`${first}\` takes numbers, ranges (\`a..b\`) and comparisons; \`value/mask\` is only for \`tcp flags\``);
    }
  };

  const visitPassword = (s: SyntaxNode, iface: BirdOspfInterface, tokens: Token[]) => {
    const key = tokens[1];
    if (!key || key.kind !== 'string') {
      if (key) pending(r(key), 'syntax/expected-value', '`password` expects a quoted key');
      else pending({ start: s.range.end, end: s.range.end }, 'syntax/expected-value', '`password` expects a quoted key');
      return;
    }
    const pw: BirdPassword = { plain: unquote(key.text), range: r(key), stmt: stmtRange(s), head: r(tokens[0], key) };
    noExtra(tokens, 2, 'the password');
    const block = s.children[0];
    if (block) {
      block.children.forEach((p, i) => {
        if (!checkComplete('password', p)) return;
        const pt = header(p);
        if (!pt.length) return;
        const w = pt[0]?.text;
        if (w === 'id') {
          const v = readNumber(pt, 1, '`id`');
          checkRange(v, 0, 255, 'Password ID must be in range 0-255');
          if (v.value !== undefined && v.range) pw.id = { value: v.value, range: v.range, stmt: stmtRange(p) };
          noExtra(pt, v.next, '`id`');
        } else if (w === 'algorithm') {
          const a = pt[1]?.text;
          const b = pt[2]?.text;
          const ok = (a === 'keyed' || a === 'hmac') && ['md5', 'sha1', 'sha256', 'sha384', 'sha512'].includes(b ?? '');
          if (!ok) pending(pt[1] ? r(pt[1]) : r(pt[0]), 'syntax/expected-value', '`algorithm` expects keyed md5|sha1|sha256|sha384|sha512 or hmac md5|sha1|sha256|sha384|sha512');
          else {
            pw.algorithm = { value: `${a} ${b}`, range: r(pt[1], pt[2]), stmt: stmtRange(p) };
            noExtra(pt, 3, 'the algorithm');
          }
        }
        if (p.kind === 'BirdStatement' && p.tokens.length) requireSemicolon(block.children, i, block);
      });
    }
    iface.passwords.push(pw);
  };

  const visitInterface = (s: SyntaxNode, area: BirdArea, tokens: Token[], v3: boolean) => {
    const block = s.children[0];
    const closing = block?.tokens[1];
    const iface: BirdOspfInterface = {
      patterns: [],
      stmt: s,
      block,
      finishRange: closing ? r(closing) : semicolon(s) ? r(semicolon(s)!) : { start: s.range.end, end: s.range.end },
      settings: new Map(),
      passwords: [],
      neighbors: [],
    };
    // iface_patt_list: [-]"pattern" [prefix] | [-]prefix, separated by commas; then optional `instance N`.
    let i = 1;
    for (;;) {
      let negated = false;
      if (tokens[i]?.text === '-') {
        negated = true;
        i++;
      }
      const t = tokens[i];
      if (!t) {
        pending({ start: tokens[i - 1].end, end: tokens[i - 1].end }, 'syntax/expected-value', '`interface` expects a quoted pattern');
        break;
      }
      let pattern: BirdPattern | undefined;
      if (t.kind === 'string') {
        pattern = { text: unquote(t.text), range: r(t), negated };
        i++;
        if (tokens[i] && tokens[i].kind === 'number' && (isPrefixText(tokens[i].text) || isAddressText(tokens[i].text))) {
          pattern.prefix = { value: tokens[i].text, range: r(tokens[i]), stmt: stmtRange(s) };
          i++;
        }
      } else if (t.kind === 'number' && (isPrefixText(t.text) || isAddressText(t.text))) {
        pattern = { text: '*', range: r(t), negated, prefix: { value: t.text, range: r(t), stmt: stmtRange(s) } };
        i++;
      } else {
        pending(r(t), 'syntax/expected-value', `\`interface\` expects a quoted pattern, found \`${t.text}\``);
        break;
      }
      iface.patterns.push(pattern);
      if (tokens[i]?.text === ',') {
        i++;
        continue;
      }
      break;
    }
    if (tokens[i]?.text === 'instance') {
      const v = readNumber(tokens, i + 1, '`instance`');
      checkRange(v, 0, 255, 'Instance ID must be in range 0-255');
      i = v.next;
    }
    noExtra(tokens, i, 'the interface patterns');
    if (block) {
      block.children.forEach((c, ci) => {
        if (c.kind !== 'BirdStatement' || !c.tokens.length) return;
        requireSemicolon(block.children, ci, block);
        if (!checkComplete('interface', c)) return;
        const t = header(c);
        if (t.length) visitInterfaceItem(c, iface, t, v3);
      });
    }
    area.interfaces.push(iface);
  };

  const visitInterfaceItem = (c: SyntaxNode, iface: BirdOspfInterface, t: Token[], v3: boolean) => {
    const w = t[0].text;
    const w2 = t[1]?.text;
    const num = (key: keyof BirdOspfInterface, from: number, what: string, lo: number, hi: number, message: string) => {
      const v = readNumber(t, from, what);
      checkRange(v, lo, hi, message);
      if (v.range) (iface as unknown as Record<string, unknown>)[key] = { value: v.value ?? NaN, range: v.range, stmt: stmtRange(c) };
      noExtra(t, v.next, what);
    };
    switch (w) {
      case 'cost':
        return num('cost', 1, '`cost`', 1, 65535, 'Cost must be in range 1-65535');
      case 'hello':
        return num('hello', 1, '`hello`', 1, 65535, 'Hello interval must be in range 1-65535');
      case 'poll':
        return num('poll', 1, '`poll`', 1, Infinity, 'Poll int must be greater than zero');
      case 'retransmit': {
        const v = readNumber(t, 1, '`retransmit`');
        checkRange(v, 2, Infinity, 'Retransmit int must be greater than one');
        return void noExtra(t, v.next, '`retransmit`');
      }
      case 'wait':
        return num('wait', 1, '`wait`', 2, Infinity, 'Wait interval must be greater than one');
      case 'dead':
        if (w2 === 'count') return num('deadCount', 2, '`dead count`', 2, Infinity, 'Dead count must be greater than one');
        return num('dead', 1, '`dead`', 2, Infinity, 'Dead interval must be greater than one');
      case 'priority':
        return num('priority', 1, '`priority`', 0, 255, 'Priority must be in range 0-255');
      case 'type': {
        const v = t[1];
        const ok = v && ['broadcast', 'bcast', 'nonbroadcast', 'nbma', 'pointopoint', 'ptp', 'pointomultipoint', 'ptmp'].includes(v.text);
        if (!ok) {
          pending(v ? r(v) : r(t[0]), 'syntax/expected-value', '`type` expects broadcast|bcast|pointopoint|ptp|nonbroadcast|nbma|pointomultipoint|ptmp');
          return;
        }
        iface.type = { value: v.text, range: r(v), stmt: stmtRange(c) };
        return void noExtra(t, 2, '`type`');
      }
      case 'stub': {
        const b = readBool(t, 1);
        iface.stub = { value: b.value, range: b.range ?? r(t[0]), stmt: stmtRange(c) };
        return void noExtra(t, b.next, '`stub`');
      }
      case 'authentication': {
        const v = t[1];
        if (!v || !['none', 'simple', 'cryptographic'].includes(v.text)) {
          pending(v ? r(v) : r(t[0]), 'syntax/expected-value', '`authentication` expects none|simple|cryptographic');
          return;
        }
        iface.auth = { value: v.text as 'none' | 'simple' | 'cryptographic', range: r(v), stmt: stmtRange(c) };
        if (v.text === 'simple' && v3) pending(r(v), 'bird/ospfv3-plaintext', 'Plaintext authentication not supported in OSPFv3');
        return void noExtra(t, 2, '`authentication`');
      }
      case 'password':
      case 'key':
        return visitPassword(c, iface, t);
      case 'passwords': {
        const block = c.children[0];
        if (block) for (const p of block.children) if (p.tokens.length && (p.tokens[0].text === 'password' || p.tokens[0].text === 'key')) visitPassword(p, iface, header(p));
        return;
      }
      case 'neighbors': {
        const block = c.children[0];
        if (!block) {
          pending(t[1] ? r(t[1]) : r(t[0]), 'syntax/expected-block', '`neighbors` expects a `{ address; … }` block');
          return;
        }
        iface.neighborsRange = r(t[0]);
        block.children.forEach((n, ni) => {
          if (n.kind !== 'BirdStatement' || !n.tokens.length) return;
          requireSemicolon(block.children, ni, block);
          const nt = header(n);
          if (!nt.length) return;
          const a = nt[0];
          if (!a || !(a.kind === 'number' ? isAddressText(a.text) : a.kind === 'word')) {
            pending(r(a ?? n.tokens[0]), 'syntax/expected-value', '`neighbors` entries are IP addresses');
            return;
          }
          let k = 1;
          const eligible = nt[1]?.text === 'eligible';
          if (eligible) k++;
          noExtra(nt, k, 'the neighbor');
          iface.neighbors.push({ address: a.text, eligible, range: r(a) });
        });
        return;
      }
      default:
        checkShape('interface', t, r(c.tokens[c.tokens.length - 1]));
        // Keywords we do not model individually: remember the value text for hover/outline.
        iface.settings.set(t.map((x) => x.text).slice(0, 2).join(' '), { value: t.slice(1).map((x) => x.text).join(' '), range: r(t[0], t[t.length - 1]), stmt: stmtRange(c) });
    }
  };

  const visitArea = (s: SyntaxNode, proto: BirdProtocol, tokens: Token[], v3: boolean) => {
    const idTok = tokens[1];
    const block = s.children[0];
    const closing = block?.tokens[1];
    if (!idTok) {
      pending(r(tokens[0]), 'syntax/expected-value', '`area` expects an area id (number or dotted quad)');
      return;
    }
    let id = idTok.text;
    if (idTok.kind === 'number' && /^\d+$/.test(id)) id = numberToQuad(Number(id));
    else if (!(idTok.kind === 'number' && /^\d+\.\d+\.\d+\.\d+$/.test(id)) && idTok.kind !== 'word' && idTok.text !== '(') {
      pending(r(idTok), 'syntax/expected-value', `\`area\` expects an area id, found \`${idTok.text}\``);
      return;
    }
    if (!block) {
      pending(tokens[2] ? r(tokens[2]) : { start: s.range.end, end: s.range.end }, 'syntax/expected-block', '`area` expects a `{ … }` block');
      return;
    }
    noExtra(tokens, 2, 'the area id');
    const area: BirdArea = {
      id,
      idRange: r(idTok),
      stmt: s,
      block,
      finishRange: closing ? r(closing) : { start: block.range.end, end: block.range.end },
      interfaces: [],
      stubnets: [],
      type: 'normal',
    };
    block.children.forEach((c, ci) => {
      if (c.kind !== 'BirdStatement' || !c.tokens.length) return;
      requireSemicolon(block.children, ci, block);
      if (!checkComplete('area', c)) return;
      const t = header(c);
      if (!t.length) return;
      switch (t[0].text) {
        case 'stub': {
          if (t[1]?.text === 'cost') break;
          const b = readBool(t, 1);
          area.stub = { value: b.value, range: b.range ?? r(t[0]), stmt: stmtRange(c) };
          area.type = b.value ? 'stub' : 'normal';
          area.typeRange = r(t[0], t[Math.max(0, b.next - 1)]);
          noExtra(t, b.next, '`stub`');
          break;
        }
        case 'nssa':
          area.nssa = r(t[0]);
          area.type = 'nssa';
          area.typeRange = r(t[0]);
          noExtra(t, 1, '`nssa`');
          break;
        case 'interface':
          visitInterface(c, area, t, v3);
          break;
        case 'stubnet': {
          const p = t[1];
          if (!p || p.kind !== 'number' || !isPrefixText(p.text)) {
            pending(p ? r(p) : r(t[0]), 'syntax/expected-value', '`stubnet` expects a prefix');
            break;
          }
          area.stubnets.push({ prefix: p.text, range: r(p), stmt: stmtRange(c) });
          noExtra(t, 2, 'the stubnet prefix');
          const sb = c.children[0];
          if (sb) {
            sb.children.forEach((x, xi) => {
              if (!x.tokens.length || x.kind !== 'BirdStatement') return;
              requireSemicolon(sb.children, xi, sb);
              const xt = header(x);
              if (xt.length && checkComplete('stubnet', x)) checkShape('stubnet', xt, r(x.tokens[x.tokens.length - 1]));
            });
          }
          break;
        }
        case 'networks':
        case 'external': {
          const nb = c.children[0];
          if (!nb) pending(t[1] ? r(t[1]) : r(t[0]), 'syntax/expected-block', `\`${t[0].text}\` expects a \`{ prefix; … }\` block`);
          else {
            nb.children.forEach((x, xi) => {
              if (!x.tokens.length || x.kind !== 'BirdStatement') return;
              requireSemicolon(nb.children, xi, nb);
              // pref_item: prefix [hidden | tag N]
              const xt = header(x);
              const p = xt[0];
              if (!p || !(p.kind === 'number' && isPrefixText(p.text)) && p.kind !== 'word') pending(r(p ?? x.tokens[0]), 'syntax/expected-value', `\`${t[0].text}\` entries are prefixes`);
              else if (xt[1]?.text === 'hidden') noExtra(xt, 2, 'the prefix');
              else if (xt[1]?.text === 'tag') noExtra(xt, readNumber(xt, 2, '`tag`').next, 'the prefix');
              else noExtra(xt, 1, 'the prefix');
            });
          }
          break;
        }
        case 'virtual': {
          if (t[1]?.text !== 'link') {
            pending(t[1] ? r(t[1]) : r(t[0]), 'syntax/expected-value', '`virtual` must be followed by `link <router id>`');
            break;
          }
          if (area.id === '0.0.0.0') pending(r(t[0], t[1]), 'bird/value-out-of-range', 'Virtual link cannot be in backbone');
          const vb = c.children[0];
          if (vb) {
            vb.children.forEach((x, xi) => {
              if (!x.tokens.length || x.kind !== 'BirdStatement') return;
              requireSemicolon(vb.children, xi, vb);
              const xt = header(x);
              if (!xt.length) return;
              if (xt[0].text === 'password' || xt[0].text === 'key' || xt[0].text === 'passwords') return;
              if (!checkShape('vlink', xt, r(x.tokens[x.tokens.length - 1]))) pending(r(xt[0]), 'syntax/unknown-keyword', `\`${xt[0].text}\` is not a valid virtual link option in BIRD 2`);
              else if (xt[0].text === 'hello' || xt[0].text === 'dead' || xt[0].text === 'wait' || xt[0].text === 'retransmit') {
                const count = xt[1]?.text === 'count';
                const v = readNumber(xt, count ? 2 : 1, `\`${xt[0].text}\``);
                if (xt[0].text === 'hello') checkRange(v, 1, 65535, 'Hello interval must be in range 1-65535');
                else if (xt[0].text === 'dead') checkRange(v, 2, Infinity, count ? 'Dead count must be greater than one' : 'Dead interval must be greater than one');
                else if (xt[0].text === 'wait') checkRange(v, 2, Infinity, 'Wait interval must be greater than one');
                else checkRange(v, 2, Infinity, 'Retransmit int must be greater than one');
              }
            });
          }
          break;
        }
        default:
          checkShape('area', t, r(c.tokens[c.tokens.length - 1]));
          break;
      }
    });
    proto.areas.push(area);
  };

  const visitChannel = (s: SyntaxNode, proto: BirdProtocol, tokens: Token[]) => {
    const ch: BirdChannel = { type: tokens[0].text, range: r(tokens[0]), stmt: s };
    let i = 1;
    if (tokens[0].text === 'ipv6' && tokens[1]?.text === 'sadr') i++;
    // `ipv4 multicast { … }` (BGP multicast SAFI, OSPFv3-AF multicast).
    if (tokens[i]?.text === 'multicast' || tokens[i]?.text === 'mpls') i++;
    noExtra(tokens, i, `the \`${tokens[0].text}\` channel`);
    const block = s.children[0];
    if (block) {
      block.children.forEach((c, ci) => {
        if (c.kind !== 'BirdStatement' || !c.tokens.length) return;
        requireSemicolon(block.children, ci, block);
        // Only these protocols use the plain channel grammar; BGP, Babel, RIP … add their own channel options.
        if (['device', 'direct', 'kernel', 'static', 'ospf'].includes(proto.kind) && !checkComplete('channel', c)) return;
        const t = header(c);
        if (!t.length) return;
        const w = t[0].text;
        if ((w === 'import' || w === 'export') && t[1]?.text !== 'limit' && t[1]?.text !== 'keep') {
          const v = t[1];
          if (!v && !c.children.length) {
            pending({ start: t[0].end, end: t[0].end }, 'syntax/expected-value', `\`${w}\` expects all|none|filter <name>|where <expr>`);
            return;
          }
          const loc: Located<string> = { value: t.slice(1).map((x) => x.text).join(' '), range: v ? r(v, t[t.length - 1]) : r(t[0]), stmt: stmtRange(c) };
          if (w === 'import') ch.import = loc;
          else ch.export = loc;
          if (v?.text === 'filter' && t[2] && (t[2].kind === 'word' || t[2].kind === 'string') && !c.children.length) {
            info.references.push({ kind: 'bird-filter', name: unquote(t[2].text), range: r(t[2]) });
            noExtra(t, 3, `\`${w} filter\``);
          } else if (v && v.text !== 'all' && v.text !== 'none' && v.text !== 'filter' && v.text !== 'where') {
            pending(r(v), 'syntax/expected-value', `\`${w}\` expects all|none|filter <name>|where <expr>, found \`${v.text}\``);
          } else if (v && (v.text === 'all' || v.text === 'none')) noExtra(t, 2, `\`${w} ${v.text}\``);
          scanExpression(t.slice(1));
          for (const b of c.children) scanBody(b);
        } else if (w === 'table') {
          checkShape('channel', t, r(c.tokens[c.tokens.length - 1]));
          const v = t[1];
          if (v && v.kind === 'word') {
            ch.table = { value: v.text, range: r(v), stmt: stmtRange(c) };
            info.references.push({ kind: 'bird-table', name: v.text, range: r(v) });
          }
        }
      });
    }
    proto.channels.push(ch);
  };

  const visitProtocol = (s: SyntaxNode, tokens: Token[], template: boolean) => {
    const kindTok = tokens[1];
    const block = s.children[0];
    if (!kindTok || kindTok.kind !== 'word') {
      pending(kindTok ? r(kindTok) : r(tokens[0]), 'syntax/expected-value', `\`${tokens[0].text}\` expects a protocol type (device, kernel, ospf, bgp, …)`);
      return;
    }
    const proto: BirdProtocol = {
      kind: kindTok.text,
      kindRange: r(kindTok),
      template,
      stmt: s,
      block,
      finishRange: block?.tokens[1] ? r(block.tokens[1]) : { start: s.range.end, end: s.range.end },
      channels: [],
      areas: [],
      legacy: [],
    };
    let i = 2;
    if (proto.kind === 'ospf' && (tokens[i]?.text === 'v2' || tokens[i]?.text === 'v3')) {
      proto.ospfVersion = { value: tokens[i].text === 'v2' ? 2 : 3, range: r(tokens[i]), stmt: stmtRange(s) };
      i++;
    } else if (proto.kind === 'rip' && tokens[i]?.text === 'ng') i++;
    if (tokens[i] && tokens[i].text !== 'from' && (tokens[i].kind === 'word' || tokens[i].kind === 'string')) {
      proto.name = { value: unquote(tokens[i].text), range: r(tokens[i]), stmt: stmtRange(s) };
      addDefinition(tokens[i].start);
      i++;
    }
    if (tokens[i]?.text === 'from') {
      const f = tokens[i + 1];
      if (f && f.kind === 'word') {
        proto.from = { value: f.text, range: r(f), stmt: stmtRange(s) };
        info.references.push({ kind: 'bird-template', alsoKinds: ['bird-protocol'], name: f.text, range: r(f) });
        addDefinition(f.start);
        i += 2;
      } else {
        pending(f ? r(f) : r(tokens[i]), 'syntax/expected-value', '`from` expects a template or protocol name');
        i++;
      }
    }
    if (!block) {
      pending(tokens[i] ? r(tokens[i]) : semicolon(s) ? r(semicolon(s)!) : { start: s.range.end, end: s.range.end }, 'syntax/expected-block', `\`${tokens[0].text} ${proto.kind}\` expects a \`{ … }\` block`);
    } else noExtra(tokens, i, `\`${tokens[0].text} ${proto.kind}\``);
    if (proto.name) info.named.push({ kind: template ? 'bird-template' : 'bird-protocol', name: proto.name.value, range: proto.name.range, fullRange: stmtRange(s) });
    const blockKind: BirdBlockKind | undefined = (['device', 'direct', 'kernel', 'static', 'ospf'] as const).find((x) => x === proto.kind);
    const v3 = proto.ospfVersion?.value === 3;
    if (block) {
      block.children.forEach((c, ci) => {
        if (c.kind !== 'BirdStatement' || !c.tokens.length) return;
        const t = header(c);
        if (!t.length) return;
        const w = t[0].text;
        // BIRD 1.x put filters and tables on the protocol itself; BIRD 2 moved them into channels.
        // (BIRD 2's pipe keeps `table`, `peer table`, `import` and `export` on the protocol itself.)
        if (proto.kind !== 'pipe' && (w === 'import' || w === 'export' || (w === 'table' && t[1]?.kind === 'word'))) {
          proto.legacy.push(r(t[0], t[t.length - 1]));
          info.bird1.push({ range: r(t[0]), reason: `\`${w}\` directly in a protocol is BIRD 1.x syntax; BIRD 2 puts it in a channel (\`ipv4 { ${w} …; };\`)` });
          if (t[1]?.text === 'filter' && t[2]?.kind === 'word') info.references.push({ kind: 'bird-filter', name: t[2].text, range: r(t[2]) });
          scanExpression(t.slice(1));
          for (const b of c.children) scanBody(b);
          return;
        }
        requireSemicolon(block.children, ci, block);
        if (NET_TYPES.has(w) && !(w === 'ipv4' && t[1]?.text === 'table')) {
          visitChannel(c, proto, t);
          return;
        }
        if (blockKind && !template && !checkComplete(blockKind, c)) return;
        if (w === 'router' && t[1]?.text === 'id' && t[2]) proto.routerId = { value: t[2].text, range: r(t[2]), stmt: stmtRange(c) };
        if (w === 'debug') return;
        if (blockKind && checkShape(blockKind, t, r(c.tokens[c.tokens.length - 1]))) return;
        if (proto.kind === 'ospf') {
          if (w === 'area') visitArea(c, proto, t, v3);
          else if (w === 'tick') {
            const v = readNumber(t, 1, '`tick`');
            checkRange(v, 1, Infinity, 'Tick must be greater than zero');
            if (v.range && v.value !== undefined) proto.tick = { value: v.value, range: v.range, stmt: stmtRange(c) };
            noExtra(t, v.next, '`tick`');
          }
        } else if (!blockKind) {
          // Protocols we do not model: still look at filters for references.
          scanExpression(t);
          for (const b of c.children) scanBody(b);
        } else if (proto.kind === 'static' && w === 'route') {
          if ((t[1]?.text === 'flow4' || t[1]?.text === 'flow6') && c.children[0]) checkFlow(c.children[0]);
          scanExpression(t);
          for (const b of c.children) scanBody(b);
        }
      });
    }
    info.protocols.push(proto);
  };

  // ---- global -------------------------------------------------------------------------------------------------

  const analyseTop = (s: SyntaxNode, si: number) => {
    if (s.kind !== 'BirdStatement' || !s.tokens.length) return;
    const t = header(s);
    const first = t[0];
    if (!first) return;
    const w = first.text;
    const hasBlock = s.children.length > 0;
    // `ipv4 table t` needs no `;` in BIRD 2 (table options are an optional block).
    if (!hasBlock && !(NET_TYPES.has(w) && t[1]?.text === 'table')) requireSemicolon(root.children, si, undefined);
    switch (w) {
      case 'router': {
        if (t[1]?.text !== 'id') {
          pending(t[1] ? r(t[1]) : r(first), 'syntax/expected-value', '`router` must be followed by `id`');
          return;
        }
        const v = t[2];
        if (!v) {
          pending({ start: t[1].end, end: t[1].end }, 'syntax/expected-value', '`router id` expects an IPv4 address');
          return;
        }
        if (v.text === 'from') return;
        info.routerId = { value: v.text, range: r(v), stmt: stmtRange(s) };
        if (v.kind === 'number' && !/^\d+(\.\d+\.\d+\.\d+)?$/.test(v.text)) pending(r(v), 'syntax/expected-value', '`router id` expects an IPv4 address or a number');
        noExtra(t, 3, '`router id`');
        return;
      }
      case 'include': {
        const v = t[1];
        if (v?.kind === 'string') addInclude({ value: unquote(v.text), range: r(v), stmt: stmtRange(s) });
        else pending(v ? r(v) : r(first), 'syntax/expected-value', '`include` expects a quoted file name');
        return;
      }
      case 'define': {
        const name = t[1];
        if (!name || !(name.kind === 'word' || (name.kind === 'string' && name.text.startsWith("'")))) {
          pending(name ? r(name) : r(first), 'syntax/expected-value', '`define` expects a name');
          return;
        }
        if (t[2]?.text !== '=') {
          pending(t[2] ? r(t[2]) : { start: name.end, end: name.end }, 'syntax/expected-value', '`define NAME` must be followed by `=`');
          return;
        }
        if (t.length === 3) {
          pending(semicolon(s) ? r(semicolon(s)!) : { start: t[2].end, end: t[2].end }, 'syntax/expected-value', '`define NAME =` needs a value');
          return;
        }
        addConstant(unquote(name.text));
        info.named.push({ kind: 'bird-constant', name: unquote(name.text), range: r(name), fullRange: stmtRange(s) });
        addDefinition(name.start);
        scanExpression(t.slice(3));
        return;
      }
      case 'protocol':
      case 'template':
        visitProtocol(s, t, w === 'template');
        return;
      case 'filter': {
        const name = t[1];
        if (name && name.kind === 'word') {
          info.named.push({ kind: 'bird-filter', name: name.text, range: r(name), fullRange: stmtRange(s) });
          addDefinition(name.start);
        }
        scanExpression(t.slice(2));
        for (const b of s.children) scanBody(b);
        return;
      }
      case 'function': {
        const name = t[1];
        if (name && name.kind === 'word') {
          info.named.push({ kind: 'bird-function', name: name.text, range: r(name), fullRange: stmtRange(s) });
          addDefinition(name.start);
        }
        // `function f() -> int` (typed result) arrived in BIRD 2.14.
        const arrow = t.find((x) => x.text === '->');
        if (arrow) info.newer.push({ range: { start: arrow.start, end: arrow.start + 1 }, what: 'a typed function result (`-> type`)' });
        scanExpression(t.slice(2));
        for (const b of s.children) scanBody(b);
        return;
      }
      case 'table':
        // BIRD 1.x: `table NAME;`. BIRD 2 needs the network type (`ipv4 table NAME;`).
        info.bird1.push({ range: r(first), reason: '`table NAME;` is BIRD 1.x syntax; BIRD 2 needs the network type: `ipv4 table NAME;`' });
        if (t[1]?.kind === 'word') info.named.push({ kind: 'bird-table', name: t[1].text, range: r(t[1]), fullRange: stmtRange(s) }), addDefinition(t[1].start);
        return;
      case 'roa':
        info.bird1.push({ range: r(first), reason: '`roa table` is BIRD 1.x syntax; BIRD 2 uses `roa4 table NAME;` / `roa6 table NAME;` filled by a static or RPKI protocol' });
        return;
      default:
        break;
    }
    if (NET_TYPES.has(w) && (t[1]?.text === 'table' || (t[1]?.text === 'sadr' && t[2]?.text === 'table'))) {
      // Several `ipv4 table a ipv6 table b;` may follow each other without `;`.
      let j = 0;
      while (j < t.length) {
        const k = j + (t[j + 1]?.text === 'sadr' ? 3 : 2);
        const name = t[k];
        if (name?.kind !== 'word') {
          pending(name ? r(name) : r(t[k - 1] ?? first), 'syntax/expected-value', '`table` expects a name');
          return;
        }
        info.named.push({ kind: 'bird-table', name: name.text, range: r(name), fullRange: stmtRange(s) });
        addDefinition(name.start);
        j = t[k + 1]?.text === 'sorted' ? k + 2 : k + 1;
        if (t[j] && NET_TYPES.has(t[j].text) && (t[j + 1]?.text === 'table' || t[j + 1]?.text === 'sadr')) continue;
        if (!(t[j] && COMPLETE_FIRST_WORDS.global!.has(t[j].text))) noExtra(t, j, 'the table name');
        break;
      }
      return;
    }
    if (NET_TYPES.has(w)) {
      pending(t[1] ? r(t[1]) : r(first), 'syntax/expected-value', `\`${w}\` at the top level must be followed by \`table NAME\``);
      return;
    }
    if (!checkComplete('global', s)) return;
    scanExpression(t.slice(1));
    for (const b of s.children) scanBody(b);
  };

  const lists = (): unknown[][] => [info.protocols, info.named, info.references, info.words, info.bird1, info.newer, info.includes, errors, definitions, globals];
  const mine = lists();
  const top = root.children;
  const n = top.length;
  const spans = new Int32Array((n + 1) * LISTS);
  const starts = new Float64Array(n);
  const readsGlobals = new Uint8Array(n);
  const routerIds = new Map<number, Located<string>>();
  const index = new Map<SyntaxNode, number>();
  const row = (i: number) => {
    for (let l = 0; l < LISTS; l++) spans[i * LISTS + l] = mine[l].length;
  };
  let analysed = 0;
  const priorLists: unknown[][] | undefined = prior && [prior.info.protocols, prior.info.named, prior.info.references, prior.words, prior.info.bird1, prior.info.newer, prior.info.includes, prior.errors, prior.definitions, prior.globals];
  /** Range objects already moved (one range may sit in two items: a protocol's name and its `named` entry). */
  const movedRanges = new Set<object>();
  for (let si = 0; si < n; si++) {
    const s = top[si];
    index.set(s, si);
    row(si);
    starts[si] = s.range.start;
    const j = prior?.index.get(s);
    if (j !== undefined && prior && priorLists) {
      // The statements from here that the re-parse kept in the same order, moved by the same length.
      const d = s.range.start - prior.starts[j];
      const inSync = prior.spans[j * LISTS + 9] === globals.length && matched === globals.length;
      let e = si;
      while (e < n && j + e - si < prior.nodes.length && top[e] === prior.nodes[j + e - si] && top[e].range.start - prior.starts[j + e - si] === d && (inSync || !prior.readsGlobals[j + e - si])) e++;
      // The last one's next statement must be the same too (or none after either).
      if (e > si && !(e === n && j + e - si === prior.nodes.length) && top[e] !== prior.nodes[j + e - si]) e--;
      if (e > si) {
        const je = j + e - si;
        for (let l = 0; l < LISTS; l++) {
          const from = prior.spans[j * LISTS + l];
          const to = prior.spans[je * LISTS + l];
          const src = priorLists[l];
          const dst = mine[l];
          if (l === 9) for (let k = from; k < to; k++) {
            const g = src[k] as string;
            if (g[0] === 'c') constants.add(g.slice(1));
            addGlobal(g);
          }
          else if (l === 8) for (let k = from; k < to; k++) addDefinition((src[k] as number) + d);
          else {
            for (let k = from; k < to; k++) dst.push(src[k]);
            // Words are tokens, which the re-parse moved.
            if (d !== 0 && l !== 3) for (let k = from; k < to; k++) moveRanges(src[k], d, movedRanges);
          }
        }
        for (let t = si; t < e; t++) {
          const jt = j + t - si;
          for (let l = 0; l < LISTS; l++) spans[t * LISTS + l] = spans[si * LISTS + l] + prior.spans[jt * LISTS + l] - prior.spans[j * LISTS + l];
          starts[t] = top[t].range.start;
          readsGlobals[t] = prior.readsGlobals[jt];
          index.set(top[t], t);
          const rid = prior.routerIds.get(jt);
          if (rid) {
            if (d !== 0) moveRanges(rid, d, movedRanges);
            routerIds.set(t, rid);
            info.routerId = rid;
          }
        }
        si = e - 1;
        continue;
      }
    }
    const routerBefore = info.routerId;
    globalsRead = false;
    analysed++;
    analyseTop(s, si);
    readsGlobals[si] = globalsRead ? 1 : 0;
    if (info.routerId !== routerBefore && info.routerId) routerIds.set(si, info.routerId);
  }
  row(n);
  const memo: AnalysisMemo = { nodes: top, index, spans, starts, readsGlobals, routerIds, info, words: info.words, errors, definitions, globals, birdVersion: opts.birdVersion, analysed };

  info.words = info.words.filter((x) => !definitionTokens.has(x.start));
  // In a BIRD 1.x file, BIRD 2 grammar errors are expected: the single `bird/bird1-syntax` hint explains them.
  const legacy = info.bird1.length > 0;
  for (const e of errors) {
    if (legacy && (e.code === 'syntax/unknown-keyword' || e.code === 'syntax/missing-semicolon')) continue;
    err(e.range, e.code, e.message);
  }
  for (const n of info.newer) {
    const since = n.since ?? [2, 14];
    const old = isOlderThan(opts.birdVersion, since);
    diagnostics.push({
      range: n.range,
      severity: old ? 'error' : 'warning',
      code: 'bird/newer-syntax',
      message: `${n.what} needs BIRD ${since.join('.')} or newer${old ? ` (targeting BIRD ${opts.birdVersion})` : '; BIRD 2.0.x rejects it'}`,
    });
  }
  return { info, memo };
}

/**
 * Moves every range an analysis item made by `d`, in place (the previous parse is consumed by its re-parse, as its
 * tokens and nodes are): tokens and tree nodes are skipped (the re-parse moved them), a range met twice is moved
 * once (`done`). Items are a few levels deep (protocol, area, interface, password, value), so the recursion is
 * bounded by their shape, not the input.
 */
function moveRanges(v: unknown, d: number, done: Set<object>): void {
  if (typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) {
    for (const x of v) moveRanges(x, d, done);
    return;
  }
  if (v instanceof Map) {
    for (const x of v.values()) moveRanges(x, d, done);
    return;
  }
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.children) && Array.isArray(o.tokens)) return; // a tree node
  if (typeof o.text === 'string' && typeof o.kind === 'string' && typeof o.start === 'number') return; // a token
  if (typeof o.start === 'number' && typeof o.end === 'number') {
    // A range ({start, end}: analysis items have no other object with both).
    if (done.has(o)) return;
    done.add(o);
    (o as { start: number }).start += d;
    (o as { end: number }).end += d;
    return;
  }
  for (const k in o) moveRanges(o[k], d, done);
}

function describe(kind: BirdBlockKind): string {
  switch (kind) {
    case 'global':
      return 'top-level';
    case 'ospf':
      return 'OSPF protocol';
    case 'area':
      return 'OSPF area';
    case 'interface':
      return 'OSPF interface';
    case 'channel':
      return 'channel';
    case 'password':
      return 'password';
    case 'stubnet':
      return 'stubnet';
    default:
      return `${kind} protocol`;
  }
}

/** `"text"` → `text` (also `'sym'`). */
export function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s.replace(/^["']/, '');
}

/** Area numbers as dotted quads (`0` → `0.0.0.0`), the form OSPF uses on the wire. */
export function numberToQuad(n: number): string {
  const v = n >>> 0;
  return `${(v >>> 24) & 255}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
}

/** True when `version` (`2.0.12`) is given and older than `min`. */
export function isOlderThan(version: string | undefined, min: number[]): boolean {
  if (!version) return false;
  const parts = version.split('.').map((x) => Number.parseInt(x, 10) || 0);
  for (let i = 0; i < min.length; i++) {
    const a = parts[i] ?? 0;
    if (a !== min[i]) return a < min[i];
  }
  return false;
}

/** Words of each VALUE_SHAPES alternative (`'N S'` → `['N', 'S']`), split once per process. */
const ALT_ITEMS = new Map<string, string[]>();
function altItems(alt: string): string[] {
  let items = ALT_ITEMS.get(alt);
  if (!items) ALT_ITEMS.set(alt, (items = alt.split(' ')));
  return items;
}

/** Per block kind: the most words of any VALUE_SHAPES phrase starting with a given first word. */
const PHRASE_WORDS = new Map<string, Map<string, number>>();
function phraseWords(kind: string, shapes: Record<string, string[]>): Map<string, number> {
  let words = PHRASE_WORDS.get(kind);
  if (!words) {
    words = new Map();
    for (const phrase of Object.keys(shapes)) {
      const parts = phrase.split(' ');
      words.set(parts[0], Math.max(words.get(parts[0]) ?? 0, parts.length));
    }
    PHRASE_WORDS.set(kind, words);
  }
  return words;
}
