// Semantic tokens for what a TextMate grammar cannot know: which names are defined (declarations and references
// that resolve within the device) and which are not, and where secrets are (a `secret` type themes can dim).
// Read from the lowered model only; encoded here into LSP's relative integer array. Pure: no connection, no IO.

import * as model from '../model';
import type { DocumentState, LanguageService } from '../service';
import { diffSpan, lineOf, type TextRange } from '../syntax';

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

// Shared, never mutated: one array per modifier set rather than one per token.
const NONE: TokenModifier[] = [];
const DECLARATION: TokenModifier[] = ['declaration'];
const UNDEFINED: TokenModifier[] = ['undefined'];
/** Modifier lists by bit set (bit i = TOKEN_MODIFIERS[i]). */
const MODIFIER_LISTS: TokenModifier[][] = [NONE, DECLARATION, UNDEFINED, ['declaration', 'undefined']];

const TYPE_INDEX = Object.fromEntries(TOKEN_TYPES.map((t, i) => [t, i])) as Record<TokenType, number>;
const MODIFIER_BITS = Object.fromEntries(TOKEN_MODIFIERS.map((m, i) => [m, 1 << i])) as Record<TokenModifier, number>;
const DECLARATION_BIT = MODIFIER_BITS.declaration;
const UNDEFINED_BIT = MODIFIER_BITS.undefined;

/** Type index of each model symbol kind, memoised (kinds are a few dozen strings). */
const kindTypeIndex = new Map<string, number>();
function typeIndexOfKind(kind: model.SymbolKind): number {
  let i = kindTypeIndex.get(kind);
  if (i === undefined) kindTypeIndex.set(kind, (i = TYPE_INDEX[tokenTypeOfKind(kind)]));
  return i;
}

/**
 * A document's tokens as parallel arrays (line, UTF-16 character, length, type index, modifier bits), sorted,
 * non-overlapping and single-line, with their LSP encoding. No object per token (issue 16: a 100k-line file has
 * ~100k tokens, and the first request after an edit paid for their objects and garbage collection).
 */
interface TokenArrays {
  count: number;
  lines: Int32Array;
  chars: Int32Array;
  lengths: Int32Array;
  types: Uint8Array;
  mods: Uint8Array;
}

/** Candidates in collection order (secrets, then definitions, then references), clamped to the text, none empty. */
interface Candidates {
  n: number;
  cs: Int32Array;
  ce: Int32Array;
  ct: Uint8Array;
  cm: Uint8Array;
  cr: Uint8Array;
  endSecrets: number;
  endDefs: number;
}

/**
 * Candidates, ranked where they overlap (lower wins): secrets 0, declarations 1, resolved references 2, unresolved
 * references 3. Collected into typed arrays in three runs (secrets, definitions, references), each usually in
 * document order already.
 */
function collect(doc: DocumentState, device: model.Device, prev?: Resolution): Candidates & { resolution: Resolution } {
  const length = doc.text.length;
  const secrets = model.secretRanges(device);
  const defs = device.definitions;
  const refs = device.references;
  const total = secrets.length + defs.length + refs.length;
  const cs = new Int32Array(total);
  const ce = new Int32Array(total);
  const ct = new Uint8Array(total);
  const cm = new Uint8Array(total);
  const cr = new Uint8Array(total);
  let n = 0;
  const add = (range: TextRange, type: number, mods: number, rank: number) => {
    const start = range.start > 0 ? range.start : 0;
    const end = range.end < length ? range.end : length;
    if (!(end > start)) return;
    cs[n] = start;
    ce[n] = end;
    ct[n] = type;
    cm[n] = mods;
    cr[n] = rank;
    n++;
  };
  const secretType = TYPE_INDEX.secret;
  for (let i = 0; i < secrets.length; i++) add(secrets[i], secretType, 0, 0);
  const endSecrets = n;
  for (let i = 0; i < defs.length; i++) add(defs[i].range, typeIndexOfKind(defs[i].kind), DECLARATION_BIT, 1);
  const endDefs = n;
  const resolution = resolve(defs, refs, prev);
  const hits = resolution.hit;
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    const hit = hits[i];
    if (hit >= 0) add(r.range, KIND_TYPE[hit], 0, 2);
    else add(r.range, typeIndexOfKind(r.kind), UNDEFINED_BIT, 3);
  }
  return { n, cs, ce, ct, cm, cr, endSecrets, endDefs, resolution };
}

/** Order: start, then rank, then the longer first; ties keep collection order (a stable sort's order). */
function ordered(c: Candidates): Int32Array {
  const { cs, ce, cr } = c;
  const before = (a: number, b: number) => cs[a] - cs[b] || cr[a] - cr[b] || ce[b] - ce[a] || a - b;
  const run = (from: number, to: number) => sortedRun(from, to, before, cs, ce, cr);
  return merge(merge(run(0, c.endSecrets), run(c.endSecrets, c.endDefs), before), run(c.endDefs, c.n), before);
}

/** The tokens of the whole document from its candidates. */
function computeTokens(doc: DocumentState, c: Candidates): TokenArrays {
  return keepAndSplit(doc.text, doc.lineStarts, c.n, ordered(c), c.cs, c.ce, c.ct, c.cm, c.cr, 0);
}

/** Kind strings by small id (a few dozen), and each id's token type index: a resolution holds ids, not strings. */
const KIND_IDS = new Map<string, number>();
const KIND_NAMES: string[] = [];
const KIND_TYPE: number[] = [];
function kindId(kind: string): number {
  let id = KIND_IDS.get(kind);
  if (id === undefined) {
    id = KIND_NAMES.length;
    KIND_IDS.set(kind, id);
    KIND_NAMES.push(kind);
    KIND_TYPE.push(typeIndexOfKind(kind as model.SymbolKind));
  }
  return id;
}

/**
 * How a version's references resolved: its definitions and references (the model's own arrays, never written to:
 * the cache entry keeps that version's device anyway) and, per reference, the id of the kind it resolved to (-1: not
 * defined). The next version of the document starts from it (issue 16): an edit changes a few definitions and
 * references, and filling a map of every definition's name was most of a RouterOS file's first request.
 */
interface Resolution {
  defs: readonly model.Definition[];
  refs: readonly model.Reference[];
  hit: Int16Array;
}

/** More changed names or references than this and the resolution is computed again whole. */
const RESOLVE_AGAIN = 32;

/**
 * Each reference's resolution, as `ref/undefined` resolves it: the reference's kind, else the first of the kinds it
 * also accepts, that some definition of the same name has. With the previous version's resolution, only the
 * references that are new or whose name some added or removed definition has are resolved (by a scan of the
 * definitions for those few names); the others resolve as they did.
 */
function resolve(defs: readonly model.Definition[], refs: readonly model.Reference[], prev?: Resolution): Resolution {
  const nd = defs.length;
  const nr = refs.length;
  const res: Resolution = { defs, refs, hit: new Int16Array(nr) };
  if (prev && resolveFrom(res, prev)) return res;
  // Definitions by kind, then name (no key strings per definition and reference); only the names some reference
  // uses when the references are fewer (an IOS file of 33,000 prefix lists has 441 references: filling a map of
  // every definition was half the request, issue 16).
  const defined = new Map<string, Set<string>>();
  let used: Set<string> | undefined;
  if (nr < nd) {
    used = new Set();
    for (let i = 0; i < nr; i++) used.add(refs[i].name);
  }
  for (let i = 0; i < nd; i++) {
    const d = defs[i];
    const name = d.name;
    if (!used || used.has(name)) {
      let names = defined.get(d.kind);
      if (!names) defined.set(d.kind, (names = new Set()));
      names.add(name);
    }
  }
  const hit = res.hit;
  for (let i = 0; i < nr; i++) {
    const r = refs[i];
    const name = r.name;
    let h = defined.get(r.kind)?.has(name) ? kindId(r.kind) : -1;
    const also = r.alsoKinds;
    if (h < 0 && also)
      for (const k of also)
        if (defined.get(k)?.has(name)) {
          h = kindId(k);
          break;
        }
    hit[i] = h;
  }
  return res;
}

const sameDef = (a: model.Definition, b: model.Definition) => a === b || (a.kind === b.kind && a.name === b.name);
const sameRef = (a: model.Reference, b: model.Reference) => a === b || (a.kind === b.kind && a.name === b.name && sameKinds(a.alsoKinds, b.alsoKinds));

/** Fills `res.hit` from the previous version's resolution; false when too much changed (resolve it whole). */
function resolveFrom(res: Resolution, prev: Resolution): boolean {
  const { defs, refs, hit } = res;
  const pd = prev.defs;
  const pr = prev.refs;
  const nd = defs.length;
  const md = pd.length;
  // Definitions the same from the start and from the end; the names of those between, on either side, changed.
  let a = 0;
  while (a < nd && a < md && sameDef(defs[a], pd[a])) a++;
  let b = 0;
  while (b < nd - a && b < md - a && sameDef(defs[nd - 1 - b], pd[md - 1 - b])) b++;
  if (nd - a - b + (md - a - b) > RESOLVE_AGAIN) return false;
  const changed: string[] = [];
  for (let i = a; i < nd - b; i++) if (!changed.includes(defs[i].name)) changed.push(defs[i].name);
  for (let i = a; i < md - b; i++) if (!changed.includes(pd[i].name)) changed.push(pd[i].name);
  const nr = refs.length;
  const mr = pr.length;
  let c = 0;
  while (c < nr && c < mr && sameRef(refs[c], pr[c])) c++;
  let e = 0;
  while (e < nr - c && e < mr - c && sameRef(refs[nr - 1 - e], pr[mr - 1 - e])) e++;
  if (nr - c - e > RESOLVE_AGAIN) return false;
  // References to resolve: the new ones, and those whose name changed.
  const todo: number[] = [];
  const prevHit = prev.hit;
  if (changed.length === 0) {
    hit.set(prevHit.subarray(0, c), 0);
    hit.set(prevHit.subarray(mr - e, mr), nr - e);
    for (let i = c; i < nr - e; i++) todo.push(i);
  } else
    for (let i = 0; i < nr; i++) {
      const j = i < c ? i : i >= nr - e ? i - nr + mr : -1;
      if (j >= 0 && !changed.includes(refs[i].name)) hit[i] = prevHit[j];
      else {
        if (todo.length === RESOLVE_AGAIN) return false;
        todo.push(i);
      }
    }
  if (todo.length === 0) return true;
  // The kinds each of their names is defined with: one pass over the definitions, comparing with a few names.
  const names: string[] = [];
  for (const i of todo) if (!names.includes(refs[i].name)) names.push(refs[i].name);
  const kindsOf: string[][] = names.map(() => []);
  for (let d = 0; d < nd; d++) {
    const k = names.indexOf(defs[d].name);
    if (k >= 0) kindsOf[k].push(defs[d].kind);
  }
  for (const i of todo) {
    const r = refs[i];
    const kinds = kindsOf[names.indexOf(r.name)];
    let h = kinds.includes(r.kind) ? kindId(r.kind) : -1;
    const also = r.alsoKinds;
    if (h < 0 && also)
      for (const k of also)
        if (kinds.includes(k)) {
          h = kindId(k);
          break;
        }
    hit[i] = h;
  }
  return true;
}

function sameKinds(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Overlap resolution and line splitting of ordered candidates (`order`: indexes into the candidate arrays, by
 * start, rank, length, collection order): where candidates overlap, the better-ranked one wins and the other is
 * dropped whole (a partial token is worse than none); the kept ones become single-line tokens, with their LSP
 * encoding. `firstLine` is a line at or before the first candidate's start.
 */
function keepAndSplit(text: string, starts: readonly number[], n: number, order: Int32Array, cs: Int32Array, ce: Int32Array, ct: Uint8Array, cm: Uint8Array, cr: Uint8Array, firstLine: number): TokenArrays {
  // Kept ranges are disjoint and sorted, and each candidate starts at or after the last kept start, so only the
  // last kept range can overlap it.
  const kept = new Int32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    const c = order[i];
    if (k === 0 || ce[kept[k - 1]] <= cs[c]) kept[k++] = c;
    else if (cr[c] < cr[kept[k - 1]]) kept[k - 1] = c;
  }
  // Usually one token per kept candidate; a candidate spanning lines makes more (the arrays then grow).
  let cap = k + 16;
  let lines = new Int32Array(cap);
  let chars = new Int32Array(cap);
  let lengths = new Int32Array(cap);
  let types = new Uint8Array(cap);
  let mods = new Uint8Array(cap);
  const length = text.length;
  // Kept ranges are sorted: the line of each start is found by walking forward from the previous one.
  let line = firstLine;
  let count = 0;
  for (let i = 0; i < k; i++) {
    const c = kept[i];
    const cEnd = ce[c];
    let start = cs[c];
    while (start < cEnd) {
      while (line + 1 < starts.length && starts[line + 1] <= start) line++;
      const next = line + 1 < starts.length ? starts[line + 1] : length;
      let end = Math.min(cEnd, next);
      while (end > start && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
      if (end > start) {
        if (count === cap) {
          cap *= 2;
          lines = grow(lines, cap);
          chars = grow(chars, cap);
          lengths = grow(lengths, cap);
          types = grow(types, cap);
          mods = grow(mods, cap);
        }
        lines[count] = line;
        chars[count] = start - starts[line];
        lengths[count] = end - start;
        types[count] = ct[c];
        mods[count] = cm[c];
        count++;
      }
      start = next;
    }
  }
  return { count, lines, chars, lengths, types, mods };
}

function grow<T extends Int32Array | Uint8Array>(a: T, cap: number): T {
  const b = new (a.constructor as new (n: number) => T)(cap);
  b.set(a);
  return b;
}

/** The LSP encoding of a document's tokens: five integers per token (delta line, delta start, length, type, modifiers). */
function encodeAll(t: TokenArrays): number[] {
  const data: number[] = new Array(t.count * 5);
  let prevLine = 0;
  let prevChar = 0;
  let at = 0;
  for (let i = 0; i < t.count; i++) {
    const line = t.lines[i];
    const ch = t.chars[i];
    data[at++] = line - prevLine;
    data[at++] = line === prevLine ? ch - prevChar : ch;
    data[at++] = t.lengths[i];
    data[at++] = t.types[i];
    data[at++] = t.mods[i];
    prevLine = line;
    prevChar = ch;
  }
  return data;
}

/** Indexes `from..to-1` in the order `before` gives: as they are when already so (the usual case), else sorted. */
function sortedRun(from: number, to: number, before: (a: number, b: number) => number, cs: Int32Array, ce: Int32Array, cr: Uint8Array): Int32Array {
  const run = new Int32Array(to - from);
  let sorted = true;
  for (let i = from; i < to; i++) {
    run[i - from] = i;
    if (i > from && before(i - 1, i) > 0) sorted = false;
  }
  if (!sorted) sortByKey(run, from, before, cs, ce, cr);
  return run;
}

/** Exact in a double: start × 4 + rank, times 2^20 for the index (a run of up to 2^20 candidates). */
const KEY_INDEX = 2 ** 20;

/**
 * Sorts a run's indexes as `before` does (start, rank, longer first, index), without a comparator call per
 * comparison (RouterOS lowers its references per kind, not in document order: 60,000 of them on a 100k-line file):
 * the numeric sort of one double per candidate, (start × 4 + rank) × 2^20 + index, then the rare groups of equal
 * start and rank put longer first with `before`. Falls back to `before` where the key would not be exact.
 */
function sortByKey(run: Int32Array, from: number, before: (a: number, b: number) => number, cs: Int32Array, ce: Int32Array, cr: Uint8Array): void {
  const m = run.length;
  let maxStart = 0;
  for (let j = 0; j < m; j++) if (cs[from + j] > maxStart) maxStart = cs[from + j];
  if (m >= KEY_INDEX || (maxStart * 4 + 4) * KEY_INDEX > Number.MAX_SAFE_INTEGER) {
    run.sort(before);
    return;
  }
  const keys = new Float64Array(m);
  for (let j = 0; j < m; j++) keys[j] = (cs[from + j] * 4 + cr[from + j]) * KEY_INDEX + j;
  keys.sort();
  for (let j = 0; j < m; j++) run[j] = from + (keys[j] % KEY_INDEX);
  // Equal start and rank: longer first, then index (what the key could not hold).
  for (let j = 0; j < m; ) {
    let e = j + 1;
    while (e < m && cs[run[e]] === cs[run[j]] && cr[run[e]] === cr[run[j]]) e++;
    if (e - j > 1) run.subarray(j, e).sort(before);
    j = e;
  }
}

/** Linear merge of two ordered index runs (ties take the left run first: it holds the lower indexes). */
function merge(a: Int32Array, b: Int32Array, before: (x: number, y: number) => number): Int32Array {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const res = new Int32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  while (i < a.length && j < b.length) res[o++] = before(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) res[o++] = a[i++];
  while (j < b.length) res[o++] = b[j++];
  return res;
}

/**
 * A document's tokens, computed once per document version and device (the lowering cached with the version): the
 * arrays, their LSP encoding and the result id a delta request refers to. Keyed on the service's DocumentState,
 * which is a new object for every version, so an old version's entry goes with it.
 */
interface TokenCache extends TokenArrays {
  device: model.Device;
  /** The LSP encoding of all the tokens. */
  data: number[];
  resultId: string;
  /** `semanticTokenList`'s objects, made on first use. */
  list?: SemanticToken[];
  /** How the references resolved (the next version starts from it). */
  resolution: Resolution;
  /** The version's candidates, its text, the text's stamp and line count: what the next version's tokens reuse. */
  candidates: Candidates;
  text: string;
  stamp: number;
  lineCount: number;
}

const tokenCache = new WeakMap<DocumentState, TokenCache>();
let resultCounter = 0;

/** The last tokens computed for each document of a service (the next version's starting point). */
const lastTokens = new WeakMap<LanguageService, Map<string, TokenCache>>();

/** How many results were made from the previous version's (`reuseTokens`), for the tests. */
export const semanticTokenStats = { reused: 0, computed: 0 };

function cachedTokens(service: LanguageService, uri: string): TokenCache | undefined {
  const doc = service.getDocument(uri);
  const device = service.getDevice(uri);
  if (!doc || !device || device.uri !== uri) return undefined;
  const hit = tokenCache.get(doc);
  if (hit && hit.device === device) return hit;
  let byUri = lastTokens.get(service);
  if (!byUri) lastTokens.set(service, (byUri = new Map()));
  const prev = byUri.get(uri);
  const candidates = collect(doc, device, prev?.resolution);
  let tokens: (TokenArrays & { data: number[] }) | undefined = prev ? reuseTokens(prev, doc, candidates) : undefined;
  if (tokens) semanticTokenStats.reused++;
  else {
    semanticTokenStats.computed++;
    const t = computeTokens(doc, candidates);
    tokens = { ...t, data: encodeAll(t) };
  }
  const entry: TokenCache = { ...tokens, device, resultId: String(++resultCounter), resolution: candidates.resolution, candidates, text: doc.text, stamp: doc.stamp, lineCount: doc.lineStarts.length };
  tokenCache.set(doc, entry);
  byUri.set(uri, entry);
  // Closed documents' entries go once there are many (each holds its tokens and names).
  if (byUri.size > 16) for (const u of [...byUri.keys()]) if (!service.getDocument(u)) byUri.delete(u);
  return entry;
}

/** Passes over the candidates before `reuseTokens` gives up on its window (the tokens are then computed whole). */
const REUSE_PASSES = 6;

/**
 * The tokens of a new version made from the previous version's (issue 16): only the lines around the edit are
 * computed again. The window is the changed span's lines, grown (to whole lines) until no candidate of either version
 * straddles its ends; then nothing outside it overlaps anything inside, so the overlap resolution outside it depends
 * only on the candidates outside it. When those are the previous version's outside candidates (the same sequence in
 * collection order: offsets moved by the edit's length change after it, same type, modifiers and rank; this is what
 * catches an edit that changes the model or a resolution far away, e.g. a definition renamed or a RouterOS menu line
 * that changes the path of every line after it), the tokens before the window are the previous ones, those after
 * it too with their line moved, and the LSP data the same numbers but the first delta line after the window.
 * Undefined when the window does not settle or the candidates outside it differ (the caller computes it whole).
 */
function reuseTokens(prev: TokenCache, doc: DocumentState, c: Candidates): (TokenArrays & { data: number[] }) | undefined {
  const text = doc.text;
  const starts = doc.lineStarts;
  const length = text.length;
  const change = doc.change && doc.change.previousStamp === prev.stamp ? doc.change : prev.text === text ? undefined : diffSpan(prev.text, text);
  if (!change) return undefined;
  const { start: cStart, oldEnd: cOldEnd, newEnd: cNewEnd } = change;
  const delta = cNewEnd - cOldEnd;
  const lineDelta = starts.length - prev.lineCount;
  const lineAt = (line: number) => (line < starts.length ? starts[line] : length);
  // Line-aligned window [from, to) in the new text, [from, to - delta) in the old (`to` is never before the change's
  // end; from the line before the change's start: a CR there may have ended a line that is now a CR LF).
  let fromLine = lineOf(starts, cStart > 0 ? cStart - 1 : 0);
  let toLine = lineOf(starts, cNewEnd) + 1;
  const { n, cs, ce, ct, cm, cr } = c;
  const p = prev.candidates;
  const pn = p.n;
  const pcs = p.cs;
  const pce = p.ce;
  let from = 0;
  let to = 0;
  for (let pass = 0; ; pass++) {
    if (pass === REUSE_PASSES) return undefined;
    from = lineAt(fromLine);
    to = toLine < starts.length ? starts[toLine] : length;
    const oTo = to - delta;
    let lo = from;
    let hi = to;
    for (let i = 0; i < n; i++) {
      const s = cs[i];
      const e = ce[i];
      if (s < to && e > from) {
        if (s < lo) lo = s;
        if (e > hi) hi = e;
      }
    }
    for (let j = 0; j < pn; j++) {
      const s = pcs[j];
      const e = pce[j];
      if (s < oTo && e > from) {
        // Offsets in the changed span map to its ends, those after it move by the length change.
        const ns = s < cStart ? s : s < cOldEnd ? cStart : s + delta;
        const ne = e <= cStart ? e : e <= cOldEnd ? cNewEnd : e + delta;
        if (ns < lo) lo = ns;
        if (ne > hi) hi = ne;
      }
    }
    if (lo >= from && hi <= to) break;
    fromLine = lineOf(starts, lo);
    toLine = hi > 0 ? lineOf(starts, hi - 1) + 1 : 1;
  }
  const oTo = to - delta;
  // The candidates outside the window, in collection order, must be the previous version's outside it.
  const picked: number[] = [];
  const pct = p.ct;
  const pcm = p.cm;
  const pcr = p.cr;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const s = cs[i];
    const e = ce[i];
    if (s < to && e > from) {
      picked.push(i);
      continue;
    }
    while (j < pn && pcs[j] < oTo && pce[j] > from) j++;
    if (j === pn) return undefined;
    const ps = pcs[j];
    if ((ps < from ? s !== ps || e !== pce[j] : s !== ps + delta || e !== pce[j] + delta) || ct[i] !== pct[j] || cm[i] !== pcm[j] || cr[i] !== pcr[j]) return undefined;
    j++;
  }
  while (j < pn && pcs[j] < oTo && pce[j] > from) j++;
  if (j !== pn) return undefined;
  // A window over most of the file: the whole computation (runs already in order, no comparator sort) is cheaper.
  if (picked.length * 2 > n) return undefined;
  // The window's tokens, ordered as the whole file orders them (`picked` is in collection order: ties as there).
  const m = picked.length;
  const order = new Int32Array(m);
  for (let k = 0; k < m; k++) order[k] = picked[k];
  order.sort((a, b) => cs[a] - cs[b] || cr[a] - cr[b] || ce[b] - ce[a] || a - b);
  const w = keepAndSplit(text, starts, m, order, cs, ce, ct, cm, cr, fromLine);
  // The previous tokens before the window's first line and from its last line on.
  const oldToLine = toLine - lineDelta;
  const pl = prev.lines;
  const firstAt = (line: number) => {
    let a = 0;
    let b = prev.count;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (pl[mid] < line) a = mid + 1;
      else b = mid;
    }
    return a;
  };
  const head = firstAt(fromLine);
  const tail = firstAt(oldToLine);
  const wc = w.count;
  const count = head + wc + (prev.count - tail);
  const lines = new Int32Array(count);
  const chars = new Int32Array(count);
  const lengths = new Int32Array(count);
  const types = new Uint8Array(count);
  const mods = new Uint8Array(count);
  lines.set(pl.subarray(0, head));
  chars.set(prev.chars.subarray(0, head));
  lengths.set(prev.lengths.subarray(0, head));
  types.set(prev.types.subarray(0, head));
  mods.set(prev.mods.subarray(0, head));
  lines.set(w.lines.subarray(0, wc), head);
  chars.set(w.chars.subarray(0, wc), head);
  lengths.set(w.lengths.subarray(0, wc), head);
  types.set(w.types.subarray(0, wc), head);
  mods.set(w.mods.subarray(0, wc), head);
  const after = head + wc;
  for (let k = tail, o = after; k < prev.count; k++, o++) lines[o] = pl[k] + lineDelta;
  chars.set(prev.chars.subarray(tail, prev.count), after);
  lengths.set(prev.lengths.subarray(tail, prev.count), after);
  types.set(prev.types.subarray(tail, prev.count), after);
  mods.set(prev.mods.subarray(tail, prev.count), after);
  // The LSP data: the previous numbers before and after the window, the window's encoded, and the first token after
  // it encoded again (its delta line changed).
  const pd = prev.data;
  const data: number[] = new Array(count * 5);
  const h5 = head * 5;
  for (let k = 0; k < h5; k++) data[k] = pd[k];
  let prevLine = head > 0 ? lines[head - 1] : 0;
  let prevChar = head > 0 ? chars[head - 1] : 0;
  let at = h5;
  const last = after < count ? after + 1 : after;
  for (let i = head; i < last; i++) {
    const line = lines[i];
    const ch = chars[i];
    data[at++] = line - prevLine;
    data[at++] = line === prevLine ? ch - prevChar : ch;
    data[at++] = lengths[i];
    data[at++] = types[i];
    data[at++] = mods[i];
    prevLine = line;
    prevChar = ch;
  }
  for (let k = (tail + (last - after)) * 5; at < data.length; ) data[at++] = pd[k++];
  return { count, lines, chars, lengths, types, mods, data };
}

/** The tokens of one document, sorted, non-overlapping and single-line. Empty for files without a device. */
export function semanticTokenList(service: LanguageService, uri: string): SemanticToken[] {
  const c = cachedTokens(service, uri);
  if (!c) return [];
  if (!c.list) {
    c.list = new Array(c.count);
    for (let i = 0; i < c.count; i++) c.list[i] = { line: c.lines[i], character: c.chars[i], length: c.lengths[i], type: TOKEN_TYPES[c.types[i]], modifiers: MODIFIER_LISTS[c.mods[i]] };
  }
  return c.list;
}

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
 * relative to the first of them. When the version's whole result is cached, found by binary search in it; on the
 * version's first call, only the range's tokens are computed (`windowTokens`), and the whole result is not built.
 */
export function getSemanticTokensRange(service: LanguageService, uri: string, range: { start: LinePosition; end: LinePosition }): { data: number[] } {
  const doc = service.getDocument(uri);
  const device = service.getDevice(uri);
  if (!doc || !device || device.uri !== uri) return { data: [] };
  const hit = tokenCache.get(doc);
  const c = hit && hit.device === device ? hit : (windowTokens(doc, device, range) ?? cachedTokens(service, uri));
  if (!c) return { data: [] };
  return { data: encodeRange(c, range) };
}

/** The tokens of `c` that overlap `range`, encoded relative to the first of them. */
function encodeRange(c: TokenArrays, range: { start: LinePosition; end: LinePosition }): number[] {
  const { lines, chars, lengths } = c;
  // First token not wholly before the range's start, then every token starting before its end.
  let lo = 0;
  let hi = c.count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lines[mid] < range.start.line || (lines[mid] === range.start.line && chars[mid] + lengths[mid] <= range.start.character)) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < c.count && (lines[end] < range.end.line || (lines[end] === range.end.line && chars[end] < range.end.character))) end++;
  const data: number[] = new Array((end - lo) * 5);
  let prevLine = 0;
  let prevChar = 0;
  let at = 0;
  for (let i = lo; i < end; i++) {
    data[at++] = lines[i] - prevLine;
    data[at++] = lines[i] === prevLine ? chars[i] - prevChar : chars[i];
    data[at++] = lengths[i];
    data[at++] = c.types[i];
    data[at++] = c.mods[i];
    prevLine = lines[i];
    prevChar = chars[i];
  }
  return data;
}

/**
 * Every candidate's offsets (secrets, definitions, references, in collection order; clamped to the text as
 * `computeTokens` does), per document version and device: the first range request of a version reads the model's
 * range objects once, the next ones (scrolling) scan two typed arrays.
 */
interface Spans {
  device: model.Device;
  secrets: TextRange[];
  starts: Int32Array;
  ends: Int32Array;
}

const spanCache = new WeakMap<DocumentState, Spans>();

function spansOf(doc: DocumentState, device: model.Device): Spans {
  const hit = spanCache.get(doc);
  if (hit && hit.device === device) return hit;
  const length = doc.text.length;
  const secrets = model.secretRanges(device);
  const defs = device.definitions;
  const refs = device.references;
  const total = secrets.length + defs.length + refs.length;
  const starts = new Int32Array(total);
  const ends = new Int32Array(total);
  let i = 0;
  const put = (r: TextRange) => {
    starts[i] = r.start > 0 ? r.start : 0;
    ends[i] = r.end < length ? r.end : length;
    i++;
  };
  for (const r of secrets) put(r);
  for (const d of defs) put(d.range);
  for (const r of refs) put(r.range);
  const spans: Spans = { device, secrets, starts, ends };
  spanCache.set(doc, spans);
  return spans;
}

/** Passes over the candidates before a range request gives up on its window and computes the whole file. */
const WINDOW_PASSES = 6;

/**
 * The tokens of the lines `range` covers, computed from the candidates that can decide them, without the rest of
 * the file: one pass over the candidates' ranges (no sort, no index, no object per candidate) gathers those that
 * overlap a window, first the range's lines; the window grows to every gathered candidate's extent until no
 * candidate straddles its ends (usually at once: candidates are names within a line). Then nothing outside the window
 * overlaps anything inside, so the whole file's overlap resolution (`computeTokens`: ordered by start, rank, length,
 * collection order; the last kept candidate beaten only by a better-ranked one that overlaps it) keeps inside it
 * exactly what it keeps over the whole file. References are resolved against the definitions of the gathered
 * references' names only. Undefined (the caller computes the whole file) when the window does not settle.
 */
function windowTokens(doc: DocumentState, device: model.Device, range: { start: LinePosition; end: LinePosition }): TokenArrays | undefined {
  const text = doc.text;
  const length = text.length;
  const starts = doc.lineStarts;
  const lineStart = (line: number) => (line <= 0 ? 0 : line < starts.length ? starts[line] : length);
  let from = lineStart(range.start.line);
  let to = Math.max(from, lineStart(range.end.line + 1));
  const { secrets, starts: ss, ends: se } = spansOf(doc, device);
  const defs = device.definitions;
  const refs = device.references;
  const nSecrets = secrets.length;
  const nDefs = defs.length;
  const total = ss.length;
  // Candidate indexes in collection order: secrets, then definitions, then references.
  let picked: number[] = [];
  for (let pass = 0; ; pass++) {
    if (pass === WINDOW_PASSES) return undefined;
    picked = [];
    let lo = from;
    let hi = to;
    for (let i = 0; i < total; i++) {
      const s = ss[i];
      const e = se[i];
      if (e > s && s < to && e > from) {
        picked.push(i);
        if (s < lo) lo = s;
        if (e > hi) hi = e;
      }
    }
    if (lo === from && hi === to) break;
    from = lo;
    to = hi;
  }
  // Which (kind, name) pairs the gathered references may resolve to: the definitions of their names.
  const names = new Set<string>();
  for (const i of picked) if (i >= nSecrets + nDefs) names.add(refs[i - nSecrets - nDefs].name);
  const defined = new Set<string>();
  if (names.size) for (const d of defs) if (names.has(d.name)) defined.add(`${d.kind}\u0000${d.name}`);
  const n = picked.length;
  const cs = new Int32Array(n);
  const ce = new Int32Array(n);
  const ct = new Uint8Array(n);
  const cm = new Uint8Array(n);
  const cr = new Uint8Array(n);
  const secretType = TYPE_INDEX.secret;
  for (let j = 0; j < n; j++) {
    const i = picked[j];
    let r: TextRange;
    if (i < nSecrets) {
      r = secrets[i];
      ct[j] = secretType;
      cr[j] = 0;
    } else if (i < nSecrets + nDefs) {
      const d = defs[i - nSecrets];
      r = d.range;
      ct[j] = typeIndexOfKind(d.kind);
      cm[j] = DECLARATION_BIT;
      cr[j] = 1;
    } else {
      const ref = refs[i - nSecrets - nDefs];
      r = ref.range;
      // Same resolution as `computeTokens`: the reference's kind, else the first of the kinds it also accepts.
      let kind: string | undefined = defined.has(`${ref.kind}\u0000${ref.name}`) ? ref.kind : undefined;
      if (kind === undefined && ref.alsoKinds)
        for (const k of ref.alsoKinds)
          if (defined.has(`${k}\u0000${ref.name}`)) {
            kind = k;
            break;
          }
      if (kind !== undefined) {
        ct[j] = typeIndexOfKind(kind);
        cr[j] = 2;
      } else {
        ct[j] = typeIndexOfKind(ref.kind);
        cm[j] = UNDEFINED_BIT;
        cr[j] = 3;
      }
    }
    cs[j] = Math.max(0, r.start);
    ce[j] = Math.min(length, r.end);
  }
  // `picked` is in collection order, so a candidate's position in it breaks ties as its index does in the whole file.
  const order = new Int32Array(n);
  for (let j = 0; j < n; j++) order[j] = j;
  order.sort((a, b) => cs[a] - cs[b] || cr[a] - cr[b] || ce[b] - ce[a] || a - b);
  return keepAndSplit(text, starts, n, order, cs, ce, ct, cm, cr, lineOf(starts, from));
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
