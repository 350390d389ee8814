// Packing the CLI's npm package for tests (test/cli/pack.test.ts, test/cli/ci-integrations.test.ts). Test helper only.

import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import * as path from 'node:path';
import { ROOT } from './build';

export const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
export const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';

export function sh(cmd: string, args: string[], options: SpawnSyncOptions): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(cmd, args, { encoding: 'utf8', timeout: 300_000, maxBuffer: 64 * 1024 * 1024, ...options });
  return { status: res.status, stdout: String(res.stdout), stderr: String(res.stderr) };
}

/**
 * Packs the working tree into `dest` with the bundles as built (`npm pack` alone would first rebuild them minified,
 * by `prepack`, under the feet of the other tests); returns the tarball and the files it holds.
 */
export function packTarball(dest: string): { file: string; files: string[] } {
  const r = sh(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], { cwd: ROOT, env: { ...process.env, npm_config_update_notifier: 'false' } });
  assert.equal(r.status, 0, r.stderr);
  const [info] = JSON.parse(r.stdout);
  return { file: path.join(dest, info.filename), files: info.files.map((f: { path: string }) => f.path) };
}
