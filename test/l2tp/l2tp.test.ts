// L2TP/IPsec checks on hand-built RouterOS devices shaped like seed 001 (`ipsec-secret=MYKEY` on the L2TP
// server and an explicit `/ip ipsec peer address=0.0.0.0/0 secret=...` serving the same clients).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cfg } from '../ospf/build';
import { edit, expectFindings } from '../ospf/harness';

const mt = cfg`
  hostname mt
  platform routeros
  l2tp enabled=yes use-ipsec=yes secret=MYKEY
  peer any secret=MYKEY
`;

test('seed 001: ipsec-secret equal to the wildcard peer secret checks clean', () => {
  expectFindings([mt], []);
});

test('l2tp/ipsec-secret-mismatch on both statements, masked, fixable both ways', () => {
  const findings = expectFindings([edit(mt, 'peer any secret=MYKEY', 'peer any secret=MY_KEY')], ['mt error l2tp/ipsec-secret-mismatch "MYKEY"', 'mt error l2tp/ipsec-secret-mismatch "MY_KEY"']);
  assert.equal(findings[0].fixes.length, 2);
  assert.match(findings[0].message, / \*{5} \(5 chars\)/);
  assert.equal(findings[0].related[0].range.start, findings[1].range.start);
});

test('a peer for one specific address is not the L2TP responder; a disabled server is not checked', () => {
  expectFindings([edit(mt, 'peer any secret=MYKEY', 'peer 192.168.23.3 secret=MY_KEY')], []);
  expectFindings([edit(edit(mt, 'enabled=yes', 'enabled=no'), 'peer any secret=MYKEY', 'peer any secret=MY_KEY')], []);
});

test('l2tp/ipsec-disabled when the server runs without IPsec; fix turns it on', () => {
  const findings = expectFindings([edit(mt, 'use-ipsec=yes', 'use-ipsec=no')], ['mt warning l2tp/ipsec-disabled "no"']);
  assert.deepEqual(findings[0].fixes.map((f) => f.title), ['Require IPsec for L2TP clients (use-ipsec=required)', 'Offer IPsec to L2TP clients (use-ipsec=yes)']);
  // Implicit default (no use-ipsec) anchors on `enabled=`.
  expectFindings([edit(mt, ' use-ipsec=yes', '')], ['mt warning l2tp/ipsec-disabled "yes"']);
});
