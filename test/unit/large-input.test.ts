// Issue 15 regression (repro ios-unused-acls-140k.gen.sh): 140,000 unused ACLs (4.4 MB, under the size cap) give
// more findings than fit in a spread call's arguments; `findings.push(...check())` threw RangeError, so the CLI exited
// 2 with no report and the server published nothing. Both hosts must report every finding.

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

test('the service returns every finding of a check with more than 125k findings', () => {
  const text = unusedAcls(N);
  assert.ok(text.length < 10 * 1024 * 1024, 'under the default maxFileSize');
  // Editor mode here; the CLI below runs batch mode.
  const s = createLanguageService();
  s.setDocument('file:///w/many.ios', text, 1);
  const unused = s.getFindings('file:///w/many.ios').filter((f) => f.code === 'ref/unused');
  assert.equal(unused.length, N);
  // The last ACL is reported at its own name on the last line.
  assert.equal(text.slice(unused[N - 1].range.start, unused[N - 1].range.end), `A${N - 1}`);
});

test('netcfg check reports all of them and exits 0/1 with a report, not 2', () => {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-large-'));
  try {
    fs.writeFileSync(path.join(dir, 'many.ios'), unusedAcls(N));
    const res = spawnSync(process.execPath, [CLI, 'check', 'many.ios', '--format', 'json', '--min-severity', 'hint'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    assert.ok(res.status === 0 || res.status === 1, `exit ${res.status}: ${res.stderr.slice(0, 500)}`);
    const report = JSON.parse(res.stdout);
    assert.deepEqual(report.files.map((f: { dialect: string }) => f.dialect), ['cisco-ios']);
    const unused = report.diagnostics.filter((d: { code: string }) => d.code === 'ref/unused');
    assert.equal(unused.length, N);
    assert.deepEqual({ line: unused[N - 1].line, message: unused[N - 1].message }, { line: N + 1, message: `acl 'A${N - 1}' is defined but never used` });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
