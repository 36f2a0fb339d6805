import { useDidHide, useUnload } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { api } from '../../services/api';
import { isComplete, shouldReport } from '../../services/progress';

/**
 * Tells the server where the learner is: every few seconds of playback, on pause, at the end, and when
 * the page is left. Reports are idempotent, so a retried or repeated one does no harm; a failed one is
 * simply sent again with the next.
 */
export function useProgressReporter(lessonId: number, durationS: number, canReport: boolean, initiallyCompleted: boolean) {
  const last = useRef<number | null>(null);
  const latest = useRef(0);
  const [completed, setCompleted] = useState(initiallyCompleted);
  const completedRef = useRef(initiallyCompleted);
  completedRef.current = completed;

  const send = useCallback(
    (positionS: number, done: boolean) => {
      if (!canReport || !lessonId) return;
      last.current = positionS;
      if (done) setCompleted(true);
      api.reportProgress(lessonId, positionS, done || completedRef.current).catch(() => {
        last.current = null;
      });
    },
    [lessonId, canReport],
  );

  const onTime = useCallback(
    (positionS: number, mediaDurationS?: number) => {
      latest.current = positionS;
      // A recorded clip may not know its length (Infinity): then the lesson's own length counts.
      const length = mediaDurationS && Number.isFinite(mediaDurationS) && mediaDurationS > 0 ? mediaDurationS : durationS;
      if (shouldReport(last.current, positionS)) send(positionS, isComplete(positionS, length));
    },
    [send, durationS],
  );

  const onPause = useCallback((positionS?: number) => send(positionS ?? latest.current, false), [send]);
  const onEnded = useCallback((positionS: number) => send(positionS, true), [send]);
  const markDone = useCallback(() => send(latest.current, true), [send]);

  const flush = () => {
    if (last.current !== latest.current) send(latest.current, false);
  };
  useDidHide(flush);
  useUnload(flush);

  return { onTime, onPause, onEnded, markDone, completed, setCompleted };
}
