// Agreement with BIRD itself: for every BIRD 2 entry file of the corpus and every snippet of our tests, our verdict
// (ok, or error and its line) must equal `bird -p -c FILE`'s. Installs Debian's bird2 when `bird` is missing.
//
// How files that include others are compared: we never follow includes, so the corpus set is rebuilt in a temporary
// directory with its original relative paths and BIRD reads the whole set. When BIRD's first error lies in another
// file than the entry, the entry is "not comparable" (counted and listed, not silently skipped). When an included file
// is not part of the corpus at all, BIRD's verdict recorded in MANIFEST.tsv (2.0.12) is used instead.
// BIRD reports an error at the end of the file ("unexpected END") at a meaningless position (line 1), so that verdict
// is matched by our `syntax/unclosed-block` error; ours points at the `{` that is never closed. Likewise BIRD reports
// "Unterminated comment" at the end of the input; ours points at the `/*`.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { referenceCheck } from '../../server/src/analysis/references';
import { DEFAULT_ANALYSIS_SETTINGS } from '../../server/src/analysis/types';
import { birdDialect } from '../../server/src/dialects/bird';
import { parseFixture } from '../helpers/fixture';
import { SNIPPETS } from './snippets';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
const MANIFEST = path.join(CORPUS, 'MANIFEST.tsv');

/**
 * Known disagreements, each with the reason. A new disagreement fails the test; a listed one that starts to agree
 * fails too (so the list stays true).
 */
const KNOWN_DISAGREEMENTS: Record<string, string> = {};

interface Verdict {
  ok: boolean;
  line?: number;
  /** BIRD's message, for the report. */
  message?: string;
  /** BIRD: the error is at end of input (reported at a bogus position). */
  atEnd?: boolean;
  /** BIRD: the error is in another file than the entry. */
  otherFile?: string;
}

let birdVersion = '';

function sh(cmd: string, args: string[], cwd?: string) {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 600_000 });
}

/** Makes sure `bird` is installed; installs Debian's bird2 otherwise. Fails loudly with the reason. */
function ensureBird(): void {
  const which = sh('sh', ['-c', 'command -v bird']);
  if (which.status !== 0) {
    const install = sh('sh', ['-c', 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y bird2']);
    if (install.status !== 0) {
      assert.fail(`bird is not installed and installing Debian's bird2 failed (exit ${install.status}, are we root with network access?):\n${(install.stderr || install.stdout || String(install.error)).slice(-2000)}`);
    }
  }
  const v = sh('bird', ['--version']);
  const m = /BIRD version (\S+)/.exec(`${v.stdout}${v.stderr}`);
  if (!m) assert.fail(`\`bird --version\` did not print a version: ${v.stdout}${v.stderr}${v.error ?? ''}`);
  birdVersion = m[1];
}

function birdVerdict(file: string, cwd: string): Verdict {
  const res = sh('bird', ['-p', '-c', file], cwd);
  const out = `${res.stderr}${res.stdout}`;
  if (res.status === 0) return { ok: true };
  const m = /bird: (.*?):(\d+):(\d+) (.*)/.exec(out);
  if (!m) return { ok: false, message: out.trim() };
  const atEnd = /unexpected END|Unterminated comment/.test(m[4]);
  const otherFile = path.basename(m[1]) !== path.basename(file) ? m[1] : undefined;
  return { ok: false, line: Number(m[2]), message: m[4], atEnd, otherFile };
}

/** Our verdict: the first error (by position) of parse + lowering + reference checks. */
function ourVerdict(text: string, name: string): Verdict & { bird1: boolean } {
  const parsed = birdDialect.parse(text, { birdVersion });
  const low = birdDialect.lower(parsed, `file:///agreement/${name}`, {});
  const errors = [
    ...low.diagnostics.filter((d) => d.severity === 'error'),
    ...referenceCheck.check(low.device, { settings: DEFAULT_ANALYSIS_SETTINGS }).filter((f) => f.severity === 'error'),
  ].sort((a, b) => a.range.start - b.range.start);
  const bird1 = parsed.tree.info.bird1.length > 0;
  if (errors.length === 0) return { ok: true, bird1 };
  const lineOf = (o: number) => text.slice(0, o).split('\n').length;
  // Unclosed blocks: BIRD only notices at the end of the input; another error, if any, is what it reports.
  const real = errors.filter((e) => e.code !== 'syntax/unclosed-block');
  if (real[0]?.code === 'syntax/unterminated-comment') return { ok: false, atEnd: true, line: lineOf(real[0].range.start), message: real[0].code, bird1 };
  if (real.length === 0) return { ok: false, atEnd: true, line: lineOf(errors[0].range.start), message: errors[0].code, bird1 };
  return { ok: false, line: lineOf(real[0].range.start), message: `${real[0].code}: ${real[0].message}`, bird1 };
}

function agree(ours: Verdict, theirs: Verdict): boolean {
  if (ours.ok || theirs.ok) return ours.ok === theirs.ok;
  if (theirs.atEnd) return ours.atEnd === true;
  return ours.line === theirs.line;
}

function show(v: Verdict): string {
  return v.ok ? 'ok' : `error${v.line ? ` line ${v.line}` : ''}${v.atEnd ? ' (end of input)' : ''}: ${v.message ?? ''}`;
}

interface Row {
  path: string;
  sourcePath: string;
  sourceRepo: string;
  sourceCommit: string;
  birdP: string;
}

function manifestRows(): Row[] {
  const lines = fs.readFileSync(MANIFEST, 'utf8').split('\n');
  const header = lines[0].split('\t');
  const col = (name: string) => header.indexOf(name);
  return lines
    .slice(1)
    .filter((l) => l.trim())
    .map((l) => l.split('\t'))
    .filter((c) => c[col('dialect')] === 'bird2')
    .map((c) => ({ path: c[col('path')], sourcePath: c[col('source_path')], sourceRepo: c[col('source_repo')], sourceCommit: c[col('source_commit')], birdP: c[col('bird_p')] }));
}

/** Recorded 2.0.12 verdict from MANIFEST.tsv (`ok` / `error: bird: file:L:C msg`). */
function recordedVerdict(row: Row): Verdict {
  if (row.birdP.startsWith('ok')) return { ok: true };
  const m = /bird: (.*?):(\d+):(\d+) (.*)/.exec(row.birdP);
  if (!m) return { ok: false, message: row.birdP };
  return { ok: false, line: Number(m[2]), message: m[4], atEnd: /unexpected END/.test(m[4]), otherFile: path.basename(m[1]) !== path.basename(row.sourcePath) ? m[1] : undefined };
}

describe('bird -p agreement', { skip: !fs.existsSync(MANIFEST) && 'corpus not present' }, () => {
  before(() => ensureBird());

  it('agrees with bird -p on every BIRD 2 corpus entry file', () => {
    const rows = manifestRows();
    const entries = rows.filter((r) => !r.birdP.startsWith('fragment'));
    assert.ok(entries.length >= 10, `expected the BIRD 2 corpus entries, found ${entries.length}`);
    const report: string[] = [];
    const mismatches: string[] = [];
    let compared = 0;
    let agreed = 0;
    const known = new Set<string>();
    for (const entry of entries) {
      // Rebuild the entry's set (same repo and commit, same top folder in the corpus) with original relative paths.
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-bird-'));
      const setKey = entry.path.includes('/', 'bird2/'.length) ? entry.path.split('/').slice(0, 2).join('/') : undefined;
      const baseDir = path.posix.dirname(entry.sourcePath);
      for (const r of rows) {
        if (r.sourceRepo !== entry.sourceRepo || r.sourceCommit !== entry.sourceCommit) continue;
        if (setKey ? !r.path.startsWith(`${setKey}/`) : r.path.includes('/', 'bird2/'.length)) continue;
        const rel = path.posix.relative(baseDir, r.sourcePath);
        if (rel.startsWith('..')) continue;
        const dest = path.join(tmp, rel);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        fs.copyFileSync(path.join(CORPUS, r.path), dest);
      }
      const rel = path.posix.relative(baseDir, entry.sourcePath);
      let theirs = birdVerdict(rel, tmp);
      let source = `bird ${birdVersion}`;
      if (!theirs.ok && /Unable to open included file/i.test(theirs.message ?? '')) {
        theirs = recordedVerdict(entry);
        source = 'MANIFEST (an included file is not in the corpus)';
      }
      fs.rmSync(tmp, { recursive: true, force: true });
      const text = fs.readFileSync(path.join(CORPUS, entry.path), 'utf8');
      const ours = ourVerdict(text, path.basename(entry.sourcePath));
      if (!theirs.ok && theirs.otherFile) {
        report.push(`  n/a   ${entry.path}: bird's error is in included file ${theirs.otherFile} (we do not follow includes)`);
        continue;
      }
      compared++;
      const same = agree(ours, theirs);
      if (same) agreed++;
      if (KNOWN_DISAGREEMENTS[entry.path]) {
        known.add(entry.path);
        if (same) mismatches.push(`${entry.path} is listed as a known disagreement but now agrees: remove it from the list`);
      } else if (!same) mismatches.push(`${entry.path}: ours ${show(ours)} / ${source} ${show(theirs)}`);
      report.push(`  ${same ? 'agree' : 'DIFF '} ${entry.path}: ours ${show(ours)} / ${source} ${show(theirs)}${KNOWN_DISAGREEMENTS[entry.path] ? ` — known: ${KNOWN_DISAGREEMENTS[entry.path]}` : ''}`);
    }
    console.log(`bird -p agreement on corpus entries: ${agreed}/${compared} (${((100 * agreed) / Math.max(1, compared)).toFixed(1)}%), BIRD ${birdVersion}\n${report.join('\n')}`);
    assert.deepEqual(mismatches, []);
  });

  it('never reports an error where bird -p accepts a mutated config (and agrees on most mutations)', () => {
    // Single-token mutations (delete, replace, insert) of a config using most modelled keywords, fixed seed.
    const base = fs.readFileSync(path.join(__dirname, 'fixtures', 'full.conf'), 'utf8');
    assert.deepEqual(ourVerdict(base, 'full.conf'), { ok: true, bird1: false });
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-bird-mut-'));
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const words = ['hello', 'dead', 'stub', 'nssa', 'area', 'interface', 'ipv6', 'ipv4', 'authentication simple', 'password "abc"', 'algorithm keyed md5', 'type nbma', '0', '1', '70000', 'foo', '-', ';', '}', '{', 'import all', 'table', 'protocol', 'v3', 'count', 'priority', '300', '"x"', '10.0.0.0/8'];
    const toks = birdDialect.parse(base, {}).tokens.filter((t) => t.kind !== 'whitespace' && t.kind !== 'newline' && t.kind !== 'comment');
    const falseErrors: string[] = [];
    let agreed = 0;
    const total = 120;
    try {
      for (let n = 0; n < total; n++) {
        const t = toks[Math.floor(rnd() * toks.length)];
        const op = rnd();
        const word = words[Math.floor(rnd() * words.length)];
        const text = op < 0.3 ? base.slice(0, t.start) + base.slice(t.end) : op < 0.7 ? base.slice(0, t.start) + word + base.slice(t.end) : `${base.slice(0, t.end)} ${word}${base.slice(t.end)}`;
        const file = path.join(tmp, 'm.conf');
        fs.writeFileSync(file, text);
        const theirs = birdVerdict(file, tmp);
        const ours = ourVerdict(text, 'm.conf');
        if (agree(ours, theirs)) agreed++;
        if (theirs.ok && !ours.ok) falseErrors.push(`${show(ours)} near ${JSON.stringify(base.slice(Math.max(0, t.start - 20), t.end + 20))}`);
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    console.log(`bird -p agreement on ${total} mutations of fixtures/full.conf: ${agreed}/${total} (${((100 * agreed) / total).toFixed(1)}%); disagreements are errors BIRD finds in grammar we do not model (filters, BGP, reserved words)`);
    assert.deepEqual(falseErrors, []);
  });

  it('agrees with bird -p on every BIRD snippet of our tests', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-bird-snip-'));
    const report: string[] = [];
    const mismatches: string[] = [];
    let compared = 0;
    let agreed = 0;
    try {
      SNIPPETS.forEach((s, i) => {
        for (const f of parseFixture(s.fixture)) {
          const ours = ourVerdict(f.text, f.name);
          if (ours.bird1) {
            report.push(`  n/a   ${s.name}: BIRD 1.x file (bird2's parser does not apply)`);
            continue;
          }
          const file = path.join(tmp, `snippet-${i}.conf`);
          fs.writeFileSync(file, f.text);
          const theirs = birdVerdict(file, tmp);
          compared++;
          const same = agree(ours, theirs);
          if (same) agreed++;
          else mismatches.push(`${s.name}: ours ${show(ours)} / bird ${show(theirs)}`);
          report.push(`  ${same ? 'agree' : 'DIFF '} ${s.name}: ours ${show(ours)} / bird ${show(theirs)}`);
        }
      });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    console.log(`bird -p agreement on test snippets: ${agreed}/${compared} (${((100 * agreed) / Math.max(1, compared)).toFixed(1)}%), BIRD ${birdVersion}\n${report.join('\n')}`);
    assert.deepEqual(mismatches, []);
  });
});
