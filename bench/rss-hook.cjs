// Preloaded into the CLI by bench.mjs (`node --require`): writes the process's peak RSS (KiB) to $NETCFG_RSS_FILE on exit.
const fs = require('node:fs');
process.on('exit', () => {
  if (process.env.NETCFG_RSS_FILE) fs.writeFileSync(process.env.NETCFG_RSS_FILE, String(process.resourceUsage().maxRSS));
});
