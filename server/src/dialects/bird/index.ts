// BIRD dialect entry point (BIRD 2 bird.conf; BIRD 1.x files are recognised and explained by one hint).
// Wires lexer → structural parser → analysis → lowering and the editor features. No LSP, no file system.

import type { ParseResult, Token } from '../../syntax';
import { internalErrorDiagnostic } from '../../syntax';
import type { ChangedSpan, Dialect } from '../types';
import { analyzeWithMemo, type AnalysisMemo, type BirdInfo } from './analyze';
import { birdComplete, birdHover } from './assist';
import { detectBird, type BirdTree } from './features';
import { birdFolding, birdOutline } from './outline';
import { lowerBird } from './lower';
import { documentTokens, keepSignificant, parseStructure, reparseStructure, significantTokens, type StructuralParse } from './parser';
import { lowerOrCrash } from '../guard';

export type { BirdTree } from './features';

/** Parses a BIRD config: lossless tokens, statement/block tree, syntax and grammar diagnostics. Never throws. */
export function parseBird(text: string, options: { birdVersion?: string } = {}): ParseResult<BirdTree> {
  return analyzed(text, parseStructure(text), options);
}

/** The structural parse each parse result was made from, for its re-parse (taken, and so forgotten, by it). */
const structures = new WeakMap<object, StructuralParse>();

/**
 * The parse of `text` from the parse of the previous text and the span that changed (`Dialect.reparse`, issue 16;
 * equal to `parseBird(text)`): the structure is re-parsed around the change (`reparseStructure`), the analysis runs
 * on the whole tree. Undefined when `previous` was not made here or the structure cannot be re-parsed.
 */
export function reparseBird(previous: ParseResult<BirdTree>, change: ChangedSpan, text: string, options: { birdVersion?: string } = {}): ParseResult<BirdTree> | undefined {
  const structure = structures.get(previous);
  if (!structure) return undefined;
  structures.delete(previous); // consumed: its tokens and nodes move to the new parse
  const memo = analyses.get(previous);
  analyses.delete(previous);
  const next = reparseStructure(structure, previous.text, change, text);
  return next && analyzed(text, next, options, memo);
}

/**
 * The analysis each parse result was made with, for the analysis of its re-parse: the top-level statements the
 * re-parse keeps are not analysed again (`analyzeWithMemo`). Taken, and so forgotten, by the re-parse.
 */
const analyses = new WeakMap<object, AnalysisMemo>();

function analyzed(text: string, structure: StructuralParse, options: { birdVersion?: string }, previous?: AnalysisMemo): ParseResult<BirdTree> {
  const { tree, significant } = structure;
  // The analysis adds its diagnostics to a copy: the structure keeps its own for a re-parse.
  const diagnostics = structure.diagnostics.slice();
  let info: BirdInfo;
  let memo: AnalysisMemo | undefined;
  try {
    ({ info, memo } = analyzeWithMemo(tree, diagnostics, { birdVersion: options.birdVersion }, previous));
  } catch (e) {
    // Parsing never throws: a bug in the analysis degrades to the structural tree with one diagnostic.
    info = { includes: [], protocols: [], named: [], references: [], words: [], bird1: [], newer: [] };
    diagnostics.push(internalErrorDiagnostic(e));
  }
  diagnostics.sort((a, b) => a.range.start - b.range.start);
  const res = withLazyTokens({ text, tree: Object.assign(tree, { info }), diagnostics }, significant);
  structures.set(res, structure);
  if (memo) analyses.set(res, memo);
  return res;
}

/** Top-level statements the analysis of a parse result analysed (not copied from the previous one): for tests. */
export function analysedStatements(parsed: ParseResult<BirdTree>): number | undefined {
  return analyses.get(parsed)?.analysed;
}

/**
 * The parse result with `tokens` a getter: the lossless list (whitespace and newline tokens included) is built on
 * first use from the significant tokens, since the parse itself and most consumers (lowering, the CLI) never need it.
 */
function withLazyTokens(res: Omit<ParseResult<BirdTree>, 'tokens'>, significant: Token[]): ParseResult<BirdTree> {
  let cached: Token[] | undefined;
  Object.defineProperty(res, 'tokens', { enumerable: true, configurable: true, get: () => (cached ??= documentTokens(res.text, significant)) });
  keepSignificant(res, significant);
  return res as ParseResult<BirdTree>;
}

export { significantTokens };

export const birdDialect: Dialect<BirdTree> = {
  id: 'bird',
  displayName: 'BIRD',
  detect: detectBird,
  parse: (text, options) => parseBird(text, options),
  reparse: (previous, change, text, options) => reparseBird(previous, change, text, options),
  // Same rule as parsing: never throw; report and return an empty device.
  lower: (parsed, uri) => lowerOrCrash('bird', parsed, uri, () => lowerBird(parsed.text, parsed.tree.info, parsed.diagnostics, uri)),
  outline: (parsed, previous) => birdOutline(parsed.tree, previous),
  folding: (parsed) => birdFolding(parsed.tree, significantTokens(parsed), parsed.text),
  complete: (parsed, offset, ctx) => birdComplete(parsed, offset, ctx),
  hover: (parsed, offset, ctx) => birdHover(parsed, offset, ctx),
};
