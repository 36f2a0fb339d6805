import { chinaMinute, clip } from '../notifications/notices';

export interface CertificateFacts {
  code: string;
  learnerName: string;
  courseName: string;
  issuedAt: Date;
  /** Where anyone can check the code. */
  verifyUrl: string;
}

/** Draws a certificate: a PNG and a PDF of the same picture. */
export interface CertificateRenderer {
  render(facts: CertificateFacts): Promise<{ png: Buffer; pdf: Buffer }>;
}

export const CERTIFICATE_SIZE = { width: 1600, height: 1131 } as const;

function xml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** 2026年11月26日, the day in China. */
export function chinaDate(at: Date): string {
  const [y, m, d] = chinaMinute(at).slice(0, 10).split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

/** The certificate as SVG (pure; the renderer draws it with a CJK font). */
export function certificateSvg(f: CertificateFacts): string {
  const { width: w, height: h } = CERTIFICATE_SIZE;
  const text = (y: number, size: number, value: string, attrs: Record<string, string> = {}) => {
    const all = Object.entries({ fill: '#2b2b2b', ...attrs })
      .map(([k, v]) => `${k}="${v}"`)
      .join(' ');
    return `<text x="${w / 2}" y="${y}" font-size="${size}" text-anchor="middle" ${all}>${xml(value)}</text>`;
  };
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">
  <rect width="${w}" height="${h}" fill="#fffdf6"/>
  <rect x="40" y="40" width="${w - 80}" height="${h - 80}" fill="none" stroke="#b8892b" stroke-width="6"/>
  <rect x="60" y="60" width="${w - 120}" height="${h - 120}" fill="none" stroke="#b8892b" stroke-width="2"/>
  ${text(250, 96, '结业证书', { 'font-weight': 'bold', 'letter-spacing': '24' })}
  ${text(320, 32, 'CERTIFICATE OF COMPLETION', { 'letter-spacing': '8', fill: '#8a6d2f' })}
  ${text(500, 72, clip(f.learnerName, 20), { 'font-weight': 'bold' })}
  <line x1="${w / 2 - 300}" y1="530" x2="${w / 2 + 300}" y2="530" stroke="#b8892b" stroke-width="2"/>
  ${text(630, 40, '完成了课程')}
  ${text(710, 52, `《${clip(f.courseName, 28)}》`, { 'font-weight': 'bold' })}
  ${text(790, 40, '的全部学习，特发此证。')}
  ${text(930, 32, `颁发日期：${chinaDate(f.issuedAt)}`)}
  ${text(985, 32, `证书编号：${f.code}`)}
  ${text(1040, 24, `验证：${f.verifyUrl}`, { fill: '#6b6b6b' })}
</svg>`;
}
