// Builds the bundles: client/out/extension.js, server/out/server.js (its own indexing worker), server/out/cli.js with its worker (server/out/worker.js)
// and elkjs (server/out/elk.js), the web extension (client/out/browser.js and its web worker server, server/out/browser.js,
// which must hold no Node built-in: the build fails if one sneaks in, and test/web/bundle.test.ts reads the metafile
// written next to it), and the topology webview's script, stylesheet and layout worker in client/out/topology/.
// `--if-stale` skips the build when every bundle is newer than every source file (used by npm test/demo).
// `--production` minifies; `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const root = path.dirname(new URL(import.meta.url).pathname);

const bundles = [
  { entryPoints: ['client/src/node.ts'], outfile: 'client/out/extension.js', external: ['vscode'] },
  { entryPoints: ['server/src/server.ts'], outfile: 'server/out/server.js', external: [] },
  { entryPoints: ['server/src/cli.ts'], outfile: 'server/out/cli.js', external: [], banner: { js: '#!/usr/bin/env node' } },
  // The CLI's worker threads (server/src/host/pool.ts), loaded from the folder of cli.js, shipped in the npm package.
  // The server's indexing workers run server.js itself (server.ts off the main thread): the .vsix has no worker.js.
  { entryPoints: ['server/src/host/worker.ts'], outfile: 'server/out/worker.js', external: [] },
  // elkjs for `netcfg graph --format svg`, loaded on demand so `netcfg check` does not pay for parsing it.
  { entryPoints: ['server/src/host/elk.ts'], outfile: 'server/out/elk.js', external: [] },
];

// The web extension (package.json `browser`): the client, loaded by VS Code's web worker extension host as a CommonJS
// module, and the language server's web worker (server/src/browser.ts). No Node built-in in either: `node:crypto`
// (SHA-256 of the fingerprints) resolves to server/src/browser-sha256.ts, anything else fails the build.
const BROWSER_SERVER_META = 'server/out/browser.meta.json';
const browserBundles = [
  { entryPoints: ['client/src/browser.ts'], outfile: 'client/out/browser.js', format: 'cjs', external: ['vscode'] },
  { entryPoints: ['server/src/browser.ts'], outfile: 'server/out/browser.js', format: 'iife', metafile: true, meta: BROWSER_SERVER_META },
];

/** Resolves `node:crypto` to the worker's own SHA-256 (the only Node API the shared code uses without IO). */
export const browserShims = {
  name: 'netcfg-browser-shims',
  setup(build) {
    build.onResolve({ filter: /^(node:)?crypto$/ }, () => ({ path: path.join(root, 'server/src/browser-sha256.ts') }));
  },
};

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Every import of a Node built-in (or of anything left external but `allowed`) in a browser bundle, from esbuild's metafile. */
export function nodeImports(metafile, allowed = []) {
  const found = [];
  for (const [file, input] of Object.entries(metafile.inputs)) {
    for (const imp of input.imports) {
      const builtin = NODE_BUILTINS.has(imp.path) || imp.path.startsWith('node:');
      // A relative import listed as external is one TypeScript elides (only types used): nothing is loaded.
      const bare = !/^[./]/.test(imp.path);
      if (builtin || (imp.external && bare && !allowed.includes(imp.path))) found.push(`${file} imports ${imp.path}`);
    }
  }
  return found;
}

// The topology webview (browser code): its script (+ CSS) and the layout worker, loaded from client/out/topology.
const webBundles = [
  { entryPoints: { main: 'webview/src/main.ts' }, outdir: 'client/out/topology' },
];
/** The layout worker is elkjs's own worker script, copied as is (elk-api in main.js drives it). */
const ELK_WORKER = ['node_modules/elkjs/lib/elk-worker.min.js', 'client/out/topology/worker.js'];

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (/\.(ts|json|css)$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isStale() {
  const sources = Math.max(newestMtime(path.join(root, 'server/src')), newestMtime(path.join(root, 'client/src')), newestMtime(path.join(root, 'webview/src')), fs.statSync(path.join(root, 'package.json')).mtimeMs);
  const outputs = [...bundles.map((b) => b.outfile), ...browserBundles.map((b) => b.outfile), BROWSER_SERVER_META, 'client/out/topology/main.js', 'client/out/topology/worker.js'];
  return outputs.some((outfile) => {
    const out = path.join(root, outfile);
    return !fs.existsSync(out) || fs.statSync(out).mtimeMs < sources;
  });
}


// Test hooks the shipped bundles must not honour (the .vsix and the npm package are built with --production): fault
// injection and the measurement switch of the pool read these variables; production builds read undefined instead.
const TEST_ONLY_ENV = ['NETCFG_TEST_FAULT', 'NETCFG_POOL_LOCAL'];

const common = {
  absWorkingDir: root,
  define: production ? Object.fromEntries(TEST_ONLY_ENV.map((v) => [`process.env.${v}`, 'undefined'])) : {},
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
};

const web = { ...common, platform: 'browser', format: 'iife', target: 'es2022', sourcemap: false };
export const browser = { ...common, platform: 'browser', target: 'es2022', plugins: [browserShims] };

/** Builds one browser bundle and refuses it (removing the output) when it imports a Node built-in. */
async function buildBrowser({ meta, ...b }, watch) {
  const options = { ...browser, ...b, metafile: true };
  if (watch) return (await esbuild.context(options)).watch();
  const res = await esbuild.build(options);
  const bad = nodeImports(res.metafile, b.external ?? []);
  if (bad.length) {
    fs.rmSync(path.join(root, b.outfile), { force: true });
    throw new Error(`${b.outfile} must not import Node built-ins:\n  ${bad.join('\n  ')}`);
  }
  if (meta) fs.writeFileSync(path.join(root, meta), JSON.stringify(res.metafile));
}

// Imported by test/web/bundle.test.ts for `nodeImports` and the browser options: build only when run.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (args.has('--if-stale') && !isStale()) process.exit(0);
  if (args.has('--watch')) {
    for (const b of bundles) (await esbuild.context({ ...common, ...b })).watch();
    for (const b of webBundles) (await esbuild.context({ ...web, ...b })).watch();
    for (const b of browserBundles) await buildBrowser(b, true);
    fs.mkdirSync(path.join(root, 'client/out/topology'), { recursive: true });
    fs.copyFileSync(path.join(root, ELK_WORKER[0]), path.join(root, ELK_WORKER[1]));
  } else {
    await Promise.all([
      ...bundles.map((b) => esbuild.build({ ...common, ...b })),
      ...webBundles.map((b) => esbuild.build({ ...web, ...b })),
      ...browserBundles.map((b) => buildBrowser(b, false)),
    ]);
    fs.copyFileSync(path.join(root, ELK_WORKER[0]), path.join(root, ELK_WORKER[1]));
    fs.chmodSync(path.join(root, 'server/out/cli.js'), 0o755);
  }
}
