import { Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { consoleText } from '../../i18n/zh-CN.console';
import { request } from '../../services/api';
import { toastOk } from '../../services/feedback';
import { chinaDateTime, chinaDay } from '../lib/dates';
import { consoleApi } from '../services/console-api';

const t = consoleText.release;

export interface ReleaseRule {
  afterDays: number | null;
  at: string | null;
}

/** The drip-release rules of a course's lessons, as the course page gives them to its creator. */
export function useReleaseRules(courseId: number) {
  return useAsync(async () => {
    const detail = await request<{ chapters: Array<{ lessons: Array<{ id: number; release_after_days: number | null; release_at: string | null }> }> }>(`/api/courses/${courseId}`);
    return new Map(detail.chapters.flatMap((c) => c.lessons.map((l) => [l.id, { afterDays: l.release_after_days, at: l.release_at }] as const)));
  }, [courseId]);
}

/** A key that changes when the rule does, so the control starts again from what the server kept. */
export function releaseKey(lessonId: number, rule: ReleaseRule | undefined): string {
  return `${lessonId}-${rule?.afterDays ?? ''}-${rule?.at ?? ''}`;
}

/**
 * A lesson's drip release: open N days after each learner's enrollment, or on a fixed day (00:00 China
 * time, for everyone), or with the course.
 */
export function ReleaseControl({ lessonId, rule, onChanged }: { lessonId: number; rule: ReleaseRule | undefined; onChanged: () => void }) {
  const [mode, setMode] = useState<'days' | 'date'>(rule?.at ? 'date' : 'days');
  const [days, setDays] = useState(rule?.afterDays != null ? String(rule.afterDays) : '');
  const [day, setDay] = useState(rule?.at ? chinaDay(new Date(rule.at)) : chinaDay(new Date(Date.now() + 7 * 24 * 3600_000)));
  const [busy, run] = useBusyAction();
  const save = (action: () => Promise<unknown>) =>
    run(async () => {
      await action();
      toastOk(t.saved);
      onChanged();
    });
  const apply = () => {
    if (busy) return;
    if (mode === 'date') void save(() => consoleApi.setReleaseAt(lessonId, chinaDateTime(day)));
    else if (Number(days) > 0) void save(() => consoleApi.setRelease(lessonId, Number(days)));
  };
  return (
    <View className='lesson-edit__preview release' data-release-lesson={lessonId}>
      <Text className={`chip chip--small${mode === 'days' ? ' chip--on' : ''}`} data-release-mode='days' onClick={() => setMode('days')}>
        {t.afterDays}
      </Text>
      <Text className={`chip chip--small${mode === 'date' ? ' chip--on' : ''}`} data-release-mode='date' onClick={() => setMode('date')}>
        {t.onDate}
      </Text>
      {mode === 'days' ? (
        <Input className='form__input release__days' type='number' value={days} placeholder='0' onInput={(e) => setDays(e.detail.value)} />
      ) : (
        <Picker mode='date' value={day} onChange={(e) => setDay(String(e.detail.value))}>
          <View className='form__input form__picker release__date'>{day}</View>
        </Picker>
      )}
      <Text className='icon-btn release__save' onClick={apply}>
        {t.save}
      </Text>
      {(rule?.afterDays != null || rule?.at) && (
        <Text className='icon-btn' onClick={() => !busy && void save(() => consoleApi.clearRelease(lessonId))}>
          {t.clear}
        </Text>
      )}
      {rule?.at && <Text className='small muted block'>{t.at(chinaDay(new Date(rule.at)))}</Text>}
      {rule?.afterDays != null && <Text className='small muted block'>{t.days(rule.afterDays)}</Text>}
    </View>
  );
}
