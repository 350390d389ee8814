// netcfg.yaml: parsing with ranges, agreement with schemas/netcfg.schema.json (ajv), external Meraki/generic
// peers as devices, device overrides, and the service integration (findings on the yaml, pairing by overrides).

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import * as model from '../../server/src/model';
import { createLanguageService } from '../../server/src/service';
import { applyWorkspaceConfig, externalDevices, isWorkspaceConfigUri, parseWorkspaceConfig } from '../../server/src/workspace-config';

const schema = JSON.parse(fs.readFileSync(path.join(__dirname, '../../schemas/netcfg.schema.json'), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);

const MERAKI = `# External peers netcfg cannot read
peers:
  - name: meraki-hq
    profile: meraki-mx
    address: 198.51.100.20
    remote: 203.0.113.1
    psk: mekmitasdigoat
    local-subnets: [10.20.0.0/24]
    remote-subnets: [10.0.0.0/24]
`;

const GENERIC = `peers:
  - name: partner
    profile: generic
    address: 192.0.2.10
    ike-version: 2
    psk: "partner key"
    phase1:
      - encryption: aes-256
        hash: sha256
        dh: [14, group19]
        lifetime: 28800
    phase2:
      - encryption: [aes-cbc-256, aes-gcm-256]
        integrity: sha256
        mode: tunnel
    pfs: group14
    phase2-lifetime: 3600
`;

const DEVICES = `devices:
  - name: hq-rtr
    platform-version: "17.12.1"
    addresses: [203.0.113.1]
  - file: branch.rsc
    addresses:
      - 198.51.100.7
`;

const EXAMPLES = { MERAKI, GENERIC, DEVICES, COMBINED: `${DEVICES}${MERAKI.replace('# External peers netcfg cannot read\n', '')}` };

describe('netcfg.yaml parsing and schema', () => {
  for (const [name, text] of Object.entries(EXAMPLES)) {
    it(`example ${name} parses clean and validates against the schema`, () => {
      const res = parseWorkspaceConfig(text, 'file:///w/netcfg.yaml');
      assert.deepEqual(res.diagnostics, []);
      assert.ok(validate(parseYaml(text)), JSON.stringify(validate.errors));
    });
  }

  it('every examples/**/netcfg.yaml in the repo parses clean and validates', () => {
    const root = path.join(__dirname, '../../examples');
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (/^netcfg\.ya?ml$/.test(e.name)) found.push(full);
      }
    };
    walk(root);
    for (const f of found) {
      const text = fs.readFileSync(f, 'utf8');
      assert.deepEqual(parseWorkspaceConfig(text, f).diagnostics, [], f);
      assert.ok(validate(parseYaml(text)), `${f}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('reads typed values with ranges', () => {
    const { config } = parseWorkspaceConfig(GENERIC, 'u');
    const p = config.peers[0];
    assert.equal(p.profile.value, 'generic');
    assert.deepEqual(p.phase1![0].dh.value, ['modp2048', 'ecp256']);
    assert.deepEqual(p.phase1![0].encryption.value, ['aes-cbc-256']);
    assert.equal(p.pfs!.value, 'modp2048');
    assert.equal(GENERIC.slice(p.address.range.start, p.address.range.end), '192.0.2.10');
    assert.equal(config.devices.length, 0);
  });

  const bad: [string, string, string, string][] = [
    // [name, text, expected code@text, severity]
    ['unknown key', 'peers:\n  - name: x\n    profile: meraki-mx\n    address: 192.0.2.1\n    colour: red\n', 'config/unknown-key@colour', 'warning'],
    ['bad address', 'peers:\n  - name: x\n    profile: meraki-mx\n    address: 192.0.2.300\n', 'config/invalid-value@192.0.2.300', 'error'],
    ['unknown encryption', 'peers:\n  - name: x\n    profile: generic\n    address: 192.0.2.1\n    phase1:\n      - {encryption: rot13, hash: sha1, dh: 14}\n    phase2:\n      - {encryption: aes256, integrity: sha1}\n', 'config/invalid-value@rot13', 'error'],
    ['generic without proposals', 'peers:\n  - name: x\n    profile: generic\n    address: 192.0.2.1\n', 'config/invalid-value@generic', 'error'],
    ['meraki aggressive mode', 'peers:\n  - name: x\n    profile: meraki-mx\n    address: 192.0.2.1\n    exchange-mode: aggressive\n', 'config/invalid-value@aggressive', 'error'],
    ['unknown profile', 'peers:\n  - name: x\n    profile: fortigate\n    address: 192.0.2.1\n', 'config/invalid-value@fortigate', 'error'],
  ];
  for (const [name, text, expected, severity] of bad) {
    it(`${name}: diagnostic at the offending node, and the schema rejects it too`, () => {
      const res = parseWorkspaceConfig(text, 'u');
      const got = res.diagnostics.map((d) => `${d.code}@${text.slice(d.range.start, d.range.end)}`);
      assert.ok(got.includes(expected), got.join(' | '));
      assert.equal(res.diagnostics.find((d) => `${d.code}@${text.slice(d.range.start, d.range.end)}` === expected)!.severity, severity);
      assert.equal(validate(parseYaml(text)), false);
    });
  }

  it('YAML syntax errors are diagnostics, never exceptions', () => {
    for (const text of ['peers: [\n', 'peers:\n  - name: "x\n', ':\n:\n', '\u0000\u0001', 'peers: 3', '- a\n- b\n']) {
      const res = parseWorkspaceConfig(text, 'u');
      assert.ok(res.diagnostics.length > 0, JSON.stringify(text));
      for (const d of res.diagnostics) assert.ok(d.range.start <= d.range.end && d.range.end <= text.length);
    }
    assert.deepEqual(parseWorkspaceConfig('', 'u').diagnostics, []);
  });

  it('recognises netcfg.yaml / netcfg.yml uris only', () => {
    assert.ok(isWorkspaceConfigUri('file:///w/netcfg.yaml'));
    assert.ok(isWorkspaceConfigUri('file:///w/sub/netcfg.yml'));
    assert.ok(!isWorkspaceConfigUri('file:///w/other-netcfg.yaml'));
    assert.ok(!isWorkspaceConfigUri('file:///w/netcfg.yaml.bak'));
  });
});

describe('external peers and device overrides', () => {
  it('meraki-mx lowers to the Meraki default preset, defaults marked, ranges in the yaml', () => {
    const { config } = parseWorkspaceConfig(MERAKI, 'file:///w/netcfg.yaml');
    const [d] = externalDevices(config, 'file:///w/netcfg.yaml');
    assert.equal(d.uri, 'file:///w/netcfg.yaml');
    assert.equal(d.name, 'meraki-hq');
    assert.deepEqual(model.ownedAddresses(d), ['198.51.100.20']);
    const p = d.ipsecPeers[0];
    assert.equal(p.remote!.value, '203.0.113.1');
    assert.deepEqual([p.phase1[0].encryption.value, p.phase1[0].hash.value, p.phase1[0].dh.value, p.phase1[0].lifetime.value], [['3des'], ['sha1'], ['modp1024'], 28800]);
    assert.ok(p.phase1[0].encryption.default);
    assert.deepEqual(p.phase2[0].integrity.value, ['md5', 'sha1']);
    assert.equal(p.pfs.value, 'none');
    assert.equal(p.exchangeMode.value, 'main');
    assert.equal(MERAKI.slice(p.psk!.secret.range.start, p.psk!.secret.range.end), 'mekmitasdigoat');
    assert.deepEqual(p.selectors.map((s) => `${s.local}>${s.remote}`), ['10.20.0.0/24>10.0.0.0/24']);
    assert.equal(p.setPhase1, undefined, 'no Setters: netcfg cannot change a Meraki');
  });

  it('applies platform version and addresses by hostname or file name', () => {
    const { config } = parseWorkspaceConfig(DEVICES, 'u');
    const hq = applyWorkspaceConfig(config, model.emptyDevice('file:///w/hq.ios', 'cisco-ios', 'hq-rtr'));
    assert.equal(hq.platformVersion, '17.12.1');
    assert.deepEqual(model.ownedAddresses(hq), ['203.0.113.1']);
    const br = applyWorkspaceConfig(config, model.emptyDevice('file:///w/sites/branch.rsc', 'routeros', 'MikroTik'));
    assert.deepEqual(model.ownedAddresses(br), ['198.51.100.7']);
    const other = applyWorkspaceConfig(config, model.emptyDevice('file:///w/x.ios', 'cisco-ios', 'x'));
    assert.deepEqual(model.ownedAddresses(other), []);
  });
});

describe('service integration', () => {
  const OBSD_DEFAULT = `ike esp from 10.0.0.0/24 to 10.20.0.0/24 \\
        local 203.0.113.1 peer 198.51.100.20 \\
        psk mekmitasdigoat
`;
  // Seed 000: the rule the author ended up with against the Meraki MX.
  const OBSD_FIXED = `ike esp from 10.0.0.0/24 to 10.20.0.0/24 \\
        local 203.0.113.1 peer 198.51.100.20 \\
        main auth hmac-sha1 enc 3des group modp1024 lifetime 28800 \\
        quick auth hmac-sha1 enc aes-256 group none lifetime 28800 \\
        psk mekmitasdigoat
`;
  const codes = (s: ReturnType<typeof createLanguageService>, uri: string) => s.getFindings(uri).filter((f) => f.severity === 'error').map((f) => f.code).sort();

  it('seed 000: the default OpenBSD rule fails against meraki-mx on both ends; the fixed rule passes', () => {
    const s = createLanguageService();
    s.setDocument('file:///w/ipsec.conf', OBSD_DEFAULT, 1);
    const affected = s.setDocument('file:///w/netcfg.yaml', MERAKI, 1);
    assert.ok(affected.has('file:///w/ipsec.conf'));
    assert.deepEqual(codes(s, 'file:///w/ipsec.conf'), ['ipsec/esp-proposal-mismatch', 'ipsec/ike-proposal-mismatch', 'ipsec/pfs-mismatch']);
    assert.deepEqual(codes(s, 'file:///w/netcfg.yaml'), ['ipsec/esp-proposal-mismatch', 'ipsec/ike-proposal-mismatch', 'ipsec/pfs-mismatch']);
    const yamlFinding = s.getFindings('file:///w/netcfg.yaml').find((f) => f.code === 'ipsec/ike-proposal-mismatch')!;
    assert.equal(MERAKI.slice(yamlFinding.range.start, yamlFinding.range.end), 'meraki-mx');
    assert.equal(yamlFinding.related[0].uri, 'file:///w/ipsec.conf');
    assert.deepEqual(s.partners('file:///w/ipsec.conf'), ['file:///w/netcfg.yaml#meraki-hq']);
    assert.equal(s.getDevice('file:///w/netcfg.yaml#meraki-hq')!.name, 'meraki-hq');

    s.setDocument('file:///w/ipsec.conf', OBSD_FIXED, 2);
    assert.deepEqual(codes(s, 'file:///w/ipsec.conf'), []);
    assert.deepEqual(codes(s, 'file:///w/netcfg.yaml'), []);
    // The PSK compared equal; a different key on the Meraki is caught without being shown.
    s.setDocument('file:///w/netcfg.yaml', MERAKI.replace('psk: mekmitasdigoat', 'psk: mekmitasdigoa7'), 2);
    assert.deepEqual(codes(s, 'file:///w/ipsec.conf'), ['ipsec/psk-mismatch']);
    // Fix edits carry the key (they must write it); messages, related info and titles never do.
    const msgs = JSON.stringify([...s.getFindings('file:///w/ipsec.conf'), ...s.getFindings('file:///w/netcfg.yaml')].map((f) => [f.message, f.related.map((r) => r.message), f.fixes.map((x) => x.title)]));
    assert.ok(!msgs.includes('mekmitasdigoa'));
    // Removing the yaml removes its peers.
    s.removeDocument('file:///w/netcfg.yaml');
    assert.deepEqual(s.partners('file:///w/ipsec.conf'), []);
    assert.deepEqual(codes(s, 'file:///w/ipsec.conf'), []);
  });

  it('yaml diagnostics are reported on the yaml', () => {
    const s = createLanguageService();
    s.setDocument('file:///w/netcfg.yaml', 'peers:\n  - name: x\n    profile: meraki-mx\n    address: nope\n', 1);
    assert.deepEqual(s.getFindings('file:///w/netcfg.yaml').map((f) => f.code), ['config/invalid-value']);
    assert.deepEqual(s.uris(), []);
  });

  it('device overrides feed pairing: an extra address lets a peer find its other end', () => {
    const s = createLanguageService();
    const a = `ike esp from 10.1.0.0/24 to 10.2.0.0/24 peer 192.0.2.2 psk KEYONE\n`;
    const b = `ike esp from 10.2.0.0/24 to 10.1.0.0/24 peer 192.0.2.1 psk KEYTWO\n`;
    s.setDocument('file:///w/a.ipsec.conf', a, 1);
    s.setDocument('file:///w/b.ipsec.conf', b, 1);
    assert.deepEqual(codes(s, 'file:///w/a.ipsec.conf'), []);
    s.setDocument('file:///w/netcfg.yaml', 'devices:\n  - file: a.ipsec.conf\n    addresses: [192.0.2.1]\n  - file: b.ipsec.conf\n    addresses: [192.0.2.2]\n', 1);
    assert.deepEqual(codes(s, 'file:///w/a.ipsec.conf'), ['ipsec/psk-mismatch']);
    assert.deepEqual(codes(s, 'file:///w/b.ipsec.conf'), ['ipsec/psk-mismatch']);
  });
});
