// Cisco IOS/IOS-XE parser (also used by ASA with its own flavour): one command per line, blocks by indentation
// or, for configs pasted without indentation, by the mode a command implies. Never throws; the line is the
// recovery unit. Depends only on syntax/ and this dialect's lexer/catalog.

import type { ParseResult, SyntaxDiagnostic, SyntaxNode, Token } from '../../syntax';
import { internalErrorDiagnostic } from '../../syntax';
import { IOS_CATALOG, resolveCommand, type IosCatalog, type IosCatalogEntry, type IosModeId } from './catalog';
import { indentOf, lexGap, lexRaw, lexWords, promptLengthAt } from './lexer';

/** A node of the IOS tree. Block commands (interface, crypto map entry …) hold their sub-mode lines as children. */
export interface IosNode extends SyntaxNode {
  kind: 'IosConfig' | 'IosCommand' | 'IosComment' | 'IosBanner' | 'IosCertificate';
  children: IosNode[];
  /** Leading whitespace width of the line. */
  indent: number;
  /** Mode the line was parsed in (`global`, `interface`, …; `unknown` under unknown block commands). */
  mode: IosModeId;
  /** Mode this command opened, when it has (or could have) sub-mode lines. */
  enters?: IosModeId;
  /** `no …` (or `default …`) form. */
  negated: boolean;
  /** Significant words of the command, after a pasted prompt and the `no` keyword. */
  words: Token[];
  /** Canonical keyword path of the catalog entry (empty when the command is unknown). */
  path: string[];
  /** `path` joined with spaces (computed once by the parser). */
  pathKey?: string;
  entry?: IosCatalogEntry;
  /** Offset just after the node's own header line content. */
  lineEnd: number;
  /** A pasted CLI prompt (`router(config)#`) in front of the command. */
  prompt?: Token;
  /** Banner/certificate body token. */
  body?: Token;
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

interface Open {
  node: IosNode;
  indent: number;
  mode: IosModeId;
}

/** Lower-cased leading words: command paths are short, so arguments beyond the eighth word are never looked up. */
function lowerWords(words: Token[]): string[] {
  const n = Math.min(words.length, 8);
  const res: string[] = new Array(n);
  for (let i = 0; i < n; i++) res[i] = words[i].text.toLowerCase();
  return res;
}

/**
 * The one empty array every node without children, words or path shares until the parser gives it its own (a
 * million-line file makes a million leaves). Frozen: nothing may push into it.
 */
const NONE = Object.freeze([]) as unknown as never[];

/** `entry.path` joined with spaces, computed once per catalog entry (resolved paths are always the entry's path). */
const pathKeys = new WeakMap<IosCatalogEntry, string>();
function pathKeyOf(entry: IosCatalogEntry): string {
  let k = pathKeys.get(entry);
  if (k === undefined) {
    k = entry.path.join(' ');
    pathKeys.set(entry, k);
  }
  return k;
}

/** Every node has the same fields from the start (one hidden class: no property added later, no backing store). */
function newNode(kind: IosNode['kind'], start: number, end: number, toks: Token[], indent: number, mode: IosModeId): IosNode {
  return { kind, range: { start, end }, tokens: toks, children: NONE, indent, mode, enters: undefined, negated: false, words: NONE, path: NONE, pathKey: undefined, entry: undefined, lineEnd: end, prompt: undefined, body: undefined };
}

function addChild(parent: IosNode, child: IosNode): void {
  if (parent.children === NONE) parent.children = [child];
  else parent.children.push(child);
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
  const root = newNode('IosConfig', 0, text.length, NONE, -1, 'global');
  root.lineEnd = 0;
  const at = { line: 0 };
  let crashed = -1;
  try {
    parseInto(text, root, diagnostics, options, flavour, at);
  } catch (err) {
    // Defensive: a parser bug must never take the server down. The tokens stay lossless (the rest is one bogus token).
    crashed = at.line;
    diagnostics.push(internalErrorDiagnostic(err, { start: crashed, end: text.length }));
  }
  const result = { text, tree: root, diagnostics } as ParseResult<IosTree>;
  let cached: Token[] | undefined;
  Object.defineProperty(result, 'tokens', { enumerable: true, get: () => (cached ??= documentTokens(text, root, crashed)) });
  return result;
}

/**
 * Every token of the document in order, lossless: the nodes' own tokens (a pre-order walk is document order),
 * with the gaps between them (whitespace, newlines) lexed here. After a parser crash at `crashed`, the rest is bogus.
 */
function documentTokens(text: string, root: IosNode, crashed: number): Token[] {
  const res: Token[] = [];
  const limit = crashed >= 0 ? crashed : text.length;
  let at = 0;
  const stack: IosNode[] = [root];
  while (stack.length) {
    const nd = stack.pop()!;
    for (const t of nd.tokens) {
      if (t.start < at || t.start >= limit) continue;
      if (t.start > at) lexGap(text, at, t.start, res);
      res.push(t);
      at = t.end;
    }
    const kids = nd.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  if (crashed < 0) lexGap(text, at, text.length, res);
  else {
    if (crashed > at) lexGap(text, at, crashed, res);
    at = Math.max(at, crashed);
    if (at < text.length) res.push({ kind: 'bogus', start: at, end: text.length, text: text.slice(at) });
  }
  return res;
}

function parseInto(text: string, root: IosNode, diagnostics: SyntaxDiagnostic[], options: IosParseOptions, flavour: IosFlavour, at: { line: number }): void {
  const cat = flavour.catalog;
  const stack: Open[] = [{ node: root, indent: -1, mode: 'global' }];
  const n = text.length;

  const close = (o: Open) => {
    const kids = o.node.children;
    if (kids.length) o.node.range.end = Math.max(o.node.range.end, kids[kids.length - 1].range.end);
    // A block's children were pushed one by one: keep an exact-size copy (a short pushed-to array has 17 slots).
    if (kids.length > 0 && kids.length < 16) o.node.children = kids.slice();
  };
  const popTo = (depth: number) => {
    while (stack.length > depth) close(stack.pop()!);
  };

  let start = 0;
  while (start < n) {
    at.line = start;
    const end = lineEndFrom(text, start);
    const next = nextLineStart(text, end);
    const ind = indentOf(text, start, end);
    const first = start + ind;
    if (first >= end) {
      start = next;
      continue;
    }
    const c0 = text.charCodeAt(first);
    if (c0 === 33 /* ! */ || (flavour.asa && c0 === 58) /* : */) {
      const tok = lexRaw(text, first, end, 'comment')!;
      if (ind === 0) popTo(1);
      else while (stack.length > 1 && stack[stack.length - 1].indent >= ind) close(stack.pop()!);
      const top = stack[stack.length - 1];
      addChild(top.node, newNode('IosComment', first, end, [tok], ind, top.mode));
      start = next;
      continue;
    }

    // Words of the line, with a pasted prompt split off the first word.
    let wordEnd = first;
    while (wordEnd < end && text.charCodeAt(wordEnd) !== 32 && text.charCodeAt(wordEnd) !== 9) wordEnd++;
    const plen = promptLengthAt(text, first, wordEnd);
    const prompt = plen > 0 ? lexRaw(text, first, first + plen, 'punct') : undefined;
    const words = lexWords(text, first + plen, end);
    if (words.length === 0) {
      // A prompt alone on its line.
      const top = stack[stack.length - 1];
      addChild(top.node, newNode('IosComment', first, end, prompt ? [prompt] : [], ind, top.mode));
      start = next;
      continue;
    }
    const lw = lowerWords(words);
    const negated = lw[0] === 'no' || lw[0] === 'default';
    const from = negated ? 1 : 0;
    const lineTokens = prompt ? [prompt, ...words] : words;

    // Leave blocks this line is not part of.
    if (lw[0] === 'exit' || lw[0] === 'exit-address-family' || lw[0] === 'quit') {
      // Deeper lines and same-indent commands that opened no known mode are not what `exit` leaves.
      while (stack.length > 1) {
        const t = stack[stack.length - 1];
        if (t.indent > ind || (t.indent === ind && !t.node.enters)) close(stack.pop()!);
        else break;
      }
      const top = stack[stack.length - 1];
      const node = newNode('IosCommand', first, end, lineTokens, ind, top.mode);
      node.words = words;
      node.path = [lw[0]];
      addChild(top.node, node);
      if (stack.length > 1) close(stack.pop()!);
      start = next;
      continue;
    }
    if (lw[0] === 'end' && words.length === 1) popTo(1);
    while (stack.length > 1) {
      const top = stack[stack.length - 1];
      if (ind > top.indent) break;
      if (ind === top.indent && top.mode !== 'unknown' && impliedChild(cat, top.mode, stack[stack.length - 2].mode, lw, from)) break;
      close(stack.pop()!);
    }
    const top = stack[stack.length - 1];
    const mode = top.mode;
    const res = resolveCommand(cat, mode, lw, from);
    const node = newNode('IosCommand', first, end, lineTokens, ind, mode);
    node.words = negated ? words.slice(1) : words;
    node.negated = negated;
    node.prompt = prompt;
    if (res.entry) {
      node.path = res.entry.path;
      node.pathKey = pathKeyOf(res.entry);
      node.entry = res.entry;
    } else node.pathKey = '';
    addChild(top.node, node);

    if (!res.entry && options.reportUnknownCommands && mode !== 'unknown' && cat.modes.has(mode)) {
      const w = words[from] ?? words[0];
      diagnostics.push({ range: { start: w.start, end: w.end }, severity: 'information', code: 'syntax/unknown-command', message: `'${w.text}' is not a command netcfg knows in ${cat.modeNames[mode] ?? mode} mode` });
    }

    // Banners (IOS): delimited text over one or more lines.
    if (!flavour.asa && res.entry && res.entry.path[0] === 'banner' && mode === 'global' && !negated) {
      start = banner(text, end, next, node, diagnostics);
      continue;
    }

    // Certificates: hex lines until `quit`, unless the line names the file the certificate is stored in
    // (`certificate ca 01 nvram:CA#1CA.cer`, shown when certificates live in NVRAM): that is the whole command.
    if (res.entry && res.entry.path[0] === 'certificate' && mode === 'cert-chain' && !negated && !storedInFile(words)) {
      start = certificate(text, next, node, diagnostics);
      continue;
    }

    let enters: IosModeId | undefined;
    if (res.entry?.enters && !negated) enters = typeof res.entry.enters === 'string' ? res.entry.enters : res.entry.enters(lw.slice(from + res.consumed));
    node.enters = enters;
    stack.push({ node, indent: ind, mode: enters ?? 'unknown' });
    start = next;
  }
  popTo(1);
  const kids = root.children;
  root.range.end = Math.max(text.length, kids.length ? kids[kids.length - 1].range.end : 0);
}

/** A line at the block header's own indentation stays in the block when only the block's mode knows it. */
function impliedChild(cat: IosCatalog, mode: IosModeId, parentMode: IosModeId, lw: string[], from: number): boolean {
  const inside = resolveCommand(cat, mode, lw, from);
  if (!inside.entry) return false;
  return !resolveCommand(cat, parentMode, lw, from).entry;
}

/** A banner from its header line (ending at `end`, next line at `next`); returns where parsing goes on. */
function banner(text: string, end: number, next: number, node: IosNode, diagnostics: SyntaxDiagnostic[]): number {
  node.kind = 'IosBanner';
  const delimWord = node.words[2];
  if (!delimWord) {
    const at = node.words[1] ?? node.words[0];
    diagnostics.push({ range: { start: at.start, end: at.end }, severity: 'error', code: 'syntax/missing-argument', message: 'banner needs a delimiter character and text' });
    return next;
  }
  const dStart = delimWord.start;
  const dLen = text.startsWith('^C', dStart) ? 2 : 1;
  const delim = text.slice(dStart, dStart + dLen);
  // Keep the line's tokens before the delimiter.
  node.words = node.words.filter((w) => w.end <= dStart);
  node.tokens = node.tokens.filter((w) => w.end <= dStart);
  const close = text.indexOf(delim, dStart + dLen);
  if (close < 0) {
    const body = lexRaw(text, dStart, text.length, 'string')!;
    node.body = body;
    node.tokens.push(body);
    node.range.end = text.length;
    diagnostics.push({ range: { start: node.words[0].start, end: dStart + dLen }, severity: 'error', code: 'syntax/unterminated-banner', message: `banner text is not closed: no second '${delim}' before the end of the file` });
    return text.length;
  }
  const closeEnd = close + dLen;
  const body = lexRaw(text, dStart, closeEnd, 'string')!;
  node.body = body;
  node.tokens.push(body);
  // The words after the closing delimiter, up to the end of its line.
  const lineEnd = Math.max(lineEndFrom(text, close), closeEnd);
  const rest = lexWords(text, closeEnd, lineEnd);
  for (const t of rest) node.tokens.push(t);
  node.range.end = Math.max(closeEnd, rest.length ? rest[rest.length - 1].end : closeEnd);
  void end;
  return nextLineStart(text, lineEnd);
}

/** `certificate [ca|self-signed] SERIAL nvram:NAME.cer`: a file-system URL after the serial (IOS prints `nvram:`). */
function storedInFile(words: readonly Token[]): boolean {
  return words.length >= 3 && /^[A-Za-z][\w-]*:\S/.test(words[words.length - 1].text);
}

/** A certificate's hex lines from `start` to its `quit` line; returns where parsing goes on. */
function certificate(text: string, start: number, node: IosNode, diagnostics: SyntaxDiagnostic[]): number {
  node.kind = 'IosCertificate';
  const n = text.length;
  while (start < n) {
    const end = lineEndFrom(text, start);
    const next = nextLineStart(text, end);
    const ind = indentOf(text, start, end);
    let e = end;
    while (e > start + ind && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    if (e - (start + ind) === 4 && text.startsWith('quit', start + ind)) {
      const toks = lexWords(text, start, end);
      node.tokens = [...node.tokens, ...toks];
      node.range.end = toks[0].end;
      return next;
    }
    const body = lexRaw(text, start + ind, e, 'string');
    if (body) {
      if (node.tokens === node.words) node.tokens = node.tokens.slice();
      node.tokens.push(body);
      node.range.end = body.end;
    }
    start = next;
  }
  const w = node.words;
  diagnostics.push({ range: { start: w[0].start, end: w[w.length - 1].end }, severity: 'error', code: 'syntax/unterminated-certificate', message: "certificate hex dump is not closed by a 'quit' line" });
  return n;
}
