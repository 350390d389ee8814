// The rules in the editor, over the real stdio connection to the bundled server: suppressed findings are not
// published, the quick fixes "Ignore CODE on this line", "Ignore CODE in netcfg.yaml" (creating the file) and
// "Show documentation for CODE", netcfg.rules from the editor settings over netcfg.yaml, and a workspace baseline
// shown as hints (netcfg.baseline.show: hint) or hidden.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeAction, CreateFile, Diagnostic, PublishDiagnosticsParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../cli/build';
import { TestClient } from '../lsp/client';
import { IOS_WARNING as IOS } from '../helpers/psk-pair';


const weak = (p: PublishDiagnosticsParams | undefined) => (p?.diagnostics ?? []).filter((d) => d.code === 'ipsec/weak-crypto');

/** Applies LSP text edits to a text (positions in the original text). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (p: { line: number; character: number }) => starts[p.line] + p.character;
  let res = text;
  for (const e of [...edits].sort((a, b) => off(b.range.start) - off(a.range.start))) res = res.slice(0, off(e.range.start)) + e.newText + res.slice(off(e.range.end));
  return res;
}

describe('rules in the language server', () => {
  let client: TestClient;
  let ws: string;
  let uri: string;

  before(async () => {
    ensureBuilt();
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-rules-lsp-'));
    fs.writeFileSync(path.join(ws, 'r1.ios'), IOS);
    uri = pathToFileURL(path.join(ws, 'r1.ios')).href;
    client = new TestClient();
    await client.initialize(pathToFileURL(ws).href);
  });
  after(async () => {
    await client.stop();
  });

  test('quick fixes: ignore on this line makes the finding disappear; documentation command', async () => {
    await client.open(uri, 'cisco-ios', IOS);
    const first = await client.waitFor(() => client.diagnostics.get(uri)?.version === 1 && weak(client.diagnostics.get(uri)).length === 1 && client.diagnostics.get(uri), 'weak-crypto on r1');
    const diag = weak(first)[0];
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: diag.range, context: { diagnostics: [diag] } });
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Ignore ipsec/weak-crypto on this line', 'Ignore ipsec/weak-crypto in netcfg.yaml', 'Show documentation for ipsec/weak-crypto'],
    );
    const docs = actions[2];
    assert.deepEqual(docs.command, { title: 'Show documentation for ipsec/weak-crypto', command: 'netcfg.showDocumentation', arguments: ['ipsec/weak-crypto', 'https://github.com/netcfg/netcfg/blob/main/docs/diagnostics.md#ipsec-weak-crypto'] });

    // Ignore on this line: a `!` comment above the statement, at its indentation, pinned to version 1.
    const line = actions[0].edit!.documentChanges![0] as TextDocumentEdit;
    assert.deepEqual(line.textDocument, { uri, version: 1 });
    assert.deepEqual(line.edits, [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, newText: ' ! netcfg-ignore ipsec/weak-crypto\n' }]);
    const edited = applyEdits(IOS, line.edits as TextEdit[]);
    await client.replace(uri, edited);
    const after = await client.waitFor(() => client.diagnostics.get(uri)?.version === 2 && client.diagnostics.get(uri), 'diagnostics of version 2');
    assert.deepEqual(after.diagnostics.map((d: Diagnostic) => d.code), [], 'suppressed, and the ignore is used');

    // Ignore in netcfg.yaml: no netcfg.yaml yet, so the edit creates one next to the file.
    await client.replace(uri, IOS);
    const back = await client.waitFor(() => client.diagnostics.get(uri)?.version === 3 && weak(client.diagnostics.get(uri)).length === 1 && client.diagnostics.get(uri), 'weak-crypto again');
    const again = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: weak(back)[0].range, context: { diagnostics: weak(back) } });
    const yamlAction = again.find((a) => a.title === 'Ignore ipsec/weak-crypto in netcfg.yaml')!;
    const [create, fill] = yamlAction.edit!.documentChanges! as [CreateFile, TextDocumentEdit];
    const yamlUri = pathToFileURL(path.join(ws, 'netcfg.yaml')).href;
    assert.deepEqual(create, { kind: 'create', uri: yamlUri, options: { ignoreIfExists: true } });
    assert.deepEqual(fill.textDocument, { uri: yamlUri, version: null });
    const yamlText = applyEdits('', fill.edits as TextEdit[]);
    assert.match(yamlText, /^# netcfg workspace configuration \(schemas\/netcfg\.schema\.json\)\nignore:\n  - code: ipsec\/weak-crypto # r1, r1\.ios\n    fingerprint: "[0-9a-f]{32}"\n$/);
    assert.ok(!yamlText.includes('r1-key-secret') && !yamlText.includes('des'));
    // What the client does with the edit: the file appears on disk and the watcher reports it.
    fs.writeFileSync(path.join(ws, 'netcfg.yaml'), yamlText);
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: yamlUri, type: 1 }] });
    await client.waitFor(() => client.diagnostics.get(uri)?.version === 3 && weak(client.diagnostics.get(uri)).length === 0 && client.published.at(-1), 'weak-crypto suppressed by netcfg.yaml');

    // A second entry goes after the first one in the existing ignore: list.
    await client.replace(uri, IOS.replace('crypto isakmp key r1-key-secret', 'crypto isakmp policy 20\n encryption 3des\n group 14\ncrypto isakmp key r1-key-secret'));
    const v4 = await client.waitFor(() => client.diagnostics.get(uri)?.version === 4 && weak(client.diagnostics.get(uri)).length === 1 && client.diagnostics.get(uri), 'the new weak policy only', 5000).catch((e) => { throw new Error(JSON.stringify(client.published.slice(-3)) + e.message); });
    assert.equal(weak(v4)[0].range.start.line, 7);
    const more = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: weak(v4)[0].range, context: { diagnostics: weak(v4) } });
    const add = more.find((a) => a.title === 'Ignore ipsec/weak-crypto in netcfg.yaml')!.edit!.documentChanges![0] as TextDocumentEdit;
    assert.equal(add.textDocument.version, null);
    const twice = applyEdits(yamlText, add.edits as TextEdit[]);
    assert.match(twice, /^# netcfg[^\n]*\nignore:\n  - code: ipsec\/weak-crypto # r1, r1\.ios\n    fingerprint: "[0-9a-f]{32}"\n  - code: ipsec\/weak-crypto # r1, r1\.ios\n    fingerprint: "[0-9a-f]{32}"\n$/);
    await client.close(uri);
  });

  test('netcfg.rules from the editor overrides netcfg.yaml; a workspace baseline shows as hints, or hidden', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-rules-lsp2-'));
    fs.writeFileSync(path.join(dir, 'r1.ios'), IOS);
    fs.writeFileSync(path.join(dir, 'netcfg.yaml'), 'rules:\n  ipsec/weak-crypto: off\n');
    const c = new TestClient();
    try {
      c.settings = { rules: { 'ipsec/weak-crypto': 'error' } };
      await c.initialize(pathToFileURL(dir).href);
      const u = pathToFileURL(path.join(dir, 'r1.ios')).href;
      await c.open(u, 'cisco-ios', IOS);
      await c.waitFor(() => weak(c.diagnostics.get(u))[0]?.severity === 1, 'weak-crypto as an error by netcfg.rules');
      // The baseline written by the CLI (same fingerprints): the finding becomes a hint, then hidden.
      const { spawnSync } = await import('node:child_process');
      const res = spawnSync(process.execPath, [path.join(__dirname, '../../server/out/cli.js'), 'check', '--write-baseline', '--rule', 'ipsec/weak-crypto=warning'], { cwd: dir, encoding: 'utf8' });
      assert.equal(res.status, 0, res.stderr);
      assert.ok(fs.existsSync(path.join(dir, '.netcfg-baseline.json')));
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(dir, '.netcfg-baseline.json')).href, type: 1 }] });
      await c.waitFor(() => weak(c.diagnostics.get(u))[0]?.severity === 4, 'baselined: a hint');
      c.settings = { rules: { 'ipsec/weak-crypto': 'error' }, baseline: { show: 'hide' } };
      await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: {} });
      await c.waitFor(() => c.diagnostics.get(u) && weak(c.diagnostics.get(u)).length === 0, 'baselined: hidden');
    } finally {
      await c.stop();
    }
  });
});
