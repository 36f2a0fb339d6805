import type { Page, PageRequest } from '../shared/pagination';
import type { Ctx } from './context';

export interface PageBody<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** The contract's list shape; next/previous are relative links that keep every other query parameter. */
export function pageBody<T, R>(ctx: Ctx, request: PageRequest, page: Page<T>, serialize: (item: T) => R): PageBody<R> {
  const link = (n: number): string => {
    const params = new URLSearchParams(ctx.querystring);
    params.set('page', String(n));
    params.set('page_size', String(request.pageSize));
    return `${ctx.path}?${params.toString()}`;
  };
  const lastPage = Math.max(1, Math.ceil(page.count / request.pageSize));
  return {
    count: page.count,
    next: request.page < lastPage ? link(request.page + 1) : null,
    previous: request.page > 1 ? link(Math.min(request.page - 1, lastPage)) : null,
    results: page.results.map(serialize),
  };
}

export function pageRequest(query: { page: number; page_size: number }): PageRequest {
  return { page: query.page, pageSize: query.page_size };
}
