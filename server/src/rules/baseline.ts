// Baselines (`.netcfg-baseline.json`): today's findings of a fleet recorded by fingerprint, so a check fails only on
// findings that are not in it. Only fingerprints (hashes), codes, file paths and device names are stored: never a
// message or a line of config (which may hold a key). Pure: parse, build, match and prune; the hosts do the IO.

/** One recorded finding, or several identical ones (`count`). */
export interface BaselineEntry {
  fingerprint: string;
  code: string;
  /** Path relative to the baseline file's folder, `/`-separated (informative: matching is by fingerprint). */
  file: string;
  device?: string;
  count: number;
}

export interface BaselineFile {
  version: 1;
  tool: 'netcfg';
  findings: BaselineEntry[];
}

export const BASELINE_FILE_NAME = '.netcfg-baseline.json';

/** A finding as the baseline sees it. */
export interface BaselineItem {
  fingerprint: string;
  code: string;
  file: string;
  device?: string;
}

/** Reads a baseline file's text; a string is the reason it cannot be used. */
export function parseBaseline(text: string): BaselineFile | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    return `not valid JSON (${(err as Error).message})`;
  }
  const o = raw as Partial<BaselineFile> | null;
  if (!o || typeof o !== 'object' || o.version !== 1 || !Array.isArray(o.findings)) return 'not a netcfg baseline (expected {"version": 1, "findings": [...]})';
  const findings: BaselineEntry[] = [];
  for (const e of o.findings as Partial<BaselineEntry>[]) {
    if (!e || typeof e.fingerprint !== 'string' || typeof e.code !== 'string') return 'an entry has no fingerprint or code';
    const count = Number.isInteger(e.count) && (e.count as number) > 0 ? (e.count as number) : 1;
    findings.push({ fingerprint: e.fingerprint, code: e.code, file: typeof e.file === 'string' ? e.file : '', device: typeof e.device === 'string' ? e.device : undefined, count });
  }
  return { version: 1, tool: 'netcfg', findings };
}

/** A baseline of these findings: identical fingerprints counted once each, sorted by file, code, fingerprint. */
export function buildBaseline(items: readonly BaselineItem[]): BaselineFile {
  const byFp = new Map<string, BaselineEntry>();
  for (const it of items) {
    const e = byFp.get(it.fingerprint);
    if (e) e.count++;
    else byFp.set(it.fingerprint, { fingerprint: it.fingerprint, code: it.code, file: it.file, ...(it.device ? { device: it.device } : {}), count: 1 });
  }
  const findings = [...byFp.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : a.fingerprint < b.fingerprint ? -1 : 1));
  return { version: 1, tool: 'netcfg', findings };
}

export function serializeBaseline(b: BaselineFile): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

export interface BaselineMatch {
  /** Per item, in order: recorded in the baseline (`unchanged`) or not (`new`). */
  states: ('new' | 'unchanged')[];
  /** Entries (with the count left over) that no finding matched any more: fixed since the baseline was written. */
  stale: BaselineEntry[];
}

/** Matches findings against a baseline as multisets of fingerprints: the n-th identical finding beyond the count is new. */
export function matchBaseline(baseline: BaselineFile, items: readonly { fingerprint?: string }[]): BaselineMatch {
  const left = new Map<string, number>();
  for (const e of baseline.findings) left.set(e.fingerprint, (left.get(e.fingerprint) ?? 0) + e.count);
  const states = items.map((it): 'new' | 'unchanged' => {
    const n = it.fingerprint === undefined ? 0 : (left.get(it.fingerprint) ?? 0);
    if (n <= 0) return 'new';
    left.set(it.fingerprint!, n - 1);
    return 'unchanged';
  });
  const stale: BaselineEntry[] = [];
  for (const e of baseline.findings) {
    const n = left.get(e.fingerprint) ?? 0;
    if (n <= 0) continue;
    const take = Math.min(n, e.count);
    stale.push({ ...e, count: take });
    left.set(e.fingerprint, n - take);
  }
  return { states, stale };
}

/** The baseline without its stale entries (counts reduced to what still matches); new findings are not added. */
export function pruneBaseline(baseline: BaselineFile, stale: readonly BaselineEntry[]): BaselineFile {
  const drop = new Map<string, number>();
  for (const s of stale) drop.set(s.fingerprint, (drop.get(s.fingerprint) ?? 0) + s.count);
  const findings: BaselineEntry[] = [];
  for (const e of baseline.findings) {
    const d = Math.min(drop.get(e.fingerprint) ?? 0, e.count);
    if (d) drop.set(e.fingerprint, (drop.get(e.fingerprint) ?? 0) - d);
    if (e.count - d > 0) findings.push({ ...e, count: e.count - d });
  }
  return { version: 1, tool: 'netcfg', findings };
}

/** The fingerprints of a baseline, for the editor (which shows recorded findings as hints, or hides them). */
export function baselineFingerprints(b: BaselineFile): Set<string> {
  return new Set(b.findings.map((e) => e.fingerprint));
}
