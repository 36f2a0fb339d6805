/** How often the player tells the server where the learner is while playing. */
export const REPORT_EVERY_S = 10;
/** Close enough to the end to call a lesson finished (credits, a last silent second). */
const COMPLETE_RATIO = 0.95;
/** Resuming this close to the end would only replay the last seconds: start over instead. */
const RESTART_WITHIN_S = 5;

/** Where the player starts: the saved position, unless the lesson was (nearly) over. */
export function resumeAt(savedS: number, durationS: number): number {
  if (savedS <= 0) return 0;
  if (durationS > 0 && savedS >= durationS - RESTART_WITHIN_S) return 0;
  return Math.floor(savedS);
}

export function isComplete(positionS: number, durationS: number): boolean {
  return durationS > 0 && positionS >= durationS * COMPLETE_RATIO;
}

/** Report when playback moved on by REPORT_EVERY_S since the last report, or jumped backwards. */
export function shouldReport(lastReportedS: number | null, positionS: number): boolean {
  if (lastReportedS === null) return true;
  return positionS - lastReportedS >= REPORT_EVERY_S || positionS < lastReportedS;
}

/** "已学 45%" style label for my courses; "未开始" before the first lesson is finished. */
export function progressLabel(percent: number, labels: { notStarted: string; done: string; percent: (p: number) => string }): string {
  const p = Math.max(0, Math.min(100, Math.round(percent)));
  if (p === 0) return labels.notStarted;
  if (p === 100) return labels.done;
  return labels.percent(p);
}

/** "12:30" for a lesson length. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}
