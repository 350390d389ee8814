// Document links for `include` in BIRD and OpenBSD ipsec.conf, resolved relative to the including file.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getDocumentLinks, resolveInclude } from '../../server/src/features/documentLinks';
import { createLanguageService } from '../../server/src/service';

const links = (s: ReturnType<typeof createLanguageService>, uri: string) =>
  getDocumentLinks(s, uri).map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character} ${l.target}`);

test('BIRD include: relative to the file, absolute kept, globs and commented-out includes get no link', () => {
  const s = createLanguageService();
  const uri = 'file:///etc/bird/bird.conf';
  s.setDocument(uri, 'router id 10.0.0.1;\ninclude "ospf.conf";\n# include "old.conf";\ninclude "/usr/local/etc/bird/filters.conf";\ninclude "conf.d/*.conf";\nprotocol device { }\ninclude "../shared/peer list.conf";\n', 1);
  assert.deepEqual(links(s, uri), [
    '1:9-18 file:///etc/bird/ospf.conf',
    '3:9-41 file:///usr/local/etc/bird/filters.conf',
    '6:9-33 file:///etc/shared/peer%20list.conf',
  ]);
});

test('ipsec.conf include: quoted or bare; `include` as a word inside a rule is no include', () => {
  const s = createLanguageService();
  const uri = 'file:///etc/ipsec.conf';
  s.setDocument(uri, 'include "/etc/ipsec.d/peers.conf"\ninclude local.conf\nike esp from 10.0.0.0/24 to 10.1.0.0/24 peer 192.0.2.2 psk "include"\n', 1);
  assert.deepEqual(links(s, uri), ['0:9-32 file:///etc/ipsec.d/peers.conf', '1:8-18 file:///etc/local.conf']);
});

test('no links for IOS, nor for a relative include of an unsaved file', () => {
  const s = createLanguageService();
  s.setDocument('file:///w/r1.ios', 'hostname r1\ninclude "x.conf"\n', 1);
  assert.deepEqual(links(s, 'file:///w/r1.ios'), []);
  assert.equal(resolveInclude('untitled:Untitled-1', 'ospf.conf'), undefined);
  assert.equal(resolveInclude('untitled:Untitled-1', '/etc/bird/ospf.conf'), 'file:///etc/bird/ospf.conf');
});
