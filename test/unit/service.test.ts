import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLanguageService } from '../../server/src/service';

const R1 = 'hostname r1\ninterface FastEthernet1/0\n ip address 192.168.23.3 255.255.255.0\n crypto map M\ncrypto isakmp policy 1\n encryption aes 256\n authentication pre-share\n group 14\ncrypto isakmp key KEYONE address 10.0.0.2\ncrypto ipsec transform-set T esp-aes 256 esp-sha-hmac\ncrypto map M 10 ipsec-isakmp\n set peer 10.0.0.2\n set transform-set T\n match address A\nip access-list extended A\n permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255\n';
const R2 = R1.replace('hostname r1', 'hostname r2').replace('ip address 192.168.23.3', 'ip address 10.0.0.2').replace('key KEYONE address 10.0.0.2', 'key KEYONE address 192.168.23.3').replace('set peer 10.0.0.2', 'set peer 192.168.23.3').replace('permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255', 'permit ip 192.168.88.0 0.0.0.255 192.168.0.0 0.0.0.255');

const codes = (s: ReturnType<typeof createLanguageService>, uri: string) => s.getFindings(uri).map((f) => f.code).filter((c) => c.startsWith('ipsec/psk'));

test('a document reopened at a reused version with other text gets fresh cross-file findings', () => {
  const s = createLanguageService();
  s.setDocument('file:///w/r1.ios', R1, 1);
  s.setDocument('file:///w/r2.ios', R2, 1);
  assert.deepEqual(codes(s, 'file:///w/r1.ios'), []);
  // Closed and reopened by a host that restarts versions at 1: the cache must not answer from the old text.
  s.setDocument('file:///w/r2.ios', R2.replace('KEYONE', 'KEYTWO'), 1);
  assert.deepEqual(codes(s, 'file:///w/r1.ios'), ['ipsec/psk-mismatch']);
  assert.deepEqual(codes(s, 'file:///w/r2.ios'), ['ipsec/psk-mismatch']);
});

test('setDocument reports the document and its partners as affected, and removal the old partners', () => {
  const s = createLanguageService();
  s.setDocument('file:///w/r1.ios', R1, 1);
  const affected = s.setDocument('file:///w/r2.ios', R2, 1);
  assert.deepEqual([...affected].sort(), ['file:///w/r1.ios', 'file:///w/r2.ios']);
  assert.deepEqual([...s.removeDocument('file:///w/r1.ios')].sort(), ['file:///w/r1.ios', 'file:///w/r2.ios']);
  assert.deepEqual(s.partners('file:///w/r2.ios'), []);
});
