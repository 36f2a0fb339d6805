import { type Config, ConfigError } from '../config';
import { ensureSandboxCredentials } from '../sandbox/credentials';

/** The mini-program's appid and secret: the sandbox's generated pair locally, the environment's in production. */
export function wechatAppCredentials(config: Config): { appid: string; appSecret: string } {
  if (config.wechat.mode === 'sandbox') {
    const sandbox = ensureSandboxCredentials(config.varDir);
    return { appid: sandbox.appid, appSecret: sandbox.app_secret };
  }
  const { appid, appSecret } = config.wechat;
  // loadConfig already insists on both in production; this keeps a hand-built Config honest too.
  if (!appid || !appSecret) throw new ConfigError('WECHAT_APPID and WECHAT_APP_SECRET are required when WECHAT_MODE=production');
  return { appid, appSecret };
}
