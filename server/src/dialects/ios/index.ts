// Cisco IOS / IOS-XE dialect entry point: detection, parse, lowering, outline and folding (shared with ASA through
// the helpers exported here). Knows nothing about LSP, the file system or other files.

import type { FoldingRegion, OutlineSymbol, Dialect } from '../types';
import type { ParseResult } from '../../syntax';
import { IosLowering } from './lower';
import { IOS_FLAVOUR, parseIos, type IosNode } from './parser';
import { completeIos, hoverIos, lowerWithFacts } from './features';
import { secretArgs } from './secrets';
import { dict } from '../../model/dict';
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

const SECTION: Record<string, OutlineSymbol['kind']> = dict({
  interface: 'interface',
  'router ospf': 'routing',
  'router bgp': 'routing',
  'router eigrp': 'routing',
  'ipv6 router ospf': 'routing',
  'ip route': 'routing',
  'ipv6 route': 'routing',
  route: 'routing',
  'ip access-list standard': 'acl',
  'ip access-list extended': 'acl',
  'ipv6 access-list': 'acl',
  'crypto isakmp policy': 'crypto',
  'crypto isakmp profile': 'crypto',
  'crypto keyring': 'crypto',
  'crypto ikev2 proposal': 'crypto',
  'crypto ikev2 policy': 'crypto',
  'crypto ikev2 keyring': 'crypto',
  'crypto ikev2 profile': 'crypto',
  'crypto ipsec transform-set': 'crypto',
  'crypto ipsec profile': 'crypto',
  'crypto map': 'crypto',
  'crypto dynamic-map': 'crypto',
  'crypto pki trustpoint': 'crypto',
  'crypto ca trustpoint': 'crypto',
  'crypto ikev1 policy': 'crypto',
  'crypto ipsec ikev1 transform-set': 'crypto',
  'crypto ipsec ikev2 ipsec-proposal': 'crypto',
  'tunnel-group': 'crypto',
  'group-policy': 'policy',
  'class-map': 'policy',
  'policy-map': 'policy',
  'route-map': 'filter',
  'object network': 'object',
  'object service': 'object',
  'object-group': 'object',
  'key chain': 'object',
  username: 'user',
  vlan: 'object',
  'ip local pool': 'object',
});

const GROUP_TITLE: Record<OutlineSymbol['kind'], string> = {
  interface: 'Interfaces',
  crypto: 'Crypto',
  routing: 'Routing',
  acl: 'Access lists',
  object: 'Objects',
  section: 'Other',
  user: 'Users',
  policy: 'Policies',
  protocol: 'Protocols',
  filter: 'Filters',
  variable: 'Variables',
};

/** Outline: commands grouped into Interfaces / Crypto / Routing / Access lists / … sections. */
export function outlineIos(parsed: ParseResult<IosNode>): OutlineSymbol[] {
  const groups = new Map<OutlineSymbol['kind'], OutlineSymbol>();
  const aclLines = new Map<string, OutlineSymbol>();
  const add = (kind: OutlineSymbol['kind'], sym: OutlineSymbol) => {
    let g = groups.get(kind);
    if (!g) {
      g = { name: GROUP_TITLE[kind], kind: 'section', range: { ...sym.range }, selectionRange: { ...sym.selectionRange }, children: [] };
      groups.set(kind, g);
    }
    g.children.push(sym);
    g.range.start = Math.min(g.range.start, sym.range.start);
    g.range.end = Math.max(g.range.end, sym.range.end);
  };
  for (const n of parsed.tree.children) {
    if (n.kind !== 'IosCommand' || n.negated) continue;
    const key = n.path.join(' ');
    const w0 = n.words[0]?.text.toLowerCase();
    // Numbered / ASA single-line access lists: one symbol per list.
    if (key === 'access-list' || (w0 === 'access-list' && !key)) {
      const name = n.words[1];
      if (!name) continue;
      const existing = aclLines.get(name.text);
      if (existing) {
        existing.range.end = Math.max(existing.range.end, n.range.end);
        continue;
      }
      const sym: OutlineSymbol = { name: `access-list ${name.text}`, kind: 'acl', range: { ...n.range }, selectionRange: { start: name.start, end: name.end }, children: [] };
      aclLines.set(name.text, sym);
      add('acl', sym);
      continue;
    }
    let kind = SECTION[key];
    if (!kind && n.path[0] === 'crypto') kind = 'crypto';
    if (!kind) continue;
    const args = n.words.slice(n.path.length);
    const sel = args.length ? { start: args[0].start, end: args[args.length - 1].end } : { start: n.range.start, end: n.lineEnd };
    const sym: OutlineSymbol = {
      name: outlineName(n),
      kind,
      range: { ...n.range },
      selectionRange: sel,
      children: [],
    };
    for (const c of n.children) {
      if (c.children.length && c.kind === 'IosCommand') sym.children.push({ name: outlineName(c), kind, range: { ...c.range }, selectionRange: { start: c.range.start, end: c.lineEnd }, children: [] });
    }
    add(kind, sym);
  }
  return [...groups.values()].sort((a, b) => a.range.start - b.range.start);
}

/**
 * A command's words for display, with secrets masked (`secrets.ts`): `crypto isakmp key MYKEY address …` →
 * `crypto isakmp key **** address …`. The outline is shown to anyone looking at the screen, so it must never carry a key.
 */
function outlineName(n: IosNode): string {
  const res = n.words.map((w) => w.text);
  for (const i of secretArgs(res, n.mode)) res[i] = '****';
  return res.join(' ');
}

/** Folding: blocks, banners, certificates and runs of comment lines. */
export function foldingIos(parsed: ParseResult<IosNode>): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  const visit = (n: IosNode) => {
    let run: IosNode[] = [];
    const flush = () => {
      if (run.length >= 2) res.push({ start: run[0].range.start, end: run[run.length - 1].range.end, kind: 'comment' });
      run = [];
    };
    for (const c of n.children) {
      if (c.kind === 'IosComment' && c.tokens[0]?.kind === 'comment' && c.tokens[0].text.replace(/^[!:]\s*/, '') !== '') run.push(c);
      else flush();
      if ((c.children.length > 0 || c.kind === 'IosBanner' || c.kind === 'IosCertificate') && c.range.end > c.lineEnd) {
        res.push({ start: c.range.start, end: c.range.end, kind: 'region' });
      }
      if (c.children.length) visit(c);
    }
    flush();
  };
  visit(parsed.tree);
  return res;
}

export const iosDialect: Dialect<IosNode> = {
  id: 'cisco-ios',
  displayName: 'Cisco IOS',
  detect: detectIos,
  parse: (text, options) => parseIos(text, { reportUnknownCommands: options.reportUnknownCommands }, IOS_FLAVOUR),
  lower: (parsed, uri) => lowerOrCrash('cisco-ios', parsed, uri, () => lowerWithFacts(new IosLowering(parsed, uri))),
  outline: outlineIos,
  folding: foldingIos,
  complete: (parsed, offset, ctx) => completeIos(parsed, offset, ctx, IOS_FLAVOUR, (p) => new IosLowering(p, 'file:///completion')),
  hover: (parsed, offset, ctx) => hoverIos(parsed, offset, ctx, IOS_FLAVOUR, (p) => new IosLowering(p, 'file:///hover')),
};
