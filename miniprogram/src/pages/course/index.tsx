import { Button, Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter, useShareAppMessage } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { Cover } from '../../components/cover';
import { CourseShelf } from '../../components/course-shelf';
import { Price } from '../../components/price';
import { Stars } from '../../components/stars';
import { GiftLink } from './gift-link';
import { MembershipBlock } from './membership-block';
import { StateView } from '../../components/state-view';
import { useAsync } from '../../hooks/use-async';
import { useReferralLanding } from '../../hooks/use-referral-landing';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { platform } from '../../platform';
import { api } from '../../services/api';
import { toastError, toastOk } from '../../services/feedback';
import { formatPrice } from '../../services/money';
import { paidQuestionsApi } from '../../services/paid-questions-api';
import { ROUTES, go, goToSignIn } from '../../services/navigation';
import { formatDuration } from '../../services/progress';
import type { LessonItem, Review } from '../../services/types';

const t = zhCN.course;

/** Course detail: cover, price, rating, creator, syllabus with preview badges, reviews, and buy or study. */
export default function CourseDetailPage() {
  const params = useRouter().params;
  const id = Number(params.id);
  const session = useSession();
  const course = useAsync(() => api.course(id), [id, session?.token]);
  // What sharing this course earns me, and my link to it (signed in only: the link carries my code).
  const share = useAsync(() => (session ? api.referralShare(id) : Promise.resolve(null)), [id, session?.token]);
  const [shownLink, setShownLink] = useState<string | null>(null);

  useReferralLanding(params.ref, { course: id });

  useShareAppMessage(() => ({
    title: t.shareTitle(course.data?.name ?? ''),
    path: share.data?.item?.share_path ?? `/pages/course/index?id=${id}`,
  }));
  const reviews = useAsync(() => api.reviews(id), [id]);
  const works = useAsync(() => api.featuredWorks(id), [id]);
  const paidQa = useAsync(() => paidQuestionsApi.settings(id), [id]);
  const [done, setDone] = useState<Set<number>>(new Set());

  useDidShow(() => {
    // Back from checkout or the player: enrollment and progress may have changed.
    if (course.data) void course.reload();
  });

  useEffect(() => {
    if (course.data) void Taro.setNavigationBarTitle({ title: course.data.name });
    if (!course.data?.enrolled || !session) return;
    api
      .courseProgress(id)
      .then((p) => setDone(new Set(p.lessons.filter((l) => l.completed).map((l) => l.lesson_id))))
      .catch(() => setDone(new Set()));
  }, [course.data, id, session]);

  const c = course.data;
  const lessons = c?.chapters.flatMap((ch) => ch.lessons) ?? [];
  const firstToStudy = lessons.find((l) => !done.has(l.id)) ?? lessons[0];

  const openLesson = (lesson: LessonItem) => {
    if (lesson.url || c?.enrolled || lesson.free_preview) go(ROUTES.player, { id: lesson.id });
    else void Taro.showToast({ title: t.locked, icon: 'none' });
  };

  const offer = share.data?.item;
  const canEarn = !!offer && offer.rate_percent > 0 && !!session && c?.creator?.id !== session.user.id;
  const copyLink = async () => {
    if (!offer?.h5_url) return;
    // Shown too, to copy by hand where the browser refuses the clipboard.
    setShownLink(offer.h5_url);
    try {
      await Taro.setClipboardData({ data: offer.h5_url });
      toastOk(t.linkCopied);
    } catch (err) {
      toastError(err);
    }
  };

  const buy = () => {
    if (!session) return goToSignIn();
    go(ROUTES.checkout, { id });
  };

  return (
    <View className='page page--course'>
      <StateView loading={course.loading && !c} error={c ? null : course.error} onRetry={() => void course.reload()}>
        {c && (
          <View>
            <Cover url={c.cover_url} name={c.name} category={c.category} wide />
            <View className='card detail-head'>
              <Text className='detail-head__name'>{c.name}</Text>
              <View className='detail-head__rating'>
                <Stars rating={c.rating} />
                <Text className='muted'>{c.rating_count > 0 ? `${c.rating.toFixed(1)} · ${t.ratingCount(c.rating_count)}` : zhCN.catalog.noRating}</Text>
                <Text className='muted'>· {zhCN.catalog.learners(c.sales_count)}</Text>
              </View>
              <View className='detail-head__price'>
                <Price fen={c.price_fen} large />
                {c.category && <Text className='tag'>{c.category}</Text>}
              </View>
              <Text className='detail-head__creator'>
                {t.creator}：{c.creator?.name ?? ''}
              </Text>
              <Text className='detail-head__desc'>{c.description}</Text>
            </View>

            {canEarn && offer && (
              <View className='card share-earn'>
                <View className='share-earn__head'>
                  <Text className='share-earn__title'>{t.shareEarn(formatPrice(offer.reward_fen))}</Text>
                  {platform.name === 'weapp' ? (
                    <Button className='btn btn--ghost btn--small share-earn__btn' openType='share'>
                      {t.shareToFriend}
                    </Button>
                  ) : (
                    <Button className='btn btn--ghost btn--small share-earn__btn' onClick={() => void copyLink()}>
                      {t.copyLink}
                    </Button>
                  )}
                </View>
                <Text className='muted small block'>{t.shareHint(offer.rate_percent)}</Text>
                {shownLink && <Text className='share-earn__link block'>{shownLink}</Text>}
              </View>
            )}
            <MembershipBlock courseId={c.id} enrolled={c.enrolled} />

            <View className='card'>
              <View className='card__title'>
                <Text>{t.syllabus}</Text>
                <Text className='muted'>{t.lessons(lessons.length)}</Text>
              </View>
              {c.chapters.map((ch) => (
                <View key={ch.id} className='chapter'>
                  <Text className='chapter__title'>{ch.title}</Text>
                  {ch.lessons.map((l) => (
                    <View key={l.id} className='lesson-row' onClick={() => openLesson(l)} data-lesson-id={l.id}>
                      <Text className={`lesson-row__kind kind--${l.kind}`}>{t.kinds[l.kind]}</Text>
                      <Text className='lesson-row__title'>{l.title}</Text>
                      {done.has(l.id) && <Text className='lesson-row__done'>✓</Text>}
                      {l.free_preview && !c.enrolled && <Text className='badge badge--preview'>{t.freePreview}</Text>}
                      {!l.url && !l.free_preview && !c.enrolled && <Text className='lesson-row__lock'>{t.paidOnly}</Text>}
                      {l.duration_s > 0 && <Text className='lesson-row__time'>{formatDuration(l.duration_s)}</Text>}
                    </View>
                  ))}
                </View>
              ))}
            </View>

            <View className='card'>
              <View className='card__title'>
                <Text>{t.reviews}</Text>
                {c.enrolled && (
                  <Text className='link' onClick={() => go(ROUTES.review, { course: c.id })}>
                    {t.writeReview}
                  </Text>
                )}
              </View>
              <StateView loading={reviews.loading} error={reviews.error} empty={(reviews.data?.results.length ?? 0) === 0} emptyText={t.noReviews} onRetry={() => void reviews.reload()}>
                {reviews.data?.results.map((r: Review) => (
                  <View key={r.id} className='review'>
                    <View className='review__head'>
                      <Text className='review__user'>{r.user?.name ?? '学员'}</Text>
                      <Stars rating={r.rating} />
                    </View>
                    <Text className='review__content'>{r.content}</Text>
                  </View>
                ))}
              </StateView>
            </View>

            {(works.data?.results.length ?? 0) > 0 && (
              <View className='card featured-works'>
                <Text className='card__title'>{t.featuredWorks}</Text>
                {works.data?.results.map((w) => (
                  <View key={w.id} className='work'>
                    <Text className='muted small block'>{zhCN.works.by(w.learner_name, w.assignment_title)}</Text>
                    <Text className='work__text block'>{w.text}</Text>
                    <View className='work__images'>
                      {w.image_urls.map((url) => (
                        <Image key={url} className='work__image' src={url} mode='aspectFill' />
                      ))}
                    </View>
                    {w.comment && <Text className='work__comment block'>{zhCN.works.comment(w.comment)}</Text>}
                  </View>
                ))}
              </View>
            )}
            {c.enrolled && (
              <View className='card card--link' onClick={() => go(ROUTES.works, { course: c.id })}>
                <Text>{t.works}</Text>
                <Text className='muted'>›</Text>
              </View>
            )}
            <View className='card card--link' onClick={() => go(ROUTES.qa, { course: c.id })}>
              <Text>{t.qa}</Text>
              <Text className='muted'>›</Text>
            </View>
            {paidQa.data?.enabled && paidQa.data.price_fen !== null && (
              <View className='card card--link paid-entry' data-paid-entry onClick={() => (session ? go(ROUTES.paidAsk, { course: c.id }) : goToSignIn())}>
                <Text>{zhCN.paidQa.entry}</Text>
                <Text className='muted'>{`${zhCN.paidQa.entryPrice(formatPrice(paidQa.data.price_fen))} ›`}</Text>
              </View>
            )}
            {paidQa.data?.enabled && (
              <View className='card card--link' onClick={() => go(ROUTES.paidQa, { course: c.id })}>
                <Text>{zhCN.paidQa.publicTitle}</Text>
                <Text className='muted'>›</Text>
              </View>
            )}
            {c.enrolled && (
              <View className='card card--link' onClick={() => go(ROUTES.quiz, { course: c.id })}>
                <Text>{t.quizzes}</Text>
                <Text className='muted'>›</Text>
              </View>
            )}
            {c.enrolled && (
              <View className='card card--link' onClick={() => go(ROUTES.live, { course: c.id })}>
                <Text>{t.live}</Text>
                <Text className='muted'>›</Text>
              </View>
            )}
            <GiftLink courseId={c.id} priceFen={c.price_fen} creatorId={c.creator?.id ?? null} />
            <CourseShelf title={t.related} load={() => api.related(id)} deps={[id]} />
            <View className='bottom-spacer' />

            <View className='action-bar'>
              <View className='action-bar__price'>
                <Price fen={c.price_fen} large />
              </View>
              {c.enrolled ? (
                <Button className='btn btn--primary action-bar__btn' onClick={() => firstToStudy && go(ROUTES.player, { id: firstToStudy.id })}>
                  {done.size > 0 ? t.continueStudy : t.study}
                </Button>
              ) : (
                <Button className='btn btn--primary action-bar__btn' onClick={buy}>
                  {c.price_fen === 0 ? t.buyFree : t.buy}
                </Button>
              )}
            </View>
          </View>
        )}
      </StateView>
    </View>
  );
}
