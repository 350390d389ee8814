// The OpenBSD parser lexes and parses in one pass and keeps no token list per statement: a statement's `tokens` and
// a rule's `toks` are rebuilt on use from the statement's range (issue 16). These tests pin what the rebuilt lists
// must be (the significant tokens of the statement's run of the document, macro uses expanded where they stood),
// the JSON shape of the tree, the order of the parse diagnostics, and the IPv4 fast paths of hosts and selectors.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { filesUnder } from '../helpers/files';
import { expandPairs, hostPrefix, openbsdDialect, parseIpsecConf } from '../../server/src/dialects/openbsd';
import { lexIpsecConf } from '../../server/src/dialects/openbsd/lexer';
import * as model from '../../server/src/model';
import type { Token } from '../../server/src/syntax';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(here, '../../../shared/corpus/openbsd-ipsec');
const obsdFiles = [...filesUnder(path.join(here, 'fixtures'), (p) => !p.endsWith('.md')), ...filesUnder(corpus, (p) => p.endsWith('.in') || p.endsWith('.conf'))];

const shape = (ts: readonly Token[]) => ts.map((t) => `${t.kind}:${t.start}:${t.end}:${JSON.stringify(t.text)}`);

/** The lexer's significant tokens (no whitespace, newline or comment) cut into runs at line breaks. */
function runs(text: string): Token[][] {
  const res: Token[][] = [];
  let cur: Token[] = [];
  for (const t of lexIpsecConf(text)) {
    if (t.kind === 'newline') {
      if (cur.length) res.push(cur);
      cur = [];
    } else if (t.kind !== 'whitespace' && t.kind !== 'comment') cur.push(t);
  }
  if (cur.length) res.push(cur);
  return res;
}

// Continuations inside a rule and inside a comment, a comment after code, CRLF, a blank statement-free tail.
const CRAFTED = [
  'gw = "192.0.2.1"  # the hub',
  'nets = "{ 10.0.0.0/24, 10.0.1.0/24 }"',
  'ike esp from $nets \\',
  '  to 10.9.0.0/16 peer $gw # continued comment \\',
  '  still the comment',
  'flow esp from 10.0.0.1 to 10.9.9.9 peer $gw\r',
  '# a lone comment',
  'esp from 10.0.0.1 to 10.0.0.2 spi 0x1000 auth hmac-sha1 enc aes authkey 0x1234 enckey 0x5678',
  '',
].join('\n');

test('each statement rebuilds its tokens: the significant tokens of its run, in order, kept once built', () => {
  for (const [name, text] of [['crafted', CRAFTED] as const, ...obsdFiles.map((f) => [f, fs.readFileSync(f, 'utf8')] as const)]) {
    const { tree } = parseIpsecConf(text);
    const expected = runs(text);
    assert.equal(tree.statements.length, expected.length, name);
    tree.statements.forEach((st, i) => {
      // Not a field of the statement: built by a getter on first use.
      assert.equal(Object.getOwnPropertyDescriptor(st, 'tokens'), undefined, name);
      assert.deepEqual(shape(st.tokens), shape(expected[i]), `${name}: statement ${i}`);
      assert.equal(st.tokens, st.tokens, 'the same list on the second use');
      assert.deepEqual(st.range, { start: expected[i][0].start, end: expected[i][expected[i].length - 1].end });
    });
  }
});

test('a rule rebuilds its expanded tokens: macro values at their use, with the value the macro had there', () => {
  const text = 'x = "10.0.0.1"\nike esp from $x to 10.1.0.0/24 peer $gw\nx = "10.0.0.2"\ngw = "192.0.2.1"\nflow esp from $x to 10.1.0.0/24 peer $gw\n';
  const { tree } = parseIpsecConf(text);
  const ike = tree.statements[1].rule!;
  const flow = tree.statements[4].rule!;
  const xAt = text.indexOf('$x');
  // `$gw` was not defined yet at the ike rule: its use expands to nothing.
  assert.deepEqual(ike.toks.map((t) => [t.text, t.macro ?? null, t.start]), [
    ['ike', null, text.indexOf('ike')],
    ['esp', null, text.indexOf('esp')],
    ['from', null, text.indexOf('from')],
    ['10.0.0.1', 'x', xAt],
    ['to', null, text.indexOf('to 10')],
    ['10.1.0.0', null, text.indexOf('10.1.0.0')],
    ['/', null, text.indexOf('/24')],
    ['24', null, text.indexOf('/24') + 1],
    ['peer', null, text.indexOf('peer')],
  ]);
  assert.deepEqual(
    flow.toks.filter((t) => t.macro).map((t) => [t.text, t.macro]),
    [
      ['10.0.0.2', 'x'],
      ['192.0.2.1', 'gw'],
    ],
  );
  assert.equal(flow.toks, flow.toks);
  // Clause tokens written in the file are found in the list by their offsets.
  const peerKw = flow.toks.find((t) => t.start === flow.peer!.keyword.start && t.end === flow.peer!.keyword.end);
  assert.equal(peerKw?.text, 'peer');
  // Without macro uses the rule's list is the statement's.
  const plain = parseIpsecConf('ike esp from 10.0.0.1 to 10.0.0.2\n').tree.statements[0];
  assert.equal(plain.rule!.toks, plain.tokens);
});

test('tree JSON keeps the plain objects\' key order, with the rebuilt lists in it', () => {
  const text = 'gw = "192.0.2.1"\nike passive esp from 10.0.0.1 to 10.0.0.2 peer $gw psk "k" tag t1\n';
  const { tree } = parseIpsecConf(text);
  const st = JSON.parse(JSON.stringify(tree.statements[1]));
  assert.deepEqual(Object.keys(st), ['kind', 'range', 'tokens', 'children', 'macroUses', 'rule']);
  assert.equal(st.tokens.length, 13);
  // Clauses parsed after the fixed fields follow `toks`, in the order they were written.
  assert.deepEqual(Object.keys(st.rule), ['type', 'keyword', 'satype', 'hosts', 'peer', 'ikeauth', 'other', 'toks', 'mode', 'tag']);
  assert.deepEqual(
    st.rule.toks.map((t: { text: string }) => t.text),
    ['ike', 'passive', 'esp', 'from', '10.0.0.1', 'to', '10.0.0.2', 'peer', '192.0.2.1', 'psk', '"k"', 'tag', 't1'],
  );
});

test('parse diagnostics: unterminated strings first, then the statements\' in file order, one cap for both', () => {
  const text = 'ike esp from 10.0.0.1 to 10.0.0.2 bogus\nflow esp from 10.0.0.1 to 10.0.0.300 peer 192.0.2.1\nike esp from 10.0.0.1 to 10.0.0.2 psk "open\n';
  const { diagnostics } = parseIpsecConf(text);
  assert.deepEqual(
    diagnostics.map((d) => [d.code, text.slice(d.range.start, d.range.end)]),
    [
      ['syntax/unterminated-string', '"open'],
      ['syntax/unexpected-token', 'bogus'],
      ['syntax/invalid-address', '10.0.0.300'],
    ],
  );
  // 600 unterminated strings and 600 bad statements: the first 1,000 in that order, then one summary.
  const many = `${'x = "a\n'.repeat(600)}${'ike esp from 10.0.0.1 to 10.0.0.2 bogus\n'.repeat(600)}`;
  const capped = parseIpsecConf(many).diagnostics;
  assert.equal(capped.length, 1001);
  assert.equal(capped.filter((d) => d.code === 'syntax/unterminated-string').length, 600);
  assert.equal(capped.filter((d) => d.code === 'syntax/unexpected-token').length, 400);
  assert.equal(capped[1000].code, 'syntax/too-many-errors');
  assert.match(capped[1000].message, /200/);
});

test('IPv4 hosts and selectors: canonical address strings and networks, as model.canonicalPrefix writes them', () => {
  const text = 'ike esp from 010.001.0.1/24 to 10.0.0.5/30 peer 192.168.001.1\nike esp from 255.255.255.255/1 to 0.0.0.0/0 peer 192.0.2.1\nike esp from 10.1.2.3 to 10.1.2.0/24 peer 192.0.2.1\n';
  const { tree } = parseIpsecConf(text);
  const hosts = tree.statements.flatMap((st) => [...st.rule!.hosts!.src, ...st.rule!.hosts!.dst, st.rule!.peer!.host!]);
  assert.deepEqual(
    hosts.map((h) => [h.written, h.address, hostPrefix(h)]),
    [
      ['010.001.0.1/24', '10.1.0.1', '10.1.0.0/24'],
      ['10.0.0.5/30', '10.0.0.5', '10.0.0.4/30'],
      ['192.168.001.1', '192.168.1.1', '192.168.1.1/32'],
      ['255.255.255.255/1', '255.255.255.255', '128.0.0.0/1'],
      ['0.0.0.0/0', '0.0.0.0', '0.0.0.0/0'],
      ['192.0.2.1', '192.0.2.1', '192.0.2.1/32'],
      ['10.1.2.3', '10.1.2.3', '10.1.2.3/32'],
      ['10.1.2.0/24', '10.1.2.0', '10.1.2.0/24'],
      ['192.0.2.1', '192.0.2.1', '192.0.2.1/32'],
    ],
  );
  for (const h of hosts) assert.equal(hostPrefix(h), model.canonicalPrefix(`${h.address}/${h.prefixLength}`));
  // A canonically written address is the written string itself.
  const h = tree.statements[2].rule!.hosts!.src[0];
  assert.equal(h.address, h.written);
});

test('one source and one destination: one pair, or none across address families', () => {
  const rule = (t: string) => parseIpsecConf(t).tree.statements[0].rule!;
  const one = expandPairs(rule('ike esp from 10.0.0.1 to 10.0.0.2\n'));
  assert.deepEqual(one.pairs.map((p) => [p.src.written, p.dst.written]), [['10.0.0.1', '10.0.0.2']]);
  assert.equal(one.familyMismatch, false);
  assert.deepEqual(expandPairs(rule('ike esp from 10.0.0.1 to 2001:db8::1\n')), { pairs: [], familyMismatch: true });
  // A name (family 0) pairs with either family, as before.
  assert.equal(expandPairs(rule('ike esp from gw.example.org to 2001:db8::1\n')).pairs.length, 1);
  // `any` still expands to both families.
  assert.deepEqual(
    expandPairs(rule('ike esp from any to 10.0.0.2\n')).pairs.map((p) => p.src.written),
    ['0.0.0.0/0'],
  );
});

test('hover on a key and on a transform value still finds its clause (offsets, not objects)', () => {
  const text = 'ike esp from 10.0.0.1 to 10.0.0.2 peer 192.0.2.1 main enc aes-256 quick enc aes-128 psk "sekrit"\n';
  const parsed = openbsdDialect.parse(text, {});
  const key = openbsdDialect.hover!(parsed, text.indexOf('sekrit'), { peers: [] })!;
  assert.match(key.markdown, /Pre-shared key/);
  assert.ok(!key.markdown.includes('sekrit'));
  const enc = openbsdDialect.hover!(parsed, text.indexOf('aes-128') + 1, { peers: [] })!;
  assert.match(enc.markdown, /aes-128/);
  assert.deepEqual(enc.range, { start: text.indexOf('aes-128'), end: text.indexOf('aes-128') + 7 });
});
