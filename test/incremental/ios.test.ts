// Incremental re-parse of IOS and ASA (issue 16, `reparseIos`): after random edits (characters, lines, comments,
// indentation, block headers, `exit`/`end`, banners, certificates, pasted prompts, CR/LF) of every IOS/ASA file of the
// tests and of ../shared/corpus/{ios,asa} and of the bench shapes (cut to 1,500 lines), the re-parse, chained edit
// after edit, equals a full parse of the same text: every node and its fields, token, range, diagnostic and the
// lowered model.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { filesUnder } from '../helpers/files';
import { iosDialect } from '../../server/src/dialects/ios';
import { asaDialect, ASA_FLAVOUR } from '../../server/src/dialects/asa';
import { IOS_FLAVOUR, parseIos, reparseIos, type IosFlavour, type IosNode } from '../../server/src/dialects/ios/parser';
import type { ParseResult, Token } from '../../server/src/syntax';
import { randomEdit, rng } from './edits';
// @ts-expect-error: a JavaScript module of the bench, without types
import { iosDevice } from '../../bench/generate.mjs';
// @ts-expect-error: a JavaScript module of the bench, without types
import { asaFile, iosAcl, iosFile } from '../../bench/shapes.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(here, '../../../shared/corpus');
const iosFiles = [...filesUnder(path.resolve(here, '..'), (p) => /\.(ios|cisco)$/.test(p)), ...filesUnder(path.join(corpus, 'ios'), () => true)];
const asaFiles = [...filesUnder(path.resolve(here, '..'), (p) => p.endsWith('.asa')), ...filesUnder(path.join(corpus, 'asa'), () => true)];

const IOS_PIECES = ['\n', '\r\n', '\r', '!', '!\n', ' ', '  ', '\t', 'x', 'no ', 'end\n', 'exit\n', ' exit\n', 'quit\n', 'exit-address-family\n', 'interface GigabitEthernet0/1\n', ' ip address 10.0.0.1 255.255.255.0\n', 'ip address 10.0.0.2 255.255.255.0\n', ' shutdown\n', 'router ospf 1\n', ' network 10.0.0.0 0.0.0.255 area 0\n', 'router bgp 65000\n', ' address-family ipv4\n', 'crypto isakmp policy 10\n', ' encr aes\n', 'encr aes 256\n', 'crypto map M 10 ipsec-isakmp\n', ' set peer 192.0.2.1\n', 'set transform-set TS\n', 'crypto isakmp key k3y address 192.0.2.1\n', 'ip access-list extended A\n', ' permit ip any any\n', 'access-list 10 permit any\n', 'banner motd ^C', 'banner login #\nhello\n#\n', '^C', '#', 'R1(config)#', 'R1(config-if)#', 'crypto pki certificate chain TP\n', ' certificate ca 01\n', '  3082 0122\n', 'line vty 0 4\n', 'hostname r9\n'];
const ASA_PIECES = [...IOS_PIECES, ':', ': Saved\n', ' nameif outside\n', 'nameif inside\n', ' security-level 0\n', 'tunnel-group 192.0.2.1 ipsec-attributes\n', ' ikev1 pre-shared-key s3cret\n', 'object network H\n', ' host 10.0.0.1\n', 'crypto ikev1 policy 10\n', 'banner motd hi\n', 'access-list OUT extended permit ip any any\n'];

const tok = (t: Token) => [t.kind, t.start, t.end, t.text];

/** Everything a consumer may read of a node, as plain data (children by position, no recursion). */
function nodes(root: IosNode): unknown[] {
  const out: unknown[] = [];
  const stack: IosNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    out.push({ kind: n.kind, bits: n.bits, range: n.range, lineEnd: n.lineEnd, first: n.first, count: n.count, indent: n.indent, mode: n.mode, enters: n.enters, wordCount: n.wordCount, wordFirst: n.wordFirst, path: n.pathKey, negated: n.negated, tokens: n.tokens.map(tok), prompt: n.prompt && tok(n.prompt), body: n.body && tok(n.body), children: n.children.length, store: n.store === root.store });
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return out;
}

/**
 * Which shared word a token refers to depends on what the process read before (a word gets a slot in the shared table
 * when met twice: store.ts), so two equal stores may differ in their slot numbers; what must hold is that every
 * token with a slot designates its own text. True, or the first token whose slot names another word.
 */
function sharedSlotsHold(s: IosNode['store']): true | number {
  for (let i = 0; i < s.length; i++) {
    const shared = s.sharedText(i);
    if (shared !== undefined && shared !== s.source.slice(s.starts[i], s.ends[i])) return i;
  }
  return true;
}

function snapshot(p: ParseResult<IosNode>): unknown {
  const s = p.tree.store;
  return { text: p.text, tree: nodes(p.tree), diagnostics: JSON.parse(JSON.stringify(p.diagnostics)), tokens: p.tokens.map(tok), store: { length: s.length, source: s.source === p.text, starts: [...s.starts.subarray(0, s.length)], ends: [...s.ends.subarray(0, s.length)], kinds: [...s.kinds.subarray(0, s.length)], slots: sharedSlotsHold(s) } };
}

function model(p: ParseResult<IosNode>, flavour: IosFlavour): string {
  const dialect = flavour === ASA_FLAVOUR ? asaDialect : iosDialect;
  const { device, diagnostics } = dialect.lower(p, 'file:///r.cfg', {});
  return JSON.stringify({ device, diagnostics });
}

/** Chains `edits` random edits on `text`; returns how many were re-parsed incrementally. */
function run(name: string, text: string, edits: number, seed: number, flavour: IosFlavour, pieces: readonly string[], modelEvery = 8, report = false): number {
  const random = rng(seed);
  const options = { reportUnknownCommands: report };
  let prev = parseIos(text, options, flavour);
  let reused = 0;
  for (let e = 0; e < edits; e++) {
    const edit = randomEdit(text, random, pieces);
    const inc = reparseIos(prev, edit.span, edit.text, options, flavour);
    const full = parseIos(edit.text, options, flavour);
    const got = inc ?? parseIos(edit.text, options, flavour);
    if (inc) reused++;
    assert.deepStrictEqual(snapshot(got), snapshot(full), `${name}: edit ${e} (seed ${seed}) ${JSON.stringify(edit.change)}`);
    if (e % modelEvery === 0) assert.equal(model(got, flavour), model(full, flavour), `${name}: model after edit ${e} (seed ${seed})`);
    // The previous parse was consumed: a second re-parse from it is refused.
    if (inc) assert.equal(reparseIos(prev, edit.span, edit.text, options, flavour), undefined);
    prev = got;
    text = edit.text;
  }
  return reused;
}

test('IOS re-parse equals a full parse after random edits: test and corpus files', () => {
  assert.ok(iosFiles.length > 0);
  let reused = 0;
  let total = 0;
  iosFiles.forEach((f, i) => {
    const text = fs.readFileSync(f, 'utf8');
    // The two big corpus files (0.5–0.7 MB) get two edits: a snapshot of them is most of the test's time.
    const edits = text.length > 100_000 ? 2 : 6;
    reused += run(path.basename(f), text, edits, 2000 + i, IOS_FLAVOUR, IOS_PIECES, i % 3 === 0 ? 6 : 99, i % 5 === 0);
    total += edits;
  });
  assert.ok(reused > total * 0.9, `${reused} of ${total} re-parsed incrementally`);
});

test('ASA re-parse equals a full parse after random edits: test and corpus files', () => {
  assert.ok(asaFiles.length > 0);
  let reused = 0;
  let total = 0;
  asaFiles.forEach((f, i) => {
    const text = fs.readFileSync(f, 'utf8');
    reused += run(path.basename(f), text, 10, 3000 + i, ASA_FLAVOUR, ASA_PIECES, i % 2 === 0 ? 10 : 99, i % 4 === 0);
    total += 10;
  });
  assert.ok(reused > total * 0.9, `${reused} of ${total} re-parsed incrementally`);
});

test('IOS and ASA re-parse equals a full parse after random edits: the bench shapes', () => {
  const random = rng(16);
  const device = iosDevice(3, 1000, random, 1500) as string;
  assert.ok(run('iosDevice(1500)', device, 30, 7, IOS_FLAVOUR, IOS_PIECES, 15) > 25);
  assert.ok(run('iosFile(1500)', iosFile(1500) as string, 30, 8, IOS_FLAVOUR, IOS_PIECES, 15) > 25);
  assert.ok(run('iosAcl(600)', iosAcl(600) as string, 15, 9, IOS_FLAVOUR, IOS_PIECES, 15) > 12);
  assert.ok(run('asaFile(1500)', asaFile(1500) as string, 30, 10, ASA_FLAVOUR, ASA_PIECES, 15) > 25);
});

test('IOS re-parse reads only the blocks around the edit, keeping the nodes before and after', () => {
  const text = [
    'hostname r1',
    'interface GigabitEthernet0/0',
    ' ip address 10.0.0.1 255.255.255.0',
    '!',
    'interface GigabitEthernet0/1',
    ' ip address 10.0.1.1 255.255.255.0',
    '!',
    'router ospf 1',
    ' network 10.0.0.0 0.0.255.255 area 0',
    '!',
    'end',
    '',
  ].join('\n');
  const prev = parseIos(text);
  const before = prev.tree.children;
  assert.equal(before.length, 8);
  const at = text.indexOf('10.0.1.1') + 5;
  const next = `${text.slice(0, at)}2${text.slice(at + 1)}`;
  const inc = reparseIos(prev, { start: at, oldEnd: at + 1, newEnd: at + 1 }, next)!;
  assert.ok(inc);
  const c = inc.tree.children;
  assert.equal(c[0], before[0], 'head kept');
  assert.equal(c[1], before[1], 'head kept');
  assert.notEqual(c[3], before[3], 'the edited block read again');
  assert.equal(c[4], before[4], 'tail kept');
  assert.equal(c[7], before[7], 'tail kept');
  assert.equal(c[3].children[0].wordText(2), '10.0.2.1');
  assert.deepStrictEqual(snapshot(inc), snapshot(parseIos(next)));
  // A line typed: the tail moves by its length, in offsets and in tokens.
  const at2 = next.indexOf(' ip address 10.0.2.1');
  const line = ' description LAN\n';
  const next2 = next.slice(0, at2) + line + next.slice(at2);
  const inc2 = reparseIos(inc, { start: at2, oldEnd: at2, newEnd: at2 + line.length }, next2)!;
  assert.ok(inc2);
  assert.equal(inc2.tree.children[5], before[5]);
  assert.equal(before[5].start, next2.indexOf('router ospf 1'));
  assert.equal(before[5].first, inc2.tree.children[3].first + 2 + 3 + 4);
  assert.equal(inc2.tree.children[3].children.length, 2);
  assert.deepStrictEqual(snapshot(inc2), snapshot(parseIos(next2)));
  // An unindented line that the open block's mode knows stays in it (pasted configs): the block before the edit is
  // read again, and a top-level line at an old one's place closes the re-read.
  const at3 = next2.indexOf('!\nrouter ospf');
  const next3 = `${next2.slice(0, at3)}shutdown\n${next2.slice(at3)}`;
  const inc3 = reparseIos(inc2, { start: at3, oldEnd: at3, newEnd: at3 + 9 }, next3)!;
  assert.ok(inc3);
  assert.equal(inc3.tree.children[3].children.length, 3, '`shutdown` is an interface line');
  assert.deepStrictEqual(snapshot(inc3), snapshot(parseIos(next3)));
});

test('IOS re-parse: banners opened or closed by an edit, prompts, exit lines, a crashed or consumed parse', () => {
  const text = 'hostname r1\n!\nbanner motd ^C\nWelcome\n^C\n!\ninterface Loopback0\n ip address 192.0.2.1 255.255.255.255\n!\nend\n';
  const prev = parseIos(text);
  // Deleting the closing delimiter: the banner runs to the end of the file.
  const at = text.indexOf('^C\n!\ninterface');
  const next = text.slice(0, at) + text.slice(at + 2);
  const inc = reparseIos(prev, { start: at, oldEnd: at + 2, newEnd: at }, next)!;
  assert.ok(inc);
  assert.deepStrictEqual(snapshot(inc), snapshot(parseIos(next)));
  assert.equal(inc.diagnostics[0].code, 'syntax/unterminated-banner');
  assert.equal(inc.tree.children.length, 3);
  // And back.
  const inc2 = reparseIos(inc, { start: at, oldEnd: at, newEnd: at + 2 }, text)!;
  assert.ok(inc2);
  assert.deepStrictEqual(snapshot(inc2), snapshot(parseIos(text)));
  assert.equal(inc2.diagnostics.length, 0);
  // A pasted prompt in front of a line, then an exit.
  const at3 = text.indexOf('interface');
  const next3 = `${text.slice(0, at3)}R1(config)#${text.slice(at3)}`;
  const inc3 = reparseIos(inc2, { start: at3, oldEnd: at3, newEnd: at3 + 11 }, next3)!;
  assert.deepStrictEqual(snapshot(inc3), snapshot(parseIos(next3)));
  const at4 = next3.indexOf('!\nend');
  const next4 = `${next3.slice(0, at4)} exit\n${next3.slice(at4)}`;
  const inc4 = reparseIos(inc3, { start: at4, oldEnd: at4, newEnd: at4 + 6 }, next4)!;
  assert.deepStrictEqual(snapshot(inc4), snapshot(parseIos(next4)));
  // Another flavour or options than the previous parse's, or a span that does not fit the texts: a full parse.
  assert.equal(reparseIos(inc4, { start: 0, oldEnd: 0, newEnd: 1 }, `x${next4}`, {}, ASA_FLAVOUR), undefined);
  assert.equal(reparseIos(inc4, { start: 0, oldEnd: 0, newEnd: 1 }, `x${next4}`, { reportUnknownCommands: true }), undefined);
  assert.equal(reparseIos(inc4, { start: 0, oldEnd: 0, newEnd: 2 }, `x${next4}`), undefined);
  assert.ok(reparseIos(inc4, { start: 0, oldEnd: 0, newEnd: 1 }, `x${next4}`));
});
