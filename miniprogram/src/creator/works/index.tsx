import { Button, Image, Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { usePagedList } from '../../hooks/use-paged-list';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastOk } from '../../services/feedback';
import type { Work } from '../../services/types';
import { CourseScopedPage } from '../components/course-scoped-page';
import { consoleApi } from '../services/console-api';

const t = consoleText.works;

/** Assignments of my courses and the works learners submitted: comment, feature (an admin approves before the course page shows it). */
export default function Works() {
  return (
    <CourseScopedPage title={consoleText.nav.works} current='works'>
      {(courseId) => <Assignments courseId={courseId} />}
    </CourseScopedPage>
  );
}

function Assignments({ courseId }: { courseId: number }) {
  const list = useAsync(() => consoleApi.assignments(courseId), [courseId]);
  const [title, setTitle] = useState('');
  const [prompt, setPrompt] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  const [busy, run] = useBusyAction();
  const create = () =>
    run(async () => {
      await consoleApi.createAssignment(courseId, { title: title.trim(), prompt: prompt.trim() });
      setTitle('');
      setPrompt('');
      toastOk(t.created);
      await list.reload();
    });
  return (
    <View>
      <View className='card'>
        <Text className='card__title'>{t.newAssignment}</Text>
        <Input className='form__input' value={title} maxlength={100} placeholder={t.titlePlaceholder} onInput={(e) => setTitle(e.detail.value)} />
        <Textarea className='textarea textarea--short' value={prompt} maxlength={5000} placeholder={t.promptPlaceholder} onInput={(e) => setPrompt(e.detail.value)} />
        <Button className='btn btn--primary btn--small' disabled={busy || !title.trim() || !prompt.trim()} onClick={() => void create()}>
          {t.create}
        </Button>
      </View>
      <StateView loading={list.loading} error={list.error} empty={(list.data?.length ?? 0) === 0} emptyText={t.noAssignments} onRetry={() => void list.reload()}>
        {list.data?.map((a) => (
          <View key={a.id} className='card' data-assignment-id={a.id}>
            <View className='card__title card--link' onClick={() => setOpen(open === a.id ? null : a.id)}>
              <Text>{a.title}</Text>
              <Text className='muted small'>{t.count(a.works)}</Text>
            </View>
            <Text className='muted small block'>{a.prompt}</Text>
            {open === a.id && <Submissions assignmentId={a.id} />}
          </View>
        ))}
      </StateView>
    </View>
  );
}

function Submissions({ assignmentId }: { assignmentId: number }) {
  const list = usePagedList(() => consoleApi.submissions(assignmentId), [assignmentId]);
  return (
    <StateView loading={list.loading && list.items.length === 0} error={list.error} empty={list.items.length === 0} emptyText={t.noSubmissions} onRetry={() => void list.refresh()}>
      {list.items.map((w) => (
        <Submission key={w.id} work={w} onChanged={() => void list.refresh()} />
      ))}
    </StateView>
  );
}

function Submission({ work, onChanged }: { work: Work; onChanged: () => void }) {
  const [comment, setComment] = useState(work.comment ?? '');
  const [busy, run] = useBusyAction();
  const featured = work.feature_status === 'IN_REVIEW' || work.feature_status === 'APPROVED';
  const act = (action: () => Promise<unknown>, done: string) =>
    run(async () => {
      await action();
      toastOk(done);
      onChanged();
    });
  return (
    <View className='work' data-work-id={work.id}>
      <Text className='muted small block'>{`${work.learner_name} · ${t.status[work.feature_status] ?? work.feature_status}`}</Text>
      <Text className='work__text block'>{work.text}</Text>
      <View className='work__images'>
        {work.image_urls.map((url) => (
          <Image key={url} className='work__image' src={url} mode='aspectFill' />
        ))}
      </View>
      {work.review_note && <Text className='muted small block'>{t.reviewNote(work.review_note)}</Text>}
      <Textarea className='textarea textarea--short' value={comment} maxlength={2000} placeholder={t.commentPlaceholder} onInput={(e) => setComment(e.detail.value)} />
      <View className='form__row'>
        <Button className='btn btn--ghost btn--small' disabled={busy || !comment.trim()} onClick={() => void act(() => consoleApi.commentWork(work.id, comment.trim()), t.commented)}>
          {t.comment}
        </Button>
        <Button className='btn btn--primary btn--small' disabled={busy} onClick={() => void act(() => consoleApi.featureWork(work.id, !featured), featured ? t.unfeature : t.featured)}>
          {featured ? t.unfeature : t.feature}
        </Button>
      </View>
    </View>
  );
}
