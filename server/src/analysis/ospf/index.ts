// OSPF, DMVPN and L2TP/IPsec checks (issue 7). Placeholder until they land.
import type { DeviceCheck, PairCheck, WorkspaceCheck } from '../types';

export const OSPF_DEVICE_CHECKS: DeviceCheck[] = [];
export const OSPF_PAIR_CHECKS: PairCheck[] = [];
export const OSPF_WORKSPACE_CHECKS: WorkspaceCheck[] = [];
