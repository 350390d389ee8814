// OpenBSD ipsec.conf emitter (issue 19): one `ike` rule per traffic selector, networks and gateways as macros at the
// top (quoted, as ipsecctl requires), every phase 1 and quick mode value written out so neither end leans on a
// release-dependent ipsecctl default (modp1024 vs modp3072, PFS on by default on recent releases).
// Algorithm spellings come from the OpenBSD dialect's catalog. Imports only the spec, the model and that catalog.

import * as model from '../../model';
import { spellingOf } from '../../dialects/openbsd/catalog';
import { GenerateError, type PeerSpec, type SelectorSpec, type TargetCapabilities } from '../spec';

export const OPENBSD_CAPS: TargetCapabilities = {
  id: 'openbsd',
  label: 'OpenBSD ipsec.conf (isakmpd)',
  dialect: 'openbsd-ipsec',
  languageId: 'openbsd-ipsec',
  // ipsec.conf drives isakmpd, which speaks IKEv1 only (interop-rules §1; iked.conf is another format).
  ikeVersions: [1],
  // Phase 1: no GCM or CTR (ipsec.conf(5): phase 2 only); `des` is gone from recent ipsecctl (errata §4/§6).
  phase1Encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des'],
  phase1Hash: ['sha512', 'sha384', 'sha256', 'sha1', 'md5'],
  dh: ['ecp521', 'ecp384', 'ecp256', 'modp8192', 'modp6144', 'modp4096', 'modp3072', 'modp2048', 'modp1536', 'modp1024', 'modp768'],
  phase2Encryption: ['aes-gcm-256', 'aes-gcm-128', 'aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des'],
  phase2Integrity: ['sha512', 'sha384', 'sha256', 'sha1', 'md5', 'none'],
  scenarios: ['site-to-site'],
  // Route-based means GRE over IPsec: a gre(4) interface (its hostname.greN is written as a comment) and an `ike`
  // rule for proto gre between the two gateways. A VTI source (`tunnel mode ipsec`) is refused.
  routeBased: true,
  defaultWan: 'em0',
  defaultLanInterface: 'em1',
};

export function emitOpenBSD(spec: PeerSpec): string {
  const notes = [...spec.notes];
  const out: string[] = [];
  const macros: string[] = [];
  const ip = spec.ipsec;
  const body: string[] = [];
  if (spec.scenario.kind !== 'site-to-site' || !ip) throw new GenerateError('OpenBSD ipsec.conf is written for site-to-site tunnels only');
  const route = spec.scenario.binding === 'route';
  if (route && spec.tunnel?.mode !== 'gre') throw new GenerateError(`OpenBSD has no IPsec VTI (tunnel mode ipsec) in ipsec.conf: generate it policy-based, or use GRE over IPsec on ${spec.source.name}`);
  // isakmpd speaks IKEv1 only; IKEv2 is iked.conf(5), another format.
  if (ip.ikeVersion !== 1) throw new GenerateError('OpenBSD ipsec.conf (isakmpd) speaks IKEv1 only');
  macros.push(`local_gw = "${spec.local}"`, `remote_gw = "${spec.remote}"`);
  const names = new Map<string, string>();
  const nameOf = (prefix: string, side: 'local' | 'remote'): string => {
    const text = hostText(prefix);
    if (text === 'any') return 'any';
    // The gateways themselves (GRE, transport mode) already have their macros.
    if (text === (side === 'local' ? spec.local : spec.remote)) return side === 'local' ? '$local_gw' : '$remote_gw';
    const key = `${side} ${text}`;
    let n = names.get(key);
    if (!n) {
      const count = [...names.keys()].filter((k) => k.startsWith(side + ' ')).length;
      n = `${side}_net${count ? count + 1 : ''}`;
      names.set(key, n);
      macros.push(`${n} = "${text}"`);
    }
    return `$${n}`;
  };
  const selectors: SelectorSpec[] = ip.selectors.length ? ip.selectors : [{ local: `${spec.local}/32`, remote: `${spec.remote}/32`, protocol: 'ip' }];
  const main = phaseClause(ip.exchangeMode === 'aggressive' ? 'aggressive' : 'main', 'phase1', ip.phase1.hash, ip.phase1.encryption, ip.phase1.dh, ip.phase1.lifetime);
  const quick = phaseClause('quick', 'phase2', ip.phase2.integrity, ip.phase2.encryption, ip.pfs, ip.phase2Lifetime);
  for (const sel of selectors) {
    const proto = protoWord(sel.protocol);
    const from = `from ${nameOf(sel.local, 'local')}${sel.localPort ? ` port ${sel.localPort}` : ''}`;
    const to = `to ${nameOf(sel.remote, 'remote')}${sel.remotePort ? ` port ${sel.remotePort}` : ''}`;
    const head = ['ike', 'active', 'esp', ip.phase2.mode === 'transport' ? 'transport' : undefined, proto ? `proto ${proto}` : undefined, from, to].filter(Boolean).join(' ');
    body.push(
      '',
      [head, '\tlocal $local_gw peer $remote_gw', `\t${main}`, `\t${quick}`, `\tpsk ${quote(ip.psk.value)}`].join(' \\\n'),
    );
  }
  if (route) for (const n of greNotes(spec)) notes.push(n);
  const src = spec.source.uri.split('/').pop() ?? spec.source.uri;
  out.push(`# /etc/ipsec.conf: the other end of ${spec.source.name} (${src}), written by netcfg generate-peer.`);
  out.push(`# This gateway: ${spec.local}; its peer ${spec.source.name}: ${spec.remote}.`);
  for (const n of notes) out.push(`# ${n}`);
  out.push('# Enable with: rcctl enable isakmpd; rcctl set isakmpd flags -K; rcctl enable ipsec', '');
  return out.concat(macros, body).join('\n') + '\n';
}

/** The gre(4) side of GRE over IPsec, as comment lines: hostname.gre0, the sysctl, and the route to add. */
function greNotes(spec: PeerSpec): string[] {
  const t = spec.tunnel!;
  const res = ['GRE over IPsec: this rule protects the GRE packets of gre0. /etc/hostname.gre0:'];
  if (t.address && t.remoteAddress && t.prefixLength !== undefined) res.push(`  ${t.address} ${t.remoteAddress} netmask ${model.lengthToMask(t.prefixLength)}`);
  res.push(`  tunnel ${spec.local} ${spec.remote}`);
  if (t.key !== undefined) res.push(`  vnetid ${t.key}`);
  if (t.mtu !== undefined) res.push(`  mtu ${t.mtu}`);
  res.push('  up', 'and in /etc/sysctl.conf: net.inet.gre.allow=1');
  if (t.remoteAddress) res.push(`route ${spec.source.name}'s networks via ${t.remoteAddress} (route add NETWORK ${t.remoteAddress})`);
  return res;
}

/**
 * `main auth hmac-sha1 enc aes-256 group modp2048 lifetime 86400`; `auth` left out with an AEAD cipher. A value
 * ipsec.conf cannot name is refused (left out, ipsecctl's default would be negotiated instead and certainly differ).
 */
function phaseClause(keyword: string, phase: 'phase1' | 'phase2', hash: string, enc: string, group: string, lifetime: number): string {
  const what = phase === 'phase1' ? 'phase 1' : 'quick mode';
  const name = (kind: 'auth' | 'enc' | 'group', canonical: string): string => {
    const n = spellingOf(kind, phase, canonical);
    if (!n) throw new GenerateError(`ipsec.conf has no ${what} ${kind} ${canonical}`);
    return `${kind} ${n}`;
  };
  const parts = [keyword];
  if (hash !== 'none') parts.push(name('auth', hash));
  parts.push(name('enc', enc), name('group', group), `lifetime ${lifetime}`);
  return parts.join(' ');
}

/** A selector prefix as ipsec.conf writes it: `any` for /0, a bare address for a host (an address ID), else the prefix. */
function hostText(prefix: string): string {
  const p = model.canonicalPrefix(prefix.includes('/') ? prefix : `${prefix}/${prefix.includes(':') ? 128 : 32}`);
  if (!p) return prefix;
  const [addr, len] = p.split('/');
  if (len === '0') return 'any';
  if ((len === '32' && !addr.includes(':')) || len === '128') return addr;
  return p;
}

function protoWord(p: string): string | undefined {
  const t = p.toLowerCase();
  return t === 'ip' || t === 'all' || t === '0' || t === '' ? undefined : t;
}

/**
 * A key in double quotes (always: an all-digit unquoted psk is rejected). ipsecctl's lexer unescapes only `\"` (a
 * backslash before anything else stays), so only `"` is escaped; a key ending in a backslash or holding a line break
 * cannot be written at all.
 */
function quote(value: string): string {
  if (/\\$|[\r\n]/.test(value)) throw new GenerateError('the pre-shared key cannot be written in ipsec.conf (it ends with a backslash or holds a line break): change it on both ends');
  return `"${value.replace(/"/g, '\\"')}"`;
}
