import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../services/feedback';
import { CourseScopedPage } from '../components/course-scoped-page';
import { chinaDay, chinaMinute } from '../lib/dates';
import { consoleApi } from '../services/console-api';

const t = consoleText.live;

/** Live sessions of my courses: schedule one (China time; a WeChat live room or an HLS URL), and the list. */
export default function Live() {
  return (
    <CourseScopedPage title={consoleText.nav.live} current='live'>
      {(courseId) => <Sessions courseId={courseId} />}
    </CourseScopedPage>
  );
}

function Sessions({ courseId }: { courseId: number }) {
  const list = useAsync(() => consoleApi.liveSessions(courseId), [courseId]);
  const [title, setTitle] = useState('');
  const [day, setDay] = useState(chinaDay(new Date(Date.now() + 24 * 3600_000)));
  const [time, setTime] = useState('20:00');
  const [minutes, setMinutes] = useState('60');
  const [hls, setHls] = useState('');
  const [room, setRoom] = useState('');
  const [busy, run] = useBusyAction();
  const schedule = async () => {
    if (!hls.trim() && !room.trim()) return toastInfo(t.streamRequired);
    await run(async () => {
      await consoleApi.scheduleLive(courseId, {
        title: title.trim(),
        starts_at: `${day}T${time}:00+08:00`,
        duration_min: Number(minutes),
        ...(hls.trim() ? { hls_url: hls.trim() } : {}),
        ...(room.trim() ? { weapp_room_id: room.trim() } : {}),
      });
      setTitle('');
      toastOk(t.created);
      await list.reload();
    });
  };
  return (
    <View>
      <View className='card'>
        <Text className='card__title'>{t.schedule}</Text>
        <Input className='form__input' value={title} maxlength={100} placeholder={t.titlePlaceholder} onInput={(e) => setTitle(e.detail.value)} />
        <View className='form__row'>
          <Picker mode='date' value={day} onChange={(e) => setDay(String(e.detail.value))}>
            <View className='form__col'>
              <Text className='form__label'>{t.date}</Text>
              <View className='form__input form__picker'>{day}</View>
            </View>
          </Picker>
          <Picker mode='time' value={time} onChange={(e) => setTime(String(e.detail.value))}>
            <View className='form__col'>
              <Text className='form__label'>{t.time}</Text>
              <View className='form__input form__picker'>{time}</View>
            </View>
          </Picker>
        </View>
        <Text className='form__label'>{t.duration}</Text>
        <Input className='form__input' type='number' value={minutes} onInput={(e) => setMinutes(e.detail.value)} />
        <Input className='form__input' value={room} placeholder={t.roomPlaceholder} onInput={(e) => setRoom(e.detail.value)} />
        <Input className='form__input' value={hls} placeholder={t.hlsPlaceholder} onInput={(e) => setHls(e.detail.value)} />
        <Button className='btn btn--primary btn--small' disabled={busy || !title.trim()} onClick={() => void schedule()}>
          {t.create}
        </Button>
      </View>
      <StateView loading={list.loading} error={list.error} empty={(list.data?.length ?? 0) === 0} emptyText={t.empty} onRetry={() => void list.reload()}>
        {list.data?.map((s) => (
          <View key={s.id} className='card' data-live-id={s.id}>
            <Text className='card__title'>{s.title}</Text>
            <Text className='muted small block'>{t.when(chinaMinute(s.starts_at), s.duration_min)}</Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
