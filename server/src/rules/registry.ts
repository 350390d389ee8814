// The registry of every diagnostic code netcfg reports: its default severity, a one-line description and its
// documentation anchor. One table for the CLI (`netcfg rules`, SARIF rules), the editor and the netcfg.yaml schema;
// test/rules/registry.test.ts keeps it equal to the `### code` headings of docs/diagnostics.md, to the schema and to
// the code literals in server/src. Pure data: no LSP, no IO.

import { docsAnchor, docsUrl } from '../protocol';
import type { Severity } from '../syntax';

/** A severity a rule can be set to; `off` removes the rule's findings. */
export type RuleSeverity = Severity | 'off';

export const RULE_SEVERITIES: readonly RuleSeverity[] = ['off', 'hint', 'information', 'warning', 'error'];

export interface RuleInfo {
  code: string;
  /** The severity netcfg reports when nothing overrides it (the most common one when a check grades its findings). */
  severity: Severity;
  description: string;
}

const E = 'error';
const W = 'warning';
const I = 'information';
const H = 'hint';

const TABLE: [string, Severity, string][] = [
  ['detect/unknown-dialect', I, 'File skipped: its dialect cannot be told, or it is larger than netcfg.maxFileSize'],
  ['detect/binary-file', I, 'File skipped: it is not text'],
  ['internal/parser-crash', E, 'A netcfg bug on this input: the file is not fully modelled'],
  ['ref/undefined', E, 'A named object is used but not defined'],
  ['ref/unused', H, 'A named object is defined but nothing uses it'],
  ['syntax/invalid-address', E, 'A value in an address position is not a valid address'],
  ['syntax/invalid-mask', E, 'A subnet mask is not contiguous or not an address'],
  ['syntax/missing-argument', E, 'A command stops before a required argument'],
  ['syntax/invalid-value', E, 'A keyword or number is outside what the platform accepts'],
  ['syntax/unterminated-banner', E, 'A banner is never closed by its delimiter'],
  ['syntax/unterminated-certificate', E, 'A certificate hex dump is not closed by quit'],
  ['syntax/unknown-command', I, 'A command the dialect catalog does not know (only with reportUnknownCommands)'],
  ['syntax/too-many-errors', W, 'More than 1,000 diagnostics in one file: the rest are dropped'],
  ['limits/too-many-findings', I, 'More than 1,000 findings of one code in one file: the rest are summed up in one finding'],
  ['asa/capture-mixed-acl', W, 'An ASA capture names an access list with both standard and extended entries'],
  ['asa/selector-expansion-limit', I, 'A crypto ACL expands to more than 4096 traffic selectors'],
  ['syntax/unterminated-string', E, 'A quoted string is not closed'],
  ['syntax/unbalanced-bracket', E, 'A bracket is never closed, or a closing bracket has no opener'],
  ['syntax/missing-path', E, 'A RouterOS command with no menu path before it'],
  ['syntax/unknown-parameter', I, 'A RouterOS parameter the catalog does not list for its menu'],
  ['syntax/missing-continuation', W, 'An indented RouterOS line follows a line that does not end with a backslash'],
  ['syntax/unexpected-token', E, 'A word the grammar does not allow at this point'],
  ['syntax/out-of-order', E, 'An ipsec.conf clause out of the order ipsecctl reads them in'],
  ['syntax/duplicate-keyword', E, 'The same clause is given twice in one rule'],
  ['syntax/missing-keyword', E, 'An ipsec.conf rule without from/to'],
  ['syntax/macro-used-before-definition', E, 'An ipsec.conf macro used above its definition'],
  ['openbsd/abbreviated-algorithm', W, 'An abbreviated transform name ipsecctl expands by prefix'],
  ['openbsd/insecure-algorithm', W, 'enc des: documented as insecure'],
  ['openbsd/empty-peer', W, 'peer or local with no address'],
  ['openbsd/port-without-protocol', E, 'A port without proto tcp or udp'],
  ['openbsd/flow-without-peer', E, 'A flow to a network without peer'],
  ['openbsd/address-family-mismatch', E, 'Source and destination are of different address families'],
  ['strongswan/unknown-algorithm', W, 'An algorithm keyword of a strongSwan/Libreswan proposal netcfg does not know'],
  ['syntax/unclosed-block', E, 'A BIRD block is never closed'],
  ['syntax/unexpected-brace', E, 'A closing brace with no open block'],
  ['syntax/missing-semicolon', E, 'A BIRD statement is not ended by a semicolon'],
  ['syntax/unknown-keyword', E, 'A keyword BIRD 2 does not accept in this block'],
  ['syntax/expected-value', E, 'A keyword value is missing or of the wrong kind'],
  ['syntax/expected-block', E, 'A statement that needs a block has none'],
  ['syntax/unterminated-comment', E, 'A /* comment is never closed'],
  ['bird/newer-syntax', W, 'Syntax older BIRD 2 releases reject'],
  ['bird/bird1-syntax', H, 'The file is written for BIRD 1.x'],
  ['bird/no-protocol', I, 'The file has no protocol and includes nothing'],
  ['bird/value-out-of-range', E, 'A value BIRD refuses'],
  ['bird/backbone-stub', E, 'Backbone area cannot be stub/NSSA'],
  ['bird/no-areas', E, 'An OSPF protocol without area'],
  ['bird/channel-type', E, 'Different channel type for the OSPF version'],
  ['bird/algorithm-without-crypto', E, 'A password algorithm without cryptographic authentication'],
  ['bird/ospfv3-keyed-hash', E, 'Keyed hash algorithms in OSPFv3'],
  ['bird/ospfv3-plaintext', E, 'Plaintext authentication in OSPFv3'],
  ['bird/ospfv3-interface-prefix', E, 'An OSPFv3 interface pattern that is an IP prefix'],
  ['bird/short-hello-crypto', W, 'Hello interval below 5 with cryptographic authentication'],
  ['bird/password-without-auth', W, 'A password without an authentication option'],
  ['bird/dead-below-hello', W, 'The dead interval is not above the hello interval'],
  ['bird/simple-password-too-long', W, 'A simple password longer than 8 characters'],
  ['bird/nbma-without-neighbors', W, 'An NBMA interface without neighbors'],
  ['bird/neighbors-on-broadcast', W, 'neighbors on a broadcast or point-to-point interface'],
  ['bird/ospfv3-stub-loopback', W, 'An OSPFv3 stub interface that looks like a loopback'],
  ['pairing/ambiguous-peer', I, 'Several devices own the peer address and none could be chosen'],
  ['ipsec/psk-mismatch', E, 'The pre-shared keys of the two ends differ'],
  ['ipsec/psk-unverifiable', I, 'One side\'s pre-shared key cannot be compared'],
  ['ipsec/psk-missing', E, 'One end has no pre-shared key for the other'],
  ['ipsec/ike-proposal-mismatch', E, 'No phase 1 proposal is acceptable to both ends'],
  ['ipsec/esp-proposal-mismatch', E, 'No phase 2 proposal is acceptable to both ends'],
  ['ipsec/pfs-mismatch', E, 'The PFS settings of the two ends disagree'],
  ['ipsec/selector-mismatch', E, 'The traffic selectors of the two ends are not mirror images'],
  ['ipsec/ike-version-mismatch', E, 'One side speaks IKEv1, the other IKEv2'],
  ['ipsec/exchange-mode-mismatch', E, 'Main mode on one side, aggressive mode on the other'],
  ['ipsec/lifetime-mismatch', I, 'The phase 1 or phase 2 lifetimes differ'],
  ['ipsec/weak-crypto', W, 'A deprecated algorithm or DH group in a proposal'],
  ['config/yaml-syntax', E, 'netcfg.yaml is not valid YAML'],
  ['config/invalid-value', E, 'A value in netcfg.yaml netcfg cannot use'],
  ['config/unknown-key', W, 'A key in netcfg.yaml netcfg does not know'],
  ['config/invalid-policy', E, 'A netcfg.yaml policy that cannot run (invalid regex or expression, unknown collection or field)'],
  ['config/scope-overlap', W, 'A file belongs to two networks: scopes'],
  ['config/unknown-code', W, 'netcfg.yaml rules: or ignore: names a diagnostic code netcfg does not have'],
  ['suppression/unused', H, 'A netcfg-ignore comment that suppresses nothing'],
  ['suppression/unknown-code', W, 'A netcfg-ignore comment that names an unknown diagnostic code'],
  ['ospf/area-mismatch', E, 'The two ends of a link are in different OSPF areas'],
  ['ospf/timer-mismatch', E, 'Hello or dead intervals differ'],
  ['ospf/network-type-mismatch', E, 'OSPF network types that cannot form an adjacency'],
  ['ospf/subnet-mismatch', E, 'The two ends\' masks differ'],
  ['ospf/auth-mismatch', E, 'OSPF authentication type, key id or key differs'],
  ['ospf/mtu-mismatch', E, 'The interface MTUs differ'],
  ['ospf/stub-flag-mismatch', E, 'Stub or NSSA on one end only'],
  ['ospf/no-dr-eligible', E, 'Every router on the segment has priority 0'],
  ['ospf/nbma-neighbor-missing', W, 'Non-broadcast ends without neighbor statements'],
  ['ospf/duplicate-router-id', E, 'Two devices of one OSPF domain use the same router id'],
  ['ospf/passive-peer', I, 'One end of the link is passive'],
  ['dmvpn/tunnel-key-mismatch', E, 'Spoke and hub tunnel keys differ'],
  ['dmvpn/nhrp-nhs-mismatch', E, 'A spoke\'s NHS is not the hub'],
  ['dmvpn/nhrp-map-mismatch', E, 'A spoke maps the hub\'s tunnel address to the wrong NBMA address'],
  ['dmvpn/nhrp-auth-mismatch', E, 'NHRP authentication differs'],
  ['dmvpn/tunnel-protection-mismatch', E, 'Tunnel protection on one end only'],
  ['dmvpn/multicast-map-missing', E, 'OSPF multicast hellos over mGRE without a multicast map'],
  ['dmvpn/ospf-point-to-point-hub', W, 'OSPF point-to-point on a hub\'s multipoint tunnel'],
  ['l2tp/ipsec-secret-mismatch', E, 'The L2TP server\'s ipsec-secret differs from the IPsec peer\'s'],
  ['l2tp/ipsec-disabled', W, 'The L2TP server runs without IPsec'],
];

/** Every code, in documentation order. */
export const RULES: readonly RuleInfo[] = TABLE.map(([code, severity, description]) => ({ code, severity, description }));

const BY_CODE = new Map(RULES.map((r) => [r.code, r]));
const FAMILIES = new Set(RULES.map((r) => familyOf(r.code)));

/** The registry entry of a code, or undefined for a code netcfg does not report. */
export function ruleInfo(code: string): RuleInfo | undefined {
  return BY_CODE.get(code);
}

/** `ipsec/weak-crypto` → `ipsec`. */
export function familyOf(code: string): string {
  const slash = code.indexOf('/');
  return slash < 0 ? code : code.slice(0, slash);
}

/**
 * Whether a rule selector names something netcfg reports: a code (`ipsec/weak-crypto`), a family (`ipsec/*`), or
 * `*` (every code). `extra` holds codes known beyond the table (a workspace's own policy ids, once they exist), so
 * rules and ignores accept them like built-in codes.
 */
export function isKnownSelector(selector: string, extra?: ReadonlySet<string>): boolean {
  if (selector === '*') return true;
  if (selector.endsWith('/*')) {
    const family = selector.slice(0, -2);
    if (FAMILIES.has(family)) return true;
    for (const c of extra ?? []) if (familyOf(c) === family) return true;
    return false;
  }
  return BY_CODE.has(selector) || !!extra?.has(selector);
}

/** Whether a code is in one of netcfg's own families (`ipsec/…`): workspace policies use namespaces of their own. */
export function isBuiltinFamily(code: string): boolean {
  return FAMILIES.has(familyOf(code));
}

/** Whether a selector (code, `family/*` or `*`) selects a code. */
export function selects(selector: string, code: string): boolean {
  if (selector === code || selector === '*') return true;
  return selector.endsWith('/*') && code.length > selector.length - 1 && code.startsWith(selector.slice(0, -1));
}

/** The documentation link of a code (docs/diagnostics.md anchor). */
export function ruleDocsUrl(code: string): string {
  return docsUrl(code);
}

export { docsAnchor };
