import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import { type Config } from './config';
import { createDataSource } from './db/data-source';
import { PngPdfCertificateRenderer } from './charts/certificate.renderer';
import { PngChartRenderer } from './charts/png-chart.renderer';
import { AnalyticsService } from './domain/analytics/analytics.service';
import { SalesDigestService } from './domain/analytics/sales-digest.service';
import { SalesFigures } from './domain/analytics/sales-figures';
import { AuditLog } from './domain/audit/audit-log.service';
import { CatalogCache } from './domain/catalog/catalog-cache';
import { CatalogService } from './domain/catalog/catalog.service';
import { CertificateService } from './domain/certificates/certificate.service';
import { CourseAuthoringService } from './domain/catalog/course-authoring.service';
import { CourseReviewService } from './domain/catalog/course-review.service';
import { CourseViewService } from './domain/catalog/course-view.service';
import { ReviewService } from './domain/catalog/review.service';
import { ChatBindingService } from './domain/chat/chat-binding.service';
import { EnrollmentService } from './domain/learning/enrollment.service';
import { LearningAnalyticsService } from './domain/learning/learning-analytics.service';
import { MembershipService } from './domain/memberships/membership.service';
import { RedemptionService } from './domain/redemption/redemption.service';
import { ReferralLedger } from './domain/referrals/referral-ledger.service';
import { ReferralSalesService } from './domain/referrals/referral-sales.service';
import { ReferralService } from './domain/referrals/referral.service';
import { ProgressService } from './domain/learning/progress.service';
import { LiveSessionService } from './domain/live/live-session.service';
import { ReleaseScheduleService } from './domain/learning/release-schedule.service';
import { EventNoticeService } from './domain/notifications/event-notice.service';
import { NotificationService } from './domain/notifications/notification.service';
import { QuestionNotifier } from './domain/notifications/question-notifier';
import { CouponService } from './domain/orders/coupon.service';
import { OrderSearchService } from './domain/orders/order-search.service';
import { OrderService } from './domain/orders/order.service';
import { PaidQuestionLedger } from './domain/paid-questions/paid-question-ledger';
import { PaidQuestionService } from './domain/paid-questions/paid-question.service';
import { RefundService } from './domain/orders/refund.service';
import { FaqService } from './domain/qa/faq.service';
import { QaKnowledgeService } from './domain/qa/qa-knowledge.service';
import type { QuestionEvents } from './domain/qa/question-events';
import { QuestionService } from './domain/qa/question.service';
import { QuizService } from './domain/quizzes/quiz.service';
import { LearnerWorksService } from './domain/works/learner-works.service';
import { RecommendationService } from './domain/recommendations/recommendation.service';
import { TokenService } from './domain/users/token.service';
import { UserService } from './domain/users/user.service';
import { createLogger, type Logger } from './logger';
import { Metrics } from './metrics';
import { bullConnection, Producers, QUEUES } from './queues';
import { systemClock, type Clock } from './shared/clock';
import { RedisInvalidations } from './shared/redis-invalidations';
import { LocalDiskStorage } from './storage/local-disk.storage';
import type { MediaStorage } from './storage/media-storage';
import { MediaUrlSigner } from './storage/media-url-signer';
import { wechatAppCredentials } from './wechat/credentials';
import { MiniProgramClient } from './wechat/mini-program.client';
import { wechatPayConfig } from './wechat/pay/config';
import { WechatPayClient } from './wechat/pay/wechat-pay.client';

/** Everything a process needs, built once: the composition root for the API (jobs and bot build their own). */
export interface Container {
  config: Config;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  dataSource: DataSource;
  redis: Redis;
  storage: MediaStorage;
  mediaUrls: MediaUrlSigner;
  tokens: TokenService;
  users: UserService;
  enrollments: EnrollmentService;
  memberships: MembershipService;
  redemption: RedemptionService;
  /** Referral rewards: share codes, clicks, creators' rates, and attributing paid orders to referrers. */
  referrals: ReferralService;
  /** Referral balances and ledgers: crediting after the refund window (the jobs' sweep), reversal on refund. */
  referralLedger: ReferralLedger;
  /** Creators' view of the sales referrals brought them. */
  referralSales: ReferralSalesService;
  catalog: CatalogService;
  reviews: ReviewService;
  /** Course pages opened (conversion funnel, recommendations). */
  courseViews: CourseViewService;
  /** Where learners are in their lessons; "my courses". */
  progress: ProgressService;
  /** Drip release: when lessons open (the catalog's outline applies it), and the lessons that opened, for notices. */
  releases: ReleaseScheduleService;
  /** Live sessions and their Q&A rooms (the WebSocket transport is http/live-rooms.ts). */
  live: LiveSessionService;
  /** Creators' view of how learners move through a course (funnel, drop-off, quiz scores, activity). */
  learningAnalytics: LearningAnalyticsService;
  authoring: CourseAuthoringService;
  /** Submissions, the admins' review queue, approve (applies pending changes) and reject; the creator is told. */
  courseReview: CourseReviewService;
  /** Who changed what: course content, reviews, roles, refunds. */
  audit: AuditLog;
  /** Admins' order look-up. */
  orderSearch: OrderSearchService;
  wechatPay: WechatPayClient;
  producers: Producers;
  coupons: CouponService;
  orders: OrderService;
  refunds: RefundService;
  chatBindings: ChatBindingService;
  /** Learner notices, once each: in chat when bound, else as a subscribe message. */
  notifications: NotificationService;
  /** Notices for order and catalog events (what the jobs' consumers call). */
  eventNotices: EventNoticeService;
  /** What follows asking and answering: the creator hears of a question in chat, the asker of the answer. */
  questionEvents: QuestionEvents;
  questions: QuestionService;
  /** Paid questions to creators: settings, asking (paid), answering by a deadline, public answers others unlock. */
  paidQuestions: PaidQuestionService;
  /** Quizzes and exercises: taking them, grading, the creator's review of short answers. */
  quizzes: QuizService;
  /** Assignments and learner works: submitting, the creator's comments, featuring with admin review. */
  works: LearnerWorksService;
  /** Certificates of completion: issued and drawn by the jobs, listed for the learner, verified by code for anyone. */
  certificates: CertificateService;
  faq: FaqService;
  /** The bot's answers; empty but for platform help until someone calls load() (the API never does). */
  qaKnowledge: QaKnowledgeService;
  /** Personal and related course lists: the nightly recompute, a learner's update after a purchase, the read side. */
  recommendations: RecommendationService;
  /** Creators' daily sales digests (made by the jobs, listed in the app, '今日销售' in chat). */
  salesDigests: SalesDigestService;
  /** Daily rollups, activity and purchase propensity (refreshed by the jobs) and the reports read from them. */
  analytics: AnalyticsService;
  close(): Promise<void>;
}

export interface ContainerOverrides {
  clock?: Clock;
  logger?: Logger;
  metrics?: Metrics;
}

export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const logger = overrides.logger ?? createLogger(config.logLevel, { service: 'api' }, config.logPretty);
  const clock = overrides.clock ?? systemClock;
  const dataSource = createDataSource({ url: config.databaseUrl, replicaUrls: config.databaseReplicaUrls, poolSize: config.dbPoolSize });
  await dataSource.initialize();
  const redis = new Redis(config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2, enableOfflineQueue: false });
  redis.on('error', (err) => logger.warn({ module: 'redis', err: err.message }, 'redis connection problem'));
  try {
    await redis.connect();
  } catch (err) {
    await dataSource.destroy();
    throw err;
  }

  const { appid, appSecret } = wechatAppCredentials(config);
  const miniProgram = new MiniProgramClient({
    apiBase: config.wechat.apiBase,
    appid,
    appSecret,
    logger: logger.child({ module: 'wechat' }),
  });
  const storage = new LocalDiskStorage(config.media.dir);
  const enrollments = new EnrollmentService(dataSource, clock);
  const memberships = new MembershipService(dataSource, clock);
  const redemption = new RedemptionService(dataSource, enrollments, clock);
  const referrals = new ReferralService(dataSource, clock, { windowDays: config.referrals.windowDays, creditAfterDays: config.orders.refundWindowDays });
  const referralLedger = new ReferralLedger(dataSource, clock);
  const catalogCache = new CatalogCache({ ttlMs: config.catalogCacheTtlSeconds * 1000 });
  const catalog = new CatalogService(dataSource, enrollments, catalogCache, clock);
  // Every process hears every other's catalog changes; a dedicated connection, as Redis subscribers need.
  const invalidations = RedisInvalidations.start(
    redis,
    redis.duplicate({ lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: null }),
    `${config.redisPrefix}:catalog:invalidate`,
    (courseId) => catalogCache.forget(courseId),
    logger.child({ module: 'catalog-cache' }),
  );
  catalogCache.connect(invalidations);
  const payConfig = wechatPayConfig(config);
  const wechatPay = new WechatPayClient({ ...payConfig, logger: logger.child({ module: 'wechat-pay' }), clock });
  const merchant = { appid: payConfig.appid, mchid: payConfig.mchid };
  const producers = new Producers(bullConnection(config.redisUrl), config.redisPrefix);
  const coupons = new CouponService(dataSource, clock);
  const ordersLog = logger.child({ module: 'orders' });
  const metrics = overrides.metrics ?? new Metrics('api');
  metrics.trackOrders(dataSource);
  metrics.trackQueues(() => Object.values(QUEUES).map((name) => producers.queue(name)));
  const qaLog = logger.child({ module: 'qa' });
  const qaKnowledge = new QaKnowledgeService(dataSource, { threshold: config.chat.qaThreshold, refundWindowDays: config.orders.refundWindowDays });
  const chatBindings = new ChatBindingService(dataSource, clock, { codeTtlSeconds: config.chat.bindingCodeTtlSeconds });
  const noticesLog = logger.child({ module: 'notifications' });
  const notifications = new NotificationService(dataSource, chatBindings, producers, miniProgram, clock, noticesLog);
  const mediaUrls = new MediaUrlSigner(config.media.signingSecret, config.media.urlTtlSeconds, config.publicUrl, clock);
  const salesFigures = new SalesFigures(dataSource);
  const analyticsLog = logger.child({ module: 'analytics' });
  const charts = new PngChartRenderer({ fontFile: config.digest.fontFile, logger: analyticsLog });
  const reportZone = { timeZone: config.digest.timeZone };
  const quizzes = new QuizService(dataSource, catalog, clock, producers);
  const audit = new AuditLog(dataSource, clock);
  const catalogLog = logger.child({ module: 'catalog' });
  const questionEvents = new QuestionNotifier(dataSource, chatBindings, producers, config.notifications.templates, clock, noticesLog);
  const paidQuestionLedger = new PaidQuestionLedger(clock, { unlockAskerPercent: config.paidQuestions.unlockAskerPercent });
  const orders = new OrderService(dataSource, wechatPay, merchant, coupons, enrollments, producers, producers, clock, ordersLog, {
    ttlSeconds: config.orders.ttlSeconds,
  }, memberships, redemption, referrals, paidQuestionLedger);
  const refunds = new RefundService(dataSource, wechatPay, merchant, enrollments, producers, clock, ordersLog, { windowDays: config.orders.refundWindowDays }, audit, memberships, redemption, referralLedger, catalog, paidQuestionLedger);

  return {
    config,
    logger,
    metrics,
    clock,
    dataSource,
    redis,
    storage,
    mediaUrls,
    tokens: new TokenService(config.jwt.secret, config.jwt.ttlSeconds, clock),
    users: new UserService(dataSource, miniProgram, audit),
    enrollments,
    memberships,
    redemption,
    referrals,
    referralLedger,
    referralSales: new ReferralSalesService(dataSource),
    catalog,
    reviews: new ReviewService(dataSource, catalog, enrollments),
    courseViews: new CourseViewService(dataSource, clock),
    progress: new ProgressService(dataSource, catalog, clock, producers),
    releases: new ReleaseScheduleService(dataSource, catalog),
    live: new LiveSessionService(dataSource, catalog, enrollments, clock),
    learningAnalytics: new LearningAnalyticsService(dataSource, clock),
    authoring: new CourseAuthoringService(dataSource, storage, clock, producers, catalogLog, audit, catalog),
    courseReview: new CourseReviewService(dataSource, storage, producers, config.notifications.templates, audit, clock, catalogLog, catalog),
    audit,
    orderSearch: new OrderSearchService(dataSource),
    wechatPay,
    producers,
    coupons,
    orders,
    refunds,
    chatBindings,
    notifications,
    eventNotices: new EventNoticeService(dataSource, notifications, config.notifications.templates, clock, noticesLog),
    questionEvents,
    questions: new QuestionService(dataSource, catalog, enrollments, clock, questionEvents, { knowledge: qaKnowledge, logger: qaLog }),
    paidQuestions: new PaidQuestionService(dataSource, catalog, orders, refunds, paidQuestionLedger, questionEvents, clock, qaLog, {
      defaultAnswerDays: config.paidQuestions.answerDays,
    }),
    quizzes,
    works: new LearnerWorksService(dataSource, catalog, enrollments, storage, audit, clock),
    certificates: new CertificateService(
      dataSource,
      quizzes,
      new PngPdfCertificateRenderer(() => charts.fontFile),
      storage,
      (code) => `${config.publicUrl}/api/certificates/${code}`,
      clock,
      logger.child({ module: 'certificates' }),
      enrollments,
    ),
    faq: new FaqService(dataSource, catalog, qaKnowledge),
    qaKnowledge,
    recommendations: new RecommendationService(dataSource, catalog, clock, logger.child({ module: 'recommendations' }), config.recommendations),
    salesDigests: new SalesDigestService(dataSource, salesFigures, charts, storage, mediaUrls, chatBindings, producers, clock, analyticsLog, reportZone),
    analytics: new AnalyticsService(dataSource, salesFigures, clock, analyticsLog, { ...reportZone, periodDays: config.analytics.periodDays }),
    async close() {
      invalidations.close();
      await producers.close();
      redis.disconnect();
      await dataSource.destroy();
    },
  };
}
