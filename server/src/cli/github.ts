// `--format github`: GitHub Actions workflow commands, one `::error|warning|notice file=…,line=…,col=…,endLine=…,
// endColumn=…,title=…::message` line per finding, which the runner turns into annotations on the pull request
// without a SARIF upload. Escaping as the runner unescapes (actions/runner ActionCommand.cs): in the message
// % CR LF, in properties also : and ,. Suppressed and baselined findings are not annotated. Plain data, no IO.

import type { Severity } from '../syntax';
import { counts, fails, messageWithRelated, type FailLevel, type JsonReport } from './report';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' };

/** `quiet`: only the findings that fail the run at `failLevel`, and no summary line. */
export function formatGithub(report: JsonReport, opts: { failLevel: FailLevel; quiet: boolean }): string {
  const lines: string[] = [];
  const n: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const d of report.diagnostics) {
    if (!counts(d)) continue;
    n[d.severity]++;
    if (opts.quiet && !fails(d.severity, opts.failLevel)) continue;
    const props = [
      ['file', d.file],
      ['line', String(d.line)],
      ['col', String(d.column)],
      ['endLine', String(d.endLine)],
      ['endColumn', String(d.endColumn)],
      ['title', `netcfg ${d.code}`],
    ]
      .map(([k, v]) => `${k}=${escapeProperty(v)}`)
      .join(',');
    lines.push(`::${COMMAND[d.severity]} ${props}::${escapeData(messageWithRelated(d))}`);
  }
  if (opts.quiet) return lines.length ? `${lines.join('\n')}\n` : '';
  const checked = report.files.filter((f) => f.dialect).length;
  lines.push(`netcfg: ${checked} file${checked === 1 ? '' : 's'} checked: ${n.error} error${n.error === 1 ? '' : 's'}, ${n.warning} warning${n.warning === 1 ? '' : 's'}, ${n.information + n.hint} notice${n.information + n.hint === 1 ? '' : 's'}`);
  return `${lines.join('\n')}\n`;
}

/** The message of a workflow command: % first, so an escape is never escaped twice. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command: also `:` and `,`, which separate the command's parts. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
