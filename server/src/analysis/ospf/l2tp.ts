// L2TP/IPsec on RouterOS (interop-rules §6): the server's `ipsec-secret` must equal the secret of an explicit
// wildcard IPsec peer/identity that answers the same L2TP clients, and an enabled L2TP server should use IPsec.
// One device at a time. Imports only model/.

import * as model from '../../model';
import type { DeviceCheck } from '../types';
import { at, run } from './common';

/** An explicit RouterOS responder peer that accepts any address (`address=0.0.0.0/0`, `passive=yes`). */
function isWildcardResponder(p: model.IpsecPeer): boolean {
  if (p.kind !== 'routeros' || p.remote !== undefined || p.role === 'initiator') return false;
  if (p.remoteAny === undefined) return true;
  const any = model.canonicalPrefix(p.remoteAny);
  return any === '0.0.0.0/0' || any === '::/0';
}

export const l2tpCheck: DeviceCheck = {
  name: 'l2tp',
  check(device) {
    const res: model.Finding[] = [];
    for (const server of device.l2tp) {
      if (!server.enabled.value) continue;
      if (server.useIpsec.value === 'no') {
        const fixes: model.FixIntent[] = [];
        const required = run(server.useIpsec.set, 'required');
        if (required) fixes.push({ title: 'Require IPsec for L2TP clients (use-ipsec=required)', edits: required, isPreferred: true });
        const yes = run(server.useIpsec.set, 'yes');
        if (yes) fixes.push({ title: 'Offer IPsec to L2TP clients (use-ipsec=yes)', edits: yes });
        res.push({
          uri: device.uri,
          range: at(server.useIpsec, at(server.enabled, server.range)),
          severity: 'warning',
          code: 'l2tp/ipsec-disabled',
          message: `The L2TP server is enabled without IPsec (use-ipsec=${server.useIpsec.value}${server.useIpsec.range ? '' : `, ${server.useIpsec.default ?? 'default'}`}): PPP credentials and traffic cross the network unencrypted`,
          related: [],
          fixes,
        });
      }
      const own = server.ipsecSecret;
      if (!own || server.useIpsec.value === 'no') continue;
      for (const peer of device.ipsecPeers) {
        if (!isWildcardResponder(peer) || !peer.psk) continue;
        const cmp = model.compareSecrets(own.secret, peer.psk.secret);
        if (cmp !== 'different' && cmp !== 'case-or-space') continue;
        const detail = cmp === 'case-or-space' ? ' (they differ only in letter case, quotes or spaces, which still counts)' : '';
        const serverFix = peer.psk.secret.plain !== undefined ? run(own.set, peer.psk.secret.plain) : undefined;
        const peerFix = own.secret.plain !== undefined ? run(peer.psk.set, own.secret.plain) : undefined;
        const fixes = (selfTitle: string, self: model.Edit[] | undefined, otherTitle: string, other: model.Edit[] | undefined): model.FixIntent[] => {
          const f: model.FixIntent[] = [];
          if (self) f.push({ title: selfTitle, edits: self, isPreferred: true });
          if (other) f.push({ title: otherTitle, edits: other });
          return f;
        };
        res.push({
          uri: device.uri,
          range: own.secret.range,
          severity: 'error',
          code: 'l2tp/ipsec-secret-mismatch',
          message: `L2TP ipsec-secret ${model.maskSecret(own.secret)} differs from the secret ${model.maskSecret(peer.psk.secret)} of ${peer.label}, which answers the same clients${detail}: clients configured with one secret fail phase 1 against the other`,
          related: [{ uri: device.uri, range: peer.psk.secret.range, message: `secret of ${peer.label}` }],
          fixes: fixes(`Make this side match ${peer.label}`, serverFix, `Make ${peer.label} match this side`, peerFix),
        });
        res.push({
          uri: device.uri,
          range: peer.psk.secret.range,
          severity: 'error',
          code: 'l2tp/ipsec-secret-mismatch',
          message: `The secret ${model.maskSecret(peer.psk.secret)} of ${peer.label} differs from the L2TP server's ipsec-secret ${model.maskSecret(own.secret)}${detail}: L2TP clients must use one secret, and this peer answers them too`,
          related: [{ uri: device.uri, range: own.secret.range, message: 'L2TP server ipsec-secret' }],
          fixes: fixes('Make this side match the L2TP ipsec-secret', peerFix, 'Make the L2TP ipsec-secret match this side', serverFix),
        });
      }
    }
    return res;
  },
};
