// L2TP/IPsec on real RouterOS syntax (seed 001, reformatted): the seed checks clean, a one-character secret
// drift is caught on both statements, and the quick fix round-trips through the RouterOS dialect.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyFix, checkDiagnostics, loadFixture } from '../helpers/fixture';

const CODES = ['l2tp/ipsec-secret-mismatch', 'l2tp/ipsec-disabled'];

const seed = (peerSecret: string, useIpsec = 'use-ipsec=yes') => `
//- mt.rsc
# jan/02/1970 00:00:00 by RouterOS 6.45.9
/ip pool add name="L2TP-Pool" ranges=172.31.86.1-172.31.86.14
/ppp profile add name=l2tp-profile local-address=L2TP-Pool remote-address=L2TP-Pool use-encryption=required change-tcp-mss=yes dns-server=8.8.8.8
/interface l2tp-server server set authentication=mschap2 default-profile=l2tp-profile enabled=yes ipsec-secret=MYKEY max-mru=1460 max-mtu=1460 ${useIpsec}
/ppp secret add name=MYUSER password=MYPASSWORD service=l2tp profile=l2tp-profile
/ip ipsec proposal add name=L2TP-Proposal auth-algorithms=sha1 enc-algorithms=3des,aes-256-cbc pfs-group=none
/ip ipsec peer add address=0.0.0.0/0 port=500 auth-method=pre-shared-key secret=${peerSecret} generate-policy=port-override exchange-mode=main-l2tp
/ip ipsec policy add src-address=::/0 dst-address=::/0 protocol=all template=yes group=default action=encrypt level=require ipsec-protocols=esp tunnel=no sa-src-address=0.0.0.0 sa-dst-address=0.0.0.0 proposal=L2TP-Proposal
`;

test('seed 001 (RouterOS 6) L2TP server with a matching wildcard peer: clean', () => {
  checkDiagnostics(seed('"MYKEY"'), { codes: CODES });
});

test('seed 001 with the peer secret drifted: both statements, fix round-trips', () => {
  const { service, files } = checkDiagnostics(
    `
//- mt.rsc
# jan/02/1970 00:00:00 by RouterOS 6.45.9
/interface l2tp-server server set default-profile=default-encryption enabled=yes ipsec-secret=MYKEY use-ipsec=yes
#                                                                                             ^^^^^ error l2tp/ipsec-secret-mismatch
/ip ipsec peer add address=0.0.0.0/0 auth-method=pre-shared-key secret=MY_KEY generate-policy=port-override exchange-mode=main-l2tp
#                                                                      ^^^^^^ error l2tp/ipsec-secret-mismatch
`,
    { codes: CODES },
  );
  const findings = service.getFindings(files[0].uri).filter((f) => f.code === 'l2tp/ipsec-secret-mismatch');
  for (const f of findings) {
    assert.ok(!f.message.includes('MYKEY') && !f.message.includes('MY_KEY'));
    for (const r of f.related) assert.ok(!r.message.includes('MYKEY'));
  }
  const fix = findings[0].fixes[0];
  const texts = applyFix(service, fix);
  assert.ok([...texts.values()][0].includes('ipsec-secret=MY_KEY'));
  assert.deepEqual(service.getFindings(files[0].uri).filter((f) => CODES.includes(f.code)), []);
});

test('L2TP server enabled without IPsec: warning on use-ipsec', () => {
  const { service, files } = loadFixture(seed('"MYKEY"', 'use-ipsec=no'));
  const f = files[0];
  const found = service.getFindings(f.uri).filter((d) => CODES.includes(d.code));
  assert.deepEqual(found.map((d) => `${d.severity} ${d.code} ${f.text.slice(d.range.start, d.range.end)}`), ['warning l2tp/ipsec-disabled no']);
  // The RouterOS lowering attaches a Setter to L2tpServer.useIpsec: fixes[0] requires IPsec and the file checks clean.
  const texts = applyFix(service, found[0].fixes[0]);
  assert.ok(texts.get(f.uri)!.includes(' use-ipsec=required\n'));
  assert.deepEqual(service.getFindings(f.uri).filter((d) => CODES.includes(d.code)), []);
});

test('RouterOS 7: the secret lives on the identity of the passive wildcard peer', () => {
  const fx = (secret: string) => `
//- mt.rsc
# 2024-01-01 00:00:00 by RouterOS 7.11
/interface l2tp-server server set enabled=yes use-ipsec=required ipsec-secret=MYKEY
/ip ipsec profile add name=l2tp
/ip ipsec peer add name=l2tp-peer address=0.0.0.0/0 passive=yes exchange-mode=main profile=l2tp
/ip ipsec identity add peer=l2tp-peer secret=${secret} generate-policy=port-strict
`;
  const { service, files } = loadFixture(fx('MY_KEY'));
  const f = files[0];
  const found = service.getFindings(f.uri).filter((d) => CODES.includes(d.code)).map((d) => `${d.code} ${f.text.slice(d.range.start, d.range.end)}`);
  assert.deepEqual(found, ['l2tp/ipsec-secret-mismatch MYKEY', 'l2tp/ipsec-secret-mismatch MY_KEY']);
  const clean = loadFixture(fx('MYKEY'));
  assert.deepEqual(clean.service.getFindings(clean.files[0].uri).filter((d) => CODES.includes(d.code)), []);
});
