/** An amount of money as figures read it (never "免费": zero revenue is ¥0.00). */
export function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/** Yuan typed in a form ("99.9") as fen, or null when it is not an amount with at most two decimals. */
export function fenFromInput(text: string): number | null {
  const v = text.trim();
  if (!/^\d{1,7}(\.\d{1,2})?$/.test(v)) return null;
  const [whole, frac = ''] = v.split('.');
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}
