import { localDay } from '@knowpay/server';
import { eventually, firstCategoryId, registerCreator, registerUser, type Account } from '../../server/test/support/fixtures';
import { startTestApp, type TestApp } from '../../server/test/support/harness';
import { insertSale, insertShop, insertUser } from '../../server/test/support/sales';
import * as format from '../src/format';
import { startTestBot, type TestBot } from './bot-harness';

let app: TestApp;
let bot: TestBot;
let creator: Account;
const creatorContact = { id: 'wx_sales_creator', name: '王老师' };

async function bind(c: { id: string; name: string }, userId: number): Promise<void> {
  const { code } = await app.container.chatBindings.issueCode(userId);
  await bot.say(c, `绑定 ${code}`);
}

beforeAll(async () => {
  app = await startTestApp({ BOT_OUTBOX_RATE_PER_S: '20' });
  creator = await registerCreator(app);
  const shop = await insertShop(app, await firstCategoryId(app), [{ name: '数据分析入门', priceFen: 9900 }], { id: creator.user.id });
  // Two sales a moment ago: today's, whatever the hour.
  for (let i = 0; i < 2; i++) await insertSale(app, { userId: await insertUser(app, 'learner'), courseId: shop.courseIds[0]!, amountFen: 9900, paidAt: new Date(Date.now() - 1000) });
  bot = await startTestBot(app);
  await bind(creatorContact, creator.user.id);
}, 60_000);

afterAll(async () => {
  await bot?.close();
  await app?.close();
});

describe('今日销售', () => {
  it("answers a bound creator with today's figures so far", async () => {
    const [reply] = await bot.say(creatorContact, '今日销售');
    expect(reply).toMatch(/^【今日销售】\d{4}-\d{2}-\d{2}（截至 \d{2}:\d{2}）\n收入 ¥198\.00，/);
    expect(reply).toContain('支付订单 2 笔');
    expect(reply).toContain('1.《数据分析入门》¥198.00 · 2 笔');
  });

  it('tells others politely that it is for creators, and keeps figures out of groups', async () => {
    const learner = await registerUser(app);
    const learnerContact = { id: 'wx_sales_learner', name: '小明' };
    await bind(learnerContact, learner.user.id);
    expect(await bot.say(learnerContact, '今日销售')).toEqual([format.texts.creatorsOnly]);
    expect(await bot.say({ id: 'wx_sales_stranger' }, '今日销售')).toEqual([format.texts.notBound]);
    expect(await bot.say(creatorContact, '@知识小助手\u2005今日销售', { id: 'room_sales', mentioned: true })).toEqual([`@${creatorContact.name} ${format.texts.privateOnly('今日销售')}`]);
  });
});

describe('the daily digest', () => {
  it('reaches the bound creator in chat as text and a chart', async () => {
    const now = new Date();
    expect(await app.container.salesDigests.make(creator.user.id, now)).toBe('queued');
    const messages = await eventually(async () => {
      const inbox = await bot.inbox(creatorContact.id);
      return inbox.length >= 2 ? inbox : null;
    });
    const date = localDay(now, 'Asia/Shanghai');
    expect(messages[0]!.text).toMatch(new RegExp(`^【销售日报】${date}`));
    expect(messages[1]!.file).toEqual({ name: `sales-digest-${date}.png`, url: expect.stringContaining(`/media/digests/${creator.user.id}/${date}.png?exp=`) });
  });
});
