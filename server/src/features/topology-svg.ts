// Drawing a topology: the ELK graph to lay out (elkjs runs the same in Node for `netcfg graph --format svg` and in
// the webview's worker), the SVG drawn from the laid-out positions, and the text formats DOT and Mermaid.
// Pure functions: no IO, no DOM, no elkjs import (the host passes the layout engine's result in).

import type { Topology, TopologyLink, Verdict } from './topology';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A laid-out topology: a box per device, a polyline per link (by id). */
export interface TopologyLayout {
  width: number;
  height: number;
  nodes: Map<string, Box>;
  edges: Map<string, { x: number; y: number }[]>;
}

/** The subset of ELK's JSON graph we build and read back. */
export interface ElkNode {
  id: string;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  layoutOptions?: Record<string, string>;
  children?: ElkNode[];
  edges?: { id: string; sources: string[]; targets: string[]; sections?: { startPoint: { x: number; y: number }; endPoint: { x: number; y: number }; bendPoints?: { x: number; y: number }[] }[] }[];
}

export const VERDICT_COLOURS: Record<Verdict, string> = { ok: '#2e7d32', error: '#c62828', warning: '#ef8f00', 'unknown-peer': '#757575' };
const VERDICT_LABELS: Record<Verdict, string> = { ok: 'ok', error: 'failing (error)', warning: 'warning only', 'unknown-peer': 'peer unknown' };
/** A short mark per dialect, drawn in the device's box (the "icon"). */
export const DIALECT_MARKS: Record<string, string> = { 'cisco-ios': 'IOS', 'cisco-asa': 'ASA', routeros: 'ROS', 'openbsd-ipsec': 'OBSD', bird: 'BIRD', strongswan: 'SWAN', external: 'EXT', unknown: '?' };

const NODE_HEIGHT = 36;
const CHAR_WIDTH = 7.2;

function nodeWidth(name: string, dialect: string): number {
  return Math.max(80, Math.ceil((name.length + (DIALECT_MARKS[dialect] ?? '').length + 3) * CHAR_WIDTH) + 16);
}

/** The ELK graph of a topology: layered left to right; past a few hundred devices with the fastest crossing minimisation. */
export function elkGraph(t: Topology): ElkNode {
  const large = t.devices.length > 300;
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.layered.thoroughness': large ? '1' : '7',
      'elk.direction': 'RIGHT',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '80',
      'elk.separateConnectedComponents': 'true',
      'elk.spacing.componentComponent': '40',
      'elk.edgeRouting': 'POLYLINE',
      'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    },
    children: t.devices.map((d) => ({ id: d.id, width: nodeWidth(d.name, d.dialect), height: NODE_HEIGHT })),
    edges: t.links.map((l) => ({ id: l.id, sources: [l.a.device], targets: [l.b.device] })),
  };
}

/** Reads ELK's result back; a link ELK did not route is drawn centre to centre. */
export function layoutFromElk(t: Topology, res: ElkNode): TopologyLayout {
  const nodes = new Map<string, Box>();
  let width = 0;
  let height = 0;
  for (const c of res.children ?? []) {
    const b = { x: c.x ?? 0, y: c.y ?? 0, width: c.width ?? 80, height: c.height ?? NODE_HEIGHT };
    nodes.set(c.id, b);
    width = Math.max(width, b.x + b.width);
    height = Math.max(height, b.y + b.height);
  }
  const edges = new Map<string, { x: number; y: number }[]>();
  const routed = new Map((res.edges ?? []).map((e) => [e.id, e]));
  for (const l of t.links) {
    const s = routed.get(l.id)?.sections?.[0];
    const pts = s ? [s.startPoint, ...(s.bendPoints ?? []), s.endPoint] : centreLine(nodes.get(l.a.device), nodes.get(l.b.device));
    if (pts.length) edges.set(l.id, pts);
  }
  return { width, height, nodes, edges };
}

function centreLine(a: Box | undefined, b: Box | undefined): { x: number; y: number }[] {
  if (!a || !b) return [];
  return [
    { x: a.x + a.width / 2, y: a.y + a.height / 2 },
    { x: b.x + b.width / 2, y: b.y + b.height / 2 },
  ];
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const r = (n: number) => Math.round(n * 10) / 10;

export interface SvgOptions {
  /** Adds the legend below the graph (default true). */
  legend?: boolean;
  /** Extra attributes for the root element (the webview adds its own ids). */
  rootAttributes?: string;
}

/**
 * A standalone SVG: links as polylines coloured by verdict (dashed when the peer is unknown), devices as boxes
 * with their dialect mark and name, a `<title>` per element (findings on links), and a legend. Every element
 * carries `data-id` so the webview can bind events to the same markup.
 */
export function renderSvg(t: Topology, layout: TopologyLayout, opts: SvgOptions = {}): string {
  const pad = 20;
  const legendHeight = opts.legend === false ? 0 : 30;
  const width = Math.max(layout.width, 520) + 2 * pad;
  const height = layout.height + 2 * pad + legendHeight;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${r(width)}" height="${r(height)}" viewBox="0 0 ${r(width)} ${r(height)}" font-family="sans-serif" font-size="12"${opts.rootAttributes ? ` ${opts.rootAttributes}` : ''}>`);
  out.push(`<g class="links" transform="translate(${pad},${pad})" fill="none" stroke-width="2">`);
  for (const l of t.links) {
    const pts = layout.edges.get(l.id);
    if (!pts) continue;
    const dash = l.verdict === 'unknown-peer' ? ' stroke-dasharray="6 4"' : '';
    out.push(`<polyline class="link ${l.verdict} kind-${l.kind}" data-id="${escapeXml(l.id)}" tabindex="0" points="${pts.map((p) => `${r(p.x)},${r(p.y)}`).join(' ')}" stroke="${VERDICT_COLOURS[l.verdict]}"${dash}><title>${escapeXml(linkTitle(t, l))}</title></polyline>`);
  }
  out.push('</g>');
  out.push(`<g class="devices" transform="translate(${pad},${pad})">`);
  for (const d of t.devices) {
    const b = layout.nodes.get(d.id);
    if (!b) continue;
    const mark = DIALECT_MARKS[d.dialect] ?? '';
    out.push(
      `<g class="device dialect-${d.dialect}" data-id="${escapeXml(d.id)}" tabindex="0" transform="translate(${r(b.x)},${r(b.y)})"><title>${escapeXml(`${d.name} (${d.dialect})`)}</title>` +
        `<rect width="${r(b.width)}" height="${r(b.height)}" rx="6" fill="#ffffff" stroke="#455a64"/>` +
        `<text class="mark" x="8" y="${r(b.height / 2 + 4)}" font-weight="bold" fill="#455a64">${escapeXml(mark)}</text>` +
        `<text class="name" x="${r(8 + (mark.length + 1) * CHAR_WIDTH)}" y="${r(b.height / 2 + 4)}" fill="#212121">${escapeXml(d.name)}</text></g>`,
    );
  }
  out.push('</g>');
  if (legendHeight) {
    out.push(`<g class="legend" transform="translate(${pad},${r(height - legendHeight)})">`);
    (Object.keys(VERDICT_COLOURS) as Verdict[]).forEach((v, i) => {
      const x = i * 130;
      out.push(`<line x1="${x}" y1="10" x2="${x + 24}" y2="10" stroke="${VERDICT_COLOURS[v]}" stroke-width="3"${v === 'unknown-peer' ? ' stroke-dasharray="6 4"' : ''}/><text x="${x + 30}" y="14" fill="#212121">${escapeXml(VERDICT_LABELS[v])}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>\n');
  return out.join('\n');
}

/** `kind: A — B (verdict)` then one line per finding: the link's tooltip. */
export function linkTitle(t: Topology, l: TopologyLink): string {
  const name = (id: string) => t.devices.find((d) => d.id === id)?.name ?? id;
  const head = `${l.kind}${l.area ? ` area ${l.area}` : ''}: ${name(l.a.device)} ${l.a.label} — ${name(l.b.device)} ${l.b.label} (${l.verdict})`;
  return [head, ...l.findings.map((f) => `${f.severity} ${f.code}: ${f.message}`)].join('\n');
}

function dotId(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Graphviz DOT: devices as boxes, links as undirected edges coloured by verdict, labelled by kind (and area). */
export function renderDot(t: Topology): string {
  const ids = new Map(t.devices.map((d, i) => [d.id, `n${i}`]));
  const out = ['graph netcfg {', '  graph [rankdir=LR];', '  node [shape=box, style=rounded, fontname="sans-serif"];', '  edge [fontname="sans-serif", fontsize=10];'];
  for (const d of t.devices) out.push(`  ${ids.get(d.id)} [label=${dotId(`${d.name}\n${d.dialect}`)}${d.dialect === 'unknown' ? ', style="rounded,dashed"' : ''}];`);
  for (const l of t.links) {
    const label = `${l.kind}${l.area ? ` ${l.area}` : ''}${l.findings.length ? `\n${[...new Set(l.findings.map((f) => f.code))].join('\n')}` : ''}`;
    out.push(`  ${ids.get(l.a.device)} -- ${ids.get(l.b.device)} [label=${dotId(label)}, color="${VERDICT_COLOURS[l.verdict]}"${l.verdict === 'unknown-peer' ? ', style=dashed' : ''}];`);
  }
  out.push('}');
  return out.join('\n') + '\n';
}

/** Mermaid flowchart: node ids n0…, labels quoted, one `linkStyle` per link for its verdict colour. */
export function renderMermaid(t: Topology): string {
  const ids = new Map(t.devices.map((d, i) => [d.id, `n${i}`]));
  const q = (s: string) => `"${s.replace(/"/g, '#quot;')}"`;
  const out = ['flowchart LR'];
  for (const d of t.devices) out.push(`  ${ids.get(d.id)}[${q(`${d.name} (${d.dialect})`)}]`);
  const styles: string[] = [];
  t.links.forEach((l, i) => {
    const label = `${l.kind}${l.area ? ` ${l.area}` : ''}${l.findings.length ? `: ${[...new Set(l.findings.map((f) => f.code))].join(', ')}` : ''}`;
    out.push(`  ${ids.get(l.a.device)} ${l.verdict === 'unknown-peer' ? '-.-' : '---'}|${q(label)}| ${ids.get(l.b.device)}`);
    styles.push(`  linkStyle ${i} stroke:${VERDICT_COLOURS[l.verdict]},stroke-width:2px`);
  });
  for (const s of styles) out.push(s);
  return out.join('\n') + '\n';
}
