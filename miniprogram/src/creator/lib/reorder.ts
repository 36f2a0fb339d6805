/** The list with the item at `from` moved to `to` (both clamped to the list). */
export function move<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  if (from < 0 || from >= out.length) return out;
  const target = Math.max(0, Math.min(out.length - 1, to));
  const [item] = out.splice(from, 1);
  out.splice(target, 0, item as T);
  return out;
}

/**
 * The `position` each item needs for the list to be in this order (0, 1, 2 …), only for those whose
 * position changes: what a reorder sends to the API.
 */
export function positionChanges<T extends { id: number; position: number }>(ordered: readonly T[]): Array<{ id: number; position: number }> {
  return ordered.flatMap((item, index) => (item.position === index ? [] : [{ id: item.id, position: index }]));
}

/** Where a row dragged by `dy` pixels from index `from` lands, with rows `rowHeight` tall. */
export function dropIndex(from: number, dy: number, rowHeight: number, count: number): number {
  if (rowHeight <= 0 || count <= 0) return from;
  return Math.max(0, Math.min(count - 1, from + Math.round(dy / rowHeight)));
}
