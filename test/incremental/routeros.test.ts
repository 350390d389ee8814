// Incremental re-parse of RouterOS (issue 16, `reparseRouterOs`): after random edits (characters, lines, braces,
// backslashes, quotes, comments, menu lines) of every RouterOS file of the tests and of ../shared/corpus/routeros and
// of the 100k-line bench shape (cut to 1,500 lines), the re-parse, chained edit after edit, equals a full
// parse of the same text: every statement, parameter, token, range, diagnostic and the lowered model.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { filesUnder } from '../helpers/files';
import { lowerRouterOs, parseRouterOs, reparseRouterOs, type RosTree } from '../../server/src/dialects/routeros';
import type { ParseResult } from '../../server/src/syntax';
import { randomEdit, rng, routerosShape } from './edits';
import { statement, tok } from '../helpers/routeros-views';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(here, '../../../shared/corpus/routeros');
const files = [...filesUnder(path.resolve(here, '..'), (p) => p.endsWith('.rsc')), ...filesUnder(corpus, () => true)];

const PIECES = ['\\\n', '\\', '"', '{', '}', '[', ']', '\n', '\r\n', '\r', '/ip address\n', '/interface vlan\n', '/ip firewall filter\n', '# by RouterOS 6.48\n', '#', ';', '  key=value ', '    comment="x" \\\n', 'add address=10.0.0.1/24 interface=ether1\n', 'set [ find default-name=ether1 ] name=wan\n', ':local x 1\n', ' ', '\t', 'disabled=yes', 'add name=p1 dh-group=modp1025\n'];

function snapshot(p: ParseResult<RosTree>): unknown {
  return { text: p.text, range: { ...p.tree.range }, kind: p.tree.kind, headerVersion: p.tree.headerVersion, treeTokens: p.tree.tokens.length, children: p.tree.children.map(statement), diagnostics: JSON.parse(JSON.stringify(p.diagnostics)), tokens: p.tokens.map(tok) };
}

function model(p: ParseResult<RosTree>): string {
  const { device, diagnostics } = lowerRouterOs(p, 'file:///r.rsc');
  return JSON.stringify({ device, diagnostics });
}

/** Chains `edits` random edits on `text`; returns how many were re-parsed incrementally. */
function run(name: string, text: string, edits: number, seed: number, modelEvery = 8): number {
  const random = rng(seed);
  let prev = parseRouterOs(text);
  let reused = 0;
  for (let e = 0; e < edits; e++) {
    const edit = randomEdit(text, random, PIECES);
    const inc = reparseRouterOs(prev, edit.span, edit.text);
    const full = parseRouterOs(edit.text);
    const got = inc ?? parseRouterOs(edit.text);
    if (inc) reused++;
    assert.deepStrictEqual(snapshot(got), snapshot(full), `${name}: edit ${e} (seed ${seed}) ${JSON.stringify(edit.change)}`);
    if (e % modelEvery === 0) assert.equal(model(got), model(full), `${name}: model after edit ${e} (seed ${seed})`);
    // The previous parse was consumed: a second re-parse from it is refused.
    if (inc) assert.equal(reparseRouterOs(prev, edit.span, edit.text), undefined);
    prev = got;
    text = edit.text;
  }
  return reused;
}

test('RouterOS re-parse equals a full parse after random edits: test and corpus files', () => {
  assert.ok(files.length > 0);
  let reused = 0;
  let total = 0;
  files.forEach((f, i) => {
    const text = fs.readFileSync(f, 'utf8');
    reused += run(path.basename(f), text, 25, 1000 + i);
    total += 25;
  });
  // Most edits are re-parsed incrementally (the rest fall back near `{` blocks and the like): the path is exercised.
  assert.ok(reused > total / 2, `${reused} of ${total} re-parsed incrementally`);
});

test('RouterOS re-parse equals a full parse after random edits: the bench shape', () => {
  const text = routerosShape(1500);
  const reused = run('routerosShape(1500)', text, 60, 7, 20);
  assert.ok(reused > 40, `${reused} of 60 re-parsed incrementally`);
});

test('RouterOS re-parse reads only the lines around the edit, keeping the nodes before and after', () => {
  const text = '/ip address\nadd address=10.0.0.1/24 interface=ether1\nadd address=10.0.1.1/24 interface=ether2\n/interface vlan\nadd interface=ether1 name=v1 vlan-id=1\n';
  const prev = parseRouterOs(text);
  const [menu, a1, a2, menu2, vlan] = prev.tree.children;
  const at = text.indexOf('10.0.1.1') + 5;
  const next = `${text.slice(0, at)}2${text.slice(at + 1)}`;
  const inc = reparseRouterOs(prev, { start: at, oldEnd: at + 1, newEnd: at + 1 }, next)!;
  assert.ok(inc);
  const c = inc.tree.children;
  assert.equal(c[0], menu, 'head kept');
  assert.notEqual(c[2], a2, 'edited line read again');
  assert.equal(c[3], menu2, 'tail kept');
  assert.equal(c[4], vlan);
  assert.equal((c[2] as import('../../server/src/dialects/routeros').RosCommand).params[0].value, '10.0.2.1/24');
  void a1;
  // A menu line edited: the lines after it are read in the new menu until the next menu line.
  const at2 = text.indexOf('/ip address') + 3;
  const next2 = `${next.slice(0, at2)}v6${next.slice(at2)}`;
  const inc2 = reparseRouterOs(inc, { start: at2, oldEnd: at2, newEnd: at2 + 2 }, next2)!;
  assert.ok(inc2);
  assert.deepStrictEqual(snapshot(inc2), snapshot(parseRouterOs(next2)));
  assert.equal((inc2.tree.children[1] as import('../../server/src/dialects/routeros').RosCommand).path, 'ipv6 address');
});
