import { useCallback, useEffect, useRef, useState } from 'react';
import { nextPage } from '../services/api';
import type { Page } from '../services/types';
import { asApiError, type ApiError } from '../services/http';

export interface PagedList<T> {
  items: T[];
  count: number;
  loading: boolean;
  loadingMore: boolean;
  error: ApiError | null;
  hasMore: boolean;
  refresh: () => Promise<void>;
  loadMore: () => Promise<void>;
}

/**
 * A list that grows page by page by following the API's `next` links (infinite scroll), and starts over
 * on refresh or when `deps` change. Stale answers from an earlier query are dropped.
 */
export function usePagedList<T>(first: () => Promise<Page<T>>, deps: unknown[]): PagedList<T> {
  const [items, setItems] = useState<T[]>([]);
  const [count, setCount] = useState(0);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await first();
      if (mine !== generation.current) return;
      setItems(page.results);
      setCount(page.count);
      setNext(page.next);
    } catch (err) {
      if (mine === generation.current) setError(asApiError(err));
    } finally {
      if (mine === generation.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  const loadMore = useCallback(async () => {
    if (!next || loadingMore || loading) return;
    const mine = generation.current;
    setLoadingMore(true);
    try {
      const page = await nextPage<T>(next);
      if (mine !== generation.current) return;
      setItems((old) => [...old, ...page.results]);
      setCount(page.count);
      setNext(page.next);
    } catch (err) {
      if (mine === generation.current) setError(asApiError(err));
    } finally {
      setLoadingMore(false);
    }
  }, [next, loadingMore, loading]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { items, count, loading, loadingMore, error, hasMore: next !== null, refresh, loadMore };
}
