// Vocabulary tables and pure helpers of the IOS/ASA lowering: type 7 decoding, IKE/ESP keyword → canonical id
// maps and their reverse, ACL protocol/port words, ACL address text, OSPF area and network-type keywords.
// No state; used by the lowering layers in this folder and by features.ts.

import * as model from '../../../model';
import type { Token } from '../../../syntax';
import { dict } from '../../../model/dict';

/** Cisco type 7 obfuscation table (public, widely documented); type 7 is reversible by design. */
export const TYPE7_XLAT = 'dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87';

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
export const IOS_P1_ENC: Record<string, string> = dict({ des: 'des', '3des': '3des', aes: 'aes-cbc-128', 'aes 128': 'aes-cbc-128', 'aes 192': 'aes-cbc-192', 'aes 256': 'aes-cbc-256' });
export const IOS_P1_HASH: Record<string, string> = dict({ md5: 'md5', sha: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' });
export const P1_AUTH: Record<string, 'psk' | 'rsa-sig' | 'rsa-encr' | 'other'> = dict({ 'pre-share': 'psk', 'rsa-sig': 'rsa-sig', 'rsa-encr': 'rsa-encr', 'ecdsa-sig': 'other', crack: 'other' });
export const IKEV2_ENC: Record<string, string> = dict({
  des: 'des', '3des': '3des', 'aes-cbc-128': 'aes-cbc-128', 'aes-cbc-192': 'aes-cbc-192', 'aes-cbc-256': 'aes-cbc-256',
  'aes-gcm-128': 'aes-gcm-128', 'aes-gcm-256': 'aes-gcm-256',
});
export const IKEV2_INTEG: Record<string, string> = dict({ md5: 'md5', sha1: 'sha1', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512' });
/** Transform-set ESP ciphers; a following 128/192/256 selects the key size. */
export const ESP_ENC: Record<string, string> = dict({ 'esp-des': 'des', 'esp-3des': '3des', 'esp-aes': 'aes-cbc-128', 'esp-gcm': 'aes-gcm-128', 'esp-gmac': 'aes-gmac-128', 'esp-null': 'null', 'esp-seal': 'seal' });
export const ESP_INTEG: Record<string, string> = dict({ 'esp-md5-hmac': 'md5', 'esp-sha-hmac': 'sha1', 'esp-sha256-hmac': 'sha256', 'esp-sha384-hmac': 'sha384', 'esp-sha512-hmac': 'sha512', 'esp-none': 'none' });
export const AH_INTEG: Record<string, string> = dict({ 'ah-md5-hmac': 'md5', 'ah-sha-hmac': 'sha1', 'ah-sha256-hmac': 'sha256', 'ah-sha384-hmac': 'sha384', 'ah-sha512-hmac': 'sha512' });

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

export const PROTOCOLS = new Set(['ip', 'tcp', 'udp', 'icmp', 'gre', 'esp', 'ahp', 'ah', 'ospf', 'eigrp', 'pim', 'igmp', 'ipinip', 'nos', 'pcp', 'sctp', 'icmp6', 'ipv6', 'ipsec', 'snp']);
export const PORT_OPS = new Set(['eq', 'neq', 'lt', 'gt']);

export function looksNumericAddress(t: string): boolean {
  if (t.length === 0) return false;
  const c = t.charCodeAt(0);
  if (!(c >= 48 && c <= 57)) return false;
  for (let i = 0; i < t.length; i++) {
    const d = t.charCodeAt(i);
    if (!((d >= 48 && d <= 57) || d === 46)) return false;
  }
  return true;
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
export function aclSpecLength(words: Token[], i: number): number | undefined {
  const w = words[i]?.text.toLowerCase();
  if (w === undefined) return undefined;
  if (w === 'any' || w === 'any4') return 1;
  if (w === 'host') return words[i + 1] && looksNumericAddress(words[i + 1].text) ? 2 : undefined;
  if (looksNumericAddress(w) && words[i + 1] && looksNumericAddress(words[i + 1].text)) return 2;
  return undefined;
}

export function normalizeArea(text: string): string {
  if (/^\d+$/.test(text)) return model.formatIpv4(Number(text) >>> 0);
  return text;
}

/** An area id as IOS engineers write it: decimal up to 65535 (`area 10`), dotted above; undefined when not an area id. */
export function iosAreaText(id: string): string | undefined {
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
