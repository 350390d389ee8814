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

test('batch mode (the CLI) gives the same findings without fixes, and keeps no Setter alive', () => {
  const texts: [string, string][] = [
    ['file:///w/r1.ios', R1],
    ['file:///w/r2.ios', R2.replace('KEYONE', 'KEYTWO')],
  ];
  const editor = createLanguageService();
  const batch = createLanguageService({ batch: true });
  for (const [uri, text] of texts) {
    editor.setDocument(uri, text, 1);
    batch.setDocument(uri, text, 1);
  }
  const shape = (fs: ReturnType<typeof editor.getFindings>) => fs.map((f) => ({ ...f, fixes: [] }));
  for (const [uri] of texts) {
    assert.ok(editor.getFindings(uri).some((f) => f.code === 'ipsec/psk-mismatch' && f.fixes.length > 0));
    assert.deepEqual(shape(batch.getFindings(uri)), shape(editor.getFindings(uri)));
    assert.ok(batch.getFindings(uri).every((f) => f.fixes.length === 0));
  }
  // No function anywhere in the batch model: a Setter closure would keep the file's whole tree in memory.
  const fns: string[] = [];
  const walk = (o: unknown, at: string) => {
    if (typeof o === 'function') fns.push(at);
    else if (o && typeof o === 'object' && !(o instanceof Set) && !(o instanceof Map)) for (const [k, v] of Object.entries(o)) walk(v, `${at}.${k}`);
  };
  walk(batch.getDevice('file:///w/r1.ios'), 'device');
  assert.deepEqual(fns, []);
  walk(editor.getDevice('file:///w/r1.ios'), 'device');
  assert.ok(fns.length > 0, 'the editor model keeps its Setters');
  // A feature that needs the tree still gets one (parsed again from the kept text).
  assert.ok(batch.getParse('file:///w/r1.ios')?.parsed.tokens.length);
});
