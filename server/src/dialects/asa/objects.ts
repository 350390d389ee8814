// Cisco ASA network objects and object-groups (issue 14 §2): `object network` (host, subnet, range, fqdn),
// `object service`, `object-group network|service|protocol|icmp-type` with nested `group-object`, `name` aliases, and
// the ASA ACL line parser that resolves every address position (`any`/`any4`/`any6`, `host A`, `A MASK`, `P/len`,
// `object X`, `object-group G`, `interface IF`) to prefixes. Crypto ACL selectors expand one per (source, destination)
// combination. A line that cannot be compared (FQDN object, undefined or cyclic group, service object or port group,
// unknown interface address, too many combinations) makes the whole ACL's selectors unknown: the peer then carries no
// selectors and the selector check skips it, so an unresolvable name never yields a false `ipsec/selector-mismatch`.
// Depends only on model/, syntax/ and the IOS lowering.

import * as model from '../../model';
import type { Token, TextRange } from '../../syntax';
import { IosLowering, type AclInfo } from '../ios/lower';
import { WordRun } from '../ios/lower/core';
import { PROTOCOLS, looksNumericAddress } from '../ios/lower/tables';
import { lowerCase } from '../ios/store';
import type { IosNode } from '../ios/parser';

/** Most selectors one crypto ACL expands to (and most prefixes one group resolves to) before netcfg stops expanding. */
export const ASA_EXPANSION_LIMIT = 4096;

/** Where an address of an ACL line or group member comes from. `any` follows the other side's family. */
export type AddrSpec =
  | { kind: 'prefix'; prefix: string }
  | { kind: 'any' }
  | { kind: 'fqdn'; name: string }
  | { kind: 'object' | 'group' | 'alias' | 'interface'; name: string };

/** Resolved addresses: canonical CIDR prefixes, or `opaque` (why they cannot be compared). */
export interface AddressSet {
  prefixes: string[];
  /** `any` / `any4`: the whole address space of the other side's family. */
  any?: boolean;
  opaque?: string;
}

export interface ServiceObject {
  protocol?: string;
  /** `source`/`destination` ports restrict the service: not expressible as a plain selector protocol. */
  ports: boolean;
}

export interface ObjectGroup {
  /** `network`, `service`, `protocol`, `icmp-type`, `user`, `security`… */
  type: string;
  members: AddrSpec[];
  /** `protocol-object P` members (protocol groups). */
  protocols: string[];
}

/** One ASA ACL line, with its address positions unresolved until needed (objects may follow in the file). */
export interface AsaAclLine {
  action: 'permit' | 'deny';
  flavour: 'standard' | 'extended';
  protocol: string;
  /** `object S` / `object-group G` in the protocol position (a service object or protocol/service group). */
  service?: { kind: 'object' | 'group'; name: string };
  src: AddrSpec;
  dst?: AddrSpec;
  srcPort?: string;
  dstPort?: string;
  /** A service/port group in a port position: ports that are not a single value. */
  portGroup?: string;
  range: TextRange;
}

/**
 * A range as the exact list of CIDR prefixes covering it (at most 2×width−2), or undefined when `first` > `last`.
 * Exact rather than the smallest covering prefix: the ASA expands a range object into one ACE per covering prefix,
 * and each becomes its own proxy identity, so this is what the peer must mirror.
 */
export function rangeToPrefixes(first: string, last: string): string[] | undefined {
  const a = model.parsePrefix(first);
  const b = model.parsePrefix(last);
  if (!a || !b || a.family !== b.family || a.length !== b.length) return undefined;
  const width = a.family === 4 ? 32 : 128;
  let lo = a.network;
  const hi = b.network;
  if (lo > hi) return undefined;
  const out: string[] = [];
  while (lo <= hi) {
    // Largest block aligned at lo that does not pass hi.
    let size = 0;
    while (size < width && ((lo >> BigInt(size)) & 1n) === 0n && lo + (1n << BigInt(size + 1)) - 1n <= hi) size++;
    out.push(model.formatPrefix({ family: a.family, network: lo, length: width - size }));
    lo += 1n << BigInt(size);
  }
  return out;
}

function family(prefix: string): 4 | 6 {
  return prefix.includes(':') ? 6 : 4;
}

/** The ASA object model of one configuration and its resolution (memoised, iterative, cycle-safe). */
export class AsaObjectModel {
  readonly networkObjects = new Map<string, AddrSpec | undefined>();
  readonly serviceObjects = new Map<string, ServiceObject>();
  readonly groups = new Map<string, ObjectGroup>();
  /** `name ADDRESS NAME` aliases. */
  readonly names = new Map<string, string>();
  private memo = new Map<string, AddressSet>();

  constructor(private readonly interfaceAddress: (nameif: string) => string | undefined) {}

  /** Resolves one address position. */
  resolve(spec: AddrSpec): AddressSet {
    switch (spec.kind) {
      case 'prefix':
        return { prefixes: [spec.prefix] };
      case 'any':
        return { prefixes: [], any: true };
      case 'fqdn':
        return { prefixes: [], opaque: `FQDN '${spec.name}' (resolved by DNS at run time)` };
      case 'alias': {
        const a = this.names.get(spec.name);
        return a ? { prefixes: [a] } : { prefixes: [], opaque: `'${spec.name}' is not a known name` };
      }
      case 'interface': {
        const a = this.interfaceAddress(spec.name);
        return a ? { prefixes: [`${a}/32`] } : { prefixes: [], opaque: `interface '${spec.name}' has no known address` };
      }
      case 'object': {
        if (!this.networkObjects.has(spec.name)) return { prefixes: [], opaque: `object '${spec.name}' is not a network object defined here` };
        const v = this.networkObjects.get(spec.name);
        return v ? this.resolve(v) : { prefixes: [], opaque: `object '${spec.name}' has no address` };
      }
      case 'group':
        return this.resolveGroup(spec.name);
    }
  }

  /** A network group's prefixes, nested groups included; opaque when any member is (or on a cycle or overflow). */
  resolveGroup(name: string): AddressSet {
    const hit = this.memo.get(name);
    if (hit) return hit;
    interface Frame {
      name: string;
      group?: ObjectGroup;
      i: number;
      set: Set<string>;
      any: boolean;
      opaque?: string;
    }
    const open = new Set<string>();
    const frame = (n: string): Frame => {
      open.add(n);
      const g = this.groups.get(n);
      const f: Frame = { name: n, group: g, i: 0, set: new Set(), any: false };
      if (!g) f.opaque = `object-group '${n}' is not defined here`;
      else if (g.type !== 'network') f.opaque = `object-group '${n}' is a ${g.type} group, not a network group`;
      return f;
    };
    const merge = (f: Frame, r: AddressSet) => {
      if (f.opaque) return;
      if (r.opaque) f.opaque = r.opaque;
      if (r.any) f.any = true;
      for (const p of r.prefixes) f.set.add(p);
      if (f.set.size > ASA_EXPANSION_LIMIT) f.opaque = `object-group '${f.name}' has more than ${ASA_EXPANSION_LIMIT} prefixes`;
    };
    const stack: Frame[] = [frame(name)];
    let result: AddressSet = { prefixes: [] };
    while (stack.length) {
      const f = stack[stack.length - 1];
      const members = f.group && !f.opaque ? f.group.members : [];
      if (f.i < members.length) {
        const m = members[f.i++];
        if (m.kind !== 'group') merge(f, this.resolve(m));
        else if (this.memo.has(m.name)) merge(f, this.memo.get(m.name)!);
        else if (open.has(m.name)) f.opaque = `object-group '${m.name}' contains itself`;
        else stack.push(frame(m.name));
        continue;
      }
      stack.pop();
      open.delete(f.name);
      const r: AddressSet = f.opaque ? { prefixes: [], opaque: f.opaque } : { prefixes: [...f.set], ...(f.any ? { any: true } : {}) };
      this.memo.set(f.name, r);
      if (stack.length) merge(stack[stack.length - 1], r);
      else result = r;
    }
    return result;
  }

  /** The selector protocol given by a service object or protocol group in the protocol position, or why not. */
  serviceProtocol(s: NonNullable<AsaAclLine['service']>): { protocol?: string; opaque?: string } {
    if (s.kind === 'object') {
      const o = this.serviceObjects.get(s.name);
      if (!o?.protocol) return { opaque: `service object '${s.name}' is not defined here` };
      return o.ports ? { opaque: `service object '${s.name}' restricts ports` } : { protocol: o.protocol };
    }
    const g = this.groups.get(s.name);
    if (g?.type === 'protocol' && g.protocols.length === 1 && !g.members.length) return { protocol: g.protocols[0] };
    return { opaque: `object-group '${s.name}' gives several protocols or services` };
  }
}

/**
 * The ASA layer that reads objects, object-groups, `name` aliases and ACL lines, and expands crypto ACL selectors.
 * `AsaLowering` (lower.ts) extends it with the VPN commands.
 */
export class AsaObjectLowering extends IosLowering {
  protected readonly objects = new AsaObjectModel((nameif) => {
    const itf = this.interfaces.find((i) => i.itf.nameif === nameif);
    return itf?.itf.addresses.find((a) => !a.secondary)?.address;
  });
  protected aclLines = new Map<string, AsaAclLine[]>();

  /** The lines of an ACL with each address position resolved (split-tunnel lists, captures, hover). */
  resolveAcl(name: string): { action: 'permit' | 'deny'; src: AddressSet; dst?: AddressSet; range: TextRange }[] {
    return (this.aclLines.get(name) ?? []).map((l) => ({ action: l.action, src: this.objects.resolve(l.src), ...(l.dst ? { dst: this.objects.resolve(l.dst) } : {}), range: l.range }));
  }

  protected override global(node: IosNode): void {
    switch (this.key(node)) {
      case 'object network':
        return this.lowerNetworkObject(node);
      case 'object service':
        return this.lowerServiceObject(node);
      case 'object-group':
        return this.lowerAsaObjectGroup(node);
      case 'name': {
        const a = this.args(node);
        const addr = a[0] && model.canonicalAddress(a[0].text);
        if (addr && a[1]) this.objects.names.set(a[1].text, `${addr}/${addr.includes(':') ? 128 : 32}`);
        return;
      }
      default:
        return super.global(node);
    }
  }

  /** `host A`, `A MASK` or `P/len` as a canonical prefix; reports an invalid address or mask. */
  protected prefixOf(addr: Token | undefined, mask: Token | undefined, node: IosNode): string | undefined {
    if (!addr) {
      this.missing(node, 'an address');
      return undefined;
    }
    if (addr.text.includes(':')) {
      const p = model.canonicalPrefix(addr.text);
      if (!p) this.error(addr, 'syntax/invalid-address', `'${addr.text}' is not an IPv6 address or prefix`);
      return p;
    }
    const a = this.address(addr, node);
    if (!a) return undefined;
    if (!mask) return `${a}/32`;
    const len = model.maskToLength(mask.text);
    if (len === undefined) {
      this.error(mask, 'syntax/invalid-mask', `'${mask.text}' is not a contiguous network mask`);
      return undefined;
    }
    return model.networkOf(a, len);
  }

  protected lowerNetworkObject(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'an object name');
    // Object NAT inside the object uses it: `show running-config` prints the NAT part as a second block. The
    // sub-mode lines' words are read in place: a token is made only for an argument that is used.
    const kids = node.children;
    let hasNat = false;
    for (let j = 0; j < kids.length && !hasNat; j++) {
      const c = kids[j];
      hasNat = c.kind === 'IosCommand' && !c.negated && c.wordCount > 0 && lowerCase(c.wordText(0)!) === 'nat';
    }
    this.define('object', name.text, name, node.range, hasNat ? { implicitlyUsed: true } : undefined);
    if (!this.objects.networkObjects.has(name.text)) this.objects.networkObjects.set(name.text, undefined);
    for (let j = 0; j < kids.length; j++) {
      const c = kids[j];
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const k = c.wordCount > 0 ? lowerCase(c.wordText(0)!) : '';
      if (k !== 'host' && k !== 'subnet' && k !== 'range' && k !== 'fqdn') continue;
      if (k === 'host' && c.wordCount > 1) {
        // The common `host A.B.C.D`, read in place (what `prefixOf` makes of it); other forms take the path below.
        const t = c.wordText(1)!;
        const a4 = t.includes(':') ? undefined : model.canonicalIpv4(t);
        if (a4 !== undefined) {
          this.objects.networkObjects.set(name.text, { kind: 'prefix', prefix: `${a4}/32` });
          continue;
        }
      }
      const a = c.wordsFrom(1);
      let spec: AddrSpec | undefined;
      if (k === 'host') {
        const p = this.prefixOf(a[0], undefined, c);
        if (p) spec = { kind: 'prefix', prefix: a[0].text.includes(':') ? `${model.canonicalAddress(a[0].text.split('/')[0])}/128` : p };
      } else if (k === 'subnet') {
        if (a[0] && !a[0].text.includes(':') && !a[1]) {
          this.missing(c, 'a network mask');
          continue;
        }
        const p = this.prefixOf(a[0], a[0]?.text.includes(':') ? undefined : a[1], c);
        if (p) spec = { kind: 'prefix', prefix: p };
      } else if (k === 'range') {
        if (!a[0] || !a[1]) {
          this.missing(c, 'the first and last address of the range');
          continue;
        }
        const first = a[0].text.includes(':') ? model.canonicalAddress(a[0].text) : this.address(a[0], c);
        const last = a[1].text.includes(':') ? model.canonicalAddress(a[1].text) : this.address(a[1], c);
        if (!first || !last) {
          if (!first && a[0].text.includes(':')) this.error(a[0], 'syntax/invalid-address', `'${a[0].text}' is not an IPv6 address`);
          if (!last && a[1].text.includes(':')) this.error(a[1], 'syntax/invalid-address', `'${a[1].text}' is not an IPv6 address`);
          continue;
        }
        const list = rangeToPrefixes(first, last);
        if (!list) {
          this.error({ start: a[0].start, end: a[1].end }, 'syntax/invalid-value', `range ${a[0].text} ${a[1].text}: the last address must not be below the first, in the same address family`);
          continue;
        }
        const g = `\u0000range:${name.text}`;
        this.objects.groups.set(g, { type: 'network', members: list.map((prefix) => ({ kind: 'prefix', prefix })), protocols: [] });
        spec = { kind: 'group', name: g };
      } else if (k === 'fqdn') {
        const n = ['v4', 'v6'].includes(this.lw(a[0])) ? a[1] : a[0];
        if (!n) {
          this.missing(c, 'a DNS name');
          continue;
        }
        spec = { kind: 'fqdn', name: n.text };
      }
      if (spec) this.objects.networkObjects.set(name.text, spec);
    }
  }

  protected lowerServiceObject(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'an object name');
    this.define('object', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || this.lw(c.word(0)) !== 'service') continue;
      const a = c.wordsFrom(1);
      if (!a[0]) {
        this.missing(c, 'a protocol');
        continue;
      }
      this.objects.serviceObjects.set(name.text, { protocol: this.lw(a[0]), ports: a.length > 1 });
    }
  }

  /** `service-object object icmp`: the protocol keywords and `icmp…` names are built-in service objects. */
  protected builtinServiceObject(name: string): boolean {
    const n = name.toLowerCase();
    return PROTOCOLS.has(n) || n.startsWith('icmp');
  }

  protected lowerAsaObjectGroup(node: IosNode): void {
    const a = this.args(node);
    const type = this.lw(a[0]);
    const name = a[1];
    if (!name) return this.missing(node, 'an object-group type and name');
    this.define('object-group', name.text, name, node.range);
    const group: ObjectGroup = this.objects.groups.get(name.text) ?? { type, members: [], protocols: [] };
    this.objects.groups.set(name.text, group);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const w = c.words;
      const k = this.lw(w[0]);
      if (k === 'group-object') {
        if (!w[1]) this.missing(c, 'an object-group name');
        else {
          this.ref('object-group', w[1]);
          group.members.push({ kind: 'group', name: w[1].text });
        }
      } else if (k === 'network-object') {
        const s = this.lw(w[1]);
        if (s === 'object') {
          if (!w[2]) this.missing(c, 'an object name');
          else {
            this.ref('object', w[2]);
            group.members.push({ kind: 'object', name: w[2].text });
          }
        } else if (s === 'host') {
          const h = w[2];
          if (!h) this.missing(c, 'a host address');
          else if (!h.text.includes(':') && !looksNumericAddress(h.text)) group.members.push({ kind: 'alias', name: h.text });
          else {
            const p = this.prefixOf(h, undefined, c);
            if (p) group.members.push({ kind: 'prefix', prefix: h.text.includes(':') ? `${model.canonicalAddress(h.text)}/128` : p });
          }
        } else if (w[1] && !w[1].text.includes(':') && !looksNumericAddress(w[1].text)) {
          group.members.push({ kind: 'alias', name: w[1].text }); // `network-object NAME MASK` with a `name` alias
        } else {
          const p = this.prefixOf(w[1], w[1]?.text.includes(':') ? undefined : w[2], c);
          if (p) group.members.push({ kind: 'prefix', prefix: p });
        }
      } else if (k === 'service-object' && this.lw(w[1]) === 'object') {
        if (w[2] && !this.builtinServiceObject(w[2].text)) this.ref('object', w[2]);
      } else if (k === 'protocol-object' && w[1]) {
        group.protocols.push(this.lw(w[1]));
      } else if (k === 'port-object' || k === 'icmp-object' || k === 'service-object' || k === 'description') {
        // Ports, ICMP types and services: kept out of address resolution.
      } else {
        // Other members (`user`, `security-group` …): references only.
        for (let i = 0; i + 1 < w.length; i++) if (this.lw(w[i]) === 'object') this.ref('object', w[i + 1]);
      }
    }
  }

  // ------------------------------------------------------------------ ACL lines

  /** Whether `name` is (so far) a service/port/ICMP group rather than a network group. */
  protected isPortGroup(name: string | undefined): boolean {
    const g = name === undefined ? undefined : this.objects.groups.get(name);
    return !!g && g.type !== 'network';
  }

  /** Parses an ASA ACL line's `PROTO SRC [PORTS] DST [PORTS]` (extended) or `SRC` (standard), objects included. */
  protected override aclEntry(info: AclInfo, node: IosNode, action: 'permit' | 'deny', w: WordRun, flavour: 'standard' | 'extended', style: 'wildcard' | 'mask' = 'mask'): void {
    void style; // ASA lists always use network masks
    info.acl.flavours.add(flavour);
    const line: Partial<AsaAclLine> & { action: AsaAclLine['action']; flavour: AsaAclLine['flavour']; protocol: string; range: TextRange } = { action, flavour, protocol: 'ip', range: node.range };
    let i = 0;
    if (flavour === 'extended') {
      const pt = w.text(0);
      if (pt === undefined) return this.missing(node, 'a protocol');
      const pl = lowerCase(pt);
      if (pl === 'object-group' || pl === 'object') {
        const n = w.text(1);
        if (n === undefined) return this.missing(node, `an ${pl} name`);
        // ASA built-in service objects (`object icmp-echo`, `object ospf`) name their protocol.
        if (pl === 'object' && this.builtinServiceObject(n)) line.protocol = n.toLowerCase().startsWith('icmp') ? 'icmp' : n.toLowerCase();
        else {
          this.ref(pl === 'object' ? 'object' : 'object-group', w.tok(1));
          line.service = { kind: pl === 'object' ? 'object' : 'group', name: n };
          line.protocol = n;
        }
        i = 2;
      } else {
        line.protocol = pl === 'ahp' ? 'ah' : pl === '47' ? 'gre' : pl;
        i = 1;
      }
      i = this.skipIdentity(w, i);
    }
    const src = this.asaAddress(w, i, node, flavour === 'standard');
    if (!src) return;
    line.src = src.spec;
    i = src.next;
    if (flavour === 'extended') {
      const sp = this.asaPort(w, i, false);
      if (sp.group) line.portGroup = sp.group;
      line.srcPort = sp.port;
      i = this.skipIdentity(w, sp.next);
      const dst = this.asaAddress(w, i, node, false);
      if (!dst) return;
      line.dst = dst.spec;
      const dp = this.asaPort(w, dst.next, true);
      if (dp.group) line.portGroup = dp.group;
      line.dstPort = dp.port;
    }
    const list = this.aclLines.get(info.acl.name);
    if (list) list.push(line as AsaAclLine);
    else this.aclLines.set(info.acl.name, [line as AsaAclLine]);
  }

  /** Identity-firewall and TrustSec qualifiers before an address (`user D\\U`, `security-group name N` …). */
  protected skipIdentity(w: WordRun, i: number): number {
    for (;;) {
      const l = w.lw(i);
      if (l === 'user' || l === 'user-group' || l === 'object-group-user' || l === 'object-group-security') i += 2;
      else if (l === 'security-group') i += 3;
      else return i;
    }
  }

  /** A port position: operator forms as IOS, or `object-group G` naming a service/port group (not a network group). */
  protected asaPort(w: WordRun, i: number, afterDst: boolean): { port?: string; group?: string; next: number } {
    const l = w.lw(i);
    if (l === 'object-group' && w.has(i + 1) && (afterDst || this.isPortGroup(w.text(i + 1)))) {
      this.ref('object-group', w.tok(i + 1));
      return { group: w.text(i + 1), next: i + 2 };
    }
    return this.aclPort(w, i);
  }

  /**
   * `prefixOf` of words `i` and `mask` (-1: none) of a run, read in place for a valid IPv4 address and mask; any
   * other case (IPv6, a problem to report) goes through `prefixOf` with the tokens.
   */
  protected prefixAt(w: WordRun, i: number, mask: number, node: IosNode, t = w.text(i)): string | undefined {
    if (t !== undefined && !t.includes(':')) {
      const a = model.canonicalIpv4(t);
      if (a !== undefined) {
        if (mask < 0) return `${a}/32`;
        const m = w.text(mask);
        const len = m === undefined ? undefined : model.maskToLength(m);
        if (len !== undefined) return model.networkOf(a, len);
      }
    }
    return this.prefixOf(w.tok(i), mask < 0 ? undefined : w.tok(mask), node);
  }

  /** One address position of an ASA ACL line. */
  protected asaAddress(w: WordRun, i: number, node: IosNode, standard: boolean): { spec: AddrSpec; next: number } | undefined {
    const tt = w.text(i);
    if (tt === undefined) {
      this.missing(node, standard ? 'a source address' : 'an address (`any`, `host A`, `A MASK`, `object X` or `object-group G`)');
      return undefined;
    }
    const l = lowerCase(tt);
    if (l === 'any' || l === 'any4') return { spec: { kind: 'any' }, next: i + 1 };
    if (l === 'any6') return { spec: { kind: 'prefix', prefix: '::/0' }, next: i + 1 };
    if (l === 'object' || l === 'object-group' || l === 'interface') {
      const n = w.tok(i + 1);
      if (!n) {
        this.missing(node, `a name after \`${l}\``);
        return undefined;
      }
      if (l === 'interface') this.ref('nameif', n);
      else this.ref(l, n);
      return { spec: { kind: l === 'object-group' ? 'group' : l, name: n.text }, next: i + 2 };
    }
    if (l === 'host') {
      const h = w.text(i + 1);
      if (h === undefined) {
        this.missing(node, 'a host address after `host`');
        return undefined;
      }
      if (!h.includes(':') && !looksNumericAddress(h)) return { spec: { kind: 'alias', name: h }, next: i + 2 };
      const p = this.prefixAt(w, i + 1, -1, node, h);
      if (!p) return undefined;
      return { spec: { kind: 'prefix', prefix: h.includes(':') ? `${model.canonicalAddress(h)}/128` : p }, next: i + 2 };
    }
    if (tt.includes(':')) {
      const p = model.canonicalPrefix(tt);
      if (!p) {
        this.error(w.tok(i)!, 'syntax/invalid-address', `'${tt}' is not an IPv6 prefix`);
        return undefined;
      }
      return { spec: { kind: 'prefix', prefix: p }, next: i + 1 };
    }
    if (!looksNumericAddress(tt)) {
      // A `name` alias, with its mask when one follows.
      const m = w.text(i + 1);
      return { spec: { kind: 'alias', name: tt }, next: m !== undefined && looksNumericAddress(m) ? i + 2 : i + 1 };
    }
    const m = w.text(i + 1);
    if (m === undefined || !looksNumericAddress(m)) {
      if (standard) {
        const p = this.prefixAt(w, i, -1, node, tt);
        return p ? { spec: { kind: 'prefix', prefix: p }, next: i + 1 } : undefined;
      }
      if (!this.addressAt(w, i, node)) return undefined;
      this.missing(node, `a mask after ${tt}`);
      return undefined;
    }
    const p = this.prefixAt(w, i, i + 1, node, tt);
    return p ? { spec: { kind: 'prefix', prefix: p }, next: i + 2 } : undefined;
  }

  /**
   * Selectors of a crypto ACL: one per (source prefix, destination prefix) of each permit line, same family only.
   * Empty (the check is skipped) when a line cannot be compared or the expansion passes `ASA_EXPANSION_LIMIT`.
   */
  protected override selectorsOf(aclName: string): model.Selector[] {
    const cached = this.selectorCache.get(aclName);
    if (cached) return cached;
    const res: model.Selector[] = [];
    let stop = false;
    for (const l of this.aclLines.get(aclName) ?? []) {
      if (l.action !== 'permit') continue;
      let protocol = l.protocol;
      if (l.service) {
        const s = this.objects.serviceProtocol(l.service);
        if (!s.protocol) {
          stop = true;
          break;
        }
        protocol = s.protocol;
      }
      const src = this.objects.resolve(l.src);
      const dst = l.dst ? this.objects.resolve(l.dst) : { prefixes: ['0.0.0.0/0'] };
      if (src.opaque || dst.opaque || l.portGroup) {
        stop = true;
        break;
      }
      const locals = src.any ? [...src.prefixes, 'any'] : src.prefixes;
      const remotes = dst.any ? [...dst.prefixes, 'any'] : dst.prefixes;
      if (res.length + locals.length * remotes.length > ASA_EXPANSION_LIMIT) {
        this.error(
          l.range,
          'asa/selector-expansion-limit',
          `access-list '${aclName}' expands to more than ${ASA_EXPANSION_LIMIT} traffic selectors (one per source × destination of each line); netcfg stops expanding here and does not compare this map entry's selectors with the peer`,
          'information',
        );
        stop = true;
        break;
      }
      for (const s of locals) {
        for (const d of remotes) {
          // `any` takes the other side's family (both `any`: IPv4); prefixes of different families never pair.
          const sf = s === 'any' ? (d === 'any' ? 4 : family(d)) : family(s);
          const df = d === 'any' ? sf : family(d);
          if (sf !== df) continue;
          const sel: model.Selector = { local: s === 'any' ? (sf === 4 ? '0.0.0.0/0' : '::/0') : s, remote: d === 'any' ? (df === 4 ? '0.0.0.0/0' : '::/0') : d, protocol, range: l.range };
          if (l.srcPort) sel.localPort = l.srcPort;
          if (l.dstPort) sel.remotePort = l.dstPort;
          res.push(sel);
        }
      }
    }
    const out = stop ? [] : res;
    this.selectorCache.set(aclName, out);
    return out;
  }
}
