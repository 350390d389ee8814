// Editor requests on a 100k-line file (issue 16): p50/p95 of each request kind the editor sends while the user
// types, in-process (service + features/*), on a 100k-line file of each dialect. Each request kind is measured as
// the first request after an edit of its own (a new version whose diagnostics were computed, as the server does
// before the user looks), so it pays whatever its version has not computed yet, however the kinds are ordered
// ("first", with its CPU time: the process's, GC threads included, which says more than wall time on a loaded
// machine); the same request again on the same version is "again" (what VS Code does on scroll, focus and its own
// re-requests). Imported by bench.mjs (the `editor100k` section) and runnable alone:
// `node bench/editor.mjs [--root DIR] [--only DIALECT] [--samples N] [--kinds hover,completion] [--table] [--profile DIR]
// [--edit end|middle|middle-lines]` (the edit before each request: a comment line appended at the end, the default;
// a comment line at the middle of the file whose text changes per version, so the lines after it keep their numbers;
// or that line and, on every other round, a second one after it, so every line after the middle moves between two
// requests of one kind, by one edit there: it used to put the line at the end on the other rounds, which made the
// change between two requests of a kind span the whole second half of the file)
// (--root measures another checkout, e.g. main before a change; features missing there are reported as null;
// --profile writes DIR/<dialect>-<kind>.cpuprofile, an inspector profile of one more first request of each kind,
// that request only, not counted in the figures). "first" has three figures: wall, the process's CPU and the main
// thread's CPU (`/proc/thread-self/schedstat`); the last is the request's own work and its GC pauses, without the
// collector's helper threads finishing a previous phase's marking.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as inspector from 'node:inspector';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { generate } from './generate.mjs';
import { iosAcl, openbsdConfig } from './shapes.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);

/** Bundles the service and every editor feature of `root` into one CommonJS module and loads it. */
export async function loadEditorApi(root, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const feature = (name) => path.join(root, 'server/src/features', name);
  const tag = Buffer.from(root).toString('hex').slice(-16);
  // One entry per checkout: two runs side by side (main and a branch) must not build each other's entry.
  const entry = path.join(outDir, `editor-entry-${tag}.ts`);
  const semantic = fs.readFileSync(`${feature('semanticTokens')}.ts`, 'utf8');
  const lines = [
    `export { createLanguageService } from ${JSON.stringify(path.join(root, 'server/src/service'))};`,
    `export { getHover } from ${JSON.stringify(feature('hover'))};`,
    `export { getCompletions } from ${JSON.stringify(feature('completion'))};`,
    `export { getDocumentSymbols } from ${JSON.stringify(feature('symbols'))};`,
    `export { getFoldingRanges } from ${JSON.stringify(feature('folding'))};`,
    `export { getCodeLenses } from ${JSON.stringify(feature('codeLens'))};`,
    `export { getDiagnostics } from ${JSON.stringify(feature('diagnostics'))};`,
    `export { getSemanticTokens${semantic.includes('export function getSemanticTokensRange') ? ', getSemanticTokensRange, getSemanticTokensDelta' : ''} } from ${JSON.stringify(feature('semanticTokens'))};`,
  ];
  fs.writeFileSync(entry, lines.join('\n'));
  const outfile = path.join(outDir, `editor-${tag}.cjs`);
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', nodePaths: [path.join(root, 'node_modules'), path.join(here, '..', 'node_modules')] });
  return createRequire(import.meta.url)(outfile);
}

// ---- 100k-line files

/**
 * IOS: a 30,000-line ACL (bench/shapes.mjs iosAcl), 33,000 prefix lists nothing uses (one `ref/unused` each: the
 * ~33k findings of issue 16) and generated devices (bench/generate.mjs) up to `n` lines.
 */
export function ios100k(n = 100_000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-editor-ios-'));
  try {
    generate(dir, { devices: 100, lines: n - 50_000, seed: 16 });
    const unused = [];
    for (let i = 0; i < 33_000; i++) unused.push(`ip prefix-list PL${i} seq 5 permit 10.${(i >> 8) & 255}.${i & 255}.0/24\n`);
    const parts = [iosAcl(30_000), unused.join('')];
    for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.ios')) parts.push(fs.readFileSync(path.join(dir, f), 'utf8'));
    return fitLines(parts.join(''), n);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** ASA: one generated ASA device (bench/generate.mjs) of `n` lines. */
export function asa100k(n = 100_000) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-editor-asa-'));
  try {
    generate(dir, { devices: 6, lines: 6 * n, seed: 16 });
    return fitLines(fs.readFileSync(path.join(dir, 'asa5.asa'), 'utf8'), n);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** RouterOS: VLANs, addresses, IPsec peers and firewall rules referring to address lists, about `n` lines. */
export function routeros100k(n = 100_000) {
  const out = ['# by RouterOS 7.12', '/system identity', 'set name=edge', '/ip ipsec profile', 'add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 name=P1', '/ip ipsec proposal', 'add auth-algorithms=sha256 enc-algorithms=aes-256-cbc name=P2 pfs-group=modp2048'];
  const per = Math.floor((n - 20) / 5);
  out.push('/interface vlan');
  for (let i = 0; i < per; i++) out.push(`add interface=ether1 name=vlan${i} vlan-id=${(i % 4000) + 1}`);
  out.push('/ip address');
  for (let i = 0; i < per; i++) out.push(`add address=10.${(i >> 8) & 255}.${i & 255}.1/24 interface=vlan${i}`);
  out.push('/ip firewall address-list');
  for (let i = 0; i < per; i++) out.push(`add address=192.0.${(i >> 8) & 255}.${i & 255} list=L${i % 500}`);
  out.push('/ip firewall filter');
  for (let i = 0; i < per; i++) out.push(`add action=accept chain=forward dst-port=${(i % 60000) + 1} protocol=tcp src-address-list=L${i % 500} comment="rule ${i}"`);
  out.push('/ip ipsec peer');
  for (let i = 0; out.length < n - 1; i++) out.push(`add address=198.51.${(i >> 8) & 255}.${i & 255}/32 name=peer${i} profile=P1`);
  return `${out.join('\n')}\n`;
}

/** BIRD 2: filters and BGP protocols using them, about `n` lines. */
export function bird100k(n = 100_000) {
  const out = ['router id 192.0.2.1;', 'protocol device {', '}', 'protocol kernel {', '  ipv4 { export all; };', '}'];
  for (let i = 0; out.length < n - 12; i++) {
    out.push(`filter f${i} {`, `  if net ~ [ 10.${(i >> 8) & 255}.${i & 255}.0/24+ ] then accept;`, '  reject;', '}');
    out.push(`protocol bgp peer${i} {`, '  local as 65000;', `  neighbor 198.51.${(i >> 8) & 255}.${i & 255} as ${64512 + (i % 1000)};`, '  ipv4 {', '    import all;', `    export filter f${i};`, '  };', '}');
  }
  return fitLines(`${out.join('\n')}\n`, n);
}

/** Truncates a text to its first `n` lines (it never pads). */
function fitLines(text, n) {
  let at = -1;
  for (let i = 0; i < n; i++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text;
  }
  return text.slice(0, at + 1);
}

// ---- measurement

const round = (x) => (x === null ? null : Number(x.toFixed(2)));

function pct(samples) {
  if (samples.length === 0) return null;
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => round(s[Math.min(s.length - 1, Math.floor(p * s.length))]);
  return { p50: at(0.5), p95: at(0.95), max: at(1) };
}

function time(fn) {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

/**
 * CPU time of the calling thread so far, in ms: `/proc/thread-self/schedstat`'s first field (nanoseconds on a CPU,
 * the scheduler's own accounting, not the 10 ms ticks of `/proc/thread-self/stat`), or null off Linux.
 */
let schedstat = fs.existsSync('/proc/thread-self/schedstat');
export function threadCpu() {
  if (!schedstat) return null;
  try {
    const f = fs.readFileSync('/proc/thread-self/schedstat', 'latin1');
    return Number(f.slice(0, f.indexOf(' '))) / 1e6;
  } catch {
    schedstat = false;
    return null;
  }
}

/**
 * One call's wall time, the process's CPU time (all its threads: V8's GC helpers too, some of it the concurrent
 * marking a previous phase started) and the main thread's CPU time (what the request itself ran, the collector's
 * pauses on this thread included), in ms.
 */
/** What reading the thread's CPU twice costs by itself (the least of a few tries), taken off each `main` figure. */
let readCost;
function timeCpu(fn) {
  if (readCost === undefined) {
    readCost = Infinity;
    for (let i = 0; i < 5; i++) {
      const a = threadCpu();
      const b = threadCpu();
      readCost = a === null ? 0 : Math.min(readCost, b - a);
    }
  }
  const m = threadCpu();
  const c = process.cpuUsage();
  const t = performance.now();
  fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  const m2 = threadCpu();
  return { wall, cpu: (d.user + d.system) / 1000, main: m === null || m2 === null ? null : Math.max(0, m2 - m - readCost) };
}

/**
 * Profiles one call with an inspector session on this thread (only that call: the session is started right before
 * and stopped right after it) and writes the profile to `file` (read with bench/cpuprof.mjs).
 */
export function profileCall(fn, file) {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) => {
    let res;
    let err;
    session.post(method, params, (e, r) => ((err = e), (res = r)));
    if (err) throw err;
    return res;
  };
  post('Profiler.enable');
  post('Profiler.setSamplingInterval', { interval: 100 });
  post('Profiler.start');
  fn();
  const { profile } = post('Profiler.stop');
  session.disconnect();
  fs.writeFileSync(file, JSON.stringify(profile));
}

/**
 * One dialect's file: for each of `samples` rounds and each request kind, an edit (a comment line appended: a new
 * version, same shape) followed by getFindings (the server publishes diagnostics first), then that request alone
 * ("first": the first request after the edit, so it pays whatever the version has not computed yet: no other
 * request ran before it on this version) and once more ("again"). `hoverAt`/`completeAt` are line/character
 * positions in the file; `kinds` (names) restricts the request kinds measured.
 */
export function measureFile(api, { uri, text, hoverAt, completeAt, samples = 6, kinds: only, profile, name = 'file', edit = 'end', comment = '#' }) {
  const service = api.createLanguageService();
  const lines = text.split('\n').length - 1;
  const mid = Math.floor(lines / 2);
  // Where `--edit middle` and `middle-lines` insert their line: the start of the middle line.
  let midOffset = 0;
  for (let l = 0; l < mid; l++) midOffset = text.indexOf('\n', midOffset) + 1;
  // Each kind's requests are one round apart: `middle-lines` has a second line on odd rounds only, so every request
  // of a kind sees the lines after the middle moved since its previous one.
  const editOf = (version, round) => {
    if (version === 1) return text;
    if (edit === 'middle') return `${text.slice(0, midOffset)}${comment} edit ${version}\n${text.slice(midOffset)}`;
    if (edit === 'middle-lines') return `${text.slice(0, midOffset)}${comment} edit ${version}\n${round % 2 ? `${comment} more\n` : ''}${text.slice(midOffset)}`;
    return `${text}! edit ${version}\n`;
  };
  const all = {
    semanticTokensFull: () => api.getSemanticTokens(service, uri),
    semanticTokensRange: api.getSemanticTokensRange ? () => api.getSemanticTokensRange(service, uri, { start: { line: mid, character: 0 }, end: { line: mid + 60, character: 0 } }) : undefined,
    documentSymbols: () => api.getDocumentSymbols(service, uri),
    foldingRanges: () => api.getFoldingRanges(service, uri),
    codeLens: () => api.getCodeLenses(service, uri),
    hover: () => api.getHover(service, uri, hoverAt),
    completion: () => api.getCompletions(service, uri, completeAt),
  };
  const kinds = Object.fromEntries(Object.entries(all).filter(([k]) => !only || only.includes(k)));
  const first = {};
  const firstCpu = {};
  const firstMain = {};
  const again = {};
  const diag = [];
  const toDiag = [];
  let findings = 0;
  let version = 0;
  for (const k of Object.keys(kinds)) (first[k] = []), (firstCpu[k] = []), (firstMain[k] = []), (again[k] = []);
  const rounds = profile ? samples + 1 : samples;
  for (let s = 0; s <= rounds; s++) {
    for (const [k, fn] of Object.entries(kinds)) {
      version++;
      const edited = editOf(version, s);
      // Keystroke → diagnostics as the server does it: the new version, its parse and model, its findings as LSP
      // diagnostics serialised for the wire. The last part alone is `findingsToDiagnostics`.
      const t = performance.now();
      service.setDocument(uri, edited, version);
      service.getDevice(uri);
      const t1 = performance.now();
      const diagnostics = api.getDiagnostics(service, uri);
      JSON.stringify(diagnostics);
      const t2 = performance.now();
      findings = diagnostics.length;
      if (s > 0) {
        diag.push(t2 - t);
        toDiag.push(t2 - t1);
      }
      if (!fn) continue;
      if (profile && s === samples) {
        // The last round's first request profiled alone (its timing is not counted: the profiler slows it).
        profileCall(fn, path.join(profile, `${name}-${k}.cpuprofile`));
        continue;
      }
      const a = timeCpu(fn);
      const b = time(fn);
      if (s === 0) continue; // warm-up: JIT and lazy dialect tables
      first[k].push(a.wall);
      firstCpu[k].push(a.cpu);
      if (a.main !== null) firstMain[k].push(a.main);
      again[k].push(b);
    }
  }
  const res = { lines, findings, keystrokeToDiagnostics: pct(diag), findingsToDiagnostics: pct(toDiag) };
  for (const k of Object.keys(kinds)) res[k] = kinds[k] ? { first: pct(first[k]), firstCpu: pct(firstCpu[k]), firstMain: pct(firstMain[k]), again: pct(again[k]) } : null;
  return res;
}

/** The section as text: per dialect, each request's first and again p50 / p95 in ms. */
export function table(section) {
  const out = [];
  const f = (x) => (x ? `${x.p50} / ${x.p95}` : '-');
  for (const [d, r] of Object.entries(section)) {
    out.push(`${d} (${r.lines} lines, ${r.findings} diagnostics): keystroke → diagnostics ${f(r.keystrokeToDiagnostics)}`);
    for (const [k, v] of Object.entries(r)) if (v && typeof v === 'object' && 'first' in v) out.push(`  ${k.padEnd(20)} first ${f(v.first).padEnd(18)} CPU ${f(v.firstCpu).padEnd(18)} main ${f(v.firstMain).padEnd(18)} again ${f(v.again)}`);
  }
  return out.join('\n');
}

/** Position of the first line matching `re` (character `ch`), or the middle line. */
function lineOf(text, re, ch) {
  const lines = text.split('\n');
  const i = lines.findIndex((l) => re.test(l));
  return { line: i >= 0 ? i : lines.length >> 1, character: ch };
}

/** The `editor100k` section: each dialect's 100k-line file (or those whose name contains `only`). */
export function editorSection(api, { only, samples = 6, kinds, profile, edit } = {}) {
  const files = {
    ios: () => {
      const text = ios100k();
      return { uri: 'file:///editor/big.ios', comment: '!', text, hoverAt: { line: 15_000, character: 3 }, completeAt: lineOf(text, /^ encryption/, 1) };
    },
    asa: () => {
      const text = asa100k();
      return { uri: 'file:///editor/big.asa', comment: '!', text, hoverAt: lineOf(text, /^access-list OUTSIDE_IN/, 3), completeAt: lineOf(text, /^ encryption/, 1) };
    },
    routeros: () => {
      const text = routeros100k();
      return { uri: 'file:///editor/big.rsc', text, hoverAt: { line: 50_000, character: 12 }, completeAt: { line: 50_000, character: 4 } };
    },
    openbsd: () => {
      const text = openbsdConfig(100_000);
      return { uri: 'file:///editor/big/ipsec.conf', text, hoverAt: { line: 50_002, character: 1 }, completeAt: { line: 50_002, character: 4 } };
    },
    bird: () => {
      const text = bird100k();
      return { uri: 'file:///editor/big.bird', text, hoverAt: { line: 50_006, character: 4 }, completeAt: { line: 50_006, character: 2 } };
    },
  };
  const res = {};
  for (const [name, make] of Object.entries(files)) {
    if (only && !name.includes(only)) continue;
    res[name] = measureFile(api, { ...make(), samples, kinds, profile, name, edit });
  }
  return res;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = path.resolve(opt('root') ?? path.join(here, '..'));
  const api = await loadEditorApi(root, path.join(here, '..', '.cache', 'bench'));
  const profile = opt('profile') ? path.resolve(opt('profile')) : undefined;
  if (profile) fs.mkdirSync(profile, { recursive: true });
  const section = editorSection(api, { only: opt('only'), samples: Number(opt('samples') ?? 6), kinds: opt('kinds')?.split(','), profile, edit: opt('edit') });
  if (args.includes('--table')) console.log(table(section));
  else console.log(JSON.stringify({ root, editor100k: section }, null, 1));
}
