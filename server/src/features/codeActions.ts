// Quick fixes from Finding.fixes. A fix only ever edits the document versions it was computed for: edits go into
// `documentChanges` with versioned identifiers, and nothing is offered when the request is about another version
// than the one the service holds. Pure: no connection, no IO.

import { CodeActionKind, type CodeAction, type Diagnostic, type Range, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-types';
import type * as model from '../model';
import type { LanguageService } from '../service';
import { toDiagnostic, type DiagnosticData } from './diagnostics';
import { toOffset, toRange, touches } from './positions';
import { getSuppressionActions } from './suppressions';
import { getGeneratePeerActions } from './generatePeer';

export interface CodeActionRequest {
  uri: string;
  range: Range;
  /** Diagnostics the client sent in the request context; their `data.version` says which version they were computed for. */
  diagnostics?: Diagnostic[];
  /** Version of the document the request is about, when the host knows it (the editor's current version). */
  version?: number;
}

export interface EditTargets {
  /**
   * Version to pin in a TextDocumentEdit for `uri`: the open editor's version, or null for a file that is not open
   * (the client then edits the file as it is on disk, which is what the service read).
   */
  versionOf(uri: string): number | null;
}

/** Every edit pinned to the service's current version of each document. */
export const SERVICE_VERSIONS = (service: LanguageService): EditTargets => ({ versionOf: (uri) => service.getDocument(uri)?.version ?? null });

/** Quick fixes for the findings of `uri` that touch `range`; empty when the request or its diagnostics are stale. */
export function getCodeActions(service: LanguageService, req: CodeActionRequest, targets: EditTargets = SERVICE_VERSIONS(service)): CodeAction[] {
  const doc = service.getDocument(req.uri);
  if (!doc) return [];
  if (req.version !== undefined && req.version !== doc.version) return [];
  for (const d of req.diagnostics ?? []) {
    const data = d.data as Partial<DiagnosticData> | undefined;
    if (d.source === 'netcfg' && typeof data?.version === 'number' && data.version !== doc.version) return [];
  }
  const want = { start: toOffset(doc, req.range.start), end: toOffset(doc, req.range.end) };
  const actions: CodeAction[] = [];
  for (const finding of service.getFindings(req.uri)) {
    if (finding.fixes.length === 0 || finding.suppressed || !touches(finding.range, want)) continue;
    for (const fix of finding.fixes) {
      const edit = workspaceEdit(service, fix.edits, targets);
      if (!edit) continue;
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [toDiagnostic(service, finding)],
        isPreferred: fix.isPreferred,
        edit: { documentChanges: edit },
      });
    }
  }
  for (const a of getSuppressionActions(service, req.uri, want, targets)) actions.push(a);
  for (const a of getGeneratePeerActions(service, req.uri, want)) actions.push(a);
  return actions;
}

/** Groups edits per document (in document order) as versioned document edits; undefined when a target is gone. */
export function workspaceEdit(service: LanguageService, edits: readonly model.Edit[], targets: EditTargets): TextDocumentEdit[] | undefined {
  const byUri = new Map<string, model.Edit[]>();
  for (const e of edits) {
    const list = byUri.get(e.uri);
    if (list) list.push(e);
    else byUri.set(e.uri, [e]);
  }
  const res: TextDocumentEdit[] = [];
  for (const [uri, list] of byUri) {
    const doc = service.getDocument(uri);
    if (!doc) return undefined;
    const textEdits: TextEdit[] = [...list].sort((a, b) => a.range.start - b.range.start).map((e) => ({ range: toRange(doc, e.range), newText: e.newText }));
    res.push({ textDocument: { uri, version: targets.versionOf(uri) }, edits: textEdits });
  }
  return res;
}
