// Cancellation over stdio against the bundled server: a request the client cancels ($/cancelRequest) is answered
// RequestCancelled (-32800) without its work, a request superseded by a newer change of its document (already
// queued behind it) too, and the server stays correct: the next request and the diagnostics are for the newest text.
// Each case first keeps the server busy (a large file's outline) so that the messages after it queue up behind it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Hover, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../cli/build';
import { decodeTokens, tokenTexts } from '../semantic/decode';
import { TestClient } from './client';

const URI = 'file:///cancel-test/edge.ios';
const BIG = 'file:///cancel-test/big.ios';
const TEXT = ['hostname EDGE', 'crypto ipsec transform-set TS esp-aes esp-sha-hmac', 'crypto map CM 10 ipsec-isakmp', ' set peer 192.0.2.2', ' set transform-set TS', ' match address NOPE', ''].join('\n');

/** A 40,000-line IOS ACL: parsing and outlining it keeps the server busy for a while. */
function bigText(version: number): string {
  const out = [`hostname BIG${version}`, 'ip access-list extended BIG'];
  for (let i = 0; i < 40_000; i++) out.push(` permit tcp any host 10.${(i >> 8) & 255}.${i & 255}.1 eq ${(i % 60000) + 1}`);
  return `${out.join('\n')}\n`;
}

/** The JSON-RPC error code a request was answered with, or 'result' when it was answered with a result. */
async function outcome(p: Promise<unknown>): Promise<number | 'result'> {
  try {
    await p;
    return 'result';
  } catch (err) {
    assert.ok(err instanceof ResponseError, String(err));
    return err.code;
  }
}

describe('cancelled and superseded requests over stdio', () => {
  let client: TestClient;
  let legend: SemanticTokensLegend;
  let bigVersion = 1;

  /** Edits the big file and asks for its outline: the server is busy once it reads the request. */
  function busy(): Promise<unknown> {
    void client.replace(BIG, bigText(++bigVersion));
    return client.request('textDocument/documentSymbol', { textDocument: { uri: BIG } });
  }

  before(async () => {
    ensureBuilt();
    client = new TestClient();
    const res = await client.initialize(null);
    legend = (res.capabilities.semanticTokensProvider as { legend: SemanticTokensLegend }).legend;
    await client.open(URI, 'cisco-ios', TEXT);
    await client.open(BIG, 'cisco-ios', bigText(1));
    await client.waitFor(() => client.diagnostics.get(URI), 'first diagnostics', 60_000);
  });

  after(async () => {
    if (client.proc.exitCode === null) await client.stop();
  });

  test('a request cancelled while queued is answered RequestCancelled; the next one is answered', async () => {
    const work = busy();
    const source = new CancellationTokenSource();
    const hover = client.conn.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 3 } }, source.token);
    source.cancel();
    assert.equal(await outcome(hover), -32800);
    await work;
    const again = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: URI }, position: { line: 1, character: 3 } });
    assert.ok(again && JSON.stringify(again.contents).length > 0, 'hover after the cancelled one has content');
  });

  test('a request with a newer change of its document queued behind it is skipped; the state is the newest', async () => {
    const work = busy();
    // Version 2 renames the map's ACL to an undefined name; version 3 defines it. The tokens request between them
    // is superseded by version 3; the one after version 3 is answered for it.
    const v2 = TEXT.replace('match address NOPE', 'match address ACL2');
    const v3 = `ip access-list extended ACL2\n${v2}`;
    void client.replace(URI, v2);
    const stale = client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    void client.replace(URI, v3);
    const fresh = client.request<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri: URI } });
    assert.equal(await outcome(stale), -32800);
    await work;
    const tokens = decodeTokens((await fresh).data, legend);
    assert.deepEqual(tokenTexts(v3, tokens), ['ACL2', 'TS', 'CM', 'TS', 'ACL2']);
    assert.deepEqual(tokens[4], { line: 6, char: 15, length: 4, type: 'type', modifiers: [] });
    // Diagnostics arrive for version 3, and the undefined ACL of version 2 is not among them.
    const published = await client.waitFor(() => client.published.find((p) => p.uri === URI && p.version === 3), 'diagnostics of version 3', 60_000);
    assert.ok(!published.diagnostics.some((d) => d.code === 'ref/undefined'), JSON.stringify(published.diagnostics));
  });

  test('requests of other documents are not superseded by an edit of this one', async () => {
    const work = busy();
    void client.replace(URI, `${TEXT}! comment\n`);
    const other = client.request<SemanticTokens>('textDocument/semanticTokens/range', {
      textDocument: { uri: BIG },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    });
    void client.replace(URI, `${TEXT}! comment 2\n`);
    assert.equal(await outcome(other), 'result');
    await work;
    assert.equal(await client.stop(), 0);
  });
});
