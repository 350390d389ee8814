// Lowers a stroke ipsec.conf (strongSwan starter or Libreswan pluto) into the neutral model, and an ipsec.secrets
// into a model of shared secrets (Device.sharedSecrets), which the service attaches to the connections of the same
// folder (model/secrets.ts): the dialect only ever sees one file.
//
// A connection's effective parameters: its own, then those of the sections it names with `also=` (depth first; a
// later `also=` overrides an earlier one, ipsec.conf(5)), then `conn %default` (every %default section, for every conn, as strongSwan's
// starter applies them). `left` is this device (the strongSwan/Libreswan convention; a file meant for both hosts
// is read from the left host's view). One IpsecPeer per conn that is loaded (`auto` other than `ignore`, and not
// only a template other conns include with `also=`).
// Imports only the model, syntax helpers and this dialect's own files.

import * as model from '../../model';
import type { ParseResult, SyntaxDiagnostic, TextRange } from '../../syntax';
import type { DialectOptions, LowerResult } from '../types';
import { keyInfo } from './catalog';
import { detectFlavour, type FlavourInfo } from './flavour';
import {
  effectivePhase1,
  effectivePhase2,
  LIBRESWAN_DEFAULT_SOURCE,
  parseProposalList,
  pfsOf,
  renderEspProposal,
  renderIkeProposal,
  STRONGSWAN_DEFAULT_SOURCE,
  type Flavour,
  type ProposalList,
} from './proposals';
import { CODES, type SwanFile, type SwanSection, type SwanSetting } from './parser';

/** Symbol kind of a conn section, for `also=` references. */
export const CONN_KIND = 'conn';

export function lowerStroke(parsed: ParseResult<SwanFile>, uri: string, options: DialectOptions): LowerResult {
  const diagnostics: SyntaxDiagnostic[] = [...parsed.diagnostics];
  const base = decodeURIComponent(uri.replace(/[?#].*$/, '').split('/').pop() || uri);
  const device = model.emptyDevice(uri, 'strongswan', base);
  if (parsed.tree.fileKind === 'secrets') {
    lowerSecrets(parsed, uri, device);
    return { device, diagnostics };
  }
  const flavour = detectFlavour(parsed.tree, options);
  device.platformVersion = flavour.flavour === 'libreswan' ? 'Libreswan' : 'strongSwan';
  const ctx: Ctx = { uri, text: parsed.text, tree: parsed.tree, diagnostics, device, flavour, conns: new Map(), defaults: [], included: new Set(), owned: new Set() };
  lowerConns(ctx);
  return { device, diagnostics };
}

interface Ctx {
  uri: string;
  text: string;
  tree: SwanFile;
  diagnostics: SyntaxDiagnostic[];
  device: model.Device;
  flavour: FlavourInfo;
  conns: Map<string, SwanSection>;
  defaults: SwanSection[];
  /** Conns some other conn includes with `also=` (templates). */
  included: Set<string>;
  owned: Set<string>;
}

/** An effective parameter and the section it comes from. */
interface Eff {
  setting: SwanSetting;
  section: SwanSection;
  /** `own`, `also` (an included section) or `default` (`conn %default`). */
  from: 'own' | 'also' | 'default';
}

function lowerConns(ctx: Ctx): void {
  for (const s of ctx.tree.sections) {
    if (s.type !== 'conn') continue;
    if (s.name === '%default') {
      ctx.defaults.push(s);
      continue;
    }
    if (!s.name) continue;
    if (!ctx.conns.has(s.name)) ctx.conns.set(s.name, s);
    ctx.device.definitions.push({ kind: CONN_KIND, name: s.name, range: s.nameRange, fullRange: s.range, implicitlyUsed: true });
  }
  const hasIncludes = ctx.tree.includes.length > 0;
  for (const s of ctx.tree.sections) {
    for (const st of s.settings) {
      if (st.key !== 'also') continue;
      ctx.included.add(st.value);
      ctx.device.references.push({ kind: CONN_KIND, name: st.value, range: st.valueRange, tolerated: hasIncludes ? 'it may be defined in an included file' : undefined });
    }
    checkSettings(ctx, s);
  }
  for (const s of ctx.conns.values()) {
    const eff = effective(ctx, s);
    const auto = eff.get('auto')?.setting.value.toLowerCase();
    if (auto === 'ignore') continue;
    // Not a tunnel: passthrough/drop/reject conns only install a policy.
    if (/^(passthrough|pass|drop|reject)$/i.test(eff.get('type')?.setting.value ?? '')) continue;
    if (!auto && ctx.included.has(s.name)) continue;
    // Libreswan `ikev1-policy=drop|reject` (config setup; the last one counts): pluto refuses IKEv1 altogether, so an
    // IKEv1 conn never comes up and is not a peer (ipsec.conf(5) `ikev1-policy`; Libreswan's ikev1-policy-01-drop test).
    if (ctx.flavour.flavour === 'libreswan' && ikev1Refused(ctx) && ikeVersionOf(ctx, eff).value === 1) continue;
    lowerConn(ctx, s, eff);
  }
}

function ikev1Refused(ctx: Ctx): boolean {
  let policy: string | undefined;
  for (const s of ctx.tree.sections) if (s.type === 'config') for (const st of s.settings) if (st.key === 'ikev1-policy') policy = st.value.toLowerCase();
  return policy === 'drop' || policy === 'reject';
}

/** Reports values the catalog knows to be invalid (`keyexchange=ikev3`), and unknown keys when asked to. */
function checkSettings(ctx: Ctx, s: SwanSection): void {
  const seen = new Map<string, SwanSetting>();
  for (const st of s.settings) {
    const prev = seen.get(st.key);
    if (prev && st.key !== 'also') {
      // starter refuses a parameter given twice in one section ("duplicate parameter").
      ctx.diagnostics.push({ range: st.keyRange, severity: 'warning', code: CODES.duplicateKey, message: `\`${st.key}\` is already set in this section (line above): ipsec starter reports a duplicate parameter; which value applies is not certain.` });
    }
    seen.set(st.key, st);
    const info = keyInfo(st.key, s.type);
    if (info?.values && st.value && CLOSED.has(st.key) && !info.values.includes(st.value.toLowerCase())) {
      ctx.diagnostics.push({ range: st.valueRange, severity: 'warning', code: CODES.invalidValue, message: `\`${st.value}\` is not a value of \`${st.key}\` (${info.values.join(', ')}).` });
    }
  }
}

/** Keys whose accepted values are a closed set in both flavours (others are only offered in completion). */
const CLOSED = new Set(['auto', 'type', 'keyexchange', 'dpdaction', 'closeaction', 'ikev2']);

/** The effective parameters of a conn: own > also= (depth first) > %default. */
function effective(ctx: Ctx, conn: SwanSection): Map<string, Eff> {
  const res = new Map<string, Eff>();
  const visiting = new Set<SwanSection>();
  const visit = (s: SwanSection, from: Eff['from'], depth: number) => {
    if (visiting.has(s) || depth > 32) return;
    visiting.add(s);
    for (const st of s.settings) if (st.key !== 'also' && !res.has(st.key)) res.set(st.key, { setting: st, section: s, from });
    // "parameters from referenced sections are inherited and overridden in the order of these also parameters"
    // (ipsec.conf(5)): a later also= wins over an earlier one, so it is visited first.
    const alsos = s.settings.filter((st) => st.key === 'also');
    for (let i = alsos.length - 1; i >= 0; i--) {
      const target = ctx.conns.get(alsos[i].value);
      if (target) visit(target, 'also', depth + 1);
    }
  };
  visit(conn, 'own', 0);
  for (const d of ctx.defaults) for (const st of d.settings) if (st.key !== 'also' && !res.has(st.key)) res.set(st.key, { setting: st, section: d, from: 'default' });
  return res;
}

// ---------------------------------------------------------------------------------------------------------------

/** Seconds of `3h`, `60m`, `1d`, `3600s`, `3600`. */
export function parseDuration(v: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(v);
  if (!m) return undefined;
  const n = Number(m[1]);
  const mult = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2].toLowerCase() as '' | 's' | 'm' | 'h' | 'd'];
  return Math.round(n * mult);
}

function renderDuration(seconds: number): string {
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

function isAddress(v: string): boolean {
  return model.canonicalAddress(v) !== undefined;
}

function lowerConn(ctx: Ctx, conn: SwanSection, eff: Map<string, Eff>): void {
  const { device, flavour } = ctx;
  const fl = flavour.flavour;
  const get = (k: string) => eff.get(k);
  const val = (k: string) => get(k)?.setting.value;
  const srcNote = fl === 'libreswan' ? 'Libreswan default' : 'strongSwan default';

  // Addresses.
  const left = get('left');
  const right = get('right');
  let local: model.Value<string> | undefined;
  if (left && isAddress(left.setting.value)) {
    const a = model.canonicalAddress(left.setting.value)!;
    local = { value: a, range: left.setting.valueRange };
    if (!ctx.owned.has(a)) {
      ctx.owned.add(a);
      device.extraAddresses.push({ value: a, range: left.setting.valueRange, default: `left= of conn ${conn.name}` });
    }
  }
  let remote: model.Value<string> | undefined;
  let remoteAny: string | undefined;
  const rv = right?.setting.value ?? '';
  if (right && isAddress(rv)) remote = { value: model.canonicalAddress(rv)!, range: right.setting.valueRange };
  else if (!right || /^%any6?$/i.test(rv) || rv === '') remoteAny = /6$/.test(rv) ? '::/0' : '0.0.0.0/0';
  else if (/^%/.test(rv)) remoteAny = '0.0.0.0/0';
  else {
    // A DNS name (or a subnet/range, which only responds): kept as written, it pairs with no device.
    const prefix = model.parsePrefix(rv);
    if (prefix) remoteAny = rv;
    else remote = { value: rv, range: right.setting.valueRange };
  }

  // IKE version.
  const ikeVersion = ikeVersionOf(ctx, eff);
  const v = ikeVersion.value;

  // Authentication.
  const auth = authOf(eff, fl);

  // Phase 1.
  const ike = get('ike');
  const ikeList = ike ? parseProposalList(ike.setting.value, ike.setting.valueRange.start, 'stroke', fl) : undefined;
  if (ike && ikeList) reportUnknown(ctx, ikeList, 'ike');
  const p1 = effectivePhase1(ikeList, fl, v);
  const ikeLifeKey = get('ikelifetime');
  const ikeLifeSecs = ikeLifeKey ? parseDuration(ikeLifeKey.setting.value) : undefined;
  const p1Default = fl === 'libreswan' ? 28800 : 10800;
  const lifetimeSet: model.Setter<number> = (secs) => setParam(ctx, conn, eff, 'ikelifetime', renderDuration(secs));
  const lifetime: model.Value<number> = ikeLifeSecs !== undefined ? { value: ikeLifeSecs, range: ikeLifeKey!.setting.valueRange, set: lifetimeSet } : { value: p1Default, default: `${srcNote} ikelifetime=${fl === 'libreswan' ? '8h' : '3h'}`, set: lifetimeSet };
  const defaultSource = fl === 'libreswan' ? LIBRESWAN_DEFAULT_SOURCE : STRONGSWAN_DEFAULT_SOURCE;
  const phase1: model.Phase1Proposal[] = p1.sets.map((s, i) => {
    const implicit = !s.range;
    const mk = <T>(value: T): model.Value<T> => (implicit ? { value, default: ikeList && ikeList.proposals.length ? `${defaultSource}: appended without \`!\`` : `${defaultSource}: \`ike\` not set` } : { value, range: s.range });
    return { label: `ike ${s.label}`, range: s.range, priority: i, encryption: mk(s.encryption), hash: mk(s.hash), dh: mk(s.dh), auth, lifetime };
  });

  // Phase 2 (ESP; AH bundles are rare and not modelled beyond the protocol).
  const espKey = get('esp') ?? get('phase2alg') ?? (fl === 'libreswan' ? get('ah') : undefined);
  const espList = espKey ? parseProposalList(espKey.setting.value, espKey.setting.valueRange.start, 'stroke', fl) : undefined;
  if (espKey && espList) reportUnknown(ctx, espList, espKey.setting.key);
  const p2 = effectivePhase2(espList, fl, v);
  const mode: model.Value<'tunnel' | 'transport'> = get('type')
    ? { value: /^transport/i.test(val('type')!) ? 'transport' : 'tunnel', range: get('type')!.setting.valueRange }
    : { value: 'tunnel', default: `${srcNote} type=tunnel` };
  const protocol: model.Value<'esp' | 'ah'> = get('ah') && !get('esp') ? { value: 'ah', range: get('ah')!.setting.keyRange } : { value: 'esp', default: 'ESP' };
  const phase2: model.Phase2Proposal[] = p2.sets.map((s) => {
    const implicit = !s.range;
    const mk = <T>(value: T): model.Value<T> => (implicit ? { value, default: espList && espList.proposals.length ? `${defaultSource}: appended without \`!\`` : `${defaultSource}: \`esp\` not set` } : { value, range: s.range });
    return { label: `esp ${s.label}`, range: s.range, protocol, encryption: mk(s.encryption), integrity: mk(s.integrity), mode };
  });

  // PFS: the DH group of the ESP proposals (strongSwan), or Libreswan's `pfs=` with the IKE group.
  const pfs = pfsValue(ctx, conn, eff, espList, espKey, phase1);
  const life2Key = get('lifetime') ?? get('keylife') ?? get('salifetime');
  const life2Secs = life2Key ? parseDuration(life2Key.setting.value) : undefined;
  const life2Set: model.Setter<number> = (secs) => setParam(ctx, conn, eff, life2Key?.setting.key ?? (fl === 'libreswan' ? 'salifetime' : 'lifetime'), renderDuration(secs));
  const phase2Lifetime: model.Value<number> =
    life2Secs !== undefined
      ? { value: life2Secs, range: life2Key!.setting.valueRange, set: life2Set }
      : { value: fl === 'libreswan' ? 28800 : 3600, default: `${srcNote} ${fl === 'libreswan' ? 'salifetime=8h' : 'lifetime=1h'}`, set: life2Set };

  // Selectors.
  const selectors = selectorsOf(ctx, eff, local, remote);

  const auto = val('auto')?.toLowerCase();
  const role: model.IpsecPeer['role'] = auto === 'start' || auto === 'route' || auto === 'ondemand' ? 'both' : 'responder';
  const aggressive = /^(yes|true)$/i.test(val('aggressive') ?? val('aggrmode') ?? '');
  const anchor = right ? right.setting.range : conn.nameRange.end > conn.nameRange.start ? conn.nameRange : conn.typeRange;
  const peer: model.IpsecPeer = {
    id: `conn ${conn.name}`,
    label: `conn ${conn.name}`,
    range: anchor.start >= conn.range.start && anchor.end <= conn.range.end ? anchor : conn.nameRange,
    remote,
    remoteAny,
    local,
    role,
    kind: 'strongswan',
    ikeVersion,
    ikeVersions: acceptedVersions(ikeVersion),
    exchangeMode: aggressive ? { value: 'aggressive', range: get('aggressive')?.setting.valueRange ?? get('aggrmode')?.setting.valueRange } : { value: 'main', default: `${srcNote}: main mode` },
    phase1,
    phase2,
    pfs,
    // Libreswan pfs=yes without a group in `esp=`: the rekey uses the IKE SA's negotiated group (ipsec.conf(5) `pfs`).
    ...(fl === 'libreswan' && pfs.value !== 'none' && pfsOf(espList) === 'none' ? { pfsFollowsIke: true } : {}),
    phase2Lifetime,
    selectors,
  };
  if (auth.value === 'psk') {
    peer.secretIds = {
      local: idList(val('leftid'), local?.value ?? val('left')),
      remote: idList(val('rightid'), remote?.value ?? (remoteAny ? '%any' : rv)),
    };
  }
  peer.setPhase1 = (nv) => {
    const text = renderIkeProposal(nv, fl);
    if (!text) return undefined;
    return setParam(ctx, conn, eff, 'ike', ikeList?.strict || !ikeList ? `${text}!` : text);
  };
  peer.setPhase2 = (nv) => {
    const text = renderEspProposal({ ...nv, pfs: pfs.value }, fl);
    if (!text) return undefined;
    return setParam(ctx, conn, eff, espKey?.setting.key ?? (fl === 'libreswan' ? 'phase2alg' : 'esp'), espList?.strict || !espList ? `${text}!` : text);
  };
  peer.setPfs = (group) => {
    if (fl === 'libreswan' && group === 'none') return setParam(ctx, conn, eff, 'pfs', 'no');
    const first = phase2.find((p) => p.range) ?? phase2[0];
    const enc = first?.encryption.value[0];
    if (!enc) return undefined;
    const text = renderEspProposal({ encryption: enc, integrity: first.integrity.value[0] ?? '', pfs: group }, fl);
    if (!text) return undefined;
    return setParam(ctx, conn, eff, espKey?.setting.key ?? (fl === 'libreswan' ? 'phase2alg' : 'esp'), espList?.strict || !espList ? `${text}!` : text);
  };
  peer.setSelector = (nv) => setSelector(ctx, conn, eff, selectors, nv);
  device.ipsecPeers.push(peer);
}

function idList(id: string | undefined, address: string | undefined): string[] {
  const res: string[] = [];
  if (id) res.push(id);
  if (address && address !== id) res.push(address);
  return res;
}

function reportUnknown(ctx: Ctx, list: ProposalList, key: string): void {
  for (const w of list.unknown) {
    ctx.diagnostics.push({ range: w.range, severity: 'warning', code: CODES.unknownAlgorithm, message: `\`${w.text}\` is not an algorithm keyword netcfg knows in \`${key}=\`: ${ctx.flavour.flavour === 'strongswan' ? 'charon refuses a proposal with an unknown keyword' : 'pluto refuses an unknown algorithm'}; netcfg ignores it.` });
  }
}

function ikeVersionOf(ctx: Ctx, eff: Map<string, Eff>): model.Value<1 | 2> {
  const fl = ctx.flavour.flavour;
  const kx = eff.get('keyexchange');
  if (kx) {
    const v = kx.setting.value.toLowerCase();
    if (v === 'ikev1') return { value: 1, range: kx.setting.valueRange };
    if (v === 'ikev2') return { value: 2, range: kx.setting.valueRange };
    // `ike`: initiates with IKEv2 and accepts IKEv1 as responder (strongSwan ipsec.conf(5)).
    return { value: 2, range: kx.setting.valueRange, default: 'keyexchange=ike: IKEv2 as initiator, IKEv1 or IKEv2 as responder' };
  }
  const ikev2 = eff.get('ikev2');
  if (ikev2) {
    const v = ikev2.setting.value.toLowerCase();
    if (v === 'no' || v === 'never') return { value: 1, range: ikev2.setting.valueRange };
    if (v === 'permit') return { value: 1, range: ikev2.setting.valueRange, default: 'ikev2=permit: initiates IKEv1, accepts IKEv2' };
    if (v === 'propose') return { value: 2, range: ikev2.setting.valueRange, default: 'ikev2=propose: initiates IKEv2, falls back to IKEv1' };
    return { value: 2, range: ikev2.setting.valueRange };
  }
  if (fl === 'libreswan') return { value: 2, default: 'Libreswan 4+ default ikev2=yes (IKEv2)' };
  return { value: 2, default: 'strongSwan default keyexchange=ike: IKEv2 as initiator, IKEv1 or IKEv2 as responder' };
}

/** Which IKE versions a conn answers as responder besides its own (`keyexchange=ike`, Libreswan `ikev2=permit|propose`). */
export function acceptedVersions(v: model.Value<1 | 2>): (1 | 2)[] | undefined {
  return v.default && /(IKEv1 or IKEv2|accepts IKEv2|falls back to IKEv1)/.test(v.default) ? [1, 2] : undefined;
}

function authOf(eff: Map<string, Eff>, fl: Flavour): model.Value<'psk' | 'rsa-sig' | 'rsa-encr' | 'other'> {
  const la = eff.get('leftauth');
  if (la) {
    const kind = (v: string) => (v === 'psk' || v === 'secret' ? 'psk' : v === 'pubkey' || v === 'rsa' || v === 'ecdsa' || v.startsWith('rsa') || v.startsWith('ecdsa') ? 'rsa-sig' : 'other');
    const local = kind(la.setting.value.toLowerCase());
    // Each end may authenticate differently (`leftauth=secret` + `rightauth=rsasig`, ipsec.conf(5) `leftauth`): the
    // model compares one method, so an asymmetric connection is `other`, as in swanctl.conf (swanctl-lower.ts).
    const ra = eff.get('rightauth');
    const remote = ra ? kind(ra.setting.value.toLowerCase()) : local;
    return { value: remote === local ? local : 'other', range: la.setting.valueRange };
  }
  const by = eff.get('authby');
  if (by) {
    const v = by.setting.value.toLowerCase();
    const first = v.split(/[,|]/)[0].trim();
    // Certificate / raw-key signatures are one method for the model: Libreswan `authby=rsasig`, `ecdsa`,
    // `rsa-sha2`, `rsa-sha2_256`, `ecdsa-sha2_384`, … [ipsec.conf(5) `authby=`], strongSwan `pubkey`, `rsasig`,
    // `ecdsasig`; the key in the certificate decides the signature, which both ends accept.
    return { value: first === 'secret' || first === 'psk' || first === 'xauthpsk' ? 'psk' : /^(rsasig|pubkey|ecdsasig|rsa|xauthrsasig|ecdsa|rsa-sha[12](_\d+)?|ecdsa-sha2(_\d+)?|eddsa|ed25519)$/.test(first) ? 'rsa-sig' : 'other', range: by.setting.valueRange };
  }
  return fl === 'libreswan' ? { value: 'rsa-sig', default: 'Libreswan default authby=rsasig' } : { value: 'rsa-sig', default: 'strongSwan default authby=pubkey' };
}

function pfsValue(ctx: Ctx, conn: SwanSection, eff: Map<string, Eff>, espList: ProposalList | undefined, espKey: Eff | undefined, phase1: model.Phase1Proposal[]): model.Value<string> {
  const fl = ctx.flavour.flavour;
  const g = pfsOf(espList);
  if (g !== 'none') {
    const word = espList!.proposals.flatMap((p) => p.words).find((w) => w.kind === 'dh');
    return { value: g, range: word?.range ?? espKey!.setting.valueRange };
  }
  if (fl === 'libreswan') {
    const pfs = eff.get('pfs');
    if (pfs && /^(no|false)$/i.test(pfs.setting.value)) return { value: 'none', range: pfs.setting.valueRange };
    // pfs=yes (the default): the phase 2 rekey uses the IKE SA's DH group (Libreswan ipsec.conf(5) `pfs`).
    const group = phase1.find((p) => p.range)?.dh.value[0] ?? phase1[0]?.dh.value[0];
    if (group) return { value: group, range: pfs?.setting.valueRange, default: pfs ? undefined : 'Libreswan default pfs=yes with the IKE group' };
  }
  void conn;
  return espKey ? { value: 'none', range: espKey.setting.valueRange } : { value: 'none', default: `${fl === 'libreswan' ? 'Libreswan' : 'strongSwan'}: no DH group in \`esp\`` };
}

// ---------------------------------------------------------------------------------------------------------------
// Selectors: `leftsubnet`/`rightsubnet` (comma-separated, each with an optional `[proto/port]`), `leftprotoport`.

interface SubnetEntry {
  prefix: string;
  protocol: string;
  port?: string;
  /** Range of the prefix text (an implicit host selector has none). */
  range?: TextRange;
  /** Range of the whole entry, `[proto/port]` included. */
  entryRange?: TextRange;
  setting?: Eff;
}

const PORT_NAMES: Record<string, string> = model.dict({ l2tp: '1701', http: '80', https: '443', ssh: '22', domain: '53', isakmp: '500', 'ipsec-nat-t': '4500' });

function subnetEntries(ctx: Ctx, e: Eff | undefined, host: model.Value<string> | undefined, protoport: Eff | undefined): SubnetEntry[] {
  const pp = protoport ? splitProtoPort(protoport.setting.value) : undefined;
  if (!e || !e.setting.value || /^%dynamic/.test(e.setting.value) && !e.setting.value.includes('[')) {
    if (!host || !isAddress(host.value)) return [];
    const a = model.canonicalAddress(host.value)!;
    return [{ prefix: `${a}/${a.includes(':') ? 128 : 32}`, protocol: pp?.protocol ?? 'ip', port: pp?.port }];
  }
  const res: SubnetEntry[] = [];
  const text = e.setting.value;
  const base = e.setting.valueRange.start;
  const re = /[^,]+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const raw = m[0];
    const lead = raw.length - raw.replace(/^\s+/, '').length;
    const body = raw.trim();
    if (!body) continue;
    const start = base + m.index + lead;
    const br = body.indexOf('[');
    const net = (br >= 0 ? body.slice(0, br) : body).trim();
    let protocol = pp?.protocol ?? 'ip';
    let port = pp?.port;
    if (br >= 0) {
      const inner = body.slice(br + 1, body.endsWith(']') ? -1 : undefined);
      const sp = splitProtoPort(inner);
      protocol = sp.protocol;
      port = sp.port;
    }
    let prefix: string | undefined;
    if (/^%dynamic$/i.test(net)) {
      if (host && isAddress(host.value)) {
        const a = model.canonicalAddress(host.value)!;
        prefix = `${a}/${a.includes(':') ? 128 : 32}`;
      }
    } else {
      prefix = model.canonicalPrefix(net.includes('/') ? net : `${net}/${net.includes(':') ? 128 : 32}`);
      // Only what looks like an address is reported: `vhost:%priv`, `%no`, `%any` and other keywords are not subnets netcfg models.
      if (!prefix && /^[0-9a-f:.]+(?:\/\d+)?$/i.test(net) && /[.:]/.test(net)) ctx.diagnostics.push({ range: { start, end: start + net.length }, severity: 'error', code: CODES.invalidAddress, message: `\`${net}\` is not a subnet (\`10.1.0.0/16\`, \`192.0.2.1\`).` });
    }
    if (prefix) res.push({ prefix, protocol, port, range: { start, end: start + net.length }, entryRange: { start, end: start + body.length }, setting: e });
  }
  return res;
}

function splitProtoPort(v: string): { protocol: string; port?: string } {
  const [p, port] = v.split('/');
  const proto = (p ?? '').trim().toLowerCase();
  const portText = port?.trim().toLowerCase();
  const portNum = portText && portText !== '%any' && portText !== '0' ? PORT_NAMES[portText] ?? portText : undefined;
  return { protocol: proto === '' || proto === '%any' || proto === '0' ? 'ip' : proto === '17' ? 'udp' : proto === '6' ? 'tcp' : proto, port: portNum };
}

function selectorsOf(ctx: Ctx, eff: Map<string, Eff>, local: model.Value<string> | undefined, remote: model.Value<string> | undefined): model.Selector[] {
  const ls = subnetEntries(ctx, eff.get('leftsubnet'), local, eff.get('leftprotoport'));
  const rs = subnetEntries(ctx, eff.get('rightsubnet'), remote, eff.get('rightprotoport'));
  const res: model.Selector[] = [];
  for (const l of ls) {
    for (const r of rs) {
      const range = l.range ?? r.range ?? eff.get('right')?.setting.valueRange ?? { start: 0, end: 0 };
      const protocol = l.protocol !== 'ip' ? l.protocol : r.protocol;
      res.push({ local: l.prefix, remote: r.prefix, protocol, localPort: l.port, remotePort: r.port, range: r.range && l.range ? l.range : range });
      selectorSources.set(res[res.length - 1], { l, r });
    }
  }
  return res;
}

const selectorSources = new WeakMap<model.Selector, { l: SubnetEntry; r: SubnetEntry }>();

function setSelector(ctx: Ctx, conn: SwanSection, eff: Map<string, Eff>, selectors: model.Selector[], nv: { range: TextRange; local: string; remote: string; protocol: string }): model.Edit[] | undefined {
  const sel = selectors.find((s) => s.range.start === nv.range.start && s.range.end === nv.range.end);
  const src = sel && selectorSources.get(sel);
  if (!sel || !src) return undefined;
  const edits: model.Edit[] = [];
  const one = (entry: SubnetEntry, key: 'leftsubnet' | 'rightsubnet', prefix: string, current: string) => {
    if (prefix === current) return true;
    if (entry.range && entry.setting?.from === 'own') {
      edits.push({ uri: ctx.uri, range: entry.range, newText: prefix });
      return true;
    }
    // Inherited or implicit: write the conn's own parameter (one subnet; the other entries stay as they were).
    const e = setParam(ctx, conn, eff, key, prefix);
    if (!e) return false;
    for (const x of e) edits.push(x);
    return true;
  };
  if (!one(src.l, 'leftsubnet', nv.local, sel.local)) return undefined;
  if (!one(src.r, 'rightsubnet', nv.remote, sel.remote)) return undefined;
  return edits.length ? edits : undefined;
}

/**
 * Edits that make `key=value` effective in `conn`: replaces the conn's own line, else inserts one after its header
 * (an inherited value, from `also=` or `%default`, may serve other conns and is left alone).
 */
function setParam(ctx: Ctx, conn: SwanSection, eff: Map<string, Eff>, key: string, value: string): model.Edit[] | undefined {
  const quoted = /[\s#"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value;
  const e = eff.get(key);
  if (e && e.from === 'own') {
    const range = e.setting.valueToken ? { start: e.setting.valueToken.start, end: e.setting.valueToken.end } : e.setting.valueRange;
    return [{ uri: ctx.uri, range, newText: quoted }];
  }
  const indent = indentOf(ctx.text, conn);
  return [{ uri: ctx.uri, range: { start: conn.headerEnd, end: conn.headerEnd }, newText: `\n${indent}${key}=${quoted}` }];
}

function indentOf(text: string, conn: SwanSection): string {
  const first = conn.settings[0];
  if (!first) return '\t';
  let i = first.range.start;
  while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
  return text.slice(i, first.range.start) || '\t';
}

// ---------------------------------------------------------------------------------------------------------------
// ipsec.secrets

function lowerSecrets(parsed: ParseResult<SwanFile>, uri: string, device: model.Device): void {
  const text = parsed.text;
  const shared: model.SharedSecret[] = [];
  device.sharedSecrets = shared;
  for (const e of parsed.tree.secrets) {
    if (!e.secret) continue;
    const tokText = e.secret.text;
    const quoted = tokText.startsWith('"') || tokText.startsWith("'");
    const plainText = quoted ? tokText.slice(1, tokText.endsWith(tokText[0]) && tokText.length > 1 ? -1 : undefined) : tokText;
    // 0x (hex) and 0s (base64) are encodings of the key: comparable only in the same encoding.
    const encoded = !quoted && /^0[xs]/i.test(plainText);
    const secret: model.Secret = { kind: encoded ? 'masked' : 'plain', plain: encoded ? undefined : plainText, range: { start: e.secret.start, end: e.secret.end }, uri };
    if (e.type === 'PSK') {
      const tokRange = { start: e.secret.start, end: e.secret.end };
      shared.push({
        ids: e.selectors.map((s) => s.text),
        type: 'psk',
        secret,
        range: e.range,
        set: (value) => [{ uri, range: tokRange, newText: `"${value.replace(/"/g, '')}"` }],
      });
    } else {
      (device.otherSecrets ??= []).push(secret.range);
    }
  }
  const end = text.length;
  const needsNewline = end > 0 && !/[\r\n]$/.test(text);
  device.addSharedSecret = ({ ids, secret }) => [{ uri, range: { start: end, end }, newText: `${needsNewline ? '\n' : ''}${ids.join(' ')} : PSK "${secret.replace(/"/g, '')}"\n` }];
}
