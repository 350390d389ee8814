// Workspace symbols (Ctrl+T): devices and named objects of every dialect, fuzzy subsequence matching, ranking.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SymbolKind } from 'vscode-languageserver-types';
import { fuzzyScore, getWorkspaceSymbols, MAX_WORKSPACE_SYMBOLS } from '../../server/src/features/workspaceSymbols';
import { createLanguageService } from '../../server/src/service';
import { loadExamples, where } from './helpers';

const ALL = ['dmvpn-dual-hub', 'site-to-site-ios-routeros', 'bird-ospf', 'openbsd-meraki', 'asa-remote-access', 'l2tp-ipsec-routeros'];
const show = (r: ReturnType<typeof getWorkspaceSymbols>) => r.map((s) => `${s.name} [${s.containerName}]`);

test('fuzzy score: a subsequence matches, case-insensitive; prefix and consecutive runs rank higher', () => {
  assert.equal(fuzzyScore('xyz', 'tunnel0'), -1);
  assert.equal(fuzzyScore('tnl', 'tunnel0'), fuzzyScore('tnl', 'Tunnel0'));
  assert.ok(fuzzyScore('tnl', 'tunnel0') > 0);
  assert.ok(fuzzyScore('tun', 'tunnel0') > fuzzyScore('tun', 'xtunnel0'));
  assert.ok(fuzzyScore('tun', 'tunnel0') > fuzzyScore('tun', 't-u-n'));
  assert.ok(fuzzyScore('hub1', 'hub1') > fuzzyScore('hub1', 'hub10'));
  assert.ok(fuzzyScore('gi0/1', 'GigabitEthernet0/1') > 0);
});

test('devices, tunnels, interfaces, crypto maps, profiles, ACLs and BIRD protocols across dialects', () => {
  const s = loadExamples(...ALL);
  assert.deepEqual(show(getWorkspaceSymbols(s, 'hub2')).slice(0, 1), ['hub2 [device (cisco-ios)]']);
  const tun = getWorkspaceSymbols(s, 'tunnel1');
  assert.deepEqual(show(tun).filter((x) => x.startsWith('Tunnel1 ')), ['Tunnel1 [tunnel · hub2]', 'Tunnel1 [tunnel · spoke1]', 'Tunnel1 [tunnel · spoke2]']);
  assert.equal(tun[0].kind, SymbolKind.Interface);
  assert.equal(where(tun.find((x) => x.containerName === 'tunnel · hub2')!.location), 'hub2.ios:22:10-17');
  const cm = getWorkspaceSymbols(s, 'mycm');
  assert.deepEqual(show(cm).slice(0, 1), ['MYCRYPTOMAP [crypto-map · r1]']);
  assert.equal(cm[0].kind, SymbolKind.Key);
  assert.deepEqual(show(getWorkspaceSymbols(s, 'mydmvpn')), ['myDMVPN [ipsec-profile · hub1]', 'myDMVPN [ipsec-profile · hub2]', 'myDMVPN [ipsec-profile · spoke1]', 'myDMVPN [ipsec-profile · spoke2]']);
  assert.deepEqual(show(getWorkspaceSymbols(s, 'acltraff')), ['ACLTRAFF [acl · r1]']);
  const ospf = getWorkspaceSymbols(s, 'ospf1');
  assert.deepEqual(show(ospf).slice(0, 1), ['ospf1 [protocol · 10.255.0.1]']);
  assert.equal(ospf[0].kind, SymbolKind.Event);
  assert.deepEqual(show(getWorkspaceSymbols(s, 'l2tp-prop')), ['L2TP-Proposal [ipsec-proposal · l2tp-gw]']);
  assert.deepEqual(show(getWorkspaceSymbols(s, 'ratunnelgrp')), ['RA_TUNNELGRP [tunnel-group · fw]']);
  assert.deepEqual(show(getWorkspaceSymbols(s, 'meraki')).filter((x) => x.includes('macro')), ['meraki [macro · ipsec.conf]']);
});

test('a RouterOS built-in object the file does not write is not offered; the best matches come first, capped', () => {
  const s = createLanguageService();
  s.setDocument('file:///w/r.rsc', '/ip ipsec proposal\nadd name=P1 enc-algorithms=aes-256-cbc\n', 1);
  assert.deepEqual(show(getWorkspaceSymbols(s, 'default')), []);
  assert.deepEqual(show(getWorkspaceSymbols(s, 'p1')), ['P1 [ipsec-proposal · r.rsc]']);
  const many = createLanguageService();
  const lines = ['hostname big'];
  for (let i = 0; i < 1000; i++) lines.push(`ip access-list extended ACL-${i}`, ' permit ip any any');
  many.setDocument('file:///w/big.ios', lines.join('\n') + '\n', 1);
  // 271 of the 1,000 names hold a 1 after the dash.
  const res = getWorkspaceSymbols(many, 'acl-1');
  assert.equal(res.length, MAX_WORKSPACE_SYMBOLS);
  assert.equal(res[0].name, 'ACL-1');
  assert.deepEqual(res.slice(1, 4).map((r) => r.name), ['ACL-10', 'ACL-11', 'ACL-12']);
});
