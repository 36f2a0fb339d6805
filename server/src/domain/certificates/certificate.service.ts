import type { DataSource } from 'typeorm';
import { NotFoundError } from '../../errors';
import type { Logger } from '../../logger';
import type { Clock } from '../../shared/clock';
import { duplicateKeyIndex } from '../../shared/db-errors';
import type { MediaStorage } from '../../storage/media-storage';
import type { EnrollmentService } from '../learning/enrollment.service';
import type { QuizService } from '../quizzes/quiz.service';
import { newCertificateCode, normalizeCertificateCode } from './certificate-code';
import type { CertificateRenderer } from './certificate-document';
import { Certificate } from './certificate.entity';

/** What a learner still lacks for the certificate of a course. */
export interface Eligibility {
  /** May study the course now: enrolled, or a member of a plan that covers it (EnrollmentService decides). */
  enrolled: boolean;
  lessonsLeft: number;
  requiredQuizzesLeft: number;
}

/**
 * Certificates: a learner who completed every lesson of a course and passed its required quizzes gets
 * one, once, with a verification code anyone may check. Issued by the jobs (after a trigger), never on a
 * request's path: drawing the picture takes a moment.
 */
export class CertificateService {
  constructor(
    private readonly ds: DataSource,
    private readonly quizzes: Pick<QuizService, 'requiredLeft'>,
    private readonly renderer: CertificateRenderer,
    private readonly storage: MediaStorage,
    private readonly verifyUrl: (code: string) => string,
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly access: Pick<EnrollmentService, 'hasAccess'>,
  ) {}

  async eligibility(userId: number, courseId: number): Promise<Eligibility> {
    const [row]: Array<{ total: string | number; done: string | number }> = await this.ds.query(
      `SELECT (SELECT COUNT(*) FROM lessons WHERE course_id = ?) AS total,
              (SELECT COUNT(*) FROM lesson_progress p JOIN lessons l ON l.id = p.lesson_id WHERE p.user_id = ? AND l.course_id = ? AND p.completed = 1) AS done`,
      [courseId, userId, courseId],
    );
    const total = Number(row?.total ?? 0);
    return {
      enrolled: await this.access.hasAccess(userId, courseId),
      // A course without lessons is never finished.
      lessonsLeft: total === 0 ? 1 : Math.max(0, total - Number(row?.done ?? 0)),
      requiredQuizzesLeft: await this.quizzes.requiredLeft(userId, courseId),
    };
  }

  /**
   * Issues the certificate when the learner has earned it, and makes its files when they are missing
   * (a retry after a crash between the two). Null when not earned. Running it twice issues one.
   */
  async issueIfEligible(userId: number, courseId: number): Promise<Certificate | null> {
    const repo = this.ds.getRepository(Certificate);
    let certificate = await repo.findOneBy({ userId, courseId });
    if (!certificate) {
      const e = await this.eligibility(userId, courseId);
      if (!e.enrolled || e.lessonsLeft > 0 || e.requiredQuizzesLeft > 0) return null;
      const [facts]: Array<{ learner_name: string; course_name: string }> = await this.ds.query(
        'SELECT u.display_name AS learner_name, c.name AS course_name FROM users u JOIN courses c ON c.id = ? WHERE u.id = ?',
        [courseId, userId],
      );
      if (!facts) return null;
      try {
        certificate = await repo.save(
          repo.create({ code: newCertificateCode(), userId, courseId, learnerName: facts.learner_name, courseName: facts.course_name, issuedAt: this.clock.now(), pngKey: null, pdfKey: null }),
        );
        this.logger.info({ userId, courseId, code: certificate.code }, 'certificate issued');
      } catch (err) {
        // Two workers at once: the other one's row stands.
        if (duplicateKeyIndex(err) !== 'uq_certificates_user_course') throw err;
        certificate = await repo.findOneByOrFail({ userId, courseId });
      }
    }
    if (!certificate.pngKey || !certificate.pdfKey) {
      const { png, pdf } = await this.renderer.render({ ...certificate, verifyUrl: this.verifyUrl(certificate.code) });
      const base = `certificates/${certificate.courseId}/${certificate.code}`;
      await this.storage.putBuffer(`${base}.png`, png);
      await this.storage.putBuffer(`${base}.pdf`, pdf);
      await repo.update({ id: certificate.id }, { pngKey: `${base}.png`, pdfKey: `${base}.pdf` });
      Object.assign(certificate, { pngKey: `${base}.png`, pdfKey: `${base}.pdf` });
    }
    return certificate;
  }

  /** The learner's certificates whose files are ready, newest first. */
  async listMine(userId: number): Promise<Certificate[]> {
    const all = await this.ds.getRepository(Certificate).find({ where: { userId }, order: { issuedAt: 'DESC', id: 'DESC' } });
    return all.filter((c) => c.pngKey && c.pdfKey);
  }

  /** The certificate with this code (typed loosely: case, spaces, O for 0), or 404. */
  async verify(code: string): Promise<Certificate> {
    const normalized = normalizeCertificateCode(code);
    const certificate = normalized ? await this.ds.getRepository(Certificate).findOneBy({ code: normalized }) : null;
    if (!certificate) throw new NotFoundError('certificate');
    return certificate;
  }
}
