// Lowers an IOS tree into the neutral model (model.Device): interfaces, tunnels/NHRP, OSPF (effective per-interface
// values with IOS defaults), IKE/IPsec (crypto maps, dynamic maps, tunnel protection), keys, ACL selectors, SNMP,
// and the definitions/references behind ref/undefined and ref/unused. Writes Setters that render new values as edits.
// ASA lowering extends this class. Depends only on model/, syntax/ and this dialect's parser/catalog.

import * as model from '../../model';
import type { SyntaxDiagnostic, TextRange, Token } from '../../syntax';
import { expandKeyword, interfaceKind, normalizeInterfaceName } from './catalog';
import type { IosNode } from './parser';
import { secretArgs } from './secrets';
import type { ParseResult } from '../../syntax';

/** Cisco type 7 obfuscation table (public, widely documented); type 7 is reversible by design. */
const TYPE7_XLAT = 'dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87';

/** Decodes a Cisco type 7 string, or undefined when it is not valid type 7. */
export function decodeType7(enc: string): string | undefined {
  if (enc.length < 4 || enc.length % 2 !== 0 || !/^\d\d[0-9A-Fa-f]+$/.test(enc)) return undefined;
  const seed = Number(enc.slice(0, 2));
  let out = '';
  for (let i = 2; i < enc.length; i += 2) {
    const b = parseInt(enc.slice(i, i + 2), 16);
    out += String.fromCharCode(b ^ TYPE7_XLAT.charCodeAt((seed + (i - 2) / 2) % TYPE7_XLAT.length));
  }
  return out;
}

/** IOS encryption keyword(s) → canonical id (crypto-vocabulary.json, `ios.ikev1_policy.encryption`). */
const IOS_P1_ENC: Record<string, string> = { des: 'des', '3des': '3des', aes: 'aes-cbc-128', 'aes 128': 'aes-cbc-128', 'aes 192': 'aes-cbc-192', 'aes 256': 'aes-cbc-256' };
const IOS_P1_HASH: Record<string, string> = { md5: 'md5', sha: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };
const P1_AUTH: Record<string, 'psk' | 'rsa-sig' | 'rsa-encr' | 'other'> = { 'pre-share': 'psk', 'rsa-sig': 'rsa-sig', 'rsa-encr': 'rsa-encr', 'ecdsa-sig': 'other', crack: 'other' };
const IKEV2_ENC: Record<string, string> = {
  des: 'des', '3des': '3des', 'aes-cbc-128': 'aes-cbc-128', 'aes-cbc-192': 'aes-cbc-192', 'aes-cbc-256': 'aes-cbc-256',
  'aes-gcm-128': 'aes-gcm-128', 'aes-gcm-256': 'aes-gcm-256',
};
const IKEV2_INTEG: Record<string, string> = { md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' };
/** Transform-set ESP ciphers; a following 128/192/256 selects the key size. */
const ESP_ENC: Record<string, string> = { 'esp-des': 'des', 'esp-3des': '3des', 'esp-aes': 'aes-cbc-128', 'esp-gcm': 'aes-gcm-128', 'esp-gmac': 'aes-gmac-128', 'esp-null': 'null', 'esp-seal': 'seal' };
const ESP_INTEG: Record<string, string> = { 'esp-md5-hmac': 'md5', 'esp-sha-hmac': 'sha1', 'esp-sha256-hmac': 'sha256', 'esp-sha384-hmac': 'sha384', 'esp-sha512-hmac': 'sha512', 'esp-none': 'none' };
const AH_INTEG: Record<string, string> = { 'ah-md5-hmac': 'md5', 'ah-sha-hmac': 'sha1', 'ah-sha256-hmac': 'sha256', 'ah-sha384-hmac': 'sha384', 'ah-sha512-hmac': 'sha512' };

export function iosEncryptionKeyword(canonical: string): string | undefined {
  return { des: 'des', '3des': '3des', 'aes-cbc-128': 'aes', 'aes-cbc-192': 'aes 192', 'aes-cbc-256': 'aes 256' }[canonical];
}
export function iosHashKeyword(canonical: string): string | undefined {
  return { md5: 'md5', sha1: 'sha', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' }[canonical];
}
export function iosTransforms(enc: string, integ: string): string | undefined {
  const e = { des: 'esp-des', '3des': 'esp-3des', 'aes-cbc-128': 'esp-aes', 'aes-cbc-192': 'esp-aes 192', 'aes-cbc-256': 'esp-aes 256', 'aes-gcm-128': 'esp-gcm', 'aes-gcm-256': 'esp-gcm 256', null: 'esp-null' }[enc];
  const i = { md5: 'esp-md5-hmac', sha1: 'esp-sha-hmac', sha256: 'esp-sha256-hmac', sha384: 'esp-sha384-hmac', sha512: 'esp-sha512-hmac', none: '' }[integ];
  if (e === undefined || i === undefined) return undefined;
  return i ? `${e} ${i}` : e;
}

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
}

export interface IfaceInfo {
  itf: model.Interface;
  node: IosNode;
  ospf: OspfIfSettings;
  tunnelSourceRef?: { name: string; token: Token };
  ipMtu?: model.Value<number>;
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

const PROTOCOLS = new Set(['ip', 'tcp', 'udp', 'icmp', 'gre', 'esp', 'ahp', 'ah', 'ospf', 'eigrp', 'pim', 'igmp', 'ipinip', 'nos', 'pcp', 'sctp', 'icmp6', 'ipv6', 'ipsec', 'snp']);
const PORT_OPS = new Set(['eq', 'neq', 'lt', 'gt']);

function looksNumericAddress(t: string): boolean {
  if (t.length === 0) return false;
  const c = t.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return false;
  for (let i = 0; i < t.length; i++) {
    const d = t.charCodeAt(i);
    if (!((d >= 48 && d <= 57) || d === 46)) return false;
  }
  return true;
}

/** The shared IOS/ASA lowering. One instance per lowering run. */
export class IosLowering {
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
  protected ipsecProfiles = new Map<string, { node: IosNode; transformSets: MapEntry['transformSets']; pfs?: MapEntry['pfs']; lifetime?: MapEntry['lifetime']; ikev2Profile?: string; isakmpProfile?: string }>();
  protected isakmpProfiles = new Map<string, { keyring?: string }>();
  protected mapEntries: MapEntry[] = [];
  protected mapLocalAddress = new Map<string, string>();
  protected acls = new Map<string, AclInfo>();
  protected globalP2Lifetime?: { value: number; range: TextRange };
  /** Offsets of name tokens inside definitions (not counted as uses by the word scan). */
  protected defTokens = new Set<number>();
  protected singleDefs = new Map<string, model.Definition>();
  protected lastGlobal?: IosNode;

  constructor(protected readonly parsed: ParseResult<IosNode>, uri: string) {
    this.text = parsed.text;
    this.uri = uri;
    this.root = parsed.tree;
    this.eol = this.text.includes('\r\n') ? '\r\n' : '\n';
    const base = uri.split('/').pop() ?? uri;
    this.device = model.emptyDevice(uri, this.dialectId(), base);
  }

  protected dialectId(): model.DialectId {
    return 'cisco-ios';
  }

  /** Runs the lowering. */
  run(): { device: model.Device; diagnostics: SyntaxDiagnostic[] } {
    for (const node of this.root.children) {
      if (node.kind !== 'IosCommand' && node.kind !== 'IosBanner' && node.kind !== 'IosCertificate') continue;
      if (node.kind === 'IosCommand') this.lastGlobal = node;
      try {
        if (node.negated) this.globalNegated(node);
        else this.global(node);
      } catch {
        // A lowering bug on one command must not lose the rest of the file.
      }
    }
    this.finish();
    return { device: this.device, diagnostics: [...this.parsed.diagnostics, ...this.diagnostics] };
  }

  /** Phase-1 proposals (ISAKMP / IKEv1 policies) in priority order, for hover. Valid after `run()`. */
  phase1Proposals(): model.Phase1Proposal[] {
    return this.phase1List(1);
  }

  // ------------------------------------------------------------------ helpers

  protected key(node: IosNode): string {
    return node.pathKey ?? node.path.join(' ');
  }
  protected arg(node: IosNode, i: number): Token | undefined {
    return node.words[node.path.length + i];
  }
  /** Maps each argument through a keyword table; an unknown keyword is `syntax/invalid-value` ("not an <what>"). */
  protected convertArgs(args: Token[], table: Record<string, string>, what: string): string[] {
    const out: string[] = [];
    for (const t of args) {
      const v = table[t.text.toLowerCase()];
      if (v) out.push(v);
      else this.error(t, 'syntax/invalid-value', `'${t.text}' is not an ${what}`);
    }
    return out;
  }

  protected args(node: IosNode): Token[] {
    return node.words.slice(node.path.length);
  }
  protected lw(t: Token | undefined): string {
    return t ? t.text.toLowerCase() : '';
  }
  protected error(range: TextRange, code: string, message: string, severity: SyntaxDiagnostic['severity'] = 'error'): void {
    this.diagnostics.push({ range: { start: range.start, end: range.end }, severity, code, message });
  }
  protected missing(node: IosNode, what: string): void {
    const w = node.words[node.words.length - 1] ?? node.tokens[0];
    if (!w) return;
    // Name the command by its keywords only: arguments may be secrets (`crypto isakmp key K …`).
    const name = node.path.length ? node.path.join(' ') : node.words[0]?.text ?? '';
    this.error({ start: w.start, end: w.end }, 'syntax/missing-argument', `'${name}' is missing ${what}`);
  }
  /** Text of the line from token `t` to the end of the node's header line (descriptions, remarks). */
  protected restOfLine(node: IosNode, t: Token | undefined): string {
    if (!t) return '';
    return this.text.slice(t.start, node.lineEnd).trimEnd();
  }
  protected address(t: Token | undefined, node: IosNode, what = 'an IPv4 address'): string | undefined {
    if (!t) {
      this.missing(node, what);
      return undefined;
    }
    const a = model.parseIpv4(t.text);
    if (a === undefined) {
      this.error(t, 'syntax/invalid-address', `'${t.text}' is not ${what}`);
      return undefined;
    }
    return model.formatIpv4(a);
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
  protected define(kind: string, name: string, token: Token, full: TextRange, extra: Partial<model.Definition> = {}): model.Definition {
    this.defTokens.add(token.start);
    const k = `${kind}\u0000${name}`;
    const existing = this.singleDefs.get(k);
    if (existing) {
      existing.fullRange = { start: Math.min(existing.fullRange.start, full.start), end: Math.max(existing.fullRange.end, full.end) };
      return existing;
    }
    const d: model.Definition = { kind, name, range: { start: token.start, end: token.end }, fullRange: { start: full.start, end: full.end }, ...extra };
    this.singleDefs.set(k, d);
    this.device.definitions.push(d);
    return d;
  }
  protected ref(kind: string, token: Token | undefined, alsoKinds?: string[]): void {
    if (!token) return;
    this.defTokens.add(token.start);
    this.device.references.push({ kind, name: token.text, range: { start: token.start, end: token.end }, ...(alsoKinds ? { alsoKinds } : {}) });
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
    for (let i = kids.length - 1; i >= 0; i--) if (kids[i].path[0] !== 'end' && this.lw(kids[i].words[0]) !== 'end' && this.lw(kids[i].words[0]) !== ':') return kids[i];
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

  // ------------------------------------------------------------------ global commands

  protected globalNegated(node: IosNode): void {
    // `no` forms at global level only matter for a few defaults; nothing to model yet.
    void node;
  }

  protected global(node: IosNode): void {
    switch (this.key(node)) {
      case 'hostname': {
        const t = this.arg(node, 0);
        if (!t) return this.missing(node, 'a host name');
        this.device.name = t.text.replace(/^"|"$/g, '');
        this.device.hostnameRange = { start: t.start, end: t.end };
        return;
      }
      case 'version': {
        const t = this.arg(node, 0);
        if (t) this.device.platformVersion = t.text;
        return;
      }
      case 'interface':
        return this.lowerInterface(node);
      case 'router ospf':
        return this.lowerOspf(node);
      case 'crypto isakmp policy':
        return this.lowerIsakmpPolicy(node);
      case 'crypto isakmp key':
        return this.lowerIsakmpKey(node);
      case 'crypto keyring':
        return this.lowerKeyring(node);
      case 'crypto isakmp profile':
        return this.lowerIsakmpProfile(node);
      case 'crypto ikev2 proposal':
        return this.lowerIkev2Proposal(node);
      case 'crypto ikev2 policy':
        return this.lowerIkev2Policy(node);
      case 'crypto ikev2 keyring':
        return this.lowerIkev2Keyring(node);
      case 'crypto ikev2 profile':
        return this.lowerIkev2Profile(node);
      case 'crypto ipsec transform-set':
        return this.lowerTransformSet(node);
      case 'crypto ipsec profile':
        return this.lowerIpsecProfile(node);
      case 'crypto ipsec security-association': {
        const a = this.args(node).map((t) => t.text.toLowerCase());
        const i = a.indexOf('seconds');
        if (a[0] === 'lifetime' && i >= 0) {
          const v = this.int(this.arg(node, i + 1), node, 60, 86400 * 7, 'lifetime in seconds');
          if (v !== undefined) this.globalP2Lifetime = { value: v, range: node.range };
        }
        return;
      }
      case 'crypto map':
        return this.lowerCryptoMap(node, false);
      case 'crypto dynamic-map':
        return this.lowerCryptoMap(node, true);
      case 'ip access-list standard':
      case 'ip access-list extended':
        return this.lowerNamedAcl(node, node.path[2] === 'standard' ? 'standard' : 'extended');
      case 'access-list':
        return this.lowerAccessListLine(node);
      case 'ip prefix-list': {
        const t = this.arg(node, 0);
        if (t && this.lw(t) !== 'sequence-number') this.define('prefix-list', t.text, t, node.range);
        return;
      }
      case 'route-map':
        return this.lowerRouteMap(node);
      case 'object-group':
        return this.lowerObjectGroup(node);
      case 'mac access-list extended':
      case 'ipv6 access-list': {
        const t = this.lastArg(node);
        if (t) this.aclInfo(t, node);
        return;
      }
      case 'ip local pool': {
        const t = this.arg(node, 0);
        if (!t) return this.missing(node, 'a pool name');
        this.define('pool', t.text, t, node.range);
        if (!this.arg(node, 1)) return this.missing(node, 'the first address of the pool');
        return;
      }
      case 'class-map':
        return this.lowerClassMap(node);
      case 'policy-map':
        return this.lowerPolicyMap(node);
      case 'snmp-server community':
      case 'snmp-server view':
      case 'snmp-server group':
      case 'snmp-server user':
      case 'snmp-server tftp-server-list':
        return this.lowerSnmp(node);
      case 'line':
        for (const c of node.children) if (c.path[0] === 'access-class') this.ref('acl', this.arg(c, 0));
        return;
      case 'key chain': {
        const t = this.arg(node, 0);
        if (t) this.define('key-chain', t.text, t, node.range);
        return;
      }
      case 'vlan': {
        const t = this.arg(node, 0);
        if (t) this.define('vlan', t.text, t, node.range, { builtin: true });
        return;
      }
      case 'crypto pki trustpoint':
      case 'crypto ca trustpoint': {
        const t = this.arg(node, 0);
        if (t) this.define('trustpoint', t.text, t, node.range, { implicitlyUsed: true });
        return;
      }
      case 'control-plane':
        for (const c of node.children) if (c.path[0] === 'service-policy') this.ref('policy-map', this.lastArg(c));
        return;
      default:
        return;
    }
  }

  protected lastArg(node: IosNode): Token | undefined {
    const a = this.args(node);
    return a[a.length - 1];
  }

  // ------------------------------------------------------------------ interfaces

  protected interfaceName(node: IosNode): { name: string; range: TextRange } | undefined {
    const a = this.args(node);
    if (!a.length) return undefined;
    let text = a[0].text;
    let end = a[0].end;
    // `interface GigabitEthernet 0/1` (type and number split).
    if (a.length > 1 && !/\d/.test(text) && /^\d/.test(a[1].text)) {
      text += a[1].text;
      end = a[1].end;
    }
    return { name: normalizeInterfaceName(text), range: { start: a[0].start, end } };
  }

  protected lowerInterface(node: IosNode): void {
    const n = this.interfaceName(node);
    if (!n) return this.missing(node, 'an interface name');
    const kind = interfaceKind(n.name);
    const itf: model.Interface = { name: n.name, nameRange: n.range, range: node.range, kind, addresses: [], shutdown: false };
    const info: IfaceInfo = { itf, node, ospf: {} };
    this.define('interface', n.name, { kind: 'word', start: n.range.start, end: n.range.end, text: n.name }, node.range, { builtin: true });
    const prev = this.ifaceByName.get(n.name);
    if (prev) {
      // The same interface configured twice: merge into the first block.
      this.interfaceBody(prev, node);
      return;
    }
    this.interfaces.push(info);
    this.ifaceByName.set(n.name, info);
    this.device.interfaces.push(itf);
    if (kind === 'tunnel') itf.tunnel = { mode: { value: 'gre', default: 'IOS default `tunnel mode gre ip`' }, insertAt: node.lineEnd };
    this.interfaceBody(info, node);
  }

  protected interfaceBody(info: IfaceInfo, block: IosNode): void {
    for (const c of block.children) {
      if (c.kind !== 'IosCommand') continue;
      try {
        this.interfaceCommand(info, c, block);
      } catch {
        // keep going
      }
    }
  }

  protected interfaceCommand(info: IfaceInfo, c: IosNode, block: IosNode): void {
    const itf = info.itf;
    const k = this.key(c);
    if (c.negated) {
      if (k === 'shutdown') itf.shutdown = false;
      return;
    }
    const words = c.words.map((w) => w.text.toLowerCase());
    if (k === 'description') {
      itf.description = this.restOfLine(c, this.arg(c, 0));
      return;
    }
    if (k === 'shutdown') {
      itf.shutdown = true;
      return;
    }
    if (k === 'ip address') return this.interfaceAddress(info, c);
    if (k === 'mtu' || k === 'ip mtu') {
      const v = this.int(this.arg(c, 0), c, 64, 65535, 'MTU');
      if (v !== undefined) {
        const val: model.Value<number> = { value: v, range: c.range };
        if (k === 'ip mtu') info.ipMtu = val;
        else if (!info.ipMtu) itf.mtu = val;
      }
      if (info.ipMtu) itf.mtu = info.ipMtu;
      return;
    }
    if (k === 'crypto map') {
      const t = this.arg(c, 0);
      if (!t) return this.missing(c, 'a crypto map name');
      itf.cryptoMap = { value: t.text, range: t };
      this.ref('crypto-map', t);
      return;
    }
    if (k === 'ip access-group') {
      this.ref('acl', this.arg(c, 0));
      return;
    }
    if (k === 'service-policy') {
      this.ref('policy-map', this.lastArg(c));
      return;
    }
    if (words[0] === 'tunnel' || words[0] === 'ip' && words[1] === 'nhrp') return this.tunnelCommand(info, c, block);
    if ((words[0] === 'ip' && words[1] === 'ospf') || (this.platform === 'ASA' && words[0] === 'ospf')) return this.ospfInterfaceCommand(info, c, words[0] === 'ip' ? 2 : 1);
  }

  protected interfaceAddress(info: IfaceInfo, c: IosNode): void {
    const a0 = this.arg(c, 0);
    if (!a0) return this.missing(c, 'an address and mask');
    const l0 = this.lw(a0);
    if (l0 === 'dhcp' || l0 === 'negotiated' || l0 === 'pppoe') return;
    // `ip address virtual …`, ASA `name` aliases and other forms netcfg does not model.
    if (!/^[\d.\/]+$/.test(a0.text)) return;
    const slash = a0.text.indexOf('/');
    if (slash > 0) {
      // IOS-XE also accepts `ip address A.B.C.D/LEN`.
      const p = model.parsePrefix(a0.text);
      const ad = model.canonicalAddress(a0.text.slice(0, slash));
      if (!p || !ad) return this.error(a0, 'syntax/invalid-address', `'${a0.text}' is not an IPv4 address with a prefix length`);
      const sec = this.lw(this.arg(c, 1)) === 'secondary';
      info.itf.addresses.push({ address: ad, prefixLength: p.length, range: { start: a0.start, end: a0.end }, ...(sec ? { secondary: true } : {}) });
      return;
    }
    const addr = this.address(a0, c);
    if (addr === undefined) return;
    const len = this.mask(this.arg(c, 1), c);
    if (addr === undefined || len === undefined) return;
    const secondary = this.lw(this.arg(c, 2)) === 'secondary';
    info.itf.addresses.push({ address: addr, prefixLength: len, range: { start: a0.start, end: this.arg(c, 1)!.end }, ...(secondary ? { secondary: true } : {}) });
    if (this.lw(this.arg(c, 2)) === 'standby') this.address(this.arg(c, 3), c, 'a standby IPv4 address');
  }

  protected tunnelCommand(info: IfaceInfo, c: IosNode, block: IosNode): void {
    const itf = info.itf;
    if (!itf.tunnel) itf.tunnel = { mode: { value: 'gre', default: 'IOS default `tunnel mode gre ip`' }, insertAt: block.lineEnd };
    const t = itf.tunnel;
    const k = this.key(c);
    const a = this.args(c);
    switch (k) {
      case 'tunnel source': {
        const s = a[0];
        if (!s) return this.missing(c, 'an interface or address');
        if (looksNumericAddress(s.text)) {
          const addr = this.address(s, c);
          if (addr) t.source = { value: addr, range: s };
        } else if (this.lw(s) !== 'dynamic') {
          const name = normalizeInterfaceName(a.length > 1 && /^\d/.test(a[1].text) ? s.text + a[1].text : s.text);
          t.sourceInterface = name;
          info.tunnelSourceRef = { name, token: s };
          this.device.references.push({ kind: 'interface', name, range: { start: s.start, end: s.end } });
        }
        return;
      }
      case 'tunnel destination': {
        const d = a[0];
        if (!d) return this.missing(c, 'an address');
        if (looksNumericAddress(d.text)) {
          const addr = this.address(d, c);
          if (addr) t.destination = { value: addr, range: d, set: (v) => [this.edit(d, v)] };
        } else t.destination = { value: d.text, range: d, set: (v) => [this.edit(d, v)] };
        return;
      }
      case 'tunnel mode': {
        const m = a.map((x) => x.text.toLowerCase()).join(' ');
        const value: model.Tunnel['mode']['value'] =
          m === 'gre multipoint' ? 'mgre' : m === 'gre' || m.startsWith('gre ip') ? 'gre' : m.startsWith('ipsec') ? 'ipsec' : m.startsWith('ipip') ? 'ipip' : 'other';
        if (!a.length) return this.missing(c, 'a tunnel mode');
        t.mode = { value, range: c.range };
        return;
      }
      case 'tunnel key': {
        const kt = a[0];
        if (!kt) return this.missing(c, 'a key');
        if (this.int(kt, c, 0, 4294967295, 'tunnel key') === undefined) return;
        t.key = { value: kt.text, range: kt, set: (v) => [this.edit(kt, v)] };
        return;
      }
      case 'tunnel protection ipsec profile': {
        const p = a[0];
        if (!p) return this.missing(c, 'an IPsec profile name');
        t.protection = { value: p.text, range: p };
        this.ref('ipsec-profile', p);
        return;
      }
      case 'ip nhrp network-id': {
        const v = a[0];
        if (!v) return this.missing(c, 'a network id');
        if (this.int(v, c, 1, 4294967295, 'NHRP network id') === undefined) return;
        this.nhrp(t).networkId = { value: v.text, range: v, set: (x) => [this.edit(v, x)] };
        return;
      }
      case 'ip nhrp nhs': {
        const v = a[0];
        if (!v) return this.missing(c, 'a next-hop server address');
        if (this.lw(v) === 'dynamic') return;
        const addr = this.address(v, c);
        if (addr) this.nhrp(t).nhs.push({ value: addr, range: v, set: (x) => [this.edit(v, x)] });
        return;
      }
      case 'ip nhrp map multicast': {
        const v = a[0];
        if (!v) return this.missing(c, 'an NBMA address or `dynamic`');
        if (this.lw(v) === 'dynamic') {
          this.nhrp(t).multicastMaps.push({ nbma: 'dynamic', range: c.range });
          return;
        }
        const addr = this.address(v, c, 'an NBMA address');
        if (addr) this.nhrp(t).multicastMaps.push({ nbma: addr, range: c.range });
        return;
      }
      case 'ip nhrp map': {
        if (a.length < 2) return this.missing(c, 'a tunnel address and an NBMA address');
        const ta = this.address(a[0], c, 'a tunnel address');
        const nb = this.address(a[1], c, 'an NBMA address');
        if (ta && nb)
          this.nhrp(t).maps.push({
            tunnelAddress: ta,
            nbma: nb,
            range: c.range,
            set: (v) => [this.replaceLine(c, `ip nhrp map ${v.tunnelAddress} ${v.nbma}`)],
          });
        return;
      }
      case 'ip nhrp authentication': {
        const v = a[0];
        if (!v) return this.missing(c, 'an authentication string');
        this.nhrp(t).auth = { secret: { kind: 'plain', plain: v.text, range: { start: v.start, end: v.end } }, range: c.range, set: (x) => [this.edit(v, x)] };
        return;
      }
      case 'ip nhrp holdtime': {
        const v = this.int(a[0], c, 1, 65535, 'NHRP holdtime');
        if (v !== undefined) this.nhrp(t).holdtime = { value: v, range: a[0] };
        return;
      }
      default:
        return;
    }
  }

  protected nhrp(t: model.Tunnel): model.Nhrp {
    if (!t.nhrp) t.nhrp = { nhs: [], maps: [], multicastMaps: [] };
    return t.nhrp;
  }

  // ------------------------------------------------------------------ tunnel quick-fix setters

  /** Inserts a sub-mode line before `node` (same indentation). */
  protected insertLineBefore(node: IosNode, line: string): model.Edit {
    const start = node.range.start - node.indent;
    return this.edit({ start, end: start }, `${this.text.slice(start, node.range.start)}${line}${this.eol}`);
  }

  /** Inserts a sub-mode line after `node` (same indentation). */
  protected insertLineAfter(node: IosNode, line: string): model.Edit {
    return this.edit({ start: node.lineEnd, end: node.lineEnd }, `${this.eol}${this.text.slice(node.range.start - node.indent, node.range.start)}${line}`);
  }

  /**
   * Setters that add, change or remove `tunnel key`, `ip nhrp authentication`, `ip nhrp map multicast` and
   * `tunnel protection ipsec profile` on a tunnel interface, placed where IOS shows them in the running config.
   */
  protected attachTunnelSetters(info: IfaceInfo): void {
    const t = info.itf.tunnel;
    if (!t) return;
    const block = info.node;
    const lines = (pred: (k: string) => boolean) => block.children.filter((c) => c.kind === 'IosCommand' && !c.negated && pred(this.key(c)));
    const nhrpLines = () => lines((k) => k.startsWith('ip nhrp '));
    t.setKey = (v) => {
      const existing = lines((k) => k === 'tunnel key');
      if (v === undefined) return existing.length ? existing.map((n) => this.deleteLine(n)) : undefined;
      if (!/^\d+$/.test(v) || Number(v) > 4294967295) return undefined;
      const line = `tunnel key ${v}`;
      if (existing.length) return [this.replaceLine(existing[existing.length - 1], line), ...existing.slice(0, -1).map((n) => this.deleteLine(n))];
      const protection = lines((k) => k.startsWith('tunnel protection'))[0];
      return [protection ? this.insertLineBefore(protection, line) : this.insertInBlock(block, line)];
    };
    t.setNhrpAuth = (v) => {
      const existing = lines((k) => k === 'ip nhrp authentication');
      if (v === undefined) return existing.length ? existing.map((n) => this.deleteLine(n)) : undefined;
      if (!/^\S+$/.test(v)) return undefined;
      const line = `ip nhrp authentication ${v}`;
      if (existing.length) return [this.replaceLine(existing[existing.length - 1], line), ...existing.slice(0, -1).map((n) => this.deleteLine(n))];
      const first = nhrpLines()[0];
      return [first ? this.insertLineBefore(first, line) : this.insertInBlock(block, line)];
    };
    t.addMulticastMap = (nbma) => {
      const target = nbma.toLowerCase() === 'dynamic' ? 'dynamic' : model.canonicalAddress(nbma);
      if (!target || target.includes(':')) return undefined;
      const line = `ip nhrp map multicast ${target}`;
      const after = lines((k) => k.startsWith('ip nhrp map') || k === 'ip nhrp authentication');
      if (after.length) return [this.insertLineAfter(after[after.length - 1], line)];
      const first = nhrpLines()[0];
      return [first ? this.insertLineBefore(first, line) : this.insertInBlock(block, line)];
    };
    t.setProtection = (name) => {
      if (!/^\S+$/.test(name)) return undefined;
      const line = `tunnel protection ipsec profile ${name}`;
      const existing = lines((k) => k === 'tunnel protection ipsec profile')[0];
      return [existing ? this.replaceLine(existing, line) : this.insertInBlock(block, line)];
    };
  }

  protected ospfInterfaceCommand(info: IfaceInfo, c: IosNode, at: number): void {
    const w = c.words;
    const sub = this.lw(w[at]);
    const o = info.ospf;
    const rest = w.slice(at + 1);
    switch (sub) {
      case 'network': {
        const m = rest.map((x) => x.text.toLowerCase()).join(' ');
        const map: Record<string, model.OspfNetworkType> = {
          broadcast: 'broadcast',
          'non-broadcast': 'non-broadcast',
          'point-to-point': 'point-to-point',
          'point-to-multipoint': 'point-to-multipoint',
          'point-to-multipoint non-broadcast': 'point-to-multipoint-non-broadcast',
          'point-to-point non-broadcast': 'non-broadcast',
        };
        const v = map[m] ?? map[expandKeyword(m, Object.keys(map)) ?? ''];
        if (!rest.length) return this.missing(c, 'a network type');
        if (!v) return this.error({ start: rest[0].start, end: rest[rest.length - 1].end }, 'syntax/invalid-value', `'${m}' is not an OSPF network type`);
        o.network = { value: v, node: c };
        return;
      }
      case 'hello-interval': {
        const v = this.int(rest[0], c, 1, 65535, 'hello interval');
        if (v !== undefined) o.hello = { value: v, node: c };
        return;
      }
      case 'dead-interval': {
        if (this.lw(rest[0]) === 'minimal') return;
        const v = this.int(rest[0], c, 1, 65535, 'dead interval');
        if (v !== undefined) o.dead = { value: v, node: c };
        return;
      }
      case 'priority': {
        const v = this.int(rest[0], c, 0, 255, 'OSPF priority');
        if (v !== undefined) o.priority = { value: v, node: c };
        return;
      }
      case 'cost': {
        const v = this.int(rest[0], c, 1, 65535, 'OSPF cost');
        if (v !== undefined) o.cost = { value: v, node: c };
        return;
      }
      case 'mtu-ignore':
        o.mtuIgnore = true;
        return;
      case 'authentication': {
        const kw = this.lw(rest[0]);
        const type: model.OspfAuth['type'] = kw === '' ? 'simple' : kw === 'message-digest' ? 'keyed-md5' : kw === 'null' ? 'none' : kw === 'key-chain' ? 'hmac-sha256' : 'simple';
        o.authType = { value: type, node: c };
        return;
      }
      case 'authentication-key': {
        let typeTok: Token | undefined;
        let keyTok = rest[0];
        if (rest.length > 1 && /^[07]$/.test(rest[0].text)) {
          typeTok = rest[0];
          keyTok = rest[1];
        }
        if (!keyTok) return this.missing(c, 'a key');
        o.simpleKey = { secret: this.secretFrom(typeTok, keyTok), token: keyTok, typeToken: typeTok };
        return;
      }
      case 'message-digest-key': {
        const id = this.int(rest[0], c, 1, 255, 'key id');
        if (this.lw(rest[1]) !== 'md5') return this.missing(c, '`md5` and a key');
        let typeTok: Token | undefined;
        let keyTok = rest[2];
        if (rest.length > 3 && /^[07]$/.test(rest[2].text)) {
          typeTok = rest[2];
          keyTok = rest[3];
        }
        if (!keyTok) return this.missing(c, 'a key');
        if (id !== undefined && !o.md5Key) o.md5Key = { secret: this.secretFrom(typeTok, keyTok), keyId: id, token: keyTok, typeToken: typeTok };
        return;
      }
      default: {
        // `ip ospf PROCESS area AREA`
        if (/^\d+$/.test(w[at]?.text ?? '') && this.lw(rest[0]) === 'area') {
          const area = rest[1];
          if (!area) return this.missing(c, 'an area id');
          o.area = { process: w[at].text, area: normalizeArea(area.text), range: c.range };
        }
        return;
      }
    }
  }

  // ------------------------------------------------------------------ OSPF

  protected lowerOspf(node: IosNode): void {
    const idTok = this.arg(node, 0);
    if (!idTok) return this.missing(node, 'a process id');
    const proc: model.OspfProcess = { id: idTok.text, range: node.range, version: 2, areas: [], neighbors: [] };
    const info: OspfProcInfo = { proc, node, networks: [], areaAuth: new Map(), passive: new Map() };
    this.ospfProcs.push(info);
    this.device.ospf.push(proc);
    const areaType = new Map<string, 'normal' | 'stub' | 'nssa'>();
    for (const c of node.children) {
      if (c.kind !== 'IosCommand') continue;
      const k = this.key(c);
      const a = this.args(c);
      if (k === 'passive-interface') {
        if (this.lw(a[0]) === 'default') {
          if (!c.negated) info.passiveDefault = c.range;
          continue;
        }
        if (!a[0]) {
          this.missing(c, 'an interface name');
          continue;
        }
        const name = this.platform === 'ASA' ? a[0].text : normalizeInterfaceName(a.length > 1 && /^\d/.test(a[1].text) ? a[0].text + a[1].text : a[0].text);
        info.passive.set(name, { passive: !c.negated, range: c.range });
        continue;
      }
      if (c.negated) continue;
      if (k === 'router-id') {
        const v = this.address(a[0], c, 'a router id');
        if (v) proc.routerId = { value: v, range: a[0] };
      } else if (k === 'network') {
        this.ospfNetwork(info, c, a);
      } else if (k === 'area') {
        const id = a[0];
        if (!id) {
          this.missing(c, 'an area id');
          continue;
        }
        const area = normalizeArea(id.text);
        const what = this.lw(a[1]);
        if (what === 'stub') areaType.set(area, 'stub');
        else if (what === 'nssa') areaType.set(area, 'nssa');
        else if (what === 'authentication') info.areaAuth.set(area, { type: this.lw(a[2]) === 'message-digest' ? 'keyed-md5' : 'simple', range: c.range });
      } else if (k === 'neighbor') {
        const v = this.address(a[0], c, 'a neighbour address');
        if (v) proc.neighbors.push({ value: v, range: a[0] });
      }
    }
    const areas = new Set<string>([...info.networks.map((n) => n.area), ...areaType.keys()]);
    for (const area of areas) proc.areas.push({ id: area, type: areaType.get(area) ?? 'normal' });
  }

  /** IOS: `network ADDRESS WILDCARD area AREA`. ASA overrides (mask instead of wildcard). */
  protected ospfNetwork(info: OspfProcInfo, c: IosNode, a: Token[]): void {
    if (a.length < 4 || this.lw(a[2]) !== 'area') return this.missing(c, 'ADDRESS WILDCARD area AREA');
    const addr = this.address(a[0], c);
    if (!addr) return;
    const len = model.wildcardToLength(a[1].text);
    if (len === undefined) {
      if (model.parseIpv4(a[1].text) === undefined) this.error(a[1], 'syntax/invalid-mask', `'${a[1].text}' is not a wildcard mask`);
      return; // non-contiguous wildcards are legal but not modelled
    }
    const prefix = model.networkOf(addr, len)!;
    info.networks.push({ prefix, length: len, area: normalizeArea(a[3].text), range: c.range });
  }

  protected ospfTypeDefault(itf: model.Interface): { value: model.OspfNetworkType; why: string } {
    if (itf.kind === 'loopback') return { value: 'loopback', why: 'IOS default on loopback interfaces' };
    if (itf.kind === 'tunnel') return { value: 'point-to-point', why: 'IOS default on GRE/mGRE tunnel interfaces (interop-rules U-11, unconfirmed)' };
    if (itf.name.startsWith('Serial')) return { value: 'point-to-point', why: 'IOS default on serial (HDLC/PPP) interfaces' };
    return { value: 'broadcast', why: `${this.platform} default on Ethernet/LAN interfaces` };
  }

  protected ospfLine(setting: string, value: string | number): string {
    return `ip ospf ${setting} ${value}`;
  }

  protected buildOspfInterfaces(): void {
    for (const info of this.interfaces) {
      const itf = info.itf;
      const primary = itf.addresses.find((a) => !a.secondary && a.address.includes('.'));
      const o = info.ospf;
      let proc: OspfProcInfo | undefined;
      let area: model.Value<string> | undefined;
      let anchor: TextRange | undefined;
      if (o.area) {
        proc = this.ospfProcs.find((p) => p.proc.id === o.area!.process);
        area = { value: o.area.area, range: o.area.range };
        anchor = o.area.range;
      } else if (primary) {
        for (const p of this.ospfProcs) {
          let best: OspfProcInfo['networks'][number] | undefined;
          for (const n of p.networks) if (model.prefixContains(n.prefix, primary.address) && (!best || n.length > best.length)) best = n;
          if (best) {
            proc = p;
            area = { value: best.area, range: best.range };
            anchor = best.range;
            break;
          }
        }
      }
      if (!proc || !area || !anchor) continue;
      const typeDefault = this.ospfTypeDefault(itf);
      const block = info.node;
      const networkType: model.Value<model.OspfNetworkType> = o.network
        ? { value: o.network.value, range: o.network.node.range }
        : { value: typeDefault.value, default: typeDefault.why };
      networkType.set = (v) => this.ospfSetter(block, o.network?.node, 'network', ospfTypeKeyword(v));
      const slow = networkType.value === 'non-broadcast' || networkType.value === 'point-to-multipoint' || networkType.value === 'point-to-multipoint-non-broadcast';
      const hello: model.Value<number> = o.hello
        ? { value: o.hello.value, range: o.hello.node.range }
        : { value: slow ? 30 : 10, default: `${this.platform} default for network type ${networkType.value} (${slow ? '30/120' : '10/40'})` };
      hello.set = (v) => this.ospfSetter(block, o.hello?.node, 'hello-interval', v);
      const dead: model.Value<number> = o.dead
        ? { value: o.dead.value, range: o.dead.node.range }
        : o.hello
          ? { value: o.hello.value * 4, default: `${this.platform}: four times the configured hello-interval` }
          : { value: slow ? 120 : 40, default: `${this.platform} default for network type ${networkType.value} (${slow ? '30/120' : '10/40'})` };
      dead.set = (v) => this.ospfSetter(block, o.dead?.node, 'dead-interval', v);
      const priority: model.Value<number> = o.priority ? { value: o.priority.value, range: o.priority.node.range } : { value: 1, default: `${this.platform} default priority 1` };
      priority.set = (v) => this.ospfSetter(block, o.priority?.node, 'priority', v);
      // Passive state.
      const pv = proc.passive.get(this.platform === 'ASA' ? itf.nameif ?? itf.name : itf.name);
      const passive: model.Value<boolean> = pv
        ? { value: pv.passive, range: pv.range }
        : proc.passiveDefault
          ? { value: true, range: proc.passiveDefault }
          : { value: false, default: 'interfaces are not passive unless `passive-interface` says so' };
      // Authentication: interface type beats the area type.
      const areaAuth = proc.areaAuth.get(area.value);
      let authType: model.OspfAuth['type'] = 'none';
      let authRange: TextRange | undefined;
      let authDefault: string | undefined = 'no OSPF authentication (default)';
      if (o.authType) {
        authType = o.authType.value;
        authRange = o.authType.node.range;
        authDefault = undefined;
      } else if (areaAuth) {
        authType = areaAuth.type;
        authRange = areaAuth.range;
        authDefault = undefined;
      }
      const auth: model.OspfAuth = { type: authType };
      if (authType === 'simple' && o.simpleKey) auth.key = o.simpleKey.secret;
      if (authType === 'keyed-md5' && o.md5Key) {
        auth.key = o.md5Key.secret;
        auth.keyId = o.md5Key.keyId;
      }
      const mtu = itf.mtu ?? (itf.kind === 'physical' && !itf.name.startsWith('Serial') ? { value: 1500, default: 'Ethernet default MTU 1500' } : undefined);
      const prefix = primary ? model.networkOf(primary.address, primary.prefixLength) : undefined;
      const neighbors = proc.proc.neighbors.filter((n) => prefix && model.prefixContains(prefix, n.value));
      const oi: model.OspfInterface = {
        processId: proc.proc.id,
        interfaceName: itf.name,
        range: anchor,
        prefix,
        address: primary?.address,
        area,
        areaType: proc.proc.areas.find((a) => a.id === area!.value)?.type ?? 'normal',
        networkType,
        hello,
        dead,
        priority,
        cost: o.cost ? { value: o.cost.value, range: o.cost.node.range } : undefined,
        passive,
        mtu,
        mtuIgnore: !!o.mtuIgnore,
        auth: authDefault ? { value: auth, default: authDefault } : { value: auth, range: authRange },
        version: 2,
        isTunnel: itf.kind === 'tunnel',
        neighbors,
        setAuthKey: (k) => {
          const existing = auth.type === 'keyed-md5' ? o.md5Key : o.simpleKey ?? o.md5Key;
          if (existing) return [this.edit({ start: (existing.typeToken ?? existing.token).start, end: existing.token.end }, k)];
          return [this.insertInBlock(block, auth.type === 'keyed-md5' ? this.ospfLine('message-digest-key', `1 md5 ${k}`) : this.ospfLine('authentication-key', k))];
        },
      };
      this.device.ospfInterfaces.push(oi);
    }
  }

  // ------------------------------------------------------------------ OSPF quick-fix setters

  /**
   * Setters for the area of an interface (`ip ospf P area A`, or the area of a `network` statement that selects
   * only this interface), its prefix length (`ip address A MASK`), the type of an area (`area A stub|nssa` under
   * `router ospf`) and the router id. IOS only for interface settings (ASA writes them differently).
   */
  protected attachOspfSetters(): void {
    for (const info of this.ospfProcs) {
      const rid = info.proc.routerId;
      const ridNode = info.node.children.find((c) => c.kind === 'IosCommand' && !c.negated && this.key(c) === 'router-id');
      if (rid) rid.set = (v) => (model.parseIpv4(v) === undefined ? undefined : this.setSub(info.node, ridNode, `router-id ${v}`));
      info.proc.setAreaType = (v) => this.ospfAreaTypeEdits(info, v.area, v.type);
    }
    if (this.platform !== 'IOS') return;
    for (const o of this.device.ospfInterfaces) {
      const info = this.ifaceByName.get(o.interfaceName);
      if (!info) continue;
      o.area.set = (v) => this.ospfAreaEdits(info, o, v);
      const proc = this.ospfProcs.find((p) => p.proc.id === o.processId && p.proc.version === o.version);
      if (proc && o.version === 2) {
        // `neighbor A` under `router ospf`, after the process's other neighbor lines (IOS lists them last).
        o.addNeighbor = (address) => {
          const a = model.canonicalAddress(address);
          if (!a || a.includes(':')) return undefined;
          const last = [...proc.node.children].reverse().find((c) => c.kind === 'IosCommand' && !c.negated && this.key(c) === 'neighbor');
          return [last ? this.insertLineAfter(last, `neighbor ${a}`) : this.insertInBlock(proc.node, `neighbor ${a}`)];
        };
      }
      const primary = info.itf.addresses.find((a) => o.address !== undefined && a.address === o.address && !a.secondary);
      if (primary) {
        o.setPrefixLength = (len) => {
          if (!Number.isInteger(len) || len < 1 || len > 32) return undefined;
          const written = this.text.slice(primary.range.start, primary.range.end);
          return [this.edit(primary.range, written.includes('/') ? `${primary.address}/${len}` : `${primary.address} ${model.lengthToMask(len)}`)];
        };
      }
    }
  }

  /** The `router ospf` / interface line at `range` (lowering keeps ranges, not nodes, for these). */
  protected nodeAt(parent: IosNode, range: TextRange | undefined): IosNode | undefined {
    if (!range) return undefined;
    return parent.children.find((c) => c.kind === 'IosCommand' && c.range.start === range.start);
  }

  protected ospfAreaEdits(info: IfaceInfo, o: model.OspfInterface, value: string): model.Edit[] | undefined {
    const area = iosAreaText(value);
    if (area === undefined) return undefined;
    const own = this.nodeAt(info.node, info.ospf.area?.range);
    if (own) return [this.replaceLine(own, `ip ospf ${o.processId} area ${area}`)];
    const proc = this.ospfProcs.find((p) => p.proc.id === o.processId);
    const net = proc && this.nodeAt(proc.node, o.area.range);
    // A `network` statement that selects only this interface is rewritten; else the interface gets its own area.
    const shared = this.device.ospfInterfaces.some((x) => x !== o && x.area.range?.start === o.area.range?.start);
    const areaTok = net ? this.args(net)[3] : undefined;
    if (net && areaTok && !shared) return [this.edit(areaTok, area)];
    return [this.insertInBlock(info.node, `ip ospf ${o.processId} area ${area}`)];
  }

  protected ospfAreaTypeEdits(info: OspfProcInfo, areaId: string, type: 'normal' | 'stub' | 'nssa'): model.Edit[] | undefined {
    const area = iosAreaText(areaId);
    if (area === undefined) return undefined;
    const want = normalizeArea(area);
    const typeLines = info.node.children.filter((c) => {
      if (c.kind !== 'IosCommand' || c.negated || this.key(c) !== 'area') return false;
      const a = this.args(c);
      const what = this.lw(a[1]);
      return a[0] !== undefined && normalizeArea(a[0].text) === want && (what === 'stub' || what === 'nssa');
    });
    if (type === 'normal') return typeLines.length ? typeLines.map((c) => this.deleteLine(c)) : undefined;
    if (want === '0.0.0.0') return undefined; // the backbone cannot be stub or NSSA
    const line = `area ${area} ${type}`;
    if (typeLines.length) return [this.replaceLine(typeLines[0], line), ...typeLines.slice(1).map((c) => this.deleteLine(c))];
    // IOS lists `area …` lines before redistribution, passive interfaces, networks and neighbors.
    const LATER = new Set(['redistribute', 'passive-interface', 'network', 'neighbor', 'distribute-list', 'default-information']);
    const later = info.node.children.find((c) => c.kind === 'IosCommand' && LATER.has(this.lw(c.words[0]) === 'no' ? this.lw(c.words[1]) : this.lw(c.words[0])));
    return [later ? this.insertLineBefore(later, line) : this.insertInBlock(info.node, line)];
  }

  protected ospfSetter(block: IosNode, existing: IosNode | undefined, setting: string, value: string | number | undefined): model.Edit[] | undefined {
    if (value === undefined) return undefined;
    return this.setSub(block, existing, this.ospfLine(setting, value));
  }

  // ------------------------------------------------------------------ IKE phase 1

  protected lowerIsakmpPolicy(node: IosNode): void {
    const prio = this.int(this.arg(node, 0), node, 1, 65535, 'policy priority');
    if (prio === undefined) return;
    const children = new Map<string, IosNode>();
    let enc: model.Value<string[]> = { value: ['des'], default: 'IOS default when `encryption` is absent: DES [S8]' };
    let hash: model.Value<string[]> = { value: ['sha1'], default: 'IOS default when `hash` is absent: SHA-1 [S8]' };
    let auth: model.Phase1Proposal['auth'] = { value: 'rsa-sig', default: 'IOS default when `authentication` is absent: rsa-sig [S8]' };
    let dh: model.Value<string[]> = { value: ['modp768'], default: 'IOS default when `group` is absent: group 1 (modp768) [S8]' };
    let life: model.Value<number> = { value: 86400, default: 'IOS default when `lifetime` is absent: 86400 s [S8]' };
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const k = c.path[0];
      const a = this.args(c);
      if (!k) continue;
      children.set(k, c);
      if (k === 'encryption') {
        if (!a.length) this.missing(c, 'an algorithm');
        else {
          const kw = [this.lw(a[0]), ...(a[1] ? [a[1].text] : [])].join(' ');
          const v = IOS_P1_ENC[kw] ?? (a.length === 1 ? IOS_P1_ENC[expandKeyword(a[0].text, ['des', '3des', 'aes']) ?? ''] : undefined);
          if (v) enc = { value: [v], range: c.range };
          else this.error({ start: a[0].start, end: a[a.length - 1].end }, 'syntax/invalid-value', `'${kw}' is not an IKEv1 encryption algorithm (des, 3des, aes [128|192|256])`);
        }
      } else if (k === 'hash') {
        const v = a[0] ? IOS_P1_HASH[expandKeyword(a[0].text, Object.keys(IOS_P1_HASH)) ?? ''] : undefined;
        if (!a[0]) this.missing(c, 'a hash algorithm');
        else if (v) hash = { value: [v], range: c.range };
        else this.error(a[0], 'syntax/invalid-value', `'${a[0].text}' is not an IKEv1 hash (md5, sha, sha256, sha384, sha512)`);
      } else if (k === 'authentication') {
        const v = a[0] ? P1_AUTH[expandKeyword(a[0].text, Object.keys(P1_AUTH)) ?? ''] : undefined;
        if (!a[0]) this.missing(c, 'an authentication method');
        else if (v) auth = { value: v, range: c.range };
        else this.error(a[0], 'syntax/invalid-value', `'${a[0].text}' is not an IKEv1 authentication method`);
      } else if (k === 'group') {
        if (!a[0]) this.missing(c, 'a DH group number');
        else if (model.DH_GROUPS[a[0].text]) dh = { value: [model.DH_GROUPS[a[0].text]], range: c.range };
        else this.error(a[0], 'syntax/invalid-value', `'${a[0].text}' is not a Diffie-Hellman group number`);
      } else if (k === 'lifetime') {
        const v = this.int(a[0], c, 60, 86400, 'lifetime in seconds');
        if (v !== undefined) life = { value: v, range: c.range };
      }
    }
    const p: model.Phase1Proposal = { label: `crypto isakmp policy ${prio}`, range: node.range, priority: prio, encryption: enc, hash, dh, auth, lifetime: life };
    this.attachPhase1Setters(p, node, children, 'ios');
    this.phase1.push({ proposal: p, node, children });
  }

  protected attachPhase1Setters(p: model.Phase1Proposal, node: IosNode, children: Map<string, IosNode>, style: 'ios' | 'asa'): void {
    const encKw = (c: string) => (style === 'ios' ? iosEncryptionKeyword(c) : asaEncryptionKeyword(c));
    p.encryption.set = (v) => {
      const kw = v[0] && encKw(v[0]);
      return kw ? this.setSub(node, children.get('encryption'), `encryption ${kw}`) : undefined;
    };
    p.hash.set = (v) => {
      const kw = v[0] && iosHashKeyword(v[0]);
      return kw ? this.setSub(node, children.get('hash'), `hash ${kw}`) : undefined;
    };
    p.dh.set = (v) => {
      const n = v[0] && model.DH_NUMBERS[v[0]];
      return n ? this.setSub(node, children.get('group'), `group ${n}`) : undefined;
    };
    p.lifetime.set = (v) => this.setSub(node, children.get('lifetime'), `lifetime ${v}`);
  }

  protected lowerIsakmpKey(node: IosNode): void {
    const a = this.args(node);
    let i = 0;
    let typeTok: Token | undefined;
    if (a.length > 1 && /^[067]$/.test(a[0].text) && !['address', 'hostname'].includes(this.lw(a[1]))) {
      typeTok = a[0];
      i = 1;
    }
    const keyTok = a[i];
    if (!keyTok || ['address', 'hostname'].includes(this.lw(keyTok))) return this.missing(node, 'a key');
    const how = this.lw(a[i + 1]);
    let peer: string | undefined;
    if (how === 'address') {
      const at = a[i + 2];
      if (at && at.text.includes(':')) peer = model.canonicalPrefix(at.text) ?? at.text;
      else {
        const addr = this.address(at, node);
        if (!addr) return;
        const maskTok = a[i + 3];
        let len = 32;
        if (maskTok && looksNumericAddress(maskTok.text)) {
          const l = this.mask(maskTok, node);
          if (l === undefined) return;
          len = l;
        }
        peer = model.networkOf(addr, len);
      }
    } else if (how === 'hostname') {
      const h = a[i + 2];
      if (!h) return this.missing(node, 'a host name');
      peer = h.text;
    } else return this.missing(node, '`address A [MASK]` or `hostname H`');
    if (!peer) return;
    const secret = this.secretFrom(typeTok, keyTok);
    const first = typeTok ?? keyTok;
    const key: model.PresharedKey = { peer, secret, range: node.range, set: (v) => [this.edit({ start: first.start, end: keyTok.end }, v)] };
    this.keys.push({ key });
    this.device.keys.push(key);
  }

  protected lowerKeyring(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a keyring name');
    this.define('keyring', name.text, name, node.range, { implicitlyUsed: true });
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || c.path[0] !== 'pre-shared-key') continue;
      const a = this.args(c);
      const how = this.lw(a[0]);
      const ki = a.findIndex((t) => this.lw(t) === 'key');
      if (ki < 0 || !a[ki + 1]) {
        this.missing(c, '`key KEY`');
        continue;
      }
      let typeTok: Token | undefined;
      let keyTok = a[ki + 1];
      if (a.length > ki + 2 && /^[067]$/.test(keyTok.text)) {
        typeTok = keyTok;
        keyTok = a[ki + 2];
      }
      let peer: string | undefined;
      if (how === 'address') {
        const addr = this.address(a[1], c);
        if (!addr) continue;
        let len = 32;
        if (a[2] && ki > 2 && looksNumericAddress(a[2].text)) {
          const l = this.mask(a[2], c);
          if (l === undefined) continue;
          len = l;
        }
        peer = model.networkOf(addr, len);
      } else if (how === 'hostname') peer = a[1]?.text;
      if (!peer) continue;
      const first = typeTok ?? keyTok;
      const kt = keyTok;
      const key: model.PresharedKey = { peer, secret: this.secretFrom(typeTok, keyTok), range: c.range, set: (v) => [this.edit({ start: first.start, end: kt.end }, v)] };
      this.keys.push({ key, keyring: name.text });
      this.device.keys.push(key);
    }
  }

  protected lowerIsakmpProfile(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a profile name');
    this.define('isakmp-profile', name.text, name, node.range);
    const prof: { keyring?: string } = {};
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      if (c.path[0] === 'keyring') {
        const k = this.arg(c, 0);
        if (k) {
          prof.keyring = k.text;
          this.ref('keyring', k);
        }
      }
    }
    this.isakmpProfiles.set(name.text, prof);
  }

  protected lowerIkev2Proposal(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a proposal name');
    this.define('ikev2-proposal', name.text, name, node.range, { implicitlyUsed: true });
    let enc: model.Value<string[]> = { value: [], default: 'no encryption configured' };
    let integ: model.Value<string[]> = { value: [], default: 'no integrity configured' };
    let dh: model.Value<string[]> = { value: [], default: 'no group configured' };
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const a = this.args(c);
      const k = c.path[0];
      const conv = (table: Record<string, string>, what: string) => this.convertArgs(a, table, `IKEv2 ${what}`);
      if (k === 'encryption') enc = { value: conv(IKEV2_ENC, 'encryption algorithm'), range: c.range };
      else if (k === 'integrity') integ = { value: conv(IKEV2_INTEG, 'integrity algorithm'), range: c.range };
      else if (k === 'group') {
        const out: string[] = [];
        for (const t of a) {
          if (model.DH_GROUPS[t.text]) out.push(model.DH_GROUPS[t.text]);
          else this.error(t, 'syntax/invalid-value', `'${t.text}' is not a Diffie-Hellman group number`);
        }
        dh = { value: out, range: c.range };
      }
    }
    this.ikev2Proposals.set(name.text, {
      label: `crypto ikev2 proposal ${name.text}`,
      range: node.range,
      encryption: enc,
      hash: integ,
      dh,
      auth: { value: 'psk', default: 'IKEv2 authentication is set in the profile' },
      lifetime: { value: 86400, default: 'IOS IKEv2 default SA lifetime 86400 s' },
    });
  }

  protected lowerIkev2Policy(node: IosNode): void {
    const name = this.arg(node, 0);
    if (name) this.define('ikev2-policy', name.text, name, node.range, { implicitlyUsed: true });
    for (const c of node.children) if (c.kind === 'IosCommand' && !c.negated && c.path[0] === 'proposal') this.ref('ikev2-proposal', this.arg(c, 0));
  }

  protected lowerIkev2Keyring(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a keyring name');
    this.define('ikev2-keyring', name.text, name, node.range);
    for (const peer of node.children) {
      if (peer.path[0] !== 'peer') continue;
      let addr: string | undefined;
      const keys: { typeTok?: Token; keyTok: Token; node: IosNode }[] = [];
      for (const c of peer.children) {
        if (c.kind !== 'IosCommand' || c.negated) continue;
        const a = this.args(c);
        if (c.path[0] === 'address') {
          const ad = a[0] && a[0].text.includes(':') ? a[0].text : this.address(a[0], c);
          if (!ad) continue;
          let len = ad.includes(':') ? 128 : 32;
          if (a[1] && looksNumericAddress(a[1].text)) len = this.mask(a[1], c) ?? len;
          addr = model.canonicalPrefix(`${ad}/${len}`) ?? ad;
        } else if (c.path[0] === 'pre-shared-key') {
          let i = 0;
          if (['local', 'remote'].includes(this.lw(a[0]))) i = 1;
          let typeTok: Token | undefined;
          if (a.length > i + 1 && /^[067]$/.test(a[i].text)) typeTok = a[i++];
          if (!a[i]) {
            this.missing(c, 'a key');
            continue;
          }
          keys.push({ typeTok, keyTok: a[i], node: c });
        }
      }
      const peerName = this.arg(peer, 0)?.text ?? '?';
      for (const k of keys) {
        const first = k.typeTok ?? k.keyTok;
        const key: model.PresharedKey = { peer: addr ?? peerName, secret: this.secretFrom(k.typeTok, k.keyTok), range: k.node.range, set: (v) => [this.edit({ start: first.start, end: k.keyTok.end }, v)] };
        this.keys.push({ key, keyring: name.text, ikev2: true });
        this.device.keys.push(key);
      }
    }
  }

  protected lowerIkev2Profile(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a profile name');
    this.define('ikev2-profile', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      if (c.path[0] === 'keyring') {
        const a = this.args(c);
        this.ref('ikev2-keyring', this.lw(a[0]) === 'local' ? a[1] : a[0]);
      }
    }
  }

  // ------------------------------------------------------------------ IPsec phase 2

  /** Parses transform keywords (`esp-aes 256 esp-sha-hmac`) into a proposal; reports unknown ones. */
  protected parseTransforms(toks: Token[], node: IosNode, label: string, style: 'ios' | 'asa'): model.Phase2Proposal | undefined {
    const enc: string[] = [];
    const integ: string[] = [];
    let protocol: 'esp' | 'ah' = 'esp';
    let sawEsp = false;
    for (let i = 0; i < toks.length; i++) {
      const w = toks[i].text.toLowerCase();
      if (style === 'asa' && /^esp-(aes|gcm)-(128|192|256)$/.test(w)) {
        const [, alg, size] = /^esp-(aes|gcm)-(\d+)$/.exec(w)!;
        enc.push(`aes-${alg === 'aes' ? 'cbc' : 'gcm'}-${size}`);
        sawEsp = true;
        continue;
      }
      if (ESP_ENC[w]) {
        let v = ESP_ENC[w];
        const next = toks[i + 1]?.text;
        if ((w === 'esp-aes' || w === 'esp-gcm' || w === 'esp-gmac') && (next === '128' || next === '192' || next === '256')) {
          v = v.replace('128', next);
          i++;
        }
        enc.push(v);
        sawEsp = true;
      } else if (ESP_INTEG[w]) {
        integ.push(ESP_INTEG[w]);
        sawEsp = true;
      } else if (AH_INTEG[w]) {
        if (!sawEsp) protocol = 'ah';
        if (!sawEsp) integ.push(AH_INTEG[w]);
      } else if (w.startsWith('comp-')) {
        // compression transforms do not take part in matching
      } else {
        this.error(toks[i], 'syntax/invalid-value', `'${toks[i].text}' is not an IPsec transform`);
        return undefined;
      }
    }
    if (!toks.length) {
      this.missing(node, 'at least one transform');
      return undefined;
    }
    return {
      label,
      range: node.range,
      protocol: { value: protocol, range: node.range },
      encryption: { value: enc.length ? enc : protocol === 'ah' ? [] : ['null'], range: node.range },
      integrity: { value: integ.length ? integ : ['none'], range: node.range },
      mode: { value: 'tunnel', default: `${this.platform} default \`mode tunnel\`` },
    };
  }

  protected lowerTransformSet(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a transform-set name');
    this.define('transform-set', name.text, name, node.range);
    const toks = this.args(node).slice(1);
    const p = this.parseTransforms(toks, node, `crypto ipsec transform-set ${name.text}`, 'ios');
    if (!p) return;
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || c.path[0] !== 'mode') continue;
      const m = expandKeyword(this.arg(c, 0)?.text, ['tunnel', 'transport']);
      if (!m) {
        const t = this.arg(c, 0);
        if (t) this.error(t, 'syntax/invalid-value', `'${t.text}' is not an IPsec mode (tunnel, transport)`);
        else this.missing(c, '`tunnel` or `transport`');
        continue;
      }
      p.mode = { value: m as 'tunnel' | 'transport', range: c.range, set: (v) => [this.replaceLine(c, `mode ${v}`)] };
    }
    if (!p.mode.range) p.mode.set = (v) => [this.insertInBlock(node, `mode ${v}`)];
    this.transformSets.set(name.text, { proposal: p, node, transforms: toks });
  }

  /** `set transform-set`, `set pfs`, `set security-association lifetime`, `match address`, … of a map entry or profile. */
  protected collectSetCommands(block: IosNode, target: Pick<MapEntry, 'transformSets' | 'pfs' | 'lifetime'> & Partial<MapEntry>, children: IosNode[]): void {
    for (const c of children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const k = this.key(c);
      const a = this.args(c);
      switch (k) {
        case 'set peer': {
          if (!a[0]) {
            this.missing(c, 'a peer address');
            break;
          }
          const addr = looksNumericAddress(a[0].text) ? this.address(a[0], c) : a[0].text;
          const tok = a[0];
          if (addr && target.peers) target.peers.push({ value: addr, range: tok, set: (v) => [this.edit(tok, v)] });
          break;
        }
        case 'set transform-set':
          if (!a.length) this.missing(c, 'a transform-set name');
          for (const t of a) {
            target.transformSets.push({ name: t.text, range: t, node: c, tokens: a });
            this.ref('transform-set', t);
          }
          break;
        case 'set pfs': {
          const g = this.lw(a[0]);
          const m = /^group(\d+)$/.exec(g);
          if (!a[0]) target.pfs = { value: 'modp768', node: c, range: c.range };
          else if (m && model.DH_GROUPS[m[1]]) target.pfs = { value: model.DH_GROUPS[m[1]], node: c, range: c.range };
          else this.error(a[0], 'syntax/invalid-value', `'${a[0].text}' is not a PFS group (group1, group2, group5, group14, …)`);
          break;
        }
        case 'set security-association lifetime': {
          if (this.lw(a[0]) === 'seconds') {
            const v = this.int(a[1], c, 120, 86400 * 7, 'lifetime in seconds');
            if (v !== undefined) target.lifetime = { value: v, range: c.range };
          }
          break;
        }
        case 'match address':
          if (!a[0]) this.missing(c, 'an ACL name');
          else {
            target.acl = { name: a[0].text, range: a[0] };
            this.ref('acl', a[0]);
          }
          break;
        case 'set isakmp-profile':
          if (a[0]) {
            target.isakmpProfile = a[0].text;
            this.ref('isakmp-profile', a[0]);
          }
          break;
        case 'set ikev2-profile':
          if (a[0]) {
            target.ikev2Profile = a[0].text;
            this.ref('ikev2-profile', a[0]);
          }
          break;
        default:
          break;
      }
    }
    void block;
  }

  protected lowerIpsecProfile(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a profile name');
    this.define('ipsec-profile', name.text, name, node.range);
    const prof: { transformSets: MapEntry['transformSets']; pfs?: MapEntry['pfs']; lifetime?: MapEntry['lifetime']; ikev2Profile?: string; isakmpProfile?: string } = { transformSets: [] };
    this.collectSetCommands(node, prof, node.children);
    this.ipsecProfiles.set(name.text, { node, ...prof });
  }

  protected lowerCryptoMap(node: IosNode, dynamic: boolean): void {
    const a = this.args(node);
    const name = a[0];
    if (!name) return this.missing(node, 'a crypto map name');
    const second = this.lw(a[1]);
    if (!dynamic && second === 'local-address') {
      if (a[2]) this.mapLocalAddress.set(name.text, normalizeInterfaceName(a[2].text));
      this.defTokens.add(name.start);
      return;
    }
    if (!/^\d+$/.test(a[1]?.text ?? '')) {
      if (a[1] && ['client', 'isakmp', 'gdoi', 'redundancy', 'isakmp-profile', 'interface'].includes(second)) return;
      if (!a[1]) return this.missing(node, 'a sequence number');
      return this.error(a[1], 'syntax/invalid-value', `'${a[1].text}' is not a crypto map sequence number`);
    }
    const seq = Number(a[1].text);
    const entry: MapEntry = {
      name: name.text,
      seq,
      dynamic,
      node,
      lastNode: node,
      nameToken: name,
      peers: [],
      transformSets: [],
      ikev2Proposals: [],
      ranges: [node.range],
    };
    this.define(dynamic ? 'dynamic-map' : 'crypto-map', name.text, name, node.range);
    if (!dynamic) {
      const kind = this.lw(a[2]);
      if (kind === 'ipsec-isakmp' && this.lw(a[3]) === 'dynamic') {
        if (!a[4]) this.missing(node, 'a dynamic map name');
        else {
          entry.dynamicMap = a[4].text;
          this.ref('dynamic-map', a[4]);
        }
      } else if (kind === 'ipsec-manual' || kind === 'gdoi') return;
    }
    this.collectSetCommands(node, entry, node.children);
    this.mapEntries.push(entry);
  }

  // ------------------------------------------------------------------ ACLs

  protected aclInfo(nameTok: Token, node: IosNode): AclInfo {
    let info = this.acls.get(nameTok.text);
    if (!info) {
      const acl: model.Acl = { name: nameTok.text, range: node.range, flavours: new Set() };
      info = { acl, nameToken: nameTok, entries: [], first: node, last: node };
      this.acls.set(nameTok.text, info);
      this.device.acls.push(acl);
    } else {
      info.last = node;
      info.acl.range = { start: info.acl.range.start, end: Math.max(info.acl.range.end, node.range.end) };
    }
    this.define('acl', nameTok.text, nameTok, node.range);
    return info;
  }

  protected lowerNamedAcl(node: IosNode, flavour: 'standard' | 'extended'): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'an access-list name');
    const info = this.aclInfo(name, node);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      let w = c.words;
      if (w.length && /^\d+$/.test(w[0].text)) w = w.slice(1); // sequence number
      const act = this.lw(w[0]);
      if (act === 'remark') {
        info.acl.flavours.add('remark');
        continue;
      }
      if (act !== 'permit' && act !== 'deny') continue;
      this.aclEntry(info, c, act, w.slice(1), flavour, 'wildcard');
    }
  }

  protected lowerAccessListLine(node: IosNode): void {
    const a = this.args(node);
    const name = a[0];
    if (!name) return this.missing(node, 'an access-list number');
    let i = 1;
    if (this.lw(a[i]) === 'dynamic') i += 2;
    const act = this.lw(a[i]);
    const info = this.aclInfo(name, node);
    if (act === 'remark') {
      info.acl.flavours.add('remark');
      return;
    }
    if (act !== 'permit' && act !== 'deny') {
      if (!a[i]) return this.missing(node, '`permit`, `deny` or `remark`');
      return;
    }
    const num = /^\d+$/.test(name.text) ? Number(name.text) : NaN;
    const flavour = (num >= 1 && num <= 99) || (num >= 1300 && num <= 1999) ? 'standard' : (num >= 100 && num <= 199) || (num >= 2000 && num <= 2699) || Number.isNaN(num) ? 'extended' : undefined;
    if (!flavour) return; // 200–299 protocol-type, 700–799 MAC lists: not modelled
    this.aclEntry(info, node, act, a.slice(i + 1), flavour, 'wildcard');
  }

  /** Parses `SRC [PORTS] DST [PORTS]` (extended) or `SRC` (standard). Returns false after reporting an error. */
  protected aclEntry(info: AclInfo, node: IosNode, action: 'permit' | 'deny', w: Token[], flavour: 'standard' | 'extended', style: 'wildcard' | 'mask'): void {
    info.acl.flavours.add(flavour);
    const entry: AclEntry = { action, flavour, protocol: 'ip', range: node.range };
    let i = 0;
    if (flavour === 'extended') {
      const p = w[0];
      if (!p) return this.missing(node, 'a protocol');
      const pl = p.text.toLowerCase();
      if (pl === 'object-group' || pl === 'object') {
        // ASA inline service objects (`object icmp-echo`, `object ospf`) are built in.
        const n = w[1]?.text.toLowerCase() ?? '';
        if (pl === 'object-group' || !(PROTOCOLS.has(n) || n.startsWith('icmp'))) this.ref(pl === 'object' ? 'object' : 'object-group', w[1]);
        entry.protocol = w[1]?.text ?? 'ip';
        i = 2;
      } else {
        entry.protocol = pl === 'ahp' ? 'ah' : pl === '47' ? 'gre' : pl;
        if (!PROTOCOLS.has(pl) && !/^\d+$/.test(pl)) {
          // Unknown protocol keywords are left alone (catalog is incomplete).
        }
        i = 1;
      }
    }
    const src = this.aclAddress(w, i, node, style, flavour === 'standard');
    if (!src) return;
    entry.src = src.prefix;
    i = src.next;
    if (flavour === 'standard') {
      info.entries.push(entry);
      return;
    }
    const sp = this.aclPort(w, i);
    entry.srcPort = sp.port;
    i = sp.next;
    const dst = this.aclAddress(w, i, node, style, false);
    if (!dst) return;
    entry.dst = dst.prefix;
    i = dst.next;
    const dp = this.aclPort(w, i);
    entry.dstPort = dp.port;
    info.entries.push(entry);
  }

  protected aclPort(w: Token[], i: number): { port?: string; next: number } {
    const op = this.lw(w[i]);
    if (PORT_OPS.has(op) && w[i + 1]) return { port: op === 'eq' ? w[i + 1].text : `${op} ${w[i + 1].text}`, next: i + 2 };
    if (op === 'range' && w[i + 2]) return { port: `${w[i + 1].text}-${w[i + 2].text}`, next: i + 3 };
    return { next: i };
  }

  /** One address spec of an ACL line. `prefix` is CIDR text, an object name, or undefined for unmodelled forms. */
  protected aclAddress(w: Token[], i: number, node: IosNode, style: 'wildcard' | 'mask', standard: boolean): { prefix?: string; next: number } | undefined {
    const t = w[i];
    if (!t) {
      this.missing(node, standard ? 'a source address' : 'an address (`any`, `host A` or `A MASK`)');
      return undefined;
    }
    const l = t.text.toLowerCase();
    if (l === 'any' || l === 'any4') return { prefix: '0.0.0.0/0', next: i + 1 };
    if (l === 'any6') return { prefix: '::/0', next: i + 1 };
    if (l === 'host') {
      const h = w[i + 1];
      if (!h) {
        this.missing(node, 'a host address after `host`');
        return undefined;
      }
      if (h.text.includes(':')) return { prefix: model.canonicalPrefix(h.text), next: i + 2 };
      if (!looksNumericAddress(h.text)) return { prefix: h.text, next: i + 2 }; // ASA `name` alias
      const a = this.address(h, node);
      return a ? { prefix: `${a}/32`, next: i + 2 } : undefined;
    }
    if (l === 'object-group' || l === 'object') {
      this.ref(l === 'object' ? 'object' : 'object-group', w[i + 1]);
      return { prefix: w[i + 1]?.text, next: i + 2 };
    }
    if (l === 'interface') return { next: i + 2 };
    if (t.text.includes(':') && t.text.includes('/')) return { prefix: model.canonicalPrefix(t.text) ?? t.text, next: i + 1 };
    if (!looksNumericAddress(t.text)) {
      // ASA `name` aliases, IOS port groups and other forms netcfg does not model: no error, no selector.
      const m = w[i + 1];
      return { prefix: t.text, next: m && looksNumericAddress(m.text) ? i + 2 : i + 1 };
    }
    const a = this.address(t, node);
    if (!a) return undefined;
    const m = w[i + 1];
    if (!m || !looksNumericAddress(m.text)) {
      if (standard) return { prefix: `${a}/32`, next: i + 1 };
      this.missing(node, `a ${style === 'wildcard' ? 'wildcard' : 'mask'} after ${a}`);
      return undefined;
    }
    if (model.parseIpv4(m.text) === undefined) {
      this.error(m, 'syntax/invalid-mask', `'${m.text}' is not a valid ${style === 'wildcard' ? 'wildcard' : 'mask'}`);
      return undefined;
    }
    const len = style === 'wildcard' ? model.wildcardToLength(m.text) : model.maskToLength(m.text);
    if (len === undefined) {
      if (style === 'mask') {
        this.error(m, 'syntax/invalid-mask', `'${m.text}' is not a contiguous network mask`);
        return undefined;
      }
      return { prefix: `${a} ${m.text}`, next: i + 2 }; // discontiguous wildcard: legal, kept as text
    }
    return { prefix: model.networkOf(a, len), next: i + 2 };
  }

  private selectorCache = new Map<string, model.Selector[]>();
  /** Selectors of a crypto ACL (its permit lines), computed once per ACL and shared by the peers using it. */
  protected selectorsOf(aclName: string): model.Selector[] {
    const cached = this.selectorCache.get(aclName);
    if (cached) return cached;
    const info = this.acls.get(aclName);
    const res: model.Selector[] = [];
    for (const e of info?.entries ?? []) {
      if (e.action !== 'permit' || !e.src) continue;
      const sel: model.Selector = { local: e.src, remote: e.dst ?? '0.0.0.0/0', protocol: e.protocol, range: e.range };
      if (e.srcPort) sel.localPort = e.srcPort;
      if (e.dstPort) sel.remotePort = e.dstPort;
      res.push(sel);
    }
    this.selectorCache.set(aclName, res);
    return res;
  }

  // ------------------------------------------------------------------ other named objects

  protected lowerObjectGroup(node: IosNode): void {
    const a = this.args(node);
    const name = a[1];
    if (!name) return this.missing(node, 'an object-group type and name');
    this.define('object-group', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const w = c.words;
      for (let i = 0; i + 1 < w.length; i++) {
        const l = this.lw(w[i]);
        if (l === 'group-object' || (l === 'object-group' && i === 0)) this.ref('object-group', w[i + 1]);
        else if (l === 'object' || l === 'network-object' && this.lw(w[i + 1]) === 'object') {
          if (l === 'object') this.ref('object', w[i + 1]);
        }
      }
    }
  }

  protected lowerRouteMap(node: IosNode): void {
    const name = this.arg(node, 0);
    if (!name) return this.missing(node, 'a route-map name');
    this.define('route-map', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated) continue;
      const w = c.words.map((x) => x.text.toLowerCase());
      if (w[0] === 'match' && (w[1] === 'ip' || w[1] === 'ipv6') && w[2] === 'address') {
        const pl = w.indexOf('prefix-list');
        if (pl >= 0) for (const t of c.words.slice(pl + 1)) this.ref('prefix-list', t);
        else for (const t of c.words.slice(3)) this.ref('acl', t);
      }
    }
  }

  protected lowerClassMap(node: IosNode): void {
    // The name is the last word: `class-map [type T [P]] [match-any|match-all] NAME`.
    const name = this.lastArg(node);
    if (!name) return this.missing(node, 'a class-map name');
    this.define('class-map', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || c.path[0] !== 'match') continue;
      const w = c.words.map((x) => x.text.toLowerCase());
      if (w[1] === 'access-group') this.ref('acl', w[2] === 'name' ? c.words[3] : c.words[2]);
      else if (w[1] === 'access-list') this.ref('acl', c.words[2]);
    }
  }

  protected lowerPolicyMap(node: IosNode): void {
    // The name is the last word: `policy-map [type T [P]] NAME`.
    const name = this.lastArg(node);
    if (!name) return this.missing(node, 'a policy-map name');
    this.define('policy-map', name.text, name, node.range);
    for (const c of node.children) {
      if (c.kind !== 'IosCommand' || c.negated || c.path[0] !== 'class') continue;
      const ca = this.args(c);
      const cn = this.lw(ca[0]) === 'type' ? ca[2] : ca[0];
      if (cn && cn.text !== 'class-default') this.ref('class-map', cn);
      for (const cc of c.children) if (cc.path[0] === 'service-policy') this.ref('policy-map', this.lastArg(cc));
    }
  }

  protected lowerSnmp(node: IosNode): void {
    const a = this.args(node);
    switch (node.path[1]) {
      case 'community': {
        // snmp-server community STRING [view V] [ro|rw] [ipv6 NACL] [ACL]
        if (!a[0]) return this.missing(node, 'a community string');
        this.defTokens.add(a[0].start);
        for (let i = 1; i < a.length; i++) {
          const l = this.lw(a[i]);
          if (l === 'view') this.refView(a[++i]);
          else if (l === 'ipv6' || l === 'group' || l === 'use-ipv4-acl' || l === 'use-ipv6-acl') i++;
          else if (l !== 'ro' && l !== 'rw' && i === a.length - 1) this.ref('acl', a[i]);
        }
        return;
      }
      case 'view':
        if (!a[0]) return this.missing(node, 'a view name');
        if (!a[1]) return this.missing(node, 'an OID subtree');
        if (!a[2]) return this.missing(node, '`included` or `excluded`');
        this.define('snmp-view', a[0].text, a[0], node.range);
        return;
      case 'group': {
        if (!a[0]) return this.missing(node, 'a group name');
        this.define('snmp-group', a[0].text, a[0], node.range);
        for (let i = 1; i < a.length; i++) {
          const l = this.lw(a[i]);
          if (l === 'read' || l === 'write' || l === 'notify') this.refView(a[++i]);
          else if (l === 'access') {
            if (this.lw(a[i + 1]) === 'ipv6') i++;
            if (!a[i + 1]) return this.missing(node, 'an ACL after `access`');
            this.ref('acl', a[++i]);
          }
        }
        return;
      }
      case 'user': {
        if (!a[0]) return this.missing(node, 'a user name');
        if (!a[1]) return this.missing(node, 'a group name');
        this.ref('snmp-group', a[1]);
        for (let i = 2; i < a.length; i++) {
          const l = this.lw(a[i]);
          if (l === 'access') {
            if (this.lw(a[i + 1]) === 'ipv6') i++;
            this.ref('acl', a[++i]);
          }
        }
        return;
      }
      case 'tftp-server-list':
        if (!a[0]) return this.missing(node, 'an ACL');
        this.ref('acl', a[0]);
        return;
    }
  }

  protected refView(t: Token | undefined): void {
    if (!t) return;
    if (['v1default', 'iso', 'restricted', '*ilmi', 'all'].includes(t.text.toLowerCase())) return;
    this.ref('snmp-view', t);
  }

  // ------------------------------------------------------------------ peers

  protected interfaceAddress4(name: string | undefined): string | undefined {
    if (!name) return undefined;
    const info = this.ifaceByName.get(name);
    return info?.itf.addresses.find((a) => !a.secondary && a.address.includes('.'))?.address;
  }

  /** The most specific key covering `remote` (CIDR containment), optionally restricted to one keyring. */
  protected selectKey(remote: string | undefined, opts: { keyring?: string; ikev2?: boolean } = {}): model.PresharedKey | undefined {
    let best: model.PresharedKey | undefined;
    let bestLen = -1;
    for (const k of this.keys) {
      if (!!k.ikev2 !== !!opts.ikev2) continue;
      if (opts.keyring !== undefined && k.keyring !== opts.keyring) continue;
      const p = model.parsePrefix(k.key.peer);
      if (!p) continue;
      if (remote === undefined ? p.length !== 0 : !model.prefixContains(k.key.peer, remote)) continue;
      if (p.length > bestLen) {
        best = k.key;
        bestLen = p.length;
      }
    }
    return best;
  }

  private phase1Cache = new Map<number, model.Phase1Proposal[]>();
  /** All phase-1 proposals of the device in priority order (shared by every peer; computed once). */
  protected phase1List(ikeVersion: 1 | 2): model.Phase1Proposal[] {
    let res = this.phase1Cache.get(ikeVersion);
    if (!res) {
      res = ikeVersion === 2 ? [...this.ikev2Proposals.values()] : this.sortedPhase1().map((p) => p.proposal);
      this.phase1Cache.set(ikeVersion, res);
    }
    return res;
  }

  private sortedPhase1Cache?: Phase1Info[];
  protected sortedPhase1(): Phase1Info[] {
    this.sortedPhase1Cache ??= this.phase1.slice().sort((a, b) => (a.proposal.priority ?? 0) - (b.proposal.priority ?? 0));
    return this.sortedPhase1Cache;
  }

  protected phase1Setter(): model.IpsecPeer['setPhase1'] {
    const first = this.sortedPhase1()[0];
    if (!first) return undefined;
    return (v) => {
      const edits: model.Edit[] = [];
      for (const e of [first.proposal.encryption.set?.([v.encryption]), first.proposal.hash.set?.([v.hash]), first.proposal.dh.set?.([v.dh])]) {
        if (!e) return undefined;
        edits.push(...e);
      }
      return edits;
    };
  }

  protected phase2Of(sets: MapEntry['transformSets']): model.Phase2Proposal[] {
    const res: model.Phase2Proposal[] = [];
    for (const s of sets) {
      const ts = this.transformSets.get(s.name);
      if (ts) res.push(ts.proposal);
    }
    return res;
  }

  protected phase2Setter(sets: MapEntry['transformSets']): model.IpsecPeer['setPhase2'] {
    const ts = sets.map((s) => this.transformSets.get(s.name)).find((x) => x);
    if (!ts || !ts.transforms.length) return undefined;
    return (v) => {
      const text = this.renderTransforms(v.encryption, v.integrity);
      if (!text) return undefined;
      return [this.edit({ start: ts.transforms[0].start, end: ts.transforms[ts.transforms.length - 1].end }, text)];
    };
  }

  protected renderTransforms(enc: string, integ: string): string | undefined {
    return iosTransforms(enc, integ);
  }

  protected pfsValue(pfs: MapEntry['pfs']): model.Value<string> {
    return pfs ? { value: pfs.value, range: pfs.range } : { value: 'none', default: `${this.platform}: no PFS requested unless \`set pfs\`` };
  }

  protected pfsSetter(block: IosNode, pfs: MapEntry['pfs']): model.Setter<string> {
    return (v) => {
      if (v === 'none') return pfs ? [this.deleteLine(pfs.node)] : [];
      const n = model.DH_NUMBERS[v];
      if (!n) return undefined;
      return this.setSub(block, pfs?.node, `set pfs group${n}`);
    };
  }

  protected lifetimeValue(l: MapEntry['lifetime']): model.Value<number> {
    if (l) return { value: l.value, range: l.range };
    if (this.globalP2Lifetime) return { value: this.globalP2Lifetime.value, range: this.globalP2Lifetime.range };
    return { value: 3600, default: `${this.platform} default phase-2 lifetime 3600 s` };
  }

  protected addPskSetter(remote: string): model.Setter<string> {
    return (k) => {
      const anchor = this.lastKeyNode() ?? this.globalInsertPoint();
      const line = `crypto isakmp key ${k} address ${remote}`;
      if (!anchor) return [this.edit({ start: this.text.length, end: this.text.length }, `${this.text.length && !this.text.endsWith('\n') ? this.eol : ''}${line}${this.eol}`)];
      return [this.insertAfter(anchor, [line])];
    };
  }

  protected lastKeyNode(): IosNode | undefined {
    let last: IosNode | undefined;
    for (const c of this.root.children) {
      const k = this.key(c);
      if (k === 'crypto isakmp key' || k === 'crypto isakmp policy') last = c;
    }
    return last;
  }

  protected buildPeers(): void {
    // Which interface each crypto map is applied to.
    const mapIf = new Map<string, IfaceInfo>();
    for (const info of this.interfaces) if (info.itf.cryptoMap && !mapIf.has(info.itf.cryptoMap.value)) mapIf.set(info.itf.cryptoMap.value, info);
    const dynUsers = new Map<string, MapEntry>();
    for (const e of this.mapEntries) if (!e.dynamic && e.dynamicMap) dynUsers.set(e.dynamicMap, e);

    for (const e of this.mapEntries) {
      if (!e.dynamic && e.dynamicMap) continue; // the dynamic map's own entries become peers
      const parent = e.dynamic ? dynUsers.get(e.name) : e;
      const ifName = this.mapLocalAddress.get(parent?.name ?? e.name);
      const itfInfo = ifName ? this.ifaceByName.get(ifName) : parent ? mapIf.get(parent.name) : undefined;
      const localAddr = itfInfo ? this.interfaceAddress4(itfInfo.itf.name) : undefined;
      const ikeVersion: 1 | 2 = e.ikev2Profile || (e.ikev2Proposals.length && !e.transformSets.length) ? 2 : 1;
      const remote = e.dynamic ? undefined : e.peers[0];
      const keyring = e.isakmpProfile ? this.isakmpProfiles.get(e.isakmpProfile)?.keyring : undefined;
      const psk = this.selectKeyFor(remote?.value, e, ikeVersion, keyring);
      const peer: model.IpsecPeer = {
        id: `${e.dynamic ? 'dyn' : 'map'}:${e.name}:${e.seq}`,
        label: `${e.dynamic ? 'crypto dynamic-map' : 'crypto map'} ${e.name} ${e.seq}`,
        range: e.ranges.length > 1 ? { start: e.ranges[0].start, end: e.ranges[e.ranges.length - 1].end } : e.node.range,
        remote,
        ...(remote ? {} : { remoteAny: '0.0.0.0/0' }),
        local: localAddr ? { value: localAddr, range: itfInfo!.itf.nameRange } : undefined,
        localInterface: itfInfo?.itf.name,
        role: e.dynamic ? 'responder' : 'both',
        kind: e.dynamic ? 'dynamic-map' : 'crypto-map',
        ikeVersion: ikeVersion === 2 ? { value: 2, range: e.node.range } : { value: 1, default: `${this.platform}: IKEv1 unless the entry uses an IKEv2 profile/proposal` },
        exchangeMode: this.exchangeMode(e),
        phase1: this.phase1List(ikeVersion),
        psk,
        phase2: this.phase2ForEntry(e),
        pfs: { ...this.pfsValue(e.pfs), set: this.entryPfsSetter(e) },
        phase2Lifetime: this.lifetimeValue(e.lifetime),
        selectors: e.acl ? this.selectorsOf(e.acl.name) : [],
        setPhase1: this.phase1SetterFor(ikeVersion),
        setPhase2: this.phase2SetterForEntry(e),
        setPfs: this.entryPfsSetter(e),
      };
      if (remote && !psk && looksNumericAddress(remote.value)) peer.addPsk = this.addPskFor(remote.value, e);
      peer.pfs.set = peer.setPfs;
      this.device.ipsecPeers.push(peer);
    }
    this.buildTunnelPeers();
  }

  protected exchangeMode(e: MapEntry): model.Value<'main' | 'aggressive'> {
    void e;
    return { value: 'main', default: `${this.platform}: main mode for address-keyed pre-shared keys` };
  }
  protected selectKeyFor(remote: string | undefined, e: MapEntry | undefined, ikeVersion: 1 | 2, keyring?: string): model.PresharedKey | undefined {
    void e;
    return this.selectKey(remote, { keyring, ikev2: ikeVersion === 2 });
  }
  protected phase2ForEntry(e: MapEntry): model.Phase2Proposal[] {
    return this.phase2Of(e.transformSets);
  }
  protected phase2SetterForEntry(e: MapEntry): model.IpsecPeer['setPhase2'] {
    return this.phase2Setter(e.transformSets);
  }
  protected entryPfsSetter(e: MapEntry): model.Setter<string> {
    return this.pfsSetter(e.node, e.pfs);
  }
  protected phase1SetterFor(v: 1 | 2): model.IpsecPeer['setPhase1'] {
    return v === 1 ? this.phase1Setter() : undefined;
  }
  protected addPskFor(remote: string, e: MapEntry | undefined): model.Setter<string> {
    void e;
    return this.addPskSetter(remote);
  }

  /** One peer per IPsec-protected GRE tunnel (and per NHRP NBMA address on multipoint spokes). */
  protected buildTunnelPeers(): void {
    for (const info of this.interfaces) {
      const t = info.itf.tunnel;
      if (!t || !t.protection) continue;
      const prof = this.ipsecProfiles.get(t.protection.value);
      const local = t.source?.value;
      const remotes: model.Value<string>[] = [];
      if (t.mode.value !== 'mgre' && t.destination) remotes.push(t.destination);
      else if (t.mode.value === 'mgre') {
        const seen = new Set<string>();
        for (const m of t.nhrp?.maps ?? []) if (!seen.has(m.nbma)) {
          seen.add(m.nbma);
          remotes.push({ value: m.nbma, range: m.range });
        }
      }
      const ikeVersion: 1 | 2 = prof?.ikev2Profile ? 2 : 1;
      const keyring = prof?.isakmpProfile ? this.isakmpProfiles.get(prof.isakmpProfile)?.keyring : undefined;
      const make = (remote: model.Value<string> | undefined, idx: number): model.IpsecPeer => {
        const psk = this.selectKey(remote?.value, { keyring, ikev2: ikeVersion === 2 });
        const peer: model.IpsecPeer = {
          id: `tunnel:${info.itf.name}${idx ? `:${idx}` : ''}`,
          label: `interface ${info.itf.name} (tunnel protection ipsec profile ${t.protection!.value})`,
          range: t.protection!.range ?? info.node.range,
          remote,
          ...(remote ? {} : { remoteAny: '0.0.0.0/0' }),
          local: local ? { value: local, range: t.source!.range } : undefined,
          localInterface: t.sourceInterface,
          role: remote ? 'both' : 'responder',
          kind: 'tunnel-protection',
          ikeVersion: ikeVersion === 2 ? { value: 2, range: t.protection!.range } : { value: 1, default: 'IOS: IKEv1 unless the IPsec profile sets an IKEv2 profile' },
          exchangeMode: { value: 'main', default: 'IOS: main mode for address-keyed pre-shared keys' },
          phase1: this.phase1List(ikeVersion),
          psk,
          phase2: prof ? this.phase2Of(prof.transformSets) : [],
          pfs: { ...this.pfsValue(prof?.pfs), ...(prof ? { set: this.pfsSetter(prof.node, prof.pfs) } : {}) },
          phase2Lifetime: this.lifetimeValue(prof?.lifetime),
          selectors: local && remote && looksNumericAddress(remote.value) ? [{ local: `${local}/32`, remote: `${remote.value}/32`, protocol: 'gre', range: t.protection!.range ?? info.node.range }] : [],
          setPhase1: this.phase1SetterFor(ikeVersion),
          setPhase2: prof ? this.phase2Setter(prof.transformSets) : undefined,
          setPfs: prof ? this.pfsSetter(prof.node, prof.pfs) : undefined,
        };
        if (remote && !psk && looksNumericAddress(remote.value)) peer.addPsk = this.addPskSetter(remote.value);
        return peer;
      };
      if (remotes.length === 0) this.device.ipsecPeers.push(make(undefined, 0));
      else remotes.forEach((r, i) => this.device.ipsecPeers.push(make(r, i)));
    }
  }

  // ------------------------------------------------------------------ IPsec quick-fix setters

  /** Lifetime and selector Setters of the built peers (see IosIpsecFixSetters below). */
  protected attachIpsecFixSetters(): void {
    try {
      this.attachIpsecFixSettersUnguarded();
    } catch {
      // Quick-fix Setters are optional: a bug here must not lose the lowered device.
    }
  }

  private attachIpsecFixSettersUnguarded(): void {
    const fx = new IosIpsecFixSetters(
      { platform: this.platform, text: this.text, mapEntries: this.mapEntries, phase1: this.phase1, interfaces: this.interfaces, ipsecProfiles: this.ipsecProfiles, root: this.root },
      (r, t) => this.edit(r, t),
      (b, e, l) => this.setSub(b, e, l),
      (n, l) => this.insertAfter(n, l),
      (n, l) => this.replaceLine(n, l),
    );
    fx.guardPhase1();
    const entries = new Map<string, MapEntry>();
    for (const e of this.mapEntries) entries.set(`${e.dynamic ? 'dyn' : 'map'}:${e.name}:${e.seq}`, e);
    const tunnels = new Map<string, string>();
    for (const info of this.interfaces) if (info.itf.tunnel?.protection) tunnels.set(info.itf.name, info.itf.tunnel.protection.value);
    const selector = fx.selector();
    for (const peer of this.device.ipsecPeers) {
      const entry = entries.get(peer.id);
      if (entry) {
        if (peer.phase2Lifetime) peer.phase2Lifetime.set = fx.entryLifetime(entry);
        if (entry.acl && peer.selectors.length) peer.setSelector = selector;
        continue;
      }
      const m = /^tunnel:(.+?)(?::\d+)?$/.exec(peer.id);
      const prof = m ? tunnels.get(m[1]) : undefined;
      if (prof && peer.phase2Lifetime) peer.phase2Lifetime.set = fx.profileLifetime(prof);
    }
  }

  // ------------------------------------------------------------------ finish

  protected finish(): void {
    // Resolve tunnel sources to addresses.
    for (const info of this.interfaces) {
      const t = info.itf.tunnel;
      if (t && info.tunnelSourceRef && !t.source) {
        const addr = this.interfaceAddress4(info.tunnelSourceRef.name);
        if (addr) t.source = { value: addr, range: info.tunnelSourceRef.token };
      }
    }
    try {
      for (const info of this.interfaces) this.attachTunnelSetters(info);
    } catch {
      // Quick-fix setters are optional: a bug here must not lose the model.
    }
    this.buildOspfInterfaces();
    try {
      this.attachOspfSetters();
    } catch {
      // as above
    }
    this.buildPeers();
    this.attachIpsecFixSetters();
    this.collectOtherSecrets();
    this.scanUses();
  }

  /**
   * Every argument that is a secret by its keyword (`password`, `secret`, `community`, `key`, `key-string`,
   * `md5` …, after an optional encryption-type digit; SNMPv3 `auth sha P` / `priv aes 128 P`), for display
   * features and the reference scan (rules in `secrets.ts`). Keys the model already holds are included again.
   */
  protected collectOtherSecrets(): void {
    const out: TextRange[] = [];
    const visit = (n: IosNode) => {
      for (const c of n.children) {
        if (c.kind === 'IosCommand') secretArgs(c.words.map((w) => w.text), c.mode).forEach((i) => out.push({ start: c.words[i].start, end: c.words[i].end }));
        if (c.children.length) visit(c);
      }
    };
    visit(this.root);
    if (out.length) this.device.otherSecrets = out;
  }

  /**
   * Counts a defined name as used when it appears as a word of a command netcfg does not model (NAT rules,
   * routing filters …), so ref/unused only fires for names that are never mentioned again.
   */
  protected scanUses(): void {
    const names = new Map<string, model.Definition[]>();
    for (const d of this.device.definitions) {
      if (d.builtin || d.kind === 'interface') continue;
      const list = names.get(d.name);
      if (list) list.push(d);
      else names.set(d.name, [d]);
    }
    if (!names.size) return;
    // A secret that happens to spell a defined name is not a use of it (and must never be renamed with it).
    const secrets = new Set(model.secretRanges(this.device).map((r) => r.start));
    const visit = (n: IosNode) => {
      for (const c of n.children) {
        if (c.kind === 'IosCommand') {
          for (let i = 1; i < c.words.length; i++) {
            const w = c.words[i];
            const defs = names.get(w.text);
            if (!defs || this.defTokens.has(w.start) || secrets.has(w.start)) continue;
            for (const d of defs) this.device.references.push({ kind: d.kind, name: d.name, range: { start: w.start, end: w.end } });
            names.delete(w.text);
          }
        }
        if (c.children.length) visit(c);
      }
    };
    visit(this.root);
  }
}

// ------------------------------------------------------------------ IPsec quick-fix setters (lifetimes, selectors)
// Kept apart from the lowering above: attached to the finished peers, so the peers' construction stays untouched.

export interface IpsecFixHost {
  readonly platform: 'IOS' | 'ASA';
  readonly text: string;
  mapEntries: MapEntry[];
  phase1: Phase1Info[];
  interfaces: IfaceInfo[];
  ipsecProfiles: Map<string, { node: IosNode; lifetime?: MapEntry['lifetime'] }>;
  root: IosNode;
}

/** `any`, `host A`, or `A WILDCARD` (IOS) / `A MASK` (ASA) for an IPv4 CIDR prefix; undefined otherwise. */
export function aclAddressText(prefix: string, style: 'wildcard' | 'mask'): string | undefined {
  const p = model.parsePrefix(prefix);
  if (!p || p.family !== 4) return undefined;
  const net = model.networkOf(model.formatPrefix(p).split('/')[0], p.length);
  if (!net) return undefined;
  const addr = net.split('/')[0];
  if (p.length === 0) return 'any';
  if (p.length === 32) return `host ${addr}`;
  const mask = model.lengthToMask(p.length);
  if (style === 'mask') return `${addr} ${mask}`;
  const wild = model.formatIpv4(~(model.parseIpv4(mask) ?? 0) >>> 0);
  return `${addr} ${wild}`;
}

/** Number of words of one ACL address spec at `i` (`any`, `host A`, `A MASK`), or undefined for other forms. */
function aclSpecLength(words: Token[], i: number): number | undefined {
  const w = words[i]?.text.toLowerCase();
  if (w === undefined) return undefined;
  if (w === 'any' || w === 'any4') return 1;
  if (w === 'host') return words[i + 1] && looksNumericAddress(words[i + 1].text) ? 2 : undefined;
  if (looksNumericAddress(w) && words[i + 1] && looksNumericAddress(words[i + 1].text)) return 2;
  return undefined;
}

export class IosIpsecFixSetters {
  private nodesByStart?: Map<number, IosNode>;
  constructor(
    private readonly host: IpsecFixHost,
    private readonly edit: (range: TextRange, newText: string) => model.Edit,
    private readonly setSub: (block: IosNode, existing: IosNode | undefined, line: string) => model.Edit[],
    private readonly insertAfter: (node: IosNode, lines: string[]) => model.Edit,
    private readonly replaceLine: (node: IosNode, line: string) => model.Edit,
  ) {}

  /** A command node by the start of its range (global lines and block children). */
  private nodeAt(start: number): IosNode | undefined {
    if (!this.nodesByStart) {
      const m = new Map<number, IosNode>();
      const visit = (n: IosNode) => {
        for (const c of n.children) {
          if (c.kind === 'IosCommand') m.set(c.range.start, c);
          if (c.children.length) visit(c);
        }
      };
      visit(this.host.root);
      this.nodesByStart = m;
    }
    return this.nodesByStart.get(start);
  }

  private p1Range(): [number, number] {
    return this.host.platform === 'ASA' ? [120, 2147483647] : [60, 86400];
  }

  private p2Range(): [number, number] {
    return this.host.platform === 'ASA' ? [120, 2147483647] : [120, 86400 * 7];
  }

  /** Phase 1 lifetimes: keep the existing setter, but refuse values the platform rejects. */
  guardPhase1(): void {
    const [lo, hi] = this.p1Range();
    for (const info of this.host.phase1) {
      const inner = info.proposal.lifetime.set;
      if (!inner) continue;
      info.proposal.lifetime.set = (v) => (Number.isInteger(v) && v >= lo && v <= hi ? inner(v) : undefined);
    }
  }

  /** `set security-association lifetime seconds S` in an IOS block (map entry or IPsec profile). */
  private blockLifetime(block: IosNode, lifetime: MapEntry['lifetime']): model.Setter<number> {
    const [lo, hi] = this.p2Range();
    return (v) => {
      if (!Number.isInteger(v) || v < lo || v > hi) return undefined;
      const existing = lifetime ? this.nodeAt(lifetime.range.start) : undefined;
      return this.setSub(block, existing, `set security-association lifetime seconds ${v}`);
    };
  }

  /** ASA: the entry's own `crypto map NAME SEQ set security-association lifetime seconds S` line. */
  private asaEntryLifetime(e: MapEntry): model.Setter<number> {
    const [lo, hi] = this.p2Range();
    return (v) => {
      if (!Number.isInteger(v) || v < lo || v > hi) return undefined;
      const line = `${e.dynamic ? 'crypto dynamic-map' : 'crypto map'} ${e.name} ${e.seq} set security-association lifetime seconds ${v}`;
      const existing = e.lifetime ? this.nodeAt(e.lifetime.range.start) : undefined;
      return [existing ? this.replaceLine(existing, line) : this.insertAfter(e.lastNode, [line])];
    };
  }

  entryLifetime(e: MapEntry): model.Setter<number> {
    return this.host.platform === 'ASA' ? this.asaEntryLifetime(e) : this.blockLifetime(e.node, e.lifetime);
  }

  profileLifetime(name: string): model.Setter<number> | undefined {
    const prof = this.host.ipsecProfiles.get(name);
    return prof ? this.blockLifetime(prof.node, prof.lifetime) : undefined;
  }

  /** Rewrites the addresses of a crypto ACL permit line (protocol, ports and trailing keywords kept). */
  selector(): model.Setter<{ range: TextRange; local: string; remote: string; protocol: string }> {
    const style = this.host.platform === 'ASA' ? 'mask' : 'wildcard';
    return (v) => {
      const node = this.nodeAt(v.range.start);
      if (!node) return undefined;
      const w = node.words;
      const act = w.findIndex((t) => t.text.toLowerCase() === 'permit');
      if (act < 0 || !w[act + 1]) return undefined;
      const proto = w[act + 1].text.toLowerCase();
      if (proto === 'object' || proto === 'object-group') return undefined;
      const srcAt = act + 2;
      const srcLen = aclSpecLength(w, srcAt);
      if (srcLen === undefined) return undefined;
      const dstAt = srcAt + srcLen;
      const dstLen = aclSpecLength(w, dstAt);
      if (dstLen === undefined) return undefined;
      const src = aclAddressText(v.local, style);
      const dst = aclAddressText(v.remote, style);
      if (!src || !dst) return undefined;
      return [this.edit({ start: w[srcAt].start, end: w[dstAt + dstLen - 1].end }, `${src} ${dst}`)];
    };
  }
}

/** Keywords whose next word is a password or key in commands netcfg does not model (`username u password X`, `key-string X`). */


function normalizeArea(text: string): string {
  if (/^\d+$/.test(text)) return model.formatIpv4(Number(text) >>> 0);
  return text;
}

/** An area id as IOS engineers write it: decimal up to 65535 (`area 10`), dotted above; undefined when not an area id. */
function iosAreaText(id: string): string | undefined {
  const t = id.trim().toLowerCase();
  if (t === 'backbone') return '0';
  if (/^\d+$/.test(t)) return Number(t) <= 0xffffffff ? t : undefined;
  const n = model.parseIpv4(t);
  if (n === undefined) return undefined;
  return n <= 65535 ? String(n) : model.formatIpv4(n);
}

export function ospfTypeKeyword(v: model.OspfNetworkType): string | undefined {
  switch (v) {
    case 'broadcast':
    case 'non-broadcast':
    case 'point-to-point':
    case 'point-to-multipoint':
      return v;
    case 'point-to-multipoint-non-broadcast':
      return 'point-to-multipoint non-broadcast';
    default:
      return undefined;
  }
}

export function asaEncryptionKeyword(canonical: string): string | undefined {
  return { des: 'des', '3des': '3des', 'aes-cbc-128': 'aes', 'aes-cbc-192': 'aes-192', 'aes-cbc-256': 'aes-256' }[canonical];
}

/** Lowers an IOS parse into a device. */
export function lowerIos(parsed: ParseResult<IosNode>, uri: string): { device: model.Device; diagnostics: SyntaxDiagnostic[] } {
  return new IosLowering(parsed, uri).run();
}
