// strongSwan inputs the fuzzer found (seed 20261206): behaviour kept while the quadratic paths went away. Timing
// belongs to `bench/hostile.mjs` (shapes swanctlLongValue, secretsColonsCompletion); these assert results.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCompletions } from '../../server/src/features/completion';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { createLanguageService } from '../../server/src/service';

function labelsAt(uri: string, text: string, line: number, character: number, languageId?: string): string[] {
  const s = createLanguageService();
  s.setDocument(uri, text, 1, languageId as never);
  return getCompletions(s, uri, { line, character }).map((c) => c.label);
}

describe('strongSwan hostile shapes', () => {
  it('a swanctl setting of many space-separated values keeps one token per value, in order', async () => {
    const { parseSwanctl } = await import('../../server/src/dialects/strongswan/swanctl-parse');
    const values = Array.from({ length: 500 }, (_, i) => `10.0.${i >> 8}.${i & 255}`);
    const text = `connections {\n  c {\n    local_addrs = ${values.join(' ')}\n  }\n}\n`;
    const parsed = parseSwanctl(text);
    const setting = (parsed.tree.items[0] as any).items[0].items[0];
    assert.equal(setting.kind, 'SwanctlSetting');
    assert.deepEqual(setting.tokens.slice(2).map((t: { text: string }) => t.text), values);
  });

  it('ipsec.secrets: the secret type is offered after `:` and one word at most, whatever the line holds before', () => {
    const uri = 'file:///etc/ipsec.secrets';
    const at = (line: string) => labelsAt(uri, `: PSK "k"\n${line}`, 1, line.length, 'strongswan').includes('PSK');
    assert.equal(at('203.0.113.2 : '), true);
    assert.equal(at('203.0.113.2 : PS'), true);
    assert.equal(at('203.0.113.2 : PSK '), false);
    assert.equal(at('203.0.113.2 '), false);
    assert.equal(at(`${':'.repeat(20_000)}x`), true);
    assert.equal(at(`${': a '.repeat(5_000)}`), false);
  });

  it('a swanctl.conf nested 10,000 sections deep has an outline, bounded in depth', () => {
    const s = createLanguageService();
    const uri = 'file:///deep/swanctl.conf';
    const n = 10_000;
    s.setDocument(uri, `${'a {\n'.repeat(n)}${'}\n'.repeat(n)}`, 1);
    const symbols = getDocumentSymbols(s, uri);
    let depth = 0;
    for (let level = symbols; level.length; level = level[0].children ?? []) depth++;
    assert.equal(depth, 32);
  });
});
