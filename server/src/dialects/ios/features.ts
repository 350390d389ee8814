// Completion and hover for IOS/ASA from the command catalog (mode-aware, abbreviation-aware).
// Depends only on this dialect's parser/catalog and the model.

import type { ParseResult } from '../../syntax';
import type { CompletionData, FeatureContext, HoverData } from '../types';
import type { IosFlavour, IosNode } from './parser';

/** Completion proposals at `offset`. */
export function completeIos(parsed: ParseResult<IosNode>, offset: number, ctx: FeatureContext, flavour: IosFlavour): CompletionData[] {
  void parsed;
  void offset;
  void ctx;
  void flavour;
  return [];
}

/** Hover at `offset`. */
export function hoverIos(parsed: ParseResult<IosNode>, offset: number, ctx: FeatureContext, flavour: IosFlavour): HoverData | undefined {
  void parsed;
  void offset;
  void ctx;
  void flavour;
  return undefined;
}
