// The test page of test/web/run.mjs (bundled for the browser by it): starts the language server's web worker
// (server/out/browser.js) and speaks LSP to it over postMessage with vscode-jsonrpc's browser reader and writer,
// as vscode-languageclient/browser does in vscode.dev. It plays the client's part for the worker's file requests
// (netcfg/fs/*) from an in-page workspace, and records everything the worker sends, for the runner to poll.

import { BrowserMessageReader, BrowserMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/browser';
import type { FsReadResult } from '../../server/src/protocol-fs';

interface WorkspaceFile {
  uri: string;
  text: string;
}

interface PageState {
  diagnostics: Record<string, { version?: number; diagnostics: { code?: unknown; range: unknown; message: string; severity?: number }[] }>;
  fsRequests: { method: string; uri: string }[];
  logs: string[];
  progress: unknown[];
  errors: string[];
}

const state: PageState = { diagnostics: {}, fsRequests: [], logs: [], progress: [], errors: [] };
let connection: MessageConnection | undefined;
let files = new Map<string, Uint8Array>();

function base64(bytes: Uint8Array): string {
  let bin = '';
  for (let at = 0; at < bytes.length; at += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(at, at + 0x8000) as unknown as number[]);
  return btoa(bin);
}

function start(workerUrl: string, workspace: WorkspaceFile[]): void {
  files = new Map(workspace.map((f) => [f.uri, new TextEncoder().encode(f.text)]));
  const worker = new Worker(workerUrl);
  worker.addEventListener('error', (e) => state.errors.push(`worker error: ${e.message}`));
  connection = createMessageConnection(new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
  connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: PageState['diagnostics'][string]['diagnostics'] }) => {
    state.diagnostics[p.uri] = { version: p.version, diagnostics: p.diagnostics };
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => void state.logs.push(p.message));
  connection.onNotification('$/progress', (p: unknown) => void state.progress.push(p));
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  // The client's side of server/src/protocol-fs.ts, over the in-page workspace (as client/src/workspace-fs.ts does over vscode.workspace).
  connection.onRequest('netcfg/fs/list', (p: { folder: string }) => {
    state.fsRequests.push({ method: 'list', uri: p.folder });
    return { uris: [...files.keys()].filter((u) => u.startsWith(`${p.folder.replace(/\/$/, '')}/`)) };
  });
  connection.onRequest('netcfg/fs/stat', (p: { uri: string }) => {
    state.fsRequests.push({ method: 'stat', uri: p.uri });
    const bytes = files.get(p.uri);
    return bytes ? { kind: 'file', size: bytes.length } : null;
  });
  const read = (p: { uri: string; maxBytes: number }): FsReadResult => {
    state.fsRequests.push({ method: 'read', uri: p.uri });
    const bytes = files.get(p.uri);
    if (!bytes) return { kind: 'error', reason: 'no such file or directory' };
    if (bytes.length > p.maxBytes) return { kind: 'tooLarge', size: bytes.length };
    return { kind: 'ok', base64: base64(bytes) };
  };
  connection.onRequest('netcfg/fs/read', (p: { uri: string; maxBytes: number }): unknown => read(p));
  connection.listen();
}

/** A request; a failure comes back as `{ error }` so the runner can report it. */
async function request(method: string, params: unknown): Promise<unknown> {
  try {
    return { result: await connection!.sendRequest(method, params) };
  } catch (err) {
    return { error: String((err as Error)?.message ?? err) };
  }
}

async function notify(method: string, params: unknown): Promise<void> {
  await connection!.sendNotification(method, params);
}

/** A file appearing in the workspace (the runner then sends the watch event). */
function addFile(uri: string, text: string): void {
  files.set(uri, new TextEncoder().encode(text));
}

(globalThis as unknown as { netcfgTest: unknown }).netcfgTest = { start, request, notify, addFile, state };
