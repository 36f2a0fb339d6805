import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../services/feedback';
import { ConsolePage } from '../components/console-page';
import { chinaDay, chinaMinute } from '../lib/dates';
import { consolePlatform } from '../platform';
import { consoleApi } from '../services/console-api';
import type { CodeBatch } from '../services/types';

const t = consoleText.codes;

/** Redemption codes per course: generate a batch of N, the batches with each code's state, a batch as CSV. */
export default function Codes() {
  const courses = useAsync(() => consoleApi.myCourses(), []);
  const [index, setIndex] = useState(0);
  const course = courses.data?.results[index] ?? null;
  const batches = useAsync(() => (course ? consoleApi.codeBatches(course.id) : Promise.resolve(null)), [course?.id]);
  const [count, setCount] = useState('20');
  const [busy, run] = useBusyAction();

  const generate = async () => {
    const n = Number(count);
    if (!course) return;
    if (!Number.isInteger(n) || n < 1 || n > 500) return toastInfo(t.invalidCount);
    await run(async () => {
      const made = await consoleApi.generateCodes(course.id, n);
      toastOk(t.generated(made.codes.length));
      await batches.reload();
    });
  };

  const download = (batch: CodeBatch) =>
    run(async () => {
      if (!course) return;
      const csv = await consoleApi.codesCsv(course.id, batch.batch);
      if ((await consolePlatform.saveText(`codes-${course.id}-${chinaDay(new Date(batch.batch))}.csv`, csv, 'text/csv')) === 'copied') toastInfo(t.csvCopied);
    });

  const list = batches.data?.results ?? [];
  return (
    <ConsolePage role='creator' title={consoleText.nav.codes} current='codes'>
      {() => (
        <StateView loading={courses.loading} error={courses.error} empty={(courses.data?.results.length ?? 0) === 0} emptyText={t.noCourses} onRetry={() => void courses.reload()}>
          <View className='console-grid'>
            <View className='card'>
              <View className='form'>
                <Text className='form__label'>{t.course}</Text>
                <Picker mode='selector' range={(courses.data?.results ?? []).map((c) => c.name)} value={index} onChange={(e) => setIndex(Number(e.detail.value))}>
                  <View className='form__input form__picker codes__course'>{course?.name}</View>
                </Picker>
                <Text className='form__label'>{t.count}</Text>
                <Input className='form__input codes__count' type='number' value={count} onInput={(e) => setCount(e.detail.value)} />
                <Button className='btn btn--primary btn--block codes__generate' disabled={busy || !course} onClick={() => void generate()}>
                  {t.generate}
                </Button>
              </View>
            </View>
            <View>
              <StateView loading={batches.loading && !batches.data} error={batches.error} empty={list.length === 0} emptyText={t.empty} onRetry={() => void batches.reload()}>
                {list.map((b) => (
                  <View key={b.batch} className='card code-batch' data-batch={b.batch}>
                    <View className='order__head'>
                      <Text className='small'>{t.batch(chinaMinute(b.batch), b.count, b.redeemed)}</Text>
                      <Text className='link code-batch__csv' onClick={() => void download(b)}>
                        {t.csv}
                      </Text>
                    </View>
                    {b.codes.map((c) => (
                      <View key={c.code} className='order__meta code-batch__code'>
                        <Text className='code-batch__value'>{c.code}</Text>
                        <Text className={c.redeemed ? 'muted small' : 'tag'}>{c.redeemed ? t.redeemed : t.unused}</Text>
                      </View>
                    ))}
                  </View>
                ))}
              </StateView>
            </View>
          </View>
        </StateView>
      )}
    </ConsolePage>
  );
}
