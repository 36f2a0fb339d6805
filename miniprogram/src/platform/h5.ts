import { api } from '../services/api';
import { formatPrice } from '../services/money';
import { showCashier } from './cashier-sheet';
import type { PayOutcome, Platform } from './types';

/**
 * In a browser there is no WeChat: Taro's login and requestPayment resolve without doing anything. The
 * browser plays the phone instead, against the WeChat sandbox the server is configured with: it signs in
 * as this browser's own sandbox WeChat user and pays in a cashier sheet that confirms (or fails) the
 * prepay through the sandbox, which then notifies the server exactly as WeChat Pay would.
 */
const OPENID_KEY = 'knowpay.sandbox-openid';

let sandboxUrl: Promise<string> | null = null;

function sandbox(): Promise<string> {
  sandboxUrl ??= api.clientConfig().then((c) => {
    if (c.wechat_mode !== 'sandbox' || !c.sandbox_url) throw new Error('this server talks to real WeChat: open the mini-program in WeChat to sign in and pay');
    return c.sandbox_url;
  });
  sandboxUrl.catch(() => (sandboxUrl = null));
  return sandboxUrl;
}

/** This browser's WeChat user in the sandbox: made up once, kept, like the account on a phone. */
export function deviceOpenid(): string {
  let openid = window.localStorage.getItem(OPENID_KEY);
  if (!openid) {
    const bytes = new Uint8Array(9);
    window.crypto.getRandomValues(bytes);
    openid = `o_h5_${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
    window.localStorage.setItem(OPENID_KEY, openid);
  }
  return openid;
}

async function post(path: string, body: object): Promise<Record<string, unknown>> {
  const base = await sandbox();
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as Record<string, unknown>;
  if (!res.ok) throw new Error(`WeChat sandbox ${path}: ${JSON.stringify(json)}`);
  return json;
}

export const h5Platform: Platform = {
  name: 'h5',

  async login() {
    const { code } = await post('/sandbox/wx-login', { openid: deviceOpenid() });
    if (typeof code !== 'string') throw new Error('the sandbox gave no login code');
    return code;
  },

  async pay(params, summary): Promise<PayOutcome> {
    const prepayId = params.package.replace(/^prepay_id=/, '');
    const choice = await showCashier({ amount: formatPrice(summary.amountFen), description: summary.description });
    if (choice === 'cancel') return 'cancelled';
    await post(choice === 'confirm' ? '/sandbox/pay/confirm' : '/sandbox/pay/fail', { prepay_id: prepayId });
    return choice === 'confirm' ? 'paid' : 'failed';
  },

  async openDocument(url) {
    window.open(url, '_blank', 'noopener');
  },

  async openLink(url) {
    window.open(url, '_blank', 'noopener');
    return 'opened';
  },

  // WeChat's live plugin exists only inside WeChat: browsers play the HLS stream.
  livePlugin: false,

  async openLivePlayer() {
    throw new Error('the WeChat live plugin exists only in the mini-program');
  },
};
