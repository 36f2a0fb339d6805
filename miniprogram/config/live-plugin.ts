/**
 * WeChat's mini-program live plugin (小程序直播) as a build setting. A mini-program may declare the
 * plugin only with a real appid whose live feature is enabled (a placeholder appid cannot use it, and
 * WeChat DevTools refuses the project), so the weapp build declares it only when asked:
 * TARO_APP_WECHAT_LIVE_PLUGIN=1, optionally TARO_APP_WECHAT_LIVE_PLUGIN_VERSION (the version the
 * admin console lists). Read at build time by config/index.ts (the pages' WECHAT_LIVE_PLUGIN) and by
 * src/app.config.ts (the `plugins` declaration), so the two cannot disagree.
 */
export const LIVE_PLUGIN_DEFAULT_VERSION = '1.3.5';

export function livePluginDeclaration(env: NodeJS.ProcessEnv = process.env): { 'live-player-plugin': { version: string; provider: string } } | null {
  if (env.TARO_ENV !== 'weapp' || env.TARO_APP_WECHAT_LIVE_PLUGIN !== '1') return null;
  return { 'live-player-plugin': { version: env.TARO_APP_WECHAT_LIVE_PLUGIN_VERSION || LIVE_PLUGIN_DEFAULT_VERSION, provider: 'wx2b03c6e691cd7370' } };
}
