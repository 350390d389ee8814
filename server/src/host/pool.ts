// The worker pool of batch mode (`netcfg check --jobs N`): reading, decoding, parsing, lowering and the device checks
// of files run on worker threads (server/out/worker.js, entry host/worker.ts) and, with `local`, on the main thread
// too; everything across files stays on the main thread.
// Files go out in contiguous chunks (several files per message, at most two chunks queued per worker) and the
// results are handed to the caller strictly in file order, whatever the timing, so the output is the same as
// in-process, byte for byte. A worker that dies or whose message cannot be read never hangs the run: the files of
// its chunks are answered `inprocess` (the caller reads and lowers them itself) and the other workers go on.

import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { HostSkip, PrecomputedLowering, ServiceSettings } from '../service';
import { restorePlain } from './plain';

/** What a worker is given once. */
export interface WorkerInit {
  settings: Partial<ServiceSettings>;
  maxFileSize: number;
  /** The netcfg.yaml documents the reporting service holds (their overrides apply to the models, their policies decide what is posted). */
  projects: { uri: string; text: string; skip?: HostSkip }[];
  /** Post the whole model (the language server's indexing: its editor features read definitions and references). */
  whole?: boolean;
  /**
   * Background work (the language server's indexing): each worker thread lowers its own scheduling priority
   * (`os.setPriority(0, …)`, which on Linux applies to the calling thread only), so that on a machine with as
   * many busy threads as cores the main thread, answering the editor's requests, is scheduled first.
   */
  background?: boolean;
}

export interface ChunkRequest {
  id: number;
  /** `abs`: a path, or its raw bytes (a name that is not UTF-8), which arrive as a plain Uint8Array; `size`: see `PoolFile`. */
  files: { uri: string; abs: string | Buffer; size?: number }[];
}

/** The outcome for one file, in the order of the request. */
export type FileResult =
  /** The host's read rules refused the path: named on stderr, exit 2. */
  | { kind: 'unreadable'; reason: string }
  /** Read (or skipped with `skip`), not lowered here: no dialect, or a model that would not survive the clone. */
  | { kind: 'text'; text: string; skip?: HostSkip; notPlain?: true }
  /** Read and lowered (`precompute`: internal errors inside, reported by `setLowered` in file order). */
  | { kind: 'lowered'; text: string; precomputed: PrecomputedLowering }
  /** The worker died or its answer was lost: the caller does this file in-process. */
  | { kind: 'inprocess' };

export interface ChunkResponse {
  id: number;
  results: FileResult[];
  /** Objects inside `results` that had no prototype in the worker (see plain.ts). */
  nullProtos: object[];
}

export interface PoolFile {
  uri: string;
  abs: string | Buffer;
  /** The size the walk that found this regular file saw (then it is not stat'ed again before it is read). */
  size?: number;
}

export interface PoolStats {
  workers: number;
  chunks: number;
  /** Files answered `inprocess` because a worker died or its message was lost. */
  redone: number;
  /** Files lowered by a worker whose result was not plain data (lowered again in-process). */
  notPlain: number;
  /** Chunks the main thread lowered itself (`local`). */
  local: number;
}

/**
 * Below this many bytes of input per worker the pool does not pay: each worker loads the bundle and warms up its
 * own JIT (~0.2 s of CPU before its first file is fast), and on two cores the extra CPU cancels the parallel part up
 * to ~1.7 MB per worker (measured: docs/performance.md, "Parse and lower on two cores").
 * `NETCFG_POOL_MIN_BYTES` overrides it (documented in README.md; tests push small fixtures through the workers with 0).
 */
export const MIN_BYTES_PER_WORKER = 2 * 1024 * 1024;

/** The default of `--jobs`: the cores this process may use. */
export function defaultJobs(): number {
  return Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
}

/**
 * How many threads lower `files` files of `bytes` bytes in all with `--jobs jobs` (the CLI's main thread is one of
 * them, the others are workers; `NETCFG_POOL_LOCAL=0`, a test hook compiled out of production bundles: all workers;
 * the language server's indexing starts this many workers, none on its own thread): 0 (in-process) when fewer than
 * two pay off.
 */
export function workerCount(jobs: number, files: number, bytes: number): number {
  if (jobs <= 1) return 0;
  const env = process.env.NETCFG_POOL_MIN_BYTES;
  const min = env !== undefined && /^\d+$/.test(env) ? Number(env) : MIN_BYTES_PER_WORKER;
  const n = Math.min(jobs, files, min === 0 ? files : Math.floor(bytes / min));
  return n >= 2 ? n : 0;
}

/**
 * Files per message: about 16 chunks per worker (so the last ones finish together), at most 8 files. One message
 * per file costs no measurable CPU more than 32 per message on the 1M-line fleet; small chunks keep the worker from
 * holding many finished models (peak RSS 515-535 MB with 1-4 files, 560-580 MB with 32).
 */
function chunkSize(files: number, workers: number): number {
  return Math.max(1, Math.min(8, Math.ceil(files / (workers * 16))));
}

export interface PoolOptions {
  /**
   * The language server's indexing: the main thread answers requests meanwhile, so it takes in the workers' results
   * in small slices: one file per message (a message's deserialisation is one model) and each result handed to
   * `onResult` in its own turn of the event loop (`setImmediate`), so requests queued meanwhile run in between.
   * At most `SLICED_AHEAD` files per worker are out or waiting for their turn (bounds the memory they hold).
   * Not with `local`.
   */
  sliced?: boolean;
}

/** With `sliced`: files sent to a worker or finished and not yet handed over, per worker. */
const SLICED_AHEAD = 8;

/**
 * Reads and lowers `files` on `workers` worker threads; calls `onResult(i, result)` for every file, in index order.
 * With `local`, the main thread lowers chunks too, one at a time between the workers' messages (a chunk's results
 * wait for their turn like a worker's). Resolves once every file is answered and the workers are stopped.
 * `script`: the worker's bundle (`runPoolWorker` off the main thread); the CLI's worker.js by default.
 */
export function lowerInWorkers(
  files: readonly PoolFile[],
  workers: number,
  init: WorkerInit,
  onResult: (index: number, result: FileResult) => void,
  local?: (file: PoolFile) => FileResult,
  script: string = path.join(__dirname, 'worker.js'),
  options: PoolOptions = {},
): Promise<PoolStats> {
  const sliced = options.sliced === true && !local;
  const size = sliced ? 1 : chunkSize(files.length, workers + (local ? 1 : 0));
  const chunkCount = Math.ceil(files.length / size);
  const stats: PoolStats = { workers, chunks: chunkCount, redone: 0, notPlain: 0, local: 0 };
  const done: (FileResult[] | undefined)[] = new Array(chunkCount);
  let nextChunk = 0; // next chunk to send
  let delivered = 0; // chunks handed to onResult

  return new Promise<PoolStats>((resolve, reject) => {
    const live = new Set<{ worker: Worker; queue: number[] }>();
    let finished = false;

    const finish = (err?: unknown) => {
      if (finished) return;
      finished = true;
      for (const w of live) void w.worker.terminate();
      live.clear();
      if (err) reject(err);
      else resolve(stats);
    };

    const answerInProcess = (chunk: number) => {
      if (done[chunk]) return;
      const n = Math.min(size, files.length - chunk * size);
      done[chunk] = Array.from({ length: n }, () => ({ kind: 'inprocess' }) as const);
      stats.redone += n;
    };

    // With `sliced`: one file handed over per turn of the event loop, the next one queued behind what came meanwhile.
    let deliverQueued = false;
    const deliverLater = () => {
      deliverQueued = false;
      pump(true);
    };
    // Hands finished chunks to the caller in order (`sliced`: only in its own turn, one file); then feeds the
    // workers; finishes when all are delivered.
    const pump = (deliverTurn = false) => {
      if (finished) return;
      try {
        while (delivered < chunkCount && done[delivered]) {
          if (sliced && !deliverTurn) {
            if (!deliverQueued) {
              deliverQueued = true;
              setImmediate(deliverLater);
            }
            break;
          }
          deliverTurn = false;
          const results = done[delivered]!;
          done[delivered] = undefined;
          const base = delivered * size;
          delivered++;
          for (let i = 0; i < results.length; i++) onResult(base + i, results[i]);
        }
      } catch (err) {
        finish(err);
        return;
      }
      if (delivered === chunkCount) {
        finish();
        return;
      }
      // No worker left: the rest is done in-process, in order.
      if (live.size === 0) {
        for (let c = nextChunk; c < chunkCount; c++) answerInProcess(c);
        nextChunk = chunkCount;
        pump();
        return;
      }
      const ahead = sliced ? delivered + SLICED_AHEAD * live.size : chunkCount;
      for (const w of live) {
        while (w.queue.length < 2 && nextChunk < chunkCount && nextChunk < ahead) {
          const id = nextChunk++;
          const slice = files.slice(id * size, (id + 1) * size);
          w.queue.push(id);
          w.worker.postMessage({ id, files: slice.map((f) => ({ uri: f.uri, abs: f.abs, size: f.size })) } satisfies ChunkRequest);
        }
      }
    };

    // The main thread's share: one chunk per turn of the event loop, so the workers' answers are taken in between
    // and they are fed before it starts the next one.
    let localQueued = false;
    const runLocal = () => {
      localQueued = false;
      if (finished || nextChunk >= chunkCount) return;
      const id = nextChunk++;
      stats.local++;
      try {
        done[id] = files.slice(id * size, (id + 1) * size).map(local!);
      } catch (err) {
        finish(err);
        return;
      }
      pump();
      queueLocal();
    };
    const queueLocal = () => {
      if (local && !localQueued && !finished && nextChunk < chunkCount) {
        localQueued = true;
        setImmediate(runLocal);
      }
    };

    for (let i = 0; i < workers; i++) {
      let worker: Worker;
      try {
        worker = new Worker(script, { workerData: init satisfies WorkerInit });
      } catch {
        continue; // no thread to be had: fewer workers, or none and everything in-process
      }
      const w = { worker, queue: [] as number[] };
      live.add(w);
      w.worker.on('message', (res: ChunkResponse) => {
        const at = w.queue.indexOf(res.id);
        if (at >= 0) w.queue.splice(at, 1);
        if (done[res.id]) return;
        restorePlain(res.nullProtos);
        for (const r of res.results) {
          if (r.kind === 'inprocess') stats.redone++;
          else if (r.kind === 'text' && r.notPlain) stats.notPlain++;
        }
        done[res.id] = res.results;
        pump();
      });
      // An answer that cannot be deserialized: the oldest chunk this worker holds is redone in-process.
      w.worker.on('messageerror', () => {
        const id = w.queue.shift();
        if (id !== undefined) answerInProcess(id);
        pump();
      });
      // An uncaught error ends the worker; 'exit' follows and does the rest.
      w.worker.on('error', () => undefined);
      w.worker.on('exit', () => {
        if (!live.delete(w)) return;
        for (const id of w.queue) answerInProcess(id);
        w.queue = [];
        pump();
      });
    }
    pump();
    queueLocal();
  });
}
