// Secrets after abbreviated keywords: IOS takes any unambiguous abbreviation (`ip nhrp au K`, `ip ospf
// authentication-k 0 K`), and the outline, semantic tokens and reference scan must still mask or dim the key.
// Found by the fuzzer (test/fuzz/repro/cisco-ios-secret-bbdc056c.txt): an abbreviated NHRP key shown in the outline.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iosDialect } from '../../server/src/dialects/ios';
import { secretArgs } from '../../server/src/dialects/ios/secrets';
import type { OutlineSymbol } from '../../server/src/dialects/types';

const names = (syms: OutlineSymbol[]): string[] => syms.flatMap((s) => [s.name, ...names(s.children)]);

test('secretArgs resolves the keywords through the parsed path', () => {
  assert.deepEqual(secretArgs(['ip', 'nhrp', 'au', 'K1'], 'interface', ['ip', 'nhrp', 'authentication']), [3]);
  assert.deepEqual(secretArgs(['ip', 'nhrp', 'authentication', 'K1'], 'interface', ['ip', 'nhrp', 'authentication']), [3]);
  assert.deepEqual(secretArgs(['ip', 'ospf', 'authentication-k', '0', 'K2'], 'interface', ['ip', 'ospf', 'authentication-key']), [4]);
  // Not secrets: the IKE authentication method, an NHRP network id.
  assert.deepEqual(secretArgs(['authentication', 'pre-share'], 'isakmp-policy', ['authentication']), []);
  assert.deepEqual(secretArgs(['ip', 'nhrp', 'network-id', '1'], 'interface', ['ip', 'nhrp', 'network-id']), []);
});

test('an abbreviated NHRP key never shows in the outline, and is a secret for display features', () => {
  const text = 'in 0\nip nhrp au NhrpKey9x\n s\ninterface Tunnel1\n ip ospf authentication-k 0 OspfKey7\n  x\n!\n';
  const parsed = iosDialect.parse(text, {});
  const outline = names(iosDialect.outline!(parsed));
  assert.ok(outline.includes('ip nhrp au ****'), outline.join(' | '));
  assert.ok(outline.includes('ip ospf authentication-k 0 ****'), outline.join(' | '));
  assert.ok(!outline.some((n) => n.includes('NhrpKey9x') || n.includes('OspfKey7')), outline.join(' | '));
  const low = iosDialect.lower(parsed, 'file:///r.ios', {});
  const secretTexts = (low.device.otherSecrets ?? []).map((r) => text.slice(r.start, r.end));
  assert.ok(secretTexts.includes('NhrpKey9x') && secretTexts.includes('OspfKey7'), secretTexts.join(' '));
});
