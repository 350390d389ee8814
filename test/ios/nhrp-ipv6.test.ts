// IOS NHRP shorthand and IPv6 where IPv4 already worked: model values of `ip nhrp nhs … nbma … [multicast]`
// (static and dynamic), IPv6 tunnel endpoints and interface addresses, IPv6 prefix lists and access lists as
// definitions for ref/*, and IPv6 IKE/IPsec pairs (a VTI over IPv6, `crypto map ipv6` with IPv6 crypto ACLs).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { iosDialect } from '../../server/src/dialects/ios';
import { checkDiagnostics, loadFixture } from '../helpers/fixture';

function lower(text: string) {
  const p = iosDialect.parse(text, { reportUnknownCommands: true } as never);
  return iosDialect.lower(p, 'file:///r.cfg', {});
}
const at = (text: string, r: { start: number; end: number } | undefined) => (r ? text.slice(r.start, r.end) : undefined);
/** Diagnostics as `severity code "text"`. */
const diags = (text: string, ds: { severity: string; code: string; range: { start: number; end: number } }[]) => ds.map((d) => `${d.severity} ${d.code} ${JSON.stringify(at(text, d.range))}`);

describe('NHRP shorthand', () => {
  const SPOKE = `hostname SPOKE
interface Tunnel0
 ip address 10.0.0.11 255.255.255.0
 ip nhrp network-id 100
 ip nhrp nhs 10.0.0.1 nbma 198.51.100.1 multicast
 ip nhrp nhs 10.0.0.2 nbma 198.51.100.2 priority 1
 ip nhrp nhs dynamic nbma 198.51.100.3 multicast
 ip nhrp registration timeout 30
 ip nhrp registration no-unique
 ip nhrp holdtime 300
 ip nhrp shortcut
 ip nhrp redirect
 ipv6 address 2001:db8:100::11/64
 ipv6 nhrp network-id 100
 ipv6 nhrp nhs 2001:db8:100::1 nbma 198.51.100.1 multicast
 ipv6 nhrp map multicast dynamic
 ipv6 nhrp holdtime 300
 ipv6 nhrp shortcut
 ipv6 nhrp redirect
 tunnel source 203.0.113.11
 tunnel mode gre multipoint
`;

  test('each form is an NHS, a static map and (with multicast) a multicast map; network-id modelled', () => {
    const { device, diagnostics } = lower(SPOKE);
    assert.deepEqual(diags(SPOKE, diagnostics), []);
    const n = device.interfaces[0].tunnel!.nhrp!;
    assert.deepEqual(n.networkId?.value, '100');
    assert.equal(at(SPOKE, n.networkId?.range), '100');
    assert.deepEqual(n.nhs.map((x) => [x.value, at(SPOKE, x.range)]), [['10.0.0.1', '10.0.0.1'], ['10.0.0.2', '10.0.0.2'], ['dynamic', 'dynamic']]);
    assert.deepEqual(n.maps.map((m) => [m.tunnelAddress, m.nbma, at(SPOKE, m.range)]), [
      ['10.0.0.1', '198.51.100.1', 'ip nhrp nhs 10.0.0.1 nbma 198.51.100.1 multicast'],
      ['10.0.0.2', '198.51.100.2', 'ip nhrp nhs 10.0.0.2 nbma 198.51.100.2 priority 1'],
      ['dynamic', '198.51.100.3', 'ip nhrp nhs dynamic nbma 198.51.100.3 multicast'],
    ]);
    assert.deepEqual(n.multicastMaps.map((m) => m.nbma), ['198.51.100.1', '198.51.100.3']);
    assert.equal(n.holdtime?.value, 300);
    // The IPv6 NHRP lines are known commands and do not leak into the IPv4 model.
    assert.equal(n.nhs.length, 3);
    // A learned NHS has nothing to rewrite; a static one rewrites its own token.
    assert.equal(n.nhs[2].set, undefined);
    assert.deepEqual(n.nhs[0].set!('10.0.0.9')!.map((e) => at(SPOKE, e.range)), ['10.0.0.1']);
  });

  test('the shorthand map setter rewrites both addresses in place, keeping the command', () => {
    const { device } = lower(SPOKE);
    const m = device.interfaces[0].tunnel!.nhrp!.maps[0];
    const edits = m.set!({ tunnelAddress: '10.0.0.5', nbma: '198.51.100.5' })!;
    assert.deepEqual(edits.map((e) => [at(SPOKE, e.range), e.newText]), [['10.0.0.1', '10.0.0.5'], ['198.51.100.1', '198.51.100.5']]);
    assert.equal(device.interfaces[0].tunnel!.nhrp!.maps[2].set, undefined);
  });

  test('malformed shorthand: exact errors, no model entry', () => {
    const text = `interface Tunnel0
 ip nhrp nhs 10.0.0.1 nbma 198.51.100.300
 ip nhrp nhs dynamic
 ip nhrp nhs 10.0.0.1 nbma
`;
    const { device, diagnostics } = lower(text);
    assert.deepEqual(diags(text, diagnostics), [
      `error syntax/invalid-address "198.51.100.300"`,
      'error syntax/missing-argument "dynamic"',
      'error syntax/missing-argument "nbma"',
    ]);
    assert.deepEqual(device.interfaces[0].tunnel!.nhrp!.maps, []);
  });

  test('an FQDN NBMA address (IOS-XE 16) is no error and no map', () => {
    const text = 'interface Tunnel0\n ip nhrp nhs 10.0.0.1 nbma hub.example.net multicast\n';
    const { device, diagnostics } = lower(text);
    assert.deepEqual(diagnostics, []);
    assert.deepEqual(device.interfaces[0].tunnel!.nhrp!.nhs.map((x) => x.value), ['10.0.0.1']);
    assert.deepEqual(device.interfaces[0].tunnel!.nhrp!.maps, []);
  });
});

describe('IPv6 tunnels and addresses', () => {
  test('tunnel source/destination IPv6 literals, source interface resolved to its IPv6 address on IPv6 transport', () => {
    const text = `interface GigabitEthernet0/0
 ip address 192.0.2.1 255.255.255.0
 ipv6 address FE80::1 link-local
 ipv6 address 2001:DB8:F::1/64
 ipv6 address 2001:db8:e::/64 eui-64
 ipv6 address 2001:db8:a::1/64 anycast
interface Tunnel1
 tunnel source GigabitEthernet0/0
 tunnel destination 2001:db8:f::2
 tunnel mode gre ipv6
interface Tunnel2
 tunnel source 2001:DB8:F::1
 tunnel destination 2001:db8:f:0::3
 tunnel mode ipsec ipv6
interface Tunnel3
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint ipv6
interface Tunnel4
 tunnel source GigabitEthernet0/0
 tunnel destination 192.0.2.9
`;
    const { device, diagnostics } = lower(text);
    assert.deepEqual(diags(text, diagnostics), []);
    const [gi, t1, t2, t3, t4] = device.interfaces;
    assert.deepEqual(gi.addresses.map((a) => [a.address, a.prefixLength, at(text, a.range)]), [
      ['192.0.2.1', 24, '192.0.2.1 255.255.255.0'],
      ['2001:db8:f::1', 64, '2001:DB8:F::1/64'],
    ]);
    assert.deepEqual([t1.tunnel!.mode.value, t1.tunnel!.source?.value, t1.tunnel!.destination?.value], ['gre', '2001:db8:f::1', '2001:db8:f::2']);
    assert.deepEqual([t2.tunnel!.mode.value, t2.tunnel!.source?.value, at(text, t2.tunnel!.source?.range), t2.tunnel!.destination?.value], ['ipsec', '2001:db8:f::1', '2001:DB8:F::1', '2001:db8:f::3']);
    assert.equal(t2.tunnel!.sourceInterface, undefined);
    assert.deepEqual([t3.tunnel!.mode.value, t3.tunnel!.source?.value], ['mgre', '2001:db8:f::1']);
    assert.deepEqual([t4.tunnel!.mode.value, t4.tunnel!.source?.value], ['gre', '192.0.2.1']);
    // No interface named like an address is referenced (that would be a false ref/undefined).
    assert.deepEqual(device.references.filter((r) => r.kind === 'interface').map((r) => r.name), ['GigabitEthernet0/0', 'GigabitEthernet0/0', 'GigabitEthernet0/0']);
  });

  test('malformed IPv6 endpoint and address: exact errors', () => {
    const text = 'interface Tunnel0\n tunnel destination 2001:db8::g\n ipv6 address 2001:db8::1/129\n';
    const { diagnostics } = lower(text);
    assert.deepEqual(diags(text, diagnostics), ['error syntax/invalid-address "2001:db8::g"', 'error syntax/invalid-address "2001:db8::1/129"']);
  });
});

describe('IPv6 prefix lists and access lists for ref/*', () => {
  const CFG = (extra = '', caret = '') => `//- r1.ios
hostname R1
interface GigabitEthernet0/0
 ipv6 address 2001:db8:f::1/64
 ipv6 traffic-filter EDGE-IN in
ipv6 access-list EDGE-IN
 sequence 10 permit tcp any host 2001:db8:f::1 eq 22
 permit icmp any any
 deny ipv6 any any log
ipv6 access-list RM-ACL
 permit ipv6 2001:db8:1::/48 any
ipv6 prefix-list PL6 seq 5 permit 2001:db8::/32 le 64
ipv6 prefix-list PL6-OSPF seq 5 permit 2001:db8:2::/48
ipv6 prefix-list PL6-AF seq 5 deny ::/0
route-map RM6 permit 10
 match ipv6 address prefix-list PL6
route-map RM6 permit 20
 match ipv6 address RM-ACL
${extra}${caret}ipv6 router ospf 1
 distribute-list prefix-list PL6-OSPF in
router bgp 65001
 address-family ipv6 unicast
  distribute-list prefix-list PL6-AF out
  redistribute connected route-map RM6
`;

  test('definitions and uses: no ref/undefined, no ref/unused', () => {
    const { service, files } = loadFixture(CFG());
    assert.deepEqual(service.getFindings(files[0].uri).map((d) => `${d.code} ${d.message}`), []);
  });

  test('a truly undefined IPv6 ACL / prefix list is still ref/undefined (a warning, like its IPv4 counterpart)', () => {
    checkDiagnostics(
      CFG(
        'interface GigabitEthernet0/1\n ipv6 traffic-filter NOPE-IN out\nroute-map RM7 permit 10\n match ipv6 address prefix-list NOPE6\n',
        '!                               ^^^^^ warning ref/undefined\n',
      ).replace(' ipv6 traffic-filter NOPE-IN out\n', ' ipv6 traffic-filter NOPE-IN out\n!                    ^^^^^^^ warning ref/undefined\n'),
      { codes: ['ref/undefined'] },
    );
  });

  test('IPv6 ACL entries are modelled (crypto selectors), `sequence N` and `any`/`host`/prefix forms', () => {
    const text = `ipv6 access-list SEL6
 sequence 10 permit ipv6 2001:DB8:1::/64 2001:db8:2::/64
 permit ipv6 host 2001:db8:1::5 host 2001:db8:2::5
 permit udp any eq 500 2001:db8:2::/48 range 1000 2000
 deny ipv6 any any
crypto map ipv6 M6 10 ipsec-isakmp
 set peer 2001:DB8:F::2
 match address SEL6
interface GigabitEthernet0/0
 ipv6 address 2001:db8:f::1/64
 ipv6 crypto map M6
`;
    const { device, diagnostics } = lower(text);
    assert.deepEqual(diags(text, diagnostics), []);
    const peer = device.ipsecPeers[0];
    assert.equal(peer.label, 'crypto map M6 10');
    assert.equal(peer.remote?.value, '2001:db8:f::2');
    assert.equal(peer.local?.value, '2001:db8:f::1');
    assert.equal(peer.localInterface, 'GigabitEthernet0/0');
    assert.deepEqual(
      peer.selectors.map((s) => [s.local, s.remote, s.protocol, s.localPort, s.remotePort]),
      [
        ['2001:db8:1::/64', '2001:db8:2::/64', 'ip', undefined, undefined],
        ['2001:db8:1::5/128', '2001:db8:2::5/128', 'ip', undefined, undefined],
        ['::/0', '2001:db8:2::/48', 'udp', '500', '1000-2000'],
      ],
    );
  });
});

describe('IPv6 IKE/IPsec pairs', () => {
  const VTI = (name: string, me: string, peer: string, key: string, caret = '') => `//- ${name}.ios
hostname ${name.toUpperCase()}
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key ${key} address ipv6 ${peer}/128
${caret}crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec profile V6PROF
 set transform-set TS
interface GigabitEthernet0/0
 ipv6 address ${me}/64
interface Tunnel0
 ipv6 address 2001:db8:100::${name === 'r1' ? 1 : 2}/64
 tunnel source GigabitEthernet0/0
 tunnel mode ipsec ipv6
 tunnel destination ${peer}
 tunnel protection ipsec profile V6PROF
`;

  test('an IPv6 IKEv1 VTI pair checks clean', () => {
    const fx = VTI('r1', '2001:db8:f::1', '2001:db8:f::2', 'V6SECRET') + VTI('r2', '2001:db8:f::2', '2001:db8:f::1', 'V6SECRET');
    const { service, files } = loadFixture(fx);
    assert.deepEqual(files.flatMap((f) => service.getFindings(f.uri).map((d) => `${f.name} ${d.severity} ${d.code}`)), []);
  });

  test('a changed PSK is ipsec/psk-mismatch on both ends', () => {
    checkDiagnostics(
      VTI('r1', '2001:db8:f::1', '2001:db8:f::2', 'V6SECRET', '!                 ^^^^^^^^ error ipsec/psk-mismatch\n') +
        VTI('r2', '2001:db8:f::2', '2001:db8:f::1', 'V6SECRXT', '!                 ^^^^^^^^ error ipsec/psk-mismatch\n'),
    );
  });

  const MAP6 = (name: string, me: string, peer: string, sel: string, caret = '') => `//- ${name}.ios
hostname ${name.toUpperCase()}
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key V6SECRET address ipv6 ${peer}/128
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
ipv6 access-list VPN6
${sel}
${caret}crypto map ipv6 M6 10 ipsec-isakmp
 set peer ${peer}
 set transform-set TS
 match address VPN6
interface GigabitEthernet0/0
 ipv6 address ${me}/64
 ipv6 crypto map M6
`;

  test('IPv6 crypto map with mirrored IPv6 selectors checks clean', () => {
    const fx =
      MAP6('r1', '2001:db8:f::1', '2001:db8:f::2', ' permit ipv6 2001:db8:1::/64 2001:db8:2::/64\n permit ipv6 host 2001:db8:1::5 host 2001:db8:2::5') +
      MAP6('r2', '2001:db8:f::2', '2001:db8:f::1', ' permit ipv6 2001:db8:2::/64 2001:db8:1::/64\n permit ipv6 host 2001:db8:2::5 host 2001:db8:1::5');
    const { service, files } = loadFixture(fx);
    assert.deepEqual(files.flatMap((f) => service.getFindings(f.uri).map((d) => `${f.name} ${d.severity} ${d.code}`)), []);
  });

  test('IPv6 selectors not mirrored: ipsec/selector-mismatch', () => {
    const fx =
      MAP6('r1', '2001:db8:f::1', '2001:db8:f::2', ' permit ipv6 2001:db8:1::/64 2001:db8:2::/64') +
      MAP6('r2', '2001:db8:f::2', '2001:db8:f::1', ' permit ipv6 2001:db8:2::/64 2001:db8:9::/64');
    const { service, files } = loadFixture(fx);
    const got = files.flatMap((f) => service.getFindings(f.uri).map((d) => `${f.name} ${d.severity} ${d.code} ${JSON.stringify(f.text.slice(d.range.start, d.range.end))}`));
    assert.deepEqual(got, ['r1.ios error ipsec/selector-mismatch "permit ipv6 2001:db8:1::/64 2001:db8:2::/64"', 'r2.ios error ipsec/selector-mismatch "permit ipv6 2001:db8:2::/64 2001:db8:9::/64"']);
  });
});
