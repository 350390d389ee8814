// A table of words shared by every document a dialect's token store reads (issue 16): configs repeat their keywords
// on every line and across a fleet, so a word already in the table costs no new string. Open addressing by a hash
// of the characters, compared in place, so a hit slices nothing; a slot is filled once and kept (bounded: at most
// `size` strings of at most `maxLength` characters stay alive). A store refers to a word by its slot + 1 (0: none).

/** The hash the tables use: 31 × h + character, over `text[s, e)`. */
export function hashChars(text: string, s: number, e: number): number {
  let h = 0;
  for (let i = s; i < e; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h;
}

export class SharedWords {
  /** The word of each slot (`words[slot - 1]` for a store's slot + 1). */
  readonly words: (string | undefined)[];
  /** The hash of each slot's word: a slot holding another word is passed over without reading that string. */
  private readonly hashes: Int32Array;
  /**
   * With `admitOnSecondSight`: per free slot, the hash of the last word met there (plus one bit saying one was), which
   * is admitted only when met again before another word of that slot.
   */
  private readonly candidates: Int32Array | undefined;
  private readonly seen: Uint8Array | undefined;

  /**
   * `size` must be a power of two. A slot, once filled, is never given to another word (stores refer to it). So by
   * default the first word met at a free slot takes it; with `admitOnSecondSight` a word takes a free slot only when
   * met there twice in a row (no other word of that slot in between): a word seen once (an address, a customer
   * number, a description) then leaves the slot to the keywords that repeat. Issue 16: in the 1M-line fleet the ASA
   * files' one-off words filled the first-come table before the IOS files' `no`, `description`, `shutdown`,
   * `encapsulation` were met, so those were sliced from the text on every line.
   */
  constructor(
    readonly size: number,
    readonly maxLength: number,
    admitOnSecondSight = false,
  ) {
    this.words = new Array<string | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
    if (admitOnSecondSight) {
      this.candidates = new Int32Array(size);
      this.seen = new Uint8Array(size);
    }
  }

  /** Puts `word` in the table now when its slot is free (a dialect's keywords, before any document is read). */
  seed(word: string): void {
    if (word.length > this.maxLength) return;
    const hash = hashChars(word, 0, word.length);
    const slot = (hash ^ (hash >>> 13)) & (this.size - 1);
    if (this.words[slot] !== undefined) return;
    this.words[slot] = word;
    this.hashes[slot] = hash;
  }

  /**
   * The slot + 1 of `text[s, e)` (whose `hashChars` is `hash`) when the table has it or has a free slot for it
   * (then it is sliced once and kept), else 0: the store then slices on demand. A word that collides stays unsliced.
   */
  slot(text: string, s: number, e: number, hash: number): number {
    if (e - s > this.maxLength) return 0;
    const slot = (hash ^ (hash >>> 13)) & (this.size - 1);
    const known = this.words[slot];
    if (known === undefined) {
      const candidates = this.candidates;
      if (candidates !== undefined) {
        // A free slot goes to a word met here twice in a row (same hash: the words are not compared, a collision
        // of two hashes only admits the second word a sighting early).
        if (this.seen![slot] === 0 || candidates[slot] !== hash) {
          this.seen![slot] = 1;
          candidates[slot] = hash;
          return 0;
        }
      }
      this.words[slot] = text.slice(s, e);
      this.hashes[slot] = hash;
      return slot + 1;
    }
    if (this.hashes[slot] === hash && known.length === e - s) {
      let j = 0;
      while (j < known.length && known.charCodeAt(j) === text.charCodeAt(s + j)) j++;
      if (j === known.length) return slot + 1;
    }
    return 0;
  }
}
