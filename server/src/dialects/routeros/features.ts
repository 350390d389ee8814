// RouterOS completion and hover from the catalog, the document's own definitions and paired devices.
// Plain data out; imports only this dialect, syntax/ and model/ (types and canonical tables). Never shows secrets.

import * as model from '../../model';
import type { ParseResult, TextRange } from '../../syntax';
import type { CompletionData, FeatureContext, HoverData } from '../types';
import { AUTH_CANON, CHILDREN, GENERIC_VERBS, keywordFor, menuSpec, MENUS, paramDefault, PROFILE_ENC_CANON, PROPOSAL_ENC_CANON, resolveParam, type MenuSpec, type ParamSpec } from './catalog';
import { decideVersion } from './lower';
import type { RosCommand, RosMenu, RosTree } from './parser';
import { dict, nestedDict, lookup } from '../../model/dict';

/** Which definition kind a parameter's value names, per menu (`*` = any menu). */
const REF_KINDS: Record<string, Record<string, string>> = nestedDict<string>({
  'ip ipsec policy': { proposal: 'ipsec-proposal', peer: 'ipsec-peer', group: 'ipsec-policy-group' },
  'ip ipsec peer': { profile: 'ipsec-profile', 'policy-template-group': 'ipsec-policy-group', 'mode-config': 'ipsec-mode-config' },
  'ip ipsec identity': { peer: 'ipsec-peer', 'policy-template-group': 'ipsec-policy-group', 'mode-config': 'ipsec-mode-config' },
  'ip ipsec mode-config': { 'address-pool': 'ip-pool' },
  'ppp profile': { 'local-address': 'ip-pool', 'remote-address': 'ip-pool', bridge: 'interface' },
  'ppp secret': { profile: 'ppp-profile', 'local-address': 'ip-pool', 'remote-address': 'ip-pool' },
  'interface l2tp-server server': { 'default-profile': 'ppp-profile' },
  'interface l2tp-client': { profile: 'ppp-profile' },
  'interface ovpn-client': { profile: 'ppp-profile' },
  'ip pool': { 'next-pool': 'ip-pool' },
  'ip dhcp-server': { 'address-pool': 'ip-pool', interface: 'interface' },
  'routing ospf area': { instance: 'ospf-instance' },
  'routing ospf network': { area: 'ospf-area' },
  'routing ospf interface-template': { area: 'ospf-area', interfaces: 'interface' },
  'routing ospf instance': { 'router-id': 'routing-id' },
  'interface list member': { list: 'interface-list', interface: 'interface' },
  'interface bridge port': { bridge: 'interface', interface: 'interface' },
  '*': { interface: 'interface', 'in-interface': 'interface', 'out-interface': 'interface', 'in-interface-list': 'interface-list', 'out-interface-list': 'interface-list' },
});

/** Built-in names offered as values even when the file does not define them. */
const BUILTIN_NAMES: Record<string, string[]> = dict({
  'ipsec-proposal': ['default'],
  'ipsec-profile': ['default'],
  'ipsec-policy-group': ['default'],
  'ppp-profile': ['default', 'default-encryption'],
  'interface-list': ['all', 'none', 'dynamic', 'static'],
});

/** How a catalog parameter maps to a value of a paired peer's model (for "matches r1.ios" suggestions). */
function peerValues(menu: string, key: string, peers: model.Device[]): { value: string; device: string }[] {
  const res: { value: string; device: string }[] = [];
  for (const dev of peers) {
    for (const p of dev.ipsecPeers) {
      const p1 = p.phase1[0];
      const p2 = p.phase2[0];
      let canon: string | undefined;
      let kw: string | undefined;
      const isProfile = menu === 'ip ipsec profile' || menu === 'ip ipsec peer';
      if (isProfile && key === 'enc-algorithm' && p1) kw = keywordFor(PROFILE_ENC_CANON, (canon = p1.encryption.value[0]) ?? '');
      else if (isProfile && key === 'hash-algorithm' && p1) kw = ['md5', 'sha1', 'sha256', 'sha512'].includes(p1.hash.value[0]) ? p1.hash.value[0] : undefined;
      else if (isProfile && key === 'dh-group' && p1) kw = /^(modp|ecp)\d+$/.test(p1.dh.value[0] ?? '') ? p1.dh.value[0] : undefined;
      else if (menu === 'ip ipsec proposal' && key === 'enc-algorithms' && p2) kw = keywordFor(PROPOSAL_ENC_CANON, (canon = p2.encryption.value[0]) ?? '');
      else if (menu === 'ip ipsec proposal' && key === 'auth-algorithms' && p2) kw = keywordFor(AUTH_CANON, p2.integrity.value[0] ?? '');
      else if (menu === 'ip ipsec proposal' && key === 'pfs-group') kw = p.pfs.value;
      else if (menu === 'ip ipsec proposal' && key === 'lifetime' && p.phase2Lifetime) kw = `${p.phase2Lifetime.value}s`;
      else if (isProfile && key === 'lifetime' && p1) kw = `${p1.lifetime.value}s`;
      else if (menu === 'ip ipsec peer' && key === 'exchange-mode') kw = p.ikeVersion.value === 2 ? 'ike2' : p.exchangeMode.value;
      void canon;
      if (kw && !res.some((r) => r.value === kw)) res.push({ value: kw, device: dev.name });
    }
    for (const o of dev.ospfInterfaces) {
      let kw: string | undefined;
      if (key === 'hello-interval') kw = `${o.hello.value}s`;
      else if (key === 'dead-interval') kw = `${o.dead.value}s`;
      else if (key === 'type' && menu === 'routing ospf interface-template') kw = lookup({ broadcast: 'broadcast', 'point-to-point': 'ptp', 'non-broadcast': 'nbma', 'point-to-multipoint': 'ptmp' }, o.networkType.value);
      else if (key === 'network-type' && menu === 'routing ospf interface') kw = lookup({ broadcast: 'broadcast', 'point-to-point': 'point-to-point', 'non-broadcast': 'nbma', 'point-to-multipoint': 'ptmp' }, o.networkType.value);
      if (kw && !res.some((r) => r.value === kw)) res.push({ value: kw, device: dev.name });
    }
  }
  return res;
}

/** Indexes of the menu lines among a tree's statements, once per parse (statements are in file order). */
const menuIndexes = new WeakMap<RosTree, number[]>();

/**
 * The first menu or command (in file order) whose range holds `offset`, and the path of the last menu line before
 * it. Statements are in file order and do not overlap (neighbours may touch), so this is a binary search and a step
 * back, not a walk from the top of the file (issue 16: hover half-way down a 100k-line file walked 50,000 lines).
 */
function statementAt(tree: RosTree, offset: number): { st?: RosCommand | RosMenu; context: string } {
  const cs = tree.children;
  let lo = 0;
  let hi = cs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cs[mid].range.start <= offset) lo = mid + 1;
    else hi = mid;
  }
  const last = lo - 1; // the last statement starting at or before offset
  let found = -1;
  for (let j = last; j >= 0 && cs[j].range.end >= offset; j--) if (cs[j].kind === 'RosMenu' || cs[j].kind === 'RosCommand') found = j;
  let menus = menuIndexes.get(tree);
  if (!menus) {
    menus = [];
    for (let i = 0; i < cs.length; i++) if (cs[i].kind === 'RosMenu') menus.push(i);
    menuIndexes.set(tree, menus);
  }
  // The last menu before the statement found (before or at the last statement considered, when none holds offset).
  const bound = found >= 0 ? found - 1 : last;
  let a = 0;
  let b = menus.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (menus[mid] <= bound) a = mid + 1;
    else b = mid;
  }
  const context = a > 0 ? (cs[menus[a - 1]] as RosMenu).path : '';
  return found >= 0 ? { st: cs[found] as RosCommand | RosMenu, context } : { context };
}

/** The logical text of the current line up to the cursor (continuations removed), and where the line starts. */
function linePrefix(text: string, offset: number): { prefix: string; start: number } {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  // Walk back over `\`-continued lines.
  let s = start;
  while (s > 1) {
    let e = s - 1;
    if (text[e] === '\n' && text[e - 1] === '\r') e--;
    if (text[e - 1] !== '\\') break;
    let b = e - 1;
    while (b > 0 && text[b - 1] !== '\n' && text[b - 1] !== '\r') b--;
    s = b;
  }
  const raw = text.slice(s, offset);
  return { prefix: raw.replace(/\\\r?\n[ \t]*/g, ''), start: s };
}

/** A name character of `key=` (`[a-z0-9-]`). */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45;
}

/**
 * What `/([a-z0-9-]+)=("?)([^\s"]*)$/.exec(prefix)` finds (`[match, key, quote, partial]`), in linear time: the regex
 * backtracks through every start in a long word (100,000 characters took 1.5 s). The match has no whitespace, so it
 * lies in the trailing word; its `=` is the leftmost one after which (or after its `"`) no quote follows.
 */
export function keyValueAtEnd(prefix: string): [string, string, string, string] | null {
  let ws = prefix.length;
  while (ws > 0 && !/\s/.test(prefix[ws - 1])) ws--;
  const lastQuote = prefix.lastIndexOf('"');
  for (let e = Math.max(ws, lastQuote - 1); e < prefix.length; e++) {
    if (prefix.charCodeAt(e) !== 61 /* = */) continue;
    const quoted = prefix.charCodeAt(e + 1) === 34;
    if (lastQuote > e && !(quoted && lastQuote === e + 1)) continue;
    let k = e;
    while (k > ws && isKeyChar(prefix.charCodeAt(k - 1))) k--;
    if (k === e) continue;
    return [prefix.slice(k), prefix.slice(k, e), quoted ? '"' : '', prefix.slice(e + (quoted ? 2 : 1))];
  }
  return null;
}

function paramDoc(menu: MenuSpec, key: string, spec: ParamSpec): string {
  const lines = [`**${key}** — \`/${menu.path}\``, '', spec.doc];
  if (spec.values) lines.push('', `Values: ${spec.values.map((v) => `\`${v}\``).join(', ')}${spec.type === 'enum-list' ? ' (comma-separated list)' : ''}`);
  const d6 = paramDefault(spec, 6);
  const d7 = paramDefault(spec, 7);
  if (d6 !== undefined || d7 !== undefined) {
    const src = spec.defaultSource ? ` ${spec.defaultSource}` : '';
    lines.push('', d6 === d7 ? `Default: \`${d7}\`${src}` : `Default: v6 \`${d6 ?? '—'}\`, v7 \`${d7 ?? '—'}\`${src}`);
  }
  if (spec.only) lines.push('', `Only in RouterOS v${spec.only}${spec.only === 6 ? ' (moved to profile/identity in 6.43+ and v7)' : ''}.`);
  lines.push('', `[RouterOS documentation](${menu.link})`);
  return lines.join('\n');
}

export function completeRouterOs(parsed: ParseResult<RosTree>, offset: number, ctx: FeatureContext): CompletionData[] {
  try {
    return complete(parsed, offset, ctx);
  } catch {
    return [];
  }
}

/**
 * The word the cursor ends: the characters after the last whitespace, `=`, `[` or `]`. A backward scan, linear in the
 * word (the regex `/[^\s=\[\]]*$/` retried at every start and was quadratic in a long line).
 */
export function trailingWord(prefix: string): string {
  let i = prefix.length;
  while (i > 0) {
    const c = prefix.charCodeAt(i - 1);
    if (c === 0x3d || c === 0x5b || c === 0x5d || /\s/.test(prefix[i - 1])) break;
    i--;
  }
  return prefix.slice(i);
}

function complete(parsed: ParseResult<RosTree>, offset: number, ctx: FeatureContext): CompletionData[] {
  const text = parsed.text;
  const { context } = statementAt(parsed.tree, offset);
  const { prefix } = linePrefix(text, offset);
  const word = trailingWord(prefix);
  const replaceRange: TextRange = { start: offset - word.length, end: offset };
  // ---- value after `key=`
  const kv = keyValueAtEnd(prefix);
  const before = prefix.slice(0, prefix.length - word.length);
  const words = before.trim().split(/\s+/).filter(Boolean);
  // Resolve path and verb from the words before the cursor.
  let path = context;
  let absolute = false;
  let verb: string | undefined;
  let i = 0;
  const firstTok = prefix.trimStart();
  if (firstTok.startsWith('/')) {
    absolute = true;
    path = '';
  }
  for (; i < words.length; i++) {
    const w = words[i].replace(/^\//, '');
    if (w.includes('=') || w.startsWith('[')) break;
    const segs = w.split('/').filter(Boolean);
    let stop = false;
    for (const s of segs) {
      if (!verb && (CHILDREN.get(path)?.has(s) ?? false)) path = path ? `${path} ${s}` : s;
      else if (!verb && (GENERIC_VERBS.has(s) || (menuSpec(path)?.commands.includes(s) ?? false))) verb = s;
      else if (!verb && !absolute && i === 0 && CHILDREN.get('')?.has(s)) path = s;
      else stop = true;
    }
    if (stop || verb) {
      i++;
      break;
    }
  }
  const menu = menuSpec(path);
  if (kv && verb) {
    const [, written, quote, partial] = kv;
    if (!menu) return [];
    const res = resolveParam(menu, written);
    if (res.kind !== 'exact' && res.kind !== 'prefix') return [];
    const key = res.key;
    const spec = res.spec;
    const valueStart = offset - partial.length;
    const lastComma = partial.lastIndexOf(',');
    const itemStart = spec.type === 'enum-list' || spec.type === 'list' ? valueStart + lastComma + 1 : valueStart;
    const range = { start: itemStart, end: offset };
    const items: CompletionData[] = [];
    for (const pv of peerValues(path, key, ctx.peers)) {
      items.push({ label: pv.value, kind: 'value', detail: `${pv.value} — matches ${pv.device}`, sortText: `0${pv.value}`, replaceRange: range });
    }
    if (spec.values) {
      const v = ctx.device ? decideVersion(parsed.tree).major : 7;
      const def = paramDefault(spec, v);
      for (const val of spec.values) {
        if (items.some((x) => x.label === val)) continue;
        items.push({ label: val, kind: 'enum', detail: def === val ? 'default' : undefined, sortText: `1${val}`, replaceRange: range });
      }
    }
    const kind = REF_KINDS[path]?.[key] ?? REF_KINDS['*'][key];
    if (kind) {
      const names = new Set<string>(BUILTIN_NAMES[kind] ?? []);
      const device = ctx.device;
      for (const d of device?.definitions ?? []) if (d.kind === kind && !d.builtin) names.add(d.name);
      if (!device) {
        // No lowered device handed over: take names straight from `name=` of the defining menus in this file.
        const defMenu: Record<string, string> = { 'ipsec-proposal': 'ip ipsec proposal', 'ipsec-profile': 'ip ipsec profile', 'ipsec-peer': 'ip ipsec peer', 'ip-pool': 'ip pool', 'ppp-profile': 'ppp profile', 'ospf-area': 'routing ospf area', 'ospf-instance': 'routing ospf instance', 'ipsec-policy-group': 'ip ipsec policy group', 'interface-list': 'interface list' };
        for (const st of parsed.tree.children) {
          if (st.kind !== 'RosCommand' || st.range.start <= offset && offset <= st.range.end) continue;
          const isDef = defMenu[kind] ? st.path === defMenu[kind] : st.path.startsWith('interface ') && st.path.split(' ').length === 2;
          const n = isDef ? st.params.find((p) => p.key === 'name')?.value : undefined;
          if (n) names.add(n);
        }
      }
      for (const n of names) if (!items.some((x) => x.label === n)) items.push({ label: n, kind: 'reference', detail: kind, sortText: `2${n}`, replaceRange: range, insertText: quote ? n : quoteIfNeeded(n) });
    }
    return items;
  }
  // ---- menu paths (no verb yet)
  if (!verb && !words.some((w) => w.includes('='))) {
    const items: CompletionData[] = [];
    const seg = word.replace(/^.*\//, '');
    const segRange = { start: offset - seg.length, end: offset };
    for (const c of CHILDREN.get(path) ?? []) {
      const full = path ? `${path} ${c}` : c;
      items.push({ label: c, kind: 'keyword', detail: `/${full}`, documentation: MENUS.get(full)?.doc, sortText: `1${c}`, replaceRange: segRange });
    }
    if (path) {
      const cmds = menu?.commands ?? ['add', 'set', 'remove', 'print', 'export'];
      for (const c of cmds) items.push({ label: c, kind: 'keyword', detail: `command in /${path}`, sortText: `0${c}`, replaceRange: segRange });
    }
    return items;
  }
  // ---- parameter names
  if (!menu || !verb) return [];
  const present = new Set<string>();
  for (const w of words) {
    const k = /^([a-z0-9-]+)=/.exec(w)?.[1];
    if (k) {
      const r = resolveParam(menu, k);
      if (r.kind === 'exact' || r.kind === 'prefix') present.add(r.key);
    }
  }
  const v = decideVersion(parsed.tree).major;
  const items: CompletionData[] = [];
  for (const [key, spec] of Object.entries(menu.params)) {
    if (present.has(key)) continue;
    if (['numbers', 'copy-from', 'place-before'].includes(key) && verb !== 'add') continue;
    const other = spec.only !== undefined && spec.only !== v;
    items.push({
      label: `${key}=`,
      kind: 'parameter',
      detail: spec.values ? spec.values.slice(0, 6).join('|') + (spec.values.length > 6 ? '|…' : '') : spec.type,
      documentation: paramDoc(menu, key, spec),
      insertText: `${key}=`,
      filterText: key,
      sortText: `${other ? '9' : key === 'name' ? '0' : '1'}${key}`,
      replaceRange,
    });
  }
  return items;
}

function quoteIfNeeded(v: string): string {
  return /^[A-Za-z0-9._:\/,@+*-]+$/.test(v) ? v : `"${v.replace(/[\\"$?]/g, (c) => '\\' + c)}"`;
}

// ---------------------------------------------------------------- hover

const VERB_DOCS: Record<string, string> = dict({
  add: 'Creates a new item in this menu.',
  set: 'Changes an existing item (selected by name, number or `[ find … ]`), or the settings of a single-item menu.',
  remove: 'Deletes items.',
  print: 'Lists items.',
  enable: 'Enables items.',
  disable: 'Disables items (they stay in the configuration).',
  export: 'Prints the configuration of this menu as commands.',
});

export function hoverRouterOs(parsed: ParseResult<RosTree>, offset: number, ctx: FeatureContext): HoverData | undefined {
  try {
    return hover(parsed, offset, ctx);
  } catch {
    return undefined;
  }
}

function within(r: TextRange | undefined, o: number): boolean {
  return r !== undefined && o >= r.start && o <= r.end;
}

function showValue<T>(v: model.Value<T>, fmt: (x: T) => string = (x) => String(x)): string {
  return `\`${fmt(v.value)}\`${v.range ? '' : v.default ? ` (${v.default})` : ' (default)'}`;
}

function effectiveNotes(ctx: FeatureContext, cmd: RosCommand): string[] {
  const dev = ctx.device;
  if (!dev) return [];
  const out: string[] = [];
  const list = (x: string[]) => x.join(', ');
  for (const p of dev.ipsecPeers) {
    if (p.range.start !== cmd.range.start) continue;
    const p1 = p.phase1[0];
    out.push(`**Effective IKE settings of ${p.label}**`);
    out.push(`- IKE: v${p.ikeVersion.value} ${p.exchangeMode.value} mode${p.ikeVersion.range ? '' : p.ikeVersion.default ? ` (${p.ikeVersion.default})` : ''}`);
    if (p1) {
      out.push(`- phase 1 encryption ${showValue(p1.encryption, list)}`);
      out.push(`- phase 1 hash ${showValue(p1.hash, list)}`);
      out.push(`- phase 1 DH ${showValue(p1.dh, list)}`);
      out.push(`- phase 1 lifetime ${showValue(p1.lifetime, (s) => `${s}s`)}`);
    }
    for (const p2 of p.phase2) out.push(`- phase 2 \`${p2.label}\`: ${showValue(p2.encryption, list)} / ${showValue(p2.integrity, list)}, ${p2.mode.value} mode`);
    out.push(`- PFS ${showValue(p.pfs)}`);
    out.push(`- pre-shared key: ${p.psk ? model.maskSecret(p.psk.secret) : 'none'}`);
  }
  for (const o of dev.ospfInterfaces) {
    if (o.range.start !== cmd.range.start) continue;
    out.push(`**Effective OSPF on ${o.interfaceName}**${o.prefix ? ` (${o.prefix})` : ''}`);
    out.push(`- area ${showValue(o.area)}, type ${showValue(o.networkType)}`);
    out.push(`- hello ${showValue(o.hello, (s) => `${s}s`)}, dead ${showValue(o.dead, (s) => `${s}s`)}`);
    out.push(`- priority ${showValue(o.priority)}${o.cost ? `, cost ${showValue(o.cost)}` : ''}`);
    out.push(`- authentication \`${o.auth.value.type}\`${o.auth.value.key ? ` key ${model.maskSecret(o.auth.value.key)}` : ''}`);
  }
  return out;
}

function hover(parsed: ParseResult<RosTree>, offset: number, ctx: FeatureContext): HoverData | undefined {
  const { st } = statementAt(parsed.tree, offset);
  if (!st) return undefined;
  const v = decideVersion(parsed.tree).major;
  if (st.kind === 'RosMenu') {
    const m = MENUS.get(st.path);
    return m ? { markdown: `**/${m.path}**\n\n${m.doc}\n\n[RouterOS documentation](${m.link})`, range: st.range } : undefined;
  }
  const menu = st.menu;
  for (const p of st.params) {
    if (!within(p.range, offset)) continue;
    if (!menu || !p.spec) return undefined;
    const lines = [paramDoc(menu, p.key, p.spec)];
    if (p.name !== p.key) lines.push('', `\`${p.name}\` is an abbreviation of \`${p.key}\`.`);
    if (p.value !== undefined && p.spec.type !== 'secret') {
      const def = paramDefault(p.spec, v);
      lines.push('', `Value here: \`${p.value}\`${def === p.value ? ' (same as the RouterOS v' + v + ' default)' : ''}`);
    } else if (p.spec.type === 'secret' && p.value !== undefined) {
      lines.push('', `Value here: ${model.maskSecret({ kind: 'plain', plain: p.value, range: p.valueRange ?? p.range })}`);
    }
    const eff = effectiveNotes(ctx, st);
    if (eff.length) {
      lines.push('');
      for (const l of eff) lines.push(l);
    }
    return { markdown: lines.join('\n'), range: p.range };
  }
  if (within(st.verb?.range, offset)) {
    const m = menu ? `/${menu.path}` : `/${st.path}`;
    return { markdown: `**${st.verb!.name}** in \`${m}\`\n\n${VERB_DOCS[st.verb!.name] ?? ''}`, range: st.verb!.range };
  }
  if (within(st.pathRange, offset) || offset <= (st.tokens[0]?.end ?? 0)) {
    if (!menu) return undefined;
    const lines = [`**/${menu.path}**`, '', menu.doc, '', `[RouterOS documentation](${menu.link})`];
    const eff = effectiveNotes(ctx, st);
    if (eff.length) {
      lines.push('');
      for (const l of eff) lines.push(l);
    }
    return { markdown: lines.join('\n'), range: st.pathRange ?? st.range };
  }
  const eff = effectiveNotes(ctx, st);
  if (eff.length) return { markdown: eff.join('\n'), range: st.range };
  return undefined;
}
