// `--format gitlab`: the GitLab Code Quality report (artifacts:reports:codequality), a JSON array of Code Climate
// issues. GitLab validates each issue (app/validators/json_schemas/codeclimate.json: description, fingerprint,
// severity, location required) and keys them by fingerprint, so fingerprints are unique within a report and stable
// across runs: the finding's own fingerprint (rules/fingerprint.ts: code, device, statement with secrets masked,
// peer), with an occurrence number hashed in when two findings share one. Plain data: no service, no IO.

import { createHash } from 'node:crypto';
import { docsUrl } from '../protocol';
import type { Severity } from '../syntax';
import { counts, type JsonDiagnostic, type JsonReport } from './report';

/** Code Climate severities GitLab shows: an error is a certain failure of the device or session. */
const GITLAB_SEVERITY: Record<Severity, 'info' | 'minor' | 'major' | 'critical' | 'blocker'> = {
  error: 'critical',
  warning: 'major',
  information: 'minor',
  hint: 'info',
};

export interface GitlabIssue {
  type: 'issue';
  check_name: string;
  description: string;
  content: { body: string };
  categories: string[];
  fingerprint: string;
  severity: (typeof GITLAB_SEVERITY)[Severity];
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * The issues of a report: the diagnostics shown in text (suppressed and baselined ones are accepted, so GitLab
 * does not list them), paths relative to the working directory (run netcfg from the repository root).
 */
export function gitlabIssues(report: JsonReport): GitlabIssue[] {
  const seen = new Map<string, number>();
  const res: GitlabIssue[] = [];
  for (const d of report.diagnostics) {
    if (!counts(d)) continue;
    const base = d.fingerprint ?? hash(`${d.code}\u0000${d.file}\u0000${d.line}\u0000${d.message}`);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    res.push({
      type: 'issue',
      check_name: d.code,
      description: d.message,
      content: { body: body(d) },
      categories: ['Bug Risk'],
      fingerprint: n === 0 ? base : hash(`${base}\u0000${n}`),
      severity: GITLAB_SEVERITY[d.severity],
      location: { path: d.file, lines: { begin: d.line, end: Math.max(d.line, d.endLine) } },
    });
  }
  return res;
}

export function formatGitlab(report: JsonReport): string {
  return `${JSON.stringify(gitlabIssues(report), null, 2)}\n`;
}

/** Markdown shown when the issue is opened: the other end(s) and the documentation. */
function body(d: JsonDiagnostic): string {
  const lines = d.related.map((r) => `- \`${r.file}:${r.line}:${r.column}\` ${r.message}`);
  lines.push(`[${d.code}](${docsUrl(d.code)})`);
  return lines.join('\n');
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32);
}
