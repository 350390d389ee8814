// The CI output formats of the bundled CLI, each read back by what consumes it:
// - `--format gitlab`: validated against GitLab's own issue schema (app/validators/json_schemas/codeclimate.json:
//   description, fingerprint, severity, location) tightened with the fields GitLab documents (check_name,
//   severity info|minor|major|critical|blocker, location.path relative, location.lines.begin), then loaded the
//   way GitLab's CodequalityReports does (issues keyed by fingerprint, so a duplicate would be lost);
// - `--format junit`: parsed by a real XML parser (xml2js, strict) and validated with libxml2's XSD validator (xmllint-wasm)
//   against the JUnit shape Jenkins accepts (test/cli/junit/jenkins-junit.xsd);
// - `--format github`: parsed line by line as the Actions runner does (actions/runner ActionCommand.TryParseV2,
//   UnescapeProperty, UnescapeData), and the properties compared with the JSON report.
// Secrets never appear: every run goes through a PSK mismatch pair and checks the keys are in no output.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Ajv from 'ajv';
import { escapeData, escapeProperty } from '../../server/src/cli/github';
import { CLI, ensureBuilt, ROOT } from './build';
import { SECRETS, SITE_A as A, SITE_B as B, IOS_WARNING } from '../helpers/psk-pair';



interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], cwd: string): Run {
  const res = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  for (const s of SECRETS) assert.ok(!res.stdout.includes(s) && !res.stderr.includes(s), `a secret leaked into the output of ${args.join(' ')}`);
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

function workspace(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netcfg-formats-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const dirs: string[] = [];
function tmp(files: Record<string, string>): string {
  const d = workspace(files);
  dirs.push(d);
  return d;
}

before(() => ensureBuilt());
after(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------
// GitLab Code Quality

/**
 * GitLab's issue schema (codeclimate.json: the four required fields and their types) with the constraints of
 * GitLab's documentation of the report (check_name, the five severities, a relative path, a 1-based begin line).
 */
const GITLAB_SCHEMA = {
  type: 'array',
  items: {
    type: 'object',
    required: ['description', 'check_name', 'fingerprint', 'severity', 'location'],
    properties: {
      description: { type: 'string', minLength: 1 },
      check_name: { type: 'string', minLength: 1 },
      fingerprint: { type: 'string', minLength: 1 },
      severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
      location: {
        type: 'object',
        required: ['path', 'lines'],
        properties: {
          path: { type: 'string', pattern: '^(?!/)(?![A-Za-z]:)[^\\\\]+$' },
          lines: { type: 'object', required: ['begin'], properties: { begin: { type: 'integer', minimum: 1 }, end: { type: 'integer', minimum: 1 } } },
        },
      },
    },
  },
};

/** What GitLab keeps of a report: issues keyed by fingerprint (CodequalityReports#add_degradation). */
function gitlabLoad(issues: any[]): Map<string, any> {
  const kept = new Map<string, any>();
  for (const i of issues) kept.set(i.fingerprint, i);
  return kept;
}

describe('--format gitlab', () => {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(GITLAB_SCHEMA);

  test('valid against the schema; severities, check names, paths and lines from the JSON report; secrets masked', () => {
    const dir = tmp({ 'a.ipsec.conf': A, 'b.ipsec.conf': B, 'r1.ios': IOS_WARNING });
    const r = run(['check', '--format', 'gitlab'], dir);
    assert.equal(r.status, 1, r.stderr);
    const issues: any[] = JSON.parse(r.stdout);
    assert.ok(validate(issues as unknown), JSON.stringify(validate.errors, null, 2));
    // The validator is real: a broken issue fails.
    assert.equal(validate([{ ...issues[0], severity: 'error' }]), false);
    assert.equal(validate([{ ...issues[0], location: { path: '/abs/a.ipsec.conf', lines: { begin: 1 } } }]), false);
    const report = JSON.parse(run(['check', '--format', 'json'], dir).stdout);
    assert.deepEqual(
      issues.map((i: any) => [i.location.path, i.location.lines.begin, i.check_name, i.severity]),
      report.diagnostics.map((d: any) => [d.file, d.line, d.code, { error: 'critical', warning: 'major', information: 'minor', hint: 'info' }[d.severity as string]]),
    );
    const psk = issues.find((i: any) => i.check_name === 'ipsec/psk-mismatch' && i.location.path === 'a.ipsec.conf');
    assert.deepEqual(psk.location, { path: 'a.ipsec.conf', lines: { begin: 5, end: 5 } });
    assert.equal(psk.severity, 'critical');
    assert.match(psk.description, /\*{16} \(16 chars\)/);
    assert.match(psk.content.body, /`b\.ipsec\.conf:5:13`/);
    assert.equal(psk.fingerprint, report.diagnostics.find((d: any) => d.code === 'ipsec/psk-mismatch' && d.file === 'a.ipsec.conf').fingerprint);
    assert.equal(gitlabLoad(issues).size, issues.length);
  });

  test('fingerprints are stable across edits elsewhere in the file and unique when two findings share one', () => {
    const dir = tmp({ 'custA/a.ipsec.conf': A, 'custA/b.ipsec.conf': B, 'custB/a.ipsec.conf': A, 'custB/b.ipsec.conf': B });
    const issues = JSON.parse(run(['check', '--format', 'gitlab'], dir).stdout);
    const report = JSON.parse(run(['check', '--format', 'json'], dir).stdout);
    // The two folders hold the same devices with the same statements: the findings' own fingerprints collide…
    const own = report.diagnostics.filter((d: any) => d.code === 'ipsec/psk-mismatch').map((d: any) => d.fingerprint);
    assert.equal(own.length, 4);
    assert.equal(new Set(own).size, 2);
    // …and GitLab, which keys issues by fingerprint, would drop two of them: the report keeps every one apart.
    assert.equal(issues.length, report.diagnostics.length);
    assert.equal(gitlabLoad(issues).size, issues.length);
    assert.equal(issues.filter((i: any) => own.includes(i.fingerprint)).length, 2, 'the first of each keeps the finding fingerprint');
    // A comment line added above moves the finding but keeps its fingerprint; the same run gives the same report.
    assert.deepEqual(JSON.parse(run(['check', '--format', 'gitlab'], dir).stdout), issues);
    fs.writeFileSync(path.join(dir, 'custA/a.ipsec.conf'), `# moved down\n${A}`);
    const moved = JSON.parse(run(['check', '--format', 'gitlab'], dir).stdout);
    const before = issues.find((i: any) => i.location.path === 'custA/a.ipsec.conf' && i.check_name === 'ipsec/psk-mismatch');
    const afterEdit = moved.find((i: any) => i.location.path === 'custA/a.ipsec.conf' && i.check_name === 'ipsec/psk-mismatch');
    assert.equal(afterEdit.location.lines.begin, before.location.lines.begin + 1);
    assert.equal(afterEdit.fingerprint, before.fingerprint);
  });

  test('suppressed and baselined findings are not issues; a clean tree is an empty array', () => {
    const dir = tmp({ 'a.ipsec.conf': A, 'b.ipsec.conf': B });
    assert.equal(run(['check', '--write-baseline'], dir).status, 0);
    const r = run(['check', '--format', 'gitlab'], dir);
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
    const clean = run(['check', '--format', 'gitlab', path.join(ROOT, 'test/cli/fixtures/clean')], dir);
    assert.equal(clean.status, 0);
    assert.deepEqual(JSON.parse(clean.stdout), []);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// JUnit XML

/**
 * Validates XML files against the Jenkins JUnit schema with libxml2's own validator (xmllint compiled to WebAssembly:
 * no JDK or system package needed, so it runs on every CI machine). Returns each file's errors ([] when valid).
 */
async function validateXml(files: string[]): Promise<Map<string, string[]>> {
  const { validateXML } = await import('xmllint-wasm');
  const schema = { fileName: 'jenkins-junit.xsd', contents: fs.readFileSync(path.join(__dirname, 'junit/jenkins-junit.xsd'), 'utf8') };
  const res = new Map<string, string[]>();
  for (const f of files) {
    const r = await validateXML({ xml: [{ fileName: path.basename(f), contents: fs.readFileSync(f, 'utf8') }], schema: [schema] });
    res.set(f, r.valid ? [] : r.errors.map((e) => e.message));
  }
  return res;
}

async function parseXml(xml: string): Promise<any> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const xml2js = require('xml2js');
  return xml2js.parseStringPromise(xml, { strict: true });
}

describe('--format junit', () => {
  test('one testsuite per file, one testcase per finding, failures per --fail-level; valid for Jenkins', async () => {
    // A file name and a finding with markup characters, to prove the escaping.
    const dir = tmp({ 'a.ipsec.conf': A, 'b.ipsec.conf': B, 'r1.ios': IOS_WARNING, 'odd <&"name">.ios': 'hostname odd\ncrypto map CM 10 ipsec-isakmp\n set transform-set A<&"\'>B\n' });
    const byLevel: Record<string, { status: number | null; xml: string }> = {};
    for (const level of ['error', 'warning', 'none']) {
      const r = run(['check', '--format', 'junit', '--fail-level', level], dir);
      byLevel[level] = { status: r.status, xml: r.stdout };
    }
    assert.equal(byLevel.error.status, 1);
    assert.equal(byLevel.none.status, 0);
    const report = JSON.parse(run(['check', '--format', 'json'], dir).stdout);
    const doc = await parseXml(byLevel.error.xml);
    const suites = doc.testsuites.testsuite;
    assert.deepEqual(
      suites.map((s: any) => s.$.name),
      report.files.map((f: any) => f.path),
    );
    const failuresAt = (level: string) => report.diagnostics.filter((d: any) => (level === 'error' ? d.severity === 'error' : level === 'warning' ? d.severity === 'error' || d.severity === 'warning' : false)).length;
    for (const level of ['error', 'warning', 'none']) {
      const parsed = await parseXml(byLevel[level].xml);
      assert.equal(Number(parsed.testsuites.$.failures), failuresAt(level), `failures at --fail-level ${level}`);
      assert.equal(Number(parsed.testsuites.$.tests), report.diagnostics.length + report.files.filter((f: any) => !report.diagnostics.some((d: any) => d.file === f.path)).length);
    }
    const r1 = suites.find((s: any) => s.$.name === 'r1.ios');
    const weak = r1.testcase.find((c: any) => c.$.name.startsWith('ipsec/weak-crypto '));
    assert.ok(weak['system-out'] && !weak.failure, 'a warning passes at --fail-level error');
    const r1AtWarning = (await parseXml(byLevel.warning.xml)).testsuites.testsuite.find((s: any) => s.$.name === 'r1.ios');
    assert.equal(r1AtWarning.testcase.find((c: any) => c.$.name.startsWith('ipsec/weak-crypto ')).failure[0].$.type, 'ipsec/weak-crypto');
    const psk = suites.find((s: any) => s.$.name === 'a.ipsec.conf').testcase.find((c: any) => c.$.name === 'ipsec/psk-mismatch 5:13');
    assert.equal(psk.failure[0].$.type, 'ipsec/psk-mismatch');
    assert.match(psk.failure[0]._, /^a\.ipsec\.conf:5:13: error ipsec\/psk-mismatch: .*\nb\.ipsec\.conf:5:13: /);
    const odd = suites.find((s: any) => s.$.name === 'odd <&"name">.ios');
    assert.ok(odd, 'the file name survives the escaping');
    const undef = odd.testcase.find((c: any) => c.$.name.startsWith('ref/undefined '));
    assert.match(undef.failure[0].$.message, /A<&"'>B/);
    assert.match(undef.failure[0]._, /A<&"'>B/);

    const files = ['error', 'warning', 'none'].map((level) => {
      const f = path.join(dir, `junit-${level}.xml`);
      fs.writeFileSync(f, byLevel[level].xml);
      return f;
    });
    // The validator is real: a testsuite without its counts is refused.
    const broken = path.join(dir, 'broken.xml');
    fs.writeFileSync(broken, '<?xml version="1.0"?><testsuites><testsuite name="x"><testcase name="y"/></testsuite></testsuites>');
    const v = await validateXml([...files, broken]);
    for (const f of files) assert.deepEqual(v.get(f), [], f);
    assert.match(v.get(broken)!.join('\n'), /'tests' is required but missing/);
  });

  test('suppressed and baselined findings are skipped; a clean file is one passing testcase', async () => {
    const dir = tmp({ 'a.ipsec.conf': A, 'b.ipsec.conf': B, 'gw.ipsec.conf': fs.readFileSync(path.join(ROOT, 'test/cli/fixtures/clean/gw.ipsec.conf'), 'utf8') });
    assert.equal(run(['check', '--write-baseline'], dir).status, 0);
    const r = run(['check', '--format', 'junit'], dir);
    assert.equal(r.status, 0);
    const doc = await parseXml(r.stdout);
    assert.equal(doc.testsuites.$.failures, '0');
    const a = doc.testsuites.testsuite.find((s: any) => s.$.name === 'a.ipsec.conf');
    assert.equal(a.$.skipped, '1');
    assert.equal(a.testcase[0].skipped[0].$.message, 'in the baseline');
    const gw = doc.testsuites.testsuite.find((s: any) => s.$.name === 'gw.ipsec.conf');
    assert.deepEqual(gw.testcase.map((c: any) => [c.$.name, Object.keys(c).sort()]), [['netcfg check', ['$']]]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// GitHub Actions workflow commands

/** The runner's parser of `::command props::data` lines (actions/runner src/Runner.Common/ActionCommand.cs). */
function runnerParse(line: string, registered: Set<string>): { command: string; properties: Record<string, string>; data: string } | undefined {
  const message = line.trimStart();
  if (!message.startsWith('::')) return undefined;
  const endIndex = message.indexOf('::', 2);
  if (endIndex < 0) return undefined;
  const cmdInfo = message.slice(2, endIndex);
  const space = cmdInfo.indexOf(' ');
  const command = space < 0 ? cmdInfo : cmdInfo.slice(0, space);
  if (!registered.has(command)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const prop of cmdInfo.slice(space + 1).trim().split(',').filter((s) => s)) {
      const eq = prop.indexOf('=');
      // Split(new[] { '=' }, 2, RemoveEmptyEntries): a pair needs a non-empty key and value.
      if (eq > 0 && eq < prop.length - 1) properties[prop.slice(0, eq)] = unescape(prop.slice(eq + 1), PROPERTY_ESCAPES);
    }
  }
  return { command, properties, data: unescape(message.slice(endIndex + 2), DATA_ESCAPES) };
}

// The runner unescapes in this order, one replacement after the other.
const DATA_ESCAPES: [string, string][] = [['\r', '%0D'], ['\n', '%0A'], ['%', '%25']];
const PROPERTY_ESCAPES: [string, string][] = [['\r', '%0D'], ['\n', '%0A'], [':', '%3A'], [',', '%2C'], ['%', '%25']];

function unescape(s: string, mappings: [string, string][]): string {
  for (const [token, replacement] of mappings) s = s.split(replacement).join(token);
  return s;
}

describe('--format github', () => {
  const COMMANDS = new Set(['error', 'warning', 'notice']);

  test('escaping survives the runner: % CR LF in data, also : and , in properties', () => {
    for (const s of ['100%', 'a\r\nb', '%0A literal', 'x:y,z', '%25', 'file,1:2%3A']) {
      const line = `::error file=${escapeProperty(s)},title=${escapeProperty(s)}::${escapeData(s)}`;
      const parsed = runnerParse(line, COMMANDS);
      assert.deepEqual(parsed, { command: 'error', properties: { file: s, title: s }, data: s }, JSON.stringify(s));
    }
    // Without the escaping the runner would cut the property at the comma and the data at nothing: the test is real.
    assert.notDeepEqual(runnerParse('::error file=x:y,z::a', COMMANDS)?.properties, { file: 'x:y,z' });
  });

  test('one annotation per finding with the JSON report positions; odd file names; a summary line', () => {
    const dir = tmp({ 'site:1,a%/a.ipsec.conf': A, 'site:1,a%/b.ipsec.conf': B, 'r1.ios': IOS_WARNING });
    const r = run(['check', '--format', 'github'], dir);
    assert.equal(r.status, 1);
    const report = JSON.parse(run(['check', '--format', 'json'], dir).stdout);
    const lines = r.stdout.trimEnd().split('\n');
    const commands = lines.map((l) => runnerParse(l, COMMANDS)).filter((c) => c !== undefined);
    assert.equal(commands.length, report.diagnostics.length);
    assert.deepEqual(
      commands.map((c) => [c!.command, c!.properties]),
      report.diagnostics.map((d: any) => [
        { error: 'error', warning: 'warning', information: 'notice', hint: 'notice' }[d.severity as string],
        { file: d.file, line: String(d.line), col: String(d.column), endLine: String(d.endLine), endColumn: String(d.endColumn), title: `netcfg ${d.code}` },
      ]),
    );
    const psk = commands.find((c) => c!.properties.file === 'site:1,a%/a.ipsec.conf' && c!.properties.title === 'netcfg ipsec/psk-mismatch')!;
    assert.equal(psk.command, 'error');
    assert.match(psk.data, /^The pre-shared key .*\nsite:1,a%\/b\.ipsec\.conf:5:13: /);
    assert.equal(lines.at(-1), 'netcfg: 3 files checked: 2 errors, 1 warning, 0 notices');
  });

  test('--quiet: only the findings at or above --fail-level, no summary; baselined findings are not annotated', () => {
    const dir = tmp({ 'a.ipsec.conf': A, 'b.ipsec.conf': B, 'r1.ios': IOS_WARNING });
    const quiet = run(['check', '--format', 'github', '--quiet'], dir).stdout.trimEnd().split('\n');
    assert.deepEqual(quiet.map((l) => runnerParse(l, COMMANDS)?.command), ['error', 'error']);
    const atWarning = run(['check', '--format', 'github', '-q', '--fail-level', 'warning'], dir).stdout.trimEnd().split('\n');
    assert.deepEqual(atWarning.map((l) => runnerParse(l, COMMANDS)?.command).sort(), ['error', 'error', 'warning']);
    assert.equal(run(['check', '--write-baseline'], dir).status, 0);
    const after = run(['check', '--format', 'github'], dir);
    assert.equal(after.status, 0);
    assert.equal(after.stdout, 'netcfg: 3 files checked: 0 errors, 0 warnings, 0 notices\n');
  });
});
