// What the LSP session (lsp/server.ts) needs from the machine it runs on: finding, reading and statting the
// workspace's files, by URI. Two hosts implement it: the Node server's file system (lsp/node-host.ts, used by
// server/src/server.ts) and the web worker's client-backed one (lsp/client-fs.ts, used by server/src/browser.ts),
// where the VS Code client reads the files for the worker. No LSP types, no Node built-ins.

import type { ReadResult } from '../host/decode';
import type { FileResult, WorkerInit } from '../host/pool';

export interface HostFile {
  /** The file's URI, spelled as `canonicalUri` spells it. */
  uri: string;
  size: number;
}

export interface HostStat {
  kind: 'file' | 'directory' | 'other';
  size: number;
}

export interface ListOptions {
  /** Generic names (`*.cfg`, `*.txt`, no extension) larger than this are not listed. */
  maxFileSize: number;
  /** Stops the listing early (the server cancels indexing on shutdown). */
  isCancelled: () => boolean;
  /** Hears every path the listing could not use (unreadable folder, dangling link, FIFO…). */
  onProblem: (where: string, reason: string) => void;
}

export interface ServerHost {
  /** `node` or `browser`, for the log. */
  readonly kind: string;
  /**
   * The one spelling under which the host knows a file (an editor may spell a URI differently, e.g. `file:///c%3A/`
   * against `file:///C:/`), or undefined for a URI the host cannot read (untitled documents, other schemes).
   */
  canonicalUri(uri: string): string | undefined;
  /**
   * Config and workspace files under a folder (a canonical URI): the candidates of `host/names.ts`
   * (`candidateKind`), outside hidden folders and `SKIP_DIRS`, generic names over `maxFileSize` left out.
   */
  listConfigFiles(rootUri: string, options: ListOptions): AsyncIterable<HostFile>;
  /** Undefined when the path does not exist or cannot be statted. */
  stat(uri: string): Promise<HostStat | undefined>;
  /** One config file with the read rules of `host/read.ts`: size cap, decoding by BOM, binary refused. */
  readConfig(uri: string, options: { maxFileSize: number }): Promise<ReadResult>;
  /** A small text file (the baseline), or undefined when it does not exist or cannot be read. */
  readText(uri: string): Promise<string | undefined>;
  /** Resolves after queued messages had a turn (setImmediate in Node, a macrotask in a worker). */
  nextTurn(): Promise<void>;
  /** Reading and lowering closed files on worker threads (Node only; the web worker host indexes in-process). */
  readonly indexer?: HostIndexer;
}

/** The Node host's worker pool (host/pool.ts), as the indexing of lsp/server.ts uses it. */
export interface HostIndexer {
  /** The default of `netcfg.indexing.jobs`: the cores this process may use when there are more than two, else 1. */
  defaultJobs(): number;
  /** Worker threads worth starting for `files` files of `bytes` bytes with `jobs` allowed; 0: index in-process. */
  workers(jobs: number, files: number, bytes: number): number;
  /**
   * Reads and lowers `files` on `workers` threads (none on the caller's thread) with the read rules of `host/read.ts`;
   * `onResult(i, result)` in index order. Resolves with the number of workers that started once all are answered.
   */
  lower(files: readonly HostFile[], workers: number, init: WorkerInit, onResult: (index: number, result: FileResult) => void): Promise<number>;
}

/** The URI of a child of a folder URI (`name` is one path segment, not encoded). */
export function childUri(folderUri: string, name: string): string {
  return `${folderUri.replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
}

/** The last path segment of a URI, decoded (for names shown in logs and progress, and for the name rules). */
export function uriBaseName(uri: string): string {
  const pathPart = uri.replace(/[?#].*$/, '').replace(/\/+$/, '');
  const seg = pathPart.slice(pathPart.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** Whether `uri` is `rootUri` or below it. */
export function isUnder(uri: string, rootUri: string): boolean {
  return uri === rootUri || uri.startsWith(rootUri.endsWith('/') ? rootUri : `${rootUri}/`);
}
