// The OpenBSD token store (issue 16): the parser appends each significant token to typed arrays (kind, start, end,
// shared word) and reads kinds, offsets and keywords from them; token objects are made only for the tokens a clause
// keeps and for a statement's list on use. These tests pin the store's reads against the lexer's own tokens, the
// objects it makes (shared words behave like sliced ones), the growth past its first capacity, and the parser's
// per-rule keyword stamps (a rule's seen keywords never leak into the next rule).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIpsecConf, openbsdDialect } from '../../server/src/dialects/openbsd';
import { lexIpsecConf, LexToken } from '../../server/src/dialects/openbsd/lexer';
import { KINDS, kindCode, ObsdTokenStore, PUNCT, STRING, WORD } from '../../server/src/dialects/openbsd/store';
import type { ParseResult } from '../../server/src/syntax';
import type { ObsdFile } from '../../server/src/dialects/openbsd';

const TEXT = [
  'gw = "192.0.2.1"',
  'ike esp from 10.0.0.0/24 to { 10.9.0.0/16, 10.8.0.0/16 } peer $gw main auth hmac-sha2-256 enc aes-256 group modp2048 psk "k\\"ey"',
  'flow esp out from 10.0.0.1 to 10.0.0.2 type require',
  'tunnel-interface-name-longer-than-twenty-four-characters = x',
  '',
].join('\n');

/** The store of `text`'s significant tokens, filled as the parser fills it. */
function storeOf(text: string, capacity?: number): ObsdTokenStore {
  const store = new ObsdTokenStore(text, capacity);
  lexIpsecConf(text, undefined, 0, text.length, (kind, start, end) => {
    if (kind !== 'whitespace' && kind !== 'newline' && kind !== 'comment') store.push(kindCode(kind), start, end);
  });
  return store;
}

test('the store holds the lexer\'s significant tokens: kinds, offsets and texts, shared or sliced', () => {
  const lexed = lexIpsecConf(TEXT).filter((t) => t.kind !== 'whitespace' && t.kind !== 'newline' && t.kind !== 'comment');
  const store = storeOf(TEXT, 4); // grows by doubling from 4
  assert.equal(store.length, lexed.length);
  lexed.forEach((t, i) => {
    assert.equal(KINDS[store.kinds[i]], t.kind, `kind of ${t.text}`);
    assert.equal(store.starts[i], t.start);
    assert.equal(store.ends[i], t.end);
    assert.equal(store.text(i), t.text);
    const made = store.token(i);
    assert.ok(made instanceof LexToken);
    // A shared word's object reads its own string; a sliced one reads the document: the same answers either way.
    assert.deepEqual(made.toJSON(), t.toJSON());
    assert.equal(made.value, t.value);
    assert.equal(made.quoted, t.quoted);
    assert.equal(made.firstCode(), t.firstCode());
    assert.ok(made.is(t.text));
    assert.ok(!made.is(`${t.text}x`));
    assert.equal(JSON.stringify(made), JSON.stringify(t));
  });
  // Words and numbers up to 24 characters are shared strings (two requests, one string); longer ones are sliced.
  const ike = lexed.findIndex((t) => t.text === 'ike');
  assert.ok(store.slots[ike] > 0);
  const long = lexed.findIndex((t) => t.text.startsWith('tunnel-interface'));
  assert.equal(store.slots[long], 0);
  assert.equal(store.text(long), 'tunnel-interface-name-longer-than-twenty-four-characters');
  const quoted = lexed.findIndex((t) => t.kind === 'string');
  assert.equal(store.kinds[quoted], STRING);
  assert.equal(store.slots[quoted], 0);
});

test('reserved words are found in the store without slicing; values, quoted strings, `$` uses and long words are not', () => {
  const store = storeOf('ike "ike" $ike ike0 interface tunnel-interface-name-longer-than-twenty-four quick = from\n');
  assert.deepEqual(
    Array.from({ length: store.length }, (_, i) => store.reserved(i) ?? null),
    ['ike', null, null, null, 'interface', null, 'quick', null, 'from'],
  );
  assert.equal(store.kinds[7], PUNCT);
  assert.equal(store.kinds[2], WORD);
});

test('a file of more tokens than characters / 4 (brace soup) grows the store and parses as the lexer cuts it', () => {
  const text = `ike ${'}{'.repeat(300)}\nike esp from 10.0.0.1 to 10.0.0.2\n`;
  const { tree } = parseIpsecConf(text);
  const lexed = lexIpsecConf(text).filter((t) => t.kind !== 'whitespace' && t.kind !== 'newline' && t.kind !== 'comment');
  const all = tree.statements.flatMap((st) => st.tokens);
  assert.deepEqual(all.map((t) => [t.kind, t.start, t.end, t.text]), lexed.map((t) => [t.kind, t.start, t.end, t.text]));
  assert.equal(tree.statements.length, 2);
  assert.equal(tree.statements[1].rule?.hosts?.dst[0].written, '10.0.0.2');
});

test('an SA rule\'s first clause is its keyword object (the outline labels it once)', () => {
  const text = 'esp tunnel from 10.0.0.1 to 10.0.0.2 spi 0x1000 auth hmac-sha1 enc aes\nipcomp from 10.0.0.1 to 10.0.0.2\n';
  const parsed = openbsdDialect.parse(text, {}) as ParseResult<ObsdFile>;
  const [esp, ipcomp] = parsed.tree.statements.map((s) => s.rule!);
  assert.equal(esp.satype, esp.keyword);
  assert.equal(ipcomp.satype, ipcomp.keyword);
  assert.deepEqual(openbsdDialect.outline(parsed).map((s) => s.name), ['esp from 10.0.0.1 to 10.0.0.2', 'ipcomp from 10.0.0.1 to 10.0.0.2']);
});

test('duplicate and out-of-order keywords are per rule: the next rule starts with nothing seen', () => {
  const text = [
    'ike esp from 10.0.0.1 to 10.0.0.2 main auth hmac-sha1 psk "a"',
    'ike esp from 10.0.0.1 to 10.0.0.2 main auth hmac-sha1 psk "a" psk "b"',
    'ike esp from 10.0.0.1 to 10.0.0.2 main auth hmac-sha1 rsa',
    '',
  ].join('\n');
  const { diagnostics } = parseIpsecConf(text);
  const line2 = text.indexOf('psk "b"');
  assert.deepEqual(
    diagnostics.map((d) => [d.code, d.range.start, d.range.end]),
    [['syntax/duplicate-keyword', line2, line2 + 3]],
  );
  // The same rules without the second key: clean.
  assert.deepEqual(parseIpsecConf(text.replace(' psk "b"', '')).diagnostics, []);
});

test('macro values are read from the cursor: glued tokens joined, macro parts never glued, kinds checked', () => {
  const text = ['net = 10.0.0.0/24', 'a = "x"', 'both = $a$a', 'bad = 12 "y"', ''].join('\n');
  const { tree, diagnostics } = parseIpsecConf(text);
  assert.deepEqual(tree.macros.map((m) => [m.name, m.value, m.valueRange]), [
    ['net', '10.0.0.0/24', { start: 6, end: 17 }],
    ['a', 'x', { start: 22, end: 25 }],
    ['both', 'x x', { start: 33, end: 37 }],
    ['bad', '12 y', { start: 44, end: 50 }],
  ]);
  const at = text.indexOf('12');
  assert.deepEqual(diagnostics.map((d) => [d.code, d.range.start, d.range.end, d.message]), [
    // The `/` of an unquoted prefix is punctuation: reported once, and the value glued as ipsecctl would read it.
    ['syntax/unexpected-token', 14, 15, 'ipsecctl only accepts words and quoted strings in a macro value; quote the whole value (e.g. net = "10.0.0.0 / 24")'],
    ['syntax/unexpected-token', at, at + 2, 'ipsecctl only accepts words and quoted strings in a macro value; quote the whole value (e.g. bad = "12 y")'],
  ]);
});
