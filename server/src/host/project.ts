// netcfg.yaml: the project file at a workspace root. Today it may carry a `settings:` map with the same keys as
// the editor settings (weakCrypto, routerosVersion, openbsdVersion, birdVersion, defaultDialect, reportUnknownCommands,
// maxFileSize); its full schema lives in schemas/netcfg.schema.json. Reading only; no LSP.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { ServiceSettings } from '../service';
import { parseBirdVersion, parseDialect, parseMaxFileSize, parseOpenbsdVersion, parseRouterosVersion, parseWeakCrypto } from './settings';
import { PROJECT_FILE, describeFsError } from './scan';

export interface ProjectConfig {
  /** Absolute path of the netcfg.yaml file. */
  path: string;
  /** The parsed document (null when empty or unreadable). */
  data: unknown;
  /** Settings the file sets; keys it does not set are absent. */
  settings: Partial<ServiceSettings>;
  /** Problems found while reading, one line each (never file content). */
  problems: string[];
}

/** Parses the text of a netcfg.yaml. Never throws. */
export function parseProjectConfig(file: string, text: string): ProjectConfig {
  const res: ProjectConfig = { path: file, data: null, settings: {}, problems: [] };
  try {
    res.data = parseYaml(text) ?? null;
  } catch (err) {
    res.problems.push(`${path.basename(file)}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`);
    return res;
  }
  const settings = (res.data as { settings?: unknown } | null)?.settings;
  if (settings === undefined || settings === null) return res;
  if (typeof settings !== 'object' || Array.isArray(settings)) {
    res.problems.push(`${path.basename(file)}: 'settings' must be a map`);
    return res;
  }
  const s = settings as Record<string, unknown>;
  const take = <K extends keyof ServiceSettings>(key: K, yamlKey: string, parse: (v: unknown) => ServiceSettings[K] | undefined) => {
    if (!(yamlKey in s)) return;
    const v = parse(s[yamlKey]);
    if (v === undefined) res.problems.push(`${path.basename(file)}: invalid value for settings.${yamlKey}`);
    else res.settings[key] = v;
  };
  take('weakCrypto', 'weakCrypto', parseWeakCrypto);
  take('routerosVersion', 'routerosVersion', parseRouterosVersion);
  take('openbsdVersion', 'openbsdVersion', parseOpenbsdVersion);
  take('birdVersion', 'birdVersion', parseBirdVersion);
  take('dialect', 'defaultDialect', parseDialect);
  take('maxFileSize', 'maxFileSize', parseMaxFileSize);
  take('reportUnknownCommands', 'reportUnknownCommands', (v) => (typeof v === 'boolean' ? v : undefined));
  return res;
}

/** Reads and parses a netcfg.yaml; an unreadable file yields a problem, not a throw. */
export function loadProjectConfig(file: string): ProjectConfig {
  try {
    return parseProjectConfig(file, fs.readFileSync(file, 'utf8'));
  } catch (err) {
    return { path: file, data: null, settings: {}, problems: [`${path.basename(file)}: ${describeFsError(err)}`] };
  }
}

/**
 * The netcfg.yaml that governs a directory: the nearest one in it or its ancestors, stopping at `stopAt`
 * (a workspace root) when given.
 */
export function findProjectFile(dir: string, stopAt?: string): string | undefined {
  let cur = path.resolve(dir);
  const stop = stopAt && path.resolve(stopAt);
  for (;;) {
    const candidate = path.join(cur, PROJECT_FILE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(cur);
    if (parent === cur || cur === stop) return undefined;
    cur = parent;
  }
}
