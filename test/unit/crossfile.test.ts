// A batch check's cross-file model (service.ts `forCrossFile`, analysis/crossfile.ts): only the interfaces the
// cross-file checks look up stay, every interface address goes into `Device.addressTable`. The findings must be the
// ones of the whole model: on the examples, the CLI fixtures and ../shared/corpus, and on crafted pairs where a
// dropped interface would change the verdict (a shut parent of an OSPF sub-interface or of a tunnel source, an
// address owned twice that `pairing/ambiguous-peer` points at).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { crossFileInterfaces } from '../../server/src/analysis/crossfile';
import * as model from '../../server/src/model';
import { createLanguageService, type LanguageService } from '../../server/src/service';

const ROOT = path.join(__dirname, '../..');
const CORPUS = path.resolve(ROOT, '../shared/corpus');

type Files = readonly (readonly [uri: string, text: string])[];

/** Every finding of every file, as the report shows it (code, severity, range, message, related). */
function shown(svc: LanguageService, files: Files): string[] {
  const res: string[] = [];
  for (const [uri] of files) {
    for (const f of svc.getFindings(uri)) {
      res.push(`${uri} ${f.code} ${f.severity} ${f.range.start}-${f.range.end} ${f.message} | ${f.related.map((r) => `${r.uri} ${r.range.start}-${r.range.end} ${r.message}`).join(' | ')}`);
    }
  }
  return res;
}

/** The same files checked with whole models (`setDocument`) and with cut ones posted as a worker posts them. */
function both(files: Files): { whole: string[]; cut: string[]; cutService: LanguageService } {
  const whole = createLanguageService({ batch: true });
  for (const [uri, text] of files) whole.setDocument(uri, text, 1);
  const lowerer = createLanguageService({ batch: true });
  const cut = createLanguageService({ batch: true });
  for (const [uri, text] of files) {
    const pre = lowerer.precompute(uri, text);
    if (pre) cut.setLowered(uri, text, 1, structuredClone(pre));
    else cut.setDocument(uri, text, 1);
  }
  return { whole: shown(whole, files), cut: shown(cut, files), cutService: cut };
}

function folder(dir: string, base: string): Files {
  const res: (readonly [string, string])[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && !/\.(md|tsv|yaml|json)$/.test(e.name)) res.push([`file:///${base}/${path.relative(dir, p)}`, fs.readFileSync(p, 'utf8')]);
    }
  };
  walk(dir);
  return res;
}

const ios = (name: string, body: string) => [`file:///ws/${name}.ios`, `hostname ${name}\n${body}\nend\n`] as const;

// Two routers whose OSPF hello intervals differ on a sub-interface link (ospf/timer-mismatch), with 40 address-only
// customer sub-interfaces each (the fleet's shape, dropped from the cut model).
const padding = (n: number, third: number) => Array.from({ length: n }, (_, i) => `interface GigabitEthernet2/0.${100 + i}\n description customer ${i}\n encapsulation dot1Q ${100 + i}\n ip address 10.${third}.${i}.1 255.255.255.0\n!`).join('\n');
const ospfPair = (parentShut: boolean) => [
  ios(
    'r1',
    `interface GigabitEthernet0/1\n${parentShut ? ' shutdown\n' : ' no shutdown\n'}!\ninterface GigabitEthernet0/1.10\n encapsulation dot1Q 10\n ip address 10.0.0.1 255.255.255.0\n ip ospf hello-interval 5\n!\n${padding(40, 201)}\nrouter ospf 1\n network 10.0.0.0 0.0.0.255 area 0`,
  ),
  ios('r2', `interface GigabitEthernet0/1\n no shutdown\n!\ninterface GigabitEthernet0/1.10\n encapsulation dot1Q 10\n ip address 10.0.0.2 255.255.255.0\n!\n${padding(40, 202)}\nrouter ospf 1\n network 10.0.0.0 0.0.0.255 area 0`),
];

// A GRE tunnel whose `tunnel source` is a sub-interface (its parent shut or not) and whose keys differ from the hub's.
const grePair = (parentShut: boolean) => [
  ios(
    'spoke',
    `interface GigabitEthernet0/0\n${parentShut ? ' shutdown\n' : ' no shutdown\n'}!\ninterface GigabitEthernet0/0.5\n encapsulation dot1Q 5\n ip address 198.51.100.2 255.255.255.0\n!\ninterface Tunnel0\n ip address 172.16.0.2 255.255.255.0\n ip nhrp network-id 1\n ip nhrp nhs 172.16.0.1\n ip nhrp map 172.16.0.1 198.51.100.1\n tunnel source GigabitEthernet0/0.5\n tunnel mode gre multipoint\n tunnel key 7\n!\n${padding(30, 203)}`,
  ),
  ios('hub', `interface GigabitEthernet0/0\n ip address 198.51.100.1 255.255.255.0\n!\ninterface Tunnel0\n ip address 172.16.0.1 255.255.255.0\n ip nhrp network-id 1\n tunnel source GigabitEthernet0/0\n tunnel mode gre multipoint\n tunnel key 1\n!\n${padding(30, 204)}`),
];

describe('the cross-file model of a batch check', () => {
  test('keeps the looked-up interfaces and every address, in model order', () => {
    const svc = createLanguageService({ batch: true });
    const [uri, text] = ospfPair(true)[0];
    const pre = svc.precompute(uri, text)!;
    const d = pre.lowered.device;
    assert.deepEqual(d.interfaces.map((i) => i.name), ['GigabitEthernet0/1', 'GigabitEthernet0/1.10'], 'the OSPF sub-interface and its parent');
    const editor = createLanguageService();
    editor.setDocument(uri, text, 1);
    const whole = editor.getDevice(uri)!;
    assert.equal(whole.interfaces.length, 42);
    assert.deepEqual(model.interfaceAddresses(d), model.interfaceAddresses(whole));
    assert.equal(model.interfaceAddresses(d).length, 41);
    assert.equal(model.interfaceAddresses(d)[5], '10.201.4.1');
    const at = (x: model.Device) => model.interfaceAddressRange(x, (a) => a === '10.201.4.1');
    assert.deepEqual(at(d), at(whole));
    assert.equal(text.slice(at(d)!.start, at(d)!.end), '10.201.4.1 255.255.255.0');
    assert.deepEqual(crossFileInterfaces(whole).addressTable, d.addressTable);
    assert.equal(whole.addressTable, undefined, 'the editor keeps the whole model');
  });

  test('an OSPF sub-interface whose parent is shut: no adjacency check, as with the whole model', () => {
    const shut = both(ospfPair(true));
    assert.deepEqual(shut.cut, shut.whole);
    assert.ok(!shut.whole.some((f) => f.includes('ospf/timer-mismatch')), shut.whole.join('\n'));
    const up = both(ospfPair(false));
    assert.deepEqual(up.cut, up.whole);
    assert.equal(up.whole.filter((f) => f.includes('ospf/timer-mismatch')).length, 2, up.whole.join('\n'));
  });

  test('a tunnel sourced from a sub-interface whose parent is shut: no DMVPN pair check, as with the whole model', () => {
    const shut = both(grePair(true));
    assert.deepEqual(shut.cut, shut.whole);
    assert.ok(!shut.whole.some((f) => f.includes('dmvpn/')), shut.whole.join('\n'));
    const up = both(grePair(false));
    assert.deepEqual(up.cut, up.whole);
    assert.ok(up.whole.some((f) => f.includes('tunnel-key')), up.whole.join('\n'));
  });

  test('pairing/ambiguous-peer points at the owners\' interface addresses from the table', () => {
    const owner = (name: string) => ios(name, `interface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\n!\n${padding(5, 205)}`);
    const files = [
      ios('a', 'crypto isakmp key k1 address 192.0.2.1\ncrypto map M 10 ipsec-isakmp\n set peer 192.0.2.1\n set transform-set T\ncrypto ipsec transform-set T esp-aes esp-sha-hmac\ninterface GigabitEthernet0/0\n ip address 192.0.2.9 255.255.255.0\n crypto map M'),
      owner('b'),
      owner('c'),
    ];
    const r = both(files);
    assert.deepEqual(r.cut, r.whole);
    const f = r.cut.find((x) => x.includes('pairing/ambiguous-peer'));
    assert.ok(f, r.cut.join('\n'));
    const start = files[1][1].indexOf('192.0.2.1 255.255.255.0');
    assert.ok(f.includes(`file:///ws/b.ios ${start}-${start + '192.0.2.1 255.255.255.0'.length} b owns 192.0.2.1`), f);
  });

  test('the examples and the CLI fixtures: the same findings', () => {
    for (const d of fs.readdirSync(path.join(ROOT, 'examples'), { withFileTypes: true })) {
      if (!d.isDirectory()) continue;
      const r = both(folder(path.join(ROOT, 'examples', d.name), `ex/${d.name}`));
      assert.deepEqual(r.cut, r.whole, d.name);
    }
    const r = both(folder(path.join(ROOT, 'test/cli/fixtures'), 'fixtures'));
    assert.deepEqual(r.cut, r.whole);
  });

  test('the real corpus: the same findings', { skip: !fs.existsSync(CORPUS) && 'no ../shared/corpus' }, () => {
    const r = both(folder(CORPUS, 'corpus'));
    assert.ok(r.whole.length > 100);
    assert.deepEqual(r.cut, r.whole);
  });
});
