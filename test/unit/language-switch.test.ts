// The client switches an ipsec.conf's editor language to the dialect the server detected by content
// (client/src/language.ts): OpenBSD ↔ strongSwan only, once per document.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { languageSwitch } from '../../client/src/language';

test('an ipsec.conf opened as OpenBSD but detected as strongSwan switches to strongswan, and the reverse', () => {
  const none = new Set<string>();
  assert.equal(languageSwitch('openbsd-ipsec', 'strongswan', 'file:///etc/ipsec.conf', none), 'strongswan');
  assert.equal(languageSwitch('strongswan', 'openbsd-ipsec', 'file:///etc/ipsec.conf', none), 'openbsd-ipsec');
});

test('no switch when language and dialect agree, for other languages, for skipped files, or a second time', () => {
  const none = new Set<string>();
  assert.equal(languageSwitch('openbsd-ipsec', 'openbsd-ipsec', 'file:///a', none), undefined);
  assert.equal(languageSwitch('strongswan', 'strongswan', 'file:///a', none), undefined);
  assert.equal(languageSwitch('swanctl', 'strongswan', 'file:///swanctl.conf', none), undefined);
  assert.equal(languageSwitch('plaintext', 'strongswan', 'file:///a.conf', none), undefined);
  assert.equal(languageSwitch('openbsd-ipsec', null, 'file:///etc/ipsec.conf', none), undefined);
  assert.equal(languageSwitch('openbsd-ipsec', 'strongswan', 'file:///etc/ipsec.conf', new Set(['file:///etc/ipsec.conf'])), undefined);
});
