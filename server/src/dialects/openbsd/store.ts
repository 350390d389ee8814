// The compact token store of one ipsec.conf parse (issue 16): the significant tokens of the document (words,
// numbers, punctuation, quoted strings; not comments, white space or line breaks) in parallel typed arrays, in
// document order. A statement refers to a run of them (first index + count) and the parser reads kinds, offsets and
// keywords from the arrays; a token object is made only for a token a clause keeps or when a caller asks for a
// statement's list (`token(i)`), so parsing makes no object per token. Modelled on dialects/ios/store.ts.
// Depends only on syntax/ and the dialect's lexer and catalog.

import type { Token } from '../../syntax';
import { hashChars, SharedWords } from '../../syntax/shared-words';
import { LexToken, Source, TextToken } from './lexer';
import { RESERVED, XF_TABLE } from './catalog';

/** Kinds a store holds, as small numbers (index into `KINDS`). */
export const WORD = 0;
export const NUMBER = 1;
export const PUNCT = 2;
export const STRING = 3;
export const BOGUS = 4;
export const KINDS: readonly Token['kind'][] = ['word', 'number', 'punct', 'string', 'bogus'];

/** The store's number for a significant token kind (`comment`, `whitespace` and `newline` are never stored). */
export function kindCode(kind: Token['kind']): number {
  switch (kind) {
    case 'word':
      return WORD;
    case 'number':
      return NUMBER;
    case 'punct':
      return PUNCT;
    case 'string':
      return STRING;
    default:
      return BOGUS;
  }
}

/**
 * Words met before, shared: every rule repeats its keywords (`ike`, `esp`, `from`, `peer`, `hmac-sha2-256`), so a
 * word already in this table (syntax/shared-words.ts: at most 4,096 strings of at most 24 characters) costs no new
 * string when a clause keeps it or the parser compares it. The keywords and transform names are put in first, so
 * addresses met later never take their slots.
 */
const SHARED = new SharedWords(4096, 24);
const WORDS = SHARED.words;

/** The slot + 1 of `text[s, e)` in the shared table when it has it or has a free slot for it, else 0. */
function sharedSlot(text: string, s: number, e: number): number {
  return e - s > SHARED.maxLength ? 0 : SHARED.slot(text, s, e, hashChars(text, s, e));
}

for (const w of RESERVED) sharedSlot(w, 0, w.length);
for (const list of Object.values(XF_TABLE)) for (const x of list) sharedSlot(x.name, 0, x.name.length);

/** The longest reserved word: a longer word is never a keyword (no slice to find out). */
let RESERVED_MAX = 0;
for (const w of RESERVED) RESERVED_MAX = Math.max(RESERVED_MAX, w.length);

/** Significant tokens of one document as parallel arrays. Grows by doubling. */
export class ObsdTokenStore {
  length = 0;
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  /** The token's shared word (slot + 1), or 0: its text is sliced from the document on demand. */
  slots: Uint16Array;

  /** The document the tokens made from this store cut their text from (the same text as `source`). */
  readonly doc: Source;

  constructor(
    /** The document (a re-parse sets the new text here and in `doc`). */
    public source: string,
    capacity = 64,
    doc?: Source,
  ) {
    this.doc = doc ?? new Source(source);
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.slots = new Uint16Array(capacity);
  }

  /** Appends one token; returns its index. Words and numbers get their shared slot. */
  push(kind: number, start: number, end: number): number {
    const i = this.length;
    if (i === this.starts.length) this.grow();
    this.starts[i] = start;
    this.ends[i] = end;
    this.kinds[i] = kind;
    this.slots[i] = kind === WORD || kind === NUMBER ? sharedSlot(this.source, start, end) : 0;
    this.length = i + 1;
    return i;
  }

  /**
   * Drops unused capacity once the file is lexed (sized for a quarter of the text's length, a real file uses about
   * half of it): the editor keeps the tree, and so the store, for as long as the version is open.
   */
  trim(): void {
    if (this.starts.length - this.length < 1024) return;
    const n = this.length;
    this.starts = this.starts.slice(0, n);
    this.ends = this.ends.slice(0, n);
    this.kinds = this.kinds.slice(0, n);
    this.slots = this.slots.slice(0, n);
  }

  /**
   * Replaces the run `[from, from + removed)` with the tokens of `window` (lexed from the new text, which becomes this
   * store's), moving the tokens after the run by `delta` characters (an incremental re-parse, issue 16). The store
   * object stays the same, so the statements that refer to it keep it; their indexes after the run move by
   * `window.length - removed`.
   */
  splice(from: number, removed: number, window: ObsdTokenStore, delta: number, source: string): void {
    const added = window.length;
    const tail = this.length - from - removed;
    const n = from + added + tail;
    if (n > this.starts.length) {
      const cap = n + (n >> 4) + 64;
      const starts = new Int32Array(cap);
      const ends = new Int32Array(cap);
      const kinds = new Uint8Array(cap);
      const slots = new Uint16Array(cap);
      starts.set(this.starts.subarray(0, from));
      ends.set(this.ends.subarray(0, from));
      kinds.set(this.kinds.subarray(0, from));
      slots.set(this.slots.subarray(0, from));
      starts.set(this.starts.subarray(from + removed, this.length), from + added);
      ends.set(this.ends.subarray(from + removed, this.length), from + added);
      kinds.set(this.kinds.subarray(from + removed, this.length), from + added);
      slots.set(this.slots.subarray(from + removed, this.length), from + added);
      this.starts = starts;
      this.ends = ends;
      this.kinds = kinds;
      this.slots = slots;
    } else if (added !== removed) {
      // The tail moves within the arrays (copyWithin copies as if through a buffer: overlapping runs are fine).
      this.starts.copyWithin(from + added, from + removed, this.length);
      this.ends.copyWithin(from + added, from + removed, this.length);
      this.kinds.copyWithin(from + added, from + removed, this.length);
      this.slots.copyWithin(from + added, from + removed, this.length);
    }
    this.starts.set(window.starts.subarray(0, added), from);
    this.ends.set(window.ends.subarray(0, added), from);
    this.kinds.set(window.kinds.subarray(0, added), from);
    this.slots.set(window.slots.subarray(0, added), from);
    if (delta !== 0) {
      const starts = this.starts;
      const ends = this.ends;
      for (let i = from + added; i < n; i++) {
        starts[i] += delta;
        ends[i] += delta;
      }
    }
    this.length = n;
    this.source = source;
    this.doc.text = source;
  }

  private grow(): void {
    const cap = Math.max(64, this.starts.length * 2);
    const s = new Int32Array(cap);
    s.set(this.starts);
    this.starts = s;
    const e = new Int32Array(cap);
    e.set(this.ends);
    this.ends = e;
    const k = new Uint8Array(cap);
    k.set(this.kinds);
    this.kinds = k;
    const w = new Uint16Array(cap);
    w.set(this.slots);
    this.slots = w;
  }

  /** The text of token `i` as written (shared string, or sliced from the document). */
  text(i: number): string {
    const slot = this.slots[i];
    return slot !== 0 ? WORDS[slot - 1]! : this.source.slice(this.starts[i], this.ends[i]);
  }

  /** Code of the first character of token `i`. */
  firstCode(i: number): number {
    return this.source.charCodeAt(this.starts[i]);
  }

  /** The reserved word token `i` is (an unquoted word in `RESERVED`), or undefined; slices nothing. */
  reserved(i: number): string | undefined {
    if (this.kinds[i] !== WORD || this.ends[i] - this.starts[i] > RESERVED_MAX) return undefined;
    const slot = this.slots[i];
    const w = slot !== 0 ? WORDS[slot - 1]! : this.source.slice(this.starts[i], this.ends[i]);
    return RESERVED.has(w) ? w : undefined;
  }

  /** A token object for token `i` (the lexer's kind of object: its text is read on use). */
  token(i: number): LexToken {
    const slot = this.slots[i];
    const kind = KINDS[this.kinds[i]];
    return slot !== 0 ? new TextToken(kind, this.starts[i], this.ends[i], WORDS[slot - 1]!) : new LexToken(kind, this.starts[i], this.ends[i], this.doc);
  }

  /** Token objects for the run `[first, first + count)`. */
  tokens(first: number, count: number): LexToken[] {
    const res: LexToken[] = new Array(count);
    for (let j = 0; j < count; j++) res[j] = this.token(first + j);
    return res;
  }
}
