// Hover: the dialect's own text for the command under the cursor, joined with the cross-file summary
// (what the other end uses) from analysis/summary.ts. Pure: no connection, no IO.

import { MarkupKind, type Hover, type Position } from 'vscode-languageserver-types';
import { summaryAt } from '../analysis/summary';
import type { FeatureContext } from '../dialects/types';
import type * as model from '../model';
import type { DocumentState, LanguageService } from '../service';
import type { TextRange } from '../syntax';
import { toOffset, toRange } from './positions';

/**
 * Peer devices of each document version, for the device and the workspace state they were found in. Finding the
 * partners walks every pair key of the device (tens of milliseconds for a file with 20,000 IPsec peers), so hover,
 * completion and code lenses reuse them until something changes: this document's device (a new version, settings,
 * netcfg.yaml: everything is lowered again) or any other document (a new version gets a stamp above every earlier
 * one; a removal lowers the count).
 */
const peerCache = new WeakMap<DocumentState, { device: model.Device | undefined; newest: number; count: number; peers: model.Device[] }>();

/** The newest stamp among the documents with a dialect, and their count. */
function workspaceState(service: LanguageService): { newest: number; count: number } {
  const uris = service.uris();
  let newest = 0;
  for (const u of uris) newest = Math.max(newest, service.getDocument(u)?.stamp ?? 0);
  return { newest, count: uris.length };
}

/** Device of a document and the devices paired with it, as dialect features and summaries expect them. */
export function featureContext(service: LanguageService, uri: string): FeatureContext {
  const device = service.getDevice(uri);
  const doc = service.getDocument(uri);
  const state = workspaceState(service);
  const hit = doc ? peerCache.get(doc) : undefined;
  let peers: model.Device[];
  if (hit && hit.device === device && hit.newest === state.newest && hit.count === state.count) peers = hit.peers;
  else {
    peers = [];
    for (const p of service.partners(uri)) {
      const d = service.getDevice(p);
      if (d) peers.push(d);
    }
    if (doc) peerCache.set(doc, { device, ...state, peers });
  }
  // The lowering cached with this version (getDevice just made sure of it): dialects must not lower again per request.
  const lowered = doc?.lowered;
  return { device, peers, lowered: lowered?.device === device ? lowered : undefined };
}

export function getHover(service: LanguageService, uri: string, position: Position): Hover | null {
  const doc = service.getDocument(uri);
  const parse = service.getParse(uri);
  if (!doc || !parse) return null;
  const offset = toOffset(doc, position);
  const ctx = featureContext(service, uri);
  const parts: string[] = [];
  const ranges: TextRange[] = [];
  const own = parse.dialect.hover?.(parse.parsed, offset, ctx);
  if (own?.markdown) {
    parts.push(own.markdown);
    ranges.push(own.range);
  }
  if (ctx.device) {
    const summary = summaryAt(ctx.device, offset, ctx.peers);
    if (summary?.markdown) {
      parts.push(summary.markdown);
      ranges.push(summary.range);
    }
  }
  if (parts.length === 0) return null;
  // The smaller range is the more precise one (a token vs. the whole statement).
  const best = ranges.reduce((a, b) => (b.end - b.start < a.end - a.start ? b : a));
  return {
    contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') },
    range: toRange(doc, best),
  };
}
