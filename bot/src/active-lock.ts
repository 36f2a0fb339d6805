import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import type { Logger } from '@knowpay/server';

/** Extends the lock only while this instance still holds it. */
const RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

export interface ActiveLockOptions {
  key: string;
  ttlMs: number;
  logger: Logger;
  /** Called when the lock is lost while held (Redis lost it, or another instance took it after a long pause). */
  onLost: () => void;
}

/**
 * One WeChat account can be logged in once: only one bot process may be active. The active one holds a
 * Redis key with a short lifetime and renews it every third of it; the others wait, trying to take it
 * as often. A process that dies stops renewing, and a waiting one takes over within the lifetime.
 */
export class ActiveLock {
  readonly id = randomBytes(8).toString('hex');
  private renewal?: NodeJS.Timeout;
  private held = false;

  constructor(
    private readonly redis: Redis,
    private readonly options: ActiveLockOptions,
  ) {}

  /** Resolves once this process holds the lock; `shouldStop` ends the wait (shutdown while waiting). */
  async acquire(shouldStop: () => boolean = () => false): Promise<boolean> {
    const { key, ttlMs, logger } = this.options;
    let told = false;
    while (!shouldStop()) {
      const taken = await this.redis.set(key, this.id, 'PX', ttlMs, 'NX').catch(() => null);
      if (taken === 'OK') {
        this.held = true;
        this.renewal = setInterval(() => void this.renew(), Math.max(100, Math.floor(ttlMs / 3)));
        logger.info({ instance: this.id }, 'this bot instance is the active one');
        return true;
      }
      if (!told) {
        logger.info({ instance: this.id, holder: await this.redis.get(key).catch(() => null) }, 'another bot instance is active: waiting to take over');
        told = true;
      }
      await new Promise((r) => setTimeout(r, Math.max(100, Math.floor(ttlMs / 3))));
    }
    return false;
  }

  async release(): Promise<void> {
    clearInterval(this.renewal);
    if (!this.held) return;
    this.held = false;
    await this.redis.eval(RELEASE, 1, this.options.key, this.id).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    if (!this.held) return;
    let renewed: unknown;
    try {
      renewed = await this.redis.eval(RENEW, 1, this.options.key, this.id, String(this.options.ttlMs));
    } catch (err) {
      // Redis is away: keep going while the lock's lifetime lasts; another instance cannot take it meanwhile.
      this.options.logger.warn({ err: (err as Error).message }, 'could not renew the active-bot lock');
      return;
    }
    if (renewed !== 1) {
      this.held = false;
      clearInterval(this.renewal);
      this.options.logger.error({ instance: this.id }, 'lost the active-bot lock: another instance may be active');
      this.options.onLost();
    }
  }
}
