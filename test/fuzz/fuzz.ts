// `npm run fuzz -- [--dialect D|all] [--seed S] [--count N] [--budget-s T] [--slow-ms 2000] [--hang-ms 10000]
//                   [--minimize-s 20] [--out test/fuzz/found] [--shared-corpus] [--replay FILE…]`
// In-process fuzzing of every dialect: seeded mutations of the examples, fixtures and test strings run through
// parse, lowering, findings and every editor feature in a worker thread (watchdog: slow > 2 s, hang > 10 s).
// Failures are minimised (lines, then characters, bounded time) and written as reproducers under test/fuzz/found/;
// a JSON summary goes to stdout. Exit 1 when anything failed, 2 on a usage error.

import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIALECT_IDS, type DialectId } from '../../server/src/model';
import { lineStarts, offsetAt, positionAt } from '../../server/src/syntax';
import { fileNameFor, loadSeeds, ROOT } from './corpus';
import { inputSeed, mutate, Rng, type Seed } from './mutate';
import type { Failure, FuzzCase, OracleResult } from './oracles';
import { Runner } from './runner';

interface Options {
  dialect: DialectId | 'all';
  seed: number;
  count: number;
  budgetS: number;
  slowMs: number;
  hangMs: number;
  minimizeS: number;
  out: string;
  shared: boolean;
  replay: string[];
  quiet: boolean;
}

function usage(msg: string): never {
  process.stderr.write(`fuzz: ${msg}\nusage: npm run fuzz -- [--dialect ${DIALECT_IDS.join('|')}|all] [--seed S] [--count N] [--budget-s T] [--slow-ms MS] [--hang-ms MS] [--minimize-s S] [--out DIR] [--shared-corpus] [--replay FILE…]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const o: Options = { dialect: 'all', seed: 1, count: Infinity, budgetS: NaN, slowMs: 2000, hangMs: 10_000, minimizeS: 20, out: path.join(ROOT, 'test/fuzz/found'), shared: false, replay: [], quiet: false };
  const num = (v: string | undefined, name: string) => {
    const n = Number(v);
    if (v === undefined || !Number.isFinite(n) || n < 0) usage(`${name} needs a non-negative number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const val = () => inline ?? argv[++i];
    switch (flag) {
      case '--dialect': {
        const d = val();
        if (d !== 'all' && !DIALECT_IDS.includes(d as DialectId)) usage(`unknown dialect ${d}`);
        o.dialect = d as DialectId | 'all';
        break;
      }
      case '--seed': o.seed = num(val(), '--seed'); break;
      case '--count': o.count = num(val(), '--count'); break;
      case '--budget-s': o.budgetS = num(val(), '--budget-s'); break;
      case '--slow-ms': o.slowMs = num(val(), '--slow-ms'); break;
      case '--hang-ms': o.hangMs = num(val(), '--hang-ms'); break;
      case '--minimize-s': o.minimizeS = num(val(), '--minimize-s'); break;
      case '--out': o.out = path.resolve(val() ?? usage('--out needs a folder')); break;
      case '--shared-corpus': o.shared = true; break;
      case '--quiet': o.quiet = true; break;
      case '--replay':
        while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) o.replay.push(argv[++i]);
        if (inline) o.replay.push(inline);
        break;
      default: usage(`unknown argument ${a}`);
    }
  }
  // Neither a count nor a budget: 60 s.
  if (!Number.isFinite(o.budgetS)) o.budgetS = Number.isFinite(o.count) ? Infinity : 60;
  return o;
}

// ---------------------------------------------------------------------------------------------- cases

interface Generated {
  index: number;
  dialect: DialectId;
  seed: Seed;
  peer?: Seed;
  mutators: string[];
  c: FuzzCase;
}

const EXT_RE = /\.[^./]+$/;

function positionsFor(rng: Rng, text: string): number[] {
  const res = new Set<number>([0, text.length]);
  for (let k = 0; k < 2; k++) res.add(rng.int(text.length + 1));
  // inside a random word, at its end, and at the end of a random line
  const words = text.length ? [...text.slice(0, 200_000).matchAll(/\S+/g)] : [];
  for (let k = 0; k < 2 && words.length; k++) {
    const w = rng.pick(words);
    res.add(w.index! + rng.int(w[0].length + 1));
  }
  const starts = lineStarts(text);
  const line = rng.int(starts.length);
  res.add(Math.max(starts[line], (line + 1 < starts.length ? starts[line + 1] : text.length + 1) - 1));
  const secretAt = text.indexOf('FuzzSecret9x');
  if (secretAt >= 0) res.add(secretAt + 3);
  // no editor puts a cursor between the CR and the LF of a line break
  return [...res].map((o) => (text.charCodeAt(o - 1) === 13 && text.charCodeAt(o) === 10 ? o - 1 : o));
}

function generate(index: number, o: Options, seeds: Seed[], byDialect: Map<DialectId, Seed[]>, dialects: DialectId[]): Generated {
  const rng = new Rng(inputSeed(o.seed, index));
  const dialect = dialects[index % dialects.length];
  const same = byDialect.get(dialect)!;
  const base = rng.pick(same);
  const { text, mutators } = mutate(rng, base, { same, all: seeds });
  const generic = rng.chance(0.08);
  const name = generic ? 'input.cfg' : base.name;
  const doc = { uri: `file:///fuzz/in/${name}`, text, languageId: generic ? undefined : dialect };
  let peer: Seed | undefined;
  if (rng.chance(0.7)) {
    const group = seeds.filter((s) => s.group === base.group && s !== base);
    peer = group.length && rng.chance(0.7) ? rng.pick(group) : rng.pick(seeds);
  }
  const peers = peer ? [{ uri: `file:///fuzz/in/peer/${peer.name}`, text: peer.text, languageId: peer.dialect }] : [];
  return { index, dialect, seed: base, peer, mutators, c: { doc, peers, positions: positionsFor(rng, text), batch: rng.chance(0.15) } };
}

// ---------------------------------------------------------------------------------------------- minimisation

const signature = (dialect: string, f: Failure) =>
  f.kind === 'slow' || f.kind === 'hang' ? `${dialect}|${f.kind}|${f.stage}` : f.kind === 'parser-crash' ? `${dialect}|${f.kind}|${f.message.replace(/\d+/g, 'N')}` : `${dialect}|${f.kind}|${f.stage}|${f.message.replace(/\d+/g, 'N').replace(/"[^"]*"/g, '"…"').slice(0, 160)}`;

interface Candidate {
  text: string;
  /** Offset of the request position that failed, kept inside the text while shrinking. */
  marker?: number;
  peers: FuzzCase['peers'];
}

/**
 * Delta debugging (complement removal, chunk sizes halving) over lines, then over characters, within a time
 * budget. `holds` answers whether a candidate still shows the failure.
 */
async function minimise(start: Candidate, holds: (c: Candidate) => Promise<boolean>, budgetMs: number): Promise<Candidate> {
  const deadline = Date.now() + budgetMs;
  let cur = start;
  if (cur.peers?.length && (await holds({ ...cur, peers: [] }))) cur = { ...cur, peers: [] };
  for (const unit of ['lines', 'chars'] as const) {
    const spans = (t: string): [number, number][] => {
      if (unit === 'chars') return Array.from({ length: t.length }, (_, i) => [i, i + 1] as [number, number]);
      const res: [number, number][] = [];
      let s = 0;
      for (let i = 0; i < t.length; i++) if (t[i] === '\n') (res.push([s, i + 1]), (s = i + 1));
      if (s < t.length) res.push([s, t.length]);
      return res;
    };
    let units = spans(cur.text);
    let n = 2;
    while (units.length >= 1 && Date.now() < deadline) {
      const size = Math.max(1, Math.ceil(units.length / n));
      let removed = false;
      for (let i = 0; i < units.length && Date.now() < deadline; i += size) {
        const a = units[i][0];
        const b = units[Math.min(units.length, i + size) - 1][1];
        const m = cur.marker;
        if (m !== undefined && a < m + 1 && b > m - 1) continue; // keep the cursor and its neighbours
        const cand: Candidate = { text: cur.text.slice(0, a) + cur.text.slice(b), marker: m === undefined ? undefined : m >= b ? m - (b - a) : m, peers: cur.peers };
        if (await holds(cand)) {
          cur = cand;
          units = spans(cur.text);
          n = Math.max(n - 1, 2);
          removed = true;
          break;
        }
      }
      if (!removed) {
        if (size === 1) break;
        n = Math.min(units.length, n * 2);
      }
    }
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------- reproducers

const COMMENT: Record<DialectId, string> = { 'cisco-ios': '!', 'cisco-asa': '!', routeros: '#', 'openbsd-ipsec': '#', bird: '#', strongswan: '#' };
const HEADER_END = 'end of fuzz header';

function writeReproducer(o: Options, g: Pick<Generated, 'dialect' | 'index' | 'mutators' | 'seed' | 'peer'>, f: Failure, cand: Candidate, c: FuzzCase): string {
  const exact = Buffer.from(cand.text, 'utf8').toString('utf8') === cand.text;
  const body = exact ? cand.text : JSON.stringify(cand.text);
  const hash = createHash('sha1').update(cand.text).digest('hex').slice(0, 8);
  const file = path.join(o.out, `${g.dialect}-${f.kind}-${hash}.txt`);
  const cm = COMMENT[g.dialect];
  const pos = cand.marker !== undefined ? positionAt(lineStarts(cand.text), cand.marker) : undefined;
  const peer = cand.peers?.[0];
  const meta = {
    dialect: g.dialect,
    uri: c.doc.uri,
    languageId: c.doc.languageId ?? null,
    batch: !!c.batch,
    seed: o.seed,
    index: g.index,
    base: g.seed.origin,
    mutators: g.mutators,
    oracle: f.kind,
    stage: f.stage,
    position: pos ?? null,
    peer: peer ? { origin: g.peer?.origin, uri: peer.uri, languageId: peer.languageId } : null,
    encoding: exact ? 'utf8' : 'json',
  };
  const header = [
    `${cm} netcfg fuzz reproducer: the input is everything after the header (replay: npm run fuzz -- --replay ${path.relative(ROOT, file)})`,
    `${cm} oracle: ${f.kind} in ${f.stage}${pos ? ` at line ${pos.line}, character ${pos.character}` : ''}`,
    `${cm} message: ${JSON.stringify(f.message)}`,
    ...(f.stack ? f.stack.split('\n').map((l) => `${cm}   ${l.replace(ROOT + '/', '')}`) : []),
    `${cm} seed ${o.seed}, index ${g.index}, base ${g.seed.origin}, mutators ${g.mutators.join(',')}`,
    `${cm} meta: ${JSON.stringify(meta)}`,
    `${cm} ${HEADER_END}`,
  ];
  fs.mkdirSync(o.out, { recursive: true });
  fs.writeFileSync(file, header.join('\n') + '\n' + body);
  return path.relative(process.cwd(), file);
}

/** Reads a reproducer back into a case (the peer is rebuilt from its seed origin). */
export function readReproducer(file: string, seeds: Seed[]): { c: FuzzCase; meta: any } {
  const raw = fs.readFileSync(file, 'utf8');
  const endAt = raw.indexOf(HEADER_END);
  if (endAt < 0) throw new Error(`${file}: no fuzz header`);
  const header = raw.slice(0, endAt);
  const bodyStart = raw.indexOf('\n', endAt) + 1;
  const metaLine = /meta: (\{.*\})\n/.exec(header);
  const meta = metaLine ? JSON.parse(metaLine[1]) : {};
  const body = raw.slice(bodyStart);
  const text = meta.encoding === 'json' ? JSON.parse(body) : body;
  const peerSeed = meta.peer?.origin ? seeds.find((s) => s.origin === meta.peer.origin) : undefined;
  const positions = meta.position ? [offsetAt(lineStarts(text), text.length, meta.position.line, meta.position.character)] : [0, text.length];
  return {
    meta,
    c: {
      doc: { uri: meta.uri ?? `file:///fuzz/in/${fileNameFor(meta.dialect)}`, text, languageId: meta.languageId ?? undefined },
      peers: peerSeed ? [{ uri: meta.peer.uri, text: peerSeed.text, languageId: meta.peer.languageId }] : [],
      positions,
      batch: meta.batch,
    },
  };
}

// ---------------------------------------------------------------------------------------------- main

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const seeds = loadSeeds({ shared: o.shared });
  const runner = new Runner(o.hangMs);
  const log = (s: string) => {
    if (!o.quiet) process.stderr.write(s + '\n');
  };

  if (o.replay.length) {
    let bad = 0;
    for (const f of o.replay) {
      const { c } = readReproducer(f, seeds);
      const r = await runner.run(c);
      const failures = r === 'hang' ? [{ kind: 'hang', stage: '?', message: `no answer in ${o.hangMs} ms` }] : [...r.failures, ...(r.totalMs > o.slowMs ? [{ kind: 'slow', stage: slowest(r), message: `${Math.round(r.totalMs)} ms` }] : [])];
      if (failures.length) bad++;
      process.stdout.write(JSON.stringify({ file: f, ms: r === 'hang' ? null : Math.round(r.totalMs), failures }) + '\n');
    }
    await runner.close();
    process.exit(bad ? 1 : 0);
  }

  const dialects: DialectId[] = o.dialect === 'all' ? [...DIALECT_IDS] : [o.dialect];
  const byDialect = new Map<DialectId, Seed[]>();
  for (const d of dialects) {
    const list = seeds.filter((s) => s.dialect === d);
    if (!list.length) usage(`no seeds for dialect ${d}`);
    byDialect.set(d, list);
  }
  const deadline = t0 + o.budgetS * 1000;
  const perDialect: Record<string, { inputs: number; failures: number; maxMs: number }> = {};
  const byKind: Record<string, number> = {};
  const found = new Map<string, { count: number; file?: string; kind: string; stage: string; message: string; dialect: string; index: number }>();
  let inputs = 0;
  let minimiseMs = 0;

  for (let index = 0; index < o.count && Date.now() < deadline; index++) {
    const g = generate(index, o, seeds, byDialect, dialects);
    const r = await runner.run(g.c);
    inputs++;
    const stats = (perDialect[g.dialect] ??= { inputs: 0, failures: 0, maxMs: 0 });
    stats.inputs++;
    const failures: Failure[] =
      r === 'hang'
        ? [{ kind: 'hang', stage: runner.lastStage, message: `no answer in ${o.hangMs} ms (${g.c.doc.text.length} chars)` }]
        : [...r.failures, ...(r.totalMs > o.slowMs ? [{ kind: 'slow' as const, stage: slowest(r), message: `${Math.round(r.totalMs)} ms for ${g.c.doc.text.length} chars (${timesLine(r)})` }] : [])];
    if (r !== 'hang') stats.maxMs = Math.max(stats.maxMs, Math.round(r.totalMs));
    if (failures.length) stats.failures++;
    // one reproducer per distinct failure (the first of each signature; the others are counted)
    const firstOfEach = new Map<string, Failure>();
    for (const f of failures) {
      const sig = signature(g.dialect, f);
      if (!firstOfEach.has(sig)) firstOfEach.set(sig, f);
    }
    for (const [sig, f] of firstOfEach) {
      byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
      const known = found.get(sig);
      if (known) {
        known.count++;
        continue;
      }
      const entry: { count: number; file?: string; kind: string; stage: string; message: string; dialect: string; index: number } = { count: 1, kind: f.kind, stage: f.stage, message: f.message, dialect: g.dialect, index };
      found.set(sig, entry);
      log(`[${index}] ${g.dialect} ${f.kind} in ${f.stage}: ${f.message}`);
      const ms = Date.now();
      const timing = f.kind === 'slow' || f.kind === 'hang';
      const holds = async (cand: Candidate): Promise<boolean> => {
        const c: FuzzCase = { ...g.c, doc: { ...g.c.doc, text: cand.text }, peers: cand.peers, positions: cand.marker !== undefined ? [cand.marker] : timing ? positionsFor(new Rng(1), cand.text) : [] };
        const res = await runner.run(c, timing ? o.hangMs : Math.min(o.hangMs, 5000));
        if (res === 'hang') return timing;
        if (timing) return res.totalMs > o.slowMs;
        return res.failures.some((x) => signature(g.dialect, x) === sig);
      };
      const start: Candidate = { text: g.c.doc.text, marker: f.offset, peers: g.c.peers };
      // Shrinking stays within the run's budget (at least 5 s per failure, so a reproducer is always smaller).
      const left = Math.max(5_000, deadline - Date.now());
      const min = await minimise(start, holds, Math.min(left, timing ? Math.min(o.minimizeS * 1000, 30_000) : o.minimizeS * 1000));
      const c: FuzzCase = { ...g.c, doc: { ...g.c.doc, text: min.text }, peers: min.peers };
      entry.file = writeReproducer(o, g, f, min, c);
      minimiseMs += Date.now() - ms;
      log(`    minimised ${g.c.doc.text.length} → ${min.text.length} chars in ${Date.now() - ms} ms: ${entry.file}`);
    }
  }
  await runner.close();
  const failures = [...found.values()].map((f) => ({ dialect: f.dialect, kind: f.kind, stage: f.stage, message: f.message, firstIndex: f.index, count: f.count, reproducer: f.file }));
  const summary = {
    seed: o.seed,
    dialect: o.dialect,
    seeds: seeds.length,
    inputs,
    perDialect,
    failuresByKind: byKind,
    distinctFailures: failures.length,
    failures,
    workerRestarts: runner.restarts,
    minimiseMs,
    timeMs: Date.now() - t0,
  };
  process.stdout.write(JSON.stringify(summary, null, 2) + '\n');
  process.exit(failures.length ? 1 : 0);
}

function slowest(r: OracleResult): string {
  let best = 'any';
  let ms = -1;
  for (const [k, v] of Object.entries(r.times)) if (v > ms) ((best = k), (ms = v));
  return best;
}

function timesLine(r: OracleResult): string {
  return Object.entries(r.times)
    .filter(([, v]) => v >= 50)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${Math.round(v)} ms`)
    .join(', ');
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) void main();
