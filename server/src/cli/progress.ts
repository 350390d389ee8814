// The progress line of long runs: on stderr, only when stderr is a terminal, only once a run has taken more than
// a second, redrawn in place (`\r`, erase line) at most ten times a second and erased before the report is
// written, so logs, pipes and short runs never see it. No LSP, no service.

/** A run that shows no progress (stderr not a terminal, `--quiet`). */
export interface Progress {
  /** `done` of `total` items of the named phase are finished. */
  tick(phase: string, done: number, total: number): void;
  /** Erases the line, if one was drawn. */
  done(): void;
}

const SHOW_AFTER_MS = 1000;
const REDRAW_MS = 100;

export function createProgress(stream: NodeJS.WriteStream, enabled: boolean): Progress {
  if (!enabled || !stream.isTTY) return { tick() {}, done() {} };
  const started = Date.now();
  let drawn = false;
  let last = 0;
  const write = (s: string) => {
    try {
      stream.write(s);
    } catch {
      /* a closed terminal: nothing to show */
    }
  };
  return {
    tick(phase, done, total) {
      const now = Date.now();
      if (now - started < SHOW_AFTER_MS || (now - last < REDRAW_MS && done < total)) return;
      last = now;
      drawn = true;
      const width = Math.max(20, (stream.columns || 80) - 1);
      write(`\r\x1b[K${`netcfg: ${phase} ${done}/${total} files (${((now - started) / 1000).toFixed(1)} s)`.slice(0, width)}`);
    },
    done() {
      if (drawn) write('\r\x1b[K');
      drawn = false;
    },
  };
}
