// docs/policies.md and the field table of the policy engine are generated from the model types: they must be
// current (UPDATE_SNAPSHOTS=1 node test/run.mjs policies/docs, or npm run policies:docs, rewrites them).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { DOC_FILE, FIELDS_FILE, generate } from './generate';

test('docs/policies.md and policy-fields.generated.ts are generated from the current model types', () => {
  const { fields, doc } = generate();
  if (process.env.UPDATE_SNAPSHOTS === '1') {
    fs.writeFileSync(FIELDS_FILE, fields);
    fs.writeFileSync(DOC_FILE, doc);
  }
  assert.equal(fs.readFileSync(FIELDS_FILE, 'utf8'), fields, 'server/src/rules/policy-fields.generated.ts is stale: npm run policies:docs');
  assert.equal(fs.readFileSync(DOC_FILE, 'utf8'), doc, 'docs/policies.md is stale: npm run policies:docs');
  assert.match(doc, /### IpsecPeer[\s\S]*\| `ikeVersion` \| `1` \\\| `2` \|/);
  assert.doesNotMatch(fields, /"plain"\s*:/, 'secret text is never a readable field');
});
