// Code action "Generate the config of 10.0.0.2…" on a peer statement whose other end has no device in the workspace
// (issue 19), and the two requests behind the client command `netcfg.generatePeer`. Pure: no connection, no IO.
// The action carries no text: the client asks for the target and the facts, then requests the generated config.

import type { CodeAction } from 'vscode-languageserver-types';
import { TARGETS } from '../generate/emit';
import { GenerateError, PSK_PLACEHOLDER, type TargetId } from '../generate/spec';
import { GENERATE_PEER_COMMAND, type GeneratePeerParams, type GeneratePeerResult, type TargetChoice, type UnpairedPeerItem, type UnpairedPeersParams } from '../generate/protocol';
import * as model from '../model';
import type { LanguageService } from '../service';
import type { TextRange } from '../syntax';
import { touches } from './positions';

/** Code action kind of the generate action (a refactoring that creates a new document, not a fix). */
export const GENERATE_ACTION_KIND = 'refactor.netcfg.generatePeer';

function choices(ids: readonly TargetId[]): TargetChoice[] {
  return ids.map((id) => ({ id, label: TARGETS[id].caps.label, languageId: TARGETS[id].caps.languageId }));
}

function title(kind: UnpairedPeerItem['kind'], address: string): string {
  if (kind === 'dmvpn-hub') return `Generate the config of a DMVPN spoke (${address})…`;
  if (kind === 'l2tp-server') return 'Generate the config of an L2TP/IPsec client…';
  if (kind === 'ospf-link') return `Generate the config of an OSPF neighbour (${address})…`;
  return `Generate the config of ${address}…`;
}

/** The generate actions for the unpaired peer statements of `uri` that touch `want`. */
export function getGeneratePeerActions(service: LanguageService, uri: string, want: TextRange): CodeAction[] {
  const out: CodeAction[] = [];
  const text = service.getDocument(uri)?.text ?? '';
  // Anywhere on the line of the statement: the peer address is one token of `set peer 10.0.0.2`.
  const line = (r: TextRange): TextRange => ({ start: text.lastIndexOf('\n', r.start - 1) + 1, end: text.indexOf('\n', r.end) < 0 ? text.length : text.indexOf('\n', r.end) });
  for (const c of service.unpairedPeers(uri)) {
    if (!c.ranges.some((r) => touches(line(r), want)) || c.targets.length === 0) continue;
    const t = title(c.kind, c.address);
    out.push({ title: t, kind: GENERATE_ACTION_KIND, command: { title: t, command: GENERATE_PEER_COMMAND, arguments: [uri, c.address] } });
  }
  return out;
}

export function unpairedPeerItems(service: LanguageService, p: UnpairedPeersParams): UnpairedPeerItem[] {
  if (typeof p?.uri !== 'string') return [];
  return service.unpairedPeers(p.uri).map((c) => ({ address: c.address, kind: c.kind, label: c.label, targets: choices(c.targets) }));
}

export function generatePeerResult(service: LanguageService, p: GeneratePeerParams): GeneratePeerResult {
  if (typeof p?.uri !== 'string' || typeof p.peer !== 'string' || typeof p.target !== 'string') return { ok: false, error: 'bad request' };
  if (!Object.prototype.hasOwnProperty.call(TARGETS, p.target)) return { ok: false, error: `unknown target dialect '${p.target.slice(0, 40)}'` };
  const lan = typeof p.facts?.lan === 'string' && p.facts.lan.trim() ? model.canonicalPrefix(p.facts.lan.trim()) : undefined;
  if (p.facts?.lan && p.facts.lan.trim() && (!lan || !p.facts.lan.includes('/'))) return { ok: false, error: `'${p.facts.lan.slice(0, 40)}' is not a prefix (A.B.C.D/N)` };
  const wan = typeof p.facts?.wan === 'string' && p.facts.wan.trim() ? p.facts.wan.trim() : undefined;
  if (wan && !/^[A-Za-z0-9][\w./:-]{0,63}$/.test(wan)) return { ok: false, error: `'${wan.slice(0, 40)}' is not an interface name` };
  try {
    const g = service.generatePeer(p.uri, p.peer, { target: p.target as TargetId, includeSecrets: p.includeSecrets === true, facts: { lan, wan } });
    const s = g.spec;
    return {
      ok: true,
      text: g.text,
      languageId: g.caps.languageId,
      lan: s.facts.lan,
      wan: s.ospf && s.scenario.kind === 'ospf-neighbor' ? s.ospf.interfaceName : s.facts.wan,
      wanLabel: s.scenario.kind === 'ospf-neighbor' ? 'interface on the shared link' : 'WAN interface',
      hasSecret: !!(s.ipsec?.psk || s.nhrp?.auth || s.ospf?.auth.key),
      placeholder: PSK_PLACEHOLDER,
    };
  } catch (e) {
    if (e instanceof GenerateError) return { ok: false, error: e.message };
    throw e;
  }
}
