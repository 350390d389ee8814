// `npm run bench`: generates a seeded synthetic IOS/ASA workspace, measures the floor (Node reading every file and
// splitting lines) and the CLI's full check in the same run, then the in-process keystroke → fresh diagnostics latency
// and completion latency on a 500-device workspace, then the hostile shapes of bench/hostile.mjs (section `hostile`)
// and the editor requests on a 100k-line file of each dialect of bench/editor.mjs (section `editor100k`).
// Prints ONE JSON object. Options: --devices N --lines N.
// Section `shapes` (issue 16): the CLI full check of each fleet shape against its own floor, at a size and at 1/10 of
// it (exponent k = log(t/t₁₀)/log 10). Default sizes keep the run short; `--full` runs the sizes (the 1M-line
// fleet, one 1M-line IOS file and one 1M-line ACL; the other shapes are 100k lines either way). `--shapes a,b` runs
// only the named shapes, `--no-shapes` none, `--shapes-only` prints the `shapes` section alone and skips the rest.
import { spawnSync } from 'node:child_process';
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { runLoad } from './load.mjs';
import { generate, generateDmvpn } from './generate.mjs';
import { asaFile, birdFile, iosAcl, iosFile, openbsdConfig, openbsdMacros, routerosContinuations, routerosFile } from './shapes.mjs';
import { hostileShapes, loadNetcfg } from './hostile.mjs';
import { editorSection, loadEditorApi } from './editor.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : def;
};
const full = args.includes('--full');
const devices = opt('devices', full ? 1000 : 200);
const lines = opt('lines', full ? 1_000_000 : 200_000);
const cache = path.join(root, '.cache', 'bench');
const ws = path.join(cache, 'ws');

const gen = generate(ws, { devices, lines });

// Floor: a Node process that reads every file and splits it into lines — the same start-up and IO as the CLI, nothing else.
const floorScript = `const fs=require('fs'),p=require('path');let n=0;for(const f of fs.readdirSync(process.argv[1]))n+=fs.readFileSync(p.join(process.argv[1],f),'utf8').split(/\\r?\\n/).length;console.log(n)`;
function floor(dir = ws) {
  const t = performance.now();
  const res = spawnSync(process.execPath, ['-e', floorScript, dir], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(res.stderr);
  return performance.now() - t;
}
const floorMs = [floor(), floor(), floor()].sort((a, b) => a - b)[1];

// The CLI's full check, as a user runs it (one process, JSON output to a file).
const rssFile = path.join(cache, 'rss.txt');
const outFile = path.join(cache, 'out.json');
function cliCheck(dir) {
  const t0 = performance.now();
  const cli = spawnSync(process.execPath, ['--require', path.join(root, 'bench/rss-hook.cjs'), path.join(root, 'server/out/cli.js'), 'check', dir, '--format', 'json'], {
    env: { ...process.env, NETCFG_RSS_FILE: rssFile },
    stdio: ['ignore', fs.openSync(outFile, 'w'), 'pipe'],
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - t0;
  if (cli.status !== 0 && cli.status !== 1) {
    console.error(`netcfg check ${dir} failed (exit ${cli.status}): ${cli.stderr}`);
    process.exit(1);
  }
  return { ms, report: JSON.parse(fs.readFileSync(outFile, 'utf8')), peakRssMb: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 };
}
const { ms: cliMs, report, peakRssMb } = cliCheck(ws);

// ---- Fleet shapes (issue 16): each generated at its size and at 1/10, each checked by the CLI against its floor.
const round = (x, d = 1) => Number(x.toFixed(d));
/** One shape: `make(scale)` writes the files for `scale` (1 or 0.1) into a folder and returns { files, lines }. */
function measureShape(name, make) {
  const run = (scale) => {
    // The fleet at full scale is the workspace measured above.
    if (name === 'fleet' && scale === 1) return { files: gen.files, lines: gen.lines, floorMs: round(floorMs), checkMs: round(cliMs), ratio: round(cliMs / floorMs, 2), peakRssMb: round(peakRssMb), linesPerSecond: Math.round(gen.lines / (cliMs / 1000)), diagnostics: report.diagnostics.length, syntaxDiagnostics: report.diagnostics.filter((d) => d.code.startsWith('syntax/')).length };
    const dir = path.join(cache, 'shapes', `${name}-${scale}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const size = make(dir, scale);
    const shapeFloor = [floor(dir), floor(dir), floor(dir)].sort((a, b) => a - b)[1];
    let check = cliCheck(dir);
    // The CLI skips a file over netcfg.maxFileSize (10 MB, no CLI flag): such a file (a 1M-line IOS file is ~31 MB) is
    // checked by the same service in batch mode with the cap lifted, in a child process started the same way.
    const skipped = check.report.diagnostics.some((d) => /maxFileSize/.test(d.message));
    if (skipped) check = batchCheck(dir);
    const errors = check.report.diagnostics.filter((d) => d.code.startsWith('syntax/')).length;
    return { ...size, ...(skipped ? { via: 'service in batch mode (the CLI skips files over 10 MB)' } : {}), floorMs: round(shapeFloor), checkMs: round(check.ms), ratio: round(check.ms / shapeFloor, 2), peakRssMb: round(check.peakRssMb), linesPerSecond: Math.round(size.lines / (check.ms / 1000)), diagnostics: check.report.diagnostics.length, syntaxDiagnostics: errors };
  };
  const small = run(0.1);
  const big = run(1);
  return { ...big, small: { files: small.files, lines: small.lines, floorMs: small.floorMs, checkMs: small.checkMs, ratio: small.ratio, peakRssMb: small.peakRssMb }, k: round(Math.log(big.checkMs / small.checkMs) / Math.log(big.lines / small.lines), 2), kNet: round(Math.log((big.checkMs - big.floorMs) / (small.checkMs - small.floorMs)) / Math.log(big.lines / small.lines), 2) };
}
/** Full check of every file of `dir` by the service in batch mode without a size cap, in a child process like the CLI's. */
let shapeService;
function batchCheck(dir) {
  if (!shapeService) {
    shapeService = path.join(cache, 'shape-service.cjs');
    esbuild.buildSync({ entryPoints: [path.join(root, 'server/src/service.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: shapeService, logLevel: 'warning' });
  }
  const script = `const fs=require('fs'),p=require('path');const {createLanguageService}=require(${JSON.stringify(shapeService)});const s=createLanguageService({batch:true,maxFileSize:Infinity});const d=process.argv[1];const uris=[];for(const f of fs.readdirSync(d)){const u='file://'+p.join(d,f);uris.push(u);s.setDocument(u,fs.readFileSync(p.join(d,f),'utf8'),1)}const diagnostics=[];for(const u of uris)for(const f of s.getFindings(u))if(f.severity!=='hint')diagnostics.push({code:f.code,message:f.message});fs.writeFileSync(${JSON.stringify(outFile)},JSON.stringify({diagnostics}))`;
  const t0 = performance.now();
  const res = spawnSync(process.execPath, ['--require', path.join(root, 'bench/rss-hook.cjs'), '-e', script, dir], { env: { ...process.env, NETCFG_RSS_FILE: rssFile }, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (res.status !== 0) {
    console.error(`batch check of ${dir} failed (exit ${res.status}): ${res.stderr}`);
    process.exit(1);
  }
  return { ms, report: JSON.parse(fs.readFileSync(outFile, 'utf8')), peakRssMb: Number(fs.readFileSync(rssFile, 'utf8')) / 1024 };
}
/** A shape of one file of `n` lines (scaled) made by `text(n)`. */
const oneFile = (file, n, text) => (dir, scale) => {
  const body = text(Math.round(n * scale));
  fs.writeFileSync(path.join(dir, file), body);
  return { files: 1, lines: body.split('\n').length - 1 };
};
const SHAPES = {
  fleet: (dir, scale) => generate(dir, { devices: Math.round(devices * scale), lines: Math.round(lines * scale) }),
  dmvpn: (dir, scale) => generateDmvpn(dir, scale === 1 ? {} : { spokes: 69, asas: 10, routeros: 10, bird: 10, lines: 94_000 }),
  ios: oneFile('big.ios', full ? 1_000_000 : 100_000, iosFile),
  acl: oneFile('acl.ios', full ? 1_000_000 : 100_000, iosAcl),
  asa: oneFile('big.asa', 100_000, asaFile),
  routeros: oneFile('big.rsc', 100_000, routerosFile),
  bird: oneFile('bird.conf', 100_000, birdFile),
  openbsd: oneFile('ipsec.conf', 100_000, openbsdConfig),
  routerosContinuations: oneFile('cont.rsc', 100_000, (n) => routerosContinuations(n)),
  openbsdMacros: oneFile('ipsec.conf', 100_000, openbsdMacros),
};
const onlyShapes = args.includes('--shapes') ? args[args.indexOf('--shapes') + 1].split(',') : Object.keys(SHAPES);
const shapes = {};
if (!args.includes('--no-shapes')) {
  const load = os.loadavg();
  for (const name of onlyShapes) shapes[name] = measureShape(name, SHAPES[name]);
  shapes.loadAverage = { before: load.map((x) => round(x, 2)), after: os.loadavg().map((x) => round(x, 2)) };
  shapes.full = full;
  shapes.cpus = os.cpus().length;
  if (args.includes('--shapes-only')) {
    console.log(JSON.stringify({ shapes }));
    process.exit(0);
  }
}

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

// Editor requests on a 100k-line file of each dialect (issue 16): p50/p95 per request kind, bench/editor.mjs.
const editor100k = editorSection(await loadEditorApi(root, cache));
// Parse and lower on worker threads (issue 16): the same check with `--jobs 1` (no worker) and `--jobs 2`, alternated
// three times; median wall time, CPU time (all threads) over wall time, peak RSS. The report must be the same.
const jobsHook = path.join(cache, 'jobs-hook.cjs');
// The main thread's own CPU (Linux: /proc/thread-self/stat, utime + stime in 10 ms ticks) says how much of the
// check is left on it; the rest of the process's CPU is the workers and V8's helper threads.
fs.writeFileSync(jobsHook, `process.on('exit',()=>{const fs=require('fs');const c=process.cpuUsage();let m=null;try{const f=fs.readFileSync('/proc/thread-self/stat','utf8').slice(0);const r=f.slice(f.lastIndexOf(')')+2).split(' ');m=(Number(r[11])+Number(r[12]))*10}catch{}fs.writeFileSync(process.env.NETCFG_JOBS_FILE,JSON.stringify({cpuMs:(c.user+c.system)/1000,mainCpuMs:m,rssMb:process.resourceUsage().maxRSS/1024}))})`);
function jobsRun(n) {
  const out = path.join(cache, `jobs-${n}.json`);
  const usage = path.join(cache, `jobs-usage-${n}.json`);
  const t = performance.now();
  const res = spawnSync(process.execPath, ['--require', jobsHook, path.join(root, 'server/out/cli.js'), 'check', ws, '--format', 'json', '--jobs', String(n)], { env: { ...process.env, NETCFG_JOBS_FILE: usage }, stdio: ['ignore', fs.openSync(out, 'w'), 'pipe'] });
  const wallMs = performance.now() - t;
  if (res.status !== 0 && res.status !== 1) throw new Error(`netcfg check --jobs ${n} failed (exit ${res.status}): ${res.stderr}`);
  const u = JSON.parse(fs.readFileSync(usage, 'utf8'));
  return { wallMs, cpuMs: u.cpuMs, mainCpuMs: u.mainCpuMs, rssMb: u.rssMb, out: fs.readFileSync(out, 'utf8') };
}
const jobsRuns = { 1: [], 2: [] };
for (let k = 0; k < 3; k++) for (const n of [1, 2]) jobsRuns[n].push(jobsRun(n));
const jobsMedian = (n) => {
  const r = [...jobsRuns[n]].sort((a, b) => a.wallMs - b.wallMs)[1];
  return { wallMs: Number(r.wallMs.toFixed(1)), cpuMs: Math.round(r.cpuMs), mainThreadCpuMs: r.mainCpuMs, cpuPerWall: Number((r.cpuMs / r.wallMs).toFixed(2)), peakRssMb: Number(r.rssMb.toFixed(1)) };
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
    shapes, // issue 16 fleet shapes: floor, check, ratio, RSS, lines/s and exponent k (kNet: on check − floor)
    editor100k,
    jobs,
  }),
);
