// The CI integrations, run the way their hosts run them, on the CLI packed and installed from its npm tarball:
// - action.yml (GitHub composite action): its `run` steps executed by bash as the runner does, with the step's
//   `env:` expressions evaluated from the inputs (or their defaults) and earlier steps' outputs, GITHUB_OUTPUT and
//   RUNNER_TEMP set; the remote actions (setup-node, upload-sarif) are checked for shape only;
// - .pre-commit-hooks.yaml: each hook's `entry` run at the root of a temporary git repository on the staged files
//   its `files` pattern selects (appended when pass_filenames is not false), with `netcfg` on PATH.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import YAML from 'yaml';
import { ensureBuilt, ROOT } from './build';
import { NPM, packTarball, sh } from './pack-helper';

const SECRETS = ['site-a-secret-9x', 'site-b-other-7q'];
const A = `# Site A
ike esp from 10.1.0.0/16 to 10.2.0.0/16 local 192.0.2.1 peer 198.51.100.1 \\
        main auth hmac-sha2-256 enc aes-256 group modp2048 \\
        quick auth hmac-sha2-256 enc aes-256 group modp2048 \\
        psk "site-a-secret-9x"
`;
const B = A.replace('Site A', 'Site B').replace('from 10.1.0.0/16 to 10.2.0.0/16 local 192.0.2.1 peer 198.51.100.1', 'from 10.2.0.0/16 to 10.1.0.0/16 local 198.51.100.1 peer 192.0.2.1');
const B_OTHER_KEY = B.replace('site-a-secret-9x', 'site-b-other-7q');

let tmp: string;
let tarball: string;
/** A folder whose node_modules/.bin holds the installed `netcfg`. */
let installed: string;

before(() => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-ci-'));
  tarball = packTarball(tmp).file;
  installed = path.join(tmp, 'installed');
  fs.mkdirSync(installed);
  const r = sh(NPM, ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: installed, env: { ...process.env, npm_config_cache: path.join(tmp, 'npm-cache') } });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function noSecrets(text: string): void {
  for (const s of SECRETS) assert.ok(!text.includes(s), 'a secret leaked');
}

// ---------------------------------------------------------------------------------------------------------------
// GitHub composite action

const action = YAML.parse(fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf8'));

/** The runner's `${{ }}` evaluation, for the only forms the action's env uses: inputs and earlier steps' outputs. */
function evaluate(expr: string, inputs: Record<string, string>, outputs: Record<string, Record<string, string>>): string {
  return expr.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_m, e: string) => {
    let m = /^inputs\.([\w-]+)$/.exec(e);
    if (m) {
      assert.ok(m[1] in action.inputs, `unknown input ${m[1]}`);
      return inputs[m[1]] ?? String(action.inputs[m[1]].default ?? '');
    }
    m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
    if (m) return outputs[m[1]]?.[m[2]] ?? '';
    throw new Error(`expression the test does not evaluate: ${e}`);
  });
}

/** GITHUB_OUTPUT lines `name=value`. */
function readOutputs(file: string): Record<string, string> {
  const res: Record<string, string> = {};
  for (const line of fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : []) {
    const eq = line.indexOf('=');
    if (eq > 0) res[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return res;
}

interface StepRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the action's `run` steps in `workspace` as the runner would; stops at the first failing step. */
function runAction(workspace: string, inputs: Record<string, string>): { steps: Record<string, StepRun>; outputs: Record<string, Record<string, string>> } {
  const outputs: Record<string, Record<string, string>> = {};
  const steps: Record<string, StepRun> = {};
  const runnerTemp = fs.mkdtempSync(path.join(tmp, 'runner-'));
  for (const step of action.runs.steps) {
    if (!step.run) continue;
    const outFile = path.join(runnerTemp, `output-${step.id}`);
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_OUTPUT: outFile, GITHUB_ACTION_PATH: ROOT, RUNNER_TEMP: runnerTemp, GITHUB_WORKSPACE: workspace, NO_COLOR: '1', npm_config_cache: path.join(tmp, 'npm-cache'), npm_config_offline: 'true' };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = evaluate(String(v), inputs, outputs);
    assert.equal(step.shell, 'bash');
    // The runner's bash: `bash --noprofile --norc -eo pipefail {0}`.
    const res = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], { cwd: workspace, env, encoding: 'utf8', timeout: 300_000 });
    steps[step.id] = { status: res.status, stdout: res.stdout, stderr: res.stderr };
    outputs[step.id] = readOutputs(outFile);
    if (res.status !== 0) break;
  }
  return { steps, outputs };
}

function examplesCopy(): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'repo-'));
  fs.cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
  return dir;
}

describe('action.yml', () => {
  test('shape: composite; setup-node, install, check, then upload-sarif even when the check fails', () => {
    assert.equal(action.runs.using, 'composite');
    for (const name of ['paths', 'format', 'fail-level', 'upload-sarif']) assert.ok(action.inputs[name], `input ${name}`);
    const uses = action.runs.steps.map((s: any) => s.uses ?? s.id);
    assert.deepEqual(uses, ['actions/setup-node@v4', 'install', 'check', 'github/codeql-action/upload-sarif@v3']);
    const upload = action.runs.steps[3];
    assert.match(upload.if, /always\(\)/);
    assert.equal(upload.with.sarif_file, '${{ steps.check.outputs.sarif-file }}');
    // Inputs reach scripts through env only (no expression inside a script: no injection through an input).
    for (const s of action.runs.steps) if (s.run) assert.doesNotMatch(s.run, /\$\{\{/);
    assert.equal(action.outputs['exit-code'].value, '${{ steps.check.outputs.exit-code }}');
  });

  test('defaults: annotations in the log, exit 1 on the PSK mismatch, SARIF written for the upload', () => {
    const repo = examplesCopy();
    const { steps, outputs } = runAction(repo, { package: tarball, paths: 'site-to-site-ios-routeros\ndmvpn-dual-hub' });
    assert.equal(steps.install.status, 0, steps.install.stderr);
    assert.equal(steps.check.status, 1, steps.check.stderr);
    noSecrets(steps.check.stdout + steps.check.stderr);
    assert.match(steps.check.stdout, /^::error file=site-to-site-ios-routeros\/r1\.ios,line=19,col=19,endLine=\d+,endColumn=\d+,title=netcfg ipsec\/psk-mismatch::/m);
    assert.match(steps.check.stdout, /^netcfg: 6 files checked: 2 errors, /m);
    assert.deepEqual(outputs.check, { 'sarif-file': 'netcfg.sarif', 'exit-code': '1' });
    const sarifText = fs.readFileSync(path.join(repo, 'netcfg.sarif'), 'utf8');
    noSecrets(sarifText);
    const sarif = JSON.parse(sarifText);
    assert.equal(sarif.version, '2.1.0');
    assert.deepEqual(
      sarif.runs[0].results.filter((r: any) => r.ruleId === 'ipsec/psk-mismatch').map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri).sort(),
      ['site-to-site-ios-routeros/mikrotik.rsc', 'site-to-site-ios-routeros/r1.ios'],
    );
  });

  test('fail-level none passes; format junit into output-file; upload-sarif false writes no SARIF; extra args', () => {
    const repo = examplesCopy();
    const { steps, outputs } = runAction(repo, { package: tarball, 'fail-level': 'none', format: 'junit', 'output-file': 'netcfg-junit.xml', 'upload-sarif': 'false', args: '--rule ipsec/psk-mismatch=warning --jobs 1' });
    assert.equal(steps.check.status, 0, steps.check.stderr);
    assert.deepEqual(outputs.check, { 'exit-code': '0' });
    assert.ok(!fs.existsSync(path.join(repo, 'netcfg.sarif')));
    const xml = fs.readFileSync(path.join(repo, 'netcfg-junit.xml'), 'utf8');
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="netcfg" tests="\d+" failures="0"/);
    assert.match(xml, /<testcase name="ipsec\/psk-mismatch 19:19" classname="site-to-site-ios-routeros\/r1_ios" time="0"><system-out>[^<]*: warning ipsec\/psk-mismatch: /);
  });

  test('a warning fails at fail-level warning; a path that cannot be read is exit 2', () => {
    const repo = examplesCopy();
    const warn = runAction(repo, { package: tarball, paths: 'bird-ospf', 'fail-level': 'warning', 'upload-sarif': 'false' });
    assert.equal(warn.steps.check.status, 1);
    assert.match(warn.steps.check.stdout, /^::warning file=bird-ospf\/bird\.conf,/m);
    const missing = runAction(repo, { package: tarball, paths: 'bird-ospf no-such-dir', 'upload-sarif': 'false' });
    assert.equal(missing.steps.check.status, 2);
    assert.match(missing.steps.check.stderr, /^netcfg: cannot read 'no-such-dir': no such file or directory$/m);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// pre-commit

const hooks: any[] = YAML.parse(fs.readFileSync(path.join(ROOT, '.pre-commit-hooks.yaml'), 'utf8'));

function git(args: string[], cwd: string): string {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.org', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.org' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** Runs a hook as pre-commit does: at the repository root, on the staged files its `files` pattern selects. */
function runHook(id: string, repo: string): { ran: boolean; status: number | null; stdout: string; stderr: string; args: string[] } {
  const hook = hooks.find((h) => h.id === id);
  assert.ok(hook, `no hook ${id}`);
  const staged = git(['diff', '--cached', '--name-only', '--diff-filter=ACMR'], repo).split('\n').filter(Boolean);
  // pre-commit matches `files` with Python's re.search; these patterns mean the same in JavaScript.
  const selected = staged.filter((f) => new RegExp(hook.files).test(f));
  if (selected.length === 0) return { ran: false, status: 0, stdout: '', stderr: '', args: [] };
  const [cmd, ...entryArgs] = String(hook.entry).split(/\s+/);
  const args = [...entryArgs, ...(hook.pass_filenames === false ? [] : selected)];
  const env = { ...process.env, PATH: `${path.join(installed, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' };
  const r = spawnSync(cmd, args, { cwd: repo, env, encoding: 'utf8' });
  return { ran: true, status: r.status, stdout: r.stdout, stderr: r.stderr, args };
}

function gitRepo(files: Record<string, string>): string {
  const repo = fs.mkdtempSync(path.join(tmp, 'git-'));
  git(['init', '-q'], repo);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(repo, name)), { recursive: true });
    fs.writeFileSync(path.join(repo, name), text);
  }
  return repo;
}

describe('.pre-commit-hooks.yaml', () => {
  test('the hooks are node hooks whose entry is the netcfg bin', () => {
    assert.deepEqual(hooks.map((h) => h.id), ['netcfg', 'netcfg-files']);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    for (const h of hooks) {
      assert.equal(h.language, 'node');
      assert.ok(String(h.entry).split(' ')[0] in pkg.bin, h.entry);
    }
  });

  test('netcfg: the whole repository when a config is staged; the cross-file PSK mismatch fails the commit', () => {
    const repo = gitRepo({ 'site/a.ipsec.conf': A, 'site/b.ipsec.conf': B_OTHER_KEY, 'notes.md': 'hello\n' });
    git(['add', 'notes.md'], repo);
    assert.equal(runHook('netcfg', repo).ran, false, 'no config staged: the hook does not run');
    git(['commit', '-qm', 'notes'], repo);
    git(['add', 'site/b.ipsec.conf', 'site/a.ipsec.conf'], repo);
    git(['commit', '-qm', 'configs'], repo);
    // Only a is changed and staged; b, committed earlier, is still the peer it is checked against.
    fs.writeFileSync(path.join(repo, 'site/a.ipsec.conf'), `${A}# reviewed\n`);
    git(['add', 'site/a.ipsec.conf'], repo);
    const r = runHook('netcfg', repo);
    assert.ok(r.ran);
    assert.deepEqual(r.args, ['check', '--quiet']);
    assert.equal(r.status, 1, r.stderr);
    noSecrets(r.stdout + r.stderr);
    assert.deepEqual(r.stdout.split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(' ').slice(0, 3).join(' ')), ['site/a.ipsec.conf:5:13 error ipsec/psk-mismatch', 'site/b.ipsec.conf:5:13 error ipsec/psk-mismatch']);
    // The fix: the same key on both ends; the hook is silent and passes.
    fs.writeFileSync(path.join(repo, 'site/b.ipsec.conf'), B);
    git(['add', 'site/b.ipsec.conf'], repo);
    const fixed = runHook('netcfg', repo);
    assert.equal(fixed.status, 0, fixed.stdout + fixed.stderr);
    assert.equal(fixed.stdout, '');
  });

  test('netcfg-files: only the staged configs are passed and checked', () => {
    const repo = gitRepo({ 'r1.ios': 'hostname r1\ncrypto map VPN 10 ipsec-isakmp\n set transform-set MISSING\n', 'ok.ios': 'hostname ok\n', 'README.md': '# configs\n' });
    git(['add', 'r1.ios', 'README.md'], repo);
    const r = runHook('netcfg-files', repo);
    assert.deepEqual(r.args, ['check', '--quiet', 'r1.ios']);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^r1\.ios:3:20 error ref\/undefined transform-set 'MISSING' is not defined/m);
    git(['rm', '-q', '--cached', 'r1.ios'], repo);
    git(['add', 'ok.ios'], repo);
    const ok = runHook('netcfg-files', repo);
    assert.deepEqual(ok.args, ['check', '--quiet', 'ok.ios']);
    assert.equal(ok.status, 0);
    assert.equal(ok.stdout, '');
  });
});
