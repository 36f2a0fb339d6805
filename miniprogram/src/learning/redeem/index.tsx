import { Button, Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { api } from '../../services/api';
import { toastOk } from '../../services/feedback';
import { asApiError } from '../../services/http';
import { ROUTES, goToSignIn, withQuery } from '../../services/navigation';

const t = zhCN.redeem;

/** Redeem a code: the course it opens comes next; a used, unknown or expired code says so under the field. */
export default function Redeem() {
  const session = useSession();
  const [code, setCode] = useState(useRouter().params.code ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!session) goToSignIn();
  }, [session]);

  const submit = async () => {
    if (busy) return;
    if (!code.trim()) return setError(t.required);
    setBusy(true);
    setError(null);
    try {
      const { course } = await api.redeem(code.trim());
      toastOk(t.done);
      void Taro.redirectTo({ url: withQuery(ROUTES.course, { id: course }) });
    } catch (err) {
      const e = asApiError(err);
      setError(t.errors[e.code] ?? e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='page page--redeem'>
      <View className='card form'>
        <Text className='card__title'>{t.title}</Text>
        <Input
          className='form__input redeem__input'
          value={code}
          placeholder={t.placeholder}
          maxlength={32}
          onInput={(e) => {
            setCode(e.detail.value);
            setError(null);
          }}
        />
        {error && (
          <Text className='form__error redeem__error'>
            {error}
          </Text>
        )}
        <Button className='btn btn--primary btn--block redeem__submit' disabled={busy} onClick={() => void submit()}>
          {busy ? t.submitting : t.submit}
        </Button>
      </View>
    </View>
  );
}
