// IOS/ASA lowering, interfaces: names, addresses, tunnels (source/destination/mode/protection), NHRP, and the
// tunnel quick-fix setters.

import * as model from '../../../model';
import type { TextRange, Token } from '../../../syntax';
import { interfaceKind, normalizeInterfaceName } from '../catalog';
import type { IosNode } from '../parser';
import { lowerCase } from '../store';
import { looksNumericAddress } from './tables';
import { lowerWord, NO_OSPF_SETTINGS, type IfaceInfo } from './core';
import { IosAclLowering } from './acls';

function hasDigit(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) return true;
  }
  return false;
}

/** Whether token `i`'s text starts with a digit (read in the document). */
function startsWithDigit(store: IosNode['store'], i: number): boolean {
  const c = store.source.charCodeAt(store.starts[i]);
  return c >= 48 && c <= 57;
}

export abstract class IosInterfaceLowering extends IosAclLowering {
  // ------------------------------------------------------------------ interfaces

  protected interfaceName(node: IosNode): { name: string; range: TextRange } | undefined {
    // Read from the token store in place (no token per argument: this runs for every interface block).
    const p = node.path.length;
    if (node.wordCount <= p) return undefined;
    const store = node.store;
    const i = node.wordFirst + p;
    let text = store.text(i);
    let end = store.ends[i];
    // `interface GigabitEthernet 0/1` (type and number split).
    if (node.wordCount > p + 1 && !hasDigit(text) && startsWithDigit(store, i + 1)) {
      text += store.text(i + 1);
      end = store.ends[i + 1];
    }
    return { name: normalizeInterfaceName(text), range: { start: store.starts[i], end } };
  }

  protected lowerInterface(node: IosNode): void {
    // `interfaceName`, inlined (no result object per interface).
    const p = node.path.length;
    if (node.wordCount <= p) return this.missing(node, 'an interface name');
    const store = node.store;
    const first = node.wordFirst + p;
    let text = store.text(first);
    let end = store.ends[first];
    // `interface GigabitEthernet 0/1` (type and number split).
    if (node.wordCount > p + 1 && !hasDigit(text) && startsWithDigit(store, first + 1)) {
      text += store.text(first + 1);
      end = store.ends[first + 1];
    }
    const n = { name: normalizeInterfaceName(text), range: { start: store.starts[first], end } };
    const kind = interfaceKind(n.name);
    const range = node.range;
    const itf: model.Interface = { name: n.name, nameRange: n.range, range, kind, addresses: [], shutdown: false };
    // The interface's definition (what `define` does, with `ifaceByName` as the index: interfaces are defined only here).
    this.defTokens.add(n.range.start);
    const prev = this.ifaceByName.get(n.name);
    if (prev) {
      // The same interface configured twice: its definition spans both blocks; merge into the first block.
      const d = prev.def;
      d.fullRange = { start: Math.min(d.fullRange.start, range.start), end: Math.max(d.fullRange.end, range.end) };
      this.interfaceBody(prev, node);
      return;
    }
    // The definition shares the interface's name range and block range (no copies: 126k sub-interfaces in the 1M-line
    // fleet). Neither is written in place: a second block of the same interface gives `fullRange` a new object.
    const def: model.Definition = { kind: 'interface', name: n.name, range: n.range, fullRange: range, builtin: true };
    this.device.definitions.push(def);
    const info: IfaceInfo = { itf, node, ospf: NO_OSPF_SETTINGS, def };
    this.interfaces.push(info);
    this.ifaceByName.set(n.name, info);
    this.device.interfaces.push(itf);
    if (kind === 'tunnel') itf.tunnel = { mode: { value: 'gre', default: 'IOS default `tunnel mode gre ip`' }, insertAt: node.lineEnd };
    // `interface Serial0/0.1 point-to-point|multipoint`: the word after the name.
    if (n.name.includes('.')) {
      const store = node.store;
      let after = node.wordFirst + node.path.length;
      while (after < node.wordFirst + node.wordCount && store.starts[after] < n.range.end) after++;
      const subType = after < node.wordFirst + node.wordCount ? lowerCase(store.text(after)) : '';
      if (subType === 'point-to-point' || subType === 'multipoint') itf.subinterfaceType = subType;
    }
    this.interfaceBody(info, node);
  }

  /** A sub-interface without its own `encapsulation` runs on its main interface's (Frame Relay sub-interfaces). */
  protected inheritEncapsulation(): void {
    for (let ii = 0; ii < this.interfaces.length; ii++) {
      const info = this.interfaces[ii];
      const itf = info.itf;
      const dot = itf.name.indexOf('.');
      if (itf.encapsulation || dot < 0) continue;
      const main = this.ifaceByName.get(itf.name.slice(0, dot))?.itf.encapsulation;
      if (main) itf.encapsulation = { value: main.value, default: `inherited from ${itf.name.slice(0, dot)}` };
    }
  }

  protected interfaceBody(info: IfaceInfo, block: IosNode): void {
    const kids = block.children;
    for (let k = 0; k < kids.length; k++) {
      const c = kids[k];
      if (c.kind !== 'IosCommand') continue;
      try {
        this.interfaceCommand(info, c, block);
      } catch {
        // keep going
      }
    }
  }

  protected interfaceCommand(info: IfaceInfo, c: IosNode, block: IosNode): void {
    const itf = info.itf;
    const k = this.key(c);
    if (c.negated) {
      if (k === 'shutdown') itf.shutdown = false;
      return;
    }
    if (k === 'description') {
      const i = c.path.length;
      itf.description = i < c.wordCount ? this.restOfLineAt(c, c.store.starts[c.wordFirst + i]) : '';
      return;
    }
    if (k === 'shutdown') {
      itf.shutdown = true;
      return;
    }
    if (k === 'ip address') return this.interfaceAddress(info, c);
    // The first two words, lower-cased (not the whole line: this runs for every interface line).
    const w0 = c.wordCount > 0 ? lowerWord(c.store, c.wordFirst) : '';
    const w1 = c.wordCount > 1 ? lowerWord(c.store, c.wordFirst + 1) : '';
    if (w0 === 'encapsulation') {
      // The argument (or the second word when the path is not `encapsulation` alone), read in place.
      const i = c.path.length < c.wordCount ? c.path.length : c.wordCount > 1 ? 1 : -1;
      if (i >= 0) {
        const w = c.wordFirst + i;
        itf.encapsulation = { value: lowerWord(c.store, w), range: { start: c.store.starts[w], end: c.store.ends[w] } };
      }
      return;
    }
    if (w0 === 'ipv6' && w1 === 'address') {
      this.interfaceAddress6(info, c);
      return this.lowerIpv6Address(info, c);
    }
    if (k === 'mtu' || k === 'ip mtu') {
      const v = this.int(this.arg(c, 0), c, 64, 65535, 'MTU');
      if (v !== undefined) {
        const val: model.Value<number> = { value: v, range: c.range };
        if (k === 'ip mtu') info.ipMtu = val;
        else if (!info.ipMtu) itf.mtu = val;
      }
      if (info.ipMtu) itf.mtu = info.ipMtu;
      return;
    }
    if (k === 'crypto map') {
      const t = this.arg(c, 0);
      if (!t) return this.missing(c, 'a crypto map name');
      itf.cryptoMap = { value: t.text, range: t };
      this.ref('crypto-map', t);
      return;
    }
    if (k === 'ip access-group' || k === 'ipv6 traffic-filter') {
      this.ref('acl', this.arg(c, 0));
      return;
    }
    if (k === 'ipv6 crypto map') {
      // `crypto map ipv6 NAME …` entries, applied apart from the IPv4 map (`crypto map NAME`) of the same interface.
      const t = this.arg(c, 0);
      if (!t) return this.missing(c, 'a crypto map name');
      info.ipv6CryptoMap = { value: t.text, range: t };
      this.ref('crypto-map', t);
      return;
    }
    if (k === 'service-policy') {
      this.ref('policy-map', this.lastArg(c));
      return;
    }
    if (w0 === 'tunnel' || w0 === 'ip' && w1 === 'nhrp') return this.tunnelCommand(info, c, block);
    if ((w0 === 'ip' && w1 === 'ospf') || (this.platform === 'ASA' && w0 === 'ospf')) return this.ospfInterfaceCommand(info, c, w0 === 'ip' ? 2 : 1);
    if (this.platform === 'IOS' && w0 === 'ipv6' && w1 === 'ospf') return this.ospfInterfaceCommand(info, c, 2, 'ipv6 ospf');
    if (this.platform === 'IOS' && w0 === 'ospfv3') return this.ospfv3InterfaceCommand(info, c);
  }

  /** `ipv6 address 2001:db8::1/64`, `… 2001:db8::/64 eui-64` (prefix only); link-local and autoconfig are skipped. */
  protected interfaceAddress6(info: IfaceInfo, c: IosNode): void {
    const t = c.word(2);
    if (!t || !t.text.includes(':') || !t.text.includes('/')) return;
    const flags = c.wordsFrom(3).map((w) => w.text.toLowerCase());
    if (flags.includes('link-local') || flags.includes('anycast')) return;
    const slash = t.text.indexOf('/');
    const address = model.canonicalAddress(t.text.slice(0, slash));
    const len = Number(t.text.slice(slash + 1));
    if (!address || !/^\d+$/.test(t.text.slice(slash + 1)) || len > 128 || /^fe[89ab]/.test(address)) return;
    const prefix = model.networkOf(address, len);
    if (!prefix) return;
    (info.ipv6 ??= []).push({ address: flags.includes('eui-64') ? undefined : address, prefix, range: { start: t.start, end: t.end } });
  }

  protected interfaceAddress(info: IfaceInfo, c: IosNode): void {
    // The common `ip address A M [secondary]`, read from the token store in place; anything else (an error to
    // report, another form) takes the general path below.
    const p = c.path.length;
    if (c.wordCount - p >= 2) {
      const store = c.store;
      const i = c.wordFirst + p;
      const address = model.canonicalIpv4(store.text(i));
      const len = address === undefined ? undefined : model.maskToLength(store.text(i + 1));
      if (len !== undefined) {
        const extra = c.wordCount - p > 2 ? lowerCase(store.text(i + 2)) : '';
        if (extra !== 'standby') {
          const range = { start: store.starts[i], end: store.ends[i + 1] };
          const entry: model.InterfaceAddress = extra === 'secondary' ? { address: address!, prefixLength: len, range, secondary: true } : { address: address!, prefixLength: len, range };
          // The first address makes an array of one (an empty literal pushed to grows to 17 slots).
          if (info.itf.addresses.length === 0) info.itf.addresses = [entry];
          else info.itf.addresses.push(entry);
          return;
        }
      }
    }
    const a0 = this.arg(c, 0);
    if (!a0) return this.missing(c, 'an address and mask');
    const l0 = this.lw(a0);
    if (l0 === 'dhcp' || l0 === 'negotiated' || l0 === 'pppoe') return;
    // `ip address virtual …`, ASA `name` aliases and other forms netcfg does not model.
    if (!/^[\d.\/]+$/.test(a0.text)) return;
    const slash = a0.text.indexOf('/');
    if (slash > 0) {
      // IOS-XE also accepts `ip address A.B.C.D/LEN`.
      const p = model.parsePrefix(a0.text);
      const ad = model.canonicalAddress(a0.text.slice(0, slash));
      if (!p || !ad) return this.error(a0, 'syntax/invalid-address', `'${a0.text}' is not an IPv4 address with a prefix length`);
      const sec = this.lw(this.arg(c, 1)) === 'secondary';
      info.itf.addresses.push({ address: ad, prefixLength: p.length, range: { start: a0.start, end: a0.end }, ...(sec ? { secondary: true } : {}) });
      return;
    }
    const addr = this.address(a0, c);
    if (addr === undefined) return;
    const len = this.mask(this.arg(c, 1), c);
    if (addr === undefined || len === undefined) return;
    const secondary = this.lw(this.arg(c, 2)) === 'secondary';
    info.itf.addresses.push({ address: addr, prefixLength: len, range: { start: a0.start, end: this.arg(c, 1)!.end }, ...(secondary ? { secondary: true } : {}) });
    if (this.lw(this.arg(c, 2)) === 'standby') this.address(this.arg(c, 3), c, 'a standby IPv4 address');
  }

  /**
   * `ipv6 address PREFIX/LEN` (an owned address, like `ip address`). Link-local, EUI-64 (the interface id comes from
   * the MAC), anycast (shared by several routers), general-prefix, `autoconfig` and `dhcp` forms are not modelled:
   * none is an address this device alone owns that a peer could target.
   */
  protected lowerIpv6Address(info: IfaceInfo, c: IosNode): void {
    const a = this.args(c);
    const a0 = a[0];
    if (!a0) return this.missing(c, 'an IPv6 address');
    // Only `PREFIX/LEN` literals; general-prefix names (`GP ::1/64`) and other forms are left alone.
    if (!/^[0-9a-f:.]+\/\d+$/i.test(a0.text)) return;
    const more = a.slice(1).map((t) => t.text.toLowerCase());
    if (more.includes('link-local') || more.includes('eui-64') || more.includes('anycast')) return;
    const slash = a0.text.indexOf('/');
    const p = model.parsePrefix(a0.text);
    const ad = model.canonicalAddress(a0.text.slice(0, slash));
    if (!p || p.family !== 6 || !ad) return this.error(a0, 'syntax/invalid-address', `'${a0.text}' is not an IPv6 address with a prefix length`);
    if (ad.startsWith('fe80:')) return;
    info.itf.addresses.push({ address: ad, prefixLength: p.length, range: { start: a0.start, end: a0.end } });
  }

  /** An IPv4 or IPv6 literal (canonical), an error for a malformed numeric address, or undefined for a name. */
  protected tunnelEndpoint(t: Token, c: IosNode): { address?: string; name?: boolean } {
    if (t.text.includes(':')) {
      const v6 = model.parseIpv6(t.text);
      if (v6 === undefined) {
        this.error(t, 'syntax/invalid-address', `'${t.text}' is not an IPv6 address`);
        return {};
      }
      return { address: model.formatIpv6(v6) };
    }
    if (looksNumericAddress(t.text)) return { address: this.address(t, c, 'an IPv4 or IPv6 address') };
    return { name: true };
  }

  protected tunnelCommand(info: IfaceInfo, c: IosNode, block: IosNode): void {
    const itf = info.itf;
    if (!itf.tunnel) itf.tunnel = { mode: { value: 'gre', default: 'IOS default `tunnel mode gre ip`' }, insertAt: block.lineEnd };
    const t = itf.tunnel;
    const k = this.key(c);
    const a = this.args(c);
    switch (k) {
      case 'tunnel source': {
        const s = a[0];
        if (!s) return this.missing(c, 'an interface or address');
        const ep = this.tunnelEndpoint(s, c);
        if (!ep.name) {
          if (ep.address) t.source = { value: ep.address, range: s };
        } else if (this.lw(s) !== 'dynamic') {
          const name = normalizeInterfaceName(a.length > 1 && /^\d/.test(a[1].text) ? s.text + a[1].text : s.text);
          t.sourceInterface = name;
          info.tunnelSourceRef = { name, token: s };
          this.device.references.push({ kind: 'interface', name, range: { start: s.start, end: s.end } });
        }
        return;
      }
      case 'tunnel destination': {
        const d = a[0];
        if (!d) return this.missing(c, 'an address');
        const ep = this.tunnelEndpoint(d, c);
        if (!ep.name) {
          if (ep.address) t.destination = { value: ep.address, range: d };
        } else t.destination = { value: d.text, range: d };
        if (t.destination && this.setters) t.destination.set = (v) => [this.edit(d, v)];
        return;
      }
      case 'tunnel mode': {
        const m = a.map((x) => x.text.toLowerCase()).join(' ');
        // The transport family follows the encapsulation: `gre ipv6`, `gre multipoint ipv6`, `ipsec ipv6`.
        const value: model.Tunnel['mode']['value'] =
          m === 'gre multipoint' || m === 'gre multipoint ipv6' ? 'mgre' : m === 'gre' || m.startsWith('gre ip') ? 'gre' : m.startsWith('ipsec') ? 'ipsec' : m.startsWith('ipip') ? 'ipip' : 'other';
        if (!a.length) return this.missing(c, 'a tunnel mode');
        t.mode = { value, range: c.range };
        info.ipv6Transport = / ipv6$/.test(m);
        return;
      }
      case 'tunnel key': {
        const kt = a[0];
        if (!kt) return this.missing(c, 'a key');
        if (this.int(kt, c, 0, 4294967295, 'tunnel key') === undefined) return;
        t.key = { value: kt.text, range: kt };
        if (this.setters) t.key.set = (v) => [this.edit(kt, v)];
        return;
      }
      case 'tunnel protection ipsec profile': {
        const p = a[0];
        if (!p) return this.missing(c, 'an IPsec profile name');
        t.protection = { value: p.text, range: p };
        this.ref('ipsec-profile', p);
        return;
      }
      case 'ip nhrp network-id': {
        const v = a[0];
        if (!v) return this.missing(c, 'a network id');
        if (this.int(v, c, 1, 4294967295, 'NHRP network id') === undefined) return;
        const networkId: model.Value<string> = { value: v.text, range: v };
        if (this.setters) networkId.set = (x) => [this.edit(v, x)];
        this.nhrp(t).networkId = networkId;
        return;
      }
      case 'ip nhrp nhs':
        return this.nhrpNhs(t, c, a);
      case 'ip nhrp map multicast': {
        const v = a[0];
        if (!v) return this.missing(c, 'an NBMA address or `dynamic`');
        if (this.lw(v) === 'dynamic') {
          this.nhrp(t).multicastMaps.push({ nbma: 'dynamic', range: c.range });
          return;
        }
        const addr = this.address(v, c, 'an NBMA address');
        if (addr) this.nhrp(t).multicastMaps.push({ nbma: addr, range: c.range });
        return;
      }
      case 'ip nhrp map': {
        if (a.length < 2) return this.missing(c, 'a tunnel address and an NBMA address');
        const ta = this.address(a[0], c, 'a tunnel address');
        const nb = this.address(a[1], c, 'an NBMA address');
        if (ta && nb)
          this.nhrp(t).maps.push(
            this.setters
              ? { tunnelAddress: ta, nbma: nb, range: c.range, set: (v) => [this.replaceLine(c, `ip nhrp map ${v.tunnelAddress} ${v.nbma}`)] }
              : { tunnelAddress: ta, nbma: nb, range: c.range },
          );
        return;
      }
      case 'ip nhrp authentication': {
        const v = a[0];
        if (!v) return this.missing(c, 'an authentication string');
        const auth: model.Nhrp['auth'] = { secret: { kind: 'plain', plain: v.text, range: { start: v.start, end: v.end } }, range: c.range };
        if (this.setters) auth.set = (x) => [this.edit(v, x)];
        this.nhrp(t).auth = auth;
        return;
      }
      case 'ip nhrp holdtime': {
        const v = this.int(a[0], c, 1, 65535, 'NHRP holdtime');
        if (v !== undefined) this.nhrp(t).holdtime = { value: v, range: a[0] };
        return;
      }
      default:
        return;
    }
  }

  /**
   * `ip nhrp nhs {A|dynamic} [nbma B [multicast]] [priority N] [cluster N]` (also the classic `ip nhrp nhs A [NET [MASK]]`).
   * The IOS 15.x/IOS-XE shorthand is three commands in one: the NHS A, the static map A → B (`ip nhrp map A B`) and,
   * with `multicast`, `ip nhrp map multicast B`. With `dynamic` the hub's tunnel address is learned from its
   * registration reply: the NHS and the map's tunnel address are then `dynamic`, and the map still targets B.
   */
  protected nhrpNhs(t: model.Tunnel, c: IosNode, a: Token[]): void {
    const v = a[0];
    if (!v) return this.missing(c, 'a next-hop server address or `dynamic`');
    const dynamic = this.lw(v) === 'dynamic';
    const addr = dynamic ? 'dynamic' : this.address(v, c, 'a next-hop server address');
    if (!addr) return;
    const nhrp = this.nhrp(t);
    nhrp.nhs.push(dynamic || !this.setters ? { value: addr, range: v } : { value: addr, range: v, set: (x) => [this.edit(v, x)] });
    const ni = a.findIndex((x) => this.lw(x) === 'nbma');
    if (ni < 0) {
      if (dynamic) this.missing(c, '`nbma` and the hub\'s NBMA address after `dynamic`');
      return;
    }
    const b = a[ni + 1];
    if (!b) return this.missing(c, 'an NBMA address after `nbma`');
    // IOS-XE 16.x also accepts an FQDN as NBMA address (resolved by DNS): nothing to pair on, no error.
    const nbma = this.tunnelEndpoint(b, c);
    if (!nbma.address) return;
    const nb = nbma.address;
    nhrp.maps.push({
      tunnelAddress: addr,
      nbma: nb,
      range: c.range,
      // Rewrites the tokens in place: the line stays one shorthand command (`nbma`, `multicast` kept).
      ...(dynamic || !this.setters ? {} : { set: (x: { tunnelAddress: string; nbma: string }) => [this.edit(v, x.tunnelAddress), this.edit(b, x.nbma)] }),
    });
    if (a.slice(ni + 2).some((x) => this.lw(x) === 'multicast')) nhrp.multicastMaps.push({ nbma: nb, range: c.range });
  }

  protected nhrp(t: model.Tunnel): model.Nhrp {
    if (!t.nhrp) t.nhrp = { nhs: [], maps: [], multicastMaps: [] };
    return t.nhrp;
  }

  // ------------------------------------------------------------------ tunnel quick-fix setters

  /** Inserts a sub-mode line before `node` (same indentation). */
  protected insertLineBefore(node: IosNode, line: string): model.Edit {
    const start = node.range.start - node.indent;
    return this.edit({ start, end: start }, `${this.text.slice(start, node.range.start)}${line}${this.eol}`);
  }

  /** Inserts a sub-mode line after `node` (same indentation). */
  protected insertLineAfter(node: IosNode, line: string): model.Edit {
    return this.edit({ start: node.lineEnd, end: node.lineEnd }, `${this.eol}${this.text.slice(node.range.start - node.indent, node.range.start)}${line}`);
  }

  /**
   * Setters that add, change or remove `tunnel key`, `ip nhrp authentication`, `ip nhrp map multicast` and
   * `tunnel protection ipsec profile` on a tunnel interface, placed where IOS shows them in the running config.
   */
  protected attachTunnelSetters(info: IfaceInfo): void {
    const t = info.itf.tunnel;
    if (!t) return;
    const block = info.node;
    const lines = (pred: (k: string) => boolean) => block.children.filter((c) => c.kind === 'IosCommand' && !c.negated && pred(this.key(c)));
    const nhrpLines = () => lines((k) => k.startsWith('ip nhrp '));
    t.setKey = (v) => {
      const existing = lines((k) => k === 'tunnel key');
      if (v === undefined) return existing.length ? existing.map((n) => this.deleteLine(n)) : undefined;
      if (!/^\d+$/.test(v) || Number(v) > 4294967295) return undefined;
      const line = `tunnel key ${v}`;
      if (existing.length) return [this.replaceLine(existing[existing.length - 1], line), ...existing.slice(0, -1).map((n) => this.deleteLine(n))];
      const protection = lines((k) => k.startsWith('tunnel protection'))[0];
      return [protection ? this.insertLineBefore(protection, line) : this.insertInBlock(block, line)];
    };
    t.setNhrpAuth = (v) => {
      const existing = lines((k) => k === 'ip nhrp authentication');
      if (v === undefined) return existing.length ? existing.map((n) => this.deleteLine(n)) : undefined;
      if (!/^\S+$/.test(v)) return undefined;
      const line = `ip nhrp authentication ${v}`;
      if (existing.length) return [this.replaceLine(existing[existing.length - 1], line), ...existing.slice(0, -1).map((n) => this.deleteLine(n))];
      const first = nhrpLines()[0];
      return [first ? this.insertLineBefore(first, line) : this.insertInBlock(block, line)];
    };
    t.addMulticastMap = (nbma) => {
      const target = nbma.toLowerCase() === 'dynamic' ? 'dynamic' : model.canonicalAddress(nbma);
      if (!target || target.includes(':')) return undefined;
      const line = `ip nhrp map multicast ${target}`;
      const after = lines((k) => k.startsWith('ip nhrp map') || k === 'ip nhrp authentication');
      if (after.length) return [this.insertLineAfter(after[after.length - 1], line)];
      const first = nhrpLines()[0];
      return [first ? this.insertLineBefore(first, line) : this.insertInBlock(block, line)];
    };
    t.setProtection = (name) => {
      if (!/^\S+$/.test(name)) return undefined;
      const line = `tunnel protection ipsec profile ${name}`;
      const existing = lines((k) => k === 'tunnel protection ipsec profile')[0];
      return [existing ? this.replaceLine(existing, line) : this.insertInBlock(block, line)];
    };
  }

  /**
   * The address a tunnel sourced from an interface (`tunnel source Gi0/0`) uses: the interface's primary IPv4
   * address, or its first global IPv6 address when the tunnel runs over IPv6 (`tunnel mode … ipv6`, or an IPv6
   * `tunnel destination`).
   */
  protected tunnelSourceAddress(info: IfaceInfo): string | undefined {
    const name = info.tunnelSourceRef?.name;
    const v6 = info.ipv6Transport || (info.itf.tunnel?.destination?.value.includes(':') ?? false);
    return v6 ? this.interfaceIpv6Address(name) : this.interfaceAddress4(name);
  }

  /** First IPv6 (global) address of an interface. */
  protected interfaceIpv6Address(name: string | undefined): string | undefined {
    if (!name) return undefined;
    return this.ifaceByName.get(name)?.itf.addresses.find((x) => x.address.includes(':'))?.address;
  }

  protected interfaceAddress4(name: string | undefined): string | undefined {
    if (!name) return undefined;
    const info = this.ifaceByName.get(name);
    return info?.itf.addresses.find((a) => !a.secondary && a.address.includes('.'))?.address;
  }
}
