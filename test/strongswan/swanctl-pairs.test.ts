// swanctl.conf against a peer through the service: the strongSwan behaviours the lowering models so that valid
// pairs (shapes taken from strongSwan's own test scenarios, testing/tests/**) check clean, each with a variant that
// must still be reported. Exact codes and ranges via fixture carets.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';

function check(files: Record<string, string>): Record<string, string[]> {
  const s = createLanguageService();
  for (const [n, t] of Object.entries(files)) s.setDocument(`file:///lab/${n}`, t, 1);
  const out: Record<string, string[]> = {};
  for (const [n, t] of Object.entries(files)) out[n] = s.getFindings(`file:///lab/${n}`).filter((f) => f.severity !== 'hint').map((f) => `${f.severity} ${f.code} ${JSON.stringify(t.slice(f.range.start, f.range.end))}`);
  return out;
}

const conn = (name: string, body: string) => `connections {\n   ${name} {\n${body}\n   }\n}\n`;

test('version 0 (the default) answers an IKEv1 initiator; version 2 does not', () => {
  const moon = (v: string) => conn('rw', `      local_addrs = 192.0.2.1\n${v}      proposals = aes128-sha256-ecp256\n      children {\n         net {\n            local_ts = 10.1.0.0/16\n            esp_proposals = aes128-sha256-ecp256\n         }\n      }`);
  const carol = conn('home', '      local_addrs = 192.0.2.100\n      remote_addrs = 192.0.2.1\n      version = 1\n      proposals = aes128-sha256-ecp256\n      children {\n         home {\n            remote_ts = 10.1.0.0/16\n            esp_proposals = aes128-sha256-ecp256\n            start_action = trap\n         }\n      }');
  const clean = check({ 'moon.swanctl.conf': moon(''), 'carol.swanctl.conf': carol });
  assert.deepEqual(clean['moon.swanctl.conf'].filter((f) => f.startsWith('error')), []);
  assert.deepEqual(clean['carol.swanctl.conf'].filter((f) => f.startsWith('error')), []);
  const bad = check({ 'moon.swanctl.conf': moon('      version = 2\n'), 'carol.swanctl.conf': carol });
  assert.deepEqual(bad['moon.swanctl.conf'].filter((f) => f.startsWith('error')), ['error ipsec/ike-version-mismatch "2"']);
  assert.deepEqual(bad['carol.swanctl.conf'].filter((f) => f.startsWith('error')), ['error ipsec/ike-version-mismatch "1"']);
});

test('narrowing: overlapping selectors are a warning with strongSwan, disjoint ones an error', () => {
  const side = (local: string, remote: string, me: string, peer: string, ts: string, rts: string) =>
    conn('net', `      local_addrs = ${me}\n      remote_addrs = ${peer}\n      version = 2\n      children {\n         net {\n            local_ts = ${ts}\n            remote_ts = ${rts}\n            start_action = trap\n         }\n      }`) + local + remote;
  const moon = side('', '', '192.0.2.1', '192.0.2.2', '10.0.0.0/14', '0.0.0.0/0');
  const sun = (ts: string) => side('', '', '192.0.2.2', '192.0.2.1', ts, '0.0.0.0/0');
  const ok = check({ 'moon.swanctl.conf': moon, 'sun.swanctl.conf': sun('10.2.0.0/16') });
  assert.deepEqual(ok['moon.swanctl.conf'], ['warning ipsec/selector-mismatch "10.0.0.0/14\\n            remote_ts = 0.0.0.0/0"']);
  assert.deepEqual(ok['sun.swanctl.conf'], ['warning ipsec/selector-mismatch "10.2.0.0/16\\n            remote_ts = 0.0.0.0/0"']);
  // Against a Cisco crypto map that does not narrow, a disjoint selector stays an error.
  const r1 = `hostname r1\ncrypto isakmp policy 1\n encr aes\n hash sha256\n authentication pre-share\n group 14\ncrypto isakmp key k address 192.0.2.1\ncrypto ipsec transform-set T esp-aes esp-sha256-hmac\ncrypto map M 10 ipsec-isakmp\n set peer 192.0.2.1\n set transform-set T\n match address A\ninterface Gi0/0\n ip address 192.0.2.2 255.255.255.0\n crypto map M\nip access-list extended A\n permit ip 172.16.0.0 0.0.0.255 10.0.0.0 0.0.0.255\n`;
  const swan = conn('r1', '      local_addrs = 192.0.2.1\n      remote_addrs = 192.0.2.2\n      version = 1\n      proposals = aes128-sha256-modp2048\n      local {\n         auth = psk\n      }\n      remote {\n         auth = psk\n      }\n      children {\n         net {\n            local_ts = 10.9.0.0/24\n            remote_ts = 172.16.0.0/24\n            esp_proposals = aes128-sha256\n            start_action = trap\n         }\n      }') + 'secrets {\n   ike-r1 {\n      id = 192.0.2.2\n      secret = k\n   }\n}\n';
  const res = check({ 'r1.ios': r1, 'swanctl.conf': swan });
  assert.deepEqual(res['swanctl.conf'], ['error ipsec/selector-mismatch "10.9.0.0/24\\n            remote_ts = 172.16.0.0/24"']);
});

test('asymmetric IKEv2 authentication (certificate one way, EAP the other) is no proposal mismatch', () => {
  const moon = conn('rw-eap', '      local_addrs = 192.0.2.1\n      version = 2\n      proposals = aes128-sha256-x25519\n      local {\n         auth = pubkey\n      }\n      remote {\n         auth = eap-md5\n      }');
  const carol = (remoteAuth: string) => conn('home', `      local_addrs = 192.0.2.100\n      remote_addrs = 192.0.2.1\n      version = 2\n      proposals = aes128-sha256-x25519\n      local {\n         auth = eap-md5\n      }\n      remote {\n         auth = ${remoteAuth}\n      }`);
  const ok = check({ 'moon.swanctl.conf': moon, 'carol.swanctl.conf': carol('pubkey') });
  assert.deepEqual(ok, { 'moon.swanctl.conf': [], 'carol.swanctl.conf': [] });
  // A PSK initiator against the certificate/EAP responder: no common authentication.
  const psk = conn('home', '      local_addrs = 192.0.2.100\n      remote_addrs = 192.0.2.1\n      version = 2\n      proposals = aes128-sha256-x25519\n      local {\n         auth = psk\n      }\n      remote {\n         auth = psk\n      }') + 'secrets {\n   ike {\n      secret = x\n   }\n}\n';
  const bad = check({ 'moon.swanctl.conf': moon, 'carol.swanctl.conf': psk });
  assert.deepEqual(bad['carol.swanctl.conf'], ['error ipsec/ike-proposal-mismatch "aes128-sha256-x25519"']);
});

test('a responder for any address whose PSKs are chosen by name: unverifiable, not missing', () => {
  const moon = (secretId: string) =>
    conn('rw', '      local_addrs = 192.0.2.1\n      version = 2\n      local {\n         auth = psk\n         id = moon.example.org\n      }\n      remote {\n         auth = psk\n      }') +
    `secrets {\n   ike-carol {\n      id = ${secretId}\n      secret = "0sFpZAZqEN6Ti9sqt4ZP5EWcqx"\n   }\n}\n`;
  const carol = conn('home', '      local_addrs = 192.0.2.100\n      remote_addrs = 192.0.2.1\n      version = 2\n      local {\n         auth = psk\n         id = carol@example.org\n      }\n      remote {\n         auth = psk\n         id = moon.example.org\n      }') + 'secrets {\n   ike-moon {\n      id = carol@example.org\n      secret = "0sFpZAZqEN6Ti9sqt4ZP5EWcqx"\n   }\n}\n';
  const byName = check({ 'moon.swanctl.conf': moon('carol@example.org'), 'carol.swanctl.conf': carol });
  assert.deepEqual(byName['moon.swanctl.conf'], ['information ipsec/psk-unverifiable "psk"']);
  // Keyed by the initiator's address, the key is compared (and equal: nothing to report).
  const byAddress = check({ 'moon.swanctl.conf': moon('192.0.2.100'), 'carol.swanctl.conf': carol });
  assert.deepEqual(byAddress, { 'moon.swanctl.conf': [], 'carol.swanctl.conf': [] });
  // … and a different key by address is an error.
  const wrong = check({ 'moon.swanctl.conf': moon('192.0.2.100').replace('0sFpZAZqEN6Ti9sqt4ZP5EWcqx', 'other'), 'carol.swanctl.conf': carol });
  assert.deepEqual(wrong['moon.swanctl.conf'], ['error ipsec/psk-mismatch "\\"other\\""']);
});

test('several PFS groups offered: not compared; one group against another: an error', () => {
  const moon = (esp: string) => conn('rw', `      local_addrs = 192.0.2.1\n      children {\n         net {\n            local_ts = 10.1.0.0/16\n            esp_proposals = ${esp}\n         }\n      }`);
  const carol = conn('home', '      local_addrs = 192.0.2.100\n      remote_addrs = 192.0.2.1\n      children {\n         home {\n            remote_ts = 10.1.0.0/16\n            esp_proposals = 3des-sha1-modp1536\n            start_action = trap\n         }\n      }');
  const ok = check({ 'moon.swanctl.conf': moon('aes128-sha256-modp3072,3des-sha1-modp1536'), 'carol.swanctl.conf': carol });
  assert.ok(!ok['carol.swanctl.conf'].some((f) => f.startsWith('error')), ok['carol.swanctl.conf'].join('\n'));
  const bad = check({ 'moon.swanctl.conf': moon('3des-sha1-modp3072'), 'carol.swanctl.conf': carol });
  assert.ok(bad['carol.swanctl.conf'].includes('error ipsec/pfs-mismatch "modp1536"'), bad['carol.swanctl.conf'].join('\n'));
});

test('a keyword strongSwan does not have is a warning and leaves the list uncompared; a known mismatch is still reported', () => {
  const side = (me: string, peer: string, esp: string) => conn('c', `      local_addrs = ${me}\n      remote_addrs = ${peer}\n      version = 1\n      proposals = aes256-sha512-modp4096\n      children {\n         c {\n            esp_proposals = ${esp}\n            start_action = trap\n         }\n      }`);
  const unknown = check({ 'moon.swanctl.conf': side('192.0.2.1', '192.0.2.2', 'rijndael256-sha512'), 'sun.swanctl.conf': side('192.0.2.2', '192.0.2.1', 'aes256-sha512') });
  assert.deepEqual(unknown, { 'moon.swanctl.conf': ['warning strongswan/unknown-algorithm "rijndael256"'], 'sun.swanctl.conf': [] });
  // Serpent and Twofish are strongSwan keywords (plugins): known, compared, equal.
  const ok = check({ 'moon.swanctl.conf': side('192.0.2.1', '192.0.2.2', 'serpent256-sha512'), 'sun.swanctl.conf': side('192.0.2.2', '192.0.2.1', 'serpent256-sha512') });
  assert.deepEqual(ok, { 'moon.swanctl.conf': [], 'sun.swanctl.conf': [] });
  const bad = check({ 'moon.swanctl.conf': side('192.0.2.1', '192.0.2.2', 'aes256-sha512'), 'sun.swanctl.conf': side('192.0.2.2', '192.0.2.1', '3des-sha1') });
  assert.deepEqual(bad['moon.swanctl.conf'].filter((f) => f.startsWith('error')), ['error ipsec/esp-proposal-mismatch "aes256-sha512"']);
});

test('two responders for any address: the initiator meets the one with its authentication', () => {
  const moon =
    'connections {\n   rw-psk {\n      local_addrs = 192.0.2.1\n      local {\n         auth = psk\n      }\n      remote {\n         auth = psk\n      }\n   }\n' +
    '   rw-pubkey {\n      local_addrs = 192.0.2.1\n      local {\n         auth = pubkey\n      }\n      remote {\n         auth = pubkey\n      }\n   }\n}\nsecrets {\n   ike-1 {\n      id = 192.0.2.100\n      secret = abc\n   }\n}\n';
  const dave = conn('home', '      local_addrs = 192.0.2.200\n      remote_addrs = 192.0.2.1\n      local {\n         auth = pubkey\n      }\n      remote {\n         auth = pubkey\n      }');
  assert.deepEqual(check({ 'moon.swanctl.conf': moon, 'dave.swanctl.conf': dave }), { 'moon.swanctl.conf': [], 'dave.swanctl.conf': [] });
});
