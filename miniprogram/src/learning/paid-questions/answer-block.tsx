import { Text, View } from '@tarojs/components';
import { zhCN } from '../../i18n/zh-CN';
import type { PaidQuestion } from '../../services/paid-questions';

const t = zhCN.paidQa;

/** A paid question and, when the viewer may read it, its answer; otherwise the lock. */
export function AnswerBlock({ q }: { q: PaidQuestion }) {
  return (
    <View>
      <Text className='question__text block'>{`${t.question}：${q.text}`}</Text>
      {q.answer !== null && (
        <View className='question__answer'>
          <Text className='question__label'>{t.answer}</Text>
          <Text className='paid-answer'>{q.answer}</Text>
        </View>
      )}
      {q.locked && <Text className='muted small block paid-locked'>{t.locked}</Text>}
    </View>
  );
}
