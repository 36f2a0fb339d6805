import type { PaymentParams } from '../services/types';

/** What the cashier said. `paid` is only the phone's word: the order is paid when the server says so. */
export type PayOutcome = 'paid' | 'cancelled' | 'failed';

export interface PaymentSummary {
  amountFen: number;
  description: string;
}

/**
 * What differs between the mini-program and the browser build. Pages use only this; the build picks
 * the implementation (index.weapp.ts or index.h5.ts) for its target.
 */
export interface Platform {
  readonly name: 'weapp' | 'h5';
  /** A one-time code for POST /api/auth/wechat (wx.login on a phone). */
  login(): Promise<string>;
  /** Shows WeChat Pay's cashier for a prepaid order. */
  pay(params: PaymentParams, summary: PaymentSummary): Promise<PayOutcome>;
  /** Opens a document lesson (PDF) for reading. */
  openDocument(url: string, title: string): Promise<void>;
  /**
   * Hands a link to the learner: the browser opens it (a CSV export downloads); WeChat cannot open an
   * outside link or a CSV, so it copies the link to paste into a browser. Says which it did.
   */
  openLink(url: string): Promise<'opened' | 'copied'>;
  /** Whether this build declares WeChat's live plugin (a mini-program build with TARO_APP_WECHAT_LIVE_PLUGIN=1). */
  readonly livePlugin: boolean;
  /** Opens the live plugin's player for a room; only where `livePlugin` is true. */
  openLivePlayer(roomId: string): Promise<void>;
}
