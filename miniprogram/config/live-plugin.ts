/**
 * WeChat's mini-program live plugin (小程序直播) as a build setting. A mini-program may declare the
 * plugin only with a real appid whose live feature is enabled (a placeholder appid cannot use it, and
 * WeChat DevTools refuses the project), so the weapp build declares it only when asked:
 * TARO_APP_WECHAT_LIVE_PLUGIN=1, optionally TARO_APP_WECHAT_LIVE_PLUGIN_VERSION (the version the
 * admin console lists). config/index.ts turns it into the build constant WECHAT_LIVE_PLUGINS, which
 * src/app.config.ts declares and the pages read, so the two cannot disagree.
 */
export type WechatLivePlugins = { 'live-player-plugin': { version: string; provider: string } } | null;

export const LIVE_PLUGIN_DEFAULT_VERSION = '1.3.5';

export function livePluginDeclaration(env: NodeJS.ProcessEnv = process.env): WechatLivePlugins {
  if (env.TARO_ENV !== 'weapp' || env.TARO_APP_WECHAT_LIVE_PLUGIN !== '1') return null;
  return { 'live-player-plugin': { version: env.TARO_APP_WECHAT_LIVE_PLUGIN_VERSION || LIVE_PLUGIN_DEFAULT_VERSION, provider: 'wx2b03c6e691cd7370' } };
}
