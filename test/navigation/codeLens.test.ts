// Peer lenses on tunnel and OSPF interfaces: `↔ hub1: ok · hub2: 2 problems`, opening the peer's end.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getCodeLenses, OPEN_PEER_COMMAND } from '../../server/src/features/codeLens';
import { loadExamples } from './helpers';

const SPOKE1 = 'file:///ex/dmvpn-dual-hub/spoke1.ios';
const HUB2 = 'file:///ex/dmvpn-dual-hub/hub2.ios';

const peerLenses = (s: ReturnType<typeof loadExamples>, uri: string) =>
  getCodeLenses(s, uri)
    .filter((l) => l.command?.command === OPEN_PEER_COMMAND)
    .map((l) => `${l.range.start.line}:${l.range.start.character} ${l.command!.title} → ${String(l.command!.arguments![0]).replace(/^.*\//, '')}:${(l.command!.arguments![1] as { start: { line: number } }).start.line}`);

test('DMVPN dual hub, clean: each tunnel and OSPF interface names its peers, all ok', () => {
  const s = loadExamples('dmvpn-dual-hub');
  assert.deepEqual(peerLenses(s, SPOKE1), ['26:10 ↔ hub1: ok → hub1.ios:23', '40:10 ↔ hub2: ok → hub2.ios:22']);
  assert.deepEqual(peerLenses(s, HUB2), ['22:10 ↔ spoke1: ok · spoke2: ok → spoke1.ios:40', '35:10 ↔ hub1: ok → hub1.ios:36']);
});

test('a timer mismatch on hub2 shows as problems on both ends, and the lens opens the peer with problems', () => {
  const s = loadExamples('dmvpn-dual-hub');
  s.setDocument(HUB2, s.getDocument(HUB2)!.text.replace('interface Tunnel1\n', 'interface Tunnel1\n ip ospf hello-interval 20\n'), 2);
  assert.deepEqual(peerLenses(s, SPOKE1), ['26:10 ↔ hub1: ok → hub1.ios:23', '40:10 ↔ hub2: 1 problem → hub2.ios:22']);
  assert.deepEqual(peerLenses(s, HUB2).slice(0, 1), ['22:10 ↔ spoke1: 1 problem · spoke2: 1 problem → spoke1.ios:40']);
});

test('BIRD ↔ IOS OSPF link: a lens on the BIRD interface pattern and on the IOS interface', () => {
  const s = loadExamples('bird-ospf');
  assert.deepEqual(peerLenses(s, 'file:///ex/bird-ospf/bird.conf'), ['37:12 ↔ core: ok → core.ios:9']);
  assert.deepEqual(peerLenses(s, 'file:///ex/bird-ospf/core.ios'), ['9:10 ↔ 10.255.0.1: ok → bird.conf:37']);
});

test('an ignored finding is not a problem on the lens', () => {
  const s = loadExamples('dmvpn-dual-hub');
  s.setDocument(HUB2, s.getDocument(HUB2)!.text.replace('interface Tunnel1\n', 'interface Tunnel1\n ip ospf hello-interval 20\n'), 2);
  // The timer mismatch sits on the `ip ospf network non-broadcast` line of spoke1's Tunnel1 (towards hub2); an ignore
  // comment above it accepts it.
  const text = s.getDocument(SPOKE1)!.text;
  const at = text.indexOf(' ip ospf network non-broadcast\n', text.indexOf('interface Tunnel1'));
  assert.ok(at > 0);
  s.setDocument(SPOKE1, `${text.slice(0, at)} ! netcfg-ignore ospf/timer-mismatch -- hub2 migrates next week\n${text.slice(at)}`, 2);
  assert.ok(s.getFindings(SPOKE1).some((f) => f.code === 'ospf/timer-mismatch' && f.suppressed));
  assert.deepEqual(peerLenses(s, SPOKE1), ['26:10 ↔ hub1: ok → hub1.ios:23', '40:10 ↔ hub2: ok → hub2.ios:22']);
});
