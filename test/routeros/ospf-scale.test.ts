// Issue 16: OSPF lowering of a RouterOS file with tens of thousands of interfaces must stay linear. The old code
// looked every interface up with a `find` over all interfaces (and every v6 address with a `find` over all
// networks): the work is counted here (predicate calls of Array find/findIndex/some/filter/every during lowering),
// not timed, so the test is deterministic.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { routerosDialect } from '../../server/src/dialects/routeros';

function lower(text: string) {
  return routerosDialect.lower(routerosDialect.parse(text, {}), 'file:///scale.rsc', {});
}

/** Predicate calls made by the Array methods that scan while `fn` runs. */
function predicateCalls(fn: () => void): number {
  const names = ['find', 'findIndex', 'some', 'filter', 'every'] as const;
  const saved = names.map((n) => Array.prototype[n]);
  let calls = 0;
  names.forEach((n, k) => {
    const orig = saved[k] as (this: unknown[], pred: (...a: unknown[]) => unknown, thisArg?: unknown) => unknown;
    (Array.prototype as unknown as Record<string, unknown>)[n] = function (this: unknown[], pred: (...a: unknown[]) => unknown, thisArg?: unknown) {
      return orig.call(this, (...a: unknown[]) => (calls++, pred.apply(thisArg, a)));
    };
  });
  try {
    fn();
  } finally {
    names.forEach((n, k) => ((Array.prototype as unknown as Record<string, unknown>)[n] = saved[k]));
  }
  return calls;
}

function v7(n: number): string {
  const out = ['# 2026-01-02 10:00:00 by RouterOS 7.15', '/interface vlan'];
  for (let i = 0; i < n; i++) out.push(`add interface=ether1 name=vlan${i} vlan-id=${(i % 4000) + 1}`);
  out.push('/ip address');
  for (let i = 0; i < n; i++) out.push(`add address=10.${(i >> 8) & 255}.${i & 255}.1/24 interface=vlan${i}`);
  out.push('/routing ospf instance', 'add name=v2 router-id=192.0.2.1', '/routing ospf area', 'add instance=v2 name=a0 area-id=0.0.0.0', 'add instance=v2 name=a1 area-id=0.0.0.1');
  out.push('/routing ospf interface-template', 'add area=a1 interfaces=vlan3 networks=172.16.0.0/12', 'add area=a0 networks=10.0.0.0/16', 'add area=a1 interfaces=vlan2,vlan70000 type=ptp', 'add area=a1 networks=10.0.0.0/8');
  return `${out.join('\n')}\n`;
}

function v6(n: number): string {
  const out = ['# jan/02/2019 10:00:00 by RouterOS 6.45.9', '/interface vlan'];
  for (let i = 0; i < n; i++) out.push(`add interface=ether1 name=vlan${i} vlan-id=${(i % 4000) + 1}`);
  out.push('/ip address');
  for (let i = 0; i < n; i++) out.push(`add address=10.${(i >> 8) & 255}.${i & 255}.1/24 interface=vlan${i}`);
  out.push('/routing ospf area', 'add name=a1 area-id=0.0.0.1', '/routing ospf network');
  for (let i = 0; i < n; i += 2) out.push(`add area=a1 network=10.${(i >> 8) & 255}.${i & 255}.0/24`);
  out.push('add area=backbone network=10.0.0.0/8', '/routing ospf interface', 'add interface=vlan1 network-type=point-to-point', 'add interface=all passive=yes');
  return `${out.join('\n')}\n`;
}

describe('RouterOS OSPF lowering of many interfaces (issue 16)', () => {
  it('v7 interface templates: each interface takes the first template that selects it', () => {
    const { device } = lower(v7(300));
    const by = (n: string) => device.ospfInterfaces.filter((i) => i.interfaceName === n);
    assert.equal(device.ospfInterfaces.length, 300 + 1); // every vlan, and vlan70000 (listed, no address: no prefix)
    // vlan3: its own template's networks do not match, so the first networks-only template (10.0.0.0/16) takes it.
    assert.deepEqual(by('vlan3').map((i) => [i.area.value, i.prefix]), [['0.0.0.0', '10.0.3.0/24']]);
    // vlan2 is listed by the third template, but the second (networks 10.0.0.0/16) comes first in the file.
    assert.deepEqual(by('vlan2').map((i) => [i.area.value, i.networkType.value]), [['0.0.0.0', 'broadcast']]);
    assert.deepEqual(by('vlan70000').map((i) => [i.area.value, i.networkType.value, i.prefix]), [['0.0.0.1', 'point-to-point', undefined]]);
    // 10.1.x.x is outside 10.0.0.0/16: the last template (10.0.0.0/8, area a1).
    assert.deepEqual(by('vlan256').map((i) => [i.area.value, i.prefix]), [['0.0.0.1', '10.1.0.0/24']]);
  });

  it('v6 networks: the first network containing the address, the interface override before `all`', () => {
    const { device } = lower(v6(300));
    const by = (n: string) => device.ospfInterfaces.find((i) => i.interfaceName === n)!;
    assert.equal(device.ospfInterfaces.length, 300);
    assert.equal(by('vlan0').area.value, '0.0.0.1');
    assert.equal(by('vlan1').area.value, '0.0.0.0'); // 10.0.1.0/24 is not listed: 10.0.0.0/8
    assert.equal(by('vlan1').networkType.value, 'point-to-point');
    assert.equal(by('vlan1').passive.value, false);
    assert.equal(by('vlan4').passive.value, true);
  });

  for (const [label, build] of [['v7 templates', v7], ['v6 networks', v6]] as const) {
    it(`${label}: scanning work grows linearly with the interfaces`, () => {
      const small = predicateCalls(() => lower(build(2_000)));
      const big = predicateCalls(() => lower(build(8_000)));
      // Linear: about ×4. The old lookups made it ×16 (a `find` over every interface per interface).
      assert.ok(big < 5 * small, `${label}: ${small} predicate calls for 2,000 interfaces, ${big} for 8,000 (x${(big / small).toFixed(1)})`);
    });
  }
});
