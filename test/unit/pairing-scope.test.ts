// Pairing in a workspace that holds several networks reusing the same private addresses (issue 14 §1): the owner of a
// targeted address or of a link address is chosen by netcfg.yaml `networks:` scope, then the nearest folder, then
// mutual targeting; an open choice is reported as `pairing/ambiguous-peer` and checked on no guess. OSPF workspace
// checks stay within one domain, identical findings are merged, and the `networks:` schema and parser agree.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import type * as model from '../../server/src/model';
import { createLanguageService, mergeIdentical, type LanguageService } from '../../server/src/service';
import { matchGlob, parseWorkspaceConfig } from '../../server/src/workspace-config';
import { parseFixture, type ExpectedDiagnostic, type FixtureFile } from '../helpers/fixture';

const WS = 'file:///ws/';

/** Loads a fixture with uris `file:///ws/<name>` (names may hold folders: `custA/r1.ios`). */
function load(fixture: string): { service: LanguageService; files: FixtureFile[] } {
  const service = createLanguageService();
  const files = parseFixture(fixture).map((f) => ({ ...f, uri: `${WS}${f.name}` }));
  // netcfg.yaml first, as a host that scans the workspace would do; the order must not matter (checked below).
  for (const f of [...files].sort((a, b) => Number(b.name.endsWith('netcfg.yaml')) - Number(a.name.endsWith('netcfg.yaml')))) service.setDocument(f.uri, f.text, 1);
  return { service, files };
}

/** `file:line:col severity code "text"` of every finding with one of `codes` (or every expected code), sorted. */
function render(files: FixtureFile[], list: ExpectedDiagnostic[]): string {
  return list
    .map((d) => {
      const f = files.find((x) => x.name === d.file)!;
      const before = f.text.slice(0, d.start);
      return `${d.file}:${before.split('\n').length}:${d.start - before.lastIndexOf('\n')} ${d.severity} ${d.code} ${JSON.stringify(f.text.slice(d.start, d.end))}`;
    })
    .sort()
    .join('\n');
}

/** Asserts that the findings with `codes` on every file are exactly the caret lines of the fixture. */
function check(fixture: string, codes: string[]): { service: LanguageService; files: FixtureFile[] } {
  const { service, files } = load(fixture);
  const actual: ExpectedDiagnostic[] = [];
  for (const f of files) for (const d of service.getFindings(f.uri)) if (codes.some((c) => d.code === c || (/[/-]$/.test(c) && d.code.startsWith(c)))) actual.push({ file: f.name, start: d.range.start, end: d.range.end, severity: d.severity, code: d.code });
  assert.equal(render(files, actual), render(files, files.flatMap((f) => f.expected)));
  return { service, files };
}

const uriOf = (files: FixtureFile[], name: string) => files.find((f) => f.name === name)!.uri;
const partnersOf = (service: LanguageService, files: FixtureFile[], name: string) =>
  service
    .partners(uriOf(files, name))
    .map((u) => u.slice(WS.length))
    .sort();

// Seed 001's MikroTik ↔ Cisco site-to-site pair: the MikroTik owns 10.0.0.2 (sa-src-address=) and targets
// 192.168.23.3; the Cisco owns 192.168.23.3 and targets 10.0.0.2.
const MK = (dir: string, key: string, caret = '') => `//- ${dir}mk.rsc
ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none
ip ipsec policy add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
ip ipsec peer add address=192.168.23.3 port=500 auth-method=pre-shared-key secret=${key} exchange-mode=main send-initial-contact=yes nat-traversal=yes proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no
${caret}`;
const MK_CARET = (what: string, len = 6) => `#${' '.repeat(81)}${'^'.repeat(len)} ${what}\n`;

const CISCO = (dir: string, key: string, caret = '', peerCaret = '') => `//- ${dir}c.ios
hostname cisco
crypto isakmp policy 1
 encr aes 256
 authentication pre-share
 group 2
crypto isakmp key ${key} address 10.0.0.2 no-xauth
${caret}crypto ipsec transform-set MYTRANSFORMSET esp-aes 256 esp-sha-hmac
 mode tunnel
crypto map MYCRYPTOMAP 10 ipsec-isakmp
 set peer 10.0.0.2
${peerCaret} set transform-set MYTRANSFORMSET
 match address ACLTRAFF
ip access-list extended ACLTRAFF
 permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255
interface fa1/0
 ip address 192.168.23.3 255.255.255.0
 crypto map MYCRYPTOMAP
`;
const C_KEY_CARET = (what: string, len = 5) => `!${' '.repeat(17)}${'^'.repeat(len)} ${what}\n`;
const C_PEER_CARET = (what: string) => `!${' '.repeat(9)}${'^'.repeat(8)} ${what}\n`;

const IPSEC = ['ipsec/psk-', 'pairing/ambiguous-peer'];

describe('targets owned by several devices: one network per folder', () => {
  it('custA/ and custB/ copies with matching keys on each side: no psk finding, each end paired only with its own', () => {
    const { service, files } = check(MK('custA/', 'KEYA') + CISCO('custA/', 'KEYA') + MK('custB/', 'KEYB') + CISCO('custB/', 'KEYB'), IPSEC);
    assert.deepEqual(partnersOf(service, files, 'custA/c.ios'), ['custA/mk.rsc']);
    assert.deepEqual(partnersOf(service, files, 'custA/mk.rsc'), ['custA/c.ios']);
    assert.deepEqual(partnersOf(service, files, 'custB/c.ios'), ['custB/mk.rsc']);
    assert.deepEqual(partnersOf(service, files, 'custB/mk.rsc'), ['custB/c.ios']);
  });

  it("one folder's keys differ: psk-mismatch on exactly that folder's two ends, naming each other", () => {
    const { service, files } = check(
      MK('custA/', 'KEYA') + CISCO('custA/', 'KEYA') + MK('custB/', 'MY_KEY', MK_CARET('error ipsec/psk-mismatch')) + CISCO('custB/', 'MYKEY2', C_KEY_CARET('error ipsec/psk-mismatch', 6)),
      IPSEC,
    );
    const f = service.getFindings(uriOf(files, 'custB/c.ios')).find((d) => d.code === 'ipsec/psk-mismatch')!;
    assert.deepEqual(
      f.related.map((r) => r.uri),
      [uriOf(files, 'custB/mk.rsc')],
    );
  });

  it('the same pair loaded in another order pairs the same way (incremental index)', () => {
    const texts = parseFixture(MK('custA/', 'KEYA') + CISCO('custA/', 'KEYA') + MK('custB/', 'KEYB') + CISCO('custB/', 'KEYB'));
    const service = createLanguageService();
    for (const f of [...texts].reverse()) service.setDocument(`${WS}${f.name}`, f.text, 1);
    // Editing custB's key re-checks custB only; custA stays clean and custA's router never meets custB's MikroTik.
    const affected = service.setDocument(`${WS}custB/mk.rsc`, texts.find((f) => f.name === 'custB/mk.rsc')!.text.replace('KEYB', 'OTHER'), 2);
    assert.ok(affected.has(`${WS}custB/c.ios`));
    assert.deepEqual(
      service.getFindings(`${WS}custA/c.ios`).filter((d) => d.code.startsWith('ipsec/psk')),
      [],
    );
    assert.deepEqual(
      service.getFindings(`${WS}custB/c.ios`).map((d) => d.code).filter((c) => c.startsWith('ipsec/psk')),
      ['ipsec/psk-mismatch'],
    );
    assert.deepEqual(service.partners(`${WS}custA/c.ios`), [`${WS}custA/mk.rsc`]);
  });

  it('nearest folder: a router in site1/ pairs with site1/vpn/mk.rsc, not with lab/mk.rsc', () => {
    const { service, files } = check(
      CISCO('site1/', 'MYKEY', C_KEY_CARET('error ipsec/psk-mismatch')) + MK('site1/vpn/', 'MY_KEY', MK_CARET('error ipsec/psk-mismatch')) + MK('lab/', 'MYKEY'),
      IPSEC,
    );
    assert.deepEqual(partnersOf(service, files, 'site1/c.ios'), ['site1/vpn/mk.rsc']);
    assert.deepEqual(partnersOf(service, files, 'lab/mk.rsc'), []);
  });

  it('an explicit networks: scope overrides folder proximity', () => {
    const yaml = `//- netcfg.yaml
networks:
  hq: ["hq/*.ios", "shared/**"]
  old: [hq/old]
`;
    // hq/old/mk.rsc is nearer to hq/c.ios by folder, but in another scope; shared/mk.rsc is in hq's scope.
    const { service, files } = check(
      yaml + CISCO('hq/', 'MYKEY', C_KEY_CARET('error ipsec/psk-mismatch')) + MK('hq/old/', 'MYKEY') + MK('shared/', 'MY_KEY', MK_CARET('error ipsec/psk-mismatch')),
      IPSEC,
    );
    assert.deepEqual(partnersOf(service, files, 'hq/c.ios'), ['shared/mk.rsc']);
    // Different explicit scopes never pair, even when only one device owns the address (hq/old/mk.rsc targets hq/c.ios).
    assert.deepEqual(partnersOf(service, files, 'hq/old/mk.rsc'), []);
    assert.deepEqual(service.getFindings(uriOf(files, 'netcfg.yaml')), []);
  });

  it('without the scope, the same files pair by folder (the scope is what changed the choice)', () => {
    const { service, files } = check(CISCO('hq/', 'MYKEY', C_KEY_CARET('error ipsec/psk-mismatch')) + MK('hq/old/', 'MY_KEY', MK_CARET('error ipsec/psk-mismatch')) + MK('shared/', 'MYKEY'), IPSEC);
    assert.deepEqual(partnersOf(service, files, 'hq/c.ios'), ['hq/old/mk.rsc']);
  });

  it('mutual targeting: of two owners in one folder, the one that targets this router back is its peer', () => {
    const spare = `//- lab/spare.ios
hostname spare
interface GigabitEthernet0/0
 ip address 10.0.0.2 255.255.255.0
`;
    const { service, files } = check(CISCO('lab/', 'MYKEY', C_KEY_CARET('error ipsec/psk-mismatch')) + MK('lab/', 'MY_KEY', MK_CARET('error ipsec/psk-mismatch')) + spare, IPSEC);
    assert.deepEqual(partnersOf(service, files, 'lab/c.ios'), ['lab/mk.rsc']);
    assert.deepEqual(partnersOf(service, files, 'lab/spare.ios'), []);
  });

  it('ambiguous: two copies of the MikroTik in one folder, both targeting the router → pairing/ambiguous-peer and no pair check', () => {
    const copy = (name: string) => MK('lab/', 'MY_KEY').replace('//- lab/mk.rsc', `//- lab/${name}`);
    const { service, files } = check(CISCO('lab/', 'MYKEY', '', C_PEER_CARET('information pairing/ambiguous-peer')) + copy('mk1.rsc') + copy('mk2.rsc'), IPSEC);
    for (const name of ['lab/c.ios', 'lab/mk1.rsc', 'lab/mk2.rsc']) {
      assert.deepEqual(partnersOf(service, files, name), [], name);
      assert.deepEqual(
        service.getFindings(uriOf(files, name)).filter((d) => d.code.startsWith('ipsec/') && d.code !== 'ipsec/weak-crypto'),
        [],
        name,
      );
    }
    const f = service.getFindings(uriOf(files, 'lab/c.ios')).find((d) => d.code === 'pairing/ambiguous-peer')!;
    assert.equal(f.severity, 'information');
    assert.match(f.message, /10\.0\.0\.2 is owned by 2 devices/);
    assert.match(f.message, /`networks:` entry in netcfg\.yaml/);
    const mk1 = files.find((x) => x.name === 'lab/mk1.rsc')!;
    assert.deepEqual(
      f.related.map((r) => `${r.uri.slice(WS.length)} ${JSON.stringify(files.find((x) => x.uri === r.uri)!.text.slice(r.range.start, r.range.end))}`).sort(),
      ['lab/mk1.rsc "10.0.0.2"', 'lab/mk2.rsc "10.0.0.2"'],
    );
    assert.ok(mk1.text.includes('sa-src-address=10.0.0.2'));
  });

  it('the ambiguity is resolved by a networks: entry (and the finding goes away)', () => {
    const copy = (name: string, key: string) => MK('lab/', key).replace('//- lab/mk.rsc', `//- lab/${name}`);
    const yaml = `//- netcfg.yaml
networks:
  one: [lab/c.ios, lab/mk1.rsc]
  two: [lab/mk2.rsc]
`;
    const { service, files } = check(yaml + CISCO('lab/', 'MYKEY', C_KEY_CARET('error ipsec/psk-mismatch')) + copy('mk1.rsc', 'MY_KEY') + MK_CARET('error ipsec/psk-mismatch') + copy('mk2.rsc', 'MY_KEY'), IPSEC);
    assert.deepEqual(partnersOf(service, files, 'lab/c.ios'), ['lab/mk1.rsc']);
  });

  it('a tunnel destination owned by two equidistant routers is reported at the destination', () => {
    const hub = (name: string) => `//- lab/${name}
hostname hub
interface GigabitEthernet0/0
 ip address 198.51.100.1 255.255.255.0
interface Tunnel0
 ip address 172.16.0.1 255.255.255.252
 tunnel source GigabitEthernet0/0
 tunnel destination 198.51.100.2
`;
    const spoke = `//- lab/spoke.ios
hostname spoke
interface GigabitEthernet0/0
 ip address 198.51.100.2 255.255.255.0
interface Tunnel0
 ip address 172.16.0.2 255.255.255.252
 tunnel source GigabitEthernet0/0
 tunnel destination 198.51.100.1
!                   ^^^^^^^^^^^^ information pairing/ambiguous-peer
`;
    // The two hubs are copies (same tunnel subnet and addresses): the spoke cannot tell which one it means, so it
    // pairs with neither, by destination or by the shared tunnel subnet; each hub still targets the spoke alone.
    const { service, files } = check(hub('hub1.ios') + hub('hub2.ios') + spoke, ['pairing/ambiguous-peer']);
    assert.deepEqual(partnersOf(service, files, 'lab/spoke.ios'), []);
  });
});

// Two routers on a /30 with OSPF; `extra` goes into r2's interface (one copy can disagree), router ids and carets
// under them are parameters.
const OSPF_PAIR = (dir: string, extra = '', rid1 = '1.1.1.1', rid2 = '2.2.2.2', caret1 = '', caret2 = '', extra1 = '') => `//- ${dir}r1.ios
hostname r1
interface GigabitEthernet0/0
 ip address 10.0.0.1 255.255.255.252
 ip ospf 1 area 0
${extra1}router ospf 1
 router-id ${rid1}
${caret1}//- ${dir}r2.ios
hostname r2
interface GigabitEthernet0/0
 ip address 10.0.0.2 255.255.255.252
 ip ospf 1 area 0
${extra}router ospf 1
 router-id ${rid2}
${caret2}`;
const RID_CARET = (what: string) => `!${' '.repeat(10)}${'^'.repeat(7)} ${what}\n`;

describe('link subnets reused in several folders', () => {
  it('two identical /30 OSPF links in two folders are two links', () => {
    const timer = (len: number) => `!${'^'.repeat(len)} error ospf/timer-mismatch\n`;
    const { service, files } = check(OSPF_PAIR('custA/') + OSPF_PAIR('custB/', ` ip ospf hello-interval 5\n${timer(24)}`, '1.1.1.1', '2.2.2.2', '', '', timer(16)), ['ospf/']);
    assert.deepEqual(partnersOf(service, files, 'custA/r1.ios'), ['custA/r2.ios']);
    assert.deepEqual(partnersOf(service, files, 'custB/r1.ios'), ['custB/r2.ios']);
    const codes = (name: string) => service.getFindings(uriOf(files, name)).map((d) => d.code).filter((c) => c.startsWith('ospf/'));
    assert.deepEqual(codes('custA/r1.ios'), []);
    assert.deepEqual(codes('custA/r2.ios'), []);
    assert.deepEqual(codes('custB/r1.ios'), ['ospf/timer-mismatch']);
    assert.deepEqual(codes('custB/r2.ios'), ['ospf/timer-mismatch']);
  });

  it('a broadcast LAN with three routers in one folder pairs all three', () => {
    const r = (n: number) => `//- lan/r${n}.ios
hostname r${n}
interface GigabitEthernet0/0
 ip address 10.1.0.${n} 255.255.255.0
 ip ospf 1 area 0
router ospf 1
 router-id ${n}.${n}.${n}.${n}
`;
    const { service, files } = load(r(1) + r(2) + r(3) + r(1).replace('//- lan/', '//- other/'));
    assert.deepEqual(partnersOf(service, files, 'lan/r1.ios'), ['lan/r2.ios', 'lan/r3.ios']);
    assert.deepEqual(partnersOf(service, files, 'lan/r2.ios'), ['lan/r1.ios', 'lan/r3.ios']);
    // other/r1.ios is a copy of lan/r1 (same address): not a neighbour of lan/r1, and lan/r2 and lan/r3 keep theirs.
    assert.deepEqual(partnersOf(service, files, 'other/r1.ios'), []);
  });

  it('duplicate-router-id: the same id in two unrelated folders (same link subnets) is nothing', () => {
    // Other hostnames in custB/, so they are not taken for copies of custA's routers.
    const custB = OSPF_PAIR('custB/').replace(/hostname r(\d)/g, 'hostname s$1');
    check(OSPF_PAIR('custA/') + custB, ['ospf/duplicate-router-id']);
    check(OSPF_PAIR('custA/', '', '1.1.1.1', '9.9.9.9') + OSPF_PAIR('custB/', '', '9.9.9.9', '1.1.1.1').replace(/hostname r(\d)/g, 'hostname s$1'), ['ospf/duplicate-router-id']);
  });

  it('duplicate-router-id: the same id within one domain is reported on both routers', () => {
    check(
      OSPF_PAIR('custA/', '', '1.1.1.1', '1.1.1.1', RID_CARET('error ospf/duplicate-router-id'), RID_CARET('error ospf/duplicate-router-id')) + OSPF_PAIR('custB/').replace(/hostname r(\d)/g, 'hostname s$1'),
      ['ospf/duplicate-router-id'],
    );
  });

  it("no-dr-eligible: a DR-eligible router in another folder's copy of the segment does not hide this one's", () => {
    const p0 = ' ip ospf priority 0\n';
    const caret = `!^^^^^^^^^^^^^^^^^^ error ospf/no-dr-eligible\n`;
    check(OSPF_PAIR('custA/', p0 + caret, '1.1.1.1', '2.2.2.2', '', '', p0 + caret) + OSPF_PAIR('custB/'), ['ospf/no-dr-eligible']);
    // The same segment with one DR-eligible router in the same folder: nothing.
    check(OSPF_PAIR('custA/', p0) + OSPF_PAIR('custB/'), ['ospf/no-dr-eligible']);
  });
});

describe('one finding per defect', () => {
  it('identical findings are merged, keeping the related information of both', () => {
    const f = (related: string): model.Finding => ({
      uri: 'file:///ws/hub.ios',
      range: { start: 1, end: 4 },
      severity: 'error',
      code: 'ipsec/lifetime-mismatch',
      message: 'same text',
      related: [{ uri: related, range: { start: 0, end: 1 }, message: 'the other end' }],
      fixes: [],
    });
    const other: model.Finding = { ...f('file:///ws/c.ios'), message: 'another text' };
    const merged = mergeIdentical([f('file:///ws/a.ios'), other, f('file:///ws/b.ios'), f('file:///ws/a.ios')]);
    assert.equal(merged.length, 2);
    assert.deepEqual(
      merged[0].related.map((r) => r.uri),
      ['file:///ws/a.ios', 'file:///ws/b.ios'],
    );
    assert.equal(merged[1], other);
  });

  it('a responder paired with two identical spokes reports a shared defect once', () => {
    // Two spokes named alike in two folders, both targeting one hub with a dynamic crypto map.
    const hub = `//- hub.ios
hostname hub
crypto isakmp policy 10
 encr aes 256
 authentication pre-share
 group 14
crypto isakmp key HUBKEY address 0.0.0.0 0.0.0.0
crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
crypto dynamic-map DYN 10
 set transform-set TS
crypto map VPN 10 ipsec-isakmp dynamic DYN
interface GigabitEthernet0/0
 ip address 203.0.113.1 255.255.255.0
 crypto map VPN
`;
    const spoke = (dir: string, addr: string) => `//- ${dir}/spoke.ios
hostname spoke
crypto isakmp policy 10
 encr aes 256
 authentication pre-share
 group 14
crypto isakmp key SPOKEKEY address 203.0.113.1
crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
crypto map VPN 10 ipsec-isakmp
 set peer 203.0.113.1
 set transform-set TS
 match address VPNACL
ip access-list extended VPNACL
 permit ip 10.${addr}.0.0 0.0.255.255 10.0.0.0 0.0.255.255
interface GigabitEthernet0/0
 ip address 198.51.100.${addr} 255.255.255.0
 crypto map VPN
`;
    const { service, files } = load(hub + spoke('s1', '1') + spoke('s2', '2'));
    const psk = service.getFindings(uriOf(files, 'hub.ios')).filter((d) => d.code === 'ipsec/psk-mismatch');
    assert.equal(psk.length, 1, psk.map((d) => d.message).join('\n'));
    assert.deepEqual(
      psk[0].related.map((r) => r.uri.slice(WS.length)).sort(),
      ['s1/spoke.ios', 's2/spoke.ios'],
    );
  });
});

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/netcfg.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

describe('netcfg.yaml networks:', () => {
  const GOOD = `networks:
  custA: ["custA/**"]
  lab3: ["labs/3/*.ios", "labs/3/mk?.rsc"]
  single: shared/hub.ios
`;
  it('a valid networks: map parses clean, with ranges, and validates against the schema', () => {
    const { config, diagnostics } = parseWorkspaceConfig(GOOD, 'file:///ws/netcfg.yaml');
    assert.deepEqual(diagnostics, []);
    assert.ok(validate(parseYaml(GOOD)), JSON.stringify(validate.errors));
    assert.deepEqual(
      config.networks.map((n) => [n.name.value, n.globs.map((g) => g.value)]),
      [
        ['custA', ['custA/**']],
        ['lab3', ['labs/3/*.ios', 'labs/3/mk?.rsc']],
        ['single', ['shared/hub.ios']],
      ],
    );
    const g = config.networks[1].globs[0];
    assert.equal(GOOD.slice(g.range.start, g.range.end), '"labs/3/*.ios"');
  });

  const bad: [string, string, string][] = [
    // [name, text, expected code@text]
    ['not a map', 'networks:\n  - custA/**\n', 'config/invalid-value@- custA/**\n'],
    ['non-string glob', 'networks:\n  custA: [custA/**, 42]\n', 'config/invalid-value@42'],
    ['a map instead of globs', 'networks:\n  custA:\n    glob: custA/**\n', 'config/invalid-value@glob: custA/**\n'],
    ['a glob leaving the folder', 'networks:\n  up: ["../other/**"]\n', 'config/invalid-value@"../other/**"'],
    ['no globs', 'networks:\n  empty:\n', 'config/invalid-value@empty'],
    ['an empty list', 'networks:\n  empty: []\n', 'config/invalid-value@[]'],
  ];
  for (const [name, text, expected] of bad) {
    it(`${name}: an error at the offending node, and the schema rejects it too`, () => {
      const res = parseWorkspaceConfig(text, 'file:///ws/netcfg.yaml');
      const got = res.diagnostics.map((d) => `${d.code}@${text.slice(d.range.start, d.range.end)}`);
      assert.deepEqual(got, [expected]);
      assert.equal(res.diagnostics[0].severity, 'error');
      assert.equal(validate(parseYaml(text)), false);
    });
  }

  it('a file in two scopes is a warning at the glob that adds it to the second', () => {
    const { service, files } = check(
      `//- netcfg.yaml
networks:
  custA: ["custA/**"]
  lab: ["custA/lab/*.ios", "lab/**"]
#       ^^^^^^^^^^^^^^^^^ warning config/scope-overlap
` + CISCO('custA/lab/', 'MYKEY') + CISCO('custA/', 'MYKEY').replace('//- custA/c.ios', '//- custA/other.ios'),
      ['config/'],
    );
    const f = service.getFindings(uriOf(files, 'netcfg.yaml'))[0];
    assert.match(f.message, /a file of scope custA into scope lab too \(c\.ios\)/);
  });

  it('glob matching: * and ? within a segment, ** across segments, a folder covers its files', () => {
    const yes: [string, string][] = [
      ['custA/**', 'custA/r1.ios'],
      ['custA/**', 'custA/x/y/r1.ios'],
      ['custA', 'custA/r1.ios'],
      ['./custA/', 'custA/r1.ios'],
      ['labs/3/*.ios', 'labs/3/r1.ios'],
      ['labs/*/r?.ios', 'labs/3/r1.ios'],
      ['**/hub.ios', 'a/b/hub.ios'],
      ['**/hub.ios', 'hub.ios'],
      ['a/**/b/*.rsc', 'a/b/mk.rsc'],
      ['*', 'anything/below.ios'],
    ];
    const no: [string, string][] = [
      ['custA/**', 'custB/r1.ios'],
      ['custA/**', 'custAB/r1.ios'],
      ['labs/3/*.ios', 'labs/3/mk.rsc'],
      ['labs/*/r?.ios', 'labs/3/r10.ios'],
      ['labs/*.ios', 'labs/3/r1.ios'],
      ['a/**/b/*.rsc', 'a/c/mk.rsc'],
    ];
    for (const [g, p] of yes) assert.ok(matchGlob(g, p), `${g} should match ${p}`);
    for (const [g, p] of no) assert.ok(!matchGlob(g, p), `${g} should not match ${p}`);
    // Many stars stay fast (no backtracking blow-up).
    const t0 = Date.now();
    assert.ok(!matchGlob('**/'.repeat(30) + '*a*a*a*a*a*a*a*b', `${'x/'.repeat(40)}${'a'.repeat(200)}`));
    assert.ok(Date.now() - t0 < 500);
  });
});
