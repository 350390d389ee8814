// OSPF hover and code lens: an interface's effective settings next to its neighbours', with where each default
// comes from. Never shows a key (auth type and key id only). Imports only model/ and analysis/.

import * as model from '../../model';
import type { TextRange } from '../../syntax';
import type { Lens, Summary, SummaryProvider } from '../summary';
import { authText, canonicalArea, NET_TYPE_LABEL } from './adjacency';
import { describe } from './common';
import { areNeighbours } from './links';

const MAX_COLUMNS = 4;

function inside(r: TextRange | undefined, offset: number): boolean {
  return !!r && r.start <= offset && offset <= r.end;
}

/** The OSPF interface whose statement (or one of whose written settings) contains `offset`. */
function ospfInterfaceAt(device: model.Device, offset: number): model.OspfInterface | undefined {
  for (const o of device.ospfInterfaces) {
    if (inside(o.range, offset)) return o;
    for (const v of [o.area, o.networkType, o.hello, o.dead, o.priority, o.cost, o.passive, o.mtu, o.auth]) if (inside(v?.range, offset)) return o;
  }
  return undefined;
}

function neighboursOf(device: model.Device, o: model.OspfInterface, partners: readonly model.Device[]): { device: model.Device; o: model.OspfInterface }[] {
  const res: { device: model.Device; o: model.OspfInterface }[] = [];
  for (const p of partners) for (const y of p.ospfInterfaces) if (areNeighbours(device, o, p, y)) res.push({ device: p, o: y });
  return res;
}

interface Row {
  label: string;
  cell: (o: model.OspfInterface) => string;
  /** Comparable key; undefined = not compared. */
  key?: (o: model.OspfInterface) => string;
}

const ROWS: Row[] = [
  { label: 'Network type', cell: (o) => describe(o.networkType, (t) => NET_TYPE_LABEL[t]), key: (o) => o.networkType.value },
  { label: 'Hello / dead', cell: (o) => `${describe(o.hello)} / ${describe(o.dead)}`, key: (o) => `${o.hello.value}/${o.dead.value}` },
  { label: 'Priority', cell: (o) => describe(o.priority) },
  { label: 'Area', cell: (o) => `${describe(o.area)}${o.areaType === 'normal' ? '' : ` (${o.areaType})`}`, key: (o) => `${canonicalArea(o.area.value)} ${o.areaType}` },
  { label: 'Authentication', cell: (o) => describe(o.auth, authText), key: (o) => `${o.auth.value.type} ${o.auth.value.keyId ?? ''}` },
  { label: 'MTU', cell: (o) => (o.mtu ? describe(o.mtu) + (o.mtuIgnore ? ' (mtu-ignore)' : '') : 'unknown'), key: (o) => String(o.mtu?.value ?? '') },
  { label: 'Passive', cell: (o) => (o.passive.value ? 'yes' : 'no'), key: (o) => String(o.passive.value) },
];

/** Escapes the few characters that break a Markdown table cell. */
function md(text: string): string {
  return text.replace(/[|\\`*_]/g, (c) => `\\${c}`);
}

export const ospfSummaryProvider: SummaryProvider = {
  summaryAt(device, offset, partners): Summary | undefined {
    const o = ospfInterfaceAt(device, offset);
    if (!o) return undefined;
    const peers = neighboursOf(device, o, partners).slice(0, MAX_COLUMNS);
    const header = [`**${md(device.name)}** ${md(o.interfaceName)}`, ...peers.map((p) => `**${md(p.device.name)}** ${md(p.o.interfaceName)}`)];
    const lines = [`| OSPFv${o.version} | ${header.join(' | ')} |`, `|---|${header.map(() => '---').join('|')}|`];
    for (const row of ROWS) {
      const cells = [md(row.cell(o)), ...peers.map((p) => md(row.cell(p.o)) + (row.key && row.key(p.o) !== row.key(o) ? ' ✗' : ''))];
      lines.push(`| ${row.label} | ${cells.join(' | ')} |`);
    }
    if (peers.length === 0) lines.push('', '_No OSPF neighbour on this link among the open configurations._');
    return { markdown: lines.join('\n'), range: o.range };
  },

  lenses(device, partners): Lens[] {
    const res: Lens[] = [];
    if (partners.length === 0) return res;
    for (const o of device.ospfInterfaces) {
      const peers = neighboursOf(device, o, partners);
      if (peers.length === 0) continue;
      const parts = peers.slice(0, 2).map((p) => {
        const mark = (row: Row) => (row.key!(p.o) === row.key!(o) ? '✓' : '✗');
        const byLabel = (l: string) => ROWS.find((r) => r.label === l)!;
        return `↔ ${p.device.name}: type ${mark(byLabel('Network type'))} · timers ${mark(byLabel('Hello / dead'))} · area ${mark(byLabel('Area'))} · auth ${mark(byLabel('Authentication'))}`;
      });
      if (peers.length > 2) parts.push(`+${peers.length - 2} more`);
      res.push({ range: o.range, title: parts.join('  ') });
    }
    return res;
  },
};
