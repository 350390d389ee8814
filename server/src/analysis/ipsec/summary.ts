// Hover and code lens for IPsec peers: the paired device and both ends' effective proposals side by side.
// Never shows a secret (only model.maskSecret). Imports only model/ and analysis/.

import * as model from '../../model';
import type { Lens, Summary, SummaryProvider } from '../summary';
import { matchPeers, type PeerMatch } from './match';
import { describePhase1, describePhase2, negotiate, type Verdict } from './negotiate';

/** Matches of `peer` (on `device`) against every partner, oriented so that `a` is `peer`. */
function matchesOf(device: model.Device, peer: model.IpsecPeer, partners: readonly model.Device[]): PeerMatch[] {
  const res: PeerMatch[] = [];
  for (const other of partners) {
    for (const m of matchPeers(device, other)) if (m.a === peer) res.push(m);
  }
  return res;
}

const OK = '✓';
const BAD = '✗';

function mark(ok: boolean | undefined): string {
  return ok === undefined ? '?' : ok ? OK : BAD;
}

function phase1Ok(v: Verdict): boolean | undefined {
  if (!v.version || !v.mode) return false;
  return v.phase1 === undefined ? undefined : v.phase1 !== null;
}

function pskMark(v: Verdict): string {
  switch (v.psk.status) {
    case 'ok':
      return OK;
    case 'n/a':
      return 'n/a';
    case 'unverifiable':
      return '?';
    default:
      return BAD;
  }
}

function phase2Ok(v: Verdict): boolean | undefined {
  if (v.pfs.status === 'error' || v.selectors.some((s) => s.severity === 'error')) return false;
  return v.phase2 === undefined ? undefined : v.phase2 !== null;
}

/** `↔ r2: phase 1 ✓ · PSK ✗ · phase 2 ✓` */
export function lensTitle(m: PeerMatch, v: Verdict = negotiate(m)): string {
  return `↔ ${m.B.name}: phase 1 ${mark(phase1Ok(v))} · PSK ${pskMark(v)} · phase 2 ${mark(phase2Ok(v))}`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function keyText(k: model.PresharedKey | undefined): string {
  return k ? `\`${model.maskSecret(k.secret)}\`` : '(none)';
}

function pfsText(p: model.IpsecPeer): string {
  const g = p.pfs.value === 'none' ? 'none' : model.dhLabel(p.pfs.value);
  return p.pfs.default ? `${g} (default)` : g;
}

/** The hover markdown for one tunnel. */
export function tunnelMarkdown(m: PeerMatch, v: Verdict = negotiate(m)): string {
  const rows: [string, string, string][] = [];
  rows.push(['', `**${m.A.name}** (this side)`, `**${m.B.name}**`]);
  rows.push(['peer', m.a.label, m.b.label]);
  rows.push(['IKE', `v${m.a.ikeVersion.value}${m.a.ikeVersion.value === 1 ? ` ${m.a.exchangeMode.value}` : ''}`, `v${m.b.ikeVersion.value}${m.b.ikeVersion.value === 1 ? ` ${m.b.exchangeMode.value}` : ''}`]);
  const n = Math.max(m.a.phase1.length, m.b.phase1.length, 1);
  for (let i = 0; i < n; i++) {
    const x = m.a.phase1[i];
    const y = m.b.phase1[i];
    rows.push([i === 0 ? 'phase 1' : '', x ? `${x.label}: ${describePhase1(x)}` : '', y ? `${y.label}: ${describePhase1(y)}` : '']);
  }
  rows.push(['pre-shared key', keyText(v.psk.keyA ?? (v.psk.status === 'n/a' ? undefined : m.a.psk)), keyText(v.psk.keyB ?? (v.psk.status === 'n/a' ? undefined : m.b.psk))]);
  const n2 = Math.max(m.a.phase2.length, m.b.phase2.length, 1);
  for (let i = 0; i < n2; i++) {
    const x = m.a.phase2[i];
    const y = m.b.phase2[i];
    rows.push([i === 0 ? 'phase 2' : '', x ? `${x.label}: ${describePhase2(x)}` : '', y ? `${y.label}: ${describePhase2(y)}` : '']);
  }
  rows.push(['PFS', pfsText(m.a), pfsText(m.b)]);
  const table = [
    `| ${rows[0].map(cell).join(' | ')} |`,
    '|---|---|---|',
    ...rows.slice(1).map((r) => `| ${r.map(cell).join(' | ')} |`),
  ].join('\n');
  return `**IPsec ${lensTitle(m, v)}**\n\n${table}\n\n(default) = not written in the config; the platform default applies.`;
}

export const ipsecSummaryProvider: SummaryProvider = {
  summaryAt(device, offset, partners): Summary | undefined {
    const peer = device.ipsecPeers.find((p) => offset >= p.range.start && offset <= p.range.end);
    if (!peer) return undefined;
    const ms = matchesOf(device, peer, partners);
    if (ms.length === 0) return undefined;
    return { markdown: ms.map((m) => tunnelMarkdown(m)).join('\n\n---\n\n'), range: peer.range };
  },
  lenses(device, partners): Lens[] {
    const res: Lens[] = [];
    for (const other of partners) {
      for (const m of matchPeers(device, other)) res.push({ range: m.a.range, title: lensTitle(m) });
    }
    return res;
  },
};
