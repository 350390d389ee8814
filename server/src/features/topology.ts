// The workspace topology: every device and the links the pairing and the pair checks know, each with a verdict
// and the findings on it. A pure function over the language service (model + partners + pair findings), so the
// LSP request `netcfg/topology`, the CLI `netcfg graph` and tests read the same graph. No connection, no IO.
// Messages come from the checks, which mask secrets already; nothing here reads a secret.

import type { Range } from 'vscode-languageserver-types';
import * as model from '../model';
import type { LanguageService } from '../service';
import type { TextRange } from '../syntax';
import { documentUri, rangeIn } from './positions';

/** The custom LSP request answered with a `Topology` (no params); client/src/topology.ts names it too. */
export const TOPOLOGY_REQUEST = 'netcfg/topology';

export type LinkKind = 'ipsec-crypto-map' | 'ipsec-vti' | 'ikev2-profile' | 'openbsd-flow' | 'routeros-policy' | 'gre' | 'dmvpn' | 'ospf' | 'l2tp' | 'external';
export const LINK_KINDS: readonly LinkKind[] = ['ipsec-crypto-map', 'ipsec-vti', 'ikev2-profile', 'openbsd-flow', 'routeros-policy', 'gre', 'dmvpn', 'ospf', 'l2tp', 'external'];

/** ok: no finding; error: at least one error (the link certainly fails); warning: warnings only; unknown-peer: no device owns the address. */
export type Verdict = 'ok' | 'error' | 'warning' | 'unknown-peer';
export const VERDICTS: readonly Verdict[] = ['ok', 'error', 'warning', 'unknown-peer'];

/** A place in a file: the document to open (a netcfg.yaml for external peers) and an LSP range in it. */
export interface TopologyLocation {
  uri: string;
  range: Range;
}

export interface TopologyDevice {
  /** The device's uri (`<yaml>#<name>` for an external peer, `unknown:<address>` for an address no device owns). */
  id: string;
  name: string;
  dialect: model.DialectId | 'external' | 'unknown';
  /** The hostname statement, else the first line; absent for an unknown peer. */
  location?: TopologyLocation;
}

export interface TopologyEndpoint {
  device: string;
  /** The statement on this end: `crypto map VPN 10`, `interface Tunnel0`, `ip ospf … area 0`. */
  label: string;
  role?: 'hub' | 'spoke' | 'initiator' | 'responder';
  location?: TopologyLocation;
}

export interface TopologyFinding {
  code: string;
  severity: model.Finding['severity'];
  /** As the check wrote it (secrets masked). */
  message: string;
  location: TopologyLocation;
}

export interface TopologyLink {
  /** Stable within one workspace state: `kind|a|b|n`. */
  id: string;
  kind: LinkKind;
  a: TopologyEndpoint;
  b: TopologyEndpoint;
  /** OSPF area of the adjacency. */
  area?: string;
  verdict: Verdict;
  findings: TopologyFinding[];
}

export interface Topology {
  devices: TopologyDevice[];
  links: TopologyLink[];
}

/** Which check areas a finding's code prefix may belong to, by link kind. */
const AREA_KINDS: Record<string, readonly LinkKind[]> = {
  ipsec: ['ipsec-crypto-map', 'ipsec-vti', 'ikev2-profile', 'openbsd-flow', 'routeros-policy', 'external', 'l2tp', 'gre', 'dmvpn'],
  l2tp: ['l2tp', 'ipsec-crypto-map', 'routeros-policy'],
  ospf: ['ospf'],
  dmvpn: ['dmvpn', 'gre'],
  pairing: [],
};

interface Draft {
  kind: LinkKind;
  a: TopologyEndpoint;
  b: TopologyEndpoint;
  area?: string;
  unknown?: boolean;
  /** Offset ranges on each end, to attach the pair's findings to the link whose statements they anchor on. */
  spans: { uri: string; range: TextRange }[];
  findings: model.Finding[];
}

const isExternal = (uri: string) => documentUri(uri) !== uri;

/** The topology of every device the service holds. Linear in devices × partners (pair findings are cached). */
export function getTopology(service: LanguageService): Topology {
  const deviceByUri = new Map<string, model.Device>();
  const devices: TopologyDevice[] = [];
  const addDevice = (uri: string, device: model.Device) => {
    if (deviceByUri.has(uri)) return;
    deviceByUri.set(uri, device);
    const external = isExternal(uri);
    const range = device.hostnameRange ?? (external ? device.ipsecPeers[0]?.range : firstLine(service, uri));
    devices.push({ id: uri, name: device.name, dialect: external ? 'external' : device.dialect, location: range ? loc(service, uri, range) : undefined });
  };
  const uris = service.uris().sort();
  for (const uri of uris) {
    const d = service.getDevice(uri);
    if (d) addDevice(uri, d);
  }
  const partnersOf = new Map<string, string[]>();
  for (const uri of uris) {
    if (!deviceByUri.has(uri)) continue;
    const ps = service.partners(uri).sort();
    partnersOf.set(uri, ps);
    for (const p of ps) {
      if (deviceByUri.has(p)) continue;
      const d = service.getDevice(p);
      if (d) addDevice(p, d);
    }
  }
  // Canonical owned addresses of each device, to tell which partner (if any) owns a target.
  const ownedCache = new Map<string, Set<string>>();
  const owned = (uri: string): Set<string> => {
    let s = ownedCache.get(uri);
    if (!s) {
      s = new Set();
      const d = deviceByUri.get(uri);
      if (d) for (const a of model.ownedAddresses(d)) s.add(model.canonicalAddress(a) ?? a);
      ownedCache.set(uri, s);
    }
    return s;
  };

  const drafts: Draft[] = [];
  const unknownDevices = new Map<string, TopologyDevice>();
  const seenPairs = new Set<string>();
  for (const uri of deviceByUri.keys()) {
    const ps = partnersOf.get(uri) ?? (isExternal(uri) ? service.partners(uri).sort() : []);
    const device = deviceByUri.get(uri)!;
    // Targets no partner owns: links to an unknown peer.
    for (const t of targetsOf(device)) {
      const addr = model.canonicalAddress(t.address) ?? t.address;
      if (ps.some((p) => owned(p).has(addr))) continue;
      const id = `unknown:${addr}`;
      if (!unknownDevices.has(id)) unknownDevices.set(id, { id, name: addr, dialect: 'unknown' });
      drafts.push({ kind: t.kind, a: { device: uri, label: t.label, role: t.role, location: loc(service, uri, t.range) }, b: { device: id, label: addr }, unknown: true, spans: [], findings: [] });
    }
    for (const p of ps) {
      const key = uri < p ? `${uri}\u0000${p}` : `${p}\u0000${uri}`;
      if (seenPairs.has(key) || !deviceByUri.has(p)) continue;
      seenPairs.add(key);
      const [ua, ub] = uri < p ? [uri, p] : [p, uri];
      const pair = pairLinks(service, ua, deviceByUri.get(ua)!, ub, deviceByUri.get(ub)!, owned);
      attachFindings(pair, service.pairFindings(ua, ub), ua, ub, service);
      for (const l of pair) drafts.push(l);
    }
  }
  for (const d of unknownDevices.values()) devices.push(d);

  const counts = new Map<string, number>();
  const links: TopologyLink[] = drafts.map((d) => {
    const base = `${d.kind}|${d.a.device}|${d.b.device}`;
    const n = counts.get(base) ?? 0;
    counts.set(base, n + 1);
    const findings = d.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, location: loc(service, f.uri, f.range) }));
    return { id: `${base}|${n}`, kind: d.kind, a: d.a, b: d.b, ...(d.area !== undefined ? { area: d.area } : {}), verdict: verdictOf(d), findings };
  });
  return { devices, links };
}

function verdictOf(d: Draft): Verdict {
  if (d.findings.some((f) => f.severity === 'error')) return 'error';
  if (d.unknown) return 'unknown-peer';
  if (d.findings.some((f) => f.severity === 'warning')) return 'warning';
  return 'ok';
}

function loc(service: LanguageService, uri: string, range: TextRange): TopologyLocation {
  return { uri: documentUri(uri), range: rangeIn(service, uri, range) };
}

function firstLine(service: LanguageService, uri: string): TextRange | undefined {
  const doc = service.getDocument(uri);
  if (!doc) return undefined;
  const nl = doc.text.indexOf('\n');
  return { start: 0, end: nl < 0 ? doc.text.length : nl };
}

function ipsecKind(peer: model.IpsecPeer, device: model.Device): LinkKind {
  if (peer.kind === 'openbsd') return 'openbsd-flow';
  if (peer.kind === 'routeros') return 'routeros-policy';
  if (peer.kind === 'l2tp') return 'l2tp';
  if (peer.kind === 'external') return 'external';
  if (peer.ikeVersion.value === 2 && device.dialect === 'cisco-ios') return 'ikev2-profile';
  if (peer.kind === 'tunnel-protection') return 'ipsec-vti';
  return 'ipsec-crypto-map';
}

function tunnelKind(t: model.Tunnel): LinkKind | undefined {
  switch (t.mode.value) {
    case 'mgre':
      return 'dmvpn';
    case 'gre':
      return 'gre';
    case 'ipsec':
      return 'ipsec-vti';
    default:
      return undefined;
  }
}

interface Target {
  address: string;
  kind: LinkKind;
  label: string;
  role?: TopologyEndpoint['role'];
  range: TextRange;
}

/** The addresses a device sends IKE, GRE or NHRP to, one per statement (tunnel-protected peers are their tunnel's). */
function targetsOf(device: model.Device): Target[] {
  const res: Target[] = [];
  const tunnels = new Set<string>();
  // IOS names a tunnel's protection peer `tunnel:<interface>[:n]`.
  const protectedBy = new Map<string, model.IpsecPeer>();
  for (const peer of device.ipsecPeers) if (peer.kind === 'tunnel-protection' && peer.id.startsWith('tunnel:')) protectedBy.set(peer.id.slice(7).replace(/:\d+$/, ''), peer);
  for (const itf of device.interfaces) {
    const t = itf.tunnel;
    if (!t || itf.shutdown) continue;
    let kind = tunnelKind(t);
    if (!kind) continue;
    if (kind === 'ipsec-vti' && protectedBy.get(itf.name)?.ikeVersion.value === 2) kind = 'ikev2-profile';
    tunnels.add(itf.name);
    if (kind === 'dmvpn') {
      const seen = new Set<string>();
      for (const m of t.nhrp?.maps ?? []) {
        if (seen.has(m.nbma)) continue;
        seen.add(m.nbma);
        res.push({ address: m.nbma, kind, label: `interface ${itf.name}`, role: 'spoke', range: m.range });
      }
      for (const m of t.nhrp?.multicastMaps ?? []) {
        if (m.nbma === 'dynamic' || seen.has(m.nbma)) continue;
        seen.add(m.nbma);
        res.push({ address: m.nbma, kind, label: `interface ${itf.name}`, role: 'spoke', range: m.range });
      }
    } else if (t.destination) {
      const spoke = (t.nhrp?.nhs.length ?? 0) > 0;
      res.push({ address: t.destination.value, kind, label: `interface ${itf.name}`, ...(spoke ? { role: 'spoke' as const } : {}), range: t.destination.range ?? itf.nameRange });
    }
  }
  for (const peer of device.ipsecPeers) {
    if (!peer.remote) continue;
    if (peer.kind === 'tunnel-protection' && peer.id.startsWith('tunnel:') && tunnels.has(peer.id.slice(7).replace(/:\d+$/, ''))) continue;
    res.push({ address: peer.remote.value, kind: ipsecKind(peer, device), label: peer.label, role: peer.role === 'both' ? undefined : peer.role, range: peer.remote.range ?? peer.range });
  }
  return res;
}

/** The links between two paired devices, from both ends' targets and their shared OSPF subnets. */
function pairLinks(service: LanguageService, ua: string, a: model.Device, ub: string, b: model.Device, owned: (uri: string) => Set<string>): Draft[] {
  const res: Draft[] = [];
  const side = (from: string, fromDev: model.Device, to: string, toDev: model.Device) => {
    const toOwned = owned(to);
    for (const t of targetsOf(fromDev)) {
      const addr = model.canonicalAddress(t.address) ?? t.address;
      if (!toOwned.has(addr)) continue;
      let kind = t.kind;
      if (isExternal(to) || isExternal(from)) kind = kind === 'dmvpn' || kind === 'gre' ? kind : 'external';
      const far = farEnd(toDev, kind, owned(from));
      if (far?.kind && IPSEC_PRIORITY.includes(kind) && IPSEC_PRIORITY.includes(far.kind) && IPSEC_PRIORITY.indexOf(far.kind) < IPSEC_PRIORITY.indexOf(kind)) kind = far.kind;
      if (kind === 'gre' && far?.hub) kind = 'dmvpn';
      const near: TopologyEndpoint = { device: from, label: t.label, role: t.role, location: loc(service, from, t.range) };
      const other: TopologyEndpoint = far
        ? { device: to, label: far.label, role: far.role, location: loc(service, to, far.range) }
        : { device: to, label: toDev.name, role: kind === 'dmvpn' ? 'hub' : undefined };
      const d: Draft = from === ua ? { kind, a: near, b: other, spans: [], findings: [] } : { kind, a: other, b: near, spans: [], findings: [] };
      d.spans.push({ uri: from, range: t.range });
      if (far) d.spans.push({ uri: to, range: far.span });
      res.push(d);
    }
  };
  side(ua, a, ub, b);
  side(ub, b, ua, a);
  // A link seen from both ends (mirrored crypto maps, two GRE destinations) is one link.
  dedupeMirrors(res);
  // OSPF adjacencies: interfaces of both ends on one subnet, not both passive.
  const bByPrefix = new Map<string, model.OspfInterface[]>();
  for (const o of b.ospfInterfaces) if (o.prefix) (bByPrefix.get(o.prefix) ?? bByPrefix.set(o.prefix, []).get(o.prefix)!).push(o);
  for (const oa of a.ospfInterfaces) {
    if (!oa.prefix) continue;
    for (const ob of bByPrefix.get(oa.prefix) ?? []) {
      if (oa.passive.value && ob.passive.value) continue;
      // Two NHRP clients of one cloud talk through their hub, not to each other.
      if (nhrpClient(a, oa.interfaceName) && nhrpClient(b, ob.interfaceName)) continue;
      const d: Draft = {
        kind: 'ospf',
        a: { device: ua, label: `${oa.interfaceName} area ${oa.area.value}`, location: loc(service, ua, oa.range) },
        b: { device: ub, label: `${ob.interfaceName} area ${ob.area.value}`, location: loc(service, ub, ob.range) },
        area: oa.area.value,
        spans: [
          { uri: ua, range: oa.range },
          { uri: ub, range: ob.range },
        ],
        findings: [],
      };
      for (const [dev, uri, name] of [[a, ua, oa.interfaceName], [b, ub, ob.interfaceName]] as const) {
        const itf = dev.interfaces.find((i) => i.name === name);
        if (itf) d.spans.push({ uri, range: itf.range });
      }
      res.push(d);
    }
  }
  return res;
}

/** Links found from both ends (same kind and statements) are one: keeps the first, with both ends' spans. */
function dedupeMirrors(res: Draft[]): void {
  const bySig = new Map<string, Draft>();
  const keep: Draft[] = [];
  for (const d of res) {
    const sig = `${IPSEC_PRIORITY.includes(d.kind) ? 'ipsec' : d.kind}|${d.a.device}|${d.a.label}|${d.b.device}|${d.b.label}`;
    const first = bySig.get(sig);
    if (first) {
      if (IPSEC_PRIORITY.indexOf(d.kind) >= 0 && IPSEC_PRIORITY.indexOf(d.kind) < IPSEC_PRIORITY.indexOf(first.kind)) first.kind = d.kind;
      for (const s of d.spans) first.spans.push(s);
      if (!first.a.location) first.a.location = d.a.location;
      if (!first.b.location) first.b.location = d.b.location;
      continue;
    }
    bySig.set(sig, d);
    keep.push(d);
  }
  res.length = 0;
  for (const d of keep) res.push(d);
}

/** IPsec link kinds, most specific first: a link whose two ends say two of them takes the first. */
const IPSEC_PRIORITY: readonly LinkKind[] = ['l2tp', 'external', 'ikev2-profile', 'ipsec-vti', 'ipsec-crypto-map', 'openbsd-flow', 'routeros-policy'];

interface FarEnd {
  label: string;
  role?: TopologyEndpoint['role'];
  range: TextRange;
  /** The far end's statement block, for attaching findings. */
  span: TextRange;
  kind?: LinkKind;
  /** An mGRE hub tunnel: the link is a DMVPN spoke's. */
  hub?: boolean;
}

/** The statement on `to` that answers a link from a device owning `fromOwned`: a tunnel or peer aimed back, a DMVPN hub's mGRE tunnel, else a wildcard responder. */
function farEnd(to: model.Device, kind: LinkKind, fromOwned: Set<string>): FarEnd | undefined {
  const back = (addr: string | undefined) => addr !== undefined && fromOwned.has(model.canonicalAddress(addr) ?? addr);
  if (kind === 'dmvpn') {
    const tunnels = to.interfaces.filter((i) => i.tunnel?.mode.value === 'mgre' && !i.shutdown);
    const hub = tunnels.find((i) => (i.tunnel!.nhrp?.nhs.length ?? 0) === 0) ?? tunnels[0];
    return hub ? { label: `interface ${hub.name}`, role: 'hub', range: hub.nameRange, span: hub.range } : undefined;
  }
  if (kind === 'gre' || kind === 'ipsec-vti' || kind === 'ikev2-profile') {
    for (const itf of to.interfaces) {
      const t = itf.tunnel;
      if (t && !itf.shutdown && back(t.destination?.value)) return { label: `interface ${itf.name}`, range: t.destination!.range ?? itf.nameRange, span: itf.range };
    }
  }
  if (kind === 'gre') {
    // A point-to-point GRE spoke of an mGRE hub (DMVPN phase 1): the hub's multipoint tunnel.
    const hub = to.interfaces.find((i) => i.tunnel?.mode.value === 'mgre' && !i.shutdown && (i.tunnel.nhrp?.nhs.length ?? 0) === 0);
    if (hub) return { label: `interface ${hub.name}`, role: 'hub', range: hub.nameRange, span: hub.range, hub: true };
  }
  let wildcard: model.IpsecPeer | undefined;
  for (const peer of to.ipsecPeers) {
    if (peer.remote && back(peer.remote.value)) return { label: peer.label, role: peer.role === 'both' ? undefined : peer.role, range: peer.remote.range ?? peer.range, span: peer.range, kind: ipsecKind(peer, to) };
    if (!peer.remote && !wildcard) wildcard = peer;
  }
  if (wildcard && kind !== 'gre') return { label: wildcard.label, role: 'responder', range: wildcard.range, span: wildcard.range, kind: ipsecKind(wildcard, to) };
  return undefined;
}

function nhrpClient(device: model.Device, name: string): boolean {
  const t = device.interfaces.find((i) => i.name === name)?.tunnel;
  return (t?.nhrp?.nhs.length ?? 0) > 0;
}

const within = (r: TextRange, s: TextRange) => r.start >= s.start && r.end <= s.end;

/** Gives each pair finding to the link whose statements hold its range, else the first link of its check area. */
function attachFindings(links: Draft[], findings: model.Finding[], ua: string, ub: string, service: LanguageService): void {
  if (findings.length === 0) return;
  for (const f of findings) {
    let target = links.find((l) => l.spans.some((s) => s.uri === f.uri && within(f.range, s.range)) && (AREA_KINDS[areaOf(f.code)] ?? LINK_KINDS).includes(l.kind));
    target ??= links.find((l) => (AREA_KINDS[areaOf(f.code)] ?? LINK_KINDS).includes(l.kind));
    if (!target) {
      // Paired by a key this view does not draw (an OSPF subnet of another mask, a wildcard responder): a link of the area.
      const area = areaOf(f.code);
      const kind: LinkKind = area === 'ospf' ? 'ospf' : area === 'dmvpn' ? 'dmvpn' : area === 'l2tp' ? 'l2tp' : isExternal(ua) || isExternal(ub) ? 'external' : 'ipsec-crypto-map';
      target = { kind, a: { device: ua, label: service.getDevice(ua)?.name ?? ua }, b: { device: ub, label: service.getDevice(ub)?.name ?? ub }, spans: [], findings: [] };
      links.push(target);
    }
    target.findings.push(f);
  }
}

const areaOf = (code: string) => code.slice(0, Math.max(0, code.indexOf('/')));
