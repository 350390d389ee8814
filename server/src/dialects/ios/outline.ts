// IOS/ASA outline and folding, read from the parse tree (shared with ASA through dialects/ios/index.ts).
// Plain data out; no LSP.

import type { ParseResult } from '../../syntax';
import type { FoldingPrevious, FoldingRegion, OutlinePrevious, OutlineSymbol } from '../types';
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

/**
 * The end a numbered access list's symbol had when it was added to its group: its first line's (a group's end is
 * the greatest of its symbols' ends when added; later lines extend only the list's own range).
 */
const aclAddedEnd = new WeakMap<OutlineSymbol, number>();

/**
 * Outline: commands grouped into Interfaces / Crypto / Routing / Access lists / … sections. With the previous
 * version's outline (`previous`), the top-level commands that end before the edit (the text up to them is the same,
 * so they parse the same) are not read again: each group keeps its symbols from before the edit, and the walk goes
 * on from the first command the edit may have changed (issue 16).
 */
export function outlineIos(parsed: ParseResult<IosNode>, previous?: OutlinePrevious): OutlineSymbol[] {
  const groups = new Map<OutlineSymbol['kind'], OutlineSymbol>();
  const aclLines = new Map<string, OutlineSymbol>();
  // Each numbered access list's index in the acl group, and per top-level node the index of the list it is a line of.
  const aclAt = new Map<string, number>();
  // Access lists kept from the previous outline, by their index in the acl group: copied before they are extended.
  let borrowed: Map<OutlineSymbol, number> | undefined;
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
  const nodes = parsed.tree.children;
  let from = 0;
  const oldEnds = previous && nodeEnds.get(previous.outline);
  const oldAcl = previous && nodeAcl.get(previous.outline);
  if (previous && oldEnds && oldAcl) {
    from = resumeFrom(nodes, previous.start, oldEnds);
    // An access list kept whole must have no line after the bound; one that has is cut at its last line before the
    // bound (found from the lines' list indexes: issue 16, an ASA file is one list of 33,000 lines); else resume at
    // its first line.
    const lastEnd = (at: number) => {
      for (let i = from - 1; i >= 0; i--) if (oldAcl[i] === at) return oldEnds[i];
      return -1;
    };
    for (let back: number; from > 0 && (back = keepGroups(previous.outline, nodes[from - 1].range.end, groups, aclLines, aclAt, (borrowed = new Map()), lastEnd)) >= 0; ) {
      groups.clear();
      aclLines.clear();
      aclAt.clear();
      borrowed = undefined;
      from = resumeFrom(nodes, back + 1, oldEnds);
      while (from > 0 && nodes[from - 1].range.end >= back) from--;
    }
  }
  const aclOf = new Int32Array(nodes.length).fill(-1);
  if (oldAcl && from > 0) aclOf.set(oldAcl.subarray(0, from));
  for (let i = from; i < nodes.length; i++) {
    const n = nodes[i];
    if (n.kind !== 'IosCommand' || n.negated) continue;
    const key = n.pathKey ?? n.path.join(' ');
    // Numbered / ASA single-line access lists: one symbol per list.
    if (key === 'access-list' || (!key && n.wordText(0)?.toLowerCase() === 'access-list')) {
      const name = n.word(1);
      if (!name) continue;
      let existing = aclLines.get(name.text);
      if (existing) {
        const at = borrowed?.get(existing);
        if (at !== undefined) {
          borrowed!.delete(existing);
          const copy: OutlineSymbol = { name: existing.name, kind: existing.kind, range: { start: existing.range.start, end: existing.range.end }, selectionRange: existing.selectionRange, children: existing.children };
          aclAddedEnd.set(copy, aclAddedEnd.get(existing)!);
          groups.get('acl')!.children[at] = copy;
          aclLines.set(name.text, copy);
          existing = copy;
        }
        existing.range.end = Math.max(existing.range.end, n.range.end);
        aclOf[i] = aclAt.get(name.text)!;
        continue;
      }
      const sym: OutlineSymbol = { name: `access-list ${name.text}`, kind: 'acl', range: { ...n.range }, selectionRange: { start: name.start, end: name.end }, children: [] };
      aclAddedEnd.set(sym, sym.range.end);
      aclLines.set(name.text, sym);
      add('acl', sym);
      aclOf[i] = groups.get('acl')!.children.length - 1;
      aclAt.set(name.text, aclOf[i]);
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
  const res = [...groups.values()].sort((a, b) => a.range.start - b.range.start);
  nodeEnds.set(res, endsOf(nodes, from, oldEnds));
  nodeAcl.set(res, aclOf);
  return res;
}

/** Per top-level node of the tree each outline was made from: the index in the acl group of the list it is a line of, or -1. */
const nodeAcl = new WeakMap<readonly unknown[], Int32Array>();

/**
 * Index of the first top-level node an edit at `start` may have changed. A block ends where a later line is not
 * one of its children, and the parser reads past blank lines to find that line (the next node's first line): so
 * a node is the same in both versions when the node after it also ends before `start - 1` (its last character and
 * the one after it unchanged). Nodes are in document order.
 */
function resumeFrom(nodes: readonly IosNode[], start: number, oldEnds: Int32Array): number {
  const limit = start - 1;
  let lo = 0;
  let hi = nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (nodes[mid].range.end < limit) lo = mid + 1;
    else hi = mid;
  }
  // The nodes before must be the previous version's, end for end (one that ends before the edit now may have run
  // past it before: a banner or block the parser closed by looking ahead).
  let same = 0;
  while (same < lo && same < oldEnds.length && nodes[same].range.end === oldEnds[same]) same++;
  const kept = same < lo ? same : lo;
  return kept > 0 ? kept - 1 : 0;
}

/** The top-level node ends of the tree each outline or region list was made from (see `resumeFrom`). */
const nodeEnds = new WeakMap<readonly unknown[], Int32Array>();

/** Every top-level node's end: those before `from` as `old` has them (the same, checked), the others read. */
function endsOf(nodes: readonly IosNode[], from: number, old: Int32Array | undefined): Int32Array {
  const ends = new Int32Array(nodes.length);
  if (old && from > 0) ends.set(old.subarray(0, from));
  for (let i = old ? from : 0; i < nodes.length; i++) ends[i] = nodes[i].range.end;
  return ends;
}

/**
 * Fills `groups` and `aclLines` as the walk leaves them after the nodes ending at or before `bound`, from the
 * previous outline: each group's symbols that start before `bound` (a group's symbols are in document order), in a
 * new group whose end is the greatest of their ends when added; `borrowed` gets the kept numbered access lists with
 * their index in the acl group (the previous objects: copied before a later line extends them). Returns -1, or the
 * first line's start of the earliest kept access list that a line after the bound extended (resume before it).
 */
function keepGroups(
  old: readonly OutlineSymbol[],
  bound: number,
  groups: Map<OutlineSymbol['kind'], OutlineSymbol>,
  aclLines: Map<string, OutlineSymbol>,
  aclAt: Map<string, number>,
  borrowed: Map<OutlineSymbol, number>,
  lastEnd: (at: number) => number,
): number {
  let back = -1;
  const kindOf = new Map<string, OutlineSymbol['kind']>();
  for (const k of Object.keys(GROUP_TITLE) as OutlineSymbol['kind'][]) kindOf.set(GROUP_TITLE[k], k);
  for (const g of old) {
    const kind = kindOf.get(g.name)!;
    const kids = g.children;
    let n = 0;
    let end = -Infinity;
    let cut: [number, OutlineSymbol][] | undefined;
    while (n < kids.length && kids[n].range.start < bound) {
      const k = kids[n];
      const added = aclAddedEnd.get(k);
      if (added !== undefined) {
        const name = k.name.slice('access-list '.length);
        let sym = k;
        if (k.range.end > bound) {
          // Extended by a line after the bound: its range as of the bound is its last line's before it, if known.
          const e = lastEnd(n);
          if (e >= 0) {
            sym = { name: k.name, kind: k.kind, range: { start: k.range.start, end: Math.max(added, e) }, selectionRange: k.selectionRange, children: k.children };
            aclAddedEnd.set(sym, added);
            (cut ??= []).push([n, sym]);
          } else if (back < 0 || k.range.start < back) back = k.range.start;
        }
        aclLines.set(name, sym);
        aclAt.set(name, n);
        if (sym === k) borrowed.set(k, n);
      }
      const e = added ?? k.range.end;
      if (e > end) end = e;
      n++;
    }
    if (n === 0) continue;
    const children = kids.slice(0, n);
    if (cut) for (const [at, sym] of cut) children[at] = sym;
    groups.set(kind, { name: g.name, kind: 'section', range: { start: g.range.start, end }, selectionRange: g.selectionRange, children });
  }
  return back;
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

/**
 * Folding: blocks, banners, certificates and runs of comment lines. With the previous version's regions
 * (`previous`), the top-level nodes before the edit keep their regions (as `outlineIos` keeps its symbols, and
 * also not the comment lines just before the first node read again: their run may go on).
 */
export function foldingIos(parsed: ParseResult<IosNode>, previous?: FoldingPrevious): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  const nodes = parsed.tree.children;
  let from = 0;
  const oldEnds = previous && nodeEnds.get(previous.regions);
  if (previous && oldEnds) {
    from = resumeFrom(nodes, previous.start, oldEnds);
    while (from > 0 && nodes[from - 1].kind === 'IosComment') from--;
    if (from > 0) {
      // Regions are in document order (a node's region, then those inside it): those of the kept nodes first.
      const bound = nodes[from - 1].range.end;
      const old = previous.regions;
      let n = 0;
      while (n < old.length && old[n].start < bound) res.push(old[n++]);
    }
  }
  visitFrom(parsed.tree, from, res);
  nodeEnds.set(res, endsOf(nodes, from, oldEnds));
  return res;
}

/** The regions of `n`'s children from index `from` on (blocks and comment runs), depth first with an explicit stack. */
function visitFrom(root: IosNode, from: number, res: FoldingRegion[]): void {
  // Each frame: a node, the next child to read, and the comment run open among its children.
  const stack: { n: IosNode; i: number; runStart: number; runEnd: number; runLength: number }[] = [{ n: root, i: from, runStart: 0, runEnd: 0, runLength: 0 }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    const children = f.n.children;
    if (f.i >= children.length) {
      if (f.runLength >= 2) res.push({ start: f.runStart, end: f.runEnd, kind: 'comment' });
      stack.pop();
      continue;
    }
    const c = children[f.i++];
    if (c.kind === 'IosComment' && c.count > 0 && c.store.kinds[c.first] === COMMENT && hasText(c.store.text(c.first))) {
      if (f.runLength === 0) f.runStart = c.range.start;
      f.runEnd = c.range.end;
      f.runLength++;
    } else {
      if (f.runLength >= 2) res.push({ start: f.runStart, end: f.runEnd, kind: 'comment' });
      f.runLength = 0;
    }
    if ((c.children.length > 0 || c.kind === 'IosBanner' || c.kind === 'IosCertificate') && c.range.end > c.lineEnd) {
      res.push({ start: c.range.start, end: c.range.end, kind: 'region' });
    }
    if (c.children.length) stack.push({ n: c, i: 0, runStart: 0, runEnd: 0, runLength: 0 });
  }
}

const WHITE = /\s/;

/** Whether a comment has text after its `!` or `:` and the white space after it (`replace(/^[!:]\s*\/, '') !== ''`). */
function hasText(t: string): boolean {
  if (t.length === 0) return false;
  const c = t.charCodeAt(0);
  if (c !== 33 && c !== 58) return true;
  let i = 1;
  while (i < t.length && WHITE.test(t[i])) i++;
  return i < t.length;
}
