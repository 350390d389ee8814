// IPsec/IKE cross-file checks (issue 6). Placeholder until they land.
import type { DeviceCheck, PairCheck, WorkspaceCheck } from '../types';

export const IPSEC_DEVICE_CHECKS: DeviceCheck[] = [];
export const IPSEC_PAIR_CHECKS: PairCheck[] = [];
export const IPSEC_WORKSPACE_CHECKS: WorkspaceCheck[] = [];
