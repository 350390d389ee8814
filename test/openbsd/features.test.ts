// Completion (keywords valid at the cursor, algorithm names per phase, macros, the paired peer's value first)
// and hover (keyword docs, effective values with their default source, secrets masked).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { openbsdDialect } from '../../server/src/dialects/openbsd';
import type { FeatureContext } from '../../server/src/dialects/types';

function at(textWithCursor: string, ctx: FeatureContext = { peers: [] }) {
  const offset = textWithCursor.indexOf('$0');
  const text = textWithCursor.replace('$0', '');
  const parsed = openbsdDialect.parse(text, {});
  return { text, offset, parsed, complete: () => openbsdDialect.complete!(parsed, offset, ctx), hover: () => openbsdDialect.hover!(parsed, offset, ctx) };
}

const labels = (items: { label: string }[]) => items.map((i) => i.label);

test('completion: clause keywords that may still follow, in parse.y order', () => {
  const items = at('ike esp from 192.0.2.0/24 to 198.51.100.0/24 $0\n').complete();
  assert.deepEqual(labels(items).sort(), ['aggressive', 'dstid', 'local', 'main', 'peer', 'psk', 'quick', 'rsa', 'srcid', 'tag']);
  const afterMain = at('ike esp from 192.0.2.0/24 to 198.51.100.0/24 peer 203.0.113.1 main auth hmac-sha1 $0\n').complete();
  const sorted = [...afterMain].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
  assert.deepEqual(labels(sorted).slice(0, 3), ['enc', 'group', 'lifetime']);
  assert.ok(labels(afterMain).includes('quick'));
  assert.ok(!labels(afterMain).includes('aggressive'));
  assert.ok(!labels(afterMain).includes('peer'));
  // Before from/to only the earlier slots and the selector keywords are offered.
  assert.deepEqual(labels(at('ike passive $0').complete()).sort(), ['ah', 'esp', 'from', 'interface', 'ipcomp', 'ipip', 'proto', 'to', 'transport', 'tunnel']);
});

test('completion: statements at the start of a line, macros after $', () => {
  const start = at('ik$0\n').complete();
  assert.equal(start[0].kind, 'snippet');
  assert.ok(labels(start).includes('ike'));
  assert.deepEqual(start.find((i) => i.label === 'ike')!.replaceRange, { start: 0, end: 2 });
  const macros = at('gw = "203.0.113.1"\nnet = "192.0.2.0/24"\nike esp from $net to any peer $g$0\n').complete();
  assert.deepEqual(labels(macros), ['$gw', '$net']);
});

test('completion: algorithm names depend on the phase', () => {
  const p1 = labels(at('ike from 10.0.0.0/8 to 172.16.0.0/12 main enc $0').complete());
  assert.ok(p1.includes('aes-256') && p1.includes('3des'));
  assert.ok(!p1.includes('aes-128-gcm'));
  const p2 = labels(at('ike from 10.0.0.0/8 to 172.16.0.0/12 quick enc $0').complete());
  assert.ok(p2.includes('aes-128-gcm') && p2.includes('null'));
  const groups = labels(at('ike from 10.0.0.0/8 to 172.16.0.0/12 quick auth hmac-sha1 group $0').complete());
  assert.ok(groups.includes('none') && groups.includes('modp3072') && !groups.includes('grp14'));
});

test('completion: the paired peer’s value comes first', () => {
  const meraki = openbsdDialect.lower(
    openbsdDialect.parse('ike esp from 198.51.100.0/24 to 192.0.2.0/24 peer 203.0.113.2 main auth hmac-sha1 enc 3des group modp1024 quick enc aes-256 group none\n', {}),
    'file:///meraki.ipsec.conf',
    {},
  ).device;
  meraki.name = 'meraki';
  meraki.extraAddresses.push({ value: '203.0.113.1' });
  const ctx = { peers: [meraki] };
  const enc = at('ike esp from 192.0.2.0/24 to 198.51.100.0/24 peer 203.0.113.1 main enc $0\n', ctx).complete();
  const first = [...enc].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''))[0];
  assert.equal(first.label, '3des');
  assert.equal(first.detail, '3des — matches meraki');
  const pfs = at('ike esp from 192.0.2.0/24 to 198.51.100.0/24 peer 203.0.113.1 quick group $0\n', ctx).complete();
  assert.equal(pfs.find((i) => i.sortText === '0')?.label, 'none');
});

const SEED = 'ike esp from 192.0.2.0/24 to 198.51.100.0/24 \\\n        peer 203.0.113.1 \\\n        psk mekmitasdigoat\n';

test('hover: effective proposal with default sources on the rule keyword', () => {
  const h = at(`i$0${SEED.slice(1)}`).hover()!;
  assert.deepEqual(h.range, { start: 0, end: 3 });
  assert.match(h.markdown, /group \*\*modp3072\*\* — ipsecctl default when `group` is absent \(OpenBSD 7\.x\)/);
  assert.match(h.markdown, /group \(PFS\) \*\*modp3072\*\*/);
  assert.match(h.markdown, /enc \*\*aes-cbc-any\*\*/);
  assert.match(h.markdown, /192\.0\.2\.0\/24 → 198\.51\.100\.0\/24/);
  assert.ok(!h.markdown.includes('mekmitasdigoat'));
});

test('hover: keys are masked, also through macros', () => {
  const key = at(SEED.replace('mekmitasdigoat', 'mek$0mitasdigoat')).hover()!;
  assert.match(key.markdown, /Pre-shared key/);
  assert.ok(!key.markdown.includes('mekmitasdigoat'));
  assert.match(key.markdown, /\(14 chars\)/);
  const viaMacro = 'key = "supersecret"\nike esp from 192.0.2.0/24 to 198.51.100.0/24 psk $key\n';
  const probes = [viaMacro.replace('psk $key', () => 'psk $k$0ey'), viaMacro.replace('key =', () => 'k$0ey ='), viaMacro.replace('"supersecret"', () => '"super$0secret"')];
  for (const probe of probes) {
    const h = at(probe).hover()!;
    assert.ok(h, probe);
    assert.ok(!h.markdown.includes('supersecret'), h.markdown);
  }
  const plainMacro = at('gw = "203.0.113.1"\nike esp from any to any peer $g$0w\n').hover()!;
  assert.match(plainMacro.markdown, /203\.0\.113\.1/);
});

test('hover: keyword docs and algorithm values', () => {
  assert.match(at('ike esp from 10.0.0.0/8 to any pe$0er 203.0.113.1\n').hover()!.markdown, /remote IKE gateway/);
  const v = at('ike from 10.0.0.0/8 to 172.16.0.0/12 main enc 3d$0es\n').hover()!;
  assert.match(v.markdown, /\*\*3des\*\* \(`3des`\)/);
  assert.match(at('ike from 10.0.0.0/8 to 172.16.0.0/12 ma$0in enc 3des\n').hover()!.markdown, /group \*\*modp3072\*\* — ipsecctl default/);
  assert.equal(at('# just a comm$0ent\n').hover(), undefined);
});
