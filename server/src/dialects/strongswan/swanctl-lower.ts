// Lowers a swanctl.conf tree (./swanctl-parse.ts) into the neutral model: one IpsecPeer per connection
// (`connections.NAME`), with its IKE version, addresses, IKE proposals (strongSwan keywords and defaults from
// ./proposals.ts), authentication, rekey time, and the ESP proposals, PFS group, traffic selectors and rekey time of
// its CHILD_SAs (`children.NAME`); pre-shared keys from `secrets.ike*` matched to each connection by identity as
// charon does. Setters write fixes back as swanctl.conf text.
// Semantics and defaults: swanctl.conf(5), https://docs.strongswan.org/docs/latest/swanctl/swanctlConf.html.
// Imports only the model, syntax helpers and this dialect's own files.

import * as model from '../../model';
import type { SyntaxDiagnostic, TextRange } from '../../syntax';
import type { DialectOptions, LowerResult } from '../types';
import { CODES } from './parser';
import { defaultPhase1, defaultPhase2, parseProposalList, renderEspProposal, renderIkeProposal, type Phase1Sets, type Phase2Sets, type ProposalList } from './proposals';
import { listItems, type ListItem, type SwanctlFile, type SwanctlItem, type SwanctlSection, type SwanctlSetting } from './swanctl-parse';

/** Symbol kinds of swanctl.conf definitions (`ref/undefined`, `ref/unused`). */
export const SWANCTL_KINDS = { connection: 'swanctl-connection', pool: 'swanctl-pool' } as const;

export const SWANCTL_DOCS = 'https://docs.strongswan.org/docs/latest/swanctl/swanctlConf.html';

/** Defaults of swanctl.conf(5), in seconds where they are times. */
export const SWANCTL_DEFAULTS = {
  ikeRekey: 14400,
  childRekey: 3600,
} as const;

/** Extra data the dialect's editor features read back (kept small: plain data). */
export interface SwanctlFeatures {
  connections: { name: string; range: TextRange }[];
}

/** A section with the templates it inherits from (`name : base {`), own settings first. */
class Resolved {
  readonly chain: SwanctlSection[];

  /**
   * `siblings`: where a plain template name is looked up; a dotted name (`connections.gw.children.net`) is a path
   * from the file's top level (`root`). Breadth-first, each template once (no recursion, cycles end).
   */
  constructor(own: SwanctlSection, siblings: readonly SwanctlItem[], root: readonly SwanctlItem[]) {
    this.chain = [own];
    const seen = new Set<SwanctlSection>([own]);
    for (let i = 0; i < this.chain.length && this.chain.length < 64; i++) {
      for (const ref of this.chain[i].refs) {
        const t = ref.name.includes('.') ? sectionAtPath(root, ref.name.split('.')) : siblings.find((s): s is SwanctlSection => s.kind === 'SwanctlSection' && s.name === ref.name);
        if (t && !seen.has(t)) {
          seen.add(t);
          this.chain.push(t);
        }
      }
    }
  }

  get own(): SwanctlSection {
    return this.chain[0];
  }

  setting(key: string): SwanctlSetting | undefined {
    for (const s of this.chain) {
      let found: SwanctlSetting | undefined;
      for (const it of s.items) if (it.kind === 'SwanctlSetting' && it.key === key) found = it;
      if (found) return found;
    }
    return undefined;
  }

  /** The first subsection whose name satisfies `test`, own sections first. */
  section(test: (name: string) => boolean): SwanctlSection | undefined {
    for (const s of this.chain) for (const it of s.items) if (it.kind === 'SwanctlSection' && test(it.name)) return it;
    return undefined;
  }

  /** Subsections of the named subsection (e.g. every child of `children`), own first, each name once. */
  sectionsIn(name: string): SwanctlSection[] {
    const res: SwanctlSection[] = [];
    const names = new Set<string>();
    for (const s of this.chain) {
      for (const it of s.items) {
        if (it.kind !== 'SwanctlSection' || it.name !== name) continue;
        for (const c of it.items) if (c.kind === 'SwanctlSection' && !names.has(c.name)) {
          names.add(c.name);
          res.push(c);
        }
      }
    }
    return res;
  }
}

function sectionAtPath(items: readonly SwanctlItem[], path: readonly string[]): SwanctlSection | undefined {
  let cur: SwanctlSection | undefined;
  let list = items;
  for (const name of path) {
    cur = list.find((s): s is SwanctlSection => s.kind === 'SwanctlSection' && s.name === name);
    if (!cur) return undefined;
    list = cur.items;
  }
  return cur;
}

function settingIn(section: SwanctlSection | undefined, key: string): SwanctlSetting | undefined {
  if (!section) return undefined;
  let found: SwanctlSetting | undefined;
  for (const it of section.items) if (it.kind === 'SwanctlSetting' && it.key === key) found = it;
  return found;
}

/** Seconds of a swanctl time value (`3600`, `60s`, `30m`, `4h`, `1d`), or undefined. */
export function parseTime(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(text);
  if (!m) return undefined;
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2].toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * mult);
}

/** The document offset where a setting's value text starts, when the joined value is exactly the source text there. */
function valueOffset(s: SwanctlSetting, text: string): number | undefined {
  if (!s.valueRange || s.parts.length === 0) return undefined;
  const p = s.parts[0];
  const start = p.quoted ? p.range.start + 1 : p.range.start;
  return text.startsWith(s.value, start) ? start : undefined;
}

/**
 * The proposals of `proposals`, `esp_proposals` or `ah_proposals`. With `report`, a keyword netcfg does not know gets
 * one `strongswan/unknown-algorithm` warning per setting (a template's setting is read by every connection inheriting it).
 */
function parseList(s: SwanctlSetting, text: string, report?: Pick<Ctx, 'diagnostics' | 'reported'>): ProposalList {
  const at = valueOffset(s, text);
  const list = parseProposalList(s.value, at ?? 0, 'vici');
  if (at === undefined && s.valueRange) {
    for (const p of list.proposals) p.range = { start: s.valueRange.start, end: s.valueRange.end };
    for (const w of list.unknown) w.range = { start: s.valueRange.start, end: s.valueRange.end };
  }
  if (report && list.unknown.length && !report.reported.has(s)) {
    report.reported.add(s);
    for (const w of list.unknown) {
      report.diagnostics.push({ range: w.range, severity: 'warning', code: CODES.unknownAlgorithm, message: `\`${w.text}\` is not an algorithm keyword netcfg knows in \`${s.key}\`: charon refuses to load a connection whose proposal has an unknown keyword; netcfg ignores the proposal list.` });
    }
  }
  return list;
}

function cover2(a: TextRange, b: TextRange): TextRange {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

function hostPrefix(addr: string): string | undefined {
  const c = model.canonicalAddress(addr);
  if (!c) return undefined;
  return `${c}/${c.includes(':') ? 128 : 32}`;
}

// ---- traffic selectors -------------------------------------------------------------------------------------

const PORT_NAMES: Record<string, string> = model.dict({ http: '80', https: '443', ssh: '22', domain: '53', l2tp: '1701', isakmp: '500', 'ipsec-nat-t': '4500', telnet: '23', smtp: '25', ntp: '123', snmp: '161', bgp: '179' });

interface TrafficSelector {
  /** CIDR, or undefined for `dynamic` (the IKE address of that end). */
  prefix?: string;
  protocol: string;
  port?: string;
  item?: ListItem;
  /** Length of the address part of the item (before `[`). */
  addrLength: number;
}

function parseTs(item: ListItem): TrafficSelector | undefined {
  const m = /^([^[\]]*)(?:\[([^\]]*)\])?$/.exec(item.text);
  if (!m) return undefined;
  const addr = m[1].trim();
  let protocol = 'ip';
  let port: string | undefined;
  if (m[2] !== undefined) {
    const [proto, p] = m[2].split('/');
    const pr = (proto ?? '').trim().toLowerCase();
    if (pr && pr !== '%any' && pr !== 'any') protocol = pr;
    const pt = (p ?? '').trim().toLowerCase();
    if (pt && pt !== '%any' && pt !== '%opaque') port = PORT_NAMES[pt] ?? pt;
  }
  if (addr === '' || addr === 'dynamic' || addr === '%dynamic') return { protocol, port, item, addrLength: m[1].length };
  if (addr === '%any' || addr === '%any4' || addr === '0.0.0.0/0') return { prefix: '0.0.0.0/0', protocol, port, item, addrLength: m[1].length };
  if (addr === '%any6' || addr === '::/0') return { prefix: '::/0', protocol, port, item, addrLength: m[1].length };
  const prefix = addr.includes('/') ? model.canonicalPrefix(addr) : hostPrefix(addr);
  if (!prefix) return undefined; // ranges (`10.0.0.1-10.0.0.9`) and names: not modelled
  return { prefix, protocol, port, item, addrLength: m[1].length };
}

// ---- identities and secrets ----------------------------------------------------------------------------------

interface IkeSecret {
  section: SwanctlSection;
  ids: { value: string; setting: SwanctlSetting }[];
  setting?: SwanctlSetting;
  secret?: model.Secret;
}

/** A secret as charon reads it: `0x` hex and `0s` base64 are decoded (to compare with a peer's plaintext). */
function secretOf(setting: SwanctlSetting): model.Secret {
  const v = setting.value;
  const range = setting.valueRange ?? setting.keyRange;
  let plain = v;
  if (/^0x[0-9a-f]+$/i.test(v) && v.length % 2 === 0) {
    let s = '';
    for (let i = 2; i < v.length; i += 2) s += String.fromCharCode(parseInt(v.slice(i, i + 2), 16));
    plain = s;
  } else if (/^0s[A-Za-z0-9+/=]+$/.test(v)) {
    try {
      plain = atob(v.slice(2));
    } catch {
      plain = v;
    }
  }
  return { kind: 'plain', plain, range: { start: range.start, end: range.end } };
}

/** How well an identity pattern matches an identity: 2 exact, 1 wildcard, 0 not (charon's ID_MATCH_* ordering). */
function idMatch(pattern: string, id: string): number {
  const p = pattern.trim().toLowerCase();
  const i = id.trim().toLowerCase();
  if (p === '%any' || p === '*') return 1;
  if (p === i) return 2;
  const ap = model.canonicalAddress(p);
  const ai = model.canonicalAddress(i);
  if (ap && ai) return ap === ai ? 2 : 0;
  if (ai && p.includes('/') && model.parsePrefix(p)) return model.prefixContains(p, ai) ? 1 : 0;
  if (p.includes('*')) {
    const re = new RegExp(`^${p.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
    return re.test(i) ? 1 : 0;
  }
  // `@name` and `fqdn:name` forms name the same FQDN identity.
  const strip = (s: string) => s.replace(/^(fqdn:|@)/, '');
  return strip(p) === strip(i) ? 2 : 0;
}

/** The key's `peer` in the model: a CIDR for an address identity, `0.0.0.0/0` for none or `%any`, else the name. */
function keyPeer(id: string | undefined): string {
  if (id === undefined) return '0.0.0.0/0';
  const t = id.trim();
  if (t === '%any' || t === '*') return '0.0.0.0/0';
  const host = hostPrefix(t);
  if (host) return host;
  return model.canonicalPrefix(t) ?? t;
}

// ---- lowering ------------------------------------------------------------------------------------------------

export function lowerSwanctlTree(text: string, tree: SwanctlFile, parseDiagnostics: readonly SyntaxDiagnostic[], uri: string, _options: DialectOptions): LowerResult {
  const diagnostics: SyntaxDiagnostic[] = [...parseDiagnostics];
  const base = decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() || uri);
  const device = model.emptyDevice(uri, 'strongswan', base);
  const edits = new Edits(uri, text);
  const owned = new Set<string>();
  const reported = new Set<SwanctlSetting>();
  const features: SwanctlFeatures = { connections: [] };

  // Secrets first: every connection selects from all of them.
  const secrets: IkeSecret[] = [];
  let secretsSection: SwanctlSection | undefined;
  const poolNames = new Set<string>();
  for (const top of tree.items) {
    if (top.kind !== 'SwanctlSection') continue;
    if (top.name === 'secrets') {
      secretsSection ??= top;
      for (const s of top.items) {
        if (s.kind !== 'SwanctlSection' || !/^ike/.test(s.name)) continue;
        const entry: IkeSecret = { section: s, ids: [] };
        for (const it of s.items) {
          if (it.kind !== 'SwanctlSetting') continue;
          if (/^id/.test(it.key) && it.value) entry.ids.push({ value: it.value, setting: it });
          if (it.key === 'secret') entry.setting = it;
        }
        if (entry.setting) entry.secret = secretOf(entry.setting);
        secrets.push(entry);
        if (!entry.secret || !entry.setting) continue;
        const setting = entry.setting;
        const targets = entry.ids.length ? entry.ids.map((i) => i.value) : [undefined];
        for (const id of targets) {
          device.keys.push({ peer: keyPeer(id), secret: entry.secret, range: { start: s.range.start, end: s.range.end }, set: (v) => edits.replaceValue(setting, quote(v)) });
        }
      }
    } else if (top.name === 'pools') {
      for (const p of top.items) {
        if (p.kind !== 'SwanctlSection') continue;
        poolNames.add(p.name);
        device.definitions.push({ kind: SWANCTL_KINDS.pool, name: p.name, range: p.nameRange, fullRange: p.range });
      }
    }
  }

  const secretsElsewhere = !secrets.some((x) => x.secret) || tree.items.some((it) => it.kind === 'SwanctlInclude');
  for (const top of tree.items) {
    if (top.kind !== 'SwanctlSection' || top.name !== 'connections') continue;
    for (const c of top.items) {
      if (c.kind !== 'SwanctlSection') continue;
      device.definitions.push({ kind: SWANCTL_KINDS.connection, name: c.name, range: c.nameRange, fullRange: c.range, implicitlyUsed: true });
      // Templates may live in an included file (`include swanctl_base.conf`): no `ref/undefined` for them.
      features.connections.push({ name: c.name, range: c.nameRange });
      const conn = new Resolved(c, top.items, tree.items);
      const pools = conn.setting('pools');
      // Pools may come from plugins (attr-sql, dhcp, eap-radius): only pools of this file are references.
      if (pools) for (const it of listItems(pools, text)) if (poolNames.has(it.text)) device.references.push({ kind: SWANCTL_KINDS.pool, name: it.text, range: it.range });
      // A template (`base` that others inherit from) with no address of its own is not a tunnel.
      lowerConnection(conn, { text, root: tree.items, device, edits, owned, secrets, secretsSection, secretsElsewhere, diagnostics, reported });
    }
  }
  return { device, diagnostics, features };
}

interface Ctx {
  text: string;
  root: readonly SwanctlItem[];
  device: model.Device;
  edits: Edits;
  owned: Set<string>;
  secrets: IkeSecret[];
  secretsSection?: SwanctlSection;
  /** No `ike` secret in this file, or an `include`: keys may live in files netcfg does not see with this one. */
  secretsElsewhere: boolean;
  diagnostics: SyntaxDiagnostic[];
  /** Proposal settings whose unknown keywords were reported already. */
  reported: Set<SwanctlSetting>;
}

/** The model's authentication method of a swanctl `auth` value (default `pubkey`). */
function authKind(word: string | undefined): model.Phase1Proposal['auth']['value'] {
  // `ike:` restricts the signature scheme of the IKE_AUTH signature only (`ike:rsa/pss-sha256`, swanctl.conf(5)
  // `auth`): still public key authentication.
  const w = (word ?? 'pubkey').trim().toLowerCase().replace(/^ike:/, '');
  if (w === 'psk') return 'psk';
  if (w === 'pubkey' || w === 'rsa' || w === 'ecdsa' || w === 'ed25519' || w === 'ed448' || /^(pubkey|rsa|ecdsa|bliss|ed25519|ed448)[-_:/]/.test(w)) return 'rsa-sig';
  return 'other';
}

const AUTH_DEFAULT = model.sharedDefault<model.Phase1Proposal['auth']['value']>('rsa-sig', 'swanctl.conf default `auth = pubkey`: public key (certificate) authentication');
const MAIN_DEFAULT = model.sharedDefault<'main' | 'aggressive'>('main', 'swanctl.conf default `aggressive = no`: IKEv1 main mode');

function lowerConnection(conn: Resolved, ctx: Ctx): void {
  const { text, device, edits } = ctx;
  const c = conn.own;

  // IKE version: 0 (default) initiates IKEv2 and accepts both.
  const versionS = conn.setting('version');
  const v = versionS ? versionS.value.trim() : '0';
  const version: 1 | 2 = v === '1' ? 1 : 2;
  const setVersion = (n: 1 | 2) => edits.setSetting(c, versionS, 'version', String(n));
  const ikeVersion: model.Value<1 | 2> =
    versionS && (v === '1' || v === '2')
      ? { value: version, range: versionS.valueRange ?? versionS.keyRange, set: setVersion }
      : { value: 2, default: 'swanctl.conf default `version = 0`: initiates with IKEv2 and accepts IKEv1 and IKEv2 as a responder', set: setVersion };

  // Addresses: the first literal address of each list; `%any` or none on the remote side makes a responder.
  const localS = conn.setting('local_addrs');
  const remoteS = conn.setting('remote_addrs');
  const localItems = localS ? listItems(localS, text) : [];
  const remoteItems = remoteS ? listItems(remoteS, text) : [];
  let local: model.Value<string> | undefined;
  for (const it of localItems) {
    const a = model.canonicalAddress(it.text);
    if (!a) continue;
    local ??= { value: a, range: it.range };
    if (!ctx.owned.has(a)) {
      ctx.owned.add(a);
      device.extraAddresses.push({ value: a, range: it.range });
    }
  }
  let remote: model.Value<string> | undefined;
  let remoteAny: string | undefined;
  for (const it of remoteItems) {
    const a = model.canonicalAddress(it.text);
    if (a) {
      remote = { value: a, range: it.range };
      break;
    }
    if (it.text.includes('/') && model.canonicalPrefix(it.text)) {
      remoteAny ??= model.canonicalPrefix(it.text);
      continue;
    }
    if (it.text !== '%any' && it.text !== '%any4' && it.text !== '%any6' && !remoteAny) {
      // A DNS name: the peer is named but not by address (pairing needs an address).
      remote = { value: it.text, range: it.range };
      break;
    }
  }
  if (!remote) remoteAny ??= '0.0.0.0/0';

  // Authentication of this end (`local` or `local-*`/`local1` rounds; the first round decides PSK).
  const localAuthSection = conn.section((n) => /^local(?:$|[-_]?\w)/.test(n) && n !== 'local_addrs' && n !== 'local_port');
  const remoteAuthSection = conn.section((n) => /^remote(?:$|[-_]?\w)/.test(n) && n !== 'remote_addrs' && n !== 'remote_port');
  const authS = settingIn(localAuthSection, 'auth');
  const remoteAuthS = settingIn(remoteAuthSection, 'auth');
  const localKind = authKind(authS?.value);
  // Without any `remote` round nothing is required of the peer: symmetric for the model.
  const remoteKind = remoteAuthSection ? authKind(remoteAuthS?.value) : localKind;
  // IKEv2 lets each end authenticate differently (certificate one way, EAP or PSK the other): the model compares one
  // method, so an asymmetric connection is `other`, which only meets another asymmetric one.
  const auth: model.Value<model.Phase1Proposal['auth']['value']> =
    localKind !== remoteKind
      ? { value: 'other', range: (authS ?? remoteAuthS)?.valueRange, default: authS && remoteAuthS ? undefined : 'swanctl.conf default `auth = pubkey` on the other side' }
      : authS
        ? { value: localKind, range: authS.valueRange ?? authS.keyRange }
        : AUTH_DEFAULT;

  const aggrS = conn.setting('aggressive');
  const exchangeMode: model.Value<'main' | 'aggressive'> = aggrS ? { value: aggrS.value.trim().toLowerCase() === 'yes' ? 'aggressive' : 'main', range: aggrS.valueRange ?? aggrS.keyRange } : MAIN_DEFAULT;

  // IKE rekey time (the lifetime the model compares).
  const rekeyS = conn.setting('rekey_time');
  const rekey = rekeyS ? parseTime(rekeyS.value) : undefined;
  const setIkeRekey = (s: number) => (Number.isInteger(s) && s > 0 ? edits.setSetting(c, rekeyS, 'rekey_time', String(s)) : undefined);

  // IKE proposals.
  const propS = conn.setting('proposals');
  const propList = propS ? parseList(propS, text, ctx) : undefined;
  const phase1: model.Phase1Proposal[] = [];
  const mkP1 = (sets: Phase1Sets, isDefault: boolean, i: number): model.Phase1Proposal => {
    const note = isDefault ? `swanctl.conf ${propList ? '`default` keyword' : 'default `proposals = default`'}: charon's default IKE proposals` : undefined;
    const val = <T>(value: T): model.Value<T> => (note ? { value, default: note } : { value, range: sets.range });
    return {
      label: sets.label,
      range: sets.range,
      priority: i,
      encryption: val(sets.encryption),
      hash: val(sets.hash),
      dh: val(sets.dh),
      auth,
      lifetime: rekey !== undefined ? { value: rekey, range: rekeyS!.valueRange, set: setIkeRekey } : { value: SWANCTL_DEFAULTS.ikeRekey, default: 'swanctl.conf default `rekey_time = 4h`', set: setIkeRekey },
    };
  };
  if (propList && propList.unknown.length) {
    // An algorithm netcfg does not know: the list is not modelled rather than compared wrongly.
  } else if (!propList || propList.proposals.length === 0) {
    defaultPhase1('strongswan', version).forEach((s, i) => phase1.push(mkP1(s, true, i)));
  } else {
    for (const p of propList.proposals) {
      if (!p.encryption.length) continue;
      const hash = p.integrity.length ? p.integrity : p.prf;
      phase1.push(mkP1({ label: p.text, encryption: p.encryption, hash, dh: p.dh, range: p.range }, false, phase1.length));
    }
    if (propList.hasDefaultKeyword) for (const s of defaultPhase1('strongswan', version)) phase1.push(mkP1(s, true, phase1.length));
  }

  // CHILD_SAs, each with the child templates it inherits from (`net-2 : connections.gw.children.net-1`).
  const childSections = conn.sectionsIn('children');
  const children = childSections.map((cs) => new Resolved(cs, childSections, ctx.root));
  const phase2: model.Phase2Proposal[] = [];
  const selectors: model.Selector[] = [];
  const selectorChild = new Map<model.Selector, { child: SwanctlSection; local: TrafficSelector; remote: TrafficSelector; localS?: SwanctlSetting; remoteS?: SwanctlSetting }>();
  let pfs: model.Value<string> | undefined;
  let phase2Lifetime: model.Value<number> | undefined;
  let initiates = false;
  /** A list with an algorithm netcfg does not know: no phase 2 is modelled for the connection. */
  let unknownEsp = false;
  /** A `dynamic` selector whose address is unknown: no selector is modelled (a partial list would miss mirrors). */
  let unresolvedTs = false;
  const firstChild = children[0]?.own;
  const firstEspS = children[0]?.setting('esp_proposals');
  for (const rc of children) {
    const child = rc.own;
    const modeS = rc.setting('mode');
    const modeWord = modeS?.value.trim().toLowerCase() ?? 'tunnel';
    if (modeWord === 'pass' || modeWord === 'drop') continue;
    const start = rc.setting('start_action')?.value.toLowerCase() ?? 'none';
    if (/start|trap/.test(start)) initiates = true;
    const mode: model.Value<'tunnel' | 'transport'> = modeS ? { value: modeWord === 'transport' ? 'transport' : 'tunnel', range: modeS.valueRange ?? modeS.keyRange } : model.sharedDefault<'tunnel' | 'transport'>('tunnel', 'swanctl.conf default `mode = tunnel`');
    const ahS = rc.setting('ah_proposals');
    const espS = rc.setting('esp_proposals');
    const protoS = ahS && !espS ? ahS : espS;
    const protocol: model.Value<'esp' | 'ah'> = ahS && !espS ? { value: 'ah', range: ahS.keyRange } : model.sharedDefault<'esp' | 'ah'>('esp', 'swanctl.conf: ESP unless `ah_proposals` is set');
    const list = protoS ? parseList(protoS, text, ctx) : undefined;
    if (list?.unknown.length) unknownEsp = true;
    const sets: { s: Phase2Sets; isDefault: boolean; dhRange?: TextRange }[] = [];
    if (!list || list.proposals.length === 0) {
      for (const s of defaultPhase2('strongswan', version)) sets.push({ s, isDefault: true });
    } else {
      for (const p of list.proposals) {
        if (!p.encryption.length && !p.integrity.length) continue;
        const dhWord = p.words.find((w) => w.kind === 'dh');
        sets.push({ s: { label: p.text, encryption: p.encryption, integrity: p.aead ? [] : p.integrity, dh: p.dh.filter((d) => d !== 'none'), range: p.range }, isDefault: false, dhRange: dhWord?.range });
      }
      if (list.hasDefaultKeyword) for (const s of defaultPhase2('strongswan', version)) sets.push({ s, isDefault: true });
    }
    for (const { s, isDefault } of sets) {
      const note = isDefault ? `swanctl.conf ${list ? '`default` keyword' : 'default `esp_proposals = default`'}: charon's default ESP proposals` : undefined;
      const val = <T>(value: T): model.Value<T> => (note ? { value, default: note } : { value, range: s.range });
      phase2.push({
        label: children.length > 1 ? `${child.name}: ${s.label}` : s.label,
        range: s.range,
        protocol,
        encryption: protocol.value === 'ah' ? model.sharedDefault<string[]>([], 'AH does not encrypt') : val(s.encryption),
        integrity: s.integrity.length ? val(s.integrity) : model.sharedDefault(['none'], 'authenticated encryption: no separate integrity algorithm'),
        mode,
      });
    }
    if (!pfs) {
      const setPfs = child === firstChild ? (g: string) => setChildPfs(ctx, child, firstEspS, g, phase2) : undefined;
      // The PFS choices: the DH group of each proposal (none for a proposal without one, and for the defaults).
      const groups = new Set<string>();
      for (const x of sets) groups.add(x.isDefault || x.s.dh.length === 0 ? 'none' : x.s.dh[0]);
      for (const x of sets) if (!x.isDefault) for (const g of x.s.dh) groups.add(g);
      const first = sets[0];
      const group = first && !first.isDefault ? first.s.dh[0] : undefined;
      if (groups.size > 1) {
        // Several PFS choices (`aes128-sha256-modp3072, aes128-sha256-modp1536`): the responder takes whichever the
        // initiator offers. The model holds one group, so none is compared.
        pfs = { value: 'none', default: `several PFS choices in \`esp_proposals\` (${[...groups].join(', ')}): not compared`, set: setPfs };
      } else {
        pfs = group
          ? { value: group, range: first.dhRange ?? first.s.range, set: setPfs }
          : { value: 'none', default: first?.isDefault ? 'swanctl.conf default ESP proposals carry no DH group: no PFS' : 'no DH group in `esp_proposals`: no PFS', set: setPfs };
      }
    }
    if (!phase2Lifetime) {
      const rk = rc.setting('rekey_time');
      const secs = rk ? parseTime(rk.value) : undefined;
      const set = (s: number) => (Number.isInteger(s) && s > 0 ? edits.setSetting(child, rk, 'rekey_time', String(s)) : undefined);
      phase2Lifetime = secs !== undefined ? { value: secs, range: rk!.valueRange, set } : { value: SWANCTL_DEFAULTS.childRekey, default: 'swanctl.conf default child `rekey_time = 1h`', set };
    }
    // Traffic selectors: every local × remote pair (IKEv2 negotiates them together); `dynamic` is the IKE address.
    const lts = rc.setting('local_ts');
    const rts = rc.setting('remote_ts');
    const locals = lts ? listItems(lts, text).map(parseTs) : [{ protocol: 'ip', addrLength: 0 } as TrafficSelector];
    const remotes = rts ? listItems(rts, text).map(parseTs) : [{ protocol: 'ip', addrLength: 0 } as TrafficSelector];
    for (const l of locals) {
      for (const r of remotes) {
        if (!l || !r) {
          unresolvedTs = true;
          continue;
        }
        const lp = l.prefix ?? (local ? hostPrefix(local.value) : undefined);
        const rp = r.prefix ?? (remote && model.isAddress(remote.value) ? hostPrefix(remote.value) : undefined);
        if (!lp || !rp) {
          unresolvedTs = true;
          continue;
        }
        const protocol = l.protocol !== 'ip' ? l.protocol : r.protocol;
        const range = l.item && r.item ? cover2(l.item.range, r.item.range) : (l.item ?? r.item)?.range ?? child.nameRange;
        const sel: model.Selector = { local: lp, remote: rp, protocol, localPort: l.port, remotePort: r.port, range: { start: range.start, end: range.end } };
        selectors.push(sel);
        selectorChild.set(sel, { child, local: l, remote: r, localS: lts, remoteS: rts });
      }
    }
  }
  if (unknownEsp) phase2.length = 0;
  if (unresolvedTs) {
    selectors.length = 0;
    selectorChild.clear();
  }

  // The pre-shared key charon selects for this connection: by the identities of both ends (mem_cred's best match).
  let psk: model.PresharedKey | undefined;
  const localIdS = settingIn(localAuthSection, 'id');
  const remoteIdS = settingIn(remoteAuthSection, 'id');
  const myIds = [localIdS?.value, local?.value].filter((x): x is string => !!x && x !== '%any');
  const otherIds = [remoteIdS?.value, remote?.value].filter((x): x is string => !!x && x !== '%any');
  if (auth.value === 'psk' || !authS) {
    let best: IkeSecret | undefined;
    let bestScore = 0;
    for (const s of ctx.secrets) {
      if (!s.secret) continue;
      let my = 0;
      let other = 0;
      if (s.ids.length === 0) {
        my = 1;
        other = 1;
      } else {
        for (const id of s.ids) {
          for (const m of myIds) my = Math.max(my, idMatch(id.value, m));
          for (const o of otherIds) other = Math.max(other, idMatch(id.value, o));
        }
      }
      if (my === 0 && other === 0) continue;
      // The remote's identity counts first: a key named after this end only serves every peer.
      const score = other * 4 + my;
      if (score > bestScore) {
        best = s;
        bestScore = score;
      }
    }
    if (best?.secret && best.setting && auth.value === 'psk') {
      const setting = best.setting;
      const matchedRemote = best.ids.length > 0 && otherIds.some((o) => best!.ids.some((i) => idMatch(i.value, o) === 2));
      psk = {
        peer: matchedRemote && remote && model.isAddress(remote.value) ? hostPrefix(remote.value)! : best.ids.length === 0 ? '0.0.0.0/0' : keyPeer(best.ids[0].value),
        secret: best.secret,
        range: { start: best.section.range.start, end: best.section.range.end },
        set: (value) => edits.replaceValue(setting, quote(value)),
      };
    } else if (auth.value === 'psk' && ctx.secretsElsewhere) {
      // The keys are in another file (an `include`d one, conf.d/, or a file without `ike` secrets at all): the key
      // exists somewhere netcfg does not see, so it cannot be compared, and its absence here is no fault.
      const at = authS?.valueRange ?? c.nameRange;
      psk = { peer: remote && model.isAddress(remote.value) ? hostPrefix(remote.value)! : '0.0.0.0/0', secret: { kind: 'masked', range: { start: at.start, end: at.end } }, range: { start: c.range.start, end: c.range.end } };
    }
  }

  // A responder for any address selects the key by the identity the initiator sends (IKEv2 IKE_AUTH, IKEv1
  // aggressive mode), not by its address: with secrets for names (`carol@strongswan.org`), which one a peer gets
  // cannot be told from the files. Its keys are then the address keys plus one key that cannot be compared.
  let keys: model.PresharedKey[] | undefined;
  if (!remote && (localKind === 'psk' || remoteKind === 'psk') && (version === 2 || exchangeMode.value === 'aggressive')) {
    const byName = ctx.secrets.some((x) => x.secret && x.ids.some((i) => !model.canonicalAddress(i.value) && !model.canonicalPrefix(i.value) && i.value !== '%any'));
    if (byName) {
      const at = (remoteAuthS ?? authS)?.valueRange ?? c.nameRange;
      keys = [{ peer: '0.0.0.0/0', secret: { kind: 'masked', range: { start: at.start, end: at.end } }, range: { start: c.range.start, end: c.range.end } }];
      for (const k of device.keys) if (k.peer !== '0.0.0.0/0' && model.parsePrefix(k.peer)) keys.push(k);
    }
  }

  const role: model.IpsecPeer['role'] = initiates ? 'both' : 'responder';
  const remoteIdForKey = remoteIdS?.value && remoteIdS.value !== '%any' ? remoteIdS.value : remote?.value;
  const peer: model.IpsecPeer = {
    id: `swanctl-${c.name}-${ctx.device.ipsecPeers.length + 1}`,
    label: `connection ${c.name}`,
    range: { start: c.nameRange.start, end: c.nameRange.end },
    remote,
    remoteAny: remote ? undefined : remoteAny,
    local,
    role,
    kind: 'strongswan',
    ikeVersion,
    ikeVersions: v === '1' || v === '2' ? undefined : [1, 2],
    exchangeMode,
    phase1,
    psk,
    keys,
    phase2,
    pfs: pfs ?? { value: 'none', default: 'no CHILD_SA: no PFS' },
    phase2Lifetime,
    selectors,
    narrowsSelectors: true,
    addPsk: (psk && psk.secret.kind !== 'masked') || !remoteIdForKey ? undefined : (value) => edits.addSecret(ctx.secretsSection, c.name, remoteIdForKey, value),
    setPhase1: (val) => setProposal(ctx, c, propS, propList, 'proposals', renderIkeProposal(val, 'strongswan')),
    setPhase2: firstChild
      ? (val) => {
          const list = firstEspS ? parseList(firstEspS, text) : undefined;
          const dh = list?.proposals[0]?.dh[0];
          return setProposal(ctx, firstChild, firstEspS, list, 'esp_proposals', renderEspProposal({ encryption: val.encryption, integrity: val.integrity, pfs: dh }, 'strongswan'));
        }
      : undefined,
    setPfs: firstChild ? (g) => setChildPfs(ctx, firstChild, firstEspS, g, phase2) : undefined,
    setSelector: (val) => {
      const hit = [...selectorChild.entries()].find(([s]) => s.range.start === val.range.start && s.range.end === val.range.end);
      if (!hit) return undefined;
      const info = hit[1];
      const out: model.Edit[] = [];
      for (const [side, ts, setting, prefix] of [
        ['local_ts', info.local, info.localS, val.local],
        ['remote_ts', info.remote, info.remoteS, val.remote],
      ] as const) {
        const p = model.parsePrefix(prefix);
        if (!p || p.family !== 4) return undefined;
        if (ts.prefix !== undefined && model.canonicalPrefix(prefix) === ts.prefix) continue;
        if (setting && ts.item) {
          if (listItems(setting, text).length !== 1) return undefined;
          out.push({ uri: edits.uri, range: { start: ts.item.range.start, end: ts.item.range.start + ts.addrLength }, newText: model.formatPrefix(p) });
        } else if (!setting) {
          const e = edits.setSetting(info.child, undefined, side, model.formatPrefix(p));
          if (!e) return undefined;
          for (const x of e) out.push(x);
        } else return undefined;
      }
      return out.length ? out : undefined;
    },
  };
  // A connection without any address and without children is a template: nothing to pair.
  if (!remoteS && !localS && children.length === 0) return;
  device.ipsecPeers.push(peer);
}

/** Writes `value` as the first proposal of `key` in `section` (replacing it), or adds `key = value`. */
function setProposal(ctx: Ctx, section: SwanctlSection, setting: SwanctlSetting | undefined, list: ProposalList | undefined, key: string, value: string | undefined): model.Edit[] | undefined {
  if (!value) return undefined;
  const first = list?.proposals[0];
  if (setting && first && valueOffset(setting, ctx.text) !== undefined) return [{ uri: ctx.edits.uri, range: { start: first.range.start, end: first.range.end }, newText: value }];
  if (setting) return ctx.edits.replaceValue(setting, value);
  return ctx.edits.setSetting(section, undefined, key, value);
}

/** Sets the DH group (PFS) of the first child's first ESP proposal; `none` removes it. */
function setChildPfs(ctx: Ctx, child: SwanctlSection, espS: SwanctlSetting | undefined, group: string, phase2: readonly model.Phase2Proposal[]): model.Edit[] | undefined {
  const list = espS ? parseList(espS, ctx.text) : undefined;
  const first = list?.proposals[0];
  const dh = group === 'none' ? undefined : group;
  if (first && first.encryption.length) {
    const integ = first.aead ? undefined : first.integrity[0];
    return setProposal(ctx, child, espS, list, 'esp_proposals', renderEspProposal({ encryption: first.encryption[0], integrity: integ, pfs: dh }, 'strongswan'));
  }
  const p = phase2[0];
  if (!p) return undefined;
  return setProposal(ctx, child, espS, list, 'esp_proposals', renderEspProposal({ encryption: p.encryption.value[0] ?? 'aes-cbc-128', integrity: p.integrity.value[0], pfs: dh }, 'strongswan'));
}

/** swanctl.conf string quoting: double quotes, with `"` and `\` escaped. */
function quote(value: string): string {
  return `"${value.replace(/[\\"]/g, (m) => `\\${m}`)}"`;
}

/** Edits in one document (offsets of the text the tree was parsed from). */
class Edits {
  constructor(
    readonly uri: string,
    private readonly text: string,
  ) {}

  replaceValue(setting: SwanctlSetting, newText: string): model.Edit[] {
    const r = setting.valueRange ?? { start: setting.range.end, end: setting.range.end };
    return [{ uri: this.uri, range: { start: r.start, end: r.end }, newText: setting.valueRange ? newText : ` ${newText}` }];
  }

  /** The indentation of a section's lines, from its first item, else its own line's plus three spaces. */
  private indentIn(section: SwanctlSection): string {
    const first = section.items[0];
    if (first) {
      const ls = this.text.lastIndexOf('\n', first.range.start - 1) + 1;
      const ind = /^[ \t]*/.exec(this.text.slice(ls, first.range.start))![0];
      if (ls + ind.length === first.range.start) return ind;
    }
    const ls = this.text.lastIndexOf('\n', section.range.start - 1) + 1;
    const own = /^[ \t]*/.exec(this.text.slice(ls, section.range.start))![0];
    return own + (own.includes('\t') ? '\t' : '   ');
  }

  /** Replaces `setting`'s value, or inserts `key = value` as the section's first line. */
  setSetting(section: SwanctlSection, setting: SwanctlSetting | undefined, key: string, value: string): model.Edit[] | undefined {
    if (setting) return this.replaceValue(setting, value);
    const at = this.afterOpen(section);
    return [{ uri: this.uri, range: { start: at, end: at }, newText: `\n${this.indentIn(section)}${key} = ${value}` }];
  }

  /** After the section's `{`: at the end of its line when only blanks or a comment follow it there. */
  private afterOpen(section: SwanctlSection): number {
    const open = section.open.end;
    let e = open;
    while (e < this.text.length && this.text[e] !== '\n' && this.text[e] !== '\r') e++;
    const rest = this.text.slice(open, e);
    return /^[ \t]*(#.*)?$/.test(rest) ? e : open;
  }

  /** Adds an `ike-NAME` secret for `id` inside `secrets { }` (or a new `secrets` section at the end). */
  addSecret(secrets: SwanctlSection | undefined, conn: string, id: string, value: string): model.Edit[] | undefined {
    const name = `ike-${conn}`.replace(/[^\w.-]/g, '_');
    if (secrets && secrets.close) {
      const ind = this.indentIn(secrets);
      const at = this.text.lastIndexOf('\n', secrets.close.start - 1) + 1;
      const lineBefore = this.text.slice(at, secrets.close.start);
      const inner = ind + (ind.includes('\t') ? '\t' : '   ');
      const block = `${ind}${name} {\n${inner}id = ${id}\n${inner}secret = ${quote(value)}\n${ind}}\n`;
      if (/^[ \t]*$/.test(lineBefore)) return [{ uri: this.uri, range: { start: at, end: at }, newText: block }];
      return [{ uri: this.uri, range: { start: secrets.close.start, end: secrets.close.start }, newText: `\n${block}` }];
    }
    if (secrets) return undefined;
    const end = this.text.length;
    const sep = end === 0 || this.text.endsWith('\n') ? '' : '\n';
    return [{ uri: this.uri, range: { start: end, end }, newText: `${sep}\nsecrets {\n   ${name} {\n      id = ${id}\n      secret = ${quote(value)}\n   }\n}\n` }];
  }
}
