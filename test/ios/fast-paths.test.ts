// Issue 16 structures of the IOS/ASA path: the parser's children collected as runs of one pending array, the packed
// node fields (kind, negated, prompt, exit, path, pathKey, wordFirst), the lowering's offset bit set, `lowerCase`, and
// the in-place IPv4 helpers of model/ip.ts against the general (bigint) forms they replace. Each assertion fails on an
// off-by-one mark, a wrong bit or a wrong mask.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseIos, type IosNode } from '../../server/src/dialects/ios/parser';
import { ASA_FLAVOUR } from '../../server/src/dialects/asa';
import { lowerCase } from '../../server/src/dialects/ios/store';
import { OffsetSet } from '../../server/src/dialects/ios/lower/core';
import * as model from '../../server/src/model';

const ROOT = path.resolve(__dirname, '..', '..');
const CORPUS = path.join(ROOT, '..', 'shared', 'corpus');

/** A node's header line, for readable assertions. */
function line(text: string, n: IosNode): string {
  return text.slice(n.start, n.lineEnd);
}

test('children are exact runs: nested blocks, exit lines, a block after a deeper one, comments in and out of blocks', () => {
  const text = [
    'hostname R1', // 0
    'interface Gi1/0.10', // 1
    ' description a', // 2
    ' encapsulation dot1Q 10', // 3
    '!', // 4
    'router bgp 65000', // 5
    ' neighbor 10.0.0.2 remote-as 65001', // 6
    ' address-family ipv4', // 7
    '  neighbor 10.0.0.2 activate', // 8
    ' exit-address-family', // 9
    ' bgp log-neighbor-changes', // 10
    'crypto map VPN 10 ipsec-isakmp', // 11
    ' set peer 192.0.2.1', // 12
    ' ! inner comment', // 13
    'R1(config)#no ip domain-lookup', // 14
    'end', // 15
  ].join('\n');
  const tree = parseIos(text).tree;
  const top = tree.children.map((n) => line(text, n));
  // `exit-address-family` leaves the address family and the (unmodelled) `router bgp` block it is in.
  assert.deepEqual(top, ['hostname R1', 'interface Gi1/0.10', '!', 'router bgp 65000', 'bgp log-neighbor-changes', 'crypto map VPN 10 ipsec-isakmp', 'R1(config)#no ip domain-lookup', 'end']);
  const itf = tree.children[1];
  assert.deepEqual(itf.children.map((n) => line(text, n)), [' description a', ' encapsulation dot1Q 10'].map((l) => l.trim()));
  assert.equal(itf.end, itf.children[1].end, 'a block ends with its last child');
  const bgp = tree.children[3];
  assert.deepEqual(bgp.children.map((n) => line(text, n)), ['neighbor 10.0.0.2 remote-as 65001', 'address-family ipv4', 'exit-address-family']);
  const af = bgp.children[1];
  assert.deepEqual(af.children.map((n) => line(text, n)), ['neighbor 10.0.0.2 activate']);
  assert.equal(af.end, af.children[0].end);
  assert.equal(bgp.end, bgp.children[2].end);
  assert.equal(tree.children[4].children.length, 0);
  const map = tree.children[5];
  assert.deepEqual(map.children.map((n) => `${n.kind}:${line(text, n)}`), ['IosCommand:set peer 192.0.2.1', 'IosComment:! inner comment']);
  // Leaves share the one empty array; blocks have exact-size arrays of their own.
  assert.equal(tree.children[0].children, tree.children[7].children);
  assert.notEqual(itf.children, bgp.children);
  assert.equal(tree.end, text.length);
});

test('packed node fields: kind, negated, prompt, exit paths, unknown commands, banner kind', () => {
  const text = ['!', 'R1(config)#no ip domain-lookup', 'default interface Gi0/1', 'frobnicate the widget', 'router ospf 1', ' exit', 'QUIT', 'banner motd ^C hi ^C', 'R1#'].join('\n');
  const kids = parseIos(text).tree.children;
  const [bang, no, dflt, unknown, ospf, quit, banner, prompt] = kids;
  assert.equal(kids.length, 8);
  assert.equal(bang.kind, 'IosComment');
  assert.equal(bang.pathKey, undefined);
  assert.deepEqual(bang.path, []);
  assert.equal(no.kind, 'IosCommand');
  assert.equal(no.negated, true);
  assert.equal(no.prompt?.text, 'R1(config)#');
  assert.equal(no.wordFirst, no.first + 2, 'after the prompt and `no`');
  assert.deepEqual(no.words.map((w) => w.text), ['ip', 'domain-lookup']);
  assert.deepEqual(no.path, [], 'not in the catalog');
  assert.equal(no.pathKey, '');
  assert.equal(dflt.negated, true);
  assert.equal(dflt.wordFirst, dflt.first + 1);
  assert.equal(dflt.wordText(0), 'interface');
  assert.deepEqual(dflt.path, ['interface']);
  assert.equal(dflt.pathKey, 'interface');
  assert.equal(unknown.negated, false);
  assert.equal(unknown.entry, undefined);
  assert.equal(unknown.pathKey, '', 'an unknown command has an empty key');
  assert.deepEqual(unknown.path, []);
  assert.equal(unknown.wordFirst, unknown.first);
  const exit = ospf.children[0];
  assert.deepEqual(exit.path, ['exit']);
  assert.equal(exit.pathKey, undefined);
  assert.deepEqual(quit.path, ['quit'], 'an upper-case QUIT line');
  assert.equal(banner.kind, 'IosBanner');
  assert.equal(banner.negated, false);
  assert.equal(banner.pathKey, 'banner');
  assert.deepEqual(banner.words.map((w) => w.text), ['banner', 'motd']);
  assert.equal(prompt.kind, 'IosComment');
  assert.equal(prompt.wordCount, 0);
  assert.equal(prompt.wordFirst, prompt.first + 1, 'a prompt alone: no words after it');
});

test('every line of every IOS/ASA file is one node, in document order, under the block its indentation says', () => {
  const files: { file: string; asa: boolean }[] = [];
  for (const d of ['ios', 'asa']) {
    const dir = path.join(CORPUS, d);
    if (fs.existsSync(dir)) for (const f of fs.readdirSync(dir)) files.push({ file: path.join(dir, f), asa: d === 'asa' });
  }
  for (const f of fs.readdirSync(path.join(ROOT, 'examples'))) if (/\.(ios|asa)$/.test(f)) files.push({ file: path.join(ROOT, 'examples', f), asa: f.endsWith('.asa') });
  assert.ok(files.length >= 20, `found ${files.length} files`);
  for (const { file, asa } of files) {
    const text = fs.readFileSync(file, 'utf8');
    const tree = (asa ? parseIos(text, {}, ASA_FLAVOUR) : parseIos(text)).tree;
    let last = -1;
    const walk: { n: IosNode; parent: IosNode | undefined }[] = [{ n: tree, parent: undefined }];
    while (walk.length) {
      const { n, parent } = walk.pop()!;
      if (parent) {
        assert.ok(n.start > last, `${file}: pre-order is document order at ${n.start}`);
        last = n.start;
        if (parent !== tree) assert.ok(n.start >= parent.lineEnd && n.end <= parent.end, `${file}: child inside its parent at ${n.start}`);
      }
      for (let k = n.children.length - 1; k >= 0; k--) walk.push({ n: n.children[k], parent: n });
    }
  }
});

test('OffsetSet: add and has across word boundaries and growth', () => {
  const s = new OffsetSet();
  const offsets = [0, 31, 32, 33, 63, 64, 2047, 2048, 100_000];
  for (const o of offsets) s.add(o);
  for (const o of offsets) assert.ok(s.has(o), `has ${o}`);
  for (const o of [1, 30, 34, 62, 65, 2046, 2049, 99_999, 100_001, 5_000_000]) assert.ok(!s.has(o), `not ${o}`);
});

test('lowerCase: the same string when already lower case, toLowerCase otherwise', () => {
  const s = 'gigabitethernet0/1';
  assert.equal(lowerCase(s), s);
  assert.equal(lowerCase('dot1Q'), 'dot1q');
  assert.equal(lowerCase('ÉCOLE'), 'école');
  assert.equal(lowerCase(''), '');
});

/** The general forms the IPv4 fast paths replace (bigint prefixes, as model/ip.ts computed them before). */
function oraclePrefix(text: string): { network: bigint; length: number } | undefined {
  const slash = text.indexOf('/');
  const addr = slash < 0 ? text : text.slice(0, slash);
  const lenText = slash < 0 ? undefined : text.slice(slash + 1);
  const v4 = model.parseIpv4(addr);
  if (v4 === undefined) return undefined;
  const length = lenText === undefined ? 32 : Number(lenText);
  if (!Number.isInteger(length) || length < 0 || length > 32 || (lenText !== undefined && !/^\d+$/.test(lenText))) return undefined;
  const mask = length === 0 ? 0n : ((1n << BigInt(length)) - 1n) << BigInt(32 - length);
  return { network: BigInt(v4) & mask, length };
}

test('IPv4 prefixes in place: parsePrefix, prefixContains, networkOf and canonicalAddress agree with the bigint forms', () => {
  const samples = ['10.0.0.0/8', '10.1.2.3/24', '10.1.2.3', '0.0.0.0/0', '255.255.255.255/32', '192.168.1.128/25', '192.168.1.127/25', '1.2.3.4/', '1.2.3.4/33', '1.2.3.4/032', '1.2.3.4/24x', '1.2.3.4/-1', '010.1.2.3/16', '256.1.1.1/8', '1.2.3/8', '128.0.0.0/1', '127.255.255.255/1', '2001:db8::/32'];
  for (const a of samples) {
    const o = oraclePrefix(a);
    const p = model.parsePrefix(a);
    if (a.includes(':')) continue;
    assert.deepEqual(p && { network: p.network, length: p.length, family: p.family }, o && { ...o, family: 4 }, a);
    for (const b of samples) {
      if (b.includes(':')) continue;
      const i = oraclePrefix(b);
      const mask = o && (o.length === 0 ? 0n : ((1n << BigInt(o.length)) - 1n) << BigInt(32 - o.length));
      const expected = !!o && !!i && i.length >= o.length && (i.network & mask!) === o.network;
      assert.equal(model.prefixContains(a, b), expected, `${a} contains ${b}`);
    }
  }
  assert.equal(model.prefixContains('2001:db8::/32', '2001:db8:1::1'), true);
  assert.equal(model.prefixContains('10.0.0.0/8', '2001:db8::1'), false);
  assert.equal(model.networkOf('10.1.2.3', 24), '10.1.2.0/24');
  assert.equal(model.networkOf('10.1.2.3', 0), '0.0.0.0/0');
  assert.equal(model.networkOf('10.1.2.3', 33), undefined);
  assert.equal(model.networkOf('10.1.2.3', 24.5), undefined);
  assert.equal(model.networkOf('2001:db8::1', 64), '2001:db8::/64');
  const canonical = ['10', '.1.2.3'].join('');
  assert.equal(model.canonicalAddress(canonical), '10.1.2.3');
  assert.equal(model.canonicalAddress('010.001.0.00'), '10.1.0.0');
  assert.equal(model.canonicalAddress('10.1.2.0'), '10.1.2.0');
  assert.equal(model.canonicalIpv4('0.0.0.0'), '0.0.0.0');
  assert.equal(model.canonicalIpv4('10.1.2.03'), '10.1.2.3');
  assert.equal(model.canonicalIpv4('10.1.2'), undefined);
  assert.equal(model.canonicalAddress('2001:DB8::1'), '2001:db8::1');
});
