import { randomBytes } from 'node:crypto';
import { createDatabaseIfMissing, createDataSource, dropDatabase } from '../src/db/data-source';
import { MIGRATIONS } from '../src/db/migrations';
import { testEnv } from './support/test-env';

const url = (() => {
  const u = new URL(testEnv().databaseUrl);
  u.pathname = `/${process.env.KNOWPAY_TEST_RUN ?? 'kp_test_local'}_mig_${randomBytes(3).toString('hex')}`;
  return u.toString();
})();
const ds = createDataSource({ url, poolSize: 2 });

async function tables(): Promise<string[]> {
  const rows: Array<{ name: string }> = await ds.query(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name NOT IN ('migrations', 'typeorm_metadata') ORDER BY table_name",
  );
  return rows.map((r) => r.name);
}

async function createStatements(): Promise<string[]> {
  const out: string[] = [];
  for (const table of await tables()) {
    const [row] = (await ds.query(`SHOW CREATE TABLE \`${table}\``)) as Array<Record<string, string>>;
    out.push(row!['Create Table']!.replace(/ AUTO_INCREMENT=\d+/, ''));
  }
  return out;
}

beforeAll(async () => {
  await createDatabaseIfMissing(url);
  await ds.initialize();
});
afterAll(async () => {
  await ds.destroy();
  await dropDatabase(url);
});

describe('migrations', () => {
  it('run forward, backward and forward again, leaving the schema the entities expect', async () => {
    await ds.runMigrations({ transaction: 'each' });
    expect(await tables()).toEqual([
      'assignments',
      'audit_log',
      'binding_codes',
      'categories',
      'certificates',
      'chapters',
      'chat_bindings',
      'coupons',
      'coupon_redemptions',
      'courses',
      'course_daily_stats',
      'course_popularity',
      'course_questions',
      'course_revisions',
      'course_revision_media',
      'course_views',
      'creator_daily_sales',
      'enrollments',
      'faq_entries',
      'learner_activity',
      'learner_works',
      'lessons',
      'lesson_progress',
      'lesson_releases',
      'live_questions',
      'live_question_votes',
      'live_sessions',
      'memberships',
      'membership_plans',
      'membership_plan_courses',
      'notifications_sent',
      'orders',
      'paid_questions',
      'paid_question_settings',
      'purchase_propensity',
      'question_unlocks',
      'quizzes',
      'quiz_attempts',
      'quiz_questions',
      'recommendations',
      'recommendation_runs',
      'redemption_codes',
      'referral_attributions',
      'referral_balances',
      'referral_codes',
      'referral_ledger',
      'referral_rates',
      'referral_visits',
      'refunds',
      'related_courses',
      'reviews',
      'sales_digests',
      'study_sessions',
      'unlock_splits',
      'users',
    ]);
    expect(await ds.showMigrations()).toBe(false);
    const schema = await createStatements();

    for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);

    await ds.runMigrations({ transaction: 'each' });
    expect(await createStatements()).toEqual(schema);
    // Every entity column exists in the migrated tables.
    for (const entity of ds.entityMetadatas) {
      const rows: Array<{ name: string }> = await ds.query(
        'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ?',
        [entity.tableName],
      );
      expect(rows.map((r) => r.name).sort()).toEqual(entity.columns.map((c) => c.databaseName).sort());
    }
  });

  it('lets the database refuse what the types cannot: ratings outside 1..5 and negative prices', async () => {
    await ds.query("INSERT INTO users (username, display_name) VALUES ('mig_user', 'm')");
    await ds.query("INSERT INTO categories (name, slug) VALUES ('mig', 'mig')");
    await expect(
      ds.query("INSERT INTO courses (creator_id, category_id, name, description, price_fen, search_text) VALUES (1, 1, 'n', 'd', -1, '')"),
    ).rejects.toThrow();
    await ds.query("INSERT INTO courses (creator_id, category_id, name, description, price_fen, search_text) VALUES (1, 1, 'n', 'd', 100, '')");
    await expect(ds.query('INSERT INTO reviews (user_id, course_id, rating, content) VALUES (1, 1, 6, "x")')).rejects.toThrow();
  });

  it('holds an unused binding code for one user only, and codes to six digits', async () => {
    await ds.query("INSERT INTO users (username, display_name) VALUES ('mig_code_a', 'a'), ('mig_code_b', 'b')");
    const [a, b] = (await ds.query("SELECT id FROM users WHERE username IN ('mig_code_a', 'mig_code_b') ORDER BY username")) as Array<{ id: number }>;
    const insert = (userId: number, code: string) => ds.query('INSERT INTO binding_codes (user_id, code, expires_at) VALUES (?, ?, NOW())', [userId, code]);
    await insert(a!.id, '123456');
    await expect(insert(b!.id, '123456')).rejects.toThrow(/uq_binding_codes_active/);
    // Once used, the digits are free again; the used row stays as a record.
    await ds.query("UPDATE binding_codes SET used_at = NOW() WHERE code = '123456'");
    await insert(b!.id, '123456');
    await expect(insert(a!.id, '12345a')).rejects.toThrow();
    await expect(insert(a!.id, '12345')).rejects.toThrow();
  });
});
