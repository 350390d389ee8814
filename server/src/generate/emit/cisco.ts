// Cisco IOS/IOS-XE and ASA emitters.
import type { PeerSpec, TargetCapabilities } from '../spec';

export const IOS_CAPS: TargetCapabilities = {
  id: 'cisco-ios',
  label: 'Cisco IOS / IOS-XE',
  dialect: 'cisco-ios',
  languageId: 'cisco-ios',
  ikeVersions: [1, 2],
  phase1Encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase1Hash: ['sha512', 'sha384', 'sha256', 'sha1', 'md5'],
  dh: ['ecp521', 'ecp384', 'ecp256', 'modp4096', 'modp3072', 'modp2048', 'modp1536', 'modp1024', 'modp768'],
  phase2Encryption: ['aes-gcm-256', 'aes-gcm-128', 'aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase2Integrity: ['sha512', 'sha384', 'sha256', 'sha1', 'md5', 'none'],
  scenarios: ['site-to-site', 'dmvpn-spoke', 'ospf-neighbor'],
  routeBased: true,
  defaultWan: 'GigabitEthernet0/0',
  defaultLanInterface: 'GigabitEthernet0/1',
};

export const ASA_CAPS: TargetCapabilities = {
  id: 'cisco-asa',
  label: 'Cisco ASA',
  dialect: 'cisco-asa',
  languageId: 'cisco-asa',
  ikeVersions: [1, 2],
  phase1Encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase1Hash: ['sha512', 'sha384', 'sha256', 'sha1', 'md5'],
  dh: ['ecp521', 'ecp384', 'ecp256', 'modp2048', 'modp1536', 'modp1024'],
  phase2Encryption: ['aes-gcm-256', 'aes-gcm-128', 'aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  phase2Integrity: ['sha512', 'sha384', 'sha256', 'sha1', 'md5', 'none'],
  // ASA IKEv1 transform sets: esp-des/3des/aes/aes-192/aes-256/null with esp-md5-hmac/esp-sha-hmac/esp-none only.
  ikev1Phase2Encryption: ['aes-cbc-256', 'aes-cbc-192', 'aes-cbc-128', '3des', 'des'],
  ikev1Phase2Integrity: ['sha1', 'md5'],
  scenarios: ['site-to-site', 'ospf-neighbor'],
  routeBased: false,
  defaultWan: 'outside',
  defaultLanInterface: 'inside',
};

export function emitIos(spec: PeerSpec): string {
  return `! netcfg: the IOS emitter is being written (peer ${spec.local})\n`;
}

export function emitAsa(spec: PeerSpec): string {
  return `! netcfg: the ASA emitter is being written (peer ${spec.local})\n`;
}
