import { KeyedMutex } from './keyed-mutex';

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('KeyedMutex', () => {
  it('runs work for one key in order, never overlapping', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    const job = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await tick(ms);
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([mutex.run('a', job('1', 20)), mutex.run('a', job('2', 1)), mutex.run('a', job('3', 5))]);
    expect(results).toEqual(['1', '2', '3']);
    expect(events).toEqual(['start 1', 'end 1', 'start 2', 'end 2', 'start 3', 'end 3']);
  });

  it('lets different keys run side by side', async () => {
    const mutex = new KeyedMutex();
    const events: string[] = [];
    await Promise.all([
      mutex.run('a', async () => {
        events.push('start a');
        await tick(20);
        events.push('end a');
      }),
      mutex.run('b', async () => {
        events.push('start b');
        await tick(1);
        events.push('end b');
      }),
    ]);
    expect(events).toEqual(['start a', 'start b', 'end b', 'end a']);
  });

  it('keeps going after a failure and forgets idle keys', async () => {
    const mutex = new KeyedMutex();
    await expect(mutex.run('a', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(mutex.run('a', async () => 'next')).resolves.toBe('next');
    await tick(0);
    expect(mutex.size).toBe(0);
  });
});
