// Will each OSPF adjacency come up? Hello-level comparison of two neighbouring interfaces (RFC 2328 §10.5:
// area, hello/dead, mask, auth, E/N bits), DBD MTU (§10.6), network-type compatibility (interop-rules §7.3)
// and NBMA neighbour statements, on EFFECTIVE values as lowering resolved them. Imports only model/.

import * as model from '../../model';
import type { Severity, TextRange } from '../../syntax';
import type { PairCheck } from '../types';
import { allEdits, at, describe, interfacesByName, mirrored, run, type End } from './common';
import { configuredNeighbours, linkPrefix, ospfLinks, tunnelOf, type OspfLink } from './links';

type NetType = model.OspfNetworkType;

/** Short names used in messages, as engineers say them. */
export const NET_TYPE_LABEL: Readonly<Record<NetType, string>> = {
  broadcast: 'broadcast',
  'point-to-point': 'point-to-point',
  'non-broadcast': 'non-broadcast (NBMA)',
  'point-to-multipoint': 'point-to-multipoint',
  'point-to-multipoint-non-broadcast': 'point-to-multipoint non-broadcast',
  'virtual-link': 'virtual link',
  loopback: 'loopback',
};

/** Network types that elect a DR/BDR and originate a network LSA for the link [S25]. */
export function electsDr(t: NetType): boolean {
  return t === 'broadcast' || t === 'non-broadcast';
}

/** Types whose hellos are unicast to configured neighbours only. */
export function needsNeighborStatements(t: NetType): boolean {
  return t === 'non-broadcast' || t === 'point-to-multipoint-non-broadcast';
}

/**
 * The network-type compatibility matrix of interop-rules §7.3, as a verdict for two different types
 * (timer differences are reported separately by `ospf/timer-mismatch`, so the "T" cells are not repeated here).
 */
export function networkTypeVerdict(a: NetType, b: NetType): { severity: Severity; effect: string } | undefined {
  if (a === b) return undefined;
  const la = NET_TYPE_LABEL[a];
  const lb = NET_TYPE_LABEL[b];
  if (electsDr(a) !== electsDr(b)) {
    const [dr, nodr] = electsDr(a) ? [la, lb] : [lb, la];
    return {
      severity: 'error',
      effect: `${dr} elects a DR and ${nodr} does not, so even when the adjacency reaches FULL the two routers describe the link differently in their LSAs and routes over it go missing`,
    };
  }
  if (electsDr(a)) {
    return { severity: 'warning', effect: `both elect a DR, so the adjacency forms once the timers agree, but the non-broadcast side only sends hellos to its configured neighbors` };
  }
  const pair = new Set([a, b]);
  if (pair.has('point-to-multipoint') && pair.has('point-to-multipoint-non-broadcast')) {
    return { severity: 'information', effect: `compatible: neither elects a DR; the non-broadcast side unicasts hellos to its configured neighbors only` };
  }
  return {
    severity: 'warning',
    effect: `neither elects a DR, so the adjacency forms once the timers agree, but the point-to-multipoint side advertises host routes and the point-to-point side the subnet`,
  };
}

/** Whether a platform derives the dead interval from the hello interval when dead is not set (IOS 4×hello, BIRD dead count 4). */
function derivesDead(device: model.Device): boolean {
  return device.dialect === 'cisco-ios' || device.dialect === 'cisco-asa' || device.dialect === 'bird';
}

/**
 * Effective hello/dead of `o` after its network type becomes `t`, per the platform's defaults of
 * interop-rules §7.2: IOS 10/40 on broadcast and point-to-point, 30/120 otherwise; BIRD and RouterOS 10/40 for every type.
 */
export function predictTimers(device: model.Device, o: model.OspfInterface, t: NetType): { hello: number; dead: number } {
  if (device.dialect !== 'cisco-ios' && device.dialect !== 'cisco-asa') return { hello: o.hello.value, dead: o.dead.value };
  const base = t === 'broadcast' || t === 'point-to-point' ? 10 : 30;
  const hello = o.hello.range ? o.hello.value : base;
  const dead = o.dead.range ? o.dead.value : 4 * hello;
  return { hello, dead };
}

/** Edits that give `o` the timers `hello`/`dead`, given what it will have after other edits (`current`). */
function timerSteps(device: model.Device, o: model.OspfInterface, current: { hello: number; dead: number }, hello: number, dead: number): (() => model.Edit[] | undefined)[] {
  const steps: (() => model.Edit[] | undefined)[] = [];
  const helloChanges = current.hello !== hello;
  if (helloChanges) steps.push(() => run(o.hello.set, hello));
  const deadAfter = o.dead.range ? current.dead : helloChanges && derivesDead(device) ? 4 * hello : current.dead;
  if (deadAfter !== dead) steps.push(() => run(o.dead.set, dead));
  return steps;
}

function timerEdits(device: model.Device, o: model.OspfInterface, hello: number, dead: number): model.Edit[] | undefined {
  const steps = timerSteps(device, o, { hello: o.hello.value, dead: o.dead.value }, hello, dead);
  return steps.length ? allEdits(steps) : undefined;
}

/** Setting `o`'s network type to `t`, plus the timers when the new type's defaults would not match the peer's. */
function networkTypeEdits(device: model.Device, o: model.OspfInterface, t: NetType, peer: model.OspfInterface): model.Edit[] | undefined {
  const predicted = predictTimers(device, o, t);
  return allEdits([() => run(o.networkType.set, t), ...timerSteps(device, o, predicted, peer.hello.value, peer.dead.value)]);
}

function timersText(o: model.OspfInterface): string {
  const pair = `${o.hello.value}/${o.dead.value}`;
  if (o.hello.range && o.dead.range) return pair;
  if (!o.hello.range && !o.dead.range) return o.hello.default ? `${pair} (${o.hello.default})` : pair;
  return `hello ${describe(o.hello)}, dead ${describe(o.dead)}`;
}

const AUTH_LABEL: Readonly<Record<model.OspfAuth['type'], string>> = {
  none: 'no authentication',
  simple: 'simple password',
  'keyed-md5': 'MD5',
  'keyed-sha1': 'keyed SHA-1',
  'hmac-sha1': 'HMAC-SHA-1',
  'hmac-sha256': 'HMAC-SHA-256',
  'hmac-sha384': 'HMAC-SHA-384',
  'hmac-sha512': 'HMAC-SHA-512',
};

/** `MD5 key id 1` (`MD5 key ids 1, 2` during a key rollover) — never the key itself. */
export function authText(a: model.OspfAuth): string {
  const label = AUTH_LABEL[a.type];
  if (a.type === 'none' || a.type === 'simple') return label;
  if (a.keys && a.keys.length > 1) return `${label} key ids ${a.keys.map((k) => k.keyId).join(', ')}`;
  return a.keyId !== undefined ? `${label} key id ${a.keyId}` : label;
}

/**
 * The key pairs two keyed authentications have in common by key id (IOS key rollover: each side sends with every
 * configured key and accepts any of them), or undefined when a key id is unknown and ids cannot be compared.
 */
function sharedKeys(ax: model.OspfAuth, ay: model.OspfAuth): [model.Secret | undefined, model.Secret | undefined, number][] | undefined {
  const list = (a: model.OspfAuth) => (a.keys?.length ? a.keys.map((k) => ({ keyId: k.keyId as number | undefined, key: k.key as model.Secret | undefined })) : [{ keyId: a.keyId, key: a.key }]);
  const lx = list(ax);
  const ly = list(ay);
  if (lx.some((k) => k.keyId === undefined) || ly.some((k) => k.keyId === undefined)) return undefined;
  const byId = new Map(ly.map((k) => [k.keyId!, k.key] as const));
  const res: [model.Secret | undefined, model.Secret | undefined, number][] = [];
  for (const k of lx) if (byId.has(k.keyId!)) res.push([k.key, byId.get(k.keyId!), k.keyId!]);
  return res;
}

/** Area ids compared numerically: `0`, `0.0.0.0` and `backbone` are the same area. */
export function canonicalArea(id: string): string {
  const t = id.trim().toLowerCase();
  if (t === 'backbone') return '0.0.0.0';
  if (/^\d+$/.test(t)) {
    const n = Number(t);
    if (n <= 0xffffffff) return model.formatIpv4(n);
  }
  return model.canonicalAddress(t) ?? t;
}

/** Simple (type 1) OSPF passwords are 64 bits: platforms keep only the first 8 characters. */
function simpleKey(s: model.Secret): model.Secret {
  return s.plain === undefined ? s : { ...s, plain: s.plain.slice(0, 8) };
}

function addressRange(device: model.Device, o: model.OspfInterface): TextRange {
  const itf = interfacesByName(device).get(o.interfaceName);
  const addr = itf?.addresses.find((a) => o.address && model.sameAddress(a.address, o.address)) ?? itf?.addresses[0];
  return addr?.range ?? o.range;
}

function areaRange(device: model.Device, o: model.OspfInterface): TextRange {
  if (o.area.range) return o.area.range;
  const p = device.ospf.find((x) => x.id === o.processId && x.version === o.version);
  const area = p?.areas.find((ar) => canonicalArea(ar.id) === canonicalArea(o.area.value));
  return area?.range ?? o.range;
}

/** The OSPF process an interface belongs to. */
function processOf(device: model.Device, o: model.OspfInterface): model.OspfProcess | undefined {
  return device.ospf.find((p) => p.id === o.processId && p.version === o.version);
}

/**
 * Moving `o` into the area of `peer`: the area itself, plus the area's type on this device when it would not
 * match the peer's afterwards (else the fix would only trade an area mismatch for a stub-flag mismatch).
 */
function areaEdits(device: model.Device, o: model.OspfInterface, peer: model.OspfInterface): model.Edit[] | undefined {
  const proc = processOf(device, o);
  const target = canonicalArea(peer.area.value);
  const typeAfter = proc?.areas.find((ar) => canonicalArea(ar.id) === target)?.type ?? 'normal';
  const steps: (() => model.Edit[] | undefined)[] = [() => run(o.area.set, peer.area.value)];
  if (typeAfter !== peer.areaType) steps.push(() => run(proc?.setAreaType, { area: peer.area.value, type: peer.areaType }));
  return allEdits(steps);
}

/**
 * Giving `o` the prefix length of `peer`, only when its address then lies in the peer's subnet and is a usable
 * host address there (not the network or broadcast address of a /30 or larger).
 */
function prefixEdits(o: model.OspfInterface, peer: model.OspfInterface, length: number): model.Edit[] | undefined {
  if (!o.address || !peer.prefix) return undefined;
  const target = linkPrefix(peer.prefix);
  const mine = model.networkOf(o.address, length);
  if (!target || !mine || model.canonicalPrefix(mine) !== target) return undefined;
  const max = o.address.includes(':') ? 128 : 32;
  if (length < max - 1) {
    const n = model.parseIpv4(o.address);
    const host = n === undefined ? undefined : n % 2 ** (max - length);
    if (host === 0 || host === 2 ** (max - length) - 1) return undefined;
  }
  return run(o.setPrefixLength, length);
}

/** A DMVPN hub tunnel: multipoint GRE that is nobody's NHRP client. */
function isHubTunnel(t: model.Tunnel | undefined): boolean {
  return t?.mode.value === 'mgre' && (t.nhrp?.nhs.length ?? 0) === 0;
}

/** Runs every hello-level comparison on one link. */
export function checkLink(link: OspfLink): model.Finding[] {
  const { a, x, b, y } = link;
  // A multipoint hub tunnel serves many spokes: changing it to suit one spoke would break the others, so fixes
  // are only offered on the spoke side of such a link.
  const hx = isHubTunnel(tunnelOf(a, x));
  const hy = isHubTunnel(tunnelOf(b, y));
  const hubX = hx && !hy;
  const hubY = hy && !hx;
  const res0 = checkLinkAll(link);
  if (!hubX && !hubY) return res0;
  const hubUri = hubX ? a.uri : b.uri;
  for (const f of res0) f.fixes = f.fixes.filter((fix) => !fix.edits.some((e) => e.uri === hubUri));
  return res0;
}

function checkLinkAll(link: OspfLink): model.Finding[] {
  const { a, x, b, y } = link;
  const res: model.Finding[] = [];
  const end = (device: model.Device, range: TextRange, message: string, relatedMessage: string, edits?: model.Edit[]): End => ({ device, range, message, relatedMessage, edits });
  const where = (d: model.Device, o: model.OspfInterface) => `${d.name} ${o.interfaceName}`;

  // Passive: no hellos at all from that side, so there is nothing else to compare (and nothing is broken by design).
  if (x.passive.value || y.passive.value) {
    if (x.passive.value && y.passive.value) return res;
    const [pd, po, ad, ao] = x.passive.value ? [a, x, b, y] : [b, y, a, x];
    const passiveEnd = end(pd, at(po.passive, po.range), `OSPF is passive on ${po.interfaceName}, so no adjacency forms with ${where(ad, ao)}, which sends hellos on this link`, `passive here`, run(po.passive.set, false));
    const activeEnd = end(ad, ao.range, `${where(pd, po)} is passive on this link: no adjacency will form (intended for a stub/edge link?)`, `sends hellos here`, run(ao.passive.set, true));
    res.push(...mirrored('ospf/passive-peer', 'information', passiveEnd, activeEnd));
    return res;
  }

  // Area ID (OSPF header).
  const sameArea = canonicalArea(x.area.value) === canonicalArea(y.area.value);
  if (!sameArea) {
    const msg = (o: model.OspfInterface, pd: model.Device, po: model.OspfInterface) =>
      `OSPF area mismatch: this side is in area ${describe(o.area)}, ${where(pd, po)} is in area ${describe(po.area)}; hellos are dropped ("mismatched area ID")`;
    res.push(
      ...mirrored(
        'ospf/area-mismatch',
        'error',
        end(a, areaRange(a, x), msg(x, b, y), `area ${x.area.value} here`, areaEdits(a, x, y)),
        end(b, areaRange(b, y), msg(y, a, x), `area ${y.area.value} here`, areaEdits(b, y, x)),
      ),
    );
  } else if (x.areaType !== y.areaType) {
    const msg = (o: model.OspfInterface, pd: model.Device, po: model.OspfInterface) =>
      `Area ${o.area.value} is ${o.areaType} here but ${po.areaType} on ${pd.name}: the E/N option bits in the hellos disagree and hellos are dropped`;
    res.push(
      ...mirrored(
        'ospf/stub-flag-mismatch',
        'error',
        end(a, areaRange(a, x), msg(x, b, y), `area ${x.area.value} is ${x.areaType} here`, run(processOf(a, x)?.setAreaType, { area: x.area.value, type: y.areaType })),
        end(b, areaRange(b, y), msg(y, a, x), `area ${y.area.value} is ${y.areaType} here`, run(processOf(b, y)?.setAreaType, { area: y.area.value, type: x.areaType })),
      ),
    );
  }

  // Network type (§7.3 matrix).
  const tx = x.networkType.value;
  const ty = y.networkType.value;
  const verdict = networkTypeVerdict(tx, ty);
  if (verdict) {
    const msg = (o: model.OspfInterface, pd: model.Device, po: model.OspfInterface) =>
      `OSPF network type ${describe(o.networkType, (t) => NET_TYPE_LABEL[t])} here vs ${describe(po.networkType, (t) => NET_TYPE_LABEL[t])} on ${where(pd, po)}: ${verdict.effect}`;
    res.push(
      ...mirrored(
        'ospf/network-type-mismatch',
        verdict.severity,
        end(a, at(x.networkType, x.range), msg(x, b, y), `network type ${NET_TYPE_LABEL[tx]} here`, networkTypeEdits(a, x, ty, y)),
        end(b, at(y.networkType, y.range), msg(y, a, x), `network type ${NET_TYPE_LABEL[ty]} here`, networkTypeEdits(b, y, tx, x)),
      ),
    );
  }

  // Hello / dead.
  if (x.hello.value !== y.hello.value || x.dead.value !== y.dead.value) {
    const msg = (o: model.OspfInterface, pd: model.Device, po: model.OspfInterface) =>
      `OSPF hello/dead differ: ${timersText(o)} here vs ${timersText(po)} on ${where(pd, po)}; each side drops the other's hellos ("mismatched hello parameters") and no adjacency forms`;
    // On the side whose timers are implicit, the explicit network type is what chose them (IOS 30/120 on NBMA).
    const range = (o: model.OspfInterface) => at(o.hello.value !== (o === x ? y : x).hello.value ? o.hello : o.dead, at(o.networkType, o.range));
    res.push(
      ...mirrored(
        'ospf/timer-mismatch',
        'error',
        end(a, range(x), msg(x, b, y), `hello/dead ${x.hello.value}/${x.dead.value} here`, timerEdits(a, x, y.hello.value, y.dead.value)),
        end(b, range(y), msg(y, a, x), `hello/dead ${y.hello.value}/${y.dead.value} here`, timerEdits(b, y, x.hello.value, x.dead.value)),
      ),
    );
  }

  // Network mask: not compared on point-to-point links and not carried by OSPFv3 hellos [S22][S23].
  if (x.version === 2 && !(tx === 'point-to-point' && ty === 'point-to-point') && x.prefix && y.prefix) {
    const lx = model.parsePrefix(linkPrefix(x.prefix) ?? '')?.length;
    const ly = model.parsePrefix(linkPrefix(y.prefix) ?? '')?.length;
    if (lx !== undefined && ly !== undefined && lx !== ly) {
      const msg = (l: number, pd: model.Device, po: model.OspfInterface, pl: number) =>
        `Subnet mask differs on this OSPF link: /${l} here vs /${pl} on ${where(pd, po)}; hellos carry the mask and are dropped on ${NET_TYPE_LABEL[tx === 'point-to-point' ? ty : tx]} links`;
      res.push(...mirrored('ospf/subnet-mismatch', 'error', end(a, addressRange(a, x), msg(lx, b, y, ly), `/${lx} here`, prefixEdits(x, y, ly)), end(b, addressRange(b, y), msg(ly, a, x, lx), `/${ly} here`, prefixEdits(y, x, lx))));
    }
  }

  // Authentication (type, key id, key).
  for (const f of authFindings(link)) res.push(f);

  // MTU in the DBD (RFC 2328 §10.6): the side with the SMALLER MTU rejects the larger one.
  if (x.mtu && y.mtu && x.mtu.value !== y.mtu.value) {
    const [sd, so, bd, bo] = x.mtu.value < y.mtu.value ? [a, x, b, y] : [b, y, a, x];
    if (!so.mtuIgnore) {
      const bird = sd.dialect === 'bird';
      const severity: Severity = bird ? 'information' : 'error';
      const effect = bird
        ? `BIRD on ${sd.name} only logs "MTU mismatch" and carries on, so the adjacency forms, but large LSA updates from ${bd.name} may not fit`
        : `${sd.name} rejects the database description packets of ${bd.name} (MTU ${bo.mtu!.value} > ${so.mtu!.value}), so the adjacency is stuck in EXSTART/EXCHANGE`;
      const msg = (o: model.OspfInterface, pd: model.Device, po: model.OspfInterface) => `Interface MTU differs: ${describe(o.mtu)} here vs ${describe(po.mtu)} on ${where(pd, po)}; ${effect}`;
      res.push(
        ...mirrored(
          'ospf/mtu-mismatch',
          severity,
          end(a, at(x.mtu, x.range), msg(x, b, y), `MTU ${x.mtu.value} here`, run(x.mtu.set, y.mtu.value)),
          end(b, at(y.mtu, y.range), msg(y, a, x), `MTU ${y.mtu.value} here`, run(y.mtu.set, x.mtu.value)),
        ),
      );
    }
  }

  // NBMA: hellos are unicast to configured neighbors; when neither side lists the other, nobody says hello.
  if (needsNeighborStatements(tx) && needsNeighborStatements(ty) && x.address && y.address) {
    const xn = configuredNeighbours(a, x);
    const yn = configuredNeighbours(b, y);
    if (!xn.has(model.canonicalAddress(y.address) ?? y.address) && !yn.has(model.canonicalAddress(x.address) ?? x.address)) {
      // No hello is sent, certainly; but two routers on one shared NBMA subnet may not be meant as neighbours at all
      // (spokes of one hub): an error only when the link holds these two routers alone. A list on one end is
      // enough (IOS polls a listed neighbour even at priority 0: seed 004's spokes list the hubs, the hubs nobody).
      const severity: Severity = twoRouterLink(link) ? 'error' : 'warning';
      const msg = (pd: model.Device, po: model.OspfInterface, addr: string) =>
        `Non-broadcast OSPF link without neighbor statements: neither this router nor ${where(pd, po)} lists the other (add \`neighbor ${addr}\` on one side), so no hellos are sent${severity === 'error' ? '' : ' between them (if they are meant to be neighbours)'}`;
      const pair = mirrored('ospf/nbma-neighbor-missing', severity, end(a, at(x.networkType, x.range), msg(b, y, y.address), `${x.interfaceName} here`), end(b, at(y.networkType, y.range), msg(a, x, x.address), `${y.interfaceName} here`));
      // One statement on either end is enough: each end is offered "list the other here" and "list this router there".
      const lists = (o: model.OspfInterface, addr: string) => run(o.addNeighbor, addr);
      const fixesOf = (self: model.OspfInterface, other: model.OspfInterface, otherDevice: model.Device): model.FixIntent[] => {
        const out: model.FixIntent[] = [];
        const here = lists(self, other.address!);
        if (here) out.push({ title: `Add \`neighbor ${other.address}\` here (${otherDevice.name})`, edits: here, isPreferred: true });
        const there = lists(other, self.address!);
        if (there) out.push({ title: `Add \`neighbor ${self.address}\` on ${otherDevice.name}`, edits: there });
        return out;
      };
      pair[0].fixes = fixesOf(x, y, b);
      pair[1].fixes = fixesOf(y, x, a);
      res.push(...pair);
    }
  }
  return res;
}

/**
 * Whether the link holds these two routers alone, so they are certainly meant to be neighbours: p2p GRE tunnels
 * aimed at each other, or a subnet with room for two addresses only (IPv4 /30 or /31, IPv6 /127 or longer).
 */
function twoRouterLink(link: OspfLink): boolean {
  const { a, x, b, y } = link;
  if (tunnelOf(a, x)?.destination && tunnelOf(b, y)?.destination) return true;
  const p = model.parsePrefix(linkPrefix(x.prefix) ?? linkPrefix(y.prefix) ?? '');
  return p !== undefined && p.length >= (p.family === 4 ? 30 : 127);
}

function authFindings(link: OspfLink): model.Finding[] {
  const { a, x, b, y } = link;
  const ax = x.auth.value;
  const ay = y.auth.value;
  const where = (d: model.Device, o: model.OspfInterface) => `${d.name} ${o.interfaceName}`;
  const shared = ax.type === ay.type && ax.type !== 'none' && ax.type !== 'simple' ? sharedKeys(ax, ay) : undefined;
  if (ax.type !== ay.type || shared?.length === 0) {
    const msg = (o: model.OspfAuth, pd: model.Device, po: model.OspfInterface) =>
      `OSPF authentication differs: ${authText(o)} here vs ${authText(po.auth.value)} on ${where(pd, po)}; hellos are dropped ("mismatched authentication type")`;
    const copy = (self: model.OspfInterface, other: model.OspfAuth) => (other.type === 'none' || other.key?.plain !== undefined ? run(self.auth.set, other) : undefined);
    return mirrored(
      'ospf/auth-mismatch',
      'error',
      { device: a, range: at(x.auth, x.range), message: msg(ax, b, y), relatedMessage: `${authText(ax)} here`, edits: copy(x, ay) },
      { device: b, range: at(y.auth, y.range), message: msg(ay, a, x), relatedMessage: `${authText(ay)} here`, edits: copy(y, ax) },
    );
  }
  if (ax.type === 'none') return [];
  const compare = (p: model.Secret, q: model.Secret) => model.compareSecrets(ax.type === 'simple' ? simpleKey(p) : p, ay.type === 'simple' ? simpleKey(q) : q);
  // Key rollover: one key id with the same key on both ends is enough.
  if (shared?.some(([p, q]) => !p || !q || compare(p, q) === 'equal' || compare(p, q) === 'unverifiable')) return [];
  const [kx, ky, sharedId] = shared?.[0] ?? [ax.key, ay.key, ax.keyId];
  if (!kx || !ky) return [];
  const cmp = compare(kx, ky);
  if (cmp === 'equal' || cmp === 'unverifiable') return [];
  const detail = cmp === 'case-or-space' ? ' (they differ only in letter case, quotes or surrounding spaces, which still counts)' : '';
  const label = authText({ type: ax.type, keyId: sharedId });
  const msg = (self: model.Secret, pd: model.Device, po: model.OspfInterface, other: model.Secret) =>
    `OSPF ${label} keys differ: ${model.maskSecret(self)} here vs ${model.maskSecret(other)} on ${where(pd, po)}${detail}; hellos fail authentication and are dropped`;
  // The key Setter rewrites the first key: offered only where that is the one compared.
  const copy = (self: model.OspfInterface, other: model.Secret) => (other.plain !== undefined && (self.auth.value.keys?.length ?? 1) <= 1 ? run(self.setAuthKey, other.plain) : undefined);
  return mirrored(
    'ospf/auth-mismatch',
    'error',
    { device: a, range: kx.range, message: msg(kx, b, y, ky), relatedMessage: 'authentication key here', edits: copy(x, ky) },
    { device: b, range: ky.range, message: msg(ky, a, x, kx), relatedMessage: 'authentication key here', edits: copy(y, kx) },
  );
}

/** `ospf/*` adjacency checks between two devices. */
export const ospfAdjacencyCheck: PairCheck = {
  name: 'ospf-adjacency',
  check(a, b) {
    const res: model.Finding[] = [];
    for (const link of ospfLinks(a, b)) for (const f of checkLink(link)) res.push(f);
    return res;
  },
};
