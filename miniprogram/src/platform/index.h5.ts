export { h5Platform as platform } from './h5';
export type { PayOutcome, Platform, PaymentSummary } from './types';
