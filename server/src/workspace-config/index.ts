// netcfg.yaml: workspace facts no config file states — per-device overrides (platform version, extra owned
// addresses), external IPsec peers netcfg cannot read (Meraki MX, third parties), lowered into model.Device
// so the IPsec checks treat them like any other end, and `networks:` scopes that keep unrelated networks reusing
// the same addresses apart when pairing. Imports model/ and the `yaml` package only (no LSP, no IO).

import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair, type YAMLMap } from 'yaml';
import * as model from '../model';
import type { SyntaxDiagnostic, TextRange } from '../syntax';
import { dict } from '../model/dict';
import { isBuiltinFamily, isKnownSelector, type RuleSeverity } from '../rules/registry';
import { parseRuleSeverity } from '../rules/severity';
import { compilePolicies, POLICY_ID, type CompiledPolicy, type PolicySpec } from '../rules/policies';

/** A value read from netcfg.yaml with the range of its scalar. */
export interface Located<T> {
  value: T;
  range: TextRange;
}

/** `devices:` entry: facts about a device whose config is in the workspace, matched by hostname or file. */
export interface DeviceOverride {
  range: TextRange;
  name?: Located<string>;
  file?: Located<string>;
  platformVersion?: Located<string>;
  addresses: Located<string>[];
  /** `interfaces:` — addresses of named interfaces the config does not state (BIRD takes them from the OS). */
  interfaces: { name: Located<string>; addresses: Located<{ address: string; prefixLength: number }>[] }[];
}

export interface Phase1Spec {
  range: TextRange;
  encryption: Located<string[]>;
  hash: Located<string[]>;
  dh: Located<string[]>;
  auth?: Located<'psk' | 'rsa-sig'>;
  lifetime?: Located<number>;
}

export interface Phase2Spec {
  range: TextRange;
  protocol?: Located<'esp' | 'ah'>;
  encryption?: Located<string[]>;
  integrity: Located<string[]>;
  mode?: Located<'tunnel' | 'transport'>;
}

/** `peers:` entry: an IPsec peer outside the workspace. */
export interface ExternalPeer {
  range: TextRange;
  name: Located<string>;
  profile: Located<'meraki-mx' | 'generic'>;
  /** The peer's own (public) address. */
  address: Located<string>;
  /** The address it connects to (our device's public address); absent = it accepts any. */
  remote?: Located<string>;
  psk?: Located<string>;
  ikeVersion?: Located<1 | 2>;
  exchangeMode?: Located<'main' | 'aggressive'>;
  phase1?: Phase1Spec[];
  phase2?: Phase2Spec[];
  pfs?: Located<string>;
  phase2Lifetime?: Located<number>;
  /** Its own protected subnets (Meraki "private subnets") and the ones it reaches through the tunnel. */
  localSubnets: Located<string>[];
  remoteSubnets: Located<string>[];
}

/** `networks:` entry: a named scope and the path globs (relative to the yaml's folder) of the files in it. */
export interface NetworkScope {
  name: Located<string>;
  globs: Located<string>[];
}

/** `rules:` entry: a code, family (`ipsec/*`) or `*` and the severity it gets (or `off`). */
export interface RuleSetting {
  selector: Located<string>;
  severity: Located<RuleSeverity>;
}

/**
 * `ignore:` entry: the findings it suppresses are those that match every criterion it gives: code (or family),
 * `files` glob (relative to the yaml's folder), `device` (hostname) and `fingerprint` (see rules/fingerprint.ts).
 */
export interface IgnoreEntry {
  range: TextRange;
  code: Located<string>;
  files?: Located<string>;
  device?: Located<string>;
  fingerprint?: Located<string>;
  reason?: Located<string>;
}

export interface WorkspaceConfig {
  devices: DeviceOverride[];
  peers: ExternalPeer[];
  /** Explicit pairing scopes: devices in different scopes never pair. */
  networks: NetworkScope[];
  /** `rules:`, in yaml order. */
  rules: RuleSetting[];
  /** `ignore:`, in yaml order. */
  ignore: IgnoreEntry[];
  /** `policies:` that compiled (a broken one is a `config/invalid-policy` diagnostic and is left out). */
  policies: CompiledPolicy[];
  /** The ids of every `policies:` entry, compiled or not: rules:, ignore: and netcfg-ignore comments may name them. */
  policyIds: Set<string>;
}

export interface WorkspaceConfigResult {
  config: WorkspaceConfig;
  diagnostics: SyntaxDiagnostic[];
}

/** Is this URI a workspace config file (`netcfg.yaml` / `netcfg.yml`, in any folder)? */
export function isWorkspaceConfigUri(uri: string): boolean {
  return /(^|[/\\])netcfg\.ya?ml$/i.test(uri.replace(/[?#].*$/, ''));
}

const ENC_ALIASES: Record<string, string> = dict({
  tripledes: '3des',
  '3des': '3des',
  des: 'des',
  aes: 'aes-cbc-128',
  aes128: 'aes-cbc-128',
  'aes-128': 'aes-cbc-128',
  aes192: 'aes-cbc-192',
  'aes-192': 'aes-cbc-192',
  aes256: 'aes-cbc-256',
  'aes-256': 'aes-cbc-256',
  null: 'null',
});
const HASH_ALIASES: Record<string, string> = dict({ sha: 'sha1', sha1: 'sha1', md5: 'md5', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512', none: 'none' });
const KNOWN_ENC = /^(des|3des|null|aes-cbc-(128|192|256|any)|aes-(ctr|gcm|gmac)-(128|192|256)|blowfish|cast128|camellia-(128|192|256))$/;

/** Canonical encryption id for a netcfg.yaml spelling (canonical ids, Meraki API names, `aes-256`), or undefined. */
export function canonicalEncryption(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  return ENC_ALIASES[t] ?? (KNOWN_ENC.test(t) ? t : undefined);
}

export function canonicalHash(text: string): string | undefined {
  return HASH_ALIASES[text.trim().toLowerCase()];
}

/** `14`, `group14`, `modp2048` → `modp2048`; `none`/`disabled` → `none`. */
export function canonicalDh(text: string): string | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'none' || t === 'disabled') return 'none';
  const n = /^(?:group)?(\d+)$/.exec(t);
  if (n) return model.DH_GROUPS[n[1]];
  return model.DH_NUMBERS[t] ? t : undefined;
}

const DEVICE_KEYS = new Set(['name', 'file', 'platform-version', 'addresses', 'interfaces']);
const PEER_KEYS = new Set(['name', 'profile', 'address', 'remote', 'psk', 'ike-version', 'exchange-mode', 'phase1', 'phase2', 'pfs', 'phase2-lifetime', 'local-subnets', 'remote-subnets']);
const P1_KEYS = new Set(['encryption', 'hash', 'dh', 'auth', 'lifetime']);
const P2_KEYS = new Set(['protocol', 'encryption', 'integrity', 'mode']);
const IGNORE_KEYS = new Set(['code', 'files', 'device', 'fingerprint', 'reason']);
const POLICY_KEYS = new Set(['id', 'message', 'severity', 'dialect', 'parent', 'target', 'where', 'require', 'forbid']);

/** Parses netcfg.yaml. Never throws: every problem is a diagnostic with the range of the offending node. */
export function parseWorkspaceConfig(text: string, _uri: string): WorkspaceConfigResult {
  const diagnostics: SyntaxDiagnostic[] = [];
  const config: WorkspaceConfig = { devices: [], peers: [], networks: [], rules: [], ignore: [], policies: [], policyIds: new Set() };
  const rangeOf = (n: YamlNode | null | undefined): TextRange => (n?.range ? { start: n.range[0], end: n.range[1] } : { start: 0, end: 0 });
  const err = (range: TextRange, message: string, code = 'config/invalid-value', severity: SyntaxDiagnostic['severity'] = 'error') => diagnostics.push({ range, severity, code, message });

  let doc;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    err({ start: 0, end: 0 }, `netcfg.yaml could not be read: ${(e as Error).message}`, 'config/yaml-syntax');
    return { config, diagnostics };
  }
  for (const e of doc.errors) {
    const start = Math.min(e.pos[0], text.length);
    err({ start, end: Math.max(start, Math.min(e.pos[1], text.length)) }, e.message.split('\n')[0], 'config/yaml-syntax');
  }
  if (doc.errors.length) return { config, diagnostics };
  const root = doc.contents;
  if (root === null || root === undefined) return { config, diagnostics };
  if (!isMap(root)) {
    err(rangeOf(root as YamlNode), 'netcfg.yaml must be a mapping with `devices:`, `peers:`, `networks:`, `rules:`, `ignore:` and/or `policies:`');
    return { config, diagnostics };
  }

  const str = (n: unknown, what: string): Located<string> | undefined => {
    if (isScalar(n) && (typeof n.value === 'string' || typeof n.value === 'number') && String(n.value).length > 0) return { value: String(n.value), range: rangeOf(n) };
    err(rangeOf(n as YamlNode), `${what} must be a non-empty string`);
    return undefined;
  };
  const num = (n: unknown, what: string): Located<number> | undefined => {
    if (isScalar(n) && typeof n.value === 'number' && Number.isInteger(n.value) && n.value > 0) return { value: n.value, range: rangeOf(n) };
    err(rangeOf(n as YamlNode), `${what} must be a positive whole number (seconds)`);
    return undefined;
  };
  /** A scalar or a list of scalars, each normalised; unknown values are errors at their own range. */
  const algList = (n: unknown, what: string, canon: (s: string) => string | undefined): Located<string[]> | undefined => {
    const items = isSeq(n) ? n.items : [n];
    const res: string[] = [];
    for (const it of items) {
      const s = str(it, what);
      if (!s) continue;
      const c = canon(s.value);
      if (!c) err(s.range, `unknown ${what} '${s.value}'`);
      else res.push(c);
    }
    return res.length ? { value: res, range: rangeOf(n as YamlNode) } : undefined;
  };
  const address = (n: unknown, what: string): Located<string> | undefined => {
    const s = str(n, what);
    if (!s) return undefined;
    const c = model.canonicalAddress(s.value);
    if (!c) {
      err(s.range, `${what} '${s.value}' is not an IP address`);
      return undefined;
    }
    return { value: c, range: s.range };
  };
  /** `10.0.0.1/24`: an interface address with its prefix length (not a network prefix). */
  const interfaceAddress = (n: unknown): Located<{ address: string; prefixLength: number }> | undefined => {
    const s = str(n, 'an interface address');
    if (!s) return undefined;
    const m = /^([^/]+)\/(\d{1,3})$/.exec(s.value.trim());
    const address = m ? model.canonicalAddress(m[1]) : undefined;
    const prefixLength = m ? Number(m[2]) : NaN;
    if (!address || prefixLength > (address.includes(':') ? 128 : 32)) {
      err(s.range, `interface address '${s.value}' must be an address with its prefix length (10.0.0.1/24)`);
      return undefined;
    }
    return { value: { address, prefixLength }, range: s.range };
  };
  const prefixes = (n: unknown, what: string): Located<string>[] => {
    const res: Located<string>[] = [];
    for (const it of isSeq(n) ? n.items : [n]) {
      const s = str(it, what);
      if (!s) continue;
      const c = model.canonicalPrefix(s.value);
      if (!c) err(s.range, `${what} '${s.value}' is not a prefix (A.B.C.D/len)`);
      else res.push({ value: c, range: s.range });
    }
    return res;
  };
  const entries = (m: YAMLMap, allowed: Set<string>, where: string): Map<string, Pair> => {
    const res = new Map<string, Pair>();
    for (const p of m.items as Pair[]) {
      const k = isScalar(p.key) ? String(p.key.value) : '';
      if (!allowed.has(k)) {
        err(rangeOf(p.key as YamlNode), `unknown key '${k}' in ${where} (expected one of: ${[...allowed].join(', ')})`, 'config/unknown-key', 'warning');
        continue;
      }
      res.set(k, p);
    }
    return res;
  };
  const oneOf = <T extends string>(n: unknown, what: string, allowed: readonly T[]): Located<T> | undefined => {
    const s = str(n, what);
    if (!s) return undefined;
    if (!(allowed as readonly string[]).includes(s.value)) {
      err(s.range, `${what} must be one of: ${allowed.join(', ')}`);
      return undefined;
    }
    return s as Located<T>;
  };

  const top = entries(root, new Set(['devices', 'peers', 'networks', 'rules', 'ignore', 'policies']), 'netcfg.yaml');
  const devs = top.get('devices')?.value;
  if (devs !== undefined && devs !== null) {
    if (!isSeq(devs)) err(rangeOf(devs as YamlNode), '`devices:` must be a list');
    else
      for (const d of devs.items) {
        if (!isMap(d)) {
          err(rangeOf(d as YamlNode), 'a `devices:` entry must be a mapping with `name:` or `file:`');
          continue;
        }
        const e = entries(d, DEVICE_KEYS, 'a device entry');
        const o: DeviceOverride = { range: rangeOf(d), addresses: [], interfaces: [] };
        if (e.has('name')) o.name = str(e.get('name')!.value, '`name`');
        if (e.has('file')) o.file = str(e.get('file')!.value, '`file`');
        if (e.has('platform-version')) o.platformVersion = str(e.get('platform-version')!.value, '`platform-version`');
        if (e.has('addresses')) {
          const v = e.get('addresses')!.value;
          for (const it of isSeq(v) ? v.items : [v]) {
            const a = address(it, 'address');
            if (a) o.addresses.push(a);
          }
        }
        if (e.has('interfaces')) {
          const v = e.get('interfaces')!.value;
          if (!isMap(v)) err(rangeOf(v as YamlNode), '`interfaces:` must map interface names to addresses with prefix length (`eth0: 10.0.0.1/24`)');
          else
            for (const ip of v.items as Pair[]) {
              const name = str(ip.key, 'an interface name');
              if (!name) continue;
              const addrs: Located<{ address: string; prefixLength: number }>[] = [];
              for (const it of isSeq(ip.value) ? ip.value.items : [ip.value]) {
                const a = interfaceAddress(it);
                if (a) addrs.push(a);
              }
              o.interfaces.push({ name, addresses: addrs });
            }
        }
        if (!o.name && !o.file) err(rangeOf(d), 'a device entry needs `name:` (hostname) or `file:` (config file name)');
        else config.devices.push(o);
      }
  }

  const peers = top.get('peers')?.value;
  const names = new Set<string>();
  if (peers !== undefined && peers !== null) {
    if (!isSeq(peers)) err(rangeOf(peers as YamlNode), '`peers:` must be a list');
    else
      for (const p of peers.items) {
        if (!isMap(p)) {
          err(rangeOf(p as YamlNode), 'a `peers:` entry must be a mapping');
          continue;
        }
        const e = entries(p, PEER_KEYS, 'a peer entry');
        const name = e.has('name') ? str(e.get('name')!.value, '`name`') : undefined;
        const profile = e.has('profile') ? oneOf(e.get('profile')!.value, '`profile`', ['meraki-mx', 'generic'] as const) : undefined;
        const addr = e.has('address') ? address(e.get('address')!.value, '`address`') : undefined;
        for (const [k, label] of [
          ['name', '`name`'],
          ['profile', '`profile` (meraki-mx or generic)'],
          ['address', '`address`'],
        ] as const)
          if (!e.has(k)) err(rangeOf(p), `a peer entry needs ${label}`);
        if (!name || !profile || !addr) continue;
        if (names.has(name.value)) {
          err(name.range, `peer name '${name.value}' is used twice`);
          continue;
        }
        names.add(name.value);
        const peer: ExternalPeer = { range: rangeOf(p), name, profile, address: addr, localSubnets: [], remoteSubnets: [] };
        if (e.has('remote')) peer.remote = address(e.get('remote')!.value, '`remote`');
        if (e.has('psk')) peer.psk = str(e.get('psk')!.value, '`psk`');
        if (e.has('ike-version')) {
          const v = e.get('ike-version')!.value;
          if (isScalar(v) && (v.value === 1 || v.value === 2)) peer.ikeVersion = { value: v.value, range: rangeOf(v) };
          else err(rangeOf(v as YamlNode), '`ike-version` must be 1 or 2');
        }
        if (e.has('exchange-mode')) peer.exchangeMode = oneOf(e.get('exchange-mode')!.value, '`exchange-mode`', ['main', 'aggressive'] as const);
        if (profile.value === 'meraki-mx' && peer.exchangeMode?.value === 'aggressive') err(peer.exchangeMode.range, 'Meraki MX supports IKEv1 main mode or IKEv2 only, never aggressive mode (interop-rules §9 M-1)');
        if (e.has('pfs')) {
          const s = str(e.get('pfs')!.value, '`pfs`');
          const c = s && canonicalDh(s.value);
          if (s && !c) err(s.range, `unknown DH group '${s.value}' (use none, 14, group14 or modp2048)`);
          else if (s && c) peer.pfs = { value: c, range: s.range };
        }
        if (e.has('phase2-lifetime')) peer.phase2Lifetime = num(e.get('phase2-lifetime')!.value, '`phase2-lifetime`');
        if (e.has('local-subnets')) peer.localSubnets = prefixes(e.get('local-subnets')!.value, 'subnet');
        if (e.has('remote-subnets')) peer.remoteSubnets = prefixes(e.get('remote-subnets')!.value, 'subnet');
        if (e.has('phase1')) {
          const v = e.get('phase1')!.value;
          peer.phase1 = [];
          for (const it of isSeq(v) ? v.items : [v]) {
            if (!isMap(it)) {
              err(rangeOf(it as YamlNode), 'a phase 1 proposal must be a mapping (encryption, hash, dh, auth, lifetime)');
              continue;
            }
            const pe = entries(it, P1_KEYS, 'a phase 1 proposal');
            const enc = pe.has('encryption') ? algList(pe.get('encryption')!.value, 'encryption', canonicalEncryption) : undefined;
            const hash = pe.has('hash') ? algList(pe.get('hash')!.value, 'hash', canonicalHash) : undefined;
            const dh = pe.has('dh') ? algList(pe.get('dh')!.value, 'DH group', canonicalDh) : undefined;
            if (!enc || !hash || !dh) {
              err(rangeOf(it), 'a phase 1 proposal needs encryption, hash and dh');
              continue;
            }
            peer.phase1.push({
              range: rangeOf(it),
              encryption: enc,
              hash,
              dh,
              auth: pe.has('auth') ? oneOf(pe.get('auth')!.value, '`auth`', ['psk', 'rsa-sig'] as const) : undefined,
              lifetime: pe.has('lifetime') ? num(pe.get('lifetime')!.value, '`lifetime`') : undefined,
            });
          }
        }
        if (e.has('phase2')) {
          const v = e.get('phase2')!.value;
          peer.phase2 = [];
          for (const it of isSeq(v) ? v.items : [v]) {
            if (!isMap(it)) {
              err(rangeOf(it as YamlNode), 'a phase 2 proposal must be a mapping (protocol, encryption, integrity, mode)');
              continue;
            }
            const pe = entries(it, P2_KEYS, 'a phase 2 proposal');
            const integrity = pe.has('integrity') ? algList(pe.get('integrity')!.value, 'integrity', canonicalHash) : undefined;
            const enc = pe.has('encryption') ? algList(pe.get('encryption')!.value, 'encryption', canonicalEncryption) : undefined;
            const protocol = pe.has('protocol') ? oneOf(pe.get('protocol')!.value, '`protocol`', ['esp', 'ah'] as const) : undefined;
            if (!integrity || ((protocol?.value ?? 'esp') === 'esp' && !enc)) {
              err(rangeOf(it), 'a phase 2 proposal needs integrity (and encryption for ESP)');
              continue;
            }
            peer.phase2.push({ range: rangeOf(it), protocol, encryption: enc, integrity, mode: pe.has('mode') ? oneOf(pe.get('mode')!.value, '`mode`', ['tunnel', 'transport'] as const) : undefined });
          }
        }
        if (profile.value === 'generic' && (!peer.phase1?.length || !peer.phase2?.length)) {
          err(profile.range, 'a `generic` peer needs explicit `phase1:` and `phase2:` proposals (only `meraki-mx` has built-in ones)');
          continue;
        }
        config.peers.push(peer);
      }
  }
  const nets = top.get('networks')?.value;
  if (nets !== undefined && nets !== null) {
    if (!isMap(nets)) err(rangeOf(nets as YamlNode), '`networks:` must map scope names to lists of path globs (`custA: ["custA/**"]`)');
    else
      for (const entry of nets.items as Pair[]) {
        const name = str(entry.key, 'a scope name');
        if (!name) continue;
        const v = entry.value;
        if (isMap(v) || v === null || v === undefined || (isScalar(v) && v.value === null)) {
          err(v && !isScalar(v) ? rangeOf(v as YamlNode) : name.range, `scope '${name.value}' must be a list of path globs relative to netcfg.yaml's folder (\`["${name.value}/**"]\`)`);
          continue;
        }
        const globs: Located<string>[] = [];
        for (const it of isSeq(v) ? v.items : [v]) {
          if (!isScalar(it) || typeof it.value !== 'string' || it.value.trim() === '') {
            err(rangeOf(it as YamlNode), `a glob of scope '${name.value}' must be a non-empty string (a path relative to netcfg.yaml's folder, with *, ** and ?)`);
            continue;
          }
          const glob = normaliseGlob(it.value);
          if (glob.split('/').includes('..')) {
            err(rangeOf(it), `glob '${it.value}' leaves netcfg.yaml's folder: scopes cover only files under it`);
            continue;
          }
          globs.push({ value: glob, range: rangeOf(it) });
        }
        if (isSeq(v) && v.items.length === 0) err(rangeOf(v), `scope '${name.value}' lists no files: give it path globs (\`["${name.value}/**"]\`)`);
        config.networks.push({ name, globs });
      }
  }
  const pols = top.get('policies')?.value;
  if (pols !== undefined && pols !== null) {
    const bad = (range: TextRange, message: string) => err(range, message, 'config/invalid-policy');
    const specs: PolicySpec[] = [];
    if (!isSeq(pols)) bad(rangeOf(pols as YamlNode), '`policies:` must be a list of policies (id, message, severity, and a line rule or a model rule: see docs/policies.md)');
    else
      for (const it of pols.items) {
        if (!isMap(it)) {
          bad(rangeOf(it as YamlNode), 'a policy must be a mapping with `id:`, `message:` and `require:` or `forbid:`');
          continue;
        }
        const e = entries(it, POLICY_KEYS, 'a policy');
        const get = (k: string): Located<string> | undefined => {
          const p = e.get(k);
          if (!p) return undefined;
          if (isScalar(p.value) && (typeof p.value.value === 'string' || typeof p.value.value === 'number') && String(p.value.value).length > 0) return { value: String(p.value.value), range: rangeOf(p.value) };
          bad(rangeOf((p.value ?? p.key) as YamlNode), `policy \`${k}:\` must be a non-empty string`);
          return undefined;
        };
        const id = get('id');
        if (!id) {
          if (!e.has('id')) bad(rangeOf(it), 'a policy needs `id:` (namespaced, e.g. `corp/ikev2-only`)');
          continue;
        }
        if (!POLICY_ID.test(id.value)) {
          bad(id.range, `policy id '${id.value}' must be namespaced like \`corp/ikev2-only\` (lower case, digits, dashes)`);
          continue;
        }
        if (config.policyIds.has(id.value)) {
          bad(id.range, `policy id '${id.value}' is used twice`);
          continue;
        }
        if (isBuiltinFamily(id.value)) {
          bad(id.range, `policy id '${id.value}' is in netcfg's own family '${id.value.split('/')[0]}/': give your policies a namespace of your own (\`corp/…\`)`);
          continue;
        }
        config.policyIds.add(id.value);
        const sev = get('severity');
        const severity = sev ? parseRuleSeverity(sev.value) : undefined;
        if (sev && (!severity || severity === 'off')) bad(sev.range, `policy ${id.value}: \`severity\` must be one of: hint, information, warning, error`);
        const spec: PolicySpec = { range: rangeOf(it), id, message: get('message'), dialect: get('dialect'), parent: get('parent'), target: get('target'), where: get('where'), require: get('require'), forbid: get('forbid') };
        if (sev && severity && severity !== 'off') spec.severity = { value: severity, range: sev.range };
        specs.push(spec);
      }
    const compiled = compilePolicies(specs);
    config.policies = compiled.policies;
    for (const e of compiled.errors) bad(e.range, e.message);
  }
  const knownCode = (c: Located<string>): boolean => {
    if (isKnownSelector(c.value, config.policyIds)) return true;
    err(c.range, `'${c.value}' is not a netcfg diagnostic code (see \`netcfg rules\`): this entry has no effect`, 'config/unknown-code', 'warning');
    return false;
  };
  const rules = top.get('rules')?.value;
  if (rules !== undefined && rules !== null) {
    if (!isMap(rules)) err(rangeOf(rules as YamlNode), '`rules:` must map diagnostic codes (or families such as `ipsec/*`) to off, hint, information, warning or error');
    else
      for (const entry of rules.items as Pair[]) {
        const selector = str(entry.key, 'a diagnostic code');
        if (!selector) continue;
        const raw = str(entry.value, `the severity of '${selector.value}'`);
        if (!raw) continue;
        const severity = parseRuleSeverity(raw.value);
        if (!severity) {
          err(raw.range, `the severity of '${selector.value}' must be one of: off, hint, information, warning, error`);
          continue;
        }
        if (knownCode(selector)) config.rules.push({ selector, severity: { value: severity, range: raw.range } });
      }
  }
  const ignores = top.get('ignore')?.value;
  if (ignores !== undefined && ignores !== null) {
    if (!isSeq(ignores)) err(rangeOf(ignores as YamlNode), '`ignore:` must be a list of entries with `code:` and optionally `files:`, `device:`, `fingerprint:`, `reason:`');
    else
      for (const it of ignores.items) {
        if (!isMap(it)) {
          err(rangeOf(it as YamlNode), 'an `ignore:` entry must be a mapping with `code:`');
          continue;
        }
        const e = entries(it, IGNORE_KEYS, 'an ignore entry');
        const code = e.has('code') ? str(e.get('code')!.value, '`code`') : undefined;
        if (!e.has('code')) err(rangeOf(it), 'an ignore entry needs `code:` (a diagnostic code or a family such as `ipsec/*`)');
        if (!code) continue;
        const entry: IgnoreEntry = { range: rangeOf(it), code };
        if (e.has('files')) {
          const f = str(e.get('files')!.value, '`files`');
          if (f && normaliseGlob(f.value).split('/').includes('..')) err(f.range, `glob '${f.value}' leaves netcfg.yaml's folder: ignores cover only files under it`);
          else if (f) entry.files = { value: normaliseGlob(f.value), range: f.range };
        }
        if (e.has('device')) entry.device = str(e.get('device')!.value, '`device`');
        if (e.has('fingerprint')) {
          // Read from the source text: an all-digit fingerprint would otherwise become a number and lose digits.
          const raw = str(e.get('fingerprint')!.value, '`fingerprint`');
          const fp = raw && { value: text.slice(raw.range.start, raw.range.end).trim().replace(/^(["'])(.*)\1$/, '$2'), range: raw.range };
          if (fp && !/^[0-9a-f]{32}$/.test(fp.value)) err(fp.range, '`fingerprint` must be the 32 hex digits netcfg computed (quick fix "Ignore in netcfg.yaml", or a baseline file)');
          else if (fp) entry.fingerprint = fp;
        }
        if (e.has('reason')) entry.reason = str(e.get('reason')!.value, '`reason`');
        if (knownCode(code)) config.ignore.push(entry);
      }
  }
  return { config, diagnostics };
}

/** `./custA/`, `custA\**` → `custA/**`: forward slashes, no leading `./` or `/`, no trailing `/`. */
function normaliseGlob(glob: string): string {
  return glob.trim().replace(/\\/g, '/').replace(/^(\.\/|\/)+/, '').replace(/\/+$/, '') || '**';
}

/**
 * Whether a path relative to netcfg.yaml's folder (`custA/r1.ios`) matches a `networks:` glob: `*` and `?` match
 * within one path segment, `**` any number of whole segments. A glob that matches a folder covers everything in it
 * (`custA` is `custA/**`). Dynamic programming over segments, no regular expressions: linear in glob × path.
 */
export function matchGlob(glob: string, path: string): boolean {
  const g = normaliseGlob(glob).split('/');
  const p = path.split('/').filter((x) => x !== '');
  // reach[j]: the glob segments consumed so far match the first j path segments.
  let reach: boolean[] = new Array(p.length + 1).fill(false);
  reach[0] = true;
  for (const seg of g) {
    const next: boolean[] = new Array(p.length + 1).fill(false);
    if (seg === '**') {
      let any = false;
      for (let j = 0; j <= p.length; j++) {
        any ||= reach[j];
        next[j] = any;
      }
    } else {
      for (let j = 1; j <= p.length; j++) next[j] = reach[j - 1] && matchSegment(seg, p[j - 1]);
    }
    reach = next;
  }
  // The whole path, or a folder of it.
  for (let j = 1; j <= p.length; j++) if (reach[j]) return true;
  return false;
}

/** One path segment against one glob segment (`*`, `?`, literal characters): the classic greedy wildcard walk. */
function matchSegment(glob: string, text: string): boolean {
  let gi = 0;
  let ti = 0;
  let star = -1;
  let mark = 0;
  while (ti < text.length) {
    if (gi < glob.length && (glob[gi] === '?' || glob[gi] === text[ti])) {
      gi++;
      ti++;
    } else if (gi < glob.length && glob[gi] === '*') {
      star = gi++;
      mark = ti;
    } else if (star >= 0) {
      gi = star + 1;
      ti = ++mark;
    } else return false;
  }
  while (gi < glob.length && glob[gi] === '*') gi++;
  return gi === glob.length;
}

/** The path of `fileUri` relative to the folder of `yamlUri`, decoded; undefined when the file is not under it. */
export function pathUnder(yamlUri: string, fileUri: string): string | undefined {
  const folder = yamlUri.replace(/[?#].*$/, '').replace(/[^/\\]*$/, '');
  const file = fileUri.replace(/[?#].*$/, '');
  if (!file.startsWith(folder) || file.length === folder.length) return undefined;
  const rel = file.slice(folder.length).replace(/\\/g, '/');
  try {
    return rel.split('/').map((x) => decodeURIComponent(x)).join('/');
  } catch {
    return rel;
  }
}

/** The `networks:` scopes of a netcfg.yaml that hold a file, each with the first glob that matched it (in yaml order). */
export function scopeMatches(config: WorkspaceConfig, yamlUri: string, fileUri: string): { scope: NetworkScope; glob: Located<string> }[] {
  if (config.networks.length === 0) return [];
  const rel = pathUnder(yamlUri, fileUri);
  if (rel === undefined) return [];
  const res: { scope: NetworkScope; glob: Located<string> }[] = [];
  for (const scope of config.networks) {
    const glob = scope.globs.find((g) => matchGlob(g.value, rel));
    if (glob) res.push({ scope, glob });
  }
  return res;
}

/**
 * The scope ids of a file: `<yaml uri>#<name>` for each matching scope, so two netcfg.yaml files in different folders
 * that both name a scope `lab1` do not join their networks.
 */
export function scopesOf(config: WorkspaceConfig, yamlUri: string, fileUri: string): string[] {
  return scopeMatches(config, yamlUri, fileUri).map((m) => `${yamlUri}#${m.scope.name.value}`);
}

/**
 * What a Meraki MX offers a non-Meraki peer with its "Default" preset (interop-rules §9, crypto-vocabulary
 * default_proposals "meraki"): IKEv1 main mode, 3DES/SHA1/group 2/28800 s, PSK only; phase 2 3DES or AES,
 * MD5 or SHA1, no PFS, 28800 s [S10]. AES key sizes in phase 2 are unconfirmed.
 */
const MERAKI = {
  source: 'Meraki MX default preset for non-Meraki peers',
  phase1: { encryption: ['3des'], hash: ['sha1'], dh: ['modp1024'], lifetime: 28800 },
  phase2: { encryption: ['3des', 'aes-cbc-128', 'aes-cbc-192', 'aes-cbc-256'], integrity: ['md5', 'sha1'], lifetime: 28800 },
} as const;

/** The synthetic URI of an external peer: `<yaml-uri>#<peer-name>`. */
export function externalUri(yamlUri: string, peerName: string): string {
  return `${yamlUri}#${encodeURIComponent(peerName)}`;
}

/**
 * External peers as devices. Their `uri` is the yaml's (findings on them show in netcfg.yaml) and ranges point
 * into the yaml; values not written there carry `default` naming the profile. No Setters: netcfg cannot change
 * a Meraki or a third party, so fixes are offered on the workspace side only.
 * `dialect` is a neutral placeholder (no dialect id exists for external equipment); `platformVersion` names it.
 */
export function externalDevices(config: WorkspaceConfig, uri: string): model.Device[] {
  return config.peers.map((p) => {
    // The placeholder dialect has no IPsec behaviour of its own in the analyses (no IOS fallbacks, no proposal-check).
    const dev = model.emptyDevice(uri, 'routeros', p.name.value);
    dev.hostnameRange = p.name.range;
    const meraki = p.profile.value === 'meraki-mx';
    dev.platformVersion = meraki ? 'Meraki MX (netcfg.yaml profile meraki-mx)' : 'external peer (netcfg.yaml profile generic)';
    dev.interfaces.push({ name: 'wan', nameRange: p.address.range, range: p.address.range, kind: 'physical', addresses: [{ address: p.address.value, prefixLength: p.address.value.includes(':') ? 128 : 32, range: p.address.range }], shutdown: false });
    const dflt = meraki ? MERAKI.source : 'netcfg default';
    const at = <T>(value: T, loc?: Located<unknown>, why = dflt): model.Value<T> => (loc ? { value, range: loc.range } : { value, default: why });
    const phase1: model.Phase1Proposal[] = p.phase1?.length
      ? p.phase1.map((s, i) => ({
          label: `${p.name.value} phase1[${i}]`,
          range: s.range,
          encryption: at(s.encryption.value, s.encryption),
          hash: at(s.hash.value, s.hash),
          dh: at(s.dh.value, s.dh),
          auth: at<model.Phase1Proposal['auth']['value']>(s.auth?.value ?? 'psk', s.auth, meraki ? 'Meraki supports PSK only' : 'psk unless `auth:` says otherwise'),
          lifetime: at(s.lifetime?.value ?? (meraki ? MERAKI.phase1.lifetime : 86400), s.lifetime),
        }))
      : [
          {
            label: `${p.name.value} (Meraki default)`,
            range: p.profile.range,
            encryption: at<string[]>([...MERAKI.phase1.encryption]),
            hash: at<string[]>([...MERAKI.phase1.hash]),
            dh: at<string[]>([...MERAKI.phase1.dh]),
            auth: at<model.Phase1Proposal['auth']['value']>('psk'),
            lifetime: at<number>(MERAKI.phase1.lifetime),
          },
        ];
    const phase2: model.Phase2Proposal[] = p.phase2?.length
      ? p.phase2.map((s, i) => ({
          label: `${p.name.value} phase2[${i}]`,
          range: s.range,
          protocol: at<'esp' | 'ah'>(s.protocol?.value ?? 'esp', s.protocol),
          encryption: at<string[]>(s.encryption?.value ?? [], s.encryption),
          integrity: at(s.integrity.value, s.integrity),
          mode: at<'tunnel' | 'transport'>(s.mode?.value ?? 'tunnel', s.mode),
        }))
      : [
          {
            label: `${p.name.value} (Meraki default)`,
            range: p.profile.range,
            protocol: at<'esp' | 'ah'>('esp'),
            encryption: at<string[]>([...MERAKI.phase2.encryption]),
            integrity: at<string[]>([...MERAKI.phase2.integrity]),
            mode: at<'tunnel' | 'transport'>('tunnel'),
          },
        ];
    const remotePrefix = p.remote ? `${p.remote.value}/${p.remote.value.includes(':') ? 128 : 32}` : '0.0.0.0/0';
    const key: model.PresharedKey | undefined = p.psk ? { peer: remotePrefix, secret: { kind: 'plain', plain: p.psk.value, range: p.psk.range }, range: p.psk.range } : undefined;
    if (key) dev.keys.push(key);
    const selectors: model.Selector[] = [];
    for (const l of p.localSubnets) for (const r of p.remoteSubnets) selectors.push({ local: l.value, remote: r.value, protocol: 'ip', range: l.range });
    const peer: model.IpsecPeer = {
      id: `external:${p.name.value}`,
      label: `netcfg.yaml peer ${p.name.value}`,
      range: p.name.range,
      remote: p.remote ? { value: p.remote.value, range: p.remote.range } : undefined,
      remoteAny: p.remote ? undefined : '0.0.0.0/0',
      local: { value: p.address.value, range: p.address.range },
      role: p.remote ? 'both' : 'responder',
      kind: 'external',
      ikeVersion: at<1 | 2>(p.ikeVersion?.value ?? 1, p.ikeVersion),
      exchangeMode: at<'main' | 'aggressive'>(p.exchangeMode?.value ?? 'main', p.exchangeMode, meraki ? 'Meraki supports main mode only' : dflt),
      phase1,
      psk: key,
      phase2,
      pfs: at(p.pfs?.value ?? 'none', p.pfs, meraki ? 'Meraki default preset: PFS disabled' : 'no PFS unless `pfs:` is set'),
      phase2Lifetime: p.phase2Lifetime ? at(p.phase2Lifetime.value, p.phase2Lifetime) : meraki ? at<number>(MERAKI.phase2.lifetime) : undefined,
      selectors,
    };
    dev.ipsecPeers.push(peer);
    return dev;
  });
}

function baseName(uri: string): string {
  return decodeURIComponent(uri.replace(/[?#].*$/, '').split(/[/\\]/).pop() ?? uri);
}

/** Applies `devices:` overrides (extra owned addresses, platform version) to a lowered device, in place. */
export function applyWorkspaceConfig(config: WorkspaceConfig, device: model.Device): model.Device {
  const file = baseName(device.uri);
  for (const o of config.devices) {
    const hit = (o.name && o.name.value === device.name) || (o.file && (o.file.value === file || device.uri.endsWith(`/${o.file.value.replace(/^\.?\//, '')}`)));
    if (!hit) continue;
    if (o.platformVersion) device.platformVersion = o.platformVersion.value;
    for (const a of o.addresses) if (!device.extraAddresses.some((x) => x.value === a.value)) device.extraAddresses.push({ value: a.value, default: 'netcfg.yaml devices: addresses' });
    for (const itf of o.interfaces)
      for (const a of itf.addresses) {
        if (!device.extraAddresses.some((x) => x.value === a.value.address)) device.extraAddresses.push({ value: a.value.address, default: `netcfg.yaml devices: interfaces: ${itf.name.value}` });
      }
    if (o.interfaces.length) device.ospfInterfaces = device.ospfInterfaces.flatMap((oi) => withYamlAddresses(oi, o.interfaces));
  }
  return device;
}

/**
 * An OSPF interface that names interfaces but states no address (a BIRD `interface "eth*"` pattern) takes the
 * addresses netcfg.yaml gives for the interfaces it matches: one entry per matching address, so it can pair.
 */
function withYamlAddresses(oi: model.OspfInterface, interfaces: DeviceOverride['interfaces']): model.OspfInterface[] {
  if (oi.prefix || oi.address) return [oi];
  const pattern = globPattern(oi.interfaceName);
  const res: model.OspfInterface[] = [];
  for (const itf of interfaces) {
    if (!pattern.test(itf.name.value)) continue;
    for (const a of itf.addresses) {
      if (a.value.address.includes(':') !== (oi.version === 3)) continue;
      const prefix = model.networkOf(a.value.address, a.value.prefixLength);
      if (prefix) res.push({ ...oi, interfaceName: itf.name.value, address: a.value.address, prefix });
    }
  }
  return res.length ? res : [oi];
}

/** BIRD/shell interface pattern (`"eth*"`, `ens?`) as an anchored regular expression. */
function globPattern(text: string): RegExp {
  const body = text.replace(/^"|"$/g, '').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}
