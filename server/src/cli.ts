// CLI entry: `netcfg check [paths…]` runs the same language service as the editor over files on disk and prints
// text, JSON (a stable contract, version 1) or SARIF 2.1.0. Exit 0: no error; 1: an error-severity diagnostic;
// 2: usage error, or a path that could not be read (named on stderr; everything else is still checked and
// reported, so CI never passes on a partial read). Imports no LSP module: host/ does the file-system work.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as sarif from 'sarif';
import pkg from '../../package.json';
import { installTestFaults } from './host/faults';
import { createLowerer, lowerFile } from './host/batch';
import { defaultJobs, lowerInWorkers, workerCount, type FileResult, type PoolFile, type WorkerInit } from './host/pool';
import { findProjectFile, isProjectNoise } from './host/project';
import { describeFileType, describeFsError, readConfigFileSync, type ReadResult } from './host/read';
import { fileIdentity, scanDirectory } from './host/scan';
import { parseBirdVersion, parseDialect, parseOpenbsdVersion, parseRouterosVersion, parseWeakCrypto } from './host/settings';
import type ELKType from 'elkjs/lib/elk.bundled.js';
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

const USAGE = `Usage: netcfg check [options] [paths...]
       netcfg rules [--format text|json] [--rule CODE=SEVERITY...] [path]

Checks router and firewall configs (Cisco IOS/ASA, MikroTik RouterOS, OpenBSD ipsec.conf, BIRD 2),
each file alone and across files (IPsec peers, OSPF neighbours, DMVPN, L2TP). Directories are searched
recursively; the default path is the current directory.

Options:
  --format text|json|sarif        output format (default: text)
  --min-severity error|warning|information|hint
                                  lowest severity reported (default: information)
  --dialect <id>                  dialect of files whose dialect cannot be told:
                                  cisco-ios, cisco-asa, routeros, openbsd-ipsec, bird
  --routeros-version 6|7          RouterOS major version (default: from the file)
  --openbsd-version X.Y           OpenBSD release targeted (default: ${DEFAULT_SETTINGS.openbsdVersion ?? 'current'})
  --bird-version X.Y[.Z]          BIRD release targeted (default: none, newer syntax is a warning)
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
  -h, --help                      show this help
  -v, --version                   show the version

Only regular files are read. A path that cannot be read is named on stderr and the others are still
checked; a FIFO, device or socket met while walking a directory is skipped with a warning.

Findings suppressed by a netcfg-ignore comment or a netcfg.yaml ignore: entry, and findings recorded in the
baseline, are kept in JSON and SARIF (marked) but not shown in text nor counted for the exit status.
'netcfg rules' lists every diagnostic code with its default and effective severity and its documentation.

Exit status: 0 no error-severity diagnostic, 1 at least one, 2 usage error or a path that could not be read.
`;

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

type Format = 'text' | 'json' | 'sarif';

interface Options {
  command: 'check' | 'rules';
  format: Format;
  minSeverity: Severity;
  /** Worker threads for reading, parsing and lowering (`--jobs`); undefined: none (in-process). */
  jobs?: number;
  paths: string[];
  settings: Partial<ServiceSettings>;
  /** `--rule CODE=SEVERITY`, in order (a later one wins). */
  rules: Record<string, RuleSeverity>;
  /** `--weak-crypto` (deprecated alias of `--rule ipsec/weak-crypto=…`). */
  weakCrypto?: RuleSeverity;
  baseline: BaselineOptions;
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

/** A usage or IO problem: printed as one `netcfg: …` line on stderr, exit 2. */
class UsageError extends Error {}

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const opts: Options = { command: 'check', format: 'text', minSeverity: 'information', paths: [], settings: {}, rules: Object.create(null), baseline: {} };
  const args = [...argv];
  if (args[0] === 'check') args.shift();
  else if (args[0] === 'rules') {
    args.shift();
    opts.command = 'rules';
  }
  else if (args[0] === undefined || (!args[0].startsWith('-') && args[0] !== 'help')) {
    if (args[0] !== undefined) throw new UsageError(`unknown command '${args[0]}' (try 'netcfg check --help')`);
    throw new UsageError(`missing command (try 'netcfg check --help')`);
  }
  let onlyPaths = false;
  while (args.length) {
    const arg = args.shift()!;
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      opts.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return 'help';
    if (arg === '-v' || arg === '--version') return 'version';
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = args.shift();
      if (v === undefined) throw new UsageError(`option '${name}' needs a value`);
      return v;
    };
    switch (name) {
      case '--format': {
        const v = takeValue();
        if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`invalid --format '${v}' (expected text, json or sarif)`);
        opts.format = v;
        break;
      }
      case '--min-severity': {
        const v = takeValue();
        if (!(v in SEVERITY_RANK)) throw new UsageError(`invalid --min-severity '${v}' (expected error, warning, information or hint)`);
        opts.minSeverity = v as Severity;
        break;
      }
      case '--dialect': {
        const v = takeValue();
        const d = parseDialect(v);
        if (!d) throw new UsageError(`invalid --dialect '${v}' (expected cisco-ios, cisco-asa, routeros, openbsd-ipsec or bird)`);
        opts.settings.dialect = d;
        break;
      }
      case '--routeros-version': {
        const v = takeValue();
        const n = parseRouterosVersion(v);
        if (!n) throw new UsageError(`invalid --routeros-version '${v}' (expected 6 or 7)`);
        opts.settings.routerosVersion = n;
        break;
      }
      case '--openbsd-version': {
        const v = takeValue();
        const s = parseOpenbsdVersion(v);
        if (!s) throw new UsageError(`invalid --openbsd-version '${v}' (expected a release such as 7.6)`);
        opts.settings.openbsdVersion = s;
        break;
      }
      case '--bird-version': {
        const v = takeValue();
        const b = parseBirdVersion(v);
        if (!b) throw new UsageError(`invalid --bird-version '${v}' (expected a release such as 2.0.12)`);
        opts.settings.birdVersion = b;
        break;
      }
      case '--weak-crypto': {
        const v = takeValue();
        const w = parseWeakCrypto(v);
        if (!w) throw new UsageError(`invalid --weak-crypto '${v}' (expected off, warning or error)`);
        opts.weakCrypto = w;
        break;
      }
      case '--jobs': {
        const v = takeValue();
        if (!/^[1-9][0-9]{0,3}$/.test(v.trim())) throw new UsageError(`invalid --jobs '${v}' (expected a number of threads from 1 to 9999)`);
        opts.jobs = Number(v.trim());
        break;
      }
      case '--rule':
      case '--baseline':
      case '--no-baseline':
      case '--write-baseline':
      case '--prune-baseline':
        parseRuleOption(name, arg, eq, args, opts, takeValue);
        break;
      default:
        throw new UsageError(`unknown option '${name}' (try 'netcfg check --help')`);
    }
  }
  if (opts.paths.length === 0) opts.paths.push('.');
  if (opts.command === 'rules' && opts.format === 'sarif') throw new UsageError(`'netcfg rules' prints text or json`);
  if (opts.weakCrypto) {
    writeErr(`netcfg: warning: --weak-crypto is deprecated; use --rule ipsec/weak-crypto=${opts.weakCrypto}\n`);
    if (!('ipsec/weak-crypto' in opts.rules)) opts.rules['ipsec/weak-crypto'] = opts.weakCrypto;
  }
  if (Object.keys(opts.rules).length) opts.settings.rules = opts.rules;
  return opts;
}

/** The options of rules and baselines (`--rule`, `--baseline`, `--no-baseline`, `--write-baseline`, `--prune-baseline`). */
function parseRuleOption(name: string, arg: string, eq: number, args: string[], opts: Options, takeValue: () => string): void {
  switch (name) {
    case '--rule': {
      const v = takeValue();
      const m = /^([^=]+)=(.*)$/.exec(v);
      const severity = m ? parseRuleSeverity(m[2].trim()) : undefined;
      if (!m || !severity) throw new UsageError(`invalid --rule '${v}' (expected CODE=off|hint|information|warning|error)`);
      const code = m[1].trim();
      // A workspace policy id (corp/…: outside netcfg's families) is checked against netcfg.yaml by `netcfg rules` only.
      if (!isKnownSelector(code) && (isBuiltinFamily(code) || !POLICY_ID.test(code.replace(/\/\*$/, '/x')))) throw new UsageError(`unknown diagnostic code '${code}' in --rule (see 'netcfg rules')`);
      opts.rules[code] = severity;
      break;
    }
    case '--baseline':
      opts.baseline.file = takeValue();
      break;
    case '--no-baseline':
      opts.baseline.disabled = true;
      break;
    case '--write-baseline':
      // The file is optional: `--write-baseline=FILE`, or a following argument that names a .json file.
      if (eq > 0) opts.baseline.write = arg.slice(eq + 1);
      else if (args[0] !== undefined && /\.json$/i.test(args[0])) opts.baseline.write = args.shift()!;
      else opts.baseline.write = true;
      break;
    case '--prune-baseline':
      opts.baseline.prune = true;
      break;
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

  skipped(display: string, reason: string): void {
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

/** A diagnostic of the JSON contract (1-based lines and columns, paths relative to the working directory). */
interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  code: string;
  message: string;
  related: { file: string; line: number; column: number; message: string }[];
  /** Selected by a netcfg-ignore comment or a netcfg.yaml `ignore:` entry: not shown in text, not counted. */
  suppressed?: true;
  suppression?: { kind: 'inSource' | 'external'; justification?: string };
  /** The finding's fingerprint (JSON and SARIF output, baselines). */
  fingerprint?: string;
  /** With a baseline: recorded in it (`unchanged`: not shown in text, not counted) or not (`new`). */
  baseline?: 'new' | 'unchanged';
}

interface JsonReport {
  version: 1;
  files: { path: string; dialect: string | null; device: string | null }[];
  diagnostics: JsonDiagnostic[];
}

/** Checks `files` (listed in the report) and `extra` (netcfg.yaml: diagnostics only, not listed as configs). */
function runCheck(service: LanguageService, files: InputFile[], extra: InputFile[], minSeverity: Severity, fingerprints: boolean): JsonReport {
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
  for (const f of [...files, ...extra]) {
    const doc = service.getDocument(f.uri);
    if (files.includes(f)) report.files.push({ path: f.display, dialect: doc?.dialect ?? null, device: (doc?.dialect && service.getDevice(f.uri)?.name) || null });
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

/** Whether a diagnostic is shown in text and counts for the exit status: not suppressed, not in the baseline. */
function counts(d: JsonDiagnostic): boolean {
  return !d.suppressed && d.baseline !== 'unchanged';
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

/** `netcfg rules`: every code with its default and effective severity (netcfg.yaml `rules:`, then `--rule`). */
function formatRules(opts: Options): string {
  const target = path.resolve(opts.paths[0] ?? '.');
  let dir = target;
  try {
    if (!fs.statSync(target).isDirectory()) dir = path.dirname(target);
  } catch {
    throw new UsageError(`cannot read '${opts.paths[0]}'`);
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
    const fromCli = resolveSeverity(r.code, [opts.settings.rules]);
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

function useColor(): boolean {
  return !!process.stdout.isTTY && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
}

function formatText(report: JsonReport, unreadable: number, baseline?: BaselineSummary): string {
  const color = useColor();
  const paint = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const sevColor: Record<Severity, string> = { error: '31;1', warning: '33;1', information: '36', hint: '2' };
  const lines: string[] = [];
  const shown = report.diagnostics.filter(counts);
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

// ---------------------------------------------------------------------------------------------------------------

/** Writing stdout failed: a closed pipe, a full disk. */
class OutputError extends Error {
  constructor(readonly errno: NodeJS.ErrnoException) {
    super(describeFsError(errno));
  }
}

/** Writes to stdout and waits until it is written; a write error rejects with an `OutputError`. */
function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(text, (err) => (err ? reject(new OutputError(err)) : resolve()));
  });
}

/** Writes to stderr; a closed stderr is ignored (there is nowhere left to complain). */
function writeErr(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    /* nowhere to report */
  }
}

/** Text of a file for the service: its text, or empty with the host's reason to skip it; undefined when unreadable. */
function readInput(file: InputFile, maxFileSize: number, problems: Problems): { text: string; read: ReadResult } | undefined {
  const read = readConfigFileSync(file.abs, { maxFileSize });
  if (read.ok) return { text: read.text, read };
  if (read.skip) return { text: '', read };
  problems.cannotRead(file.display, read.reason);
  return undefined;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === 'graph') return runGraph(argv.slice(1));
  const parsed = parseArgs(argv);
  if (parsed === 'help') {
    await writeOut(USAGE);
    return 0;
  }
  if (parsed === 'version') {
    await writeOut(`netcfg ${pkg.version}\n`);
    return 0;
  }
  if (parsed.command === 'rules') {
    await writeOut(formatRules(parsed));
    return 0;
  }
  const maxFileSize = DEFAULT_SETTINGS.maxFileSize;
  const problems = new Problems();
  const collected = await collectFiles(parsed.paths, maxFileSize, problems);
  // Nothing named could be used at all: the reasons are on stderr, there is no report to print.
  if (collected.usable === 0 && problems.unreadable > 0) return 2;
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
    const input = readInput(f, maxFileSize, problems);
    if (!input) return;
    service.setDocument(f.uri, input.text, 1, undefined, input.read.ok ? undefined : input.read.skip);
    files.push(f);
  };
  let bytes = 0;
  for (const f of collected.files) bytes += f.size;
  // In-process unless asked: on the project's 2-core machine `--jobs 2` (main thread + one worker) takes 1.12-1.2x
  // the CPU of one thread at 1M lines, which two cores do not win back (docs/performance.md).
  const threads = workerCount(parsed.jobs ?? 1, collected.files.length, bytes);
  if (threads === 0) for (const f of collected.files) inProcess(f);
  else {
    // Workers (and the main thread, one of the `--jobs` threads) read, lower and run each device's own checks;
    // the results enter the service in file order as `inProcess` would have put them (same order, same stderr
    // lines, same internal errors), so the report is the same byte for byte.
    const take = (i: number, r: FileResult) => {
      const f = collected.files[i];
      if (r.kind === 'inprocess') return inProcess(f);
      if (r.kind === 'unreadable') return problems.cannotRead(f.display, r.reason);
      if (r.kind === 'text') service.setDocument(f.uri, r.text, 1, undefined, r.skip);
      else service.setLowered(f.uri, r.text, 1, r.precomputed);
      files.push(f);
    };
    const init: WorkerInit = { settings: parsed.settings, maxFileSize, projects };
    const mainLowers = process.env.NETCFG_POOL_LOCAL !== '0'; // measurements: 0 = the main thread only receives
    const lowerer = mainLowers ? createLowerer(init) : undefined;
    const local = lowerer && ((file: PoolFile) => lowerFile(lowerer, file.uri, file.abs, maxFileSize));
    const stats = await lowerInWorkers(collected.files, local ? threads - 1 : threads, init, take, local);
    // For tests and measurements: proof that the workers ran, and whether any file fell back to the main thread.
    if (process.env.NETCFG_POOL_STATS) writeErr(`netcfg: pool: ${stats.workers} workers, ${stats.chunks} chunks, ${stats.redone} redone in-process, ${stats.notPlain} not plain, ${stats.local} on the main thread\n`);
  }
  const wantsBaseline = !!parsed.baseline.write || (!parsed.baseline.disabled && (!!parsed.baseline.file || fs.existsSync(defaultBaselineFile())));
  const report = runCheck(service, files, extra, parsed.minSeverity, parsed.format !== 'text' || wantsBaseline);
  const baseline = applyBaseline(report, parsed.baseline);
  if (baseline && parsed.format !== 'text') writeErr(`netcfg: ${baselineLine(baseline)}\n`);
  const out = parsed.format === 'json' ? JSON.stringify(report, null, 2) + '\n' : parsed.format === 'sarif' ? JSON.stringify(formatSarif(report), null, 2) + '\n' : formatText(report, problems.unreadable, baseline);
  const status = problems.unreadable > 0 ? 2 : report.diagnostics.some((d) => counts(d) && d.severity === 'error') ? 1 : 0;
  try {
    await writeOut(out);
  } catch (err) {
    // `netcfg check | head`: a reader that goes away early is not an error of ours (as with SIGPIPE in C tools,
    // nothing is printed); the status is the one the check had. Any other write error is one line and exit 2.
    if (err instanceof OutputError && err.errno.code === 'EPIPE') return status;
    throw err;
  }
  return status;
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

function parseGraphArgs(argv: string[]): { format: GraphFormat; paths: string[]; settings: Partial<ServiceSettings> } | 'help' {
  const res = { format: 'json' as GraphFormat, paths: [] as string[], settings: {} as Partial<ServiceSettings> };
  const args = [...argv];
  let onlyPaths = false;
  while (args.length) {
    const arg = args.shift()!;
    if (onlyPaths || !arg.startsWith('-') || arg === '-') {
      res.paths.push(arg);
      continue;
    }
    if (arg === '--') {
      onlyPaths = true;
      continue;
    }
    if (arg === '-h' || arg === '--help') return 'help';
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = () => {
      const v = eq > 0 ? arg.slice(eq + 1) : args.shift();
      if (v === undefined) throw new UsageError(`option '${name}' needs a value`);
      return v;
    };
    if (name === '--format') {
      const v = value();
      if (v !== 'json' && v !== 'dot' && v !== 'mermaid' && v !== 'svg') throw new UsageError(`invalid --format '${v}' (expected json, dot, mermaid or svg)`);
      res.format = v;
    } else if (name === '--dialect') {
      const v = value();
      const d = parseDialect(v);
      if (!d) throw new UsageError(`invalid --dialect '${v}' (expected cisco-ios, cisco-asa, routeros, openbsd-ipsec or bird)`);
      res.settings.dialect = d;
    } else throw new UsageError(`unknown option '${name}' (try 'netcfg graph --help')`);
  }
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
  if (parsed === 'help') {
    await writeOut(GRAPH_USAGE);
    return 0;
  }
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
  const status = problems.unreadable > 0 ? 2 : 0;
  try {
    await writeOut(out);
  } catch (err) {
    if (err instanceof OutputError && err.errno.code === 'EPIPE') return status;
    throw err;
  }
  return status;
}

// Write errors are handled where stdout is written (writeOut); without a listener they would be thrown.
process.stdout.on('error', () => undefined);
process.stderr.on('error', () => undefined);

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    if (err instanceof UsageError) writeErr(`netcfg: ${err.message}\n`);
    else if (err instanceof OutputError) writeErr(`netcfg: cannot write the report: ${err.message}\n`);
    else writeErr(`netcfg: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
