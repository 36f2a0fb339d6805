/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';

/** The API's origin, fixed at build time ('' on H5: the app is served by the API). */
declare const API_BASE: string;
/** WeChat's live plugin as the weapp build declares it (TARO_APP_WECHAT_LIVE_PLUGIN=1 at build time), else null. */
declare const WECHAT_LIVE_PLUGINS: { 'live-player-plugin': { version: string; provider: string } } | null;

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
