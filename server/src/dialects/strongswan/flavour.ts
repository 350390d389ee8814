// strongSwan or Libreswan: the stroke format is shared, the defaults and a few keys are not. Told from the content
// (Libreswan-only keys such as `ikev2=`, `phase2alg=`, `protostack=`, `plutodebug=`, `virtual_private=`,
// `version 2.0`, `ikev1-policy=`; strongSwan-only keys such as `charondebug=`, `leftauth=`), strongSwan when
// nothing tells. `keyexchange=` decides nothing either: Libreswan accepts it too (ipsec.conf(5) `keyexchange=`). `authby=secret` is accepted by both, so it decides nothing.

import type { DialectOptions } from '../types';
import type { Flavour } from './proposals';
import type { SwanFile } from './parser';

export interface FlavourInfo {
  flavour: Flavour;
  /** Why: the key that decided, or `default`. */
  reason: string;
}

const LIBRESWAN_KEYS = new Set(['ikev2', 'phase2alg', 'phase2', 'protostack', 'plutodebug', 'virtual_private', 'salifetime', 'leftrsasigkey', 'rightrsasigkey', 'nat_traversal', 'encapsulation', 'narrowing', 'logfile', 'dumpdir', 'leftnexthop', 'rightnexthop', 'pfs', 'ike_frag', 'nhelpers', 'plutostderrlog', 'ikev1-policy', 'logappend', 'logtime']);
const STRONGSWAN_KEYS = new Set(['charondebug', 'leftauth', 'rightauth', 'leftauth2', 'rightauth2', 'eap_identity', 'reauth', 'margintime', 'rekeyfuzz', 'mobike', 'charonstart', 'plutostart', 'leftfirewall', 'rightfirewall', 'closeaction', 'fragmentation', 'aaa_identity']);

export function detectFlavour(tree: SwanFile, options: DialectOptions = {}): FlavourInfo {
  if (options.swanFlavour) return { flavour: options.swanFlavour, reason: 'setting' };
  if (tree.version) return { flavour: 'libreswan', reason: '`version 2.0`' };
  let libre: string | undefined;
  let strong: string | undefined;
  for (const s of tree.sections) {
    for (const st of s.settings) {
      if (!libre && LIBRESWAN_KEYS.has(st.key)) libre = st.key;
      if (!strong && STRONGSWAN_KEYS.has(st.key)) strong = st.key;
    }
  }
  if (libre && !strong) return { flavour: 'libreswan', reason: `\`${libre}=\`` };
  if (strong) return { flavour: 'strongswan', reason: `\`${strong}=\`` };
  return { flavour: 'strongswan', reason: 'default' };
}
