// Code lenses from the cross-file summaries (`↔ r2: phase 1 ✓ · PSK ✗`, informational: no command), and on each
// tunnel or OSPF interface its peers' verdicts (`↔ hub1: ok · hub2: 2 problems`), which open the peer's end through
// the `netcfg.openPeer` command. Pure: no connection, no IO.

import type { CodeLens, Location } from 'vscode-languageserver-types';
import { lenses } from '../analysis/summary';
import type * as model from '../model';
import type { DocumentState, LanguageService } from '../service';
import { featureContext } from './hover';
import { tunnelEnds } from './navigation';
import { documentUri, rangeIn, toRange } from './positions';

/** The command a peer lens runs: the server shows the document at the location (`window/showDocument`). */
export const OPEN_PEER_COMMAND = 'netcfg.openPeer';

/** At most this many peers are named in one lens; more are counted. */
const NAMED_PEERS = 3;

/**
 * The lenses of each document version (DocumentState is a new object per version), for the device and the peer
 * devices they were computed from: a peer's edit gives it a new device, and the lenses are computed again.
 */
const cache = new WeakMap<DocumentState, { device: model.Device; peers: readonly model.Device[]; lenses: CodeLens[] }>();

export function getCodeLenses(service: LanguageService, uri: string): CodeLens[] {
  const doc = service.getDocument(uri);
  const ctx = featureContext(service, uri);
  if (!doc || !ctx.device) return [];
  const hit = cache.get(doc);
  if (hit && hit.device === ctx.device && sameDevices(hit.peers, ctx.peers)) return hit.lenses;
  const res: CodeLens[] = lenses(ctx.device, ctx.peers).map((l) => ({ range: toRange(doc, l.range), command: { title: l.title, command: '' } }));
  for (const l of peerLenses(service, uri, ctx.device)) res.push(l);
  cache.set(doc, { device: ctx.device, peers: ctx.peers, lenses: res });
  return res;
}

function sameDevices(a: readonly model.Device[], b: readonly model.Device[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The far ends of one interface: tunnel ends, else OSPF neighbours on the same link, one location per peer device. */
function interfacePeers(service: LanguageService, uri: string, device: model.Device, name: string, itf: model.Interface | undefined, partners: () => readonly string[]): Location[] {
  const found = itf?.tunnel ? tunnelEnds(service, uri, itf, partners()) : [];
  if (!itf?.tunnel) {
    const prefixes = new Set<string>();
    for (const o of device.ospfInterfaces) if (o.interfaceName === name && o.prefix) prefixes.add(o.prefix);
    if (prefixes.size === 0) return [];
    for (const p of partners()) {
      const d = service.getDevice(p);
      if (!d) continue;
      const o = d.ospfInterfaces.find((x) => x.prefix !== undefined && prefixes.has(x.prefix));
      if (!o) continue;
      const their = d.interfaces.find((i) => i.name === o.interfaceName);
      found.push({ uri: documentUri(p), range: rangeIn(service, p, their?.nameRange ?? o.range) });
    }
  }
  const byUri = new Map<string, Location>();
  for (const l of found) if (!byUri.has(l.uri)) byUri.set(l.uri, l);
  return [...byUri.values()];
}

/**
 * `↔ hub1: ok · hub2: 2 problems` on the header of each tunnel or OSPF interface with a peer in the workspace. A
 * peer's problems are this document's errors and warnings that point at the peer's file (the pair's findings).
 * The lens opens the first peer with problems, else the first peer.
 */
export function peerLenses(service: LanguageService, uri: string, device: model.Device): CodeLens[] {
  const doc = service.getDocument(uri);
  if (!doc) return [];
  // Interfaces the file defines (tunnels and OSPF ones), then OSPF interfaces it only names (a BIRD pattern).
  const candidates: { name: string; at: model.Interface['nameRange']; itf?: model.Interface }[] = [];
  const defined = new Set<string>();
  const ospf = new Set(device.ospfInterfaces.map((o) => o.interfaceName));
  for (const i of device.interfaces) {
    defined.add(i.name);
    if (i.tunnel || ospf.has(i.name)) candidates.push({ name: i.name, at: i.nameRange, itf: i });
  }
  for (const o of device.ospfInterfaces) if (!defined.has(o.interfaceName)) {
    defined.add(o.interfaceName);
    candidates.push({ name: o.interfaceName, at: o.range });
  }
  if (candidates.length === 0) return [];
  // Findings are read only when some interface has a peer (a file's findings are merged and ruled on each call:
  // tens of milliseconds on a 100k-line file with thousands of findings; issue 16).
  // The partners are looked up once (pairing walks every pair key of the device), not once per interface.
  let partners: readonly string[] | undefined;
  const partnersOnce = () => (partners ??= service.partners(uri));
  const withPeers: { at: model.Interface['nameRange']; peers: Location[] }[] = [];
  for (const c of candidates) {
    const peers = interfacePeers(service, uri, device, c.name, c.itf, partnersOnce);
    if (peers.length) withPeers.push({ at: c.at, peers });
  }
  if (withPeers.length === 0) return [];
  const problems = new Map<string, number>();
  for (const f of service.getFindings(uri)) {
    if ((f.severity !== 'error' && f.severity !== 'warning') || f.suppressed || f.baselined) continue; // ignored or accepted: not a problem to show
    const peers = new Set(f.related.map((r) => documentUri(r.uri)));
    peers.delete(uri);
    for (const p of peers) problems.set(p, (problems.get(p) ?? 0) + 1);
  }
  const res: CodeLens[] = [];
  for (const { at, peers } of withPeers) {
    const named = peers.map((l) => ({ l, name: service.getDevice(l.uri)?.name ?? l.uri.replace(/^.*\//, ''), n: problems.get(l.uri) ?? 0 }));
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const verdict = (n: number) => (n === 0 ? 'ok' : `${n} problem${n === 1 ? '' : 's'}`);
    let title: string;
    if (named.length <= NAMED_PEERS) title = `↔ ${named.map((p) => `${p.name}: ${verdict(p.n)}`).join(' · ')}`;
    else {
      const bad = named.filter((p) => p.n > 0).length;
      title = `↔ ${named.length} peers: ${named.length - bad} ok${bad ? ` · ${bad} with problems` : ''}`;
    }
    const open = named.find((p) => p.n > 0) ?? named[0];
    res.push({ range: toRange(doc, at), command: { title, command: OPEN_PEER_COMMAND, arguments: [open.l.uri, open.l.range] } });
  }
  return res;
}
