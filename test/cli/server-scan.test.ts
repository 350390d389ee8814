// The LSP server's workspace scan reads files with the same rules as the CLI (server/src/host/): a UTF-16 file
// with a BOM is checked like its UTF-8 text, a binary file is skipped as binary whatever its name, a FIFO is never opened and a
// directory link loop ends, and the server stays alive and answers afterwards.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { TestClient } from '../lsp/client';
import { ensureBuilt } from './build';
import { bytes, u8 } from './bytes';


const FIXTURES = path.join(__dirname, 'fixtures');
let ws: string;
let client: TestClient;

before(() => {
  ensureBuilt();
  ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-scan-'));
  fs.copyFileSync(path.join(FIXTURES, 'encoding/utf16le.cfg'), path.join(ws, 'utf16le.cfg'));
  const blob = Buffer.alloc(2000);
  for (let i = 0; i < blob.length; i++) blob[i] = (i * 7919) % 251;
  fs.writeFileSync(path.join(ws, 'backup.ios'), u8(blob));
  assert.equal(spawnSync('mkfifo', [path.join(ws, 'pipe.cfg')]).status, 0);
  fs.symlinkSync('.', path.join(ws, 'loop'));
  client = new TestClient();
});

after(async () => {
  if (client.proc.exitCode === null) client.proc.kill();
  fs.rmSync(ws, { recursive: true, force: true });
});

test('workspace scan: UTF-16 decoded, a binary .ios skipped (not parsed as IOS), FIFO and link loop harmless', async () => {
  await client.initialize(pathToFileURL(ws).href);
  const utf16 = pathToFileURL(path.join(ws, 'utf16le.cfg')).href;
  const binary = pathToFileURL(path.join(ws, 'backup.ios')).href;
  const text = await client.waitFor(() => client.diagnostics.get(utf16), 'diagnostics of utf16le.cfg');
  assert.deepEqual(
    text.diagnostics.map((d) => [d.code, d.range.start.line, d.range.start.character]),
    [['syntax/invalid-address', 2, 12]],
  );
  // A closed file netcfg does not check gets no note in the editor (the server's rule); its status says why.
  const bin = await client.waitFor(() => client.diagnostics.get(binary), 'diagnostics of backup.ios');
  assert.deepEqual(bin.diagnostics, []);
  const status = await client.request<any>('netcfg/fileStatus', { uri: binary });
  assert.equal(status.dialect, null);
  assert.match(status.skipReason, /^it looks binary \(\d+% of it is control characters or not valid UTF-8\)$/);
  // Nothing published for the FIFO, and the server still answers.
  assert.equal(client.diagnostics.get(pathToFileURL(path.join(ws, 'pipe.cfg')).href), undefined);
  const ws2 = await client.request<any>('netcfg/checkWorkspace', null);
  assert.equal(ws2.files, 1);
  assert.equal(client.proc.exitCode, null);
});
