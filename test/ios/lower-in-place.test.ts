// Issue 16, branch ios-lower: the IOS/ASA lowering reads words from the token store in place. Checks the pieces that
// replaced token arrays and second walks against what they replace: `WordRun` against `wordsFrom`, the in-place
// secret pre-check against `mayHoldSecret` (every corpus and repository line, odd cases), `lowerWord` against
// `lowerCase`, the catalog's abbreviation lookup by binary search, canonical interface names kept as they are, and
// the one walk for keyword secrets and uses (exact ranges).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseIos, type IosNode } from '../../server/src/dialects/ios/parser';
import { ASA_FLAVOUR } from '../../server/src/dialects/asa';
import { lowerIos } from '../../server/src/dialects/ios/lower';
import { lowerWord, WordRun } from '../../server/src/dialects/ios/lower/core';
import { mayHoldSecret, mayHoldSecretIn } from '../../server/src/dialects/ios/secrets';
import { lowerCase } from '../../server/src/dialects/ios/store';
import { normalizeInterfaceName, resolveCommand, IOS_CATALOG } from '../../server/src/dialects/ios/catalog';
import { iosConfigFiles } from '../helpers/files';

const ROOT = path.resolve(__dirname, '../..');

const configFiles = () => iosConfigFiles(ROOT);

function commands(tree: IosNode): IosNode[] {
  const out: IosNode[] = [];
  const stack = [tree];
  while (stack.length) {
    const n = stack.pop()!;
    for (const c of n.children) {
      stack.push(c);
      if (c.kind === 'IosCommand') out.push(c);
    }
  }
  return out;
}

test('WordRun reads what wordsFrom makes: texts, lower case, tokens, bounds (after a prompt and `no`)', () => {
  const text = 'R1(config)#no access-list 110 Permit TCP host 10.0.0.1 any eq 22\n';
  const node = parseIos(text).tree.children[0];
  assert.equal(node.negated, true);
  for (const from of [0, 1, 2, 9, 12]) {
    const words = node.wordsFrom(from);
    const run = new WordRun(node, from);
    assert.equal(run.length, words.length, `from ${from}`);
    for (let i = -2; i < words.length + 2; i++) {
      const w = words[i];
      assert.equal(run.has(i), w !== undefined, `has(${i}) from ${from}`);
      assert.equal(run.text(i), w?.text, `text(${i}) from ${from}`);
      assert.equal(run.lw(i), w ? w.text.toLowerCase() : '', `lw(${i}) from ${from}`);
      assert.deepEqual(run.tok(i), w, `tok(${i}) from ${from}`);
    }
  }
  const sub = new WordRun(node, 1).sub(2);
  assert.equal(sub.text(0), 'TCP');
  assert.deepEqual(sub.tok(0), { kind: 'word', start: text.indexOf('TCP'), end: text.indexOf('TCP') + 3, text: 'TCP' });
});

test('the in-place secret pre-check agrees with mayHoldSecret on every corpus and repository line and on odd spellings', () => {
  let lines = 0;
  let hits = 0;
  for (const { file, asa } of configFiles()) {
    const text = fs.readFileSync(file, 'utf8');
    const p = asa ? parseIos(text, {}, ASA_FLAVOUR) : parseIos(text);
    for (const c of commands(p.tree)) {
      lines++;
      const expected = mayHoldSecret(c.words, c.path);
      if (expected) hits++;
      assert.equal(mayHoldSecretIn(c.store, c.wordFirst, c.wordCount, c.path), expected, `${path.basename(file)}: ${c.words.map((w) => w.text).join(' ')}`);
    }
  }
  assert.ok(lines > 1_000 && hits > 50, `${lines} lines, ${hits} with a trigger`);
  // Case, a trigger inside a longer word, the Kelvin sign (lower-cases to an ASCII `k`), a control character.
  const odd = ['username u PassWord x', 'snmp-server user u g v3 AUTH sha P', 'keyring-x foo', 'passwords x', 'crypto \u212Aey x', 'tunnel-group T ipsec-attributes pre-shared-\u212Aey x', 'md\u0015 x', 'PRIV aes 128 P', 'description secretive'];
  for (const line of odd) {
    const c = parseIos(line + '\n').tree.children[0];
    assert.equal(mayHoldSecretIn(c.store, c.wordFirst, c.wordCount, c.path), mayHoldSecret(c.words, c.path), line);
  }
  // Inside a word the Kelvin sign lower-cases to an ASCII `k` (a first letter outside a–z is ruled out by both).
  const k = parseIos('x pre-shared-\u212Aey x\n').tree.children[0];
  assert.equal(mayHoldSecretIn(k.store, k.wordFirst, k.wordCount, k.path), true, 'the Kelvin sign lower-cases to k');
  const ctl = parseIos('md\u0015 x\n').tree.children[0];
  assert.equal(mayHoldSecretIn(ctl.store, ctl.wordFirst, ctl.wordCount, ctl.path), false, 'a control character is not a digit');
});

test('lowerWord is lowerCase of the word, shared or not, and the same string each time for a shared word', () => {
  const text = 'interface Gi1/0.100\n encapsulation dot1Q 100\ninterface Gi1/0.101\n encapsulation DOT1Q 101\n description X-Y-Z-unshared-long-WORD-over-24-chars\n';
  const p = parseIos(text);
  const store = p.tree.children[0].store;
  for (let i = 0; i < store.length; i++) assert.equal(lowerWord(store, i), lowerCase(store.text(i)), store.text(i));
  const enc = commands(p.tree).filter((c) => c.wordText(0) === 'encapsulation');
  assert.equal(lowerWord(store, enc[0].wordFirst + 1), 'dot1q');
  assert.equal(lowerWord(store, enc[1].wordFirst + 1), 'dot1q');
});

test('catalog abbreviations: unique prefixes resolve, ambiguous ones and hyphen ends do not, exact keywords win', () => {
  const path = (mode: string, line: string) => resolveCommand(IOS_CATALOG, mode as never, line.split(' ')).path.join(' ');
  assert.equal(path('global', 'int Gi0/1'), 'interface');
  assert.equal(path('global', 'interface Gi0/1'), 'interface');
  assert.equal(path('global', 'cry isa pol 10'), 'crypto isakmp policy');
  assert.equal(path('interface', 'ip add 10.0.0.1 255.0.0.0'), 'ip address');
  // `service` ends where `service-policy` has a hyphen: not an abbreviation of it.
  assert.equal(path('interface', 'service'), '');
  // `i` is one character (never an abbreviation) and `c` abbreviates several global keywords.
  assert.equal(path('global', 'i'), '');
  assert.equal(path('global', 'c'), '');
  // The lookup on the parser's path gives the same entries.
  const node = parseIos('cry isa pol 10\n').tree.children[0];
  assert.equal(node.pathKey, 'crypto isakmp policy');
});

test('interface names: canonical spellings kept as they are, abbreviations and other cases expanded', () => {
  const canon = 'GigabitEthernet1/0.100';
  assert.equal(normalizeInterfaceName(canon), canon);
  assert.equal(normalizeInterfaceName('gi1/0.100'), canon);
  assert.equal(normalizeInterfaceName('gigabitethernet1/0.100'), canon);
  assert.equal(normalizeInterfaceName('GIGABITETHERNET1/0.100'), canon);
  assert.equal(normalizeInterfaceName('Loopback0'), 'Loopback0');
  assert.equal(normalizeInterfaceName('Port-channel1'), 'Port-channel1');
  assert.equal(normalizeInterfaceName('Embedded-Service-Engine0/0'), 'Embedded-Service-Engine0/0');
  assert.equal(normalizeInterfaceName('Tu5'), 'Tunnel5');
  assert.equal(normalizeInterfaceName('Frob0'), 'Frob0');
  assert.equal(normalizeInterfaceName('0/1'), '0/1');
});

test('one walk: keyword secrets with their ranges, a use in an unmodelled command, a secret spelling a name is no use', () => {
  const text = [
    'hostname R1',
    'ip access-list extended NMS',
    ' permit ip any any',
    'ip access-list extended MGMT',
    ' permit ip any any',
    'username admin password 0 NMS',
    'snmp-server community public RO',
    'ip nat inside source list MGMT interface Gi0/0 overload',
    'line vty 0 4',
    ' password NMS',
    '',
  ].join('\n');
  const { device } = lowerIos(parseIos(text), 'file:///r1.ios');
  const at = (s: string, from = 0) => ({ start: text.indexOf(s, from), end: text.indexOf(s, from) + s.length });
  assert.deepEqual(device.otherSecrets, [at('NMS', text.indexOf('password 0')), at('public'), at('NMS', text.indexOf(' password NMS'))]);
  const uses = device.references.filter((r) => r.kind === 'acl').map((r) => [r.name, text.slice(r.range.start, r.range.end), r.range.start]);
  // MGMT is used by the NAT rule (an unmodelled command); NMS appears only as secrets: no use.
  assert.deepEqual(uses, [['MGMT', 'MGMT', text.indexOf('list MGMT') + 5]]);
});
