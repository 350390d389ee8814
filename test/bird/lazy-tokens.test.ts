// The BIRD parser makes no token for whitespace or newline runs; `ParseResult.tokens` is built on first use and must
// be exactly the lossless list the lexer gives: for every BIRD file of the tests and of ../shared/corpus (bird1, bird2).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseBird } from '../../server/src/dialects/bird';
import { lex } from '../../server/src/dialects/bird/lexer';
import { parseStructure } from '../../server/src/dialects/bird/parser';
import { filesUnder } from '../helpers/files';
import type { SyntaxNode, Token } from '../../server/src/syntax';

const here = path.dirname(new URL(import.meta.url).pathname);
const corpus = path.resolve(here, '../../../shared/corpus');

const files = filesUnder;

const birdFiles = [
  ...files(path.join(here, 'fixtures'), () => true),
  ...files(path.resolve(here, '../verdicts/scenarios'), (p) => /bird[^/]*\.conf$/.test(p)),
  ...files(path.resolve(here, '../fuzz/repro'), (p) => path.basename(p).startsWith('bird')),
  ...files(path.join(corpus, 'bird1'), () => true),
  ...files(path.join(corpus, 'bird2'), () => true),
];

const shape = (ts: Token[]) => ts.map((t) => `${t.kind}:${t.start}:${t.end}:${JSON.stringify(t.text)}`);

function treeTokens(n: SyntaxNode, out: Token[]): void {
  const stack = [n];
  while (stack.length) {
    const x = stack.pop()!;
    for (const t of x.tokens) out.push(t);
    for (const c of x.children) stack.push(c);
  }
}

test('BIRD files of the tests and the corpus: the lazy token list is the lexer\'s lossless list', () => {
  assert.ok(birdFiles.length >= 5, `found ${birdFiles.length} BIRD files`);
  for (const f of birdFiles) {
    const text = fs.readFileSync(f, 'utf8');
    const parsed = parseBird(text);
    assert.equal(parsed.tokens.map((t) => t.text).join(''), text, f);
    assert.deepEqual(shape(parsed.tokens), shape(lex(text).tokens), f);
    // The tree's tokens are the very objects of the list (no copies).
    const inList = new Set(parsed.tokens);
    const inTree: Token[] = [];
    treeTokens(parsed.tree, inTree);
    for (const t of inTree) assert.ok(inList.has(t), `${f}: tree token ${t.text}@${t.start} not in the list`);
    assert.equal(parsed.tokens, parsed.tokens, 'built once');
  }
});

test('BIRD parse keeps no whitespace or newline token; CRLF, CR, tabs and form feeds come back on demand', () => {
  const text = 'router id 192.0.2.1;\r\n\tprotocol device {\r\r\n\f}  # done \n\n/* a\n b */ protocol kernel { ipv4; }';
  const s = parseStructure(text);
  assert.deepEqual(s.significant.filter((t) => t.kind === 'whitespace' || t.kind === 'newline'), []);
  assert.deepEqual(
    s.significant.filter((t) => t.kind === 'comment').map((t) => t.text),
    ['# done ', '/* a\n b */'],
  );
  const parsed = parseBird(text);
  assert.deepEqual(shape(parsed.tokens), shape(lex(text).tokens));
  assert.deepEqual(
    parsed.tokens.filter((t) => t.kind === 'newline').map((t) => t.text),
    ['\r\n', '\r', '\r\n', '\n', '\n'],
  );
  assert.deepEqual(parsed.tokens.filter((t) => t.kind === 'whitespace' && t.start < 44).map((t) => t.text), [' ', ' ', '\t', ' ', ' ', '\f']);
  assert.equal(parseBird('').tokens.length, 0);
  assert.deepEqual(shape(parseBird('  \n').tokens), ['whitespace:0:2:"  "', 'newline:2:3:"\\n"']);
});
