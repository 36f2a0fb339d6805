import { createLogger } from '@knowpay/server';
import { FileBox } from 'file-box';
import { WechatyBuilder, type Wechaty } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { BOT_NAME } from '../format';
import { KeyedMutex } from '../keyed-mutex';
import { onCommand } from '../plugins/incoming';
import { MockChat } from './mock-chat';

const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let bot: Wechaty;
let chat: MockChat;

beforeAll(async () => {
  const mocker = new mock.Mocker();
  bot = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) });
  // A feature that answers late and twice, and one that sends a file: replies are collected until both are done.
  bot.use(
    (b) =>
      onCommand(b, 'echo', logger, async (m) => {
        if (m.command.kind !== 'question') return;
        await sleep(m.command.text.includes('slow') ? 80 : 1);
        await m.reply(`echo: ${m.command.text}`);
        await m.reply('done');
      }),
    (b) =>
      onCommand(b, 'file', logger, async (m) => {
        if (m.command.kind === 'help' && !m.roomId) await b.Contact.find({ id: m.contactId }).then((c) => c?.say(FileBox.fromUrl('http://127.0.0.1:1/a.pdf', { name: 'a.pdf' })));
      }),
  );
  await bot.start();
  const self = mocker.createContact({ name: BOT_NAME });
  const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()));
  mocker.login(self);
  await loggedIn;
  chat = new MockChat(bot, mocker, self, new KeyedMutex(), logger);
});

afterAll(() => bot.stop());

describe('MockChat', () => {
  it('answers with everything the features said in reply, however long they took', async () => {
    expect(await chat.send({ from: { id: 'u1', name: '甲' }, text: 'slow question' })).toEqual([{ text: 'echo: slow question' }, { text: 'done' }]);
  });

  it('keeps conversations apart when people talk at the same time', async () => {
    const [a, b] = await Promise.all([chat.send({ from: { id: 'u2', name: '乙' }, text: 'slow a' }), chat.send({ from: { id: 'u3', name: '丙' }, text: 'b' })]);
    expect(a).toEqual([{ text: 'echo: slow a' }, { text: 'done' }]);
    expect(b).toEqual([{ text: 'echo: b' }, { text: 'done' }]);
  });

  it('returns files as their name and URL', async () => {
    expect(await chat.send({ from: { id: 'u4', name: '丁' }, text: '帮助' })).toEqual([{ file: { name: 'a.pdf', url: 'http://127.0.0.1:1/a.pdf' } }]);
  });

  it('plays groups: silence without a mention, an answer to the asker with one', async () => {
    const room = { id: 'g1', topic: '学习群' };
    expect(await chat.send({ from: { id: 'u5', name: '戊' }, text: 'hello', room: { ...room, mentioned: false } })).toEqual([]);
    const replies = await chat.send({ from: { id: 'u5', name: '戊' }, text: 'hello', room: { ...room, mentioned: true } });
    expect(replies).toEqual([{ text: '@戊 echo: hello' }, { text: '@戊 done' }]);
  });
});
