import { randomBytes } from 'node:crypto';
import { createContainer, type Container } from '../src/container';
import { databaseName } from '../src/db/data-source';
import { createLogger } from '../src/logger';
import { buildCourse, publishCourse, registerAdmin, registerCreator, registerUser } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import { queriesDuring, statements } from './support/query-counter';

/**
 * DATABASE_REPLICA_URLS with a replica URL that points at the same server and database as the primary,
 * through an account that may only SELECT: reads that go to the replica work, a write there would fail,
 * so every write that works went to the primary.
 */
let app: TestApp;
let replicated: Container;
const reader = `kp_ro_${randomBytes(4).toString('hex')}`;
const password = randomBytes(12).toString('hex');

beforeAll(async () => {
  app = await startTestApp();
  const { config } = app.container;
  const db = databaseName(config.databaseUrl);
  await app.container.dataSource.query(`CREATE USER '${reader}'@'%' IDENTIFIED BY '${password}'`);
  await app.container.dataSource.query(`GRANT SELECT ON \`${db}\`.* TO '${reader}'@'%'`);
  const replicaUrl = new URL(config.databaseUrl);
  replicaUrl.username = reader;
  replicaUrl.password = password;
  replicated = await createContainer({ ...config, databaseReplicaUrls: [replicaUrl.toString(), replicaUrl.toString()] }, { logger: createLogger('silent') });
});
afterAll(async () => {
  await replicated?.close();
  await app.container.dataSource.query(`DROP USER IF EXISTS '${reader}'@'%'`);
  await app.close();
});

describe('read replicas (DATABASE_REPLICA_URLS)', () => {
  it('connects to the replicas as their own account, which cannot write', async () => {
    const runner = replicated.dataSource.createQueryRunner('slave');
    try {
      const [{ who }] = (await runner.query('SELECT CURRENT_USER() AS who')) as [{ who: string }];
      expect(who.startsWith(`${reader}@`)).toBe(true);
      await expect(runner.query("INSERT INTO categories (name, slug, sort_order) VALUES ('只读', 'read-only', 0)")).rejects.toThrow(/denied/i);
    } finally {
      await runner.release();
    }
  });

  it('sends the catalog reads to a replica and the writes to the primary', async () => {
    const [creator, admin, learner] = await Promise.all([registerCreator(app), registerAdmin(app), registerUser(app)]);
    const course = await buildCourse(app, creator);
    await publishCourse(app, creator, admin, course.id);

    const reads = statements(
      await queriesDuring(replicated.dataSource, async () => {
        const page = await replicated.catalog.listCourses({ sort: 'newest' }, { page: 1, pageSize: 20 });
        expect(page.results.map((c) => c.id)).toContain(course.id);
        const outline = await replicated.catalog.getOutline(course.id, null);
        expect(outline.chapters[0]!.lessons).toHaveLength(2);
      }),
    );
    expect(reads.length).toBeGreaterThanOrEqual(4);
    expect(reads.every((q) => q.mode === 'slave')).toBe(true);

    // Writes through the replicated process: a review decision, an enrollment, reading its own write back.
    const author = { id: creator.user.id, role: 'creator' as const };
    const draft = await replicated.authoring.create(author, { name: '副本测试', description: '写主库', categoryId: (await replicated.catalog.listCategories())[0]!.id, priceFen: 100 });
    expect((await replicated.authoring.getOwn(author, draft.id)).status).toBe('DRAFT');
    await replicated.dataSource.transaction((m) => replicated.enrollments.enroll(m, { userId: learner.user.id, courseId: course.id, source: 'grant' }));
    expect(await replicated.enrollments.isEnrolled(learner.user.id, course.id)).toBe(true);
  });
});
