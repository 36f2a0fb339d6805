import { renewalStart, termEnd } from '../src/domain/memberships/membership-terms';
import type { Membership } from '../src/domain/memberships/membership.entity';
import { buildCourse, enroll, publishCourse, registerAdmin, registerCreator, registerUser, type Account, type BuiltCourse } from './support/fixtures';
import { startTestApp, type TestApp } from './support/harness';

const DAY_S = 86_400;

describe('membership terms', () => {
  it('ends a calendar month or year later, clamped to the end of a shorter month, and never for lifetime', () => {
    expect(termEnd(new Date('2026-01-31T08:00:00Z'), 'MONTHLY')?.toISOString()).toBe('2026-02-28T08:00:00.000Z');
    expect(termEnd(new Date('2026-03-15T08:00:00Z'), 'MONTHLY')?.toISOString()).toBe('2026-04-15T08:00:00.000Z');
    expect(termEnd(new Date('2028-02-29T00:00:00Z'), 'YEARLY')?.toISOString()).toBe('2029-02-28T00:00:00.000Z');
    expect(termEnd(new Date('2026-11-26T00:00:00Z'), 'LIFETIME')).toBeNull();
  });

  it('renews from the later of now and the current end', () => {
    const now = new Date('2026-06-01T00:00:00Z');
    const later = new Date('2026-07-01T00:00:00Z');
    const earlier = new Date('2026-05-01T00:00:00Z');
    expect(renewalStart(now, null)).toEqual(now);
    expect(renewalStart(now, { status: 'ACTIVE', endsAt: later })).toEqual(later);
    expect(renewalStart(now, { status: 'ACTIVE', endsAt: earlier })).toEqual(now);
    expect(renewalStart(now, { status: 'REVOKED', endsAt: later })).toEqual(now);
  });
});

describe('memberships open courses through the one access decision', () => {
  let app: TestApp;
  let creator: Account;
  let otherCreator: Account;
  let admin: Account;
  let courseA: BuiltCourse;
  let courseB: BuiltCourse;
  let foreign: BuiltCourse;

  beforeAll(async () => {
    app = await startTestApp();
    [creator, otherCreator, admin] = await Promise.all([registerCreator(app), registerCreator(app), registerAdmin(app)]);
    courseA = await buildCourse(app, creator);
    courseB = await buildCourse(app, creator);
    foreign = await buildCourse(app, otherCreator);
    for (const [c, owner] of [
      [courseA, creator],
      [courseB, creator],
      [foreign, otherCreator],
    ] as const) {
      await publishCourse(app, owner, admin, c.id);
    }
  });
  afterAll(() => app.close());

  const plan = (author: Account, input: Partial<Parameters<TestApp['container']['memberships']['createPlan']>[1]> = {}) =>
    app.container.memberships.createPlan(
      { id: author.user.id, role: 'creator' },
      { name: '年度会员', period: 'YEARLY', priceFen: 19900, allCourses: true, courseIds: [], trialDays: 0, ...input },
    );
  const grant = (userId: number, planId: number): Promise<Membership> =>
    app.container.dataSource.transaction((m) => app.container.memberships.grant(m, { userId, planId, orderId: null }));
  const revoke = (userId: number, planId: number) => app.container.dataSource.transaction((m) => app.container.memberships.revoke(m, { userId, planId }));
  const player = async (learner: Account, c: BuiltCourse) => (await app.request('GET', `/api/learning/lessons/${c.paidLessonId}`, { token: learner.token })).status;
  /** Moves the clock on; the learner signs in again (tokens expire with time too). */
  const later = async (learner: Account, seconds: number): Promise<Account> => {
    app.clock.advance(seconds);
    const login = await app.request<{ token: string }>('POST', '/api/auth/login', { body: { username: learner.user.username, password: learner.password } });
    expect(login.status).toBe(200);
    return { ...learner, token: login.body.token };
  };
  const detail = async (learner: Account, c: BuiltCourse) => {
    const res = await app.request<{ enrolled: boolean; chapters: Array<{ lessons: Array<{ id: number; url: string | null }> }> }>('GET', `/api/courses/${c.id}/`, { token: learner.token });
    const paid = res.body.chapters.flatMap((ch) => ch.lessons).find((l) => l.id === c.paidLessonId);
    return { enrolled: res.body.enrolled, paidUrl: paid?.url ?? null };
  };

  it('an all-courses member studies every course of that creator, and none of another creator', async () => {
    const learner = await registerUser(app);
    const yearly = await plan(creator);
    expect([await player(learner, courseA), await player(learner, courseB)]).toEqual([403, 403]);

    await grant(learner.user.id, yearly.id);

    expect([await player(learner, courseA), await player(learner, courseB), await player(learner, foreign)]).toEqual([200, 200, 403]);
    const seen = await detail(learner, courseA);
    expect(seen.enrolled).toBe(true);
    expect(seen.paidUrl).toEqual(expect.any(String));
    const progress = await app.request('PUT', `/api/learning/lessons/${courseB.paidLessonId}/progress`, { token: learner.token, body: { position_s: 10, completed: false } });
    expect(progress.status).toBe(200);
  });

  it('a plan listing courses opens only those', async () => {
    const learner = await registerUser(app);
    const monthly = await plan(creator, { name: '单课月卡', period: 'MONTHLY', allCourses: false, courseIds: [courseA.id] });
    await grant(learner.user.id, monthly.id);
    expect([await player(learner, courseA), await player(learner, courseB)]).toEqual([200, 403]);
  });

  it('a membership never opens the creator’s drafts', async () => {
    const learner = await registerUser(app);
    const draft = await buildCourse(app, creator);
    await grant(learner.user.id, (await plan(creator)).id);
    expect((await app.request('GET', `/api/courses/${draft.id}/`, { token: learner.token })).status).toBe(404);
    expect(await player(learner, draft)).toBe(404);
  });

  it('drip-release rules count from the start of the membership', async () => {
    let learner = await registerUser(app);
    const dripped = await buildCourse(app, creator);
    const rule = await app.request('PUT', `/api/creator/lessons/${dripped.paidLessonId}/release`, { token: creator.token, body: { after_days: 3 } });
    expect(rule.status).toBe(200);
    await publishCourse(app, creator, admin, dripped.id);
    await grant(learner.user.id, (await plan(creator, { name: '三天后开课' })).id);
    const locked = await app.request<{ error: { code: string } }>('GET', `/api/learning/lessons/${dripped.paidLessonId}`, { token: learner.token });
    expect([locked.status, locked.body.error.code]).toEqual([403, 'LESSON_LOCKED']);
    learner = await later(learner, 3 * DAY_S + 60);
    expect(await player(learner, dripped)).toBe(200);
  });

  it('a plan cannot list another creator’s course', async () => {
    await expect(plan(creator, { allCourses: false, courseIds: [foreign.id] })).rejects.toMatchObject({ status: 404 });
  });

  it('an expired membership closes the courses again; renewing after it lapsed starts from now', async () => {
    let learner = await registerUser(app);
    const monthly = await plan(creator, { name: '月度会员', period: 'MONTHLY' });
    const first = await grant(learner.user.id, monthly.id);
    expect(await player(learner, courseA)).toBe(200);

    learner = await later(learner, 32 * DAY_S);
    expect(await player(learner, courseA)).toBe(403);
    expect((await detail(learner, courseA)).paidUrl).toBeNull();

    const renewed = await grant(learner.user.id, monthly.id);
    expect(renewed.id).toBe(first.id);
    expect(renewed.startsAt.getTime()).toBeGreaterThan(first.endsAt!.getTime());
    expect(renewed.endsAt).toEqual(termEnd(renewed.startsAt, 'MONTHLY'));
    expect(await player(learner, courseA)).toBe(200);
  });

  it('renewing a running membership extends it from its current end', async () => {
    const learner = await registerUser(app);
    const yearly = await plan(creator);
    const first = await grant(learner.user.id, yearly.id);
    const second = await grant(learner.user.id, yearly.id);
    expect(second.startsAt).toEqual(first.startsAt);
    expect(second.endsAt).toEqual(termEnd(first.endsAt!, 'YEARLY'));
    expect(await app.container.memberships.current(learner.user.id)).toEqual([expect.objectContaining({ id: first.id, endsAt: second.endsAt })]);
  });

  it('a revoked (refunded) membership closes the courses, but a purchase of one course still opens it', async () => {
    const learner = await registerUser(app);
    const yearly = await plan(creator);
    await grant(learner.user.id, yearly.id);
    await enroll(app, learner.user.id, courseB.id);
    expect(await revoke(learner.user.id, yearly.id)).toBe(true);
    expect(await revoke(learner.user.id, yearly.id)).toBe(false);
    expect([await player(learner, courseA), await player(learner, courseB)]).toEqual([403, 200]);
    expect(await app.container.memberships.current(learner.user.id)).toEqual([]);
  });

  it('a lifetime membership never lapses', async () => {
    let learner = await registerUser(app);
    const lifetime = await plan(creator, { name: '终身会员', period: 'LIFETIME' });
    const granted = await grant(learner.user.id, lifetime.id);
    expect(granted.endsAt).toBeNull();
    learner = await later(learner, 3650 * DAY_S);
    expect(await player(learner, courseA)).toBe(200);
  });
});
