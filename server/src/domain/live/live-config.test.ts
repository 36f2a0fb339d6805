import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config';

describe('live Q&A room settings', () => {
  let varDir: string;
  beforeEach(() => {
    varDir = mkdtempSync(join(tmpdir(), 'kp-live-config-'));
  });
  afterEach(() => rmSync(varDir, { recursive: true, force: true }));

  const base = (): NodeJS.ProcessEnv => ({ VAR_DIR: varDir, JWT_SECRET: 'j'.repeat(32), MEDIA_SIGNING_SECRET: 'm'.repeat(32) });

  it('let a member ask 5 questions and give 30 upvotes a minute by default', () => {
    expect(loadConfig(base()).liveRooms).toEqual({ askPerMinute: 5, upvotesPerMinute: 30, accessRecheckSeconds: 60 });
  });

  it('take the limits from the environment, and refuse ones that are not limits, naming the variable', () => {
    expect(loadConfig({ ...base(), LIVE_ASK_PER_MINUTE: '2', LIVE_UPVOTES_PER_MINUTE: '100', LIVE_ACCESS_RECHECK_S: '5' }).liveRooms).toEqual({
      askPerMinute: 2,
      upvotesPerMinute: 100,
      accessRecheckSeconds: 5,
    });
    expect(() => loadConfig({ ...base(), LIVE_ACCESS_RECHECK_S: '0' })).toThrow(/LIVE_ACCESS_RECHECK_S/);
    expect(() => loadConfig({ ...base(), LIVE_ASK_PER_MINUTE: '0' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base(), LIVE_UPVOTES_PER_MINUTE: 'many' })).toThrow(/LIVE_UPVOTES_PER_MINUTE/);
  });
});
