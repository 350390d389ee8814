// Lossless lexer for OpenBSD ipsec.conf(5), modelled on ipsecctl's parse.y `yylex`: words, numbers, quoted strings,
// single-character punctuation, `#` comments and `\`-newline continuations. Knows nothing about LSP or the file system.

import type { TextRange, Token } from '../../syntax';

/**
 * The text a parse's tokens cut their text from, one object per parse (or per `lexIpsecConf` call): an incremental
 * re-parse (`reparseIpsecConf`) points it at the new text, so the tokens it keeps (moved by the edit's length) read
 * the new text without being visited, and no token keeps an older version of the document alive.
 */
export class Source {
  constructor(public text: string) {}
}

/**
 * A lexed token that also carries what the parser needs (unquoted value, quoting), so the parser works on the
 * lexer's own objects instead of copies: one object per token keeps million-line files cheap. The text is not
 * stored: it is cut from the source on use (a string per token was ~30 bytes per token kept by every tree).
 * Tokens copied out of a macro value carry the `$name` use's offsets, the macro's name and their own text.
 */
export class LexToken implements Token {
  /**
   * The document the offsets refer to (a `Source`; a `TextToken`'s own text). A private field: never enumerated or
   * serialised, so a token logged or turned into JSON shows its own text, not the whole document and its keys.
   */
  #src: Source | string;

  constructor(
    public kind: Token['kind'],
    public start: number,
    public end: number,
    src: Source | string,
  ) {
    this.#src = src;
  }

  /** The document (`Source`), or a `TextToken`'s own text. */
  protected get raw(): Source | string {
    return this.#src;
  }

  toJSON(): Token {
    return { kind: this.kind, start: this.start, end: this.end, text: this.text };
  }

  /** Text as written (with quotes for strings). */
  get text(): string {
    return (this.#src as Source).text.slice(this.start, this.end);
  }

  /** Unquoted value (`"a b"` → `a b`); the text itself for other tokens. Computed on use: strings are rare. */
  get value(): string {
    return this.kind === 'string' ? unquote(this) : this.text;
  }

  get quoted(): boolean {
    return this.kind === 'string';
  }

  /** Name of the macro this token was expanded from (see `MacroToken`). */
  get macro(): string | undefined {
    return undefined;
  }

  /** The token's offsets as a fresh range object. */
  get range(): TextRange {
    return { start: this.start, end: this.end };
  }

  /** Whether the text is `s`, without cutting it out of the source. */
  is(s: string): boolean {
    return this.end - this.start === s.length && (this.#src as Source).text.startsWith(s, this.start);
  }

  /** Code of the first character of the text. */
  firstCode(): number {
    return (this.#src as Source).text.charCodeAt(this.start);
  }
}

/**
 * A token whose text is a string of its own (a shared word of the token store, or a macro value's token): the
 * offsets do not index it.
 */
export class TextToken extends LexToken {
  override get text(): string {
    return this.raw as string;
  }

  override is(s: string): boolean {
    return this.raw === s;
  }

  override firstCode(): number {
    return (this.raw as string).charCodeAt(0);
  }
}

/**
 * A token copied out of a macro value: it carries the offsets of the `$name` use it replaces, so its source is its
 * own text (the offsets do not index it).
 */
export class MacroToken extends TextToken {
  constructor(kind: Token['kind'], start: number, end: number, text: string, private readonly macroName: string) {
    super(kind, start, end, text);
  }

  override get macro(): string | undefined {
    return this.macroName;
  }
}

/**
 * Characters that may continue an unquoted word once it has started (parse.y `allowed_in_string`): letters,
 * digits and punctuation except `( ) { } < > ! = / # ,`.
 */
function allowedInWord(c: number): boolean {
  if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true;
  if (c <= 32 || c >= 127) return false;
  // Remaining printable ASCII is punctuation.
  return !(c === 40 || c === 41 || c === 123 || c === 125 || c === 60 || c === 62 || c === 33 || c === 61 || c === 47 || c === 35 || c === 44 || c === 92);
}

/** Characters that may start a word (parse.y: `isalnum(c) || c == ':' || c == '_' || c == '*'`, plus `$` for macro uses). */
function startsWord(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 58 || c === 95 || c === 42;
}

/** Characters that may end a number token (parse.y `allowed_to_end_number`). */
function endsNumber(c: number): boolean {
  return Number.isNaN(c) || c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 41 || c === 44 || c === 47 || c === 125 || c === 61;
}

function isAlnumOrUnderscore(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

/** A lexing problem with its range (an unterminated quote). */
export interface LexProblem {
  start: number;
  end: number;
  kind: 'unterminated-string';
}

/**
 * Tokenises a whole document (or a macro value). Linear time. A `\` directly before a line break is a
 * continuation (kind `whitespace`, so the statement goes on); a comment ending in `\` continues on the next
 * line, as ipsecctl's `lgetc` drops backslash-newline pairs before the comment scanner sees them.
 * Quoted strings end at the matching quote; `\"` escapes it; a line break inside quotes is allowed only after `\`.
 * `from`/`to` lex a slice of the text (offsets stay the document's); with `sink`, tokens go to it instead of the list,
 * and a sink returning `true` stops the lexing after that token.
 */
export function lexIpsecConf(text: string, problems?: LexProblem[], from = 0, to = text.length, sink?: (kind: Token['kind'], start: number, end: number) => void | boolean): LexToken[] {
  const res: LexToken[] = [];
  const n = to;
  let i = from;
  const src = sink ? undefined : new Source(text);
  const push = sink ?? ((kind: Token['kind'], start: number, end: number) => res.push(new LexToken(kind, start, end, src!)));
  while (i < n) {
    const c = text.charCodeAt(i);
    const s = i;
    if (c === 32 || c === 9 || c === 11 || c === 12) {
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d !== 32 && d !== 9 && d !== 11 && d !== 12) break;
        i++;
      }
      if (push('whitespace', s, i) === true) return res;
      continue;
    }
    if (c === 10 || c === 13) {
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      if (push('newline', s, i) === true) return res;
      continue;
    }
    if (c === 92 /* \ */) {
      const d = text.charCodeAt(i + 1);
      if (d === 10 || d === 13) {
        i += d === 13 && text.charCodeAt(i + 2) === 10 ? 3 : 2;
        if (push('whitespace', s, i) === true) return res;
        continue;
      }
      i++;
      if (push('bogus', s, i) === true) return res;
      continue;
    }
    if (c === 35 /* # */) {
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) {
          if (text.charCodeAt(i - 1) === 92) {
            i += d === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
            continue;
          }
          break;
        }
        i++;
      }
      if (push('comment', s, i) === true) return res;
      continue;
    }
    if (c === 34 || c === 39) {
      i++;
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) {
          const e = text.charCodeAt(i + 1);
          if (e === 13 && text.charCodeAt(i + 2) === 10) i += 3;
          else i += Number.isNaN(e) ? 1 : 2;
          continue;
        }
        if (d === 10 || d === 13) break;
        i++;
        if (d === c) {
          closed = true;
          break;
        }
      }
      if (!closed) problems?.push({ start: s, end: i, kind: 'unterminated-string' });
      if (push('string', s, i) === true) return res;
      continue;
    }
    if (c === 36 /* $ */) {
      i++;
      while (i < n && isAlnumOrUnderscore(text.charCodeAt(i))) i++;
      if (push('word', s, i) === true) return res;
      continue;
    }
    if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
      if (j > i + 1 || c !== 45) {
        if (endsNumber(text.charCodeAt(j)) && !(c === 45 && j === i + 1)) {
          i = j;
          if (push('number', s, i) === true) return res;
          continue;
        }
      }
      if (c === 45) {
        i++;
        if (push('punct', s, i) === true) return res;
        continue;
      }
    }
    if (startsWord(c)) {
      i++;
      while (i < n && allowedInWord(text.charCodeAt(i))) i++;
      if (push('word', s, i) === true) return res;
      continue;
    }
    // Surrogate pairs and other non-ASCII characters stay together as one bogus token.
    i++;
    if (c >= 0xd800 && c <= 0xdbff && i < n) i++;
    if (push(c < 127 ? 'punct' : 'bogus', s, i) === true) return res;
  }
  return res;
}

/** The unquoted content of a string token (`"a b"` → `a b`, `\"` → `"`); words are returned as they are. */
export function unquote(token: { kind: string; text: string }): string {
  return token.kind === 'string' ? unquoteString(token.text) : token.text;
}

/** The unquoted content of a quoted string's text (`"a b"` → `a b`, `\"` → `"`). */
export function unquoteString(text: string): string {
  const q = text[0];
  let body = text.slice(1);
  if (body.endsWith(q) && body.length > 0) body = body.slice(0, -1);
  // Without a backslash the loop below copies the body as it is (nearly every string: keys, addresses).
  if (body.indexOf('\\') < 0) return body;
  let out = '';
  for (let k = 0; k < body.length; k++) {
    const ch = body[k];
    if (ch === '\\' && k + 1 < body.length) {
      const next = body[k + 1];
      if (next === q || next === ' ' || next === '\t') {
        out += next;
        k++;
        continue;
      }
      if (next === '\n' || next === '\r') {
        k++;
        if (next === '\r' && body[k + 1] === '\n') k++;
        continue;
      }
    }
    out += ch;
  }
  return out;
}
