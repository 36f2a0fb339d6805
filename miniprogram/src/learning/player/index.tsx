import { Button, Text, Video, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { platform } from '../../platform';
import { api } from '../../services/api';
import { toastError, toastInfo } from '../../services/feedback';
import { ROUTES, go } from '../../services/navigation';
import { formatDuration, resumeAt } from '../../services/progress';
import type { PlayerLesson } from '../../services/types';
import { ArticleView } from './article-view';
import { AudioPlayer } from './audio-player';
import { useProgressReporter } from './use-progress-reporter';

const t = zhCN.player;

/** The first lesson of a course (for "start studying" from my courses). */
async function firstLessonOf(courseId: number): Promise<number> {
  const course = await api.course(courseId);
  const first = course.chapters.flatMap((c) => c.lessons)[0];
  if (!first) throw new Error(zhCN.player.noMedia);
  return first.id;
}

/** The lesson player: video and audio resume where the learner stopped; articles and documents open to read. */
export default function Player() {
  const params = useRouter().params;
  const [lessonId, setLessonId] = useState(Number(params.id) || 0);
  const session = useSession();
  const lesson = useAsync(async () => api.lesson(lessonId || (await firstLessonOf(Number(params.course)))), [lessonId]);
  const l = lesson.data;
  const reporter = useProgressReporter(l?.id ?? 0, l?.duration_s ?? 0, !!session, l?.completed ?? false);

  useEffect(() => {
    if (!l) return;
    void Taro.setNavigationBarTitle({ title: l.title });
    reporter.setCompleted(l.completed);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [l?.id]);

  const startAt = l ? resumeAt(l.position_s, l.duration_s) : 0;
  useEffect(() => {
    if (l && startAt > 0) toastInfo(t.resumed(formatDuration(startAt)));
  }, [l, startAt]);

  const goTo = (id: number | null) => id && setLessonId(id);

  return (
    <View className='page page--player'>
      <StateView loading={lesson.loading} error={lesson.error} onRetry={() => void lesson.reload()}>
        {l && (
          <View>
            <View className='stage'>
              <LessonBody lesson={l} startAt={startAt} reporter={reporter} />
            </View>
            <View className='card'>
              <Text className='player__title'>{l.title}</Text>
              <Text className='muted small' onClick={() => go(ROUTES.course, { id: l.course.id })}>
                {l.course.name} ›
              </Text>
              <View className='player__status'>
                {reporter.completed ? (
                  <Text className='badge badge--done' data-testid='lesson-done'>
                    ✓ {t.completed}
                  </Text>
                ) : (
                  session && (
                    <Text className='link' onClick={reporter.markDone}>
                      {t.markDone}
                    </Text>
                  )
                )}
              </View>
            </View>
            <View className='player__nav'>
              <Button className='btn btn--ghost btn--small' disabled={!l.previous_lesson_id} onClick={() => goTo(l.previous_lesson_id)}>
                {`‹ ${t.previous}`}
              </Button>
              <Button className='btn btn--ghost btn--small' disabled={!l.next_lesson_id} onClick={() => goTo(l.next_lesson_id)}>
                {`${t.next} ›`}
              </Button>
            </View>
            <View className='card menu'>
              <View className='menu__item' onClick={() => go(ROUTES.qa, { course: l.course.id })}>
                <Text>{zhCN.course.qa}</Text>
                <Text className='muted'>›</Text>
              </View>
              <View className='menu__item' onClick={() => go(ROUTES.review, { course: l.course.id })}>
                <Text>{zhCN.course.writeReview}</Text>
                <Text className='muted'>›</Text>
              </View>
            </View>
          </View>
        )}
      </StateView>
    </View>
  );
}

function LessonBody({ lesson, startAt, reporter }: { lesson: PlayerLesson; startAt: number; reporter: ReturnType<typeof useProgressReporter> }) {
  if (!lesson.url) {
    return (
      <View className='stage__empty'>
        <Text>{t.noMedia}</Text>
      </View>
    );
  }
  switch (lesson.kind) {
    case 'video':
      return (
        <Video
          className='video'
          src={lesson.url}
          initialTime={startAt}
          showCenterPlayBtn
          onTimeUpdate={(e) => reporter.onTime(e.detail.currentTime, e.detail.duration)}
          onPause={() => reporter.onPause()}
          onEnded={() => reporter.onEnded(lesson.duration_s)}
        />
      );
    case 'audio':
      return <AudioPlayer src={lesson.url} title={lesson.title} startAt={startAt} onTime={reporter.onTime} onPause={reporter.onPause} onEnded={reporter.onEnded} />;
    case 'article':
      return (
        <View className='stage__article'>
          <ArticleView url={lesson.url} />
          <Button className='btn btn--primary btn--block' onClick={reporter.markDone}>
            {t.markDone}
          </Button>
        </View>
      );
    case 'document':
      return (
        <View className='stage__empty'>
          <Button
            className='btn btn--primary'
            onClick={() => {
              reporter.markDone();
              platform.openDocument(lesson.url!, lesson.title).catch(toastError);
            }}
          >
            {t.openDocument}
          </Button>
        </View>
      );
  }
}
