// Editor requests computed once per document version (issue 16): semantic tokens, outline, folding and code lenses
// are cached per version and recomputed for a new one (or a re-parse after a settings change); semantic tokens
// range and full/delta. In-process language service, real IOS snippets.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCodeLenses } from '../../server/src/features/codeLens';
import { getFoldingRanges } from '../../server/src/features/folding';
import { diffData, getSemanticTokens, getSemanticTokensDelta, getSemanticTokensRange, SEMANTIC_TOKENS_LEGEND } from '../../server/src/features/semanticTokens';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { createLanguageService } from '../../server/src/service';
import { decodeTokens, tokenTexts } from '../semantic/decode';

const A = 'file:///cache/a.ios';
const B = 'file:///cache/b.ios';
const TEXT_A = `hostname A
crypto isakmp policy 10
 encryption aes 256
 authentication pre-share
 group 14
crypto isakmp key k3y-A-B address 192.0.2.2
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
ip access-list extended VPN
 permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255
crypto map CM 10 ipsec-isakmp
 set peer 192.0.2.2
 set transform-set TS
 match address VPN
interface GigabitEthernet0/0
 ip address 192.0.2.1 255.255.255.0
 crypto map CM
`;
const TEXT_B = TEXT_A.replace('hostname A', 'hostname B')
  .replace('address 192.0.2.2', 'address 192.0.2.1')
  .replace('set peer 192.0.2.2', 'set peer 192.0.2.1')
  .replace('ip address 192.0.2.1', 'ip address 192.0.2.2')
  .replace('10.1.0.0 0.0.0.255 10.2.0.0', '10.2.0.0 0.0.0.255 10.1.0.0');

describe('editor requests cached per document version', () => {
  it('semantic tokens, outline and folding: the same result for the same version, a new one for a new version', () => {
    const service = createLanguageService();
    service.setDocument(A, TEXT_A, 1);
    const tokens = getSemanticTokens(service, A);
    const symbols = getDocumentSymbols(service, A);
    const folding = getFoldingRanges(service, A);
    assert.ok(tokens.data.length > 0 && symbols.length > 0 && folding.length > 0);
    assert.equal(getSemanticTokens(service, A).data, tokens.data);
    assert.equal(getSemanticTokens(service, A).resultId, tokens.resultId);
    assert.equal(getDocumentSymbols(service, A), symbols);
    assert.equal(getFoldingRanges(service, A), folding);
    // A new version: computed again, for the new text.
    const edited = `! top\n${TEXT_A}`;
    service.setDocument(A, edited, 2);
    const tokens2 = getSemanticTokens(service, A);
    assert.notEqual(tokens2.resultId, tokens.resultId);
    assert.deepEqual(decodeTokens(tokens2.data, SEMANTIC_TOKENS_LEGEND)[0].line, decodeTokens(tokens.data, SEMANTIC_TOKENS_LEGEND)[0].line + 1);
    const symbols2 = getDocumentSymbols(service, A);
    assert.notEqual(symbols2, symbols);
    assert.equal(symbols2[0].range.start.line, symbols[0].range.start.line + 1);
    assert.notEqual(getFoldingRanges(service, A), folding);
    assert.equal(getFoldingRanges(service, A)[0].startLine, folding[0].startLine + 1);
    // A settings change re-parses the same version: computed again.
    service.updateSettings({ reportUnknownCommands: true });
    assert.notEqual(getDocumentSymbols(service, A), symbols2);
    assert.notEqual(getSemanticTokens(service, A).resultId, tokens2.resultId);
  });

  it('code lenses: recomputed when the peer changes, though this document did not', () => {
    const service = createLanguageService();
    service.setDocument(A, TEXT_A, 1);
    service.setDocument(B, TEXT_B, 1);
    const lenses = getCodeLenses(service, A);
    assert.ok(lenses.length > 0, 'a lens for the paired peer');
    assert.equal(getCodeLenses(service, A), lenses);
    service.setDocument(B, TEXT_B.replace('k3y-A-B', 'other-key'), 2);
    const after = getCodeLenses(service, A);
    assert.notEqual(after, lenses);
    assert.notDeepEqual(after.map((l) => l.command?.title), lenses.map((l) => l.command?.title));
    // The peer closed and forgotten: no lens for it any more; back again: the lens returns.
    service.removeDocument(B);
    assert.deepEqual(getCodeLenses(service, A), []);
    service.setDocument(B, TEXT_B, 3);
    assert.deepEqual(getCodeLenses(service, A).map((l) => l.command?.title), lenses.map((l) => l.command?.title));
  });

  it('range: the tokens overlapping the lines asked for, from the cached list', () => {
    const service = createLanguageService();
    service.setDocument(A, TEXT_A, 1);
    const all = decodeTokens(getSemanticTokens(service, A).data, SEMANTIC_TOKENS_LEGEND);
    const range = decodeTokens(getSemanticTokensRange(service, A, { start: { line: 9, character: 0 }, end: { line: 13, character: 0 } }).data, SEMANTIC_TOKENS_LEGEND);
    assert.deepEqual(range, all.filter((t) => t.line >= 9 && t.line < 13));
    assert.deepEqual(tokenTexts(TEXT_A, range), ['CM', 'TS', 'VPN']);
    // A range starting inside a token still includes it; one ending at a token's start does not.
    const inside = decodeTokens(getSemanticTokensRange(service, A, { start: { line: 9, character: 12 }, end: { line: 11, character: 19 } }).data, SEMANTIC_TOKENS_LEGEND);
    assert.deepEqual(tokenTexts(TEXT_A, inside), ['CM']);
  });

  it('delta: one edit between the common prefix and suffix; an unknown previous id gets the full result', () => {
    const service = createLanguageService();
    service.setDocument(A, TEXT_A, 1);
    const first = getSemanticTokens(service, A);
    // One token changes (the reference to TS becomes an undefined TSX): one token's five integers are replaced.
    service.setDocument(A, TEXT_A.replace(' set transform-set TS', ' set transform-set TSX'), 2);
    const delta = getSemanticTokensDelta(service, A, first.resultId!);
    assert.ok('edits' in delta);
    const full = getSemanticTokens(service, A);
    assert.equal(delta.resultId, full.resultId);
    const data = [...first.data];
    for (const e of delta.edits) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    assert.deepEqual(data, full.data);
    assert.equal(delta.edits.length, 1);
    assert.ok(delta.edits[0].deleteCount <= 5, `one token: ${JSON.stringify(delta.edits)}`);
    const unknown = getSemanticTokensDelta(service, A, 'stale');
    assert.ok(!('edits' in unknown));
    assert.deepEqual(unknown.data, full.data);
  });

  it('diffData: applying the edit to the old array gives the new one', () => {
    const cases: [number[], number[]][] = [
      [[], []],
      [[1, 2, 3], [1, 2, 3]],
      [[1, 2, 3], []],
      [[], [4, 5]],
      [[1, 2, 3, 4, 5], [1, 2, 9, 4, 5]],
      [[1, 2, 3, 4, 5], [1, 2, 4, 5]],
      [[1, 1, 1], [1, 1, 1, 1]],
      [[0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]],
    ];
    for (const [a, b] of cases) {
      const edits = diffData(a, b);
      assert.ok(edits.length <= 1);
      const res = [...a];
      for (const e of edits) res.splice(e.start, e.deleteCount, ...(e.data ?? []));
      assert.deepEqual(res, b, `${a} → ${b}`);
      if (a.length === b.length && a.every((x, i) => x === b[i])) assert.deepEqual(edits, []);
    }
  });
});
