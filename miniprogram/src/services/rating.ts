/** Whole stars to fill for a rating of 0..5 (3.5 → 4, 3.4 → 3). */
export function starsOf(rating: number): number {
  if (!Number.isFinite(rating)) return 0;
  return Math.max(0, Math.min(5, Math.round(rating)));
}

const TONES = 6;

/** A stable colour (0..5) for a cover tile, so one category keeps one colour. */
export function coverTone(key: string): number {
  let h = 0;
  for (const ch of key) h = (h * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
  return h % TONES;
}
