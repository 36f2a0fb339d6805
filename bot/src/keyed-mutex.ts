/**
 * Runs work for the same key one after another, work for different keys side by side. The chat endpoint
 * and the outbox share one per conversation, so a reply being collected never mixes with a notification
 * sent to the same person at that moment.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(work, work);
    // The chain must survive a failure of `work`; only the caller sees the rejection.
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      // Forget idle keys, or the map would grow with every contact ever seen.
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  get size(): number {
    return this.tails.size;
  }
}
