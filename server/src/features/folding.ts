// Folding ranges from the dialect's offset regions, as the line-based ranges LSP expects. Pure: no connection, no IO.

import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver-types';
import type { FoldingRegion } from '../dialects/types';
import type { DocumentState, LanguageService } from '../service';
import { LineCursor } from './positions';
import { keepsPosition, positionReuse, type PositionReuse } from './reuse';

/** The folding ranges of each document version (DocumentState is a new object per version), for the parse they came from. */
const cache = new WeakMap<DocumentState, { parsed: unknown; ranges: FoldingRange[] }>();

/**
 * The last folding computed for each document of a service: the text, the dialect's regions and the range each
 * region became (null for a region on one line). The next version reuses the regions the edit left (the dialect
 * may keep those before it) and the range objects of regions at the same lines (issue 16).
 */
interface Previous {
  dialect: unknown;
  text: string;
  starts: readonly number[];
  regions: readonly FoldingRegion[];
  made: (FoldingRange | null)[];
}
const previous = new WeakMap<LanguageService, Map<string, Previous>>();

/** The document's folding ranges; computed once per version from the cached parse. */
export function getFoldingRanges(service: LanguageService, uri: string): FoldingRange[] {
  const doc = service.getDocument(uri);
  const parse = service.getParse(uri);
  if (!doc || !parse) return [];
  const hit = cache.get(doc);
  if (hit && hit.parsed === parse.parsed) return hit.ranges;
  let byUri = previous.get(service);
  if (!byUri) previous.set(service, (byUri = new Map()));
  const prev = byUri.get(uri);
  const reuse = prev && prev.dialect === parse.dialect ? positionReuse(prev.text, doc.text, prev.starts, doc.lineStarts) : undefined;
  const regions = parse.dialect.folding(parse.parsed, prev && reuse ? { regions: prev.regions, start: reuse.start } : undefined);
  const made: (FoldingRange | null)[] = new Array(regions.length);
  const ranges = computeRanges(doc, regions, made, prev && reuse ? { prev, reuse } : undefined);
  cache.set(doc, { parsed: parse.parsed, ranges });
  byUri.set(uri, { dialect: parse.dialect, text: doc.text, starts: doc.lineStarts, regions, made });
  // Closed documents' entries go once there are many (each holds a text and its regions).
  if (byUri.size > 16) for (const u of [...byUri.keys()]) if (!service.getDocument(u)) byUri.delete(u);
  return ranges;
}

/**
 * The ranges of `regions` (`made[i]`: region i's range, or null), in order. With the previous version, a region
 * equal to its counterpart (the same object or the same offsets across the edit, found from the start and from the
 * end) at the same positions takes the previous range object.
 */
function computeRanges(doc: DocumentState, regions: readonly FoldingRegion[], made: (FoldingRange | null)[], old?: { prev: Previous; reuse: PositionReuse }): FoldingRange[] {
  const res: FoldingRange[] = [];
  const starts = doc.lineStarts;
  const length = doc.text.length;
  const n = regions.length;
  // Regions kept from the start and from the end (their index in the previous regions is i, or i - n + m).
  let head = 0;
  let tail = n;
  if (old) {
    const { regions: before, made: was } = old.prev;
    const r = old.reuse;
    const m = before.length;
    const keeps = (a: FoldingRegion, b: FoldingRegion) => a.kind === b.kind && a.start <= a.end && a.end <= length && keepsPosition(r, a.start, b.start) && keepsPosition(r, a.end, b.end);
    while (head < n && head < m && keeps(regions[head], before[head])) made[head] = was[head++];
    while (tail > head && tail - n + m > head && keeps(regions[tail - 1], before[tail - 1 - n + m])) {
      tail--;
      made[tail] = was[tail - n + m];
    }
  }
  // Regions come mostly in document order: one cursor for their starts, one for their ends.
  const startCursor = new LineCursor(starts);
  const endCursor = new LineCursor(starts);
  for (let i = 0; i < n; i++) {
    if (i < head || i >= tail) {
      const kept = made[i];
      if (kept) res.push(kept);
      continue;
    }
    const region = regions[i];
    const startLine = startCursor.lineOf(region.start);
    const end = Math.min(region.end, length);
    const last = endCursor.lineOf(end);
    // A region ending right after a newline ends on the previous line.
    const endLine = end === starts[last] && last > startLine ? last - 1 : last;
    if (endLine <= startLine) {
      made[i] = null;
      continue;
    }
    const range: FoldingRange = { startLine, endLine };
    if (region.kind === 'comment') range.kind = FoldingRangeKind.Comment;
    else if (region.kind === 'region') range.kind = FoldingRangeKind.Region;
    made[i] = range;
    res.push(range);
  }
  return res;
}
