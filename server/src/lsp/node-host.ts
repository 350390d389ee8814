// The Node server's host (server/src/server.ts): the workspace is the file system, walked by host/scan.ts and read
// by host/read.ts (the same rules as the CLI), closed files indexed on the worker threads of host/pool.ts. Disk URIs
// are `file:` URIs as `pathToFileURL` spells them.

import * as fs from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { defaultJobs, lowerInWorkers, workerCount } from '../host/pool';
import { readConfigFile } from '../host/read';
import { scanDirectory } from '../host/scan';
import type { HostStat, ServerHost } from './host';

function pathOf(uri: string): string | undefined {
  if (typeof uri !== 'string' || !uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export const nodeHost: ServerHost = {
  kind: 'node',
  canonicalUri(uri) {
    const file = pathOf(uri);
    return file === undefined ? undefined : pathToFileURL(file).href;
  },
  async *listConfigFiles(rootUri, options) {
    const root = pathOf(rootUri);
    if (root === undefined) return;
    const onProblem = (p: { path: string; reason: string }) => options.onProblem(p.path, p.reason);
    for await (const cand of scanDirectory(root, { maxFileSize: options.maxFileSize, isCancelled: options.isCancelled, onProblem })) {
      yield { uri: pathToFileURL(cand.path).href, size: cand.size };
    }
  },
  async stat(uri): Promise<HostStat | undefined> {
    const file = pathOf(uri);
    if (file === undefined) return undefined;
    try {
      const st = await fs.promises.stat(file);
      return { kind: st.isDirectory() ? 'directory' : st.isFile() ? 'file' : 'other', size: st.size };
    } catch {
      return undefined;
    }
  },
  async readConfig(uri, options) {
    const file = pathOf(uri);
    if (file === undefined) return { ok: false, reason: 'not a file: URI' };
    return readConfigFile(file, options);
  },
  async readText(uri) {
    const file = pathOf(uri);
    if (file === undefined) return undefined;
    try {
      return await fs.promises.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
  },
  nextTurn: () => new Promise((resolve) => setImmediate(resolve)),
  // The CLI's pool, with no share for the main thread (it answers requests), taking in one file per message and per
  // turn of the event loop (`sliced`: requests run between the results). The worker is this bundle itself
  // (server.ts runs `runPoolWorker` off the main thread): the .vsix carries one copy of the service, not two.
  indexer: {
    // Workers only where there are more than two cores. On two (docs/performance.md "Indexing on two cores" and
    // "Indexing on workers in slices"), two workers index a 1,000-file fleet no sooner than the main thread alone
    // (5.2-6.7 s against 5.3-7.2 s quiet; about 12 s against 8-10 s under load, their lowered priority yielding to
    // other processes too), so they cost CPU for nothing; with slices the open file's requests no longer wait.
    defaultJobs: () => {
      const cores = defaultJobs();
      return cores > 2 ? cores : 1;
    },
    workers: workerCount,
    async lower(files, workers, init, onResult) {
      const stats = await lowerInWorkers(files.map((f) => ({ uri: f.uri, abs: pathOf(f.uri) ?? '' })), workers, { ...init, background: true }, onResult, undefined, __filename, { sliced: true });
      return stats.workers;
    },
  },
};
