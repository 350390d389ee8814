// The contract every dialect implements: detect, parse (lossless tree + diagnostics), lower (neutral model),
// outline and folding, and optionally completion/hover from its command catalog.
// Dialects know nothing about LSP, the file system or other files.

import type * as model from '../model';
import type { ChangedSpan, ParseResult, SyntaxDiagnostic, TextRange } from '../syntax';

/** Options a host passes to every dialect (from settings / CLI flags / netcfg.yaml). */
export interface DialectOptions {
  /** RouterOS major version override; detected from content when absent. */
  routerosVersion?: 6 | 7;
  /** OpenBSD release targeted (e.g. "7.6"); defaults to the current release. */
  openbsdVersion?: string;
  /**
   * BIRD version targeted (e.g. "2.0.12"). Syntax newer than it (typed function results, method calls, BIRD 2.14+)
   * is an error; when absent it is a warning.
   */
  birdVersion?: string;
  /** strongSwan-family files: `libreswan` or `strongswan` defaults; told from the content when absent. */
  swanFlavour?: 'strongswan' | 'libreswan';
  /** Report unknown commands as information diagnostics (`syntax/unknown-command`). Off by default. */
  reportUnknownCommands?: boolean;
  /**
   * `false`: the host drops every quick-fix Setter after lowering (batch mode, the CLI: `model.dropSetters`), so a
   * dialect may make none (issue 16). One that honours it says so in `LowerResult.settersDropped`; the model must
   * then equal the lowering with Setters once they are dropped (a Setter property absent or undefined). The host
   * also drops the parse it lowered and never reads it again, so the dialect may recycle its storage (IOS/ASA give
   * the token store's buffer to the next parse).
   */
  setters?: boolean;
  /**
   * The host may give this lowering back to `Dialect.relower` after an edit (an editor; issue 16): a dialect with
   * that hook may keep what it needs for it. A batch host (the CLI) leaves it unset, so nothing is kept.
   */
  editing?: boolean;
}

export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'interface' | 'crypto' | 'routing' | 'acl' | 'object' | 'section' | 'user' | 'policy' | 'protocol' | 'filter' | 'variable';
  range: TextRange;
  selectionRange: TextRange;
  children: OutlineSymbol[];
}

/**
 * The outline a dialect computed for the previous version of the same document, and the first offset where the text
 * changed since (the text before `start` is the same in both). A dialect may keep what lies before the edit (issue
 * 16); the result must equal an outline computed without it. The previous outline's objects are never written to.
 */
export interface OutlinePrevious {
  outline: OutlineSymbol[];
  start: number;
  /**
   * Where the change ends in the new text (`ChangedSpan.newEnd`) and how far it moved what follows
   * (`newEnd - oldEnd`): the text from `end` on is the previous text from `end - delta` on. Absent when only `start`
   * is known; then only what lies before the edit can be kept. A dialect may also keep what a statement after the
   * change made (same text, same context: the same symbols, `delta` further on), as plain data it recorded itself:
   * the previous outline's range objects may be a re-parse's nodes', moved since (issue 16).
   */
  end?: number;
  delta?: number;
}

export interface FoldingRegion {
  start: number;
  end: number;
  kind?: 'comment' | 'region';
}

/** As `OutlinePrevious`, for folding: the previous version's regions (never written to) and where the text changed. */
export interface FoldingPrevious {
  regions: readonly FoldingRegion[];
  start: number;
  /** As `OutlinePrevious.end` and `delta`. */
  end?: number;
  delta?: number;
}

/** A completion proposal as plain data; features/ turns it into an LSP item. */
export interface CompletionData {
  label: string;
  kind: 'keyword' | 'value' | 'reference' | 'snippet' | 'parameter' | 'enum' | 'interface';
  detail?: string;
  /** Markdown. */
  documentation?: string;
  insertText?: string;
  /** `insertText` uses `${1:placeholder}` tab stops. */
  isSnippet?: boolean;
  sortText?: string;
  filterText?: string;
  /** Range the item replaces (the partial word); defaults to the word at the cursor. */
  replaceRange?: TextRange;
}

/** Cross-file facts the host offers to completion/hover (e.g. what the paired peer uses). */
export interface FeatureContext {
  device?: model.Device;
  /** Devices paired with this one (other ends of tunnels / OSPF links). */
  peers: model.Device[];
  /** The host's cached lowering of this document (its `device` is `device`): features read it instead of lowering again. */
  lowered?: LowerResult;
}

export interface HoverData {
  /** Markdown. Must never contain a secret. */
  markdown: string;
  range: TextRange;
}

export interface LowerResult {
  device: model.Device;
  diagnostics: SyntaxDiagnostic[];
  /** Plain data only the dialect's own editor features read back (e.g. IOS phase-1 policies for hover). */
  features?: unknown;
  /**
   * Every phase-1 policy the device defines, whether a peer uses it or not (IOS/ASA ISAKMP and IKEv1 policies), for
   * editor features that show a policy's effective values where it is written (inlay hints). Peers' own proposals
   * are in the model; absent when the dialect has no free-standing policies.
   */
  phase1Policies?: model.Phase1Proposal[];
  /** True when the dialect made no Setter (`DialectOptions.setters` false): the host need not `dropSetters` it. */
  settersDropped?: boolean;
}

/** What changed between two texts of one document (syntax/index.ts). */
export type { ChangedSpan } from '../syntax';

/** A lowering kept across an edit (`Dialect.relower`). */
export interface Relowered {
  lowered: LowerResult;
  /**
   * Where an offset of the previous text that the previous lowering's model (its ranges, and the edits its Setters
   * made) may hold is in the new text; undefined when the dialect cannot tell (the host then computes what it derived
   * from those offsets again). Each model value but the ranges is the previous one's.
   */
  position(offset: number): number | undefined;
}

export interface Dialect<TTree = unknown> {
  id: model.DialectId;
  displayName: string;
  /**
   * Confidence in [0, 1] that `text` is this dialect, from content alone (the host looks only at the first 64 KiB).
   * 0 means "certainly not"; the registry picks the best score above 0.5.
   */
  detect(text: string): number;
  parse(text: string, options: DialectOptions): ParseResult<TTree>;
  /**
   * Optional incremental re-parse (issue 16): the parse of `text` made from `previous`, the parse of the document's
   * previous text with the same options, and the span that changed. The result must equal `parse(text, options)`
   * (tree, ranges, tokens, diagnostics, in the same order); return undefined whenever that is not certain, and the
   * host parses the whole text. `previous` is consumed: the dialect may take its nodes over (shifting their offsets),
   * so the host never reads it again. Never throws (the host treats a throw as undefined).
   */
  reparse?(previous: ParseResult<TTree>, change: ChangedSpan, text: string, options: DialectOptions): ParseResult<TTree> | undefined;
  lower(parsed: ParseResult<TTree>, uri: string, options: DialectOptions): LowerResult;
  /**
   * Optional (issue 16): the lowering of `parsed`, a re-parse (`reparse`) of the text `previous` was lowered from
   * (made with `editing` and the same options and uri), kept from `previous` when the edit changed nothing the
   * lowering read. The result must equal `lower(parsed, uri, options)` (every model value, range and Setter's edit);
   * undefined whenever that is not certain, and the host lowers the whole tree. `previous` is consumed (its model
   * objects may be moved and taken over), and may have been changed by the host after lowering only as
   * `applyWorkspaceConfig` changes a device. Never throws (the host treats a throw as undefined).
   */
  relower?(previous: LowerResult, parsed: ParseResult<TTree>, uri: string, options: DialectOptions): Relowered | undefined;
  outline(parsed: ParseResult<TTree>, previous?: OutlinePrevious): OutlineSymbol[];
  folding(parsed: ParseResult<TTree>, previous?: FoldingPrevious): FoldingRegion[];
  complete?(parsed: ParseResult<TTree>, offset: number, ctx: FeatureContext): CompletionData[];
  hover?(parsed: ParseResult<TTree>, offset: number, ctx: FeatureContext): HoverData | undefined;
}
