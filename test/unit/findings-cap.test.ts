// The per-code cap on one file's findings (issue 16): of a code with more than 1,000 findings, the first 1,000 in
// file order are returned and one `limits/too-many-findings` summary (information) stands for the rest, at the
// first dropped one's range, naming the code and the number dropped. Through the service, on real IOS syntax.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capFindings, createLanguageService, MAX_FINDINGS_PER_CODE } from '../../server/src/service';
import type * as model from '../../server/src/model';

/** An IOS config with `n` prefix lists nothing uses (one `ref/unused` hint each). */
function unusedPrefixLists(n: number): string {
  const out = ['hostname EDGE'];
  for (let i = 0; i < n; i++) out.push(`ip prefix-list PL${i} seq 5 permit 10.${(i >> 8) & 255}.${i & 255}.0/24`);
  return `${out.join('\n')}\n`;
}

function findings(text: string): model.Finding[] {
  const service = createLanguageService();
  service.setDocument('file:///cap/edge.ios', text, 1);
  return service.getFindings('file:///cap/edge.ios');
}

describe('findings cap per code', () => {
  it('keeps 1,000 of a code in file order and summarises the rest in one information finding', () => {
    const text = unusedPrefixLists(3_113);
    const res = findings(text);
    const unused = res.filter((f) => f.code === 'ref/unused').sort((a, b) => a.range.start - b.range.start);
    assert.equal(unused.length, MAX_FINDINGS_PER_CODE);
    assert.equal(text.slice(unused[0].range.start, unused[0].range.end), 'PL0');
    assert.equal(text.slice(unused[999].range.start, unused[999].range.end), 'PL999');
    const summaries = res.filter((f) => f.code === 'limits/too-many-findings');
    assert.equal(summaries.length, 1);
    const s = summaries[0];
    assert.equal(s.severity, 'information');
    assert.equal(s.message, "2,113 more 'ref/unused' findings in this file are not shown");
    assert.equal(text.slice(s.range.start, s.range.end), 'PL1000');
    assert.equal(s.uri, 'file:///cap/edge.ios');
  });

  it('reports every finding of a code with exactly 1,000, and no summary', () => {
    const res = findings(unusedPrefixLists(1_000));
    assert.equal(res.filter((f) => f.code === 'ref/unused').length, 1_000);
    assert.ok(!res.some((f) => f.code === 'limits/too-many-findings'));
  });

  it('caps each code on its own and leaves the others whole; one dropped finding is singular', () => {
    const f = (code: string, start: number): model.Finding => ({ uri: 'file:///x.ios', range: { start, end: start + 2 }, severity: 'hint', code, message: `${code} ${start}`, related: [], fixes: [] });
    const list = [f('a/b', 9), f('c/d', 1), f('a/b', 3), f('a/b', 5), f('c/d', 2), f('e/f', 0), f('c/d', 0), f('c/d', 7)];
    const res = capFindings(list, 2);
    assert.deepEqual(
      res.map((x) => [x.code, x.range.start]),
      [['e/f', 0], ['a/b', 3], ['a/b', 5], ['limits/too-many-findings', 9], ['c/d', 0], ['c/d', 1], ['limits/too-many-findings', 2]],
    );
    assert.equal(res[3].message, "1 more 'a/b' finding in this file is not shown");
    assert.equal(res[6].message, "2 more 'c/d' findings in this file are not shown");
    const within = [f('a/b', 1), f('a/b', 2)];
    assert.equal(capFindings(within, 2), within);
  });
});
