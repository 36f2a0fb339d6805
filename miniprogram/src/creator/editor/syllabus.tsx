import { Button, Input, Switch, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState, type ComponentProps } from 'react';
import { consoleText } from '../../i18n/zh-CN.console';
import { useBusyAction } from '../../hooks/use-busy-action';
import { toastInfo } from '../../services/feedback';
import type { LessonKind } from '../../services/types';
import { dropIndex, move, positionChanges } from '../lib/reorder';
import { consoleApi } from '../services/console-api';
import type { OwnChapter, OwnLesson } from '../services/types';
import { UploadButton } from './upload-button';
import { ReleaseControl, releaseKey, useReleaseRules } from './release-control';
import { ChipChoice } from '../components/chip-choice';

const t = consoleText.editor;
const KINDS: LessonKind[] = ['video', 'audio', 'article', 'document'];

type TouchEvent = Parameters<NonNullable<ComponentProps<typeof View>['onTouchMove']>>[0] & { touches?: ArrayLike<unknown>; changedTouches?: ArrayLike<unknown> };

interface Drag {
  chapterId: number;
  from: number;
  startY: number;
  dy: number;
  rowHeight: number;
}

const touchY = (e: TouchEvent): number => {
  const touch = (e.touches?.[0] ?? e.changedTouches?.[0]) as { clientY?: number; pageY?: number } | undefined;
  return touch?.clientY ?? touch?.pageY ?? 0;
};

/**
 * Chapters and lessons: add, rename-free quick edits (free preview), media upload with progress, and
 * ordering by up/down buttons or a long-press drag. Every order change is saved as the items'
 * `position`, only for the items whose position changes.
 */
export function Syllabus({ courseId, chapters, editable, onChanged }: { courseId: number; chapters: OwnChapter[]; editable: boolean; onChanged: () => Promise<void> }) {
  const [chapterTitle, setChapterTitle] = useState('');
  const [drag, setDrag] = useState<Drag | null>(null);
  const [busy, runBusy] = useBusyAction();
  const releases = useReleaseRules(courseId);

  /** A change, then the course reloaded so the page shows what the server kept. */
  const run = (work: () => Promise<unknown>) =>
    runBusy(async () => {
      await work();
      await onChanged();
    });

  const saveOrder = <T extends { id: number; position: number }>(ordered: T[], save: (id: number, position: number) => Promise<unknown>) =>
    run(async () => {
      for (const change of positionChanges(ordered)) await save(change.id, change.position);
    });

  const moveLesson = (chapter: OwnChapter, from: number, to: number) =>
    saveOrder(move(chapter.lessons, from, to), (id, position) => consoleApi.updateLesson(id, { position }));
  const moveChapter = (from: number, to: number) => saveOrder(move(chapters, from, to), (id, position) => consoleApi.updateChapter(id, { position }));

  const startDrag = (chapter: OwnChapter, index: number, lesson: OwnLesson) => {
    if (!editable || busy) return;
    Taro.createSelectorQuery()
      .select(`#lesson-${lesson.id}`)
      .boundingClientRect()
      .exec((res: Array<{ height: number; top: number } | null>) => {
        const rect = res?.[0];
        if (rect) setDrag({ chapterId: chapter.id, from: index, startY: rect.top + rect.height / 2, dy: 0, rowHeight: rect.height });
      });
  };

  const addChapter = () => {
    if (!chapterTitle.trim()) return toastInfo(t.needTitle);
    void run(async () => {
      await consoleApi.addChapter(courseId, chapterTitle.trim());
      setChapterTitle('');
    });
  };

  return (
    <View className='syllabus'>
      {chapters.map((chapter, ci) => (
        <View key={chapter.id} className='chapter-edit' data-chapter-id={chapter.id}>
          <View className='chapter-edit__head'>
            <Text className='chapter-edit__title'>{chapter.title}</Text>
            {editable && (
              <View className='row-actions'>
                <Text className='icon-btn' onClick={() => ci > 0 && void moveChapter(ci, ci - 1)}>
                  {t.moveUp}
                </Text>
                <Text className='icon-btn' onClick={() => ci < chapters.length - 1 && void moveChapter(ci, ci + 1)}>
                  {t.moveDown}
                </Text>
                <Text
                  className='icon-btn icon-btn--danger'
                  onClick={() =>
                    void confirmThen(() => run(() => consoleApi.deleteChapter(chapter.id)))
                  }
                >
                  {t.deleteChapter}
                </Text>
              </View>
            )}
          </View>
          {chapter.lessons.map((lesson, li) => {
            const dragging = drag?.chapterId === chapter.id && drag.from === li;
            return (
              <View
                key={lesson.id}
                id={`lesson-${lesson.id}`}
                className={`lesson-edit${dragging ? ' lesson-edit--dragging' : ''}`}
                style={dragging ? { transform: `translateY(${drag.dy}px)` } : undefined}
                data-lesson-id={lesson.id}
                onLongPress={() => startDrag(chapter, li, lesson)}
                onTouchMove={(e) => {
                  if (!dragging) return;
                  e.stopPropagation();
                  setDrag({ ...drag, dy: touchY(e) - drag.startY });
                }}
                onTouchEnd={() => {
                  if (!dragging) return;
                  const to = dropIndex(drag.from, drag.dy, drag.rowHeight, chapter.lessons.length);
                  setDrag(null);
                  if (to !== drag.from) void moveLesson(chapter, drag.from, to);
                }}
              >
                <View className='lesson-edit__main'>
                  <Text className={`lesson-row__kind kind--${lesson.kind}`}>{t.kinds[lesson.kind]}</Text>
                  <Text className='lesson-edit__title'>{lesson.title}</Text>
                  <Text className={`small ${lesson.pending_media ? 'tag tag--pending' : lesson.has_media ? 'tag' : 'muted'}`} data-media-state={lesson.pending_media ? 'pending' : lesson.has_media ? 'ready' : 'none'}>
                    {lesson.pending_media ? t.pendingMedia : lesson.has_media ? t.hasMedia : t.noMedia}
                  </Text>
                </View>
                {editable && (
                  <View className='lesson-edit__tools'>
                    <View className='lesson-edit__preview'>
                      <Text className='small muted'>{t.freePreview}</Text>
                      <Switch
                        checked={lesson.free_preview}
                        color='#16a05d'
                        disabled={busy}
                        onChange={(e) => void run(() => consoleApi.updateLesson(lesson.id, { free_preview: Boolean(e.detail.value) }))}
                      />
                    </View>
                    <ReleaseControl key={releaseKey(lesson.id, releases.data?.get(lesson.id))} lessonId={lesson.id} rule={releases.data?.get(lesson.id)} onChanged={() => void releases.reload()} />
                    <UploadButton kind={lesson.kind} path={`/api/creator/lessons/${lesson.id}/media`} label={lesson.has_media ? t.replaceMedia : t.uploadMedia} onDone={() => void onChanged()} />
                    <View className='row-actions'>
                      <Text className='icon-btn' data-move='up' onClick={() => li > 0 && void moveLesson(chapter, li, li - 1)}>
                        {t.moveUp}
                      </Text>
                      <Text className='icon-btn' data-move='down' onClick={() => li < chapter.lessons.length - 1 && void moveLesson(chapter, li, li + 1)}>
                        {t.moveDown}
                      </Text>
                      <Text
                        className='icon-btn icon-btn--danger'
                        onClick={() => void confirmThen(() => run(() => consoleApi.deleteLesson(lesson.id)))}
                      >
                        {t.deleteLesson}
                      </Text>
                    </View>
                  </View>
                )}
              </View>
            );
          })}
          {editable && <NewLesson chapterId={chapter.id} busy={busy} onAdd={(body) => run(() => consoleApi.addLesson(chapter.id, body))} />}
        </View>
      ))}
      {editable && (
        <>
          {chapters.some((c) => c.lessons.length > 1) && <Text className='muted small'>{t.dragHint}</Text>}
          <View className='inline-form'>
            <Input className='form__input inline-form__input' name='chapter-title' value={chapterTitle} placeholder={t.chapterTitle} maxlength={100} onInput={(e) => setChapterTitle(e.detail.value)} />
            <Button className='btn btn--ghost btn--small' disabled={busy} onClick={addChapter}>
              {t.addChapter}
            </Button>
          </View>
        </>
      )}
    </View>
  );
}

/** Asks before something is deleted. */
async function confirmThen(work: () => Promise<void>): Promise<void> {
  const answer = await Taro.showModal({ content: t.confirmDelete });
  if (answer.confirm) await work();
}

function NewLesson({ chapterId, busy, onAdd }: { chapterId: number; busy: boolean; onAdd: (body: { title: string; kind: LessonKind; free_preview: boolean }) => Promise<void> }) {
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<LessonKind>('video');
  const [freePreview, setFreePreview] = useState(false);
  const add = () => {
    if (!title.trim()) return toastInfo(t.needTitle);
    void onAdd({ title: title.trim(), kind, free_preview: freePreview }).then(() => setTitle(''));
  };
  return (
    <View className='new-lesson' data-new-lesson={chapterId}>
      <Input className='form__input' name='lesson-title' value={title} placeholder={t.lessonTitle} maxlength={100} onInput={(e) => setTitle(e.detail.value)} />
      <View className='new-lesson__row'>
        <ChipChoice options={KINDS} isOn={(k) => k === kind} label={(k) => t.kinds[k]} onPick={setKind} dataName='kind' className='new-lesson__kinds' />
        <View className='lesson-edit__preview'>
          <Text className='small muted'>{t.freePreview}</Text>
          <Switch checked={freePreview} color='#16a05d' onChange={(e) => setFreePreview(Boolean(e.detail.value))} />
        </View>
        <Button className='btn btn--ghost btn--small' disabled={busy} onClick={add}>
          {t.addLesson}
        </Button>
      </View>
    </View>
  );
}
