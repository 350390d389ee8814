// The verdict corpus evaluation shared by `npm run verdicts` (run.mjs) and `npm test` (verdicts.test.ts).
// Each folder under scenarios/ is one real lab: the device configs plus a verdict.json that says, from the source's own
// show outputs or README, whether the sessions/adjacencies come up (`good`) or which fault breaks them (`fault`).
// The built CLI checks every scenario folder alone (one process per folder) and once the whole scenarios/ folder,
// where unrelated labs reuse the same private addresses: a verdict must not change when its lab has neighbours.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const SCENARIOS_DIR = path.join(HERE, 'scenarios');
export const CLI = path.join(ROOT, 'server/out/cli.js');

export const DIALECTS = ['cisco-ios', 'cisco-asa', 'routeros', 'openbsd-ipsec', 'bird', 'strongswan'];
/** Licences a source may carry (SPDX identifiers, plus `none`: public without a licence, `unknown`: not stated). */
export const LICENSES = [
  'MIT',
  'Apache-2.0',
  'BSD-2-Clause',
  'BSD-3-Clause',
  'ISC',
  'CC-BY-4.0',
  'CC-BY-SA-4.0',
  'GPL-2.0-only',
  'GPL-2.0-or-later',
  'GPL-3.0-only',
  'GPL-3.0-or-later',
  'none',
  'unknown',
];
/** The licences that let us redistribute a trimmed copy in this MIT repository (`copied-trimmed`). */
export const REDISTRIBUTABLE = ['MIT', 'Apache-2.0', 'BSD-2-Clause', 'BSD-3-Clause', 'ISC', 'CC-BY-4.0'];
export const DERIVATIONS = ['copied-trimmed', 'own-equivalent'];
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COMMIT = /^[0-9a-f]{40}$/;
const CODE = /^[a-z0-9]+(-[a-z0-9]+)*\/[a-z0-9]+(-[a-z0-9]+)*$/;

/** Config files of a scenario folder (everything but verdict.json and dot files), relative, sorted. */
function configFiles(dir) {
  const out = [];
  const walk = (sub) => {
    for (const e of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      if (e.name.startsWith('.')) continue;
      const rel = sub ? `${sub}/${e.name}` : e.name;
      if (e.isDirectory()) walk(rel);
      else if (rel !== 'verdict.json') out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** The problems of one verdict.json (empty when valid). `files`: the scenario's config files. */
export function validateVerdict(id, verdict, files) {
  const problems = [];
  const bad = (msg) => problems.push(`${id}: ${msg}`);
  if (!ID.test(id)) bad('folder name must be lowercase words joined by "-"');
  if (verdict === null || typeof verdict !== 'object' || Array.isArray(verdict)) return [`${id}: verdict.json is not an object`];
  const known = new Set(['title', 'expect', 'faults', 'source', 'derivation', 'evidence']);
  for (const k of Object.keys(verdict)) if (!known.has(k)) bad(`unknown field "${k}"`);
  if (typeof verdict.title !== 'string' || !verdict.title.trim() || verdict.title.includes('\n')) bad('"title" must be one non-empty line');
  if (verdict.expect !== 'good' && verdict.expect !== 'fault') bad('"expect" must be "good" or "fault"');
  if (verdict.expect === 'fault') {
    if (!Array.isArray(verdict.faults) || verdict.faults.length === 0) bad('a fault scenario needs a non-empty "faults" list');
    else {
      for (const f of verdict.faults) {
        if (!f || typeof f.file !== 'string' || typeof f.code !== 'string') bad(`fault ${JSON.stringify(f)} needs "file" and "code"`);
        else {
          if (!files.includes(f.file)) bad(`fault file "${f.file}" is not in the folder`);
          if (!CODE.test(f.code)) bad(`fault code "${f.code}" is not a diagnostic code`);
        }
      }
    }
  } else if (verdict.faults !== undefined && !(Array.isArray(verdict.faults) && verdict.faults.length === 0)) bad('a good scenario has no "faults"');
  const s = verdict.source;
  if (!s || typeof s !== 'object') bad('"source" is missing');
  else {
    const knownSource = new Set(['url', 'citation', 'repo', 'commit', 'path', 'license']);
    for (const k of Object.keys(s)) if (!knownSource.has(k)) bad(`unknown field "source.${k}"`);
    if (s.url === null) {
      // A source with no URL on record (a seed text without its address): `citation` must say what and where it is.
      if (typeof s.citation !== 'string' || s.citation.trim().length < 20) bad('"source.url": null needs a "source.citation" naming the text (title, author or site, date) and where the copy is');
    } else if (typeof s.url !== 'string' || !/^https:\/\/\S+$/.test(s.url)) bad('"source.url" must be an https URL (or null with a "source.citation")');
    if (s.citation !== undefined && typeof s.citation !== 'string') bad('"source.citation" must be text');
    if (typeof s.repo !== 'string' && s.repo !== null) bad('"source.repo" must be "owner/repo" or null');
    if (typeof s.repo === 'string' && !/^[\w.-]+\/[\w.-]+$/.test(s.repo)) bad('"source.repo" must be "owner/repo"');
    if (s.commit !== null && !(typeof s.commit === 'string' && COMMIT.test(s.commit))) bad('"source.commit" must be 40 hex digits or null');
    if (typeof s.path !== 'string' || !s.path) bad('"source.path" is missing');
    if (!LICENSES.includes(s.license)) bad(`"source.license" must be one of ${LICENSES.join(', ')}`);
    if (verdict.derivation === 'copied-trimmed' && !REDISTRIBUTABLE.includes(s.license)) bad(`only a licence that allows redistribution (${REDISTRIBUTABLE.join(', ')}) permits "copied-trimmed"`);
  }
  if (!DERIVATIONS.includes(verdict.derivation)) bad(`"derivation" must be one of ${DERIVATIONS.join(', ')}`);
  if (typeof verdict.evidence !== 'string' || verdict.evidence.trim().length < 20) bad('"evidence" must say what the source states');
  if (files.length === 0) bad('no config files');
  return problems;
}

/** Every scenario folder with its verdict and validation problems. */
export function loadScenarios(dir = SCENARIOS_DIR) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const folder = path.join(dir, e.name);
    const files = configFiles(folder);
    let verdict = null;
    const problems = [];
    try {
      verdict = JSON.parse(fs.readFileSync(path.join(folder, 'verdict.json'), 'utf8'));
    } catch (err) {
      problems.push(`${e.name}: verdict.json unreadable: ${err.message}`);
    }
    if (verdict) problems.push(...validateVerdict(e.name, verdict, files));
    out.push({ id: e.name, dir: folder, files, verdict, problems });
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Runs `node cli.js check <target> --format json` in `cwd`; resolves to the parsed report. */
export function runCli(cwd, target, cli = CLI) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'check', target, '--format', 'json'], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    child.on('error', reject);
    child.on('close', (status) => {
      const stdout = Buffer.concat(out).toString('utf8');
      if (status !== 0 && status !== 1) return reject(new Error(`netcfg check ${target} exited ${status}: ${Buffer.concat(err).toString('utf8')}`));
      try {
        resolve(JSON.parse(stdout));
      } catch (e) {
        reject(new Error(`netcfg check ${target}: output is not JSON (${e.message})`));
      }
    });
  });
}

async function pool(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Splits a report's findings by scenario id (first path segment, paths relative to the scenarios folder). */
function byScenario(report) {
  const files = new Map();
  const diags = new Map();
  for (const f of report.files) {
    const [id, ...rest] = f.path.split('/');
    if (!files.has(id)) files.set(id, []);
    files.get(id).push({ path: rest.join('/'), dialect: f.dialect });
  }
  for (const d of report.diagnostics) {
    const [id, ...rest] = d.file.split('/');
    if (!diags.has(id)) diags.set(id, []);
    diags.get(id).push({ ...d, file: rest.join('/') });
  }
  return { files, diags };
}

/** Judges one run's findings against a verdict: the error-level findings, and the faults not found. */
function judge(verdict, diagnostics) {
  const errors = diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => ({ file: d.file, line: d.line, code: d.code, message: d.message }));
  const missed = verdict.expect === 'fault' ? (verdict.faults ?? []).filter((f) => !errors.some((e) => e.file === f.file && e.code === f.code)) : [];
  const expected = new Set((verdict.faults ?? []).map((f) => `${f.file}\0${f.code}`));
  const extra = errors.filter((e) => !expected.has(`${e.file}\0${e.code}`));
  const pass = verdict.expect === 'good' ? errors.length === 0 : missed.length === 0;
  return { pass, errors, missed, extra };
}

const sig = (r) => JSON.stringify([r.pass, r.errors.map((e) => [e.file, e.code]).sort(), r.missed]);

/**
 * Evaluates every scenario: alone (one CLI process per folder) and together (one process on the whole folder).
 * A scenario passes when its verdict holds in both runs. Invalid scenarios are reported, not evaluated.
 */
export async function evaluate({ dir = SCENARIOS_DIR, cli = CLI, concurrency = Math.max(2, os.availableParallelism?.() ?? 2) } = {}) {
  const started = Date.now();
  const scenarios = loadScenarios(dir);
  const valid = scenarios.filter((s) => s.problems.length === 0);
  const [together, ...alone] = await pool([null, ...valid], concurrency, (s) => runCli(dir, s ? s.id : '.', cli));
  const all = byScenario(together);
  const results = scenarios.map((s) => {
    if (s.problems.length) return { id: s.id, expect: s.verdict?.expect, title: s.verdict?.title, problems: s.problems, pass: false };
    const mine = byScenario(alone[valid.indexOf(s)]);
    const a = judge(s.verdict, mine.diags.get(s.id) ?? []);
    const t = judge(s.verdict, all.diags.get(s.id) ?? []);
    const dialects = [...new Set((mine.files.get(s.id) ?? []).map((f) => f.dialect))].sort();
    // netcfg.yaml describes external peers; it is no device config.
    const unrecognised = s.files.filter((f) => path.basename(f) !== 'netcfg.yaml' && !(mine.files.get(s.id) ?? []).some((g) => g.path === f && DIALECTS.includes(g.dialect)));
    return {
      id: s.id,
      expect: s.verdict.expect,
      title: s.verdict.title,
      dialects,
      unrecognised,
      alone: a,
      together: t,
      changed: sig(a) !== sig(t),
      problems: [],
      pass: a.pass && t.pass,
    };
  });
  const good = results.filter((r) => r.expect === 'good' && !r.problems.length);
  const fault = results.filter((r) => r.expect === 'fault' && !r.problems.length);
  const summary = {
    scenarios: results.length,
    invalid: results.filter((r) => r.problems.length).map((r) => ({ id: r.id, problems: r.problems })),
    dialects: Object.fromEntries(DIALECTS.map((d) => [d, results.filter((r) => r.dialects?.includes(d)).length])),
    precision: {
      good: good.length,
      falseErrors: good.filter((r) => !r.pass).length,
      scenarios: good
        .filter((r) => !r.pass)
        .map((r) => ({ id: r.id, alone: r.alone.errors, together: r.changed ? r.together.errors : 'same' })),
    },
    recall: {
      faults: fault.length,
      found: fault.filter((r) => r.pass).length,
      missed: fault
        .filter((r) => !r.pass)
        .map((r) => ({ id: r.id, alone: r.alone.missed, together: r.changed ? r.together.missed : 'same', errors: r.alone.errors })),
    },
    changedWhenTogether: results.filter((r) => r.changed).map((r) => r.id),
    ms: Date.now() - started,
  };
  return { results, summary };
}
