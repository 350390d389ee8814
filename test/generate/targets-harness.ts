// Shared by the targets-*.test.ts files (gen-targets, issue 19): load a source and a generated peer into one real
// language service and sort their findings into syntax (per file) and cross-file (pair) findings.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import type * as model from '../../server/src/model';
import type { PeerSpec } from '../../server/src/generate/spec';

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** Code families a pair check reports; everything else a service reports on one file is that file's own. */
const CROSS = /^(ipsec|ospf|dmvpn|l2tp|pairing)\//;

/** Codes whose findings are about one file's text (parser and dialect validation), whatever their severity. */
export function isSyntaxFinding(f: model.Finding): boolean {
  if (f.code.startsWith('syntax/') || f.code === 'internal/parser-crash' || f.code === 'detect/unknown-dialect') return true;
  if (CROSS.test(f.code)) return false;
  // Dialect-specific validation (`openbsd/…`, `bird/…`, `ref/undefined`) that is not a hint.
  return f.severity === 'error' || f.severity === 'warning';
}

export function isCrossFinding(f: model.Finding): boolean {
  return CROSS.test(f.code);
}

export interface Pair {
  service: LanguageService;
  sourceUri: string;
  generatedUri: string;
}

/** Source text (from a file of the repository or given) and the generated text in one workspace. */
export function loadPair(source: { uri: string; text: string }, generated: { uri: string; text: string }, extra: { uri: string; text: string }[] = []): Pair {
  const service = createLanguageService({});
  service.setDocument(source.uri, source.text, 1);
  service.setDocument(generated.uri, generated.text, 1);
  for (const e of extra) service.setDocument(e.uri, e.text, 1);
  return { service, sourceUri: source.uri, generatedUri: generated.uri };
}

export function readRepo(rel: string): { uri: string; text: string } {
  const full = path.join(ROOT, rel);
  return { uri: `file://${full}`, text: fs.readFileSync(full, 'utf8') };
}

/** `code@file:line message` lines, for readable assertion diffs. */
export function describe(service: LanguageService, findings: model.Finding[]): string[] {
  return findings.map((f) => {
    const doc = service.getDocument(f.uri);
    const line = doc ? doc.text.slice(0, f.range.start).split('\n').length : 0;
    return `${f.severity} ${f.code} ${f.uri.split('/').pop()}:${line} ${f.message}`;
  });
}

/** Cross-file findings of warning/error level on either file, leaving out `ipsec/weak-crypto` when `weakOk`. */
export function crossProblems(p: Pair, weakOk: boolean): string[] {
  const res: model.Finding[] = [];
  for (const uri of [p.sourceUri, p.generatedUri]) {
    for (const f of p.service.getFindings(uri)) {
      if (!isCrossFinding(f) || (f.severity !== 'error' && f.severity !== 'warning')) continue;
      if (weakOk && f.code === 'ipsec/weak-crypto') continue;
      res.push(f);
    }
  }
  return describe(p.service, res);
}

export function syntaxProblems(p: Pair, allow: string[] = []): string[] {
  return describe(
    p.service,
    p.service.getFindings(p.generatedUri).filter((f) => isSyntaxFinding(f) && !allow.includes(f.code)),
  );
}

/** Whether the two devices were paired at all (a pair that is never made checks "clean" for the wrong reason). */
export function paired(p: Pair): boolean {
  return p.service.partners(p.generatedUri).includes(p.sourceUri);
}

/** A spec field by field for comparisons: secrets and the source's identity left out. */
export function specShape(spec: PeerSpec): unknown {
  return JSON.parse(JSON.stringify({ ...spec, source: undefined, notes: undefined }));
}
