// swanctl.conf (vici format) inside the strongSwan dialect: the functions ./index.ts calls for a file whose kind is
// `swanctl` (parse into `SwanFile.vici`, lower, outline, folding, completion, hover). No LSP, no file system.

import type { ParseResult } from '../../syntax';
import type { CompletionData, DialectOptions, FeatureContext, FoldingRegion, HoverData, LowerResult, OutlineSymbol } from '../types';
import type { SwanFile } from './parser';
import { completeSwanctl, foldingSwanctl, hoverSwanctl, outlineSwanctl } from './swanctl-features';
import { lowerSwanctlTree } from './swanctl-lower';
import { parseSwanctl as parseVici, type SwanctlFile } from './swanctl-parse';

export function parseSwanctl(text: string, _options: DialectOptions): ParseResult<SwanFile> {
  const res = parseVici(text);
  const tree: SwanFile = { kind: 'SwanFile', range: { start: 0, end: text.length }, tokens: [], children: [], fileKind: 'swanctl', sections: [], includes: [], secrets: [], vici: res.tree };
  return { text, tree, tokens: res.tokens, diagnostics: res.diagnostics };
}

/** The vici tree of a parse, or an empty one (a parse that crashed has none). */
function vici(parsed: ParseResult<SwanFile>): SwanctlFile {
  return (parsed.tree.vici as SwanctlFile | undefined) ?? { kind: 'SwanctlFile', range: { start: 0, end: parsed.text.length }, tokens: [], children: [], items: [] };
}

export function lowerSwanctl(parsed: ParseResult<SwanFile>, uri: string, options: DialectOptions): LowerResult {
  return lowerSwanctlTree(parsed.text, vici(parsed), parsed.diagnostics, uri, options);
}

export function outlineSwanctlFile(parsed: ParseResult<SwanFile>): OutlineSymbol[] {
  return outlineSwanctl(vici(parsed));
}

export function foldingSwanctlFile(parsed: ParseResult<SwanFile>): FoldingRegion[] {
  return foldingSwanctl(parsed.text, vici(parsed), parsed.tokens);
}

export function completeSwanctlFile(parsed: ParseResult<SwanFile>, offset: number, ctx: FeatureContext): CompletionData[] {
  return completeSwanctl(parsed.text, vici(parsed), offset, ctx);
}

export function hoverSwanctlFile(parsed: ParseResult<SwanFile>, offset: number, _ctx: FeatureContext): HoverData | undefined {
  return hoverSwanctl(parsed.text, vici(parsed), offset);
}
