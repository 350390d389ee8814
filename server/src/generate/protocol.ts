// The LSP requests and the client command of "generate the other end" (issue 19), shared by the server
// (features/generatePeer.ts) and the VS Code client (client/src/generate.ts). Constants and plain types only.

export const UNPAIRED_PEERS_REQUEST = 'netcfg/unpairedPeers';
export const GENERATE_PEER_REQUEST = 'netcfg/generatePeer';
/** Client command; arguments `[uri, peerAddress]` from the code action, none from the palette (active editor). */
export const GENERATE_PEER_COMMAND = 'netcfg.generatePeer';

export interface TargetChoice {
  id: string;
  label: string;
  languageId: string;
}

export interface UnpairedPeersParams {
  uri: string;
}

export interface UnpairedPeerItem {
  address: string;
  kind: 'ipsec' | 'dmvpn-hub' | 'l2tp-server' | 'ospf-link';
  label: string;
  targets: TargetChoice[];
}

export interface GeneratePeerParams {
  uri: string;
  peer: string;
  target: string;
  facts?: { lan?: string; wan?: string };
  includeSecrets?: boolean;
}

export type GeneratePeerResult =
  | {
      ok: true;
      text: string;
      languageId: string;
      /** The facts the text was generated with (the defaults when none were given). */
      lan: string;
      wan: string;
      /** What the WAN input means for this scenario ("WAN interface", "interface on the shared link"). */
      wanLabel: string;
      /** The spec holds a secret of the source (so the client asks whether to include it). */
      hasSecret: boolean;
      /** The placeholder written instead of secrets (`CHANGE-ME`). */
      placeholder: string;
    }
  | { ok: false; error: string };
