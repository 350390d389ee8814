// Preloaded into the CLI by test/cli/paths.test.ts (`node -r`): writes the process's peak resident set size
// in KiB to the file named by NETCFG_TEST_RSS_FILE when it exits, to prove a read stayed bounded.
const fs = require('node:fs');

process.on('exit', () => {
  const file = process.env.NETCFG_TEST_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS));
});
