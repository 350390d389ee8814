// The web worker reaches the workspace only through its client (server/src/protocol-fs.ts): the client's handlers
// (client/src/workspace-fs.ts, over a vscode.workspace look-alike backed by a real folder) and the worker's host
// (server/src/lsp/client-fs.ts) must together index exactly what the Node server's host (lsp/node-host.ts: the
// folder walk and bounded reads of host/) indexes: the same files (name rules, hidden folders,
// SKIP_DIRS, generic names over the cap left out) and the same read results (size cap, BOM decoding, binary refused).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type * as vscode from 'vscode';
import type { Connection } from 'vscode-languageserver';
import { toBase64, workspaceFsHandlers, type WorkspaceApi } from '../../client/src/workspace-fs';
import { clientHost, fromBase64 } from '../../server/src/lsp/client-fs';
import type { HostFile, ServerHost } from '../../server/src/lsp/host';
import { nodeHost } from '../../server/src/lsp/node-host';
import { FS_LIST_REQUEST, FS_READ_REQUEST, FS_STAT_REQUEST } from '../../server/src/protocol-fs';

const MAX = 4096;

function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-webfs-'));
  const put = (rel: string, data: string | Uint8Array) => {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), data);
  };
  put('site/r1.ios', 'hostname r1\n!\ninterface Tunnel0\n ip address 10.0.0.1 255.255.255.252\n!\nend\n');
  put('site/mikrotik.rsc', '/system identity\nset name=mk\n');
  put('site/edge', 'hostname edge\n!\nend\n'); // no extension: a generic name, detected by content
  put('site/notes.txt', 'hostname notes\n');
  put('site/big.cfg', `hostname big\n${'!\n'.repeat(MAX)}`); // generic name over the cap: left out silently
  put('site/huge.ios', `hostname huge\n${'!\n'.repeat(MAX)}`); // dialect name over the cap: listed, skipped with a note
  put('site/utf16.ios', new Uint8Array([0xff, 0xfe, ...[...'hostname u16\n'].flatMap((c) => [c.charCodeAt(0), 0])]));
  put('site/blob.cfg', new Uint8Array(600).map((_, i) => (i % 3 ? 0 : 65)));
  put('site/README', 'not a config\n');
  put('site/LICENSE', 'MIT\n');
  put('netcfg.yaml', 'devices: {}\n');
  put('sub dir/ä r2.ios', 'hostname r2\n');
  put('.hidden/h.ios', 'hostname hidden\n');
  put('node_modules/pkg/n.ios', 'hostname nm\n');
  put('out/o.ios', 'hostname out\n');
  put('docs/readme.md', '# docs\n');
  return dir;
}

type FakeUri = vscode.Uri & { fsPath: string };

/** The vscode API the client handlers use, over a real folder (findFiles walks it and applies the exclude braces). */
function fakeApi(): WorkspaceApi {
  const uri = (p: string) => ({ fsPath: p, toString: () => pathToFileURL(p).href }) as unknown as FakeUri;
  return {
    async findFiles(include, exclude, max) {
      const { base, pattern } = include as unknown as { base: FakeUri; pattern: string };
      assert.equal(pattern, '**/*');
      const skip = new Set(/^\*\*\/\{(.*)\}\/\*\*$/.exec(String(exclude ?? ''))?.[1].split(',') ?? []);
      const res: FakeUri[] = [];
      const stack = [base.fsPath];
      while (stack.length) {
        const dir = stack.pop()!;
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          if (e.isDirectory()) {
            if (!skip.has(e.name)) stack.push(path.join(dir, e.name));
          } else res.push(uri(path.join(dir, e.name)));
        }
      }
      return res.slice(0, max);
    },
    fs: {
      async stat(u: vscode.Uri) {
        const st = fs.statSync((u as FakeUri).fsPath);
        return { type: st.isDirectory() ? 2 : st.isFile() ? 1 : 0, size: st.size, ctime: 0, mtime: 0 } as vscode.FileStat;
      },
      async readFile(u: vscode.Uri) {
        return new Uint8Array(fs.readFileSync((u as FakeUri).fsPath));
      },
    },
    parseUri: (value) => uri(fileURLToPath(value)),
    relativePattern: (base, pattern) => ({ base, pattern }) as unknown as vscode.GlobPattern,
    fileType: { File: 1, Directory: 2 },
  };
}

/** The worker's host talking to the client's handlers, every message through JSON as on the wire. */
function webHost(): { host: ServerHost; calls: string[] } {
  const handlers = workspaceFsHandlers(fakeApi());
  const calls: string[] = [];
  const routes: Record<string, (p: never) => Promise<unknown>> = { [FS_LIST_REQUEST]: handlers.list, [FS_STAT_REQUEST]: handlers.stat, [FS_READ_REQUEST]: handlers.read };
  const connection = {
    sendRequest: async (method: string, params: unknown) => {
      calls.push(method);
      return JSON.parse(JSON.stringify(await routes[method](JSON.parse(JSON.stringify(params)) as never)));
    },
  } as unknown as Connection;
  return { host: clientHost(connection), calls };
}

async function list(host: ServerHost, root: string): Promise<string[]> {
  const res: HostFile[] = [];
  const problems: string[] = [];
  for await (const f of host.listConfigFiles(root, { maxFileSize: MAX, isCancelled: () => false, onProblem: (w, r) => problems.push(`${w}: ${r}`) })) res.push(f);
  assert.deepEqual(problems, []);
  return res.map((f) => f.uri);
}

test('the web host lists the same files as the Node walk', async () => {
  const dir = workspace();
  const root = pathToFileURL(dir).href;
  const node = await list(nodeHost, root);
  const { host } = webHost();
  const web = await list(host, root);
  const rel = (u: string) => decodeURIComponent(u.slice(root.length + 1));
  for (const want of ['netcfg.yaml', 'site/edge', 'site/huge.ios', 'site/mikrotik.rsc', 'site/notes.txt', 'site/r1.ios', 'site/utf16.ios', 'site/blob.cfg', 'sub dir/ä r2.ios']) assert.ok(node.map(rel).includes(want), `node lists ${want}`);
  for (const never of ['site/big.cfg', 'site/README', 'site/LICENSE', '.hidden/h.ios', 'node_modules/pkg/n.ios', 'out/o.ios', 'docs/readme.md']) assert.ok(!node.map(rel).includes(never), `node leaves out ${never}`);
  assert.deepEqual([...web].sort(), [...node].sort(), 'the same files');
  assert.deepEqual(web, [...web].sort(), 'in URI order (deterministic)');
});

test('the web host reads, stats and decodes as the Node host does (cap, BOM, binary)', async () => {
  const dir = workspace();
  const root = pathToFileURL(dir).href;
  const { host, calls } = webHost();
  for (const uri of await list(nodeHost, root)) {
    assert.deepEqual(await host.readConfig(uri, { maxFileSize: MAX }), await nodeHost.readConfig(uri, { maxFileSize: MAX }), uri);
  }
  const u16 = await host.readConfig(`${root}/site/utf16.ios`, { maxFileSize: MAX });
  assert.deepEqual(u16, { ok: true, text: 'hostname u16\n', encoding: 'utf-16le' });
  const huge = await host.readConfig(`${root}/site/huge.ios`, { maxFileSize: MAX });
  assert.equal(huge.ok, false);
  assert.match((huge as { reason: string }).reason, /larger than netcfg.maxFileSize/);
  const blob = await host.readConfig(`${root}/site/blob.cfg`, { maxFileSize: MAX });
  assert.equal(!blob.ok && blob.skip?.code, 'detect/binary-file');
  for (const u of [`${root}/site`, `${root}/site/r1.ios`, `${root}/missing.ios`]) assert.deepEqual(await host.stat(u), await nodeHost.stat(u), u);
  assert.equal(await host.readText(`${root}/missing.json`), undefined);
  assert.equal(await host.readText(`${root}/netcfg.yaml`), 'devices: {}\n');
  assert.ok(calls.includes(FS_READ_REQUEST) && calls.includes(FS_STAT_REQUEST));
  // A read over the cap never transfers the bytes: the client answers from its stat.
  assert.deepEqual(await workspaceFsHandlers(fakeApi()).read({ uri: `${root}/site/huge.ios`, maxBytes: MAX }), { kind: 'tooLarge', size: fs.statSync(path.join(dir, 'site/huge.ios')).size });
});

test('canonical URIs: workspace schemes kept as they are, unsaved and diff documents not readable', () => {
  const { host } = webHost();
  assert.equal(host.canonicalUri('vscode-vfs://github/netcfg/netcfg/examples/r1.ios'), 'vscode-vfs://github/netcfg/netcfg/examples/r1.ios');
  assert.equal(host.canonicalUri('memfs:/ws/r1.ios'), 'memfs:/ws/r1.ios');
  assert.equal(host.canonicalUri('untitled:Untitled-1'), undefined);
  assert.equal(host.canonicalUri('git:/ws/r1.ios?%7B%7D'), undefined);
  assert.equal(nodeHost.canonicalUri('file:///tmp/a%20b/r1.ios'), 'file:///tmp/a%20b/r1.ios');
  assert.equal(nodeHost.canonicalUri('untitled:Untitled-1'), undefined);
});

test('base64 both ways, for every byte value and past one chunk', () => {
  const bytes = new Uint8Array(70000).map((_, i) => (i * 7) % 256);
  assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
  assert.equal(toBase64(new Uint8Array([0, 255, 128])), Buffer.from([0, 255, 128]).toString('base64'));
});
