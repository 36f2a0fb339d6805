import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useBusyAction } from '../../hooks/use-busy-action';
import { consoleText } from '../../i18n/zh-CN.console';
import { api } from '../../services/api';
import { toastOk } from '../../services/feedback';
import type { Category, Page } from '../../services/types';
import { ConsolePage } from '../components/console-page';
import { StatusBadge } from '../components/status-badge';
import { CONSOLE_ROUTES } from '../lib/routes';
import { consoleApi } from '../services/console-api';
import type { CourseInput, OwnCourseDetail } from '../services/types';
import { DetailsForm } from './details-form';
import { Syllabus } from './syllabus';
import { UploadButton } from './upload-button';

const t = consoleText.editor;

async function categories(): Promise<Category[]> {
  const res = await api.categories();
  return Array.isArray(res) ? res : (res as Page<Category>).results;
}

/**
 * The course editor: details, cover, chapters and lessons (ordering, free previews, media with
 * progress), and its place in review: submit, submit changes of a course on sale, unlist, discard.
 * Without an id it creates a course first.
 */
export default function CourseEditor() {
  const id = Number(useRouter().params.id) || null;
  const cats = useAsync(categories, []);
  const course = useAsync<OwnCourseDetail | null>(() => (id ? consoleApi.course(id) : Promise.resolve(null)), [id]);
  const [busy, run] = useBusyAction();

  const act = (work: () => Promise<OwnCourseDetail | void>, done?: string) =>
    run(async () => {
      const next = await work();
      if (next) course.setData(next);
      else await course.reload();
      if (done) toastOk(done);
    });

  const create = (input: Partial<CourseInput>) =>
    run(async () => {
      const created = await consoleApi.createCourse(input as CourseInput);
      toastOk(t.created);
      void Taro.redirectTo({ url: `${CONSOLE_ROUTES.editor}?id=${created.id}` });
    });

  const c = course.data;
  const live = !!c?.published_at;
  const editable = !!c && c.status !== 'IN_REVIEW';
  const revision = c?.revision ?? null;
  const changesInReview = revision?.status === 'IN_REVIEW' && c?.status !== 'IN_REVIEW';
  const hasChanges = !!revision && (revision.changes.name !== null || revision.changes.description !== null || revision.changes.cover_url !== null || revision.changes.lessons.length > 0);

  return (
    <ConsolePage role='creator' title={id ? (c?.name ?? '') : t.newTitle} current='courses'>
      {() => (
        <StateView loading={(course.loading && !c) || (cats.loading && !cats.data)} error={course.error ?? cats.error} onRetry={() => void course.reload()}>
          {!id && cats.data && (
            <View className='card'>
              <Text className='card__title'>{t.details}</Text>
              <DetailsForm initial={{ name: '', description: '', priceFen: 0, categoryId: null }} categories={cats.data} busy={busy} submitLabel={t.create} onSave={(v) => void create(v)} />
            </View>
          )}
          {c && cats.data && (
            <View className='console-grid console-grid--editor'>
              <View className='card editor-status' data-status={c.status} data-revision={revision?.status ?? 'none'}>
                <View className='card__title'>
                  <Text>{t.publishing}</Text>
                  <StatusBadge status={c.status} />
                </View>
                {c.review_note && c.status === 'REJECTED' && <Text className='notice notice--warn'>{t.reviewNote(c.review_note)}</Text>}
                {live && <Text className='muted small'>{t.liveHint}</Text>}
                {revision && live && hasChanges && (
                  <View className='revision'>
                    <Text className='tag tag--pending'>{consoleText.revisionStatus[revision.status]}</Text>
                    {revision.review_note && revision.status === 'REJECTED' && <Text className='notice notice--warn'>{t.reviewNote(revision.review_note)}</Text>}
                    {revision.changes.name !== null && <Text className='small'>{t.pendingName(revision.changes.name)}</Text>}
                    {revision.changes.description !== null && <Text className='small'>{t.pendingDescription}</Text>}
                    {revision.changes.cover_url !== null && <Text className='small'>{t.pendingCover}</Text>}
                  </View>
                )}
                <View className='editor-status__actions'>
                  {(c.status === 'DRAFT' || c.status === 'REJECTED' || c.status === 'UNLISTED') && (
                    <Button className='btn btn--primary btn--small' disabled={busy} onClick={() => void act(() => consoleApi.submit(c.id), t.submitted)}>
                      {t.submit}
                    </Button>
                  )}
                  {c.status === 'PUBLISHED' && hasChanges && !changesInReview && (
                    <Button className='btn btn--primary btn--small' disabled={busy} onClick={() => void act(() => consoleApi.submit(c.id), t.submitted)}>
                      {t.submitChanges}
                    </Button>
                  )}
                  {live && hasChanges && !changesInReview && c.status !== 'IN_REVIEW' && (
                    <Button className='btn btn--ghost btn--small' disabled={busy} onClick={() => void act(() => consoleApi.discardChanges(c.id), t.discarded)}>
                      {t.discard}
                    </Button>
                  )}
                  {c.status === 'PUBLISHED' && (
                    <Button className='btn btn--ghost btn--small' disabled={busy} onClick={() => void act(() => consoleApi.unlist(c.id), t.unlisted)}>
                      {t.unlist}
                    </Button>
                  )}
                </View>
              </View>

              <View className='card'>
                <Text className='card__title'>{t.details}</Text>
                <DetailsForm
                  key={`${c.id}-${c.updated_at}-${revision?.id ?? 0}`}
                  initial={{
                    name: revision?.changes.name ?? c.name,
                    description: revision?.changes.description ?? c.description,
                    priceFen: c.price_fen,
                    categoryId: c.category_id,
                  }}
                  categories={cats.data}
                  busy={busy || !editable}
                  submitLabel={t.save}
                  onSave={(changes) => void act(() => consoleApi.updateCourse(c.id, changes), t.saved)}
                />
              </View>

              <View className='card'>
                <Text className='card__title'>{t.cover}</Text>
                {(revision?.changes.cover_url ?? c.cover_url) ? (
                  <Image className='cover cover--editor' src={(revision?.changes.cover_url ?? c.cover_url)!} mode='aspectFill' />
                ) : (
                  <Text className='muted small'>{t.noCover}</Text>
                )}
                {editable && !changesInReview && <UploadButton kind='image' path={`/api/creator/courses/${c.id}/cover`} label={t.chooseCover} onDone={() => void course.reload()} />}
              </View>

              <View className='card card--wide'>
                <Text className='card__title'>{t.syllabus}</Text>
                <Syllabus courseId={c.id} chapters={c.chapters} editable={editable} onChanged={course.reload} />
              </View>
            </View>
          )}
        </StateView>
      )}
    </ConsolePage>
  );
}
