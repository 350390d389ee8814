// The RouterOS parser keeps only significant tokens in its statements; `ParseResult.tokens` is built on first use and
// must be lossless and contiguous, made of the statements' own token objects: for every RouterOS file of the tests
// and of ../shared/corpus/routeros.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { filesUnder } from '../helpers/files';
import { parseRouterOs } from '../../server/src/dialects/routeros';
import type { Token } from '../../server/src/syntax';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(here, '../../../shared/corpus/routeros');

const files = filesUnder;

const rosFiles = [...files(path.resolve(here, '..'), (p) => p.endsWith('.rsc')), ...files(corpus, () => true)];

function checkLossless(text: string, name: string): Token[] {
  const parsed = parseRouterOs(text);
  const tokens = parsed.tokens;
  assert.equal(tokens.map((t) => t.text).join(''), text, name);
  let at = 0;
  for (const t of tokens) {
    assert.equal(t.start, at, `${name}: gap or overlap at ${at}`);
    assert.ok(t.end > t.start, `${name}: empty token at ${at}`);
    assert.equal(t.text, text.slice(t.start, t.end), `${name}: text of the token at ${at}`);
    at = t.end;
  }
  const inList = new Set(tokens);
  for (const st of parsed.tree.children) {
    for (const t of st.tokens) {
      assert.ok(t.kind !== 'whitespace' && t.kind !== 'newline', `${name}: a statement keeps a ${t.kind} token`);
      assert.ok(inList.has(t), `${name}: statement token ${t.text}@${t.start} missing from the list`);
    }
  }
  assert.equal(parsed.tokens, tokens, 'built once');
  return tokens;
}

test('RouterOS files of the tests and the corpus: lossless lazy token list of the statements\' own tokens', () => {
  assert.ok(rosFiles.length >= 5, `found ${rosFiles.length} RouterOS files`);
  for (const f of rosFiles) checkLossless(fs.readFileSync(f, 'utf8'), f);
});

test('RouterOS: continuations, CRLF, long quoted values and escapes stay lossless', () => {
  const long = 'a very long comment that is well over thirteen characters';
  const text = `# by RouterOS 7.11\r\n/ip firewall filter\r\nadd chain=forward \\\r\n    comment="${long}" \\\n    action=accept\n/system identity set name="r\\"1\\_x"\n`;
  const tokens = checkLossless(text, 'crafted');
  assert.ok(tokens.some((t) => t.kind === 'newline' && t.text === '\r\n'));
  const parsed = parseRouterOs(text);
  const add = parsed.tree.children.find((s) => s.kind === 'RosCommand' && (s as { verb?: { name: string } }).verb?.name === 'add') as unknown as { params: { name: string; value?: string }[] };
  assert.equal(add.params.find((p) => p.name === 'comment')?.value, long);
  const set = parsed.tree.children.find((s) => s.kind === 'RosCommand' && (s as { verb?: { name: string } }).verb?.name === 'set') as unknown as { params: { name: string; value?: string }[] };
  assert.equal(set.params.find((p) => p.name === 'name')?.value, 'r"1 x');
});
