// RouterOS parser: lossless tokens, never-throws on corpus and garbage, tree shapes for export and script syntax.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseRouterOs, type RosCommand, type RosTree } from '../../server/src/dialects/routeros';
import { detectRouterOs } from '../../server/src/dialects/routeros';
import { routerosDialect } from '../../server/src/dialects/routeros';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/routeros');

function lossless(text: string): void {
  const r = parseRouterOs(text);
  assert.equal(r.tokens.map((t) => t.text).join(''), text);
  let at = 0;
  for (const t of r.tokens) {
    assert.equal(t.start, at, `token at ${at}`);
    assert.equal(text.slice(t.start, t.end), t.text);
    at = t.end;
  }
}

function commands(tree: RosTree): RosCommand[] {
  return tree.children.filter((c): c is RosCommand => c.kind === 'RosCommand');
}

function params(c: RosCommand): Record<string, string | undefined> {
  return Object.fromEntries(c.params.map((p) => [p.key, p.value]));
}

describe('routeros parser: invariants', () => {
  it('round-trips every corpus file losslessly and never throws', { skip: !fs.existsSync(CORPUS) }, () => {
    const files = fs.readdirSync(CORPUS);
    assert.ok(files.length > 10);
    for (const f of files) {
      const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
      lossless(text);
      const p = routerosDialect.parse(text, {});
      routerosDialect.lower(p, `file:///${f}`, {});
      routerosDialect.outline(p);
      routerosDialect.folding(p);
    }
  });

  it('survives garbage input', () => {
    const samples = [
      '',
      '\\',
      '"',
      '\\\n',
      '/ip address add address="unterminated\n/ip route add',
      '{{{{\n}}}}}\n[[[ ]]]]\n(((',
      '/interface ethernet set [ find default-name=ether1 name=x\n',
      ':if ($a = 1) do={ :put "x" \n/ip address add address=1.1.1.1/24 interface=ether1\n',
      '= = = /// \\\r\n\r\n\t\u0000\uffff',
      'add\nset\n/\n//\n/ip/\n..\n',
    ];
    let seed = 7;
    const alphabet = '/ipaddres=[]{}()"\\\n\r #;:$!,-0123456789';
    for (let k = 0; k < 200; k++) {
      let s = '';
      for (let j = 0; j < 60; j++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        s += alphabet[seed % alphabet.length];
      }
      samples.push(s);
    }
    for (const s of samples) {
      lossless(s);
      const p = routerosDialect.parse(s, {});
      routerosDialect.lower(p, 'file:///g.rsc', {});
      routerosDialect.outline(p);
      routerosDialect.folding(p);
      routerosDialect.complete!(p, Math.floor(s.length / 2), { peers: [] });
      routerosDialect.hover!(p, Math.floor(s.length / 2), { peers: [] });
    }
  });

  it('parses a large file in linear time (smoke)', () => {
    const line = '/ip firewall filter add chain=input protocol=tcp dst-port=22 action=drop comment="x \\"y\\""\n';
    const text = line.repeat(20000);
    const r = parseRouterOs(text);
    assert.equal(r.tree.children.length, 20000);
  });
});

describe('routeros parser: syntax', () => {
  it('joins export continuations inside values and between parameters', () => {
    const text = [
      '# feb/28/2021 16:11:44 by RouterOS 6.48.1',
      '/interface ethernet',
      'set [ find default-name=ether1 ] advertise="10M-half,10M-full,100M-half,100M-f\\',
      '    ull" \\',
      '    disable-running-check=no name=ether1-MGMT speed=100Mbps',
      '/interface ovpn-client',
      'add certificate=cert_1 mac-address=\\',
      '    02:7C:CA:DB:9D:4C name=ovpn-out1',
      '',
    ].join('\n');
    const r = parseRouterOs(text);
    assert.equal(r.tree.headerVersion, '6.48.1');
    assert.deepEqual(r.diagnostics, []);
    const [eth, ovpn] = commands(r.tree);
    assert.equal(eth.path, 'interface ethernet');
    assert.equal(eth.verb?.name, 'set');
    assert.deepEqual(eth.find?.conditions.map((c) => [c.key, c.value]), [['default-name', 'ether1']]);
    assert.deepEqual(params(eth), { advertise: '10M-half,10M-full,100M-half,100M-full', 'disable-running-check': 'no', name: 'ether1-MGMT', speed: '100Mbps' });
    const adv = eth.params[0];
    assert.equal(text.slice(adv.valueRange!.start, adv.valueRange!.end), '"10M-half,10M-full,100M-half,100M-f\\\n    ull"');
    assert.equal(params(ovpn)['mac-address'], '02:7C:CA:DB:9D:4C');
    const name = ovpn.params.find((p) => p.key === 'name')!;
    assert.equal(text.slice(name.valueRange!.start, name.valueRange!.end), 'ovpn-out1');
  });

  it('resolves menu paths: absolute, menu lines, relative from the root, slash syntax', () => {
    const text = [
      '/ip address',
      'add address=10.0.0.1/24 interface=ether1',
      'ip firewall filter add chain=input proto=udp port=500 action accept place-before=0',
      '/ip/route/add dst-address=0.0.0.0/0 gateway=10.0.0.254',
      'add address=10.0.1.1/24 interface=ether2',
      'ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none',
      '',
    ].join('\n');
    const r = parseRouterOs(text);
    const cs = commands(r.tree);
    assert.deepEqual(cs.map((c) => [c.path, c.verb?.name]), [
      ['ip address', 'add'],
      ['ip firewall filter', 'add'],
      ['ip route', 'add'],
      ['ip address', 'add'],
      ['ip ipsec proposal', 'add'],
    ]);
    // `proto=` is RouterOS's unambiguous prefix of `protocol=`.
    assert.equal(cs[1].params.find((p) => p.name === 'proto')?.key, 'protocol');
    // `action accept` (missing `=`) stays two positional words; place-before is a normal parameter.
    assert.deepEqual(cs[1].args.map((a) => a.value), ['action', 'accept']);
    assert.equal(params(cs[1])['place-before'], '0');
    assert.equal(text.slice(cs[2].pathRange!.start, cs[2].pathRange!.end), '/ip/route');
    assert.equal(text.slice(cs[1].pathRange!.start, cs[1].pathRange!.end), 'ip firewall filter');
  });

  it('decodes quotes and escapes', () => {
    const text = '/system identity set name="my \\"core\\" router\\_1\\\\x\\41"\n';
    const [c] = commands(parseRouterOs(text).tree);
    assert.equal(params(c).name, 'my "core" router 1\\xA');
    assert.equal(c.params[0].quoted, true);
  });

  it('keeps bare flags and positional targets', () => {
    const text = [
      '/routing ospf interface-template',
      'add area=Backbone disabled=no interfaces=Loopback networks=172.16.1.1/30 \\',
      '    passive type=ptp',
      '/ip service',
      'set telnet disabled=yes',
      '/ip ipsec policy',
      'set 0 dst-address=10.0.0.0/8',
      '',
    ].join('\n');
    const cs = commands(parseRouterOs(text).tree);
    const passive = cs[0].params.find((p) => p.key === 'passive')!;
    assert.equal(passive.value, undefined);
    assert.equal(text.slice(passive.range.start, passive.range.end), 'passive');
    assert.equal(cs[1].target?.value, 'telnet');
    assert.equal(cs[2].target?.value, '0');
  });

  it('tolerates scripting lines and multi-line blocks', () => {
    const text = [
      ':local x 5',
      ':if ($x = 5) do={',
      '  :put "five"',
      '}',
      ':foreach i in=[/interface find] do={ :put $i }',
      '/system identity set name=r1',
      '',
    ].join('\n');
    const r = parseRouterOs(text);
    assert.deepEqual(r.diagnostics, []);
    assert.deepEqual(r.tree.children.map((c) => c.kind), ['RosScript', 'RosScript', 'RosScript', 'RosCommand']);
    assert.equal(text.slice(r.tree.children[1].range.start, r.tree.children[1].range.end), ':if ($x = 5) do={\n  :put "five"\n}');
  });

  it('splits `;`-separated commands and keeps comments', () => {
    const text = '# header\n/ip address add address=1.1.1.1/24 interface=ether1; /ip route add gateway=1.1.1.254\n';
    const r = parseRouterOs(text);
    assert.deepEqual(r.tree.children.map((c) => c.kind), ['RosComment', 'RosCommand', 'RosCommand']);
    assert.deepEqual(commands(r.tree).map((c) => c.path), ['ip address', 'ip route']);
  });

  it('recovers line by line from broken syntax', () => {
    const text = '/ip address add address="1.1.1.1/24 interface=ether1\n/ip route add gateway=[ find x\n/system identity set name=ok\n';
    const r = parseRouterOs(text);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, text.slice(d.range.start, d.range.end)]), [
      ['syntax/unterminated-string', '"1.1.1.1/24 interface=ether1'],
      ['syntax/unbalanced-bracket', '['],
    ]);
    const last = commands(r.tree).pop()!;
    assert.equal(params(last).name, 'ok');
  });

  it('joins an indented key=value line whose `\\` was lost, with a warning', () => {
    // seed 001 prints the L2TP peer on two lines without the continuation backslash.
    const text = '/ip ipsec peer add address=0.0.0.0/0 port=500 secret="MYKEY" exchange-mode=main-l2tp\n send-initial-contact=yes nat-traversal=yes hash-algorithm=sha1\n';
    const r = parseRouterOs(text);
    assert.deepEqual(r.diagnostics.map((d) => [d.code, d.severity, text.slice(d.range.start, d.range.end)]), [['syntax/missing-continuation', 'warning', 'send-initial-contact']]);
    const [c] = commands(r.tree);
    assert.equal(params(c)['hash-algorithm'], 'sha1');
    assert.equal(c.range.end, text.length - 1);
  });
});

describe('routeros detect', () => {
  it('recognises exports, menu scripts and snippets', () => {
    assert.ok(detectRouterOs('# jan/02/1970 00:00:00 by RouterOS 7.11\n# software id = X\n') > 0.9);
    assert.ok(detectRouterOs('/interface bridge\nadd name=br1\n/ip address\nadd address=1.1.1.1/24 interface=br1\n') > 0.9);
    assert.ok(detectRouterOs('ip ipsec proposal add name=P auth-algorithms=sha1\nip ipsec peer add address=1.2.3.4 secret=x\n') > 0.5);
  });
  it('does not fire on Cisco or OpenBSD files', () => {
    const ios = 'hostname r1\n!\ninterface GigabitEthernet0/0\n ip address 10.0.0.1 255.255.255.0\n!\ncrypto isakmp policy 1\n encr aes 256\n!\nip route 0.0.0.0 0.0.0.0 10.0.0.254\n';
    const obsd = 'ike esp from 10.0.0.0/24 to 10.0.1.0/24 peer 192.0.2.1 main auth hmac-sha1 enc aes psk "x"\n';
    const asa = 'ASA Version 9.1(2)\n!\nhostname fw\ninterface GigabitEthernet0/0\n nameif outside\n';
    assert.equal(detectRouterOs(ios), 0);
    assert.equal(detectRouterOs(obsd), 0);
    assert.equal(detectRouterOs(asa), 0);
  });
});

describe('routeros outline and folding', () => {
  it('lists menu sections with their items and folds sections, continuations and comment runs', () => {
    const text = [
      '# a',
      '# b',
      '/interface bridge',
      'add name=br1',
      'add name=br2',
      '/ip ipsec peer',
      'add address=192.0.2.1/32 name=p1 \\',
      '    profile=prof',
      '',
    ].join('\n');
    const p = routerosDialect.parse(text, {});
    const o = routerosDialect.outline(p);
    assert.deepEqual(o.map((s) => [s.name, s.kind, s.children.map((c) => c.name)]), [
      ['/interface bridge', 'interface', ['br1', 'br2']],
      ['/ip ipsec peer', 'crypto', ['p1']],
    ]);
    const f = routerosDialect.folding(p).map((r) => [r.kind, text.slice(r.start, r.end)]);
    assert.deepEqual(f, [
      ['comment', '# a\n# b'],
      ['region', '/interface bridge\nadd name=br1\nadd name=br2'],
      ['region', 'add address=192.0.2.1/32 name=p1 \\\n    profile=prof'],
      ['region', '/ip ipsec peer\nadd address=192.0.2.1/32 name=p1 \\\n    profile=prof'],
    ]);
  });
});
