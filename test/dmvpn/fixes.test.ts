// Quick fixes of the DMVPN checks in real IOS syntax (seed 004 single hub): a missing tunnel key, NHRP
// authentication, tunnel protection or NHRP multicast map is added on the spoke (or removed from it when the hub
// has none), at the place IOS shows it; the hub is never edited; after any fix the code is gone on every file.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fixesOf as roundTrips, once, type Applied } from '../helpers/fixes';
import { fixture, singleHub } from './seed004';

/** Round trips of `code` on the seed fixtures; no fix may show the NHRP key or the PSK. */
const fixesOf = (fx: string, code: string, scope: 'every file' | 'own file' = 'every file') => roundTrips(fx, code, { scope, secret: /NHRPKEY|cisco123/ });

/** Text without the fixture's trailing blank line. */
const trim = (t: string | undefined) => (t ?? '').replace(/\n+$/, '\n');

/** Every fix edited only r2.ios, and produced exactly `expected` there. */
function allEditSpoke(applied: Applied[], expected: string, count = 2): void {
  assert.equal(applied.length, count);
  for (const a of applied) {
    assert.deepEqual([...a.texts.keys()], ['r2.ios'], a.title);
    assert.equal(trim(a.texts.get('r2.ios')), trim(expected), a.title);
  }
}

const pair = (hub: string, spoke: string) => fixture({ 'r1.ios': hub, 'r2.ios': spoke });
const hub = singleHub.hub;
const spoke = singleHub.spoke(2);

test('dmvpn/tunnel-key-mismatch, spoke without a key: `tunnel key 1` is added before `tunnel protection`', () => {
  const { list, applied } = fixesOf(pair(hub, once(spoke, ' tunnel key 1\n', '')), 'dmvpn/tunnel-key-mismatch');
  assert.deepEqual(list, ['r1.ios "1" [Make R2 match this side]', 'r2.ios "Tunnel0" [Make this side match R1]']);
  allEditSpoke(applied, spoke);
});

test('dmvpn/tunnel-key-mismatch, hub without a key: the spoke drops its `tunnel key`', () => {
  const { list, applied } = fixesOf(pair(once(hub, ' tunnel key 1\n', ''), spoke), 'dmvpn/tunnel-key-mismatch');
  assert.deepEqual(list, ['r1.ios "Tunnel0" [Make R2 match this side]', 'r2.ios "1" [Make this side match R1]']);
  allEditSpoke(applied, once(spoke, ' tunnel key 1\n', ''));
});

test('dmvpn/nhrp-auth-mismatch, spoke without authentication: `ip nhrp authentication` is added first among the NHRP lines', () => {
  const withAuth = (t: string) => once(t, ' ip nhrp network-id 1\n', ' ip nhrp network-id 1\n ip nhrp authentication NHRPKEY1\n');
  const { list, applied } = fixesOf(pair(withAuth(hub), spoke), 'dmvpn/nhrp-auth-mismatch');
  assert.deepEqual(list, ['r1.ios "ip nhrp authentication NHRPKEY1" [Make R2 match this side]', 'r2.ios "Tunnel0" [Make this side match R1]']);
  allEditSpoke(applied, once(spoke, ' ip nhrp map 10.10.10.1 1.1.1.2\n', ' ip nhrp authentication NHRPKEY1\n ip nhrp map 10.10.10.1 1.1.1.2\n'));
});

test('dmvpn/nhrp-auth-mismatch, hub without authentication: the spoke drops its `ip nhrp authentication`', () => {
  const withAuth = once(spoke, ' ip nhrp network-id 1\n', ' ip nhrp network-id 1\n ip nhrp authentication NHRPKEY2\n');
  const { list, applied } = fixesOf(pair(hub, withAuth), 'dmvpn/nhrp-auth-mismatch');
  assert.deepEqual(list, ['r1.ios "Tunnel0" [Make R2 match this side]', 'r2.ios "ip nhrp authentication NHRPKEY2" [Make this side match R1]']);
  allEditSpoke(applied, spoke);
});

test('dmvpn/tunnel-protection-mismatch: the unprotected spoke gets the hub\'s profile, or its own only profile', () => {
  const bare = once(spoke, ' tunnel protection ipsec profile myDMVPN\n', '');
  const { list, applied } = fixesOf(pair(hub, bare), 'dmvpn/tunnel-protection-mismatch');
  assert.deepEqual(list, ['r1.ios "myDMVPN" [Make R2 match this side]', 'r2.ios "Tunnel0" [Make this side match R1]']);
  allEditSpoke(applied, spoke);

  // The spoke's only profile has another name: that one is used.
  const renamed = bare.replace('crypto ipsec profile myDMVPN', 'crypto ipsec profile SPOKEPROF');
  const other = fixesOf(pair(hub, renamed), 'dmvpn/tunnel-protection-mismatch');
  allEditSpoke(other.applied, once(renamed, ' tunnel key 1\n', ' tunnel key 1\n tunnel protection ipsec profile SPOKEPROF\n'));
});

test('dmvpn/tunnel-protection-mismatch: no fix when the spoke defines no IPsec profile, or the hub is the unprotected end', () => {
  const noProfile = once(once(spoke, ' tunnel protection ipsec profile myDMVPN\n', ''), 'crypto ipsec profile myDMVPN\n set security-association lifetime seconds 120\n set transform-set mySet\n set pfs group2\n', '');
  assert.deepEqual(fixesOf(pair(hub, noProfile), 'dmvpn/tunnel-protection-mismatch').list, ['r1.ios "myDMVPN" []', 'r2.ios "Tunnel0" []']);
  // Removing the spoke's protection to match a clear-text hub would be a downgrade: not offered (and the hub is never edited).
  const clearHub = once(hub, ' tunnel protection ipsec profile myDMVPN\n', '');
  assert.deepEqual(fixesOf(pair(clearHub, spoke), 'dmvpn/tunnel-protection-mismatch').list, ['r1.ios "Tunnel0" []', 'r2.ios "myDMVPN" []']);
});

// OSPF broadcast over DMVPN (multipoint spokes), as in the fixture test.
const ospf = (t: string, itf: string) => once(t, ' tunnel key 1\n', ` tunnel key 1\n${itf}`).replace(/\nip route/, '\nrouter ospf 1\n network 10.10.10.0 0.0.0.255 area 0\n!\nip route');
const ospfHub = ospf(hub, ' ip ospf network broadcast\n');
const ospfSpoke = (extra = '') => ospf(spoke, ` ip ospf network broadcast\n ip ospf priority 0\n${extra}`).replace(' tunnel destination 1.1.1.2\n', ' tunnel mode gre multipoint\n');

test('dmvpn/multicast-map-missing on a spoke mapping multicast elsewhere: `ip nhrp map multicast <hub NBMA>` after the maps', () => {
  const hubOk = once(ospfHub, ' ip nhrp network-id 1\n', ' ip nhrp network-id 1\n ip nhrp map multicast dynamic\n');
  const r2 = ospfSpoke(' ip nhrp map multicast 1.1.1.9\n');
  const { list, applied } = fixesOf(pair(hubOk, r2), 'dmvpn/multicast-map-missing');
  assert.deepEqual(list, ['r2.ios "ip nhrp map multicast 1.1.1.9" [Make this side match R1]']);
  // After the last NHRP map line (here the other multicast map).
  allEditSpoke(applied, once(r2, ' ip nhrp map multicast 1.1.1.9\n', ' ip nhrp map multicast 1.1.1.9\n ip nhrp map multicast 1.1.1.2\n'), 1);
});

test('dmvpn/multicast-map-missing without any multicast map: `dynamic` on the hub, the hub NBMA on the spoke', () => {
  // Single-device findings: each fix clears the finding of the file it edits.
  const { list, applied } = fixesOf(pair(ospfHub, ospfSpoke()), 'dmvpn/multicast-map-missing', 'own file');
  assert.deepEqual(list, ['r1.ios "ip ospf network broadcast" [Add `ip nhrp map multicast dynamic`]', 'r2.ios "ip ospf network broadcast" [Add `ip nhrp map multicast 1.1.1.2`]']);
  assert.equal(applied.length, 2);
  const onHub = applied.find((a) => a.file === 'r1.ios')!;
  assert.deepEqual([...onHub.texts.keys()], ['r1.ios']);
  // The hub has no other NHRP map line: the multicast map goes before its first NHRP line.
  assert.equal(trim(onHub.texts.get('r1.ios')), trim(once(ospfHub, ' ip nhrp network-id 1\n', ' ip nhrp map multicast dynamic\n ip nhrp network-id 1\n')));
  const onSpoke = applied.find((a) => a.file === 'r2.ios')!;
  assert.deepEqual([...onSpoke.texts.keys()], ['r2.ios']);
  assert.equal(trim(onSpoke.texts.get('r2.ios')), trim(once(ospfSpoke(), ' ip nhrp map 10.10.10.1 1.1.1.2\n', ' ip nhrp map 10.10.10.1 1.1.1.2\n ip nhrp map multicast 1.1.1.2\n')));
  // Both applied: the pair checks clean for this code.
  const both = pair(once(ospfHub, ' ip nhrp network-id 1\n', ' ip nhrp map multicast dynamic\n ip nhrp network-id 1\n'), onSpoke.texts.get('r2.ios')!);
  assert.deepEqual(fixesOf(both, 'dmvpn/multicast-map-missing').list, []);
});
