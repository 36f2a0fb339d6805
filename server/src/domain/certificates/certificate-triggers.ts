/**
 * Moments after which a learner may have earned a certificate (the last lesson completed, a required
 * quiz passed), sent after the change is committed; a jobs worker checks and issues. `reason` names the
 * moment, so the same moment is queued once.
 */
export interface CertificateTriggers {
  mayHaveFinished(event: { userId: number; courseId: number; reason: string }): Promise<void>;
}
