// The swanctl.conf TextMate grammar (syntaxes/swanctl.tmLanguage.json) through the real engine VS Code uses
// (test/syntaxes/textmate.ts): golden token dumps of the fixtures in fixtures/swanctl-grammar/ (written when
// missing, rewritten with UPDATE_SNAPSHOTS=1), lossless tokens, no invalid scopes, and the scopes an engineer relies on.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { renderTokens, tokenizeDocument, type DialectId, type Token } from '../syntaxes/textmate';

const ID = 'swanctl' as unknown as DialectId;
const DIR = path.join(__dirname, 'fixtures', 'swanctl-grammar');
const UPDATE = process.env.UPDATE_SNAPSHOTS === '1';

const scoped = (t: Token, prefix: string) => t.scopes.some((s) => s === prefix || s.startsWith(`${prefix}.`));

for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.conf'))) {
  test(`golden dump: ${file}`, async () => {
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const { lines, endsInside } = await tokenizeDocument(ID, text);
    assert.equal(endsInside, false, 'every multi-line string is closed');
    text.split(/\r?\n/).forEach((src, i) => assert.equal(lines[i].map((t) => t.text).join(''), src, `line ${i + 1}`));
    assert.deepEqual(lines.flatMap((l) => l.filter((t) => t.scopes.some((s) => s.includes('invalid')))), []);
    const dump = renderTokens(text, lines);
    const golden = path.join(DIR, `${file}.txt`);
    if (UPDATE || !fs.existsSync(golden)) fs.writeFileSync(golden, dump);
    assert.equal(dump, fs.readFileSync(golden, 'utf8'), `golden dump ${file}.txt differs (UPDATE_SNAPSHOTS=1 rewrites it)`);
  });
}

async function line(text: string, index = 0): Promise<Token[]> {
  return (await tokenizeDocument(ID, text)).lines[index];
}

function scopeOf(tokens: Token[], text: string): string[] {
  const t = tokens.find((x) => x.text === text);
  assert.ok(t, `no token ${JSON.stringify(text)} in ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes;
}

test('sections: kinds are keywords, names are entities, templates are inherited classes', async () => {
  const t = await line('   gw : base, other {');
  assert.ok(scopeOf(t, 'gw').some((s) => s.startsWith('entity.name.section')));
  assert.ok(scopeOf(t, 'base').some((s) => s.startsWith('entity.other.inherited-class')));
  assert.ok(scopeOf(t, '{').some((s) => s.startsWith('punctuation.section.block.begin')));
  const k = await line('connections {');
  assert.ok(scopeOf(k, 'connections').some((s) => s.startsWith('keyword.other.section')));
  const l = await line('      local-1 {');
  assert.ok(scopeOf(l, 'local-1').some((s) => s.startsWith('keyword.other.section')));
});

test('settings: key, `=`, addresses, keywords, numbers; a comment and a `}` end the value', async () => {
  const t = await line('remote_ts = 10.2.0.0/16[tcp/80], dynamic # branch');
  assert.ok(scopeOf(t, 'remote_ts').some((s) => s.startsWith('variable.other.key')));
  assert.ok(scopeOf(t, '=').some((s) => s.startsWith('keyword.operator.assignment')));
  assert.ok(scopeOf(t, '10.2.0.0/16[tcp/80]').some((s) => s.startsWith('constant.numeric.ip-address')));
  assert.ok(scopeOf(t, 'dynamic').some((s) => s.startsWith('constant.language')));
  assert.ok(t.some((x) => scoped(x, 'comment.line.number-sign.swanctl') && x.text.includes('branch')));
  const r = await line('rekey_time = 4h }');
  assert.ok(scopeOf(r, '4h').some((s) => s.startsWith('constant.numeric')));
  assert.ok(scopeOf(r, '}').some((s) => s.startsWith('punctuation.section.block.end')));
});

test('a quoted value may span lines and hide `#` and `}`', async () => {
  const { lines } = await tokenizeDocument(ID, 'secret = "a # b }\nc"\nid = x\n');
  assert.ok(lines[0].some((x) => scoped(x, 'string.quoted.double.swanctl') && x.text.includes('# b }')));
  assert.ok(lines[1].some((x) => scoped(x, 'string.quoted.double.swanctl') && x.text === 'c'));
  assert.ok(scopeOf(lines[2], 'id').some((s) => s.startsWith('variable.other.key')));
  assert.ok(scopeOf(lines[0], 'secret').some((s) => s.startsWith('variable.other.secret-key')));
});

test('include: keyword and path', async () => {
  const t = await line('include conf.d/*.conf');
  assert.ok(scopeOf(t, 'include').some((s) => s.startsWith('keyword.control.import')));
  assert.ok(scopeOf(t, 'conf.d/*.conf').some((s) => s.startsWith('string.unquoted.path')));
});
