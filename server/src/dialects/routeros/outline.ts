// RouterOS outline and folding, read from the parse tree's statements (issue 16: no copy of the text per statement).
// Plain data out; no LSP.

import type { ParseResult } from '../../syntax';
import type { FoldingRegion, OutlineSymbol } from '../types';
import type { RosCommand, RosTree } from './parser';
import { dict } from '../../model/dict';

const OUTLINE_KIND: Record<string, OutlineSymbol['kind']> = dict({
  interface: 'interface',
  ip: 'object',
  ipv6: 'object',
  routing: 'routing',
  ppp: 'user',
  user: 'user',
  system: 'section',
});

/** The parameters an item is labelled by, best first. */
const PICK = ['name', 'address', 'network', 'dst-address', 'interfaces', 'networks', 'interface', 'peer', 'chain', 'list'];
const PICK_RANK = new Map(PICK.map((k, i) => [k, i]));

/** The first parameter of `cmd` with key `key`. */
function param(cmd: RosCommand, key: string): RosCommand['params'][number] | undefined {
  for (const p of cmd.params) if (p.key === key) return p;
  return undefined;
}

/**
 * Item label for the outline: its name, else its most telling parameter. One pass over the parameters (issue 16:
 * a search per candidate key was ten passes per item).
 */
function itemLabel(cmd: RosCommand): { name: string; range: RosCommand['range'] } {
  let best: RosCommand['params'][number] | undefined;
  let bestRank = PICK.length;
  for (const p of cmd.params) {
    const rank = PICK_RANK.get(p.key);
    // The first parameter of a key decides for that key, as a search by key would find it.
    if (rank === undefined || rank >= bestRank || !p.value) continue;
    if (param(cmd, p.key) !== p) continue;
    best = p;
    bestRank = rank;
  }
  if (best) {
    const k = PICK[bestRank];
    let name = best.value!;
    if (k === 'dst-address' && cmd.path === 'ip ipsec policy') name = `${param(cmd, 'src-address')?.value ?? '?'} → ${best.value}`;
    if (k === 'chain') name = `${best.value} ${param(cmd, 'action')?.value ?? ''}`.trim();
    return { name, range: best.valueRange ?? cmd.range };
  }
  const dn = cmd.find?.conditions[0];
  if (dn) return { name: `${dn.key}=${dn.value}`, range: dn.valueRange };
  if (cmd.target) return { name: cmd.target.value, range: cmd.target.range };
  return { name: cmd.verb?.name ?? cmd.path, range: cmd.range };
}

/** Children of a leaf symbol: one shared empty list (never written to; consumers copy). */
const LEAF: OutlineSymbol[] = [];

export function outline(parsed: ParseResult<RosTree>): OutlineSymbol[] {
  const res: OutlineSymbol[] = [];
  let section: OutlineSymbol | undefined;
  let sectionPath = '';
  const open = (path: string, range: OutlineSymbol['range']) => {
    section = { name: `/${path}`, kind: OUTLINE_KIND[path.split(' ')[0]] ?? 'section', range: { ...range }, selectionRange: { ...range }, children: [] };
    if (/ipsec/.test(path)) section.kind = 'crypto';
    if (/firewall/.test(path)) section.kind = 'filter';
    if (/ospf|bgp|route/.test(path)) section.kind = 'routing';
    sectionPath = path;
    res.push(section);
  };
  // The item kind of the last path seen (items of one menu come in runs).
  let kindPath: string | undefined;
  let kind: OutlineSymbol['kind'] = 'object';
  for (const st of parsed.tree.children) {
    if (st.kind === 'RosMenu') {
      open(st.path, st.range);
      continue;
    }
    if (st.kind !== 'RosCommand' || !st.verb || (st.verb.name !== 'add' && st.verb.name !== 'set')) continue;
    if (!section || st.path !== sectionPath || st.pathRange) {
      if (!section || st.path !== sectionPath) open(st.path, st.pathRange ?? st.range);
    }
    const { name, range } = itemLabel(st);
    if (st.path !== kindPath) {
      kindPath = st.path;
      kind = st.path.startsWith('interface') ? 'interface' : /ipsec/.test(st.path) ? 'crypto' : /ospf|route/.test(st.path) ? 'routing' : /firewall/.test(st.path) ? 'filter' : 'object';
    }
    section!.children.push({ name, detail: st.verb.name === 'set' ? 'set' : undefined, kind, range: st.range, selectionRange: range, children: LEAF });
    section!.range.end = Math.max(section!.range.end, st.range.end);
  }
  return res;
}

export function folding(parsed: ParseResult<RosTree>): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  const text = parsed.text;
  // Offsets → line numbers are not needed: regions are offsets. Only check they span more than one line (without
  // copying the span: a menu's span is thousands of lines).
  const lineOf = (a: number, b: number) => {
    const nl = text.indexOf('\n', a);
    return nl >= 0 && nl < b;
  };
  let menuStart = -1;
  let lastEnd = -1;
  let commentStart = -1;
  let commentEnd = -1;
  const closeMenu = () => {
    if (menuStart >= 0 && lastEnd > menuStart && lineOf(menuStart, lastEnd)) res.push({ start: menuStart, end: lastEnd, kind: 'region' });
    menuStart = -1;
  };
  const closeComments = () => {
    if (commentStart >= 0 && lineOf(commentStart, commentEnd)) res.push({ start: commentStart, end: commentEnd, kind: 'comment' });
    commentStart = -1;
  };
  for (const st of parsed.tree.children) {
    if (st.kind === 'RosComment') {
      if (commentStart < 0) commentStart = st.range.start;
      commentEnd = st.range.end;
      continue;
    }
    closeComments();
    if (st.kind === 'RosMenu') {
      closeMenu();
      menuStart = st.range.start;
      lastEnd = st.range.end;
    } else {
      if (st.kind === 'RosCommand' && st.pathAbsolute) closeMenu();
      if (menuStart >= 0) lastEnd = st.range.end;
    }
    // Continuation lines and multi-line script blocks fold on their own.
    if (st.kind !== 'RosMenu' && lineOf(st.range.start, st.range.end)) res.push({ start: st.range.start, end: st.range.end, kind: 'region' });
  }
  closeComments();
  closeMenu();
  return res;
}

