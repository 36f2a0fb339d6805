import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { SignInPrompt } from '../../components/sign-in-prompt';
import { StateView } from '../../components/state-view';
import { useBusyAction } from '../../hooks/use-busy-action';
import { usePagedList } from '../../hooks/use-paged-list';
import { useSession } from '../../hooks/use-session';
import { zhCN } from '../../i18n/zh-CN';
import { platform } from '../../platform';
import { api } from '../../services/api';
import { toastInfo } from '../../services/feedback';
import { chinaMinute } from '../../services/live';
import { formatPrice } from '../../services/money';
import type { ReferralEarnings, ReferralLedgerLine } from '../../services/types';

const t = zhCN.referrals;

/** Money shown on this page: "¥0.00" rather than the catalog's "免费" for nothing. */
const money = (fen: number) => (fen === 0 ? '¥0.00' : formatPrice(fen));

function LedgerRow({ line }: { line: ReferralLedgerLine }) {
  const credit = line.kind === 'CREDIT';
  const amount = `${credit ? '+' : '-'}${money(line.amount_fen)}`;
  return (
    <View className='ledger-row' data-kind={line.kind}>
      <View>
        <Text className='block'>{t.kinds[line.kind]}</Text>
        <Text className='muted small block'>{line.item_name}</Text>
        <Text className='muted small block'>{chinaMinute(line.created_at)}</Text>
      </View>
      <View className='right'>
        <Text className={`ledger-row__amount block ledger-row__amount--${credit ? 'credit' : 'reversal'}`}>{amount}</Text>
        <Text className='muted small block'>{t.balanceAfter(money(line.balance_after_fen))}</Text>
        {line.shortfall_fen > 0 && <Text className='muted small block'>{t.shortfall(money(line.shortfall_fen))}</Text>}
      </View>
    </View>
  );
}

function Earnings() {
  const [summary, setSummary] = useState<ReferralEarnings | null>(null);
  const list = usePagedList<ReferralLedgerLine>(async () => {
    const page = await api.referralEarnings();
    setSummary(page);
    return page;
  }, []);
  const [busy, run] = useBusyAction();

  const exportCsv = () =>
    run(async () => {
      const { url } = await api.referralExportLink();
      if ((await platform.openLink(url)) === 'copied') toastInfo(t.exportCopied);
    });

  return (
    <StateView loading={list.loading && !summary} error={summary ? null : list.error} onRetry={() => void list.refresh()}>
      {summary && (
        <View>
          <View className='card earnings-head'>
            <View className='earnings-head__cell'>
              <Text className='muted small'>{t.balance}</Text>
              <Text className='earnings-head__value' data-testid='referral-balance'>{money(summary.balance_fen)}</Text>
            </View>
            <View className='earnings-head__cell'>
              <Text className='muted small'>{t.pending}</Text>
              <Text className='earnings-head__value earnings-head__value--pending' data-testid='referral-pending'>{money(summary.pending_fen)}</Text>
              {summary.pending_count > 0 && <Text className='muted small block'>{t.pendingHint(summary.pending_count)}</Text>}
            </View>
          </View>
          <View className='card'>
            <View className='card__title'>
              <Text>{t.ledger}</Text>
              <Text className='link' onClick={() => !busy && void exportCsv()}>
                {busy ? t.exporting : t.export}
              </Text>
            </View>
            <StateView loading={false} error={list.error} empty={list.items.length === 0} emptyText={t.empty} onRetry={() => void list.refresh()}>
              {list.items.map((line) => (
                <LedgerRow key={line.id} line={line} />
              ))}
              {list.hasMore ? (
                <Button className='btn btn--ghost btn--block' disabled={list.loadingMore} onClick={() => void list.loadMore()}>
                  {list.loadingMore ? zhCN.common.loading : t.loadMore}
                </Button>
              ) : (
                list.items.length > 0 && <Text className='muted small center block'>{t.noMore}</Text>
              )}
            </StateView>
          </View>
        </View>
      )}
    </StateView>
  );
}

/** 我的推广收益: the balance, rewards waiting for their orders' refund window, the ledger, and a CSV export. */
export default function ReferralEarningsPage() {
  const session = useSession();
  return <View className='page page--referrals'>{session ? <Earnings /> : <SignInPrompt />}</View>;
}
