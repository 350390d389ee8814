// Host-side settings: the `netcfg.*` editor settings, CLI flags and netcfg.yaml all map onto ServiceSettings
// through these validators, so the three sources accept exactly the same values. No LSP, no IO.

import * as model from '../model';
import type { RuleSeverity } from '../rules/registry';
import { parseRuleSeverity } from '../rules/severity';
import type { ServiceSettings } from '../service';

/** The `netcfg` section of the editor settings, as declared in package.json `contributes.configuration`. */
export interface EditorSettings {
  /** Deprecated: `netcfg.rules` `{"ipsec/weak-crypto": …}` replaces it. */
  weakCrypto?: unknown;
  rules?: unknown;
  baseline?: { show?: unknown };
  openbsd?: { version?: unknown };
  routeros?: { version?: unknown };
  bird?: { version?: unknown };
  strongswan?: { flavour?: unknown };
  maxFileSize?: unknown;
  defaultDialect?: unknown;
  reportUnknownCommands?: unknown;
  /** Read by the Node server's indexing only (`indexingJobs`), not a service setting. */
  indexing?: { jobs?: unknown };
}

/** `netcfg.indexing.jobs`: threads reading and lowering closed files while indexing (1: in-process); undefined: the default. */
export function indexingJobs(s: EditorSettings | null | undefined): number | undefined {
  const v = s?.indexing?.jobs;
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 256 ? v : undefined;
}

export function parseWeakCrypto(v: unknown): ServiceSettings['weakCrypto'] | undefined {
  return v === 'off' || v === 'warning' || v === 'error' ? v : undefined;
}

/** `auto` (and anything else) means "detect from content". */
export function parseRouterosVersion(v: unknown): 6 | 7 | undefined {
  const s = String(v);
  return s === '6' ? 6 : s === '7' ? 7 : undefined;
}

/** An OpenBSD release such as `7.6`. */
export function parseOpenbsdVersion(v: unknown): string | undefined {
  const s = typeof v === 'number' ? v.toFixed(1) : v;
  return typeof s === 'string' && /^\d+\.\d+$/.test(s.trim()) ? s.trim() : undefined;
}

/** A BIRD release such as `2.0.12` or `2.15`. */
export function parseBirdVersion(v: unknown): string | undefined {
  return typeof v === 'string' && /^\d+(\.\d+){0,2}$/.test(v.trim()) ? v.trim() : undefined;
}

export function parseDialect(v: unknown): model.DialectId | undefined {
  return model.DIALECT_IDS.includes(v as model.DialectId) ? (v as model.DialectId) : undefined;
}

/** `netcfg.strongswan.flavour` / `--swan-flavour`: `auto` (and anything else) means "tell from the content". */
export function parseSwanFlavour(v: unknown): ServiceSettings['swanFlavour'] | undefined {
  return v === 'strongswan' || v === 'libreswan' ? v : undefined;
}

export function parseMaxFileSize(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? Math.floor(v) : undefined;
}

/**
 * Maps the editor's `netcfg` settings onto service settings. Every key is present in the result (undefined for
 * "not set / auto"), so applying it resets a setting the user removed.
 */
export function fromEditorSettings(s: EditorSettings | null | undefined, defaults: ServiceSettings): ServiceSettings {
  const cfg = s ?? {};
  return {
    ...defaults,
    rules: editorRules(cfg),
    baselineShow: cfg.baseline?.show === 'hide' ? 'hide' : 'hint',
    openbsdVersion: parseOpenbsdVersion(cfg.openbsd?.version) ?? defaults.openbsdVersion,
    routerosVersion: parseRouterosVersion(cfg.routeros?.version) ?? defaults.routerosVersion,
    birdVersion: parseBirdVersion(cfg.bird?.version) ?? defaults.birdVersion,
    swanFlavour: parseSwanFlavour(cfg.strongswan?.flavour) ?? defaults.swanFlavour,
    maxFileSize: parseMaxFileSize(cfg.maxFileSize) ?? defaults.maxFileSize,
    dialect: parseDialect(cfg.defaultDialect) ?? defaults.dialect,
    reportUnknownCommands: cfg.reportUnknownCommands === true,
  };
}

/**
 * `netcfg.rules` (code or family → severity; invalid entries are left out), plus the deprecated `netcfg.weakCrypto`
 * as `ipsec/weak-crypto` when it is set to something else than its default and `netcfg.rules` does not set that code.
 * Undefined when empty, so netcfg.yaml `rules:` decide.
 */
export function editorRules(cfg: EditorSettings): Record<string, RuleSeverity> | undefined {
  const res: Record<string, RuleSeverity> = Object.create(null);
  if (cfg.rules && typeof cfg.rules === 'object' && !Array.isArray(cfg.rules)) {
    for (const [code, v] of Object.entries(cfg.rules as Record<string, unknown>)) {
      const sev = parseRuleSeverity(v);
      if (sev) res[code] = sev;
    }
  }
  const weak = parseWeakCrypto(cfg.weakCrypto);
  if (weak && weak !== 'warning' && !('ipsec/weak-crypto' in res)) res['ipsec/weak-crypto'] = weak;
  return Object.keys(res).length ? res : undefined;
}

/** Whether two settings objects differ in any field (cheap: settings are flat but for the small `rules` map). */
export function settingsDiffer(a: ServiceSettings, b: ServiceSettings): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof ServiceSettings>;
  for (const k of keys) {
    if (k === 'rules' || k === 'baseline') {
      if (!sameContent(a[k], b[k])) return true;
    } else if (a[k] !== b[k]) return true;
  }
  return false;
}

function sameContent(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  return JSON.stringify(a) === JSON.stringify(b);
}
