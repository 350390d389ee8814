// Quick fixes that suppress or explain a finding, offered on every finding: "Ignore CODE on this line" (a
// netcfg-ignore comment in the dialect's syntax above the statement, at its indentation), "Ignore CODE in
// netcfg.yaml" (a fingerprinted `ignore:` entry in the governing netcfg.yaml, created next to the file when there is
// none) and "Show documentation for CODE" (the client command `netcfg.showDocumentation`). Pure: no connection, no IO.

import { isMap, isSeq, parseDocument } from 'yaml';
import { CodeActionKind, type CodeAction, type CreateFile, type TextDocumentEdit } from 'vscode-languageserver-types';
import type * as model from '../model';
import { docsUrl } from '../protocol';
import { findingFingerprint } from '../rules/apply';
import { lineEnd, lineOf, LINE_COMMENT } from '../rules/inline';
import type { DocumentState, LanguageService } from '../service';
import type { TextRange } from '../syntax';
import type { EditTargets } from './codeActions';
import { toRange, touches } from './positions';
import { toDiagnostic } from './diagnostics';

/** The client command that opens a code's documentation: arguments `[code, url]`. */
export const SHOW_DOCUMENTATION_COMMAND = 'netcfg.showDocumentation';

/** Suppression and documentation actions for the findings of `uri` touching `want` (offsets). */
export function getSuppressionActions(service: LanguageService, uri: string, want: TextRange, targets: EditTargets): CodeAction[] {
  const doc = service.getDocument(uri);
  if (!doc) return [];
  const res: CodeAction[] = [];
  const seenDocs = new Set<string>();
  for (const finding of service.getFindings(uri)) {
    if (finding.suppressed || finding.uri !== uri || !touches(finding.range, want)) continue;
    const diagnostics = [toDiagnostic(service, finding)];
    const isRuleCode = !finding.code.startsWith('suppression/');
    if (isRuleCode && doc.dialect) {
      const line = ignoreLineEdit(doc, finding);
      if (line) res.push({ title: `Ignore ${finding.code} on this line`, kind: CodeActionKind.QuickFix, diagnostics, edit: { documentChanges: [{ textDocument: { uri, version: targets.versionOf(uri) }, edits: [line] }] } });
      const yaml = yamlIgnoreEdit(service, finding, targets);
      if (yaml) res.push({ title: `Ignore ${finding.code} in netcfg.yaml`, kind: CodeActionKind.QuickFix, diagnostics, edit: { documentChanges: yaml } });
    }
    if (!seenDocs.has(finding.code)) {
      seenDocs.add(finding.code);
      res.push({ title: `Show documentation for ${finding.code}`, kind: CodeActionKind.QuickFix, diagnostics, command: { title: `Show documentation for ${finding.code}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [finding.code, docsUrl(finding.code)] } });
    }
  }
  return res;
}

/** `! netcfg-ignore CODE` (or `#`) on a new line above the finding's statement, at the statement's indentation. */
function ignoreLineEdit(doc: DocumentState, finding: model.Finding): { range: ReturnType<typeof toRange>; newText: string } | undefined {
  if (!doc.dialect) return undefined;
  let line = lineOf(doc.lineStarts, Math.min(finding.range.start, doc.text.length));
  // A statement continued with `\` (RouterOS, OpenBSD): the comment goes above its first line.
  const textOf = (l: number) => doc.text.slice(doc.lineStarts[l], lineEnd(doc.text, doc.lineStarts, l));
  while (line > 0 && /\\\s*$/.test(textOf(line - 1)) && (doc.dialect === 'routeros' || doc.dialect === 'openbsd-ipsec')) line--;
  const indent = /^[ \t]*/.exec(textOf(line))![0];
  const eol = doc.text.includes('\r\n') ? '\r\n' : '\n';
  const at = doc.lineStarts[line];
  return { range: toRange(doc, { start: at, end: at }), newText: `${indent}${LINE_COMMENT[doc.dialect][0]} netcfg-ignore ${finding.code}${eol}` };
}

/** The netcfg.yaml governing a file among the service's documents: the nearest folder up that has one. */
function governingYamlUri(service: LanguageService, uri: string): string | undefined {
  let folder = uri.replace(/[?#].*$/, '').replace(/[^/]*$/, '');
  while (/^[a-z]+:\/\/.*\/$/i.test(folder)) {
    for (const name of ['netcfg.yaml', 'netcfg.yml']) if (service.getDocument(folder + name)) return folder + name;
    const up = folder.replace(/[^/]*\/$/, '');
    if (up === folder || up.endsWith('//')) break;
    folder = up;
  }
  return undefined;
}

/** The `ignore:` entry for a finding, as YAML lines at `indent`. */
function ignoreEntry(service: LanguageService, finding: model.Finding, indent: string, fingerprint: string): string {
  const file = decodeURIComponent(finding.uri.replace(/[?#].*$/, '').replace(/^.*\//, ''));
  const device = service.getDevice(finding.uri)?.name;
  return `${indent}- code: ${finding.code} # ${device ? `${device}, ` : ''}${file}\n${indent}  fingerprint: "${fingerprint}"\n`;
}

/** The edit that adds a fingerprinted `ignore:` entry: into the governing netcfg.yaml, or a new one next to the file. */
function yamlIgnoreEdit(service: LanguageService, finding: model.Finding, targets: EditTargets): (TextDocumentEdit | CreateFile)[] | undefined {
  const fp = findingFingerprint(service, finding);
  if (!fp) return undefined;
  const yamlUri = governingYamlUri(service, finding.uri);
  if (!yamlUri) {
    const created = finding.uri.replace(/[?#].*$/, '').replace(/[^/]*$/, 'netcfg.yaml');
    const text = `# netcfg workspace configuration (schemas/netcfg.schema.json)\nignore:\n${ignoreEntry(service, finding, '  ', fp)}`;
    return [
      { kind: 'create', uri: created, options: { ignoreIfExists: true } },
      { textDocument: { uri: created, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
    ];
  }
  const yaml = service.getDocument(yamlUri)!;
  const text = yaml.text;
  let at: number;
  let newText: string;
  const parsed = parseDocument(text);
  if (parsed.errors.length || (parsed.contents !== null && !isMap(parsed.contents))) return undefined;
  const node = isMap(parsed.contents) ? parsed.contents.get('ignore', true) : undefined;
  if (node === undefined || node === null || (typeof node === 'object' && 'value' in node && node.value === null)) {
    if (isMap(parsed.contents) && parsed.contents.has('ignore')) return undefined; // `ignore:` with nothing: leave it to the user
    const sep = text === '' || text.endsWith('\n') ? '' : '\n';
    at = text.length;
    newText = `${sep}ignore:\n${ignoreEntry(service, finding, '  ', fp)}`;
  } else if (isSeq(node) && !node.flow && node.range && node.items.length) {
    // After the last item of the block sequence, at the indentation of its dashes.
    const first = node.range[0];
    const lineStartOfFirst = text.lastIndexOf('\n', first - 1) + 1;
    const indent = text.slice(lineStartOfFirst, first).replace(/[^ ]/g, ' ');
    const end = node.range[1];
    at = lineEndAfter(text, end);
    newText = `${at === text.length && !text.endsWith('\n') ? '\n' : ''}${ignoreEntry(service, finding, indent, fp)}`;
  } else return undefined;
  const range = toRange(yaml, { start: at, end: at });
  return [{ textDocument: { uri: yamlUri, version: targets.versionOf(yamlUri) }, edits: [{ range, newText }] }];
}

/** The offset just after the line break that ends the line holding `offset - 1` (the text's end when none). */
function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}
