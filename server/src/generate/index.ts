// Generating the other end of a tunnel or link (issue 19): the service's two entry points. Reads the source device
// through the service (model only) and renders the target dialect with the registry's emitter.
// Imports only model/, generate/ and the service's type.

import * as model from '../model';
import type { LanguageService } from '../service';
import { TARGETS } from './emit';
import { extractSpec, peerCandidates, type PeerCandidate } from './extract';
import { GenerateError, type GenerateOptions, type PeerSpec, type TargetCapabilities } from './spec';

export type { PeerCandidate } from './extract';
export { GenerateError } from './spec';
export type { GenerateOptions, PeerSpec, TargetId, UserFacts } from './spec';

type Svc = Pick<LanguageService, 'getDevice' | 'addressOwners' | 'partners'>;

export interface GeneratedPeer {
  text: string;
  spec: PeerSpec;
  /** The target's netcfg dialect and VS Code language id. */
  caps: TargetCapabilities;
}

/**
 * The statements of `uri` whose other end has no device in the workspace: IPsec peers whose address nobody owns
 * (as pairing chooses owners), OSPF links no other device shares, and every DMVPN hub and L2TP/IPsec server (one
 * more spoke or client can always be added). Each with a default peer address no device owns.
 */
export function unpairedPeers(svc: Svc, uri: string): PeerCandidate[] {
  const device = svc.getDevice(uri);
  if (!device) return [];
  const taken = (a: string) => svc.addressOwners(a).length > 0;
  const partnerPrefixes = new Set<string>();
  for (const p of svc.partners(uri)) for (const o of svc.getDevice(p)?.ospfInterfaces ?? []) if (o.prefix) partnerPrefixes.add(o.prefix);
  return peerCandidates(device, taken).filter((c) => {
    if (c.kind === 'ipsec') return svc.addressOwners(c.address, uri).length === 0;
    if (c.kind === 'ospf-link') {
      const o = device.ospfInterfaces.find((x) => x.prefix && model.prefixContains(x.prefix, `${c.address}/32`));
      return !!o?.prefix && !partnerPrefixes.has(o.prefix);
    }
    return true;
  });
}

/** The config of the device at `peer`, generated from the device of `uri`. Throws GenerateError with a one-line reason. */
export function generatePeer(svc: Svc, uri: string, peer: string, options: GenerateOptions): GeneratedPeer {
  const device = svc.getDevice(uri);
  if (!device) throw new GenerateError(`${uri} is not a config netcfg reads`);
  const entry = TARGETS[options.target];
  if (!entry) throw new GenerateError(`unknown target dialect '${options.target}'`);
  const spec = extractSpec(device, peer, options, (a) => svc.addressOwners(a).length > 0);
  return { text: entry.emit(spec), spec, caps: entry.caps };
}
