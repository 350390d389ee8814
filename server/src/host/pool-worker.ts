// A pool worker thread (pool.ts): the CLI's threads run server/out/worker.js (entry host/worker.ts), the language server's
// indexing runs server/out/server.js itself as the worker (server.ts calls `runPoolWorker` off the main thread, so
// the .vsix ships no second copy of the service). Receives chunks of files, and for
// each runs exactly what the CLI runs in-process up to the cross-file work (batch.ts `lowerFile`: the host's read
// rules, then a batch-mode service's `precompute`: detection, guarded parse and lowering, Setters dropped, the
// netcfg.yaml overrides, the device's own findings). Posts back the text and that result as plain data
// (`collectPlain`), or only the text when it would not survive the structured clone (the main thread then lowers
// that file itself).

import * as os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { setInternalErrorHandler } from '../service';
import { createLowerer, lowerFile } from './batch';
import { installTestFaults, workerExitMarker, workerHold } from './faults';
import { collectPlain } from './plain';
import type { ChunkRequest, ChunkResponse, FileResult, WorkerInit } from './pool';

export function runPoolWorker(): void {
  const init = workerData as WorkerInit;
  installTestFaults();
  if (init.background) {
    try {
      os.setPriority(0, os.constants.priority.PRIORITY_BELOW_NORMAL);
    } catch {
      // not permitted or not supported: normal priority
    }
  }
  const exitMarker = workerExitMarker();
  // `precompute` returns the internal errors it meets; nothing else in a worker reports any.
  setInternalErrorHandler(() => undefined);
  const lowerer = createLowerer(init);
  const dieOn = exitMarker ? (text: string) => (text.includes(exitMarker) ? process.exit(3) : undefined) : undefined;
  const hold = workerHold();
  /** Test faults on the text just read: `worker-exit` ends this thread, `worker-hold` waits for its go file. */
  const onText = dieOn || hold ? (text: string) => (dieOn?.(text), hold?.(text)) : undefined;

  function processFile(uri: string, abs: string | Buffer, size: number | undefined, nullProtos: object[]): FileResult {
    const res = lowerFile(lowerer, uri, typeof abs === 'string' ? abs : Buffer.from(abs as Uint8Array), init.maxFileSize, onText, init.whole, size);
    if (res.kind !== 'lowered') return res;
    const mark = nullProtos.length;
    if (!collectPlain(res.precomputed, nullProtos)) {
      nullProtos.length = mark;
      return { kind: 'text', text: res.text, notPlain: true };
    }
    return res;
  }

  parentPort!.on('message', (req: ChunkRequest) => {
    const nullProtos: object[] = [];
    const results = req.files.map((f) => processFile(f.uri, f.abs, f.size, nullProtos));
    const res: ChunkResponse = { id: req.id, results, nullProtos };
    try {
      parentPort!.postMessage(res);
    } catch {
      // Not cloneable after all: the main thread does these files itself.
      parentPort!.postMessage({ id: req.id, results: req.files.map(() => ({ kind: 'inprocess' })), nullProtos: [] } satisfies ChunkResponse);
    }
  });
}
