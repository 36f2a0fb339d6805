import { TopN } from './top-n';

describe('TopN', () => {
  it('keeps the best scores, best first, however many are offered', () => {
    const top = new TopN(3);
    const scores = [5, 1, 9, 3, 7, 2, 8];
    scores.forEach((s, id) => top.offer(id, s));
    const { ids, scores: kept } = top.drain();
    expect([...ids]).toEqual([2, 6, 4]);
    expect([...kept]).toEqual([9, 8, 7]);
    expect(top.count).toBe(0);
  });

  it('prefers the lower id on equal scores, whatever the order they come in', () => {
    const forward = new TopN(2);
    const backward = new TopN(2);
    for (const id of [1, 2, 3, 4]) forward.offer(id, 1);
    for (const id of [4, 3, 2, 1]) backward.offer(id, 1);
    expect([...forward.drain().ids]).toEqual([1, 2]);
    expect([...backward.drain().ids]).toEqual([1, 2]);
  });

  it('returns fewer when fewer were offered, and refuses a capacity below one', () => {
    const top = new TopN(5);
    top.offer(3, 0.5);
    expect([...top.drain().ids]).toEqual([3]);
    expect(() => new TopN(0)).toThrow(RangeError);
  });
});
