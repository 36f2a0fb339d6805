import { Image, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { StateView } from '../../components/state-view';
import { usePagedList } from '../../hooks/use-paged-list';
import { consoleText } from '../../i18n/zh-CN.console';
import { ConsolePage } from '../components/console-page';
import { consoleApi } from '../services/console-api';

const t = consoleText.digests;

/** My daily sales digests, newest first: the chart and the text the chat bot sent. */
export default function Digests() {
  const list = usePagedList(() => consoleApi.digests(), []);
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));
  return (
    <ConsolePage role='creator' title={consoleText.nav.digests} current='digests'>
      {() => (
        <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} emptyHint={t.emptyHint} onRetry={() => void list.refresh()}>
          <View className='console-grid'>
            {list.items.map((d) => (
              <View key={d.id} className='card digest' data-digest={d.date}>
                <View className='card__title'>
                  <Text>{d.date}</Text>
                  {d.sent_to_chat && <Text className='tag'>{t.sentToChat}</Text>}
                </View>
                <Image className='digest__chart' src={d.image_url} mode='widthFix' />
                <Text className='digest__text'>{d.text}</Text>
              </View>
            ))}
          </View>
        </StateView>
      )}
    </ConsolePage>
  );
}
