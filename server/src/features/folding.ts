// Folding ranges from the dialect's offset regions, as the line-based ranges LSP expects. Pure: no connection, no IO.

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { FoldingRegion } from '../dialects/types';
import type { DocumentState, LanguageService } from '../service';
import { LineCursor } from './positions';

/** The folding ranges of each document version (DocumentState is a new object per version), for the parse they came from. */
const cache = new WeakMap<DocumentState, { parsed: unknown; ranges: FoldingRange[] }>();

/** The document's folding ranges; computed once per version from the cached parse. */
export function getFoldingRanges(service: LanguageService, uri: string): FoldingRange[] {
  const doc = service.getDocument(uri);
  const parse = service.getParse(uri);
  if (!doc || !parse) return [];
  const hit = cache.get(doc);
  if (hit && hit.parsed === parse.parsed) return hit.ranges;
  const ranges = computeRanges(doc, parse.dialect.folding(parse.parsed));
  cache.set(doc, { parsed: parse.parsed, ranges });
  return ranges;
}

function computeRanges(doc: DocumentState, regions: readonly FoldingRegion[]): FoldingRange[] {
  const res: FoldingRange[] = [];
  const starts = doc.lineStarts;
  // Regions come mostly in document order: one cursor for their starts, one for their ends.
  const startCursor = new LineCursor(starts);
  const endCursor = new LineCursor(starts);
  for (const region of regions) {
    const startLine = startCursor.lineOf(region.start);
    const end = Math.min(region.end, doc.text.length);
    const last = endCursor.lineOf(end);
    // A region ending right after a newline ends on the previous line.
    const endLine = end === starts[last] && last > startLine ? last - 1 : last;
    if (endLine <= startLine) continue;
    const range: FoldingRange = { startLine, endLine };
    if (region.kind === 'comment') range.kind = FoldingRangeKind.Comment;
    else if (region.kind === 'region') range.kind = FoldingRangeKind.Region;
    res.push(range);
  }
  return res;
}
