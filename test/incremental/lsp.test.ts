// Document sync with incremental changes over stdio (issue 16): the server passes the editor's changes to the service
// (offsets in the text each applies to, several per notification, bursts coalesced by the edit debounce), and the
// diagnostics it publishes for the edited text equal those of a server that was given the final text whole.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ensureBuilt } from '../cli/build';
import { TestClient } from '../lsp/client';
import { rng } from './edits';

const URI = 'file:///incremental-lsp/edge.rsc';
const BASE = ['# by RouterOS 7.12', '/ip ipsec profile', 'add dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 name=P1', '/ip address'];
for (let i = 0; i < 200; i++) BASE.push(`add address=10.0.${i}.1/24 interface=ether${(i % 8) + 1}`);
const TEXT = `${BASE.join('\n')}\n`;

/** Position of an offset in `text` (LSP line/character). */
function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function shape(p: PublishDiagnosticsParams | undefined): unknown {
  return (p?.diagnostics ?? []).map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.message]);
}

test('incremental changes give the diagnostics of the whole text', { timeout: 120_000 }, async () => {
  ensureBuilt();
  const edited = new TestClient();
  const whole = new TestClient();
  try {
    await edited.initialize(null);
    await whole.initialize(null);
    await edited.open(URI, 'routeros', TEXT);
    let text = TEXT;
    let version = 1;
    const random = rng(16);
    const PIECES = ['/ip ipsec profile\nadd dh-group=modp1025 name=P9\n', 'add address=10.9.9.9/24 interface=ether1\n', 'x', '\n', '"', '\\\n', 'dh-group=modp1025 ', '/ip address\n', ''];
    for (let round = 0; round < 12; round++) {
      // A notification of one to three changes, each in the text the previous one made; a few per burst.
      for (let burst = 0; burst < 3; burst++) {
        const changes = [];
        for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
          const start = Math.floor(random() * (text.length + 1));
          const end = Math.min(text.length, start + Math.floor(random() * 12));
          const insert = PIECES[Math.floor(random() * PIECES.length)];
          changes.push({ range: { start: position(text, start), end: position(text, end) }, text: insert });
          text = text.slice(0, start) + insert + text.slice(end);
        }
        await edited.conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: ++version }, contentChanges: changes });
      }
      const want = version;
      await edited.waitFor(() => edited.diagnostics.get(URI)?.version === want, `diagnostics of version ${want}`);
    }
    await whole.open(URI, 'routeros', text);
    const reference = await whole.waitFor(() => whole.diagnostics.get(URI), 'diagnostics of the whole text');
    const got = edited.diagnostics.get(URI);
    assert.ok(reference.diagnostics.length > 0, 'the edits made diagnostics to compare');
    assert.deepEqual(shape(got), shape(reference));
    // A whole-text change after incremental ones (the service compares the texts).
    text = `${text}add address=10.8.8.8/24 interface=ether1 dh-group=x\n`;
    const v = version + 1;
    await edited.conn.sendNotification('textDocument/didChange', { textDocument: { uri: URI, version: v }, contentChanges: [{ text }] });
    await whole.replace(URI, text);
    await edited.waitFor(() => edited.diagnostics.get(URI)?.version === v, 'diagnostics after the whole-text change');
    await whole.waitFor(() => whole.diagnostics.get(URI)?.version === 2, 'reference after the whole-text change');
    assert.deepEqual(shape(edited.diagnostics.get(URI)), shape(whole.diagnostics.get(URI)));
  } finally {
    await edited.stop();
    await whole.stop();
  }
});
