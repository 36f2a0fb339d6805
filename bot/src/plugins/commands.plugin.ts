import type { WechatyPlugin } from 'wechaty';
import { orderLabel } from '@knowpay/server';
import * as format from '../format';
import { onCommand } from './incoming';
import { learnerCourses } from './learner-courses';
import type { BotServices } from './services';

const RECENT_ORDERS = 5;
const RECOMMENDED = 5;

/** 我的课程, 我的订单, 推荐, 今日销售 and 帮助. */
export function commandsPlugin(services: Pick<BotServices, 'chatBindings' | 'progress' | 'orders' | 'salesDigests' | 'recommendations' | 'logger'>): WechatyPlugin {
  return (bot) =>
    onCommand(bot, 'commands', services.logger, async (message) => {
      switch (message.command.kind) {
        case 'help':
          return message.reply(format.helpText());
        case 'recommend': {
          // A bound learner gets their own list (never what they own); anyone else the popular courses. In a
          // group the list is the asker's own only when asked privately.
          const user = message.roomId ? null : await services.chatBindings.userForContact(message.contactId);
          const recs = user ? await services.recommendations.forLearner(user.id, RECOMMENDED) : await services.recommendations.popular(null, RECOMMENDED);
          return message.reply(recs.courses.length ? format.recommendations(recs.courses, recs.source === 'personal') : format.texts.noRecommendations);
        }
        case 'today-sales': {
          if (message.roomId) return message.reply(format.texts.privateOnly('今日销售'));
          const user = await services.chatBindings.userForContact(message.contactId);
          if (!user) return message.reply(format.texts.notBound);
          if (user.role !== 'creator') return message.reply(format.texts.creatorsOnly);
          return message.reply(await services.salesDigests.todayText(user.id));
        }
        case 'my-courses':
        case 'my-orders': {
          const label = message.command.kind === 'my-courses' ? '我的课程' : '我的订单';
          if (message.roomId) return message.reply(format.texts.privateOnly(label));
          const user = await services.chatBindings.userForContact(message.contactId);
          if (!user) return message.reply(format.texts.notBound);
          if (message.command.kind === 'my-courses') {
            const { courses, count } = await learnerCourses(services, user.id);
            return message.reply(courses.length ? format.courseList(courses, count) : format.texts.noCourses);
          }
          const orders = await services.orders.list({ id: user.id, role: user.role }, { page: 1, pageSize: RECENT_ORDERS });
          if (!orders.results.length) return message.reply(format.texts.noOrders);
          const rows = orders.results.map((o) => ({ item: orderLabel(o), amountFen: o.amountFen, status: o.status, orderTime: o.orderTime }));
          return message.reply(format.orderList(rows, orders.count));
        }
        default:
          return;
      }
    });
}
