import type Redis from 'ioredis';
import type { CacheInvalidations } from '../domain/catalog/catalog-cache';
import type { Logger } from '../logger';

/**
 * Cache invalidations between processes over Redis pub/sub. A message is `{"course": 12}` or `{}` for
 * everything. Pub/sub does not keep messages for a subscriber that is away, so the channel is `live`
 * only while subscribed; every (re)subscription tells the listener to drop everything it holds.
 */
export class RedisInvalidations implements CacheInvalidations {
  private subscribed = false;
  private closed = false;

  private constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel: string,
    private readonly logger: Logger,
  ) {}

  /** `subscriber` becomes a subscriber-only connection owned by this object (closed by close()). */
  static start(publisher: Redis, subscriber: Redis, channel: string, onMessage: (courseId?: number) => void, logger: Logger): RedisInvalidations {
    const self = new RedisInvalidations(publisher, subscriber, channel, logger);
    subscriber.on('error', (err: Error) => logger.warn({ err: err.message }, 'cache invalidation channel problem'));
    const down = () => {
      if (self.subscribed) logger.warn({ channel }, 'cache invalidation channel lost: caching off until it is back');
      self.subscribed = false;
      onMessage();
    };
    subscriber.on('close', down);
    subscriber.on('end', down);
    // ioredis subscribes again by itself after a reconnect; 'ready' comes after that.
    subscriber.on('ready', () => {
      if (self.closed) return;
      self.subscribe(onMessage).catch(() => undefined);
    });
    subscriber.on('message', (from: string, text: string) => {
      if (from !== channel) return;
      onMessage(parseCourse(text));
    });
    if (subscriber.status === 'ready') void self.subscribe(onMessage).catch(() => undefined);
    return self;
  }

  get live(): boolean {
    return this.subscribed && !this.closed;
  }

  async publish(courseId?: number): Promise<void> {
    try {
      await this.publisher.publish(this.channel, JSON.stringify(courseId === undefined ? {} : { course: courseId }));
    } catch (err) {
      // Redis is down: the other processes lost their subscriptions too and start empty when it is back.
      this.logger.warn({ err: (err as Error).message, course: courseId }, 'could not publish a cache invalidation');
    }
  }

  close(): void {
    this.closed = true;
    this.subscribed = false;
    this.subscriber.disconnect();
  }

  private async subscribe(onMessage: (courseId?: number) => void): Promise<void> {
    await this.subscriber.subscribe(this.channel);
    // Anything cached before this moment may have missed a message.
    onMessage();
    this.subscribed = true;
  }
}

function parseCourse(text: string): number | undefined {
  try {
    const message = JSON.parse(text) as { course?: unknown };
    return typeof message.course === 'number' ? message.course : undefined;
  } catch {
    return undefined;
  }
}
