import { Button, Image, Input, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { Cover } from '../../../components/cover';
import { StateView } from '../../../components/state-view';
import { usePagedList } from '../../../hooks/use-paged-list';
import { consoleText } from '../../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../../services/feedback';
import { formatPrice } from '../../../services/money';
import { ROUTES, go } from '../../../services/navigation';
import { ConsolePage } from '../../components/console-page';
import { StatusBadge } from '../../components/status-badge';
import { chinaMinute } from '../../lib/dates';
import { consoleApi } from '../../services/console-api';
import { useBusyRow } from '../../../hooks/use-busy-action';

const t = consoleText.review;

/**
 * Courses waiting for review: new or relisted courses, and changes to courses on sale (what would
 * change, with the new cover and media to look at). Approve, or reject with a reason; the creator is told.
 */
export default function ReviewQueue() {
  const list = usePagedList(() => consoleApi.reviewQueue(), []);
  const [reasons, setReasons] = useState<Record<number, string>>({});
  const [busy, run] = useBusyRow();
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));

  const decide = async (id: number, approve: boolean) => {
    const reason = reasons[id]?.trim() ?? '';
    if (!approve && !reason) return toastInfo(t.needReason);
    await run(id, async () => {
      if (approve) await consoleApi.approve(id);
      else await consoleApi.reject(id, reason);
      toastOk(approve ? t.approved : t.rejected);
      await list.refresh();
    });
  };

  return (
    <ConsolePage role='admin' title={consoleText.nav.review} current='adminReview'>
      {() => (
        <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} onRetry={() => void list.refresh()}>
          <View className='console-grid'>
            {list.items.map((c) => {
              const changes = c.review?.kind === 'changes' ? c.review.changes : null;
              return (
                <View key={c.id} className='card review-item' data-course-id={c.id}>
                  <View className='own-course'>
                    <Cover url={c.cover_url} name={c.name} category={c.category} />
                    <View className='own-course__body'>
                      <Text className='own-course__name'>{c.name}</Text>
                      <View className='own-course__meta'>
                        <StatusBadge status={c.status} />
                        <Text className='price'>{formatPrice(c.price_fen)}</Text>
                      </View>
                      <Text className='muted small'>{t.creator(c.creator?.name ?? '')}</Text>
                      {c.review?.submitted_at && <Text className='muted small'>{t.submittedAt(chinaMinute(c.review.submitted_at))}</Text>}
                    </View>
                  </View>
                  <Text className='tag review-item__kind'>{changes ? t.changes : t.newCourse}</Text>
                  {!changes && <Text className='small review-item__desc'>{c.description}</Text>}
                  <Text className='link small' onClick={() => go(ROUTES.course, { id: c.id })}>
                    {t.openCourse}
                  </Text>
                  {changes && (
                    <View className='review-item__changes'>
                      {changes.name !== null && <Text className='small'>{t.newName(changes.name)}</Text>}
                      {changes.description !== null && <Text className='small'>{t.newDescription(changes.description)}</Text>}
                      {changes.cover_url !== null && (
                        <View>
                          <Text className='small'>{t.newCover}</Text>
                          <Image className='cover' src={changes.cover_url} mode='aspectFill' />
                        </View>
                      )}
                      {changes.lessons.map((l) => (
                        <View key={l.id} className='line small'>
                          <Text>{t.newMedia(l.title ?? `#${l.id}`)}</Text>
                          <Text className='link' onClick={() => void Taro.setClipboardData({ data: l.media_url })}>
                            {t.listen}
                          </Text>
                        </View>
                      ))}
                    </View>
                  )}
                  <Input className='form__input' value={reasons[c.id] ?? ''} placeholder={t.reasonPlaceholder} maxlength={500} onInput={(e) => setReasons((r) => ({ ...r, [c.id]: e.detail.value }))} />
                  <View className='order__actions'>
                    <Button className='btn btn--ghost btn--small' disabled={busy === c.id} onClick={() => void decide(c.id, false)}>
                      {t.reject}
                    </Button>
                    <Button className='btn btn--primary btn--small' disabled={busy === c.id} onClick={() => void decide(c.id, true)}>
                      {t.approve}
                    </Button>
                  </View>
                </View>
              );
            })}
          </View>
        </StateView>
      )}
    </ConsolePage>
  );
}
