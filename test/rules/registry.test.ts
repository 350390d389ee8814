// The rule registry (server/src/rules/registry.ts) is the one source of truth for codes: it must list exactly the
// codes docs/diagnostics.md documents (with the default severity the documentation states first), every code
// literal in server/src, and schemas/netcfg.schema.json must hold the rules:/ignore: parts generated from it
// (UPDATE_SNAPSHOTS=1 rewrites them).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { docsAnchor } from '../../server/src/protocol';
import { isKnownSelector, RULES, ruleInfo, selects } from '../../server/src/rules/registry';
import { rulesSchemaParts } from '../../server/src/rules/schema';
import { resolveSeverity } from '../../server/src/rules/severity';

const ROOT = path.join(__dirname, '../..');
const DOCS = fs.readFileSync(path.join(ROOT, 'docs/diagnostics.md'), 'utf8');

/** Code headings of docs/diagnostics.md with the first word of their entry. */
function documented(): Map<string, string> {
  const res = new Map<string, string>();
  const re = /^#{3,4} <a id="([^"]+)"><\/a>([a-z0-9-]+\/[a-z0-9-]+)\s*\n([^\n]*)/gm;
  for (const m of DOCS.matchAll(re)) if (!res.has(m[2])) res.set(m[2], m[3]);
  return res;
}

test('the registry lists exactly the documented codes, each with its own anchor', () => {
  const docs = documented();
  const registry = RULES.map((r) => r.code);
  assert.deepEqual([...docs.keys()].filter((c) => !ruleInfo(c)), [], 'documented codes missing from the registry');
  assert.deepEqual(registry.filter((c) => !docs.has(c)), [], 'registry codes without a docs/diagnostics.md heading');
  assert.equal(new Set(registry).size, registry.length, 'a code is listed twice');
  for (const code of registry) assert.match(DOCS, new RegExp(`<a id="${docsAnchor(code)}"></a>${code.replace('/', '\\/')}`), code);
});

test('the default severity is the one the documentation states first', () => {
  const words: Record<string, string> = { Error: 'error', Warning: 'warning', Information: 'information', Hint: 'hint' };
  let compared = 0;
  for (const [code, first] of documented()) {
    const word = /^(Error|Warning|Information|Hint)\b/.exec(first)?.[1];
    if (!word) continue; // an entry that grades its findings in a list (ipsec/pfs-mismatch …)
    compared++;
    assert.equal(ruleInfo(code)!.severity, words[word], `${code}: docs say "${first.slice(0, 40)}…"`);
  }
  assert.ok(compared > 80, `only ${compared} entries state a severity first`);
});

test('every code literal in server/src is in the registry', () => {
  const missing = new Set<string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        const src = fs.readFileSync(p, 'utf8');
        for (const m of src.matchAll(/code(?:: |: \w+ = |\s*===?\s*)'([a-z]+\/[a-z0-9-]+)'/g)) if (!ruleInfo(m[1])) missing.add(`${m[1]} (${path.relative(ROOT, p)})`);
        for (const m of src.matchAll(/'((?:detect|internal|ref|syntax|asa|routeros|openbsd|bird|pairing|ipsec|config|ospf|dmvpn|l2tp|suppression)\/[a-z0-9-]+)'/g)) if (!ruleInfo(m[1]) && !m[1].endsWith('/')) missing.add(`${m[1]} (${path.relative(ROOT, p)})`);
      }
    }
  };
  walk(path.join(ROOT, 'server/src'));
  assert.deepEqual([...missing], []);
});

test('selectors: codes, families and *; the most specific selector of a layer wins', () => {
  assert.ok(isKnownSelector('ipsec/weak-crypto') && isKnownSelector('ipsec/*') && isKnownSelector('*'));
  assert.ok(!isKnownSelector('ipsec/weak') && !isKnownSelector('ipsecs/*') && !isKnownSelector('corp/ikev2-only'));
  assert.ok(isKnownSelector('corp/ikev2-only', new Set(['corp/ikev2-only'])) && isKnownSelector('corp/*', new Set(['corp/ikev2-only'])), 'policy ids plug in as extra codes');
  assert.ok(selects('ipsec/*', 'ipsec/weak-crypto') && !selects('ipsec/*', 'ipsecx/a') && !selects('ips/*', 'ipsec/weak-crypto'));
  assert.equal(resolveSeverity('ipsec/weak-crypto', [{ '*': 'off', 'ipsec/*': 'hint' }]), 'hint');
  assert.equal(resolveSeverity('ipsec/weak-crypto', [undefined, { 'ipsec/weak-crypto': 'error' }]), 'error');
  assert.equal(resolveSeverity('ipsec/weak-crypto', [{ 'ospf/*': 'off' }]), undefined);
  assert.equal(resolveSeverity('constructor', [{}]), undefined, 'no prototype lookups');
});

test('schemas/netcfg.schema.json holds the rules:/ignore: parts generated from the registry', () => {
  const file = path.join(ROOT, 'schemas/netcfg.schema.json');
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  const parts = rulesSchemaParts();
  if (process.env.UPDATE_SNAPSHOTS) {
    Object.assign(schema.properties, parts.properties);
    Object.assign(schema.definitions, parts.definitions);
    fs.writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`);
  }
  for (const k of Object.keys(parts.properties)) assert.deepEqual(schema.properties[k], parts.properties[k], `properties.${k} (UPDATE_SNAPSHOTS=1 rewrites it)`);
  for (const k of Object.keys(parts.definitions)) assert.deepEqual(schema.definitions[k], parts.definitions[k], `definitions.${k}`);
  assert.equal(Object.keys(schema.properties.rules.properties).length, RULES.length + new Set(RULES.map((r) => r.code.split('/')[0])).size + 1);
});
