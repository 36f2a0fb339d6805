import { Button, Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { Cover } from '../../components/cover';
import { StateView } from '../../components/state-view';
import { usePagedList } from '../../hooks/use-paged-list';
import { consoleText } from '../../i18n/zh-CN.console';
import { formatPrice } from '../../services/money';
import { ConsolePage } from '../components/console-page';
import { StatusBadge } from '../components/status-badge';
import { CONSOLE_ROUTES } from '../lib/routes';
import { consoleApi } from '../services/console-api';

const t = consoleText.courses;

/** My courses: status, pending changes, sales and rating; opens the editor, or a new course. */
export default function MyCourses() {
  const list = usePagedList(() => consoleApi.myCourses(), []);
  useDidShow(() => void list.refresh());
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));

  return (
    <ConsolePage role='creator' title={consoleText.nav.courses} current='courses'>
      {() => (
        <>
          <Button className='btn btn--primary btn--small console__action' onClick={() => void Taro.navigateTo({ url: CONSOLE_ROUTES.editor })}>
            {t.newCourse}
          </Button>
          <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} emptyHint={t.emptyHint} onRetry={() => void list.refresh()}>
            <View className='console-grid'>
              {list.items.map((c) => (
                <View key={c.id} className='card own-course' data-course-id={c.id} onClick={() => void Taro.navigateTo({ url: `${CONSOLE_ROUTES.editor}?id=${c.id}` })}>
                  <Cover url={c.cover_url} name={c.name} category={c.category} />
                  <View className='own-course__body'>
                    <Text className='own-course__name'>{c.name}</Text>
                    <View className='own-course__meta'>
                      <StatusBadge status={c.status} />
                      <Text className='price'>{formatPrice(c.price_fen)}</Text>
                    </View>
                    <Text className='muted small own-course__sales'>{t.sales(c.sales_count)}</Text>
                    <Text className='muted small'>{c.rating_count ? t.rating(c.rating.toFixed(1), c.rating_count) : t.noRating}</Text>
                  </View>
                </View>
              ))}
            </View>
          </StateView>
        </>
      )}
    </ConsolePage>
  );
}
