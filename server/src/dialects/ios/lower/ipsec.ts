// IOS/ASA lowering, IPsec: transform sets, ipsec profiles, crypto maps and dynamic maps, `set` commands, the
// peers built from map entries and tunnel protection, phase-2/PFS/lifetime values and setters, and the IPsec
// quick-fix setters (IosIpsecFixSetters) attached to the finished peers.

import * as model from '../../../model';
import type { TextRange, Token } from '../../../syntax';
import { expandKeyword, normalizeInterfaceName } from '../catalog';
import type { IosNode } from '../parser';
import { ESP_ENC, ESP_INTEG, AH_INTEG, iosTransforms, looksNumericAddress, aclAddressText, aclSpecLength } from './tables';
import type { MapEntry, Phase1Info, IfaceInfo, IpsecProfileInfo } from './core';
import { IosIkeLowering } from './ike';

export abstract class IosIpsecLowering extends IosIkeLowering {
  // ------------------------------------------------------------------ IPsec phase 2

  /** Parses transform keywords (`esp-aes 256 esp-sha-hmac`) into a proposal; reports unknown ones. */
  protected parseTransforms(toks: Token[], node: IosNode, label: string, style: 'ios' | 'asa'): model.Phase2Proposal | undefined {
    const enc: string[] = [];
    const integ: string[] = [];
    let protocol: 'esp' | 'ah' = 'esp';
    let sawEsp = false;
    for (let i = 0; i < toks.length; i++) {
      const w = toks[i].text.toLowerCase();
      if (style === 'asa' && /^esp-(aes|gcm)-(128|192|256)$/.test(w)) {
        const [, alg, size] = /^esp-(aes|gcm)-(\d+)$/.exec(w)!;
        enc.push(`aes-${alg === 'aes' ? 'cbc' : 'gcm'}-${size}`);
        sawEsp = true;
        continue;
      }
      if (ESP_ENC[w]) {
        let v = ESP_ENC[w];
        const next = toks[i + 1]?.text;
        if ((w === 'esp-aes' || w === 'esp-gcm' || w === 'esp-gmac') && (next === '128' || next === '192' || next === '256')) {
          v = v.replace('128', next);
          i++;
        }
        enc.push(v);
        sawEsp = true;
      } else if (ESP_INTEG[w]) {
        integ.push(ESP_INTEG[w]);
        sawEsp = true;
      } else if (AH_INTEG[w]) {
        if (!sawEsp) protocol = 'ah';
        if (!sawEsp) integ.push(AH_INTEG[w]);
      } else if (w.startsWith('comp-')) {
        // compression transforms do not take part in matching
      } else {
        this.error(toks[i], 'syntax/invalid-value', `'${toks[i].text}' is not an IPsec transform`);
        return undefined;
      }
    }
    if (!toks.length) {
      this.missing(node, 'at least one transform');
      return undefined;
    }
    return {
      label,
      range: node.range,
      protocol: { value: protocol, range: node.range },
      encryption: { value: enc.length ? enc : protocol === 'ah' ? [] : ['null'], range: node.range },
      integrity: { value: integ.length ? integ : ['none'], range: node.range },
      mode: { value: 'tunnel', default: `${this.platform} default \`mode tunnel\`` },
    };
  }

  protected lowerTransformSet(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a transform-set name');
    this.define('transform-set', name.text, name, node.range);
    const toks = this.args(node).slice(1);
    const p = this.parseTransforms(toks, node, `crypto ipsec transform-set ${name.text}`, 'ios');
    if (!p) return;
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || c.path[0] !== 'mode') continue;
      const m = expandKeyword(this.arg(c, 0)?.text, ['tunnel', 'transport']);
      if (!m) {
        const t = this.arg(c, 0);
        if (t) this.error(t, 'syntax/invalid-value', `'${t.text}' is not an IPsec mode (tunnel, transport)`);
        else this.missing(c, '`tunnel` or `transport`');
        continue;
      }
      p.mode = { value: m as 'tunnel' | 'transport', range: c.range };
      if (this.setters) p.mode.set = (v) => [this.replaceLine(c, `mode ${v}`)];
    }
    if (!p.mode.range && this.setters) p.mode.set = (v) => [this.insertInBlock(node, `mode ${v}`)];
    this.transformSets.set(name.text, { proposal: p, node, transforms: toks });
  }

  /** `set transform-set`, `set pfs`, `set security-association lifetime`, `match address`, … of a map entry or profile. */
  protected collectSetCommands(block: IosNode, target: Pick<MapEntry, 'transformSets' | 'pfs' | 'lifetime'> & Partial<MapEntry>, children: IosNode[]): void {
    for (const c of children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const k = this.key(c);
      const a = this.args(c);
      switch (k) {
        case 'set peer': {
          if (!a[0]) {
            this.missing(c, 'a peer address');
            break;
          }
          const addr = looksNumericAddress(a[0].text) ? this.address(a[0], c) : (model.canonicalAddress(a[0].text) ?? a[0].text);
          const tok = a[0];
          if (addr && target.peers) target.peers.push(this.setters ? { value: addr, range: tok, set: (v) => [this.edit(tok, v)] } : { value: addr, range: tok });
          break;
        }
        case 'set transform-set':
          if (!a.length) this.missing(c, 'a transform-set name');
          for (const t of a) {
            target.transformSets.push({ name: t.text, range: t, node: c, tokens: a });
            this.ref('transform-set', t);
          }
          break;
        case 'set pfs': {
          const g = this.lw(a[0]);
          const m = /^group(\d+)$/.exec(g);
          if (!a[0]) target.pfs = { value: 'modp768', node: c, range: c.range };
          else if (m && model.DH_GROUPS[m[1]]) target.pfs = { value: model.DH_GROUPS[m[1]], node: c, range: c.range };
          else this.error(a[0], 'syntax/invalid-value', `'${a[0].text}' is not a PFS group (group1, group2, group5, group14, …)`);
          break;
        }
        case 'set security-association lifetime': {
          if (this.lw(a[0]) === 'seconds') {
            const v = this.int(a[1], c, 120, 86400 * 7, 'lifetime in seconds');
            if (v !== undefined) target.lifetime = { value: v, range: c.range };
          }
          break;
        }
        case 'match address':
          if (!a[0]) this.missing(c, 'an ACL name');
          else {
            target.acl = { name: a[0].text, range: a[0] };
            this.ref('acl', a[0], undefined, true);
          }
          break;
        case 'set isakmp-profile':
          if (a[0]) {
            target.isakmpProfile = a[0].text;
            this.ref('isakmp-profile', a[0]);
          }
          break;
        case 'set ikev2-profile':
          if (a[0]) {
            target.ikev2Profile = a[0].text;
            this.ref('ikev2-profile', a[0]);
          }
          break;
        default:
          break;
      }
    }
    void block;
  }

  protected lowerIpsecProfile(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a profile name');
    this.define('ipsec-profile', name.text, name, node.range);
    const prof: { transformSets: MapEntry['transformSets']; pfs?: MapEntry['pfs']; lifetime?: MapEntry['lifetime']; ikev2Profile?: string; isakmpProfile?: string } = { transformSets: [] };
    this.collectSetCommands(node, prof, node.children);
    this.ipsecProfiles.set(name.text, { node, ...prof });
  }

  protected lowerCryptoMap(node: IosNode, dynamic: boolean): void {
    // `crypto map ipv6 NAME SEQ …`: an IPv6 map entry (applied with `ipv6 crypto map NAME`).
    const ipv6 = !dynamic && this.lw(this.arg(node, 0)) === 'ipv6' && this.args(node).length > 2;
    const a = ipv6 ? this.args(node).slice(1) : this.args(node);
    const name = a[0];
    if (!name) return this.missing(node, 'a crypto map name');
    const second = this.lw(a[1]);
    if (!dynamic && second === 'local-address') {
      if (a[2]) this.mapLocalAddress.set(name.text, normalizeInterfaceName(a[2].text));
      this.defTokens.add(name.start);
      return;
    }
    if (!/^\d+$/.test(a[1]?.text ?? '')) {
      if (a[1] && ['client', 'isakmp', 'gdoi', 'redundancy', 'isakmp-profile', 'interface'].includes(second)) return;
      if (!a[1]) return this.missing(node, 'a sequence number');
      return this.error(a[1], 'syntax/invalid-value', `'${a[1].text}' is not a crypto map sequence number`);
    }
    const seq = Number(a[1].text);
    const entry: MapEntry = {
      name: name.text,
      seq,
      dynamic,
      node,
      lastNode: node,
      nameToken: name,
      peers: [],
      transformSets: [],
      ikev2Proposals: [],
      ranges: [node.range],
      ...(ipv6 ? { ipv6 } : {}),
    };
    this.define(dynamic ? 'dynamic-map' : 'crypto-map', name.text, name, node.range);
    if (!dynamic) {
      const kind = this.lw(a[2]);
      if (kind === 'ipsec-isakmp' && this.lw(a[3]) === 'dynamic') {
        if (!a[4]) this.missing(node, 'a dynamic map name');
        else {
          entry.dynamicMap = a[4].text;
          this.ref('dynamic-map', a[4]);
        }
      } else if (kind === 'ipsec-manual' || kind === 'gdoi') return;
    }
    this.collectSetCommands(node, entry, node.children);
    this.mapEntries.push(entry);
  }

  // ------------------------------------------------------------------ peers

  protected phase2Of(sets: MapEntry['transformSets']): model.Phase2Proposal[] {
    const res: model.Phase2Proposal[] = [];
    for (const s of sets) {
      const ts = this.transformSets.get(s.name);
      if (ts) res.push(ts.proposal);
    }
    return res;
  }

  protected phase2Setter(sets: MapEntry['transformSets']): model.IpsecPeer['setPhase2'] {
    const ts = sets.map((s) => this.transformSets.get(s.name)).find((x) => x);
    if (!ts || !ts.transforms.length) return undefined;
    return (v) => {
      const text = this.renderTransforms(v.encryption, v.integrity);
      if (!text) return undefined;
      return [this.edit({ start: ts.transforms[0].start, end: ts.transforms[ts.transforms.length - 1].end }, text)];
    };
  }

  protected renderTransforms(enc: string, integ: string): string | undefined {
    return iosTransforms(enc, integ);
  }

  protected pfsValue(pfs: MapEntry['pfs']): model.Value<string> {
    return pfs ? { value: pfs.value, range: pfs.range } : { value: 'none', default: `${this.platform}: no PFS requested unless \`set pfs\`` };
  }

  protected pfsSetter(block: IosNode, pfs: MapEntry['pfs']): model.Setter<string> {
    return (v) => {
      if (v === 'none') return pfs ? [this.deleteLine(pfs.node)] : [];
      const n = model.DH_NUMBERS[v];
      if (!n) return undefined;
      return this.setSub(block, pfs?.node, `set pfs group${n}`);
    };
  }

  protected lifetimeValue(l: MapEntry['lifetime']): model.Value<number> {
    if (l) return { value: l.value, range: l.range };
    if (this.globalP2Lifetime) return { value: this.globalP2Lifetime.value, range: this.globalP2Lifetime.range };
    return { value: 3600, default: `${this.platform} default phase-2 lifetime 3600 s` };
  }

  protected addPskSetter(remote: string): model.Setter<string> {
    return (k) => {
      const anchor = this.lastKeyNode() ?? this.globalInsertPoint();
      const line = `crypto isakmp key ${k} address ${remote}`;
      if (!anchor) return [this.edit({ start: this.text.length, end: this.text.length }, `${this.text.length && !this.text.endsWith('\n') ? this.eol : ''}${line}${this.eol}`)];
      return [this.insertAfter(anchor, [line])];
    };
  }

  protected lastKeyNode(): IosNode | undefined {
    let last: IosNode | undefined;
    for (const c of this.root.children) {
      const k = this.key(c);
      if (k === 'crypto isakmp key' || k === 'crypto isakmp policy') last = c;
    }
    return last;
  }

  protected buildPeers(): void {
    // Which interface each crypto map is applied to.
    const mapIf = new Map<string, IfaceInfo>();
    for (let ii = 0; ii < this.interfaces.length; ii++) {
      const info = this.interfaces[ii];
      if (info.itf.cryptoMap && !mapIf.has(info.itf.cryptoMap.value)) mapIf.set(info.itf.cryptoMap.value, info);
    }
    const map6If = new Map<string, IfaceInfo>();
    for (let ii = 0; ii < this.interfaces.length; ii++) {
      const info = this.interfaces[ii];
      if (info.ipv6CryptoMap && !map6If.has(info.ipv6CryptoMap.value)) map6If.set(info.ipv6CryptoMap.value, info);
    }
    const dynUsers = new Map<string, MapEntry>();
    for (const e of this.mapEntries) if (!e.dynamic && e.dynamicMap) dynUsers.set(e.dynamicMap, e);

    for (const e of this.mapEntries) {
      if (!e.dynamic && e.dynamicMap) continue; // the dynamic map's own entries become peers
      const parent = e.dynamic ? dynUsers.get(e.name) : e;
      const ifName = this.mapLocalAddress.get(parent?.name ?? e.name);
      const itfInfo = ifName ? this.ifaceByName.get(ifName) : parent ? (parent.ipv6 ? map6If : mapIf).get(parent.name) : undefined;
      const localAddr = itfInfo ? (parent?.ipv6 ? this.interfaceIpv6Address(itfInfo.itf.name) : this.interfaceAddress4(itfInfo.itf.name)) : undefined;
      const ikeVersion: 1 | 2 = e.ikev2Profile || (e.ikev2Proposals.length && !e.transformSets.length) ? 2 : 1;
      const remote = e.dynamic ? undefined : e.peers[0];
      const keyring = e.isakmpProfile ? this.isakmpProfiles.get(e.isakmpProfile)?.keyring : undefined;
      // `set ikev2-profile`: the profile's keyring and inline keys, the IKEv2 policy's proposals (IOS only).
      const v2 = ikeVersion === 2 && e.ikev2Profile !== undefined ? e.ikev2Profile : undefined;
      const psk = v2 !== undefined ? this.ikev2KeyFor(remote?.value, v2) : this.selectKeyFor(remote?.value, e, ikeVersion, keyring);
      const peer: model.IpsecPeer = {
        id: `${e.dynamic ? 'dyn' : 'map'}:${e.name}:${e.seq}`,
        label: `${e.dynamic ? 'crypto dynamic-map' : 'crypto map'} ${e.name} ${e.seq}`,
        range: e.ranges.length > 1 ? { start: e.ranges[0].start, end: e.ranges[e.ranges.length - 1].end } : e.node.range,
        remote,
        ...(remote ? {} : { remoteAny: '0.0.0.0/0' }),
        local: localAddr ? { value: localAddr, range: itfInfo!.itf.nameRange } : undefined,
        localInterface: itfInfo?.itf.name,
        role: e.dynamic ? 'responder' : 'both',
        kind: e.dynamic ? 'dynamic-map' : 'crypto-map',
        ikeVersion: ikeVersion === 2 ? { value: 2, range: e.node.range } : { value: 1, default: `${this.platform}: IKEv1 unless the entry uses an IKEv2 profile/proposal` },
        exchangeMode: this.exchangeMode(e),
        phase1: v2 !== undefined ? this.ikev2Phase1(localAddr, v2) : this.phase1List(ikeVersion),
        psk,
        phase2: this.phase2ForEntry(e),
        pfs: this.setters ? { ...this.pfsValue(e.pfs), set: this.entryPfsSetter(e) } : this.pfsValue(e.pfs),
        phase2Lifetime: this.lifetimeValue(e.lifetime),
        selectors: e.acl ? this.selectorsOf(e.acl.name) : [],
      };
      if (this.setters) {
        peer.setPhase1 = this.phase1SetterFor(ikeVersion);
        peer.setPhase2 = this.phase2SetterForEntry(e);
        peer.setPfs = this.entryPfsSetter(e);
      }
      if (v2 !== undefined && !remote) peer.keys = this.ikev2Candidates(v2);
      // The Setter writes an IKEv1 key (`crypto isakmp key`), which an IKEv2 profile does not read.
      if (this.setters && remote && !psk && looksNumericAddress(remote.value) && v2 === undefined) peer.addPsk = this.addPskFor(remote.value, e);
      if (this.setters) peer.pfs.set = peer.setPfs;
      this.device.ipsecPeers.push(peer);
    }
    this.buildTunnelPeers();
  }

  protected exchangeMode(e: MapEntry): model.Value<'main' | 'aggressive'> {
    void e;
    return { value: 'main', default: `${this.platform}: main mode for address-keyed pre-shared keys` };
  }
  protected selectKeyFor(remote: string | undefined, e: MapEntry | undefined, ikeVersion: 1 | 2, keyring?: string): model.PresharedKey | undefined {
    void e;
    return this.selectKey(remote, { keyring, ikev2: ikeVersion === 2 });
  }
  protected phase2ForEntry(e: MapEntry): model.Phase2Proposal[] {
    return this.phase2Of(e.transformSets);
  }
  protected phase2SetterForEntry(e: MapEntry): model.IpsecPeer['setPhase2'] {
    return this.phase2Setter(e.transformSets);
  }
  protected entryPfsSetter(e: MapEntry): model.Setter<string> {
    return this.pfsSetter(e.node, e.pfs);
  }
  protected phase1SetterFor(v: 1 | 2): model.IpsecPeer['setPhase1'] {
    return v === 1 ? this.phase1Setter() : undefined;
  }
  /** The Setter that adds a key for `remote` (IOS: `crypto isakmp key`, which IKEv1 reads; callers skip IKEv2 profiles). */
  protected addPskFor(remote: string, e: MapEntry | undefined, ikeVersion: 1 | 2 = 1): model.Setter<string> {
    void e;
    void ikeVersion;
    return this.addPskSetter(remote);
  }

  // Tunnel protection, per platform (the ASA overrides these for its VTIs).

  /** The IKE version a protected tunnel speaks: IKEv2 when its IPsec profile sets an IKEv2 profile. */
  protected tunnelIkeVersion(prof: IpsecProfileInfo | undefined): 1 | 2 {
    return prof?.ikev2Profile ? 2 : 1;
  }
  protected tunnelIkeVersionDefault(): string {
    return 'IOS: IKEv1 unless the IPsec profile sets an IKEv2 profile';
  }
  /** The key a protected tunnel uses for `remote` when no IKEv2 profile names its keyring. */
  protected tunnelKey(remote: string | undefined, ikeVersion: 1 | 2, keyring: string | undefined): model.PresharedKey | undefined {
    void ikeVersion;
    return this.selectKey(remote, { keyring, ikev2: false });
  }
  protected tunnelPhase2(prof: IpsecProfileInfo): model.Phase2Proposal[] {
    return this.phase2Of(prof.transformSets);
  }
  protected tunnelPhase2Setter(prof: IpsecProfileInfo): model.IpsecPeer['setPhase2'] {
    return this.phase2Setter(prof.transformSets);
  }

  /** One peer per IPsec-protected GRE tunnel (and per NHRP NBMA address on multipoint spokes). */
  protected buildTunnelPeers(): void {
    for (let ii = 0; ii < this.interfaces.length; ii++) {
      const info = this.interfaces[ii];
      const t = info.itf.tunnel;
      if (t && t.protection) this.buildTunnelPeer(info, t);
    }
  }

  /** The peers of one protected tunnel (apart from the loop: its closures make a context per call). */
  protected buildTunnelPeer(info: IfaceInfo, t: model.Tunnel): void {
    const prof = this.ipsecProfiles.get(t.protection!.value);
    const local = t.source?.value;
    const remotes: model.Value<string>[] = [];
    if (t.mode.value !== 'mgre' && t.destination) remotes.push(t.destination);
    else if (t.mode.value === 'mgre') {
      const seen = new Set<string>();
      for (const m of t.nhrp?.maps ?? []) if (!seen.has(m.nbma)) {
        seen.add(m.nbma);
        remotes.push({ value: m.nbma, range: m.range });
      }
    }
    const ikeVersion = this.tunnelIkeVersion(prof);
    const keyring = prof?.isakmpProfile ? this.isakmpProfiles.get(prof.isakmpProfile)?.keyring : undefined;
    const make = (remote: model.Value<string> | undefined, idx: number): model.IpsecPeer => {
      const v2 = ikeVersion === 2 ? prof?.ikev2Profile : undefined;
      const psk = v2 !== undefined ? this.ikev2KeyFor(remote?.value, v2) : this.tunnelKey(remote?.value, ikeVersion, keyring);
      const peer: model.IpsecPeer = {
        id: `tunnel:${info.itf.name}${idx ? `:${idx}` : ''}`,
        label: `interface ${info.itf.name} (tunnel protection ipsec profile ${t.protection!.value})`,
        range: t.protection!.range ?? info.node.range,
        remote,
        ...(remote ? {} : { remoteAny: '0.0.0.0/0' }),
        local: local ? { value: local, range: t.source!.range } : undefined,
        localInterface: t.sourceInterface,
        role: remote ? 'both' : 'responder',
        kind: 'tunnel-protection',
        ikeVersion: ikeVersion === 2 ? { value: 2, range: t.protection!.range } : { value: 1, default: this.tunnelIkeVersionDefault() },
        exchangeMode: { value: 'main', default: 'IOS: main mode for address-keyed pre-shared keys' },
        phase1: v2 !== undefined ? this.ikev2Phase1(local, v2) : this.phase1List(ikeVersion),
        psk,
        phase2: prof ? this.tunnelPhase2(prof) : [],
        pfs: this.setters && prof ? { ...this.pfsValue(prof.pfs), set: this.pfsSetter(prof.node, prof.pfs) } : this.pfsValue(prof?.pfs),
        phase2Lifetime: this.lifetimeValue(prof?.lifetime),
        selectors: this.tunnelSelectors(t, local, remote, t.protection!.range ?? info.node.range),
      };
      if (this.setters) {
        peer.setPhase1 = this.phase1SetterFor(ikeVersion);
        peer.setPhase2 = prof ? this.tunnelPhase2Setter(prof) : undefined;
        peer.setPfs = prof ? this.pfsSetter(prof.node, prof.pfs) : undefined;
      }
      if (v2 !== undefined && !remote) peer.keys = this.ikev2Candidates(v2);
      if (this.setters && remote && !psk && looksNumericAddress(remote.value) && v2 === undefined) peer.addPsk = this.addPskFor(remote.value, undefined, ikeVersion);
      return peer;
    };
    if (remotes.length === 0) this.device.ipsecPeers.push(make(undefined, 0));
    else remotes.forEach((r, i) => this.device.ipsecPeers.push(make(r, i)));
  }

  // ------------------------------------------------------------------ IPsec quick-fix setters

  /**
   * What a protected tunnel negotiates as its traffic selectors: a VTI (`tunnel mode ipsec ipv4|ipv6`) proposes any ↔ any
   * (Cisco "IPsec Virtual Tunnel Interfaces": static VTI proxy identities are 0.0.0.0/0 ↔ 0.0.0.0/0), GRE over IPsec
   * the GRE packets between the two tunnel endpoints.
   */
  protected tunnelSelectors(t: model.Tunnel, local: string | undefined, remote: model.Value<string> | undefined, range: TextRange): model.Selector[] {
    if (t.mode.value === 'ipsec') {
      const any = (remote?.value ?? local ?? '').includes(':') ? '::/0' : '0.0.0.0/0';
      return [{ local: any, remote: any, protocol: 'ip', range }];
    }
    if (!local || !remote || !looksNumericAddress(remote.value)) return [];
    return [{ local: `${local}/32`, remote: `${remote.value}/32`, protocol: 'gre', range }];
  }

  /** Lifetime and selector Setters of the built peers (see IosIpsecFixSetters below). */
  protected attachIpsecFixSetters(): void {
    if (!this.setters) return;
    try {
      this.attachIpsecFixSettersUnguarded();
    } catch {
      // Quick-fix Setters are optional: a bug here must not lose the lowered device.
    }
  }

  private attachIpsecFixSettersUnguarded(): void {
    const fx = new IosIpsecFixSetters(
      { platform: this.platform, text: this.text, mapEntries: this.mapEntries, phase1: this.phase1, interfaces: this.interfaces, ipsecProfiles: this.ipsecProfiles, root: this.root },
      (r, t) => this.edit(r, t),
      (b, e, l) => this.setSub(b, e, l),
      (n, l) => this.insertAfter(n, l),
      (n, l) => this.replaceLine(n, l),
    );
    fx.guardPhase1();
    const entries = new Map<string, MapEntry>();
    for (const e of this.mapEntries) entries.set(`${e.dynamic ? 'dyn' : 'map'}:${e.name}:${e.seq}`, e);
    const tunnels = new Map<string, string>();
    for (let ii = 0; ii < this.interfaces.length; ii++) {
      const info = this.interfaces[ii];
      if (info.itf.tunnel?.protection) tunnels.set(info.itf.name, info.itf.tunnel.protection.value);
    }
    const selector = fx.selector();
    for (const peer of this.device.ipsecPeers) {
      const entry = entries.get(peer.id);
      if (entry) {
        if (peer.phase2Lifetime) peer.phase2Lifetime.set = fx.entryLifetime(entry);
        if (entry.acl && peer.selectors.length) peer.setSelector = selector;
        continue;
      }
      const m = /^tunnel:(.+?)(?::\d+)?$/.exec(peer.id);
      const prof = m ? tunnels.get(m[1]) : undefined;
      if (prof && peer.phase2Lifetime) peer.phase2Lifetime.set = fx.profileLifetime(prof);
    }
  }
}

// ------------------------------------------------------------------ IPsec quick-fix setters (lifetimes, selectors)
// Kept apart from the lowering above: attached to the finished peers, so the peers' construction stays untouched.

export interface IpsecFixHost {
  readonly platform: 'IOS' | 'ASA';
  readonly text: string;
  mapEntries: MapEntry[];
  phase1: Phase1Info[];
  interfaces: IfaceInfo[];
  ipsecProfiles: Map<string, { node: IosNode; lifetime?: MapEntry['lifetime'] }>;
  root: IosNode;
}

export class IosIpsecFixSetters {
  private nodesByStart?: Map<number, IosNode>;
  constructor(
    private readonly host: IpsecFixHost,
    private readonly edit: (range: TextRange, newText: string) => model.Edit,
    private readonly setSub: (block: IosNode, existing: IosNode | undefined, line: string) => model.Edit[],
    private readonly insertAfter: (node: IosNode, lines: string[]) => model.Edit,
    private readonly replaceLine: (node: IosNode, line: string) => model.Edit,
  ) {}

  /** A command node by the start of its range (global lines and block children). */
  private nodeAt(start: number): IosNode | undefined {
    if (!this.nodesByStart) {
      const m = new Map<number, IosNode>();
      const visit = (n: IosNode) => {
        for (const c of n.children) {
          if (c.kind === 'IosCommand') m.set(c.range.start, c);
          if (c.children.length) visit(c);
        }
      };
      visit(this.host.root);
      this.nodesByStart = m;
    }
    return this.nodesByStart.get(start);
  }

  private p1Range(): [number, number] {
    return this.host.platform === 'ASA' ? [120, 2147483647] : [60, 86400];
  }

  private p2Range(): [number, number] {
    return this.host.platform === 'ASA' ? [120, 2147483647] : [120, 86400 * 7];
  }

  /** Phase 1 lifetimes: keep the existing setter, but refuse values the platform rejects. */
  guardPhase1(): void {
    const [lo, hi] = this.p1Range();
    for (const info of this.host.phase1) {
      const inner = info.proposal.lifetime.set;
      if (!inner) continue;
      info.proposal.lifetime.set = (v) => (Number.isInteger(v) && v >= lo && v <= hi ? inner(v) : undefined);
    }
  }

  /** `set security-association lifetime seconds S` in an IOS block (map entry or IPsec profile). */
  private blockLifetime(block: IosNode, lifetime: MapEntry['lifetime']): model.Setter<number> {
    const [lo, hi] = this.p2Range();
    return (v) => {
      if (!Number.isInteger(v) || v < lo || v > hi) return undefined;
      const existing = lifetime ? this.nodeAt(lifetime.range.start) : undefined;
      return this.setSub(block, existing, `set security-association lifetime seconds ${v}`);
    };
  }

  /** ASA: the entry's own `crypto map NAME SEQ set security-association lifetime seconds S` line. */
  private asaEntryLifetime(e: MapEntry): model.Setter<number> {
    const [lo, hi] = this.p2Range();
    return (v) => {
      if (!Number.isInteger(v) || v < lo || v > hi) return undefined;
      const line = `${e.dynamic ? 'crypto dynamic-map' : 'crypto map'} ${e.name} ${e.seq} set security-association lifetime seconds ${v}`;
      const existing = e.lifetime ? this.nodeAt(e.lifetime.range.start) : undefined;
      return [existing ? this.replaceLine(existing, line) : this.insertAfter(e.lastNode, [line])];
    };
  }

  entryLifetime(e: MapEntry): model.Setter<number> {
    return this.host.platform === 'ASA' ? this.asaEntryLifetime(e) : this.blockLifetime(e.node, e.lifetime);
  }

  profileLifetime(name: string): model.Setter<number> | undefined {
    const prof = this.host.ipsecProfiles.get(name);
    return prof ? this.blockLifetime(prof.node, prof.lifetime) : undefined;
  }

  /** Rewrites the addresses of a crypto ACL permit line (protocol, ports and trailing keywords kept). */
  selector(): model.Setter<{ range: TextRange; local: string; remote: string; protocol: string }> {
    const style = this.host.platform === 'ASA' ? 'mask' : 'wildcard';
    return (v) => {
      const node = this.nodeAt(v.range.start);
      if (!node) return undefined;
      const w = node.words;
      const act = w.findIndex((t) => t.text.toLowerCase() === 'permit');
      if (act < 0 || !w[act + 1]) return undefined;
      const proto = w[act + 1].text.toLowerCase();
      if (proto === 'object' || proto === 'object-group') return undefined;
      const srcAt = act + 2;
      const srcLen = aclSpecLength(w, srcAt);
      if (srcLen === undefined) return undefined;
      const dstAt = srcAt + srcLen;
      const dstLen = aclSpecLength(w, dstAt);
      if (dstLen === undefined) return undefined;
      const src = aclAddressText(v.local, style);
      const dst = aclAddressText(v.remote, style);
      if (!src || !dst) return undefined;
      return [this.edit({ start: w[srcAt].start, end: w[dstAt + dstLen - 1].end }, `${src} ${dst}`)];
    };
  }
}
