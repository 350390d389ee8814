// Incremental re-parse of BIRD (issue 16, `reparseBird`): after random edits (characters, lines, braces, semicolons,
// quotes, comments) of every BIRD file of the tests and of ../shared/corpus/bird1 and bird2 and of the 100k-line bench
// shape (cut to 1,500 lines), the re-parse, chained edit after edit, equals a full parse of the same text: the tree
// (every node's kind, range and tokens), the lossless token list, the diagnostics, the analysis and the lowered model.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { filesUnder } from '../helpers/files';
import { analysedStatements, parseBird, reparseBird } from '../../server/src/dialects/bird';
import { birdDialect } from '../../server/src/dialects/bird';
import type { BirdTree } from '../../server/src/dialects/bird';
import type { ParseResult, SyntaxNode, Token } from '../../server/src/syntax';
import { birdShape, randomEdit, rng } from './edits';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(here, '../../../shared/corpus');
const files = [
  ...filesUnder(path.resolve(here, '..'), (p) => /\.(bird|conf)$/.test(p) && /bird/i.test(p)),
  ...filesUnder(path.join(corpus, 'bird1'), () => true),
  ...filesUnder(path.join(corpus, 'bird2'), () => true),
];

const PIECES = ['{', '}', ';', '"', "'", '#', '/*', '*/', '\n', '\r\n', '(', ')', '[', ']', 'else', ' else { reject; }', 'protocol bgp p { local as 1; neighbor 192.0.2.1 as 2; }\n', 'filter f { accept; }\n', 'function g() int x; { return 1; }\n', '10.0.0.0/8{16,24}', '10.1.0.0/16+', ' 2001:db8::/32-', 'router id 1.2.3.4;\n', 'x', ' '];

const tok = (t: Token) => [t.kind, t.start, t.end, t.text];

function tree(root: SyntaxNode): unknown[] {
  // Depth-first, explicit stack: every node's kind, range, tokens and number of children.
  const out: unknown[] = [];
  const stack: SyntaxNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push([n.kind, n.range.start, n.range.end, n.tokens.map(tok), n.children.length]);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

function snapshot(p: ParseResult<BirdTree>): unknown {
  return { text: p.text, tree: tree(p.tree), info: JSON.stringify(p.tree.info), diagnostics: JSON.parse(JSON.stringify(p.diagnostics)), tokens: p.tokens.map(tok) };
}

function model(p: ParseResult<BirdTree>): string {
  const low = birdDialect.lower(p, 'file:///b.bird', {});
  return JSON.stringify(low);
}

function run(name: string, text: string, edits: number, seed: number, modelEvery = 4, pieces: readonly string[] = PIECES): number {
  const random = rng(seed);
  let prev = parseBird(text);
  let reused = 0;
  for (let e = 0; e < edits; e++) {
    const edit = randomEdit(text, random, pieces);
    const inc = reparseBird(prev, edit.span, edit.text);
    const full = parseBird(edit.text);
    const got = inc ?? parseBird(edit.text);
    if (inc) reused++;
    assert.deepStrictEqual(snapshot(got), snapshot(full), `${name}: edit ${e} (seed ${seed}) ${JSON.stringify(edit.change)}`);
    if (e % modelEvery === 0) assert.equal(model(got), model(full), `${name}: model after edit ${e} (seed ${seed})`);
    if (inc) assert.equal(reparseBird(prev, edit.span, edit.text), undefined, 'a consumed parse is not re-parsed twice');
    prev = got;
    text = edit.text;
  }
  return reused;
}

test('BIRD re-parse equals a full parse after random edits: test and corpus files', () => {
  assert.ok(files.length > 0);
  let reused = 0;
  let total = 0;
  files.forEach((f, i) => {
    reused += run(path.basename(f), fs.readFileSync(f, 'utf8'), 25, 2000 + i);
    total += 25;
  });
  assert.ok(reused > total / 2, `${reused} of ${total} re-parsed incrementally`);
});

test('BIRD re-parse equals a full parse after random edits: the bench shape', () => {
  const reused = run('birdShape(1500)', birdShape(1500), 60, 11, 15);
  assert.ok(reused > 40, `${reused} of 60 re-parsed incrementally`);
});

test('BIRD re-parse keeps the statements before and after the edit', () => {
  const text = 'router id 192.0.2.1;\n' + 'protocol device {\n}\n'.repeat(10) + 'protocol bgp a {\n  local as 65000;\n  neighbor 192.0.2.2 as 65001;\n}\n' + 'protocol kernel {\n  ipv4 { export all; };\n}\n'.repeat(10);
  const prev = parseBird(text);
  const before = prev.tree.children[1];
  const after = prev.tree.children[prev.tree.children.length - 1];
  const at = text.indexOf('as 65001') + 8;
  const next = `${text.slice(0, at)}2${text.slice(at)}`;
  const inc = reparseBird(prev, { start: at, oldEnd: at, newEnd: at + 1 }, next)!;
  assert.ok(inc);
  assert.equal(inc.tree.children[1], before, 'head kept');
  assert.equal(inc.tree.children[inc.tree.children.length - 1], after, 'tail kept (moved)');
  assert.equal(after.range.start, next.lastIndexOf('protocol kernel'));
  assert.deepStrictEqual(snapshot(inc), snapshot(parseBird(next)));
  // An unclosed `{` typed before the tail: everything after it is read again, to the end.
  const at2 = next.indexOf('protocol bgp a');
  const next2 = `${next.slice(0, at2)}filter x {\n${next.slice(at2)}`;
  const inc2 = reparseBird(inc, { start: at2, oldEnd: at2, newEnd: at2 + 11 }, next2)!;
  assert.deepStrictEqual(snapshot(inc2), snapshot(parseBird(next2)));
  assert.ok(inc2.diagnostics.some((d) => d.code === 'syntax/unclosed-block'));
});

// The analysis of the top-level statements a re-parse kept is copied, not made again (issue 16): what they read
// besides themselves is the next statement (a missing `;` is reported at its first token) and, for a number that may
// be a constant, the `define`s and `include`s before them.
test('BIRD analysis: a re-parse analyses only the statements around the edit', () => {
  const text = birdShape(3000);
  const prev = parseBird(text);
  const top = prev.tree.children.length;
  assert.equal(analysedStatements(prev), top);
  const at = text.indexOf('local as', text.length >> 1) + 10;
  const next = `${text.slice(0, at)}7${text.slice(at)}`;
  const inc = reparseBird(prev, { start: at, oldEnd: at, newEnd: at + 1 }, next)!;
  assert.ok(inc);
  assert.deepStrictEqual(snapshot(inc), snapshot(parseBird(next)));
  const analysed = analysedStatements(inc)!;
  assert.ok(analysed >= 1 && analysed <= 4, `${analysed} of ${top} top-level statements analysed again`);
  // Undone: the same again, and the model equals a full parse's.
  const back = reparseBird(inc, { start: at, oldEnd: at + 1, newEnd: at }, text)!;
  assert.deepStrictEqual(snapshot(back), snapshot(parseBird(text)));
  assert.equal(model(back), model(parseBird(text)));
  assert.ok(analysedStatements(back)! <= 4);
});

test('BIRD analysis: constants and includes before a kept statement', () => {
  const text = [
    'define AS1 = 65001;',
    'router id 192.0.2.1;',
    'protocol bgp a {\n  local as AS1;\n  neighbor 192.0.2.2 as AS2;\n  hold time HOLD;\n  ipv4 { import all; };\n}',
    'define AS2 = 65002;',
    'protocol bgp b {\n  local as AS2;\n  neighbor 192.0.2.3 as AS1;\n  hold time HOLD;\n  ipv4 { import all; };\n}',
    'define HOLD = 90;',
    'protocol ospf v2 o {\n  tick TICK;\n  area 0 {\n    interface "eth0" { hello HELLO; cost COST; };\n  };\n}',
    'define TICK = 1;',
    'protocol bgp c {\n  local as 65000;\n  neighbor 192.0.2.4 as AS1;\n  hold time HOLD;\n}',
  ].join('\n') + '\n';
  const pieces = ['define HELLO = 10;\n', 'define COST = 5;\n', 'define AS2 = 1;\n', 'include "x.conf";\n', 'AS1', 'HOLD', 'TICK', 'COST', 'router id 1.2.3.4;\n', ';', '}', '{', '#', '\n', 'x', ' '];
  for (let seed = 0; seed < 8; seed++) run(`constants ${seed}`, text, 40, 500 + seed, 2, pieces);
  // A `define` typed before a kept statement that uses it: that statement is analysed again.
  const prev = parseBird(text);
  const at = text.indexOf('protocol ospf');
  const next = `${text.slice(0, at)}define HELLO = 10;\n${text.slice(at)}`;
  const inc = reparseBird(prev, { start: at, oldEnd: at, newEnd: at + 19 }, next)!;
  assert.ok(inc);
  assert.deepStrictEqual(snapshot(inc), snapshot(parseBird(next)));
  assert.ok(!inc.diagnostics.some((d) => d.message.includes('HELLO')));
  assert.ok(parseBird(text).diagnostics.some((d) => d.message.includes('HELLO')), 'an undefined constant is reported before');
});

test('BIRD analysis: another targeted version analyses everything again', () => {
  const text = birdShape(400).replace('local as 65000;', 'local as 65000;\n  ipv4 { import filter { bgp_path.add(1); accept; }; };');
  const prev = parseBird(text, { birdVersion: '2.16' });
  const at = text.length - 10;
  const next = `${text.slice(0, at)} ${text.slice(at)}`;
  const inc = reparseBird(prev, { start: at, oldEnd: at, newEnd: at + 1 }, next, { birdVersion: '2.0.12' })!;
  assert.ok(inc);
  assert.deepStrictEqual(snapshot(inc), snapshot(parseBird(next, { birdVersion: '2.0.12' })));
  assert.equal(analysedStatements(inc), inc.tree.children.length);
});
