// Code lenses from the cross-file summaries (`↔ r2: phase 1 ✓ · PSK ✗`). Informational only: the lens
// carries a title and no command to run. Pure: no connection, no IO.

import type { CodeLens } from 'vscode-languageserver-types';
import { lenses } from '../analysis/summary';
import type { LanguageService } from '../service';
import { featureContext } from './hover';
import { toRange } from './positions';

export function getCodeLenses(service: LanguageService, uri: string): CodeLens[] {
  const doc = service.getDocument(uri);
  const ctx = featureContext(service, uri);
  if (!doc || !ctx.device) return [];
  return lenses(ctx.device, ctx.peers).map((l) => ({ range: toRange(doc, l.range), command: { title: l.title, command: '' } }));
}
