// Cisco ASA dialect entry point: the IOS parser with the ASA flavour (catalog, `:` comments, one-line banners),
// ASA lowering, and the IOS outline/folding. Knows nothing about LSP, the file system or other files.

import type { Dialect } from '../types';
import { foldingIos, outlineIos } from '../ios';
import { completeIos, hoverIos, lowerWithFacts } from '../ios/features';
import { parseIos, reparseIos, type IosFlavour, type IosNode } from '../ios/parser';
import { ASA_CATALOG } from './catalog';
import { AsaLowering } from './lower';
import { lowerOrCrash } from '../guard';

export const ASA_FLAVOUR: IosFlavour = { catalog: ASA_CATALOG, asa: true };

/** Confidence that `text` is an ASA config: `ASA Version` is decisive; nameif/security-level/tunnel-group add up. */
export function detectAsa(text: string): number {
  let score = 0;
  if (/^:? ?ASA Version \d/m.test(text)) score += 0.9;
  if (/^: Saved/m.test(text)) score += 0.3;
  if (/^\s+nameif \S/m.test(text)) score += 0.4;
  if (/^\s+security-level \d+/m.test(text)) score += 0.3;
  if (/^tunnel-group \S+ (?:type|general-attributes|ipsec-attributes)/m.test(text)) score += 0.3;
  if (/^(?:crypto ikev1 |crypto ipsec ikev[12] |same-security-traffic |access-list \S+ (?:extended|standard) )/m.test(text)) score += 0.3;
  if (/^\/(?:ip|interface|system) /m.test(text)) return 0;
  return Math.min(1, score);
}

export const asaDialect: Dialect<IosNode> = {
  id: 'cisco-asa',
  displayName: 'Cisco ASA',
  detect: detectAsa,
  parse: (text, options) => parseIos(text, { reportUnknownCommands: options.reportUnknownCommands }, ASA_FLAVOUR),
  reparse: (previous, change, text, options) => reparseIos(previous, change, text, { reportUnknownCommands: options.reportUnknownCommands }, ASA_FLAVOUR),
  lower: (parsed, uri, options) => lowerOrCrash('cisco-asa', parsed, uri, () => lowerWithFacts(new AsaLowering(parsed, uri, options?.setters !== false))),
  outline: outlineIos,
  folding: foldingIos,
  complete: (parsed, offset, ctx) => completeIos(parsed, offset, ctx, ASA_FLAVOUR, (p) => new AsaLowering(p, 'file:///completion')),
  hover: (parsed, offset, ctx) => hoverIos(parsed, offset, ctx, ASA_FLAVOUR, (p) => new AsaLowering(p, 'file:///hover')),
};
