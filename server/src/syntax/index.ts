// Shared syntax vocabulary for every dialect: offset ranges, lossless tokens, tree nodes and parse diagnostics.
// Knows nothing about LSP, the file system or other files: text in, tree plus diagnostics out.

/** A half-open span of UTF-16 offsets into one document's text: `[start, end)`. */
export interface TextRange {
  start: number;
  end: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** A diagnostic produced while parsing or lowering one document. Codes are a public contract (docs/diagnostics.md). */
export interface SyntaxDiagnostic {
  range: TextRange;
  severity: Severity;
  code: string;
  message: string;
  /** `unnecessary` greys the range out in the editor (used by `ref/unused`). */
  tags?: ('unnecessary' | 'deprecated')[];
  /** Quick fixes whose edits all apply to this same document (the service adds the URI). */
  fixes?: { title: string; edits: { range: TextRange; newText: string }[]; isPreferred?: boolean }[];
}

export type TokenKind =
  | 'word'
  | 'number'
  | 'string'
  | 'comment'
  | 'whitespace'
  | 'newline'
  | 'punct'
  | 'operator'
  | 'bogus';

/** A lossless token: joining the text of all tokens of a document gives back the document. */
export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
  text: string;
}

/**
 * A generic tree node. Dialects use their own `kind` strings (prefixed with the dialect, e.g. `IosCommand`,
 * `Unknown*` / `Bogus*` for recovery nodes). Every node has a range; leaves carry their significant tokens.
 */
export interface SyntaxNode {
  kind: string;
  range: TextRange;
  /** Significant tokens of this node's own line(s), without whitespace/newline tokens. */
  tokens: Token[];
  children: SyntaxNode[];
}

/** What every dialect parser returns. Parsing never throws. */
export interface ParseResult<TTree = SyntaxNode> {
  text: string;
  tree: TTree;
  /**
   * All tokens of the document, in order, lossless. May be a memoised getter that builds the list on first use from
   * the tree's own tokens (IOS/ASA, OpenBSD), so a batch check never makes the whitespace and newline tokens.
   */
  tokens: Token[];
  diagnostics: SyntaxDiagnostic[];
}

/** Offsets of the start of every line, for quick offset → line/column conversion. */
export function lineStarts(text: string): number[] {
  const res = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) res.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      res.push(i + 1);
    }
  }
  return res;
}

/** The 0-based line of an offset (binary search over line starts). */
export function lineOf(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Zero-based line and UTF-16 character of an offset. */
export function positionAt(starts: number[], offset: number): { line: number; character: number } {
  const line = lineOf(starts, offset);
  return { line, character: offset - starts[line] };
}

/** Offset of a zero-based line/character, clamped to the text. */
export function offsetAt(starts: number[], textLength: number, line: number, character: number): number {
  if (line < 0) return 0;
  if (line >= starts.length) return textLength;
  return Math.min(starts[line] + Math.max(0, character), line + 1 < starts.length ? starts[line + 1] : textLength);
}

export function range(start: number, end: number): TextRange {
  return { start, end };
}

export function contains(r: TextRange, offset: number): boolean {
  return offset >= r.start && offset <= r.end;
}

/** Smallest range covering all given ranges. */
export function cover(ranges: TextRange[]): TextRange {
  let start = Infinity;
  let end = -Infinity;
  for (const r of ranges) {
    start = Math.min(start, r.start);
    end = Math.max(end, r.end);
  }
  return start === Infinity ? { start: 0, end: 0 } : { start, end };
}

/**
 * Splits text into physical lines with their offsets (line terminator excluded from `text`, included in `end` via `next`).
 * The building block of every line-oriented dialect lexer.
 */
export interface PhysicalLine {
  text: string;
  start: number;
  /** Offset just after the line's content (before its terminator). */
  end: number;
  /** Offset of the next line's first character (after the terminator). */
  next: number;
}

export function splitLines(text: string): PhysicalLine[] {
  const res: PhysicalLine[] = [];
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      const end = i;
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      res.push({ text: text.slice(start, end), start, end, next: i + 1 });
      start = i + 1;
    }
  }
  if (start < n || n === 0) res.push({ text: text.slice(start), start, end: n, next: n });
  return res;
}

/**
 * Tokenises one line into whitespace-separated words, keeping offsets (absolute, from `base`).
 * Quotes are not special here; dialects with quoting use their own lexer.
 */
export function words(line: string, base: number): Token[] {
  const res: Token[] = [];
  let i = 0;
  const n = line.length;
  while (i < n) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    const s = i;
    while (i < n) {
      const d = line.charCodeAt(i);
      if (d === 32 || d === 9) break;
      i++;
    }
    const text = line.slice(s, i);
    res.push({ kind: /^\d+$/.test(text) ? 'number' : 'word', start: base + s, end: base + i, text });
  }
  return res;
}

/**
 * The one diagnostic every dialect reports when its own parser or lowering hits an internal bug on some input
 * (`internal/parser-crash`): the file stays lossless but is not (fully) modelled, so it must not pass silently.
 */
export function internalErrorDiagnostic(err: unknown, at: TextRange = { start: 0, end: 0 }): SyntaxDiagnostic {
  return { range: at, severity: 'error', code: 'internal/parser-crash', message: `netcfg could not analyse this file (${err instanceof Error ? err.message : String(err)}); please report it` };
}

/** Most diagnostics one file reports from parsing and lowering; the rest are summed up in one `syntax/too-many-errors`. */
export const MAX_SYNTAX_DIAGNOSTICS = 1000;

export const TOO_MANY_ERRORS = 'syntax/too-many-errors';

/** How many diagnostics each summary stands for, so capping twice (parser, then service) adds the counts up. */
const droppedBy = new WeakMap<SyntaxDiagnostic, number>();

/** The one summary diagnostic of a capped file. */
export function tooManyDiagnostics(dropped: number, shown: number = MAX_SYNTAX_DIAGNOSTICS): SyntaxDiagnostic {
  const d: SyntaxDiagnostic = {
    range: { start: 0, end: 0 },
    severity: 'warning',
    code: TOO_MANY_ERRORS,
    message: `This file has too many problems: netcfg reports ${thousands(shown)} of them and dropped ${thousands(dropped)} more. Fix the ones shown, or check that the file really is a config of this dialect.`,
  };
  droppedBy.set(d, dropped);
  return d;
}

/** `1234567` → `1,234,567` (no locale data needed). */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/**
 * Caps one file's parse and lowering diagnostics at `max`: errors first, then warnings, information and hints, each in
 * the order produced, plus one `syntax/too-many-errors` summary with the number dropped (earlier summaries are
 * folded into it). Returns `diags` itself when nothing needs dropping. Linear.
 */
export function capDiagnostics(diags: readonly SyntaxDiagnostic[], max: number = MAX_SYNTAX_DIAGNOSTICS): readonly SyntaxDiagnostic[] {
  let summaries = 0;
  let earlier = 0;
  for (const d of diags) {
    const n = d.code === TOO_MANY_ERRORS ? droppedBy.get(d) : undefined;
    if (n !== undefined) {
      summaries++;
      earlier += n;
    }
  }
  if (diags.length - summaries <= max && summaries <= 1) return diags;
  const counts = [0, 0, 0, 0];
  for (const d of diags) if (!droppedBy.has(d)) counts[SEVERITY_RANK[d.severity] ?? 3]++;
  // quota[r]: how many of rank r are kept.
  const quota = [0, 0, 0, 0];
  let left = max;
  for (let r = 0; r < 4; r++) {
    quota[r] = Math.min(counts[r], left);
    left -= quota[r];
  }
  const kept: SyntaxDiagnostic[] = [];
  let dropped = earlier;
  for (const d of diags) {
    if (droppedBy.has(d)) continue;
    const r = SEVERITY_RANK[d.severity] ?? 3;
    if (quota[r] > 0) {
      quota[r]--;
      kept.push(d);
    } else dropped++;
  }
  if (dropped > 0) kept.push(tooManyDiagnostics(dropped, kept.length));
  return kept;
}

/** Where a parser reports diagnostics: a plain array or a `DiagnosticCollector`. */
export interface DiagnosticSink {
  push(d: SyntaxDiagnostic): unknown;
}

/**
 * A diagnostics list for parsers that keeps the first `max` and only counts the rest, so a hostile file (one
 * problem per byte) costs neither memory nor time. `push` is array-compatible; `finish()` appends the summary.
 */
export class DiagnosticCollector {
  readonly list: SyntaxDiagnostic[] = [];
  dropped = 0;

  constructor(readonly max: number = MAX_SYNTAX_DIAGNOSTICS) {}

  /** Whether further diagnostics are only counted (callers may skip building expensive messages). */
  get full(): boolean {
    return this.list.length >= this.max;
  }

  push(d: SyntaxDiagnostic): void {
    if (this.list.length < this.max) this.list.push(d);
    else this.dropped++;
  }

  /** The kept diagnostics, with one `syntax/too-many-errors` summary when some were dropped. */
  finish(): SyntaxDiagnostic[] {
    if (this.dropped > 0) this.list.push(tooManyDiagnostics(this.dropped, this.list.length));
    return this.list;
  }
}

/**
 * What changed between two texts of one document: `previous.slice(start, oldEnd)` became `text.slice(start, newEnd)`;
 * everything before `start` and after the changed part (`previous.slice(oldEnd)`, `text.slice(newEnd)`) is equal.
 * UTF-16 offsets.
 */
export interface ChangedSpan {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/**
 * The changed span of two texts, compared from both ends: the longest common prefix, then the longest common suffix
 * of what is left (so `start <= oldEnd` and `start <= newEnd`); equal texts give an empty span at their end. Linear in
 * the common part without a character loop over it: chunks compare as whole strings, characters only in the chunk
 * that differs. Used by the service (incremental re-parse) and by the features that reuse a previous version.
 */
export function diffSpan(previous: string, text: string): ChangedSpan {
  const min = Math.min(previous.length, text.length);
  const chunk = 4096;
  let s = 0;
  while (s + chunk <= min && previous.slice(s, s + chunk) === text.slice(s, s + chunk)) s += chunk;
  while (s < min && previous.charCodeAt(s) === text.charCodeAt(s)) s++;
  let oe = previous.length;
  let ne = text.length;
  while (oe - chunk >= s && ne - chunk >= s && previous.slice(oe - chunk, oe) === text.slice(ne - chunk, ne)) {
    oe -= chunk;
    ne -= chunk;
  }
  while (oe > s && ne > s && previous.charCodeAt(oe - 1) === text.charCodeAt(ne - 1)) {
    oe--;
    ne--;
  }
  return { start: s, oldEnd: oe, newEnd: ne };
}
