// IOS/ASA lowering, ACLs and named objects: named and numbered ACLs (entries, addresses, ports, crypto selectors),
// object-groups, route-maps, class-maps, policy-maps and SNMP (communities, views, groups, users).

import * as model from '../../../model';
import type { Token } from '../../../syntax';
import type { IosNode } from '../parser';
import { PROTOCOLS, PORT_OPS, looksNumericAddress } from './tables';
import { IosLoweringCore, WordRun, type AclEntry, type AclInfo } from './core';
import { lowerCase } from '../store';

export abstract class IosAclLowering extends IosLoweringCore {
  // ------------------------------------------------------------------ ACLs

  protected aclInfo(nameTok: Token, node: IosNode): AclInfo {
    let info = this.acls.get(nameTok.text);
    if (!info) {
      const acl: model.Acl = { name: nameTok.text, range: node.range, flavours: new Set() };
      info = { acl, nameToken: nameTok, entries: [], first: node, last: node };
      this.acls.set(nameTok.text, info);
      this.device.acls.push(acl);
    } else {
      info.last = node;
      // In place: the list's range is its own object (made above from the first line).
      if (node.end > info.acl.range.end) info.acl.range.end = node.end;
    }
    // The node is its own full range (`start`/`end`): no range object made per line.
    this.define('acl', nameTok.text, nameTok, node);
    return info;
  }

  protected lowerNamedAcl(node: IosNode, flavour: 'standard' | 'extended'): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'an access-list name');
    const info = this.aclInfo(name, node);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      // The words are read in place (a run of the store), after an optional sequence number.
      const seq = c.wordCount > 0 && /^\d+$/.test(c.wordText(0)!) ? 1 : 0;
      const act = c.wordCount > seq ? lowerCase(c.wordText(seq)!) : '';
      if (act === 'remark') {
        info.acl.flavours.add('remark');
        continue;
      }
      if (act !== 'permit' && act !== 'deny') continue;
      this.aclEntry(info, c, act, new WordRun(c, seq + 1), flavour, 'wildcard');
    }
  }

  /**
   * `ipv6 access-list NAME` with `[sequence N] {permit|deny} PROTOCOL SRC [PORTS] DST [PORTS] …` lines, where an
   * address is `any`, `host A` or `PREFIX/LEN`. `ipv6` as protocol means any protocol (selectors say `ip`).
   */
  protected lowerIpv6Acl(node: IosNode): void {
    const name = this.lastArg(node);
    if (!name) return this.missing(node, 'an access-list name');
    const info = this.aclInfo(name, node);
    const standard = this.args(node).some((t) => this.lw(t) === 'standard');
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const first = new WordRun(c, 0);
      const w = first.lw(0) === 'sequence' ? first.sub(2) : first.has(0) && /^\d+$/.test(first.text(0)!) ? first.sub(1) : first;
      const act = w.lw(0);
      if (act === 'remark') {
        info.acl.flavours.add('remark');
        continue;
      }
      if (act !== 'permit' && act !== 'deny') continue;
      info.acl.flavours.add('extended');
      // Standard IPv6 lists (`ipv6 access-list standard N` / `deny any`) and forms not modelled are skipped silently.
      const pt = w.text(1);
      if (pt === undefined || standard) continue;
      const pl = pt.toLowerCase();
      const entry: AclEntry = { action: act, flavour: 'extended', protocol: pl === 'ipv6' ? 'ip' : pl === 'ahp' ? 'ah' : pl, range: c.range };
      const src = this.acl6Address(w, 2, c);
      if (!src) continue;
      const sp = this.aclPort(w, src.next);
      const dst = this.acl6Address(w, sp.next, c);
      if (!dst) continue;
      const dp = this.aclPort(w, dst.next);
      entry.src = src.prefix;
      entry.dst = dst.prefix;
      if (sp.port) entry.srcPort = sp.port;
      if (dp.port) entry.dstPort = dp.port;
      info.entries.push(entry);
    }
  }

  /** One address of an IPv6 ACL line: `any` (::/0), `host A` (A/128), `PREFIX/LEN`, `object-group NAME`. */
  protected acl6Address(w: WordRun, i: number, node: IosNode): { prefix?: string; next: number } | undefined {
    void node;
    const tt = w.text(i);
    if (tt === undefined) return undefined;
    const l = tt.toLowerCase();
    if (l === 'any') return { prefix: '::/0', next: i + 1 };
    if (l === 'object-group') {
      this.ref('object-group', w.tok(i + 1));
      return { prefix: w.text(i + 1), next: i + 2 };
    }
    const host = l === 'host';
    const at = host ? w.text(i + 1) : tt;
    if (at === undefined || !/^[0-9a-f:.]+(\/\d+)?$/i.test(at) || !at.includes(':')) return undefined;
    const p = model.parsePrefix(at);
    if (!p || p.family !== 6 || host === at.includes('/')) {
      this.error(w.tok(host ? i + 1 : i)!, 'syntax/invalid-address', `'${at}' is not ${host ? 'an IPv6 address' : 'an IPv6 prefix (PREFIX/LEN)'}`);
      return undefined;
    }
    return { prefix: model.formatPrefix(p), next: host ? i + 2 : i + 1 };
  }

  protected lowerAccessListLine(node: IosNode): void {
    const a = new WordRun(node, node.path.length);
    const name = a.tok(0);
    if (!name) return this.missing(node, 'an access-list number');
    let i = 1;
    if (a.lw(i) === 'dynamic') i += 2;
    const act = a.lw(i);
    const info = this.aclInfo(name, node);
    if (act === 'remark') {
      info.acl.flavours.add('remark');
      return;
    }
    if (act !== 'permit' && act !== 'deny') {
      if (!a.has(i)) return this.missing(node, '`permit`, `deny` or `remark`');
      return;
    }
    const num = /^\d+$/.test(name.text) ? Number(name.text) : NaN;
    const flavour = (num >= 1 && num <= 99) || (num >= 1300 && num <= 1999) ? 'standard' : (num >= 100 && num <= 199) || (num >= 2000 && num <= 2699) || Number.isNaN(num) ? 'extended' : undefined;
    if (!flavour) return; // 200–299 protocol-type, 700–799 MAC lists: not modelled
    this.aclEntry(info, node, act, a.sub(i + 1), flavour, 'wildcard');
  }

  /** Parses `SRC [PORTS] DST [PORTS]` (extended) or `SRC` (standard). Returns false after reporting an error. */
  protected aclEntry(info: AclInfo, node: IosNode, action: 'permit' | 'deny', w: WordRun, flavour: 'standard' | 'extended', style: 'wildcard' | 'mask'): void {
    info.acl.flavours.add(flavour);
    const entry: AclEntry = { action, flavour, protocol: 'ip', range: node.range };
    let i = 0;
    if (flavour === 'extended') {
      const pt = w.text(0);
      if (pt === undefined) return this.missing(node, 'a protocol');
      const pl = lowerCase(pt);
      if (pl === 'object-group' || pl === 'object') {
        // ASA inline service objects (`object icmp-echo`, `object ospf`) are built in.
        const n = w.text(1)?.toLowerCase() ?? '';
        if (pl === 'object-group' || !(PROTOCOLS.has(n) || n.startsWith('icmp'))) this.ref(pl === 'object' ? 'object' : 'object-group', w.tok(1));
        entry.protocol = w.text(1) ?? 'ip';
        i = 2;
      } else {
        entry.protocol = pl === 'ahp' ? 'ah' : pl === '47' ? 'gre' : pl;
        if (!PROTOCOLS.has(pl) && !/^\d+$/.test(pl)) {
          // Unknown protocol keywords are left alone (catalog is incomplete).
        }
        i = 1;
      }
    }
    const src = this.aclAddress(w, i, node, style, flavour === 'standard');
    if (!src) return;
    entry.src = src.prefix;
    i = src.next;
    if (flavour === 'standard') {
      info.entries.push(entry);
      return;
    }
    const sp = this.aclPort(w, i);
    entry.srcPort = sp.port;
    i = sp.next;
    const dst = this.aclAddress(w, i, node, style, false);
    if (!dst) return;
    entry.dst = dst.prefix;
    i = dst.next;
    const dp = this.aclPort(w, i);
    entry.dstPort = dp.port;
    info.entries.push(entry);
  }

  protected aclPort(w: WordRun, i: number): { port?: string; next: number } {
    const op = w.lw(i);
    if (PORT_OPS.has(op) && w.has(i + 1)) return { port: op === 'eq' ? w.text(i + 1) : `${op} ${w.text(i + 1)}`, next: i + 2 };
    if (op === 'range' && w.has(i + 2)) return { port: `${w.text(i + 1)}-${w.text(i + 2)}`, next: i + 3 };
    return { next: i };
  }

  /** One address spec of an ACL line. `prefix` is CIDR text, an object name, or undefined for unmodelled forms. */
  protected aclAddress(w: WordRun, i: number, node: IosNode, style: 'wildcard' | 'mask', standard: boolean): { prefix?: string; next: number } | undefined {
    const tt = w.text(i);
    if (tt === undefined) {
      this.missing(node, standard ? 'a source address' : 'an address (`any`, `host A` or `A MASK`)');
      return undefined;
    }
    const l = lowerCase(tt);
    if (l === 'any' || l === 'any4') return { prefix: '0.0.0.0/0', next: i + 1 };
    if (l === 'any6') return { prefix: '::/0', next: i + 1 };
    if (l === 'host') {
      const h = w.text(i + 1);
      if (h === undefined) {
        this.missing(node, 'a host address after `host`');
        return undefined;
      }
      if (h.includes(':')) return { prefix: model.canonicalPrefix(h), next: i + 2 };
      if (!looksNumericAddress(h)) return { prefix: h, next: i + 2 }; // ASA `name` alias
      const a = this.addressAt(w, i + 1, node);
      return a ? { prefix: `${a}/32`, next: i + 2 } : undefined;
    }
    if (l === 'object-group' || l === 'object') {
      this.ref(l === 'object' ? 'object' : 'object-group', w.tok(i + 1));
      return { prefix: w.text(i + 1), next: i + 2 };
    }
    if (l === 'interface') return { next: i + 2 };
    if (tt.includes(':') && tt.includes('/')) return { prefix: model.canonicalPrefix(tt) ?? tt, next: i + 1 };
    if (!looksNumericAddress(tt)) {
      // ASA `name` aliases, IOS port groups and other forms netcfg does not model: no error, no selector.
      const m = w.text(i + 1);
      return { prefix: tt, next: m !== undefined && looksNumericAddress(m) ? i + 2 : i + 1 };
    }
    const a = this.addressAt(w, i, node);
    if (!a) return undefined;
    const m = w.text(i + 1);
    if (m === undefined || !looksNumericAddress(m)) {
      if (standard) return { prefix: `${a}/32`, next: i + 1 };
      this.missing(node, `a ${style === 'wildcard' ? 'wildcard' : 'mask'} after ${a}`);
      return undefined;
    }
    if (model.parseIpv4(m) === undefined) {
      this.error(w.tok(i + 1)!, 'syntax/invalid-mask', `'${m}' is not a valid ${style === 'wildcard' ? 'wildcard' : 'mask'}`);
      return undefined;
    }
    const len = style === 'wildcard' ? model.wildcardToLength(m) : model.maskToLength(m);
    if (len === undefined) {
      if (style === 'mask') {
        this.error(w.tok(i + 1)!, 'syntax/invalid-mask', `'${m}' is not a contiguous network mask`);
        return undefined;
      }
      return { prefix: `${a} ${m}`, next: i + 2 }; // discontiguous wildcard: legal, kept as text
    }
    return { prefix: model.networkOf(a, len), next: i + 2 };
  }

  /** Selectors of a crypto ACL (its permit lines), computed once per ACL and shared by the peers using it. */
  protected selectorsOf(aclName: string): model.Selector[] {
    const cached = this.selectorCache.get(aclName);
    if (cached) return cached;
    const info = this.acls.get(aclName);
    const res: model.Selector[] = [];
    for (const e of info?.entries ?? []) {
      if (e.action !== 'permit' || !e.src) continue;
      const sel: model.Selector = { local: e.src, remote: e.dst ?? '0.0.0.0/0', protocol: e.protocol, range: e.range };
      if (e.srcPort) sel.localPort = e.srcPort;
      if (e.dstPort) sel.remotePort = e.dstPort;
      res.push(sel);
    }
    this.selectorCache.set(aclName, res);
    return res;
  }

  // ------------------------------------------------------------------ other named objects

  protected lowerObjectGroup(node: IosNode): void {
    const a = this.args(node);
    const name = a[1];
    if (!name) return this.missing(node, 'an object-group type and name');
    this.define('object-group', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const w = c.words;
      for (let i = 0; i + 1 < w.length; i++) {
        const l = this.lw(w[i]);
        if (l === 'group-object' || (l === 'object-group' && i === 0)) this.ref('object-group', w[i + 1]);
        else if (l === 'object' || l === 'network-object' && this.lw(w[i + 1]) === 'object') {
          if (l === 'object') this.ref('object', w[i + 1]);
        }
      }
    }
  }

  protected lowerRouteMap(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a route-map name');
    this.define('route-map', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const words = c.words;
      const w = words.map((x) => x.text.toLowerCase());
      if (w[0] === 'match' && (w[1] === 'ip' || w[1] === 'ipv6') && w[2] === 'address') {
        const pl = w.indexOf('prefix-list');
        if (pl >= 0) for (const t of words.slice(pl + 1)) this.ref('prefix-list', t);
        else for (const t of words.slice(3)) this.ref('acl', t);
      }
    }
  }

  protected lowerClassMap(node: IosNode): void {
    // The name is the last word: `class-map [type T [P]] [match-any|match-all] NAME`.
    const name = this.lastArg(node);
    if (!name) return this.missing(node, 'a class-map name');
    this.define('class-map', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || c.path[0] !== 'match') continue;
      const words = c.words;
      const w = words.map((x) => x.text.toLowerCase());
      if (w[1] === 'access-group') this.ref('acl', w[2] === 'name' ? words[3] : words[2]);
      else if (w[1] === 'access-list') this.ref('acl', words[2]);
    }
  }

  protected lowerPolicyMap(node: IosNode): void {
    // The name is the last word: `policy-map [type T [P]] NAME`.
    const name = this.lastArg(node);
    if (!name) return this.missing(node, 'a policy-map name');
    this.define('policy-map', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || c.path[0] !== 'class') continue;
      const ca = this.args(c);
      const cn = this.lw(ca[0]) === 'type' ? ca[2] : ca[0];
      if (cn && cn.text !== 'class-default') this.ref('class-map', cn);
      for (const cc of c.children) if (cc.path[0] === 'service-policy') this.ref('policy-map', this.lastArg(cc));
    }
  }

  protected lowerSnmp(node: IosNode): void {
    const a = this.args(node);
    switch (node.path[1]) {
      case 'community': {
        // snmp-server community STRING [view V] [ro|rw] [ipv6 NACL] [ACL]
        if (!a[0]) return this.missing(node, 'a community string');
        this.defTokens.add(a[0].start);
        for (let i = 1; i < a.length; i++) {
          const l = this.lw(a[i]);
          if (l === 'view') this.refView(a[++i]);
          else if (l === 'ipv6' || l === 'group' || l === 'use-ipv4-acl' || l === 'use-ipv6-acl') i++;
          else if (l !== 'ro' && l !== 'rw' && i === a.length - 1) this.ref('acl', a[i]);
        }
        return;
      }
      case 'view':
        if (!a[0]) return this.missing(node, 'a view name');
        if (!a[1]) return this.missing(node, 'an OID subtree');
        if (!a[2]) return this.missing(node, '`included` or `excluded`');
        this.define('snmp-view', a[0].text, a[0], node.range);
        return;
      case 'group': {
        if (!a[0]) return this.missing(node, 'a group name');
        this.define('snmp-group', a[0].text, a[0], node.range);
        for (let i = 1; i < a.length; i++) {
          const l = this.lw(a[i]);
          if (l === 'read' || l === 'write' || l === 'notify') this.refView(a[++i]);
          else if (l === 'access') {
            if (this.lw(a[i + 1]) === 'ipv6') i++;
            if (!a[i + 1]) return this.missing(node, 'an ACL after `access`');
            this.ref('acl', a[++i]);
          }
        }
        return;
      }
      case 'user': {
        if (!a[0]) return this.missing(node, 'a user name');
        if (!a[1]) return this.missing(node, 'a group name');
        this.ref('snmp-group', a[1]);
        for (let i = 2; i < a.length; i++) {
          const l = this.lw(a[i]);
          if (l === 'access') {
            if (this.lw(a[i + 1]) === 'ipv6') i++;
            this.ref('acl', a[++i]);
          }
        }
        return;
      }
      case 'tftp-server-list':
        if (!a[0]) return this.missing(node, 'an ACL');
        this.ref('acl', a[0]);
        return;
    }
  }

  protected refView(t: Token | undefined): void {
    if (!t) return;
    if (['v1default', 'iso', 'restricted', '*ilmi', 'all'].includes(t.text.toLowerCase())) return;
    this.ref('snmp-view', t);
  }
}
