// Web entry point of the extension (`browser`, bundled as client/out/browser.js) for vscode.dev, github.dev and
// other VS Code web builds: the language server runs in a web worker (server/out/browser.js, the same session as the
// desktop server) and has no file system, so this client answers its file requests (workspace-fs.ts). Everything
// else is the shared client (extension.ts).

import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import { FS_LIST_REQUEST, FS_READ_REQUEST, FS_STAT_REQUEST, type FsListParams, type FsReadParams, type FsStatParams } from '../../server/src/protocol-fs';
import { activateClient, deactivate as deactivateClient } from './extension';
import { workspaceFsHandlers } from './workspace-fs';

let worker: Worker | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'server/out/browser.js');
  // The schemes of the workspace's files: vscode-vfs (vscode.dev/github.dev), file (a local folder), memfs …
  const schemes = [...new Set([...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme), 'vscode-vfs', 'file'])];
  const handlers = workspaceFsHandlers({
    findFiles: (include, exclude, max) => vscode.workspace.findFiles(include, exclude, max),
    fs: vscode.workspace.fs,
    parseUri: (value) => vscode.Uri.parse(value, true),
    relativePattern: (base, pattern) => new vscode.RelativePattern(base, pattern),
    fileType: vscode.FileType,
  });
  await activateClient(context, {
    schemes,
    // A new worker per start: a restart (the command, or after a crash) must not reuse a dead or stopped one.
    // The transports are made here: the library tells a worker by `instanceof Worker`, which fails for the worker
    // of VS Code's web extension host (its `Worker` is a wrapper function).
    createClient: (options) =>
      new LanguageClient(
        'netcfg',
        'netcfg',
        async () => {
          worker?.terminate();
          worker = await startWorker(serverMain);
          return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
        },
        options,
      ),
    prepare: (client) => {
      client.onRequest(FS_LIST_REQUEST, (p: FsListParams) => handlers.list(p));
      client.onRequest(FS_STAT_REQUEST, (p: FsStatParams) => handlers.stat(p));
      client.onRequest(FS_READ_REQUEST, (p: FsReadParams) => handlers.read(p));
    },
  });
}

/**
 * The worker from its URL (vscode.dev serves extensions over https); where the extension host refuses that URL (an
 * extension installed on a remote, e.g. code-server or a codespace in the browser: "Creating workers from remote
 * extensions is currently not supported"), from a blob of the script read through the workspace file system.
 */
async function startWorker(serverMain: vscode.Uri): Promise<Worker> {
  try {
    return new Worker(serverMain.toString(true));
  } catch {
    const bytes = await vscode.workspace.fs.readFile(serverMain);
    return new Worker(URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'text/javascript' })));
  }
}

export async function deactivate(): Promise<void> {
  await deactivateClient();
  worker?.terminate();
  worker = undefined;
}
