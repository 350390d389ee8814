// Which devices may talk to each other: the keys a device targets (peer addresses, tunnel destinations,
// NHRP NBMA addresses) and the keys it owns (interface addresses), plus shared OSPF/tunnel subnets.
// Two devices are paired when one targets what the other owns, or they share a link subnet.

import * as model from '../model';

export interface PairKeys {
  /** Addresses this device sends IKE/GRE/NHRP to. */
  targets: Set<string>;
  /** Addresses this device owns. */
  owned: Set<string>;
  /** Link subnets (CIDR) of OSPF-enabled and tunnel interfaces. */
  links: Set<string>;
  /**
   * The networks of each OSPF interface address at every other prefix length: a neighbour whose mask differs
   * (10.0.0.1/24 against 10.0.0.2/25) registers a link that one of these hits, so the pair is found and
   * `ospf/subnet-mismatch` can judge it — without pairing every device of a shared /16.
   */
  linkProbes: Set<string>;
  /** Accepts any peer (wildcard key / dynamic map / 0.0.0.0/0 / passive any). */
  acceptsAny: boolean;
}

export function pairKeys(device: model.Device): PairKeys {
  const targets = new Set<string>();
  const owned = new Set<string>(model.ownedAddresses(device).map((a) => model.canonicalAddress(a) ?? a));
  const links = new Set<string>();
  const linkProbes = new Set<string>();
  let acceptsAny = false;
  for (const peer of device.ipsecPeers) {
    if (peer.remote) targets.add(model.canonicalAddress(peer.remote.value) ?? peer.remote.value);
    else acceptsAny = true;
  }
  for (const itf of device.interfaces) {
    const t = itf.tunnel;
    if (t) {
      if (t.destination) targets.add(model.canonicalAddress(t.destination.value) ?? t.destination.value);
      for (const m of t.nhrp?.maps ?? []) targets.add(model.canonicalAddress(m.nbma) ?? m.nbma);
      for (const m of t.nhrp?.multicastMaps ?? []) if (m.nbma !== 'dynamic') targets.add(model.canonicalAddress(m.nbma) ?? m.nbma);
      for (const a of itf.addresses) {
        const net = model.networkOf(a.address, a.prefixLength);
        if (net) links.add(net);
      }
    }
  }
  for (const o of device.ospfInterfaces) {
    if (!o.prefix) continue;
    links.add(o.prefix);
    const addr = o.address ? model.parsePrefix(o.address) : undefined;
    if (!addr) continue;
    const width = addr.family === 4 ? 32 : 128;
    const own = model.parsePrefix(o.prefix)?.length ?? width;
    for (let len = Math.max(8, own - 8); len <= Math.min(width, own + 8); len++) {
      if (len === own) continue;
      const net = model.networkOf(o.address!, len);
      if (net) linkProbes.add(net);
    }
  }
  return { targets, owned, links, linkProbes, acceptsAny };
}

/** An index of all devices' pair keys, updated one device at a time. */
export class PairIndex {
  private keys = new Map<string, PairKeys>();
  private byOwned = new Map<string, Set<string>>();
  private byLink = new Map<string, Set<string>>();
  private byTarget = new Map<string, Set<string>>();
  private byProbe = new Map<string, Set<string>>();

  set(uri: string, keys: PairKeys | undefined): void {
    const old = this.keys.get(uri);
    if (old) {
      for (const a of old.owned) this.byOwned.get(a)?.delete(uri);
      for (const l of old.links) this.byLink.get(l)?.delete(uri);
      for (const t of old.targets) this.byTarget.get(t)?.delete(uri);
      for (const p of old.linkProbes) this.byProbe.get(p)?.delete(uri);
      this.keys.delete(uri);
    }
    if (!keys) return;
    this.keys.set(uri, keys);
    const add = (m: Map<string, Set<string>>, k: string) => {
      let s = m.get(k);
      if (!s) m.set(k, (s = new Set()));
      s.add(uri);
    };
    for (const a of keys.owned) add(this.byOwned, a);
    for (const l of keys.links) add(this.byLink, l);
    for (const t of keys.targets) add(this.byTarget, t);
    for (const p of keys.linkProbes) add(this.byProbe, p);
  }

  /** URIs of devices paired with `uri` (never `uri` itself). */
  partners(uri: string): Set<string> {
    const res = new Set<string>();
    const keys = this.keys.get(uri);
    if (!keys) return res;
    for (const t of keys.targets) for (const u of this.byOwned.get(t) ?? []) res.add(u);
    for (const a of keys.owned) for (const u of this.byTarget.get(a) ?? []) res.add(u);
    for (const l of keys.links) for (const u of this.byLink.get(l) ?? []) res.add(u);
    for (const p of keys.linkProbes) for (const u of this.byLink.get(p) ?? []) res.add(u);
    for (const l of keys.links) for (const u of this.byProbe.get(l) ?? []) res.add(u);
    res.delete(uri);
    return res;
  }
}
