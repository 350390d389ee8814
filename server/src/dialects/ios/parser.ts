// Cisco IOS/IOS-XE parser (also used by ASA with its own flavour): one command per line, blocks by indentation
// or, for configs pasted without indentation, by the mode a command implies. Never throws; the line is the
// recovery unit. Depends only on syntax/ and this dialect's lexer/catalog.

import type { ChangedSpan, ParseResult, SyntaxDiagnostic, SyntaxNode, TextRange, Token } from '../../syntax';
import { internalErrorDiagnostic } from '../../syntax';
import { ENTRY_EXIT, ENTRY_EXIT_AF, ENTRY_KEYS, ENTRY_PATHS, ENTRY_QUIT, ENTRY_TABLE, ENTRY_UNKNOWN, IOS_CATALOG, resolveEntry, type IosCatalog, type IosCatalogEntry, type IosModeId, type LowerWords } from './catalog';
import { indentOf, lexGap, lexLineInto, lexWordsInto, promptLengthAt } from './lexer';
import { COMMENT, IosTokenStore, lowerCase, NUMBER, PUNCT, setSharedPrompt, sharedPrompt, STRING } from './store';

/**
 * The one empty array every node without children, words or path shares until the parser gives it its own (a
 * million-line file makes a million leaves). Frozen: nothing may push into it.
 */
const NONE = Object.freeze([]) as unknown as never[];

const KIND_NAMES = ['IosConfig', 'IosCommand', 'IosComment', 'IosBanner', 'IosCertificate'] as const;
type IosNodeKind = (typeof KIND_NAMES)[number];
/** `IosNode.bits`: the kind's index in KIND_NAMES (bits 0–2), the flags below, and the entry id (catalog.ts) above. */
const KIND_MASK = 7;
const NEGATED = 8;
/** The node's words start after a pasted prompt (the first token of its run). */
const PROMPTED = 16;
const ID_SHIFT = 5;

/**
 * A node of the IOS tree. Block commands (interface, crypto map entry …) hold their sub-mode lines as children.
 * A node holds no token objects: its tokens are a run of the parse's token store (`first`, `count`), its words a
 * run inside it (`wordFirst`, `wordCount`); `tokens`, `words`, `prompt` and `body` make fresh `Token`s on each read,
 * and `word(i)`, `wordText(i)` read one word without making the others.
 *
 * Issue 16: a million-line fleet makes a million nodes, so a node holds only what it cannot derive: `kind`,
 * `negated`, the prompt flag and the catalog entry's id are bits of one field; `entry`, `path` and `pathKey` are read
 * from the id's tables (catalog.ts: one shape, where entries have many), `wordFirst` from `first` and the prompt/`no`
 * bits; every field is assigned once in the constructor, in one order, so all nodes share one hidden class with
 * every field in the object.
 */
export class IosNode implements SyntaxNode {
  /** Kind index, flags and entry id (see KIND_MASK …). */
  declare bits: number;
  /** The parse's token store (a re-parse moves the nodes it reads again into the document's: `adopt`). */
  declare store: IosTokenStore;
  /** Index of the node's first own token in the store, and how many (a block's children have their own runs). */
  declare first: number;
  declare count: number;
  /** Leading whitespace width of the line. */
  declare indent: number;
  /** Mode the line was parsed in (`global`, `interface`, …; `unknown` under unknown block commands). */
  declare mode: IosModeId;
  /** Mode this command opened, when it has (or could have) sub-mode lines. */
  declare enters: IosModeId | undefined;
  declare children: IosNode[];
  /** Offset just after the node's own header line content. */
  declare lineEnd: number;
  /** How many words the node has (from `wordFirst`). */
  declare wordCount: number;
  /** The node's extent (its line, its block, its banner or certificate body): `range` without an object per node. */
  declare start: number;
  declare end: number;

  constructor(kind: IosNodeKind, start: number, end: number, store: IosTokenStore, first: number, count: number, indent: number, mode: IosModeId) {
    this.bits = KIND_NAMES.indexOf(kind);
    this.store = store;
    this.first = first;
    this.count = count;
    this.indent = indent;
    this.mode = mode;
    this.enters = undefined;
    this.children = NONE;
    this.lineEnd = end;
    this.wordCount = 0;
    this.start = start;
    this.end = end;
  }

  get kind(): IosNodeKind {
    return KIND_NAMES[this.bits & KIND_MASK];
  }
  set kind(k: IosNodeKind) {
    this.bits = (this.bits & ~KIND_MASK) | KIND_NAMES.indexOf(k);
  }
  /** `no …` (or `default …`) form. */
  get negated(): boolean {
    return (this.bits & NEGATED) !== 0;
  }
  /** The catalog entry of a known command. */
  get entry(): IosCatalogEntry | undefined {
    return ENTRY_TABLE[this.bits >>> ID_SHIFT];
  }
  /** Canonical keyword path of the catalog entry (empty when the command is unknown; shared: never modify it). */
  get path(): string[] {
    return ENTRY_PATHS[this.bits >>> ID_SHIFT];
  }
  /** `path` joined with spaces ('' for an unknown command; undefined for comments, the root and `exit` lines). */
  get pathKey(): string | undefined {
    return ENTRY_KEYS[this.bits >>> ID_SHIFT];
  }
  /** Index of the first word (after a pasted prompt and the `no` keyword) in the store. */
  get wordFirst(): number {
    return this.first + ((this.bits & PROMPTED) !== 0 ? 1 : 0) + ((this.bits & NEGATED) !== 0 ? 1 : 0);
  }

  /** The node's range (a fresh object on each read; the node keeps `start` and `end`). */
  get range(): TextRange {
    return { start: this.start, end: this.end };
  }
  /** Significant tokens of the node's own line(s) (prompt, words, banner/certificate bodies, comment). Fresh objects. */
  get tokens(): Token[] {
    return this.store.tokens(this.first, this.count);
  }
  /** Significant words of the command, after a pasted prompt and the `no` keyword. Fresh objects on each read. */
  get words(): Token[] {
    return this.store.tokens(this.wordFirst, this.wordCount);
  }
  /** A pasted CLI prompt (`router(config)#`) in front of the command. */
  get prompt(): Token | undefined {
    return this.kind !== 'IosComment' && this.count > 0 && this.store.kinds[this.first] === PUNCT ? this.store.token(this.first) : undefined;
  }
  /** Banner body token (the one string token of a banner's run). */
  get body(): Token | undefined {
    if (this.kind !== 'IosBanner') return undefined;
    for (let i = this.first; i < this.first + this.count; i++) if (this.store.kinds[i] === STRING) return this.store.token(i);
    return undefined;
  }
  /** Word `i` (a fresh token), or undefined past the last word. */
  word(i: number): Token | undefined {
    return i >= 0 && i < this.wordCount ? this.store.token(this.wordFirst + i) : undefined;
  }
  /** The text of word `i`, or undefined past the last word. */
  wordText(i: number): string | undefined {
    return i >= 0 && i < this.wordCount ? this.store.text(this.wordFirst + i) : undefined;
  }
  /** Words `from …` (fresh tokens; `from` past the end gives an empty list). */
  wordsFrom(from: number): Token[] {
    const f = Math.max(0, Math.min(from, this.wordCount));
    return this.store.tokens(this.wordFirst + f, this.wordCount - f);
  }
}

export type IosTree = IosNode;

/** What distinguishes IOS from ASA for the shared parser. */
export interface IosFlavour {
  catalog: IosCatalog;
  /** ASA: `:` starts a comment line; banners are one line each (no delimiter). */
  asa: boolean;
}

export const IOS_FLAVOUR: IosFlavour = { catalog: IOS_CATALOG, asa: false };

export interface IosParseOptions {
  reportUnknownCommands?: boolean;
}

/** The mode the lines of an open block are parsed in (the stack of open blocks holds the nodes themselves). */
function openMode(n: IosNode): IosModeId {
  return n.kind === 'IosConfig' ? 'global' : n.enters ?? 'unknown';
}

/**
 * The lower-cased leading words of the line being parsed, read from the store only as far as a lookup asks (one per
 * parse, reset per line: resolving a line makes no array). Command paths are short, so arguments beyond the eighth
 * word are never looked up.
 */
class LineWords implements LowerWords {
  length = 0;
  private first = 0;
  private line = 0;
  private readonly cache: string[] = ['', '', '', '', '', '', '', ''];
  /** The line each cached word belongs to (a word is cached for the current line only). */
  private readonly cachedFor = new Int32Array(8).fill(-1);

  constructor(private readonly store: IosTokenStore) {}

  reset(first: number, count: number): void {
    this.first = first;
    this.length = Math.min(count, 8);
    this.line++;
  }
  at(i: number): string {
    if (this.cachedFor[i] === this.line) return this.cache[i];
    const w = lowerCase(this.store.text(this.first + i));
    this.cache[i] = w;
    this.cachedFor[i] = this.line;
    return w;
  }
  /** Words `from …` as an array (the rare `enters` function of a catalog entry). */
  slice(from: number): string[] {
    const res: string[] = [];
    for (let i = from; i < this.length; i++) res.push(this.at(i));
    return res;
  }
}

/**
 * Length of a pasted CLI prompt at the start of the store's token `i` (`promptLengthAt`), or 0; a shared word's is
 * computed once and kept with it (store.ts `sharedPrompt`).
 */
function firstWordPrompt(store: IosTokenStore, text: string, i: number): number {
  const slot = store.wordSlots[i];
  if (slot === 0) return promptLengthAt(text, store.starts[i], store.ends[i]);
  const known = sharedPrompt(slot);
  if (known !== 0) return known - 1;
  const plen = promptLengthAt(text, store.starts[i], store.ends[i]);
  setSharedPrompt(slot, plen);
  return plen;
}

/** Offset of the line terminator at or after `i` (or the end of the text). */
function lineEndFrom(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
    i++;
  }
  return n;
}

/** Offset of the next line's first character after a line ending at `end`. */
function nextLineStart(text: string, end: number): number {
  if (end >= text.length) return text.length;
  return text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : end + 1;
}

/**
 * Parses a Cisco IOS (or, with the ASA flavour, ASA) configuration. Never throws.
 * The tree holds only significant tokens (words, prompts, comments, banner and certificate bodies); the document's
 * lossless token list (`tokens`, with whitespace and newlines) is built on first use from them, lexing only the
 * gaps, so a batch check never makes an object per whitespace run or line break.
 */
export function parseIos(text: string, options: IosParseOptions = {}, flavour: IosFlavour = IOS_FLAVOUR): ParseResult<IosTree> {
  const diagnostics: SyntaxDiagnostic[] = [];
  // About one significant token per 7 characters of a config: start near the final size, grow by doubling.
  const store = new IosTokenStore(text, Math.max(64, text.length >> 3));
  const root = new IosNode('IosConfig', 0, text.length, store, 0, 0, -1, 'global');
  root.lineEnd = 0;
  const at = { line: 0 };
  let crashed = -1;
  try {
    parseInto(text, store, root, diagnostics, options, flavour, at);
  } catch (err) {
    // Defensive: a parser bug must never take the server down. The tokens stay lossless (the rest is one bogus token).
    crashed = at.line;
    diagnostics.push(internalErrorDiagnostic(err, { start: crashed, end: text.length }));
  }
  const result = resultOf(text, root, store, diagnostics, crashed);
  if (crashed < 0) parseStates.set(result, { flavour, report: options.reportUnknownCommands === true });
  return result;
}

/** The parse result of `root`: the tree, its diagnostics and the lossless token list made on first use. */
function resultOf(text: string, root: IosNode, store: IosTokenStore, diagnostics: SyntaxDiagnostic[], crashed: number): ParseResult<IosTree> {
  const result = { text, tree: root, diagnostics } as ParseResult<IosTree>;
  let cached: Token[] | undefined;
  Object.defineProperty(result, 'tokens', { enumerable: true, get: () => (cached ??= documentTokens(text, store, crashed)) });
  return result;
}

/**
 * The parses a re-parse may start from (not crashed), with the flavour and options they were made with; a re-parse
 * takes the entry out (the previous parse is consumed: its store and nodes move to the new one).
 */
const parseStates = new WeakMap<ParseResult<IosTree>, { flavour: IosFlavour; report: boolean }>();

/**
 * The parse of `text` from `previous`, the parse of the document's previous text with the same flavour and options,
 * and the span that changed (`Dialect.reparse`, issue 16; equal to `parseIos(text, options, flavour)`).
 *
 * A top-level node (a child of the root) is read the same way whatever blocks are open before it: its line closes
 * them all. So the top-level nodes that end before the last one starting before the change are kept (their text and
 * the state before them are the same; the one before the change is read again too, since a changed line after it
 * may now be one of its children), the lines from there are read again with only the root open, and the reading
 * stops at the first line from the change's end on that becomes a top-level node, not indented, where a top-level
 * node of the previous parse started: the state and the text after it are then the same as before, so the previous
 * nodes from there are kept, moved in place by the change's length (offsets) and by the difference in tokens (store
 * indices), and so are their store tokens. Banners and certificates read again when their header line is. Undefined
 * (the caller parses the whole text) when `previous` is not a parse this can start from (crashed, consumed, another
 * flavour or options) or when the parser fails on the lines read again.
 */
export function reparseIos(previous: ParseResult<IosTree>, change: ChangedSpan, text: string, options: IosParseOptions = {}, flavour: IosFlavour = IOS_FLAVOUR): ParseResult<IosTree> | undefined {
  const state = parseStates.get(previous);
  if (!state || state.flavour !== flavour || state.report !== (options.reportUnknownCommands === true)) return undefined;
  if (change.start < 0 || change.oldEnd < change.start || change.newEnd < change.start || text.length - change.newEnd !== previous.text.length - change.oldEnd) return undefined;
  parseStates.delete(previous);
  const oldRoot = previous.tree;
  const old = oldRoot.children;
  const store = oldRoot.store;
  const d = change.newEnd - change.oldEnd;
  // m: the top-level nodes starting before the change; the last of them and the one before it are read again.
  let lo = 0;
  let hi = old.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (old[mid].start < change.start) lo = mid + 1;
    else hi = mid;
  }
  const m = lo;
  const h = Math.max(0, m - 2);
  const from = h === 0 ? 0 : old[h].start - old[h].indent;
  const base = h === 0 ? 0 : old[h].first;
  const oldDiags = previous.diagnostics;
  let headDiags = 0;
  while (headDiags < oldDiags.length && oldDiags[headDiags].range.start < from) headDiags++;
  // The lines read again lex into a store of their own (indices from 0), spliced into the document's at the end.
  const mid = new IosTokenStore(text, 256);
  const midRoot = new IosNode('IosConfig', 0, text.length, mid, 0, 0, -1, 'global');
  const midDiags: SyntaxDiagnostic[] = [];
  const resync: Resync = { minStart: change.newEnd, d, oldChildren: old, j: m, stop: -1, stopFirst: -1 };
  try {
    parseInto(text, mid, midRoot, midDiags, options, flavour, { line: 0 }, from, resync);
  } catch (err) {
    if (err !== STOP) return undefined;
  }
  const mids = midRoot.children;
  const stop = resync.stop;
  const kept = stop < 0 ? 0 : old.length - stop;
  const children: IosNode[] = h + mids.length + kept === 0 ? NONE : new Array(h + mids.length + kept);
  for (let i = 0; i < h; i++) children[i] = old[i];
  for (let i = 0; i < mids.length; i++) children[h + i] = mids[i];
  const diagnostics = oldDiags.slice(0, headDiags);
  for (const x of midDiags) diagnostics.push(x);
  const midCount = stop >= 0 ? resync.stopFirst : mid.length;
  const tailFrom = stop >= 0 ? old[stop].first : store.length;
  store.splice(text, base, mid, midCount, tailFrom, d);
  adopt(mids, store, base);
  if (stop >= 0) {
    // The kept tail: its nodes and diagnostics moved in place (its tokens were moved by the splice).
    const tailStart = old[stop].start;
    const dToks = base + midCount - tailFrom;
    if (d !== 0 || dToks !== 0) moveNodes(old, stop, d, dToks);
    for (let i = 0; i < kept; i++) children[h + mids.length + i] = old[stop + i];
    let k = oldDiags.length;
    while (k > headDiags && oldDiags[k - 1].range.start >= tailStart) k--;
    for (; k < oldDiags.length; k++) diagnostics.push(d === 0 ? oldDiags[k] : shiftDiagnostic(oldDiags[k], d));
  }
  const root = new IosNode('IosConfig', 0, text.length, store, 0, 0, -1, 'global');
  root.lineEnd = 0;
  root.children = children;
  root.end = Math.max(text.length, children.length ? children[children.length - 1].end : 0);
  const result = resultOf(text, root, store, diagnostics, -1);
  parseStates.set(result, state);
  return result;
}

/** Moves the nodes read again (and everything under them) into the document's store, `base` tokens on. */
function adopt(nodes: readonly IosNode[], store: IosTokenStore, base: number): void {
  const stack: IosNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    stack.push(nodes[i]);
    while (stack.length > 0) {
      const n = stack.pop()!;
      n.store = store;
      n.first += base;
      const c = n.children;
      for (let q = 0; q < c.length; q++) stack.push(c[q]);
    }
  }
}

/** Moves `nodes[from …]` and everything under them `d` characters and `dToks` store tokens on (in place). */
function moveNodes(nodes: readonly IosNode[], from: number, d: number, dToks: number): void {
  const stack: IosNode[] = [];
  for (let i = from; i < nodes.length; i++) {
    stack.push(nodes[i]);
    while (stack.length > 0) {
      const n = stack.pop()!;
      n.start += d;
      n.end += d;
      n.lineEnd += d;
      n.first += dToks;
      const c = n.children;
      for (let q = 0; q < c.length; q++) stack.push(c[q]);
    }
  }
}

/** A diagnostic of the kept tail, `d` characters on (a fresh object: the previous parse's stay as they were). */
function shiftDiagnostic(diag: SyntaxDiagnostic, d: number): SyntaxDiagnostic {
  const res: SyntaxDiagnostic = { ...diag, range: { start: diag.range.start + d, end: diag.range.end + d } };
  if (diag.fixes) res.fixes = diag.fixes.map((f) => ({ ...f, edits: f.edits.map((e) => ({ range: { start: e.range.start + d, end: e.range.end + d }, newText: e.newText })) }));
  return res;
}

/**
 * Every token of the document in order, lossless: the store's tokens (document order), with the gaps between them
 * (whitespace, newlines) lexed here. After a parser crash at `crashed`, the rest is bogus.
 */
export function documentTokens(text: string, store: IosTokenStore, crashed = -1): Token[] {
  const res: Token[] = [];
  const limit = crashed >= 0 ? crashed : text.length;
  let at = 0;
  const starts = store.starts;
  for (let i = 0; i < store.length; i++) {
    const s = starts[i];
    if (s < at || s >= limit) continue;
    if (s > at) lexGap(text, at, s, res);
    res.push(store.token(i));
    at = store.ends[i];
  }
  if (crashed < 0) lexGap(text, at, text.length, res);
  else {
    if (crashed > at) lexGap(text, at, crashed, res);
    at = Math.max(at, crashed);
    if (at < text.length) res.push({ kind: 'bogus', start: at, end: text.length, text: text.slice(at) });
  }
  return res;
}

/**
 * Where a re-parse (`reparseIos`) stops: at the first line from `minStart` on that becomes a child of the root and
 * starts where a top-level line of the previous parse started (`oldChildren[j].start + d`, not indented), the state
 * of both parses being then the same (only the root open). `stop` is set to that old node's index and `stopFirst` to
 * the store index of the line's first token; the parse then throws `STOP`.
 */
interface Resync {
  minStart: number;
  d: number;
  oldChildren: readonly IosNode[];
  j: number;
  stop: number;
  stopFirst: number;
}

/** Thrown by `parseInto` when a re-parse reaches its resync line (caught by `reparseIos`). */
const STOP = { stop: true };

function parseInto(text: string, store: IosTokenStore, root: IosNode, diagnostics: SyntaxDiagnostic[], options: IosParseOptions, flavour: IosFlavour, at: { line: number }, from = 0, resync?: Resync): void {
  const cat = flavour.catalog;
  const stack: IosNode[] = [root];
  const lw = new LineWords(store);
  const res: { entry: IosCatalogEntry | undefined; consumed: number; id: number } = { entry: undefined, consumed: 0, id: 0 };
  const n = text.length;

  // The children of the open blocks, in one array: an open block's children are its tail from the block's mark (the
  // deeper open block's children follow them), so closing a block moves its children into one exact-size array and
  // no block grows an array of its own child by child.
  let pending: IosNode[] = [];
  const marks: number[] = [0];
  const addChild = (child: IosNode) => {
    if (resync !== undefined && stack.length === 1 && child.indent === 0 && child.start >= resync.minStart) resyncAt(child);
    pending.push(child);
  };
  // A re-parse stops before the first top-level line at an old top-level line's place (see `Resync`).
  const resyncAt = (child: IosNode) => {
    const r = resync!;
    const old = r.oldChildren;
    const want = child.start - r.d;
    while (r.j < old.length && old[r.j].start < want) r.j++;
    if (r.j < old.length && old[r.j].start === want && old[r.j].indent === 0) {
      r.stop = r.j;
      r.stopFirst = child.first;
      throw STOP;
    }
  };
  const open = (o: IosNode) => {
    stack.push(o);
    marks.push(pending.length);
  };
  const closeTop = () => {
    const o = stack.pop()!;
    const mark = marks.pop()!;
    if (stack.length === 0 && mark === 0 && pending.length > 0) {
      // The root (closed last, at the end of the parse): its children are the whole pending array, taken over
      // rather than copied (a fleet file's ~4,000 top-level nodes: 32 KB copied per file).
      o.children = pending;
      pending = [];
      o.end = Math.max(o.end, o.children[o.children.length - 1].end);
    } else if (pending.length > mark) {
      o.children = pending.slice(mark);
      pending.length = mark;
      o.end = Math.max(o.end, o.children[o.children.length - 1].end);
    }
  };
  const popTo = (depth: number) => {
    while (stack.length > depth) closeTop();
  };
  try {
    parseLines();
  } finally {
    // Also after a parser bug: what was parsed stays in the tree.
    popTo(0);
    const kids = root.children;
    root.end = Math.max(text.length, kids.length ? kids[kids.length - 1].end : 0);
  }

  function parseLines(): void {
    let start = from;
    while (start < n) {
      at.line = start;
      const ind = indentOf(text, start, n);
      const first = start + ind;
      const c0 = first < n ? text.charCodeAt(first) : 10;
      if (c0 === 10 || c0 === 13) {
        // A blank line (or whitespace only).
        start = nextLineStart(text, first);
        continue;
      }
      if (c0 === 33 /* ! */ || (flavour.asa && c0 === 58) /* : */) {
        const end = lineEndFrom(text, first);
        const next = nextLineStart(text, end);
        const tok = store.push(COMMENT, first, end, undefined);
        if (ind === 0) popTo(1);
        else while (stack.length > 1 && stack[stack.length - 1].indent >= ind) closeTop();
        const top = stack[stack.length - 1];
        addChild(new IosNode('IosComment', first, end, store, tok, 1, ind, openMode(top)));
        start = next;
        continue;
      }

      // Words of the line (lexed up to its end in one pass), with a pasted prompt split off the first word: then the
      // line is lexed again after the prompt (rare).
      const lineFirst = store.length;
      const end = lexLineInto(store, text, first);
      const next = nextLineStart(text, end);
      const plen = firstWordPrompt(store, text, lineFirst);
      let wordsFirst = lineFirst;
      let count = store.length - lineFirst;
      if (plen > 0) {
        store.truncate(lineFirst);
        store.push(PUNCT, first, first + plen, undefined);
        wordsFirst = store.length;
        count = lexWordsInto(store, text, first + plen, end);
      }
      if (count === 0) {
        // A prompt alone on its line.
        const top = stack[stack.length - 1];
        const node = new IosNode('IosComment', first, end, store, lineFirst, plen > 0 ? 1 : 0, ind, openMode(top));
        if (plen > 0) node.bits |= PROMPTED;
        addChild(node);
        start = next;
        continue;
      }
      lw.reset(wordsFirst, count);
      const w0 = lw.at(0);
      const negated = w0 === 'no' || w0 === 'default';
      const from = negated ? 1 : 0;
      const lineCount = count + (plen > 0 ? 1 : 0);

      // Leave blocks this line is not part of.
      if (w0 === 'exit' || w0 === 'exit-address-family' || w0 === 'quit') {
        // Deeper lines and same-indent commands that opened no known mode are not what `exit` leaves.
        while (stack.length > 1) {
          const t = stack[stack.length - 1];
          if (t.indent > ind || (t.indent === ind && !t.enters)) closeTop();
          else break;
        }
        const top = stack[stack.length - 1];
        const node = new IosNode('IosCommand', first, end, store, lineFirst, lineCount, ind, openMode(top));
        // The prompt in front of an `exit` line is part of its tokens, not a `prompt` (as before the store).
        if (plen > 0) node.bits |= PROMPTED;
        node.wordCount = count;
        node.bits |= (w0 === 'exit' ? ENTRY_EXIT : w0 === 'quit' ? ENTRY_QUIT : ENTRY_EXIT_AF) << ID_SHIFT;
        addChild(node);
        if (stack.length > 1) closeTop();
        start = next;
        continue;
      }
      if (w0 === 'end' && count === 1) popTo(1);
      while (stack.length > 1) {
        const top = stack[stack.length - 1];
        if (ind > top.indent) break;
        if (ind === top.indent && openMode(top) !== 'unknown' && impliedChild(cat, openMode(top), openMode(stack[stack.length - 2]), lw, from)) break;
        closeTop();
      }
      const top = stack[stack.length - 1];
      const mode = openMode(top);
      resolveEntry(cat, mode, lw, from, res);
      const node = new IosNode('IosCommand', first, end, store, lineFirst, lineCount, ind, mode);
      if (plen > 0) node.bits |= PROMPTED;
      if (negated) node.bits |= NEGATED;
      node.wordCount = count - from;
      node.bits |= (res.entry ? res.id! : ENTRY_UNKNOWN) << ID_SHIFT;
      addChild(node);

      if (!res.entry && options.reportUnknownCommands && mode !== 'unknown' && cat.modes.has(mode)) {
        const w = wordsFirst + (from < count ? from : 0);
        const wt = store.text(w);
        diagnostics.push({ range: { start: store.starts[w], end: store.ends[w] }, severity: 'information', code: 'syntax/unknown-command', message: `'${wt}' is not a command netcfg knows in ${cat.modeNames[mode] ?? mode} mode` });
      }

      // Banners (IOS): delimited text over one or more lines.
      if (!flavour.asa && res.entry && res.entry.path[0] === 'banner' && mode === 'global' && !negated) {
        start = banner(text, store, next, node, diagnostics);
        continue;
      }

      // Certificates: hex lines until `quit`, unless the line names the file the certificate is stored in
      // (`certificate ca 01 nvram:CA#1CA.cer`, shown when certificates live in NVRAM): that is the whole command.
      if (res.entry && res.entry.path[0] === 'certificate' && mode === 'cert-chain' && !negated && !storedInFile(node)) {
        start = certificate(text, store, next, node, diagnostics);
        continue;
      }

      let enters: IosModeId | undefined;
      if (res.entry?.enters && !negated) enters = typeof res.entry.enters === 'string' ? res.entry.enters : res.entry.enters(lw.slice(from + res.consumed));
      node.enters = enters;
      open(node);
      start = next;
    }
  }
}

/** The result object of `impliedChild`'s lookups (only whether they found an entry is read). */
const implied: { entry: IosCatalogEntry | undefined; consumed: number; id: number } = { entry: undefined, consumed: 0, id: 0 };

/** A line at the block header's own indentation stays in the block when only the block's mode knows it. */
function impliedChild(cat: IosCatalog, mode: IosModeId, parentMode: IosModeId, lw: LowerWords, from: number): boolean {
  if (!resolveEntry(cat, mode, lw, from, implied)) return false;
  return !resolveEntry(cat, parentMode, lw, from, implied);
}

/**
 * A banner from its header line (the node's tokens are the last ones of the store; next line at `next`); returns
 * where parsing goes on.
 */
function banner(text: string, store: IosTokenStore, next: number, node: IosNode, diagnostics: SyntaxDiagnostic[]): number {
  node.kind = 'IosBanner';
  if (node.wordCount < 3) {
    const w = node.wordFirst + (node.wordCount > 1 ? 1 : 0);
    diagnostics.push({ range: { start: store.starts[w], end: store.ends[w] }, severity: 'error', code: 'syntax/missing-argument', message: 'banner needs a delimiter character and text' });
    return next;
  }
  const dStart = store.starts[node.wordFirst + 2];
  const dLen = text.startsWith('^C', dStart) ? 2 : 1;
  const delim = text.slice(dStart, dStart + dLen);
  // Keep the line's tokens before the delimiter (they are the store's last ones, in order).
  let keep = node.first;
  while (keep < store.length && store.ends[keep] <= dStart) keep++;
  store.truncate(keep);
  node.count = keep - node.first;
  node.wordCount = Math.max(0, keep - node.wordFirst);
  const wordStart = store.starts[node.wordFirst];
  const wordEnd = store.ends[node.wordFirst];
  const close = text.indexOf(delim, dStart + dLen);
  if (close < 0) {
    store.push(STRING, dStart, text.length, undefined);
    node.count++;
    node.end = text.length;
    void wordEnd;
    diagnostics.push({ range: { start: wordStart, end: dStart + dLen }, severity: 'error', code: 'syntax/unterminated-banner', message: `banner text is not closed: no second '${delim}' before the end of the file` });
    return text.length;
  }
  const closeEnd = close + dLen;
  store.push(STRING, dStart, closeEnd, undefined);
  node.count++;
  // The words after the closing delimiter, up to the end of its line.
  const lineEnd = Math.max(lineEndFrom(text, close), closeEnd);
  const rest = lexWordsInto(store, text, closeEnd, lineEnd);
  node.count += rest;
  node.end = Math.max(closeEnd, rest ? store.ends[store.length - 1] : closeEnd);
  return nextLineStart(text, lineEnd);
}

/** `certificate [ca|self-signed] SERIAL nvram:NAME.cer`: a file-system URL after the serial (IOS prints `nvram:`). */
function storedInFile(node: IosNode): boolean {
  return node.wordCount >= 3 && /^[A-Za-z][\w-]*:\S/.test(node.wordText(node.wordCount - 1)!);
}

/** A certificate's hex lines from `start` to its `quit` line (each appended to the node's run); returns where parsing goes on. */
function certificate(text: string, store: IosTokenStore, start: number, node: IosNode, diagnostics: SyntaxDiagnostic[]): number {
  node.kind = 'IosCertificate';
  const n = text.length;
  while (start < n) {
    const end = lineEndFrom(text, start);
    const next = nextLineStart(text, end);
    const ind = indentOf(text, start, end);
    let e = end;
    while (e > start + ind && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    if (e - (start + ind) === 4 && text.startsWith('quit', start + ind)) {
      const f = store.length;
      node.count += lexWordsInto(store, text, start, end);
      node.end = store.ends[f];
      return next;
    }
    if (e > start + ind) {
      store.push(STRING, start + ind, e, undefined);
      node.count++;
      node.end = e;
    }
    start = next;
  }
  const w = node.wordFirst;
  diagnostics.push({ range: { start: store.starts[w], end: store.ends[w + node.wordCount - 1] }, severity: 'error', code: 'syntax/unterminated-certificate', message: "certificate hex dump is not closed by a 'quit' line" });
  return n;
}
