// Workspace policies (netcfg.yaml `policies:`, server/src/rules/policies.ts) through the language service, the
// editor's path: line rules and model rules, each with a failing and a passing device in several dialects,
// exact ranges, broken policies next to working ones, secrets out of reach of expressions, the regex guard, and
// policy findings configured, ignored and baselined like built-in codes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type * as model from '../../server/src/model';
import { findingFingerprint } from '../../server/src/rules/apply';
import { unsafeRegex } from '../../server/src/rules/policies';
import { createLanguageService, type ServiceSettings } from '../../server/src/service';

const Y = 'file:///ws/netcfg.yaml';

interface Hit {
  file: string;
  code: string;
  severity: string;
  /** The text under the finding's range. */
  text: string;
  /** 0-based line of its start. */
  line: number;
  suppressed?: string;
  baselined?: boolean;
}

function check(yaml: string, files: Record<string, string>, settings: Partial<ServiceSettings> = {}, only = /^(corp|team)\/|^config\/|^suppression\//) {
  const s = createLanguageService(settings);
  s.setDocument(Y, yaml, 1);
  for (const [name, text] of Object.entries(files)) s.setDocument(`file:///ws/${name}`, text, 1);
  const hits: Hit[] = [];
  for (const uri of [Y, ...Object.keys(files).map((n) => `file:///ws/${n}`)]) {
    const doc = s.getDocument(uri)!;
    for (const f of s.getFindings(uri)) {
      if (!only.test(f.code)) continue;
      const line = doc.text.slice(0, f.range.start).split('\n').length - 1;
      hits.push({ file: uri.slice('file:///ws/'.length), code: f.code, severity: f.severity, text: doc.text.slice(f.range.start, f.range.end), line, ...(f.suppressed ? { suppressed: f.suppressed.kind } : {}), ...(f.baselined ? { baselined: true } : {}) });
    }
  }
  return { hits, service: s };
}

// ---------------------------------------------------------------------------------------------------------------
// Real configs, each a failing and a passing variant.

const IOS_BAD = `hostname edge1
ip http server
crypto isakmp policy 10
 encryption aes 256
 hash sha256
 authentication pre-share
 group 2
crypto isakmp key edge-key-8812 address 203.0.113.2
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
ip access-list extended VPN
 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255
crypto map CM 10 ipsec-isakmp
 set peer 203.0.113.2
 set transform-set TS
 match address VPN
interface GigabitEthernet0/0
 ip address 198.51.100.1 255.255.255.0
 crypto map CM
interface GigabitEthernet0/1
 description LAN core
 ip address 10.1.0.1 255.255.0.0
interface Loopback0
 ip address 10.255.0.1 255.255.255.255
`;

const IOS_GOOD = `hostname edge2
no ip http server
crypto isakmp policy 10
 encryption aes 256
 hash sha256
 authentication pre-share
 group 14
interface GigabitEthernet0/0
 description WAN to ISP-A circuit 4411
 ip address 198.51.100.5 255.255.255.0
`;

const ASA_BAD = `hostname fw1
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 198.51.100.9 255.255.255.0
http server enable
`;

const ASA_GOOD = `hostname fw2
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 198.51.100.10 255.255.255.0
`;

const ROS_BAD = `/ip service
set telnet disabled=no
set ftp disabled=yes
/ip firewall filter
add action=accept chain=input protocol=icmp comment="ICMP"
add action=drop chain=input in-interface=ether1
/ip ipsec peer
add address=203.0.113.7/32 secret=ros-secret-5521 exchange-mode=main \\
    enc-algorithm=aes-256 hash-algorithm=sha1 dh-group=modp1024
/system identity
set name=ros1
`;

const ROS_GOOD = `/ip service
set telnet disabled=yes
/ip firewall filter
add action=accept chain=input protocol=icmp comment="ICMP"
/ip ipsec peer
add address=203.0.113.8/32 secret=ros-secret-7710 exchange-mode=main \\
    enc-algorithm=aes-256 hash-algorithm=sha256 dh-group=modp2048
/system identity
set name=ros2
`;

const OBSD_BAD = `# gw1
ike esp from 10.1.0.0/16 to 10.2.0.0/16 local 192.0.2.1 peer 198.51.100.20 \\
	main auth hmac-sha1 enc 3des group modp1024 \\
	quick auth hmac-sha1 enc aes-256 group none \\
	psk "obsd-secret-3301"
`;

const OBSD_GOOD = `# gw2
ike esp from 10.3.0.0/16 to 10.4.0.0/16 local 192.0.2.5 peer 198.51.100.21 \\
	main auth hmac-sha2-256 enc aes-256 group modp2048 \\
	quick auth hmac-sha2-256 enc aes-256 group modp2048 \\
	psk "obsd-secret-4402"
`;

const BIRD_BAD = `router id 10.0.0.1;
protocol ospf v2 core {
  area 0 {
    interface "eth0" {
      cost 10;
    };
  };
}
`;

const BIRD_GOOD = `router id 10.0.0.2;
protocol ospf v2 core {
  area 0 {
    interface "eth0" {
      cost 10;
      authentication cryptographic;
      password "bird-secret-1" {
        algorithm hmac sha256;
      };
    };
  };
}
`;

const LINE_POLICIES = `policies:
  - id: corp/no-http-server
    message: No HTTP management server
    severity: error
    dialect: cisco-ios
    forbid: '^ip http (secure-)?server'
  - id: corp/asa-no-http
    message: No ASDM/HTTP server on firewalls
    dialect: cisco-asa
    forbid: '^http server enable'
  - id: corp/wan-description
    message: Every Gigabit interface needs a description
    severity: information
    dialect: cisco-ios
    parent: '^interface (Gigabit|TenGigabit)Ethernet'
    require: '^description '
  - id: corp/ros-no-telnet
    message: Telnet off
    dialect: routeros
    parent: '^/ip service$'
    require: '^set telnet disabled=yes'
  - id: corp/ros-firewall-comment
    message: Firewall rules carry a comment
    severity: hint
    dialect: routeros
    parent: '^/ip firewall filter$'
    forbid: '^add (?!.*comment=)'
  - id: corp/obsd-no-3des
    message: No 3DES
    dialect: openbsd-ipsec
    forbid: '\\benc 3des\\b'
  - id: corp/bird-ospf-auth
    message: OSPF interfaces authenticate
    dialect: bird
    parent: '^protocol ospf'
    require: '^authentication cryptographic'
`;

describe('line rules', () => {
  const { hits } = check(LINE_POLICIES, { 'edge1.ios': IOS_BAD, 'edge2.ios': IOS_GOOD, 'fw1.asa': ASA_BAD, 'fw2.asa': ASA_GOOD, 'ros1.rsc': ROS_BAD, 'ros2.rsc': ROS_GOOD, 'gw1.conf': OBSD_BAD, 'gw2.conf': OBSD_GOOD, 'bird1.conf': BIRD_BAD, 'bird2.conf': BIRD_GOOD });
  const of = (file: string) => hits.filter((h) => h.file === file).map((h) => `${h.code} ${h.severity} ${h.line} ${h.text}`);

  test('the policies compile: netcfg.yaml has no finding', () => assert.deepEqual(of('netcfg.yaml'), []));

  test('IOS: forbid on a top-level line, require under a parent block (finding on the header)', () => {
    assert.deepEqual(of('edge1.ios'), ['corp/no-http-server error 1 ip http server', 'corp/wan-description information 15 interface GigabitEthernet0/0']);
    assert.deepEqual(of('edge2.ios'), [], '`no ip http server` does not match ^ip http, and the interface has a description');
  });

  test('ASA: a policy of another dialect does not apply (IOS ip http vs ASA http server enable)', () => {
    assert.deepEqual(of('fw1.asa'), ['corp/asa-no-http warning 5 http server enable']);
    assert.deepEqual(of('fw2.asa'), []);
  });

  test('RouterOS: the menu path is the parent; forbid with a lookahead on each add', () => {
    assert.deepEqual(of('ros1.rsc'), ['corp/ros-no-telnet warning 0 /ip service', 'corp/ros-firewall-comment hint 5 add action=drop chain=input in-interface=ether1']);
    assert.deepEqual(of('ros2.rsc'), []);
  });

  test('OpenBSD: forbid on a statement continued over several lines (finding on its first line)', () => {
    assert.deepEqual(of('gw1.conf'), ['corp/obsd-no-3des warning 1 ike esp from 10.1.0.0/16 to 10.2.0.0/16 local 192.0.2.1 peer 198.51.100.20 \\']);
    assert.deepEqual(of('gw2.conf'), []);
  });

  test('BIRD: a brace block and every line inside it', () => {
    assert.deepEqual(of('bird1.conf'), ['corp/bird-ospf-auth warning 1 protocol ospf v2 core {']);
    assert.deepEqual(of('bird2.conf'), []);
  });
});

const SWAN_POLICIES = `policies:
  - id: corp/swan-ikev2
    message: Every conn negotiates IKEv2
    dialect: strongswan
    parent: '^conn (?!%default)'
    require: '^keyexchange=ikev2$'
  - id: corp/swan-no-aggressive
    message: No aggressive mode
    dialect: strongswan
    parent: '^conn '
    forbid: '^aggressive=yes'
  - id: corp/swanctl-v2
    message: Every swanctl connection says version = 2
    dialect: strongswan
    parent: '^gw-'
    require: '^version = 2$'
  - id: corp/swanctl-child-pfs
    message: CHILD_SAs use PFS
    dialect: strongswan
    parent: '^net'
    require: 'esp_proposals = .*(modp|ecp|curve)'
  - id: corp/swan-model-ikev2
    message: IKEv2 only (model)
    dialect: strongswan
    target: ipsecPeers
    require: self.ikeVersion == 2
`;

const STROKE = `# /etc/ipsec.conf
config setup
	charondebug="ike 1"

conn %default
	keyexchange=ikev1

conn site-a
	left=192.0.2.1
	right=198.51.100.7
	keyexchange=ikev2
	authby=secret

conn site-b
	left=192.0.2.1
	right=198.51.100.8
	aggressive=yes
	authby=secret
`;

const SWANCTL = `connections {
  gw-a {
    version = 2
    local_addrs = 192.0.2.1
    remote_addrs = 198.51.100.9
    children {
      net-a { esp_proposals = aes256gcm16-ecp384 }
    }
  }
  gw-b {
    # version = 2 is not set here
    local_addrs = 192.0.2.1
    remote_addrs = 198.51.100.10
    children {
      net-b {
        esp_proposals = "aes256-sha256"
      }
    }
  }
}
`;

describe('line rules on strongSwan: stroke conn sections and swanctl.conf sections', () => {
  const { hits } = check(SWAN_POLICIES, { 'sw/ipsec.conf': STROKE, 'sw/swanctl.conf': SWANCTL });
  const of = (file: string, code?: string) => hits.filter((h) => h.file === file && (!code || h.code === code)).map((h) => `${h.code} ${h.line} ${h.text}`);

  test('the policies compile: `dialect: strongswan` is a dialect for line and model rules', () => assert.deepEqual(of('netcfg.yaml'), []));

  test('stroke: a column-0 `conn` heads its indented parameters; forbid reports each parameter line that matches', () => {
    assert.deepEqual(of('sw/ipsec.conf', 'corp/swan-ikev2'), ['corp/swan-ikev2 13 conn site-b'], '%default is not selected, site-a has keyexchange=ikev2');
    assert.deepEqual(of('sw/ipsec.conf', 'corp/swan-no-aggressive'), ['corp/swan-no-aggressive 16 aggressive=yes']);
  });

  test('swanctl: every section heads a block of the lines inside it, at any depth; a one-line section too', () => {
    assert.deepEqual(of('sw/swanctl.conf', 'corp/swanctl-v2'), ['corp/swanctl-v2 9 gw-b {'], 'the comment does not count');
    assert.deepEqual(of('sw/swanctl.conf', 'corp/swanctl-child-pfs'), ['corp/swanctl-child-pfs 14 net-b {']);
  });

  test('model rules limited to strongswan devices', () => {
    assert.deepEqual(of('sw/ipsec.conf', 'corp/swan-model-ikev2').length, 1, 'site-b negotiates IKEv1 (the %default)');
  });
});

const MODEL_POLICIES = `policies:
  - id: corp/dh-group-14
    message: Phase 1 DH group 14 or stronger
    target: ipsecPeers.phase1
    forbid: self.dh.exists(g, g in ["modp768", "modp1024", "modp1536"])
  - id: corp/ikev2-only
    message: IKEv2 only
    severity: information
    target: ipsecPeers
    where: device.dialect == "cisco-ios"
    require: self.ikeVersion == 2
  - id: corp/wan-described
    message: Addressed physical interfaces are described
    target: interfaces
    where: self.kind == "physical" && self.addresses.size() > 0
    require: has(self.description)
  - id: corp/psk-not-type7
    message: Keys are never stored in clear
    severity: hint
    target: keys
    forbid: self.secret.kind == "plain"
  - id: corp/hostname
    message: Devices are named edge*, ros*, fw*
    target: devices
    where: self.dialect == "cisco-ios"
    require: self.name.matches("^(edge|ros|fw)[0-9]+$")
`;

describe('model rules', () => {
  const { hits } = check(MODEL_POLICIES, { 'edge1.ios': IOS_BAD, 'edge2.ios': IOS_GOOD.replace('edge2', 'core2'), 'ros1.rsc': ROS_BAD, 'ros2.rsc': ROS_GOOD, 'gw1.conf': OBSD_BAD, 'gw2.conf': OBSD_GOOD });
  const of = (file: string, code?: string) => hits.filter((h) => h.file === file && (!code || h.code === code)).map((h) => `${h.code} ${h.line} ${h.text}`);

  test('the policies compile', () => assert.deepEqual(of('netcfg.yaml'), []));

  test('phase 1 DH group in three dialects: the finding sits on the value as written', () => {
    assert.deepEqual(of('edge1.ios', 'corp/dh-group-14'), ['corp/dh-group-14 6 group 2']);
    assert.deepEqual(of('edge2.ios', 'corp/dh-group-14'), []);
    assert.deepEqual(of('ros1.rsc', 'corp/dh-group-14'), ['corp/dh-group-14 8 modp1024'], 'on the continuation line that says dh-group=');
    assert.deepEqual(of('ros2.rsc', 'corp/dh-group-14'), []);
    assert.deepEqual(of('gw1.conf', 'corp/dh-group-14'), ['corp/dh-group-14 2 modp1024']);
    assert.deepEqual(of('gw2.conf', 'corp/dh-group-14'), []);
  });

  test('a default value (IOS crypto map: IKEv1 unless it says otherwise) sits on the item header line', () => {
    assert.deepEqual(of('edge1.ios', 'corp/ikev2-only'), ['corp/ikev2-only 11 crypto map CM 10 ipsec-isakmp']);
    assert.deepEqual(of('ros1.rsc', 'corp/ikev2-only'), [], 'where: limits it to IOS');
  });

  test('where + has(): the undescribed interface only, not the loopback or the described one', () => {
    assert.deepEqual(of('edge1.ios', 'corp/wan-described'), ['corp/wan-described 15 GigabitEthernet0/0']);
    assert.deepEqual(of('edge2.ios', 'corp/wan-described'), []);
  });

  test('secrets are reachable by kind only (plain keys found; messages never carry them)', () => {
    assert.deepEqual(of('edge1.ios', 'corp/psk-not-type7'), ['corp/psk-not-type7 7 edge-key-8812']);
    assert.deepEqual(of('ros1.rsc', 'corp/psk-not-type7'), ['corp/psk-not-type7 7 ros-secret-5521']);
    assert.deepEqual(of('gw2.conf', 'corp/psk-not-type7'), ['corp/psk-not-type7 4 "obsd-secret-4402"']);
    const { hits: type7, service } = check(MODEL_POLICIES, { 'edge3.ios': IOS_GOOD.replace('hostname edge2', 'hostname edge3\ncrypto isakmp key 7 0822455D0A16 address 203.0.113.9') });
    assert.deepEqual(service.getDevice('file:///ws/edge3.ios')!.keys.map((k) => k.secret.kind), ['type7']);
    assert.deepEqual(type7.filter((h) => h.code === 'corp/psk-not-type7'), [], 'a type 7 key is not plain');
  });

  test('devices: the hostname line', () => {
    assert.deepEqual(of('edge2.ios', 'corp/hostname'), ['corp/hostname 0 core2']);
    assert.deepEqual(of('edge1.ios', 'corp/hostname'), []);
  });
});

test('an expression that fails on an item: where does not select it, require reports it, forbid does not', () => {
  const yaml = `policies:
  - id: corp/where-fails
    target: interfaces
    where: self.description.startsWith("WAN")
    require: 'false'
  - id: corp/require-fails
    target: interfaces
    where: self.name == "GigabitEthernet0/0"
    require: self.description.startsWith("WAN")
  - id: corp/forbid-fails
    target: interfaces
    forbid: self.description.startsWith("LAN")
`;
  // Gi0/0 has no description (the expressions fail on it); Gi0/1 says "LAN core".
  const { hits } = check(yaml, { 'edge1.ios': IOS_BAD });
  assert.deepEqual(
    hits.map((h) => `${h.code} ${h.text}`),
    ['corp/require-fails GigabitEthernet0/0', 'corp/forbid-fails GigabitEthernet0/1'],
  );
});

describe('broken policies', () => {
  const yaml = `policies:
  - id: corp/bad-regex
    dialect: cisco-ios
    forbid: '^ip http ('
  - id: corp/redos
    dialect: cisco-ios
    forbid: '^(a+)+$'
  - id: corp/bad-cel
    target: ipsecPeers
    require: self.ikeVersion ==
  - id: corp/bad-field
    target: ipsecPeers
    require: self.ikeVersoin == 2
  - id: corp/secret-text
    target: keys
    forbid: self.secret.plain == "edge-key-8812"
  - id: corp/bad-target
    target: ipsecPeer
    require: 'true'
  - id: corp/no-dialect
    forbid: '^ip http'
  - id: corp/both
    dialect: cisco-ios
    require: '^hostname'
    forbid: '^ip http'
  - id: nonamespace
    dialect: cisco-ios
    forbid: '^x'
  - id: ipsec/weak-crypto
    dialect: cisco-ios
    forbid: '^x'
  - id: corp/works
    message: HTTP server on
    dialect: cisco-ios
    forbid: '^ip http server'
`;
  const { hits } = check(yaml, { 'edge1.ios': IOS_BAD });

  test('each is a config/invalid-policy error on its offending value; the working one still runs', () => {
    const bad = hits
      .filter((h) => h.file === 'netcfg.yaml')
      .sort((a, b) => a.line - b.line)
      .map((h) => `${h.code} ${h.severity} ${h.line} ${h.text}`);
    assert.deepEqual(bad, [
      "config/invalid-policy error 3 '^ip http ('",
      "config/invalid-policy error 6 '^(a+)+$'",
      'config/invalid-policy error 9 self.ikeVersion ==',
      'config/invalid-policy error 12 self.ikeVersoin == 2',
      'config/invalid-policy error 15 self.secret.plain == "edge-key-8812"',
      'config/invalid-policy error 17 ipsecPeer',
      'config/invalid-policy error 19 corp/no-dialect',
      "config/invalid-policy error 24 '^ip http'",
      'config/invalid-policy error 25 nonamespace',
      'config/invalid-policy error 28 ipsec/weak-crypto',
    ]);
    assert.deepEqual(
      hits.filter((h) => h.file === 'edge1.ios').map((h) => h.code),
      ['corp/works'],
    );
  });

  test('the messages say what is wrong without leaking secrets', () => {
    const s = createLanguageService();
    s.setDocument(Y, yaml, 1);
    const msgs = s.getFindings(Y).map((f) => f.message);
    assert.ok(msgs.some((m) => /corp\/bad-field.*unknown field 'ikeVersoin' of IpsecPeer/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /corp\/redos.*exponential/.test(m)));
    assert.ok(msgs.some((m) => /corp\/secret-text.*unknown field 'plain'/.test(m)));
  });
});

describe('the regex guard', () => {
  test('rejects nested quantifiers and backreferences, accepts ordinary patterns', () => {
    for (const p of ['(a+)+', '(a*)*b', '(a|aa)+', '((ab)*)+', '(\\w+\\s?)*$', '(x)\\1', '(?:a+){2,}']) assert.ok(unsafeRegex(p), p);
    for (const p of ['^interface (Gigabit|Ten)', '^ip http (secure-)?server', '^add (?!.*comment=)', '^set telnet .*disabled=yes', '\\benc 3des\\b', '[(+*)]+', 'a{2,4}b+', '^(ab)?c*$']) assert.equal(unsafeRegex(p), undefined, p);
  });

  test('a long hostile line is matched in bounded time', () => {
    const yaml = `policies:\n  - id: corp/long\n    dialect: cisco-ios\n    forbid: '^description (a|b)c'\n`;
    const text = `hostname r1\ninterface Gi0/0\n description ${'a'.repeat(200_000)}!\n`;
    const t0 = Date.now();
    const { hits } = check(yaml, { 'r1.ios': text });
    assert.deepEqual(hits, []);
    assert.ok(Date.now() - t0 < 5000);
  });
});

describe('policy findings are configured, ignored and baselined like built-in codes', () => {
  const base = `policies:
  - id: corp/no-http-server
    message: No HTTP management server
    dialect: cisco-ios
    forbid: '^ip http server'
`;
  const files = { 'edge1.ios': IOS_BAD };
  const one = (hs: Hit[]) => hs.filter((h) => h.code === 'corp/no-http-server').map((h) => `${h.severity}${h.suppressed ? ` ${h.suppressed}` : ''}${h.baselined ? ' baselined' : ''}`);

  test('rules: sets its severity (by id and by family) or turns it off', () => {
    assert.deepEqual(one(check(`${base}rules:\n  corp/no-http-server: error\n`, files).hits), ['error']);
    assert.deepEqual(one(check(`${base}rules:\n  corp/*: hint\n`, files).hits), ['hint']);
    assert.deepEqual(one(check(`${base}rules:\n  corp/no-http-server: off\n`, files).hits), []);
    assert.deepEqual(
      check(`${base}rules:\n  corp/no-http-server: off\n`, files).hits.filter((h) => h.file === 'netcfg.yaml'),
      [],
      'a policy id is a known code in rules:',
    );
    assert.deepEqual(one(check(base, files, { rules: { 'corp/no-http-server': 'information' } }).hits), ['information'], 'the user layer (editor netcfg.rules, CLI --rule)');
  });

  test('ignore: entry and inline netcfg-ignore comment', () => {
    assert.deepEqual(one(check(`${base}ignore:\n  - code: corp/no-http-server\n    device: edge1\n    reason: lab box\n`, files).hits), ['warning external']);
    const inline = IOS_BAD.replace('ip http server', '! netcfg-ignore corp/no-http-server -- until the ASDM migration\nip http server');
    const { hits } = check(base, { 'edge1.ios': inline });
    assert.deepEqual(one(hits), ['warning inSource']);
    assert.deepEqual(hits.filter((h) => h.code.startsWith('suppression/')), [], 'the comment is not unknown nor unused');
    const unknown = check(base, { 'edge1.ios': IOS_BAD.replace('hostname edge1', '! netcfg-ignore corp/no-such-policy\nhostname edge1') }).hits;
    assert.deepEqual(unknown.filter((h) => h.code === 'suppression/unknown-code').map((h) => h.text), ['corp/no-such-policy']);
  });

  test('baseline: a recorded fingerprint marks the finding baselined', () => {
    const { service } = check(base, files);
    const f = service.getFindings('file:///ws/edge1.ios').find((x) => x.code === 'corp/no-http-server') as model.Finding;
    const fp = findingFingerprint(service, f)!;
    assert.match(fp, /^[0-9a-f]{32}$/);
    assert.deepEqual(one(check(base, files, { baseline: new Set([fp]) }).hits), ['warning baselined']);
  });

  test('policies cascade: a netcfg.yaml in a subfolder keeps the policies of the one above', () => {
    const s = createLanguageService();
    s.setDocument(Y, base, 1);
    s.setDocument('file:///ws/site/netcfg.yaml', 'rules:\n  ipsec/weak-crypto: off\n', 1);
    s.setDocument('file:///ws/site/edge1.ios', IOS_BAD, 1);
    assert.deepEqual(
      s.getFindings('file:///ws/site/edge1.ios').filter((f) => f.code === 'corp/no-http-server').length,
      1,
    );
  });
});
