// The fuzz worker and its watchdog: one case at a time in a worker thread; a case that takes longer than hangMs
// gets the worker terminated (and a fresh one started for the next case).

import { Worker } from 'node:worker_threads';
import type { FuzzCase, OracleResult } from './oracles';


export class Runner {
  private worker?: Worker;
  private ready?: Promise<void>;
  private nextId = 0;
  restarts = 0;
  /** Stage the worker was in when the last case hung. */
  lastStage = '';

  constructor(
    private hangMs: number,
    /** Stack of the worker; 1 MB is like the server's main thread (~984 KB). */
    private stackSizeMb = 1,
  ) {}

  private start(): Promise<void> {
    const w = new Worker(new URL('./worker.mjs', import.meta.url), { resourceLimits: { stackSizeMb: this.stackSizeMb } });
    this.worker = w;
    this.ready = new Promise((resolve, reject) => {
      const onMsg = (m: { ready?: boolean }) => {
        if (m.ready) {
          w.off('message', onMsg);
          resolve();
        }
      };
      w.on('message', onMsg);
      w.once('error', reject);
    });
    return this.ready;
  }

  /** Runs one case; `hang` when it takes longer than hangMs (the worker is killed and restarted). */
  async run(c: FuzzCase, hangMs = this.hangMs): Promise<OracleResult | 'hang'> {
    if (!this.worker) await this.start();
    else await this.ready;
    const w = this.worker!;
    const id = this.nextId++;
    return new Promise((resolve) => {
      let done = false;
      const finish = (r: OracleResult | 'hang') => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        w.off('message', onMsg);
        w.off('error', onErr);
        w.off('exit', onExit);
        resolve(r);
      };
      let stage = 'start';
      const onMsg = (m: { id?: number; result?: OracleResult; progress?: number; stage?: string }) => {
        if (m.progress === id && m.stage) stage = m.stage;
        else if (m.id === id && m.result) finish(m.result);
      };
      const dead = (why: string) => {
        this.worker = undefined;
        this.restarts++;
        finish({ failures: [{ kind: 'throw', stage: 'worker', message: why }], times: {}, totalMs: 0 });
      };
      const onErr = (err: Error) => dead(`worker died: ${err.name}: ${err.message}`);
      const onExit = (code: number) => dead(`worker exited with code ${code}`);
      const timer = setTimeout(() => {
        this.worker = undefined;
        this.restarts++;
        w.off('exit', onExit);
        void w.terminate();
        this.lastStage = stage;
        finish('hang');
      }, hangMs);
      w.on('message', onMsg);
      w.once('error', onErr);
      w.once('exit', onExit);
      w.postMessage({ id, c });
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }
}
