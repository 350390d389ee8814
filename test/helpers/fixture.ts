// Multi-file fixtures for tests, in the shape of rust-analyzer's: a `//- name.ext` line starts each file,
// `$0` marks the cursor, and an expected diagnostic is a caret line under the text it points at:
//
//   //- r1.ios
//   crypto isakmp key MYKEY address 10.0.0.2
//   !                 ^^^^^ error ipsec/psk-mismatch
//
// Caret lines start with `!` or `#` (any indentation), then spaces, carets, severity and code. They and the
// headers are stripped before the dialect sees the text; caret columns refer to the line above (after stripping).

import assert from 'node:assert/strict';
import { createLanguageService, type LanguageService, type ServiceSettings } from '../../server/src/service';
import * as model from '../../server/src/model';

export interface FixtureFile {
  name: string;
  uri: string;
  text: string;
  /** Offset of `$0` in `text`, if present. */
  cursor?: number;
  expected: ExpectedDiagnostic[];
}

export interface ExpectedDiagnostic {
  file: string;
  start: number;
  end: number;
  severity: string;
  code: string;
}

const CARET = /^(\s*[!#]\s*?)(\s*)(\^+)\s+(error|warning|information|hint)\s+(\S+)\s*$/;

export function parseFixture(fixture: string): FixtureFile[] {
  const files: FixtureFile[] = [];
  let current: { name: string; lines: string[]; expected: { line: number; col: number; len: number; severity: string; code: string }[] } | undefined;
  const flush = () => {
    if (!current) return;
    let text = current.lines.join('\n');
    if (current.lines.length) text += '\n';
    let cursor: number | undefined;
    const idx = text.indexOf('$0');
    if (idx >= 0) {
      cursor = idx;
      text = text.slice(0, idx) + text.slice(idx + 2);
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
    const expected = current.expected.map((e) => {
      const start = starts[e.line] + e.col;
      return { file: current!.name, start, end: start + e.len, severity: e.severity, code: e.code };
    });
    files.push({ name: current.name, uri: `file:///fixture/${current.name}`, text, cursor, expected });
  };
  // Drop a common leading indentation so fixtures can be indented in test sources.
  const rawLines = fixture.replace(/^\n/, '').split('\n');
  const indent = Math.min(...rawLines.filter((l) => l.trim()).map((l) => /^\s*/.exec(l)![0].length));
  for (const raw of rawLines) {
    const line = raw.slice(Math.min(indent, /^\s*/.exec(raw)![0].length));
    const header = /^\/\/- (\S+)\s*$/.exec(line);
    if (header) {
      flush();
      current = { name: header[1], lines: [], expected: [] };
      continue;
    }
    if (!current) {
      if (line.trim() === '') continue;
      current = { name: 'main.ios', lines: [], expected: [] };
    }
    const caret = CARET.exec(line);
    if (caret && current.lines.length > 0) {
      const col = caret[1].length + caret[2].length;
      current.expected.push({ line: current.lines.length - 1, col, len: caret[3].length, severity: caret[4], code: caret[5] });
      continue;
    }
    current.lines.push(line);
  }
  flush();
  // Trailing empty file lines from the template literal's closing indentation are not part of the fixture.
  return files;
}

/** Loads a fixture into a fresh service. */
export function loadFixture(fixture: string, settings: Partial<ServiceSettings> = {}): { service: LanguageService; files: FixtureFile[] } {
  const service = createLanguageService(settings);
  const files = parseFixture(fixture);
  for (const f of files) service.setDocument(f.uri, f.text, 1);
  return { service, files };
}

/**
 * Asserts that the diagnostics of the given codes (default: every code that appears in an expectation, plus
 * every error) are exactly the expected ones, on every file of the fixture.
 */
export function checkDiagnostics(fixture: string, opts: { codes?: string[]; settings?: Partial<ServiceSettings> } = {}): { service: LanguageService; files: FixtureFile[] } {
  const { service, files } = loadFixture(fixture, opts.settings);
  const expectedAll = files.flatMap((f) => f.expected);
  const codes = new Set(opts.codes ?? expectedAll.map((e) => e.code));
  const actual: ExpectedDiagnostic[] = [];
  for (const f of files) {
    for (const d of service.getFindings(f.uri)) {
      if (codes.has(d.code) || (!opts.codes && d.severity === 'error')) actual.push({ file: f.name, start: d.range.start, end: d.range.end, severity: d.severity, code: d.code });
    }
  }
  const render = (list: ExpectedDiagnostic[]) =>
    list
      .map((d) => {
        const f = files.find((x) => x.name === d.file)!;
        const before = f.text.slice(0, d.start);
        const line = before.split('\n').length;
        const col = d.start - before.lastIndexOf('\n');
        return `${d.file}:${line}:${col} ${d.severity} ${d.code} ${JSON.stringify(f.text.slice(d.start, d.end))}`;
      })
      .sort()
      .join('\n');
  assert.equal(render(actual), render(expectedAll));
  return { service, files };
}

/** Asserts that no finding anywhere in the fixture is error-level. */
export function assertNoErrors(service: LanguageService, uris: string[]): void {
  const errors: string[] = [];
  for (const uri of uris) for (const d of service.getFindings(uri)) if (d.severity === 'error') errors.push(`${uri} ${d.code} ${d.message}`);
  assert.deepEqual(errors, []);
}

/** Applies edits (offsets in the original text) to a text. */
export function applyEdits(text: string, edits: { range: { start: number; end: number }; newText: string }[]): string {
  const sorted = [...edits].sort((a, b) => b.range.start - a.range.start || b.range.end - a.range.end);
  let res = text;
  for (const e of sorted) res = res.slice(0, e.range.start) + e.newText + res.slice(e.range.end);
  return res;
}

/**
 * Applies a quick fix of a finding to the service's documents (bumping versions) and returns the new texts.
 * Used by the round-trip tests: after the fix, both ends must check clean.
 */
export function applyFix(service: LanguageService, fix: model.FixIntent): Map<string, string> {
  const byUri = new Map<string, model.Edit[]>();
  for (const e of fix.edits) {
    const list = byUri.get(e.uri) ?? [];
    list.push(e);
    byUri.set(e.uri, list);
  }
  const res = new Map<string, string>();
  for (const [uri, edits] of byUri) {
    const doc = service.getDocument(uri)!;
    const text = applyEdits(doc.text, edits);
    service.setDocument(uri, text, doc.version + 1, doc.languageId);
    res.set(uri, text);
  }
  return res;
}
