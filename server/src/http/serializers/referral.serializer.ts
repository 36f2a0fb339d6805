import type { LedgerLine } from '../../domain/referrals/referral-ledger.service';
import type { ReferralSale } from '../../domain/referrals/referral-sales.service';
import { fenToYuan } from '../../shared/money';
import { localDay, localTime } from '../../shared/zoned-time';

export function serializeLedgerLine(line: LedgerLine) {
  const e = line.entry;
  return {
    id: e.id,
    kind: e.kind,
    amount_fen: e.amountFen,
    amount: fenToYuan(e.amountFen),
    /** What a reversal could not take back (the balance did not cover it). */
    shortfall_fen: e.shortfallFen,
    balance_after_fen: e.balanceAfterFen,
    order: line.orderId,
    item_type: line.itemType,
    item_name: line.itemName,
    order_amount_fen: line.orderAmountFen,
    rate_percent: line.ratePercent,
    created_at: e.createdAt.toISOString(),
  };
}

export function serializeReferralSale(sale: ReferralSale) {
  return {
    id: sale.attributionId,
    order: sale.orderId,
    item_type: sale.itemType,
    item_id: sale.itemId,
    item_name: sale.itemName,
    referrer_name: sale.referrerName,
    order_amount_fen: sale.orderAmountFen,
    rate_percent: sale.ratePercent,
    amount_fen: sale.amountFen,
    amount: fenToYuan(sale.amountFen),
    status: sale.status,
    paid_at: sale.paidAt.toISOString(),
    credit_due_at: sale.creditDueAt.toISOString(),
  };
}

const yuan = (fen: number) => fenToYuan(fen).toFixed(2);
/** Spreadsheets show times as people read them: the report time zone (DIGEST_TZ), to the minute. */
const wall = (at: Date, timeZone: string) => `${localDay(at, timeZone)} ${localTime(at, timeZone)}`;

export const LEDGER_CSV_HEADER = ['时间', '类型', '金额(元)', '未能扣回(元)', '余额(元)', '订单', '商品', '订单金额(元)', '比例(%)'];

export function ledgerCsvRow(line: LedgerLine, timeZone: string) {
  const e = line.entry;
  return [wall(e.createdAt, timeZone), e.kind === 'CREDIT' ? '入账' : '冲回', yuan(e.amountFen), yuan(e.shortfallFen), yuan(e.balanceAfterFen), line.orderId, line.itemName, yuan(line.orderAmountFen), line.ratePercent];
}

export const SALES_CSV_HEADER = ['支付时间', '订单', '类型', '商品', '推广人', '订单金额(元)', '比例(%)', '推广奖励(元)', '状态', '入账时间'];

const STATUS_TEXT = { PENDING: '待入账', CREDITED: '已入账', REVERSED: '已冲回' } as const;
const ITEM_TEXT = { course: '课程', plan: '会员' } as const;

export function salesCsvRow(sale: ReferralSale, timeZone: string) {
  return [
    wall(sale.paidAt, timeZone),
    sale.orderId,
    ITEM_TEXT[sale.itemType],
    sale.itemName,
    sale.referrerName,
    yuan(sale.orderAmountFen),
    sale.ratePercent,
    yuan(sale.amountFen),
    STATUS_TEXT[sale.status],
    wall(sale.creditDueAt, timeZone),
  ];
}
