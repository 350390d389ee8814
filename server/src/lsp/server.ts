// The LSP session, shared by both hosts: document sync, workspace indexing, file watching, settings, debounced
// diagnostics and every request, wired to a `Connection` the host entry point made (server/src/server.ts: Node,
// stdio or IPC, the file system; server/src/browser.ts: a web worker, whose files the VS Code client reads).
// Handler wiring only: every feature is a pure function in features/; the files are reached through `ServerHost`
// (lsp/host.ts), by URI. Imports the transport-neutral `vscode-languageserver` API, never its node or browser part.
// Every request, notification and deferred task runs guarded: a bug or a malformed message is logged, never fatal.

import {
  CodeActionKind,
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type CodeAction,
  type CodeActionParams,
  type Connection,
  type DidChangeTextDocumentParams,
  type DidCloseTextDocumentParams,
  type DidOpenTextDocumentParams,
  type InitializeParams,
  type InitializeResult,
  type Message,
  type MessageReader,
  type Range,
  type RequestMessage,
  type ResponseMessage,
  type TextDocumentEdit,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import pkg from '../../../package.json';
import { getCodeActions } from '../features/codeActions';
import { getCodeLenses, OPEN_PEER_COMMAND } from '../features/codeLens';
import { getCompletions } from '../features/completion';
import { getDiagnostics } from '../features/diagnostics';
import { getDocumentLinks } from '../features/documentLinks';
import { getFoldingRanges } from '../features/folding';
import { getHover } from '../features/hover';
import { getInlayHints } from '../features/inlayHints';
import { getDefinition, getReferences, getRename, prepareRename } from '../features/navigation';
import { describeError, onceLogger, runSafe } from '../features/runSafe';
import { getSemanticTokens, getSemanticTokensDelta, getSemanticTokensRange, SEMANTIC_TOKENS_LEGEND } from '../features/semanticTokens';
import { getDocumentSymbols } from '../features/symbols';
import { getTopology, TOPOLOGY_REQUEST, type Topology } from '../features/topology';
import { generatePeerResult, unpairedPeerItems } from '../features/generatePeer';
import { GENERATE_PEER_REQUEST, UNPAIRED_PEERS_REQUEST, type GeneratePeerParams, type GeneratePeerResult, type UnpairedPeersParams } from '../generate/protocol';
import { getWorkspaceSymbols } from '../features/workspaceSymbols';
import { candidateKind, CONFIG_GLOB, hasDialectName, isProjectFileName, isProjectNoise } from '../host/names';
import type { WorkerInit } from '../host/pool';
import { fromEditorSettings, indexingJobs, settingsDiffer, type EditorSettings } from '../host/settings';
import * as model from '../model';
import {
  CHECK_WORKSPACE_REQUEST,
  FILE_STATUS_REQUEST,
  type FileStatus,
  type FileStatusParams,
  type SeverityCounts,
  type WorkspaceCheckResult,
} from '../protocol';
import { visibleFindings } from '../rules/apply';
import { BASELINE_FILE_NAME, baselineFingerprints as baselineFingerprintsOf, parseBaseline } from '../rules/baseline';
import { createLanguageService, DEFAULT_SETTINGS, setInternalErrorHandler, type HostSkip, type ServiceSettings, type TextChange } from '../service';
import { childUri, isUnder, uriBaseName, type HostFile, type ServerHost } from './host';


/** Edits are applied to the service and diagnostics recomputed this long after the last keystroke. */
const DEBOUNCE_MS = 30;
/** Diagnostics publishing yields to the request queue after this much work. */
const SLICE_MS = 10;


/**
 * Document changes read from the client but not yet processed, per URI. Messages are read as soon as they arrive
 * and processed one per tick, so while the server is busy a burst of edits and requests queues up: a request about
 * a document with a newer change behind it in the queue is superseded (see `request`).
 */
const queuedChanges = new Map<string, number>();

function changedUri(params: unknown): string | undefined {
  const uri = (params as { textDocument?: { uri?: unknown } } | null)?.textDocument?.uri;
  return typeof uri === 'string' ? uri : undefined;
}

/** Counts each didChange as it is read (before the connection queues it); `syncConnection` uncounts it when processed. */
export function observing(reader: MessageReader): MessageReader {
  return {
    onError: reader.onError,
    onClose: reader.onClose,
    onPartialMessage: reader.onPartialMessage,
    listen: (callback) =>
      reader.listen((msg: Message) => {
        const m = msg as { method?: unknown; id?: unknown; params?: unknown };
        if (m.method === 'textDocument/didChange' && m.id === undefined) {
          const uri = changedUri(m.params);
          if (uri !== undefined) queuedChanges.set(uri, (queuedChanges.get(uri) ?? 0) + 1);
        }
        callback(msg);
      }),
    dispose: () => reader.dispose(),
  };
}

/**
 * A request cancelled (`$/cancelRequest`) while still queued is answered RequestCancelled at once, without running
 * its handler; one cancelled while running sees its token cancelled (see `request`).
 */
export const connectionStrategy = {
  cancelUndispatched: (message: Message): ResponseMessage | undefined => {
    const id = (message as RequestMessage).id;
    return { jsonrpc: '2.0', id, error: { code: LSPErrorCodes.RequestCancelled, message: 'request cancelled' } };
  },
};

/** What the host entry point needs back from the session. */
export interface ServerSession {
  /** Whether the client asked for a shutdown (an exit after it is a clean one). */
  isShuttingDown(): boolean;
  /** Logs each distinct failure once (to the client's log). */
  logOnce(message: string): void;
}

/**
 * Wires the language service to a connection: document sync, workspace indexing through `host`, file watching,
 * settings, debounced diagnostics and every request. The caller created the connection (with `observing(reader)`
 * and `connectionStrategy` when it owns the reader) and calls `connection.listen()` after this returns.
 */
export function startServer(connection: Connection, host: ServerHost): ServerSession {
  const documents = new TextDocuments(TextDocument);
  const service = createLanguageService();


  const log = {
    info: (m: string) => connection.console.info(m),
    warn: (m: string) => connection.console.warn(m),
    error: (m: string) => connection.console.error(m),
  };
  /** For failures that may repeat on every keystroke or message: each distinct one is logged once. */
  const logOnce = onceLogger(log.error);
  setInternalErrorHandler((err) => logOnce(`check failed: ${describeError(err)}`));


  /** Wraps a notification handler or deferred task: a throw or a rejected promise is logged once, never fatal. */
  function guarded<P>(label: string, fn: (params: P) => void | Promise<void>): (params: P) => void {
    return (params: P) => {
      try {
        const res = fn(params);
        if (res instanceof Promise) res.catch((err: unknown) => logOnce(`${label} failed: ${describeError(err)}`));
      } catch (err) {
        logOnce(`${label} failed: ${describeError(err)}`);
      }
    };
  }

  /** Runs an async task in the background, guarded. */
  function background(label: string, task: Promise<void>): void {
    task.catch((err: unknown) => logOnce(`${label} failed: ${describeError(err)}`));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // State

  let workspaceRoots: string[] = [];
  let hasConfigurationCapability = false;
  let hasWorkspaceFoldersCapability = false;
  /** The client can watch files for us and does not already do so itself (editors other than VS Code). */
  let registerWatchers = false;
  let editorSettings: EditorSettings | undefined;
  /** The client re-pulls inlay hints on `workspace/inlayHint/refresh`. */
  let inlayRefresh = false;
  /** The client re-pulls code lenses on `workspace/codeLens/refresh`. */
  let lensRefresh = false;
  /** The document last edited: the editor asks again for its own lenses after an edit, not for the others'. */
  let lastEdited: string | undefined;
  /** An open document other than the one edited got new diagnostics: its peer lenses may be stale. */
  let lensesStale = false;
  let shuttingDown = false;
  /**
   * Service versions are one global counter, not editor versions: a file closed and reopened starts again at
   * editor version 1, and disk reads have no version at all, but the service caches findings by version.
   */
  let serviceVersion = 0;
  /** Every URI handed to the service (checked or skipped), for workspace counts and settings re-publishes. */
  const known = new Set<string>();

  /**
   * The URI under which a file read by the host is known (the editor may spell the same file differently), or
   * undefined for a document the host cannot read (untitled). "Disk URI" below means such a canonical URI.
   */
  function diskUriOf(uri: string): string | undefined {
    if (typeof uri !== 'string') return undefined;
    try {
      return host.canonicalUri(uri);
    } catch {
      return undefined;
    }
  }

  /** The editor's open document for a file (a disk URI), whichever way its URI is spelled. */
  function openDocumentFor(file: string): TextDocument | undefined {
    const direct = documents.get(file);
    if (direct) return direct;
    for (const doc of documents.all()) if (diskUriOf(doc.uri) === file) return doc;
    return undefined;
  }

  function isProjectFile(uri: string): boolean {
    const file = diskUriOf(uri);
    return !!file && isProjectFileName(uriBaseName(file));
  }

  /** Editor language ids that are ours force the dialect; any other (plaintext, …) lets the service detect. */
  function dialectOverride(languageId: string): string | undefined {
    return model.dialectOfLanguageId(languageId);
  }

  /**
   * Closed files out on the indexing workers, each with a token: a worker's result is taken only while its file's
   * token is still here. Any newer text (a read after a watcher event, the editor opening it) or a removal takes it out.
   */
  const inFlight = new Map<string, number>();
  let flightToken = 0;
  /** Bumps whenever a netcfg.yaml enters or leaves the service: worker models made under the older ones are not taken. */
  let projectsEpoch = 0;

  /**
   * The editor's changes to each open document since the service was last given its text (issue 16: the service
   * re-parses only what they changed), as offsets in the text each applies to; undefined when unknown (the document
   * was just opened, replaced whole, or the service holds another text for it): the service then compares the texts.
   */
  const pendingChanges = new Map<string, TextChange[] | undefined>();
  /** Past this many changes between two flushes, the service compares the texts instead. */
  const MAX_PENDING_CHANGES = 1000;

  function setDocument(uri: string, text: string, languageId?: string, skip?: HostSkip, changes?: readonly TextChange[]): Set<string> {
    inFlight.delete(uri);
    if (isProjectFileName(uriBaseName(uri))) projectsEpoch++;
    known.add(uri);
    const res = service.setDocument(uri, text, ++serviceVersion, languageId, skip, changes);
    // Changes are tracked from here only when the service now holds the open document's text (the same string).
    const open = documents.get(uri);
    if (open) pendingChanges.set(uri, open.getText() === text ? [] : undefined);
    return res;
  }

  function removeDocument(uri: string): Set<string> {
    inFlight.delete(uri);
    if (isProjectFileName(uriBaseName(uri))) projectsEpoch++;
    known.delete(uri);
    return service.removeDocument(uri);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Edits and diagnostics: edits are coalesced for DEBOUNCE_MS, then applied; diagnostics are published for the
  // affected URIs only, open documents first, in slices. A newer edit supersedes a publish run in progress.
  // Under a burst only the newest text of each document reaches the service (`dirty` holds URIs, not edits), and a
  // publish run stops as soon as an edit arrives, so stale work is dropped rather than queued.

  const dirty = new Set<string>();
  const toPublish = new Set<string>();
  let editTimer: ReturnType<typeof setTimeout> | undefined;
  let epoch = 0;
  let publishRunning = false;
  let rerun = false;
  /** Editor version of the text the service holds for each open document (what its diagnostics are computed from). */
  const appliedVersion = new Map<string, number>();
  /** Newest editor version published per open document: diagnostics never go back to an older one. */
  const publishedVersion = new Map<string, number>();

  function onEdit(uri: string): void {
    dirty.add(uri);
    lastEdited = uri;
    epoch++;
    if (editTimer) clearTimeout(editTimer);
    editTimer = setTimeout(
      guarded('applying edits', () => {
        editTimer = undefined;
        flushEdits();
        kickPublish();
      }),
      DEBOUNCE_MS,
    );
  }

  /** Applies pending editor changes to the service. Called by the timer and before every request, so requests see the latest text. */
  function flushEdits(): void {
    if (dirty.size === 0) return;
    const uris = [...dirty];
    dirty.clear();
    for (const uri of uris) {
      const doc = documents.get(uri);
      if (!doc) continue;
      runSafe(logOnce, `applying the edit of ${uri}`, undefined, () => {
        // The editor may know this file under another spelling than the disk index: keep one copy.
        const file = diskUriOf(uri);
        if (file && file !== uri && service.getDocument(file)) enqueue(removeDocument(file));
        enqueue(setDocument(uri, doc.getText(), dialectOverride(doc.languageId), undefined, pendingChanges.get(uri)));
        appliedVersion.set(uri, doc.version);
      });
    }
  }

  function enqueue(uris: Iterable<string>): void {
    for (const u of uris) toPublish.add(u);
  }

  function schedulePublish(uris: Iterable<string>): void {
    enqueue(uris);
    if (!editTimer) kickPublish();
  }

  function kickPublish(): void {
    if (publishRunning) {
      rerun = true;
      return;
    }
    background('publishing diagnostics', publishLoop());
  }

  async function publishLoop(): Promise<void> {
    publishRunning = true;
    try {
      do {
        rerun = false;
        const startEpoch = epoch;
        while (toPublish.size && epoch === startEpoch) {
          // Open documents first: that is what the user is looking at.
          const batch = [...toPublish].sort((a, b) => Number(!documents.get(a)) - Number(!documents.get(b)));
          let sliceStart = Date.now();
          for (const uri of batch) {
            if (epoch !== startEpoch) break; // superseded: the pending edit timer starts a new run
            toPublish.delete(uri);
            publish(uri);
            if (Date.now() - sliceStart > SLICE_MS) {
              await host.nextTurn();
              sliceStart = Date.now();
            }
          }
        }
      } while (rerun);
      // A peer's edit changes this file's verdicts too: its code lenses ("PSK ✗") are pulled again.
      if (lensesStale && lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
      lensesStale = false;
    } finally {
      publishRunning = false;
    }
  }

  function publish(uri: string): void {
    if (uri.includes('#')) return; // an external peer of netcfg.yaml: its findings live in the yaml document
    const open = documents.get(uri);
    // An open document with an edit still pending is published once that edit is applied (flushEdits enqueues it).
    if (open && dirty.has(uri)) return;
    const version = open ? appliedVersion.get(uri) : undefined;
    if (open && uri !== lastEdited) lensesStale = true;
    if (version !== undefined) {
      if (version < (publishedVersion.get(uri) ?? -Infinity)) return; // never back in time
      publishedVersion.set(uri, version);
    }
    const state = service.getDocument(uri);
    // A closed file netcfg does not check gets no "unknown dialect" note: only the file the user opened does.
    // netcfg.yaml is handed to the service like a config; its generic "unknown dialect" note is never shown.
    const diagnostics =
      !state || (!open && !state.dialect && !isProjectFile(uri))
        ? []
        : runSafe(logOnce, `diagnostics of ${uri}`, [], () => getDiagnostics(service, uri)).filter((d) => !isProjectNoise(uri, String(d.code)));
    void connection.sendDiagnostics({ uri, version, diagnostics }).catch(() => undefined);
  }

  documents.onDidChangeContent((e) => onEdit(e.document.uri));

  documents.onDidClose((e) => {
    const uri = e.document.uri;
    dirty.delete(uri);
    pendingChanges.delete(uri);
    // A reopened document starts its versions again.
    appliedVersion.delete(uri);
    publishedVersion.delete(uri);
    staleWarned.delete(uri);
    const file = diskUriOf(uri);
    schedulePublish(removeDocument(uri));
    // A workspace file goes back to its saved content: peers are checked against what is on disk.
    if (file && isInWorkspace(file) && candidateKind(uriBaseName(file))) background(`reading ${file}`, reloadFromDisk(file));
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Document sync: TextDocuments applies the editor's notifications, behind a gate that drops malformed ones and
  // out-of-order versions (each logged once) so that neither a bad message nor a stale edit reaches the service.

  /** Open documents whose out-of-order change was already logged. */
  const staleWarned = new Set<string>();

  function isPosition(p: unknown): boolean {
    const q = p as { line?: unknown; character?: unknown } | null;
    return !!q && Number.isInteger(q.line) && Number.isInteger(q.character) && (q.line as number) >= 0 && (q.character as number) >= 0;
  }

  function malformed(method: string): void {
    logOnce(`ignored a malformed ${method} notification`);
  }

  function acceptOpen(p: DidOpenTextDocumentParams): boolean {
    const td = p?.textDocument;
    return !!td && typeof td.uri === 'string' && typeof td.text === 'string' && typeof td.languageId === 'string' && Number.isInteger(td.version);
  }

  function acceptChange(p: DidChangeTextDocumentParams): boolean {
    const td = p?.textDocument;
    if (!td || typeof td.uri !== 'string' || !Number.isInteger(td.version) || !Array.isArray(p.contentChanges)) {
      malformed('textDocument/didChange');
      return false;
    }
    for (const c of p.contentChanges as unknown[]) {
      const change = c as { text?: unknown; range?: { start?: unknown; end?: unknown } } | null;
      if (!change || typeof change.text !== 'string' || (change.range !== undefined && !(isPosition(change.range?.start) && isPosition(change.range?.end)))) {
        malformed('textDocument/didChange');
        return false;
      }
    }
    const current = documents.get(td.uri);
    if (current && td.version <= current.version) {
      // LSP versions only grow: an older (or repeated) version is a reordered or replayed message. Applying it would
      // put the text and the diagnostics back in time.
      if (!staleWarned.has(td.uri)) {
        staleWarned.add(td.uri);
        log.warn(`ignored out-of-order changes to ${td.uri} (version ${td.version} after ${current.version}); further ones for this document are ignored silently`);
      }
      return false;
    }
    return true;
  }

  /**
   * Applies a didChange one change at a time (as TextDocuments would, in order), noting each change's offsets in the
   * text it applies to for the service (`pendingChanges`).
   */
  function applyChanges(p: DidChangeTextDocumentParams, handler: (p: DidChangeTextDocumentParams) => void): void {
    const uri = p.textDocument.uri;
    if (!documents.get(uri) || p.contentChanges.length === 0) return handler(p);
    for (const c of p.contentChanges) {
      const doc = documents.get(uri)!;
      let list = pendingChanges.get(uri);
      if ('range' in c && c.range && list && list.length < MAX_PENDING_CHANGES) list.push({ start: doc.offsetAt(c.range.start), end: doc.offsetAt(c.range.end), text: c.text });
      else if (list) pendingChanges.set(uri, (list = undefined));
      handler({ textDocument: p.textDocument, contentChanges: [c] });
    }
  }

  function acceptClose(p: DidCloseTextDocumentParams): boolean {
    if (typeof p?.textDocument?.uri === 'string') return true;
    malformed('textDocument/didClose');
    return false;
  }

  const syncConnection: Parameters<typeof documents.listen>[0] = {
    onDidOpenTextDocument: (handler) =>
      connection.onDidOpenTextDocument(
        guarded('textDocument/didOpen', (p) => {
          if (acceptOpen(p)) {
            pendingChanges.set(p.textDocument.uri, undefined); // the service may hold the file's text from the disk
            handler(p);
          } else malformed('textDocument/didOpen');
        }),
      ),
    onDidChangeTextDocument: (handler) =>
      connection.onDidChangeTextDocument(
        guarded('textDocument/didChange', (p) => {
          const uri = changedUri(p);
          const queued = uri === undefined ? 0 : (queuedChanges.get(uri) ?? 0);
          if (queued > 1) queuedChanges.set(uri!, queued - 1);
          else if (uri !== undefined) queuedChanges.delete(uri);
          return acceptChange(p) ? applyChanges(p, handler) : undefined;
        }),
      ),
    onDidCloseTextDocument: (handler) => connection.onDidCloseTextDocument(guarded('textDocument/didClose', (p) => (acceptClose(p) ? handler(p) : undefined))),
    onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(guarded('textDocument/willSave', handler)),
    onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
    onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(guarded('textDocument/didSave', handler)),
  };

  function isInWorkspace(file: string): boolean {
    return workspaceRoots.some((root) => isUnder(file, root));
  }

  async function reloadFromDisk(file: string): Promise<void> {
    if (openDocumentFor(file)) return;
    const read = await host.readConfig(file, service.settings);
    if (openDocumentFor(file)) return; // opened while we were reading
    const uri = file;
    if (!read.ok && !read.skip) {
      if (service.getDocument(uri)) schedulePublish(removeDocument(uri));
      return;
    }
    schedulePublish(read.ok ? setDocument(uri, read.text) : setDocument(uri, '', undefined, read.skip));
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Settings: the editor's `netcfg.*` settings (workspace/configuration).

  function effectiveSettings(): ServiceSettings {
    return { ...fromEditorSettings(editorSettings, DEFAULT_SETTINGS), baseline: baselineFingerprints };
  }

  // Baselines: `.netcfg-baseline.json` in each workspace root (where the CLI writes it, next to the root's netcfg.yaml).
  let baselineFingerprints: Set<string> | undefined;
  let weakCryptoWarned = false;

  async function loadBaselines(): Promise<void> {
    const fps = new Set<string>();
    for (const root of workspaceRoots) {
      const file = childUri(root, BASELINE_FILE_NAME);
      const text = await host.readText(file);
      if (text === undefined) continue;
      const b = parseBaseline(text);
      if (typeof b === 'string') log.warn(`${file} is ${b}: not used`);
      else for (const fp of baselineFingerprintsOf(b)) fps.add(fp);
    }
    baselineFingerprints = fps.size ? fps : undefined;
  }

  function applySettings(): void {
    if (!weakCryptoWarned && editorSettings?.weakCrypto !== undefined && editorSettings.weakCrypto !== 'warning') {
      weakCryptoWarned = true;
      log.warn('netcfg.weakCrypto is deprecated: use "netcfg.rules": { "ipsec/weak-crypto": "…" }');
    }
    const next = effectiveSettings();
    if (!settingsDiffer(service.settings, next)) return;
    service.updateSettings(next);
    const s = service.settings;
    log.info(
      `settings: rules=${JSON.stringify(s.rules ?? {})} baseline=${s.baseline?.size ?? 0} routerosVersion=${s.routerosVersion ?? 'auto'} openbsdVersion=${s.openbsdVersion ?? 'default'} birdVersion=${s.birdVersion ?? 'default'} swanFlavour=${s.swanFlavour ?? 'auto'} ` +
        `defaultDialect=${s.dialect ?? 'none'} maxFileSize=${s.maxFileSize} reportUnknownCommands=${s.reportUnknownCommands ?? false}`,
    );
    schedulePublish(known);
  }

  /** `netcfg.inlayHints.defaults` (on unless set to false): a display setting, read per request, not a service setting. */
  function inlayDefaultsOn(): boolean {
    return (editorSettings as { inlayHints?: { defaults?: unknown } } | undefined)?.inlayHints?.defaults !== false;
  }

  async function pullSettings(): Promise<void> {
    if (!hasConfigurationCapability) return;
    try {
      editorSettings = (await connection.workspace.getConfiguration({ section: 'netcfg' })) as EditorSettings | undefined;
    } catch (err) {
      log.error(`reading settings failed: ${describeError(err)}`);
    }
  }

  connection.onDidChangeConfiguration(
    guarded('workspace/didChangeConfiguration', async (change) => {
      if (hasConfigurationCapability) await pullSettings();
      else editorSettings = (change?.settings as { netcfg?: EditorSettings } | undefined)?.netcfg;
      applySettings();
      // Inlay hints are pulled: ask the client to pull them again (netcfg.inlayHints.defaults may have changed).
      if (inlayRefresh) void connection.languages.inlayHint.refresh().catch(() => undefined);
    }),
  );

  // ---------------------------------------------------------------------------------------------------------------
  // Workspace indexing: every config under each workspace folder, read through the host without blocking requests.

  async function indexFolders(roots: string[]): Promise<void> {
    if (roots.length === 0) return;
    let progress: WorkDoneProgressServerReporter | undefined;
    try {
      progress = await connection.window.createWorkDoneProgress();
      progress.begin('netcfg: indexing configs', undefined, roots.map(uriBaseName).join(', '), false);
    } catch {
      progress = undefined;
    }
    const started = Date.now();
    let count = 0;
    let workers = 0;
    const affected = new Set<string>();
    const counted = () => {
      count++;
      if (count % 25 === 0) progress?.report(`${count} files`);
    };
    /** Reads one file on this thread and hands it to the service (the web worker's way, and the pool's fallback). */
    const readHere = async (uri: string) => {
      if (openDocumentFor(uri)) return;
      // Regular files only, a bounded read (over the size cap: not read, skipped with a note), binary: skipped.
      const read = await host.readConfig(uri, service.settings);
      if ((!read.ok && !read.skip) || openDocumentFor(uri)) return;
      for (const u of read.ok ? setDocument(uri, read.text) : setDocument(uri, '', undefined, read.skip)) affected.add(u);
      counted();
      // Let queued requests (hover, completion in an open file) run between files.
      await host.nextTurn();
    };
    try {
      const found: HostFile[] = [];
      for (const root of roots) {
        const onProblem = (where: string, reason: string) => log.info(`indexing: skipped ${where}: ${reason}`);
        for await (const cand of host.listConfigFiles(root, { maxFileSize: service.settings.maxFileSize, isCancelled: () => shuttingDown, onProblem })) found.push(cand);
      }
      const configs = found.filter((f) => !isProjectFileName(uriBaseName(f.uri)) && !openDocumentFor(f.uri));
      let bytes = 0;
      for (const f of configs) bytes += f.size;
      const jobs = host.indexer ? (indexingJobs(editorSettings) ?? host.indexer.defaultJobs()) : 1;
      workers = host.indexer && jobs > 1 ? host.indexer.workers(jobs, configs.length, bytes) : 0;
      if (workers === 0) for (const f of found) await readHere(f.uri);
      else {
        // netcfg.yaml files first, on this thread: their overrides and policies go to the workers with them.
        for (const f of found) if (isProjectFileName(uriBaseName(f.uri))) await readHere(f.uri);
        await indexOnWorkers(configs, workers, affected, counted, readHere);
      }
      applySettings();
      log.info(`indexed ${count} config files in ${Date.now() - started} ms (${workers ? `${workers} worker threads` : 'in-process'})`);
      schedulePublish(affected);
    } catch (err) {
      log.error(`indexing failed: ${describeError(err)}`);
    } finally {
      progress?.done();
    }
  }

  /**
   * Closed config files read, parsed, lowered and device-checked on `workers` threads (host.indexer), entering the
   * service as models (`setIndexed`: their trees and Setters are made again on first need) in file order. A result
   * is dropped when its file got newer text meanwhile (`inFlight`), and lowered here from its text when the settings
   * or the netcfg.yaml files changed since the workers started; a file a worker could not answer is read here.
   */
  async function indexOnWorkers(files: HostFile[], workers: number, affected: Set<string>, counted: () => void, readHere: (uri: string) => Promise<void>): Promise<void> {
    const settings = service.settings;
    const epoch = projectsEpoch;
    const projects: WorkerInit['projects'] = [];
    for (const uri of known) {
      const doc = isProjectFileName(uriBaseName(uri)) ? service.getDocument(uri) : undefined;
      if (doc) projects.push({ uri, text: doc.text, skip: doc.hostSkip });
    }
    const tokens = files.map((f) => {
      inFlight.set(f.uri, ++flightToken);
      return flightToken;
    });
    const redo: string[] = [];
    const init: WorkerInit = { settings, maxFileSize: settings.maxFileSize, projects, whole: true };
    await host.indexer!.lower(files, workers, init, (i, r) => {
      const uri = files[i].uri;
      if (inFlight.get(uri) !== tokens[i]) return;
      inFlight.delete(uri);
      if (openDocumentFor(uri) || r.kind === 'unreadable') return;
      if (r.kind === 'inprocess') {
        redo.push(uri);
        return;
      }
      known.add(uri);
      let changed: Set<string>;
      if (r.kind === 'text') changed = r.skip ? service.setDocument(uri, '', ++serviceVersion, undefined, r.skip) : service.setDocument(uri, r.text, ++serviceVersion);
      else if (service.settings !== settings || projectsEpoch !== epoch) changed = service.setDocument(uri, r.text, ++serviceVersion);
      else changed = service.setIndexed(uri, r.text, ++serviceVersion, r.precomputed);
      for (const u of changed) affected.add(u);
      counted();
    });
    for (const uri of redo) await readHere(uri);
  }

  connection.onDidChangeWatchedFiles(
    guarded('workspace/didChangeWatchedFiles', async (params) => {
      for (const change of Array.isArray(params?.changes) ? params.changes : []) {
        try {
          await watchedFileChanged(change);
        } catch (err) {
          logOnce(`file watch failed: ${describeError(err)}`);
        }
      }
    }),
  );

  async function watchedFileChanged(change: { uri: string; type: number }): Promise<void> {
    const file = diskUriOf(change?.uri);
    if (!file) return;
    if (uriBaseName(file) === BASELINE_FILE_NAME) {
      await loadBaselines();
      applySettings();
      return;
    }
    if (openDocumentFor(file)) return; // the editor's text wins over the disk
    const uri = file;
    if (change.type === FileChangeType.Deleted) {
      if (service.getDocument(uri)) schedulePublish(removeDocument(uri));
      else {
        // A deleted folder: forget everything below it.
        const prefix = uri.endsWith('/') ? uri : `${uri}/`;
        for (const u of [...known]) if (u.startsWith(prefix)) schedulePublish(removeDocument(u));
      }
      return;
    }
    const stat = await host.stat(file);
    if (!stat) return;
    // A folder created or moved in: watchers may report only the folder, so index what is inside it.
    if (stat.kind === 'directory') {
      if (change.type === FileChangeType.Created && isInWorkspace(file)) await indexFolders([file]);
      return;
    }
    const name = uriBaseName(file);
    if (!candidateKind(name)) return;
    const size = stat.size;
    if (!hasDialectName(name) && size > service.settings.maxFileSize) return;
    await reloadFromDisk(file);
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Lifecycle

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    hasConfigurationCapability = !!caps.workspace?.configuration;
    hasWorkspaceFoldersCapability = !!caps.workspace?.workspaceFolders;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceRoots = folders.map(diskUriOf).filter((p): p is string => !!p);
    const init = params.initializationOptions as { settings?: EditorSettings; clientWatchesFiles?: boolean } | undefined;
    if (init?.settings) editorSettings = init.settings;
    registerWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration && !init?.clientWatchesFiles;
    inlayRefresh = !!caps.workspace?.inlayHint?.refreshSupport;
    lensRefresh = !!caps.workspace?.codeLens?.refreshSupport;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: [' '], resolveProvider: false },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        workspaceSymbolProvider: true,
        documentLinkProvider: { resolveProvider: false },
        inlayHintProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [OPEN_PEER_COMMAND] },
        renameProvider: caps.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        codeLensProvider: { resolveProvider: false },
        semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: { delta: true }, range: true },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'netcfg', version: pkg.version },
    };
  });

  connection.onInitialized(
    guarded('initialized', async () => {
      if (hasConfigurationCapability) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'netcfg' }).catch(() => undefined);
        await pullSettings();
      }
      await loadBaselines();
      if (registerWatchers) {
        const watchers = [{ globPattern: CONFIG_GLOB }, { globPattern: '**/netcfg.{yaml,yml}' }, { globPattern: `**/${BASELINE_FILE_NAME}` }];
        void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
      }
      applySettings();
      background('indexing', indexFolders(workspaceRoots));
      // The library refuses the registration (throws) for a client that does not send folder changes.
      if (!hasWorkspaceFoldersCapability) return;
      connection.workspace.onDidChangeWorkspaceFolders(
        guarded('workspace/didChangeWorkspaceFolders', (e) => {
          const removed = e.removed.map((f) => diskUriOf(f.uri)).filter((p): p is string => !!p);
          const added = e.added.map((f) => diskUriOf(f.uri)).filter((p): p is string => !!p);
          workspaceRoots = [...workspaceRoots.filter((r) => !removed.includes(r)), ...added];
          for (const root of removed) {
            const prefix = root.replace(/\/?$/, '/');
            for (const u of [...known]) if (u.startsWith(prefix) && !documents.get(u)) schedulePublish(removeDocument(u));
          }
          applySettings();
          background('baselines', loadBaselines().then(applySettings));
          background('indexing', indexFolders(added));
        }),
      );
    }),
  );

  connection.onShutdown(() => {
    shuttingDown = true;
    if (editTimer) clearTimeout(editTimer);
  });

  // ---------------------------------------------------------------------------------------------------------------
  // Requests: every handler first applies pending edits (so it answers for the text the client sent), then runs
  // guarded by runSafe. Requests about one document skip the work when it would be thrown away: a request the
  // client cancelled, or one whose document has a newer change already read behind it (the client moved on; its
  // answer would be for a text that no longer exists, and computing it would analyse every intermediate version of
  // a burst). Both are answered RequestCancelled; the request after the last change of a burst is answered for it.

  function handle<T>(label: string, fallback: T, fn: () => T): T {
    return runSafe(log.error, label, fallback, () => {
      flushEdits();
      return fn();
    });
  }

  /** RequestCancelled (-32800), the answer to a request whose work is skipped. */
  function cancelled(reason: string): ResponseError<void> {
    return new ResponseError(LSPErrorCodes.RequestCancelled, reason);
  }

  /** A request about document `uri`: skipped when cancelled or superseded by a queued change, else `handle`d. */
  function request<T>(label: string, uri: unknown, token: CancellationToken, fallback: T, fn: () => T): T | ResponseError<void> {
    if (token.isCancellationRequested) return cancelled('request cancelled');
    if (typeof uri === 'string' && (queuedChanges.get(uri) ?? 0) > 0) return cancelled('superseded by a newer change of the document');
    return handle(label, fallback, fn);
  }

  connection.onHover((p, token) => request('hover', p?.textDocument?.uri, token, null, () => getHover(service, p.textDocument.uri, p.position)));
  connection.onCompletion((p, token) => request('completion', p?.textDocument?.uri, token, [], () => getCompletions(service, p.textDocument.uri, p.position)));
  connection.onDocumentSymbol((p, token) => request('documentSymbol', p?.textDocument?.uri, token, [], () => getDocumentSymbols(service, p.textDocument.uri)));
  connection.onFoldingRanges((p, token) => request('foldingRange', p?.textDocument?.uri, token, [], () => getFoldingRanges(service, p.textDocument.uri)));
  connection.onDefinition((p, token) => request('definition', p?.textDocument?.uri, token, [], () => getDefinition(service, p.textDocument.uri, p.position)));
  connection.onReferences((p, token) => request('references', p?.textDocument?.uri, token, [], () => getReferences(service, p.textDocument.uri, p.position, p.context.includeDeclaration)));
  connection.onPrepareRename((p, token) => request('prepareRename', p?.textDocument?.uri, token, null, () => prepareRename(service, p.textDocument.uri, p.position)));
  connection.onRenameRequest((p, token) => request('rename', p?.textDocument?.uri, token, null, () => getRename(service, p.textDocument.uri, p.position, p.newName, editTargets)));
  connection.onWorkspaceSymbol((p, token) => (token.isCancellationRequested ? cancelled('request cancelled') : handle('workspaceSymbol', [], () => getWorkspaceSymbols(service, p.query))));
  connection.onDocumentLinks((p, token) => request('documentLink', p?.textDocument?.uri, token, [], () => getDocumentLinks(service, p.textDocument.uri)));
  connection.languages.inlayHint.on((p, token) => request('inlayHint', p?.textDocument?.uri, token, [], () => (inlayDefaultsOn() ? getInlayHints(service, p.textDocument.uri, p.range) : [])));
  // A peer lens (`↔ hub1: ok · hub2: 2 problems`) opens the peer's end: the client shows the document at the range.
  connection.onExecuteCommand((p) =>
    handle('executeCommand', undefined, () => {
      const [uri, range] = (p.arguments ?? []) as [unknown, Range | undefined];
      if (p.command !== OPEN_PEER_COMMAND || typeof uri !== 'string') return;
      void connection.window.showDocument({ uri, selection: range, takeFocus: true }).catch(() => undefined);
    }),
  );
  connection.onCodeLens((p, token) => request('codeLens', p?.textDocument?.uri, token, [], () => getCodeLenses(service, p.textDocument.uri)));
  connection.languages.semanticTokens.on((p, token) => request('semanticTokens', p?.textDocument?.uri, token, { data: [] }, () => getSemanticTokens(service, p.textDocument.uri)));
  connection.languages.semanticTokens.onDelta((p, token) =>
    request('semanticTokens/delta', p?.textDocument?.uri, token, { data: [] }, () => getSemanticTokensDelta(service, p.textDocument.uri, String(p.previousResultId))),
  );
  connection.languages.semanticTokens.onRange((p, token) => request('semanticTokens/range', p?.textDocument?.uri, token, { data: [] }, () => getSemanticTokensRange(service, p.textDocument.uri, p.range)));
  connection.onCodeAction((p, token) => (token.isCancellationRequested ? cancelled('request cancelled') : codeActions(p, token.isCancellationRequested)));

  function codeActionsNow(p: CodeActionParams): CodeAction[] {
    return handle('codeAction', [], () => {
      // Some clients send the version they are looking at; honour it when present.
      const version = (p.textDocument as { version?: number }).version;
      const open = documents.get(p.textDocument.uri);
      if (typeof version === 'number' && open && version !== open.version) return [];
      return getCodeActions(service, { uri: p.textDocument.uri, range: p.range, diagnostics: p.context.diagnostics }, editTargets);
    });
  }

  /**
   * Quick fixes. An edit of a file that is not open carries version null (the client edits the file as it is on
   * disk), but its offsets come from the text the service read at indexing time: if the file changed on disk since
   * (no watcher, or its event not handled yet), the edit would land at wrong offsets. So every such file is read again
   * first; a changed one is re-checked and the fixes recomputed against its new text, and a fix is offered only when
   * every closed file it edits holds, in the service, exactly the text just read from disk.
   */
  async function codeActions(p: CodeActionParams, cancelled: boolean): Promise<CodeAction[]> {
    const first = codeActionsNow(p);
    const closed = closedTargets(first);
    if (closed.size === 0 || cancelled) return first;
    const onDisk = new Map<string, string>();
    for (const uri of closed) {
      const text = await runSafeAsync(`re-reading ${uri}`, () => refreshFromDisk(uri));
      if (text !== undefined) onDisk.set(uri, text);
    }
    return codeActionsNow(p).filter((action) => {
      for (const uri of closedTargets([action])) if (onDisk.get(uri) === undefined || service.getDocument(uri)?.text !== onDisk.get(uri)) return false;
      return true;
    });
  }

  /** URIs of the files a set of code actions edits without a version (files that are not open, but not files it creates). */
  function closedTargets(actions: readonly CodeAction[]): Set<string> {
    const res = new Set<string>();
    for (const a of actions) for (const c of (a.edit?.documentChanges ?? []) as TextDocumentEdit[]) if (c.textDocument?.version === null && !createdBy(a, c.textDocument.uri)) res.add(c.textDocument.uri);
    return res;
  }

  /** Whether a code action creates this file (the quick fix "Ignore in netcfg.yaml" when no netcfg.yaml exists). */
  function createdBy(action: CodeAction, uri: string): boolean {
    return (action.edit?.documentChanges ?? []).some((c) => 'kind' in c && c.kind === 'create' && c.uri === uri);
  }

  /**
   * Reads a closed file again and, when its text differs from what the service holds, hands the service the new
   * text (and republishes what it affects). Returns the text read, or undefined when the file cannot be read or is
   * open now (then the editor's version rules).
   */
  async function refreshFromDisk(uri: string): Promise<string | undefined> {
    const file = diskUriOf(uri);
    if (!file || openDocumentFor(file)) return undefined;
    const read = await host.readConfig(file, DEFAULT_SETTINGS);
    if (openDocumentFor(file)) return undefined;
    if (!read.ok) {
      if (service.getDocument(uri)) schedulePublish(removeDocument(uri));
      return undefined;
    }
    if (service.getDocument(uri)?.text !== read.text) {
      log.info(`${uri} changed on disk since it was read: re-checked before offering a fix`);
      schedulePublish(setDocument(uri, read.text));
    }
    return read.text;
  }

  async function runSafeAsync<T>(label: string, fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (err) {
      logOnce(`${label} failed: ${describeError(err)}`);
      return undefined;
    }
  }

  /** Quick fixes and renames pin open documents to the editor's version; closed files are edited as they are on disk. */
  const editTargets = { versionOf: (uri: string): number | null => documents.get(uri)?.version ?? null };

  function emptyCounts(): SeverityCounts {
    return { error: 0, warning: 0, information: 0, hint: 0 };
  }

  connection.onRequest(FILE_STATUS_REQUEST, (params: FileStatusParams): FileStatus => {
    const uri = params.uri;
    return handle<FileStatus>('fileStatus', { dialect: null, device: null, peers: { ok: 0, failing: 0 }, counts: emptyCounts() }, () => {
      const doc = service.getDocument(uri);
      const counts = emptyCounts();
      if (!doc?.dialect) return { dialect: null, device: null, skipReason: doc?.skipReason, peers: { ok: 0, failing: 0 }, counts };
      // What the editor shows: suppressed findings are not counted, baselined ones per netcfg.baseline.show.
      const findings = visibleFindings(service.getFindings(uri), service.settings.baselineShow);
      const failing = new Set<string>();
      for (const f of findings) {
        counts[f.severity]++;
        if (f.severity === 'error' || f.severity === 'warning') for (const r of f.related) if (r.uri !== uri) failing.add(r.uri);
      }
      const partners = service.partners(uri);
      let bad = 0;
      for (const p of partners) {
        if (failing.has(p) || service.getFindings(p).some((f) => (f.severity === 'error' || f.severity === 'warning') && f.related.some((r) => r.uri === uri))) bad++;
      }
      return { dialect: doc.dialect, device: service.getDevice(uri)?.name ?? null, peers: { ok: partners.length - bad, failing: bad }, counts };
    });
  });

  connection.onRequest(CHECK_WORKSPACE_REQUEST, (): WorkspaceCheckResult => {
    return handle<WorkspaceCheckResult>('checkWorkspace', { files: 0, skipped: 0, counts: emptyCounts() }, () => {
      const counts = emptyCounts();
      let files = 0;
      let skipped = 0;
      for (const uri of known) {
        const doc = service.getDocument(uri);
        if (!doc || isProjectFile(uri)) continue;
        if (!doc.dialect) {
          skipped++;
          continue;
        }
        files++;
        for (const f of visibleFindings(service.getFindings(uri), service.settings.baselineShow)) counts[f.severity]++;
      }
      schedulePublish(known);
      return { files, skipped, counts };
    });
  });

  // netcfg/topology: the workspace's devices and links with verdicts, for the topology view (features/topology.ts).
  connection.onRequest(TOPOLOGY_REQUEST, (): Topology => handle<Topology>('topology', { devices: [], links: [] }, () => getTopology(service)));
  // netcfg/unpairedPeers, netcfg/generatePeer: the other end of a tunnel or link, for `netcfg.generatePeer` (issue 19).
  connection.onRequest(UNPAIRED_PEERS_REQUEST, (p: UnpairedPeersParams) => handle('unpairedPeers', [], () => unpairedPeerItems(service, p)));
  connection.onRequest(GENERATE_PEER_REQUEST, (p: GeneratePeerParams): unknown => handle<GeneratePeerResult>('generatePeer', { ok: false, error: 'internal error' } as GeneratePeerResult, () => generatePeerResult(service, p)));

  documents.listen(syncConnection);
  return { isShuttingDown: () => shuttingDown, logOnce };
}
