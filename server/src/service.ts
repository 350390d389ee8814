// The language service: a set of (uri, text, version) documents in, per-document findings out.
// Parses each document once per version, lowers it to the neutral model, indexes cross-file facts by address,
// and re-checks only the pairs an edit touches. Does no IO and imports nothing from vscode-languageserver:
// the LSP server and the CLI are its two hosts.

import { DEVICE_CHECKS, PAIR_CHECKS, WORKSPACE_CHECKS } from './analysis/registry';
import { crossFileInterfaces } from './analysis/crossfile';
import { ambiguousPeerFindings, PairIndex, pairKeys } from './analysis/pairing';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisContext, type AnalysisSettings } from './analysis/types';
import { lowerOrCrash } from './dialects/guard';
import { detectDialect, dialectById } from './dialects/registry';
import type { ChangedSpan, Dialect, DialectOptions, LowerResult, Relowered } from './dialects/types';
import { generatePeer, unpairedPeers, type GeneratedPeer, type GenerateOptions, type PeerCandidate } from './generate';
import * as model from './model';
import { applyRules, policiesFor, type RuleSettings } from './rules/apply';
import { policyFindings } from './rules/policies';
import { capDiagnostics, diffSpan, internalErrorDiagnostic, lineStarts, type ParseResult, type SyntaxDiagnostic, type TextRange } from './syntax';
export { diffSpan } from './syntax';
import { applyWorkspaceConfig, externalDevices, externalUri, isWorkspaceConfigUri, parseWorkspaceConfig, scopeMatches, scopesOf, type WorkspaceConfig } from './workspace-config';

/** Settings of the service; every field has a default (see `DEFAULT_SETTINGS`). */
export interface ServiceSettings extends AnalysisSettings, DialectOptions, RuleSettings {
  /** Dialect forced for files whose dialect cannot be told (`--dialect`, `netcfg.defaultDialect`). */
  dialect?: model.DialectId;
  /** Files larger than this many bytes are skipped with an information diagnostic (`netcfg.maxFileSize`). */
  maxFileSize: number;
  /**
   * Batch mode (the CLI): each document is checked once and never edited, so once its device is lowered the
   * tree and the quick-fix Setters are dropped (a Setter's closure keeps the whole tree alive). Findings carry no
   * fixes; a feature that needs the tree parses again. Keeps a million-line check to its models' memory.
   */
  batch?: boolean;
}

export const DEFAULT_SETTINGS: ServiceSettings = {
  ...DEFAULT_ANALYSIS_SETTINGS,
  maxFileSize: 10 * 1024 * 1024,
};

/**
 * A host's reason not to check a file it read (the service does no IO, so only the host can tell): binary
 * content, or a file over `maxFileSize` the host did not read. Reported as `code` at 0:0, information.
 */
export interface HostSkip {
  code: 'detect/binary-file' | 'detect/unknown-dialect';
  reason: string;
}

/**
 * A lowering computed by a host outside this service (see `LanguageService.setLowered`): plain data, no Setters,
 * made by `LanguageService.precompute` of a batch service holding the same netcfg.yaml documents and settings.
 */
export interface PrecomputedLowering {
  dialect: model.DialectId;
  /**
   * The workspace configuration is already applied. Unless the file is subject to workspace policies, only what
   * the cross-file work reads is kept (`forCrossFile`): the device's own findings come with it in `device`.
   */
  lowered: LowerResult;
  /** Internal errors the parse and lowering met (reported by `setLowered`, where `setDocument` would meet them). */
  errors: string[];
  /** The device's own findings (syntax, lowering, device checks), and the internal errors those checks met. */
  device: { findings: model.Finding[]; errors: string[] };
}

/**
 * One edit of a document's text, as LSP's incremental `contentChanges` give it but in UTF-16 offsets: `[start, end)`
 * of the text before this change is replaced by `text`. A list of them applies in order, each to the text the
 * previous ones made (as LSP applies them).
 */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export type { ChangedSpan } from './dialects/types';

/** One document as the service holds it. Parse and model are computed lazily, once per version. */
export interface DocumentState {
  uri: string;
  version: number;
  /**
   * Internal identity of this text, unique across the service's life. Caches key on it rather than on `version`,
   * because hosts may reuse versions (a file closed and reopened starts again at 1 with other content).
   */
  stamp: number;
  text: string;
  /** Dialect id forced by the editor's language mode, if any. */
  languageId?: string;
  dialect?: model.DialectId;
  /** Why the dialect is unknown, when it is. */
  skipReason?: string;
  /** Set by the host: the file is not checked (see `HostSkip`). */
  hostSkip?: HostSkip;
  parsed?: ParseResult<unknown>;
  lowered?: LowerResult;
  /**
   * Set for a closed file indexed off the main thread (`setIndexed`): its whole model as a worker lowered it, with no
   * Setters and no tree. `lowered` is this model until a feature needs more (`hydrate`: the file is parsed and
   * lowered again from its text, Setters and all), and is this model again once the hydration is dropped.
   */
  light?: LowerResult;
  /**
   * The device with the shared secrets of its folder's secrets stores attached (`model.attachSharedSecrets`), and
   * the stamps it was built from; `version` is a fresh stamp whenever they change (pair caches key on it).
   */
  effective?: { key: string; version: number; device: model.Device };
  lineStarts: number[];
  /**
   * What changed from the text this document replaced (`previousStamp`): the span, as `setDocument`'s changes give it
   * or found by comparing the texts. Absent for a new document, in batch mode, and for a document entered from a
   * precomputed lowering. Editor features may use it to update what they computed for the previous version.
   */
  change?: ChangedSpan & { previousStamp: number };
}

export interface LanguageService {
  /**
   * Adds or replaces a document. Returns the URIs whose findings may have changed (itself and old/new partners;
   * in batch mode only itself). `changes`, when the host knows them, are the edits that made `text` from the text
   * the service holds for `uri` (the LSP server passes the editor's incremental changes): a dialect that can re-parse
   * incrementally (`Dialect.reparse`) then re-parses only what changed. Without them, the changed span is found by
   * comparing both texts from both ends. Either way the results equal those of a full parse.
   */
  setDocument(uri: string, text: string, version: number, languageId?: string, skip?: HostSkip, changes?: readonly TextChange[]): Set<string>;
  /**
   * Batch mode only: `setDocument` with the dialect and lowering a host computed elsewhere (the CLI's worker
   * threads run the same `setDocument` path and hand the result over), so the service does not parse again.
   * The result is used only when the service resolves the text to the same dialect (else it lowers as usual);
   * netcfg.yaml overrides are applied here, as `setDocument` applies them. Outside batch mode it is `setDocument`.
   */
  setLowered(uri: string, text: string, version: number, precomputed: PrecomputedLowering): Set<string>;
  /**
   * Batch mode only: what `setLowered` takes, computed from `text` by this service (dialect detection, guarded parse
   * and lowering, this service's netcfg.yaml overrides, the device's own findings), without keeping the document.
   * Undefined when the text has no dialect (or outside batch mode). Internal errors are not reported but returned,
   * to be reported by the service that takes the result where it would have met them itself.
   */
  precompute(uri: string, text: string, options?: { whole?: boolean }): PrecomputedLowering | undefined;
  /**
   * Editor mode: a closed file's `precompute` result (made with `whole`, by a lowering service with this service's
   * settings and netcfg.yaml documents) entered as its model, so the file is not parsed here. Its findings are
   * those `setDocument` gives but for fixes; its tree and Setters are made again from `text` on first need (a
   * pair with a document that has Setters, whose quick fix may edit this file, kept from then on; its parse for
   * hover and the like, dropped again when more than `MAX_HYDRATED` such files hold theirs). Used only when the service resolves
   * the text to the same dialect (else it is `setDocument`); in batch mode it is `setLowered`.
   */
  setIndexed(uri: string, text: string, version: number, precomputed: PrecomputedLowering): Set<string>;
  /** Forgets a document. Returns the URIs whose findings may have changed. */
  removeDocument(uri: string): Set<string>;
  getDocument(uri: string): DocumentState | undefined;
  /** The parse of a document (cached per version), or undefined when its dialect is unknown. */
  getParse(uri: string): { dialect: Dialect<unknown>; parsed: ParseResult<unknown> } | undefined;
  /** The lowered device of a document (cached per version). */
  getDevice(uri: string): model.Device | undefined;
  /**
   * All findings of one document: syntax, lowering, device checks, its pairs, workspace checks, and
   * `pairing/ambiguous-peer` where a peer address is owned by several devices pairing cannot tell apart.
   * Identical findings (same range, code and message, e.g. one from each of two pairs) are merged into one.
   */
  getFindings(uri: string): model.Finding[];
  /** URIs of devices paired with this one. */
  partners(uri: string): string[];
  /**
   * Devices owning `address` (any text form) as seen from `from`: the owner pairing chooses for it, every fitting
   * owner when it cannot choose, `from` itself when it owns the address; all owners when `from` is omitted.
   */
  addressOwners(address: string, from?: string): string[];
  /** Devices whose findings an address may concern: its owners, the devices targeting it and their neighbourhoods. */
  addressNeighbourhood(address: string): string[];
  /** The pair checks' findings between two paired devices, on both ends (cached per pair of versions; unmerged). */
  pairFindings(uriA: string, uriB: string): model.Finding[];
  /** All documents with a known dialect. */
  uris(): string[];
  /** Every lowered device (forces lowering of every document). */
  devices(): model.Device[];
  updateSettings(settings: Partial<ServiceSettings>): void;
  /** Issue 19: the peer statements of `uri` whose other end no device in the workspace owns (generate/index.ts). */
  unpairedPeers(uri: string): PeerCandidate[];
  /** Issue 19: the config of the device at `peer`, generated from `uri`'s side; throws GenerateError (one line). */
  generatePeer(uri: string, peer: string, options: GenerateOptions): GeneratedPeer;
  readonly settings: ServiceSettings;
}

export function createLanguageService(initial: Partial<ServiceSettings> = {}): LanguageService {
  let settings: ServiceSettings = { ...DEFAULT_SETTINGS, ...initial };
  let generation = 0; // bumps on settings changes; invalidates every cached result
  const docs = new Map<string, DocumentState>();
  const index = new PairIndex();
  // Answers of the pair index per device, for its current state (`indexVersion` bumps at every `index.set`) (issue 16):
  // - `partners`: walking a device's pair keys costs tens of milliseconds for one with 20,000 IPsec peers, and an
  //   edit's diagnostics, then its first hover, completion and code lens all ask for the same partners;
  // - `ambiguities`: each `getFindings` asks (~9 ms for a device with 20,000 peers);
  // - `neighbourhood`: an edit's `setDocument` asks before and after it re-indexes, and a keystroke that kept the model
  //   keeps the pair keys, so the index and the answer stay (~10 ms per walk of 20,000 keys).
  let indexVersion = 0;
  const perIndexState = <T>(compute: (uri: string) => T): ((uri: string) => T) => {
    let version = -1;
    const memo = new Map<string, T>();
    return (uri) => {
      if (version !== indexVersion) {
        memo.clear();
        version = indexVersion;
      }
      let res = memo.get(uri);
      if (res === undefined) memo.set(uri, (res = compute(uri)));
      return res;
    };
  };
  const partnersOf = perIndexState((uri): ReadonlySet<string> => index.partners(uri));
  const ambiguitiesOf = perIndexState((uri) => index.ambiguities(uri));
  const neighbourhoodOf = perIndexState((uri): ReadonlySet<string> => index.neighbourhood(uri));
  /** The last `getFindings` result of each document and the state it was computed in (not in batch mode). */
  const findingsCache = new Map<string, { key: string; findings: model.Finding[] }>();
  const pairCache = new Map<string, { va: number; vb: number; gen: number; findings: model.Finding[] }>();
  // `replay`: internal errors a precomputed device's checks met elsewhere, reported on first use as if met here.
  // `moves`: what the next version may move the device checks' findings from (`MovableFindings`), when they met none.
  const deviceCache = new Map<string, { version: number; gen: number; findings: model.Finding[]; replay?: string[]; moves?: MovableFindings }>();
  let workspaceCache: { key: string; byUri: Map<string, model.Finding[]> } | undefined;
  let workspaceEpoch = 0; // bumps on any document change
  // netcfg.yaml documents: parsed config, its diagnostics, and its external peers by synthetic uri `<yaml>#<name>`.
  let stampCounter = 0;
  const wsConfigs = new Map<string, { stamp: number; config: WorkspaceConfig; diagnostics: SyntaxDiagnostic[]; externals: Map<string, model.Device> }>();

  const ctx = (): AnalysisContext => ({ settings });
  // strongSwan documents by folder: secrets stores (ipsec.secrets) serve the connections of their folder.
  const swanByFolder = new Map<string, Set<string>>();

  function folderOf(uri: string): string {
    const i = uri.lastIndexOf('/');
    return i >= 0 ? uri.slice(0, i) : '';
  }

  function trackSwan(uri: string, dialect: model.DialectId | undefined): void {
    const folder = folderOf(uri);
    const set = swanByFolder.get(folder);
    if (dialect === 'strongswan') {
      if (set) set.add(uri);
      else swanByFolder.set(folder, new Set([uri]));
    } else if (set) {
      set.delete(uri);
      if (set.size === 0) swanByFolder.delete(folder);
    }
  }

  /** The other strongSwan documents of a document's folder (secrets stores and the connections they serve). */
  function swanSiblings(uri: string): string[] {
    const set = swanByFolder.get(folderOf(uri));
    return set ? [...set].filter((u) => u !== uri) : [];
  }

  /**
   * A document's device as the checks see it: for a strongSwan connection file, with the keys of its folder's
   * secrets stores attached (ARCHITECTURE.md, "Secrets stores"); otherwise the lowered device itself.
   */
  function effective(doc: DocumentState): { version: number; device: model.Device } | undefined {
    const low = lowered(doc);
    if (!low) return undefined;
    if (doc.dialect !== 'strongswan' || !low.device.ipsecPeers.some((p) => p.secretIds)) return { version: doc.stamp, device: low.device };
    const stores: model.Device[] = [];
    let key = `${doc.stamp}:${generation}`;
    for (const u of swanSiblings(doc.uri)) {
      const other = docs.get(u);
      const dev = other && lowered(other)?.device;
      if (!dev?.sharedSecrets) continue;
      stores.push(dev);
      key += `,${other!.stamp}`;
    }
    if (doc.effective?.key !== key) doc.effective = { key, version: ++stampCounter, device: model.attachSharedSecrets(low.device, stores) };
    return { version: doc.effective.version, device: doc.effective.device };
  }

  function dialectOptions(): DialectOptions {
    return { routerosVersion: settings.routerosVersion, openbsdVersion: settings.openbsdVersion, reportUnknownCommands: settings.reportUnknownCommands, birdVersion: settings.birdVersion, swanFlavour: settings.swanFlavour, editing: settings.batch !== true };
  }

  function resolve(doc: DocumentState): void {
    if (isWorkspaceConfigUri(doc.uri)) {
      doc.dialect = undefined;
      doc.skipReason = 'netcfg.yaml is the workspace configuration, not a device config';
      return;
    }
    if (doc.hostSkip) {
      doc.dialect = undefined;
      doc.skipReason = doc.hostSkip.reason;
      return;
    }
    const override = model.dialectOfLanguageId(doc.languageId);
    if (doc.text.length > settings.maxFileSize) {
      doc.dialect = undefined;
      doc.skipReason = `file is larger than netcfg.maxFileSize (${settings.maxFileSize} bytes)`;
      return;
    }
    const det = detectDialect(doc.uri, doc.text, override);
    const chosen = det.dialect ?? (det.reason.startsWith('content') ? settings.dialect : undefined);
    doc.dialect = chosen;
    doc.skipReason = chosen ? undefined : det.reason;
  }

  function lowered(doc: DocumentState): LowerResult | undefined {
    if (!doc.dialect) return undefined;
    if (!doc.lowered) {
      const dialect = dialectById(doc.dialect);
      const parsed = parseOf(doc)!;
      // Batch mode drops every Setter: a dialect that honours `setters: false` makes none (issue 16).
      const previous = previousLowering.get(doc);
      previousLowering.delete(doc);
      const options = settings.batch ? { ...dialectOptions(), setters: false } : dialectOptions();
      const kept = previous && relowerGuarded(dialect, previous, parsed, doc.uri, options);
      if (kept) kepts.set(doc, kept);
      else kepts.delete(doc);
      doc.lowered = kept ? kept.lowered : lowerGuarded(dialect, parsed, doc.uri, options);
      for (const ws of wsConfigs.values()) applyWorkspaceConfig(ws.config, doc.lowered.device);
      if (settings.batch) {
        doc.parsed = undefined;
        if (!doc.lowered.settersDropped) model.dropSetters(doc.lowered);
      }
    }
    return doc.lowered;
  }

  function parseOf(doc: DocumentState): ParseResult<unknown> | undefined {
    if (!doc.dialect) return undefined;
    if (!doc.parsed) {
      const dialect = dialectById(doc.dialect);
      const previous = previousParse.get(doc);
      previousParse.delete(doc);
      const options = dialectOptions();
      doc.parsed = (previous && doc.change && reparseGuarded(dialect, previous, doc.change, doc.text, options)) || parseGuarded(dialect, doc.text, options);
      if (doc.light) keepHydrated(doc);
    }
    return doc.parsed;
  }

  /**
   * The parse of a document's previous text, kept for its next parse only when the dialect can re-parse from it
   * (`Dialect.reparse`); taken (and dropped) by the first `parseOf` of the new text.
   */
  const previousParse = new WeakMap<DocumentState, ParseResult<unknown>>();
  /**
   * The lowering of a document's previous text, kept for its next lowering when the dialect may keep it across the
   * edit (`Dialect.relower`); taken (and dropped) by the first `lowered` of the new text.
   */
  const previousLowering = new WeakMap<DocumentState, LowerResult>();
  /** Documents whose lowering was kept from the previous text's (`Dialect.relower`), with where its offsets went. */
  const kepts = new WeakMap<DocumentState, Relowered>();

  // Files entered by `setIndexed` whose tree was made again for a request (hover, navigation), oldest first; past
  // `MAX_HYDRATED`, the oldest drops it. A file given its Setters back (`hydrate`: the other end of a pair with an
  // open document, whose fixes may edit it) is not in this set and keeps them, as in-process indexing keeps every
  // file's: dropping them would give its model a new version, miss the pair cache at the open document's next edit
  // and lower the file again (a hub open with hundreds of closed spokes would lower them all on every keystroke).
  const hydrated = new Set<string>();

  function keepHydrated(doc: DocumentState): void {
    hydrated.delete(doc.uri);
    hydrated.add(doc.uri);
    if (hydrated.size <= MAX_HYDRATED) return;
    const oldest = hydrated.values().next().value as string;
    hydrated.delete(oldest);
    const d = docs.get(oldest);
    if (d?.light && d.lowered === d.light) d.parsed = undefined;
  }

  /** A `setIndexed` file's model with its Setters: lowered again from its text (the same model, plus Setters). */
  function hydrate(doc: DocumentState): void {
    if (!doc.light || doc.lowered !== doc.light || !doc.dialect) return;
    doc.lowered = lowerGuarded(dialectById(doc.dialect), parseOf(doc)!, doc.uri, dialectOptions());
    for (const ws of wsConfigs.values()) applyWorkspaceConfig(ws.config, doc.lowered.device);
    doc.effective = undefined;
    hydrated.delete(doc.uri);
  }

  /** Whether a document's model is a `setIndexed` one without Setters. */
  function isLight(uri: string): boolean {
    const doc = docs.get(uri);
    return !!doc?.light && doc.lowered === doc.light;
  }

  function reindex(doc: DocumentState): void {
    const low = lowered(doc);
    // A kept lowering has the previous model's values: its pair keys, which the index holds, are the same.
    if (kepts.get(doc)?.lowered === low && index.keysOf(doc.uri)) return;
    index.set(doc.uri, low ? pairKeys(low.device, scopesOfDocument(doc.uri)) : undefined);
    indexVersion++;
  }

  /** The netcfg.yaml files with two scopes or more, whose `config/scope-overlap` findings depend on every file. */
  function scopingConfigs(): string[] {
    const res: string[] = [];
    for (const [yamlUri, ws] of wsConfigs) if (ws.config.networks.length > 1) res.push(yamlUri);
    return res;
  }

  /** The netcfg.yaml `networks:` scopes a document's file belongs to (every yaml's, keyed by yaml uri). */
  function scopesOfDocument(uri: string): string[] {
    const res: string[] = [];
    for (const [yamlUri, ws] of wsConfigs) for (const s of scopesOf(ws.config, yamlUri, uri)) res.push(s);
    return res;
  }

  function pairKey(a: string, b: string): [string, string, string] {
    return a < b ? [`${a}\u0000${b}`, a, b] : [`${b}\u0000${a}`, b, a];
  }

  /** A document's device, or an external peer of a netcfg.yaml (synthetic uri `<yaml>#<name>`, the yaml's version). */
  function endpoint(uri: string): { version: number; device?: model.Device } | undefined {
    const doc = docs.get(uri);
    if (doc && !wsConfigs.has(uri)) return effective(doc) ?? { version: doc.stamp, device: undefined };
    const hash = uri.lastIndexOf('#');
    const ws = hash > 0 ? wsConfigs.get(uri.slice(0, hash)) : undefined;
    const device = ws?.externals.get(uri);
    return ws && device ? { version: ws.stamp, device } : undefined;
  }

  /** Re-lowers every device config (netcfg.yaml overrides changed) and re-indexes it. */
  function relowerAll(): void {
    generation++;
    for (const doc of docs.values()) {
      doc.lowered = undefined;
      doc.light = undefined;
      reindex(doc);
    }
    hydrated.clear();
    workspaceEpoch++;
  }

  function setWorkspaceConfig(uri: string, text: string | undefined): Set<string> {
    const affected = new Set<string>([uri, ...docs.keys()]);
    const old = wsConfigs.get(uri);
    for (const synth of old?.externals.keys() ?? []) {
      for (const p of index.neighbourhood(synth)) affected.add(p);
      index.set(synth, undefined);
      indexVersion++;
    }
    wsConfigs.delete(uri);
    if (text !== undefined) {
      const { config, diagnostics } = parseWorkspaceConfig(text, uri);
      const externals = new Map<string, model.Device>();
      for (const d of externalDevices(config, uri)) externals.set(externalUri(uri, d.name), d);
      wsConfigs.set(uri, { stamp: ++stampCounter, config, diagnostics, externals });
    }
    relowerAll();
    for (const [synth, d] of wsConfigs.get(uri)?.externals ?? []) {
      index.set(synth, pairKeys(d));
      indexVersion++;
      for (const p of index.neighbourhood(synth)) affected.add(p);
    }
    affected.delete('');
    return new Set([...affected].filter((u) => docs.has(u) || u === uri));
  }

  function workspaceConfigFindings(uri: string): model.Finding[] {
    const ws = wsConfigs.get(uri)!;
    const res: model.Finding[] = ws.diagnostics.map((d) => ({ uri, range: d.range, severity: d.severity, code: d.code, message: d.message, related: [], fixes: [] }));
    for (const synth of ws.externals.keys()) {
      for (const p of index.partners(synth)) if (!p.startsWith(`${uri}#`)) for (const f of pairFindings(synth, p)) if (f.uri === uri) res.push(f);
    }
    for (const f of scopeOverlapFindings(uri, ws.config)) res.push(f);
    return mergeIdentical(res);
  }

  /**
   * `config/scope-overlap`: files that two `networks:` scopes of one netcfg.yaml both hold (they may pair with the
   * devices of either), one warning per glob that adds them to a second scope, naming the first few files.
   */
  function scopeOverlapFindings(yamlUri: string, config: WorkspaceConfig): model.Finding[] {
    if (config.networks.length < 2) return [];
    const byGlob = new Map<string, { range: model.Finding['range']; scope: string; earlier: Set<string>; files: string[] }>();
    for (const doc of docs.values()) {
      if (!doc.dialect) continue;
      const matches = scopeMatches(config, yamlUri, doc.uri);
      for (let i = 1; i < matches.length; i++) {
        const m = matches[i];
        const key = `${m.glob.range.start}:${m.glob.range.end}`;
        let entry = byGlob.get(key);
        if (!entry) byGlob.set(key, (entry = { range: m.glob.range, scope: m.scope.name.value, earlier: new Set(), files: [] }));
        for (let j = 0; j < i; j++) entry.earlier.add(matches[j].scope.name.value);
        entry.files.push(doc.uri.replace(/^.*[/\\]/, ''));
      }
    }
    return [...byGlob.values()].map((e) => ({
      uri: yamlUri,
      range: e.range,
      severity: 'warning' as const,
      code: 'config/scope-overlap',
      message: `This glob puts ${e.files.length === 1 ? 'a file' : `${e.files.length} files`} of scope ${[...e.earlier].join(', ')} into scope ${e.scope} too (${e.files.slice(0, 3).join(', ')}${e.files.length > 3 ? ` and ${e.files.length - 3} more` : ''}): such a file may pair with the devices of either scope`,
      related: [],
      fixes: [],
    }));
  }

  function pairFindings(uriA: string, uriB: string): model.Finding[] {
    const [key, first, second] = pairKey(uriA, uriB);
    const da = endpoint(first);
    const db = endpoint(second);
    if (!da || !db) return [];
    const cached = pairCache.get(key);
    if (cached && cached.va === da.version && cached.vb === db.version && cached.gen === generation) return cached.findings;
    // A document with Setters (open in the editor) may offer a fix on either end: the other end, if indexed off the
    // main thread, gets its Setters back first. Between two such files nobody asks for fixes.
    const lightA = isLight(first);
    const lightB = isLight(second);
    let la = da;
    let lb = db;
    if (lightA !== lightB && docs.has(first) && docs.has(second)) {
      hydrate(docs.get(lightA ? first : second)!);
      la = endpoint(first)!;
      lb = endpoint(second)!;
    }
    const findings: model.Finding[] = [];
    if (la.device && lb.device) for (const check of PAIR_CHECKS) for (const f of runSafely(() => check.check(la.device!, lb.device!, ctx()))) findings.push(f);
    pairCache.set(key, { va: la.version, vb: lb.version, gen: generation, findings });
    return findings;
  }

  function deviceFindings(doc: DocumentState): model.Finding[] {
    const eff = effective(doc);
    const version = eff?.version ?? doc.stamp;
    const cached = deviceCache.get(doc.uri);
    if (cached && cached.version === version && cached.gen === generation) {
      if (cached.replay) {
        for (const e of cached.replay) onInternalError(e);
        cached.replay = undefined;
      }
      return cached.findings;
    }
    // A model kept across the edit (`Dialect.relower`) has the previous values: the checks' findings are the
    // previous version's, moved where its offsets went (issue 16: the checks of a 20,000-peer file took ~175 ms).
    const kept = kepts.get(doc);
    const previous = cached?.moves && cached.gen === generation && kept && kept.lowered === doc.lowered && version === doc.stamp && cached.version === doc.change?.previousStamp ? cached.moves : undefined;
    if (previous) {
      const low = doc.lowered!;
      const findings = diagnosticFindings(doc.uri, low);
      const moved = moveFindings(previous, doc.uri, kept!.position, lineStartOf(doc.text, doc.change!.start));
      if (moved) {
        for (const f of moved.findings) findings.push(f);
        deviceCache.set(doc.uri, { version, gen: generation, findings, moves: moved });
        return findings;
      }
    }
    // Internal errors the checks meet are reported each time they run: findings that met one are not moved.
    let errors = 0;
    const saved = onInternalError;
    onInternalError = (err) => {
      errors++;
      saved(err);
    };
    let findings: model.Finding[];
    let checksFrom: number;
    try {
      ({ findings, checksFrom } = computeDeviceFindingsFrom(doc, eff));
    } finally {
      onInternalError = saved;
    }
    const low = lowered(doc);
    const moves = !settings.batch && errors === 0 && low && low.device === eff?.device ? movableFindings(doc.uri, findings.slice(checksFrom)) : undefined;
    deviceCache.set(doc.uri, { version, gen: generation, findings, moves });
    return findings;
  }

  function computeDeviceFindings(doc: DocumentState, eff = effective(doc)): model.Finding[] {
    return computeDeviceFindingsFrom(doc, eff).findings;
  }

  /** The device's findings: its lowering's diagnostics, then (from `checksFrom` on) the device checks' findings. */
  function computeDeviceFindingsFrom(doc: DocumentState, eff = effective(doc)): { findings: model.Finding[]; checksFrom: number } {
    const low = lowered(doc);
    if (!low) return { findings: [], checksFrom: 0 };
    const findings = diagnosticFindings(doc.uri, low);
    const checksFrom = findings.length;
    const device = eff?.device ?? low.device;
    for (const check of DEVICE_CHECKS) for (const f of runSafely(() => check.check(device, ctx()))) findings.push(f);
    return { findings, checksFrom };
  }

  function workspaceFindings(uri: string): model.Finding[] {
    if (WORKSPACE_CHECKS.length === 0) return [];
    const key = `${workspaceEpoch}:${generation}`;
    if (!workspaceCache || workspaceCache.key !== key) {
      const devices = service.devices();
      const byUri = new Map<string, model.Finding[]>();
      const memo = new Map<string, ReadonlySet<string>>();
      const partners = (u: string): ReadonlySet<string> => {
        let res = memo.get(u);
        if (!res) memo.set(u, (res = index.partners(u)));
        return res;
      };
      const wsCtx: AnalysisContext = { settings, partners };
      for (const check of WORKSPACE_CHECKS) {
        for (const f of runSafely(() => check.check(devices, wsCtx))) {
          const list = byUri.get(f.uri);
          if (list) list.push(f);
          else byUri.set(f.uri, [f]);
        }
      }
      workspaceCache = { key, byUri };
    }
    return workspaceCache.byUri.get(uri) ?? [];
  }

  /** `setDocument`, with a host's precomputed lowering when it has one (`setLowered`). */
  function putDocument(uri: string, text: string, version: number, languageId: string | undefined, skip: HostSkip | undefined, precomputed: PrecomputedLowering | undefined, changes?: readonly TextChange[]): Set<string> {
    hydrated.delete(uri);
    if (isWorkspaceConfigUri(uri)) {
      docs.set(uri, { uri, version, stamp: ++stampCounter, text, languageId, lineStarts: lineStarts(text), skipReason: 'netcfg.yaml is the workspace configuration' });
      return setWorkspaceConfig(uri, text);
    }
    // Whose partners may change: every device sharing a key with the old or the new text (an owner it stops
    // choosing, a rival owner of the same address), not just the partners. A batch check publishes nothing per
    // change, so in batch mode only `uri` is returned (the neighbourhood walks were ~3% of a 1M-line check).
    const batch = settings.batch === true;
    const affected = new Set<string>([uri]);
    if (!batch) for (const p of neighbourhoodOf(uri)) affected.add(p);
    const old = docs.get(uri);
    // The span an editor's edit changed (issue 16): line starts, dialect detection and the parse then redo only that.
    const change = !batch && !precomputed && old && !wsConfigs.has(uri) ? changedSpan(old.text, text, changes) : undefined;
    const doc: DocumentState = { uri, version, stamp: ++stampCounter, text, languageId, lineStarts: batch ? [] : change ? shiftedLineStarts(old!.lineStarts, old!.text, text, change) : lineStarts(text), hostSkip: skip };
    if (change) doc.change = { ...change, previousStamp: old!.stamp };
    // Batch mode reads line starts only to place the findings of a file that has some: computed on first use.
    if (batch) lazyLineStarts(doc);
    if (change && old!.dialect && change.start >= DETECT_PREFIX && !skip && !old!.hostSkip && languageId === old!.languageId && text.length <= settings.maxFileSize) {
      // Detection reads the file name, the language id and the first 64 KiB, none of which changed.
      doc.dialect = old!.dialect;
    } else resolve(doc);
    if (change && old!.parsed && old!.dialect === doc.dialect && doc.dialect && dialectById(doc.dialect).reparse) {
      previousParse.set(doc, old!.parsed);
      // Not a `setIndexed` model (made elsewhere, without Setters): only one lowered here from that parse.
      if (old!.lowered && old!.lowered !== old!.light && dialectById(doc.dialect).relower) previousLowering.set(doc, old!.lowered);
    }
    const wasSwan = docs.get(uri)?.dialect === 'strongswan';
    trackSwan(uri, doc.dialect);
    if (precomputed && doc.dialect === precomputed.dialect) {
      // What `lowered()` and `deviceFindings()` would have produced: the same guarded parse and lowering with the
      // same netcfg.yaml overrides, Setters dropped, and the device checks' findings.
      for (const e of precomputed.errors) onInternalError(e);
      doc.lowered = precomputed.lowered;
      if (!batch) doc.light = precomputed.lowered;
      deviceCache.set(uri, { version: doc.stamp, gen: generation, findings: precomputed.device.findings, replay: precomputed.device.errors.length ? precomputed.device.errors : undefined });
    }
    docs.set(uri, doc);
    reindex(doc);
    workspaceEpoch++;
    if (batch) return affected;
    for (const p of neighbourhoodOf(uri)) affected.add(p);
    for (const y of scopingConfigs()) affected.add(y);
    // A secrets store serves the strongSwan connections of its folder: their keys, and so their pairs, may change.
    if (wasSwan || doc.dialect === 'strongswan') for (const u of swanSiblings(uri)) {
      affected.add(u);
      for (const p of index.neighbourhood(u)) affected.add(p);
    }
    return affected;
  }

  const service: LanguageService = {
    get settings() {
      return settings;
    },

    setDocument(uri, text, version, languageId, skip, changes) {
      return putDocument(uri, text, version, languageId, skip, undefined, changes);
    },

    setLowered(uri, text, version, precomputed) {
      return putDocument(uri, text, version, undefined, undefined, settings.batch ? precomputed : undefined);
    },

    setIndexed(uri, text, version, precomputed) {
      return putDocument(uri, text, version, undefined, undefined, precomputed);
    },

    precompute(uri, text, options) {
      if (!settings.batch || isWorkspaceConfigUri(uri)) return undefined;
      const doc: DocumentState = { uri, version: 1, stamp: ++stampCounter, text, lineStarts: [] };
      resolve(doc);
      if (!doc.dialect) return undefined;
      const errors: string[] = [];
      const checkErrors: string[] = [];
      let sink = errors;
      const saved = onInternalError;
      onInternalError = (err) => sink.push(err instanceof Error ? err.message : String(err));
      let low: LowerResult | undefined;
      let findings: model.Finding[];
      try {
        low = lowered(doc);
        sink = checkErrors;
        findings = computeDeviceFindings(doc);
      } finally {
        onInternalError = saved;
      }
      if (!low) return undefined;
      // Workspace policies may read any part of the model: such a file keeps all of it. So does a strongSwan file:
      // its device findings are computed again on the main thread once its folder's secrets are attached
      // (`effective`), and they include the lowering diagnostics.
      const whole = options?.whole === true || policiesFor(wsConfigs, uri).policies.length > 0 || doc.dialect === 'strongswan';
      return { dialect: doc.dialect, lowered: whole ? low : forCrossFile(low), errors, device: { findings, errors: checkErrors } };
    },

    removeDocument(uri) {
      if (wsConfigs.has(uri)) {
        const affected = setWorkspaceConfig(uri, undefined);
        docs.delete(uri);
        for (const key of [...pairCache.keys()]) if (key.includes(`${uri}#`)) pairCache.delete(key);
        return affected;
      }
      const affected = new Set<string>([uri, ...index.neighbourhood(uri), ...scopingConfigs()]);
      if (docs.get(uri)?.dialect === 'strongswan') for (const u of swanSiblings(uri)) {
        affected.add(u);
        for (const p of index.neighbourhood(u)) affected.add(p);
      }
      trackSwan(uri, undefined);
      hydrated.delete(uri);
      findingsCache.delete(uri);
      docs.delete(uri);
      index.set(uri, undefined);
      indexVersion++;
      deviceCache.delete(uri);
      for (const key of [...pairCache.keys()]) if (key.split('\u0000').includes(uri)) pairCache.delete(key);
      workspaceEpoch++;
      return affected;
    },

    getDocument: (uri) => docs.get(uri),

    getParse(uri) {
      const doc = docs.get(uri);
      if (!doc?.dialect) return undefined;
      return { dialect: dialectById(doc.dialect), parsed: parseOf(doc)! };
    },

    getDevice(uri) {
      return endpoint(uri)?.device;
    },

    getFindings(uri) {
      const doc = docs.get(uri);
      if (!doc) return [];
      // The editor asks for one state's findings several times (diagnostics, the status, code lenses, code actions):
      // the last result of each document is kept until anything changes (a document, the settings, the index).
      const key = settings.batch ? undefined : `${doc.stamp}:${generation}:${workspaceEpoch}:${indexVersion}`;
      const hit = key === undefined ? undefined : findingsCache.get(uri);
      if (hit && hit.key === key) return hit.findings.slice();
      if (wsConfigs.has(uri)) return applyRules(service, uri, workspaceConfigFindings(uri), wsConfigs);
      if (!doc.dialect) {
        return [
          {
            uri,
            range: { start: 0, end: 0 },
            severity: 'information',
            code: doc.hostSkip?.code ?? 'detect/unknown-dialect',
            message: doc.hostSkip
              ? `netcfg skipped this file: ${doc.hostSkip.reason}.`
              : `netcfg skipped this file: ${doc.skipReason ?? 'unknown dialect'}. Choose a language mode (e.g. Cisco IOS) or set netcfg.defaultDialect to check it.`,
            related: [],
            fixes: [],
          },
        ];
      }
      const res = [...deviceFindings(doc)];
      for (const p of partnersOf(uri)) for (const f of pairFindings(uri, p)) if (f.uri === uri) res.push(f);
      // A secrets store's findings (a key that differs from the other end's) come from the pairs of the
      // connections it serves.
      if (doc.dialect === 'strongswan' && lowered(doc)?.device.sharedSecrets) {
        for (const c of swanSiblings(uri)) for (const p of partnersOf(c)) for (const f of pairFindings(c, p)) if (f.uri === uri) res.push(f);
      }
      for (const f of workspaceFindings(uri)) res.push(f);
      const ambiguities = ambiguitiesOf(uri);
      const device = ambiguities.length ? lowered(doc)?.device : undefined;
      if (device) for (const f of ambiguousPeerFindings(device, ambiguities, (u) => endpoint(u)?.device)) res.push(f);
      const { policies } = policiesFor(wsConfigs, uri);
      if (policies.length) for (const f of runSafely(() => policyFindings(policies, doc, lowered(doc)?.device))) res.push(f);
      // Rule settings, ignores and the baseline, for the editor and the CLI alike (server/src/rules), then the cap per code.
      const findings = capFindings(applyRules(service, uri, mergeIdentical(res), wsConfigs));
      if (key === undefined) return findings;
      findingsCache.set(uri, { key, findings });
      return findings.slice();
    },

    partners: (uri) => [...partnersOf(uri)],

    addressOwners(address, from) {
      const a = model.canonicalAddress(address) ?? address;
      return from === undefined ? index.ownersOf(a) : index.ownersFor(from, a);
    },

    addressNeighbourhood(address) {
      const a = model.canonicalAddress(address) ?? address;
      const res = new Set<string>();
      for (const u of [...index.ownersOf(a), ...index.targetersOf(a)]) {
        res.add(u);
        for (const n of index.neighbourhood(u)) res.add(n);
      }
      return [...res];
    },
    pairFindings: (uriA, uriB) => pairFindings(uriA, uriB),
    unpairedPeers: (uri) => unpairedPeers(service, uri),
    generatePeer: (uri, peer, options) => generatePeer(service, uri, peer, options),

    uris: () => [...docs.values()].filter((d) => d.dialect).map((d) => d.uri),

    devices() {
      const res: model.Device[] = [];
      for (const doc of docs.values()) {
        const eff = effective(doc);
        if (eff) res.push(eff.device);
      }
      return res;
    },

    updateSettings(partial) {
      settings = { ...settings, ...partial };
      generation++;
      hydrated.clear();
      for (const doc of docs.values()) {
        doc.parsed = undefined;
        doc.lowered = undefined;
        doc.light = undefined;
        resolve(doc);
        trackSwan(doc.uri, doc.dialect);
        reindex(doc);
      }
      workspaceEpoch++;
    },
  };
  return service;
}

/** How much of a text dialect detection reads (`detectDialect`): an edit after it keeps the document's dialect. */
const DETECT_PREFIX = 65536;

/**
 * The span that changed from `previous` to `text`: composed from `changes` (each applied to the text the previous
 * ones made) when they are given and agree with both lengths and the text around the span; otherwise found by
 * comparing the texts from both ends (in chunks: equal chunks compare as whole strings). Equal texts give an empty
 * span.
 */
export function changedSpan(previous: string, text: string, changes?: readonly TextChange[]): ChangedSpan {
  if (changes && changes.length > 0) {
    const span = composeChanges(previous.length, changes);
    if (span && spanAgrees(previous, text, span)) return span;
  }
  return diffSpan(previous, text);
}

/**
 * One span covering a list of changes: `[start, oldEnd)` of the original text, `[start, newEnd)` of the result.
 * Undefined when a change lies outside the text it applies to.
 */
export function composeChanges(length: number, changes: readonly TextChange[]): ChangedSpan | undefined {
  let start = -1;
  let oldEnd = 0;
  let newEnd = 0;
  let cur = length; // length of the text the next change applies to
  for (const c of changes) {
    if (!(Number.isInteger(c.start) && Number.isInteger(c.end)) || c.start < 0 || c.end < c.start || c.end > cur || typeof c.text !== 'string') return undefined;
    const delta = c.text.length - (c.end - c.start);
    if (start < 0) {
      start = c.start;
      oldEnd = c.end;
      newEnd = c.end + delta;
    } else {
      // [start, newEnd) of the current text is the changed part; beyond it the current text is the original shifted.
      if (c.end > newEnd) oldEnd += c.end - newEnd;
      if (c.start < start) start = c.start;
      newEnd = Math.max(newEnd, c.end) + delta;
    }
    cur += delta;
  }
  return start < 0 ? undefined : { start, oldEnd, newEnd };
}

/** Cheap checks that a span composed from a host's changes fits both texts (lengths, and the text around it). */
function spanAgrees(previous: string, text: string, span: ChangedSpan): boolean {
  const { start, oldEnd, newEnd } = span;
  if (oldEnd > previous.length || newEnd > text.length || previous.length - oldEnd !== text.length - newEnd) return false;
  const w = 256;
  const a = Math.max(0, start - w);
  if (previous.slice(a, start) !== text.slice(a, start)) return false;
  return previous.slice(oldEnd, oldEnd + w) === text.slice(newEnd, newEnd + w);
}


/**
 * The line starts of `text` from those of `previous` (`starts`) and the span that changed: the starts before the
 * span kept, the span's lines scanned, the rest shifted. Equal to `lineStarts(text)` (test/unit/incremental.test.ts).
 */
export function shiftedLineStarts(starts: readonly number[], previous: string, text: string, span: ChangedSpan): number[] {
  const { start, oldEnd, newEnd } = span;
  const d = newEnd - oldEnd;
  // Starts before the span whose terminator (and the character after it) is untouched.
  let k = 0;
  {
    // The first start at or after `start` (starts are increasing).
    let hi = starts.length;
    while (k < hi) {
      const mid = (k + hi) >>> 1;
      if (starts[mid] < start) k = mid + 1;
      else hi = mid;
    }
  }
  // Terminators from just before the span to its end, as `lineStarts` reads them.
  const found: number[] = [];
  let i = Math.max(0, start - 1);
  for (; i <= newEnd && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) found.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      found.push(i + 1);
    }
  }
  // `i` is the first position not read: every later start comes from a terminator at or after it, in the unchanged
  // tail, the first of them `starts[t]`.
  let t = k;
  while (t < starts.length && !(starts[t] > oldEnd && starts[t] + d > i)) t++;
  const head = k === 0 ? 1 : k; // a text's first line starts at 0, kept even when the span starts there
  const res = k === 0 ? [0] : starts.slice(0, k);
  if (head + found.length + (starts.length - t) === starts.length && k > 0) {
    // As many lines as before (an edit within a line): one copy, the span's starts written over it, the tail moved.
    const out = starts.slice();
    for (let q = 0; q < found.length; q++) out[k + q] = found[q];
    if (d !== 0) for (let q = t; q < starts.length; q++) out[q] = starts[q] + d;
    void previous;
    return out;
  }
  for (const x of found) res.push(x);
  for (; t < starts.length; t++) res.push(starts[t] + d);
  void previous;
  return res;
}

/** `doc.lineStarts` computed from `doc.text` on first read (and settable, like the plain field). */
function lazyLineStarts(doc: DocumentState): void {
  let memo: number[] | undefined;
  Object.defineProperty(doc, 'lineStarts', {
    get: () => (memo ??= lineStarts(doc.text)),
    set: (v: number[]) => {
      memo = v;
    },
    enumerable: true,
    configurable: true,
  });
}

/**
 * What a batch check reads of a lowering once the device's own findings are computed (`precompute`): pairing, the
 * pair and workspace checks, `pairing/ambiguous-peer`, the rules (device name, secret ranges for fingerprints) and
 * the report. Definitions and references serve the device checks (`ref/…`) and editor features only, except the
 * IPsec profiles `ospf/dmvpn…` names; the lowering's diagnostics, features and phase-1 policy list are read by
 * `deviceFindings` and the editor only. Of the interfaces, only those the cross-file checks look up stay, and every
 * interface address goes into `addressTable` (analysis/crossfile.ts). Less to post from a worker thread and to keep
 * (docs/performance.md).
 */
export function forCrossFile(low: LowerResult): LowerResult {
  const d = low.device;
  const profiles = d.definitions.filter((x) => x.kind === 'ipsec-profile');
  const { interfaces, addressTable } = crossFileInterfaces(d);
  return { device: { ...d, interfaces, addressTable, definitions: profiles, references: [] }, diagnostics: [] };
}

/**
 * One finding per defect: findings with the same uri, range, code and message (the same verdict reached through
 * two pairs, e.g. one from each of two partners) are merged, keeping the related information and fixes of both
 * (deduplicated) and the higher severity. Cached findings are never mutated.
 */
export function mergeIdentical(findings: model.Finding[]): model.Finding[] {
  if (findings.length < 2) return findings;
  // Candidates by range first (a number: no key string per finding, issue 16: 80 ms for 20,000 findings), then
  // compared by uri, code and message; a range past 2^26 takes a string key.
  const byRange = new Map<number | string, number | number[]>();
  const res: model.Finding[] = [];
  for (const f of findings) {
    const { start, end } = f.range;
    const rk = start < RANGE_KEY && end < RANGE_KEY && start >= 0 && end >= 0 ? start * RANGE_KEY + end : `${start}:${end}`;
    const there = byRange.get(rk);
    let at: number | undefined;
    if (there !== undefined) {
      if (typeof there === 'number') at = sameFinding(res[there], f) ? there : undefined;
      else for (const i of there) if (sameFinding(res[i], f)) at = i;
    }
    if (at === undefined) {
      if (there === undefined) byRange.set(rk, res.length);
      else if (typeof there === 'number') byRange.set(rk, [there, res.length]);
      else there.push(res.length);
      res.push(f);
      continue;
    }
    const first = res[at];
    const merged: model.Finding = { ...first, severity: SEVERITY_RANK[f.severity] < SEVERITY_RANK[first.severity] ? f.severity : first.severity, related: [...first.related], fixes: [...first.fixes] };
    const related = new Set(merged.related.map((r) => `${r.uri}\u0000${r.range.start}:${r.range.end}\u0000${r.message}`));
    for (const r of f.related) {
      const k = `${r.uri}\u0000${r.range.start}:${r.range.end}\u0000${r.message}`;
      if (!related.has(k)) {
        related.add(k);
        merged.related.push(r);
      }
    }
    const fixes = new Set(merged.fixes.map(fixKey));
    for (const x of f.fixes) if (!fixes.has(fixKey(x))) {
      fixes.add(fixKey(x));
      merged.fixes.push(x);
    }
    res[at] = merged;
  }
  return res;
}

const SEVERITY_RANK: Record<model.Finding['severity'], number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Offsets below this make a range's number key in `mergeIdentical` (start × 2^26 + end, exact in a double). */
const RANGE_KEY = 2 ** 26;

/** Two findings `mergeIdentical` merges (their ranges are equal): the same uri, code and message. */
function sameFinding(a: model.Finding, b: model.Finding): boolean {
  return a.uri === b.uri && a.code === b.code && a.message === b.message;
}

/** Most `setIndexed` files that hold a tree made again for a request at once (see `keepHydrated`). */
export const MAX_HYDRATED = 64;

/** Most findings of one code a file reports; the rest are summarised by one `limits/too-many-findings`. */
export const MAX_FINDINGS_PER_CODE = 1000;

/**
 * Caps one file's findings at `max` per code: of a code with more, the first `max` in file order are kept and the
 * rest replaced by one information finding `limits/too-many-findings` at the first dropped one's range, naming the
 * code and how many were dropped. Returns `findings` itself when no code has more than `max`. Linear, plus a sort
 * of the capped codes' findings only.
 */
export function capFindings(findings: model.Finding[], max: number = MAX_FINDINGS_PER_CODE): model.Finding[] {
  if (findings.length <= max) return findings;
  const counts = new Map<string, number>();
  let over = false;
  for (const f of findings) {
    if (f.suppressed) continue; // suppressed findings are never published: they do not count, and pass through
    const n = (counts.get(f.code) ?? 0) + 1;
    counts.set(f.code, n);
    if (n > max) over = true;
  }
  if (!over) return findings;
  const capped = new Map<string, model.Finding[]>();
  for (const [code, n] of counts) if (n > max) capped.set(code, []);
  const res: model.Finding[] = [];
  for (const f of findings) {
    const list = f.suppressed ? undefined : capped.get(f.code);
    if (list) list.push(f);
    else res.push(f);
  }
  for (const [code, list] of capped) {
    list.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end); // stable: ties keep their order
    for (let i = 0; i < max; i++) res.push(list[i]);
    const first = list[max];
    const dropped = list.length - max;
    res.push({
      uri: first.uri,
      range: first.range,
      severity: 'information',
      code: 'limits/too-many-findings',
      message: `${String(dropped).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} more '${code}' ${dropped === 1 ? 'finding' : 'findings'} in this file ${dropped === 1 ? 'is' : 'are'} not shown`,
      related: [],
      fixes: [],
    });
  }
  return res;
}

function fixKey(fix: model.FixIntent): string {
  return `${fix.title}\u0000${fix.edits.map((e) => `${e.uri}:${e.range.start}:${e.range.end}:${e.newText}`).join('\u0001')}`;
}

/**
 * Parsing never throws, by each dialect's contract; this is the last line behind it for a dialect bug: the file
 * becomes one bogus token (still lossless) with `internal/parser-crash`, and the other files are checked as usual.
 */
function parseGuarded(dialect: Dialect<unknown>, text: string, options: DialectOptions): ParseResult<unknown> {
  try {
    return dialect.parse(text, options);
  } catch (err) {
    onInternalError(err);
    const tree = { kind: 'Crashed', range: { start: 0, end: text.length }, children: [] };
    return { text, tree, tokens: text.length ? [{ kind: 'bogus', start: 0, end: text.length, text }] : [], diagnostics: [internalErrorDiagnostic(err)] };
  }
}

/**
 * Lowering a file must not take the server or the run down: a lowering exception (in any dialect) yields an
 * empty device plus `internal/parser-crash` for that file, and is logged by the host. The dialect entries guard
 * themselves the same way (dialects/guard.ts); this is the last line for one that does not.
 */
export function lowerGuarded(dialect: Dialect<unknown>, parsed: ParseResult<unknown>, uri: string, options: DialectOptions): LowerResult {
  return lowerOrCrash(dialect.id, parsed, uri, () => dialect.lower(parsed, uri, options), onInternalError);
}

/**
 * A dialect's incremental re-parse (`Dialect.reparse`), guarded: undefined (the caller parses the whole text) when the
 * dialect is not sure or throws; a throw is logged, since it is a bug.
 */
/**
 * A dialect's lowering kept across an edit (`Dialect.relower`), guarded: undefined (the caller lowers the whole
 * tree) when the dialect cannot keep it or throws, the error reported as an internal error.
 */
function relowerGuarded(dialect: Dialect<unknown>, previous: LowerResult, parsed: ParseResult<unknown>, uri: string, options: DialectOptions): Relowered | undefined {
  try {
    return dialect.relower?.(previous, parsed, uri, options);
  } catch (err) {
    onInternalError(err);
    return undefined;
  }
}

function reparseGuarded(dialect: Dialect<unknown>, previous: ParseResult<unknown>, change: ChangedSpan, text: string, options: DialectOptions): ParseResult<unknown> | undefined {
  try {
    return dialect.reparse?.(previous, change, text, options);
  } catch (err) {
    onInternalError(err);
    return undefined;
  }
}

/** A lowering's diagnostics (capped) as findings of `uri`. */
function diagnosticFindings(uri: string, low: LowerResult): model.Finding[] {
  const findings: model.Finding[] = [];
  for (const d of capDiagnostics(low.diagnostics)) findings.push({ uri, range: d.range, severity: d.severity, code: d.code, message: d.message, related: [], fixes: (d.fixes ?? []).map((f) => ({ title: f.title, isPreferred: f.isPreferred, edits: f.edits.map((e) => ({ uri, range: e.range, newText: e.newText })) })), tags: d.tags });
  return findings;
}

/**
 * The device checks' findings of one version, with the offsets of their ranges in `uri` (the finding's own, its
 * related locations' and its fixes' edits', in that order) as they were when the checks ran: a finding may hold the
 * model's range objects, which the next edit's re-parse moves in place.
 */
export interface MovableFindings {
  findings: model.Finding[];
  offsets: Int32Array;
}

function movableFindings(uri: string, findings: model.Finding[]): MovableFindings {
  let n = 0;
  for (const f of findings) {
    n += 2;
    for (const r of f.related) if (r.uri === uri) n += 2;
    for (const x of f.fixes) for (const e of x.edits) if (e.uri === uri) n += 2;
  }
  const offsets = new Int32Array(n);
  let k = 0;
  const put = (r: TextRange) => {
    offsets[k++] = r.start;
    offsets[k++] = r.end;
  };
  for (const f of findings) {
    put(f.range);
    for (const r of f.related) if (r.uri === uri) put(r.range);
    for (const x of f.fixes) for (const e of x.edits) if (e.uri === uri) put(e.range);
  }
  return { findings, offsets };
}

/**
 * The findings of `previous` with their offsets in `uri` moved by `position` (see `Relowered.position`), or undefined
 * when one of them has no known place. A finding whose every offset lies before `unchanged` (the start of the line
 * the edit began in: the text up to there, and so its statement and menu line, is the same) is the previous object;
 * a fix whose edits all do keeps its object too; everything else is a new object with new ranges.
 */
function moveFindings(previous: MovableFindings, uri: string, position: (offset: number) => number | undefined, unchanged: number): MovableFindings | undefined {
  const { findings, offsets } = previous;
  const out = new Int32Array(offsets.length);
  const res: model.Finding[] = new Array(findings.length);
  let k = 0;
  let failed = false;
  const move = (): TextRange => {
    const a = offsets[k];
    const b = offsets[k + 1];
    const start = a < unchanged ? a : position(a);
    const end = b < unchanged ? b : position(b);
    if (start === undefined || end === undefined) failed = true;
    out[k++] = start ?? 0;
    out[k++] = end ?? 0;
    return { start: start ?? 0, end: end ?? 0 };
  };
  /** Whether the next `pairs` offset pairs all lie before `unchanged` (then they are copied as they are). */
  const before = (pairs: number): boolean => {
    for (let i = k; i < k + pairs * 2; i++) if (offsets[i] >= unchanged) return false;
    return true;
  };
  const keep = (pairs: number) => {
    for (let i = 0; i < pairs * 2; i++, k++) out[k] = offsets[k];
  };
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i];
    let pairs = 1;
    for (const r of f.related) if (r.uri === uri) pairs++;
    for (const x of f.fixes) for (const e of x.edits) if (e.uri === uri) pairs++;
    if (before(pairs)) {
      keep(pairs);
      res[i] = f;
      continue;
    }
    const range = move();
    const r = countIn(f.related, uri);
    const related = r ? f.related.map((x) => (x.uri === uri ? { ...x, range: move() } : x)) : f.related;
    // The fixes whose edits all lie before the edit keep their objects (a fix on a profile the peers share).
    let fixes = f.fixes;
    if (!before(pairs - 1 - r)) {
      fixes = fixes.map((x) => {
        const n = countIn(x.edits, uri);
        if (before(n)) {
          keep(n);
          return x;
        }
        return { ...x, edits: x.edits.map((e) => (e.uri === uri ? { ...e, range: move() } : e)) };
      });
    } else keep(pairs - 1 - r);
    if (failed) return undefined;
    // A copy, then its fields set (the same keys in the same order as the check made them).
    const g = { ...f };
    g.range = range;
    g.related = related;
    g.fixes = fixes;
    res[i] = g;
  }
  return { findings: res, offsets: out };
}

function countIn(list: readonly { uri: string }[], uri: string): number {
  let n = 0;
  for (const x of list) if (x.uri === uri) n++;
  return n;
}

/** The start of the line `offset` is in. */
function lineStartOf(text: string, offset: number): number {
  let i = Math.min(offset, text.length);
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13) break;
    i--;
  }
  return i;
}

/** A check that throws must not take the others down: it reports nothing, and the error is logged by the host. */
function runSafely(fn: () => model.Finding[]): model.Finding[] {
  try {
    return fn();
  } catch (err) {
    onInternalError(err);
    return [];
  }
}

let onInternalError: (err: unknown) => void = () => {};

/** Lets the host log internal errors of checks (the service itself does no IO). */
export function setInternalErrorHandler(handler: (err: unknown) => void): void {
  onInternalError = handler;
}
