import { open } from 'node:fs/promises';

const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'application/pdf': (h) => h.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  'image/webp': (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  'audio/wav': (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WAVE',
  'audio/mpeg': (h) => h.subarray(0, 3).toString('latin1') === 'ID3' || (h[0] === 0xff && ((h[1] ?? 0) & 0xe0) === 0xe0),
  'video/mp4': (h) => h.subarray(4, 8).toString('latin1') === 'ftyp',
  'video/webm': (h) => h.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
};
SIGNATURES['audio/x-wav'] = SIGNATURES['audio/wav']!;
SIGNATURES['audio/mp4'] = SIGNATURES['video/mp4']!;
SIGNATURES['video/quicktime'] = SIGNATURES['video/mp4']!;
SIGNATURES['audio/aac'] = (h) => h[0] === 0xff && ((h[1] ?? 0) & 0xf6) === 0xf0;

/**
 * Whether a file's first bytes fit the type its uploader claimed: binary types by their magic
 * numbers, text types by holding no NUL bytes. A renamed executable does not pass as a PDF.
 */
export async function contentMatchesType(path: string, mimeType: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    const bytes = head.subarray(0, bytesRead);
    if (mimeType.startsWith('text/')) return !bytes.includes(0);
    const check = SIGNATURES[mimeType];
    return check ? check(bytes) : false;
  } finally {
    await file.close();
  }
}
