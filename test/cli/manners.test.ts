// CLI manners of the bundled CLI: --help per subcommand, --version, unknown options and bad values (exit 2, one
// line), --fail-level, --quiet, --no-color and NO_COLOR (under a pseudo-terminal from util-linux `script`, since
// colours need a terminal), one config on stdin (`-`, --dialect, --stdin-filename, with peers on disk), and the
// progress line on stderr (a terminal only, runs over a second only, erased before the report).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CLI, ensureBuilt, ROOT } from './build';
import { SITE_A as A, SITE_B as B, IOS_WARNING } from '../helpers/psk-pair';

const SECRETS = ['site-a-secret-9x', 'site-b-other-7q', 'r1-key-secret'];
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** IOS that no content rule recognises: checked only with --dialect (a route-map naming a missing ACL: warning). */
const IOS_UNDETECTED = 'hostname r9\nip route 10.0.0.0 255.0.0.0 10.1.1.1\nroute-map NOPE permit 10\n match ip address 99\n';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string, options: { input?: string; env?: NodeJS.ProcessEnv } = {}): Run {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', input: options.input ?? '', env: { ...process.env, NO_COLOR: '1', ...options.env } });
  for (const s of SECRETS) assert.ok(!res.stdout.includes(s) && !res.stderr.includes(s), `a secret leaked into the output of ${args.join(' ')}`);
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

const HAS_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs a shell command line under a pseudo-terminal (`script`); returns what the terminal received. */
function pty(command: string, cwd: string, env: NodeJS.ProcessEnv = {}): { status: number | null; out: string; ms: number } {
  const started = Date.now();
  const res = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env }, timeout: 300_000 });
  return { status: res.status, out: res.stdout, ms: Date.now() - started };
}

const dirs: string[] = [];
function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-manners-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

before(() => ensureBuilt());
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('help and version', () => {
  test('--help per subcommand, netcfg --help lists the subcommands, exit 0', () => {
    const main = run(['--help'], ROOT);
    assert.equal(main.status, 0);
    assert.match(main.stdout, /^Usage: netcfg <command>/);
    for (const c of ['check', 'rules', 'graph']) assert.match(main.stdout, new RegExp(`^  ${c} +\\S`, 'm'));
    for (const [args, usage] of [
      [['check', '--help'], 'netcfg check'],
      [['check', '-h'], 'netcfg check'],
      [['rules', '--help'], 'netcfg rules'],
      [['graph', '--help'], 'netcfg graph'],
      [['help', 'graph'], 'netcfg graph'],
      [['help'], 'netcfg <command>'],
    ] as [string[], string][]) {
      const r = run(args, ROOT);
      assert.equal(r.status, 0, args.join(' '));
      assert.ok(r.stdout.startsWith(`Usage: ${usage}`), `${args.join(' ')}: ${r.stdout.slice(0, 60)}`);
      assert.equal(r.stderr, '');
    }
    const check = run(['check', '--help'], ROOT).stdout;
    for (const flag of ['--format FORMAT', '--fail-level', '--quiet', '--no-color', '--stdin-filename', '--version']) assert.ok(check.includes(flag), flag);
    for (const f of ['gitlab', 'junit', 'github']) assert.ok(check.includes(f), f);
  });

  test('--version, -v and check --version print the package version', () => {
    for (const args of [['--version'], ['-v'], ['check', '--version'], ['rules', '--version']]) {
      const r = run(args, ROOT);
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `netcfg ${PKG.version}\n`, args.join(' '));
    }
  });
});

describe('usage errors: exit 2, one line on stderr, nothing on stdout', () => {
  const cases: [string[], string][] = [
    [['check', '--bogus'], "netcfg: unknown option '--bogus' (try 'netcfg check --help')"],
    [['check', '-x'], "netcfg: unknown option '-x' (try 'netcfg check --help')"],
    [['graph', '--bogus'], "netcfg: unknown option '--bogus' (try 'netcfg graph --help')"],
    [['rules', '--dialect', 'bird'], "netcfg: unknown option '--dialect' (try 'netcfg rules --help')"],
    [['check', '--fail-level', 'fatal'], "netcfg: invalid --fail-level 'fatal' (expected error, warning, information, hint or none)"],
    [['check', '--format', 'xml'], "netcfg: invalid --format 'xml' (expected text, json, sarif, gitlab, junit or github)"],
    [['check', '--format'], "netcfg: option '--format' needs a value"],
    [['check', '--quiet=yes'], "netcfg: option '--quiet' takes no value"],
    [['check', '-qx'], "netcfg: unknown option '-x' (try 'netcfg check --help')"],
    [['check', '--no-color=0'], "netcfg: option '--no-color' takes no value"],
    [['check', '--jobs', '0'], "netcfg: invalid --jobs '0' (expected a number of threads from 1 to 9999)"],
    [['check', '-', '-'], "netcfg: '-' (stdin) is given twice: one config can be read from stdin"],
    [['check', '--stdin-filename', 'r1.ios', '.'], "netcfg: --stdin-filename needs '-' among the paths"],
    [['rules', '--format', 'gitlab'], "netcfg: 'netcfg rules' prints text or json"],
    [['graph', '--format', 'junit'], "netcfg: invalid --format 'junit' (expected json, dot, mermaid or svg)"],
    [['frobnicate'], "netcfg: unknown command 'frobnicate' (try 'netcfg --help')"],
    [['help', 'frobnicate'], "netcfg: unknown command 'frobnicate' (try 'netcfg --help')"],
    [[], "netcfg: missing command (try 'netcfg --help')"],
  ];
  for (const [args, line] of cases) {
    test(args.join(' ') || '(no arguments)', () => {
      const r = run(args, ROOT);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `${line}\n`);
    });
  }
});

describe('--fail-level and --quiet', () => {
  test('the exit status follows --fail-level; the default is error', () => {
    const warn = workspace({ 'r1.ios': IOS_WARNING });
    const report = JSON.parse(run(['check', '--format', 'json'], warn).stdout);
    assert.deepEqual([...new Set(report.diagnostics.map((d: any) => d.severity))], ['warning']);
    assert.equal(run(['check'], warn).status, 0);
    assert.equal(run(['check', '--fail-level', 'error'], warn).status, 0);
    assert.equal(run(['check', '--fail-level', 'warning'], warn).status, 1);
    assert.equal(run(['check', '--fail-level=hint'], warn).status, 1);
    const pair = workspace({ 'a.ipsec.conf': A, 'b.ipsec.conf': B });
    assert.equal(run(['check'], pair).status, 1);
    assert.equal(run(['check', '--fail-level', 'none'], pair).status, 0);
    // Options before the command still mean `check`.
    assert.equal(run(['--fail-level', 'none', '.'], pair).status, 0);
  });

  test('--quiet prints only the findings that fail the run, and nothing when none does', () => {
    const warn = workspace({ 'r1.ios': IOS_WARNING });
    const loud = run(['check'], warn);
    assert.match(loud.stdout, /^1 file checked: 0 errors, 1 warning/m);
    const quiet = run(['check', '--quiet'], warn);
    assert.equal(quiet.status, 0);
    assert.equal(quiet.stdout, '');
    const atWarning = run(['check', '-q', '--fail-level', 'warning'], warn);
    assert.equal(atWarning.status, 1);
    assert.match(atWarning.stdout, /^r1\.ios:3:2 warning ipsec\/weak-crypto [^\n]+\n$/);
    const pair = run(['check', '--quiet'], workspace({ 'a.ipsec.conf': A, 'b.ipsec.conf': B }));
    assert.deepEqual(pair.stdout.split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(' ').slice(0, 3).join(' ')), ['a.ipsec.conf:5:13 error ipsec/psk-mismatch', 'b.ipsec.conf:5:13 error ipsec/psk-mismatch']);
    assert.doesNotMatch(pair.stdout, /files? checked/);
  });
});

describe('colours', () => {
  test('on a terminal: colours by default, none with --no-color or NO_COLOR', (t) => {
    if (!HAS_SCRIPT) return t.skip('util-linux script is not installed');
    const dir = workspace({ 'r1.ios': IOS_WARNING });
    const cli = `'${process.execPath}' '${CLI}' check`;
    const env = { NO_COLOR: undefined } as unknown as NodeJS.ProcessEnv;
    const coloured = pty(cli, dir, env);
    assert.match(coloured.out, /\x1b\[33;1mwarning\x1b\[0m/);
    assert.doesNotMatch(pty(`${cli} --no-color`, dir, env).out, /\x1b\[/);
    assert.doesNotMatch(pty(cli, dir, { NO_COLOR: '1' }).out, /\x1b\[/);
    // NO_COLOR set but empty does not count (no-color.org).
    assert.match(pty(cli, dir, { NO_COLOR: '' }).out, /\x1b\[/);
  });
});

describe('one config on stdin', () => {
  test("'-' reads stdin; --dialect tells what content detection cannot; the path is <stdin>", () => {
    const dir = workspace({});
    const undetected = run(['check', '-'], dir, { input: IOS_UNDETECTED });
    assert.equal(undetected.status, 0);
    assert.match(undetected.stdout, /^<stdin>:1:1 information detect\/unknown-dialect /);
    const r = run(['check', '-', '--dialect', 'cisco-ios', '--format', 'json'], dir, { input: IOS_UNDETECTED });
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.files, [{ path: '<stdin>', dialect: 'cisco-ios', device: 'r9' }]);
    assert.deepEqual(report.diagnostics.map((d: any) => [d.file, d.line, d.column, d.severity, d.code]), [['<stdin>', 4, 19, 'warning', 'ref/undefined']]);
    // `-` first means `check`, as options first do.
    const dashFirst = run(['-', '--dialect', 'cisco-ios'], dir, { input: IOS_UNDETECTED });
    assert.equal(dashFirst.status, 0, dashFirst.stderr);
    assert.match(dashFirst.stdout, /^<stdin>:4:19 warning ref\/undefined /);
    // An empty stdin is an empty config.
    assert.equal(run(['check', '-', '--dialect', 'cisco-ios'], dir, { input: '' }).stdout, '1 file checked: 0 errors, 0 warnings\n');
  });

  test('stdin with its peers on disk: the cross-file PSK mismatch on both ends, the key masked', () => {
    const dir = workspace({ 'site/b.ipsec.conf': B });
    const r = run(['check', '-', 'site', '--stdin-filename', 'site/a.ipsec.conf', '--format', 'json'], dir, { input: A });
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    assert.deepEqual(report.files.map((f: any) => f.path), ['site/b.ipsec.conf', 'site/a.ipsec.conf']);
    assert.deepEqual(
      report.diagnostics.map((d: any) => [d.file, d.line, d.code]),
      [['site/a.ipsec.conf', 5, 'ipsec/psk-mismatch'], ['site/b.ipsec.conf', 5, 'ipsec/psk-mismatch']],
    );
    // The stdin name decides the dialect by its name as a file's would.
    const named = run(['check', '-', '--stdin-filename', 'r9.ios', '--format', 'json'], dir, { input: IOS_UNDETECTED });
    assert.equal(JSON.parse(named.stdout).files[0].dialect, 'cisco-ios');
  });
});

describe('progress line', () => {
  test('on a terminal only, after a second, erased before the report; never with --quiet or a pipe', (t) => {
    if (!HAS_SCRIPT) return t.skip('util-linux script is not installed');
    // 180 configs: several seconds on the loaded 2-core CI machine, whose runs this line is for.
    const files: Record<string, string> = {};
    for (let i = 0; i < 30; i++) {
      for (const ex of ['dmvpn-dual-hub', 'site-to-site-ios-routeros']) {
        for (const f of fs.readdirSync(path.join(ROOT, 'examples', ex))) files[`s${i}/${ex}/${f}`] = fs.readFileSync(path.join(ROOT, 'examples', ex, f), 'utf8');
      }
    }
    const dir = workspace(files);
    const cli = `'${process.execPath}' '${CLI}' check . >/dev/null`;
    const shown = pty(cli, dir);
    const progress = /\r\x1b\[Knetcfg: (reading|checking) \d+\/180 files \((\d+\.\d) s\)/g;
    const lines = [...shown.out.matchAll(progress)];
    if (shown.ms > 2500) assert.ok(lines.length > 0, `a ${shown.ms} ms run shows progress`);
    else t.diagnostic(`the run took ${shown.ms} ms: too fast to require a progress line`);
    if (lines.length) {
      assert.ok(Number(lines[0][2]) >= 1, `not before a second: ${lines[0][0]}`);
      assert.ok(shown.out.endsWith('\r\x1b[K'), `the line is erased at the end: ${JSON.stringify(shown.out.slice(-80))}`);
    }
    assert.doesNotMatch(pty(`'${process.execPath}' '${CLI}' check --quiet . >/dev/null`, dir).out, /netcfg: (reading|checking)/);
    // stderr not a terminal (a pipe to the test): never.
    assert.doesNotMatch(run(['check', '.'], dir).stderr, /reading|checking/);
  });
});
