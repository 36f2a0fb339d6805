import Taro from '@tarojs/taro';
import { zhCN } from '../i18n/zh-CN';
import { ApiError, errorOf } from './http';
import { authRequired, currentSession } from './session';

/**
 * Sends a picked file to an upload route (multipart field `file`), reporting progress 0–100 as it goes.
 * Taro.uploadFile gives an UploadTask in WeChat and in the browser (an XHR there), both with
 * onProgressUpdate. The answer is the route's JSON; errors are the API's, as everywhere else.
 */
export function uploadWithProgress<T>(path: string, filePath: string, fileName: string, onProgress: (percent: number) => void): Promise<T> {
  const token = currentSession()?.token;
  return new Promise<T>((resolve, reject) => {
    const task = Taro.uploadFile({
      url: `${API_BASE}${path}`,
      filePath,
      name: 'file',
      fileName,
      header: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: 10 * 60_000,
      success: (res) => {
        let data: unknown = res.data;
        try {
          data = typeof res.data === 'string' ? JSON.parse(res.data) : res.data;
        } catch {
          // Not JSON: the error below says what happened from the status.
        }
        if (res.statusCode >= 200 && res.statusCode < 300) {
          onProgress(100);
          resolve(data as T);
          return;
        }
        if (res.statusCode === 401 && token) authRequired();
        reject(errorOf({ statusCode: res.statusCode, data }));
      },
      fail: () => reject(new ApiError(0, 'UPLOAD_FAILED', zhCN.uploadFailed)),
    });
    task.onProgressUpdate((p) => onProgress(Math.min(99, Math.max(0, Math.round(p.progress)))));
  });
}
