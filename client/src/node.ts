// Desktop entry point of the extension (`main`, bundled as client/out/extension.js): the language server is a Node
// process (server/out/server.js) over IPC. Everything else is the shared client (extension.ts).

import type * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateClient, deactivate } from './extension';

export { deactivate };

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const module = context.asAbsolutePath('server/out/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  await activateClient(context, {
    schemes: ['file'],
    createClient: (options) => new LanguageClient('netcfg', 'netcfg', serverOptions, options),
  });
}
