// Diagnostic links: docsAnchor turns a code into the anchor the editor and SARIF link to, and
// docs/diagnostics.md must define that anchor for every code the CLI fixtures produce.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { docsAnchor, docsUrl, DOCS_URL } from '../../server/src/protocol';
import { ROOT } from './build';

test('docsAnchor: lower-cased, non-alphanumerics become one dash', () => {
  assert.equal(docsAnchor('ref/undefined'), 'ref-undefined');
  assert.equal(docsAnchor('ipsec/psk-mismatch'), 'ipsec-psk-mismatch');
  assert.equal(docsAnchor('Syntax/Unknown_Command'), 'syntax-unknown-command');
  assert.equal(docsAnchor('a//b'), 'a-b');
  assert.equal(docsUrl('ref/unused'), `${DOCS_URL}#ref-unused`);
});

test('docs/diagnostics.md defines the anchor of every code the fixtures produce', () => {
  const docs = fs.readFileSync(path.join(ROOT, 'docs/diagnostics.md'), 'utf8');
  const ids = new Set([...docs.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
  for (const code of ['detect/unknown-dialect', 'detect/binary-file', 'ref/undefined', 'ref/unused', 'syntax/missing-argument', 'ipsec/psk-mismatch']) {
    assert.ok(ids.has(docsAnchor(code)), `docs/diagnostics.md has no anchor for ${code}`);
    assert.match(docs, new RegExp(`^#{3,4} <a id="${docsAnchor(code)}"></a>${code.replace(/[/]/g, '\\/')}$`, 'm'));
  }
});

test('docs/diagnostics.md: every code heading has an anchor, and no anchor is defined twice', () => {
  const docs = fs.readFileSync(path.join(ROOT, 'docs/diagnostics.md'), 'utf8');
  const ids = [...docs.matchAll(/^#{3,4} <a id="([^"]+)"><\/a>/gm)].map((m) => m[1]);
  const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(dupes, []);
  const bare = [...docs.matchAll(/^#{3,4} ([a-z0-9-]+\/[a-z0-9-]+)\s*$/gm)].map((m) => m[1]);
  assert.deepEqual(bare, [], 'code headings without an explicit anchor');
});
