// Load test of the BUILT language server (server/out/server.js) over a real stdio JSON-RPC connection: a seeded
// fleet from generate.mjs is indexed as the workspace folder, then one open file gets a burst of random edits
// (default 2,000, 5 ms apart) with a hover or completion request at a random position after each, then a steady
// phase (default 200 edits, 50 ms apart). Reports request latency percentiles per phase (all answers, and `resultLatencyMs` for those answered with a result:
// the server answers RequestCancelled to a request a newer edit supersedes, counted in `cancelledRequests`), the time from the last
// edit to the diagnostics published for the final version, stale publications (a version older than one already
// published) and the server's RSS before/after. Prints ONE JSON object when run directly; `runLoad` is used by
// bench.mjs. Options: --devices N --edits N --interval MS --steady-edits N --steady-interval MS --seed N.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { generate, rng } from './generate.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const SERVER = path.join(root, 'server/out/server.js');


const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const round = (n, d = 1) => (n === null || n === undefined ? null : Number(n.toFixed(d)));

/** Resident set size of a process in MB (Linux /proc); null elsewhere. */
function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
}

function percentiles(samples) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p) => (s.length ? round(s[Math.min(s.length - 1, Math.floor(p * s.length))], 2) : null);
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

/** A tiny Content-Length framed JSON-RPC client over the server's stdio. */
class Rpc {
  constructor(proc) {
    this.proc = proc;
    this.nextId = 1;
    this.pending = new Map();
    this.handlers = new Map();
    this.listeners = new Set();
    this.buf = Buffer.alloc(0);
    this.stderr = '';
    proc.stderr.on('data', (d) => (this.stderr = (this.stderr + d).slice(-4000)));
    proc.stdout.on('data', (d) => this.onData(d));
  }

  onData(chunk) {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      const m = /Content-Length:\s*(\d+)/i.exec(this.buf.subarray(0, end).toString('ascii'));
      if (!m) throw new Error(`bad header from server: ${this.buf.subarray(0, end)}`);
      const len = Number(m[1]);
      if (this.buf.length < end + 4 + len) return;
      const msg = JSON.parse(this.buf.subarray(end + 4, end + 4 + len).toString('utf8'));
      this.buf = this.buf.subarray(end + 4 + len);
      this.dispatch(msg);
    }
  }

  dispatch(msg) {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = this.pending.get(msg.id);
      if (p) {
        this.pending.delete(msg.id);
        msg.error ? p.reject(Object.assign(new Error(`${p.method}: ${msg.error.message}`), { code: msg.error.code })) : p.resolve(msg.result);
      }
    } else if (msg.id !== undefined) {
      // A request from the server (configuration, progress, registrations): answer what a plain client answers.
      const result = msg.method === 'workspace/configuration' ? (msg.params?.items ?? []).map(() => ({})) : null;
      this.write({ jsonrpc: '2.0', id: msg.id, result });
    } else {
      this.handlers.get(msg.method)?.(msg.params);
    }
    for (const l of [...this.listeners]) l();
  }

  write(msg) {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin.write(body);
  }

  request(method, params) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, method });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method, params) {
    this.write({ jsonrpc: '2.0', method, params });
  }

  on(method, fn) {
    this.handlers.set(method, fn);
  }

  /** Resolves when `probe()` is truthy, re-checked on every message; rejects after timeoutMs. */
  waitFor(probe, what, timeoutMs) {
    return new Promise((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v) {
          done();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}\n${this.stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }
}

/** The editor's copy of the document as lines, and random small edits on it (LSP incremental changes). */
function randomEdit(lines, rand) {
  const line = Math.floor(rand() * lines.length);
  const len = lines[line].length;
  const character = Math.floor(rand() * (len + 1));
  const r = rand();
  if (r < 0.15 && len > 0) {
    // Delete 1–4 characters inside the line.
    const end = Math.min(len, character + 1 + Math.floor(rand() * 4));
    const start = Math.min(character, end - 1);
    lines[line] = lines[line].slice(0, start) + lines[line].slice(end);
    return { range: { start: { line, character: start }, end: { line, character: end } }, text: '' };
  }
  if (r < 0.25) {
    // Split the line (the user presses Enter).
    lines.splice(line, 1, lines[line].slice(0, character), lines[line].slice(character));
    return { range: { start: { line, character }, end: { line, character } }, text: '\n' };
  }
  // Type 1–3 characters.
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 .-';
  let text = '';
  for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) text += alphabet[Math.floor(rand() * alphabet.length)];
  lines[line] = lines[line].slice(0, character) + text + lines[line].slice(character);
  return { range: { start: { line, character }, end: { line, character } }, text };
}

/**
 * Runs the load test; resolves with the report object. The workspace lives in a temp folder removed afterwards.
 * @param {{devices?: number, edits?: number, interval?: number, steadyEdits?: number, steadyInterval?: number, seed?: number}} opts
 */
export async function runLoad({ devices = 500, edits = 2000, interval = 5, steadyEdits = 200, steadyInterval = 50, seed = 7 } = {}) {
  if (!fs.existsSync(SERVER)) throw new Error(`${SERVER} is missing: run \`npm run build\` first`);
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-load-'));
  const gen = generate(ws, { devices, lines: devices * 300, seed });
  const proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const rpc = new Rpc(proc);
  const rand = rng(seed);
  try {
    let indexedLog = '';
    let progressEnded = false;
    const publishedUris = new Set();
    let lastPublishAt = 0;
    /** Publications for the edited file: version and arrival time. */
    const pubs = [];
    let fileUri = '';
    rpc.on('window/logMessage', (p) => {
      if (/indexed \d+ config files/.test(p.message)) indexedLog = p.message;
    });
    rpc.on('$/progress', (p) => {
      if (p?.value?.kind === 'end') progressEnded = true;
    });
    rpc.on('textDocument/publishDiagnostics', (p) => {
      publishedUris.add(p.uri);
      lastPublishAt = performance.now();
      if (p.uri === fileUri) pubs.push({ version: p.version, at: lastPublishAt, count: p.diagnostics.length });
    });

    // Start-up: initialize, index the workspace, let the initial publication of every file finish.
    const t0 = performance.now();
    const rootUri = pathToFileURL(ws).href;
    await rpc.request('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'load' }],
      capabilities: {
        workspace: { configuration: true },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { versionSupport: true }, hover: { contentFormat: ['markdown', 'plaintext'] } },
      },
    });
    rpc.notify('initialized', {});
    await rpc.waitFor(() => indexedLog && progressEnded, 'workspace indexing', 300_000);
    await rpc.waitFor(() => publishedUris.size >= gen.files, 'initial diagnostics of every file', 300_000);
    const quiet = async () => {
      while (performance.now() - lastPublishAt < 300) await sleep(100);
    };
    await quiet();
    const indexingMs = performance.now() - t0;

    // Open one hub device (its peers are checked against it on every edit).
    const file = path.join(ws, 'r0.ios');
    fileUri = pathToFileURL(file).href;
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    rpc.notify('textDocument/didOpen', { textDocument: { uri: fileUri, languageId: 'cisco-ios', version: 1, text: lines.join('\n') } });
    await rpc.waitFor(() => pubs.some((p) => p.version === 1), 'diagnostics of the opened file', 60_000);
    await quiet();
    const rssBefore = rssMb(proc.pid);
    let version = 1;

    async function phase(count, gapMs) {
      const latencies = [];
      const requests = [];
      const failures = [];
      const answered = []; // latencies of the requests answered with a result (not cancelled as superseded)
      let cancelled = 0;
      let requestsByMethod = { hover: 0, completion: 0 };
      const start = performance.now();
      let lastEditAt = start;
      for (let k = 0; k < count; k++) {
        await sleep(start + k * gapMs - performance.now()); // absolute schedule: no drift when a tick is late
        const change = randomEdit(lines, rand);
        version++;
        rpc.notify('textDocument/didChange', { textDocument: { uri: fileUri, version }, contentChanges: [change] });
        lastEditAt = performance.now();
        const line = Math.floor(rand() * lines.length);
        const position = { line, character: Math.floor(rand() * (lines[line].length + 1)) };
        const method = rand() < 0.5 ? 'textDocument/hover' : 'textDocument/completion';
        requestsByMethod[method === 'textDocument/hover' ? 'hover' : 'completion']++;
        const sent = performance.now();
        requests.push(
          rpc.request(method, { textDocument: { uri: fileUri }, position }).then(
            () => {
              latencies.push(performance.now() - sent);
              answered.push(performance.now() - sent);
            },
            (err) => {
              // RequestCancelled (-32800): the server skipped a request superseded by a newer edit. Answered, not failed.
              if (err?.code === -32800) {
                cancelled++;
                latencies.push(performance.now() - sent);
              } else failures.push(String(err.message ?? err));
            },
          ),
        );
      }
      const finalVersion = version;
      const sentMs = performance.now() - start;
      const final = await rpc
        .waitFor(() => pubs.find((p) => p.version === finalVersion), `diagnostics for version ${finalVersion}`, 60_000)
        .catch(() => undefined);
      await Promise.all(requests);
      return {
        edits: count,
        intervalMs: gapMs,
        editsSentMs: round(sentMs),
        requests: requestsByMethod,
        failedRequests: failures.length,
        cancelledRequests: cancelled,
        latencyMs: percentiles(latencies),
        resultLatencyMs: percentiles(answered),
        lastEditToFinalDiagnosticsMs: final ? round(final.at - lastEditAt) : null,
        finalVersion,
      };
    }

    const pubsBefore = pubs.length;
    const burst = await phase(edits, interval);
    await quiet();
    const burstPubs = pubs.length - pubsBefore;
    const steady = await phase(steadyEdits, steadyInterval);
    await quiet();
    const rssAfter = rssMb(proc.pid);

    // A publication for an older version than one already published means stale work reached the editor.
    let maxSeen = 0;
    let stalePublications = 0;
    for (const p of pubs) {
      if (p.version < maxSeen) stalePublications++;
      maxSeen = Math.max(maxSeen, p.version);
    }

    const exited = new Promise((r) => proc.once('exit', r));
    await rpc.request('shutdown', null);
    rpc.notify('exit', null);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000).unref())]);
    return {
      workspace: { files: gen.files, lines: gen.lines },
      editedFile: path.basename(file),
      startupMs: round(indexingMs),
      burst: { ...burst, publications: burstPubs },
      steady: { ...steady, publications: pubs.length - pubsBefore - burstPubs },
      stalePublications,
      rssMb: { before: rssBefore, after: rssAfter },
      targets: {
        finalDiagnosticsWithin200Ms: burst.lastEditToFinalDiagnosticsMs !== null && burst.lastEditToFinalDiagnosticsMs <= 200,
        steadyP95Within50Ms: steady.latencyMs.p95 !== null && steady.latencyMs.p95 <= 50,
      },
      loadAverage: os.loadavg().map((n) => round(n, 2)),
      cpus: os.cpus().length,
    };
  } finally {
    if (proc.exitCode === null) proc.kill();
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const args = process.argv.slice(2);
  const opt = (name) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const report = await runLoad({
    devices: opt('devices'),
    edits: opt('edits'),
    interval: opt('interval'),
    steadyEdits: opt('steady-edits'),
    steadyInterval: opt('steady-interval'),
    seed: opt('seed'),
  });
  console.log(JSON.stringify(report));
}
