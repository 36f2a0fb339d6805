import type { Message, Wechaty } from 'wechaty';

interface Watch {
  dispatched: Promise<void>;
  markDispatched(): void;
  work: Array<Promise<unknown>>;
}

/**
 * Wechaty fires 'message' and forgets: nothing tells when the features are done with a message. The
 * mock chat endpoint needs exactly that to answer POST /chat with the replies one message caused, so
 * every feature's handler is registered here, and a watched message can be awaited until all of them
 * have settled. Unwatched messages (every message with a real puppet) cost nothing.
 */
export class MessageWork {
  private readonly watched = new Map<string, Watch>();

  constructor(bot: Wechaty) {
    bot.on('message', (message: Message) => this.watched.get(message.id)?.markDispatched());
  }

  /** Call before the message reaches the bot. */
  watch(messageId: string): void {
    let markDispatched = (): void => undefined;
    const dispatched = new Promise<void>((resolve) => (markDispatched = resolve));
    this.watched.set(messageId, { dispatched, markDispatched, work: [] });
  }

  add(messageId: string, work: Promise<unknown>): void {
    this.watched.get(messageId)?.work.push(work);
  }

  /**
   * Resolves once the bot has dispatched the message and every handler has finished with it, or false
   * after `timeoutMs`. Handlers run synchronously inside one emit, so all of them have added their work
   * by the time `dispatched` lets this continue.
   */
  async done(messageId: string, timeoutMs: number): Promise<boolean> {
    const watch = this.watched.get(messageId);
    if (!watch) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    try {
      const finished = watch.dispatched.then(() => Promise.allSettled(watch.work)).then(() => true as const);
      return await Promise.race([finished, timeout]);
    } finally {
      clearTimeout(timer);
      this.watched.delete(messageId);
    }
  }
}

const registry = new WeakMap<Wechaty, MessageWork>();

export function messageWork(bot: Wechaty): MessageWork {
  let work = registry.get(bot);
  if (!work) {
    work = new MessageWork(bot);
    registry.set(bot, work);
  }
  return work;
}
