// The "netcfg: Show Topology" panel: a webview that draws the graph of `netcfg/topology` (server/src/features/topology.ts).
// The webview (webview/src) lays the graph out with elkjs in a worker and draws the SVG; this side asks the server,
// pushes updates (debounced) as diagnostics change, opens files at statements and saves exports. No remote resources:
// the scripts come from client/out/topology, under a Content-Security-Policy with a per-panel nonce.

import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { Topology, TopologyLocation } from '../../server/src/features/topology';

/** The custom request the server answers with a `Topology` (kept in step with server.ts). */
export const TOPOLOGY_REQUEST = 'netcfg/topology';

type FromWebview =
  | { type: 'ready' }
  | { type: 'open'; location: TopologyLocation }
  | { type: 'export'; format: 'svg' | 'png'; data: string }
  | { type: 'layoutTime'; devices: number; links: number; ms: number };

export class TopologyPanel {
  static current: TopologyPanel | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** Layout times the webview reported (read by the e2e and performance measurements through the output channel). */
  readonly layoutTimes: { devices: number; ms: number }[] = [];

  static show(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, output: vscode.LogOutputChannel): void {
    if (TopologyPanel.current) {
      TopologyPanel.current.panel.reveal();
      TopologyPanel.current.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel('netcfg.topology', 'netcfg: Topology', vscode.ViewColumn.Beside, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'client', 'out', 'topology')],
    });
    TopologyPanel.current = new TopologyPanel(panel, context, client, output);
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    private readonly client: () => LanguageClient | undefined,
    private readonly output: vscode.LogOutputChannel,
  ) {
    panel.webview.html = html(panel.webview, vscode.Uri.joinPath(context.extensionUri, 'client', 'out', 'topology'));
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: FromWebview) => void this.onMessage(m)),
      // Diagnostics are republished after every analysed change: the graph's verdicts changed with them.
      vscode.languages.onDidChangeDiagnostics(() => this.schedule()),
      vscode.workspace.onDidChangeTextDocument(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor((e) => this.highlight(e)),
    );
  }

  /** Debounced refresh: one request per burst of edits. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 400);
  }

  refresh(): void {
    const c = this.client();
    if (!c?.isRunning()) return;
    c.sendRequest<Topology>(TOPOLOGY_REQUEST).then(
      (topology) => void this.panel.webview.postMessage({ type: 'topology', topology }),
      (err: unknown) => this.output.warn(`netcfg/topology failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  private highlight(editor: vscode.TextEditor | undefined): void {
    void this.panel.webview.postMessage({ type: 'select', uri: editor?.document.uri.toString() ?? null });
  }

  private async onMessage(m: FromWebview): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.refresh();
        this.highlight(vscode.window.activeTextEditor);
        return;
      case 'open': {
        const r = m.location.range;
        const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
        const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(m.location.uri));
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, selection: range, preserveFocus: false });
        return;
      }
      case 'export': {
        const target = await vscode.window.showSaveDialog({ filters: m.format === 'svg' ? { SVG: ['svg'] } : { PNG: ['png'] }, saveLabel: `Export ${m.format.toUpperCase()}` });
        if (!target) return;
        const bytes = m.format === 'svg' ? Buffer.from(m.data, 'utf8') : Buffer.from(m.data.replace(/^data:image\/png;base64,/, ''), 'base64');
        await vscode.workspace.fs.writeFile(target, new Uint8Array(bytes));
        return;
      }
      case 'layoutTime':
        this.layoutTimes.push({ devices: m.devices, ms: m.ms });
        this.output.info(`topology layout: ${m.devices} devices, ${m.links} links in ${Math.round(m.ms)} ms`);
        return;
    }
  }

  dispose(): void {
    TopologyPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}

function html(webview: vscode.Webview, root: vscode.Uri): string {
  // Web Crypto: in Node 20 and in the browser's extension host alike (the web extension shares this file).
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let nonce = '';
  for (const b of bytes) nonce += String.fromCharCode(b);
  nonce = btoa(nonce);
  const src = (f: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, f)).toString();
  // The worker is fetched from the extension and started from a blob URL (webviews refuse cross-origin worker URLs).
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} blob: data:`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
    `connect-src ${webview.cspSource}`,
    'worker-src blob:',
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${src('main.css')}" nonce="${nonce}">
<title>netcfg: Topology</title>
</head>
<body>
<div id="app" data-worker="${src('worker.js')}"></div>
<script nonce="${nonce}" src="${src('main.js')}"></script>
</body>
</html>`;
}
