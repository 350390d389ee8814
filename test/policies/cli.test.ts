// Policies through the bundled CLI: `netcfg check` reports them (JSON, exit status), `netcfg rules` lists them
// with their default and effective severity, a broken policy is reported in netcfg.yaml while the others run,
// `--jobs 2` (worker threads) gives the same result, and the baseline records and absorbs policy findings.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import { CLI, ensureBuilt } from '../cli/build';

const YAML = `policies:
  - id: corp/no-http-server
    message: No HTTP management server
    severity: error
    dialect: cisco-ios
    forbid: '^ip http server'
  - id: corp/dh-group-14
    message: Phase 1 DH group 14 or stronger
    target: ipsecPeers.phase1
    forbid: self.dh.exists(g, g in ["modp768", "modp1024", "modp1536"])
  - id: corp/broken
    target: ipsecPeers
    require: self.ike == 2
rules:
  corp/dh-group-14: information
`;

const IOS = `hostname edge1
ip http server
crypto isakmp policy 10
 encryption aes 256
 hash sha256
 authentication pre-share
 group 14
`;

const ROS = `/ip ipsec peer
add address=203.0.113.7/32 secret=ros-secret-5521 exchange-mode=main \\
    enc-algorithm=aes-256 hash-algorithm=sha256 dh-group=modp1024
/system identity
set name=ros1
`;

function run(args: string[], cwd: string) {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('policies in the CLI', () => {
  let dir = '';
  before(() => {
    ensureBuilt();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-policies-'));
    fs.writeFileSync(path.join(dir, 'netcfg.yaml'), YAML);
    fs.writeFileSync(path.join(dir, 'edge1.ios'), IOS);
    fs.writeFileSync(path.join(dir, 'ros1.rsc'), ROS);
  });

  const summary = (stdout: string) =>
    (JSON.parse(stdout).diagnostics as { file: string; code: string; severity: string; line: number; suppressed?: boolean }[])
      .filter((d) => d.code.startsWith('corp/') || d.code.startsWith('config/'))
      .map((d) => `${d.file} ${d.line} ${d.severity} ${d.code}`)
      .sort();

  test('netcfg check reports policy findings with their severities, and the broken policy in netcfg.yaml', () => {
    const r = run(['check', '--format', 'json', '.'], dir);
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(summary(r.stdout), ['edge1.ios 2 error corp/no-http-server', 'netcfg.yaml 13 error config/invalid-policy', 'ros1.rsc 3 information corp/dh-group-14']);
    const jobs = run(['check', '--format', 'json', '--jobs', '2', '.'], dir);
    assert.equal(jobs.status, 1, jobs.stderr);
    assert.deepEqual(summary(jobs.stdout), summary(r.stdout));
  });

  test('netcfg rules lists the policies with default and effective severity', () => {
    const r = run(['rules', '--format', 'json', '.'], dir);
    assert.equal(r.status, 0, r.stderr);
    const rows = (JSON.parse(r.stdout).rules as { code: string; defaultSeverity: string; severity: string; source: string }[]).filter((x) => x.code.startsWith('corp/'));
    assert.deepEqual(
      rows.map((x) => `${x.code} ${x.defaultSeverity} ${x.severity} ${x.source}`),
      ['corp/no-http-server error error default', 'corp/dh-group-14 warning information netcfg.yaml'],
    );
    assert.match(run(['rules', '.'], dir).stdout, /corp\/no-http-server\s+error\s+error\s+No HTTP management server \(line rule, cisco-ios\)/);
  });

  test('--rule sets the severity of a policy over netcfg.yaml; a code in a built-in family that does not exist is still a usage error', () => {
    const r = run(['check', '--format', 'json', '--rule', 'corp/no-http-server=off', '--rule', 'corp/*=hint', '.'], dir);
    assert.deepEqual(summary(r.stdout), ['netcfg.yaml 13 error config/invalid-policy'], 'off removes one; --rule corp/*=hint (a higher layer) beats netcfg.yaml corp/dh-group-14: information, and hints are below the default minimum severity');
    const bad = run(['check', '--rule', 'ipsec/weak-crypt=off', '.'], dir);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown diagnostic code 'ipsec\/weak-crypt'/);
  });

  test('a baseline records policy findings; the next check passes on them', () => {
    const w = run(['check', '--write-baseline', '.'], dir);
    assert.ok(fs.existsSync(path.join(dir, '.netcfg-baseline.json')), w.stdout + w.stderr);
    const base = fs.readFileSync(path.join(dir, '.netcfg-baseline.json'), 'utf8');
    assert.match(base, /corp\/no-http-server/);
    const r = run(['check', '--format', 'json', '.'], dir);
    assert.equal(r.status, 0, r.stdout);
    fs.rmSync(path.join(dir, '.netcfg-baseline.json'));
  });
});
