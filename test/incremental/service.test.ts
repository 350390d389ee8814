// The service's edit path (issue 16): `setDocument` with the editor's changes (or without, comparing the texts)
// re-parses incrementally where the dialect can, and every result equals a fresh service's on the same text:
// findings (ranges, messages, fixes), the lowered model, line starts. The changed span and the line starts are
// checked on their own against their definitions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedSpan, composeChanges, createLanguageService, diffSpan, shiftedLineStarts, type TextChange } from '../../server/src/service';
import { lineStarts } from '../../server/src/syntax';
import { dialectById } from '../../server/src/dialects/registry';
import { birdShape, randomEdit, rng, routerosShape } from './edits';
// @ts-expect-error: a JavaScript module of the bench, without types
import { iosDevice } from '../../bench/generate.mjs';
// @ts-expect-error: a JavaScript module of the bench, without types
import { asaFile, openbsdConfig } from '../../bench/shapes.mjs';

/** The text `changes` make of `text`, applied in order as LSP applies them. */
function apply(text: string, changes: TextChange[]): string {
  for (const c of changes) text = text.slice(0, c.start) + c.text + text.slice(c.end);
  return text;
}

test('composeChanges: one span covering changes applied in order', () => {
  const random = rng(5);
  const PIECES = ['a', 'bc', '\n', '', 'xyz\n'];
  for (let round = 0; round < 2000; round++) {
    const original = 'abcdefghij\nklmnop\nqrstuvwxyz\n'.slice(0, 5 + Math.floor(random() * 25));
    let text = original;
    const changes: TextChange[] = [];
    const k = 1 + Math.floor(random() * 4);
    for (let i = 0; i < k; i++) {
      const start = Math.floor(random() * (text.length + 1));
      const end = Math.min(text.length, start + Math.floor(random() * 4));
      const c = { start, end, text: PIECES[Math.floor(random() * PIECES.length)] };
      changes.push(c);
      text = apply(text, [c]);
    }
    const span = composeChanges(original.length, changes)!;
    assert.ok(span, JSON.stringify(changes));
    // Outside the span both texts are equal; inside, the new text is what the changes wrote.
    assert.equal(text.slice(0, span.start), original.slice(0, span.start), JSON.stringify({ original, changes, span }));
    assert.equal(text.slice(span.newEnd), original.slice(span.oldEnd), JSON.stringify({ original, changes, span }));
    assert.equal(text.length - span.newEnd, original.length - span.oldEnd);
    assert.deepEqual(changedSpan(original, text, changes), span);
  }
  assert.equal(composeChanges(3, [{ start: 2, end: 5, text: '' }]), undefined, 'a change past the end');
  // Changes that do not fit the texts are not trusted: the span is found by comparing them.
  assert.deepEqual(changedSpan('abcdef', 'abXdef', [{ start: 0, end: 1, text: 'Q' }]), { start: 2, oldEnd: 3, newEnd: 3 });
});

test('diffSpan and shiftedLineStarts agree with their definitions (CR, LF, CRLF at the edges of the span)', () => {
  const random = rng(9);
  const alphabet = ['a', '\n', '\r', '\r\n', ' ', 'b'];
  for (let round = 0; round < 3000; round++) {
    let a = '';
    const n = Math.floor(random() * 12);
    for (let i = 0; i < n; i++) a += alphabet[Math.floor(random() * alphabet.length)];
    const start = Math.floor(random() * (a.length + 1));
    const end = Math.min(a.length, start + Math.floor(random() * 3));
    let ins = '';
    for (let i = Math.floor(random() * 3); i > 0; i--) ins += alphabet[Math.floor(random() * alphabet.length)];
    const b = a.slice(0, start) + ins + a.slice(end);
    const d = diffSpan(a, b);
    assert.equal(b.slice(0, d.start), a.slice(0, d.start));
    assert.equal(b.slice(d.newEnd), a.slice(d.oldEnd));
    for (const span of [d, { start, oldEnd: end, newEnd: start + ins.length }]) {
      assert.deepEqual(shiftedLineStarts(lineStarts(a), a, b, span), lineStarts(b), JSON.stringify({ a, b, span }));
    }
  }
});

function findingsOf(service: ReturnType<typeof createLanguageService>, uri: string): string {
  return JSON.stringify(service.getFindings(uri));
}

const PIECES = ['\n', '{', '}', ';', '"', '\\\n', '#', ' x', '/ip address\n', 'add address=10.9.9.9/24 interface=ether1\n', 'protocol bgp x { neighbor 192.0.2.9 as 65001; local as 65000; }\n', '/*', '*/'];
/** IOS/ASA: comments, indentation, block headers, exits, banners, prompts, peers and keys (pairs within the file). */
const IOS_PIECES = ['\n', '!', ' ', 'x', 'no ', 'exit\n', 'end\n', ':', 'R1(config)#', 'banner motd ^C', '^C', 'interface GigabitEthernet0/9\n', ' ip address 10.9.9.1 255.255.255.0\n', ' shutdown\n', 'crypto isakmp key k3y-9 address 172.16.0.1\n', 'crypto map VPN 99 ipsec-isakmp\n', ' set peer 172.16.0.1\n', ' set transform-set NOPE\n', ' nameif outside\n', 'access-list OUT extended permit ip any any\n'];

for (const [name, uri, make, pieces] of [
  ['RouterOS', 'file:///w/r.rsc', () => routerosShape(800), PIECES],
  ['BIRD', 'file:///w/b.bird', () => birdShape(800), PIECES],
  ['IOS', 'file:///w/r3.ios', () => iosDevice(3, 100, rng(3), 800) as string, IOS_PIECES],
  ['ASA', 'file:///w/big.asa', () => asaFile(800) as string, IOS_PIECES],
  ['OpenBSD', 'file:///w/obsd/ipsec.conf', () => openbsdConfig(800) as string, PIECES],
] as const) {
  test(`${name}: setDocument with changes (and without) equals a fresh service, edit after edit`, () => {
    const random = rng(name.length);
    let text = make();
    const withChanges = createLanguageService();
    const compared = createLanguageService();
    withChanges.setDocument(uri, text, 1);
    compared.setDocument(uri, text, 1);
    // Count the edits the dialect re-parsed (its hook wrapped for this test): the incremental path is exercised.
    const dialect = dialectById(withChanges.getDocument(uri)!.dialect!);
    const reparse = dialect.reparse!;
    let reparsed = 0;
    dialect.reparse = (...args) => {
      const res = reparse(...args);
      if (res) reparsed++;
      return res;
    };
    try {
      editChain();
    } finally {
      dialect.reparse = reparse;
    }
    assert.ok(reparsed >= 20, `${reparsed} of 40 edits re-parsed`);
    function editChain(): void {
      for (let e = 0; e < 40; e++) {
        const edit = randomEdit(text, random, pieces);
        text = edit.text;
        withChanges.setDocument(uri, text, e + 2, undefined, undefined, [edit.change]);
        compared.setDocument(uri, text, e + 2);
        const fresh = createLanguageService();
        fresh.setDocument(uri, text, 1);
        const want = findingsOf(fresh, uri);
        assert.equal(findingsOf(withChanges, uri), want, `edit ${e} with changes`);
        assert.equal(findingsOf(compared, uri), want, `edit ${e} without changes`);
        assert.deepEqual(withChanges.getDocument(uri)!.lineStarts, fresh.getDocument(uri)!.lineStarts);
        assert.deepEqual(withChanges.getDocument(uri)!.change, { ...edit.span, previousStamp: withChanges.getDocument(uri)!.change!.previousStamp });
        if (e % 5 === 0) assert.equal(JSON.stringify(withChanges.getDevice(uri)), JSON.stringify(fresh.getDevice(uri)), `model after edit ${e}`);
      }
    }
  });
}

// BIRD's analysis is copied for the top-level statements a re-parse kept (issue 16): findings that come from it
// (undefined and unused names, newer syntax against the targeted version, constants) after each edit, and after the
// targeted version changes, equal a fresh service's.
test('BIRD: findings from the analysis of kept statements equal a fresh service, across a version change', () => {
  const uri = 'file:///w/c.bird';
  const blocks: string[] = ['define AS1 = 65001;', 'router id 192.0.2.1;'];
  for (let i = 0; i < 30; i++) {
    blocks.push(`filter f${i} {\n  if net ~ [ 10.${i}.0.0/16+ ] then accept;\n  bgp_path.prepend(AS${(i % 3) + 1});\n  reject;\n}`);
    blocks.push(`protocol bgp p${i} {\n  local as AS1;\n  neighbor 198.51.100.${i + 1} as AS${(i % 2) + 1};\n  hold time HOLD;\n  ipv4 {\n    import filter f${i + (i % 4 === 0 ? 100 : 0)};\n    export filter { bgp_path.add(AS1); accept; };\n  };\n}`);
    if (i === 12) blocks.push('define AS2 = 65002;');
  }
  let text = `${blocks.join('\n')}\n`;
  const random = rng(7);
  const settings = { birdVersion: '2.16' };
  const svc = createLanguageService(settings);
  svc.setDocument(uri, text, 1);
  const PIECES = ['define HOLD = 90;\n', 'define AS3 = 3;\n', 'include "x.conf";\n', 'AS2', 'f7', '\n', ';', '}', '{', ' x', '#'];
  for (let e = 0; e < 30; e++) {
    if (e === 15) {
      settings.birdVersion = '2.0.12';
      svc.updateSettings({ birdVersion: '2.0.12' });
    }
    const edit = randomEdit(text, random, PIECES);
    text = edit.text;
    svc.setDocument(uri, text, e + 2, undefined, undefined, [edit.change]);
    const fresh = createLanguageService({ ...settings });
    fresh.setDocument(uri, text, 1);
    const want = findingsOf(fresh, uri);
    assert.ok(e > 0 || JSON.parse(want).length > 0, 'the text has findings to compare');
    assert.equal(findingsOf(svc, uri), want, `edit ${e} ${JSON.stringify(edit.change)}`);
  }
});
