import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/orders';

/**
 * A list read page by page with the API's cursor: the first page again whenever `deps`
 * change (or on `reload`), further pages appended by `more`.
 */
export function usePages<T>(load: (cursor?: string) => Promise<Page<T>>, deps: readonly unknown[]) {
  const [items, setItems] = useState<T[]>();
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const generation = useRef(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  const fetchPage = useCallback((cursor: string | undefined) => {
    const mine = ++generation.current;
    setLoading(true);
    loadRef
      .current(cursor)
      .then((page) => {
        if (mine !== generation.current) return;
        setItems((before) => (cursor === undefined ? page.items : [...(before ?? []), ...page.items]));
        setNext(page.nextCursor);
        setError(undefined);
      })
      .catch((e: unknown) => mine === generation.current && setError(e instanceof Error ? e.message : String(e)))
      .finally(() => mine === generation.current && setLoading(false));
  }, []);

  useEffect(() => fetchPage(undefined), [...deps, tick]);

  return { items, error, loading, hasMore: next !== null, more: () => next !== null && fetchPage(next), reload };
}
