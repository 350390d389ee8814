// OpenBSD and Linux strongSwan/Libreswan share the file name ipsec.conf (and so the editor's `openbsd-ipsec`
// language id): netcfg tells them apart by content. A strongSwan/Libreswan file is the `strongswan` dialect, an
// OpenBSD one stays OpenBSD, and one that is neither is skipped, never parsed as the wrong one.
// The fixtures are real files, listed in test/openbsd/fixtures/SOURCES.md.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { detectIpsecConf, looksLikeSwanIpsecConf } from '../../server/src/dialects/openbsd';
import { detectDialect, dialectByFileName, IPSEC_CONF_SKIP_REASON } from '../../server/src/dialects/registry';
import { classifyIpsecConf, fileKindOf } from '../../server/src/dialects/strongswan';
import { createLanguageService } from '../../server/src/service';

const FIXTURES = path.join(__dirname, '../openbsd/fixtures');
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/openbsd-ipsec');
const SWAN = ['strongswan-moon-psk.ipsec.conf', 'strongswan-moon-gcm.ipsec.conf', 'libreswan-west.ipsec.conf', 'libreswan-l2tp-psk.ipsec.conf'];

const OPENBSD = `# gateway to the branch office
gw = "203.0.113.1"
include "/etc/ipsec.local.conf"
ike esp from 192.0.2.0/24 to 198.51.100.0/24 peer $gw psk mekmitasdigoat
flow esp in from 10.0.0.0/8 to 192.0.2.0/24 peer 203.0.113.1
`;

function read(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

for (const name of SWAN) {
  test(`${name}: the strongswan dialect, by file name and by the openbsd-ipsec language id, never OpenBSD`, () => {
    const text = read(name);
    assert.ok(looksLikeSwanIpsecConf(text));
    assert.equal(detectIpsecConf(text), 0);
    for (const uri of ['file:///etc/ipsec.conf', `file:///w/${name}`]) {
      for (const languageId of [undefined, 'openbsd-ipsec', 'strongswan']) {
        const s = createLanguageService();
        s.setDocument(uri, text, 1, languageId);
        assert.equal(s.getDocument(uri)?.dialect, 'strongswan', `${uri} ${languageId}`);
        assert.equal(s.getParse(uri)?.dialect.id, 'strongswan');
        const findings = s.getFindings(uri);
        assert.ok(!findings.some((f) => f.code === 'detect/unknown-dialect'), `${uri} ${languageId}`);
        // No OpenBSD complaint (unknown macros, syntax errors of a foreign grammar) on a Linux file.
        assert.deepEqual(findings.filter((f) => f.severity === 'error').map((f) => f.code), [], `${uri} ${languageId}`);
      }
    }
    // A default dialect is for files nothing could be told about; this one was told apart.
    const s = createLanguageService({ dialect: 'openbsd-ipsec' });
    s.setDocument('file:///etc/ipsec.conf', text, 1);
    assert.equal(s.getDocument('file:///etc/ipsec.conf')?.dialect, 'strongswan');
  });
}

test('detection: a section header and no OpenBSD rule is strongSwan; rules or macros are OpenBSD; neither is skipped', () => {
  assert.deepEqual(detectDialect('ipsec.conf', read(SWAN[0])), { dialect: 'strongswan', reason: 'content (strongSwan/Libreswan ipsec.conf)' });
  assert.equal(detectDialect('x.ipsec.conf', read(SWAN[2]), 'openbsd-ipsec').dialect, 'strongswan');
  // Another override (the user chose Cisco IOS) is not second-guessed.
  assert.equal(detectDialect('ipsec.conf', read(SWAN[0]), 'cisco-ios').dialect, 'cisco-ios');
  assert.equal(looksLikeSwanIpsecConf(OPENBSD), false);
  assert.equal(looksLikeSwanIpsecConf('conn = "192.0.2.1"\nike esp from 10.0.0.0/8 to any peer $conn\n'), false);
  // `conn NAME` pasted into an OpenBSD file with rules stays OpenBSD (its parser reports the stray line).
  assert.equal(looksLikeSwanIpsecConf(`${OPENBSD}conn net-net\n\tleft=192.0.2.1\n`), false);
  assert.equal(detectDialect('ipsec.conf', `${OPENBSD}conn net-net\n\tleft=192.0.2.1\n`).dialect, 'openbsd-ipsec');
  assert.equal(looksLikeSwanIpsecConf('config setup\n\tcharondebug="ike 2"\n'), true);
  assert.equal(looksLikeSwanIpsecConf('ca strongswan\n\tcacert=caCert.pem\n\tauto=add\n'), true);
  assert.equal(detectDialect('ipsec.conf', OPENBSD).dialect, 'openbsd-ipsec');
  assert.equal(detectDialect('ipsec.conf', OPENBSD, 'openbsd-ipsec').dialect, 'openbsd-ipsec');
  // The language id `strongswan` on an OpenBSD file named ipsec.conf: the content wins.
  assert.equal(detectDialect('ipsec.conf', OPENBSD, 'strongswan').dialect, 'openbsd-ipsec');
  // Macros alone are OpenBSD; comments alone keep the name's dialect; anything else is skipped.
  assert.equal(classifyIpsecConf('gw = "192.0.2.1"\n'), 'openbsd');
  assert.equal(detectDialect('ipsec.conf', '# nothing yet\n\n').dialect, 'openbsd-ipsec');
  const neither = 'interface eth0\n  address 192.0.2.1\n';
  assert.equal(classifyIpsecConf(neither), 'neither');
  assert.deepEqual(detectDialect('ipsec.conf', neither), { reason: IPSEC_CONF_SKIP_REASON });
  assert.deepEqual(detectDialect('ipsec.conf', neither, 'openbsd-ipsec'), { reason: IPSEC_CONF_SKIP_REASON });
  // Generic names: strongSwan's own content is recognised.
  assert.equal(detectDialect('vpn.conf', read(SWAN[0])).dialect, 'strongswan');
  for (const name of SWAN) assert.equal(detectIpsecConf(read(name)), 0, name);
});

test('detection by name: swanctl.conf, *.swanctl.conf and ipsec.secrets are strongswan', () => {
  for (const n of ['swanctl.conf', '/etc/swanctl/conf.d/site.swanctl.conf', 'ipsec.secrets', 'C:\\etc\\ipsec.secrets']) assert.equal(dialectByFileName(n), 'strongswan', n);
  assert.equal(detectDialect('/etc/ipsec.secrets', ': PSK "x"\n').dialect, 'strongswan');
  assert.equal(fileKindOf(': PSK "x"\n'), 'secrets');
  assert.equal(fileKindOf('connections {\n  a {\n  }\n}\n'), 'swanctl');
  // A swanctl.conf whose first colon is in `auth = ike:rsa/...` is still swanctl, not ipsec.secrets.
  assert.equal(fileKindOf('connections {\n  a {\n    remote {\n      auth = ike:rsa/pss-sha256\n    }\n  }\n}\n'), 'swanctl');
  assert.equal(fileKindOf('"C=CH, O=strongSwan, CN=moon" : RSA moonKey.pem\n'), 'secrets');
  assert.equal(fileKindOf(read(SWAN[0])), 'stroke');
});

test('a skipped ipsec.conf gets one detect/unknown-dialect note', () => {
  const s = createLanguageService();
  s.setDocument('file:///etc/ipsec.conf', 'interface eth0\n  address 192.0.2.1\n', 1, 'openbsd-ipsec');
  assert.equal(s.getDocument('file:///etc/ipsec.conf')?.dialect, undefined);
  const f = s.getFindings('file:///etc/ipsec.conf');
  assert.deepEqual(f.map((x) => [x.code, x.severity, x.range.start, x.range.end]), [['detect/unknown-dialect', 'information', 0, 0]]);
  assert.match(f[0].message, /neither OpenBSD ipsec\.conf .* nor strongSwan\/Libreswan/);
});

test('OpenBSD files stay OpenBSD: the crafted rule set and every corpus file', (t) => {
  const s = createLanguageService();
  s.setDocument('file:///etc/ipsec.conf', OPENBSD, 1, 'openbsd-ipsec');
  assert.equal(s.getDocument('file:///etc/ipsec.conf')?.dialect, 'openbsd-ipsec');
  assert.ok(!s.getFindings('file:///etc/ipsec.conf').some((f) => f.code === 'detect/unknown-dialect'));
  if (!fs.existsSync(CORPUS)) return t.skip('corpus not present');
  const files = fs.readdirSync(CORPUS).filter((f) => !f.endsWith('.ok'));
  assert.ok(files.length >= 30);
  const wrong: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
    for (const override of [undefined, 'openbsd-ipsec' as const]) if (detectDialect('ipsec.conf', text, override).dialect !== 'openbsd-ipsec') wrong.push(`${f} ${override}`);
  }
  assert.deepEqual(wrong, []);
});

test('the `swanctl` editor language (swanctl.conf) stands for the strongswan dialect, whatever the file is called', () => {
  const vici = 'connections {\n\tgw {\n\t\tremote_addrs = 192.0.2.1\n\t\tchildren {\n\t\t\tnet {\n\t\t\t\tremote_ts = 10.2.0.0/16\n\t\t\t}\n\t\t}\n\t}\n}\n';
  // `vpn.md` is no config name: only the language id makes it strongSwan.
  for (const uri of ['file:///w/vpn.md', 'untitled:Untitled-1', 'file:///etc/swanctl/swanctl.conf']) {
    const s = createLanguageService();
    s.setDocument(uri, vici, 1, 'swanctl');
    assert.equal(s.getDocument(uri)?.dialect, 'strongswan', uri);
  }
  // Another language id is no override: plaintext leaves detection to the name and content.
  const s = createLanguageService();
  s.setDocument('file:///w/notes.md', vici, 1, 'plaintext');
  assert.equal(s.getDocument('file:///w/notes.md')?.dialect, undefined);
});
