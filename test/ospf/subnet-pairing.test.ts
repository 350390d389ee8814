// Neighbours whose masks differ are still paired through the service's index, so `ospf/subnet-mismatch` reaches
// real configs (the index keys links by exact prefix; probes at other lengths find the differing neighbour).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadFixture } from '../helpers/fixture';

const pair = (maskB: string) => `
//- r1.ios
hostname r1
interface GigabitEthernet0/0
 ip address 10.0.0.1 255.255.255.0
 ip ospf 1 area 0
router ospf 1
 router-id 1.1.1.1
//- r2.ios
hostname r2
interface GigabitEthernet0/0
 ip address 10.0.0.2 ${maskB}
 ip ospf 1 area 0
router ospf 1
 router-id 2.2.2.2
`;

const codes = (fixture: string) => {
  const { service, files } = loadFixture(fixture);
  return files.map((f) => service.getFindings(f.uri).map((d) => d.code).filter((c) => c.startsWith('ospf/')).sort());
};

test('a /24 and a /25 on one broadcast segment: subnet mismatch on both ends', () => {
  assert.deepEqual(codes(pair('255.255.255.128')), [['ospf/subnet-mismatch'], ['ospf/subnet-mismatch']]);
});

test('the same /24 on both ends: nothing', () => {
  assert.deepEqual(codes(pair('255.255.255.0')), [[], []]);
});

test('different /24s of one /16 are not neighbours', () => {
  assert.deepEqual(codes(pair('255.255.255.0').replace('10.0.0.2 ', '10.0.1.2 ')), [[], []]);
});
