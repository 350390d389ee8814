// Every fuzz reproducer kept in test/fuzz/repro/found/ (written by `npm run fuzz` into test/fuzz/found/, moved here
// once fixed) replays through all the fuzz oracles: no throw, no internal/parser-crash, lossless tokens, ranges inside
// the text, no planted secret in any text. Timing oracles stay in the fuzzer and the bench, not here.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { loadSeeds } from './corpus';
import { readReproducer } from './fuzz';
import { runOracles } from './oracles';

const DIR = path.join(path.dirname(new URL(import.meta.url).pathname), 'repro', 'found');
const files = fs.readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();
const seeds = loadSeeds({});

test('the kept reproducers exist', () => assert.ok(files.length >= 6, files.join(', ')));

for (const f of files) {
  test(`fuzz reproducer ${f} passes every oracle`, () => {
    const { c } = readReproducer(path.join(DIR, f), seeds);
    const res = runOracles(c);
    const real = res.failures.filter((x) => x.kind !== 'slow' && x.kind !== 'hang');
    assert.deepEqual(real.map((x) => `${x.kind}: ${x.message}`), []);
  });
}
