import { certificateSvg, chinaDate } from './certificate-document';

describe('the certificate picture', () => {
  const facts = { code: 'KP-AB1C2-D3E4F', learnerName: '张<三>', courseName: '摄影 & 构图', issuedAt: new Date('2026-11-26T17:30:00Z'), verifyUrl: 'https://example.com/api/certificates/KP-AB1C2-D3E4F' };

  it('carries name, course, date in China and the code, with text escaped', () => {
    const svg = certificateSvg(facts);
    expect(svg).toContain('张&lt;三&gt;');
    expect(svg).toContain('《摄影 &amp; 构图》');
    expect(svg).toContain('2026年11月27日');
    expect(svg).toContain('KP-AB1C2-D3E4F');
  });

  it('writes the day as people in China read it', () => {
    expect(chinaDate(new Date('2026-01-05T02:00:00Z'))).toBe('2026年1月5日');
  });
});
