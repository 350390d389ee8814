// The topology webview: receives a `Topology` from the extension, lays it out in a worker (elkjs), draws it with the
// same SVG renderer as `netcfg graph --format svg`, and handles pan/zoom, filters, search, hover, click and export.
// Runs in the webview (DOM), no Node, no remote resources.

import type { Topology, TopologyLink, TopologyLocation } from '../../server/src/features/topology';
import { elkGraph, escapeXml, layoutFromElk, renderSvg, type ElkNode, type TopologyLayout } from '../../server/src/features/topology-svg';
import ELK from 'elkjs/lib/elk-api.js';
import './style.css';

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): unknown; setState(s: unknown): void };

const vscode = acquireVsCodeApi();
const KINDS = ['ipsec-crypto-map', 'ipsec-vti', 'ikev2-profile', 'openbsd-flow', 'routeros-policy', 'gre', 'dmvpn', 'ospf', 'l2tp', 'external'];
const VERDICTS = ['ok', 'error', 'warning', 'unknown-peer'];

interface View {
  x: number;
  y: number;
  scale: number;
}
interface State {
  view?: View;
  hiddenKinds: string[];
  hiddenVerdicts: string[];
  search: string;
}

const state: State = { hiddenKinds: [], hiddenVerdicts: [], search: '', ...((vscode.getState() as State | undefined) ?? {}) };
let topology: Topology | undefined;
let layout: TopologyLayout | undefined;
let selectedUri: string | null = null;
let layoutSeq = 0;
const linksById = new Map<string, TopologyLink>();

const app = document.getElementById('app')!;
app.innerHTML = `
<div class="toolbar" role="toolbar" aria-label="Topology tools">
  <input id="search" type="search" placeholder="Search devices" aria-label="Search devices">
  <details><summary>Kinds</summary><div class="menu">${KINDS.map((k) => `<label><input type="checkbox" data-kind="${k}" checked> ${k}</label>`).join('')}</div></details>
  <details><summary>Verdicts</summary><div class="menu">${VERDICTS.map((v) => `<label><input type="checkbox" data-verdict="${v}" checked> <span class="swatch ${v}"></span>${v}</label>`).join('')}</div></details>
  <button id="fit" title="Fit to view (0)">Fit</button>
  <button id="export-svg">Export SVG</button>
  <button id="export-png">Export PNG</button>
  <span id="status" role="status" aria-live="polite"></span>
</div>
<div id="canvas" tabindex="0" aria-label="Topology graph: arrows pan, + and - zoom, 0 fits, Tab moves between devices and links, Enter opens"></div>
<div id="tooltip" role="tooltip" hidden></div>`;

const canvas = document.getElementById('canvas')!;
const tooltip = document.getElementById('tooltip')!;
const status = document.getElementById('status')!;
const search = document.getElementById('search') as HTMLInputElement;
search.value = state.search;
for (const el of app.querySelectorAll<HTMLInputElement>('input[data-kind]')) el.checked = !state.hiddenKinds.includes(el.dataset.kind!);
for (const el of app.querySelectorAll<HTMLInputElement>('input[data-verdict]')) el.checked = !state.hiddenVerdicts.includes(el.dataset.verdict!);

// ---- layout in a worker: elkjs's own worker script (client/out/topology/worker.js), fetched from the extension and
// started from a blob URL (a webview refuses worker URLs of another origin); elk-api talks to it.
const elkReady: Promise<InstanceType<typeof ELK> | undefined> = fetch(app.dataset.worker!)
  .then((r) => r.text())
  .then((code) => {
    const url = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
    return new ELK({ workerFactory: () => new Worker(url) });
  })
  .catch((err: unknown) => {
    status.textContent = `layout worker failed: ${String(err)}`;
    return undefined;
  });

async function layOut(seq: number, graph: ElkNode): Promise<void> {
  const elk = await elkReady;
  if (!elk) return;
  const t0 = performance.now();
  try {
    const res = (await elk.layout(graph as Parameters<InstanceType<typeof ELK>['layout']>[0])) as ElkNode;
    onLayout({ seq, graph: res, ms: performance.now() - t0 });
  } catch (err) {
    onLayout({ seq, error: err instanceof Error ? err.message : String(err), ms: performance.now() - t0 });
  }
}

window.addEventListener('message', (e: MessageEvent<{ type: string; topology?: Topology; uri?: string | null }>) => {
  const m = e.data;
  if (m.type === 'topology' && m.topology) {
    topology = m.topology;
    linksById.clear();
    for (const l of topology.links) linksById.set(l.id, l);
    status.textContent = `laying out ${topology.devices.length} devices…`;
    const seq = ++layoutSeq;
    const graph = elkGraph(topology);
    void layOut(seq, graph);
  } else if (m.type === 'select') {
    selectedUri = m.uri ?? null;
    applySelection();
  }
});

function onLayout(res: { seq: number; graph?: ElkNode; error?: string; ms: number }): void {
  if (res.seq !== layoutSeq || !topology) return; // an older layout, superseded
  if (!res.graph) {
    status.textContent = `layout failed: ${res.error ?? 'unknown error'}`;
    return;
  }
  layout = layoutFromElk(topology, res.graph);
  vscode.postMessage({ type: 'layoutTime', devices: topology.devices.length, links: topology.links.length, ms: res.ms });
  draw();
}

function draw(): void {
  if (!topology || !layout) return;
  canvas.innerHTML = renderSvg(topology, layout, { rootAttributes: 'id="graph" role="img" aria-label="netcfg topology"' });
  const svg = canvas.querySelector('svg')!;
  svg.removeAttribute('width');
  svg.removeAttribute('height');
  const counts = { ok: 0, error: 0, warning: 0, 'unknown-peer': 0 } as Record<string, number>;
  for (const l of topology.links) counts[l.verdict]++;
  status.textContent = `${topology.devices.length} devices, ${topology.links.length} links: ${counts.error} failing, ${counts.warning} warnings, ${counts['unknown-peer']} unknown peers`;
  if (!state.view) fit();
  else applyView();
  applyFilters();
  applySelection();
}

// ---- pan and zoom through the viewBox, kept across updates (saved in the webview state)
function applyView(): void {
  const svg = canvas.querySelector('svg');
  if (!svg || !state.view) return;
  const { x, y, scale } = state.view;
  const w = canvas.clientWidth / scale;
  const h = canvas.clientHeight / scale;
  svg.setAttribute('viewBox', `${x} ${y} ${Math.max(w, 1)} ${Math.max(h, 1)}`);
  svg.setAttribute('width', String(canvas.clientWidth));
  svg.setAttribute('height', String(canvas.clientHeight));
  vscode.setState(state);
}

function fit(): void {
  if (!layout) return;
  const w = Math.max(layout.width, 520) + 40;
  const h = layout.height + 70;
  const scale = Math.min(canvas.clientWidth / w, canvas.clientHeight / h, 2) || 1;
  state.view = { x: -(canvas.clientWidth / scale - w) / 2, y: -(canvas.clientHeight / scale - h) / 2, scale };
  applyView();
}

function zoom(factor: number, cx = canvas.clientWidth / 2, cy = canvas.clientHeight / 2): void {
  if (!state.view) return;
  const v = state.view;
  const scale = Math.min(8, Math.max(0.02, v.scale * factor));
  state.view = { x: v.x + cx / v.scale - cx / scale, y: v.y + cy / v.scale - cy / scale, scale };
  applyView();
}

function pan(dx: number, dy: number): void {
  if (!state.view) return;
  state.view = { ...state.view, x: state.view.x - dx / state.view.scale, y: state.view.y - dy / state.view.scale };
  applyView();
}

canvas.addEventListener('wheel', (e) => {
  e.preventDefault();
  const rect = canvas.getBoundingClientRect();
  zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, e.clientX - rect.left, e.clientY - rect.top);
}, { passive: false });

let drag: { x: number; y: number; moved: boolean } | undefined;
canvas.addEventListener('pointerdown', (e) => {
  drag = { x: e.clientX, y: e.clientY, moved: false };
});
window.addEventListener('pointermove', (e) => {
  if (!drag) return;
  const dx = e.clientX - drag.x;
  const dy = e.clientY - drag.y;
  if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
  drag.moved = true;
  drag.x = e.clientX;
  drag.y = e.clientY;
  pan(dx, dy);
});
window.addEventListener('pointerup', () => setTimeout(() => (drag = undefined), 0));
window.addEventListener('resize', () => applyView());

canvas.addEventListener('keydown', (e) => {
  const step = 60;
  const keys: Record<string, () => void> = {
    ArrowLeft: () => pan(step, 0),
    ArrowRight: () => pan(-step, 0),
    ArrowUp: () => pan(0, step),
    ArrowDown: () => pan(0, -step),
    '+': () => zoom(1.25),
    '=': () => zoom(1.25),
    '-': () => zoom(0.8),
    '0': () => fit(),
  };
  const target = e.target as Element;
  if ((e.key === 'Enter' || e.key === ' ') && target !== canvas) {
    e.preventDefault();
    activate(target);
    return;
  }
  const fn = target === canvas ? keys[e.key] : e.key === '0' ? keys['0'] : undefined;
  if (fn) {
    e.preventDefault();
    fn();
  }
});

// ---- hover, focus and click
function itemOf(el: EventTarget | null): Element | null {
  return el instanceof Element ? el.closest('.link, .device') : null;
}

function showTooltip(el: Element, x: number, y: number): void {
  const id = el.getAttribute('data-id');
  if (!topology || !id) return;
  const name = (d: string) => topology!.devices.find((x) => x.id === d)?.name ?? d;
  if (el.classList.contains('link')) {
    const l = linksById.get(id);
    if (!l) return;
    tooltip.innerHTML =
      `<div class="head"><span class="swatch ${l.verdict}"></span><b>${escapeXml(l.kind)}${l.area ? ` area ${escapeXml(l.area)}` : ''}</b> — ${escapeXml(l.verdict)}</div>` +
      `<div>${escapeXml(name(l.a.device))}: ${escapeXml(l.a.label)}</div><div>${escapeXml(name(l.b.device))}: ${escapeXml(l.b.label)}</div>` +
      (l.findings.length ? `<ul>${l.findings.map((f) => `<li class="${f.severity}"><code>${escapeXml(f.code)}</code> ${escapeXml(f.message)}</li>`).join('')}</ul>` : '<div class="none">No findings.</div>');
  } else {
    const d = topology.devices.find((x) => x.id === id);
    if (!d) return;
    const links = topology.links.filter((l) => l.a.device === id || l.b.device === id);
    tooltip.innerHTML = `<div class="head"><b>${escapeXml(d.name)}</b> (${escapeXml(d.dialect)})</div><div>${links.length} links, ${links.filter((l) => l.verdict === 'error').length} failing</div>`;
  }
  tooltip.hidden = false;
  const max = window.innerWidth - tooltip.offsetWidth - 8;
  tooltip.style.left = `${Math.max(4, Math.min(x + 12, max))}px`;
  tooltip.style.top = `${y + 12}px`;
}

canvas.addEventListener('pointerover', (e) => {
  const el = itemOf(e.target);
  if (el) showTooltip(el, e.clientX, e.clientY);
});
canvas.addEventListener('pointerout', (e) => {
  if (itemOf(e.target)) tooltip.hidden = true;
});
canvas.addEventListener('focusin', (e) => {
  const el = itemOf(e.target);
  if (!el) return;
  const r = el.getBoundingClientRect();
  showTooltip(el, r.left, r.bottom);
});
canvas.addEventListener('focusout', () => (tooltip.hidden = true));
canvas.addEventListener('click', (e) => {
  if (drag?.moved) return;
  const el = itemOf(e.target);
  if (el) activate(el);
});

/** Opens the statement behind a device or a link: a failing link opens its first finding, else its first end. */
function activate(el: Element): void {
  const id = el.getAttribute('data-id');
  if (!topology || !id) return;
  let location: TopologyLocation | undefined;
  if (el.classList.contains('link')) {
    const l = linksById.get(id);
    location = l?.findings.find((f) => f.severity === 'error')?.location ?? l?.findings[0]?.location ?? l?.a.location ?? l?.b.location;
  } else location = topology.devices.find((d) => d.id === id)?.location;
  if (location) vscode.postMessage({ type: 'open', location });
}

// ---- filters, search, selection
function applyFilters(): void {
  for (const el of canvas.querySelectorAll<SVGElement>('.link')) {
    const l = linksById.get(el.getAttribute('data-id') ?? '');
    el.classList.toggle('hidden', !!l && (state.hiddenKinds.includes(l.kind) || state.hiddenVerdicts.includes(l.verdict)));
  }
  const q = state.search.trim().toLowerCase();
  for (const el of canvas.querySelectorAll<SVGElement>('.device')) {
    const name = el.querySelector('.name')?.textContent?.toLowerCase() ?? '';
    const hit = q !== '' && name.includes(q);
    el.classList.toggle('match', hit);
    el.classList.toggle('dim', q !== '' && !hit);
  }
  vscode.setState(state);
}

function applySelection(): void {
  for (const el of canvas.querySelectorAll('.device')) el.classList.toggle('selected', selectedUri !== null && el.getAttribute('data-id') === selectedUri);
}

function centreOn(id: string): void {
  const b = layout?.nodes.get(id);
  if (!b || !state.view) return;
  const s = state.view.scale;
  state.view = { scale: s, x: b.x + 20 + b.width / 2 - canvas.clientWidth / s / 2, y: b.y + 20 + b.height / 2 - canvas.clientHeight / s / 2 };
  applyView();
}

search.addEventListener('input', () => {
  state.search = search.value;
  applyFilters();
});
search.addEventListener('keydown', (e) => {
  if (e.key !== 'Enter' || !topology) return;
  const q = state.search.trim().toLowerCase();
  const d = topology.devices.find((x) => x.name.toLowerCase().includes(q));
  if (d) {
    centreOn(d.id);
    (canvas.querySelector(`.device[data-id="${CSS.escape(d.id)}"]`) as SVGElement | null)?.focus();
  }
});
for (const el of app.querySelectorAll<HTMLInputElement>('input[data-kind], input[data-verdict]')) {
  el.addEventListener('change', () => {
    state.hiddenKinds = [...app.querySelectorAll<HTMLInputElement>('input[data-kind]')].filter((x) => !x.checked).map((x) => x.dataset.kind!);
    state.hiddenVerdicts = [...app.querySelectorAll<HTMLInputElement>('input[data-verdict]')].filter((x) => !x.checked).map((x) => x.dataset.verdict!);
    applyFilters();
  });
}
document.getElementById('fit')!.addEventListener('click', () => fit());

// ---- export: the standalone SVG (fixed colours, as the CLI draws it), or a PNG rendered from it on a canvas
function standaloneSvg(): string | undefined {
  return topology && layout ? renderSvg(topology, layout) : undefined;
}
document.getElementById('export-svg')!.addEventListener('click', () => {
  const svg = standaloneSvg();
  if (svg) vscode.postMessage({ type: 'export', format: 'svg', data: svg });
});
document.getElementById('export-png')!.addEventListener('click', () => {
  const svg = standaloneSvg();
  if (!svg || !layout) return;
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  const img = new Image();
  img.onload = () => {
    const c = document.createElement('canvas');
    c.width = img.naturalWidth || Math.ceil(layout!.width + 40);
    c.height = img.naturalHeight || Math.ceil(layout!.height + 70);
    const ctx = c.getContext('2d')!;
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, c.width, c.height);
    ctx.drawImage(img, 0, 0);
    URL.revokeObjectURL(url);
    vscode.postMessage({ type: 'export', format: 'png', data: c.toDataURL('image/png') });
  };
  img.src = url;
});

vscode.postMessage({ type: 'ready' });
