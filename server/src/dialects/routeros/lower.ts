// Lowers a RouterOS tree into the neutral model: interfaces, addresses, PPP/L2TP, IPsec peers (v6 classic,
// 6.43+ and v7 profile/identity forms), OSPF (v6 networks, v7 interface templates), definitions/references,
// and Setters that render quick-fix values back into RouterOS syntax. Imports only model/, syntax/ and this dialect.

import * as model from '../../model';
import type { ParseResult, SyntaxDiagnostic, TextRange } from '../../syntax';
import { AUTH_CANON, keywordFor, PROFILE_ENC_CANON, PROPOSAL_ENC_CANON } from './catalog';
import { serialOf, type RosCommand, type RosParam, type RosTree } from './parser';
import { dict } from '../../model/dict';

export interface VersionDecision {
  major: 6 | 7;
  reason: string;
}

/** Decides v6 vs v7: option override, then the export header, then content markers; v7 when nothing says. */
export function decideVersion(tree: RosTree, override?: 6 | 7): VersionDecision {
  if (override) return { major: override, reason: 'setting' };
  if (tree.headerVersion) {
    const major = Number(tree.headerVersion.split('.')[0]);
    if (major === 6 || major === 7) return { major, reason: `header (RouterOS ${tree.headerVersion})` };
  }
  let v6 = 0;
  let v7 = 0;
  for (const st of tree.children) {
    if (st.kind !== 'RosCommand' && st.kind !== 'RosMenu') continue;
    const path = st.path;
    if (path === 'routing ospf interface-template' || path === 'routing table' || path === 'routing id' || path === 'routing bgp connection' || path === 'routing ospf static-neighbor') v7 += 2;
    if (path === 'routing ospf network' || path === 'routing ospf nbma-neighbor' || path === 'routing bgp peer') v6 += 2;
    if (st.kind !== 'RosCommand') continue;
    if (st.pathRange && /^\/[a-z-]+\/[a-z]/.test(st.tokens[0]?.text ?? '')) v7 += 1; // `/ip/address/add` slash syntax
    if (path === 'routing ospf interface' && st.verb?.name === 'add') v6 += 2;
    if (path === 'ip ipsec peer') {
      for (const p of st.params) {
        if (['secret', 'hash-algorithm', 'enc-algorithm', 'dh-group', 'auth-method', 'generate-policy'].includes(p.key)) v6 += 2;
        if (p.key === 'exchange-mode' && p.value === 'main-l2tp') v6 += 2;
      }
    }
    if (path === 'ip route') for (const p of st.params) (p.key === 'routing-mark' ? (v6 += 1) : p.key === 'routing-table' ? (v7 += 1) : 0);
    if (path === 'routing ospf instance') for (const p of st.params) if (p.key === 'version' || p.key === 'vrf' || p.key === 'redistribute') v7 += 1;
  }
  if (v6 > v7) return { major: 6, reason: 'content (v6-only syntax)' };
  if (v7 > v6) return { major: 7, reason: 'content (v7-only syntax)' };
  return { major: 7, reason: 'no version evidence; assuming v7' };
}

/**
 * An item's parameters by key. While a lowering records what it read (`lowerRouterOs` with `editing`), every `get`
 * and `has` adds the key to `reads`, the keys read of the item's menu path: an edit that changes only the values of
 * keys nobody read keeps the model (`relowerRouterOs`).
 */
export class ParamMap extends Map<string, RosParam> {
  reads: Set<string> | undefined = undefined;
  override get(key: string): RosParam | undefined {
    this.reads?.add(key);
    return super.get(key);
  }
  override has(key: string): boolean {
    this.reads?.add(key);
    return super.has(key);
  }
}

/** One configured object of a menu: an `add` line, or a `set` target, merged across lines. */
export interface RosItem {
  path: string;
  /** The defining command (first add/set). */
  cmd: RosCommand;
  cmds: RosCommand[];
  params: ParamMap;
  /** Built-in object (`[ find default=yes ]`, ethernet `default-name`), not created by this file. */
  builtin?: boolean;
  defaultName?: string;
}

function itemName(it: RosItem): string | undefined {
  return it.params.get('name')?.value ?? it.defaultName;
}

/**
 * Groups commands into items per menu path. With `reads`, each item's parameters record the keys read of them into
 * `reads` (per menu path; see `ParamMap`).
 */
export function collectItems(tree: RosTree, reads?: Map<string, Set<string>>): Map<string, RosItem[]> {
  const res = new Map<string, RosItem[]>();
  const list = (path: string) => {
    let l = res.get(path);
    if (!l) res.set(path, (l = []));
    return l;
  };
  const paramMap = (path: string): ParamMap => {
    const m = new ParamMap();
    if (reads) {
      let r = reads.get(path);
      if (!r) reads.set(path, (r = new Set()));
      m.reads = r;
    }
    return m;
  };
  for (const st of tree.children) {
    if (st.kind !== 'RosCommand' || !st.verb) continue;
    const verb = st.verb.name;
    const items = list(st.path);
    const merge = (it: RosItem) => {
      it.cmds.push(st);
      for (const p of st.params) it.params.set(p.key, p);
    };
    if (verb === 'add') {
      const it: RosItem = { path: st.path, cmd: st, cmds: [], params: paramMap(st.path) };
      merge(it);
      items.push(it);
      continue;
    }
    if (verb !== 'set' && verb !== 'edit') continue;
    const singleton = st.menu && !st.menu.commands.includes('add');
    let target: RosItem | undefined;
    if (singleton && !st.find && !st.target) {
      target = items[0];
      if (!target) {
        target = { path: st.path, cmd: st, cmds: [], params: paramMap(st.path) };
        items.push(target);
      }
    } else if (st.find) {
      const conds = st.find.conditions;
      const dn = conds.find((c) => c.key === 'default-name');
      const isDefault = conds.some((c) => c.key === 'default' && c.value === 'yes');
      const byName = conds.find((c) => c.key === 'name');
      if (dn) target = items.find((i) => i.defaultName === dn.value);
      else if (isDefault) target = items.find((i) => i.builtin && itemName(i) === 'default');
      else if (byName) target = items.find((i) => itemName(i) === byName.value);
      if (!target) {
        target = { path: st.path, cmd: st, cmds: [], params: paramMap(st.path), builtin: Boolean(dn || isDefault), defaultName: dn?.value ?? (isDefault ? 'default' : byName?.value) };
        items.push(target);
      }
    } else if (st.target) {
      const name = st.target.value;
      target = items.find((i) => itemName(i) === name);
      if (!target) {
        target = { path: st.path, cmd: st, cmds: [], params: paramMap(st.path), builtin: true, defaultName: name };
        items.push(target);
      }
    } else {
      target = { path: st.path, cmd: st, cmds: [], params: paramMap(st.path) };
      items.push(target);
    }
    merge(target!);
  }
  return res;
}

// ---------------------------------------------------------------- value helpers

const TIME_UNITS: Record<string, number> = dict({ w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 });

/** RouterOS time: `1d`, `8h30m`, `30m`, `1d00:00:00`, `00:30:00`, or plain seconds. */
export function parseTime(text: string): number | undefined {
  let t = text.trim();
  if (t === '') return undefined;
  let total = 0;
  const clock = /(\d+):(\d{1,2}):(\d{1,2})$/.exec(t);
  if (clock) {
    total += Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3]);
    t = t.slice(0, clock.index);
    if (t === '') return total;
  }
  if (/^\d+$/.test(t)) return total + Number(t);
  const re = /(\d+)(ms|w|d|h|m|s)/gy;
  let matched = 0;
  let mm: RegExpExecArray | null;
  while ((mm = re.exec(t))) {
    total += Number(mm[1]) * TIME_UNITS[mm[2]];
    matched = re.lastIndex;
  }
  return matched === t.length ? total : undefined;
}

function isYes(v: string | undefined): boolean {
  return v === undefined || v === '' || v === 'yes' || v === 'true';
}

/** Quotes a value for RouterOS when it contains anything but plain word characters. */
export function quoteValue(v: string): string {
  if (/^[A-Za-z0-9._:\/,@+*-]+$/.test(v)) return v;
  return '"' + v.replace(/[\\"$?]/g, (c) => '\\' + c).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t') + '"';
}

// ---------------------------------------------------------------- lowering

export interface LowerContext {
  uri: string;
  text: string;
  version: VersionDecision;
  items: Map<string, RosItem[]>;
  device: model.Device;
  diagnostics: SyntaxDiagnostic[];
  /** The text is a full `/export` (has the `# … by RouterOS` header), not a snippet. */
  isExport: boolean;
  /**
   * Recorded for a kept lowering (`editing`; relower.ts): the ranges made inside a parameter's value (a list element,
   * a negated name), and the tunnels whose `insertAt` is their item's end.
   */
  subRanges?: SubRange[];
  tunnels?: { tunnel: model.Tunnel; cmd: RosCommand }[];
}

/** A range `from`..`to` characters into `param`'s value as written. */
export interface SubRange {
  range: TextRange;
  param: RosParam;
  from: number;
  to: number;
}

/** What a lowering made with `editing` keeps for `relowerRouterOs` (relower.ts). */
export interface LowerState {
  /** `serialOf` the parse lowered. */
  serial: number;
  ctx: LowerContext;
  /** The keys read of the items of each menu path (`ParamMap`). */
  reads: Map<string, Set<string>>;
  override: 6 | 7 | undefined;
  headerVersion: string | undefined;
  /** The device as lowered, before the host changed it (`applyWorkspaceConfig` sets these three). */
  platformVersion: string | undefined;
  extraAddresses: number;
  ospfInterfaces: model.OspfInterface[];
}

/** The state of each device lowered with `editing`, until a relowering takes it over. */
export const lowerStates = new WeakMap<model.Device, LowerState>();

export function lowerRouterOs(parsed: ParseResult<RosTree>, uri: string, override?: 6 | 7, editing = false): { device: model.Device; diagnostics: SyntaxDiagnostic[]; version: VersionDecision } {
  const tree = parsed.tree;
  const version = decideVersion(tree, override);
  const device = model.emptyDevice(uri, 'routeros', uri.split('/').pop() ?? uri);
  device.platformVersion = tree.headerVersion ?? String(version.major);
  const reads = editing ? new Map<string, Set<string>>() : undefined;
  const items = collectItems(tree, reads);
  const ctx: LowerContext = { uri, text: parsed.text, version, items, device, diagnostics: [], isExport: tree.headerVersion !== undefined };
  if (editing) {
    ctx.subRanges = [];
    ctx.tunnels = [];
  }
  let complete = false;
  try {
    lowerIdentity(ctx);
    lowerInterfaces(ctx);
    lowerAddresses(ctx);
    lowerPoolsAndPpp(ctx);
    lowerL2tp(ctx);
    lowerIpsec(ctx);
    lowerOspf(ctx);
    attachOspfProcessSetters(ctx);
    lowerMiscReferences(ctx);
    addLocalAddresses(ctx);
    collectOtherSecrets(ctx);
    inDocumentOrder(device.references);
    complete = true;
  } catch {
    // Lowering must never take the server down; a partial model is still useful.
  }
  // A partial model, or one that reported diagnostics of its own, is not kept across an edit.
  if (reads && complete && ctx.diagnostics.length === 0) {
    lowerStates.set(device, {
      serial: serialOf(parsed),
      ctx,
      reads,
      override,
      headerVersion: tree.headerVersion,
      platformVersion: device.platformVersion,
      extraAddresses: device.extraAddresses.length,
      ospfInterfaces: device.ospfInterfaces,
    });
  }
  return { device, diagnostics: ctx.diagnostics, version };
}

/**
 * References in document order (issue 16): each lowering step adds its own in order, so the list is a few sorted
 * runs, which a stable sort by start merges in about linear time; references at one start keep their order, so every
 * ordering by range downstream (findings, semantic tokens' ties) is as before, and the semantic tokens merge finds
 * its references run already ordered instead of sorting it with a comparator.
 */
function inDocumentOrder(refs: model.Reference[]): void {
  for (let i = 1; i < refs.length; i++) {
    if (refs[i - 1].range.start > refs[i].range.start) {
      refs.sort((a, b) => a.range.start - b.range.start);
      return;
    }
  }
}

function get(ctx: LowerContext, path: string): RosItem[] {
  return ctx.items.get(path) ?? [];
}

function def(ctx: LowerContext, kind: string, p: RosParam | undefined, it: RosItem, extra: Partial<model.Definition> = {}): void {
  if (!p?.value || !p.valueRange) return;
  ctx.device.definitions.push({ kind, name: p.value, range: p.valueRange, fullRange: it.cmd.range, ...extra });
}

function builtin(ctx: LowerContext, kind: string, name: string): void {
  ctx.device.definitions.push({ kind, name, range: { start: 0, end: 0 }, fullRange: { start: 0, end: 0 }, builtin: true });
}

function ref(ctx: LowerContext, kind: string, p: RosParam | undefined, opts: { list?: boolean; alsoKinds?: string[]; skip?: (v: string) => boolean } = {}): void {
  if (!p?.value || !p.valueRange || p.expression) return;
  const raw = ctx.text.slice(p.valueRange.start, p.valueRange.end);
  const plain = !p.quoted && raw === p.value;
  const values = opts.list ? p.value.split(',') : [p.value];
  let off = 0;
  for (const v0 of values) {
    const v = v0.replace(/^!/, '');
    const neg = v0.length - v.length;
    if (v && !(opts.skip?.(v) ?? false)) {
      // The whole value (plain, one element, not negated): the parameter's own range object, which an edit moves.
      const range = !plain || (values.length === 1 && neg === 0) ? p.valueRange : subRange(ctx, p, off + neg, off + v0.length);
      ctx.device.references.push({ kind, name: v, range, alsoKinds: opts.alsoKinds });
    }
    off += v0.length + 1;
  }
}

/** A range `from`..`to` characters into `p`'s value, recorded for a kept lowering (`LowerContext.subRanges`). */
function subRange(ctx: LowerContext, p: RosParam, from: number, to: number): TextRange {
  const start = p.valueRange!.start;
  const range = { start: start + from, end: start + to };
  ctx.subRanges?.push({ range, param: p, from, to });
  return range;
}

/** Edits that set `key=value` on an item: replace the written value, or append to its defining line. */
export function setParamEdits(ctx: { uri: string; text: string }, it: RosItem | undefined, key: string, rosValue: string, fallbackLine?: string): model.Edit[] {
  const q = quoteValue(rosValue);
  if (it) {
    const p = it.params.get(key);
    if (p) {
      // Edits get range objects of their own: the parameter's are the tree's, which a re-parse moves.
      const vr = p.valueRange;
      if (vr && p.value !== undefined && ctx.text[p.nameRange.end] === '=') return [{ uri: ctx.uri, range: { start: vr.start, end: vr.end }, newText: q }];
      return [{ uri: ctx.uri, range: { start: p.range.start, end: p.range.end }, newText: `${key}=${q}` }];
    }
    return [{ uri: ctx.uri, range: { start: it.cmd.range.end, end: it.cmd.range.end }, newText: ` ${key}=${q}` }];
  }
  if (!fallbackLine) return [];
  const end = ctx.text.length;
  const nl = end === 0 || ctx.text.endsWith('\n') ? '' : '\n';
  return [{ uri: ctx.uri, range: { start: end, end }, newText: `${nl}${fallbackLine} ${key}=${q}\n` }];
}

/** Like setParamEdits for several parameters; an implicit built-in item gets one `set` line with all of them. */
export function setParamsEdits(ctx: { uri: string; text: string }, it: RosItem | undefined, pairs: [string, string][], fallbackLine?: string): model.Edit[] {
  if (it) return pairs.flatMap(([k, v]) => setParamEdits(ctx, it, k, v));
  if (!fallbackLine || pairs.length === 0) return [];
  const line = `${fallbackLine} ${pairs.map(([k, v]) => `${k}=${quoteValue(v)}`).join(' ')}`;
  const end = ctx.text.length;
  const nl = end === 0 || ctx.text.endsWith('\n') ? '' : '\n';
  return [{ uri: ctx.uri, range: { start: end, end }, newText: `${nl}${line}\n` }];
}

function lowerIdentity(ctx: LowerContext): void {
  for (const it of get(ctx, 'system identity')) {
    const p = it.params.get('name');
    if (p?.value) {
      ctx.device.name = p.value;
      ctx.device.hostnameRange = p.valueRange;
    }
  }
}

const DEFAULT_IFACE = /^(ether|sfp|sfpplus|sfp-sfpplus|qsfp|qsfpplus|qsfp28-|combo|wlan|wifi|lte|lo$|lo\d|bond|veth|ppp-out|pppoe-out|l2tp-out|ovpn-out|wg|wireguard|bridge|switch|x86|cap|w60g|60g|usb|modem)/i;

function ifaceKind(path: string): model.Interface['kind'] {
  switch (path) {
    case 'interface ethernet':
      return 'physical';
    case 'interface bridge':
      return 'bridge';
    case 'interface vlan':
      return 'vlan';
    case 'interface gre':
    case 'interface gre6':
    case 'interface ipip':
    case 'interface ipipv6':
    case 'interface eoip':
    case 'interface eoipv6':
      return 'tunnel';
    case 'interface wireless':
    case 'interface wifi':
    case 'interface wifiwave2':
    case 'interface lte':
      return 'physical';
    default:
      return 'virtual';
  }
}

function lowerInterfaces(ctx: LowerContext): void {
  for (const [path, items] of ctx.items) {
    const segs = path.split(' ');
    if (segs[0] !== 'interface' || segs.length !== 2 || ['list'].includes(segs[1])) continue;
    for (const it of items) {
      const nameP = it.params.get('name');
      const name = nameP?.value ?? it.defaultName;
      if (!name) continue;
      const nameRange = nameP?.valueRange ?? it.cmd.find?.conditions.find((c) => c.key === 'default-name')?.valueRange ?? it.cmd.target?.range ?? it.cmd.range;
      const kind = ifaceKind(path);
      const itf: model.Interface = {
        name,
        nameRange,
        range: it.cmd.range,
        kind,
        addresses: [],
        shutdown: isYes(it.params.get('disabled')?.value) && it.params.has('disabled'),
        description: it.params.get('comment')?.value,
      };
      const mtu = it.params.get('mtu');
      if (mtu?.value && /^\d+$/.test(mtu.value)) itf.mtu = { value: Number(mtu.value), range: mtu.valueRange };
      if (kind === 'tunnel') {
        const mode = segs[1].startsWith('gre') ? 'gre' : segs[1].startsWith('ipip') ? 'ipip' : 'other';
        const tun: model.Tunnel = { mode: { value: mode, range: it.cmd.pathRange ?? it.cmd.range } };
        const la = it.params.get('local-address');
        const ra = it.params.get('remote-address');
        if (la?.value && model.canonicalAddress(la.value)) tun.source = { value: model.canonicalAddress(la.value)!, range: la.valueRange, set: (v) => setParamEdits(ctx, it, 'local-address', v) };
        if (ra?.value && model.canonicalAddress(ra.value)) tun.destination = { value: model.canonicalAddress(ra.value)!, range: ra.valueRange, set: (v) => setParamEdits(ctx, it, 'remote-address', v) };
        const tid = it.params.get('tunnel-id');
        if (tid?.value) tun.key = { value: tid.value, range: tid.valueRange };
        tun.insertAt = it.cmd.range.end;
        ctx.tunnels?.push({ tunnel: tun, cmd: it.cmd });
        itf.tunnel = tun;
      }
      ctx.device.interfaces.push(itf);
      ctx.device.definitions.push({ kind: 'interface', name, range: nameRange, fullRange: it.cmd.range, implicitlyUsed: true });
      if (path === 'interface vlan') ref(ctx, 'interface', it.params.get('interface'));
      if (path === 'interface l2tp-client' || path === 'interface ovpn-client' || path === 'interface pptp-client' || path === 'interface sstp-client') ref(ctx, 'ppp-profile', it.params.get('profile'));
    }
  }
  for (const it of get(ctx, 'zerotier interface')) {
    const n = it.params.get('name');
    if (n?.value && n.valueRange) {
      ctx.device.interfaces.push({ name: n.value, nameRange: n.valueRange, range: it.cmd.range, kind: 'virtual', addresses: [], shutdown: false });
      def(ctx, 'interface', n, it, { implicitlyUsed: true });
    }
  }
  for (const it of get(ctx, 'interface ovpn-server server')) ref(ctx, 'ppp-profile', it.params.get('default-profile'));
  // Partial snippets (no export header) lean on the default configuration's LAN/WAN lists.
  if (!ctx.isExport) for (const b of ['LAN', 'WAN']) if (!get(ctx, 'interface list').some((i) => i.params.get('name')?.value === b)) builtin(ctx, 'interface-list', b);
  for (const it of get(ctx, 'interface bridge port')) {
    ref(ctx, 'interface', it.params.get('bridge'));
    ref(ctx, 'interface', it.params.get('interface'), { alsoKinds: ['interface-list'] });
  }
  for (const it of get(ctx, 'interface list')) def(ctx, 'interface-list', it.params.get('name'), it, { implicitlyUsed: true });
  for (const b of ['all', 'none', 'dynamic', 'static']) builtin(ctx, 'interface-list', b);
  for (const it of get(ctx, 'interface list member')) {
    ref(ctx, 'interface-list', it.params.get('list'));
    ref(ctx, 'interface', it.params.get('interface'), { alsoKinds: ['interface-list'] });
  }
}

/** Interface by name, created on demand for default ports the export does not list (`ether2`). */
/** The interface `name` (the first of that name, by `byName`), added when missing. */
function ensureInterface(ctx: LowerContext, byName: Map<string, model.Interface>, name: string, at: TextRange): model.Interface {
  let itf = byName.get(name);
  if (!itf) {
    itf = { name, nameRange: at, range: at, kind: DEFAULT_IFACE.test(name) ? 'physical' : 'other', addresses: [], shutdown: false };
    ctx.device.interfaces.push(itf);
    byName.set(name, itf);
  }
  return itf;
}

function isDynamicName(v: string): boolean {
  return v.startsWith('<') || v.includes('$');
}

function lowerAddresses(ctx: LowerContext): void {
  // Default ports exist without being exported: make them satisfy references.
  const defined = new Set(ctx.device.definitions.filter((d) => d.kind === 'interface').map((d) => d.name));
  const builtinIface = (name: string) => {
    if (!defined.has(name) && (DEFAULT_IFACE.test(name) || isDynamicName(name))) {
      defined.add(name);
      builtin(ctx, 'interface', name);
    }
  };
  for (const r of ctx.device.references) if (r.kind === 'interface') builtinIface(r.name);
  // By name, not a `find` per address over every interface (issue 16: quadratic on a file of many VLANs).
  const byName = firstBy(ctx.device.interfaces, (i) => i.name);
  for (const it of get(ctx, 'ip address')) {
    if (isYes(it.params.get('disabled')?.value) && it.params.has('disabled')) continue;
    const a = it.params.get('address');
    const i = it.params.get('interface');
    if (!a?.value || !i?.value || !a.valueRange) continue;
    ref(ctx, 'interface', i);
    builtinIface(i.value);
    const [addrText, lenText] = a.value.split('/');
    const address = model.canonicalAddress(addrText);
    if (!address) continue;
    const family = address.includes(':') ? 128 : 32;
    const len = lenText === undefined ? family : Number(lenText);
    if (!Number.isInteger(len) || len < 0 || len > family) continue;
    const itf = ensureInterface(ctx, byName, i.value, i.valueRange!);
    itf.addresses.push({ address, prefixLength: len, secondary: itf.addresses.length > 0, range: a.valueRange });
  }
}

function isAddressish(v: string): boolean {
  return /^[0-9.:/-]+$/.test(v) && /\d/.test(v);
}

function lowerPoolsAndPpp(ctx: LowerContext): void {
  for (const it of get(ctx, 'ip pool')) {
    def(ctx, 'ip-pool', it.params.get('name'), it);
    ref(ctx, 'ip-pool', it.params.get('next-pool'), { skip: (v) => v === 'none' });
  }
  builtin(ctx, 'ppp-profile', 'default');
  builtin(ctx, 'ppp-profile', 'default-encryption');
  for (const it of get(ctx, 'ppp profile')) {
    if (!it.builtin) def(ctx, 'ppp-profile', it.params.get('name'), it);
    for (const k of ['local-address', 'remote-address']) ref(ctx, 'ip-pool', it.params.get(k), { skip: isAddressish });
    ref(ctx, 'interface', it.params.get('bridge'));
  }
  for (const it of get(ctx, 'ppp secret')) {
    ref(ctx, 'ppp-profile', it.params.get('profile'));
    for (const k of ['local-address', 'remote-address']) ref(ctx, 'ip-pool', it.params.get(k), { skip: isAddressish });
  }
  builtin(ctx, 'ip-pool', 'static-only');
  for (const it of get(ctx, 'ip dhcp-server')) {
    ref(ctx, 'interface', it.params.get('interface'));
    ref(ctx, 'ip-pool', it.params.get('address-pool'));
  }
  for (const it of get(ctx, 'ip dhcp-client')) ref(ctx, 'interface', it.params.get('interface'));
  for (const it of get(ctx, 'ip ipsec mode-config')) ref(ctx, 'ip-pool', it.params.get('address-pool'));
}

/** Parameters whose value is a secret, on any menu (display features dim them). */
export const SECRET_PARAMS = new Set(['secret', 'password', 'ipsec-secret', 'auth-key', 'authentication-key', 'wpa-pre-shared-key', 'wpa2-pre-shared-key', 'passphrase', 'authentication-password', 'encryption-password', 'radius-secret', 'private-key', 'preshared-key', 'tcp-md5-key']);

function collectOtherSecrets(ctx: LowerContext): void {
  const out: TextRange[] = [];
  for (const items of ctx.items.values()) for (const it of items) for (const st of it.cmds) for (const p of st.params) if (SECRET_PARAMS.has(p.key) && p.valueRange && p.value) out.push(p.valueRange);
  if (out.length) ctx.device.otherSecrets = out;
}

function secretOf(p: RosParam): model.Secret {
  return { kind: 'plain', plain: p.value ?? '', range: p.valueRange ?? p.range };
}

function lowerL2tp(ctx: LowerContext): void {
  for (const it of get(ctx, 'interface l2tp-server server')) {
    const en = it.params.get('enabled');
    const ui = it.params.get('use-ipsec');
    const sec = it.params.get('ipsec-secret');
    const dp = it.params.get('default-profile');
    const useIpsec = (ui?.value === 'yes' || ui?.value === 'required' ? ui.value : 'no') as 'no' | 'yes' | 'required';
    const server: model.L2tpServer = {
      range: it.cmd.range,
      enabled: en ? { value: isYes(en.value), range: en.valueRange } : { value: false, default: 'RouterOS default: L2TP server disabled' },
      useIpsec: ui ? { value: useIpsec, range: ui.valueRange } : { value: 'no', default: 'RouterOS default: use-ipsec=no' },
      defaultProfile: dp?.value ? { value: dp.value, range: dp.valueRange } : { value: 'default-encryption', default: 'RouterOS default profile for L2TP' },
    };
    ref(ctx, 'ppp-profile', dp);
    attachL2tpSetters(ctx, it, server);
    if (sec?.value !== undefined && sec.valueRange) {
      server.ipsecSecret = { peer: '0.0.0.0/0', secret: secretOf(sec), range: it.cmd.range, set: (v) => setParamEdits(ctx, it, 'ipsec-secret', v) };
      ctx.device.keys.push(server.ipsecSecret);
    }
    ctx.device.l2tp.push(server);
  }
}

/** Quick-fix setter of `use-ipsec=` on the L2TP server (`/interface l2tp-server server set use-ipsec=required`). */
function attachL2tpSetters(ctx: LowerContext, it: RosItem, server: model.L2tpServer): void {
  server.useIpsec.set = (v) => setParamEdits(ctx, it, 'use-ipsec', v);
}

// ---------------------------------------------------------------- IPsec

interface Phase1Source {
  item?: RosItem;
  /** Where defaults come from, for Value.default. */
  defaultNote: string;
  /** Fallback line to create when the item is implicit. */
  fallbackLine?: string;
}

function canonList(p: RosParam | undefined, table: Readonly<Record<string, string>> | undefined, fallback: string, note: string): model.Value<string[]> {
  const raw = p?.value ?? fallback;
  const vals = raw.split(',').filter(Boolean).map((v) => (table ? (table[v] ?? v) : v));
  return p ? { value: vals, range: p.valueRange } : { value: vals, default: note };
}

const DH_IDENT: Record<string, string> = dict({});

function lowerIpsec(ctx: LowerContext): void {
  const v = ctx.version.major;
  const proposals = get(ctx, 'ip ipsec proposal');
  const profiles = get(ctx, 'ip ipsec profile');
  const peers = get(ctx, 'ip ipsec peer');
  const identities = get(ctx, 'ip ipsec identity');
  const policies = get(ctx, 'ip ipsec policy');
  builtin(ctx, 'ipsec-proposal', 'default');
  builtin(ctx, 'ipsec-profile', 'default');
  builtin(ctx, 'ipsec-policy-group', 'default');
  builtin(ctx, 'ipsec-mode-config', 'request-only');
  for (const it of proposals) if (!it.builtin) def(ctx, 'ipsec-proposal', it.params.get('name'), it);
  for (const it of profiles) if (!it.builtin) def(ctx, 'ipsec-profile', it.params.get('name'), it);
  for (const it of get(ctx, 'ip ipsec policy group')) if (!it.builtin) def(ctx, 'ipsec-policy-group', it.params.get('name'), it);
  for (const it of get(ctx, 'ip ipsec mode-config')) if (!it.builtin) def(ctx, 'ipsec-mode-config', it.params.get('name'), it);
  for (const it of peers) {
    def(ctx, 'ipsec-peer', it.params.get('name'), it, { implicitlyUsed: true });
    ref(ctx, 'ipsec-profile', it.params.get('profile'));
    ref(ctx, 'ipsec-policy-group', it.params.get('policy-template-group'));
    ref(ctx, 'ipsec-mode-config', it.params.get('mode-config'));
  }
  for (const it of identities) {
    ref(ctx, 'ipsec-peer', it.params.get('peer'));
    ref(ctx, 'ipsec-policy-group', it.params.get('policy-template-group'));
    ref(ctx, 'ipsec-mode-config', it.params.get('mode-config'));
  }
  for (const it of policies) {
    ref(ctx, 'ipsec-proposal', it.params.get('proposal'));
    ref(ctx, 'ipsec-peer', it.params.get('peer'));
    if (isYes(it.params.get('template')?.value) && it.params.has('template')) ref(ctx, 'ipsec-policy-group', it.params.get('group'));
  }

  const findNamed = (list: RosItem[], name: string) => list.find((i) => (i.builtin ? i.defaultName : i.params.get('name')?.value) === name || (name === 'default' && i.builtin && i.defaultName === 'default'));
  const proposalNote = (k: string) => `RouterOS default proposal ${k} [S13]`;
  const phase2Of = (propName: string, tunnel: boolean, tunnelRange: TextRange | undefined, protoP: RosParam | undefined): { p2: model.Phase2Proposal; item?: RosItem } => {
    const item = findNamed(proposals, propName);
    const note = item && !item.builtin ? `RouterOS proposal default` : undefined;
    const enc = item?.params.get('enc-algorithms');
    const auth = item?.params.get('auth-algorithms');
    return {
      item,
      p2: {
        label: propName,
        range: item?.cmd.range,
        protocol: protoP?.value ? { value: protoP.value.split(',')[0] === 'ah' ? 'ah' : 'esp', range: protoP.valueRange } : { value: 'esp', default: 'RouterOS policy default ipsec-protocols=esp' },
        encryption: canonList(enc, PROPOSAL_ENC_CANON, 'aes-256-cbc,aes-192-cbc,aes-128-cbc', note ? `${note} (enc-algorithms=aes-256-cbc,aes-192-cbc,aes-128-cbc) [S13]` : proposalNote('enc-algorithms=aes-256-cbc,aes-192-cbc,aes-128-cbc')),
        integrity: canonList(auth, AUTH_CANON, 'sha1', note ? `${note} (auth-algorithms=sha1) [S13]` : proposalNote('auth-algorithms=sha1')),
        mode: tunnelRange ? { value: tunnel ? 'tunnel' : 'transport', range: tunnelRange } : { value: tunnel ? 'tunnel' : 'transport', default: tunnel ? 'tunnel mode' : 'RouterOS policy default tunnel=no (transport mode)' },
      },
    };
  };
  const proposalSetter = (item: RosItem | undefined, propName: string) => {
    const fallback = !item && propName === 'default' ? '/ip ipsec proposal set [ find default=yes ]' : undefined;
    return { item, fallback };
  };

  // Identities and policies by the peer they name (issue 16: a search over all of them per peer was quadratic).
  // Each list keeps the file's order; a peer's policies are the two disjoint lists merged back into that order.
  const isDisabled = (p: RosItem) => p.params.has('disabled') && isYes(p.params.get('disabled')?.value);
  const identityOf = new Map<string, RosItem>();
  for (const i of identities) {
    const pv = i.params.get('peer')?.value;
    if (pv !== undefined && !isDisabled(i) && !identityOf.has(pv)) identityOf.set(pv, i);
  }
  const policyOrder = new Map<RosItem, number>();
  const policiesByPeer = new Map<string, RosItem[]>();
  const policiesBySaDst = new Map<string, RosItem[]>();
  const templatesByGroup = new Map<string, RosItem[]>();
  const pushTo = (m: Map<string, RosItem[]>, k: string, p: RosItem) => {
    const l = m.get(k);
    if (l) l.push(p);
    else m.set(k, [p]);
  };
  policies.forEach((p, index) => {
    policyOrder.set(p, index);
    if (isDisabled(p)) return;
    if (p.params.has('template') && isYes(p.params.get('template')?.value)) {
      pushTo(templatesByGroup, p.params.get('group')?.value ?? 'default', p);
      return;
    }
    const pp = p.params.get('peer')?.value;
    if (pp !== undefined) return pushTo(policiesByPeer, pp, p);
    const sd = p.params.get('sa-dst-address')?.value;
    const ca = sd === undefined ? undefined : model.canonicalAddress(sd);
    if (ca !== undefined) pushTo(policiesBySaDst, ca, p);
  });
  const policiesOf = (peerName: string | undefined, remoteAddr: string | undefined): RosItem[] => {
    const a = (peerName !== undefined && policiesByPeer.get(peerName)) || [];
    const b = (remoteAddr !== undefined && policiesBySaDst.get(remoteAddr)) || [];
    if (b.length === 0) return [...a];
    if (a.length === 0) return [...b];
    const res: RosItem[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) res.push(policyOrder.get(a[i])! < policyOrder.get(b[j])! ? a[i++] : b[j++]);
    while (i < a.length) res.push(a[i++]);
    while (j < b.length) res.push(b[j++]);
    return res;
  };
  peers.forEach((it, idx) => {
    const nameP = it.params.get('name');
    const addrP = it.params.get('address');
    const peerName = nameP?.value;
    const label = `/ip ipsec peer ${peerName ?? addrP?.value ?? idx + 1}`;
    // ---- remote
    let remote: model.Value<string> | undefined;
    let remoteAny: string | undefined;
    let remoteCidr = '0.0.0.0/0';
    let remoteAddr: string | undefined;
    if (addrP?.value) {
      const [a, l] = addrP.value.split('/');
      const ca = model.canonicalAddress(a);
      const fam = ca?.includes(':') ? 128 : 32;
      const len = l === undefined ? fam : Number(l);
      if (ca && len === fam) {
        remoteAddr = ca;
        remote = { value: ca, range: addrP.valueRange, set: (nv) => setParamEdits(ctx, it, 'address', nv.includes(':') ? nv : `${nv}/32`) };
        remoteCidr = `${ca}/${fam}`;
      } else if (ca) {
        remoteAny = model.canonicalPrefix(`${a}/${len}`) ?? addrP.value;
        remoteCidr = remoteAny;
      } else if (!ca) {
        // DNS name: keep it as the remote (pairing can't use it, but labels can).
        remote = { value: addrP.value, range: addrP.valueRange };
        remoteCidr = addrP.value;
      }
    } else remoteAny = '0.0.0.0/0';
    const passiveP = it.params.get('passive');
    const passive = passiveP ? isYes(passiveP.value) : false;
    const role: model.IpsecPeer['role'] = passive || remoteAny !== undefined ? 'responder' : 'both';
    // ---- exchange mode
    const em = it.params.get('exchange-mode');
    const emv = em?.value ?? 'main';
    const emDefault = v === 7 ? 'RouterOS default exchange-mode=main' : 'RouterOS v6 default exchange-mode=main (Unconfirmed U-4)';
    const ikeVersion: model.Value<1 | 2> = em ? { value: emv === 'ike2' ? 2 : 1, range: em.valueRange } : { value: 1, default: emDefault };
    const exchangeMode: model.Value<'main' | 'aggressive'> = em ? { value: emv === 'aggressive' ? 'aggressive' : 'main', range: em.valueRange } : { value: 'main', default: emDefault };
    // ---- identity (6.43+/v7) and classic fields
    const identity = peerName ? identityOf.get(peerName) : undefined;
    const classic = ['secret', 'hash-algorithm', 'enc-algorithm', 'dh-group', 'lifetime', 'auth-method', 'generate-policy', 'proposal-check'].some((k) => it.params.has(k));
    // ---- phase 1 source
    const profP = it.params.get('profile');
    let src: Phase1Source;
    if (profP?.value) {
      const prof = findNamed(profiles, profP.value);
      src = { item: prof, defaultNote: prof && !prof.builtin ? `RouterOS profile default` : 'RouterOS default profile', fallbackLine: !prof && profP.value === 'default' ? '/ip ipsec profile set [ find default=yes ]' : undefined };
    } else if (classic || (v === 6 && !profiles.length && !identities.length)) {
      src = { item: it, defaultNote: 'RouterOS v6 peer default (Unconfirmed U-4)' };
    } else {
      const prof = findNamed(profiles, 'default');
      src = { item: prof, defaultNote: 'RouterOS default profile', fallbackLine: prof ? undefined : '/ip ipsec profile set [ find default=yes ]' };
    }
    const p1item = src.item;
    const p1 = (k: string) => p1item?.params.get(k);
    const srcTag = src.defaultNote.includes('U-4') ? '' : ' [S12]';
    const authMethodP = identity?.params.get('auth-method') ?? it.params.get('auth-method');
    const am = authMethodP?.value ?? 'pre-shared-key';
    const lifeP = p1('lifetime');
    const phase1: model.Phase1Proposal = {
      label: p1item === it ? label : `/ip ipsec profile ${p1item ? (p1item.builtin ? p1item.defaultName : p1item.params.get('name')?.value) : 'default'}`,
      range: p1item?.cmd.range,
      encryption: canonList(p1('enc-algorithm'), PROFILE_ENC_CANON, 'aes-128,3des', `${src.defaultNote} enc-algorithm=aes-128,3des${srcTag}`),
      hash: canonList(p1('hash-algorithm'), undefined, 'sha1', `${src.defaultNote} hash-algorithm=sha1${srcTag}`),
      dh: canonList(p1('dh-group'), undefined, 'modp2048,modp1024', `${src.defaultNote} dh-group=modp2048,modp1024${srcTag}`),
      auth: authMethodP
        ? { value: am === 'pre-shared-key' || am === 'pre-shared-key-xauth' ? 'psk' : am.startsWith('rsa-signature') || am === 'digital-signature' ? 'rsa-sig' : 'other', range: authMethodP.valueRange }
        : { value: 'psk', default: 'RouterOS default auth-method=pre-shared-key' },
      lifetime: lifeP?.value !== undefined && parseTime(lifeP.value) !== undefined ? { value: parseTime(lifeP.value)!, range: lifeP.valueRange } : { value: 86400, default: `${src.defaultNote} lifetime=1d${srcTag}` },
    };
    void DH_IDENT;
    const pcP = p1('proposal-check');
    const proposalCheck: model.Value<'obey' | 'claim' | 'strict' | 'exact'> = pcP?.value && ['obey', 'claim', 'strict', 'exact'].includes(pcP.value)
      ? { value: pcP.value as 'obey', range: pcP.valueRange }
      : { value: 'obey', default: `${src.defaultNote} proposal-check=obey${srcTag}` };
    // ---- PSK
    const secretP = identity?.params.get('secret') ?? it.params.get('secret');
    const secretItem = identity?.params.get('secret') ? identity : it;
    let psk: model.PresharedKey | undefined;
    if (secretP && secretP.value !== undefined && (am === 'pre-shared-key' || am === 'pre-shared-key-xauth')) {
      psk = { peer: remoteCidr, secret: secretOf(secretP), range: secretItem.cmd.range, set: (nv) => setParamEdits(ctx, secretItem, 'secret', nv) };
      ctx.device.keys.push(psk);
    }
    const addPsk: model.Setter<string> = (nv) => {
      if (identity) return setParamEdits(ctx, identity, 'secret', nv);
      if (peerName && (v === 7 || identities.length || profiles.length)) {
        const at = it.cmd.range.end;
        return [{ uri: ctx.uri, range: { start: at, end: at }, newText: `\n/ip ipsec identity add peer=${quoteValue(peerName)} secret=${quoteValue(nv)}` }];
      }
      return setParamEdits(ctx, it, 'secret', nv);
    };
    // ---- policies → phase 2 + selectors
    const enabled = (p: RosItem) => !(p.params.has('disabled') && isYes(p.params.get('disabled')?.value));
    const isTemplate = (p: RosItem) => p.params.has('template') && isYes(p.params.get('template')?.value);
    const mine = policiesOf(peerName, remoteAddr);
    const genP = identity?.params.get('generate-policy') ?? it.params.get('generate-policy');
    const generates = genP?.value !== undefined && genP.value !== 'no';
    const groupName = (identity?.params.get('policy-template-group') ?? it.params.get('policy-template-group'))?.value ?? 'default';
    const templates = generates || remoteAny !== undefined ? [...(templatesByGroup.get(groupName) ?? [])] : [];
    const phase2: model.Phase2Proposal[] = [];
    const p2items: (RosItem | undefined)[] = [];
    const p2names: string[] = [];
    const seen = new Set<string>();
    for (const pol of [...mine, ...templates]) {
      const propName = pol.params.get('proposal')?.value ?? 'default';
      if (seen.has(propName)) continue;
      seen.add(propName);
      const tun = pol.params.get('tunnel');
      const { p2, item } = phase2Of(propName, tun ? isYes(tun.value) : false, tun?.valueRange, pol.params.get('ipsec-protocols'));
      phase2.push(p2);
      p2items.push(item);
      p2names.push(propName);
    }
    if (phase2.length === 0 && (generates || remoteAny !== undefined || mine.length === 0)) {
      // The built-in policy template (group default, proposal default) is what generated policies use.
      const { p2, item } = phase2Of('default', false, undefined, undefined);
      if (!templates.length) p2.mode = { value: 'tunnel', default: 'built-in default policy template' };
      phase2.push(p2);
      p2items.push(item);
      p2names.push('default');
    }
    const firstProp = p2items[0];
    const pfsP = firstProp?.params.get('pfs-group');
    const pfs: model.Value<string> = pfsP?.value ? { value: pfsP.value, range: pfsP.valueRange } : { value: 'modp1024', default: proposalNote('pfs-group=modp1024') };
    const p2lifeP = firstProp?.params.get('lifetime');
    const phase2Lifetime: model.Value<number> = p2lifeP?.value && parseTime(p2lifeP.value) !== undefined ? { value: parseTime(p2lifeP.value)!, range: p2lifeP.valueRange } : { value: 1800, default: proposalNote('lifetime=30m') };
    const selectors: model.Selector[] = [];
    for (const pol of mine) {
      const sa = pol.params.get('src-address')?.value;
      const da = pol.params.get('dst-address')?.value;
      const proto = pol.params.get('protocol')?.value ?? 'all';
      const sp = pol.params.get('src-port')?.value;
      const dp = pol.params.get('dst-port')?.value;
      selectors.push({
        local: (sa && model.canonicalPrefix(sa.includes('/') ? sa : `${sa}/32`)) ?? sa ?? '0.0.0.0/32',
        remote: (da && model.canonicalPrefix(da.includes('/') ? da : `${da}/32`)) ?? da ?? '0.0.0.0/32',
        protocol: proto === 'all' || proto === '255' ? 'ip' : proto.replace(/^ipsec-/, ''),
        localPort: sp && sp !== 'any' ? sp : undefined,
        remotePort: dp && dp !== 'any' ? dp : undefined,
        range: pol.cmd.range,
      });
    }
    // ---- local address
    const laP = it.params.get('local-address');
    let local: model.Value<string> | undefined;
    if (laP?.value && model.canonicalAddress(laP.value)) local = { value: model.canonicalAddress(laP.value)!, range: laP.valueRange };
    else {
      const ss = mine.map((p) => p.params.get('sa-src-address')).find((p) => p?.value && model.canonicalAddress(p.value) && p.value !== '0.0.0.0');
      if (ss) local = { value: model.canonicalAddress(ss.value!)!, range: ss.valueRange };
    }
    // ---- setters
    const p1Edit = (key: string, val: string) => setParamEdits(ctx, src.item, key, val, src.fallbackLine);
    const setPhase1: model.Setter<{ encryption: string; hash: string; dh: string }> = (nv) => {
      const enc = keywordFor(PROFILE_ENC_CANON, nv.encryption);
      if (!enc || !['md5', 'sha1', 'sha256', 'sha512'].includes(nv.hash) || !/^(modp|ecp)\d+$/.test(nv.dh)) return undefined;
      return setParamsEdits(ctx, src.item, [['enc-algorithm', enc], ['hash-algorithm', nv.hash], ['dh-group', nv.dh]], src.fallbackLine);
    };
    const propTarget = proposalSetter(firstProp, p2names[0] ?? 'default');
    const setPhase2: model.Setter<{ encryption: string; integrity: string }> = (nv) => {
      const enc = keywordFor(PROPOSAL_ENC_CANON, nv.encryption);
      const auth = keywordFor(AUTH_CANON, nv.integrity);
      if (!enc || !auth) return undefined;
      return setParamsEdits(ctx, propTarget.item, [['enc-algorithms', enc], ['auth-algorithms', auth]], propTarget.fallback);
    };
    const setPfs: model.Setter<string> = (nv) => {
      if (nv !== 'none' && !/^(modp|ecp)\d+$/.test(nv)) return undefined;
      return setParamEdits(ctx, propTarget.item, 'pfs-group', nv, propTarget.fallback);
    };
    if (p1item) {
      for (const k of ['enc-algorithm', 'hash-algorithm', 'dh-group'] as const) {
        const target = k === 'enc-algorithm' ? phase1.encryption : k === 'hash-algorithm' ? phase1.hash : phase1.dh;
        target.set = (vals) => {
          const table = k === 'enc-algorithm' ? PROFILE_ENC_CANON : undefined;
          const kw = vals.map((x) => (table ? keywordFor(table, x) : x));
          if (kw.some((x) => !x)) return undefined;
          return p1Edit(k, kw.join(','));
        };
      }
    }
    pfs.set = setPfs;
    const peer: model.IpsecPeer = {
      id: peerName ? `peer:${peerName}` : `peer#${idx + 1}`,
      label,
      range: it.cmd.range,
      remote,
      remoteAny,
      local,
      role,
      kind: 'routeros',
      ikeVersion,
      exchangeMode,
      phase1: [phase1],
      psk,
      addPsk,
      phase2,
      pfs,
      phase2Lifetime,
      selectors,
      proposalCheck,
      setPhase1,
      setPhase2,
      setPfs,
    };
    attachIpsecFixSetters(ctx, peer, { item: src.item, fallback: src.fallbackLine }, propTarget, mine);
    ctx.device.ipsecPeers.push(peer);
  });

  /** A peer RouterOS creates by itself (L2TP use-ipsec, tunnel ipsec-secret): default profile and proposal. */
  const dynamicPeer = (o: {
    id: string;
    label: string;
    range: TextRange;
    note: string;
    remote?: model.Value<string>;
    remoteAny?: string;
    local?: model.Value<string>;
    role: model.IpsecPeer['role'];
    kind: model.IpsecPeer['kind'];
    psk?: model.PresharedKey;
    addPsk: model.Setter<string>;
    mode: 'transport' | 'tunnel';
    selectors: model.Selector[];
  }): model.IpsecPeer => {
    const prof = findNamed(profiles, 'default');
    const note = o.note;
    const pv = (k: string) => prof?.params.get(k);
    const { p2, item } = phase2Of('default', false, undefined, undefined);
    p2.mode = { value: o.mode, default: `${note}: ${o.mode} mode` };
    const pfsP = item?.params.get('pfs-group');
    const lifeP = pv('lifetime');
    const propEdit = (key: string, val: string) => setParamEdits(ctx, item, key, val, item ? undefined : '/ip ipsec proposal set [ find default=yes ]');
    return {
      id: o.id,
      label: o.label,
      range: o.range,
      remote: o.remote,
      remoteAny: o.remoteAny,
      local: o.local,
      role: o.role,
      kind: o.kind,
      ikeVersion: { value: 1, default: note },
      exchangeMode: { value: 'main', default: note },
      phase1: [
        {
          label: '/ip ipsec profile default',
          range: prof?.cmd.range,
          encryption: canonList(pv('enc-algorithm'), PROFILE_ENC_CANON, 'aes-128,3des', `${note}; enc-algorithm=aes-128,3des [S12]`),
          hash: canonList(pv('hash-algorithm'), undefined, 'sha1', `${note}; hash-algorithm=sha1 [S12]`),
          dh: canonList(pv('dh-group'), undefined, 'modp2048,modp1024', `${note}; dh-group=modp2048,modp1024 [S12]`),
          auth: { value: 'psk', default: note },
          lifetime: lifeP?.value && parseTime(lifeP.value) !== undefined ? { value: parseTime(lifeP.value)!, range: lifeP.valueRange } : { value: 86400, default: `${note}; lifetime=1d [S12]` },
        },
      ],
      psk: o.psk,
      addPsk: o.addPsk,
      phase2: [p2],
      pfs: pfsP?.value ? { value: pfsP.value, range: pfsP.valueRange } : { value: 'modp1024', default: proposalNote('pfs-group=modp1024') },
      phase2Lifetime: { value: 1800, default: proposalNote('lifetime=30m') },
      selectors: o.selectors,
      proposalCheck: { value: 'obey', default: `${note}; proposal-check=obey [S12]` },
      setPhase1: (nv) => {
        const enc = keywordFor(PROFILE_ENC_CANON, nv.encryption);
        if (!enc || !['md5', 'sha1', 'sha256', 'sha512'].includes(nv.hash) || !/^(modp|ecp)\d+$/.test(nv.dh)) return undefined;
        return setParamsEdits(ctx, prof, [['enc-algorithm', enc], ['hash-algorithm', nv.hash], ['dh-group', nv.dh]], prof ? undefined : '/ip ipsec profile set [ find default=yes ]');
      },
      setPhase2: (nv) => {
        const enc = keywordFor(PROPOSAL_ENC_CANON, nv.encryption);
        const auth = keywordFor(AUTH_CANON, nv.integrity);
        return enc && auth ? setParamsEdits(ctx, item, [['enc-algorithms', enc], ['auth-algorithms', auth]], item ? undefined : '/ip ipsec proposal set [ find default=yes ]') : undefined;
      },
      setPfs: (nv) => (nv === 'none' || /^(modp|ecp)\d+$/.test(nv) ? propEdit('pfs-group', nv) : undefined),
    };
  };
  const staticPeerFor = (addr: string) => ctx.device.ipsecPeers.some((p) => p.kind === 'routeros' && p.remote?.value === addr);

  // L2TP server with use-ipsec: RouterOS adds a dynamic passive peer using the default profile/proposal (U-12).
  for (const l2 of ctx.device.l2tp) {
    if (l2.useIpsec.value === 'no' || !l2.enabled.value) continue;
    // A static wildcard peer (seed 001 style `address=0.0.0.0/0 … exchange-mode=main-l2tp`) is what answers
    // L2TP clients then; modelling the dynamic one too would report every mismatch twice (interop-rules L-3).
    if (ctx.device.ipsecPeers.some((p) => p.kind === 'routeros' && p.remoteAny === '0.0.0.0/0')) continue;
    const setItem = items(ctx, 'interface l2tp-server server')[0];
    ctx.device.ipsecPeers.push(
      dynamicPeer({
        id: 'l2tp-server',
        label: '/interface l2tp-server server (dynamic IPsec peer)',
        range: l2.useIpsec.range ?? l2.range,
        note: 'dynamic L2TP peer uses the default profile (Unconfirmed U-12)',
        remoteAny: '0.0.0.0/0',
        role: 'responder',
        kind: 'l2tp',
        psk: l2.ipsecSecret,
        addPsk: (nv) => setParamEdits(ctx, setItem, 'ipsec-secret', nv),
        mode: 'transport',
        selectors: [],
      }),
    );
  }

  // GRE/IPIP/EoIP with ipsec-secret and L2TP clients with use-ipsec: RouterOS adds a dynamic peer to the
  // other end (default profile/proposal, transport mode for the tunnel protocol). Per-version details are
  // not documented in interop-rules.md (same gap as U-12), so every default says so.
  for (const path of ['interface gre', 'interface ipip', 'interface eoip', 'interface l2tp-client']) {
    for (const it of items(ctx, path)) {
      if (it.params.has('disabled') && isYes(it.params.get('disabled')?.value)) continue;
      const isClient = path === 'interface l2tp-client';
      const sec = it.params.get('ipsec-secret');
      if (isClient && !(it.params.has('use-ipsec') && isYes(it.params.get('use-ipsec')?.value))) continue;
      if (!isClient && sec?.value === undefined) continue;
      const ra = it.params.get(isClient ? 'connect-to' : 'remote-address');
      const remoteAddr = ra?.value ? model.canonicalAddress(ra.value) : undefined;
      if (!remoteAddr || staticPeerFor(remoteAddr)) continue;
      const la = it.params.get('local-address');
      const localAddr = la?.value ? model.canonicalAddress(la.value) : undefined;
      const name = it.params.get('name')?.value ?? path.split(' ')[1];
      const cidr = `${remoteAddr}/${remoteAddr.includes(':') ? 128 : 32}`;
      let psk: model.PresharedKey | undefined;
      if (sec?.value !== undefined) {
        psk = { peer: cidr, secret: secretOf(sec), range: it.cmd.range, set: (nv) => setParamEdits(ctx, it, 'ipsec-secret', nv) };
        ctx.device.keys.push(psk);
      }
      const proto = path === 'interface ipip' ? '4' : 'gre';
      ctx.device.ipsecPeers.push(
        dynamicPeer({
          id: `${path.split(' ')[1]}:${name}`,
          label: `/${path} ${name} (dynamic IPsec peer)`,
          range: (sec ?? it.params.get('use-ipsec'))?.range ?? it.cmd.range,
          note: `dynamic IPsec peer of ${isClient ? 'an L2TP client with use-ipsec' : 'a tunnel with ipsec-secret'} uses the default profile (Unconfirmed)`,
          remote: { value: remoteAddr, range: ra!.valueRange },
          local: localAddr ? { value: localAddr, range: la!.valueRange } : undefined,
          role: isClient ? 'initiator' : 'both',
          kind: isClient ? 'l2tp' : 'tunnel-protection',
          psk,
          addPsk: (nv) => setParamEdits(ctx, it, 'ipsec-secret', nv),
          mode: 'transport',
          selectors: !isClient && localAddr ? [{ local: `${localAddr}/32`, remote: cidr, protocol: proto, range: it.cmd.range }] : [],
        }),
      );
    }
  }
}

// ---------------------------------------------------------------- IPsec quick-fix setters (lifetimes, selectors)

/** RouterOS time text for a number of seconds: `1d`, `8h`, `30m`, `1d2h`, `1h30m15s`; `0s` for zero. */
export function formatTime(seconds: number): string | undefined {
  if (!Number.isInteger(seconds) || seconds < 0) return undefined;
  if (seconds === 0) return '0s';
  let rest = seconds;
  let out = '';
  for (const [unit, size] of [['w', 604800], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    // Weeks only when the value is whole weeks (`1w`); otherwise days read better (`10d`).
    if (unit === 'w' && rest % size !== 0) continue;
    const n = Math.floor(rest / size);
    if (n > 0) {
      out += `${n}${unit}`;
      rest -= n * size;
    }
  }
  return out;
}

/**
 * Lifetime Setters (phase 1 on the profile or v6 peer, phase 2 on the first proposal) and the selector Setter
 * (`src-address=`/`dst-address=` of the policy the selector came from) of one static peer.
 */
function attachIpsecFixSetters(
  ctx: LowerContext,
  peer: model.IpsecPeer,
  p1: { item: RosItem | undefined; fallback: string | undefined },
  p2: { item: RosItem | undefined; fallback: string | undefined },
  policies: RosItem[],
): void {
  const timeSetter = (target: { item: RosItem | undefined; fallback: string | undefined }): model.Setter<number> => (v) => {
    const t = formatTime(v);
    if (!t || v === 0) return undefined;
    const edits = setParamEdits(ctx, target.item, 'lifetime', t, target.fallback);
    return edits.length ? edits : undefined;
  };
  for (const p of peer.phase1) p.lifetime.set = timeSetter(p1);
  if (peer.phase2Lifetime) peer.phase2Lifetime.set = timeSetter(p2);
  if (!policies.length) return;
  peer.setSelector = (v) => {
    const pol = policies.find((p) => p.cmd.range.start === v.range.start);
    if (!pol) return undefined;
    const local = model.parsePrefix(v.local);
    const remote = model.parsePrefix(v.remote);
    if (!local || !remote || local.family !== 4 || remote.family !== 4) return undefined;
    const text = (p: model.Prefix) => model.networkOf(model.formatPrefix(p).split('/')[0], p.length);
    const sa = text(local);
    const da = text(remote);
    if (!sa || !da) return undefined;
    return setParamsEdits(ctx, pol, [['src-address', sa], ['dst-address', da]]);
  };
}

function items(ctx: LowerContext, path: string): RosItem[] {
  return get(ctx, path);
}

// ---------------------------------------------------------------- OSPF

const V7_TYPES: Record<string, model.OspfNetworkType> = dict({
  broadcast: 'broadcast',
  nbma: 'non-broadcast',
  ptp: 'point-to-point',
  'ptp-unnumbered': 'point-to-point',
  ptmp: 'point-to-multipoint',
  'virtual-link': 'virtual-link',
});
const V6_TYPES: Record<string, model.OspfNetworkType> = dict({
  broadcast: 'broadcast',
  nbma: 'non-broadcast',
  'point-to-point': 'point-to-point',
  ptmp: 'point-to-multipoint',
});
const V7_AUTH: Record<string, model.OspfAuth['type']> = dict({ simple: 'simple', md5: 'keyed-md5', sha1: 'hmac-sha1', sha256: 'hmac-sha256', sha384: 'hmac-sha384', sha512: 'hmac-sha512' });

function numVal(p: RosParam | undefined, def: number, note: string, time = false, set?: model.Setter<number>): model.Value<number> {
  if (p?.value !== undefined) {
    const n = time ? parseTime(p.value) : /^\d+$/.test(p.value) ? Number(p.value) : undefined;
    if (n !== undefined) return { value: n, range: p.valueRange, set };
  }
  return { value: def, default: note, set };
}

/** The first item of each key (`find` by key without scanning); items without a key are left out. */
function firstBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T> {
  const res = new Map<string, T>();
  for (const it of items) {
    const k = key(it);
    if (k !== undefined && !res.has(k)) res.set(k, it);
  }
  return res;
}

/**
 * Prefixes as `prefixContainsAddr` reads them (no length: a host), each with the smallest index it was added with.
 * `first(address)` is the smallest index whose prefix contains the address: one lookup per prefix length in use, so
 * matching every address of a file against every network costs the addresses, not addresses × networks.
 */
class NetIndex {
  private readonly firstIndex = new Map<string, number>();
  private readonly lengths = { v4: new Set<number>(), v6: new Set<number>() };
  get size(): number {
    return this.firstIndex.size;
  }
  add(prefix: string, index: number): void {
    const p = model.canonicalPrefix(prefix.includes('/') ? prefix : `${prefix}/32`);
    if (p === undefined) return;
    if (!this.firstIndex.has(p)) this.firstIndex.set(p, index);
    (p.includes(':') ? this.lengths.v6 : this.lengths.v4).add(Number(p.slice(p.lastIndexOf('/') + 1)));
  }
  first(address: string): number {
    let best = Infinity;
    if (this.firstIndex.size === 0) return best;
    for (const len of address.includes(':') ? this.lengths.v6 : this.lengths.v4) {
      const net = model.networkOf(address, len);
      const i = net === undefined ? undefined : this.firstIndex.get(net);
      if (i !== undefined && i < best) best = i;
    }
    return best;
  }
}

function prefixContainsAddr(prefix: string, address: string): boolean {
  const p = model.canonicalPrefix(prefix.includes('/') ? prefix : `${prefix}/32`);
  return p !== undefined && model.prefixContains(p, `${address}/${address.includes(':') ? 128 : 32}`);
}

/**
 * Global IPv6 addresses per interface (`/ipv6 address address=2001:db8::1/64 interface=ether1`), for OSPFv3 only:
 * link-local (fe80::/10) addresses say nothing about the link, and `eui-64=yes` leaves only the prefix known.
 */
function ipv6Addresses(ctx: LowerContext): Map<string, model.InterfaceAddress[]> {
  const res = new Map<string, model.InterfaceAddress[]>();
  for (const it of get(ctx, 'ipv6 address')) {
    if (it.params.has('disabled') && isYes(it.params.get('disabled')?.value)) continue;
    const a = it.params.get('address');
    const i = it.params.get('interface');
    if (!a?.value || !a.valueRange || !i?.value) continue;
    const p = model.parsePrefix(a.value);
    const address = model.canonicalAddress(a.value.split('/')[0]);
    if (!p || !address || !address.includes(':') || /^fe[89ab]/i.test(address)) continue;
    const list = res.get(i.value) ?? [];
    list.push({ address, prefixLength: p.length, range: a.valueRange });
    res.set(i.value, list);
  }
  return res;
}

function lowerOspf(ctx: LowerContext): void {
  const v = ctx.version.major;
  const routingIds = get(ctx, 'routing id');
  for (const it of routingIds) def(ctx, 'routing-id', it.params.get('name'), it, { implicitlyUsed: true });
  builtin(ctx, 'routing-table', 'main');
  for (const it of get(ctx, 'routing table')) def(ctx, 'routing-table', it.params.get('name'), it, { implicitlyUsed: true });
  for (const it of get(ctx, 'ip route')) if (v === 7) ref(ctx, 'routing-table', it.params.get('routing-table'));
  const instances = get(ctx, 'routing ospf instance');
  const areas = get(ctx, 'routing ospf area');
  // Every lookup below is by key (issue 16: a `find` per interface over every interface was quadratic).
  const procById = new Map<string, model.OspfProcess>();
  for (const p of ctx.device.ospf) if (!procById.has(p.id)) procById.set(p.id, p);
  const routingIdByName = firstBy(routingIds, (r) => r.params.get('name')?.value);
  const instanceByName = firstBy(instances, (i) => i.params.get('name')?.value ?? i.defaultName);
  const process = (name: string, it: RosItem | undefined): model.OspfProcess => {
    let proc = procById.get(name);
    if (!proc) {
      const rid = it?.params.get('router-id');
      let routerId: model.Value<string> | undefined;
      if (rid?.value) {
        const direct = model.canonicalAddress(rid.value);
        if (direct) routerId = { value: direct, range: rid.valueRange };
        else {
          const rItem = routingIdByName.get(rid.value);
          const id = rItem?.params.get('id');
          if (id?.value && model.canonicalAddress(id.value)) routerId = { value: model.canonicalAddress(id.value)!, range: id.valueRange };
        }
      }
      proc = { id: name, range: it?.cmd.range ?? { start: 0, end: 0 }, version: it?.params.get('version')?.value === '3' ? 3 : 2, routerId, areas: [], neighbors: [] };
      ctx.device.ospf.push(proc);
      procById.set(name, proc);
    }
    return proc;
  };
  for (const it of instances) {
    const name = it.builtin ? (it.defaultName ?? 'default') : (it.params.get('name')?.value ?? 'default');
    if (!it.builtin) def(ctx, 'ospf-instance', it.params.get('name'), it, { implicitlyUsed: true });
    process(name, it);
    if (v === 7) {
      const rid = it.params.get('router-id');
      if (rid?.value && !model.canonicalAddress(rid.value)) ref(ctx, 'routing-id', rid);
    }
  }
  builtin(ctx, 'ospf-instance', 'default');
  if (v === 6) builtin(ctx, 'ospf-area', 'backbone');
  const areaInfo = new Map<string, { id: string; type: 'normal' | 'stub' | 'nssa'; instance: string; range?: TextRange }>();
  if (v === 6) areaInfo.set('backbone', { id: '0.0.0.0', type: 'normal', instance: 'default' });
  for (const it of areas) {
    const name = it.params.get('name')?.value ?? it.defaultName;
    if (!name) continue;
    if (!it.builtin) def(ctx, 'ospf-area', it.params.get('name'), it, { implicitlyUsed: true });
    const inst = it.params.get('instance');
    ref(ctx, 'ospf-instance', inst);
    const t = it.params.get('type')?.value;
    const info = { id: model.canonicalAddress(it.params.get('area-id')?.value ?? '0.0.0.0') ?? '0.0.0.0', type: (t === 'stub' || t === 'nssa' ? t : 'normal') as 'normal' | 'stub' | 'nssa', instance: inst?.value ?? 'default', range: it.cmd.range };
    areaInfo.set(name, info);
    const proc = process(info.instance, instanceByName.get(info.instance));
    proc.areas.push({ id: info.id, type: info.type, range: it.cmd.range });
  }
  const ifaces = ctx.device.interfaces;
  const done = new Set<string>();
  const authKeySetter = (it: RosItem | undefined, key: string): model.Setter<string> => (nv) => setParamEdits(ctx, it, key, nv);

  // NBMA neighbours: v6 `/routing ospf nbma-neighbor address=A [instance=I]`, v7 `static-neighbor address=A%iface area=N`.
  const neighbours = () => {
    const neighborItems = get(ctx, v === 6 ? 'routing ospf nbma-neighbor' : 'routing ospf static-neighbor').filter((n) => !(n.params.has('disabled') && isYes(n.params.get('disabled')?.value)));
    for (const n of neighborItems) {
      const a = n.params.get('address');
      const address = a?.value ? model.canonicalAddress(a.value.split('%')[0]) : undefined;
      if (!a || !address) continue;
      const instance = v === 6 ? (n.params.get('instance')?.value ?? 'default') : (areaInfo.get(n.params.get('area')?.value ?? '')?.instance ?? ctx.device.ospf[0]?.id);
      if (instance !== undefined) procById.get(instance)?.neighbors.push({ value: address, range: a.valueRange ?? n.cmd.range });
    }
  };

  if (v === 7) {
    const ipv6 = ipv6Addresses(ctx);
    const templates = get(ctx, 'routing ospf interface-template').filter((t) => !(t.params.has('disabled') && isYes(t.params.get('disabled')?.value)));
    for (const t of templates) {
      ref(ctx, 'ospf-area', t.params.get('area'));
      ref(ctx, 'interface', t.params.get('interfaces'), { list: true, alsoKinds: ['interface-list'] });
    }
    // Each interface takes the first template (in file order) that selects it: one listing it in `interfaces=`
    // (with `networks=` also matching one of its addresses when given), or one with only `networks=` matching an
    // address of the pool its instance uses. Templates are split once; those listing names are indexed by name, those
    // with only networks by prefix (`NetIndex`, one per pool), so each interface costs its own templates and
    // addresses, never every template or every interface (issue 16: this was quadratic).
    const tpls = templates.map((t, index) => ({ t, index, ilist: t.params.get('interfaces')?.value?.split(',').filter(Boolean), nets: t.params.get('networks')?.value?.split(',').filter(Boolean) }));
    const infoOf = (t: RosItem) => areaInfo.get(t.params.get('area')?.value ?? '') ?? { id: '0.0.0.0', type: 'normal' as const, instance: instances[0]?.params.get('name')?.value ?? 'default' };
    const listing = new Map<string, typeof tpls>();
    const netsOnly = { 2: new NetIndex(), 3: new NetIndex() };
    for (const tp of tpls) {
      if (tp.ilist) {
        for (const n of new Set(tp.ilist)) {
          const l = listing.get(n);
          if (l) l.push(tp);
          else listing.set(n, [tp]);
        }
      } else if (tp.nets) {
        // The version `process()` will give the instance: an existing process's, else 2 (a process made without an item).
        const index = netsOnly[procById.get(infoOf(tp.t).instance)?.version ?? 2];
        for (const n of tp.nets) index.add(n, tp.index);
      }
    }
    const ifaceByName = firstBy(ifaces, (i) => i.name);
    const candidates = new Set<string>(ifaces.map((i) => i.name));
    for (const tp of tpls) for (const n of tp.ilist ?? []) candidates.add(n);
    for (const name of candidates) {
      const itf = ifaceByName.get(name);
      let firstNets = Infinity;
      for (const a of itf?.addresses ?? []) firstNets = Math.min(firstNets, netsOnly[2].first(a.address));
      for (const a of ipv6.get(name) ?? []) firstNets = Math.min(firstNets, netsOnly[3].first(a.address));
      const selecting = (listing.get(name) ?? []).filter((tp) => tp.index < firstNets);
      if (firstNets !== Infinity) selecting.push(tpls[firstNets]);
      for (const { t, nets } of selecting) {
        const areaP = t.params.get('area');
        const info = infoOf(t);
        // An OSPFv3 instance (`version=3`) runs on the interface's IPv6 addresses (`/ipv6 address`), OSPFv2 on its IPv4 ones.
        const pool = process(info.instance, undefined).version === 3 ? (ipv6.get(name) ?? []) : (itf?.addresses ?? []);
        let addr: model.InterfaceAddress | undefined = pool[0];
        if (nets) {
          addr = pool.find((a) => nets.some((n) => prefixContainsAddr(n, a.address)));
          if (!addr) continue;
        }
        const note = (k: string) => `RouterOS v7 interface-template default ${k} [S27]`;
        const typeP = t.params.get('type');
        const authP = t.params.get('auth');
        const keyP = t.params.get('auth-key') ?? t.params.get('authentication-key');
        const idP = t.params.get('auth-id');
        const auth: model.OspfAuth = { type: authP?.value ? (V7_AUTH[authP.value] ?? 'none') : 'none' };
        if (keyP?.value !== undefined) auth.key = secretOf(keyP);
        if (idP?.value && /^\d+$/.test(idP.value)) auth.keyId = Number(idP.value);
        const passiveP = t.params.get('passive');
        ctx.device.ospfInterfaces.push({
          processId: info.instance,
          interfaceName: name,
          range: t.cmd.range,
          prefix: addr ? model.networkOf(addr.address, addr.prefixLength) : undefined,
          address: addr?.address,
          area: areaP?.value ? { value: info.id, range: areaP.valueRange } : { value: '0.0.0.0', default: 'no area given' },
          areaType: info.type,
          networkType: typeP?.value ? { value: V7_TYPES[typeP.value] ?? 'broadcast', range: typeP.valueRange, set: (nt) => { const k = keywordFor(V7_TYPES, nt); return k ? setParamEdits(ctx, t, 'type', k) : undefined; } } : { value: 'broadcast', default: note('type=broadcast'), set: (nt) => { const k = keywordFor(V7_TYPES, nt); return k ? setParamEdits(ctx, t, 'type', k) : undefined; } },
          hello: numVal(t.params.get('hello-interval'), 10, note('hello-interval=10s'), true, (n) => setParamEdits(ctx, t, 'hello-interval', `${n}s`)),
          dead: numVal(t.params.get('dead-interval'), 40, note('dead-interval=40s'), true, (n) => setParamEdits(ctx, t, 'dead-interval', `${n}s`)),
          priority: numVal(t.params.get('priority'), 128, note('priority=128'), false, (n) => setParamEdits(ctx, t, 'priority', String(n))),
          cost: numVal(t.params.get('cost'), 1, note('cost=1'), false, (n) => setParamEdits(ctx, t, 'cost', String(n))),
          passive: passiveP ? { value: isYes(passiveP.value), range: passiveP.range } : { value: false, default: 'not passive unless `passive` is set' },
          mtuIgnore: false,
          auth: authP ? { value: auth, range: authP.valueRange } : { value: auth, default: 'no authentication unless auth= is set' },
          version: process(info.instance, undefined).version,
          isTunnel: itf?.kind === 'tunnel',
          neighbors: [],
          setAuthKey: authKeySetter(t, keyP?.key ?? 'auth-key'),
        });
        attachOspfInterfaceSetters(ctx, ctx.device.ospfInterfaces[ctx.device.ospfInterfaces.length - 1], t, addr);
        done.add(name);
        break;
      }
    }
    neighbours();
    return;
  }
  // ---- v6: networks select interfaces, /routing ospf interface overrides
  const networks = get(ctx, 'routing ospf network').filter((n) => !(n.params.has('disabled') && isYes(n.params.get('disabled')?.value)));
  const overrides = get(ctx, 'routing ospf interface');
  for (const n of networks) ref(ctx, 'ospf-area', n.params.get('area'));
  for (const o of overrides) ref(ctx, 'interface', o.params.get('interface'), { skip: (x) => x === 'all' });
  // The first network containing each address and the first override of each interface, by key (issue 16).
  const networkIndex = new NetIndex();
  networks.forEach((n, i) => {
    const net = n.params.get('network')?.value;
    if (net) networkIndex.add(net, i);
  });
  const overrideOf = firstBy(overrides, (x) => x.params.get('interface')?.value);
  for (const itf of ifaces) {
    for (const a of itf.addresses) {
      if (done.has(itf.name)) continue;
      const net = networks[networkIndex.first(a.address)] as RosItem | undefined;
      if (!net) continue;
      const areaP = net.params.get('area');
      const info = areaInfo.get(areaP?.value ?? 'backbone') ?? { id: '0.0.0.0', type: 'normal' as const, instance: 'default' };
      const o = overrideOf.get(itf.name) ?? overrideOf.get('all');
      const op = (k: string) => o?.params.get(k);
      const note = (k: string) => `RouterOS v6 default ${k} (Unconfirmed U-15)`;
      const ntP = op('network-type');
      const autoType: model.OspfNetworkType = itf.kind === 'tunnel' || itf.kind === 'virtual' ? 'point-to-point' : 'broadcast';
      const authP = op('authentication');
      const keyP = op('authentication-key');
      const auth: model.OspfAuth = { type: authP?.value === 'simple' ? 'simple' : authP?.value === 'md5' ? 'keyed-md5' : 'none' };
      if (keyP?.value !== undefined) auth.key = secretOf(keyP);
      const kid = op('authentication-key-id');
      if (kid?.value && /^\d+$/.test(kid.value)) auth.keyId = Number(kid.value);
      const passiveP = op('passive');
      const setter = (k: string, render: (n: number) => string): model.Setter<number> => (n) => (o ? setParamEdits(ctx, o, k, render(n)) : setParamEdits(ctx, undefined, k, render(n), `/routing ospf interface add interface=${quoteValue(itf.name)}`));
      ctx.device.ospfInterfaces.push({
        processId: info.instance,
        interfaceName: itf.name,
        range: o?.cmd.range ?? net.cmd.range,
        prefix: model.networkOf(a.address, a.prefixLength),
        address: a.address,
        area: areaP?.value ? { value: info.id, range: areaP.valueRange } : { value: '0.0.0.0', default: 'RouterOS v6 default area=backbone' },
        areaType: info.type,
        networkType: ntP?.value && ntP.value !== 'default' ? { value: V6_TYPES[ntP.value] ?? 'broadcast', range: ntP.valueRange } : { value: autoType, default: note(`network-type=default (${autoType} for this interface type)`) },
        hello: numVal(op('hello-interval'), 10, note('hello-interval=10s'), true, setter('hello-interval', (n) => `${n}s`)),
        dead: numVal(op('dead-interval'), 40, note('dead-interval=40s'), true, setter('dead-interval', (n) => `${n}s`)),
        priority: numVal(op('priority'), 1, note('priority=1'), false, setter('priority', String)),
        cost: numVal(op('cost'), 10, note('cost=10'), false, setter('cost', String)),
        passive: passiveP ? { value: isYes(passiveP.value), range: passiveP.range } : { value: false, default: note('passive=no') },
        mtuIgnore: false,
        auth: authP ? { value: auth, range: authP.valueRange } : { value: auth, default: note('authentication=none') },
        version: 2,
        isTunnel: itf.kind === 'tunnel',
        neighbors: [],
        setAuthKey: (nv) => (o ? setParamEdits(ctx, o, 'authentication-key', nv) : setParamEdits(ctx, undefined, 'authentication-key', nv, `/routing ospf interface add interface=${quoteValue(itf.name)}`)),
      });
      attachOspfInterfaceSetters(ctx, ctx.device.ospfInterfaces[ctx.device.ospfInterfaces.length - 1], net, a);
      done.add(itf.name);
    }
  }
  if (networks.length && !ctx.device.ospf.length) process('default', undefined);
  neighbours();
}

// ---------------------------------------------------------------- OSPF quick-fix setters

/** The v7 interface template or v6 network that put each OSPF interface into its area. */
const ospfOwner = new WeakMap<model.OspfInterface, RosItem>();

function areaItems(ctx: LowerContext, instance: string, areaId: string): RosItem[] {
  const want = model.canonicalAddress(/^\d+$/.test(areaId) ? model.formatIpv4(Number(areaId) >>> 0) : areaId);
  return get(ctx, 'routing ospf area').filter((it) => {
    const inst = it.params.get('instance')?.value ?? 'default';
    const id = model.canonicalAddress(it.params.get('area-id')?.value ?? '0.0.0.0');
    return inst === instance && id !== undefined && id === want;
  });
}

/** `area10` for 0.0.0.10, `area-10.1.0.0` above 65535; made unique among the file's area names. */
function newAreaName(ctx: LowerContext, id: string): string {
  const n = model.parseIpv4(id) ?? 0;
  const base = n <= 65535 ? `area${n}` : `area-${id}`;
  const taken = new Set(get(ctx, 'routing ospf area').map((it) => it.params.get('name')?.value ?? it.defaultName));
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}-${i}`;
  return name;
}

/**
 * Setters of one OSPF interface: its area (`area=` on the v6 network / v7 interface template, when that item
 * selects only this interface; an area that does not exist yet is added before it) and its prefix length
 * (`/ip address address=A/len`).
 */
function attachOspfInterfaceSetters(ctx: LowerContext, oi: model.OspfInterface, owner: RosItem, addr: model.InterfaceAddress | undefined): void {
  ospfOwner.set(oi, owner);
  oi.area.set = (value) => {
    const dotted = /^\d+$/.test(value) ? model.formatIpv4(Number(value) >>> 0) : value === 'backbone' ? '0.0.0.0' : model.canonicalAddress(value);
    if (!dotted || dotted.includes(':')) return undefined;
    if (ctx.device.ospfInterfaces.some((x) => x !== oi && ospfOwner.get(x) === owner)) return undefined;
    const v6 = ctx.version.major === 6;
    const existing = areaItems(ctx, oi.processId, dotted)[0];
    const name = existing ? (existing.params.get('name')?.value ?? existing.defaultName) : v6 && dotted === '0.0.0.0' && oi.processId === 'default' ? 'backbone' : undefined;
    if (name) return setParamEdits(ctx, owner, 'area', name);
    const fresh = newAreaName(ctx, dotted);
    const instance = !v6 || oi.processId !== 'default' ? ` instance=${quoteValue(oi.processId)}` : '';
    const lineStart = ctx.text.lastIndexOf('\n', owner.cmd.range.start - 1) + 1;
    const add: model.Edit = { uri: ctx.uri, range: { start: lineStart, end: lineStart }, newText: `/routing ospf area add name=${fresh} area-id=${dotted}${instance}\n` };
    return [add, ...setParamEdits(ctx, owner, 'area', fresh)];
  };
  oi.addNeighbor = (address) => {
    const a = model.canonicalAddress(address);
    if (!a || a.includes(':')) return undefined;
    let line: string;
    if (ctx.version.major === 6) line = `/routing ospf nbma-neighbor add address=${a}${oi.processId !== 'default' ? ` instance=${quoteValue(oi.processId)}` : ''}`;
    else {
      const area = owner.params.get('area')?.value;
      if (!area) return undefined;
      line = `/routing ospf static-neighbor add address=${a}%${quoteValue(oi.interfaceName)} area=${quoteValue(area)}`;
    }
    const at = ctx.text.length;
    const lead = at === 0 || ctx.text.endsWith('\n') ? '' : '\n';
    return [{ uri: ctx.uri, range: { start: at, end: at }, newText: `${lead}${line}\n` }];
  };
  if (addr && oi.address === addr.address) {
    oi.setPrefixLength = (len) => (Number.isInteger(len) && len >= 1 && len <= (addr.address.includes(':') ? 128 : 32) ? [{ uri: ctx.uri, range: { start: addr.range.start, end: addr.range.end }, newText: `${addr.address}/${len}` }] : undefined);
  }
}

/** Router id (`router-id=` on the instance) and area type (`type=` on the area) setters of each OSPF process. */
function attachOspfProcessSetters(ctx: LowerContext): void {
  const instances = get(ctx, 'routing ospf instance');
  for (const proc of ctx.device.ospf) {
    const it = instances.find((i) => (i.builtin ? (i.defaultName ?? 'default') : (i.params.get('name')?.value ?? 'default')) === proc.id);
    if (proc.routerId && it) proc.routerId.set = (v) => (model.parseIpv4(v) === undefined ? undefined : setParamEdits(ctx, it, 'router-id', v));
    proc.setAreaType = ({ area, type }) => {
      const items = areaItems(ctx, proc.id, area);
      if (!items.length) return undefined;
      if (type !== 'normal' && model.canonicalAddress(items[0].params.get('area-id')?.value ?? '0.0.0.0') === '0.0.0.0') return undefined;
      return setParamEdits(ctx, items[0], 'type', type === 'normal' ? 'default' : type);
    };
  }
}

/**
 * IKE source addresses (`local-address=`, old-style `sa-src-address=`, tunnel `local-address=`) are addresses this
 * router owns even when the snippet has no `/ip address` line for them (seed 001 only shows the IPsec part).
 */
function addLocalAddresses(ctx: LowerContext): void {
  const owned = new Set(model.ownedAddresses(ctx.device));
  const add = (v: model.Value<string> | undefined) => {
    if (!v || owned.has(v.value) || !model.isAddress(v.value) || v.value === '0.0.0.0' || v.value === '::') return;
    owned.add(v.value);
    ctx.device.extraAddresses.push({ value: v.value, range: v.range });
  };
  for (const p of ctx.device.ipsecPeers) add(p.local);
  for (const i of ctx.device.interfaces) add(i.tunnel?.source);
}

function lowerMiscReferences(ctx: LowerContext): void {
  for (const t of ['filter', 'nat', 'mangle', 'raw']) {
    for (const it of get(ctx, `ip firewall ${t}`)) {
      for (const k of ['in-interface', 'out-interface']) ref(ctx, 'interface', it.params.get(k), { alsoKinds: ['interface-list'], skip: (x) => isDynamicName(x) || x === 'all' });
      for (const k of ['in-interface-list', 'out-interface-list']) ref(ctx, 'interface-list', it.params.get(k));
    }
  }
  // Interfaces referenced here but never defined: default ports and dynamic names are builtin.
  const defined = new Set(ctx.device.definitions.filter((d) => d.kind === 'interface').map((d) => d.name));
  for (const r of ctx.device.references) {
    if (r.kind === 'interface' && !defined.has(r.name) && (DEFAULT_IFACE.test(r.name) || isDynamicName(r.name))) {
      defined.add(r.name);
      builtin(ctx, 'interface', r.name);
    }
  }
}
