// The OpenBSD parser keeps only significant tokens (text cut from the source on use); `ParseResult.tokens` is built
// on first use and must equal the lexer's lossless list: for every ipsec.conf of the tests and of
// ../shared/corpus/openbsd-ipsec.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { filesUnder } from '../helpers/files';
import { openbsdDialect, parseIpsecConf } from '../../server/src/dialects/openbsd';
import { lexIpsecConf } from '../../server/src/dialects/openbsd/lexer';
import type { Token } from '../../server/src/syntax';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(here, '../../../shared/corpus/openbsd-ipsec');

const files = filesUnder;

const obsdFiles = [
  ...files(path.join(here, 'fixtures'), (p) => !p.endsWith('.md')),
  ...files(path.resolve(here, '..'), (p) => p.endsWith('ipsec.conf') && !p.includes(`${path.sep}openbsd${path.sep}fixtures`)),
  ...files(corpus, (p) => p.endsWith('.in') || p.endsWith('.conf')),
];

const shape = (ts: Token[]) => ts.map((t) => `${t.kind}:${t.start}:${t.end}:${JSON.stringify(t.text)}`);

test('ipsec.conf files of the tests and the corpus: the lazy token list is the lexer\'s lossless list', () => {
  assert.ok(obsdFiles.length >= 10, `found ${obsdFiles.length} files`);
  for (const f of obsdFiles) {
    const text = fs.readFileSync(f, 'utf8');
    const parsed = openbsdDialect.parse(text, {});
    assert.equal(parsed.tokens.map((t) => t.text).join(''), text, f);
    assert.deepEqual(shape(parsed.tokens), shape(lexIpsecConf(text)), f);
    const inList = new Set(parsed.tokens);
    for (const st of parsed.tree.statements) for (const t of st.tokens) assert.ok(inList.has(t), `${f}: ${t.text}@${t.start}`);
  }
});

test('macro tokens carry their own text; document tokens cut theirs from the source', () => {
  const text = 'gw = "192.0.2.1 192.0.2.2"\nike esp from 10.0.0.0/24 to 10.1.0.0/24 peer $gw psk "k"\n';
  const { tree } = parseIpsecConf(text);
  const rule = tree.statements[1].rule!;
  const expanded = rule.toks.filter((t) => t.macro === 'gw');
  assert.deepEqual(expanded.map((t) => [t.text, t.value, t.start, t.end]), [
    ['192.0.2.1', '192.0.2.1', text.indexOf('$gw'), text.indexOf('$gw') + 3],
    ['192.0.2.2', '192.0.2.2', text.indexOf('$gw'), text.indexOf('$gw') + 3],
  ]);
  assert.equal(tree.statements[1].macroUses[0].name, tree.macros[0].name);
  assert.equal(rule.ikeauth?.value?.text, '"k"');
  assert.equal(rule.ikeauth?.value?.value, 'k');
  assert.equal(rule.hosts?.src[0].written, '10.0.0.0/24');
  assert.equal(rule.hosts?.src[0].address, '10.0.0.0');
  assert.deepEqual(rule.keyword.range, { start: text.indexOf('ike'), end: text.indexOf('ike') + 3 });
  // The source a token cuts its text from is private: JSON of a token is its own four fields, never the document.
  assert.deepEqual(Object.keys(rule.keyword), ['kind', 'start', 'end']);
  assert.equal(JSON.stringify(rule.ikeauth), '{"keyword":{"kind":"word","start":' + text.indexOf('psk') + ',"end":' + (text.indexOf('psk') + 3) + ',"text":"psk"},"value":{"kind":"string","start":' + text.indexOf('"k"') + ',"end":' + (text.indexOf('"k"') + 3) + ',"text":"\\"k\\""}}');
});
