// `npm run bench`: generates a seeded synthetic IOS/ASA workspace, measures the floor (Node reading every file and
// splitting lines) and the CLI's full check in the same run, then the in-process keystroke → fresh diagnostics latency
// and completion latency on a 500-device workspace, then the hostile shapes of bench/hostile.mjs (section `hostile`).
// Prints ONE JSON object. Options: --devices N --lines N.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { runLoad } from './load.mjs';
import { generate } from './generate.mjs';
import { hostileShapes, loadNetcfg } from './hostile.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const devices = opt('devices', 200);
const lines = opt('lines', 200_000);
const cache = path.join(root, '.cache', 'bench');
const ws = path.join(cache, 'ws');

const gen = generate(ws, { devices, lines });

// Floor: a Node process that reads every file and splits it into lines — the same start-up and IO as the CLI, nothing else.
const floorScript = `const fs=require('fs'),p=require('path');let n=0;for(const f of fs.readdirSync(process.argv[1]))n+=fs.readFileSync(p.join(process.argv[1],f),'utf8').split(/\\r?\\n/).length;console.log(n)`;
function floor() {
  const t = performance.now();
  const res = spawnSync(process.execPath, ['-e', floorScript, ws], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  return performance.now() - t;
}
const floorMs = [floor(), floor(), floor()].sort((a, b) => a - b)[1];

// The CLI's full check, as a user runs it (one process, JSON output to a file).
const rssFile = path.join(cache, 'rss.txt');
const outFile = path.join(cache, 'out.json');
const t0 = performance.now();
const cli = spawnSync(process.execPath, ['--require', path.join(root, 'bench/rss-hook.cjs'), path.join(root, 'server/out/cli.js'), 'check', ws, '--format', 'json'], {
  env: { ...process.env, NETCFG_RSS_FILE: rssFile },
  stdio: ['ignore', fs.openSync(outFile, 'w'), 'pipe'],
  maxBuffer: 1 << 26,
});
const cliMs = performance.now() - t0;
if (cli.status !== 0 && cli.status !== 1) {
  console.error(`netcfg check failed (exit ${cli.status}): ${cli.stderr}`);
  process.exit(1);
}
const report = JSON.parse(fs.readFileSync(outFile, 'utf8'));
const peakRssMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;

// In-process incremental latency: 500 devices, edit one file, recompute the diagnostics of every affected file.
const bundle = path.join(cache, 'service.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'server/src/service.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
const completionBundle = path.join(cache, 'completion.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'server/src/features/completion.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: completionBundle, logLevel: 'warning' });
const { createLanguageService } = createRequire(import.meta.url)(bundle);
const { getCompletions } = createRequire(import.meta.url)(completionBundle);
const ws500 = path.join(cache, 'ws500');
generate(ws500, { devices: 500, lines: 500 * 300, seed: 7 });
const service = createLanguageService();
const texts = new Map();
for (const f of fs.readdirSync(ws500)) {
  const uri = `file://${path.join(ws500, f)}`;
  texts.set(uri, fs.readFileSync(path.join(ws500, f), 'utf8'));
  service.setDocument(uri, texts.get(uri), 1);
}
for (const uri of texts.keys()) service.getFindings(uri);
const uris = [...texts.keys()];
const samples = [];
for (let k = 0; k < 30; k++) {
  const uri = uris[(k * 37) % uris.length];
  const text = texts.get(uri).replace('description customer', `description customer${k}`);
  const t = performance.now();
  const affected = service.setDocument(uri, text, k + 2);
  for (const u of affected) service.getFindings(u);
  samples.push(performance.now() - t);
}
samples.sort((a, b) => a - b);
const pct = (p, list = samples) => Number(list[Math.min(list.length - 1, Math.floor(p * list.length))].toFixed(2));

// Completion latency: inside `crypto isakmp policy` of a device with paired peers (peer values are looked up too).
// The service instance is separate from the keystroke loop's, so each request sees an up-to-date, fully checked workspace.
const completion = [];
for (let k = 0; k < 30; k++) {
  const uri = uris[(k * 53) % uris.length];
  const lines = texts.get(uri).split('\n');
  const line = lines.findIndex((l) => l.startsWith(' encryption') || l.startsWith(' authentication'));
  if (line < 0) continue;
  const t = performance.now();
  const items = getCompletions(service, uri, { line, character: 1 });
  completion.push(performance.now() - t);
  if (!items || (Array.isArray(items) ? items : items.items).length === 0) throw new Error(`no completion at ${uri}:${line + 1}`);
}
completion.sort((a, b) => a - b);

// Hostile sizes and shapes (issue 15): each timed at two sizes, with its scaling exponent k (1 = linear).
const hostile = await hostileShapes(await loadNetcfg(root, cache));

// Parse and lower on worker threads (issue 16): the same check with `--jobs 1` (no worker) and `--jobs 2`, alternated
// three times; median wall time, CPU time (all threads) over wall time, peak RSS. The report must be the same.
const jobsHook = path.join(cache, 'jobs-hook.cjs');
fs.writeFileSync(jobsHook, `process.on('exit',()=>{const c=process.cpuUsage();require('fs').writeFileSync(process.env.NETCFG_JOBS_FILE,JSON.stringify({cpuMs:(c.user+c.system)/1000,rssMb:process.resourceUsage().maxRSS/1024}))})`);
function jobsRun(n) {
  const out = path.join(cache, `jobs-${n}.json`);
  const usage = path.join(cache, `jobs-usage-${n}.json`);
  const t = performance.now();
  const res = spawnSync(process.execPath, ['--require', jobsHook, path.join(root, 'server/out/cli.js'), 'check', ws, '--format', 'json', '--jobs', String(n)], { env: { ...process.env, NETCFG_JOBS_FILE: usage }, stdio: ['ignore', fs.openSync(out, 'w'), 'pipe'] });
  const wallMs = performance.now() - t;
  if (res.status !== 0 && res.status !== 1) throw new Error(`netcfg check --jobs ${n} failed (exit ${res.status}): ${res.stderr}`);
  const u = JSON.parse(fs.readFileSync(usage, 'utf8'));
  return { wallMs, cpuMs: u.cpuMs, rssMb: u.rssMb, out: fs.readFileSync(out, 'utf8') };
}
const jobsRuns = { 1: [], 2: [] };
for (let k = 0; k < 3; k++) for (const n of [1, 2]) jobsRuns[n].push(jobsRun(n));
const jobsMedian = (n) => {
  const r = [...jobsRuns[n]].sort((a, b) => a.wallMs - b.wallMs)[1];
  return { wallMs: Number(r.wallMs.toFixed(1)), cpuPerWall: Number((r.cpuMs / r.wallMs).toFixed(2)), peakRssMb: Number(r.rssMb.toFixed(1)) };
};
const jobs = { workers1: jobsMedian(1), workers2: jobsMedian(2), sameReport: jobsRuns[1].every((r) => jobsRuns[2].every((q) => q.out === r.out)) };
jobs.speedup = Number((jobs.workers1.wallMs / jobs.workers2.wallMs).toFixed(2));

console.log(
  JSON.stringify({
    workspace: { files: gen.files, lines: gen.lines },
    floorMs: Number(floorMs.toFixed(1)),
    cliCheckMs: Number(cliMs.toFixed(1)),
    ratio: Number((cliMs / floorMs).toFixed(2)),
    peakRssMb: Number(peakRssMb.toFixed(1)),
    linesPerSecond: Math.round(gen.lines / (cliMs / 1000)),
    diagnostics: report.diagnostics.length,
    load: await runLoad(), // the built server over stdio under a burst of edits (bench/load.mjs)
    keystrokeToDiagnosticsMs: { devices: 500, p50: pct(0.5), p95: pct(0.95), max: pct(1) },
    completionMs: { devices: 500, p50: pct(0.5, completion), p95: pct(0.95, completion), max: pct(1, completion) },
    node: process.version,
    hostile,
    jobs,
  }),
);
