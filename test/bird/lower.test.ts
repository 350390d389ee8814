// BIRD lowering: effective OSPF values (BIRD defaults, dead = dead count × hello), authentication defaults per OSPF
// version, secrets, definitions/references, and the setters that render values back into BIRD syntax.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { birdDialect, parseBird } from '../../server/src/dialects/bird';
import * as model from '../../server/src/model';
import { applyEdits } from '../helpers/fixture';
import { SEED_V4, SEED_V6_STUB } from './snippets';

function lower(text: string, name = 'r1.conf') {
  const parsed = parseBird(text);
  return birdDialect.lower(parsed, `file:///cfg/${name}`, {});
}

const summary = (i: model.OspfInterface) => ({
  name: i.interfaceName,
  area: i.area.value,
  type: i.networkType.value,
  hello: i.hello.value,
  dead: i.dead.value,
  priority: i.priority.value,
  cost: i.cost?.value,
  passive: i.passive.value,
  auth: i.auth.value.type,
  version: i.version,
});

describe('bird lowering of seed 003', () => {
  it('bird.conf (IPv4): hello 2 / dead 10 / keyed md5 from `authentication cryptographic`, stub interfaces passive', () => {
    const { device } = lower(SEED_V4, 'bird.conf');
    assert.equal(device.dialect, 'bird');
    assert.equal(device.platformVersion, 'BIRD 1.x');
    assert.equal(device.ospf.length, 1);
    assert.deepEqual({ id: device.ospf[0].id, version: device.ospf[0].version, areas: device.ospf[0].areas.map((a) => `${a.id} ${a.type}`) }, { id: 'ospf1', version: 2, areas: ['0.0.0.0 normal'] });
    assert.deepEqual(device.ospfInterfaces.map(summary), [
      { name: 'vlan7', area: '0.0.0.0', type: 'broadcast', hello: 2, dead: 10, priority: 1, cost: 5, passive: false, auth: 'keyed-md5', version: 2 },
      { name: 'vlan500', area: '0.0.0.0', type: 'broadcast', hello: 2, dead: 10, priority: 1, cost: 5, passive: false, auth: 'keyed-md5', version: 2 },
      { name: 'lo1', area: '0.0.0.0', type: 'broadcast', hello: 10, dead: 40, priority: 1, cost: 10, passive: true, auth: 'none', version: 2 },
      { name: 'vlan1001', area: '0.0.0.0', type: 'broadcast', hello: 10, dead: 40, priority: 1, cost: 10, passive: true, auth: 'none', version: 2 },
    ]);
    const vlan7 = device.ospfInterfaces[0];
    assert.equal(vlan7.networkType.default, 'BIRD autodetects the type from the interface; assumed broadcast');
    assert.match(vlan7.auth.default ?? '', /keyed md5/);
    const key = vlan7.auth.value.key!;
    assert.equal(key.plain, 'password');
    assert.equal(SEED_V4.slice(key.range.start, key.range.end), '"password"');
    assert.equal(vlan7.auth.value.keyId, 1);
    assert.equal(model.maskSecret(key), '******** (8 chars)');
    assert.equal(device.ospfInterfaces[2].dead.default, 'BIRD: dead count 4 × hello 10 s (dead count default 4)');
    assert.equal(device.ospfInterfaces[0].prefix, undefined, 'no prefix written: netcfg.yaml may supply it');
  });

  it('bird6.conf is OSPFv3 (BIRD 1.x bird6 semantics)', () => {
    const { device } = lower(SEED_V6_STUB, 'bird6.conf');
    assert.equal(device.ospf[0].id, 'ospf_v6');
    assert.equal(device.ospf[0].version, 3);
    assert.deepEqual(device.ospfInterfaces.map((i) => `${i.interfaceName} v${i.version} ${i.auth.value.type}`), ['vlan7 v3 none', 'vlan500 v3 none', 'lo1 v3 none', 'vlan1001 v3 none']);
  });
});

describe('bird lowering of BIRD 2 configs', () => {
  const text = `router id 192.0.2.1;
template ospf base { area 0 { interface "x"; }; }
protocol ospf v3 core {
  ipv6 { import all; export none; };
  area 0.0.0.1 {
    nssa;
    interface "eth0" {
      type ptmp;
      hello 5;
      dead count 3;
      priority 0;
      authentication cryptographic;
      password "s3cret" { id 7; };
      neighbors { fe80::1; fe80::2 eligible; };
    };
    interface "eth1", -"eth1.5" {
      dead 20;
      dead count 9;
    };
    interface "eth2";
  };
}
`;
  it('resolves effective values: dead count × hello, dead wins over dead count, v3 default hmac-sha256, key id', () => {
    const { device, diagnostics } = lower(text);
    assert.deepEqual(diagnostics.filter((d) => d.severity !== 'hint').map((d) => d.code), []);
    assert.equal(device.name, 'r1');
    assert.equal(device.ospf[0].routerId?.value, '192.0.2.1');
    assert.deepEqual(device.ospf[0].areas.map((a) => `${a.id} ${a.type}`), ['0.0.0.1 nssa']);
    assert.deepEqual(device.ospf[0].neighbors.map((n) => n.value), ['fe80::1', 'fe80::2']);
    assert.deepEqual(device.ospfInterfaces.map(summary), [
      { name: 'eth0', area: '0.0.0.1', type: 'point-to-multipoint', hello: 5, dead: 15, priority: 0, cost: 10, passive: false, auth: 'hmac-sha256', version: 3 },
      { name: 'eth1', area: '0.0.0.1', type: 'broadcast', hello: 10, dead: 20, priority: 1, cost: 10, passive: false, auth: 'none', version: 3 },
      { name: 'eth2', area: '0.0.0.1', type: 'broadcast', hello: 10, dead: 40, priority: 1, cost: 10, passive: false, auth: 'none', version: 3 },
    ]);
    assert.equal(device.ospfInterfaces[0].auth.value.keyId, 7);
    assert.equal(device.ospfInterfaces[0].areaType, 'nssa');
    assert.deepEqual(device.ospfInterfaces[0].neighbors.map((n) => n.value), ['fe80::1', 'fe80::2']);
  });

  it('setters replace a written value or insert the statement in the interface block', () => {
    const { device } = lower(text);
    const [eth0, eth1, eth2] = device.ospfInterfaces;
    const apply = (edits: model.Edit[] | undefined) => applyEdits(text, edits!);
    assert.match(apply(eth0.hello.set!(10)), /\n {6}hello 10;\n/);
    assert.match(apply(eth0.networkType.set!('broadcast')), /type broadcast;/);
    assert.equal(eth0.networkType.set!('virtual-link'), undefined);
    assert.match(apply(eth1.hello.set!(5)), /dead count 9;\n {6}hello 5;\n {4}\};/);
    assert.match(apply(eth1.priority.set!(0)), /dead count 9;\n {6}priority 0;\n/);
    assert.match(apply(eth2.dead.set!(40)), /interface "eth2" \{ dead 40; \};/);
    assert.match(apply(eth0.dead.set!(40)), /dead count 3;\n {6}priority 0;[\s\S]*neighbors \{ fe80::1; fe80::2 eligible; \};\n {6}dead 40;\n/);
    // BIRD strings have no escapes: a backslash is written as is and read back as is; a quote cannot be written.
    assert.match(apply(eth0.setAuthKey!('n\\ew')), /password "n\\ew" \{ id 7; \};/);
    assert.equal(lower(apply(eth0.setAuthKey!('n\\ew'))).device.ospfInterfaces[0].auth.value.key?.plain, 'n\\ew');
    assert.equal(eth0.setAuthKey!('n"ew'), undefined);
    assert.equal(eth2.setAuthKey!('two\nlines'), undefined);
    assert.match(apply(eth2.setAuthKey!('k')), /interface "eth2" \{ password "k"; \};/);
    // Every setter result parses back to the value it set.
    const again = lower(apply(eth1.hello.set!(5))).device.ospfInterfaces[1];
    assert.equal(again.hello.value, 5);
    assert.equal(again.dead.value, 20);
  });

  it('inserts into a one-line block on the same line', () => {
    const t = 'protocol ospf { area 0 { interface "e" { cost 5; }; }; }\n';
    const itf = lower(t).device.ospfInterfaces[0];
    assert.equal(applyEdits(t, itf.hello.set!(30)!), 'protocol ospf { area 0 { interface "e" { cost 5; hello 30; }; }; }\n');
    const t2 = 'protocol ospf { area 0 { interface "e" { }; }; }\n';
    const itf2 = lower(t2).device.ospfInterfaces[0];
    assert.equal(applyEdits(t2, itf2.hello.set!(30)!), 'protocol ospf { area 0 { interface "e" { hello 30; }; }; }\n');
  });

  it('uses the interface block prefix for OSPFv2 and the router id as name for generic file names', () => {
    const { device } = lower('router id 10.9.9.9;\nprotocol ospf { area 0 { interface "tun*" 10.1.0.0/16 { type ptp; }; }; }\n', 'bird.conf');
    assert.equal(device.name, '10.9.9.9');
    assert.equal(device.ospfInterfaces[0].prefix, '10.1.0.0/16');
    assert.equal(device.ospfInterfaces[0].networkType.value, 'point-to-point');
  });

  it('records definitions and references: templates, filters, functions, constants, tables', () => {
    const t = `define ASN = 65000;
ipv4 table t2;
filter f1 { if bgp_path.len > ASN then reject; accept; }
function small() { return net.len > 24; }
template bgp peers { local as ASN; }
protocol bgp b1 from peers { neighbor 192.0.2.2 as 65001; ipv4 { table t2; import filter f1; export where small(); }; }
protocol bgp b2 from nope { ipv4 { import filter absent; }; }
`;
    const { device } = lower(t);
    const defs = device.definitions.filter((d) => d.kind !== 'bird-protocol').map((d) => `${d.kind} ${d.name}`);
    assert.deepEqual(defs, ['bird-constant ASN', 'bird-table t2', 'bird-filter f1', 'bird-function small', 'bird-template peers']);
    const refs = device.references.map((r) => `${r.kind} ${r.name} ${t.slice(r.range.start, r.range.end)}`).sort();
    assert.deepEqual(refs, [
      'bird-constant ASN ASN',
      'bird-constant ASN ASN',
      'bird-filter absent absent',
      'bird-filter f1 f1',
      'bird-function small small',
      'bird-table t2 t2',
      'bird-template nope nope',
      'bird-template peers peers',
    ]);
  });

  it('does not report references as undefined when the file includes others', () => {
    const { device } = lower('include "filters.conf";\nprotocol kernel { ipv4 { export filter from_elsewhere; }; }\n');
    assert.deepEqual(device.references, []);
    assert.equal(device.platformVersion, 'BIRD 2');
  });
});
