// One entry per dialect, and dialect detection by file name and content.
// Adding a dialect touches its folder and one line here.

import type * as model from '../model';
import { asaDialect } from './asa';
import { birdDialect } from './bird';
import { iosDialect } from './ios';
import { looksLikeSwanIpsecConf, openbsdDialect, SWAN_SKIP_REASON } from './openbsd';
import { routerosDialect } from './routeros';
import type { Dialect } from './types';

export const DIALECTS: readonly Dialect<any>[] = [iosDialect, asaDialect, routerosDialect, openbsdDialect, birdDialect];

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
  if (base === 'bird.conf' || base === 'bird6.conf' || base.endsWith('.bird')) return 'bird';
  return undefined;
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

/**
 * Decides a file's dialect: override, then file name, then content. Never guesses below the threshold.
 * One exception: a strongSwan/Libreswan ipsec.conf shares OpenBSD's file name (and so the editor's language id);
 * its content wins over both, and the file is skipped rather than parsed as OpenBSD.
 */
export function detectDialect(fileName: string, text: string, override?: model.DialectId): Detection {
  const byName = override ? undefined : dialectByFileName(fileName);
  const head = text.length > 65536 ? text.slice(0, 65536) : text;
  if ((override ?? byName) === 'openbsd-ipsec' && looksLikeSwanIpsecConf(head)) return { reason: SWAN_SKIP_REASON };
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
