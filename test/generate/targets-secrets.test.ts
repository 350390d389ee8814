// Confirmed secrets with awkward characters (issue 19): the RouterOS and OpenBSD emitters quote them so the dialect's
// own lexer reads back exactly the source's key (pair checks clean); keys a dialect cannot write at all are refused
// with a GenerateError rather than written wrong. The placeholder is the default and no key reaches the text then.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractSpec, GenerateError } from '../../server/src/generate/extract';
import { TARGETS } from '../../server/src/generate/emit';
import { createLanguageService } from '../../server/src/service';
import { crossProblems, loadPair, readRepo, syntaxProblems } from './targets-harness';
import { ASA_L2L } from './targets-sources';

function asaWithKey(key: string) {
  return { uri: 'file:///sources/keys/asa-hq.asa', text: ASA_L2L.replace('ikev1 pre-shared-key Br4nch-Key', `ikev1 pre-shared-key ${key}`) };
}

function device(src: { uri: string; text: string }) {
  const svc = createLanguageService({});
  svc.setDocument(src.uri, src.text, 1);
  return svc.getDevice(src.uri)!;
}

describe('secrets in generated configs', () => {
  for (const key of ['p@ss"w$rd\\x', '12345678']) {
    for (const target of ['routeros6', 'routeros7', 'openbsd'] as const) {
      it(`${JSON.stringify(key)} → ${target} reads back as the same key`, () => {
        const src = asaWithKey(key);
        const dev = device(src);
        assert.equal(dev.keys[0].secret.plain, key);
        const text = TARGETS[target].emit(extractSpec(dev, '198.51.100.7', { target, includeSecrets: true }));
        const p = loadPair(src, { uri: `file:///generated/keys/${target === 'openbsd' ? 'ipsec.conf' : 'g.rsc'}`, text });
        assert.deepEqual(p.service.getDevice(p.generatedUri)!.keys.map((k) => k.secret.plain), [key]);
        assert.deepEqual(syntaxProblems(p), []);
        assert.deepEqual(crossProblems(p, false), []);
      });
    }
  }

  it('a key with a space (RouterOS source) is quoted for RouterOS and OpenBSD', () => {
    const src = { uri: 'file:///sources/keys/mikrotik.rsc', text: readRepo('examples/site-to-site-ios-routeros/mikrotik.rsc').text.replace('secret=MY_KEY', 'secret="my key $1"') };
    const dev = device(src);
    assert.equal(dev.keys[0].secret.plain, 'my key $1');
    for (const target of ['routeros7', 'openbsd'] as const) {
      const text = TARGETS[target].emit(extractSpec(dev, '192.168.23.3', { target, includeSecrets: true }));
      assert.ok(text.includes(target === 'openbsd' ? 'psk "my key $1"' : 'secret="my key \\$1"'), text);
      const p = loadPair(src, { uri: `file:///generated/keys2/${target === 'openbsd' ? 'ipsec.conf' : 'g.rsc'}`, text });
      assert.deepEqual(p.service.getDevice(p.generatedUri)!.keys.map((k) => k.secret.plain), ['my key $1']);
    }
  });

  it('keys a dialect cannot write are refused: ipsec.conf trailing backslash, BIRD double quote', () => {
    const dev = device(asaWithKey('ends-with\\'));
    assert.throws(() => TARGETS.openbsd.emit(extractSpec(dev, '198.51.100.7', { target: 'openbsd', includeSecrets: true })), GenerateError);
    assert.doesNotThrow(() => TARGETS.routeros7.emit(extractSpec(dev, '198.51.100.7', { target: 'routeros7', includeSecrets: true })));
    const core = readRepo('examples/bird-ospf/core.ios');
    const quoted = device({ uri: core.uri, text: core.text.replace('md5 ospf-lab-key', 'md5 ospf"key') });
    assert.throws(() => TARGETS.bird.emit(extractSpec(quoted, '10.50.0.1', { target: 'bird', includeSecrets: true })), GenerateError);
    // Without confirmation the placeholder is written, whatever the key.
    assert.match(TARGETS.bird.emit(extractSpec(quoted, '10.50.0.1', { target: 'bird' })), /password "CHANGE-ME" \{/);
  });
});
