import { newCertificateCode, normalizeCertificateCode } from './certificate-code';

describe('certificate codes', () => {
  it('are KP- and two groups of five unambiguous characters, different each time', () => {
    const codes = new Set(Array.from({ length: 50 }, newCertificateCode));
    expect(codes.size).toBe(50);
    for (const code of codes) expect(code).toMatch(/^KP-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it('are read back as people type them', () => {
    expect(normalizeCertificateCode(' kp-ab1c2 d3e4f ')).toBe('KP-AB1C2-D3E4F');
    expect(normalizeCertificateCode('KPOOIL0ABCDE')).toBe('KP-00110-ABCDE');
    expect(normalizeCertificateCode('KP-ABC')).toBeNull();
    expect(normalizeCertificateCode('KP-UUUUU-UUUUU')).toBeNull();
  });
});
