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

  /** `size` must be a power of two. */
  constructor(
    readonly size: number,
    readonly maxLength: number,
  ) {
    this.words = new Array<string | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
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
