import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useBusyAction } from '../../hooks/use-busy-action';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo } from '../../services/feedback';
import { ConsolePage } from '../components/console-page';
import { CONSOLE_ROUTES } from '../lib/routes';
import { consolePlatform } from '../platform';
import { consoleApi } from '../services/console-api';

const t = consoleText.admin;
const nav = consoleText.nav;

/** The admin console's start: its sections, and the queue dashboard (a one-time link from the API). */
export default function AdminHome() {
  const [busy, run] = useBusyAction();

  const openQueues = () =>
    run(async () => {
      const ticket = await consoleApi.queueDashboardTicket();
      if ((await consolePlatform.openLink(ticket.url)) === 'copied') toastInfo(t.linkCopied);
    });

  const sections: Array<[string, string]> = [
    [nav.review, CONSOLE_ROUTES.adminReview],
    [nav.users, CONSOLE_ROUTES.adminUsers],
    [nav.orders, CONSOLE_ROUTES.adminOrders],
    [nav.platform, CONSOLE_ROUTES.adminAnalytics],
  ];

  return (
    <ConsolePage role='admin' title={nav.adminTitle} current='admin'>
      {() => (
        <View className='console-grid'>
          {sections.map(([label, url]) => (
            <View key={url} className='card card--link' onClick={() => void Taro.navigateTo({ url })}>
              <Text>{label}</Text>
              <Text className='muted'>›</Text>
            </View>
          ))}
          <View className='card'>
            <Text className='card__title'>{nav.queues}</Text>
            <Text className='muted small'>{t.queuesHint}</Text>
            <Button className='btn btn--ghost btn--block' disabled={busy} onClick={() => void openQueues()} data-action='queues'>
              {t.queues}
            </Button>
          </View>
        </View>
      )}
    </ConsolePage>
  );
}
