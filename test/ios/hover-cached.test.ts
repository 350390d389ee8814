// IOS/ASA hover reads the service's cached lowering (issue 15: it re-lowered the whole file per request, 300-740 ms
// at 100k lines). The lowering is counted with a spy on its run(); effective values still come from the model.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { IosLowering } from '../../server/src/dialects/ios/lower';
import { getHover } from '../../server/src/features/hover';
import { createLanguageService } from '../../server/src/service';

let runs = 0;
const original = IosLowering.prototype.run;

function acl(lines: number): string {
  const out = ['hostname acl', 'crypto isakmp policy 10', ' encryption aes 256', ' group 14', 'interface Loopback0', ' ip address 10.255.0.1 255.255.255.255', ' ip ospf 1 area 0', 'router ospf 1', 'ip access-list extended BIG'];
  for (let i = 1; i <= lines; i++) out.push(` permit tcp any host 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} eq ${(i % 65000) + 1}`);
  return `${out.join('\n')}\n`;
}

function markdown(h: ReturnType<typeof getHover>): string {
  return h && typeof h.contents === 'object' && 'value' in h.contents ? h.contents.value : '';
}

describe('IOS hover on a 10,000-line file', () => {
  before(() => {
    IosLowering.prototype.run = function (this: IosLowering) {
      runs++;
      return original.call(this);
    };
  });
  after(() => {
    IosLowering.prototype.run = original;
  });

  for (const [uri, head] of [
    ['file:///hover/acl.ios', ''],
    ['file:///hover/fw.asa', ': Saved\nASA Version 9.8(1)\n'],
  ]) {
    it(`${uri.split('.').pop()}: hovers never lower again`, () => {
      const text = head + acl(10_000);
      const service = createLanguageService();
      service.setDocument(uri, text, 1);
      service.getFindings(uri);
      const lowered = runs;
      assert.ok(lowered >= 1);
      const lines = text.split('\n');
      const mid = lines.findIndex((l) => l.includes('host 10.0.19.136 '));
      for (let k = 0; k < 20; k++) assert.ok(markdown(getHover(service, uri, { line: mid, character: 3 })).length > 0);
      assert.equal(runs, lowered, 'hover ran the lowering');
      // Effective phase-1 values of the policy still come through (from the cached lowering's facts).
      if (uri.endsWith('.ios')) {
        const enc = lines.indexOf(' encryption aes 256');
        const md = markdown(getHover(service, uri, { line: enc, character: 3 }));
        assert.match(md, /Effective values of/);
        assert.match(md, /DH group: \*\*/);
        const itf = lines.indexOf(' ip ospf 1 area 0');
        assert.match(markdown(getHover(service, uri, { line: itf, character: 3 })), /OSPF on Loopback0/);
      }
      assert.equal(runs, lowered, 'hover ran the lowering');
    });
  }

  it('a new version is lowered once, then hovers read it', () => {
    const uri = 'file:///hover/edit.ios';
    const service = createLanguageService();
    service.setDocument(uri, acl(100), 1);
    getHover(service, uri, { line: 50, character: 3 });
    const first = runs;
    service.setDocument(uri, acl(101), 2);
    assert.ok(markdown(getHover(service, uri, { line: 109, character: 3 })).length > 0);
    getHover(service, uri, { line: 60, character: 3 });
    assert.equal(runs, first + 1);
  });
});
