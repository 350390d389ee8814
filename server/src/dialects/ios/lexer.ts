// Line lexer for Cisco IOS/ASA configs: splits a segment of text into lossless tokens (whitespace, words,
// comments, pasted CLI prompts, newlines) with absolute offsets. Linear; no regexes per character.
// Depends only on syntax/ and the token store (store.ts).

import type { Token } from '../../syntax';
import { NUMBER, sharedSlot, WORD, type IosTokenStore } from './store';

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 12 || c === 11;
}

/**
 * Appends the significant tokens (words/numbers) of `text[start, end)` (no line terminators inside) to `store`;
 * returns how many. Whitespace runs make no token (the lossless list lexes the gaps on first use).
 */
export function lexWordsInto(store: IosTokenStore, text: string, start: number, end: number): number {
  let k = 0;
  let i = start;
  while (i < end) {
    if (isSpace(text.charCodeAt(i))) {
      i++;
      continue;
    }
    const s = i;
    let digits = true;
    let hash = 0;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 12 || c === 11) break;
      if (c < 48 || c > 57) digits = false;
      hash = (Math.imul(hash, 31) + c) | 0;
    }
    store.pushShared(digits ? NUMBER : WORD, s, i, sharedSlot(text, s, i, hash));
    k++;
  }
  return k;
}

/**
 * Appends the significant tokens of the line from `start` (a word's first character: not whitespace, not a line
 * terminator) to its end to `store`, as `lexWordsInto` does for `[start, end)`; returns the offset of the line's end
 * (its terminator, or the end of the text). One pass over the line's characters instead of one to find its end and
 * one to lex it.
 */
export function lexLineInto(store: IosTokenStore, text: string, start: number): number {
  const n = text.length;
  let i = start;
  while (i < n) {
    let c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 12 || c === 11) {
      i++;
      continue;
    }
    if (c === 10 || c === 13) return i;
    const s = i;
    let digits = true;
    let hash = 0;
    for (;;) {
      if (c < 48 || c > 57) digits = false;
      hash = (Math.imul(hash, 31) + c) | 0;
      if (++i === n) break;
      c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 12 || c === 11 || c === 10 || c === 13) break;
    }
    store.pushShared(digits ? NUMBER : WORD, s, i, sharedSlot(text, s, i, hash));
  }
  return n;
}

/**
 * Appends the lossless tokens of a stretch between significant tokens to `out`: whitespace runs, one `newline` per
 * line terminator (`\r\n` is one), and anything else as `bogus` (the parser leaves none).
 */
export function lexGap(text: string, start: number, end: number, out: Token[]): void {
  let i = start;
  while (i < end) {
    const s = i;
    const c = text.charCodeAt(i);
    let kind: Token['kind'];
    if (c === 10) {
      i++;
      kind = 'newline';
    } else if (c === 13) {
      i += i + 1 < end && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      kind = 'newline';
    } else if (isSpace(c)) {
      while (i < end && isSpace(text.charCodeAt(i))) i++;
      kind = 'whitespace';
    } else {
      while (i < end) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13 || isSpace(d)) break;
        i++;
      }
      kind = 'bogus';
    }
    out.push({ kind, start: s, end: i, text: text.slice(s, i) });
  }
}

/** Leading whitespace width (in characters) of `text[start, end)`. */
export function indentOf(text: string, start: number, end: number): number {
  let i = start;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  return i - start;
}

/**
 * Length of a pasted CLI prompt at the start of the word `text[start, end)` (`router(config)#`, `R1(config-if)#`,
 * `FW#`), or 0. Only host-name characters, an optional `(mode)` and a final `#`/`>` qualify, so `permit` or
 * `10.0.0.1` never do.
 */
export function promptLengthAt(text: string, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    const ok = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 95 || c === 46;
    if (!ok) break;
    i++;
  }
  if (i === start) return 0;
  if (i < end && text.charCodeAt(i) === 40) {
    let close = i + 1;
    while (close < end && text.charCodeAt(close) !== 41) close++;
    if (close >= end) return 0;
    for (let j = i + 1; j < close; j++) {
      const c = text.charCodeAt(j);
      const ok = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || c === 95;
      if (!ok) return 0;
    }
    i = close + 1;
  }
  if (i < end && (text.charCodeAt(i) === 35 || text.charCodeAt(i) === 62)) return i + 1 - start;
  return 0;
}

