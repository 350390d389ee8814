// OpenBSD ipsec.conf emitter (owned by gen-targets; stub until then).
import type { PeerSpec, TargetCapabilities } from '../spec';

export const OPENBSD_CAPS: TargetCapabilities = {
  id: 'openbsd',
  label: 'OpenBSD ipsec.conf (isakmpd)',
  dialect: 'openbsd-ipsec',
  languageId: 'openbsd-ipsec',
  ikeVersions: [1],
  phase1Encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase1Hash: ['sha512', 'sha384', 'sha256', 'sha1', 'md5'],
  dh: ['ecp521', 'ecp384', 'ecp256', 'modp8192', 'modp6144', 'modp4096', 'modp3072', 'modp2048', 'modp1536', 'modp1024', 'modp768'],
  phase2Encryption: ['aes-gcm-256', 'aes-gcm-128', 'aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase2Integrity: ['sha512', 'sha384', 'sha256', 'sha1', 'md5', 'none'],
  scenarios: ['site-to-site'],
  routeBased: false,
  defaultWan: 'em0',
  defaultLanInterface: 'em1',
};

export function emitOpenBSD(spec: PeerSpec): string {
  return `# netcfg: the OpenBSD emitter is not written yet (peer ${spec.local})\n`;
}
