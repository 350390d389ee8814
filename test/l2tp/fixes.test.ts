// l2tp/ipsec-disabled quick fixes in real RouterOS syntax (v6 and v7, explicit `use-ipsec=no` and the implicit
// default): each fix writes `use-ipsec=` on the server line and the file then checks clean for l2tp/*.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, loadFixture } from '../helpers/fixture';

const CODES = ['l2tp/ipsec-disabled', 'l2tp/ipsec-secret-mismatch'];

const v6 = (server: string) => `
//- mt.rsc
# jan/02/1970 00:00:00 by RouterOS 6.48.6
/interface l2tp-server server set enabled=yes default-profile=default-encryption${server}
`;
const v7 = (server: string) => `
//- mt.rsc
# 2024-01-01 00:00:00 by RouterOS 7.11
/interface l2tp-server server set enabled=yes${server}
`;

const cases: [string, string, string, string][] = [
  ['v6 explicit use-ipsec=no', v6(' use-ipsec=no'), 'use-ipsec=no', 'use-ipsec=required'],
  ['v6 implicit default', v6(''), 'default-profile=default-encryption', 'default-profile=default-encryption use-ipsec=required'],
  ['v7 explicit use-ipsec=no', v7(' use-ipsec=no'), 'use-ipsec=no', 'use-ipsec=required'],
  ['v7 implicit default', v7(''), 'enabled=yes', 'enabled=yes use-ipsec=required'],
];

for (const [name, fixture, before, after] of cases) {
  test(`l2tp/ipsec-disabled (${name}): both fixes write use-ipsec= and clear the warning`, () => {
    const { service, files } = loadFixture(fixture);
    const f = files[0];
    const found = service.getFindings(f.uri).filter((d) => CODES.includes(d.code));
    assert.deepEqual(found.map((d) => d.code), ['l2tp/ipsec-disabled']);
    assert.deepEqual(found[0].fixes.map((x) => x.title), ['Require IPsec for L2TP clients (use-ipsec=required)', 'Offer IPsec to L2TP clients (use-ipsec=yes)']);
    for (const [i, value] of ['required', 'yes'].entries()) {
      const fresh = loadFixture(fixture);
      const fix = fresh.service.getFindings(f.uri).find((d) => d.code === 'l2tp/ipsec-disabled')!.fixes[i];
      const text = applyFix(fresh.service, fix).get(f.uri)!;
      assert.equal(text, f.text.replace(before, after.replace('required', value)));
      assert.deepEqual(fresh.service.getFindings(f.uri).filter((d) => CODES.includes(d.code)).map((d) => d.code), []);
    }
  });
}
