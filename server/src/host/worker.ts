// Entry of a pool worker thread (bundled as server/out/worker.js; see pool.ts). Receives chunks of files, and for
// each runs exactly what the CLI runs in-process: the host's read rules (`readConfigFileSync`), then a batch-mode
// LanguageService's `setDocument` (dialect detection, guarded parse and lowering, Setters dropped). Posts back the
// text and the lowered result as plain data (`collectPlain`), or only the text when the result would not survive
// the structured clone (the main thread then lowers that file itself).

import { parentPort, workerData } from 'node:worker_threads';
import { createLanguageService, setInternalErrorHandler } from '../service';
import { installTestFaults, workerExitMarker } from './faults';
import { collectPlain } from './plain';
import type { ChunkRequest, ChunkResponse, FileResult, WorkerInit } from './pool';
import { readConfigFileSync } from './read';

const init = workerData as WorkerInit;
installTestFaults();
const exitMarker = workerExitMarker();
const service = createLanguageService({ ...init.settings, batch: true });
let errors: string[] = [];
// The same message the CLI's handler prints; the main thread prints it in file order.
setInternalErrorHandler((err) => errors.push(err instanceof Error ? err.message : String(err)));

function processFile(uri: string, abs: string | Buffer, nullProtos: object[]): FileResult {
  const read = readConfigFileSync(typeof abs === 'string' ? abs : Buffer.from(abs as Uint8Array), { maxFileSize: init.maxFileSize });
  if (!read.ok) return read.skip ? { kind: 'text', text: '', skip: read.skip } : { kind: 'unreadable', reason: read.reason };
  const text = read.text;
  if (exitMarker && text.includes(exitMarker)) process.exit(3);
  errors = [];
  service.setDocument(uri, text, 1);
  const doc = service.getDocument(uri);
  const dialect = doc?.dialect;
  const lowered = doc?.lowered;
  service.removeDocument(uri);
  if (!dialect || !lowered) return { kind: 'text', text };
  const mark = nullProtos.length;
  if (!collectPlain(lowered, nullProtos)) {
    nullProtos.length = mark;
    return { kind: 'text', text, notPlain: true };
  }
  return { kind: 'lowered', text, precomputed: { dialect, lowered }, errors };
}

parentPort!.on('message', (req: ChunkRequest) => {
  const nullProtos: object[] = [];
  const results = req.files.map((f) => processFile(f.uri, f.abs, nullProtos));
  const res: ChunkResponse = { id: req.id, results, nullProtos };
  try {
    parentPort!.postMessage(res);
  } catch {
    // Not cloneable after all: the main thread does these files itself.
    parentPort!.postMessage({ id: req.id, results: req.files.map(() => ({ kind: 'inprocess' })), nullProtos: [] } satisfies ChunkResponse);
  }
});
