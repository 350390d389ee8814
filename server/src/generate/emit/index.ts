// Registry of the peer-config emitters (issue 19): one entry per target dialect, with what the target supports so
// extract.ts chooses proposals both ends accept. cisco-ios and cisco-asa live in cisco.ts; routeros6/routeros7 in
// routeros.ts, openbsd in openbsd.ts, bird in bird.ts.
import type { Emitter, TargetCapabilities, TargetId } from '../spec';
import { IOS_CAPS, ASA_CAPS, emitIos, emitAsa } from './cisco';
import { ROUTEROS6_CAPS, ROUTEROS7_CAPS, emitRouterOS6, emitRouterOS7 } from './routeros';
import { OPENBSD_CAPS, emitOpenBSD } from './openbsd';
import { BIRD_CAPS, emitBird } from './bird';

export interface TargetEntry {
  caps: TargetCapabilities;
  emit: Emitter;
}

export const TARGETS: Readonly<Record<TargetId, TargetEntry>> = {
  'cisco-ios': { caps: IOS_CAPS, emit: emitIos },
  'cisco-asa': { caps: ASA_CAPS, emit: emitAsa },
  routeros6: { caps: ROUTEROS6_CAPS, emit: emitRouterOS6 },
  routeros7: { caps: ROUTEROS7_CAPS, emit: emitRouterOS7 },
  openbsd: { caps: OPENBSD_CAPS, emit: emitOpenBSD },
  bird: { caps: BIRD_CAPS, emit: emitBird },
};

export function isTargetId(s: string): s is TargetId {
  return Object.prototype.hasOwnProperty.call(TARGETS, s);
}
