// MikroTik RouterOS dialect (v6 and v7): detection, parsing, lowering, outline, folding, completion and hover.
// Knows nothing about LSP, the file system or other files; everything comes from the text and FeatureContext.

import type { ParseResult } from '../../syntax';
import type { Dialect, FoldingRegion, OutlineSymbol } from '../types';
import { completeRouterOs, hoverRouterOs } from './features';
import { lowerRouterOs } from './lower';
import { parseRouterOs, type RosCommand, type RosTree } from './parser';
import { dict } from '../../model/dict';
import { lowerOrCrash } from '../guard';

export { parseRouterOs } from './parser';
export type { RosCommand, RosParam, RosTree, RosMenu, RosStatement } from './parser';
export { lowerRouterOs, decideVersion, collectItems, parseTime, quoteValue } from './lower';

/**
 * Confidence that a text is RouterOS: export headers and menu-path lines are strong, `add name=` lines weak.
 * Cisco (`interface Gi0/0`, `!`-separated) and OpenBSD (`ike esp from`) files have no leading-slash menus.
 */
export function detectRouterOs(text: string): number {
  if (/^#.*\bby RouterOS \d/m.test(text)) return 0.99;
  const lines = text.split(/\r?\n/, 400);
  let menus = 0;
  let adds = 0;
  let foreign = 0;
  for (const l of lines) {
    if (/^\/(ip|ipv6|interface|routing|system|ppp|user|tool|queue|snmp|certificate|container|disk|radius|caps-man|mpls)(\s|\/|$)/.test(l)) menus++;
    else if (/^(add|set) (\[ ?find |[a-z-]+=)/.test(l)) adds++;
    else if (/^(ip|interface|routing|ppp|system) [a-z-]+( [a-z-]+)* (add|set) [a-z-]+=/.test(l)) adds++;
    else if (/^(interface [A-Z]|hostname |crypto |router |ike |ipsec |protocol |!|version \d)/.test(l)) foreign++;
  }
  if (menus >= 2 && foreign <= menus) return 0.95;
  if (menus >= 1 && foreign === 0) return 0.85;
  if (adds >= 2 && foreign === 0) return 0.7;
  if (adds >= 1 && menus + adds > foreign * 2) return 0.55;
  return 0;
}

const OUTLINE_KIND: Record<string, OutlineSymbol['kind']> = dict({
  interface: 'interface',
  ip: 'object',
  ipv6: 'object',
  routing: 'routing',
  ppp: 'user',
  user: 'user',
  system: 'section',
});

/** Item label for the outline: its name, else its most telling parameter. */
function itemLabel(cmd: RosCommand): { name: string; range: RosCommand['range'] } {
  const pick = ['name', 'address', 'network', 'dst-address', 'interfaces', 'networks', 'interface', 'peer', 'chain', 'list'];
  for (const k of pick) {
    const p = cmd.params.find((x) => x.key === k);
    if (p?.value) {
      let name = p.value;
      if (k === 'dst-address' && cmd.path === 'ip ipsec policy') name = `${cmd.params.find((x) => x.key === 'src-address')?.value ?? '?'} → ${p.value}`;
      if (k === 'chain') name = `${p.value} ${cmd.params.find((x) => x.key === 'action')?.value ?? ''}`.trim();
      return { name, range: p.valueRange ?? cmd.range };
    }
  }
  const dn = cmd.find?.conditions[0];
  if (dn) return { name: `${dn.key}=${dn.value}`, range: dn.valueRange };
  if (cmd.target) return { name: cmd.target.value, range: cmd.target.range };
  return { name: cmd.verb?.name ?? cmd.path, range: cmd.range };
}

function outline(parsed: ParseResult<RosTree>): OutlineSymbol[] {
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
    const kind: OutlineSymbol['kind'] = st.path.startsWith('interface') ? 'interface' : /ipsec/.test(st.path) ? 'crypto' : /ospf|route/.test(st.path) ? 'routing' : /firewall/.test(st.path) ? 'filter' : 'object';
    section!.children.push({ name, detail: st.verb.name === 'set' ? 'set' : undefined, kind, range: st.range, selectionRange: range, children: [] });
    section!.range.end = Math.max(section!.range.end, st.range.end);
  }
  return res;
}

function folding(parsed: ParseResult<RosTree>): FoldingRegion[] {
  const res: FoldingRegion[] = [];
  const text = parsed.text;
  const lineOf = (() => {
    // Offsets → line numbers are not needed: regions are offsets. Only check they span more than one line.
    return (a: number, b: number) => text.slice(a, b).includes('\n');
  })();
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

export const routerosDialect: Dialect<RosTree> = {
  id: 'routeros',
  displayName: 'MikroTik RouterOS',
  detect: detectRouterOs,
  parse: (text, options) => parseRouterOs(text, { routerosVersion: options.routerosVersion, reportUnknownCommands: options.reportUnknownCommands }),
  lower: (parsed, uri, options) =>
    lowerOrCrash('routeros', parsed, uri, () => {
      const { device, diagnostics } = lowerRouterOs(parsed, uri, options.routerosVersion);
      return { device, diagnostics: [...parsed.diagnostics, ...diagnostics] };
    }),
  outline,
  folding,
  complete: completeRouterOs,
  hover: hoverRouterOs,
};
