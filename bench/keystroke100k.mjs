// Keystroke → diagnostics on the 100k-line files of bench/editor.mjs (issue 16, incremental re-parse): each sample
// types one character into a line in the middle of the file (then deletes it at the next sample, so the shape
// stays), passes the change to the service as the LSP server does (offsets in the previous text; a service without
// the parameter ignores it and parses the whole text) and computes the LSP diagnostics, serialised for the wire.
// Figures: wall, the process's CPU and the main thread's CPU (`/proc/thread-self/schedstat`), p50/p95; with
// `--phases`, each step on its own: the dialect's full parse and lowering of the same text (outside the service,
// for reference), `setDocument` (parse, lower, pair keys), `getFindings` (checks, rules) and the publication
// (`getDiagnostics` + JSON). `--profile DIR` writes DIR/<dialect>-keystroke.cpuprofile of one more keystroke.
//   node bench/keystroke100k.mjs [--root DIR] [--only routeros,bird] [--samples N] [--phases] [--profile DIR] [--edit char|line]
// `--root` measures another checkout (e.g. a copy of main) with the same script, side by side.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { asa100k, bird100k, ios100k, profileCall, routeros100k, threadCpu } from './editor.mjs';
import { openbsdConfig } from './shapes.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);

async function loadApi(root, outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const tag = Buffer.from(root).toString('hex').slice(-16);
  const entry = path.join(outDir, `keystroke-entry-${tag}.ts`);
  fs.writeFileSync(
    entry,
    [
      `export { createLanguageService } from ${JSON.stringify(path.join(root, 'server/src/service'))};`,
      `export { getDiagnostics } from ${JSON.stringify(path.join(root, 'server/src/features/diagnostics'))};`,
      `export { dialectById } from ${JSON.stringify(path.join(root, 'server/src/dialects/registry'))};`,
    ].join('\n'),
  );
  const outfile = path.join(outDir, `keystroke-${tag}.cjs`);
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'warning', nodePaths: [path.join(root, 'node_modules'), path.join(here, '..', 'node_modules')] });
  return createRequire(import.meta.url)(outfile);
}

function timeCpu(fn) {
  const m = threadCpu();
  const c = process.cpuUsage();
  const t = performance.now();
  const value = fn();
  const wall = performance.now() - t;
  const d = process.cpuUsage(c);
  const m2 = threadCpu();
  return { value, wall, cpu: (d.user + d.system) / 1000, main: m === null ? null : m2 - m };
}

const round = (x) => Number(x.toFixed(1));
function pct(samples) {
  if (samples.length === 0) return null;
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => round(s[Math.min(s.length - 1, Math.floor(p * s.length))]);
  return { p50: at(0.5), p95: at(0.95) };
}

/** The offset of the start of line `line` (0-based). */
function lineOffset(text, line) {
  let at = 0;
  for (let i = 0; i < line; i++) at = text.indexOf('\n', at) + 1;
  return at;
}


/**
 * Keystrokes on one file: `samples` edits after a warm-up one, at one place `at` (an offset in the middle of the
 * file, inside a line): odd samples insert `x` (or a line with `--edit line`), even ones delete it again.
 */
function measure(api, { name, uri, text, at, samples, phases, profile, edit }) {
  const service = api.createLanguageService();
  let version = 1;
  service.setDocument(uri, text, version);
  api.getDiagnostics(service, uri);
  const dialect = api.dialectById(service.getDocument(uri).dialect);
  const insert = edit === 'line' ? 'add comment=x\n' : 'x';
  let current = text;
  const res = { total: [], totalCpu: [], totalMain: [], setDocument: [], findings: [], publish: [], parse: [], lower: [] };
  let diagnostics = 0;
  const step = (s) => {
    const inserting = s % 2 === 0;
    const change = inserting ? { start: at, end: at, text: insert } : { start: at, end: at + insert.length, text: '' };
    const next = current.slice(0, change.start) + change.text + current.slice(change.end);
    version++;
    return { next, change };
  };
  for (let s = 0; s <= samples; s++) {
    const { next, change } = step(s);
    if (phases) {
      // The dialect alone on the new text (what a full re-parse and re-lowering cost), outside the service.
      const p = timeCpu(() => dialect.parse(next, {}));
      const l = timeCpu(() => dialect.lower(p.value, uri, {}));
      if (s > 0) res.parse.push(p.main), res.lower.push(l.main);
    }
    let a;
    let b;
    let c;
    const total = timeCpu(() => {
      a = timeCpu(() => service.setDocument(uri, next, version, undefined, undefined, [change]));
      b = timeCpu(() => service.getFindings(uri));
      c = timeCpu(() => {
        const d = api.getDiagnostics(service, uri);
        JSON.stringify(d);
        return d.length;
      });
    });
    current = next;
    diagnostics = c.value;
    if (s === 0) continue;
    res.total.push(total.wall);
    res.totalCpu.push(total.cpu);
    res.totalMain.push(total.main);
    res.setDocument.push(a.main);
    res.findings.push(b.main);
    res.publish.push(c.main);
  }
  if (profile) {
    const { next, change } = step(samples + 1);
    profileCall(() => {
      service.setDocument(uri, next, ++version, undefined, undefined, [change]);
      JSON.stringify(api.getDiagnostics(service, uri));
    }, path.join(profile, `${name}-keystroke.cpuprofile`));
  }
  const out = { lines: text.split('\n').length - 1, diagnostics, wall: pct(res.total), cpu: pct(res.totalCpu), main: pct(res.totalMain), setDocumentMain: pct(res.setDocument), findingsMain: pct(res.findings), publishMain: pct(res.publish) };
  if (phases) Object.assign(out, { fullParseMain: pct(res.parse), fullLowerMain: pct(res.lower) });
  return out;
}

/** An offset in line `line` of `text`, `column` characters in (or the line's end). */
function inLine(text, line, column) {
  const start = lineOffset(text, line);
  const end = text.indexOf('\n', start);
  return Math.min(start + column, end < 0 ? text.length : end);
}

const FILES = {
  routeros: () => {
    const text = routeros100k();
    // In the middle of the firewall rules: inside `comment="rule N"`, before the closing quote.
    const line = text.split('\n').findIndex((l, i) => i > 70_000 && l.includes('comment="rule'));
    return { uri: 'file:///editor/big.rsc', text, at: inLine(text, line, text.split('\n')[line].length - 1) };
  },
  bird: () => {
    const text = bird100k();
    // Inside `local as 65000;` of a protocol in the middle of the file (after `as 6`).
    const line = text.split('\n').findIndex((l, i) => i > 50_000 && l.includes('local as'));
    return { uri: 'file:///editor/big.bird', text, at: inLine(text, line, 12) };
  },
  openbsd: () => {
    const text = openbsdConfig(100_000);
    return { uri: 'file:///editor/big/ipsec.conf', text, at: inLine(text, 50_002, 3) };
  },
  ios: () => {
    const text = ios100k();
    return { uri: 'file:///editor/big.ios', text, at: inLine(text, 50_000, 5) };
  },
  asa: () => {
    const text = asa100k();
    return { uri: 'file:///editor/big.asa', text, at: inLine(text, 50_000, 5) };
  },
};

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const root = path.resolve(opt('root') ?? path.join(here, '..'));
  const api = await loadApi(root, path.join(here, '..', '.cache', 'bench'));
  const only = (opt('only') ?? 'routeros,bird').split(',');
  const profile = opt('profile') ? path.resolve(opt('profile')) : undefined;
  if (profile) fs.mkdirSync(profile, { recursive: true });
  const out = { root, date: new Date().toISOString(), loadavg: (await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ') };
  for (const name of only) {
    out[name] = measure(api, { name, ...FILES[name](), samples: Number(opt('samples') ?? 6), phases: args.includes('--phases'), profile, edit: opt('edit') ?? 'char' });
    console.error(name, JSON.stringify(out[name]));
  }
  console.log(JSON.stringify(out, null, 1));
}
