// The command `netcfg.generatePeer` (issue 19): from a code action (arguments [uri, peer]) or the palette (the active
// editor's unpaired peers), asks for the target dialect, the peer's LAN and WAN interface (with the server's
// defaults) and whether to include the source's secret (default no), then opens the generated config in a new
// untitled document of the target's language, the placeholder secret as a snippet tab stop.
// Imports only vscode, vscode-languageclient and the shared protocol constants.

import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import {
  GENERATE_PEER_COMMAND,
  GENERATE_PEER_REQUEST,
  UNPAIRED_PEERS_REQUEST,
  type GeneratePeerParams,
  type GeneratePeerResult,
  type UnpairedPeerItem,
} from '../../server/src/generate/protocol';

/** Escapes text for a snippet body (`$`, `}` and `\` are special). */
function snippetText(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** The generated text as a snippet: every placeholder one tab stop (typing the key once fills each occurrence). */
export function toSnippet(text: string, placeholder: string): string {
  const word = new RegExp(`(?<![\\w-])${placeholder.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(?![\\w-])`);
  return text
    .split(word)
    .map(snippetText)
    .join(`\${1:${placeholder}}`);
}

async function request(client: LanguageClient, params: GeneratePeerParams): Promise<GeneratePeerResult> {
  return client.sendRequest<GeneratePeerResult>(GENERATE_PEER_REQUEST, params);
}

export function registerGeneratePeer(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(GENERATE_PEER_COMMAND, async (uriArg?: unknown, peerArg?: unknown) => {
      const client = getClient();
      if (!client?.isRunning()) return;
      const uri = typeof uriArg === 'string' ? uriArg : vscode.window.activeTextEditor?.document.uri.toString();
      if (!uri) {
        void vscode.window.showInformationMessage('netcfg: open a config to generate its peer from.');
        return;
      }
      const items = await client.sendRequest<UnpairedPeerItem[]>(UNPAIRED_PEERS_REQUEST, { uri });
      let item = typeof peerArg === 'string' ? items.find((i) => i.address === peerArg) : undefined;
      if (!item) {
        if (items.length === 0) {
          void vscode.window.showInformationMessage('netcfg: every peer of this config already has its device in the workspace.');
          return;
        }
        const pick = items.length === 1 ? { item: items[0] } : await vscode.window.showQuickPick(items.map((i) => ({ label: i.address, description: i.label, item: i })), { placeHolder: 'Generate the config of which peer?' });
        if (!pick) return;
        item = pick.item;
      }
      let peer = item.address;
      if (item.kind !== 'ipsec') {
        const typed = await vscode.window.showInputBox({
          title: 'netcfg: Generate Peer Config',
          prompt: item.kind === 'ospf-link' ? "The peer's address on the shared link" : item.kind === 'dmvpn-hub' ? "The spoke's underlay (NBMA) address" : "The client's address",
          value: peer,
          validateInput: (v) => (/^[\d.]+$|^[\da-fA-F:]+$/.test(v.trim()) ? undefined : 'an IP address'),
        });
        if (typed === undefined) return;
        peer = typed.trim();
      }
      const target = await vscode.window.showQuickPick(
        item.targets.map((t) => ({ label: t.label, description: t.id, target: t })),
        { placeHolder: `Dialect of the config for ${peer}` },
      );
      if (!target) return;
      const base: GeneratePeerParams = { uri, peer, target: target.target.id };
      const first = await request(client, base);
      if (!first.ok) {
        void vscode.window.showErrorMessage(`netcfg: ${first.error}`);
        return;
      }
      const lan = await vscode.window.showInputBox({ title: `netcfg: the LAN of ${peer}`, prompt: "The peer's LAN (prefix)", value: first.lan });
      if (lan === undefined) return;
      const wan = await vscode.window.showInputBox({ title: `netcfg: the ${first.wanLabel} of ${peer}`, prompt: `The peer's ${first.wanLabel}`, value: first.wan });
      if (wan === undefined) return;
      let includeSecrets = false;
      if (first.hasSecret) {
        const choice = await vscode.window.showQuickPick(
          [
            { label: `No: write ${first.placeholder}`, description: 'a tab stop to type the key into', include: false },
            { label: "Yes: include the source's secret", description: 'the key is copied into the new document', include: true },
          ],
          { placeHolder: "Include the source's pre-shared key / password?" },
        );
        if (!choice) return;
        includeSecrets = choice.include;
      }
      const res = await request(client, { ...base, facts: { lan, wan }, includeSecrets });
      if (!res.ok) {
        void vscode.window.showErrorMessage(`netcfg: ${res.error}`);
        return;
      }
      const doc = await vscode.workspace.openTextDocument({ language: res.languageId, content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      await editor.insertSnippet(new vscode.SnippetString(toSnippet(res.text, res.placeholder)), new vscode.Position(0, 0));
    }),
  );
}
