// The npm package of the CLI: `npm pack` makes a tarball (.npmignore decides what it holds) that installs offline
// into an empty folder outside the repository with no dependency at all (the bundles carry everything), and whose
// `bin` runs with `npx netcfg`: check on a copy of the examples (text and SARIF, worker threads), graph as SVG
// (elkjs loaded from the package's own folder), --version.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { ensureBuilt, ROOT } from './build';
import { NPM, NPX, packTarball, sh } from './pack-helper';

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

let tmp: string;

before(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-pack-'));
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('npm pack: the CLI bundles, docs, schema, README, CHANGELOG and LICENSE; no sources, tests or node_modules', () => {
  const { files } = packTarball(tmp);
  for (const want of ['package.json', 'server/out/cli.js', 'server/out/worker.js', 'server/out/elk.js', 'README.md', 'CHANGELOG.md', 'LICENSE', 'docs/diagnostics.md', 'docs/ci.md', 'schemas/netcfg.schema.json']) {
    assert.ok(files.includes(want), `missing ${want}: ${files.join(' ')}`);
  }
  assert.deepEqual(files.filter((f) => /(^|\/)(src|test|node_modules|examples|e2e)\/|\.ts$|\.map$|\.vsix$/.test(f)), []);
  // Nothing is left for npm to install: the bundles carry their dependencies.
  assert.equal(PKG.dependencies, undefined, 'package.json has runtime dependencies; the bundles must carry them');
});

test('CHANGELOG.md has a section for the package version (one per release)', () => {
  const changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8');
  const sections = [...changelog.matchAll(/^## (\S+)/gm)].map((m) => m[1]);
  assert.ok(sections.includes(PKG.version), `no "## ${PKG.version}" in CHANGELOG.md: ${sections.join(', ')}`);
  assert.equal(new Set(sections).size, sections.length, 'a release has one section');
});

test('installed offline into an empty folder, `npx netcfg` checks the examples from there', () => {
  const { file } = packTarball(tmp);
  const prefix = path.join(tmp, 'install');
  fs.mkdirSync(prefix);
  // An empty cache and --offline: the install can only succeed with no dependency to fetch.
  const env = { ...process.env, npm_config_cache: path.join(tmp, 'npm-cache'), npm_config_update_notifier: 'false', NO_COLOR: '1' };
  const install = sh(NPM, ['install', '--offline', '--no-audit', '--no-fund', file], { cwd: prefix, env });
  assert.equal(install.status, 0, install.stdout + install.stderr);
  assert.deepEqual(fs.readdirSync(path.join(prefix, 'node_modules')).filter((n) => !n.startsWith('.')), ['netcfg']);

  const work = path.join(tmp, 'configs');
  fs.cpSync(path.join(ROOT, 'examples'), work, { recursive: true });
  const npx = (args: string[], extraEnv: NodeJS.ProcessEnv = {}) => sh(NPX, ['--no-install', 'netcfg', ...args], { cwd: prefix, env: { ...env, ...extraEnv } });

  const version = npx(['--version']);
  assert.equal(version.stdout, `netcfg ${PKG.version}\n`, version.stderr);
  const text = npx(['check', work]);
  assert.equal(text.status, 1, text.stderr);
  assert.match(text.stdout, /mikrotik\.rsc:\d+:\d+ error ipsec\/psk-mismatch /);
  assert.match(text.stdout, /^11 files checked: 2 errors, /m);
  const sarif = JSON.parse(npx(['check', work, '--format', 'sarif']).stdout);
  assert.equal(sarif.runs[0].tool.driver.name, 'netcfg');
  // Worker threads load worker.js from the package's folder.
  const jobs = npx(['check', work, '--jobs', '2'], { NETCFG_POOL_MIN_BYTES: '0', NETCFG_POOL_STATS: '1' });
  assert.match(jobs.stderr, /^netcfg: pool: [1-9]\d* workers?, \d+ chunks, 0 redone in-process/m);
  assert.equal(jobs.stdout, text.stdout);
  // elkjs is loaded from the package's folder for SVG.
  const svg = npx(['graph', work, '--format', 'svg']);
  assert.equal(svg.status, 0, svg.stderr);
  assert.match(svg.stdout, /^<svg /);
});
