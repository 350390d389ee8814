// `--format junit`: JUnit XML for Jenkins (junit step), Azure Pipelines (PublishTestResults) and GitLab test
// reports. One <testsuite> per file checked, one <testcase> per finding (a file with none gets one passing
// "netcfg check" case, so every file shows); findings at or above --fail-level are <failure>s, findings below it
// pass with their text in <system-out>, suppressed and baselined ones are <skipped>. The shape follows the
// schema Jenkins' xUnit plugin validates JUnit reports with (junit-10.xsd). Plain data: no service, no IO.

import { docsUrl } from '../protocol';
import { counts, fails, messageWithRelated, type FailLevel, type JsonDiagnostic, type JsonReport } from './report';

export function formatJunit(report: JsonReport, failLevel: FailLevel): string {
  const byFile = new Map<string, JsonDiagnostic[]>();
  for (const f of report.files) byFile.set(f.path, []);
  for (const d of report.diagnostics) {
    let list = byFile.get(d.file);
    // netcfg.yaml files (and external peers' synthetic paths) are not listed as files but may carry findings.
    if (!list) byFile.set(d.file, (list = []));
    list.push(d);
  }
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [file, diags] of byFile) {
    const cases: string[] = [];
    let nFail = 0;
    let nSkip = 0;
    const classname = attr(file.replace(/\./g, '_'));
    if (diags.length === 0) cases.push(`    <testcase name="netcfg check" classname="${classname}" time="0"/>`);
    for (const d of diags) {
      const name = attr(`${d.code} ${d.line}:${d.column}`);
      const text = text_(`${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code}: ${messageWithRelated(d)}\n${docsUrl(d.code)}`);
      let inner: string;
      if (!counts(d)) {
        nSkip++;
        const why = d.suppressed ? `suppressed${d.suppression?.justification ? `: ${d.suppression.justification}` : ''}` : 'in the baseline';
        inner = `<skipped message="${attr(why)}"/>`;
      } else if (fails(d.severity, failLevel)) {
        nFail++;
        inner = `<failure type="${attr(d.code)}" message="${attr(`${d.severity}: ${d.message}`)}">${text}</failure>`;
      } else inner = `<system-out>${text}</system-out>`;
      cases.push(`    <testcase name="${name}" classname="${classname}" time="0">${inner}</testcase>`);
    }
    const n = cases.length;
    tests += n;
    failures += nFail;
    suites.push(`  <testsuite name="${attr(file)}" tests="${n}" failures="${nFail}" errors="0" skipped="${nSkip}" time="0" file="${attr(file)}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="netcfg" tests="${tests}" failures="${failures}" errors="0" time="0">\n${suites.length ? `${suites.join('\n')}\n` : ''}</testsuites>\n`;
}

/** Characters XML 1.0 cannot hold at all (controls but tab and line breaks, lone surrogates, U+FFFE/FFFF). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Element text: markup escaped, characters XML cannot hold replaced by U+FFFD. */
function text_(s: string): string {
  return s.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (double-quoted): also quotes, and line breaks and tabs as references so parsers keep them. */
function attr(s: string): string {
  return text_(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}
