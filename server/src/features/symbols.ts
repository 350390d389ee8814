// Document symbols (outline, breadcrumbs, Go to Symbol) from the dialect's outline. Pure: no connection, no IO.

import { SymbolKind, type DocumentSymbol, type Position, type Range } from 'vscode-languageserver-types';
import type { OutlineSymbol } from '../dialects/types';
import type { DocumentState, LanguageService } from '../service';
import { LineCursor } from './positions';
import { positionReuse, type PositionReuse } from './reuse';

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

/**
 * The last outline computed for each document of a service, with the text it came from: the next version's symbols
 * reuse its LSP objects wherever the edit left a symbol and its positions as they were (issue 16).
 */
interface Previous {
  dialect: unknown;
  text: string;
  starts: readonly number[];
  outline: OutlineSymbol[];
  symbols: DocumentSymbol[];
}
const previous = new WeakMap<LanguageService, Map<string, Previous>>();

/**
 * The document's outline; computed once per version from the cached parse (the result is position-independent).
 * A symbol the previous version of the document had too, equal (name, kind, detail, children) and at the same
 * line and character (before the edit, or after it when the edit added no line), is the previous version's object:
 * only the symbols an edit touched, or moved, are made again.
 */
export function getDocumentSymbols(service: LanguageService, uri: string): DocumentSymbol[] {
  const doc = service.getDocument(uri);
  const parse = service.getParse(uri);
  if (!doc || !parse) return [];
  const hit = cache.get(doc);
  if (hit && hit.parsed === parse.parsed) return hit.symbols;
  let byUri = previous.get(service);
  if (!byUri) previous.set(service, (byUri = new Map()));
  const prev = byUri.get(uri);
  const reuse = prev && prev.dialect === parse.dialect ? positionReuse(prev.text, doc.text, prev.starts, doc.lineStarts) : undefined;
  const outline = parse.dialect.outline(parse.parsed, prev && reuse ? { outline: prev.outline, start: reuse.start, end: reuse.end, delta: reuse.delta } : undefined);
  const conv = new Converter(doc.text.length, doc.lineStarts, prev && reuse ? new Donors(prev.symbols) : undefined);
  const symbols = prev && reuse ? conv.reuseList(outline, prev.outline, prev.symbols, reuse) : conv.list(outline);
  cache.set(doc, { parsed: parse.parsed, symbols });
  byUri.set(uri, { dialect: parse.dialect, text: doc.text, starts: doc.lineStarts, outline, symbols });
  // Closed documents' entries go once there are many (each holds a text and its outline).
  if (byUri.size > 16) for (const u of [...byUri.keys()]) if (!service.getDocument(u)) byUri.delete(u);
  return symbols;
}

/** Conversion of one version's outline symbols, with or without the previous version's. */
class Converter {
  private readonly cursor: LineCursor;
  constructor(
    private readonly length: number,
    private readonly starts: readonly number[],
    private readonly donors?: Donors,
  ) {
    this.cursor = new LineCursor(starts);
  }

  list(outline: readonly OutlineSymbol[]): DocumentSymbol[] {
    const res: DocumentSymbol[] = new Array(outline.length);
    for (let i = 0; i < outline.length; i++) res[i] = convert(this.length, this.starts, this.cursor, outline[i], undefined, this.donors);
    return res;
  }

  /**
   * `list(news)`, taking the previous version's object for each symbol that would convert to an equal one: the
   * unchanged symbols before the edit are found from the start, those after it from the end; between them a symbol
   * whose counterpart has children (a section the edit fell in) is made again around its children, reused the same
   * way. `olds` is the previous outline (`oldSyms` its LSP objects): only an object the dialect kept (the same
   * object) is trusted by its offsets, before the edit; any other symbol is compared with the previous LSP object
   * itself, name, kind, detail and positions (the previous outline's ranges may be a re-parse's nodes', moved since).
   */
  reuseList(news: readonly OutlineSymbol[], olds: readonly OutlineSymbol[] | undefined, oldSyms: readonly DocumentSymbol[], r: PositionReuse): DocumentSymbol[] {
    const n = news.length;
    const m = oldSyms.length;
    const res: DocumentSymbol[] = new Array(n);
    const o = olds && olds.length === m ? olds : undefined;
    let i = 0;
    for (let hit; i < n && i < m && (hit = this.same(news[i], o?.[i], oldSyms[i], r)); i++) res[i] = hit;
    let k = 0;
    for (let hit; k < n - i && k < m - i && (hit = this.same(news[n - 1 - k], o?.[m - 1 - k], oldSyms[m - 1 - k], r)); k++) res[n - 1 - k] = hit;
    // The middle: counterparts by position when as many symbols are left on both sides.
    const paired = n - k - i === m - k - i;
    for (let j = i; j < n - k; j++) {
      const s = news[j];
      const old = paired ? oldSyms[j] : undefined;
      const kids = old?.children;
      if (old && kids && s.children.length && kids.length && old.kind === kindOf(s)) res[j] = convert(this.length, this.starts, this.cursor, s, () => this.reuseList(s.children, o?.[j]?.children, kids, r), this.donors);
      else res[j] = convert(this.length, this.starts, this.cursor, s, undefined, this.donors);
    }
    return res;
  }

  /** `old` when `s` would convert to an object equal to it, else undefined (`o`: the previous outline's counterpart, if known). */
  private same(s: OutlineSymbol, o: OutlineSymbol | undefined, old: DocumentSymbol, r: PositionReuse): DocumentSymbol | undefined {
    if (s === o && s.range.start < r.start && s.range.end < r.start && s.selectionRange.start < r.start && s.selectionRange.end < r.start) return this.sameChildren(s, o, old, r) ? old : undefined;
    if (old.kind !== kindOf(s) || old.detail !== (s.detail || undefined) || old.name !== symbolName(s.name)) return undefined;
    // The offsets as `convert` clamps them, at the previous object's positions.
    const length = this.length;
    const rg = s.range;
    const sr = s.selectionRange;
    const start = Math.max(0, Math.min(rg.start, sr.start, length));
    const end = Math.max(start, Math.min(Math.max(rg.end, sr.end), length));
    const selStart = Math.max(0, Math.min(sr.start, length));
    const selEnd = Math.max(selStart, Math.min(sr.end, length));
    const a = old.range;
    const b = old.selectionRange;
    if (!this.at(start, a.start) || !this.at(end, a.end) || !this.at(selStart, b.start) || !this.at(selEnd, b.end)) return undefined;
    return this.sameChildren(s, o, old, r) ? old : undefined;
  }

  private sameChildren(s: OutlineSymbol, o: OutlineSymbol | undefined, old: DocumentSymbol, r: PositionReuse): boolean {
    const a = s.children;
    const c = old.children ?? LEAF;
    if (a.length !== c.length) return false;
    const b = o && o.children.length === a.length ? o.children : undefined;
    for (let i = 0; i < a.length; i++) if (this.same(a[i], b?.[i], c[i], r) !== c[i]) return false;
    return true;
  }

  /** Whether offset `x` (clamped to the text) is at position `p`. */
  private at(x: number, p: Position): boolean {
    const starts = this.starts;
    const line = p.line;
    return line < starts.length && starts[line] + p.character === x && p.character >= 0 && (line + 1 >= starts.length || starts[line + 1] > x);
  }
}

function kindOf(s: OutlineSymbol): SymbolKind {
  return KINDS[s.kind] ?? SymbolKind.Object;
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
function convert(length: number, starts: readonly number[], cursor: LineCursor, s: OutlineSymbol, makeChildren?: () => DocumentSymbol[], donors?: Donors): DocumentSymbol {
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
  // The previous version's symbol that started on this line, if any: its positions and ranges are taken where equal.
  const d = donors?.at(line);
  const rangeStart: Position = d ? shared(d.range.start, line, start - lineStart) : { line, character: start - lineStart };
  const selFrom: Position =
    selStart === start ? rangeStart : selStart < next ? (d ? shared(d.selectionRange.start, line, selStart - lineStart) : { line, character: selStart - lineStart }) : cursor.positionAt(selStart);
  const selTo: Position =
    selEnd === selStart ? selFrom : selEnd < next ? (d ? shared(d.selectionRange.end, line, selEnd - lineStart) : { line, character: selEnd - lineStart }) : cursor.positionAt(selEnd);
  const kids = s.children;
  let children = LEAF;
  if (makeChildren) children = makeChildren();
  else if (kids.length) {
    children = new Array(kids.length);
    for (let i = 0; i < kids.length; i++) children[i] = convert(length, starts, cursor, kids[i], undefined, donors);
  }
  const rangeEnd: Position =
    end === selEnd ? selTo : end === start ? rangeStart : end < next ? (d ? shared(d.range.end, line, end - lineStart) : { line, character: end - lineStart }) : cursor.positionAt(end);
  const selectionRange: Range = d && d.selectionRange.start === selFrom && d.selectionRange.end === selTo ? d.selectionRange : { start: selFrom, end: selTo };
  const sym: DocumentSymbol = {
    name: symbolName(s.name),
    kind: kindOf(s),
    range: selFrom === rangeStart && selTo === rangeEnd ? selectionRange : d && d.range.start === rangeStart && d.range.end === rangeEnd ? d.range : { start: rangeStart, end: rangeEnd },
    selectionRange,
    children,
  };
  if (s.detail) sym.detail = s.detail;
  return sym;
}

/**
 * The previous version's symbols as donors of position and range objects (issue 16): after an edit that adds or
 * removes lines, every symbol after it is made again (its line changed), but the previous version's symbol that now
 * sits on its line usually has the same characters (lines of one section look alike), so its objects can be shared
 * (the results are plain data, serialised and never written to). `at(line)` walks the previous tree in document
 * order, forward only (conversion asks in document order; an earlier line finds nothing), skipping the subtrees that
 * end before the line.
 */
class Donors {
  private readonly lists: (readonly DocumentSymbol[])[] = [];
  private readonly indexes: number[] = [];
  constructor(symbols: readonly DocumentSymbol[]) {
    this.lists.push(symbols);
    this.indexes.push(0);
  }

  /** The previous symbol whose range starts on `line`, if the walk meets one. */
  at(line: number): DocumentSymbol | undefined {
    const lists = this.lists;
    const indexes = this.indexes;
    while (lists.length) {
      const top = lists.length - 1;
      const list = lists[top];
      const i = indexes[top];
      if (i >= list.length) {
        lists.pop();
        indexes.pop();
        continue;
      }
      const s = list[i];
      const sl = s.range.start.line;
      if (sl > line) return undefined;
      if (sl === line) return s;
      indexes[top] = i + 1;
      if (s.range.end.line >= line && s.children?.length) {
        lists.push(s.children);
        indexes.push(0);
      }
    }
    return undefined;
  }
}

/** `p` when it is (line, character), else a new position. */
function shared(p: Position, line: number, character: number): Position {
  return p.line === line && p.character === character ? p : { line, character };
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
