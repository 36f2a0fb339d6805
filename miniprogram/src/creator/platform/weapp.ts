import Taro from '@tarojs/taro';
import { ACCEPT, type ConsolePlatform } from './types';

/** WeChat: files come from a chat (chooseMessageFile), the only way a mini-program reaches arbitrary files. */
export const weappConsole: ConsolePlatform = {
  async chooseFile(kind) {
    try {
      const type = kind === 'image' ? 'image' : kind === 'video' ? 'video' : 'file';
      const res = await Taro.chooseMessageFile({ count: 1, type, ...(type === 'file' ? { extension: ACCEPT[kind].extensions } : {}) });
      const file = res.tempFiles[0];
      return file ? { path: file.path, name: file.name, size: file.size } : null;
    } catch {
      return null;
    }
  },

  async openLink(url) {
    // A mini-program opens only pages of its own domains: hand the link over instead.
    await Taro.setClipboardData({ data: url });
    return 'copied';
  },

  async saveText(_name, text) {
    // No file system the creator can reach: the text goes to the clipboard, to paste into a sheet.
    await Taro.setClipboardData({ data: text });
    return 'copied';
  },
};
