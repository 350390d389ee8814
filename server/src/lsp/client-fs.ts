// The web worker's host (server/src/browser.ts): no file system, so every file is read by the client over the
// connection (protocol-fs.ts: list, stat, read). The name rules, the size cap and the decoding are the Node
// host's (host/names.ts, host/decode.ts), applied here in the worker, so both hosts index the same files the same way.

import type { Connection } from 'vscode-languageserver';
import { decodeConfig, type ReadResult } from '../host/decode';
import { candidateKind, hasDialectName, SKIP_DIRS } from '../host/names';
import {
  FS_LIST_REQUEST,
  FS_READ_REQUEST,
  FS_STAT_REQUEST,
  type FsListParams,
  type FsListResult,
  type FsReadParams,
  type FsReadResult,
  type FsStatParams,
  type FsStatResult,
} from '../protocol-fs';
import { isUnder, uriBaseName, type HostFile, type ServerHost } from './host';

/** Schemes of documents the client cannot read back (an unsaved editor, a diff's old side…). */
const UNREADABLE_SCHEMES = new Set(['untitled', 'git', 'vscode-notebook-cell', 'output', 'vscode-scm', 'vscode-userdata']);

/** Base64 (standard alphabet, padded) to bytes, without Buffer. */
export function fromBase64(text: string): Uint8Array {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

function tooLarge(size: number, max: number): ReadResult {
  const reason = `file is larger than netcfg.maxFileSize (${size} > ${max} bytes)`;
  return { ok: false, reason, skip: { code: 'detect/unknown-dialect', reason } };
}

/** Whether a path below `root` passes through a hidden folder or one of SKIP_DIRS (never entered by the Node walk). */
function inSkippedFolder(uri: string, root: string): boolean {
  const rel = uri.slice(root.replace(/\/+$/, '').length + 1).split('/');
  rel.pop();
  return rel.some((seg) => {
    const name = decodeURIComponentSafe(seg);
    return name.startsWith('.') || SKIP_DIRS.has(name);
  });
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export function clientHost(connection: Connection): ServerHost {
  const stat = async (uri: string): Promise<FsStatResult> => (await connection.sendRequest<FsStatResult>(FS_STAT_REQUEST, { uri } satisfies FsStatParams)) ?? null;
  return {
    kind: 'browser',
    canonicalUri(uri) {
      const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(uri)?.[1]?.toLowerCase();
      return scheme && !UNREADABLE_SCHEMES.has(scheme) ? uri : undefined;
    },
    async *listConfigFiles(rootUri, options): AsyncGenerator<HostFile> {
      const res = await connection.sendRequest<FsListResult>(FS_LIST_REQUEST, { folder: rootUri, skipDirs: [...SKIP_DIRS] } satisfies FsListParams);
      if (res?.truncated) options.onProblem(rootUri, 'the client listed only part of the folder (its file limit)');
      // In URI order, so every run indexes the same files in the same order.
      const uris = (res?.uris ?? []).filter((u) => typeof u === 'string' && isUnder(u, rootUri) && !inSkippedFolder(u, rootUri)).sort();
      const seen = new Set<string>();
      for (const uri of uris) {
        if (options.isCancelled()) return;
        if (seen.has(uri)) continue;
        seen.add(uri);
        const name = uriBaseName(uri);
        if (!candidateKind(name)) continue;
        let size = -1;
        if (!hasDialectName(name)) {
          // A generic name over the cap is left out without a note, as the Node walk does.
          const st = await stat(uri);
          if (!st || st.kind !== 'file') {
            if (st) options.onProblem(uri, 'not a regular file');
            continue;
          }
          size = st.size;
          if (size > options.maxFileSize) continue;
        }
        yield { uri, size };
      }
    },
    async stat(uri) {
      return (await stat(uri)) ?? undefined;
    },
    async readConfig(uri, options) {
      const max = Math.max(0, options.maxFileSize);
      const res = await connection.sendRequest<FsReadResult>(FS_READ_REQUEST, { uri, maxBytes: max } satisfies FsReadParams);
      if (!res || res.kind === 'error') return { ok: false, reason: res?.reason ?? 'the client could not read it' };
      if (res.kind === 'tooLarge') return tooLarge(res.size, max);
      const bytes = fromBase64(res.base64);
      if (bytes.length > max) return tooLarge(bytes.length, max);
      return decodeConfig(bytes);
    },
    async readText(uri) {
      const res = await this.readConfig(uri, { maxFileSize: 64 * 1024 * 1024 });
      return res.ok ? res.text : undefined;
    },
    nextTurn: () => new Promise((resolve) => setTimeout(resolve, 0)),
  };
}
