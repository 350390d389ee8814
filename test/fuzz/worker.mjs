// Worker bootstrap of the fuzzer: registers tsx in this thread, then loads the TypeScript worker (or the module named in workerData).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData?.module ?? './worker.ts');
