import { zhCN } from '../i18n/zh-CN';

const t = zhCN.catalog;

/** The price chips; bounds are yuan strings as the API's min_price / max_price take them. */
export const PRICE_FILTERS = {
  any: { label: t.priceAny, min: undefined, max: undefined },
  free: { label: t.priceFree, min: '0', max: '0' },
  under50: { label: t.priceUnder(50), min: undefined, max: '50' },
  under100: { label: t.priceUnder(100), min: undefined, max: '100' },
  over100: { label: t.priceOver(100), min: '100', max: undefined },
} as const satisfies Record<string, { label: string; min: string | undefined; max: string | undefined }>;

export type PriceFilterKey = keyof typeof PRICE_FILTERS;
