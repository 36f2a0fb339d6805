/**
 * The best `capacity` (id, score) pairs seen so far, in a min-heap of typed arrays: offering n
 * candidates costs O(n log capacity) and no allocation, whatever n is. Equal scores prefer the lower
 * id, so results are deterministic.
 */
export class TopN {
  private readonly ids: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    this.ids = new Int32Array(capacity);
    this.scores = new Float64Array(capacity);
  }

  get count(): number {
    return this.size;
  }

  clear(): void {
    this.size = 0;
  }

  offer(id: number, score: number): void {
    if (this.size < this.capacity) {
      this.ids[this.size] = id;
      this.scores[this.size] = score;
      this.siftUp(this.size++);
    } else if (this.worse(0, id, score)) {
      this.ids[0] = id;
      this.scores[0] = score;
      this.siftDown(0);
    }
  }

  /** The kept pairs, best first; empties the heap. */
  drain(): { ids: Int32Array; scores: Float32Array } {
    const n = this.size;
    const ids = new Int32Array(n);
    const scores = new Float32Array(n);
    for (let i = n - 1; i >= 0; i--) {
      ids[i] = this.ids[0]!;
      scores[i] = this.scores[0]!;
      this.size--;
      if (this.size > 0) {
        this.ids[0] = this.ids[this.size]!;
        this.scores[0] = this.scores[this.size]!;
        this.siftDown(0);
      }
    }
    return { ids, scores };
  }

  /** Whether the entry at heap slot `slot` ranks below (id, score). */
  private worse(slot: number, id: number, score: number): boolean {
    const s = this.scores[slot]!;
    return s < score || (s === score && this.ids[slot]! > id);
  }

  private less(a: number, b: number): boolean {
    return this.worse(a, this.ids[b]!, this.scores[b]!);
  }

  private swap(a: number, b: number): void {
    const id = this.ids[a]!;
    const score = this.scores[a]!;
    this.ids[a] = this.ids[b]!;
    this.scores[a] = this.scores[b]!;
    this.ids[b] = id;
    this.scores[b] = score;
  }

  private siftUp(i: number): void {
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) return;
      this.swap(i, parent);
      i = parent;
    }
  }

  private siftDown(i: number): void {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < this.size && this.less(left, smallest)) smallest = left;
      if (right < this.size && this.less(right, smallest)) smallest = right;
      if (smallest === i) return;
      this.swap(i, smallest);
      i = smallest;
    }
  }
}
