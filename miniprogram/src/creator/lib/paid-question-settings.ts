import { fenFromInput } from './format';

export interface SettingsForm {
  enabled: boolean;
  price: string;
  unlockPrice: string;
  answerDays: string;
}

export interface SettingsBody {
  enabled: boolean;
  price_fen: number;
  unlock_price_fen: number;
  answer_days: number;
}

/** The API's bounds: asking ¥1–¥10000, unlocking from ¥0.01 up to the asking price, 1–14 days. */
const MIN_PRICE_FEN = 100;
const MAX_PRICE_FEN = 1_000_000;

/** The form as the API takes it, or which part is wrong. */
export function settingsFromForm(form: SettingsForm): { body: SettingsBody } | { error: 'price' | 'days' } {
  const price = fenFromInput(form.price);
  const unlock = fenFromInput(form.unlockPrice);
  if (price === null || unlock === null || price < MIN_PRICE_FEN || price > MAX_PRICE_FEN || unlock < 1 || unlock > price) return { error: 'price' };
  const days = /^\d{1,2}$/.test(form.answerDays.trim()) ? Number(form.answerDays.trim()) : NaN;
  if (!(days >= 1 && days <= 14)) return { error: 'days' };
  return { body: { enabled: form.enabled, price_fen: price, unlock_price_fen: unlock, answer_days: days } };
}

/** The form filled from saved settings (or empty for a course that never had them, with the default days). */
export function formFromSettings(s: { enabled: boolean; price_fen: number | null; unlock_price_fen: number | null; answer_days: number }): SettingsForm {
  const yuanText = (fen: number | null) => (fen === null ? '' : (fen / 100).toFixed(2).replace(/\.00$/, ''));
  return { enabled: s.enabled, price: yuanText(s.price_fen), unlockPrice: yuanText(s.unlock_price_fen), answerDays: String(s.answer_days) };
}
