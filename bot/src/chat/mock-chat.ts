import type { Logger } from '@knowpay/server';
import type { Wechaty } from 'wechaty';
import type { mock } from 'wechaty-puppet-mock';
import { BOT_NAME } from '../format';
import type { KeyedMutex } from '../keyed-mutex';
import type { DeliveryContent } from '../outbox/delivery-log';
import { messageWork } from '../plugins/message-work';
import type { ChatInput } from './chat-input';

/** How long one message may keep the features busy before POST /chat answers with what it has. */
const REPLY_TIMEOUT_MS = 20_000;

type MessageMock = mock.MessageMock;

/**
 * People talking to the bot through the mock puppet: each POST /chat is said by a mock contact (created
 * on first sight) to the bot or in a mock room, and what the bot says back in that conversation while
 * its features handle the message is the answer.
 */
export class MockChat {
  private readonly log: Logger;

  constructor(
    private readonly bot: Wechaty,
    private readonly mocker: mock.Mocker,
    private readonly self: mock.ContactMock,
    private readonly conversations: KeyedMutex,
    logger: Logger,
  ) {
    this.log = logger.child({ module: 'mock-chat' });
  }

  async send(input: ChatInput): Promise<DeliveryContent[]> {
    const contact = this.contact(input.from);
    const room = input.room ? this.room(input.room, contact) : undefined;
    return this.conversations.run(room?.id ?? contact.id, async () => {
      const replies: DeliveryContent[] = [];
      const fromBot = (message: MessageMock): void => {
        const p = message.payload;
        if (p.talkerId !== this.self.id) return;
        const here = room ? 'roomId' in p && p.roomId === room.id : 'listenerId' in p && p.listenerId === contact.id;
        if (here) replies.push(this.content(message));
      };
      const conversation = room ?? contact;
      conversation.on('message', fromBot);
      try {
        const messageId = this.say(contact, input, room);
        const work = messageWork(this.bot);
        if (!(await work.done(messageId, REPLY_TIMEOUT_MS))) {
          this.log.warn({ contactId: contact.id, timeoutMs: REPLY_TIMEOUT_MS }, 'the bot is still busy with a message; answering with the replies so far');
        }
      } finally {
        conversation.off('message', fromBot);
      }
      return replies;
    });
  }

  /** Says the message and returns its id, watched before the bot can see it. */
  private say(contact: mock.ContactMock, input: ChatInput, room: mock.RoomMock | undefined): string {
    let messageId: string | undefined;
    // The mock announces a new message on its talker synchronously, before the puppet passes it on.
    const capture = (message: MessageMock): void => {
      messageId ??= message.id;
    };
    contact.on('message', capture);
    try {
      if (room) {
        const mentioned = input.room?.mentioned ?? input.text.includes(`@${BOT_NAME}`);
        // WeChat puts "@name" and U+2005 in front of the text of a mention; clients of this endpoint may not.
        const text = mentioned && !input.text.includes(`@${BOT_NAME}`) ? `@${BOT_NAME}\u2005${input.text}` : input.text;
        contact.say(text, mentioned ? [this.self] : []).to(room);
      } else {
        contact.say(input.text).to(this.self);
      }
    } finally {
      contact.off('message', capture);
    }
    if (!messageId) throw new Error('the mock puppet did not create the message');
    messageWork(this.bot).watch(messageId);
    return messageId;
  }

  /** Makes a person known to the mock puppet (who has not talked to it since it started). */
  ensureContact(from: ChatInput['from']): void {
    this.contact(from);
  }

  private contact(from: ChatInput['from']): mock.ContactMock {
    if (this.mocker.cacheContactPayload.has(from.id)) return this.mocker.ContactMock.load(from.id);
    return this.mocker.createContact({ id: from.id, name: from.name });
  }

  private room(input: NonNullable<ChatInput['room']>, member: mock.ContactMock): mock.RoomMock {
    // The mock tells rooms from contacts by an "@" in the id, as WeChat's "…@chatroom" ids have.
    const id = input.id.includes('@') ? input.id : `${input.id}@chatroom`;
    if (!this.mocker.cacheRoomPayload.has(id)) {
      return this.mocker.createRoom({ id, topic: input.topic, memberIdList: [this.self.id, member.id], adminIdList: [], ownerId: undefined });
    }
    const room = this.mocker.RoomMock.load(id);
    if (!room.payload.memberIdList.includes(member.id)) room.payload.memberIdList.push(member.id);
    return room;
  }

  private content(message: MessageMock): DeliveryContent {
    const file = this.mocker.cacheFileBoxPayload.get(message.id);
    if (file) return { file: { name: file.name, url: 'url' in file && typeof file.url === 'string' ? file.url : '' } };
    return { text: message.text() ?? '' };
  }
}
