// Outline, folding and content detection of ipsec.conf files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { detectIpsecConf, openbsdDialect } from '../../server/src/dialects/openbsd';
import { detectDialect } from '../../server/src/dialects/registry';

const CORPUS = path.resolve(__dirname, '../../../shared/corpus');

const TEXT = `# gateway to the branch office
# keys rotated yearly
gw = "203.0.113.1"
include "/etc/ipsec.local.conf"

ike esp from 192.0.2.0/24 to { 198.51.100.0/24, 198.51.101.0/24 } \\
        peer $gw \\
        psk mekmitasdigoat
ike passive esp from 192.0.2.1 to any
flow esp in from 10.0.0.0/8 to 192.0.2.0/24 peer 203.0.113.1
`;

test('outline: one symbol per rule, macros and includes', () => {
  const parsed = openbsdDialect.parse(TEXT, {});
  const symbols = openbsdDialect.outline(parsed);
  assert.deepEqual(
    symbols.map((s) => [s.name, s.kind, s.detail ?? '']),
    [
      ['gw', 'variable', '203.0.113.1'],
      ['include "/etc/ipsec.local.conf"', 'object', ''],
      ['ike esp from 192.0.2.0/24 to { 198.51.100.0/24, 198.51.101.0/24 } peer 203.0.113.1', 'crypto', ''],
      ['ike passive esp from 192.0.2.1 to any', 'crypto', ''],
      ['flow esp in from 10.0.0.0/8 to 192.0.2.0/24 peer 203.0.113.1', 'policy', ''],
    ],
  );
  const ike = symbols[2];
  assert.equal(TEXT.slice(ike.selectionRange.start, ike.selectionRange.end), 'ike');
  assert.ok(TEXT.slice(ike.range.start, ike.range.end).endsWith('psk mekmitasdigoat'));
});

test('folding: continued statements and comment runs', () => {
  const parsed = openbsdDialect.parse(TEXT, {});
  const regions = openbsdDialect.folding(parsed).map((r) => [r.kind, TEXT.slice(r.start, r.end)]);
  assert.deepEqual(regions, [
    ['comment', '# gateway to the branch office\n# keys rotated yearly'],
    ['region', 'ike esp from 192.0.2.0/24 to { 198.51.100.0/24, 198.51.101.0/24 } \\\n        peer $gw \\\n        psk mekmitasdigoat'],
  ]);
});

test('detect: ipsec.conf rules score high, other dialects zero', () => {
  assert.ok(detectIpsecConf(TEXT) > 0.5);
  assert.ok(detectIpsecConf('ike esp from 10.0.0.0/8 to any\n') > 0.5);
  assert.ok(detectIpsecConf('flow esp proto etherip from 1.1.1.1 to 2.2.2.2\n') > 0.5);
  assert.equal(detectIpsecConf('gw = "1.2.3.4"\npass in on egress\n'), 0);
  assert.equal(detectIpsecConf('crypto isakmp policy 10\n encr aes\ncrypto map VPN 10 ipsec-isakmp\n'), 0);
  assert.equal(detectIpsecConf('/ip ipsec peer\nadd address=1.2.3.4/32 exchange-mode=main\n'), 0);
  assert.equal(detectIpsecConf('protocol ospf v2 {\n  ipv4 { import all; };\n  area 0 { interface "eth0"; };\n}\nflow4 table ft4;\n'), 0);
  assert.equal(detectDialect('vpn.conf', TEXT).dialect, 'openbsd-ipsec');
});

test('detect does not fire on any Cisco, RouterOS or BIRD corpus file', (t) => {
  if (!fs.existsSync(CORPUS)) return t.skip('corpus not present');
  const walk = (d: string, out: string[]): string[] => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      if (e.isDirectory()) walk(f, out);
      else out.push(f);
    }
    return out;
  };
  const wrong: string[] = [];
  let n = 0;
  for (const dir of ['ios', 'asa', 'routeros', 'bird1', 'bird2']) {
    if (!fs.existsSync(path.join(CORPUS, dir))) continue;
    for (const f of walk(path.join(CORPUS, dir), [])) {
      n++;
      if (detectIpsecConf(fs.readFileSync(f, 'utf8').slice(0, 65536)) > 0.5) wrong.push(f);
    }
  }
  assert.ok(n > 100);
  assert.deepEqual(wrong, []);
});
