// Snippet tests: every snippet in snippets/<dialect>.json expands (with the defaults an engineer accepts by
// pressing Tab) to the configuration we expect, that configuration checks with no error-level diagnostic in
// the language service, and the two-end sets (DMVPN hub + spokes, IOS crypto map + RouterOS) check clean
// across files, while a changed key on one end does not (so the pairing really happens).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { assertNoErrors } from '../helpers/fixture';
import { expandSnippet } from './expand';

const ROOT = path.resolve(__dirname, '..', '..');
const IDS = ['cisco-ios', 'cisco-asa', 'routeros', 'openbsd-ipsec', 'bird', 'strongswan'] as const;
type Id = (typeof IDS)[number];
const FILE_NAME: Record<Id, string> = { 'cisco-ios': 'router.ios', 'cisco-asa': 'firewall.asa', routeros: 'mikrotik.rsc', 'openbsd-ipsec': 'ipsec.conf', bird: 'bird.conf', strongswan: 'ipsec.secrets' };

interface Snippet {
  prefix: string;
  description: string;
  body: string[];
}

function snippets(id: Id): Record<string, Snippet> {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', `${id}.json`), 'utf8'));
}

function snippet(id: Id, name: string): Snippet {
  const s = snippets(id)[name];
  assert.ok(s, `${id} has snippet ${name}`);
  return s;
}

function expand(id: Id, name: string, overrides: Record<number, string> = {}): string {
  return expandSnippet(snippet(id, name).body, overrides).text;
}

/** Loads expanded files into a fresh language service; returns it with the URIs. */
function check(files: [string, string][]) {
  const service = createLanguageService();
  const uris = files.map(([name, text]) => {
    const uri = `file:///snippets/${name}`;
    service.setDocument(uri, text, 1);
    return uri;
  });
  return { service, uris };
}

function errorCodes(files: [string, string][]): string[] {
  const { service, uris } = check(files);
  return uris.flatMap((u) => service.getFindings(u).filter((d) => d.severity === 'error').map((d) => `${u.split('/').pop()} ${d.code}`)).sort();
}

function assertLines(text: string, lines: string[]): void {
  const have = new Set(text.split('\n'));
  for (const l of lines) assert.ok(have.has(l), `expected line ${JSON.stringify(l)} in:\n${text}`);
}

/** Whether a dialect's parser has landed (the placeholder parses everything to an empty tree). */
function dialectLanded(id: Id, sample: string): boolean {
  const service = createLanguageService();
  const uri = `file:///probe/${FILE_NAME[id]}`;
  service.setDocument(uri, sample, 1);
  const parsed = service.getParse(uri)?.parsed as { tree?: { children?: unknown[] } } | undefined;
  return (parsed?.tree?.children?.length ?? 0) > 0;
}

describe('snippet expansion', () => {
  test('placeholders, defaults, nesting, choices, mirrors, $0, variables and escapes', () => {
    const e = expandSnippet(['a ${1:x} $1 ${2|p\\,q,r|} ${3:<${4:in}>} $4', '\\$5 \\} \\\\ ${TM_FILENAME:file} $UNKNOWN $0end']);
    assert.equal(e.text, 'a x x p,q <in> in\n$5 } \\ file  end');
    assert.equal(e.finalCursor, e.text.indexOf('end'));
    assert.equal(e.values.get(2), 'p,q');
    // A mirror before the definition shows the definition's default too.
    assert.equal(expandSnippet('$1-${1:v}').text, 'v-v');
    // Typing over a placeholder changes every mirror.
    assert.equal(expandSnippet('${1:a} $1 ${2:b}', { 1: 'z' }).text, 'z z b');
    assert.throws(() => expandSnippet('${1:unterminated'));
  });
});

describe('every snippet', () => {
  for (const id of IDS) {
    for (const [name, s] of Object.entries(snippets(id))) {
      test(`${id} / ${name}: well-formed, every tab stop has a default`, () => {
        assert.match(s.prefix, /^[a-z0-9][a-z0-9-]*$/);
        assert.ok(s.description.length >= 60, 'the description says what the snippet does');
        assert.ok(Array.isArray(s.body) && s.body.length > 1);
        const body = s.body.join('\n');
        const e = expandSnippet(s.body);
        assert.doesNotMatch(e.text, /\$\{?[0-9]/, 'no placeholder left after expansion');
        // Every numbered tab stop (other than $0) has a default or choices somewhere, so accepting the
        // defaults gives a complete configuration.
        const used = new Set([...body.matchAll(/\$\{?([0-9]+)/g)].map((m) => Number(m[1])).filter((n) => n > 0));
        for (const n of used) assert.ok((e.values.get(n) ?? '') !== '', `tab stop ${n} has a default`);
        assert.ok(/\$0/.test(body), 'ends at $0');
      });
    }
  }
});

describe('expanded text', () => {
  test('IOS DMVPN hub', () => {
    assertLines(expand('cisco-ios', 'DMVPN hub'), [
      'crypto isakmp key ChangeMe-DMVPN-key address 0.0.0.0 0.0.0.0',
      ' encr aes 256',
      'crypto ipsec transform-set DMVPN_TS esp-aes 256 esp-sha256-hmac',
      'interface Tunnel0',
      ' ip address 10.0.0.1 255.255.255.0',
      ' ip nhrp map multicast dynamic',
      ' ip ospf network non-broadcast',
      ' tunnel source GigabitEthernet0/0',
      ' tunnel mode gre multipoint',
      ' tunnel key 1',
      ' tunnel protection ipsec profile DMVPN_PROFILE',
      ' network 10.0.0.0 0.0.0.255 area 0',
    ]);
  });
  test('IOS DMVPN spoke', () => {
    assertLines(expand('cisco-ios', 'DMVPN spoke'), [
      'crypto isakmp key ChangeMe-DMVPN-key address 0.0.0.0 0.0.0.0',
      ' ip address 10.0.0.2 255.255.255.0',
      ' ip nhrp map 10.0.0.1 10.4.0.1',
      ' ip nhrp nhs 10.0.0.1',
      ' ip ospf priority 0',
      ' tunnel destination 10.4.0.1',
      ' neighbor 10.0.0.1',
      'ip route 0.0.0.0 0.0.0.0 10.4.2.2',
    ]);
  });
  test('IOS DMVPN dual-hub spoke', () => {
    assertLines(expand('cisco-ios', 'DMVPN dual-hub spoke'), [
      'interface Tunnel1',
      ' ip nhrp map 10.1.1.1 10.4.1.1',
      ' tunnel destination 10.4.1.1',
      ' ip ospf cost 100',
      ' tunnel protection ipsec profile DMVPN_PROFILE shared',
      ' network 2.2.2.2 0.0.0.0 area 0',
      ' neighbor 10.0.0.1',
      ' neighbor 10.1.1.1',
    ]);
  });
  test('IOS site-to-site crypto map', () => {
    assertLines(expand('cisco-ios', 'Site-to-site IPsec (crypto map)'), [
      ' encr aes 256',
      'crypto isakmp key ChangeMe-S2S-key address 10.0.0.2 no-xauth',
      'crypto ipsec transform-set TS_SITE_B esp-aes 256 esp-sha-hmac',
      ' permit ip 192.168.0.0 0.0.0.255 192.168.88.0 0.0.0.255',
      'crypto map VPN_MAP 10 ipsec-isakmp',
      ' set peer 10.0.0.2',
      ' match address VPN_SITE_B',
      ' ip address 192.168.23.3 255.255.255.0',
      ' crypto map VPN_MAP',
    ]);
  });
  test('IOS SNMPv3 with ACL', () => {
    assertLines(expand('cisco-ios', 'SNMPv3 with ACL'), [
      'ip access-list standard SNMP_MGMT',
      ' permit host 192.0.2.10',
      'snmp-server group MGMT_GROUP v3 priv read MGMT_VIEW access SNMP_MGMT',
      'snmp-server user netops MGMT_GROUP v3 auth sha ChangeMe-auth-key priv aes 128 ChangeMe-priv-key',
      'snmp-server tftp-server-list SNMP_MGMT',
    ]);
  });
  test('RouterOS site-to-site counterpart', () => {
    assertLines(expand('routeros', 'Site-to-site IPsec to Cisco'), [
      'add address=10.0.0.2/24 interface=ether1 comment="WAN"',
      'add name=to-site-a auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=modp2048 lifetime=1h',
      'add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=to-site-a',
    ]);
    assert.match(expand('routeros', 'Site-to-site IPsec to Cisco'), /^add address=192\.168\.23\.3\/32 .*secret="ChangeMe-S2S-key" .*hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp2048 lifetime=1d /m);
  });
  test('RouterOS L2TP/IPsec server: one secret tab stop, used by the L2TP server and the IPsec peer', () => {
    const s = snippet('routeros', 'L2TP/IPsec server');
    const text = expand('routeros', 'L2TP/IPsec server');
    assertLines(text, [
      'add name=l2tp-pool ranges=172.31.86.1-172.31.86.14',
      'add name=l2tp-profile local-address=l2tp-pool remote-address=l2tp-pool dns-server=192.0.2.53 use-encryption=required change-tcp-mss=yes',
      'set enabled=yes default-profile=l2tp-profile authentication=mschap2 use-ipsec=yes ipsec-secret="ChangeMe-l2tp-psk" max-mtu=1460 max-mru=1460',
      'add name=vpnuser password="ChangeMe-user-password" service=l2tp profile=l2tp-profile',
      // The escaped comma inside the choice stays a comma.
      'add name=l2tp-proposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc,3des pfs-group=none',
      'add src-address=0.0.0.0/0 dst-address=0.0.0.0/0 protocol=all template=yes group=default proposal=l2tp-proposal',
    ]);
    assert.equal(text.split('ChangeMe-l2tp-psk').length - 1, 2);
    // Typing a new secret once changes both places.
    const typed = expandSnippet(s.body, { 5: 'N3w-Secret' }).text;
    assert.equal(typed.split('N3w-Secret').length - 1, 2);
    assert.ok(!typed.includes('ChangeMe-l2tp-psk'));
  });
  test('ASA remote access IKEv1', () => {
    assertLines(expand('cisco-asa', 'Remote access IKEv1'), [
      'ip local pool RA_POOL 192.168.250.10-192.168.250.100 mask 255.255.255.0',
      'access-list RA_SPLIT_TUNNEL standard permit 10.20.0.0 255.255.0.0',
      'crypto ipsec ikev1 transform-set RA_TS esp-aes-256 esp-sha-hmac',
      'crypto map RA_MAP 65535 ipsec-isakmp dynamic RA_DYNMAP',
      'crypto map RA_MAP interface outside',
      ' split-tunnel-network-list value RA_SPLIT_TUNNEL',
      'tunnel-group RA_TUNNELGRP type remote-access',
      ' default-group-policy RA_GP',
      ' ikev1 pre-shared-key ChangeMe-group-key',
    ]);
  });
  test('ASA dead connection detection', () => {
    assertLines(expand('cisco-asa', 'Dead connection detection'), [
      'access-list ssh_ports extended permit tcp any any eq ssh',
      'class-map ssh_traffic',
      ' match access-list ssh_ports',
      'policy-map generic_interface_policy',
      ' class ssh_traffic',
      '  set connection timeout idle 1:00:00 dcd 0:15:00 5',
      'service-policy generic_interface_policy interface outside',
    ]);
  });
  test('OpenBSD ipsec.conf to Meraki MX', () => {
    assertLines(expand('openbsd-ipsec', 'IPsec to Meraki MX'), [
      'ike esp from 192.168.1.0/24 to 192.168.10.0/24 \\',
      '\tpeer 203.0.113.10 \\',
      '\tmain auth hmac-sha1 enc 3des group modp1024 lifetime 28800 \\',
      '\tquick auth hmac-sha1 enc aes-256 group none lifetime 28800 \\',
      '\tpsk "ChangeMe-meraki-psk"',
    ]);
  });
  test('BIRD OSPF with loopback stubnet', () => {
    assertLines(expand('bird', 'OSPF with loopback stubnet'), ['router id 192.0.2.1;', 'protocol ospf v2 core {', '\tipv4 {', '\tarea 0 {', '\t\tinterface "vlan500" {', '\t\tstubnet 192.0.2.1/32;']);
  });
});

/**
 * The configuration a snippet is inserted into, when it refers to things every such device already has:
 * the ASA snippets apply to the `outside`/`inside` interfaces by name (nameif), as the seeds do.
 */
const HOST: Partial<Record<Id, string>> = {
  'cisco-asa': [
    'hostname fw',
    'interface GigabitEthernet0/0',
    ' nameif outside',
    ' security-level 0',
    ' ip address 203.0.113.2 255.255.255.0',
    'interface GigabitEthernet0/1',
    ' nameif inside',
    ' security-level 100',
    ' ip address 10.20.0.1 255.255.0.0',
    '',
  ].join('\n'),
};

describe('snippets check clean in the language service', () => {
  test('the ASA snippets need their host interfaces (a check that can fail)', () => {
    const text = expand('cisco-asa', 'Dead connection detection');
    if (!dialectLanded('cisco-asa', text)) return;
    assert.deepEqual(errorCodes([[FILE_NAME['cisco-asa'], text]]), ['firewall.asa ref/undefined']);
  });
  for (const id of IDS) {
    for (const name of Object.keys(snippets(id))) {
      const text = (HOST[id] ?? '') + expand(id, name);
      // A dialect still on the placeholder parser (empty tree) would pass without being looked at: such a
      // test is skipped rather than vacuous (all five dialects have landed as of this commit).
      const landed = dialectLanded(id, text);
      test(`${id} / ${name}: no error-level diagnostic`, { skip: !landed && `FIXME: ${id} dialect has not landed (placeholder parser)` }, () => {
        const { service, uris } = check([[FILE_NAME[id], text]]);
        assert.ok(service.getDevice(uris[0]), 'lowered to a device');
        assertNoErrors(service, uris);
      });
    }
  }
});

describe('two-end sets check clean across files', () => {
  const hub = () => expand('cisco-ios', 'DMVPN hub');
  // The second hub of the dual-hub design: what an engineer types over the hub snippet's defaults.
  const hub2 = () => expand('cisco-ios', 'DMVPN hub', { 12: '10.4.1.1', 14: '1', 15: '10.1.1.1', 19: '100', 22: '10.1.1.0' });

  test('DMVPN hub + spoke', () => {
    const files: [string, string][] = [
      ['hub.ios', hub()],
      ['spoke.ios', expand('cisco-ios', 'DMVPN spoke')],
    ];
    const { service, uris } = check(files);
    assertNoErrors(service, uris);
    assert.deepEqual(service.partners(uris[1]), [uris[0]], 'the spoke pairs with the hub');
    // Control: a different key and tunnel key on the spoke are reported on both ends.
    assert.deepEqual(errorCodes([files[0], ['spoke.ios', expand('cisco-ios', 'DMVPN spoke', { 5: 'Other-key', 22: '7' })]]), [
      'hub.ios dmvpn/tunnel-key-mismatch',
      'hub.ios ipsec/psk-mismatch',
      'spoke.ios dmvpn/tunnel-key-mismatch',
      'spoke.ios ipsec/psk-mismatch',
    ]);
  });

  test('DMVPN two hubs + dual-hub spoke', () => {
    const files: [string, string][] = [
      ['hub1.ios', hub()],
      ['hub2.ios', hub2()],
      ['spoke.ios', expand('cisco-ios', 'DMVPN dual-hub spoke')],
    ];
    const { service, uris } = check(files);
    assertNoErrors(service, uris);
    assert.deepEqual(new Set(service.partners(uris[2])), new Set([uris[0], uris[1]]), 'the spoke pairs with both hubs');
    // Control: the backup hub in another OSPF area.
    assert.deepEqual(errorCodes([files[0], ['hub2.ios', expand('cisco-ios', 'DMVPN hub', { 12: '10.4.1.1', 14: '1', 15: '10.1.1.1', 19: '100', 22: '10.1.1.0', 24: '1' })], files[2]]), [
      'hub2.ios ospf/area-mismatch',
      'spoke.ios ospf/area-mismatch',
    ]);
  });

  test('OpenBSD to Meraki + the Meraki described in netcfg.yaml', () => {
    // The Meraki has no config file: netcfg.yaml describes it with the snippet's default addresses and key.
    const yaml = (psk: string) =>
      ['peers:', '  - name: meraki', '    profile: meraki-mx', '    address: 203.0.113.10', `    psk: ${psk}`, '    local-subnets: [192.168.10.0/24]', '    remote-subnets: [192.168.1.0/24]', ''].join('\n');
    const conf = expand('openbsd-ipsec', 'IPsec to Meraki MX');
    const { service, uris } = check([
      ['ipsec.conf', conf],
      ['netcfg.yaml', yaml('ChangeMe-meraki-psk')],
    ]);
    assertNoErrors(service, uris);
    assert.deepEqual(service.partners(uris[0]), [`${uris[1]}#meraki`]);
    // Control: OpenBSD's own defaults in phase 1 (choosing aes-256 there) are refused by the Meraki.
    assert.deepEqual(errorCodes([['ipsec.conf', expand('openbsd-ipsec', 'IPsec to Meraki MX', { 4: 'aes-256' })], ['netcfg.yaml', yaml('ChangeMe-meraki-psk')]]), [
      'ipsec.conf ipsec/ike-proposal-mismatch',
      'netcfg.yaml ipsec/ike-proposal-mismatch',
    ]);
  });

  test('strongSwan to IOS + IOS crypto map + the key in ipsec.secrets', () => {
    const files: [string, string][] = [
      ['r1.ios', expand('cisco-ios', 'Site-to-site IPsec (crypto map)')],
      ['gw.ipsec.conf', expand('strongswan', 'strongSwan site-to-site to Cisco IOS')],
      ['ipsec.secrets', expand('strongswan', 'strongSwan pre-shared key (ipsec.secrets)')],
    ];
    const { service, uris } = check(files);
    assert.equal(service.getDocument(uris[1])?.dialect, 'strongswan');
    assertNoErrors(service, uris);
    assert.deepEqual(service.partners(uris[0]), [uris[1]], 'the two ends pair by address');
    // Control: another key in ipsec.secrets is an error on the IOS key and on the ipsec.secrets entry.
    assert.deepEqual(errorCodes([files[0], files[1], ['ipsec.secrets', expand('strongswan', 'strongSwan pre-shared key (ipsec.secrets)', { 3: 'MY_KEY' })]]), ['ipsec.secrets ipsec/psk-mismatch', 'r1.ios ipsec/psk-mismatch']);
  });

  test('strongSwan to RouterOS + RouterOS counterpart', () => {
    const files: [string, string][] = [
      ['mikrotik.rsc', expand('routeros', 'Site-to-site IPsec to Cisco')],
      ['gw.ipsec.conf', expand('strongswan', 'strongSwan site-to-site to RouterOS')],
      ['ipsec.secrets', expand('strongswan', 'strongSwan pre-shared key (ipsec.secrets)', { 1: '192.168.23.3', 2: '10.0.0.2' })],
    ];
    const { service, uris } = check(files);
    assertNoErrors(service, uris);
    assert.deepEqual(service.partners(uris[0]), [uris[1]]);
    // Control: a strict phase 1 proposal RouterOS does not offer fails on both ends.
    const aes128: [string, string] = ['gw.ipsec.conf', files[1][1].replace('ike=aes256-sha1-modp2048!', 'ike=aes128-sha1-modp2048!')];
    assert.deepEqual(errorCodes([files[0], aes128, files[2]]), ['gw.ipsec.conf ipsec/ike-proposal-mismatch', 'mikrotik.rsc ipsec/ike-proposal-mismatch']);
  });

  test('IOS crypto map + RouterOS counterpart', () => {
    const files: [string, string][] = [
      ['r1.ios', expand('cisco-ios', 'Site-to-site IPsec (crypto map)')],
      ['mikrotik.rsc', expand('routeros', 'Site-to-site IPsec to Cisco')],
    ];
    const { service, uris } = check(files);
    assertNoErrors(service, uris);
    assert.deepEqual(service.partners(uris[0]), [uris[1]], 'the two ends pair by address');
    // Control: the seed 001 mistake (MY_KEY vs the Cisco's key) is an error on both ends.
    assert.deepEqual(errorCodes([files[0], ['mikrotik.rsc', expand('routeros', 'Site-to-site IPsec to Cisco', { 9: 'MY_KEY' })]]), ['mikrotik.rsc ipsec/psk-mismatch', 'r1.ios ipsec/psk-mismatch']);
  });
});
