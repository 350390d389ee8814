// Helpers shared by the IPsec real-syntax fixture tests: caret lines for long generated lines, fix round trips,
// and a compact "file code text" listing of error findings for anchors a caret line cannot express (column 0).

import assert from 'node:assert/strict';
import { applyFix, assertNoErrors, loadFixture } from '../helpers/fixture';

/** A caret line (`<c> ^^^ severity code`) under the `nth` `needle` of `line`; `c` is the dialect's comment char. */
export function under(line: string, needle: string, what: string, c = '#', nth = 0): string {
  let col = -1;
  for (let i = 0; i <= nth; i++) col = line.indexOf(needle, col + 1);
  assert.ok(col >= 1, `${needle} not in ${line} (or at column 0, which a caret line cannot point at)`);
  return `${c}${' '.repeat(col - 1)}${'^'.repeat(needle.length)} ${what}\n`;
}

/** The first finding with `code` on `file`, its fix whose title starts with `title`, applied; then no errors anywhere. */
export function roundTrip(fixture: string, file: string, code: string, title: string): Map<string, string> {
  const { service, files } = loadFixture(fixture);
  const uri = files.find((f) => f.name === file)!.uri;
  const finding = service.getFindings(uri).find((f) => f.code === code);
  assert.ok(finding, `no ${code} on ${file}`);
  const fix = finding.fixes.find((f) => f.title.startsWith(title));
  assert.ok(fix, `no fix "${title}…" among: ${finding.fixes.map((f) => f.title).join(' | ')}`);
  const texts = applyFix(service, fix);
  assertNoErrors(service, files.map((f) => f.uri));
  return texts;
}

/** `file code text` for every error-level finding, sorted. */
export function errorsOf(fixture: string): string[] {
  const { service, files } = loadFixture(fixture);
  return files.flatMap((f) => service.getFindings(f.uri).filter((d) => d.severity === 'error').map((d) => `${f.name} ${d.code} ${f.text.slice(d.range.start, d.range.end)}`)).sort();
}

/** Every message, related message and fix title of a fixture, joined (for "never shows the secret" checks). */
export function allText(fixture: string): string {
  const { service, files } = loadFixture(fixture);
  return files.flatMap((f) => service.getFindings(f.uri).flatMap((d) => [d.message, ...d.related.map((r) => r.message), ...d.fixes.map((x) => x.title)])).join('\n');
}

/**
 * Applies the fix titled `title…` of the first `code` finding on `file` that `pick` accepts, then asserts that
 * no file has an error, nor an error or warning with `code`, nor a `code` finding `pick` accepts.
 * Returns the edited texts by file name (unedited files keep their text).
 */
export function fixAndCheck(fixture: string, file: string, code: string, title: string, pick: (message: string) => boolean = () => true): Map<string, string> {
  const { service, files } = loadFixture(fixture);
  const uri = files.find((f) => f.name === file)!.uri;
  const finding = service.getFindings(uri).find((f) => f.code === code && pick(f.message));
  assert.ok(finding, `no ${code} on ${file}`);
  const fix = finding.fixes.find((f) => f.title.startsWith(title));
  assert.ok(fix, `no fix "${title}…" among: ${finding.fixes.map((f) => f.title).join(' | ')}`);
  applyFix(service, fix);
  assertNoErrors(service, files.map((f) => f.uri));
  const left = files.flatMap((f) => service.getFindings(f.uri).filter((d) => d.code === code && (d.severity === 'error' || d.severity === 'warning' || pick(d.message))).map((d) => `${f.name} ${d.severity} ${d.message}`));
  assert.deepEqual(left, []);
  return new Map(files.map((f) => [f.name, service.getDocument(f.uri)!.text]));
}

/** `file severity code first-line-of-anchor` for every finding with `code`, sorted. */
export function findingsOf(fixture: string, code: string): string[] {
  const { service, files } = loadFixture(fixture);
  return files.flatMap((f) => service.getFindings(f.uri).filter((d) => d.code === code).map((d) => `${f.name} ${d.severity} ${f.text.slice(d.range.start, d.range.end).split('\n')[0]}`)).sort();
}
