// Issue 16: `lowerOspf3Processes` looks at every top-level line for `ipv6 router ospf N` / `router ospfv3 N`. It used
// to lower-case every word of every line first (1.5% of a fleet's lowering with no OSPFv3 at all); now a line that
// cannot open a process costs one length check. The work is counted (word arrays built and strings lower-cased
// while the method runs), not timed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { iosDialect } from '../../server/src/dialects/ios';
import { IosOspfLowering } from '../../server/src/dialects/ios/lower/ospf';

/** Lowers `text`, counting `Array#map` and `String#toLowerCase` calls made inside `lowerOspf3Processes`. */
function lowerCounting(text: string) {
  const proto = IosOspfLowering.prototype as unknown as { lowerOspf3Processes(): void };
  const method = proto.lowerOspf3Processes;
  const { map } = Array.prototype;
  const { toLowerCase } = String.prototype;
  let calls = 0;
  proto.lowerOspf3Processes = function (this: unknown) {
    Array.prototype.map = function (this: unknown[], ...a: Parameters<typeof map>) {
      calls++;
      return map.apply(this, a);
    } as typeof map;
    String.prototype.toLowerCase = function (this: string) {
      calls++;
      return toLowerCase.call(this);
    };
    try {
      method.call(this);
    } finally {
      Array.prototype.map = map;
      String.prototype.toLowerCase = toLowerCase;
    }
  };
  try {
    const { device } = iosDialect.lower(iosDialect.parse(text, {}), 'file:///t/r1.ios', {});
    return { device, calls };
  } finally {
    proto.lowerOspf3Processes = method;
  }
}

function router(aclLines: number, v3 = ''): string {
  const out = ['hostname r1', 'interface GigabitEthernet0/0', ' ip address 192.0.2.1 255.255.255.0', ' ipv6 address 2001:db8::1/64', 'router ospf 1', ' network 192.0.2.0 0.0.0.255 area 0'];
  for (let i = 0; i < aclLines; i++) out.push(`access-list 101 permit tcp any host 10.${(i >> 8) & 255}.${i & 255}.1 eq ${1000 + (i % 5000)}`);
  out.push('ip route 0.0.0.0 0.0.0.0 192.0.2.254', 'line vty 0 4', ' login');
  return `${out.join('\n')}\n${v3}`;
}

describe('IOS OSPFv3 process scan (issue 16)', () => {
  it('costs nothing per line on a router without OSPFv3', () => {
    const { device, calls } = lowerCounting(router(5_000));
    assert.deepEqual(device.ospf.map((p) => [p.id, p.version]), [['1', 2]]);
    // `router ospf 1` and `line vty 0 4` have a 6- or 4-letter first word: a few lower-cased words each, nothing for
    // the 5,000 ACL lines (the old code: a word array and a lower-cased string per word of every line).
    assert.ok(calls <= 6, `${calls} word operations for a router without OSPFv3`);
  });

  it('still finds both OSPFv3 spellings, in any case', () => {
    const { device } = lowerCounting(router(10, 'IPv6 Router OSPF 7\n router-id 1.1.1.1\n area 1 stub\nrouter ospfv3 8\n router-id 2.2.2.2\n'));
    assert.deepEqual(device.ospf.map((p) => [p.id, p.version, p.routerId?.value]), [['1', 2, undefined], ['7', 3, '1.1.1.1'], ['8', 3, '2.2.2.2']]);
    assert.deepEqual(device.ospf[1].areas, [{ id: '0.0.0.1', type: 'stub' }]);
  });
});
