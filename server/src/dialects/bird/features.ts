// Editor features of the BIRD dialect computed from the tree alone: content detection, outline and folding.
// Imports nothing but syntax/, dialects/types and this dialect's files.

import type { SyntaxNode, Token } from '../../syntax';
import type { BirdInfo } from './analyze';
import { unquote } from './analyze';

/** A parsed BIRD document: the structural tree plus what the analysis extracted. */
export interface BirdTree extends SyntaxNode {
  info: BirdInfo;
}

/**
 * Confidence that `text` is a BIRD config. Looks for BIRD's block statements at the start of a line
 * (`protocol ospf … {`, `router id 1.2.3.4;`, `filter x {`, `ipv4 {`, `define X =`) and for `;`-terminated
 * statements; IOS (`router ospf 1` without `;`), RouterOS (`/routing ospf`) and OpenBSD (`ike esp from`) lack them.
 */
export function detectBird(text: string): number {
  let score = 0;
  if (/^[ \t]*protocol[ \t]+(device|direct|kernel|static|ospf|bgp|rip|babel|bfd|rpki|pipe|radv)\b[^\n;]*\{/m.test(text)) score += 0.6;
  if (/^[ \t]*router[ \t]+id[ \t]+\d+\.\d+\.\d+\.\d+[ \t]*;/m.test(text)) score += 0.4;
  if (/^[ \t]*filter[ \t]+\w+[ \t]*\r?\n?[ \t]*\{/m.test(text)) score += 0.3;
  if (/^[ \t]*function[ \t]+\w+[ \t]*\(/m.test(text)) score += 0.3;
  if (/^[ \t]*ipv[46][ \t]*\{/m.test(text)) score += 0.3;
  if (/^[ \t]*define[ \t]+\w+[ \t]*=/m.test(text)) score += 0.3;
  if (/^[ \t]*log[ \t]+(syslog|stderr|")/m.test(text)) score += 0.2;
  if (/^[ \t]*template[ \t]+(bgp|ospf|kernel|static|direct|device|rip|babel|bfd|pipe|rpki|radv)[ \t]+\w+[^\n;]*\{/m.test(text)) score += 0.5;
  // The filter language: route attributes and set matches.
  if (/\b(bgp_(path|community|large_community|ext_community|local_pref|med|next_hop)|ospf_metric[12]|net\.len|source[ \t]*=[ \t]*RTS_)\b|\bnet[ \t]*~[ \t]*\[/.test(text)) score += 0.3;
  if (/^[ \t]*include[ \t]+"[^"\n]*"[ \t]*;/m.test(text)) score += 0.2;
  if ((text.match(/^[ \t]*define[ \t]+\w+[ \t]*=/gm)?.length ?? 0) >= 3) score += 0.3;
  if (/^[ \t]*interface[ \t]+"[^"\n]*"[^\n]*[{;]/m.test(text)) score += 0.2;
  // Strong signs of other dialects.
  if (/^\/(ip|interface|routing|system)\b/m.test(text)) score -= 1;
  if (/^(hostname|interface [A-Z]\w*\d|crypto (isakmp|map|ikev[12])|ASA Version|: Saved)/m.test(text)) score -= 1;
  if (/^[ \t]*ike[ \t]+(esp|ah|passive|active|dynamic)\b/m.test(text)) score -= 1;
  return Math.max(0, Math.min(1, score));
}

const kindOfName = (t: Token | undefined) => (t ? unquote(t.text) : '');

export { birdOutline, birdFolding } from './outline';

export { kindOfName };
