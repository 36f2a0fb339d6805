import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { consoleText } from '../../i18n/zh-CN.console';
import { request } from '../../services/api';
import { toastOk } from '../../services/feedback';
import { consoleApi } from '../services/console-api';

const t = consoleText.release;

/** The drip-release rules of a course's lessons, as the course page gives them to its creator. */
export function useReleaseRules(courseId: number) {
  return useAsync(async () => {
    const detail = await request<{ chapters: Array<{ lessons: Array<{ id: number; release_after_days: number | null; release_at: string | null }> }> }>(`/api/courses/${courseId}`);
    return new Map(detail.chapters.flatMap((c) => c.lessons.map((l) => [l.id, { afterDays: l.release_after_days, at: l.release_at }] as const)));
  }, [courseId]);
}

/** A lesson's drip release: open N days after enrollment, or with the course (a date rule set elsewhere is shown). */
export function ReleaseControl({ lessonId, rule, onChanged }: { lessonId: number; rule: { afterDays: number | null; at: string | null } | undefined; onChanged: () => void }) {
  const [days, setDays] = useState(rule?.afterDays != null ? String(rule.afterDays) : '');
  const [busy, run] = useBusyAction();
  const save = (action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      toastOk(t.saved);
      onChanged();
    });
  return (
    <View className='lesson-edit__preview' data-release-lesson={lessonId}>
      <Text className='small muted'>{rule?.at ? t.at(rule.at.slice(0, 10)) : t.afterDays}</Text>
      <Input className='form__input release__days' type='number' value={days} placeholder='0' onInput={(e) => setDays(e.detail.value)} />
      <Text className='icon-btn' onClick={() => !busy && Number(days) > 0 && void save(() => consoleApi.setRelease(lessonId, Number(days)))}>
        {t.save}
      </Text>
      {(rule?.afterDays != null || rule?.at) && (
        <Text className='icon-btn' onClick={() => !busy && void save(() => consoleApi.clearRelease(lessonId))}>
          {t.clear}
        </Text>
      )}
    </View>
  );
}
