import { AppError } from '../../errors';

/**
 * A payment notification or query that does not fit our order (another merchant or app, an unknown
 * out_trade_no, a different amount): nothing changes, it is logged as an anomaly and refused.
 */
export class PaymentMismatchError extends AppError {
  override name = 'PaymentMismatchError';
  readonly status = 400;
  readonly code = 'PAYMENT_MISMATCH';
}

/** The provider reports a payment in progress (USERPAYING): try again later. */
export class PaymentInProgressError extends Error {
  override name = 'PaymentInProgressError';
}
