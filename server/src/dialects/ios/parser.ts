// Cisco IOS/IOS-XE parser (also used by ASA with its own flavour): one command per line, blocks by indentation
// or, for configs pasted without indentation, by the mode a command implies. Never throws; the line is the
// recovery unit. Depends only on syntax/ and this dialect's lexer/catalog.

import type { ParseResult, SyntaxDiagnostic, SyntaxNode, Token } from '../../syntax';
import { internalErrorDiagnostic, splitLines } from '../../syntax';
import { IOS_CATALOG, resolveCommand, type IosCatalog, type IosCatalogEntry, type IosModeId } from './catalog';
import { indentOf, lexRaw, lexWords, promptLength } from './lexer';

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

/** Parses a Cisco IOS (or, with the ASA flavour, ASA) configuration. Never throws. */
export function parseIos(text: string, options: IosParseOptions = {}, flavour: IosFlavour = IOS_FLAVOUR): ParseResult<IosTree> {
  const tokens: Token[] = [];
  const diagnostics: SyntaxDiagnostic[] = [];
  const root: IosNode = {
    kind: 'IosConfig',
    range: { start: 0, end: text.length },
    tokens: [],
    children: [],
    indent: -1,
    mode: 'global',
    negated: false,
    words: [],
    path: [],
    lineEnd: 0,
  };
  try {
    parseInto(text, root, tokens, diagnostics, options, flavour);
  } catch (err) {
    // Defensive: a parser bug must never take the server down. Keep the tokens lossless.
    const last = tokens.length ? tokens[tokens.length - 1].end : 0;
    if (last < text.length) tokens.push({ kind: 'bogus', start: last, end: text.length, text: text.slice(last) });
    diagnostics.push(internalErrorDiagnostic(err, { start: last, end: text.length }));
  }
  return { text, tree: root, tokens, diagnostics };
}

function parseInto(text: string, root: IosNode, tokens: Token[], diagnostics: SyntaxDiagnostic[], options: IosParseOptions, flavour: IosFlavour): void {
  const lines = splitLines(text);
  const cat = flavour.catalog;
  const stack: Open[] = [{ node: root, indent: -1, mode: 'global' }];

  const close = (o: Open) => {
    const kids = o.node.children;
    if (kids.length) o.node.range.end = Math.max(o.node.range.end, kids[kids.length - 1].range.end);
  };
  const popTo = (depth: number) => {
    while (stack.length > depth) close(stack.pop()!);
  };
  const newline = (li: number) => {
    const pl = lines[li];
    if (pl.next > pl.end) tokens.push({ kind: 'newline', start: pl.end, end: pl.next, text: text.slice(pl.end, pl.next) });
  };

  for (let li = 0; li < lines.length; li++) {
    const pl = lines[li];
    const ind = indentOf(text, pl.start, pl.end);
    const first = pl.start + ind;
    if (first >= pl.end) {
      lexRaw(text, pl.start, pl.end, 'whitespace', tokens);
      newline(li);
      continue;
    }
    const c0 = text.charCodeAt(first);
    if (c0 === 33 /* ! */ || (flavour.asa && c0 === 58) /* : */) {
      lexRaw(text, pl.start, first, 'whitespace', tokens);
      const tok = lexRaw(text, first, pl.end, 'comment', tokens)!;
      newline(li);
      if (ind === 0) popTo(1);
      else while (stack.length > 1 && stack[stack.length - 1].indent >= ind) close(stack.pop()!);
      const top = stack[stack.length - 1];
      top.node.children.push(leaf('IosComment', pl.start + ind, pl.end, [tok], ind, top.mode));
      continue;
    }

    // Words of the line, with a pasted prompt split off the first word.
    // Tokens go straight into the document's list (a banner takes back what follows its delimiter).
    const lineTokens = tokens;
    lexRaw(text, pl.start, first, 'whitespace', lineTokens);
    let wordEnd = first;
    while (wordEnd < pl.end && text.charCodeAt(wordEnd) !== 32 && text.charCodeAt(wordEnd) !== 9) wordEnd++;
    const plen = promptLength(text.slice(first, wordEnd));
    let prompt: Token | undefined;
    if (plen > 0) prompt = lexRaw(text, first, first + plen, 'punct', lineTokens);
    const words = lexWords(text, first + plen, pl.end, lineTokens);
    if (words.length === 0) {
      // A prompt alone on its line.
      newline(li);
      const top = stack[stack.length - 1];
      top.node.children.push(leaf('IosComment', first, pl.end, prompt ? [prompt] : [], ind, top.mode));
      continue;
    }
    const lw = lowerWords(words);
    const negated = lw[0] === 'no' || lw[0] === 'default';
    const from = negated ? 1 : 0;

    // Leave blocks this line is not part of.
    if (lw[0] === 'exit' || lw[0] === 'exit-address-family' || lw[0] === 'quit') {
      // Deeper lines and same-indent commands that opened no known mode are not what `exit` leaves.
      while (stack.length > 1) {
        const t = stack[stack.length - 1];
        if (t.indent > ind || (t.indent === ind && !t.node.enters)) close(stack.pop()!);
        else break;
      }
      const top = stack[stack.length - 1];
      const node = leaf('IosCommand', first, pl.end, prompt ? [prompt, ...words] : words, ind, top.mode);
      node.words = words;
      node.path = [lw[0]];
      newline(li);
      top.node.children.push(node);
      if (stack.length > 1) close(stack.pop()!);
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
    const node = leaf('IosCommand', first, pl.end, prompt ? [prompt, ...words] : words, ind, mode);
    node.words = negated ? words.slice(1) : words;
    node.negated = negated;
    node.prompt = prompt;
    node.path = res.entry ? res.path : [];
    node.pathKey = res.entry ? res.path.join(' ') : '';
    node.entry = res.entry;
    top.node.children.push(node);

    if (!res.entry && options.reportUnknownCommands && mode !== 'unknown' && cat.modes.has(mode)) {
      const w = words[from] ?? words[0];
      diagnostics.push({ range: { start: w.start, end: w.end }, severity: 'information', code: 'syntax/unknown-command', message: `'${w.text}' is not a command netcfg knows in ${cat.modeNames[mode] ?? mode} mode` });
    }

    // Banners (IOS): delimited text over one or more lines.
    if (!flavour.asa && res.entry && res.entry.path[0] === 'banner' && mode === 'global' && !negated) {
      li = banner(text, lines, li, node, tokens, diagnostics, newline);
      continue;
    }
    newline(li);

    // Certificates: hex lines until `quit`, unless the line names the file the certificate is stored in
    // (`certificate ca 01 nvram:CA#1CA.cer`, shown when certificates live in NVRAM): that is the whole command.
    if (res.entry && res.entry.path[0] === 'certificate' && mode === 'cert-chain' && !negated && !storedInFile(words)) {
      li = certificate(text, lines, li, node, tokens, diagnostics, newline);
      continue;
    }

    let enters: IosModeId | undefined;
    if (res.entry?.enters && !negated) enters = typeof res.entry.enters === 'string' ? res.entry.enters : res.entry.enters(lw.slice(from + res.consumed));
    node.enters = enters;
    stack.push({ node, indent: ind, mode: enters ?? 'unknown' });
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

function leaf(kind: IosNode['kind'], start: number, end: number, toks: Token[], indent: number, mode: IosModeId): IosNode {
  return { kind, range: { start, end }, tokens: toks, children: [], indent, mode, negated: false, words: [], path: [], lineEnd: end };
}

function lineIndexAt(lines: ReturnType<typeof splitLines>, from: number, offset: number): number {
  let j = from;
  while (j + 1 < lines.length && lines[j].next <= offset) j++;
  return j;
}

function banner(
  text: string,
  lines: ReturnType<typeof splitLines>,
  li: number,
  node: IosNode,
  tokens: Token[],
  diagnostics: SyntaxDiagnostic[],
  newline: (li: number) => void,
): number {
  node.kind = 'IosBanner';
  const pl = lines[li];
  const delimWord = node.words[2];
  if (!delimWord) {
    newline(li);
    const at = node.words[1] ?? node.words[0];
    diagnostics.push({ range: { start: at.start, end: at.end }, severity: 'error', code: 'syntax/missing-argument', message: 'banner needs a delimiter character and text' });
    return li;
  }
  const dStart = delimWord.start;
  const dLen = text.startsWith('^C', dStart) ? 2 : 1;
  const delim = text.slice(dStart, dStart + dLen);
  // Keep the line's tokens before the delimiter.
  while (tokens.length && tokens[tokens.length - 1].start >= dStart) tokens.pop();
  node.words = node.words.filter((w) => w.end <= dStart);
  node.tokens = node.tokens.filter((w) => w.end <= dStart);
  const close = text.indexOf(delim, dStart + dLen);
  if (close < 0) {
    const body = lexRaw(text, dStart, text.length, 'string', tokens)!;
    node.body = body;
    node.tokens = [...node.tokens, body];
    node.range.end = text.length;
    diagnostics.push({ range: { start: node.words[0].start, end: dStart + dLen }, severity: 'error', code: 'syntax/unterminated-banner', message: `banner text is not closed: no second '${delim}' before the end of the file` });
    return lines.length - 1;
  }
  const closeEnd = close + dLen;
  const body = lexRaw(text, dStart, closeEnd, 'string', tokens)!;
  node.body = body;
  node.tokens = [...node.tokens, body];
  const j = lineIndexAt(lines, li, close);
  const lj = lines[j];
  const rest = lexWords(text, closeEnd, lj.end, tokens);
  node.tokens = [...node.tokens, ...rest];
  newline(j);
  node.range.end = Math.max(closeEnd, rest.length ? rest[rest.length - 1].end : closeEnd);
  void pl;
  return j;
}

/** `certificate [ca|self-signed] SERIAL nvram:NAME.cer`: a file-system URL after the serial (IOS prints `nvram:`). */
function storedInFile(words: readonly Token[]): boolean {
  return words.length >= 3 && /^[A-Za-z][\w-]*:\S/.test(words[words.length - 1].text);
}

function certificate(
  text: string,
  lines: ReturnType<typeof splitLines>,
  li: number,
  node: IosNode,
  tokens: Token[],
  diagnostics: SyntaxDiagnostic[],
  newline: (li: number) => void,
): number {
  node.kind = 'IosCertificate';
  let j = li + 1;
  for (; j < lines.length; j++) {
    const pl = lines[j];
    const ind = indentOf(text, pl.start, pl.end);
    let e = pl.end;
    while (e > pl.start + ind && (text.charCodeAt(e - 1) === 32 || text.charCodeAt(e - 1) === 9)) e--;
    const content = text.slice(pl.start + ind, e);
    if (content === 'quit') {
      const toks = lexWords(text, pl.start, pl.end, tokens);
      newline(j);
      node.tokens = [...node.tokens, ...toks];
      node.range.end = toks[0].end;
      return j;
    }
    lexRaw(text, pl.start, pl.start + ind, 'whitespace', tokens);
    const body = lexRaw(text, pl.start + ind, e, 'string', tokens);
    lexRaw(text, e, pl.end, 'whitespace', tokens);
    newline(j);
    if (body) {
      if (node.tokens === node.words) node.tokens = node.tokens.slice();
      node.tokens.push(body);
      node.range.end = body.end;
    }
  }
  const w = node.words;
  diagnostics.push({ range: { start: w[0].start, end: w[w.length - 1].end }, severity: 'error', code: 'syntax/unterminated-certificate', message: "certificate hex dump is not closed by a 'quit' line" });
  return lines.length - 1;
}
