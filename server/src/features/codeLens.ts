// Code lenses from the cross-file summaries (`↔ r2: phase 1 ✓ · PSK ✗`). Informational only: the lens
// carries a title and no command to run. Pure: no connection, no IO.

import type { CodeLens } from 'vscode-languageserver-types';
import { lenses } from '../analysis/summary';
import type * as model from '../model';
import type { DocumentState, LanguageService } from '../service';
import { featureContext } from './hover';
import { toRange } from './positions';

/**
 * The lenses of each document version (DocumentState is a new object per version), for the device and the peer
 * devices they were computed from: a peer's edit gives it a new device, and the lenses are computed again.
 */
const cache = new WeakMap<DocumentState, { device: model.Device; peers: readonly model.Device[]; lenses: CodeLens[] }>();

export function getCodeLenses(service: LanguageService, uri: string): CodeLens[] {
  const doc = service.getDocument(uri);
  const ctx = featureContext(service, uri);
  if (!doc || !ctx.device) return [];
  const hit = cache.get(doc);
  if (hit && hit.device === ctx.device && sameDevices(hit.peers, ctx.peers)) return hit.lenses;
  const res = lenses(ctx.device, ctx.peers).map((l) => ({ range: toRange(doc, l.range), command: { title: l.title, command: '' } }));
  cache.set(doc, { device: ctx.device, peers: ctx.peers, lenses: res });
  return res;
}

function sameDevices(a: readonly model.Device[], b: readonly model.Device[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
