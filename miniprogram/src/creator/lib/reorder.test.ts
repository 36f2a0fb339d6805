import { dropIndex, move, positionChanges } from './reorder';

describe('reordering lessons', () => {
  const lessons = [
    { id: 11, position: 0 },
    { id: 12, position: 1 },
    { id: 13, position: 2 },
  ];

  it('moves an item up, down, and not past either end', () => {
    expect(move(lessons, 2, 0).map((l) => l.id)).toEqual([13, 11, 12]);
    expect(move(lessons, 0, 1).map((l) => l.id)).toEqual([12, 11, 13]);
    expect(move(lessons, 0, -1).map((l) => l.id)).toEqual([11, 12, 13]);
    expect(move(lessons, 2, 9).map((l) => l.id)).toEqual([11, 12, 13]);
    expect(move(lessons, 5, 0)).toEqual(lessons);
  });

  it('sends only the positions that change, numbered from 0 in the new order', () => {
    expect(positionChanges(move(lessons, 2, 0))).toEqual([
      { id: 13, position: 0 },
      { id: 11, position: 1 },
      { id: 12, position: 2 },
    ]);
    expect(positionChanges(move(lessons, 1, 2))).toEqual([
      { id: 13, position: 1 },
      { id: 12, position: 2 },
    ]);
    expect(positionChanges(lessons)).toEqual([]);
    // Positions with gaps (an earlier delete) are closed up.
    expect(positionChanges([{ id: 1, position: 0 }, { id: 2, position: 5 }])).toEqual([{ id: 2, position: 1 }]);
  });

  it('drops a dragged row where the finger stopped, by whole rows', () => {
    expect(dropIndex(0, 130, 60, 5)).toBe(2);
    expect(dropIndex(3, -70, 60, 5)).toBe(2);
    expect(dropIndex(3, -29, 60, 5)).toBe(3);
    expect(dropIndex(1, 999, 60, 5)).toBe(4);
    expect(dropIndex(1, -999, 60, 5)).toBe(0);
    expect(dropIndex(1, 50, 0, 5)).toBe(1);
  });
});
