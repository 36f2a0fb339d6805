import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { createDatabaseIfMissing, createDataSource, dropDatabase } from '../src/db/data-source';
import { seedDemo, type SeedDemoResult } from '../src/db/seed/seed-demo';
import { verifyPassword } from '../src/domain/users/password';
import { testEnv } from './support/test-env';

const TABLES = ['users', 'categories', 'courses', 'chapters', 'lessons', 'reviews', 'enrollments'] as const;

function databaseUrl(): string {
  const url = new URL(testEnv().databaseUrl);
  url.pathname = `/${process.env.KNOWPAY_TEST_RUN ?? 'kp_test_local'}_seed_${randomBytes(4).toString('hex')}`;
  return url.toString();
}

async function counts(ds: DataSource): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const [row] = (await ds.query(`SELECT COUNT(*) AS n FROM \`${table}\``)) as Array<{ n: number | string }>;
    out[table] = Number(row?.n);
  }
  return out;
}

describe('seedDemo', () => {
  const url = databaseUrl();
  let ds: DataSource;
  let mediaDir: string;
  let first: SeedDemoResult;
  const logged: string[] = [];

  beforeAll(async () => {
    await createDatabaseIfMissing(url);
    ds = createDataSource({ url, poolSize: 3 });
    await ds.initialize();
    await ds.runMigrations();
    mediaDir = await mkdtemp(join(tmpdir(), 'knowpay-seed-'));
    first = await seedDemo(ds, { mediaDir, log: (line) => logged.push(line) });
  }, 60_000);

  afterAll(async () => {
    await ds?.destroy();
    await dropDatabase(url);
    if (mediaDir) await rm(mediaDir, { recursive: true, force: true });
  });

  it('seeds an empty catalog and says so', () => {
    expect(first.seeded).toBe(true);
    expect(logged.join('\n')).toMatch(/courses/);
  });

  it('creates categories and published courses, including 数据科学入门 in 数据科学', async () => {
    const [cats] = (await ds.query('SELECT COUNT(*) AS n FROM categories')) as Array<{ n: string }>;
    expect(Number(cats?.n)).toBeGreaterThanOrEqual(6);
    const [published] = (await ds.query("SELECT COUNT(*) AS n FROM courses WHERE status = 'PUBLISHED'")) as Array<{ n: string }>;
    expect(Number(published?.n)).toBeGreaterThanOrEqual(40);
    const rows = (await ds.query(
      `SELECT c.status, c.published_at AS publishedAt, cat.name AS category FROM courses c
       JOIN categories cat ON cat.id = c.category_id WHERE c.name = ?`,
      ['数据科学入门'],
    )) as Array<{ status: string; publishedAt: Date | null; category: string }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'PUBLISHED', category: '数据科学' });
    expect(rows[0]?.publishedAt).toBeInstanceOf(Date);
  });

  it('has several 数据 courses at different prices and keeps unpublished ones unpublished', async () => {
    const prices = (await ds.query(
      "SELECT DISTINCT price_fen AS p FROM courses WHERE status = 'PUBLISHED' AND search_text LIKE '%数据%'",
    )) as Array<{ p: number }>;
    expect(prices.length).toBeGreaterThanOrEqual(3);
    const unpublished = (await ds.query(
      "SELECT status, published_at AS publishedAt FROM courses WHERE status <> 'PUBLISHED' ORDER BY status",
    )) as Array<{ status: string; publishedAt: Date | null }>;
    expect(unpublished.map((r) => r.status)).toEqual(['DRAFT', 'IN_REVIEW']);
    expect(unpublished.every((r) => r.publishedAt === null)).toBe(true);
    const [free] = (await ds.query("SELECT COUNT(*) AS n FROM courses WHERE price_fen = 0 AND status = 'PUBLISHED'")) as Array<{
      n: string;
    }>;
    expect(Number(free?.n)).toBeGreaterThanOrEqual(3);
  });

  it('gives every published course at least two chapters, each with lessons', async () => {
    const rows = (await ds.query(
      `SELECT c.id, COUNT(DISTINCT ch.id) AS chapters,
              SUM(CASE WHEN (SELECT COUNT(*) FROM lessons l WHERE l.chapter_id = ch.id AND l.course_id = c.id) = 0 THEN 1 ELSE 0 END) AS empty
       FROM courses c LEFT JOIN chapters ch ON ch.course_id = c.id
       WHERE c.status = 'PUBLISHED' GROUP BY c.id`,
    )) as Array<{ id: number; chapters: string; empty: string | null }>;
    expect(rows.length).toBeGreaterThanOrEqual(40);
    for (const r of rows) {
      expect(Number(r.chapters)).toBeGreaterThanOrEqual(2);
      expect(Number(r.empty)).toBe(0);
    }
    const [misfiled] = (await ds.query(
      'SELECT COUNT(*) AS n FROM lessons l JOIN chapters ch ON ch.id = l.chapter_id WHERE ch.course_id <> l.course_id',
    )) as Array<{ n: string }>;
    expect(Number(misfiled?.n)).toBe(0);
    const firstLessons = (await ds.query(
      `SELECT l.title FROM lessons l JOIN chapters ch ON ch.id = l.chapter_id JOIN courses c ON c.id = ch.course_id
       WHERE c.name = ? AND ch.position = 0 ORDER BY l.position`,
      ['数据科学入门'],
    )) as Array<{ title: string }>;
    expect(firstLessons[0]?.title).toBe('课程导学：数据科学家每天在做什么');
    const [preview] = (await ds.query('SELECT COUNT(*) AS n FROM lessons WHERE free_preview = 1')) as Array<{ n: string }>;
    expect(Number(preview?.n)).toBeGreaterThan(10);
    const positions = (await ds.query(
      'SELECT chapter_id, MIN(position) AS lo, MAX(position) AS hi, COUNT(*) AS n FROM lessons GROUP BY chapter_id',
    )) as Array<{ lo: number; hi: number; n: string }>;
    for (const p of positions) expect([Number(p.lo), Number(p.hi)]).toEqual([0, Number(p.n) - 1]);
  });

  it('keeps rating aggregates equal to the reviews and sales equal to enrollments', async () => {
    const rows = (await ds.query(
      `SELECT c.id, c.rating_count AS ratingCount, c.rating_sum AS ratingSum, c.rating_avg AS ratingAvg, c.sales_count AS sales,
              (SELECT COUNT(*) FROM reviews r WHERE r.course_id = c.id) AS n,
              (SELECT COALESCE(SUM(r.rating), 0) FROM reviews r WHERE r.course_id = c.id) AS total,
              (SELECT ROUND(COALESCE(AVG(r.rating), 0), 2) FROM reviews r WHERE r.course_id = c.id) AS avg,
              (SELECT COUNT(*) FROM enrollments e WHERE e.course_id = c.id) AS enrolled
       FROM courses c`,
    )) as Array<Record<string, string | number>>;
    for (const r of rows) {
      expect(Number(r.ratingCount)).toBe(Number(r.n));
      expect(Number(r.ratingSum)).toBe(Number(r.total));
      expect(Number(r.ratingAvg)).toBeCloseTo(Number(r.avg), 2);
      expect(Number(r.sales)).toBe(Number(r.enrolled));
    }
    const ratings = new Set(rows.filter((r) => Number(r.n) > 0).map((r) => Number(r.ratingAvg)));
    expect(ratings.size).toBeGreaterThan(5);
    expect(rows.some((r) => Number(r.n) === 0)).toBe(true);
  });

  it('enrolls every reviewer in the course they review', async () => {
    const [orphans] = (await ds.query(
      `SELECT COUNT(*) AS n FROM reviews r
       LEFT JOIN enrollments e ON e.user_id = r.user_id AND e.course_id = r.course_id AND e.status = 'ACTIVE'
       WHERE e.id IS NULL`,
    )) as Array<{ n: string }>;
    expect(Number(orphans?.n)).toBe(0);
    const [reviews] = (await ds.query('SELECT COUNT(*) AS n FROM reviews')) as Array<{ n: string }>;
    expect(Number(reviews?.n)).toBeGreaterThan(40);
  });

  it('creates the admin, creators and learners with working random passwords', async () => {
    const roles = new Map(first.accounts.map((a) => [a.username, a.role]));
    expect(roles.get('admin')).toBe('admin');
    expect(first.accounts.filter((a) => a.role === 'creator').length).toBeGreaterThanOrEqual(4);
    expect(first.accounts.filter((a) => a.role === 'learner').length).toBeGreaterThanOrEqual(10);
    expect(new Set(first.accounts.map((a) => a.password)).size).toBe(first.accounts.length);
    const admin = first.accounts.find((a) => a.username === 'admin');
    expect(admin?.password.length).toBeGreaterThanOrEqual(12);
    const [row] = (await ds.query("SELECT role, password_hash AS hash FROM users WHERE username = 'admin'")) as Array<{
      role: string;
      hash: string;
    }>;
    expect(row?.role).toBe('admin');
    expect(row?.hash).not.toContain(admin?.password ?? '');
    expect(await verifyPassword(admin?.password ?? '', row?.hash ?? '')).toBe(true);
  });

  it('writes real sample media for every lesson: audio, video, document and article', async () => {
    const keys = (await ds.query('SELECT DISTINCT kind, media_key AS mediaKey FROM lessons')) as Array<{
      kind: string;
      mediaKey: string | null;
    }>;
    for (const { kind, mediaKey } of keys) {
      expect(mediaKey).not.toBeNull();
      const bytes = await readFile(join(mediaDir, mediaKey ?? ''));
      if (kind === 'video') {
        // A WebM (EBML) file a browser plays, small enough to ship with the seed.
        expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
        expect(bytes.toString('latin1')).toContain('webm');
        expect(bytes.length).toBeLessThan(200 * 1024);
      } else if (kind === 'audio') {
        expect(bytes.subarray(0, 4).toString('ascii')).toBe('RIFF');
        expect(bytes.subarray(8, 12).toString('ascii')).toBe('WAVE');
        expect(bytes.length).toBeLessThan(100 * 1024);
      } else if (kind === 'document') {
        expect(bytes.subarray(0, 5).toString('ascii')).toBe('%PDF-');
        const text = bytes.toString('latin1');
        const startxref = Number(/startxref\n(\d+)/.exec(text)?.[1]);
        expect(text.slice(startxref, startxref + 4)).toBe('xref');
        const entries = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n \n/gm)].map((e) => Number(e[1]));
        expect(entries.length).toBeGreaterThan(0);
        entries.forEach((offset, i) => expect(text.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true));
        expect(text).toContain('knowpay demo document');
      } else {
        expect(bytes.toString('utf8')).toMatch(/^# /);
      }
    }
    expect(keys.filter((k) => k.kind === 'article').length).toBeGreaterThan(10);
  });

  it('does nothing when the catalog already has courses', async () => {
    const before = await counts(ds);
    const again = await seedDemo(ds, { mediaDir, log: () => undefined });
    expect(again).toEqual({ seeded: false, accounts: [] });
    expect(await counts(ds)).toEqual(before);
  });
});
