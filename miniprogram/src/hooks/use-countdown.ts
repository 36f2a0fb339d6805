import { useEffect, useState } from 'react';
import { secondsLeft } from '../services/countdown';

/** Seconds until `expiresAt`, ticking each second; calls onExpire once when it reaches zero. */
export function useCountdown(expiresAt: string | null, onExpire?: () => void): number {
  const [left, setLeft] = useState(() => (expiresAt ? secondsLeft(expiresAt, Date.now()) : 0));
  useEffect(() => {
    if (!expiresAt) return;
    let fired = false;
    const tick = () => {
      const s = secondsLeft(expiresAt, Date.now());
      setLeft(s);
      if (s === 0 && !fired) {
        fired = true;
        onExpire?.();
      }
    };
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [expiresAt]);
  return left;
}
