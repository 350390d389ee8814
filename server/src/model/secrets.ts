// Attaching the shared secrets of secrets stores (strongSwan ipsec.secrets, swanctl `secrets {}`) to the peers that
// select their key by IKE identity (`IpsecPeer.secretIds`). A model-level step: the dialects lower each file alone
// (a connection file lowers peers with `secretIds`, a secrets file lowers `Device.sharedSecrets`), and the service
// calls `attachSharedSecrets` with the stores of the device's own folder. Pure; never mutates its inputs.
//
// Selection, after strongSwan's ipsec.secrets(5) and its shared-key lookup: an entry applies when each of its
// identities is one of the two ends' (or `%any`); an entry with no identity applies to any connection. The entry
// that names the remote end wins over one that names only the local end, which wins over a wildcard; among equals
// the first in the file.

import type { Device, IpsecPeer, PresharedKey, SharedSecret } from './index';
import { canonicalAddress } from './ip';

function norm(id: string): string {
  const t = id.trim().replace(/^"|"$/g, '');
  const a = canonicalAddress(t);
  if (a) return a;
  return t.replace(/^@#?/, '').toLowerCase();
}

const ANY = new Set(['%any', '%any6', '0.0.0.0', '::', '']);

/** How well `s` fits a peer with these identities: undefined when it does not apply; higher is better. */
export function secretScore(s: SharedSecret, local: readonly string[], remote: readonly string[]): number | undefined {
  if (s.ids.length === 0) return 0;
  const l = new Set(local.map(norm));
  const r = new Set(remote.map(norm));
  let score = 0;
  for (const raw of s.ids) {
    const id = norm(raw);
    if (ANY.has(raw.trim().toLowerCase()) || ANY.has(id)) continue;
    if (r.has(id)) score |= 2;
    else if (l.has(id)) score |= 1;
    else return undefined;
  }
  return score;
}

/** The best PSK entry of the stores for a peer, or undefined. */
export function selectSharedSecret(stores: readonly Device[], peer: IpsecPeer): { store: Device; secret: SharedSecret } | undefined {
  const ids = peer.secretIds;
  if (!ids) return undefined;
  let best: { store: Device; secret: SharedSecret; score: number } | undefined;
  for (const store of stores) {
    for (const s of store.sharedSecrets ?? []) {
      if (s.type !== 'psk') continue;
      const score = secretScore(s, ids.local, ids.remote);
      if (score !== undefined && (!best || score > best.score)) best = { store, secret: s, score };
    }
  }
  return best;
}

/** The PSK entries a wildcard responder may use, keyed by the remote address each names (`0.0.0.0/0` for any). */
function wildcardKeys(stores: readonly Device[], local: readonly string[]): PresharedKey[] {
  const mine = new Set(local.map(norm));
  const res: PresharedKey[] = [];
  for (const store of stores) {
    for (const s of store.sharedSecrets ?? []) {
      if (s.type !== 'psk') continue;
      const others = s.ids.filter((i) => !ANY.has(i.trim().toLowerCase()) && !mine.has(norm(i)));
      if (others.length === 0) res.push({ peer: '0.0.0.0/0', secret: s.secret, range: s.range, set: s.set });
      for (const o of others) {
        const a = canonicalAddress(o.trim());
        res.push({ peer: a ? `${a}/${a.includes(':') ? 128 : 32}` : o, secret: s.secret, range: s.range, set: s.set });
      }
    }
  }
  return res;
}

/**
 * The device with `psk` (and `addPsk`) filled for every peer that selects its key from a secrets store, or the
 * device itself when none does. `stores`: the secrets stores of the device's folder (the device itself may be one).
 */
export function attachSharedSecrets(device: Device, stores: readonly Device[]): Device {
  if (!device.ipsecPeers.some((p) => p.secretIds && !p.psk)) return device;
  const all = device.sharedSecrets && !stores.includes(device) ? [device, ...stores] : stores;
  const peers = device.ipsecPeers.map((p) => {
    if (!p.secretIds || p.psk) return p;
    const hit = selectSharedSecret(all, p);
    const copy: IpsecPeer = { ...p };
    if (hit) {
      // The key covers the remote this peer talks to (any remote, for a wildcard responder).
      const psk: PresharedKey = { peer: p.remote?.value ?? p.remoteAny ?? '0.0.0.0/0', secret: hit.secret.secret, range: hit.secret.range, set: hit.secret.set };
      copy.psk = psk;
    } else {
      const store = all.find((s) => s.addSharedSecret);
      const ids = [p.secretIds.local[0], p.secretIds.remote[0]].filter((x): x is string => !!x);
      if (store?.addSharedSecret) copy.addPsk = (secret) => store.addSharedSecret!({ ids, secret });
    }
    // A wildcard responder (right=%any) answers many peers, each with the key of its own address: the entries
    // naming a remote address become the peer's keys, looked up by the initiator's address like an IOS keyring.
    if (!p.remote) copy.keys = wildcardKeys(all, p.secretIds.local);
    return copy;
  });
  return { ...device, ipsecPeers: peers };
}
