// The rule every dialect entry follows for lowering: a lowering exception never escapes. The file gets an empty
// device and `internal/parser-crash` (its parse diagnostics kept), and every other file is checked as usual.
// No LSP, no file system.

import * as model from '../model';
import { internalErrorDiagnostic, type ParseResult } from '../syntax';
import type { LowerResult } from './types';

/** Runs `lower`; on a throw returns an empty device of `dialect` with the parse diagnostics and one `internal/parser-crash`. */
export function lowerOrCrash(dialect: model.DialectId, parsed: ParseResult<unknown>, uri: string, lower: () => LowerResult, onError?: (err: unknown) => void): LowerResult {
  try {
    return lower();
  } catch (err) {
    onError?.(err);
    const device = model.emptyDevice(uri, dialect, uri.split('/').pop() ?? uri);
    // A parse that crashed already says so: one crash diagnostic per file is enough.
    const crashed = parsed.diagnostics.some((d) => d.code === 'internal/parser-crash');
    return { device, diagnostics: crashed ? [...parsed.diagnostics] : [...parsed.diagnostics, internalErrorDiagnostic(err)] };
  }
}
