// The client restarts a stopped server at most 5 times within 3 minutes (client/src/restart.ts), then asks the user.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RestartBudget } from '../../client/src/restart';

test('five restarts within three minutes, the sixth stop is refused; old stops age out; reset forgets', () => {
  let now = 0;
  const budget = new RestartBudget(5, 180_000, () => now);
  const answers: boolean[] = [];
  for (let i = 0; i < 6; i++) {
    answers.push(budget.stopped());
    now += 10_000;
  }
  assert.deepEqual(answers, [true, true, true, true, true, false]);
  // Stops at 0..50 s: a seventh at 175 s still falls within three minutes of all of them.
  now = 175_000;
  assert.equal(budget.stopped(), false, 'seven stops within the window');
  // At 231 s the stops at 0..50 s are more than three minutes old: two stops remain (175 s, 231 s).
  now = 231_000;
  assert.equal(budget.stopped(), true);
  budget.reset();
  for (let i = 0; i < 5; i++) assert.equal(budget.stopped(), true);
  assert.equal(budget.stopped(), false);
});
