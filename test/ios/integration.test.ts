// IOS/ASA models inside the language service: seed 001 (IOS ↔ MikroTik) finds the PSK mismatch and its quick fix
// rewrites the IOS key in place; IKEv2 keyrings/profiles lower to IKEv2 peers.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { iosDialect } from '../../server/src/dialects/ios';
import { applyFix, loadFixture } from '../helpers/fixture';
import { SEED001 as CISCO_SEED001 } from './seeds';

const SEED001 = `
//- cisco.cfg
${CISCO_SEED001}//- mt.rsc
/ip address add address=10.0.0.2/24 interface=ether1
/ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none
/ip ipsec policy add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
/ip ipsec peer add address=192.168.23.3 port=500 auth-method=pre-shared-key secret=MY_KEY exchange-mode=main send-initial-contact=yes nat-traversal=yes proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no
`;

test('seed 001 in the service: IOS detected by content, paired with RouterOS, PSK fix edits the IOS key', () => {
  const { service, files } = loadFixture(SEED001);
  const cisco = files.find((f) => f.name === 'cisco.cfg')!;
  assert.equal(service.getDocument(cisco.uri)!.dialect, 'cisco-ios');
  const psk = service.getFindings(cisco.uri).find((f) => f.code === 'ipsec/psk-mismatch');
  assert.ok(psk, 'psk mismatch found');
  assert.equal(cisco.text.slice(psk.range.start, psk.range.end), 'MYKEY');
  assert.doesNotMatch(psk.message, /MYKEY|MY_KEY/);
  const fix = psk.fixes.find((f) => f.edits.every((e) => e.uri === cisco.uri));
  assert.ok(fix, 'a fix editing the IOS side');
  const texts = applyFix(service, fix);
  assert.match(texts.get(cisco.uri)!, /^crypto isakmp key MY_KEY address 10\.0\.0\.2 no-xauth$/m);
  assert.equal(service.getFindings(cisco.uri).filter((f) => f.code === 'ipsec/psk-mismatch').length, 0);
});

test('IKEv2: proposal, keyring and profile lower to an IKEv2 crypto map peer', () => {
  const text = `crypto ikev2 proposal P
 encryption aes-cbc-256 aes-cbc-128
 integrity sha256
 group 14 19
crypto ikev2 policy POL
 proposal P
crypto ikev2 keyring KR
 peer SITE
  address 203.0.113.5
  pre-shared-key local Key2
crypto ikev2 profile PROF
 match identity remote address 203.0.113.5 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec transform-set TS esp-gcm 256
crypto map CM 10 ipsec-isakmp
 set peer 203.0.113.5
 set transform-set TS
 set ikev2-profile PROF
interface Gi0/0
 ip address 198.51.100.2 255.255.255.0
 crypto map CM
`;
  const { device, diagnostics } = iosDialect.lower(iosDialect.parse(text, {}), 'file:///v2.ios', {});
  assert.deepEqual(diagnostics, []);
  const p = device.ipsecPeers[0];
  assert.equal(p.ikeVersion.value, 2);
  assert.deepEqual(p.phase1.map((x) => [x.encryption.value, x.hash.value, x.dh.value]), [[['aes-cbc-256', 'aes-cbc-128'], ['sha256'], ['modp2048', 'ecp256']]]);
  assert.equal(p.psk?.secret.plain, 'Key2');
  assert.equal(p.psk?.peer, '203.0.113.5/32');
  assert.deepEqual([p.phase2[0].encryption.value, p.phase2[0].integrity.value], [['aes-gcm-256'], ['none']]);
});
