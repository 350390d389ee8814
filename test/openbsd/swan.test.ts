// Linux strongSwan/Libreswan ipsec.conf shares OpenBSD's file name (and so the editor's `openbsd-ipsec` language id):
// netcfg tells them apart by content and skips the Linux one with one information note, never parsing it as OpenBSD.
// The fixtures are real files, listed in fixtures/SOURCES.md.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { detectIpsecConf, looksLikeSwanIpsecConf } from '../../server/src/dialects/openbsd';
import { detectDialect } from '../../server/src/dialects/registry';
import { createLanguageService } from '../../server/src/service';

const FIXTURES = path.join(__dirname, 'fixtures');
const CORPUS = path.resolve(__dirname, '../../../shared/corpus/openbsd-ipsec');
const SWAN = ['strongswan-moon-psk.ipsec.conf', 'strongswan-moon-gcm.ipsec.conf', 'libreswan-west.ipsec.conf', 'libreswan-l2tp-psk.ipsec.conf'];
const REASON = 'looks like a strongSwan/Libreswan ipsec.conf (conn sections), which netcfg does not check yet';

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
  test(`${name}: skipped with one detect/unknown-dialect note, by file name and by language id`, () => {
    const text = read(name);
    assert.ok(looksLikeSwanIpsecConf(text));
    for (const uri of ['file:///etc/ipsec.conf', `file:///w/${name}`]) {
      for (const languageId of [undefined, 'openbsd-ipsec']) {
        const s = createLanguageService();
        s.setDocument(uri, text, 1, languageId);
        assert.equal(s.getDocument(uri)?.dialect, undefined, `${uri} ${languageId}`);
        assert.equal(s.getParse(uri), undefined);
        const findings = s.getFindings(uri);
        assert.deepEqual(
          findings.map((f) => [f.code, f.severity, f.range.start, f.range.end]),
          [['detect/unknown-dialect', 'information', 0, 0]],
          `${uri} ${languageId}`,
        );
        assert.match(findings[0].message, /^netcfg skipped this file: looks like a strongSwan\/Libreswan ipsec\.conf \(conn sections\), which netcfg does not check yet\./);
      }
    }
    // A default dialect is for files nothing could be told about; this one was told apart, so it is not parsed as that either.
    const s = createLanguageService({ dialect: 'openbsd-ipsec' });
    s.setDocument('file:///etc/ipsec.conf', text, 1);
    assert.deepEqual(s.getFindings('file:///etc/ipsec.conf').map((f) => f.code), ['detect/unknown-dialect']);
  });
}

test('detection: the strongSwan/Libreswan rule needs a section header and no OpenBSD rule', () => {
  assert.deepEqual(detectDialect('ipsec.conf', read(SWAN[0])), { reason: REASON });
  assert.deepEqual(detectDialect('x.ipsec.conf', read(SWAN[2]), 'openbsd-ipsec'), { reason: REASON });
  // Another override (the user chose Cisco IOS) is not second-guessed.
  assert.equal(detectDialect('ipsec.conf', read(SWAN[0]), 'cisco-ios').dialect, 'cisco-ios');
  assert.equal(looksLikeSwanIpsecConf(OPENBSD), false);
  assert.equal(looksLikeSwanIpsecConf('conn = "192.0.2.1"\nike esp from 10.0.0.0/8 to any peer $conn\n'), false);
  // `conn NAME` pasted into an OpenBSD file with rules stays OpenBSD (its parser reports the stray line).
  assert.equal(looksLikeSwanIpsecConf(`${OPENBSD}conn net-net\n\tleft=192.0.2.1\n`), false);
  assert.equal(looksLikeSwanIpsecConf('config setup\n\tcharondebug="ike 2"\n'), true);
  assert.equal(looksLikeSwanIpsecConf('ca strongswan\n\tcacert=caCert.pem\n\tauto=add\n'), true);
  assert.equal(detectDialect('ipsec.conf', OPENBSD).dialect, 'openbsd-ipsec');
  assert.equal(detectDialect('ipsec.conf', OPENBSD, 'openbsd-ipsec').dialect, 'openbsd-ipsec');
  // Generic names are untouched: nothing matches, the default dialect may still apply.
  assert.deepEqual(detectDialect('vpn.conf', read(SWAN[0])), { reason: 'content did not match any dialect' });
  for (const name of SWAN) assert.equal(detectIpsecConf(read(name)), 0, name);
});

test('OpenBSD files stay OpenBSD: the crafted rule set and every corpus file', (t) => {
  const s = createLanguageService();
  s.setDocument('file:///etc/ipsec.conf', OPENBSD, 1, 'openbsd-ipsec');
  assert.equal(s.getDocument('file:///etc/ipsec.conf')?.dialect, 'openbsd-ipsec');
  assert.ok(!s.getFindings('file:///etc/ipsec.conf').some((f) => f.code === 'detect/unknown-dialect'));
  if (!fs.existsSync(CORPUS)) return t.skip('corpus not present');
  const files = fs.readdirSync(CORPUS).filter((f) => !f.endsWith('.ok'));
  assert.ok(files.length >= 30);
  const skipped: string[] = [];
  for (const f of files) {
    const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
    if (looksLikeSwanIpsecConf(text) || detectDialect('ipsec.conf', text, 'openbsd-ipsec').dialect !== 'openbsd-ipsec') skipped.push(f);
  }
  assert.deepEqual(skipped, []);
});
