// Web worker entry point of the LSP server (server/out/browser.js, started by the web extension's client,
// client/src/browser.ts, in vscode.dev / github.dev): the same session as the Node server (lsp/server.ts) over the
// worker's postMessage, with a host whose files the client reads (lsp/client-fs.ts). No Node built-in reaches this
// bundle (esbuild.mjs fails the build if one does; `node:crypto` resolves to browser-sha256.ts).

import { BrowserMessageReader, BrowserMessageWriter, createConnection, ProposedFeatures } from 'vscode-languageserver/browser';
import { clientHost } from './lsp/client-fs';
import { connectionStrategy, observing, startServer } from './lsp/server';

// The worker scope (typed by the reader: this project compiles without the DOM library).
declare const self: ConstructorParameters<typeof BrowserMessageReader>[0];

const reader = new BrowserMessageReader(self);
const writer = new BrowserMessageWriter(self);
const connection = createConnection(ProposedFeatures.all, observing(reader), writer, { connectionStrategy });
startServer(connection, clientHost(connection));
connection.listen();
