// Completion and hover for the stroke format, from the key catalog (./catalog.ts).
import type { ParseResult } from '../../syntax';
import type { CompletionData, FeatureContext, HoverData } from '../types';
import type { SwanFile } from './parser';

export function completeStroke(_parsed: ParseResult<SwanFile>, _offset: number, _ctx: FeatureContext): CompletionData[] {
  return [];
}

export function hoverStroke(_parsed: ParseResult<SwanFile>, _offset: number, _ctx: FeatureContext): HoverData | undefined {
  return undefined;
}
