// Every analysis, in one list per shape. Adding a check touches analysis/ only: its file and its area's index.

import { IPSEC_DEVICE_CHECKS, IPSEC_PAIR_CHECKS, IPSEC_WORKSPACE_CHECKS } from './ipsec';
import { OSPF_DEVICE_CHECKS, OSPF_PAIR_CHECKS, OSPF_WORKSPACE_CHECKS } from './ospf';
import { referenceCheck } from './references';
import type { DeviceCheck, PairCheck, WorkspaceCheck } from './types';

export const DEVICE_CHECKS: readonly DeviceCheck[] = [referenceCheck, ...IPSEC_DEVICE_CHECKS, ...OSPF_DEVICE_CHECKS];

export const PAIR_CHECKS: readonly PairCheck[] = [...IPSEC_PAIR_CHECKS, ...OSPF_PAIR_CHECKS];

export const WORKSPACE_CHECKS: readonly WorkspaceCheck[] = [...IPSEC_WORKSPACE_CHECKS, ...OSPF_WORKSPACE_CHECKS];
