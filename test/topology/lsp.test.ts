// `netcfg/topology` over the real stdio connection of the bundled server: the workspace's files (indexed from disk,
// none opened) come back as devices and links with verdicts; an edit of an opened file changes the verdict.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import type { Topology } from '../../server/src/features/topology';
import { ensureBuilt } from '../cli/build';
import { TestClient } from '../lsp/client';
import { ROOT } from './helpers';

test('netcfg/topology over stdio: the IOS↔RouterOS pair from disk, then fixed by an edit of the opened file', { timeout: 120_000 }, async () => {
  ensureBuilt();
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-topology-lsp-'));
  for (const f of ['r1.ios', 'mikrotik.rsc']) fs.copyFileSync(path.join(ROOT, 'examples/site-to-site-ios-routeros', f), path.join(ws, f));
  const client = new TestClient();
  try {
    await client.initialize(pathToFileURL(ws).href);
    const r1 = pathToFileURL(path.join(ws, 'r1.ios')).href;
    const ros = pathToFileURL(path.join(ws, 'mikrotik.rsc')).href;
    // Both files indexed: while only one is, its peer is an `unknown:` node, which also makes two devices and a link.
    const t = await poll(client, (x) => x.devices.length === 2 && x.links.length === 1 && [r1, ros].every((u) => x.devices.some((d) => d.id === u)), 'both files as devices and a link');
    assert.deepEqual(t.devices.map((d) => [d.id, d.name, d.dialect]), [
      [ros, 'mikrotik', 'routeros'],
      [r1, 'r1', 'cisco-ios'],
    ]);
    const l = t.links[0];
    assert.deepEqual([l.kind, l.verdict, l.a.device, l.b.device, l.findings.map((f) => f.code)], ['ipsec-crypto-map', 'error', ros, r1, ['ipsec/psk-mismatch', 'ipsec/psk-mismatch']]);
    assert.deepEqual(l.b.location, { uri: r1, range: { start: { line: 25, character: 10 }, end: { line: 25, character: 18 } } });
    // Give the RouterOS peer the IOS key: the link turns ok.
    const iosText = fs.readFileSync(path.join(ws, 'r1.ios'), 'utf8');
    const key = /crypto isakmp key (\S+) address/.exec(iosText)![1];
    const rosText = fs.readFileSync(path.join(ws, 'mikrotik.rsc'), 'utf8');
    await client.open(ros, 'routeros', rosText);
    await client.replace(ros, rosText.replace(/secret=\S+/, `secret=${key}`));
    const fixed = await poll(client, (x) => x.links[0]?.verdict === 'ok', 'the link turns ok');
    assert.deepEqual(fixed.links.map((x) => [x.kind, x.verdict, x.findings.length]), [['ipsec-crypto-map', 'ok', 0]]);
  } finally {
    if (client.proc.exitCode === null) client.proc.kill();
    fs.rmSync(ws, { recursive: true, force: true });
  }
});

/** Asks for the topology every 100 ms until `ok` holds (the server indexes the folder and debounces edits). */
async function poll(client: TestClient, ok: (t: Topology) => boolean, what: string): Promise<Topology> {
  const deadline = Date.now() + 30_000;
  let last: Topology | undefined;
  while (Date.now() < deadline) {
    last = await client.conn.sendRequest<Topology>('netcfg/topology');
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)}`);
}
