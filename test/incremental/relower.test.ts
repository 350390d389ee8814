// A RouterOS lowering kept across an edit (issue 16, `Dialect.relower`, routeros/relower.ts): after chains of random
// edits of every RouterOS file of the tests and ../shared/corpus/routeros and of the 100k-line bench shape (cut),
// the kept model equals a full lowering of the new text (every value and range, and what every Setter writes), the
// tree it stands on equals a full parse, and the next re-parse and relowering from it stay equal; edits that change
// something a lowering step read are lowered again. Through the service: findings (with their fixes), diagnostics
// and the model equal a fresh service's after every edit.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseRouterOs, routerosDialect, type RosTree } from '../../server/src/dialects/routeros';
import type { LowerResult } from '../../server/src/dialects/types';
import { getDiagnostics } from '../../server/src/features/diagnostics';
import { createLanguageService } from '../../server/src/service';
import type { ParseResult } from '../../server/src/syntax';
import { filesUnder } from '../helpers/files';
import { randomEdit, rng, routerosShape, type Edit } from './edits';
import { statement, tok } from '../helpers/routeros-views';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(here, '../../../shared/corpus/routeros');
const files = [...filesUnder(path.resolve(here, '..'), (p) => p.endsWith('.rsc')), ...filesUnder(corpus, () => true)];
const URI = 'file:///w/r.rsc';
const OPTIONS = { editing: true };

/** Structural edits (as the re-parse tests type) and edits of names and values the lowering reads. */
const PIECES = ['\n', '"', '\\\n', '#', ';', ' ', 'x', '1', '/ip address\n', '/interface vlan\n', 'add address=10.0.0.1/24 interface=ether1\n', 'disabled=yes', ' comment="c"', 'name=', ',', '!', 'add name=p1 dh-group=modp1025\n'];
const VALUE_PIECES = ['x', '1', '0', ' ', '.', '-', '"', ',', '!', 'a', '/'];

/**
 * An edit inside a parameter's value (the characters after a `key=`, a `comment="…"` most often): a character typed,
 * deleted or replaced, as typing does. A random edit (`randomEdit`) when the text has no `=`.
 */
function valueEdit(text: string, random: () => number): Edit {
  const from = Math.floor(random() * text.length);
  let eq = text.indexOf('=', from);
  if (eq < 0) eq = text.indexOf('=');
  if (eq < 0) return randomEdit(text, random, PIECES);
  let end = eq + 1;
  if (text[end] === '"') {
    const q = text.indexOf('"', end + 1);
    end = q < 0 ? text.length : q;
  } else while (end < text.length && !/[\s\\]/.test(text[end])) end++;
  const at = eq + 1 + Math.floor(random() * (end - eq));
  const r = random();
  const insert = r < 0.6 ? VALUE_PIECES[Math.floor(random() * VALUE_PIECES.length)] : r < 0.8 ? '' : VALUE_PIECES[Math.floor(random() * 3)];
  const stop = r < 0.6 ? at : Math.min(end, at + 1);
  const next = text.slice(0, at) + insert + text.slice(stop);
  return { change: { start: at, end: stop, text: insert }, text: next, span: { start: at, oldEnd: stop, newEnd: at + insert.length } };
}

function tree(p: ParseResult<RosTree>): string {
  return JSON.stringify({ children: p.tree.children.map(statement), diagnostics: p.diagnostics, tokens: p.tokens.map(tok) });
}

/** Arguments a Setter of some kind takes: every Setter is called with each (what it refuses is part of its answer). */
const SETTER_ARGS: unknown[] = [
  'aes-256-cbc',
  'modp2048',
  'none',
  '10.9.9.9',
  'p2',
  3600,
  1,
  24,
  ['aes-256-cbc'],
  ['sha256'],
  { encryption: 'aes-256-cbc', hash: 'sha256', dh: 'modp2048' },
  { encryption: 'aes-256-cbc', integrity: 'sha256' },
  { area: '0.0.0.1', type: 'stub' },
  { area: '0.0.0.0', type: 'normal' },
  'point-to-point',
];

/** The model as plain data, with what each Setter writes for each of `SETTER_ARGS` where the Setter is. */
function model(low: LowerResult): string {
  const seen = new Set<unknown>();
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'function') {
      return SETTER_ARGS.map((a) => {
        try {
          return (v as (x: unknown) => unknown)(a) ?? null;
        } catch (err) {
          return `throws ${String(err)}`;
        }
      });
    }
    if (v === null || typeof v !== 'object' || depth > 12) return v;
    if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
    if (seen.has(v) && depth > 6) return '(again)';
    seen.add(v);
    const res: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) res[k] = walk(x, depth + 1);
    return res;
  };
  return JSON.stringify({ device: walk(low.device, 0), diagnostics: low.diagnostics });
}

/**
 * Chains `edits` edits (value edits, else random ones) on `text` through the dialect's reparse and relower hooks, as
 * the service does, and compares with a full parse and lowering after each; returns how many edits kept the model.
 */
function chain(name: string, text: string, edits: number, seed: number, valueShare = 0.7): { kept: number; relowered: number } {
  const random = rng(seed);
  const d = routerosDialect;
  let parsed = d.parse(text, OPTIONS);
  let low = d.lower(parsed, URI, OPTIONS);
  let kept = 0;
  let relowered = 0;
  for (let e = 0; e < edits; e++) {
    const edit = random() < valueShare ? valueEdit(text, random) : randomEdit(text, random, PIECES);
    const inc = d.reparse!(parsed, edit.span, edit.text, OPTIONS);
    const next = inc ?? d.parse(edit.text, OPTIONS);
    const k = inc ? d.relower!(low, next, URI, OPTIONS) : undefined;
    const got = k ? k.lowered : d.lower(next, URI, OPTIONS);
    if (k) kept++;
    else relowered++;
    const fullParse = parseRouterOs(edit.text);
    const full = d.lower(fullParse, URI, {});
    const where = `${name}: edit ${e} (seed ${seed}) ${JSON.stringify(edit.change)}${k ? ' (kept)' : ''}`;
    assert.equal(tree(next), tree(fullParse), `${where}: tree`);
    assert.equal(model(got), model(full), `${where}: model`);
    parsed = next;
    low = got;
    text = edit.text;
  }
  return { kept, relowered };
}

test('RouterOS relower equals a full lowering after random edits: test and corpus files', () => {
  assert.ok(files.length > 20);
  let kept = 0;
  let relowered = 0;
  files.forEach((f, i) => {
    const res = chain(path.basename(f), fs.readFileSync(f, 'utf8'), 30, 2000 + i);
    kept += res.kept;
    relowered += res.relowered;
  });
  // Both paths run: most value edits keep the model, structural ones and those of names lower again.
  assert.ok(kept > (kept + relowered) / 4, `${kept} kept, ${relowered} lowered again`);
  assert.ok(relowered > (kept + relowered) / 10, `${kept} kept, ${relowered} lowered again`);
});

test('RouterOS relower equals a full lowering after random edits: the bench shape', () => {
  const { kept } = chain('routerosShape(1200)', routerosShape(1200), 80, 11);
  assert.ok(kept > 30, `${kept} of 80 kept`);
});

test('RouterOS relower: what an edit keeps and what it lowers again', () => {
  const text = [
    '# by RouterOS 7.12',
    '/interface vlan',
    'add interface=ether1 name=v1 vlan-id=1 comment="uplink"',
    '/ip address',
    'add address=10.0.0.1/24 interface=v1 comment="lan"',
    '/ip firewall filter',
    'add action=accept chain=forward dst-port=22 protocol=tcp comment="ssh" in-interface=!v1',
    '/interface gre',
    'add local-address=10.0.0.1 name=g1 remote-address=10.0.0.2',
    '/ip ipsec peer',
    'add address=198.51.100.1/32 name=peer1 exchange-mode=main',
    '',
  ].join('\n');
  const d = routerosDialect;
  const step = (before: string, find: string, insert: string, drop = 0): { kept: boolean; text: string } => {
    const parsed = d.parse(before, OPTIONS);
    const low = d.lower(parsed, URI, OPTIONS);
    const at = before.indexOf(find) + find.length;
    const after = before.slice(0, at) + insert + before.slice(at + drop);
    const inc = d.reparse!(parsed, { start: at, oldEnd: at + drop, newEnd: at + insert.length }, after, OPTIONS)!;
    assert.ok(inc, `re-parsed: ${find}`);
    const k = d.relower!(low, inc, URI, OPTIONS);
    assert.equal(model(k ? k.lowered : d.lower(inc, URI, OPTIONS)), model(d.lower(parseRouterOs(after), URI, {})), find);
    return { kept: k !== undefined, text: after };
  };
  // Not read by any lowering step: a firewall rule's comment and port, an address's comment.
  assert.equal(step(text, 'comment="ssh', 'x').kept, true);
  assert.equal(step(text, 'dst-port=2', '3').kept, true);
  assert.equal(step(text, 'comment="la', 'x').kept, true);
  // Read: an interface's comment (its description), names, addresses, the negated interface, exchange-mode.
  assert.equal(step(text, 'comment="upl', 'x').kept, false);
  assert.equal(step(text, 'name=v', '2').kept, false);
  assert.equal(step(text, 'address=10.0.0.', '9', 1).kept, false);
  assert.equal(step(text, 'in-interface=!v', '2').kept, false);
  assert.equal(step(text, 'exchange-mode=mai', 'x').kept, false);
  // A parameter added, a line added or removed, the export header changed.
  assert.equal(step(text, 'protocol=tcp', ' disabled=yes').kept, false);
  assert.equal(step(text, 'comment="ssh" in-interface=!v1\n', 'add chain=input\n').kept, false);
  assert.equal(step(text, '# by RouterOS 7', '.', 0).kept, false);
  // A kept edit moves what follows: the tunnel after it (its `insertAt` too) and the peer.
  const moved = step(text, 'comment="ss', 'xyz');
  assert.equal(moved.kept, true);
  // The previous lowering is consumed: a second relowering from it is refused.
  const parsed = d.parse(text, OPTIONS);
  const low = d.lower(parsed, URI, OPTIONS);
  const at = text.indexOf('comment="ss') + 11;
  const after = `${text.slice(0, at)}x${text.slice(at)}`;
  const inc = d.reparse!(parsed, { start: at, oldEnd: at, newEnd: at + 1 }, after, OPTIONS)!;
  assert.ok(d.relower!(low, inc, URI, OPTIONS));
  assert.equal(d.relower!(low, inc, URI, OPTIONS), undefined);
  // Without `editing` (batch mode) nothing is kept for it.
  const batchParsed = d.parse(text, {});
  const batchLow = d.lower(batchParsed, URI, {});
  const inc2 = d.reparse!(batchParsed, { start: at, oldEnd: at, newEnd: at + 1 }, after, {})!;
  assert.equal(d.relower!(batchLow, inc2, URI, OPTIONS), undefined);
});

test('RouterOS relower through the service: findings, fixes, diagnostics and model equal a fresh service, edit after edit', () => {
  const inputs = [routerosShape(900), ...files.filter((_, i) => i % 4 === 0).map((f) => fs.readFileSync(f, 'utf8'))];
  const relower = routerosDialect.relower!;
  let kept = 0;
  routerosDialect.relower = (...args) => {
    const res = relower(...args);
    if (res) kept++;
    return res;
  };
  try {
    inputs.forEach((input, i) => {
      const random = rng(300 + i);
      let text = input;
      const svc = createLanguageService();
      svc.setDocument(URI, text, 1);
      for (let e = 0; e < 25; e++) {
        const edit = random() < 0.75 ? valueEdit(text, random) : randomEdit(text, random, PIECES);
        text = edit.text;
        svc.setDocument(URI, text, e + 2, undefined, undefined, [edit.change]);
        const fresh = createLanguageService();
        fresh.setDocument(URI, text, e + 2);
        const where = `input ${i}, edit ${e} ${JSON.stringify(edit.change)}`;
        assert.equal(JSON.stringify(svc.getFindings(URI)), JSON.stringify(fresh.getFindings(URI)), `${where}: findings`);
        assert.equal(JSON.stringify(getDiagnostics(svc, URI)), JSON.stringify(getDiagnostics(fresh, URI)), `${where}: diagnostics`);
        if (e % 6 === 0) assert.equal(JSON.stringify(svc.getDevice(URI)), JSON.stringify(fresh.getDevice(URI)), `${where}: model`);
      }
    });
  } finally {
    routerosDialect.relower = relower;
  }
  assert.ok(kept > 40, `${kept} edits kept the model`);
});
