import { type Config, ConfigError } from '../../config';
import { ensureSandboxCredentials } from '../../sandbox/credentials';
import type { WechatPayConfig } from './types';

/** The merchant's WeChat Pay settings: the sandbox's generated ones locally, the environment's in production. */
export function wechatPayConfig(config: Config): WechatPayConfig {
  const { apiBase, notifyUrl } = config.wechatPay;
  if (config.wechat.mode === 'sandbox') {
    const sandbox = ensureSandboxCredentials(config.varDir);
    return {
      apiBase: config.sandbox.url,
      appid: sandbox.appid,
      mchid: sandbox.mchid,
      merchantSerial: sandbox.merchant_serial,
      merchantPrivateKey: sandbox.merchant_private_key,
      wechatpayPublicKeyId: sandbox.wechatpay_public_key_id,
      wechatpayPublicKey: sandbox.wechatpay_public_key,
      apiv3Key: sandbox.apiv3_key,
      notifyUrl,
    };
  }
  const { mchid, merchantSerial, merchantPrivateKey, publicKeyId, publicKey, apiv3Key } = config.wechatPay;
  const appid = config.wechat.appid;
  // loadConfig already insists on all of them in production; this keeps a hand-built Config honest too.
  if (!appid || !mchid || !merchantSerial || !merchantPrivateKey || !publicKeyId || !publicKey || !apiv3Key) {
    throw new ConfigError('WECHAT_APPID and the WECHATPAY_* merchant settings are required when WECHAT_MODE=production');
  }
  return {
    apiBase,
    appid,
    mchid,
    merchantSerial,
    merchantPrivateKey,
    wechatpayPublicKeyId: publicKeyId,
    wechatpayPublicKey: publicKey,
    apiv3Key,
    notifyUrl,
  };
}
