import type { Clock } from '@knowpay/server';

export interface PendingQuestion {
  text: string;
  /** The courses offered when the learner was asked to choose one, in the order shown. */
  choices?: Array<{ courseId: number; name: string }>;
}

interface Entry extends PendingQuestion {
  expiresAt: number;
}

/** How long "转给老师" still refers to the question the bot could not answer. */
export const PENDING_TTL_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 10_000;

/**
 * The last unanswered question of each contact, kept for a few minutes in memory: a restart forgets
 * them, which costs a learner nothing more than asking again.
 */
export class PendingQuestions {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = PENDING_TTL_MS,
  ) {}

  remember(contactId: string, question: PendingQuestion): void {
    // Re-inserting moves the contact to the end, so the oldest entry is always first.
    this.entries.delete(contactId);
    this.entries.set(contactId, { ...question, expiresAt: this.clock.now().getTime() + this.ttlMs });
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  get(contactId: string): PendingQuestion | undefined {
    const entry = this.entries.get(contactId);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.clock.now().getTime()) {
      this.entries.delete(contactId);
      return undefined;
    }
    return { text: entry.text, choices: entry.choices };
  }

  forget(contactId: string): void {
    this.entries.delete(contactId);
  }
}
