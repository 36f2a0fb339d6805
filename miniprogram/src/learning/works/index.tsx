import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { toastInfo } from '../../services/feedback';
import type { Assignment, Work } from '../../services/types';
import { uploadWithProgress } from '../../services/upload';

const t = zhCN.works;
const MAX_IMAGES = 6;

/** A course's assignments: submit a work (text, then images one by one) or see mine with the creator's comment. */
export default function WorksPage() {
  const courseId = Number(useRouter().params.course);
  const assignments = useAsync(() => api.assignments(courseId), [courseId]);
  const mine = useAsync(() => api.myWorks(), []);
  return (
    <View className='page page--works'>
      <StateView loading={assignments.loading} error={assignments.error} empty={(assignments.data?.length ?? 0) === 0} emptyText={t.empty} onRetry={() => void assignments.reload()}>
        {assignments.data?.map((a) => (
          <AssignmentCard key={a.id} assignment={a} work={mine.data?.results.find((w) => w.assignment_id === a.id) ?? null} onSubmitted={() => void mine.reload()} />
        ))}
      </StateView>
    </View>
  );
}

function AssignmentCard({ assignment, work, onSubmitted }: { assignment: Assignment; work: Work | null; onSubmitted: () => void }) {
  const [text, setText] = useState('');
  const [images, setImages] = useState<string[]>([]);
  const [busy, run] = useBusyAction();

  const pick = async () => {
    const res = await Taro.chooseImage({ count: MAX_IMAGES - images.length, sizeType: ['compressed'] }).catch(() => null);
    if (res) setImages((list) => [...list, ...res.tempFilePaths].slice(0, MAX_IMAGES));
  };

  const submit = async () => {
    if (!text.trim()) return toastInfo(t.textRequired);
    await run(async () => {
      const created = await api.submitWork(assignment.id, text.trim());
      for (const [i, path] of images.entries()) {
        await uploadWithProgress<Work>(`/api/me/works/${created.id}/images`, path, `image-${i + 1}.jpg`, () => undefined);
      }
      toastInfo(t.submitted);
      onSubmitted();
    });
  };

  return (
    <View className='card work-assignment'>
      <Text className='card__title'>{assignment.title}</Text>
      <Text className='muted small block'>{`${t.prompt}：${assignment.prompt}`}</Text>
      {work ? (
        <View className='work'>
          <Text className='tag'>{t.status[work.feature_status] ?? work.feature_status}</Text>
          <Text className='work__text block'>{work.text}</Text>
          <View className='work__images'>
            {work.image_urls.map((url) => (
              <Image key={url} className='work__image' src={url} mode='aspectFill' />
            ))}
          </View>
          {work.comment && <Text className='work__comment block'>{t.comment(work.comment)}</Text>}
        </View>
      ) : (
        <View className='work-form'>
          <Textarea className='textarea' value={text} maxlength={5000} placeholder={t.placeholder} onInput={(e) => setText(e.detail.value)} />
          <View className='work__images'>
            {images.map((path) => (
              <Image key={path} className='work__image' src={path} mode='aspectFill' />
            ))}
          </View>
          {images.length < MAX_IMAGES && (
            <Button className='btn btn--ghost' disabled={busy} onClick={() => void pick()}>
              {t.addImages(images.length, MAX_IMAGES)}
            </Button>
          )}
          <Button className='btn btn--primary btn--block work-submit' disabled={busy} onClick={() => void submit()}>
            {busy ? t.submitting : t.submit}
          </Button>
        </View>
      )}
    </View>
  );
}
