// Fuzz worker: runs each case it is sent through the oracles and posts the result back. The main thread
// times every case and terminates this worker when one hangs.

import { parentPort } from 'node:worker_threads';
import { runOracles, type FuzzCase } from './oracles';

parentPort!.on('message', (msg: { id: number; c: FuzzCase }) => {
  let result;
  try {
    result = runOracles(msg.c, (stage) => parentPort!.postMessage({ progress: msg.id, stage }));
  } catch (err) {
    result = { failures: [{ kind: 'throw', stage: 'oracles', message: String(err) }], times: {}, totalMs: 0 };
  }
  parentPort!.postMessage({ id: msg.id, result });
});
parentPort!.postMessage({ ready: true });
