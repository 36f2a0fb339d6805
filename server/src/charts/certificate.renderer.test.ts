import { PDFDocument } from 'pdf-lib';
import { PngPdfCertificateRenderer } from './certificate.renderer';
import { findCjkFont } from './png-chart.renderer';

describe('drawing a certificate', () => {
  it('makes a 1600×1131 PNG and a one-page A4 landscape PDF of it', async () => {
    const renderer = new PngPdfCertificateRenderer(() => findCjkFont(undefined));
    const { png, pdf } = await renderer.render({
      code: 'KP-AB1C2-D3E4F',
      learnerName: '林小雨',
      courseName: '摄影构图二十讲',
      issuedAt: new Date('2026-11-26T08:00:00Z'),
      verifyUrl: 'http://127.0.0.1:3000/api/certificates/KP-AB1C2-D3E4F',
    });
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1600, 1131]);
    const doc = await PDFDocument.load(pdf);
    expect(doc.getPageCount()).toBe(1);
    const { width, height } = doc.getPage(0).getSize();
    expect([Math.round(width), Math.round(height)]).toEqual([842, 595]);
  });
});
