// BIRD on hostile sizes and shapes (issue 15): thousands of `{` left open, long runs that look like addresses. Each shape is built in memory at a size where the old code took over a second; the tests
// assert outcomes (one diagnostic for the open blocks, its range and code, no internal/parser-crash, a parse that
// completes) and growth ratios between N and 4N, never a wall-clock limit. The two fuzz reproducers of issue 15 live in
// test/fuzz/repro/ and are replayed through every oracle of the fuzzer.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { birdDialect, parseBird } from '../../server/src/dialects/bird';
import { lex } from '../../server/src/dialects/bird/lexer';
import type { SyntaxNode } from '../../server/src/syntax';
import { createLanguageService } from '../../server/src/service';
import { runOracles } from '../fuzz/oracles';
import { checkDiagnostics } from '../helpers/fixture';

const REPRO = path.join(__dirname, '../fuzz/repro');
const FUZZ = path.join(__dirname, '../fuzz');

/** CPU time of this process in ms: on a loaded machine it varies far less than wall-clock time. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

// A full collection before each timed run, so a run does not pay for the garbage of the one before it (without it the
// ratio between two sizes depends on where the collector's thresholds fall, not on the code).
v8.setFlagsFromString('--expose-gc');
const collect = vm.runInNewContext('gc') as () => void;

/** Cheapest of a few runs, in ms of CPU time. */
function best(fn: () => void, runs = 5): number {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    collect();
    const t = cpuMs();
    fn();
    min = Math.min(min, cpuMs() - t);
  }
  return min;
}

/** A plain, valid BIRD config of about `length` characters: the reference cost of a text of that size. */
function benign(length: number): string {
  const lines = ['router id 192.0.2.1;', 'protocol device { scan time 10; }'];
  let size = 0;
  for (let i = 0; size < length; i++) {
    const line = i % 2 ? `define c${i} = ${i};` : `protocol static s${i} { ipv4; route 10.${(i >> 8) & 255}.${i & 255}.0/24 blackhole; }`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/**
 * Linear in the input size: the growth of the cost from `small` to 4x `small` units is compared with the growth of a
 * reference input that allocates about as much and is known to be linear (by default a plain config of the same
 * length), run the same way, so the collector's thresholds (which make even a plain config grow by more than 4x
 * between some sizes) cancel out. Quadratic work grows 4x more than the reference; the bound is 2.5x. CPU times,
 * cheapest of a few runs, each after a full collection, every input warmed up. A big run under FLOOR_MS always passes.
 */
const FLOOR_MS = 250;

function assertLinear(label: string, build: (n: number) => string, run: (text: string) => void, small: number, reference: (n: number, length: number) => string = (_n, length) => benign(length)): void {
  const cost = (text: string) => {
    run(text);
    return best(() => run(text));
  };
  const [hs, hb] = [build(small), build(small * 4)];
  const [bs, bb] = [reference(small, hs.length), reference(small * 4, hb.length)];
  const [ths, thb, tbs, tbb] = [cost(hs), cost(hb), cost(bs), cost(bb)];
  const grow = thb / Math.max(ths, 0.5);
  const ref = Math.max(4, tbb / Math.max(tbs, 0.5));
  // A big run under FLOOR_MS passes whatever the ratio: at these sizes a linear run is that fast, and the collector's
  // and the timer's noise on a few milliseconds must not fail CI; the quadratic code took seconds here.
  assert.ok(thb < FLOOR_MS || grow < 2.5 * ref, `${label}: ${small} → ${ths.toFixed(1)} ms, ${small * 4} → ${thb.toFixed(1)} ms (x${grow.toFixed(1)}); the reference: ${tbs.toFixed(1)} → ${tbb.toFixed(1)} ms (x${ref.toFixed(1)})`);
}

/** The whole language service on one BIRD document: parse, lowering, findings. */
function findingsOf(text: string, uri = 'file:///h/bird.conf') {
  const s = createLanguageService({ batch: true });
  s.setDocument(uri, text, 1, 'bird');
  return s.getFindings(uri);
}

/** Every oracle of the fuzzer (no throw, no parser crash, lossless tokens, ranges in the text) at a few offsets. */
function oracleFailures(text: string, positions: number[], batch = true): string[] {
  const res = runOracles({ doc: { uri: 'file:///fuzz/in/x.bird', text, languageId: 'bird' }, batch, positions });
  return res.failures.map((f) => `${f.kind} in ${f.stage}${f.offset !== undefined ? ` @${f.offset}` : ''}: ${f.message}`);
}

/** Checks one document on a worker thread with a 1 MB stack, like the server's main thread. */
function checkOnSmallStack(uri: string, text: string): Promise<{ ok: boolean; codes?: Record<string, number>; error?: string; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(path.join(FUZZ, 'worker.mjs'), { workerData: { module: path.join(FUZZ, 'service-worker.ts'), uri, text }, resourceLimits: { stackSizeMb: 1 } });
    w.once('message', (m) => {
      void w.terminate();
      resolve(m);
    });
    w.once('error', reject);
  });
}

// Shapes of the reproducers, generated.
const braceLineWithTemplate = (n: number) => `${'{'.repeat(n)}\ntemplate bgp peers { }\nprotocol bgp b from $0 { }\n`;
const spacedBraces = (n: number) => `protocol device {\n  scan time 10;\n${'{ '.repeat(n)}\n`;

describe('bird: fuzz reproducers of issue 15', () => {
  it('bird-hang-84fc97e6.txt (36 KB line of `{` and a `from` template): one unclosed-block error, every oracle passes', () => {
    const text = fs.readFileSync(path.join(REPRO, 'bird-hang-84fc97e6.txt'), 'utf8');
    assert.deepEqual(oracleFailures(text, [1, text.indexOf('from') + 2, text.length - 3]), []);
    const errors = findingsOf(text).filter((f) => f.severity === 'error');
    assert.deepEqual(errors.map((f) => `${f.code} ${f.range.start}-${f.range.end}`), ['syntax/unclosed-block 0-1']);
    assert.match(errors[0].message, /^This `\{` and 36122 more after it are never closed: 36123 `\}` are missing before the end of the file \(the innermost open `\{` is on line 1\)$/);
  });

  it('bird-slow-15aafe3e.txt (~15k unclosed `{ `): the unknown keyword BIRD stops at and one unclosed-block error', () => {
    const text = fs.readFileSync(path.join(REPRO, 'bird-slow-15aafe3e.txt'), 'utf8');
    assert.deepEqual(oracleFailures(text, [text.indexOf('{ {') + 1, text.length - 1], false), []);
    const errors = findingsOf(text, 'file:///fuzz/in/r.bird').filter((f) => f.severity === 'error');
    const open = text.indexOf('{');
    assert.deepEqual(errors.map((f) => `${f.code} ${f.range.start}-${f.range.end}`), ['syntax/unknown-keyword 0-9', `syntax/unclosed-block ${open}-${open + 1}`]);
    assert.match(errors[1].message, /and 14703 more after it are never closed/);
  });

  it('bird-slow-1241a142.txt (a 70 KB run `A:A:A:…` in a channel): lexed once, no parser crash, every oracle passes', () => {
    const text = fs.readFileSync(path.join(REPRO, 'bird-slow-1241a142.txt'), 'utf8');
    assert.deepEqual(oracleFailures(text, [text.indexOf('A:') + 3, text.length], false), []);
    // The run is no address (over 45 characters): words and colons. (The time it took, 5.6 s, came from rescanning the
    // run from every token start; the `a:` shape of the linearity test below measures that.)
    const run = lex(text).tokens.filter((t) => t.start >= text.indexOf('A:') && t.kind !== 'whitespace' && t.kind !== 'newline').slice(0, 4);
    assert.deepEqual(run.map((t) => `${t.kind}:${t.text}`), ['word:A', 'punct::', 'word:A', 'punct::']);
  });
});

describe('bird: odd Unicode', () => {
  it('a lone high surrogate before a line break is a token of its own (fuzz seed 3: `\\ud800\\r\\n`), ranges stay on their line', () => {
    const text = 'protocol device {\n  \ud800\r\n  scan time 10;\n}\n\ud800\r\n';
    assert.deepEqual(oracleFailures(text, [0, 20, text.length], false), []);
    assert.deepEqual(oracleFailures('\ud800\r\n', [0, 1, 3], false), []);
    const toks = lex('a\ud800\r\nb \ud83d\ude00').tokens.map((t) => `${t.kind}:${JSON.stringify(t.text)}`);
    assert.deepEqual(toks, ['word:"a"', 'bogus:"\\ud800"', 'newline:"\\r\\n"', 'word:"b"', 'whitespace:" "', 'bogus:"😀"']);
  });
});

describe('bird: blocks left open at the end of the file', () => {
  it('reports one unclosed-block on the outermost open `{`, with the count and the innermost line', () => {
    const { service, files } = checkDiagnostics(`
      //- r.bird
      protocol ospf v2 {
      #                ^ error syntax/unclosed-block
        ipv4 { import all; };
        area 0 {
          interface "eth0" {
            cost 10;
    `);
    const f = service.getFindings(files[0].uri).find((x) => x.code === 'syntax/unclosed-block')!;
    assert.equal(f.message, 'This `{` and 2 more after it are never closed: 3 `}` are missing before the end of the file (the innermost open `{` is on line 4)');
  });

  it('closed blocks: no unclosed-block', () => {
    checkDiagnostics(`
      //- r.bird
      protocol ospf v2 {
        ipv4 { import all; };
        area 0 {
          interface "eth0" {
            cost 10;
          };
        };
      }
    `);
  });

  it(`${36_000} \`{\` on one line and a \`from\` template: one diagnostic at offset 0, a complete parse, no parser crash`, () => {
    const text = braceLineWithTemplate(36_000);
    const parsed = parseBird(text);
    assert.deepEqual(parsed.diagnostics.map((d) => `${d.code} ${d.range.start}-${d.range.end}`), ['syntax/unclosed-block 0-1']);
    assert.match(parsed.diagnostics[0].message, /and 35999 more after it/);
    // The parse completes: the innermost block holds the two statements of the last lines, the tokens cover the text.
    let node: SyntaxNode = parsed.tree;
    let depth = 0;
    while (node.children.length === 1 && node.children[0].children.length) {
      node = node.children[0].children[node.children[0].children.length - 1];
      depth++;
    }
    assert.equal(depth, 36_000);
    assert.deepEqual(node.children.map((s) => s.tokens[0].text), ['template', 'protocol']);
    assert.equal(parsed.tokens[parsed.tokens.length - 1].end, text.length);
    const findings = findingsOf(text);
    assert.ok(findings.length <= 3, findings.map((f) => f.code).join(', '));
    assert.ok(!findings.some((f) => f.code === 'internal/parser-crash'));
  });

  it(`${20_000} \`{ \` give one diagnostic (not one per brace) and one folding region per block, no parser crash on a 1 MB stack`, async () => {
    const text = spacedBraces(20_000);
    const open = text.indexOf('{');
    const parsed = parseBird(text);
    assert.deepEqual(parsed.diagnostics.map((d) => `${d.code} ${d.range.start}-${d.range.end}`), [`syntax/unclosed-block ${open}-${open + 1}`]);
    // Every open block ends at the end of the file, after the last newline, so each one folds.
    assert.equal(birdDialect.folding(parsed).length, 20_001);
    const r = await checkOnSmallStack('file:///h/bird.conf', text);
    assert.deepEqual({ ok: r.ok, errors: r.errors, crash: r.codes?.['internal/parser-crash'] ?? 0, unclosed: r.codes?.['syntax/unclosed-block'] }, { ok: true, errors: [], crash: 0, unclosed: 1 });
  });
});

describe('bird: linear on hostile shapes', () => {
  /** The language service on one document, then folding: what the editor does on open. */
  const serviceRun = (text: string) => {
    const s = createLanguageService({ batch: true });
    s.setDocument('file:///h/bird.conf', text, 1, 'bird');
    s.getFindings('file:///h/bird.conf');
    const parse = s.getParse('file:///h/bird.conf')!;
    parse.dialect.folding(parse.parsed);
  };

  it('a line of `{` with a `from` template: parse, findings and folding', () => {
    // Reference: as many blocks, closed one after the other (`{}{}{}…`).
    assertLinear('brace line + template', braceLineWithTemplate, serviceRun, 5_000, (n) => `${'{}'.repeat(n)}\n`);
  });

  it('unclosed `{ ` on one line: parse, findings and folding', () => {
    assertLinear('spaced braces', spacedBraces, serviceRun, 4_000, (n) => `protocol device {\n  scan time 10;\n}\n${'{ } '.repeat(n)}\n`);
  });

  it('runs that look like addresses but are not (`1.1.1.1.…`, `a:b:…:`) lex in linear time, losslessly', () => {
    for (const unit of ['1.', 'a:', '1:', 'ff::1::']) {
      assertLinear(`lex ${unit}`, (n) => unit.repeat(n), (text) => {
        const { tokens } = lex(text);
        assert.equal(tokens.length ? tokens[tokens.length - 1].end : 0, text.length);
      }, 5_000, (n) => '1 '.repeat(n * (unit.length >> 1)));
    }
    // Addresses themselves are still one token.
    assert.deepEqual(lex('ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255 1.2.3.4.5 2001:db8::/32+').tokens.filter((t) => t.kind !== 'whitespace').map((t) => `${t.kind}:${t.text}`), [
      'number:ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255',
      'number:1',
      'punct:.',
      'number:2.3.4.5',
      'number:2001:db8::/32+',
    ]);
    const text = '1.'.repeat(1000) + ' a:'.repeat(1000);
    assert.equal(lex(text).tokens.map((t) => t.text).join(''), text);
  });
});
