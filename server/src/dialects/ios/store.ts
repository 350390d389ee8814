// The compact token store of one IOS/ASA parse (issue 16): the significant tokens of the document (words, numbers,
// pasted prompts, comments, banner and certificate bodies) in parallel typed arrays, in document order. A tree node
// refers to a run of them (first index + count) instead of holding a `Token[]`; a `Token` object is made only when a
// caller asks for one (`token(i)`), so a batch check allocates nothing per word that outlives its line.
// Depends only on syntax/.

import type { Token, TokenKind } from '../../syntax';
import { SharedWords } from '../../syntax/shared-words';

/** Kinds a store holds, as small numbers (index into `KINDS`). */
export const WORD = 0;
export const NUMBER = 1;
export const PUNCT = 2;
export const COMMENT = 3;
export const STRING = 4;
const KINDS: readonly TokenKind[] = ['word', 'number', 'punct', 'comment', 'string'];

/**
 * Words met before, shared by every IOS/ASA document (syntax/shared-words.ts): `permit`, `ip`, `address`,
 * `255.255.255.0` cost no new string after their first time. A store refers to a shared word by its slot
 * (`wordSlots`, slot + 1), two bytes a token instead of a string pointer.
 */
const SHARED = new SharedWords(8192, 24, true);
SHARED.seed('no');
SHARED.seed('default');
const WORDS = SHARED.words;
const WORDS_SIZE = SHARED.size;
/**
 * Per slot, the length of a pasted prompt at the start of its word plus one, once asked for (`sharedPrompt`; 0: not
 * yet): a line's first word is looked at on every line, and almost always is a keyword seen before.
 */
const PROMPTS = new Uint8Array(WORDS_SIZE);
/** Bytes of the four arrays a token takes: start and end (4 each), word slot (2), kind (1). */
const BYTES_PER_TOKEN = 11;

/**
 * Gives a catalog keyword its shared slot before any document is read (catalog.ts, for every keyword of the IOS and
 * ASA catalogs): keywords are the words read again (command resolution, lowering), so they must not lose their slot
 * to a document's one-off words.
 */
export function seedSharedWord(word: string): void {
  SHARED.seed(word);
}

/** The cached prompt length + 1 of shared word `slot` (from `sharedSlot`), or 0 when not known yet. */
export function sharedPrompt(slot: number): number {
  return PROMPTS[slot - 1];
}

/** Records the prompt length of shared word `slot` (see `sharedPrompt`). */
export function setSharedPrompt(slot: number, length: number): void {
  PROMPTS[slot - 1] = length + 1;
}

/** The slot + 1 of `text[s, e)` (its `hashChars` is `hash`) in the shared word table, or 0 (`SharedWords.slot`). */
export function sharedSlot(text: string, s: number, e: number, hash: number): number {
  return SHARED.slot(text, s, e, hash);
}

/** At most one buffer a released store left for the next store (`IosTokenStore.release`). */
const SPARE: ArrayBuffer[] = [];
const EMPTY_I32 = new Int32Array(0);
const EMPTY_U16 = new Uint16Array(0);
const EMPTY_U8 = new Uint8Array(0);

/** Significant tokens of one document as parallel arrays. Grows by doubling; never shrinks below what it holds. */
export class IosTokenStore {
  /** Number of tokens held. */
  length = 0;
  starts: Int32Array;
  ends: Int32Array;
  kinds: Uint8Array;
  /**
   * The token's shared word (slot + 1 in the lexer's word table), or 0: the text is then sliced from the document on
   * demand (`text(i)`), so a word seen once (an address, a name) costs no string.
   */
  wordSlots: Uint16Array;

  constructor(
    /** The document's text (a re-parse sets the new text: `takeTail`). */
    public source: string,
    capacity = 64,
  ) {
    // The four arrays are views of one buffer (11 bytes a token): one allocation per store instead of four (a
    // fleet makes a store per file, and an ArrayBuffer costs far more to make than its bytes). A buffer a batch
    // lowering released (`release`) is taken when it is large enough: its tokens past `length` are never read.
    let buf: ArrayBuffer;
    const spare = SPARE[0];
    if (spare !== undefined && spare.byteLength >= capacity * BYTES_PER_TOKEN) {
      SPARE.length = 0;
      buf = spare;
      capacity = Math.floor(spare.byteLength / BYTES_PER_TOKEN);
    } else buf = new ArrayBuffer(capacity * BYTES_PER_TOKEN);
    this.starts = new Int32Array(buf, 0, capacity);
    this.ends = new Int32Array(buf, capacity * 4, capacity);
    this.wordSlots = new Uint16Array(buf, capacity * 8, capacity);
    this.kinds = new Uint8Array(buf, capacity * 10, capacity);
  }

  /**
   * Gives the store's buffer to the next store made (batch mode, issue 16: the service drops a file's tree right
   * after its lowering, and a fleet made a 36 KB buffer per file). The store is empty afterwards: whatever still
   * reads its tree (it must not) reads empty texts, never another document's tokens.
   */
  release(): void {
    const buf = this.starts.buffer as ArrayBuffer;
    const current = SPARE[0];
    if (current === undefined || current.byteLength < buf.byteLength) SPARE[0] = buf;
    this.length = 0;
    this.source = '';
    this.starts = EMPTY_I32;
    this.ends = EMPTY_I32;
    this.kinds = EMPTY_U8;
    this.wordSlots = EMPTY_U16;
  }

  /** Appends one token (its text is read from the document); returns its index. */
  push(kind: number, start: number, end: number, _text?: undefined): number {
    return this.pushShared(kind, start, end, 0);
  }

  /** Appends one token whose text is the shared word `slot` (from `sharedSlot`; 0 for none); returns its index. */
  pushShared(kind: number, start: number, end: number, slot: number): number {
    const i = this.length;
    if (i === this.starts.length) this.grow();
    this.starts[i] = start;
    this.ends[i] = end;
    this.kinds[i] = kind;
    this.wordSlots[i] = slot;
    this.length = i + 1;
    return i;
  }

  /** Drops every token from index `n` on (a banner's words after its delimiter become part of its body). */
  truncate(n: number): void {
    if (n >= this.length) return;
    this.wordSlots.fill(0, n, this.length);
    this.length = n;
  }

  /**
   * Incremental re-parse (issue 16): replaces the tokens `[base, tailFrom)` with `mid`'s first `midCount` tokens (the
   * lines read again, lexed into a store of their own) and moves the tokens from `tailFrom` on (the kept tail) after
   * them, their offsets `d` characters on; `text` becomes the source. In place: the tail moves within the arrays
   * (`copyWithin`), which grow only when the tokens no longer fit.
   */
  splice(text: string, base: number, mid: IosTokenStore, midCount: number, tailFrom: number, d: number): void {
    const tailCount = this.length - tailFrom;
    const to = base + midCount;
    const length = to + tailCount;
    if (length > this.starts.length) {
      // Grow, keeping the head; the tail is copied from the old arrays below.
      const old = { starts: this.starts, ends: this.ends, kinds: this.kinds, wordSlots: this.wordSlots };
      this.length = base;
      let cap = this.starts.length;
      while (cap < length) cap *= 2;
      this.resize(cap);
      this.starts.set(old.starts.subarray(tailFrom, tailFrom + tailCount), to);
      this.ends.set(old.ends.subarray(tailFrom, tailFrom + tailCount), to);
      this.kinds.set(old.kinds.subarray(tailFrom, tailFrom + tailCount), to);
      this.wordSlots.set(old.wordSlots.subarray(tailFrom, tailFrom + tailCount), to);
    } else if (to !== tailFrom && tailCount > 0) {
      this.starts.copyWithin(to, tailFrom, tailFrom + tailCount);
      this.ends.copyWithin(to, tailFrom, tailFrom + tailCount);
      this.kinds.copyWithin(to, tailFrom, tailFrom + tailCount);
      this.wordSlots.copyWithin(to, tailFrom, tailFrom + tailCount);
    }
    if (d !== 0) {
      const starts = this.starts;
      const ends = this.ends;
      for (let i = to; i < length; i++) {
        starts[i] += d;
        ends[i] += d;
      }
    }
    this.starts.set(mid.starts.subarray(0, midCount), base);
    this.ends.set(mid.ends.subarray(0, midCount), base);
    this.kinds.set(mid.kinds.subarray(0, midCount), base);
    this.wordSlots.set(mid.wordSlots.subarray(0, midCount), base);
    this.length = length;
    this.source = text;
  }

  /** The shared text of token `i`, or undefined when it is sliced on demand. */
  sharedText(i: number): string | undefined {
    const slot = this.wordSlots[i];
    return slot === 0 ? undefined : WORDS[slot - 1];
  }

  private grow(): void {
    this.resize(Math.max(64, this.starts.length * 2));
  }

  /** New arrays of `cap` tokens (one buffer), holding the first `length` tokens. */
  private resize(cap: number): void {
    const n = this.length;
    const buf = new ArrayBuffer(cap * BYTES_PER_TOKEN);
    const s = new Int32Array(buf, 0, cap);
    s.set(this.starts.subarray(0, n));
    this.starts = s;
    const e = new Int32Array(buf, cap * 4, cap);
    e.set(this.ends.subarray(0, n));
    this.ends = e;
    const w = new Uint16Array(buf, cap * 8, cap);
    w.set(this.wordSlots.subarray(0, n));
    this.wordSlots = w;
    const k = new Uint8Array(buf, cap * 10, cap);
    k.set(this.kinds.subarray(0, n));
    this.kinds = k;
  }

  /** The text of token `i` (shared string, or sliced from the document). */
  text(i: number): string {
    const slot = this.wordSlots[i];
    return slot !== 0 ? WORDS[slot - 1]! : this.source.slice(this.starts[i], this.ends[i]);
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
    const slot = this.wordSlots[i];
    if (slot !== 0) return WORDS[slot - 1] === s;
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
