// RouterOS lowering: seed 001 snippets (L2TP/IPsec server, site-to-site to Cisco), v6 vs v7 forms of one tunnel,
// OSPF v6/v7 effective values, version detection, and Setter edits applied back to the text.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routerosDialect } from '../../server/src/dialects/routeros';
import * as model from '../../server/src/model';
import { applyEdits } from '../helpers/fixture';

function lower(text: string, routerosVersion?: 6 | 7) {
  const p = routerosDialect.parse(text, { routerosVersion });
  return { parsed: p, ...routerosDialect.lower(p, 'file:///t/r.rsc', { routerosVersion }) };
}

function at(text: string, r: { start: number; end: number } | undefined): string | undefined {
  return r && text.slice(r.start, r.end);
}

/** Seed 001, "L2TP/IPsec server" CLI lines, verbatim (the peer line is wrapped without `\` in the post). */
const SEED_L2TP = `/ip pool add name="L2TP-Pool" ranges=172.31.86.1-172.31.86.14
/ppp profile add name=l2tp-profile local-address=L2TP-Pool remote-address=L2TP-Pool use-encryption=required change-tcp-mss=yes dns-server=8.8.8.8
/interface l2tp-server server set authentication=mschap2 default-profile=l2tp-profile enabled=yes ipsec-secret=MYKEY max-mru=1460 max-mtu=1460 use-ipsec=yes
/ppp secret add name=MYUSER password=MYPASSWORD service=l2tp profile=l2tp-profile
/ip ipsec proposal add name=L2TP-Proposal auth-algorithms=sha1 enc-algorithms=3des,aes-256-cbc pfs-group=none
/ip ipsec peer add address=0.0.0.0/0 port=500 auth-method=pre-shared-key secret="MYKEY" generate-policy=port-override exchange-mode=main-l2tp
 send-initial-contact=yes nat-traversal=yes hash-algorithm=sha1 enc-algorithm=3des,aes-256 dh-group=modp1024
/ip ipsec policy add src-address=::/0 dst-address=::/0 protocol=all template=yes group=default action=encrypt level=require ipsec-protocols=esp tunnel=no sa-src-address=0.0.0.0 sa-dst-address=0.0.0.0 proposal=L2TP-Proposal
`;

/** Seed 001, "IPsec VPN Mikrotik to Cisco", MikroTik side, verbatim (relative paths, `!` separators, `action accept`). */
const SEED_S2S = `!
ip firewall filter add chain=input proto=ipsec-ah action=accept place-before=0
ip firewall filter add chain=input proto=ipsec-esp action=accept place-before=0
ip firewall filter add chain=input proto=udp port=500 action accept place-before=0
ip firewall filter add chain=input proto=udp port=4500 action accept place-before=0
!
ip firewall nat add chain=srcnat src-address=192.168.88.0/24 dst-address=192.168.0.0/24 action=accept place-before=0
ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none
ip ipsec policy add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
ip ipsec peer add address=192.168.23.3 port=500 auth-method=pre-shared-key secret=MY_KEY exchange-mode=main send-initial-contact=yes nat-traversal=yes proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp1024 generate-policy=no
`;

describe('seed 001: L2TP/IPsec server', () => {
  const { parsed, device, version } = { ...lower(SEED_L2TP), version: undefined };
  void version;
  it('parses every line into the expected menus', () => {
    const cmds = parsed.tree.children.filter((c) => c.kind === 'RosCommand') as import('../../server/src/dialects/routeros').RosCommand[];
    assert.deepEqual(cmds.map((c) => `${c.path} ${c.verb?.name}`), [
      'ip pool add',
      'ppp profile add',
      'interface l2tp-server server set',
      'ppp secret add',
      'ip ipsec proposal add',
      'ip ipsec peer add',
      'ip ipsec policy add',
    ]);
    assert.deepEqual(parsed.diagnostics.map((d) => d.code), ['syntax/missing-continuation']);
  });
  it('decides v6 from the classic peer fields', () => {
    assert.equal(device.platformVersion, '6');
  });
  it('lowers the L2TP server with its IPsec secret and default profile', () => {
    assert.equal(device.l2tp.length, 1);
    const s = device.l2tp[0];
    assert.equal(s.enabled.value, true);
    assert.equal(s.useIpsec.value, 'yes');
    assert.equal(s.defaultProfile?.value, 'l2tp-profile');
    assert.equal(at(SEED_L2TP, s.defaultProfile?.range), 'l2tp-profile');
    assert.equal(s.ipsecSecret?.secret.plain, 'MYKEY');
    assert.equal(at(SEED_L2TP, s.ipsecSecret?.secret.range), 'MYKEY');
    assert.equal(s.ipsecSecret?.peer, '0.0.0.0/0');
  });
  it('lowers the wildcard peer as a responder with phase 1 from its own fields and phase 2 from the template policy', () => {
    const peers = device.ipsecPeers.filter((p) => p.kind === 'routeros');
    assert.equal(peers.length, 1);
    const p = peers[0];
    assert.equal(p.remote, undefined);
    assert.equal(p.remoteAny, '0.0.0.0/0');
    assert.equal(p.role, 'responder');
    assert.equal(p.ikeVersion.value, 1);
    assert.equal(p.exchangeMode.value, 'main');
    assert.equal(at(SEED_L2TP, p.exchangeMode.range), 'main-l2tp');
    assert.deepEqual(p.phase1[0].encryption.value, ['3des', 'aes-cbc-256']);
    assert.deepEqual(p.phase1[0].hash.value, ['sha1']);
    assert.deepEqual(p.phase1[0].dh.value, ['modp1024']);
    assert.equal(p.phase1[0].auth.value, 'psk');
    assert.equal(p.phase1[0].lifetime.value, 86400);
    assert.match(p.phase1[0].lifetime.default ?? '', /U-4/);
    assert.equal(p.psk?.secret.plain, 'MYKEY');
    assert.equal(at(SEED_L2TP, p.psk?.secret.range), '"MYKEY"');
    assert.deepEqual(p.phase2.map((x) => [x.label, x.encryption.value, x.integrity.value, x.mode.value]), [['L2TP-Proposal', ['3des', 'aes-cbc-256'], ['sha1'], 'transport']]);
    assert.equal(p.pfs.value, 'none');
    assert.equal(at(SEED_L2TP, p.pfs.range), 'none');
    assert.deepEqual(p.selectors, []);
    // A static 0.0.0.0/0 peer answers the L2TP clients, so no second (dynamic) peer is modelled.
    assert.equal(device.ipsecPeers.length, 1);
  });
  it('records pool, PPP profile and proposal definitions and their references', () => {
    const defs = device.definitions.filter((d) => !d.builtin).map((d) => `${d.kind}:${d.name}:${at(SEED_L2TP, d.range)}`);
    assert.deepEqual(defs.sort(), ['ip-pool:L2TP-Pool:"L2TP-Pool"', 'ipsec-proposal:L2TP-Proposal:L2TP-Proposal', 'ppp-profile:l2tp-profile:l2tp-profile']);
    const refs = device.references.map((r) => `${r.kind}:${r.name}`);
    assert.deepEqual(refs.sort(), [
      'ip-pool:L2TP-Pool',
      'ip-pool:L2TP-Pool',
      'ipsec-policy-group:default',
      'ipsec-proposal:L2TP-Proposal',
      'ppp-profile:l2tp-profile',
      'ppp-profile:l2tp-profile',
    ]);
  });
  it('models the dynamic L2TP peer when no static wildcard peer exists (default profile/proposal, U-12)', () => {
    const text = '/interface l2tp-server server set enabled=yes use-ipsec=required ipsec-secret=K1 default-profile=default-encryption\n';
    const { device: d } = lower(text, 7);
    assert.equal(d.ipsecPeers.length, 1);
    const p = d.ipsecPeers[0];
    assert.equal(p.kind, 'l2tp');
    assert.equal(p.role, 'responder');
    assert.equal(p.psk?.secret.plain, 'K1');
    assert.deepEqual(p.phase1[0].encryption.value, ['aes-cbc-128', '3des']);
    assert.deepEqual(p.phase1[0].dh.value, ['modp2048', 'modp1024']);
    assert.equal(p.pfs.value, 'modp1024');
    assert.match(p.pfs.default ?? '', /S13/);
    assert.equal(p.phase2[0].mode.value, 'transport');
  });
});

describe('seed 001: MikroTik side of the site-to-site tunnel to Cisco', () => {
  const { parsed, device } = lower(SEED_S2S);
  it('parses firewall, proposal, policy and peer lines from relative paths', () => {
    const cmds = parsed.tree.children.filter((c) => c.kind === 'RosCommand' && c.verb) as import('../../server/src/dialects/routeros').RosCommand[];
    assert.deepEqual(cmds.map((c) => c.path), ['ip firewall filter', 'ip firewall filter', 'ip firewall filter', 'ip firewall filter', 'ip firewall nat', 'ip ipsec proposal', 'ip ipsec policy', 'ip ipsec peer']);
    assert.deepEqual(cmds[0].params.map((p) => [p.key, p.value]), [['chain', 'input'], ['protocol', 'ipsec-ah'], ['action', 'accept'], ['place-before', '0']]);
    assert.deepEqual(parsed.diagnostics.filter((d) => d.severity !== 'information'), []);
  });
  it('lowers peer 192.168.23.3 with secret=MY_KEY, classic phase 1 and the policy tied by sa-dst-address', () => {
    assert.equal(device.platformVersion, '6');
    assert.equal(device.ipsecPeers.length, 1);
    const p = device.ipsecPeers[0];
    assert.equal(p.label, '/ip ipsec peer 192.168.23.3');
    assert.equal(p.remote?.value, '192.168.23.3');
    assert.equal(at(SEED_S2S, p.remote?.range), '192.168.23.3');
    assert.equal(p.role, 'both');
    assert.equal(p.local?.value, '10.0.0.2');
    assert.equal(p.exchangeMode.value, 'main');
    assert.equal(p.ikeVersion.value, 1);
    assert.deepEqual(p.phase1[0].encryption.value, ['aes-cbc-256']);
    assert.deepEqual(p.phase1[0].hash.value, ['sha1']);
    assert.deepEqual(p.phase1[0].dh.value, ['modp1024']);
    assert.equal(p.proposalCheck?.value, 'obey');
    assert.equal(at(SEED_S2S, p.proposalCheck?.range), 'obey');
    assert.equal(p.psk?.secret.plain, 'MY_KEY');
    assert.equal(p.psk?.peer, '192.168.23.3/32');
    assert.equal(model.maskSecret(p.psk!.secret), '****** (6 chars)');
    assert.deepEqual(p.phase2.map((x) => [x.label, x.encryption.value, x.integrity.value, x.mode.value, x.protocol.value]), [['MyProposal', ['aes-cbc-256'], ['sha1'], 'tunnel', 'esp']]);
    assert.equal(p.pfs.value, 'none');
    assert.deepEqual(p.selectors.map((s) => [s.local, s.remote, s.protocol]), [['192.168.88.0/24', '192.168.0.0/24', 'ip']]);
  });
  it('offers setters that edit the text in place', () => {
    const p = device.ipsecPeers[0];
    const edited = applyEdits(SEED_S2S, p.psk!.set!('MYKEY')!);
    assert.match(edited, / secret=MYKEY exchange-mode=main /);
    const p1 = applyEdits(SEED_S2S, p.setPhase1!({ encryption: 'aes-cbc-128', hash: 'sha256', dh: 'modp2048' })!);
    assert.match(p1, /hash-algorithm=sha256 enc-algorithm=aes-128 dh-group=modp2048 generate-policy=no/);
    const p2 = applyEdits(SEED_S2S, p.setPhase2!({ encryption: 'aes-cbc-128', integrity: 'sha256' })!);
    assert.match(p2, /name=MyProposal auth-algorithms=sha256 enc-algorithms=aes-128-cbc pfs-group=none/);
    const pfs = applyEdits(SEED_S2S, p.setPfs!('modp2048')!);
    assert.match(pfs, /enc-algorithms=aes-256-cbc pfs-group=modp2048\n/);
    // A canonical id RouterOS profiles cannot express gives no edit.
    assert.equal(p.setPhase1!({ encryption: 'aes-gcm-128', hash: 'sha1', dh: 'modp2048' }), undefined);
    // Quoting when needed.
    assert.match(applyEdits(SEED_S2S, p.psk!.set!('a b"c')!), / secret="a b\\"c" /);
  });
});

const V6_TUNNEL = `# jan/02/2019 10:00:00 by RouterOS 6.45.9
/ip ipsec peer
add address=203.0.113.2/32 local-address=198.51.100.1 exchange-mode=ike2 secret="S3cr3t-key" \\
    hash-algorithm=sha256 enc-algorithm=aes-256 dh-group=modp2048 lifetime=8h
/ip ipsec proposal
add name=site-b auth-algorithms=sha256 enc-algorithms=aes-256-cbc pfs-group=modp2048 lifetime=1h
/ip ipsec policy
add src-address=10.1.0.0/16 dst-address=10.2.0.0/16 sa-src-address=198.51.100.1 \\
    sa-dst-address=203.0.113.2 tunnel=yes proposal=site-b
`;

const V7_TUNNEL = `# 2024-01-02 10:00:00 by RouterOS 7.11
/ip ipsec profile
add name=site-b dh-group=modp2048 enc-algorithm=aes-256 hash-algorithm=sha256 lifetime=8h
/ip ipsec peer
add address=203.0.113.2/32 exchange-mode=ike2 local-address=198.51.100.1 name=site-b profile=site-b
/ip ipsec proposal
add auth-algorithms=sha256 enc-algorithms=aes-256-cbc lifetime=1h name=site-b pfs-group=modp2048
/ip ipsec identity
add peer=site-b secret="S3cr3t-key"
/ip ipsec policy
add dst-address=10.2.0.0/16 peer=site-b proposal=site-b src-address=10.1.0.0/16 tunnel=yes
`;

describe('v6 classic vs v7 profile+identity forms of one tunnel', () => {
  const a = lower(V6_TUNNEL).device;
  const b = lower(V7_TUNNEL).device;
  it('puts the header version into platformVersion', () => {
    assert.equal(a.platformVersion, '6.45.9');
    assert.equal(b.platformVersion, '7.11');
  });
  it('lowers both to equivalent IpsecPeers', () => {
    const strip = (p: model.IpsecPeer) => ({
      remote: p.remote?.value,
      local: p.local?.value,
      role: p.role,
      ike: p.ikeVersion.value,
      p1: p.phase1.map((x) => [x.encryption.value, x.hash.value, x.dh.value, x.auth.value, x.lifetime.value]),
      psk: p.psk?.secret.plain,
      pskPeer: p.psk?.peer,
      p2: p.phase2.map((x) => [x.encryption.value, x.integrity.value, x.mode.value]),
      pfs: p.pfs.value,
      life2: p.phase2Lifetime?.value,
      sel: p.selectors.map((s) => [s.local, s.remote, s.protocol]),
      check: p.proposalCheck?.value,
    });
    assert.equal(a.ipsecPeers.length, 1);
    assert.equal(b.ipsecPeers.length, 1);
    assert.deepEqual(strip(a.ipsecPeers[0]), strip(b.ipsecPeers[0]));
    assert.deepEqual(strip(b.ipsecPeers[0]), {
      remote: '203.0.113.2',
      local: '198.51.100.1',
      role: 'both',
      ike: 2,
      p1: [[['aes-cbc-256'], ['sha256'], ['modp2048'], 'psk', 28800]],
      psk: 'S3cr3t-key',
      pskPeer: '203.0.113.2/32',
      p2: [[['aes-cbc-256'], ['sha256'], 'tunnel']],
      pfs: 'modp2048',
      life2: 3600,
      sel: [['10.1.0.0/16', '10.2.0.0/16', 'ip']],
      check: 'obey',
    });
  });
  it('marks v7 profile defaults with [S12] and v6 peer defaults as Unconfirmed U-4', () => {
    assert.match(a.ipsecPeers[0].proposalCheck?.default ?? '', /U-4/);
    assert.match(b.ipsecPeers[0].proposalCheck?.default ?? '', /S12/);
  });
  it('uses the built-in default profile and proposal when a v7 peer names none', () => {
    const text = '/ip ipsec peer\nadd address=192.0.2.9/32 name=p\n/ip ipsec identity\nadd peer=p secret=abcdefgh\n/ip ipsec policy\nadd peer=p src-address=10.0.0.0/24 dst-address=10.9.0.0/24 tunnel=yes\n';
    const p = lower(text).device.ipsecPeers[0];
    assert.deepEqual(p.phase1[0].encryption.value, ['aes-cbc-128', '3des']);
    assert.match(p.phase1[0].encryption.default ?? '', /default profile.*S12/);
    assert.deepEqual(p.phase1[0].dh.value, ['modp2048', 'modp1024']);
    assert.equal(p.phase1[0].lifetime.value, 86400);
    assert.deepEqual(p.phase2[0].encryption.value, ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128']);
    assert.equal(p.pfs.value, 'modp1024');
    assert.equal(p.phase2Lifetime?.value, 1800);
    assert.equal(p.exchangeMode.value, 'main');
    // Setting phase 1 on an implicit default profile appends a `set [ find default=yes ]` line.
    const out = applyEdits(text, p.setPhase1!({ encryption: 'aes-cbc-256', hash: 'sha256', dh: 'modp2048' })!);
    assert.match(out, /\n\/ip ipsec profile set \[ find default=yes \] enc-algorithm=aes-256 hash-algorithm=sha256 dh-group=modp2048\n$/);
    // Adding a PSK for a v7 peer without identity adds an identity line.
    const t2 = '/ip ipsec peer add address=192.0.2.9/32 name=p\n';
    const out2 = applyEdits(t2, lower(t2).device.ipsecPeers[0].addPsk!('newkey')!);
    assert.equal(out2, '/ip ipsec peer add address=192.0.2.9/32 name=p\n/ip ipsec identity add peer=p secret=newkey\n');
  });
  it('honours the routerosVersion override', () => {
    assert.equal(lower('/ip address add address=1.1.1.1/24 interface=ether1\n', 6).device.platformVersion, '6');
    assert.equal(lower('/ip address add address=1.1.1.1/24 interface=ether1\n').device.platformVersion, '7');
    assert.equal(lower('/routing ospf network add network=10.0.0.0/24 area=backbone\n').device.platformVersion, '6');
  });
});

describe('interfaces, addresses and hostname', () => {
  const text = `/interface bridge
add name=br-lan
/interface ethernet
set [ find default-name=ether1 ] name=wan
/interface vlan
add interface=br-lan name=vlan10 vlan-id=10
/interface gre
add local-address=198.51.100.1 name=gre-b remote-address=203.0.113.2
/ip address
add address=198.51.100.1/30 interface=wan
add address=10.10.0.1/24 interface=vlan10
add address=172.16.0.1/30 interface=gre-b
add address=192.168.1.1 interface=ether5
/system identity
set name=core-1
`;
  const { device } = lower(text);
  it('lowers names, kinds, addresses and tunnel endpoints with ranges', () => {
    assert.equal(device.name, 'core-1');
    assert.equal(at(text, device.hostnameRange), 'core-1');
    const by = (n: string) => device.interfaces.find((i) => i.name === n)!;
    assert.deepEqual(device.interfaces.map((i) => [i.name, i.kind]), [
      ['br-lan', 'bridge'],
      ['wan', 'physical'],
      ['vlan10', 'vlan'],
      ['gre-b', 'tunnel'],
      ['ether5', 'physical'],
    ]);
    assert.equal(at(text, by('wan').nameRange), 'wan');
    assert.deepEqual(by('wan').addresses.map((a) => [a.address, a.prefixLength]), [['198.51.100.1', 30]]);
    assert.deepEqual(by('ether5').addresses.map((a) => [a.address, a.prefixLength]), [['192.168.1.1', 32]]);
    const t = by('gre-b').tunnel!;
    assert.equal(t.mode.value, 'gre');
    assert.equal(t.source?.value, '198.51.100.1');
    assert.equal(t.destination?.value, '203.0.113.2');
    assert.equal(at(text, t.destination?.range), '203.0.113.2');
  });
  it('references interfaces by name (default ports are builtin)', () => {
    const refs = device.references.filter((r) => r.kind === 'interface').map((r) => r.name);
    assert.deepEqual(refs.sort(), ['br-lan', 'ether5', 'gre-b', 'vlan10', 'wan']);
    assert.ok(device.definitions.some((d) => d.kind === 'interface' && d.name === 'ether5' && d.builtin));
  });
});

describe('OSPF', () => {
  it('v7: interface templates by interface and by network give effective values with [S27] defaults', () => {
    const text = `# by RouterOS 7.5
/interface bridge
add name=Loopback
/routing id
add id=172.16.1.1 name=OSPF_ID
/routing ospf instance
add name=ospf-1 router-id=OSPF_ID
/routing ospf area
add instance=ospf-1 name=backbone
add area-id=0.0.0.1 instance=ospf-1 name=a1 type=stub
/ip address
add address=172.16.1.1 interface=Loopback network=172.16.1.1
add address=10.10.10.1/30 interface=ether2
add address=10.20.0.1/24 interface=ether3
/routing ospf interface-template
add area=backbone interfaces=Loopback passive
add area=backbone networks=10.10.10.0/30 type=ptp hello-interval=5s dead-interval=20s auth=md5 auth-id=1 auth-key=ospfKEY
add area=a1 interfaces=ether3 priority=10 cost=20
`;
    const { device } = lower(text);
    assert.deepEqual(device.ospf.map((p) => [p.id, p.routerId?.value, p.areas.map((a) => [a.id, a.type])]), [['ospf-1', '172.16.1.1', [['0.0.0.0', 'normal'], ['0.0.0.1', 'stub']]]]);
    const by = (n: string) => device.ospfInterfaces.find((i) => i.interfaceName === n)!;
    assert.deepEqual(device.ospfInterfaces.map((i) => i.interfaceName).sort(), ['Loopback', 'ether2', 'ether3']);
    const lo = by('Loopback');
    assert.equal(lo.passive.value, true);
    assert.equal(lo.prefix, '172.16.1.1/32');
    assert.equal(lo.networkType.value, 'broadcast');
    assert.match(lo.networkType.default ?? '', /S27/);
    const e2 = by('ether2');
    assert.equal(e2.prefix, '10.10.10.0/30');
    assert.equal(e2.address, '10.10.10.1');
    assert.equal(e2.networkType.value, 'point-to-point');
    assert.equal(at(text, e2.networkType.range), 'ptp');
    assert.equal(e2.hello.value, 5);
    assert.equal(e2.dead.value, 20);
    assert.equal(e2.priority.value, 128);
    assert.match(e2.priority.default ?? '', /S27/);
    assert.equal(e2.auth.value.type, 'keyed-md5');
    assert.equal(e2.auth.value.keyId, 1);
    assert.equal(e2.auth.value.key?.plain, 'ospfKEY');
    assert.equal(e2.area.value, '0.0.0.0');
    const e3 = by('ether3');
    assert.equal(e3.area.value, '0.0.0.1');
    assert.equal(e3.areaType, 'stub');
    assert.equal(e3.priority.value, 10);
    assert.equal(e3.cost?.value, 20);
    assert.equal(e3.hello.value, 10);
    assert.equal(e3.dead.value, 40);
    // Setters edit the template line.
    assert.match(applyEdits(text, e3.hello.set!(30)!), /add area=a1 interfaces=ether3 priority=10 cost=20 hello-interval=30s\n/);
    assert.match(applyEdits(text, e2.setAuthKey!('newKey')!), /auth-key=newKey\n/);
    // ospf area and routing id references resolve.
    assert.ok(device.references.some((r) => r.kind === 'routing-id' && r.name === 'OSPF_ID'));
  });
  it('v6: networks select interfaces, /routing ospf interface overrides, defaults marked U-15', () => {
    const text = `/ip address
add address=10.0.12.1/30 interface=ether1
add address=192.168.10.1/24 interface=ether2
/routing ospf instance
set [ find default=yes ] router-id=1.1.1.1
/routing ospf network
add area=backbone network=10.0.12.0/30
add area=backbone network=192.168.10.0/24
/routing ospf interface
add interface=ether1 network-type=point-to-point hello-interval=5s dead-interval=20s authentication=md5 authentication-key=k1
`;
    const { device } = lower(text);
    assert.equal(device.platformVersion, '6');
    assert.deepEqual(device.ospf.map((p) => [p.id, p.routerId?.value]), [['default', '1.1.1.1']]);
    const by = (n: string) => device.ospfInterfaces.find((i) => i.interfaceName === n)!;
    const e1 = by('ether1');
    assert.equal(e1.networkType.value, 'point-to-point');
    assert.equal(e1.hello.value, 5);
    assert.equal(e1.dead.value, 20);
    assert.equal(e1.auth.value.type, 'keyed-md5');
    assert.equal(e1.prefix, '10.0.12.0/30');
    const e2 = by('ether2');
    assert.equal(e2.hello.value, 10);
    assert.match(e2.hello.default ?? '', /U-15/);
    assert.equal(e2.dead.value, 40);
    assert.equal(e2.networkType.value, 'broadcast');
    assert.equal(e2.area.value, '0.0.0.0');
    // No override line yet: the setter adds one.
    assert.match(applyEdits(text, e2.hello.set!(5)!), /\n\/routing ospf interface add interface=ether2 hello-interval=5s\n$/);
  });
});

describe('dynamic IPsec peers RouterOS creates by itself', () => {
  it('GRE with ipsec-secret: a transport-mode peer to remote-address with the tunnel secret', () => {
    const text = '/interface gre\nadd name=gre-hq local-address=198.51.100.1 remote-address=203.0.113.2 ipsec-secret=GreSecret1\n';
    const { device } = lower(text, 7);
    assert.equal(device.ipsecPeers.length, 1);
    const p = device.ipsecPeers[0];
    assert.equal(p.kind, 'tunnel-protection');
    assert.equal(p.remote?.value, '203.0.113.2');
    assert.equal(at(text, p.remote?.range), '203.0.113.2');
    assert.equal(p.local?.value, '198.51.100.1');
    assert.equal(p.psk?.secret.plain, 'GreSecret1');
    assert.equal(p.psk?.peer, '203.0.113.2/32');
    assert.deepEqual(p.phase1[0].encryption.value, ['aes-cbc-128', '3des']);
    assert.equal(p.phase2[0].mode.value, 'transport');
    assert.deepEqual(p.selectors.map((s) => [s.local, s.remote, s.protocol]), [['198.51.100.1/32', '203.0.113.2/32', 'gre']]);
    assert.match(applyEdits(text, p.psk!.set!('other')!), /ipsec-secret=other\n$/);
    // Changing phase 2 of the implicit default proposal appends a `set [ find default=yes ]` line.
    assert.match(applyEdits(text, p.setPhase2!({ encryption: 'aes-cbc-256', integrity: 'sha256' })!), /\n\/ip ipsec proposal set \[ find default=yes \] enc-algorithms=aes-256-cbc auth-algorithms=sha256\n$/);
  });
  it('L2TP client with use-ipsec: an initiator to connect-to; a static peer for the same address wins', () => {
    const text = '/interface l2tp-client\nadd name=l2tp-out connect-to=192.0.2.10 user=u password=pw use-ipsec=yes ipsec-secret=K2\n';
    const p = lower(text, 7).device.ipsecPeers;
    assert.deepEqual(p.map((x) => [x.kind, x.role, x.remote?.value, x.psk?.secret.plain]), [['l2tp', 'initiator', '192.0.2.10', 'K2']]);
    const shadowed = lower(text + '/ip ipsec peer\nadd address=192.0.2.10/32 name=s\n', 7).device.ipsecPeers;
    assert.deepEqual(shadowed.map((x) => x.kind), ['routeros']);
  });
});
