// Content detection of the strongSwan/Libreswan family: stroke ipsec.conf (told apart from OpenBSD's ipsec.conf,
// which shares the file name), ipsec.secrets and swanctl.conf (vici). No LSP, no file system.

import { detectIpsecConf, looksLikeSwanIpsecConf } from '../openbsd';
/** An indented `key=value` parameter line (`\tleft=192.0.2.1`, `  authby=secret`). */
const PARAM = /^[ \t]+[A-Za-z][\w-]*[ \t]*=/m;
/** An ipsec.secrets entry: `selectors : TYPE secret`. */
const SECRET = /^[^#\n{}=]*:[ \t]*(?:PSK|RSA|ECDSA|EAP|XAUTH|NTLM|P12|PIN|BLISS|PKCS8|PPK)\b/im;
/** Top-level swanctl.conf sections (vici). */
const VICI = /^[ \t]*(?:connections|secrets|pools|authorities)[ \t]*\{/m;

/**
 * True when `text` is a strongSwan/Libreswan stroke ipsec.conf: a section header and no OpenBSD rule line
 * (`ike …`/`flow …`). OpenBSD has no `conn`/`config`/`ca` keyword, and a macro named so is written `conn = "…"`.
 */
export function looksLikeStroke(text: string): boolean {
  return looksLikeSwanIpsecConf(text);
}

/** Confidence for generic file names (`*.conf`, `*.txt`): stroke, secrets or vici by their hallmarks. */
export function detectStrongswan(text: string): number {
  if (looksLikeStroke(text)) return PARAM.test(text) ? 0.9 : 0.7;
  if (VICI.test(text) && /\b(?:remote_addrs|local_addrs|children|esp_proposals|local_ts|remote_ts)\b/.test(text)) return 0.9;
  if (SECRET.test(text) && !/^(?:crypto |interface |hostname |\/ip |protocol |router )/m.test(text)) return 0.6;
  return 0;
}

/**
 * How an `ipsec.conf` is told apart: `strongswan` for a stroke file, `openbsd` when it has OpenBSD rules or
 * macros and no stroke section, `empty` when it has nothing but comments and blank lines, `neither` otherwise (the
 * service skips it with `detect/unknown-dialect`).
 */
export function classifyIpsecConf(text: string): 'strongswan' | 'openbsd' | 'empty' | 'neither' {
  if (looksLikeStroke(text)) return 'strongswan';
  if (detectIpsecConf(text) > 0) return 'openbsd';
  let significant = false;
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.replace(/(^|[ \t])#.*$/, '').trim();
    if (!line) continue;
    significant = true;
    // OpenBSD macros (`gw = "192.0.2.1"`, `net="10.0.0.0/8"`), include, `set` options and rule continuations.
    if (/^[A-Za-z_][\w]*[ \t]*=/.test(line) || /^include[ \t]/.test(line) || /^set[ \t]/.test(line) || /^(?:ike|flow|sa|esp|ah|ipcomp|ipip|tcpmd5)\b/.test(line)) return 'openbsd';
  }
  return significant ? 'neither' : 'empty';
}
