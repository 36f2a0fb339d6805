import { useCallback, useState } from 'react';
import { toastError } from '../services/feedback';

/** One user action at a time (a submit, a payment): `busy` while it runs; a failure is shown as a toast. */
export function useBusyAction(): [busy: boolean, run: (action: () => Promise<void>) => Promise<void>] {
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
    } catch (err) {
      toastError(err);
    } finally {
      setBusy(false);
    }
  }, []);
  return [busy, run];
}

/** The same for a list whose rows each have an action (approve, answer): which row's action runs, one at a time. */
export function useBusyRow(): [busyId: number | null, run: (id: number, action: () => Promise<void>) => Promise<void>] {
  const [busyId, setBusyId] = useState<number | null>(null);
  const run = useCallback(async (id: number, action: () => Promise<void>) => {
    setBusyId(id);
    try {
      await action();
    } catch (err) {
      toastError(err);
    } finally {
      setBusyId(null);
    }
  }, []);
  return [busyId, run];
}
