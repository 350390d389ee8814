// Document symbols (outline, breadcrumbs, Go to Symbol) from the dialect's outline. Pure: no connection, no IO.

import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { OutlineSymbol } from '../dialects/types';
import type { DocumentState, LanguageService } from '../service';
import { toRange } from './positions';

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
  const symbols = parse.dialect.outline(parse.parsed).map((s) => convert(doc, s));
  cache.set(doc, { parsed: parse.parsed, symbols });
  return symbols;
}

function convert(doc: DocumentState, s: OutlineSymbol): DocumentSymbol {
  // LSP requires the selection range inside the full range; dialects may hand a name outside a trimmed block.
  const start = Math.min(s.range.start, s.selectionRange.start);
  const end = Math.max(s.range.end, s.selectionRange.end);
  const sym: DocumentSymbol = {
    name: s.name.trim() || '(unnamed)',
    kind: KINDS[s.kind] ?? SymbolKind.Object,
    range: toRange(doc, { start, end }),
    selectionRange: toRange(doc, s.selectionRange),
    children: s.children.map((c) => convert(doc, c)),
  };
  if (s.detail) sym.detail = s.detail;
  return sym;
}
