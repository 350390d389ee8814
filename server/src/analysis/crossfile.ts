// What pairing and the pair and workspace checks read of a device's interfaces, for a batch check's cross-file
// model (service.ts `forCrossFile`): a fleet router's ~130 interfaces were ~80% of its model, and most are a LAN or
// customer sub-interface that only owns an address. Those reads are:
// - every interface address (pairing's owned keys, `pairing/ambiguous-peer`'s related ranges, the IPsec checks'
//   owned-address sets): `model.interfaceAddresses` / `model.interfaceAddressRange`, from `Device.addressTable`;
// - the tunnels (pairing, DMVPN, IPsec `tunnel protection`), whatever their names;
// - the interfaces looked up by name or ASA nameif (ospf/common.ts `interfacesByName`, `interfaceNamed`): an OSPF
//   interface's, a tunnel's `tunnel source`, an IKE peer's local interface, and the parent of each of these and of
//   each tunnel (`Gi0/0` of `Gi0/0.10`, whose shutdown shuts it).
// The uniqueRouterIdFix of ospf/workspace.ts reads all interfaces too, but only to offer a fix, and a batch model has
// no Setters. A check that reads another interface must add it here (test/unit/crossfile.test.ts compares findings).
// Imports only model/.

import * as model from '../model';

/** The interfaces the cross-file checks look up, in model order, and every interface address as a table. */
export function crossFileInterfaces(device: model.Device): { interfaces: model.Interface[]; addressTable: model.AddressTable } {
  const all = device.interfaces;
  const named = new Set<string>();
  for (const o of device.ospfInterfaces) named.add(o.interfaceName);
  for (const p of device.ipsecPeers) if (p.localInterface !== undefined) named.add(p.localInterface);
  for (const itf of all) if (itf.tunnel?.sourceInterface !== undefined) named.add(itf.tunnel.sourceInterface);
  const keep = new Uint8Array(all.length);
  // A kept interface's parent is looked up too (by name or nameif); parents of parents make another round.
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < all.length; i++) {
      const itf = all[i];
      if (keep[i] || !(itf.tunnel || itf.kind === 'tunnel' || named.has(itf.name) || (itf.nameif !== undefined && named.has(itf.nameif)))) continue;
      keep[i] = 1;
      const dot = itf.name.lastIndexOf('.');
      if (dot > 0 && !named.has(itf.name.slice(0, dot))) {
        named.add(itf.name.slice(0, dot));
        changed = true;
      }
    }
  }
  const interfaces: model.Interface[] = [];
  for (let i = 0; i < all.length; i++) if (keep[i]) interfaces.push(all[i]);
  return { interfaces, addressTable: model.addressTableOf(device) };
}
