/** Pure pieces of a course's learning analytics: facts in, figures out. */

/** Ten buckets of whole percent: 0-9, 10-19, …, 90-100 (a full score counts in the last). */
export function scoreBuckets(percents: readonly number[]): number[] {
  const buckets = Array<number>(10).fill(0);
  for (const p of percents) buckets[Math.min(9, Math.max(0, Math.floor(p / 10)))]! += 1;
  return buckets;
}

/**
 * Where idle learners stopped: for each learner who has not finished, the first lesson (in course
 * order) they have not completed. Returns counts per lesson id, in course order.
 */
export function dropOffPoints(lessonIds: readonly number[], completedByLearner: ReadonlyMap<number, ReadonlySet<number>>): Map<number, number> {
  const counts = new Map<number, number>(lessonIds.map((id) => [id, 0]));
  for (const completed of completedByLearner.values()) {
    const stop = lessonIds.find((id) => !completed.has(id));
    if (stop !== undefined) counts.set(stop, counts.get(stop)! + 1);
  }
  return counts;
}
