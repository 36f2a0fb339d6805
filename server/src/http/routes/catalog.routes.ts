import Router from '@koa/router';
import { z } from 'zod';
import { COURSE_SORTS } from '../../domain/catalog/catalog.service';
import { ValidationError } from '../../errors';
import { viewerOf, type AppContext, type AppState } from '../context';
import { pageBody, pageRequest } from '../pagination';
import type { CourseSummary } from '../../domain/catalog/catalog.service';
import type { MediaUrlSigner } from '../../storage/media-url-signer';
import { route } from '../route';
import { serializeCourse, serializeCourseDetail } from '../serializers/course.serializer';
import { idParam, pageQuery, yuanQuery } from '../validation';

const courseListQuery = pageQuery.extend({
  category: z.string({ error: 'must be given once' }).trim().min(1, 'must not be empty').max(64, 'must be at most 64 characters').optional(),
  q: z.string({ error: 'must be given once' }).trim().max(100, 'must be at most 100 characters').optional(),
  sort: z.enum(COURSE_SORTS, { error: `must be one of ${COURSE_SORTS.join(', ')}` }).optional(),
  min_price: yuanQuery.optional(),
  max_price: yuanQuery.optional(),
});

/**
 * The JSON of a page's items, made once per cached page: the catalog cache hands out the same results
 * array until the page is dropped, and list items hold nothing viewer- or time-dependent (covers are public).
 */
const itemsJson = new WeakMap<readonly CourseSummary[], string>();
function resultsJson(results: readonly CourseSummary[], urls: MediaUrlSigner): string {
  let json = itemsJson.get(results);
  if (json === undefined) {
    json = JSON.stringify(results.map((c) => serializeCourse(c, urls)));
    itemsJson.set(results, json);
  }
  return json;
}

export function catalogRoutes() {
  const router = new Router<AppState, AppContext>();

  route(router, { method: 'get', path: '/api/categories', summary: 'All categories', tag: 'catalog' }, async (ctx) => {
    const categories = await ctx.container.catalog.listCategories();
    ctx.body = categories.map((c) => ({ id: c.id, name: c.name, slug: c.slug }));
  });

  route(
    router,
    {
      method: 'get',
      path: '/api/courses',
      summary: 'Published courses: filter by category, keyword (Chinese-aware), price range; sort; paginate',
      tag: 'catalog',
      query: courseListQuery,
    },
    async (ctx, { query }) => {
      if (query.min_price !== undefined && query.max_price !== undefined && query.min_price > query.max_price) {
        throw ValidationError.field('min_price', 'must not be above max_price');
      }
      const page = pageRequest(query);
      const result = await ctx.container.catalog.listCourses(
        { category: query.category, q: query.q || undefined, sort: query.sort, minPriceFen: query.min_price, maxPriceFen: query.max_price },
        page,
      );
      const { count, next, previous } = pageBody(ctx, page, { count: result.count, results: [] }, () => null);
      ctx.type = 'application/json';
      ctx.body = `{"count":${count},"next":${JSON.stringify(next)},"previous":${JSON.stringify(previous)},"results":${resultsJson(result.results, ctx.container.mediaUrls)}}`;
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/courses/:id',
      summary: 'A course with its chapters and lessons; lesson URLs only for those who may play them',
      tag: 'catalog',
      params: idParam,
      responses: { 200: 'The course', 404: 'No such course (or not published)' },
    },
    async (ctx, { params }) => {
      const viewer = viewerOf(ctx);
      const outline = await ctx.container.catalog.getOutline(params.id, viewer);
      await ctx.container.courseViews.record(outline.course, viewer);
      ctx.body = serializeCourseDetail(outline, ctx.container.mediaUrls);
    },
  );

  return router;
}
