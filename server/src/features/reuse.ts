// Reusing a document's previous version across an edit (issue 16): which part of the text an edit changed, found by
// comparing the old and new text from both ends, and what an offset or position outside it becomes. Pure: no
// connection, no IO, no service.

import { diffSpan, lineOf, type ChangedSpan } from '../syntax';

/**
 * The part of the text an edit replaced (`syntax.diffSpan`), or undefined when the texts are equal: `oldText.slice(start,
 * oldEnd)` became `newText.slice(start, newEnd)`.
 */
export function changedSpan(oldText: string, newText: string): ChangedSpan | undefined {
  return oldText === newText ? undefined : diffSpan(oldText, newText);
}

/**
 * What an edit keeps of a previous version's positions. An offset `x` of the new text whose counterpart in the old
 * text is `old` has the same line and character in both when `x === old && x < start` (all of the text up to and
 * including `x` is common, so are the line breaks before it, a CR LF pair included), or when
 * `lineDelta === 0 && x >= safeFrom && x - delta === old` (`safeFrom` is the first line start after the change:
 * its line break and everything after it is common, and as many lines come before it in both texts).
 */
export interface PositionReuse {
  start: number;
  /** Where the change ends in the new text (`ChangedSpan.newEnd`): the text from it on is the old text from `end - delta` on. */
  end: number;
  delta: number;
  lineDelta: number;
  safeFrom: number;
}

/**
 * `PositionReuse` of an edit from `oldText` to `newText` (`oldStarts`/`newStarts`: their line starts, as
 * `syntax.lineStarts` makes them). Equal texts keep every position.
 */
export function positionReuse(oldText: string, newText: string, oldStarts: readonly number[], newStarts: readonly number[]): PositionReuse {
  const c = changedSpan(oldText, newText);
  if (!c) return { start: newText.length + 1, end: newText.length + 1, delta: 0, lineDelta: 0, safeFrom: Infinity };
  const lineDelta = newStarts.length - oldStarts.length;
  const line = lineOf(newStarts, c.newEnd);
  const safeFrom = lineDelta === 0 && line + 1 < newStarts.length ? newStarts[line + 1] : Infinity;
  return { start: c.start, end: c.newEnd, delta: c.newEnd - c.oldEnd, lineDelta, safeFrom };
}

/** Whether offset `x` of the new text, whose counterpart in the old text is `old`, keeps its position (see `PositionReuse`). */
export function keepsPosition(r: PositionReuse, x: number, old: number): boolean {
  return (x === old && x < r.start) || (x >= r.safeFrom && x - r.delta === old);
}
