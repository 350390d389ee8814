// MikroTik RouterOS dialect (v6 and v7): detection, parsing, lowering, outline, folding, completion and hover.
// Knows nothing about LSP, the file system or other files; everything comes from the text and FeatureContext.

import type { Dialect } from '../types';
import { completeRouterOs, hoverRouterOs } from './features';
import { folding, outline } from './outline';
import { lowerRouterOs } from './lower';
import { parseRouterOs, reparseRouterOs, type RosTree } from './parser';
import { lowerOrCrash } from '../guard';
import { relowerRouterOs } from './relower';

export { parseRouterOs, reparseRouterOs } from './parser';
export type { RosCommand, RosParam, RosTree, RosMenu, RosStatement } from './parser';
export { lowerRouterOs, decideVersion, collectItems, parseTime, quoteValue } from './lower';

/**
 * Confidence that a text is RouterOS: export headers and menu-path lines are strong, `add name=` lines weak.
 * Cisco (`interface Gi0/0`, `!`-separated) and OpenBSD (`ike esp from`) files have no leading-slash menus.
 */
export function detectRouterOs(text: string): number {
  if (/^#.*\bby RouterOS \d/m.test(text)) return 0.99;
  const lines = text.split(/\r?\n/, 400);
  let menus = 0;
  let adds = 0;
  let foreign = 0;
  for (const l of lines) {
    if (/^\/(ip|ipv6|interface|routing|system|ppp|user|tool|queue|snmp|certificate|container|disk|radius|caps-man|mpls)(\s|\/|$)/.test(l)) menus++;
    else if (/^(add|set) (\[ ?find |[a-z-]+=)/.test(l)) adds++;
    else if (/^(ip|interface|routing|ppp|system) [a-z-]+( [a-z-]+)* (add|set) [a-z-]+=/.test(l)) adds++;
    else if (/^(interface [A-Z]|hostname |crypto |router |ike |ipsec |protocol |!|version \d)/.test(l)) foreign++;
  }
  if (menus >= 2 && foreign <= menus) return 0.95;
  if (menus >= 1 && foreign === 0) return 0.85;
  if (adds >= 2 && foreign === 0) return 0.7;
  if (adds >= 1 && menus + adds > foreign * 2) return 0.55;
  return 0;
}

export const routerosDialect: Dialect<RosTree> = {
  id: 'routeros',
  displayName: 'MikroTik RouterOS',
  detect: detectRouterOs,
  parse: (text, options) => parseRouterOs(text, { routerosVersion: options.routerosVersion, reportUnknownCommands: options.reportUnknownCommands }),
  reparse: (previous, change, text, options) => reparseRouterOs(previous, change, text, { routerosVersion: options.routerosVersion, reportUnknownCommands: options.reportUnknownCommands }),
  lower: (parsed, uri, options) =>
    lowerOrCrash('routeros', parsed, uri, () => {
      const { device, diagnostics } = lowerRouterOs(parsed, uri, options.routerosVersion, options.editing);
      return { device, diagnostics: [...parsed.diagnostics, ...diagnostics] };
    }),
  relower: (previous, parsed, uri, options) => {
    if (!options.editing) return undefined;
    const kept = relowerRouterOs(previous.device, parsed, uri, options.routerosVersion);
    // A kept lowering has no diagnostics of its own (`lowerRouterOs` keeps none that has): the parse's are all.
    return kept && { lowered: { device: kept.device, diagnostics: [...parsed.diagnostics] }, position: kept.position };
  },
  outline,
  folding,
  complete: completeRouterOs,
  hover: hoverRouterOs,
};
