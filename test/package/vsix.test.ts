// Packages the extension with @vscode/vsce (as `npm run package` does) and checks what the .vsix holds:
// bundles, grammars, language configurations, snippets, schema, README/CHANGELOG/LICENSE, icon — no sources, no
// node_modules — and that it stays small.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../..');

/** Names of the entries of a zip file, read from its central directory. */
function zipEntries(buf: Buffer): string[] {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  assert.ok(eocd >= 0, 'not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let off = buf.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(off), 0x02014b50);
    const nameLen = buf.readUInt16LE(off + 28);
    const extraLen = buf.readUInt16LE(off + 30);
    const commentLen = buf.readUInt16LE(off + 32);
    names.push(buf.toString('utf8', off + 46, off + 46 + nameLen));
    off += 46 + nameLen + extraLen + commentLen;
  }
  return names;
}

test('the .vsix holds the bundles and contributions only, and stays under 2 MB', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-vsix-')), 'netcfg.vsix');
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: root, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  const pack = spawnSync(path.join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '-o', out], { cwd: root, encoding: 'utf8' });
  assert.equal(pack.status, 0, pack.stdout + pack.stderr);
  const entries = zipEntries(fs.readFileSync(out));
  for (const want of [
    'extension/package.json',
    'extension/client/out/extension.js',
    'extension/server/out/server.js',
    // The web extension (package.json `browser`) and its worker server.
    'extension/client/out/browser.js',
    'extension/server/out/browser.js',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
    'extension/images/icon.png',
    'extension/schemas/netcfg.schema.json',
    'extension/docs/diagnostics.md',
    ...['cisco-ios', 'cisco-asa', 'routeros', 'openbsd-ipsec', 'bird'].flatMap((id) => [`extension/syntaxes/${id}.tmLanguage.json`, `extension/language-configuration/${id}.json`, `extension/snippets/${id}.json`]),
  ]) {
    assert.ok(entries.includes(want), `missing ${want}`);
  }
  assert.deepEqual(entries.filter((e) => /\.ts$|node_modules|\/src\/|\.map$|\/test\//.test(e)), []);
  assert.ok(fs.statSync(out).size < 2 * 1024 * 1024, `vsix is ${fs.statSync(out).size} bytes`);
  // The development bundles come back for the other tests (source maps, unminified).
  assert.equal(spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root }).status, 0);
});
