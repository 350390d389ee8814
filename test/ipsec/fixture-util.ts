// Helpers shared by the IPsec real-syntax fixture tests: caret lines for long generated lines, fix round trips,
// and a compact "file code text" listing of error findings for anchors a caret line cannot express (column 0); the
// ASA ↔ IOS L2L crypto-map pair several test files vary (`asaL2l`, `iosL2l`).

import assert from 'node:assert/strict';
import { applyFix, assertNoErrors, loadFixture } from '../helpers/fixture';

/** A caret line (`<c> ^^^ severity code`) under the `nth` `needle` of `line`; `c` is the dialect's comment char. */
export function under(line: string, needle: string, what: string, c = '#', nth = 0): string {
  let col = -1;
  for (let i = 0; i <= nth; i++) col = line.indexOf(needle, col + 1);
  assert.ok(col >= 1, `${needle} not in ${line} (or at column 0, which a caret line cannot point at)`);
  return `${c}${' '.repeat(col - 1)}${'^'.repeat(needle.length)} ${what}\n`;
}

/** The first finding with `code` on `file`, its fix whose title starts with `title`, applied; then no errors anywhere. */
export function roundTrip(fixture: string, file: string, code: string, title: string): Map<string, string> {
  const { service, files } = loadFixture(fixture);
  const uri = files.find((f) => f.name === file)!.uri;
  const finding = service.getFindings(uri).find((f) => f.code === code);
  assert.ok(finding, `no ${code} on ${file}`);
  const fix = finding.fixes.find((f) => f.title.startsWith(title));
  assert.ok(fix, `no fix "${title}…" among: ${finding.fixes.map((f) => f.title).join(' | ')}`);
  const texts = applyFix(service, fix);
  assertNoErrors(service, files.map((f) => f.uri));
  return texts;
}

/** `file code text` for every error-level finding, sorted. */
export function errorsOf(fixture: string): string[] {
  const { service, files } = loadFixture(fixture);
  return files.flatMap((f) => service.getFindings(f.uri).filter((d) => d.severity === 'error').map((d) => `${f.name} ${d.code} ${f.text.slice(d.range.start, d.range.end)}`)).sort();
}

/** Every message, related message and fix title of a fixture, joined (for "never shows the secret" checks). */
export function allText(fixture: string): string {
  const { service, files } = loadFixture(fixture);
  return files.flatMap((f) => service.getFindings(f.uri).flatMap((d) => [d.message, ...d.related.map((r) => r.message), ...d.fixes.map((x) => x.title)])).join('\n');
}

/**
 * Applies the fix titled `title…` of the first `code` finding on `file` that `pick` accepts, then asserts that
 * no file has an error, nor an error or warning with `code`, nor a `code` finding `pick` accepts.
 * Returns the edited texts by file name (unedited files keep their text).
 */
export function fixAndCheck(fixture: string, file: string, code: string, title: string, pick: (message: string) => boolean = () => true): Map<string, string> {
  const { service, files } = loadFixture(fixture);
  const uri = files.find((f) => f.name === file)!.uri;
  const finding = service.getFindings(uri).find((f) => f.code === code && pick(f.message));
  assert.ok(finding, `no ${code} on ${file}`);
  const fix = finding.fixes.find((f) => f.title.startsWith(title));
  assert.ok(fix, `no fix "${title}…" among: ${finding.fixes.map((f) => f.title).join(' | ')}`);
  applyFix(service, fix);
  assertNoErrors(service, files.map((f) => f.uri));
  const left = files.flatMap((f) => service.getFindings(f.uri).filter((d) => d.code === code && (d.severity === 'error' || d.severity === 'warning' || pick(d.message))).map((d) => `${f.name} ${d.severity} ${d.message}`));
  assert.deepEqual(left, []);
  return new Map(files.map((f) => [f.name, service.getDocument(f.uri)!.text]));
}

/** `file severity code first-line-of-anchor` for every finding with `code`, sorted. */
export function findingsOf(fixture: string, code: string): string[] {
  const { service, files } = loadFixture(fixture);
  return files.flatMap((f) => service.getFindings(f.uri).filter((d) => d.code === code).map((d) => `${f.name} ${d.severity} ${f.text.slice(d.range.start, d.range.end).split('\n')[0]}`)).sort();
}

/** Pieces that vary in the ASA end of the ASA ↔ IOS L2L crypto-map pair (`asaL2l`). */
export interface AsaL2lOptions {
  key?: string;
  /** A caret line under the key line. */
  caret?: string;
  transform?: string;
  /** The crypto ACL line. */
  acl?: string;
  /** Extra crypto map lines, before `crypto map … interface outside`. */
  mapExtra?: string;
}

/** ASA `fw` (198.51.100.1) with an IKEv1 L2L crypto map to R1 at 203.0.113.2: aes-256/sha/group 14, 10.2/16 ↔ 10.1/16. */
export function asaL2l(o: AsaL2lOptions = {}): string {
  const { key = 'S3cretKey', caret = '', transform = 'esp-aes-256 esp-sha-hmac', acl = 'access-list VPN extended permit ip 10.2.0.0 255.255.0.0 10.1.0.0 255.255.0.0', mapExtra = '' } = o;
  return `//- fw.asa
: Saved
ASA Version 9.8(4)
hostname fw
interface GigabitEthernet0/0
 nameif outside
 security-level 0
 ip address 198.51.100.1 255.255.255.0
${acl}
crypto ipsec ikev1 transform-set TS ${transform}
crypto map OUTSIDE_MAP 10 match address VPN
crypto map OUTSIDE_MAP 10 set peer 203.0.113.2
crypto map OUTSIDE_MAP 10 set ikev1 transform-set TS
${mapExtra}crypto map OUTSIDE_MAP interface outside
crypto ikev1 enable outside
crypto ikev1 policy 10
 authentication pre-share
 encryption aes-256
 hash sha
 group 14
 lifetime 86400
tunnel-group 203.0.113.2 type ipsec-l2l
tunnel-group 203.0.113.2 ipsec-attributes
 ikev1 pre-shared-key ${key}
${caret}`;
}

/** Pieces that vary in the IOS end of the ASA ↔ IOS L2L pair (`iosL2l`). */
export interface IosL2lOptions {
  key?: string;
  /** A caret line under the `crypto isakmp key` line. */
  caret?: string;
  /** Extra `crypto isakmp policy 10` lines. */
  policyExtra?: string;
  /** Extra crypto map entry lines. */
  mapExtra?: string;
  /** The crypto ACL's permit line. */
  permit?: string;
}

/** IOS `R1` (203.0.113.2), the mirror of `asaL2l`: crypto map VPN 10 to 198.51.100.1, 10.1/16 ↔ 10.2/16. */
export function iosL2l(o: IosL2lOptions = {}): string {
  const { key = 'S3cretKey', caret = '', policyExtra = '', mapExtra = '', permit = 'permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.255.255' } = o;
  return `//- r1.ios
hostname R1
crypto isakmp policy 10
 encr aes 256
 authentication pre-share
 group 14
${policyExtra}crypto isakmp key ${key} address 198.51.100.1
${caret}crypto ipsec transform-set TS esp-aes 256 esp-sha-hmac
crypto map VPN 10 ipsec-isakmp
 set peer 198.51.100.1
 set transform-set TS
 match address VPNACL
${mapExtra}ip access-list extended VPNACL
 ${permit}
interface GigabitEthernet0/0
 ip address 203.0.113.2 255.255.255.0
 crypto map VPN
`;
}
