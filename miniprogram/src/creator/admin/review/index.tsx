import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { Cover } from '../../../components/cover';
import { StateView } from '../../../components/state-view';
import { consoleText } from '../../../i18n/zh-CN.console';
import { formatPrice } from '../../../services/money';
import { ROUTES, go } from '../../../services/navigation';
import { ConsolePage } from '../../components/console-page';
import { StatusBadge } from '../../components/status-badge';
import { chinaMinute } from '../../lib/dates';
import { consoleApi } from '../../services/console-api';
import { DecisionBar } from '../../components/decision-bar';
import { useDecisions } from '../../lib/use-decisions';

const t = consoleText.review;

/**
 * Courses waiting for review: new or relisted courses, and changes to courses on sale (what would
 * change, with the new cover and media to look at). Approve, or reject with a reason; the creator is told.
 */
export default function ReviewQueue() {
  const { list, notes, setNote, busy, decide } = useDecisions(() => consoleApi.reviewQueue(), { approve: consoleApi.approve, reject: consoleApi.reject }, { ...t, needNote: t.needReason });

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
                  <DecisionBar
                    note={notes[c.id] ?? ''}
                    placeholder={t.reasonPlaceholder}
                    maxLength={500}
                    busy={busy === c.id}
                    rejectText={t.reject}
                    approveText={t.approve}
                    onNote={(note) => setNote(c.id, note)}
                    onDecide={(approve) => void decide(c.id, approve)}
                  />
                </View>
              );
            })}
          </View>
        </StateView>
      )}
    </ConsolePage>
  );
}
