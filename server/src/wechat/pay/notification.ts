import { DecryptionError, decryptResource } from './aead';
import { NotificationRejectedError } from './errors';
import { notificationEnvelopeSchema, refundNoticeSchema, transactionSchema } from './schemas';
import { type SignatureVerifier, wechatpayHeadersFrom } from './signature-verifier';
import type { WechatPayNotification } from './types';

const REFUND_EVENTS = ['REFUND.SUCCESS', 'REFUND.ABNORMAL', 'REFUND.CLOSED'] as const;
type RefundEvent = (typeof REFUND_EVENTS)[number];

/**
 * Turns a notify request into a notification worth acting on, in the order that keeps forgeries
 * cheap: signature over the raw body first (nothing is parsed before it verifies), then the
 * envelope, then decryption, then the decrypted object's shape.
 */
export function parseNotification(
  deps: { verifier: SignatureVerifier; apiv3Key: string },
  headers: Record<string, string | string[] | undefined>,
  rawBody: string,
): WechatPayNotification {
  const verified = deps.verifier.verify(wechatpayHeadersFrom(headers), rawBody);
  if (!verified.ok) throw new NotificationRejectedError(verified.reason, verified.message);

  const envelope = notificationEnvelopeSchema.safeParse(parseJson(rawBody, 'the body'));
  if (!envelope.success) throw new NotificationRejectedError('format', 'the body is not a WeChat Pay notification');
  const { id, create_time: createTime, event_type: eventType, resource } = envelope.data;
  if (resource.algorithm !== 'AEAD_AES_256_GCM') {
    throw new NotificationRejectedError('format', `unsupported resource algorithm ${resource.algorithm}`);
  }

  let plaintext: string;
  try {
    plaintext = decryptResource(resource, deps.apiv3Key);
  } catch (err) {
    if (err instanceof DecryptionError) throw new NotificationRejectedError('decrypt', err.message);
    throw err;
  }
  const decrypted = parseJson(plaintext, 'the decrypted resource');

  if (eventType === 'TRANSACTION.SUCCESS') {
    const transaction = transactionSchema.safeParse(decrypted);
    if (!transaction.success) throw new NotificationRejectedError('format', 'the decrypted resource is not a transaction');
    // The event names a payment: a transaction in any other state would be a contradiction, not a payment.
    if (transaction.data.trade_state !== 'SUCCESS') {
      throw new NotificationRejectedError('format', `TRANSACTION.SUCCESS carries trade_state ${transaction.data.trade_state}`);
    }
    return { id, eventType, createTime, transaction: transaction.data };
  }
  if (isRefundEvent(eventType)) {
    const refund = refundNoticeSchema.safeParse(decrypted);
    if (!refund.success) throw new NotificationRejectedError('format', 'the decrypted resource is not a refund');
    if (`REFUND.${refund.data.refund_status}` !== eventType) {
      throw new NotificationRejectedError('format', `${eventType} carries refund_status ${refund.data.refund_status}`);
    }
    return { id, eventType, createTime, refund: refund.data };
  }
  throw new NotificationRejectedError('format', `unsupported event_type ${eventType}`);
}

function isRefundEvent(eventType: string): eventType is RefundEvent {
  return (REFUND_EVENTS as readonly string[]).includes(eventType);
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new NotificationRejectedError('format', `${what} is not JSON`);
  }
}
