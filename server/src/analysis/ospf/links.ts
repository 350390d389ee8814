// Which OSPF interfaces of two devices are neighbours on one link: a shared subnet (one address inside the
// other's prefix, so a mask mismatch still pairs), or the two ends of a GRE tunnel (destination ↔ source).
// Which tunnel of a device another device's tunnel talks to when several share one source address (the GRE
// key tells them apart; DMVPN and IPsec use it too). Shut interfaces are on no link. Imports only model/ and
// this area's helpers.

import * as model from '../../model';
import { canon, interfaceDown, interfacesByName, ownedSet } from './common';

/** One tunnel interface of a device. */
export interface TunnelSide {
  device: model.Device;
  itf: model.Interface;
  t: model.Tunnel;
}

/** Whether `a` names one of `b`'s tunnel addresses as NHRP server or in an NHRP map. */
function namesTunnel(a: TunnelSide, b: TunnelSide): boolean {
  const nhrp = a.t.nhrp;
  if (!nhrp || b.itf.addresses.length === 0) return false;
  const mine = new Set(b.itf.addresses.map((x) => canon(x.address)));
  return nhrp.nhs.some((n) => mine.has(canon(n.value))) || nhrp.maps.some((m) => mine.has(canon(m.tunnelAddress)));
}

/** Whether an address of one interface lies in a subnet of the other. */
function sharesSubnet(a: model.Interface, b: model.Interface): boolean {
  const inside = (x: model.Interface, y: model.Interface) =>
    x.addresses.some((ax) => {
      const net = model.networkOf(ax.address, ax.prefixLength);
      return net !== undefined && y.addresses.some((ay) => model.prefixContains(net, ay.address));
    });
  return inside(a, b) || inside(b, a);
}

/**
 * How surely two tunnels on different devices are the two ends of one GRE link: the same `tunnel key` (or none
 * on both) 4, one names the other's tunnel address in NHRP 2, a shared tunnel subnet 1. `ip nhrp network-id` is
 * local to each router (interop-rules §5 D-4) and never tells tunnels apart across devices.
 */
export function tunnelAffinity(a: TunnelSide, b: TunnelSide): number {
  let score = 0;
  if (a.t.key?.value === b.t.key?.value) score += 4;
  if (namesTunnel(a, b) || namesTunnel(b, a)) score += 2;
  if (sharesSubnet(a.itf, b.itf)) score += 1;
  return score;
}

/**
 * The candidates `self` really talks to, among tunnels of ONE other device: the router demultiplexes GRE
 * arriving on one source address by key, so of several candidate tunnels sharing a source only the one with the
 * best `tunnelAffinity` is kept (the first in configuration order on a tie). Tunnels with different or unknown
 * sources are kept as they are. Linear in the candidates.
 */
export function pickTunnels<T>(self: TunnelSide, candidates: readonly T[], side: (c: T) => TunnelSide): T[] {
  if (candidates.length < 2) return [...candidates];
  const best = new Map<string, { c: T; score: number }>();
  const keep: T[] = [];
  for (const c of candidates) {
    const s = side(c);
    if (!s.t.source) {
      keep.push(c);
      continue;
    }
    const group = canon(s.t.source.value);
    const score = tunnelAffinity(self, s);
    const cur = best.get(group);
    if (!cur || score > cur.score) best.set(group, { c, score });
  }
  const chosen = new Set<T>(keep);
  for (const { c } of best.values()) chosen.add(c);
  return candidates.filter((c) => chosen.has(c));
}

/** The tunnel side of an OSPF interface running on a tunnel. */
function tunnelSideOf(device: model.Device, o: model.OspfInterface): TunnelSide | undefined {
  const itf = interfacesByName(device).get(o.interfaceName);
  return itf?.tunnel ? { device, itf, t: itf.tunnel } : undefined;
}

/** Whether the interface an OSPF interface runs on is shut (or a tunnel over a shut source). */
export function ospfInterfaceDown(device: model.Device, o: model.OspfInterface): boolean {
  return interfaceDown(device, interfacesByName(device).get(o.interfaceName));
}

/** Two OSPF interfaces expected to form an adjacency: `x` on device `a`, `y` on device `b`. */
export interface OspfLink {
  a: model.Device;
  x: model.OspfInterface;
  b: model.Device;
  y: model.OspfInterface;
}

/** The tunnel behind an OSPF interface, when it runs on a GRE/mGRE tunnel interface. */
export function tunnelOf(device: model.Device, o: model.OspfInterface): model.Tunnel | undefined {
  return interfacesByName(device).get(o.interfaceName)?.tunnel;
}

function isGre(t: model.Tunnel): boolean {
  return t.mode.value === 'gre' || t.mode.value === 'mgre';
}

/** Whether a p2p tunnel's destination reaches device `b` (its tunnel source or any address it owns). */
function destinationReaches(dest: string, b: model.Device, tb: model.Tunnel | undefined): boolean {
  const d = canon(dest);
  if (tb?.source && canon(tb.source.value) === d) return true;
  return ownedSet(b).has(d);
}

/**
 * Canonical CIDR of an OSPF interface prefix, tolerant of a doubled length (`10.0.0.0/24/24`) so one dialect's
 * slip does not silently hide every adjacency.
 */
export function linkPrefix(prefix: string | undefined): string | undefined {
  if (!prefix) return undefined;
  const direct = model.canonicalPrefix(prefix);
  if (direct) return direct;
  const m = /^([^/]+\/\d+)\/\d+$/.exec(prefix);
  return m ? model.canonicalPrefix(m[1]) : undefined;
}

/** Types that never form an adjacency with a peer on a shared link (handled elsewhere or not at all). */
export function linkless(o: model.OspfInterface): boolean {
  return o.networkType.value === 'loopback' || o.networkType.value === 'virtual-link';
}

/** Whether `x` on `a` and `y` on `b` sit on one link and should become OSPF neighbours. */
export function areNeighbours(a: model.Device, x: model.OspfInterface, b: model.Device, y: model.OspfInterface): boolean {
  if (x.version !== y.version || linkless(x) || linkless(y)) return false;
  if (ospfInterfaceDown(a, x) || ospfInterfaceDown(b, y)) return false;
  const ta = tunnelOf(a, x);
  const tb = tunnelOf(b, y);
  // GRE with a different (or a missing) key is dropped: the two tunnels are not on one link, whatever their
  // subnets (a multi-VRF hub reuses one subnet per key). A spoke keyed unlike its hub is `dmvpn/tunnel-key-mismatch`.
  if (ta && tb && isGre(ta) && isGre(tb) && ta.key?.value !== tb.key?.value) return false;
  // A point-to-point GRE tunnel only ever talks to the router at its destination (spokes of one hub share
  // the tunnel subnet but are not neighbours of each other).
  if (ta?.destination && !destinationReaches(ta.destination.value, b, tb)) return false;
  if (tb?.destination && !destinationReaches(tb.destination.value, a, ta)) return false;
  // Unnumbered / differently numbered p2p tunnels: both destinations point at each other.
  if (ta?.destination && tb?.destination) return true;
  if (x.address && y.address && model.sameAddress(x.address, y.address)) return false;
  const px = linkPrefix(x.prefix);
  const py = linkPrefix(y.prefix);
  if (px && y.address && model.prefixContains(px, y.address)) return true;
  if (py && x.address && model.prefixContains(py, x.address)) return true;
  return !x.address && !y.address && px !== undefined && px === py;
}

/**
 * Every neighbour pair between two devices. A tunnel that could reach several tunnels of the other device over
 * one source address is linked to the one its key selects only (`pickTunnels`), from either end. Quadratic in
 * the OSPF interfaces of the two devices only.
 */
export function ospfLinks(a: model.Device, b: model.Device): OspfLink[] {
  const res: OspfLink[] = [];
  if (a.ospfInterfaces.length === 0 || b.ospfInterfaces.length === 0) return res;
  for (const x of a.ospfInterfaces) for (const y of b.ospfInterfaces) if (areNeighbours(a, x, b, y)) res.push({ a, x, b, y });
  if (res.length < 2) return res;
  // Tunnel ↔ tunnel links, grouped by either end; a link stays when both ends choose it.
  const sides = new Map<model.OspfInterface, TunnelSide | undefined>();
  const sideOf = (d: model.Device, o: model.OspfInterface) => {
    if (!sides.has(o)) sides.set(o, tunnelSideOf(d, o));
    return sides.get(o);
  };
  const dropped = new Set<OspfLink>();
  const choose = (end: (l: OspfLink) => model.OspfInterface, dev: model.Device, other: (l: OspfLink) => model.OspfInterface, otherDev: model.Device) => {
    const groups = new Map<model.OspfInterface, OspfLink[]>();
    for (const l of res) {
      if (!sideOf(dev, end(l)) || !sideOf(otherDev, other(l))) continue;
      const g = groups.get(end(l));
      if (g) g.push(l);
      else groups.set(end(l), [l]);
    }
    for (const [o, links] of groups) {
      if (links.length < 2) continue;
      const kept = new Set(pickTunnels(sideOf(dev, o)!, links, (l) => sideOf(otherDev, other(l))!));
      for (const l of links) if (!kept.has(l)) dropped.add(l);
    }
  };
  choose((l) => l.x, a, (l) => l.y, b);
  choose((l) => l.y, b, (l) => l.x, a);
  return dropped.size ? res.filter((l) => !dropped.has(l)) : res;
}

/** NBMA neighbours configured for an interface: its own list plus its process's (`neighbor` under `router ospf`). */
export function configuredNeighbours(device: model.Device, o: model.OspfInterface): Set<string> {
  const res = new Set<string>();
  for (const n of o.neighbors) res.add(canon(n.value));
  for (const p of device.ospf) if (p.id === o.processId && p.version === o.version) for (const n of p.neighbors) res.add(canon(n.value));
  return res;
}
