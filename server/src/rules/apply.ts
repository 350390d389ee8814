// Applies the rule settings to the findings of one document, in one place for the editor and the CLI: severity
// overrides (`off` removes), inline `netcfg-ignore` comments and netcfg.yaml `ignore:` entries (which mark findings
// `suppressed` rather than drop them), the editor's baseline (`baselined`), plus `suppression/unused` and
// `suppression/unknown-code` for the document's own ignore comments. Called by the service at the end of
// getFindings. Pure: no LSP, no IO; never mutates a finding (cached findings are shared).

import type * as model from '../model';
import type { TextRange } from '../syntax';
import { matchGlob, pathUnder, type WorkspaceConfig } from '../workspace-config';
import { baseNameOf, fingerprint, sortedSecrets, statementText, type FingerprintSource } from './fingerprint';
import { findInlineIgnores, IGNORE_MARKER, lineOf, type InlineIgnore } from './inline';
import type { CompiledPolicy } from './policies';
import { isKnownSelector, selects, type RuleSeverity } from './registry';
import { resolveSeverity, type RuleMap } from './severity';

/** Settings the rules read (part of the service's settings). */
export interface RuleSettings {
  /** User-level rule settings: the CLI's `--rule` or the editor's `netcfg.rules`; override netcfg.yaml `rules:`. */
  rules?: RuleMap;
  /** Fingerprints recorded in the editor's baseline file: matching findings are marked `baselined`. */
  baseline?: ReadonlySet<string>;
  /** `netcfg.baseline.show`: the editor shows baselined findings as hints (default) or hides them. */
  baselineShow?: 'hint' | 'hide';
}

/** What the rules need from the service: documents, devices (by uri, external peers too) and settings. */
export interface RulesHost {
  readonly settings: RuleSettings;
  getDocument(uri: string): { uri: string; text: string; lineStarts: number[]; dialect?: model.DialectId } | undefined;
  getDevice(uri: string): model.Device | undefined;
}

/** A netcfg.yaml as the service holds it, keyed by its uri. */
export type ConfigsByUri = ReadonlyMap<string, { config: WorkspaceConfig }>;

/** The netcfg.yaml governing a file: the nearest one, i.e. the deepest folder holding it. */
export function governingConfig(configs: ConfigsByUri, uri: string): { uri: string; config: WorkspaceConfig } | undefined {
  let best: { uri: string; config: WorkspaceConfig } | undefined;
  let bestDepth = -1;
  for (const [yamlUri, ws] of configs) {
    if (pathUnder(yamlUri, uri) === undefined && yamlUri !== uri) continue;
    const depth = yamlUri.split('/').length;
    if (depth > bestDepth) {
      best = { uri: yamlUri, config: ws.config };
      bestDepth = depth;
    }
  }
  return best;
}

/**
 * The policies that apply to a file: those of every netcfg.yaml whose folder holds it, the nearest file's first;
 * a policy id a nearer file defines hides a farther file's policy of the same id. (Rule settings and ignores come
 * from the nearest file only; policies cascade so that a fleet-wide policy file still covers a folder that has a
 * netcfg.yaml of its own for its external peers.)
 */
export function policiesFor(configs: ConfigsByUri, uri: string): { policies: CompiledPolicy[]; ids: Set<string> } {
  const holding: { depth: number; config: WorkspaceConfig }[] = [];
  for (const [yamlUri, ws] of configs) if (ws.config.policyIds.size && pathUnder(yamlUri, uri) !== undefined) holding.push({ depth: yamlUri.split('/').length, config: ws.config });
  if (holding.length === 0) return NO_POLICIES;
  if (holding.length === 1) return { policies: holding[0].config.policies, ids: holding[0].config.policyIds };
  holding.sort((a, b) => b.depth - a.depth);
  const ids = new Set<string>();
  const policies: CompiledPolicy[] = [];
  for (const h of holding) {
    for (const p of h.config.policies) if (!ids.has(p.id)) policies.push(p);
    for (const id of h.config.policyIds) ids.add(id);
  }
  return { policies, ids };
}
const NO_POLICIES = { policies: [], ids: new Set<string>() };

/** The `rules:` of a netcfg.yaml as a rule layer (cached per config object). */
export function yamlRuleLayer(config: WorkspaceConfig | undefined): RuleMap | undefined {
  if (!config || config.rules.length === 0) return undefined;
  let layer = layerCache.get(config);
  if (!layer) {
    const map: Record<string, RuleSeverity> = Object.create(null);
    for (const r of config.rules) map[r.selector.value] = r.severity.value;
    layerCache.set(config, (layer = map));
  }
  return layer;
}
const layerCache = new WeakMap<WorkspaceConfig, RuleMap>();

const inlineCache = new WeakMap<object, InlineIgnore[]>();
const inlineIndexCache = new WeakMap<InlineIgnore[], { byLine: Map<number, number[]>; first: Int32Array }>();

/**
 * The ignores of a document by line (so that a finding finds its ignores in O(1)), and where each ignore's
 * selectors start in a flat array (`first[i] + j`: selector j of ignore i). Cached with the ignores.
 */
function inlineIndexOf(inline: InlineIgnore[]): { byLine: Map<number, number[]>; first: Int32Array } {
  let res = inlineIndexCache.get(inline);
  if (res) return res;
  const byLine = new Map<number, number[]>();
  const first = new Int32Array(inline.length + 1);
  for (let i = 0; i < inline.length; i++) {
    const ig = inline[i];
    first[i + 1] = first[i] + ig.selectors.length;
    for (let l = ig.fromLine; l <= ig.toLine; l++) {
      const list = byLine.get(l);
      if (list) list.push(i);
      else byLine.set(l, [i]);
    }
  }
  inlineIndexCache.set(inline, (res = { byLine, first }));
  return res;
}

/** The inline ignores of a document state (cached per state object: a new text is a new state). */
export function inlineIgnoresOf(doc: { text: string; lineStarts: number[]; dialect?: model.DialectId }): InlineIgnore[] {
  // No marker, no ignores (and the line starts, computed on first use in batch mode, are not needed).
  if (!doc.dialect || !doc.text.includes(IGNORE_MARKER)) return [];
  let res = inlineCache.get(doc);
  if (!res) inlineCache.set(doc, (res = findInlineIgnores(doc.text, doc.dialect, doc.lineStarts)));
  return res;
}

/** The fingerprint of a finding, computed from the service's documents and devices (see rules/fingerprint.ts). */
export function findingFingerprint(host: RulesHost, finding: model.Finding): string | undefined {
  const cached = fpCache.get(finding);
  if (cached) return cached;
  const src = fingerprintSource(host, finding.uri);
  if (!src) return undefined;
  // Per document version: one statement text per line, one fingerprint per code, line and peer (findings with all
  // three equal have the same fingerprint by design). A line of 75,000 characters with 1,000 findings on it was
  // normalised and hashed 1,000 times (fuzz: seconds for one code-action request).
  const memo = statementMemo(src);
  const line = lineOf(src.lineStarts, Math.min(finding.range.start, src.text.length));
  const peer = peerName(host, finding);
  const key = `${finding.code}\u0000${line}\u0000${peer ?? ''}`;
  let fp = memo.fingerprints.get(key);
  if (fp === undefined) {
    let statement = memo.statements.get(line);
    if (statement === undefined) memo.statements.set(line, (statement = statementText(src, finding.range.start)));
    memo.fingerprints.set(key, (fp = fingerprint(finding.code, src.device, statement, peer)));
  }
  fpCache.set(finding, fp);
  return fp;
}
const fpCache = new WeakMap<model.Finding, string>();

/** Statement texts and fingerprints of one document version, for one device (its secrets are masked in them). */
interface StatementMemo {
  secrets: readonly TextRange[];
  device: string;
  statements: Map<number, string>;
  fingerprints: Map<string, string>;
}
const statementMemos = new WeakMap<object, StatementMemo>();

function statementMemo(src: FingerprintSource & { doc: object }): StatementMemo {
  let memo = statementMemos.get(src.doc);
  if (!memo || memo.secrets !== src.secrets || memo.device !== src.device) {
    memo = { secrets: src.secrets, device: src.device, statements: new Map(), fingerprints: new Map() };
    statementMemos.set(src.doc, memo);
  }
  return memo;
}
const secretsCache = new WeakMap<model.Device, TextRange[]>();

function fingerprintSource(host: RulesHost, uri: string): (FingerprintSource & { doc: object }) | undefined {
  // An external peer of netcfg.yaml (`<yaml>#<name>`) has its ranges in the yaml document.
  const hash = uri.indexOf('#');
  const doc = host.getDocument(uri) ?? (hash > 0 ? host.getDocument(uri.slice(0, hash)) : undefined);
  if (!doc) return undefined;
  const device = host.getDevice(uri);
  let secrets = device ? secretsCache.get(device) : [];
  if (!secrets) secretsCache.set(device!, (secrets = sortedSecrets(device)));
  return { doc, text: doc.text, lineStarts: doc.lineStarts, dialect: doc.dialect, device: device?.name || baseNameOf(uri), secrets };
}

/** The device name of the first related location on another document: the peer of a cross-file finding. */
function peerName(host: RulesHost, finding: model.Finding): string | undefined {
  for (const r of finding.related) if (r.uri !== finding.uri) return host.getDevice(r.uri)?.name || baseNameOf(r.uri);
  return undefined;
}

/**
 * The findings of `uri` with the rules applied: each gets the severity the layers give its code (dropped when
 * `off`), and is marked `suppressed` by an inline ignore on its statement or a matching `ignore:` entry of the
 * governing netcfg.yaml, `baselined` when the editor's baseline records it. Ignore comments that name an unknown
 * code or suppress nothing are reported on the document.
 */
export function applyRules(host: RulesHost, uri: string, findings: readonly model.Finding[], configs: ConfigsByUri): model.Finding[] {
  const governing = governingConfig(configs, uri);
  const layers = [host.settings.rules, yamlRuleLayer(governing?.config)];
  const doc = host.getDocument(uri);
  const inline = doc ? inlineIgnoresOf(doc) : [];
  const ignores = governing?.config.ignore ?? [];
  const baseline = host.settings.baseline?.size ? host.settings.baseline : undefined;
  if (!layers[0] && !layers[1] && inline.length === 0 && ignores.length === 0 && !baseline) return findings as model.Finding[];

  const { byLine, first } = inlineIndexOf(inline);
  const used = new Uint8Array(first[inline.length]);
  const relPath = governing ? pathUnder(governing.uri, uri) : undefined;
  const deviceName = ignores.some((e) => e.device) ? host.getDevice(uri)?.name : undefined;

  const res: model.Finding[] = [];
  for (const f of findings) {
    const sev = resolveSeverity(f.code, layers);
    if (sev === 'off') continue;
    let out = sev && sev !== f.severity ? { ...f, severity: sev } : f;
    let suppressed: model.Finding['suppressed'];
    const onLine = doc && byLine.size && f.uri === uri ? byLine.get(lineOf(doc.lineStarts, f.range.start)) : undefined;
    if (onLine)
      for (const i of onLine) {
        const ig = inline[i];
        for (let j = 0; j < ig.selectors.length; j++) {
          if (!selects(ig.selectors[j].value, f.code)) continue;
          used[first[i] + j] = 1;
          suppressed ??= { kind: 'inSource', justification: ig.reason };
        }
      }
    if (!suppressed)
      for (const e of ignores) {
        if (!selects(e.code.value, f.code)) continue;
        if (e.files && (relPath === undefined || !matchGlob(e.files.value, relPath))) continue;
        if (e.device && e.device.value !== deviceName) continue;
        if (e.fingerprint && e.fingerprint.value !== findingFingerprint(host, f)) continue;
        suppressed = { kind: 'external', justification: e.reason?.value };
        break;
      }
    if (suppressed) out = { ...out, suppressed };
    else if (baseline) {
      const fp = findingFingerprint(host, f);
      if (fp && baseline.has(fp)) out = { ...out, baselined: true };
    }
    res.push(out);
  }

  // The document's own ignore comments.
  const report = (x: model.Finding) => {
    const sev = resolveSeverity(x.code, layers);
    if (sev !== 'off') res.push(sev ? { ...x, severity: sev } : x);
  };
  const policyIds = inline.length ? policiesFor(configs, uri).ids : undefined;
  for (let i = 0; i < inline.length; i++) {
    const ig = inline[i];
    if (ig.selectors.length === 0) report(finding(uri, ig.range, 'suppression/unknown-code', 'This netcfg-ignore comment names no diagnostic code (`netcfg-ignore CODE[,CODE…] [-- reason]`)'));
    for (let j = 0; j < ig.selectors.length; j++) {
      const s = ig.selectors[j];
      if (!isKnownSelector(s.value, policyIds)) report(finding(uri, s.range, 'suppression/unknown-code', `'${s.value}' is not a netcfg diagnostic code (see \`netcfg rules\`): this ignore has no effect`));
      else if (!used[first[i] + j]) report({ ...finding(uri, s.range, 'suppression/unused', `netcfg-ignore ${s.value} suppresses nothing on the statement it applies to`), tags: ['unnecessary'] });
    }
  }
  return res;
}

function finding(uri: string, range: TextRange, code: 'suppression/unused' | 'suppression/unknown-code', message: string): model.Finding {
  return { uri, range, severity: code === 'suppression/unused' ? 'hint' : 'warning', code, message, related: [], fixes: [] };
}

/**
 * What the editor shows of a document's findings: suppressed ones never; baselined ones as hints, or not at all
 * with `netcfg.baseline.show: hide`.
 */
export function visibleFindings(findings: readonly model.Finding[], baselineShow: 'hint' | 'hide' = 'hint'): model.Finding[] {
  const res: model.Finding[] = [];
  for (const f of findings) {
    if (f.suppressed) continue;
    if (f.baselined) {
      if (baselineShow === 'hint') res.push({ ...f, severity: 'hint' });
      continue;
    }
    res.push(f);
  }
  return res;
}
