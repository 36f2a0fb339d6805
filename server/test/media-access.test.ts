import { expectError } from './support/expect-error';
import {
  buildCourse,
  enroll,
  publishCourse,
  registerAdmin,
  registerCreator,
  registerUser,
  uploadMedia,
  wav,
  type Account,
  type BuiltCourse,
} from './support/fixtures';
import { startTestApp, type ApiResponse, type TestApp } from './support/harness';

interface LessonView {
  id: number;
  title: string;
  kind: string;
  duration_s: number;
  free_preview: boolean;
  url: string | null;
}

interface Detail {
  id: number;
  enrolled: boolean;
  chapters: Array<{ id: number; title: string; lessons: LessonView[] }>;
  videos: Array<{ id: number; title: string; url: string | null }>;
  documents: Array<{ id: number; title: string; url: string | null }>;
}

/** Just enough of an MP4 for the type sniffer: a box header whose type is "ftyp". */
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom\0\0\u0002\0isomiso2', 'latin1'), Buffer.alloc(256)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const WAV = wav();

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

let creator: Account;
let admin: Account;
let enrolled: Account;
let stranger: Account;
let course: BuiltCourse;
let videoLessonId: number;
let documentLessonId: number;
let emptyPreviewLessonId: number;

beforeAll(async () => {
  [creator, admin, enrolled, stranger] = await Promise.all([registerCreator(app), registerAdmin(app), registerUser(app), registerUser(app)]);
  course = await buildCourse(app, creator);
  const chapter = await app.request<{ id: number }>('POST', `/api/creator/courses/${course.id}/chapters`, { token: creator.token, body: { title: '第二章' } });
  const lesson = async (body: Record<string, unknown>) =>
    (await app.request<{ id: number }>('POST', `/api/creator/chapters/${chapter.body.id}/lessons`, { token: creator.token, body })).body.id;
  videoLessonId = await lesson({ title: '视频导读', kind: 'video', duration_s: 90, free_preview: true });
  documentLessonId = await lesson({ title: '讲义', kind: 'document', free_preview: false });
  emptyPreviewLessonId = await lesson({ title: '即将上线', kind: 'audio', free_preview: true });
  expect((await uploadMedia(app, creator, videoLessonId, MP4, 'intro.mp4', 'video/mp4')).status).toBe(200);
  expect((await uploadMedia(app, creator, documentLessonId, PDF, 'notes.pdf', 'application/pdf')).status).toBe(200);
  await publishCourse(app, creator, admin, course.id);
  await enroll(app, enrolled.user.id, course.id);
});

async function detail(token?: string): Promise<Detail> {
  const res = await app.request<Detail>('GET', `/api/courses/${course.id}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

function lessonUrl(d: Detail, lessonId: number): string | null | undefined {
  return d.chapters.flatMap((c) => c.lessons).find((l) => l.id === lessonId)?.url;
}

/** Fetches a media URL (absolute, as the API hands it out) as a relative request to the test app. */
async function fetchMedia(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Headers; bytes: Buffer; json?: unknown }> {
  const res = await fetch(new URL(new URL(url).pathname + new URL(url).search, app.baseUrl), { method, headers });
  const bytes = Buffer.from(await res.arrayBuffer());
  const json = (res.headers.get('content-type') ?? '').includes('json') && bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined;
  return { status: res.status, headers: res.headers, bytes, json };
}

function asResponse(r: { status: number; headers: Headers; json?: unknown }): ApiResponse {
  return { status: r.status, headers: r.headers, body: r.json };
}

/** The URL with one query parameter replaced. */
function withParam(url: string, name: string, value: string): string {
  const u = new URL(url);
  u.searchParams.set(name, value);
  return u.toString();
}

describe('what the course detail hands out', () => {
  it('gives anonymous visitors a URL for the free preview only', async () => {
    const d = await detail();
    expect(d.enrolled).toBe(false);
    expect(lessonUrl(d, course.previewLessonId)).toMatch(/^http:\/\/[^/]+\/media\/lessons\/[A-Za-z0-9._/-]+\.wav\?exp=\d+&sig=[A-Za-z0-9_-]+$/);
    expect(lessonUrl(d, course.paidLessonId)).toBeNull();
    expect(lessonUrl(d, documentLessonId)).toBeNull();
    expect(lessonUrl(d, videoLessonId)).toMatch(/\.mp4\?exp=/);
  });

  it('gives no URL to a free preview that has no media yet', async () => {
    expect(lessonUrl(await detail(), emptyPreviewLessonId)).toBeNull();
    expect(lessonUrl(await detail(creator.token), emptyPreviewLessonId)).toBeNull();
  });

  it('gives a signed-in learner who has not bought the course the preview only', async () => {
    const d = await detail(stranger.token);
    expect(d.enrolled).toBe(false);
    expect(lessonUrl(d, course.previewLessonId)).not.toBeNull();
    expect(lessonUrl(d, course.paidLessonId)).toBeNull();
  });

  it('gives an enrolled learner every URL', async () => {
    const d = await detail(enrolled.token);
    expect(d.enrolled).toBe(true);
    for (const id of [course.previewLessonId, course.paidLessonId, videoLessonId, documentLessonId]) expect(lessonUrl(d, id)).toMatch(/\/media\/lessons\/.+\?exp=\d+&sig=/);
  });

  it('gives the creator and admins every URL', async () => {
    for (const token of [creator.token, admin.token]) {
      const d = await detail(token);
      expect(d.enrolled).toBe(false);
      expect(lessonUrl(d, course.paidLessonId)).toMatch(/\/media\/lessons\/.+\?exp=\d+&sig=/);
      expect(lessonUrl(d, documentLessonId)).toMatch(/\/media\/lessons\/.+\.pdf\?exp=\d+&sig=/);
    }
  });

  it("has the seed's videos[] and documents[] arrays of {id, title, url}", async () => {
    const anonymous = await detail();
    expect(anonymous.videos).toEqual([{ id: videoLessonId, title: '视频导读', url: expect.stringMatching(/\.mp4\?exp=\d+&sig=/) }]);
    expect(anonymous.documents).toEqual([{ id: documentLessonId, title: '讲义', url: null }]);

    const buyer = await detail(enrolled.token);
    expect(buyer.videos).toEqual([{ id: videoLessonId, title: '视频导读', url: expect.stringMatching(/\.mp4\?exp=/) }]);
    expect(buyer.documents).toEqual([{ id: documentLessonId, title: '讲义', url: expect.stringMatching(/\.pdf\?exp=/) }]);
    // Audio lessons belong to neither list.
    const listed = [...buyer.videos, ...buyer.documents].map((x) => x.id);
    expect(listed).not.toContain(course.previewLessonId);
    expect(listed).not.toContain(course.paidLessonId);
  });
});

describe('fetching signed media', () => {
  let previewUrl: string;
  beforeAll(async () => {
    previewUrl = lessonUrl(await detail(), course.previewLessonId)!;
  });

  it('serves the WAV bytes as audio/wav', async () => {
    const res = await fetchMedia(previewUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('audio/wav');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-length')).toBe(String(WAV.length));
    expect(res.headers.get('cache-control')).toMatch(/private/);
    expect(res.bytes.equals(WAV)).toBe(true);
  });

  it('answers HEAD with the length and no body', async () => {
    const res = await fetchMedia(previewUrl, {}, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-length')).toBe(String(WAV.length));
    expect(res.bytes.length).toBe(0);
    const ranged = await fetchMedia(previewUrl, { range: 'bytes=0-9' }, 'HEAD');
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-9/${WAV.length}`);
    expect(ranged.headers.get('content-length')).toBe('10');
  });

  it('answers a Range request with 206 and Content-Range', async () => {
    const first = await fetchMedia(previewUrl, { range: 'bytes=0-43' });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-43/${WAV.length}`);
    expect(first.bytes.equals(WAV.subarray(0, 44))).toBe(true);

    const middle = await fetchMedia(previewUrl, { range: 'bytes=100-199' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 100-199/${WAV.length}`);
    expect(middle.bytes.equals(WAV.subarray(100, 200))).toBe(true);

    const suffix = await fetchMedia(previewUrl, { range: 'bytes=-10' });
    expect(suffix.status).toBe(206);
    expect(suffix.headers.get('content-range')).toBe(`bytes ${WAV.length - 10}-${WAV.length - 1}/${WAV.length}`);
    expect(suffix.bytes.equals(WAV.subarray(WAV.length - 10))).toBe(true);

    const open = await fetchMedia(previewUrl, { range: `bytes=${WAV.length - 4}-` });
    expect(open.status).toBe(206);
    expect(open.bytes.equals(WAV.subarray(WAV.length - 4))).toBe(true);
  });

  it('answers a range outside the file with 416', async () => {
    const res = await fetchMedia(previewUrl, { range: `bytes=${WAV.length + 10}-` });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${WAV.length}`);
  });

  it('serves a paid lesson to whoever holds the signed link, with the right type', async () => {
    const d = await detail(enrolled.token);
    const paid = await fetchMedia(lessonUrl(d, course.paidLessonId)!);
    expect(paid.status).toBe(200);
    expect(paid.bytes.equals(WAV)).toBe(true);
    const doc = await fetchMedia(lessonUrl(d, documentLessonId)!);
    expect(doc.status).toBe(200);
    expect(doc.headers.get('content-type')).toBe('application/pdf');
    expect(doc.bytes.equals(PDF)).toBe(true);
    const video = await fetchMedia(lessonUrl(d, videoLessonId)!);
    expect(video.headers.get('content-type')).toBe('video/mp4');
    expect(video.bytes.equals(MP4)).toBe(true);
  });
});

describe('refused media requests', () => {
  let previewUrl: string;
  let paidUrl: string;
  beforeAll(async () => {
    previewUrl = lessonUrl(await detail(), course.previewLessonId)!;
    paidUrl = lessonUrl(await detail(enrolled.token), course.paidLessonId)!;
  });

  it('answers a tampered signature with 403 MEDIA_LINK_INVALID', async () => {
    const sig = new URL(previewUrl).searchParams.get('sig')!;
    const flipped = (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    const res = await fetchMedia(withParam(previewUrl, 'sig', flipped));
    expectError(asResponse(res), 403, 'MEDIA_LINK_INVALID');
    expect(res.bytes.includes(WAV.subarray(0, 12))).toBe(false);
    expectError(asResponse(await fetchMedia(withParam(previewUrl, 'sig', sig.slice(0, -1)))), 403, 'MEDIA_LINK_INVALID');
  });

  it('answers a pushed-back expiry with 403 MEDIA_LINK_INVALID', async () => {
    const exp = Number(new URL(previewUrl).searchParams.get('exp'));
    expectError(asResponse(await fetchMedia(withParam(previewUrl, 'exp', String(exp + 365 * 24 * 3600)))), 403, 'MEDIA_LINK_INVALID');
  });

  it("does not let the preview's signature open the paid lesson", async () => {
    const preview = new URL(previewUrl);
    const forged = new URL(paidUrl);
    forged.search = preview.search;
    expectError(asResponse(await fetchMedia(forged.toString())), 403, 'MEDIA_LINK_INVALID');
  });

  it('answers a bare /media/<key> without a signature with 403', async () => {
    const bare = new URL(paidUrl);
    bare.search = '';
    expectError(asResponse(await fetchMedia(bare.toString())), 403, 'MEDIA_LINK_INVALID');
    bare.search = `?exp=${new URL(paidUrl).searchParams.get('exp')}`;
    expectError(asResponse(await fetchMedia(bare.toString())), 403, 'MEDIA_LINK_INVALID');
  });

  it('answers path traversal with 404, signed or not, including under the public covers/', async () => {
    const sigOf = new URL(previewUrl).search;
    for (const path of [
      '/media/..%2F..%2Fetc%2Fpasswd',
      `/media/..%2F..%2Fetc%2Fpasswd${sigOf}`,
      '/media/lessons%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '/media/covers%2F..%2F..%2F..%2Fetc%2Fpasswd',
      '/media/covers/..%2F..%2Fsecrets%2Flocal.json',
      '/media/%2Fetc%2Fpasswd',
    ]) {
      const res = await app.request('GET', path);
      expect({ path, status: res.status, code: (res.body as { error?: { code: string } }).error?.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });

  it('answers a malformed percent-encoding in a media path with 404, never 500', async () => {
    for (const path of ['/media/%E0%A4%A', '/media/covers/%ZZ.png', '/media/%']) {
      const res = await app.request('GET', path);
      expect({ path, status: res.status, code: (res.body as { error?: { code: string } }).error?.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
  });
});

describe('link expiry', () => {
  it('expires links after their lifetime; the detail hands out fresh ones', async () => {
    const oldUrl = lessonUrl(await detail(), course.previewLessonId)!;
    expect((await fetchMedia(oldUrl)).status).toBe(200);

    app.clock.advance(3601);
    const expired = await fetchMedia(oldUrl);
    expectError(asResponse(expired), 403, 'MEDIA_LINK_EXPIRED');

    const freshUrl = lessonUrl(await detail(), course.previewLessonId)!;
    expect(freshUrl).not.toBe(oldUrl);
    const fresh = await fetchMedia(freshUrl);
    expect(fresh.status).toBe(200);
    expect(fresh.bytes.equals(WAV)).toBe(true);
  });
});
