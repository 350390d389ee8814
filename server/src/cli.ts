// CLI entry: `netcfg check [paths…]` runs the same language service as the editor over files on disk (or one config
// on stdin, `-`) and prints text, JSON (a stable contract, version 1), SARIF 2.1.0, a GitLab Code Quality report,
// JUnit XML or GitHub Actions workflow commands (formatters in cli/). Exit 0: nothing at or above --fail-level
// (default: error); 1: a finding that is; 2: usage error, or a path that could not be read (named on stderr;
// everything else is still checked and reported, so CI never passes on a partial read). Subcommands are one table
// (COMMANDS); options are parsed by node:util parseArgs (cli/args.ts). Imports no LSP module: host/ does the
// file-system work.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as sarif from 'sarif';
import pkg from '../../package.json';
import { allStrings, lastString, parseCommandLine, type OptionSpec, type ParsedArgs } from './cli/args';
import { formatGithub } from './cli/github';
import { formatGitlab } from './cli/gitlab';
import { OutputError, UsageError, writeErr, writeOut, writeReport } from './cli/io';
import { formatJunit } from './cli/junit';
import { createProgress, type Progress } from './cli/progress';
import { counts, FAIL_LEVELS, fails, reportFails, SEVERITY_RANK, type FailLevel, type JsonDiagnostic, type JsonReport } from './cli/report';
import { installTestFaults } from './host/faults';
import { createLowerer, lowerFile } from './host/batch';
import { defaultJobs, lowerInWorkers, workerCount, type FileResult, type PoolFile, type WorkerInit } from './host/pool';
import { findProjectFile, isProjectNoise } from './host/project';
import { decodeConfig, describeFileType, describeFsError, readConfigFileSync, type ReadResult } from './host/read';
import { fileIdentity, scanDirectory } from './host/scan';
import { parseBirdVersion, parseDialect, parseOpenbsdVersion, parseRouterosVersion, parseSwanFlavour, parseWeakCrypto } from './host/settings';
import type ELKType from 'elkjs/lib/elk.bundled.js';
import { runGeneratePeer } from './generate/cli';
import { getTopology, type Topology, type TopologyLink, type TopologyLocation } from './features/topology';
import { elkGraph, layoutFromElk, renderDot, renderMermaid, renderSvg, type ElkNode } from './features/topology-svg';
import type * as model from './model';
import { docsUrl } from './protocol';
import { findingFingerprint } from './rules/apply';
import { BASELINE_FILE_NAME, buildBaseline, matchBaseline, parseBaseline, pruneBaseline, serializeBaseline, type BaselineFile } from './rules/baseline';
import { POLICY_ID, policyRules } from './rules/policies';
import { isBuiltinFamily, isKnownSelector, RULES, ruleDocsUrl, ruleInfo, type RuleInfo, type RuleSeverity } from './rules/registry';
import { parseRuleSeverity, resolveSeverity } from './rules/severity';
import { createLanguageService, DEFAULT_SETTINGS, setInternalErrorHandler, type LanguageService, type ServiceSettings } from './service';
import { parseWorkspaceConfig } from './workspace-config';
import { yamlRuleLayer } from './rules/apply';
import { positionAt, type Severity, type TextRange } from './syntax';

/** A subcommand: `netcfg NAME [args…]`. Adding one is one entry here (its code may live in its own folder). */
interface Subcommand {
  /** One line for `netcfg --help`. */
  summary: string;
  run(argv: string[]): Promise<number>;
}

const COMMANDS: Record<string, Subcommand> = {
  check: { summary: 'check configs, each file alone and across files (the default command)', run: runCheckCommand },
  rules: { summary: 'list every diagnostic code with its default and effective severity', run: runRulesCommand },
  graph: { summary: 'print the topology (devices, links, verdicts) as JSON, DOT, Mermaid or SVG', run: runGraph },
  'generate-peer': { summary: "print the config of a tunnel's or link's other end, generated from this side", run: async (argv) => runGeneratePeer(argv) },
};

function mainUsage(): string {
  const w = Object.keys(COMMANDS).reduce((n, c) => Math.max(n, c.length), 0);
  return `Usage: netcfg <command> [options] [paths...]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(w)}  ${c.summary}`)
  .join('\n')}

'netcfg <command> --help' shows the options of a command; 'netcfg --version' the version.
Options before any command run 'check' ('netcfg --format json .' is 'netcfg check --format json .').
`;
}

const FORMATS = ['text', 'json', 'sarif', 'gitlab', 'junit', 'github'] as const;
type Format = (typeof FORMATS)[number];

const USAGE = `Usage: netcfg check [options] [paths...]
       netcfg check [options] - [paths...]     (one config on stdin, with --dialect or --stdin-filename)

Checks router and firewall configs (Cisco IOS/ASA, MikroTik RouterOS, OpenBSD ipsec.conf, BIRD 2),
each file alone and across files (IPsec peers, OSPF neighbours, DMVPN, L2TP). Directories are searched
recursively; the default path is the current directory.

Options:
  --format FORMAT                 output format (default: text): text, json, sarif, gitlab (GitLab Code
                                  Quality), junit (JUnit XML: Jenkins, Azure Pipelines), github (GitHub
                                  Actions annotations)
  --fail-level error|warning|information|hint|none
                                  lowest severity that makes the exit status 1 (default: error)
  --min-severity error|warning|information|hint
                                  lowest severity reported (default: information)
  --dialect <id>                  dialect of files whose dialect cannot be told:
                                  cisco-ios, cisco-asa, routeros, openbsd-ipsec, bird, strongswan
  --stdin-filename NAME           the name of the config read from '-' (dialect by name, path in reports)
  --routeros-version 6|7          RouterOS major version (default: from the file)
  --openbsd-version X.Y           OpenBSD release targeted (default: ${DEFAULT_SETTINGS.openbsdVersion ?? 'current'})
  --bird-version X.Y[.Z]          BIRD release targeted (default: none, newer syntax is a warning)
  --swan-flavour strongswan|libreswan
                                  Linux ipsec.conf flavour (default: from the file's keys, else strongSwan)
  --rule CODE=SEVERITY            severity of a code or family (ipsec/*): off, hint, information,
                                  warning or error; repeatable; overrides netcfg.yaml rules:
  --baseline FILE                 report only findings not in this baseline (default: ${BASELINE_FILE_NAME}
                                  next to the nearest netcfg.yaml, else in the current directory, if present)
  --no-baseline                   ignore any baseline file
  --write-baseline[=FILE]         record today's findings as the baseline and exit 0
  --prune-baseline                remove baseline entries that no longer match a finding
  --weak-crypto off|warning|error deprecated: use --rule ipsec/weak-crypto=SEVERITY
  --jobs N                        read, parse and lower files on N threads, the main one and N-1 workers
                                  (default: 1, no worker; the cores here: ${defaultJobs()}). Small inputs use no worker
  -q, --quiet                     text and github: print only the findings that fail the run, no summary;
                                  no progress line and no warnings on stderr
  --no-color                      no colours in text (also when NO_COLOR is set, or stdout is not a terminal)
  -h, --help                      show this help
  -v, --version                   show the version

Only regular files are read. A path that cannot be read is named on stderr and the others are still
checked; a FIFO, device or socket met while walking a directory is skipped with a warning. When stderr is
a terminal, runs longer than a second show a progress line there.

Findings suppressed by a netcfg-ignore comment or a netcfg.yaml ignore: entry, and findings recorded in the
baseline, are kept in JSON and SARIF (marked) and JUnit (skipped), but not shown in text, GitLab or GitHub
output nor counted for the exit status. 'netcfg rules' lists every diagnostic code with its default and
effective severity and its documentation.

Exit status: 0 no finding at or above --fail-level, 1 at least one, 2 usage error or a path that could not
be read.
`;

const RULES_USAGE = `Usage: netcfg rules [--format text|json] [--rule CODE=SEVERITY...] [path]

Lists every diagnostic code (and every policy of the netcfg.yaml governing path, default: the current
directory) with its default severity, its effective severity (netcfg.yaml rules:, then --rule) and its
documentation.

Options:
  --format text|json              output format (default: text)
  --rule CODE=SEVERITY            as for 'netcfg check'; repeatable
  -h, --help                      show this help
`;

interface Options {
  format: Format;
  minSeverity: Severity;
  failLevel: FailLevel;
  /** Worker threads for reading, parsing and lowering (`--jobs`); undefined: none (in-process). */
  jobs?: number;
  paths: string[];
  /** `-` among the paths: one config is read from stdin. */
  stdin: boolean;
  /** `--stdin-filename`: its name, relative to the working directory. */
  stdinName?: string;
  settings: Partial<ServiceSettings>;
  /** `--rule CODE=SEVERITY`, in order (a later one wins). */
  rules: Record<string, RuleSeverity>;
  baseline: BaselineOptions;
  quiet: boolean;
  color: boolean;
}

/** What to do with a baseline file. */
interface BaselineOptions {
  /** `--baseline FILE`; undefined: auto-detect. */
  file?: string;
  disabled?: boolean;
  /** `--write-baseline[=FILE]`: true for the default file. */
  write?: string | true;
  prune?: boolean;
}

/** The options of `netcfg check`, for node:util parseArgs. */
const CHECK_OPTIONS: OptionSpec = {
  format: { type: 'string' },
  'fail-level': { type: 'string' },
  'min-severity': { type: 'string' },
  dialect: { type: 'string' },
  'stdin-filename': { type: 'string' },
  'routeros-version': { type: 'string' },
  'openbsd-version': { type: 'string' },
  'bird-version': { type: 'string' },
  'swan-flavour': { type: 'string' },
  rule: { type: 'string', multiple: true },
  baseline: { type: 'string' },
  'no-baseline': { type: 'boolean' },
  'write-baseline': { type: 'string' },
  'prune-baseline': { type: 'boolean' },
  'weak-crypto': { type: 'string' },
  jobs: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

const RULES_OPTIONS: OptionSpec = {
  format: { type: 'string' },
  rule: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

/** `one, two or three`. */
function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/**
 * `--write-baseline` takes an optional file, which parseArgs cannot express: `--write-baseline=FILE`, or a
 * following argument that names a .json file; alone it is written `--write-baseline=` (the default file).
 */
function normalizeWriteBaseline(argv: string[]): string[] {
  const res: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      for (let j = i; j < argv.length; j++) res.push(argv[j]);
      break;
    }
    if (a !== '--write-baseline') res.push(a);
    else if (argv[i + 1] !== undefined && /\.json$/i.test(argv[i + 1]) && !argv[i + 1].startsWith('-')) res.push(`--write-baseline=${argv[++i]}`);
    else res.push('--write-baseline=');
  }
  return res;
}

function parseCheckArgs(argv: string[]): Options | 'help' | 'version' {
  const { values, positionals } = parseCommandLine(normalizeWriteBaseline(argv), CHECK_OPTIONS, 'netcfg check');
  if (values.help) return 'help';
  if (values.version) return 'version';
  const opts: Options = {
    format: 'text',
    minSeverity: 'information',
    failLevel: 'error',
    paths: [],
    stdin: false,
    settings: {},
    rules: Object.create(null),
    baseline: {},
    quiet: !!values.quiet,
    color: !values['no-color'],
  };
  const format = lastString(values, 'format');
  if (format !== undefined) {
    if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`invalid --format '${format}' (expected ${orList(FORMATS)})`);
    opts.format = format as Format;
  }
  const min = lastString(values, 'min-severity');
  if (min !== undefined) {
    if (!(min in SEVERITY_RANK)) throw new UsageError(`invalid --min-severity '${min}' (expected error, warning, information or hint)`);
    opts.minSeverity = min as Severity;
  }
  const failLevel = lastString(values, 'fail-level');
  if (failLevel !== undefined) {
    if (!(FAIL_LEVELS as readonly string[]).includes(failLevel)) throw new UsageError(`invalid --fail-level '${failLevel}' (expected ${orList(FAIL_LEVELS)})`);
    opts.failLevel = failLevel as FailLevel;
  }
  parseSettingOptions(values, opts.settings);
  const stdinName = lastString(values, 'stdin-filename');
  if (stdinName !== undefined) {
    if (!stdinName.trim() || stdinName.includes('\0')) throw new UsageError(`invalid --stdin-filename '${stdinName}' (expected a file name)`);
    opts.stdinName = stdinName;
  }
  const weak = lastString(values, 'weak-crypto');
  let weakCrypto: RuleSeverity | undefined;
  if (weak !== undefined) {
    weakCrypto = parseWeakCrypto(weak);
    if (!weakCrypto) throw new UsageError(`invalid --weak-crypto '${weak}' (expected off, warning or error)`);
  }
  const jobs = lastString(values, 'jobs');
  if (jobs !== undefined) {
    if (!/^[1-9][0-9]{0,3}$/.test(jobs.trim())) throw new UsageError(`invalid --jobs '${jobs}' (expected a number of threads from 1 to 9999)`);
    opts.jobs = Number(jobs.trim());
  }
  parseRuleOptions(allStrings(values, 'rule'), opts.rules);
  const baselineFile = lastString(values, 'baseline');
  if (baselineFile !== undefined) opts.baseline.file = baselineFile;
  if (values['no-baseline']) opts.baseline.disabled = true;
  const write = lastString(values, 'write-baseline');
  if (write !== undefined) opts.baseline.write = write === '' ? true : write;
  if (values['prune-baseline']) opts.baseline.prune = true;
  for (const p of positionals) {
    if (p !== '-') opts.paths.push(p);
    else if (opts.stdin) throw new UsageError(`'-' (stdin) is given twice: one config can be read from stdin`);
    else opts.stdin = true;
  }
  if (opts.stdinName !== undefined && !opts.stdin) throw new UsageError(`--stdin-filename needs '-' among the paths`);
  if (opts.paths.length === 0 && !opts.stdin) opts.paths.push('.');
  if (weakCrypto) {
    writeErr(`netcfg: warning: --weak-crypto is deprecated; use --rule ipsec/weak-crypto=${weakCrypto}\n`);
    if (!('ipsec/weak-crypto' in opts.rules)) opts.rules['ipsec/weak-crypto'] = weakCrypto;
  }
  if (Object.keys(opts.rules).length) opts.settings.rules = opts.rules;
  return opts;
}

/** `--dialect` and the platform versions, shared by check and graph. */
function parseSettingOptions(values: ParsedArgs['values'], settings: Partial<ServiceSettings>): void {
  const dialect = lastString(values, 'dialect');
  if (dialect !== undefined) {
    const d = parseDialect(dialect);
    if (!d) throw new UsageError(`invalid --dialect '${dialect}' (expected cisco-ios, cisco-asa, routeros, openbsd-ipsec, bird or strongswan)`);
    settings.dialect = d;
  }
  const ros = lastString(values, 'routeros-version');
  if (ros !== undefined) {
    const n = parseRouterosVersion(ros);
    if (!n) throw new UsageError(`invalid --routeros-version '${ros}' (expected 6 or 7)`);
    settings.routerosVersion = n;
  }
  const obsd = lastString(values, 'openbsd-version');
  if (obsd !== undefined) {
    const s = parseOpenbsdVersion(obsd);
    if (!s) throw new UsageError(`invalid --openbsd-version '${obsd}' (expected a release such as 7.6)`);
    settings.openbsdVersion = s;
  }
  const bird = lastString(values, 'bird-version');
  if (bird !== undefined) {
    const b = parseBirdVersion(bird);
    if (!b) throw new UsageError(`invalid --bird-version '${bird}' (expected a release such as 2.0.12)`);
    settings.birdVersion = b;
  }
  const swan = lastString(values, 'swan-flavour');
  if (swan !== undefined) {
    const f = parseSwanFlavour(swan);
    if (!f) throw new UsageError(`invalid --swan-flavour '${swan}' (expected strongswan or libreswan)`);
    settings.swanFlavour = f;
  }
}

/** `--rule CODE=SEVERITY…`, in order (a later one wins). */
function parseRuleOptions(values: string[], rules: Record<string, RuleSeverity>): void {
  for (const v of values) {
    const m = /^([^=]+)=(.*)$/.exec(v);
    const severity = m ? parseRuleSeverity(m[2].trim()) : undefined;
    if (!m || !severity) throw new UsageError(`invalid --rule '${v}' (expected CODE=off|hint|information|warning|error)`);
    const code = m[1].trim();
    // A workspace policy id (corp/…: outside netcfg's families) is checked against netcfg.yaml by `netcfg rules` only.
    if (!isKnownSelector(code) && (isBuiltinFamily(code) || !POLICY_ID.test(code.replace(/\/\*$/, '/x')))) throw new UsageError(`unknown diagnostic code '${code}' in --rule (see 'netcfg rules')`);
    rules[code] = severity;
  }
}

/** One file handed to the service, with the path shown to the user. */
interface InputFile {
  uri: string;
  /** The path to open: a string, or raw bytes when a name is not valid UTF-8. */
  abs: string | Buffer;
  /** Relative to the working directory, with `/` separators. */
  display: string;
  /** Size when collected (decides whether worker threads pay off). */
  size: number;
  /** Already read (stdin): the service gets this instead of the file's content. */
  preread?: ReadResult;
}

function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs) || path.basename(abs);
  return rel.split(path.sep).join('/');
}

/** The file URI of a path; a name that is not valid UTF-8 keeps its bytes (percent-encoded), so URIs stay unique. */
function fileUri(p: string | Buffer): string {
  if (typeof p === 'string') return pathToFileURL(p).href;
  let encoded = '';
  for (const byte of p) {
    const c = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9\-._~!$&'()*+,;=:@/]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return `file://${encoded}`;
}

/** Problems met while collecting and reading inputs, printed to stderr as they are met. */
class Problems {
  /** Paths that could not be read: each makes the exit status 2. */
  unreadable = 0;

  cannotRead(display: string, reason: string): void {
    this.unreadable++;
    writeErr(`netcfg: cannot read '${display}': ${reason}\n`);
  }

  constructor(private readonly quiet = false) {}

  skipped(display: string, reason: string): void {
    if (this.quiet) return;
    writeErr(`netcfg: warning: skipped '${display}': ${reason}\n`);
  }
}

interface Collected {
  files: InputFile[];
  projectFiles: string[];
  /** How many path arguments could be used at all (a readable directory or a regular file). */
  usable: number;
}

async function collectFiles(paths: string[], maxFileSize: number, problems: Problems): Promise<Collected> {
  // By identity (device and inode): a file named twice, or reached through a link, is checked once.
  const seen = new Set<string>();
  const files: InputFile[] = [];
  const projectFiles = new Set<string>();
  let usable = 0;
  const add = (abs: string | Buffer, id: string, size: number) => {
    if (seen.has(id)) return;
    seen.add(id);
    const text = typeof abs === 'string' ? abs : abs.toString('utf8');
    files.push({ abs, uri: fileUri(abs), display: displayPath(text), size });
  };
  for (const p of paths) {
    const abs = path.resolve(p);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
    } catch (err) {
      problems.cannotRead(p, describeFsError(err));
      continue;
    }
    if (stat.isDirectory()) {
      let rootReadable = true;
      for await (const cand of scanDirectory(abs, {
        maxFileSize,
        onProblem: (problem) => {
          if (problem.path === abs) rootReadable = false;
          const shown = problem.path === abs ? p : displayPath(problem.path);
          if (problem.severity === 'error') problems.cannotRead(shown, problem.reason);
          else problems.skipped(shown, problem.reason);
        },
      })) {
        if (cand.kind === 'project') projectFiles.add(cand.path);
        else add(cand.fsPath, cand.id, cand.size);
      }
      if (!rootReadable) continue;
      usable++;
      const governing = findProjectFile(abs);
      if (governing) projectFiles.add(governing);
    } else if (stat.isFile()) {
      // A file named on the command line is checked whatever its name; an unknown one gets the information note.
      usable++;
      add(abs, fileIdentity(stat), stat.size);
      const governing = findProjectFile(path.dirname(abs));
      if (governing) projectFiles.add(governing);
    } else {
      // Never opened: a FIFO would block until a writer comes, /dev/zero never ends.
      problems.cannotRead(p, describeFileType(stat));
    }
  }
  return { files, projectFiles: [...projectFiles].sort(), usable };
}


/** Checks `files` (listed in the report) and `extra` (netcfg.yaml: diagnostics only, not listed as configs). */
function runCheck(service: LanguageService, files: InputFile[], extra: InputFile[], minSeverity: Severity, fingerprints: boolean, progress?: Progress): JsonReport {
  const byUri = new Map([...files, ...extra].map((f) => [f.uri, f]));
  const where = (uri: string, r: TextRange) => {
    // External peers of netcfg.yaml have synthetic URIs `<yaml uri>#<name>`; their ranges are in the yaml file.
    if (!byUri.has(uri) && uri.includes('#')) uri = uri.slice(0, uri.indexOf('#'));
    const doc = service.getDocument(uri);
    const start = doc ? positionAt(doc.lineStarts, r.start) : { line: 0, character: 0 };
    const end = doc ? positionAt(doc.lineStarts, Math.max(r.start, r.end)) : start;
    return { file: byUri.get(uri)?.display ?? uri, line: start.line + 1, column: start.character + 1, endLine: end.line + 1, endColumn: end.character + 1 };
  };
  const report: JsonReport = { version: 1, files: [], diagnostics: [] };
  const all = [...files, ...extra];
  for (let i = 0; i < all.length; i++) {
    const f = all[i];
    progress?.tick('checking', i, all.length);
    const doc = service.getDocument(f.uri);
    if (i < files.length) report.files.push({ path: f.display, dialect: doc?.dialect ?? null, device: (doc?.dialect && service.getDevice(f.uri)?.name) || null });
    for (const finding of service.getFindings(f.uri)) {
      if (SEVERITY_RANK[finding.severity] > SEVERITY_RANK[minSeverity] || isProjectNoise(f.uri, finding.code)) continue;
      report.diagnostics.push({
        ...where(f.uri, finding.range),
        severity: finding.severity,
        code: finding.code,
        message: finding.message,
        related: finding.related.map((r: model.RelatedLocation) => {
          const w = where(r.uri, r.range);
          return { file: w.file, line: w.line, column: w.column, message: r.message };
        }),
        ...ruleFields(service, finding, fingerprints),
      });
    }
  }
  report.diagnostics.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || a.code.localeCompare(b.code)));
  return report;
}

/** The suppression and fingerprint of a finding in the JSON contract (absent when there is none). */
function ruleFields(service: LanguageService, finding: model.Finding, fingerprints: boolean): Partial<JsonDiagnostic> {
  const res: Partial<JsonDiagnostic> = {};
  if (finding.suppressed) {
    res.suppressed = true;
    res.suppression = finding.suppressed.justification ? { ...finding.suppressed } : { kind: finding.suppressed.kind };
  }
  if (fingerprints) res.fingerprint = findingFingerprint(service, finding);
  return res;
}


// ---------------------------------------------------------------------------------------------------------------
// Baselines

/** What the baseline did, for the text summary. */
interface BaselineSummary {
  file: string;
  /** Findings recorded in the baseline and still present. */
  left: number;
  /** Baseline entries no finding matches any more. */
  fixed: number;
  written?: number;
  pruned?: boolean;
}

/** The default baseline file: next to the nearest netcfg.yaml governing the working directory, else in it. */
function defaultBaselineFile(): string {
  const yaml = findProjectFile(process.cwd());
  return path.join(yaml ? path.dirname(yaml) : process.cwd(), BASELINE_FILE_NAME);
}

/**
 * Writes, reads, matches and prunes the baseline as the options say, marking each diagnostic `new` or `unchanged`.
 * A baseline records the diagnostics that are reported and not suppressed; paths in it are relative to its folder.
 */
function applyBaseline(report: JsonReport, opts: BaselineOptions): BaselineSummary | undefined {
  if (opts.disabled && !opts.write) return undefined;
  const file = path.resolve(typeof opts.write === 'string' ? opts.write : (opts.file ?? defaultBaselineFile()));
  const active = report.diagnostics.filter((d) => !d.suppressed);
  const devices = new Map(report.files.map((f) => [f.path, f.device ?? undefined]));
  const rel = (display: string) => path.relative(path.dirname(file), path.resolve(display)).split(path.sep).join('/');
  if (opts.write) {
    const baseline = buildBaseline(active.filter((d) => d.fingerprint).map((d) => ({ fingerprint: d.fingerprint!, code: d.code, file: rel(d.file), device: devices.get(d.file) })));
    writeFileOrThrow(file, serializeBaseline(baseline));
    for (const d of active) d.baseline = 'unchanged';
    return { file, left: active.length, fixed: 0, written: active.length };
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if (opts.file) throw new UsageError(`cannot read the baseline '${opts.file}': ${describeFsError(err)}`);
    return undefined; // no baseline where one is looked for by default
  }
  const baseline = parseBaseline(text);
  if (typeof baseline === 'string') throw new UsageError(`the baseline '${displayPath(file)}' is ${baseline}`);
  const match = matchBaseline(baseline, active);
  active.forEach((d, i) => (d.baseline = match.states[i]));
  const fixed = match.stale.reduce((n, e) => n + e.count, 0);
  const summary: BaselineSummary = { file, left: match.states.filter((st) => st === 'unchanged').length, fixed };
  if (opts.prune && fixed > 0) {
    writeFileOrThrow(file, serializeBaseline(pruneBaseline(baseline as BaselineFile, match.stale)));
    summary.pruned = true;
  }
  return summary;
}

function writeFileOrThrow(file: string, text: string): void {
  try {
    fs.writeFileSync(file, text);
  } catch (err) {
    throw new UsageError(`cannot write the baseline '${displayPath(file)}': ${describeFsError(err)}`);
  }
}

function baselineLine(b: BaselineSummary): string {
  const where = displayPath(b.file);
  if (b.written !== undefined) return `baseline ${where}: recorded ${b.written} finding${b.written === 1 ? '' : 's'}`;
  const fixed = b.fixed ? `, ${b.fixed} fixed since (${b.pruned ? 'pruned' : 'run with --prune-baseline to drop them'})` : '';
  return `baseline ${where}: ${b.left} baselined finding${b.left === 1 ? '' : 's'} left${fixed}`;
}

// ---------------------------------------------------------------------------------------------------------------
// netcfg rules

interface RulesOptions {
  format: 'text' | 'json';
  rules: Record<string, RuleSeverity>;
  /** The folder (or a file in it) whose netcfg.yaml applies. */
  path: string;
}

async function runRulesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, RULES_OPTIONS, 'netcfg rules');
  if (values.help) return writeReport(RULES_USAGE, 0);
  if (values.version) return writeReport(`netcfg ${pkg.version}\n`, 0);
  const format = lastString(values, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError((FORMATS as readonly string[]).includes(format) ? `'netcfg rules' prints text or json` : `invalid --format '${format}' (expected text or json)`);
  }
  if (positionals.length > 1) throw new UsageError(`'netcfg rules' takes one path (the folder whose netcfg.yaml applies)`);
  const rules: Record<string, RuleSeverity> = Object.create(null);
  parseRuleOptions(allStrings(values, 'rule'), rules);
  return writeReport(formatRules({ format, rules, path: positionals[0] ?? '.' }), 0);
}

/** `netcfg rules`: every code with its default and effective severity (netcfg.yaml `rules:`, then `--rule`). */
function formatRules(opts: RulesOptions): string {
  const target = path.resolve(opts.path);
  let dir = target;
  try {
    if (!fs.statSync(target).isDirectory()) dir = path.dirname(target);
  } catch {
    throw new UsageError(`cannot read '${opts.path}'`);
  }
  const yamlFile = findProjectFile(dir);
  let yamlLayer: ReturnType<typeof yamlRuleLayer>;
  let policies: RuleInfo[] = [];
  if (yamlFile) {
    const input = readConfigFileSync(yamlFile, { maxFileSize: DEFAULT_SETTINGS.maxFileSize });
    const config = input.ok ? parseWorkspaceConfig(input.text, pathToFileURL(yamlFile).href).config : undefined;
    yamlLayer = yamlRuleLayer(config);
    policies = config ? policyRules(config.policies) : [];
  }
  const rows = [...RULES, ...policies].map((r) => {
    const fromCli = resolveSeverity(r.code, [opts.rules]);
    const fromYaml = resolveSeverity(r.code, [yamlLayer]);
    const severity = fromCli ?? fromYaml ?? r.severity;
    const source = fromCli ? '--rule' : fromYaml ? 'netcfg.yaml' : 'default';
    return { code: r.code, defaultSeverity: r.severity, severity, source, description: r.description, docs: ruleInfo(r.code) ? ruleDocsUrl(r.code) : 'policy in netcfg.yaml' };
  });
  if (opts.format === 'json') return `${JSON.stringify({ version: 1, config: yamlFile ? displayPath(yamlFile) : null, rules: rows }, null, 2)}\n`;
  const w = rows.reduce((n, r) => Math.max(n, r.code.length), 0);
  const lines = [`${'CODE'.padEnd(w)}  ${'DEFAULT'.padEnd(11)}  ${'EFFECTIVE'.padEnd(24)}  DESCRIPTION`];
  for (const r of rows) {
    const eff = r.source === 'default' ? r.severity : `${r.severity} (${r.source})`;
    lines.push(`${r.code.padEnd(w)}  ${r.defaultSeverity.padEnd(11)}  ${eff.padEnd(24)}  ${r.description}  ${r.docs}`);
  }
  if (yamlFile) lines.push(`rules: from ${displayPath(yamlFile)}`);
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Output

/** Colours only on a terminal, unless `--no-color` or NO_COLOR (no-color.org: set and not empty). */
function useColor(opts: Options): boolean {
  return opts.color && !!process.stdout.isTTY && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}

/** Text: one line per finding (related locations indented), then the summary; `--quiet`: failing findings only. */
function formatText(report: JsonReport, unreadable: number, baseline: BaselineSummary | undefined, opts: Options): string {
  const color = useColor(opts);
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<Severity, string> = { error: '31;1', warning: '33;1', information: '36', hint: '2' };
  const lines: string[] = [];
  const shown = report.diagnostics.filter((d) => counts(d) && (!opts.quiet || fails(d.severity, opts.failLevel)));
  for (const d of shown) {
    lines.push(`${paint('1', `${d.file}:${d.line}:${d.column}`)} ${paint(sevColor[d.severity], d.severity)} ${paint('2', d.code)} ${d.message}`);
    for (const r of d.related) lines.push(`    ${r.file}:${r.line}:${r.column} ${r.message}`);
  }
  const count = (s: Severity) => shown.filter((d) => d.severity === s).length;
  const checked = report.files.filter((f) => f.dialect).length;
  const skipped = report.files.length - checked;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const parts = [plural(count('error'), 'error'), plural(count('warning'), 'warning')];
  if (count('information')) parts.push(`${count('information')} information`);
  if (count('hint')) parts.push(plural(count('hint'), 'hint'));
  const nSuppressed = report.diagnostics.filter((d) => d.suppressed).length;
  if (nSuppressed) parts.push(`${nSuppressed} suppressed`);
  if (opts.quiet) return lines.length ? `${lines.join('\n')}\n` : '';
  if (baseline) lines.push(baselineLine(baseline));
  const summary = `${plural(checked, 'file')} checked${skipped ? `, ${skipped} skipped` : ''}${unreadable ? `, ${unreadable} unreadable` : ''}: ${parts.join(', ')}`;
  lines.push(paint(count('error') || unreadable ? '31;1' : count('warning') ? '33;1' : '32', summary));
  return lines.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, sarif.Result.level> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A short description per code prefix, for SARIF rules (the full text is in docs/diagnostics.md). */
function ruleDescription(code: string): string {
  const area = code.split('/')[0];
  const areas: Record<string, string> = {
    detect: 'File skipped: binary, too large, or its dialect could not be told',
    syntax: 'Configuration syntax problem',
    ref: 'Named object reference problem',
    ipsec: 'IPsec/IKE mismatch or weakness',
    ospf: 'OSPF adjacency mismatch',
    dmvpn: 'DMVPN/NHRP mismatch',
    l2tp: 'L2TP/IPsec problem',
  };
  return areas[area] ?? 'netcfg diagnostic';
}

function formatSarif(report: JsonReport): sarif.Log {
  const codes = [...new Set(report.diagnostics.map((d) => d.code))].sort();
  const ruleIndex = new Map(codes.map((c, i) => [c, i]));
  const rules: sarif.ReportingDescriptor[] = codes.map((code) => {
    const example = report.diagnostics.find((d) => d.code === code)!;
    return {
      id: code,
      name: code.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : '')),
      shortDescription: { text: ruleInfo(code)?.description ?? ruleDescription(code) },
      fullDescription: { text: `${ruleInfo(code)?.description ?? ruleDescription(code)} (${code}). See the documentation for what triggers it and how to fix it.` },
      help: { text: `See ${docsUrl(code)}`, markdown: `See [${code}](${docsUrl(code)}).` },
      helpUri: docsUrl(code),
      defaultConfiguration: { level: SARIF_LEVEL[ruleInfo(code)?.severity ?? example.severity] },
    };
  });
  const location = (file: string, line: number, column: number, endLine?: number, endColumn?: number): sarif.Location => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(file), uriBaseId: 'SRCROOT' },
      region: endLine === undefined ? { startLine: line, startColumn: column } : { startLine: line, startColumn: column, endLine, endColumn },
    },
  });
  const results: sarif.Result[] = report.diagnostics.map((d) => {
    const result: sarif.Result = {
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [location(d.file, d.line, d.column, d.endLine, d.endColumn)],
    };
    if (d.severity === 'hint') result.rank = 10;
    if (d.fingerprint) result.partialFingerprints = { 'netcfg/v1': d.fingerprint };
    if (d.suppression) result.suppressions = [{ kind: d.suppression.kind, status: 'accepted', ...(d.suppression.justification ? { justification: d.suppression.justification } : {}) }];
    if (d.baseline) result.baselineState = d.baseline;
    if (d.related.length) {
      result.relatedLocations = d.related.map((r, i) => ({ id: i + 1, ...location(r.file, r.line, r.column), message: { text: r.message } }));
    }
    return result;
  });
  const root = pathToFileURL(process.cwd()).href;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'netcfg',
            version: pkg.version,
            semanticVersion: pkg.version,
            informationUri: docsUrl('').replace(/#$/, ''),
            rules,
          },
        },
        originalUriBaseIds: { SRCROOT: { uri: root.endsWith('/') ? root : `${root}/` } },
        artifacts: report.files.map((f) => ({ location: { uri: encodeURI(f.path), uriBaseId: 'SRCROOT' }, ...(f.dialect ? { sourceLanguage: f.dialect } : {}) })),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}


/** Text of a file for the service: its text, or empty with the host's reason to skip it; undefined when unreadable. */
function readInput(file: InputFile, maxFileSize: number, problems: Problems): { text: string; read: ReadResult } | undefined {
  const read = file.preread ?? readConfigFileSync(file.abs, { maxFileSize });
  if (read.ok) return { text: read.text, read };
  if (read.skip) return { text: '', read };
  problems.cannotRead(file.display, read.reason);
  return undefined;
}


/**
 * Reads the config given as `-`: all of stdin, at most maxFileSize + 1 bytes, decoded as a file is. Its path is
 * `--stdin-filename` (relative to the working directory; by its name its dialect may be told), else `<stdin>`.
 */
async function readStdin(name: string | undefined, maxFileSize: number): Promise<InputFile> {
  const abs = path.resolve(name ?? '<stdin>');
  const chunks: Uint8Array[] = [];
  let length = 0;
  let preread: ReadResult | undefined;
  try {
    for await (const chunk of process.stdin as AsyncIterable<Uint8Array>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length > maxFileSize) {
        const reason = `stdin is larger than netcfg.maxFileSize (more than ${maxFileSize} bytes)`;
        preread = { ok: false, reason, skip: { code: 'detect/unknown-dialect', reason } };
        process.stdin.destroy();
        break;
      }
    }
  } catch (err) {
    preread = { ok: false, reason: describeFsError(err) };
  }
  return { abs, uri: pathToFileURL(abs).href, display: name === undefined ? '<stdin>' : displayPath(abs), size: length, preread: preread ?? decodeConfig(joinChunks(chunks, length)) };
}

function joinChunks(chunks: Uint8Array[], length: number): Buffer {
  const buf = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    buf.set(c, at);
    at += c.length;
  }
  return Buffer.from(buf.buffer, 0, length);
}

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (first === undefined) throw new UsageError(`missing command (try 'netcfg --help')`);
  const command = Object.hasOwn(COMMANDS, first) ? COMMANDS[first] : undefined;
  if (command) return command.run(argv.slice(1));
  if (first === '-h' || first === '--help') return writeReport(mainUsage(), 0);
  if (first === 'help') {
    const about = argv[1] === undefined ? undefined : Object.hasOwn(COMMANDS, argv[1]) ? COMMANDS[argv[1]] : undefined;
    if (argv[1] !== undefined && !about) throw new UsageError(`unknown command '${argv[1]}' (try 'netcfg --help')`);
    return about ? about.run(['--help']) : writeReport(mainUsage(), 0);
  }
  // Options (or `-`, stdin) first: `netcfg --format json .` has always meant `netcfg check …`.
  if (first.startsWith('-')) return runCheckCommand(argv);
  throw new UsageError(`unknown command '${first}' (try 'netcfg --help')`);
}

async function runCheckCommand(argv: string[]): Promise<number> {
  const parsed = parseCheckArgs(argv);
  if (parsed === 'help') return writeReport(USAGE, 0);
  if (parsed === 'version') return writeReport(`netcfg ${pkg.version}\n`, 0);
  const maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  const problems = new Problems(parsed.quiet);
  const collected = parsed.paths.length ? await collectFiles(parsed.paths, maxFileSize, problems) : { files: [], projectFiles: [], usable: 0 };
  const stdinFile = parsed.stdin ? await readStdin(parsed.stdinName, maxFileSize) : undefined;
  if (stdinFile) {
    const governing = findProjectFile(path.dirname(stdinFile.abs as string));
    if (governing && !collected.projectFiles.includes(governing)) collected.projectFiles = [...collected.projectFiles, governing].sort();
  }
  // Nothing named could be used at all: the reasons are on stderr, there is no report to print.
  if (collected.usable === 0 && problems.unreadable > 0 && !stdinFile) return 2;
  const progress = createProgress(process.stderr, !parsed.quiet);
  try {
    return await checkWithProgress(parsed, collected, stdinFile, problems, progress);
  } finally {
    // Erased before the report, and before any error line.
    progress.done();
  }
}

/** `netcfg check` once the inputs are known: read, lower (in workers or not), check, report. */
async function checkWithProgress(parsed: Options, collected: Collected, stdinFile: InputFile | undefined, problems: Problems, progress: Progress): Promise<number> {
  const maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  const nInputs = collected.files.length + (stdinFile ? 1 : 0);
  // The CLI reports and never edits: batch mode drops trees and quick-fix Setters once each file is lowered.
  installTestFaults();
  const service = createLanguageService({ ...parsed.settings, batch: true });
  let internalErrors = 0;
  const internalError = (err: unknown) => {
    internalErrors++;
    if (internalErrors <= 3) writeErr(`netcfg: internal error in a check: ${err instanceof Error ? err.message : String(err)}\n`);
  };
  setInternalErrorHandler(internalError);
  // The governing netcfg.yaml files are documents of the service too (external peers, device overrides).
  const extra: InputFile[] = [];
  const projects: WorkerInit['projects'] = [];
  for (const p of collected.projectFiles) {
    const f = { abs: p, uri: pathToFileURL(p).href, display: displayPath(p), size: 0 };
    const input = readInput(f, maxFileSize, problems);
    if (!input) continue;
    const skip = input.read.ok ? undefined : input.read.skip;
    service.setDocument(f.uri, input.text, 1, undefined, skip);
    projects.push({ uri: f.uri, text: input.text, skip });
    extra.push(f);
  }
  const files: InputFile[] = [];
  const inProcess = (f: InputFile) => {
    progress.tick('reading', files.length, nInputs);
    const input = readInput(f, maxFileSize, problems);
    if (!input) return;
    service.setDocument(f.uri, input.text, 1, undefined, input.read.ok ? undefined : input.read.skip);
    files.push(f);
  };
  let bytes = 0;
  for (const f of collected.files) bytes += f.size;
  // In-process unless asked: on a 2-core machine `--jobs 2` (main thread + one worker) takes ~1.3x the CPU of one
  // thread at 1M lines, which two cores do not win back (docs/performance.md, branch pair-pool's section).
  const threads = workerCount(parsed.jobs ?? 1, collected.files.length, bytes);
  // Files enter the service in file order, whichever thread lowered them (same order, same stderr lines, same
  // internal errors), so the report is the same byte for byte.
  const take = (i: number, r: FileResult) => {
    const f = collected.files[i];
    progress.tick('reading', i, nInputs);
    if (r.kind === 'inprocess') return inProcess(f);
    if (r.kind === 'unreadable') return problems.cannotRead(f.display, r.reason);
    if (r.kind === 'text') service.setDocument(f.uri, r.text, 1, undefined, r.skip);
    else service.setLowered(f.uri, r.text, 1, r.precomputed);
    files.push(f);
  };
  const init: WorkerInit = { settings: parsed.settings, maxFileSize, projects };
  if (threads === 0) {
    // In-process, each file is lowered and its device checks run at once (`precompute`), and the service keeps only
    // the cross-file model (`forCrossFile`): the whole model of every file until the report was most of the heap
    // the collector kept copying (docs/performance.md, branch fleet-model's section).
    const lowerer = createLowerer(init);
    for (let i = 0; i < collected.files.length; i++) {
      const f = collected.files[i];
      take(i, lowerFile(lowerer, f.uri, f.abs, maxFileSize, undefined, undefined, f.size));
    }
  } else {
    // Workers (and the main thread, one of the `--jobs` threads) read, lower and run each device's own checks.
    // Measurements and tests: 0 = the main thread only receives. A test hook: production bundles read undefined (esbuild.mjs).
    const mainLowers = process.env.NETCFG_POOL_LOCAL !== '0';
    const lowerer = mainLowers ? createLowerer(init) : undefined;
    const local = lowerer && ((file: PoolFile) => lowerFile(lowerer, file.uri, file.abs, maxFileSize, undefined, undefined, file.size));
    const stats = await lowerInWorkers(collected.files, local ? threads - 1 : threads, init, take, local);
    // Proof that the workers ran, and whether any file fell back to the main thread (README.md documents the variable).
    if (process.env.NETCFG_POOL_STATS) writeErr(`netcfg: pool: ${stats.workers} workers, ${stats.chunks} chunks, ${stats.redone} redone in-process, ${stats.notPlain} not plain, ${stats.local} on the main thread\n`);
  }
  // The config read from stdin is checked with (and after) the files named beside it, never on a worker.
  if (stdinFile) inProcess(stdinFile);
  const wantsBaseline = !!parsed.baseline.write || (!parsed.baseline.disabled && (!!parsed.baseline.file || fs.existsSync(defaultBaselineFile())));
  const report = runCheck(service, files, extra, parsed.minSeverity, parsed.format !== 'text' || wantsBaseline, progress);
  progress.done();
  const baseline = applyBaseline(report, parsed.baseline);
  if (baseline && parsed.format !== 'text' && !parsed.quiet) writeErr(`netcfg: ${baselineLine(baseline)}\n`);
  const out = formatReport(report, parsed, problems.unreadable, baseline);
  const status = problems.unreadable > 0 ? 2 : reportFails(report, parsed.failLevel) ? 1 : 0;
  return writeReport(out, status);
}

/** The report in the format asked for. */
function formatReport(report: JsonReport, opts: Options, unreadable: number, baseline: BaselineSummary | undefined): string {
  switch (opts.format) {
    case 'json':
      return JSON.stringify(report, null, 2) + '\n';
    case 'sarif':
      return JSON.stringify(formatSarif(report), null, 2) + '\n';
    case 'gitlab':
      return formatGitlab(report);
    case 'junit':
      return formatJunit(report, opts.failLevel);
    case 'github':
      return formatGithub(report, { failLevel: opts.failLevel, quiet: opts.quiet });
    case 'text':
      return formatText(report, unreadable, baseline, opts);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// netcfg graph: the topology (devices, links, verdicts) as JSON, DOT, Mermaid or SVG (laid out by elkjs).

const GRAPH_USAGE = `Usage: netcfg graph [options] [paths...]

Prints the devices of the configs and the links between them (IPsec tunnels, GRE/DMVPN, OSPF adjacencies,
L2TP, external peers of netcfg.yaml), each with its verdict (ok, error, warning, unknown-peer) and findings.

Options:
  --format json|dot|mermaid|svg   output format (default: json); svg is laid out by elkjs, no browser needed
  --dialect <id>                  dialect of files whose dialect cannot be told
  -h, --help                      show this help

Exit status: 0 the graph was printed, 2 usage error or a path that could not be read.
`;

type GraphFormat = 'json' | 'dot' | 'mermaid' | 'svg';

const GRAPH_OPTIONS: OptionSpec = {
  format: { type: 'string' },
  dialect: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

function parseGraphArgs(argv: string[]): { format: GraphFormat; paths: string[]; settings: Partial<ServiceSettings> } | 'help' {
  const { values, positionals } = parseCommandLine(argv, GRAPH_OPTIONS, 'netcfg graph');
  if (values.help) return 'help';
  const res = { format: 'json' as GraphFormat, paths: [...positionals], settings: {} as Partial<ServiceSettings> };
  const format = lastString(values, 'format');
  if (format !== undefined) {
    if (format !== 'json' && format !== 'dot' && format !== 'mermaid' && format !== 'svg') throw new UsageError(`invalid --format '${format}' (expected json, dot, mermaid or svg)`);
    res.format = format;
  }
  parseSettingOptions(values, res.settings);
  if (res.paths.length === 0) res.paths.push('.');
  return res;
}

/** The topology with every file URI replaced by its path relative to the working directory (version 1 contract). */
function graphJson(t: Topology, display: Map<string, string>): unknown {
  const rel = (uri: string) => {
    const hash = uri.indexOf('#');
    const file = hash < 0 ? uri : uri.slice(0, hash);
    const shown = display.get(file);
    return shown === undefined ? uri : shown + (hash < 0 ? '' : uri.slice(hash));
  };
  const where = (l: TopologyLocation | undefined) => (l ? { file: rel(l.uri), line: l.range.start.line + 1, column: l.range.start.character + 1, endLine: l.range.end.line + 1, endColumn: l.range.end.character + 1 } : undefined);
  const end = (e: TopologyLink['a']) => ({ device: rel(e.device), label: e.label, ...(e.role ? { role: e.role } : {}), ...(e.location ? { location: where(e.location) } : {}) });
  return {
    version: 1,
    devices: t.devices.map((d) => ({ id: rel(d.id), name: d.name, dialect: d.dialect, ...(d.location ? { location: where(d.location) } : {}) })),
    links: t.links.map((l) => ({
      id: `${l.kind}|${rel(l.a.device)}|${rel(l.b.device)}|${l.id.slice(l.id.lastIndexOf('|') + 1)}`,
      kind: l.kind,
      a: end(l.a),
      b: end(l.b),
      ...(l.area !== undefined ? { area: l.area } : {}),
      verdict: l.verdict,
      findings: l.findings.map((f) => ({ code: f.code, severity: f.severity, message: f.message, location: where(f.location) })),
    })),
  };
}

/**
 * elkjs (1.5 MB) is its own bundle, `server/out/elk.js`, loaded only when an SVG is drawn: bundled into cli.js it
 * doubled the start-up time of every `netcfg check`. From the sources (tests under tsx) it is the package itself.
 */
function loadElk(): typeof ELKType {
  const bundled = path.join(__dirname, 'elk.js');
  const id = fs.existsSync(bundled) ? bundled : 'elkjs/lib/elk.bundled.js';
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require(id) as typeof ELKType | { default: typeof ELKType };
  return 'default' in m ? m.default : m;
}

/** Lays a topology out with elkjs (in this process) and draws it. */
async function graphSvg(t: Topology): Promise<string> {
  const ELK = loadElk();
  const elk = new ELK();
  const res = await elk.layout(elkGraph(t) as Parameters<typeof elk.layout>[0]);
  return renderSvg(t, layoutFromElk(t, res as ElkNode));
}

async function runGraph(argv: string[]): Promise<number> {
  const parsed = parseGraphArgs(argv);
  if (parsed === 'help') return writeReport(GRAPH_USAGE, 0);
  const maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  const problems = new Problems();
  const collected = await collectFiles(parsed.paths, maxFileSize, problems);
  if (collected.usable === 0 && problems.unreadable > 0) return 2;
  const service = createLanguageService({ ...parsed.settings, batch: true });
  setInternalErrorHandler((err) => writeErr(`netcfg: internal error in a check: ${err instanceof Error ? err.message : String(err)}\n`));
  const display = new Map<string, string>();
  const inputs = [...collected.projectFiles.map((p) => ({ abs: p, uri: pathToFileURL(p).href, display: displayPath(p), size: 0 })), ...collected.files];
  for (const f of inputs) {
    const input = readInput(f, maxFileSize, problems);
    if (!input) continue;
    service.setDocument(f.uri, input.text, 1, undefined, input.read.ok ? undefined : input.read.skip);
    display.set(f.uri, f.display);
  }
  const topology = getTopology(service);
  const out =
    parsed.format === 'dot'
      ? renderDot(topology)
      : parsed.format === 'mermaid'
        ? renderMermaid(topology)
        : parsed.format === 'svg'
          ? await graphSvg(topology)
          : JSON.stringify(graphJson(topology, display), null, 2) + '\n';
  return writeReport(out, problems.unreadable > 0 ? 2 : 0);
}

/**
 * Ends the process once stderr has taken what was written to it (stdout is already written: `writeReport` waits for
 * its callback). Leaving by the end of the event loop instead tears the whole heap down first, 0.1-0.2 s of a 1M-line
 * check spent freeing what exiting frees anyway (docs/performance.md, branch fleet-after's section).
 */
function exitWhenFlushed(code: number): void {
  try {
    process.stderr.write('', () => process.exit(code));
  } catch {
    process.exit(code);
  }
}

// Write errors are handled where stdout is written (writeOut); without a listener they would be thrown.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    exitWhenFlushed(code);
  },
  (err: unknown) => {
    if (err instanceof UsageError) writeErr(`netcfg: ${err.message}\n`);
    else if (err instanceof OutputError) writeErr(`netcfg: cannot write the report: ${err.message}\n`);
    else writeErr(`netcfg: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
