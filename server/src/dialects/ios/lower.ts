// Lowers an IOS tree into the neutral model (model.Device): interfaces, tunnels/NHRP, OSPF (effective per-interface
// values with IOS defaults), IKE/IPsec (crypto maps, dynamic maps, tunnel protection), keys, ACL selectors, SNMP,
// and the definitions/references behind ref/undefined and ref/unused. Writes Setters that render new values as edits.
// ASA lowering extends IosLowering. The code lives in lower/, one file per concern (state and helpers in core.ts);
// this module re-exports its public names.

export { decodeType7, iosEncryptionKeyword, iosHashKeyword, iosTransforms, aclAddressText, ospfTypeKeyword, asaEncryptionKeyword } from './lower/tables';
export type { AclEntry, AclInfo, MapEntry, TransformSet, Phase1Info, OspfIfSettings, IfaceInfo, OspfProcInfo } from './lower/core';
export { IosIpsecFixSetters, type IpsecFixHost } from './lower/ipsec';
export { IosLowering, lowerIos } from './lower/references';
