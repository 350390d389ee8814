// The compact token store of one IOS/ASA parse (issue 16): the significant tokens of the document (words, numbers,
// pasted prompts, comments, banner and certificate bodies) in parallel typed arrays, in document order. A tree node
// refers to a run of them (first index + count) instead of holding a `Token[]`; a `Token` object is made only when a
// caller asks for one (`token(i)`), so a batch check allocates nothing per word that outlives its line.
// Depends only on syntax/.

import type { Token, TokenKind } from '../../syntax';

/** Kinds a store holds, as small numbers (index into `KINDS`). */
export const WORD = 0;
export const NUMBER = 1;
export const PUNCT = 2;
export const COMMENT = 3;
export const STRING = 4;
const KINDS: readonly TokenKind[] = ['word', 'number', 'punct', 'comment', 'string'];

/** Significant tokens of one document as parallel arrays. Grows by doubling; never shrinks below what it holds. */
export class IosTokenStore {
  /** Number of tokens held. */
  length = 0;
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  /**
   * The token's text when the lexer had it already (a shared word string, see lexer.ts), else undefined: the text is
   * then sliced from the document on demand (`text(i)`), so a word seen once (an address, a name) costs no string.
   */
  texts: (string | undefined)[];

  constructor(
    readonly source: string,
    capacity = 64,
  ) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    // Sized with the typed arrays (and grown by assignment past them): no copy per doubling of a pushed-to array.
    this.texts = new Array(capacity);
  }

  /** Appends one token; returns its index. */
  push(kind: number, start: number, end: number, text: string | undefined): number {
    const i = this.length;
    if (i === this.starts.length) this.grow();
    this.starts[i] = start;
    this.ends[i] = end;
    this.kinds[i] = kind;
    this.texts[i] = text;
    this.length = i + 1;
    return i;
  }

  /** Drops every token from index `n` on (a banner's words after its delimiter become part of its body). */
  truncate(n: number): void {
    if (n >= this.length) return;
    this.length = n;
    for (let i = n; i < this.texts.length; i++) this.texts[i] = undefined;
  }

  private grow(): void {
    const cap = this.starts.length * 2;
    const s = new Int32Array(cap);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(cap);
    e.set(this.ends);
    this.ends = e;
    const k = new Uint8Array(cap);
    k.set(this.kinds);
    this.kinds = k;
  }

  /** The text of token `i` (shared string, or sliced from the document). */
  text(i: number): string {
    return this.texts[i] ?? this.source.slice(this.starts[i], this.ends[i]);
  }

  kind(i: number): TokenKind {
    return KINDS[this.kinds[i]];
  }

  /** A fresh `Token` object for token `i` (callers may keep it; equal tokens are not identical objects). */
  token(i: number): Token {
    return { kind: KINDS[this.kinds[i]], start: this.starts[i], end: this.ends[i], text: this.text(i) };
  }

  /** Fresh `Token`s for the run `[first, first + count)`. */
  tokens(first: number, count: number): Token[] {
    const res: Token[] = new Array(count);
    for (let j = 0; j < count; j++) res[j] = this.token(first + j);
    return res;
  }

  /** Whether token `i`'s text equals `s` (compared in place, nothing sliced). */
  textIs(i: number, s: string): boolean {
    const t = this.texts[i];
    if (t !== undefined) return t === s;
    const start = this.starts[i];
    if (this.ends[i] - start !== s.length) return false;
    return this.source.startsWith(s, start);
  }
}

/**
 * `s.toLowerCase()` without a new string when `s` has no upper-case letter (V8's `toLowerCase` makes a copy even
 * then, and most words of a config are lower case already): the same text either way.
 */
export function lowerCase(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c > 127) return s.toLowerCase();
  }
  return s;
}
