import type { DataSource } from 'typeorm';
import { SubscribeRefusedError, UpstreamError } from '../../errors';
import type { Logger } from '../../logger';
import { jobIds, type BotOutboxJob } from '../../queues';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex } from '../../shared/db-errors';
import type { LearnerNotice } from './notices';

/** Who a user is in chat: the bot's contact bound to their account (ChatBindingService). */
export interface ChatContacts {
  contactForUser(userId: number): Promise<{ contactId: string; contactName: string } | null>;
}

/** The bot's rate-limited outbox (Producers.sendToChat). */
export interface ChatOutbox {
  sendToChat(job: BotOutboxJob, jobId: string): Promise<void>;
}

/** Mini-program subscribe messages (MiniProgramClient); throws SubscribeRefusedError for 43101. */
export interface SubscribeSender {
  sendSubscribeMessage(message: { touser: string; templateId: string; page?: string; data: Record<string, { value: string }> }): Promise<void>;
}

/**
 * A failure no retry will fix: WeChat refused the message itself (unknown openid or template, data
 * outside the template's rules). Anything else (WeChat or MySQL or Redis unreachable) may pass.
 */
export function isPermanentNoticeFailure(err: unknown): boolean {
  return err instanceof UpstreamError && !(err instanceof SubscribeRefusedError);
}

/** Where a notice went: `duplicate` when it had already gone out for this event and user. */
export type NotifyOutcome = 'chat' | 'subscribe' | 'skipped' | 'duplicate';

/**
 * Delivers a notice once per event and learner: in chat when the learner is bound to the bot, else as a
 * subscribe message when they signed in with WeChat, else not at all. Consumers retry their jobs, so
 * every delivery is first written to notifications_sent (unique per kind, event and user); a retry
 * that finds its row sends nothing.
 */
export class NotificationService {
  constructor(
    private readonly ds: DataSource,
    private readonly contacts: ChatContacts,
    private readonly outbox: ChatOutbox,
    private readonly wechat: SubscribeSender,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  async notify(notice: LearnerNotice): Promise<NotifyOutcome> {
    const contact = await this.contacts.contactForUser(notice.userId);
    if (contact) return this.toChat(notice, contact.contactId);
    if (!notice.subscribe) {
      this.logger.debug({ kind: notice.kind, key: notice.key, userId: notice.userId }, 'not bound in chat and no template for this notice: skipped');
      return 'skipped';
    }
    const rows: Array<{ openid: string | null }> = await this.ds.query('SELECT wechat_openid AS openid FROM users WHERE id = ?', [notice.userId]);
    const openid = rows[0]?.openid;
    if (!openid) {
      this.logger.debug({ kind: notice.kind, key: notice.key, userId: notice.userId }, 'neither bound in chat nor signed in with WeChat: skipped');
      return 'skipped';
    }
    return this.toSubscribe(notice, openid);
  }

  /**
   * The outbox job id already keeps a repeat from being queued twice while Redis holds the job; the
   * row keeps it from being queued again after that. Queued first, recorded second: a crash in
   * between leaves no row, and the retry's enqueue is a no-op thanks to the job id.
   */
  private async toChat(notice: LearnerNotice, contactId: string): Promise<NotifyOutcome> {
    if (await this.wasSent(notice)) return 'duplicate';
    await this.outbox.sendToChat({ contactId, text: notice.text }, jobIds.chat(notice.kind, notice.key, notice.userId));
    await this.record(notice, 'chat');
    return 'chat';
  }

  /**
   * Recorded first, sent second: of two racing deliveries only the one whose insert lands sends.
   * A send that fails takes its row back, so the consumer's retry can try again.
   */
  private async toSubscribe(notice: LearnerNotice, openid: string): Promise<NotifyOutcome> {
    const subscribe = notice.subscribe!;
    if (!(await this.record(notice, 'subscribe'))) return 'duplicate';
    try {
      await this.wechat.sendSubscribeMessage({ touser: openid, templateId: subscribe.templateId, page: subscribe.page, data: subscribe.data });
      return 'subscribe';
    } catch (err) {
      await this.forget(notice);
      if (err instanceof SubscribeRefusedError) {
        this.logger.debug({ kind: notice.kind, key: notice.key, userId: notice.userId }, 'learner has not subscribed to this message: skipped');
        return 'skipped';
      }
      throw err;
    }
  }

  private async wasSent(notice: LearnerNotice): Promise<boolean> {
    const rows: unknown[] = await this.ds.query('SELECT 1 FROM notifications_sent WHERE kind = ? AND event_key = ? AND user_id = ?', [
      notice.kind,
      notice.key,
      notice.userId,
    ]);
    return rows.length > 0;
  }

  /** Whether this call wrote the row (false: a delivery of the same notice got there first). */
  private async record(notice: LearnerNotice, channel: 'chat' | 'subscribe'): Promise<boolean> {
    try {
      await this.ds.query('INSERT INTO notifications_sent (kind, event_key, user_id, channel, sent_at) VALUES (?, ?, ?, ?, ?)', [
        notice.kind,
        notice.key,
        notice.userId,
        channel,
        this.clock.now(),
      ]);
      return true;
    } catch (err) {
      // Not INSERT IGNORE: that would also take a missing user or a bad value for "already sent".
      if (duplicateKeyIndex(err) === 'uq_notifications_sent_event') return false;
      throw err;
    }
  }

  private async forget(notice: LearnerNotice): Promise<void> {
    await this.ds.query('DELETE FROM notifications_sent WHERE kind = ? AND event_key = ? AND user_id = ?', [notice.kind, notice.key, notice.userId]);
  }
}
