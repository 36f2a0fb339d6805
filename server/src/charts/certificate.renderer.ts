import { Resvg } from '@resvg/resvg-js';
import { PDFDocument } from 'pdf-lib';
import { CERTIFICATE_SIZE, certificateSvg, type CertificateFacts, type CertificateRenderer } from '../domain/certificates/certificate-document';

/** A4 landscape in PDF points. */
const A4_LANDSCAPE = { width: 841.89, height: 595.28 } as const;

/**
 * Certificates drawn like the digest charts: the SVG through resvg with an explicit CJK font (the
 * chart renderer's, found once), and a PDF page holding that PNG at full page size.
 */
export class PngPdfCertificateRenderer implements CertificateRenderer {
  constructor(private readonly fontFile: () => string | null) {}

  async render(facts: CertificateFacts): Promise<{ png: Buffer; pdf: Buffer }> {
    const font = this.fontFile();
    const resvg = new Resvg(certificateSvg(facts), {
      fitTo: { mode: 'width', value: CERTIFICATE_SIZE.width },
      font: font ? { fontFiles: [font], loadSystemFonts: false } : { loadSystemFonts: true },
    });
    const png = Buffer.from(resvg.render().asPng());
    const doc = await PDFDocument.create();
    doc.setTitle(`结业证书 ${facts.code}`);
    doc.setSubject(facts.courseName);
    doc.setCreationDate(facts.issuedAt);
    const page = doc.addPage([A4_LANDSCAPE.width, A4_LANDSCAPE.height]);
    const image = await doc.embedPng(png);
    page.drawImage(image, { x: 0, y: 0, width: A4_LANDSCAPE.width, height: A4_LANDSCAPE.height });
    return { png, pdf: Buffer.from(await doc.save()) };
  }
}
