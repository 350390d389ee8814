// Output of the CLI: stdout written with back-pressure and write errors turned into one line, stderr that never
// throws, and the two error kinds every subcommand reports the same way (one `netcfg: …` line, exit 2).
// Shared by every subcommand (check, rules, graph and the ones in their own folders). No LSP, no service.

import { describeFsError } from '../host/read';

/** A usage or IO problem: printed as one `netcfg: …` line on stderr, exit 2. */
export class UsageError extends Error {}

/** Writing stdout failed: a closed pipe, a full disk. */
export class OutputError extends Error {
  constructor(readonly errno: NodeJS.ErrnoException) {
    super(describeFsError(errno));
  }
}

/** Writes to stdout and waits until it is written; a write error rejects with an `OutputError`. */
export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(new OutputError(err)) : resolve()));
  });
}

/** Writes to stderr; a closed stderr is ignored (there is nowhere left to complain). */
export function writeErr(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    /* nowhere to report */
  }
}

/**
 * Writes a report and returns `status`. `netcfg check | head`: a reader that goes away early is not an error of
 * ours (as with SIGPIPE in C tools, nothing is printed) and the status stays the one of the run; any other write
 * error is thrown (one line and exit 2 in `main`).
 */
export async function writeReport(text: string, status: number): Promise<number> {
  try {
    await writeOut(text);
  } catch (err) {
    if (err instanceof OutputError && err.errno.code === 'EPIPE') return status;
    throw err;
  }
  return status;
}
