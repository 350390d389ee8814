// Issue 16: hover and completion on a 100,000-line ipsec.conf used to scan the document's token list (built for the
// purpose on the first request after each edit), its statements, macros and IKE peers. They now find the token and
// statement by binary search and the rest in indexes built once per parse or lowering. The work is counted (reads of
// those lists during one request, after a first request built the indexes), not timed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openbsdDialect, type ObsdFile } from '../../server/src/dialects/openbsd';
import type { FeatureContext } from '../../server/src/dialects/types';
import type * as model from '../../server/src/model';
import type { ParseResult } from '../../server/src/syntax';

/** Sites of 5 lines each (comment, macro, ike rule, flow, blank), like bench/shapes.mjs `openbsdConfig`. */
function config(sites: number): string {
  const out: string[] = [];
  for (let i = 0; i < sites; i++) {
    const [a, b] = [(i >> 8) & 255, i & 255];
    out.push(`# site ${i}`, `gw${i} = "192.0.${a}.${b}"`);
    out.push(`ike esp from 10.1.${a}.${b} to 10.2.${a}.0/24 peer $gw${i} main auth hmac-sha2-256 enc aes-256 group modp2048 quick auth hmac-sha2-256 enc aes-256 group modp2048 psk "secret-${i}"`);
    out.push(`flow esp from 10.3.${a}.${b} to 10.4.${a}.0/24 peer $gw${i}`, '');
  }
  return `${out.join('\n')}\n`;
}

/** An array whose element reads are counted in `counter.reads`. */
function counted<T>(items: T[], counter: { reads: number }): T[] {
  return new Proxy(items, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) counter.reads++;
      return Reflect.get(target, key, receiver);
    },
  });
}

function setup(sites: number) {
  const text = config(sites);
  const parsed0 = openbsdDialect.parse(text, {});
  const lowered = openbsdDialect.lower(parsed0, 'file:///big/ipsec.conf', {});
  const counter = { reads: 0, tokenLists: 0 };
  const tree: ObsdFile = { ...parsed0.tree, statements: counted(parsed0.tree.statements, counter), macros: counted(parsed0.tree.macros, counter) };
  const parsed = { text, tree, diagnostics: parsed0.diagnostics } as ParseResult<ObsdFile>;
  Object.defineProperty(parsed, 'tokens', { get: () => (counter.tokenLists++, parsed0.tokens) });
  const device: model.Device = { ...lowered.device, ipsecPeers: counted(lowered.device.ipsecPeers, counter) };
  const ctx: FeatureContext = { device, peers: [], lowered: { ...lowered, device } };
  const offsetOf = (line: number, character: number) => {
    let at = 0;
    for (let i = 0; i < line; i++) at = text.indexOf('\n', at) + 1;
    return at + character;
  };
  return { parsed, ctx, counter, offsetOf };
}

describe('ipsec.conf hover and completion on a big file (issue 16)', () => {
  const sites = 4_000; // 20,000 lines
  const { parsed, ctx, counter, offsetOf } = setup(sites);

  it('hover reads a few statements and no token list', () => {
    // The first requests after an edit build the indexes: the peers' on a rule, the macros' on a macro (built only
    // when a hover needs them).
    openbsdDialect.hover!(parsed, offsetOf(2, 1), ctx);
    openbsdDialect.hover!(parsed, offsetOf(3, text(parsed, 3).indexOf('$gw') + 1), ctx);
    counter.reads = 0;
    counter.tokenLists = 0;
    const site = sites / 2;
    const h = openbsdDialect.hover!(parsed, offsetOf(5 * site + 2, 1), ctx);
    assert.match(h?.markdown ?? '', new RegExp(`\\*\\*Peer\\*\\* 192\\.0\\.${(site >> 8) & 255}\\.${site & 255}`));
    const macro = openbsdDialect.hover!(parsed, offsetOf(5 * site + 3, text(parsed, 5 * site + 3).indexOf('$gw') + 1), ctx);
    assert.equal(macro?.markdown, `**Macro** \`gw${site}\` = \`192.0.${(site >> 8) & 255}.${site & 255}\``);
    assert.equal(openbsdDialect.hover!(parsed, offsetOf(5 * site, 3), ctx), undefined); // a comment
    assert.equal(counter.tokenLists, 0);
    assert.ok(counter.reads < 200, `${counter.reads} reads of statements, macros and peers for three hovers`);
  });

  it('completion reads a few statements and no token list', () => {
    counter.reads = 0;
    counter.tokenLists = 0;
    const site = sites / 2;
    const line = 5 * site + 2;
    const items = openbsdDialect.complete!(parsed, offsetOf(line, 4), ctx);
    assert.ok(items.some((i) => i.label === 'esp') && items.some((i) => i.label === 'from'));
    // Inside the word `esp` (replace range: the word).
    const inWord = openbsdDialect.complete!(parsed, offsetOf(line, 6), ctx);
    assert.deepEqual(inWord.find((i) => i.label === 'esp')?.replaceRange, { start: offsetOf(line, 4), end: offsetOf(line, 7) });
    assert.equal(counter.tokenLists, 0);
    assert.ok(counter.reads < 200, `${counter.reads} reads of statements, macros and peers for two completions`);
  });

  it('lists the macros defined above the cursor after `peer`', () => {
    const line = 5 * 3 + 2;
    const offset = offsetOf(line, text(parsed, line).indexOf('$gw3'));
    const labels = openbsdDialect.complete!(parsed, offset, ctx).map((i) => i.label);
    assert.deepEqual(labels.filter((l) => l.startsWith('$')), ['$gw0', '$gw1', '$gw2', '$gw3']);
  });
});

function text(parsed: ParseResult<ObsdFile>, line: number): string {
  return parsed.text.split('\n')[line];
}
