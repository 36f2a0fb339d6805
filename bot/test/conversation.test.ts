import { bullConnection } from '@knowpay/server';
import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import { learnerNoticesWorker } from '../../jobs/src/workers/learner-notices.worker';
import { buildCourse, enroll, eventually, prepaidOrder, publishCourse, registerAdmin, registerCreator, registerUser, registerWechatLearner, type Account } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import * as format from '../src/format';
import { startTestBot, type TestBot } from './bot-harness';

let app: TestApp;
let bot: TestBot;
// The answer notice reaches the learner through the jobs' learner-notices worker, as in production.
let noticesConnection: Redis;
let notices: Worker;
let creator: Account;
let courseA: { id: number; name: string };
let courseB: { id: number; name: string; paidLessonId: number };
let contactSeq = 0;

const contact = (label: string) => ({ id: `wx_${label}_${++contactSeq}`, name: `${label}${contactSeq}` });

async function bindContact(c: { id: string; name: string }, userId: number): Promise<string[]> {
  const { code } = await app.container.chatBindings.issueCode(userId);
  return bot.say(c, `绑定 ${code}`);
}

beforeAll(async () => {
  app = await startTestApp({ BOT_OUTBOX_RATE_PER_S: '20' });
  const admin = await registerAdmin(app);
  creator = await registerCreator(app);
  const a = await buildCourse(app, creator, { name: 'Python 数据分析入门', price: 99.9 });
  const b = await buildCourse(app, creator, { name: '机器学习实战', price: 9.9 });
  for (const id of [a.id, b.id]) await publishCourse(app, creator, admin, id);
  courseA = { id: a.id, name: 'Python 数据分析入门' };
  courseB = { id: b.id, name: '机器学习实战', paidLessonId: b.paidLessonId };
  bot = await startTestBot(app);
  noticesConnection = bullConnection(app.container.config.redisUrl);
  notices = learnerNoticesWorker(app.container, noticesConnection, 2);
}, 60_000);

afterAll(async () => {
  await notices?.close();
  noticesConnection?.disconnect();
  await bot?.close();
  await app?.close();
});

describe('binding', () => {
  it('stops a contact guessing codes after the hourly number of attempts, even with a right code', async () => {
    const guesser = contact('guesser');
    const limit = app.container.config.chat.bindAttemptsPerHour;
    for (let i = 0; i < limit; i++) expect(await bot.say(guesser, '绑定 000000')).toEqual([format.texts.bindInvalid]);
    const learner = await registerUser(app);
    const { code } = await app.container.chatBindings.issueCode(learner.user.id);
    expect(await bot.say(guesser, `绑定 ${code}`)).toEqual([format.texts.bindTooMany]);
    expect(await app.container.chatBindings.contactForUser(learner.user.id)).toBeNull();
    // Another contact is not held back by the guesser.
    expect(await bot.say(contact('honest'), `绑定 ${code}`)).toEqual([format.bound(learner.user.username)]);
  });

  it('binds a contact with the code the mini-program issued, and refuses a wrong or used one', async () => {
    const learner = await registerUser(app);
    const c = contact('bind');
    const { code } = await app.container.chatBindings.issueCode(learner.user.id);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(await bot.say(c, `绑定 ${wrong}`)).toEqual([format.texts.bindInvalid]);
    expect(await app.container.chatBindings.userForContact(c.id)).toBeNull();

    const [reply] = await bot.say(c, `绑定 ${code}`);
    expect(reply).toContain('绑定成功');
    expect((await app.container.chatBindings.userForContact(c.id))?.id).toBe(learner.user.id);
    expect(await app.container.chatBindings.contactForUser(learner.user.id)).toMatchObject({ contactId: c.id, contactName: c.name });

    // Single use: someone else trying the same code gets nowhere.
    expect(await bot.say(contact('other'), `绑定 ${code}`)).toEqual([format.texts.bindInvalid]);
  });

  it('accepts the code issued through the API', async () => {
    const learner = await registerUser(app);
    const res = await app.request<{ code: string }>('POST', '/api/me/chat-binding-code', { token: learner.token });
    expect([200, 201]).toContain(res.status);
    const c = contact('api');
    expect((await bot.say(c, `绑定 ${res.body.code}`))[0]).toContain('绑定成功');
  });

  it('refuses to bind in a group, where others read the code', async () => {
    const learner = await registerUser(app);
    const { code } = await app.container.chatBindings.issueCode(learner.user.id);
    const c = contact('group');
    const replies = await bot.say(c, `绑定 ${code}`, { id: 'bind-group', mentioned: true });
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(format.texts.bindInGroup);
    expect(await app.container.chatBindings.userForContact(c.id)).toBeNull();
  });
});

describe('commands', () => {
  let learnerContact: { id: string; name: string };

  beforeAll(async () => {
    // A learner with an open order for one course and an enrollment in another.
    const { learner } = await prepaidOrder(app, courseB.id);
    await enroll(app, learner.user.id, courseA.id);
    learnerContact = contact('cmd');
    await bindContact(learnerContact, learner.user.id);
  });

  it('我的课程 lists the active enrollments', async () => {
    const [reply] = await bot.say(learnerContact, '我的课程');
    expect(reply).toContain('你已报名 1 门课程');
    expect(reply).toContain(`《${courseA.name}》`);
    expect(reply).toContain('已学 0%');
    expect(reply).not.toContain(courseB.name);
  });

  it('我的课程 lists what a member has started of the courses their plan covers, as the app does', async () => {
    const member = await registerUser(app);
    const plan = await app.container.memberships.createPlan({ id: creator.user.id, role: 'creator' }, { name: '机器学习会员', period: 'YEARLY', priceFen: 9900, allCourses: false, courseIds: [courseB.id], trialDays: 0 });
    await app.container.dataSource.transaction((m) => app.container.memberships.grant(m, { userId: member.user.id, planId: plan.id, orderId: null }));
    const memberContact = contact('member');
    await bindContact(memberContact, member.user.id);
    expect(await bot.say(memberContact, '我的课程')).toEqual([format.texts.noCourses]);
    const studied = await app.request('PUT', `/api/learning/lessons/${courseB.paidLessonId}/progress`, { token: member.token, body: { position_s: 30, completed: true } });
    expect(studied.status).toBe(200);
    const [reply] = await bot.say(memberContact, '我的课程');
    expect(reply).toContain(`《${courseB.name}》`);
    expect(reply).toContain('已学 50%');
  });

  it('我的订单 lists recent orders with their status, each named for what it bought', async () => {
    const [reply] = await bot.say(learnerContact, '我的订单');
    expect(reply).toContain(`《${courseB.name}》 ¥9.90 待支付`);

    // A membership order names its plan (it has no course).
    const member = await registerWechatLearner(app);
    const plan = await app.request<{ id: number }>('POST', '/api/creator/plans', { token: creator.token, body: { name: '全站月卡', period: 'MONTHLY', price_fen: 2900, all_courses: true } });
    expect((await app.request('POST', '/api/membership-orders', { token: member.token, body: { plan: plan.body.id } })).status).toBe(201);
    const memberContact = contact('plan');
    await bindContact(memberContact, member.user.id);
    const [orders] = await bot.say(memberContact, '我的订单');
    expect(orders).toContain('会员「全站月卡」 ¥29.00 待支付');
    expect(orders).not.toContain('null');
  });

  it('推荐 lists popular published courses to someone not bound', async () => {
    const [reply] = await bot.say(contact('rec'), '推荐');
    expect(reply).toContain('热门课程');
    expect(reply).toContain(courseA.name);
    expect(reply).toContain(courseB.name);
  });

  it('推荐 never offers a bound learner a course they already have', async () => {
    const [reply] = await bot.say(learnerContact, '推荐');
    expect(reply).toContain(`《${courseB.name}》`);
    expect(reply).not.toContain(`《${courseA.name}》`);
  });

  it('帮助 lists the commands', async () => {
    expect(await bot.say(contact('help'), '帮助')).toEqual([format.helpText()]);
  });

  it('tells an unbound person how to bind before showing personal data', async () => {
    const stranger = contact('stranger');
    expect(await bot.say(stranger, '我的课程')).toEqual([format.texts.notBound]);
    expect(await bot.say(stranger, '我的订单')).toEqual([format.texts.notBound]);
  });
});

describe('groups', () => {
  const room = { id: 'study-group', topic: '学习交流群' };

  it('stays quiet unless mentioned', async () => {
    const c = contact('room');
    expect(await bot.say(c, '帮助', { ...room, mentioned: false })).toEqual([]);
    expect(await bot.say(c, '怎么退款', room)).toEqual([]);
  });

  it('answers a mention, without the mention, addressing the asker', async () => {
    const c = contact('room');
    const [reply] = await bot.say(c, '帮助', { ...room, mentioned: true });
    expect(reply).toContain(format.helpText());
    expect(reply?.startsWith(`@${c.name}`)).toBe(true);
    // "@知识小助手" written in the text is a mention too.
    const [refund] = await bot.say(c, `@${format.BOT_NAME}\u2005怎么退款`, room);
    expect(refund).toContain('申请退款');
  });

  it('keeps personal data out of the group', async () => {
    expect(await bot.say(contact('room'), '我的订单', { ...room, mentioned: true })).toEqual([expect.stringContaining(format.texts.privateOnly('我的订单'))]);
  });
});

describe('questions', () => {
  it('answers platform questions from the help', async () => {
    const [reply] = await bot.say(contact('refund'), '怎么退款');
    expect(reply).toContain('申请退款');
    expect(reply).toContain(`${app.container.config.orders.refundWindowDays} 天内`);
  });

  it('forwards an unknown question to the teacher and brings the answer back', async () => {
    const creatorContact = contact('creator');
    expect((await bindContact(creatorContact, creator.user.id))[0]).toContain('绑定成功');
    const learner = await registerUser(app);
    await enroll(app, learner.user.id, courseA.id);
    const learnerContact = contact('asker');
    await bindContact(learnerContact, learner.user.id);

    const question = '第三章的练习数据集 sales_2023.csv 在哪里下载？';
    expect(await bot.say(learnerContact, question)).toEqual([format.texts.notConfident]);
    const [confirmed] = await bot.say(learnerContact, '转给老师');
    expect(confirmed).toContain(`已转给《${courseA.name}》的老师`);
    const questionId = Number(/#Q(\d+)/.exec(confirmed ?? '')?.[1]);
    const stored = await app.container.questions.get(questionId);
    expect(stored).toMatchObject({ courseId: courseA.id, userId: learner.user.id, text: question, status: 'OPEN', source: 'chat' });
    // Nothing left to forward.
    expect(await bot.say(learnerContact, '转给老师')).toEqual([format.texts.nothingToForward]);

    const forwarded = await eventually(async () => (await bot.inbox(creatorContact.id)).find((m) => m.text?.includes(`#Q${questionId}`)));
    expect(forwarded.text).toContain(question);

    const answer = '在课程资料区第三章，点“下载”即可，另附：数据已更新到 2024 年。';
    expect(await bot.say(creatorContact, `#Q${questionId} 答：${answer}`)).toEqual([format.creatorTexts.answered(questionId)]);
    expect(await app.container.questions.get(questionId)).toMatchObject({ status: 'ANSWERED', answer });

    const delivered = await eventually(async () => (await bot.inbox(learnerContact.id)).find((m) => m.text?.includes('有了回复')), 15);
    expect(delivered.text).toContain(answer);

    // The answer is now knowledge: the next learner asking the same gets it at once.
    const [again] = await bot.say(contact('next'), question);
    expect(again).toContain(answer);
    expect(again).toContain(`《${courseA.name}》`);
  }, 30_000);

  it('asks which course when the learner has several, and forwards to the one chosen', async () => {
    const learner = await registerUser(app);
    await enroll(app, learner.user.id, courseA.id);
    await enroll(app, learner.user.id, courseB.id);
    const c = contact('multi');
    await bindContact(c, learner.user.id);
    expect(await bot.say(c, '老师您好，作业二的截止时间可以延后吗？')).toEqual([format.texts.notConfident]);
    const [choose] = await bot.say(c, '转给老师');
    expect(choose).toContain('要转给哪门课的老师');
    const lines = (choose ?? '').split('\n');
    const number = lines.findIndex((l) => l.includes(courseB.name));
    expect(number).toBeGreaterThan(0);
    const [confirmed] = await bot.say(c, `转给老师 ${number}`);
    expect(confirmed).toContain(`已转给《${courseB.name}》的老师`);
  });

  it('does not forward for someone who is not bound, and refuses answers from anyone but the teacher', async () => {
    const c = contact('anon');
    expect(await bot.say(c, '作业二的截止时间可以延后吗？')).toEqual([format.texts.notConfident]);
    expect(await bot.say(c, '转给老师')).toEqual([format.texts.notBound]);

    const learner = await registerUser(app);
    await enroll(app, learner.user.id, courseA.id);
    const asked = await app.container.questions.ask({ id: learner.user.id, role: 'learner' }, courseA.id, '有没有课件？', 'app');
    const outsider = contact('outsider');
    await bindContact(outsider, (await registerUser(app)).user.id);
    expect(await bot.say(outsider, `#Q${asked.id} 有的`)).toEqual([format.creatorTexts.notFound(asked.id)]);
    expect((await app.container.questions.get(asked.id)).status).toBe('OPEN');
  });
});

describe('the chat endpoint', () => {
  it('answers bad input with 400 naming the fields', async () => {
    const res = await bot.post({ from: { name: 'x' }, text: '' });
    expect(res.status).toBe(400);
    expect(res.body.error?.code).toBe('VALIDATION_ERROR');
    expect(res.body.error?.details?.fields.map((f) => f.field)).toEqual(['from.id', 'text']);
    const inbox = await fetch(`${bot.url}/inbox`);
    expect(inbox.status).toBe(400);
    const notJson = await fetch(`${bot.url}/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{' });
    expect(notJson.status).toBe(400);
  });
});
