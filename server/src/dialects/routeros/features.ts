// RouterOS completion and hover from the catalog, the document's own definitions and paired devices.
// Plain data out; imports only this dialect, syntax/ and model/ types.

import type { ParseResult } from '../../syntax';
import type { CompletionData, FeatureContext, HoverData } from '../types';
import type { RosTree } from './parser';

export function completeRouterOs(_parsed: ParseResult<RosTree>, _offset: number, _ctx: FeatureContext): CompletionData[] {
  return [];
}

export function hoverRouterOs(_parsed: ParseResult<RosTree>, _offset: number, _ctx: FeatureContext): HoverData | undefined {
  return undefined;
}
