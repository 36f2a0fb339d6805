import Router from '@koa/router';
import { z } from 'zod';
import { ForbiddenError, UnauthorizedError, ValidationError } from '../../errors';
import { MAX_REFERRAL_RATE_PERCENT, type ReferralItem, type ReferralItemType } from '../../domain/referrals/referral-item';
import type { Role } from '../../domain/users/user.entity';
import { toCsv } from '../../shared/csv';
import { fenToYuan } from '../../shared/money';
import { addDays, daysBetween, isDay, startOfLocalDay } from '../../shared/zoned-time';
import type { AppContext, AppState, Ctx } from '../context';
import { actor, currentUser } from '../middleware/auth';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { LEDGER_CSV_HEADER, ledgerCsvRow, SALES_CSV_HEADER, salesCsvRow, serializeLedgerLine, serializeReferralSale } from '../serializers/referral.serializer';
import { idParam, pageQuery } from '../validation';

const idField = (what: string) => z.number({ error: `must be a ${what} id` }).int(`must be a ${what} id`).positive(`must be a ${what} id`);
const idQuery = (what: string) => z.string({ error: 'must be given once' }).regex(/^[1-9]\d{0,9}$/, `must be a ${what} id`).transform(Number);
const code = z.string({ error: 'must be a referral code' }).trim().regex(/^[A-Za-z0-9]{4,16}$/, 'must be a referral code (letters and digits)');

/** Exactly one of course / plan. */
function itemOf(input: { course?: number; plan?: number }, where: 'course' | 'plan' = 'course'): ReferralItem | null {
  if (input.course !== undefined && input.plan !== undefined) throw ValidationError.field(where, 'give either course or plan, not both');
  if (input.course !== undefined) return { type: 'course', id: input.course };
  if (input.plan !== undefined) return { type: 'plan', id: input.plan };
  return null;
}

const visitBody = z.strictObject({ ref: code, course: idField('course').optional(), plan: idField('plan').optional() });
const shareQuery = z.object({ course: idQuery('course').optional(), plan: idQuery('plan').optional() });
const rateBody = z.strictObject({
  rate_percent: z
    .number({ error: 'must be a whole percent from 0 to 50' })
    .int('must be a whole percent')
    .min(0, 'must be at least 0')
    .max(MAX_REFERRAL_RATE_PERCENT, `must be at most ${MAX_REFERRAL_RATE_PERCENT}`),
});

const day = z.string({ error: 'must be given once' }).refine(isDay, 'must be a date as YYYY-MM-DD');
const rangeQuery = z.object({ from: day.optional(), to: day.optional() });
const ticketQuery = z.object({ ticket: z.string({ error: 'must be given once' }).max(2000).optional() });

/** A download link carries a ticket instead of the bearer token (a browser opening a link sends none): five minutes. */
const TICKET_TTL_S = 300;
const EARNINGS_TICKET = 'knowpay-referral-earnings-csv';
const SALES_TICKET = 'knowpay-referral-sales-csv';

/** [from, to] days in the report time zone as [start, end) instants; from after to is a 400 naming `from`. */
function paidRange(ctx: Ctx, query: z.infer<typeof rangeQuery>): { from?: Date; to?: Date } {
  if (query.from && query.to && daysBetween(query.from, query.to) < 0) throw ValidationError.field('from', 'must not be after to');
  const zone = ctx.container.config.digest.timeZone;
  return {
    from: query.from ? startOfLocalDay(query.from, zone) : undefined,
    to: query.to ? startOfLocalDay(addDays(query.to, 1), zone) : undefined,
  };
}

/** Who downloads: the bearer token's user, or the user a download ticket was issued to (still holding a role). */
async function downloader(ctx: Ctx, ticket: string | undefined, audience: string, roles: Role[] = []): Promise<{ id: number; role: Role }> {
  let user = ctx.state.user;
  if (!user && ticket) user = await ctx.container.users.findById((await ctx.container.tokens.verify(ticket, audience)).userId);
  if (!user) throw new UnauthorizedError('sign in, or open the url from the export link', 'UNAUTHORIZED');
  if (roles.length && !roles.includes(user.role)) throw new ForbiddenError(`this needs the ${roles.join(' or ')} role`, 'ROLE_REQUIRED');
  // Not actor(ctx): a ticket download has no signed-in user on the context.
  return { id: user.id, role: user.role };
}

async function downloadLink(ctx: Ctx, audience: string, path: string, query: Record<string, string | undefined>) {
  const user = currentUser(ctx);
  const { token, expiresAt } = await ctx.container.tokens.issue({ userId: user.id, role: user.role }, { audience, ttlSeconds: TICKET_TTL_S });
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) params.set(k, v);
  params.set('ticket', token);
  ctx.status = 201;
  ctx.body = { url: `${ctx.container.config.publicUrl}${path}?${params.toString()}`, expires_at: expiresAt.toISOString() };
}

function sendCsv(ctx: Ctx, filename: string, csv: string) {
  ctx.set('Content-Type', 'text/csv; charset=utf-8');
  ctx.set('Content-Disposition', `attachment; filename="${filename}"`);
  ctx.set('Cache-Control', 'no-store');
  ctx.body = csv;
}

function rateRoutes(router: Router<AppState, AppContext>, type: ReferralItemType, path: string) {
  const what = type === 'course' ? 'course' : 'membership plan';
  route(
    router,
    { method: 'get', path, summary: `The referral reward rate of my ${what} (whole percent, 0 = none)`, tag: 'referrals', auth: ['creator', 'admin'], params: idParam, responses: { 200: '{item_type, item_id, rate_percent}', 404: `Not my ${what}` } },
    async (ctx, { params }) => {
      const rate = await ctx.container.referrals.ownRate(actor(ctx), { type, id: params.id });
      ctx.body = { item_type: type, item_id: params.id, rate_percent: rate };
    },
  );
  route(
    router,
    { method: 'put', path, summary: `Set the referral reward rate of my ${what}: 0..50 % of what the buyer pays (0 turns it off)`, tag: 'referrals', auth: ['creator', 'admin'], params: idParam, body: rateBody, responses: { 200: '{item_type, item_id, rate_percent}', 404: `Not my ${what}` } },
    async (ctx, { params, body }) => {
      const rate = await ctx.container.referrals.setRate(actor(ctx), { type, id: params.id }, body.rate_percent);
      ctx.body = { item_type: type, item_id: params.id, rate_percent: rate };
    },
  );
}

/**
 * Referral rewards (分销): share codes and links, clicks, the referrer's earnings and ledger (with a CSV
 * export), creators' rates and their view of referral sales (with a CSV export).
 */
export function referralRoutes() {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    {
      method: 'get',
      path: '/api/me/referral',
      summary: 'My referral code; with ?course= or ?plan=, the share path (mini-program) and link (H5) for it and what sharing it earns',
      tag: 'referrals',
      auth: true,
      query: shareQuery,
      responses: { 200: '{code, item?: {type, id, name, rate_percent, reward_fen, reward, share_path, h5_url}}', 404: 'No such course or plan on sale' },
    },
    async (ctx, { query }) => {
      const user = currentUser(ctx);
      const myCode = await ctx.container.referrals.codeOf(user.id);
      const item = itemOf(query);
      if (!item) {
        ctx.body = { code: myCode, item: null };
        return;
      }
      const offer = await ctx.container.referrals.offer(item);
      // A course opens on its page; a plan on the plan picker, showing the creator's plans with this one chosen.
      const page =
        item.type === 'course' ? `/pages/course/index?id=${item.id}&ref=${myCode}` : `/learning/plans/index?creator=${offer.creatorId}&plan=${item.id}&ref=${myCode}`;
      ctx.body = {
        code: myCode,
        item: {
          type: item.type,
          id: item.id,
          name: offer.name,
          rate_percent: offer.ratePercent,
          reward_fen: offer.rewardFen,
          reward: fenToYuan(offer.rewardFen),
          share_path: page,
          h5_url: page && `${ctx.container.config.publicUrl}${page}`,
        },
      };
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/referrals/visits',
      summary: 'I opened a course or plan through a share link (ref = the sharer’s code); my own link and the seller’s are ignored',
      tag: 'referrals',
      auth: true,
      body: visitBody,
      responses: { 201: '{recorded: true}', 200: '{recorded: false, reason: SELF | CREATOR}', 404: 'Unknown referral code, or no such course or plan on sale' },
    },
    async (ctx, { body }) => {
      const item = itemOf(body);
      if (!item) throw ValidationError.field('course', 'give the course (or plan) that was opened');
      const outcome = await ctx.container.referrals.recordVisit(actor(ctx), body.ref, item);
      ctx.status = outcome === 'recorded' ? 201 : 200;
      ctx.body = outcome === 'recorded' ? { recorded: true } : { recorded: false, reason: outcome.toUpperCase() };
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/me/referral/earnings',
      summary: 'My referral balance, rewards pending (inside their refund window) and my ledger, newest first',
      tag: 'referrals',
      auth: true,
      query: pageQuery,
      responses: { 200: '{balance_fen, balance, pending_fen, pending, pending_count, count, next, previous, results}' },
    },
    async (ctx, { query }) => {
      const userId = currentUser(ctx).id;
      const page = pageRequest(query);
      const [earnings, ledger] = await Promise.all([ctx.container.referralLedger.earnings(userId), ctx.container.referralLedger.ledger(userId, page)]);
      ctx.body = {
        balance_fen: earnings.balanceFen,
        balance: fenToYuan(earnings.balanceFen),
        pending_fen: earnings.pendingFen,
        pending: fenToYuan(earnings.pendingFen),
        pending_count: earnings.pendingCount,
        ...pageBody(ctx, page, ledger, serializeLedgerLine),
      };
    },
  );

  route(
    router,
    { method: 'post', path: '/api/me/referral/earnings/export', summary: 'A five-minute link to my ledger as CSV, for a browser (which sends no bearer token)', tag: 'referrals', auth: true, responses: { 201: '{url, expires_at}' } },
    (ctx) => downloadLink(ctx, EARNINGS_TICKET, '/api/me/referral/earnings.csv', {}),
  );

  route(
    router,
    { method: 'get', path: '/api/me/referral/earnings.csv', summary: 'My referral ledger as CSV (UTF-8 with BOM): a bearer token or ?ticket= from the export link', tag: 'referrals', query: ticketQuery, responses: { 200: 'text/csv', 401: 'Neither a token nor a valid ticket' } },
    async (ctx, { query }) => {
      const user = await downloader(ctx, query.ticket, EARNINGS_TICKET);
      const lines = await ctx.container.referralLedger.exportLines(user.id);
      sendCsv(ctx, 'referral-earnings.csv', toCsv(LEDGER_CSV_HEADER, lines.map((l) => ledgerCsvRow(l, ctx.container.config.digest.timeZone))));
    },
  );

  rateRoutes(router, 'course', '/api/creator/courses/:id/referral-rate');
  rateRoutes(router, 'plan', '/api/creator/plans/:id/referral-rate');

  route(
    router,
    { method: 'get', path: '/api/creator/referral-rates', summary: 'My courses and plans with their referral reward rates', tag: 'referrals', auth: ['creator', 'admin'] },
    async (ctx) => {
      const rows = await ctx.container.referrals.creatorRates(currentUser(ctx).id);
      ctx.body = {
        results: rows.map((r) => ({ item_type: r.type, item_id: r.id, name: r.name, price_fen: r.priceFen, price: fenToYuan(r.priceFen), status: r.status, rate_percent: r.ratePercent })),
      };
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/creator/referral-sales',
      summary: 'Orders of my courses and plans that referrals brought, paid within [from, to] (days in DIGEST_TZ), newest first, with totals',
      tag: 'referrals',
      auth: ['creator', 'admin'],
      query: pageQuery.extend(rangeQuery.shape),
      responses: { 200: '{totals: {orders, order_amount_fen, reward_fen}, count, next, previous, results}' },
    },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.referralSales.list(currentUser(ctx).id, paidRange(ctx, query), page);
      ctx.body = {
        totals: { orders: result.totals.orders, order_amount_fen: result.totals.orderAmountFen, reward_fen: result.totals.rewardFen, reward: fenToYuan(result.totals.rewardFen) },
        ...pageBody(ctx, page, result, serializeReferralSale),
      };
    },
  );

  route(
    router,
    { method: 'post', path: '/api/creator/referral-sales/export', summary: 'A five-minute link to my referral sales (?from=&to=) as CSV, for a browser', tag: 'referrals', auth: ['creator', 'admin'], query: rangeQuery, responses: { 201: '{url, expires_at}' } },
    async (ctx, { query }) => {
      paidRange(ctx, query);
      await downloadLink(ctx, SALES_TICKET, '/api/creator/referral-sales.csv', { from: query.from, to: query.to });
    },
  );

  route(
    router,
    { method: 'get', path: '/api/creator/referral-sales.csv', summary: 'My referral sales as CSV (UTF-8 with BOM): a bearer token or ?ticket= from the export link', tag: 'referrals', query: rangeQuery.extend(ticketQuery.shape), responses: { 200: 'text/csv', 401: 'Neither a token nor a valid ticket' } },
    async (ctx, { query }) => {
      const user = await downloader(ctx, query.ticket, SALES_TICKET, ['creator', 'admin']);
      const rows = await ctx.container.referralSales.exportRows(user.id, paidRange(ctx, query));
      sendCsv(ctx, 'referral-sales.csv', toCsv(SALES_CSV_HEADER, rows.map((r) => salesCsvRow(r, ctx.container.config.digest.timeZone))));
    },
  );

  return router;
}
