// A worker for test/fuzz/repro.test.ts: checks one document with the language service on a thread whose stack
// the test chooses (a small stack shows an input-sized spread or recursion at a fraction of the input size).

import { parentPort, workerData } from 'node:worker_threads';
import { createLanguageService, setInternalErrorHandler } from '../../server/src/service';

const { uri, text } = workerData as { uri: string; text: string };
const errors: string[] = [];
setInternalErrorHandler((err) => errors.push(String(err)));
try {
  const s = createLanguageService();
  s.setDocument(uri, text, 1);
  const findings = s.getFindings(uri);
  const codes: Record<string, number> = {};
  for (const f of findings) codes[f.code] = (codes[f.code] ?? 0) + 1;
  parentPort!.postMessage({ ok: true, count: findings.length, codes, errors });
} catch (err) {
  parentPort!.postMessage({ ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err), errors });
}
