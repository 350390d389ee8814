// Code lenses carry cross-file verdicts ("↔ mikrotik: PSK ✗"), but an editor asks again only for the lenses of
// the document it edited. When a peer's edit changes an open document's verdicts, the server asks the client to
// pull every lens again (`workspace/codeLens/refresh`), over the real stdio connection of the bundled server.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../cli/build';
import { TestClient } from './client';

const ROOT = path.resolve(__dirname, '../..');
let ws: string;
let client: TestClient;
let refreshes = 0;

before(async () => {
  ensureBuilt();
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-lens-refresh-'));
  for (const f of ['r1.ios', 'mikrotik.rsc']) fs.copyFileSync(path.join(ROOT, 'examples/site-to-site-ios-routeros', f), path.join(ws, f));
  client = new TestClient();
  client.conn.onRequest('workspace/codeLens/refresh', () => {
    refreshes++;
    return null;
  });
  await client.initialize(pathToFileURL(ws).href, { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true } } });
});

after(() => {
  if (client.proc.exitCode === null) client.proc.kill();
  fs.rmSync(ws, { recursive: true, force: true });
});

const uri = (f: string) => pathToFileURL(path.join(ws, f)).href;
const lensTitles = async (f: string) => (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri(f) } })).map((l) => l.command?.title ?? '');

test("a peer's edit that fixes the PSK asks the client to pull the open file's lenses again", async () => {
  const r1Text = fs.readFileSync(path.join(ws, 'r1.ios'), 'utf8');
  const rosText = fs.readFileSync(path.join(ws, 'mikrotik.rsc'), 'utf8');
  await client.open(uri('r1.ios'), 'cisco-ios', r1Text);
  await client.open(uri('mikrotik.rsc'), 'routeros', rosText);
  await client.waitFor(() => client.diagnostics.get(uri('r1.ios'))?.diagnostics.some((d) => d.code === 'ipsec/psk-mismatch'), 'the PSK mismatch on r1.ios');
  const before = await lensTitles('r1.ios');
  assert.ok(before.some((t) => t.includes('✗')), before.join(' | '));

  // Give the RouterOS peer the IOS key: r1.ios's lenses turn clean after the refresh the server asks for.
  refreshes = 0;
  const key = /crypto isakmp key (\S+) address/.exec(r1Text)![1];
  await client.replace(uri('mikrotik.rsc'), rosText.replace(/secret=\S+/, `secret=${key}`));
  await until(() => refreshes > 0, 'workspace/codeLens/refresh');
  const afterFix = await lensTitles('r1.ios');
  assert.ok(afterFix.length > 0 && !afterFix.some((t) => t.includes('✗')), afterFix.join(' | '));
});

/** Polls `ok` every 20 ms (a server request, unlike a notification, does not wake `client.waitFor`). */
async function until(ok: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last diagnostics: ${JSON.stringify([...client.diagnostics.values()].map((p) => [p.uri, p.diagnostics.map((d) => d.code)]))}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
