/**
 * The catalog's read cache, one per process: list pages and per-course detail (summary + syllabus).
 *
 * Correctness rules:
 * - Every change that a catalog reader must see at once (publish, unlist, review decisions, price and
 *   details, syllabus, media, cover, rating) calls CatalogService.invalidate(courseId?) after its commit.
 *   That drops the course's detail and every list page here, and tells the other processes (see
 *   CacheInvalidations) to do the same.
 * - A fill is stored as its promise the moment it starts, so an invalidation that comes while the query
 *   runs removes it too: a slow query that read the old row cannot put it back after the change.
 * - While the channel to the other processes is down the cache is bypassed, and it starts empty when the
 *   channel comes back: a missed message cannot leave a stale entry behind.
 * - Sales counts (and the `popular` order) are allowed to lag by up to the TTL: every purchase changes
 *   them, and invalidating every list on every purchase would empty the cache under order traffic.
 */
export interface CacheInvalidations {
  /** Tells every process (this one included) to forget `courseId`, or everything when absent. */
  publish(courseId?: number): Promise<void>;
  /** True while messages from other processes reach this one. */
  readonly live: boolean;
}

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

export interface CatalogCacheOptions {
  ttlMs: number;
  /** List pages kept (distinct filters and pages); the oldest goes first. */
  maxLists?: number;
  maxDetails?: number;
  now?: () => number;
}

export class CatalogCache {
  private readonly lists = new Map<string, Entry<unknown>>();
  private readonly details = new Map<number, Entry<unknown>>();
  private readonly maxLists: number;
  private readonly maxDetails: number;
  private readonly now: () => number;
  private channel?: CacheInvalidations;

  constructor(private readonly options: CatalogCacheOptions) {
    this.maxLists = options.maxLists ?? 2000;
    this.maxDetails = options.maxDetails ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** Connects the cache to the other processes; until the channel is live, nothing is cached. */
  connect(channel: CacheInvalidations): void {
    this.channel = channel;
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0 && (this.channel?.live ?? false);
  }

  list<T>(key: string, load: () => Promise<T>): Promise<T> {
    return this.through(this.lists, key, this.maxLists, load);
  }

  detail<T>(courseId: number, load: () => Promise<T>): Promise<T> {
    return this.through(this.details, courseId, this.maxDetails, load);
  }

  /** This process only: what a message from the channel (or a local change) does. */
  forget(courseId?: number): void {
    this.lists.clear();
    if (courseId === undefined) this.details.clear();
    else this.details.delete(courseId);
  }

  /** Forgets here at once, then tells the other processes. */
  async invalidate(courseId?: number): Promise<void> {
    this.forget(courseId);
    await this.channel?.publish(courseId);
  }

  private through<K, T>(map: Map<K, Entry<unknown>>, key: K, max: number, load: () => Promise<T>): Promise<T> {
    if (!this.enabled) return load();
    const now = this.now();
    const hit = map.get(key);
    if (hit && now - hit.at < this.options.ttlMs) return hit.value as Promise<T>;
    // Concurrent misses share one query (the promise is stored at once).
    const value = load();
    const entry: Entry<unknown> = { at: now, value };
    map.delete(key);
    map.set(key, entry);
    if (map.size > max) map.delete(map.keys().next().value as K);
    value.catch(() => {
      if (map.get(key) === entry) map.delete(key);
    });
    return value;
  }
}
