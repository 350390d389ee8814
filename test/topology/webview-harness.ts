/// <reference lib="dom" />
// Runs the built topology webview (client/out/topology) in chromium without VS Code: a tiny HTTP server serves its
// files under the same CSP shape as the extension, `acquireVsCodeApi` is a stub that records posted messages, and the
// page receives a Topology as the extension would post it. Shared by webview.test.ts and the layout measurement.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Topology } from '../../server/src/features/topology';
import { ROOT } from './helpers';

export const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

const NONCE = 'dGVzdG5vbmNl';
const PAGE = `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' blob: data:; style-src 'self' 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; connect-src 'self'; worker-src blob:;">
<link rel="stylesheet" href="/main.css" nonce="${NONCE}"></head>
<style nonce="${NONCE}">html { --vscode-foreground:#ccc; --vscode-editor-background:#1e1e1e; --vscode-errorForeground:#f48771; --vscode-testing-iconPassed:#73c991; --vscode-editorWarning-foreground:#cca700; --vscode-disabledForeground:#888; --vscode-focusBorder:#007fd4; --vscode-editorHoverWidget-background:#252526; --vscode-editorHoverWidget-border:#454545; }</style>
<link rel="icon" href="data:,">
<body class="vscode-dark">
<div id="app" data-worker="/worker.js"></div>
<script nonce="${NONCE}">window.__posted = []; window.__state = undefined; function acquireVsCodeApi() { return { postMessage: (m) => window.__posted.push(m), getState: () => window.__state, setState: (s) => { window.__state = s; } }; }</script>
<script nonce="${NONCE}" src="/main.js"></script></body></html>`;

export interface Harness {
  browser: Browser;
  page: Page;
  errors: string[];
  close(): Promise<void>;
  post(t: Topology): Promise<void>;
}

export async function openWebview(): Promise<Harness> {
  const dir = path.join(ROOT, 'client/out/topology');
  const server = http.createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0];
    if (name === '/') {
      res.writeHead(200, { 'content-type': 'text/html' }).end(PAGE);
      return;
    }
    const file = path.join(dir, path.basename(name));
    if (!fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.endsWith('.css') ? 'text/css' : 'text/javascript' }).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`http://127.0.0.1:${port}/`);
  return {
    browser,
    page,
    errors,
    post: (t) => page.evaluate((topology) => window.postMessage({ type: 'topology', topology }, '*'), t as unknown as Record<string, unknown>),
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

/** Polls `fn` in the page until it returns a truthy value. */
export async function waitIn<T>(page: Page, fn: () => T, timeout = 60_000): Promise<T> {
  const handle = await page.waitForFunction(fn, undefined, { timeout, polling: 100 });
  return (await handle.jsonValue()) as T;
}
