// Packages the extension with @vscode/vsce (with the arguments of `npm run package`) and checks what the .vsix
// holds: bundles, grammars, language configurations, snippets, schema, README/CHANGELOG/LICENSE, icon — no sources,
// no node_modules — that it stays small, that vsce warns about nothing, that the marketplace listing has what it
// needs (icon, categories, keywords, gallery banner, links, license) and that README's images resolve in it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import * as zlib from 'node:zlib';

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

/** The bytes of one entry of a zip file (stored or deflated). */
function zipRead(buf: Buffer, name: string): Buffer {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  let off = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < buf.readUInt16LE(eocd + 10); i++) {
    const nameLen = buf.readUInt16LE(off + 28);
    const entry = buf.toString('utf8', off + 46, off + 46 + nameLen);
    if (entry === name) {
      const method = buf.readUInt16LE(off + 10);
      const size = buf.readUInt32LE(off + 20);
      const local = buf.readUInt32LE(off + 42);
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 8 ? zlib.inflateRawSync(new Uint8Array(data)) : data;
    }
    off += 46 + nameLen + buf.readUInt16LE(off + 30) + buf.readUInt16LE(off + 32);
  }
  throw new Error(`no ${name} in the zip`);
}

/** The vsce arguments of `npm run package` (`vsce package …`), so the test packages as users do. */
function packageScriptArgs(): string[] {
  const script: string = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts.package;
  const m = /vsce (package [^&|;]*?)\s+-o\s+\S+\s*$/.exec(script);
  assert.ok(m, `the package script runs vsce package … -o FILE: ${script}`);
  return m[1].split(/\s+/);
}

/**
 * A copy of the project's sources (node_modules linked, no bundles) to build the shipped bundles in. Building them in
 * place would swap the development bundles under the tests running beside this one (a CLI half written, or fault
 * hooks the production bundles ignore).
 */
function stagingCopy(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-vsix-src-'));
  // What .gitignore leaves out: dependencies, bundles, caches, downloaded tools, profiles, packages.
  const skip = /(^|\/)(node_modules|out|\.cache|\.git|\.vscode-test|test-results)(\/|$)|^e2e\/\.tools(\/|$)|\.(vsix|cpuprofile)$/;
  fs.cpSync(root, dir, { recursive: true, filter: (src) => !skip.test(path.relative(root, src).split(path.sep).join('/')) });
  fs.symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  return dir;
}

test('the .vsix holds the bundles and contributions only, and stays under 2 MB', () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-vsix-')), 'netcfg.vsix');
  const stage = stagingCopy();
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: stage, encoding: 'utf8' });
  assert.equal(build.status, 0, build.stderr);
  // The shipped bundles are built without the test hooks (esbuild.mjs): fault injection and the pool's measurement
  // switch are ignored; the documented pool variables still work.
  const check = (env: NodeJS.ProcessEnv) => spawnSync(process.execPath, ['server/out/cli.js', 'check', 'examples', '--jobs', '2'], { cwd: stage, encoding: 'utf8', env: { ...process.env, NETCFG_POOL_MIN_BYTES: '0', NETCFG_POOL_STATS: '1', ...env } });
  const plain = check({});
  const hooked = check({ NETCFG_TEST_FAULT: 'parse-throw:hostname', NETCFG_POOL_LOCAL: '0' });
  assert.match(plain.stderr, /^netcfg: pool: 1 workers?, \d+ chunks, 0 redone in-process, 0 not plain, [1-9]\d* on the main thread$/m);
  assert.equal(hooked.stdout, plain.stdout);
  assert.equal(hooked.stderr, plain.stderr, 'no internal error, and the main thread still lowers its share');
  assert.doesNotMatch(plain.stdout, /internal\/parser-crash/);
  const args = packageScriptArgs();
  const pack = spawnSync(path.join(root, 'node_modules/.bin/vsce'), [...args, '-o', out], { cwd: stage, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } });
  assert.equal(pack.status, 0, pack.stdout + pack.stderr);
  // vsce prints warnings (missing repository or license, star activation, too many files…) with a WARNING label.
  assert.deepEqual((pack.stdout + pack.stderr).split('\n').filter((l) => /WARNING|::warning/i.test(l)), []);
  const zip = fs.readFileSync(out);
  const entries = zipEntries(zip);
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
    'extension/docs/images/completion.png',
    ...['cisco-ios', 'cisco-asa', 'routeros', 'openbsd-ipsec', 'bird', 'strongswan'].flatMap((id) => [`extension/syntaxes/${id}.tmLanguage.json`, `extension/language-configuration/${id}.json`, `extension/snippets/${id}.json`]),
    'extension/syntaxes/swanctl.tmLanguage.json',
    'extension/language-configuration/swanctl.json',
  ]) {
    assert.ok(entries.includes(want), `missing ${want}`);
  }
  assert.deepEqual(entries.filter((e) => /\.ts$|node_modules|\/src\/|\.map$|\/test\//.test(e)), []);
  assert.ok(fs.statSync(out).size < 2 * 1024 * 1024, `vsix is ${fs.statSync(out).size} bytes`);

  // The marketplace listing: what the manifest says reaches extension.vsixmanifest.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const manifest = zipRead(zip, 'extension.vsixmanifest').toString('utf8');
  const tags = /<Tags>([^<]*)<\/Tags>/.exec(manifest)?.[1].split(',') ?? [];
  for (const k of ['ipsec', 'ospf', 'mikrotik', 'cisco']) assert.ok(pkg.keywords.includes(k) && tags.includes(k), `keyword ${k}`);
  assert.match(manifest, /<Categories>Programming Languages,Linters,Snippets<\/Categories>/);
  assert.match(manifest, new RegExp(`<Property Id="Microsoft.VisualStudio.Services.Branding.Color" Value="${pkg.galleryBanner.color}" />`));
  assert.match(manifest, /<Property Id="Microsoft.VisualStudio.Services.Branding.Theme" Value="dark" \/>/);
  for (const [id, url] of [['Source', `${pkg.repository.url}.git`], ['Support', pkg.bugs.url], ['Learn', pkg.homepage]]) {
    assert.ok(manifest.includes(`<Property Id="Microsoft.VisualStudio.Services.Links.${id}" Value="${url}" />`), `link ${id}`);
  }
  assert.match(manifest, /<License>extension\/LICENSE\.txt<\/License>/);
  assert.match(manifest, /<Icon>extension\/images\/icon\.png<\/Icon>/);
  // The project's address is set once (package.json repository.url); the other links derive from it.
  for (const url of [pkg.bugs.url, pkg.homepage]) assert.ok(url.startsWith(pkg.repository.url), url);
  // README's images are relative paths to files inside the package.
  const readme = zipRead(zip, 'extension/readme.md').toString('utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
  assert.ok(images.length > 0);
  for (const img of images) {
    assert.doesNotMatch(img, /^[a-z]+:/i, `image ${img} is not a relative path`);
    assert.ok(entries.includes(`extension/${path.posix.normalize(img)}`), `image ${img} is not in the package`);
  }
  fs.rmSync(stage, { recursive: true, force: true });
});
