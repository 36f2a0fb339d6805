import { formatDuration, isComplete, progressLabel, resumeAt, shouldReport } from './progress';

describe('lesson progress in the player', () => {
  it('resumes at the saved position, but starts over when the lesson was (nearly) finished', () => {
    expect(resumeAt(0, 600)).toBe(0);
    expect(resumeAt(125.7, 600)).toBe(125);
    expect(resumeAt(597, 600)).toBe(0);
    expect(resumeAt(40, 0)).toBe(40);
  });

  it('calls a lesson complete from 95% on', () => {
    expect(isComplete(569, 600)).toBe(false);
    expect(isComplete(570, 600)).toBe(true);
    expect(isComplete(10, 0)).toBe(false);
  });

  it('reports the first position, then every ten seconds of play, and any jump back', () => {
    expect(shouldReport(null, 0)).toBe(true);
    expect(shouldReport(30, 39)).toBe(false);
    expect(shouldReport(30, 40)).toBe(true);
    expect(shouldReport(30, 12)).toBe(true);
  });

  it('labels my courses by percent done', () => {
    const labels = { notStarted: '未开始', done: '已学完', percent: (p: number) => `已学 ${p}%` };
    expect(progressLabel(0, labels)).toBe('未开始');
    expect(progressLabel(49.6, labels)).toBe('已学 50%');
    expect(progressLabel(100, labels)).toBe('已学完');
    expect(progressLabel(140, labels)).toBe('已学完');
  });

  it('shows lesson lengths as m:ss', () => {
    expect(formatDuration(750)).toBe('12:30');
    expect(formatDuration(59)).toBe('0:59');
  });
});
