// Document symbols (outline, breadcrumbs, Go to Symbol) from the dialect's outline. Pure: no connection, no IO.

import { SymbolKind, type DocumentSymbol, type Position, type Range } from 'vscode-languageserver-types';
import type { OutlineSymbol } from '../dialects/types';
import type { DocumentState, LanguageService } from '../service';
import { LineCursor } from './positions';

const KINDS: Record<OutlineSymbol['kind'], SymbolKind> = {
  interface: SymbolKind.Interface,
  crypto: SymbolKind.Key,
  routing: SymbolKind.Namespace,
  acl: SymbolKind.Array,
  object: SymbolKind.Object,
  section: SymbolKind.Module,
  user: SymbolKind.Constant,
  policy: SymbolKind.Struct,
  protocol: SymbolKind.Event,
  filter: SymbolKind.Function,
  variable: SymbolKind.Variable,
};

/** The outline of each document version (DocumentState is a new object per version), for the parse it came from. */
const cache = new WeakMap<DocumentState, { parsed: unknown; symbols: DocumentSymbol[] }>();

/** The document's outline; computed once per version from the cached parse (the result is position-independent). */
export function getDocumentSymbols(service: LanguageService, uri: string): DocumentSymbol[] {
  const doc = service.getDocument(uri);
  const parse = service.getParse(uri);
  if (!doc || !parse) return [];
  const hit = cache.get(doc);
  if (hit && hit.parsed === parse.parsed) return hit.symbols;
  const outline = parse.dialect.outline(parse.parsed);
  const symbols: DocumentSymbol[] = new Array(outline.length);
  const starts = doc.lineStarts;
  const cursor = new LineCursor(starts);
  const length = doc.text.length;
  for (let i = 0; i < outline.length; i++) symbols[i] = convert(length, starts, cursor, outline[i]);
  cache.set(doc, { parsed: parse.parsed, symbols });
  return symbols;
}

/** Children of a leaf symbol: one shared empty list, frozen (a 100k-line file has ~100k leaves; issue 16). */
const LEAF = Object.freeze([]) as unknown as DocumentSymbol[];

/**
 * One outline symbol as LSP's, its positions in document order (the range's start, the selection range, the
 * children, the range's end) so the cursor mostly walks forward. Offsets clamped as `positions.rangeOf` does.
 * Positions on the range start's line (a leaf's are, nearly always) are taken from that line without asking the
 * cursor, and equal positions and ranges are one shared object (the result is only serialised: issue 16, a
 * 100k-line outline was ~700,000 objects).
 */
function convert(length: number, starts: readonly number[], cursor: LineCursor, s: OutlineSymbol): DocumentSymbol {
  // LSP requires the selection range inside the full range; dialects may hand a name outside a trimmed block.
  const r = s.range;
  const sr = s.selectionRange;
  const start = Math.max(0, Math.min(r.start, sr.start, length));
  const end = Math.max(start, Math.min(Math.max(r.end, sr.end), length));
  const selStart = Math.max(0, Math.min(sr.start, length));
  const selEnd = Math.max(selStart, Math.min(sr.end, length));
  const line = cursor.lineOf(start);
  const lineStart = starts[line];
  const next = line + 1 < starts.length ? starts[line + 1] : Infinity;
  const rangeStart: Position = { line, character: start - lineStart };
  const selFrom: Position =
    selStart === start ? rangeStart : selStart < next ? { line, character: selStart - lineStart } : cursor.positionAt(selStart);
  const selTo: Position =
    selEnd === selStart ? selFrom : selEnd < next ? { line, character: selEnd - lineStart } : cursor.positionAt(selEnd);
  const kids = s.children;
  let children = LEAF;
  if (kids.length) {
    children = new Array(kids.length);
    for (let i = 0; i < kids.length; i++) children[i] = convert(length, starts, cursor, kids[i]);
  }
  const rangeEnd: Position =
    end === selEnd ? selTo : end === start ? rangeStart : end < next ? { line, character: end - lineStart } : cursor.positionAt(end);
  const selectionRange: Range = { start: selFrom, end: selTo };
  const sym: DocumentSymbol = {
    name: symbolName(s.name),
    kind: KINDS[s.kind] ?? SymbolKind.Object,
    range: selFrom === rangeStart && selTo === rangeEnd ? selectionRange : { start: rangeStart, end: rangeEnd },
    selectionRange,
    children,
  };
  if (s.detail) sym.detail = s.detail;
  return sym;
}

/**
 * A symbol's label: the name trimmed, `(unnamed)` when nothing is left. A name that starts and ends with a visible
 * ASCII character (nearly all of them) is already trimmed and is kept as it is, without a `trim()` call.
 */
export function symbolName(name: string): string {
  const n = name.length;
  if (n > 0) {
    const a = name.charCodeAt(0);
    const b = name.charCodeAt(n - 1);
    if (a > 32 && a < 127 && b > 32 && b < 127) return name;
  }
  return name.trim() || '(unnamed)';
}
