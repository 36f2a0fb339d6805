import { extname } from 'node:path';
import type { Middleware } from 'koa';
import { ForbiddenError, NotFoundError } from '../../errors';
import { isValidMediaKey } from '../../storage/media-storage';
import type { AppContext, AppState } from '../context';

const CONTENT_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.webm': 'video/webm',
  '.mov': 'video/quicktime',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.aac': 'audio/aac',
  '.wav': 'audio/wav',
  '.pdf': 'application/pdf',
  '.md': 'text/markdown; charset=utf-8',
  '.html': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.jpg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

/** A percent-encoded key, or null when the encoding is broken (a bad link, not a server error). */
function decodeKey(encoded: string): string | null {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

/**
 * GET /media/<key>: covers are public; everything else needs a valid, unexpired signature from the
 * course detail. Supports byte ranges so players can seek. Creator HTML is sent as text, never rendered.
 */
export function mediaRoutes(): Middleware<AppState, AppContext> {
  return async function mediaMiddleware(ctx, next) {
    if (!ctx.path.startsWith('/media/') || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    const key = decodeKey(ctx.path.slice('/media/'.length));
    if (key === null || !isValidMediaKey(key)) throw new NotFoundError('media');
    if (!key.startsWith('covers/')) {
      const verdict = ctx.container.mediaUrls.verify(key, ctx.query.exp as string | undefined, ctx.query.sig as string | undefined);
      if (verdict === 'expired') throw new ForbiddenError('this media link has expired; reopen the lesson', 'MEDIA_LINK_EXPIRED');
      if (verdict === 'invalid') throw new ForbiddenError('this media link is not valid', 'MEDIA_LINK_INVALID');
    }
    const object = await ctx.container.storage.stat(key);
    if (!object) throw new NotFoundError('media');

    ctx.type = CONTENT_TYPES[extname(key)] ?? 'application/octet-stream';
    ctx.set('Accept-Ranges', 'bytes');
    ctx.set('Cache-Control', key.startsWith('covers/') ? 'public, max-age=86400' : 'private, max-age=300');
    ctx.set('X-Content-Type-Options', 'nosniff');
    const range = /^bytes=(\d*)-(\d*)$/.exec(ctx.get('range'));
    if (range && object.size > 0 && (range[1] || range[2])) {
      const start = range[1] ? Number(range[1]) : Math.max(0, object.size - Number(range[2]));
      const end = range[1] && range[2] ? Math.min(Number(range[2]), object.size - 1) : object.size - 1;
      if (start > end || start >= object.size) {
        ctx.status = 416;
        ctx.set('Content-Range', `bytes */${object.size}`);
        ctx.body = { error: { code: 'RANGE_NOT_SATISFIABLE', message: 'the requested range is outside the file' } };
        return;
      }
      ctx.status = 206;
      ctx.set('Content-Range', `bytes ${start}-${end}/${object.size}`);
      ctx.length = end - start + 1;
      // HEAD gets no body at all: a null body would turn the answer into a 204 without Content-Length.
      if (ctx.method !== 'HEAD') ctx.body = ctx.container.storage.read(key, { start, end });
      return;
    }
    ctx.status = 200;
    ctx.length = object.size;
    if (ctx.method !== 'HEAD') ctx.body = ctx.container.storage.read(key);
  };
}
