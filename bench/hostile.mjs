// Hostile sizes and shapes (issue 15): inputs that used to be quadratic, crash the parser or flood the report.
// Each shape is timed at a large size N and a small size n (N/10 or N/2, median of runs), and reported with its
// scaling exponent k = log(t(N)/t(n)) / log(N/n): 1 is linear, 2 quadratic. Imported by bench.mjs (the `hostile`
// section of `npm run bench`) and runnable alone: `node bench/hostile.mjs [--root DIR] [--only NAME]`
// (--root measures another checkout, e.g. main before a change).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const here = path.dirname(new URL(import.meta.url).pathname);

import { iosAcl, iosManyPeers, openbsdBraceSoup, openbsdLines, openbsdNested, routerosContinuation, routerosLongWord, routerosMenuPath, secretsColons, swanctlLongValue } from './shapes.mjs';

// ---- harness

/** Bundles the service and the editor features of `root` into one CommonJS module and loads it. */
export async function loadNetcfg(root, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const entry = path.join(outDir, 'hostile-entry.ts');
  fs.writeFileSync(
    entry,
    [
      `export { createLanguageService } from ${JSON.stringify(path.join(root, 'server/src/service'))};`,
      `export { getHover } from ${JSON.stringify(path.join(root, 'server/src/features/hover'))};`,
      `export { getCompletions } from ${JSON.stringify(path.join(root, 'server/src/features/completion'))};`,
      `export { getCodeActions } from ${JSON.stringify(path.join(root, 'server/src/features/codeActions'))};`,
    ].join('\n'),
  );
  const outfile = path.join(outDir, `hostile-${Buffer.from(root).toString('hex').slice(-16)}.cjs`);
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', nodePaths: [path.join(root, 'node_modules'), path.join(here, '..', 'node_modules')] });
  return createRequire(import.meta.url)(outfile);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const round = (x, d = 1) => Number(x.toFixed(d));

/** Full check of one document in a fresh service: parse, lower, every check. */
function check(api, uri, text) {
  const service = api.createLanguageService();
  const t = performance.now();
  service.setDocument(uri, text, 1);
  const findings = service.getFindings(uri);
  return { ms: performance.now() - t, findings, service };
}

/**
 * Times `measure` at the headline size `n` and at `m` (10× smaller or larger), median of 3 runs at the smaller size
 * and of `largeRuns` at the larger, and reports
 * ratio = t(larger) / t(smaller) and the exponent k (1 linear, 2 quadratic).
 */
function scaled(name, n, m, unit, measure, largeRuns = 3) {
  const timed = (size, runs) => {
    const all = Array.from({ length: runs }, () => measure(size));
    const ms = median(all.map((r) => r.ms));
    return { ms, extra: all[all.length - 1].extra };
  };
  const other = timed(m, m < n ? 3 : largeRuns);
  const res = timed(n, n < m ? 3 : largeRuns);
  const [small, large] = m < n ? [other.ms, res.ms] : [res.ms, other.ms];
  const k = Math.log(large / small) / Math.log(Math.max(n, m) / Math.min(n, m));
  return { name, [unit]: n, ms: round(res.ms, 2), [m < n ? 'small' : 'large']: { [unit]: m, ms: round(other.ms, 2) }, ratio: round(large / small, 2), k: round(k, 2), ...res.extra };
}

/** Runs every hostile shape (or those whose name contains `only`) and returns the `hostile` section. */
export async function hostileShapes(api, { only } = {}) {
  const shapes = {
    routerosContinuation: () =>
      scaled('RouterOS: one command continued with `\\` over N lines (check)', 100_000, 10_000, 'lines', (n) => {
        const r = check(api, 'file:///c.rsc', routerosContinuation(n));
        return { ms: r.ms, extra: { findings: r.findings.length } };
      }, 1),
    routerosMenuPath: () =>
      scaled('RouterOS: one 60 KB menu path line (check)', 20_000, 2_000, 'segments', (n) => {
        const r = check(api, 'file:///m.rsc', routerosMenuPath(n));
        return { ms: r.ms, extra: { bytes: n * 3 + 13, findings: r.findings.length } };
      }),
    routerosLongWordCompletion: () =>
      scaled('RouterOS: completion in the middle of one N-character word', 100_000, 10_000, 'chars', (n) => {
        const text = routerosLongWord(n);
        const { service } = check(api, 'file:///w.rsc', text);
        const t = performance.now();
        api.getCompletions(service, 'file:///w.rsc', { line: 0, character: 23 + (n >> 1) });
        return { ms: performance.now() - t };
      }),
    openbsdBraceSoup: () =>
      scaled('OpenBSD: 2 MB of `}{` after `ike` (check)', 40, 4, 'lines', (n) => {
        const text = openbsdBraceSoup(n);
        const r = check(api, 'file:///soup/ipsec.conf', text);
        return { ms: r.ms, extra: { bytes: text.length, findings: r.findings.length } };
      }, 1),
    openbsdNested: () =>
      scaled('OpenBSD: N nested `{` (check)', 10_000, 100_000, 'depth', (n) => {
        const r = check(api, 'file:///nest/ipsec.conf', openbsdNested(n));
        return { ms: r.ms, extra: { findings: r.findings.length, parserCrash: r.findings.some((f) => f.code === 'internal/parser-crash') } };
      }),
    openbsdSoupCodeActions: () =>
      scaled('OpenBSD: code actions over the whole 2 MB `}{` soup (1,000 findings on 50 KB lines)', 40, 4, 'lines', (n) => {
        const text = openbsdBraceSoup(n);
        const { service } = check(api, 'file:///soupca/ipsec.conf', text);
        const t = performance.now();
        const actions = api.getCodeActions(service, { uri: 'file:///soupca/ipsec.conf', range: { start: { line: 0, character: 0 }, end: { line: n, character: 0 } } });
        return { ms: performance.now() - t, extra: { actions: actions.length } };
      }, 1),
    swanctlLongValue: () =>
      scaled('strongSwan: a swanctl.conf setting of N space-separated values (check)', 20_000, 2_000, 'parts', (n) => {
        const r = check(api, 'file:///long/swanctl.conf', swanctlLongValue(n));
        return { ms: r.ms, extra: { findings: r.findings.length } };
      }),
    secretsColonsCompletion: () =>
      scaled('strongSwan: completion at the end of an ipsec.secrets line of N `:`', 80_000, 8_000, 'chars', (n) => {
        const { service } = check(api, 'file:///colons/ipsec.secrets', secretsColons(n));
        const t = performance.now();
        api.getCompletions(service, 'file:///colons/ipsec.secrets', { line: 1, character: n + 1 });
        return { ms: performance.now() - t };
      }),
    iosManyPeers: () =>
      scaled('IOS: N pre-shared keys and N crypto map peers (check)', 4_000, 400, 'peers', (n) => {
        const r = check(api, 'file:///many.ios', iosManyPeers(n));
        return { ms: r.ms, extra: { findings: r.findings.length } };
      }),
    iosHover: () =>
      scaled('IOS: hover on the middle line of an N-line ACL (model already checked)', 100_000, 10_000, 'lines', (n) => {
        const { service } = check(api, 'file:///acl.ios', iosAcl(n));
        const pos = { line: 5 + (n >> 1), character: 3 };
        api.getHover(service, 'file:///acl.ios', pos); // first call may build lazy state
        return { ms: median(Array.from({ length: 5 }, () => { const t = performance.now(); api.getHover(service, 'file:///acl.ios', pos); return performance.now() - t; })) };
      }),
  };
  const res = {};
  for (const [key, run] of Object.entries(shapes)) {
    if (only && !key.toLowerCase().includes(only.toLowerCase())) continue;
    res[key] = run();
  }
  return res;
}

/** Heap growth per line of a dialect's parse+lower of a generated file (run with --expose-gc for exact figures). */
export function heapPerLine(api, uri, text) {
  const gc = globalThis.gc ?? (() => {});
  gc();
  const before = process.memoryUsage().heapUsed;
  const service = api.createLanguageService();
  service.setDocument(uri, text, 1);
  service.getFindings(uri);
  gc();
  const after = process.memoryUsage().heapUsed;
  const lines = text.split('\n').length - 1;
  const bytes = Math.round((after - before) / lines);
  void service.getDocument(uri); // keep the service alive up to here
  return bytes;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = path.resolve(opt('root') ?? path.join(here, '..'));
  const api = await loadNetcfg(root, path.join(here, '..', '.cache', 'bench'));
  if (args.includes('--heap')) {
    const n = Number(opt('lines') ?? 100_000);
    console.log(JSON.stringify({ openbsdBytesPerLine: heapPerLine(api, 'file:///heap/ipsec.conf', openbsdLines(n)), iosBytesPerLine: heapPerLine(api, 'file:///heap.ios', iosAcl(n)) }));
  } else console.log(JSON.stringify({ hostile: await hostileShapes(api, { only: opt('only') }) }, null, 1));
}
