// RouterOS against another dialect through the service: seed 001's MikroTik ↔ Cisco site-to-site pair is found
// (the MikroTik owns its IKE source address from `sa-src-address=`) and the PSK fix edits the RouterOS `secret=`.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyFix, checkDiagnostics } from '../helpers/fixture';

describe('seed 001: MikroTik ↔ Cisco site-to-site', () => {
  it('pairs the two ends and reports the MY_KEY / MYKEY mismatch on both, with a fix that round-trips', () => {
    const { service, files } = checkDiagnostics(
      `
      //- mk.rsc
      ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none
      ip ipsec policy add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
      ip ipsec peer add address=192.168.23.3 port=500 auth-method=pre-shared-key secret=MY_KEY exchange-mode=main send-initial-contact=yes nat-traversal=yes proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no
      #                                                                                 ^^^^^^ error ipsec/psk-mismatch
      //- c.ios
      hostname cisco
      crypto isakmp policy 1
       encr aes 256
       authentication pre-share
       group 2
      crypto isakmp key MYKEY address 10.0.0.2 no-xauth
      !                 ^^^^^ error ipsec/psk-mismatch
      crypto ipsec transform-set MYTRANSFORMSET esp-aes 256 esp-sha-hmac
       mode tunnel
      crypto map MYCRYPTOMAP 10 ipsec-isakmp
       set peer 10.0.0.2
       set transform-set MYTRANSFORMSET
       match address ACLTRAFF
      ip access-list extended ACLTRAFF
       permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255
      interface fa1/0
       ip address 192.168.23.3 255.255.255.0
       crypto map MYCRYPTOMAP
      `,
      { codes: ['ipsec/psk-mismatch'] },
    );
    const mk = files.find((f) => f.name === 'mk.rsc')!;
    const finding = service.getFindings(mk.uri).find((f) => f.code === 'ipsec/psk-mismatch')!;
    assert.ok(!finding.message.includes('MY_KEY') && !finding.message.includes('MYKEY'));
    const fix = finding.fixes.find((f) => f.edits.every((e) => e.uri === mk.uri))!;
    const out = applyFix(service, fix);
    assert.match(out.get(mk.uri)!, / secret=MYKEY exchange-mode=main /);
    for (const f of files) assert.deepEqual(service.getFindings(f.uri).filter((d) => d.code === 'ipsec/psk-mismatch'), []);
  });
});
