// Hostile OpenBSD ipsec.conf shapes (issue 15): thousands of nested `{` (used to overflow the stack) and files of
// brace soup (one diagnostic per byte, then a report too large for a string). Outcomes only; times are in the bench.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { openbsdDialect, parseIpsecConf } from '../../server/src/dialects/openbsd';
import { createLanguageService } from '../../server/src/service';
import { MAX_SYNTAX_DIAGNOSTICS } from '../../server/src/syntax';

const FIXTURES = path.join(__dirname, 'fixtures', 'hostile');

function check(text: string, uri = 'file:///hostile/ipsec.conf') {
  const service = createLanguageService();
  service.setDocument(uri, text, 1);
  return service.getFindings(uri);
}

describe('OpenBSD nested address lists', () => {
  it('10,000 nested `{` (repro file) parse without a crash: one unclosed list, one empty list', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'openbsd-nested-braces-10k.ipsec.conf'), 'utf8');
    const findings = check(text);
    assert.ok(!findings.some((f) => f.code === 'internal/parser-crash'), findings.map((f) => f.message).join('\n'));
    const braces = [...text.matchAll(/\{/g)];
    assert.equal(braces.length, 10_000);
    const unclosed = findings.filter((f) => f.message.startsWith("Unclosed '{' list"));
    assert.equal(unclosed.length, 1);
    assert.equal(unclosed[0].range.start, braces[0].index);
    assert.match(unclosed[0].message, /10,000 nested lists are open|10000 nested lists are open/);
    const empty = findings.filter((f) => f.message === 'Empty address list');
    assert.equal(empty.length, 1);
    assert.equal(empty[0].range.start, braces[braces.length - 1].index);
    assert.ok(findings.length <= 5, `${findings.length} findings`);
  });

  it('the fuzzer\'s crash input (repro file) parses without a crash', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'openbsd-parser-crash-diag-small-ddd1e1c8.txt'), 'utf8');
    const parsed = openbsdDialect.parse(text, {});
    const lowered = openbsdDialect.lower(parsed, 'file:///x/ipsec.conf', {});
    assert.ok(!lowered.diagnostics.some((d) => d.code === 'internal/parser-crash'));
    assert.ok(lowered.diagnostics.length < 10);
    assert.equal(parsed.tokens.map((t) => t.text).join(''), text);
  });

  it('100,000 nested `{` closed again yield exactly one empty-list error', () => {
    const depth = 100_000;
    const r = parseIpsecConf(`ike esp from ${'{'.repeat(depth)}${'}'.repeat(depth)} to 10.0.0.0/8 peer 192.0.2.1\n`);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.message, d.range.start]), [['syntax/missing-argument', 'Empty address list', 13 + depth - 1]]);
  });

  it('nested lists flatten into the rule\'s hosts, as parse.y `host_list` does', () => {
    const r = parseIpsecConf('ike esp from { 10.0.0.0/24, { 10.1.0.0/24, { 10.2.0.0/24 } } } to 10.9.0.0/16 peer 192.0.2.1\n');
    assert.deepEqual(r.diagnostics, []);
    const rule = r.tree.statements[0].rule!;
    assert.deepEqual(rule.hosts!.src.map((h) => h.written), ['10.0.0.0/24', '10.1.0.0/24', '10.2.0.0/24']);
    assert.deepEqual(rule.hosts!.dst.map((h) => h.written), ['10.9.0.0/16']);
  });

  it('an unclosed single list still reports where it opens', () => {
    const r = parseIpsecConf('ike esp from { 10.0.0.0/24, 10.1.0.0/24\n');
    assert.deepEqual(
      r.diagnostics.map((d) => [d.message, d.range.start]),
      [
        ["Unclosed '{' list: add '}'", 13],
        ['`from` needs a matching `to DESTINATION`', 8],
      ],
    );
  });
});

describe('OpenBSD brace soup', () => {
  // 4 lines of `ike }{}{…` (200 KB): 200,000 stray braces, each one `syntax/unexpected-token`.
  const text = `${Array.from({ length: 4 }, () => `ike ${'}{'.repeat(25_000)}`).join('\n')}\n`;

  it('reports at most 1,000 diagnostics and one summary with the number dropped', () => {
    const findings = check(text);
    assert.equal(findings.length, MAX_SYNTAX_DIAGNOSTICS + 1);
    const summary = findings.filter((f) => f.code === 'syntax/too-many-errors');
    assert.equal(summary.length, 1);
    assert.equal(summary[0].severity, 'warning');
    assert.deepEqual(summary[0].range, { start: 0, end: 0 });
    // 200,000 stray braces plus one missing `from … to` per rule.
    const total = 4 * 50_000 + 4;
    assert.match(summary[0].message, new RegExp(`dropped ${(total - MAX_SYNTAX_DIAGNOSTICS).toLocaleString('en-US')} more`));
    assert.equal(findings.filter((f) => f.code === 'syntax/unexpected-token').length, MAX_SYNTAX_DIAGNOSTICS);
  });

  it('keeps the parse lossless and every rule', () => {
    const parsed = openbsdDialect.parse(text, {});
    assert.equal(parsed.tree.statements.length, 4);
    assert.equal(parsed.tokens.length, 4 * (2 + 50_000) + 4);
    assert.ok(parsed.diagnostics.length <= MAX_SYNTAX_DIAGNOSTICS + 1);
  });
});
