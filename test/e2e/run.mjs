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
// Waiting. Every read of the page goes through waitFor: the workbench renders asynchronously (the suggest widget
// shows before its rows, the Problems panel before its markers), so a single read races the renderer on a loaded
// machine. waitFor polls until the expected state is there; on timeout it reports the last state it saw and saves a
// screenshot, so a failure says what was on screen instead of "not found".

/** The page to screenshot when a wait times out, and the scenario naming the screenshot. */
let activePage;
let activeName = 'setup';
let timeouts = 0;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function describe(v) {
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s === undefined ? String(v) : s.length > 2000 ? `${s.slice(0, 2000)}… (${s.length} chars)` : s;
}

/**
 * Polls `probe()` until `predicate(value)` holds and returns that value. A probe that throws is a failed poll (its
 * error is the state seen). On timeout it throws with the last state seen and a screenshot of the active page.
 * Probes must not wait themselves (use allInnerTexts/count/isVisible, not innerText/waitFor), so polls stay short.
 */
async function waitFor(description, probe, predicate, timeoutMs = 30000) {
  const t0 = Date.now();
  let last = '(never probed)';
  let polls = 0;
  for (;;) {
    polls++;
    try {
      const v = await probe();
      if (await predicate(v)) return v;
      last = v;
    } catch (err) {
      last = `probe failed: ${String(err?.message ?? err).split('\n')[0]}`;
    }
    if (Date.now() - t0 >= timeoutMs) break;
    await sleep(polls < 8 ? 100 : 250);
  }
  let shot = '';
  if (activePage) {
    const file = `${activeName}-timeout-${++timeouts}.png`;
    await activePage.screenshot({ path: path.join(results, file), timeout: 15000 }).then(() => (shot = `; screenshot test-results/e2e/${file}`), () => {});
  }
  throw new Error(`timed out after ${Date.now() - t0} ms (${polls} polls) waiting for ${description}; last seen: ${describe(last)}${shot}`);
}

/** Calls `action` at most once per `everyMs`: for probes that must re-press a key the workbench sometimes swallows. */
function throttled(action, everyMs) {
  let at = -Infinity;
  return async () => {
    if (Date.now() - at < everyMs) return;
    at = Date.now();
    await action();
  };
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
await waitFor(
  'code-server to answer /healthz (see test-results/e2e/code-server.log)',
  () => fetch(`${base}/healthz`).then((res) => `HTTP ${res.status}`),
  (status) => status === 'HTTP 200',
  60000,
);
log(`code-server ready on ${base}`);

// ---------------------------------------------------------------------------------------------------------------
// Page helpers. Each step waits for the state it leads to (through waitFor) before the next key is pressed.

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
});
/** The workspace folder of the current scenario; each scenario gets its own (see below). */
let wsPath = path.join(RUN, 'ws');
const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
const texts = async (locator) => (await locator.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').trim());
const visible = (locator) => locator.first().isVisible();

async function openWorkbench(payload = []) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  activePage = page;
  const q = new URLSearchParams({ folder: wsPath });
  if (payload.length) q.set('payload', JSON.stringify(payload));
  await page.goto(`${base}/?${q}`);
  await waitFor('the workbench to load', () => page.locator('.monaco-workbench').count(), (n) => n > 0, 60000);
  return page;
}

/** Waits until the quick input (Quick Open, palette, Go to Line) is open. */
async function quickInput(page, what) {
  const input = page.locator('.quick-input-widget input');
  await waitFor(`the quick input for ${what}`, () => visible(input), Boolean, 15000);
  return input;
}

/** Waits until the quick-input list offers `text` as its focused (first) row, then accepts it with Enter. */
async function acceptQuickPick(page, text, what) {
  await waitFor(
    `${what}: the quick-input list to offer "${text}" first`,
    async () => ({
      focused: (await texts(page.locator('.quick-input-list .monaco-list-row.focused')))[0] ?? null,
      rows: await texts(page.locator('.quick-input-list .monaco-list-row')),
    }),
    (s) => s.rows.some((r) => r.includes(text)) && (s.focused === null || s.focused.includes(text)),
    45000, // the first file search of a workbench can take long on a loaded machine
  );
  await page.keyboard.press('Enter');
}

async function openFile(page, rel) {
  const name = rel.split('/').pop();
  await page.keyboard.press('Control+P');
  const input = await quickInput(page, `opening ${rel}`);
  await input.fill(rel);
  await acceptQuickPick(page, name, `Quick Open ${rel}`);
  await waitFor(
    `${name} to be the active editor with its text drawn`,
    async () => ({ tab: await texts(page.locator('.tab.active')), lines: (await texts(page.locator('.monaco-editor .view-lines').first())).join('').length }),
    (s) => s.tab.some((t) => t.includes(name)) && s.lines > 0,
    15000,
  );
}

/** Waits until the language server answers for the active file: the netcfg status bar item names its device. */
async function waitForServer(page, device) {
  await waitFor(`the netcfg status bar item to name device ${device}`, () => texts(page.locator('.statusbar-item')), (items) => items.some((t) => t.includes(`· ${device}`)), 60000);
}

/** The cursor position in the status bar: `Ln 3, Col 5` or `Ln 3, Col 5 (4 selected)`. */
const cursorStatus = async (page) => (await texts(page.locator('#status\\.editor\\.selection')))[0] ?? '';

/** Moves the cursor with Go to Line (Ctrl+G) and waits until the status bar shows it there. */
async function goto(page, line, col) {
  await page.keyboard.press('Control+G');
  const input = await quickInput(page, `Go to Line ${line}:${col}`);
  await input.fill(`:${line}:${col}`); // the Go to Line quick access is the ':' prefix of Quick Open
  await page.keyboard.press('Enter');
  await waitFor(`the cursor at Ln ${line}, Col ${col}`, () => cursorStatus(page), (t) => t.startsWith(`Ln ${line}, Col ${col}`), 15000);
}

/** 1-based line of the first editor line containing `needle` in the active file (from the workspace copy on disk). */
function lineOf(rel, needle) {
  const lines = fs.readFileSync(path.join(wsPath, rel), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`'${needle}' not found in ${rel}`);
  return { line: i + 1, col: lines[i].indexOf(needle) + 1, text: lines[i] };
}

/**
 * Opens the suggest widget (Ctrl+Space, pressed again every 3 s while it stays closed: the first press is sometimes
 * swallowed while the editor settles) and waits until its rendered rows satisfy `predicate(labels, focused)`.
 * Returns the labels. The widget becomes visible before its rows are drawn, so the rows are read on every poll.
 */
async function waitForSuggest(page, description, predicate) {
  const widget = page.locator('.monaco-editor .suggest-widget.visible');
  const press = throttled(() => page.keyboard.press('Control+Space'), 3000);
  const state = await waitFor(
    description,
    async () => {
      if (!(await visible(widget))) {
        await press();
        return { widget: 'closed' };
      }
      return {
        widget: 'open',
        labels: await texts(widget.locator('.monaco-list-row .label-name')),
        focused: (await texts(widget.locator('.monaco-list-row.focused .label-name')))[0] ?? null,
        message: (await texts(widget.locator('.message'))).join(' '),
      };
    },
    (s) => s.widget === 'open' && predicate(s.labels, s.focused),
    30000,
  );
  return state.labels;
}

/** Runs a command from the command palette by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = await quickInput(page, `command ${title}`);
  await input.fill(`>${title}`);
  await acceptQuickPick(page, title, `command palette "${title}"`);
}

/**
 * Opens the quick-fix menu from the light bulb (clicked again every 4 s while the menu stays closed) and moves the
 * keyboard focus onto the fix whose title matches `want`; Enter then applies it. Returns the menu's rows.
 */
async function focusQuickFix(page, want, label) {
  // VS Code 1.100 puts the codicon class on the .lightBulbWidget element itself (codicon-lightbulb-autofix for a
  // preferred fix), or draws codicon-gutter-lightbulb* in the glyph margin when the range starts at column 1.
  const bulb = page
    .locator('.monaco-editor .lightBulbWidget[class*="codicon-lightbulb"], .monaco-editor .lightBulbWidget [class*="codicon-lightbulb"], .monaco-editor [class*="codicon-gutter-lightbulb"]')
    .filter({ visible: true })
    .first();
  const menu = page.locator('.action-widget .monaco-list-row.action');
  const click = throttled(() => bulb.click({ timeout: 5000 }), 4000);
  // Without a bulb (its code-action request may have been answered before the diagnostics arrived, or cancelled by
  // a newer one), Ctrl+. asks for the quick fixes at the cursor again and opens the same menu.
  const quickFix = throttled(() => page.keyboard.press('Control+.'), 6000);
  await waitFor(
    `the light bulb, then the quick-fix menu offering "${label}"`,
    async () => {
      const bulbShown = await bulb.isVisible();
      const rows = await texts(menu);
      if (!rows.length && bulbShown) await click();
      else if (!rows.length) await quickFix();
      return { bulbShown, rows };
    },
    (s) => s.rows.some((r) => want.test(r)),
  );
  // Move the keyboard focus onto the fix (a mouse click on the row is intercepted by the context view): one
  // ArrowDown at a time, pressed again only once the focus has visibly moved.
  let pressedAt = null;
  return waitFor(
    `the keyboard focus on the "${label}" fix`,
    async () => {
      const focused = (await texts(page.locator('.action-widget .monaco-list-row.action.focused')))[0] ?? '';
      if (focused && !want.test(focused) && focused !== pressedAt) {
        pressedAt = focused;
        await page.keyboard.press('ArrowDown');
      }
      return { focused, rows: await texts(menu) };
    },
    (s) => want.test(s.focused),
    15000,
  );
}

const problemsRows = (page) => texts(page.locator('.markers-panel .monaco-list-row'));

async function showProblems(page) {
  await page.keyboard.press('Control+Shift+M');
  await waitFor('the Problems panel to open', () => visible(page.locator('.markers-panel')), Boolean, 15000);
}

/** The text of the active editor's drawn lines (spaces normalised). */
const editorText = async (page) => (await texts(page.locator('.monaco-editor .view-lines').first())).join('\n');

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
const SECRET = /MY_KEY|MYKEY/;
const iosKey = () => /crypto isakmp key (\S+)/.exec(fs.readFileSync(path.join(wsPath, EXAMPLES.ios), 'utf8'))[1];

const scenarios = [
  {
    name: '1-languages-and-highlighting',
    async run(page) {
      const expected = { ios: 'Cisco IOS', routeros: 'MikroTik RouterOS', asa: 'Cisco ASA', openbsd: 'OpenBSD ipsec.conf', bird: 'BIRD' };
      for (const [key, mode] of Object.entries(expected)) {
        await openFile(page, EXAMPLES[key]);
        await waitFor(`language mode ${mode} for ${EXAMPLES[key]}`, () => texts(page.locator('#status\\.editor\\.mode')), (t) => t[0] === mode, 30000);
        // A comment token and a keyword token must be drawn in different colours by the grammar.
        await waitFor(
          `${key}: a comment and a keyword drawn in different colours`,
          () => page.evaluate(() => {
            const spans = [...document.querySelectorAll('.monaco-editor .view-lines .view-line span span')];
            const byText = (re) => spans.find((s) => re.test((s.textContent ?? '').replace(/\u00a0/g, ' ').trim()));
            const comment = byText(/^[!#:]\s*\S/);
            const keyword = byText(/^(interface|crypto|ike|protocol|add|set|hostname|router|nameif)$/);
            return { comment: comment ? getComputedStyle(comment).color : null, keyword: keyword ? getComputedStyle(keyword).color : null };
          }),
          (c) => c.comment && c.keyword && c.comment !== c.keyword,
          15000,
        );
        await page.screenshot({ path: path.join(results, `1-${key}.png`) });
      }
    },
  },
  {
    name: '2-psk-mismatch-in-problems',
    async run(page) {
      await openFile(page, EXAMPLES.ios);
      await showProblems(page);
      const rows = await waitFor(
        'ipsec/psk-mismatch on r1.ios and mikrotik.rsc in the Problems panel',
        () => problemsRows(page),
        (all) => all.filter((r) => r.includes('ipsec/psk-mismatch')).length >= 2 && all.some((r) => r.includes('r1.ios')) && all.some((r) => r.includes('mikrotik.rsc')),
      );
      for (const r of rows) if (SECRET.test(r)) throw new Error(`a secret is shown in the Problems panel: ${r}`);
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
      await page.keyboard.press('Enter');
      await page.keyboard.type(' ');
      await waitFor(`the cursor on the new line ${at.line + 1}`, () => cursorStatus(page), (t) => t.startsWith(`Ln ${at.line + 1},`), 15000);
      const wants = ['encryption', 'hash', 'group', 'authentication', 'lifetime'];
      await waitForSuggest(
        page,
        `the suggest widget inside crypto isakmp policy to list ${wants.join(', ')} and not the global 'hostname'`,
        (labels) => wants.every((w) => labels.includes(w)) && !labels.includes('hostname'),
      );
      // Docs in the details pane. Ctrl+Space while the list is open toggles the pane (pressed again every 4 s while
      // it stays hidden, never while it is shown).
      const details = page.locator('.suggest-details-container .suggest-details, .suggest-widget .details');
      const toggle = throttled(() => page.keyboard.press('Control+Space'), 4000);
      await waitFor(
        'the completion details pane with documentation',
        async () => {
          const shown = await visible(details);
          if (!shown) await toggle();
          return { shown, text: (await texts(details)).join('\n') };
        },
        (s) => s.shown && s.text.length > 20,
      );
      await page.screenshot({ path: path.join(results, '3-completion.png') });
      await page.keyboard.press('Escape');
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
      const text = await waitFor(
        'hover documentation for group 2 (mentions the group and Diffie-Hellman)',
        async () => (await texts(page.locator('.monaco-hover:not(.hidden) .monaco-hover-content'))).join('\n'),
        (t) => /group/i.test(t) && /Diffie|DH|modp1024/i.test(t),
      );
      if (SECRET.test(text)) throw new Error('hover shows a secret');
      await page.screenshot({ path: path.join(results, '4-hover.png') });
      await page.keyboard.press('Escape');
    },
  },
  {
    name: '5-quick-fix-resolves-psk-mismatch',
    async run(page) {
      await openFile(page, EXAMPLES.routeros);
      const at = lineOf(EXAMPLES.routeros, 'secret=');
      const col = at.text.indexOf('secret=') + 'secret='.length + 2;
      await goto(page, at.line, col);
      await waitFor('the PSK mismatch squiggle in mikrotik.rsc', () => page.locator('.monaco-editor .squiggly-error').count(), (n) => n > 0);
      const want = /^Use r1's pre-shared key/; // the preferred fix: this file takes the peer's key (the other: "Make r1 use …")
      const fix = await focusQuickFix(page, want, 'Use r1\'s pre-shared key');
      await page.screenshot({ path: path.join(results, '5-quick-fix-menu.png') });
      for (const r of fix.rows) if (SECRET.test(r)) throw new Error(`a fix title shows the secret: ${r}`);
      await page.keyboard.press('Enter');
      const key = iosKey();
      await waitFor(`the fix to rewrite the RouterOS secret to r1's key`, () => editorText(page), (t) => new RegExp(`secret="?${key}"?(\\s|$)`).test(t) && !/secret="?MY_KEY/.test(t), 15000);
      await showProblems(page);
      await waitFor('the PSK mismatch to disappear from Problems', () => problemsRows(page), (rows) => !rows.some((r) => r.includes('ipsec/psk-mismatch')));
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
      await waitFor('the typed prefix "dmvpn-hub" in the editor', () => editorText(page), (t) => t.includes('dmvpn-hub'), 15000);
      await waitForSuggest(page, 'the suggest widget to focus the dmvpn-hub snippet', (labels, focused) => focused === 'dmvpn-hub');
      await page.keyboard.press('Enter');
      await waitFor('the DMVPN hub snippet text (GRE multipoint tunnel with NHRP)', () => editorText(page), (t) => t.includes('tunnel mode gre multipoint') && t.includes('ip nhrp') && !t.includes('dmvpn-hub'), 15000);
      // Tab stops: the first placeholder (policy number 10) is selected; Tab moves to the encryption choice.
      await waitFor('the first placeholder selected (2 characters)', () => cursorStatus(page), (t) => t.includes('(2 selected)'), 15000);
      await page.keyboard.press('Tab');
      await waitForSuggest(page, 'the encryption choices of the second tab stop', (labels) => ['aes 256', 'aes 192', 'aes'].every((c) => labels.includes(c)));
      await page.screenshot({ path: path.join(results, '6-snippet.png') });
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
        await runCommand(page, 'Explorer: Focus on Outline View');
        const outline = page.locator('.outline-pane .monaco-list-row, [id="outline"] .monaco-list-row');
        await waitFor(`the Outline view to list ${EXAMPLES[key]}`, () => outline.count(), (n) => n > 0);
        await outline.first().click();
        // Collapse every section (Left on an expanded row collapses it; Down then moves to the next section),
        // so all sections fit in the pane; the rows seen on every poll accumulate.
        await page.keyboard.press('Home');
        const seen = new Set();
        await waitFor(
          `the outline of ${EXAMPLES[key]} to list ${wants.join(', ')}`,
          async () => {
            for (const r of await texts(outline)) seen.add(r.toLowerCase());
            await page.keyboard.press('ArrowLeft');
            await page.keyboard.press('ArrowDown');
            return [...seen];
          },
          (all) => wants.every((w) => all.some((r) => r.includes(w.toLowerCase()))),
          20000,
        );
        await page.screenshot({ path: path.join(results, `7-outline-${key}.png`) });
      }
    },
  },
  {
    name: '8-edit-updates-peer-without-saving',
    async run(page) {
      await openFile(page, EXAMPLES.ios);
      await showProblems(page);
      const psk = (rows) => rows.filter((r) => r.includes('ipsec/psk-mismatch'));
      await waitFor('the PSK mismatch on both files before the edit', () => problemsRows(page), (rows) => psk(rows).length >= 2);
      await openFile(page, EXAMPLES.routeros);
      const at = lineOf(EXAMPLES.routeros, 'secret=');
      const m = /secret="?([^"\s]+)"?/.exec(at.text);
      const start = at.text.indexOf(m[1]);
      await goto(page, at.line, start + 1);
      await page.keyboard.down('Shift');
      for (let i = 0; i < m[1].length; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.up('Shift');
      await waitFor(`the old key selected (${m[1].length} characters)`, () => cursorStatus(page), (t) => t.includes(`(${m[1].length} selected)`), 15000);
      const key = iosKey();
      await page.keyboard.type(key);
      await waitFor(`the typed key in the editor`, () => editorText(page), (t) => t.includes(`secret=${key}`), 15000);
      await waitFor(
        'the PSK mismatch to disappear from both files while mikrotik.rsc stays unsaved',
        async () => ({ psk: psk(await problemsRows(page)), dirtyTabs: await texts(page.locator('.tab.active.dirty')) }),
        (s) => s.psk.length === 0 && s.dirtyTabs.length === 1,
      );
      await page.screenshot({ path: path.join(results, '8-peer-updated.png') });
    },
  },
  {
    name: '9-topology-view',
    async run(page) {
      await openFile(page, EXAMPLES.ios);
      await waitForServer(page, 'r1');
      await runCommand(page, 'netcfg: Show Topology');
      // The webview's document sits two iframes down (the webview host, then its active frame).
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await waitFor(
        'the topology view to draw the example devices (hub1, spoke1, r1, mikrotik) and a failing link',
        async () => ({ names: await view.locator('#canvas .device .name').allTextContents().catch(() => []), failing: await view.locator('#canvas .link.error').count().catch(() => 0) }),
        (s) => ['hub1', 'spoke1', 'r1', 'mikrotik'].every((n) => s.names.includes(n)) && s.failing > 0,
        90000,
      );
      await page.screenshot({ path: path.join(results, '9-topology.png') });
      // The IOS↔RouterOS link fails on the PSK; clicking it opens the first error: the RouterOS peer's secret line.
      const link = view.locator('#canvas .link.error[data-id*="mikrotik.rsc"]').first();
      const target = lineOf(EXAMPLES.routeros, 'secret=');
      // A point on the polyline itself (its bounding box centre may be off the line), relative to the element's box.
      const position = await link.evaluate((el) => {
        const p = el.points.getItem(0);
        const q = el.points.getItem(1);
        const m = el.getScreenCTM();
        const pt = new DOMPoint((p.x + q.x) / 2, (p.y + q.y) / 2).matrixTransform(m);
        const r = el.getBoundingClientRect();
        return { x: pt.x - r.left, y: pt.y - r.top };
      });
      await link.click({ position, force: true });
      await waitFor(
        `mikrotik.rsc active with the cursor on line ${target.line} (the PSK mismatch)`,
        async () => ({ tab: await texts(page.locator('.tab.active')), cursor: await cursorStatus(page) }),
        (s) => s.tab.some((t) => t.includes('mikrotik.rsc')) && s.cursor.startsWith(`Ln ${target.line},`),
        30000,
      );
      await page.screenshot({ path: path.join(results, '9-topology-opened.png') });
    },
  },
  {
    name: '10-ignore-on-this-line',
    async run(page) {
      await openFile(page, EXAMPLES.ios);
      const at = lineOf(EXAMPLES.ios, 'crypto isakmp key');
      await goto(page, at.line, at.text.indexOf(' key ') + 7); // on the key itself, where the finding's range is
      await waitFor('the PSK mismatch squiggle in r1.ios', () => page.locator('.monaco-editor .squiggly-error').count(), (n) => n > 0);
      await focusQuickFix(page, /^Ignore ipsec\/psk-mismatch on this line/, 'Ignore ipsec/psk-mismatch on this line');
      await page.keyboard.press('Enter');
      await waitFor('the ignore comment above the key line', () => editorText(page), (t) => t.includes('! netcfg-ignore ipsec/psk-mismatch'), 15000);
      await showProblems(page);
      await waitFor(
        "r1.ios's PSK mismatch to leave Problems while mikrotik.rsc keeps its own",
        () => problemsRows(page),
        (rows) => rows.some((r) => r.includes('mikrotik.rsc')) && !rows.some((r) => r.includes('ipsec/psk-mismatch') && r.includes('r1.ios')) && rows.some((r) => r.includes('ipsec/psk-mismatch')),
      );
      await page.screenshot({ path: path.join(results, '10-ignored.png') });
    },
  },
  {
    name: '11-definition-nhs-opens-hub',
    async run(page) {
      const spoke = 'dmvpn-dual-hub/spoke1.ios';
      await openFile(page, spoke);
      await waitForServer(page, 'spoke1');
      const at = lineOf(spoke, 'ip nhrp nhs 10.0.0.1');
      await goto(page, at.line, at.text.indexOf('10.0.0.1') + 3);
      const target = lineOf(EXAMPLES.hub, 'ip address 10.0.0.1 ');
      const press = throttled(() => page.keyboard.press('F12'), 5000);
      await waitFor(
        `hub1.ios active with the cursor on line ${target.line} (the interface owning 10.0.0.1)`,
        async () => {
          const state = { tab: await texts(page.locator('.tab.active')), cursor: await cursorStatus(page) };
          if (!state.tab.some((t) => t.includes('hub1.ios'))) await press();
          return state;
        },
        (s) => s.tab.some((t) => t.includes('hub1.ios')) && s.cursor.startsWith(`Ln ${target.line},`),
        30000,
      );
      await page.screenshot({ path: path.join(results, '11-definition-hub.png') });
    },
  },
  {
    name: '12-generate-peer-routeros',
    // The RouterOS end is removed before the workbench opens: r1's peer 10.0.0.2 then has no device in the workspace.
    prepare: (ws) => fs.rmSync(path.join(ws, EXAMPLES.routeros)),
    async run(page) {
      await openFile(page, EXAMPLES.ios);
      await waitForServer(page, 'r1');
      const at = lineOf(EXAMPLES.ios, 'set peer 10.0.0.2');
      await goto(page, at.line, at.col + 'set peer '.length + 1);
      const want = /^Generate the config of 10\.0\.0\.2/;
      await focusQuickFix(page, want, 'Generate the config of 10.0.0.2…');
      await page.screenshot({ path: path.join(results, '12-action.png') });
      await page.keyboard.press('Enter');
      // Target dialect: filter the quick pick, then accept RouterOS v7.
      const input = await quickInput(page, 'the target dialect');
      await input.fill('RouterOS v7');
      await acceptQuickPick(page, 'MikroTik RouterOS v7', 'target dialect');
      // LAN and WAN: input boxes prefilled with the defaults (the mirror of r1's selector, ether1).
      const box = page.locator('.quick-input-widget input');
      await waitFor('the LAN input box prefilled with 192.168.88.0/24', () => box.inputValue().catch(() => ''), (v) => v === '192.168.88.0/24', 30000);
      await page.keyboard.press('Enter');
      await waitFor('the WAN input box prefilled with ether1', () => box.inputValue().catch(() => ''), (v) => v === 'ether1', 30000);
      await page.keyboard.press('Enter');
      // The secret: default no, so the placeholder CHANGE-ME becomes a tab stop.
      await acceptQuickPick(page, 'No: write CHANGE-ME', 'include the pre-shared key');
      await waitFor(
        'a new RouterOS document with the generated peer config',
        async () => ({ mode: (await texts(page.locator('#status\\.editor\\.mode')))[0] ?? '', tab: await texts(page.locator('.tab.active')), text: await editorText(page) }),
        (s) => s.mode === 'MikroTik RouterOS' && s.tab.some((t) => /Untitled/.test(t)) && s.text.includes('/ip ipsec peer') && s.text.includes('CHANGE-ME'),
        30000,
      );
      if (SECRET.test(await editorText(page))) throw new Error('the generated document holds the key although the user said no');
      // Every CHANGE-ME is one tab stop, all selected at once (the key is written once per place it goes).
      await waitFor('the tab stop on CHANGE-ME selected', () => cursorStatus(page), (t) => t.includes('(9 selected)') || /^\d+ selections \((9|18|27|36) characters selected\)/.test(t), 15000);
      await page.screenshot({ path: path.join(results, '12-generated.png') });
      // Type the key into the tab stop: every placeholder takes it, and the new device checks clean against r1.
      const key = iosKey();
      await page.keyboard.type(key);
      await waitFor('the key typed into the tab stop', () => editorText(page), (t) => !t.includes('CHANGE-ME'), 15000);
      await waitFor(
        'the status bar: the generated device paired with r1, no failing peer',
        () => texts(page.locator('.statusbar-item')),
        (items) => items.some((t) => t.includes('peer-10-0-0-2 · peers 1 ✓')),
        60000,
      );
      await showProblems(page);
      const rows = await waitFor(
        'no ipsec/pairing mismatch left in the Problems panel (weak-crypto warnings excepted)',
        () => problemsRows(page),
        (all) => all.length > 0 && !all.some((r) => /(ipsec\/(?!weak-crypto)|pairing\/)/.test(r)),
      );
      for (const r of rows) if (SECRET.test(r)) throw new Error(`a secret is shown in the Problems panel: ${r}`);
      await page.screenshot({ path: path.join(results, '12-clean.png') });
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
    sc.prepare?.(wsPath);
    activeName = sc.name;
    const t0 = Date.now();
    let page;
    try {
      page = await openWorkbench();
      await sc.run(page);
      passed++;
      log(`ok   ${sc.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      log(`FAIL ${sc.name}: ${err.message}`);
      await page?.screenshot({ path: path.join(results, `${sc.name}-FAILED.png`) }).catch(() => {});
    } finally {
      activePage = undefined;
      await page?.context().close();
    }
  }

  // Extension-host tests (mocha inside code-server's extension host, with the vscode API).
  if (!only.length || only.includes('vscode')) {
    wsPath = path.join(RUN, 'ws-vscode-suite');
    fs.cpSync(path.join(root, 'examples'), wsPath, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    activePage = page;
    activeName = 'vscode-suite';
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
    await waitFor('the extension-host suite to call codeAutomationExit', () => exit, (code) => code !== undefined, 180000).catch((e) => {
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
