// BIRD 2 emitter (OSPF neighbour; owned by gen-targets; stub until then).
import type { PeerSpec, TargetCapabilities } from '../spec';

export const BIRD_CAPS: TargetCapabilities = {
  id: 'bird',
  label: 'BIRD 2 (OSPF)',
  dialect: 'bird',
  languageId: 'bird',
  ikeVersions: [],
  phase1Encryption: [],
  phase1Hash: [],
  dh: [],
  phase2Encryption: [],
  phase2Integrity: [],
  scenarios: ['ospf-neighbor'],
  routeBased: false,
  defaultWan: 'eth0',
  defaultLanInterface: 'eth1',
};

export function emitBird(spec: PeerSpec): string {
  return `# netcfg: the BIRD emitter is not written yet (peer ${spec.local})\n`;
}
