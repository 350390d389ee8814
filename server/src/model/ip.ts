// IPv4/IPv6 address and prefix arithmetic on canonical text forms, shared by lowering and analyses.
// Pure functions, no dependencies.

/** Parses an IPv4 address to a 32-bit unsigned number, or undefined. */
export function parseIpv4(text: string): number | undefined {
  const v = ipv4At(text, 0, text.length);
  return v < 0 ? undefined : v;
}

/**
 * `text[start, end)` as an IPv4 address (a 32-bit unsigned number), or -1: the scan of `parseIpv4` in place, so a
 * caller holding a larger string (an `A.B.C.D/LEN` prefix) slices nothing.
 */
export function ipv4At(text: string, start: number, end: number): number {
  // Dotted quad, 1-3 decimal digits per octet, each at most 255 (a hand-written scan: called for every word that may be an address).
  const n = end - start;
  if (n < 7 || n > 15) return -1;
  let res = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || dots === 3) return -1;
      res = res * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (digits === 3) return -1;
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else return -1;
  }
  if (dots !== 3 || digits === 0) return -1;
  return res * 256 + octet;
}

/**
 * Whether a text `parseIpv4` accepts is already in `formatIpv4`'s form: no octet has a leading zero. Then the text
 * itself is the canonical form and no new string is made (most addresses of a config are written canonically).
 */
function canonicalIpv4Text(text: string): boolean {
  let prev = 46;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c === 48 && prev === 46 && text.charCodeAt(i + 1) !== 46) return false;
    prev = c;
  }
  return true;
}

/** The canonical text of an IPv4 address (`010.0.0.1` → `10.0.0.1`; a canonical text is returned as is), or undefined. */
export function canonicalIpv4(text: string): string | undefined {
  const v4 = ipv4At(text, 0, text.length);
  if (v4 < 0) return undefined;
  return canonicalIpv4Text(text) ? text : formatIpv4(v4);
}

export function formatIpv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** Parses an IPv6 address to a bigint, or undefined. Accepts `::` compression and an embedded IPv4 tail. */
export function parseIpv6(text: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return undefined;
  let head = text;
  let tailV4: number | undefined;
  const lastColon = text.lastIndexOf(':');
  if (text.indexOf('.', lastColon) > 0) {
    tailV4 = parseIpv4(text.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    head = text.slice(0, lastColon + 1) + '0:0';
  }
  const parts = head.split('::');
  if (parts.length > 2) return undefined;
  const left = parts[0] ? parts[0].split(':') : [];
  const right = parts.length === 2 && parts[1] ? parts[1].split(':') : [];
  const missing = 8 - left.length - right.length;
  if (parts.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...left, ...Array(parts.length === 2 ? missing : 0).fill('0'), ...right];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) | BigInt(parseInt(g, 16));
  }
  if (tailV4 !== undefined) n = (n & ~0xffffffffn) | BigInt(tailV4);
  return n;
}

export function formatIpv6(n: bigint): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  // Longest run of zero groups (length >= 2) becomes `::`.
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLen).join(':')}`;
}

export type IpFamily = 4 | 6;

export interface Prefix {
  family: IpFamily;
  /** Network address as a bigint (IPv4 in the low 32 bits). */
  network: bigint;
  length: number;
}

/** Canonical form of an address (`010.0.0.1` → `10.0.0.1`, IPv6 compressed lower case), or undefined. */
export function canonicalAddress(text: string): string | undefined {
  const v4 = ipv4At(text, 0, text.length);
  if (v4 >= 0) return canonicalIpv4Text(text) ? text : formatIpv4(v4);
  const v6 = parseIpv6(text);
  return v6 === undefined ? undefined : formatIpv6(v6);
}

export function isAddress(text: string): boolean {
  return canonicalAddress(text) !== undefined;
}

/** Parses `A.B.C.D/len`, `A.B.C.D` (host), or IPv6 forms, into a prefix with host bits cleared. */
export function parsePrefix(text: string): Prefix | undefined {
  const slash = text.indexOf('/');
  const p4 = ipv4PrefixOf(text, slash);
  if (p4 >= 0) {
    const length = p4 % 64;
    return { family: 4, network: BigInt(Math.floor(p4 / 64)), length };
  }
  if (p4 === -2) return undefined;
  const addr = slash < 0 ? text : text.slice(0, slash);
  const lenText = slash < 0 ? undefined : text.slice(slash + 1);
  const v4 = parseIpv4(addr);
  if (v4 !== undefined) {
    const length = lenText === undefined ? 32 : Number(lenText);
    if (!Number.isInteger(length) || length < 0 || length > 32 || (lenText !== undefined && !/^\d+$/.test(lenText))) return undefined;
    return { family: 4, network: BigInt(v4) & maskBits(4, length), length };
  }
  const v6 = parseIpv6(addr);
  if (v6 !== undefined) {
    const length = lenText === undefined ? 128 : Number(lenText);
    if (!Number.isInteger(length) || length < 0 || length > 128 || (lenText !== undefined && !/^\d+$/.test(lenText))) return undefined;
    return { family: 6, network: v6 & maskBits(6, length), length };
  }
  return undefined;
}

/** The 32-bit mask of an IPv4 prefix length 0–32 (signed: compare with `>>> 0`). */
function v4Mask(length: number): number {
  return length === 0 ? 0 : -1 << (32 - length);
}

/**
 * An IPv4 prefix text (`A.B.C.D/LEN`, or `A.B.C.D` for a host; `slash` is the index of its `/` or -1) as
 * `network * 64 + length` (host bits cleared), in place; -1 when the address part is not IPv4, -2 when it is but
 * the length is not 0–32 in decimal digits (`parsePrefix` then says undefined, as before).
 */
function ipv4PrefixOf(text: string, slash: number): number {
  const addrEnd = slash < 0 ? text.length : slash;
  const v4 = ipv4At(text, 0, addrEnd);
  if (v4 < 0) return -1;
  let length = 32;
  if (slash >= 0) {
    if (slash + 1 >= text.length) return -2;
    length = 0;
    for (let i = slash + 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) return -2;
      length = Math.min(length * 10 + (c - 48), 1000);
    }
    if (length > 32) return -2;
  }
  return ((v4 & v4Mask(length)) >>> 0) * 64 + length;
}

function maskBits(family: IpFamily, length: number): bigint {
  const width = family === 4 ? 32n : 128n;
  if (length === 0) return 0n;
  return ((1n << BigInt(length)) - 1n) << (width - BigInt(length));
}

export function formatPrefix(p: Prefix): string {
  const addr = p.family === 4 ? formatIpv4(Number(p.network)) : formatIpv6(p.network);
  return `${addr}/${p.length}`;
}

/** Canonical CIDR text (`192.168.0.5/24` → `192.168.0.0/24`), or undefined. */
export function canonicalPrefix(text: string): string | undefined {
  const p = parsePrefix(text);
  return p && formatPrefix(p);
}

/** Dotted mask (`255.255.255.0`) → length, or undefined when not contiguous. */
export function maskToLength(mask: string): number | undefined {
  const n = parseIpv4(mask);
  if (n === undefined) return undefined;
  const inv = ~n >>> 0;
  if ((inv & (inv + 1)) !== 0) return undefined;
  return 32 - Math.log2(inv + 1);
}

/** Cisco wildcard (`0.0.0.255`) → length, or undefined when not contiguous. */
export function wildcardToLength(wildcard: string): number | undefined {
  const n = parseIpv4(wildcard);
  if (n === undefined) return undefined;
  if ((n & (n + 1)) !== 0) return undefined;
  return 32 - Math.log2(n + 1);
}

export function lengthToMask(length: number): string {
  return formatIpv4(Number(maskBits(4, length)));
}

/** Whether `inner` (address or prefix text) lies inside `outer` (prefix text). */
export function prefixContains(outer: string, inner: string): boolean {
  // IPv4 on both sides (nearly every call): plain numbers, no prefix objects or bigints.
  const o4 = ipv4PrefixOf(outer, outer.indexOf('/'));
  const i4 = o4 >= 0 ? ipv4PrefixOf(inner, inner.indexOf('/')) : -1;
  if (o4 >= 0 && i4 >= 0) {
    const ol = o4 % 64;
    const il = i4 % 64;
    if (il < ol) return false;
    return (Math.floor(i4 / 64) & v4Mask(ol)) >>> 0 === Math.floor(o4 / 64);
  }
  if (o4 === -2 || (o4 >= 0 && i4 === -2)) return false;
  const o = parsePrefix(outer);
  const i = parsePrefix(inner);
  if (!o || !i || o.family !== i.family || i.length < o.length) return false;
  return (i.network & maskBits(o.family, o.length)) === o.network;
}

/** The prefix of an interface address: `10.0.0.1` + 24 → `10.0.0.0/24`. */
export function networkOf(address: string, length: number): string | undefined {
  if (Number.isInteger(length) && length >= 0 && length <= 32) {
    const v4 = ipv4At(address, 0, address.length);
    if (v4 >= 0) return `${formatIpv4((v4 & v4Mask(length)) >>> 0)}/${length}`;
  }
  return canonicalPrefix(`${address}/${length}`);
}

export function sameAddress(a: string, b: string): boolean {
  const ca = canonicalAddress(a);
  return ca !== undefined && ca === canonicalAddress(b);
}
