// node bird-phase.mjs ROOT : times reparseBird on the 100k bench file (char insert/delete in the middle), main-thread CPU
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';
const root = path.resolve(process.argv[2]);
const out = `/tmp/incr-lower/bird-${Buffer.from(root).toString('hex').slice(-12)}.cjs`;
await esbuild.build({ stdin: { contents: `export * from ${JSON.stringify(root + '/server/src/dialects/bird')};`, resolveDir: root }, bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error', nodePaths: [root + '/node_modules', '/work/wt-incr-lower/node_modules'], external: ['esbuild'] });
const api = createRequire(import.meta.url)(out);
const text0 = (await import(root + '/bench/editor.mjs')).bird100k();
const line = text0.split('\n').findIndex((l, i) => i > 50_000 && l.includes('local as'));
let at = 0; for (let i = 0; i < line; i++) at = text0.indexOf('\n', at) + 1; at += 12;
let prev = api.parseBird(text0); let text = text0;
const times = [], lows = [];
for (let s = 0; s < 60; s++) {
  const ins = s % 2 === 0;
  const next = ins ? text.slice(0, at) + 'x' + text.slice(at) : text.slice(0, at) + text.slice(at + 1);
  const span = ins ? { start: at, oldEnd: at, newEnd: at + 1 } : { start: at, oldEnd: at + 1, newEnd: at };
  const c = process.cpuUsage();
  const p = api.reparseBird(prev, span, next) ?? api.parseBird(next);
  const d = process.cpuUsage(c); times.push((d.user + d.system) / 1000);
  const c2 = process.cpuUsage();
  api.birdDialect.lower(p, 'file:///b.bird', {});
  const d2 = process.cpuUsage(c2); lows.push((d2.user + d2.system) / 1000);
  prev = p; text = next;
}
const med = (a) => a.slice(5).sort((x, y) => x - y)[Math.floor((a.length - 5) / 2)].toFixed(1);
console.log(root, 'reparse p50', med(times), 'lower p50', med(lows));
