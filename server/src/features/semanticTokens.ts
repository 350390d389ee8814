// Semantic tokens for what a TextMate grammar cannot know: which names are defined (declarations and references
// that resolve within the device) and which are not, and where secrets are (a `secret` type themes can dim).
// Read from the lowered model only; encoded here into LSP's relative integer array. Pure: no connection, no IO.

import * as model from '../model';
import type { DocumentState, LanguageService } from '../service';
import type { TextRange } from '../syntax';

/** Token types, in legend order. `secret` is ours (declared in package.json with superType `string`). */
export const TOKEN_TYPES = ['variable', 'type', 'class', 'function', 'namespace', 'macro', 'secret'] as const;
/** Token modifiers, in legend order (bit i = modifier i). `undefined` is ours: a reference nothing defines. */
export const TOKEN_MODIFIERS = ['declaration', 'undefined'] as const;

export type TokenType = (typeof TOKEN_TYPES)[number];
export type TokenModifier = (typeof TOKEN_MODIFIERS)[number];

export const SEMANTIC_TOKENS_LEGEND: { tokenTypes: string[]; tokenModifiers: string[] } = {
  tokenTypes: [...TOKEN_TYPES],
  tokenModifiers: [...TOKEN_MODIFIERS],
};

/**
 * Model symbol kinds → token type. Crypto and policy objects are `class`, match lists (ACLs, prefix lists,
 * object groups, class maps) `type`, things that transform routes or traffic `function`, protocols and
 * routing instances `namespace`, OpenBSD macros `macro`; everything else (interfaces, pools, tables) `variable`.
 */
const KIND_TYPES: Record<string, TokenType> = {
  'transform-set': 'class',
  'ipsec-proposal': 'class',
  'ipsec-profile': 'class',
  'ipsec-peer': 'class',
  'ipsec-policy-group': 'class',
  'ipsec-mode-config': 'class',
  'isakmp-profile': 'class',
  'ikev2-proposal': 'class',
  'ikev2-policy': 'class',
  'ikev2-profile': 'class',
  'ikev2-keyring': 'class',
  keyring: 'class',
  'key-chain': 'class',
  trustpoint: 'class',
  'crypto-map': 'class',
  'dynamic-map': 'class',
  'tunnel-group': 'class',
  'group-policy': 'class',
  'ppp-profile': 'class',
  acl: 'type',
  'prefix-list': 'type',
  object: 'type',
  'object-group': 'type',
  'class-map': 'type',
  'snmp-view': 'type',
  'snmp-group': 'type',
  'route-map': 'function',
  'policy-map': 'function',
  'bird-filter': 'function',
  'bird-function': 'function',
  'bird-protocol': 'namespace',
  'bird-template': 'namespace',
  'ospf-instance': 'namespace',
  'ospf-area': 'namespace',
  'routing-id': 'namespace',
  macro: 'macro',
};

export function tokenTypeOfKind(kind: model.SymbolKind): TokenType {
  return KIND_TYPES[kind] ?? 'variable';
}

/** One token in document coordinates (0-based line and UTF-16 character), never spanning lines. */
export interface SemanticToken {
  line: number;
  character: number;
  length: number;
  type: TokenType;
  modifiers: TokenModifier[];
}

interface Candidate {
  range: TextRange;
  type: TokenType;
  modifiers: TokenModifier[];
  /** Lower wins where candidates overlap: secrets, then declarations, then resolved references, then the rest. */
  rank: number;
}

function candidates(device: model.Device): Candidate[] {
  const res: Candidate[] = [];
  for (const r of model.secretRanges(device)) res.push({ range: r, type: 'secret', modifiers: NONE, rank: 0 });
  // Definitions by kind, then name (no key strings per definition and reference).
  const defined = new Map<string, Map<string, model.Definition>>();
  for (const d of device.definitions) {
    let byName = defined.get(d.kind);
    if (!byName) defined.set(d.kind, (byName = new Map()));
    if (!byName.has(d.name)) byName.set(d.name, d);
    res.push({ range: d.range, type: tokenTypeOfKind(d.kind), modifiers: DECLARATION, rank: 1 });
  }
  for (const r of device.references) {
    // Same resolution as `ref/undefined`: the reference's kind or any kind it also accepts, same name.
    let hit = defined.get(r.kind)?.get(r.name);
    if (!hit && r.alsoKinds) for (const k of r.alsoKinds) if ((hit = defined.get(k)?.get(r.name))) break;
    if (hit) res.push({ range: r.range, type: tokenTypeOfKind(hit.kind), modifiers: NONE, rank: 2 });
    else res.push({ range: r.range, type: tokenTypeOfKind(r.kind), modifiers: UNDEFINED, rank: 3 });
  }
  return res;
}

// Shared, never mutated: one array per modifier set rather than one per token.
const NONE: TokenModifier[] = [];
const DECLARATION: TokenModifier[] = ['declaration'];
const UNDEFINED: TokenModifier[] = ['undefined'];

/**
 * A document's tokens, computed once per document version and device (the lowering cached with the version): the
 * list, its LSP encoding and the result id a delta request refers to. Keyed on the service's DocumentState, which
 * is a new object for every version, so an old version's entry goes with it.
 */
interface TokenCache {
  device: model.Device;
  tokens: SemanticToken[];
  data: number[];
  resultId: string;
}

const tokenCache = new WeakMap<DocumentState, TokenCache>();
let resultCounter = 0;

function cachedTokens(service: LanguageService, uri: string): TokenCache | undefined {
  const doc = service.getDocument(uri);
  const device = service.getDevice(uri);
  if (!doc || !device || device.uri !== uri) return undefined;
  const hit = tokenCache.get(doc);
  if (hit && hit.device === device) return hit;
  const tokens = computeTokens(doc, device);
  const entry = { device, tokens, data: encodeSemanticTokens(tokens), resultId: String(++resultCounter) };
  tokenCache.set(doc, entry);
  return entry;
}

/** The tokens of one document, sorted, non-overlapping and single-line. Empty for files without a device. */
export function semanticTokenList(service: LanguageService, uri: string): SemanticToken[] {
  return cachedTokens(service, uri)?.tokens ?? [];
}

function computeTokens(doc: DocumentState, device: model.Device): SemanticToken[] {
  const length = doc.text.length;
  const all: Candidate[] = [];
  for (const c of candidates(device)) {
    const start = Math.max(0, c.range.start);
    const end = Math.min(length, c.range.end);
    if (end <= start) continue;
    if (start !== c.range.start || end !== c.range.end) c.range = { start, end };
    all.push(c);
  }
  // Candidates come in a few runs already in document order (secrets, definitions, references): the sort merges them.
  all.sort((a, b) => a.range.start - b.range.start || a.rank - b.rank || b.range.end - a.range.end);
  // Where candidates overlap, the better-ranked one wins and the other is dropped whole (a partial token is worse
  // than none). Kept ranges are disjoint and sorted, and each candidate starts at or after the last kept start, so
  // only the last kept range can overlap it.
  const kept: Candidate[] = [];
  for (const c of all) {
    const last = kept[kept.length - 1];
    if (!last || last.range.end <= c.range.start) kept.push(c);
    else if (c.rank < last.rank) kept[kept.length - 1] = c;
  }
  const res: SemanticToken[] = [];
  // Kept ranges are sorted: the line of each start is found by walking forward from the previous one.
  const starts = doc.lineStarts;
  let line = 0;
  for (const c of kept) {
    let start = c.range.start;
    while (start < c.range.end) {
      while (line + 1 < starts.length && starts[line + 1] <= start) line++;
      const next = line + 1 < starts.length ? starts[line + 1] : length;
      let end = Math.min(c.range.end, next);
      while (end > start && (doc.text.charCodeAt(end - 1) === 10 || doc.text.charCodeAt(end - 1) === 13)) end--;
      if (end > start) res.push({ line, character: start - starts[line], length: end - start, type: c.type, modifiers: c.modifiers });
      start = next;
    }
  }
  return res;
}

const TYPE_INDEX = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<TokenType, number>;
const MODIFIER_BITS = Object.fromEntries(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i])) as Record<TokenModifier, number>;

/** LSP encoding: five integers per token (delta line, delta start, length, type index, modifier bits). */
export function encodeSemanticTokens(tokens: readonly SemanticToken[]): number[] {
  const data: number[] = new Array(tokens.length * 5);
  let prevLine = 0;
  let prevChar = 0;
  let at = 0;
  for (const t of tokens) {
    const dLine = t.line - prevLine;
    const dChar = dLine === 0 ? t.character - prevChar : t.character;
    let bits = 0;
    for (const m of t.modifiers) bits |= MODIFIER_BITS[m];
    data[at++] = dLine;
    data[at++] = dChar;
    data[at++] = t.length;
    data[at++] = TYPE_INDEX[t.type];
    data[at++] = bits;
    prevLine = t.line;
    prevChar = t.character;
  }
  return data;
}

/** `textDocument/semanticTokens/full`: the encoded tokens of one document, cached per version, with a result id. */
export function getSemanticTokens(service: LanguageService, uri: string): { resultId?: string; data: number[] } {
  const cached = cachedTokens(service, uri);
  if (!cached) return { data: [] };
  remember(service, uri, cached);
  return { resultId: cached.resultId, data: cached.data };
}

/** Zero-based line/character position, as LSP sends it. */
interface LinePosition {
  line: number;
  character: number;
}

/**
 * `textDocument/semanticTokens/range`: the tokens that overlap a range (the visible part of the editor), encoded
 * relative to the first of them. Found by binary search in the version's cached list.
 */
export function getSemanticTokensRange(service: LanguageService, uri: string, range: { start: LinePosition; end: LinePosition }): { data: number[] } {
  const tokens = cachedTokens(service, uri)?.tokens;
  if (!tokens) return { data: [] };
  const before = (t: SemanticToken, p: LinePosition) => t.line < p.line || (t.line === p.line && t.character + t.length <= p.character);
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(tokens[mid], range.start)) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < tokens.length && (tokens[end].line < range.end.line || (tokens[end].line === range.end.line && tokens[end].character < range.end.character))) end++;
  return { data: encodeSemanticTokens(tokens.slice(lo, end)) };
}

/** One edit of the previous result's data array (LSP SemanticTokensEdit). */
export interface SemanticTokensEdit {
  start: number;
  deleteCount: number;
  data?: number[];
}

/**
 * `textDocument/semanticTokens/full/delta`: the edits that turn the result `previousResultId` into the current one,
 * as one replacement of everything between their common prefix and suffix (linear). A previous id that is not
 * the last one sent for this document (or the tokens of a document without a device) gets the full result.
 */
export function getSemanticTokensDelta(service: LanguageService, uri: string, previousResultId: string): { resultId?: string; data: number[] } | { resultId: string; edits: SemanticTokensEdit[] } {
  const cached = cachedTokens(service, uri);
  if (!cached) return { data: [] };
  const previous = sent.get(service)?.get(uri);
  remember(service, uri, cached);
  if (!previous || previous.resultId !== previousResultId) return { resultId: cached.resultId, data: cached.data };
  if (previous.resultId === cached.resultId) return { resultId: cached.resultId, edits: [] };
  return { resultId: cached.resultId, edits: diffData(previous.data, cached.data) };
}

/** The single edit (or none) that turns `a` into `b`: everything between their common prefix and common suffix. */
export function diffData(a: readonly number[], b: readonly number[]): SemanticTokensEdit[] {
  let prefix = 0;
  const min = Math.min(a.length, b.length);
  while (prefix < min && a[prefix] === b[prefix]) prefix++;
  if (prefix === a.length && prefix === b.length) return [];
  let suffix = 0;
  while (suffix < min - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const edit: SemanticTokensEdit = { start: prefix, deleteCount: a.length - prefix - suffix };
  if (b.length - prefix - suffix > 0) edit.data = b.slice(prefix, b.length - suffix);
  return [edit];
}

/** The last result sent per document of each service: what a delta request's previousResultId names. */
const sent = new WeakMap<LanguageService, Map<string, { resultId: string; data: number[] }>>();

function remember(service: LanguageService, uri: string, cached: TokenCache): void {
  let byUri = sent.get(service);
  if (!byUri) sent.set(service, (byUri = new Map()));
  byUri.set(uri, { resultId: cached.resultId, data: cached.data });
  // Closed documents' entries go once there are many (each holds one data array).
  if (byUri.size > 64) for (const u of [...byUri.keys()]) if (!service.getDocument(u)) byUri.delete(u);
}
