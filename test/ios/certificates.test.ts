// IOS `crypto pki certificate chain` blocks: an inline certificate is a hex dump closed by `quit`; a certificate
// kept in NVRAM (`certificate ca 01 nvram:CiscoLicensi#1CA.cer`) is one line, and the commands after it are commands.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIos, type IosNode } from '../../server/src/dialects/ios/parser';
import { createLanguageService } from '../../server/src/service';

/** `kind first-word [catalog path]` per node (comments left out), indented by depth. */
function shape(n: IosNode, depth = 0): string[] {
  const out: string[] = [];
  for (const c of n.children) {
    if (c.kind === 'IosComment') continue;
    out.push(`${'  '.repeat(depth)}${c.kind} ${c.words[0]?.text} [${c.path.join(' ')}]`);
    out.push(...shape(c, depth + 1));
  }
  return out;
}

// Excerpt of a Catalyst 9200L running-config (IOS-XE 17.6) published on GitHub: both trustpoints' certificates
// are stored in NVRAM, so `show running-config` prints one line per certificate and no hex.
const NVRAM = `crypto pki trustpoint TP-self-signed-3639644206
 enrollment selfsigned
 subject-name cn=IOS-Self-Signed-Certificate-3639644206
 revocation-check none
 rsakeypair TP-self-signed-3639644206
!
crypto pki trustpoint SLA-TrustPoint
 enrollment pkcs12
 revocation-check crl
!
!
crypto pki certificate chain TP-self-signed-3639644206
 certificate self-signed 01 nvram:IOS-Self-Sig#1D.cer
crypto pki certificate chain SLA-TrustPoint
 certificate ca 01 nvram:CiscoLicensi#1CA.cer
!
license boot level network-essentials addon dna-essentials
!
!
diagnostic bootup level minimal
!
spanning-tree mode rapid-pvst
spanning-tree extend system-id
memory free low-watermark processor 10626
!
interface Vlan1
 ip address 172.16.1.23 255.255.255.0
 shutdown
!
ip ssh version 2
`;

// The Cisco Licensing Root CA as every IOS-XE 16.x/17.x running-config carries it inline (SLA-TrustPoint).
const INLINE = `crypto pki certificate chain SLA-TrustPoint
 certificate ca 01
  30820321 30820209 A0030201 02020101 300D0609 2A864886 F70D0101 0B050030
  32310E30 0C060355 040A1305 43697363 6F312030 1E060355 04031317 43697363
  6F204C69 63656E73 696E6720 526F6F74 20434130 1E170D31 33303533 30313934
  3834375A 170D3338 30353330 31393438 34375A30 32310E30 0C060355 040A1305
  43697363 6F312030 1E060355 04031317 43697363 6F204C69 63656E73 696E6720
  526F6F74 20434130 82012230 0D06092A 864886F7 0D010101 05000382 010F0030
  82010A02 82010100 A6BCBD96 131E05F7 145EA72C 2CD686E6 17222EA1 F1EFF64D
  CBB4C798 212AA147 C655D8D7 9471380D 8711441E 1AAF071A 9CAE6388 8A38E520
  1C394D78 462EF239 C659F715 B98C0A59 5BBB5CBD 0CFEBEA3 700A8BF7 D8F256EE
  4AA4E80D DB6FD1C9 60B1FD18 FFC69C96 6FA68957 A2617DE7 104FDC5F EA2956AC
  7390A3EB 2B5436AD C847A2C5 DAB553EB 69A9A535 58E9F3E3 C0BD23CF 58BD7188
  68E69491 20F320E7 948E71D7 AE3BCC84 F10684C7 4BC8E00F 539BA42B 42C68BB7
  C7479096 B4CB2D62 EA2F505D C7B062A4 6811D95B E8250FC4 5D5D5FB8 8F27D191
  C55F0D76 61F9A4CD 3D992327 A8BB03BD 4E6D7069 7CBADF8B DF5F4368 95135E44
  DFC7C6CF 04DD7FD1 02030100 01A34230 40300E06 03551D0F 0101FF04 04030201
  06300F06 03551D13 0101FF04 05300301 01FF301D 0603551D 0E041604 1449DC85
  4B3D31E5 1B3E6A17 606AF333 3D3B4C73 E8300D06 092A8648 86F70D01 010B0500
  03820101 00507F24 D3932A66 86025D9F E838AE5C 6D4DF6B0 49631C78 240DA905
  604EDCDE FF4FED2B 77FC460E CD636FDB DD44681E 3A5673AB 9093D3B1 6C9E3D8B
  D98987BF E40CBD9E 1AECA0C2 2189BB5C 8FA85686 CD98B646 5575B146 8DFC66A8
  467A3DF4 4D565700 6ADF0F0D CF835015 3C04FF7C 21E878AC 11BA9CD2 55A9232C
  7CA7B7E6 C1AF74F6 152E99B7 B1FCF9BB E973DE7F 5BDDEB86 C71E3B49 1765308B
  5FB0DA06 B92AFE7F 494E8A9E 07B85737 F3A58BE1 1A48A229 C37C1E69 39F08678
  80DDCD16 D6BACECA EEBC7CF9 8428787B 35202CDC 60E4616A B623CDBD 230E3AFB
  418616A9 4093E049 4D10AB75 27E86F73 932E35B5 8862FDAE 0275156F 719BB2F0
  D697DF7F 28
        quit
!
license boot level network-advantage addon dna-advantage
memory free low-watermark processor 8237
`;

test('certificates stored in NVRAM are one line each; the commands after them are commands', () => {
  const p = parseIos(NVRAM);
  assert.deepEqual(p.diagnostics, []);
  assert.equal(p.tokens.map((t) => t.text).join(''), NVRAM);
  assert.deepEqual(shape(p.tree), [
    'IosCommand crypto [crypto pki trustpoint]',
    '  IosCommand enrollment [enrollment]',
    '  IosCommand subject-name [subject-name]',
    '  IosCommand revocation-check [revocation-check]',
    '  IosCommand rsakeypair [rsakeypair]',
    'IosCommand crypto [crypto pki trustpoint]',
    '  IosCommand enrollment [enrollment]',
    '  IosCommand revocation-check [revocation-check]',
    'IosCommand crypto [crypto pki certificate chain]',
    '  IosCommand certificate [certificate]',
    'IosCommand crypto [crypto pki certificate chain]',
    '  IosCommand certificate [certificate]',
    'IosCommand license []',
    'IosCommand diagnostic []',
    'IosCommand spanning-tree [spanning-tree]',
    'IosCommand spanning-tree [spanning-tree]',
    'IosCommand memory []',
    'IosCommand interface [interface]',
    '  IosCommand ip [ip address]',
    '  IosCommand shutdown [shutdown]',
    'IosCommand ip []',
  ]);
  const chain = p.tree.children.filter((c) => c.path.join(' ') === 'crypto pki certificate chain')[1];
  const cert = chain.children[0];
  assert.equal(NVRAM.slice(cert.range.start, cert.range.end), 'certificate ca 01 nvram:CiscoLicensi#1CA.cer');
  assert.deepEqual(cert.words.map((w) => w.text), ['certificate', 'ca', '01', 'nvram:CiscoLicensi#1CA.cer']);
  assert.equal(cert.body, undefined);
  const vlan1 = p.tree.children.find((c) => c.path[0] === 'interface')!;
  assert.equal(NVRAM.slice(vlan1.range.start, vlan1.range.end), 'interface Vlan1\n ip address 172.16.1.23 255.255.255.0\n shutdown');
});

test('through the service: no syntax error and the interface after the NVRAM certificates is modelled', () => {
  const s = createLanguageService();
  s.setDocument('file:///w/sw.ios', NVRAM, 1);
  assert.deepEqual(s.getFindings('file:///w/sw.ios').filter((f) => f.severity === 'error').map((f) => f.code), []);
  const itf = s.getDevice('file:///w/sw.ios')!.interfaces.find((i) => i.name === 'Vlan1');
  assert.ok(itf, 'Vlan1 is lowered');
});

test('an inline certificate is still a hex dump closed by quit (Cisco Licensing Root CA)', () => {
  const p = parseIos(INLINE);
  assert.deepEqual(p.diagnostics, []);
  assert.equal(p.tokens.map((t) => t.text).join(''), INLINE);
  const chain = p.tree.children[0];
  const cert = chain.children[0];
  assert.equal(cert.kind, 'IosCertificate');
  const text = INLINE.slice(cert.range.start, cert.range.end);
  assert.ok(text.startsWith('certificate ca 01\n  30820321 '));
  assert.ok(text.endsWith('D697DF7F 28\n        quit'));
  assert.deepEqual(shape(p.tree), ['IosCommand crypto [crypto pki certificate chain]', '  IosCertificate certificate [certificate]', 'IosCommand license []', 'IosCommand memory []']);
  // Without its quit, the same dump is reported (the hex would otherwise swallow the commands after it).
  const open = parseIos(INLINE.replace('        quit\n', ''));
  assert.deepEqual(open.diagnostics.map((d) => [d.code, INLINE.slice(d.range.start, d.range.end)]), [['syntax/unterminated-certificate', 'certificate ca 01']]);
});
