import Router from '@koa/router';
import { z } from 'zod';
import { AUDIT_SUBJECTS } from '../../domain/audit/audit-entry.entity';
import type { AppContext, AppState } from '../context';
import { pageBody, pageRequest } from '../pagination';
import { route } from '../route';
import { serializeAuditEntry } from '../serializers/audit.serializer';
import { pageQuery } from '../validation';

const single = z.string({ error: 'must be given once' });
const positiveId = single.regex(/^[1-9]\d{0,9}$/, 'must be a positive integer id').transform(Number);

export function auditRoutes() {
  const router = new Router<AppState, AppContext>();

  route(
    router,
    {
      method: 'get',
      path: '/api/admin/audit',
      summary: 'Who changed what, newest first: filter by subject (type and id), course, actor or action',
      tag: 'admin',
      auth: ['admin'],
      query: pageQuery.extend({
        subject_type: z.enum(AUDIT_SUBJECTS, { error: `must be one of ${AUDIT_SUBJECTS.join(', ')}` }).optional(),
        subject_id: positiveId.optional(),
        course: positiveId.optional(),
        actor: positiveId.optional(),
        action: single.regex(/^[a-z]+\.[a-z_]+$/, 'must be an action such as course.update').optional(),
      }),
    },
    async (ctx, { query }) => {
      const page = pageRequest(query);
      const result = await ctx.container.audit.list(
        { subjectType: query.subject_type, subjectId: query.subject_id, courseId: query.course, actorId: query.actor, action: query.action },
        page,
      );
      ctx.body = pageBody(ctx, page, result, serializeAuditEntry);
    },
  );

  return router;
}
