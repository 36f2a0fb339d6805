/**
 * WeChat's value rules for subscribe-message data, by key type. A key is its type plus a number
 * (`thing7`, `amount2`); the sandbox knows no real template, so any key of a known type is accepted
 * and only its value is checked, the way WeChat checks it before anything is delivered.
 */

const HAN = /\p{Script=Han}/u;
// A date is 2019年10月1日, 2019-10-01 or 2019/10/01; a time is 15:01 or 15:01:30.
const DATE = String.raw`\d{4}(?:年\d{1,2}月\d{1,2}日|[-/]\d{1,2}[-/]\d{1,2})`;
const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?`;
const range = (point: string) => new RegExp(`^${point}(?:\\s*~\\s*${point})?$`);
const DATE_VALUE = range(`${DATE}(?:\\s+${TIME})?`);
const TIME_VALUE = range(`(?:${DATE}\\s+)?${TIME}`);

/** Characters, not UTF-16 units: "≤ 20" counts a CJK character or an emoji as one, as WeChat does. */
function length(value: string): number {
  return [...value].length;
}

const RULES: Record<string, (value: string) => boolean> = {
  thing: (v) => length(v) <= 20,
  number: (v) => v.length <= 32 && /^\d+(?:\.\d+)?$/.test(v),
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v),
  symbol: (v) => length(v) <= 5,
  character_string: (v) => /^[\x20-\x7e]{1,32}$/.test(v),
  time: (v) => TIME_VALUE.test(v),
  date: (v) => DATE_VALUE.test(v),
  // A currency symbol, at most ten digits (decimals allowed), optionally ending in 元.
  amount: (v) => /^[¥￥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/.test(v),
  phone_number: (v) => /^[\d+\-() ]{1,17}$/.test(v),
  car_number: (v) => length(v) <= 8,
  // Chinese names (mixed ones count as Chinese) take ten characters, Latin ones twenty.
  name: (v) => length(v) <= (HAN.test(v) ? 10 : 20),
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v),
};

const KEY = /^([a-z_]+?)(\d+)$/;

/** The key type of a data key (`thing` for `thing12`), or null when it is not a key WeChat knows. */
export function keyType(key: string): string | null {
  const type = KEY.exec(key)?.[1];
  return type !== undefined && type in RULES ? type : null;
}

/** Whether one value fits its key's type; an empty value fits none. */
export function validValue(key: string, value: string): boolean {
  const type = keyType(key);
  return type !== null && value.trim() !== '' && RULES[type]!(value);
}

/** The first key of `data` WeChat would refuse (unknown type, or a value that breaks its rule), or null. */
export function firstInvalidKey(data: Record<string, { value: string }>): string | null {
  for (const [key, entry] of Object.entries(data)) if (!validValue(key, entry.value)) return key;
  return null;
}
