// Workspace-wide OSPF checks, index-based so they stay linear: duplicate router ids within one OSPF domain, and
// broadcast/NBMA segments where no router is DR-eligible (interop-rules §7.1, §7.7). Both look only at devices
// the pairing joined (ctx.partners), never across unrelated networks that reuse the same addresses. Imports only model/.

import * as model from '../../model';
import type { AnalysisContext, WorkspaceCheck } from '../types';
import { at, run } from './common';
import { electsDr } from './adjacency';
import { areNeighbours, linkPrefix } from './links';

const MAX_RELATED = 10;

/** `ospf/duplicate-router-id`: two devices use the same OSPF router id (per OSPF version). */
export const duplicateRouterIdCheck: WorkspaceCheck = {
  name: 'ospf-duplicate-router-id',
  check(devices, ctx) {
    const byId = new Map<string, { device: model.Device; process: model.OspfProcess; rid: model.Value<string> }[]>();
    for (const device of devices) {
      for (const process of device.ospf) {
        const rid = process.routerId;
        if (!rid) continue;
        const key = `${process.version}\u0000${model.canonicalAddress(rid.value) ?? rid.value}`;
        const list = byId.get(key);
        const entry = { device, process, rid };
        if (!list) byId.set(key, [entry]);
        else if (list[list.length - 1].device.uri !== device.uri) list.push(entry); // a device's processes come one after another
      }
    }
    const res: model.Finding[] = [];
    let domains: ((d: model.Device) => number | undefined) | undefined;
    let used: Set<string> | undefined;
    for (const list of byId.values()) {
      if (list.length < 2) continue;
      domains ??= ospfDomains(devices, ctx);
      const domainOf = domains;
      const others = sharers(list, (e) => domainOf(e.device), (e) => e.device.name, MAX_RELATED);
      for (const e of list) {
        // Two copies of one router (same hostname) are not a duplicate; routers in OSPF domains that share no
        // link (unrelated labs in one workspace) never meet. Devices whose links are unknown are compared with all.
        const { count, first } = others(e);
        if (count === 0) continue;
        const names = first.slice(0, 3).map((o) => o.device.name).join(', ') + (count > 3 ? ` and ${count - 3} more` : '');
        res.push({
          uri: e.device.uri,
          range: at(e.rid, e.process.range),
          severity: 'error',
          code: 'ospf/duplicate-router-id',
          message: `OSPFv${e.process.version} router id ${e.rid.value}${e.rid.range ? '' : ` (${e.rid.default ?? 'implicit'})`} is also used by ${names}: LSAs of the two routers overwrite each other, adjacencies flap ("Duplicate router-id")`,
          related: first.map((o) => ({ uri: o.device.uri, range: at(o.rid, o.process.range), message: `router id ${o.rid.value} on ${o.device.name}` })),
          fixes: uniqueRouterIdFix(e.device, e.rid, (used ??= routerIdsInUse(devices))),
        });
      }
    }
    return res;
  },
};

/**
 * For each entry of `list`, the entries it clashes with: any other entry of another name whose domain is its own,
 * or either domain unknown — their number and the first `limit` in list order. Counted per (domain, name) group,
 * so 5,000 spokes of one template sharing a router id cost O(5,000 × limit), not O(5,000²).
 */
function sharers<T>(list: readonly T[], domainOf: (e: T) => number | undefined, nameOf: (e: T) => string, limit: number): (e: T) => { count: number; first: T[] } {
  const UNKNOWN = -1;
  const byDomain = new Map<number, number[]>(); // positions in list order
  const byDomainName = new Map<string, number>();
  const byName = new Map<string, number>();
  list.forEach((e, i) => {
    const d = domainOf(e) ?? UNKNOWN;
    const positions = byDomain.get(d);
    if (positions) positions.push(i);
    else byDomain.set(d, [i]);
    const dn = `${d}\u0000${nameOf(e)}`;
    byDomainName.set(dn, (byDomainName.get(dn) ?? 0) + 1);
    byName.set(nameOf(e), (byName.get(nameOf(e)) ?? 0) + 1);
  });
  const unknown = byDomain.get(UNKNOWN) ?? [];
  return (e) => {
    const name = nameOf(e);
    const d = domainOf(e);
    let count: number;
    let streams: number[][];
    if (d === undefined) {
      count = list.length - (byName.get(name) ?? 0);
      streams = [];
    } else {
      const mine = byDomain.get(d) ?? [];
      count = mine.length + unknown.length - (byDomainName.get(`${d}\u0000${name}`) ?? 0) - (byDomainName.get(`${UNKNOWN}\u0000${name}`) ?? 0);
      streams = [mine, unknown];
    }
    const first: T[] = [];
    if (count === 0) return { count, first };
    const want = Math.min(limit, count);
    if (d === undefined) {
      for (let i = 0; i < list.length && first.length < want; i++) if (nameOf(list[i]) !== name) first.push(list[i]);
    } else {
      // Merge the two position lists (both ascending) to keep list order.
      const [a, b] = streams;
      let i = 0;
      let j = 0;
      while (first.length < want && (i < a.length || j < b.length)) {
        const p = j >= b.length || (i < a.length && a[i] < b[j]) ? a[i++] : b[j++];
        if (nameOf(list[p]) !== name) first.push(list[p]);
      }
    }
    return { count, first };
  };
}

/** Every router id of every OSPF process in the workspace, canonical. */
function routerIdsInUse(devices: readonly model.Device[]): Set<string> {
  const res = new Set<string>();
  for (const d of devices) for (const p of d.ospf) if (p.routerId) res.add(model.canonicalAddress(p.routerId.value) ?? p.routerId.value);
  return res;
}

/**
 * "Set a unique router id": one of the device's own IPv4 interface addresses (loopbacks first) that no OSPF
 * process in the workspace uses as its router id; no fix when there is none. IOS keeps the old id until the
 * process is cleared, which the title says.
 */
function uniqueRouterIdFix(device: model.Device, rid: model.Value<string>, used: Set<string>): model.FixIntent[] {
  const candidates = [...device.interfaces].sort((a, b) => Number(b.kind === 'loopback') - Number(a.kind === 'loopback'));
  let chosen: string | undefined;
  for (const itf of candidates) {
    for (const a of itf.addresses) {
      if (a.secondary || model.parseIpv4(a.address) === undefined || a.address === '0.0.0.0' || used.has(a.address)) continue;
      chosen = a.address;
      break;
    }
    if (chosen) break;
  }
  if (!chosen) return [];
  const edits = run(rid.set, chosen);
  if (!edits || edits.length === 0) return [];
  const note =
    device.dialect === 'cisco-ios' ? ' (IOS applies it only after `clear ip ospf process`)' : device.dialect === 'cisco-asa' ? ' (takes effect once the OSPF process restarts)' : '';
  return [{ title: `Set a unique router id ${chosen}${note}`, edits, isPreferred: true }];
}

/**
 * Connected OSPF domains (union-find, linear in devices and their partners). With the service's pairing
 * (`ctx.partners`), two devices are joined when they are partners and some OSPF interfaces of theirs are neighbours
 * (an adjacency pairing found), so two copies of one lab reusing the same link subnets are two domains; without it
 * (checks run on bare devices) by a shared OSPF link prefix. Returns undefined for a device with no OSPF link prefix
 * at all (topology unknown, e.g. BIRD name-only interfaces).
 */
function ospfDomains(devices: readonly model.Device[], ctx: AnalysisContext): (d: model.Device) => number | undefined {
  const parent = devices.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const index = new Map(devices.map((d, i) => [d, i] as const));
  const byUri = new Map(devices.map((d, i) => [d.uri, i] as const));
  const byLink = new Map<string, number>();
  const known = new Set<number>();
  devices.forEach((d, i) => {
    for (const o of d.ospfInterfaces) {
      const p = linkPrefix(o.prefix);
      if (!p || /\/(32|128)$/.test(p)) continue;
      known.add(i);
      if (ctx.partners) continue;
      const key = `${o.version}\u0000${p}`;
      const j = byLink.get(key);
      if (j === undefined) byLink.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  if (ctx.partners) {
    devices.forEach((d, i) => {
      if (!known.has(i)) return;
      for (const uri of ctx.partners!(d.uri)) {
        const j = byUri.get(uri);
        if (j === undefined || j <= i || !known.has(j) || find(i) === find(j)) continue;
        if (adjacent(d, devices[j])) parent[find(i)] = find(j);
      }
    });
  }
  return (d) => {
    const i = index.get(d);
    return i === undefined || !known.has(i) ? undefined : find(i);
  };
}

/** Whether some OSPF interface of `a` and some of `b` are neighbours (an adjacency the pairing found). */
function adjacent(a: model.Device, b: model.Device): boolean {
  for (const x of a.ospfInterfaces) for (const y of b.ospfInterfaces) if (areNeighbours(a, x, b, y)) return true;
  return false;
}

/** Segments larger than this are reported without checking neighbour-by-neighbour (keeps the check linear-ish). */
const MAX_SEGMENT_PAIRWISE = 256;

/** `ospf/no-dr-eligible`: every router on a broadcast/NBMA segment has priority 0, so no DR is elected. */
export const noDrEligibleCheck: WorkspaceCheck = {
  name: 'ospf-no-dr-eligible',
  check(devices, ctx) {
    // Index DR-electing, non-passive OSPF interfaces by segment (canonical prefix).
    type Entry = { device: model.Device; o: model.OspfInterface };
    const segments = new Map<string, Entry[]>();
    for (const device of devices) {
      for (const o of device.ospfInterfaces) {
        if (!o.prefix || o.passive.value || !electsDr(o.networkType.value)) continue;
        const key = `${o.version}\u0000${linkPrefix(o.prefix) ?? o.prefix}`;
        const list = segments.get(key);
        if (list) list.push({ device, o });
        else segments.set(key, [{ device, o }]);
      }
    }
    const res: model.Finding[] = [];
    for (const list of segments.values()) {
      if (list.length < 2) continue;
      let eligible = 0;
      for (const e of list) if (e.o.priority.value > 0) eligible++;
      if (eligible === list.length) continue;
      // Entries of this segment by device uri, so a router's partners are looked up, not the segment scanned: a
      // DMVPN cloud of 5,000 priority-0 spokes on one subnet costs O(spokes), each spoke seeing its hub only.
      let byUri: Map<string, Entry[]> | undefined;
      const memo = new Map<string, Entry[]>();
      const eligibleNear = new Map<string, boolean>();
      /** The entries of this segment on the partners of `uri` (memoised per segment). */
      const nearOf = (uri: string, partners: ReadonlySet<string>): Entry[] => {
        let near = memo.get(uri);
        if (near) return near;
        if (partners.size < list.length) {
          if (!byUri) {
            byUri = new Map();
            for (const p of list) {
              const l = byUri.get(p.device.uri);
              if (l) l.push(p);
              else byUri.set(p.device.uri, [p]);
            }
          }
          near = [];
          for (const u of partners) for (const p of byUri.get(u) ?? []) if (p.device.uri !== uri) near.push(p);
        } else near = list.filter((p) => p.device.uri !== uri && partners.has(p.device.uri));
        memo.set(uri, near);
        return near;
      };
      for (const e of list) {
        if (e.o.priority.value > 0) continue;
        // Only the routers pairing joined to this one share its segment: the same subnet in another network
        // (a copy of the lab in another folder) neither hides nor adds a DR-eligible router.
        let near: Entry[];
        if (!ctx.partners) {
          if (eligible > 0) continue;
          near = [];
          for (const p of list) {
            if (p.device === e.device) continue;
            near.push(p);
            if (near.length > MAX_SEGMENT_PAIRWISE) break;
          }
        } else {
          const partners = ctx.partners;
          near = nearOf(e.device.uri, partners(e.device.uri));
          if (near.some((p) => p.o.priority.value > 0)) continue;
          // On a hub-and-spoke segment (NBMA, DMVPN) a spoke does not hear the other spokes, but it takes the DR its
          // hub elects among them: a DR-eligible router one hop behind a neighbour on the segment is enough.
          const hearsEligible = (uri: string) => {
            let v = eligibleNear.get(uri);
            if (v === undefined) eligibleNear.set(uri, (v = nearOf(uri, partners(uri)).some((q) => q.o.priority.value > 0)));
            return v;
          };
          if (near.some((p) => hearsEligible(p.device.uri))) continue;
        }
        const peers = near.length > MAX_SEGMENT_PAIRWISE ? near : near.filter((p) => areNeighbours(e.device, e.o, p.device, p.o));
        if (peers.length === 0) continue;
        const edits = run(e.o.priority.set, 1);
        res.push({
          uri: e.device.uri,
          range: at(e.o.priority, e.o.range),
          severity: 'error',
          code: 'ospf/no-dr-eligible',
          message: `Every router on this ${e.o.networkType.value} segment (${linkPrefix(e.o.prefix) ?? e.o.prefix}) has OSPF priority 0, so no DR is elected and adjacencies stay in 2-WAY; give the hub (or one router) a priority above 0`,
          related: peers.slice(0, MAX_RELATED).map((p) => ({ uri: p.device.uri, range: at(p.o.priority, p.o.range), message: `priority 0 on ${p.device.name} ${p.o.interfaceName}` })),
          fixes: edits ? [{ title: 'Make this router DR-eligible (priority 1)', edits }] : [],
        });
      }
    }
    return res;
  },
};
