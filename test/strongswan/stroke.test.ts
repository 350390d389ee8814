// The stroke format (strongSwan/Libreswan ipsec.conf) and ipsec.secrets: lossless trees with ranges, the model of
// real files (the strongSwan test suite's moon gateways, Libreswan's examples; test/openbsd/fixtures/SOURCES.md),
// also=/%default inheritance, Libreswan's flavour, syntax diagnostics with exact ranges, and the shared secrets.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as model from '../../server/src/model';
import { lowerStroke, parseStrongswan, type SwanFile } from '../../server/src/dialects/strongswan';
import { checkDiagnostics } from '../helpers/fixture';

const FIXTURES = path.join(__dirname, '../openbsd/fixtures');
const read = (n: string) => fs.readFileSync(path.join(FIXTURES, n), 'utf8');

function lower(text: string, uri = 'file:///etc/ipsec.conf') {
  const parsed = parseStrongswan(text);
  return { parsed, ...lowerStroke(parsed, uri, {}) };
}

function at(text: string, r: { start: number; end: number } | undefined): string | undefined {
  return r && text.slice(r.start, r.end);
}

describe('parser', () => {
  it('is lossless and never throws, on real files and hostile input', () => {
    const inputs = [
      ...['strongswan-moon-psk.ipsec.conf', 'strongswan-moon-gcm.ipsec.conf', 'libreswan-west.ipsec.conf', 'libreswan-l2tp-psk.ipsec.conf'].map(read),
      'conn "unterminated\n\tleft="x\n',
      '\tleft=1.2.3.4\nconn\n=\n\t=\n\t\t\n\r\n\rconn a b c\n\tx = y z\n',
      ': PSK\n%any : PSK "k\n  continued\n@a @b : FOO bar\n',
      '',
      '\u0000\u00ff#\t#',
    ];
    for (const text of inputs) {
      const p = parseStrongswan(text);
      assert.equal(p.tokens.map((t) => t.text).join(''), text);
      let pos = 0;
      for (const t of p.tokens) {
        assert.equal(t.start, pos);
        assert.ok(t.end > t.start);
        pos = t.end;
      }
      lowerStroke(p, 'file:///x', {});
    }
  });

  it('sections, settings and includes with ranges (strongSwan moon, net2net-psk)', () => {
    const text = read('strongswan-moon-psk.ipsec.conf');
    const tree = parseStrongswan(text).tree as SwanFile;
    assert.equal(tree.fileKind, 'stroke');
    assert.deepEqual(tree.sections.map((s) => `${s.type} ${s.name} ${s.settings.length}`), ['config setup 1', 'conn %default 7', 'conn net-net 8']);
    const nn = tree.sections[2];
    assert.deepEqual(nn.settings.map((s) => `${s.key}=${s.value}`).slice(0, 3), ['left=PH_IP_MOON', 'leftsubnet=10.1.0.0/16', 'leftid=@moon.strongswan.org']);
    assert.equal(at(text, nn.nameRange), 'net-net');
    assert.equal(at(text, nn.settings[1].valueRange), '10.1.0.0/16');
    assert.equal(at(text, nn.settings[1].keyRange), 'leftsubnet');
    assert.equal(at(text, nn.range), 'conn net-net\n\tleft=PH_IP_MOON\n\tleftsubnet=10.1.0.0/16\n\tleftid=@moon.strongswan.org\n\tleftfirewall=yes\n\tright=PH_IP_SUN\n\trightsubnet=10.2.0.0/16\n\trightid=@sun.strongswan.org\n\tauto=add');
    const west = parseStrongswan(read('libreswan-west.ipsec.conf')).tree as SwanFile;
    assert.equal(west.version?.value, '2.0');
    assert.deepEqual(west.includes.map((i) => i.path), ['/testing/baseconfigs/all/etc/ipsec.d/ipsec.conf.common']);
  });

  it('quoted values, white space around =, trailing comments', () => {
    const text = 'config setup\n\tcharondebug="ike 2, knl 2"  # debug\nconn a\n\tdpdaction = clear\n\tleft=192.0.2.1 # me\n';
    const tree = parseStrongswan(text).tree as SwanFile;
    assert.deepEqual(tree.sections.flatMap((s) => s.settings.map((x) => [x.key, x.value, x.quoted])), [['charondebug', 'ike 2, knl 2', true], ['dpdaction', 'clear', false], ['left', '192.0.2.1', false]]);
    assert.deepEqual(parseStrongswan(text).diagnostics, []);
  });

  it('ipsec.secrets entries: selectors, type, secret token (continued on an indented line)', () => {
    const text = '# keys\n192.0.2.1 198.51.100.2 : PSK "s3cr3t"\n%any : PSK 0sdGVzdA==\n@moon.example :\n  PSK "two"\n: RSA moonKey.pem\ninclude /etc/ipsec.d/*.secrets\n';
    const p = parseStrongswan(text);
    const tree = p.tree as SwanFile;
    assert.equal(tree.fileKind, 'secrets');
    assert.deepEqual(tree.secrets.map((e) => [e.selectors.map((s) => s.text).join(' '), e.type, e.secret?.text]), [
      ['192.0.2.1 198.51.100.2', 'PSK', '"s3cr3t"'],
      ['%any', 'PSK', '0sdGVzdA=='],
      ['@moon.example', 'PSK', '"two"'],
      ['', 'RSA', 'moonKey.pem'],
    ]);
    assert.deepEqual(p.diagnostics, []);
    const { device } = lowerStroke(p, 'file:///etc/ipsec.secrets', {});
    assert.deepEqual(device.sharedSecrets!.map((s) => [s.ids.join(' '), s.secret.kind, at(text, s.secret.range)]), [
      ['192.0.2.1 198.51.100.2', 'plain', '"s3cr3t"'],
      ['%any', 'masked', '0sdGVzdA=='],
      ['@moon.example', 'plain', '"two"'],
    ]);
    // Every secret token is a secret range (semantic tokens dim it); the RSA key file name too.
    assert.deepEqual(model.secretRanges(device).map((r) => at(text, r)).sort(), ['"s3cr3t"', '"two"', '0sdGVzdA==', 'moonKey.pem'].sort());
  });
});

describe('model of real files', () => {
  it('strongSwan moon (net2net-psk): %default inheritance, default proposals appended, lifetimes, selectors, key ids', () => {
    const text = read('strongswan-moon-psk.ipsec.conf');
    const { device, diagnostics } = lower(text);
    assert.deepEqual(diagnostics, []);
    assert.equal(device.dialect, 'strongswan');
    assert.equal(device.platformVersion, 'strongSwan');
    assert.equal(device.ipsecPeers.length, 1);
    const p = device.ipsecPeers[0];
    assert.equal(p.label, 'conn net-net');
    assert.equal(p.kind, 'strongswan');
    assert.equal(p.role, 'responder');
    assert.deepEqual([p.ikeVersion.value, at(text, p.ikeVersion.range)], [2, 'ikev2']);
    // `ike` is not set: strongSwan's configured default, then the default proposals.
    assert.deepEqual(p.phase1.map((x) => x.label), ['ike aes128-sha256-modp3072 (default)', 'ike default', 'ike default (AEAD)']);
    assert.deepEqual(p.phase1[0].encryption.value, ['aes-cbc-128']);
    assert.deepEqual(p.phase1[0].dh.value, ['modp3072']);
    assert.ok(p.phase1[1].dh.value.includes('ecp256') && !p.phase1[1].dh.value.includes('modp1024'));
    assert.deepEqual([p.phase1[0].auth.value, at(text, p.phase1[0].auth.range)], ['psk', 'secret']);
    assert.deepEqual([p.phase1[0].lifetime.value, at(text, p.phase1[0].lifetime.range)], [3600, '60m']);
    assert.deepEqual([p.phase2Lifetime?.value, at(text, p.phase2Lifetime?.range)], [1200, '20m']);
    assert.deepEqual(p.phase2.map((x) => x.label), ['esp aes128-sha256 (default)', 'esp default', 'esp default (AEAD)']);
    assert.equal(p.pfs.value, 'none');
    assert.deepEqual(p.selectors.map((s) => `${s.local} ${s.remote} ${s.protocol} ${at(text, s.range)}`), ['10.1.0.0/16 10.2.0.0/16 ip 10.1.0.0/16']);
    // PH_IP_SUN is a placeholder, not an address: kept as a name that pairs with nothing.
    assert.equal(p.remote?.value, 'PH_IP_SUN');
    assert.deepEqual(p.secretIds, { local: ['@moon.strongswan.org', 'PH_IP_MOON'], remote: ['@sun.strongswan.org', 'PH_IP_SUN'] });
  });

  it('strongSwan moon (alg-aes-gcm): strict GCM proposals, PFS from esp=, a road-warrior responder', () => {
    const text = read('strongswan-moon-gcm.ipsec.conf');
    const { device } = lower(text);
    const p = device.ipsecPeers[0];
    assert.equal(p.remote, undefined);
    assert.equal(p.remoteAny, '0.0.0.0/0');
    assert.deepEqual(p.phase1.map((x) => [x.label, x.encryption.value, x.hash.value, x.dh.value]), [['ike aes256gcm16-aesxcbc-modp2048', ['aes-gcm-256'], ['aes-xcbc'], ['modp2048']]]);
    assert.deepEqual(p.phase2.map((x) => [x.encryption.value, x.integrity.value]), [[['aes-gcm-256'], []]]);
    assert.deepEqual([p.pfs.value, at(text, p.pfs.range)], ['modp2048', 'modp2048']);
    assert.equal(p.phase1[0].auth.value, 'rsa-sig');
    assert.equal(p.phase1[0].auth.default, 'strongSwan default authby=pubkey');
    assert.equal(p.secretIds, undefined);
  });

  it('Libreswan L2TP/PSK example: flavour, also=, transport mode, pfs=no, protoport selectors, passthrough skipped', () => {
    const text = read('libreswan-l2tp-psk.ipsec.conf');
    const { device, diagnostics } = lower(text);
    assert.deepEqual(diagnostics, []);
    assert.equal(device.platformVersion, 'Libreswan');
    assert.deepEqual(device.ipsecPeers.map((p) => p.label), ['conn L2TP-PSK-NAT', 'conn L2TP-PSK-noNAT']);
    const [nat, nonat] = device.ipsecPeers;
    for (const p of [nat, nonat]) {
      assert.equal(p.phase2[0].mode.value, 'transport');
      assert.deepEqual([p.pfs.value, at(text, p.pfs.range)], ['none', 'no']);
      assert.equal(p.phase1[0].lifetime.value, 28800);
      assert.equal(p.phase2Lifetime?.value, 3600);
      assert.equal(p.phase1[0].auth.value, 'psk');
      // Libreswan's own defaults (no strongSwan configured default first).
      assert.deepEqual(p.phase1.map((x) => x.label), ['ike default (AEAD)', 'ike default']);
    }
  });

  it('Libreswan west: version 2.0, ikev2=propose answers both versions, also= to an included conn is tolerated', () => {
    const text = read('libreswan-west.ipsec.conf');
    const { device } = lower(text);
    const p = device.ipsecPeers[0];
    assert.deepEqual([p.ikeVersion.value, p.ikeVersions], [2, [1, 2]]);
    assert.deepEqual(device.references.map((r) => [r.name, r.tolerated]), [['westnet-eastnet-ipv4', 'it may be defined in an included file']]);
  });

  it('a later also= overrides an earlier one (ipsec.conf(5))', () => {
    const { device } = lower('conn a\n\tesp=aes128-sha1!\nconn b\n\tesp=aes256-sha256!\nconn c\n\talso=a\n\talso=b\n\tright=192.0.2.9\n\tauto=start\n');
    assert.deepEqual(device.ipsecPeers.map((p) => [p.label, p.phase2[0].label]), [['conn c', 'esp aes256-sha256']]);
  });

  it('also= chains: own > also (depth first) > %default; a template without auto is not a peer', () => {
    const text = `conn %default
\tike=aes128-sha1-modp2048!
\tkeyexchange=ikev1
conn base
\tleft=192.0.2.1
\tleftsubnet=10.1.0.0/24
\tesp=aes256-sha256!
conn site
\talso=base
\tright=198.51.100.7
\trightsubnet=10.7.0.0/24,10.8.0.0/24[tcp/443]
\tike=aes256-sha256-ecp256!
\tauto=start
`;
    const { device, diagnostics } = lower(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(device.ipsecPeers.map((p) => p.label), ['conn site']);
    const p = device.ipsecPeers[0];
    assert.deepEqual(p.phase1.map((x) => [x.encryption.value, x.hash.value, x.dh.value]), [[['aes-cbc-256'], ['sha256'], ['ecp256']]]);
    assert.deepEqual(p.phase2.map((x) => [x.encryption.value, x.integrity.value]), [[['aes-cbc-256'], ['sha256']]]);
    assert.equal(p.ikeVersion.value, 1);
    assert.equal(p.role, 'both');
    assert.deepEqual(p.selectors.map((s) => `${s.local} ${s.remote} ${s.protocol} ${s.remotePort ?? ''}`), ['10.1.0.0/24 10.7.0.0/24 ip ', '10.1.0.0/24 10.8.0.0/24 tcp 443']);
    assert.deepEqual(device.extraAddresses.map((a) => a.value), ['192.0.2.1']);
  });
});

describe('syntax diagnostics (exact ranges)', () => {
  it('stray lines, duplicates, unknown algorithms, invalid values, undefined also=', () => {
    checkDiagnostics(`//- ipsec.conf
config setup
left=192.0.2.1
conn a
\tleft=192.0.2.1
\tleft=192.0.2.2
#^^^^ warning syntax/duplicate-keyword
\tright=198.51.100.1
\tike=aes256-sha265-modp2048!
#           ^^^^^^ warning strongswan/unknown-algorithm
\tauto=begin
#     ^^^^^ warning syntax/invalid-value
\talso=nowhere
#     ^^^^^^^ error ref/undefined
\tleftsubnet=10.1.0.300/24
#           ^^^^^^^^^^^^^ error syntax/invalid-address
`.replace('config setup\nleft=192.0.2.1\n', 'config setup\n left=192.0.2.1\nx y\n'), { codes: ['syntax/duplicate-keyword', 'strongswan/unknown-algorithm', 'syntax/invalid-value', 'ref/undefined', 'syntax/invalid-address'] });
  });

  it('a line at column 0 that is no section is syntax/unexpected-token', () => {
    const { diagnostics } = lower('conn a\n\tleft=192.0.2.1\nleft=192.0.2.2\n');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity, d.range.start, d.range.end]), [['syntax/unexpected-token', 'error', 23, 37]]);
  });
});

describe('shared secrets: selection by identity', () => {
  const s = (ids: string[]): model.SharedSecret => ({ ids, type: 'psk', secret: { kind: 'plain', plain: 'x', range: { start: 0, end: 0 } }, range: { start: 0, end: 0 } });
  it('remote beats local beats wildcard; an entry naming a stranger does not apply', () => {
    const local = ['@moon.strongswan.org', '192.0.2.1'];
    const remote = ['@sun.strongswan.org', '198.51.100.2'];
    assert.equal(model.secretScore(s([]), local, remote), 0);
    assert.equal(model.secretScore(s(['%any']), local, remote), 0);
    assert.equal(model.secretScore(s(['192.0.2.1']), local, remote), 1);
    assert.equal(model.secretScore(s(['@moon.strongswan.org', '@sun.strongswan.org']), local, remote), 3);
    assert.equal(model.secretScore(s(['198.51.100.2', '%any']), local, remote), 2);
    assert.equal(model.secretScore(s(['@venus.strongswan.org']), local, remote), undefined);
  });
});
