// Issue 15: the LSP fault suite. Drives the bundled server over real stdio with malformed params for every method
// it registers, unknown and closed URIs, out-of-range positions, out-of-order versions, a burst of edits, a deleted
// file, a file over maxFileSize, a binary file, CRLF text, a symlink loop in the workspace folder, a quick fix for
// a closed peer that changed on disk, and a message without Content-Length. After each, the server must answer or
// ignore, and still be alive and correct: a follow-up request returns the right result.
// Repro: /work/shared/repro/lsp-didopen-null-text.mjs (didOpen with text null / a number / uri null).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, DocumentSymbol, Location, PublishDiagnosticsParams, TextDocumentEdit } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../cli/build';
import { TestClient } from './client';

const FIXTURES = path.join(__dirname, '../cli/fixtures');
const PROBE_TEXT = fs.readFileSync(path.join(FIXTURES, 'basic', 'r1.ios'), 'utf8');

const codes = (p: PublishDiagnosticsParams | undefined) => (p?.diagnostics ?? []).map((d) => String(d.code));

/** Every request method the server registers, with the shape of its params (see server.ts). */
const REQUESTS = [
  'textDocument/hover',
  'textDocument/completion',
  'textDocument/documentSymbol',
  'textDocument/foldingRange',
  'textDocument/definition',
  'textDocument/references',
  'textDocument/prepareRename',
  'textDocument/rename',
  'textDocument/codeLens',
  'textDocument/semanticTokens/full',
  'textDocument/codeAction',
  'netcfg/fileStatus',
  'netcfg/checkWorkspace',
];
const NOTIFICATIONS = [
  'textDocument/didOpen',
  'textDocument/didChange',
  'textDocument/didClose',
  'textDocument/didSave',
  'workspace/didChangeConfiguration',
  'workspace/didChangeWatchedFiles',
  'workspace/didChangeWorkspaceFolders',
];
const BAD_PARAMS: unknown[] = [
  null,
  {},
  [],
  42,
  'text',
  { textDocument: null },
  { textDocument: { uri: 42 } },
  { textDocument: { uri: null, text: null, version: 'x' } },
  { textDocument: { uri: 'file:///nowhere/x.ios' }, position: null, range: null, context: null, contentChanges: null, changes: null, event: null },
  { textDocument: { uri: 'file:///nowhere/x.ios', version: 1 }, contentChanges: [{ text: null }, 5], changes: [null, { uri: 7 }], event: { added: null, removed: 5 } },
];

describe('LSP faults over stdio', () => {
  let client: TestClient;
  let ws: string;
  let uriA: string;
  let uriB: string;
  let probe: string;
  let baselineSymbols: string[];

  /** The server is alive and answers correctly for the probe document. */
  async function alive(): Promise<void> {
    assert.equal(client.proc.exitCode, null, `server exited:\n${client.stderr}`);
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: probe } });
    assert.deepEqual(symbols.map((s) => s.name), baselineSymbols);
    const def = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: probe }, position: { line: 9, character: 13 } });
    assert.deepEqual(def, [{ uri: probe, range: { start: { line: 2, character: 11 }, end: { line: 2, character: 14 } } }]);
  }

  before(async () => {
    ensureBuilt();
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-faults-'));
    for (const f of ['a.ipsec.conf', 'b.ipsec.conf']) fs.copyFileSync(path.join(FIXTURES, 'pair', f), path.join(ws, f));
    // A binary file with a config name, and a symlink loop: indexing must skip the first and terminate on the second.
    fs.writeFileSync(path.join(ws, 'blob.cfg'), new Uint8Array([0, 1, 2, 0, 255, 0, 10, 0, 0, 7]));
    fs.symlinkSync('.', path.join(ws, 'loop'));
    fs.mkdirSync(path.join(ws, 'sub'));
    fs.symlinkSync('..', path.join(ws, 'sub', 'up'));
    uriA = pathToFileURL(path.join(ws, 'a.ipsec.conf')).href;
    uriB = pathToFileURL(path.join(ws, 'b.ipsec.conf')).href;
    probe = pathToFileURL(path.join(ws, 'probe.ios')).href; // open only, never on disk
    client = new TestClient();
    await client.initialize(pathToFileURL(ws).href);
    await client.waitFor(() => codes(client.diagnostics.get(uriA)).includes('ipsec/psk-mismatch') && codes(client.diagnostics.get(uriB)).includes('ipsec/psk-mismatch'), 'workspace indexed');
    await client.open(probe, 'cisco-ios', PROBE_TEXT);
    await client.waitFor(() => codes(client.diagnostics.get(probe)).includes('ref/undefined'), 'probe diagnostics');
    baselineSymbols = (await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: probe } })).map((s) => s.name);
    assert.ok(baselineSymbols.length >= 2);
  });

  after(() => {
    if (client.proc.exitCode === null) client.proc.kill();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  test('a symlink loop and a binary file in the workspace: indexing finishes, the binary file is not checked', async () => {
    await client.waitFor(() => client.logs.find((l) => /^indexed \d+ config files/.test(l)), 'indexing finished');
    const indexed = client.logs.find((l) => /^indexed \d+ config files/.test(l))!;
    // a and b, each once (not again through the loops), and blob.cfg, read once and skipped as binary.
    assert.match(indexed, /^indexed 3 config files/, 'a, b and the binary blob.cfg, each once, not again through the loops');
    assert.deepEqual(client.diagnostics.get(pathToFileURL(path.join(ws, 'blob.cfg')).href)?.diagnostics ?? [], [], 'a closed binary file shows nothing');
    await alive();
  });

  test('repro lsp-didopen-null-text: didOpen with text null, a number, uri null; the server ignores them', async () => {
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/a.ios', languageId: 'cisco-ios', version: 1, text: null } });
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///tmp/b.ios', languageId: 'cisco-ios', version: 1, text: 12345 } });
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: null, languageId: 'cisco-ios', version: 1, text: 'hostname x\n' } });
    // Past the edit debounce, where the flush used to throw.
    await new Promise((r) => setTimeout(r, 200));
    await alive();
    assert.ok(client.logs.some((l) => l === 'ignored a malformed textDocument/didOpen notification'));
    assert.equal(client.logs.filter((l) => l === 'ignored a malformed textDocument/didOpen notification').length, 1, 'logged once');
    assert.ok(!client.diagnostics.has('file:///tmp/a.ios') && !client.diagnostics.has('file:///tmp/b.ios'));
    const hover = await client.request('textDocument/hover', { textDocument: { uri: 'file:///tmp/b.ios' }, position: { line: 0, character: 0 } });
    assert.equal(hover, null);
  });

  test('malformed params for every request and notification: answered or ignored, never fatal', async () => {
    for (const method of REQUESTS) {
      for (const params of BAD_PARAMS) {
        // Either a result (the handler's empty answer) or a JSON-RPC error; never a hang or an exit.
        await client.request(method, params).catch(() => undefined);
      }
    }
    for (const method of NOTIFICATIONS) for (const params of BAD_PARAMS) await client.conn.sendNotification(method, params);
    await new Promise((r) => setTimeout(r, 200));
    await alive();
    // The probe was not touched by any of it.
    assert.deepEqual(codes(client.diagnostics.get(probe)), ['ref/undefined']);
  });

  test('unknown and closed URIs, and out-of-range positions, get empty answers', async () => {
    const closed = pathToFileURL(path.join(ws, 'closed.ios')).href;
    await client.open(closed, 'cisco-ios', 'hostname c\n');
    await client.close(closed);
    for (const uri of ['file:///nowhere/unknown.ios', 'untitled:Untitled-9', 'not a uri', closed]) {
      assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
      assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
      assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } }), []);
      assert.deepEqual(await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }), []);
    }
    for (const position of [
      { line: 100000, character: 5 },
      { line: 3, character: 100000 },
      { line: -1, character: -1 },
      { line: 1.5, character: Number.MAX_SAFE_INTEGER },
    ]) {
      await client.request('textDocument/hover', { textDocument: { uri: probe }, position });
      await client.request('textDocument/completion', { textDocument: { uri: probe }, position });
      await client.request('textDocument/definition', { textDocument: { uri: probe }, position });
      await client.request('textDocument/references', { textDocument: { uri: probe }, position, context: { includeDeclaration: true } });
      await client.request('textDocument/rename', { textDocument: { uri: probe }, position, newName: 'X' });
    }
    // A change whose range lies outside the text is clamped by the document model; the server stays consistent.
    const scratch = pathToFileURL(path.join(ws, 'scratch.ios')).href;
    await client.open(scratch, 'cisco-ios', 'hostname s\n');
    await client.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri: scratch, version: 2 },
      contentChanges: [{ range: { start: { line: 50, character: 0 }, end: { line: 60, character: 3 } }, text: 'crypto map M 10 ipsec-isakmp\n set transform-set NONE\n' }],
    });
    const p = await client.waitFor(() => client.diagnostics.get(scratch)?.version === 2 && client.diagnostics.get(scratch), 'scratch v2');
    assert.ok(codes(p).includes('ref/undefined'), JSON.stringify(codes(p)));
    await client.close(scratch);
    await alive();
  });

  test('out-of-order versions are ignored (logged once per document) and diagnostics never go back in time', async () => {
    const uri = pathToFileURL(path.join(ws, 'order.ios')).href;
    const clean = 'hostname o\ncrypto ipsec transform-set TS esp-aes esp-sha-hmac\ncrypto map M 10 ipsec-isakmp\n set transform-set TS\n';
    const broken = clean.replace(' set transform-set TS', ' set transform-set GONE');
    await client.open(uri, 'cisco-ios', broken);
    await client.waitFor(() => client.diagnostics.get(uri)?.version === 1 && codes(client.diagnostics.get(uri)).includes('ref/undefined'), 'v1 with the error');
    await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 5 }, contentChanges: [{ text: clean }] });
    await client.waitFor(() => client.diagnostics.get(uri)?.version === 5 && !codes(client.diagnostics.get(uri)).includes('ref/undefined'), 'v5 clean');
    // Older and repeated versions arrive late: both are dropped.
    for (const version of [3, 4, 5, 2]) {
      await client.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: broken }] });
    }
    await new Promise((r) => setTimeout(r, 200));
    const warnings = client.logs.filter((l) => l.startsWith(`ignored out-of-order changes to ${uri}`));
    assert.equal(warnings.length, 1, client.logs.join('\n'));
    assert.match(warnings[0], /version 3 after 5/);
    assert.ok(!codes(client.diagnostics.get(uri)).includes('ref/undefined'));
    // The text is still version 5's: `set transform-set TS` resolves to its definition.
    const def = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: 3, character: 20 } });
    assert.deepEqual(def.map((l) => l.range.start), [{ line: 1, character: 27 }]);
    const versions = client.published.filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'published versions only grow');
    await client.close(uri);
  });

  test('a burst of edits is coalesced: versions only grow, the final text is published, few intermediate publications', async () => {
    const uri = pathToFileURL(path.join(ws, 'burst.ios')).href;
    const text = (i: number) => `hostname b${i}\ncrypto map M 10 ipsec-isakmp\n set transform-set ${i % 2 ? 'ODD' : 'EVEN'}\n`;
    await client.open(uri, 'cisco-ios', text(1));
    await client.waitFor(() => client.diagnostics.get(uri)?.version === 1, 'v1');
    const before = client.published.length;
    let last = 1;
    for (let i = 2; i <= 60; i++) last = await client.replace(uri, text(i));
    const final = await client.waitFor(() => client.diagnostics.get(uri)?.version === last && client.diagnostics.get(uri), 'final version published');
    assert.equal(String(final.diagnostics.find((d) => d.code === 'ref/undefined')?.message).includes('EVEN'), true);
    const burst = client.published.slice(before).filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(burst, [...burst].sort((a, b) => a - b), 'published versions only grow');
    assert.ok(burst.length < 15, `coalesced: ${burst.length} publications for 59 edits`);
    await client.close(uri);
  });

  test('a file over maxFileSize is skipped with a note, and checked again once the limit allows it', async () => {
    client.settings = { maxFileSize: 2000 };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => client.logs.some((l) => l.includes('maxFileSize=2000')), 'settings applied');
    const uri = pathToFileURL(path.join(ws, 'big.ios')).href;
    const big = `${PROBE_TEXT}${'!\n'.repeat(2000)}`;
    await client.open(uri, 'cisco-ios', big);
    const p = await client.waitFor(() => client.diagnostics.get(uri)?.version === 1 && client.diagnostics.get(uri), 'big diagnostics');
    assert.deepEqual(codes(p), ['detect/unknown-dialect']);
    assert.match(String(p.diagnostics[0].message), /maxFileSize/);
    assert.deepEqual(await client.request('textDocument/documentSymbol', { textDocument: { uri } }), []);
    client.settings = {};
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => codes(client.diagnostics.get(uri)).includes('ref/undefined'), 'big checked under the default limit');
    await client.close(uri);
    await alive();
  });

  test('a binary file opened in the editor and CRLF text: exact ranges, no crash', async () => {
    const bin = pathToFileURL(path.join(ws, 'blob.cfg')).href;
    await client.open(bin, 'plaintext', '\u0000\u0001\u0002\u0000\uFFFD\u0000\n\u0000');
    // The scan already published (nothing) for the closed blob.cfg: wait for the diagnostics of the opened version.
    await client.waitFor(() => client.diagnostics.get(bin)?.version === 1, 'binary diagnostics');
    assert.deepEqual(codes(client.diagnostics.get(bin)), ['detect/unknown-dialect']);
    await client.close(bin);

    const uri = pathToFileURL(path.join(ws, 'crlf.ios')).href;
    await client.open(uri, 'cisco-ios', PROBE_TEXT.replace(/\n/g, '\r\n'));
    const p = await client.waitFor(() => client.diagnostics.get(uri)?.version === 1 && client.diagnostics.get(uri), 'crlf diagnostics');
    const undef = p.diagnostics.filter((d) => d.code === 'ref/undefined');
    assert.deepEqual(undef.map((d) => d.range), [{ start: { line: 4, character: 19 }, end: { line: 4, character: 26 } }]);
    const def = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: 9, character: 13 } });
    assert.deepEqual(def, [{ uri, range: { start: { line: 2, character: 11 }, end: { line: 2, character: 14 } } }]);
    await client.close(uri);
    await alive();
  });

  test('a quick fix for a closed peer that changed on disk is recomputed against the new text; a deleted peer gets none', async () => {
    await client.open(uriA, 'openbsd-ipsec', fs.readFileSync(path.join(ws, 'a.ipsec.conf'), 'utf8'));
    const v1 = await client.waitFor(() => client.diagnostics.get(uriA)?.version === 1 && codes(client.diagnostics.get(uriA)).includes('ipsec/psk-mismatch') && client.diagnostics.get(uriA), 'a open');
    const psk = v1.diagnostics.filter((d) => d.code === 'ipsec/psk-mismatch');
    const request = (diagnostics: Diagnostic[]) => client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uriA }, range: diagnostics[0].range, context: { diagnostics } });
    const editsOfB = (actions: CodeAction[]) =>
      actions.flatMap((a) => (a.edit?.documentChanges ?? []) as TextDocumentEdit[]).filter((c) => 'textDocument' in c && c.textDocument.uri === uriB);
    const before = editsOfB(await request(psk));
    assert.ok(before.length >= 1, 'a fix that edits the closed peer b');
    assert.ok(before.every((c) => c.textDocument.version === null));
    const lineBefore = before[0].edits[0].range.start.line;
    // b changes on disk and nobody tells the server (no watcher event): two comment lines on top.
    const bFile = path.join(ws, 'b.ipsec.conf');
    fs.writeFileSync(bFile, `# moved\n# twice\n${fs.readFileSync(bFile, 'utf8')}`);
    const after = editsOfB(await request(psk));
    assert.ok(after.length >= 1, 'the fix is still offered, recomputed');
    assert.equal(after[0].edits[0].range.start.line, lineBefore + 2, 'the edit follows the text now on disk');
    const onDisk = fs.readFileSync(bFile, 'utf8').split('\n');
    const r = after[0].edits[0].range;
    assert.match(onDisk[r.start.line].slice(r.start.character, r.end.character), /^"?site-b-other-7q"?$/, 'the edit replaces the key where it is now');
    assert.ok(client.logs.some((l) => l === `${uriB} changed on disk since it was read: re-checked before offering a fix`));
    // b is deleted from disk without an event: no fix may edit it, and the pair (and its mismatch) goes away.
    fs.rmSync(bFile);
    assert.deepEqual(editsOfB(await request(psk)), []);
    await client.waitFor(() => !codes(client.diagnostics.get(uriA)).includes('ipsec/psk-mismatch'), 'a without its deleted peer');
    await client.close(uriA);
    await alive();
  });

  test('shutdown and exit after all of it: exit code 0', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('a message without Content-Length', () => {
  test('the server logs why and exits with code 1 (so the client restarts it), instead of staying deaf', async () => {
    ensureBuilt();
    const client = new TestClient();
    try {
      await client.initialize(null);
      const exited = new Promise<number | null>((resolve) => client.proc.once('exit', (code) => resolve(code)));
      const body = JSON.stringify({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri: 'file:///x.ios', languageId: 'cisco-ios', version: 1, text: 'hostname x\n' } } });
      client.proc.stdin!.write(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${body}`);
      const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('still running after 5 s'), 5000))]);
      assert.equal(code, 1);
      assert.match(client.stderr, /netcfg server exits: the message stream from the client is unreadable \(Header must provide a Content-Length property/);
    } finally {
      if (client.proc.exitCode === null) client.proc.kill();
    }
  });

  test('a body that is not JSON is skipped; the next message is read', async () => {
    ensureBuilt();
    const client = new TestClient();
    try {
      await client.initialize(null);
      const junk = '{not json';
      client.proc.stdin!.write(`Content-Length: ${Buffer.byteLength(junk)}\r\n\r\n${junk}`);
      await client.open('file:///w/j.ios', 'cisco-ios', PROBE_TEXT);
      await client.waitFor(() => codes(client.diagnostics.get('file:///w/j.ios')).includes('ref/undefined'), 'diagnostics after the junk');
      assert.equal(await client.stop(), 0);
    } finally {
      if (client.proc.exitCode === null) client.proc.kill();
    }
  });
});
