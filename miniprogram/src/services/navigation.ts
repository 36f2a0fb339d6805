import Taro from '@tarojs/taro';
import { ROUTES } from './routes';

export { ROUTES };

const TAB_PAGES: string[] = [ROUTES.home, ROUTES.orders, ROUTES.profile];

export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const parts = Object.entries(query)
    .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `${path}?${parts.join('&')}` : path;
}

export function go(path: string, query: Record<string, string | number | undefined> = {}): void {
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url: withQuery(path, query) });
}

/** The page the learner is on, with its parameters, to come back to after signing in. */
function currentPageUrl(): string {
  const router = Taro.getCurrentInstance().router;
  if (!router?.path) return ROUTES.home;
  const path = router.path.split('?')[0]!;
  const params = Object.fromEntries(Object.entries(router.params).filter(([key, value]) => !key.startsWith('$') && key !== 'stamp' && value !== undefined)) as Record<string, string>;
  return withQuery(path.startsWith('/') ? path : `/${path}`, params);
}

const AFTER_SIGN_IN = 'knowpay.after-sign-in';

/** Sign in, then come back to the page the learner was on (kept in storage: tab pages take no parameters). */
export function goToSignIn(): void {
  const back = currentPageUrl();
  if (back.startsWith(ROUTES.profile)) return;
  Taro.setStorageSync(AFTER_SIGN_IN, back);
  void Taro.switchTab({ url: ROUTES.profile });
}

/** After signing in: back to the remembered page, if any. */
export function returnAfterSignIn(): void {
  const target = Taro.getStorageSync<string>(AFTER_SIGN_IN);
  Taro.removeStorageSync(AFTER_SIGN_IN);
  if (!target) return;
  const path = target.split('?')[0]!;
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url: target });
}
