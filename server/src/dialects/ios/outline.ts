// IOS/ASA outline and folding, read from the parse tree (shared with ASA through dialects/ios/index.ts).
// Plain data out; no LSP.

import type { ParseResult } from '../../syntax';
import type { FoldingRegion, OutlineSymbol } from '../types';
import type { IosNode } from './parser';
import { COMMENT } from './store';
import { secretArgs } from './secrets';
import { dict } from '../../model/dict';

/** Children of a leaf symbol: one shared empty list (never written to; consumers copy). */
const LEAF: OutlineSymbol[] = [];

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
    const key = n.pathKey ?? n.path.join(' ');
    // Numbered / ASA single-line access lists: one symbol per list.
    if (key === 'access-list' || (!key && n.wordText(0)?.toLowerCase() === 'access-list')) {
      const name = n.word(1);
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
    const args = n.wordsFrom(n.path.length);
    const sel = args.length ? { start: args[0].start, end: args[args.length - 1].end } : { start: n.range.start, end: n.lineEnd };
    // The node's own range objects: a symbol's range is never written to (only a group's and an access list's are).
    const sym: OutlineSymbol = {
      name: outlineName(n),
      kind,
      range: n.range,
      selectionRange: sel,
      children: LEAF,
    };
    for (const c of n.children) {
      if (c.children.length && c.kind === 'IosCommand') {
        if (sym.children === LEAF) sym.children = [];
        sym.children.push({ name: outlineName(c), kind, range: c.range, selectionRange: { start: c.range.start, end: c.lineEnd }, children: LEAF });
      }
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
  for (const i of secretArgs(res, n.mode, n.path)) res[i] = '****';
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
      if (c.kind === 'IosComment' && c.count > 0 && c.store.kinds[c.first] === COMMENT && c.store.text(c.first).replace(/^[!:]\s*/, '') !== '') run.push(c);
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

