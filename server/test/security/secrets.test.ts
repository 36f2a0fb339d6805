import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { wechatAppCredentials } from '../../src/wechat/credentials';
import { wechatPayConfig } from '../../src/wechat/pay/config';
import { registerUser, registerWechatLearner } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/harness';

/**
 * Every log line the API and the sandbox write at debug level, and every answer, during sign-ups,
 * sign-ins, failed sign-ins, a forged payment notification and a server fault: no password, token or
 * key may appear in any of them.
 */
let app: TestApp;
const logged: string[] = [];
const answers: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString());
      done();
    },
  });
  app = await startTestApp({}, { logger: createLogger('debug', {}, false, sink) });
});
afterAll(() => app.close());

async function record<T>(res: Promise<{ status: number; body: T }>) {
  const r = await res;
  answers.push(JSON.stringify(r.body));
  return r;
}

it('never writes a password, token or key into a log line or an answer', async () => {
  const password = 'Secret-Pass-8f3a9c';
  const account = await registerUser(app, { password, email: 'someone@example.com' });
  await record(app.request('POST', '/api/auth/login', { body: { username: account.user.username, password } }));
  await record(app.request('POST', '/api/auth/login', { body: { username: account.user.username, password: `${password}-wrong` } }));
  await record(app.request('POST', '/api/auth/register', { body: { username: account.user.username, password } }));
  await record(app.request('GET', '/api/me', { token: account.token }));
  await record(app.request('GET', '/api/me', { token: `${account.token}x` }));
  const wechat = await registerWechatLearner(app);
  await record(app.request('GET', '/api/orders/', { token: wechat.token }));
  // A forged notification: logged as an anomaly, with nothing of the keys.
  await record(
    app.request('POST', '/api/pay/wechat/notify', {
      raw: JSON.stringify({ id: 'x', resource: { ciphertext: 'AAAA', nonce: 'n', associated_data: 'transaction' } }),
      headers: { 'content-type': 'application/json', 'wechatpay-signature': 'forged', 'wechatpay-serial': 'PUB_KEY_ID_x', 'wechatpay-timestamp': String(Math.floor(Date.now() / 1000)), 'wechatpay-nonce': 'n' },
    }),
  );
  // A fault on our side (a table gone under the server): a 500 whose log has the error, not the secrets.
  await app.container.dataSource.query('RENAME TABLE users TO users_gone');
  try {
    await record(app.request('POST', '/api/auth/login', { body: { username: account.user.username, password } }));
  } finally {
    await app.container.dataSource.query('RENAME TABLE users_gone TO users');
  }

  const { config } = app.container;
  const pay = wechatPayConfig(config);
  const secrets: Record<string, string> = {
    password,
    token: account.token,
    wechatToken: wechat.token,
    jwtSecret: config.jwt.secret,
    mediaSecret: config.media.signingSecret,
    appSecret: wechatAppCredentials(config).appSecret,
    apiv3Key: pay.apiv3Key,
    // A line from the middle of the merchant's private key.
    merchantKey: pay.merchantPrivateKey.split('\n')[5]!,
  };
  expect(logged.length).toBeGreaterThan(10);
  expect(logged.join('\n')).toMatch(/anomaly/);
  const leaks = Object.entries(secrets).flatMap(([name, value]) => [
    ...(logged.some((line) => line.includes(value)) ? [`${name} in a log line`] : []),
    ...(answers.some((body) => body.includes(value)) ? [`${name} in an answer`] : []),
  ]);
  expect(leaks).toEqual([]);
});
