// The catalog-coverage classifier of `npm run corpus` on small crafted configs (no corpus needed): known vs unknown
// lines, mode and focus attribution, `no` prefixes, IOS abbreviations, RouterOS parameters, BIRD blocks.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify, CoverageTally } from './coverage';

const byLine = (dialect: Parameters<typeof classify>[0], text: string) => new Map(classify(dialect, text).lines.map((l) => [l.line, l]));

test('IOS: known and unknown commands, modes, focus sections, `no` and abbreviations', () => {
  const text = [
    'hostname r1', // 1 known, global, not focus
    'interface GigabitEthernet0/0', // 2 known header, focus
    ' ip address 10.0.0.1 255.255.255.0', // 3 known
    ' ip verify unicast source reachable-via rx', // 4 unknown
    ' no shut', // 5 `no` + abbreviation of shutdown
    ' ip os cost 10', // 6 abbreviation of `ip ospf cost`
    'router ospf 1', // 7 focus
    ' frobnicate now', // 8 unknown in router ospf
    'logging host 10.0.0.9', // 9 unknown global, not focus
    '!',
    'crypto isakmp policy 10', // 11 focus
    ' encr aes 256', // 12 abbreviation
    'end',
  ].join('\n');
  const l = byLine('cisco-ios', text);
  assert.deepEqual([...l.keys()], [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12]);
  assert.equal(l.get(1)!.known, true);
  assert.equal(l.get(1)!.focus, false);
  assert.equal(l.get(2)!.focus, true);
  assert.equal(l.get(3)!.known, true);
  assert.equal(l.get(3)!.mode, 'interface');
  assert.equal(l.get(4)!.known, false);
  assert.deepEqual(l.get(4)!.unknown, ['interface › ip verify']);
  assert.equal(l.get(4)!.focus, true);
  assert.equal(l.get(5)!.known, true, '`no shut` is `shutdown`');
  assert.equal(l.get(6)!.known, true, '`ip os cost` abbreviates `ip ospf cost`');
  assert.equal(l.get(7)!.focus, true);
  assert.deepEqual(l.get(8)!.unknown, ['router ospf › frobnicate']);
  assert.equal(l.get(8)!.focus, true);
  assert.deepEqual(l.get(9)!.unknown, ['global configuration › logging']);
  assert.equal(l.get(9)!.focus, false);
  assert.equal(l.get(12)!.known, true);
  assert.equal(l.get(12)!.mode, 'crypto isakmp policy');
});

test('IOS: a one-letter word is never an abbreviation, and lines under an unknown block stay unknown', () => {
  const l = byLine('cisco-ios', ['interface Loopback0', ' s', 'router bgp 65000', ' neighbor 10.0.0.2 remote-as 1'].join('\n'));
  assert.equal(l.get(2)!.known, false);
  assert.equal(l.get(4)!.known, false);
  assert.equal(l.get(4)!.focus, false);
});

test('ASA: global crypto map lines count as focus', () => {
  const l = byLine('cisco-asa', ['ASA Version 9.8(1)', 'crypto map M 10 set peer 192.0.2.1', 'logging enable'].join('\n'));
  assert.equal(l.get(2)!.known, true);
  assert.equal(l.get(2)!.focus, true);
  assert.equal(l.get(3)!.focus, false);
});

test('RouterOS: menu, verb and every parameter must be known; focus by menu', () => {
  const text = ['/ip ipsec peer', 'add address=192.0.2.1 name=p1 foo=1', 'add addr=192.0.2.2 name=p2', '/system logging', 'add topics=ipsec', '/ip address add address=10.0.0.1/24 interface=ether1'].join('\n');
  const l = byLine('routeros', text);
  assert.equal(l.get(2)!.known, false);
  assert.deepEqual(l.get(2)!.unknown, ['/ip ipsec peer › foo=']);
  assert.equal(l.get(2)!.focus, true);
  assert.equal(l.get(3)!.known, true, 'a unique prefix of a parameter name is known');
  assert.equal(l.get(5)!.focus, false);
  assert.equal(l.get(6)!.known, true);
  assert.equal(l.get(6)!.focus, true);
  assert.equal(l.has(1), false, 'a menu line alone is not a command');
});

test('OpenBSD: rules are focus, macros are not', () => {
  const l = byLine('openbsd-ipsec', ['gw = "192.0.2.1"', 'ike esp from 10.0.0.0/24 to 10.1.0.0/24 peer $gw psk "k"'].join('\n'));
  assert.equal(l.get(1)!.focus, false);
  assert.equal(l.get(2)!.known, true);
  assert.equal(l.get(2)!.focus, true);
});

test('BIRD: OSPF blocks are focus, filter code is excluded, unknown statements are keyed by block', () => {
  const text = [
    'router id 10.0.0.1;', // 1
    'protocol ospf v2 o1 {', // 2
    '  ipv4 { import all; export filter { accept; }; };', // 3
    '  area 0 {', // 4
    '    interface "eth0" { hello 10; frob 3; };', // 5
    '  };',
    '};',
    'protocol bgp b1 { neighbor 192.0.2.1 as 65001; }', // 8
    'filter f { if net ~ 10.0.0.0/8 then reject; accept; }', // 9
  ].join('\n');
  const fc = classify('bird', text);
  const unknown = fc.lines.filter((x) => !x.known).flatMap((x) => x.unknown);
  assert.deepEqual(unknown.sort(), ['interface › frob', 'protocol bgp › neighbor']);
  assert.ok(fc.lines.filter((x) => x.line === 5).every((x) => x.focus));
  assert.ok(fc.lines.filter((x) => x.line === 8).every((x) => !x.focus));
  assert.ok(fc.excluded >= 3, 'filter statements are not counted');
});

test('CoverageTally: shares and the most frequent unknown keys', () => {
  const t = new CoverageTally();
  t.add({ excluded: 1, lines: [
    { line: 1, mode: 'interface', focus: true, known: true, unknown: [] },
    { line: 2, mode: 'interface', focus: true, known: false, unknown: ['interface › a'] },
    { line: 3, mode: 'global', focus: false, known: false, unknown: ['global › b'] },
    { line: 4, mode: 'global', focus: false, known: false, unknown: ['global › b'] },
  ] });
  const s = t.summary(1);
  assert.equal(s.lines, 4);
  assert.equal(s.share, 25);
  assert.equal(s.focusShare, 50);
  assert.equal(s.excluded, 1);
  assert.deepEqual(s.topUnknown, [{ key: 'global › b', n: 2 }]);
  assert.deepEqual(s.topUnknownFocus, [{ key: 'interface › a', n: 1 }]);
});
