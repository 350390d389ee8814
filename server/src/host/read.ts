// Reading one config file from disk, shared by the CLI and the LSP server's workspace scan: only regular files
// are opened (a FIFO would block, /dev/zero never ends), the size cap is checked before reading and the read is
// bounded, the text is decoded by its byte order mark (UTF-8, UTF-16LE, UTF-16BE; UTF-8 without one), and a file
// that is binary is refused whatever its name. The language service does no IO; it only hears the outcome.

import { isAscii } from 'node:buffer';
import * as fs from 'node:fs';
import { DEFAULT_SETTINGS } from '../service';
import { decodeConfig, type ReadResult } from './decode';

export { decodeConfig, type ReadResult, type TextEncoding } from './decode';

export interface ReadOptions {
  /** Files larger than this many bytes are not read (at most this many + 1 bytes are ever read). */
  maxFileSize: number;
  /**
   * The size a directory walk (host/scan.ts) or the CLI found for this path a moment ago, stat'ing it as a regular
   * file: it is not stat'ed again before opening (one system call less per file of a 1,000-file check); over the
   * cap it is refused unopened, as by that stat. What is opened is judged by its `fstat` as always (`O_NONBLOCK`: a
   * FIFO swapped in meanwhile does not block the open).
   */
  statSize?: number;
}

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

/**
 * Bytes `decodeConfig` counts against a file (control characters other than tab, line breaks, form feed and ESC; NUL
 * and DEL): in ASCII text, the only characters that can be suspect.
 */
const SUSPECT_BYTES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 127];

/**
 * `decodeConfig` of what was read, with a fast path for the usual file: ASCII (no byte order mark, nothing to
 * replace) without a suspect character is its text as it is, proved by native scans (`isAscii`, a `memchr` per
 * suspect byte) and sliced as Latin-1, which for ASCII is the same string. The UTF-8 decoder and the
 * regular-expression scan of the text cost ~8x that on a fleet's 26 MB (docs/performance.md, branch fleet-after).
 */
export function decodeRead(buf: Buffer): ReadResult {
  if (isAscii(buf)) {
    let clean = true;
    for (const b of SUSPECT_BYTES) {
      if (buf.indexOf(b) >= 0) {
        clean = false;
        break;
      }
    }
    if (clean) return { ok: true, text: buf.toString('latin1'), encoding: 'utf-8' };
  }
  return decodeConfig(buf);
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
    const refused = options.statSize !== undefined ? (options.statSize > max ? tooLarge(options.statSize, max) : undefined) : precheck(await fs.promises.stat(file), max);
    if (refused) return refused;
    handle = await fs.promises.open(file, OPEN_FLAGS);
    // The path may have changed since the stat: judge what was opened.
    const stat = await handle.stat();
    const refusedNow = precheck(stat, max);
    if (refusedNow) return refusedNow;
    const buf = new Uint8Array(Math.min(stat.size, max) + 1);
    let length = 0;
    while (length < buf.length) {
      const wanted = buf.length - length;
      const { bytesRead } = await handle.read(buf, length, wanted, length);
      length += bytesRead;
      if (bytesRead === 0 || (bytesRead < wanted && length >= stat.size)) break;
    }
    // Grew past the cap since the stat.
    if (length > max) return tooLarge(length, max);
    return decodeRead(Buffer.from(buf.buffer, 0, length));
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
    const refused = options.statSize !== undefined ? (options.statSize > max ? tooLarge(options.statSize, max) : undefined) : precheck(fs.statSync(file), max);
    if (refused) return refused;
    fd = fs.openSync(file, OPEN_FLAGS);
    const stat = fs.fstatSync(fd);
    const refusedNow = precheck(stat, max);
    if (refusedNow) return refusedNow;
    const buf = new Uint8Array(Math.min(stat.size, max) + 1);
    let length = 0;
    while (length < buf.length) {
      const wanted = buf.length - length;
      const n = fs.readSync(fd, buf, length, wanted, length);
      length += n;
      // Short of what was asked (the size + 1) with all `fstat` announced read: the end, no second read to hear 0
      // (a file system may return less than asked before the end, hence the size test).
      if (n === 0 || (n < wanted && length >= stat.size)) break;
    }
    if (length > max) return tooLarge(length, max);
    return decodeRead(Buffer.from(buf.buffer, 0, length));
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

