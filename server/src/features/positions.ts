// Offset ↔ LSP position conversion for documents held by the language service.
// Features convert only here; the service, model and dialects speak offsets. No connection, no IO.

import type { Position, Range } from 'vscode-languageserver-types';
import type { DocumentState, LanguageService } from '../service';
import { lineOf, offsetAt, positionAt, type TextRange } from '../syntax';

/** LSP range of an offset range in one document (0-based line/character via its line starts). */
export function toRange(doc: Pick<DocumentState, 'lineStarts' | 'text'>, r: TextRange): Range {
  const start = Math.max(0, Math.min(r.start, doc.text.length));
  const end = Math.max(start, Math.min(r.end, doc.text.length));
  return { start: positionAt(doc.lineStarts, start), end: positionAt(doc.lineStarts, end) };
}

/** `toRange` of two offsets, without an intermediate range object. */
export function rangeOf(doc: Pick<DocumentState, 'lineStarts' | 'text'>, from: number, to: number): Range {
  const start = Math.max(0, Math.min(from, doc.text.length));
  const end = Math.max(start, Math.min(to, doc.text.length));
  return { start: positionAt(doc.lineStarts, start), end: positionAt(doc.lineStarts, end) };
}

/** Offset of an LSP position in one document, clamped to the text. */
export function toOffset(doc: Pick<DocumentState, 'lineStarts' | 'text'>, p: Position): number {
  return offsetAt(doc.lineStarts, doc.text.length, p.line, p.character);
}

/**
 * The document a URI lives in. External peers described in netcfg.yaml have synthetic URIs `<yaml uri>#<name>`
 * whose ranges are offsets in the yaml file: they resolve to the yaml document.
 */
export function documentUri(uri: string): string {
  const hash = uri.indexOf('#');
  return hash < 0 ? uri : uri.slice(0, hash);
}

/** LSP range of an offset range in any document of the service; an empty range at 0:0 when the document is gone. */
export function rangeIn(service: LanguageService, uri: string, r: TextRange): Range {
  const doc = service.getDocument(uri) ?? service.getDocument(documentUri(uri));
  return doc ? toRange(doc, r) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}

/** Whether two offset ranges overlap or touch (a cursor at the end of a word still counts). */
export function touches(a: TextRange, b: TextRange): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * `lineOf` for offsets that come mostly in increasing order (an outline's or folding's regions in document order):
 * walks forward (or back) a few lines from its last answer, else searches. Same answers as `lineOf` in any order; a 100k-line
 * outline asks ~400,000 of them on the first request after an edit (issue 16).
 */
export class LineCursor {
  private line = 0;
  constructor(private readonly starts: readonly number[]) {}

  lineOf(offset: number): number {
    const starts = this.starts;
    let line = this.line;
    if (starts[line] <= offset) {
      for (let k = 0; k < 8; k++) {
        if (line + 1 >= starts.length || starts[line + 1] > offset) return (this.line = line);
        line++;
      }
    } else {
      // Backwards too, a few lines (symbols compared from the end of a list: issue 16).
      for (let k = 0; k < 8 && line > 0; k++) if (starts[--line] <= offset) return (this.line = line);
    }
    return (this.line = lineOf(starts, offset));
  }

  /** `positionAt` of an offset. */
  positionAt(offset: number): Position {
    const line = this.lineOf(offset);
    return { line, character: offset - this.starts[line] };
  }
}
