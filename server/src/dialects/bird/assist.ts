// Completion and hover for BIRD configs, from the keyword catalog and the analysed document.
// Imports nothing but syntax/, model/, dialects/types and this dialect's files.

import type { ParseResult } from '../../syntax';
import type { CompletionData, FeatureContext, HoverData } from '../types';
import type { BirdTree } from './features';

/** Completion proposals at `offset`. */
export function birdComplete(_parsed: ParseResult<BirdTree>, _offset: number, _ctx: FeatureContext): CompletionData[] {
  return [];
}

/** Hover at `offset`. */
export function birdHover(_parsed: ParseResult<BirdTree>, _offset: number, _ctx: FeatureContext): HoverData | undefined {
  return undefined;
}
