import { Button, Image, Text, View } from '@tarojs/components';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { zhCN } from '../../i18n/zh-CN';
import { platform } from '../../platform';
import { api } from '../../services/api';

const t = zhCN.certificates;

/** The learner's certificates of completion: the picture, the PDF, and the code anyone can verify. */
export default function Certificates() {
  const list = useAsync(() => api.certificates(), []);
  const [busy, run] = useBusyAction();
  return (
    <View className='page page--certificates'>
      <StateView loading={list.loading} error={list.error} empty={(list.data?.length ?? 0) === 0} emptyText={t.empty} onRetry={() => void list.reload()}>
        {list.data?.map((c) => (
          <View key={c.code} className='card certificate' data-code={c.code}>
            <Text className='card__title'>{c.course.name}</Text>
            <Image className='certificate__image' src={c.png_url} mode='widthFix' />
            <Text className='muted small block'>{t.issued(c.issued_on)}</Text>
            <Text className='muted small block'>{t.code(c.code)}</Text>
            <Button className='btn btn--primary btn--block certificate__pdf' disabled={busy} onClick={() => void run(() => platform.openDocument(c.pdf_url, c.course.name))}>
              {t.downloadPdf}
            </Button>
          </View>
        ))}
      </StateView>
    </View>
  );
}
