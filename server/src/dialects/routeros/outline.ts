// RouterOS outline and folding, read from the parse tree's statements (issue 16: no copy of the text per statement).
// Plain data out; no LSP.

import type { ParseResult } from '../../syntax';
import type { FoldingRegion, OutlinePrevious, OutlineSymbol } from '../types';
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

/** Children of a leaf symbol: one shared empty list (never written to; consumers copy). */
const LEAF: OutlineSymbol[] = [];

/** The outline's sections from their path (as the menu's or the first item's path reads). */
function sectionKind(path: string): OutlineSymbol['kind'] {
  if (/ospf|bgp|route/.test(path)) return 'routing';
  if (/firewall/.test(path)) return 'filter';
  if (/ipsec/.test(path)) return 'crypto';
  return OUTLINE_KIND[path.split(' ')[0]] ?? 'section';
}

/**
 * Sections (one per menu, or per run of items of one path) with their `add`/`set` items. With the previous
 * version's outline (`previous`), the statements that end before the edit (the text up to them is the same, so
 * they parse the same) are not read again: the sections they closed are the previous objects, the section open
 * at the edit is a copy holding its items from before it, and the walk goes on from the first statement the edit
 * may have changed (issue 16: an edit at the end of a 100k-line file read all 100k statements again). After the
 * change, a statement with the same text and path as its counterpart in the previous version (`previous.end` and
 * `delta`) takes its item's label and selection from what the previous walk recorded (plain data: the previous
 * outline's ranges may be a re-parse's nodes', moved since) instead of reading its parameters again.
 */
export function outline(parsed: ParseResult<RosTree>, previous?: OutlinePrevious): OutlineSymbol[] {
  const res: OutlineSymbol[] = [];
  const stmts = parsed.tree.children;
  let section: OutlineSymbol | undefined;
  let sectionPath = '';
  const open = (path: string, range: OutlineSymbol['range']) => {
    section = { name: `/${path}`, kind: sectionKind(path), range: { start: range.start, end: range.end }, selectionRange: { start: range.start, end: range.end }, children: [] };
    sectionPath = path;
    res.push(section);
  };
  let from = 0;
  const old = previous && walks.get(previous.outline);
  if (previous && old) {
    from = resume(stmts, previous, old.ends, res);
    section = res.length ? res[res.length - 1] : undefined;
    sectionPath = section ? section.name.slice(1) : '';
  }
  const walk = newWalk(stmts.length, from, old);
  // Statements after the change: statement i is the previous version's i - shift when it starts past `after`, both
  // its ends are the previous ones moved by `delta` (the same text) and its path is the same (its item's section's).
  const after = old && previous!.end !== undefined ? previous!.end : Infinity;
  const delta = previous?.delta ?? 0;
  const shift = old ? stmts.length - old.ends.length : 0;
  const oldSections = previous?.outline;
  let pathOf: OutlineSymbol | undefined;
  let oldPath = '';
  // The item kind of the last path seen (items of one menu come in runs).
  let kindPath: string | undefined;
  let kind: OutlineSymbol['kind'] = 'object';
  for (let i = from; i < stmts.length; i++) {
    const st = stmts[i];
    const range = st.range;
    walk.starts[i] = range.start;
    walk.ends[i] = range.end;
    walk.section[i] = -1;
    if (st.kind === 'RosMenu') {
      open(st.path, range);
      continue;
    }
    if (st.kind !== 'RosCommand' || !st.verb || (st.verb.name !== 'add' && st.verb.name !== 'set')) continue;
    if (!section || st.path !== sectionPath) open(st.path, st.pathRange ?? range);
    if (st.path !== kindPath) {
      kindPath = st.path;
      kind = st.path.startsWith('interface') ? 'interface' : /ipsec/.test(st.path) ? 'crypto' : /ospf|route/.test(st.path) ? 'routing' : /firewall/.test(st.path) ? 'filter' : 'object';
    }
    const j = i - shift;
    let sym: OutlineSymbol | undefined;
    if (range.start > after && j >= 0 && j < old!.ends.length && old!.section[j] >= 0 && old!.starts[j] + delta === range.start && old!.ends[j] + delta === range.end) {
      const sec = oldSections![old!.section[j]];
      if (sec !== pathOf) {
        pathOf = sec;
        oldPath = sec.name.slice(1);
      }
      if (oldPath === st.path) {
        const was = sec.children[old!.child[j]];
        // Not moved (an edit that kept the length): the previous item is this one, offsets and all; its range objects
        // (the node's, or made for it) were not moved either.
        if (delta === 0) sym = was;
        else sym = { name: was.name, detail: was.detail, kind, range, selectionRange: { start: range.start + old!.selFrom[j], end: range.start + old!.selTo[j] }, children: LEAF };
      }
    }
    sym ??= item(st, kind);
    walk.section[i] = res.length - 1;
    walk.child[i] = section!.children.length;
    walk.selFrom[i] = sym.selectionRange.start - range.start;
    walk.selTo[i] = sym.selectionRange.end - range.start;
    section!.children.push(sym);
    if (range.end > section!.range.end) section!.range.end = range.end;
  }
  walks.set(res, walk);
  return res;
}

/**
 * What an outline's walk read of each statement of its tree, as plain data (typed arrays: copied at memory speed
 * for the statements an edit kept): its start and end (what the next version checks its kept statements by) and,
 * for an item, where it is in the outline (section and child index; -1: none) and its selection (offsets from the
 * statement's start). The label is the item's own `name`, a string never written to.
 */
interface Walk {
  starts: Int32Array;
  ends: Int32Array;
  section: Int32Array;
  child: Int32Array;
  selFrom: Int32Array;
  selTo: Int32Array;
}

const walks = new WeakMap<OutlineSymbol[], Walk>();

/** A walk of `n` statements holding `old`'s entries for the first `from` (the same statements, checked). */
function newWalk(n: number, from: number, old: Walk | undefined): Walk {
  const w: Walk = { starts: new Int32Array(n), ends: new Int32Array(n), section: new Int32Array(n), child: new Int32Array(n), selFrom: new Int32Array(n), selTo: new Int32Array(n) };
  if (old && from > 0) for (const k of ['starts', 'ends', 'section', 'child', 'selFrom', 'selTo'] as const) w[k].set(old[k].subarray(0, from));
  return w;
}

/**
 * Keeps in `res` what the previous outline made of the statements before the edit and returns the index of the
 * first statement to read: the statements ending before `previous.start - 1` (a statement's end and the character
 * after it unchanged) but the last of them. Sections opened before the last of them are kept (a section never grows once another one
 * opens), the last one is copied with only the items of those statements.
 */
function resume(stmts: readonly RosTree['children'][number][], previous: OutlinePrevious, oldEnds: Int32Array, res: OutlineSymbol[]): number {
  const limit = previous.start - 1;
  let lo = 0;
  let hi = stmts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stmts[mid].range.end < limit) lo = mid + 1;
    else hi = mid;
  }
  // The statements before must be the previous version's, end for end: a statement is ended by what follows it
  // (the next line; a script block or string the parser looks ahead to close), so one that ends before the edit
  // now may have run past it before. Read again from the first that differs, and from the one before the first
  // the edit may touch (a parser that looks at the next line to end a statement cannot have changed the one before).
  let same = 0;
  while (same < lo && same < oldEnds.length && stmts[same].range.end === oldEnds[same]) same++;
  const kept = same < lo ? same : lo;
  const from = kept > 0 ? kept - 1 : 0;
  if (from === 0) return 0;
  // Everything that came from the kept statements starts before `bound`; nothing from a later statement does.
  const bound = stmts[from - 1].range.end;
  const old = previous.outline;
  let last = -1;
  while (last + 1 < old.length && old[last + 1].selectionRange.start < bound) last++;
  for (let i = 0; i < last; i++) res.push(old[i]);
  if (last < 0) return from;
  const open = old[last];
  const kids = open.children;
  let n = 0;
  while (n < kids.length && kids[n].range.start < bound) n++;
  const children = kids.slice(0, n);
  // A section's range: its opener's (its selection range, never extended), to the end of its last item.
  const end = n > 0 && kids[n - 1].range.end > open.selectionRange.end ? kids[n - 1].range.end : open.selectionRange.end;
  res.push({ name: open.name, kind: open.kind, range: { start: open.range.start, end }, selectionRange: open.selectionRange, children });
  return from;
}

/** One item: labelled by its name, else its most telling parameter (one pass over the parameters; issue 16). */
function item(cmd: RosCommand, kind: OutlineSymbol['kind']): OutlineSymbol {
  let best: RosCommand['params'][number] | undefined;
  let bestRank = PICK.length;
  const params = cmd.params;
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    const rank = PICK_RANK.get(p.key);
    // The first parameter of a key decides for that key, as a search by key would find it.
    if (rank === undefined || rank >= bestRank || !p.value) continue;
    if (firstOf(params, i)) {
      best = p;
      bestRank = rank;
    }
  }
  const detail = cmd.verb!.name === 'set' ? 'set' : undefined;
  if (best) {
    const k = PICK[bestRank];
    let name = best.value!;
    if (k === 'dst-address' && cmd.path === 'ip ipsec policy') name = `${param(cmd, 'src-address')?.value ?? '?'} → ${best.value}`;
    else if (k === 'chain') name = `${best.value} ${param(cmd, 'action')?.value ?? ''}`.trim();
    return { name, detail, kind, range: cmd.range, selectionRange: best.valueRange ?? cmd.range, children: LEAF };
  }
  const dn = cmd.find?.conditions[0];
  if (dn) return { name: `${dn.key}=${dn.value}`, detail, kind, range: cmd.range, selectionRange: dn.valueRange, children: LEAF };
  if (cmd.target) return { name: cmd.target.value, detail, kind, range: cmd.range, selectionRange: cmd.target.range, children: LEAF };
  return { name: cmd.verb?.name ?? cmd.path, detail, kind, range: cmd.range, selectionRange: cmd.range, children: LEAF };
}

/** Whether `params[i]` is the first parameter of its key. */
function firstOf(params: RosCommand['params'], i: number): boolean {
  const key = params[i].key;
  for (let j = 0; j < i; j++) if (params[j].key === key) return false;
  return true;
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

