// LSP entry point (`node server/out/server.js --stdio`, or IPC from the VS Code client): connection, document
// sync, workspace indexing, file watching, settings and debounced diagnostics. Handler wiring only: every feature
// is a pure function in features/, every file-system helper is in host/. The only module importing the connection.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeParams,
  type InitializeResult,
  type WorkDoneProgressServerReporter,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import pkg from '../../package.json';
import { getCodeActions } from './features/codeActions';
import { getCodeLenses } from './features/codeLens';
import { getCompletions } from './features/completion';
import { getDiagnostics } from './features/diagnostics';
import { getFoldingRanges } from './features/folding';
import { getHover } from './features/hover';
import { getDefinition, getReferences, getRename, prepareRename } from './features/navigation';
import { describeError, runSafe } from './features/runSafe';
import { getSemanticTokens, SEMANTIC_TOKENS_LEGEND } from './features/semanticTokens';
import { getDocumentSymbols } from './features/symbols';
import { isProjectFileName, isProjectNoise } from './host/project';
import { candidateKind, CONFIG_GLOB, hasDialectName, readConfigFile, scanDirectory, type ScanProblem } from './host/scan';
import { fromEditorSettings, settingsDiffer, type EditorSettings } from './host/settings';
import * as model from './model';
import {
  CHECK_WORKSPACE_REQUEST,
  FILE_STATUS_REQUEST,
  type FileStatus,
  type FileStatusParams,
  type SeverityCounts,
  type WorkspaceCheckResult,
} from './protocol';
import { createLanguageService, DEFAULT_SETTINGS, setInternalErrorHandler, type HostSkip, type ServiceSettings } from './service';

/** Edits are applied to the service and diagnostics recomputed this long after the last keystroke. */
const DEBOUNCE_MS = 30;
/** Diagnostics publishing yields to the request queue after this much work. */
const SLICE_MS = 10;

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const service = createLanguageService();

const log = {
  info: (m: string) => connection.console.info(m),
  error: (m: string) => connection.console.error(m),
};
setInternalErrorHandler((err) => log.error(`check failed: ${describeError(err)}`));

// ---------------------------------------------------------------------------------------------------------------
// State

let workspaceRoots: string[] = [];
let hasConfigurationCapability = false;
/** The client can watch files for us and does not already do so itself (editors other than VS Code). */
let registerWatchers = false;
let editorSettings: EditorSettings | undefined;
let shuttingDown = false;
/**
 * Service versions are one global counter, not editor versions: a file closed and reopened starts again at
 * editor version 1, and disk reads have no version at all, but the service caches findings by version.
 */
let serviceVersion = 0;
/** Every URI handed to the service (checked or skipped), for workspace counts and settings re-publishes. */
const known = new Set<string>();

/** URI under which a file read from disk is known (the editor may spell the same file differently). */
function diskUri(file: string): string {
  return pathToFileURL(file).href;
}

function filePathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** The editor's open document for a file, whichever way its URI is spelled. */
function openDocumentFor(file: string): TextDocument | undefined {
  const direct = documents.get(diskUri(file));
  if (direct) return direct;
  for (const doc of documents.all()) if (filePathOf(doc.uri) === file) return doc;
  return undefined;
}

function isProjectFile(uri: string): boolean {
  const file = filePathOf(uri);
  return !!file && isProjectFileName(file);
}

/** Editor language ids that are ours force the dialect; any other (plaintext, …) lets the service detect. */
function dialectOverride(languageId: string): string | undefined {
  return model.DIALECT_IDS.includes(languageId as model.DialectId) ? languageId : undefined;
}

function setDocument(uri: string, text: string, languageId?: string, skip?: HostSkip): Set<string> {
  known.add(uri);
  return service.setDocument(uri, text, ++serviceVersion, languageId, skip);
}

function removeDocument(uri: string): Set<string> {
  known.delete(uri);
  return service.removeDocument(uri);
}

// ---------------------------------------------------------------------------------------------------------------
// Edits and diagnostics: edits are coalesced for DEBOUNCE_MS, then applied; diagnostics are published for the
// affected URIs only, open documents first, in slices. A newer edit supersedes a publish run in progress.

const dirty = new Set<string>();
const toPublish = new Set<string>();
let editTimer: NodeJS.Timeout | undefined;
let epoch = 0;
let publishRunning = false;
let rerun = false;

function onEdit(uri: string): void {
  dirty.add(uri);
  epoch++;
  if (editTimer) clearTimeout(editTimer);
  editTimer = setTimeout(() => {
    editTimer = undefined;
    flushEdits();
    kickPublish();
  }, DEBOUNCE_MS);
}

/** Applies pending editor changes to the service. Called by the timer and before every request, so requests see the latest text. */
function flushEdits(): void {
  if (dirty.size === 0) return;
  const uris = [...dirty];
  dirty.clear();
  for (const uri of uris) {
    const doc = documents.get(uri);
    if (!doc) continue;
    // The editor may know this file under another spelling than the disk index: keep one copy.
    const file = filePathOf(uri);
    if (file && diskUri(file) !== uri && service.getDocument(diskUri(file))) enqueue(removeDocument(diskUri(file)));
    enqueue(setDocument(uri, doc.getText(), dialectOverride(doc.languageId)));
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
  void publishLoop();
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
            await new Promise((r) => setImmediate(r));
            sliceStart = Date.now();
          }
        }
      }
    } while (rerun);
  } finally {
    publishRunning = false;
  }
}

function publish(uri: string): void {
  if (uri.includes('#')) return; // an external peer of netcfg.yaml: its findings live in the yaml document
  const open = documents.get(uri);
  const state = service.getDocument(uri);
  // A closed file netcfg does not check gets no "unknown dialect" note: only the file the user opened does.
  // netcfg.yaml is handed to the service like a config; its generic "unknown dialect" note is never shown.
  const diagnostics =
    !state || (!open && !state.dialect && !isProjectFile(uri))
      ? []
      : runSafe(log.error, `diagnostics of ${uri}`, [], () => getDiagnostics(service, uri)).filter((d) => !isProjectNoise(uri, String(d.code)));
  void connection.sendDiagnostics({ uri, version: open?.version, diagnostics });
}

documents.onDidChangeContent((e) => onEdit(e.document.uri));

documents.onDidClose((e) => {
  const uri = e.document.uri;
  dirty.delete(uri);
  const file = filePathOf(uri);
  schedulePublish(removeDocument(uri));
  // A workspace file goes back to its saved content: peers are checked against what is on disk.
  if (file && isInWorkspace(file) && candidateKind(file)) void reloadFromDisk(file);
});

function isInWorkspace(file: string): boolean {
  return workspaceRoots.some((root) => file === root || file.startsWith(root.endsWith(path.sep) ? root : root + path.sep));
}

async function reloadFromDisk(file: string): Promise<void> {
  if (openDocumentFor(file)) return;
  const read = await readConfigFile(file, service.settings);
  if (openDocumentFor(file)) return; // opened while we were reading
  const uri = diskUri(file);
  if (!read.ok && !read.skip) {
    if (service.getDocument(uri)) schedulePublish(removeDocument(uri));
    return;
  }
  schedulePublish(read.ok ? setDocument(uri, read.text) : setDocument(uri, '', undefined, read.skip));
}

// ---------------------------------------------------------------------------------------------------------------
// Settings: the editor's `netcfg.*` settings (workspace/configuration).

function effectiveSettings(): ServiceSettings {
  return fromEditorSettings(editorSettings, DEFAULT_SETTINGS);
}

function applySettings(): void {
  const next = effectiveSettings();
  if (!settingsDiffer(service.settings, next)) return;
  service.updateSettings(next);
  const s = service.settings;
  log.info(
    `settings: weakCrypto=${s.weakCrypto} routerosVersion=${s.routerosVersion ?? 'auto'} openbsdVersion=${s.openbsdVersion ?? 'default'} birdVersion=${s.birdVersion ?? 'default'} ` +
      `defaultDialect=${s.dialect ?? 'none'} maxFileSize=${s.maxFileSize} reportUnknownCommands=${s.reportUnknownCommands ?? false}`,
  );
  schedulePublish(known);
}

async function pullSettings(): Promise<void> {
  if (!hasConfigurationCapability) return;
  try {
    editorSettings = (await connection.workspace.getConfiguration({ section: 'netcfg' })) as EditorSettings | undefined;
  } catch (err) {
    log.error(`reading settings failed: ${describeError(err)}`);
  }
}

connection.onDidChangeConfiguration(async (change) => {
  if (hasConfigurationCapability) await pullSettings();
  else editorSettings = (change.settings as { netcfg?: EditorSettings } | undefined)?.netcfg;
  applySettings();
});

// ---------------------------------------------------------------------------------------------------------------
// Workspace indexing: every config under each workspace folder, read from disk without blocking requests.

async function indexFolders(roots: string[]): Promise<void> {
  if (roots.length === 0) return;
  let progress: WorkDoneProgressServerReporter | undefined;
  try {
    progress = await connection.window.createWorkDoneProgress();
    progress.begin('netcfg: indexing configs', undefined, roots.map((r) => path.basename(r)).join(', '), false);
  } catch {
    progress = undefined;
  }
  const started = Date.now();
  let count = 0;
  const affected = new Set<string>();
  try {
    for (const root of roots) {
      const onProblem = (p: ScanProblem) => log.info(`indexing: skipped ${p.path}: ${p.reason}`);
      for await (const cand of scanDirectory(root, { maxFileSize: service.settings.maxFileSize, isCancelled: () => shuttingDown, onProblem })) {
        if (openDocumentFor(cand.path)) continue;
        // Regular files only, a bounded read (over the size cap: not read, skipped with a note), binary: skipped.
        const read = await readConfigFile(cand.path, service.settings);
        if ((!read.ok && !read.skip) || openDocumentFor(cand.path)) continue;
        for (const u of read.ok ? setDocument(diskUri(cand.path), read.text) : setDocument(diskUri(cand.path), '', undefined, read.skip)) affected.add(u);
        count++;
        if (count % 25 === 0) progress?.report(`${count} files`);
        // Let queued requests (hover, completion in an open file) run between files.
        await new Promise((r) => setImmediate(r));
      }
    }
    applySettings();
    log.info(`indexed ${count} config files in ${Date.now() - started} ms`);
    schedulePublish(affected);
  } catch (err) {
    log.error(`indexing failed: ${describeError(err)}`);
  } finally {
    progress?.done();
  }
}

connection.onDidChangeWatchedFiles((params) => {
  void (async () => {
    for (const change of params.changes) {
      const file = filePathOf(change.uri);
      if (!file) continue;
      if (openDocumentFor(file)) continue; // the editor's text wins over the disk
      const uri = diskUri(file);
      if (change.type === FileChangeType.Deleted) {
        if (service.getDocument(uri)) schedulePublish(removeDocument(uri));
        else {
          // A deleted folder: forget everything below it.
          const prefix = uri.endsWith('/') ? uri : `${uri}/`;
          for (const u of [...known]) if (u.startsWith(prefix)) schedulePublish(removeDocument(u));
        }
        continue;
      }
      let stat: fs.Stats;
      try {
        stat = await fs.promises.stat(file);
      } catch {
        continue;
      }
      // A folder created or moved in: watchers may report only the folder, so index what is inside it.
      if (stat.isDirectory()) {
        if (change.type === FileChangeType.Created && isInWorkspace(file)) await indexFolders([file]);
        continue;
      }
      if (!candidateKind(file)) continue;
      const size = stat.size;
      if (!hasDialectName(file) && size > service.settings.maxFileSize) continue;
      await reloadFromDisk(file);
    }
  })().catch((err) => log.error(`file watch failed: ${describeError(err)}`));
});

// ---------------------------------------------------------------------------------------------------------------
// Lifecycle

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  hasConfigurationCapability = !!caps.workspace?.configuration;
  const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
  workspaceRoots = folders.map(filePathOf).filter((p): p is string => !!p);
  const init = params.initializationOptions as { settings?: EditorSettings; clientWatchesFiles?: boolean } | undefined;
  if (init?.settings) editorSettings = init.settings;
  registerWatchers = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration && !init?.clientWatchesFiles;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      hoverProvider: true,
      completionProvider: { triggerCharacters: [' '], resolveProvider: false },
      documentSymbolProvider: true,
      foldingRangeProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      renameProvider: caps.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      codeLensProvider: { resolveProvider: false },
      semanticTokensProvider: { legend: SEMANTIC_TOKENS_LEGEND, full: true, range: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'netcfg', version: pkg.version },
  };
});

connection.onInitialized(async () => {
  if (hasConfigurationCapability) {
    void connection.client.register(DidChangeConfigurationNotification.type, { section: 'netcfg' }).catch(() => undefined);
    await pullSettings();
  }
  if (registerWatchers) {
    const watchers = [{ globPattern: CONFIG_GLOB }, { globPattern: '**/netcfg.{yaml,yml}' }];
    void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
  }
  applySettings();
  void indexFolders(workspaceRoots);
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    const removed = e.removed.map((f) => filePathOf(f.uri)).filter((p): p is string => !!p);
    const added = e.added.map((f) => filePathOf(f.uri)).filter((p): p is string => !!p);
    workspaceRoots = [...workspaceRoots.filter((r) => !removed.includes(r)), ...added];
    for (const root of removed) {
      const prefix = diskUri(root).replace(/\/?$/, '/');
      for (const u of [...known]) if (u.startsWith(prefix) && !documents.get(u)) schedulePublish(removeDocument(u));
    }
    applySettings();
    void indexFolders(added);
  });
});

connection.onShutdown(() => {
  shuttingDown = true;
  if (editTimer) clearTimeout(editTimer);
});

// ---------------------------------------------------------------------------------------------------------------
// Requests: every handler first applies pending edits (so it answers for the text the client sent), then runs
// guarded by runSafe.

function handle<T>(label: string, fallback: T, fn: () => T): T {
  flushEdits();
  return runSafe(log.error, label, fallback, fn);
}

connection.onHover((p) => handle('hover', null, () => getHover(service, p.textDocument.uri, p.position)));
connection.onCompletion((p) => handle('completion', [], () => getCompletions(service, p.textDocument.uri, p.position)));
connection.onDocumentSymbol((p) => handle('documentSymbol', [], () => getDocumentSymbols(service, p.textDocument.uri)));
connection.onFoldingRanges((p) => handle('foldingRange', [], () => getFoldingRanges(service, p.textDocument.uri)));
connection.onDefinition((p) => handle('definition', [], () => getDefinition(service, p.textDocument.uri, p.position)));
connection.onReferences((p) => handle('references', [], () => getReferences(service, p.textDocument.uri, p.position, p.context.includeDeclaration)));
connection.onPrepareRename((p) => handle('prepareRename', null, () => prepareRename(service, p.textDocument.uri, p.position)));
connection.onRenameRequest((p) => handle('rename', null, () => getRename(service, p.textDocument.uri, p.position, p.newName, editTargets)));
connection.onCodeLens((p) => handle('codeLens', [], () => getCodeLenses(service, p.textDocument.uri)));
connection.languages.semanticTokens.on((p) => handle('semanticTokens', { data: [] }, () => getSemanticTokens(service, p.textDocument.uri)));
connection.onCodeAction((p) =>
  handle('codeAction', [], () => {
    // Some clients send the version they are looking at; honour it when present.
    const version = (p.textDocument as { version?: number }).version;
    const open = documents.get(p.textDocument.uri);
    if (typeof version === 'number' && open && version !== open.version) return [];
    return getCodeActions(service, { uri: p.textDocument.uri, range: p.range, diagnostics: p.context.diagnostics }, editTargets);
  }),
);

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
    const findings = service.getFindings(uri);
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
      for (const f of service.getFindings(uri)) counts[f.severity]++;
    }
    schedulePublish(known);
    return { files, skipped, counts };
  });
});

documents.listen(connection);
connection.listen();
