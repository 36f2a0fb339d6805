import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { isTimeZone } from './shared/zoned-time';

/** The repository root: var/ (keys, media, sandbox state) lives here unless VAR_DIR says otherwise. */
export const REPO_ROOT = resolve(__dirname, '..', '..');

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
// WeChat's template ids are 43 characters of base64url; the sandbox takes any id of this shape.
const templateId = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/, 'must be a template id (10-64 characters of A-Z, a-z, 0-9, _ or -)');

// Five fields (minute hour day month weekday) or six with seconds first, as BullMQ's job scheduler reads them.
const cron = z.string().trim().regex(/^(\S+\s+){4,5}\S+$/, 'must be a cron pattern of 5 or 6 fields, e.g. "30 3 * * *"');
const timeZone = z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: port.default(3000),
  METRICS_HOST: z.string().default('127.0.0.1'),
  METRICS_PORT: port.default(9464),
  PUBLIC_URL: z.url().optional(),
  DATABASE_URL: z.string().regex(/^mysql:\/\//, 'must be a mysql:// URL').default('mysql://root@127.0.0.1:3306/knowpay'),
  DB_POOL_SIZE: positiveInt.default(10),
  /** Read replicas, comma-separated mysql:// URLs: the catalog's reads go there, everything else to DATABASE_URL. */
  DATABASE_REPLICA_URLS: z
    .string()
    .default('')
    .refine((v) => v.split(',').map((u) => u.trim()).filter(Boolean).every((u) => /^mysql:\/\//.test(u)), 'must be comma-separated mysql:// URLs'),
  /** How long a process keeps catalog pages; changes invalidate at once, sales counts may lag this long. 0 turns the cache off. */
  CATALOG_CACHE_TTL_S: z.coerce.number().int().min(0).max(3600, 'must be at most 3600').default(30),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL').default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_:-]+$/).default('knowpay'),
  VAR_DIR: z.string().default(join(REPO_ROOT, 'var')),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  JWT_TTL_S: positiveInt.default(7 * 24 * 3600),
  MEDIA_SIGNING_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  MEDIA_URL_TTL_S: positiveInt.default(3600),
  MEDIA_DIR: z.string().optional(),
  H5_DIR: z.string().optional(),
  UPLOAD_MAX_MB: positiveInt.default(512),
  JSON_BODY_LIMIT: z.string().regex(/^\d+(kb|mb)$/).default('256kb'),
  CORS_ORIGINS: z.string().default('http://localhost:10086,http://127.0.0.1:10086'),
  LOGIN_MAX_PER_MINUTE: positiveInt.default(10),
  ORDER_TTL_SECONDS: positiveInt.max(2 * 3600, 'must be at most 7200 (a prepay id lives two hours)').default(900),
  ORDER_SWEEP_EVERY_S: positiveInt.default(60),
  RELEASE_SWEEP_EVERY_S: positiveInt.default(300),
  LIVE_REMINDER_SWEEP_EVERY_S: positiveInt.default(60),
  PAID_QUESTION_ANSWER_DAYS: z.coerce.number().int().min(1).max(14).default(3),
  PAID_QUESTION_SWEEP_EVERY_S: positiveInt.default(60),
  /** The asker's share of an unlock's price, in percent; the creator gets the rest. */
  PAID_QUESTION_UNLOCK_ASKER_PERCENT: z.coerce.number().int().min(0).max(100).default(50),
  /** Per member and live Q&A room, in any minute: questions asked, and upvotes given. */
  LIVE_ASK_PER_MINUTE: positiveInt.max(600, 'must be at most 600').default(5),
  LIVE_UPVOTES_PER_MINUTE: positiveInt.max(600, 'must be at most 600').default(30),
  /** How often each API process checks that the silent learners in its rooms still have access. */
  LIVE_ACCESS_RECHECK_S: positiveInt.max(3600, 'must be at most 3600').default(60),
  REFUND_WINDOW_DAYS: z.coerce.number().int().min(0).max(365).default(7),
  /** A purchase counts for the referrer whose link the buyer clicked last within this many days before paying. */
  REFERRAL_WINDOW_DAYS: positiveInt.max(90, 'must be at most 90').default(7),
  ORDER_MAX_PER_MINUTE: positiveInt.default(20),
  REGISTER_MAX_PER_HOUR: positiveInt.default(30),
  WECHAT_MODE: z.enum(['sandbox', 'production']).default('sandbox'),
  SANDBOX_HOST: z.string().default('127.0.0.1'),
  SANDBOX_PORT: port.default(4010),
  /** Where browsers reach the sandbox (the H5 app signs in and pays there); defaults to SANDBOX_HOST:SANDBOX_PORT. */
  SANDBOX_PUBLIC_URL: z.url().optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  WECHAT_APPID: z.string().optional(),
  WECHAT_APP_SECRET: z.string().optional(),
  WECHATPAY_API_BASE: z.url().default('https://api.mch.weixin.qq.com'),
  WECHATPAY_MCHID: z.string().regex(/^\d{6,32}$/, 'must be digits').optional(),
  WECHATPAY_MERCHANT_SERIAL: z.string().regex(/^[0-9A-Fa-f]{8,64}$/, 'must be the certificate serial in hex').optional(),
  WECHATPAY_MERCHANT_PRIVATE_KEY: z.string().optional(),
  WECHATPAY_MERCHANT_PRIVATE_KEY_FILE: z.string().optional(),
  WECHATPAY_PUBLIC_KEY_ID: z.string().regex(/^PUB_KEY_ID_\w+$/, 'must start with PUB_KEY_ID_').optional(),
  WECHATPAY_PUBLIC_KEY: z.string().optional(),
  WECHATPAY_PUBLIC_KEY_FILE: z.string().optional(),
  WECHATPAY_APIV3_KEY: z.string().length(32, 'must be exactly 32 characters').optional(),
  // WeChat Pay refuses notify URLs with a query string.
  PAY_NOTIFY_URL: z.url().refine((u) => !u.includes('?'), 'must not have a query string').optional(),
  BINDING_CODE_TTL_S: positiveInt.max(24 * 3600, 'must be at most 86400 (a day)').default(600),
  BINDING_CODE_MAX_PER_MINUTE: positiveInt.default(10),
  BOT_BIND_ATTEMPTS_PER_HOUR: positiveInt.default(10),
  // Calibrated on the help and course corpora of domain/qa/qa-index.test.ts: right answers score above it, unrelated questions below.
  QA_CONFIDENCE_THRESHOLD: z.coerce.number().min(0, 'must be from 0 to 1').max(1, 'must be from 0 to 1').default(0.4),
  SUBSCRIBE_TEMPLATE_PURCHASE: templateId.optional(),
  SUBSCRIBE_TEMPLATE_REFUND: templateId.optional(),
  SUBSCRIBE_TEMPLATE_LESSON: templateId.optional(),
  SUBSCRIBE_TEMPLATE_EXPIRING: templateId.optional(),
  SUBSCRIBE_TEMPLATE_MEMBERSHIP: templateId.optional(),
  SUBSCRIBE_TEMPLATE_ANSWER: templateId.optional(),
  SUBSCRIBE_TEMPLATE_LIVE: templateId.optional(),
  SUBSCRIBE_TEMPLATE_REVIEW: templateId.optional(),
  // WeChat restricts accounts that send fast; fractions allowed (0.5 = one message every 2 s).
  BOT_OUTBOX_RATE_PER_S: z.coerce.number().positive().max(20).default(1),
  BOT_CHAT_HOST: z.string().default('127.0.0.1'),
  BOT_CHAT_PORT: port.default(4020),
  WECHATY_PUPPET: z.enum(['wechaty-puppet-mock', 'wechaty-puppet-wechat4u', 'wechaty-puppet-service']).default('wechaty-puppet-mock'),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().optional(),
  BOT_QA_RELOAD_S: positiveInt.default(300),
  /** The active bot holds a Redis lock this long and renews it every third; a waiting bot takes over within it. */
  BOT_LOCK_S: positiveInt.max(600, 'must be at most 600').default(15),
  RECOMMENDATIONS_CRON: cron.default('30 3 * * *'),
  RECOMMENDATIONS_TZ: timeZone.default('Asia/Shanghai'),
  RECOMMENDATIONS_TOP_N: positiveInt.max(100, 'must be at most 100').default(20),
  RECOMMENDATIONS_NEIGHBOURS: positiveInt.max(200, 'must be at most 200').default(50),
  RECOMMENDATIONS_HALF_LIFE_DAYS: z.coerce.number().positive().default(30),
  RECOMMENDATIONS_BATCH_SIZE: positiveInt.max(50_000).default(1000),
  DIGEST_CRON: cron.default('0 20 * * *'),
  DIGEST_TZ: timeZone.default('Asia/Shanghai'),
  DIGEST_FONT_FILE: z.string().optional(),
  ANALYTICS_EVERY_S: positiveInt.default(600),
  ANALYTICS_PERIOD_DAYS: positiveInt.max(365, 'must be at most 365').default(30),
  WORKER_LOCK_S: positiveInt.max(600, 'must be at most 600').default(30),
});

export interface Config {
  env: 'development' | 'test' | 'production';
  host: string;
  port: number;
  metrics: { host: string; port: number };
  publicUrl: string;
  databaseUrl: string;
  /** Read replicas of databaseUrl (empty: none). */
  databaseReplicaUrls: string[];
  dbPoolSize: number;
  /** Catalog cache lifetime in seconds; 0 = off. */
  catalogCacheTtlSeconds: number;
  redisUrl: string;
  redisPrefix: string;
  varDir: string;
  logLevel: string;
  logPretty: boolean;
  jwt: { secret: string; ttlSeconds: number };
  media: { signingSecret: string; urlTtlSeconds: number; dir: string; uploadMaxBytes: number };
  /** The built H5 app the API serves at `/` (absent until built). */
  h5Dir: string;
  jsonBodyLimit: string;
  corsOrigins: string[];
  loginMaxPerMinute: number;
  orders: { ttlSeconds: number; sweepEverySeconds: number; refundWindowDays: number; maxPerMinute: number };
  registerMaxPerHour: number;
  /**
   * Referral rewards: a purchase counts for the latest referral click within `windowDays` before payment;
   * the reward is credited once the order's refund window (orders.refundWindowDays) has passed.
   */
  referrals: { windowDays: number };
  /** How often the jobs look for drip-released lessons that opened, to tell their learners. */
  releases: { sweepEverySeconds: number };
  /** How often the jobs look for live sessions starting within LIVE_REMINDER_MINUTES, to remind their learners. */
  liveReminders: { sweepEverySeconds: number };
  /**
   * Paid questions: the default days a creator has to answer, how often the jobs refund the overdue
   * ones, and the asker's percent of an unlock's price (the creator gets the rest).
   */
  paidQuestions: { answerDays: number; sweepEverySeconds: number; unlockAskerPercent: number };
  /** The live Q&A rooms' limits, per member and room in any minute. */
  liveRooms: { askPerMinute: number; upvotesPerMinute: number; accessRecheckSeconds: number };
  wechat: {
    mode: 'sandbox' | 'production';
    /** Where the mini-program API lives: the sandbox's URL in sandbox mode. */
    apiBase: string;
    /** Explicit credentials (production); in sandbox mode they come from the sandbox's credentials file. */
    appid?: string;
    appSecret?: string;
  };
  wechatPay: {
    /** Where WeChat Pay lives: the sandbox's URL in sandbox mode. */
    apiBase: string;
    /** Where WeChat Pay sends payment and refund notifications. */
    notifyUrl: string;
    /** Merchant settings (production); in sandbox mode they come from the sandbox's credentials file. */
    mchid?: string;
    merchantSerial?: string;
    merchantPrivateKey?: string;
    publicKeyId?: string;
    publicKey?: string;
    apiv3Key?: string;
  };
  sandbox: { host: string; port: number; url: string; publicUrl: string };
  chat: {
    /** How long a chat binding code from the mini-program stays valid. */
    bindingCodeTtlSeconds: number;
    /** Codes one user may ask for per minute. */
    bindingCodesPerMinute: number;
    bindAttemptsPerHour: number;
    /** The confidence (0..1) from which the bot answers from its Q&A knowledge instead of offering to forward. */
    qaThreshold: number;
  };
  notifications: {
    /**
     * Subscribe-message template per notice kind. The sandbox takes the built-in ids; in production
     * an unset one means that notice reaches learners in chat only.
     */
    templates: Record<'purchase' | 'refund' | 'new-lesson' | 'order-expiring' | 'answer' | 'live-reminder' | 'course-review' | 'membership-expiring', string | null>;
    /** The bot-outbox worker's limit: chat messages per second over the whole bot account. */
    chatRatePerSecond: number;
  };
  bot: {
    /** Where the mock puppet's local chat endpoint listens (POST /chat, GET /inbox); unused by real puppets. */
    chatHost: string;
    chatPort: number;
    puppet: 'wechaty-puppet-mock' | 'wechaty-puppet-wechat4u' | 'wechaty-puppet-service';
    puppetServiceToken?: string;
    /** How often the bot reloads its Q&A knowledge, to pick up FAQ entries and answers made in other processes. */
    qaReloadSeconds: number;
    /** Lifetime of the active-bot lock (renewed every third of it). */
    lockSeconds: number;
  };
  recommendations: {
    /** When the full recompute runs (BullMQ job scheduler pattern) and in which time zone. */
    cron: string;
    timeZone: string;
    /** Recommendations kept per learner. */
    topN: number;
    /** Similar courses kept per course (the neighbourhood scoring walks, and "related" reads). */
    neighbours: number;
    /** Popularity halves every this many days. */
    halfLifeDays: number;
    /** Learners read, scored and written per batch: bounds the memory of a recompute besides the sparse matrix. */
    batchSize: number;
  };
  digest: {
    /** When the daily sales digests are made (BullMQ job scheduler pattern) and in which zone; reports cut days in this zone too. */
    cron: string;
    timeZone: string;
    /** A font file with Chinese glyphs for the chart; without it the usual system locations are searched. */
    fontFile?: string;
  };
  analytics: {
    /** How often the jobs refresh the daily rollups, activity scores and purchase propensity. */
    everySeconds: number;
    /** t of the activity score, and how far back course views count for purchase propensity. */
    periodDays: number;
  };
  jobs: {
    /** How long a job stays with a worker that stopped answering (killed) before another worker takes it over. */
    lockSeconds: number;
  };
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment once, listing every bad variable together. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.NODE_ENV === 'production') {
    if (!e.JWT_SECRET) problems.push('  JWT_SECRET: required in production');
    if (!e.MEDIA_SIGNING_SECRET) problems.push('  MEDIA_SIGNING_SECRET: required in production');
  }
  if (e.WECHAT_MODE === 'production' && (!e.WECHAT_APPID || !e.WECHAT_APP_SECRET)) {
    problems.push('  WECHAT_APPID, WECHAT_APP_SECRET: required when WECHAT_MODE=production');
  }
  const merchantPrivateKey = pemSetting(e.WECHATPAY_MERCHANT_PRIVATE_KEY, e.WECHATPAY_MERCHANT_PRIVATE_KEY_FILE, 'WECHATPAY_MERCHANT_PRIVATE_KEY', 'PRIVATE KEY', problems);
  const wechatpayPublicKey = pemSetting(e.WECHATPAY_PUBLIC_KEY, e.WECHATPAY_PUBLIC_KEY_FILE, 'WECHATPAY_PUBLIC_KEY', 'PUBLIC KEY', problems);
  if (e.WECHAT_MODE === 'production') {
    const missing = [
      ['WECHATPAY_MCHID', e.WECHATPAY_MCHID],
      ['WECHATPAY_MERCHANT_SERIAL', e.WECHATPAY_MERCHANT_SERIAL],
      // A key that is set but unreadable is already reported by pemSetting, not again as missing.
      ['WECHATPAY_MERCHANT_PRIVATE_KEY', e.WECHATPAY_MERCHANT_PRIVATE_KEY || e.WECHATPAY_MERCHANT_PRIVATE_KEY_FILE],
      ['WECHATPAY_PUBLIC_KEY_ID', e.WECHATPAY_PUBLIC_KEY_ID],
      ['WECHATPAY_PUBLIC_KEY', e.WECHATPAY_PUBLIC_KEY || e.WECHATPAY_PUBLIC_KEY_FILE],
      ['WECHATPAY_APIV3_KEY', e.WECHATPAY_APIV3_KEY],
    ].filter(([, value]) => !value);
    if (missing.length) problems.push(`  ${missing.map(([name]) => name).join(', ')}: required when WECHAT_MODE=production`);
  }
  if (e.WECHATY_PUPPET === 'wechaty-puppet-service' && !e.WECHATY_PUPPET_SERVICE_TOKEN) {
    problems.push('  WECHATY_PUPPET_SERVICE_TOKEN: required when WECHATY_PUPPET=wechaty-puppet-service');
  }
  if (problems.length) throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);

  const local = e.JWT_SECRET && e.MEDIA_SIGNING_SECRET ? undefined : localSecrets(e.VAR_DIR);
  const sandboxUrl = `http://${e.SANDBOX_HOST}:${e.SANDBOX_PORT}`;
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, '');
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    metrics: { host: e.METRICS_HOST, port: e.METRICS_PORT },
    publicUrl,
    databaseUrl: e.DATABASE_URL,
    databaseReplicaUrls: e.DATABASE_REPLICA_URLS.split(',').map((u) => u.trim()).filter(Boolean),
    dbPoolSize: e.DB_POOL_SIZE,
    catalogCacheTtlSeconds: e.CATALOG_CACHE_TTL_S,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    varDir: e.VAR_DIR,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_FORMAT === 'pretty',
    jwt: { secret: e.JWT_SECRET ?? local!.jwt_secret, ttlSeconds: e.JWT_TTL_S },
    media: {
      signingSecret: e.MEDIA_SIGNING_SECRET ?? local!.media_signing_secret,
      urlTtlSeconds: e.MEDIA_URL_TTL_S,
      dir: e.MEDIA_DIR ?? join(e.VAR_DIR, 'media'),
      uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    },
    h5Dir: e.H5_DIR ?? join(REPO_ROOT, 'miniprogram', 'dist', 'h5'),
    jsonBodyLimit: e.JSON_BODY_LIMIT,
    corsOrigins: e.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    loginMaxPerMinute: e.LOGIN_MAX_PER_MINUTE,
    orders: {
      ttlSeconds: e.ORDER_TTL_SECONDS,
      sweepEverySeconds: e.ORDER_SWEEP_EVERY_S,
      refundWindowDays: e.REFUND_WINDOW_DAYS,
      maxPerMinute: e.ORDER_MAX_PER_MINUTE,
    },
    registerMaxPerHour: e.REGISTER_MAX_PER_HOUR,
    referrals: { windowDays: e.REFERRAL_WINDOW_DAYS },
    releases: { sweepEverySeconds: e.RELEASE_SWEEP_EVERY_S },
    liveReminders: { sweepEverySeconds: e.LIVE_REMINDER_SWEEP_EVERY_S },
    paidQuestions: {
      answerDays: e.PAID_QUESTION_ANSWER_DAYS,
      sweepEverySeconds: e.PAID_QUESTION_SWEEP_EVERY_S,
      unlockAskerPercent: e.PAID_QUESTION_UNLOCK_ASKER_PERCENT,
    },
    liveRooms: { askPerMinute: e.LIVE_ASK_PER_MINUTE, upvotesPerMinute: e.LIVE_UPVOTES_PER_MINUTE, accessRecheckSeconds: e.LIVE_ACCESS_RECHECK_S },
    wechat: {
      mode: e.WECHAT_MODE,
      apiBase: e.WECHAT_MODE === 'sandbox' ? sandboxUrl : e.WECHAT_API_BASE,
      appid: e.WECHAT_APPID,
      appSecret: e.WECHAT_APP_SECRET,
    },
    wechatPay: {
      apiBase: e.WECHAT_MODE === 'sandbox' ? sandboxUrl : e.WECHATPAY_API_BASE,
      notifyUrl: e.PAY_NOTIFY_URL ?? `${publicUrl}/api/pay/wechat/notify`,
      mchid: e.WECHATPAY_MCHID,
      merchantSerial: e.WECHATPAY_MERCHANT_SERIAL?.toUpperCase(),
      merchantPrivateKey,
      publicKeyId: e.WECHATPAY_PUBLIC_KEY_ID,
      publicKey: wechatpayPublicKey,
      apiv3Key: e.WECHATPAY_APIV3_KEY,
    },
    sandbox: { host: e.SANDBOX_HOST, port: e.SANDBOX_PORT, url: sandboxUrl, publicUrl: (e.SANDBOX_PUBLIC_URL ?? sandboxUrl).replace(/\/$/, '') },
    chat: {
      bindingCodeTtlSeconds: e.BINDING_CODE_TTL_S,
      bindingCodesPerMinute: e.BINDING_CODE_MAX_PER_MINUTE,
      bindAttemptsPerHour: e.BOT_BIND_ATTEMPTS_PER_HOUR,
      qaThreshold: e.QA_CONFIDENCE_THRESHOLD,
    },
    notifications: {
      templates: {
        purchase: e.SUBSCRIBE_TEMPLATE_PURCHASE ?? sandboxTemplate(e.WECHAT_MODE, 'kp_sandbox_purchase_paid'),
        refund: e.SUBSCRIBE_TEMPLATE_REFUND ?? sandboxTemplate(e.WECHAT_MODE, 'kp_sandbox_refund_done'),
        'new-lesson': e.SUBSCRIBE_TEMPLATE_LESSON ?? sandboxTemplate(e.WECHAT_MODE, 'kp_sandbox_new_lesson'),
        'order-expiring': e.SUBSCRIBE_TEMPLATE_EXPIRING ?? sandboxTemplate(e.WECHAT_MODE, 'kp_sandbox_order_expiring'),
        answer: e.SUBSCRIBE_TEMPLATE_ANSWER ?? sandboxTemplate(e.WECHAT_MODE, 'kp_sandbox_question_answered'),
        'live-reminder': e.SUBSCRIBE_TEMPLATE_LIVE ?? sandboxTemplate(e.WECHAT_MODE, 'kp_sandbox_live_reminder'),
        'course-review': e.SUBSCRIBE_TEMPLATE_REVIEW ?? sandboxTemplate(e.WECHAT_MODE, 'kp_sandbox_course_review'),
        'membership-expiring': e.SUBSCRIBE_TEMPLATE_MEMBERSHIP ?? sandboxTemplate(e.WECHAT_MODE, 'kp_sandbox_membership_expiring'),
      },
      chatRatePerSecond: e.BOT_OUTBOX_RATE_PER_S,
    },
    bot: {
      chatHost: e.BOT_CHAT_HOST,
      chatPort: e.BOT_CHAT_PORT,
      puppet: e.WECHATY_PUPPET,
      puppetServiceToken: e.WECHATY_PUPPET_SERVICE_TOKEN,
      qaReloadSeconds: e.BOT_QA_RELOAD_S,
      lockSeconds: e.BOT_LOCK_S,
    },
    recommendations: {
      cron: e.RECOMMENDATIONS_CRON,
      timeZone: e.RECOMMENDATIONS_TZ,
      topN: e.RECOMMENDATIONS_TOP_N,
      neighbours: e.RECOMMENDATIONS_NEIGHBOURS,
      halfLifeDays: e.RECOMMENDATIONS_HALF_LIFE_DAYS,
      batchSize: e.RECOMMENDATIONS_BATCH_SIZE,
    },
    digest: { cron: e.DIGEST_CRON, timeZone: e.DIGEST_TZ, fontFile: e.DIGEST_FONT_FILE },
    analytics: { everySeconds: e.ANALYTICS_EVERY_S, periodDays: e.ANALYTICS_PERIOD_DAYS },
    jobs: { lockSeconds: e.WORKER_LOCK_S },
  };
}

/** Real WeChat knows only the templates chosen in the admin console, so the built-in ids are for the sandbox alone. */
function sandboxTemplate(mode: 'sandbox' | 'production', id: string): string | null {
  return mode === 'sandbox' ? id : null;
}

/**
 * A PEM from the variable itself or from the file its _FILE twin names (how secret stores mount keys).
 * Escaped newlines are restored: many deployment tools only pass one-line values.
 */
function pemSetting(inline: string | undefined, file: string | undefined, name: string, label: string, problems: string[]): string | undefined {
  if (inline && file) {
    problems.push(`  ${name}, ${name}_FILE: set only one`);
    return undefined;
  }
  let pem = inline?.replace(/\\n/g, '\n');
  if (file) {
    try {
      pem = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push(`  ${name}_FILE: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  }
  if (pem === undefined || pem.trim() === '') return undefined;
  // Only the shape is checked here; the value itself never appears in a message.
  if (!new RegExp(`-----BEGIN (RSA )?${label}-----[\\s\\S]+-----END (RSA )?${label}-----`).test(pem)) {
    problems.push(`  ${file ? `${name}_FILE` : name}: must be a PEM ${label.toLowerCase()}`);
    return undefined;
  }
  return pem.trim() + '\n';
}

interface LocalSecrets {
  jwt_secret: string;
  media_signing_secret: string;
}

/** Outside production, secrets are generated once under var/secrets/ (git-ignored) instead of living in the repo. */
function localSecrets(varDir: string): LocalSecrets {
  const file = join(varDir, 'secrets', 'local.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  } catch {
    const fresh: LocalSecrets = {
      jwt_secret: randomBytes(32).toString('base64url'),
      media_signing_secret: randomBytes(32).toString('base64url'),
    };
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, JSON.stringify(fresh, null, 2), { flag: 'wx', mode: 0o600 });
      return fresh;
    } catch {
      // Another process created it first: use theirs.
      return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
    }
  }
}
