// Guards every request handler: a crash in one feature is logged and answered with an empty result,
// so one bad document or dialect bug never takes the editor session down. No connection, no IO.

/** Where runSafe reports a crash; the server logs to the connection console, tests may collect. */
export type ErrorLogger = (message: string) => void;

/** Runs `fn`; on a throw logs `<label> failed: <error>` (with the stack) and returns `fallback`. */
export function runSafe<T>(log: ErrorLogger, label: string, fallback: T, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    log(`${label} failed: ${describeError(err)}`);
    return fallback;
  }
}

/** An error as one log entry: message plus stack, never the document text. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/**
 * A logger that writes each distinct message once: a failure that repeats on every keystroke or message (a
 * malformed notification resent, a check that throws on one document) leaves one entry, not a flood.
 * Remembers at most `limit` messages, then starts afresh.
 */
export function onceLogger(log: ErrorLogger, limit = 1000): ErrorLogger {
  const seen = new Set<string>();
  return (message) => {
    if (seen.has(message)) return;
    if (seen.size >= limit) seen.clear();
    seen.add(message);
    log(message);
  };
}
