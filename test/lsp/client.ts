// A minimal LSP client for tests: spawns the bundled server (`node server/out/server.js --stdio`) and talks
// JSON-RPC to it over real pipes, recording diagnostics, log messages and progress. Test helper only.

import { spawn, type ChildProcess } from 'node:child_process';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { SERVER } from '../cli/build';

export class TestClient {
  readonly proc: ChildProcess;
  readonly conn: MessageConnection;
  /** Latest diagnostics per URI, and every publication in order. */
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: string[] = [];
  readonly progress: unknown[] = [];
  /** Capabilities the server registered dynamically. */
  readonly registrations: { method: string; registerOptions?: any }[] = [];
  /** What `workspace/configuration` answers for the `netcfg` section. */
  settings: Record<string, unknown> = {};
  stderr = '';
  private listeners = new Set<() => void>();
  private versions = new Map<string, number>();

  /** `env`: extra environment variables of the server process (the pool's, test faults). */
  constructor(env: Record<string, string> = {}) {
    this.proc = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    this.proc.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.conn = createMessageConnection(new StreamMessageReader(this.proc.stdout!), new StreamMessageWriter(this.proc.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
      this.published.push(p);
      this.changed();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => {
      this.logs.push(p.message);
      this.changed();
    });
    this.conn.onNotification('$/progress', (p: unknown) => {
      this.progress.push(p);
      this.changed();
    });
    this.conn.onRequest('workspace/configuration', (p: { items: { section?: string }[] }) => p.items.map(() => this.settings));
    this.conn.onRequest('window/workDoneProgress/create', () => null);
    this.conn.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registrations.push(...p.registrations);
      this.changed();
      return null;
    });
    this.conn.listen();
  }

  private changed(): void {
    for (const l of [...this.listeners]) l();
  }

  /** Resolves with the first truthy value of `probe`, re-evaluated on every message from the server. */
  waitFor<T>(probe: () => T | undefined | false | null, what: string, timeoutMs = 20_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const v = probe();
        if (v) {
          done();
          resolve(v);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`timed out waiting for ${what}; server log:\n${this.logs.join('\n')}\n${this.stderr}`));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(check);
      };
      this.listeners.add(check);
      check();
    });
  }

  async initialize(rootUri: string | null, capabilities: Record<string, unknown> = {}): Promise<InitializeResult> {
    const res = await this.conn.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { rename: { prepareSupport: true }, publishDiagnostics: { relatedInformation: true, versionSupport: true } },
        ...capabilities,
      },
    });
    await this.conn.sendNotification('initialized', {});
    return res;
  }

  open(uri: string, languageId: string, text: string): Promise<void> {
    this.versions.set(uri, 1);
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Replaces the whole text (a full-document change event); returns the new version. */
  async replace(uri: string, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    return version;
  }

  /** An incremental change: inserts `text` at a position; returns the new version. */
  async insert(uri: string, line: number, character: number, text: string): Promise<number> {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text }],
    });
    return version;
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.conn.sendRequest<R>(method, params);
  }

  /** shutdown + exit; resolves with the process exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.proc.once('exit', (code) => resolve(code)));
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const code = await exited;
    this.conn.dispose();
    return code;
  }
}
