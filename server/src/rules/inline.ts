// Inline suppressions: `! netcfg-ignore CODE[,CODE…] [-- reason]` (IOS; ASA also `:`), `# netcfg-ignore …`
// (RouterOS, OpenBSD ipsec.conf, BIRD), on the line before a statement or, where the dialect has trailing comments,
// at the end of the statement's line. Found by scanning the text for the marker (one native `indexOf` per file, no
// parse needed, so batch mode, which drops trees, finds them too), then checking that the marker sits in a comment
// of the dialect. Pure: no LSP, no IO.

import type * as model from '../model';
import { lineOf, type TextRange } from '../syntax';

export const IGNORE_MARKER = 'netcfg-ignore';

export interface InlineIgnore {
  /** The comment, from its comment character to the end of the line. */
  range: TextRange;
  /** Codes or families (`ipsec/*`) it names, each with its range. */
  selectors: { value: string; range: TextRange }[];
  /** The text after `--`, if any. */
  reason?: string;
  /** 0-based lines of the statement it applies to (a statement continued with `\` spans several lines). */
  fromLine: number;
  toLine: number;
}

/** Characters that start a whole-line comment, per dialect. */
export const LINE_COMMENT: Record<model.DialectId, string> = { 'cisco-ios': '!', 'cisco-asa': '!:', routeros: '#', 'openbsd-ipsec': '#', bird: '#', strongswan: '#' };

/**
 * Whether a comment may follow a statement on its line: `#` anywhere outside quotes in OpenBSD ipsec.conf (parse.y's
 * lexer) and BIRD (cf-lex.l); RouterOS only after `;` (a `#` elsewhere is part of the command). IOS/ASA have no
 * trailing comments: `!` in a line is part of the command (descriptions, banners).
 */
const TRAILING: Record<model.DialectId, 'any' | 'after-semicolon' | 'none'> = { 'cisco-ios': 'none', 'cisco-asa': 'none', routeros: 'after-semicolon', 'openbsd-ipsec': 'any', bird: 'any', strongswan: 'any' };

/** Whether a dialect continues a statement on the next line after a trailing backslash. */
const CONTINUES: Record<model.DialectId, boolean> = { 'cisco-ios': false, 'cisco-asa': false, routeros: true, 'openbsd-ipsec': true, bird: false, strongswan: false };

export { lineOf };

/** End of a line's content (before `\r\n` / `\n`). */
export function lineEnd(text: string, starts: readonly number[], line: number): number {
  let end = line + 1 < starts.length ? starts[line + 1] : text.length;
  while (end > starts[line] && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

function isBlank(s: string): boolean {
  return s.trim() === '';
}

/** Every inline ignore of a document, in order. Linear in the text; cheap when the marker is absent. */
export function findInlineIgnores(text: string, dialect: model.DialectId, starts: readonly number[]): InlineIgnore[] {
  const res: InlineIgnore[] = [];
  const commentChars = LINE_COMMENT[dialect];
  let at = text.indexOf(IGNORE_MARKER);
  while (at >= 0) {
    const line = lineOf(starts, at);
    const ls = starts[line];
    const le = lineEnd(text, starts, line);
    const found = classify(text, ls, at, dialect, commentChars);
    const after = at + IGNORE_MARKER.length;
    if (found && (after === le || /\s/.test(text[after]))) {
      const { selectors, reason } = parseBody(text, after, le);
      let fromLine = line;
      if (found.kind === 'line') fromLine = nextStatementLine(text, starts, line, commentChars);
      let toLine = fromLine;
      if (CONTINUES[dialect]) while (toLine + 1 < starts.length && /\\\s*$/.test(text.slice(starts[toLine], lineEnd(text, starts, toLine)))) toLine++;
      if (fromLine >= 0) res.push({ range: { start: found.commentStart, end: le }, selectors, reason, fromLine, toLine });
    }
    at = text.indexOf(IGNORE_MARKER, Math.max(after, le));
  }
  return res;
}

/** Whether the marker at `at` is in a whole-line comment or a trailing comment, and where that comment starts. */
function classify(text: string, ls: number, at: number, dialect: model.DialectId, commentChars: string): { kind: 'line' | 'trailing'; commentStart: number } | undefined {
  const before = text.slice(ls, at);
  const m = /^(\s*)(\S)\s*$/.exec(before);
  if (m && commentChars.includes(m[2])) return { kind: 'line', commentStart: ls + m[1].length };
  const trailing = TRAILING[dialect];
  if (trailing === 'none') return undefined;
  const t = /^(.*\S)(\s*)#\s*$/.exec(before);
  if (!t) return undefined;
  const code = t[1];
  // A `#` inside a quoted string is not a comment.
  if ((code.match(/"/g)?.length ?? 0) % 2 === 1) return undefined;
  if (trailing === 'after-semicolon' && !(code.endsWith(';') && t[2].length > 0)) return undefined;
  return { kind: 'trailing', commentStart: ls + code.length + t[2].length };
}

/** `CODE[,CODE…] [-- reason]` from `from` to the line end. */
function parseBody(text: string, from: number, le: number): { selectors: InlineIgnore['selectors']; reason?: string } {
  const body = text.slice(from, le);
  const dd = /(^|\s)--(\s|$)/.exec(body);
  const codesPart = dd ? body.slice(0, dd.index) : body;
  const reason = dd ? body.slice(dd.index + dd[0].length).trim() || undefined : undefined;
  const selectors: InlineIgnore['selectors'] = [];
  const re = /[^\s,]+/g;
  for (let m = re.exec(codesPart); m; m = re.exec(codesPart)) selectors.push({ value: m[0], range: { start: from + m.index, end: from + m.index + m[0].length } });
  return { selectors, reason };
}

/** How far an ignore comment looks for its statement: bounds the work of a file made of comments only. */
const MAX_LOOKAHEAD = 1000;

/** The first line after `line` that is neither blank nor a comment; -1 when there is none (near enough). */
function nextStatementLine(text: string, starts: readonly number[], line: number, commentChars: string): number {
  for (let l = line + 1; l < starts.length && l <= line + MAX_LOOKAHEAD; l++) {
    const s = text.slice(starts[l], lineEnd(text, starts, l));
    if (isBlank(s)) continue;
    if (commentChars.includes(s.trimStart()[0])) continue;
    return l;
  }
  return -1;
}
