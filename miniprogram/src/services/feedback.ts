import Taro from '@tarojs/taro';
import { asApiError } from './http';

/** A short toast with the error in the learner's words (the server's message when we have no better one). */
export function toastError(err: unknown): void {
  void Taro.showToast({ title: asApiError(err).message.slice(0, 40), icon: 'none', duration: 2500 });
}

export function toastOk(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 });
}

export function toastInfo(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}
