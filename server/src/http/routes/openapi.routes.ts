import Router from '@koa/router';
import { OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { AppContext, AppState } from '../context';
import { openApiRegistry } from '../route';

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The OpenAPI 3.1 document built from the routes' own zod schemas, and a plain page that lists it. */
export function openApiRoutes() {
  const router = new Router<AppState, AppContext>();
  let document: ReturnType<OpenApiGeneratorV31['generateDocument']> | undefined;
  const build = () =>
    (document ??= new OpenApiGeneratorV31(openApiRegistry.definitions).generateDocument({
      openapi: '3.1.0',
      info: { title: 'knowpay API', version: '0.1.0', description: 'Courses, sign-in, reviews and course authoring. Errors: {error: {code, message, details}}.' },
    }));

  router.get('/api/openapi.json', (ctx) => {
    ctx.body = build();
  });

  router.get('/api/docs', (ctx) => {
    const doc = build();
    const rows = Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
      Object.entries(item as Record<string, { summary?: string; security?: unknown[]; tags?: string[] }>).map(
        ([method, op]) =>
          `<tr><td>${escapeHtml(op.tags?.[0] ?? '')}</td><td><code>${method.toUpperCase()}</code></td><td><code>${escapeHtml(path)}</code></td><td>${escapeHtml(op.summary ?? '')}</td><td>${op.security ? '🔒' : ''}</td></tr>`,
      ),
    );
    ctx.type = 'html';
    ctx.body = `<!doctype html><meta charset="utf-8"><title>knowpay API</title>
<style>body{font:14px system-ui;margin:2em}table{border-collapse:collapse}td{border-bottom:1px solid #ddd;padding:4px 10px}</style>
<h1>knowpay API</h1><p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a>. 🔒 = needs <code>Authorization: Bearer &lt;token&gt;</code>.</p>
<table>${rows.join('')}</table>`;
  });
  return router;
}
