// Structural parser for BIRD configs: statements end in `;`, blocks are `{ … }`, a statement may own blocks
// (`protocol ospf { … }`, `interface "e" { … };`, `if … then { … } else { … }`). Brackets `( )` and `[ ]` only
// nest tokens. Iterative (no recursion), linear, never throws. Imports nothing but syntax/ and its lexer.

import type { ParseResult, SyntaxDiagnostic, SyntaxNode, Token } from '../../syntax';
import type { ChangedSpan } from '../types';
import { gapTokens, isTrivia, lex } from './lexer';

/** A statement: its significant tokens (including the closing `;` if any) and the blocks it owns, in order. */
export const STATEMENT = 'BirdStatement';
/** A `{ … }` block: tokens are the `{` and (when present) the `}`; children are its statements. */
export const BLOCK = 'BirdBlock';
export const ROOT = 'BirdRoot';

export interface StructuralParse {
  tree: SyntaxNode;
  /** Significant tokens and comments, in document order (no whitespace or newline tokens). */
  significant: Token[];
  /** The lexer's diagnostics, then the parser's (the first `lexDiagnostics` are the lexer's). */
  diagnostics: SyntaxDiagnostic[];
  lexDiagnostics: number;
}

interface Frame {
  block: SyntaxNode;
  /** The statement that owns `block` (undefined for the root). */
  owner?: SyntaxNode;
  /** Statement being collected in this block. */
  current?: SyntaxNode;
  /**
   * Tokens of `current`, collected here and copied into `current.tokens` at its exact size when it is finished (an
   * array grown by `push` from empty keeps 17 slots: ~100 bytes more per statement, for every statement of the file).
   */
  toks: Token[];
}

function newStatement(t: Token): SyntaxNode {
  return { kind: STATEMENT, range: { start: t.start, end: t.end }, tokens: [], children: [] };
}

/**
 * Adds a child node. Most statements own one block and most blocks of hostile input one statement: a first child gets
 * an array of its own size (the first `push` on an empty array reserves 17 slots, ~150 bytes per node).
 */
function addChild(parent: SyntaxNode, child: SyntaxNode): void {
  if (parent.children.length === 0) parent.children = [child];
  else parent.children.push(child);
}

/**
 * The structural parser's state, fed one significant token at a time (`feed`), so a re-parse can run it over the
 * tokens of a window and stop between two top-level statements (`atTopLevel`).
 */
class StructureParser {
  readonly stack: Frame[];
  // Depth of ( and [ inside the current statement: braces there are set/expression syntax, not blocks.
  private bracketDepth = 0;
  // After a block closes, the owning statement continues only with `;` or `else`.
  private afterBlock: SyntaxNode | undefined = undefined;

  constructor(
    readonly root: SyntaxNode,
    readonly diagnostics: SyntaxDiagnostic[],
  ) {
    this.stack = [{ block: root, toks: [] }];
  }

  private finish(frame: Frame): void {
    if (frame.current) {
      frame.current.tokens = frame.toks.slice();
      frame.toks.length = 0;
      addChild(frame.block, frame.current);
      frame.current = undefined;
    }
    this.bracketDepth = 0;
  }

  /** One token (comments and whitespace are skipped). */
  feed(t: Token): void {
    if (isTrivia(t)) return;
    const stack = this.stack;
    const root = this.root;
    let frame = stack[stack.length - 1];
    if (this.afterBlock) {
      const stmt = this.afterBlock;
      this.afterBlock = undefined;
      if (t.text === ';') {
        frame.toks.push(t);
        stmt.range.end = t.end;
        this.finish(frame);
        return;
      }
      if (t.kind === 'word' && t.text === 'else') {
        frame.toks.push(t);
        stmt.range.end = t.end;
        return;
      }
      this.finish(frame);
    }
    if (t.text === '}' && t.kind === 'punct' && this.bracketDepth === 0) {
      if (stack.length === 1) {
        this.diagnostics.push({ range: { start: t.start, end: t.end }, severity: 'error', code: 'syntax/unexpected-brace', message: 'Unexpected `}`: there is no open block to close' });
        // Keep it in the tree as a statement of its own so tokens stay reachable.
        const bogus = newStatement(t);
        bogus.kind = 'BirdBogus';
        bogus.tokens.push(t);
        this.finish(frame);
        root.children.push(bogus);
        return;
      }
      this.finish(frame);
      frame.block.tokens = [frame.block.tokens[0], t];
      frame.block.range.end = t.end;
      stack.pop();
      const parent = stack[stack.length - 1];
      const owner = frame.owner!;
      owner.range.end = t.end;
      parent.current = owner;
      this.afterBlock = owner;
      return;
    }
    if (!frame.current) frame.current = newStatement(t);
    const stmt = frame.current;
    if (t.text === '{' && t.kind === 'punct' && this.bracketDepth === 0) {
      const block: SyntaxNode = { kind: BLOCK, range: { start: t.start, end: t.end }, tokens: [t], children: [] };
      addChild(stmt, block);
      stmt.range.end = t.end;
      stack.push({ block, owner: stmt, toks: [] });
      frame.current = stmt; // stays current in the parent; finished when the block closes
      // The parent frame must not finish this statement while the child block is open.
      return;
    }
    frame.toks.push(t);
    stmt.range.end = t.end;
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[') this.bracketDepth++;
      else if ((t.text === ')' || t.text === ']') && this.bracketDepth > 0) this.bracketDepth--;
      // Old-style function locals sit between the header and the body: `function f() int x; { … }`.
      else if (t.text === ';' && this.bracketDepth === 0 && !(frame.toks[0].text === 'function' && stmt.children.length === 0 && frame.block === root)) this.finish(frame);
    }
  }

  /**
   * Whether a top-level statement starting with `next` would start here: no block open, no statement under way, and
   * no closed block that `next` would continue (`;`, `else`). Then the statement that just closed is finished, as
   * `feed(next)` would finish it.
   */
  atTopLevel(next: Token): boolean {
    if (this.stack.length !== 1) return false;
    if (this.afterBlock) {
      if (next.text === ';' || (next.kind === 'word' && next.text === 'else')) return false;
      this.afterBlock = undefined;
      this.finish(this.stack[0]);
    }
    return this.stack[0].current === undefined;
  }

  /** The end of the text: unclosed blocks are closed (one diagnostic) and the last statement finished. */
  end(text: string): void {
    const stack = this.stack;
    if (this.afterBlock) this.finish(stack[stack.length - 1]);
    this.afterBlock = undefined;
    // Unclosed blocks at the end of the file. `bird -p` stops there with one error ("unexpected END"), however many blocks
    // are open; we report it once too, on the outermost `{` never closed, with how many more are open inside it.
    // Closing them is linear: each frame is popped once, and nested frames share one diagnostic.
    if (stack.length > 1) {
      const outer = stack[1].block.tokens[0];
      const inner = stack[stack.length - 1].block.tokens[0];
      const more = stack.length - 2;
      this.diagnostics.push({
        range: { start: outer.start, end: outer.end },
        severity: 'error',
        code: UNCLOSED_BLOCK,
        message:
          more === 0
            ? 'This `{` is never closed: `}` is missing before the end of the file'
            : `This \`{\` and ${more} more after it are never closed: ${more + 1} \`}\` are missing before the end of the file (the innermost open \`{\` is on line ${lineAt(text, inner.start)})`,
      });
    }
    while (stack.length > 1) {
      const frame = stack.pop()!;
      this.finish(frame);
      frame.block.range.end = text.length;
      const owner = frame.owner!;
      owner.range.end = text.length;
      const parent = stack[stack.length - 1];
      parent.current = owner;
    }
    this.finish(stack[0]);
  }
}

const UNCLOSED_BLOCK = 'syntax/unclosed-block';

/** Parses BIRD text into statements and blocks. */
export function parseStructure(text: string): StructuralParse {
  const { tokens, diagnostics } = lex(text, true);
  const lexDiagnostics = diagnostics.length;
  const root: SyntaxNode = { kind: ROOT, range: { start: 0, end: text.length }, tokens: [], children: [] };
  const parser = new StructureParser(root, diagnostics);
  for (const t of tokens) parser.feed(t);
  parser.end(text);
  return { tree: root, significant: tokens, diagnostics, lexDiagnostics };
}

/**
 * How far before an edit a re-parse starts lexing: more than lexing a token reads past its start (an address is tried
 * over up to 46 characters, then a prefix length and a `{a,b}` suffix of up to 24: under 80).
 */
const LOOK_BEHIND = 128;

/**
 * The structural parse of `text` from the structural parse of the previous text and the span that changed (the
 * incremental re-parse, issue 16; equal to `parseStructure(text)`): tokens and top-level statements before the
 * change are kept; the text is lexed and parsed again from a top-level statement at least `LOOK_BEHIND` characters
 * before it until a token starts where an old top-level statement started, after the change, with the parser between
 * top-level statements; the tokens and statements after that are kept, their offsets moved by the change's length
 * (in place: the previous parse is consumed). Undefined when the kept part ends in unclosed nested blocks (their
 * message names a line, which the change may have moved).
 */
export function reparseStructure(previous: StructuralParse, previousText: string, change: ChangedSpan, text: string): StructuralParse | undefined {
  void previousText;
  const old = previous.tree.children;
  const oldTokens = previous.significant;
  const oldDiags = previous.diagnostics;
  const d = change.newEnd - change.oldEnd;
  // The first top-level statement read again.
  // None far enough before the change: the whole text is lexed again (from offset 0, not from the first statement:
  // comments before it may be what changed).
  let first = lastStartingAtOrBefore(old, change.start - LOOK_BEHIND);
  if (first < 0) first = 0;
  const from = first > 0 ? old[first].range.start : 0;
  const t0 = first > 0 ? tokenAt(oldTokens, from) : 0;
  if (t0 < 0) return undefined;
  const root: SyntaxNode = { kind: ROOT, range: { start: 0, end: text.length }, tokens: [], children: old.slice(0, first) };
  const lexDiags: SyntaxDiagnostic[] = [];
  const structDiags: SyntaxDiagnostic[] = [];
  for (let k = 0; k < previous.lexDiagnostics; k++) if (oldDiags[k].range.start < from) lexDiags.push(oldDiags[k]);
  for (let k = previous.lexDiagnostics; k < oldDiags.length; k++) if (oldDiags[k].range.start < from) structDiags.push(oldDiags[k]);
  const parser = new StructureParser(root, structDiags);
  const tokens = oldTokens.slice(0, t0);
  // Candidates for the kept tail: old top-level statements starting after the change.
  let cand = lastStartingAtOrBefore(old, change.oldEnd - 1) + 1;
  while (cand < old.length && old[cand].range.start < change.oldEnd) cand++;
  let at = from;
  let tail = -1; // index of the old statement the kept tail starts with
  let tailToken = -1;
  while (at < text.length) {
    const stopAt = cand < old.length ? old[cand].range.start + d : text.length;
    if (stopAt < at) {
      cand++;
      continue;
    }
    const lexed = lex(text, true, at, stopAt);
    for (const t of lexed.tokens) {
      tokens.push(t);
      parser.feed(t);
    }
    for (const x of lexed.diagnostics) lexDiags.push(x);
    at = lexed.end;
    if (cand >= old.length) break;
    if (at === stopAt) {
      const k = tokenAt(oldTokens, old[cand].range.start);
      if (k >= 0 && parser.atTopLevel(oldTokens[k])) {
        tail = cand;
        tailToken = k;
        break;
      }
    }
    cand++;
  }
  if (tail < 0) parser.end(text);
  else {
    const tailStart = old[tail].range.start;
    // Unclosed nested blocks at the end name the line of the innermost: kept, it could name the wrong one.
    for (let k = previous.lexDiagnostics; k < oldDiags.length; k++) if (oldDiags[k].code === UNCLOSED_BLOCK && oldDiags[k].range.start >= tailStart && oldDiags[k].message.includes(' on line ')) return undefined;
    if (d !== 0) {
      for (let k = tailToken; k < oldTokens.length; k++) {
        const t = oldTokens[k];
        t.start += d;
        t.end += d;
      }
      shiftNodes(old, tail, d);
    }
    for (let k = tailToken; k < oldTokens.length; k++) tokens.push(oldTokens[k]);
    for (let k = tail; k < old.length; k++) root.children.push(old[k]);
    for (let k = 0; k < previous.lexDiagnostics; k++) if (oldDiags[k].range.start >= tailStart) lexDiags.push(shiftDiagnostic(oldDiags[k], d));
    for (let k = previous.lexDiagnostics; k < oldDiags.length; k++) if (oldDiags[k].range.start >= tailStart) structDiags.push(shiftDiagnostic(oldDiags[k], d));
  }
  const diagnostics = lexDiags;
  const lexDiagnostics = lexDiags.length;
  for (const x of structDiags) diagnostics.push(x);
  return { tree: root, significant: tokens, diagnostics, lexDiagnostics };
}

/** Moves the ranges of `nodes[from..]` and all their descendants by `d` (an explicit stack: no recursion). */
function shiftNodes(nodes: SyntaxNode[], from: number, d: number): void {
  const stack: SyntaxNode[] = [];
  for (let k = from; k < nodes.length; k++) {
    stack.push(nodes[k]);
    while (stack.length) {
      const n = stack.pop()!;
      n.range.start += d;
      n.range.end += d;
      for (const c of n.children) stack.push(c);
    }
  }
}

function shiftDiagnostic(diag: SyntaxDiagnostic, d: number): SyntaxDiagnostic {
  return d === 0 ? diag : { ...diag, range: { start: diag.range.start + d, end: diag.range.end + d } };
}

/** The last of `nodes` (in document order) starting at or before `offset`, or -1. */
function lastStartingAtOrBefore(nodes: SyntaxNode[], offset: number): number {
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (nodes[mid].range.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** The index of the token starting at `offset`, or -1. */
function tokenAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (tokens[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < tokens.length && tokens[lo].start === offset ? lo : -1;
}

/**
 * Every token of the document in order, lossless: the significant tokens (and comments) of `parseStructure`, with
 * the whitespace and newline tokens between them made now. Linear.
 */
export function documentTokens(text: string, significant: Token[]): Token[] {
  const res: Token[] = [];
  let at = 0;
  for (const t of significant) {
    if (t.start > at) gapTokens(text, at, t.start, res);
    res.push(t);
    at = t.end;
  }
  if (at < text.length) gapTokens(text, at, text.length, res);
  return res;
}

/** The significant tokens and comments of each parse (what the lazy `tokens` getter already keeps). */
const significantLists = new WeakMap<object, Token[]>();

/** Records `significant` as the significant tokens of the parse result `res` (index.ts, when it makes one). */
export function keepSignificant(res: object, significant: Token[]): void {
  significantLists.set(res, significant);
}

/** Significant tokens and comments of a parse in document order, without building the lossless list when the parser kept them. */
export function significantTokens(parsed: ParseResult<unknown>): readonly Token[] {
  return significantLists.get(parsed) ?? parsed.tokens.filter((t) => t.kind !== 'whitespace' && t.kind !== 'newline');
}

/**
 * The significant token (or comment) `t` with `t.start < offset <= t.end`, by binary search; whitespace and newlines
 * are not significant, so a word found in the lossless list at `offset` is found here too.
 */
export function significantTokenBefore(parsed: ParseResult<unknown>, offset: number): Token | undefined {
  const list = significantTokens(parsed);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid].end < offset) lo = mid + 1;
    else hi = mid;
  }
  const t = list[lo];
  return t && t.start < offset && offset <= t.end ? t : undefined;
}

/** 1-based line of `offset` (LF, CRLF and CR end a line, as in the lexer); one scan, for a message. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** First token of a statement's text, or undefined. */
export function head(stmt: SyntaxNode): Token | undefined {
  return stmt.tokens[0];
}

/** Significant tokens of a statement that come before its first block (the header). */
export function headerTokens(stmt: SyntaxNode): Token[] {
  const block = stmt.children[0];
  if (!block) return stmt.tokens.filter((t) => t.text !== ';' || t !== stmt.tokens[stmt.tokens.length - 1]);
  const open = block.tokens[0].start;
  return stmt.tokens.filter((t) => t.start < open);
}

/** The `;` that ends a statement, if present. */
export function semicolon(stmt: SyntaxNode): Token | undefined {
  const last = stmt.tokens[stmt.tokens.length - 1];
  return last && last.text === ';' && last.kind === 'punct' ? last : undefined;
}
