// BIRD completion and hover: block-aware keywords, enums, names, peer values first; docs, defaults, effective values.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { birdDialect, parseBird } from '../../server/src/dialects/bird';
import * as model from '../../server/src/model';

function at(textWithCursor: string) {
  const offset = textWithCursor.indexOf('$0');
  const text = textWithCursor.replace('$0', '');
  return { parsed: parseBird(text), offset, text };
}

const labels = (items: { label: string }[]) => items.map((i) => i.label);

describe('bird completion', () => {
  it('offers the keywords of the block the cursor is in', () => {
    const iface = at('protocol ospf {\n  area 0 {\n    interface "eth0" {\n      he$0\n    };\n  };\n}\n');
    const items = birdDialect.complete!(iface.parsed, iface.offset, { peers: [] });
    assert.ok(labels(items).includes('hello'));
    assert.ok(labels(items).includes('dead count'));
    assert.ok(!labels(items).includes('area'), 'area is not an interface keyword');
    const hello = items.find((i) => i.label === 'hello')!;
    assert.match(hello.documentation!, /Default: 10/);
    assert.deepEqual(hello.replaceRange, { start: iface.offset - 2, end: iface.offset });

    const area = at('protocol ospf {\n  area 0 {\n    $0\n  };\n}\n');
    const areaLabels = labels(birdDialect.complete!(area.parsed, area.offset, { peers: [] }));
    assert.ok(areaLabels.includes('stubnet') && areaLabels.includes('interface') && areaLabels.includes('nssa'));
    assert.ok(!areaLabels.includes('hello'));

    const top = at('$0\nprotocol device {}\n');
    assert.ok(labels(birdDialect.complete!(top.parsed, top.offset, { peers: [] })).includes('router id'));

    const chan = at('protocol kernel {\n  ipv4 {\n    $0\n  };\n}\n');
    const chanLabels = labels(birdDialect.complete!(chan.parsed, chan.offset, { peers: [] }));
    assert.ok(chanLabels.includes('import') && chanLabels.includes('export') && chanLabels.includes('table'));
  });

  it('offers enums, filter/template/table names and interface patterns', () => {
    const type = at('protocol ospf { area 0 { interface "e" { type $0 }; }; }\n');
    assert.deepEqual(labels(birdDialect.complete!(type.parsed, type.offset, { peers: [] })).slice(0, 4), ['broadcast', 'ptp', 'nbma', 'ptmp']);
    const filt = at('filter f1 { accept; }\nfilter f2 { reject; }\nprotocol kernel { ipv4 { export filter $0 }; }\n');
    assert.deepEqual(labels(birdDialect.complete!(filt.parsed, filt.offset, { peers: [] })), ['f1', 'f2']);
    const from = at('template bgp peers { }\nprotocol bgp b from $0 { }\n');
    assert.deepEqual(labels(birdDialect.complete!(from.parsed, from.offset, { peers: [] })), ['peers']);
    const pat = at('protocol ospf { area 0 { interface "vlan7"; interface $0 }; }\n');
    assert.deepEqual(labels(birdDialect.complete!(pat.parsed, pat.offset, { peers: [] })).slice(0, 2), ['"vlan7"', '"eth*"']);
  });

  it('puts the hello the paired peer uses first', () => {
    const peer = model.emptyDevice('file:///r2.ios', 'cisco-ios', 'r2');
    peer.ospfInterfaces.push({
      processId: '1', interfaceName: 'Tunnel0', range: { start: 0, end: 1 }, area: { value: '0.0.0.0' }, areaType: 'normal',
      networkType: { value: 'point-to-multipoint' }, hello: { value: 30, default: 'IOS point-to-multipoint default' }, dead: { value: 120 },
      priority: { value: 1 }, passive: { value: false }, mtuIgnore: false, auth: { value: { type: 'none' } }, version: 2, neighbors: [],
    });
    const c = at('protocol ospf { area 0 { interface "tun0" { type ptmp; hello $0 }; }; }\n');
    const items = birdDialect.complete!(c.parsed, c.offset, { peers: [peer] });
    assert.deepEqual(labels(items).slice(0, 2), ['30', '10']);
    assert.match(items[0].detail!, /r2 on Tunnel0/);
    assert.equal(items[0].sortText, '0');
  });
});

describe('bird hover', () => {
  it('documents keywords with their default and the effective value with its source', () => {
    const h = at('protocol ospf {\n  area 0 {\n    interface "eth0" {\n      dead c$0ount 3;\n      hello 5;\n    };\n  };\n}\n');
    const hover = birdDialect.hover!(h.parsed, h.offset, { peers: [] })!;
    assert.match(hover.markdown, /\*\*dead count\*\* \(OSPF interface\)/);
    assert.match(hover.markdown, /Default: 4/);
    assert.match(hover.markdown, /Effective on `eth0`: \*\*15\*\* — BIRD: dead count 3 × hello 5 s/);
    assert.equal(h.text.slice(hover.range.start, hover.range.end), 'dead count');
  });

  it('shows the effective settings of an interface pattern, masking the key', () => {
    const h = at('protocol ospf {\n  area 0 {\n    interface "vl$0an7" {\n      hello 2;\n      authentication cryptographic;\n      password "password";\n    };\n  };\n}\n');
    const hover = birdDialect.hover!(h.parsed, h.offset, { peers: [] })!;
    assert.match(hover.markdown, /OSPFv2 interface `vlan7`/);
    assert.match(hover.markdown, /\| hello \| 2 s \| configured \|/);
    assert.match(hover.markdown, /\| dead \| 8 s \| BIRD: dead count 4 × hello 2 s/);
    assert.match(hover.markdown, /\| type \| broadcast \| BIRD autodetects/);
    assert.match(hover.markdown, /keyed-md5, key id 1, key \*{8} \(8 chars\)/);
    assert.doesNotMatch(hover.markdown, /password"/);
    const pw = at('protocol ospf { area 0 { interface "e" { authentication simple; password "sec$0ret12"; }; }; }\n');
    const pwHover = birdDialect.hover!(pw.parsed, pw.offset, { peers: [] })!;
    assert.doesNotMatch(pwHover.markdown, /secret12/);
    assert.match(pwHover.markdown, / \*{8} \(8 chars\)/);
  });
});
