// Cross-device navigation over the real stdio connection, on the seed DMVPN dual hub (examples/dmvpn-dual-hub):
// go to definition from a spoke's NHS address opens the hub's interface (the hub is not open: the server read it
// from the workspace), references on a hub address list the spokes' statements.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import type { CodeLens, DocumentLink, InitializeResult, InlayHint, Location, ShowDocumentParams, SymbolInformation } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../cli/build';
import { pos } from '../navigation/helpers';
import { TestClient } from './client';

const DUAL_HUB = path.join(__dirname, '../../examples/dmvpn-dual-hub');

describe('cross-device navigation over stdio', () => {
  let client: TestClient;
  let ws: string;
  let init: InitializeResult;
  const shown: ShowDocumentParams[] = [];
  const uri = (f: string) => pathToFileURL(path.join(ws, f)).href;
  const text = (f: string) => fs.readFileSync(path.join(ws, f), 'utf8');
  const line = (f: string, l: Location) => text(f).split('\n')[l.range.start.line].slice(l.range.start.character, l.range.end.character);

  before(async () => {
    ensureBuilt();
    ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-nav-'));
    for (const f of fs.readdirSync(DUAL_HUB)) fs.copyFileSync(path.join(DUAL_HUB, f), path.join(ws, f));
    client = new TestClient();
    client.conn.onRequest('window/showDocument', (p: ShowDocumentParams) => {
      shown.push(p);
      return { success: true };
    });
    init = await client.initialize(pathToFileURL(ws).href, { window: { workDoneProgress: true, showDocument: { support: true } } });
    await client.waitFor(() => client.progress.some((p: any) => p.value?.kind === 'end'), 'indexing progress end');
    await client.open(uri('spoke1.ios'), 'cisco-ios', text('spoke1.ios'));
    await client.waitFor(() => client.diagnostics.get(uri('spoke1.ios')), 'spoke1 diagnostics');
  });

  after(async () => {
    if (client.proc.exitCode === null) await client.stop();
    fs.rmSync(ws, { recursive: true, force: true });
  });

  test('go to definition on a spoke\'s NHS address opens the hub\'s tunnel interface (hub not open)', async () => {
    const res = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('spoke1.ios') }, position: pos(text('spoke1.ios'), 'ip nhrp nhs 10.0.0.1', '10.0.0.1') });
    assert.deepEqual(res, [{ uri: uri('hub1.ios'), range: { start: { line: 25, character: 12 }, end: { line: 25, character: 34 } } }]);
    assert.equal(line('hub1.ios', res[0]), '10.0.0.1 255.255.255.0');
  });

  test('go to definition on a tunnel interface offers its other end', async () => {
    const res = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('spoke1.ios') }, position: pos(text('spoke1.ios'), 'interface Tunnel1', 'Tunnel1') });
    assert.deepEqual(res.map((l) => `${path.basename(l.uri)} ${line('hub2.ios', l)}`), ['hub2.ios Tunnel1']);
  });

  test('workspace symbols: fuzzy query over every file of the workspace, open or not', async () => {
    assert.equal(init.capabilities.workspaceSymbolProvider, true);
    const res = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'tun1' });
    const tunnels = res.filter((r) => r.name === 'Tunnel1').map((r) => `${r.containerName} ${path.basename(r.location.uri)}:${r.location.range.start.line}`);
    assert.deepEqual(tunnels, ['tunnel · hub2 hub2.ios:22', 'tunnel · spoke1 spoke1.ios:40', 'tunnel · spoke2 spoke2.ios:40']);
    const hubs = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'hub' });
    assert.deepEqual(hubs.slice(0, 2).map((r) => `${r.name} ${r.containerName}`), ['hub1 device (cisco-ios)', 'hub2 device (cisco-ios)']);
  });

  test('find references on a hub\'s tunnel address lists the spokes\' statements', async () => {
    await client.open(uri('hub2.ios'), 'cisco-ios', text('hub2.ios'));
    const res = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri('hub2.ios') },
      position: pos(text('hub2.ios'), 'ip address 10.1.1.1', '10.1.1.1'),
      context: { includeDeclaration: false },
    });
    assert.deepEqual(
      res.map((l) => `${path.basename(l.uri)}:${l.range.start.line}:${l.range.start.character}`),
      ['spoke1.ios:43:13', 'spoke1.ios:45:13', 'spoke1.ios:64:10', 'spoke2.ios:43:13', 'spoke2.ios:45:13', 'spoke2.ios:64:10'],
    );
    for (const l of res) assert.equal(line(path.basename(l.uri), l), '10.1.1.1');
  });

  test('document links: a BIRD include opens the file next to it', async () => {
    assert.deepEqual(init.capabilities.documentLinkProvider, { resolveProvider: false });
    const bird = path.join(ws, 'routers', 'bird.conf');
    const text = 'router id 10.255.0.9;\ninclude "ospf.conf";\nprotocol device { }\n';
    fs.mkdirSync(path.dirname(bird));
    fs.writeFileSync(bird, text);
    await client.open(pathToFileURL(bird).href, 'bird', text);
    const res = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri: pathToFileURL(bird).href } });
    assert.deepEqual(res.map((l) => ({ range: l.range, target: l.target })), [
      { range: { start: { line: 1, character: 9 }, end: { line: 1, character: 18 } }, target: pathToFileURL(path.join(ws, 'routers', 'ospf.conf')).href },
    ]);
  });

  test('inlay hints: effective defaults at exact positions, off with netcfg.inlayHints.defaults = false', async () => {
    assert.deepEqual(init.capabilities.inlayHintProvider, { resolveProvider: false });
    const params = { textDocument: { uri: uri('spoke1.ios') }, range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } } };
    const res = await client.request<InlayHint[]>('textDocument/inlayHint', params);
    assert.deepEqual(res.map((h) => ({ position: h.position, label: h.label })), [
      { position: { line: 8, character: 23 }, label: 'lifetime 86400 s (IOS default)' },
      { position: { line: 23, character: 19 }, label: 'hello 10 · dead 40 · network loopback (IOS default)' },
      { position: { line: 26, character: 17 }, label: 'hello 30 · dead 120 (IOS default)' },
    ]);
    client.settings = { inlayHints: { defaults: false } };
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    // The server pulls the settings after the notification: ask until it has them (at most 5 s).
    let off = res;
    for (let i = 0; i < 100 && off.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      off = await client.request<InlayHint[]>('textDocument/inlayHint', params);
    }
    assert.deepEqual(off, []);
    client.settings = {};
    await client.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  });

  test('code lens on a tunnel interface names its peer and opens it (window/showDocument)', async () => {
    assert.deepEqual(init.capabilities.executeCommandProvider, { commands: ['netcfg.openPeer'] });
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: uri('spoke1.ios') } });
    const peer = lenses.filter((l) => l.command?.command === 'netcfg.openPeer');
    assert.deepEqual(peer.map((l) => `${l.range.start.line}:${l.range.start.character} ${l.command!.title}`), ['26:10 ↔ hub1: ok', '40:10 ↔ hub2: ok']);
    await client.request('workspace/executeCommand', { command: peer[1].command!.command, arguments: peer[1].command!.arguments });
    await client.waitFor(() => shown.length > 0, 'window/showDocument');
    assert.deepEqual(shown[0], { uri: uri('hub2.ios'), selection: { start: { line: 22, character: 10 }, end: { line: 22, character: 17 } }, takeFocus: true });
  });
});
