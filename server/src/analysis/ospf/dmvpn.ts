// Will each DMVPN tunnel come up? Hub (mGRE) ↔ spoke (p2p GRE or mGRE) comparison of tunnel key, NHRP
// NHS/maps/authentication and tunnel protection (interop-rules §5 D-1..D-3), plus multicast mappings that
// OSPF needs over mGRE. `ip nhrp network-id` is local-only and never compared (§5 D-4). Of several hub tunnels
// sharing one source address a spoke uses the one its tunnel key selects (`pickTunnels`); shut tunnels (or
// tunnels over a shut source) take part in no check. Imports only model/.

import * as model from '../../model';
import type { TextRange } from '../../syntax';
import type { DeviceCheck, PairCheck } from '../types';
import { canon, interfaceDown, mirrored, one, perDevice, run, type End } from './common';
import { configuredNeighbours, pickTunnels } from './links';

/** One tunnel interface of a device with what DMVPN comparison needs. */
interface TunnelEnd {
  device: model.Device;
  itf: model.Interface;
  t: model.Tunnel;
  /** Tunnel (overlay) addresses, canonical. */
  addrs: string[];
  /** Tunnel source (NBMA) address, canonical. */
  source?: string;
  /** Shut, or over a shut source interface: no check involves it. */
  down: boolean;
}

const tunnelEnds = perDevice((device): TunnelEnd[] => {
  const res: TunnelEnd[] = [];
  for (const itf of device.interfaces) {
    const t = itf.tunnel;
    if (!t || (t.mode.value !== 'gre' && t.mode.value !== 'mgre')) continue;
    res.push({ device, itf, t, addrs: itf.addresses.map((a) => canon(a.address)), source: t.source && canon(t.source.value), down: interfaceDown(device, itf) });
  }
  return res;
});

/** How spoke `s` refers to hub `h`: at the NBMA level (destination / map NBMA) and/or by hub tunnel address (NHS / map). */
function relation(s: TunnelEnd, h: TunnelEnd): { targets: boolean; names: boolean } {
  const nhrp = s.t.nhrp;
  const src = h.source;
  const targets =
    src !== undefined &&
    ((s.t.destination !== undefined && canon(s.t.destination.value) === src) ||
      (nhrp?.maps.some((m) => canon(m.nbma) === src) ?? false) ||
      (nhrp?.multicastMaps.some((m) => canon(m.nbma) === src) ?? false));
  const hubAddrs = new Set(h.addrs);
  const names = (nhrp?.nhs.some((n) => hubAddrs.has(canon(n.value))) ?? false) || (nhrp?.maps.some((m) => hubAddrs.has(canon(m.tunnelAddress))) ?? false);
  return { targets, names };
}

function isHub(h: TunnelEnd): boolean {
  return h.t.mode.value === 'mgre';
}

function label(e: TunnelEnd): string {
  return `${e.device.name} ${e.itf.name}`;
}

/**
 * Checks one spoke tunnel against one hub tunnel it refers to. Quick fixes only ever edit the spoke: the hub
 * serves every spoke, and changing it to suit one would break the others.
 */
function checkSpokeHub(s: TunnelEnd, h: TunnelEnd, checkSymmetric: boolean): model.Finding[] {
  const res: model.Finding[] = [];
  const rel = relation(s, h);
  const hubAddr = h.addrs[0];

  if (checkSymmetric) {
    // Tunnel key: GRE packets with a different (or missing) key are dropped (§5 D-2).
    const ks = s.t.key?.value;
    const kh = h.t.key?.value;
    if (ks !== kh) {
      const text = (k: string | undefined) => (k === undefined ? 'no tunnel key' : `tunnel key ${k}`);
      const msg = (self: string | undefined, other: TunnelEnd, otherKey: string | undefined) =>
        `${text(self)} here but ${text(otherKey)} on ${label(other)}: GRE packets whose key does not match are dropped, so the tunnel never passes traffic`;
      // The spoke takes the hub's key: change it, add it (`Tunnel.setKey`) or remove it when the hub has none.
      const edits = (self: TunnelEnd, value: string | undefined) => (value !== undefined && self.t.key?.set ? run(self.t.key.set, value) : run(self.t.setKey, value));
      res.push(
        ...mirrored(
          'dmvpn/tunnel-key-mismatch',
          'error',
          { device: s.device, range: s.t.key?.range ?? s.itf.nameRange, message: msg(ks, h, kh), relatedMessage: text(ks) + ' here', edits: edits(s, kh) },
          { device: h.device, range: h.t.key?.range ?? h.itf.nameRange, message: msg(kh, s, ks), relatedMessage: text(kh) + ' here' },
        ),
      );
    }

    // NHRP authentication (§5 D-3): registrations with a different string are ignored.
    const as = s.t.nhrp?.auth;
    const ah = h.t.nhrp?.auth;
    if (as || ah) {
      const cmp = as && ah ? model.compareSecrets(as.secret, ah.secret) : 'different';
      if (cmp === 'different' || cmp === 'case-or-space') {
        const text = (x: typeof as) => (x ? `NHRP authentication ${model.maskSecret(x.secret)}` : 'no NHRP authentication');
        const msg = (self: typeof as, other: TunnelEnd, o: typeof as) =>
          `${text(self)} here but ${text(o)} on ${label(other)}: the hub ignores NHRP registrations whose authentication string differs`;
        // The spoke takes the hub's string (changed, added or removed); a masked/encrypted hub string cannot be copied.
        const edits = (self: typeof as, o: typeof as) =>
          !o ? run(s.t.setNhrpAuth, undefined) : o.secret.plain === undefined ? undefined : self?.set ? run(self.set, o.secret.plain) : run(s.t.setNhrpAuth, o.secret.plain);
        res.push(
          ...mirrored(
            'dmvpn/nhrp-auth-mismatch',
            'error',
            { device: s.device, range: as?.range ?? s.itf.nameRange, message: msg(as, h, ah), relatedMessage: as ? 'NHRP authentication here' : 'no NHRP authentication here', edits: edits(as, ah) },
            { device: h.device, range: ah?.range ?? h.itf.nameRange, message: msg(ah, s, as), relatedMessage: ah ? 'NHRP authentication here' : 'no NHRP authentication here' },
          ),
        );
      }
    }

    // Tunnel protection: one end encrypts GRE, the other sends it in clear and drops ESP.
    const ps = s.t.protection;
    const ph = h.t.protection;
    if (!!ps !== !!ph) {
      const text = (p: model.Value<string> | undefined) => (p ? `protected by IPsec profile ${p.value}` : 'not protected by IPsec');
      const msg = (self: typeof ps, other: TunnelEnd, o: typeof ps) => `Tunnel ${text(self)} here but ${text(o)} on ${label(other)}: one end sends ESP, the other plain GRE, and neither accepts the other's packets`;
      res.push(
        ...mirrored(
          'dmvpn/tunnel-protection-mismatch',
          'error',
          { device: s.device, range: ps?.range ?? s.itf.nameRange, message: msg(ps, h, ph), relatedMessage: ps ? 'tunnel protection here' : 'no tunnel protection here', edits: ph ? protectionEdits(s, ph.value) : undefined },
          { device: h.device, range: ph?.range ?? h.itf.nameRange, message: msg(ph, s, ps), relatedMessage: ph ? 'tunnel protection here' : 'no tunnel protection here' },
        ),
      );
    }
  }

  if (!hubAddr) return res;
  const hubAddrRange = h.itf.addresses[0]?.range ?? h.itf.nameRange;
  const hubSourceRange = h.t.source?.range ?? h.itf.nameRange;
  const hubEnd = (message: string, relatedMessage: string, range: TextRange): End => ({ device: h.device, range, message, relatedMessage });

  // NHS must be the hub's tunnel address (§5 D-1) — checked when the spoke reaches this hub at the NBMA level.
  // An NHS learned from the hub (`ip nhrp nhs dynamic nbma B`) is the hub's tunnel address by construction.
  const nhs = (s.t.nhrp?.nhs ?? []).filter((n) => n.value !== 'dynamic');
  if (rel.targets && nhs.length > 0 && !nhs.some((n) => h.addrs.includes(canon(n.value)))) {
    const n = nhs[0];
    res.push(
      ...mirrored(
        'dmvpn/nhrp-nhs-mismatch',
        'error',
        {
          device: s.device,
          range: n.range ?? s.itf.nameRange,
          message: `NHRP NHS ${n.value} is not the tunnel address of hub ${label(h)} (${hubAddr}), which this tunnel reaches at ${h.source}: the spoke never registers and the hub cannot reach it`,
          relatedMessage: `NHS ${n.value} here`,
          edits: run(n.set, hubAddr),
        },
        hubEnd(`Spoke ${label(s)} uses NHS ${n.value} instead of this hub's tunnel address ${hubAddr}: it never registers here`, `hub tunnel address ${hubAddr}`, hubAddrRange),
      ),
    );
  }

  // NHRP maps: the entry for the hub's tunnel address must carry the hub's NBMA (tunnel source) address, and
  // the entry carrying the hub's NBMA address must be for the hub's tunnel address (§5 D-1).
  if (h.source) {
    for (const m of s.t.nhrp?.maps ?? []) {
      if (m.tunnelAddress === 'dynamic') continue; // learned from the hub at registration: always its own
      const forHub = h.addrs.includes(canon(m.tunnelAddress));
      const toHub = canon(m.nbma) === h.source;
      if (forHub === toHub) continue;
      const wrong = forHub ? `maps hub tunnel address ${m.tunnelAddress} to NBMA ${m.nbma}, but ${label(h)} has tunnel source ${h.source}` : `maps ${m.tunnelAddress} to the NBMA address of ${label(h)} (${m.nbma}), but that hub's tunnel address is ${hubAddr}`;
      res.push(
        ...mirrored(
          'dmvpn/nhrp-map-mismatch',
          'error',
          { device: s.device, range: m.range, message: `\`ip nhrp map\` ${wrong}: NHRP registration and multicast go nowhere`, relatedMessage: 'NHRP map here', edits: run(m.set, { tunnelAddress: hubAddr, nbma: h.source }) },
          hubEnd(`Spoke ${label(s)} ${wrong}`, forHub ? `tunnel source ${h.source}` : `hub tunnel address ${hubAddr}`, forHub ? hubSourceRange : hubAddrRange),
        ),
      );
    }
    // A p2p GRE spoke that names this hub in NHRP must also send GRE to its tunnel source.
    const dest = s.t.destination;
    if (dest && rel.names && canon(dest.value) !== h.source) {
      res.push(
        ...mirrored(
          'dmvpn/nhrp-map-mismatch',
          'error',
          {
            device: s.device,
            range: dest.range ?? s.itf.nameRange,
            message: `tunnel destination ${dest.value} is not the tunnel source of hub ${label(h)} (${h.source}), which this tunnel uses as NHS: GRE goes to the wrong address`,
            relatedMessage: `tunnel destination ${dest.value} here`,
            edits: run(dest.set, h.source),
          },
          hubEnd(`Spoke ${label(s)} sends GRE to ${dest.value} instead of this hub's tunnel source ${h.source}`, `tunnel source ${h.source}`, hubSourceRange),
        ),
      );
    }
  }

  // A multipoint spoke running OSPF with multicast hellos needs a multicast map towards this hub.
  const mm = s.t.nhrp?.multicastMaps ?? [];
  if (s.t.mode.value === 'mgre' && mm.length > 0 && h.source && !mm.some((m) => canon(m.nbma) === h.source) && (rel.targets || rel.names) && needsMulticast(s)) {
    res.push(
      one(
        'dmvpn/multicast-map-missing',
        'error',
        {
          device: s.device,
          range: mm[0].range,
          message: `No \`ip nhrp map multicast ${h.source}\` for hub ${label(h)}: OSPF multicast hellos on this mGRE tunnel never reach that hub`,
          relatedMessage: 'multicast maps here',
          edits: run(s.t.addMulticastMap, h.source),
        },
        { device: h.device, range: hubSourceRange, message: '', relatedMessage: `hub tunnel source ${h.source}` },
      ),
    );
  }
  return res;
}

/**
 * Protecting an unprotected spoke: with the hub's profile name when the spoke defines a profile of that name,
 * else with the spoke's only IPsec profile; no fix when the spoke defines none (or several, none named like the hub's).
 */
function protectionEdits(s: TunnelEnd, hubProfile: string): model.Edit[] | undefined {
  const profiles = s.device.definitions.filter((d) => d.kind === 'ipsec-profile' && !d.builtin).map((d) => d.name);
  const name = profiles.includes(hubProfile) ? hubProfile : new Set(profiles).size === 1 ? profiles[0] : undefined;
  return name === undefined ? undefined : run(s.t.setProtection, name);
}

/** Whether OSPF on this tunnel sends multicast hellos (broadcast / point-to-multipoint without neighbor statements). */
function needsMulticast(e: TunnelEnd): boolean {
  const o = e.device.ospfInterfaces.find((x) => x.interfaceName === e.itf.name);
  if (!o || o.passive.value) return false;
  const t = o.networkType.value;
  if (t !== 'broadcast' && t !== 'point-to-multipoint') return false;
  return configuredNeighbours(e.device, o).size === 0;
}

/**
 * For each spoke tunnel, the hub tunnels of the other device it uses: those it refers to, and of several on one
 * source address only the one its key (else NHRP server, else tunnel subnet) selects — the hub hands GRE to
 * the tunnel whose key matches, never to all of them. Chosen before dropping shut tunnels, so a spoke of a shut
 * hub tunnel is not compared with its neighbour instead.
 */
function hubsOf(spokes: readonly TunnelEnd[], hubs: readonly TunnelEnd[]): Map<TunnelEnd, Set<TunnelEnd>> {
  const res = new Map<TunnelEnd, Set<TunnelEnd>>();
  const candidates = hubs.filter(isHub);
  if (candidates.length === 0) return res;
  for (const s of spokes) {
    const related = candidates.filter((h) => {
      const r = relation(s, h);
      return r.targets || r.names;
    });
    if (related.length) res.set(s, new Set(pickTunnels(s, related, (h) => h)));
  }
  return res;
}

/** `dmvpn/*` checks between two devices: every (spoke tunnel, hub tunnel) pair where the spoke uses that hub tunnel. */
export const dmvpnPairCheck: PairCheck = {
  name: 'dmvpn',
  check(a, b) {
    const ta = tunnelEnds(a);
    const tb = tunnelEnds(b);
    if (ta.length === 0 || tb.length === 0) return [];
    const aUses = hubsOf(ta, tb);
    const bUses = hubsOf(tb, ta);
    if (aUses.size === 0 && bUses.size === 0) return [];
    const res: model.Finding[] = [];
    for (const x of ta) {
      if (x.down) continue;
      for (const y of tb) {
        if (y.down) continue;
        const xSpoke = aUses.get(x)?.has(y) ?? false;
        const ySpoke = bUses.get(y)?.has(x) ?? false;
        if (xSpoke) for (const f of checkSpokeHub(x, y, true)) res.push(f);
        if (ySpoke) for (const f of checkSpokeHub(y, x, !xSpoke)) res.push(f);
      }
    }
    return res;
  },
};

/** `dmvpn/multicast-map-missing` on one device: an mGRE tunnel running multicast OSPF without any multicast mapping. */
export const dmvpnMulticastCheck: DeviceCheck = {
  name: 'dmvpn-multicast',
  check(device) {
    const res: model.Finding[] = [];
    for (const e of tunnelEnds(device)) {
      if (e.down || e.t.mode.value !== 'mgre' || !e.t.nhrp || e.t.nhrp.multicastMaps.length > 0 || !needsMulticast(e)) continue;
      const o = device.ospfInterfaces.find((x) => x.interfaceName === e.itf.name)!;
      const spoke = e.t.nhrp.nhs.length > 0;
      const hubNbma = spoke ? e.t.nhrp.maps.find((m) => e.t.nhrp!.nhs.some((n) => canon(n.value) === canon(m.tunnelAddress)))?.nbma : undefined;
      const needed = spoke ? `\`ip nhrp map multicast ${hubNbma ?? '<hub NBMA address>'}\`` : '`ip nhrp map multicast dynamic`';
      const target = spoke ? hubNbma : 'dynamic';
      const edits = target === undefined ? undefined : run(e.t.addMulticastMap, target);
      res.push({
        uri: device.uri,
        range: o.networkType.range ?? e.itf.nameRange,
        severity: 'error',
        code: 'dmvpn/multicast-map-missing',
        message: `OSPF ${o.networkType.value} on multipoint GRE tunnel ${e.itf.name} sends multicast hellos, but the tunnel has no NHRP multicast mapping: add ${needed} (or use non-broadcast with neighbor statements)`,
        related: [],
        fixes: edits ? [{ title: `Add \`ip nhrp map multicast ${target}\``, edits, isPreferred: true }] : [],
      });
    }
    return res;
  },
};

/**
 * `dmvpn/ospf-point-to-point-hub`: OSPF point-to-point (the IOS default on tunnels, Unconfirmed U-11) on a hub's
 * multipoint GRE tunnel allows a single neighbour, so the hub's adjacency flaps between spokes (§5 D-6).
 */
export const dmvpnHubP2pCheck: DeviceCheck = {
  name: 'dmvpn-hub-p2p',
  check(device) {
    const res: model.Finding[] = [];
    for (const e of tunnelEnds(device)) {
      if (e.down || e.t.mode.value !== 'mgre' || (e.t.nhrp?.nhs.length ?? 0) > 0) continue;
      const o = device.ospfInterfaces.find((x) => x.interfaceName === e.itf.name);
      if (!o || o.passive.value || o.networkType.value !== 'point-to-point') continue;
      res.push({
        uri: device.uri,
        range: o.networkType.range ?? o.range,
        severity: 'warning',
        code: 'dmvpn/ospf-point-to-point-hub',
        message: `OSPF network type point-to-point${o.networkType.range ? '' : ` (${o.networkType.default ?? 'default on tunnels'})`} on multipoint GRE hub tunnel ${e.itf.name} allows one neighbour only: with several spokes the adjacency flaps between them; use broadcast (spokes priority 0) or point-to-multipoint on hub and spokes`,
        related: [],
        fixes: [],
      });
    }
    return res;
  },
};
