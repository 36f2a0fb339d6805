import { PendingQuestions } from './pending-questions';

function clockAt(ms: number) {
  const clock = { t: ms, now: () => new Date(clock.t) };
  return clock;
}

describe('PendingQuestions', () => {
  it('remembers the last question of a contact until it expires', () => {
    const clock = clockAt(1_000_000);
    const pending = new PendingQuestions(clock, 60_000);
    pending.remember('c1', { text: '第一个问题' });
    pending.remember('c1', { text: '第二个问题' });
    pending.remember('c2', { text: '别人的问题' });
    expect(pending.get('c1')).toEqual({ text: '第二个问题', choices: undefined });
    clock.t += 59_999;
    expect(pending.get('c1')?.text).toBe('第二个问题');
    clock.t += 1;
    expect(pending.get('c1')).toBeUndefined();
    expect(pending.get('c2')).toBeUndefined();
  });

  it('keeps the course choices and forgets on request', () => {
    const pending = new PendingQuestions(clockAt(0));
    pending.remember('c1', { text: 'q', choices: [{ courseId: 3, name: 'A' }] });
    expect(pending.get('c1')?.choices).toEqual([{ courseId: 3, name: 'A' }]);
    pending.forget('c1');
    expect(pending.get('c1')).toBeUndefined();
  });
});
