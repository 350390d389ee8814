// Go to definition, find references, rename and prepareRename, from the definitions and references that
// lowering records on the model (same kind + name, within one document), and across devices: a peer address
// (`set peer`, `tunnel destination`, `ip nhrp nhs|map`, RouterOS `address=`, OpenBSD `peer`, OSPF `neighbor`)
// leads to the interface owning it on the other device, found through the service's address index; an interface
// address leads back to every statement of the workspace that targets it. Pure: no connection, no IO.

import type { Location, Position, Range, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import * as model from '../model';
import type { LanguageService } from '../service';
import { contains, type TextRange } from '../syntax';
import { SERVICE_VERSIONS, workspaceEdit, type EditTargets } from './codeActions';
import { documentUri, rangeIn, toOffset, toRange } from './positions';

/** The named object under the cursor: the kinds it may be (a reference may accept several) and its name. */
export interface SymbolAt {
  kinds: string[];
  name: string;
  /** The name token under the cursor. */
  range: TextRange;
}

/** Finds the definition or reference whose name token contains `offset`. */
export function symbolAt(device: model.Device, offset: number): SymbolAt | undefined {
  for (const d of device.definitions) if (contains(d.range, offset)) return { kinds: [d.kind], name: d.name, range: d.range };
  for (const r of device.references) if (contains(r.range, offset)) return { kinds: [r.kind, ...(r.alsoKinds ?? [])], name: r.name, range: r.range };
  return undefined;
}

/** Definitions matching a symbol (any of its kinds, same name). */
export function definitionsOf(device: model.Device, sym: SymbolAt): model.Definition[] {
  return device.definitions.filter((d) => d.name === sym.name && sym.kinds.includes(d.kind));
}

/** References matching a symbol: same name, and a kind (or accepted kind) in common. */
export function referencesOf(device: model.Device, sym: SymbolAt): model.Reference[] {
  return device.references.filter((r) => r.name === sym.name && (sym.kinds.includes(r.kind) || (r.alsoKinds ?? []).some((k) => sym.kinds.includes(k))));
}

function locate(service: LanguageService, uri: string, position: Position): { device: model.Device; sym: SymbolAt } | undefined {
  const doc = service.getDocument(uri);
  const device = service.getDevice(uri);
  if (!doc || !device) return undefined;
  const sym = symbolAt(device, toOffset(doc, position));
  return sym && { device, sym };
}

export function getDefinition(service: LanguageService, uri: string, position: Position): Location[] {
  const doc = service.getDocument(uri);
  const device = service.getDevice(uri);
  if (!doc || !device) return [];
  const offset = toOffset(doc, position);
  // On a tunnel interface's own name, the definition is the interface itself: offer the other end(s) instead.
  const tunnel = device.interfaces.find((i) => i.tunnel && contains(i.nameRange, offset));
  if (tunnel) {
    const ends = tunnelEnds(service, uri, tunnel);
    if (ends.length) return ends;
  }
  const sym = symbolAt(device, offset);
  if (sym) return definitionsOf(device, sym).map((d) => ({ uri, range: toRange(doc, d.range) }));
  return crossDeviceDefinition(service, uri, device, doc.text, offset);
}

export function getReferences(service: LanguageService, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const hit = locate(service, uri, position);
  const doc = service.getDocument(uri);
  if (!doc) return [];
  if (!hit) {
    const device = service.getDevice(uri);
    return device ? addressReferences(service, uri, device, doc.text, toOffset(doc, position), includeDeclaration) : [];
  }
  // Resolve through the definition so a reference accepting several kinds finds the references of the kind it binds to.
  const defs = definitionsOf(hit.device, hit.sym);
  const sym = defs.length ? { ...hit.sym, kinds: [...new Set(defs.map((d) => d.kind))] } : hit.sym;
  const ranges: TextRange[] = referencesOf(hit.device, sym).map((r) => r.range);
  if (includeDeclaration) for (const d of defs) ranges.push(d.range);
  ranges.sort((a, b) => a.start - b.start);
  return ranges.map((r) => ({ uri, range: toRange(doc, r) }));
}

export function prepareRename(service: LanguageService, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const hit = locate(service, uri, position);
  const doc = service.getDocument(uri);
  if (!hit || !doc) return null;
  // Only user-defined objects can be renamed: a built-in (RouterOS `default`) has no definition to edit.
  const defs = definitionsOf(hit.device, hit.sym);
  if (defs.length === 0 || defs.some((d) => d.builtin)) return null;
  return { range: toRange(doc, hit.sym.range), placeholder: hit.sym.name };
}

/** A new name must be one config word: non-empty, no blanks or quotes. */
export function isValidName(name: string): boolean {
  return name.length > 0 && !/[\s"'`]/.test(name);
}

export function getRename(service: LanguageService, uri: string, position: Position, newName: string, targets: EditTargets = SERVICE_VERSIONS(service)): WorkspaceEdit | null {
  if (!isValidName(newName) || !prepareRename(service, uri, position)) return null;
  const hit = locate(service, uri, position)!;
  const defs = definitionsOf(hit.device, hit.sym);
  const sym = { ...hit.sym, kinds: [...new Set(defs.map((d) => d.kind))] };
  const edits: model.Edit[] = [];
  const seen = new Set<number>();
  for (const r of [...defs.map((d) => d.range), ...referencesOf(hit.device, sym).map((r) => r.range)]) {
    if (seen.has(r.start)) continue;
    seen.add(r.start);
    edits.push({ uri, range: r, newText: newName });
  }
  const changes: TextDocumentEdit[] | undefined = workspaceEdit(service, edits, targets);
  return changes ? { documentChanges: changes } : null;
}

// ---- Across devices ----

/** A statement of a device that targets an address on another device (a peer, a tunnel end, an NHS, a neighbour). */
export interface AddressTarget {
  /** Canonical address. */
  address: string;
  /** The address as written when it could be found in the statement, else the whole statement. */
  range: TextRange;
}

/** An address a device owns: an interface address (with its interface) or an extra address (OpenBSD `local`). */
export interface OwnedAddress {
  address: string;
  range: TextRange;
  itf?: model.Interface;
}

/** The narrowest range of `written` inside `statement` (the address token), else the statement. */
function narrow(text: string, statement: TextRange, written: string): TextRange {
  if (!written) return statement;
  const at = text.slice(statement.start, statement.end).indexOf(written);
  return at < 0 ? statement : { start: statement.start + at, end: statement.start + at + written.length };
}

/** A single-address key peer (`1.2.3.4/32` → `1.2.3.4`); undefined for a wildcard, a subnet or a name. */
function hostOf(peer: string): string | undefined {
  const p = model.parsePrefix(peer);
  if (!p || p.length !== (p.family === 4 ? 32 : 128)) return undefined;
  return model.canonicalAddress(peer.replace(/\/\d+$/, ''));
}

/**
 * Every statement of `device` that names another device's address, from the model's source ranges: IPsec peers,
 * pre-shared keys for one address, tunnel destinations, NHRP servers and mappings, OSPF neighbours.
 */
export function addressTargets(device: model.Device, text: string): AddressTarget[] {
  const res: AddressTarget[] = [];
  const add = (value: string | undefined, range: TextRange | undefined, written?: string) => {
    if (!value || !range) return;
    const address = model.canonicalAddress(value.replace(/\/(32|128)$/, ''));
    if (address) res.push({ address, range: narrow(text, range, written ?? '') });
  };
  for (const p of device.ipsecPeers) add(p.remote?.value, p.remote?.range);
  for (const k of device.keys) {
    const host = hostOf(k.peer);
    if (host) add(host, k.range, k.peer.replace(/\/(32|128)$/, ''));
  }
  for (const itf of device.interfaces) {
    const t = itf.tunnel;
    if (!t) continue;
    add(t.destination?.value, t.destination?.range);
    for (const n of t.nhrp?.nhs ?? []) if (n.value !== 'dynamic') add(n.value, n.range);
    for (const m of t.nhrp?.maps ?? []) {
      // `ip nhrp map 10.0.0.1 10.4.0.1`: the tunnel address (the hub's tunnel interface) and the NBMA address.
      let from = m.range;
      if (m.tunnelAddress !== 'dynamic') {
        const ta = narrow(text, m.range, m.tunnelAddress);
        add(m.tunnelAddress, ta);
        // The NBMA address comes after the tunnel address (and may repeat its text).
        if (ta !== m.range) from = { start: ta.end, end: m.range.end };
      }
      const nbma = narrow(text, from, m.nbma);
      add(m.nbma, nbma === from ? m.range : nbma);
    }
    for (const m of t.nhrp?.multicastMaps ?? []) if (m.nbma !== 'dynamic') add(m.nbma, m.range, m.nbma);
  }
  const seen = new Set<number>();
  for (const o of device.ospf) for (const n of o.neighbors) if (n.range && !seen.has(n.range.start)) {
    seen.add(n.range.start);
    add(n.value, n.range);
  }
  for (const o of device.ospfInterfaces) for (const n of o.neighbors) if (n.range && !seen.has(n.range.start)) {
    seen.add(n.range.start);
    add(n.value, n.range);
  }
  return res;
}

/** Every address `device` owns, with where it is written. */
export function ownedAddressRanges(device: model.Device): OwnedAddress[] {
  const res: OwnedAddress[] = [];
  for (const itf of device.interfaces) for (const a of itf.addresses) res.push({ address: a.address, range: a.range, itf });
  for (const e of device.extraAddresses) if (e.range) {
    const address = model.canonicalAddress(e.value);
    if (address) res.push({ address, range: e.range });
  }
  return res;
}

function docText(service: LanguageService, uri: string): string {
  return (service.getDocument(uri) ?? service.getDocument(documentUri(uri)))?.text ?? '';
}

/** The address literal under the cursor (`10.0.0.1`, `10.0.0.1/32`), for statements the model does not keep. */
function addressWordAt(text: string, offset: number): { address: string; range: TextRange } | undefined {
  const isWord = (c: string) => /[0-9A-Fa-f.:/]/.test(c);
  let start = offset;
  let end = offset;
  while (start > 0 && isWord(text[start - 1])) start--;
  while (end < text.length && isWord(text[end])) end++;
  const word = text.slice(start, end).replace(/\/(32|128)$/, '');
  if (!/[.:]/.test(word)) return undefined;
  const address = model.canonicalAddress(word);
  return address ? { address, range: { start, end } } : undefined;
}

/** Locations of the addresses `address` on the devices that own it, as `from` sees them (pairing's choice first). */
function ownerLocations(service: LanguageService, from: string, address: string): Location[] {
  const res: Location[] = [];
  for (const u of service.addressOwners(address, from)) {
    const d = service.getDevice(u);
    if (!d) continue;
    for (const o of ownedAddressRanges(d)) if (o.address === address) res.push({ uri: documentUri(u), range: rangeIn(service, u, o.range) });
  }
  return res;
}

/** The tunnel interfaces of partners that are the other end of `itf`: same tunnel subnet, or source ↔ destination. */
export function tunnelEnds(service: LanguageService, uri: string, itf: model.Interface, partners: readonly string[] = service.partners(uri)): Location[] {
  const t = itf.tunnel;
  if (!t) return [];
  const nets = new Set<string>();
  for (const a of itf.addresses) {
    const n = model.networkOf(a.address, a.prefixLength);
    if (n) nets.add(n);
  }
  const dest = t.destination && model.canonicalAddress(t.destination.value);
  const src = t.source && model.canonicalAddress(t.source.value);
  const res: Location[] = [];
  for (const p of partners) {
    const d = service.getDevice(p);
    if (!d) continue;
    for (const other of d.interfaces) {
      const ot = other.tunnel;
      if (!ot) continue;
      const sameNet = other.addresses.some((a) => [...nets].some((n) => model.networkOf(a.address, model.parsePrefix(n)!.length) === n));
      const od = ot.destination && model.canonicalAddress(ot.destination.value);
      const os = ot.source && model.canonicalAddress(ot.source.value);
      // A point-to-point end (a destination) is on the device owning that destination; a multipoint hub's ends
      // point their destination at its source, or share its tunnel subnet.
      const end = dest ? owns(d, dest) && (sameNet || os === dest) : (src !== undefined && src === od) || sameNet;
      if (end) res.push({ uri: documentUri(p), range: rangeIn(service, p, other.nameRange) });
    }
  }
  return res;
}

function owns(device: model.Device, address: string): boolean {
  return ownedAddressRanges(device).some((o) => o.address === address);
}

function crossDeviceDefinition(service: LanguageService, uri: string, device: model.Device, text: string, offset: number): Location[] {
  const target = addressTargets(device, text).find((t) => contains(t.range, offset));
  if (target) return ownerLocations(service, uri, target.address);
  const itf = device.interfaces.find((i) => i.tunnel && contains(i.range, offset) && !i.addresses.some((a) => contains(a.range, offset)));
  if (itf) return tunnelEnds(service, uri, itf);
  // A statement the model does not keep (RouterOS `sa-dst-address=`, BIRD BGP `neighbor`): the address under the cursor.
  const word = addressWordAt(text, offset);
  if (word && !ownedAddressRanges(device).some((o) => o.address === word.address)) return ownerLocations(service, uri, word.address);
  return [];
}

/**
 * Find references on an address (an interface address, or a peer address): every statement in the workspace that
 * targets it — the spokes pointing at a hub, the peers of a firewall — plus, with the declaration, where it is owned.
 */
function addressReferences(service: LanguageService, uri: string, device: model.Device, text: string, offset: number, includeDeclaration: boolean): Location[] {
  const address =
    ownedAddressRanges(device).find((o) => contains(o.range, offset))?.address ??
    addressTargets(device, text).find((t) => contains(t.range, offset))?.address ??
    addressWordAt(text, offset)?.address;
  if (!address) return [];
  const res: Location[] = [];
  const candidates = new Set(service.addressNeighbourhood(address));
  candidates.add(uri);
  for (const u of candidates) {
    const d = service.getDevice(u);
    if (!d) continue;
    for (const t of addressTargets(d, docText(service, u))) if (t.address === address) res.push({ uri: documentUri(u), range: rangeIn(service, u, t.range) });
    if (includeDeclaration) for (const o of ownedAddressRanges(d)) if (o.address === address) res.push({ uri: documentUri(u), range: rangeIn(service, u, o.range) });
  }
  return sortLocations(res);
}

function sortLocations(locs: Location[]): Location[] {
  return locs.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character));
}
