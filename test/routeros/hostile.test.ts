// Hostile RouterOS shapes (issue 15): `\` continuations over thousands of lines, a 60 KB menu path, completion inside
// a 100,000-character word. Inputs are generated in memory; the tests assert outcomes, the bench (`npm run bench`,
// section `hostile`) asserts nothing but measures that each stays linear.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRouterOs, type RosCommand, type RosMenu } from '../../server/src/dialects/routeros';
import { keyValueAtEnd, trailingWord } from '../../server/src/dialects/routeros/features';
import { getCompletions } from '../../server/src/features/completion';
import { createLanguageService } from '../../server/src/service';

function continued(lines: number): string {
  const out = ['/ip firewall filter', 'add chain=forward \\'];
  for (let i = 1; i <= lines - 3; i++) out.push(`    comment=c${i} \\`);
  out.push('    action=accept', '');
  return out.join('\n');
}

describe('RouterOS continuation over 20,000 lines', () => {
  const text = continued(20_000);
  const r = parseRouterOs(text);
  const cmds = r.tree.children.filter((c): c is RosCommand => c.kind === 'RosCommand');

  it('is one command with every parameter', () => {
    assert.equal(cmds.length, 1);
    const cmd = cmds[0];
    assert.equal(cmd.path, 'ip firewall filter');
    assert.equal(cmd.verb?.name, 'add');
    assert.equal(cmd.params.length, 1 + 19_997 + 1);
    assert.deepEqual([cmd.params[0].key, cmd.params[0].value], ['chain', 'forward']);
    assert.deepEqual([cmd.params[cmd.params.length - 1].key, cmd.params[cmd.params.length - 1].value], ['action', 'accept']);
    assert.equal(r.diagnostics.length, 0);
  });

  it('keeps physical ranges on every continued line', () => {
    const p = cmds[0].params[12_345];
    assert.equal(p.value, 'c12345');
    assert.equal(text.slice(p.range.start, p.range.end), 'comment=c12345');
    assert.equal(text.slice(p.valueRange!.start, p.valueRange!.end), 'c12345');
    const last = cmds[0].params[cmds[0].params.length - 1];
    assert.equal(text.slice(last.range.start, last.range.end), 'action=accept');
  });

  it('stays lossless', () => {
    assert.equal(r.tokens.map((t) => t.text).join(''), text);
  });
});

describe('RouterOS lines after a command that lost its `\\`', () => {
  it('join the command in place, one by one', () => {
    const lines = ['/ip firewall filter', 'add chain=forward'];
    for (let i = 0; i < 5_000; i++) lines.push(`    comment=c${i}`);
    const r = parseRouterOs(lines.join('\n'));
    const cmd = r.tree.children.find((c): c is RosCommand => c.kind === 'RosCommand')!;
    assert.equal(cmd.params.length, 5_001);
    assert.equal(r.diagnostics.filter((d) => d.code === 'syntax/missing-continuation').length, 5_000);
    assert.equal(cmd.tokens.length, 4 + 5_000 * 3); // add chain = forward, then comment = cN per line
  });
});

describe('RouterOS 60 KB menu path', () => {
  const long = `/interface /${'ab/'.repeat(20_000)}`;

  it('parses as one menu line with every segment', () => {
    const r = parseRouterOs(`${long}\n`);
    assert.equal(r.tree.children.length, 1);
    const menu = r.tree.children[0] as RosMenu;
    assert.equal(menu.kind, 'RosMenu');
    const segs = menu.path.split(' ');
    assert.equal(segs.length, 20_001);
    assert.deepEqual(segs.slice(0, 3), ['interface', 'ab', 'ab']);
  });

  it('does not become the menu of the lines after it (no such menu exists)', () => {
    const r = parseRouterOs(`/ip address\n${long}\nadd address=10.0.0.1/24 interface=ether1\n`);
    const cmd = r.tree.children.find((c): c is RosCommand => c.kind === 'RosCommand')!;
    assert.equal(cmd.path, 'ip address');
    assert.equal(cmd.params.find((p) => p.key === 'interface')?.value, 'ether1');
  });

  it('still resolves ordinary nested paths and `..`', () => {
    const r = parseRouterOs('/ip\nipsec/profile/add name=p1\n/ip firewall\nfilter add chain=input\n.. address add address=10.0.0.1/24 interface=ether1\n');
    const cmds = r.tree.children.filter((c): c is RosCommand => c.kind === 'RosCommand');
    assert.deepEqual(cmds.map((c) => c.path), ['ip ipsec profile', 'ip firewall filter', 'ip address']);
  });
});

describe('RouterOS completion inside a 100,000-character word', () => {
  it('answers with the menu proposals of the path before the word', () => {
    const service = createLanguageService();
    const uri = 'file:///long-word.rsc';
    service.setDocument(uri, `/routing bgp connection${'x'.repeat(100_000)}\n`, 1);
    const items = getCompletions(service, uri, { line: 0, character: 50_000 });
    assert.ok(Array.isArray(items));
    for (const i of items) assert.equal(i.textEdit && 'range' in i.textEdit ? i.textEdit.range.start.line : 0, 0);
  });

  it('completes a value after `key=` that runs 100,000 characters', () => {
    const service = createLanguageService();
    const uri = 'file:///long-value.rsc';
    service.setDocument(uri, `/ip ipsec profile\nadd name=p enc-algorithm=${'a'.repeat(100_000)}\n`, 1);
    const items = getCompletions(service, uri, { line: 1, character: 25 + 100_000 });
    const labels = items.map((i) => i.label);
    assert.ok(labels.includes('aes-256'), labels.join(','));
    const edit = items[0].textEdit as { range: { start: { character: number }; end: { character: number } } };
    assert.deepEqual([edit.range.start.character, edit.range.end.character], [25, 25 + 100_000]);
  });

  it('completes at the end of a 70,000-character menu word (fuzz reproducer routeros-slow-77855b74): replaces the whole word', () => {
    const service = createLanguageService();
    const uri = 'file:///long-menu-word.rsc';
    const line = `/ip ${'a'.repeat(70_000)}`;
    service.setDocument(uri, `${line}\n/ip address\n`, 1);
    const items = getCompletions(service, uri, { line: 0, character: line.length });
    for (const i of items) {
      const range = (i.textEdit as { range: { start: { character: number } } } | undefined)?.range;
      if (range) assert.equal(range.start.character, 4);
    }
  });

  it('finds the word before the cursor exactly like the regular expression it replaces', () => {
    const re = /[^\s=\[\]]*$/;
    const alphabet = ['a', '=', '[', ']', ' ', '\t', '/', '-', '\n', 'é'];
    let seed = 11;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let n = 0; n < 20_000; n++) {
      const len = Math.floor(rand() * 10);
      let s = '';
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
      assert.equal(trailingWord(s), re.exec(s)![0], JSON.stringify(s));
    }
  });

  it('finds `key=value` at the end of a line exactly like the regular expression it replaces', () => {
    const re = /([a-z0-9-]+)=("?)([^\s"]*)$/;
    const alphabet = ['a', 'z', '0', '-', '=', '"', ' ', 'X', '/', '\t'];
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let n = 0; n < 20_000; n++) {
      const len = Math.floor(rand() * 12);
      let s = '';
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(rand() * alphabet.length)];
      const m = re.exec(s);
      assert.deepEqual(keyValueAtEnd(s), m ? [m[0], m[1], m[2], m[3]] : null, JSON.stringify(s));
    }
  });
});
