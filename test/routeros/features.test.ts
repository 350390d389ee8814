// RouterOS completion and hover: menu paths, parameter names, enum values, defined names, paired-peer values,
// parameter docs with per-version defaults, effective values, and no secrets in hovers.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routerosDialect } from '../../server/src/dialects/routeros';
import * as model from '../../server/src/model';

function at(src: string) {
  const cursor = src.indexOf('$0');
  const text = src.slice(0, cursor) + src.slice(cursor + 2);
  const parsed = routerosDialect.parse(text, {});
  const device = routerosDialect.lower(parsed, 'file:///t/r.rsc', {}).device;
  return { text, cursor, parsed, device };
}

function labels(src: string, peers: model.Device[] = [], withDevice = true): string[] {
  const { parsed, cursor, device } = at(src);
  return routerosDialect.complete!(parsed, cursor, { peers, device: withDevice ? device : undefined }).map((c) => c.label);
}

function ciscoPeer(): model.Device {
  const d = model.emptyDevice('file:///t/r1.ios', 'cisco-ios', 'r1.ios');
  d.ipsecPeers.push({
    id: 'm',
    label: 'crypto map M 10',
    range: { start: 0, end: 1 },
    remote: { value: '10.0.0.2' },
    role: 'both',
    kind: 'crypto-map',
    ikeVersion: { value: 1 },
    exchangeMode: { value: 'main' },
    phase1: [{ label: 'policy 1', encryption: { value: ['aes-cbc-256'] }, hash: { value: ['sha1'] }, dh: { value: ['modp1024'] }, auth: { value: 'psk' }, lifetime: { value: 86400 } }],
    phase2: [{ label: 'TS', protocol: { value: 'esp' }, encryption: { value: ['aes-cbc-256'] }, integrity: { value: ['sha1'] }, mode: { value: 'tunnel' } }],
    pfs: { value: 'none' },
    selectors: [],
  });
  return d;
}

describe('routeros completion', () => {
  it('completes menu paths after `/` and commands of a known menu', () => {
    const a = labels('/ip ip$0\n');
    assert.ok(a.includes('ipsec'));
    assert.ok(a.includes('address'));
    const b = labels('/ip ipsec $0\n');
    assert.ok(b.includes('peer') && b.includes('proposal') && b.includes('profile') && b.includes('identity'));
    const c = labels('/ip ipsec proposal $0\n');
    assert.ok(c.includes('add') && c.includes('set'));
  });

  it('completes parameter names of the current path and command, skipping ones already written', () => {
    const l = labels('/ip ipsec proposal add name=p1 $0\n');
    assert.ok(l.includes('enc-algorithms='));
    assert.ok(l.includes('pfs-group='));
    assert.ok(!l.includes('name='));
    // Under a menu line.
    const m = labels('/routing ospf interface-template\nadd area=backbone $0\n');
    assert.ok(m.includes('hello-interval=') && m.includes('networks='));
    assert.ok(!m.includes('area='));
  });

  it('completes enum values after `=`, item by item in lists', () => {
    const { parsed, cursor } = at('/ip ipsec proposal add name=p enc-algorithms=aes-256-cbc,aes$0\n');
    const items = routerosDialect.complete!(parsed, cursor, { peers: [] });
    assert.ok(items.some((i) => i.label === 'aes-128-gcm'));
    const it0 = items.find((i) => i.label === 'aes-128-cbc')!;
    assert.deepEqual(it0.replaceRange, { start: cursor - 3, end: cursor });
    assert.ok(labels('/ip ipsec profile add dh-group=$0\n').includes('ecp256'));
  });

  it('offers names defined in the document as values (proposals, profiles, pools, peers) with built-ins', () => {
    const src = '/ip pool add name=L2TP-Pool ranges=10.0.0.2-10.0.0.9\n/ip ipsec proposal add name=MyProposal\n/ip ipsec policy add proposal=$0\n/ppp profile add name=p local-address=L2TP-Pool\n';
    const l = labels(src);
    assert.ok(l.includes('MyProposal') && l.includes('default'));
    const l2 = labels(src, [], false);
    assert.ok(l2.includes('MyProposal'));
    assert.ok(labels('/ip pool add name=L2TP-Pool ranges=10.0.0.2-10.0.0.9\n/ppp profile add name=p remote-address=$0\n').includes('L2TP-Pool'));
    assert.ok(labels('/ip ipsec peer add name=site-b address=192.0.2.1/32\n/ip ipsec identity add peer=$0\n').includes('site-b'));
  });

  it('puts the value the paired peer uses first', () => {
    const { parsed, cursor, device } = at('/ip ipsec peer add address=10.0.0.2 enc-algorithm=$0\n');
    const items = routerosDialect.complete!(parsed, cursor, { peers: [ciscoPeer()], device });
    assert.equal(items[0].label, 'aes-256');
    assert.equal(items[0].detail, 'aes-256 — matches r1.ios');
    const p2 = routerosDialect.complete!(at('/ip ipsec proposal add enc-algorithms=$0\n').parsed, 38, { peers: [ciscoPeer()] });
    assert.equal(p2[0].label, 'aes-256-cbc');
    const pfs = at('/ip ipsec proposal add pfs-group=$0\n');
    assert.equal(routerosDialect.complete!(pfs.parsed, pfs.cursor, { peers: [ciscoPeer()] })[0].detail, 'none — matches r1.ios');
  });
});

describe('routeros hover', () => {
  it('documents a parameter with its per-version default and source', () => {
    const { parsed, cursor, device } = at('/ip ipsec proposal add name=p pf$0s-group=none\n');
    const h = routerosDialect.hover!(parsed, cursor, { peers: [], device })!;
    assert.match(h.markdown, /\*\*pfs-group\*\*/);
    assert.match(h.markdown, /Default: `modp1024` \[S13\]/);
    assert.match(h.markdown, /Value here: `none`/);
    assert.match(h.markdown, /help\.mikrotik\.com/);
  });

  it('explains abbreviations and v6-only parameters', () => {
    const { parsed, cursor } = at('/ip firewall filter add chain=input pro$0to=udp\n');
    assert.match(routerosDialect.hover!(parsed, cursor, { peers: [] })!.markdown, /`proto` is an abbreviation of `protocol`/);
    const b = at('/ip ipsec peer add address=1.2.3.4 hash-alg$0orithm=sha1\n');
    assert.match(routerosDialect.hover!(b.parsed, b.cursor, { peers: [] })!.markdown, /Only in RouterOS v6/);
  });

  it('shows effective peer values with default sources and masks secrets', () => {
    const src = '/ip ipsec peer add address=192.0.2.1/32 name=p\n/ip ipsec identity add peer=p secret=SuperSecret1\n/ip ip$0sec peer set p comment=x\n';
    const { parsed, device } = at(src);
    const peerStart = 0;
    const h = routerosDialect.hover!(parsed, peerStart + 5, { peers: [], device })!;
    assert.match(h.markdown, /Effective IKE settings of \/ip ipsec peer p/);
    assert.match(h.markdown, /phase 1 encryption `aes-cbc-128, 3des` \(RouterOS default profile enc-algorithm=aes-128,3des \[S12\]\)/);
    assert.match(h.markdown, /PFS `modp1024`/);
    assert.match(h.markdown, /pre-shared key: \*{12} \(12 chars\)/);
    assert.ok(!h.markdown.includes('SuperSecret1'));
    const secretHover = routerosDialect.hover!(parsed, src.indexOf('SuperSecret1') + 2, { peers: [], device })!;
    assert.ok(!secretHover.markdown.includes('SuperSecret1'));
    assert.match(secretHover.markdown, /Value here: \*{12} \(12 chars\)/);
  });

  it('shows effective OSPF template values', () => {
    const { parsed, cursor, device } = at('/ip address add address=10.0.0.1/30 interface=ether1\n/routing ospf interface-template add area=backbone interfaces=ether1 ty$0pe=ptp\n');
    const h = routerosDialect.hover!(parsed, cursor, { peers: [], device })!;
    assert.match(h.markdown, /Effective OSPF on ether1/);
    assert.match(h.markdown, /hello `10s` \(RouterOS v7 interface-template default hello-interval=10s \[S27\]\)/);
  });
});
