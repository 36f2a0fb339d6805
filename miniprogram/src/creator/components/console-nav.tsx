import { ScrollView, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { consoleText } from '../../i18n/zh-CN.console';
import { CONSOLE_ROUTES } from '../lib/routes';

const t = consoleText.nav;

const CREATOR: Array<[keyof typeof CONSOLE_ROUTES, string]> = [
  ['courses', t.courses],
  ['analytics', t.analytics],
  ['coupons', t.coupons],
  ['referrals', t.referrals],
  ['plans', t.plans],
  ['codes', t.codes],
  ['questions', t.questions],
  ['paidQuestions', t.paidQuestions],
  ['works', t.works],
  ['quizzes', t.quizzes],
  ['live', t.live],
  ['refunds', t.refunds],
  ['digests', t.digests],
];
const ADMIN: Array<[keyof typeof CONSOLE_ROUTES, string]> = [
  ['adminReview', t.review],
  ['adminWorks', t.worksReview],
  ['adminUsers', t.users],
  ['adminOrders', t.orders],
  ['adminAnalytics', t.platform],
  ['admin', t.queues],
];

/** The console's sections: a scrolling strip on a phone, a side bar on a wide screen (app.css). */
export function ConsoleNav({ role, current }: { role: 'creator' | 'admin'; current: string }) {
  const items = role === 'creator' ? CREATOR : ADMIN;
  return (
    <View className='console__nav'>
      <Text className='console__brand'>{role === 'creator' ? t.creatorTitle : t.adminTitle}</Text>
      <ScrollView scrollX className='console__tabs'>
        {items.map(([key, label]) => (
          <Text
            key={key}
            className={`console__tab${key === current ? ' console__tab--on' : ''}`}
            data-nav={key}
            onClick={() => key !== current && void Taro.redirectTo({ url: CONSOLE_ROUTES[key] })}
          >
            {label}
          </Text>
        ))}
      </ScrollView>
    </View>
  );
}
