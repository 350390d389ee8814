// The rules through the bundled CLI (`node server/out/cli.js`): --rule and its precedence over netcfg.yaml,
// `netcfg rules`, suppressed findings in JSON/SARIF (validated against the SARIF 2.1.0 schema) and text, the
// deprecated --weak-crypto, and the baseline round trip (write, check, new and fixed findings, prune).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { CLI, ensureBuilt } from '../cli/build';
import { RULES } from '../../server/src/rules/registry';
import { SECRETS, SITE_A as A, SITE_B as B, IOS_WARNING as IOS } from '../helpers/psk-pair';



function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-rules-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function run(args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  for (const s of SECRETS) assert.ok(!res.stdout.includes(s) && !res.stderr.includes(s), `secret in the output of ${args.join(' ')}`);
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const codes = (report: any, pred: (d: any) => boolean = () => true) => report.diagnostics.filter(pred).map((d: any) => `${d.file}:${d.line} ${d.code} ${d.severity}${d.suppressed ? ` suppressed:${d.suppression.kind}` : ''}${d.baseline ? ` ${d.baseline}` : ''}`);

before(() => ensureBuilt());

describe('--rule and netcfg rules', () => {
  test('--rule overrides netcfg.yaml rules:, which overrides the default; the exit status follows', () => {
    const dir = workspace({ 'a.ipsec.conf': A, 'b.ipsec.conf': B, 'r1.ios': IOS, 'netcfg.yaml': 'rules:\n  ipsec/weak-crypto: error\n  ipsec/psk-mismatch: warning\n' });
    let r = run(['check', '--format', 'json'], dir);
    assert.equal(r.status, 1, 'weak-crypto is an error by netcfg.yaml');
    assert.deepEqual(codes(JSON.parse(r.stdout)), ['a.ipsec.conf:5 ipsec/psk-mismatch warning', 'b.ipsec.conf:5 ipsec/psk-mismatch warning', 'r1.ios:3 ipsec/weak-crypto error']);
    r = run(['check', '--format', 'json', '--rule', 'ipsec/weak-crypto=warning', '--rule=ipsec/*=hint'], dir);
    assert.equal(r.status, 0);
    assert.deepEqual(codes(JSON.parse(r.stdout)), ['r1.ios:3 ipsec/weak-crypto warning'], 'the code beats its family; hints are below the default --min-severity');
    r = run(['check', '--format', 'json', '--rule', 'ipsec/weak-crypto=off', '--min-severity', 'hint'], dir);
    assert.deepEqual(codes(JSON.parse(r.stdout)), ['a.ipsec.conf:5 ipsec/psk-mismatch warning', 'b.ipsec.conf:5 ipsec/psk-mismatch warning']);
    assert.equal(run(['check', '--rule', 'ipsec/weak-krypto=off'], dir).status, 2);
    assert.match(run(['check', '--rule', 'ipsec/weak-crypto=loud'], dir).stderr, /invalid --rule 'ipsec\/weak-crypto=loud'/);
  });

  test('--weak-crypto still works, with a deprecation message; --rule wins over it', () => {
    const dir = workspace({ 'r1.ios': IOS });
    let r = run(['check', '--weak-crypto', 'error'], dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /--weak-crypto is deprecated; use --rule ipsec\/weak-crypto=error/);
    r = run(['check', '--weak-crypto', 'off', '--format', 'json'], dir);
    assert.deepEqual(codes(JSON.parse(r.stdout)), []);
    r = run(['check', '--weak-crypto', 'off', '--rule', 'ipsec/weak-crypto=error'], dir);
    assert.equal(r.status, 1);
  });

  test('netcfg rules lists every code with default and effective severity, source and documentation link', () => {
    const dir = workspace({ 'netcfg.yaml': 'rules:\n  ospf/*: warning\n  ipsec/weak-crypto: off\n' });
    const r = run(['rules', '--format', 'json', '--rule', 'ipsec/weak-crypto=error'], dir);
    assert.equal(r.status, 0);
    const out = JSON.parse(r.stdout);
    assert.equal(out.config, 'netcfg.yaml');
    assert.equal(out.rules.length, RULES.length);
    const by = new Map(out.rules.map((x: any) => [x.code, x]));
    assert.deepEqual(by.get('ipsec/weak-crypto'), { code: 'ipsec/weak-crypto', defaultSeverity: 'warning', severity: 'error', source: '--rule', description: 'A deprecated algorithm or DH group in a proposal', docs: 'https://github.com/netcfg/netcfg/blob/main/docs/diagnostics.md#ipsec-weak-crypto' });
    assert.deepEqual([(by.get('ospf/area-mismatch') as any).severity, (by.get('ospf/area-mismatch') as any).source], ['warning', 'netcfg.yaml']);
    assert.deepEqual([(by.get('ref/unused') as any).severity, (by.get('ref/unused') as any).source], ['hint', 'default']);
    const text = run(['rules'], dir).stdout;
    assert.match(text, /^ipsec\/weak-crypto\s+warning\s+off \(netcfg\.yaml\)\s+A deprecated algorithm .* https:\/\/github\.com\/netcfg\/netcfg\/blob\/main\/docs\/diagnostics\.md#ipsec-weak-crypto$/m);
  });
});

describe('suppressed findings in the CLI', () => {
  const files = () =>
    workspace({
      'a.ipsec.conf': A.replace('# Site A\n', '# Site A\n# netcfg-ignore ipsec/psk-mismatch -- rotated next week\n'),
      'b.ipsec.conf': B,
      'r1.ios': IOS,
      'netcfg.yaml': 'ignore:\n  - code: ipsec/weak-crypto\n    device: r1\n    reason: legacy peer until 2027-06\n',
    });

  test('JSON keeps them with "suppressed": true; text and the exit status ignore them', () => {
    const dir = files();
    const r = run(['check', '--format', 'json'], dir);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(codes(report), ['a.ipsec.conf:6 ipsec/psk-mismatch error suppressed:inSource', 'b.ipsec.conf:5 ipsec/psk-mismatch error', 'r1.ios:3 ipsec/weak-crypto warning suppressed:external']);
    const weak = report.diagnostics.find((d: any) => d.code === 'ipsec/weak-crypto');
    assert.deepEqual(weak.suppression, { kind: 'external', justification: 'legacy peer until 2027-06' });
    assert.equal(r.status, 1, 'b still has its error');
    const text = run(['check'], dir);
    assert.doesNotMatch(text.stdout, /weak-crypto|^a\.ipsec\.conf:6/m);
    assert.match(text.stdout, /3 files checked: 1 error, 0 warnings, 2 suppressed/);
    // Both ends suppressed: exit 0.
    fs.writeFileSync(path.join(dir, 'b.ipsec.conf'), B.replace('# Site B\n', '# Site B\n# netcfg-ignore ipsec/psk-mismatch\n'));
    assert.equal(run(['check'], dir).status, 0);
  });

  test('SARIF: suppressions with kind and justification, partial fingerprints; valid SARIF 2.1.0', () => {
    const dir = files();
    const r = run(['check', '--format', 'sarif'], dir);
    const log: any = JSON.parse(r.stdout);
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')));
    const valid = validate(JSON.parse(r.stdout));
    assert.ok(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    const results = log.runs[0].results;
    const a = results.find((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'a.ipsec.conf');
    assert.deepEqual(a.suppressions, [{ kind: 'inSource', status: 'accepted', justification: 'rotated next week' }]);
    const weak = results.find((x: any) => x.ruleId === 'ipsec/weak-crypto');
    assert.deepEqual(weak.suppressions, [{ kind: 'external', status: 'accepted', justification: 'legacy peer until 2027-06' }]);
    const b = results.find((x: any) => x.locations[0].physicalLocation.artifactLocation.uri === 'b.ipsec.conf');
    assert.equal(b.suppressions, undefined);
    for (const x of results) assert.match(x.partialFingerprints['netcfg/v1'], /^[0-9a-f]{32}$/);
    const rule = log.runs[0].tool.driver.rules.find((x: any) => x.id === 'ipsec/weak-crypto');
    assert.equal(rule.shortDescription.text, 'A deprecated algorithm or DH group in a proposal');
  });
});

describe('baselines', () => {
  test('write, check (only new findings fail), fixed entries reported, prune; no secrets or config text in the file', () => {
    const dir = workspace({ 'a.ipsec.conf': A, 'b.ipsec.conf': B, 'r1.ios': IOS, 'netcfg.yaml': '' });
    const baselineFile = path.join(dir, '.netcfg-baseline.json');
    // Write: exit 0, every finding recorded.
    let r = run(['check', '--write-baseline'], dir);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.match(r.stdout, /baseline \.netcfg-baseline\.json: recorded 3 findings/);
    const written = fs.readFileSync(baselineFile, 'utf8');
    const baseline = JSON.parse(written);
    assert.equal(baseline.version, 1);
    assert.deepEqual(
      baseline.findings.map((e: any) => `${e.file} ${e.code} ${e.device ?? '-'} ${e.count}`),
      ['a.ipsec.conf ipsec/psk-mismatch a.ipsec.conf 1', 'b.ipsec.conf ipsec/psk-mismatch b.ipsec.conf 1', 'r1.ios ipsec/weak-crypto r1 1'],
    );
    for (const e of baseline.findings) assert.deepEqual(Object.keys(e).sort(), ['code', 'count', 'device', 'file', 'fingerprint']);
    for (const s of [...SECRETS, 'encryption', 'hmac', 'aes-256', 'message']) assert.ok(!written.includes(s), `${s} in the baseline`);

    // Check with the baseline found next to netcfg.yaml: nothing new, exit 0.
    r = run(['check'], dir);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /baseline \.netcfg-baseline\.json: 3 baselined findings left\n3 files checked: 0 errors, 0 warnings/);

    // Lines inserted above a baselined finding: still baselined. A new weak policy: new, and reported.
    fs.writeFileSync(path.join(dir, 'r1.ios'), IOS.replace('hostname r1\n', 'hostname r1\n!\nntp server 10.9.9.9\n').replace('crypto isakmp key', 'crypto isakmp policy 20\n encryption 3des\n hash sha256\n authentication pre-share\n group 14\ncrypto isakmp key'));
    r = run(['check', '--format', 'json'], dir);
    assert.deepEqual(codes(JSON.parse(r.stdout)), ['a.ipsec.conf:5 ipsec/psk-mismatch error unchanged', 'b.ipsec.conf:5 ipsec/psk-mismatch error unchanged', 'r1.ios:5 ipsec/weak-crypto warning unchanged', 'r1.ios:10 ipsec/weak-crypto warning new']);
    assert.match(r.stderr, /3 baselined findings left/);
    r = run(['check', '--rule', 'ipsec/weak-crypto=error'], dir);
    assert.equal(r.status, 1, 'a new error fails');
    assert.match(r.stdout, /^r1\.ios:10:2 error ipsec\/weak-crypto /m);
    assert.doesNotMatch(r.stdout, /r1\.ios:5|psk-mismatch/);

    // Fix the PSK mismatch: two entries are stale; --prune-baseline drops them.
    fs.writeFileSync(path.join(dir, 'b.ipsec.conf'), B.replace('site-b-other-7q', 'site-a-secret-9x'));
    r = run(['check'], dir);
    assert.match(r.stdout, /1 baselined finding left, 2 fixed since \(run with --prune-baseline to drop them\)/);
    const sarif = JSON.parse(run(['check', '--format', 'sarif'], dir).stdout);
    assert.deepEqual(sarif.runs[0].results.map((x: any) => x.baselineState).sort(), ['new', 'unchanged']);
    r = run(['check', '--prune-baseline'], dir);
    assert.match(r.stdout, /2 fixed since \(pruned\)/);
    assert.deepEqual(JSON.parse(fs.readFileSync(baselineFile, 'utf8')).findings.map((e: any) => e.code), ['ipsec/weak-crypto']);
    assert.match(run(['check'], dir).stdout, /baseline \.netcfg-baseline\.json: 1 baselined finding left\n/);

    // --baseline FILE, --write-baseline FILE.json and --no-baseline.
    r = run(['check', '--write-baseline', 'other.json'], dir);
    assert.equal(r.status, 0);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'other.json'), 'utf8')).findings.length, 2);
    assert.match(run(['check', '--baseline', 'other.json'], dir).stdout, /baseline other\.json: 2 baselined findings left/);
    assert.doesNotMatch(run(['check', '--no-baseline'], dir).stdout, /baseline/);
    assert.equal(run(['check', '--baseline', 'missing.json'], dir).status, 2);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"findings": 3}');
    assert.match(run(['check', '--baseline', 'broken.json'], dir).stderr, /not a netcfg baseline/);
  });
});
