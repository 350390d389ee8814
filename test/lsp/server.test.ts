// Drives the bundled language server over a real JSON-RPC connection (stdio): workspace indexing, diagnostics on
// closed peers when one end is edited, exact ranges, hover, symbols, navigation, versioned quick fixes that refuse
// stale diagnostics, custom requests and a clean shutdown.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, Diagnostic, DocumentSymbol, Hover, Location, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { getHover } from '../../server/src/features/hover';
import { createLanguageService } from '../../server/src/service';
import { ensureBuilt } from '../cli/build';
import { TestClient } from './client';

const FIXTURES = path.join(__dirname, '../cli/fixtures');
const SECRETS = ['site-a-secret-9x', 'site-b-other-7q'];

const codes = (p: PublishDiagnosticsParams | undefined) => (p?.diagnostics ?? []).map((d) => d.code);

describe('language server over stdio', () => {
  let client: TestClient;
  let ws: string;
  let uriA: string;
  let uriB: string;
  let textA: string;
  let textB: string;

  before(async () => {
    ensureBuilt();
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-lsp-'));
    for (const f of ['a.ipsec.conf', 'b.ipsec.conf']) fs.copyFileSync(path.join(FIXTURES, 'pair', f), path.join(ws, f));
    fs.copyFileSync(path.join(FIXTURES, 'yaml', 'netcfg.yaml'), path.join(ws, 'netcfg.yaml'));
    fs.mkdirSync(path.join(ws, 'node_modules'));
    fs.copyFileSync(path.join(FIXTURES, 'pair', 'a.ipsec.conf'), path.join(ws, 'node_modules', 'ignored.ipsec.conf'));
    uriA = pathToFileURL(path.join(ws, 'a.ipsec.conf')).href;
    uriB = pathToFileURL(path.join(ws, 'b.ipsec.conf')).href;
    textA = fs.readFileSync(path.join(ws, 'a.ipsec.conf'), 'utf8');
    textB = fs.readFileSync(path.join(ws, 'b.ipsec.conf'), 'utf8');
    client = new TestClient();
  });

  after(async () => {
    if (client.proc.exitCode === null) client.proc.kill();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  test('initialize announces the features', async () => {
    const res = await client.initialize(pathToFileURL(ws).href);
    const caps = res.capabilities;
    assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.documentSymbolProvider, true);
    assert.equal(caps.foldingRangeProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.referencesProvider, true);
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: ['quickfix'] });
    assert.ok(caps.completionProvider);
    assert.ok(caps.codeLensProvider);
    assert.equal(res.serverInfo?.name, 'netcfg');
    // A client that does not watch files itself gets the watchers registered by the server.
    const watch = await client.waitFor(() => client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles'), 'file watcher registration');
    assert.deepEqual(
      watch.registerOptions.watchers.map((w: { globPattern: string }) => w.globPattern),
      ['**/*.{ios,cisco,asa,rsc,bird,conf,cfg,txt,config,rtr}', '**/netcfg.{yaml,yml}', '**/.netcfg-baseline.json'],
    );
  });

  test('indexes the workspace from disk with progress and publishes cross-file diagnostics for closed files', async () => {
    const a = await client.waitFor(() => client.diagnostics.get(uriA), 'diagnostics of closed a.ipsec.conf');
    await client.waitFor(() => client.diagnostics.get(uriB), 'diagnostics of closed b.ipsec.conf');
    const psk = a.diagnostics.find((d) => d.code === 'ipsec/psk-mismatch');
    assert.ok(psk, `psk mismatch on a: ${JSON.stringify(codes(a))}`);
    assert.equal(psk.severity, 1);
    assert.equal(psk.source, 'netcfg');
    assert.deepEqual(psk.range, { start: { line: 4, character: 12 }, end: { line: 4, character: 30 } });
    assert.match(psk.codeDescription!.href, /\/docs\/diagnostics\.md#ipsec-psk-mismatch$/);
    assert.deepEqual(
      psk.relatedInformation?.map((r) => [r.location.uri, r.location.range.start]),
      [[uriB, { line: 4, character: 12 }]],
    );
    for (const s of SECRETS) assert.ok(!JSON.stringify(client.published).includes(s), 'no secret in diagnostics');
    // netcfg.yaml is indexed too, and its own diagnostics are published although it is closed.
    const yamlUri = pathToFileURL(path.join(ws, 'netcfg.yaml')).href;
    const yaml = await client.waitFor(() => client.diagnostics.get(yamlUri), 'netcfg.yaml diagnostics');
    assert.ok(!codes(yaml).includes('detect/unknown-dialect'));
    assert.ok(yaml.diagnostics.some((d) => d.code === 'config/unknown-key' && d.range.start.line === 2 && d.range.start.character === 4), JSON.stringify(yaml));
    assert.ok(!JSON.stringify(client.published).includes('meraki-secret-77'));
    // node_modules is never indexed.
    assert.ok(!client.published.some((p) => p.uri.includes('node_modules')));
    await client.waitFor(() => client.progress.some((p: any) => p.value?.kind === 'end'), 'indexing progress end');
    assert.ok(client.progress.some((p: any) => p.value?.kind === 'begin'));
  });

  test('editing one end (unsaved) re-publishes the closed other end', async () => {
    await client.open(uriB, 'openbsd-ipsec', textB.replace('site-b-other-7q', 'site-a-secret-9x'));
    const fixed = await client.waitFor(() => {
      const p = client.diagnostics.get(uriA);
      return p && !codes(p).includes('ipsec/psk-mismatch') && p;
    }, 'a without psk mismatch');
    assert.equal(fixed.version, undefined, 'a is not open: no version');
    const b = await client.waitFor(() => {
      const p = client.diagnostics.get(uriB);
      return p?.version === 1 && p;
    }, 'b diagnostics for version 1');
    assert.ok(!codes(b).includes('ipsec/psk-mismatch'));
    // Back to a different key: the mismatch returns on both ends.
    await client.replace(uriB, textB);
    await client.waitFor(() => codes(client.diagnostics.get(uriA)).includes('ipsec/psk-mismatch'), 'a with psk mismatch again');
    await client.waitFor(() => client.diagnostics.get(uriB)?.version === 2 && codes(client.diagnostics.get(uriB)).includes('ipsec/psk-mismatch'), 'b v2 mismatch');
  });

  test('quick fixes are pinned to the document version and refused for stale diagnostics', async () => {
    await client.open(uriA, 'openbsd-ipsec', textA);
    const v1 = await client.waitFor(() => {
      const p = client.diagnostics.get(uriA);
      return p?.version === 1 && codes(p).includes('ipsec/psk-mismatch') && p;
    }, 'a v1 diagnostics');
    const pskV1 = v1.diagnostics.filter((d) => d.code === 'ipsec/psk-mismatch');
    const request = (diagnostics: Diagnostic[]) =>
      client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uriA }, range: diagnostics[0].range, context: { diagnostics } });

    // The findings' own fixes (the rules' "Ignore …" and "Show documentation …" actions are tested in test/rules).
    const fresh = (await request(pskV1)).filter((x) => x.edit && !x.title.startsWith('Ignore '));
    assert.ok(fresh.length >= 1, 'a quick fix for the psk mismatch');
    for (const action of fresh) {
      assert.equal(action.kind, 'quickfix');
      assert.equal(action.edit?.changes, undefined, 'edits go through documentChanges');
      for (const change of action.edit!.documentChanges!) {
        const c = change as { textDocument: { uri: string; version: number | null } };
        // Open documents are pinned to the editor's version; closed ones are edited as on disk (null).
        assert.equal(c.textDocument.version, c.textDocument.uri === uriA ? 1 : c.textDocument.uri === uriB ? 2 : null);
      }
    }

    // Insert a comment line at the top: the v1 diagnostics are now stale.
    await client.insert(uriA, 0, 0, '# edited\n');
    const v2 = await client.waitFor(() => {
      const p = client.diagnostics.get(uriA);
      return p?.version === 2 && p;
    }, 'a v2 diagnostics');
    assert.deepEqual(await request(pskV1), [], 'no fix for diagnostics of an older version');
    const pskV2 = v2.diagnostics.filter((d) => d.code === 'ipsec/psk-mismatch');
    assert.equal(pskV2[0].range.start.line, 5, 'moved down one line');
    const again = await request(pskV2);
    assert.ok(again.length >= 1);
    const own = again[0].edit!.documentChanges!.find((c: any) => c.textDocument.uri === uriA) as any;
    if (own) assert.equal(own.textDocument.version, 2);
  });

  test('hover joins the dialect text and the cross-file summary, never showing a secret', async () => {
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: uriA }, position: { line: 2, character: 2 } });
    assert.ok(hover, 'hover on the ike rule');
    const value = (hover.contents as { kind: string; value: string }).value;
    assert.equal((hover.contents as { kind: string }).kind, 'markdown');
    assert.ok(value.length > 0);
    for (const s of SECRETS) assert.ok(!value.includes(s));
  });

  test('document symbols and folding ranges', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uriA } });
    assert.ok(symbols.length >= 1);
    assert.equal(symbols[0].range.start.line, 2, 'the ike rule (after the inserted comment line)');
    const folds = await client.request<unknown[]>('textDocument/foldingRange', { textDocument: { uri: uriA } });
    assert.ok(Array.isArray(folds));
  });

  test('custom requests: netcfg/fileStatus and netcfg/checkWorkspace', async () => {
    const status = await client.request<any>('netcfg/fileStatus', { uri: uriA });
    assert.equal(status.dialect, 'openbsd-ipsec');
    assert.equal(typeof status.device, 'string');
    assert.deepEqual(status.peers, { ok: 0, failing: 1 });
    assert.ok(status.counts.error >= 1);
    const unknown = await client.request<any>('netcfg/fileStatus', { uri: 'file:///nowhere/x.cfg' });
    assert.deepEqual(unknown.dialect, null);
    const ws = await client.request<any>('netcfg/checkWorkspace', null);
    assert.equal(ws.files, 2);
    assert.ok(ws.counts.error >= 2);
  });

  test('an untitled file of unknown dialect gets the information note at 0:0', async () => {
    const uri = 'untitled:Untitled-1';
    await client.open(uri, 'plaintext', 'meeting notes\nnothing to see\n');
    const p = await client.waitFor(() => client.diagnostics.get(uri), 'untitled diagnostics');
    assert.deepEqual(
      p.diagnostics.map((d) => [d.code, d.severity, d.range]),
      [['detect/unknown-dialect', 3, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }]],
    );
    // Choosing a language mode makes it checked: reopen as OpenBSD ipsec.conf.
    await client.close(uri);
    await client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.length === 0, 'cleared on close');
    await client.open(uri, 'openbsd-ipsec', 'ike esp from to 198.51.100.0/24 peer 203.0.113.1\n');
    const checked = await client.waitFor(() => {
      const d = client.diagnostics.get(uri);
      return d && d.diagnostics.length > 0 && !codes(d).includes('detect/unknown-dialect') && d;
    }, 'checked as openbsd');
    const missing = checked.diagnostics.find((d) => d.code === 'syntax/missing-argument');
    assert.deepEqual(missing?.range, { start: { line: 0, character: 8 }, end: { line: 0, character: 12 } });
    assert.equal(missing?.severity, 1);
    await client.close(uri);
  });

  test('Cisco IOS: ref/undefined with exact range, symbols, definition, references, rename, hover', async () => {
    const uri = pathToFileURL(path.join(ws, 'r1.ios')).href;
    const text = fs.readFileSync(path.join(FIXTURES, 'basic', 'r1.ios'), 'utf8');
    await client.open(uri, 'cisco-ios', text);
    const p = await client.waitFor(() => client.diagnostics.get(uri), 'r1 diagnostics');
    const undef = p.diagnostics.filter((d) => d.code === 'ref/undefined');
    // ` set transform-set MISSING` (line 5, 0-based 4): MISSING at characters 19-26.
    assert.deepEqual(
      undef.map((d) => [d.range, d.severity]),
      [[{ start: { line: 4, character: 19 }, end: { line: 4, character: 26 } }, 1]],
    );
    assert.match(undef[0].codeDescription!.href, /#ref-undefined$/);

    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(symbols.length >= 2, JSON.stringify(symbols.map((s) => s.name)));

    // `crypto map VPN` on the interface (line 10, 0-based 9) → the crypto map definition on line 3.
    const def = await client.request<Location[]>('textDocument/definition', { textDocument: { uri }, position: { line: 9, character: 13 } });
    assert.deepEqual(def, [{ uri, range: { start: { line: 2, character: 11 }, end: { line: 2, character: 14 } } }]);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri }, position: { line: 2, character: 12 }, context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((r) => r.range.start), [{ line: 9, character: 12 }]);
    const prep = await client.request<any>('textDocument/prepareRename', { textDocument: { uri }, position: { line: 9, character: 13 } });
    assert.equal(prep.placeholder, 'VPN');
    const rename = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri }, position: { line: 9, character: 13 }, newName: 'WAN-VPN' });
    assert.deepEqual(rename.documentChanges, [
      {
        textDocument: { uri, version: 1 },
        edits: [
          { range: { start: { line: 2, character: 11 }, end: { line: 2, character: 14 } }, newText: 'WAN-VPN' },
          { range: { start: { line: 9, character: 12 }, end: { line: 9, character: 15 } }, newText: 'WAN-VPN' },
        ],
      },
    ]);
    const bad = await client.request<WorkspaceEdit | null>('textDocument/rename', { textDocument: { uri }, position: { line: 9, character: 13 }, newName: 'two words' });
    assert.equal(bad, null);

    // Hover over the wire is exactly what the hover feature computes in-process (null while IOS hover is a stub).
    for (const position of [
      { line: 2, character: 2 },
      { line: 4, character: 8 },
      { line: 8, character: 4 },
    ]) {
      const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position });
      const local = createLanguageService();
      local.setDocument(uri, text, 1, 'cisco-ios');
      assert.deepEqual(hover, getHover(local, uri, position));
      if (hover) for (const s of SECRETS) assert.ok(!JSON.stringify(hover).includes(s));
    }
    await client.close(uri);
    await client.waitFor(() => client.diagnostics.get(uri)?.diagnostics.length === 0, 'r1 (not on disk) cleared on close');
  });

  test('closing a workspace file goes back to its saved content', async () => {
    // a is open with an extra comment line; on disk it has none: after closing, the mismatch is on line 5 again.
    await client.close(uriA);
    await client.waitFor(() => {
      const p = client.diagnostics.get(uriA);
      return p !== undefined && p.version === undefined && p.diagnostics.some((d) => d.code === 'ipsec/psk-mismatch' && d.range.start.line === 4);
    }, 'a re-read from disk');
  });

  test('file watching: a created file is indexed, a deleted one forgotten', async () => {
    const c = path.join(ws, 'c.ipsec.conf');
    fs.writeFileSync(c, 'ike esp from to 198.51.100.0/24 peer 203.0.113.1\n');
    const uriC = pathToFileURL(c).href;
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriC, type: 1 }] });
    await client.waitFor(() => codes(client.diagnostics.get(uriC)).includes('syntax/missing-argument'), 'c indexed');
    fs.rmSync(c);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriC, type: 3 }] });
    await client.waitFor(() => client.diagnostics.get(uriC)?.diagnostics.length === 0, 'c forgotten');
  });

  test('settings come from workspace/configuration', async () => {
    client.settings = { defaultDialect: 'openbsd-ipsec' };
    const uri = 'untitled:Untitled-2';
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitFor(() => client.logs.some((l) => l.includes('defaultDialect=openbsd-ipsec')), 'settings applied');
    await client.open(uri, 'plaintext', 'ike esp from to 198.51.100.0/24 peer 203.0.113.1\n');
    await client.waitFor(() => codes(client.diagnostics.get(uri)).includes('syntax/missing-argument'), 'checked with the default dialect');
  });

  test('shutdown and exit', async () => {
    assert.equal(await client.stop(), 0);
    assert.ok(!client.logs.some((l) => /failed:/.test(l)), `no handler crashed:\n${client.logs.join('\n')}`);
  });
});
