// Completion and hover for ipsec.conf, driven by the catalog and the lowered model. Plain data out; no LSP here.

import type { ParseResult } from '../../syntax';
import type { CompletionData, FeatureContext, HoverData } from '../types';
import type { ObsdFile } from './parser';

export function completeIpsecConf(_parsed: ParseResult<ObsdFile>, _offset: number, _ctx: FeatureContext): CompletionData[] {
  return [];
}

export function hoverIpsecConf(_parsed: ParseResult<ObsdFile>, _offset: number, _ctx: FeatureContext): HoverData | undefined {
  return undefined;
}
