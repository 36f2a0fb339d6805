import { z } from 'zod';
import { ValidationError } from '../errors';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../shared/pagination';

/** Parses `input` or throws a 400 that names every bad field (`where` is query, body or path). */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.flatMap((issue) => {
    const at = issue.path.map(String);
    // A strict object reports unknown keys on the object itself: name each key instead.
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: [...at, key].join('.'), message: 'is not a known field' }));
    return [{ field: at.length ? at.join('.') : where, message: issue.message }];
  });
  const summary = fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  throw new ValidationError(summary, { in: where, fields });
}

/** A query parameter: a single string (repeated parameters are refused rather than guessed at). */
const single = z.string({ error: 'must be given once' });

export const idParam = z.object({
  id: single.regex(/^[1-9]\d{0,9}$/, 'must be a positive integer id').transform(Number).pipe(z.number().max(4294967295, 'is out of range')),
});

export const pageQuery = z.object({
  page: single
    .regex(/^\d+$/, 'must be a positive integer')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(1_000_000, 'is too large'))
    .default(1),
  page_size: single
    .regex(/^\d+$/, 'must be a positive integer')
    .transform(Number)
    .pipe(z.number().int().min(1, 'must be at least 1').max(MAX_PAGE_SIZE, `must be at most ${MAX_PAGE_SIZE}`))
    .default(DEFAULT_PAGE_SIZE),
});

/** A yuan amount in a query string, e.g. "99.9", converted to integer fen. */
export const yuanQuery = single
  .regex(/^\d{1,7}(\.\d{1,2})?$/, 'must be an amount in yuan with at most two decimals')
  .transform((v) => Math.round(Number(v) * 100));

/** Control characters other than tab, newline and carriage return: never part of honest text. */
function hasControlCharacters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}

/** Trimmed text with length bounds, refusing control characters other than newlines and tabs. */
export function text(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, min === 1 ? 'must not be empty' : `must be at least ${min} characters`)
    .max(max, `must be at most ${max} characters`)
    .refine((v) => !hasControlCharacters(v), 'must not contain control characters');
}

/** A price given as `price` (yuan, ≤ 2 decimals) or `price_fen` (integer): the body must carry exactly one. */
export const MAX_PRICE_FEN = 100_000_000;
export const priceFenField = z.number().int('must be an integer number of fen').min(0, 'must not be negative').max(MAX_PRICE_FEN, 'is too high');
export const priceYuanField = z
  .number()
  .min(0, 'must not be negative')
  .max(MAX_PRICE_FEN / 100, 'is too high')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, 'must have at most two decimals');
