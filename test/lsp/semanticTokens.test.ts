// textDocument/semanticTokens/full over stdio against the bundled server: the legend announced at initialize,
// a pre-shared key marked `secret` (and never echoed in any other form), undefined names, and an answer for the
// text just sent (pending edits are applied before the request).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../cli/build';
import { decodeTokens, tokenTexts } from '../semantic/decode';
import { TestClient } from './client';

const URI = 'file:///semtok-test/edge.ios';
const TEXT = [
  'hostname EDGE',
  'crypto isakmp key Sup3r-S3cret address 192.0.2.2',
  'crypto ipsec transform-set TS esp-aes esp-sha-hmac',
  'crypto map CM 10 ipsec-isakmp',
  ' set peer 192.0.2.2',
  ' set transform-set TS',
  ' match address NOPE',
  '',
].join('\n');

describe('semantic tokens over stdio', () => {
  let client: TestClient;
  let legend: SemanticTokensLegend;

  before(() => {
    ensureBuilt();
    client = new TestClient();
  });

  after(async () => {
    if (client.proc.exitCode === null) await client.stop();
  });

  test('initialize announces full (with delta) and range semantic tokens with the legend', async () => {
    const res = await client.initialize(null, { textDocument: { semanticTokens: { requests: { full: true }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] } } });
    const provider = res.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend; full?: { delta?: boolean }; range?: boolean };
    assert.deepEqual(provider.legend, {
      tokenTypes: ['variable', 'type', 'class', 'function', 'namespace', 'macro', 'secret'],
      tokenModifiers: ['declaration', 'undefined'],
    });
    assert.deepEqual(provider.full, { delta: true });
    assert.equal(provider.range, true);
    legend = provider.legend;
  });

  test('a pre-shared key is a secret token; names are declared, resolved or undefined', async () => {
    await client.open(URI, 'cisco-ios', TEXT);
    const res = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    const tokens = decodeTokens(res.data, legend);
    assert.deepEqual(tokens, [
      { line: 1, char: 18, length: 12, type: 'secret', modifiers: [] },
      { line: 2, char: 27, length: 2, type: 'class', modifiers: ['declaration'] },
      { line: 3, char: 11, length: 2, type: 'class', modifiers: ['declaration'] },
      { line: 5, char: 19, length: 2, type: 'class', modifiers: [] },
      { line: 6, char: 15, length: 4, type: 'type', modifiers: ['undefined'] },
    ]);
    assert.deepEqual(tokenTexts(TEXT, tokens), ['Sup3r-S3cret', 'TS', 'CM', 'TS', 'NOPE']);
    assert.ok(!JSON.stringify(res).includes('Sup3r'), 'tokens carry positions, never text');
  });

  test('the answer is for the text just sent, before the diagnostics debounce runs', async () => {
    const edited = TEXT.replace(' set transform-set TS', ' set transform-set TSX');
    await client.replace(URI, edited);
    const res = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    const tokens = decodeTokens(res.data, legend);
    assert.deepEqual(tokens[3], { line: 5, char: 19, length: 3, type: 'class', modifiers: ['undefined'] });
    assert.deepEqual(tokenTexts(edited, tokens), ['Sup3r-S3cret', 'TS', 'CM', 'TSX', 'NOPE']);
  });

  test('full/delta: the edits since the previous result turn its data into the current data', async () => {
    const base = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    assert.equal(typeof base.resultId, 'string');
    // Unchanged text: no edits, same result id.
    const same = await client.request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri: URI }, previousResultId: base.resultId });
    assert.deepEqual(same, { resultId: base.resultId, edits: [] });
    // A line inserted above the map: the first token after it moves one line down; nothing else changes.
    const edited = TEXT.replace(' set transform-set TSX', ' set transform-set TS').replace('crypto map CM 10', 'ip access-list extended NOPE\ncrypto map CM 10');
    await client.replace(URI, edited);
    const delta = await client.request<SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri: URI }, previousResultId: base.resultId });
    assert.notEqual(delta.resultId, base.resultId);
    const full = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    const data = [...base.data];
    for (const e of [...delta.edits].reverse()) data.splice(e.start, e.deleteCount, ...(e.data ?? []));
    assert.deepEqual(data, full.data);
    assert.ok(delta.edits.length === 1 && delta.edits[0].deleteCount < base.data.length, 'one edit, not the whole array');
    assert.deepEqual(tokenTexts(edited, decodeTokens(full.data, legend)), ['Sup3r-S3cret', 'TS', 'NOPE', 'CM', 'TS', 'NOPE']);
    // An unknown previous result id gets the full tokens.
    const unknown = await client.request<SemanticTokens>('textDocument/semanticTokens/full/delta', { textDocument: { uri: URI }, previousResultId: 'nope' });
    assert.deepEqual(unknown.data, full.data);
  });

  test('range: the tokens overlapping the range, encoded from the first of them', async () => {
    const edited = TEXT.replace('crypto map CM 10', 'ip access-list extended NOPE\ncrypto map CM 10');
    const res = await client.request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri: URI },
      range: { start: { line: 3, character: 0 }, end: { line: 6, character: 0 } },
    });
    const tokens = decodeTokens(res.data, legend);
    assert.deepEqual(tokens, [
      { line: 3, char: 24, length: 4, type: 'type', modifiers: ['declaration'] },
      { line: 4, char: 11, length: 2, type: 'class', modifiers: ['declaration'] },
    ]);
    assert.deepEqual(tokenTexts(edited, tokens), ['NOPE', 'CM']);
  });

  test('a file the server does not know gets an empty answer, and the server shuts down cleanly', async () => {
    const res = await client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: 'file:///semtok-test/none.ios' } });
    assert.deepEqual(res, { data: [] });
    assert.equal(await client.stop(), 0);
  });
});
