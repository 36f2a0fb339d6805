import { AppError, ConflictError, ForbiddenError, NotFoundError } from '@knowpay/server';
import type { WechatyPlugin } from 'wechaty';
import * as format from '../format';
import { onCommand } from './incoming';
import type { BotServices } from './services';

/**
 * A creator answering a forwarded question in chat. The convention: the forwarded message carries
 * "#Q<id>"; a message from the bound creator that starts with "#Q<id>" (optionally "答：") is the answer,
 * and so is WeChat's quote-reply to the forwarded message. The learner hears of it through the outbox.
 */
export function creatorAnswerPlugin(services: Pick<BotServices, 'chatBindings' | 'questions' | 'logger'>): WechatyPlugin {
  return (bot) =>
    onCommand(bot, 'creator-answer', services.logger, async (message) => {
      const { command } = message;
      if (command.kind !== 'answer') return;
      if (!command.text) return message.reply(format.creatorTexts.emptyAnswer(command.questionId));
      const user = await services.chatBindings.userForContact(message.contactId);
      if (!user) return message.reply(format.texts.notBound);
      try {
        await services.questions.answer({ id: user.id, role: user.role }, command.questionId, command.text);
        return message.reply(format.creatorTexts.answered(command.questionId));
      } catch (err) {
        if (err instanceof NotFoundError) return message.reply(format.creatorTexts.notFound(command.questionId));
        if (err instanceof ForbiddenError) return message.reply(format.creatorTexts.notYours(command.questionId));
        if (err instanceof ConflictError) return message.reply(format.creatorTexts.alreadyAnswered(command.questionId));
        if (err instanceof AppError && err.status < 500) return message.reply(err.message);
        throw err;
      }
    });
}
