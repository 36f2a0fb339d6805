import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { usePagedList } from '../../hooks/use-paged-list';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../services/feedback';
import { ConsolePage } from '../components/console-page';
import { chinaMinute } from '../lib/dates';
import { yuan } from '../lib/format';
import { consoleApi } from '../services/console-api';
import { useBusyRow } from '../../hooks/use-busy-action';

const t = consoleText.refunds;

/** Refund requests on my courses waiting for a decision: approve (WeChat Pay pays back) or reject with a note. */
export default function Refunds() {
  const list = usePagedList(() => consoleApi.refunds(), []);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [busy, run] = useBusyRow();
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));

  const decide = async (id: number, approve: boolean) => {
    const note = notes[id]?.trim() ?? '';
    if (!approve && !note) return toastInfo(t.needNote);
    await run(id, async () => {
      if (approve) await consoleApi.approveRefund(id);
      else await consoleApi.rejectRefund(id, note);
      toastOk(approve ? t.approved : t.rejected);
      await list.refresh();
    });
  };

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
                <Input className='form__input' value={notes[r.id] ?? ''} placeholder={t.rejectNote} maxlength={200} onInput={(e) => setNotes((n) => ({ ...n, [r.id]: e.detail.value }))} />
                <View className='order__actions'>
                  <Button className='btn btn--ghost btn--small' disabled={busy === r.id} onClick={() => void decide(r.id, false)}>
                    {t.reject}
                  </Button>
                  <Button className='btn btn--primary btn--small' disabled={busy === r.id} onClick={() => void decide(r.id, true)}>
                    {t.approve}
                  </Button>
                </View>
              </View>
            ))}
          </View>
        </StateView>
      )}
    </ConsolePage>
  );
}
