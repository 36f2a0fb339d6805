import { ManualClock } from './clock';
import {
  ACCESS_TOKEN_TTL_S,
  FORCE_REFRESH_PER_DAY,
  FORCE_REFRESH_SPACING_MS,
  LOGIN_CODE_TTL_MS,
  MiniProgramState,
  TOKEN_OVERLAP_MS,
} from './mini-program.state';
import { WechatApiError } from './wechat-api-error';

const app = { appid: 'wx0123456789abcdef', app_secret: '0123456789abcdef0123456789abcdef' };
const login = { appid: app.appid, secret: app.app_secret, grant_type: 'authorization_code' };
const creds = { grant_type: 'client_credential', appid: app.appid, secret: app.app_secret };

function errcodeOf(fn: () => unknown): number {
  try {
    fn();
  } catch (err) {
    if (err instanceof WechatApiError) return err.errcode;
    throw err;
  }
  throw new Error('expected a WechatApiError');
}

describe('MiniProgramState', () => {
  let clock: ManualClock;
  let state: MiniProgramState;
  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2025, 0, 1, 12));
    state = new MiniProgramState(app, clock);
  });

  describe('login codes', () => {
    it('exchange once for the openid and unionid they were issued for', () => {
      const code = state.issueLoginCode({ openid: 'o_alice', unionid: 'u_alice' });
      const session = state.code2Session({ ...login, js_code: code });
      expect(session).toEqual({ openid: 'o_alice', unionid: 'u_alice', session_key: expect.any(String) });
      expect(Buffer.from(session.session_key, 'base64')).toHaveLength(16);
      expect(errcodeOf(() => state.code2Session({ ...login, js_code: code }))).toBe(40163);
    });

    it('leave unionid out for users without one', () => {
      const code = state.issueLoginCode({ openid: 'o_bob' });
      expect(state.code2Session({ ...login, js_code: code })).not.toHaveProperty('unionid');
    });

    it('are different every time and expire after five minutes', () => {
      const a = state.issueLoginCode({ openid: 'o_alice' });
      const b = state.issueLoginCode({ openid: 'o_alice' });
      expect(a).not.toBe(b);
      clock.advance(LOGIN_CODE_TTL_MS - 1);
      expect(state.code2Session({ ...login, js_code: a }).openid).toBe('o_alice');
      clock.advance(1);
      expect(errcodeOf(() => state.code2Session({ ...login, js_code: b }))).toBe(40029);
    });

    it('are refused before being consumed when the app is wrong', () => {
      const code = state.issueLoginCode({ openid: 'o_alice' });
      expect(errcodeOf(() => state.code2Session({ ...login, js_code: code, secret: 'f'.repeat(32) }))).toBe(40125);
      expect(errcodeOf(() => state.code2Session({ ...login, js_code: code, appid: 'wxffffffffffffffff' }))).toBe(40013);
      expect(errcodeOf(() => state.code2Session({ ...login, js_code: code, grant_type: 'client_credential' }))).toBe(40002);
      expect(state.code2Session({ ...login, js_code: code }).openid).toBe('o_alice');
    });

    it('remember who logged in, for WeChat Pay', () => {
      expect(state.hasIssuedOpenid('o_carol')).toBe(false);
      state.issueLoginCode({ openid: 'o_carol', nickname: 'Carol' });
      expect(state.hasIssuedOpenid('o_carol')).toBe(true);
      expect(state.user('o_carol')).toEqual({ openid: 'o_carol', unionid: null, nickname: 'Carol' });
    });
  });

  describe('/cgi-bin/token', () => {
    it('keeps the previous token working for five minutes after a new one', () => {
      const first = state.issueAccessToken(creds);
      expect(first.expires_in).toBe(ACCESS_TOKEN_TTL_S);
      const second = state.issueAccessToken(creds);
      expect(second.access_token).not.toBe(first.access_token);
      clock.advance(TOKEN_OVERLAP_MS - 1);
      expect(state.isValidAccessToken(first.access_token)).toBe(true);
      clock.advance(1);
      expect(state.isValidAccessToken(first.access_token)).toBe(false);
      expect(errcodeOf(() => state.checkAccessToken(first.access_token))).toBe(40001);
      expect(state.isValidAccessToken(second.access_token)).toBe(true);
    });

    it('answers 42001 for a token that simply ran out', () => {
      const { access_token } = state.issueAccessToken(creds);
      clock.advance(ACCESS_TOKEN_TTL_S * 1000);
      expect(errcodeOf(() => state.checkAccessToken(access_token))).toBe(42001);
      expect(errcodeOf(() => state.checkAccessToken('made-up'))).toBe(40001);
      expect(errcodeOf(() => state.checkAccessToken(undefined))).toBe(41001);
    });

    it('tells a malformed secret (40125) from a wrong one (40001)', () => {
      expect(errcodeOf(() => state.issueAccessToken({ ...creds, secret: 'nope' }))).toBe(40125);
      expect(errcodeOf(() => state.issueAccessToken({ ...creds, secret: 'a'.repeat(32) }))).toBe(40001);
      expect(errcodeOf(() => state.issueAccessToken({ ...creds, grant_type: 'authorization_code' }))).toBe(40002);
      expect(errcodeOf(() => state.issueAccessToken({ ...creds, appid: undefined }))).toBe(41002);
      expect(errcodeOf(() => state.issueAccessToken({ ...creds, secret: undefined }))).toBe(41004);
    });
  });

  describe('/cgi-bin/stable_token', () => {
    it('returns the same token while valid, with the time it has left', () => {
      const first = state.stableAccessToken(creds);
      clock.advance(1000 * 1000);
      const again = state.stableAccessToken(creds);
      expect(again.access_token).toBe(first.access_token);
      expect(again.expires_in).toBe(ACCESS_TOKEN_TTL_S - 1000);
      clock.advance((ACCESS_TOKEN_TTL_S - 1000) * 1000);
      const renewed = state.stableAccessToken(creds);
      expect(renewed.access_token).not.toBe(first.access_token);
      expect(renewed.expires_in).toBe(ACCESS_TOKEN_TTL_S);
    });

    it('is independent of /cgi-bin/token', () => {
      const stable = state.stableAccessToken(creds);
      state.issueAccessToken(creds);
      state.issueAccessToken(creds);
      clock.advance(TOKEN_OVERLAP_MS);
      expect(state.isValidAccessToken(stable.access_token)).toBe(true);
      expect(state.stableAccessToken(creds).access_token).toBe(stable.access_token);
    });

    it('force_refresh replaces the token at once', () => {
      const old = state.stableAccessToken(creds);
      const fresh = state.stableAccessToken({ ...creds, force_refresh: true });
      expect(fresh.access_token).not.toBe(old.access_token);
      expect(state.isValidAccessToken(old.access_token)).toBe(false);
      expect(state.stableAccessToken(creds).access_token).toBe(fresh.access_token);
    });

    it('rations force_refresh: 30 s apart, 20 a day, renewed at midnight in China', () => {
      state.stableAccessToken({ ...creds, force_refresh: true });
      clock.advance(FORCE_REFRESH_SPACING_MS - 1);
      expect(errcodeOf(() => state.stableAccessToken({ ...creds, force_refresh: true }))).toBe(45009);
      clock.advance(1);
      for (let i = 1; i < FORCE_REFRESH_PER_DAY; i += 1) {
        state.stableAccessToken({ ...creds, force_refresh: true });
        clock.advance(FORCE_REFRESH_SPACING_MS);
      }
      expect(errcodeOf(() => state.stableAccessToken({ ...creds, force_refresh: true }))).toBe(45009);
      // The clock started at 20:00 in Shanghai; midnight there is four hours on.
      clock.advance(4 * 3600_000);
      expect(state.stableAccessToken({ ...creds, force_refresh: true }).expires_in).toBe(ACCESS_TOKEN_TTL_S);
    });
  });
});
