/** Money is integer fen inside; the API shows yuan as a JSON number with at most two decimals. */
export function fenToYuan(fen: number): number {
  return Math.round(fen) / 100;
}

/** Converts a yuan amount with at most two decimals to fen exactly; returns null for anything else. */
export function yuanToFen(yuan: number): number | null {
  if (!Number.isFinite(yuan) || yuan < 0) return null;
  const fen = Math.round(yuan * 100);
  return Math.abs(fen - yuan * 100) < 1e-6 ? fen : null;
}

export function assertFen(value: number, field = 'price_fen'): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${field} must be a non-negative integer number of fen, got ${value}`);
  }
}
