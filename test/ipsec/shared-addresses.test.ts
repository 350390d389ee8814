// A crypto map and a protected tunnel (VTI) between the same two IOS routers (issue 14 §1): one finding per
// defect (a PSK both use is reported once per file, not once per tunnel), the crypto map still meets the other
// crypto map (its selector check is not hidden by the tunnel), and a peer bound to a shut interface takes part
// in no check. Real IOS syntax, exact codes and ranges.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDiagnostics, loadFixture } from '../helpers/fixture';
import { under } from './fixture-util';

interface RouterOptions {
  key?: string;
  /** The crypto ACL entry. */
  acl?: string;
  /** Caret lines under the key line / the ACL line. */
  keyCaret?: string;
  aclCaret?: string;
  /** Lines added to GigabitEthernet0/0 (the crypto map interface and tunnel source). */
  wan?: string;
  /** Lines added to Tunnel10. */
  tunnel?: string;
  /** The VTI profile's transform set. */
  vtiTransform?: string;
}

const keyLine = (n: 1 | 2, key: string) => `crypto isakmp key ${key} address 192.0.2.${3 - n}`;
const MIRROR = { 1: 'permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255', 2: 'permit ip 10.2.0.0 0.0.255.255 10.1.0.0 0.0.255.255' } as const;

/** R1 (192.0.2.1, LAN 10.1/16) or R2 (192.0.2.2, LAN 10.2/16): crypto map CMAP on Gi0/0 and VTI Tunnel10 to the other. */
function router(n: 1 | 2, o: RouterOptions = {}): string {
  const { key = 'S3cretKey', acl = MIRROR[n], keyCaret = '', aclCaret = '', wan = '', tunnel = '', vtiTransform = 'esp-aes 256 esp-sha256-hmac' } = o;
  return `//- r${n}.ios
hostname R${n}
!
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
${keyLine(n, key)}
${keyCaret}!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec transform-set VTS ${vtiTransform}
 mode tunnel
!
crypto ipsec profile VTI
 set transform-set VTS
!
crypto map CMAP 10 ipsec-isakmp
 set peer 192.0.2.${3 - n}
 set transform-set TS
 match address VPN
!
ip access-list extended VPN
 ${acl}
${aclCaret}!
interface GigabitEthernet0/0
 ip address 192.0.2.${n} 255.255.255.252
 crypto map CMAP
${wan}!
interface Tunnel10
 ip address 172.16.0.${n} 255.255.255.252
 tunnel source GigabitEthernet0/0
 tunnel mode ipsec ipv4
 tunnel destination 192.0.2.${3 - n}
 tunnel protection ipsec profile VTI
${tunnel}!
`;
}

/** Every finding of the fixture as `file severity code "text"`, sorted. */
function all(fx: string): string[] {
  const { service, files } = loadFixture(fx);
  return files.flatMap((f) => service.getFindings(f.uri).map((d) => `${f.name} ${d.severity} ${d.code} ${JSON.stringify(f.text.slice(d.range.start, d.range.end))}`)).sort();
}

const IPSEC_CODES = ['ipsec/psk-mismatch', 'ipsec/selector-mismatch', 'ipsec/esp-proposal-mismatch', 'ipsec/ike-proposal-mismatch', 'ipsec/psk-missing'];

describe('crypto map and VTI between the same two routers', () => {
  it('clean: no finding at all', () => {
    assert.deepEqual(all(router(1) + router(2)), []);
  });

  it('a different PSK: exactly one ipsec/psk-mismatch per file, at the key', () => {
    const fx =
      router(1, { keyCaret: under(keyLine(1, 'S3cretKey'), 'S3cretKey', 'error ipsec/psk-mismatch', '!') }) +
      router(2, { key: 'OtherKey', keyCaret: under(keyLine(2, 'OtherKey'), 'OtherKey', 'error ipsec/psk-mismatch', '!') });
    const { service, files } = checkDiagnostics(fx, { codes: IPSEC_CODES });
    // The one finding still points at the other end's key and offers both fixes.
    const f = service.getFindings(files[0].uri).find((d) => d.code === 'ipsec/psk-mismatch')!;
    assert.equal(f.related.length, 1);
    assert.equal(files[1].text.slice(f.related[0].range.start, f.related[0].range.end), 'OtherKey');
    assert.deepEqual(f.fixes.map((x) => x.title), ["Use R2's pre-shared key", "Make R2 use this side's pre-shared key"]);
  });

  it('a crypto ACL that is not the mirror: ipsec/selector-mismatch on both crypto maps, not hidden by the VTI', () => {
    const acl2 = 'permit ip 10.2.0.0 0.0.255.255 10.9.0.0 0.0.255.255';
    const fx =
      router(1, { aclCaret: under(` ${MIRROR[1]}`, MIRROR[1], 'error ipsec/selector-mismatch', '!') }) +
      router(2, { acl: acl2, aclCaret: under(` ${acl2}`, acl2, 'error ipsec/selector-mismatch', '!') });
    checkDiagnostics(fx, { codes: IPSEC_CODES });
  });

  it('a different VTI transform set: one ESP mismatch per file, on the VTI profile only (the crypto maps agree)', () => {
    assert.deepEqual(all(router(1) + router(2, { vtiTransform: 'esp-aes esp-sha-hmac' })), [
      'r1.ios error ipsec/esp-proposal-mismatch "crypto ipsec transform-set VTS esp-aes 256 esp-sha256-hmac\\n mode tunnel"',
      'r2.ios error ipsec/esp-proposal-mismatch "crypto ipsec transform-set VTS esp-aes esp-sha-hmac\\n mode tunnel"',
    ]);
  });

  it('the same VTI mismatch with Tunnel10 shut on R2: no finding', () => {
    assert.deepEqual(all(router(1) + router(2, { vtiTransform: 'esp-aes esp-sha-hmac', tunnel: ' shutdown\n' })), []);
  });

  it('a different PSK with the crypto map interface (and tunnel source) shut on R2: no finding', () => {
    assert.deepEqual(all(router(1) + router(2, { key: 'OtherKey', wan: ' shutdown\n' })), []);
  });
});

/** A crypto-map-only pair: R1 on Gi0/0, R2 with the crypto map on Gi0/1 (possibly shut). */
const mapOnly = (n: 1 | 2, key: string, extra = '') => `//- m${n}.ios
hostname M${n}
!
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key ${key} address 198.51.100.${3 - n}
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
!
crypto map CMAP 10 ipsec-isakmp
 set peer 198.51.100.${3 - n}
 set transform-set TS
 match address VPN
!
ip access-list extended VPN
 ${n === 1 ? MIRROR[1] : MIRROR[2]}
!
interface GigabitEthernet0/0
 ip address 192.168.${n}.1 255.255.255.0
!
interface GigabitEthernet0/1
 ip address 198.51.100.${n} 255.255.255.0
 crypto map CMAP
${extra}!
`;

describe('a crypto map on a shut interface', () => {
  it('is checked while up: a different PSK is an error on both ends', () => {
    assert.deepEqual(all(mapOnly(1, 'S3cretKey') + mapOnly(2, 'OtherKey')), ['m1.ios error ipsec/psk-mismatch "S3cretKey"', 'm2.ios error ipsec/psk-mismatch "OtherKey"']);
  });

  it('takes part in no check once shut (on either end)', () => {
    assert.deepEqual(all(mapOnly(1, 'S3cretKey') + mapOnly(2, 'OtherKey', ' shutdown\n')), []);
    assert.deepEqual(all(mapOnly(1, 'S3cretKey', ' shutdown\n') + mapOnly(2, 'OtherKey')), []);
  });

  it('`no shutdown` keeps it up', () => {
    assert.deepEqual(all(mapOnly(1, 'S3cretKey') + mapOnly(2, 'OtherKey', ' no shutdown\n')), ['m1.ios error ipsec/psk-mismatch "S3cretKey"', 'm2.ios error ipsec/psk-mismatch "OtherKey"']);
  });
});
