import { AppError, RateLimitedError, RateLimiter } from '@knowpay/server';
import type { WechatyPlugin } from 'wechaty';
import * as format from '../format';
import { onCommand } from './incoming';
import type { BotServices } from './services';

/** "绑定 123456": links this WeChat contact to the account that issued the code in the mini-program. */
export function bindingPlugin(services: Pick<BotServices, 'chatBindings' | 'logger' | 'redis' | 'config'>): WechatyPlugin {
  // Six digits can be guessed: each contact gets a few tries per window, counted in Redis across bot processes.
  const attempts = new RateLimiter(services.redis, `${services.config.redisPrefix}:rl:chat-bind`, services.config.chat.bindAttemptsPerHour, 3600);
  return (bot) =>
    onCommand(bot, 'binding', services.logger, async (message) => {
      const { command } = message;
      if (command.kind !== 'bind') return;
      // A code read by a whole group could be used by anyone in it first.
      if (message.roomId) return message.reply(format.texts.bindInGroup);
      try {
        await attempts.consume(message.contactId);
      } catch (err) {
        if (err instanceof RateLimitedError) return message.reply(format.texts.bindTooMany);
        throw err;
      }
      try {
        const user = await services.chatBindings.bind({ contactId: message.contactId, contactName: message.contactName, code: command.code });
        await message.reply(format.bound(user.displayName));
      } catch (err) {
        if (err instanceof AppError && err.code === 'BINDING_CODE_INVALID') return message.reply(format.texts.bindInvalid);
        throw err;
      }
    });
}
