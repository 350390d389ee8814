// Batch lowering without Setters (issue 16): with `setters: false` (what the service asks in batch mode, the CLI)
// the IOS and ASA lowerings make no quick-fix Setter and say so (`settersDropped`), and what they make is the
// lowering with Setters once `model.dropSetters` has removed them: every IOS/ASA file of the tests, examples,
// ../shared/corpus and the bench fleet. The editor's lowering keeps its Setters.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { iosDialect } from '../../server/src/dialects/ios';
import { asaDialect } from '../../server/src/dialects/asa';
import type { LowerResult } from '../../server/src/dialects/types';
import * as model from '../../server/src/model';
import { iosConfigFiles } from '../helpers/files';
import { createLanguageService } from '../../server/src/service';
// @ts-expect-error: a JavaScript module of the bench, without types
import { iosDevice, rng } from '../../bench/generate.mjs';
// @ts-expect-error: a JavaScript module of the bench, without types
import { asaFile } from '../../bench/shapes.mjs';

const ROOT = path.resolve(__dirname, '../..');

/** Paths of every function reachable from `o` (Sets and Maps included), on an explicit stack. */
function functionsIn(o: unknown): string[] {
  const out: string[] = [];
  const seen = new Set<object>();
  const stack: [unknown, string][] = [[o, '']];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'function') out.push(at);
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (v instanceof Map) for (const [k, x] of v) stack.push([x, `${at}.get(${String(k)})`]);
    else if (v instanceof Set) for (const x of v) stack.push([x, `${at}.has()`]);
    else for (const [k, x] of Object.entries(v)) stack.push([x, `${at}.${k}`]);
  }
  return out;
}

/** The lowering as JSON, Sets and Maps as arrays; absent and undefined properties (and functions) alike. */
function canonical(low: LowerResult): string {
  return JSON.stringify({ device: low.device, diagnostics: low.diagnostics, features: low.features, phase1Policies: low.phase1Policies }, (_k, v) =>
    v instanceof Set ? [...v] : v instanceof Map ? [...v] : v,
  );
}

function inputs(): { name: string; text: string; asa: boolean }[] {
  const res = iosConfigFiles(ROOT).map(({ file, asa }) => ({ name: path.relative(ROOT, file), text: fs.readFileSync(file, 'utf8'), asa }));
  const random = rng(5);
  for (let i = 0; i < 3; i++) res.push({ name: `iosDevice(${i})`, text: iosDevice(i, 10, random, 1000) as string, asa: false });
  res.push({ name: 'asaFile(2000)', text: asaFile(2000) as string, asa: true });
  return res;
}

test('IOS/ASA batch lowering (setters: false) makes no Setter and equals the lowering with Setters dropped', () => {
  let withSetters = 0;
  for (const { name, text, asa } of inputs()) {
    const dialect = asa ? asaDialect : iosDialect;
    const parsed = dialect.parse(text, {});
    const editor = dialect.lower(parsed, 'file:///w/r.cfg', {});
    const batch = dialect.lower(parsed, 'file:///w/r.cfg', { setters: false });
    assert.equal(batch.settersDropped, true, name);
    assert.equal(editor.settersDropped, undefined, name);
    assert.deepEqual(functionsIn(batch), [], `${name}: no function in the batch lowering`);
    if (functionsIn(editor).length > 0) withSetters++;
    model.dropSetters(editor);
    assert.deepEqual(functionsIn(editor), [], name);
    assert.equal(canonical(batch), canonical(editor), name);
  }
  assert.ok(withSetters > 20, `the editor lowering makes Setters (${withSetters} files)`);
});

test('the batch service lowers IOS/ASA without Setters and finds what the editor finds, without fixes', () => {
  const files = ['examples/dmvpn-dual-hub/hub1.ios', 'examples/dmvpn-dual-hub/hub2.ios', 'examples/dmvpn-dual-hub/spoke1.ios', 'examples/dmvpn-dual-hub/spoke2.ios', 'examples/asa-remote-access/asa.asa', 'examples/site-to-site-ios-routeros/r1.ios', 'examples/site-to-site-ios-routeros/mikrotik.rsc'];
  // A pair with findings that have fixes in the editor: phase 1 and PSK mismatches of two crafted routers.
  const r1 = 'hostname r1\ninterface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\n crypto map M\ncrypto isakmp policy 10\n encryption aes 256\n hash sha256\n authentication pre-share\n group 14\ncrypto isakmp key ONE address 192.0.2.2\ncrypto ipsec transform-set T esp-aes 256 esp-sha256-hmac\ncrypto map M 10 ipsec-isakmp\n set peer 192.0.2.2\n set transform-set T\n set pfs group14\n match address A\nip access-list extended A\n permit ip 10.1.0.0 0.0.0.255 10.2.0.0 0.0.0.255\n';
  const r2 = r1.replace('hostname r1', 'hostname r2').replace('192.0.2.1 255', '192.0.2.2 255').replace('address 192.0.2.2', 'address 192.0.2.1').replace('peer 192.0.2.2', 'peer 192.0.2.1').replace('key ONE', 'key TWO').replace('group 14', 'group 19').replace('10.1.0.0 0.0.0.255 10.2.0.0', '10.2.0.0 0.0.0.255 10.1.0.0');
  const texts: [string, string][] = files.map((f) => [`file:///w/${f}`, fs.readFileSync(path.join(ROOT, f), 'utf8')]);
  texts.push(['file:///w/pair/r1.ios', r1], ['file:///w/pair/r2.ios', r2]);
  const editor = createLanguageService();
  const batch = createLanguageService({ batch: true });
  for (const [uri, text] of texts) {
    editor.setDocument(uri, text, 1);
    batch.setDocument(uri, text, 1);
  }
  let fixes = 0;
  for (const [uri] of texts) {
    const e = editor.getFindings(uri);
    fixes += e.filter((f) => f.fixes.length > 0).length;
    assert.deepEqual(batch.getFindings(uri), e.map((f) => ({ ...f, fixes: [] })), uri);
    if (!uri.endsWith('.rsc')) assert.deepEqual(functionsIn(batch.getDevice(uri)), [], uri);
  }
  assert.ok(fixes >= 2, `the editor offers fixes (${fixes})`);
  assert.ok(functionsIn(editor.getDevice('file:///w/pair/r1.ios')).length > 0, 'the editor model keeps its Setters');
});
