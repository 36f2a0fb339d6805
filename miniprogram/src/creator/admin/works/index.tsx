import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../../components/state-view';
import { useBusyAction } from '../../../hooks/use-busy-action';
import { usePagedList } from '../../../hooks/use-paged-list';
import { consoleText } from '../../../i18n/zh-CN.console';
import { toastOk } from '../../../services/feedback';
import type { Work } from '../../../services/types';
import { ConsolePage } from '../../components/console-page';
import { consoleApi } from '../../services/console-api';

const t = consoleText.worksReview;

/** Works creators featured, waiting for review: approve (the course page shows it) or reject with a reason. */
export default function WorksReview() {
  const list = usePagedList(() => consoleApi.worksInReview(), []);
  return (
    <ConsolePage role='admin' title={consoleText.nav.worksReview} current='adminWorks'>
      {() => (
        <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.empty} onRetry={() => void list.refresh()}>
          <View className='console-grid'>
            {list.items.map((w) => (
              <ReviewCard key={w.id} work={w} onDecided={() => void list.refresh()} />
            ))}
          </View>
        </StateView>
      )}
    </ConsolePage>
  );
}

function ReviewCard({ work, onDecided }: { work: Work; onDecided: () => void }) {
  const [reason, setReason] = useState('');
  const [busy, run] = useBusyAction();
  const decide = (action: () => Promise<unknown>, done: string) =>
    run(async () => {
      await action();
      toastOk(done);
      onDecided();
    });
  return (
    <View className='card work' data-work-id={work.id}>
      <Text className='muted small block'>{t.by(work.learner_name, work.assignment_title)}</Text>
      <Text className='work__text block'>{work.text}</Text>
      <View className='work__images'>
        {work.image_urls.map((url) => (
          <Image key={url} className='work__image' src={url} mode='aspectFill' />
        ))}
      </View>
      <Textarea className='textarea textarea--short' value={reason} maxlength={500} placeholder={t.reasonPlaceholder} onInput={(e) => setReason(e.detail.value)} />
      <View className='form__row'>
        <Button className='btn btn--primary btn--small' disabled={busy} onClick={() => void decide(() => consoleApi.approveWork(work.id), t.approved)}>
          {t.approve}
        </Button>
        <Button className='btn btn--ghost btn--small' disabled={busy || !reason.trim()} onClick={() => void decide(() => consoleApi.rejectWork(work.id, reason.trim()), t.rejected)}>
          {t.reject}
        </Button>
      </View>
    </View>
  );
}
