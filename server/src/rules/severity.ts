// Severity resolution: which severity a code gets from the layers of rule settings, highest precedence first
// (`--rule` on the CLI or the editor's `netcfg.rules`, then the governing netcfg.yaml `rules:`), else its default.
// Pure: no LSP, no IO.

import type { Severity } from '../syntax';
import { familyOf, type RuleSeverity } from './registry';

/** One layer of rule settings: selector (`ipsec/weak-crypto`, `ipsec/*`, `*`) → severity. */
export type RuleMap = Readonly<Record<string, RuleSeverity>>;

function own(map: RuleMap, key: string): RuleSeverity | undefined {
  return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}

/**
 * The severity a code resolves to: the first layer (highest precedence first) that has a setting for it decides;
 * inside one layer the most specific selector wins (the code, then its family `ipsec/*`, then `*`). Undefined when
 * no layer sets it: the finding keeps the severity its check gave (which may depend on the case, e.g. ospf/mtu-mismatch).
 */
export function resolveSeverity(code: string, layers: readonly (RuleMap | undefined)[]): RuleSeverity | undefined {
  const family = `${familyOf(code)}/*`;
  for (const layer of layers) {
    if (!layer) continue;
    const v = own(layer, code) ?? own(layer, family) ?? own(layer, '*');
    if (v !== undefined) return v;
  }
  return undefined;
}

/** `off|hint|information|warning|error` (also `info`), or undefined. */
export function parseRuleSeverity(v: unknown): RuleSeverity | undefined {
  if (v === 'info') return 'information';
  return v === 'off' || v === 'hint' || v === 'information' || v === 'warning' || v === 'error' ? v : undefined;
}

/** The effective severity of a code given the layers and its default; `off` when turned off. */
export function effectiveSeverity(code: string, fallback: Severity, layers: readonly (RuleMap | undefined)[]): RuleSeverity {
  return resolveSeverity(code, layers) ?? fallback;
}
