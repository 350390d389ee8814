// The verdict corpus (scenarios/, see README.md): real labs whose sources state whether their sessions and adjacencies
// come up. Runs the built CLI on every scenario alone and on the whole folder (evaluate.mjs, shared with
// `npm run verdicts`) and asserts: every verdict.json is valid, no known-good lab gets an error-level finding, every
// stated fault is found on the ends it names — except the scenarios in KNOWN_GAPS, which must still fail (a listed
// scenario that starts passing fails this test, so the list stays true).

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ensureBuilt } from '../cli/build';
import { DIALECTS, evaluate, loadScenarios } from './evaluate.mjs';

/** Scenario id → what netcfg gets wrong there. Empty: every scenario passes, alone and with the other labs. */
const KNOWN_GAPS: Record<string, string> = {};

let outcome: Awaited<ReturnType<typeof evaluate>>;

before(async () => {
  ensureBuilt();
  outcome = await evaluate();
});

describe('verdict corpus', () => {
  test('every scenario folder has a valid verdict.json and config files netcfg recognises', () => {
    const scenarios = loadScenarios();
    assert.ok(scenarios.length > 0, 'no scenarios found');
    assert.deepEqual(scenarios.flatMap((s) => s.problems), []);
    for (const r of outcome.results) assert.deepEqual(r.unrecognised ?? [], [], `${r.id}: files with no dialect`);
  });

  test('the corpus has at least 34 scenarios covering every dialect', () => {
    const count = outcome.summary.dialects as Record<string, number>;
    assert.ok(outcome.results.length >= 34, `only ${outcome.results.length} scenarios`);
    for (const d of DIALECTS) assert.ok(count[d] > 0, `no scenario with a ${d} file`);
  });

  test('KNOWN_GAPS names existing scenarios', () => {
    const ids = new Set(outcome.results.map((r) => r.id));
    assert.deepEqual(Object.keys(KNOWN_GAPS).filter((id) => !ids.has(id)), []);
  });

  test('no known-good scenario gets an error-level finding (alone and with the other labs)', () => {
    const bad = outcome.results
      .filter((r) => r.expect === 'good' && !r.pass && !(r.id in KNOWN_GAPS))
      .map((r) => (r.problems.length ? { id: r.id, invalid: r.problems } : { id: r.id, alone: r.alone?.errors, together: r.together?.errors }));
    assert.deepEqual(bad, []);
  });

  test('every stated fault is found as an error on each end it names (alone and with the other labs)', () => {
    const bad = outcome.results
      .filter((r) => r.expect === 'fault' && !r.pass && !(r.id in KNOWN_GAPS))
      .map((r) => (r.problems.length ? { id: r.id, invalid: r.problems } : { id: r.id, alone: r.alone?.missed, together: r.together?.missed }));
    assert.deepEqual(bad, []);
  });

  test('every KNOWN_GAPS scenario still fails (remove it from the list once it passes)', () => {
    const fixed = outcome.results.filter((r) => r.id in KNOWN_GAPS && r.pass).map((r) => r.id);
    // An invalid scenario is not evaluated: it must be made valid, not listed as a gap.
    const invalid = outcome.results.filter((r) => r.id in KNOWN_GAPS && r.problems.length).map((r) => r.id);
    assert.deepEqual(invalid, [], 'KNOWN_GAPS lists invalid scenarios');
    assert.deepEqual(fixed, []);
  });
});
