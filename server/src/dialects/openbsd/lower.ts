// Lowers a parsed ipsec.conf into the neutral model: one IpsecPeer per `ike` rule with effective (default-expanded)
// phase 1/2 values, selectors per expanded from/to pair, the PSK, and Setters that write fixes back as ipsec.conf text.
// Imports only the model, syntax helpers and this dialect's own files.

import * as model from '../../model';
import { cover, type ParseResult, type SyntaxDiagnostic, type TextRange } from '../../syntax';
import type { DialectOptions, LowerResult } from '../types';
import { AEAD, DEFAULTS, releaseDefaults, spellingOf, type Phase } from './catalog';
import { expandPairs, hostPrefix, pairPeer } from './expand';
import { CODES, documentSource, reparseOrigin, type ETok, type ObsdFile, type ObsdStatement, type PhaseSyntax, type RuleSyntax, type XfSyntax } from './parser';

/** Symbol kind used for macro definitions/references (`ref/undefined`, `ref/unused`). */
export const MACRO_KIND = 'macro';

export function lowerIpsecConf(parsed: ParseResult<ObsdFile>, uri: string, options: DialectOptions): LowerResult {
  const diagnostics: SyntaxDiagnostic[] = [...parsed.diagnostics];
  const base = decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() || uri);
  const device = model.emptyDevice(uri, 'openbsd-ipsec', base);
  if (options.openbsdVersion) device.platformVersion = options.openbsdVersion;
  const tree = parsed.tree;
  const statements = tree.statements;
  // What the lowering of the previous version made of the statements a re-parse kept (issue 16).
  const origin = reparseOrigin(tree);
  const prev = origin?.previous ? LOWERED.get(origin.previous) : undefined;
  if (origin) origin.previous = undefined;
  const reuse = prev && prev.uri === uri && prev.version === options.openbsdVersion ? prev : undefined;
  const release = reuse ? reuse.release : releaseDefaults(options.openbsdVersion);
  const ctx: LowerContext = {
    uri,
    doc: documentSource(tree) ?? { text: parsed.text },
    text: parsed.text,
    options,
    diagnostics,
    device,
    ownedSeen: new Set(),
    lines: { offset: 0, line: 0 },
    release,
    defaults: reuse ? reuse.defaults : sharedDefaults(release),
    lists: reuse ? reuse.lists : new Map(),
    index: -1,
    peerOf: new Int32Array(statements.length).fill(-1),
    owned: new Map(),
    ruleDiagnostics: new Map(),
  };
  let tailLines: number | undefined;
  const n = statements.length;
  // How many definitions and references the statements before each one made (the statements before the edit make
  // what they made before: one copy of the previous lists' prefix instead of an object per macro use).
  const defsBefore = new Int32Array(n + 1);
  const refsBefore = new Int32Array(n + 1);
  let i = 0;
  if (reuse && origin && origin.head > 0) {
    i = origin.head;
    const d = reuse.defsBefore[i];
    const r = reuse.refsBefore[i];
    device.definitions = reuse.definitions.slice(0, d);
    device.references = reuse.references.slice(0, r);
    defsBefore.set(reuse.defsBefore.subarray(0, i + 1));
    refsBefore.set(reuse.refsBefore.subarray(0, i + 1));
    for (let k = 0; k < i; k++) if (statements[k].rule) reuseRule(ctx, statements[k], reuse, k, 0, 0, k);
  }
  for (; i < n; i++) {
    const st = statements[i];
    defsBefore[i] = device.definitions.length;
    refsBefore[i] = device.references.length;
    if (st.macro) device.definitions.push({ kind: MACRO_KIND, name: st.macro.name, range: st.macro.nameRange, fullRange: st.range });
    for (const use of st.macroUses) device.references.push({ kind: MACRO_KIND, name: use.name, range: use.range });
    if (!st.rule) continue;
    ctx.index = i;
    const was = reuse && origin ? (i < origin.head ? i : i >= origin.tail ? i - origin.tail + origin.oldTail : -1) : -1;
    if (was >= 0) {
      const tail = i >= origin!.tail;
      const p = reuse!.peerOf[was];
      if (tail && p >= 0 && tailLines === undefined) tailLines = lineAt(ctx, st.range.start) - labelLine(reuse!.peers[p]);
      reuseRule(ctx, st, reuse!, was, tail ? origin!.delta : 0, tail ? tailLines ?? 0 : 0, i);
      continue;
    }
    const from = diagnostics.length;
    lowerRule(ctx, st, st.rule);
    if (diagnostics.length > from) ctx.ruleDiagnostics.set(i, diagnostics.slice(from));
  }
  defsBefore[n] = device.definitions.length;
  refsBefore[n] = device.references.length;
  LOWERED.set(tree, { uri, version: options.openbsdVersion, release, defaults: ctx.defaults, lists: ctx.lists, peers: device.ipsecPeers, peerOf: ctx.peerOf, owned: ctx.owned, ruleDiagnostics: ctx.ruleDiagnostics, definitions: device.definitions, references: device.references, defsBefore, refsBefore });
  return { device, diagnostics };
}

/**
 * What a lowering made of each rule statement, kept for the lowering of the next version (issue 16): a rule lowers
 * on its own given the macros before it (which a re-parse never changes for the statements it keeps), except for
 * the peer's id (its number among the peers), its label (its line), which owned addresses are new (`ownedSeen`) and
 * the ranges, which move with the statement. By statement index, compact (the CLI lowers every file once).
 */
interface LowerMemo {
  uri: string;
  version: string | undefined;
  release: ReturnType<typeof releaseDefaults>;
  defaults: SharedDefaults;
  lists: Map<string, string[]>;
  /** The device's peers. */
  peers: model.IpsecPeer[];
  /** The index in `peers` of each statement's peer, or -1. */
  peerOf: Int32Array;
  /** The address a statement's rule makes this gateway's own (whether or not an earlier rule had made it so). */
  owned: Map<number, model.Value<string>>;
  /** The diagnostics a statement's rule added (only statements that added some). */
  ruleDiagnostics: Map<number, SyntaxDiagnostic[]>;
  /** The device's macro definitions and references, and how many the statements before each one made. */
  definitions: model.Definition[];
  references: model.Reference[];
  defsBefore: Int32Array;
  refsBefore: Int32Array;
}

const LOWERED = new WeakMap<ObsdFile, LowerMemo>();

/** The 0-based line of a peer's rule, from its label (`ike rule line N`). */
function labelLine(peer: model.IpsecPeer): number {
  return Number(peer.label.slice(peer.label.lastIndexOf(' ') + 1)) - 1;
}

/**
 * Adds what the previous lowering made of rule statement `was`, which the re-parse kept as statement `ctx.index`,
 * moved by `delta` characters and `lines` lines (0 for the statements before the edit): the same objects when
 * nothing moved, else copies with moved ranges (the previous version's model is left as it was); the Setters are the
 * same closures (they read the statement's nodes, which the re-parse moved, and the text through its `Source`).
 */
function reuseRule(ctx: LowerContext, st: ObsdStatement, prev: LowerMemo, was: number, delta: number, lines: number, i: number): void {
  const { device } = ctx;
  ctx.index = i;
  const diags = prev.ruleDiagnostics.get(was);
  if (diags) {
    const list = delta !== 0 ? diags.map((d) => ({ ...d, range: moved(d.range, delta) })) : diags;
    for (const d of list) ctx.diagnostics.push(d);
    ctx.ruleDiagnostics.set(i, list);
  }
  const p = prev.peerOf[was];
  if (p < 0) return;
  const peer = prev.peers[p];
  const oldLine = labelLine(peer);
  const line = oldLine + lines;
  // The label cursor continues from here.
  ctx.lines.offset = st.range.start;
  ctx.lines.line = line;
  const id = `ike-${device.ipsecPeers.length + 1}`;
  let owned = prev.owned.get(was);
  let next = peer;
  if (delta !== 0 || id !== peer.id || line !== oldLine) {
    next = movedPeer(peer, delta, id, line === oldLine ? peer.label : `ike rule line ${line + 1}`);
    if (owned && delta !== 0) owned = { ...owned, range: moved(owned.range!, delta) };
  }
  if (owned) addOwned(ctx, owned);
  if (next.psk) device.keys.push(next.psk);
  ctx.peerOf[i] = device.ipsecPeers.length;
  device.ipsecPeers.push(next);
}

function moved(r: TextRange, delta: number): TextRange {
  return { start: r.start + delta, end: r.end + delta };
}

/** A Value with its range moved (a shared default, which has none, is itself). */
function movedValue<T extends { range?: TextRange }>(v: T, delta: number): T {
  return v.range && delta !== 0 ? { ...v, range: moved(v.range, delta) } : v;
}

/**
 * A copy of a peer of the previous lowering with every range moved, its id and label: written out key by key in the
 * order `lowerIke` writes them (the same object shape, and the same JSON), the Setters the same closures.
 */
function movedPeer(p: model.IpsecPeer, delta: number, id: string, label: string): model.IpsecPeer {
  const p1 = p.phase1[0];
  const p2 = p.phase2[0];
  const k = p.psk;
  const key: model.PresharedKey | undefined = k ? { peer: k.peer, secret: movedValue(k.secret, delta), range: moved(k.range, delta), set: k.set } : undefined;
  const selectors: model.Selector[] = new Array(p.selectors.length);
  for (let i = 0; i < selectors.length; i++) {
    const s = p.selectors[i];
    selectors[i] = { local: s.local, remote: s.remote, protocol: s.protocol, localPort: s.localPort, remotePort: s.remotePort, range: moved(s.range, delta) };
  }
  return {
    id,
    label,
    range: moved(p.range, delta),
    remote: p.remote && movedValue(p.remote, delta),
    remoteAny: p.remoteAny,
    local: p.local && movedValue(p.local, delta),
    role: p.role,
    kind: p.kind,
    ikeVersion: p.ikeVersion,
    exchangeMode: movedValue(p.exchangeMode, delta),
    phase1: [{ label: p1.label, range: movedRange(p1.range, delta), encryption: movedValue(p1.encryption, delta), hash: movedValue(p1.hash, delta), dh: movedValue(p1.dh, delta), auth: movedValue(p1.auth, delta), lifetime: movedValue(p1.lifetime, delta) }],
    psk: key,
    phase2: [{ label: p2.label, range: movedRange(p2.range, delta), protocol: movedValue(p2.protocol, delta), encryption: movedValue(p2.encryption, delta), integrity: movedValue(p2.integrity, delta), mode: movedValue(p2.mode, delta) }],
    pfs: movedValue(p.pfs, delta),
    phase2Lifetime: p.phase2Lifetime && movedValue(p.phase2Lifetime, delta),
    selectors,
    addPsk: p.addPsk,
    setPhase1: p.setPhase1,
    setPhase2: p.setPhase2,
    setPfs: p.setPfs,
    setSelector: p.setSelector,
  };
}

function movedRange<T extends TextRange | undefined>(r: T, delta: number): T {
  return (r && delta !== 0 ? moved(r, delta) : r) as T;
}

interface LowerContext {
  uri: string;
  /** The document's text as the tree's tokens read it (a re-parse sets the next version's text in it). */
  doc: { readonly text: string };
  text: string;
  options: DialectOptions;
  diagnostics: SyntaxDiagnostic[];
  device: model.Device;
  ownedSeen: Set<string>;
  /**
   * A forward cursor for the `ike rule line N` labels: rules are lowered in file order, so the line of each is
   * counted on from the previous one (an array of every line start was 100,000 numbers for a few labels' sake).
   */
  lines: { offset: number; line: number };
  release: ReturnType<typeof releaseDefaults>;
  /** The shared frozen defaults of this release, looked up once per lowering rather than once per peer. */
  defaults: SharedDefaults;
  /** The shared one-item list of each written transform (`['aes-cbc-256']`), by its canonical id. */
  lists: Map<string, string[]>;
  /** The statement being lowered, and what the rules make, for the next version's lowering (`LowerMemo`). */
  index: number;
  peerOf: Int32Array;
  owned: Map<number, model.Value<string>>;
  ruleDiagnostics: Map<number, SyntaxDiagnostic[]>;
}

/**
 * The shared frozen default Values a peer may use (`model.sharedDefault` builds a key string of the value and its
 * note on every call: 12 per peer).
 */
interface SharedDefaults {
  main: model.Value<'main' | 'aggressive'>;
  phase1Encryption: model.Value<string[]>;
  phase1Hash: model.Value<string[]>;
  phase1Group: model.Value<string[]>;
  rsaSig: model.Value<model.Phase1Proposal['auth']['value']>;
  esp: model.Value<'esp' | 'ah'>;
  ahEncryption: model.Value<string[]>;
  phase2Encryption: model.Value<string[]>;
  aeadIntegrity: model.Value<string[]>;
  phase2Integrity: model.Value<string[]>;
  tunnel: model.Value<'tunnel' | 'transport'>;
  pfs: model.Value<string>;
}

function sharedDefaults(rel: ReturnType<typeof releaseDefaults>): SharedDefaults {
  return {
    main: model.sharedDefault<'main' | 'aggressive'>('main', 'ipsecctl default: main mode when neither `main` nor `aggressive` is given'),
    phase1Encryption: model.sharedDefault<string[]>([DEFAULTS.phase1Encryption], 'ipsecctl default when `enc` is absent in phase 1 (aes: offers 128-bit, accepts 128-256)'),
    phase1Hash: model.sharedDefault<string[]>([DEFAULTS.phase1Hash], 'ipsecctl default when `auth` is absent in phase 1 (hmac-sha1)'),
    phase1Group: model.sharedDefault<string[]>([rel.phase1Group], rel.groupNote),
    rsaSig: model.sharedDefault<model.Phase1Proposal['auth']['value']>('rsa-sig', 'ipsecctl default without `psk`: RSA signatures'),
    esp: model.sharedDefault<'esp' | 'ah'>('esp', 'ipsec.conf default: esp'),
    ahEncryption: model.sharedDefault<string[]>([], 'AH does not encrypt'),
    phase2Encryption: model.sharedDefault<string[]>([DEFAULTS.phase2Encryption], 'ipsecctl default when `enc` is absent in phase 2 (aes: offers 128-bit, accepts 128-256)'),
    aeadIntegrity: model.sharedDefault<string[]>(['none'], 'authenticated encryption: no separate integrity algorithm'),
    phase2Integrity: model.sharedDefault<string[]>([DEFAULTS.phase2Integrity], 'ipsecctl default when `auth` is absent in phase 2 (hmac-sha2-256)'),
    tunnel: model.sharedDefault<'tunnel' | 'transport'>('tunnel', 'ipsec.conf default: tunnel mode'),
    pfs: model.sharedDefault(rel.pfs, rel.pfsNote),
  };
}

function lowerRule(ctx: LowerContext, st: ObsdStatement, rule: RuleSyntax): void {
  const { pairs, familyMismatch } = expandPairs(rule);
  if (familyMismatch && rule.hosts) {
    const r = cover([...rule.hosts.src, ...rule.hosts.dst].map((h) => h.range));
    ctx.diagnostics.push({ range: r, severity: 'error', code: CODES.familyMismatch, message: 'Source and destination address families do not match: the rule expands to no valid combination' });
  }
  if (rule.type === 'flow') {
    const type = rule.flowType?.value?.value;
    if (type !== 'deny' && type !== 'bypass') {
      const dir = (rule.dir?.value as 'in' | 'out' | undefined) ?? 'out';
      const lacking = pairs.find((p) => !rule.peer?.host && !pairPeer(rule, p, dir));
      if (lacking && !rule.peer) {
        const dst = dir === 'in' ? lacking.src : lacking.dst;
        ctx.diagnostics.push({ range: dst.range, severity: 'error', code: CODES.flowWithoutPeer, message: `No peer for destination ${dst.written}: a flow to a network needs \`peer ADDRESS\`` });
      }
    }
    return;
  }
  if (rule.type !== 'ike') return;
  lowerIke(ctx, st, rule, pairs);
}

function lowerIke(ctx: LowerContext, st: ObsdStatement, rule: RuleSyntax, pairs: ReturnType<typeof expandPairs>['pairs']): void {
  const { device, uri } = ctx;
  const line = lineAt(ctx, st.range.start);
  const id = `ike-${device.ipsecPeers.length + 1}`;
  const setters = new RuleSetters(uri, ctx.doc, st, rule);

  // Remote gateway: `peer`, else the `to` host of a host rule; `peer any` / network rules use the default peer.
  let remote: model.Value<string> | undefined;
  let remoteAny: string | undefined;
  if (rule.peer?.host && !rule.peer.host.any) {
    const h = rule.peer.host;
    remote = { value: h.address ?? h.written, range: h.range };
  } else if (!rule.peer && !rule.iface && pairs.length > 0) {
    const first = pairPeer(rule, pairs[0]);
    if (first) remote = { value: first.host.address ?? first.host.written, range: first.host.range, default: 'ipsecctl: without `peer`, the `to` host of a host-to-host rule is the peer' };
  }
  if (!remote) remoteAny = '0.0.0.0/0';

  let local: model.Value<string> | undefined;
  if (rule.local?.host) {
    const h = rule.local.host;
    local = { value: h.address ?? h.written, range: h.range };
    addOwned(ctx, { value: local.value, range: h.range });
  } else if (remote?.default && pairs.length > 0 && !pairs[0].src.netaddress && pairs[0].src.address) {
    // Host-to-host rule without `local`: the `from` host is this gateway's own SA endpoint.
    const h = pairs[0].src;
    addOwned(ctx, { value: h.address!, range: h.range, default: 'ipsec.conf: in a host-to-host rule the `from` host is this gateway' });
  }

  const mode = rule.mode?.value ?? 'active';
  const role: model.IpsecPeer['role'] = mode === 'passive' ? 'responder' : mode === 'dynamic' ? 'both' : 'initiator';
  const p1 = rule.phase1;
  const p2 = rule.phase2;
  const psk = rule.ikeauth?.keyword.value === 'psk' ? rule.ikeauth : undefined;

  const d = ctx.defaults;
  const exchangeMode: model.Value<'main' | 'aggressive'> = p1 ? { value: p1.keyword.value === 'aggressive' ? 'aggressive' : 'main', range: p1.keyword.range } : d.main;

  // Defaults are shared frozen objects (one per distinct value); only lifetimes stay per peer, for their Setters.
  const phase1: model.Phase1Proposal = {
    label: p1 ? (p1.keyword.value === 'aggressive' ? 'aggressive' : 'main') : 'main (defaults)',
    range: p1 ? cover([p1.keyword.range, p1.last.range]) : undefined,
    encryption: xfValue(ctx, p1?.enc, d.phase1Encryption),
    hash: xfValue(ctx, p1?.auth, d.phase1Hash),
    dh: xfValue(ctx, p1?.group, d.phase1Group),
    auth: psk ? { value: 'psk', range: psk.keyword.range } : rule.ikeauth ? { value: 'rsa-sig', range: rule.ikeauth.keyword.range } : d.rsaSig,
    // The Setter is written with the value (a property added later would move the object's fields out of line).
    lifetime: p1?.lifetime?.seconds !== undefined ? { value: p1.lifetime.seconds, range: p1.lifetime.value!.range, set: (v) => setters.setLifetime('phase1', v) } : { value: DEFAULTS.phase1Lifetime, default: 'isakmpd default phase 1 lifetime (ipsec.conf(5): 3600 s)', set: (v) => setters.setLifetime('phase1', v) },
  };

  const satype = rule.satype?.value === 'ah' ? 'ah' : 'esp';
  const aead = p2?.enc?.canonical !== undefined && AEAD.has(p2.enc.canonical);
  const phase2: model.Phase2Proposal = {
    label: p2 ? 'quick' : 'quick (defaults)',
    range: p2 ? cover([p2.keyword.range, p2.last.range]) : undefined,
    protocol: rule.satype ? { value: satype, range: rule.satype.range } : d.esp,
    encryption: satype === 'ah' ? d.ahEncryption : xfValue(ctx, p2?.enc, d.phase2Encryption),
    integrity: aead && !p2?.auth ? d.aeadIntegrity : xfValue(ctx, p2?.auth, d.phase2Integrity),
    mode: rule.tmode ? { value: rule.tmode.value === 'transport' ? 'transport' : 'tunnel', range: rule.tmode.range } : d.tunnel,
  };

  const pfs: model.Value<string> = p2?.group?.value ? { value: p2.group.canonical ?? p2.group.value.value, range: p2.group.value.range } : d.pfs;
  const phase2Lifetime: model.Value<number> = p2?.lifetime?.seconds !== undefined ? { value: p2.lifetime.seconds, range: p2.lifetime.value!.range, set: (v) => setters.setLifetime('phase2', v) } : { value: DEFAULTS.phase2Lifetime, default: 'isakmpd default phase 2 lifetime (ipsec.conf(5): 1200 s)', set: (v) => setters.setLifetime('phase2', v) };

  const protocol = rule.proto?.value ? (rule.proto.number !== undefined && rule.proto.value.kind === 'number' ? String(rule.proto.number) : rule.proto.value.value) : 'ip';
  const localPort = rule.hosts?.srcPort?.value?.value;
  const remotePort = rule.hosts?.dstPort?.value?.value;
  const selectors: model.Selector[] = pairs.map((pair) => ({ local: hostPrefix(pair.src), remote: hostPrefix(pair.dst), protocol, localPort, remotePort, range: cover2(pair.src.range, pair.dst.range) }));

  let key: model.PresharedKey | undefined;
  if (psk?.value) {
    key = {
      peer: remote ? (model.isAddress(remote.value) ? model.canonicalPrefix(`${remote.value}/${remote.value.includes(':') ? 128 : 32}`)! : remote.value) : '0.0.0.0/0',
      secret: { kind: 'plain', plain: psk.value.value, range: psk.value.range },
      range: cover2(psk.keyword.range, psk.value.range),
      set: (value) => setters.setPsk(value),
    };
    device.keys.push(key);
  }

  // Setters come last: batch mode deletes them, and V8 keeps an object fast only when its newest properties go.
  const peer: model.IpsecPeer = {
    id,
    label: `ike rule line ${line + 1}`,
    range: cover2(rule.keyword.range, rule.hosts?.dst.length ? rule.hosts.dst[rule.hosts.dst.length - 1].range : (rule.hosts?.to ?? rule.keyword).range),
    remote,
    remoteAny,
    local,
    role,
    kind: 'openbsd',
    ikeVersion: IKE_V1,
    exchangeMode,
    phase1: [phase1],
    psk: key,
    phase2: [phase2],
    pfs,
    phase2Lifetime,
    selectors,
    addPsk: key ? undefined : (value) => setters.addPsk(value),
    setPhase1: (v) => setters.setPhase('phase1', { auth: v.hash, enc: v.encryption, group: v.dh }),
    setPhase2: (v) => setters.setPhase('phase2', { auth: v.integrity, enc: v.encryption }),
    setPfs: (g) => setters.setPhase('phase2', { group: g }),
    setSelector: (v) => setters.setSelector(pairs, v),
  };
  ctx.peerOf[ctx.index] = device.ipsecPeers.length;
  device.ipsecPeers.push(peer);
}

/** The 0-based line of `offset` (line breaks as `lineStarts` counts them: LF, CRLF, lone CR), counted forward. */
function lineAt(ctx: LowerContext, offset: number): number {
  const text = ctx.text;
  const cur = ctx.lines;
  if (offset < cur.offset) {
    cur.offset = 0;
    cur.line = 0;
  }
  let { offset: i, line } = cur;
  for (; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      line++;
    }
  }
  cur.offset = i;
  cur.line = line;
  return line;
}

/** `ipsec.conf drives isakmpd`: the same frozen value for every peer. */
const IKE_V1 = model.sharedDefault<1 | 2>(1, 'ipsec.conf drives isakmpd, which speaks IKEv1 only');

/** The range from the start of `a` to the end of `b` (or the reverse), without an intermediate array. */
function cover2(a: TextRange, b: TextRange): TextRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function addOwned(ctx: LowerContext, v: model.Value<string>): void {
  if (ctx.index >= 0) ctx.owned.set(ctx.index, v);
  if (ctx.ownedSeen.has(v.value)) return;
  ctx.ownedSeen.add(v.value);
  ctx.device.extraAddresses.push(v);
}

/**
 * A transform's value: a written one (its one-item list shared between peers, found by its canonical id in a map
 * of this lowering rather than by a key string per call), else the shared frozen default.
 */
function xfValue(ctx: LowerContext, xf: XfSyntax | undefined, fallback: model.Value<string[]>): model.Value<string[]> {
  if (!xf?.value) return fallback;
  const id = xf.canonical ?? xf.value.value;
  let list = ctx.lists.get(id);
  if (!list) ctx.lists.set(id, (list = model.sharedList([id])));
  return { value: list, range: xf.value.range };
}

/** Builds the edits behind the Setters of one `ike` rule. Offsets refer to the document the rule was parsed from. */
class RuleSetters {
  constructor(
    private readonly uri: string,
    /** The document's text, read when a Setter runs (the newest version's, when a re-parse kept the rule). */
    private readonly doc: { readonly text: string },
    private readonly st: ObsdStatement,
    private readonly rule: RuleSyntax,
  ) {}

  private edit(range: TextRange, newText: string): model.Edit {
    return { uri: this.uri, range, newText };
  }

  /** Where a clause of the given slot goes: before the first token of a later clause, else at the end of the rule. */
  private insertionPoint(before: ETok[]): number {
    let first = Infinity;
    for (const t of before) if (t.range.start < first) first = t.range.start;
    return before.length ? first : this.st.range.end;
  }

  private laterTokens(fromSlot: 'phase1' | 'phase2' | 'auth'): ETok[] {
    const r = this.rule;
    const res: ETok[] = [];
    if (fromSlot === 'phase1' && r.phase2) res.push(r.phase2.keyword);
    if (fromSlot !== 'auth') {
      if (r.srcid) res.push(r.srcid.keyword);
      if (r.dstid) res.push(r.dstid.keyword);
      if (r.ikeauth) res.push(r.ikeauth.keyword);
    }
    if (r.tag) res.push(r.tag.keyword);
    return res;
  }

  setPsk(value: string): model.Edit[] | undefined {
    const psk = this.rule.ikeauth;
    if (!psk?.value || psk.value.macro) return undefined;
    return [this.edit(psk.value.range, quote(value))];
  }

  addPsk(value: string): model.Edit[] | undefined {
    const auth = this.rule.ikeauth;
    if (auth && auth.keyword.value === 'rsa') return [this.edit(auth.keyword.range, `psk ${quote(value)}`)];
    const at = this.insertionPoint(this.laterTokens('auth'));
    return [this.insertAt(at, `psk ${quote(value)}`)];
  }

  /**
   * Rewrites the `from`/`to` hosts of the expanded pair whose selector range is `v.range`. Only for a rule with
   * one source and one destination written literally (no macro, list, `(nat)` or name) and an explicit `peer`:
   * without `peer`, a host-to-host rule's `to` host is also the IKE gateway, which a selector fix must not move.
   */
  setSelector(pairs: ReturnType<typeof expandPairs>['pairs'], v: { range: TextRange; local: string; remote: string }): model.Edit[] | undefined {
    const hs = this.rule.hosts;
    if (!hs || hs.src.length !== 1 || hs.dst.length !== 1 || !this.rule.peer?.host) return undefined;
    const pair = pairs.find((p) => Math.min(p.src.range.start, p.dst.range.start) === v.range.start);
    if (!pair) return undefined;
    const src = hs.src[0];
    const dst = hs.dst[0];
    for (const h of [src, dst]) if (h.nat || h.family !== 4 || this.doc.text.slice(h.range.start, h.range.end) !== h.written) return undefined;
    const local = hostText4(v.local);
    const remote = hostText4(v.remote);
    if (!local || !remote) return undefined;
    return [this.edit(src.range, local), this.edit(dst.range, remote)];
  }

  /** Inserts `text` at `at` with one separating space on the correct side. */
  private insertAt(at: number, text: string): model.Edit {
    if (at >= this.st.range.end) return this.edit({ start: this.st.range.end, end: this.st.range.end }, ` ${text}`);
    return this.edit({ start: at, end: at }, `${text} `);
  }

  /** Writes `lifetime S` (seconds) into the `main`/`quick` clause: replaces the value, appends it, or adds the clause. */
  setLifetime(phase: Phase, seconds: number): model.Edit[] | undefined {
    if (!Number.isInteger(seconds) || seconds <= 0) return undefined;
    const clause: PhaseSyntax | undefined = phase === 'phase1' ? this.rule.phase1 : this.rule.phase2;
    if (!clause) {
      const head = phase === 'phase1' ? 'main' : 'quick';
      return [this.insertAt(this.insertionPoint(this.laterTokens(phase)), `${head} lifetime ${seconds}`)];
    }
    if ([clause.keyword, clause.last].some((t) => t.macro)) return undefined;
    const life = clause.lifetime;
    if (life) {
      if (!life.value || life.value.macro) return undefined;
      return [this.edit(life.value.range, String(seconds))];
    }
    // `lifetime` comes after every transform of the clause: append it after the clause's last token.
    return [this.edit({ start: clause.last.range.end, end: clause.last.range.end }, ` lifetime ${seconds}`)];
  }

  /** Writes transform values (canonical ids) into the `main`/`quick` clause, creating the clause when absent. */
  setPhase(phase: Phase, values: { auth?: string; enc?: string; group?: string }): model.Edit[] | undefined {
    const spelled: { kind: 'auth' | 'enc' | 'group'; name: string }[] = [];
    for (const kind of ['auth', 'enc', 'group'] as const) {
      const v = values[kind];
      if (v === undefined) continue;
      const name = spellingOf(kind, phase, v);
      if (!name) return undefined;
      spelled.push({ kind, name });
    }
    const clause: PhaseSyntax | undefined = phase === 'phase1' ? this.rule.phase1 : this.rule.phase2;
    if (!clause) {
      const head = phase === 'phase1' ? 'main' : 'quick';
      const at = this.insertionPoint(this.laterTokens(phase));
      return [this.insertAt(at, [head, ...spelled.map((s) => `${s.kind} ${s.name}`)].join(' '))];
    }
    if ([clause.keyword, clause.last].some((t) => t.macro)) return undefined;
    const edits: model.Edit[] = [];
    const missing: string[] = [];
    for (const s of spelled) {
      const xf = clause[s.kind];
      if (xf?.value) {
        if (xf.value.macro) return undefined;
        edits.push(this.edit(xf.value.range, s.name));
      } else missing.push(`${s.kind} ${s.name}`);
    }
    if (missing.length) {
      // Transforms must come before `lifetime`; insert right after the last transform (or the clause keyword).
      const transforms = [clause.auth, clause.enc, clause.group, clause.comp].filter((x): x is XfSyntax => !!x).map((x) => x.value ?? x.keyword);
      const anchor = transforms.length ? transforms.reduce((a, b) => (a.range.end > b.range.end ? a : b)) : clause.keyword;
      edits.push(this.edit({ start: anchor.range.end, end: anchor.range.end }, ` ${missing.join(' ')}`));
    }
    return edits;
  }
}

/** An IPv4 prefix as ipsec.conf writes it: `any` for /0, a bare address for /32, else `network/len`. */
function hostText4(cidr: string): string | undefined {
  const p = model.parsePrefix(cidr);
  if (!p || p.family !== 4) return undefined;
  if (p.length === 0) return 'any';
  const net = model.networkOf(model.formatPrefix(p).split('/')[0], p.length);
  if (!net) return undefined;
  return p.length === 32 ? net.split('/')[0] : net;
}

/** Quotes a key for ipsec.conf: double quotes, with `"` escaped. */
function quote(value: string): string {
  return `"${value.replace(/"/g, '\\"')}"`;
}
