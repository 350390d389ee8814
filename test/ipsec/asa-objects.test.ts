// Cross-file: ASA crypto ACLs written with network objects and object-groups (the way every ASA since 8.3 writes
// them) mirror a peer's plain ACL or another ASA's objects; a changed subnet is a selector mismatch on both ends, and
// an FQDN object is never compared.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNoErrors, checkDiagnostics } from '../helpers/fixture';
import { asaL2l, findingsOf, iosL2l } from './fixture-util';

/** The ASA's crypto ACL for 10.2/16 (object) ↔ 10.1/16 (nested object-group), the remote subnet given. */
const objectsAcl = (remote = '10.1.0.0 255.255.0.0') => `object network LAN-A
 subnet 10.2.0.0 255.255.0.0
object network R1-LAN
 subnet ${remote}
object-group network R1-CORE
 network-object object R1-LAN
object-group network R1-ALL
 description everything behind R1
 group-object R1-CORE
access-list VPN extended permit ip object LAN-A object-group R1-ALL`;

/** A second ASA `fw2` at 203.0.113.2, the mirror of `asaL2l` (10.1/16 ↔ 10.2/16), written with objects. */
const fw2 = (local = '10.1.0.0 255.255.0.0') => `//- fw2.asa
ASA Version 9.12(4)
hostname fw2
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 203.0.113.2 255.255.255.0
object network LOCAL
 subnet ${local}
object network PEER-LAN
 subnet 10.2.0.0 255.255.0.0
object-group network PEER-NETS
 network-object object PEER-LAN
access-list TO-FW extended permit ip object LOCAL object-group PEER-NETS
crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac
crypto map OUTSIDE_MAP 10 match address TO-FW
crypto map OUTSIDE_MAP 10 set peer 198.51.100.1
crypto map OUTSIDE_MAP 10 set ikev1 transform-set TS
crypto map OUTSIDE_MAP interface outside
crypto ikev1 enable outside
crypto ikev1 policy 10
 authentication pre-share
 encryption aes-256
 hash sha
 group 14
 lifetime 86400
tunnel-group 198.51.100.1 type ipsec-l2l
tunnel-group 198.51.100.1 ipsec-attributes
 ikev1 pre-shared-key S3cretKey
`;

describe('ASA crypto ACL with objects ↔ IOS plain ACL', () => {
  it('clean: object and nested object-group mirror the IOS ACL, no finding at all about selectors', () => {
    const fx = asaL2l({ acl: objectsAcl() }) + iosL2l();
    const { service, files } = checkDiagnostics(fx);
    assertNoErrors(service, files.map((f) => f.uri));
    assert.deepEqual(findingsOf(fx, 'ipsec/selector-mismatch'), []);
    assert.deepEqual(service.partners(files[0].uri), [files[1].uri]);
  });

  it('failing: one subnet changed in the object is a selector mismatch on both ends', () => {
    const fx = asaL2l({ acl: objectsAcl('10.11.0.0 255.255.0.0') }) + iosL2l();
    assert.deepEqual(findingsOf(fx, 'ipsec/selector-mismatch'), [
      'fw.asa error access-list VPN extended permit ip object LAN-A object-group R1-ALL',
      'r1.ios error permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255',
    ]);
  });

  it('an FQDN object on the ASA is not compared: no selector finding, though the IOS side differs', () => {
    const acl = `object network R1-WEB
 fqdn v4 www.r1.example.net
access-list VPN extended permit ip 10.2.0.0 255.255.0.0 object R1-WEB`;
    const fx = asaL2l({ acl }) + iosL2l();
    assert.deepEqual(findingsOf(fx, 'ipsec/selector-mismatch'), []);
  });
});

describe('ASA ↔ ASA, both with objects', () => {
  it('clean: the two object-based ACLs mirror', () => {
    const fx = asaL2l({ acl: objectsAcl() }) + fw2();
    const { service, files } = checkDiagnostics(fx);
    assertNoErrors(service, files.map((f) => f.uri));
    assert.deepEqual(findingsOf(fx, 'ipsec/selector-mismatch'), []);
  });

  it('failing: fw2 protects 10.1.0.0/24 instead of /16 — overlap, so a warning on both ends', () => {
    const fx = asaL2l({ acl: objectsAcl() }) + fw2('10.1.0.0 255.255.255.0');
    assert.deepEqual(findingsOf(fx, 'ipsec/selector-mismatch'), [
      'fw.asa warning access-list VPN extended permit ip object LAN-A object-group R1-ALL',
      'fw2.asa warning access-list TO-FW extended permit ip object LOCAL object-group PEER-NETS',
    ]);
  });

  it('failing: fw2 protects an unrelated subnet — error on both ends', () => {
    const fx = asaL2l({ acl: objectsAcl() }) + fw2('10.7.0.0 255.255.0.0');
    assert.deepEqual(findingsOf(fx, 'ipsec/selector-mismatch'), [
      'fw.asa error access-list VPN extended permit ip object LAN-A object-group R1-ALL',
      'fw2.asa error access-list TO-FW extended permit ip object LOCAL object-group PEER-NETS',
    ]);
  });
});
