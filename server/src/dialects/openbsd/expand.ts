// Rule expansion as ipsecctl does it (parse.y `expand_rule`, `expand_any`, `set_rule_peers`, `reverse_rule`):
// `{}` lists become the cartesian product of source and destination, `any` becomes 0.0.0.0/0 and ::/0 and only
// same-family pairs survive, and the peer defaults to the destination host. Pure functions over the parsed rule.

import * as model from '../../model';
import type { HostSyntax, RuleSyntax } from './parser';

export interface ExpandedPair {
  src: HostSyntax;
  dst: HostSyntax;
}

/** `any` as ipsecctl expands it: one IPv4 and one IPv6 wildcard. */
function expandAny(h: HostSyntax): HostSyntax[] {
  if (!h.any) return [h];
  return [
    { ...h, written: '0.0.0.0/0', family: 4, address: '0.0.0.0', prefixLength: 0, netaddress: true },
    { ...h, written: '::/0', family: 6, address: '::', prefixLength: 0, netaddress: true },
  ];
}

/** Source × destination pairs of a rule. `familyMismatch` is set when lists were given but no pair survives. */
export function expandPairs(rule: RuleSyntax): { pairs: ExpandedPair[]; familyMismatch: boolean } {
  const hs = rule.hosts;
  if (!hs || hs.src.length === 0 || hs.dst.length === 0) return { pairs: [], familyMismatch: false };
  if (hs.src.length === 1 && hs.dst.length === 1 && !hs.src[0].any && !hs.dst[0].any) {
    // One source and one destination, neither `any` (nearly every rule): no lists to build.
    const s = hs.src[0];
    const d = hs.dst[0];
    if (s.family && d.family && s.family !== d.family) return { pairs: [], familyMismatch: true };
    return { pairs: [{ src: s, dst: d }], familyMismatch: false };
  }
  const pairs: ExpandedPair[] = [];
  for (const s of hs.src.flatMap(expandAny)) {
    for (const d of hs.dst.flatMap(expandAny)) {
      if (s.family && d.family && s.family !== d.family) continue;
      pairs.push({ src: s, dst: d });
    }
  }
  return { pairs: pairs.slice(), familyMismatch: pairs.length === 0 }; // exact size: Setters keep the pairs
}

/** The text ipsecctl prints for a host: IPv4 as written, IPv6 normalised with /len unless /128, names as written. */
export function hostText(h: HostSyntax): string {
  if (h.family === 6 && h.address !== undefined) return h.prefixLength !== undefined && h.prefixLength !== 128 ? `${h.address}/${h.prefixLength}` : h.address;
  return h.written;
}

/** CIDR of a host for selectors (`10.0.0.1` → `10.0.0.1/32`); names stay as written. */
export function hostPrefix(h: HostSyntax): string {
  if (h.address !== undefined && h.family === 4) {
    // IPv4 without the string round trip and BigInt of `canonicalPrefix` (one call per selector side).
    const a = model.parseIpv4(h.address);
    const len = h.prefixLength ?? 32;
    if (a !== undefined && Number.isInteger(len) && len >= 0 && len <= 32) {
      const net = len === 0 ? 0 : (a & (~0 << (32 - len))) >>> 0;
      return `${net === a ? h.address : model.formatIpv4(net)}/${len}`;
    }
  }
  if (h.address !== undefined) return model.canonicalPrefix(`${h.address}/${h.prefixLength ?? (h.family === 6 ? 128 : 32)}`) ?? h.written;
  return h.written;
}

/**
 * The remote gateway of one expanded pair (set_rule_peers): the `peer` host; else the destination when it is a
 * host (not a network); `peer any` or nothing usable means the default peer (undefined here).
 */
export function pairPeer(rule: RuleSyntax, pair: ExpandedPair, direction: 'in' | 'out' = 'out'): { host: HostSyntax; implicit: boolean } | undefined {
  const p = rule.peer?.host;
  if (p) return p.any ? undefined : { host: p, implicit: false };
  const remote = direction === 'in' ? pair.src : pair.dst;
  return remote.netaddress ? undefined : { host: remote, implicit: true };
}

/** One flow as `ipsecctl -nv` prints it, e.g. `flow esp out from 1.1.1.1 to 2.2.2.2 peer 2.2.2.2 type require`. */
export function renderFlows(rule: RuleSyntax): string[] {
  if (rule.type !== 'flow') return [];
  const satype = rule.satype?.value ?? 'esp';
  const type = rule.flowType?.value?.value ?? (satype === 'ipcomp' || satype === 'ipip' ? 'use' : 'require');
  const noPeer = type === 'deny' || type === 'bypass';
  const sport = rule.hosts?.srcPort?.value?.value;
  const dport = rule.hosts?.dstPort?.value?.value;
  const line = (dir: string, src: HostSyntax, dst: HostSyntax, sp: string | undefined, dp: string | undefined, peer: HostSyntax | undefined) => {
    let res = `flow ${satype} ${dir}`;
    if (rule.proto?.value) res += ` proto ${rule.proto.value.value}`;
    res += ` from ${hostText(src)}${sp ? ` port ${sp}` : ''} to ${hostText(dst)}${dp ? ` port ${dp}` : ''}`;
    if (!noPeer) {
      if (rule.local?.host) res += ` local ${hostText(rule.local.host)}`;
      if (peer) res += ` peer ${hostText(peer)}`;
      if (rule.srcid?.value) res += ` srcid ${rule.srcid.value.value}`;
      if (rule.dstid?.value) res += ` dstid ${rule.dstid.value.value}`;
    }
    return `${res} type ${type}`;
  };
  const out: string[] = [];
  for (const pair of expandPairs(rule).pairs) {
    const dir = (rule.dir?.value as 'in' | 'out' | undefined) ?? 'out';
    // set_rule_peers runs on the forward rule; reverse_rule copies its peer and local.
    const peer = pairPeer(rule, pair, dir)?.host;
    out.push(line(dir, pair.src, pair.dst, sport, dport, peer));
    if (!rule.dir) out.push(line('in', pair.dst, pair.src, dport, sport, peer));
  }
  return out;
}
