// strongSwan on one end of the cross-file IPsec checks: against an IOS crypto map (IKEv1) and RouterOS v7 (IKEv2),
// each with a failing and a clean variant (exact codes and ranges on every file, ipsec.secrets included) and
// quick-fix round trips on the strongSwan side (proposal strings, subnets, PFS, lifetimes, the secret in ipsec.secrets).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNoErrors, loadFixture } from '../helpers/fixture';
import { asaL2l, roundTrip } from '../ipsec/fixture-util';

/** `file:line:col severity code "text"` for every finding of the given severities, sorted. */
function listing(fixture: string, severities = ['error', 'warning']): string[] {
  const { service, files } = loadFixture(fixture);
  return files
    .flatMap((f) =>
      service
        .getFindings(f.uri)
        .filter((d) => severities.includes(d.severity))
        .map((d) => {
          const before = f.text.slice(0, d.range.start);
          return `${f.name}:${before.split('\n').length}:${d.range.start - before.lastIndexOf('\n')} ${d.severity} ${d.code} ${JSON.stringify(f.text.slice(d.range.start, d.range.end).split('\n')[0])}`;
        }),
    )
    .sort();
}

const IOS = (o: { key?: string; pfs?: string } = {}) => `//- r1.ios
hostname R1
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key ${o.key ?? 'Sw4nK3y'} address 203.0.113.2
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
access-list 101 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255
crypto map CM 10 ipsec-isakmp
 set peer 203.0.113.2
 set transform-set TS
${o.pfs ?? ' set pfs group14'}
 match address 101
interface GigabitEthernet0/0
 ip address 198.51.100.1 255.255.255.0
 crypto map CM
`;

const SW = (o: { ike?: string; esp?: string; rightsubnet?: string; secret?: string; lifetime?: string } = {}) => `//- gw.ipsec.conf
config setup
	charondebug="ike 1"

conn %default
	keyexchange=ikev1
	authby=secret

conn to-r1
	left=203.0.113.2
	leftsubnet=10.2.0.0/16
	right=198.51.100.1
	rightsubnet=${o.rightsubnet ?? '10.1.0.0/16'}
	ike=${o.ike ?? 'aes256-sha256-modp2048!'}
	esp=${o.esp ?? 'aes256-sha256-modp2048!'}
${o.lifetime ?? ''}	auto=start
//- ipsec.secrets
# the key of the tunnel to R1
203.0.113.2 198.51.100.1 : PSK "${o.secret ?? 'Sw4nK3y'}"
`;

describe('strongSwan ↔ IOS crypto map (IKEv1)', () => {
  it('clean variant: no error or warning on any file', () => {
    const { service, files } = loadFixture(IOS() + SW());
    assert.deepEqual(files.map((f) => service.getDocument(f.uri)?.dialect), ['cisco-ios', 'strongswan', 'strongswan']);
    assert.deepEqual(listing(IOS() + SW()), []);
    assertNoErrors(service, files.map((f) => f.uri));
  });

  it('strict proposals, another subnet and another key: every mismatch on both ends, the key on ipsec.secrets', () => {
    const bad = IOS() + SW({ ike: 'aes128-sha1-modp3072!', esp: 'aes128-sha1!', rightsubnet: '10.9.0.0/16', secret: 'Other' });
    assert.deepEqual(listing(bad), [
      'gw.ipsec.conf:10:13 error ipsec/selector-mismatch "10.2.0.0/16"',
      'gw.ipsec.conf:13:6 error ipsec/ike-proposal-mismatch "aes128-sha1-modp3072"',
      'gw.ipsec.conf:14:6 error ipsec/esp-proposal-mismatch "aes128-sha1"',
      'gw.ipsec.conf:14:6 warning ipsec/pfs-mismatch "aes128-sha1!"',
      'ipsec.secrets:2:32 error ipsec/psk-mismatch "\\"Other\\""',
      'r1.ios:10:1 error ipsec/selector-mismatch "access-list 101 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255"',
      'r1.ios:14:2 warning ipsec/pfs-mismatch "set pfs group14"',
      'r1.ios:2:1 error ipsec/ike-proposal-mismatch "crypto isakmp policy 10"',
      'r1.ios:7:19 error ipsec/psk-mismatch "Sw4nK3y"',
      'r1.ios:8:1 error ipsec/esp-proposal-mismatch "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac"',
    ].sort());
  });

  it('without `!` strongSwan appends its default proposals, which include what IOS offers: no proposal error', () => {
    assert.deepEqual(listing(IOS() + SW({ ike: 'aes128-sha1-modp3072', esp: 'aes128-sha1-modp2048' }), ['error']), []);
  });

  it('quick fixes on the strongSwan side: proposal strings, subnet, PFS, the key in ipsec.secrets', () => {
    let texts = roundTrip(IOS() + SW({ ike: 'aes128-sha1-modp3072!' }), 'gw.ipsec.conf', 'ipsec/ike-proposal-mismatch', 'Make this side match R1');
    assert.match(texts.get('file:///fixture/gw.ipsec.conf')!, /\tike=aes256-sha256-modp2048!\n/);
    texts = roundTrip(IOS() + SW({ esp: 'aes128-sha1-modp2048!' }), 'gw.ipsec.conf', 'ipsec/esp-proposal-mismatch', 'Make this side match R1');
    assert.match(texts.get('file:///fixture/gw.ipsec.conf')!, /\tesp=aes256-sha256-modp2048!\n/);
    texts = roundTrip(IOS() + SW({ rightsubnet: '10.9.0.0/16' }), 'gw.ipsec.conf', 'ipsec/selector-mismatch', 'Make this side match R1');
    assert.match(texts.get('file:///fixture/gw.ipsec.conf')!, /\trightsubnet=10\.1\.0\.0\/16\n/);
    texts = roundTrip(IOS() + SW({ secret: 'Other' }), 'ipsec.secrets', 'ipsec/psk-mismatch', "Use R1's pre-shared key");
    assert.match(texts.get('file:///fixture/ipsec.secrets')!, /: PSK "Sw4nK3y"\n/);
    texts = roundTrip(IOS() + SW({ secret: 'Other' }), 'r1.ios', 'ipsec/psk-mismatch', "Make gw.ipsec.conf use this side's pre-shared key");
    assert.match(texts.get('file:///fixture/ipsec.secrets')!, /: PSK "Sw4nK3y"\n/);
  });

  it('PFS groups that differ are an error on both ends, fixed in esp=', () => {
    const bad = IOS() + SW({ esp: 'aes256-sha256-modp3072!' });
    assert.deepEqual(listing(bad, ['error']), ['gw.ipsec.conf:14:20 error ipsec/pfs-mismatch "modp3072"', 'r1.ios:14:2 error ipsec/pfs-mismatch "set pfs group14"']);
    const texts = roundTrip(bad, 'gw.ipsec.conf', 'ipsec/pfs-mismatch', 'Make this side match R1');
    assert.match(texts.get('file:///fixture/gw.ipsec.conf')!, /\tesp=aes256-sha256-modp2048!\n/);
  });

  it('a missing key: psk-missing on the conn, with a fix that adds the entry to ipsec.secrets', () => {
    const fx = IOS() + SW().replace('203.0.113.2 198.51.100.1 : PSK', '192.0.2.99 : PSK');
    assert.deepEqual(listing(fx, ['error']), ['gw.ipsec.conf:11:2 error ipsec/psk-missing "right=198.51.100.1"', 'r1.ios:7:19 error ipsec/psk-missing "Sw4nK3y"']);
    const texts = roundTrip(fx, 'gw.ipsec.conf', 'ipsec/psk-missing', "Use R1's pre-shared key");
    assert.match(texts.get('file:///fixture/ipsec.secrets')!, /\n203\.0\.113\.2 198\.51\.100\.1 : PSK "Sw4nK3y"\n$/);
  });

  it('messages never show a key', () => {
    const { service, files } = loadFixture(IOS() + SW({ secret: 'Other' }));
    for (const f of files)
      for (const d of service.getFindings(f.uri)) {
        const text = [d.message, ...d.related.map((r) => r.message), ...d.fixes.map((x) => x.title)].join(' ');
        assert.ok(!/Sw4nK3y|Other/.test(text), text);
      }
  });
});

const ROS = `//- mt.rsc
# 2026-11-20 by RouterOS 7.16
/ip address add address=198.51.100.3/24 interface=ether1
/ip ipsec profile add name=P dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256
/ip ipsec peer add name=SW address=203.0.113.2/32 profile=P exchange-mode=ike2
/ip ipsec identity add peer=SW auth-method=pre-shared-key secret=R0sK3y
/ip ipsec proposal add name=PR auth-algorithms=sha256 enc-algorithms=aes-256-cbc pfs-group=none
/ip ipsec policy add src-address=10.3.0.0/16 dst-address=10.2.0.0/16 tunnel=yes peer=SW proposal=PR
`;

const SW_ROS = (o: { ike?: string; esp?: string; rightsubnet?: string } = {}) => `//- gw.ipsec.conf
conn to-mt
	left=203.0.113.2
	leftsubnet=10.2.0.0/16
	right=198.51.100.3
	rightsubnet=${o.rightsubnet ?? '10.3.0.0/16'}
	keyexchange=ikev2
	authby=secret
	ike=${o.ike ?? 'aes256-sha256-modp2048!'}
	esp=${o.esp ?? 'aes256-sha256!'}
	auto=start
//- ipsec.secrets
%any : PSK "R0sK3y"
`;

describe('strongSwan ↔ RouterOS v7 (IKEv2)', () => {
  it('clean variant: no error or warning', () => {
    assert.deepEqual(listing(ROS + SW_ROS()), []);
  });

  it('failing variant: IKE, ESP (GCM with PFS) and a narrower subnet, on both ends', () => {
    const bad = ROS + SW_ROS({ ike: 'aes128-sha1-modp3072!', esp: 'aes128gcm16-modp2048!', rightsubnet: '10.3.0.0/24' });
    assert.deepEqual(listing(bad), [
      'gw.ipsec.conf:9:6 error ipsec/esp-proposal-mismatch "aes128gcm16-modp2048"',
      'gw.ipsec.conf:9:18 warning ipsec/pfs-mismatch "modp2048"',
      'gw.ipsec.conf:3:13 warning ipsec/selector-mismatch "10.2.0.0/16"',
      'gw.ipsec.conf:8:6 error ipsec/ike-proposal-mismatch "aes128-sha1-modp3072"',
      'mt.rsc:3:1 error ipsec/ike-proposal-mismatch "/ip ipsec profile add name=P dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256"',
      'mt.rsc:6:1 error ipsec/esp-proposal-mismatch "/ip ipsec proposal add name=PR auth-algorithms=sha256 enc-algorithms=aes-256-cbc pfs-group=none"',
      'mt.rsc:6:92 warning ipsec/pfs-mismatch "none"',
      'mt.rsc:7:1 warning ipsec/selector-mismatch "/ip ipsec policy add src-address=10.3.0.0/16 dst-address=10.2.0.0/16 tunnel=yes peer=SW proposal=PR"',
    ].sort());
  });

  it('quick fixes on the strongSwan side make both ends clean', () => {
    roundTrip(ROS + SW_ROS({ ike: 'aes128-sha1-modp3072!' }), 'gw.ipsec.conf', 'ipsec/ike-proposal-mismatch', 'Make this side match mt.rsc');
    roundTrip(ROS + SW_ROS({ esp: 'aes128gcm16!' }), 'gw.ipsec.conf', 'ipsec/esp-proposal-mismatch', 'Make this side match mt.rsc');
    roundTrip(ROS + SW_ROS({ ike: 'aes128-sha1-modp3072!' }), 'mt.rsc', 'ipsec/ike-proposal-mismatch', 'Make gw.ipsec.conf match this side');
  });

  it('IKEv1 against keyexchange=ike (accepts both as responder) is no version error; against keyexchange=ikev2 it is', () => {
    const v1 = ROS.replace('exchange-mode=ike2', 'exchange-mode=main');
    assert.deepEqual(listing(v1 + SW_ROS().replace('\tkeyexchange=ikev2\n', ''), ['error']), []);
    assert.deepEqual(listing(v1 + SW_ROS(), ['error']).filter((l) => l.includes('version')), [
      'gw.ipsec.conf:6:14 error ipsec/ike-version-mismatch "ikev2"',
      'mt.rsc:4:75 error ipsec/ike-version-mismatch "main"',
    ]);
  });
});

const SW_AT = (o: { right: string; esp?: string; key?: string; sub?: [string, string] }) => `//- gw.ipsec.conf
conn site
	keyexchange=ikev1
	authby=secret
	left=203.0.113.2
	leftsubnet=${o.sub?.[0] ?? '10.1.0.0/16'}
	right=${o.right}
	rightsubnet=${o.sub?.[1] ?? '10.2.0.0/16'}
	ike=aes256-sha1-modp2048!
	esp=${o.esp ?? 'aes256-sha1!'}
	auto=start
//- ipsec.secrets
203.0.113.2 ${o.right} : PSK "${o.key ?? 'S3cretKey'}"
`;

describe('strongSwan ↔ ASA crypto map (IKEv1)', () => {
  it('clean variant: no error', () => {
    assert.deepEqual(listing(asaL2l() + SW_AT({ right: '198.51.100.1' }), ['error']), []);
  });
  it('failing variant: ESP and key mismatch on both ends, fixed from the strongSwan side', () => {
    const bad = asaL2l() + SW_AT({ right: '198.51.100.1', esp: 'aes128-sha256!', key: 'Wrong' });
    assert.deepEqual(listing(bad, ['error']), [
      'fw.asa:9:1 error ipsec/esp-proposal-mismatch "crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac"',
      'fw.asa:23:23 error ipsec/psk-mismatch "S3cretKey"',
      'gw.ipsec.conf:9:6 error ipsec/esp-proposal-mismatch "aes128-sha256"',
      'ipsec.secrets:1:32 error ipsec/psk-mismatch "\\"Wrong\\""',
    ].sort());
    roundTrip(asaL2l() + SW_AT({ right: '198.51.100.1', esp: 'aes128-sha256!' }), 'gw.ipsec.conf', 'ipsec/esp-proposal-mismatch', 'Make this side match fw');
    roundTrip(asaL2l() + SW_AT({ right: '198.51.100.1', key: 'Wrong' }), 'ipsec.secrets', 'ipsec/psk-mismatch', "Use fw's pre-shared key");
  });
});

const OBSD = (psk = 'S3cretKey') => `//- obsd.ipsec.conf
ike esp from 10.2.0.0/16 to 10.1.0.0/16 local 198.51.100.9 peer 203.0.113.2 main auth hmac-sha1 enc aes-256 group modp2048 quick auth hmac-sha1 enc aes-256 group none psk ${psk}
`;

describe('strongSwan ↔ OpenBSD (isakmpd, IKEv1)', () => {
  it('clean variant: no error', () => {
    const { service, files } = loadFixture(OBSD() + SW_AT({ right: '198.51.100.9' }));
    assert.deepEqual(files.map((f) => service.getDocument(f.uri)?.dialect), ['openbsd-ipsec', 'strongswan', 'strongswan']);
    assert.deepEqual(listing(OBSD() + SW_AT({ right: '198.51.100.9' }), ['error']), []);
  });
  it('failing variant: selectors and key, on both ends; the subnet fix on the strongSwan side', () => {
    const bad = OBSD('Other') + SW_AT({ right: '198.51.100.9', sub: ['10.1.0.0/16', '10.3.0.0/16'] });
    assert.deepEqual(listing(bad, ['error']), [
      'gw.ipsec.conf:5:13 error ipsec/selector-mismatch "10.1.0.0/16"',
      'ipsec.secrets:1:32 error ipsec/psk-mismatch "\\"S3cretKey\\""',
      'obsd.ipsec.conf:1:14 error ipsec/selector-mismatch "10.2.0.0/16 to 10.1.0.0/16"',
      'obsd.ipsec.conf:1:172 error ipsec/psk-mismatch "Other"',
    ]);
    const texts = roundTrip(OBSD() + SW_AT({ right: '198.51.100.9', sub: ['10.1.0.0/16', '10.3.0.0/16'] }), 'gw.ipsec.conf', 'ipsec/selector-mismatch', 'Make this side match obsd');
    assert.match(texts.get('file:///fixture/gw.ipsec.conf')!, /\trightsubnet=10\.2\.0\.0\/16\n/);
  });
});

describe('ipsec.secrets edits reach the conn in the same folder', () => {
  it('setDocument on ipsec.secrets names the conn file and its partner as affected, and their findings change', () => {
    const { service, files } = loadFixture(asaL2l() + SW_AT({ right: '198.51.100.1', key: 'Wrong' }));
    const [asa, conf, secrets] = files.map((f) => f.uri);
    assert.ok(service.getFindings(asa).some((f) => f.code === 'ipsec/psk-mismatch'));
    const affected = service.setDocument(secrets, '203.0.113.2 198.51.100.1 : PSK "S3cretKey"\n', 2);
    assert.ok(affected.has(conf) && affected.has(asa), [...affected].join(' '));
    assert.deepEqual([asa, conf, secrets].flatMap((u) => service.getFindings(u).filter((f) => f.severity === 'error').map((f) => f.code)), []);
    // Without the secrets file the conn has no key: psk-missing on both ends.
    service.removeDocument(secrets);
    assert.deepEqual(service.getFindings(conf).filter((f) => f.severity === 'error').map((f) => f.code), ['ipsec/psk-missing']);
  });

  it('a secrets file of another folder is not used', () => {
    const fx = (asaL2l() + SW_AT({ right: '198.51.100.1' })).replace('//- ipsec.secrets', '//- other/ipsec.secrets');
    assert.deepEqual(listing(fx, ['error']).map((l) => l.replace(/:\d+:\d+/, '')), ['fw.asa error ipsec/psk-missing "S3cretKey"', 'gw.ipsec.conf error ipsec/psk-missing "right=198.51.100.1"']);
  });
});

describe('a road-warrior style responder (right=%any) picks the key by the initiator address', () => {
  const fx = (key: string) =>
    asaL2l() +
    `//- gw.ipsec.conf
conn any
	keyexchange=ikev1
	authby=secret
	left=203.0.113.2
	leftsubnet=10.1.0.0/16
	right=%any
	rightsubnet=10.2.0.0/16
	ike=aes256-sha1-modp2048!
	esp=aes256-sha1!
	auto=add
//- ipsec.secrets
203.0.113.2 192.0.2.50 : PSK "ForAnotherPeer"
203.0.113.2 198.51.100.1 : PSK "${key}"
`;
  it('the entry naming the ASA address applies: clean, and a mismatch lands on that entry', () => {
    assert.deepEqual(listing(fx('S3cretKey'), ['error']), []);
    assert.deepEqual(listing(fx('Wrong'), ['error']), ['fw.asa:23:23 error ipsec/psk-mismatch "S3cretKey"', 'ipsec.secrets:2:32 error ipsec/psk-mismatch "\\"Wrong\\""']);
  });
});

describe('lifetimes', () => {
  it('an IKE lifetime that differs from IOS is reported on the strongSwan value, and its fix writes ikelifetime=', () => {
    const fx = IOS() + SW({ lifetime: '\tikelifetime=3h\n' });
    const { service, files } = loadFixture(fx);
    const conf = files.find((f) => f.name === 'gw.ipsec.conf')!;
    const f = service.getFindings(conf.uri).find((d) => d.code === 'ipsec/lifetime-mismatch');
    assert.ok(f, 'a lifetime finding on gw.ipsec.conf');
    assert.equal(conf.text.slice(f.range.start, f.range.end), '3h');
    const texts = roundTrip(fx, 'gw.ipsec.conf', 'ipsec/lifetime-mismatch', 'Make this side match R1');
    assert.match(texts.get('file:///fixture/gw.ipsec.conf')!, /\tikelifetime=24h\n/);
  });
});
