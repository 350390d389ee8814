// Node entry point of the LSP server (`node server/out/server.js --stdio`, or IPC from the VS Code client): the
// transport, the process's fate and the file-system host. Everything else (document sync, workspace indexing, file
// watching, settings, diagnostics, every request) is the session in lsp/server.ts, shared with the web worker
// (server/src/browser.ts). The one fatal case is a lost message framing (no Content-Length): the server exits so
// the client restarts it. Started as a worker thread, the same file is one of the indexing pool's workers.

import {
  createConnection,
  IPCMessageReader,
  IPCMessageWriter,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageReader,
  type MessageWriter,
} from 'vscode-languageserver/node';
import { isMainThread } from 'node:worker_threads';
import { runPoolWorker } from './host/pool-worker';
import { connectionStrategy, observing, startServer } from './lsp/server';
import { nodeHost } from './lsp/node-host';

/**
 * The transport named on the command line, with a message reader of our own: the library's reader reports a lost
 * framing (a message without `Content-Length`) only as an error event and then waits forever for a header that
 * never comes. Seeing that event lets the server exit instead of staying alive but deaf.
 */
function transport(): { reader: MessageReader; writer: MessageWriter } | undefined {
  if (process.argv.includes('--stdio')) return { reader: new StreamMessageReader(process.stdin), writer: new StreamMessageWriter(process.stdout) };
  if (process.argv.includes('--node-ipc')) return { reader: new IPCMessageReader(process), writer: new IPCMessageWriter(process) };
  return undefined; // --socket / --pipe: the library's own transport
}

/** The language server on this (main) thread: the transport, the session, the process's fate. */
function main(): void {
  const io = transport();
  const connection = io
    ? createConnection(ProposedFeatures.all, observing(io.reader), io.writer, { connectionStrategy })
    : createConnection(ProposedFeatures.all);

  if (process.argv.includes('--stdio')) {
    // stdout carries the protocol: anything a library prints must go to the client's log instead.
    console.log = console.info = (...args: unknown[]) => connection.console.info(args.map(String).join(' '));
    console.warn = (...args: unknown[]) => connection.console.warn(args.map(String).join(' '));
    console.error = (...args: unknown[]) => connection.console.error(args.map(String).join(' '));
  }

  const session = startServer(connection, nodeHost);

  /** Ends the process with a logged reason (the client restarts a server that exits unexpectedly). */
  function fatal(reason: string): void {
    const message = `netcfg server exits: ${reason}`;
    try {
      connection.console.error(message);
    } catch {
      // the writer may be gone too
    }
    process.stderr.write(`${message}\n`);
    setTimeout(() => process.exit(1), 100);
  }

  io?.reader.onError((err) => {
    // A body that is not JSON leaves the framing intact: the next message is read normally.
    if (err instanceof SyntaxError) {
      session.logOnce(`ignored a message that is not valid JSON: ${err.message}`);
      return;
    }
    fatal(`the message stream from the client is unreadable (${err.message}); exiting so that the client restarts the server`);
  });
  io?.reader.onClose(() => process.exit(session.isShuttingDown() ? 0 : 1));

  connection.listen();
}

// Off the main thread this bundle is a worker of the indexing pool (lsp/node-host.ts starts it with its own file).
if (isMainThread) main();
else runPoolWorker();
