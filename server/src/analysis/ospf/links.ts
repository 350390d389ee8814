// Which OSPF interfaces of two devices are neighbours on one link: a shared subnet (one address inside the
// other's prefix, so a mask mismatch still pairs), or the two ends of a GRE tunnel (destination ↔ source).
// Imports only model/ and this area's helpers.

import * as model from '../../model';
import { canon, interfacesByName, ownedSet } from './common';

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
function linkless(o: model.OspfInterface): boolean {
  return o.networkType.value === 'loopback' || o.networkType.value === 'virtual-link';
}

/** Whether `x` on `a` and `y` on `b` sit on one link and should become OSPF neighbours. */
export function areNeighbours(a: model.Device, x: model.OspfInterface, b: model.Device, y: model.OspfInterface): boolean {
  if (x.version !== y.version || linkless(x) || linkless(y)) return false;
  const ta = tunnelOf(a, x);
  const tb = tunnelOf(b, y);
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

/** Every neighbour pair between two devices. Quadratic in the OSPF interfaces of the two devices only. */
export function ospfLinks(a: model.Device, b: model.Device): OspfLink[] {
  const res: OspfLink[] = [];
  if (a.ospfInterfaces.length === 0 || b.ospfInterfaces.length === 0) return res;
  for (const x of a.ospfInterfaces) for (const y of b.ospfInterfaces) if (areNeighbours(a, x, b, y)) res.push({ a, x, b, y });
  return res;
}

/** NBMA neighbours configured for an interface: its own list plus its process's (`neighbor` under `router ospf`). */
export function configuredNeighbours(device: model.Device, o: model.OspfInterface): Set<string> {
  const res = new Set<string>();
  for (const n of o.neighbors) res.add(canon(n.value));
  for (const p of device.ospf) if (p.id === o.processId && p.version === o.version) for (const n of p.neighbors) res.add(canon(n.value));
  return res;
}
