// The web extension's answers to the worker server's file requests (server/src/protocol-fs.ts): the worker has
// no file system, so the client lists folders with vscode.workspace.findFiles and stats and reads files with
// vscode.workspace.fs, whatever the workspace's file system is (GitHub through vscode.dev, a local folder, memfs).
// The name rules, the size cap and the decoding stay in the server (it gets raw bytes). Takes the two vscode APIs
// as parameters so test/web/workspace-fs.test.ts runs it against an in-memory workspace.

import type * as vscode from 'vscode';
import type { FsListParams, FsListResult, FsReadParams, FsReadResult, FsStatParams, FsStatResult } from '../../server/src/protocol-fs';

/** findFiles stops here; the server logs a truncated listing. */
export const MAX_LISTED_FILES = 50000;

/** The part of the vscode API the handlers use. */
export interface WorkspaceApi {
  findFiles(include: vscode.GlobPattern, exclude?: vscode.GlobPattern | null, maxResults?: number): Thenable<vscode.Uri[]>;
  fs: Pick<vscode.FileSystem, 'stat' | 'readFile'>;
  parseUri(value: string): vscode.Uri;
  relativePattern(base: vscode.Uri, pattern: string): vscode.GlobPattern;
  fileType: { File: number; Directory: number };
}

/** Bytes to base64 in chunks (a file may hold millions of bytes: no argument list that long). */
export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (let at = 0; at < bytes.length; at += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(at, at + 0x8000) as unknown as number[]);
  return btoa(bin);
}

function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code === 'FileNotFound' || code === 'EntryNotFound') return 'no such file or directory';
  if (code === 'NoPermissions') return 'permission denied';
  if (code === 'FileIsADirectory' || code === 'EntryIsADirectory') return 'is a directory';
  return err instanceof Error ? err.message : String(err);
}

export function workspaceFsHandlers(api: WorkspaceApi) {
  async function stat(uri: string): Promise<FsStatResult> {
    try {
      const st = await api.fs.stat(api.parseUri(uri));
      // FileType is a bit set (a symbolic link to a file is File | SymbolicLink).
      const kind = st.type & api.fileType.Directory ? 'directory' : st.type & api.fileType.File ? 'file' : 'other';
      return { kind, size: st.size };
    } catch {
      return null;
    }
  }
  return {
    async list(p: FsListParams): Promise<FsListResult> {
      const folder = api.parseUri(p.folder);
      const skip = (p.skipDirs ?? []).filter((d) => /^[\w.-]+$/.test(d));
      const exclude = skip.length ? `**/{${skip.join(',')}}/**` : null;
      const found = await api.findFiles(api.relativePattern(folder, '**/*'), exclude, MAX_LISTED_FILES + 1);
      const uris = found.slice(0, MAX_LISTED_FILES).map((u) => u.toString());
      return found.length > MAX_LISTED_FILES ? { uris, truncated: true } : { uris };
    },
    stat: (p: FsStatParams): Promise<FsStatResult> => stat(p.uri),
    async read(p: FsReadParams): Promise<FsReadResult> {
      const st = await stat(p.uri);
      if (!st) return { kind: 'error', reason: 'no such file or directory' };
      if (st.kind === 'directory') return { kind: 'error', reason: 'is a directory' };
      if (st.kind !== 'file') return { kind: 'error', reason: 'not a regular file' };
      if (st.size > p.maxBytes) return { kind: 'tooLarge', size: st.size };
      try {
        const bytes = await api.fs.readFile(api.parseUri(p.uri));
        if (bytes.length > p.maxBytes) return { kind: 'tooLarge', size: bytes.length };
        return { kind: 'ok', base64: toBase64(bytes) };
      } catch (err) {
        return { kind: 'error', reason: reasonOf(err) };
      }
    },
  };
}
