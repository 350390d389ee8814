// The ipsec.conf outline given the previous version's (issue 16): statements after the edit that start in the text
// both versions end with, at the same places moved by the edit's length change, keep their previous labels; any macro
// definition touching the edit, a statement merged across it by a `\`, a string or comment left open, and every
// random edit give what an outline without the previous one gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openbsdDialect, type ObsdFile } from '../../server/src/dialects/openbsd';
import type { OutlineSymbol } from '../../server/src/dialects/types';
import type { ParseResult } from '../../server/src/syntax';
import { changedSpan } from '../../server/src/features/reuse';

function sites(n: number): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    out.push(`# site ${i}`, `gw${i} = "192.0.2.${i + 1}"`);
    out.push(`ike esp from 10.1.${i}.0/24 to 10.2.${i}.0/24 peer $gw${i} main auth hmac-sha2-256 enc aes-256 group modp2048 psk "k${i}"`);
    out.push(`flow esp from 10.3.${i}.0/24 to 10.4.${i}.0/24 peer $gw${i}`, '');
  }
  return out.join('\n');
}

const parse = (text: string) => openbsdDialect.parse(text, {}) as ParseResult<ObsdFile>;

/** The outline of `next` given `prev` (the outline of `before`), checked against one made without it. */
function step(before: string, next: string, prev: OutlineSymbol[]): OutlineSymbol[] {
  const p = parse(next);
  const start = changedSpan(before, next)?.start ?? next.length + 1;
  const got = openbsdDialect.outline(p, { outline: prev, start });
  assert.deepEqual(got, openbsdDialect.outline(p));
  return got;
}

const nameAt = (outline: OutlineSymbol[], prefix: string) => outline.findIndex((s) => s.name.startsWith(prefix));

test('a comment edited in the middle: the rules after it keep their previous labels, with their new ranges', () => {
  const text = sites(40);
  const first = openbsdDialect.outline(parse(text));
  // Mark a label after the edit: only a label taken from the previous outline can come back with the mark.
  const k = nameAt(first, 'ike esp from 10.1.30.0/24');
  first[k] = { ...first[k], name: `${first[k].name} (previous)` };
  const at = text.indexOf('# site 20');
  const next = `${text.slice(0, at)}# an edit\n${text.slice(at)}`;
  const p = parse(next);
  const got = openbsdDialect.outline(p, { outline: first, start: at });
  assert.equal(got[k].name, 'ike esp from 10.1.30.0/24 to 10.2.30.0/24 peer 192.0.2.31 (previous)');
  assert.deepEqual(got[k].range, { start: first[k].range.start + 10, end: first[k].range.end + 10 });
  assert.deepEqual(got[k].selectionRange, { start: first[k].range.start + 10, end: first[k].range.start + 13 });
  // The rest equals a fresh outline.
  const fresh = openbsdDialect.outline(p);
  got.forEach((s, i) => i === k || assert.deepEqual(s, fresh[i], `symbol ${i}`));
});

test('a macro definition in the edit: every later label is made again (a rule after it expands the new value)', () => {
  const text = `${sites(10)}\nlate = "192.0.2.200"\nike esp from 10.9.0.0/24 to 10.9.1.0/24 peer $late\n`;
  const first = openbsdDialect.outline(parse(text));
  // A definition above the rule changed: the rule's label reads the new address.
  const at = text.indexOf('late = ') + 'late = "192.0.2.'.length;
  const next = `${text.slice(0, at)}201${text.slice(at + 3)}`;
  const got = step(text, next, first);
  assert.equal(got[got.length - 1].name, 'ike esp from 10.9.0.0/24 to 10.9.1.0/24 peer 192.0.2.201');
  // A definition added in the middle that an existing later rule uses (it was undefined there).
  const text2 = `gw = "192.0.2.9"\n${sites(5)}\nike esp from 10.8.0.0/24 to 10.8.1.0/24 peer $other\n`;
  const first2 = openbsdDialect.outline(parse(text2));
  const mid = text2.indexOf('# site 3');
  const got2 = step(text2, `${text2.slice(0, mid)}other = "198.51.100.1"\n${text2.slice(mid)}`, first2);
  assert.equal(got2[got2.length - 1].name, 'ike esp from 10.8.0.0/24 to 10.8.1.0/24 peer 198.51.100.1');
  // And removed again: the macro statement of the previous version touched the edit.
  const back = step(`${text2.slice(0, mid)}other = "198.51.100.1"\n${text2.slice(mid)}`, text2, got2);
  assert.equal(back[back.length - 1].name, 'ike esp from 10.8.0.0/24 to 10.8.1.0/24');
});

test('statements joined or split across the edit, strings and comments left open: equal to an outline made afresh', () => {
  const text = sites(8);
  const edits: ((t: string) => string)[] = [
    // A `\` at the end of a rule: the next line (a flow) becomes part of it.
    (t) => t.replace('psk "k3"\n', 'psk "k3" \\\n'),
    // A comment ending in `\` swallows the next line.
    (t) => t.replace('# site 4\n', '# site 4 \\\n'),
    // An unterminated quote.
    (t) => t.replace('psk "k5"', 'psk "k5'),
    // A line removed, a rule's address changed, everything after moved by a negative delta.
    (t) => t.replace('# site 2\n', ''),
    (t) => t.replace('10.1.6.0/24', '10.1.66.0/24'),
  ];
  let cur = text;
  let outline = openbsdDialect.outline(parse(cur));
  for (const edit of edits) {
    const next = edit(cur);
    assert.notEqual(next, cur);
    outline = step(cur, next, outline);
    // And undone, from the edited version's outline.
    const undone = step(next, cur, outline);
    outline = step(cur, next, undone);
    cur = next;
  }
});

test('random edits of a file of sites: every outline given the previous one equals one made without it', () => {
  let seed = 16;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pieces = ['\n', ' ', '\\\n', '#', '"', 'x = "10.0.0.1"\n', '$gw3', 'ike esp from 1.2.3.4 to 5.6.7.8\n', 'peer ', '{', '}'];
  let text = sites(12);
  let outline = openbsdDialect.outline(parse(text));
  for (let v = 0; v < 150; v++) {
    const at = Math.floor(rnd() * text.length);
    const del = rnd() < 0.5 ? Math.floor(rnd() * 12) : 0;
    const ins = rnd() < 0.7 ? pieces[Math.floor(rnd() * pieces.length)] : '';
    const next = text.slice(0, at) + ins + text.slice(at + del);
    if (next === text) continue;
    outline = step(text, next, outline);
    text = next;
  }
});
