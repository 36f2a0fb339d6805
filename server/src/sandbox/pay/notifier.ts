import { type KeyObject, createPrivateKey, randomUUID } from 'node:crypto';
import type { Logger } from '../../logger';
import type { Clock } from '../clock';
import type { SandboxCredentials } from '../credentials';
import { encryptResource } from './aead';
import { chinaRfc3339 } from './china-time';
import type { PayEvents } from './pay.state';
import { wechatpayHeaders } from './signatures';

/** WeChat's waits between notification attempts after the first one fails: 15 more attempts over about a day. */
export const NOTIFY_RETRY_SCHEDULE_MS = [
  15_000, 15_000, 30_000, 180_000, 600_000, 1_200_000, 1_800_000, 1_800_000, 1_800_000, 3_600_000, 10_800_000, 10_800_000,
  10_800_000, 21_600_000, 21_600_000,
] as const;
/** How long WeChat waits for a merchant to answer before counting the attempt as failed. */
export const NOTIFY_TIMEOUT_MS = 5_000;
/** The delivery log keeps this many attempts, oldest dropped first, so a long-running demo stays small. */
const MAX_LOGGED_ATTEMPTS = 5_000;

export interface Notification {
  url: string;
  eventType: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS';
  summary: string;
  /** original_type and associated_data both name the resource: "transaction" or "refund". */
  resourceType: 'transaction' | 'refund';
  resource: object;
  outTradeNo: string;
  outRefundNo?: string;
}

/** One attempt to deliver a notification, as GET /sandbox/pay/notifications shows it. */
export interface DeliveryAttempt {
  notification_id: string;
  event_type: Notification['eventType'];
  out_trade_no: string;
  out_refund_no?: string;
  attempt: number;
  at: string;
  url: string;
  /** The merchant's HTTP status, or null when no answer came (see error). */
  status: number | null;
  error: string | null;
  outcome: 'received' | 'will_retry' | 'gave_up';
  /** The scaled wait before the next attempt, when there is one. */
  retry_in_ms?: number;
}

export interface NotifierOptions {
  credentials: Pick<SandboxCredentials, 'apiv3_key' | 'wechatpay_private_key' | 'wechatpay_public_key_id'>;
  clock: Clock;
  logger: Logger;
  /** Multiplies the retry schedule: 1 is WeChat's own pace, tests and demos compress it. */
  scale?: number;
}

interface Delivery {
  id: string;
  notification: Notification;
  body: Buffer;
}

/**
 * Sends WeChat Pay notifications: the resource encrypted with the APIv3 key, the body signed like
 * an answer, each attempt signed afresh so a late retry is still inside the merchant's 5-minute
 * window. Only a 2xx status counts as received; anything else is retried on WeChat's schedule.
 */
export class Notifier {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly aborter = new AbortController();
  private readonly attempts: DeliveryAttempt[] = [];
  private readonly privateKey: KeyObject;
  private readonly scale: number;
  private stopped = false;

  constructor(private readonly opts: NotifierOptions) {
    this.privateKey = createPrivateKey(opts.credentials.wechatpay_private_key);
    this.scale = opts.scale ?? 1;
  }

  /** Queues a notification; the first attempt starts right away, without the caller waiting for it. */
  send(notification: Notification): string {
    const now = this.opts.clock.now();
    const id = randomUUID();
    const envelope = {
      id,
      create_time: chinaRfc3339(now),
      resource_type: 'encrypt-resource',
      event_type: notification.eventType,
      summary: notification.summary,
      resource: {
        original_type: notification.resourceType,
        ...encryptResource(this.opts.credentials.apiv3_key, notification.resourceType, JSON.stringify(notification.resource)),
      },
    };
    // The same bytes go out on every attempt: a retry repeats the notification, it is not a new one.
    this.schedule({ id, notification, body: Buffer.from(JSON.stringify(envelope), 'utf8') }, 1, 0);
    return id;
  }

  /** Delivery attempts, oldest first, optionally for one out_trade_no. */
  history(outTradeNo?: string): DeliveryAttempt[] {
    return outTradeNo === undefined ? [...this.attempts] : this.attempts.filter((a) => a.out_trade_no === outTradeNo);
  }

  /** Cancels pending retries and in-flight requests; nothing is sent afterwards. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.aborter.abort();
  }

  private schedule(delivery: Delivery, attempt: number, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async attempt(delivery: Delivery, attempt: number): Promise<void> {
    const { notification, body } = delivery;
    const at = this.opts.clock.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(notification.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Mozilla/4.0',
          ...wechatpayHeaders(this.privateKey, this.opts.credentials.wechatpay_public_key_id, at, body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(NOTIFY_TIMEOUT_MS)]),
      });
      status = res.status;
      // Only the status counts; the body is read so the connection can be reused.
      await res.arrayBuffer();
    } catch (err) {
      error = describeFailure(err);
    }
    if (this.stopped) return;

    const received = status !== null && status >= 200 && status < 300;
    const wait = NOTIFY_RETRY_SCHEDULE_MS[attempt - 1];
    const retryInMs = wait === undefined ? undefined : Math.round(wait * this.scale);
    const outcome = received ? 'received' : retryInMs === undefined ? 'gave_up' : 'will_retry';
    this.record({
      notification_id: delivery.id,
      event_type: notification.eventType,
      out_trade_no: notification.outTradeNo,
      ...(notification.outRefundNo === undefined ? {} : { out_refund_no: notification.outRefundNo }),
      attempt,
      at: chinaRfc3339(at),
      url: notification.url,
      status,
      error,
      outcome,
      ...(outcome === 'will_retry' ? { retry_in_ms: retryInMs } : {}),
    });

    const fields = { notificationId: delivery.id, eventType: notification.eventType, outTradeNo: notification.outTradeNo, attempt, status, error };
    if (received) this.opts.logger.info(fields, 'notification received');
    else if (outcome === 'gave_up') this.opts.logger.warn(fields, 'notification not received after the whole retry schedule; giving up');
    else this.opts.logger.warn({ ...fields, retryInMs }, 'notification not received; will retry');
    if (outcome === 'will_retry' && retryInMs !== undefined) this.schedule(delivery, attempt + 1, retryInMs);
  }

  private record(entry: DeliveryAttempt): void {
    this.attempts.push(entry);
    if (this.attempts.length > MAX_LOGGED_ATTEMPTS) this.attempts.splice(0, this.attempts.length - MAX_LOGGED_ATTEMPTS);
  }
}

/** The merchant-facing events of the pay state, turned into notifications. */
export function notifyingEvents(notifier: Notifier): PayEvents {
  return {
    transactionSucceeded(transaction, url) {
      notifier.send({
        url,
        eventType: 'TRANSACTION.SUCCESS',
        summary: '支付成功',
        resourceType: 'transaction',
        resource: transaction,
        outTradeNo: transaction.out_trade_no,
      });
    },
    refundSucceeded(notice, url) {
      notifier.send({
        url,
        eventType: 'REFUND.SUCCESS',
        summary: '退款成功',
        resourceType: 'refund',
        resource: notice,
        outTradeNo: notice.out_trade_no,
        outRefundNo: notice.out_refund_no,
      });
    },
  };
}

function describeFailure(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.name === 'TimeoutError') return `no answer within ${NOTIFY_TIMEOUT_MS} ms`;
  const cause = (err as { cause?: unknown }).cause;
  const code = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : undefined;
  return code ? `${err.message}: ${code}` : err.message;
}
