// Agreement with ipsecctl itself: the regress inputs `ipsecNN.in` and their expected `ipsecctl -nv` output `ipsecNN.ok`
// (openbsd/src regress/sbin/ipsecctl, copied into ../shared/corpus). We expand each rule the way ipsecctl does and
// compare the printed fields we model. Skips cleanly when the corpus is absent.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { openbsdDialect, renderFlows } from '../../server/src/dialects/openbsd';
import { createLanguageService } from '../../server/src/service';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus/openbsd-ipsec');

/** Splits one printed flow into fields: satype, direction, from, to, port, local, peer, srcid, dstid, type. */
function fields(line: string): Map<string, string> {
  const words = line.trim().split(/\s+/);
  const res = new Map<string, string>();
  res.set('satype', words[1] ?? '');
  res.set('direction', words[2] ?? '');
  for (let i = 3; i < words.length; i++) {
    const key = words[i];
    if (['from', 'to', 'local', 'peer', 'srcid', 'dstid', 'type', 'proto'].includes(key)) {
      res.set(key, words[i + 1] ?? '');
      i++;
    } else if (key === 'port') {
      res.set(`${[...res.keys()].pop()}-port`, words[i + 1] ?? '');
      i++;
    } else res.set(`extra-${i}`, key);
  }
  return res;
}

test('flow expansion agrees with ipsecctl -nv output', (t) => {
  if (!fs.existsSync(CORPUS)) return t.skip('corpus not present');
  const oks = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.ok'));
  assert.ok(oks.length >= 4, 'expected the four .ok files');
  let total = 0;
  let agreed = 0;
  const mismatches: string[] = [];
  for (const ok of oks) {
    const input = path.join(CORPUS, ok.replace(/\.ok$/, '.in'));
    if (!fs.existsSync(input)) continue;
    const text = fs.readFileSync(input, 'utf8');
    const parsed = openbsdDialect.parse(text, {});
    const ours = parsed.tree.statements.flatMap((s) => (s.rule ? renderFlows(s.rule) : []));
    const theirs = fs
      .readFileSync(path.join(CORPUS, ok), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.includes(' = '));
    const n = Math.max(ours.length, theirs.length);
    for (let i = 0; i < n; i++) {
      const a = fields(ours[i] ?? '');
      const b = fields(theirs[i] ?? '');
      for (const key of new Set([...a.keys(), ...b.keys()])) {
        total++;
        if (a.get(key) === b.get(key)) agreed++;
        else mismatches.push(`${ok} line ${i + 1} ${key}: ours=${a.get(key)} ipsecctl=${b.get(key)}`);
      }
    }
  }
  const rate = total ? agreed / total : 0;
  t.diagnostic(`agreement with ipsecctl: ${agreed}/${total} fields (${(rate * 100).toFixed(1)}%) over ${oks.length} regress outputs`);
  for (const m of mismatches) t.diagnostic(m);
  assert.ok(total > 50, 'the .ok files should yield fields to compare');
  assert.deepEqual(mismatches, []);
});

test('every regress input lowers: ike rules give peers whose selectors cover the expanded pairs', (t) => {
  if (!fs.existsSync(CORPUS)) return t.skip('corpus not present');
  const read = (name: string) => fs.readFileSync(path.join(CORPUS, `openbsd-regress-ipsecctl__${name}.in`), 'utf8');
  const low = (name: string) => openbsdDialect.lower(openbsdDialect.parse(read(name), {}), `file:///corpus/${name}.in`, {});
  // ike5: two explicit proposals; ike7: passive rules; ike17: IPv6 peer; ike60: AES key sizes in both phases.
  const ike5 = low('ike5').device.ipsecPeers;
  assert.deepEqual(ike5.map((p) => [p.remote?.value, p.phase1[0].encryption.value[0], p.phase1[0].dh.value[0], p.phase2[0].integrity.value[0], p.pfs.value]), [
    ['131.188.33.29', '3des', 'modp3072', 'sha1', 'modp3072'],
    ['131.188.33.29', 'aes-cbc-any', 'modp3072', 'sha256', 'modp3072'],
  ]);
  assert.deepEqual(low('ike7').device.ipsecPeers.map((p) => p.role), ['responder', 'responder']);
  assert.deepEqual(low('ike17').device.ipsecPeers.map((p) => [p.remote?.value, p.selectors[0].local]), [
    ['3ffe::29', '10.1.1.0/24'],
    ['3ffe::29', '3ffe::51/128'],
  ]);
  assert.deepEqual(low('ike60').device.ipsecPeers.map((p) => [p.phase1[0].encryption.value[0], p.phase2[0].encryption.value[0]]), [
    ['aes-cbc-128', 'aes-cbc-128'],
    ['aes-cbc-192', 'aes-cbc-192'],
    ['aes-cbc-256', 'aes-cbc-256'],
  ]);
  assert.deepEqual(low('ike11').device.extraAddresses.map((a) => a.value), ['192.168.3.2']);
  assert.deepEqual(low('ike55').device.ipsecPeers.map((p) => [p.phase2[0].protocol.value, p.phase2[0].integrity.value[0], p.phase2[0].encryption.value]), [['ah', 'md5', []]]);
});

test('ipsecctl regress ike6 (active) and ike7 (passive) are two mirrored ends: no cross-file error', (t) => {
  const dir = CORPUS;
  const files = ['openbsd-regress-ipsecctl__ike6.in', 'openbsd-regress-ipsecctl__ike7.in'].map((f) => `${dir}/${f}`);
  if (!files.every((f) => fs.existsSync(f))) return t.skip('corpus absent');
  const service = createLanguageService();
  for (const f of files) service.setDocument(`file://${f}`, fs.readFileSync(f, 'utf8'), 1, 'openbsd-ipsec');
  assert.deepEqual(service.partners(`file://${files[0]}`), [`file://${files[1]}`]);
  const errors = files.flatMap((f) => service.getFindings(`file://${f}`).filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.message}`));
  assert.deepEqual(errors, []);
});
