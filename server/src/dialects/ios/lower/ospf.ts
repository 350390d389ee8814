// IOS/ASA lowering, OSPF: `router ospf` processes, `ip ospf` interface commands, network-type defaults, the
// effective per-interface OspfInterfaces, and the OSPF quick-fix setters.

import * as model from '../../../model';
import type { TextRange, Token } from '../../../syntax';
import { expandKeyword, normalizeInterfaceName } from '../catalog';
import type { IosNode } from '../parser';
import { normalizeArea, iosAreaText, ospfTypeKeyword } from './tables';
import type { IfaceInfo, OspfProcInfo } from './core';
import { IosInterfaceLowering } from './interfaces';

export abstract class IosOspfLowering extends IosInterfaceLowering {
  // ------------------------------------------------------------------ OSPF interface commands

  protected ospfInterfaceCommand(info: IfaceInfo, c: IosNode, at: number): void {
    const w = c.words;
    const sub = this.lw(w[at]);
    const o = info.ospf;
    const rest = w.slice(at + 1);
    switch (sub) {
      case 'network': {
        const m = rest.map((x) => x.text.toLowerCase()).join(' ');
        const map: Record<string, model.OspfNetworkType> = {
          broadcast: 'broadcast',
          'non-broadcast': 'non-broadcast',
          'point-to-point': 'point-to-point',
          'point-to-multipoint': 'point-to-multipoint',
          'point-to-multipoint non-broadcast': 'point-to-multipoint-non-broadcast',
          'point-to-point non-broadcast': 'non-broadcast',
        };
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
        if (id !== undefined && !o.md5Key) o.md5Key = { secret: this.secretFrom(typeTok, keyTok), keyId: id, token: keyTok, typeToken: typeTok };
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
        if (this.lw(a[0]) === 'default') {
          if (!c.negated) info.passiveDefault = c.range;
          continue;
        }
        if (!a[0]) {
          this.missing(c, 'an interface name');
          continue;
        }
        const name = this.platform === 'ASA' ? a[0].text : normalizeInterfaceName(a.length > 1 && /^\d/.test(a[1].text) ? a[0].text + a[1].text : a[0].text);
        info.passive.set(name, { passive: !c.negated, range: c.range });
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

  protected ospfTypeDefault(itf: model.Interface): { value: model.OspfNetworkType; why: string } {
    if (itf.kind === 'loopback') return { value: 'loopback', why: 'IOS default on loopback interfaces' };
    if (itf.kind === 'tunnel') return { value: 'point-to-point', why: 'IOS default on GRE/mGRE tunnel interfaces (interop-rules U-11, unconfirmed)' };
    if (itf.name.startsWith('Serial')) return { value: 'point-to-point', why: 'IOS default on serial (HDLC/PPP) interfaces' };
    return { value: 'broadcast', why: `${this.platform} default on Ethernet/LAN interfaces` };
  }

  protected ospfLine(setting: string, value: string | number): string {
    return `ip ospf ${setting} ${value}`;
  }

  protected buildOspfInterfaces(): void {
    for (const info of this.interfaces) {
      const itf = info.itf;
      const primary = itf.addresses.find((a) => !a.secondary && a.address.includes('.'));
      const o = info.ospf;
      let proc: OspfProcInfo | undefined;
      let area: model.Value<string> | undefined;
      let anchor: TextRange | undefined;
      if (o.area) {
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
      if (!proc || !area || !anchor) continue;
      const typeDefault = this.ospfTypeDefault(itf);
      const block = info.node;
      const networkType: model.Value<model.OspfNetworkType> = o.network
        ? { value: o.network.value, range: o.network.node.range }
        : { value: typeDefault.value, default: typeDefault.why };
      networkType.set = (v) => this.ospfSetter(block, o.network?.node, 'network', ospfTypeKeyword(v));
      const slow = networkType.value === 'non-broadcast' || networkType.value === 'point-to-multipoint' || networkType.value === 'point-to-multipoint-non-broadcast';
      const hello: model.Value<number> = o.hello
        ? { value: o.hello.value, range: o.hello.node.range }
        : { value: slow ? 30 : 10, default: `${this.platform} default for network type ${networkType.value} (${slow ? '30/120' : '10/40'})` };
      hello.set = (v) => this.ospfSetter(block, o.hello?.node, 'hello-interval', v);
      const dead: model.Value<number> = o.dead
        ? { value: o.dead.value, range: o.dead.node.range }
        : o.hello
          ? { value: o.hello.value * 4, default: `${this.platform}: four times the configured hello-interval` }
          : { value: slow ? 120 : 40, default: `${this.platform} default for network type ${networkType.value} (${slow ? '30/120' : '10/40'})` };
      dead.set = (v) => this.ospfSetter(block, o.dead?.node, 'dead-interval', v);
      const priority: model.Value<number> = o.priority ? { value: o.priority.value, range: o.priority.node.range } : { value: 1, default: `${this.platform} default priority 1` };
      priority.set = (v) => this.ospfSetter(block, o.priority?.node, 'priority', v);
      // Passive state.
      const pv = proc.passive.get(this.platform === 'ASA' ? itf.nameif ?? itf.name : itf.name);
      const passive: model.Value<boolean> = pv
        ? { value: pv.passive, range: pv.range }
        : proc.passiveDefault
          ? { value: true, range: proc.passiveDefault }
          : { value: false, default: 'interfaces are not passive unless `passive-interface` says so' };
      // Authentication: interface type beats the area type.
      const areaAuth = proc.areaAuth.get(area.value);
      let authType: model.OspfAuth['type'] = 'none';
      let authRange: TextRange | undefined;
      let authDefault: string | undefined = 'no OSPF authentication (default)';
      if (o.authType) {
        authType = o.authType.value;
        authRange = o.authType.node.range;
        authDefault = undefined;
      } else if (areaAuth) {
        authType = areaAuth.type;
        authRange = areaAuth.range;
        authDefault = undefined;
      }
      const auth: model.OspfAuth = { type: authType };
      if (authType === 'simple' && o.simpleKey) auth.key = o.simpleKey.secret;
      if (authType === 'keyed-md5' && o.md5Key) {
        auth.key = o.md5Key.secret;
        auth.keyId = o.md5Key.keyId;
      }
      const mtu = itf.mtu ?? (itf.kind === 'physical' && !itf.name.startsWith('Serial') ? { value: 1500, default: 'Ethernet default MTU 1500' } : undefined);
      const prefix = primary ? model.networkOf(primary.address, primary.prefixLength) : undefined;
      const neighbors = proc.proc.neighbors.filter((n) => prefix && model.prefixContains(prefix, n.value));
      const oi: model.OspfInterface = {
        processId: proc.proc.id,
        interfaceName: itf.name,
        range: anchor,
        prefix,
        address: primary?.address,
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
        version: 2,
        isTunnel: itf.kind === 'tunnel',
        neighbors,
        setAuthKey: (k) => {
          const existing = auth.type === 'keyed-md5' ? o.md5Key : o.simpleKey ?? o.md5Key;
          if (existing) return [this.edit({ start: (existing.typeToken ?? existing.token).start, end: existing.token.end }, k)];
          return [this.insertInBlock(block, auth.type === 'keyed-md5' ? this.ospfLine('message-digest-key', `1 md5 ${k}`) : this.ospfLine('authentication-key', k))];
        },
      };
      this.device.ospfInterfaces.push(oi);
    }
  }

  // ------------------------------------------------------------------ OSPF quick-fix setters

  /**
   * Setters for the area of an interface (`ip ospf P area A`, or the area of a `network` statement that selects
   * only this interface), its prefix length (`ip address A MASK`), the type of an area (`area A stub|nssa` under
   * `router ospf`) and the router id. IOS only for interface settings (ASA writes them differently).
   */
  protected attachOspfSetters(): void {
    for (const info of this.ospfProcs) {
      const rid = info.proc.routerId;
      const ridNode = info.node.children.find((c) => c.kind === 'IosCommand' && !c.negated && this.key(c) === 'router-id');
      if (rid) rid.set = (v) => (model.parseIpv4(v) === undefined ? undefined : this.setSub(info.node, ridNode, `router-id ${v}`));
      info.proc.setAreaType = (v) => this.ospfAreaTypeEdits(info, v.area, v.type);
    }
    if (this.platform !== 'IOS') return;
    for (const o of this.device.ospfInterfaces) {
      const info = this.ifaceByName.get(o.interfaceName);
      if (!info) continue;
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
    const later = info.node.children.find((c) => c.kind === 'IosCommand' && LATER.has(this.lw(c.words[0]) === 'no' ? this.lw(c.words[1]) : this.lw(c.words[0])));
    return [later ? this.insertLineBefore(later, line) : this.insertInBlock(info.node, line)];
  }

  protected ospfSetter(block: IosNode, existing: IosNode | undefined, setting: string, value: string | number | undefined): model.Edit[] | undefined {
    if (value === undefined) return undefined;
    return this.setSub(block, existing, this.ospfLine(setting, value));
  }
}
