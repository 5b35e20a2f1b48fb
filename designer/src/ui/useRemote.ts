import { ApiError } from '../api/client';
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Remote<T> {
  data: T | undefined;
  error: string | undefined;
  /** The API answered 404 for the resource itself: the endpoint is not served (yet). */
  notServed: boolean;
  loading: boolean;
  reload(): void;
}

/**
 * Loads data from the API, again whenever `deps` change and, with `pollMs`, on that interval
 * (the console's live board and alert feed). Keeps the last data while reloading.
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[], pollMs?: number): Remote<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<string>();
  const [notServed, setNotServed] = useState(false);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    setLoading(true);
    loadRef
      .current()
      .then((value) => {
        if (!live) return;
        setData(value);
        setError(undefined);
        setNotServed(false);
      })
      .catch((e: unknown) => {
        if (!live) return;
        setError(e instanceof Error ? e.message : String(e));
        setNotServed(e instanceof ApiError && e.status === 404 && e.code === 'not-found' && /^Resource/.test(e.message));
      })
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [...deps, tick]);

  useEffect(() => {
    if (pollMs === undefined) return;
    const timer = setInterval(reload, pollMs);
    return () => clearInterval(timer);
  }, [pollMs, reload]);

  return { data, error, notServed, loading, reload };
}
