// Structural parser for BIRD configs: statements end in `;`, blocks are `{ … }`, a statement may own blocks
// (`protocol ospf { … }`, `interface "e" { … };`, `if … then { … } else { … }`). Brackets `( )` and `[ ]` only
// nest tokens. Iterative (no recursion), linear, never throws. Imports nothing but syntax/ and its lexer.

import type { ParseResult, SyntaxDiagnostic, SyntaxNode, Token } from '../../syntax';
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
  diagnostics: SyntaxDiagnostic[];
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

/** Parses BIRD text into statements and blocks. */
export function parseStructure(text: string): StructuralParse {
  const { tokens, diagnostics } = lex(text, true);
  const root: SyntaxNode = { kind: ROOT, range: { start: 0, end: text.length }, tokens: [], children: [] };
  const stack: Frame[] = [{ block: root, toks: [] }];
  // Depth of ( and [ inside the current statement: braces there are set/expression syntax, not blocks.
  let bracketDepth = 0;
  // After a block closes, the owning statement continues only with `;` or `else`.
  let afterBlock: SyntaxNode | undefined;

  const finish = (frame: Frame) => {
    if (frame.current) {
      frame.current.tokens = frame.toks.slice();
      frame.toks.length = 0;
      addChild(frame.block, frame.current);
      frame.current = undefined;
    }
    bracketDepth = 0;
  };

  for (const t of tokens) {
    if (isTrivia(t)) continue;
    let frame = stack[stack.length - 1];
    if (afterBlock) {
      const stmt = afterBlock;
      afterBlock = undefined;
      if (t.text === ';') {
        frame.toks.push(t);
        stmt.range.end = t.end;
        finish(frame);
        continue;
      }
      if (t.kind === 'word' && t.text === 'else') {
        frame.toks.push(t);
        stmt.range.end = t.end;
        continue;
      }
      finish(frame);
    }
    if (t.text === '}' && t.kind === 'punct' && bracketDepth === 0) {
      if (stack.length === 1) {
        diagnostics.push({ range: { start: t.start, end: t.end }, severity: 'error', code: 'syntax/unexpected-brace', message: 'Unexpected `}`: there is no open block to close' });
        // Keep it in the tree as a statement of its own so tokens stay reachable.
        const bogus = newStatement(t);
        bogus.kind = 'BirdBogus';
        bogus.tokens.push(t);
        finish(frame);
        root.children.push(bogus);
        continue;
      }
      finish(frame);
      frame.block.tokens = [frame.block.tokens[0], t];
      frame.block.range.end = t.end;
      stack.pop();
      const parent = stack[stack.length - 1];
      const owner = frame.owner!;
      owner.range.end = t.end;
      parent.current = owner;
      afterBlock = owner;
      continue;
    }
    if (!frame.current) frame.current = newStatement(t);
    const stmt = frame.current;
    if (t.text === '{' && t.kind === 'punct' && bracketDepth === 0) {
      const block: SyntaxNode = { kind: BLOCK, range: { start: t.start, end: t.end }, tokens: [t], children: [] };
      addChild(stmt, block);
      stmt.range.end = t.end;
      stack.push({ block, owner: stmt, toks: [] });
      frame.current = stmt; // stays current in the parent; finished when the block closes
      // The parent frame must not finish this statement while the child block is open.
      continue;
    }
    frame.toks.push(t);
    stmt.range.end = t.end;
    if (t.kind === 'punct') {
      if (t.text === '(' || t.text === '[') bracketDepth++;
      else if ((t.text === ')' || t.text === ']') && bracketDepth > 0) bracketDepth--;
      // Old-style function locals sit between the header and the body: `function f() int x; { … }`.
      else if (t.text === ';' && bracketDepth === 0 && !(frame.toks[0].text === 'function' && stmt.children.length === 0 && frame.block === root)) finish(frame);
    }
  }
  if (afterBlock) finish(stack[stack.length - 1]);
  // Unclosed blocks at the end of the file. `bird -p` stops there with one error ("unexpected END"), however many blocks
  // are open; we report it once too, on the outermost `{` never closed, with how many more are open inside it.
  // Closing them is linear: each frame is popped once, and nested frames share one diagnostic.
  if (stack.length > 1) {
    const outer = stack[1].block.tokens[0];
    const inner = stack[stack.length - 1].block.tokens[0];
    const more = stack.length - 2;
    diagnostics.push({
      range: { start: outer.start, end: outer.end },
      severity: 'error',
      code: 'syntax/unclosed-block',
      message:
        more === 0
          ? 'This `{` is never closed: `}` is missing before the end of the file'
          : `This \`{\` and ${more} more after it are never closed: ${more + 1} \`}\` are missing before the end of the file (the innermost open \`{\` is on line ${lineAt(text, inner.start)})`,
    });
  }
  while (stack.length > 1) {
    const frame = stack.pop()!;
    finish(frame);
    frame.block.range.end = text.length;
    const owner = frame.owner!;
    owner.range.end = text.length;
    const parent = stack[stack.length - 1];
    parent.current = owner;
  }
  finish(stack[0]);
  return { tree: root, significant: tokens, diagnostics };
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
