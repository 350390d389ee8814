// Real-syntax IPsec fixtures with a Cisco ASA on one end: ASA L2L crypto map ↔ IOS, and the seed 003 remote
// access ASA (dynamic map, masked `*****` key) answering an IOS L2L initiator. Clean variants and fix round trips.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNoErrors, checkDiagnostics, loadFixture } from '../helpers/fixture';
import { allText, asaL2l, errorsOf, iosL2l, roundTrip } from './fixture-util';

const ASA_L2L = (key: string, caret = '', transform?: string) => asaL2l({ key, caret, transform });

const IOS = (key: string, caret = '') => iosL2l({ key, caret });

describe('ASA ↔ IOS (L2L crypto maps)', () => {
  it('clean variant: no error on either end', () => {
    const { service, files } = checkDiagnostics(ASA_L2L('S3cretKey') + IOS('S3cretKey'));
    assertNoErrors(service, files.map((f) => f.uri));
  });

  const psk = ASA_L2L('S3cretKey', '!                     ^^^^^^^^^ error ipsec/psk-mismatch\n') + IOS('S3cretkey', '!                 ^^^^^^^^^ error ipsec/psk-mismatch\n');
  it('tunnel-group key vs crypto isakmp key differing only in case: error on both ends, masked', () => {
    checkDiagnostics(psk);
    const text = allText(psk);
    assert.match(text, /differs only in case/);
    assert.ok(!/S3cret/i.test(text));
  });
  it('PSK fixes round-trip from both files', () => {
    roundTrip(psk, 'fw.asa', 'ipsec/psk-mismatch', "Use R1's pre-shared key");
    roundTrip(psk, 'r1.ios', 'ipsec/psk-mismatch', "Use fw's pre-shared key");
  });

  it('phase 2 mismatch (esp-3des esp-md5-hmac on the ASA) on both ends; fixes round-trip', () => {
    const p2 = ASA_L2L('S3cretKey', '', 'esp-3des esp-md5-hmac') + IOS('S3cretKey');
    assert.deepEqual(errorsOf(p2).map((l) => l.split(' ').slice(0, 2).join(' ')), ['fw.asa ipsec/esp-proposal-mismatch', 'r1.ios ipsec/esp-proposal-mismatch']);
    roundTrip(p2, 'fw.asa', 'ipsec/esp-proposal-mismatch', 'Make this side match R1');
    roundTrip(p2, 'r1.ios', 'ipsec/esp-proposal-mismatch', 'Make this side match fw');
  });
});

// Seed 003: remote-access ASA (dynamic map, `*****` key as shown by `show running-config`).
const ASA_RA = (l2l: string) => `//- ra.asa
: Saved
ASA Version 9.1(2)
hostname ra
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 198.51.100.1 255.255.255.0
ip local pool REMOTE_ACCESS_POOL 10.99.0.10-10.99.0.50
crypto ipsec ikev1 transform-set REMOTE_ACCESS_TS esp-aes-256 esp-sha-hmac
crypto dynamic-map REMOTE_ACCESS_DYNMAP 1 set ikev1 transform-set REMOTE_ACCESS_TS
crypto map REMOTE_ACCESS_MAP 1 ipsec-isakmp dynamic REMOTE_ACCESS_DYNMAP
crypto map REMOTE_ACCESS_MAP interface outside
crypto ikev1 enable outside
crypto ikev1 policy 1
 authentication pre-share
 encryption aes-256
 hash sha
 group 14
 lifetime 7200
tunnel-group REMOTE_ACCESS_TUNNELGRP type remote-access
tunnel-group REMOTE_ACCESS_TUNNELGRP general-attributes
 address-pool REMOTE_ACCESS_POOL
tunnel-group REMOTE_ACCESS_TUNNELGRP ipsec-attributes
 ikev1 pre-shared-key *****
${l2l}`;

const IOS_TO_RA = (key: string) => IOS(key).replace(' group 14\n', ' group 14\n lifetime 7200\n');

describe('ASA dynamic map (seed 003) ↔ IOS L2L initiator', () => {
  it('the remote-access group key (by name) does not serve a main-mode L2L peer: psk-missing on both ends', () => {
    assert.deepEqual(errorsOf(ASA_RA('') + IOS_TO_RA('S3cretKey')).map((l) => l.split(' ').slice(0, 2).join(' ')), ['r1.ios ipsec/psk-missing', 'ra.asa ipsec/psk-missing']);
  });

  it('clean variant: an ipsec-l2l tunnel-group named after the initiator', () => {
    const fx = ASA_RA('tunnel-group 203.0.113.2 type ipsec-l2l\ntunnel-group 203.0.113.2 ipsec-attributes\n ikev1 pre-shared-key S3cretKey\n') + IOS_TO_RA('S3cretKey');
    const { service, files } = checkDiagnostics(fx);
    assertNoErrors(service, files.map((f) => f.uri));
    // The dynamic map (a wildcard responder) is paired with the initiator.
    assert.deepEqual(service.partners(files[0].uri), [files[1].uri]);
  });

  it('a masked L2L key is reported as unverifiable (information), never guessed', () => {
    const fx = ASA_RA('tunnel-group 203.0.113.2 type ipsec-l2l\ntunnel-group 203.0.113.2 ipsec-attributes\n ikev1 pre-shared-key *****\n') + IOS_TO_RA('S3cretKey');
    const { service, files } = loadFixture(fx);
    const got = files.map((f) => service.getFindings(f.uri).filter((d) => d.code.startsWith('ipsec/psk')).map((d) => `${d.severity} ${d.code}`));
    assert.deepEqual(got, [['information ipsec/psk-unverifiable'], ['information ipsec/psk-unverifiable']]);
    assert.match(allText(fx), /masked by the device/);
    assertNoErrors(service, files.map((f) => f.uri));
  });
});
