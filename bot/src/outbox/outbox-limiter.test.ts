import { outboxLimiter } from './outbox.worker';

describe('outboxLimiter', () => {
  it('spaces single messages evenly instead of allowing bursts', () => {
    expect(outboxLimiter(1)).toEqual({ max: 1, duration: 1000 });
    expect(outboxLimiter(20)).toEqual({ max: 1, duration: 50 });
    // Never faster than asked: a fraction of a millisecond rounds the interval up.
    expect(outboxLimiter(3)).toEqual({ max: 1, duration: 334 });
    expect(outboxLimiter(0.5)).toEqual({ max: 1, duration: 2000 });
  });
});
