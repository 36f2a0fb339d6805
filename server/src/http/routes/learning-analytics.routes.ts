import Router from '@koa/router';
import type { LearningAnalytics } from '../../domain/learning/learning-analytics.service';
import type { AppContext, AppState } from '../context';
import { currentUser } from '../middleware/auth';
import { route } from '../route';
import { idParam } from '../validation';

function serialize(a: LearningAnalytics) {
  return {
    course_id: a.courseId,
    learners: a.learners,
    finished: a.finished,
    idle_days: a.idleDays,
    funnel: a.funnel.map((s) => ({ lesson_id: s.lessonId, title: s.title, started: s.started, completed: s.completed, completion_rate: s.completionRate, stopped_here: s.stoppedHere })),
    quizzes: a.quizzes.map((q) => ({ quiz_id: q.quizId, title: q.title, required: q.required, learners: q.learners, pass_rate: q.passRate, score_buckets: q.buckets })),
    activity: { learners: a.activity.learners, average_score: a.activity.averageScore },
  };
}

export function learningAnalyticsRoutes() {
  const router = new Router<AppState, AppContext>();
  route(
    router,
    {
      method: 'get',
      path: '/api/creator/courses/:id/learning-analytics',
      summary: 'How learners move through my course: completion per lesson, where idle learners stopped, quiz score distribution, activity',
      tag: 'analytics',
      auth: ['creator'],
      params: idParam,
      responses: { 200: 'The figures', 404: 'No such course of yours' },
    },
    async (ctx, { params }) => {
      ctx.body = serialize(await ctx.container.learningAnalytics.forCourse(currentUser(ctx).id, params.id));
    },
  );
  return router;
}
