// Summarises V8 CPU profiles (`node --cpu-prof`): the top self times by function, as % of the profile's total,
// and the inclusive time of a few named functions. Used to name the top costs in docs/performance.md.
//   node bench/cpuprof.mjs FILE.cpuprofile... [--top N] [--incl name1,name2]
// With several files (a main thread and its workers) each is summarised on its own.
import * as fs from 'node:fs';

const argv = process.argv.slice(2);
let top = 25;
let incl = [];
const files = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--top') top = Number(argv[++i]);
  else if (argv[i] === '--incl') incl = argv[++i].split(',');
  else files.push(argv[i]);
}

for (const file of files) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map();
  for (const n of prof.nodes) byId.set(n.id, n);
  const parent = new Map();
  for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Self time per node from the samples and their time deltas.
  const self = new Map();
  let total = 0;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
  }
  const name = (n) => {
    const cf = n.callFrame;
    const fn = cf.functionName || '(anonymous)';
    const where = cf.url ? `${cf.url.replace(/^.*\//, '')}:${cf.lineNumber + 1}` : '';
    return where ? `${fn} ${where}` : fn;
  };
  const byName = new Map();
  for (const [id, t] of self) {
    const k = name(byId.get(id));
    byName.set(k, (byName.get(k) ?? 0) + t);
  }
  const rows = [...byName].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`\n${file}: ${(total / 1000).toFixed(0)} ms sampled`);
  for (const [k, t] of rows) console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(6)} ms  ${k}`);
  if (incl.length) {
    // Inclusive: a sample counts once for a name if any frame on its stack has that function name.
    const inclusive = new Map(incl.map((n) => [n, 0]));
    const stackNames = new Map();
    const namesOf = (id) => {
      let s = stackNames.get(id);
      if (s) return s;
      s = new Set();
      for (let at = id; at !== undefined; at = parent.get(at)) s.add(byId.get(at).callFrame.functionName);
      stackNames.set(id, s);
      return s;
    };
    for (let i = 0; i < prof.samples.length; i++) {
      const s = namesOf(prof.samples[i]);
      for (const n of incl) if (s.has(n)) inclusive.set(n, inclusive.get(n) + (prof.timeDeltas[i] ?? 0));
    }
    for (const [n, t] of inclusive) console.log(`incl ${((100 * t) / total).toFixed(1).padStart(5)}%  ${(t / 1000).toFixed(0).padStart(6)} ms  ${n}`);
  }
}
