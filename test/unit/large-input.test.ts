// Issue 15 regression (repro ios-unused-acls-140k.gen.sh): 140,000 unused ACLs (4.4 MB, under the size cap) give
// more findings than fit in a spread call's arguments; `findings.push(...check())` threw RangeError, so the CLI exited
// 2 with no report and the server published nothing. Both hosts must report: since issue 16, 1,000 findings of the
// code and one `limits/too-many-findings` for the other 139,000.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { CLI, ensureBuilt } from '../cli/build';

const N = 140_000;

function unusedAcls(n: number): string {
  const lines = ['hostname many'];
  for (let i = 0; i < n; i++) lines.push(`ip access-list standard A${i}`);
  return `${lines.join('\n')}\n`;
}

test('the service returns the first 1,000 findings of a check with more than 125k findings and one summary', () => {
  const text = unusedAcls(N);
  assert.ok(text.length < 10 * 1024 * 1024, 'under the default maxFileSize');
  // Editor mode here; the CLI below runs batch mode.
  const s = createLanguageService();
  s.setDocument('file:///w/many.ios', text, 1);
  const findings = s.getFindings('file:///w/many.ios');
  const unused = findings.filter((f) => f.code === 'ref/unused');
  assert.equal(unused.length, 1_000);
  assert.equal(text.slice(unused[999].range.start, unused[999].range.end), 'A999');
  const summary = findings.filter((f) => f.code === 'limits/too-many-findings');
  assert.equal(summary.length, 1);
  assert.equal(summary[0].message, `139,000 more 'ref/unused' findings in this file are not shown`);
  assert.equal(text.slice(summary[0].range.start, summary[0].range.end), 'A1000');
});

test('netcfg check reports them (capped) and exits 0/1 with a report, not 2', () => {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-large-'));
  try {
    fs.writeFileSync(path.join(dir, 'many.ios'), unusedAcls(N));
    const res = spawnSync(process.execPath, [CLI, 'check', 'many.ios', '--format', 'json', '--min-severity', 'hint'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    assert.ok(res.status === 0 || res.status === 1, `exit ${res.status}: ${res.stderr.slice(0, 500)}`);
    const report = JSON.parse(res.stdout);
    assert.deepEqual(report.files.map((f: { dialect: string }) => f.dialect), ['cisco-ios']);
    const unused = report.diagnostics.filter((d: { code: string }) => d.code === 'ref/unused');
    assert.equal(unused.length, 1_000);
    assert.deepEqual({ line: unused[999].line, message: unused[999].message }, { line: 1_001, message: `acl 'A999' is defined but never used` });
    const summary = report.diagnostics.filter((d: { code: string }) => d.code === 'limits/too-many-findings');
    assert.deepEqual(
      summary.map((d: { line: number; message: string }) => ({ line: d.line, message: d.message })),
      [{ line: 1_002, message: `139,000 more 'ref/unused' findings in this file are not shown` }],
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
