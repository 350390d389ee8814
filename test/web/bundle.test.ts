// The web extension's bundles hold no Node built-in: the worker (server/out/browser.js) runs in a browser worker
// and the client (client/out/browser.js) in VS Code's web worker extension host, where `fs`, `path`, `crypto`…
// do not exist. esbuild.mjs refuses such a bundle (`nodeImports` over the metafile); this reads the metafile the
// build wrote and the bundles themselves, and proves the check catches a built-in.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as esbuild from 'esbuild';

const root = path.resolve(__dirname, '../..');

type Metafile = { inputs: Record<string, { imports: { path: string; external?: boolean }[] }> };
async function checks(): Promise<{ nodeImports: (m: Metafile, allowed?: string[]) => string[]; browser: esbuild.BuildOptions }> {
  return import(path.join(root, 'esbuild.mjs'));
}

test('the worker bundle imports no Node built-in and leaves nothing external (metafile of the last build)', async () => {
  const { nodeImports } = await checks();
  const meta = JSON.parse(fs.readFileSync(path.join(root, 'server/out/browser.meta.json'), 'utf8')) as Metafile;
  const inputs = Object.keys(meta.inputs);
  assert.ok(inputs.includes('server/src/browser.ts') && inputs.includes('server/src/lsp/server.ts') && inputs.includes('server/src/service.ts'), 'the metafile is the worker bundle with the shared session');
  assert.ok(inputs.includes('server/src/browser-sha256.ts'), 'node:crypto resolved to the SHA-256 shim');
  assert.ok(!inputs.some((i) => /host\/(scan|read|pool|worker|project)\.ts$|lsp\/node-host\.ts$/.test(i)), `no file-system host in the worker: ${inputs.filter((i) => /host\//.test(i))}`);
  assert.ok(!inputs.some((i) => /vscode-languageserver\/lib\/node\//.test(i)), 'the browser part of vscode-languageserver only');
  assert.deepEqual(nodeImports(meta), []);
});

test('the bundles call no require() of a module (a CommonJS require of a built-in would fail in a worker)', () => {
  const worker = fs.readFileSync(path.join(root, 'server/out/browser.js'), 'utf8');
  assert.deepEqual(worker.match(/\brequire\(\s*["'][^"']+["']\s*\)/g) ?? [], []);
  assert.ok(!/\bprocess\.(env|argv|stdin|stdout|exit)\b/.test(worker), 'no process global');
  const client = fs.readFileSync(path.join(root, 'client/out/browser.js'), 'utf8');
  assert.deepEqual([...new Set(client.match(/\brequire\(\s*["'][^"']+["']\s*\)/g) ?? [])], ['require("vscode")'], 'the web client requires vscode only');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { browser?: string; main?: string };
  assert.equal(pkg.browser, './client/out/browser.js');
  assert.equal(pkg.main, './client/out/extension.js');
});

test('the check catches a built-in left external and a bare module the bundle does not hold', async () => {
  const { nodeImports, browser } = await checks();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-web-'));
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(entry, "import { readFileSync } from 'fs';\nimport * as p from 'node:path';\nimport * as x from 'some-package';\nexport const f = () => [readFileSync, p, x];\n");
  const res = await esbuild.build({ ...browser, entryPoints: [entry], write: false, metafile: true, external: ['fs', 'node:path', 'some-package'], logLevel: 'silent', absWorkingDir: dir });
  assert.deepEqual(nodeImports(res.metafile as Metafile).map((s) => s.replace(/^.* imports /, '')).sort(), ['fs', 'node:path', 'some-package']);
  assert.deepEqual(nodeImports(res.metafile as Metafile, ['some-package']).map((s) => s.replace(/^.* imports /, '')).sort(), ['fs', 'node:path']);
  // Without `external`, esbuild itself refuses a built-in on the browser platform.
  await assert.rejects(esbuild.build({ ...browser, entryPoints: [entry], write: false, logLevel: 'silent', absWorkingDir: dir, plugins: [] }));
});
