// The web worker's SHA-256 (server/src/browser-sha256.ts, what `node:crypto` resolves to in server/out/browser.js)
// hashes exactly as Node's: fingerprints of ignore entries and baselines must be the same in both hosts.

import assert from 'node:assert/strict';
import { createHash as nodeHash } from 'node:crypto';
import { test } from 'node:test';
import { createHash } from '../../server/src/browser-sha256';

function node(text: string): string {
  return nodeHash('sha256').update(text).digest('hex');
}

test('known vectors (FIPS 180-4 examples)', () => {
  assert.equal(createHash('sha256').update('').digest('hex'), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(createHash('sha256').update('abc').digest('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  assert.equal(
    createHash('sha256').update('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq').digest('hex'),
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
});

test('equal to node:crypto for every length around the block and padding boundaries, and for non-ASCII text', () => {
  for (let n = 0; n < 200; n++) {
    const text = 'crypto isakmp key ' + 'x'.repeat(n);
    assert.equal(createHash('sha256').update(text).digest('hex'), node(text), `length ${text.length}`);
  }
  const odd = 'netcfg-fp-1\u0000ipsec/psk-mismatch\u0000r1\u0000description Zürich ☃ 𝄞 \ud800 end\u0000r2';
  assert.equal(createHash('sha256').update(odd).digest('hex'), node(odd));
  assert.equal(createHash('sha256').update('a').update('bc').digest('hex'), node('abc'));
  const big = 'interface Tunnel0\n'.repeat(40000);
  assert.equal(createHash('sha256').update(big).digest('hex'), node(big));
});

test('refuses an algorithm it does not implement instead of hashing wrongly', () => {
  assert.throws(() => createHash('md5'), /not available/);
});
