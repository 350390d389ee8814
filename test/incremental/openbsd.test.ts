// Incremental re-parse of OpenBSD ipsec.conf (issue 16, `reparseIpsecConf`): after random edits (characters, line
// breaks, `\` continuations, quotes, comments, macro uses and definitions, braces) of every ipsec.conf of the tests, of
// examples/ and of ../shared/corpus/openbsd-ipsec, and of the bench shapes (cut to 500 lines), the re-parse, chained
// edit after edit, equals a full parse of the same text: the tree's JSON (every statement's kind, range, tokens, macro
// uses, rule clauses with their tokens and hosts), the lossless token list, the diagnostics and the lowered model.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { filesUnder } from '../helpers/files';
import { openbsdDialect, parseIpsecConf, reparseIpsecConf } from '../../server/src/dialects/openbsd';
import type { ObsdFile } from '../../server/src/dialects/openbsd';
import type { ParseResult, Token } from '../../server/src/syntax';
import { randomEdit, rng } from './edits';
// @ts-expect-error: a JavaScript module of the bench, without types
import { openbsdConfig, openbsdMacros } from '../../bench/shapes.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, '../..');
const corpus = path.resolve(root, '../shared/corpus/openbsd-ipsec');
const files = [
  ...filesUnder(path.join(root, 'test', 'openbsd', 'fixtures'), (p) => !p.endsWith('.md')),
  ...filesUnder(path.join(root, 'test'), (p) => p.endsWith('ipsec.conf') && !p.includes(`${path.sep}openbsd${path.sep}fixtures`)),
  ...filesUnder(path.join(root, 'examples'), (p) => p.endsWith('ipsec.conf')),
  ...filesUnder(corpus, (p) => p.endsWith('.in') || p.endsWith('.conf')),
];

const PIECES = ['\n', '\r\n', '\\\n', '\\', '"', "'", '#', '# note \\\n', '{', '}', ',', '/', '(', ')', '$', '$gw', '$LAN', 'x = "10.9.0.0/16"\n', 'gw = "192.0.2.9"\n', '=', 'ike esp from 10.1.0.0/16 to 10.2.0.0/16 peer 192.0.2.7 psk "k"\n', 'flow esp from any to any peer $gw\n', 'quick auth hmac-sha2-256 enc aes-256 group modp2048', ' main auth hmac-sha1 enc aes group modp1024 lifetime 1h', 'include "/etc/x.conf"\n', 'esp from 1.1.1.1 to 2.2.2.2 spi 0x1000 auth hmac-sha2-256 authkey file "k"\n', 'psk', 'peer', 'to', 'from', 'any', 'x', ' '];

const tok = (t: Token) => [t.kind, t.start, t.end, t.text];

/** The parse as one string (compared as strings: deep equality of the token lists of a long file is slow). */
function snapshot(p: { tree: ObsdFile; tokens: Token[]; diagnostics: unknown[] }): string {
  return JSON.stringify({ tree: p.tree, diagnostics: p.diagnostics, tokens: p.tokens.map(tok) });
}

/** The lowered model as JSON, with the edits every Setter of each peer writes (they read the tree and the text). */
function model(p: { tree: ObsdFile; tokens: Token[]; diagnostics: ParseResult<ObsdFile>['diagnostics'] }, text: string): string {
  const low = openbsdDialect.lower({ text, tree: p.tree, tokens: p.tokens, diagnostics: p.diagnostics }, 'file:///x/ipsec.conf', {});
  const edits = low.device.ipsecPeers.map((peer) => [
    peer.setPhase1?.({ encryption: 'aes-cbc-256', hash: 'sha256', dh: 'modp2048' }),
    peer.setPhase2?.({ encryption: 'aes-cbc-128', integrity: 'sha1' }),
    peer.setPfs?.('modp3072'),
    peer.psk?.set?.('new-key'),
    peer.addPsk?.('added'),
    peer.phase1[0].lifetime.set?.(7200),
    peer.phase2Lifetime?.set?.(600),
    peer.selectors.map((s) => peer.setSelector?.({ range: s.range, local: '10.77.0.0/16', remote: '10.78.0.1/32', protocol: 'ip' })),
  ]);
  return JSON.stringify({ low, edits });
}

function run(name: string, text: string, edits: number, seed: number, modelEvery = 3, pieces: readonly string[] = PIECES): number {
  const random = rng(seed);
  let prev = parseIpsecConf(text);
  let reused = 0;
  for (let e = 0; e < edits; e++) {
    const edit = randomEdit(text, random, pieces);
    const inc = reparseIpsecConf(prev.tree, edit.span, edit.text);
    const full = parseIpsecConf(edit.text);
    const got = inc ?? parseIpsecConf(edit.text);
    if (inc) reused++;
    const where = `${name}: edit ${e} (seed ${seed}) ${JSON.stringify(edit.change)}`;
    assert.equal(snapshot(got), snapshot(full), where);
    // The re-parsed tree is lowered after every edit (the next lowering keeps what this one made of the rules the
    // next re-parse keeps); compared with the full parse's every few edits.
    const lowered = model(got, edit.text);
    if (e % modelEvery === 0) assert.equal(lowered, model(full, edit.text), `model after ${where}`);
    assert.equal(reparseIpsecConf(prev.tree, edit.span, edit.text), undefined, 'a consumed parse is not re-parsed twice');
    prev = got;
    text = edit.text;
  }
  return reused;
}

test('OpenBSD re-parse equals a full parse after random edits: test, example and corpus files', () => {
  assert.ok(files.length >= 30, `found ${files.length} files`);
  let reused = 0;
  let total = 0;
  files.forEach((f, i) => {
    reused += run(path.basename(f), fs.readFileSync(f, 'utf8'), 25, 3000 + i);
    total += 25;
  });
  assert.ok(reused > total / 2, `${reused} of ${total} re-parsed incrementally`);
});

test('OpenBSD re-parse equals a full parse after random edits: the bench shapes', () => {
  const a = run('openbsdConfig(500)', openbsdConfig(500), 40, 21, 10);
  assert.ok(a > 20, `${a} of 40 re-parsed incrementally`);
  const b = run('openbsdMacros(500)', openbsdMacros(500), 40, 22, 10);
  assert.ok(b > 10, `${b} of 40 re-parsed incrementally`);
});

test('OpenBSD re-parse: macros used before their definition, redefined macros, unknown commands', () => {
  const text = [
    'ike esp from $LAN to 10.2.0.0/16 peer $gw psk "a"',
    'LAN = "10.1.0.0/16"',
    'gw = "192.0.2.1"',
    'ike esp from $LAN to 10.3.0.0/16 peer $gw',
    'gw = "192.0.2.2"',
    'flow esp from $LAN to 10.4.0.0/16 peer $gw',
    'bogus line here',
    'ike esp from $LAN to $nope peer $gw main auth hmac-md5 enc des',
    '"unterminated',
    'ike esp from 10.5.0.0/16 to 10.6.0.0/16 peer 192.0.2.3 \\',
    '  quick enc aes-128-gcm auth hmac-sha2-256',
    '',
  ].join('\n');
  const pieces = ['$gw', '$LAN', '$nope', 'gw = "1.2.3.4"\n', 'nope = "x"\n', '"', '\\\n', '#', '\n', 'x', ' '];
  for (let seed = 0; seed < 10; seed++) run(`macros ${seed}`, text, 40, 700 + seed, 1, pieces);
  // With unknown commands reported, the re-parse needs the same option.
  const prev = parseIpsecConf(text, { reportUnknownCommands: true });
  const at = text.indexOf('bogus') + 2;
  const next = `${text.slice(0, at)}x${text.slice(at)}`;
  assert.equal(reparseIpsecConf(prev.tree, { start: at, oldEnd: at, newEnd: at + 1 }, next, {}), undefined, 'other options: a full parse');
  const prev2 = parseIpsecConf(text, { reportUnknownCommands: true });
  const inc = reparseIpsecConf(prev2.tree, { start: at, oldEnd: at, newEnd: at + 1 }, next, { reportUnknownCommands: true })!;
  assert.ok(inc);
  assert.equal(snapshot(inc), snapshot(parseIpsecConf(next, { reportUnknownCommands: true })));
});

test('OpenBSD re-parse keeps the statements before and after the edit, reads one again, and stops at a macro definition', () => {
  const text = openbsdConfig(200);
  const prev = parseIpsecConf(text);
  const sts = prev.tree.statements;
  const at = text.indexOf('ike esp', text.length >> 1) + 3;
  const i = sts.findIndex((s) => s.range.start <= at && at <= s.range.end);
  const before = sts[i - 1];
  const after = sts[i + 1];
  const afterStart = after.range.start;
  const next = `${text.slice(0, at)}x${text.slice(at)}`;
  const inc = reparseIpsecConf(prev.tree, { start: at, oldEnd: at, newEnd: at + 1 }, next)!;
  assert.ok(inc);
  assert.equal(inc.tree.statements[i - 1], before, 'head kept');
  assert.notEqual(inc.tree.statements[i], sts[i], 'the edited statement read again');
  assert.equal(inc.tree.statements[i].kind, 'ObsdUnknown', '`ikex` starts no rule');
  assert.equal(inc.tree.statements[i + 1], after, 'tail kept (moved)');
  assert.equal(after.range.start, afterStart + 1);
  assert.equal(snapshot(inc), snapshot(parseIpsecConf(next)));
  // Undone: the rule again.
  const back = reparseIpsecConf(inc.tree, { start: at, oldEnd: at + 1, newEnd: at }, text)!;
  assert.ok(back);
  assert.equal(snapshot(back), snapshot(parseIpsecConf(text)));
  assert.equal(model(back, text), model(parseIpsecConf(text), text));
  // An edit in a macro definition: a full parse (later rules expand the macro).
  const m = text.indexOf('gw7 = "') + 10;
  assert.ok(m > 10);
  const next2 = `${text.slice(0, m)}9${text.slice(m)}`;
  assert.equal(reparseIpsecConf(back.tree, { start: m, oldEnd: m, newEnd: m + 1 }, next2), undefined);
});

test('OpenBSD lowering after a re-parse keeps the peers of the rules before the edit and moves those after it', () => {
  const text = openbsdConfig(300);
  const prev = parseIpsecConf(text);
  const low0 = openbsdDialect.lower({ text, tree: prev.tree, tokens: prev.tokens, diagnostics: prev.diagnostics }, 'file:///x/ipsec.conf', {});
  const peers0 = low0.device.ipsecPeers;
  // A line added in the middle: the rules before keep their peer objects; those after get copies with moved
  // ranges and labels (one line down); the ids stay.
  const at = text.indexOf('# site 30\n');
  const next = `${text.slice(0, at)}# new line\n${text.slice(at)}`;
  const inc = reparseIpsecConf(prev.tree, { start: at, oldEnd: at, newEnd: at + 11 }, next)!;
  assert.ok(inc);
  const low1 = openbsdDialect.lower({ text: next, tree: inc.tree, tokens: inc.tokens, diagnostics: inc.diagnostics }, 'file:///x/ipsec.conf', {});
  const peers1 = low1.device.ipsecPeers;
  assert.equal(peers1.length, peers0.length);
  assert.equal(peers1[29], peers0[29], 'a peer before the edit is kept');
  assert.notEqual(peers1[30], peers0[30], 'a peer after the edit is a moved copy');
  assert.equal(peers1[30].range.start, peers0[30].range.start + 11);
  assert.equal(peers1[30].label, `ike rule line ${Number(peers0[30].label.split(' ').pop()) + 1}`);
  assert.equal(peers1[30].setPhase1, peers0[30].setPhase1, 'the same Setter closures');
  const full = parseIpsecConf(next);
  assert.equal(model(inc, next), model(full, next));
  // A rule removed before the tail (`ikex` starts no rule): the ids after it move down by one.
  const at2 = next.indexOf('ike esp', next.indexOf('# site 10\n'));
  const next2 = `${next.slice(0, at2 + 3)}x${next.slice(at2 + 3)}`;
  const inc2 = reparseIpsecConf(inc.tree, { start: at2 + 3, oldEnd: at2 + 3, newEnd: at2 + 4 }, next2)!;
  const low2 = openbsdDialect.lower({ text: next2, tree: inc2.tree, tokens: inc2.tokens, diagnostics: inc2.diagnostics }, 'file:///x/ipsec.conf', {});
  assert.equal(low2.device.ipsecPeers.length, peers0.length - 1);
  assert.equal(low2.device.ipsecPeers[10].id, 'ike-11');
  assert.equal(model(inc2, next2), model(parseIpsecConf(next2), next2));
});
