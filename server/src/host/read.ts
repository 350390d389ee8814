// Reading one config file from disk, shared by the CLI and the LSP server's workspace scan: only regular files
// are opened (a FIFO would block, /dev/zero never ends), the size cap is checked before reading and the read is
// bounded, the text is decoded by its byte order mark (UTF-8, UTF-16LE, UTF-16BE; UTF-8 without one), and a file
// that is binary is refused whatever its name. The language service does no IO; it only hears the outcome.

import * as fs from 'node:fs';
import { DEFAULT_SETTINGS, type HostSkip } from '../service';

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

export interface ReadOptions {
  /** Files larger than this many bytes are not read (at most this many + 1 bytes are ever read). */
  maxFileSize: number;
}

/** Share of NUL characters above which a file is binary (a stray NUL in a capture is tolerated). */
const MAX_NUL_SHARE = 0.01;
/** Share of invalid sequences and control characters (other than tab, line breaks, form feed, ESC) above which a file is binary. */
const MAX_JUNK_SHARE = 0.2;

// O_NONBLOCK: if the path was swapped for a FIFO between stat and open, open must not wait for a writer.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);

/** What a non-regular file is, for messages (`not a regular file (a FIFO)`). */
export function describeFileType(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'is a directory';
  const kind = stat.isFIFO() ? 'a FIFO' : stat.isCharacterDevice() ? 'a character device' : stat.isBlockDevice() ? 'a block device' : stat.isSocket() ? 'a socket' : 'a special file';
  return `not a regular file (${kind})`;
}

/** A file-system error as a short lower-case reason (`no such file`, `permission denied`, `is a directory`). */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ENOTDIR':
      return 'not a directory';
    case 'ELOOP':
      return 'too many symbolic links (a link loop?)';
    case 'ENXIO':
      return 'no such device';
    case 'EIO':
      return 'input/output error';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EPIPE':
      return 'broken pipe';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}

function tooLarge(size: number, max: number): ReadResult {
  const reason = `file is larger than netcfg.maxFileSize (${size} > ${max} bytes)`;
  return { ok: false, reason, skip: { code: 'detect/unknown-dialect', reason } };
}

/** Checks a stat before opening: only regular files within the cap are read. */
function precheck(stat: fs.Stats, max: number): ReadResult | undefined {
  if (!stat.isFile()) return { ok: false, reason: describeFileType(stat) };
  if (stat.size > max) return tooLarge(stat.size, max);
  return undefined;
}

/** Reads a config file: stat, refuse what is not a regular file or is over the cap, then a bounded read. */
export async function readConfigFile(file: fs.PathLike, options: ReadOptions = DEFAULT_SETTINGS): Promise<ReadResult> {
  const max = Math.max(0, options.maxFileSize);
  let handle: fs.promises.FileHandle | undefined;
  try {
    const refused = precheck(await fs.promises.stat(file), max);
    if (refused) return refused;
    handle = await fs.promises.open(file, OPEN_FLAGS);
    // The path may have changed since the stat: judge what was opened.
    const stat = await handle.stat();
    const refusedNow = precheck(stat, max);
    if (refusedNow) return refusedNow;
    const buf = new Uint8Array(Math.min(stat.size, max) + 1);
    let length = 0;
    while (length < buf.length) {
      const { bytesRead } = await handle.read(buf, length, buf.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    // Grew past the cap since the stat.
    if (length > max) return tooLarge(length, max);
    return decodeConfig(Buffer.from(buf.buffer, 0, length));
  } catch (err) {
    return { ok: false, reason: describeFsError(err) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Synchronous twin of `readConfigFile` (the CLI). */
export function readConfigFileSync(file: fs.PathLike, options: ReadOptions = DEFAULT_SETTINGS): ReadResult {
  const max = Math.max(0, options.maxFileSize);
  let fd: number | undefined;
  try {
    const refused = precheck(fs.statSync(file), max);
    if (refused) return refused;
    fd = fs.openSync(file, OPEN_FLAGS);
    const stat = fs.fstatSync(fd);
    const refusedNow = precheck(stat, max);
    if (refusedNow) return refusedNow;
    const buf = new Uint8Array(Math.min(stat.size, max) + 1);
    let length = 0;
    while (length < buf.length) {
      const n = fs.readSync(fd, buf, length, buf.length - length, length);
      if (n === 0) break;
      length += n;
    }
    if (length > max) return tooLarge(length, max);
    return decodeConfig(Buffer.from(buf.buffer, 0, length));
  } catch (err) {
    return { ok: false, reason: describeFsError(err) };
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        /* nothing to do */
      }
    }
  }
}

function percent(n: number, total: number): string {
  const p = (100 * n) / total;
  return p >= 1 ? `${Math.round(p)}%` : 'under 1%';
}

/**
 * Decodes the bytes of a config file by its byte order mark (UTF-8 without one) and refuses binary content:
 * more than 1% NUL characters, or more than 20% invalid sequences and control characters.
 */
export function decodeConfig(buf: Buffer): ReadResult {
  let encoding: TextEncoding;
  let text: string;
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    encoding = 'utf-8-bom';
    text = buf.toString('utf8', 3);
  } else if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) {
    encoding = 'utf-16le';
    text = buf.toString('utf16le', 2, buf.length - (buf.length % 2));
  } else if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) {
    encoding = 'utf-16be';
    const body = Buffer.from(buf.buffer.slice(buf.byteOffset + 2, buf.byteOffset + buf.length - (buf.length % 2)));
    text = body.swap16().toString('utf16le');
  } else {
    encoding = 'utf-8';
    text = buf.toString('utf8');
  }
  const utf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  let nul = 0;
  let junk = 0;
  let replacements = 0;
  for (let i = 0; i < text.length; i++) {
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
    for (let at = buf.indexOf('\ufffd'); at >= 0; at = buf.indexOf('\ufffd', at + 3)) spelled++;
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
function looksLikeUtf16WithoutBom(buf: Buffer): boolean {
  const n = Math.min(buf.length, 4096);
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (buf[i] === 0) (i % 2 ? odd++ : even++);
  return (odd > n / 4 && even < odd / 10) || (even > n / 4 && odd < even / 10);
}
