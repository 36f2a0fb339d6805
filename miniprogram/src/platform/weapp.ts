import Taro from '@tarojs/taro';
import { livePlayerUrl } from './live-player';
import type { Platform } from './types';

/** Inside WeChat: wx.login, wx.requestPayment and the built-in document viewer. */
export const weappPlatform: Platform = {
  name: 'weapp',

  async login() {
    const { code } = await Taro.login();
    if (!code) throw new Error('wx.login gave no code');
    return code;
  },

  async pay(params) {
    try {
      await Taro.requestPayment({ timeStamp: params.timeStamp, nonceStr: params.nonceStr, package: params.package, signType: params.signType, paySign: params.paySign });
      return 'paid';
    } catch (err) {
      const message = (err as { errMsg?: string }).errMsg ?? '';
      return message.includes('cancel') ? 'cancelled' : 'failed';
    }
  },

  async openDocument(url) {
    const file = await Taro.downloadFile({ url });
    if (file.statusCode !== 200) throw new Error(`download failed: HTTP ${file.statusCode}`);
    await Taro.openDocument({ filePath: file.tempFilePath, showMenu: false });
  },

  async openLink(url) {
    await Taro.setClipboardData({ data: url });
    return 'copied';
  },

  livePlugin: WECHAT_LIVE_PLUGINS !== null,

  async openLivePlayer(roomId) {
    await Taro.navigateTo({ url: livePlayerUrl(roomId) });
  },
};
