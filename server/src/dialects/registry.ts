// One entry per dialect, and dialect detection by file name and content.
// Adding a dialect touches its folder and one line here.

import type * as model from '../model';
import { asaDialect } from './asa';
import { birdDialect } from './bird';
import { iosDialect } from './ios';
import { openbsdDialect } from './openbsd';
import { routerosDialect } from './routeros';
import { classifyIpsecConf, strongswanDialect } from './strongswan';
import type { Dialect } from './types';

export const DIALECTS: readonly Dialect<any>[] = [iosDialect, asaDialect, routerosDialect, openbsdDialect, birdDialect, strongswanDialect];

export function dialectById(id: model.DialectId): Dialect<any> {
  const d = DIALECTS.find((it) => it.id === id);
  if (!d) throw new Error(`unknown dialect ${id}`);
  return d;
}

/** Dialect fixed by the file name alone, or undefined for generic names (`*.cfg`, `*.conf`, `*.txt`, none). */
export function dialectByFileName(fileName: string): model.DialectId | undefined {
  const base = fileName.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  if (base.endsWith('.ios') || base.endsWith('.cisco')) return 'cisco-ios';
  if (base.endsWith('.asa')) return 'cisco-asa';
  if (base.endsWith('.rsc')) return 'routeros';
  if (base === 'ipsec.conf' || base.endsWith('.ipsec.conf')) return 'openbsd-ipsec';
  if (base === 'swanctl.conf' || base.endsWith('.swanctl.conf') || base === 'ipsec.secrets' || base.endsWith('.ipsec.secrets')) return 'strongswan';
  if (base === 'bird.conf' || base === 'bird6.conf' || base.endsWith('.bird')) return 'bird';
  return undefined;
}

function isIpsecConfName(fileName: string): boolean {
  const base = fileName.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  return base === 'ipsec.conf' || base.endsWith('.ipsec.conf');
}

/** Names we try to detect from content. Anything else (e.g. `.json`, `.md`) is never a config. */
export function isGenericConfigName(fileName: string): boolean {
  const base = fileName.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  if (!base.includes('.')) return true;
  return /\.(cfg|conf|txt|config|rtr)$/.test(base);
}

export interface Detection {
  dialect?: model.DialectId;
  /** How it was decided, for the information message when nothing matched. */
  reason: string;
}

/** Why an `ipsec.conf` whose content is neither OpenBSD's nor strongSwan/Libreswan's is skipped. */
export const IPSEC_CONF_SKIP_REASON =
  'this ipsec.conf is neither OpenBSD ipsec.conf (ike/flow rules, macros) nor strongSwan/Libreswan (config setup, conn sections)';

/**
 * Decides a file's dialect: override, then file name, then content. Never guesses below the threshold.
 * One exception: OpenBSD and strongSwan/Libreswan share the file name ipsec.conf (and so the editor's language id
 * `openbsd-ipsec`): the content tells them apart, over both the name and the language id (`conn`/`config setup`
 * sections are strongSwan, `ike`/`flow` rules and macros OpenBSD). An ipsec.conf that is neither is skipped, never
 * parsed as the wrong one; one with nothing but comments stays with its name's dialect.
 */
export function detectDialect(fileName: string, text: string, override?: model.DialectId): Detection {
  const byName = override ? undefined : dialectByFileName(fileName);
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  const chosen = override ?? byName;
  if (chosen === 'openbsd-ipsec' || (chosen === 'strongswan' && isIpsecConfName(fileName))) {
    const kind = classifyIpsecConf(head);
    if (kind === 'strongswan') return { dialect: 'strongswan', reason: 'content (strongSwan/Libreswan ipsec.conf)' };
    if (kind === 'openbsd') return { dialect: 'openbsd-ipsec', reason: override ? 'override' : 'file name' };
    if (kind === 'neither' && (!override || isIpsecConfName(fileName))) return { reason: IPSEC_CONF_SKIP_REASON };
  }
  if (override) return { dialect: override, reason: 'override' };
  if (byName) return { dialect: byName, reason: 'file name' };
  if (!isGenericConfigName(fileName)) return { reason: 'not a config file name' };
  let best: { id: model.DialectId; score: number } | undefined;
  for (const d of DIALECTS) {
    const score = d.detect(head);
    if (score > 0.5 && (!best || score > best.score)) best = { id: d.id, score };
  }
  return best ? { dialect: best.id, reason: 'content' } : { reason: 'content did not match any dialect' };
}
