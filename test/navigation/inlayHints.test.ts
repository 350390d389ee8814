// Inlay hints: the effective defaults the model records for implicit values, per dialect, at exact positions.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getInlayHints } from '../../server/src/features/inlayHints';
import { createLanguageService } from '../../server/src/service';
import { loadExamples } from './helpers';

type S = ReturnType<typeof createLanguageService>;
const hints = (s: S, uri: string) => getInlayHints(s, uri).map((h) => `${h.position.line}:${h.position.character} ${h.label}`);
const tooltip = (s: S, uri: string, i: number) => (getInlayHints(s, uri)[i].tooltip as { value: string }).value;

test('IOS: an ISAKMP policy without hash, group and lifetime shows the IOS defaults after its header', () => {
  const s = createLanguageService();
  const uri = 'file:///w/r1.ios';
  s.setDocument(uri, [
    'hostname r1',
    'crypto isakmp policy 10',
    ' encryption aes 256',
    ' authentication pre-share',
    'crypto isakmp key abcdefgh address 192.0.2.2',
    'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac',
    'crypto map M 10 ipsec-isakmp',
    ' set peer 192.0.2.2',
    ' set transform-set TS',
    ' match address 101',
    'access-list 101 permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255',
    'interface GigabitEthernet0/0',
    ' ip address 192.0.2.1 255.255.255.0',
    ' crypto map M',
    '',
  ].join('\n'), 1);
  assert.deepEqual(hints(s, uri), ['1:23 hash sha1 · group 1 · lifetime 86400 s (IOS default)']);
  assert.equal(tooltip(s, uri, 0), [
    '- `hash sha1`: IOS default when `hash` is absent: SHA-1 [S8]',
    '- `group 1`: IOS default when `group` is absent: group 1 (modp768) [S8]',
    '- `lifetime 86400 s`: IOS default when `lifetime` is absent: 86400 s [S8]',
  ].join('\n'));
  // Written values get no hint.
  s.setDocument(uri, s.getDocument(uri)!.text.replace(' authentication pre-share', ' authentication pre-share\n hash sha256\n group 14\n lifetime 28800'), 2);
  assert.deepEqual(hints(s, uri), []);
});

test('IOS and ASA: a policy no peer uses yet shows its defaults too', () => {
  const s = createLanguageService();
  const uri = 'file:///w/r2.ios';
  s.setDocument(uri, ['hostname r2', 'crypto isakmp policy 20', ' encryption aes 256', ' authentication pre-share', ''].join('\n'), 1);
  assert.deepEqual(hints(s, uri), ['1:23 hash sha1 · group 1 · lifetime 86400 s (IOS default)']);
  const asa = 'file:///w/fw.asa';
  s.setDocument(asa, [': ASA Version 9.8(4)', 'hostname fw', 'crypto ikev1 policy 10', ' authentication pre-share', ' encryption aes-256', ''].join('\n'), 1);
  const got = hints(s, asa);
  assert.equal(got.length, 1, JSON.stringify(got));
  assert.match(got[0], /^2:22 .*\(ASA default\)$/);
});

test('IOS OSPF: hello/dead/network type per interface, after the interface header (DMVPN dual hub)', () => {
  const s = loadExamples('dmvpn-dual-hub');
  assert.deepEqual(hints(s, 'file:///ex/dmvpn-dual-hub/spoke1.ios'), [
    '8:23 lifetime 86400 s (IOS default)',
    '23:19 hello 10 · dead 40 · network loopback (IOS default)',
    '26:17 hello 30 · dead 120 (IOS default)',
    '40:17 hello 30 · dead 120 (IOS default)',
  ]);
  assert.match(tooltip(s, 'file:///ex/dmvpn-dual-hub/spoke1.ios', 2), /^- `hello 30`: IOS default for network type non-broadcast \(30\/120\)/);
});

test('RouterOS: a proposal without algorithms shows the defaults of the detected version, v7 and v6', () => {
  const s = createLanguageService();
  const v7 = 'file:///w/v7.rsc';
  s.setDocument(v7, '# 2024-01-01 by RouterOS 7.11\n/ip ipsec profile\nadd name=P1 hash-algorithm=sha256 enc-algorithm=aes-256 dh-group=modp2048\n/ip ipsec peer\nadd name=hq address=203.0.113.1/32 profile=P1 exchange-mode=ike2\n/ip ipsec proposal\nadd name=P\n/ip ipsec identity\nadd peer=hq secret=abcdefgh\n/ip ipsec policy\nadd peer=hq proposal=P src-address=10.1.0.0/24 dst-address=10.2.0.0/24 tunnel=yes\n', 1);
  assert.deepEqual(hints(s, v7), [
    '2:73 auth psk · lifetime 86400 s (RouterOS default)',
    '6:10 encryption aes-cbc-256,aes-cbc-192,aes-cbc-128 · integrity sha1 · pfs modp1024 · lifetime 1800 s (RouterOS default)',
  ]);
  assert.match(tooltip(s, v7, 0), /`lifetime 86400 s`: RouterOS profile default lifetime=1d/);
  assert.match(tooltip(s, v7, 1), /`pfs modp1024`: .*pfs-group=modp1024/);
  assert.match(tooltip(s, v7, 1), /`lifetime 1800 s`: .*lifetime=30m/);
  const v6 = 'file:///w/v6.rsc';
  s.setDocument(v6, '# jan/01/2020 by RouterOS 6.47\n/ip ipsec proposal\nadd name=P\n/ip ipsec peer\nadd address=203.0.113.1/32 secret=abcdefgh\n/ip ipsec policy\nadd dst-address=10.2.0.0/24 proposal=P sa-dst-address=203.0.113.1 sa-src-address=0.0.0.0 src-address=10.1.0.0/24 tunnel=yes\n', 1);
  assert.deepEqual(hints(s, v6), [
    '2:10 encryption aes-cbc-256,aes-cbc-192,aes-cbc-128 · integrity sha1 · pfs modp1024 · lifetime 1800 s (RouterOS default)',
    '4:42 encryption aes-cbc-128,3des · hash sha1 · group 14,2 · auth psk · lifetime 86400 s (RouterOS default)',
  ]);
  assert.match(tooltip(s, v6, 1), /RouterOS v6 peer default .*enc-algorithm=aes-128,3des/);
  // The secret never reaches a hint.
  for (const h of getInlayHints(s, v6)) assert.ok(!JSON.stringify(h).includes('abcdefgh'));
});

test('BIRD OSPF: interface defaults after the interface line; the example\'s written timers get none', () => {
  const s = loadExamples('bird-ospf');
  assert.deepEqual(hints(s, 'file:///ex/bird-ospf/bird.conf'), ['37:36 network broadcast (BIRD default)', '46:24 hello 10 · dead 40 · network broadcast (BIRD default)']);
  assert.match(tooltip(s, 'file:///ex/bird-ospf/bird.conf', 1), /`dead 40`: BIRD: dead count 4 × hello 10 s/);
});

test('OpenBSD: an ike rule without `main` shows the phase 1 defaults at the end of the rule', () => {
  const s = createLanguageService();
  const uri = 'file:///w/ipsec.conf';
  s.setDocument(uri, 'ike esp from 10.1.0.0/24 to 10.2.0.0/24 peer 192.0.2.2 psk "k-aaaaaaaa"\n', 1);
  assert.deepEqual(hints(s, uri), ['0:71 encryption aes-cbc-any · hash sha1 · group 15 · lifetime 3600 s (isakmpd default)']);
  assert.ok(!JSON.stringify(getInlayHints(s, uri)).includes('k-aaaaaaaa'));
});

test('only the hints inside the requested range', () => {
  const s = loadExamples('dmvpn-dual-hub');
  const uri = 'file:///ex/dmvpn-dual-hub/spoke1.ios';
  const inRange = getInlayHints(s, uri, { start: { line: 24, character: 0 }, end: { line: 30, character: 0 } });
  assert.deepEqual(inRange.map((h) => h.position.line), [26]);
});
