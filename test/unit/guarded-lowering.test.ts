// Issue 15: a lowering bug must yield `internal/parser-crash` for that file, never a dead server or run. The IOS,
// ASA and RouterOS entries now guard their lowering as BIRD and OpenBSD do, and the service guards every dialect's
// parse and lowering once more. Tested by handing the entries a crafted parse (no tree) and by replacing a dialect's
// lower/parse with one that throws.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asaDialect } from '../../server/src/dialects/asa';
import { birdDialect } from '../../server/src/dialects/bird';
import { iosDialect } from '../../server/src/dialects/ios';
import { openbsdDialect } from '../../server/src/dialects/openbsd';
import { routerosDialect } from '../../server/src/dialects/routeros';
import { strongswanDialect } from '../../server/src/dialects/strongswan';
import type { Dialect } from '../../server/src/dialects/types';
import { getCompletions } from '../../server/src/features/completion';
import { getDiagnostics } from '../../server/src/features/diagnostics';
import { getHover } from '../../server/src/features/hover';
import { createLanguageService, setInternalErrorHandler } from '../../server/src/service';

const SAMPLES: [Dialect<any>, string, string][] = [
  [iosDialect, 'file:///w/r1.ios', 'hostname r1\ninterface GigabitEthernet0/0\n ip address 10.0.0.1 255.255.255.0\n'],
  [asaDialect, 'file:///w/fw.asa', 'ASA Version 9.8(2)\nhostname fw\ninterface GigabitEthernet0/0\n nameif outside\n'],
  [routerosDialect, 'file:///w/r2.rsc', '/ip address\nadd address=10.0.0.1/24 interface=ether1\n'],
  [birdDialect, 'file:///w/bird.conf', 'router id 10.0.0.1;\nprotocol device {\n}\n'],
  [openbsdDialect, 'file:///w/ipsec.conf', 'ike esp from 192.168.1.0/24 to 192.168.2.0/24 peer 10.0.0.2\n'],
  [strongswanDialect, 'file:///w/swan/ipsec.conf', 'conn a\n\tleft=10.0.0.1\n\tright=10.0.0.2\n\tauto=start\n'],
];

for (const [dialect, uri, text] of SAMPLES) {
  test(`${dialect.id}: the dialect entry turns a lowering exception into internal/parser-crash`, () => {
    const parsed = dialect.parse(text, {});
    // A parse result without a tree: every lowering dereferences it on its first line.
    const res = dialect.lower({ ...parsed, tree: undefined }, uri, {});
    assert.equal(res.device.dialect, dialect.id);
    assert.equal(res.device.uri, uri);
    assert.deepEqual(
      res.diagnostics.filter((d) => d.code === 'internal/parser-crash').map((d) => [d.severity, d.range]),
      [['error', { start: 0, end: 0 }]],
    );
  });
}

test('the service reports a throwing lowering as internal/parser-crash for that file only, logs it, and keeps serving', () => {
  const errors: unknown[] = [];
  setInternalErrorHandler((err) => errors.push(err));
  const original = iosDialect.lower;
  iosDialect.lower = () => {
    throw new Error('injected lowering bug');
  };
  try {
    const s = createLanguageService();
    s.setDocument('file:///w/r1.ios', SAMPLES[0][2], 1);
    s.setDocument('file:///w/r2.rsc', `${SAMPLES[2][2]}/ip ipsec peer\nadd address=10.0.0.2/32 profile=nope\n`, 1);
    const crash = s.getFindings('file:///w/r1.ios').filter((f) => f.code === 'internal/parser-crash');
    assert.deepEqual(
      crash.map((f) => [f.severity, f.range, f.message]),
      [['error', { start: 0, end: 0 }, 'netcfg could not analyse this file (injected lowering bug); please report it']],
    );
    assert.equal(s.getDevice('file:///w/r1.ios')?.dialect, 'cisco-ios');
    assert.deepEqual(errors.map((e) => (e as Error).message), ['injected lowering bug']);
    // The features still answer for the file, and the other file is checked as usual.
    assert.deepEqual(getDiagnostics(s, 'file:///w/r1.ios').map((d) => d.code), ['internal/parser-crash']);
    assert.ok(Array.isArray(getCompletions(s, 'file:///w/r1.ios', { line: 1, character: 0 })));
    getHover(s, 'file:///w/r1.ios', { line: 0, character: 2 });
    assert.ok(s.getFindings('file:///w/r2.rsc').some((f) => f.code === 'ref/undefined'), 'the RouterOS file is still checked');
    assert.ok(s.getFindings('file:///w/r2.rsc').every((f) => f.code !== 'internal/parser-crash'));
  } finally {
    iosDialect.lower = original;
    setInternalErrorHandler(() => {});
  }
});

test('the service reports a throwing parse once as internal/parser-crash, with a lossless token', () => {
  const original = birdDialect.parse;
  birdDialect.parse = () => {
    throw new Error('injected parser bug');
  };
  try {
    const s = createLanguageService();
    const text = SAMPLES[3][2];
    s.setDocument('file:///w/bird.conf', text, 1);
    assert.deepEqual(s.getFindings('file:///w/bird.conf').map((f) => f.code), ['internal/parser-crash']);
    assert.equal(s.getParse('file:///w/bird.conf')!.parsed.tokens.map((t) => t.text).join(''), text);
  } finally {
    birdDialect.parse = original;
  }
});
