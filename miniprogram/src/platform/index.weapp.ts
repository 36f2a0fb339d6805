export { weappPlatform as platform } from './weapp';
export type { PayOutcome, Platform, PaymentSummary } from './types';
