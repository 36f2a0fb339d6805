import { Button, Input, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { consoleText } from '../../i18n/zh-CN.console';
import { toastInfo, toastOk } from '../../services/feedback';
import type { LiveSession } from '../../services/types';
import { CourseScopedPage } from '../components/course-scoped-page';
import { chinaDay, chinaMinute } from '../lib/dates';
import { consoleApi } from '../services/console-api';

const t = consoleText.live;

/** Live sessions of my courses: schedule one (China time) or change one, with its stream per platform, and the list. */
export default function Live() {
  return (
    <CourseScopedPage title={consoleText.nav.live} current='live'>
      {(courseId) => <Sessions courseId={courseId} />}
    </CourseScopedPage>
  );
}

interface SessionForm {
  title: string;
  day: string;
  time: string;
  minutes: string;
  room: string;
  hls: string;
}

const blankForm = (): SessionForm => ({ title: '', day: chinaDay(new Date(Date.now() + 24 * 3600_000)), time: '20:00', minutes: '60', room: '', hls: '' });

/** A saved session in the form: its start read in China time. */
function formOf(s: LiveSession): SessionForm {
  const [day, time] = chinaMinute(s.starts_at).split(' ');
  return { title: s.title, day: day!, time: time!, minutes: String(s.duration_min), room: s.wechat_live_room_id ?? '', hls: s.hls_url ?? '' };
}

function Sessions({ courseId }: { courseId: number }) {
  const list = useAsync(() => consoleApi.liveSessions(courseId), [courseId]);
  const [form, setForm] = useState<SessionForm>(blankForm);
  const [editing, setEditing] = useState<number | null>(null);
  const [busy, run] = useBusyAction();
  const set = (patch: Partial<SessionForm>) => setForm((f) => ({ ...f, ...patch }));

  const save = async () => {
    const room = form.room.trim();
    const hls = form.hls.trim();
    if (room && !/^\d{1,20}$/.test(room)) return toastInfo(t.roomInvalid);
    if (hls && !/^https:\/\/\S+\.m3u8(\?\S*)?$/i.test(hls)) return toastInfo(t.hlsInvalid);
    const body = { title: form.title.trim(), starts_at: `${form.day}T${form.time}:00+08:00`, duration_min: Number(form.minutes) };
    await run(async () => {
      if (editing === null) {
        await consoleApi.scheduleLive(courseId, { ...body, ...(room ? { wechat_live_room_id: room } : {}), ...(hls ? { hls_url: hls } : {}) });
        toastOk(t.created);
      } else {
        await consoleApi.updateLive(editing, { ...body, wechat_live_room_id: room || null, hls_url: hls || null });
        toastOk(t.saved);
      }
      setForm(blankForm());
      setEditing(null);
      await list.reload();
    });
  };

  const edit = (s: LiveSession) => {
    setEditing(s.id);
    setForm(formOf(s));
  };
  const cancel = () => {
    setEditing(null);
    setForm(blankForm());
  };

  return (
    <View>
      <View className='card live-form'>
        <Text className='card__title'>{editing === null ? t.schedule : t.editing}</Text>
        <Input className='form__input' value={form.title} maxlength={100} placeholder={t.titlePlaceholder} onInput={(e) => set({ title: e.detail.value })} />
        <View className='form__row'>
          <Picker mode='date' value={form.day} onChange={(e) => set({ day: String(e.detail.value) })}>
            <View className='form__col'>
              <Text className='form__label'>{t.date}</Text>
              <View className='form__input form__picker'>{form.day}</View>
            </View>
          </Picker>
          <Picker mode='time' value={form.time} onChange={(e) => set({ time: String(e.detail.value) })}>
            <View className='form__col'>
              <Text className='form__label'>{t.time}</Text>
              <View className='form__input form__picker'>{form.time}</View>
            </View>
          </Picker>
        </View>
        <Text className='form__label'>{t.duration}</Text>
        <Input className='form__input' type='number' value={form.minutes} onInput={(e) => set({ minutes: e.detail.value })} />
        <Text className='form__label'>{t.stream}</Text>
        <Input className='form__input live-form__room' type='number' value={form.room} placeholder={t.roomPlaceholder} onInput={(e) => set({ room: e.detail.value })} />
        <Input className='form__input live-form__hls' value={form.hls} placeholder={t.hlsPlaceholder} onInput={(e) => set({ hls: e.detail.value })} />
        <Text className='muted small block'>{t.streamHint}</Text>
        <View className='form__row'>
          {editing !== null && (
            <Button className='btn btn--ghost btn--small' onClick={cancel}>
              {t.cancel}
            </Button>
          )}
          <Button className='btn btn--primary btn--small live-form__save' disabled={busy || !form.title.trim()} onClick={() => void save()}>
            {editing === null ? t.create : t.save}
          </Button>
        </View>
      </View>
      <StateView loading={list.loading} error={list.error} empty={(list.data?.length ?? 0) === 0} emptyText={t.empty} onRetry={() => void list.reload()}>
        {list.data?.map((s) => (
          <View key={s.id} className='card' data-live-id={s.id}>
            <View className='card__title'>
              <Text>{s.title}</Text>
              <Text className='icon-btn live-edit' onClick={() => edit(s)}>
                {t.edit}
              </Text>
            </View>
            <Text className='muted small block'>{t.when(chinaMinute(s.starts_at), s.duration_min)}</Text>
            <Text className='muted small block'>{t.streams(s.wechat_live_room_id, s.hls_url)}</Text>
          </View>
        ))}
      </StateView>
    </View>
  );
}
