// Test-only fault injection for the worker pool, read from the environment variable NETCFG_TEST_FAULT, so the CLI
// tests can make a parser throw or a worker thread die on a chosen file (no real input does either):
//   parse-throw:MARKER  every dialect's parse throws on a text containing MARKER (main thread and workers alike)
//   worker-exit:MARKER  a worker thread exits when it meets a text containing MARKER
//   check-throw:PREFIX  every device check throws on a device whose name starts with PREFIX (wherever it runs:
//                       the main thread's getFindings, or a lowering thread's precompute whose errors are replayed)
//   worker-hold:MARKER@FILE  a worker thread that has read a text containing MARKER creates FILE.held, then waits (at
//                       most 30 s) until FILE exists before lowering it: a test changes that file while its old text
//                       is in flight
// Unset (always, outside tests), nothing is installed. Production bundles (esbuild.mjs --production: the .vsix and
// the npm package) replace `process.env.NETCFG_TEST_FAULT` by undefined at build time: they cannot be faulted.

import * as fs from 'node:fs';
import { DEVICE_CHECKS } from '../analysis/registry';
import { DIALECTS } from '../dialects/registry';

function fault(kind: string): string | undefined {
  const spec = process.env.NETCFG_TEST_FAULT;
  if (!spec || !spec.startsWith(`${kind}:`)) return undefined;
  const marker = spec.slice(kind.length + 1);
  return marker || undefined;
}

let installed = false;

/** Installs `parse-throw` when asked for. Idempotent. */
export function installTestFaults(): void {
  if (installed) return;
  const prefix = fault('check-throw');
  if (prefix) {
    installed = true;
    for (const c of DEVICE_CHECKS) {
      const check = c.check.bind(c);
      (c as { check: typeof c.check }).check = (device, ctx) => {
        if (device.name.startsWith(prefix)) throw new Error(`injected check fault on ${device.name}`);
        return check(device, ctx);
      };
    }
  }
  const marker = fault('parse-throw');
  if (!marker) return;
  installed = true;
  for (const d of DIALECTS) {
    const parse = d.parse.bind(d);
    (d as { parse: typeof d.parse }).parse = (text, options) => {
      if (text.includes(marker)) throw new Error('injected parser fault');
      return parse(text, options);
    };
  }
}

/** The marker of `worker-exit`, if set. */
export function workerExitMarker(): string | undefined {
  return fault('worker-exit');
}

/** `worker-hold`: a function blocking this thread on a text containing the marker until the go file exists. */
export function workerHold(): ((text: string) => void) | undefined {
  const spec = fault('worker-hold');
  const at = spec?.lastIndexOf('@') ?? -1;
  if (!spec || at <= 0) return undefined;
  const marker = spec.slice(0, at);
  const go = spec.slice(at + 1);
  return (text) => {
    if (!text.includes(marker)) return;
    fs.writeFileSync(`${go}.held`, '');
    const cell = new Int32Array(new SharedArrayBuffer(4));
    for (let waited = 0; waited < 30_000 && !fs.existsSync(go); waited += 20) Atomics.wait(cell, 0, 0, 20);
  };
}
