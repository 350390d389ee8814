// Second half of `npm run test:web`: the packaged .vsix in a real VS Code web workbench, offline. code-server
// (e2e/setup.sh) installs it like a user does; the setting `remote.extensionKind: { "netcfg.netcfg": ["web"] }`
// makes the workbench run it in its web worker extension host (LocalWebWorker) instead of the Node one, so the
// web client (client/out/browser.js) starts the worker server (server/out/browser.js) exactly as in vscode.dev,
// with the files reached through the workspace file system (here vscode-remote:). Opens r1.ios of
// examples/site-to-site-ios-routeros and waits for the PSK mismatch on both files in the Problems panel (the other
// file never opened: read by the client for the worker), and checks that no Node server of the extension runs.
// Output in test-results/vscode-web/.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const ENTRY = path.join(root, 'e2e/.tools/node_modules/code-server/out/node/entry.js');
const results = path.join(root, 'test-results/vscode-web');
const RUN = path.join(root, '.cache/vscode-web', `run-${Date.now()}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (m) => process.stdout.write(`vscode-web: ${m}\n`);
function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${res.stdout}${res.stderr}`);
  return res.stdout;
}
async function waitFor(what, probe, pred, ms = 60000) {
  const t0 = Date.now();
  let last;
  for (;;) {
    try {
      last = await probe();
      if (pred(last)) return last;
    } catch (e) {
      last = `probe failed: ${e.message}`;
    }
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last)?.slice(0, 2000)}`);
    await sleep(250);
  }
}

fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });
run('bash', ['e2e/setup.sh'], { stdio: ['ignore', 'inherit', 'inherit'] });
for (const d of ['ud/User', 'exts', 'ws', 'xdg-data', 'xdg-config']) fs.mkdirSync(path.join(RUN, d), { recursive: true });
run(process.execPath, ['esbuild.mjs', '--production']);
const vsix = path.join(RUN, 'netcfg.vsix');
run(path.join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '-o', vsix]);
run(process.execPath, ['esbuild.mjs']);
fs.cpSync(path.join(root, 'examples/site-to-site-ios-routeros'), path.join(RUN, 'ws'), { recursive: true });
const port = await new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
fs.writeFileSync(
  path.join(RUN, 'ud/User/settings.json'),
  JSON.stringify({
    'remote.extensionKind': { 'netcfg.netcfg': ['web'] },
    'workbench.startupEditor': 'none',
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'git.enabled': false,
  }),
);
const env = { ...process.env, XDG_DATA_HOME: path.join(RUN, 'xdg-data'), XDG_CONFIG_HOME: path.join(RUN, 'xdg-config'), EXTENSIONS_GALLERY: '{}' };
const csArgs = ['--user-data-dir', path.join(RUN, 'ud'), '--extensions-dir', path.join(RUN, 'exts')];
run(process.execPath, [ENTRY, ...csArgs, '--install-extension', vsix], { env });
const serverLog = fs.openSync(path.join(results, 'code-server.log'), 'w');
const server = spawn(process.execPath, [ENTRY, ...csArgs, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', path.join(RUN, 'ws')], {
  env,
  detached: true,
  stdio: ['ignore', serverLog, serverLog],
});
const stop = () => {
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
};
process.on('exit', stop);
const base = `http://127.0.0.1:${port}`;
let code = 1;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
const consoleLines = [];
try {
  await waitFor('code-server /healthz', () => fetch(`${base}/healthz`).then((r) => r.status), (s) => s === 200);
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  await page.goto(`${base}/?folder=${encodeURIComponent(path.join(RUN, 'ws'))}`);
  await waitFor('the workbench', () => page.locator('.monaco-workbench').count(), (n) => n > 0);
  await sleep(3000);
  await page.keyboard.press('Control+P');
  await page.locator('.quick-input-widget input').fill('r1.ios');
  await waitFor('r1.ios in Quick Open', () => page.locator('.quick-input-list .monaco-list-row').allInnerTexts(), (r) => r.some((t) => t.includes('r1.ios')));
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+Shift+M');
  const problems = await waitFor(
    'the PSK mismatch in the Problems panel',
    () => page.locator('.markers-panel .monaco-tl-contents').allInnerTexts(),
    // Both files' ipsec/psk-mismatch (each row names the code and the position of its end).
    (rows) => rows.some((r) => /ipsec\/psk-mismatch\s*\[Ln 19, Col 19\]/.test(r)) && rows.some((r) => /ipsec\/psk-mismatch\s*\[Ln 25, Col 72\]/.test(r)),
    120000,
  );
  log(`ok   the PSK mismatch on r1.ios and mikrotik.rsc in the Problems panel (${problems.length} rows)`);
  if (problems.some((r) => /MYKEY|MY_KEY/.test(r))) throw new Error('a secret in the Problems panel');
  const nodeServer = spawnSync('pgrep', ['-f', `${RUN}/exts/.*server/out/server.js`]).stdout.toString().trim();
  if (nodeServer) throw new Error(`the extension's Node server runs (pids ${nodeServer}): not the web extension`);
  if (!consoleLines.some((l) => /LocalWebWorker/.test(l))) log('note: the console did not name the LocalWebWorker extension host');
  log('ok   no Node server process of the extension: the web worker extension host ran it');
  await page.screenshot({ path: path.join(results, 'problems.png') });
  code = 0;
} catch (e) {
  log(`FAIL ${e.message}`);
} finally {
  fs.writeFileSync(path.join(results, 'console.log'), consoleLines.join('\n'));
  const pages = browser.contexts().flatMap((c) => c.pages());
  await pages[0]?.screenshot({ path: path.join(results, 'last.png') }).catch(() => {});
  await browser.close();
  stop();
}
process.exit(code);
