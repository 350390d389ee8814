// The bundled example workspace (examples/): what netcfg reports on each scenario, as examples/README.md
// promises, which files pair with which (no pairing across scenarios when the whole folder is one workspace),
// the variations the README suggests, and that every file tokenises without an invalid scope.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { createLanguageService } from '../../server/src/service';
import { tokenize, type DialectId } from '../syntaxes/textmate';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLES = path.join(ROOT, 'examples');
const FILES = (fs.readdirSync(EXAMPLES, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(EXAMPLES, f)).isFile() && !f.endsWith('.md')).map((f) => f.split(path.sep).join('/')).sort();
const read = (f: string) => fs.readFileSync(path.join(EXAMPLES, f), 'utf8');
const uriOf = (f: string) => `file:///examples/${f}`;

function workspace(replace: Record<string, (text: string) => string> = {}) {
  const service = createLanguageService();
  for (const f of FILES) service.setDocument(uriOf(f), (replace[f] ?? ((t: string) => t))(read(f)), 1);
  return service;
}

/** `severity code` of every error and warning of a file, sorted. */
function findings(service: ReturnType<typeof createLanguageService>, f: string, severities = ['error', 'warning']): string[] {
  return service
    .getFindings(uriOf(f))
    .filter((d) => severities.includes(d.severity))
    .map((d) => `${d.severity} ${d.code}`)
    .sort();
}

describe('examples/', () => {
  test('the expected scenarios and devices are there', () => {
    assert.deepEqual(FILES, [
      'asa-remote-access/asa.asa',
      'bird-ospf/bird.conf',
      'bird-ospf/core.ios',
      'dmvpn-dual-hub/hub1.ios',
      'dmvpn-dual-hub/hub2.ios',
      'dmvpn-dual-hub/spoke1.ios',
      'dmvpn-dual-hub/spoke2.ios',
      'l2tp-ipsec-routeros/l2tp-server.rsc',
      'netcfg.yaml',
      'openbsd-meraki/ipsec.conf',
      'openbsd-meraki/netcfg.yaml',
      'site-to-site-ios-routeros/mikrotik.rsc',
      'site-to-site-ios-routeros/r1.ios',
    ]);
    assert.ok(fs.existsSync(path.join(EXAMPLES, 'README.md')));
  });

  test('what netcfg reports on each file (as examples/README.md says)', () => {
    const s = workspace();
    const weak = 'warning ipsec/weak-crypto';
    // examples/netcfg.yaml's own policies (docs/policies.md): DH group 14 or better, no 3DES in ipsec.conf.
    const dh = 'warning corp/dh-group-14';
    const expected: Record<string, string[]> = {
      'asa-remote-access/asa.asa': [dh, weak],
      'bird-ospf/bird.conf': ['warning bird/short-hello-crypto'],
      'bird-ospf/core.ios': [],
      'dmvpn-dual-hub/hub1.ios': [],
      'dmvpn-dual-hub/hub2.ios': [],
      'dmvpn-dual-hub/spoke1.ios': [],
      'dmvpn-dual-hub/spoke2.ios': [],
      'l2tp-ipsec-routeros/l2tp-server.rsc': [dh, weak, weak, weak],
      'netcfg.yaml': [],
      'openbsd-meraki/ipsec.conf': [dh, 'warning corp/openbsd-no-3des', weak, weak],
      'openbsd-meraki/netcfg.yaml': [],
      // The showcase: seed 001's MY_KEY vs MYKEY, an error on both ends.
      'site-to-site-ios-routeros/mikrotik.rsc': ['error ipsec/psk-mismatch', dh, weak],
      'site-to-site-ios-routeros/r1.ios': ['error ipsec/psk-mismatch', dh, weak],
    };
    for (const f of FILES) assert.deepEqual(findings(s, f), expected[f], f);
    // The message never shows either key.
    for (const f of ['site-to-site-ios-routeros/r1.ios', 'site-to-site-ios-routeros/mikrotik.rsc']) {
      const psk = s.getFindings(uriOf(f)).find((d) => d.code === 'ipsec/psk-mismatch')!;
      assert.doesNotMatch(JSON.stringify([psk.message, psk.related.map((r) => r.message)]), /MY_?KEY/);
      assert.equal(psk.related.length > 0, true);
    }
  });

  test('devices pair within their scenario only', () => {
    const s = workspace();
    const partners = (f: string) => s.partners(uriOf(f)).map((u) => u.replace('file:///examples/', '')).sort();
    assert.deepEqual(partners('site-to-site-ios-routeros/r1.ios'), ['site-to-site-ios-routeros/mikrotik.rsc']);
    assert.deepEqual(partners('site-to-site-ios-routeros/mikrotik.rsc'), ['site-to-site-ios-routeros/r1.ios']);
    assert.deepEqual(partners('bird-ospf/core.ios'), ['bird-ospf/bird.conf']);
    assert.deepEqual(partners('openbsd-meraki/ipsec.conf'), ['openbsd-meraki/netcfg.yaml#meraki-mx60']);
    for (const spoke of ['dmvpn-dual-hub/spoke1.ios', 'dmvpn-dual-hub/spoke2.ios']) {
      const p = partners(spoke);
      assert.ok(p.includes('dmvpn-dual-hub/hub1.ios') && p.includes('dmvpn-dual-hub/hub2.ios'), `${spoke} pairs with both hubs: ${p}`);
    }
    for (const f of FILES) {
      const scenario = f.split('/')[0];
      for (const p of partners(f)) assert.equal(p.split('/')[0], scenario, `${f} pairs with ${p} from another scenario`);
    }
  });

  test('the variations the README suggests produce the errors it names', () => {
    // OpenBSD: the blog's first rule (no main/quick clauses) against the Meraki.
    let s = workspace({ 'openbsd-meraki/ipsec.conf': (t) => t.replace(/\tmain .*\n\tquick .*\n/, '') });
    const meraki = ['error ipsec/esp-proposal-mismatch', 'error ipsec/ike-proposal-mismatch', 'error ipsec/pfs-mismatch'];
    assert.deepEqual(findings(s, 'openbsd-meraki/ipsec.conf', ['error']), meraki);
    assert.deepEqual(findings(s, 'openbsd-meraki/netcfg.yaml', ['error']), meraki);
    // BIRD: IOS defaults against BIRD's hello 2 / dead 10.
    s = workspace({ 'bird-ospf/core.ios': (t) => t.replace(/ ip ospf (hello|dead)-interval .*\n/g, '') });
    assert.deepEqual(findings(s, 'bird-ospf/core.ios', ['error']), ['error ospf/timer-mismatch']);
    assert.deepEqual(findings(s, 'bird-ospf/bird.conf', ['error']), ['error ospf/timer-mismatch']);
    // DMVPN: a spoke with another tunnel key towards hub1.
    s = workspace({ 'dmvpn-dual-hub/spoke1.ios': (t) => t.replace(' tunnel key 1\n', ' tunnel key 2\n') });
    assert.deepEqual(findings(s, 'dmvpn-dual-hub/spoke1.ios', ['error']), ['error dmvpn/tunnel-key-mismatch']);
    assert.deepEqual(findings(s, 'dmvpn-dual-hub/hub1.ios', ['error']), ['error dmvpn/tunnel-key-mismatch']);
    // L2TP: the two copies of the IPsec secret drift apart.
    s = workspace({ 'l2tp-ipsec-routeros/l2tp-server.rsc': (t) => t.replace('secret="l2tp-lab-key"', 'secret="other-key"') });
    assert.ok(findings(s, 'l2tp-ipsec-routeros/l2tp-server.rsc', ['error']).includes('error l2tp/ipsec-secret-mismatch'));
    // ASA: a tunnel-group naming a group-policy that does not exist.
    s = workspace({ 'asa-remote-access/asa.asa': (t) => t.replace('default-group-policy REMOTE_ACCESS_GP', 'default-group-policy MISSING_GP') });
    assert.deepEqual(findings(s, 'asa-remote-access/asa.asa', ['error']), ['error ref/undefined']);
  });

  test('netcfg.yaml agrees with schemas/netcfg.schema.json', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/netcfg.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    assert.ok(validate(parseYaml(read('openbsd-meraki/netcfg.yaml'))), JSON.stringify(validate.errors));
  });

  test('every example tokenises with its grammar and no invalid scope', async () => {
    const grammarOf = (f: string): DialectId | undefined =>
      f.endsWith('.ios') ? 'cisco-ios' : f.endsWith('.asa') ? 'cisco-asa' : f.endsWith('.rsc') ? 'routeros' : f.endsWith('ipsec.conf') ? 'openbsd-ipsec' : f.endsWith('bird.conf') ? 'bird' : undefined;
    for (const f of FILES) {
      const id = grammarOf(f);
      if (!id) continue;
      const lines = await tokenize(id, read(f));
      const bad = lines.flatMap((l, i) => l.filter((t) => t.scopes.some((x) => x.includes('invalid'))).map((t) => `${f}:${i + 1} ${t.text}`));
      assert.deepEqual(bad, []);
      // Comments are comments (the e2e test compares their colour with a keyword's).
      assert.ok(lines.some((l) => l.some((t) => t.scopes.some((x) => x.startsWith('comment.')))), `${f} has a comment`);
    }
  });
});
