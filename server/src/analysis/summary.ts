// Cross-file summaries for hover and code lens: what the other end of a peer / OSPF link uses, side by side.
// Each area contributes its own provider; features/ calls `summaryAt` and `lenses`. Imports only model/ and analysis/.

import type * as model from '../model';
import type { TextRange } from '../syntax';

export interface Summary {
  /** Markdown; never contains a secret (use model.maskSecret). */
  markdown: string;
  range: TextRange;
}

export interface Lens {
  range: TextRange;
  /** e.g. `↔ r2: phase 1 ✓ · PSK ✗ · phase 2 ✓` */
  title: string;
}

export interface SummaryProvider {
  /** Hover text for the statement at `offset` of `device`, given the devices paired with it. */
  summaryAt(device: model.Device, offset: number, partners: readonly model.Device[]): Summary | undefined;
  lenses(device: model.Device, partners: readonly model.Device[]): Lens[];
}

const providers: SummaryProvider[] = [];

/** Called once by each area's module at load time (see analysis/ipsec/index.ts, analysis/ospf/index.ts). */
export function registerSummaryProvider(p: SummaryProvider): void {
  providers.push(p);
}

export function summaryAt(device: model.Device, offset: number, partners: readonly model.Device[]): Summary | undefined {
  for (const p of providers) {
    const s = p.summaryAt(device, offset, partners);
    if (s) return s;
  }
  return undefined;
}

export function lenses(device: model.Device, partners: readonly model.Device[]): Lens[] {
  return providers.flatMap((p) => p.lenses(device, partners));
}
