import { randomInt } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { ConflictError } from '../../errors';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex, isDeadlock, retryOnDeadlock } from '../../shared/db-errors';
import { User } from '../users/user.entity';
import { BindingCode } from './binding-code.entity';
import { ChatBinding } from './chat-binding.entity';

/** A fresh code meets an unused one with odds of (unused codes) in a million; this many in a row means something else is wrong. */
const ISSUE_ATTEMPTS = 5;
/** Two binds racing for the same user or contact: the loser's transaction is rolled back and tried again. */
const BIND_ATTEMPTS = 3;

export interface ChatContact {
  contactId: string;
  contactName: string;
  boundAt: Date;
}

/**
 * Links a chat contact to a platform user. The signed-in user asks for a six-digit code in the
 * mini-program and sends it to the bot; the bot, which only knows the contact, calls `bind`.
 */
export class ChatBindingService {
  constructor(
    private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly opts: { codeTtlSeconds: number },
  ) {}

  /** A new single-use code; the user's earlier unused codes stop working, so only the latest one shown counts. */
  async issueCode(userId: number): Promise<{ code: string; expiresAt: Date }> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.opts.codeTtlSeconds * 1000);
    for (let attempt = 1; ; attempt++) {
      const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
      try {
        // A DELETE by a secondary index locks the gaps it finds empty, and two learners asking for codes at
        // the same moment then deadlock on their inserts. So: the learner's own row serializes their requests,
        // plain reads find what to delete, and only rows that exist are deleted, by primary key.
        await retryOnDeadlock(() =>
          this.ds.transaction(async (m) => {
            await m.query('SELECT id FROM users WHERE id = ? FOR UPDATE', [userId]);
            // The learner's unused codes, and an expired, never used code of someone else that still holds these digits.
            const stale: Array<{ id: number }> = await m.query(
              'SELECT id FROM binding_codes WHERE (user_id = ? AND used_at IS NULL) OR (active_code = ? AND expires_at <= ?)',
              [userId, code, now],
            );
            if (stale.length) await m.query('DELETE FROM binding_codes WHERE id IN (?)', [stale.map((r) => r.id)]);
            await m.getRepository(BindingCode).insert({ userId, code, expiresAt });
          }),
        );
        return { code, expiresAt };
      } catch (err) {
        if (duplicateKeyIndex(err) !== 'uq_binding_codes_active' || attempt === ISSUE_ATTEMPTS) throw err;
      }
    }
  }

  /**
   * Links the contact to the code's user and uses the code up. Latest wins: the contact leaves any other
   * user it was bound to, and the user leaves any other contact. Unknown, used and expired codes are
   * refused alike, so a guesser learns nothing about which codes exist.
   */
  async bind(input: { contactId: string; contactName: string; code: string }): Promise<User> {
    if (!/^\d{6}$/.test(input.code)) throw invalidCode();
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.ds.transaction((m) => this.bindOnce(m, input));
      } catch (err) {
        if (!isRetryableRace(err) || attempt === BIND_ATTEMPTS) throw err;
      }
    }
  }

  private async bindOnce(m: EntityManager, input: { contactId: string; contactName: string; code: string }): Promise<User> {
    const now = this.clock.now();
    const [row] = (await m.query('SELECT id, user_id FROM binding_codes WHERE active_code = ? AND expires_at > ? FOR UPDATE', [input.code, now])) as Array<{
      id: number;
      user_id: number;
    }>;
    if (!row) throw invalidCode();
    // The conditional update is what makes the code single-use, whatever else runs at the same time.
    const used: { affectedRows: number } = await m.query('UPDATE binding_codes SET used_at = ? WHERE id = ? AND used_at IS NULL', [now, row.id]);
    if (used.affectedRows !== 1) throw invalidCode();
    const user = await m.getRepository(User).findOne({ where: { id: row.user_id }, lock: { mode: 'pessimistic_write' } });
    if (!user) throw invalidCode();
    await m.query('DELETE FROM chat_bindings WHERE user_id = ? OR contact_id = ?', [user.id, input.contactId]);
    await m.getRepository(ChatBinding).insert({ userId: user.id, contactId: input.contactId, contactName: input.contactName, boundAt: now });
    return user;
  }

  async userForContact(contactId: string): Promise<User | null> {
    const binding = await this.ds.getRepository(ChatBinding).findOne({ where: { contactId }, relations: { user: true } });
    return binding?.user ?? null;
  }

  /** The contact bound to the user, with when they bound (for the mini-program's profile page). */
  async contactForUser(userId: number): Promise<ChatContact | null> {
    const binding = await this.ds.getRepository(ChatBinding).findOneBy({ userId });
    return binding ? { contactId: binding.contactId, contactName: binding.contactName, boundAt: binding.boundAt } : null;
  }

  async unbind(userId: number): Promise<void> {
    await this.ds.getRepository(ChatBinding).delete({ userId });
  }
}

function invalidCode(): ConflictError {
  return new ConflictError('the binding code is wrong, used or expired: get a new one in the mini-program', 'BINDING_CODE_INVALID');
}

/** A deadlock, or a duplicate binding inserted by a concurrent bind between our delete and insert. */
function isRetryableRace(err: unknown): boolean {
  if (isDeadlock(err)) return true;
  const index = duplicateKeyIndex(err);
  return index === 'uq_chat_bindings_user' || index === 'uq_chat_bindings_contact';
}
