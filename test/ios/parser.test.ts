// IOS parser: lossless tokens, block structure (indented and pasted without indentation), banners, certificates,
// prompts, abbreviations, and "never throws" on garbage.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { normalizeInterfaceName, resolveCommand, IOS_CATALOG } from '../../server/src/dialects/ios/catalog';
import { parseIos, type IosNode } from '../../server/src/dialects/ios/parser';
import { iosDialect } from '../../server/src/dialects/ios';
import { asaDialect } from '../../server/src/dialects/asa';

function joined(text: string): string {
  return parseIos(text).tokens.map((t) => t.text).join('');
}

/** `kind path :: first line` per node, indented by depth. */
function shape(text: string, n: IosNode = parseIos(text).tree, depth = 0): string[] {
  const out: string[] = [];
  for (const c of n.children) {
    out.push(`${'  '.repeat(depth)}${c.kind} ${c.mode} [${c.path.join(' ')}]${c.enters ? ` -> ${c.enters}` : ''}`);
    out.push(...shape(text, c, depth + 1));
  }
  return out;
}

test('tokens are lossless, ranges cover their lines', () => {
  const samples = ['', '\n', 'hostname r1', 'interface Gi0/0\r\n ip address 10.0.0.1 255.255.255.0\r\n!\r\n', '  \t \n!\n!comment\n\tx y\tz  \n', 'banner motd ^C\nhi\n^C\nhostname a\n'];
  for (const s of samples) assert.equal(joined(s), s);
  const text = 'interface Tunnel0\n ip address 10.0.0.1 255.255.255.0\n!\n';
  const tree = parseIos(text).tree;
  const itf = tree.children[0];
  assert.equal(text.slice(itf.range.start, itf.range.end), 'interface Tunnel0\n ip address 10.0.0.1 255.255.255.0');
  assert.equal(text.slice(itf.children[0].range.start, itf.children[0].range.end), 'ip address 10.0.0.1 255.255.255.0');
});

test('never throws on random bytes and keeps losslessness', () => {
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const alphabet = 'abc !^C#\n\r\t 0123456789./:-interface crypto banner motd certificate quit exit no\u00e9\u2028\ud83d';
  for (let i = 0; i < 300; i++) {
    let s = '';
    const len = Math.floor(rnd() * 400);
    for (let j = 0; j < len; j++) s += rnd() < 0.7 ? alphabet[Math.floor(rnd() * alphabet.length)] : String.fromCharCode(Math.floor(rnd() * 0xffff));
    for (const d of [iosDialect, asaDialect]) {
      const p = d.parse(s, { reportUnknownCommands: true });
      assert.equal(p.tokens.map((t) => t.text).join(''), s);
      const low = d.lower(p, 'file:///x.cfg', {});
      assert.ok(low.device);
      d.outline(p);
      d.folding(p);
    }
  }
});

test('indented blocks and nested sub-modes', () => {
  const text = ['policy-map P', ' class C', '  set connection timeout dcd', 'hostname x', ''].join('\n');
  assert.deepEqual(shape(text), [
    'IosCommand global [policy-map] -> policy-map',
    '  IosCommand policy-map [class] -> policy-map-class',
    '    IosCommand policy-map-class [set]',
    'IosCommand global [hostname]',
  ]);
});

test('configs pasted without indentation keep sub-mode commands in their mode (seed 001, 004)', () => {
  const text = [
    'crypto isakmp policy 1',
    'encr aes 256',
    'authentication pre-share',
    'group 2',
    'crypto isakmp key MYKEY address 10.0.0.2 no-xauth',
    'interface Tunnel0',
    'ip address 10.10.10.1 255.255.255.0',
    'ip nhrp network-id 1',
    'tunnel source FastEthernet0/0',
    'tunnel mode gre multipoint',
    'interface Fa0/0',
    'ip address 1.1.1.2 255.255.255.0',
    '',
  ].join('\n');
  assert.deepEqual(shape(text), [
    'IosCommand global [crypto isakmp policy] -> isakmp-policy',
    '  IosCommand isakmp-policy [encryption]',
    '  IosCommand isakmp-policy [authentication]',
    '  IosCommand isakmp-policy [group]',
    'IosCommand global [crypto isakmp key]',
    'IosCommand global [interface] -> interface',
    '  IosCommand interface [ip address]',
    '  IosCommand interface [ip nhrp network-id]',
    '  IosCommand interface [tunnel source]',
    '  IosCommand interface [tunnel mode]',
    'IosCommand global [interface] -> interface',
    '  IosCommand interface [ip address]',
  ]);
});

test('`!` and `exit` end blocks; unknown block commands hold their indented lines', () => {
  const text = ['interface Gi0/0', ' description up', ' exit', 'description stray', 'router bgp 65000', ' neighbor 1.2.3.4 remote-as 1', '!', 'foo bar', ' baz', ''].join('\n');
  assert.deepEqual(shape(text), [
    'IosCommand global [interface] -> interface',
    '  IosCommand interface [description]',
    '  IosCommand interface [exit]',
    'IosCommand global []',
    'IosCommand global [router bgp] -> router-bgp',
    '  IosCommand router-bgp []',
    'IosComment global []',
    'IosCommand global []',
    '  IosCommand unknown []',
  ]);
});

test('banners with any delimiter, over several lines', () => {
  const text = 'banner motd ^C\nAuthorised access only\n  # not a comment\n^C\nbanner login #one line#\nhostname r1\n';
  const p = parseIos(text);
  assert.equal(p.diagnostics.length, 0);
  const [b1, b2, h] = p.tree.children;
  assert.equal(b1.kind, 'IosBanner');
  assert.equal(b1.body!.text, '^C\nAuthorised access only\n  # not a comment\n^C');
  assert.equal(b2.kind, 'IosBanner');
  assert.equal(b2.body!.text, '#one line#');
  assert.deepEqual(h.path, ['hostname']);
});

test('certificates run until quit', () => {
  const text = ['crypto pki certificate chain TP', ' certificate ca 01', '  3082 0122 300D', '  0609 2A86', '  \tquit', 'hostname r1', ''].join('\n');
  const p = parseIos(text);
  assert.deepEqual(p.diagnostics, []);
  const chain = p.tree.children[0];
  assert.equal(chain.children[0].kind, 'IosCertificate');
  assert.equal(text.slice(chain.children[0].range.start, chain.children[0].range.end), 'certificate ca 01\n  3082 0122 300D\n  0609 2A86\n  \tquit');
  assert.deepEqual(p.tree.children[1].path, ['hostname']);
});

test('pasted CLI prompts are split off (seed 000)', () => {
  const text = 'router(config)#snmp-server view myview ciscoFlashOps included\nR1#sh ip nhrp\n';
  const p = parseIos(text);
  const n = p.tree.children[0];
  assert.equal(n.prompt!.text, 'router(config)#');
  assert.deepEqual(n.path, ['snmp-server', 'view']);
  assert.equal(n.words[0].text, 'snmp-server');
  assert.equal(p.tokens.map((t) => t.text).join(''), text);
});

test('abbreviations resolve only when unambiguous', () => {
  const r = (mode: string, line: string) => resolveCommand(IOS_CATALOG, mode, line.toLowerCase().split(' ')).entry?.path.join(' ');
  assert.equal(r('global', 'int fa1/0'), 'interface');
  assert.equal(r('isakmp-policy', 'encr aes 256'), 'encryption');
  assert.equal(r('isakmp-policy', 'auth pre-share'), 'authentication');
  assert.equal(r('global', 'crypto isa pol 10'), 'crypto isakmp policy');
  assert.equal(r('global', 'service instance 1'), undefined); // not `service-policy`
  assert.equal(r('interface', 'ip ospf net broadcast'), 'ip ospf network');
});

test('interface names are normalised', () => {
  assert.equal(normalizeInterfaceName('fa1/0'), 'FastEthernet1/0');
  assert.equal(normalizeInterfaceName('Gi0/0/1'), 'GigabitEthernet0/0/1');
  assert.equal(normalizeInterfaceName('Tu0'), 'Tunnel0');
  assert.equal(normalizeInterfaceName('Lo0'), 'Loopback0');
  assert.equal(normalizeInterfaceName('Te1/1'), 'TenGigabitEthernet1/1');
  assert.equal(normalizeInterfaceName('Po10'), 'Port-channel10');
  assert.equal(normalizeInterfaceName('Vlan20'), 'Vlan20');
  assert.equal(normalizeInterfaceName('GigabitEthernet0/1.100'), 'GigabitEthernet0/1.100');
});

test('detect: IOS on IOS files, ASA wins on ASA files', () => {
  const ios = 'version 15.2\nhostname r1\ninterface GigabitEthernet0/0\n ip address 10.0.0.1 255.255.255.0\n';
  const asa = ': Saved\nASA Version 9.1(2)\nhostname fw\ninterface GigabitEthernet0/0\n nameif outside\n security-level 0\n';
  assert.ok(iosDialect.detect(ios) > 0.5);
  assert.ok(asaDialect.detect(ios) < 0.5);
  assert.ok(asaDialect.detect(asa) > iosDialect.detect(asa));
  assert.ok(asaDialect.detect(asa) > 0.5);
  assert.equal(iosDialect.detect('/ip address add address=10.0.0.1/24 interface=ether1\n'), 0);
});

test('outline groups sections; folding covers blocks, banners and comment runs', () => {
  const text = ['! one', '! two', 'interface Gi0/0', ' ip address 10.0.0.1 255.255.255.0', 'router ospf 1', ' network 10.0.0.0 0.0.0.255 area 0', 'crypto map M 10 ipsec-isakmp', ' set peer 1.1.1.1', 'access-list 101 permit ip any any', 'access-list 101 deny ip any any', 'banner motd #', 'x', '#', ''].join('\n');
  const p = iosDialect.parse(text, {});
  const o = iosDialect.outline(p);
  assert.deepEqual(o.map((g) => `${g.name}: ${g.children.map((c) => c.name).join(', ')}`), [
    'Interfaces: interface Gi0/0',
    'Routing: router ospf 1',
    'Crypto: crypto map M 10 ipsec-isakmp',
    'Access lists: access-list 101',
  ]);
  const f = iosDialect.folding(p).map((r) => text.slice(r.start, r.end).split('\n')[0] + (r.kind === 'comment' ? ' (comment)' : ''));
  assert.deepEqual(f, ['! one (comment)', 'interface Gi0/0', 'router ospf 1', 'crypto map M 10 ipsec-isakmp', 'banner motd #']);
});

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');
for (const [dir, dialect] of [['ios', iosDialect], ['asa', asaDialect]] as const) {
  test(`lossless round-trip on every ${dir} corpus file`, { skip: !fs.existsSync(path.join(CORPUS, dir)) }, () => {
    for (const f of fs.readdirSync(path.join(CORPUS, dir))) {
      const text = fs.readFileSync(path.join(CORPUS, dir, f), 'utf8');
      const p = dialect.parse(text, {});
      assert.equal(p.tokens.map((t) => t.text).join(''), text, f);
    }
  });
}

test('detect recognises IOS snippets without version or hostname (seeds 000, 001, 004)', () => {
  const seed001 = 'crypto isakmp policy 1\nencr aes 256\nauthentication pre-share\ngroup 2\ncrypto isakmp key MYKEY address 10.0.0.2 no-xauth\nint fa1/0\n crypto map MYCRYPTOMAP\n';
  const seed000 = 'router(config)#access-list 20 permit host\nrouter(config)#snmp-server view myview ccCopyTable included\n';
  const seed004 = 'interface Tunnel0\nip address 10.10.10.1 255.255.255.0\nip nhrp network-id 1\ntunnel source FastEthernet0/0\n';
  for (const s of [seed001, seed000, seed004]) {
    assert.ok(iosDialect.detect(s) > 0.5, s);
    assert.ok(asaDialect.detect(s) < iosDialect.detect(s), s);
  }
  assert.ok(iosDialect.detect('ike esp from 10.0.0.0/24 to 10.1.0.0/24 peer 192.0.2.1 psk "x"\n') < 0.5);
  assert.ok(iosDialect.detect('protocol ospf v2 {\n  area 0 { interface "eth0"; };\n}\n') < 0.5);
});

test('outline names mask secrets by the shared rule, with an encryption-type digit, and leave RSA key commands alone', () => {
  const text = ['crypto isakmp key 0 MyPsk123 address 10.0.0.2', 'crypto key generate rsa modulus 2048', 'crypto keyring KR', ' pre-shared-key address 10.0.0.3 key KrKey456', ''].join('\n');
  const o = iosDialect.outline(iosDialect.parse(text, {}));
  const names = o.flatMap((g) => g.children.map((c) => c.name));
  assert.deepEqual(names, ['crypto isakmp key 0 **** address 10.0.0.2', 'crypto key generate rsa modulus 2048', 'crypto keyring KR']);
  assert.ok(!JSON.stringify(o).includes('MyPsk123'));
});
