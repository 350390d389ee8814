// `netcfg graph` through the built CLI: JSON with paths relative to the working directory, DOT, Mermaid, and SVG
// laid out by elkjs without a browser — well-formed XML with every device drawn and links coloured by verdict.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { CLI, ensureBuilt, ROOT } from '../cli/build';

ensureBuilt();

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(process.execPath, [CLI, 'graph', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Well-formedness of an XML document: one root, balanced tags, quoted attributes, known entities only. Returns the elements as [name, attributes]. */
function parseXml(xml: string): [string, Record<string, string>][] {
  const elements: [string, Record<string, string>][] = [];
  const stack: string[] = [];
  let roots = 0;
  const re = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->|<\?xml[^>]*\?>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[6]) throw new Error(`stray '<' at ${m.index}: ${xml.slice(m.index, m.index + 40)}`);
    if (m[5] !== undefined) {
      if (stack.length === 0 && m[5].trim()) throw new Error(`text outside the root at ${m.index}`);
      for (const e of m[5].match(/&[^;]*;?/g) ?? []) if (!/^&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);$/i.test(e)) throw new Error(`bad entity ${e}`);
      continue;
    }
    if (!m[2]) continue;
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[2]) throw new Error(`</${m[2]}> closes <${open}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of m[3].matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (a[1] in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      for (const e of a[2].match(/&[^;]*;?/g) ?? []) if (!/^&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);$/i.test(e)) throw new Error(`bad entity ${e}`);
      attrs[a[1]] = a[2];
    }
    if (stack.length === 0 && ++roots > 1) throw new Error('two roots');
    elements.push([m[2], attrs]);
    if (!m[4]) stack.push(m[2]);
  }
  if (stack.length) throw new Error(`unclosed <${stack.join('> <')}>`);
  return elements;
}

test('the XML checker rejects what it must', () => {
  assert.throws(() => parseXml('<svg><g></svg>'));
  assert.throws(() => parseXml('<svg a="1" a="2"/>'));
  assert.throws(() => parseXml('<svg>a & b</svg>'));
  assert.throws(() => parseXml('<svg/><svg/>'));
  assert.equal(parseXml('<svg x="&lt;"><g/></svg>').length, 2);
});

test('graph --format json: the IOS↔RouterOS pair with relative paths, 1-based positions and the masked finding', () => {
  const r = run(['examples/site-to-site-ios-routeros']);
  assert.equal(r.status, 0, r.stderr);
  const g = JSON.parse(r.stdout);
  assert.equal(g.version, 1);
  assert.deepEqual(
    g.devices.map((d: { id: string; name: string; dialect: string; location: { line: number } }) => `${d.id} ${d.name} ${d.dialect} ${d.location.line}`),
    ['examples/site-to-site-ios-routeros/mikrotik.rsc mikrotik routeros 32', 'examples/site-to-site-ios-routeros/r1.ios r1 cisco-ios 11'],
  );
  assert.equal(g.links.length, 1);
  const l = g.links[0];
  assert.deepEqual([l.kind, l.verdict, l.a.label, l.a.location.file, l.a.location.line, l.b.label, l.b.location.file, l.b.location.line], ['ipsec-crypto-map', 'error', '/ip ipsec peer 192.168.23.3/32', 'examples/site-to-site-ios-routeros/mikrotik.rsc', 25, 'crypto map MYCRYPTOMAP 10', 'examples/site-to-site-ios-routeros/r1.ios', 26]);
  assert.deepEqual(l.findings.map((f: { code: string; severity: string; location: { file: string; line: number } }) => `${f.code} ${f.severity} ${f.location.file}:${f.location.line}`), ['ipsec/psk-mismatch error examples/site-to-site-ios-routeros/mikrotik.rsc:25', 'ipsec/psk-mismatch error examples/site-to-site-ios-routeros/r1.ios:19']);
});

test('graph --format svg: the DMVPN dual hub as well-formed SVG with every device, every link coloured ok, and a legend', () => {
  const r = run(['--format', 'svg', 'examples/dmvpn-dual-hub']);
  assert.equal(r.status, 0, r.stderr);
  const els = parseXml(r.stdout);
  assert.equal(els[0][0], 'svg');
  assert.equal(els[0][1].xmlns, 'http://www.w3.org/2000/svg');
  const devices = els.filter(([n, a]) => n === 'g' && /\bdevice\b/.test(a.class ?? '')).map(([, a]) => a['data-id'].replace(/^.*\//, ''));
  assert.deepEqual(devices.sort(), ['hub1.ios', 'hub2.ios', 'spoke1.ios', 'spoke2.ios']);
  const links = els.filter(([n, a]) => n === 'polyline' && /\blink\b/.test(a.class ?? ''));
  assert.equal(links.length, 9);
  for (const [, a] of links) {
    assert.equal(a.stroke, '#2e7d32');
    assert.match(a.points, /^-?[\d.]+,-?[\d.]+( -?[\d.]+,-?[\d.]+)+$/);
  }
  for (const name of ['hub1', 'hub2', 'spoke1', 'spoke2']) assert.ok(r.stdout.includes(`>${name}</text>`), name);
  assert.ok(r.stdout.includes('peer unknown') && r.stdout.includes('failing (error)'), 'legend');
});

test('graph --format svg: a failing link is red and its title lists the finding, secret masked', () => {
  const r = run(['--format', 'svg', 'examples/site-to-site-ios-routeros']);
  assert.equal(r.status, 0, r.stderr);
  const els = parseXml(r.stdout);
  const links = els.filter(([n, a]) => n === 'polyline' && /\blink\b/.test(a.class ?? ''));
  assert.deepEqual(links.map(([, a]) => `${a.class} ${a.stroke}`), ['link error kind-ipsec-crypto-map #c62828']);
  assert.match(r.stdout, /<title>ipsec-crypto-map: mikrotik \/ip ipsec peer 192\.168\.23\.3\/32 — r1 crypto map MYCRYPTOMAP 10 \(error\)\nerror ipsec\/psk-mismatch: /);
});

test('graph --format dot and mermaid: one node per device, one edge per link with its colour', () => {
  const dot = run(['--format', 'dot', 'examples/site-to-site-ios-routeros']);
  assert.equal(dot.status, 0, dot.stderr);
  assert.equal(dot.stdout, ['graph netcfg {', '  graph [rankdir=LR];', '  node [shape=box, style=rounded, fontname="sans-serif"];', '  edge [fontname="sans-serif", fontsize=10];', '  n0 [label="mikrotik\\nrouteros"];', '  n1 [label="r1\\ncisco-ios"];', '  n0 -- n1 [label="ipsec-crypto-map\\nipsec/psk-mismatch", color="#c62828"];', '}', ''].join('\n'));
  const mm = run(['--format', 'mermaid', 'examples/site-to-site-ios-routeros']);
  assert.equal(mm.stdout, ['flowchart LR', '  n0["mikrotik (routeros)"]', '  n1["r1 (cisco-ios)"]', '  n0 ---|"ipsec-crypto-map: ipsec/psk-mismatch"| n1', '  linkStyle 0 stroke:#c62828,stroke-width:2px', ''].join('\n'));
});

test('graph: a bad format is a usage error', () => {
  const r = run(['--format', 'png', 'examples']);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, "netcfg: invalid --format 'png' (expected json, dot, mermaid or svg)\n");
});

test('graph --format svg over a generated 1,000-device fleet: well-formed, every device and link drawn', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-graph-'));
  try {
    spawnSync(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(path.join(ROOT, 'bench/generate.mjs'))}).then(m => m.generate(${JSON.stringify(dir)}, { devices: 1000, lines: 60000 }))`]);
    const json = spawnSync(process.execPath, [CLI, 'graph', dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(json.status, 0, json.stderr);
    const g = JSON.parse(json.stdout);
    assert.equal(g.devices.length, 1107);
    assert.equal(g.links.length, 907);
    const r = spawnSync(process.execPath, [CLI, 'graph', '--format', 'svg', dir], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const els = parseXml(r.stdout);
    const drawn = new Set(els.filter(([n, a]) => n === 'g' && /\bdevice\b/.test(a.class ?? '')).map(([, a]) => a['data-id']));
    assert.equal(drawn.size, 1107);
    for (const d of g.devices) assert.ok(drawn.has(d.id.startsWith('unknown:') ? d.id : `file://${path.join(dir, path.basename(d.id))}`) || drawn.has(d.id), d.id);
    assert.equal(els.filter(([n, a]) => n === 'polyline' && /\blink\b/.test(a.class ?? '')).length, 907);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
