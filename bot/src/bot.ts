import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BotOutboxJob, Config, Container } from '@knowpay/server';
import type { Worker } from 'bullmq';
import type Redis from 'ioredis';
import { ScanStatus, WechatyBuilder, type Wechaty } from 'wechaty';
import { mock, PuppetMock } from 'wechaty-puppet-mock';
import { startChatServer, type ChatServer } from './chat/chat-server';
import { MockChat } from './chat/mock-chat';
import { BOT_NAME } from './format';
import { KeyedMutex } from './keyed-mutex';
import { DeliveryLog } from './outbox/delivery-log';
import { findContact, outboxWorker } from './outbox/outbox.worker';
import { bindingPlugin } from './plugins/binding.plugin';
import { commandsPlugin } from './plugins/commands.plugin';
import { creatorAnswerPlugin } from './plugins/creator-answer.plugin';
import { qaPlugin } from './plugins/qa.plugin';
import type { BotServices } from './plugins/services';

export interface BuiltWechaty {
  bot: Wechaty;
  /** Set for the mock puppet: the handle that plays the people the bot talks to. */
  mocker?: mock.Mocker;
}

/** The Wechaty instance for the configured puppet (WECHATY_PUPPET). */
export function buildWechaty(config: Pick<Config, 'bot' | 'varDir'>): BuiltWechaty {
  const { puppet, puppetServiceToken } = config.bot;
  if (puppet === 'wechaty-puppet-mock') {
    const mocker = new mock.Mocker();
    return { bot: WechatyBuilder.build({ puppet: new PuppetMock({ mocker }) }), mocker };
  }
  // Real accounts keep their login session in a memory card, so a restart does not ask for a new QR scan.
  const dir = join(config.varDir, 'wechaty');
  mkdirSync(dir, { recursive: true });
  const name = join(dir, 'knowpay-bot');
  const puppetOptions = puppet === 'wechaty-puppet-service' ? { token: puppetServiceToken } : {};
  return { bot: WechatyBuilder.build({ name, puppet, puppetOptions }) };
}

/** Every chat feature, each a Wechaty plugin `(bot) => uninstall`. */
export function chatFeatures(services: BotServices) {
  return [bindingPlugin(services), commandsPlugin(services), qaPlugin(services), creatorAnswerPlugin(services)];
}

export interface RunningBot {
  bot: Wechaty;
  deliveries: DeliveryLog;
  outbox: Worker<BotOutboxJob>;
  /** The local chat endpoint (mock puppet only). */
  chat?: ChatServer;
  stop(): Promise<void>;
}

export interface StartBotOptions {
  /** Overrides BOT_CHAT_PORT (tests use 0 for any free port). */
  chatPort?: number;
}

/**
 * Starts the bot: loads the Q&A knowledge, installs the features, logs in (at once with the mock puppet,
 * after a QR scan with a real one), then runs the outbox worker and, with the mock, the chat endpoint.
 */
export async function startBot(container: Container, connection: Redis, options: StartBotOptions = {}): Promise<RunningBot> {
  const { config } = container;
  const log = container.logger.child({ module: 'bot' });
  await container.qaKnowledge.load();

  const { bot, mocker } = buildWechaty(config);
  const conversations = new KeyedMutex();
  const deliveries = new DeliveryLog();
  const uninstall = bot.use(chatFeatures(container));
  let mockChat: MockChat | undefined;
  // The mock puppet forgets its people when the process restarts; one still bound is someone the account knows.
  const restoreBoundContact = async (id: string): Promise<boolean> => {
    const user = mockChat ? await container.chatBindings.userForContact(id) : null;
    const bound = user ? await container.chatBindings.contactForUser(user.id) : null;
    if (!mockChat || bound?.contactId !== id) return false;
    mockChat.ensureContact({ id, name: bound.contactName });
    return true;
  };
  // Nothing may be sent before the puppet is logged in: the worker starts with the login.
  const outbox = outboxWorker({
    bot,
    connection,
    prefix: config.redisPrefix,
    ratePerSecond: config.notifications.chatRatePerSecond,
    deliveries,
    conversations,
    logger: container.logger,
    autorun: false,
    findContact: async (id) => (await findContact(bot, id)) ?? ((await restoreBoundContact(id)) ? findContact(bot, id) : undefined),
  });
  let outboxRunning = false;
  let stopping = false;

  bot.on('error', (err) => log.error({ err }, 'wechaty error'));
  bot.on('scan', (qrcode, status) => {
    if (status === ScanStatus.Waiting || status === ScanStatus.Timeout) {
      log.info({ qrcode: `https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}` }, 'scan the QR code with the bot account’s WeChat to log in');
    }
  });
  bot.on('login', (user) => {
    log.info({ user: user.name(), puppet: config.bot.puppet }, 'bot logged in');
    if (!outboxRunning) {
      outboxRunning = true;
      outbox.run().catch((err: unknown) => log.error({ err }, 'outbox worker stopped'));
    } else if (outbox.isPaused()) {
      outbox.resume();
    }
  });
  bot.on('logout', (user) => {
    if (stopping) return log.info({ user: user.name() }, 'bot logged out');
    log.warn({ user: user.name() }, 'bot logged out: outbox paused until the next login');
    // Messages wait in the queue rather than failing against a puppet that cannot send. Stopping logs
    // out too, after the worker is closed: pausing a closed worker would open a new Redis connection.
    if (outboxRunning) outbox.pause().catch((err: unknown) => log.warn({ err }, 'could not pause the outbox'));
  });

  await bot.start();
  let chat: ChatServer | undefined;
  if (mocker) {
    const self = mocker.createContact({ name: BOT_NAME });
    const loggedIn = new Promise<void>((resolve) => bot.once('login', () => resolve()));
    mocker.login(self);
    await loggedIn;
    mockChat = new MockChat(bot, mocker, self, conversations, container.logger);
    chat = await startChatServer({ host: config.bot.chatHost, port: options.chatPort ?? config.bot.chatPort, chat: mockChat, deliveries, logger: container.logger });
    log.info({ url: chat.url }, 'mock puppet: chat endpoint ready (POST /chat, GET /inbox)');
  }

  // Other processes add FAQ entries and answers; this process's own changes are in the index already.
  const reload = setInterval(() => {
    container.qaKnowledge.load().catch((err: unknown) => log.warn({ err }, 'could not reload the Q&A knowledge; keeping the current one'));
  }, config.bot.qaReloadSeconds * 1000);
  reload.unref();

  return {
    bot,
    deliveries,
    outbox,
    chat,
    async stop() {
      stopping = true;
      clearInterval(reload);
      await chat?.close();
      // The message in hand is finished; the rest wait in Redis for the next start.
      await outbox.close();
      uninstall();
      await bot.stop();
    },
  };
}
