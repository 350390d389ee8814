// `npm run test:e2e`: the packaged .vsix in a real VS Code workbench (code-server from npm), driven by Debian's
// chromium through playwright-core, exactly as a user meets it. Then the extension-host mocha suite (test/vscode/)
// runs inside the same workbench. Installs its tools idempotently (e2e/setup.sh), works in fresh per-run folders,
// stops every process it started by process group, even on failure, and keeps screenshots and logs in test-results/e2e/.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const TOOLS = path.join(root, 'e2e/.tools');
const ENTRY = path.join(TOOLS, 'node_modules/code-server/out/node/entry.js');
const results = path.join(root, 'test-results/e2e');
const RUN = path.join(root, '.cache/e2e', `run-${Date.now()}`);
const only = process.argv.slice(2);

function log(msg) {
  process.stdout.write(`e2e: ${msg}\n`);
}

function fail(msg) {
  console.error(`e2e: ${msg}`);
  process.exit(1);
}

function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', ...opts });
  if (res.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${res.status}):\n${res.stdout ?? ''}${res.stderr ?? ''}`);
  return res.stdout;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Set-up: tools, package, fresh folders, install, start.

fs.rmSync(results, { recursive: true, force: true });
fs.mkdirSync(results, { recursive: true });
run('bash', ['e2e/setup.sh'], { stdio: ['ignore', 'inherit', 'inherit'] });
if (!fs.existsSync(ENTRY)) fail(`code-server is missing at ${ENTRY} after setup`);

log('building and packaging the extension');
run(process.execPath, ['esbuild.mjs', '--production']);
for (const d of ['ud/User', 'exts', 'ws', 'xdg-data', 'xdg-config']) fs.mkdirSync(path.join(RUN, d), { recursive: true });
const vsix = path.join(RUN, 'netcfg.vsix');
run(path.join(root, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '-o', vsix]);
fs.cpSync(path.join(root, 'examples'), path.join(RUN, 'ws'), { recursive: true });

const port = await freePort();
fs.writeFileSync(path.join(RUN, 'config.yaml'), `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
fs.writeFileSync(
  path.join(RUN, 'ud/User/settings.json'),
  JSON.stringify({
    'files.autoSave': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'update.mode': 'none',
    'security.workspace.trust.enabled': false,
    'editor.hover.delay': 100,
    'workbench.colorTheme': 'Default Dark Modern',
    'editor.quickSuggestions': { other: false, comments: false, strings: false },
    'editor.suggest.showInlineDetails': true,
    'files.hotExit': 'off',
    'editor.wordBasedSuggestions': 'off',
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'workbench.editor.restoreViewState': false,
  }),
);
const env = {
  ...process.env,
  XDG_DATA_HOME: path.join(RUN, 'xdg-data'),
  XDG_CONFIG_HOME: path.join(RUN, 'xdg-config'),
  EXTENSIONS_GALLERY: '{}',
  NETCFG_EXT_TEST_REPORT: path.join(RUN, 'ext-tests.json'),
};
const csArgs = ['--config', path.join(RUN, 'config.yaml'), '--user-data-dir', path.join(RUN, 'ud'), '--extensions-dir', path.join(RUN, 'exts')];
run(process.execPath, [ENTRY, ...csArgs, '--install-extension', vsix], { env });

const serverLog = fs.openSync(path.join(RUN, 'code-server.log'), 'w');
const server = spawn(
  process.execPath,
  [ENTRY, ...csArgs, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', path.join(RUN, 'ws')],
  { env, detached: true, stdio: ['ignore', serverLog, serverLog] },
);
let stopped = false;
function stopServer() {
  if (stopped) return;
  stopped = true;
  try {
    process.kill(-server.pid, 'SIGTERM');
  } catch {}
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const alive = spawnSync('pgrep', ['-g', String(server.pid)]).status === 0;
    if (!alive) return;
    spawnSync('sleep', ['0.2']);
  }
  try {
    process.kill(-server.pid, 'SIGKILL');
  } catch {}
}
process.on('exit', stopServer);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
  try {
    const res = await fetch(`${base}/healthz`);
    if (res.ok) break;
  } catch {}
  if (i > 100) fail('code-server did not become ready in 20 s (see test-results/e2e/code-server.log)');
  await new Promise((r) => setTimeout(r, 200));
}
log(`code-server ready on ${base}`);

// ---------------------------------------------------------------------------------------------------------------
// Page helpers.

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
/** The workspace folder of the current scenario; each scenario gets its own (see below). */
let wsPath = path.join(RUN, 'ws');
const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;

async function openWorkbench(payload = []) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const q = new URLSearchParams({ folder: wsPath });
  if (payload.length) q.set('payload', JSON.stringify(payload));
  await page.goto(`${base}/?${q}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  return page;
}

async function openFile(page, rel) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15000 });
  await input.fill(rel);
  const name = rel.split('/').pop();
  await page.locator(`.quick-input-list .monaco-list-row:has-text("${name}")`).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
  await page.locator(`.tab.active:has-text("${name}")`).waitFor({ timeout: 15000 });
  await page.locator('.monaco-editor .view-lines').first().waitFor();
}

/** Waits until the language server answers for the active file: the netcfg status bar item names its device. */
async function waitForServer(page, device) {
  await page.locator('.statusbar-item', { hasText: `· ${device}` }).first().waitFor({ timeout: 60000 });
}

async function goto(page, line, col) {
  await page.keyboard.press('Control+G');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(`${line}:${col}`);
  await page.keyboard.press('Enter');
}

/** 1-based line of the first editor line containing `needle` in the active file (from the workspace copy on disk). */
function lineOf(rel, needle) {
  const lines = fs.readFileSync(path.join(wsPath, rel), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not found in ${rel}`);
  return { line: i + 1, col: lines[i].indexOf(needle) + 1, text: lines[i] };
}

/** Opens the suggest widget with Ctrl+Space; the first press is sometimes swallowed while the editor settles. */
async function triggerSuggest(page) {
  const widget = page.locator('.suggest-widget.visible');
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Control+Space');
    if (await widget.waitFor({ timeout: 3000 }).then(() => true, () => false)) return;
  }
  throw new Error('the suggest widget did not open after five Ctrl+Space presses');
}

/** Runs a command from the command palette by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15000 });
  await page.keyboard.press('Enter');
}

async function problemsRows(page) {
  return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

async function showProblems(page) {
  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ timeout: 15000 });
}

async function waitFor(fn, what, timeout = 30000) {
  const deadline = Date.now() + timeout;
  let last;
  while (Date.now() < deadline) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios: each asserted from what the page shows, each saving a screenshot.

const EXAMPLES = {
  ios: 'site-to-site-ios-routeros/r1.ios',
  routeros: 'site-to-site-ios-routeros/mikrotik.rsc',
  asa: 'asa-remote-access/asa.asa',
  openbsd: 'openbsd-meraki/ipsec.conf',
  bird: 'bird-ospf/bird.conf',
  hub: 'dmvpn-dual-hub/hub1.ios',
};

const scenarios = [
  {
    name: '1-languages-and-highlighting',
    async run(page) {
      const expected = { ios: 'Cisco IOS', routeros: 'MikroTik RouterOS', asa: 'Cisco ASA', openbsd: 'OpenBSD ipsec.conf', bird: 'BIRD' };
      for (const [key, mode] of Object.entries(expected)) {
        await openFile(page, EXAMPLES[key]);
        const status = page.locator('#status\\.editor\\.mode');
        await waitFor(async () => ((await status.innerText()).trim() === mode ? true : undefined), `language mode ${mode} for ${EXAMPLES[key]}`);
        // A comment token and a keyword token must be drawn in different colours by the grammar.
        await waitFor(() => page.evaluate(() => {
          const spans = [...document.querySelectorAll('.monaco-editor .view-lines .view-line span span')];
          const byText = (re) => spans.find((s) => re.test((s.textContent ?? '').replace(/\u00a0/g, ' ').trim()));
          const comment = byText(/^[!#:]\s*\S/);
          const keyword = byText(/^(interface|crypto|ike|protocol|add|set|hostname|router|nameif)$/);
          const res = { comment: comment && getComputedStyle(comment).color, keyword: keyword && getComputedStyle(keyword).color };
          return res.comment && res.keyword && res.comment !== res.keyword ? res : undefined;
        }), `${key}: a comment and a keyword drawn in different colours`, 15000);
        await page.screenshot({ path: path.join(results, `1-${key}.png`) });
      }
    },
  },
  {
    name: '2-psk-mismatch-in-problems',
    async run(page) {
      await openFile(page, EXAMPLES.ios);
      await showProblems(page);
      const rows = await waitFor(async () => {
        const all = await problemsRows(page);
        const psk = all.filter((r) => r.includes('ipsec/psk-mismatch'));
        return psk.length >= 2 ? psk : undefined;
      }, 'ipsec/psk-mismatch on both files in the Problems panel');
      const files = await page.locator('.markers-panel .monaco-list-row .file-icon, .markers-panel .monaco-list-row').allInnerTexts();
      const text = files.join('\n');
      if (!text.includes('r1.ios') || !text.includes('mikrotik.rsc')) throw new Error(`Problems panel does not list both files:\n${text}`);
      for (const r of rows) if (/MY_KEY|MYKEY/.test(r)) throw new Error(`a secret is shown in the Problems panel: ${r}`);
      await page.screenshot({ path: path.join(results, '2-problems.png') });
    },
  },
  {
    name: '3-completion-in-isakmp-policy',
    async run(page) {
      await openFile(page, EXAMPLES.ios);
      await waitForServer(page, 'r1');
      const at = lineOf(EXAMPLES.ios, 'crypto isakmp policy');
      await goto(page, at.line, at.text.length + 1);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(' ');
      await triggerSuggest(page);
      const labels = await page.locator('.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
      for (const want of ['encryption', 'hash', 'group', 'authentication', 'lifetime']) {
        if (!labels.some((l) => l.trim() === want)) throw new Error(`completion lacks '${want}': ${labels.join(', ')}`);
      }
      if (labels.some((l) => l.trim() === 'hostname')) throw new Error('completion offers global commands inside crypto isakmp policy');
      // Docs in the details pane.
      const details = page.locator('.suggest-details-container .suggest-details, .suggest-widget .details');
      // Ctrl+Space while the list is open toggles the details pane (VS Code remembers the last state).
      for (let i = 0; i < 4 && !(await details.first().isVisible().catch(() => false)); i++) {
        await page.keyboard.press('Control+Space');
        await details.first().waitFor({ timeout: 2000 }).catch(() => {});
      }
      await waitFor(async () => ((await details.first().innerText({ timeout: 2000 }).catch(() => '')).trim().length > 20 ? true : undefined), 'completion details with documentation');
      await page.screenshot({ path: path.join(results, '3-completion.png') });
      await page.keyboard.press('Escape');
      await page.keyboard.press('Control+Z');
      await page.keyboard.press('Control+Z');
    },
  },
  {
    name: '4-hover-group-2',
    async run(page) {
      await openFile(page, EXAMPLES.ios);
      await waitForServer(page, 'r1');
      const at = lineOf(EXAMPLES.ios, 'group 2');
      await goto(page, at.line, at.col + 1);
      await runCommand(page, 'Show or Focus Hover');
      const hover = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
      const text = await waitFor(async () => {
        const t = (await hover.allInnerTexts()).join('\n');
        return /group/i.test(t) && /Diffie|DH|modp1024/i.test(t) ? t : undefined;
      }, 'hover documentation for group 2');
      if (/MY_KEY|MYKEY/.test(text)) throw new Error('hover shows a secret');
      await page.screenshot({ path: path.join(results, '4-hover.png') });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: '5-quick-fix-resolves-psk-mismatch',
    async run(page) {
      await openFile(page, EXAMPLES.routeros);
      const at = lineOf(EXAMPLES.routeros, 'secret=');
      await goto(page, at.line, at.text.indexOf('secret=') + 'secret='.length + 2);
      await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
      // The light bulb in the editor opens the quick-fix menu; the command is the fallback when it is not drawn yet.
      const bulb = page.locator('.monaco-editor .lightBulbWidget [class*="codicon-lightbulb"], .monaco-editor [class*="codicon-gutter-lightbulb"]').first();
      if (await bulb.isVisible({ timeout: 5000 }).catch(() => false)) await bulb.click();
      else await runCommand(page, 'Quick Fix...');
      const fix = page.locator('.action-widget .monaco-list-row.action', { hasText: /match|pre-shared key/i }).first();
      await fix.waitFor({ timeout: 15000 });
      await page.screenshot({ path: path.join(results, '5-quick-fix-menu.png') });
      const title = await fix.innerText();
      if (/MY_KEY|MYKEY/.test(title)) throw new Error(`the fix title shows the secret: ${title}`);
      // Move the keyboard focus onto the fix (a mouse click on the row is intercepted by the context view).
      for (let i = 0; i < 6; i++) {
        const focused = await page.locator('.action-widget .monaco-list-row.action.focused').first().innerText().catch(() => '');
        if (/match|pre-shared key/i.test(focused)) break;
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await showProblems(page);
      await waitFor(async () => ((await problemsRows(page)).some((r) => r.includes('ipsec/psk-mismatch')) ? undefined : true), 'the PSK mismatch to disappear from Problems');
      await page.screenshot({ path: path.join(results, '5-after-fix.png') });
    },
  },
  {
    name: '6-dmvpn-hub-snippet',
    async run(page) {
      await openFile(page, EXAMPLES.hub);
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('dmvpn-hub');
      await triggerSuggest(page);
      const row = page.locator('.suggest-widget.visible .monaco-list-row', { hasText: 'dmvpn-hub' }).first();
      await row.waitFor({ timeout: 15000 });
      await page.keyboard.press('Enter');
      const text = await waitFor(async () => {
        const t = (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
        return t.includes('tunnel mode gre multipoint') ? t : undefined;
      }, 'the DMVPN hub snippet text');
      // Tab stops: the first placeholder is selected; Tab moves to the next one.
      const sel1 = await page.evaluate(() => document.getSelection()?.toString() ?? '');
      await page.keyboard.press('Tab');
      await page.screenshot({ path: path.join(results, '6-snippet.png') });
      if (!/snippet/i.test((await page.locator('.monaco-editor').first().getAttribute('class')) ?? '') && !text.includes('ip nhrp')) throw new Error('snippet did not insert NHRP settings');
      void sel1;
    },
  },
  {
    name: '7-outline',
    async run(page) {
      for (const [key, wants] of [
        ['ios', ['Crypto', 'Interfaces', 'Routing', 'Access lists']],
        ['routeros', ['/interface bridge', '/ip address', '/ip route', '/ip ipsec peer', '/ip ipsec policy']],
      ]) {
        await openFile(page, EXAMPLES[key]);
        await page.keyboard.press('Control+Shift+P');
        await page.locator('.quick-input-widget input').waitFor();
        await page.keyboard.type('Explorer: Focus on Outline View');
        await page.keyboard.press('Enter');
        const outline = page.locator('.outline-pane .monaco-list-row, [id="outline"] .monaco-list-row');
        await outline.first().waitFor({ timeout: 30000 });
        await outline.first().click();
        // Collapse every section (Left on an expanded row collapses it; Down then moves to the next section),
        // so all sections fit in the pane.
        await page.keyboard.press('Home');
        const seen = new Set();
        await waitFor(async () => {
          for (const r of await outline.allInnerTexts()) seen.add(r.trim().toLowerCase());
          await page.keyboard.press('ArrowLeft');
          await page.keyboard.press('ArrowDown');
          const all = [...seen].join('\n');
          return wants.every((w) => all.includes(w.toLowerCase())) ? true : undefined;
        }, `outline of ${EXAMPLES[key]} to list ${wants.join(', ')}`, 20000);
        await page.screenshot({ path: path.join(results, `7-outline-${key}.png`) });
      }
    },
  },
  {
    name: '8-edit-updates-peer-without-saving',
    async run(page) {
      await openFile(page, EXAMPLES.ios);
      await showProblems(page);
      const iosHasPsk = async () => (await problemsRows(page)).some((r) => r.includes('ipsec/psk-mismatch'));
      await waitFor(async () => ((await iosHasPsk()) ? true : undefined), 'the PSK mismatch before the edit');
      await openFile(page, EXAMPLES.routeros);
      const at = lineOf(EXAMPLES.routeros, 'secret=');
      const m = /secret="?([^"\s]+)"?/.exec(at.text);
      const start = at.text.indexOf(m[1]);
      await goto(page, at.line, start + 1);
      await page.keyboard.down('Shift');
      for (let i = 0; i < m[1].length; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.up('Shift');
      const iosKey = /crypto isakmp key (\S+)/.exec(fs.readFileSync(path.join(wsPath, EXAMPLES.ios), 'utf8'))[1];
      await page.keyboard.type(iosKey);
      await waitFor(async () => ((await iosHasPsk()) ? undefined : true), 'the PSK mismatch to disappear from both files without saving');
      const dirty = await page.locator('.tab.active.dirty').count();
      if (dirty !== 1) throw new Error('the edited file was saved; the scenario needs an unsaved edit');
      await page.screenshot({ path: path.join(results, '8-peer-updated.png') });
    },
  },
];

let passed = 0;
let failed = 0;
try {
  for (const sc of scenarios) {
    if (only.length && !only.some((o) => sc.name.includes(o))) continue;
    // A fresh workspace copy in a NEW folder per scenario: the workbench keys unsaved-editor backups by workspace,
    // so reusing one folder would bring an earlier scenario's unsaved edits (fixes, snippets) back.
    wsPath = path.join(RUN, `ws-${sc.name}`);
    fs.cpSync(path.join(root, 'examples'), wsPath, { recursive: true });
    const page = await openWorkbench();
    const t0 = Date.now();
    try {
      await sc.run(page);
      passed++;
      log(`ok   ${sc.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      log(`FAIL ${sc.name}: ${err.message}`);
      await page.screenshot({ path: path.join(results, `${sc.name}-FAILED.png`) }).catch(() => {});
    } finally {
      await page.context().close();
    }
  }

  // Extension-host tests (mocha inside code-server's extension host, with the vscode API).
  if (!only.length || only.includes('vscode')) {
    wsPath = path.join(RUN, 'ws-vscode-suite');
    fs.cpSync(path.join(root, 'examples'), wsPath, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    let exit;
    await page.exposeFunction('codeAutomationExit', (code) => {
      exit = code;
    });
    const q = new URLSearchParams({
      folder: wsPath,
      payload: JSON.stringify([
        ['extensionDevelopmentPath', remote(root)],
        ['extensionTestsPath', remote(path.join(root, 'test/vscode/suite.cjs'))],
      ]),
    });
    await page.goto(`${base}/?${q}`);
    await waitFor(async () => (exit === undefined ? undefined : true), 'the extension-host suite to finish', 120000).catch((e) => {
      exit = 1;
      log(`FAIL extension-host suite: ${e.message}`);
    });
    const reportFile = env.NETCFG_EXT_TEST_REPORT;
    const report = fs.existsSync(reportFile) ? JSON.parse(fs.readFileSync(reportFile, 'utf8')) : { passed: 0, failed: 1, failures: ['no report written'] };
    for (const f of report.failures ?? []) log(`FAIL vscode: ${f}`);
    passed += report.passed;
    failed += report.failed + (exit !== 0 && report.failed === 0 ? 1 : 0);
    log(`extension-host suite: ${report.passed} passed, ${report.failed} failed (exit ${exit})`);
    await page.screenshot({ path: path.join(results, 'vscode-suite.png') }).catch(() => {});
    await context.close();
  }
} finally {
  await browser.close().catch(() => {});
  stopServer();
  fs.copyFileSync(path.join(RUN, 'code-server.log'), path.join(results, 'code-server.log'));
  const logs = path.join(RUN, 'ud/logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, path.join(results, 'logs'), { recursive: true });
}

console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
