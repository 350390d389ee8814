// Editor features of the strongswan dialect through the service: completion and hover from the key catalog and the
// proposal vocabulary, outline and folding per conn, `include` as a document link, and secrets masked everywhere.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCompletions } from '../../server/src/features/completion';
import { getDocumentLinks } from '../../server/src/features/documentLinks';
import { getFoldingRanges } from '../../server/src/features/folding';
import { getHover } from '../../server/src/features/hover';
import { semanticTokenList } from '../../server/src/features/semanticTokens';
import { getDocumentSymbols } from '../../server/src/features/symbols';
import { createLanguageService } from '../../server/src/service';

const CONF = `config setup
\tcharondebug="ike 1"

conn %default
\tkeyexchange=ikev1
\tauthby=secret

conn to-r1
\tleft=203.0.113.2
\tleftsubnet=10.2.0.0/16
\tright=198.51.100.1
\trightsubnet=10.1.0.0/16
\tike=aes256-sha256-modp2048
\tesp=aes256gcm16-ecp256!
\tauto=start

include /etc/ipsec.d/site-b.conf
include ipsec.*.conf
`;
const SECRETS = '203.0.113.2 198.51.100.1 : PSK "Sw4nK3y-9"\n';

function setup() {
  const s = createLanguageService();
  const conf = 'file:///etc/swan/ipsec.conf';
  const secrets = 'file:///etc/swan/ipsec.secrets';
  s.setDocument(conf, CONF, 1, 'openbsd-ipsec');
  s.setDocument(secrets, SECRETS, 1, 'strongswan');
  return { s, conf, secrets };
}

function pos(text: string, needle: string, delta = 0) {
  const off = text.indexOf(needle) + delta;
  const before = text.slice(0, off);
  return { line: before.split('\n').length - 1, character: off - before.lastIndexOf('\n') - 1 };
}

function hoverText(h: ReturnType<typeof getHover>): string {
  const c = h?.contents as { value?: string } | string | undefined;
  return typeof c === 'string' ? c : c?.value ?? '';
}

describe('strongswan editor features', () => {
  it('completes keys in a conn, values of closed keys, algorithm keywords in ike=, conn names in also=', () => {
    const s = createLanguageService();
    const uri = 'file:///w/ipsec.conf';
    const text = 'conn base\n\tleft=192.0.2.1\nconn a\n\tal\n\tauto=\n\tike=aes256-\n\talso=\n';
    s.setDocument(uri, text, 1);
    const labels = (needle: string, delta: number) => getCompletions(s, uri, pos(text, needle, delta)).map((c) => c.label);
    const keys = labels('\tal\n', 3);
    for (const k of ['also', 'auto', 'ike', 'esp', 'rightsubnet', 'keyexchange', 'ikelifetime']) assert.ok(keys.includes(k), k);
    assert.ok(!keys.includes('phase2alg'), 'a Libreswan-only key is not offered in a strongSwan file');
    assert.deepEqual(labels('\tauto=\n', 6), ['ignore', 'add', 'route', 'start', 'ondemand', 'keep', 'up']);
    const algs = labels('\tike=aes256-\n', 12);
    for (const k of ['sha256', 'prfsha384', 'modp2048', 'ecp384', 'aes256gcm16', 'curve25519']) assert.ok(algs.includes(k), k);
    assert.deepEqual(labels('\talso=\n', 6), ['base']);
  });

  it('hover: key docs with default and link, algorithm meaning, the conn summary with the key masked', () => {
    const { s, conf } = setup();
    const key = hoverText(getHover(s, conf, pos(CONF, 'keyexchange', 2)));
    assert.match(key, /^\*\*keyexchange\*\*: IKE version/);
    assert.match(key, /Default: `ike`/);
    assert.match(key, /\(https:\/\/man\.archlinux\.org\/man\/ipsec\.conf\.5\.en\)/);
    assert.equal(hoverText(getHover(s, conf, pos(CONF, 'modp2048', 2))), '`modp2048`: DH group modp2048 (group 14)');
    assert.equal(hoverText(getHover(s, conf, pos(CONF, 'ecp256', 1))), '`ecp256`: PFS group ecp256 (group 19)');
    const conn = hoverText(getHover(s, conf, pos(CONF, 'to-r1', 1)));
    assert.match(conn, /- peer: `198\.51\.100\.1`, local `203\.0\.113\.2`/);
    assert.match(conn, /- IKE proposals: `aes256-sha256-modp2048`, `default`, `default \(AEAD\)`/);
    assert.match(conn, /- ESP proposals: `aes256gcm16-ecp256`\n/);
    assert.match(conn, /- pre-shared key: \*{9} \(9 chars\)/);
    assert.ok(!conn.includes('Sw4nK3y'));
  });

  it('ipsec.secrets: hover masks the key, semantic tokens mark it secret', () => {
    const { s, secrets } = setup();
    const h = hoverText(getHover(s, secrets, pos(SECRETS, 'PSK', 1)));
    assert.match(h, /^\*\*PSK\*\* secret for `203\.0\.113\.2`, `198\.51\.100\.1`: \*{9} \(9 chars\)/);
    assert.ok(!h.includes('Sw4nK3y'));
    const secret = semanticTokenList(s, secrets).filter((t) => t.type === 'secret');
    assert.deepEqual(secret.map((t) => [t.line, t.character, t.length]), [[0, 31, 11]]);
  });

  it('outline and folding per conn; include is a document link (a wildcard is not)', () => {
    const { s, conf } = setup();
    const symbols = getDocumentSymbols(s, conf);
    assert.deepEqual(symbols.map((x) => x.name), ['config setup', 'conn %default', 'conn to-r1', 'include /etc/ipsec.d/site-b.conf', 'include ipsec.*.conf']);
    assert.deepEqual(symbols[2].children?.map((x) => x.name), ['left=203.0.113.2', 'leftsubnet=10.2.0.0/16', 'right=198.51.100.1', 'rightsubnet=10.1.0.0/16', 'ike=aes256-sha256-modp2048', 'esp=aes256gcm16-ecp256!']);
    assert.deepEqual(getFoldingRanges(s, conf).map((f) => [f.startLine, f.endLine]), [[0, 1], [3, 5], [7, 14]]);
    const links = getDocumentLinks(s, conf);
    assert.deepEqual(links.map((l) => [l.target, l.range.start.line, l.range.start.character, l.range.end.character]), [['file:///etc/ipsec.d/site-b.conf', 16, 8, 32]]);
  });
});
