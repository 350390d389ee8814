// The pure LSP features over an in-process language service: position conversion (CRLF), folding lines,
// versioned quick-fix targets, completion replace ranges and runSafe. No server process.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { getCodeActions } from '../../server/src/features/codeActions';
import { getCompletions } from '../../server/src/features/completion';
import { getDiagnostics } from '../../server/src/features/diagnostics';
import { getFoldingRanges } from '../../server/src/features/folding';
import { runSafe } from '../../server/src/features/runSafe';
import { createLanguageService } from '../../server/src/service';

const FIXTURES = path.join(__dirname, '../cli/fixtures');

test('diagnostic ranges are 0-based line/character, also with CRLF line ends', () => {
  const s = createLanguageService();
  const uri = 'file:///w/gw.ipsec.conf';
  s.setDocument(uri, '# first line\r\nike esp from to 198.51.100.0/24 peer 203.0.113.1\r\n', 1);
  const d = getDiagnostics(s, uri).find((x) => x.code === 'syntax/missing-argument');
  assert.deepEqual(d?.range, { start: { line: 1, character: 8 }, end: { line: 1, character: 12 } });
  assert.equal(d?.source, 'netcfg');
  assert.deepEqual(d?.data, { version: 1 });
});

test('folding ranges end on the last line of the block, not the line after it', () => {
  const s = createLanguageService();
  const uri = 'file:///w/r1.ios';
  s.setDocument(uri, fs.readFileSync(path.join(FIXTURES, 'basic/r1.ios'), 'utf8'), 1);
  // crypto map block: lines 2-5 (0-based); interface block: lines 7-9.
  assert.deepEqual(
    getFoldingRanges(s, uri).map((f) => [f.startLine, f.endLine]),
    [
      [2, 5],
      [7, 9],
    ],
  );
});

test('quick fixes pin each document to the version the host gives, and refuse stale requests', () => {
  const s = createLanguageService();
  const a = 'file:///w/a.ipsec.conf';
  const b = 'file:///w/b.ipsec.conf';
  s.setDocument(a, fs.readFileSync(path.join(FIXTURES, 'pair/a.ipsec.conf'), 'utf8'), 7);
  s.setDocument(b, fs.readFileSync(path.join(FIXTURES, 'pair/b.ipsec.conf'), 'utf8'), 3);
  const range = { start: { line: 4, character: 12 }, end: { line: 4, character: 12 } };
  // The findings' own fixes (the rules' "Ignore …" and "Show documentation …" actions are tested in test/rules).
  const fixesOnly = (xs: ReturnType<typeof getCodeActions>) => xs.filter((x) => x.edit && !x.title.startsWith('Ignore '));
  const actions = fixesOnly(getCodeActions(s, { uri: a, range }, { versionOf: (u) => (u === a ? 42 : null) }));
  assert.ok(actions.length >= 1);
  for (const act of actions) {
    for (const c of act.edit!.documentChanges! as { textDocument: { uri: string; version: number | null } }[]) {
      assert.equal(c.textDocument.version, c.textDocument.uri === a ? 42 : null);
    }
  }
  // Default targets: the service's own versions.
  const dflt = fixesOnly(getCodeActions(s, { uri: a, range }));
  assert.ok((dflt[0].edit!.documentChanges! as { textDocument: { uri: string; version: number } }[]).every((c) => c.textDocument.version === (c.textDocument.uri === a ? 7 : 3)));
  assert.deepEqual(getCodeActions(s, { uri: a, range, version: 6 }), []);
  const stale = { ...dflt[0].diagnostics![0], data: { version: 6 } };
  assert.deepEqual(getCodeActions(s, { uri: a, range, diagnostics: [stale] }), []);
  assert.deepEqual(getCodeActions(s, { uri: 'file:///w/none.ios', range }), []);
});

test('completion items replace the partial word left of the cursor by default', () => {
  const s = createLanguageService();
  const uri = 'file:///w/gw.ipsec.conf';
  const line = 'ike esp from 10.1.0.0/16 to 10.2.0.0/16 peer 198.51.100.1 ma';
  s.setDocument(uri, `${line}\n`, 1);
  const items = getCompletions(s, uri, { line: 0, character: line.length });
  assert.ok(items.length > 0, "OpenBSD proposes clause keywords");
  for (const item of items) {
    const edit = item.textEdit as { range: { start: { line: number; character: number }; end: { line: number; character: number } } };
    assert.deepEqual(edit.range.end, { line: 0, character: line.length });
    assert.equal(edit.range.start.line, 0);
  }
});

test('runSafe logs a crash and returns the fallback', () => {
  const logged: string[] = [];
  const res = runSafe((m) => logged.push(m), 'hover', 'fallback', () => {
    throw new Error('boom');
  });
  assert.equal(res, 'fallback');
  assert.equal(logged.length, 1);
  assert.match(logged[0], /^hover failed: Error: boom/);
});
