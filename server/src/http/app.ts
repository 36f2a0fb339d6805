import cors from '@koa/cors';
import Koa from 'koa';
import { koaBody } from 'koa-body';
import helmet from 'koa-helmet';
import type { Container } from '../container';
import type { AppContext, AppState } from './context';
import { authenticate } from './middleware/auth';
import { errorHandler } from './middleware/errors';
import { h5App } from './middleware/h5-app';
import { requestMetrics } from './middleware/metrics';
import { requestContext } from './middleware/request-context';
import { adminOrderRoutes } from './routes/admin-orders.routes';
import { adminUserRoutes } from './routes/admin-users.routes';
import { adminRoutes } from './routes/admin.routes';
import { analyticsRoutes } from './routes/analytics.routes';
import { auditRoutes } from './routes/audit.routes';
import { authRoutes } from './routes/auth.routes';
import { chatBindingRoutes } from './routes/chat-binding.routes';
import { clientConfigRoutes } from './routes/client-config.routes';
import { catalogRoutes } from './routes/catalog.routes';
import { certificateRoutes } from './routes/certificates.routes';
import { creatorRoutes } from './routes/creator.routes';
import { faqRoutes } from './routes/faq.routes';
import { healthRoutes } from './routes/health.routes';
import { learningAnalyticsRoutes } from './routes/learning-analytics.routes';
import { learningRoutes } from './routes/learning.routes';
import { liveSessionRoutes } from './routes/live-sessions.routes';
import { lessonReleaseRoutes } from './routes/lesson-releases.routes';
import { mediaRoutes } from './routes/media.routes';
import { meRoutes } from './routes/me.routes';
import { openApiRoutes } from './routes/openapi.routes';
import { couponRoutes } from './routes/coupons.routes';
import { membershipRoutes } from './routes/memberships.routes';
import { redemptionRoutes } from './routes/redemption.routes';
import { orderRoutes } from './routes/orders.routes';
import { paidQuestionRoutes } from './routes/paid-questions.routes';
import { payNotifyRoutes } from './routes/pay-notify.routes';
import { queueDashboard, queueDashboardRoutes } from './routes/queue-dashboard.routes';
import { questionRoutes } from './routes/questions.routes';
import { quizRoutes } from './routes/quizzes.routes';
import { learnerWorkRoutes } from './routes/learner-works.routes';
import { recommendationRoutes } from './routes/recommendations.routes';
import { referralRoutes } from './routes/referrals.routes';
import { refundRoutes } from './routes/refunds.routes';
import { reviewRoutes } from './routes/reviews.routes';

/** The HTTP API: thin routes over the container's services. */
export function createHttpApp(container: Container): Koa<AppState, AppContext> {
  const { config } = container;
  const app = new Koa<AppState, AppContext>({ proxy: config.env === 'production' });
  app.context.container = container;
  app.on('error', (err: Error) => container.logger.error({ module: 'http', err }, 'response stream error'));

  app.use(requestContext(container.logger));
  app.use(requestMetrics(container.metrics));
  app.use(errorHandler());
  app.use(helmet({ contentSecurityPolicy: false, crossOriginResourcePolicy: { policy: 'cross-origin' } }));
  app.use(
    cors({
      origin: (ctx) => {
        const origin = ctx.get('origin');
        return config.corsOrigins.includes(origin) ? origin : '';
      },
      allowHeaders: ['Authorization', 'Content-Type', 'X-Request-Id', 'Idempotency-Key'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use(mediaRoutes());
  app.use(h5App(config.h5Dir));
  // The admins' BullMQ dashboard: its own cookie session, its own body parser.
  app.use(queueDashboard());
  // Before the body parser: notification signatures cover the raw bytes.
  const notify = payNotifyRoutes();
  app.use(notify.routes());
  // JSON only here; uploads parse multipart on their own routes.
  app.use(koaBody({ json: true, jsonStrict: true, jsonLimit: config.jsonBodyLimit, multipart: false, urlencoded: false, text: false }));
  app.use(authenticate());

  const routers = [
    healthRoutes(),
    openApiRoutes(),
    clientConfigRoutes(),
    authRoutes({ loginPerMinute: config.loginMaxPerMinute, registerPerHour: config.registerMaxPerHour, redis: container.redis, prefix: config.redisPrefix }),
    meRoutes(),
    catalogRoutes(),
    reviewRoutes(),
    learningRoutes(),
    lessonReleaseRoutes(),
    learningAnalyticsRoutes(),
    liveSessionRoutes(),
    creatorRoutes(config.media.uploadMaxBytes),
    adminRoutes(),
    adminUserRoutes(),
    adminOrderRoutes(),
    auditRoutes(),
    analyticsRoutes(),
    queueDashboardRoutes(),
    orderRoutes({ redis: container.redis, prefix: config.redisPrefix, perMinute: config.orders.maxPerMinute }),
    membershipRoutes({ redis: container.redis, prefix: config.redisPrefix, perMinute: config.orders.maxPerMinute }),
    redemptionRoutes({ redis: container.redis, prefix: config.redisPrefix, perMinute: config.orders.maxPerMinute }),
    refundRoutes(),
    referralRoutes(),
    couponRoutes(),
    questionRoutes(),
    paidQuestionRoutes({ redis: container.redis, prefix: config.redisPrefix, perMinute: config.orders.maxPerMinute }),
    quizRoutes(),
    learnerWorkRoutes(config.media.uploadMaxBytes),
    certificateRoutes(config.publicUrl),
    faqRoutes(),
    recommendationRoutes(),
    chatBindingRoutes({ redis: container.redis, prefix: config.redisPrefix, perMinute: config.chat.bindingCodesPerMinute }),
  ];
  for (const router of routers) {
    app.use(router.routes());
    app.use(router.allowedMethods({ throw: false }));
  }
  return app;
}
