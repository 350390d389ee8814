// Completion and hover for IOS/ASA: mode-aware keywords, abbreviations, enum values with the paired peer's value
// first, names of defined objects and interfaces, effective values with default sources, secrets never shown.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asaDialect } from '../../server/src/dialects/asa';
import { iosDialect } from '../../server/src/dialects/ios';
import type { FeatureContext } from '../../server/src/dialects/types';

function at(text: string) {
  const offset = text.indexOf('$0');
  return { text: text.slice(0, offset) + text.slice(offset + 2), offset };
}
const noPeers: FeatureContext = { peers: [] };

test('completion is mode-aware and abbreviation-aware', () => {
  const { text, offset } = at('crypto isakmp policy 10\n en$0\n');
  const items = iosDialect.complete!(iosDialect.parse(text, {}), offset, noPeers).map((i) => i.label);
  assert.deepEqual(items, ['encryption']);
  const g = at('crypto isa$0\n');
  assert.deepEqual(iosDialect.complete!(iosDialect.parse(g.text, {}), g.offset, noPeers).map((i) => i.label), ['isakmp']);
  const inIf = at('interface Gi0/0\n ip ospf net$0\n');
  const labels = iosDialect.complete!(iosDialect.parse(inIf.text, {}), inIf.offset, noPeers).map((i) => i.label);
  assert.deepEqual(labels, ['network']);
  const doc = iosDialect.complete!(iosDialect.parse(inIf.text, {}), inIf.offset, noPeers)[0].documentation!;
  assert.match(doc, /point-to-point on GRE\/mGRE tunnels/);
});

test('enum values, with the paired peer\'s value first', () => {
  const peerText = 'hostname spoke1\ncrypto isakmp policy 1\n encryption aes 256\n authentication pre-share\ncrypto map M 10 ipsec-isakmp\n set peer 10.0.0.1\n';
  const peer = iosDialect.lower(iosDialect.parse(peerText, {}), 'file:///spoke1.cfg', {}).device;
  const { text, offset } = at('crypto isakmp policy 1\n encr $0\n');
  const items = iosDialect.complete!(iosDialect.parse(text, {}), offset, { peers: [peer] });
  assert.deepEqual(items.map((i) => [i.label, i.detail?.startsWith('matches') ? i.detail : '']), [
    ['aes 256', 'matches spoke1'],
    ['des', ''],
    ['3des', ''],
    ['aes', ''],
  ]);
});

test('names of defined objects and interfaces', () => {
  const { text, offset } = at('crypto ipsec transform-set TS1 esp-aes esp-sha-hmac\ncrypto ipsec transform-set TS2 esp-3des esp-sha-hmac\ncrypto map M 10 ipsec-isakmp\n set transform-set TS$0\ninterface Gi0/0\n ip address 10.0.0.1 255.255.255.0\n');
  assert.deepEqual(iosDialect.complete!(iosDialect.parse(text, {}), offset, noPeers).map((i) => i.label), ['TS1', 'TS2']);
  const t2 = at('interface Tunnel0\n tunnel source $0\ninterface Gi0/0\n ip address 10.0.0.1 255.255.255.0\n');
  const items = iosDialect.complete!(iosDialect.parse(t2.text, {}), t2.offset, noPeers).filter((i) => i.kind === 'interface');
  assert.deepEqual(items.map((i) => [i.label, i.detail]), [['Tunnel0', undefined], ['GigabitEthernet0/0', '10.0.0.1/24']]);
});

test('hover shows docs and effective values with their default source', () => {
  const text = 'crypto isakmp policy 1\n encr aes 256\n authentication pre-share\ncrypto isakmp key SuperSecret1 address 10.0.0.2\n';
  const p = iosDialect.parse(text, {});
  const h = iosDialect.hover!(p, text.indexOf('policy'), noPeers)!;
  assert.match(h.markdown, /IKEv1 phase-1 proposal/);
  assert.match(h.markdown, /DH group: \*\*modp768 \(group 1\)\*\* — IOS default when `group` is absent/);
  assert.match(h.markdown, /encryption: \*\*aes-cbc-256\*\*\n/);
  assert.equal(text.slice(h.range.start, h.range.end), 'policy');
  const hk = iosDialect.hover!(p, text.indexOf('SuperSecret1') + 2, noPeers)!;
  assert.doesNotMatch(hk.markdown, /SuperSecret1/);
  assert.match(hk.markdown, /Pre-shared key for 10\.0\.0\.2\/32: \*{12} \(12 chars\)/);
});

test('hover on an OSPF interface shows timers from the network type', () => {
  const text = 'interface Tunnel0\n ip address 10.0.0.1 255.255.255.0\n ip ospf network non-broadcast\nrouter ospf 1\n network 10.0.0.0 0.0.0.255 area 0\n';
  const h = iosDialect.hover!(iosDialect.parse(text, {}), text.indexOf('non-broadcast'), noPeers)!;
  assert.match(h.markdown, /hello: \*\*30 s\*\* — IOS default for network type non-broadcast/);
});

test('ASA completion uses the ASA catalog and keywords', () => {
  const { text, offset } = at('crypto ikev1 policy 1\n encryption $0\n');
  const items = asaDialect.complete!(asaDialect.parse(text, {}), offset, noPeers).map((i) => i.label);
  assert.deepEqual(items, ['des', '3des', 'aes', 'aes-192', 'aes-256']);
  const h = asaDialect.hover!(asaDialect.parse(text, {}), text.indexOf('policy'), noPeers)!;
  assert.match(h.markdown, /U-5/);
});
