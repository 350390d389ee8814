// IPsec/IKE cross-file checks: tunnel pairing, negotiation verdicts on both ends, weak crypto, hover and lenses.
// Imports only model/ and analysis/.
import { registerSummaryProvider } from '../summary';
import type { DeviceCheck, PairCheck, WorkspaceCheck } from '../types';
import { ipsecPairCheck, weakCryptoCheck } from './checks';
import { ipsecSummaryProvider } from './summary';

export { matchPeers, keyFor, type PeerMatch } from './match';
export { negotiate, type Verdict } from './negotiate';
export { tunnelFindings } from './checks';
export { lensTitle, tunnelMarkdown, ipsecSummaryProvider } from './summary';

export const IPSEC_DEVICE_CHECKS: DeviceCheck[] = [weakCryptoCheck];
export const IPSEC_PAIR_CHECKS: PairCheck[] = [ipsecPairCheck];
export const IPSEC_WORKSPACE_CHECKS: WorkspaceCheck[] = [];

registerSummaryProvider(ipsecSummaryProvider);
