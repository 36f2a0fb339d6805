import { Text, View } from '@tarojs/components';
import { StateView } from '../../components/state-view';
import { consoleText } from '../../i18n/zh-CN.console';
import { ConsolePage } from '../components/console-page';
import { DecisionBar } from '../components/decision-bar';
import { chinaMinute } from '../lib/dates';
import { yuan } from '../lib/format';
import { consoleApi } from '../services/console-api';
import { useDecisions } from '../lib/use-decisions';

const t = consoleText.refunds;

/** Refund requests on my courses waiting for a decision: approve (WeChat Pay pays back) or reject with a note. */
export default function Refunds() {
  const { list, notes, setNote, busy, decide } = useDecisions(() => consoleApi.refunds(), { approve: consoleApi.approveRefund, reject: consoleApi.rejectRefund }, t);

  return (
    <ConsolePage role='creator' title={consoleText.nav.refunds} current='refunds'>
      {() => (
        <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} onRetry={() => void list.refresh()}>
          <View className='console-grid'>
            {list.items.map((r) => (
              <View key={r.id} className='card' data-refund-id={r.id}>
                <View className='order__head'>
                  <Text className='order__name'>{`#${r.order}`}</Text>
                  <Text className='price'>{yuan(r.amount_fen)}</Text>
                </View>
                <Text className='small'>{t.reason(r.reason)}</Text>
                <Text className='muted small'>{chinaMinute(r.requested_at)}</Text>
                <DecisionBar
                  note={notes[r.id] ?? ''}
                  placeholder={t.rejectNote}
                  maxLength={200}
                  busy={busy === r.id}
                  rejectText={t.reject}
                  approveText={t.approve}
                  onNote={(note) => setNote(r.id, note)}
                  onDecide={(approve) => void decide(r.id, approve)}
                />
              </View>
            ))}
          </View>
        </StateView>
      )}
    </ConsolePage>
  );
}
