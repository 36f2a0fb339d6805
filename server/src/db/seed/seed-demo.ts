import { randomBytes } from 'node:crypto';
import {
  DataSource,
  In,
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  type QueryDeepPartialEntity,
} from 'typeorm';
import { Category } from '../../domain/catalog/category.entity';
import { Chapter } from '../../domain/catalog/chapter.entity';
import { Course } from '../../domain/catalog/course.entity';
import { Lesson } from '../../domain/catalog/lesson.entity';
import { Review } from '../../domain/catalog/review.entity';
import { searchText } from '../../domain/catalog/search-terms';
import { Enrollment } from '../../domain/learning/enrollment.entity';
import { User, type Role } from '../../domain/users/user.entity';
import { hashPassword, passwordWeakness } from '../../domain/users/password';
import { systemClock, type Clock } from '../../shared/clock';
import {
  DEMO_ADMIN,
  DEMO_CATEGORIES,
  DEMO_COURSES,
  DEMO_CREATORS,
  DEMO_LEARNERS,
  type DemoCourse,
  type DemoLesson,
  type DemoPerson,
} from './demo-catalog';
import { writeSampleMedia, type DemoArticle, type SampleMediaKeys } from './sample-media';

export interface SeedDemoOptions {
  /** Where the sample audio, document and articles are written (the media storage root). */
  mediaDir: string;
  log: (line: string) => void;
  clock?: Clock;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
}

export interface SeedDemoResult {
  seeded: boolean;
  /** Plain passwords, only on the run that created the accounts: the caller shows and stores them. */
  accounts: DemoAccount[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const INSERT_CHUNK = 200;
/** Serializes concurrent seeders (two start scripts at once) so only one of them fills the catalog. */
const SEED_LOCK = 'knowpay_seed_demo';
const SEED_LOCK_WAIT_S = 60;

/**
 * Fills an empty catalog with the demo store in one transaction. A catalog that already has courses is
 * left untouched (seeded=false), so start scripts can call this on every start.
 */
export async function seedDemo(ds: DataSource, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  if ((await ds.getRepository(Course).count()) > 0) {
    opts.log('demo catalog: courses already exist, nothing seeded');
    return { seeded: false, accounts: [] };
  }
  checkDemoData();
  const clock = opts.clock ?? systemClock;

  const people: Array<DemoPerson & { role: Role }> = [
    { ...DEMO_ADMIN, role: 'admin' },
    ...DEMO_CREATORS.map((p) => ({ ...p, role: 'creator' as const })),
    ...DEMO_LEARNERS.map((p) => ({ ...p, role: 'learner' as const })),
  ];
  // scrypt is deliberately slow: hash before taking the lock so the transaction stays short.
  const accounts = people.map((p) => ({ username: p.username, password: newPassword(p.username), role: p.role }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));

  const media = await writeSampleMedia(opts.mediaDir, demoArticles());

  const runner = ds.createQueryRunner();
  await runner.connect();
  try {
    const [lock] = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [SEED_LOCK, SEED_LOCK_WAIT_S])) as Array<{
      got: number | string | null;
    }>;
    if (Number(lock?.got) !== 1) throw new Error('demo seed: another seeder holds the lock');
    try {
      const seeded = await runner.manager.transaction(async (m) => {
        // Checked again under the lock: another process may have seeded while we hashed.
        if ((await m.getRepository(Course).count()) > 0) return false;
        const stats = await insertCatalog(m, { clock, media, people, hashes });
        opts.log(
          `demo catalog: ${stats.categories} categories, ${stats.courses} courses (${stats.published} published), ` +
            `${stats.lessons} lessons, ${stats.reviews} reviews, ${stats.enrollments} enrollments, ${people.length} accounts`,
        );
        return true;
      });
      if (!seeded) opts.log('demo catalog: courses already exist, nothing seeded');
      return { seeded, accounts: seeded ? accounts : [] };
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [SEED_LOCK]);
    }
  } finally {
    await runner.release();
  }
}

/** base64url of 12 random bytes is 16 characters; drawn again in the rare case the house rules reject it. */
function newPassword(username: string): string {
  for (;;) {
    const candidate = randomBytes(12).toString('base64url');
    if (passwordWeakness(candidate, username) === null) return candidate;
  }
}

function demoArticles(): DemoArticle[] {
  return DEMO_COURSES.flatMap((c) =>
    c.chapters.flatMap((ch) =>
      ch.lessons
        .filter((l) => l.kind === 'article')
        .map((l) => ({ courseName: c.name, courseDescription: c.description, lessonTitle: l.title })),
    ),
  );
}

function mediaKeyOf(course: DemoCourse, lesson: DemoLesson, media: SampleMediaKeys): string {
  switch (lesson.kind) {
    case 'audio':
      return media.audioKey;
    case 'document':
      return media.documentKey;
    case 'article':
      return media.articleKey(course.name, lesson.title);
    case 'video':
      return media.videoKey;
  }
}

/** A fraction in [0, 1) that differs from row to row but not from run to run, to spread demo timestamps. */
function spread(n: number): number {
  return ((n * 0.6180339887) % 1 + 1) % 1;
}

async function insertCatalog(
  m: EntityManager,
  ctx: { clock: Clock; media: SampleMediaKeys; people: Array<DemoPerson & { role: Role }>; hashes: string[] },
): Promise<{ categories: number; courses: number; published: number; lessons: number; reviews: number; enrollments: number }> {
  const now = ctx.clock.now().getTime();
  const taken = await m.getRepository(User).find({ where: { username: In(ctx.people.map((p) => p.username)) } });
  if (taken.length > 0) {
    throw new Error(`demo seed: usernames already registered: ${taken.map((u) => u.username).join(', ')}`);
  }

  // Accounts predate every course (the oldest is 240 days), so enrollments never precede registration.
  const users = ctx.people.map((p, i) =>
    m.getRepository(User).create({
      username: p.username,
      displayName: p.displayName,
      passwordHash: ctx.hashes[i] ?? null,
      role: p.role,
      registeredAt: new Date(now - (400 - i * 5) * DAY_MS),
    }),
  );
  await insertAll(m, User, users);
  const userByName = new Map(users.map((u) => [u.username, u]));

  const categories = DEMO_CATEGORIES.map((c) => m.getRepository(Category).create({ ...c }));
  await insertAll(m, Category, categories);
  const categoryBySlug = new Map(categories.map((c) => [c.slug, c]));

  const courses = DEMO_COURSES.map((c) => {
    const creator = must(userByName.get(c.creator), c.creator);
    const category = must(categoryBySlug.get(c.category), c.category);
    const ratingSum = c.reviews.reduce((sum, r) => sum + r.rating, 0);
    const ratingCount = c.reviews.length;
    const publishedAt = c.status === 'PUBLISHED' && c.publishedDaysAgo !== null ? new Date(now - c.publishedDaysAgo * DAY_MS) : null;
    return m.getRepository(Course).create({
      creatorId: creator.id,
      categoryId: category.id,
      name: c.name,
      description: c.description,
      priceFen: c.priceFen,
      status: c.status,
      reviewNote: null,
      publishedAt,
      coverKey: null,
      ratingCount,
      ratingSum,
      ratingAvg: ratingCount === 0 ? 0 : Math.round((ratingSum / ratingCount) * 100) / 100,
      salesCount: c.reviews.length + c.alsoEnrolled.length,
      searchText: searchText({ name: c.name, description: c.description, category: category.name, creator: creator.displayName }),
      createdAt: new Date((publishedAt?.getTime() ?? now) - 7 * DAY_MS),
    });
  });
  await insertAll(m, Course, courses);

  const chapters = DEMO_COURSES.flatMap((c, ci) =>
    c.chapters.map((ch, position) =>
      m.getRepository(Chapter).create({ courseId: must(courses[ci], c.name).id, title: ch.title, position }),
    ),
  );
  await insertAll(m, Chapter, chapters);

  let chapterIndex = 0;
  const lessons = DEMO_COURSES.flatMap((c, ci) =>
    c.chapters.flatMap((ch) => {
      const chapter = must(chapters[chapterIndex++], ch.title);
      return ch.lessons.map((l, position) =>
        m.getRepository(Lesson).create({
          chapterId: chapter.id,
          courseId: must(courses[ci], c.name).id,
          title: l.title,
          kind: l.kind,
          durationS: l.durationS,
          freePreview: l.freePreview,
          mediaKey: mediaKeyOf(c, l, ctx.media),
          position,
        }),
      );
    }),
  );
  await insertAll(m, Lesson, lessons);

  const enrollments: Enrollment[] = [];
  const reviews: Review[] = [];
  let row = 0;
  DEMO_COURSES.forEach((c, ci) => {
    const course = must(courses[ci], c.name);
    const learners = [...c.reviews.map((r) => r.learner), ...c.alsoEnrolled];
    for (const username of learners) {
      const user = must(userByName.get(username), username);
      // Somewhere between the later of publication and registration and an hour ago.
      const start = Math.max(course.publishedAt?.getTime() ?? now, user.registeredAt.getTime());
      const end = now - 60 * 60 * 1000;
      const enrolledAt = new Date(start + (end - start) * 0.8 * spread(++row));
      enrollments.push(
        m.getRepository(Enrollment).create({
          userId: user.id,
          courseId: course.id,
          source: 'grant',
          status: 'ACTIVE',
          orderId: null,
          enrolledAt,
        }),
      );
      const r = c.reviews.find((x) => x.learner === username);
      if (r) {
        const reviewedAt = new Date(enrolledAt.getTime() + (end - enrolledAt.getTime()) * spread(row + 7));
        reviews.push(
          m.getRepository(Review).create({
            userId: user.id,
            courseId: course.id,
            rating: r.rating,
            content: r.content,
            createdAt: reviewedAt,
            updatedAt: reviewedAt,
          }),
        );
      }
    }
  });
  await insertAll(m, Enrollment, enrollments);
  await insertAll(m, Review, reviews);

  return {
    categories: categories.length,
    courses: courses.length,
    published: courses.filter((c) => c.status === 'PUBLISHED').length,
    lessons: lessons.length,
    reviews: reviews.length,
    enrollments: enrollments.length,
  };
}

/**
 * Multi-row INSERTs in chunks: save() would issue one INSERT per row. TypeORM fills the generated ids
 * back into the entities, which the next level (courses → chapters → lessons) needs.
 */
async function insertAll<T extends ObjectLiteral>(m: EntityManager, target: EntityTarget<T>, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    await m.getRepository(target).insert(rows.slice(i, i + INSERT_CHUNK) as QueryDeepPartialEntity<T>[]);
  }
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`demo seed: unknown reference "${what}"`);
  return value;
}

/** The demo data is hand-written; a typo should fail loudly before anything is written, not half-way. */
function checkDemoData(): void {
  const problems: string[] = [];
  const people = [DEMO_ADMIN, ...DEMO_CREATORS, ...DEMO_LEARNERS];
  const usernames = new Set(people.map((p) => p.username));
  if (usernames.size !== people.length) problems.push('duplicate usernames');
  for (const p of people) if (!/^[a-z0-9_]{3,32}$/.test(p.username)) problems.push(`bad username ${p.username}`);
  const creators = new Set(DEMO_CREATORS.map((p) => p.username));
  const learners = new Set(DEMO_LEARNERS.map((p) => p.username));
  const slugs = new Set(DEMO_CATEGORIES.map((c) => c.slug));
  const names = new Set<string>();
  for (const c of DEMO_COURSES) {
    if (names.has(c.name)) problems.push(`duplicate course ${c.name}`);
    names.add(c.name);
    if (!slugs.has(c.category)) problems.push(`${c.name}: unknown category ${c.category}`);
    if (!creators.has(c.creator)) problems.push(`${c.name}: unknown creator ${c.creator}`);
    if (!Number.isInteger(c.priceFen) || c.priceFen < 0) problems.push(`${c.name}: bad price`);
    if ((c.status === 'PUBLISHED') !== (c.publishedDaysAgo !== null)) problems.push(`${c.name}: publishedDaysAgo vs status`);
    const enrolled = [...c.reviews.map((r) => r.learner), ...c.alsoEnrolled];
    if (new Set(enrolled).size !== enrolled.length) problems.push(`${c.name}: learner listed twice`);
    if (c.status !== 'PUBLISHED' && enrolled.length > 0) problems.push(`${c.name}: enrollments in an unpublished course`);
    for (const u of enrolled) if (!learners.has(u)) problems.push(`${c.name}: unknown learner ${u}`);
    for (const ch of c.chapters) {
      for (const l of ch.lessons) {
        const timed = l.kind === 'video' || l.kind === 'audio';
        if (timed !== l.durationS > 0) problems.push(`${c.name}: duration of ${l.title}`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`demo seed data is inconsistent:\n  ${problems.join('\n  ')}`);
}
