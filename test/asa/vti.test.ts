// ASA virtual tunnel interfaces (ASA 9.7+): `crypto ipsec profile` with `set ikev1 transform-set` /
// `set ikev2 ipsec-proposal`, `tunnel source interface NAMEIF`, `tunnel protection ipsec profile`, the key from the
// tunnel group named by the peer's address. Before, every ASA VTI got `ref/undefined` on `interface` and on its
// profile, and an `ipsec/ike-version-mismatch` error against an IOS IKEv2 VTI that works (AWS/Azure/GCP use this).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asaDialect } from '../../server/src/dialects/asa';
import { applyFix, checkDiagnostics, loadFixture } from '../helpers/fixture';

const ASA_IKEV2 = `ASA Version 9.12(4)
hostname FW1
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 203.0.113.1 255.255.255.0
interface GigabitEthernet0/1
 nameif inside
 security-level 100
 ip address 192.168.1.1 255.255.255.0
crypto ikev2 policy 10
 encryption aes-256
 integrity sha256
 group 14
 prf sha256
 lifetime seconds 86400
crypto ikev2 enable outside
crypto ipsec ikev2 ipsec-proposal PROP1
 protocol esp encryption aes-256
 protocol esp integrity sha-256
crypto ipsec profile VTI-PROF
 set ikev2 ipsec-proposal PROP1
 set pfs group14
 set security-association lifetime seconds 3600
tunnel-group 198.51.100.1 type ipsec-l2l
tunnel-group 198.51.100.1 ipsec-attributes
 ikev2 remote-authentication pre-shared-key vti-lab-key
 ikev2 local-authentication pre-shared-key vti-lab-key
interface Tunnel1
 nameif vti
 ip address 169.254.10.1 255.255.255.252
 tunnel source interface outside
 tunnel destination 198.51.100.1
 tunnel mode ipsec ipv4
 tunnel protection ipsec profile VTI-PROF
route vti 192.168.2.0 255.255.255.0 169.254.10.2 1
`;

const IOS_IKEV2 = `hostname R1
crypto ikev2 proposal P1
 encryption aes-cbc-256
 integrity sha256
 group 14
crypto ikev2 policy POL
 proposal P1
crypto ikev2 keyring KR
 peer FW1
  address 203.0.113.1
  pre-shared-key vti-lab-key
crypto ikev2 profile PROF
 match identity remote address 203.0.113.1 255.255.255.255
 authentication remote pre-share
 authentication local pre-share
 keyring local KR
crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac
 mode tunnel
crypto ipsec profile IPP
 set transform-set TS
 set pfs group14
 set ikev2-profile PROF
interface Tunnel1
 ip address 169.254.10.2 255.255.255.252
 tunnel source GigabitEthernet0/0
 tunnel mode ipsec ipv4
 tunnel destination 203.0.113.1
 tunnel protection ipsec profile IPP
interface GigabitEthernet0/0
 ip address 198.51.100.1 255.255.255.0
`;

function lower(text: string) {
  return asaDialect.lower(asaDialect.parse(text, {}), 'file:///fw.asa', {});
}

describe('ASA VTI', () => {
  it('lowers the VTI into a tunnel-protection peer: IKEv2, key, proposal, PFS, lifetime, source by nameif', () => {
    const { device, diagnostics } = lower(ASA_IKEV2);
    assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
    const itf = device.interfaces.find((i) => i.name === 'Tunnel1')!;
    assert.deepEqual([itf.nameif, itf.tunnel?.mode.value, itf.tunnel?.sourceInterface, itf.tunnel?.source?.value, itf.tunnel?.destination?.value], ['vti', 'ipsec', 'GigabitEthernet0/0', '203.0.113.1', '198.51.100.1']);
    const peer = device.ipsecPeers.find((p) => p.kind === 'tunnel-protection')!;
    assert.equal(peer.remote?.value, '198.51.100.1');
    assert.equal(peer.local?.value, '203.0.113.1');
    assert.equal(peer.ikeVersion.value, 2);
    assert.deepEqual(peer.phase1.map((p) => [p.encryption.value, p.hash.value, p.dh.value]), [[['aes-cbc-256'], ['sha256'], ['modp2048']]]);
    assert.deepEqual(peer.phase2.map((p) => [p.encryption.value, p.integrity.value]), [[['aes-cbc-256'], ['sha256']]]);
    assert.equal(peer.pfs.value, 'modp2048');
    assert.equal(peer.phase2Lifetime?.value, 3600);
    assert.equal(peer.psk?.secret.plain, 'vti-lab-key');
    assert.deepEqual(peer.selectors.map((s) => [s.local, s.remote]), [['0.0.0.0/0', '0.0.0.0/0']]);
  });

  it('an IKEv1 VTI reads `set ikev1 transform-set` and the IKEv1 key; `set pfs` alone is group 2', () => {
    const text = ASA_IKEV2.replace(' set ikev2 ipsec-proposal PROP1\n set pfs group14', ' set ikev1 transform-set TS1\n set pfs')
      .replace('crypto ipsec ikev2 ipsec-proposal PROP1', 'crypto ipsec ikev1 transform-set TS1 esp-aes-256 esp-sha-hmac\ncrypto ipsec ikev2 ipsec-proposal PROP1')
      .replace(' ikev2 remote-authentication pre-shared-key vti-lab-key\n ikev2 local-authentication pre-shared-key vti-lab-key', ' ikev1 pre-shared-key v1-key');
    const { device } = lower(text);
    const peer = device.ipsecPeers.find((p) => p.kind === 'tunnel-protection')!;
    assert.equal(peer.ikeVersion.value, 1);
    assert.match(peer.ikeVersion.default ?? '', /ASA: IKEv1 unless/);
    assert.deepEqual(peer.phase2.map((p) => [p.encryption.value, p.integrity.value]), [[['aes-cbc-256'], ['sha1']]]);
    assert.equal(peer.pfs.value, 'modp1024');
    assert.equal(peer.psk?.secret.plain, 'v1-key');
  });

  it('pairs with an IOS IKEv2 VTI: clean when the ends agree (no ref/undefined, no IKE version error)', () => {
    const { service, files } = loadFixture(`//- fw1.asa\n${ASA_IKEV2}//- r1.ios\n${IOS_IKEV2}`);
    const problems = files.flatMap((f) => service.getFindings(f.uri).filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => `${f.name} ${d.code}: ${d.message}`));
    assert.deepEqual(problems, []);
    assert.equal(service.pairFindings(files[0].uri, files[1].uri).length, 0);
  });

  it('a wrong key and a PFS difference on either end are found, with the ASA profile line as the place', () => {
    checkDiagnostics(
      `//- fw1.asa
${ASA_IKEV2.replace(' set pfs group14\n', ' set pfs group19\n!^^^^^^^^^^^^^^^ error ipsec/pfs-mismatch\n').replace(' ikev2 remote-authentication pre-shared-key vti-lab-key\n', ' ikev2 remote-authentication pre-shared-key vti-lab-key\n!                                           ^^^^^^^^^^^ error ipsec/psk-mismatch\n')}//- r1.ios
${IOS_IKEV2.replace('  pre-shared-key vti-lab-key', '  pre-shared-key other-key\n!                ^^^^^^^^^ error ipsec/psk-mismatch').replace(' set pfs group14\n', ' set pfs group14\n!^^^^^^^^^^^^^^^ error ipsec/pfs-mismatch\n')}`,
      { codes: ['ipsec/psk-mismatch', 'ipsec/pfs-mismatch', 'ref/undefined', 'ipsec/ike-version-mismatch'] },
    );
  });

  it('refers to the nameif, not to an interface called `interface`', () => {
    const { device } = lower(ASA_IKEV2);
    const refs = device.references.filter((r) => r.name === 'interface' || r.name === 'outside');
    assert.deepEqual(refs.map((r) => [r.kind, r.name]), [['nameif', 'outside'], ['nameif', 'outside']]);
    const { device: d2, diagnostics } = lower(ASA_IKEV2.replace('tunnel source interface outside', 'tunnel source interface outsde'));
    void diagnostics;
    assert.equal(d2.interfaces.find((i) => i.name === 'Tunnel1')?.tunnel?.source, undefined, 'an unknown nameif gives no source');
  });

  it('the add-key fix writes IKEv2 keys for an IKEv2 VTI without a tunnel group', () => {
    const text = ASA_IKEV2.replace(/tunnel-group 198[^\n]*\n/g, '').replace(/ ikev2 (remote|local)-authentication[^\n]*\n/g, '');
    const { service, files } = loadFixture(`//- fw1.asa\n${text}//- r1.ios\n${IOS_IKEV2}`);
    const f = service.getFindings(files[0].uri).find((d) => d.code === 'ipsec/psk-missing' || d.code === 'ipsec/psk-mismatch');
    assert.ok(f, service.getFindings(files[0].uri).map((d) => d.code).join(', '));
    const fix = f.fixes?.find((x) => x.edits.some((e) => e.uri === files[0].uri));
    assert.ok(fix, 'a fix on the ASA side');
    const out = applyFix(service, fix).get(files[0].uri)!;
    assert.match(out, /tunnel-group 198\.51\.100\.1 ipsec-attributes\n ikev2 remote-authentication pre-shared-key \S+\n ikev2 local-authentication pre-shared-key \S+\n/);
    assert.doesNotMatch(out, /ikev1 pre-shared-key/);
  });
});

describe('generate-peer from an ASA VTI', () => {
  it('mirrors it as an IOS IKEv2 VTI that pairs clean with the ASA', async () => {
    const { generate, crossFindings, syntaxFindings } = await import('../generate/harness');
    const g = generate({ name: 'asa-vti', files: [['fw1.asa', ASA_IKEV2]], peer: '198.51.100.1', targets: [] }, 'cisco-ios');
    assert.deepEqual([g.spec.scenario, g.spec.ipsec?.ikeVersion, g.spec.tunnel?.address], [{ kind: 'site-to-site', binding: 'route' }, 2, '169.254.10.2']);
    assert.match(g.text, /\n tunnel mode ipsec ipv4\n tunnel destination 203\.0\.113\.1\n/);
    assert.deepEqual(syntaxFindings(g), []);
    assert.deepEqual(crossFindings(g, false), []);
  });
});

describe('generate-peer to an ASA VTI', () => {
  it('mirrors an IOS IKEv2 VTI as an ASA VTI that pairs clean', async () => {
    const { generate, crossFindings, syntaxFindings } = await import('../generate/harness');
    const g = generate({ name: 'ios-vti', files: [['r1.ios', IOS_IKEV2]], peer: '203.0.113.1', targets: [] }, 'cisco-asa');
    for (const want of ['crypto ipsec profile NETCFG-VTI', ' set ikev2 ipsec-proposal NETCFG-PROP', ' set pfs group14', 'interface Tunnel1', ' tunnel source interface outside', ' tunnel destination 198.51.100.1', ' tunnel mode ipsec ipv4', ' tunnel protection ipsec profile NETCFG-VTI', ' ikev2 remote-authentication pre-shared-key vti-lab-key']) {
      assert.ok(g.text.split('\n').includes(want), `missing ${JSON.stringify(want)} in\n${g.text}`);
    }
    assert.doesNotMatch(g.text, /crypto map/);
    assert.deepEqual(syntaxFindings(g), []);
    assert.deepEqual(crossFindings(g, false), []);
  });

  it('an IKEv1 VTI becomes `set ikev1 transform-set` and an IKEv1 key; GRE over IPsec is refused', async () => {
    const { generate, crossFindings } = await import('../generate/harness');
    const { IOS_GRE } = await import('../generate/targets-sources');
    const v1 = IOS_GRE.replace('esp-sha256-hmac', 'esp-sha-hmac').replace('crypto ipsec profile GRE-PROT', 'crypto ipsec profile VTI-PROT').replace(' mode transport', ' mode tunnel').replace(' tunnel protection ipsec profile GRE-PROT', ' tunnel mode ipsec ipv4\n tunnel protection ipsec profile VTI-PROT');
    const g = generate({ name: 'ios-v1-vti', files: [['hq.ios', v1]], peer: '198.51.100.30', targets: [] }, 'cisco-asa');
    assert.match(g.text, /\n set ikev1 transform-set NETCFG-TS\n/);
    assert.match(g.text, /\n ikev1 pre-shared-key Gre-Lab-Key\n/);
    assert.deepEqual(crossFindings(g, false), []);
    assert.throws(() => generate({ name: 'ios-gre', files: [['hq.ios', IOS_GRE]], peer: '198.51.100.30', targets: [] }, 'cisco-asa'), /Cisco ASA has no GRE: hq-gre's Tunnel0 is GRE over IPsec/);
  });
});
