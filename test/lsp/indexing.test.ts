// The Node server's workspace indexing on worker threads (`netcfg.indexing.jobs`, issue 16), over a real stdio
// connection: the same diagnostics as indexing in-process, the "fix either end" quick fix of a PSK mismatch editing
// the other end although that file is not open (its Setters are made again from its text), hover on a closed file,
// and a file changed on disk while its old text is on a worker ending up current.
// NETCFG_POOL_MIN_BYTES=0 sends even these small folders through the workers; `worker-hold` (host/faults.ts) keeps a
// worker on a chosen file until the test lets it go.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { lowerInWorkers, type FileResult, type WorkerInit } from '../../server/src/host/pool';
import { ensureBuilt, ROOT } from '../cli/build';
import { IOS_WARNING, SITE_A, SITE_B } from '../helpers/psk-pair';
import { TestClient } from './client';

const POOL = { NETCFG_POOL_MIN_BYTES: '0' };
const codes = (p: PublishDiagnosticsParams | undefined) => (p?.diagnostics ?? []).map((d) => d.code);
const clients: TestClient[] = [];
const dirs: string[] = [];

function workspace(files: Record<string, string>): string {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-lsp-index-'));
  dirs.push(ws);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(ws, name)), { recursive: true });
    fs.writeFileSync(path.join(ws, name), text);
  }
  return ws;
}

async function start(ws: string, jobs: number, env: Record<string, string> = {}): Promise<{ client: TestClient; indexed: string }> {
  ensureBuilt();
  const client = new TestClient(env);
  clients.push(client);
  client.settings = { indexing: { jobs } };
  await client.initialize(pathToFileURL(ws).href);
  const indexed = await client.waitFor(() => client.logs.find((l) => /^indexed \d+ config files in \d+ ms/.test(l)), 'indexing finished', 60_000);
  return { client, indexed };
}

/** Resolves once no diagnostics were published for `quietMs` (the publish run after indexing is over). */
async function settled(client: TestClient, quietMs = 1500): Promise<void> {
  for (;;) {
    const n = client.published.length;
    await new Promise((r) => setTimeout(r, quietMs));
    if (client.published.length === n) return;
  }
}

/** The diagnostics of every file as the editor shows them, without `data` (the service's version counter). */
function shown(client: TestClient, ws: string): Record<string, unknown[]> {
  const res: Record<string, unknown[]> = {};
  const base = pathToFileURL(ws).href;
  for (const [uri, p] of [...client.diagnostics].sort(([a], [b]) => a.localeCompare(b))) {
    res[uri.slice(base.length)] = p.diagnostics.map(({ data: _data, ...d }: Diagnostic) => d);
  }
  return res;
}

after(() => {
  for (const c of clients) if (c.proc.exitCode === null) c.proc.kill();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('workspace indexing on worker threads', () => {
  test('a folder indexed with 2 workers gives the diagnostics of indexing in-process', async () => {
    // examples/: every dialect, pairs across files, netcfg.yaml overrides, external peers and policies (line and model rules).
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-lsp-index-'));
    dirs.push(ws);
    fs.cpSync(path.join(ROOT, 'examples'), ws, { recursive: true });
    // Plus a PSK mismatch (a pair check with fixes on both ends) and a router with weak crypto and an unused prefix list (device checks).
    fs.mkdirSync(path.join(ws, 'extra'));
    fs.writeFileSync(path.join(ws, 'extra/a.ipsec.conf'), SITE_A);
    fs.writeFileSync(path.join(ws, 'extra/b.ipsec.conf'), SITE_B);
    fs.writeFileSync(path.join(ws, 'extra/r1.ios'), `${IOS_WARNING}ip prefix-list NEVER-USED seq 5 permit 10.99.0.0/16\n`);
    const [here, pool] = await Promise.all([start(ws, 1), start(ws, 2, POOL)]);
    assert.match(here.indexed, /\(in-process\)$/);
    assert.match(pool.indexed, /\(2 worker threads\)$/);
    assert.equal(here.indexed.replace(/ in \d+ ms.*/, ''), pool.indexed.replace(/ in \d+ ms.*/, ''), 'as many files');
    await Promise.all([settled(here.client), settled(pool.client)]);
    const expected = shown(here.client, ws);
    assert.ok(Object.keys(expected).length >= 15, `files published: ${Object.keys(expected).join(', ')}`);
    const all = Object.values(expected).flat() as Diagnostic[];
    for (const family of ['ipsec/psk-mismatch', 'ipsec/weak-crypto', 'corp/', 'ref/unused', 'bird/']) assert.ok(all.some((d) => String(d.code).startsWith(family)), `${family} findings in examples/`);
    assert.deepEqual(shown(pool.client, ws), expected);
  });

  test('the quick fix on a PSK mismatch edits the other end, which is not open; hover works on the closed file', async () => {
    const ws = workspace({ 'a.ipsec.conf': SITE_A, 'b.ipsec.conf': SITE_B });
    const { client, indexed } = await start(ws, 2, POOL);
    assert.match(indexed, /^indexed 2 config files .*\(2 worker threads\)$/);
    const uriA = pathToFileURL(path.join(ws, 'a.ipsec.conf')).href;
    const uriB = pathToFileURL(path.join(ws, 'b.ipsec.conf')).href;
    await client.waitFor(() => codes(client.diagnostics.get(uriB)).includes('ipsec/psk-mismatch'), 'b (closed) has the mismatch');

    // Hover on the closed file, on its ike rule: the peer summary (read from both models), no secret.
    const ruleAt = SITE_B.split('\n').findIndex((l) => l.startsWith('ike esp'));
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriB }, position: { line: ruleAt, character: 12 } });
    const hoverText = JSON.stringify(hover?.contents ?? '');
    assert.match(hoverText, /IPsec ↔ a\.ipsec\.conf: phase 1 ✓ · PSK ✗/);
    for (const secret of ['site-a-secret-9x', 'site-b-other-7q']) assert.ok(!hoverText.includes(secret));

    await client.open(uriA, 'openbsd-ipsec', SITE_A);
    const diag = await client.waitFor(() => {
      const p = client.diagnostics.get(uriA);
      return p?.version === 1 && p.diagnostics.find((d) => d.code === 'ipsec/psk-mismatch');
    }, 'a open, with the mismatch');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uriA }, range: diag.range, context: { diagnostics: [diag] } });
    const editsOf = (a: CodeAction) => (a.edit?.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'textDocument' in c);
    const onB = actions.filter((a) => editsOf(a).some((c) => c.textDocument.uri === uriB));
    const onA = actions.filter((a) => editsOf(a).some((c) => c.textDocument.uri === uriA) && !a.title.startsWith('Ignore '));
    assert.equal(onA.length, 1, `one fix on this end: ${actions.map((a) => a.title).join(' | ')}`);
    assert.equal(onB.length, 1, `one fix on the other end: ${actions.map((a) => a.title).join(' | ')}`);
    const change = editsOf(onB[0]).find((c) => c.textDocument.uri === uriB)!;
    assert.equal(change.textDocument.version, null, 'b is edited as it is on disk');
    // Applied to b's text, the edit gives b the key of a, on the psk line, and nothing else changes.
    const lines = SITE_B.split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    let fixed = SITE_B;
    for (const e of [...(change.edits as TextEdit[])].sort((x, y) => offset(y.range.start) - offset(x.range.start))) fixed = fixed.slice(0, offset(e.range.start)) + e.newText + fixed.slice(offset(e.range.end));
    assert.equal(fixed, SITE_B.replace('site-b-other-7q', 'site-a-secret-9x'));
    // Saved, the mismatch clears on both ends.
    fs.writeFileSync(path.join(ws, 'b.ipsec.conf'), fixed);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriB, type: 2 }] });
    await client.waitFor(() => !codes(client.diagnostics.get(uriA)).includes('ipsec/psk-mismatch') && !codes(client.diagnostics.get(uriB)).includes('ipsec/psk-mismatch'), 'the mismatch gone on both ends');
  });

  test('a file changed on disk while its old text is on a worker ends up current', async () => {
    const ws = workspace({ 'a.ipsec.conf': SITE_A, 'b.ipsec.conf': SITE_B });
    const go = path.join(ws, 'go.flag');
    const uriA = pathToFileURL(path.join(ws, 'a.ipsec.conf')).href;
    const uriB = pathToFileURL(path.join(ws, 'b.ipsec.conf')).href;
    ensureBuilt();
    const client = new TestClient({ ...POOL, NETCFG_TEST_FAULT: `worker-hold:site-b-other-7q@${go}` });
    clients.push(client);
    client.settings = { indexing: { jobs: 2 } };
    await client.initialize(pathToFileURL(ws).href);
    // A worker holds b's old text (the mismatching key); b is saved with a's key and the watcher says so.
    for (let i = 0; i < 600 && !fs.existsSync(`${go}.held`); i++) await new Promise((r) => setTimeout(r, 50));
    assert.ok(fs.existsSync(`${go}.held`), 'a worker holds b');
    fs.writeFileSync(path.join(ws, 'b.ipsec.conf'), SITE_B.replace('site-b-other-7q', 'site-a-secret-9x'));
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriB, type: 2 }] });
    await client.waitFor(() => client.diagnostics.has(uriB), 'b re-read and published');
    assert.ok(!client.logs.some((l) => /^indexed /.test(l)), 'indexing still under way');
    fs.writeFileSync(go, '');
    const indexed = await client.waitFor(() => client.logs.find((l) => /^indexed \d+ config files/.test(l)), 'indexing finished', 60_000);
    assert.match(indexed, /\(2 worker threads\)$/);
    await settled(client);
    assert.deepEqual(codes(client.diagnostics.get(uriB)).filter((c) => String(c).startsWith('ipsec/psk')), [], 'b holds its new text');
    assert.deepEqual(codes(client.diagnostics.get(uriA)).filter((c) => String(c).startsWith('ipsec/psk')), []);
    assert.ok(client.diagnostics.has(uriA), 'a indexed');
  });
});

/** Runs the pool on `files` with 2 workers; records, for every result, its index and how many event-loop turns passed before it. */
async function poolTurns(files: string[], sliced: boolean, init: Partial<WorkerInit> = {}) {
  ensureBuilt();
  let turns = 0;
  let ticking = true;
  const tick = () => {
    turns++;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  const got: { index: number; turn: number; kind: FileResult['kind']; niceWorkers: number }[] = [];
  const full: WorkerInit = { settings: {}, maxFileSize: 1 << 20, projects: [], whole: true, ...init };
  const stats = await lowerInWorkers(
    files.map((abs) => ({ uri: pathToFileURL(abs).href, abs })),
    2,
    full,
    (index, r) => got.push({ index, turn: turns, kind: r.kind, niceWorkers: niceThreads() }),
    undefined,
    path.join(ROOT, 'server/out/worker.js'),
    { sliced },
  );
  ticking = false;
  return { got, stats };
}

/** Threads of this process with a nice value of 10 or more (Linux; -1 elsewhere). */
function niceThreads(): number {
  if (process.platform !== 'linux') return -1;
  let n = 0;
  for (const tid of fs.readdirSync('/proc/self/task')) {
    try {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the command name (which is in parentheses): state is field 3, nice is field 19.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[16]) >= 10) n++;
    } catch {
      // the thread ended meanwhile
    }
  }
  return n;
}

describe('the pool in slices (the server\'s indexing)', () => {
  const ios = (i: number) => `hostname r${i}\ninterface GigabitEthernet0/${i}\n ip address 192.0.2.${i + 1} 255.255.255.0\n`;
  const fleet = () => {
    const ws = workspace(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`r${String(i).padStart(2, '0')}.ios`, ios(i)])));
    return fs.readdirSync(ws).sort().map((f) => path.join(ws, f));
  };

  test('sliced: one file per message, every result in its own turn of the event loop, in file order', async () => {
    const files = fleet();
    const { got, stats } = await poolTurns(files, true);
    assert.deepEqual(got.map((g) => g.index), files.map((_, i) => i));
    assert.ok(got.every((g) => g.kind === 'lowered'), 'lowered on the workers');
    assert.equal(stats.chunks, files.length, 'one file per message');
    for (let i = 1; i < got.length; i++) assert.ok(got[i].turn > got[i - 1].turn, `result ${i} handed over in a later turn than ${i - 1}`);
  });

  test('not sliced (the CLI): several files per message, handed over in the same turn', async () => {
    const files = fleet();
    const { got, stats } = await poolTurns(files, false);
    assert.deepEqual(got.map((g) => g.index), files.map((_, i) => i));
    assert.ok(stats.chunks < files.length, 'chunks of several files');
    assert.ok(got.some((g, i) => i > 0 && g.turn === got[i - 1].turn), 'some results share a turn');
  });

  test('background workers run at a lower priority than the main thread (Linux); others do not', { skip: process.platform !== 'linux' }, async () => {
    const files = fleet();
    const mine = os.getPriority();
    // A worker may finish its share before the other has started: at least one, never more than the two workers.
    const most = (g: { niceWorkers: number }[]) => g.reduce((m, x) => (x.niceWorkers > m ? x.niceWorkers : m), 0);
    const fg = await poolTurns(files, true);
    assert.equal(most(fg.got), 0, 'without `background`, no thread lowered its priority');
    const bg = await poolTurns(files, true, { background: true });
    assert.ok(most(bg.got) >= 1 && most(bg.got) <= 2, `worker threads lowered their priority (${most(bg.got)})`);
    assert.equal(os.getPriority(), mine, 'the main thread keeps its own');
  });
});
