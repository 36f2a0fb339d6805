import { expectError } from './support/expect-error';
import { buildCourse, enroll, publishCourse, registerUser, type Account, type BuiltCourse, publishedCourseCast } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';
import type { PageBody as Page } from '../src/http/pagination';

interface Review {
  id: number;
  course: number;
  user: { id: number; name: string } | null;
  rating: number;
  content: string;
  created_at: string;
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

let creator: Account;
let admin: Account;
let course: BuiltCourse;

beforeAll(async () => {
  ({ creator, admin, course } = await publishedCourseCast(app));
});

async function enrolledLearner(courseId = course.id): Promise<Account> {
  const learner = await registerUser(app);
  await enroll(app, learner.user.id, courseId);
  return learner;
}

function postReview(courseId: number, body: unknown, token?: string) {
  return app.request<Review>('POST', `/api/courses/${courseId}/reviews`, { token, body });
}

async function ratingOf(courseId: number): Promise<{ rating: number; rating_count: number }> {
  const res = await app.request<{ rating: number; rating_count: number }>('GET', `/api/courses/${courseId}`);
  expect(res.status).toBe(200);
  return { rating: res.body.rating, rating_count: res.body.rating_count };
}

async function reviewCount(courseId: number): Promise<number> {
  const [row] = (await app.container.dataSource.query('SELECT COUNT(*) AS n FROM reviews WHERE course_id = ?', [courseId])) as Array<{ n: string }>;
  return Number(row?.n);
}

describe('who may review', () => {
  it('answers 401 to anonymous reviewers', async () => {
    expectError(await postReview(course.id, { rating: 5, content: '好' }), 401, 'UNAUTHORIZED');
  });

  it('answers 403 NOT_ENROLLED to a learner who has not bought the course', async () => {
    const learner = await registerUser(app);
    expectError(await postReview(course.id, { rating: 5, content: '没买也想评' }, learner.token), 403, 'NOT_ENROLLED');
    expect(await reviewCount(course.id)).toBe(0);
  });

  it('answers 403 OWN_COURSE to the creator reviewing their own course', async () => {
    expectError(await postReview(course.id, { rating: 5, content: '我的课最好' }, creator.token), 403, 'OWN_COURSE');
    expect(await reviewCount(course.id)).toBe(0);
  });

  it('answers 404 for an unknown course', async () => {
    const learner = await registerUser(app);
    expectError(await postReview(99999999, { rating: 5, content: '不存在' }, learner.token), 404, 'NOT_FOUND');
  });

  it('answers 404 to reviews of a course that is not published, from learners who never bought it', async () => {
    const draft = await buildCourse(app, creator);
    const learner = await registerUser(app);
    expectError(await postReview(draft.id, { rating: 4, content: '草稿' }, learner.token), 404, 'NOT_FOUND');
    expect(await reviewCount(draft.id)).toBe(0);
  });
});

describe('reviewing and the course rating', () => {
  let first: Account;
  let second: Account;
  let firstReview: Review;
  let secondReview: Review;

  beforeAll(async () => {
    [first, second] = await Promise.all([enrolledLearner(), enrolledLearner()]);
  });

  it('starts without a rating', async () => {
    expect(await ratingOf(course.id)).toEqual({ rating: 0, rating_count: 0 });
  });

  it('answers 201 with the review of an enrolled learner', async () => {
    const res = await postReview(course.id, { rating: 5, content: '  讲得非常清楚  ' }, first.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ course: course.id, rating: 5, content: '讲得非常清楚', user: { id: first.user.id } });
    expect(Number.isInteger(res.body.id)).toBe(true);
    expect(Number.isNaN(Date.parse(res.body.created_at))).toBe(false);
    firstReview = res.body;
    expect(await ratingOf(course.id)).toEqual({ rating: 5, rating_count: 1 });
  });

  it('averages a second reviewer into the rating: 5 and 2 make 3.5 from 2', async () => {
    const res = await postReview(course.id, { rating: 2, content: '音质一般' }, second.token);
    expect(res.status).toBe(201);
    secondReview = res.body;
    expect(await ratingOf(course.id)).toEqual({ rating: 3.5, rating_count: 2 });
    const listed = await app.request<Page<{ id: number; rating: number; rating_count: number }>>('GET', `/api/courses?page_size=100`);
    expect(listed.body.results.find((c) => c.id === course.id)).toMatchObject({ rating: 3.5, rating_count: 2 });
  });

  it('answers 409 REVIEW_EXISTS to a second review by the same learner, keeping the first', async () => {
    expectError(await postReview(course.id, { rating: 1, content: '改主意了' }, first.token), 409, 'REVIEW_EXISTS');
    expect(await ratingOf(course.id)).toEqual({ rating: 3.5, rating_count: 2 });
    expect(await reviewCount(course.id)).toBe(2);
  });

  it('lists reviews newest first, one per page, with count, next and previous', async () => {
    const page1 = await app.request<Page<Review>>('GET', `/api/courses/${course.id}/reviews?page_size=1`);
    expect(page1.status).toBe(200);
    expect(page1.body.count).toBe(2);
    expect(page1.body.previous).toBeNull();
    expect(page1.body.results.map((r) => r.id)).toEqual([secondReview.id]);
    expect(page1.body.results[0]).toMatchObject({ rating: 2, content: '音质一般', user: { id: second.user.id } });
    expect(page1.body.next).not.toBeNull();
    const next = new URL(page1.body.next!, app.baseUrl);
    expect(next.pathname).toBe(`/api/courses/${course.id}/reviews`);
    expect(Object.fromEntries(next.searchParams)).toEqual({ page: '2', page_size: '1' });

    const page2 = await app.request<Page<Review>>('GET', `${next.pathname}${next.search}`);
    expect(page2.status).toBe(200);
    expect(page2.body.count).toBe(2);
    expect(page2.body.results.map((r) => r.id)).toEqual([firstReview.id]);
    expect(page2.body.next).toBeNull();
    const previous = new URL(page2.body.previous!, app.baseUrl);
    expect(Object.fromEntries(previous.searchParams)).toEqual({ page: '1', page_size: '1' });

    const all = await app.request<Page<Review>>('GET', `/api/courses/${course.id}/reviews/`);
    expect(all.body).toMatchObject({ count: 2, next: null, previous: null });
    expect(all.body.results.map((r) => r.id)).toEqual([secondReview.id, firstReview.id]);
  });

  it('answers an empty page past the end, and 400 for a bad page_size', async () => {
    const beyond = await app.request<Page<Review>>('GET', `/api/courses/${course.id}/reviews?page=5&page_size=1`);
    expect(beyond.status).toBe(200);
    expect(beyond.body).toMatchObject({ count: 2, next: null, results: [] });
    expectError(await app.request('GET', `/api/courses/${course.id}/reviews?page_size=101`), 400, 'VALIDATION_ERROR', 'page_size');
    expectError(await app.request('GET', `/api/courses/${course.id}/reviews?page=0`), 400, 'VALIDATION_ERROR', 'page');
  });

  it("does not show reviewers' private data", async () => {
    const res = await app.request<Page<Review>>('GET', `/api/courses/${course.id}/reviews`);
    for (const review of res.body.results) expect(Object.keys(review.user ?? {}).sort()).toEqual(['id', 'name']);
  });
});

describe('review input', () => {
  let learner: Account;
  beforeAll(async () => {
    learner = await enrolledLearner();
  });

  it.each<[string, unknown]>([
    ['0', 0],
    ['6', 6],
    ['4.5', 4.5],
    ['"5"', '5'],
    ['null', null],
    ['missing', undefined],
  ])('refuses rating %s with 400 naming rating', async (_label, rating) => {
    expectError(await postReview(course.id, { rating, content: '还行' }, learner.token), 400, 'VALIDATION_ERROR', 'rating');
  });

  it.each<[string, unknown]>([
    ['empty', ''],
    ['blank', '   '],
    ['2001 characters', '评'.repeat(2001)],
    ['a number', 5],
    ['missing', undefined],
  ])('refuses %s content with 400 naming content', async (_label, content) => {
    expectError(await postReview(course.id, { rating: 4, content }, learner.token), 400, 'VALIDATION_ERROR', 'content');
  });

  it('refuses unknown fields such as user or course', async () => {
    expectError(await postReview(course.id, { rating: 4, content: '好', user: 1 }, learner.token), 400, 'VALIDATION_ERROR', 'user');
    expectError(await postReview(course.id, { rating: 4, content: '好', course: 1 }, learner.token), 400, 'VALIDATION_ERROR', 'course');
  });

  it('stored nothing from the refused attempts, and still takes 2000 characters', async () => {
    const before = await ratingOf(course.id);
    const res = await postReview(course.id, { rating: 1, content: '评'.repeat(2000) }, learner.token);
    expect(res.status).toBe(201);
    expect(res.body.content).toHaveLength(2000);
    expect(await ratingOf(course.id)).toEqual({ rating_count: before.rating_count + 1, rating: expect.any(Number) });
  });
});

describe('reviews of courses the public cannot see', () => {
  it('answers 404 for an unknown course and a draft, but shows the draft to its creator', async () => {
    expectError(await app.request('GET', '/api/courses/99999999/reviews'), 404, 'NOT_FOUND');
    const draft = await buildCourse(app, creator);
    expectError(await app.request('GET', `/api/courses/${draft.id}/reviews`), 404, 'NOT_FOUND');
    const learner = await registerUser(app);
    expectError(await app.request('GET', `/api/courses/${draft.id}/reviews`, { token: learner.token }), 404, 'NOT_FOUND');
    const own = await app.request<Page<Review>>('GET', `/api/courses/${draft.id}/reviews`, { token: creator.token });
    expect(own.status).toBe(200);
    expect(own.body.count).toBe(0);
  });

  it('answers 404 to the public once a course with reviews is unlisted, but not to its learners', async () => {
    const other = await buildCourse(app, creator);
    await publishCourse(app, creator, admin, other.id);
    const learner = await enrolledLearner(other.id);
    expect((await postReview(other.id, { rating: 4, content: '不错' }, learner.token)).status).toBe(201);
    expect((await app.request<Page<Review>>('GET', `/api/courses/${other.id}/reviews`)).body.count).toBe(1);
    expect((await app.request('POST', `/api/creator/courses/${other.id}/unlist`, { token: creator.token })).status).toBe(200);
    expectError(await app.request('GET', `/api/courses/${other.id}/reviews`), 404, 'NOT_FOUND');
    // Those who bought it keep the course: they still read and write its reviews.
    const kept = await app.request<Page<Review>>('GET', `/api/courses/${other.id}/reviews`, { token: learner.token });
    expect(kept.status).toBe(200);
    expect(kept.body.count).toBe(1);
    const later = await enrolledLearner(other.id);
    expect((await postReview(other.id, { rating: 5, content: '下架后补评' }, later.token)).status).toBe(201);
    expectError(await app.request('GET', `/api/courses/${other.id}/reviews`, { token: (await registerUser(app)).token }), 404, 'NOT_FOUND');
  });
});
