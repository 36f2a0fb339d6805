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
