// Which devices may talk to each other: the keys a device targets (peer addresses, tunnel destinations,
// NHRP NBMA addresses) and the keys it owns (interface addresses), plus shared OSPF/tunnel subnets.
// Two devices are paired when one targets what the other owns, or they share a link subnet. A workspace may hold
// many networks that reuse the same private addresses (a folder per customer, a lab per exercise), so when an
// address is owned by several devices the partner is chosen by scope (netcfg.yaml `networks:`), then by the
// nearest folder, then by mutual targeting; a choice that stays open pairs nothing and is reported.
// Imports only model/.

import * as model from '../model';

type Range = model.Finding['range'];

export interface PairKeys {
  /** Addresses this device sends IKE/GRE/NHRP to. */
  targets: Set<string>;
  /**
   * Addresses this device owns, in model order (an address twice is listed twice). A list, not a Set: a fleet
   * router owns ~130 addresses, and only `ownsAny`'s membership tests need a Set, made on first use (`ownedSet`).
   */
  owned: readonly string[];
  /** `owned` as a Set, once a membership test asked for it. */
  ownedSet?: Set<string>;
  /** Link subnets (CIDR) of OSPF-enabled and tunnel interfaces. */
  links: Set<string>;
  /**
   * The networks of each OSPF interface address at every other prefix length: a neighbour whose mask differs
   * (10.0.0.1/24 against 10.0.0.2/25) registers a link that one of these hits, so the pair is found and
   * `ospf/subnet-mismatch` can judge it — without pairing every device of a shared /16.
   */
  linkProbes: Set<string>;
  /** This device's own addresses on each of its links and link probes (canonical network → addresses). */
  linkAddresses: Map<string, Set<string>>;
  /** Accepts any peer (wildcard key / dynamic map / 0.0.0.0/0 / passive any). */
  acceptsAny: boolean;
  /**
   * Explicit scopes (netcfg.yaml `networks:` names) the device's file belongs to; empty when none. Devices whose
   * scopes are both non-empty and disjoint never pair.
   */
  scopes: readonly string[];
}

export function pairKeys(device: model.Device, scopes: readonly string[] = []): PairKeys {
  const targets = new Set<string>();
  const owned: string[] = [];
  for (const a of model.interfaceAddresses(device)) owned.push(canonical(a));
  for (const a of device.extraAddresses) owned.push(canonical(a.value));
  const links = new Set<string>();
  const linkProbes = new Set<string>();
  const linkAddresses = new Map<string, Set<string>>();
  const onLink = (net: string, address: string | undefined) => {
    if (!address) return;
    const a = canonical(address);
    const set = linkAddresses.get(net);
    if (set) set.add(a);
    else linkAddresses.set(net, new Set([a]));
  };
  let acceptsAny = false;
  for (const peer of device.ipsecPeers) {
    if (peer.remote) targets.add(canonical(peer.remote.value));
    else acceptsAny = true;
  }
  // Members of a multipoint cloud are neighbours of their hubs, not of each other (interop-rules errata §0): an mGRE
  // spoke (it registers with an NHS) offers its tunnel subnet as a probe, which meets a hub's link but never another
  // spoke's probe — so 700 spokes of one cloud pair with the hub, not with each other. A point-to-point tunnel (one
  // with a destination: DMVPN phase 1 spokes, GRE, VTI) only ever talks to its destination, which it targets: its
  // subnet is a probe too, so the phase 1 spokes of one hub sharing a tunnel subnet never pair with each other.
  const spokeTunnels = new Set<string>();
  for (const itf of device.interfaces) {
    const t = itf.tunnel;
    if (t) {
      if (t.destination) targets.add(canonical(t.destination.value));
      for (const m of t.nhrp?.maps ?? []) targets.add(canonical(m.nbma));
      for (const m of t.nhrp?.multicastMaps ?? []) if (m.nbma !== 'dynamic') targets.add(canonical(m.nbma));
      const spoke = (t.mode.value === 'mgre' && (t.nhrp?.nhs.length ?? 0) > 0) || t.destination !== undefined;
      if (spoke) spokeTunnels.add(itf.name);
      for (const a of itf.addresses) {
        const net = networkOf(a.address, a.prefixLength);
        if (!net) continue;
        (spoke ? linkProbes : links).add(net);
        onLink(net, a.address);
      }
    }
  }
  for (const o of device.ospfInterfaces) {
    if (!o.prefix) continue;
    // A BIRD interface pattern may carry host bits (`"eth0" 10.0.0.5/24`): its link is the network.
    const slash = o.prefix.indexOf('/');
    const ownLength = slash < 0 ? NaN : Number(o.prefix.slice(slash + 1));
    const v4 = slash < 0 ? undefined : model.parseIpv4(o.prefix.slice(0, slash));
    const prefix = (v4 !== undefined && /^\d{1,2}$/.test(o.prefix.slice(slash + 1)) ? networkOf(o.prefix.slice(0, slash), ownLength) : model.canonicalPrefix(o.prefix)) ?? o.prefix;
    (spokeTunnels.has(o.interfaceName) ? linkProbes : links).add(prefix);
    onLink(prefix, o.address);
    const addr = o.address ? model.parsePrefix(o.address) : undefined;
    if (!addr) continue;
    const width = addr.family === 4 ? 32 : 128;
    const own = model.parsePrefix(o.prefix)?.length ?? width;
    for (let len = Math.max(8, own - 8); len <= Math.min(width, own + 8); len++) {
      if (len === own) continue;
      const net = networkOf(o.address!, len);
      if (!net) continue;
      linkProbes.add(net);
      onLink(net, o.address);
    }
  }
  return { targets, owned, links, linkProbes, linkAddresses, acceptsAny, scopes: [...scopes] };
}

/**
 * `model.canonicalAddress(text) ?? text`. The common case, an IPv4 address already in canonical form (decimal
 * octets without leading zeros), is returned as it is: parsing and formatting it again made a new string per
 * interface address of every device (most of `pairKeys` on a fleet).
 */
function canonical(text: string): string {
  return isCanonicalIpv4(text) ? text : (model.canonicalAddress(text) ?? text);
}

/** Whether `text` is a dotted quad exactly as `model.formatIpv4` writes it. */
function isCanonicalIpv4(text: string): boolean {
  return canonicalIpv4Value(text) >= 0;
}

/** The value of a dotted quad written exactly as `model.formatIpv4` writes it (a 32-bit unsigned number), else -1. */
function canonicalIpv4Value(text: string): number {
  const n = text.length;
  if (n < 7 || n > 15) return -1;
  let dots = 0;
  let start = 0;
  let value = 0;
  let octet = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 46;
    if (c === 46) {
      const len = i - start;
      if (len === 0 || len > 3 || (len > 1 && text.charCodeAt(start) === 48) || octet > 255) return -1;
      value = value * 256 + octet;
      octet = 0;
      if (i < n) dots++;
      start = i + 1;
    } else if (c < 48 || c > 57) return -1;
    else octet = octet * 10 + (c - 48);
  }
  return dots === 3 ? value : -1;
}

/** `model.networkOf`, computed without bigints for an IPv4 address (the same text). */
function networkOf(address: string, length: number): string | undefined {
  const v4 = model.parseIpv4(address);
  if (v4 === undefined || !Number.isInteger(length) || length < 0 || length > 32) return model.networkOf(address, length);
  const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return `${model.formatIpv4((v4 & mask) >>> 0)}/${length}`;
}

/** A target address owned by several devices that neither scope, folder nor mutual targeting tells apart. */
export interface AmbiguousTarget {
  /** The targeted address (canonical). */
  address: string;
  /** URIs of the devices that own it and fit equally well. */
  candidates: string[];
}

/** The outcome of choosing among the owners of one address. */
interface Choice {
  chosen: readonly string[];
  /** Set when more than one candidate fits equally: nothing is chosen. */
  ambiguous?: readonly string[];
}

const NONE: Choice = { chosen: [] };

/**
 * The devices under one key of the index: one URI as a string (most keys: an interface address, a LAN subnet), a
 * Set from the second on. A Set per key was most of `PairIndex.set`'s cost and garbage on a 1,000-router fleet.
 * Members keep their insertion order either way.
 */
type Bucket = string | Set<string>;
const NO_MEMBERS: readonly string[] = [];

function bucketAdd(m: Map<string, Bucket>, key: string, uri: string): void {
  const b = m.get(key);
  if (b === undefined) m.set(key, uri);
  else if (typeof b !== 'string') b.add(uri);
  else if (b !== uri) m.set(key, new Set([b, uri]));
}

function bucketDelete(m: Map<string, Bucket>, key: string, uri: string): void {
  const b = m.get(key);
  if (b === undefined) return;
  if (typeof b !== 'string') {
    b.delete(uri);
    if (b.size === 0) m.delete(key);
  } else if (b === uri) m.delete(key);
}

function members(b: Bucket | undefined): Iterable<string> {
  return b === undefined ? NO_MEMBERS : typeof b === 'string' ? [b] : b;
}

function bucketSize(b: Bucket | undefined): number {
  return b === undefined ? 0 : typeof b === 'string' ? 1 : b.size;
}

function bucketHas(b: Bucket | undefined, uri: string): boolean {
  return b !== undefined && (typeof b === 'string' ? b === uri : b.has(uri));
}

/**
 * The owners of each address, the bulk of the index (a fleet router owns ~130 addresses, most keys hold one to four
 * devices): an IPv4 address (canonical) is its 32-bit value in an open-addressing table of typed arrays, other
 * addresses (IPv6) are a Map by text. A Map of 30,000+ strings cost ~3x the rest of indexing a 1,000-router fleet
 * in the CLI, where each insert met a cold cache and a young key string (docs/performance.md, branch fleet-after).
 * Same buckets and member order as the Map it replaces.
 */
class AddressBuckets {
  /** Slot → address value (as int32); `state` says whether the slot is empty (0), used (1) or deleted (2). */
  private keys = new Int32Array(1024);
  private state = new Uint8Array(1024);
  private buckets: (Bucket | undefined)[] = new Array<Bucket | undefined>(1024);
  private shift = 22; // 32 - log2(capacity)
  /** Used and deleted slots: the table grows past half full. */
  private filled = 0;
  private others = new Map<string, Bucket>();

  get(address: string): Bucket | undefined {
    const v4 = canonicalIpv4Value(address);
    if (v4 < 0) return this.others.get(address);
    const i = this.find(v4 | 0);
    return i < 0 ? undefined : this.buckets[i];
  }

  add(address: string, uri: string): void {
    const v4 = canonicalIpv4Value(address);
    if (v4 < 0) return bucketAdd(this.others, address, uri);
    const key = v4 | 0;
    const i = this.find(key);
    if (i >= 0) {
      const b = this.buckets[i]!;
      if (typeof b !== 'string') b.add(uri);
      else if (b !== uri) this.buckets[i] = new Set([b, uri]);
      return;
    }
    if ((this.filled + 1) * 2 > this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let j = Math.imul(key, 0x9e3779b1) >>> this.shift;
    while (this.state[j] === 1) j = (j + 1) & mask;
    if (this.state[j] === 0) this.filled++;
    this.keys[j] = key;
    this.state[j] = 1;
    this.buckets[j] = uri;
  }

  delete(address: string, uri: string): void {
    const v4 = canonicalIpv4Value(address);
    if (v4 < 0) return bucketDelete(this.others, address, uri);
    const i = this.find(v4 | 0);
    if (i < 0) return;
    const b = this.buckets[i]!;
    if (typeof b !== 'string') {
      b.delete(uri);
      if (b.size > 0) return;
    } else if (b !== uri) return;
    this.state[i] = 2;
    this.buckets[i] = undefined;
  }

  /** The slot holding `key`, or -1. */
  private find(key: number): number {
    const mask = this.keys.length - 1;
    let j = Math.imul(key, 0x9e3779b1) >>> this.shift;
    for (;;) {
      const st = this.state[j];
      if (st === 0) return -1;
      if (st === 1 && this.keys[j] === key) return j;
      j = (j + 1) & mask;
    }
  }

  /** Doubles the table (or rebuilds it at its size when deleted slots filled it), keeping the used slots. */
  private grow(): void {
    const keys = this.keys;
    const state = this.state;
    const buckets = this.buckets;
    let used = 0;
    for (let j = 0; j < state.length; j++) if (state[j] === 1) used++;
    const size = (used + 1) * 4 > keys.length ? keys.length * 2 : keys.length;
    this.keys = new Int32Array(size);
    this.state = new Uint8Array(size);
    this.buckets = new Array<Bucket | undefined>(size);
    this.shift = 32 - Math.log2(size);
    this.filled = used;
    const mask = size - 1;
    for (let i = 0; i < state.length; i++) {
      if (state[i] !== 1) continue;
      let j = Math.imul(keys[i], 0x9e3779b1) >>> this.shift;
      while (this.state[j] === 1) j = (j + 1) & mask;
      this.keys[j] = keys[i];
      this.state[j] = 1;
      this.buckets[j] = buckets[i];
    }
  }
}

/** An index of all devices' pair keys, updated one device at a time. */
export class PairIndex {
  private keys = new Map<string, PairKeys>();
  /** Folder segments of each uri (`file:///ws/custA/r1.ios` → ['file:', '', 'ws', 'custA']). */
  private folders = new Map<string, string[]>();
  private byOwned = new AddressBuckets();
  private byLink = new Map<string, Bucket>();
  private byTarget = new Map<string, Bucket>();
  private byProbe = new Map<string, Bucket>();
  /** Memo of `chooseTarget` (`from\0address`), valid until the next `set`: a hub's many spokes ask the same question. */
  private choices = new Map<string, Choice>();

  set(uri: string, keys: PairKeys | undefined): void {
    this.choices.clear();
    const old = this.keys.get(uri);
    if (old) {
      for (const a of old.owned) this.byOwned.delete(a, uri);
      for (const l of old.links) bucketDelete(this.byLink, l, uri);
      for (const t of old.targets) bucketDelete(this.byTarget, t, uri);
      for (const p of old.linkProbes) bucketDelete(this.byProbe, p, uri);
      this.keys.delete(uri);
      this.folders.delete(uri);
    }
    if (!keys) return;
    this.keys.set(uri, keys);
    this.folders.set(uri, folderOf(uri));
    for (const a of keys.owned) this.byOwned.add(a, uri);
    for (const l of keys.links) bucketAdd(this.byLink, l, uri);
    for (const t of keys.targets) bucketAdd(this.byTarget, t, uri);
    for (const p of keys.linkProbes) bucketAdd(this.byProbe, p, uri);
  }

  /** Devices that own `address` (canonical), in no particular order. */
  ownersOf(address: string): string[] {
    return [...members(this.byOwned.get(address))];
  }

  /** Devices that target `address` (canonical): IKE peers, tunnel destinations, NHRP NBMA addresses. */
  targetersOf(address: string): string[] {
    return [...members(this.byTarget.get(address))];
  }

  /** The owner(s) of `address` that `from` talks to, as pairing chooses them; every fitting owner when it cannot choose. */
  ownersFor(from: string, address: string): string[] {
    const owners = this.byOwned.get(address);
    if (bucketSize(owners) === 0) return [];
    if (bucketHas(owners, from)) return [from];
    const c = this.chooseTarget(from, address);
    return [...(c.chosen.length ? c.chosen : c.ambiguous ?? members(owners))];
  }

  /** The pair keys a device was indexed with. */
  keysOf(uri: string): PairKeys | undefined {
    return this.keys.get(uri);
  }

  /**
   * URIs of devices paired with `uri` (never `uri` itself): the chosen owner of each address it targets, the
   * devices whose choice for one of its addresses is this one, and the devices on its links that it and they
   * both choose (an address on the link owned by several devices is resolved like a target).
   */
  partners(uri: string): Set<string> {
    const res = new Set<string>();
    const keys = this.keys.get(uri);
    if (!keys) return res;
    // A pair one side chose is not made when the other side targets the chooser's address but chose another owner
    // of it, or could not choose: a copy of a MikroTik in another folder still targets this router, but this
    // router's peer is the MikroTik next to it (or, when it cannot tell, no check runs on a guess).
    for (const t of keys.targets) for (const u of this.chooseTarget(uri, t).chosen) if (!this.rejects(u, uri)) res.add(u);
    // Most owned addresses and probes have no bucket here: looked up without iterating an empty member list (an
    // iterator per address was ~3% of the bytes a 1M-line check allocates).
    const owned = keys.owned;
    for (let i = 0; i < owned.length; i++) {
      const b = this.byTarget.get(owned[i]);
      if (b === undefined) continue;
      if (typeof b === 'string') this.addTargeter(res, uri, b, owned[i]);
      else for (const u of b) this.addTargeter(res, uri, u, owned[i]);
    }
    for (const l of keys.links) {
      this.addOnLink(res, uri, l, this.byLink.get(l));
      this.addOnLink(res, uri, l, this.byProbe.get(l));
    }
    for (const p of keys.linkProbes) this.addOnLink(res, uri, p, this.byLink.get(p));
    res.delete(uri);
    return res;
  }

  /** `partners`: `u`, which targets `uri`'s address `a`, when it chooses `uri` for it and `uri` does not reject it. */
  private addTargeter(res: Set<string>, uri: string, u: string, a: string): void {
    if (u !== uri && !res.has(u) && this.chooseTarget(u, a).chosen.includes(uri) && !this.rejects(uri, u)) res.add(u);
  }

  /** `partners`: the members of `bucket` that meet `uri` on link `net`. */
  private addOnLink(res: Set<string>, uri: string, net: string, bucket: Bucket | undefined): void {
    if (bucket === undefined) return;
    if (typeof bucket === 'string') {
      if (bucket !== uri && !res.has(bucket) && this.meetOnLink(uri, bucket, net)) res.add(bucket);
      return;
    }
    for (const u of bucket) if (u !== uri && !res.has(u) && this.meetOnLink(uri, u, net)) res.add(u);
  }

  /** The targets of `uri` whose owner cannot be chosen (reported as `pairing/ambiguous-peer`). */
  ambiguities(uri: string): AmbiguousTarget[] {
    const keys = this.keys.get(uri);
    const res: AmbiguousTarget[] = [];
    if (!keys) return res;
    for (const t of keys.targets) {
      const c = this.chooseTarget(uri, t);
      if (c.ambiguous) res.push({ address: t, candidates: [...c.ambiguous] });
    }
    return res;
  }

  /**
   * Every device whose partners may change when `uri` changes: the devices that share a key with it (owners of
   * its targets, devices targeting or also owning its addresses, devices on its links), whether chosen or not.
   */
  neighbourhood(uri: string): Set<string> {
    const res = new Set<string>();
    const keys = this.keys.get(uri);
    if (!keys) return res;
    const addAll = (b: Bucket | undefined) => {
      for (const u of members(b)) res.add(u);
    };
    for (const t of keys.targets) addAll(this.byOwned.get(t));
    for (const a of keys.owned) {
      addAll(this.byTarget.get(a));
      addAll(this.byOwned.get(a));
    }
    for (const l of keys.links) {
      addAll(this.byLink.get(l));
      addAll(this.byProbe.get(l));
    }
    for (const p of keys.linkProbes) addAll(this.byLink.get(p));
    res.delete(uri);
    return res;
  }

  /** Which owner of `address` device `from` talks to (memoised `chooseOwner` over all its owners). */
  private chooseTarget(from: string, address: string): Choice {
    const key = `${from}\u0000${address}`;
    let res = this.choices.get(key);
    if (!res) this.choices.set(key, (res = this.chooseOwner(from, this.byOwned.get(address))));
    return res;
  }

  /**
   * Which of the `owners` of one address device `from` talks to: by explicit scope, then the nearest folder, then
   * mutual targeting. Owning the address itself wins (a copy of this device elsewhere is not its peer).
   */
  private chooseOwner(from: string, owners: Bucket | undefined): Choice {
    if (owners === undefined || bucketSize(owners) === 0) return NONE;
    if (bucketHas(owners, from)) return NONE;
    const mine = this.keys.get(from);
    if (!mine) return NONE;
    if (bucketSize(owners) === 1) {
      const only = typeof owners === 'string' ? owners : (owners.values().next().value as string);
      return compatible(mine.scopes, this.keys.get(only)?.scopes ?? []) ? { chosen: [only] } : NONE;
    }
    let left = [...members(owners)].filter((u) => compatible(mine.scopes, this.keys.get(u)?.scopes ?? []));
    if (left.length <= 1) return { chosen: left };
    // a. An explicit scope shared with `from` beats unscoped candidates.
    if (mine.scopes.length) {
      const same = left.filter((u) => shareScope(mine.scopes, this.keys.get(u)!.scopes));
      if (same.length) left = same;
      if (left.length === 1) return { chosen: left };
    }
    // b. The nearest in the folder tree (longest common folder prefix).
    const here = this.folders.get(from) ?? [];
    let best = -1;
    let nearest: string[] = [];
    for (const u of left) {
      const d = commonPrefix(here, this.folders.get(u) ?? []);
      if (d > best) {
        best = d;
        nearest = [u];
      } else if (d === best) nearest.push(u);
    }
    if (nearest.length === 1) return { chosen: nearest };
    // c. The candidate that itself targets an address `from` owns.
    const mutual = nearest.filter((u) => this.targetsAnyOf(u, mine));
    if (mutual.length === 1) return { chosen: mutual };
    return { chosen: [], ambiguous: mutual.length > 1 ? mutual : nearest };
  }

  /** Whether `a` and `b` are neighbours on link `net`: each chooses the other among the owners of its address there. */
  private meetOnLink(a: string, b: string, net: string): boolean {
    return this.choosesOnLink(a, b, net) && this.choosesOnLink(b, a, net);
  }

  /** Whether `from` chooses `to` on `net`: for each of `to`'s addresses there, `to` is the choice among its owners on `net`. */
  private choosesOnLink(from: string, to: string, net: string): boolean {
    const mine = this.keys.get(from);
    const theirs = this.keys.get(to);
    if (!mine || !theirs || !compatible(mine.scopes, theirs.scopes)) return false;
    const addresses = theirs.linkAddresses.get(net);
    // An address-less link end (a BIRD interface pattern) cannot be told apart from a copy: scope alone decides.
    if (!addresses || addresses.size === 0) return true;
    const own = mine.linkAddresses.get(net);
    for (const a of addresses) {
      if (own?.has(a)) return false;
      const all = this.byOwned.get(a);
      // The common case: `to` alone owns the address (scopes were checked above).
      if (all === undefined || all === to || (typeof all !== 'string' && all.size === 1 && all.has(to))) continue;
      const owners = new Set<string>([to]);
      for (const u of members(all)) {
        const k = this.keys.get(u);
        if (k && (k.links.has(net) || k.linkProbes.has(net))) owners.add(u);
      }
      if (!this.chooseOwner(from, owners).chosen.includes(to)) return false;
    }
    return true;
  }

  /** Whether `from` targets addresses `to` owns but chooses `to` for none of them (another owner, or no choice). */
  private rejects(from: string, to: string): boolean {
    const targets = this.keys.get(from)?.targets;
    const theirs = this.keys.get(to);
    if (!targets || !theirs) return false;
    let targeted = false;
    const check = (a: string): boolean => {
      if (this.chooseTarget(from, a).chosen.includes(to)) return true;
      targeted = true;
      return false;
    };
    if (targets.size <= theirs.owned.length) {
      const owned = ownedSet(theirs);
      for (const a of targets) if (owned.has(a) && check(a)) return false;
    } else {
      for (const a of theirs.owned) if (targets.has(a) && check(a)) return false;
    }
    return targeted;
  }

  /** Whether `uri` targets any address `other` owns. */
  private targetsAnyOf(uri: string, other: PairKeys): boolean {
    const targets = this.keys.get(uri)?.targets;
    if (!targets) return false;
    if (targets.size <= other.owned.length) {
      const owned = ownedSet(other);
      for (const a of targets) if (owned.has(a)) return true;
      return false;
    }
    for (const a of other.owned) if (targets.has(a)) return true;
    return false;
  }
}

/** `keys.owned` as a Set, made on first use. */
function ownedSet(keys: PairKeys): Set<string> {
  return (keys.ownedSet ??= new Set(keys.owned));
}

/** Two devices may pair unless both have explicit scopes and share none. */
function compatible(a: readonly string[], b: readonly string[]): boolean {
  return a.length === 0 || b.length === 0 || shareScope(a, b);
}

function shareScope(a: readonly string[], b: readonly string[]): boolean {
  for (const s of a) if (b.includes(s)) return true;
  return false;
}

/** The folder segments of a uri, without query/fragment (an external peer `<yaml>#name` lives in the yaml's folder). */
function folderOf(uri: string): string[] {
  const parts = uri.replace(/[?#].*$/, '').split(/[/\\]/);
  parts.pop();
  return parts;
}

function commonPrefix(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/**
 * `pairing/ambiguous-peer`: information on each statement of `device` that targets an ambiguous address (IKE peer
 * `set peer` / `address=` / `peer`, tunnel destination, NHRP NBMA), with related information on every candidate's
 * owning address. `deviceOf` resolves a candidate uri (undefined for one that is gone).
 */
export function ambiguousPeerFindings(device: model.Device, ambiguities: readonly AmbiguousTarget[], deviceOf: (uri: string) => model.Device | undefined): model.Finding[] {
  const res: model.Finding[] = [];
  if (ambiguities.length === 0) return res;
  const byAddress = new Map(ambiguities.map((a) => [a.address, a] as const));
  const statements = new Map<string, { address: string; range: Range }>();
  const note = (value: string | undefined, range: Range | undefined) => {
    if (!value || !range) return;
    const address = model.canonicalAddress(value) ?? value;
    if (byAddress.has(address)) statements.set(`${range.start}:${range.end}`, { address, range });
  };
  for (const peer of device.ipsecPeers) note(peer.remote?.value, peer.remote?.range);
  for (const itf of device.interfaces) {
    const t = itf.tunnel;
    if (!t) continue;
    note(t.destination?.value, t.destination?.range);
    for (const m of t.nhrp?.maps ?? []) note(m.nbma, m.range);
    for (const m of t.nhrp?.multicastMaps ?? []) if (m.nbma !== 'dynamic') note(m.nbma, m.range);
  }
  // A target with no statement range (an implicit value) is reported at the hostname.
  for (const a of ambiguities) {
    if (![...statements.values()].some((s) => s.address === a.address)) statements.set(`host:${a.address}`, { address: a.address, range: device.hostnameRange ?? { start: 0, end: 0 } });
  }
  for (const { address, range } of statements.values()) {
    const candidates = byAddress.get(address)!.candidates;
    const related: model.RelatedLocation[] = [];
    const names: string[] = [];
    for (const uri of candidates) {
      const d = deviceOf(uri);
      names.push(`${d?.name ?? shortPath(uri)} (${shortPath(uri)})`);
      related.push({ uri, range: (d && ownedRange(d, address)) ?? d?.hostnameRange ?? { start: 0, end: 0 }, message: `${d?.name ?? shortPath(uri)} owns ${address}` });
    }
    res.push({
      uri: device.uri,
      range,
      severity: 'information',
      code: 'pairing/ambiguous-peer',
      message:
        `${address} is owned by ${candidates.length} devices netcfg cannot tell apart: ${names.join(', ')}. No cross-file check is run for this peer rather than one on a guess. ` +
        'Scope each network with a `networks:` entry in netcfg.yaml (e.g. `networks: { custA: ["custA/**"], custB: ["custB/**"] }`), or keep each network in its own folder.',
      related,
      fixes: [],
    });
  }
  return res;
}

/** The range of the interface address (or other owned address) `address` on `device`, if it has one. */
function ownedRange(device: model.Device, address: string): Range | undefined {
  const range = model.interfaceAddressRange(device, (a) => (model.canonicalAddress(a) ?? a) === address);
  if (range) return range;
  for (const a of device.extraAddresses) if (a.range && (model.canonicalAddress(a.value) ?? a.value) === address) return a.range;
  return undefined;
}

/** The last two segments of a uri's path (`custA/r1.ios`), for messages. */
function shortPath(uri: string): string {
  const parts = uri.replace(/[?#].*$/, '').split(/[/\\]/);
  return parts.slice(-2).join('/');
}
