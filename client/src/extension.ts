// VS Code client, shared by the desktop extension (client/src/node.ts: the server as a Node process over IPC) and
// the web extension (client/src/browser.ts: the server in a web worker, vscode.dev / github.dev): starts the
// language client the host entry makes, restarts the server when it stops (at most 5 times in 3 minutes, then
// asks), forwards file events, and adds the commands and a status bar item. Kept thin on purpose: every language
// feature lives in the server. Imports only vscode, the transport-neutral vscode-languageclient API and the
// shared protocol constants.

import * as vscode from 'vscode';
import { CloseAction, ErrorAction, type BaseLanguageClient, type ErrorHandler, type LanguageClientOptions } from 'vscode-languageclient';
import { CHECK_WORKSPACE_REQUEST, FILE_STATUS_REQUEST, type FileStatus, type WorkspaceCheckResult } from '../../server/src/protocol';
import { RestartBudget } from './restart';
import { TopologyPanel } from './topology';
import { registerGeneratePeer } from './generate';
import { languageSwitch } from './language';

const LANGUAGES = ['cisco-ios', 'cisco-asa', 'routeros', 'openbsd-ipsec', 'bird', 'strongswan', 'swanctl'];
/** Generic config names the server detects by content (kept in step with server/src/host/scan.ts). */
const GENERIC_PATTERN = '**/*.{cfg,conf,txt,config,rtr}';
const CONFIG_GLOB = '**/*.{ios,cisco,asa,rsc,bird,conf,cfg,txt,config,rtr}';

type DocumentFilter = { scheme: string; language?: string; pattern?: string };

/** The documents the server checks: our languages and the generic config names, in the host's file schemes. */
function selectorFor(schemes: readonly string[]): DocumentFilter[] {
  return [
    ...LANGUAGES.flatMap((language) => [...schemes.map((scheme) => ({ scheme, language })), { scheme: 'untitled', language }]),
    ...schemes.map((scheme) => ({ scheme, pattern: GENERIC_PATTERN })),
    ...schemes.map((scheme) => ({ scheme, pattern: '**/netcfg.{yaml,yml}' })),
  ];
}

let SELECTOR: DocumentFilter[] = selectorFor(['file']);

let client: BaseLanguageClient | undefined;
let statusItem: vscode.StatusBarItem | undefined;
let statusTimer: ReturnType<typeof setTimeout> | undefined;
/** Documents whose language the client switched to the dialect the server found (once each, see ./language.ts). */
const languageSwitched = new Set<string>();

/** What a host entry point (node.ts, browser.ts) gives the shared client. */
export interface ClientHost {
  /** URI schemes of the workspace's files: `file` on the desktop; in the browser, those of the workspace folders. */
  schemes: readonly string[];
  /** Makes the language client with these options (the server process or worker is the host's business). */
  createClient(options: LanguageClientOptions): BaseLanguageClient;
  /** Called with the client before it starts (the browser host answers the worker's file requests). */
  prepare?(client: BaseLanguageClient, context: vscode.ExtensionContext): void;
}

export async function activateClient(context: vscode.ExtensionContext, host: ClientHost): Promise<void> {
  const output = vscode.window.createOutputChannel('netcfg', { log: true });
  context.subscriptions.push(output);
  SELECTOR = selectorFor(host.schemes);
  const budget = new RestartBudget(5, 3 * 60 * 1000);
  const errorHandler: ErrorHandler = {
    // A few write/read errors in a row may pass; more mean the connection is gone.
    error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      if (budget.stopped()) {
        output.warn('the netcfg server stopped unexpectedly; restarting it');
        return { action: CloseAction.Restart, handled: true };
      }
      const message = `netcfg: the language server stopped ${budget.max + 1} times within 3 minutes and was not restarted. The netcfg output has the reason.`;
      output.error(message);
      void vscode.window.showErrorMessage(message, 'Restart', 'Show Output').then(async (choice) => {
        if (choice === 'Show Output') output.show();
        if (choice !== 'Restart') return;
        budget.reset();
        await client?.start();
        scheduleStatus();
      });
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: SELECTOR,
    errorHandler,
    synchronize: {
      fileEvents: [vscode.workspace.createFileSystemWatcher('**/netcfg.{yaml,yml}'), vscode.workspace.createFileSystemWatcher(CONFIG_GLOB), vscode.workspace.createFileSystemWatcher('**/.netcfg-baseline.json')],
    },
    outputChannel: output,
    // The client forwards file events itself (synchronize.fileEvents): the server must not register watchers too.
    initializationOptions: { clientWatchesFiles: true },
  };
  client = host.createClient(clientOptions);
  host.prepare?.(client, context);

  statusItem = vscode.window.createStatusBarItem('netcfg.status', vscode.StatusBarAlignment.Right, 100);
  statusItem.name = 'netcfg';
  statusItem.command = 'netcfg.statusMenu';
  context.subscriptions.push(statusItem);

  context.subscriptions.push(
    vscode.commands.registerCommand('netcfg.checkWorkspace', async () => {
      if (!client?.isRunning()) return;
      const res = await client.sendRequest<WorkspaceCheckResult>(CHECK_WORKSPACE_REQUEST);
      const c = res.counts;
      const skipped = res.skipped ? `, ${res.skipped} skipped` : '';
      void vscode.window.showInformationMessage(
        `netcfg: ${res.files} files checked${skipped}: ${c.error} errors, ${c.warning} warnings, ${c.information} information, ${c.hint} hints.`,
      );
    }),
    vscode.commands.registerCommand('netcfg.restartServer', async () => {
      output.info('restarting the netcfg server');
      budget.reset();
      if (client?.isRunning()) await client.stop();
      await client?.start();
      scheduleStatus();
    }),
    // The quick fix "Show documentation for CODE" (server/src/features/suppressions.ts): arguments [code, url].
    vscode.commands.registerCommand('netcfg.showDocumentation', async (_code: unknown, url: unknown) => {
      if (typeof url === 'string' && /^https:\/\//.test(url)) await vscode.env.openExternal(vscode.Uri.parse(url));
    }),
    // The status bar item's menu: the workspace check, the topology view and a restart, in one click.
    vscode.commands.registerCommand('netcfg.statusMenu', async () => {
      const items: (vscode.QuickPickItem & { command: string })[] = [
        { label: '$(type-hierarchy) Show Topology', description: 'devices and links, coloured by verdict', command: 'netcfg.showTopology' },
        { label: '$(checklist) Check Workspace', description: 'count the findings of every config', command: 'netcfg.checkWorkspace' },
        { label: '$(debug-restart) Restart Language Server', command: 'netcfg.restartServer' },
      ];
      const pick = await vscode.window.showQuickPick(items, { placeHolder: 'netcfg' });
      if (pick) await vscode.commands.executeCommand(pick.command);
    }),
    vscode.commands.registerCommand('netcfg.showTopology', () => TopologyPanel.show(context, () => client, output)),
    vscode.window.onDidChangeActiveTextEditor(() => scheduleStatus()),
    vscode.languages.onDidChangeDiagnostics(() => scheduleStatus()),
  );

  registerGeneratePeer(context, () => client);

  await client.start();
  scheduleStatus();
}

function scheduleStatus(): void {
  if (statusTimer) clearTimeout(statusTimer);
  statusTimer = setTimeout(() => void updateStatus(), 150);
}

/** Dialect, device and peer health of the active file, from `netcfg/fileStatus`. */
async function updateStatus(): Promise<void> {
  const item = statusItem;
  const editor = vscode.window.activeTextEditor;
  if (!item || !client?.isRunning() || !editor || !vscode.languages.match(SELECTOR, editor.document) || /netcfg\.ya?ml$/i.test(editor.document.fileName)) {
    item?.hide();
    return;
  }
  try {
    const s = await client.sendRequest<FileStatus>(FILE_STATUS_REQUEST, { uri: editor.document.uri.toString() });
    // A strongSwan/Libreswan ipsec.conf opened as OpenBSD's language (same file name), or the reverse: switch.
    const uri = editor.document.uri.toString();
    const target = languageSwitch(editor.document.languageId, s.dialect, uri, languageSwitched);
    if (target) {
      languageSwitched.add(uri);
      await vscode.languages.setTextDocumentLanguage(editor.document, target);
    }
    if (!s.dialect) {
      item.text = '$(circle-slash) netcfg: not checked';
      item.tooltip = s.skipReason ? `netcfg skipped this file: ${s.skipReason}` : 'netcfg does not check this file';
    } else {
      const peers = s.peers.ok + s.peers.failing;
      const peerText = peers === 0 ? '' : s.peers.failing ? ` · peers ${s.peers.ok} ✓ ${s.peers.failing} ✗` : ` · peers ${s.peers.ok} ✓`;
      item.text = `${s.peers.failing || s.counts.error ? '$(warning)' : '$(check)'} ${s.dialect} · ${s.device ?? '?'}${peerText}`;
      item.tooltip = `netcfg: ${s.counts.error} errors, ${s.counts.warning} warnings in this file; ${peers} paired devices. Click for the topology, a workspace check or a restart.`;
    }
    item.show();
  } catch {
    item.hide();
  }
}

export async function deactivate(): Promise<void> {
  if (statusTimer) clearTimeout(statusTimer);
  await client?.stop();
  client = undefined;
}
