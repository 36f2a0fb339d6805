import { chinaDate } from '../../domain/certificates/certificate-document';
import type { Certificate } from '../../domain/certificates/certificate.entity';
import type { MediaUrlSigner } from '../../storage/media-url-signer';

/** What anyone checking a code learns: who finished which course, and when (`issued_on`: the day in China, as printed). */
export function serializeVerifiedCertificate(c: Certificate) {
  return { code: c.code, valid: true, learner_name: c.learnerName, course: { id: c.courseId, name: c.courseName }, issued_at: c.issuedAt.toISOString(), issued_on: chinaDate(c.issuedAt) };
}

/** The learner's own: with signed links to the PNG and the PDF. */
export function serializeOwnCertificate(c: Certificate, urls: MediaUrlSigner, verifyUrl: string) {
  return {
    ...serializeVerifiedCertificate(c),
    png_url: c.pngKey ? urls.sign(c.pngKey) : null,
    pdf_url: c.pdfKey ? urls.sign(c.pdfKey) : null,
    verify_url: verifyUrl,
  };
}
