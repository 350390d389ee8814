// The check report every output format is written from: the JSON contract (version 1) and the rules of what a
// report shows and fails on (suppressed and baselined findings are kept but not counted; `--fail-level`).
// Plain data: no service, no IO.

import type { Severity } from '../syntax';

/** A diagnostic of the JSON contract (1-based lines and columns, paths relative to the working directory). */
export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  related: { file: string; line: number; column: number; message: string }[];
  /** Selected by a netcfg-ignore comment or a netcfg.yaml `ignore:` entry: not shown in text, not counted. */
  suppressed?: true;
  suppression?: { kind: 'inSource' | 'external'; justification?: string };
  /** The finding's fingerprint (every format but text, and baselines). */
  fingerprint?: string;
  /** With a baseline: recorded in it (`unchanged`: not shown in text, not counted) or not (`new`). */
  baseline?: 'new' | 'unchanged';
}

export interface JsonReport {
  version: 1;
  files: { path: string; dialect: string | null; device: string | null }[];
  diagnostics: JsonDiagnostic[];
}

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** `--fail-level`: the lowest severity that makes the exit status 1; `none`: findings never do. */
export type FailLevel = Severity | 'none';

export const FAIL_LEVELS: readonly FailLevel[] = ['error', 'warning', 'information', 'hint', 'none'];

/** Whether a diagnostic is shown in text and counts for the exit status: not suppressed, not in the baseline. */
export function counts(d: JsonDiagnostic): boolean {
  return !d.suppressed && d.baseline !== 'unchanged';
}

/** Whether a counted diagnostic of this severity fails the run at `level`. */
export function fails(severity: Severity, level: FailLevel): boolean {
  return level !== 'none' && SEVERITY_RANK[severity] <= SEVERITY_RANK[level];
}

/** Whether the report fails at `level`: some counted diagnostic at or above it. */
export function reportFails(report: JsonReport, level: FailLevel): boolean {
  return report.diagnostics.some((d) => counts(d) && fails(d.severity, level));
}

/** The message with its related locations appended, one per line, for formats that have a single text field. */
export function messageWithRelated(d: JsonDiagnostic): string {
  if (!d.related.length) return d.message;
  return [d.message, ...d.related.map((r) => `${r.file}:${r.line}:${r.column}: ${r.message}`)].join('\n');
}
