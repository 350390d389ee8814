// Golden files of the RouterOS v6/v7, OpenBSD and BIRD emitters (issue 19): one per target x scenario (and source
// dialect where the output differs), generated with the default placeholder secret, stable run to run.
// A missing file is written on first run; UPDATE_GOLDEN=1 node test/run.mjs targets-golden rewrites them.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { extractSpec } from '../../server/src/generate/extract';
import { TARGETS } from '../../server/src/generate/emit';
import type { TargetId } from '../../server/src/generate/spec';
import { createLanguageService } from '../../server/src/service';
import { ROOT, readRepo } from './targets-harness';
import { ASA_L2L, IOS_GRE, IOS_IKEV2 } from './targets-sources';

const GOLDEN = path.join(ROOT, 'test/generate/golden');

interface Case {
  /** Golden file name (starts with the target family: routeros, openbsd, bird). */
  file: string;
  source: { uri: string; text: string };
  peer: string;
  target: TargetId;
}

const r1 = readRepo('examples/site-to-site-ios-routeros/r1.ios');
const mikrotik = readRepo('examples/site-to-site-ios-routeros/mikrotik.rsc');
const meraki = readRepo('examples/openbsd-meraki/ipsec.conf');
const l2tp = readRepo('examples/l2tp-ipsec-routeros/l2tp-server.rsc');
const core = readRepo('examples/bird-ospf/core.ios');
const bird = readRepo('examples/bird-ospf/bird.conf');
const asa = { uri: 'file:///sources/asa-hq.asa', text: ASA_L2L };
const ikev2 = { uri: 'file:///sources/hq-ikev2.ios', text: IOS_IKEV2 };
const gre = { uri: 'file:///sources/hq-gre.ios', text: IOS_GRE };

const CASES: Case[] = [
  // site-to-site IKEv1
  { file: 'routeros6-from-r1.rsc', source: r1, peer: '10.0.0.2', target: 'routeros6' },
  { file: 'routeros7-from-r1.rsc', source: r1, peer: '10.0.0.2', target: 'routeros7' },
  { file: 'openbsd-from-r1.conf', source: r1, peer: '10.0.0.2', target: 'openbsd' },
  { file: 'routeros7-from-asa-hq.rsc', source: asa, peer: '198.51.100.7', target: 'routeros7' },
  { file: 'openbsd-from-asa-hq.conf', source: asa, peer: '198.51.100.7', target: 'openbsd' },
  { file: 'openbsd-from-mikrotik.conf', source: mikrotik, peer: '192.168.23.3', target: 'openbsd' },
  { file: 'routeros7-from-openbsd-meraki.rsc', source: meraki, peer: '198.51.100.20', target: 'routeros7' },
  // site-to-site IKEv2
  { file: 'routeros6-from-hq-ikev2.rsc', source: ikev2, peer: '198.51.100.9', target: 'routeros6' },
  { file: 'routeros7-from-hq-ikev2.rsc', source: ikev2, peer: '198.51.100.9', target: 'routeros7' },
  // site-to-site route-based (GRE over IPsec)
  { file: 'routeros6-from-hq-gre.rsc', source: gre, peer: '198.51.100.30', target: 'routeros6' },
  { file: 'routeros7-from-hq-gre.rsc', source: gre, peer: '198.51.100.30', target: 'routeros7' },
  { file: 'openbsd-from-hq-gre.conf', source: gre, peer: '198.51.100.30', target: 'openbsd' },
  // L2TP/IPsec client
  { file: 'routeros6-from-l2tp-gw.rsc', source: l2tp, peer: '198.51.100.2', target: 'routeros6' },
  { file: 'routeros7-from-l2tp-gw.rsc', source: l2tp, peer: '198.51.100.2', target: 'routeros7' },
  // OSPF neighbour
  { file: 'bird-from-core.conf', source: core, peer: '10.50.0.1', target: 'bird' },
  { file: 'bird-from-bird.conf', source: bird, peer: '10.50.0.3', target: 'bird' },
  { file: 'routeros6-from-core.rsc', source: core, peer: '10.50.0.1', target: 'routeros6' },
  { file: 'routeros7-from-core.rsc', source: core, peer: '10.50.0.1', target: 'routeros7' },
];

function emit(c: Case): string {
  const svc = createLanguageService({});
  svc.setDocument(c.source.uri, c.source.text, 1);
  const spec = extractSpec(svc.getDevice(c.source.uri)!, c.peer, { target: c.target });
  return TARGETS[c.target].emit(spec);
}

describe('generated RouterOS, OpenBSD and BIRD text matches the golden files', () => {
  for (const c of CASES) {
    it(c.file, () => {
      const text = emit(c);
      assert.equal(emit(c), text, 'same input, same text');
      assert.ok(!/lab-key|Lab-Key|MYKEY|MY_KEY|mekmitasdigoat|Br4nch/.test(text), 'no source secret without confirmation');
      const p = path.join(GOLDEN, c.file);
      if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(p)) fs.writeFileSync(p, text);
      assert.equal(text, fs.readFileSync(p, 'utf8'));
    });
  }
});
