// Cisco IOS / IOS-XE dialect entry point: detection, parse, lowering, outline and folding (shared with ASA through
// the helpers exported here). Knows nothing about LSP, the file system or other files.

import type { Dialect } from '../types';
import { IosLowering } from './lower';
import { IOS_FLAVOUR, parseIos, reparseIos, type IosNode } from './parser';
import { foldingIos, outlineIos } from './outline';
import { completeIos, hoverIos, lowerWithFacts } from './features';
import { lowerOrCrash } from '../guard';

export type { IosNode, IosTree, IosFlavour } from './parser';

const ASA_MARKERS = /^(?:: Saved|:? ?ASA Version \d|\s*nameif \S|\s*security-level \d+|tunnel-group \S+ (?:type|general-attributes|ipsec-attributes)|crypto ikev1 |same-security-traffic )/m;

/** Confidence that `text` is an IOS/IOS-XE config (lower when ASA markers are present, so ASA wins on ASA files). */
export function detectIos(text: string): number {
  let score = 0;
  if (/^version 1\d\.\d/m.test(text)) score += 0.6;
  if (/^hostname \S/m.test(text)) score += 0.15;
  if (/^interface (?:GigabitEthernet|FastEthernet|Ethernet|TenGigabitEthernet|Serial|Loopback|Tunnel|Vlan|Port-channel|Dialer)\d/im.test(text)) score += 0.35;
  if (/^router (?:ospf|bgp|eigrp|rip)\b/m.test(text)) score += 0.15;
  // Snippets (blog posts, pasted configs) often lack version/hostname: add up IOS-only command shapes.
  const markers = [
    /^crypto isakmp (?:policy|key) /m,
    /^crypto ipsec (?:transform-set|profile) /m,
    /^crypto map \S+ \d+ ipsec-isakmp/m,
    /^ip access-list (?:standard|extended) /m,
    /^(?:int|interface) [A-Za-z-]+\d/m,
    /^\s*ip address \d+\.\d+\.\d+\.\d+ \d+\.\d+\.\d+\.\d+/m,
    /^\s*(?:tunnel source|tunnel mode gre|ip nhrp )/m,
    /^(?:[\w.-]+\(config[\w-]*\)#)?(?:line vty |ip route \d|snmp-server (?:community|group|view|user|tftp-server-list) )/m,
    /^(?:[\w.-]+\(config[\w-]*\)#)?access-list \d+ (?:permit|deny|remark)\b/m,
    /^\s*(?:encr(?:yption)? (?:aes|3des|des)\b|authentication (?:pre-share|rsa-sig)$|hash (?:sha|md5)$)/m,
    /^\s+crypto map \S+\s*$/m,
  ];
  for (const m of markers) if (m.test(text)) score += 0.2;
  // Pasted configuration-mode prompts (`router(config)#…`, `R1(config-if)#…`) are a strong Cisco sign.
  if (/^[\w.-]+\(config[\w-]*\)#\S/m.test(text)) score += 0.4;
  if (/^(?:Building configuration|Current configuration :)/m.test(text)) score += 0.3;
  if (/^!\s*$/m.test(text)) score += 0.05;
  if (/^\/(?:ip|interface|system|routing) /m.test(text)) return 0; // RouterOS export
  if (ASA_MARKERS.test(text)) score = Math.min(score, 0.55);
  return Math.min(1, score);
}

export { outlineIos, foldingIos } from './outline';

export const iosDialect: Dialect<IosNode> = {
  id: 'cisco-ios',
  displayName: 'Cisco IOS',
  detect: detectIos,
  parse: (text, options) => parseIos(text, { reportUnknownCommands: options.reportUnknownCommands }, IOS_FLAVOUR),
  reparse: (previous, change, text, options) => reparseIos(previous, change, text, { reportUnknownCommands: options.reportUnknownCommands }, IOS_FLAVOUR),
  lower: (parsed, uri, options) => lowerOrCrash('cisco-ios', parsed, uri, () => lowerWithFacts(new IosLowering(parsed, uri, options?.setters !== false))),
  outline: outlineIos,
  folding: foldingIos,
  complete: (parsed, offset, ctx) => completeIos(parsed, offset, ctx, IOS_FLAVOUR, (p) => new IosLowering(p, 'file:///completion')),
  hover: (parsed, offset, ctx) => hoverIos(parsed, offset, ctx, IOS_FLAVOUR, (p) => new IosLowering(p, 'file:///hover')),
};
