// Canonical algorithm ids and platform facts shared by lowering and analyses.
// Source: ../shared/docs/crypto-vocabulary.json and interop-rules.md (the [Sn] markers refer to that list).
import { dict } from './dict';


/** DH group number → canonical id [S1][S14][S2]. */
export const DH_GROUPS: Readonly<Record<string, string>> = dict({
  '1': 'modp768',
  '2': 'modp1024',
  '5': 'modp1536',
  '14': 'modp2048',
  '15': 'modp3072',
  '16': 'modp4096',
  '17': 'modp6144',
  '18': 'modp8192',
  '19': 'ecp256',
  '20': 'ecp384',
  '21': 'ecp521',
  '24': 'modp2048s256',
  '26': 'ecp224',
  '27': 'bp224',
  '28': 'bp256',
  '29': 'bp384',
  '30': 'bp512',
});

/** Canonical DH id → group number, for messages like `group 2 (modp1024)`. */
export const DH_NUMBERS: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(DH_GROUPS).map(([n, c]) => [c, n]));

export function dhLabel(canonical: string): string {
  const n = DH_NUMBERS[canonical];
  return n ? `${canonical} (group ${n})` : canonical;
}

/** Weak algorithms (DES, 3DES, MD5, DH 1/2/5/24, null/GMAC-only ESP) — refused by default by IOS-XE 17.11.1+ [S16]. */
export const WEAK_ENCRYPTION: ReadonlySet<string> = new Set(['des', '3des', 'null', 'aes-gmac-128', 'aes-gmac-192', 'aes-gmac-256']);
export const WEAK_HASH: ReadonlySet<string> = new Set(['md5', 'keyed-md5']);
export const WEAK_DH: ReadonlySet<string> = new Set(['modp768', 'modp1024', 'modp1536', 'modp2048s256']);

/** OpenBSD `aes` without a key size: offers AES-128, accepts 128–256 [S2]. */
export const AES_ANY = 'aes-cbc-any';

/** Whether two canonical encryption ids can agree (handles `aes-cbc-any`). */
export function encryptionCompatible(a: string, b: string): boolean {
  if (a === b) return true;
  const cbc = /^aes-cbc-(128|192|256)$/;
  return (a === AES_ANY && cbc.test(b)) || (b === AES_ANY && cbc.test(a));
}
