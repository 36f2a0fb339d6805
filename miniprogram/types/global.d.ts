/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** The API's origin, fixed at build time ('' on H5: the app is served by the API). */
declare const API_BASE: string;
/** Whether the mini-program build declares WeChat's live plugin (TARO_APP_WECHAT_LIVE_PLUGIN=1 at build time). */
declare const WECHAT_LIVE_PLUGIN: boolean;

declare namespace NodeJS {
  interface ProcessEnv {
    TARO_ENV: 'weapp' | 'h5';
    TARO_APP_ID?: string;
    /** 1: declare WeChat's live plugin (小程序直播) in the weapp build; needs a real appid with live enabled. */
    TARO_APP_WECHAT_LIVE_PLUGIN?: string;
    /** The live plugin's version to declare (the one the mini-program's admin console lists). */
    TARO_APP_WECHAT_LIVE_PLUGIN_VERSION?: string;
  }
}
