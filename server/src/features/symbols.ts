// Document symbols (outline, breadcrumbs, Go to Symbol) from the dialect's outline. Pure: no connection, no IO.

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
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
  const cursor = new LineCursor(doc.lineStarts);
  for (let i = 0; i < outline.length; i++) symbols[i] = convert(doc, cursor, outline[i]);
  cache.set(doc, { parsed: parse.parsed, symbols });
  return symbols;
}

/** Children of a leaf symbol: one shared empty list, frozen (a 100k-line file has ~100k leaves; issue 16). */
const LEAF = Object.freeze([]) as unknown as DocumentSymbol[];

/**
 * One outline symbol as LSP's, its positions in document order (the range's start, the selection range, the
 * children, the range's end) so the cursor mostly walks forward. Offsets clamped as `positions.rangeOf` does.
 */
function convert(doc: DocumentState, cursor: LineCursor, s: OutlineSymbol): DocumentSymbol {
  // LSP requires the selection range inside the full range; dialects may hand a name outside a trimmed block.
  const length = doc.text.length;
  const start = Math.max(0, Math.min(s.range.start, s.selectionRange.start, length));
  const end = Math.max(start, Math.min(Math.max(s.range.end, s.selectionRange.end), length));
  const selStart = Math.max(0, Math.min(s.selectionRange.start, length));
  const selEnd = Math.max(selStart, Math.min(s.selectionRange.end, length));
  const rangeStart = cursor.positionAt(start);
  const selectionRange = { start: cursor.positionAt(selStart), end: cursor.positionAt(selEnd) };
  let children = LEAF;
  if (s.children.length) {
    children = new Array(s.children.length);
    for (let i = 0; i < s.children.length; i++) children[i] = convert(doc, cursor, s.children[i]);
  }
  const sym: DocumentSymbol = {
    name: s.name.trim() || '(unnamed)',
    kind: KINDS[s.kind] ?? SymbolKind.Object,
    range: { start: rangeStart, end: cursor.positionAt(end) },
    selectionRange,
    children,
  };
  if (s.detail) sym.detail = s.detail;
  return sym;
}
