// The IOS/ASA parser's compact tree (issue 16): nodes hold only significant tokens, and the document's lossless token
// list is built on first use from them, lexing only the gaps. Checks that the list is lossless and exactly what the
// line lexer used to make (whitespace runs, one newline per terminator) on every IOS/ASA file the repository and the
// corpus hold, that shared word strings never mix words up, and the faster address and secret scans against the
// rules they replace.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { ParseResult, Token } from '../../server/src/syntax';
import { parseIos, type IosNode } from '../../server/src/dialects/ios/parser';
import { ASA_FLAVOUR } from '../../server/src/dialects/asa';
import { mayHoldSecret, secretArgs } from '../../server/src/dialects/ios/secrets';
import { parseIpv4 } from '../../server/src/model/ip';
import { IOS_CATALOG } from '../../server/src/dialects/ios/catalog';
import { iosConfigFiles } from '../helpers/files';

const ROOT = path.resolve(__dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

const configFiles = () => iosConfigFiles(ROOT);

/** The nodes' own tokens in document order (pre-order walk, explicit stack). */
function nodeTokens(root: IosNode): Token[] {
  const res: Token[] = [];
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    for (const t of n.tokens) res.push(t);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]);
  }
  return res;
}

/**
 * The token list as the old line lexer made it, from the significant tokens alone: between two of them, runs of
 * spaces/tabs/form feeds/vertical tabs are one `whitespace` token and each `\r\n`, `\n` or `\r` one `newline`.
 */
function expectedGaps(text: string, from: number, to: number): string[] {
  const res: string[] = [];
  let i = from;
  while (i < to) {
    const c = text[i];
    if (c === '\n') res.push(`newline:${i++}`);
    else if (c === '\r') {
      res.push(`newline:${i}`);
      i += text[i + 1] === '\n' && i + 1 < to ? 2 : 1;
    } else if (c === ' ' || c === '\t' || c === '\f' || c === '\v') {
      res.push(`whitespace:${i}`);
      while (i < to && /[ \t\f\v]/.test(text[i])) i++;
    } else assert.fail(`a gap holds ${JSON.stringify(c)} at ${i}`);
  }
  return res;
}

function checkLossless(text: string, p: ParseResult<IosNode>, label: string): void {
  const toks = p.tokens;
  assert.equal(toks.map((t) => t.text).join(''), text, label);
  let at = 0;
  for (const t of toks) {
    assert.equal(t.start, at, `${label}: gap or overlap at ${at}`);
    assert.equal(t.text, text.slice(t.start, t.end), `${label}: text of ${t.kind} at ${t.start}`);
    at = t.end;
  }
  // The significant tokens are the nodes' own objects, in order; everything between them is whitespace or newlines.
  const sig = nodeTokens(p.tree);
  const expected: string[] = [];
  let end = 0;
  for (const t of sig) {
    expected.push(...expectedGaps(text, end, t.start), `${t.kind}:${t.start}`);
    end = t.end;
  }
  expected.push(...expectedGaps(text, end, text.length));
  assert.deepEqual(toks.map((t) => `${t.kind}:${t.start}`), expected, label);
  // Nodes make their tokens from the parse's token store (fresh objects): equal to the list's, field by field.
  const sigSet = new Set(sig.map((t) => `${t.kind}:${t.start}:${t.end}:${t.text}`));
  assert.equal(toks.filter((t) => sigSet.has(`${t.kind}:${t.start}:${t.end}:${t.text}`)).length, sig.length, `${label}: node tokens equal the list's`);
}

test('the lossless token list is built on first use, once', () => {
  const p = parseIos('interface Gi0/0\n ip address 10.0.0.1 255.255.255.0\n');
  const d = Object.getOwnPropertyDescriptor(p, 'tokens');
  assert.ok(d && typeof d.get === 'function' && d.enumerable, 'tokens is an enumerable getter, not data built while parsing');
  assert.equal(p.tokens, p.tokens, 'memoised');
  assert.deepEqual(
    p.tokens.map((t) => `${t.kind} ${JSON.stringify(t.text)}`),
    ['word "interface"', 'whitespace " "', 'word "Gi0/0"', 'newline "\\n"', 'whitespace " "', 'word "ip"', 'whitespace " "', 'word "address"', 'whitespace " "', 'word "10.0.0.1"', 'whitespace " "', 'word "255.255.255.0"', 'newline "\\n"'],
  );
  // Nodes carry no whitespace.
  const itf = p.tree.children[0];
  assert.deepEqual(itf.tokens.map((t) => t.text), ['interface', 'Gi0/0']);
  assert.deepEqual(itf.children[0].words.map((t) => t.text), ['ip', 'address', '10.0.0.1', '255.255.255.0']);
});

test('every kind of gap: CRLF, lone CR, tabs, form feeds, blank lines, prompts, banners, certificates', () => {
  const text = [
    'hostname R1\r\n',
    '\t \r\n',
    'R1(config)#interface Tunnel0 \t\r',
    ' \fip address 10.0.0.1 255.255.255.252\n',
    'R1(config-if)#\n',
    'banner motd ^C\n  Authorised\t access only\n^C trailing words\n',
    'crypto pki certificate chain TP\n',
    ' certificate ca 01\n',
    '  30820122 300D0609  \n',
    '  \n',
    '  quit\n',
    '! done   ',
  ].join('');
  const p = parseIos(text);
  checkLossless(text, p, 'crafted');
  assert.deepEqual(
    p.tokens.map((t) => `${t.kind}:${JSON.stringify(t.text)}`),
    [
      'word:"hostname"', 'whitespace:" "', 'word:"R1"', 'newline:"\\r\\n"',
      'whitespace:"\\t "', 'newline:"\\r\\n"',
      'punct:"R1(config)#"', 'word:"interface"', 'whitespace:" "', 'word:"Tunnel0"', 'whitespace:" \\t"', 'newline:"\\r"',
      'whitespace:" \\f"', 'word:"ip"', 'whitespace:" "', 'word:"address"', 'whitespace:" "', 'word:"10.0.0.1"', 'whitespace:" "', 'word:"255.255.255.252"', 'newline:"\\n"',
      'punct:"R1(config-if)#"', 'newline:"\\n"',
      'word:"banner"', 'whitespace:" "', 'word:"motd"', 'whitespace:" "', 'string:"^C\\n  Authorised\\t access only\\n^C"', 'whitespace:" "', 'word:"trailing"', 'whitespace:" "', 'word:"words"', 'newline:"\\n"',
      'word:"crypto"', 'whitespace:" "', 'word:"pki"', 'whitespace:" "', 'word:"certificate"', 'whitespace:" "', 'word:"chain"', 'whitespace:" "', 'word:"TP"', 'newline:"\\n"',
      'whitespace:" "', 'word:"certificate"', 'whitespace:" "', 'word:"ca"', 'whitespace:" "', 'number:"01"', 'newline:"\\n"',
      'whitespace:"  "', 'string:"30820122 300D0609"', 'whitespace:"  "', 'newline:"\\n"',
      'whitespace:"  "', 'newline:"\\n"',
      'whitespace:"  "', 'word:"quit"', 'newline:"\\n"',
      'comment:"! done   "',
    ],
  );
  const [, itf] = p.tree.children;
  assert.equal(itf.prompt?.text, 'R1(config)#');
  assert.deepEqual(itf.children[0].words.map((w) => w.text), ['ip', 'address', '10.0.0.1', '255.255.255.252']);
  assert.equal(p.tree.children[2].kind, 'IosBanner');
  assert.equal(p.tree.children[2].body?.text, '^C\n  Authorised\t access only\n^C');
});

test('lossless and equal to the line lexer on every IOS/ASA file of the repository and the corpus', () => {
  const files = configFiles();
  assert.ok(files.length >= 100, `found ${files.length} files`);
  for (const { file, asa } of files) {
    const text = fs.readFileSync(file, 'utf8');
    checkLossless(text, asa ? parseIos(text, {}, ASA_FLAVOUR) : parseIos(text), path.relative(ROOT, file));
  }
});

test('shared word strings never mix words up (many distinct words, same hash slot, long words)', () => {
  const words: string[] = [];
  for (let i = 0; i < 30_000; i++) words.push(i % 3 === 0 ? `w${i}` : i % 3 === 1 ? `10.${(i >> 8) & 255}.${i & 255}.1` : `Name-${'x'.repeat(i % 40)}${i}`);
  const lines: string[] = [];
  for (let i = 0; i < words.length; i += 5) lines.push(`description ${words.slice(i, i + 5).join(' ')}`);
  // Twice: the second pass meets every word again.
  const text = `${lines.join('\n')}\n${lines.join('\n')}\n`;
  const p = parseIos(text);
  let k = 0;
  for (const n of p.tree.children) {
    for (const t of n.words) {
      assert.equal(t.text, text.slice(t.start, t.end));
      k++;
    }
  }
  assert.equal(k, 2 * (words.length + lines.length));
  checkLossless(text, p, 'distinct words');
});

test('leaves share one frozen empty array: nothing can push into another node through it', () => {
  const p = parseIos('! comment\nhostname R1\nfoo bar\n');
  const [comment, host, unknown] = p.tree.children;
  assert.equal(comment.children.length, 0);
  assert.ok(Object.isFrozen(comment.children) && Object.isFrozen(host.children) && Object.isFrozen(unknown.path));
  assert.throws(() => (comment.children as IosNode[]).push(host));
  assert.equal(host.children.length, 0);
});

test('parseIpv4 agrees with the dotted-quad expression it replaces', () => {
  const reference = (text: string): number | undefined => {
    const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    if (!m) return undefined;
    let n = 0;
    for (let i = 1; i <= 4; i++) {
      const b = Number(m[i]);
      if (b > 255) return undefined;
      n = n * 256 + b;
    }
    return n;
  };
  const fixed = ['1.2.3.4', '0.0.0.0', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.002.3.4', '0001.2.3.4', '1..2.3', '.1.2.3', '1.2.3.', ' 1.2.3.4', '1.2.3.4 ', '１.2.3.4', '1.2.3.4/32', '', '10.0.0.1x'];
  for (const s of fixed) assert.equal(parseIpv4(s), reference(s), s);
  assert.equal(parseIpv4('192.0.2.1'), 0xc0000201);
  assert.equal(parseIpv4('255.255.255.255'), 4294967295);
  // Seeded random strings over digits and dots.
  let seed = 7;
  const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296);
  const alphabet = '0123456789...25x';
  for (let k = 0; k < 200_000; k++) {
    let s = '';
    const len = Math.floor(rand() * 17);
    for (let i = 0; i < len; i++) s += alphabet[Math.floor(rand() * alphabet.length)];
    assert.equal(parseIpv4(s), reference(s), JSON.stringify(s));
  }
});

test('the secret pre-check never skips a line secretArgs finds a secret on (every corpus and repository line)', () => {
  let lines = 0;
  let secrets = 0;
  for (const { file, asa } of configFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    const p = asa ? parseIos(text, {}, ASA_FLAVOUR) : parseIos(text);
    const stack = [p.tree];
    while (stack.length) {
      const n = stack.pop()!;
      for (const c of n.children) {
        stack.push(c);
        if (c.kind !== 'IosCommand') continue;
        lines++;
        const found = secretArgs(c.words.map((w) => w.text), c.mode);
        if (found.length) secrets++;
        if (found.length) assert.ok(mayHoldSecret(c.words), `${path.basename(file)}: ${c.words.map((w) => w.text).join(' ')}`);
      }
    }
  }
  // The repository's own files alone hold ~1,800 command lines (60 with secrets); the corpus, when present, far more.
  assert.ok(lines > (fs.existsSync(CORPUS) ? 10_000 : 1_000) && secrets > 50, `${lines} lines, ${secrets} with secrets`);
  for (const line of ['username admin privilege 15 SECRET 5 $1$abc', 'snmp-server user u g v3 AUTH sha Pw PRIV aes 128 Pw2', 'ip ospf message-digest-key 1 MD5 k', 'Key-String 7 0822455D0A16']) {
    const words = line.split(' ').map((text) => ({ text }));
    assert.ok(secretArgs(line.split(' '), 'global').length > 0, line);
    assert.ok(mayHoldSecret(words), line);
  }
  assert.equal(mayHoldSecret(['interface', 'GigabitEthernet0/1'].map((text) => ({ text }))), false);
});

test('after a parser bug the token list stays lossless: the nodes so far, then the rest as one bogus token', () => {
  // A catalog whose lookup fails on the third command line stands in for a parser bug.
  let calls = 0;
  const modes = new (class extends Map<string, never> {
    override get(key: string): never | undefined {
      if (++calls === 3) throw new Error('boom');
      return IOS_CATALOG.modes.get(key as never) as never;
    }
  })();
  const text = 'hostname R1\n!\ninterface Gi0/0\n ip address 10.0.0.1 255.255.255.0\nrouter ospf 1\n';
  const p = parseIos(text, {}, { catalog: { ...IOS_CATALOG, modes } as never, asa: false });
  assert.deepEqual(p.diagnostics.map((d) => [d.code, text.slice(d.range.start, d.range.end).split('\n')[0]]), [['internal/parser-crash', ' ip address 10.0.0.1 255.255.255.0']]);
  assert.equal(p.tokens.map((t) => t.text).join(''), text);
  const last = p.tokens[p.tokens.length - 1];
  assert.equal(last.kind, 'bogus');
  assert.equal(last.start, text.indexOf(' ip address'));
  assert.deepEqual(p.tokens.slice(0, -1).filter((t) => t.kind === 'word').map((t) => t.text), ['hostname', 'R1', 'interface', 'Gi0/0']);
});
