// IOS/ASA lowering, OSPF: `router ospf` processes, `ip ospf` interface commands, network-type defaults, the
// effective per-interface OspfInterfaces, and the OSPF quick-fix setters.

import * as model from '../../../model';
import type { TextRange, Token } from '../../../syntax';
import { expandKeyword, normalizeInterfaceName } from '../catalog';
import type { IosNode } from '../parser';
import { normalizeArea, iosAreaText, ospfTypeKeyword } from './tables';
import { NO_OSPF_SETTINGS, type IfaceInfo, type OspfIfSettings, type OspfProcInfo } from './core';
import { IosInterfaceLowering } from './interfaces';
import { dict } from '../../../model/dict';

export abstract class IosOspfLowering extends IosInterfaceLowering {
  /** OSPFv3 processes (`ipv6 router ospf N`, `router ospfv3 N`), apart from the OSPFv2 ones in `ospfProcs`. */
  protected ospf3Procs: OspfProcInfo[] = [];

  // ------------------------------------------------------------------ OSPF interface commands

  protected ospfInterfaceCommand(info: IfaceInfo, c: IosNode, at: number, v3?: 'ipv6 ospf' | 'ospfv3'): void {
    const w = c.words;
    const sub = this.lw(w[at]);
    const o = v3 ? (info.ospf3 ??= {}) : info.ospf === NO_OSPF_SETTINGS ? (info.ospf = {}) : info.ospf;
    if (v3) o.v3Syntax ??= v3;
    const rest = w.slice(at + 1);
    switch (sub) {
      case 'network': {
        const m = rest.map((x) => x.text.toLowerCase()).join(' ');
        const map: Record<string, model.OspfNetworkType> = dict({
          broadcast: 'broadcast',
          'non-broadcast': 'non-broadcast',
          'point-to-point': 'point-to-point',
          'point-to-multipoint': 'point-to-multipoint',
          'point-to-multipoint non-broadcast': 'point-to-multipoint-non-broadcast',
          'point-to-point non-broadcast': 'non-broadcast',
        });
        const v = map[m] ?? map[expandKeyword(m, Object.keys(map)) ?? ''];
        if (!rest.length) return this.missing(c, 'a network type');
        if (!v) return this.error({ start: rest[0].start, end: rest[rest.length - 1].end }, 'syntax/invalid-value', `'${m}' is not an OSPF network type`);
        o.network = { value: v, node: c };
        return;
      }
      case 'hello-interval': {
        const v = this.int(rest[0], c, 1, 65535, 'hello interval');
        if (v !== undefined) o.hello = { value: v, node: c };
        return;
      }
      case 'dead-interval': {
        if (this.lw(rest[0]) === 'minimal') return;
        const v = this.int(rest[0], c, 1, 65535, 'dead interval');
        if (v !== undefined) o.dead = { value: v, node: c };
        return;
      }
      case 'priority': {
        const v = this.int(rest[0], c, 0, 255, 'OSPF priority');
        if (v !== undefined) o.priority = { value: v, node: c };
        return;
      }
      case 'cost': {
        const v = this.int(rest[0], c, 1, 65535, 'OSPF cost');
        if (v !== undefined) o.cost = { value: v, node: c };
        return;
      }
      case 'mtu-ignore':
        o.mtuIgnore = true;
        return;
      case 'authentication': {
        const kw = this.lw(rest[0]);
        const type: model.OspfAuth['type'] = kw === '' ? 'simple' : kw === 'message-digest' ? 'keyed-md5' : kw === 'null' ? 'none' : kw === 'key-chain' ? 'hmac-sha256' : 'simple';
        o.authType = { value: type, node: c };
        return;
      }
      case 'authentication-key': {
        let typeTok: Token | undefined;
        let keyTok = rest[0];
        if (rest.length > 1 && /^[07]$/.test(rest[0].text)) {
          typeTok = rest[0];
          keyTok = rest[1];
        }
        if (!keyTok) return this.missing(c, 'a key');
        o.simpleKey = { secret: this.secretFrom(typeTok, keyTok), token: keyTok, typeToken: typeTok };
        return;
      }
      case 'message-digest-key': {
        const id = this.int(rest[0], c, 1, 255, 'key id');
        if (this.lw(rest[1]) !== 'md5') return this.missing(c, '`md5` and a key');
        let typeTok: Token | undefined;
        let keyTok = rest[2];
        if (rest.length > 3 && /^[07]$/.test(rest[2].text)) {
          typeTok = rest[2];
          keyTok = rest[3];
        }
        if (!keyTok) return this.missing(c, 'a key');
        if (id === undefined) return;
        // IOS keeps the first key per id ("Key N already exists") and uses all of them during a rollover.
        const keys = (o.md5Keys ??= []);
        if (keys.some((k) => k.keyId === id)) return;
        keys.push({ secret: this.secretFrom(typeTok, keyTok), keyId: id, token: keyTok, typeToken: typeTok });
        o.md5Key ??= keys[0];
        return;
      }
      default: {
        // `ip ospf PROCESS area AREA`
        if (/^\d+$/.test(w[at]?.text ?? '') && this.lw(rest[0]) === 'area') {
          const area = rest[1];
          if (!area) return this.missing(c, 'an area id');
          o.area = { process: w[at].text, area: normalizeArea(area.text), range: c.range };
        }
        return;
      }
    }
  }

  /**
   * IOS-XE OSPFv3 interface commands: `ospfv3 N ipv6 area A` (also `ospfv3 N area A ipv6`), and the per-interface
   * settings `ospfv3 [N [ipv6]] network|hello-interval|dead-interval|priority|cost|mtu-ignore …`. The IPv4 address
   * family of OSPFv3 (`ospfv3 N ipv4 area A`) is not modelled.
   */
  protected ospfv3InterfaceCommand(info: IfaceInfo, c: IosNode): void {
    const w = c.words;
    let i = 1;
    const process = /^\d+$/.test(w[i]?.text ?? '') ? w[i++].text : undefined;
    const af = this.lw(w[i]);
    if (af === 'ipv4') return;
    if (af === 'ipv6') i++;
    if (this.lw(w[i]) === 'area') {
      const area = w[i + 1];
      if (!process) return;
      if (!area) return this.missing(c, 'an area id');
      if (w.slice(i + 2).some((t) => this.lw(t) === 'ipv4')) return;
      const o = (info.ospf3 ??= {});
      o.v3Syntax ??= 'ospfv3';
      o.area = { process, area: normalizeArea(area.text), range: c.range };
      return;
    }
    this.ospfInterfaceCommand(info, c, i, 'ospfv3');
  }

  // ------------------------------------------------------------------ OSPF

  protected lowerOspf(node: IosNode): void {
    const idTok = this.arg(node, 0);
    if (!idTok) return this.missing(node, 'a process id');
    const proc: model.OspfProcess = { id: idTok.text, range: node.range, version: 2, areas: [], neighbors: [] };
    const info: OspfProcInfo = { proc, node, networks: [], areaAuth: new Map(), passive: new Map() };
    this.ospfProcs.push(info);
    this.device.ospf.push(proc);
    const areaType = new Map<string, 'normal' | 'stub' | 'nssa'>();
    for (const c of node.children) {
      if (c.kind !== 'IosCommand') continue;
      const k = this.key(c);
      const a = this.args(c);
      if (k === 'passive-interface') {
        this.ospfPassive(info, c, a);
        continue;
      }
      if (c.negated) continue;
      if (k === 'router-id') {
        const v = this.address(a[0], c, 'a router id');
        if (v) proc.routerId = { value: v, range: a[0] };
      } else if (k === 'network') {
        this.ospfNetwork(info, c, a);
      } else if (k === 'area') {
        const id = a[0];
        if (!id) {
          this.missing(c, 'an area id');
          continue;
        }
        const area = normalizeArea(id.text);
        const what = this.lw(a[1]);
        if (what === 'stub') areaType.set(area, 'stub');
        else if (what === 'nssa') areaType.set(area, 'nssa');
        else if (what === 'authentication') info.areaAuth.set(area, { type: this.lw(a[2]) === 'message-digest' ? 'keyed-md5' : 'simple', range: c.range });
      } else if (k === 'neighbor') {
        const v = this.address(a[0], c, 'a neighbour address');
        if (v) proc.neighbors.push({ value: v, range: a[0] });
      }
    }
    const areas = new Set<string>([...info.networks.map((n) => n.area), ...areaType.keys()]);
    for (const area of areas) proc.areas.push({ id: area, type: areaType.get(area) ?? 'normal' });
  }

  /**
   * `[no] passive-interface default|IF`, applied in configuration order as IOS applies them: `passive-interface
   * default` makes every interface passive and `no passive-interface default` none, each replacing the per-interface
   * lines before it; a later per-interface line wins over the default (Cisco IOS XE IP Routing Configuration Guide,
   * "Default Passive Interfaces").
   */
  protected ospfPassive(info: OspfProcInfo, c: IosNode, a: Token[]): void {
    if (this.lw(a[0]) === 'default') {
      info.passiveDefault = c.negated ? undefined : c.range;
      info.passive.clear();
      return;
    }
    if (!a[0]) return this.missing(c, 'an interface name');
    const name = this.platform === 'ASA' ? a[0].text : normalizeInterfaceName(a.length > 1 && /^\d/.test(a[1].text) ? a[0].text + a[1].text : a[0].text);
    info.passive.set(name, { passive: !c.negated, range: c.range });
  }

  /**
   * OSPFv3 processes: IOS `ipv6 router ospf N` and IOS-XE `router ospfv3 N` (whose `address-family ipv6` block may
   * hold the passive-interface lines); router id, area types and passive interfaces. An interface naming a process
   * with no block gets one implicitly, as IOS creates it.
   */
  protected lowerOspf3Processes(): void {
    for (const node of this.root.children) {
      if (node.kind !== 'IosCommand' || node.negated) continue;
      // Every top-level line passes here: only `ipv6 …` and `router …` can open a process, so the others cost one
      // length check (no lower-casing or word array per line of a 30,000-line ACL; issue 16).
      const n0 = node.wordCount > 1 ? node.store.ends[node.wordFirst] - node.store.starts[node.wordFirst] : 0;
      if (n0 !== 4 && n0 !== 6) continue;
      const lw = (i: number) => node.wordText(i)?.toLowerCase() ?? '';
      const w0 = lw(0);
      const at = w0 === 'ipv6' && lw(1) === 'router' && lw(2) === 'ospf' ? 3 : w0 === 'router' && lw(1) === 'ospfv3' ? 2 : -1;
      const idTok = at > 0 ? node.word(at) : undefined;
      if (!idTok) continue;
      const info = this.ospf3Proc(idTok.text, node);
      const areaType = new Map<string, 'normal' | 'stub' | 'nssa'>();
      const body = (children: IosNode[]) => {
        for (const c of children) {
          if (c.kind !== 'IosCommand') continue;
          const words = c.words;
          const cw = words.map((t) => t.text.toLowerCase());
          const k = cw[0];
          const a = words.slice(1);
          if (k === 'address-family') {
            if (cw[1] === 'ipv6' && !c.negated) body(c.children);
          } else if (k === 'passive-interface') this.ospfPassive(info, c, a);
          else if (c.negated) continue;
          else if (k === 'router-id') {
            const v = this.address(a[0], c, 'a router id');
            if (v) info.proc.routerId = { value: v, range: a[0] };
          } else if (k === 'area' && a[0]) {
            const what = this.lw(a[1]);
            if (what === 'stub' || what === 'nssa') areaType.set(normalizeArea(a[0].text), what);
          }
        }
      };
      body(node.children);
      for (const [id, type] of areaType) info.proc.areas.push({ id, type });
    }
  }

  protected ospf3Proc(id: string, node: IosNode): OspfProcInfo {
    let info = this.ospf3Procs.find((p) => p.proc.id === id);
    if (!info) {
      info = { proc: { id, range: node.range, version: 3, areas: [], neighbors: [] }, node, networks: [], areaAuth: new Map(), passive: new Map() };
      this.ospf3Procs.push(info);
      this.device.ospf.push(info.proc);
    }
    return info;
  }

  /** IOS: `network ADDRESS WILDCARD area AREA`. ASA overrides (mask instead of wildcard). */
  protected ospfNetwork(info: OspfProcInfo, c: IosNode, a: Token[]): void {
    if (a.length < 4 || this.lw(a[2]) !== 'area') return this.missing(c, 'ADDRESS WILDCARD area AREA');
    const addr = this.address(a[0], c);
    if (!addr) return;
    const len = model.wildcardToLength(a[1].text);
    if (len === undefined) {
      if (model.parseIpv4(a[1].text) === undefined) this.error(a[1], 'syntax/invalid-mask', `'${a[1].text}' is not a wildcard mask`);
      return; // non-contiguous wildcards are legal but not modelled
    }
    const prefix = model.networkOf(addr, len)!;
    info.networks.push({ prefix, length: len, area: normalizeArea(a[3].text), range: c.range });
  }

  /**
   * IOS's network type when `ip ospf network` is absent, from the encapsulation: broadcast on Ethernet, non-broadcast
   * (NBMA) on Frame Relay/X.25/SMDS main interfaces and on multipoint sub-interfaces, point-to-point on point-to-point
   * sub-interfaces and on serial HDLC/PPP links (Cisco "Configuring OSPF", OSPF network types; Cisco OSPF Design
   * Guide, doc 7039, "OSPF over Non-Broadcast Networks"/sub-interfaces; Cisco doc 13693-22, OSPF over Frame Relay
   * sub-interfaces).
   */
  protected ospfTypeDefault(itf: model.Interface): { value: model.OspfNetworkType; why: string } {
    const ref = 'Cisco OSPF Design Guide (doc 7039) and "Configuring OSPF", network types';
    if (itf.kind === 'loopback') return { value: 'loopback', why: 'IOS default on loopback interfaces' };
    if (itf.kind === 'tunnel') return { value: 'point-to-point', why: 'IOS default on GRE/mGRE tunnel interfaces (interop-rules U-11, unconfirmed)' };
    if (this.platform === 'IOS') {
      if (itf.subinterfaceType === 'point-to-point') return { value: 'point-to-point', why: `IOS default on point-to-point sub-interfaces (${ref})` };
      if (itf.subinterfaceType === 'multipoint') return { value: 'non-broadcast', why: `IOS default on multipoint sub-interfaces: non-broadcast (NBMA) (${ref})` };
      const enc = itf.encapsulation?.value;
      if (enc === 'frame-relay') return { value: 'non-broadcast', why: `IOS default on Frame Relay interfaces: non-broadcast (NBMA) (${ref})` };
      if (enc === 'x25' || enc === 'smds') return { value: 'non-broadcast', why: `IOS default on ${enc === 'x25' ? 'X.25' : 'SMDS'} interfaces: non-broadcast (NBMA) (${ref})` };
      if (itf.name.startsWith('Serial')) return { value: 'point-to-point', why: `IOS default on serial interfaces with ${enc === 'ppp' ? 'PPP' : 'HDLC'} encapsulation (${ref})` };
    }
    if (itf.name.startsWith('Serial')) return { value: 'point-to-point', why: 'IOS default on serial (HDLC/PPP) interfaces' };
    return { value: 'broadcast', why: `${this.platform} default on Ethernet/LAN interfaces` };
  }

  protected ospfLine(setting: string, value: string | number): string {
    return `ip ospf ${setting} ${value}`;
  }

  protected buildOspfInterfaces(): void {
    this.inheritEncapsulation();
    if (this.platform === 'IOS') this.lowerOspf3Processes();
    for (let ii = 0; ii < this.interfaces.length; ii++) {
      const info = this.interfaces[ii];
      this.buildOspfInterface(info, info.ospf, 2);
      if (info.ospf3?.area) this.buildOspfInterface(info, info.ospf3, 3);
    }
  }

  /** The effective OSPFv2 (`o` = `info.ospf`) or OSPFv3 (`info.ospf3`) interface, when a process selects it. */
  protected buildOspfInterface(info: IfaceInfo, o: OspfIfSettings, version: 2 | 3): void {
    const itf = info.itf;
    if (version === 2 && !o.area && this.ospfProcs.length === 0) return; // no process can select it
    // The primary IPv4 address (a loop: no closure per interface).
    let primary: model.InterfaceAddress | undefined;
    for (let k = 0; k < itf.addresses.length && !primary; k++) {
      const a = itf.addresses[k];
      if (!a.secondary && a.address.includes('.')) primary = a;
    }
    let proc: OspfProcInfo | undefined;
    let area: model.Value<string> | undefined;
    let anchor: TextRange | undefined;
    if (version === 3) {
      // IOS creates the OSPFv3 process an interface names when it has no block of its own.
      proc = this.ospf3Proc(o.area!.process, info.node.children.find((c) => c.range.start === o.area!.range.start) ?? info.node);
      area = { value: o.area!.area, range: o.area!.range };
      anchor = o.area!.range;
    } else if (o.area) {
      proc = this.ospfProcs.find((p) => p.proc.id === o.area!.process);
      area = { value: o.area.area, range: o.area.range };
      anchor = o.area.range;
    } else if (primary) {
      for (const p of this.ospfProcs) {
        let best: OspfProcInfo['networks'][number] | undefined;
        for (const n of p.networks) if (model.prefixContains(n.prefix, primary.address) && (!best || n.length > best.length)) best = n;
        if (best) {
          proc = p;
          area = { value: best.area, range: best.range };
          anchor = best.range;
          break;
        }
      }
    }
    if (!proc || !area || !anchor) return;
    this.effectiveOspfInterface(info, o, version, proc, area, anchor, primary);
  }

  /**
   * The OSPF interface `buildOspfInterface` found a process for, with its Setters. Apart from the search because its
   * closures make a context on every call: most interfaces are selected by no process and never get here.
   */
  protected effectiveOspfInterface(info: IfaceInfo, o: OspfIfSettings, version: 2 | 3, proc: OspfProcInfo, area: model.Value<string>, anchor: TextRange, primary: model.InterfaceAddress | undefined): void {
    const itf = info.itf;
    const typeDefault = this.ospfTypeDefault(itf);
    const block = info.node;
    const networkType: model.Value<model.OspfNetworkType> = o.network
      ? { value: o.network.value, range: o.network.node.range }
      : { value: typeDefault.value, default: typeDefault.why };
    const slow = networkType.value === 'non-broadcast' || networkType.value === 'point-to-multipoint' || networkType.value === 'point-to-multipoint-non-broadcast';
    const hello: model.Value<number> = o.hello
      ? { value: o.hello.value, range: o.hello.node.range }
      : { value: slow ? 30 : 10, default: `${this.platform} default for network type ${networkType.value} (${slow ? '30/120' : '10/40'})` };
    const dead: model.Value<number> = o.dead
      ? { value: o.dead.value, range: o.dead.node.range }
      : o.hello
        ? { value: o.hello.value * 4, default: `${this.platform}: four times the configured hello-interval` }
        : { value: slow ? 120 : 40, default: `${this.platform} default for network type ${networkType.value} (${slow ? '30/120' : '10/40'})` };
    const priority: model.Value<number> = o.priority ? { value: o.priority.value, range: o.priority.node.range } : { value: 1, default: `${this.platform} default priority 1` };
    if (this.setters) {
      const v3 = o.v3Syntax;
      const line = v3 ? (setting: string, value: string | number) => `${v3} ${setting} ${value}` : undefined;
      const setter = (existing: IosNode | undefined, setting: string, value: string | number | undefined) => this.ospfSetter(block, existing, setting, value, line);
      networkType.set = (v) => setter(o.network?.node, 'network', ospfTypeKeyword(v));
      hello.set = (v) => setter(o.hello?.node, 'hello-interval', v);
      dead.set = (v) => setter(o.dead?.node, 'dead-interval', v);
      priority.set = (v) => setter(o.priority?.node, 'priority', v);
    }
    // Passive state: the last applicable `passive-interface` line (ospfPassive keeps only that).
    const pv = proc.passive.get(this.platform === 'ASA' ? itf.nameif ?? itf.name : itf.name);
    const passive: model.Value<boolean> = pv
      ? { value: pv.passive, range: pv.range }
      : proc.passiveDefault
        ? { value: true, range: proc.passiveDefault }
        : { value: false, default: 'interfaces are not passive unless `passive-interface` says so' };
    // Authentication: interface type beats the area type. OSPFv3 on IOS authenticates with IPsec, not modelled.
    const areaAuth = proc.areaAuth.get(area.value);
    let authType: model.OspfAuth['type'] = 'none';
    let authRange: TextRange | undefined;
    let authDefault: string | undefined = version === 3 ? 'no OSPFv3 authentication modelled (IOS OSPFv3 authenticates with IPsec)' : 'no OSPF authentication (default)';
    if (version === 2 && o.authType) {
      authType = o.authType.value;
      authRange = o.authType.node.range;
      authDefault = undefined;
    } else if (version === 2 && areaAuth) {
      authType = areaAuth.type;
      authRange = areaAuth.range;
      authDefault = undefined;
    }
    const auth: model.OspfAuth = { type: authType };
    if (authType === 'simple' && o.simpleKey) auth.key = o.simpleKey.secret;
    if (authType === 'keyed-md5' && o.md5Key) {
      auth.key = o.md5Key.secret;
      auth.keyId = o.md5Key.keyId;
      // Key rollover: IOS sends with every key and accepts any of them.
      if (o.md5Keys && o.md5Keys.length > 1) auth.keys = o.md5Keys.map((k) => ({ keyId: k.keyId, key: k.secret }));
    }
    const mtu = itf.mtu ?? (itf.kind === 'physical' && !itf.name.startsWith('Serial') ? { value: 1500, default: 'Ethernet default MTU 1500' } : undefined);
    // OSPFv3 pairs on the global IPv6 prefix; without one (link-local only, unnumbered) on the IPv4 subnet the link
    // also carries, else (tunnels) on the tunnel's two ends.
    const v6 = version === 3 ? info.ipv6?.[0] : undefined;
    const prefix = v6 ? v6.prefix : primary ? model.networkOf(primary.address, primary.prefixLength) : undefined;
    const address = v6 ? v6.address : primary?.address;
    const neighbors = version === 2 ? proc.proc.neighbors.filter((n) => prefix && model.prefixContains(prefix, n.value)) : [];
    const oi: model.OspfInterface = {
      processId: proc.proc.id,
      interfaceName: itf.name,
      range: anchor,
      prefix,
      address,
      area,
      areaType: proc.proc.areas.find((a) => a.id === area!.value)?.type ?? 'normal',
      networkType,
      hello,
      dead,
      priority,
      cost: o.cost ? { value: o.cost.value, range: o.cost.node.range } : undefined,
      passive,
      mtu,
      mtuIgnore: !!o.mtuIgnore,
      auth: authDefault ? { value: auth, default: authDefault } : { value: auth, range: authRange },
      version,
      isTunnel: itf.kind === 'tunnel',
      neighbors,
    };
    if (version === 2 && this.setters) {
      oi.setAuthKey = (k) => {
        const existing = auth.type === 'keyed-md5' ? o.md5Key : o.simpleKey ?? o.md5Key;
        if (existing) return [this.edit({ start: (existing.typeToken ?? existing.token).start, end: existing.token.end }, k)];
        return [this.insertInBlock(block, auth.type === 'keyed-md5' ? this.ospfLine('message-digest-key', `1 md5 ${k}`) : this.ospfLine('authentication-key', k))];
      };
    }
    this.device.ospfInterfaces.push(oi);
  }

  // ------------------------------------------------------------------ OSPF quick-fix setters

  /**
   * Setters for the area of an interface (`ip ospf P area A`, or the area of a `network` statement that selects
   * only this interface), its prefix length (`ip address A MASK`), the type of an area (`area A stub|nssa` under
   * `router ospf`) and the router id. IOS only for interface settings (ASA writes them differently).
   */
  protected attachOspfSetters(): void {
    if (!this.setters) return;
    for (const info of this.ospfProcs) {
      const rid = info.proc.routerId;
      const ridNode = info.node.children.find((c) => c.kind === 'IosCommand' && !c.negated && this.key(c) === 'router-id');
      if (rid) rid.set = (v) => (model.parseIpv4(v) === undefined ? undefined : this.setSub(info.node, ridNode, `router-id ${v}`));
      info.proc.setAreaType = (v) => this.ospfAreaTypeEdits(info, v.area, v.type);
    }
    if (this.platform !== 'IOS') return;
    for (const o of this.device.ospfInterfaces) {
      const info = this.ifaceByName.get(o.interfaceName);
      if (!info || o.version === 3) continue;
      o.area.set = (v) => this.ospfAreaEdits(info, o, v);
      const proc = this.ospfProcs.find((p) => p.proc.id === o.processId && p.proc.version === o.version);
      if (proc && o.version === 2) {
        // `neighbor A` under `router ospf`, after the process's other neighbor lines (IOS lists them last).
        o.addNeighbor = (address) => {
          const a = model.canonicalAddress(address);
          if (!a || a.includes(':')) return undefined;
          const last = [...proc.node.children].reverse().find((c) => c.kind === 'IosCommand' && !c.negated && this.key(c) === 'neighbor');
          return [last ? this.insertLineAfter(last, `neighbor ${a}`) : this.insertInBlock(proc.node, `neighbor ${a}`)];
        };
      }
      const primary = info.itf.addresses.find((a) => o.address !== undefined && a.address === o.address && !a.secondary);
      if (primary) {
        o.setPrefixLength = (len) => {
          if (!Number.isInteger(len) || len < 1 || len > 32) return undefined;
          const written = this.text.slice(primary.range.start, primary.range.end);
          return [this.edit(primary.range, written.includes('/') ? `${primary.address}/${len}` : `${primary.address} ${model.lengthToMask(len)}`)];
        };
      }
    }
  }

  /** The `router ospf` / interface line at `range` (lowering keeps ranges, not nodes, for these). */
  protected nodeAt(parent: IosNode, range: TextRange | undefined): IosNode | undefined {
    if (!range) return undefined;
    return parent.children.find((c) => c.kind === 'IosCommand' && c.range.start === range.start);
  }

  protected ospfAreaEdits(info: IfaceInfo, o: model.OspfInterface, value: string): model.Edit[] | undefined {
    const area = iosAreaText(value);
    if (area === undefined) return undefined;
    const own = this.nodeAt(info.node, info.ospf.area?.range);
    if (own) return [this.replaceLine(own, `ip ospf ${o.processId} area ${area}`)];
    const proc = this.ospfProcs.find((p) => p.proc.id === o.processId);
    const net = proc && this.nodeAt(proc.node, o.area.range);
    // A `network` statement that selects only this interface is rewritten; else the interface gets its own area.
    const shared = this.device.ospfInterfaces.some((x) => x !== o && x.area.range?.start === o.area.range?.start);
    const areaTok = net ? this.args(net)[3] : undefined;
    if (net && areaTok && !shared) return [this.edit(areaTok, area)];
    return [this.insertInBlock(info.node, `ip ospf ${o.processId} area ${area}`)];
  }

  protected ospfAreaTypeEdits(info: OspfProcInfo, areaId: string, type: 'normal' | 'stub' | 'nssa'): model.Edit[] | undefined {
    const area = iosAreaText(areaId);
    if (area === undefined) return undefined;
    const want = normalizeArea(area);
    const typeLines = info.node.children.filter((c) => {
      if (c.kind !== 'IosCommand' || c.negated || this.key(c) !== 'area') return false;
      const a = this.args(c);
      const what = this.lw(a[1]);
      return a[0] !== undefined && normalizeArea(a[0].text) === want && (what === 'stub' || what === 'nssa');
    });
    if (type === 'normal') return typeLines.length ? typeLines.map((c) => this.deleteLine(c)) : undefined;
    if (want === '0.0.0.0') return undefined; // the backbone cannot be stub or NSSA
    const line = `area ${area} ${type}`;
    if (typeLines.length) return [this.replaceLine(typeLines[0], line), ...typeLines.slice(1).map((c) => this.deleteLine(c))];
    // IOS lists `area …` lines before redistribution, passive interfaces, networks and neighbors.
    const LATER = new Set(['redistribute', 'passive-interface', 'network', 'neighbor', 'distribute-list', 'default-information']);
    const later = info.node.children.find((c) => c.kind === 'IosCommand' && LATER.has(this.lw(c.word(0)) === 'no' ? this.lw(c.word(1)) : this.lw(c.word(0))));
    return [later ? this.insertLineBefore(later, line) : this.insertInBlock(info.node, line)];
  }

  protected ospfSetter(block: IosNode, existing: IosNode | undefined, setting: string, value: string | number | undefined, line = (s: string, v: string | number) => this.ospfLine(s, v)): model.Edit[] | undefined {
    if (value === undefined) return undefined;
    return this.setSub(block, existing, line(setting, value));
  }
}
