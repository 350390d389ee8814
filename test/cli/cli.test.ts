// Runs the bundled CLI (`node server/out/cli.js check …`) on fixture workspaces and checks the public contract:
// exit codes, the JSON report (field set, 1-based positions, relative paths), text output, SARIF validated
// against the official 2.1.0 schema, and that secrets never reach any output.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { CLI, ensureBuilt, ROOT } from './build';

const FIXTURES = path.join(__dirname, 'fixtures');
const SECRETS = ['site-a-secret-9x', 'site-b-other-7q', 'branch-secret-1', 'meraki-secret-77'];

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd = FIXTURES, env: NodeJS.ProcessEnv = {}): Run {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  for (const secret of SECRETS) {
    assert.ok(!res.stdout.includes(secret) && !res.stderr.includes(secret), `a secret leaked into the output of ${args.join(' ')}`);
  }
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

function json(args: string[], cwd?: string): { run: Run; report: any } {
  const r = run([...args, '--format', 'json'], cwd);
  return { run: r, report: JSON.parse(r.stdout) };
}

before(() => ensureBuilt());

describe('netcfg check --format json', () => {
  test('report contract: field sets, 1-based positions, relative paths, exit 1 on an error', () => {
    const { run: r, report } = json(['check', 'basic']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
    assert.deepEqual(Object.keys(report), ['version', 'files', 'diagnostics']);
    assert.equal(report.version, 1);
    for (const f of report.files) assert.deepEqual(Object.keys(f).sort(), ['device', 'dialect', 'path']);
    for (const d of report.diagnostics) {
      assert.deepEqual(Object.keys(d).sort(), ['code', 'column', 'endColumn', 'endLine', 'file', 'fingerprint', 'line', 'message', 'related', 'severity']);
      assert.ok(d.line >= 1 && d.column >= 1 && d.endLine >= d.line, `positions are 1-based: ${JSON.stringify(d)}`);
      assert.ok(!d.file.includes('\\') && !path.isAbsolute(d.file));
    }
    assert.deepEqual(
      report.files.map((f: any) => f.path),
      ['basic/broken.ipsec.conf', 'basic/gw.ipsec.conf', 'basic/notes.txt', 'basic/r1.ios'],
    );
    const broken = report.files.find((f: any) => f.path === 'basic/broken.ipsec.conf');
    assert.equal(broken.dialect, 'openbsd-ipsec');
    // `ike esp from to …`: 'from' (line 2, columns 9-12) has no source.
    const missing = report.diagnostics.find((d: any) => d.file === 'basic/broken.ipsec.conf');
    assert.deepEqual(
      { line: missing.line, column: missing.column, endLine: missing.endLine, endColumn: missing.endColumn, severity: missing.severity, code: missing.code },
      { line: 2, column: 9, endLine: 2, endColumn: 13, severity: 'error', code: 'syntax/missing-argument' },
    );
  });

  test('a file whose dialect cannot be told is listed with null dialect and device, with the information note', () => {
    const { report } = json(['check', 'basic']);
    assert.deepEqual(
      report.files.find((f: any) => f.path === 'basic/notes.txt'),
      { path: 'basic/notes.txt', dialect: null, device: null },
    );
    const notes = report.diagnostics.filter((d: any) => d.file === 'basic/notes.txt');
    assert.deepEqual(
      notes.map((d: any) => [d.line, d.column, d.severity, d.code]),
      [[1, 1, 'information', 'detect/unknown-dialect']],
    );
  });

  test('--dialect checks files whose dialect cannot be told', () => {
    const { report } = json(['check', 'basic/notes.txt', '--dialect', 'openbsd-ipsec']);
    assert.equal(report.files[0].dialect, 'openbsd-ipsec');
    assert.ok(!report.diagnostics.some((d: any) => d.code === 'detect/unknown-dialect'));
  });

  test('cross-file findings carry related locations on the other file (1-based)', () => {
    const { run: r, report } = json(['check', 'pair']);
    assert.equal(r.status, 1);
    const a = report.diagnostics.find((d: any) => d.file === 'pair/a.ipsec.conf' && d.code === 'ipsec/psk-mismatch');
    assert.ok(a, 'psk mismatch reported on a');
    assert.equal(a.severity, 'error');
    assert.deepEqual([a.line, a.column], [5, 13]);
    assert.deepEqual(
      a.related.map((x: any) => [x.file, x.line, x.column]),
      [['pair/b.ipsec.conf', 5, 13]],
    );
    assert.deepEqual(Object.keys(a.related[0]).sort(), ['column', 'file', 'line', 'message']);
    assert.ok(report.diagnostics.some((d: any) => d.file === 'pair/b.ipsec.conf' && d.code === 'ipsec/psk-mismatch'), 'and on b');
  });

  test('--min-severity filters; exit 0 when no error', () => {
    const clean = json(['check', 'clean']);
    assert.equal(clean.run.status, 0);
    assert.deepEqual(clean.report.files, [{ path: 'clean/gw.ipsec.conf', dialect: 'openbsd-ipsec', device: clean.report.files[0].device }]);
    assert.equal(typeof clean.report.files[0].device, 'string');
    const onlyErrors = json(['check', 'basic', '--min-severity', 'error']).report;
    assert.ok(onlyErrors.diagnostics.length > 0);
    assert.ok(onlyErrors.diagnostics.every((d: any) => d.severity === 'error'));
    const notesOnly = json(['check', 'basic/notes.txt', '--min-severity', 'warning']);
    assert.equal(notesOnly.run.status, 0);
    assert.deepEqual(notesOnly.report.diagnostics, []);
  });

  test('paths are relative to the working directory, also for absolute arguments', () => {
    const { report } = json(['check', path.join(FIXTURES, 'clean')], path.join(FIXTURES, 'basic'));
    assert.deepEqual(
      report.files.map((f: any) => f.path),
      ['../clean/gw.ipsec.conf'],
    );
  });

  test('netcfg.yaml is checked (diagnostics with its path) but not listed as a config file', () => {
    const { report } = json(['check', 'yaml']);
    assert.deepEqual(
      report.files.map((f: any) => f.path),
      ['yaml/a.ipsec.conf'],
    );
    const yaml = report.diagnostics.filter((d: any) => d.file === 'yaml/netcfg.yaml');
    assert.ok(!yaml.some((d: any) => d.code === 'detect/unknown-dialect'));
    // `    colour: blue` (line 3): an unknown key of a device entry.
    assert.ok(yaml.some((d: any) => d.code === 'config/unknown-key' && d.line === 3 && d.column === 5), JSON.stringify(yaml));
  });

  test('Cisco IOS: ref/undefined at the exact range, device from the hostname', (t) => {
    const { report } = json(['check', 'basic/r1.ios']);
    const file = report.files[0];
    assert.equal(file.dialect, 'cisco-ios');
    if (file.device !== 'r1') return t.skip('IOS dialect not landed (device name not lowered from hostname)');
    const undef = report.diagnostics.filter((d: any) => d.code === 'ref/undefined');
    // ` set transform-set MISSING` on line 5: MISSING at columns 20-26.
    assert.deepEqual(
      undef.map((d: any) => [d.line, d.column, d.endLine, d.endColumn, d.severity]),
      [[5, 20, 5, 27, 'error']],
    );
  });
});

describe('netcfg check text output', () => {
  test('one line per diagnostic, related lines indented, summary, no colour when not a terminal', () => {
    const r = run(['check', 'basic', 'pair']);
    assert.equal(r.status, 1);
    assert.ok(!r.stdout.includes('\x1b['), 'no ANSI escapes when stdout is not a TTY');
    const lines = r.stdout.trimEnd().split('\n');
    assert.ok(lines.includes("basic/broken.ipsec.conf:2:9 error syntax/missing-argument 'from' needs a source (address, prefix, any, or { list })") || lines.some((l) => l.startsWith('basic/broken.ipsec.conf:2:9 error syntax/missing-argument ')));
    const psk = lines.findIndex((l) => l.startsWith('pair/a.ipsec.conf:5:13 error ipsec/psk-mismatch '));
    assert.ok(psk >= 0);
    assert.match(lines[psk + 1], /^    pair\/b\.ipsec\.conf:5:13 /);
    assert.match(lines.at(-1)!, /^5 files checked, 1 skipped: \d+ errors?, \d+ warnings?/);
  });

  test('NO_COLOR is respected and exit 0 on a clean tree', () => {
    const r = run(['check', 'clean'], FIXTURES, { NO_COLOR: '1' });
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^1 file checked: 0 errors, 0 warnings/m);
  });
});

describe('netcfg usage errors', () => {
  test('unreadable path: exit 2 and one line on stderr', () => {
    const r = run(['check', 'nope.cfg']);
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "netcfg: cannot read 'nope.cfg': no such file or directory\n");
  });

  test('bad option values and unknown options: exit 2 and one line', () => {
    for (const args of [
      ['check', '--format', 'xml'],
      ['check', '--min-severity', 'fatal'],
      ['check', '--dialect', 'junos'],
      ['check', '--routeros-version', '8'],
      ['check', '--swan-flavour', 'pluto'],
      ['check', '--weak-crypto', 'maybe'],
      ['check', '--bogus'],
      ['frobnicate'],
      ['check', '--format'],
    ]) {
      const r = run(args);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, /^netcfg: [^\n]+\n$/, args.join(' '));
    }
  });

  test('the platform options are taken (a valid value is not a usage error)', () => {
    for (const args of [['--swan-flavour', 'libreswan'], ['--routeros-version', '7'], ['--bird-version', '2.0.12'], ['--openbsd-version', '7.5']]) {
      const r = run(['check', ...args, 'clean']);
      assert.equal(r.status, 0, `${args.join(' ')}: ${r.stderr}`);
    }
  });

  test('--help and --version exit 0', () => {
    const help = run(['check', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: netcfg check/);
    const version = run(['--version']);
    assert.equal(version.status, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.equal(version.stdout, `netcfg ${pkg.version}\n`);
  });

  test('the default path is the working directory', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-cli-'));
    try {
      fs.copyFileSync(path.join(FIXTURES, 'basic/broken.ipsec.conf'), path.join(dir, 'ipsec.conf'));
      const { run: r, report } = json(['check'], dir);
      assert.equal(r.status, 1);
      assert.deepEqual(report.files.map((f: any) => f.path), ['ipsec.conf']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('netcfg check: Linux ipsec.conf', () => {
  test('strongSwan and Libreswan files named ipsec.conf are the strongswan dialect; an OpenBSD ipsec.conf beside them stays OpenBSD; neither is skipped', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-cli-'));
    try {
      const swan = path.join(ROOT, 'test/openbsd/fixtures');
      for (const [sub, name] of [['strongswan', 'strongswan-moon-gcm.ipsec.conf'], ['libreswan', 'libreswan-west.ipsec.conf']]) {
        fs.mkdirSync(path.join(dir, sub));
        fs.copyFileSync(path.join(swan, name), path.join(dir, sub, 'ipsec.conf'));
      }
      fs.copyFileSync(path.join(swan, 'libreswan-l2tp-psk.ipsec.conf'), path.join(dir, 'libreswan', 'l2tp.ipsec.conf'));
      fs.mkdirSync(path.join(dir, 'openbsd'));
      fs.copyFileSync(path.join(FIXTURES, 'clean/gw.ipsec.conf'), path.join(dir, 'openbsd', 'ipsec.conf'));
      fs.mkdirSync(path.join(dir, 'other'));
      fs.writeFileSync(path.join(dir, 'other', 'ipsec.conf'), 'interface eth0\n  address 192.0.2.1\n');
      const { run: r, report } = json(['check'], dir);
      assert.equal(r.status, 0, r.stdout);
      assert.deepEqual(
        report.files.map((f: any) => [f.path, f.dialect]),
        [['libreswan/ipsec.conf', 'strongswan'], ['libreswan/l2tp.ipsec.conf', 'strongswan'], ['openbsd/ipsec.conf', 'openbsd-ipsec'], ['other/ipsec.conf', null], ['strongswan/ipsec.conf', 'strongswan']],
      );
      // The Libreswan file names a conn of its include (a warning); the other ipsec.conf is neither dialect.
      assert.deepEqual(
        report.diagnostics.filter((d: any) => d.severity !== 'hint').map((d: any) => [d.file, d.severity, d.code]),
        [
          ['libreswan/ipsec.conf', 'warning', 'ref/undefined'],
          ['other/ipsec.conf', 'information', 'detect/unknown-dialect'],
        ],
      );
      // --dialect is for files nothing could be told about: it does not force these into OpenBSD.
      const forced = json(['check', 'strongswan', '--dialect', 'openbsd-ipsec'], dir).report;
      assert.deepEqual(forced.files.map((f: any) => f.dialect), ['strongswan']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('netcfg check --format sarif', () => {
  test('validates against the official SARIF 2.1.0 schema and maps every diagnostic', () => {
    const schemaPath = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
    // The official schema is draft-04 and its `language` pattern is not valid in unicode mode.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(schema);

    const r = run(['check', 'basic', 'pair', '--format', 'sarif']);
    assert.equal(r.status, 1);
    const log: any = JSON.parse(r.stdout);
    const runLog = log.runs[0];
    const ok = validate(log);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    // The validator is real: a broken log fails.
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: {} }] }), false);

    const { report } = json(['check', 'basic', 'pair']);
    assert.equal(runLog.tool.driver.name, 'netcfg');
    assert.equal(runLog.results.length, report.diagnostics.length);
    const ruleIds = runLog.tool.driver.rules.map((x: any) => x.id);
    assert.deepEqual(ruleIds, [...new Set(report.diagnostics.map((d: any) => d.code))].sort());
    for (const rule of runLog.tool.driver.rules) {
      assert.match(rule.helpUri, new RegExp(`/docs/diagnostics\\.md#${rule.id.replace(/[^a-z0-9]+/g, '-')}$`));
      assert.ok(rule.shortDescription.text && rule.fullDescription.text && rule.help.text);
    }
    const levels = new Set(runLog.results.map((x: any) => x.level));
    assert.ok([...levels].every((l) => l === 'error' || l === 'warning' || l === 'note'));
    const info = runLog.results.find((x: any) => x.ruleId === 'detect/unknown-dialect');
    assert.equal(info.level, 'note');
    const psk = runLog.results.find((x: any) => x.ruleId === 'ipsec/psk-mismatch' && x.locations[0].physicalLocation.artifactLocation.uri === 'pair/a.ipsec.conf');
    assert.deepEqual(psk.locations[0].physicalLocation.region.startLine, 5);
    assert.deepEqual(psk.locations[0].physicalLocation.region.startColumn, 13);
    assert.equal(psk.relatedLocations[0].physicalLocation.artifactLocation.uri, 'pair/b.ipsec.conf');
    // Keys are masked with stars only: no leading character of `site-a-secret-9x` / `site-b-other-7q`.
    assert.match(psk.message.text, /this side \*{16} \(16 chars\), b\.ipsec\.conf \*{15} \(15 chars\)\)/);
    assert.doesNotMatch(r.stdout, /[A-Za-z0-9_-]\*+ \(\d+ chars?\)/);
    assert.equal(runLog.originalUriBaseIds.SRCROOT.uri, `file://${FIXTURES}/`);
  });
});
