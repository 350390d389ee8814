// Builds the bundles once for the CLI and LSP tests (`node esbuild.mjs --if-stale`), under a lock so two test
// files running in parallel never read a half-written bundle. Test helper only.

import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'server/out/cli.js');
export const SERVER = path.join(ROOT, 'server/out/server.js');

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Runs the stale-check build; throws with esbuild's output when it fails. */
export function ensureBuilt(): void {
  const id = crypto.createHash('sha1').update(ROOT).digest('hex').slice(0, 12);
  const lock = path.join(os.tmpdir(), `netcfg-build-${id}.lock`);
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // A lock older than three minutes belongs to a killed run.
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 180_000) fs.rmSync(lock, { recursive: true, force: true });
      } catch {
        /* gone meanwhile */
      }
      if (Date.now() > deadline) throw new Error(`build lock ${lock} held for too long`);
      sleep(100);
    }
  }
  try {
    const res = spawnSync(process.execPath, ['esbuild.mjs', '--if-stale'], { cwd: ROOT, encoding: 'utf8' });
    if (res.status !== 0) throw new Error(`build failed:\n${res.stdout}${res.stderr}`);
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
