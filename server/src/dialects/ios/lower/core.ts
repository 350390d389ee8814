// The shared state of the IOS/ASA lowering (one instance per run), the token/edit helpers every layer uses, the
// collected-record interfaces, and abstract declarations for the methods a lower layer calls on a higher one.

import * as model from '../../../model';
import type { ParseResult, SyntaxDiagnostic, TextRange, Token } from '../../../syntax';
import type { IosNode } from '../parser';
import { decodeType7 } from './tables';
import { lowerCase, type IosTokenStore } from '../store';

export interface AclEntry {
  action: 'permit' | 'deny';
  flavour: 'standard' | 'extended';
  protocol: string;
  src?: string;
  dst?: string;
  srcPort?: string;
  dstPort?: string;
  range: TextRange;
}

export interface AclInfo {
  acl: model.Acl;
  nameToken: Token;
  entries: AclEntry[];
  first: IosNode;
  last: IosNode;
}

/** One crypto map / dynamic map entry, collected before peers are built (ASA entries span several lines). */
/**
 * A `crypto ipsec profile` (tunnel protection). IOS: `set transform-set`, `set ikev2-profile`, `set isakmp-profile`;
 * ASA 9.7+ (VTI): `set ikev1 transform-set`, `set ikev2 ipsec-proposal` (`ikev2Proposals`); both: PFS and lifetime.
 */
export interface IpsecProfileInfo {
  node: IosNode;
  transformSets: MapEntry['transformSets'];
  pfs?: MapEntry['pfs'];
  lifetime?: MapEntry['lifetime'];
  ikev2Profile?: string;
  isakmpProfile?: string;
  ikev2Proposals?: string[];
}

export interface MapEntry {
  name: string;
  seq: number;
  dynamic: boolean;
  /** Header node (IOS block) or first line (ASA). */
  node: IosNode;
  /** Last line belonging to the entry (ASA inserts after it). */
  lastNode: IosNode;
  nameToken: Token;
  peers: model.Value<string>[];
  transformSets: { name: string; range: TextRange; node: IosNode; tokens: Token[] }[];
  ikev2Proposals: string[];
  pfs?: { value: string; node: IosNode; range: TextRange };
  lifetime?: { value: number; range: TextRange };
  acl?: { name: string; range: TextRange };
  /** `crypto map ipv6 NAME SEQ …`: applied by `ipv6 crypto map`, sourced from the interface's IPv6 address. */
  ipv6?: boolean;
  dynamicMap?: string;
  isakmpProfile?: string;
  ikev2Profile?: string;
  ranges: TextRange[];
}

export interface TransformSet {
  proposal: model.Phase2Proposal;
  node: IosNode;
  /** Tokens of the transforms on the header line (replaced by setPhase2). */
  transforms: Token[];
}

export interface Phase1Info {
  proposal: model.Phase1Proposal;
  node: IosNode;
  children: Map<string, IosNode>;
}

export interface OspfIfSettings {
  area?: { process: string; area: string; range: TextRange };
  network?: { value: model.OspfNetworkType; node: IosNode };
  hello?: { value: number; node: IosNode };
  dead?: { value: number; node: IosNode };
  priority?: { value: number; node: IosNode };
  cost?: { value: number; node: IosNode };
  mtuIgnore?: boolean;
  authType?: { value: model.OspfAuth['type']; node: IosNode };
  simpleKey?: { secret: model.Secret; token: Token; typeToken?: Token };
  md5Key?: { secret: model.Secret; keyId: number; token: Token; typeToken?: Token };
  /** Every `message-digest-key` (first per key id), in order: IOS sends and accepts all of them (key rollover). */
  md5Keys?: { secret: model.Secret; keyId: number; token: Token; typeToken?: Token }[];
  /** OSPFv3 only: the interface command syntax used (`ipv6 ospf …` on IOS, `ospfv3 …` on IOS-XE), for setters. */
  v3Syntax?: 'ipv6 ospf' | 'ospfv3';
}

export interface IfaceInfo {
  itf: model.Interface;
  node: IosNode;
  /** The interface's definition (interfaces are defined by `lowerInterface` alone, indexed by `ifaceByName`). */
  def: model.Definition;
  /** OSPFv2 settings: `NO_OSPF_SETTINGS` (shared, frozen) until the first `ip ospf` line gives the interface its own. */
  ospf: OspfIfSettings;
  /** OSPFv3 settings (`ipv6 ospf …`, `ospfv3 …`), kept apart from OSPFv2's. */
  ospf3?: OspfIfSettings;
  /** Global IPv6 addresses (`ipv6 address P/L [eui-64]`; link-local ones say nothing about the link), for OSPFv3. */
  ipv6?: { address?: string; prefix: string; range: TextRange }[];
  tunnelSourceRef?: { name: string; token: Token };
  ipMtu?: model.Value<number>;
  /** `ipv6 crypto map NAME` (IPv6 map entries; `itf.cryptoMap` is the IPv4 one). */
  ipv6CryptoMap?: model.Value<string>;
  /** The tunnel runs over IPv6 (`tunnel mode … ipv6`). */
  ipv6Transport?: boolean;
}

export interface OspfProcInfo {
  proc: model.OspfProcess;
  node: IosNode;
  networks: { prefix: string; length: number; area: string; range: TextRange }[];
  areaAuth: Map<string, { type: model.OspfAuth['type']; range: TextRange }>;
  passiveDefault?: TextRange;
  passive: Map<string, { passive: boolean; range: TextRange }>;
}

interface KeyInfo {
  key: model.PresharedKey;
  keyring?: string;
  ikev2?: boolean;
}

/** Lower-cased forms of shared words (`dot1Q` → `dot1q`, others themselves): bounded by the store's word table. */
const LOWER_SHARED = new Map<string, string>();

/**
 * `lowerCase` of token `i`'s text: a shared word with upper-case letters is lower-cased once per process (its form
 * kept here), another word as `lowerCase` does; the same text either way.
 */
export function lowerWord(store: IosTokenStore, i: number): string {
  const shared = store.sharedText(i);
  if (shared === undefined) return lowerCase(store.text(i));
  const known = LOWER_SHARED.get(shared);
  if (known !== undefined) return known;
  const l = lowerCase(shared);
  LOWER_SHARED.set(shared, l);
  return l;
}

/** The OSPF settings of an interface without `ip ospf` lines (most of them): one frozen object, never written. */
export const NO_OSPF_SETTINGS: OspfIfSettings = Object.freeze({});

/** `define`'s default `extra` (none). */
const NO_EXTRA: Partial<model.Definition> = Object.freeze({});
/** `define`'s `extra` for a built-in name (interfaces, VLANs …): pass this object, not a literal of its own. */
export const DEFINE_BUILTIN: Partial<model.Definition> = Object.freeze({ builtin: true });

/**
 * A set of document offsets as a bit set (`add`/`has` as a `Set<number>`): one bit per offset, grown by doubling, so
 * recording every definition and reference token makes no hash-table entries.
 */
export class OffsetSet {
  private bits = new Uint32Array(64);
  add(offset: number): void {
    const w = offset >>> 5;
    if (w >= this.bits.length) {
      const next = new Uint32Array(Math.max(w + 1, this.bits.length * 2));
      next.set(this.bits);
      this.bits = next;
    }
    this.bits[w] |= 1 << (offset & 31);
  }
  has(offset: number): boolean {
    const w = offset >>> 5;
    return w < this.bits.length && (this.bits[w] & (1 << (offset & 31))) !== 0;
  }
}

/**
 * The words of one command from word `from` on (`IosNode.wordsFrom` without the array): read in place from the token
 * store, a `Token` made only when a caller asks for one (`tok`, for a reference or a diagnostic). Index `i` is
 * relative to `from`, as in the array it replaces; an index outside the run reads as missing.
 */
export class WordRun {
  constructor(
    readonly node: IosNode,
    readonly from: number,
  ) {}
  get length(): number {
    return Math.max(0, this.node.wordCount - this.from);
  }
  has(i: number): boolean {
    return i >= 0 && this.from + i < this.node.wordCount;
  }
  /** The text of word `i`, or undefined past the end. */
  text(i: number): string | undefined {
    return i >= 0 ? this.node.wordText(this.from + i) : undefined;
  }
  /** The lower-cased text of word `i` ('' past the end, as `lw(undefined)`). */
  lw(i: number): string {
    const t = i >= 0 ? this.node.wordText(this.from + i) : undefined;
    return t === undefined ? '' : lowerCase(t);
  }
  /** Word `i` as a fresh token, or undefined past the end. */
  tok(i: number): Token | undefined {
    return i >= 0 ? this.node.word(this.from + i) : undefined;
  }
  /** The run from word `k` of this one. */
  sub(k: number): WordRun {
    return new WordRun(this.node, this.from + k);
  }
}

/** The shared IOS/ASA lowering state and helpers. The layers above (acls → interfaces → ospf → ike → ipsec →
 * references.ts) each add one concern; a method a lower layer calls on a higher one is declared abstract at the end. */
export abstract class IosLoweringCore {
  readonly device: model.Device;
  readonly diagnostics: SyntaxDiagnostic[] = [];
  protected readonly text: string;
  protected readonly eol: string;
  protected readonly uri: string;
  protected readonly root: IosNode;
  protected readonly platform: 'IOS' | 'ASA' = 'IOS';

  protected interfaces: IfaceInfo[] = [];
  protected ifaceByName = new Map<string, IfaceInfo>();
  protected ospfProcs: OspfProcInfo[] = [];
  protected phase1: Phase1Info[] = [];
  protected ikev2Proposals = new Map<string, model.Phase1Proposal>();
  protected keys: KeyInfo[] = [];
  protected transformSets = new Map<string, TransformSet>();
  protected ipsecProfiles = new Map<string, IpsecProfileInfo>();
  protected isakmpProfiles = new Map<string, { keyring?: string }>();
  protected mapEntries: MapEntry[] = [];
  protected mapLocalAddress = new Map<string, string>();
  protected acls = new Map<string, AclInfo>();
  protected globalP2Lifetime?: { value: number; range: TextRange };
  /** Offsets of name tokens inside definitions (not counted as uses by the word scan). */
  protected defTokens = new OffsetSet();
  /** Definitions by kind, then name (no key string made per lookup). */
  protected singleDefs = new Map<string, Map<string, model.Definition>>();
  protected lastGlobal?: IosNode;
  /** Per-run caches: selectorsOf (acls.ts), phase1List and sortedPhase1 (ike.ts). */
  protected selectorCache = new Map<string, model.Selector[]>();
  protected phase1Cache = new Map<number, model.Phase1Proposal[]>();
  protected sortedPhase1Cache?: Phase1Info[];

  /**
   * Whether quick-fix Setters are made (`DialectOptions.setters`): a batch check drops them all after lowering, so
   * it asks for none (no closure made, none to walk and delete). Every Setter is made behind this flag.
   */
  readonly setters: boolean;

  constructor(protected readonly parsed: ParseResult<IosNode>, uri: string, setters = true) {
    this.setters = setters;
    this.text = parsed.text;
    this.uri = uri;
    this.root = parsed.tree;
    this.eol = this.text.includes('\r\n') ? '\r\n' : '\n';
    const base = uri.split('/').pop() ?? uri;
    this.device = model.emptyDevice(uri, this.dialectId(), base);
  }

  /** Batch mode only (`setters` false), once lowered: the parse is dropped, its store's buffer goes to the next. */
  releaseStore(): void {
    this.root.store.release();
  }

  protected dialectId(): model.DialectId {
    return 'cisco-ios';
  }

  // ------------------------------------------------------------------ helpers

  protected key(node: IosNode): string {
    return node.pathKey ?? node.path.join(' ');
  }
  protected arg(node: IosNode, i: number): Token | undefined {
    return node.word(node.path.length + i);
  }
  /** The lower-cased text of argument `i` ('' when missing), without making a token. */
  protected argLw(node: IosNode, i: number): string {
    const w = node.wordText(node.path.length + i);
    return w === undefined ? '' : lowerCase(w);
  }
  /** Maps each argument through a keyword table; an unknown keyword is `syntax/invalid-value` ("not an <what>"). */
  protected convertArgs(args: Token[], table: Record<string, string>, what: string): string[] {
    const out: string[] = [];
    for (const t of args) {
      const v = table[lowerCase(t.text)];
      if (v) out.push(v);
      else this.error(t, 'syntax/invalid-value', `'${t.text}' is not an ${what}`);
    }
    return out;
  }

  protected args(node: IosNode): Token[] {
    return node.wordsFrom(node.path.length);
  }
  protected lw(t: Token | undefined): string {
    return t ? lowerCase(t.text) : '';
  }
  protected error(range: TextRange, code: string, message: string, severity: SyntaxDiagnostic['severity'] = 'error'): void {
    this.diagnostics.push({ range: { start: range.start, end: range.end }, severity, code, message });
  }
  protected missing(node: IosNode, what: string): void {
    const w = node.word(node.wordCount - 1) ?? (node.count > 0 ? node.store.token(node.first) : undefined);
    if (!w) return;
    // Name the command by its keywords only: arguments may be secrets (`crypto isakmp key K …`).
    const name = node.path.length ? node.path.join(' ') : node.wordText(0) ?? '';
    this.error({ start: w.start, end: w.end }, 'syntax/missing-argument', `'${name}' is missing ${what}`);
  }
  /** Text of the line from token `t` to the end of the node's header line (descriptions, remarks). */
  protected restOfLine(node: IosNode, t: Token | undefined): string {
    if (!t) return '';
    return this.restOfLineAt(node, t.start);
  }
  /** `restOfLine` from an offset: the text up to the header line's end, trailing white space trimmed (one slice). */
  protected restOfLineAt(node: IosNode, start: number): string {
    let end = node.lineEnd;
    for (; end > start; end--) {
      const c = this.text.charCodeAt(end - 1);
      if (c !== 32 && !(c >= 9 && c <= 13)) break;
    }
    // Other white space `trimEnd` knows (no-break space, …) is rare: let it decide.
    if (end > start && this.text.charCodeAt(end - 1) > 127) return this.text.slice(start, end).trimEnd();
    return this.text.slice(start, end);
  }
  protected address(t: Token | undefined, node: IosNode, what = 'an IPv4 address'): string | undefined {
    if (!t) {
      this.missing(node, what);
      return undefined;
    }
    // The canonical text (the token's own text when written canonically: no new string).
    const a = model.canonicalIpv4(t.text);
    if (a === undefined) {
      this.error(t, 'syntax/invalid-address', `'${t.text}' is not ${what}`);
      return undefined;
    }
    return a;
  }
  /** `address` of word `i` of a run, making its token only to report a problem. */
  protected addressAt(w: WordRun, i: number, node: IosNode, what = 'an IPv4 address'): string | undefined {
    const text = w.text(i);
    const a = text === undefined ? undefined : model.canonicalIpv4(text);
    return a !== undefined ? a : this.address(w.tok(i), node, what);
  }
  protected mask(t: Token | undefined, node: IosNode): number | undefined {
    if (!t) {
      this.missing(node, 'a subnet mask');
      return undefined;
    }
    const len = model.maskToLength(t.text);
    if (len === undefined) {
      this.error(t, 'syntax/invalid-mask', `'${t.text}' is not a contiguous subnet mask`);
      return undefined;
    }
    return len;
  }
  protected int(t: Token | undefined, node: IosNode, min: number, max: number, what: string): number | undefined {
    if (!t) {
      this.missing(node, what);
      return undefined;
    }
    const n = /^\d+$/.test(t.text) ? Number(t.text) : NaN;
    if (!Number.isFinite(n) || n < min || n > max) {
      this.error(t, 'syntax/invalid-value', `'${t.text}' is not a valid ${what} (${min}–${max})`);
      return undefined;
    }
    return n;
  }
  protected define(kind: string, name: string, token: TextRange, full: TextRange, extra: Partial<model.Definition> = NO_EXTRA): model.Definition {
    this.defTokens.add(token.start);
    let byName = this.singleDefs.get(kind);
    if (!byName) {
      byName = new Map();
      this.singleDefs.set(kind, byName);
    }
    const existing = byName.get(name);
    if (existing) {
      // In place: a definition's full range is its own object (made below), never shared.
      const f = existing.fullRange;
      if (full.start < f.start) f.start = full.start;
      if (full.end > f.end) f.end = full.end;
      return existing;
    }
    const range = { start: token.start, end: token.end };
    const fullRange = { start: full.start, end: full.end };
    // The common `extra`s as literals of their own (a spread after other fields builds the object field by field).
    const d: model.Definition =
      extra === NO_EXTRA ? { kind, name, range, fullRange } : extra === DEFINE_BUILTIN ? { kind, name, range, fullRange, builtin: true } : { kind, name, range, fullRange, ...extra };
    byName.set(name, d);
    this.device.definitions.push(d);
    return d;
  }
  /**
   * Records a use of a name. `critical`: the session this reference serves cannot come up without the definition
   * (a crypto map's `match address`), so an undefined name stays an error even where IOS accepts it.
   */
  protected ref(kind: string, token: Token | undefined, alsoKinds?: string[], critical = false): void {
    if (!token) return;
    this.defTokens.add(token.start);
    const tolerated = critical ? undefined : this.toleratedUndefined(kind);
    // Optional fields set after the literal (same key order as the spreads this replaces, no object per spread).
    const r: model.Reference = { kind, name: token.text, range: { start: token.start, end: token.end } };
    if (alsoKinds) r.alsoKinds = alsoKinds;
    if (tolerated) r.tolerated = tolerated;
    this.device.references.push(r);
  }

  /**
   * IOS accepts references to access lists, prefix lists and route maps that do not exist, and treats the missing
   * list as permitting everything ("If an access list is referenced by a name, but the access list does not exist,
   * all packets pass": Cisco Catalyst 2960 Software Configuration Guide, Access List Rules). The ASA refuses such
   * commands at entry, so there the reference stays an error.
   */
  protected toleratedUndefined(kind: string): string | undefined {
    if (this.dialectId() !== 'cisco-ios') return undefined;
    if (kind === 'acl') return 'IOS accepts it and a missing access list permits everything';
    if (kind === 'prefix-list' || kind === 'route-map') return `IOS accepts a reference to a missing ${kind}`;
    return undefined;
  }

  // ------------------------------------------------------------------ edits

  protected edit(range: TextRange, newText: string): model.Edit {
    return { uri: this.uri, range: { start: range.start, end: range.end }, newText };
  }
  /** Replaces a command line's content (indentation kept). */
  protected replaceLine(node: IosNode, line: string): model.Edit {
    return this.edit({ start: node.range.start, end: node.lineEnd }, line);
  }
  /** Removes a command line including its line break. */
  protected deleteLine(node: IosNode): model.Edit {
    const start = node.range.start - node.indent;
    let end = node.lineEnd;
    if (this.text.startsWith('\r\n', end)) end += 2;
    else if (end < this.text.length) end += 1;
    return this.edit({ start, end }, '');
  }
  /** Indentation used for new sub-mode lines of a block. */
  protected childIndent(block: IosNode): string {
    const c = block.children.find((k) => k.kind === 'IosCommand');
    if (c) return this.text.slice(c.range.start - c.indent, c.range.start);
    return this.text.slice(block.range.start - block.indent, block.range.start) + ' ';
  }
  /** Inserts a sub-mode line at the end of a block. */
  protected insertInBlock(block: IosNode, line: string): model.Edit {
    let at = block.lineEnd;
    for (const c of block.children) if (c.kind !== 'IosComment' && c.range.end > at) at = c.range.end;
    return this.edit({ start: at, end: at }, `${this.eol}${this.childIndent(block)}${line}`);
  }
  /** Replaces the existing sub-mode line or inserts a new one. */
  protected setSub(block: IosNode, existing: IosNode | undefined, line: string): model.Edit[] {
    return [existing ? this.replaceLine(existing, line) : this.insertInBlock(block, line)];
  }
  /** Inserts global lines after a node (at its block end). */
  protected insertAfter(node: IosNode, lines: string[]): model.Edit {
    const at = node.range.end;
    return this.edit({ start: at, end: at }, lines.map((l) => this.eol + l).join(''));
  }
  /** Insert point for new global commands: before a trailing `end`, else end of text. */
  protected globalInsertPoint(): IosNode | undefined {
    const kids = this.root.children.filter((c) => c.kind !== 'IosComment');
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].path[0] !== 'end' && this.lw(kids[i].word(0)) !== 'end' && this.lw(kids[i].word(0)) !== ':') return kids[i];
    return undefined;
  }

  protected secretFrom(typeTok: Token | undefined, keyTok: Token): model.Secret {
    const range = { start: keyTok.start, end: keyTok.end };
    const type = typeTok?.text;
    if (keyTok.text === '*****' || /^\*+$/.test(keyTok.text)) return { kind: 'masked', range };
    if (type === '7') {
      const plain = decodeType7(keyTok.text);
      return plain === undefined ? { kind: 'type6', range } : { kind: 'type7', plain, range };
    }
    if (type === '6' || type === '5' || type === '8' || type === '9') return { kind: 'type6', range };
    return { kind: 'plain', plain: keyTok.text, range };
  }

  protected lastArg(node: IosNode): Token | undefined {
    return node.wordCount > node.path.length ? node.word(node.wordCount - 1) : undefined;
  }

  // ------------------------------------------------------------------ implemented by the layers above

  /** `ip ospf …` (ASA `ospf …`) inside an interface block; implemented in ospf.ts. */
  protected abstract ospfInterfaceCommand(info: IfaceInfo, c: IosNode, at: number, v3?: 'ipv6 ospf' | 'ospfv3'): void;
  /** `ospfv3 …` (IOS-XE OSPFv3) inside an interface block; implemented in ospf.ts. */
  protected abstract ospfv3InterfaceCommand(info: IfaceInfo, c: IosNode): void;
}
