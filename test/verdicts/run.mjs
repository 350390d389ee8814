// `npm run verdicts`: checks every scenario of the verdict corpus with the built CLI (evaluate.mjs), prints one table
// row per scenario and then one JSON summary (precision: known-good scenarios with an error-level finding; recall:
// faults found on every end they must be found on). Exit 0 always, unless `--strict`: then 1 on any false error,
// missed fault or invalid scenario.
import { evaluate } from './evaluate.mjs';

const strict = process.argv.includes('--strict');
const { results, summary } = await evaluate();

const pad = (s, n) => (s.length >= n ? s : s + ' '.repeat(n - s.length));
const width = Math.max(8, ...results.map((r) => r.id.length));
const lines = [`${pad('scenario', width)}  expect  verdict  detail`];
for (const r of results) {
  let verdict;
  let detail = '';
  if (r.problems.length) {
    verdict = 'INVALID';
    detail = r.problems.join('; ');
  } else if (r.pass) {
    verdict = 'ok';
  } else if (r.expect === 'good') {
    verdict = 'FALSE';
    const errs = (r.alone.pass ? r.together : r.alone).errors;
    detail = `${r.alone.pass ? '(only together) ' : ''}${errs.map((e) => `${e.file}:${e.line} ${e.code}`).join(', ')}`;
  } else {
    verdict = 'MISSED';
    const missed = (r.alone.pass ? r.together : r.alone).missed;
    detail = `${r.alone.pass ? '(only together) ' : ''}${missed.map((f) => `${f.file} ${f.code}`).join(', ')}`;
  }
  if (r.changed) detail += ' [verdict changes when all labs are checked together]';
  lines.push(`${pad(r.id, width)}  ${pad(r.expect ?? '?', 6)}  ${pad(verdict, 7)}  ${detail}`.trimEnd());
}
console.log(lines.join('\n'));
console.log(JSON.stringify(summary, null, 2));
const bad = summary.precision.falseErrors + (summary.recall.faults - summary.recall.found) + summary.invalid.length;
process.exit(strict && bad > 0 ? 1 : 0);
