// Preloaded into the CLI (`node --require bench/cpu-hook.cjs`): on exit, writes to stderr the CPU time (user +
// system, ms) of the main thread (/proc/thread-self/stat) and of the whole process (/proc/self/stat, which counts
// threads that have ended too: workers, V8's GC and compiler helpers), and the wall time since the hook loaded.
// Linux only. The CPU of each thread does not depend on the machine's load the way wall time does.
const fs = require('node:fs');
const { isMainThread } = require('node:worker_threads');
const t0 = Date.now();
const ticks = (file) => {
  const f = fs.readFileSync(file, 'utf8');
  const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(rest[11]) + Number(rest[12])) * 10; // utime + stime, in 10 ms clock ticks
};
if (isMainThread) {
  process.on('exit', () => {
    const main = ticks('/proc/thread-self/stat');
    const all = ticks('/proc/self/stat');
    process.stderr.write(`cpu-hook: wall ${Date.now() - t0} ms, main thread ${main} ms, process ${all} ms, other threads ${all - main} ms, cpu/wall ${(all / (Date.now() - t0)).toFixed(2)}\n`);
  });
}
