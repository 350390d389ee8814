// File-system helpers shared by the LSP server and the CLI: which files are configs, walking a directory tree
// (reading one file is in read.ts). The language service itself never touches the disk; only its hosts use this.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { candidateKind, hasDialectName, SKIP_DIRS, type CandidateKind } from './names';
import { describeFileType, describeFsError } from './read';

export { candidateKind, CONFIG_GLOB, hasDialectName, isConfigFileName, SKIP_DIRS, type CandidateKind } from './names';

export interface Candidate {
  /** Absolute path (a name that is not valid UTF-8 shows as U+FFFD: open `fsPath`). */
  path: string;
  /** The path to open: `path`, or its raw bytes when a name is not valid UTF-8. */
  fsPath: string | Buffer;
  kind: CandidateKind;
  size: number;
  /** Identity of the file (device and inode), the same through every link to it. */
  id: string;
}

export interface ScanOptions {
  /** Generic names (`*.cfg`, `*.txt`, no extension) larger than this are skipped without reading. */
  maxFileSize: number;
  /** Stops the walk early (the server cancels indexing on shutdown). */
  isCancelled?: () => boolean;
  /**
   * Hears every path the walk could not use: `error` for one that cannot be read (a directory or a config
   * file: permission denied, a dangling link, a link loop), `warning` for a config name that is not a regular
   * file (a FIFO, a device, a socket), which is never opened. Without it such paths are skipped silently.
   */
  onProblem?: (problem: ScanProblem) => void;
}

export interface ScanProblem {
  /** The path as a string (invalid UTF-8 in a name shows as U+FFFD). */
  path: string;
  reason: string;
  severity: 'error' | 'warning';
}

/** A path as the walk holds it: a string, or the raw bytes when a name is not valid UTF-8. */
type FsPath = string | Buffer;

/** A Buffer as a plain Uint8Array (this @types/node's Buffer is not assignable to one under TypeScript 5.9). */
function u8(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function joinPath(dir: FsPath, name: Buffer): FsPath {
  const nameText = name.toString('utf8');
  const valid = typeof dir === 'string' && Buffer.from(nameText).equals(u8(name));
  if (valid) return path.join(dir, nameText);
  const dirBytes = typeof dir === 'string' ? Buffer.from(dir) : dir;
  const sep = dirBytes.length && dirBytes[dirBytes.length - 1] === path.sep.charCodeAt(0) ? '' : path.sep;
  return Buffer.concat([u8(dirBytes), u8(Buffer.from(sep)), u8(name)]);
}

function pathText(p: FsPath): string {
  return typeof p === 'string' ? p : p.toString('utf8');
}

/** The identity of a file or directory whatever the path it was reached by (hard links and symlinks alike). */
export function fileIdentity(stat: fs.Stats): string {
  return `${stat.dev}:${stat.ino}`;
}

/**
 * Walks `root` depth-first in name order and yields config and project files (regular files only). Symbolic
 * links are followed, and every directory is entered once by its identity (device and inode), so a link loop
 * cannot make the walk endless; a file reached twice is yielded once. Names that are not valid UTF-8 are
 * walked by their bytes (`fsPath`). Hidden directories and `SKIP_DIRS` are not entered.
 */
export async function* scanDirectory(root: string, options: ScanOptions): AsyncGenerator<Candidate> {
  const problem = (p: FsPath, reason: string, severity: ScanProblem['severity']) => options.onProblem?.({ path: pathText(p), reason, severity });
  const visitedDirs = new Set<string>();
  const seenFiles = new Set<string>();
  try {
    visitedDirs.add(fileIdentity(await fs.promises.stat(root)));
  } catch (err) {
    problem(root, describeFsError(err), 'error');
    return;
  }
  const stack: FsPath[] = [root];
  while (stack.length) {
    if (options.isCancelled?.()) return;
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      // Names as bytes: a name that is not valid UTF-8 must still be found again on disk.
      entries = (await fs.promises.readdir(dir, { withFileTypes: true, encoding: 'buffer' as BufferEncoding })) as unknown as fs.Dirent[];
    } catch (err) {
      problem(dir, describeFsError(err), 'error');
      continue;
    }
    const nameOf = (e: fs.Dirent) => e.name as unknown as Buffer;
    entries.sort((a, b) => Buffer.compare(u8(nameOf(a)), u8(nameOf(b))));
    const subdirs: FsPath[] = [];
    for (const entry of entries) {
      const rawName = nameOf(entry);
      const name = rawName.toString('utf8');
      const full = joinPath(dir, rawName);
      const kind = candidateKind(name);
      const isDirName = !name.startsWith('.') && !SKIP_DIRS.has(name);
      // A plain file that is not a candidate needs no system call; anything else is judged by stat (links followed).
      if (entry.isFile() && !kind) continue;
      if (!entry.isFile() && !entry.isDirectory() && !entry.isSymbolicLink() && !kind) continue;
      if (entry.isDirectory() && !isDirName) continue;
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(full);
      } catch (err) {
        // A dangling link or a link loop: an error when it may be a config or a directory to walk.
        if (kind || entry.isDirectory()) problem(full, describeFsError(err), 'error');
        continue;
      }
      if (stat.isDirectory()) {
        if (!isDirName) continue;
        const id = fileIdentity(stat);
        if (visitedDirs.has(id)) continue; // a link back to a directory already walked (or being walked)
        visitedDirs.add(id);
        subdirs.push(full);
        continue;
      }
      if (!kind) continue;
      if (!stat.isFile()) {
        problem(full, describeFileType(stat), 'warning');
        continue;
      }
      const id = fileIdentity(stat);
      if (seenFiles.has(id)) continue;
      seenFiles.add(id);
      if (!hasDialectName(name) && stat.size > options.maxFileSize) continue;
      yield { path: pathText(full), fsPath: full, kind, size: stat.size, id };
    }
    // Reverse so the stack pops sub-directories in name order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

export { decodeConfig, describeFileType, describeFsError, readConfigFile, readConfigFileSync, type ReadResult } from './read';
