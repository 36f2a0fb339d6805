import { zhCN } from '../i18n/zh-CN';

/**
 * How a price reads on screen: "¥99.00", or "免费" for a free course. Prices travel as integer fen
 * (`price_fen`) so the display never inherits a float's rounding.
 */
export function formatPrice(priceFen: number): string {
  if (!Number.isSafeInteger(priceFen) || priceFen < 0) {
    throw new RangeError(`a price is a non-negative integer number of fen, got ${priceFen}`);
  }
  if (priceFen === 0) return zhCN.price.free;
  const yuan = Math.floor(priceFen / 100);
  const fen = String(priceFen % 100).padStart(2, '0');
  return `¥${yuan}.${fen}`;
}
