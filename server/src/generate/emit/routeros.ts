// RouterOS v6 and v7 emitters (owned by gen-targets; stub until then).
import type { PeerSpec, TargetCapabilities } from '../spec';

const common = {
  languageId: 'routeros',
  dialect: 'routeros' as const,
  phase1Encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase1Hash: ['sha512', 'sha256', 'sha1', 'md5'],
  dh: ['ecp521', 'ecp384', 'ecp256', 'modp8192', 'modp6144', 'modp4096', 'modp3072', 'modp2048', 'modp1536', 'modp1024', 'modp768'],
  phase2Encryption: ['aes-gcm-256', 'aes-gcm-128', 'aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase2Integrity: ['sha512', 'sha256', 'sha1', 'md5', 'none'],
  scenarios: ['site-to-site', 'l2tp-client', 'ospf-neighbor'] as const,
  routeBased: false,
  defaultWan: 'ether1',
  defaultLanInterface: 'bridge-lan',
};

export const ROUTEROS6_CAPS: TargetCapabilities = { ...common, id: 'routeros6', label: 'MikroTik RouterOS v6', ikeVersions: [1, 2] };
export const ROUTEROS7_CAPS: TargetCapabilities = { ...common, id: 'routeros7', label: 'MikroTik RouterOS v7', ikeVersions: [1, 2] };

export function emitRouterOS6(spec: PeerSpec): string {
  return `# netcfg: the RouterOS v6 emitter is not written yet (peer ${spec.local})\n`;
}

export function emitRouterOS7(spec: PeerSpec): string {
  return `# netcfg: the RouterOS v7 emitter is not written yet (peer ${spec.local})\n`;
}
