// Every analysis, in one list per shape. Adding a check touches analysis/ only: its file and one line here.

import { referenceCheck } from './references';
import type { DeviceCheck, PairCheck, WorkspaceCheck } from './types';

export const DEVICE_CHECKS: readonly DeviceCheck[] = [referenceCheck];

export const PAIR_CHECKS: readonly PairCheck[] = [];

export const WORKSPACE_CHECKS: readonly WorkspaceCheck[] = [];
