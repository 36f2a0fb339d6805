import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/** Paths that belong to the API, media, the dashboards and probes: never answered with the app. */
const NOT_THE_APP = /^\/(api|media|admin|healthz|readyz|metrics)(\/|$)/;
/** Where the app's pages live (the main package, the subpackages): such paths get the app's shell. */
const APP_PAGE = /^\/(pages|learning|creator)\//;
/** Webpack names these by content hash, so they may be cached for good. */
const HASHED_ASSET = /\/(js|css|static)\//;

/**
 * Serves the built H5 store at `/`: its files, and index.html for any other page path (the app routes
 * in the browser). Before the app is built, `/` says how to build it instead of a bare 404.
 */
export function h5App(dir: string): Middleware {
  const files = serve(dir, {
    index: 'index.html',
    gzip: false,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexHtml = join(dir, 'index.html');

  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || NOT_THE_APP.test(ctx.path)) return next();
    if (!existsSync(indexHtml)) {
      if (ctx.path !== '/') return next();
      ctx.status = 503;
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = 'The H5 store is not built yet: run `npm run build:h5 -w miniprogram` (npm start does it for you).\n';
      return;
    }
    await files(ctx, async () => {});
    if (ctx.body !== undefined && ctx.body !== null) return;
    // A page of the app (opened from a shared link, or reloaded): the app's shell routes it in the browser.
    if (!APP_PAGE.test(ctx.path)) return next();
    ctx.path = '/';
    await files(ctx, async () => {});
  };
}
