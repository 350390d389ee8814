// `npm run corpus`: parses every real config under ../shared/corpus (skips cleanly when absent) with the language
// service and prints one JSON summary per dialect: files, lines, parse+check time, error-/warning-level diagnostics
// per 1,000 lines, the most frequent codes, every remaining error (file:line code message) so each can be judged, and
// the catalog coverage: the share of command lines hover finds in the catalog, overall and inside interface/IKE/IPsec/
// OSPF sections, with the 20 most frequent unknown keyword paths (coverage.ts).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const corpus = process.env.NETCFG_CORPUS ?? path.resolve(root, '../shared/corpus');
if (!fs.existsSync(corpus)) {
  console.log(JSON.stringify({ skipped: `no corpus at ${corpus}` }));
  process.exit(0);
}

const bundle = path.join(root, '.cache', 'corpus', 'service.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'server/src/service.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: bundle, logLevel: 'warning' });
const { createLanguageService } = createRequire(import.meta.url)(bundle);
// Catalog coverage (coverage.ts): bundled the same way, so it classifies with the very catalogs the service uses.
const coverageBundle = path.join(root, '.cache', 'corpus', 'coverage.cjs');
await esbuild.build({ entryPoints: [path.join(root, 'test/corpus/coverage.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: coverageBundle, logLevel: 'warning' });
const { classify, CoverageTally } = createRequire(import.meta.url)(coverageBundle);

// MANIFEST.tsv marks include fragments that are not meant to be checked on their own.
const fragments = new Set();
const manifest = path.join(corpus, 'MANIFEST.tsv');
if (fs.existsSync(manifest)) {
  const [header, ...rows] = fs.readFileSync(manifest, 'utf8').split('\n');
  const cols = header.split('\t');
  for (const row of rows) {
    const cells = row.split('\t');
    const rec = Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
    if (/fragment/.test(rec.note ?? '') || /fragment/.test(rec.bird_p ?? '')) fragments.add(rec.path);
  }
}

const LISTINGS = /__t183452-using-ai-to-help-configuring-routeros-and-scripting__|__t268717-list-of-all-attributes-that-support-scripting__/;
const DIALECT_OF_DIR = { ios: 'cisco-ios', asa: 'cisco-asa', routeros: 'routeros', 'openbsd-ipsec': 'openbsd-ipsec', bird1: 'bird', bird2: 'bird', strongswan: 'strongswan' };

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const summary = {};
for (const [dir, dialect] of Object.entries(DIALECT_OF_DIR)) {
  const base = path.join(corpus, dir);
  if (!fs.existsSync(base)) continue;
  const files = walk(base, []).filter((f) => !f.endsWith('.ok') && !fragments.has(path.relative(corpus, f)));
  // The corpus mixes unrelated labs that reuse the same private subnets; pairing them would report tunnels and
  // adjacencies that exist in no real network. Each source network gets its own workspace: a folder, or the file-name
  // prefix before the last `__` (`batfish__testrigs-ios-crypto-ipsec__r1.cfg` → the `ios-crypto-ipsec` testrig).
  const services = new Map();
  const serviceOf = (f) => {
    const rel = path.relative(base, f);
    const name = path.basename(rel);
    let group = name.includes('__') ? name.slice(0, name.lastIndexOf('__')) : name;
    // Parser test inputs (Batfish `*testconfigs`, ipsecctl regress) are single, unrelated devices: each stands alone,
    // except the two ends ipsecctl's regress suite wrote for each other (ike6 active ↔ ike7 passive).
    if (/testconfigs|regress/.test(group)) group = /__ike[67]\.in$/.test(name) ? 'ipsecctl-ike6-ike7' : name;
    const key = `${path.dirname(rel)}/${group}`;
    if (!services.has(key)) services.set(key, createLanguageService());
    return services.get(key);
  };
  let lines = 0;
  const t0 = performance.now();
  for (const f of files) {
    const text = fs.readFileSync(f, 'utf8');
    lines += text.split('\n').length;
    serviceOf(f).setDocument(`file://${f}`, text, 1, dialect);
  }
  // Batfish's ANTLR grammar sources (`asa/*.g4.cfg`) are not configs: they are left out of the coverage figures.
  // Two RouterOS forum snippets are command listings, not configurations (every new argument of 7.19; every
  // scriptable attribute): the figures are also given without them.
  const tally = new CoverageTally();
  const configsOnly = new CoverageTally();
  let listings = 0;
  for (const f of files) {
    if (f.endsWith('.g4.cfg')) continue;
    const fc = classify(dialect, fs.readFileSync(f, 'utf8'));
    tally.add(fc);
    if (LISTINGS.test(f)) listings++;
    else configsOnly.add(fc);
  }
  const codes = new Map();
  const errors = [];
  let nErrors = 0;
  let nWarnings = 0;
  for (const f of files) {
    const uri = `file://${f}`;
    const service = serviceOf(f);
    const doc = service.getDocument(uri);
    for (const d of service.getFindings(uri)) {
      codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
      if (d.severity === 'error') {
        nErrors++;
        const line = doc.text.slice(0, d.range.start).split('\n').length;
        errors.push(`${path.relative(corpus, f)}:${line} ${d.code} ${d.message}`);
      } else if (d.severity === 'warning') nWarnings++;
    }
  }
  const ms = performance.now() - t0;
  summary[dir] = {
    dialect,
    files: files.length,
    workspaces: services.size,
    lines,
    ms: Number(ms.toFixed(1)),
    errorsPer1000Lines: Number(((nErrors * 1000) / Math.max(1, lines)).toFixed(3)),
    warningsPer1000Lines: Number(((nWarnings * 1000) / Math.max(1, lines)).toFixed(3)),
    topCodes: [...codes.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([code, n]) => ({ code, n })),
    errors: errors.slice(0, 400),
    coverage: tally.summary(20),
    ...(listings ? { coverageWithoutListings: { ...configsOnly.summary(20), filesLeftOut: listings } } : {}),
  };
}
console.log(JSON.stringify(summary, null, 2));
