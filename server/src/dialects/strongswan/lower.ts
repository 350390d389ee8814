// Lowers a stroke ipsec.conf / ipsec.secrets tree into the neutral model.
import * as model from '../../model';
import type { ParseResult, SyntaxDiagnostic } from '../../syntax';
import type { DialectOptions, LowerResult } from '../types';
import type { SwanFile } from './parser';

export function lowerStroke(parsed: ParseResult<SwanFile>, uri: string, _options: DialectOptions): LowerResult {
  const diagnostics: SyntaxDiagnostic[] = [...parsed.diagnostics];
  const base = decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() || uri);
  const device = model.emptyDevice(uri, 'strongswan', base);
  return { device, diagnostics };
}
