// Entry of the CLI's pool worker threads (bundled as server/out/worker.js, next to cli.js; see pool.ts and pool-worker.ts).

import { runPoolWorker } from './pool-worker';

runPoolWorker();
