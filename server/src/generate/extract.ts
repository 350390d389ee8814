// Builds the PeerSpec of the far end from the source device's neutral model (issue 19): which statement of the
// source the peer address belongs to (an IPsec peer, a DMVPN hub tunnel, an L2TP server, an OSPF link), the
// generated side's addresses, the mirrored selectors and the strongest proposal both ends support, with notes where
// the source's choice is weak. Reads only model/ and the target capabilities; never a dialect tree.

import { linkless, ospfInterfaceDown } from '../analysis/ospf/links';
import * as model from '../model';
import type { Device, IpsecPeer, OspfInterface, Secret, Interface } from '../model';
import type { TextRange } from '../syntax';
import { TARGETS } from './emit';
export { GenerateError } from './spec';
import {
  GenerateError,
  isAnyPrefix,
  isIpv6Text,
  PSK_PLACEHOLDER,
  type GenerateOptions,
  type IpsecSpec,
  type NhrpSpec,
  type OspfSpec,
  type PeerSpec,
  type Phase1Spec,
  type Phase2Spec,
  type Scenario,
  type SecretSpec,
  type TargetCapabilities,
  type TunnelSpec,
} from './spec';

/** A statement of the source a peer config can be generated for. */
export interface PeerCandidate {
  /** The peer address to generate for (a default for a hub, a server or a link, where any free address would do). */
  address: string;
  kind: 'ipsec' | 'dmvpn-hub' | 'l2tp-server' | 'ospf-link';
  /** The statements the code action sits on (the peer address, its key). */
  ranges: TextRange[];
  /** `crypto map MYMAP 10`, `interface Tunnel0 (DMVPN hub)` … */
  label: string;
  /** Target ids this candidate can be generated in. */
  targets: PeerSpec['target'][];
}

/** Whether an address is already used in the workspace (so a default peer address avoids it). */
export type AddressTaken = (address: string) => boolean;

const DEFAULT_LAN = '192.168.88.0/24';
/** The PPP password of an L2TP client: another secret than the IPsec key, so another placeholder (another tab stop). */
const PPP_PASSWORD_PLACEHOLDER = 'PPP-PASSWORD';
/** Documentation address (RFC 5737) for an L2TP client, whose address a server never names. */
const DEFAULT_L2TP_CLIENT = '198.51.100.2';
/** The generated side's LAN behind an IPv6 tunnel when neither the user nor the source's selectors name one (RFC 3849). */
const DEFAULT_LAN6 = '2001:db8:88::/64';

// ------------------------------------------------------------------ candidates

function hubTunnels(device: Device): Interface[] {
  return device.interfaces.filter((i) => i.tunnel && !i.shutdown && i.tunnel.mode.value === 'mgre' && !i.tunnel.nhrp?.nhs.length && i.addresses.length > 0);
}

function targetsFor(kind: Scenario['kind'], ikeVersion?: 1 | 2, ipv6 = false): PeerSpec['target'][] {
  const out: PeerSpec['target'][] = [];
  for (const entry of Object.values(TARGETS)) {
    if (!entry.caps.scenarios.includes(kind)) continue;
    if (ikeVersion && !entry.caps.ikeVersions.includes(ikeVersion)) continue;
    if (ipv6 && !entry.caps.ipv6RouteBased) continue;
    out.push(entry.caps.id);
  }
  return out;
}

/** The mGRE tunnel (a DMVPN spoke's) this tunnel-protection peer belongs to, if any. */
function spokeTunnel(device: Device, p: IpsecPeer): Interface | undefined {
  if (p.kind !== 'tunnel-protection') return undefined;
  return device.interfaces.find((i) => `tunnel:${i.name}` === p.id && i.tunnel?.mode.value === 'mgre');
}

/** The first host of `prefix` that is neither `avoid` nor taken (a default address on a shared subnet). */
export function freeHost(prefix: string, avoid: ReadonlySet<string>, taken: AddressTaken): string | undefined {
  const p = model.parsePrefix(prefix);
  if (!p || p.family !== 4) return undefined;
  const net = Number(p.network) >>> 0;
  const len = p.length;
  const size = len >= 31 ? 2 ** (32 - len) : 2 ** (32 - len) - 2;
  const first = len >= 31 ? net : net + 1;
  const limit = Math.min(size, 4096);
  for (let i = 0; i < limit; i++) {
    const a = model.formatIpv4((first + i) >>> 0);
    if (!avoid.has(a) && !taken(a)) return a;
  }
  return undefined;
}

/** The first host of an IPv6 `prefix` that is neither `avoid` nor taken (`::1` on, a /127's both ends; RFC 6164). */
function freeHost6(prefix: string, avoid: ReadonlySet<string>, taken: AddressTaken): string | undefined {
  const p = model.parsePrefix(prefix);
  if (!p || p.family !== 6 || p.length > 127) return undefined;
  const first = p.length === 127 ? p.network : p.network + 1n;
  const room = p.length >= 116 ? 2 ** (128 - p.length) - (p.length === 127 ? 0 : 1) : 4096;
  for (let i = 0; i < Math.min(room, 4096); i++) {
    const a = model.formatIpv6(first + BigInt(i));
    if (!avoid.has(a) && !taken(a)) return a;
  }
  return undefined;
}

/** The IPv6 tunnel of an IPsec peer: only a route-based one (tunnel protection) over IPv6 is generated. */
function ipv6Tunnel(device: Device, p: IpsecPeer): Interface | undefined {
  if (p.kind !== 'tunnel-protection') return undefined;
  return device.interfaces.find((i) => `tunnel:${i.name}` === p.id && i.tunnel && i.tunnel.mode.value !== 'mgre');
}

/**
 * Every statement of `device` a peer can be generated for: IPsec peers with a literal remote address, DMVPN hub
 * tunnels, L2TP/IPsec servers, OSPF links. `taken` gives the default addresses of hubs, servers and links.
 */
export function peerCandidates(device: Device, taken: AddressTaken = () => false): PeerCandidate[] {
  const out: PeerCandidate[] = [];
  const seen = new Set<string>();
  for (const p of device.ipsecPeers) {
    const remote = p.remote?.value;
    // An L2TP client's dynamic peer or a DMVPN spoke's mGRE tunnel has a server or hub at the other end, not a peer.
    if (!remote || !model.isAddress(remote) || p.kind === 'external' || p.kind === 'dynamic-map' || p.kind === 'l2tp' || spokeTunnel(device, p)) continue;
    const key = `ipsec ${remote}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const ranges = [p.remote?.range ?? p.range];
    if (p.psk && p.psk.peer !== '0.0.0.0/0') ranges.push(p.psk.range);
    // IPv6: only a point-to-point tunnel of the source (an IOS IPv6 VTI or GRE over IPv6) can be mirrored.
    const v6 = isIpv6Text(model.canonicalAddress(remote) ?? remote);
    if (v6 && !ipv6Tunnel(device, p)) continue;
    const targets = targetsFor('site-to-site', p.ikeVersion.value, v6);
    if (targets.length) out.push({ address: remote, kind: 'ipsec', ranges, label: p.label, targets });
  }
  const own = new Set(model.ownedAddresses(device));
  for (const itf of hubTunnels(device)) {
    const src = itf.tunnel?.source?.value;
    const prefix = src ? model.networkOf(src, 24) : undefined;
    // A spoke's NBMA address: any address the hub reaches; by default one on the hub's underlay /24.
    const addr = prefix ? freeHost(prefix, own, taken) : undefined;
    if (!addr) continue;
    out.push({ address: addr, kind: 'dmvpn-hub', ranges: [itf.nameRange], label: `interface ${itf.name} (DMVPN hub)`, targets: targetsFor('dmvpn-spoke') });
  }
  for (const l of device.l2tp) {
    if (!l.enabled.value || l.useIpsec.value === 'no') continue;
    out.push({ address: DEFAULT_L2TP_CLIENT, kind: 'l2tp-server', ranges: [l.range], label: 'L2TP/IPsec server', targets: targetsFor('l2tp-client') });
    break;
  }
  const tunnelNames = new Set(device.interfaces.filter((i) => i.tunnel).map((i) => i.name));
  for (const o of device.ospfInterfaces) {
    // A neighbour needs a link: no loopback or virtual link (a loopback's prefix is advertised as a host route), no
    // interface shut by configuration (the checks skip it too).
    if (!o.prefix || o.passive.value || tunnelNames.has(o.interfaceName) || o.version !== 2) continue;
    if (linkless(o) || ospfInterfaceDown(device, o)) continue;
    const p = model.parsePrefix(o.prefix);
    if (!p || p.family !== 4 || p.length >= 32) continue;
    const avoid = new Set(own);
    if (o.address) avoid.add(o.address);
    const addr = freeHost(o.prefix, avoid, taken);
    if (!addr) continue;
    out.push({ address: addr, kind: 'ospf-link', ranges: [o.range], label: `OSPF on ${o.interfaceName} (${o.prefix})`, targets: targetsFor('ospf-neighbor') });
  }
  return out;
}

// ------------------------------------------------------------------ proposals

function rank(list: readonly string[], id: string): number {
  const i = list.indexOf(id);
  return i < 0 ? Infinity : i;
}

/** The strongest (target order) of `offered` the target supports; `aes-cbc-any` offers AES-128 (OpenBSD `aes`). */
function pick(offered: readonly string[], supported: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const o of offered) {
    const id = o === model.AES_ANY ? 'aes-cbc-128' : o;
    if (rank(supported, id) < rank(supported, best ?? '')) best = id;
  }
  return best;
}

function weakPhase1(p: Phase1Spec): string[] {
  const w: string[] = [];
  if (model.WEAK_ENCRYPTION.has(p.encryption)) w.push(p.encryption.toUpperCase());
  if (model.WEAK_HASH.has(p.hash)) w.push(p.hash.toUpperCase());
  if (model.WEAK_DH.has(p.dh)) w.push(p.dh);
  return w;
}

function choosePhase1(peer: IpsecPeer, caps: TargetCapabilities, src: string): Phase1Spec {
  let best: { spec: Phase1Spec; score: number } | undefined;
  for (const p of peer.phase1) {
    if (p.auth.value !== 'psk') continue;
    const encryption = pick(p.encryption.value, caps.phase1Encryption);
    const hash = pick(p.hash.value, caps.phase1Hash);
    const dh = pick(p.dh.value, caps.dh);
    if (!encryption || !hash || !dh) continue;
    const score = rank(caps.phase1Encryption, encryption) * 10000 + rank(caps.dh, dh) * 100 + rank(caps.phase1Hash, hash);
    if (!best || score < best.score) best = { spec: { encryption, hash, dh, lifetime: p.lifetime.value }, score };
  }
  if (!best) throw new GenerateError(`no phase-1 proposal of ${src} with pre-shared keys is supported by ${caps.label}`);
  return best.spec;
}

function choosePhase2(peer: IpsecPeer, caps: TargetCapabilities, ikeVersion: 1 | 2, src: string): Phase2Spec {
  const encList = (ikeVersion === 1 && caps.ikev1Phase2Encryption) || caps.phase2Encryption;
  const integList = (ikeVersion === 1 && caps.ikev1Phase2Integrity) || caps.phase2Integrity;
  let best: { spec: Phase2Spec; score: number } | undefined;
  for (const p of peer.phase2) {
    if (p.protocol.value !== 'esp') continue;
    const encryption = pick(p.encryption.value, encList);
    if (!encryption) continue;
    const aead = /gcm/.test(encryption);
    const integrity = aead ? 'none' : pick(p.integrity.value.filter((i) => i !== 'none'), integList);
    if (!integrity || (!aead && p.integrity.value.length === 0)) continue;
    const score = rank(encList, encryption) * 100 + (aead ? 0 : rank(integList, integrity));
    if (!best || score < best.score) best = { spec: { protocol: 'esp', encryption, integrity, mode: p.mode.value }, score };
  }
  if (!best) throw new GenerateError(`no ESP proposal of ${src} is supported by ${caps.label}`);
  return best.spec;
}

function secretSpec(secret: Secret | undefined, include: boolean, what: string, notes: string[]): SecretSpec {
  if (!secret) {
    notes.push(`${what}: the source has none for this peer; set the same on both ends`);
    return { value: PSK_PLACEHOLDER, placeholder: true };
  }
  if (include && secret.plain !== undefined && secret.plain !== '') return { value: secret.plain, placeholder: false };
  if (include) notes.push(`${what}: the source's is not readable (${secret.kind}); write it here`);
  // The placeholder word itself stays out of the notes: the editor makes every occurrence one tab stop.
  else notes.push(`${what}: a placeholder stands for the source's (not copied); type it in`);
  return { value: PSK_PLACEHOLDER, placeholder: true };
}

function ipsecSpec(peer: IpsecPeer, caps: TargetCapabilities, srcName: string, include: boolean, notes: string[], secret?: Secret): IpsecSpec {
  const ikeVersion = peer.ikeVersion.value;
  if (!caps.ikeVersions.includes(ikeVersion)) throw new GenerateError(`${caps.label} cannot speak IKEv${ikeVersion}, which ${srcName} uses`);
  const phase1 = choosePhase1(peer, caps, srcName);
  const phase2 = choosePhase2(peer, caps, ikeVersion, srcName);
  let pfs = peer.pfs.value;
  if (pfs !== 'none' && !caps.dh.includes(pfs)) throw new GenerateError(`${caps.label} cannot use PFS group ${pfs}, which ${srcName} requires`);
  const weak1 = weakPhase1(phase1);
  if (weak1.length) notes.push(`matches ${weak1.join('/')} from ${srcName} (phase 1): change both ends`);
  const weak2: string[] = [];
  if (model.WEAK_ENCRYPTION.has(phase2.encryption)) weak2.push(phase2.encryption.toUpperCase());
  if (model.WEAK_HASH.has(phase2.integrity)) weak2.push(phase2.integrity.toUpperCase());
  if (pfs !== 'none' && model.WEAK_DH.has(pfs)) weak2.push(`PFS ${pfs}`);
  if (weak2.length) notes.push(`matches ${weak2.join('/')} from ${srcName} (phase 2): change both ends`);
  if (peer.exchangeMode.value === 'aggressive') notes.push(`matches aggressive mode from ${srcName}: prefer main mode on both ends`);
  pfs = pfs || 'none';
  return {
    ikeVersion,
    exchangeMode: peer.exchangeMode.value,
    phase1,
    phase2,
    pfs,
    phase2Lifetime: peer.phase2Lifetime?.value ?? 3600,
    psk: secretSpec(secret ?? peer.psk?.secret, include, 'pre-shared key', notes),
    selectors: peer.selectors.map((s) => ({ local: s.remote, remote: s.local, protocol: s.protocol, localPort: s.remotePort, remotePort: s.localPort })),
  };
}

// ------------------------------------------------------------------ scenarios

function sourceAddress(device: Device, peer: IpsecPeer): string {
  if (peer.local?.value) return peer.local.value;
  const itf = peer.localInterface ? device.interfaces.find((i) => i.name === peer.localInterface || i.nameif === peer.localInterface) : undefined;
  const a = itf?.addresses[0]?.address ?? model.ownedAddresses(device)[0];
  if (!a) throw new GenerateError(`${device.name} has no address the peer could connect to`);
  return a;
}

function otherHost(address: string, prefixLength: number, avoid: ReadonlySet<string>, taken: AddressTaken): string | undefined {
  const net = model.networkOf(address, prefixLength);
  return net ? freeHost(net, new Set([...avoid, address]), taken) : undefined;
}

function ospfSpecFor(o: OspfInterface, device: Device, local: string, interfaceName: string, include: boolean, notes: string[], role: 'neighbor' | 'spoke'): OspfSpec {
  const proc = device.ospf.find((p) => p.id === o.processId);
  const a = o.auth.value;
  const key = a.type === 'none' ? undefined : secretSpec(a.key ?? a.keys?.[0]?.key, include, 'OSPF authentication key', notes);
  const nbma = o.networkType.value === 'non-broadcast' || o.networkType.value === 'point-to-multipoint-non-broadcast';
  const prefixLength = Number((o.prefix ?? '/24').split('/')[1]);
  const routerId = proc?.routerId?.value === local ? undefined : local;
  if (a.type === 'simple') notes.push(`matches plain-text OSPF authentication from ${device.name}: prefer MD5/SHA on both ends`);
  if (a.type === 'keyed-md5') notes.push(`matches keyed MD5 OSPF authentication from ${device.name}`);
  return {
    processId: '1',
    routerId,
    area: o.area.value,
    areaType: o.areaType,
    prefix: o.prefix ?? `${local}/${prefixLength}`,
    address: local,
    interfaceName,
    networkType: o.networkType.value,
    hello: o.hello.value,
    dead: o.dead.value,
    priority: role === 'spoke' ? 0 : undefined,
    cost: undefined,
    auth: { type: a.type, keyId: a.keyId ?? a.keys?.[0]?.keyId, key },
    neighbors: nbma && o.address ? [o.address] : [],
    networks: [],
  };
}

function baseSpec(device: Device, opts: GenerateOptions, caps: TargetCapabilities, scenario: Scenario, local: string, remote: string, lan: string | undefined): PeerSpec {
  const facts = opts.facts ?? {};
  return {
    target: opts.target,
    scenario,
    source: { name: device.name, uri: device.uri, dialect: device.dialect },
    local,
    remote,
    facts: {
      ...facts,
      lan: facts.lan ?? lan ?? DEFAULT_LAN,
      wan: facts.wan ?? caps.defaultWan,
      lanInterface: facts.lanInterface ?? caps.defaultLanInterface,
      hostname: facts.hostname ?? `peer-${local.replace(/[.:]/g, '-')}`,
      wanPrefixLength: facts.wanPrefixLength ?? (isIpv6Text(local) ? 64 : 24),
    },
    notes: [],
  };
}

function requireScenario(caps: TargetCapabilities, kind: Scenario['kind']): void {
  if (!caps.scenarios.includes(kind)) throw new GenerateError(`${caps.label} is not a target for ${kind === 'ospf-neighbor' ? 'an OSPF neighbour' : kind === 'dmvpn-spoke' ? 'a DMVPN spoke' : kind === 'l2tp-client' ? 'an L2TP/IPsec client' : 'a site-to-site tunnel'}`);
}

/**
 * The PeerSpec of the device at `peer` as seen from `device`. Throws GenerateError (a one-line reason) when the
 * source has nothing to pair `peer` with or the target cannot express it.
 */
export function extractSpec(device: Device, peer: string, opts: GenerateOptions, taken: AddressTaken = () => false): PeerSpec {
  const caps = TARGETS[opts.target]?.caps;
  if (!caps) throw new GenerateError(`unknown target dialect '${opts.target}'`);
  const local = model.canonicalAddress(peer);
  if (!local) throw new GenerateError(`'${peer}' is not an IP address`);
  const include = !!opts.includeSecrets;
  const src = device.name;
  const own = new Set(model.ownedAddresses(device));
  if (own.has(local)) throw new GenerateError(`${local} is an address of ${src} itself`);

  // 1. An IPsec peer of the source targets this address.
  const ipsecPeer = device.ipsecPeers.find((p) => p.remote && p.kind !== 'external' && model.sameAddress(p.remote.value, local));
  if (ipsecPeer) {
    requireScenario(caps, 'site-to-site');
    const tunnelItf = ipsecPeer.kind === 'tunnel-protection' ? device.interfaces.find((i) => `tunnel:${i.name}` === ipsecPeer.id || (i.tunnel?.destination && model.sameAddress(i.tunnel.destination.value, local))) : undefined;
    if (spokeTunnel(device, ipsecPeer)) throw new GenerateError(`${src}'s ${ipsecPeer.label} is a DMVPN spoke tunnel: netcfg generates spokes from a hub, not a hub from a spoke`);
    if (ipsecPeer.kind === 'l2tp') throw new GenerateError(`${src}'s ${ipsecPeer.label} is an L2TP client: netcfg generates clients from a server, not a server from a client`);
    const route = opts.binding ? opts.binding === 'route' : !!tunnelItf;
    if (isIpv6Text(local)) {
      if (!caps.ipv6RouteBased) throw new GenerateError(`${caps.label} is not a target for an IPv6 tunnel here (netcfg generates IPv6 site-to-site as a Cisco IOS VTI)`);
      if (!route || !tunnelItf || !ipv6Tunnel(device, ipsecPeer)) throw new GenerateError(`netcfg generates an IPv6 peer only for a route-based tunnel (a VTI or GRE over IPv6) of ${src}`);
    }
    if (route && caps.noGre && tunnelItf?.tunnel?.mode.value === 'gre') throw new GenerateError(`${caps.label} has no GRE: ${src}'s ${tunnelItf.name} is GRE over IPsec (make it \`tunnel mode ipsec ipv4\`, or generate policy-based)`);
    if (route && !caps.routeBased) throw new GenerateError(`${caps.label} is not a route-based (VTI/GRE) target here; choose policy-based`);
    const remote = sourceAddress(device, ipsecPeer);
    if (isIpv6Text(local) !== isIpv6Text(remote)) throw new GenerateError(`${local} and ${src}'s address ${remote} are not of one IP family`);
    const lanFromSelectors = ipsecPeer.selectors.find((s) => !isAnyPrefix(s.remote))?.remote;
    const inner6 = isIpv6Text(local) && (tunnelItf?.tunnel?.mode.value !== 'gre' || isIpv6Text(tunnelItf?.addresses[0]?.address ?? ''));
    const spec = baseSpec(device, opts, caps, route ? { kind: 'site-to-site', binding: 'route' } : { kind: 'site-to-site', binding: 'policy' }, local, remote, lanFromSelectors ?? (inner6 ? DEFAULT_LAN6 : undefined));
    spec.ipsec = ipsecSpec(ipsecPeer, caps, src, include, spec.notes);
    // An OpenBSD or strongSwan end writes one rule (connection) per flow, e.g. one `ike` rule per protocol: the other
    // rules to this peer are flows of the same tunnel, mirrored as further selectors.
    if (device.dialect === 'openbsd-ipsec' || device.dialect === 'strongswan') {
      for (const q of device.ipsecPeers) {
        if (q === ipsecPeer || q.kind !== ipsecPeer.kind || !q.remote || !model.sameAddress(q.remote.value, local)) continue;
        for (const s of q.selectors) spec.ipsec.selectors.push({ local: s.remote, remote: s.local, protocol: s.protocol, localPort: s.remotePort, remotePort: s.localPort });
      }
    }
    const lan = opts.facts?.lan;
    if (lan && spec.ipsec.selectors.length && !spec.ipsec.selectors.some((s) => model.prefixContains(s.local, lan))) {
      spec.notes.push(`the LAN ${lan} is outside what ${src} protects for this peer (${spec.ipsec.selectors.map((s) => s.local).join(', ')}): change ${src}'s selectors too`);
    }
    if (route) {
      const t: TunnelSpec = { mode: tunnelItf?.tunnel?.mode.value === 'gre' ? 'gre' : 'ipsec' };
      // An IPsec VTI carries its underlay's family (`tunnel mode ipsec ipv4|ipv6`); GRE carries what it is addressed with.
      const a = tunnelItf?.addresses.find((x) => t.mode === 'gre' || isIpv6Text(x.address) === isIpv6Text(local));
      if (a) {
        t.remoteAddress = a.address;
        t.prefixLength = a.prefixLength;
        t.address = isIpv6Text(a.address) ? freeHost6(model.networkOf(a.address, a.prefixLength) ?? '', new Set([...own, a.address]), taken) : otherHost(a.address, a.prefixLength, own, taken);
      }
      if (tunnelItf?.tunnel?.key) t.key = tunnelItf.tunnel.key.value;
      spec.tunnel = t;
      if (!spec.ipsec.selectors.length && !opts.facts?.lan) spec.notes.push('route the source\'s networks into the tunnel (the source names none)');
    } else if (!spec.ipsec.selectors.length) {
      throw new GenerateError(`${ipsecPeer.label} protects no traffic (no selectors): nothing to mirror`);
    }
    return spec;
  }

  // 2. An OSPF link of the source holds the address.
  const ospfItf = device.ospfInterfaces.find((o) => o.prefix && o.version === 2 && model.prefixContains(o.prefix, `${local}/32`) && !device.interfaces.some((i) => i.tunnel && i.name === o.interfaceName));
  if (ospfItf) {
    const itfName = ospfItf.interfaceName;
    if (linkless(ospfItf)) throw new GenerateError(`${itfName} is OSPF network type ${ospfItf.networkType.value}: it forms no adjacency, so there is no neighbour to generate`);
    if (ospfItf.passive.value) throw new GenerateError(`${itfName} is a passive OSPF interface: it sends no hellos, so there is no neighbour to generate`);
    if (ospfInterfaceDown(device, ospfItf)) throw new GenerateError(`${itfName} is shut down by configuration: there is no neighbour to generate`);
    requireScenario(caps, 'ospf-neighbor');
    const facts = opts.facts ?? {};
    const wan = facts.wan ?? caps.defaultWan;
    const spec = baseSpec(device, opts, caps, { kind: 'ospf-neighbor' }, local, ospfItf.address ?? ospfItf.prefix!, undefined);
    spec.ospf = ospfSpecFor(ospfItf, device, local, wan, include, spec.notes, 'neighbor');
    if (facts.lan) spec.ospf.networks = [facts.lan];
    if (ospfItf.networkType.default) spec.notes.push(`network type ${ospfItf.networkType.value}: ${ospfItf.networkType.default}`);
    return spec;
  }

  // 3. A DMVPN hub: the address is the new spoke's NBMA address.
  const hub = hubTunnels(device)[0];
  if (hub && hub.tunnel) {
    requireScenario(caps, 'dmvpn-spoke');
    const t = hub.tunnel;
    const nbma = t.source?.value;
    if (!nbma) throw new GenerateError(`${src}'s ${hub.name} has no resolvable tunnel source`);
    const hubAddr = hub.addresses[0];
    if (isIpv6Text(local) || isIpv6Text(nbma) || isIpv6Text(hubAddr.address)) throw new GenerateError(`${src}'s ${hub.name} is an IPv6 DMVPN hub or ${local} an IPv6 address: netcfg generates DMVPN spokes over IPv4 only`);
    const protection = device.ipsecPeers.find((p) => p.id === `tunnel:${hub.name}`);
    const spec = baseSpec(device, opts, caps, { kind: 'dmvpn-spoke' }, local, nbma, undefined);
    const addr = otherHost(hubAddr.address, hubAddr.prefixLength, own, taken);
    if (!addr) throw new GenerateError(`no free address left in ${src}'s tunnel subnet`);
    spec.tunnel = { mode: 'mgre', address: addr, prefixLength: hubAddr.prefixLength, remoteAddress: hubAddr.address, key: t.key?.value, mtu: hub.mtu?.value };
    const n: NhrpSpec = { networkId: t.nhrp?.networkId?.value, nhs: hubAddr.address, nbma, multicastToHub: true, holdtime: t.nhrp?.holdtime?.value };
    if (t.nhrp?.auth) n.auth = secretSpec(t.nhrp.auth.secret, include, 'NHRP authentication', spec.notes);
    spec.nhrp = n;
    if (protection) {
      const key = protection.psk?.secret ?? device.keys.find((k) => k.peer === '0.0.0.0/0')?.secret;
      spec.ipsec = ipsecSpec(protection, caps, src, include, spec.notes, key);
    } else spec.notes.push(`${src}'s ${hub.name} has no tunnel protection: the spoke's GRE is not encrypted either`);
    const o = device.ospfInterfaces.find((x) => x.interfaceName === hub.name);
    if (o) {
      spec.ospf = ospfSpecFor(o, device, addr, 'Tunnel0', include, spec.notes, 'spoke');
      spec.ospf.neighbors = o.networkType.value === 'non-broadcast' ? [hubAddr.address] : [];
      spec.ospf.prefix = model.networkOf(addr, hubAddr.prefixLength) ?? spec.ospf.prefix;
      if (opts.facts?.lan) spec.ospf.networks = [opts.facts.lan];
    }
    return spec;
  }

  // 4. An L2TP/IPsec server: the address is the client's.
  const l2tp = device.l2tp.find((l) => l.enabled.value && l.useIpsec.value !== 'no');
  if (l2tp) {
    requireScenario(caps, 'l2tp-client');
    const ipsecPeerAny = device.ipsecPeers.find((p) => !p.remote && p.kind === 'routeros') ?? device.ipsecPeers.find((p) => !p.remote);
    const server = model.ownedAddresses(device).find((a) => !/^(10|192\.168|172\.(1[6-9]|2\d|3[01]))\./.test(a)) ?? model.ownedAddresses(device)[0];
    if (!server) throw new GenerateError(`${src} has no address an L2TP client could connect to`);
    if (isIpv6Text(local) || isIpv6Text(server)) throw new GenerateError(`netcfg generates L2TP/IPsec clients over IPv4 only`);
    const spec = baseSpec(device, opts, caps, { kind: 'l2tp-client' }, local, server, undefined);
    if (ipsecPeerAny) {
      spec.ipsec = ipsecSpec(ipsecPeerAny, caps, src, include, spec.notes, l2tp.ipsecSecret?.secret);
      spec.ipsec.phase2.mode = 'transport';
      spec.ipsec.selectors = [{ local: `${local}/32`, remote: `${server}/32`, protocol: 'udp', localPort: '1701', remotePort: '1701' }];
    } else throw new GenerateError(`${src}'s L2TP server has no IPsec peer to negotiate with`);
    spec.l2tp = { server, user: 'vpnuser', password: { value: PPP_PASSWORD_PLACEHOLDER, placeholder: true }, interfaceName: 'l2tp-out1' };
    spec.notes.push(`L2TP user and password: a /ppp secret of ${src}`);
    return spec;
  }
  throw new GenerateError(`${src} has no IPsec peer, DMVPN hub, L2TP server or OSPF link for ${local}`);
}
