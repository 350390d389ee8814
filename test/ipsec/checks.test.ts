// Unit tests of the cross-file IPsec verdicts on hand-built devices (test/ipsec/build.ts): every code with a
// failing and a clean variant, exact ranges, fixes applied in both directions, and secrets never shown.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IPSEC_DEVICE_CHECKS, IPSEC_PAIR_CHECKS, ipsecSummaryProvider } from '../../server/src/analysis/ipsec';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../server/src/analysis/types';
import type * as model from '../../server/src/model';
import { Pair } from './build';

const ctx = (s: Partial<AnalysisSettings> = {}) => ({ settings: { ...DEFAULT_ANALYSIS_SETTINGS, ...s } });

function pairFindings(p: Pair): model.Finding[] {
  const a = p.a;
  const b = p.b;
  return IPSEC_PAIR_CHECKS.flatMap((c) => c.check(a, b, ctx()));
}

/** `a:code:severity@text` per finding, sorted, for compact exact assertions. */
function summary(p: Pair, fs: model.Finding[]): string[] {
  return fs
    .map((f) => {
      const side = f.uri.endsWith('/a') ? 'a' : 'b';
      const text = p.texts.get(f.uri)!.slice(f.range.start, f.range.end);
      return `${side}:${f.code}:${f.severity}@${text}`;
    })
    .sort();
}

const R1 = `device r1
addr 10.0.0.1
key 10.0.0.2/32 MYKEY
peer vpn remote=10.0.0.2
p1 enc=aes-cbc-256 hash=sha1 dh=modp2048 auth=psk life=86400
p2 enc=aes-cbc-256 integ=sha1
sel 192.168.1.0/24 192.168.2.0/24
`;

const R2 = `device r2
addr 10.0.0.2
key 10.0.0.1/32 MYKEY
peer vpn remote=10.0.0.1
p1 enc=aes-cbc-256 hash=sha1 dh=modp2048 auth=psk life=86400
p2 enc=aes-cbc-256 integ=sha1
sel 192.168.2.0/24 192.168.1.0/24
`;

function assertClean(p: Pair): void {
  assert.deepEqual(summary(p, pairFindings(p)), []);
}

/** Applies the named fix of the first finding with `code` on `side`, then both ends must check clean. */
function roundTrip(a: string, b: string, code: string, side: 'a' | 'b', titleStart: string): void {
  const p = new Pair(a, b);
  const f = pairFindings(p).find((x) => x.code === code && x.uri.endsWith(`/${side}`));
  assert.ok(f, `no ${code} on ${side}`);
  const fx = f.fixes.find((x) => x.title.startsWith(titleStart));
  assert.ok(fx, `no fix "${titleStart}…" among ${f.fixes.map((x) => x.title).join(' | ')}`);
  p.apply(fx);
  assertClean(p);
}

describe('ipsec pairing', () => {
  it('a matching pair is clean', () => assertClean(new Pair(R1, R2)));

  it('a peer whose remote is not an address of the other device yields nothing', () => {
    const p = new Pair(R1, R2.replace('addr 10.0.0.2', 'addr 10.0.0.9').replace('MYKEY', 'OTHER'));
    assert.deepEqual(pairFindings(p), []);
  });

  it('a wildcard responder pairs with an initiator targeting it and selects its most specific key', () => {
    const hub = `device hub
addr 10.0.0.2
key 0.0.0.0/0 WILDKEY
key 10.0.0.0/24 SUBNETKEY
peer dyn any=0.0.0.0/0
p1 enc=aes-cbc-256 hash=sha1 dh=modp2048 auth=psk
p2 enc=aes-cbc-256 integ=sha1
`;
    const spoke = (key: string) => R1.replace('MYKEY', key).replace('sel 192.168.1.0/24 192.168.2.0/24\n', '');
    assertClean(new Pair(spoke('SUBNETKEY'), hub));
    const p = new Pair(spoke('WILDKEY'), hub);
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/psk-mismatch:error@WILDKEY', 'b:ipsec/psk-mismatch:error@SUBNETKEY']);
  });
});

describe('ipsec/psk-*', () => {
  const bad = R2.replace('key 10.0.0.1/32 MYKEY', 'key 10.0.0.1/32 MY_KEY');

  it('psk-mismatch on both ends at the key, with related info at the other key', () => {
    const p = new Pair(R1, bad);
    const fs = pairFindings(p);
    assert.deepEqual(summary(p, fs), ['a:ipsec/psk-mismatch:error@MYKEY', 'b:ipsec/psk-mismatch:error@MY_KEY']);
    const fa = fs.find((f) => f.uri.endsWith('/a'))!;
    assert.equal(fa.related[0].uri, 'toy:///b');
    assert.deepEqual(fa.related[0].range, p.rangeOf('b', 'MY_KEY'));
    assert.match(fa.message, / \*{5} \(5 chars\)/);
  });

  it('never shows the secret in messages, related info or fix titles', () => {
    const p = new Pair(R1.replace(/MYKEY/g, 'SUPERSECRET1'), bad.replace('MY_KEY', 'SUPERSECRET2'));
    const text = JSON.stringify(pairFindings(p).map((f) => [f.message, f.related.map((r) => r.message), f.fixes.map((x) => x.title)]));
    assert.ok(!text.includes('SUPERSECRET'), text);
    assert.ok(text.includes("Use r2's pre-shared key"));
  });

  it('says "differs only in case/whitespace/quoting"', () => {
    const p = new Pair(R1, R2.replace('10.0.0.1/32 MYKEY', '10.0.0.1/32 mykey'));
    const f = pairFindings(p).find((x) => x.code === 'ipsec/psk-mismatch')!;
    assert.match(f.message, /differs only in case\/whitespace\/quoting/);
  });

  it('fixes round-trip in both directions', () => {
    roundTrip(R1, bad, 'ipsec/psk-mismatch', 'a', "Use r2's pre-shared key");
    roundTrip(R1, bad, 'ipsec/psk-mismatch', 'a', 'Make r2 use this side');
    roundTrip(R1, bad, 'ipsec/psk-mismatch', 'b', "Use r1's pre-shared key");
  });

  it('psk-unverifiable (information) when a key is masked, no fix', () => {
    const p = new Pair(R1, R2.replace('key 10.0.0.1/32 MYKEY', 'key 10.0.0.1/32 ***** kind=masked'));
    const fs = pairFindings(p);
    assert.deepEqual(summary(p, fs), ['a:ipsec/psk-unverifiable:information@MYKEY', 'b:ipsec/psk-unverifiable:information@*****']);
    assert.match(fs[0].message, /masked by the device/);
    assert.deepEqual(fs.flatMap((f) => f.fixes), []);
  });

  it('psk-missing on both ends when one side has no key for the other', () => {
    const noKey = R2.replace('key 10.0.0.1/32 MYKEY\n', '');
    const p = new Pair(R1, noKey);
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/psk-missing:error@MYKEY', 'b:ipsec/psk-missing:error@peer vpn remote=10.0.0.1']);
    roundTrip(R1, noKey, 'ipsec/psk-missing', 'b', "Use r1's pre-shared key");
    roundTrip(R1, noKey, 'ipsec/psk-missing', 'a', 'Make r2 use this side');
  });

  it('no PSK check when the other end authenticates with certificates (that is a proposal mismatch)', () => {
    const p = new Pair(R1, R2.replace('auth=psk', 'auth=rsa-sig').replace('key 10.0.0.1/32 MYKEY\n', ''));
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/ike-proposal-mismatch:error@p1 enc=aes-cbc-256 hash=sha1 dh=modp2048 auth=psk life=86400', 'b:ipsec/ike-proposal-mismatch:error@p1 enc=aes-cbc-256 hash=sha1 dh=modp2048 auth=rsa-sig life=86400']);
  });
});

describe('ipsec/ike-proposal-mismatch', () => {
  const bad = R2.replace('p1 enc=aes-cbc-256 hash=sha1 dh=modp2048 auth=psk life=86400', 'p1 enc=3des');

  it('reports both ends at the proposal, listing both sides with defaults marked', () => {
    const p = new Pair(R1, bad);
    const fs = pairFindings(p);
    assert.deepEqual(summary(p, fs), ['a:ipsec/ike-proposal-mismatch:error@p1 enc=aes-cbc-256 hash=sha1 dh=modp2048 auth=psk life=86400', 'b:ipsec/ike-proposal-mismatch:error@p1 enc=3des']);
    const fb = fs.find((f) => f.uri.endsWith('/b'))!;
    assert.match(fb.message, /this side offers p1#1: 3des \/ sha1 \(default\) \/ modp1024 \(group 2\) \(default\)/);
    assert.match(fb.message, /r1 \(peer vpn\) offers p1#1: aes-cbc-256 \/ sha1 \/ modp2048 \(group 14\) \/ psk/);
  });

  it('fixes round-trip in both directions', () => {
    roundTrip(R1, bad, 'ipsec/ike-proposal-mismatch', 'a', 'Make this side match r2');
    roundTrip(R1, bad, 'ipsec/ike-proposal-mismatch', 'a', 'Make r2 match this side');
    roundTrip(R1, bad, 'ipsec/ike-proposal-mismatch', 'b', 'Make this side match r1');
  });

  it('intersects proposal sets: any common proposal is enough', () => {
    const multi = R2.replace('p1 enc=aes-cbc-256 hash=sha1 dh=modp2048 auth=psk life=86400', 'p1 enc=3des prio=5\np1 enc=aes-cbc-128,aes-cbc-256 hash=sha1 dh=modp1024,modp2048 auth=psk life=86400 prio=10');
    assertClean(new Pair(R1, multi));
  });

  it('OpenBSD aes (aes-cbc-any) accepts AES-256', () => {
    assertClean(new Pair(R1.replace('p1 enc=aes-cbc-256', 'p1 enc=aes-cbc-any'), R2));
    const p = new Pair(R1.replace('p1 enc=aes-cbc-256', 'p1 enc=aes-cbc-any'), bad);
    assert.equal(pairFindings(p).filter((f) => f.code === 'ipsec/ike-proposal-mismatch').length, 2);
  });

  it('offers no fix when the dialect has no Setter', () => {
    const p = new Pair(R1, bad);
    const a = p.a;
    const b = p.b;
    a.ipsecPeers[0].setPhase1 = undefined;
    b.ipsecPeers[0].setPhase1 = undefined;
    const fs = IPSEC_PAIR_CHECKS.flatMap((c) => c.check(a, b, ctx()));
    assert.deepEqual(fs.flatMap((f) => f.fixes), []);
  });
});

describe('ipsec/esp-proposal-mismatch', () => {
  const bad = R2.replace('p2 enc=aes-cbc-256 integ=sha1', 'p2 enc=3des integ=md5');
  it('reports both ends and the fixes round-trip', () => {
    const p = new Pair(R1, bad);
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/esp-proposal-mismatch:error@p2 enc=aes-cbc-256 integ=sha1', 'b:ipsec/esp-proposal-mismatch:error@p2 enc=3des integ=md5']);
    roundTrip(R1, bad, 'ipsec/esp-proposal-mismatch', 'a', 'Make this side match r2');
    roundTrip(R1, bad, 'ipsec/esp-proposal-mismatch', 'b', 'Make r1 match this side');
  });
  it('AH vs ESP and tunnel vs transport do not agree; IOS transport falls back to tunnel', () => {
    const ah = new Pair(R1, R2.replace('p2 enc=aes-cbc-256 integ=sha1', 'p2 proto=ah integ=sha1'));
    assert.equal(pairFindings(ah).filter((f) => f.code === 'ipsec/esp-proposal-mismatch').length, 2);
    const rosTransport = `dialect routeros\n${R2.replace('p2 enc=aes-cbc-256 integ=sha1', 'p2 enc=aes-cbc-256 integ=sha1 mode=transport')}`;
    const tr = new Pair(`dialect routeros\n${R1}`, rosTransport);
    assert.equal(pairFindings(tr).filter((f) => f.code === 'ipsec/esp-proposal-mismatch').length, 2);
    assertClean(new Pair(R1, R2.replace('p2 enc=aes-cbc-256 integ=sha1', 'p2 enc=aes-cbc-256 integ=sha1 mode=transport')));
  });
  it('AEAD ciphers need no integrity algorithm', () => {
    assertClean(new Pair(R1.replace('p2 enc=aes-cbc-256 integ=sha1', 'p2 enc=aes-gcm-256 integ=none'), R2.replace('p2 enc=aes-cbc-256 integ=sha1', 'p2 enc=aes-gcm-256 integ=sha1')));
  });
});

describe('ipsec/pfs-mismatch', () => {
  it('both set and different → error on both ends; fix round-trips', () => {
    const a = R1.replace('peer vpn remote=10.0.0.2', 'peer vpn remote=10.0.0.2 pfs=modp2048');
    const b = R2.replace('peer vpn remote=10.0.0.1', 'peer vpn remote=10.0.0.1 pfs=modp1024');
    const p = new Pair(a, b);
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/pfs-mismatch:error@modp2048', 'b:ipsec/pfs-mismatch:error@modp1024']);
    roundTrip(a, b, 'ipsec/pfs-mismatch', 'a', 'Make this side match r2');
    roundTrip(a, b, 'ipsec/pfs-mismatch', 'a', 'Make r2 match this side');
  });
  it('one side without PFS, both may initiate → warning "PFS asymmetry"', () => {
    const a = R1.replace('peer vpn remote=10.0.0.2', 'peer vpn remote=10.0.0.2 pfs=modp2048');
    const p = new Pair(a, R2);
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/pfs-mismatch:warning@modp2048', 'b:ipsec/pfs-mismatch:warning@peer vpn remote=10.0.0.1']);
    assert.match(pairFindings(p)[0].message, /PFS asymmetry/);
  });
  it('a responder that requires PFS the initiator does not offer → error', () => {
    const hub = `device hub\naddr 10.0.0.2\nkey 0.0.0.0/0 MYKEY\npeer dyn any=0.0.0.0/0 pfs=modp2048\np1 enc=aes-cbc-256 hash=sha1 dh=modp2048 auth=psk\np2 enc=aes-cbc-256 integ=sha1\n`;
    const p = new Pair(R1.replace('sel 192.168.1.0/24 192.168.2.0/24\n', ''), hub);
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/pfs-mismatch:error@peer vpn remote=10.0.0.2', 'b:ipsec/pfs-mismatch:error@modp2048']);
  });
  it('Meraki cannot offer modp3072 (the OpenBSD default PFS trap) → error', () => {
    const obsd = `dialect openbsd-ipsec\n${R1.replace('peer vpn remote=10.0.0.2', 'peer vpn remote=10.0.0.2 pfs=modp3072')}`;
    const meraki = `platform Meraki MX\n${R2}`;
    const p = new Pair(obsd, meraki);
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/pfs-mismatch:error@modp3072', 'b:ipsec/pfs-mismatch:error@peer vpn remote=10.0.0.1']);
  });
});

describe('ipsec/selector-mismatch', () => {
  it('no mirror → error on both selectors', () => {
    const p = new Pair(R1, R2.replace('sel 192.168.2.0/24 192.168.1.0/24', 'sel 192.168.2.0/24 192.168.3.0/24'));
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/selector-mismatch:error@sel 192.168.1.0/24 192.168.2.0/24', 'b:ipsec/selector-mismatch:error@sel 192.168.2.0/24 192.168.3.0/24']);
  });
  it('superset on one side → warning (U-8)', () => {
    const p = new Pair(R1, R2.replace('sel 192.168.2.0/24 192.168.1.0/24', 'sel 192.168.0.0/16 192.168.1.0/24'));
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/selector-mismatch:warning@sel 192.168.1.0/24 192.168.2.0/24', 'b:ipsec/selector-mismatch:warning@sel 192.168.0.0/16 192.168.1.0/24']);
  });
  it('an extra flow on one side is reported there and on the other peer', () => {
    const p = new Pair(R1 + 'sel 192.168.10.0/24 192.168.20.0/24\n', R2);
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/selector-mismatch:error@sel 192.168.10.0/24 192.168.20.0/24', 'b:ipsec/selector-mismatch:error@peer vpn remote=10.0.0.1']);
  });
  it('protocol matters: ip vs udp', () => {
    const p = new Pair(R1, R2.replace('sel 192.168.2.0/24 192.168.1.0/24', 'sel 192.168.2.0/24 192.168.1.0/24 proto=udp'));
    assert.deepEqual(
      summary(p, pairFindings(p)).map((s) => s.split('@')[0]),
      ['a:ipsec/selector-mismatch:warning', 'b:ipsec/selector-mismatch:warning'],
    );
  });
  it('host addresses equal /32 prefixes and "any" equals 0.0.0.0/0', () => {
    assertClean(new Pair(R1.replace('sel 192.168.1.0/24 192.168.2.0/24', 'sel 192.168.1.5 any'), R2.replace('sel 192.168.2.0/24 192.168.1.0/24', 'sel 0.0.0.0/0 192.168.1.5/32')));
  });
});

describe('ipsec/ike-version-mismatch and exchange-mode-mismatch', () => {
  it('IKEv1 vs IKEv2 → error both ends, fixes round-trip', () => {
    const b = R2.replace('peer vpn remote=10.0.0.1', 'peer vpn remote=10.0.0.1 ike=2');
    const p = new Pair(R1, b);
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/ike-version-mismatch:error@peer vpn remote=10.0.0.2', 'b:ipsec/ike-version-mismatch:error@2']);
    roundTrip(R1, b, 'ipsec/ike-version-mismatch', 'a', 'Make this side match r2');
    roundTrip(R1, b, 'ipsec/ike-version-mismatch', 'a', 'Make r2 match this side');
  });
  it('main vs aggressive → error both ends', () => {
    const b = R2.replace('peer vpn remote=10.0.0.1', 'peer vpn remote=10.0.0.1 mode=aggressive');
    const p = new Pair(R1, b);
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/exchange-mode-mismatch:error@peer vpn remote=10.0.0.2', 'b:ipsec/exchange-mode-mismatch:error@aggressive']);
    roundTrip(R1, b, 'ipsec/exchange-mode-mismatch', 'b', 'Make this side match r1');
  });
  it('exchange mode is not compared for IKEv2', () => {
    const a = R1.replace('peer vpn remote=10.0.0.2', 'peer vpn remote=10.0.0.2 ike=2');
    const b = R2.replace('peer vpn remote=10.0.0.1', 'peer vpn remote=10.0.0.1 ike=2 mode=aggressive');
    assertClean(new Pair(a, b));
  });
});

describe('ipsec/lifetime-mismatch', () => {
  it('information, naming the shorter end, on non-Cisco peers', () => {
    const p = new Pair(`dialect routeros\n${R1}`, `dialect openbsd-ipsec\n${R2.replace('life=86400', 'life=28800')}`);
    const fs = pairFindings(p);
    assert.deepEqual(summary(p, fs), ['a:ipsec/lifetime-mismatch:information@86400', 'b:ipsec/lifetime-mismatch:information@28800']);
    assert.match(fs.find((f) => f.uri.endsWith('/a'))!.message, /shorter \(28800 s, r2\)/);
  });
  it('Cisco responder with a shorter lifetime than the initiator offers → warning', () => {
    const p = new Pair(`dialect routeros\n${R1}`, R2.replace('life=86400', 'life=3600'));
    const fs = pairFindings(p);
    assert.deepEqual(summary(p, fs), ['a:ipsec/lifetime-mismatch:warning@86400', 'b:ipsec/lifetime-mismatch:warning@3600']);
    assert.match(fs[0].message, /Cisco responder only accepts/);
  });
  it('phase 2 lifetimes: information', () => {
    const p = new Pair(R1.replace('peer vpn remote=10.0.0.2', 'peer vpn remote=10.0.0.2 p2life=3600'), R2.replace('peer vpn remote=10.0.0.1', 'peer vpn remote=10.0.0.1 p2life=1800'));
    assert.deepEqual(summary(p, pairFindings(p)), ['a:ipsec/lifetime-mismatch:information@3600', 'b:ipsec/lifetime-mismatch:information@1800']);
  });
  it('equal lifetimes are clean', () => assertClean(new Pair(R1, R2)));
});

describe('ipsec/weak-crypto', () => {
  const weak = `device r1
addr 10.0.0.1
peer vpn remote=10.0.0.2 pfs=modp1024
p1 enc=3des hash=md5 auth=psk
p2 enc=aes-cbc-256 integ=sha1
`;
  const run = (text: string, s: Partial<AnalysisSettings> = {}) => {
    const p = new Pair(text, R2);
    const fs = IPSEC_DEVICE_CHECKS.flatMap((c) => c.check(p.a, ctx(s)));
    return { p, fs };
  };
  it('explicit values at the value, defaults at the proposal (said to be a default)', () => {
    const { p, fs } = run(weak);
    assert.deepEqual(summary(p, fs), ['a:ipsec/weak-crypto:warning@3des', 'a:ipsec/weak-crypto:warning@md5', 'a:ipsec/weak-crypto:warning@modp1024', 'a:ipsec/weak-crypto:warning@p1 enc=3des hash=md5 auth=psk']);
    const dflt = fs.find((f) => f.message.includes('a default'))!;
    assert.match(dflt.message, /modp1024 \(group 2\)/);
    assert.match(fs[0].message, /FN72510/);
  });
  it('severity follows netcfg.weakCrypto', () => {
    assert.deepEqual(run(weak, { weakCrypto: 'off' }).fs, []);
    assert.ok(run(weak, { weakCrypto: 'error' }).fs.every((f) => f.severity === 'error'));
  });
  it('strong crypto is clean', () => {
    assert.deepEqual(run(R1.replace('dh=modp2048', 'dh=modp2048')).fs, []);
  });
});

describe('ipsec hover and code lens', () => {
  it('hover shows both ends side by side with defaults marked and secrets masked', () => {
    const p = new Pair(R1.replace(/MYKEY/g, 'SUPERSECRET1'), R2.replace('p1 enc=aes-cbc-256 hash=sha1 dh=modp2048 auth=psk life=86400', 'p1 enc=3des').replace('MYKEY', 'SUPERSECRET2'));
    const a = p.a;
    const s = ipsecSummaryProvider.summaryAt(a, a.ipsecPeers[0].range.start + 2, [p.b])!;
    assert.ok(s);
    assert.deepEqual(s.range, a.ipsecPeers[0].range);
    assert.match(s.markdown, /\| \*\*r1\*\* \(this side\) \| \*\*r2\*\* \|/);
    assert.match(s.markdown, /3des \/ sha1 \(default\)/);
    assert.match(s.markdown, /`\*{12} \(12 chars\)`/);
    assert.ok(!s.markdown.includes('SUPERSECRET'));
    assert.equal(ipsecSummaryProvider.summaryAt(a, 0, [p.b]), undefined);
  });
  it('one lens per paired peer', () => {
    const p = new Pair(R1, R2.replace('key 10.0.0.1/32 MYKEY', 'key 10.0.0.1/32 OTHER'));
    assert.deepEqual(
      ipsecSummaryProvider.lenses(p.a, [p.b]).map((l) => l.title),
      ['↔ r2: phase 1 ✓ · PSK ✗ · phase 2 ✓'],
    );
    const clean = new Pair(R1, R2);
    assert.deepEqual(ipsecSummaryProvider.lenses(clean.b, [clean.a]).map((l) => l.title), ['↔ r1: phase 1 ✓ · PSK ✓ · phase 2 ✓']);
    assert.deepEqual(ipsecSummaryProvider.lenses(clean.b, []), []);
  });
});
