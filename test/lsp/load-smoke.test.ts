// Smoke test of the load benchmark (bench/load.mjs, part of `npm run bench`, not of `npm test`): a small fleet and a
// short burst, run as a user runs it; checks the report's shape and that diagnostics for the final version arrive.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { ROOT, ensureBuilt } from '../cli/build';

test('bench/load.mjs reports latencies, final diagnostics and RSS for a small burst', () => {
  ensureBuilt();
  const res = spawnSync(
    process.execPath,
    [path.join(ROOT, 'bench/load.mjs'), '--devices', '20', '--edits', '30', '--steady-edits', '5', '--steady-interval', '20'],
    { encoding: 'utf8', timeout: 60_000 },
  );
  assert.equal(res.status, 0, res.stderr);
  const lines = res.stdout.trim().split('\n');
  assert.equal(lines.length, 1, 'one JSON object on stdout');
  const report = JSON.parse(lines[0]);
  assert.deepEqual(report.workspace.files, 20);
  for (const [phase, edits] of [
    ['burst', 30],
    ['steady', 5],
  ] as const) {
    const p = report[phase];
    assert.equal(p.edits, edits);
    assert.equal(p.requests.hover + p.requests.completion, edits);
    assert.equal(p.failedRequests, 0);
    // Requests a newer edit superseded are answered RequestCancelled; the others with a result.
    assert.equal(typeof p.cancelledRequests, 'number');
    assert.equal(p.resultLatencyMs.n + p.cancelledRequests, edits);
    assert.equal(p.latencyMs.n, edits);
    for (const k of ['p50', 'p95', 'p99', 'max']) assert.equal(typeof p.latencyMs[k], 'number', `${phase}.latencyMs.${k}`);
    assert.ok(p.latencyMs.p50 <= p.latencyMs.p95 && p.latencyMs.p95 <= p.latencyMs.p99 && p.latencyMs.p99 <= p.latencyMs.max);
    // The diagnostics for the last version sent arrived (null means they never did).
    assert.equal(typeof p.lastEditToFinalDiagnosticsMs, 'number', `${phase}: no diagnostics for the final version`);
  }
  assert.equal(report.burst.finalVersion, 31);
  assert.equal(report.steady.finalVersion, 36);
  assert.equal(typeof report.stalePublications, 'number');
  if (process.platform === 'linux') {
    assert.ok(report.rssMb.before > 0 && report.rssMb.after > 0);
  }
  assert.deepEqual(Object.keys(report.targets).sort(), ['finalDiagnosticsWithin200Ms', 'steadyP95Within50Ms']);
});
