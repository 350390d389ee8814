// Workspace symbols (Ctrl+T): devices, interfaces, tunnels, crypto maps, profiles, ACLs, BIRD protocols and every
// other named object of every file the service holds (open or not), matched by a fuzzy subsequence of the query
// and ranked. A query scans the lowered devices' definitions in place (case folded while matching, nothing
// allocated per name), so the first query costs what the next ones do. Pure: no connection, no IO.

import { SymbolKind, type SymbolInformation } from 'vscode-languageserver-types';
import type * as model from '../model';
import type { LanguageService } from '../service';
import { rangeIn } from './positions';

/** At most this many results; the best-ranked are kept. */
export const MAX_WORKSPACE_SYMBOLS = 256;

/** LSP kind of a definition kind (dialects name kinds freely; the common ones are listed, the rest are objects). */
const KINDS: Record<string, SymbolKind> = {
  interface: SymbolKind.Interface,
  nameif: SymbolKind.Interface,
  'interface-list': SymbolKind.Enum,
  acl: SymbolKind.Array,
  'object-group': SymbolKind.Array,
  'crypto-map': SymbolKind.Key,
  'dynamic-map': SymbolKind.Key,
  'transform-set': SymbolKind.Key,
  'ipsec-profile': SymbolKind.Key,
  'ipsec-proposal': SymbolKind.Key,
  'ike-profile': SymbolKind.Key,
  'ikev2-profile': SymbolKind.Key,
  'ikev2-proposal': SymbolKind.Key,
  'ikev2-policy': SymbolKind.Key,
  keyring: SymbolKind.Key,
  'tunnel-group': SymbolKind.Key,
  'group-policy': SymbolKind.Struct,
  'route-map': SymbolKind.Function,
  'class-map': SymbolKind.Struct,
  'policy-map': SymbolKind.Struct,
  'bird-protocol': SymbolKind.Event,
  'bird-template': SymbolKind.Event,
  'bird-filter': SymbolKind.Function,
  'bird-function': SymbolKind.Function,
  'bird-table': SymbolKind.Namespace,
  'bird-constant': SymbolKind.Constant,
  macro: SymbolKind.Constant,
};

/**
 * How well `query` (lower case) matches `name` (lower case) as a subsequence; -1 when it does not. Higher is
 * better: consecutive characters, a match at the start or after a separator, and a shorter name all score.
 */
export function fuzzyScore(query: string, name: string): number {
  if (query.length === 0) return 1;
  if (query.length > name.length) return -1;
  let score = 0;
  let qi = 0;
  let prev = -2;
  for (let i = 0; i < name.length && qi < query.length; i++) {
    if (fold(name.charCodeAt(i)) !== query.charCodeAt(qi)) continue;
    let s = 1;
    if (i === prev + 1) s += 4;
    if (i === 0) s += 6;
    else if (isSeparator(name.charCodeAt(i - 1)) || (isDigit(name.charCodeAt(i)) && !isDigit(name.charCodeAt(i - 1)))) s += 3;
    score += s;
    prev = i;
    qi++;
  }
  if (qi < query.length) return -1;
  return score * 16 - Math.min(name.length - query.length, 15);
}

/** ASCII lower case of a character code (config names are ASCII; other characters compare as they are). */
function fold(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c;
}

function isSeparator(c: number): boolean {
  // space - . / _ : @
  return c === 32 || c === 45 || c === 46 || c === 47 || c === 95 || c === 58 || c === 64;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** One match: a device (`def` undefined) or one of its definitions. */
interface Hit {
  score: number;
  device: model.Device;
  def?: model.Definition;
}

export function getWorkspaceSymbols(service: LanguageService, query: string): SymbolInformation[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, '');
  const hits: Hit[] = [];
  let floor = -1;
  const consider = (score: number, device: model.Device, def?: model.Definition) => {
    // Once the working set is full, a hit no better than its worst cannot make the cut.
    if (score < 0 || score <= floor) return;
    hits.push({ score, device, def });
    // Keep the working set bounded: past twice the cap, keep the best half.
    if (hits.length >= MAX_WORKSPACE_SYMBOLS * 2) {
      hits.sort(byRank);
      hits.length = MAX_WORKSPACE_SYMBOLS;
      floor = hits[hits.length - 1].score;
    }
  };
  for (const device of service.devices()) {
    consider(fuzzyScore(q, device.name), device);
    let last: model.Definition | undefined;
    for (const d of device.definitions) {
      // Built-in objects the config does not write (RouterOS `default` proposal) have no place to go to; a name
      // defined twice at one place (IOS interface and its nameif) is listed once.
      if (d.range.end <= d.range.start || (last && last.range.start === d.range.start && last.kind === d.kind)) continue;
      last = d;
      consider(fuzzyScore(q, d.name), device, d);
    }
  }
  hits.sort(byRank);
  if (hits.length > MAX_WORKSPACE_SYMBOLS) hits.length = MAX_WORKSPACE_SYMBOLS;
  return hits.map((h) => toSymbol(service, h));
}

function toSymbol(service: LanguageService, { device, def }: Hit): SymbolInformation {
  const uri = device.uri;
  if (!def) return { name: device.name, kind: SymbolKind.File, containerName: `device (${device.dialect})`, location: { uri, range: rangeIn(service, uri, device.hostnameRange ?? { start: 0, end: 0 }) } };
  const tunnel = def.kind === 'interface' && device.interfaces.some((i) => i.tunnel && i.name === def.name);
  const kindName = tunnel ? 'tunnel' : def.kind.replace(/^bird-/, '');
  return { name: def.name, kind: KINDS[def.kind] ?? SymbolKind.Object, containerName: `${kindName} · ${device.name}`, location: { uri, range: rangeIn(service, uri, def.range) } };
}

function byRank(a: Hit, b: Hit): number {
  const an = a.def?.name ?? a.device.name;
  const bn = b.def?.name ?? b.device.name;
  return b.score - a.score || (a.def ? 1 : 0) - (b.def ? 1 : 0) || (an < bn ? -1 : an > bn ? 1 : a.device.uri < b.device.uri ? -1 : a.device.uri > b.device.uri ? 1 : (a.def?.range.start ?? 0) - (b.def?.range.start ?? 0));
}
