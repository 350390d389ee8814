// The requests the web worker server sends to its client to reach the workspace's files (it has no file system):
// the VS Code client answers them with vscode.workspace.findFiles and vscode.workspace.fs (client/src/workspace-fs.ts),
// lsp/client-fs.ts asks them. Constants and types only, imported by both sides. See ARCHITECTURE.md, "Hosts".

/** `netcfg/fs/list`: every file under a folder (the server applies the name rules of host/names.ts itself). */
export const FS_LIST_REQUEST = 'netcfg/fs/list';
export interface FsListParams {
  /** A workspace folder (or a folder below one), as a URI. */
  folder: string;
  /** Folder names never entered (host/names.ts SKIP_DIRS); hidden folders are skipped by the server. */
  skipDirs: string[];
}
export interface FsListResult {
  uris: string[];
  /** The listing stopped at the client's limit of files. */
  truncated?: boolean;
}

/** `netcfg/fs/stat`: null when the path does not exist or cannot be statted. */
export const FS_STAT_REQUEST = 'netcfg/fs/stat';
export interface FsStatParams {
  uri: string;
}
export type FsStatResult = { kind: 'file' | 'directory' | 'other'; size: number } | null;

/**
 * `netcfg/fs/read`: the bytes of a file, base64-encoded (JSON-safe on every transport), when it is a file no larger
 * than `maxBytes`; the server decodes them (host/decode.ts: BOM, binary refused) as the Node server does.
 */
export const FS_READ_REQUEST = 'netcfg/fs/read';
export interface FsReadParams {
  uri: string;
  maxBytes: number;
}
export type FsReadResult = { kind: 'ok'; base64: string } | { kind: 'tooLarge'; size: number } | { kind: 'error'; reason: string };
