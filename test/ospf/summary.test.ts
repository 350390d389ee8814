// The OSPF hover: the neighbour's effective settings side by side with default sources, never a key.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lenses, summaryAt } from '../../server/src/analysis/summary';
import '../../server/src/analysis/ospf';
import { analyse, cfg } from './build';

const hub = cfg`
  hostname hub
  interface Tunnel0 10.0.0.1/24
   ospf area 0
   ospf type non-broadcast
   ospf auth md5 1 KEYONE
`;
const b1 = cfg`
  hostname b1
  platform bird
  interface gre1 10.0.0.2/24
   ospf area 0
   ospf type non-broadcast
   ospf auth md5 1 KEYONE
`;

test('hover on an OSPF interface shows the neighbour side by side', () => {
  const { devices } = analyse([hub, b1]);
  const offset = hub.indexOf('ospf area 0') + 2;
  const s = summaryAt(devices[0], offset, [devices[1]]);
  assert.ok(s);
  assert.match(s.markdown, /\*\*hub\*\* Tunnel0 \| \*\*b1\*\* gre1/);
  assert.match(s.markdown, /Hello \/ dead \| 30 \(IOS non-broadcast default\) \/ 120 \(IOS non-broadcast default\) \| 10 \(BIRD default\) \/ 40 \(BIRD default\) ✗/);
  assert.match(s.markdown, /Authentication \| MD5 key id 1 \| MD5 key id 1 \|/);
  assert.ok(!s.markdown.includes('KEYONE'));
  assert.equal(summaryAt(devices[0], 0, [devices[1]]), undefined);
  const l = lenses(devices[0], [devices[1]]);
  assert.deepEqual(l.map((x) => x.title), ['↔ b1: type ✓ · timers ✗ · area ✓ · auth ✓']);
});
