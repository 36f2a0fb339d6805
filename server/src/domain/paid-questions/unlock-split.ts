/**
 * An unlock's price shared between the asker and the creator: the asker gets `askerPercent` of it
 * rounded down to the fen, the creator the rest, so the two always sum to the price exactly and any
 * odd fen goes to the creator.
 */
export function splitUnlock(priceFen: number, askerPercent: number): { askerFen: number; creatorFen: number } {
  if (!Number.isInteger(priceFen) || priceFen < 0) throw new RangeError(`price must be whole fen, got ${priceFen}`);
  if (!Number.isInteger(askerPercent) || askerPercent < 0 || askerPercent > 100) throw new RangeError(`percent must be 0..100, got ${askerPercent}`);
  const askerFen = Math.floor((priceFen * askerPercent) / 100);
  return { askerFen, creatorFen: priceFen - askerFen };
}
