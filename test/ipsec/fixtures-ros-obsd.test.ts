// Real-syntax fixtures for the IPsec verdicts between landed dialects: RouterOS ↔ OpenBSD (seed 001's
// MikroTik side against an OpenBSD gateway), OpenBSD ↔ Meraki through netcfg.yaml (seed 000); each with a clean
// variant and quick-fix round trips (after either fix, both files check clean).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertNoErrors, checkDiagnostics, loadFixture } from '../helpers/fixture';
import { errorsOf, roundTrip, under } from './fixture-util';

// Seed 001, MikroTik side (v6 syntax), with the OpenBSD gateway standing in for the Cisco router.
const MT = (secret: string, caret = '') => `//- mt.rsc
# nov/23/2026 by RouterOS 6.48
/ip address add address=10.0.0.2/24 interface=ether1
/ip ipsec proposal add name=MyProposal auth-algorithms=sha1 enc-algorithms=aes-256-cbc pfs-group=none
/ip ipsec policy add src-address=192.168.88.0/24 dst-address=192.168.0.0/24 protocol=all action=encrypt level=require ipsec-protocols=esp tunnel=yes sa-src-address=10.0.0.2 sa-dst-address=192.168.23.3 proposal=MyProposal
${MT_PEER(secret)}
${caret}`;

const OBSD = (psk: string, caret = '', main = 'main auth hmac-sha1 enc aes-256 group modp2048', mainCaret = '') => `//- ipsec.conf
ike esp from 192.168.0.0/24 to 192.168.88.0/24 local 192.168.23.3 peer 10.0.0.2 \\
  ${main} \\
${mainCaret}  quick auth hmac-sha1 enc aes-256 group none \\
  psk ${psk}
${caret}`;

const MT_PEER = (secret: string) =>
  `/ip ipsec peer add address=192.168.23.3 port=500 auth-method=pre-shared-key secret=${secret} exchange-mode=main proposal-check=obey hash-algorithm=sha1 enc-algorithm=aes-256 dh-group=modp2048 generate-policy=no`;

describe('RouterOS ↔ OpenBSD', () => {
  const mismatch =
    MT('MY_KEY', under(MT_PEER('MY_KEY'), 'MY_KEY', 'error ipsec/psk-mismatch')) +
    OBSD('MYKEY', '#     ^^^^^ error ipsec/psk-mismatch\n');

  it('catches the MY_KEY / MYKEY pre-shared key mismatch on both ends', () => {
    checkDiagnostics(mismatch);
  });

  it('clean variant: same key, no error', () => {
    const { service, files } = checkDiagnostics(MT('MYKEY') + OBSD('MYKEY'));
    assertNoErrors(service, files.map((f) => f.uri));
  });

  it('PSK fixes round-trip in both directions, from both files', () => {
    roundTrip(mismatch, 'mt.rsc', 'ipsec/psk-mismatch', "Use ipsec.conf's pre-shared key");
    roundTrip(mismatch, 'mt.rsc', 'ipsec/psk-mismatch', 'Make ipsec.conf use');
    roundTrip(mismatch, 'ipsec.conf', 'ipsec/psk-mismatch', "Use mt.rsc's pre-shared key");
  });

  it('messages never contain the keys', () => {
    const { service, files } = checkDiagnostics(mismatch);
    for (const f of files)
      for (const d of service.getFindings(f.uri)) {
        const text = [d.message, ...d.related.map((r) => r.message), ...d.fixes.map((x) => x.title)].join(' ');
        assert.ok(!/MY_?KEY/.test(text), text);
      }
  });

  const p1 =
    // The RouterOS v6 proposal is the whole peer command, at column 0, which a caret line cannot point at.
    MT('MYKEY') +
    OBSD('MYKEY', '', 'main auth hmac-sha1 enc 3des group modp2048');

  it('phase 1 mismatch (aes-256 vs 3des) is caught on both ends and either fix makes both clean', () => {
    const { service, files } = loadFixture(p1);
    const got = files.flatMap((f) => service.getFindings(f.uri).filter((d) => d.severity === 'error').map((d) => `${f.name} ${d.code} ${f.text.slice(d.range.start, d.range.end)}`));
    assert.deepEqual(got.sort(), [
      'ipsec.conf ipsec/ike-proposal-mismatch main auth hmac-sha1 enc 3des group modp2048',
      `mt.rsc ipsec/ike-proposal-mismatch ${MT_PEER('MYKEY')}`,
    ]);
    roundTrip(p1, 'mt.rsc', 'ipsec/ike-proposal-mismatch', 'Make this side match ipsec.conf');
    roundTrip(p1, 'mt.rsc', 'ipsec/ike-proposal-mismatch', 'Make ipsec.conf match this side');
  });
});

// Seed 000: OpenBSD gateway ↔ Meraki MX described in netcfg.yaml (profile meraki-mx).
const MERAKI_YAML = (caret = '') => `//- netcfg.yaml
peers:
  - name: meraki-hq
    profile: meraki-mx
${caret}    address: 198.51.100.20
    remote: 203.0.113.1
    psk: mekmitasdigoat
    local-subnets: [10.20.0.0/24]
    remote-subnets: [10.0.0.0/24]
`;
const GW = (clauses: string) => `//- ipsec.conf
ike esp from 10.0.0.0/24 to 10.20.0.0/24 \\
        local 203.0.113.1 peer 198.51.100.20 \\
${clauses}        psk mekmitasdigoat
`;

describe('OpenBSD ↔ Meraki MX via netcfg.yaml (seed 000)', () => {
  it('the default rule fails phase 1 (and phase 2, and the modp3072 PFS default) on both ends', () => {
    const fx = GW('') + MERAKI_YAML();
    assert.deepEqual(errorsOf(fx).map((l) => l.split(' ').slice(0, 2).join(' ')), [
      'ipsec.conf ipsec/esp-proposal-mismatch',
      'ipsec.conf ipsec/ike-proposal-mismatch',
      'ipsec.conf ipsec/pfs-mismatch',
      'netcfg.yaml ipsec/esp-proposal-mismatch',
      'netcfg.yaml ipsec/ike-proposal-mismatch',
      'netcfg.yaml ipsec/pfs-mismatch',
    ]);
    // Anchors: in the yaml the built-in proposals come from `profile: meraki-mx`, PFS (a default) at the peer's name;
    // in ipsec.conf the all-default proposals anchor at the rule.
    assert.ok(errorsOf(fx).includes('netcfg.yaml ipsec/ike-proposal-mismatch meraki-mx'));
    assert.ok(errorsOf(fx).includes('netcfg.yaml ipsec/pfs-mismatch meraki-hq'));
    assert.ok(errorsOf(fx).includes('ipsec.conf ipsec/ike-proposal-mismatch ike esp from 10.0.0.0/24 to 10.20.0.0/24'));
  });

  it("the author's fixed rule (main 3des/modp1024, quick aes-256 group none) is clean", () => {
    const fx =
      GW('        main auth hmac-sha1 enc 3des group modp1024 lifetime 28800 \\\n        quick auth hmac-sha1 enc aes-256 group none lifetime 28800 \\\n') + MERAKI_YAML();
    const { service, files } = checkDiagnostics(fx);
    assertNoErrors(service, files.map((f) => f.uri));
  });

  it('the OpenBSD-side phase 1 fix makes phase 1 agree with the Meraki', () => {
    const fx = GW('        quick auth hmac-sha1 enc aes-256 group none lifetime 28800 \\\n') + MERAKI_YAML();
    assert.deepEqual(errorsOf(fx).map((l) => l.split(' ').slice(0, 2).join(' ')), ['ipsec.conf ipsec/ike-proposal-mismatch', 'netcfg.yaml ipsec/ike-proposal-mismatch']);
    roundTrip(fx, 'ipsec.conf', 'ipsec/ike-proposal-mismatch', 'Make this side match meraki-hq');
  });
});
