import Router from '@koa/router';
import { z } from 'zod';
import type { AppContext, AppState } from '../context';
import { currentUser } from '../middleware/auth';
import { route } from '../route';
import { serializeOwnCertificate, serializeVerifiedCertificate } from '../serializers/certificate.serializer';

const codeParam = z.object({ code: z.string().trim().min(1, 'must not be empty').max(40, 'must be at most 40 characters') });

export function certificateRoutes(publicUrl: string) {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    { method: 'get', path: '/api/me/certificates', summary: 'My certificates of completion, newest first, with PNG and PDF links', tag: 'certificates', auth: true },
    async (ctx) => {
      const certificates = await ctx.container.certificates.listMine(currentUser(ctx).id);
      ctx.body = certificates.map((c) => serializeOwnCertificate(c, ctx.container.mediaUrls, `${publicUrl}/api/certificates/${c.code}`));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/certificates/:code',
      summary: 'Verify a certificate code (public): who finished which course, and when',
      tag: 'certificates',
      params: codeParam,
      responses: { 200: 'A valid certificate', 404: 'No certificate has this code' },
    },
    async (ctx, { params }) => {
      ctx.body = serializeVerifiedCertificate(await ctx.container.certificates.verify(params.code));
    },
  );

  return router;
}
