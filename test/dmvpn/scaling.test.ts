// Pairing of one multipoint cloud is linear (issue 16): a DMVPN hub with N spokes on one mGRE subnet makes N pairs,
// not N²/2, whatever N; the pair checks run and the link candidates pairing weighs grow with N, and spokes of one
// cloud (mGRE with NHRP, or phase 1 point-to-point GRE) are never checked against each other. Counts, not times.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PairIndex } from '../../server/src/analysis/pairing';
import { PAIR_CHECKS } from '../../server/src/analysis/registry';
import { createLanguageService } from '../../server/src/service';

const HUB = `hostname hub
!
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key cloud-key address 0.0.0.0 0.0.0.0
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode transport
!
crypto ipsec profile DMVPN
 set transform-set TS
!
interface Tunnel0
 ip address 10.0.0.1 255.255.0.0
 ip nhrp authentication nhrpkey
 ip nhrp map multicast dynamic
 ip nhrp network-id 100
 ip ospf network broadcast
 ip ospf priority 255
 tunnel source GigabitEthernet0/0
 tunnel mode gre multipoint
 tunnel key 100
 tunnel protection ipsec profile DMVPN
!
interface GigabitEthernet0/0
 ip address 198.51.100.1 255.255.255.0
!
router ospf 1
 router-id 192.0.2.1
 network 10.0.0.0 0.0.255.255 area 0
!
end
`;

/** Spoke `i` of the cloud: mGRE with NHS (phase 2/3), or point-to-point GRE to the hub (phase 1); `extra` goes into Tunnel0. */
function spoke(i: number, { phase1 = false, extra = '' } = {}): string {
  return `hostname spoke${i}
!
crypto isakmp policy 10
 encr aes 256
 hash sha256
 authentication pre-share
 group 14
crypto isakmp key cloud-key address 0.0.0.0 0.0.0.0
!
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode transport
!
crypto ipsec profile DMVPN
 set transform-set TS
!
interface Tunnel0
 ip address 10.0.${i >> 8}.${i & 255} 255.255.0.0
${extra} ip nhrp authentication nhrpkey
 ip nhrp map 10.0.0.1 198.51.100.1
 ip nhrp map multicast 198.51.100.1
 ip nhrp network-id 100
 ip nhrp nhs 10.0.0.1
 ip ospf network broadcast
 ip ospf priority 0
 tunnel source GigabitEthernet0/0
${phase1 ? ' tunnel destination 198.51.100.1\n' : ' tunnel mode gre multipoint\n'} tunnel key 100
 tunnel protection ipsec profile DMVPN
!
interface GigabitEthernet0/0
 ip address 100.${64 + (i >> 8)}.${i & 255}.2 255.255.255.0
!
router ospf 1
 router-id 192.0.${2 + (i >> 8)}.${i & 255}
 network 10.0.0.0 0.0.255.255 area 0
!
end
`;
}

/** What checking a cloud costs, in counted steps. */
interface Counts {
  /** Sum over devices of their partners (2 × pairs). */
  partners: number;
  /** Calls of each pair check (one per pair and check). */
  pairChecks: number;
  /** Candidates pairing weighed: devices met on a link (`meetOnLink`) and targeted addresses resolved (`chooseTarget`). */
  linkCandidates: number;
  targetChoices: number;
  errors: string[];
}

/** Counts the work of checking a hub and `n` spokes in a fresh service (every file's findings, as the CLI asks). */
function cloud(n: number, phase1 = false): Counts {
  const counts: Counts = { partners: 0, pairChecks: 0, linkCandidates: 0, targetChoices: 0, errors: [] };
  const proto = PairIndex.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const restore: (() => void)[] = [];
  const count = <T>(obj: Record<string, T>, name: string, bump: () => void) => {
    const original = obj[name] as unknown as (...args: unknown[]) => unknown;
    (obj as Record<string, unknown>)[name] = function (this: unknown, ...args: unknown[]) {
      bump();
      return original.apply(this, args);
    };
    restore.push(() => ((obj as Record<string, unknown>)[name] = original));
  };
  count(proto, 'meetOnLink', () => counts.linkCandidates++);
  count(proto, 'chooseTarget', () => counts.targetChoices++);
  for (const check of PAIR_CHECKS) count(check as unknown as Record<string, unknown>, 'check', () => counts.pairChecks++);
  try {
    const service = createLanguageService();
    const uris = ['file:///cloud/hub.ios'];
    service.setDocument(uris[0], HUB, 1);
    for (let i = 2; i < n + 2; i++) {
      const uri = `file:///cloud/spoke${i}.ios`;
      uris.push(uri);
      service.setDocument(uri, spoke(i, { phase1 }), 1);
    }
    for (const uri of uris) {
      counts.partners += service.partners(uri).length;
      for (const f of service.getFindings(uri)) if (f.severity === 'error') counts.errors.push(`${uri.slice(14)} ${f.code}`);
    }
  } finally {
    for (const r of restore) r();
  }
  return counts;
}

describe('a DMVPN hub with N spokes costs O(N)', () => {
  for (const phase1 of [false, true]) {
    it(`${phase1 ? 'phase 1 (point-to-point GRE)' : 'mGRE + NHRP'} spokes: pairs, pair checks and link candidates are linear in N`, () => {
      const small = cloud(50, phase1);
      const big = cloud(200, phase1);
      assert.deepEqual(small.errors, []);
      assert.deepEqual(big.errors, []);
      // Exactly one pair per spoke (hub ↔ spoke), each checked once by every pair check.
      assert.equal(small.partners, 2 * 50);
      assert.equal(big.partners, 2 * 200);
      assert.equal(small.pairChecks, 50 * PAIR_CHECKS.length);
      assert.equal(big.pairChecks, 200 * PAIR_CHECKS.length);
      // Candidates weighed: linear (4× the spokes, at most ~4× the work; pairing spokes with each other would be 16×).
      assert.ok(small.targetChoices >= 50, 'every spoke resolves the hub address it targets');
      assert.ok(big.targetChoices + big.linkCandidates <= 4.5 * (small.targetChoices + small.linkCandidates), `candidates ${JSON.stringify(small)} → ${JSON.stringify(big)}`);
    });
  }
});

describe('spokes of one cloud are not checked against each other', () => {
  const codes = (files: Record<string, string>) => {
    const service = createLanguageService();
    for (const [name, text] of Object.entries(files)) service.setDocument(`file:///c/${name}`, text, 1);
    return Object.keys(files)
      .flatMap((name) => service.getFindings(`file:///c/${name}`).map((f) => `${name} ${f.severity} ${f.code}`))
      .sort();
  };
  // `ip mtu` on the spokes only: the hub's tunnel has no MTU of its own to compare, the two spokes differ.
  const mtu = (i: number, value: number, phase1 = false) => spoke(i, { phase1, extra: ` ip mtu ${value}\n` });

  it('two mGRE spokes with different MTUs: no spoke↔spoke ospf/mtu-mismatch', () => {
    assert.deepEqual(codes({ 'hub.ios': HUB, 'spoke2.ios': mtu(2, 1400), 'spoke3.ios': mtu(3, 1300) }), []);
  });
  it('two phase 1 spokes with different MTUs: no spoke↔spoke ospf/mtu-mismatch', () => {
    assert.deepEqual(codes({ 'hub.ios': HUB, 'spoke2.ios': mtu(2, 1400, true), 'spoke3.ios': mtu(3, 1300, true) }), []);
  });
  it('the same two routers as direct neighbours (mGRE without an NHS: a full mesh) are compared', () => {
    const mesh = (text: string) => text.replace(' ip nhrp nhs 10.0.0.1\n', '').replace(' ip ospf priority 0\n', '');
    assert.deepEqual(codes({ 'spoke2.ios': mesh(mtu(2, 1400)), 'spoke3.ios': mesh(mtu(3, 1300)) }), ['spoke2.ios error ospf/mtu-mismatch', 'spoke3.ios error ospf/mtu-mismatch']);
  });
});

describe('a template router id on every spoke', () => {
  it('each of 30 spokes reports the 29 others (3 named, 10 related), the hub nothing', () => {
    const service = createLanguageService();
    service.setDocument('file:///t/hub.ios', HUB, 1);
    for (let i = 2; i < 32; i++) service.setDocument(`file:///t/spoke${i}.ios`, spoke(i).replace(/ router-id \S+/, ' router-id 192.0.2.99'), 1);
    assert.deepEqual(service.getFindings('file:///t/hub.ios'), []);
    for (let i = 2; i < 32; i++) {
      const dup = service.getFindings(`file:///t/spoke${i}.ios`).filter((f) => f.code === 'ospf/duplicate-router-id');
      assert.equal(dup.length, 1, `spoke${i}`);
      const named = [2, 3, 4, 5].filter((k) => k !== i).slice(0, 3).map((k) => `spoke${k}`);
      assert.match(dup[0].message, new RegExp(`router id 192\\.0\\.2\\.99 is also used by ${named.join(', ')} and 26 more:`));
      assert.equal(dup[0].related.length, 10);
      assert.ok(dup[0].related.every((r) => r.uri !== `file:///t/spoke${i}.ios`));
    }
  });
});

describe('a BIRD interface pattern with host bits', () => {
  const bird = (prefix: string) => `router id 10.253.0.1;
protocol ospf v2 core {
	ipv4 { import all; export none; };
	area 0 {
		interface "eth0" ${prefix} { cost 10; };
	};
}
`;
  const ios = `hostname core
interface GigabitEthernet0/1
 ip address 10.254.0.1 255.255.255.0
router ospf 1
 router-id 192.0.2.1
 network 10.254.0.0 0.0.0.255 area 0
end
`;
  const partners = (prefix: string) => {
    const service = createLanguageService();
    service.setDocument('file:///b/bird.conf', bird(prefix), 1);
    service.setDocument('file:///b/core.ios', ios, 1);
    return service.partners('file:///b/core.ios');
  };
  it('pairs on its network (10.254.0.10/24 is the segment 10.254.0.0/24)', () => {
    assert.deepEqual(partners('10.254.0.10/24'), ['file:///b/bird.conf']);
    assert.deepEqual(partners('10.254.0.0/24'), ['file:///b/bird.conf']);
  });
  it('does not pair on another segment', () => {
    assert.deepEqual(partners('10.254.1.10/24'), []);
  });
});
