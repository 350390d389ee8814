// Keeping a RouterOS lowering across an edit (issue 16, `Dialect.relower`): when the statements a re-parse read again
// differ from those they replaced only in what no lowering step read (a comment, a firewall rule's port), the model
// of the previous text is the model of the new one but for its ranges. The model holds the tree's own range objects
// (statement ranges, the parameters' `range`/`valueRange`), which the re-parse moved for the statements after the
// edit; the replaced statements' nodes take over the content of those read again and stand in the tree in their
// place (`adoptStatement`), so the items, Setters and ranges that hold them stay right. Imports only model/, syntax/
// and this dialect.

import type * as model from '../../model';
import type { ParseResult, TextRange } from '../../syntax';
import { lowerStates, SECRET_PARAMS, type LowerState } from './lower';
import { adoptStatement, replacedBy, serialOf, type RosCommand, type RosStatement, type RosTree } from './parser';

export interface RouterOsRelowered {
  device: model.Device;
  /** See `Relowered.position`. */
  position(offset: number): number | undefined;
}

/**
 * The lowering of `parsed` kept from the lowering that made `previous` (a device `lowerRouterOs` made with `editing`,
 * of the parse `parsed` re-parsed), or undefined (lower the whole tree): when the previous lowering recorded no state
 * for it, the uri, version override or export header differ, or a statement read again differs from the one it
 * replaced in anything the lowering may read (see `sameForLowering`). Consumes `previous`'s state; the device
 * returned is a new object (its lists copied), whose model objects are `previous`'s, moved.
 */
export function relowerRouterOs(previous: model.Device, parsed: ParseResult<RosTree>, uri: string, override?: 6 | 7): RouterOsRelowered | undefined {
  const rep = replacedBy(parsed);
  const state = lowerStates.get(previous);
  if (!rep || !state || state.serial !== rep.previous || state.ctx.uri !== uri || state.override !== override) return undefined;
  if (rep.headerVersion !== parsed.tree.headerVersion || state.headerVersion !== parsed.tree.headerVersion || rep.old.length !== rep.count) return undefined;
  const children = parsed.tree.children;
  const oldText = state.ctx.text;
  const newText = parsed.text;
  for (let k = 0; k < rep.count; k++) if (!sameForLowering(rep.old[k], children[rep.first + k], oldText, newText, state.reads)) return undefined;
  // From here on the state is consumed: the replaced nodes take the new content over.
  lowerStates.delete(previous);
  const anchors = new Map<number, number>();
  for (let k = 0; k < rep.count; k++) {
    const kept = rep.old[k];
    const made = children[rep.first + k];
    if (kept.kind !== 'RosCommand') continue;
    addAnchors(anchors, kept, made as RosCommand);
    // The same shape (checked above), so the node takes the new content over; it then stands in the tree.
    if (!adoptStatement(kept, made)) return undefined;
    children[rep.first + k] = kept;
  }
  const ctx = state.ctx;
  ctx.text = newText;
  for (const s of ctx.subRanges ?? []) {
    const start = s.param.valueRange!.start;
    s.range.start = start + s.from;
    s.range.end = start + s.to;
  }
  for (const t of ctx.tunnels ?? []) t.tunnel.insertAt = t.cmd.range.end;
  const device = freshDevice(previous, state);
  // References stay in document order (`inDocumentOrder`) as long as the edit kept their order, which the same
  // statements in the same order do; checked, since a full lowering would sort them.
  const refs = device.references;
  for (let i = 1; i < refs.length; i++) if (refs[i - 1].range.start > refs[i].range.start) return undefined;
  ctx.device = device;
  lowerStates.set(device, { ...state, serial: serialOf(parsed), ctx, ospfInterfaces: device.ospfInterfaces });
  const { from, oldEnd, delta } = rep;
  // An edit at the end of the text may change whether it ends with a newline, which a Setter appending a line reads.
  const sameEnd = oldText.endsWith('\n') === newText.endsWith('\n');
  return {
    device,
    position(offset) {
      const a = anchors.get(offset);
      if (a !== undefined) return Number.isNaN(a) ? undefined : a;
      if (offset < from) return offset;
      if (offset >= oldEnd && (sameEnd || offset < oldText.length)) return offset + delta;
      return undefined;
    },
  };
}

/**
 * The previous device as a new object, with new lists holding its objects, and the fields `applyWorkspaceConfig`
 * sets (the host applies it to the new device again) as the lowering left them.
 */
function freshDevice(previous: model.Device, state: LowerState): model.Device {
  const device = { ...previous } as model.Device;
  const fields = device as unknown as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const v = fields[key];
    if (Array.isArray(v)) fields[key] = v.slice();
  }
  device.platformVersion = state.platformVersion;
  device.extraAddresses = previous.extraAddresses.slice(0, state.extraAddresses);
  device.ospfInterfaces = state.ospfInterfaces.slice();
  return device;
}

/**
 * Whether the lowering reads the same of `b` (in the new text) as of `a` (in the previous text), but for offsets:
 * the kind; a menu's path; a command's path, verb, path words, `find`, target and positional arguments as written,
 * its parameters' names, keys and kinds of value, and the values of the keys the lowering read of the items of its
 * path (`LowerState.reads`), of secrets (`collectOtherSecrets`) and of `exchange-mode` on peers (`decideVersion`).
 * Comments and scripts: the lowering reads none of them (the export header, which it reads, is compared whole).
 */
export function sameForLowering(a: RosStatement, b: RosStatement, oldText: string, newText: string, reads: Map<string, Set<string>>): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'RosMenu') return a.path === (b as typeof a).path;
  if (a.kind !== 'RosCommand') return true;
  const c = b as RosCommand;
  if (a.path !== c.path || a.pathAbsolute !== c.pathAbsolute || a.menu !== c.menu || !a.verb !== !c.verb || a.verb?.name !== c.verb?.name || !a.pathRange !== !c.pathRange) return false;
  if (!sameText(oldText, a.range.start, headEnd(a), newText, c.range.start, headEnd(c))) return false;
  const f = a.find;
  const g = c.find;
  if (!f !== !g || (f && g && (f.text !== g.text || f.conditions.length !== g.conditions.length))) return false;
  if (f && g) for (let k = 0; k < f.conditions.length; k++) if (f.conditions[k].key !== g.conditions[k].key || f.conditions[k].value !== g.conditions[k].value) return false;
  if (!a.target !== !c.target || a.target?.value !== c.target?.value) return false;
  if (a.args.length !== c.args.length) return false;
  for (let k = 0; k < a.args.length; k++) if (a.args[k].value !== c.args[k].value) return false;
  if (a.params.length !== c.params.length) return false;
  const read = reads.get(a.path);
  for (let k = 0; k < a.params.length; k++) {
    const p = a.params[k];
    const q = c.params[k];
    if (p.key !== q.key || p.name !== q.name || p.quoted !== q.quoted || p.expression !== q.expression || (p.value === undefined) !== (q.value === undefined)) return false;
    const pv = p.valueRange;
    const qv = q.valueRange;
    if (!pv !== !qv) return false;
    if (read?.has(p.key) || SECRET_PARAMS.has(p.key) || (a.path === 'ip ipsec peer' && p.key === 'exchange-mode')) {
      if (p.value !== q.value) return false;
      if (pv && qv && !sameText(oldText, pv.start, pv.end, newText, qv.start, qv.end)) return false;
    }
  }
  return true;
}

/** Where a command's path words and verb end (its start when it has neither). */
function headEnd(c: RosCommand): number {
  return c.verb ? c.verb.range.end : c.pathRange ? c.pathRange.end : c.range.start;
}

function sameText(a: string, as: number, ae: number, b: string, bs: number, be: number): boolean {
  if (ae - as !== be - bs) return false;
  for (let i = 0; i < ae - as; i++) if (a.charCodeAt(as + i) !== b.charCodeAt(bs + i)) return false;
  return true;
}

/**
 * Where each offset of `a` (a replaced command, in the previous text) is in `b` (the one read in its place): every
 * end of its range, path words, verb, `find`, target, arguments and parameters. An offset two of them would move
 * apart is NaN (unknown).
 */
function addAnchors(anchors: Map<number, number>, a: RosCommand, b: RosCommand): void {
  const add = (x: TextRange | undefined, y: TextRange | undefined) => {
    if (!x || !y) return;
    put(anchors, x.start, y.start);
    put(anchors, x.end, y.end);
  };
  add(a.range, b.range);
  add(a.pathRange, b.pathRange);
  add(a.verb?.range, b.verb?.range);
  add(a.find?.range, b.find?.range);
  if (a.find && b.find) for (let k = 0; k < a.find.conditions.length; k++) {
    add(a.find.conditions[k].range, b.find.conditions[k].range);
    add(a.find.conditions[k].valueRange, b.find.conditions[k].valueRange);
  }
  add(a.target?.range, b.target?.range);
  for (let k = 0; k < a.args.length; k++) add(a.args[k].range, b.args[k].range);
  for (let k = 0; k < a.params.length; k++) {
    const p = a.params[k];
    const q = b.params[k];
    add(p.range, q.range);
    add(p.nameRange, q.nameRange);
    add(p.valueRange, q.valueRange);
  }
}

function put(anchors: Map<number, number>, from: number, to: number): void {
  const was = anchors.get(from);
  if (was === undefined) anchors.set(from, to);
  else if (was !== to) anchors.set(from, NaN);
}
