// File-system helpers shared by the LSP server and the CLI: which files are configs, walking a directory tree,
// reading a config file. The language service itself never touches the disk; only its hosts use this.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { dialectByFileName, isGenericConfigName } from '../dialects/registry';
import { isProjectFileName } from './project';

/** Directories never descended into: dependencies, VCS metadata and build output (hidden directories are skipped too). */
export const SKIP_DIRS: ReadonlySet<string> = new Set(['node_modules', '.git', '.hg', '.svn', 'out']);

/**
 * Extension-less files that are never configs. Generic names are otherwise checked by content, and a file
 * whose content matches no dialect gets an information diagnostic; these would only add noise.
 */
const NOT_CONFIG = new Set(['license', 'licence', 'copying', 'makefile', 'dockerfile', 'readme', 'changelog', 'authors', 'notice', 'contributors', 'codeowners', 'vagrantfile', 'gemfile', 'procfile', 'jenkinsfile']);

/** Glob of the file names the client watches (kept in step with `isConfigFileName`). */
export const CONFIG_GLOB = '**/*.{ios,cisco,asa,rsc,bird,conf,cfg,txt,config,rtr}';

export type CandidateKind = 'config' | 'project';

export interface Candidate {
  /** Absolute path. */
  path: string;
  kind: CandidateKind;
  size: number;
}

/** Whether the name alone fixes a dialect (`*.ios`, `*.rsc`, `ipsec.conf`, `bird.conf` …). */
export function hasDialectName(fileName: string): boolean {
  return dialectByFileName(fileName) !== undefined;
}

/** Whether a file with this name may be a config: a dialect name, or a generic name to detect by content. */
export function isConfigFileName(fileName: string): boolean {
  const base = path.basename(fileName);
  if (base.startsWith('.')) return false;
  if (hasDialectName(base)) return true;
  if (!base.includes('.') && NOT_CONFIG.has(base.toLowerCase())) return false;
  return isGenericConfigName(base);
}

/** Classifies one file name found while scanning; undefined when it is neither a config nor a project file. */
export function candidateKind(fileName: string): CandidateKind | undefined {
  if (isProjectFileName(fileName)) return 'project';
  return isConfigFileName(fileName) ? 'config' : undefined;
}

export interface ScanOptions {
  /** Generic names (`*.cfg`, `*.txt`, no extension) larger than this are skipped without reading. */
  maxFileSize: number;
  /** Stops the walk early (the server cancels indexing on shutdown). */
  isCancelled?: () => boolean;
}

/**
 * Walks `root` depth-first in name order and yields config and project files. Unreadable directories are
 * skipped silently (a workspace may contain folders the user cannot read); symlinked directories are not
 * followed, so a link loop cannot hang the walk.
 */
export async function* scanDirectory(root: string, options: ScanOptions): AsyncGenerator<Candidate> {
  const stack = [root];
  while (stack.length) {
    if (options.isCancelled?.()) return;
    const dir = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const subdirs: string[] = [];
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !SKIP_DIRS.has(entry.name)) subdirs.push(full);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      const kind = candidateKind(entry.name);
      if (!kind) continue;
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(full);
      } catch {
        continue;
      }
      if (!stat.isFile()) continue;
      if (!hasDialectName(entry.name) && stat.size > options.maxFileSize) continue;
      yield { path: full, kind, size: stat.size };
    }
    // Reverse so the stack pops sub-directories in name order.
    for (let i = subdirs.length - 1; i >= 0; i--) stack.push(subdirs[i]);
  }
}

/** The result of reading one config file: its text, or why it is not a text config. */
export type ReadResult = { ok: true; text: string } | { ok: false; reason: string };

/**
 * Reads a config file as UTF-8 (a BOM is dropped). A generic-named file that looks binary (a NUL byte in
 * its first 8 KiB) is refused, so images and archives named `*.txt` or without extension are never parsed.
 */
export async function readConfigFile(file: string): Promise<ReadResult> {
  let buf: Buffer;
  try {
    buf = await fs.promises.readFile(file);
  } catch (err) {
    return { ok: false, reason: describeFsError(err) };
  }
  return decodeConfig(file, buf);
}

/** Synchronous twin of `readConfigFile`. */
export function readConfigFileSync(file: string): ReadResult {
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (err) {
    return { ok: false, reason: describeFsError(err) };
  }
  return decodeConfig(file, buf);
}

function decodeConfig(file: string, buf: Buffer): ReadResult {
  if (!hasDialectName(file) && !isProjectFileName(file) && buf.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary file' };
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
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
      return 'too many symbolic links';
    default:
      return err instanceof Error ? err.message : String(err);
  }
}
