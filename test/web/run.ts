// `npm run test:web`: the web extension's language server (server/out/browser.js) in Debian's chromium, driven
// through playwright-core. A page (test/web/page.ts, bundled here with esbuild and served by a tiny local http
// server: Chromium refuses workers from file: URLs) starts the worker and speaks LSP to it over postMessage with
// vscode-jsonrpc's browser reader/writer, answering its file requests (netcfg/fs/*) from an in-page workspace the
// way client/src/workspace-fs.ts does from vscode.workspace. Checks: initialize, the workspace indexed through the
// client (name rules, skipped folders, progress), the cross-file PSK mismatch of examples/site-to-site-ios-routeros
// on both files before and after opening them, completion, hover (with the peer summary), a quick fix, semantic
// tokens and symbols equal to the Node service's, a live cross-file update on an edit, a file-watch event, shutdown.
// Every step polls for its condition with a timeout and reports the last state it saw. chromium comes from
// e2e/setup.sh --chromium-only (apt when missing). Logs and a screenshot on failure go to test-results/web/.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import { getCompletions } from '../../server/src/features/completion';
import { getHover } from '../../server/src/features/hover';
import { getSemanticTokens } from '../../server/src/features/semanticTokens';
import { createLanguageService } from '../../server/src/service';

const root = path.resolve(__dirname, '../..');
const results = path.join(root, 'test-results/web');
const cache = path.join(root, '.cache/web');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function log(msg: string): void {
  process.stdout.write(`web: ${msg}\n`);
}

function run(cmd: string, args: string[]): string {
  const res = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${res.status}): ${res.stdout}`);
  return res.stdout;
}

function describe(v: unknown): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 3000 ? `${s.slice(0, 3000)}… (${s.length} chars)` : s;
}

let page: Page | undefined;

/** Polls `probe` until `predicate` holds; on timeout throws with the last state seen (and saves a screenshot). */
async function waitFor<T>(description: string, probe: () => Promise<T>, predicate: (v: T) => boolean, timeoutMs = 30000): Promise<T> {
  const t0 = Date.now();
  let last: unknown = '(never probed)';
  for (let polls = 1; ; polls++) {
    try {
      const v = await probe();
      if (predicate(v)) return v;
      last = v;
    } catch (err) {
      last = `probe failed: ${String((err as Error)?.message ?? err).split('\n')[0]}`;
    }
    if (Date.now() - t0 >= timeoutMs) throw new Error(`timed out after ${Date.now() - t0} ms (${polls} polls) waiting for ${description}; last seen: ${describe(last)}`);
    await sleep(polls < 10 ? 100 : 250);
  }
}

type Diag = { code?: unknown; range: { start: { line: number; character: number } }; message: string; severity?: number };
type State = { diagnostics: Record<string, { version?: number; diagnostics: Diag[] }>; fsRequests: { method: string; uri: string }[]; logs: string[]; progress: unknown[]; errors: string[] };

const state = (): Promise<State> => page!.evaluate(() => (globalThis as any).netcfgTest.state);
async function request<T>(method: string, params: unknown): Promise<T> {
  const res = await page!.evaluate(([m, p]) => (globalThis as any).netcfgTest.request(m, p), [method, params] as const);
  if ((res as { error?: string }).error !== undefined) throw new Error(`${method}: ${(res as { error: string }).error}`);
  return (res as { result: T }).result;
}
const notify = (method: string, params: unknown) => page!.evaluate(([m, p]) => (globalThis as any).netcfgTest.notify(m, p), [method, params] as const);
/** Requests until the answer satisfies `predicate` (the worker answers for the text it holds; edits are debounced). */
const requestUntil = <T>(description: string, method: string, params: unknown, predicate: (v: T) => boolean) => waitFor(description, () => request<T>(method, params), predicate);

const pskAt = (s: State, uri: string) => (s.diagnostics[uri]?.diagnostics ?? []).filter((d) => d.code === 'ipsec/psk-mismatch').map((d) => [d.range.start.line, d.range.start.character]);

async function main(): Promise<void> {
  fs.rmSync(results, { recursive: true, force: true });
  fs.mkdirSync(results, { recursive: true });
  fs.mkdirSync(cache, { recursive: true });
  run(process.execPath, ['esbuild.mjs', '--if-stale']);
  run('bash', ['e2e/setup.sh', '--chromium-only']);
  const chromiumPath = run('bash', ['-c', 'command -v chromium']).trim();
  await esbuild.build({ absWorkingDir: root, entryPoints: ['test/web/page.ts'], outfile: path.join(cache, 'page.js'), bundle: true, platform: 'browser', format: 'iife', target: 'es2022', logLevel: 'warning' });

  const served: Record<string, [string, string]> = {
    '/': [path.join(root, 'test/web/index.html'), 'text/html'],
    '/page.js': [path.join(cache, 'page.js'), 'text/javascript'],
    '/server/out/browser.js': [path.join(root, 'server/out/browser.js'), 'text/javascript'],
  };
  const server = http.createServer((req, res) => {
    const entry = served[(req.url ?? '/').split('?')[0]];
    if (!entry) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': entry[1] }).end(fs.readFileSync(entry[0]));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const example = (name: string) => fs.readFileSync(path.join(root, 'examples/site-to-site-ios-routeros', name), 'utf8');
  const r1 = 'memfs:/ws/site/r1.ios';
  const mk = 'memfs:/ws/site/mikrotik.rsc';
  const r1Text = example('r1.ios');
  const mkText = example('mikrotik.rsc');
  // Files the Node walk would never index: not a config name, inside node_modules, inside a hidden folder.
  const workspace = [
    { uri: r1, text: r1Text },
    { uri: mk, text: mkText },
    { uri: 'memfs:/ws/notes/README.md', text: '# notes\n' },
    { uri: 'memfs:/ws/node_modules/pkg/stray.ios', text: 'hostname stray\n' },
    { uri: 'memfs:/ws/.hidden/h.ios', text: 'hostname hidden\n' },
  ];

  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'] });
  const consoleLines: string[] = [];
  let failed = false;
  try {
    page = await browser.newPage();
    page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
    await page.goto(`${base}/`);
    await waitFor('the test page script', () => page!.evaluate(() => typeof (globalThis as any).netcfgTest), (t) => t === 'object');
    await page.evaluate(([url, files]) => (globalThis as any).netcfgTest.start(url, files), [`${base}/server/out/browser.js`, workspace] as const);

    const step = async (name: string, fn: () => Promise<void>) => {
      const t0 = Date.now();
      await fn();
      log(`ok   ${name} (${Date.now() - t0} ms)`);
    };

    await step('initialize', async () => {
      const init = await request<{ capabilities: Record<string, unknown>; serverInfo: { name: string } }>('initialize', {
        processId: null,
        rootUri: 'memfs:/ws',
        workspaceFolders: [{ uri: 'memfs:/ws', name: 'ws' }],
        capabilities: { workspace: { configuration: true, workspaceFolders: true }, window: { workDoneProgress: true }, textDocument: { rename: { prepareSupport: true } } },
        initializationOptions: { clientWatchesFiles: true },
      });
      assert.equal(init.serverInfo.name, 'netcfg');
      for (const cap of ['hoverProvider', 'completionProvider', 'codeActionProvider', 'semanticTokensProvider', 'documentSymbolProvider']) assert.ok(init.capabilities[cap], `capability ${cap}`);
      await notify('initialized', {});
    });

    await step('the workspace is indexed through the client: the PSK mismatch on both closed files', async () => {
      const s = await waitFor('ipsec/psk-mismatch on r1.ios and mikrotik.rsc (closed, read through netcfg/fs/read)', state, (s) => pskAt(s, r1).length > 0 && pskAt(s, mk).length > 0);
      assert.deepEqual(pskAt(s, r1), [[18, 18]]);
      assert.deepEqual(pskAt(s, mk), [[24, 71]]);
      const read = s.fsRequests.filter((r) => r.method === 'read').map((r) => r.uri);
      assert.deepEqual(read.filter((u) => !u.endsWith('/.netcfg-baseline.json')).sort(), [mk, r1], 'only the two configs are read (not README.md, node_modules, hidden folders)');
      assert.ok(read.includes('memfs:/ws/.netcfg-baseline.json'), 'the baseline is looked for in the root, as on the desktop');
      assert.deepEqual(s.fsRequests.filter((r) => r.method === 'list').map((r) => r.uri), ['memfs:/ws']);
      const kinds = s.progress.map((p) => (p as { value?: { kind?: string } }).value?.kind);
      assert.ok(kinds.includes('begin') && kinds.includes('end'), `indexing progress begin/end: ${describe(s.progress)}`);
      assert.ok(s.logs.some((l) => /indexed 2 config files/.test(l)), `log: ${describe(s.logs)}`);
      assert.deepEqual(s.errors, []);
    });

    await step('open both files: the mismatch on both, for the opened versions', async () => {
      await notify('textDocument/didOpen', { textDocument: { uri: r1, languageId: 'cisco-ios', version: 1, text: r1Text } });
      await notify('textDocument/didOpen', { textDocument: { uri: mk, languageId: 'routeros', version: 1, text: mkText } });
      const s = await waitFor('versioned diagnostics of both open files', state, (s) => s.diagnostics[r1]?.version === 1 && s.diagnostics[mk]?.version === 1);
      assert.deepEqual(pskAt(s, r1), [[18, 18]]);
      assert.deepEqual(pskAt(s, mk), [[24, 71]]);
      const msg = s.diagnostics[r1].diagnostics.find((d) => d.code === 'ipsec/psk-mismatch')!.message;
      assert.match(msg, /pre-shared key .* differs/);
      assert.ok(!msg.includes('MYKEY') && !msg.includes('MY_KEY'), 'no secret in the message');
    });

    // The same service in Node, for the answers the worker must give.
    const local = createLanguageService();
    local.setDocument(r1, r1Text, 1, 'cisco-ios');
    local.setDocument(mk, mkText, 2, 'routeros');

    await step('completion in crypto isakmp policy 1', async () => {
      type Items = { label: string }[] | { items: { label: string }[] };
      const labels = (v: Items) => (Array.isArray(v) ? v : v.items).map((i) => i.label);
      const res = await requestUntil<Items>('completion items', 'textDocument/completion', { textDocument: { uri: r1 }, position: { line: 14, character: 1 } }, (v) => labels(v).length > 0);
      for (const want of ['encryption', 'hash', 'lifetime']) assert.ok(labels(res).includes(want), `completion offers ${want}: ${describe(labels(res))}`);
      assert.deepEqual(labels(res), labels(getCompletions(local, r1, { line: 14, character: 1 }) as Items));
    });

    await step('hover on the crypto map entry: the peer summary across files', async () => {
      const position = { line: 24, character: 7 };
      const hover = await requestUntil<{ contents: { value: string } } | null>('a hover', 'textDocument/hover', { textDocument: { uri: r1 }, position }, (h) => !!h);
      assert.match(hover!.contents.value, /IPsec ↔ mikrotik: .*PSK ✗/);
      assert.ok(!hover!.contents.value.includes('MYKEY'));
      assert.deepEqual(hover, JSON.parse(JSON.stringify(getHover(local, r1, position))));
    });

    await step('quick fix, semantic tokens and symbols', async () => {
      const s = await state();
      const diag = s.diagnostics[mk].diagnostics.find((d) => d.code === 'ipsec/psk-mismatch')!;
      type Action = { title: string; kind?: string; edit?: { documentChanges?: { textDocument: { uri: string }; edits: { newText: string }[] }[] } };
      const actions = await request<Action[]>('textDocument/codeAction', { textDocument: { uri: mk }, range: diag.range, context: { diagnostics: [diag] } });
      const fix = actions.find((a) => a.kind === 'quickfix' && a.edit?.documentChanges?.some((c) => c.textDocument.uri === mk && c.edits.some((e) => e.newText.includes('MYKEY'))));
      assert.ok(fix, `a quick fix aligning mikrotik's secret with r1: ${describe(actions.map((a) => a.title))}`);
      const tokens = await request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri: r1 } });
      assert.ok(tokens.data.length > 0);
      assert.deepEqual(tokens.data, getSemanticTokens(local, r1).data);
      const symbols = await request<{ name: string }[]>('textDocument/documentSymbol', { textDocument: { uri: mk } });
      assert.ok(symbols.length > 0, 'outline of mikrotik.rsc');
    });

    await step('an edit fixing the key clears the mismatch on both files', async () => {
      const line = mkText.split('\n').findIndex((l) => l.includes('secret=MY_KEY'));
      const col = mkText.split('\n')[line].indexOf('MY_KEY');
      await notify('textDocument/didChange', {
        textDocument: { uri: mk, version: 2 },
        contentChanges: [{ range: { start: { line, character: col }, end: { line, character: col + 'MY_KEY'.length } }, text: 'MYKEY' }],
      });
      await waitFor('no ipsec/psk-mismatch on either file after the edit', state, (s) => s.diagnostics[mk]?.version === 2 && pskAt(s, mk).length === 0 && pskAt(s, r1).length === 0);
    });

    await step('a file-watch event: a new config is read through the client and checked', async () => {
      const r3 = 'memfs:/ws/site/r3.ios';
      await page!.evaluate(([uri, text]) => (globalThis as any).netcfgTest.addFile(uri, text), [r3, 'hostname r3\n!\ninterface Loopback0\n ip address 10.9.9.9 255.255.255.255\n ip ospf 1 area 0\n!\nend\n'] as const);
      await notify('workspace/didChangeWatchedFiles', { changes: [{ uri: r3, type: 1 }] });
      const s = await waitFor('r3.ios read after its watch event', state, (s) => s.fsRequests.some((r) => r.method === 'read' && r.uri === r3) && !!s.diagnostics[r3]);
      assert.ok(s.fsRequests.some((r) => r.method === 'stat' && r.uri === r3), 'stat before the read');
      const symbols = await request<{ name: string }[]>('workspace/symbol', { query: 'Loopback0' });
      assert.ok(symbols.some((x) => x.name.includes('Loopback0')), `workspace symbol from the watched file: ${describe(symbols)}`);
    });

    await step('shutdown', async () => {
      await request('shutdown', null);
      await notify('exit', null);
    });
  } catch (err) {
    failed = true;
    log(`FAIL ${(err as Error).message}`);
    await page?.screenshot({ path: path.join(results, 'FAILED.png') }).catch(() => undefined);
    if (page) await state().then((s) => fs.writeFileSync(path.join(results, 'state.json'), JSON.stringify(s, null, 2))).catch(() => undefined);
  } finally {
    fs.writeFileSync(path.join(results, 'console.log'), consoleLines.join('\n'));
    await browser.close();
    server.close();
  }
  if (failed) process.exit(1);
  log('all steps passed');
}

main().catch((err) => {
  console.error(`web: ${err?.stack ?? err}`);
  process.exit(1);
});
