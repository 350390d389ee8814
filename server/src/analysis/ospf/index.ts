// OSPF, DMVPN and L2TP/IPsec checks (issue 7): will each OSPF adjacency and each DMVPN tunnel come up, and is the
// RouterOS L2TP server's IPsec consistent. Registers the OSPF hover/lens provider. Imports only model/ and analysis/.
import { registerSummaryProvider } from '../summary';
import type { DeviceCheck, PairCheck, WorkspaceCheck } from '../types';
import { ospfAdjacencyCheck } from './adjacency';
import { dmvpnHubP2pCheck, dmvpnMulticastCheck, dmvpnPairCheck } from './dmvpn';
import { l2tpCheck } from './l2tp';
import { ospfSummaryProvider } from './summary';
import { duplicateRouterIdCheck, noDrEligibleCheck } from './workspace';

export { areNeighbours, ospfLinks, type OspfLink } from './links';
export { networkTypeVerdict, predictTimers } from './adjacency';

export const OSPF_DEVICE_CHECKS: DeviceCheck[] = [l2tpCheck, dmvpnMulticastCheck, dmvpnHubP2pCheck];
export const OSPF_PAIR_CHECKS: PairCheck[] = [ospfAdjacencyCheck, dmvpnPairCheck];
export const OSPF_WORKSPACE_CHECKS: WorkspaceCheck[] = [duplicateRouterIdCheck, noDrEligibleCheck];

registerSummaryProvider(ospfSummaryProvider);
