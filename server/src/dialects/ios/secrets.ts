// Which arguments of a Cisco IOS/ASA command are secrets, by the keyword before them. One rule for every
// display and scan: the outline masks them, semantic tokens dim them, the reference scan never counts them as
// uses of a same-named object. Depends only on the token store's type.

import { lowerCase, type IosTokenStore } from './store';

/** Keywords whose next argument (after an optional single-digit encryption type) is a secret. */
const SECRET_BEFORE = new Set(['password', 'secret', 'key', 'key-string', 'pre-shared-key', 'authentication-key', 'md5', 'community']);
/** Words that follow a SECRET_BEFORE keyword as a keyword of their own, never a secret. */
const NOT_SECRET = new Set(['generate', 'zeroize', 'chain', 'config-key', 'pubkey-chain', 'import', 'export', 'encryption', 'md5', 'sha', 'hash', 'level', 'view', 'ro', 'rw', 'address', 'hostname', 'encrypted', 'unencrypted', 'text']);

/** Indexes of the secret arguments of one command's words, given the mode the command was parsed in. */
export function secretArgs(words: string[], mode: string, path: readonly string[] = []): number[] {
  const lw = words.map((w) => w.toLowerCase());
  // The command's keywords as the parser resolved them: IOS takes abbreviations (`ip nhrp au K`, `username u pass K`
  // is not one: only the path is resolved), so a secret after an abbreviated keyword is still found.
  for (let i = 0; i < path.length && i < lw.length; i++) lw[i] = path[i].toLowerCase();
  const res: number[] = [];
  // Not secrets: a GRE key is an id, `crypto key …` manages RSA keys, `key N` in a key chain is a key id.
  if ((lw[0] === 'tunnel' && lw[1] === 'key') || (lw[0] === 'crypto' && lw[1] === 'key') || (lw[0] === 'key' && (lw[1] === 'chain' || mode === 'key-chain'))) return res;
  for (let i = 0; i < lw.length - 1; i++) {
    let j = -1;
    if (SECRET_BEFORE.has(lw[i])) {
      j = i + 1;
      if (/^[0-9]$/.test(lw[j]) && j + 1 < lw.length) j++;
    } else if (lw[i] === 'authentication' && lw[i - 1] === 'nhrp') j = i + 1; // `ip nhrp authentication STRING`
    else if (lw[i] === 'auth' && /^(md5|sha|sha-?\d+)$/.test(lw[i + 1] ?? '') && i + 2 < lw.length) j = i + 2;
    else if (lw[i] === 'priv' && /^(des|3des|aes)$/.test(lw[i + 1] ?? '')) j = /^(128|192|256)$/.test(lw[i + 2] ?? '') ? i + 3 : i + 2;
    // `pre-shared-key local|remote K` (IKEv2 keyrings): the key follows the direction.
    if (j > 0 && lw[i] === 'pre-shared-key' && (lw[j] === 'local' || lw[j] === 'remote') && j + 1 < lw.length) j++;
    if (j < 0 || j >= lw.length || NOT_SECRET.has(lw[j]) || SECRET_BEFORE.has(lw[j])) continue;
    res.push(j);
    i = j;
  }
  return res;
}

/** Words after which `secretArgs` may find a secret (any case). */
const TRIGGERS = new Set([...SECRET_BEFORE, 'auth', 'priv', 'authentication']);

/** The triggers by length, lower case (`mayHoldSecretIn` compares a word with those of its length in place). */
const TRIGGERS_BY_LENGTH: string[][] = [];
for (const t of TRIGGERS) (TRIGGERS_BY_LENGTH[t.length] ??= []).push(t);

/**
 * Whether `src[start, start + len)` equals the lower-case ASCII `t` ignoring ASCII case; undefined when the word has
 * a non-ASCII character (`toLowerCase` may map one to ASCII: the caller then lower-cases the text).
 */
function equalsIgnoringCase(src: string, start: number, t: string): boolean | undefined {
  let equal = true;
  for (let j = 0; j < t.length; j++) {
    let c = src.charCodeAt(start + j);
    if (c > 127) return undefined;
    if (c >= 65 && c <= 90) c += 32;
    if (c !== t.charCodeAt(j)) equal = false;
  }
  return equal;
}

/** `mayHoldSecret` of the words `[first, first + count)` of a token store, read in place (nothing sliced). */
export function mayHoldSecretIn(store: IosTokenStore, first: number, count: number, path: readonly string[] = []): boolean {
  for (let k = 0; k < path.length; k++) if (TRIGGERS.has(path[k])) return true;
  const src = store.source;
  const { starts, ends } = store;
  for (let i = first; i < first + count; i++) {
    const start = starts[i];
    const len = ends[i] - start;
    if (len < 3 || len > 18) continue;
    const c = src.charCodeAt(start) | 32;
    if (c !== 97 && c !== 99 && c !== 107 && c !== 109 && c !== 112 && c !== 115) continue;
    const candidates = TRIGGERS_BY_LENGTH[len];
    if (candidates === undefined) continue;
    for (let k = 0; k < candidates.length; k++) {
      const eq = equalsIgnoringCase(src, start, candidates[k]);
      if (eq === true) return true;
      if (eq === undefined) {
        // A non-ASCII character: decide as `mayHoldSecret` does, on the lower-cased text.
        const t = store.text(i);
        if (TRIGGERS.has(t) || TRIGGERS.has(lowerCase(t))) return true;
        break;
      }
    }
  }
  return false;
}

/** Whether `secretArgs` can find anything in these words: false for almost every line, without lower-casing them all. */
export function mayHoldSecret(words: readonly { text: string }[], path: readonly string[] = []): boolean {
  // The resolved keywords (an abbreviated `ip nhrp au`, `ip ospf authentication-k`) are triggers too.
  for (const k of path) if (TRIGGERS.has(k)) return true;
  for (const w of words) {
    const t = w.text;
    if (t.length < 3 || t.length > 18) continue;
    // Every trigger starts with a, c, k, m, p or s (either case): most words are ruled out without a lookup.
    const c = t.charCodeAt(0) | 32;
    if (c !== 97 && c !== 99 && c !== 107 && c !== 109 && c !== 112 && c !== 115) continue;
    if (TRIGGERS.has(t) || TRIGGERS.has(t.toLowerCase())) return true;
  }
  return false;
}
