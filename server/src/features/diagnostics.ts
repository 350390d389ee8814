// Findings of the language service as LSP diagnostics: 0-based ranges, `netcfg` source, documented codes,
// related locations on the other end, unnecessary/deprecated tags. Pure: no connection, no IO.

import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver-types';
import type * as model from '../model';
import { docsUrl } from '../protocol';
import { visibleFindings } from '../rules/apply';
import type { LanguageService } from '../service';
import type { Severity } from '../syntax';
import { documentUri, rangeIn } from './positions';

/** Attached to every diagnostic as `data`: the document version it was computed for (code actions check it). */
export interface DiagnosticData {
  version: number;
}

export const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** One finding as an LSP diagnostic; related ranges are converted in their own document. */
export function toDiagnostic(service: LanguageService, finding: model.Finding): Diagnostic {
  const doc = service.getDocument(finding.uri);
  const diag: Diagnostic = {
    range: rangeIn(service, finding.uri, finding.range),
    severity: SEVERITIES[finding.severity],
    source: 'netcfg',
    code: finding.code,
    codeDescription: { href: docsUrl(finding.code) },
    message: finding.message,
  };
  if (finding.related.length) {
    diag.relatedInformation = finding.related.map(
      (r): DiagnosticRelatedInformation => ({ location: { uri: documentUri(r.uri), range: rangeIn(service, r.uri, r.range) }, message: r.message }),
    );
  }
  const tags = (finding.tags ?? []).map((t) => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  if (tags.length) diag.tags = tags;
  if (doc) diag.data = { version: doc.version } satisfies DiagnosticData;
  return diag;
}

/** All diagnostics of one document, in document order; suppressed findings are not shown, baselined ones per the settings. */
export function getDiagnostics(service: LanguageService, uri: string): Diagnostic[] {
  const findings = visibleFindings(service.getFindings(uri), service.settings.baselineShow).sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end);
  return findings.map((f) => toDiagnostic(service, f));
}
