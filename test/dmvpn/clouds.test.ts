// Several DMVPN clouds on one hub, one source address (issue 14 §1): a spoke meets the hub tunnel its tunnel key
// selects (else its NHRP server, else its tunnel subnet), never every tunnel of the hub; shut tunnels take part
// in no check. Real IOS syntax, exact codes and ranges on every file.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkDiagnostics, loadFixture } from '../helpers/fixture';

/** Inserts a caret line under the only line containing `line`, under `token` in it (nth occurrence). */
function mark(text: string, line: string, token: string, what: string, nth = 0): string {
  const lines = text.split('\n');
  const idx = lines.findIndex((l) => l.includes(line));
  assert.ok(idx >= 0 && lines.findIndex((l, i) => i > idx && l.includes(line)) < 0, `expected exactly one line with ${JSON.stringify(line)}`);
  let col = -1;
  for (let i = 0; i <= nth; i++) col = lines[idx].indexOf(token, col + 1);
  assert.ok(col >= 1, `${token} not in ${lines[idx]}`);
  lines.splice(idx + 1, 0, `!${' '.repeat(col - 1)}${'^'.repeat(token.length)} ${what}`);
  return lines.join('\n');
}

/** `text` with the only occurrence of `from` replaced by `to`. */
function once(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  assert.ok(i >= 0 && text.indexOf(from, i + 1) < 0, `expected exactly one ${JSON.stringify(from)}`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

const ISAKMP = `crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key DMVPNKEY address 0.0.0.0 0.0.0.0
!`;

/**
 * HUB: Tunnel0 (key 100, 10.0.0.1/24, cloud 1: NHRP authentication CLOUD1, aes-256/sha256, OSPF broadcast) and
 * Tunnel1 (key 200, 10.0.1.1/24, cloud 2: CLOUD2, aes-128/sha1, OSPF point-to-multipoint), both
 * `tunnel source GigabitEthernet0/0` (203.0.113.1). Every cloud setting differs, so comparing a spoke with the
 * other cloud's tunnel would report something.
 */
const HUB = `//- hub.ios
hostname HUB
!
${ISAKMP}
crypto ipsec transform-set TS1 esp-aes 256 esp-sha256-hmac
 mode transport
crypto ipsec transform-set TS2 esp-aes esp-sha-hmac
 mode transport
!
crypto ipsec profile CLOUD1
 set transform-set TS1
crypto ipsec profile CLOUD2
 set transform-set TS2
!
interface GigabitEthernet0/0
 ip address 203.0.113.1 255.255.255.0
!
interface Tunnel0
 ip address 10.0.0.1 255.255.255.0
 ip nhrp authentication CLOUD1
 ip nhrp map multicast dynamic
 ip nhrp network-id 1
 ip ospf network broadcast
 ip ospf priority 10
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 100
 tunnel protection ipsec profile CLOUD1 shared
!
interface Tunnel1
 ip address 10.0.1.1 255.255.255.0
 ip nhrp authentication CLOUD2
 ip nhrp map multicast dynamic
 ip nhrp network-id 2
 ip ospf network point-to-multipoint
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 200
 tunnel protection ipsec profile CLOUD2 shared
!
router ospf 1
 network 10.0.0.0 0.0.0.255 area 0
 network 10.0.1.0 0.0.0.255 area 0
`;

/** A multipoint spoke of cloud 1 (spokeA, .2) or cloud 2 (spokeB, .3), as the hub expects it. */
const spoke = (cloud: 1 | 2) => {
  const n = cloud + 1;
  const net = `10.0.${cloud - 1}`;
  return `//- spoke${cloud === 1 ? 'A' : 'B'}.ios
hostname SPOKE${cloud === 1 ? 'A' : 'B'}
!
${ISAKMP}
crypto ipsec transform-set TS ${cloud === 1 ? 'esp-aes 256 esp-sha256-hmac' : 'esp-aes esp-sha-hmac'}
 mode transport
!
crypto ipsec profile DMVPN
 set transform-set TS
!
interface GigabitEthernet0/0
 ip address 198.51.100.${n} 255.255.255.0
!
interface Tunnel0
 ip address ${net}.${n} 255.255.255.0
 ip nhrp authentication CLOUD${cloud}
 ip nhrp map ${net}.1 203.0.113.1
 ip nhrp map multicast 203.0.113.1
 ip nhrp network-id ${cloud}
 ip nhrp nhs ${net}.1
 ip ospf network ${cloud === 1 ? 'broadcast\n ip ospf priority 0' : 'point-to-multipoint'}
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key ${cloud === 1 ? 100 : 200}
 tunnel protection ipsec profile DMVPN
!
router ospf 1
 network ${net}.0 0.0.0.255 area 0
`;
};

const A = spoke(1);
const B = spoke(2);

/** Every finding of the fixture (not just errors) as `file severity code "text"`. */
function all(fx: string): string[] {
  const { service, files } = loadFixture(fx);
  return files.flatMap((f) => service.getFindings(f.uri).map((d) => `${f.name} ${d.severity} ${d.code} ${JSON.stringify(f.text.slice(d.range.start, d.range.end))}`)).sort();
}

const CODES = [
  'dmvpn/tunnel-key-mismatch',
  'dmvpn/nhrp-auth-mismatch',
  'dmvpn/nhrp-nhs-mismatch',
  'dmvpn/nhrp-map-mismatch',
  'dmvpn/tunnel-protection-mismatch',
  'dmvpn/multicast-map-missing',
  'ipsec/esp-proposal-mismatch',
  'ipsec/psk-mismatch',
  'ospf/network-type-mismatch',
  'ospf/timer-mismatch',
];

describe('two DMVPN clouds on one hub, one tunnel source', () => {
  it('spoke A in cloud 1 and spoke B in cloud 2: no finding at all', () => {
    assert.deepEqual(all(HUB + A + B), []);
  });

  it('spoke A with tunnel key 300: one key mismatch, against Tunnel0 (its NHS and subnet), on both ends', () => {
    const a = mark(once(A, 'tunnel key 100', 'tunnel key 300'), 'tunnel key 300', '300', 'error dmvpn/tunnel-key-mismatch');
    const hub = mark(HUB, 'tunnel key 100', '100', 'error dmvpn/tunnel-key-mismatch');
    checkDiagnostics(hub + a + B, { codes: CODES });
    assert.equal(all(hub + a + B).length, 2);
  });

  it('spoke B with the NHRP authentication of cloud 1: one mismatch, against Tunnel1', () => {
    const b = mark(once(B, 'ip nhrp authentication CLOUD2', 'ip nhrp authentication CLOUD1'), 'ip nhrp authentication CLOUD1', 'ip nhrp authentication CLOUD1', 'error dmvpn/nhrp-auth-mismatch');
    const hub = mark(HUB, 'ip nhrp authentication CLOUD2', 'ip nhrp authentication CLOUD2', 'error dmvpn/nhrp-auth-mismatch');
    checkDiagnostics(hub + A + b, { codes: CODES });
  });

  it('spoke B with the transform set of cloud 1: one ESP mismatch, against profile CLOUD2 of Tunnel1', () => {
    const b = once(B, 'crypto ipsec transform-set TS esp-aes esp-sha-hmac', 'crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac');
    // The anchor is the whole transform set (two lines), which a caret line cannot express: compare by text.
    assert.deepEqual(
      all(HUB + A + b),
      [
        'hub.ios error ipsec/esp-proposal-mismatch "crypto ipsec transform-set TS2 esp-aes esp-sha-hmac\\n mode transport"',
        'spokeB.ios error ipsec/esp-proposal-mismatch "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\\n mode transport"',
      ],
    );
  });

  it('spoke A whose NHS is not the hub: one NHS mismatch, against Tunnel0 (its key)', () => {
    const a = mark(once(A, 'ip nhrp nhs 10.0.0.1', 'ip nhrp nhs 10.0.0.9'), 'ip nhrp nhs 10.0.0.9', '10.0.0.9', 'error dmvpn/nhrp-nhs-mismatch');
    const hub = mark(HUB, 'ip address 10.0.0.1 255.255.255.0', '10.0.0.1 255.255.255.0', 'error dmvpn/nhrp-nhs-mismatch');
    checkDiagnostics(hub + a + B, { codes: CODES });
  });

  it('spoke B without tunnel protection: one protection mismatch, against Tunnel1', () => {
    const b = mark(once(B, ' tunnel protection ipsec profile DMVPN\n', ''), 'interface Tunnel0', 'Tunnel0', 'error dmvpn/tunnel-protection-mismatch');
    const hub = mark(HUB, 'tunnel protection ipsec profile CLOUD2 shared', 'CLOUD2', 'error dmvpn/tunnel-protection-mismatch');
    checkDiagnostics(hub + A + b, { codes: CODES });
  });

  it('a point-to-point GRE spoke of cloud 2 (tunnel destination = the shared hub source): clean, then one key mismatch against Tunnel1', () => {
    const p2p = once(once(B, ' ip nhrp map multicast 203.0.113.1\n', ''), ' tunnel mode gre multipoint\n', ' tunnel destination 203.0.113.1\n');
    assert.deepEqual(all(HUB + A + p2p), []);
    const b = mark(once(p2p, 'tunnel key 200', 'tunnel key 300'), 'tunnel key 300', '300', 'error dmvpn/tunnel-key-mismatch');
    const hub = mark(HUB, 'tunnel key 200', '200', 'error dmvpn/tunnel-key-mismatch');
    checkDiagnostics(hub + A + b, { codes: CODES });
  });

  it('no tunnel keys anywhere: the spoke meets the hub tunnel of its subnet only', () => {
    const noKey = (t: string) => t.replace(/ tunnel key \d+\n/g, '');
    assert.deepEqual(all(noKey(HUB) + noKey(A) + noKey(B)), []);
    // … and a broken spoke is reported against that tunnel once.
    const b = mark(once(noKey(B), 'ip nhrp authentication CLOUD2', 'ip nhrp authentication CLOUD1'), 'ip nhrp authentication CLOUD1', 'ip nhrp authentication CLOUD1', 'error dmvpn/nhrp-auth-mismatch');
    const hub = mark(noKey(HUB), 'ip nhrp authentication CLOUD2', 'ip nhrp authentication CLOUD2', 'error dmvpn/nhrp-auth-mismatch');
    checkDiagnostics(hub + noKey(A) + b, { codes: CODES });
  });
});

/**
 * A multi-VRF hub: Tunnel0 (vrf RED, key 100) and Tunnel1 (vrf BLUE, key 200) reuse one overlay subnet
 * 10.0.0.0/24 and one source; only the key tells a spoke's cloud. OSPF differs per VRF (broadcast vs
 * point-to-multipoint), so pairing a spoke with the other VRF's tunnel would report an OSPF mismatch.
 */
const VRF_HUB = `//- hub.ios
hostname HUB
!
vrf definition RED
 address-family ipv4
 exit-address-family
vrf definition BLUE
 address-family ipv4
 exit-address-family
!
interface GigabitEthernet0/0
 ip address 203.0.113.1 255.255.255.0
!
interface Tunnel0
 vrf forwarding RED
 ip address 10.0.0.1 255.255.255.0
 ip nhrp map multicast dynamic
 ip nhrp network-id 1
 ip ospf network broadcast
 ip ospf priority 10
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 100
!
interface Tunnel1
 vrf forwarding BLUE
 ip address 10.0.0.1 255.255.255.0
 ip nhrp map multicast dynamic
 ip nhrp network-id 2
 ip ospf network point-to-multipoint
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 200
!
router ospf 1 vrf RED
 network 10.0.0.0 0.0.0.255 area 0
router ospf 2 vrf BLUE
 network 10.0.0.0 0.0.0.255 area 0
`;

const vrfSpoke = (name: string, n: number, key: number, type: string) => `//- ${name}.ios
hostname ${name.toUpperCase()}
!
interface GigabitEthernet0/0
 ip address 198.51.100.${n} 255.255.255.0
!
interface Tunnel0
 ip address 10.0.0.${n} 255.255.255.0
 ip nhrp map 10.0.0.1 203.0.113.1
 ip nhrp map multicast 203.0.113.1
 ip nhrp network-id 1
 ip nhrp nhs 10.0.0.1
 ip ospf network ${type}
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key ${key}
!
router ospf 1
 network 10.0.0.0 0.0.0.255 area 0
`;

describe('multi-VRF hub: two clouds on one subnet and one source, told apart by the key', () => {
  const red = vrfSpoke('red', 2, 100, 'broadcast\n ip ospf priority 0');
  const blue = vrfSpoke('blue', 3, 200, 'point-to-multipoint');

  it('a RED spoke and a BLUE spoke: no finding at all (no OSPF or DMVPN comparison across VRFs)', () => {
    assert.deepEqual(all(VRF_HUB + red + blue), []);
  });

  it('the BLUE spoke with broadcast OSPF: mismatches with Tunnel1 only, not with Tunnel0 (RED, broadcast)', () => {
    // Broadcast (10/40) vs point-to-multipoint (30/120): the network type and the timers, each once.
    let b = once(blue, 'ip ospf network point-to-multipoint', 'ip ospf network broadcast');
    let hub = VRF_HUB;
    for (const code of ['ospf/network-type-mismatch', 'ospf/timer-mismatch']) {
      b = mark(b, 'ip ospf network broadcast', 'ip ospf network broadcast', `error ${code}`);
      hub = mark(hub, 'ip ospf network point-to-multipoint', 'ip ospf network point-to-multipoint', `error ${code}`);
    }
    checkDiagnostics(hub + red + b, { codes: CODES });
  });
});

describe('a shut tunnel takes part in no check', () => {
  it('spoke A with a mismatching key, shut: no finding on any file', () => {
    const a = once(once(A, 'tunnel key 100', 'tunnel key 300'), 'interface Tunnel0\n', 'interface Tunnel0\n shutdown\n');
    assert.deepEqual(all(HUB + a + B), []);
  });

  it('spoke A with a mismatching key over a shut source interface: no finding', () => {
    const a = once(once(A, 'tunnel key 100', 'tunnel key 300'), ' ip address 198.51.100.2 255.255.255.0\n', ' ip address 198.51.100.2 255.255.255.0\n shutdown\n');
    assert.deepEqual(all(HUB + a + B), []);
  });

  it('hub Tunnel0 shut: spoke A (key 100) is not compared with Tunnel1 (key 200) instead', () => {
    const hub = once(HUB, 'interface Tunnel0\n', 'interface Tunnel0\n shutdown\n');
    assert.deepEqual(all(hub + A + B), []);
  });

  it('`no shutdown` is not shut: the key mismatch is reported', () => {
    const a = once(once(A, 'tunnel key 100', 'tunnel key 300'), 'interface Tunnel0\n', 'interface Tunnel0\n no shutdown\n');
    assert.deepEqual(all(HUB + a + B), ['hub.ios error dmvpn/tunnel-key-mismatch "100"', 'spokeA.ios error dmvpn/tunnel-key-mismatch "300"']);
  });

  it('a shut OSPF interface: a hello mismatch on a shared Ethernet is not reported', () => {
    const r = (n: number, hello: string, extra = '') => `//- r${n}.ios
hostname R${n}
!
interface GigabitEthernet0/1
 ip address 192.168.12.${n} 255.255.255.0
${hello}${extra}!
router ospf 1
 network 192.168.12.0 0.0.0.255 area 0
`;
    const broken = r(1, ' ip ospf hello-interval 5\n') + r(2, '');
    assert.deepEqual(all(broken), ['r1.ios error ospf/timer-mismatch "ip ospf hello-interval 5"', 'r2.ios error ospf/timer-mismatch "network 192.168.12.0 0.0.0.255 area 0"']);
    assert.deepEqual(all(r(1, ' ip ospf hello-interval 5\n') + r(2, '', ' shutdown\n')), []);
  });
});
