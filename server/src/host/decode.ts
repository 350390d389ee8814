// Decoding the bytes of a config file into text, shared by every host: the Node reads (read.ts: the CLI and the
// LSP server) and the web worker, which receives the bytes from the VS Code client (server/src/browser.ts). Pure:
// no IO and no Node built-ins (TextDecoder is in Node and in browsers), so the browser bundle imports it.

import type { HostSkip } from '../service';

/** The encoding a config file was decoded from. */
export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/**
 * The result of reading one config file:
 * - `ok`: its text;
 * - not ok with `skip`: the file was read (or its size was), but is not checked: binary content, or larger than
 *   the cap. Hosts hand it to the service as an empty document with this skip, so the user hears why;
 * - not ok without `skip`: it cannot be read at all (missing, permission denied, not a regular file…).
 */
export type ReadResult =
  | { ok: true; text: string; encoding: TextEncoding }
  | { ok: false; reason: string; skip: HostSkip }
  | { ok: false; reason: string; skip?: undefined };

/** Share of NUL characters above which a file is binary (a stray NUL in a capture is tolerated). */
const MAX_NUL_SHARE = 0.01;
/** Share of invalid sequences and control characters (other than tab, line breaks, form feed, ESC) above which a file is binary. */
const MAX_JUNK_SHARE = 0.2;

/**
 * A character the binary test counts: NUL, a control character other than tab, line breaks, form feed and ESC,
 * DEL, U+FFFD, and in UTF-16 a surrogate (a lone one is an invalid sequence).
 */
const SUSPECT_UTF8 = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]/;
const SUSPECT_UTF16 = /[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd\ud800-\udfff]/;

/** Bytes: a Uint8Array or a Node Buffer (which this TypeScript does not take for a Uint8Array). */
export interface ByteView {
  buffer: ArrayBufferLike;
  byteOffset: number;
  byteLength: number;
}

/** UTF-8 as Buffer#toString decodes it: invalid sequences become U+FFFD, a BOM is kept (stripped above by hand). */
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/**
 * UTF-16 code units as they are, lone surrogates included (TextDecoder would replace them by U+FFFD, which the
 * binary test could not tell from a U+FFFD spelled in the file), in chunks so no call takes a huge argument list.
 */
function utf16Units(buf: Uint8Array, start: number, end: number, littleEndian: boolean): string {
  const CHUNK = 8192;
  const units = new Uint16Array(Math.min(CHUNK, (end - start) / 2));
  let res = '';
  for (let at = start; at < end; ) {
    let n = 0;
    for (; n < units.length && at < end; n++, at += 2) units[n] = littleEndian ? buf[at] | (buf[at + 1] << 8) : (buf[at] << 8) | buf[at + 1];
    res += String.fromCharCode.apply(null, units.subarray(0, n) as unknown as number[]);
  }
  return res;
}

function percent(n: number, total: number): string {
  const p = (100 * n) / total;
  return p >= 1 ? `${Math.round(p)}%` : 'under 1%';
}

/**
 * Decodes the bytes of a config file by its byte order mark (UTF-8 without one) and refuses binary content:
 * more than 1% NUL characters, or more than 20% invalid sequences and control characters.
 */
export function decodeConfig(bytes: ByteView): ReadResult {
  const buf = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let encoding: TextEncoding;
  let text: string;
  // An odd last byte of UTF-16 is dropped; an invalid UTF-8 sequence decodes to U+FFFD (counted below).
  const even = buf.length - (buf.length % 2);
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    encoding = 'utf-8-bom';
    text = utf8.decode(buf.subarray(3));
  } else if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    encoding = 'utf-16le';
    text = utf16Units(buf, 2, even, true);
  } else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    encoding = 'utf-16be';
    text = utf16Units(buf, 2, even, false);
  } else {
    encoding = 'utf-8';
    text = utf8.decode(buf);
  }
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  let nul = 0;
  let junk = 0;
  let replacements = 0;
  // Most files hold none of what the loop counts: one native regular-expression scan proves it (issue 16: the loop
  // was ~1% of a fleet check's main thread).
  const suspect = utf16 ? SUSPECT_UTF16 : SUSPECT_UTF8;
  for (let i = suspect.test(text) ? 0 : text.length; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) nul++;
    else if (c < 0x20 ? c !== 9 && c !== 10 && c !== 13 && c !== 12 && c !== 11 && c !== 27 : c === 0x7f) junk++;
    else if (c === 0xfffd) replacements++;
    else if (utf16 && c >= 0xd800 && c <= 0xdfff) {
      // A surrogate pair is valid; a lone surrogate is an invalid sequence.
      const next = text.charCodeAt(i + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) i++;
      else junk++;
    }
  }
  // In UTF-16, a U+FFFD is spelled in the file; in UTF-8 the decoder also makes one per invalid sequence.
  if (replacements && !utf16) {
    // U+FFFD spelled in the file (EF BF BD) is text; the others stand for invalid UTF-8 sequences.
    let spelled = 0;
    for (let at = buf.indexOf(0xef); at >= 0 && at + 2 < buf.length; at = buf.indexOf(0xef, at + 1)) {
      if (buf[at + 1] === 0xbf && buf[at + 2] === 0xbd) {
        spelled++;
        at += 2;
      }
    }
    junk += Math.max(0, replacements - spelled);
  }
  const total = text.length;
  if (total > 0 && nul > total * MAX_NUL_SHARE) {
    let reason = `it looks binary (${percent(nul, total)} of its characters are NUL)`;
    if (encoding === 'utf-8' && looksLikeUtf16WithoutBom(buf)) reason += '; if it is UTF-16 text without a byte order mark, save it as UTF-8 or with a BOM';
    return { ok: false, reason, skip: { code: 'detect/binary-file', reason } };
  }
  if (total > 0 && junk > total * MAX_JUNK_SHARE) {
    const reason = `it looks binary (${percent(junk, total)} of it is control characters or not valid ${utf16 ? 'UTF-16' : 'UTF-8'})`;
    return { ok: false, reason, skip: { code: 'detect/binary-file', reason } };
  }
  return { ok: true, text, encoding };
}

/** Most NUL bytes at even offsets (UTF-16BE) or most at odd ones (UTF-16LE), as in ASCII text stored as UTF-16. */
function looksLikeUtf16WithoutBom(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) (i % 2 ? odd++ : even++);
  return (odd > n / 4 && even < odd / 10) || (even > n / 4 && odd < even / 10);
}
