/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The built topology webview in chromium (no VS Code): renders every device and link, colours links by verdict,
// lists a link's findings on hover, posts `open` with the statement's location on click and Enter, filters by
// verdict, keeps zoom and pan across a live update, and lays out 1,000 devices in its worker. Skipped without chromium.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { getTopology } from '../../server/src/features/topology';
import { ensureBuilt } from '../cli/build';
import { loadFolder, ROOT } from './helpers';
import { CHROMIUM, openWebview, waitIn } from './webview-harness';

const skip = CHROMIUM ? false : 'chromium is not installed';
type Posted = { __posted: { type: string }[] };

test('webview: IOS↔RouterOS renders, the failing link is red, hover lists its finding, click opens the finding', { skip, timeout: 120_000 }, async () => {
  ensureBuilt();
  const topo = getTopology(loadFolder(path.join(ROOT, 'examples/site-to-site-ios-routeros')));
  const h = await openWebview();
  try {
    await h.post(topo);
    await waitIn(h.page, () => document.querySelectorAll('#canvas .device').length === 2 && document.querySelectorAll('#canvas .link').length === 1);
    const link = h.page.locator('#canvas .link');
    assert.equal(await link.getAttribute('class'), 'link error kind-ipsec-crypto-map');
    // The theme's error colour (a CSS variable) wins over the SVG's own stroke.
    assert.equal(await link.evaluate((el) => getComputedStyle(el).stroke), 'rgb(244, 135, 113)');
    await link.hover({ force: true });
    await waitIn(h.page, () => !document.getElementById('tooltip')!.hidden);
    const tip = await h.page.locator('#tooltip').innerText();
    assert.match(tip, /ipsec-crypto-map — error/);
    assert.match(tip, /ipsec\/psk-mismatch/);
    await link.click({ force: true });
    const open = await waitIn(h.page, () => (window as unknown as Posted).__posted.find((m) => m.type === 'open'));
    // The first error of the link: the RouterOS peer's secret (mikrotik.rsc line 25).
    assert.deepEqual(open, { type: 'open', location: topo.links[0].findings[0].location });
    assert.equal(topo.links[0].findings[0].location.range.start.line, 24);
    assert.ok(topo.links[0].findings[0].location.uri.endsWith('/mikrotik.rsc'));
    // Keyboard: focus a device, Enter opens its hostname line.
    await h.page.locator('#canvas .device').first().focus();
    await h.page.keyboard.press('Enter');
    const opened = await waitIn(h.page, () => (window as unknown as Posted).__posted.filter((m) => m.type === 'open')[1]);
    assert.deepEqual(opened, { type: 'open', location: topo.devices[0].location });
    fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await h.page.screenshot({ path: path.join(ROOT, 'test-results/topology-ios-routeros.png') });
    assert.deepEqual(h.errors, []);
  } finally {
    await h.close();
  }
});

test('webview: the DMVPN dual hub, a verdict filter, and a live update that keeps the zoom', { skip, timeout: 120_000 }, async () => {
  ensureBuilt();
  const service = loadFolder(path.join(ROOT, 'examples/dmvpn-dual-hub'));
  const h = await openWebview();
  try {
    await h.post(getTopology(service));
    await waitIn(h.page, () => document.querySelectorAll('#canvas .device').length === 4 && document.querySelectorAll('#canvas .link.ok').length === 9);
    const names = await h.page.locator('#canvas .device .name').allTextContents();
    assert.deepEqual(names.sort(), ['hub1', 'hub2', 'spoke1', 'spoke2']);
    // Zoom in with the keyboard, then break spoke1's tunnel key and post the new graph.
    await h.page.locator('#canvas').focus();
    const fitted = await h.page.locator('#graph').getAttribute('viewBox');
    await h.page.keyboard.press('+');
    const before = await h.page.locator('#graph').getAttribute('viewBox');
    assert.notEqual(before, fitted);
    const spoke1 = service.uris().find((u) => u.endsWith('/spoke1.ios'))!;
    const text = service.getDocument(spoke1)!.text;
    service.setDocument(spoke1, text.replace('tunnel key 1', 'tunnel key 9'), 2);
    await h.post(getTopology(service));
    await waitIn(h.page, () => document.querySelectorAll('#canvas .link.error').length === 1);
    assert.equal(await h.page.locator('#graph').getAttribute('viewBox'), before);
    // Hide the ok links: only the failing one stays visible.
    await h.page.locator('summary', { hasText: 'Verdicts' }).click();
    await h.page.locator('input[data-verdict="ok"]').uncheck();
    await waitIn(h.page, () => [...document.querySelectorAll('#canvas .link')].filter((e) => getComputedStyle(e).display !== 'none').length === 1);
    fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    await h.page.screenshot({ path: path.join(ROOT, 'test-results/topology-dmvpn.png') });
    assert.deepEqual(h.errors, []);
  } finally {
    await h.close();
  }
});

test('webview: 1,000 generated devices laid out in the worker and drawn; the page stays responsive meanwhile', { skip, timeout: 300_000 }, async () => {
  ensureBuilt();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-webview-'));
  const h = await openWebview();
  try {
    execFileSync(process.execPath, ['--input-type=module', '-e', `import(${JSON.stringify(path.join(ROOT, 'bench/generate.mjs'))}).then(m => m.generate(${JSON.stringify(dir)}, { devices: 1000, lines: 60000 }))`]);
    const topo = getTopology(loadFolder(dir, { batch: true }));
    await h.post(topo);
    // While the worker lays out, the UI thread answers (a frozen page would not run this before the layout ends).
    const during = await h.page.evaluate(() => new Promise<boolean>((r) => setTimeout(() => r(document.querySelectorAll('#canvas .device').length === 0), 50)));
    assert.equal(during, true);
    await waitIn(h.page, () => document.querySelectorAll('#canvas .device').length === 1107, 240_000);
    assert.equal(await h.page.locator('#canvas .link').count(), 907);
    const time = await waitIn(h.page, () => (window as unknown as Posted).__posted.find((m) => m.type === 'layoutTime'));
    process.stdout.write(`# topology layout of 1,000 devices in the webview worker: ${JSON.stringify(time)}\n`);
    assert.deepEqual(h.errors, []);
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
