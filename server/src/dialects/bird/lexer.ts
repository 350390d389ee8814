// Lossless, linear-time lexer for BIRD 1.x/2.x configuration files (bird.conf). Knows nothing about the grammar:
// it only splits text into tokens (addresses and prefixes such as `10.0.0.0/8{16,24}` or `2001:db8::/32+` are one token).
// Imports nothing but syntax/.

import type { SyntaxDiagnostic, Token, TokenKind } from '../../syntax';

/** Result of lexing: every character of the input belongs to exactly one token. */
export interface LexResult {
  tokens: Token[];
  diagnostics: SyntaxDiagnostic[];
  /** Where lexing stopped: the text's length, or the end of the last token (or gap) started before `to`. */
  end: number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isIdentStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isIdent = (c: number) => isIdentStart(c) || isDigit(c);

const ASCII: string[] = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
const SPACES: string[] = Array.from({ length: 33 }, (_, i) => ' '.repeat(i));
function isSpaces(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

// Two-character operators of the filter language (BIRD 2 user's guide, "Filters"), longest match first.
const OPERATORS2 = new Set(['==', '!=', '<=', '>=', '!~', '&&', '||', '->', '..']);
const OPERATOR1 = '=<>~+-*/!&|%^?';
const PUNCT = '{}()[];,:.';

/**
 * Lexes a BIRD config. Token kinds: `number` covers decimal and hex numbers, IPv4/IPv6 addresses and prefixes
 * (with `+`, `-` or `{a,b}` range suffixes); `string` covers "double-quoted" text and 'quoted symbols';
 * `comment` covers `#` line comments and `/* *\/` block comments. Never throws.
 * With `significantOnly`, whitespace and newline runs make no token (the parser's own walk, ~half the tokens);
 * `gapTokens` rebuilds them, so the list stays lossless on demand.
 * `from`/`to` lex a window (the incremental re-parse): from offset `from` (where a token starts), the tokens and gaps
 * that start before `to`; the last may end after `to` (`end` says where).
 */
export function lex(text: string, significantOnly = false, from = 0, to = text.length): LexResult {
  const tokens: Token[] = [];
  const diagnostics: SyntaxDiagnostic[] = [];
  const n = text.length;
  const stop = Math.min(n, to);
  let i = from;
  // Most tokens are one ASCII character or a run of spaces: share those strings instead of allocating one per token.
  const push = (kind: TokenKind, start: number, end: number) => {
    if (significantOnly && (kind === 'whitespace' || kind === 'newline')) return;
    let t: string;
    const c = text.charCodeAt(start);
    if (end - start === 1 && c < 128) t = ASCII[c];
    else if (c === 32 && end - start < SPACES.length && text.charCodeAt(end - 1) === 32 && isSpaces(text, start, end)) t = SPACES[end - start];
    else t = text.slice(start, end);
    tokens.push({ kind, start, end, text: t });
  };

  while (i < stop) {
    const c = text.charCodeAt(i);
    const s = i;
    if (c === 10 || c === 13) {
      i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      push('newline', s, i);
      continue;
    }
    if (c === 32 || c === 9 || c === 12 || c === 11) {
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d !== 32 && d !== 9 && d !== 12 && d !== 11) break;
        i++;
      }
      push('whitespace', s, i);
      continue;
    }
    if (c === 35 /* # */) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
      push('comment', s, i);
      continue;
    }
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 42 /* * */) {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) {
        i = n;
        diagnostics.push({ range: { start: s, end: s + 2 }, severity: 'error', code: 'syntax/unterminated-comment', message: 'Unterminated comment: `/*` is never closed by `*/`' });
      } else i = close + 2;
      push('comment', s, i);
      continue;
    }
    if (c === 34 /* " */ || c === 39 /* ' */) {
      // BIRD strings cannot span lines (cf-lex.l): an unterminated string ends at the end of the line.
      i++;
      let closed = false;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 10 || d === 13) break;
        if (d === 92 /* \ */ && i + 1 < n && text.charCodeAt(i + 1) !== 10 && text.charCodeAt(i + 1) !== 13) {
          i += 2;
          continue;
        }
        i++;
        if (d === c) {
          closed = true;
          break;
        }
      }
      if (!closed) {
        diagnostics.push({ range: { start: s, end: i }, severity: 'error', code: 'syntax/unterminated-string', message: 'Unterminated string: a closing quote is missing on this line' });
      }
      push('string', s, i);
      continue;
    }
    const addr = scanAddress(text, i);
    if (addr > i) {
      i = addr;
      push('number', s, i);
      continue;
    }
    if (isDigit(c)) {
      if (c === 48 && (text.charCodeAt(i + 1) === 120 || text.charCodeAt(i + 1) === 88) && isHex(text.charCodeAt(i + 2))) {
        i += 2;
        while (i < n && isHex(text.charCodeAt(i))) i++;
      } else {
        while (i < n && isDigit(text.charCodeAt(i))) i++;
      }
      // `10 s`, `100 ms` are separate tokens; `4M` style suffixes do not exist in BIRD, so a glued identifier is bogus.
      if (i < n && isIdentStart(text.charCodeAt(i))) {
        while (i < n && isIdent(text.charCodeAt(i))) i++;
        push('word', s, i);
      } else push('number', s, i);
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdent(text.charCodeAt(i))) i++;
      push('word', s, i);
      continue;
    }
    // Only these characters start a two-character operator; avoid slicing for every punctuation mark.
    if ((c === 61 || c === 33 || c === 60 || c === 62 || c === 38 || c === 124 || c === 45 || c === 46) && OPERATORS2.has(text.slice(i, i + 2))) {
      i += 2;
      push('operator', s, i);
      continue;
    }
    const ch = text[i];
    i++;
    if (PUNCT.includes(ch)) push('punct', s, i);
    else if (OPERATOR1.includes(ch)) push('operator', s, i);
    else {
      // Surrogate pairs stay together so the token text is valid UTF-16; a lone high surrogate is a token of its own
      // (taking the next character along would swallow a line break and give a token, and ranges, across lines).
      if (c >= 0xd800 && c <= 0xdbff && i < n) {
        const d = text.charCodeAt(i);
        if (d >= 0xdc00 && d <= 0xdfff) i++;
      }
      push('bogus', s, i);
    }
  }
  return { tokens, diagnostics, end: i };
}

/** Characters of the longest textual IP address (IPv6 with an embedded IPv4 address). */
const MAX_ADDRESS = 45;

/**
 * If an IPv4/IPv6 address (optionally a prefix with a range suffix) starts at `i`, returns its end; else `i`.
 * IPv6 needs `::` or at least three colons (BIRD's cf-lex.l does the same), so `1:2` stays number/colon/number.
 */
function scanAddress(text: string, i: number): number {
  const n = text.length;
  const c = text.charCodeAt(i);
  if (!isHex(c) && c !== 58) return i;
  // A word starting with hex letters (e.g. `deaf`) is an identifier unless it turns into an IPv6 address.
  let j = i;
  let colons = 0;
  let dots = 0;
  let doubleColon = false;
  // The longest address is 45 characters (`ffff:…:ffff:255.255.255.255`): a longer run of hex digits, colons and dots
  // is no address. Stopping there keeps lexing linear: without the bound, `1.1.1.1.1…` or `a:b:…:` would be rescanned
  // to its end from every token start inside it.
  const lim = Math.min(n, i + MAX_ADDRESS + 1);
  while (j < lim) {
    const d = text.charCodeAt(j);
    if (isHex(d)) j++;
    else if (d === 58) {
      if (text.charCodeAt(j + 1) === 58) {
        if (doubleColon) break;
        doubleColon = true;
        colons += 2;
        j += 2;
      } else {
        colons++;
        j++;
      }
    } else if (d === 46 && isDigit(text.charCodeAt(j + 1))) {
      dots++;
      j++;
    } else break;
  }
  if (j - i > MAX_ADDRESS) return i; // a word or number (`deadbeefcafe…`) or a run of garbage, lexed piece by piece
  let end = -1;
  if (colons > 0) {
    if (!(doubleColon || colons >= 3)) return i;
    // Trim a trailing single colon that belongs to the punctuation after it (`case 2001:db8::1: ...` is not a thing,
    // but `a:b:c:` is a label-ish sequence).
    if (text.charCodeAt(j - 1) === 58 && text.charCodeAt(j - 2) !== 58) return i;
    end = j;
  } else if (dots === 3) {
    // IPv4: all four parts must be decimal.
    const part = text.slice(i, j);
    if (!/^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(part)) return i;
    end = j;
  } else return i;
  if (end < n && (isIdent(text.charCodeAt(end)) && !isDigit(text.charCodeAt(end)))) return i;
  // Prefix length and range suffix.
  if (text.charCodeAt(end) === 47 && isDigit(text.charCodeAt(end + 1))) {
    let k = end + 1;
    while (k < n && isDigit(text.charCodeAt(k))) k++;
    end = k;
    const d = text.charCodeAt(end);
    if (d === 43 || d === 45) {
      // `+` / `-` suffix, unless it is clearly a binary operator followed by an operand (`a/8 - 1`)
      const after = text.charCodeAt(end + 1);
      if (!isIdent(after)) end++;
    } else if (d === 123 /* { */) {
      const m = /^\{\s*\d+\s*,\s*\d+\s*\}/.exec(text.slice(end, end + 24));
      if (m) end += m[0].length;
    }
  }
  return end;
}

/**
 * The whitespace and newline tokens `lex` makes for `text[from, to)`, a gap between two significant tokens (so it
 * holds only spaces, tabs, form feeds, vertical tabs and line breaks), appended to `out`.
 */
export function gapTokens(text: string, from: number, to: number, out: Token[]): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    const s = i;
    if (c === 10 || c === 13) {
      i += c === 13 && i + 1 < to && text.charCodeAt(i + 1) === 10 ? 2 : 1;
      out.push({ kind: 'newline', start: s, end: i, text: i - s === 1 ? ASCII[c] : '\r\n' });
      continue;
    }
    while (i < to) {
      const d = text.charCodeAt(i);
      if (d === 10 || d === 13) break;
      i++;
    }
    const t = c === 32 && i - s < SPACES.length && isSpaces(text, s, i) ? SPACES[i - s] : i - s === 1 && c < 128 ? ASCII[c] : text.slice(s, i);
    out.push({ kind: 'whitespace', start: s, end: i, text: t });
  }
}

/** True for tokens that are not significant to the grammar. */
export function isTrivia(t: Token): boolean {
  return t.kind === 'whitespace' || t.kind === 'newline' || t.kind === 'comment';
}

/** `10.0.0.0/8`, `2001:db8::/32` (any range suffix) → true. */
export function isPrefixText(s: string): boolean {
  return /^[0-9a-fA-F:.]+\/\d+/.test(s);
}

/** `10.1.2.3` or an IPv6 address without prefix length. */
export function isAddressText(s: string): boolean {
  return /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(s) || (/^[0-9a-fA-F:.]+$/.test(s) && s.includes(':'));
}
