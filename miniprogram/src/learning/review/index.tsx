import { Button, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { useBusyAction } from '../../hooks/use-busy-action';
import { Stars } from '../../components/stars';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { toastInfo, toastOk } from '../../services/feedback';

const t = zhCN.review;

/** Rate a course I am enrolled in (once) and say why. */
export default function ReviewForm() {
  const courseId = Number(useRouter().params.course);
  const [rating, setRating] = useState(0);
  const [content, setContent] = useState('');
  const [busy, run] = useBusyAction();

  const submit = async () => {
    if (rating === 0) return toastInfo(t.needRating);
    if (!content.trim()) return toastInfo(t.needContent);
    await run(async () => {
      await api.postReview(courseId, { rating, content: content.trim() });
      toastOk(t.thanks);
      setTimeout(() => void Taro.navigateBack(), 800);
    });
  };

  return (
    <View className='page page--review'>
      <View className='card'>
        <Text className='card__title'>{t.rating}</Text>
        <Stars rating={rating} onPick={setRating} size='large' />
        <Textarea className='textarea' value={content} placeholder={t.placeholder} maxlength={2000} onInput={(e) => setContent(e.detail.value)} />
        <Text className='muted small right'>{content.length}/2000</Text>
      </View>
      <Button className='btn btn--primary btn--block' disabled={busy} onClick={() => void submit()}>
        {busy ? zhCN.common.submitting : zhCN.common.submit}
      </Button>
    </View>
  );
}
