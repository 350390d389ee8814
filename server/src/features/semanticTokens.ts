// Semantic tokens for what a TextMate grammar cannot know: which names are defined (declarations and references
// that resolve within the device) and which are not, and where secrets are (a `secret` type themes can dim).
// Read from the lowered model only; encoded here into LSP's relative integer array. Pure: no connection, no IO.

import * as model from '../model';
import type { DocumentState, LanguageService } from '../service';
import { positionAt, type TextRange } from '../syntax';

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
  for (const r of model.secretRanges(device)) res.push({ range: r, type: 'secret', modifiers: [], rank: 0 });
  const defined = new Map<string, model.Definition>();
  for (const d of device.definitions) {
    const key = `${d.kind}\u0000${d.name}`;
    if (!defined.has(key)) defined.set(key, d);
    res.push({ range: d.range, type: tokenTypeOfKind(d.kind), modifiers: ['declaration'], rank: 1 });
  }
  for (const r of device.references) {
    // Same resolution as `ref/undefined`: the reference's kind or any kind it also accepts, same name.
    const hit = [r.kind, ...(r.alsoKinds ?? [])].map((k) => defined.get(`${k}\u0000${r.name}`)).find((d) => d);
    if (hit) res.push({ range: r.range, type: tokenTypeOfKind(hit.kind), modifiers: [], rank: 2 });
    else res.push({ range: r.range, type: tokenTypeOfKind(r.kind), modifiers: ['undefined'], rank: 3 });
  }
  return res;
}

/** The tokens of one document, sorted, non-overlapping and single-line. Empty for files without a device. */
export function semanticTokenList(service: LanguageService, uri: string): SemanticToken[] {
  const doc = service.getDocument(uri);
  const device = service.getDevice(uri);
  if (!doc || !device || device.uri !== uri) return [];
  const all = candidates(device)
    .map((c) => ({ ...c, range: { start: Math.max(0, c.range.start), end: Math.min(doc.text.length, c.range.end) } }))
    .filter((c) => c.range.end > c.range.start)
    .sort((a, b) => a.range.start - b.range.start || a.rank - b.rank || b.range.end - a.range.end);
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
  for (const c of kept) for (const t of splitLines(doc, c)) res.push(t);
  return res;
}

/** A range as one token per line it touches, without line ends. */
function splitLines(doc: Pick<DocumentState, 'lineStarts' | 'text'>, c: Candidate): SemanticToken[] {
  const res: SemanticToken[] = [];
  let start = c.range.start;
  while (start < c.range.end) {
    const { line, character } = positionAt(doc.lineStarts, start);
    const next = line + 1 < doc.lineStarts.length ? doc.lineStarts[line + 1] : doc.text.length;
    let end = Math.min(c.range.end, next);
    while (end > start && (doc.text[end - 1] === '\n' || doc.text[end - 1] === '\r')) end--;
    if (end > start) res.push({ line, character, length: end - start, type: c.type, modifiers: c.modifiers });
    start = next;
  }
  return res;
}

/** LSP encoding: five integers per token (delta line, delta start, length, type index, modifier bits). */
export function encodeSemanticTokens(tokens: readonly SemanticToken[]): number[] {
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  for (const t of tokens) {
    const dLine = t.line - prevLine;
    const dChar = dLine === 0 ? t.character - prevChar : t.character;
    let bits = 0;
    for (const m of t.modifiers) bits |= 1 << TOKEN_MODIFIERS.indexOf(m);
    data.push(dLine, dChar, t.length, TOKEN_TYPES.indexOf(t.type), bits);
    prevLine = t.line;
    prevChar = t.character;
  }
  return data;
}

/** `textDocument/semanticTokens/full`: the encoded tokens of one document. */
export function getSemanticTokens(service: LanguageService, uri: string): { data: number[] } {
  return { data: encodeSemanticTokens(semanticTokenList(service, uri)) };
}
