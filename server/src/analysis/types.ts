// Contracts of the analyses: per-device checks, pairwise cross-file checks and workspace-wide checks.
// Analyses import only model/.

import type * as model from '../model';

export interface AnalysisSettings {
  /** `netcfg.weakCrypto`: severity of `ipsec/weak-crypto`, or off. */
  weakCrypto: 'off' | 'warning' | 'error';
}

export const DEFAULT_ANALYSIS_SETTINGS: AnalysisSettings = { weakCrypto: 'warning' };

export interface AnalysisContext {
  settings: AnalysisSettings;
  /**
   * The devices pairing says `uri` may talk to (never `uri` itself), as the service found them: scoped by
   * netcfg.yaml `networks:`, the folder tree and mutual targeting, so two copies of one network reusing the same
   * addresses are never partners. Supplied to workspace checks by the service (memoised per run, O(keys) per call);
   * absent when a test runs checks without a service, and then every device of the workspace may be a partner.
   */
  partners?: (uri: string) => ReadonlySet<string>;
}

/** Looks at one device alone (references, weak crypto, L2TP settings). */
export interface DeviceCheck {
  name: string;
  check(device: model.Device, ctx: AnalysisContext): model.Finding[];
}

/**
 * Looks at two devices that pairing says may talk to each other. Called once per unordered pair;
 * must report on both ends (a finding on each device, each with related information pointing at the other).
 */
export interface PairCheck {
  name: string;
  check(a: model.Device, b: model.Device, ctx: AnalysisContext): model.Finding[];
}

/** Looks at all devices at once; must stay cheap (index-based), since it runs after every edit. */
export interface WorkspaceCheck {
  name: string;
  check(devices: readonly model.Device[], ctx: AnalysisContext): model.Finding[];
}
