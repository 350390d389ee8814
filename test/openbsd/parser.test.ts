// Lexer/parser invariants (lossless, never throws) and parse trees of real snippets (blog seed 000, ipsecctl regress).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { openbsdDialect, type ObsdFile } from '../../server/src/dialects/openbsd';
import { lexIpsecConf } from '../../server/src/dialects/openbsd/lexer';
import type { ParseResult } from '../../server/src/syntax';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/openbsd-ipsec');

const SEED_000_FIXED = `ike esp from 192.0.2.0/24 to 198.51.100.0/24 \\
        peer 203.0.113.1 \\
        main auth hmac-sha1 enc 3des group modp1024 lifetime 28800 \\
        quick auth hmac-sha1 enc aes-256 group none lifetime 28800 \\
        psk mekmitasdigoat
`;

function parse(text: string): ParseResult<ObsdFile> {
  return openbsdDialect.parse(text, {});
}

function joined(p: ParseResult<ObsdFile>): string {
  return p.tokens.map((t) => t.text).join('');
}

test('tokens are lossless and contiguous', () => {
  const inputs = [
    SEED_000_FIXED,
    'a = "x y"\r\nike from $a to any # c \\\n continued comment\r\n',
    '"unterminated\n\\x \\\r\n{ , } ( ) / ! < > = @ é 😀 -5 -x 08.1 3des',
    '',
    '\\',
    '#',
  ];
  for (const text of inputs) {
    const p = parse(text);
    assert.equal(joined(p), text);
    let at = 0;
    for (const t of p.tokens) {
      assert.equal(t.start, at);
      assert.equal(t.text, text.slice(t.start, t.end));
      at = t.end;
    }
    assert.equal(at, text.length);
  }
});

test('never throws on random input, stays lossless', () => {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed;
  };
  const alphabet = 'ike flow from to peer local any main quick auth enc group psk "\'{},()/$=#\\\n\r\t 0123456789.:abcdefgh-';
  for (let n = 0; n < 300; n++) {
    const len = rnd() % 200;
    let text = '';
    for (let i = 0; i < len; i++) text += rnd() % 50 === 0 ? String.fromCharCode(rnd() % 0xffff) : alphabet[rnd() % alphabet.length];
    const p = parse(text);
    assert.equal(joined(p), text);
    const low = openbsdDialect.lower(p, 'file:///r/gw.ipsec.conf', {});
    assert.ok(low.device);
    openbsdDialect.outline(p);
    openbsdDialect.folding(p);
  }
});

test('lexer follows parse.y: numbers, words, punctuation', () => {
  const kinds = lexIpsecConf('10.1.1.0/24 28800 8h 3des -1 $x "q"')
    .filter((t) => t.kind !== 'whitespace')
    .map((t) => `${t.kind}:${t.text}`);
  assert.deepEqual(kinds, ['word:10.1.1.0', 'punct:/', 'number:24', 'number:28800', 'word:8h', 'word:3des', 'number:-1', 'word:$x', 'string:"q"']);
});

test('seed 000 (fixed Meraki rule): continued statement parses into its clauses', () => {
  const p = parse(SEED_000_FIXED);
  assert.deepEqual(p.diagnostics, []);
  assert.equal(p.tree.statements.length, 1);
  const st = p.tree.statements[0];
  assert.equal(st.kind, 'ObsdIkeRule');
  assert.deepEqual(st.range, { start: 0, end: SEED_000_FIXED.length - 1 });
  const r = st.rule!;
  assert.equal(r.satype?.value, 'esp');
  assert.deepEqual(r.hosts?.src.map((h) => [h.written, h.family, h.prefixLength, h.netaddress]), [['192.0.2.0/24', 4, 24, true]]);
  assert.deepEqual(r.hosts?.dst.map((h) => h.written), ['198.51.100.0/24']);
  const at = (range: { start: number; end: number }) => SEED_000_FIXED.slice(range.start, range.end);
  assert.equal(at(r.hosts!.src[0].range), '192.0.2.0/24');
  assert.equal(r.peer?.host?.address, '203.0.113.1');
  assert.equal(r.phase1?.keyword.value, 'main');
  assert.deepEqual([r.phase1?.auth?.canonical, r.phase1?.enc?.canonical, r.phase1?.group?.canonical, r.phase1?.lifetime?.seconds], ['sha1', '3des', 'modp1024', 28800]);
  assert.deepEqual([r.phase2?.auth?.canonical, r.phase2?.enc?.canonical, r.phase2?.group?.canonical, r.phase2?.lifetime?.seconds], ['sha1', 'aes-cbc-256', 'none', 28800]);
  assert.equal(at(r.phase2!.enc!.value!.range), 'aes-256');
  assert.equal(r.ikeauth?.keyword.value, 'psk');
  assert.equal(r.ikeauth?.value?.value, 'mekmitasdigoat');
});

test('seed 000 as published (addresses lost by the blog) is reported, not crashed on', () => {
  const text = 'ike esp from to \\\n        peer \\\n        psk mekmitasdigoat\n';
  const p = parse(text);
  const low = openbsdDialect.lower(p, 'file:///x/gw.ipsec.conf', {});
  assert.deepEqual(
    low.diagnostics.map((d) => `${d.code} ${text.slice(d.range.start, d.range.end)}`),
    ['syntax/missing-argument from', 'syntax/missing-argument to', 'openbsd/empty-peer peer'],
  );
});

test('macros expand at lex time, including lists inside quoted values (ipsec22)', () => {
  const text = 'FROM="{ 1.1.1.1, 2.2.2.2, 3.3.3.3 }"\nflow esp from $FROM to 4.4.4.4\n';
  const p = parse(text);
  assert.deepEqual(p.diagnostics, []);
  const st = p.tree.statements[1];
  assert.deepEqual(st.rule!.hosts!.src.map((h) => h.written), ['1.1.1.1', '2.2.2.2', '3.3.3.3']);
  // Every expanded host points at the `$FROM` use.
  for (const h of st.rule!.hosts!.src) assert.equal(text.slice(h.range.start, h.range.end), '$FROM');
  assert.deepEqual(st.macroUses, [{ name: 'FROM', range: { start: 51, end: 56 }, defined: true }]);
  assert.equal(p.tree.macros[0].value, '{ 1.1.1.1, 2.2.2.2, 3.3.3.3 }');
});

test('include is recorded, not followed; `to … from …` order is accepted', () => {
  const p = parse('include "/etc/ipsec.peers.conf"\nike from 10.0.0.1 to 10.0.0.2\nflow esp to 10.0.0.2 from 10.0.0.1 peer 10.0.0.2\n');
  assert.deepEqual(p.diagnostics, []);
  assert.equal(p.tree.statements[0].include?.path, '/etc/ipsec.peers.conf');
  assert.deepEqual(p.tree.statements[2].rule!.hosts!.src.map((h) => h.written), ['10.0.0.1']);
});

test('every ipsecctl regress input parses without errors', (t) => {
  if (!fs.existsSync(CORPUS)) return t.skip('corpus not present');
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.in'));
  assert.ok(files.length > 30);
  for (const f of files) {
    const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
    const p = parse(text);
    assert.equal(joined(p), text, f);
    const low = openbsdDialect.lower(p, `file:///corpus/${f}`, {});
    // None of the stored inputs is a negative test (their names carry no "fail"/"err" marker).
    const errors = low.diagnostics.filter((d) => d.severity === 'error').map((d) => `${f}: ${d.code} ${d.message}`);
    if (/fail|err/.test(f)) continue;
    assert.deepEqual(errors, []);
  }
});
