import type { Logger } from '@knowpay/server';
import { types, type Message, type Wechaty, type WechatyPluginUninstaller } from 'wechaty';
import { parseCommand, type Command } from '../commands';
import { texts } from '../format';
import { messageWork } from './message-work';

/** What a feature needs to know about one message, read once however many features look at it. */
export interface Incoming {
  contactId: string;
  contactName: string;
  /** Set for group messages (which reach the features only when the bot was @mentioned). */
  roomId?: string;
  command: Command;
  reply(text: string): Promise<void>;
}

export interface MessageFacts {
  self: boolean;
  type: types.Message;
  inRoom: boolean;
  mentionsBot: boolean;
  /** The text without the @mentions of the bot. */
  text: string;
}

/**
 * The bot's rules for which messages it answers: its own never, only text, and in a group only when
 * @mentioned (a group bot that answers every line is noise). Everything else becomes a command.
 */
export function routeMessage(facts: MessageFacts): Command | null {
  if (facts.self || facts.type !== types.Message.Text) return null;
  if (facts.inRoom && !facts.mentionsBot) return null;
  return parseCommand(facts.text);
}

const read = new WeakMap<Message, Promise<Incoming | null>>();

/** Reads a Wechaty message into an Incoming, or null when the bot leaves it alone. */
export function readMessage(message: Message): Promise<Incoming | null> {
  let incoming = read.get(message);
  if (!incoming) {
    incoming = readOnce(message);
    read.set(message, incoming);
  }
  return incoming;
}

async function readOnce(message: Message): Promise<Incoming | null> {
  if (message.self() || message.type() !== types.Message.Text) return null;
  const room = message.room();
  const mentionsBot = room ? await message.mentionSelf() : false;
  // mentionText() drops the mentions wherever they stand ("请问 @知识小助手 怎么退款").
  const text = room && mentionsBot ? await message.mentionText() : message.text();
  const command = routeMessage({ self: false, type: message.type(), inRoom: !!room, mentionsBot, text });
  if (!command) return null;
  const talker = message.talker();
  return {
    contactId: talker.id,
    contactName: talker.name(),
    roomId: room?.id,
    command,
    // In a group, the answer @mentions whoever asked, as people do there.
    reply: async (reply) => {
      if (room) await room.say(reply, talker);
      else await message.say(reply);
    },
  };
}

/**
 * Registers one feature's message handler: reads the message, hands commands to `handle`, and turns an
 * unexpected failure into a log line and an apology instead of silence.
 */
export function onCommand(bot: Wechaty, feature: string, logger: Logger, handle: (incoming: Incoming) => Promise<void>): WechatyPluginUninstaller {
  const log = logger.child({ module: `bot-${feature}` });
  const work = messageWork(bot);
  const listener = (message: Message): void => {
    const handled = (async () => {
      const incoming = await readMessage(message);
      if (!incoming) return;
      try {
        await handle(incoming);
      } catch (err) {
        log.error({ err, contactId: incoming.contactId, kind: incoming.command.kind }, 'message handling failed');
        await incoming.reply(texts.failed).catch((sayErr: unknown) => log.warn({ err: sayErr }, 'could not send the apology either'));
      }
    })().catch((err: unknown) => log.error({ err }, 'could not read a message'));
    work.add(message.id, handled);
  };
  bot.on('message', listener);
  return () => {
    bot.off('message', listener);
  };
}
