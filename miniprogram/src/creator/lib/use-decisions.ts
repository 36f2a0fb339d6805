import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useState } from 'react';
import { useBusyRow } from '../../hooks/use-busy-action';
import { usePagedList } from '../../hooks/use-paged-list';
import { toastInfo, toastOk } from '../../services/feedback';
import type { Page } from '../../services/types';

export interface DecisionTexts {
  /** Shown when a rejection has no reason. */
  needNote: string;
  approved: string;
  rejected: string;
}

/**
 * A queue of items waiting for a yes or no (course reviews, refund requests): the list, a note per row
 * (required to say no), one row busy at a time, and the list reloaded after each decision.
 */
export function useDecisions<T extends { id: number }>(
  load: () => Promise<Page<T>>,
  act: { approve: (id: number) => Promise<unknown>; reject: (id: number, note: string) => Promise<unknown> },
  texts: DecisionTexts,
) {
  const list = usePagedList(load, []);
  const [notes, setNotes] = useState<Record<number, string>>({});
  const [busy, run] = useBusyRow();
  usePullDownRefresh(() => void list.refresh().finally(() => Taro.stopPullDownRefresh()));

  const decide = async (id: number, approve: boolean) => {
    const note = notes[id]?.trim() ?? '';
    if (!approve && !note) return toastInfo(texts.needNote);
    await run(id, async () => {
      if (approve) await act.approve(id);
      else await act.reject(id, note);
      toastOk(approve ? texts.approved : texts.rejected);
      await list.refresh();
    });
  };
  const setNote = (id: number, note: string) => setNotes((n) => ({ ...n, [id]: note }));

  return { list, notes, setNote, busy, decide };
}
