// RouterOS v6 and v7 emitters (issue 19): render a PeerSpec as the text `/export` prints, menu lines with `add`/`set`
// lines under them, parameters in alphabetical order, long lines continued with a backslash.
// v6 writes the classic peer (secret and phase 1 algorithms on `/ip ipsec peer`, policies tied by sa-dst-address) and
// OSPF by `/routing ospf network` + `/routing ospf interface`; v7 writes profile, peer, identity, proposal and policy,
// and OSPF by instance, area and interface template. Keyword tables come from the RouterOS dialect's catalog.
// Imports only the spec, the model's address helpers and the RouterOS dialect's catalog and value formatting.

import * as model from '../../model';
import { AUTH_CANON, keywordFor, PROFILE_ENC_CANON, PROPOSAL_ENC_CANON, ROS_HASH } from '../../dialects/routeros/catalog';
import { formatTime, quoteValue } from '../../dialects/routeros/lower';
import { GenerateError, PSK_PLACEHOLDER, type OspfSpec, type PeerSpec, type SecretSpec, type SelectorSpec, type TargetCapabilities } from '../spec';

const common = {
  languageId: 'routeros',
  dialect: 'routeros' as const,
  // Phase 1 (profile / v6 peer `enc-algorithm`): no GCM, no sha384 (catalog ROS_PROFILE_ENC, ROS_HASH).
  phase1Encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase1Hash: ['sha512', 'sha256', 'sha1', 'md5'],
  dh: ['ecp521', 'ecp384', 'ecp256', 'modp8192', 'modp6144', 'modp4096', 'modp3072', 'modp2048', 'modp1536', 'modp1024', 'modp768'],
  phase2Encryption: ['aes-gcm-256', 'aes-gcm-128', 'aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase2Integrity: ['sha512', 'sha256', 'sha1', 'md5', 'none'],
  scenarios: ['site-to-site', 'l2tp-client', 'ospf-neighbor'] as const,
  // Route-based means GRE over IPsec here (`/interface gre` + a transport/tunnel policy for protocol gre): RouterOS has
  // no VTI, so a `tunnel mode ipsec` source is refused by the emitter with a GenerateError.
  routeBased: true,
  defaultWan: 'ether1',
  defaultLanInterface: 'bridge-lan',
};

/**
 * v6 writes the classic (before 6.43) peer form; the algorithm lists are the catalog's for both versions (the v6
 * manual's proposal `enc-algorithms` already lists AES-CTR and AES-GCM).
 */
export const ROUTEROS6_CAPS: TargetCapabilities = { ...common, id: 'routeros6', label: 'MikroTik RouterOS v6', ikeVersions: [1, 2] };
export const ROUTEROS7_CAPS: TargetCapabilities = { ...common, id: 'routeros7', label: 'MikroTik RouterOS v7', ikeVersions: [1, 2] };

export function emitRouterOS6(spec: PeerSpec): string {
  return emitRouterOS(spec, 6);
}

export function emitRouterOS7(spec: PeerSpec): string {
  return emitRouterOS(spec, 7);
}

// ---------------------------------------------------------------- document model

/** Menus in the order `/export` prints them: objects before the items that reference them. */
const MENU_ORDER = [
  'interface bridge',
  'interface gre',
  'interface l2tp-client',
  'interface vlan',
  'interface list',
  'ip ipsec policy group',
  'ip ipsec profile',
  'ip ipsec peer',
  'ip ipsec proposal',
  'routing id',
  'routing ospf instance',
  'routing ospf area',
  'interface bridge port',
  'interface list member',
  'ip address',
  'ip firewall filter',
  'ip firewall nat',
  'ip ipsec identity',
  'ip ipsec policy',
  'ip route',
  'routing ospf network',
  'routing ospf interface',
  'routing ospf interface-template',
  'routing ospf nbma-neighbor',
  'routing ospf static-neighbor',
  'system identity',
];

type Params = [string, string | undefined][];

class RosDoc {
  private readonly menus = new Map<string, string[]>();
  private readonly names = new Set<string>();

  /** True the first time a name is claimed: an interface is defined once. */
  claim(name: string): boolean {
    if (this.names.has(name)) return false;
    this.names.add(name);
    return true;
  }

  add(menu: string, params: Params): void {
    this.line(menu, `add ${renderParams(params)}`);
  }

  /** `set [ find default=yes ] …` on a built-in item, or `set …` on a singleton menu. */
  set(menu: string, params: Params, target?: string): void {
    this.line(menu, `set ${target ? `${target} ` : ''}${renderParams(params)}`);
  }

  private line(menu: string, text: string): void {
    let list = this.menus.get(menu);
    if (!list) this.menus.set(menu, (list = []));
    list.push(text);
  }

  render(header: string[]): string {
    const out: string[] = [...header];
    const menus = [...this.menus.keys()].sort((a, b) => order(a) - order(b));
    for (const m of menus) {
      out.push(`/${m}`);
      for (const l of this.menus.get(m)!) out.push(wrap(l));
    }
    return out.join('\n') + '\n';
  }
}

function order(menu: string): number {
  const i = MENU_ORDER.indexOf(menu);
  return i < 0 ? MENU_ORDER.length : i;
}

/** `key=value` pairs, alphabetical as `/export` prints them, values quoted when needed; undefined values dropped, an empty value is a bare flag (`passive`). */
function renderParams(params: Params): string {
  return params
    .filter((p): p is [string, string] => p[1] !== undefined)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => (v === '' ? k : `${k}=${quoteValue(v)}`))
    .join(' ');
}

/** Continues a line longer than 80 characters with ` \` and four spaces, breaking only between parameters. */
function wrap(line: string): string {
  if (line.length <= 80) return line;
  const words = line.split(' ');
  const lines: string[] = [];
  let cur = '';
  for (const w of words) {
    // A quoted value may hold spaces: keep the pieces of one value together.
    if (cur && (cur + ' ' + w).length > 78 && balancedQuotes(cur)) {
      lines.push(cur + ' \\');
      cur = '    ' + w;
    } else cur = cur ? `${cur} ${w}` : w;
  }
  lines.push(cur);
  return lines.join('\n');
}

function balancedQuotes(s: string): boolean {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s[i] === '"' && s[i - 1] !== '\\') n++;
  return n % 2 === 0;
}

// ---------------------------------------------------------------- emitter

function emitRouterOS(spec: PeerSpec, v: 6 | 7): string {
  const doc = new RosDoc();
  const notes: string[] = [...spec.notes];
  const wan = spec.facts.wan;
  const lanIf = spec.facts.lanInterface ?? common.defaultLanInterface;
  const name = spec.facts.hostname ?? `peer-${spec.local.replace(/[.:]/g, '-')}`;
  const tag = safeName(spec.source.name);
  const scenario = spec.scenario.kind;
  if (scenario === 'dmvpn-spoke') throw new GenerateError(`RouterOS v${v} is no DMVPN spoke (no mGRE or NHRP)`);
  if (spec.scenario.kind === 'site-to-site' && spec.scenario.binding === 'route') checkGre(spec, v);

  // ---- interfaces and addresses
  const wanLen = spec.facts.wanPrefixLength ?? 24;
  // A LAN that holds this router's own WAN address (a GRE source's host selectors taken for its LAN) is no LAN.
  const lanPrefix = scenario === 'site-to-site' ? model.canonicalPrefix(spec.facts.lan) : undefined;
  const lan = lanPrefix && !lanPrefix.endsWith('/32') && !model.prefixContains(lanPrefix, hostCidr(spec.local)) ? lanPrefix : undefined;
  if (lan) defineInterface(doc, lanIf, 'LAN');
  if (lan) {
    const gw = firstHost(lan);
    if (gw) doc.add('ip address', [['address', `${gw}/${lan.split('/')[1]}`], ['interface', lanIf], ['network', lan.split('/')[0]]]);
  }
  if (scenario !== 'ospf-neighbor') {
    defineInterface(doc, wan, 'WAN');
    const net = model.networkOf(spec.local, wanLen);
    doc.add('ip address', [['address', `${spec.local}/${wanLen}`], ['interface', wan], ['network', net?.split('/')[0]]]);
    if (spec.facts.gateway) doc.add('ip route', [['distance', '1'], ['gateway', spec.facts.gateway]]);
  }

  if (spec.ipsec && scenario === 'site-to-site') siteToSite(doc, spec, v, tag, notes);
  if (spec.tunnel && scenario === 'site-to-site') greTunnel(doc, spec, tag, notes);
  if (scenario === 'l2tp-client') l2tpClient(doc, spec, v, notes);
  if (spec.ospf && scenario === 'ospf-neighbor') ospf(doc, spec.ospf, v, lanIf, notes);

  doc.set('system identity', [['name', name]]);
  return doc.render(header(spec, v, notes));
}

/** Comment lines: where the text comes from, the RouterOS major version (read by netcfg's version detection), notes. */
function header(spec: PeerSpec, v: 6 | 7, notes: string[]): string[] {
  const src = spec.source.uri.split('/').pop() ?? spec.source.uri;
  const lines = [
    `# netcfg generate-peer: the other end of ${spec.source.name} (${src}), in the form /export prints by RouterOS ${v}`,
    `# This router: ${spec.local}; its peer ${spec.source.name}: ${spec.remote}.`,
  ];
  if (v === 6 && spec.scenario.kind === 'site-to-site') lines.push('# RouterOS v6 classic IPsec (before 6.43): secret and phase 1 on /ip ipsec peer.');
  for (const n of notes) lines.push(`# ${n}`);
  return lines;
}

/** A RouterOS item name from a device name: letters, digits, dot, dash, underscore. */
function safeName(s: string): string {
  const t = s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return t || 'peer';
}

function firstHost(prefix: string): string | undefined {
  const p = model.parsePrefix(prefix);
  if (!p || p.family !== 4) return undefined;
  const base = model.parseIpv4(prefix.split('/')[0]);
  if (base === undefined) return undefined;
  return p.length >= 31 ? prefix.split('/')[0] : model.formatIpv4((base + 1) >>> 0);
}

function secret(s: SecretSpec): string {
  return s.value;
}

function enc1(canonical: string): string {
  const k = keywordFor(PROFILE_ENC_CANON, canonical);
  if (!k) throw new GenerateError(`RouterOS has no phase 1 encryption ${canonical}`);
  return k;
}

/** Phase 1 hash (`hash-algorithm`, catalog ROS_HASH). */
function hash1(canonical: string): string {
  if (!(ROS_HASH as readonly string[]).includes(canonical)) throw new GenerateError(`RouterOS has no phase 1 hash ${canonical}`);
  return canonical;
}

function enc2(canonical: string): string {
  const k = keywordFor(PROPOSAL_ENC_CANON, canonical);
  if (!k) throw new GenerateError(`RouterOS has no phase 2 encryption ${canonical}`);
  return k;
}

function auth2(canonical: string): string {
  const k = keywordFor(AUTH_CANON, canonical);
  if (!k) throw new GenerateError(`RouterOS has no phase 2 integrity ${canonical}`);
  return k;
}

function time(seconds: number): string {
  return formatTime(seconds) ?? `${seconds}s`;
}

function hostCidr(a: string): string {
  return `${a}/${a.includes(':') ? 128 : 32}`;
}

/** RouterOS `protocol=` value of a selector protocol. */
function rosProtocol(p: string): string | undefined {
  const t = p.toLowerCase();
  if (t === 'ip' || t === 'all' || t === '0' || t === '') return undefined;
  if (t === 'esp' || t === 'ah') return `ipsec-${t}`;
  return t;
}

function selectorParams(sel: SelectorSpec): Params {
  return [
    ['src-address', sel.local],
    ['dst-address', sel.remote],
    ['protocol', rosProtocol(sel.protocol)],
    ['src-port', sel.localPort],
    ['dst-port', sel.remotePort],
  ];
}

function siteToSite(doc: RosDoc, spec: PeerSpec, v: 6 | 7, tag: string, notes: string[]): void {
  const ip = spec.ipsec!;
  const p1 = ip.phase1;
  const p2 = ip.phase2;
  const exchange = ip.ikeVersion === 2 ? 'ike2' : ip.exchangeMode;
  const proposal = `to-${tag}`;
  doc.add('ip ipsec proposal', [
    ['name', proposal],
    ['auth-algorithms', auth2(p2.integrity)],
    ['enc-algorithms', enc2(p2.encryption)],
    ['lifetime', time(ip.phase2Lifetime)],
    ['pfs-group', ip.pfs],
  ]);
  const phase1: Params = [
    ['enc-algorithm', enc1(p1.encryption)],
    ['hash-algorithm', hash1(p1.hash)],
    ['dh-group', p1.dh],
    ['lifetime', time(p1.lifetime)],
  ];
  // NAT rule above the masquerade: traffic into the tunnel must leave with its own addresses.
  for (const sel of ip.selectors) {
    if (sel.protocol === 'gre' || sel.protocol === '47') continue;
    doc.add('ip firewall nat', [['action', 'accept'], ['chain', 'srcnat'], ['src-address', sel.local], ['dst-address', sel.remote], ['comment', `IPsec to ${spec.source.name}: no NAT`]]);
  }
  notes.push('the firewall rules below are appended: move them above the default configuration\'s drop (input) and masquerade (srcnat) rules');
  doc.add('ip firewall filter', [['action', 'accept'], ['chain', 'input'], ['protocol', 'udp'], ['dst-port', '500,4500'], ['src-address', spec.remote], ['comment', 'IKE']]);
  doc.add('ip firewall filter', [['action', 'accept'], ['chain', 'input'], ['protocol', 'ipsec-esp'], ['src-address', spec.remote], ['comment', 'IPsec ESP']]);
  if (v === 6) {
    doc.add('ip ipsec peer', [
      ['address', hostCidr(spec.remote)],
      ['auth-method', 'pre-shared-key'],
      ['secret', secret(ip.psk)],
      ['exchange-mode', exchange],
      ['generate-policy', 'no'],
      ['proposal-check', 'obey'],
      ['nat-traversal', 'yes'],
      ...phase1,
    ]);
    for (const sel of ip.selectors) {
      doc.add('ip ipsec policy', [...selectorParams(sel), ['action', 'encrypt'], ['level', 'require'], ['ipsec-protocols', 'esp'], ['tunnel', p2.mode === 'tunnel' ? 'yes' : 'no'], ['sa-src-address', spec.local], ['sa-dst-address', spec.remote], ['proposal', proposal]]);
    }
    return;
  }
  const peer = `to-${tag}`;
  doc.add('ip ipsec profile', [['name', peer], ...phase1, ['proposal-check', 'obey'], ['nat-traversal', 'yes']]);
  doc.add('ip ipsec peer', [['name', peer], ['address', hostCidr(spec.remote)], ['local-address', spec.local], ['exchange-mode', exchange], ['profile', peer]]);
  doc.add('ip ipsec identity', [['peer', peer], ['auth-method', 'pre-shared-key'], ['secret', secret(ip.psk)]]);
  for (const sel of ip.selectors) {
    doc.add('ip ipsec policy', [...selectorParams(sel), ['peer', peer], ['action', 'encrypt'], ['level', 'require'], ['tunnel', p2.mode === 'tunnel' ? 'yes' : 'no'], ['proposal', proposal]]);
  }
}

/** Route-based: only GRE (no VTI on RouterOS), and without a GRE key (RouterOS GRE has none). */
function checkGre(spec: PeerSpec, v: 6 | 7): void {
  const t = spec.tunnel;
  if (!t || t.mode !== 'gre') throw new GenerateError(`RouterOS v${v} has no IPsec VTI (tunnel mode ipsec): generate it policy-based, or use GRE over IPsec on ${spec.source.name}`);
  if (t.key !== undefined) throw new GenerateError(`RouterOS v${v} GRE has no tunnel key, which ${spec.source.name}'s tunnel sets (tunnel key ${t.key})`);
}

/**
 * GRE over IPsec: the GRE interface between the two IKE addresses (fast path off, as IPsec needs), its tunnel address,
 * and a note to route the source's networks over it. The IPsec policy for protocol gre comes from the selectors.
 */
function greTunnel(doc: RosDoc, spec: PeerSpec, tag: string, notes: string[]): void {
  const t = spec.tunnel!;
  const name = `gre-${tag}`;
  doc.add('interface gre', [['name', name], ['local-address', spec.local], ['remote-address', spec.remote], ['allow-fast-path', 'no'], ['mtu', t.mtu !== undefined ? String(t.mtu) : undefined]]);
  if (t.address && t.prefixLength !== undefined) {
    doc.add('ip address', [['address', `${t.address}/${t.prefixLength}`], ['interface', name], ['network', model.networkOf(t.address, t.prefixLength)?.split('/')[0]]]);
  }
  if (t.remoteAddress) notes.push(`route ${spec.source.name}'s networks via ${t.remoteAddress} (its end of ${name}), e.g. /ip route add dst-address=NETWORK gateway=${t.remoteAddress}`);
}

/**
 * L2TP client with `use-ipsec=yes`: RouterOS creates the IPsec peer itself, with the default profile and the default
 * proposal (interop-rules §6, U-12), so those two built-in items get the chosen algorithms.
 */
function l2tpClient(doc: RosDoc, spec: PeerSpec, v: 6 | 7, notes: string[]): void {
  const l2 = spec.l2tp!;
  const ip = spec.ipsec;
  doc.add('interface l2tp-client', [
    ['name', l2.interfaceName],
    ['connect-to', l2.server],
    ['user', l2.user],
    ['password', secret(l2.password)],
    ['use-ipsec', 'yes'],
    ['ipsec-secret', ip ? secret(ip.psk) : PSK_PLACEHOLDER],
    ['disabled', 'no'],
  ]);
  if (!ip) return;
  doc.set('ip ipsec proposal', [['auth-algorithms', auth2(ip.phase2.integrity)], ['enc-algorithms', enc2(ip.phase2.encryption)], ['pfs-group', ip.pfs], ['lifetime', time(ip.phase2Lifetime)]], '[ find default=yes ]');
  const phase1: Params = [['enc-algorithm', enc1(ip.phase1.encryption)], ['hash-algorithm', hash1(ip.phase1.hash)], ['dh-group', ip.phase1.dh], ['lifetime', time(ip.phase1.lifetime)]];
  doc.set('ip ipsec profile', phase1, '[ find default=yes ]');
  if (v === 6) notes.push('/ip ipsec profile exists from RouterOS 6.43; before it the dynamic L2TP peer offers aes-128,3des / sha1 / modp2048,modp1024');
  notes.push('use-ipsec makes RouterOS add a dynamic peer with the default profile and proposal: both are set below');
}

/** Ports RouterOS has without configuration (`ether2`, `sfp1`, `wlan1`…): nothing to add for them. */
const BUILTIN_PORT = /^(ether|sfp|sfpplus|sfp-sfpplus|qsfp|combo|wlan|wifi|lte)\d/;

/**
 * Makes an interface the text uses exist: a built-in port needs nothing, `bridge…` is added as a bridge, `vlanN` as
 * VLAN N on ether1 (check the parent port), anything else as a bridge (the user adds its ports). Each name once.
 */
function defineInterface(doc: RosDoc, name: string, purpose: string): void {
  if (BUILTIN_PORT.test(name) || !doc.claim(name)) return;
  if (/^bridge/.test(name)) {
    doc.add('interface bridge', [['name', name]]);
    return;
  }
  const vlan = /^vlan(\d{1,4})$/i.exec(name);
  if (vlan && Number(vlan[1]) >= 1 && Number(vlan[1]) <= 4094) {
    doc.add('interface vlan', [['name', name], ['vlan-id', vlan[1]], ['interface', 'ether1'], ['comment', `${purpose}: check the parent port`]]);
    return;
  }
  doc.add('interface bridge', [['name', name], ['comment', `${purpose}: add its ports`]]);
}

const V7_TYPE: Partial<Record<model.OspfNetworkType, string>> = {
  broadcast: 'broadcast',
  'non-broadcast': 'nbma',
  'point-to-point': 'ptp',
  'point-to-multipoint': 'ptmp',
  'point-to-multipoint-non-broadcast': 'ptmp',
};
const V6_TYPE: Partial<Record<model.OspfNetworkType, string>> = {
  broadcast: 'broadcast',
  'non-broadcast': 'nbma',
  'point-to-point': 'point-to-point',
  'point-to-multipoint': 'ptmp',
  'point-to-multipoint-non-broadcast': 'ptmp',
};
const V7_AUTH: Partial<Record<string, string>> = { simple: 'simple', 'keyed-md5': 'md5', 'hmac-sha1': 'sha1', 'hmac-sha256': 'sha256', 'hmac-sha384': 'sha384', 'hmac-sha512': 'sha512' };
const V6_AUTH: Partial<Record<string, string>> = { simple: 'simple', 'keyed-md5': 'md5' };

/** Dotted area id: `0` → `0.0.0.0`, `10` → `0.0.0.10`. */
function dottedArea(area: string): string {
  return /^\d+$/.test(area) ? model.formatIpv4(Number(area) >>> 0) : (model.canonicalAddress(area) ?? area);
}

function ospf(doc: RosDoc, o: OspfSpec, v: 6 | 7, lanIf: string, notes: string[]): void {
  const [net, lenText] = o.prefix.split('/');
  defineInterface(doc, o.interfaceName, 'link to the OSPF neighbour');
  doc.add('ip address', [['address', `${o.address}/${lenText}`], ['interface', o.interfaceName], ['network', net]]);
  // The generated side's own networks sit behind its LAN interface, announced as passive OSPF interfaces.
  const lans = o.networks.map((n) => model.canonicalPrefix(n)).filter((n): n is string => n !== undefined && !n.includes(':'));
  if (lans.length) defineInterface(doc, lanIf, 'LAN');
  for (const n of lans) {
    const gw = firstHost(n);
    if (gw) doc.add('ip address', [['address', `${gw}/${n.split('/')[1]}`], ['interface', lanIf], ['network', n.split('/')[0]]]);
  }
  const areaId = dottedArea(o.area);
  const backbone = areaId === '0.0.0.0';
  const areaName = backbone ? 'backbone' : `area-${areaId}`;
  const areaType = o.areaType === 'normal' ? undefined : o.areaType;
  const typeKw = (v === 7 ? V7_TYPE : V6_TYPE)[o.networkType];
  if (!typeKw) throw new GenerateError(`RouterOS v${v} has no OSPF network type ${o.networkType} for this link`);
  const authKw = o.auth.type === 'none' ? undefined : (v === 7 ? V7_AUTH : V6_AUTH)[o.auth.type];
  // Writing the link without it would certainly fail (ospf/auth-mismatch): refuse, as for an unsupported proposal.
  if (o.auth.type !== 'none' && !authKw) throw new GenerateError(`RouterOS v${v} has no ${o.auth.type} OSPF authentication (v${v}: ${Object.keys(v === 7 ? V7_AUTH : V6_AUTH).join(', ')})`);
  const key = authKw && o.auth.key ? secret(o.auth.key) : undefined;
  const keyId = authKw && authKw !== 'simple' ? String(o.auth.keyId ?? 1) : undefined;
  if (v === 7) {
    const inst = `ospf-${o.processId}`.replace(/^ospf-ospf/, 'ospf');
    doc.add('routing ospf instance', [['name', inst], ['version', '2'], ['router-id', o.routerId ?? o.address]]);
    doc.add('routing ospf area', [['name', areaName], ['area-id', areaId], ['instance', inst], ['type', areaType]]);
    doc.add('routing ospf interface-template', [
      ['area', areaName],
      ['interfaces', o.interfaceName],
      ['networks', o.prefix],
      ['type', typeKw],
      ['hello-interval', time(o.hello)],
      ['dead-interval', time(o.dead)],
      ['priority', o.priority !== undefined ? String(o.priority) : undefined],
      ['cost', o.cost !== undefined ? String(o.cost) : undefined],
      ['auth', authKw],
      ['auth-id', keyId],
      ['auth-key', key],
    ]);
    for (const n of o.neighbors) doc.add('routing ospf static-neighbor', [['address', `${n}%${o.interfaceName}`], ['area', areaName]]);
    if (lans.length) doc.add('routing ospf interface-template', [['area', areaName], ['interfaces', lanIf], ['networks', lans.join(',')], ['passive', '']]);
    return;
  }
  doc.set('routing ospf instance', [['router-id', o.routerId ?? o.address]], '[ find default=yes ]');
  if (!backbone) doc.add('routing ospf area', [['name', areaName], ['area-id', areaId], ['type', areaType]]);
  else if (areaType) notes.push('the backbone cannot be stub or NSSA');
  doc.add('routing ospf network', [['network', o.prefix], ['area', areaName]]);
  for (const n of lans) doc.add('routing ospf network', [['network', n], ['area', areaName]]);
  doc.add('routing ospf interface', [
    ['interface', o.interfaceName],
    ['network-type', typeKw],
    ['hello-interval', time(o.hello)],
    ['dead-interval', time(o.dead)],
    ['priority', o.priority !== undefined ? String(o.priority) : undefined],
    ['cost', o.cost !== undefined ? String(o.cost) : undefined],
    ['authentication', authKw],
    ['authentication-key-id', keyId],
    ['authentication-key', key],
  ]);
  if (lans.length) doc.add('routing ospf interface', [['interface', lanIf], ['passive', 'yes']]);
  for (const n of o.neighbors) doc.add('routing ospf nbma-neighbor', [['address', n]]);
}
