// The IOS/ASA token store (issue 16): the parse's significant tokens in parallel typed arrays, nodes as runs of it.
// Checks the runs of every node kind (prompt, `no`, comment, banner, certificate, `exit`), the one-word accessors,
// the store's own operations (growth, truncation, shared and sliced texts, in-place comparison), and, on every IOS/ASA
// file of the repository and the corpus, that each command's words are exactly its line split on blanks (after a
// pasted prompt and `no`/`default`): an oracle that does not share the lexer's code.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { parseIos, type IosNode } from '../../server/src/dialects/ios/parser';
import { ASA_FLAVOUR } from '../../server/src/dialects/asa';
import { COMMENT, IosTokenStore, NUMBER, PUNCT, STRING, WORD } from '../../server/src/dialects/ios/store';
import { lexLineInto, lexWordsInto } from '../../server/src/dialects/ios/lexer';
import { promptLengthAt } from '../../server/src/dialects/ios/lexer';
import { hashChars, SharedWords } from '../../server/src/syntax/shared-words';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

const texts = (n: IosNode) => n.words.map((w) => w.text);

test('a store grows, truncates, slices unshared texts on demand and compares in place', () => {
  const src = 'permit tcp any host 10.1.2.3 eq 443';
  const s = new IosTokenStore(src, 2);
  assert.equal(lexWordsInto(s, src, 0, src.length), 7);
  assert.equal(s.length, 7);
  assert.ok(s.starts.length >= 7, 'grew past its initial capacity of 2');
  assert.deepEqual(Array.from({ length: 7 }, (_, i) => s.text(i)), ['permit', 'tcp', 'any', 'host', '10.1.2.3', 'eq', '443']);
  assert.deepEqual(Array.from({ length: 7 }, (_, i) => s.kind(i)), ['word', 'word', 'word', 'word', 'word', 'word', 'number']);
  assert.deepEqual(s.token(4), { kind: 'word', start: 20, end: 28, text: '10.1.2.3' });
  assert.notEqual(s.token(4), s.token(4), 'fresh objects');
  assert.ok(s.textIs(4, '10.1.2.3') && !s.textIs(4, '10.1.2.4') && !s.textIs(4, '10.1.2'));
  // A text the store does not hold is sliced from the source, whatever the word table holds.
  s.push(WORD, 0, 6, undefined);
  assert.equal(s.text(7), 'permit');
  assert.ok(s.textIs(7, 'permit'));
  s.truncate(3);
  assert.equal(s.length, 3);
  assert.ok(Array.from(s.wordSlots.subarray(3, 8)).every((t) => t === 0), 'the dropped tokens\' shared words are cleared');
  assert.equal(s.sharedText(7), undefined);
  assert.equal(s.push(PUNCT, 0, 1, undefined), 3, 'the next token takes the first dropped index');
  assert.deepEqual(s.tokens(1, 3).map((t) => `${t.kind}:${t.text}`), ['word:tcp', 'word:any', 'punct:p']);
});

test('nodes are runs of the store: prompt, no, comment, exit, banner, certificate', () => {
  const text = [
    'R1(config)#no ip domain-lookup',
    '! a comment',
    'interface Gi0/0',
    ' ip address 10.0.0.1 255.255.255.0',
    ' default shutdown',
    ' exit',
    'banner motd #Hello there# after',
    'crypto pki certificate chain TP',
    ' certificate ca 01',
    '  3082 0122',
    '  quit',
    'end',
    '',
  ].join('\n');
  const p = parseIos(text);
  const [noCmd, comment, itf, banner, chain, end] = p.tree.children;
  const store = p.tree.store;
  // Every token of the store lies inside the text, in order, and spells its range.
  for (let i = 0; i < store.length; i++) {
    assert.equal(store.text(i), text.slice(store.starts[i], store.ends[i]));
    if (i > 0) assert.ok(store.starts[i] >= store.ends[i - 1], `token ${i} in document order`);
  }
  // `R1(config)#no ip domain-lookup`: the run holds the prompt and `no`; the words start after them.
  assert.equal(store.kinds[noCmd.first], PUNCT);
  assert.equal(noCmd.count, 4);
  assert.equal(noCmd.wordFirst, noCmd.first + 2);
  assert.deepEqual(texts(noCmd), ['ip', 'domain-lookup']);
  assert.equal(noCmd.prompt?.text, 'R1(config)#');
  assert.ok(noCmd.negated);
  assert.deepEqual(noCmd.tokens.map((t) => t.text), ['R1(config)#', 'no', 'ip', 'domain-lookup']);
  // Comment: one comment token, no words.
  assert.equal(comment.count, 1);
  assert.equal(store.kinds[comment.first], COMMENT);
  assert.equal(comment.wordCount, 0);
  assert.deepEqual(comment.words, []);
  assert.equal(comment.tokens[0].text, '! a comment');
  // Block: the header's run does not include its children's.
  assert.equal(itf.count, 2);
  const [addr, dflt, exit] = itf.children;
  assert.equal(addr.first, itf.first + itf.count);
  assert.equal(addr.word(2)?.text, '10.0.0.1');
  assert.deepEqual(addr.word(3), { kind: 'word', start: text.indexOf('255.255.255.0'), end: text.indexOf('255.255.255.0') + 13, text: '255.255.255.0' });
  assert.equal(addr.word(4), undefined);
  assert.equal(addr.word(-1), undefined);
  assert.equal(addr.wordText(0), 'ip');
  assert.equal(addr.wordText(9), undefined);
  assert.deepEqual(addr.wordsFrom(2).map((t) => t.text), ['10.0.0.1', '255.255.255.0']);
  assert.deepEqual(addr.wordsFrom(7), []);
  assert.ok(dflt.negated);
  assert.deepEqual(texts(dflt), ['shutdown']);
  assert.deepEqual(texts(exit), ['exit']);
  assert.deepEqual(exit.path, ['exit']);
  // Banner: words before the delimiter, the body, the words after the closing delimiter; no word after `motd`.
  assert.equal(banner.kind, 'IosBanner');
  assert.deepEqual(texts(banner), ['banner', 'motd']);
  assert.deepEqual(banner.tokens.map((t) => `${t.kind}:${t.text}`), ['word:banner', 'word:motd', 'string:#Hello there#', 'word:after']);
  assert.equal(banner.body?.text, '#Hello there#');
  assert.equal(store.kinds[banner.first + 2], STRING);
  assert.equal(banner.range.end, text.indexOf('after') + 5);
  // Certificate: the header's words, then the hex lines and the `quit` line in the same run.
  const cert = chain.children[0];
  assert.equal(cert.kind, 'IosCertificate');
  assert.deepEqual(texts(cert), ['certificate', 'ca', '01']);
  assert.equal(store.kinds[cert.wordFirst + 2], NUMBER);
  assert.deepEqual(cert.tokens.map((t) => `${t.kind}:${t.text}`), ['word:certificate', 'word:ca', 'number:01', 'string:3082 0122', 'word:quit']);
  assert.equal(cert.body, undefined);
  assert.deepEqual(texts(end), ['end']);
  assert.equal(end.first + end.count, store.length, 'the last node ends the store');
});

test('an unterminated banner keeps its header words and a body to the end of the file', () => {
  const text = 'banner login ^C no end here\nhostname X\n';
  const p = parseIos(text);
  const b = p.tree.children[0];
  assert.deepEqual(texts(b), ['banner', 'login']);
  assert.equal(b.body?.text, text.slice(text.indexOf('^C')));
  assert.equal(p.tree.store.length, 3, 'the words after the delimiter left the store');
  assert.deepEqual(p.diagnostics.map((d) => [d.code, d.range.start, d.range.end]), [['syntax/unterminated-banner', 0, text.indexOf('^C') + 2]]);
});

/** Oracle: a command line's words, split on blanks, after a pasted prompt and `no`/`default`. */
function oracleWords(line: string): { words: string[]; negated: boolean } {
  let words = line.split(/[ \t\f\v]+/).filter((w) => w !== '');
  const plen = words.length ? promptLengthAt(words[0], 0, words[0].length) : 0;
  if (plen > 0) words = words[0].length > plen ? [words[0].slice(plen), ...words.slice(1)] : words.slice(1);
  const negated = words.length > 0 && /^(no|default)$/i.test(words[0]);
  return { words: negated ? words.slice(1) : words, negated };
}

test('every command of every IOS/ASA file has the words of its line (oracle: split on blanks)', () => {
  const files: { file: string; asa: boolean }[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ios|asa)$/.test(e.name)) files.push({ file: p, asa: e.name.endsWith('.asa') });
    }
  };
  walk(path.join(ROOT, 'test'));
  walk(path.join(ROOT, 'examples'));
  for (const d of ['ios', 'asa']) {
    const dir = path.join(CORPUS, d);
    if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir)) files.push({ file: path.join(dir, f), asa: d === 'asa' });
  }
  assert.ok(files.length >= 100, `found ${files.length} files`);
  let commands = 0;
  for (const { file, asa } of files) {
    const text = fs.readFileSync(file, 'utf8');
    const p = asa ? parseIos(text, {}, ASA_FLAVOUR) : parseIos(text);
    const stack: IosNode[] = [p.tree];
    while (stack.length) {
      const n = stack.pop()!;
      for (const c of n.children) stack.push(c);
      if (n.kind !== 'IosCommand' || n.path[0] === 'exit' || n.path[0] === 'quit' || n.path[0] === 'exit-address-family') continue;
      const line = text.slice(n.range.start, n.lineEnd);
      const o = oracleWords(line);
      const label = `${path.relative(ROOT, file)} @${n.range.start}`;
      assert.deepEqual(texts(n), o.words, label);
      assert.equal(n.negated, o.negated, label);
      for (let i = 0; i < n.wordCount; i++) {
        const w = n.word(i)!;
        assert.equal(text.slice(w.start, w.end), w.text, label);
        assert.equal(n.wordText(i), w.text, label);
      }
      commands++;
    }
  }
  assert.ok(commands > 10000, `${commands} commands checked`);
});

test('lexLineInto lexes a line as lexWordsInto does and returns where the line ends (spaces, tabs, \\f, \\v, CR, LF)', () => {
  const alphabet = ['a', 'B', '1', '.', ' ', '\t', '\f', '\v', '\r', '\n', '\r\n', '#', '(', ')', 'permit', '10.0.0.1', 'R1(config)#'];
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let round = 0; round < 3000; round++) {
    let text = '';
    for (let i = Math.floor(random() * 14); i > 0; i--) text += alphabet[Math.floor(random() * alphabet.length)];
    // lexLineInto starts at a word's first character.
    let start = 0;
    while (start < text.length && ' \t\f\v\r\n'.includes(text[start])) start++;
    if (start === text.length) continue;
    let lineEnd = start;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    const a = new IosTokenStore(text, 1);
    const b = new IosTokenStore(text, 1);
    assert.equal(lexLineInto(a, text, start), lineEnd, JSON.stringify(text));
    lexWordsInto(b, text, start, lineEnd);
    const dump = (s: IosTokenStore) => Array.from({ length: s.length }, (_, i) => [s.kind(i), s.starts[i], s.ends[i], s.text(i)]);
    assert.deepEqual(dump(a), dump(b), JSON.stringify(text));
    assert.ok(a.length > 0);
  }
});

test('a re-parse splices the tokens read again into a store, the tail moved in place or into grown arrays (splice)', () => {
  const dump = (s: IosTokenStore) => Array.from({ length: s.length }, (_, i) => [s.kind(i), s.starts[i], s.ends[i], s.text(i)]);
  const src = 'ip route 10.0.0.0 255.0.0.0 192.0.2.1\nhostname r1\n';
  for (const [replace, by, capacity] of [
    ['255.0.0.0', '255.255.0.0 9', 64], // more tokens, room enough: the tail moves right in place
    ['255.0.0.0 192.0.2.1', 'x', 64], // fewer tokens: the tail moves left
    ['255.0.0.0', 'a b c d e f g', 8], // no room: the arrays grow
  ] as const) {
    const at = src.indexOf(replace);
    const next = src.slice(0, at) + by + src.slice(at + replace.length);
    const s = new IosTokenStore(src, capacity);
    lexWordsInto(s, src, 0, src.indexOf('\n'));
    lexWordsInto(s, src, src.indexOf('\n') + 1, src.length - 1);
    // Tokens 3… of the old line: the re-read part is `by` and what follows on its line; the tail is `hostname r1`.
    const mid = new IosTokenStore(next, 1);
    lexWordsInto(mid, next, at, next.indexOf('\n'));
    mid.push(WORD, 0, 1, undefined); // a token past the count is not taken
    s.splice(next, 3, mid, mid.length - 1, 5, next.length - src.length);
    const want = new IosTokenStore(next, 1);
    lexWordsInto(want, next, 0, next.indexOf('\n'));
    lexWordsInto(want, next, next.indexOf('\n') + 1, next.length - 1);
    assert.deepEqual(dump(s), dump(want), by);
    assert.equal(s.source, next);
  }
});

test('shared words: a free slot goes to a word met there twice in a row; seeded keywords hold theirs; a taken slot is never given away', () => {
  // A table of 2 slots and of 1: every word shares the same slot in the second, so the order of sightings decides.
  const one = new SharedWords(1, 24, true);
  const text = 'permit 10.0.0.1 permit permit deny';
  const at = (w: string, from = 0) => {
    const s = text.indexOf(w, from);
    return [s, s + w.length, hashChars(text, s, s + w.length)] as const;
  };
  const [ps, pe, ph] = at('permit');
  assert.equal(one.slot(text, ps, pe, ph), 0, 'first sight: no slot');
  const [as, ae, ah] = at('10.0.0.1');
  assert.equal(one.slot(text, as, ae, ah), 0, 'another word in between takes the candidacy');
  const [p2s, p2e, p2h] = at('permit', ae);
  assert.equal(one.slot(text, p2s, p2e, p2h), 0, 'permit is a candidate again');
  const [p3s, p3e, p3h] = at('permit', p2e);
  assert.equal(one.slot(text, p3s, p3e, p3h), 1, 'met twice in a row: admitted');
  assert.equal(one.words[0], 'permit');
  const [ds, de, dh] = at('deny');
  assert.equal(one.slot(text, ds, de, dh), 0);
  assert.equal(one.slot(text, ds, de, dh), 0, 'a taken slot stays with its word');
  assert.equal(one.words[0], 'permit');
  // Seeding fills a free slot at once and never replaces a word.
  const seeded = new SharedWords(1, 24, true);
  seeded.seed('shutdown');
  seeded.seed('no');
  assert.equal(seeded.words[0], 'shutdown');
  const t2 = ' shutdown';
  assert.equal(seeded.slot(t2, 1, 9, hashChars(t2, 1, 9)), 1, 'a seeded word is shared from its first sight');
  // The first-come table of other dialects is unchanged: a free slot goes to the first word.
  const first = new SharedWords(1, 24);
  assert.equal(first.slot(text, as, ae, ah), 1);
});

test('IOS keywords are shared from their first sight, whatever one-off words filled the table before (issue 16)', () => {
  // In a fresh process (the shared table is per process): thousands of one-off words (addresses, ports) of an ASA
  // file before the first IOS sub-interface, as in the fleet, where the ASA files come first.
  const script = `
    const load = async (f) => { const m = await import(f); return m.default ?? m; };
    const { parseIos } = await load(${JSON.stringify(path.join(ROOT, 'server/src/dialects/ios/parser.ts'))});
    const { ASA_FLAVOUR } = await load(${JSON.stringify(path.join(ROOT, 'server/src/dialects/asa/index.ts'))});
    const lines = [];
    for (let i = 0; i < 20000; i++) lines.push('access-list OUT extended permit tcp any host 198.' + (i >> 8) + '.' + (i & 255) + '.7 eq ' + (1024 + i));
    parseIos(lines.join('\\n'), {}, ASA_FLAVOUR);
    const p = parseIos('interface GigabitEthernet1/0.100\\n description customer 1\\n encapsulation dot1Q 100\\n no ip redirects\\n no shutdown\\n', {});
    const s = p.tree.store;
    const out = [];
    for (let i = 0; i < s.length; i++) out.push([s.text(i), s.sharedText(i) ?? null]);
    console.log(JSON.stringify(out));`;
  const res = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', cwd: ROOT });
  assert.equal(res.status, 0, res.stderr);
  const words = JSON.parse(res.stdout) as [string, string | null][];
  assert.equal(words.length, 13);
  for (const [t, shared] of words) if (['interface', 'description', 'encapsulation', 'no', 'ip', 'redirects', 'shutdown'].includes(t)) assert.equal(shared, t, `${t} is a shared word`);
});

test('a released store gives its buffer to the next store large enough, and reads nothing afterwards (batch mode)', () => {
  const text = 'interface GigabitEthernet0/1\n ip address 10.0.0.1 255.255.255.0\n';
  const a = parseIos(text, {}).tree.store;
  const buf = a.starts.buffer;
  a.release();
  assert.equal(a.length, 0);
  assert.equal(a.starts.length, 0, 'no view of the given buffer stays with the released store');
  const b = parseIos('hostname r1\n', {}).tree.store;
  assert.equal(b.starts.buffer, buf, 'the next store takes the buffer');
  assert.deepEqual([b.text(0), b.text(1)], ['hostname', 'r1']);
  // Taken once: the store after it makes its own.
  const c = parseIos('hostname r2\n', {}).tree.store;
  assert.notEqual(c.starts.buffer, buf);
  // A buffer too small for a store is left for a later one.
  b.release();
  const big = parseIos('x '.repeat(5000), {}).tree.store;
  assert.notEqual(big.starts.buffer, buf);
  assert.equal(parseIos('hostname r3\n', {}).tree.store.starts.buffer, buf);
});
