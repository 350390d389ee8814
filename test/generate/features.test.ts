// Issue 19: which statements offer "Generate the config of …", the requests behind the client command, the CLI.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCodeActions } from '../../server/src/features/codeActions';
import { generatePeerResult, unpairedPeerItems, GENERATE_ACTION_KIND } from '../../server/src/features/generatePeer';
import { runGeneratePeer } from '../../server/src/generate/cli';
import { GENERATE_PEER_COMMAND } from '../../server/src/generate/protocol';
import { createLanguageService } from '../../server/src/service';
import { example, ROOT } from './harness';
import * as path from 'node:path';

const R1 = example('site-to-site-ios-routeros/r1.ios');
const ROS = example('site-to-site-ios-routeros/mikrotik.rsc');

function positionOf(text: string, needle: string) {
  const off = text.indexOf(needle);
  const before = text.slice(0, off).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function actionsAt(files: [string, string][], needle: string) {
  const svc = createLanguageService();
  for (const [n, t] of files) svc.setDocument(`file:///ws/${n}`, t, 1);
  const uri = `file:///ws/${files[0][0]}`;
  const pos = positionOf(files[0][1], needle);
  return getCodeActions(svc, { uri, range: { start: pos, end: pos } }).filter((a) => a.kind === GENERATE_ACTION_KIND);
}

describe('code action: generate the other end', () => {
  it('is offered on r1 set peer when no device owns 10.0.0.2', () => {
    const a = actionsAt([R1], 'set peer 10.0.0.2');
    assert.deepEqual(
      a.map((x) => [x.title, x.command?.command, x.command?.arguments]),
      [['Generate the config of 10.0.0.2…', GENERATE_PEER_COMMAND, ['file:///ws/r1.ios', '10.0.0.2']]],
    );
  });
  it('is not offered when the peer is in the workspace', () => {
    assert.deepEqual(actionsAt([R1, ROS], 'set peer 10.0.0.2'), []);
  });
  it('is not offered away from the peer statement', () => {
    assert.deepEqual(actionsAt([R1], 'hostname r1'), []);
  });
  it('is offered on a DMVPN hub tunnel, a spoke address by default', () => {
    const hub = example('dmvpn-dual-hub/hub1.ios');
    assert.deepEqual(actionsAt([hub], 'Tunnel0').map((x) => x.command?.arguments), [['file:///ws/hub1.ios', '10.4.0.2']]);
  });
  it('is offered on an OSPF link only while no neighbour shares it', () => {
    const core = example('bird-ospf/core.ios');
    const bird = example('bird-ospf/bird.conf');
    const svc = createLanguageService();
    svc.setDocument('file:///ws/core.ios', core[1], 1);
    assert.deepEqual(unpairedPeerItems(svc, { uri: 'file:///ws/core.ios' }).map((i) => [i.kind, i.address]), [['ospf-link', '10.50.0.1']]);
    svc.setDocument('file:///ws/bird.conf', bird[1], 1);
    assert.deepEqual(unpairedPeerItems(svc, { uri: 'file:///ws/core.ios' }), []);
  });
});

describe('netcfg/generatePeer', () => {
  const svc = createLanguageService();
  svc.setDocument('file:///ws/r1.ios', R1[1], 1);
  it('answers the defaults and a placeholder unless the secret is confirmed', () => {
    const r = generatePeerResult(svc, { uri: 'file:///ws/r1.ios', peer: '10.0.0.2', target: 'cisco-ios' });
    assert.ok(r.ok);
    assert.deepEqual([r.lan, r.wan, r.hasSecret, r.languageId], ['192.168.88.0/24', 'GigabitEthernet0/0', true, 'cisco-ios']);
    assert.match(r.text, /crypto isakmp key CHANGE-ME address 192\.168\.23\.3/);
    assert.doesNotMatch(r.text, /MYKEY/);
    const withKey = generatePeerResult(svc, { uri: 'file:///ws/r1.ios', peer: '10.0.0.2', target: 'cisco-ios', includeSecrets: true, facts: { wan: 'Dialer1' } });
    assert.ok(withKey.ok);
    assert.match(withKey.text, /crypto isakmp key MYKEY address 192\.168\.23\.3/);
    assert.match(withKey.text, /^interface Dialer1$/m);
  });
  it('refuses bad input with a reason', () => {
    assert.deepEqual(generatePeerResult(svc, { uri: 'file:///ws/r1.ios', peer: '10.0.0.2', target: 'junos' }), { ok: false, error: "unknown target dialect 'junos'" });
    assert.deepEqual(generatePeerResult(svc, { uri: 'file:///ws/r1.ios', peer: '10.0.0.2', target: 'cisco-ios', facts: { lan: '10.1.1.1' } }), { ok: false, error: "'10.1.1.1' is not a prefix (A.B.C.D/N)" });
    assert.deepEqual(generatePeerResult(svc, { uri: 'file:///ws/r1.ios', peer: '10.9.9.9', target: 'cisco-ios' }), { ok: false, error: 'r1 has no IPsec peer, DMVPN hub, L2TP server or OSPF link for 10.9.9.9' });
  });
});

describe('netcfg generate-peer', () => {
  const file = path.join(ROOT, 'examples/site-to-site-ios-routeros/r1.ios');
  function run(args: string[]) {
    let out = '';
    let err = '';
    const code = runGeneratePeer(args, (s) => (out += s), (s) => (err += s));
    return { code, out, err };
  }
  it('prints the config', () => {
    const r = run([file, '--peer', '10.0.0.2', '--dialect', 'cisco-asa', '--lan', '192.168.88.0/24', '--wan', 'outside']);
    assert.equal(r.code, 0);
    assert.equal(r.err, '');
    assert.match(r.out, /^crypto map NETCFG-MAP 10 set peer 192\.168\.23\.3$/m);
    assert.match(r.out, /ikev1 pre-shared-key CHANGE-ME/);
  });
  it('includes the key only with --include-psk', () => {
    assert.match(run([file, '--peer', '10.0.0.2', '--dialect', 'cisco-ios', '--include-psk']).out, /crypto isakmp key MYKEY /);
  });
  it('exits 2 with one line on bad input, never echoing a secret', () => {
    const cases: [string[], RegExp][] = [
      [[file, '--dialect', 'cisco-ios'], /missing --peer/],
      [[file, '--peer', 'ten', '--dialect', 'cisco-ios'], /not an IP address/],
      [[file, '--peer', '10.0.0.2', '--dialect', 'junos'], /is not one of cisco-ios/],
      [[file, '--peer', '10.0.0.2', '--dialect', 'cisco-ios', '--lan', '192.168.88.1'], /not a prefix/],
      [[file, '--peer', '10.0.0.2', '--dialect', 'cisco-ios', '--frobnicate'], /Unknown option/],
      [[path.join(ROOT, 'no-such-file.ios'), '--peer', '10.0.0.2', '--dialect', 'cisco-ios'], /no-such-file/],
      [[file, '--peer', '10.0.0.9', '--dialect', 'cisco-ios', '--include-psk'], /no IPsec peer/],
      [[path.join(ROOT, 'examples/dmvpn-dual-hub/hub1.ios'), '--peer', '10.4.5.1', '--dialect', 'openbsd'], /not a target for a DMVPN spoke/],
    ];
    for (const [args, re] of cases) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err, re);
      assert.equal(r.err.split('\n').length, 2, 'one line');
      assert.doesNotMatch(r.err, /MYKEY|dmvpn-lab-key/);
    }
  });
});
