// Which IPsec peer of one device talks to which peer of another (interop-rules §0), and what each side
// believes about the other (the address it is seen from, the key it selects). A peer bound to a shut interface
// talks to nobody. Imports only model/ and analysis/.

import * as model from '../../model';
import { interfaceDown, interfaceNamed, perDevice } from '../ospf/common';
import { tunnelAffinity, type TunnelSide } from '../ospf/links';

/** One tunnel between two devices: peer `a` of device `A` and peer `b` of device `B`. */
export interface PeerMatch {
  A: model.Device;
  a: model.IpsecPeer;
  B: model.Device;
  b: model.IpsecPeer;
  /** Whether each side may start the negotiation (a wildcard responder never initiates). */
  aInitiates: boolean;
  bInitiates: boolean;
  /** The address of A that B negotiates with (B's key/selectors are chosen for it). */
  aAddress?: string;
  bAddress?: string;
}

function canon(addr: string): string {
  return model.canonicalAddress(addr) ?? addr;
}

// Owned-address sets per lowered device (devices are not mutated after lowering), so matching stays linear.
const ownedCache = new WeakMap<model.Device, { n: number; set: Set<string> }>();

function ownedOf(device: model.Device): Set<string> {
  const n = device.extraAddresses.length + device.interfaces.length;
  let hit = ownedCache.get(device);
  if (!hit || hit.n !== n) {
    hit = { n, set: new Set(model.ownedAddresses(device).map(canon)) };
    ownedCache.set(device, hit);
  }
  return hit.set;
}

function owns(device: model.Device, addr: string): boolean {
  return ownedOf(device).has(canon(addr));
}

/** Address of `device` that `peer` (on the device) sources IKE from, when it can be told. */
function sourceAddress(device: model.Device, peer: model.IpsecPeer): string | undefined {
  if (peer.local) return canon(peer.local.value);
  if (peer.localInterface) {
    const itf = device.interfaces.find((i) => i.name === peer.localInterface || i.nameif === peer.localInterface);
    const primary = itf?.addresses.find((a) => !a.secondary) ?? itf?.addresses[0];
    if (primary) return canon(primary.address);
  }
  return undefined;
}

/** Does wildcard responder `resp` (on its device) accept IKE from `addr`? */
function acceptsFrom(resp: model.IpsecPeer, addr: string | undefined): boolean {
  if (resp.remote) return false;
  const any = resp.remoteAny ?? '0.0.0.0/0';
  if (!addr) return true;
  return model.prefixContains(any, addr);
}

function initiates(p: model.IpsecPeer): boolean {
  return p.role !== 'responder' && p.remote !== undefined;
}

/**
 * How well `b` (on B) answers `a` (on A), or undefined when it does not.
 * 3: both name each other; 2: a names B and b is a wildcard covering A; 1: same, but A's source is unknown.
 */
function score(A: model.Device, a: model.IpsecPeer, B: model.Device, b: model.IpsecPeer): number | undefined {
  const aSrc = sourceAddress(A, a);
  const bSrc = sourceAddress(B, b);
  if (a.remote && b.remote) {
    if (!owns(B, a.remote.value) || !owns(A, b.remote.value)) return undefined;
    if (bSrc && canon(a.remote.value) !== bSrc) return undefined;
    if (aSrc && canon(b.remote.value) !== aSrc) return undefined;
    return 3;
  }
  if (a.remote && !b.remote) {
    if (!owns(B, a.remote.value)) return undefined;
    if (bSrc && canon(a.remote.value) !== bSrc) return undefined;
    if (!acceptsFrom(b, aSrc)) return undefined;
    return aSrc ? 2 : 1;
  }
  if (!a.remote && b.remote) {
    const s = score(B, b, A, a);
    return s;
  }
  return undefined;
}

/**
 * The tunnel interface of each `tunnel-protection` peer: the interface with `tunnel protection` whose block holds
 * the peer's anchor (the `tunnel protection` line). Linear: interfaces and peers are visited in text order.
 */
const protectedTunnels = perDevice((d): Map<model.IpsecPeer, TunnelSide> => {
  const res = new Map<model.IpsecPeer, TunnelSide>();
  const tunnels = d.interfaces.filter((i) => i.tunnel?.protection).sort((p, q) => p.range.start - q.range.start);
  if (tunnels.length === 0) return res;
  const peers = d.ipsecPeers.filter((p) => p.kind === 'tunnel-protection').sort((p, q) => p.range.start - q.range.start);
  let i = 0;
  for (const p of peers) {
    while (i < tunnels.length && tunnels[i].range.end < p.range.start) i++;
    const itf = tunnels[i];
    if (itf && itf.range.start <= p.range.start && p.range.end <= itf.range.end) res.set(p, { device: d, itf, t: itf.tunnel! });
  }
  return res;
});

/** The tunnel interface a peer protects, when it is a `tunnel protection` peer. */
function tunnelOfPeer(device: model.Device, peer: model.IpsecPeer): TunnelSide | undefined {
  return peer.kind === 'tunnel-protection' ? protectedTunnels(device).get(peer) : undefined;
}

/**
 * Whether a peer cannot negotiate because its interface is shut: the interface a crypto map is applied to (or
 * its IKE source interface), the protected tunnel, or that tunnel's source interface.
 */
export function peerDown(device: model.Device, peer: model.IpsecPeer): boolean {
  const tunnel = tunnelOfPeer(device, peer);
  if (tunnel && interfaceDown(device, tunnel.itf)) return true;
  return interfaceDown(device, interfaceNamed(device, peer.localInterface));
}

/** Policy-based (crypto maps, RouterOS policies, ipsec.conf flows) or route-based (a protected tunnel interface). */
function routeBased(p: model.IpsecPeer): boolean {
  return p.kind === 'tunnel-protection';
}

/**
 * How well `y` (on Y) answers `x` (on X), best first, compared in order: the addresses (`score`); mirrored
 * selectors (several OpenBSD `ike` rules towards one peer, one per flow); the same kind of binding (a crypto
 * map meets the crypto map, a protected tunnel the protected tunnel, when both join the same two addresses);
 * for two protected tunnels, the tunnel the GRE key selects among several on one source (DMVPN clouds on one hub);
 * the same authentication method.
 */
function rank(X: model.Device, x: model.IpsecPeer, Y: model.Device, y: model.IpsecPeer): number[] | undefined {
  const base = score(X, x, Y, y);
  if (base === undefined) return undefined;
  const tx = tunnelOfPeer(X, x);
  const ty = tx && tunnelOfPeer(Y, y);
  return [base, mirrors(x, y) ? 1 : 0, routeBased(x) === routeBased(y) ? 1 : 0, tx && ty ? tunnelAffinity(tx, ty) : 0, sameAuth(x, y) ? 1 : 0];
}

/**
 * Whether two peers authenticate alike in their first phase 1 proposals: the last tie-breaker, as a responder with
 * several connections for any address (strongSwan `rw-psk` and `rw-pubkey`) answers with the one whose
 * authentication the initiator uses.
 */
function sameAuth(x: model.IpsecPeer, y: model.IpsecPeer): boolean {
  const ax = x.phase1[0]?.auth.value;
  return ax !== undefined && ax === y.phase1[0]?.auth.value;
}

function better(p: number[], q: number[] | undefined): boolean {
  if (!q) return true;
  for (let i = 0; i < p.length; i++) if (p[i] !== q[i]) return p[i] > q[i];
  return false;
}

/**
 * The tunnels between two devices: for every peer of either device, its best answer on the other device.
 * A peer with no answer yields nothing (no noise for tunnels to devices outside the workspace), nor does a peer
 * whose interface (or whose best answer's interface) is shut: the best answer is chosen first, so a shut
 * answer is not replaced by a worse one.
 */
export function matchPeers(A: model.Device, B: model.Device): PeerMatch[] {
  const res: PeerMatch[] = [];
  const seen = new Set<string>();
  const add = (X: model.Device, x: model.IpsecPeer, Y: model.Device, y: model.IpsecPeer) => {
    const key = X === A ? `${x.id}\u0000${y.id}` : `${y.id}\u0000${x.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    const [a, b] = X === A ? [x, y] : [y, x];
    res.push({
      A,
      a,
      B,
      b,
      aInitiates: initiates(a),
      bInitiates: initiates(b),
      aAddress: b.remote ? canon(b.remote.value) : sourceAddress(A, a) ?? firstOwnedAddress(A, b),
      bAddress: a.remote ? canon(a.remote.value) : sourceAddress(B, b) ?? firstOwnedAddress(B, a),
    });
  };
  const bestFor = (X: model.Device, x: model.IpsecPeer, Y: model.Device) => {
    if (!x.remote || peerDown(X, x) || !owns(Y, x.remote.value)) return;
    let best: model.IpsecPeer | undefined;
    let bestRank: number[] | undefined;
    for (const y of answering(Y, X)) {
      const r = rank(X, x, Y, y);
      if (r && better(r, bestRank)) {
        best = y;
        bestRank = r;
      }
    }
    if (best && !peerDown(Y, best)) add(X, x, Y, best);
  };
  for (const a of targeting(A, B)) bestFor(A, a, B);
  for (const b of targeting(B, A)) bestFor(B, b, A);
  return res;
}

/** A device's IPsec peers by canonical remote address, its wildcard peers, and each peer's position. */
const peerIndex = perDevice((d) => {
  const byRemote = new Map<string, model.IpsecPeer[]>();
  const wildcards: model.IpsecPeer[] = [];
  const position = new Map<model.IpsecPeer, number>();
  d.ipsecPeers.forEach((p, i) => {
    position.set(p, i);
    if (!p.remote) {
      wildcards.push(p);
      return;
    }
    const key = canon(p.remote.value);
    const list = byRemote.get(key);
    if (list) list.push(p);
    else byRemote.set(key, [p]);
  });
  return { byRemote, wildcards, position };
});

/**
 * The peers of `X` whose remote address is one `Y` owns (the only ones `score` can pair with Y), in configuration
 * order: looked up by `Y`'s addresses when X has more peers than Y has addresses, so a hub with 5,000 branch
 * peers costs O(Y's addresses) per branch, not O(hub peers).
 */
function targeting(X: model.Device, Y: model.Device): readonly model.IpsecPeer[] {
  const owned = ownedOf(Y);
  if (X.ipsecPeers.length <= owned.size) return X.ipsecPeers;
  const { byRemote, position } = peerIndex(X);
  const res: model.IpsecPeer[] = [];
  for (const a of owned) for (const p of byRemote.get(a) ?? []) res.push(p);
  return res.length > 1 ? res.sort((p, q) => position.get(p)! - position.get(q)!) : res;
}

/**
 * The peers of `Y` that may answer a peer of `X` (`score` defined): wildcard responders and the peers whose remote
 * address `X` owns, in configuration order (ties in `rank` go to the first).
 */
function answering(Y: model.Device, X: model.Device): readonly model.IpsecPeer[] {
  const owned = ownedOf(X);
  if (Y.ipsecPeers.length <= owned.size) return Y.ipsecPeers;
  const { byRemote, wildcards, position } = peerIndex(Y);
  const res: model.IpsecPeer[] = [...wildcards];
  for (const a of owned) for (const p of byRemote.get(a) ?? []) res.push(p);
  return res.length > 1 ? res.sort((p, q) => position.get(p)! - position.get(q)!) : res;
}

/** Whether some selector of `x` is the mirror image of some selector of `y`. */
function mirrors(x: model.IpsecPeer, y: model.IpsecPeer): boolean {
  return x.selectors.some((sx) => y.selectors.some((sy) => sx.local === sy.remote && sx.remote === sy.local));
}

/** An owned address of `device` that wildcard responder `resp` (on the other device) accepts. */
function firstOwnedAddress(device: model.Device, resp: model.IpsecPeer): string | undefined {
  for (const addr of model.ownedAddresses(device)) if (acceptsFrom(resp, canon(addr))) return canon(addr);
  return undefined;
}

/**
 * The pre-shared key `peer` (on `device`) uses for a remote at `remoteAddr`. Named peers carry the key the
 * dialect selected; wildcard responders pick the most specific key of the device covering the address
 * (IOS `crypto isakmp key ... address` longest match, or in the peer's own `keys`; ASA falls back to DefaultL2LGroup),
 * else their own.
 */
export function keyFor(device: model.Device, peer: model.IpsecPeer, remoteAddr: string | undefined, aggressive = false): model.PresharedKey | undefined {
  if (peer.remote || !remoteAddr) return peer.psk;
  const best = longestKey(peer.keys ?? device.keys, remoteAddr);
  if (best) return best;
  // A key selected by name (ASA remote-access tunnel-group, FQDN identity) only applies in aggressive mode, where
  // the initiator's identity travels in the clear; main mode can only select by address [S20].
  if (peer.psk && !aggressive && !model.parsePrefix(peer.psk.peer)) return undefined;
  return peer.psk;
}

/** Address keys by family, prefix length and network (the first key of each), with the lengths longest first. */
interface KeyIndex {
  byNet: Map<string, model.PresharedKey>;
  lengths: Map<number, number[]>;
}

const keyIndexes = new WeakMap<readonly model.PresharedKey[], KeyIndex>();

function keyIndex(keys: readonly model.PresharedKey[]): KeyIndex {
  let index = keyIndexes.get(keys);
  if (index) return index;
  index = { byNet: new Map(), lengths: new Map() };
  for (const k of keys) {
    const p = model.parsePrefix(k.peer);
    if (!p) continue;
    const key = `${p.family}/${p.length}/${p.network}`;
    if (index.byNet.has(key)) continue;
    index.byNet.set(key, k);
    const lengths = index.lengths.get(p.family) ?? [];
    if (!lengths.includes(p.length)) lengths.push(p.length);
    index.lengths.set(p.family, lengths);
  }
  for (const l of index.lengths.values()) l.sort((a, b) => b - a);
  keyIndexes.set(keys, index);
  return index;
}

/**
 * The key whose prefix is the longest covering `address` (the first of several equal ones), looked up per prefix
 * length the keys use: a hub with a key per branch answers each branch in O(lengths), not O(keys).
 */
function longestKey(keys: readonly model.PresharedKey[], address: string): model.PresharedKey | undefined {
  if (keys.length === 0) return undefined;
  const a = model.parsePrefix(address);
  if (!a) return undefined;
  const index = keyIndex(keys);
  const addr = address.includes('/') ? address.slice(0, address.indexOf('/')) : address;
  for (const len of index.lengths.get(a.family) ?? []) {
    if (len > a.length) continue;
    const net = model.parsePrefix(`${addr}/${len}`);
    const hit = net && index.byNet.get(`${net.family}/${net.length}/${net.network}`);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Does wildcard responder `resp` accept main mode although its modelled mode is a default "aggressive"? (ASA
 * dynamic map: remote-access groups use aggressive mode, but a main-mode L2L initiator is served by the
 * `ipsec-l2l` tunnel-group named after its address, or DefaultL2LGroup.) Then the key decides, not the mode:
 * `keyFor` finds the address key, or nothing (`ipsec/psk-missing`).
 */
export function acceptsMainMode(resp: model.IpsecPeer): boolean {
  return resp.remote === undefined && resp.exchangeMode.range === undefined;
}

/** Does this peer authenticate with a pre-shared key in any of its phase 1 proposals? */
export function usesPsk(peer: model.IpsecPeer): boolean {
  return peer.phase1.length === 0 ? peer.psk !== undefined : peer.phase1.some((p) => p.auth.value === 'psk');
}
