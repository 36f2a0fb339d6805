import { useEffect } from 'react';
import { rememberVisit, reportVisits, type PendingVisit } from '../services/referral';
import { useSession } from './use-session';

/**
 * For a page a share link can open (a course, a membership plan): the `ref` from its parameters is
 * remembered and told to the server now, or as soon as the learner signs in.
 */
export function useReferralLanding(ref: string | undefined, item: Omit<PendingVisit, 'ref'>): void {
  const token = useSession()?.token;
  useEffect(() => {
    if (ref) rememberVisit({ ref, ...item });
    void reportVisits();
    // The item is named by its ids; a new object each render is the same item.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref, item.course, item.plan, token]);
}
