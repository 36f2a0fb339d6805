import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../config';

describe('recommendation settings', () => {
  let varDir: string;
  beforeEach(() => {
    varDir = mkdtempSync(join(tmpdir(), 'kp-recs-config-'));
  });
  afterEach(() => rmSync(varDir, { recursive: true, force: true }));

  const base = (): NodeJS.ProcessEnv => ({ VAR_DIR: varDir, JWT_SECRET: 'j'.repeat(32), MEDIA_SIGNING_SECRET: 'm'.repeat(32) });

  it('recompute nightly at 03:30 in Shanghai, keeping 20 per learner and 50 neighbours per course, by default', () => {
    expect(loadConfig(base()).recommendations).toEqual({ cron: '30 3 * * *', timeZone: 'Asia/Shanghai', topN: 20, neighbours: 50, halfLifeDays: 30, batchSize: 1000 });
  });

  it('take the schedule and sizes from the environment', () => {
    const { recommendations } = loadConfig({
      ...base(),
      RECOMMENDATIONS_CRON: '0 */6 * * *',
      RECOMMENDATIONS_TZ: 'UTC',
      RECOMMENDATIONS_TOP_N: '30',
      RECOMMENDATIONS_HALF_LIFE_DAYS: '7.5',
    });
    expect(recommendations).toMatchObject({ cron: '0 */6 * * *', timeZone: 'UTC', topN: 30, halfLifeDays: 7.5 });
  });

  it('refuse a schedule that is not a cron pattern, an unknown time zone and sizes out of range, naming each variable', () => {
    let message = '';
    try {
      loadConfig({ ...base(), RECOMMENDATIONS_CRON: 'nightly', RECOMMENDATIONS_TZ: 'Mars/Olympus_Mons', RECOMMENDATIONS_TOP_N: '500', RECOMMENDATIONS_BATCH_SIZE: '0' });
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      message = (err as Error).message;
    }
    expect(message).toMatch(/RECOMMENDATIONS_CRON: must be a cron pattern/);
    expect(message).toMatch(/RECOMMENDATIONS_TZ: must be an IANA time zone/);
    expect(message).toMatch(/RECOMMENDATIONS_TOP_N: must be at most 100/);
    expect(message).toMatch(/RECOMMENDATIONS_BATCH_SIZE/);
  });
});
