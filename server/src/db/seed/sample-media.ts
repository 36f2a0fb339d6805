import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isValidMediaKey } from '../../storage/media-storage';

/**
 * Small but real media files for the demo catalog, so every lesson opens in the app: a short tone for
 * audio, a one-page PDF, one Markdown article per article lesson, and an eight-second WebM clip for video
 * lessons (recorded once by scripts/make-demo-video.mjs and kept in assets/).
 */

export const DEMO_AUDIO_KEY = 'demo/audio-tone.wav';
export const DEMO_DOCUMENT_KEY = 'demo/document.pdf';
export const DEMO_VIDEO_KEY = 'demo/lesson-clip.webm';
const DEMO_VIDEO_FILE = join(__dirname, 'assets', 'demo-lesson.webm');

export interface DemoArticle {
  courseName: string;
  courseDescription: string;
  lessonTitle: string;
}

export interface SampleMediaKeys {
  audioKey: string;
  documentKey: string;
  videoKey: string;
  /** The key of the article written for this course and lesson title. */
  articleKey(courseName: string, lessonTitle: string): string;
}

/**
 * Article titles are mostly Chinese, which media keys cannot carry, so the key is a digest of course and
 * title: stable across runs, distinct between lessons.
 */
export function demoArticleKey(courseName: string, lessonTitle: string): string {
  const digest = createHash('sha256').update(`${courseName}\n${lessonTitle}`).digest('hex').slice(0, 16);
  return `demo/articles/${digest}.md`;
}

/**
 * Writes the shared audio and document and one Markdown file per article into `mediaDir`. Idempotent:
 * files already holding the same bytes are left alone, so running it again changes nothing.
 */
export async function writeSampleMedia(mediaDir: string, articles: readonly DemoArticle[] = []): Promise<SampleMediaKeys> {
  await writeIfChanged(mediaDir, DEMO_AUDIO_KEY, sineWav({ seconds: 3, frequencyHz: 440, sampleRate: 8000 }));
  await writeIfChanged(mediaDir, DEMO_DOCUMENT_KEY, minimalPdf('knowpay demo document'));
  await writeIfChanged(mediaDir, DEMO_VIDEO_KEY, await readFile(DEMO_VIDEO_FILE));
  for (const a of articles) {
    await writeIfChanged(mediaDir, demoArticleKey(a.courseName, a.lessonTitle), Buffer.from(articleMarkdown(a), 'utf8'));
  }
  return { audioKey: DEMO_AUDIO_KEY, documentKey: DEMO_DOCUMENT_KEY, videoKey: DEMO_VIDEO_KEY, articleKey: demoArticleKey };
}

async function writeIfChanged(mediaDir: string, key: string, data: Buffer): Promise<void> {
  if (!isValidMediaKey(key)) throw new RangeError(`invalid media key: ${key}`);
  const target = join(mediaDir, key);
  const existing = await readFile(target).catch(() => null);
  if (existing?.equals(data)) return;
  await mkdir(dirname(target), { recursive: true });
  // Write then rename, so a reader (the media route) never sees a half-written file.
  const partial = `${target}.${process.pid}.partial`;
  await writeFile(partial, data);
  await rename(partial, target);
}

function articleMarkdown(a: DemoArticle): string {
  return [
    `# ${a.lessonTitle}`,
    '',
    `本文是《${a.courseName}》的图文课时。${a.courseDescription}`,
    '',
    '> 这是演示目录中的示例文章，正式课程由讲师上传完整内容。',
    '',
  ].join('\n');
}

/** A PCM 16-bit mono WAV of a sine tone, faded in and out so it starts and ends without a click. */
export function sineWav(opts: { seconds: number; frequencyHz: number; sampleRate: number }): Buffer {
  const samples = Math.round(opts.seconds * opts.sampleRate);
  const dataBytes = samples * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVE', 8, 'ascii');
  wav.write('fmt ', 12, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size for PCM
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(opts.sampleRate, 24);
  wav.writeUInt32LE(opts.sampleRate * 2, 28); // byte rate
  wav.writeUInt16LE(2, 32); // block align
  wav.writeUInt16LE(16, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  const fade = Math.round(opts.sampleRate * 0.05);
  for (let i = 0; i < samples; i++) {
    const envelope = Math.min(1, i / fade, (samples - 1 - i) / fade);
    const value = Math.sin((2 * Math.PI * opts.frequencyHz * i) / opts.sampleRate) * 0.3 * envelope;
    wav.writeInt16LE(Math.round(value * 32767), 44 + i * 2);
  }
  return wav;
}

/**
 * A one-page PDF 1.4 showing `text` in Helvetica, with a cross-reference table at the exact byte offsets.
 * Latin-1 text only: the standard fonts carry no CJK glyphs.
 */
export function minimalPdf(text: string): Buffer {
  const escaped = text.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 24 Tf 72 720 Td (${escaped}) Tj ET\n`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}endstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  // The binary comment after the header tells transfer tools the file is not plain text.
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xrefOffset = Buffer.byteLength(pdf, 'latin1');
  // Each xref entry is exactly 20 bytes: 10-digit offset, 5-digit generation, type, two-byte line end.
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xrefOffset}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}
