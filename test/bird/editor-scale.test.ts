// Issue 16: BIRD editor requests on big files. Completion between statements used to look for the word at the cursor
// in the lossless token list, which the parser builds on first use (a lexing pass and ~1M objects on a 100k-line file:
// ~200 ms on the first completion after each edit); it now searches the parser's significant tokens. Folding walks
// the blocks in document order with one forward line-break cursor instead of an array of every line break and a sort.
// Both are checked against the lossless list and the previous algorithm on the corpus, crafted text and garbage.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { birdDialect, parseBird, significantTokens } from '../../server/src/dialects/bird';
import { significantTokenBefore } from '../../server/src/dialects/bird/parser';
import type { FoldingRegion } from '../../server/src/dialects/types';
import type { ParseResult, SyntaxNode, Token } from '../../server/src/syntax';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

function corpusTexts(): { name: string; text: string }[] {
  const res: { name: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else res.push({ name: full, text: fs.readFileSync(full, 'utf8') });
    }
  };
  for (const d of ['bird1', 'bird2']) if (fs.existsSync(path.join(CORPUS, d))) walk(path.join(CORPUS, d));
  return res;
}

const CRAFTED = [
  '# one\n# two\n\n# three\nprotocol ospf v2 core {\n  area 0 { interface "eth0" { cost 10; }; };\n}\n',
  'filter f { if net ~ [ 10.0.0.0/8+ ] then { accept; } else { reject; } }\nprotocol static { ipv4; route 10.0.0.0/8 via 192.0.2.1; }\n',
  'protocol kernel {\n  ipv4 { export all; }; # trailing\n  # a\n  # b\n}\n/* block\n comment */\n{ { {\n',
  'function f() int x; { x = 1; return x; }\n}\nprotocol bgp b { local as 1; neighbor 192.0.2.1 as 2; ipv4 { import all; export none; }; }',
];

function garbage(count: number): string[] {
  let seed = 16;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const alphabet = ['{', '}', ';', '"', '/*', '*/', '#', '\n', '\r\n', ' ', '\n\n', 'protocol', 'ospf', 'area', 'interface', '10.0.0.0/8', 'if', 'else', 'then', 'function', 'x', '(', ')', '[', ']'];
  const res: string[] = [];
  for (let n = 0; n < count; n++) {
    let text = '';
    const len = Math.floor(rnd() * 120);
    for (let i = 0; i < len; i++) text += alphabet[Math.floor(rnd() * alphabet.length)];
    res.push(text);
  }
  return res;
}

/** Folding as it was computed before (every line break in an array, blocks in stack order, then sorted). */
function previousFolding(parsed: ParseResult<SyntaxNode>): FoldingRegion[] {
  const text = parsed.text;
  const res: FoldingRegion[] = [];
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
  const spansLines = (start: number, end: number) => {
    const at = newlines.findIndex((n) => n >= start);
    return at >= 0 && newlines[at] < end;
  };
  const stack: SyntaxNode[] = [parsed.tree];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'BirdBlock' && spansLines(n.range.start, n.range.end)) res.push({ start: n.range.start, end: n.range.end, kind: 'region' });
    for (const c of n.children) stack.push(c);
  }
  // Comment runs from the lossless list: consecutive comments separated by at most one line break.
  let run: Token[] = [];
  const flush = () => {
    if (run.length > 1 || (run.length === 1 && text.slice(run[0].start, run[0].end).includes('\n'))) res.push({ start: run[0].start, end: run[run.length - 1].end, kind: 'comment' });
    run = [];
  };
  const tokens = parsed.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'comment') run.push(t);
    else if (t.kind === 'newline') {
      let j = i + 1;
      while (j < tokens.length && tokens[j].kind === 'whitespace') j++;
      if (j < tokens.length && tokens[j].kind === 'newline') flush();
    } else if (t.kind !== 'whitespace') flush();
  }
  flush();
  return res.sort((a, b) => a.start - b.start);
}

describe('BIRD editor requests on big files (issue 16)', () => {
  const texts = [...corpusTexts().map((c) => c.text), ...CRAFTED, ...garbage(300)];

  it('finds the token before an offset in the significant tokens as the lossless list does', () => {
    let checked = 0;
    for (const text of texts) {
      const parsed = parseBird(text);
      const lossless = parsed.tokens;
      for (let offset = 0; offset <= text.length; offset++) {
        const expected = lossless.find((t) => t.start < offset && offset <= t.end && t.kind === 'word');
        const found = significantTokenBefore(parsed, offset);
        assert.equal(found && found.kind === 'word' ? found : undefined, expected, `offset ${offset} of ${JSON.stringify(text.slice(0, 60))}`);
        checked++;
      }
    }
    assert.ok(checked > 10_000);
  });

  it('folds exactly as the previous walk on the corpus, crafted text and garbage', () => {
    for (const text of texts) {
      const parsed = parseBird(text);
      assert.deepEqual(birdDialect.folding(parsed), previousFolding(parsed), JSON.stringify(text.slice(0, 80)));
    }
    const parsed = parseBird(CRAFTED[0]);
    assert.deepEqual(
      birdDialect.folding(parsed).map((r) => [r.kind, CRAFTED[0].slice(r.start, r.end).split('\n').length]),
      [
        ['comment', 2],
        ['region', 3],
      ],
    );
  });

  it('completes between the statements of a block without building the lossless token list', () => {
    const out: string[] = ['router id 192.0.2.1;'];
    for (let i = 0; i < 2_000; i++) out.push(`protocol bgp peer${i} {`, '  local as 65000;', `  neighbor 198.51.100.${i % 250} as ${64512 + i};`, '  ipv4 {', '    import all;', '    export none;', '  };', '}');
    const text = `${out.join('\n')}\n`;
    const parsed = parseBird(text);
    let built = 0;
    const getter = Object.getOwnPropertyDescriptor(parsed, 'tokens')!.get!;
    Object.defineProperty(parsed, 'tokens', { configurable: true, enumerable: true, get: () => (built++, getter()) });
    const lowered = birdDialect.lower(parsed, 'file:///big.bird', {});
    const ctx = { device: lowered.device, peers: [], lowered };
    // Line 1,005 is `    import all;` of the 126th protocol: the cursor at character 2 is inside its ipv4 block,
    // before the statement: channel keywords.
    const line = 1 + 125 * 8 + 4;
    assert.equal(text.split('\n')[line], '    import all;');
    const offset = out.slice(0, line).join('\n').length + 1 + 2;
    const items = birdDialect.complete!(parsed, offset, ctx).map((c) => c.label);
    assert.ok(items.includes('import') && items.includes('export') && items.includes('table'), items.join(' '));
    assert.ok(!items.includes('neighbor'), 'a channel keyword list, not the protocol one');
    // A word being typed between statements replaces the word.
    const typed = `${text.slice(0, offset)}imp\n${text.slice(offset)}`;
    const parsedTyped = parseBird(typed);
    const replace = birdDialect.complete!(parsedTyped, offset + 3, ctx).find((c) => c.label === 'import')?.replaceRange;
    assert.deepEqual(replace, { start: offset, end: offset + 3 });
    assert.equal(built, 0, 'the lossless token list was built');
    assert.equal(significantTokens(parsed).length > 0, true);
  });
});
