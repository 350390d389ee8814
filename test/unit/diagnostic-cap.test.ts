// The per-file cap on parse and lowering diagnostics (issue 15): 1,000 kept, errors first, one
// `syntax/too-many-errors` summary, in every dialect through the service.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { capDiagnostics, DiagnosticCollector, MAX_SYNTAX_DIAGNOSTICS, type Severity, type SyntaxDiagnostic } from '../../server/src/syntax';

const diag = (severity: Severity, start: number): SyntaxDiagnostic => ({ range: { start, end: start + 1 }, severity, code: 'syntax/x', message: `at ${start}` });

describe('capDiagnostics', () => {
  it('returns the list itself when it is within the cap', () => {
    const list = [diag('error', 0), diag('hint', 1)];
    assert.equal(capDiagnostics(list, 2), list);
  });

  it('keeps errors first, then warnings, information and hints, in the order produced', () => {
    const list = [diag('hint', 0), diag('warning', 1), diag('error', 2), diag('information', 3), diag('error', 4), diag('warning', 5)];
    const res = capDiagnostics(list, 3);
    assert.deepEqual(res.slice(0, 3).map((d) => [d.severity, d.range.start]), [['warning', 1], ['error', 2], ['error', 4]]);
    assert.equal(res[3].code, 'syntax/too-many-errors');
    assert.match(res[3].message, /reports 3 of them and dropped 3 more/);
  });

  it('adds up the count of a summary a parser already made', () => {
    const sink = new DiagnosticCollector(2);
    for (let i = 0; i < 5; i++) sink.push(diag('error', i));
    assert.ok(sink.full);
    const parsed = sink.finish();
    assert.equal(parsed.length, 3);
    const res = capDiagnostics([...parsed, diag('error', 10), diag('error', 11)], 2);
    assert.deepEqual(res.map((d) => d.code), ['syntax/x', 'syntax/x', 'syntax/too-many-errors']);
    assert.match(res[2].message, /dropped 5 more/); // 3 by the parser, 2 here
  });
});

describe('every dialect is capped through the service', () => {
  const cases: [string, string, (i: number) => string][] = [
    ['file:///cap/r1.ios', 'hostname r1\n', (i) => `interface Loopback${i}\n ip address 10.0.0.300 255.255.255.255\n`],
    ['file:///cap/fw.rsc', '/ip address\n', (i) => `add address=10.0.${i & 255}.1/24 interface="ether${i}\n`],
    ['file:///cap/ipsec.conf', '', (i) => `ike esp from 10.0.0.${i & 255} to 10.1.0.0/16 peer 192.0.2.1 main enc nonsense${i}\n`],
  ];
  for (const [uri, head, line] of cases) {
    it(uri.split('/').pop()!, () => {
      const service = createLanguageService();
      let text = head;
      for (let i = 0; i < 1_500; i++) text += line(i);
      service.setDocument(uri, text, 1);
      const findings = service.getFindings(uri);
      const syntax = findings.filter((f) => f.code.startsWith('syntax/') && f.code !== 'syntax/too-many-errors');
      assert.equal(syntax.length, MAX_SYNTAX_DIAGNOSTICS);
      const summary = findings.filter((f) => f.code === 'syntax/too-many-errors');
      assert.equal(summary.length, 1);
      assert.match(summary[0].message, /dropped [\d,]+ more/);
    });
  }

  it('a file with fewer problems has no summary', () => {
    const service = createLanguageService();
    service.setDocument('file:///cap/ok.ios', 'hostname r1\ninterface Loopback0\n ip address 10.0.0.300 255.255.255.255\n', 1);
    const findings = service.getFindings('file:///cap/ok.ios');
    assert.equal(findings.filter((f) => f.code === 'syntax/invalid-address').length, 1);
    assert.ok(!findings.some((f) => f.code === 'syntax/too-many-errors'));
  });
});
