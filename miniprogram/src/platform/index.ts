/**
 * The platform for this build. Taro resolves `index.h5.ts` instead of this file when building H5, so the
 * mini-program never carries the browser's sandbox cashier, and the browser never calls wx APIs.
 */
export { weappPlatform as platform } from './weapp';
export type { PayOutcome, Platform, PaymentSummary } from './types';
