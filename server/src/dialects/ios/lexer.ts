// Line lexer for Cisco IOS/ASA configs: splits a segment of text into lossless tokens (whitespace, words,
// comments, pasted CLI prompts, newlines) with absolute offsets. Linear; no regexes per character.
// Depends only on syntax/.

import type { Token } from '../../syntax';

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11;
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Appends lossless tokens for `text[start, end)` (no line terminators inside) to `out` and returns the
 * significant ones (words/numbers). Whitespace runs become `whitespace` tokens.
 */
export function lexWords(text: string, start: number, end: number, out: Token[]): Token[] {
  const sig: Token[] = [];
  let i = start;
  while (i < end) {
    const s = i;
    if (isSpace(text.charCodeAt(i))) {
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      out.push({ kind: 'whitespace', start: s, end: i, text: text.slice(s, i) });
      continue;
    }
    while (i < end && !isSpace(text.charCodeAt(i))) i++;
    const t = text.slice(s, i);
    const tok: Token = { kind: isDigits(t) ? 'number' : 'word', start: s, end: i, text: t };
    out.push(tok);
    sig.push(tok);
  }
  return sig;
}

/** Appends one token of the given kind for `text[start, end)` when non-empty. */
export function lexRaw(text: string, start: number, end: number, kind: Token['kind'], out: Token[]): Token | undefined {
  if (end <= start) return undefined;
  const tok: Token = { kind, start, end, text: text.slice(start, end) };
  out.push(tok);
  return tok;
}

/** Leading whitespace width (in characters) of `text[start, end)`. */
export function indentOf(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i - start;
}

/**
 * Length of a pasted CLI prompt at the start of a word (`router(config)#`, `R1(config-if)#`, `FW#`), or 0.
 * Only host-name characters, an optional `(mode)` and a final `#`/`>` qualify, so `permit` or `10.0.0.1` never do.
 */
export function promptLength(word: string): number {
  let i = 0;
  const n = word.length;
  while (i < n) {
    const c = word.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46;
    if (!ok) break;
    i++;
  }
  if (i === 0) return 0;
  if (i < n && word.charCodeAt(i) === 40) {
    const close = word.indexOf(')', i);
    if (close < 0) return 0;
    for (let j = i + 1; j < close; j++) {
      const c = word.charCodeAt(j);
      const ok = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 95;
      if (!ok) return 0;
    }
    i = close + 1;
  }
  if (i < n && (word.charCodeAt(i) === 35 || word.charCodeAt(i) === 62)) return i + 1;
  return 0;
}

export { isDigits };
